//! `cargo xtask <command>`: the project's own tasks.
//!
//! * `codegen [--docs DIR] [--out DIR] [--check]` — regenerate the client crate.
//! * `export-model --out DIR [--docs DIR]` — write the model as botocore JSON.
//! * `score [--docs DIR]` — export and score against botocore 1.44.5 (needs `setup`).
//! * `setup` — the pinned Python environment the tests need (`.cache/venv`).
//! * `test` — setup, then every test, clippy and rustdoc with warnings denied, the
//!   freshness check and the fidelity score.
//! * `fetch-reference SERVICE… [--guide NAME] [--base-url URL] [--docs DIR] [--rate N] [--force]`
//!   — download the services' AWS API Reference pages (Markdown) into
//!   `<docs>/<service>/reference/`; needs network access (see `fetch.rs`).

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use awsdoc_codegen::{export, generate, parse::page::Diagnostic};

mod bench;
mod corpus;
mod fetch;

const USAGE: &str = "usage: cargo xtask <command>
  codegen [--docs DIR] [--out DIR] [--check] [--only SVC[:Op,…]]   regenerate the crate (default docs-input/ -> generated/;
                                               with --only, just those operations, into target/awsdoc-only/)
  export-model --out DIR [--docs DIR] [--only SVC[:Op,…]]   write <DIR>/<service>/service-2.json and paginators-1.json
  score [--docs DIR] [--min PCT] [--wire]      export and score with ../shared/tools/score_model.py
                                               (--wire: also the API Reference floors)
  setup                                        create .cache/venv with the pinned Python packages
  test                                         setup, cargo test, codegen --check, score, sample
  corpus [--out DIR] [--jobs N] [--score]      every service's boto3 pages (default .cache/corpus): see xtask/src/corpus.rs
         [--plaintext [--plaintext-out DIR]] [--acronyms]
                                               --plaintext: rendered as plain text and scored against the RST model;
                                               --acronyms: how often plain text's operation names are right
  sample [--out DIR] [--jobs N] [--no-score] [--plaintext]
                                               the CI sample's pages (xtask/corpus-sample.txt), scored with floors
  bench model|crate|compile|check|tls [...]    figures: see xtask/src/bench.rs
  fetch-reference SVC... [--guide NAME] [--base-url URL] [--docs DIR] [--rate N] [--force]
                                               download the API Reference pages (Markdown) into
                                               <docs>/<svc>/reference/ (network; default 5 requests/s)";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen(&args[1..]),
        Some("export-model") => export_model(&args[1..]),
        Some("score") => score(&args[1..]),
        Some("setup") => setup().map(|_| ()),
        Some("test") => test(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("corpus") => corpus::corpus(&args[1..]),
        Some("sample") => corpus::sample(&args[1..]),
        Some("fetch-reference") => fetch::run(&args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (xtask lives one level below it).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// `--name value` options; anything unknown is an error.
struct Flags {
    values: Vec<(String, String)>,
    switches: Vec<String>,
}

impl Flags {
    fn parse(args: &[String], valued: &[&str], switches: &[&str]) -> Result<Flags, String> {
        let mut flags = Flags { values: Vec::new(), switches: Vec::new() };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            if valued.contains(&arg.as_str()) {
                let value = it.next().ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))?;
                flags.values.push((arg.clone(), value.clone()));
            } else if switches.contains(&arg.as_str()) {
                flags.switches.push(arg.clone());
            } else {
                return Err(format!("unknown argument `{arg}`\n{USAGE}"));
            }
        }
        Ok(flags)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn path(&self, name: &str, default: &str) -> PathBuf {
        self.value(name).map(PathBuf::from).unwrap_or_else(|| root().join(default))
    }

    fn on(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }
}

/// Every `--only SERVICE[:Op,Op][;…]` given (repeatable); empty for everything.
fn only(flags: &Flags) -> Result<Vec<awsdoc_codegen::model::select::Selection>, String> {
    let texts: Vec<&str> = flags.values.iter().filter(|(n, _)| n == "--only").map(|(_, v)| v.as_str()).collect();
    if texts.is_empty() {
        return Ok(Vec::new());
    }
    awsdoc_codegen::model::select::Selection::parse_all(&texts)
}

fn report(errors: Vec<Diagnostic>) -> String {
    let n = errors.len();
    let mut lines: Vec<String> = errors.iter().map(|e| format!("error: {e}")).collect();
    lines.push(format!("{n} error{} in the documentation; nothing was written", if n == 1 { "" } else { "s" }));
    lines.join("\n")
}

fn codegen(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--docs", "--out", "--only"], &["--check"])?;
    let only = only(&flags)?;
    let opts = generate::Options {
        docs: flags.path("--docs", "docs-input"),
        // A selection is not the crate: it never replaces generated/ unless --out says so.
        out: flags.path("--out", if only.is_empty() { "generated" } else { "target/awsdoc-only" }),
        check: flags.on("--check"),
        cache: Some(root().join("target/awsdoc-cache")),
        only,
    };
    let started = Instant::now();
    let summary = generate::run(&opts).map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    for w in &summary.warnings {
        eprintln!("warning: {w}");
    }
    let out = opts.out.display();
    if summary.up_to_date {
        println!("{out} is up to date with its {} services' docs: nothing to do ({elapsed:.2?})", summary.services);
        return Ok(());
    }
    let warnings = match summary.warnings.len() {
        0 => String::new(),
        n => format!(" ({n} warnings)"),
    };
    if opts.check {
        println!("{out} is fresh: {} services, {} files ({elapsed:.2?}){warnings}", summary.services, summary.files);
        return Ok(());
    }
    println!(
        "{out}: regenerated {} of {} services ({}), {} files, {} lines in {elapsed:.2?}{warnings}",
        summary.regenerated.len(),
        summary.services,
        summary.regenerated.join(", "),
        summary.files,
        summary.lines,
    );
    if summary.generator_changed {
        println!("  the generator changed since {out} was written, so every service was regenerated");
    }
    for (service, lines) in &summary.changes {
        if lines.is_empty() {
            println!("  {service}: docs changed, structure the same");
        } else {
            println!("  {service}:");
            for line in lines {
                println!("    {line}");
            }
        }
    }
    Ok(())
}

fn export_model(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--docs", "--out", "--only"], &[])?;
    let out = flags.value("--out").map(PathBuf::from).ok_or_else(|| format!("export-model needs --out DIR\n{USAGE}"))?;
    let docs = flags.path("--docs", "docs-input");
    let only = only(&flags)?;
    let built = if only.is_empty() { generate::build_models(&docs, None) } else { generate::build_selected(&docs, &only) };
    let built = built.map_err(report)?;
    for w in &built.warnings {
        eprintln!("warning: {w}");
    }
    let services = built.services;
    for service in &services {
        export::write_service(&out, service).map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    }
    println!("exported {} services into {}", services.len(), out.display());
    Ok(())
}

/// The pinned Python packages: boto3 for botocore's ground truth, moto for the end-to-end server.
const PYTHON_REQUIREMENTS: &str = "xtask/requirements.txt";

fn venv() -> PathBuf {
    root().join(".cache/venv")
}

/// Creates `.cache/venv` with the pinned packages unless it already has them.
fn setup() -> Result<PathBuf, String> {
    let venv = venv();
    let python = venv.join("bin/python");
    let requirements = root().join(PYTHON_REQUIREMENTS);
    let stamp = venv.join("requirements.installed");
    let wanted = std::fs::read_to_string(&requirements).map_err(|e| format!("{}: {e}", requirements.display()))?;
    if python.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(venv);
    }
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(&python).args(["-m", "pip", "install", "--quiet", "-r"]).arg(&requirements))?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(venv)
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let status = cmd.status().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed: {status}"))
    }
}

/// botocore's data folder inside the venv.
fn botocore_data(venv: &Path) -> Result<PathBuf, String> {
    let out = Command::new(venv.join("bin/python"))
        .args(["-c", "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))"])
        .output()
        .map_err(|e| format!("cannot run the venv's python: {e}"))?;
    if !out.status.success() {
        return Err(format!("botocore is not importable in {}", venv.display()));
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// The scorer sits in `shared/` beside the checkout.
fn scorer() -> Result<PathBuf, String> {
    let path = env::var_os("AWSDOC_SCORER")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/tools/score_model.py"));
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("{}: scorer not found (set AWSDOC_SCORER)", path.display()))
    }
}

/// The floors of the scorer's `wire` line for docs-input/ (the API Reference's facts), over
/// the services without floors of their own in [`XML_WIRE_FLOORS`]; `meta`, `constraints`
/// and `xml` are reported, not enforced.
const WIRE_FLOORS: [(&str, f64); 4] = [("http", 99.5), ("widths", 99.5), ("errshapes", 99.0), ("structs", 97.0)];

/// The floors of the XML-era services' own `wire` lines (rest-xml, query, ec2: their XML
/// facts too), enforced for each of them the docs folder has; a figure with nothing to score
/// (`n/a`, EC2's error shapes) passes. EC2's `structs` floor is lower: 101 of the 1,001
/// structures botocore 1.44.5 gives EC2 data-type pages have none in the API Reference copy
/// (they are newer than its April 2026 crawl; see `shared/api-reference/SOURCES.md`), and no
/// page names them.
const XML_WIRE_FLOORS: [(&str, [(&str, f64); 5]); 5] = [
    ("s3", [("http", 99.5), ("xml", 99.0), ("widths", 99.5), ("errshapes", 99.0), ("structs", 95.0)]),
    ("ec2", [("http", 99.5), ("xml", 99.0), ("widths", 99.5), ("errshapes", 99.0), ("structs", 92.0)]),
    ("iam", [("http", 99.5), ("xml", 99.0), ("widths", 99.5), ("errshapes", 99.0), ("structs", 95.0)]),
    ("sts", [("http", 99.5), ("xml", 99.0), ("widths", 99.5), ("errshapes", 99.0), ("structs", 95.0)]),
    ("sns", [("http", 99.5), ("xml", 99.0), ("widths", 99.5), ("errshapes", 99.0), ("structs", 95.0)]),
];

/// Runs the scorer on `services` of the export (all of them when empty); its output.
fn run_score(venv: &Path, out: &Path, services: &[String]) -> Result<String, String> {
    let mut cmd = Command::new(venv.join("bin/python"));
    cmd.arg(scorer()?).arg(out).arg("--truth").arg(botocore_data(venv)?);
    if !services.is_empty() {
        cmd.arg("--services").arg(services.join(","));
    }
    let output = cmd.output().map_err(|e| format!("cannot run the scorer: {e}"))?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The figures of a scorer output's `wire` line below their floors (`n/a` passes when
/// `na_passes`), each as `wire <name> <value> < <floor>%`, prefixed with `label`.
fn low_wire(text: &str, floors: &[(&str, f64)], label: &str, na_passes: bool) -> Result<Vec<String>, String> {
    let wire = text.lines().find(|l| l.starts_with("wire ")).ok_or("the scorer printed no wire line")?;
    let mut low = Vec::new();
    for (name, floor) in floors {
        let value = wire
            .split_whitespace()
            .find_map(|part| part.strip_prefix(&format!("{name}=")))
            .ok_or_else(|| format!("the wire line has no {name} figure"))?;
        match value.trim_end_matches('%').parse::<f64>() {
            Ok(v) if v >= *floor => {}
            Err(_) if na_passes && value.trim_end_matches('%') == "n/a" => {}
            _ => low.push(format!("{label}wire {name} {value} < {floor}%")),
        }
    }
    Ok(low)
}

/// Exports, scores, and fails when any figure is below `--min` (paginators below `--min-pag`),
/// or with `--wire`, a figure of the wire line below [`WIRE_FLOORS`].
fn score(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--docs", "--min", "--min-pag"], &["--wire"])?;
    let docs = flags.path("--docs", "docs-input");
    let min: f64 = flags.value("--min").unwrap_or("99.5").parse().map_err(|_| "--min takes a percentage".to_string())?;
    let min_pag: f64 =
        flags.value("--min-pag").unwrap_or("95").parse().map_err(|_| "--min-pag takes a percentage".to_string())?;
    let venv = setup()?;
    let out = root().join("target/export");
    let _ = std::fs::remove_dir_all(&out);
    export_model(&["--docs".into(), docs.display().to_string(), "--out".into(), out.display().to_string()])?;
    let output = Command::new(venv.join("bin/python"))
        .arg(scorer()?)
        .arg(&out)
        .arg("--truth")
        .arg(botocore_data(&venv)?)
        .output()
        .map_err(|e| format!("cannot run the scorer: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    print!("{text}");
    let summary = text.lines().find(|l| l.starts_with("fidelity ")).ok_or("the scorer printed no summary line")?;
    let mut low = Vec::new();
    for part in summary.split_whitespace().filter(|p| p.contains('=') && p.ends_with('%')) {
        let (name, value) = part.split_once('=').unwrap_or_default();
        let Ok(value) = value.trim_end_matches('%').parse::<f64>() else { continue };
        let floor = match name {
            "names" => continue, // informational: the docs never name most shapes
            "paginators" => min_pag,
            _ => min,
        };
        if value < floor {
            low.push(format!("{name} {value}% < {floor}%"));
        }
    }
    if flags.switches.iter().any(|s| s == "--wire") {
        let exported: Vec<String> = std::fs::read_dir(&out)
            .map_err(|e| format!("{}: {e}", out.display()))?
            .flatten()
            .filter(|e| e.path().is_dir())
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .collect();
        let (xml, others): (Vec<String>, Vec<String>) = exported.into_iter().partition(|s| XML_WIRE_FLOORS.iter().any(|(x, _)| x == s));
        if !others.is_empty() {
            // The other services together, as before the XML-era services had floors.
            let text = if xml.is_empty() { text.to_string() } else { run_score(&venv, &out, &others)? };
            low.extend(low_wire(&text, &WIRE_FLOORS, "", false)?);
        }
        for service in &xml {
            let floors = XML_WIRE_FLOORS.iter().find(|(s, _)| s == service).map(|(_, f)| f).ok_or("listed")?;
            let text = run_score(&venv, &out, std::slice::from_ref(service))?;
            let wire = text.lines().find(|l| l.starts_with("wire ")).unwrap_or("the scorer printed no wire line");
            println!("{service}: {wire}");
            low.extend(low_wire(&text, floors, &format!("{service} "), true)?);
        }
    }
    if low.is_empty() {
        Ok(())
    } else {
        Err(format!("fidelity below target: {}", low.join(", ")))
    }
}

fn test(args: &[String]) -> Result<(), String> {
    Flags::parse(args, &[], &[])?;
    let venv = setup()?;
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let cargo_in_root = || {
        let mut cmd = Command::new(&cargo);
        cmd.current_dir(root());
        cmd
    };
    run(cargo_in_root()
        .args(["test", "--workspace", "--all-features", "--locked"])
        .env("AWSDOC_MOTO_SERVER", venv.join("bin/moto_server")))?;
    // The generated crate (and ours) must be clippy- and rustdoc-clean.
    run(cargo_in_root().args(["clippy", "--workspace", "--all-features", "--all-targets", "--locked", "--", "-D", "warnings"]))?;
    run(cargo_in_root()
        .args(["doc", "--workspace", "--no-deps", "--all-features", "--locked"])
        .env("RUSTDOCFLAGS", "-D warnings"))?;
    codegen(&["--check".into()])?;
    score(&["--wire".into()])?;
    corpus::sample(&["--plaintext".into()])
}
