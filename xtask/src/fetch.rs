//! `cargo xtask fetch-reference <service>…`: download a service's AWS API Reference pages.
//!
//! docs.aws.amazon.com serves each page of an API Reference in Markdown too: the `.html`
//! address with `.md` (`https://docs.aws.amazon.com/<guide>/latest/APIReference/API_<Name>.md`).
//! This command saves those pages, unmodified, as `<docs>/<service>/reference/API_<Name>.md`
//! (plus `CommonErrors.md`, `CommonParameters.md` and `Welcome.md` when the guide has them) and
//! writes `SOURCES.md` there with the attribution the pages need (CC BY-SA 4.0): its own part
//! of the file, between two comment lines, so a `SOURCES.md` already there keeps its text.
//!
//! Where: the guide of each service in [`KNOWN`] (S3's and SNS's books are `API` and `api`,
//! not `APIReference`); `--guide NAME` for any other (`NAME/latest/APIReference`, or the whole
//! path `NAME/latest/BOOK`), `--base-url` for another host (the tests' loopback server).
//!
//! Which pages (the page format: `shared/docs/apiref-format.md` §1, §2, §12):
//!
//! * the guide's index pages `API_Operations.md` (required: a 404 means the guide name is
//!   wrong) and `API_Types.md`. A guide that hosts several botocore services (DynamoDB's lists
//!   DAX and Streams, Backup's Backup gateway and search, S3's S3 Control and more) groups its
//!   index in sections "The following actions are supported by `<Title>`:"; only the service's
//!   section counts (the title in [`KNOWN`], else the section that lists most of the service's
//!   boto3 operations), and its sub-service index pages `API_Operations_<Title>.md` /
//!   `API_Types_<Title>.md` are fetched when the site has them and their title matches;
//! * every `API_*.md` page those indexes link to, then every page those pages link to
//!   (data types met only in an operation page), in both link forms: AWS's own `[X](API_X.md)`
//!   and the lower-case `[X](api-x.md)` of HTML-converted copies (the page name is then taken
//!   from the link text). Sub-services' pages carry a prefix (`API_dax_CreateCluster.md`): only
//!   pages with the service's own prefix (none, for most) are fetched;
//! * for every operation the service's boto3 client pages (`<docs>/<service>/client/*.rst|txt`)
//!   name in their `goto/WebAPI/<uid>/<Operation>` link, `API_<Operation>.md` when no index
//!   listed it (index pages can be older than the operations). The site's 404 for such a page
//!   is a warning naming the operation. Plain-text pages lost that link: their file name is
//!   matched with the listed pages, ignoring case and underscores.
//!
//! Behaviour: at most `--rate` requests per second, one at a time; a page already in the folder
//! is not downloaded again (`--force` re-downloads everything, the index pages included), and
//! is read to follow its links; each page is written to a hidden `.<name>.part` file and
//! renamed, so an interrupted run leaves no half page and a re-run completes what is missing
//! (it asks the site only for pages the folder lacks: those the site did not have last time,
//! and optional ones such as a sub-service index).
//! Statuses other than 200 and 404, and failures after the connection was made, are tried
//! three times in all (0.5 s and 1 s apart, longer when the server sends `Retry-After`); a host
//! that cannot be reached at all stops the command at once.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub const DEFAULT_BASE_URL: &str = "https://docs.aws.amazon.com";

/// A service whose API Reference guide is known.
struct Known {
    /// botocore's service name (the `docs-input/` folder).
    service: &'static str,
    /// The guide's path under the base URL.
    guide: &'static str,
    /// The index section of a guide that hosts several services: "supported by `<section>`:".
    section: Option<&'static str>,
    /// `API_Operations_<X>.md`, when `X` is not the section title with `_` for spaces.
    sub_index: Option<&'static str>,
}

const fn known(service: &'static str, guide: &'static str) -> Known {
    Known { service, guide, section: None, sub_index: None }
}

const fn hosted(service: &'static str, guide: &'static str, section: &'static str) -> Known {
    Known { service, guide, section: Some(section), sub_index: None }
}

/// Every service whose guide is known for certain (the addresses of the pages in
/// `shared/api-reference/`, and the sections of their guides' index pages).
const KNOWN: &[Known] = &[
    hosted("backup", "aws-backup/latest/APIReference", "AWS Backup"),
    known("cloudhsmv2", "cloudhsm/latest/APIReference"),
    hosted("dax", "amazondynamodb/latest/APIReference", "DynamoDB Accelerator"),
    hosted("dynamodb", "amazondynamodb/latest/APIReference", "Amazon DynamoDB"),
    hosted("dynamodbstreams", "amazondynamodb/latest/APIReference", "Amazon DynamoDB Streams"),
    known("ec2", "AWSEC2/latest/APIReference"),
    known("iam", "IAM/latest/APIReference"),
    Known {
        service: "s3",
        guide: "AmazonS3/latest/API",
        section: Some("Amazon S3"),
        sub_index: Some("Amazon_Simple_Storage_Service"),
    },
    hosted("s3control", "AmazonS3/latest/API", "Amazon S3 Control"),
    known("sns", "sns/latest/api"),
    known("sts", "STS/latest/APIReference"),
];

/// Pages outside the `API_` namespace that the guide may have; none is required.
const COMMON_PAGES: &[&str] = &["CommonErrors.md", "CommonParameters.md", "Welcome.md"];

/// Attempts per request for statuses other than 200/404 and for interrupted transfers.
const ATTEMPTS: u32 = 3;

struct Options {
    services: Vec<String>,
    guide: Option<String>,
    base: String,
    docs: PathBuf,
    rate: f64,
    force: bool,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut opts = Options {
        services: Vec::new(),
        guide: None,
        base: DEFAULT_BASE_URL.to_string(),
        docs: crate::root().join("docs-input"),
        rate: 5.0,
        force: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| format!("{arg} needs a value\n{}", crate::USAGE));
        match arg.as_str() {
            "--guide" => opts.guide = Some(value()?.trim_matches('/').to_string()),
            "--base-url" => opts.base = value()?.trim_end_matches('/').to_string(),
            "--docs" => opts.docs = PathBuf::from(value()?),
            "--rate" => {
                let text = value()?;
                opts.rate = match text.parse::<f64>() {
                    Ok(rate) if rate > 0.0 && rate.is_finite() => rate,
                    _ => return Err(format!("--rate takes a number of requests per second above 0, not `{text}`")),
                };
            }
            "--force" => opts.force = true,
            s if s.starts_with('-') => return Err(format!("unknown argument `{s}`\n{}", crate::USAGE)),
            service => opts.services.push(service.to_string()),
        }
    }
    if opts.services.is_empty() {
        return Err(format!("fetch-reference needs at least one service\n{}", crate::USAGE));
    }
    if opts.guide.is_some() && opts.services.len() > 1 {
        return Err("--guide names the guide of one service: give a single service with it".to_string());
    }
    if !(opts.base.starts_with("http://") || opts.base.starts_with("https://")) {
        return Err(format!("--base-url takes an http:// or https:// address, not `{}`", opts.base));
    }
    for service in &opts.services {
        let valid = service.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err(format!("`{service}` is not a service name (botocore's, such as `dynamodb`)"));
        }
    }
    Ok(opts)
}

/// The guide path of `service`, from `--guide` or the table.
fn guide_path(service: &str, guide: Option<&str>) -> Result<String, String> {
    if let Some(guide) = guide {
        if guide.is_empty() || guide.contains("..") || guide.contains(['?', '#', ' ']) {
            return Err(format!("--guide `{guide}` is not a guide name"));
        }
        // `NAME` or the whole path (`AmazonS3/latest/API`, for guides whose book is not
        // `APIReference`).
        return Ok(if guide.contains('/') { guide.to_string() } else { format!("{guide}/latest/APIReference") });
    }
    match KNOWN.iter().find(|k| k.service == service) {
        Some(k) => Ok(k.guide.to_string()),
        None => Err(format!(
            "unknown service `{service}`: its API Reference guide is not known. Pass --guide NAME, where the \
             guide's pages are {DEFAULT_BASE_URL}/NAME/latest/APIReference/API_<Operation>.html (or --guide \
             NAME/latest/BOOK when the book is not APIReference). Known services: {}",
            KNOWN.iter().map(|k| k.service).collect::<Vec<_>>().join(", ")
        )),
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let opts = parse_args(args)?;
    // Every service's guide is settled before any request.
    let guides = opts.services.iter().map(|s| guide_path(s, opts.guide.as_deref())).collect::<Result<Vec<_>, _>>()?;
    let mut http = Http::new(&opts.base, opts.rate)?;
    let started = Instant::now();
    let mut totals = (0, 0, 0);
    for (service, guide) in opts.services.iter().zip(&guides) {
        // The table's section title still applies to a guide given by --guide.
        let known = KNOWN.iter().find(|k| k.service == service);
        let summary = fetch_service(&mut http, &opts, service, guide, known)?;
        summary.print(service);
        totals.0 += summary.downloaded;
        totals.1 += summary.present;
        totals.2 += summary.missing.len();
    }
    if opts.services.len() > 1 {
        println!(
            "fetch-reference: {} services, {} pages downloaded, {} already present, {} missing in {:.2?}",
            opts.services.len(),
            totals.0,
            totals.1,
            totals.2,
            started.elapsed()
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// One service

#[derive(Default)]
struct Summary {
    url: String,
    dir: PathBuf,
    downloaded: usize,
    present: usize,
    /// Pages the indexes, a page or the boto3 pages point to that the site does not have.
    missing: Vec<String>,
    /// Optional pages the site does not have (common pages, sub-service indexes).
    absent: Vec<String>,
    /// Plain-text boto3 pages whose operation could not be told (no link, no listed page).
    unmatched: Vec<String>,
    requests: usize,
    elapsed: Duration,
}

impl Summary {
    fn print(&self, service: &str) {
        let missing = match self.missing.len() {
            0 => String::new(),
            _ => format!(" ({})", self.missing.join(", ")),
        };
        println!(
            "{service}: {} pages downloaded, {} already present, {} missing{missing} in {:.2?} ({} requests to {}) -> {}",
            self.downloaded,
            self.present,
            self.missing.len(),
            self.elapsed,
            self.requests,
            self.url,
            self.dir.display()
        );
        if !self.absent.is_empty() {
            println!("  not on the site (optional): {}", self.absent.join(", "));
        }
        if !self.unmatched.is_empty() {
            println!(
                "  plain-text boto3 pages without an API link that match no listed page (not cross-checked): {}",
                self.unmatched.join(", ")
            );
        }
    }
}

/// What one page lookup found.
enum Found {
    /// The page's bytes, and whether they were downloaded now (not read from the folder).
    Page(Vec<u8>, bool),
    NotFound(String),
}

struct Service<'a> {
    http: &'a mut Http,
    dir: PathBuf,
    /// `<base>/<guide>/`
    url: String,
    force: bool,
    summary: Summary,
}

impl Service<'_> {
    fn page_url(&self, file: &str) -> String {
        format!("{}{file}", self.url)
    }

    /// The page from the folder, else from the site (written to the folder unless `keep` says
    /// otherwise).
    fn page(&mut self, file: &str, keep: impl Fn(&[u8]) -> bool) -> Result<Found, String> {
        let path = self.dir.join(file);
        if !self.force && path.is_file() {
            let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            self.summary.present += 1;
            return Ok(Found::Page(bytes, false));
        }
        let url = self.page_url(file);
        match self.http.get(&url)? {
            Got::NotFound => Ok(Found::NotFound(url)),
            Got::Page(bytes) => {
                if keep(&bytes) {
                    store(&self.dir, file, &bytes)?;
                    self.summary.downloaded += 1;
                }
                Ok(Found::Page(bytes, true))
            }
        }
    }
}

fn warn(message: String) {
    eprintln!("warning: {message}");
}

fn fetch_service(
    http: &mut Http,
    opts: &Options,
    service: &str,
    guide: &str,
    known: Option<&Known>,
) -> Result<Summary, String> {
    let started = Instant::now();
    let requests_before = http.requests;
    let dir = opts.docs.join(service).join("reference");
    remove_partial_pages(&dir)?;
    let client_dir = opts.docs.join(service).join("client");
    let boto3 = boto3_operations(&client_dir)?;
    let url = format!("{}/{guide}/", http.base);
    let mut svc = Service {
        http,
        dir: dir.clone(),
        url: url.clone(),
        force: opts.force,
        summary: Summary { url, dir, ..Summary::default() },
    };
    // The operations index: required.
    let operations_index = match svc.page("API_Operations.md", |_| true)? {
        Found::Page(bytes, _) => String::from_utf8_lossy(&bytes).into_owned(),
        Found::NotFound(url) => {
            return Err(format!(
                "{url}: not found (HTTP 404): the guide `{guide}` has no operations index, so it is not where \
                 {service}'s API Reference is. Pass --guide NAME, where the service's pages are \
                 <base>/NAME/latest/APIReference/API_<Operation>.html (or --guide NAME/latest/BOOK)."
            ))
        }
    };
    if boto3.operations.is_empty() && boto3.plain.is_empty() {
        warn(format!(
            "{}: no boto3 client pages, so operations the indexes do not list cannot be fetched",
            client_dir.display()
        ));
    }

    let sections = index_sections(&operations_index);
    let ops_lower: HashSet<String> = boto3.operations.iter().map(|o| o.to_ascii_lowercase()).collect();
    let chosen = choose_section(&sections, known.and_then(|k| k.section), &ops_lower, service, guide)?;
    let several = sections.len() > 1;
    let mut crawl = Crawl::new(page_prefix(chosen));
    for r in &chosen.links {
        crawl.add(r);
    }

    // The data-types index: the same section when it has several.
    match svc.page("API_Types.md", |_| true)? {
        Found::Page(bytes, _) => {
            let text = String::from_utf8_lossy(&bytes);
            let sections = index_sections(&text);
            let same = sections.iter().position(|s| same_title(s.title.as_deref(), chosen.title.as_deref()));
            for (i, s) in sections.iter().enumerate() {
                if same.is_some_and(|same| same != i) {
                    continue;
                }
                for r in &s.links {
                    crawl.add(r);
                }
            }
        }
        Found::NotFound(url) => warn(format!(
            "{url}: no data-types index (HTTP 404); data types are found through the operation pages' links only"
        )),
    }

    // The sub-service's own index pages, when the guide hosts several services.
    if let (true, Some(title)) = (several, chosen.title.as_deref()) {
        let suffix = known.and_then(|k| k.sub_index).map(str::to_string).unwrap_or_else(|| title.replace(' ', "_"));
        for kind in ["Operations", "Types"] {
            let file = format!("API_{kind}_{suffix}.md");
            let matches =
                |bytes: &[u8]| same_title(page_title(&String::from_utf8_lossy(bytes)).as_deref(), Some(title));
            match svc.page(&file, matches)? {
                Found::Page(bytes, fresh) => {
                    let text = String::from_utf8_lossy(&bytes);
                    if fresh && !matches(&bytes) {
                        let got = page_title(&text).unwrap_or_default();
                        warn(format!("{}: its title `{got}` is not `{title}`, so it is not kept", svc.page_url(&file)));
                        continue;
                    }
                    for s in index_sections(&text) {
                        for r in &s.links {
                            crawl.add(r);
                        }
                    }
                }
                Found::NotFound(_) => svc.summary.absent.push(file),
            }
        }
    }

    // Operations the boto3 pages have that no index listed.
    for op in &boto3.operations {
        crawl.add_operation(op);
    }

    // Every page, and every page they link to.
    while let Some((key, name)) = crawl.next() {
        let file = format!("API_{name}.md");
        match svc.page(&file, |_| true)? {
            Found::Page(bytes, _) => {
                for (text, target) in markdown_links(&String::from_utf8_lossy(&bytes)) {
                    if let Some(r) = page_ref(&text, &target) {
                        crawl.add(&r);
                    }
                }
            }
            Found::NotFound(url) => {
                let message = match crawl.operations.get(&key) {
                    Some(op) => format!("no API Reference page for operation {op} (HTTP 404 at {url})"),
                    None => format!("no page {file} (HTTP 404 at {url}), though the guide links to it"),
                };
                warn(message);
                svc.summary.missing.push(file);
            }
        }
    }

    // Plain-text boto3 pages: matched by name with the pages found.
    for stem in &boto3.plain {
        let key = crawl.key_of(&stem.replace('_', ""));
        if !crawl.names.contains_key(&key) && !BOTO3_HELPERS.contains(&stem.as_str()) {
            svc.summary.unmatched.push(stem.clone());
        }
    }

    for file in COMMON_PAGES {
        if let Found::NotFound(_) = svc.page(file, |_| true)? {
            svc.summary.absent.push(file.to_string());
        }
    }

    if svc.summary.downloaded > 0 || !svc.dir.join("SOURCES.md").is_file() {
        write_sources(&svc.dir, service, &svc.url)?;
    }
    svc.summary.requests = svc.http.requests - requests_before;
    svc.summary.elapsed = started.elapsed();
    Ok(svc.summary)
}

/// boto3's client methods that are not operations (no API link on their pages).
const BOTO3_HELPERS: &[&str] = &["can_paginate", "close", "get_paginator", "get_waiter", "generate_presigned_url"];

/// Removes the `.<page>.part` files an interrupted run left.
fn remove_partial_pages(dir: &Path) -> Result<(), String> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(()) }; // no folder yet
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(".part") {
            fs::remove_file(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Writes the page aside and renames it into place: a page is whole or absent.
fn store(dir: &Path, file: &str, bytes: &[u8]) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    let part = dir.join(format!(".{file}.part"));
    let path = dir.join(file);
    fs::write(&part, bytes).map_err(|e| format!("{}: cannot write: {e}", part.display()))?;
    fs::rename(&part, &path).map_err(|e| format!("{}: cannot rename into place: {e}", path.display()))
}

/// Marks the part of `SOURCES.md` this command writes: a file written by hand (or by an
/// earlier copy of the pages) keeps its own text, and the part is replaced, not repeated.
const SOURCES_BEGIN: &str = "<!-- fetch-reference: begin (rewritten by each run that downloads pages) -->";
const SOURCES_END: &str = "<!-- fetch-reference: end -->";

/// Writes (or updates) `SOURCES.md`: where the pages come from, and their licence.
fn write_sources(dir: &Path, service: &str, url: &str) -> Result<(), String> {
    let pages = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.ends_with(".md") && !name.starts_with('.') && name != "SOURCES.md"
        })
        .count();
    let mut block = String::new();
    let _ = write!(
        block,
        "{SOURCES_BEGIN}\n\
         `cargo xtask fetch-reference {service}` downloaded the pages of this folder it did not find here\n\
         from <{url}>, unmodified, in the Markdown form the site serves (a page's `.html` address with\n\
         `.md`); last on {}, when the folder held {pages} pages.\n\
         \n\
         The text is Amazon Web Services documentation, © Amazon Web Services, Inc. or its affiliates,\n\
         from https://docs.aws.amazon.com/, published under the Creative Commons Attribution-ShareAlike\n\
         4.0 International licence (CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/).\n\
         Anything derived from these pages and shared must carry the same attribution and licence.\n\
         {SOURCES_END}",
        today()
    );
    let path = dir.join("SOURCES.md");
    let text = match fs::read_to_string(&path) {
        Ok(old) => match (old.find(SOURCES_BEGIN), old.find(SOURCES_END)) {
            (Some(b), Some(e)) if e > b => format!("{}{block}{}", &old[..b], &old[e + SOURCES_END.len()..]),
            _ => format!("{}\n\n{block}\n", old.trim_end()),
        },
        Err(_) => format!("# API Reference pages: sources\n\n{block}\n"),
    };
    store(dir, "SOURCES.md", text.as_bytes())
}

/// `YYYY-MM-DD` (UTC).
fn today() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

// ---------------------------------------------------------------------------------------------
// boto3 pages

#[derive(Default)]
struct Boto3Operations {
    /// PascalCase operation names from the `goto/WebAPI/<uid>/<Operation>` links, sorted.
    operations: Vec<String>,
    /// Stems (`list_backups`) of plain-text pages without such a link.
    plain: Vec<String>,
}

fn boto3_operations(dir: &Path) -> Result<Boto3Operations, String> {
    let mut found = Boto3Operations::default();
    let Ok(entries) = fs::read_dir(dir) else { return Ok(found) };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if ext != "rst" && ext != "txt" {
            continue;
        }
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        match web_api_operation(&text) {
            Some(op) => found.operations.push(op),
            None if ext == "txt" => {
                found.plain.push(path.file_stem().unwrap_or_default().to_string_lossy().into_owned());
            }
            None => {} // a helper method (`can_paginate`, s3's `upload_file`, …)
        }
    }
    found.operations.sort();
    found.operations.dedup();
    Ok(found)
}

/// `ListBackups` from `…/goto/WebAPI/backup-2018-11-15/ListBackups>`.
fn web_api_operation(text: &str) -> Option<String> {
    let at = text.find("goto/WebAPI/")? + "goto/WebAPI/".len();
    let rest = &text[at..];
    let (_uid, rest) = rest.split_once('/')?;
    let op: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    op.starts_with(|c: char| c.is_ascii_uppercase()).then_some(op)
}

// ---------------------------------------------------------------------------------------------
// Links and index pages

/// A link to an `API_` page, in either form.
#[derive(Debug, Clone, PartialEq)]
struct PageRef {
    /// The name after `API_`, lower-cased, `-` between prefix and name: `dax-createcluster`.
    key: String,
    /// The exact name after `API_` (`dax_CreateCluster`), when the link tells it.
    name: Option<String>,
    /// The exact name without its prefix, when only that is known (`[CreateGateway](api-bgw-creategateway.md)`).
    tail: Option<String>,
}

impl PageRef {
    /// `dax` of `dax-createcluster`; empty without a prefix.
    fn prefix(&self) -> &str {
        self.key.split_once('-').map_or("", |(p, _)| p)
    }
}

/// `[text](target)` pairs of a Markdown page (targets without a title or `<>`).
fn markdown_links(text: &str) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            let before = &rest[..at];
            let after = &rest[at + 2..];
            let end = after.find(')').unwrap_or(after.len());
            if let Some(open) = before.rfind('[') {
                let target = after[..end].split_whitespace().next().unwrap_or_default();
                links.push((before[open + 1..].to_string(), target.to_string()));
            }
            rest = &after[end.min(after.len())..];
        }
    }
    links
}

/// The `API_` page a link points to, if it is one of the guide's own (`API_X.md`, `api-x.md`).
fn page_ref(text: &str, target: &str) -> Option<PageRef> {
    let target = target.split('#').next().unwrap_or_default();
    if target.contains(['/', ':']) {
        return None;
    }
    let stem = target.strip_suffix(".md")?;
    if let Some(name) = stem.strip_prefix("API_") {
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return None;
        }
        let key = name.to_ascii_lowercase().replacen('_', "-", 1).replace('_', "");
        return Some(PageRef { key: normal_key(&key), name: Some(name.to_string()), tail: None });
    }
    let key = stem.strip_prefix("api-")?;
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return None;
    }
    // The lower-case form: the exact name is the link's text when the text is the name.
    let text = text.trim().trim_matches('`').trim();
    let text_ok = !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric());
    let lower = text.to_ascii_lowercase();
    let (name, tail) = if text_ok && key == lower {
        (Some(text.to_string()), None)
    } else if text_ok && key.strip_suffix(lower.as_str()).is_some_and(|p| p.ends_with('-') && p.len() > 1) {
        (None, Some(text.to_string()))
    } else {
        (None, None)
    };
    Some(PageRef { key: normal_key(key), name, tail })
}

/// One `-` at most, after the prefix.
fn normal_key(key: &str) -> String {
    match key.split_once('-') {
        Some((prefix, rest)) => format!("{prefix}-{}", rest.replace('-', "")),
        None => key.to_string(),
    }
}

/// An index page (`API_Operations_X`, `API_Types`): not an API page.
fn is_index_key(key: &str) -> bool {
    ["operations", "types"].iter().any(|k| key == *k || key.starts_with(&format!("{k}-")))
}

/// A run of an index page: "The following actions are supported by `<title>`:" and its links.
#[derive(Debug)]
struct Section {
    title: Option<String>,
    links: Vec<PageRef>,
}

fn index_sections(text: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("The following ") && trimmed.contains(" supported") && trimmed.ends_with(':') {
            let title = trimmed.split_once(" supported by ").map(|(_, t)| t.trim_end_matches(':').trim().to_string());
            sections.push(Section { title, links: Vec::new() });
            continue;
        }
        for (text, target) in markdown_links(line) {
            let Some(r) = page_ref(&text, &target) else { continue };
            if is_index_key(&r.key) {
                continue;
            }
            if sections.is_empty() {
                sections.push(Section { title: None, links: Vec::new() });
            }
            sections.last_mut().expect("a section").links.push(r);
        }
    }
    sections.retain(|s| !s.links.is_empty());
    sections
}

fn same_title(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
        _ => false,
    }
}

/// The `# Title` of a page.
fn page_title(text: &str) -> Option<String> {
    text.lines().find_map(|l| l.strip_prefix("# ")).map(|t| t.trim().to_string())
}

/// The service's section of a guide's operations index.
fn choose_section<'s>(
    sections: &'s [Section],
    wanted: Option<&str>,
    operations: &HashSet<String>,
    service: &str,
    guide: &str,
) -> Result<&'s Section, String> {
    let titles = || sections.iter().map(|s| s.title.clone().unwrap_or_else(|| "(untitled)".into())).collect::<Vec<_>>();
    match sections {
        [] => return Err(format!("the operations index of the guide `{guide}` links to no API_ page")),
        [only] => return Ok(only),
        _ => {}
    }
    if let Some(s) = sections.iter().find(|s| same_title(s.title.as_deref(), wanted)) {
        return Ok(s);
    }
    // The section that lists most of the service's operations.
    let overlap = |s: &Section| {
        s.links
            .iter()
            .filter(|r| {
                let bare = r.key.rsplit('-').next().unwrap_or_default();
                operations.contains(bare)
            })
            .count()
    };
    let mut ranked: Vec<(usize, &Section)> = sections.iter().map(|s| (overlap(s), s)).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    match ranked.as_slice() {
        [(best, s), (next, _), ..] if *best > 0 && best > next => Ok(s),
        _ => Err(format!(
            "the guide `{guide}` documents several services ({}) and {service}'s boto3 client pages do not tell \
             which one is {service}",
            titles().join(", ")
        )),
    }
}

/// The exact prefix (`dax_`, or empty) of most pages a section lists.
fn page_prefix(section: &Section) -> Prefix {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for r in &section.links {
        *counts.entry(r.prefix()).or_default() += 1;
    }
    let lower = counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map(|(p, _)| p).unwrap_or_default();
    let exact = section
        .links
        .iter()
        .filter(|r| r.prefix() == lower)
        .find_map(|r| r.name.as_ref().and_then(|n| n.split_once('_')).map(|(p, _)| p.to_string()));
    Prefix {
        lower: lower.to_string(),
        exact: if lower.is_empty() { String::new() } else { exact.unwrap_or(lower.to_string()) },
    }
}

struct Prefix {
    /// `dax`
    lower: String,
    /// `dax` or `BGW` (lower-case links do not tell the case: then the lower-case form).
    exact: String,
}

/// The pages to visit, by key, each once.
struct Crawl {
    prefix: Prefix,
    /// Key → exact name, once known.
    names: HashMap<String, String>,
    queue: VecDeque<String>,
    queued: HashSet<String>,
    /// Keys met only in links that do not tell the exact name (prose links such as
    /// `[Status](api-describerecoverypoint.md)`): visited once another link tells it.
    aside: Vec<String>,
    /// Keys of boto3 operations → the operation's name.
    operations: HashMap<String, String>,
}

impl Crawl {
    fn new(prefix: Prefix) -> Crawl {
        Crawl {
            prefix,
            names: HashMap::new(),
            queue: VecDeque::new(),
            queued: HashSet::new(),
            aside: Vec::new(),
            operations: HashMap::new(),
        }
    }

    /// The key of the service's page `name` (given without its prefix).
    fn key_of(&self, name: &str) -> String {
        let lower = name.to_ascii_lowercase();
        if self.prefix.lower.is_empty() {
            lower
        } else {
            format!("{}-{lower}", self.prefix.lower)
        }
    }

    fn add(&mut self, r: &PageRef) {
        if r.prefix() != self.prefix.lower || is_index_key(&r.key) {
            return; // another sub-service's page, or an index
        }
        let name = match (&r.name, &r.tail) {
            (Some(name), _) => Some(name.clone()),
            // `[CreateGateway](api-bgw-creategateway.md)`: the prefix's case is the service's.
            (None, Some(tail)) => Some(format!("{}_{tail}", self.prefix.exact)),
            (None, None) => None,
        };
        if let Some(name) = name {
            self.names.entry(r.key.clone()).or_insert(name);
        }
        if self.queued.insert(r.key.clone()) {
            self.queue.push_back(r.key.clone());
        }
    }

    fn add_operation(&mut self, op: &str) {
        let name = if self.prefix.exact.is_empty() { op.to_string() } else { format!("{}_{op}", self.prefix.exact) };
        let key = self.key_of(op);
        self.operations.insert(key.clone(), op.to_string());
        self.add(&PageRef { key, name: Some(name), tail: None });
    }

    /// The next page to visit: its key and exact name.
    fn next(&mut self) -> Option<(String, String)> {
        loop {
            while let Some(key) = self.queue.pop_front() {
                match self.names.get(&key) {
                    Some(name) => return Some((key.clone(), name.clone())),
                    None => self.aside.push(key),
                }
            }
            let (ready, waiting): (Vec<String>, Vec<String>) =
                self.aside.drain(..).partition(|key| self.names.contains_key(key));
            self.aside = waiting;
            if ready.is_empty() {
                return None; // what is still aside, no link ever named
            }
            self.queue.extend(ready);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// HTTP

enum Got {
    Page(Vec<u8>),
    NotFound,
}

struct Http {
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
    base: String,
    interval: Duration,
    next: Instant,
    requests: usize,
}

impl Http {
    fn new(base: &str, rate: f64) -> Result<Http, String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the HTTP runtime: {e}"))?;
        let client = reqwest::Client::builder()
            .user_agent(concat!("awsdoc-xtask/", env!("CARGO_PKG_VERSION"), " (cargo xtask fetch-reference)"))
            .connect_timeout(Duration::from_secs(15))
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| format!("cannot create the HTTP client: {}", innermost(&e)))?;
        Ok(Http {
            runtime,
            client,
            base: base.to_string(),
            interval: Duration::from_secs_f64(1.0 / rate),
            next: Instant::now(),
            requests: 0,
        })
    }

    /// Waits for the request's turn: at most `rate` requests a second.
    fn pace(&mut self) {
        let now = Instant::now();
        if self.next > now {
            std::thread::sleep(self.next - now);
        }
        self.next = Instant::now() + self.interval;
    }

    fn get(&mut self, url: &str) -> Result<Got, String> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.pace();
            self.requests += 1;
            let client = &self.client;
            let result = self.runtime.block_on(async {
                let response = client.get(url).send().await?;
                let status = response.status();
                let retry_after = response
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok());
                let body = response.bytes().await?;
                Ok::<_, reqwest::Error>((status, retry_after, body))
            });
            let (failure, retry_after) = match result {
                Ok((status, _, body)) if status.is_success() => return Ok(Got::Page(body.to_vec())),
                Ok((status, _, _)) if status == reqwest::StatusCode::NOT_FOUND => return Ok(Got::NotFound),
                Ok((status, retry_after, _)) => (format!("HTTP {status}"), retry_after),
                Err(e) if e.is_connect() => return Err(self.unreachable(url, &e)),
                Err(e) => (innermost(&e), None),
            };
            if attempt >= ATTEMPTS {
                return Err(format!("{url}: {failure} (tried {attempt} times)"));
            }
            let backoff = Duration::from_millis(500 << (attempt - 1));
            let wait = retry_after.map_or(backoff, |s| backoff.max(Duration::from_secs(s.min(60))));
            eprintln!("warning: {url}: {failure}; trying again in {wait:.1?}");
            std::thread::sleep(wait);
        }
    }

    fn unreachable(&self, url: &str, error: &reqwest::Error) -> String {
        let host = url.split_once("://").map_or(url, |(_, rest)| rest.split('/').next().unwrap_or(rest));
        format!(
            "{host} could not be reached ({}) while fetching {url}.\n`cargo xtask fetch-reference` downloads the \
             pages from {} and needs network access: check the connection (and HTTPS_PROXY, if a proxy is \
             needed), or point --base-url at a server that has the pages.",
            innermost(error),
            self.base
        )
    }
}

/// The root cause of an error ("Connection refused (os error 111)", "dns error: …").
fn innermost(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(path: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/api-reference").join(path);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn links_in_both_forms() {
        let r = page_ref("Tag", "API_Tag.md").unwrap();
        assert_eq!((r.key.as_str(), r.name.as_deref()), ("tag", Some("Tag")));
        let r = page_ref("CreateCluster", "API_dax_CreateCluster.md").unwrap();
        assert_eq!(
            (r.key.as_str(), r.name.as_deref(), r.prefix()),
            ("dax-createcluster", Some("dax_CreateCluster"), "dax")
        );
        let r = page_ref("BackupDescription", "api-backupdescription.md#x").unwrap();
        assert_eq!((r.key.as_str(), r.name.as_deref()), ("backupdescription", Some("BackupDescription")));
        let r = page_ref("CreateGateway", "api-bgw-creategateway.md").unwrap();
        assert_eq!(
            (r.key.as_str(), r.name.as_deref(), r.tail.as_deref()),
            ("bgw-creategateway", None, Some("CreateGateway"))
        );
        let r = page_ref("Status", "api-describerecoverypoint.md").unwrap();
        assert_eq!((r.key.as_str(), r.name, r.tail), ("describerecoverypoint", None, None));
        for (text, target) in [
            ("x", "commonerrors.md"),
            ("x", "CommonErrors.md"),
            ("x", "../../../../general/latest/gr/docconventions.md"),
            ("x", "https://docs.aws.amazon.com/kms/latest/APIReference/API_Tag.html"),
            ("x", "#API_Tag_Contents"),
        ] {
            assert_eq!(page_ref(text, target), None, "{target}");
        }
        let links = markdown_links("Type: Array of [Tag](API_Tag.md) objects, see [A](a.md) and [`B`](api-b.md \"t\")");
        assert_eq!(
            links,
            [("Tag".into(), "API_Tag.md".into()), ("A".into(), "a.md".into()), ("`B`".into(), "api-b.md".into())]
        );
    }

    #[test]
    fn sub_service_sections() {
        // native Markdown, three services
        let sections = index_sections(&shared("dynamodb/API_Operations.md"));
        let titles: Vec<_> = sections.iter().map(|s| s.title.as_deref().unwrap()).collect();
        assert_eq!(titles, ["Amazon DynamoDB", "DynamoDB Accelerator", "Amazon DynamoDB Streams"]);
        assert_eq!(page_prefix(&sections[1]).exact, "dax");
        let none = HashSet::new();
        let chosen = choose_section(&sections, Some("Amazon DynamoDB"), &none, "dynamodb", "g").unwrap();
        assert_eq!(page_prefix(chosen).lower, "");
        // by the boto3 operations when the title is not known
        let ops: HashSet<String> = ["getrecords", "describestream", "liststreams"].map(String::from).into();
        let chosen = choose_section(&sections, None, &ops, "dynamodbstreams", "g").unwrap();
        assert_eq!(chosen.title.as_deref(), Some("Amazon DynamoDB Streams"));
        assert!(choose_section(&sections, None, &none, "x", "g").unwrap_err().contains("DynamoDB Accelerator"));
        // HTML-converted Markdown, six services
        let sections = index_sections(&shared("s3/API_Operations.md"));
        assert_eq!(sections.len(), 6);
        assert!(sections[0].links.iter().all(|r| r.prefix().is_empty() && r.name.is_some()));
        assert!(sections[1].links.iter().all(|r| r.prefix() == "control"));
        // one untitled section
        let sections = index_sections(&shared("cloudhsmv2/API_Types.md"));
        assert_eq!((sections.len(), sections[0].title.as_deref(), sections[0].links.len()), (1, None, 7));
    }

    #[test]
    fn operations_from_boto3_links() {
        let text = "  See also: `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/backup-2018-11-15/GetPITRMalwareScanResults>`_";
        assert_eq!(web_api_operation(text).as_deref(), Some("GetPITRMalwareScanResults"));
        assert_eq!(web_api_operation("See also: AWS API Documentation"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_819), (2027, 1, 1));
    }
}
