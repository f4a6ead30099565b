//! `cargo xtask corpus` and `cargo xtask sample`: boto3's reference pages for every service
//! (or for the CI sample), written by `shared/tools/gen_boto3_docs.py` with the pinned boto3,
//! and the sample's fidelity score.
//!
//! * `corpus [--out DIR] [--jobs N] [--score]` — every service boto3 documents (438 with
//!   boto3 1.44.5, 27,579 pages, about 230 MB, 14 minutes on one core) into `DIR` (default
//!   `.cache/corpus`, not committed), laid out as the docs loader reads it: `<svc>.rst` beside
//!   `<svc>/`. With `--score`: export the model of all of it, score it against botocore
//!   (the table in `target/corpus-score.txt`, counts in `target/corpus-score.json`) and break
//!   the losses down by cause with `xtask/limits.py` (no floors: see the README for what the
//!   docs cannot give), then count how readable the shape names are with `xtask/names.py`.
//! * `sample [--out DIR] [--jobs N] [--no-score] [--plaintext]` — the services listed in
//!   `xtask/corpus-sample.txt` into `DIR` (default `.cache/corpus-sample`), then `score` on
//!   them with the fidelity floors enforced (99.5% on every figure, 98% on paginators).
//!   With `--plaintext`, also renders them as plain text and holds the plain text's model
//!   to the RST's (see `corpus/plaintext.rs`).
//! * `corpus --plaintext [--plaintext-out DIR] [--score]`, `corpus --acronyms` — the corpus
//!   as plain text, scored against the RST's model, and the operation-name rule's hit rate:
//!   see `corpus/plaintext.rs`.
//!   `cargo xtask test` runs it, so CI scores a sample that covers every construct of the
//!   format without committing its pages.
//!
//! The generator writes a service's index page `<svc>.rst` only once the service's folder is
//! complete, so a service without one is partial: it is deleted and written again, and an
//! interrupted run resumes where it stopped. A stamp file (`.corpus-complete`: the boto3 and
//! botocore versions, a hash of the generator script, the services) marks a complete folder;
//! when it matches, nothing is done. A stamp from another boto3, botocore or generator makes
//! every page stale.
//!
//! Python: the pinned venv of `cargo xtask setup` (`.cache/venv`), or the venv named by
//! `AWSDOC_VENV` (one with the same `boto3==…` and `botocore==…` pins, for machines that
//! already have one).

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Instant;

use crate::{botocore_data, export_model, root, score, scorer, setup, Flags};

mod plaintext;

/// Scores `export` against `truth` (botocore-format folders) with examples of every loss;
/// writes the table to `table` and the counts to `json`, and returns the table.
fn run_scorer(python: &Path, export: &Path, truth: &Path, table: &Path, json: &Path) -> Result<String, String> {
    let output = Command::new(python)
        .arg(scorer()?)
        .arg(export)
        .arg("--truth")
        .arg(truth)
        .arg("--json")
        .arg(json)
        .args(["--verbose", "20"])
        .output()
        .map_err(|e| format!("cannot run the scorer: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    fs::write(table, text.as_bytes()).map_err(|e| format!("{}: {e}", table.display()))?;
    if !output.status.success() {
        return Err(format!("the scorer failed: {}\n{}", output.status, String::from_utf8_lossy(&output.stderr)));
    }
    Ok(text)
}

/// Marks a complete corpus folder; see the module docs.
const STAMP: &str = ".corpus-complete";
/// The CI sample: one service name per line, `#` comments.
const SAMPLE: &str = "xtask/corpus-sample.txt";
/// The fidelity floors CI enforces on the sample.
const MIN: &str = "99.5";
const MIN_PAGINATORS: &str = "98";

/// `cargo xtask corpus`.
pub fn corpus(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--out", "--jobs", "--plaintext-out"], &["--score", "--plaintext", "--acronyms"])?;
    let out = flags.path("--out", ".cache/corpus");
    let python = python()?;
    let (version, services) = boto3_services(&python)?;
    let jobs = jobs(&flags)?;
    build(&python, &out, &version, &services, jobs, false)?;
    if flags.on("--acronyms") {
        plaintext::acronyms(&out)?;
    }
    if flags.on("--plaintext") {
        let plain = flags.path("--plaintext-out", ".cache/corpus-plaintext");
        plaintext::render(&python, &out, &plain, &services, jobs)?;
        if flags.on("--score") {
            plaintext::score(&python, &out, &plain, "corpus", false)?;
        }
    } else if flags.on("--score") {
        score_all(&python, &out)?;
    }
    Ok(())
}

/// `corpus --score`: export, score, and explain the losses (see the module docs).
fn score_all(python: &Path, docs: &Path) -> Result<(), String> {
    let target = root().join("target");
    let export = target.join("corpus-export");
    let _ = fs::remove_dir_all(&export);
    export_model(&["--docs".into(), docs.display().to_string(), "--out".into(), export.display().to_string()])?;
    let venv = python.parent().and_then(Path::parent).ok_or("the venv's python has no venv")?;
    let truth = botocore_data(venv)?;
    let scorer = scorer()?;
    let (table, json) = (target.join("corpus-score.txt"), target.join("corpus-score.json"));
    let started = Instant::now();
    let text = run_scorer(python, &export, &truth, &table, &json)?;
    let summary = text.lines().find(|l| l.starts_with("fidelity ")).ok_or("the scorer printed no summary line")?;
    println!("{summary}
(per service, with examples of each loss: {}; scored in {:.1?})", table.display(), started.elapsed());
    let script = |name: &str, args: &[&Path]| -> Result<(), String> {
        let path = root().join("xtask").join(name);
        let status = Command::new(python)
            .arg(&path)
            .args(args)
            .arg("--scorer")
            .arg(&scorer)
            .arg("--truth")
            .arg(&truth)
            .status()
            .map_err(|e| format!("cannot run {}: {e}", path.display()))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("{} failed: {status}", path.display()))
        }
    };
    script("limits.py", &[&export, docs])?;
    script("names.py", &[&export])
}

/// `cargo xtask sample`.
pub fn sample(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--out", "--jobs", "--plaintext-out"], &["--no-score", "--plaintext"])?;
    let out = flags.path("--out", ".cache/corpus-sample");
    let services = sample_services()?;
    let python = python()?;
    let (version, known) = boto3_services(&python)?;
    if let Some(unknown) = services.iter().find(|s| !known.contains(s)) {
        return Err(format!("{SAMPLE}: boto3 {version} documents no service `{unknown}`"));
    }
    let jobs = jobs(&flags)?;
    build(&python, &out, &version, &services, jobs, true)?;
    if !flags.on("--no-score") {
        println!("scoring the sample ({} services) against botocore", services.len());
        let docs = out.display().to_string();
        score(&["--docs".into(), docs, "--min".into(), MIN.into(), "--min-pag".into(), MIN_PAGINATORS.into()])?;
    }
    if flags.on("--plaintext") {
        let plain = flags.path("--plaintext-out", ".cache/corpus-sample-plaintext");
        plaintext::render(&python, &out, &plain, &services, jobs)?;
        if !flags.on("--no-score") {
            plaintext::score(&python, &out, &plain, "sample", true)?;
        }
    }
    Ok(())
}

fn jobs(flags: &Flags) -> Result<usize, String> {
    match flags.value("--jobs") {
        Some(n) => n.parse().ok().filter(|n| *n > 0).ok_or_else(|| format!("--jobs takes a positive number, not `{n}`")),
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
    }
}

/// The services of `xtask/corpus-sample.txt`.
fn sample_services() -> Result<Vec<String>, String> {
    let path = root().join(SAMPLE);
    let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let services: Vec<String> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if services.is_empty() {
        return Err(format!("{}: lists no services", path.display()));
    }
    Ok(services)
}

/// The venv's python: `AWSDOC_VENV`, else the pinned `.cache/venv` (created if need be).
fn python() -> Result<PathBuf, String> {
    let venv = match env::var_os("AWSDOC_VENV") {
        Some(v) => PathBuf::from(v),
        None => setup()?,
    };
    let python = venv.join("bin/python");
    if python.is_file() {
        Ok(python)
    } else {
        Err(format!("{}: no python in this venv", venv.display()))
    }
}

/// The generator script, beside the checkout (`AWSDOC_GEN_DOCS` overrides).
fn generator() -> Result<PathBuf, String> {
    let path = env::var_os("AWSDOC_GEN_DOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/tools/gen_boto3_docs.py"));
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("{}: generator not found (set AWSDOC_GEN_DOCS)", path.display()))
    }
}

/// boto3's version (`1.44.5 (botocore 1.44.5)`) and the services it documents (as the
/// generator lists them: every available service except the deprecated ones).
fn boto3_services(python: &Path) -> Result<(String, Vec<String>), String> {
    // The version names botocore too: it carries the models, and boto3 accepts a range.
    const LIST: &str = "import boto3, botocore\n\
        from botocore.docs import DEPRECATED_SERVICE_NAMES as D\n\
        s = boto3.session.Session(region_name='us-east-1')\n\
        print(boto3.__version__, '(botocore', botocore.__version__ + ')')\n\
        print('\\n'.join(n for n in s.get_available_services() if n not in D))\n";
    let out = Command::new(python).args(["-c", LIST]).output().map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    if !out.status.success() {
        return Err(format!("{}: boto3 is not importable: {}", python.display(), String::from_utf8_lossy(&out.stderr).trim()));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let version = lines.next().ok_or("boto3 printed no version")?.to_string();
    let mut services: Vec<String> = lines.map(str::to_string).collect();
    services.sort();
    Ok((version, services))
}

/// The stamp a complete folder of `services` carries.
fn stamp_text(version: &str, script: &[u8], services: &[String]) -> String {
    // FNV-1a: stable across Rust versions, unlike std's hasher.
    let hash = script.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
    let mut text = format!("boto3 {version}\ngen_boto3_docs.py {hash:016x}\n");
    for s in services {
        text.push_str(s);
        text.push('\n');
    }
    text
}

/// Makes `out` hold complete pages of exactly `services` (plus, unless `prune`, whatever
/// else was there); see the module docs.
fn build(python: &Path, out: &Path, version: &str, services: &[String], jobs: usize, prune: bool) -> Result<(), String> {
    let script_path = generator()?;
    let script = fs::read(&script_path).map_err(|e| format!("{}: {e}", script_path.display()))?;
    let want = stamp_text(version, &script, services);
    let stamp = out.join(STAMP);
    let had = fs::read_to_string(&stamp).ok();
    if had.as_deref() == Some(want.as_str()) {
        println!("{}: complete, {} services (boto3 {version}); nothing to do", out.display(), services.len());
        return Ok(());
    }
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let io = |e: std::io::Error| format!("{}: {e}", out.display());
    // From here on the folder is not known to be complete.
    remove_file(&stamp).map_err(io)?;
    let header = |t: &str| t.lines().take(2).collect::<Vec<_>>().join("\n");
    let all_stale = had.as_deref().is_some_and(|h| header(h) != header(&want));
    if prune {
        for entry in fs::read_dir(out).map_err(io)?.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let service = name.strip_suffix(".rst").unwrap_or(&name).to_string();
            let is_service = out.join(format!("{service}.rst")).is_file() || entry.path().join("client").is_dir();
            if is_service && !services.contains(&service) {
                remove_service(out, &service).map_err(io)?;
            }
        }
    }
    let todo: Vec<String> =
        services.iter().filter(|s| all_stale || !out.join(format!("{s}.rst")).is_file()).cloned().collect();
    if !todo.is_empty() {
        for s in &todo {
            remove_service(out, s).map_err(io)?;
        }
        generate(python, &script_path, out, &todo, jobs)?;
    }
    if let Some(missing) = services.iter().find(|s| !out.join(format!("{s}.rst")).is_file()) {
        return Err(format!("{}: the generator wrote no index page for `{missing}`", out.display()));
    }
    fs::write(&stamp, want).map_err(io)?;
    println!("{}: complete, {} services (boto3 {version}), {} written now", out.display(), services.len(), todo.len());
    Ok(())
}

/// Runs the generator over `todo`, split across `jobs` processes.
fn generate(python: &Path, script: &Path, out: &Path, todo: &[String], jobs: usize) -> Result<(), String> {
    let started = Instant::now();
    let jobs = jobs.min(todo.len()).max(1);
    println!("writing boto3's pages for {} services into {} ({jobs} processes)", todo.len(), out.display());
    // Round-robin, so the big services (ec2, sagemaker, …) spread out.
    let mut chunks: Vec<Vec<&str>> = vec![Vec::new(); jobs];
    for (i, s) in todo.iter().enumerate() {
        chunks[i % jobs].push(s);
    }
    let mut children: Vec<(Child, usize)> = Vec::new();
    for chunk in &chunks {
        let child = Command::new(python)
            .arg(script)
            .arg(out)
            .args(chunk)
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
        children.push((child, chunk.len()));
    }
    let mut failed = Vec::new();
    for (mut child, n) in children {
        match child.wait() {
            Ok(status) if status.success() => {}
            Ok(status) => failed.push(format!("a generator process ({n} services) failed: {status}")),
            Err(e) => failed.push(format!("a generator process ({n} services): {e}")),
        }
    }
    if !failed.is_empty() {
        return Err(failed.join("\n"));
    }
    println!("wrote {} services in {:.1?}", todo.len(), started.elapsed());
    Ok(())
}

/// Deletes what the generator writes for one service.
fn remove_service(out: &Path, service: &str) -> std::io::Result<()> {
    remove_file(&out.join(format!("{service}.rst")))?;
    match fs::remove_dir_all(out.join(service)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn remove_file(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_names_real_services_once() {
        let services = sample_services().unwrap();
        let mut sorted = services.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), services.len(), "a service is listed twice");
        assert!(services.iter().all(|s| s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')));
    }

    #[test]
    fn the_stamp_changes_with_boto3_the_script_and_the_services() {
        let s = |v: &str, script: &[u8], svcs: &[&str]| {
            stamp_text(v, script, &svcs.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        };
        let base = s("1.44.5", b"print()", &["acm", "s3"]);
        assert!(base.starts_with("boto3 1.44.5\ngen_boto3_docs.py "));
        assert!(base.ends_with("\nacm\ns3\n"));
        assert_ne!(base, s("1.44.6", b"print()", &["acm", "s3"]));
        assert_ne!(base, s("1.44.5", b"print(1)", &["acm", "s3"]));
        assert_ne!(base, s("1.44.5", b"print()", &["acm"]));
    }

    #[test]
    fn an_interrupted_service_is_written_again_and_unlisted_ones_are_pruned() {
        let dir = env::temp_dir().join(format!("awsdoc-corpus-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (svc, complete) in [("acm", true), ("s3", false), ("old", true)] {
            fs::create_dir_all(dir.join(svc).join("client")).unwrap();
            if complete {
                fs::write(dir.join(format!("{svc}.rst")), "index").unwrap();
            }
        }
        // A fake generator that writes the index pages it is asked for.
        let script = dir.join("gen.py");
        fs::write(
            &script,
            "import os, sys\nfor s in sys.argv[2:]:\n    os.makedirs(os.path.join(sys.argv[1], s, 'client'), exist_ok=True)\n    open(os.path.join(sys.argv[1], s + '.rst'), 'w').write('new')\n",
        )
        .unwrap();
        let python = Path::new("python3");
        if Command::new(python).arg("--version").output().is_err() {
            return; // no python here: nothing to run the fake generator with
        }
        env::set_var("AWSDOC_GEN_DOCS", &script);
        let services = vec!["acm".to_string(), "s3".to_string()];
        build(python, &dir, "1.0", &services, 2, true).unwrap();
        assert_eq!(fs::read_to_string(dir.join("acm.rst")).unwrap(), "index", "a complete service is kept");
        assert_eq!(fs::read_to_string(dir.join("s3.rst")).unwrap(), "new", "a partial one is written again");
        assert!(!dir.join("old").exists() && !dir.join("old.rst").exists(), "an unlisted one is pruned");
        assert!(dir.join(STAMP).is_file());
        // Complete: a second run does nothing; another boto3 rewrites everything.
        fs::write(dir.join("acm.rst"), "kept").unwrap();
        build(python, &dir, "1.0", &services, 1, true).unwrap();
        assert_eq!(fs::read_to_string(dir.join("acm.rst")).unwrap(), "kept");
        build(python, &dir, "2.0", &services, 1, true).unwrap();
        assert_eq!(fs::read_to_string(dir.join("acm.rst")).unwrap(), "new");
        env::remove_var("AWSDOC_GEN_DOCS");
        fs::remove_dir_all(&dir).unwrap();
    }
}
