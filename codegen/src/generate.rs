//! The whole run: documentation folder → models → files, written so that a failed run leaves
//! the output folder exactly as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::apply::check_changelogs;
use crate::assemble::assemble;
use crate::docs::{discover, parse_services};
use crate::emit::{emit_crate_with_wire, GeneratedFile};
use crate::wire::{read_wire_facts, WireFacts};
use crate::model::Service;
use crate::page::Diagnostic;

/// What a codegen run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub services: usize,
    pub files: usize,
    pub lines: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Why a codegen run failed; `generated/` is untouched in every case.
#[derive(Debug)]
pub enum RunError {
    /// The documentation has errors (every one found, sorted by file and line).
    Docs(Vec<Diagnostic>),
    /// `--check`: the output differs from what would be written.
    Stale(Vec<String>),
    Io(io::Error),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Docs(errors) => {
                for e in errors {
                    writeln!(f, "error: {e}")?;
                }
                let n = errors.len();
                write!(f, "{n} error{} in the documentation; nothing was written", if n == 1 { "" } else { "s" })
            }
            RunError::Stale(files) => {
                write!(f, "the output is stale; run `cargo xtask codegen`:\n  {}", files.join("\n  "))
            }
            RunError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// `cargo xtask codegen`: docs → `out`, or with `check`, whether `out` is fresh.
pub fn run(docs: &Path, out: &Path, check: bool) -> Result<Summary, RunError> {
    let Built { services, wire, warnings } = build_models(docs, None).map_err(RunError::Docs)?;
    let files = emit_crate_with_wire(&services, &wire);
    if check {
        let stale = stale_files(out, &files);
        if !stale.is_empty() {
            return Err(RunError::Stale(stale));
        }
    } else {
        write_tree(out, &files).map_err(|e| RunError::Io(io::Error::new(e.kind(), format!("{}: cannot write: {e}", out.display()))))?;
    }
    let lines = files.iter().map(|f| f.contents.lines().count()).sum();
    Ok(Summary { services: services.len(), files: files.len(), lines, warnings })
}

/// What the documentation folder gives: the models, each service's wire facts (by name), and
/// the warnings met on the way.
#[derive(Debug, Clone, Default)]
pub struct Built {
    pub services: Vec<Service>,
    pub wire: BTreeMap<String, WireFacts>,
    pub warnings: Vec<Diagnostic>,
}

/// The models of every service under `docs` (or those in `only`).
pub fn build_models(docs: &Path, only: Option<&[String]>) -> Result<Built, Vec<Diagnostic>> {
    let files = discover(docs, only).map_err(|e| vec![e])?;
    if files.is_empty() {
        return Err(vec![Diagnostic::new(docs, 0, "no service folders with documentation pages found")]);
    }
    let (docs, mut warnings) = parse_services(&files)?;
    let mut services = Vec::with_capacity(docs.len());
    let mut errors = Vec::new();
    let mut wire = BTreeMap::new();
    for f in &files {
        if let Some(path) = &f.protocol {
            match read_wire_facts(path) {
                Ok(facts) => {
                    wire.insert(f.name.clone(), facts);
                }
                Err(e) => errors.push(e),
            }
        }
    }
    for service_docs in &docs {
        match assemble(&service_docs.pages) {
            Ok(assembled) => {
                warnings.extend(assembled.warnings);
                warnings.extend(check_changelogs(&assembled.service, &service_docs.changelogs));
                services.push(assembled.service);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(Built { services, wire, warnings })
    } else {
        Err(errors)
    }
}

/// Replaces `out` with exactly `files`: written into a sibling folder first, then swapped in
/// by renames, so an interrupted or failed write never leaves a half-written crate.
pub fn write_tree(out: &Path, files: &[GeneratedFile]) -> io::Result<()> {
    let (staging, backup) = siblings(out)?;
    remove_if_exists(&staging)?;
    let written = files.iter().try_for_each(|f| {
        let path = staging.join(&f.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(path, &f.contents)
    });
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    remove_if_exists(&backup)?;
    let had_old = out.exists();
    if had_old {
        if let Err(e) = fs::rename(out, &backup) {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    }
    if let Err(e) = fs::rename(&staging, out) {
        if had_old {
            let _ = fs::rename(&backup, out);
        }
        return Err(e);
    }
    remove_if_exists(&backup)
}

/// `generated/` → (`.generated.new`, `.generated.old`) beside it.
fn siblings(out: &Path) -> io::Result<(PathBuf, PathBuf)> {
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, format!("{}: not a folder name", out.display())))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    Ok((parent.join(format!(".{name}.new")), parent.join(format!(".{name}.old"))))
}

fn remove_if_exists(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The files under `out` that differ from `files`, are missing, or should not be there;
/// empty when `out` is fresh.
pub fn stale_files(out: &Path, files: &[GeneratedFile]) -> Vec<String> {
    let mut stale = Vec::new();
    let expected: BTreeSet<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    for f in files {
        match fs::read(out.join(&f.path)) {
            Ok(bytes) if bytes == f.contents.as_bytes() => {}
            Ok(_) => stale.push(format!("{} differs", f.path.display())),
            Err(_) => stale.push(format!("{} is missing", f.path.display())),
        }
    }
    let mut on_disk = Vec::new();
    list_files(out, Path::new(""), &mut on_disk);
    for path in on_disk {
        if !expected.contains(&path) {
            stale.push(format!("{} should not be there", path.display()));
        }
    }
    stale
}

fn list_files(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(root.join(rel)) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let rel = rel.join(entry.file_name());
        if entry.path().is_dir() {
            list_files(root, &rel, out);
        } else {
            out.push(rel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: PathBuf::from(path), contents: contents.to_string() }
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("awsdoc-generate-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn swaps_in_new_tree_and_reports_staleness() {
        let root = temp("swap");
        let out = root.join("generated");
        write_tree(&out, &[file("src/lib.rs", "old"), file("gone.rs", "x")]).unwrap();
        let new = [file("src/lib.rs", "new"), file("Cargo.toml", "[package]")];
        let stale = stale_files(&out, &new);
        assert_eq!(stale, ["src/lib.rs differs", "Cargo.toml is missing", "gone.rs should not be there"]);
        write_tree(&out, &new).unwrap();
        assert!(stale_files(&out, &new).is_empty());
        assert!(!root.join(".generated.new").exists() && !root.join(".generated.old").exists());
        fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn failed_write_leaves_the_old_tree() {
        let root = temp("fail");
        let out = root.join("generated");
        write_tree(&out, &[file("src/lib.rs", "old")]).unwrap();
        // A path that cannot be a file: a file and a folder of the same name.
        let bad = [file("a", "x"), file("a/b", "y")];
        assert!(write_tree(&out, &bad).is_err());
        assert_eq!(fs::read_to_string(out.join("src/lib.rs")).unwrap(), "old");
        assert!(!root.join(".generated.new").exists());
        fs::remove_dir_all(root).unwrap();
    }
}
