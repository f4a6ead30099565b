//! `cargo xtask corpus --plaintext [--score]` and `cargo xtask corpus --acronyms`: the
//! corpus as plain text, and how well the plain-text parser recovers operation names.
//!
//! * `--plaintext` renders every method page of the RST corpus (`client/`, `paginator/`,
//!   `waiter/`; not the resource pages, which the loader skips anyway) as the plain text a
//!   browser copy gives, with `shared/tools/render_plaintext.py` (Sphinx and docutils pinned
//!   in `xtask/requirements.txt`), into `--plaintext-out` (default `.cache/corpus-plaintext`):
//!   `<svc>/<kind>/<Name>.txt`, no index pages. Services are rendered in batches of about
//!   [`BATCH_PAGES`] pages, one Sphinx process per batch, `--jobs` batches at a time; a
//!   rendered service is marked in `.rendered/<svc>`, so an interrupted run resumes, and the
//!   stamp `.plaintext-complete` (the RST corpus's stamp and a hash of both scripts) makes a
//!   complete folder a no-op.
//! * `--plaintext --score` builds the model of the plain text (every page must parse: the
//!   errors, if any, are listed in `target/corpus-plaintext-errors.txt`, the warnings in
//!   `target/corpus-plaintext-warnings.txt`), exports it to
//!   `target/corpus-plaintext-export`, exports the RST corpus's model to
//!   `target/corpus-export` and scores the first with the second as the truth
//!   (`score_model.py --truth`): the two forms must give the same model. The table goes to
//!   `target/corpus-plaintext-score.txt`, counts to `target/corpus-plaintext-score.json`.
//! * `sample --plaintext` does the same for the CI sample (`.cache/corpus-sample-plaintext`,
//!   3,398 pages, about 2 minutes to render on 2 cores; files `target/sample-…`) and fails
//!   when any figure but `names` is below 99.5%.
//! * `--acronyms` measures [`plaintext::operation_name`], the rule that recovers an operation's
//!   PascalCase name from its snake_case method name and the page's words, over every client
//!   page of the RST corpus: the page's API link (`goto/WebAPI/<uid>/<Op>`) gives the true
//!   name, and the rule sees the page without it (and without any URL, which a copy loses),
//!   plus the names of the service's paginators, as the parser does.
//!   Prints the hit rate, the old rule's (a word spelling the whole name, else capitalised
//!   segments) and writes every miss to `target/acronyms-misses.txt`.

use std::collections::{BTreeMap, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Instant;

use awsdoc_codegen::parse::page::MethodKind;
use awsdoc_codegen::parse::{plaintext, rst};
use awsdoc_codegen::{export, generate};

use crate::root;

/// Marks a complete plain-text folder.
const STAMP: &str = ".plaintext-complete";
/// Per-service marks of a folder being rendered.
const DONE: &str = ".rendered";
/// Pages per Sphinx process: large enough that its start-up (about 2 s) is amortised,
/// small enough that an interrupted run loses little.
const BATCH_PAGES: usize = 1500;
const KINDS: [&str; 3] = ["client", "paginator", "waiter"];

fn tool(name: &str) -> PathBuf {
    root().join("../shared/tools").join(name)
}

fn fnv(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// The method pages of one service in the RST corpus.
fn page_count(rst: &Path, service: &str) -> usize {
    KINDS
        .iter()
        .filter_map(|k| fs::read_dir(rst.join(service).join(k)).ok())
        .map(|d| d.filter_map(Result::ok).filter(|e| e.path().extension().is_some_and(|x| x == "rst")).count())
        .sum()
}

/// Renders the RST corpus `rst` into `out` (see the module docs).
pub fn render(python: &Path, rst: &Path, out: &Path, services: &[String], jobs: usize) -> Result<(), String> {
    let renderer = tool("render_plaintext.py");
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for script in [renderer.clone(), tool("doctext.py")] {
        hash = fnv(&fs::read(&script).map_err(|e| format!("{}: {e}", script.display()))?, hash);
    }
    let rst_stamp = fs::read_to_string(rst.join(super::STAMP)).map_err(|e| format!("{}: not a complete corpus: {e}", rst.display()))?;
    let want = format!("render_plaintext.py+doctext.py {hash:016x}\n{rst_stamp}");
    let stamp = out.join(STAMP);
    let had = fs::read_to_string(&stamp).ok();
    if had.as_deref() == Some(want.as_str()) {
        println!("{}: complete, {} services as plain text; nothing to do", out.display(), services.len());
        return Ok(());
    }
    let io = |e: std::io::Error| format!("{}: {e}", out.display());
    let done_dir = out.join(DONE);
    fs::create_dir_all(&done_dir).map_err(io)?;
    let _ = fs::remove_file(&stamp);
    // Another renderer or corpus (a stamp that differs, or marks without a stamp of this
    // run's making) makes every service stale.
    let marks = fs::read_to_string(done_dir.join("stamp")).ok();
    if marks.as_deref() != Some(want.as_str()) {
        let _ = fs::remove_dir_all(&done_dir);
        fs::create_dir_all(&done_dir).map_err(io)?;
        fs::write(done_dir.join("stamp"), &want).map_err(io)?;
    }
    // Services no longer listed (a changed sample) go, so they are not scored.
    for entry in fs::read_dir(out).map_err(io)?.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') && entry.path().is_dir() && !services.contains(&name) {
            fs::remove_dir_all(entry.path()).map_err(io)?;
            let _ = fs::remove_file(done_dir.join(&name));
        }
    }
    let todo: Vec<&String> = services.iter().filter(|s| !done_dir.join(s.as_str()).is_file()).collect();
    // Batches of whole services, the big ones first so the processes finish together.
    let mut sized: Vec<(usize, &String)> = todo.iter().map(|s| (page_count(rst, s), *s)).collect();
    sized.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let mut batches: Vec<Vec<&String>> = Vec::new();
    let mut current: (usize, Vec<&String>) = (0, Vec::new());
    for (n, s) in sized {
        if current.0 > 0 && current.0 + n > BATCH_PAGES {
            batches.push(std::mem::take(&mut current.1));
            current.0 = 0;
        }
        current.0 += n;
        current.1.push(s);
    }
    if !current.1.is_empty() {
        batches.push(current.1);
    }
    let started = Instant::now();
    let pages: usize = todo.iter().map(|s| page_count(rst, s)).sum();
    println!(
        "rendering {pages} pages of {} services as plain text into {} ({} batches, {} at a time)",
        todo.len(),
        out.display(),
        batches.len(),
        jobs.max(1)
    );
    let queue = Mutex::new(batches.into_iter().collect::<VecDeque<_>>());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| loop {
                let Some(batch) = queue.lock().ok().and_then(|mut q| q.pop_front()) else { return };
                let result = render_batch(python, &renderer, rst, out, &batch);
                match result {
                    Ok(()) => {
                        for s in &batch {
                            if let Err(e) = fs::write(done_dir.join(s.as_str()), "") {
                                failures.lock().map(|mut f| f.push(format!("{}: {e}", done_dir.display()))).ok();
                            }
                        }
                    }
                    Err(e) => {
                        failures.lock().map(|mut f| f.push(e)).ok();
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_default();
    if !failures.is_empty() {
        return Err(failures.join("\n"));
    }
    fs::write(&stamp, want).map_err(io)?;
    println!("rendered {pages} pages in {:.1?}", started.elapsed());
    Ok(())
}

fn render_batch(python: &Path, renderer: &Path, rst: &Path, out: &Path, batch: &[&String]) -> Result<(), String> {
    for s in batch {
        match fs::remove_dir_all(out.join(s.as_str())) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(format!("{}: {e}", out.display())),
            _ => {}
        }
    }
    let names: Vec<&str> = batch.iter().map(|s| s.as_str()).collect();
    let output = Command::new(python)
        .arg(renderer)
        .arg(rst)
        .arg(out)
        .arg("--services")
        .arg(names.join(","))
        .args(["--jobs", "1"])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", renderer.display()))?;
    if output.status.success() {
        println!("  {}", String::from_utf8_lossy(&output.stdout).trim());
        Ok(())
    } else {
        Err(format!(
            "{} failed on {}: {}\n{}",
            renderer.display(),
            names.join(","),
            output.status,
            String::from_utf8_lossy(&output.stderr).lines().rev().take(20).collect::<Vec<_>>().join("\n")
        ))
    }
}

/// Exports the model of `docs` into `out`, or lists why it cannot be built.
fn export_docs(docs: &Path, out: &Path, errors_file: &Path, warnings_file: &Path) -> Result<(usize, usize), String> {
    let _ = fs::remove_dir_all(out);
    let started = Instant::now();
    let built = match generate::build_models(docs, None) {
        Ok(b) => b,
        Err(errors) => {
            let text: Vec<String> = errors.iter().map(|e| format!("error: {e}")).collect();
            let _ = fs::write(errors_file, text.join("\n") + "\n");
            let first: Vec<&String> = text.iter().take(10).collect();
            return Err(format!(
                "{}: {} pages do not parse (all in {}):\n{}",
                docs.display(),
                errors.len(),
                errors_file.display(),
                first.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
            ));
        }
    };
    let _ = fs::remove_file(errors_file);
    let built_in = started.elapsed();
    let warnings: Vec<String> = built.warnings.iter().map(|w| format!("warning: {w}\n")).collect();
    fs::write(warnings_file, warnings.concat()).map_err(|e| format!("{}: {e}", warnings_file.display()))?;
    for service in &built.services {
        export::write_service(out, service).map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    }
    println!(
        "{}: model of {} services built in {built_in:.1?} ({} warnings, in {}), exported into {}",
        docs.display(),
        built.services.len(),
        built.warnings.len(),
        warnings_file.display(),
        out.display()
    );
    Ok((built.services.len(), built.warnings.len()))
}

/// The figures `sample --plaintext` holds to: the plain text must give the RST's model.
const FLOORS: [&str; 8] = ["ops", "paths", "types", "required", "enums", "errors", "paginators", "docs"];
const FLOOR: f64 = 0.995;

/// `--plaintext --score`: the plain text's model scored against the RST's, its files
/// named `target/<name>-…` (`corpus` or `sample`). With `floors`, fails when a figure of
/// [`FLOORS`] is below 99.5%.
pub fn score(python: &Path, rst: &Path, plain: &Path, name: &str, floors: bool) -> Result<(), String> {
    let target = root().join("target");
    fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    let file = |suffix: &str| target.join(format!("{name}{suffix}"));
    let truth = file("-export");
    let export = file("-plaintext-export");
    export_docs(plain, &export, &file("-plaintext-errors.txt"), &file("-plaintext-warnings.txt"))?;
    export_docs(rst, &truth, &file("-errors.txt"), &file("-warnings.txt"))?;
    let (table, json) = (file("-plaintext-score.txt"), file("-plaintext-score.json"));
    let started = Instant::now();
    let text = super::run_scorer(python, &export, &truth, &table, &json)?;
    let summary = text.lines().find(|l| l.starts_with("fidelity ")).ok_or("the scorer printed no summary line")?;
    println!(
        "plain text vs RST: {summary}\n(per service, with examples of each loss: {}; scored in {:.1?})",
        table.display(),
        started.elapsed()
    );
    if !floors {
        return Ok(());
    }
    let counts = fs::read_to_string(&json).map_err(|e| format!("{}: {e}", json.display()))?;
    let mut low = Vec::new();
    for figure in FLOORS {
        match rate(&counts, figure) {
            Some(r) if r >= FLOOR => {}
            Some(r) => low.push(format!("{figure} {:.3}% < {:.1}%", 100.0 * r, 100.0 * FLOOR)),
            None => low.push(format!("{figure}: no rate in {}", json.display())),
        }
    }
    if low.is_empty() {
        Ok(())
    } else {
        Err(format!("plain text vs RST below target: {}", low.join(", ")))
    }
}

/// `aggregate.rates.<figure>` of the scorer's `--json` file, read without a JSON parser:
/// the number after `"<figure>": ` following `"rates"`.
fn rate(json: &str, figure: &str) -> Option<f64> {
    let (_, aggregate) = json.split_once("\"aggregate\"")?;
    let (_, rates) = aggregate.split_once("\"rates\"")?;
    let (_, value) = rates.split_once(&format!("\"{figure}\":"))?;
    let number: String = value.trim_start().chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+')).collect();
    number.parse().ok()
}

/// The rule before `pascal_case` read acronyms: a word spelling the whole name, else each
/// segment capitalised. For comparison only.
fn old_rule(method: &str, words: &[&str]) -> String {
    let plain: String = method
        .split('_')
        .map(|seg| {
            let mut chars = seg.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect();
    words
        .iter()
        .flat_map(|p| p.split(|c: char| !c.is_ascii_alphanumeric()))
        .find(|w| w.eq_ignore_ascii_case(&plain) && w.starts_with(|c: char| c.is_ascii_uppercase()))
        .map_or(plain.clone(), str::to_string)
}

/// An RST page's lines as a copy shows their words: without the API link and without URLs
/// (`<https://…>` targets), which is where the true name would be.
fn visible_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.contains("goto/WebAPI"))
        .map(|l| {
            let mut out = String::with_capacity(l.len());
            let mut rest = l;
            while let Some(at) = rest.find("<http") {
                out.push_str(rest.get(..at).unwrap_or(""));
                rest = rest.get(at..).and_then(|r| r.find('>').map(|e| r.get(e + 1..).unwrap_or(""))).unwrap_or("");
            }
            out.push_str(rest);
            out
        })
        .collect()
}

/// `--acronyms` (see the module docs).
pub fn acronyms(rst: &Path) -> Result<(), String> {
    let started = Instant::now();
    let mut pages: Vec<PathBuf> = Vec::new();
    let mut services: Vec<PathBuf> =
        fs::read_dir(rst).map_err(|e| format!("{}: {e}", rst.display()))?.filter_map(Result::ok).map(|e| e.path()).collect();
    services.sort();
    for svc in services.iter().filter(|p| p.is_dir()) {
        if let Ok(dir) = fs::read_dir(svc.join("client")) {
            let mut found: Vec<PathBuf> =
                dir.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "rst")).collect();
            found.sort();
            pages.extend(found);
        }
    }
    // (service, method, true name, old guess, new guess) per modelled operation.
    let results = awsdoc_codegen::parallel::map(&pages, |path| -> Option<(String, String, String, String, String)> {
        let text = fs::read_to_string(path).ok()?;
        let rst::RstPage::Method(page) = rst::parse_page(path, &text).ok()? else { return None };
        let truth = page.operation.clone().filter(|_| page.kind == MethodKind::Client)?;
        let lines = visible_lines(&text);
        let paginators = plaintext::sibling_paginators(path);
        let paginators: Vec<&str> = paginators.iter().map(String::as_str).collect();
        let words: Vec<&str> = lines.iter().map(String::as_str).collect();
        let service = path.parent()?.parent()?.file_name()?.to_string_lossy().into_owned();
        let old = old_rule(&page.method, &words);
        let new = plaintext::operation_name(&page.method, &words, &paginators);
        Some((service, page.method, truth, old, new))
    });
    let results: Vec<_> = results.into_iter().flatten().collect();
    let n = results.len();
    let old_hits = results.iter().filter(|r| r.3 == r.2).count();
    let new_hits = results.iter().filter(|r| r.4 == r.2).count();
    let pct = |k: usize| if n == 0 { 0.0 } else { 100.0 * k as f64 / n as f64 };
    // Misses by cause: the page never spells the name's casing (the rule fell back to
    // capitalising), or it chose another casing the page shows.
    let mut by_cause: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (service, method, truth, old, new) in &results {
        if new == truth {
            continue;
        }
        let capitalised = old_rule(method, &[]);
        let cause = if *new == capitalised {
            "not shown: the page never spells the acronym's casing"
        } else if truth == &capitalised {
            "false acronym: the page's casing of a word is not the name's"
        } else {
            "other casing: the page spells the words otherwise"
        };
        by_cause.entry(cause).or_default().push(format!("{service}: {method}: {truth} guessed {new} (old rule {old})"));
    }
    let path = root().join("target/acronyms-misses.txt");
    let mut report = String::new();
    for (cause, misses) in &by_cause {
        report.push_str(&format!("## {cause}: {}\n", misses.len()));
        for m in misses {
            report.push_str(m);
            report.push('\n');
        }
    }
    let _ = fs::create_dir_all(root().join("target"));
    fs::write(&path, &report).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "operation names from the method name and the page's words: {new_hits} of {n} right ({:.2}%); \
         the old rule: {old_hits} ({:.2}%); {:.1?}",
        pct(new_hits),
        pct(old_hits),
        started.elapsed()
    );
    for (cause, misses) in &by_cause {
        println!("  {:>5} {cause}", misses.len());
    }
    println!("misses listed in {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_read_from_the_aggregate() {
        let json = r#"{"aggregate": {"counts": {"ops": 3}, "rates": {"constraints": null, "docs": 0.9990028, "ops": 0.995450, "types": 1.0, "opsx": 0.1}}, "services": {}}"#;
        assert_eq!(rate(json, "ops"), Some(0.99545));
        assert_eq!(rate(json, "docs"), Some(0.9990028));
        assert_eq!(rate(json, "types"), Some(1.0));
        assert_eq!(rate(json, "constraints"), None);
        assert_eq!(rate(json, "paths"), None);
    }

    #[test]
    fn a_copy_shows_no_link_targets() {
        let lines = visible_lines(
            "See also: `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/iam-2010-05-08/DeactivateMFADevice>`_\n\
             Read `the guide <https://x.example/API_GetThing.html>`__ and `ListThings`.",
        );
        assert_eq!(lines, ["Read `the guide `__ and `ListThings`."]);
    }

    #[test]
    fn the_old_rule_capitalises_segments() {
        assert_eq!(old_rule("deactivate_mfa_device", &["Deactivates the MFA device."]), "DeactivateMfaDevice");
        assert_eq!(
            plaintext::operation_name("deactivate_mfa_device", &["Deactivates the MFA device."], &["ListMFADevices"]),
            "DeactivateMFADevice"
        );
    }
}
