//! `cargo xtask bench <what>`: figures, not tests. Every timing is the median of `--runs`
//! runs (min and max beside it); nothing here asserts a time.
//!
//! * `model [--docs DIR] [--runs N]` — docs folder → model: discover, parse (parallel across
//!   files), assemble.
//! * `crate [--docs DIR] [--out DIR] [--runs N]` — docs folder → formatted crate on disk:
//!   the model, emit (tokens, `syn`, `prettyplease`; parallel across services) and write.
//! * `compile [--work DIR] [--crate DIR] [--runs N] [--service S] [--aws-version V]` — in a
//!   scratch workspace (default `target/bench-compile`), `cargo build` of the generated
//!   crate with just `--features S` (default `dynamodb`; the default features, serde among
//!   them, and again without serde, as `aws-sdk-S` has none) against `aws-sdk-S` from crates.io,
//!   each alone with its dependencies prebuilt (`cargo clean -p X`, then timed `cargo build
//!   -p X`), interleaved; plus both crates' lines of code. Both crates are measured the two
//!   ways cargo builds a crate: as a registry or git dependency (no incremental state) and
//!   as a path dependency or workspace member (incremental), see [`CargoMode`].
//! * `check [--crate DIR] [--work DIR] [--group-lines N] [--clippy|--doc] [--only G,…]` — by
//!   default on the crate `bench crate` wrote (`target/bench-crate`), in `target/bench-check`:
//!   `cargo check` (or `clippy -D warnings`, or `doc` with `RUSTDOCFLAGS=-D warnings`) of a
//!   generated crate in feature groups of at most N lines (one crate with every feature
//!   does not fit in memory here), with each group's time and peak memory; each group is
//!   built without incremental state and without the docs of the groups before it.
//! * `tls [--work DIR] [--runs N] [--service S]` — what the runtime's TLS provider costs a
//!   user: the cold `cargo build` (`CARGO_INCREMENTAL=0`, as a dependency) of a crate on the
//!   generated one with `--features serde,S` (default `dynamodb`), over aws-lc-rs (the
//!   default `rustls-aws-lc`) and over ring (`default-features = false`, `rustls-ring`),
//!   alternated; each in a scratch workspace of its own (default `target/bench-tls`) so
//!   features never unify, and the ring one checked to leave out `aws-lc-sys`. See [`tls`].

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use awsdoc_codegen::model::assemble::assemble;
use awsdoc_codegen::docs::{discover, parse_references, parse_services};
use awsdoc_codegen::emit::emit_parts;
use awsdoc_codegen::generate::write_tree;
use awsdoc_codegen::model::reference::{apply_reference, WireFile};
use awsdoc_codegen::model::wire::read_wire_facts;

use super::{root, Flags};

mod tls;

const USAGE: &str = "usage: cargo xtask bench <what>
  model   [--docs DIR] [--runs N]                      docs -> model, per phase
  crate   [--docs DIR] [--out DIR] [--runs N]          docs -> formatted crate on disk, per phase
  compile [--work DIR] [--crate DIR] [--runs N] [--service S] [--aws-version V]
                                                       cargo build: generated module vs aws-sdk-S
  check   [--crate DIR] [--work DIR] [--group-lines N] [--clippy|--doc] [--only g0,g3]
                                                       cargo check/clippy/doc of a generated crate in feature groups
  tls     [--work DIR] [--runs N] [--service S]        cold cargo build of a user crate: TLS over aws-lc-rs vs ring";

pub fn run(args: &[String]) -> Result<(), String> {
    // `cargo xtask` builds the debug profile; figures of a debug build mean nothing, so a
    // debug xtask hands the bench to a release one.
    if cfg!(debug_assertions) && matches!(args.first().map(String::as_str), Some("model" | "crate")) {
        let status = Command::new(cargo())
            .current_dir(root())
            .args(["run", "--quiet", "--release", "--package", "xtask", "--", "bench"])
            .args(args)
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        return if status.success() { Ok(()) } else { Err(format!("release bench failed: {status}")) };
    }
    match args.first().map(String::as_str) {
        Some("model") => model(&args[1..]),
        Some("crate") => krate(&args[1..]),
        Some("compile") => compile(&args[1..]),
        Some("check") => check(&args[1..]),
        Some("tls") => tls::tls(&args[1..]),
        _ => Err(USAGE.to_string()),
    }
}

fn runs(flags: &Flags, default: usize) -> Result<usize, String> {
    match flags.value("--runs") {
        None => Ok(default),
        Some(n) => n.parse().ok().filter(|&n| n > 0).ok_or_else(|| "--runs takes a positive number".to_string()),
    }
}

/// Named samples, printed as median [min … max].
#[derive(Default)]
struct Samples {
    order: Vec<String>,
    values: BTreeMap<String, Vec<Duration>>,
    cpu: BTreeMap<String, Vec<Duration>>,
}

impl Samples {
    fn add(&mut self, name: &str, d: Duration) {
        if !self.values.contains_key(name) {
            self.order.push(name.to_string());
        }
        self.values.entry(name.to_string()).or_default().push(d);
    }

    fn add_cpu(&mut self, name: &str, d: Duration) {
        self.cpu.entry(name.to_string()).or_default().push(d);
    }

    fn median(&self, name: &str) -> Duration {
        median(&self.values[name])
    }

    fn cpu_median(&self, name: &str) -> Duration {
        median(&self.cpu[name])
    }

    fn print(&self) {
        let width = self.order.iter().map(String::len).max().unwrap_or(0);
        for name in &self.order {
            let v = &self.values[name];
            let (min, max) = (v.iter().min().unwrap(), v.iter().max().unwrap());
            let cpu = self.cpu.get(name).map(|c| format!("   CPU median {:>9}", secs(median(c)))).unwrap_or_default();
            println!(
                "  {name:<width$}  median {:>9}   [min {} … max {}]  n={}{cpu}",
                secs(median(v)),
                secs(*min),
                secs(*max),
                v.len()
            );
        }
    }
}

fn median(v: &[Duration]) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2
    }
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

/// Times `f` into `samples` (wall) and, under the same name, into the CPU samples: this
/// process's user + sys time, all threads, which other work on the machine disturbs much
/// less than the wall time.
fn timed<T>(samples: &mut Samples, name: &str, f: impl FnOnce() -> T) -> T {
    let (started, cpu) = (Instant::now(), cpu_time());
    let out = f();
    samples.add(name, started.elapsed());
    samples.add_cpu(name, cpu_time().saturating_sub(cpu));
    out
}

/// This process's CPU time so far (user + sys, every thread), from `/proc/self/stat`.
fn cpu_time() -> Duration {
    let stat = fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which may hold spaces) in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; clock
    // ticks are 1/100 s on Linux.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

// ---------------------------------------------------------------------------------------
// model, crate

struct ModelFigures {
    services: usize,
    pages: usize,
    operations: usize,
    shapes: usize,
    bytes: u64,
}

/// One docs → model run, timed per phase (the same steps as `generate::build_from_files`).
fn model_once(docs: &Path, samples: &mut Samples) -> Result<(Vec<awsdoc_codegen::model::Service>, ModelFigures), String> {
    let (started, cpu) = (Instant::now(), cpu_time());
    let files = timed(samples, "discover", || discover(docs, None)).map_err(|e| e.to_string())?;
    let (parsed, _warnings) = timed(samples, "parse (read + parse pages, changelogs)", || parse_services(&files))
        .map_err(|e| format!("{} errors, first: {}", e.len(), e[0]))?;
    let references = timed(samples, "parse API Reference pages", || parse_references(&files))
        .map_err(|e| format!("{} errors, first: {}", e.len(), e[0]))?;
    let wire = files
        .iter()
        .map(|f| f.protocol.as_ref().map(|p| read_wire_facts(p)).transpose())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let mut services = timed(samples, "assemble (parallel across services)", || {
        awsdoc_codegen::parallel::map(&parsed, |d| assemble(&d.pages).map(|a| a.service)).into_iter().collect::<Result<Vec<_>, _>>()
    })
    .map_err(|e| e.to_string())?;
    timed(samples, "merge API Reference pages", || {
        for (i, service) in services.iter_mut().enumerate() {
            let wire_file = files[i].protocol.as_deref().zip(wire[i].as_ref()).map(|(path, facts)| WireFile { path, facts });
            apply_reference(service, &references[i], wire_file).map_err(|e| e[0].to_string())?;
        }
        Ok::<(), String>(())
    })?;
    samples.add("model total", started.elapsed());
    samples.add_cpu("model total", cpu_time().saturating_sub(cpu));
    let pages = files.iter().map(|f| f.pages.len() + f.changelogs.len() + f.reference.len() + usize::from(f.index.is_some())).sum();
    let bytes = files
        .iter()
        .flat_map(|f| f.pages.iter().chain(&f.changelogs).chain(&f.reference).chain(f.index.as_ref()))
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let figures = ModelFigures {
        services: services.len(),
        pages,
        operations: services.iter().map(|s| s.operations.len()).sum(),
        shapes: services.iter().map(|s| s.shapes.len()).sum(),
        bytes,
    };
    Ok((services, figures))
}

fn model(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--docs", "--runs"], &[])?;
    let docs = flags.path("--docs", "docs-input");
    let runs = runs(&flags, 5)?;
    let mut samples = Samples::default();
    let mut figures = None;
    for _ in 0..runs {
        figures = Some(model_once(&docs, &mut samples)?.1);
    }
    let f = figures.expect("at least one run");
    println!(
        "bench model: {} -> {} services, {} pages ({:.1} MB), {} operations, {} shapes; {} runs, {} threads",
        docs.display(),
        f.services,
        f.pages,
        f.bytes as f64 / 1e6,
        f.operations,
        f.shapes,
        runs,
        threads()
    );
    samples.print();
    Ok(())
}

fn krate(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--docs", "--out", "--runs"], &[])?;
    let docs = flags.path("--docs", "docs-input");
    let out = flags.path("--out", "target/bench-crate");
    let runs = runs(&flags, 3)?;
    let mut samples = Samples::default();
    let (mut files_n, mut lines, mut bytes, mut services_n) = (0, 0, 0, 0);
    for _ in 0..runs {
        let (started, cpu) = (Instant::now(), cpu_time());
        let (services, figures) = model_once(&docs, &mut samples)?;
        services_n = figures.services;
        let parts = timed(&mut samples, "emit (tokens + syn + prettyplease)", || emit_parts(&services, None));
        let mut files = parts.crate_files;
        files.extend(parts.services.into_values().flatten());
        timed(&mut samples, "write", || write_tree(&out, &files)).map_err(|e| format!("{}: {e}", out.display()))?;
        samples.add("crate total", started.elapsed());
        samples.add_cpu("crate total", cpu_time().saturating_sub(cpu));
        files_n = files.len();
        lines = files.iter().map(|f| f.contents.lines().count()).sum::<usize>();
        bytes = files.iter().map(|f| f.contents.len()).sum::<usize>();
    }
    println!(
        "bench crate: {} -> {}: {} services, {} files, {} lines ({:.1} MB); {} runs, {} threads",
        docs.display(),
        out.display(),
        services_n,
        files_n,
        lines,
        bytes as f64 / 1e6,
        runs,
        threads()
    );
    samples.print();
    let _ = samples.median("crate total");
    Ok(())
}

// ---------------------------------------------------------------------------------------
// compile

/// `cmd` with its wall time; fails on a non-zero exit, with the tail of its output.
fn run_timed(cmd: &mut Command) -> Result<Duration, String> {
    let started = Instant::now();
    let out = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let elapsed = started.elapsed();
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!("{cmd:?} failed: {}\n{}", out.status, tail.join("\n")));
    }
    Ok(elapsed)
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Copies the generated crate at `generated` and the runtime into a scratch workspace, as
/// `work/generated` and `work/runtime` (sources and manifests), so that a regeneration in
/// the repo mid-run changes nothing.
fn copy_crates(generated: &Path, work: &Path) -> Result<(), String> {
    for (from, to) in [(generated.to_path_buf(), work.join("generated")), (root().join("runtime"), work.join("runtime"))] {
        copy_dir(&from.join("src"), &to.join("src"))?;
        let manifest = from.join("Cargo.toml");
        fs::copy(&manifest, to.join("Cargo.toml")).map_err(|e| format!("{}: {e}", manifest.display()))?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    let _ = fs::remove_dir_all(to);
    fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", src.display()))?;
        }
    }
    Ok(())
}

/// Lines in `.rs` files under `dir`: (all lines, code lines: not blank, not only a comment).
fn count_lines(dir: &Path) -> (usize, usize, usize) {
    let mut files = 0;
    let (mut all, mut code) = (0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let Ok(text) = fs::read_to_string(&path) else { continue };
                files += 1;
                for line in text.lines() {
                    all += 1;
                    let t = line.trim();
                    if !t.is_empty() && !t.starts_with("//") {
                        code += 1;
                    }
                }
            }
        }
    }
    (files, all, code)
}

/// The workspace's shared settings, as the generated crate and the runtime inherit them.
/// The root manifest's `[workspace.*]` sections (package keys, dependencies), which the
/// copied crates' `workspace = true` keys need in a scratch workspace; wherever they stand
/// in the file.
fn workspace_package() -> Result<String, String> {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let mut out = String::new();
    let mut keep = false;
    for line in manifest.lines() {
        if line.trim_start().starts_with('[') {
            keep = line.trim_start().starts_with("[workspace.");
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    if !out.contains("[workspace.package]") {
        return Err("no [workspace.package] in Cargo.toml".into());
    }
    Ok(out)
}

fn compile(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--work", "--crate", "--runs", "--service", "--aws-version"], &[])?;
    let work = flags.path("--work", "target/bench-compile");
    let generated = flags.path("--crate", "generated");
    let runs = runs(&flags, 5)?;
    let service = flags.value("--service").unwrap_or("dynamodb").to_string();
    let aws_version = flags.value("--aws-version").unwrap_or("1.136.0").to_string();
    let aws_crate = format!("aws-sdk-{service}");
    let module = service.replace('-', "_");
    if !generated.join("src").join(&module).is_dir() {
        return Err(format!("{}: no module {module}", generated.display()));
    }

    // The scratch workspace: copies of the generated crate and the runtime (so a
    // regeneration in the repo mid-run changes nothing), and a crate that depends on the
    // published SDK crate.
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    copy_crates(&generated, &work)?;
    fs::create_dir_all(work.join("published/src")).map_err(|e| e.to_string())?;
    fs::write(
        work.join("published/Cargo.toml"),
        format!(
            "[package]\nname = \"published\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\n{aws_crate} = \"={aws_version}\"\n"
        ),
    )
    .map_err(|e| e.to_string())?;
    fs::write(work.join("published/src/lib.rs"), format!("pub use {} as sdk;\n", aws_crate.replace('-', "_")))
        .map_err(|e| e.to_string())?;
    let manifest = format!(
        "# Scratch workspace of `cargo xtask bench compile`; rewritten on every run.\n\
         [workspace]\nresolver = \"2\"\nmembers = [\"generated\", \"runtime\", \"published\"]\n\n{}",
        workspace_package()?
    );
    fs::write(work.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    if !work.join("Cargo.lock").exists() {
        let _ = fs::copy(root().join("Cargo.lock"), work.join("Cargo.lock"));
    }

    let feature = format!("awsdoc-sdk/{service}");
    let ours: Vec<&str> = vec!["build", "-p", "awsdoc-sdk", "--features", &feature];
    // Like for like: the SDK crate has no serde impls unless built with a cfg flag.
    let bare_features = format!("awsdoc-sdk/{service},awsdoc-sdk/rustls-aws-lc");
    let ours_bare: Vec<&str> = vec!["build", "-p", "awsdoc-sdk", "--no-default-features", "--features", &bare_features];
    let theirs: Vec<&str> = vec!["build", "-p", &aws_crate];
    let ours_name = format!("awsdoc-sdk --features {service}");
    let ours_bare_name = format!("awsdoc-sdk --features {service}, no serde");
    let theirs_name = format!("{aws_crate} {aws_version}");
    let logs = work.join("logs");
    fs::create_dir_all(&logs).map_err(|e| e.to_string())?;
    let log = logs.join("build.log");
    println!("bench compile: scratch workspace {}", work.display());
    // Cargo builds a crate from crates.io or git without incremental state and a
    // workspace member or path dependency with it: both crates are measured both ways,
    // each mode in its own target folder so switching never rebuilds the dependencies.
    for mode in [CargoMode::Dependency, CargoMode::PathDependency] {
        let target = work.join(mode.target_dir());
        let cargo_in = |args: &[&str]| {
            let mut cmd = Command::new(cargo());
            cmd.current_dir(&work).args(args).env("CARGO_TARGET_DIR", &target).env("CARGO_INCREMENTAL", mode.incremental());
            cmd
        };
        println!("{}: prebuilding dependencies (once)…", mode.describe());
        let warm = run_measured(&mut cargo_in(&ours), &log)?.wall
            + run_measured(&mut cargo_in(&ours_bare), &log)?.wall
            + run_measured(&mut cargo_in(&theirs), &log)?.wall;
        println!("  prebuilt in {warm:.1} s");
        // Wall time, and CPU time (user + sys of cargo and rustc), which other work on the
        // machine disturbs much less; both the median of `runs`.
        let (mut wall, mut cpu) = (Samples::default(), Samples::default());
        let noop = "no-op cargo build (overhead)";
        let mut measure = |name: &str, args: &[&str]| -> Result<(), String> {
            let Measured { ok, wall: w, cpu: c, .. } = run_measured(&mut cargo_in(args), &log)?;
            if !ok {
                return Err(format!("cargo {} failed, see {}", args.join(" "), log.display()));
            }
            wall.add(name, Duration::from_secs_f64(w));
            cpu.add(name, Duration::from_secs_f64(c));
            Ok(())
        };
        for _ in 0..runs {
            run_timed(&mut cargo_in(&["clean", "-p", "awsdoc-sdk"]))?;
            measure(&ours_name, &ours)?;
            // What cargo itself costs when there is nothing to build (right after `ours`:
            // another feature set would rebuild it).
            measure(noop, &ours)?;
            run_timed(&mut cargo_in(&["clean", "-p", "awsdoc-sdk"]))?;
            measure(&ours_bare_name, &ours_bare)?;
            run_timed(&mut cargo_in(&["clean", "-p", &aws_crate]))?;
            measure(&theirs_name, &theirs)?;
        }
        println!("  cargo build, dev profile, {runs} runs each, interleaved, dependencies prebuilt, {} threads:", threads());
        println!("   wall time:");
        wall.print();
        println!("   CPU time (user + sys):");
        cpu.print();
        let ratio = |s: &Samples| s.median(&theirs_name).as_secs_f64() / s.median(&ours_name).as_secs_f64();
        println!("    ratio {theirs_name} / ours: {:.1}x wall, {:.1}x CPU", ratio(&wall), ratio(&cpu));
        let bare_ratio = |s: &Samples| s.median(&theirs_name).as_secs_f64() / s.median(&ours_bare_name).as_secs_f64();
        println!("    ratio without serde (like for like): {:.1}x wall, {:.1}x CPU", bare_ratio(&wall), bare_ratio(&cpu));
        println!("    load average when done: {}", fs::read_to_string("/proc/loadavg").unwrap_or_default().trim());
    }

    let (files, all, code) = count_lines(&generated.join("src").join(&module));
    println!("lines of code:");
    println!("  generated src/{module}/: {files} files, {all} lines, {code} code lines (not blank or comment)");
    let registry = registry_src(&aws_crate, &aws_version);
    match registry {
        Some(dir) => {
            let (files, all, code) = count_lines(&dir.join("src"));
            println!("  {aws_crate} {aws_version} src/: {files} files, {all} lines, {code} code lines ({})", dir.display());
        }
        None => println!("  {aws_crate} {aws_version}: source not found in the cargo registry"),
    }
    Ok(())
}

/// How cargo builds a crate, which decides whether rustc keeps incremental state (writing
/// it is a good part of a from-scratch build).
#[derive(Clone, Copy)]
enum CargoMode {
    /// From crates.io or git: never incremental. How users get `aws-sdk-dynamodb`.
    Dependency,
    /// A workspace member or path dependency: incremental in the dev profile. How the
    /// generated crate is built in the workspace it was generated into.
    PathDependency,
}

impl CargoMode {
    fn incremental(self) -> &'static str {
        match self {
            CargoMode::Dependency => "0",
            CargoMode::PathDependency => "1",
        }
    }

    fn target_dir(self) -> &'static str {
        match self {
            CargoMode::Dependency => "target-dependency",
            CargoMode::PathDependency => "target-path",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            CargoMode::Dependency => "both as registry/git dependencies (CARGO_INCREMENTAL=0)",
            CargoMode::PathDependency => "both as path dependencies or workspace members (CARGO_INCREMENTAL=1)",
        }
    }
}

/// Where cargo unpacked a registry crate's source.
fn registry_src(name: &str, version: &str) -> Option<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let src = home.join("registry/src");
    fs::read_dir(&src).ok()?.filter_map(Result::ok).map(|e| e.path().join(format!("{name}-{version}"))).find(|p| p.is_dir())
}

// ---------------------------------------------------------------------------------------
// check

/// `(feature, module)` pairs of a generated crate's `lib.rs`.
fn features_of(krate: &Path) -> Result<Vec<(String, String)>, String> {
    let lib = fs::read_to_string(krate.join("src/lib.rs")).map_err(|e| format!("{}: {e}", krate.display()))?;
    let mut out = Vec::new();
    let mut feature = None;
    for line in lib.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("#[cfg(feature = \"") {
            feature = rest.split('"').next().map(str::to_string);
        } else if let Some(module) = line.strip_prefix("pub mod ").and_then(|m| m.strip_suffix(';')) {
            if let Some(f) = feature.take() {
                out.push((f, module.to_string()));
            }
        }
    }
    Ok(out)
}

/// What `/usr/bin/time` measured of a command and the processes it started.
struct Measured {
    ok: bool,
    /// Wall seconds.
    wall: f64,
    /// User + system seconds, every process of the tree: other work on the machine
    /// disturbs this much less than the wall time.
    cpu: f64,
    /// Peak resident memory of the biggest process (rustc), in KB.
    peak_kb: u64,
}

/// Runs `cmd` under `/usr/bin/time`, its output to `log`.
fn run_measured(cmd: &mut Command, log: &Path) -> Result<Measured, String> {
    let time_out = log.with_extension("time");
    let mut timed = Command::new("/usr/bin/time");
    timed.arg("-f").arg("%e %U %S %M").arg("-o").arg(&time_out).arg(cmd.get_program()).args(cmd.get_args());
    if let Some(dir) = cmd.get_current_dir() {
        timed.current_dir(dir);
    }
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            timed.env(k, v);
        }
    }
    let out = timed.output().map_err(|e| format!("cannot run /usr/bin/time: {e}"))?;
    let mut text = out.stdout;
    text.extend(out.stderr);
    fs::write(log, &text).map_err(|e| e.to_string())?;
    let figures = fs::read_to_string(&time_out).unwrap_or_default();
    let v: Vec<f64> = figures.lines().last().unwrap_or_default().split_whitespace().filter_map(|s| s.parse().ok()).collect();
    match v.as_slice() {
        [wall, user, sys, kb] => Ok(Measured { ok: out.status.success(), wall: *wall, cpu: user + sys, peak_kb: *kb as u64 }),
        _ => Err(format!("/usr/bin/time wrote no figures: {figures}")),
    }
}

fn check(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--crate", "--work", "--group-lines", "--only"], &["--clippy", "--doc"])?;
    // By default the crate `bench crate` wrote.
    let krate = flags.path("--crate", "target/bench-crate");
    let work = flags.path("--work", "target/bench-check");
    let max_lines: usize = flags.value("--group-lines").unwrap_or("600000").parse().map_err(|_| "--group-lines takes a number")?;
    let clippy = flags.on("--clippy");
    let doc = flags.on("--doc");
    let only: Option<Vec<String>> = flags.value("--only").map(|o| o.split(',').map(str::to_string).collect());
    let krate = fs::canonicalize(&krate).map_err(|e| format!("{}: {e}", krate.display()))?;

    // Workspace: the crate and the repo's runtime, linked (the crate's manifest says
    // `../runtime`), the repo's lock file so versions match.
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    for (link, target) in [("generated", krate.clone()), ("runtime", root().join("runtime"))] {
        let path = work.join(link);
        let _ = fs::remove_file(&path);
        std::os::unix::fs::symlink(&target, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let manifest = format!(
        "# Scratch workspace of `cargo xtask bench check`; rewritten on every run.\n\
         [workspace]\nresolver = \"2\"\nmembers = [\"generated\"]\n\n{}",
        workspace_package()?
    );
    fs::write(work.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    if !work.join("Cargo.lock").exists() {
        let _ = fs::copy(root().join("Cargo.lock"), work.join("Cargo.lock"));
    }

    // Feature groups of at most `max_lines` lines, in module order.
    let mut groups: Vec<(Vec<String>, usize)> = Vec::new();
    for (feature, module) in features_of(&krate)? {
        let (_, lines, _) = count_lines(&krate.join("src").join(&module));
        match groups.last_mut() {
            Some((features, total)) if *total + lines <= max_lines => {
                features.push(feature);
                *total += lines;
            }
            _ => groups.push((vec![feature], lines)),
        }
    }
    let (what, logs) = match (clippy, doc) {
        (true, _) => ("clippy -D warnings", "logs-clippy"),
        (false, true) => ("doc (RUSTDOCFLAGS=-D warnings)", "logs-doc"),
        _ => ("check", "logs-check"),
    };
    let logs = work.join(logs);
    fs::create_dir_all(&logs).map_err(|e| e.to_string())?;
    println!(
        "bench check: {} in {} feature groups of <= {max_lines} lines, cargo {what}, target {}",
        krate.display(),
        groups.len(),
        work.join("target").display()
    );
    let (mut total_secs, mut peak, mut failed) = (0.0, 0u64, Vec::new());
    for (i, (features, lines)) in groups.iter().enumerate() {
        let name = format!("g{i}");
        if only.as_ref().is_some_and(|o| !o.contains(&name)) {
            continue;
        }
        // Each group measured alone: no incremental state carried over from the last run
        // of a group (loading it was a third of clippy's peak memory), and no docs of
        // other groups for rustdoc to merge its shared files with.
        let mut cmd = Command::new(cargo());
        cmd.current_dir(&work).env("CARGO_TARGET_DIR", work.join("target")).env("CARGO_INCREMENTAL", "0");
        if doc {
            let _ = fs::remove_dir_all(work.join("target/doc"));
        }
        if clippy {
            cmd.args(["clippy", "-p", "awsdoc-sdk", "--features", &features.join(","), "--", "-D", "warnings"]);
        } else if doc {
            cmd.args(["doc", "--no-deps", "-p", "awsdoc-sdk", "--features", &features.join(",")]);
            cmd.env("RUSTDOCFLAGS", "-D warnings");
        } else {
            cmd.args(["check", "-p", "awsdoc-sdk", "--features", &features.join(",")]);
        }
        let log = logs.join(format!("{name}.log"));
        let Measured { ok, wall: secs, peak_kb: kb, .. } = run_measured(&mut cmd, &log)?;
        total_secs += secs;
        peak = peak.max(kb);
        println!(
            "  {name}: {:>3} services {:>8} lines  {:>7.1} s  peak {:>5.2} GB  {}",
            features.len(),
            lines,
            secs,
            kb as f64 / 1048576.0,
            if ok { "ok".to_string() } else { format!("FAILED, see {}", log.display()) }
        );
        if !ok {
            failed.push(name);
        }
    }
    println!("  total {total_secs:.1} s, peak {:.2} GB, {} groups failed", peak as f64 / 1048576.0, failed.len());
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed groups: {}", failed.join(", ")))
    }
}
