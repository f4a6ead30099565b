//! `bench tls`: what the runtime's TLS provider costs a user's cold build.
//!
//! One scratch workspace per provider, each holding copies of the generated crate and the
//! runtime and a user crate that depends on the generated crate with the features under
//! test. Separate workspaces, not one: features unify across a workspace's members, and
//! the ring build must never compile aws-lc.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use super::{cargo, copy_crates, root, run_measured, run_timed, runs, threads, workspace_package, Flags, Measured, Samples};

/// A TLS provider as a user selects it on the generated crate.
struct Variant {
    /// The scratch workspace's folder, under `--work`.
    dir: &'static str,
    /// How the figures name it.
    label: &'static str,
    /// The feature spelling of the generated crate's dependency entry, after the path.
    dependency: fn(service: &str) -> String,
    /// Whether `aws-lc-sys` belongs in its build.
    builds_aws_lc: bool,
}

const VARIANTS: [Variant; 2] = [
    Variant {
        dir: "user-aws-lc",
        label: "rustls-aws-lc (default features)",
        dependency: |service| format!("features = [\"serde\", \"{service}\"]"),
        builds_aws_lc: true,
    },
    Variant {
        dir: "user-ring",
        label: "rustls-ring (default-features = false)",
        dependency: |service| format!("default-features = false, features = [\"serde\", \"{service}\", \"rustls-ring\"]"),
        builds_aws_lc: false,
    },
];

/// The C build that `rustls-ring` exists to avoid.
const AWS_LC_SYS: &str = "aws-lc-sys";

pub(super) fn tls(args: &[String]) -> Result<(), String> {
    let flags = Flags::parse(args, &["--work", "--runs", "--service"], &[])?;
    let work = flags.path("--work", "target/bench-tls");
    // Each cold build is one to two minutes of CPU here.
    let runs = runs(&flags, 2)?;
    let service = flags.value("--service").unwrap_or("dynamodb").to_string();
    let module = service.replace('-', "_");
    let generated = root().join("generated");
    if !generated.join("src").join(&module).is_dir() {
        return Err(format!("{}: no module {module}", generated.display()));
    }
    let logs = work.join("logs");
    fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;

    println!("bench tls: scratch workspaces in {}", work.display());
    for variant in &VARIANTS {
        let dir = work.join(variant.dir);
        write_workspace(&dir, variant, &service, &module)?;
        // Downloads stay out of the timings.
        run_timed(Command::new(cargo()).current_dir(&dir).arg("fetch"))?;
        check_aws_lc(&dir, variant)?;
    }
    println!("  {AWS_LC_SYS} in the ring build: no; in the aws-lc build: yes (cargo tree)");

    let mut samples = Samples::default();
    let mut crates: Vec<Vec<usize>> = vec![Vec::new(); VARIANTS.len()];
    for run in 1..=runs {
        // Alternated, so a change of load on the shared machine falls on both.
        for (i, variant) in VARIANTS.iter().enumerate() {
            let dir = work.join(variant.dir);
            let target = dir.join("target");
            if target.exists() {
                fs::remove_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
            }
            let log = logs.join(format!("{}-build.log", variant.dir));
            println!("  run {run}/{runs}: cold cargo build, {}…", variant.label);
            // `CARGO_INCREMENTAL=0`: how cargo builds a registry dependency.
            let mut build = Command::new(cargo());
            build.current_dir(&dir).arg("build").env("CARGO_TARGET_DIR", &target).env("CARGO_INCREMENTAL", "0");
            let Measured { ok, wall, cpu, .. } = run_measured(&mut build, &log)?;
            if !ok {
                return Err(format!("cargo build of {} failed, see {}", dir.display(), log.display()));
            }
            let text = fs::read_to_string(&log).map_err(|e| format!("{}: {e}", log.display()))?;
            // The build log says it too; a second guard beside `cargo tree`.
            if compiled(&text, AWS_LC_SYS) != variant.builds_aws_lc {
                return Err(format!(
                    "the {} build {} {AWS_LC_SYS}, see {}",
                    variant.label,
                    if variant.builds_aws_lc { "did not compile" } else { "compiled" },
                    log.display()
                ));
            }
            crates[i].push(text.lines().filter(|l| l.trim_start().starts_with("Compiling ")).count());
            samples.add(variant.label, Duration::from_secs_f64(wall));
            samples.add_cpu(variant.label, Duration::from_secs_f64(cpu));
        }
    }

    println!(
        "  cold cargo build of a user crate on awsdoc-sdk --features serde,{service}, dev profile, CARGO_INCREMENTAL=0, \
         {runs} runs each, alternated, {} threads:",
        threads()
    );
    println!("   wall time, and CPU time (user + sys of cargo, rustc and the C compiler):");
    samples.print();
    println!("   crates compiled:");
    for (variant, counts) in VARIANTS.iter().zip(&crates) {
        let mut counts = counts.clone();
        counts.dedup();
        let counts: Vec<String> = counts.iter().map(usize::to_string).collect();
        println!("    {}: {}", variant.label, counts.join(", "));
    }
    let [aws_lc, ring] = [VARIANTS[0].label, VARIANTS[1].label];
    let cpu_ratio = samples.cpu_median(ring).as_secs_f64() / samples.cpu_median(aws_lc).as_secs_f64();
    let wall_ratio = samples.median(ring).as_secs_f64() / samples.median(aws_lc).as_secs_f64();
    println!(
        "    ring / aws-lc: {cpu_ratio:.2}x CPU ({:.0}% saved), {wall_ratio:.2}x wall ({:.0}% saved)",
        (1.0 - cpu_ratio) * 100.0,
        (1.0 - wall_ratio) * 100.0
    );
    println!("    load average when done: {}", fs::read_to_string("/proc/loadavg").unwrap_or_default().trim());
    Ok(())
}

/// Rewrites `dir` as a workspace of its own: the user crate at its root, copies of the
/// generated crate and the runtime (src and manifest, so a regeneration in the repo mid-run
/// changes nothing) as members, whose `workspace = true` keys the root supplies, and the
/// repo's lock file so versions match.
fn write_workspace(dir: &Path, variant: &Variant, service: &str, module: &str) -> Result<(), String> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    copy_crates(&root().join("generated"), dir)?;
    copy(&root().join("Cargo.lock"), &dir.join("Cargo.lock"))?;
    let manifest = format!(
        "# Scratch workspace of `cargo xtask bench tls`; rewritten on every run.\n\
         [package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nawsdoc-sdk = {{ path = \"generated\", {dependency} }}\n\n\
         [workspace]\nresolver = \"2\"\nmembers = [\"generated\", \"runtime\"]\n\n{shared}",
        name = variant.dir,
        dependency = (variant.dependency)(service),
        shared = workspace_package()?,
    );
    write(&dir.join("Cargo.toml"), &manifest)?;
    // Something of the crate used: the service's client and the transport that needs TLS.
    let lib = format!("pub use awsdoc_sdk::{module}::Client;\npub use awsdoc_sdk::runtime::HttpTransport;\n");
    write(&dir.join("src/lib.rs"), &lib)
}

/// Fails unless `cargo tree` finds `aws-lc-sys` in the workspace's build exactly when the
/// variant should build it.
fn check_aws_lc(dir: &Path, variant: &Variant) -> Result<(), String> {
    let mut tree = Command::new(cargo());
    tree.current_dir(dir).args(["tree", "-e", "features", "-i", AWS_LC_SYS]);
    let out = tree.output().map_err(|e| format!("cannot run {tree:?}: {e}"))?;
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    // Absent, cargo tree either errors ("did not match any packages") or prints nothing.
    let found = if out.status.success() {
        stdout.lines().any(|l| l.contains(AWS_LC_SYS))
    } else if stderr.contains("did not match any packages") {
        false
    } else {
        return Err(format!("{tree:?} in {} failed: {}\n{stderr}", dir.display(), out.status));
    };
    match (found, variant.builds_aws_lc) {
        (true, false) => Err(format!(
            "the {} build would compile {AWS_LC_SYS} (`cargo tree -e features -i {AWS_LC_SYS}` in {}):\n{stdout}",
            variant.label,
            dir.display()
        )),
        (false, true) => Err(format!(
            "the {} build has no {AWS_LC_SYS} (`cargo tree -e features -i {AWS_LC_SYS}` in {}): nothing to compare",
            variant.label,
            dir.display()
        )),
        _ => Ok(()),
    }
}

/// Whether cargo's log says it compiled the package `name`.
fn compiled(log: &str, name: &str) -> bool {
    log.lines().any(|l| l.trim_start().strip_prefix("Compiling ").is_some_and(|rest| rest.split(' ').next() == Some(name)))
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to).map(drop).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
