//! The whole run: documentation folder → models → files, written so that a failed run leaves
//! the output folder exactly as it was.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::model::apply::check_changelogs;
use crate::model::assemble::assemble;
use crate::model::diff::describe_changes;
use crate::docs::{discover, parse_references, parse_services, ServiceFiles};
use crate::emit::{emit_parts, EmittedParts, GeneratedFile};
use crate::fingerprint::{self, hash_bytes, hash_inputs, Manifest, ServiceEntry, MANIFEST_FILE};
use crate::model::Service;
use crate::parse::page::Diagnostic;
use crate::model::select::{select, Selection};
use crate::model::reference::{apply_reference, WireFile};
use crate::model::wire::{read_wire_facts, WireFacts};
use crate::model::waiter_facts::{apply_waiter_facts, read_waiter_facts};
use crate::model::waiter_infer;

/// What a codegen run did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub services: usize,
    pub files: usize,
    pub lines: usize,
    /// Nothing had changed: nothing was parsed or written.
    pub up_to_date: bool,
    /// The services parsed and emitted again (all of them on a full run).
    pub regenerated: Vec<String>,
    /// Per service whose docs changed since the last run (with its earlier model cached),
    /// what changed in it.
    pub changes: BTreeMap<String, Vec<String>>,
    /// The generator itself changed since the output was written: everything was redone.
    pub generator_changed: bool,
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

/// How to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub docs: PathBuf,
    pub out: PathBuf,
    /// Compare a full regeneration with `out` instead of writing.
    pub check: bool,
    /// Where models of earlier runs are kept (`target/awsdoc-cache`); without one, every
    /// run parses every service.
    pub cache: Option<PathBuf>,
    /// `--only`: generate just these services' selected operations and the shapes they
    /// reach (see [`crate::model::select`]); empty for everything. A selection is always a full,
    /// uncached run, and writes no manifest: the output is not the whole crate, so a later
    /// full run into the same folder must not take it as up to date.
    pub only: Vec<Selection>,
}

/// `cargo xtask codegen`: docs → `out`, regenerating only the services whose inputs changed
/// since the manifest in `out` was written; or with `check`, whether `out` is fresh.
pub fn run(opts: &Options) -> Result<Summary, RunError> {
    if !opts.only.is_empty() {
        return run_selected(opts);
    }
    let files = discover(&opts.docs, None).map_err(|e| RunError::Docs(vec![e]))?;
    if files.is_empty() {
        return Err(RunError::Docs(vec![Diagnostic::new(&opts.docs, 0, "no service folders with documentation pages found")]));
    }
    let mut inputs = BTreeMap::new();
    for f in &files {
        inputs.insert(f.name.clone(), hash_inputs(&opts.docs, f).map_err(|e| RunError::Docs(vec![e]))?);
    }
    if opts.check {
        let built = build_from_files(&files).map_err(RunError::Docs)?;
        let out_files = with_manifest(emit_parts(&built.services, None), BTreeMap::new(), &inputs);
        let stale = stale_files(&opts.out, &out_files);
        if !stale.is_empty() {
            return Err(RunError::Stale(stale));
        }
        return Ok(summarize(&out_files, built.services.len(), Vec::new(), built.warnings));
    }

    let previous = Manifest::read(&opts.out);
    let generator_changed = previous.as_ref().is_some_and(|m| m.generator != fingerprint::generator());
    let docs_changed = |name: &str| previous.as_ref().is_some_and(|m| m.services.get(name).is_none_or(|e| e.inputs != inputs[name]));
    let old = previous.clone().filter(|m| m.generator == fingerprint::generator());
    let intact = old.as_ref().is_some_and(|m| m.files_intact(&opts.out));
    if let Some(old) = old.as_ref().filter(|_| intact) {
        let same = old.services.len() == inputs.len()
            && inputs.iter().all(|(name, hash)| old.services.get(name).is_some_and(|e| &e.inputs == hash));
        if same {
            return Ok(Summary { services: inputs.len(), up_to_date: true, ..Summary::default() });
        }
    }

    // Services whose inputs and files are as the manifest says, with a cached model.
    let mut cached: BTreeMap<String, Service> = BTreeMap::new();
    if let (Some(old), true, Some(cache)) = (&old, intact, &opts.cache) {
        for (name, hash) in &inputs {
            if old.services.get(name).is_some_and(|e| &e.inputs == hash) {
                if let Some(model) = read_cached(cache, name, hash) {
                    cached.insert(name.clone(), model);
                }
            }
        }
    }
    let to_parse: Vec<ServiceFiles> = files.iter().filter(|f| !cached.contains_key(&f.name)).cloned().collect();
    let built = build_from_files(&to_parse).map_err(RunError::Docs)?;

    let mut changes = BTreeMap::new();
    if let Some(cache) = &opts.cache {
        for service in &built.services {
            let is_new = old.as_ref().is_some_and(|o| !o.services.contains_key(&service.name));
            if is_new {
                // A model cached by a run into another folder is not this output's "before".
                let line = format!("new service: {} operations, {} shapes", service.operations.len(), service.shapes.len());
                changes.insert(service.name.clone(), vec![line]);
            } else if docs_changed(&service.name) {
                if let Some(before) = old_model(cache, &service.name) {
                    changes.insert(service.name.clone(), describe_changes(&before, service));
                }
            }
            write_cached(cache, service, &inputs[&service.name]);
        }
    }
    let regenerated: Vec<String> = built.services.iter().map(|s| s.name.clone()).collect();
    let only: BTreeSet<String> = regenerated.iter().cloned().collect();
    let mut all = built.services;
    all.extend(cached.into_values());
    let parts = emit_parts(&all, Some(&only));
    // The untouched services keep their files as they are (linked, not rewritten).
    let mut kept = BTreeMap::new();
    if let Some(old) = &old {
        for name in inputs.keys().filter(|n| !only.contains(*n)) {
            kept.insert(name.clone(), old.services[name].clone());
        }
    }
    let keep: Vec<PathBuf> = kept.values().flat_map(|e| e.files.keys().map(PathBuf::from)).collect();
    let out_files = with_manifest(parts, kept, &inputs);
    write_tree_keeping(&opts.out, &out_files, &keep)
        .map_err(|e| RunError::Io(io::Error::new(e.kind(), format!("{}: cannot write: {e}", opts.out.display()))))?;
    let mut summary = summarize(&out_files, all.len(), regenerated, built.warnings);
    summary.files += keep.len();
    summary.changes = changes;
    summary.generator_changed = generator_changed;
    Ok(summary)
}

/// [`run`] with `--only`: the selected operations of the selected services, and the shapes
/// they reach.
fn run_selected(opts: &Options) -> Result<Summary, RunError> {
    let built = build_selected(&opts.docs, &opts.only).map_err(RunError::Docs)?;
    let parts = emit_parts(&built.services, None);
    let mut files = parts.crate_files;
    files.extend(parts.services.into_values().flatten());
    let names: Vec<String> = built.services.iter().map(|s| s.name.clone()).collect();
    if opts.check {
        let stale = stale_files(&opts.out, &files);
        if !stale.is_empty() {
            return Err(RunError::Stale(stale));
        }
        return Ok(summarize(&files, names.len(), Vec::new(), built.warnings));
    }
    write_tree(&opts.out, &files)
        .map_err(|e| RunError::Io(io::Error::new(e.kind(), format!("{}: cannot write: {e}", opts.out.display()))))?;
    Ok(summarize(&files, names.len(), names, built.warnings))
}

/// The models of the selected services, each cut down to its selected operations and the
/// shapes they reach ([`select`]).
pub fn build_selected(docs: &Path, only: &[Selection]) -> Result<Built, Vec<Diagnostic>> {
    let names: Vec<String> = only.iter().map(|s| s.service.clone()).collect();
    let mut built = build_models(docs, Some(&names))?;
    let mut errors = Vec::new();
    for service in &mut built.services {
        if let Some(sel) = only.iter().find(|s| s.service == service.name) {
            match select(service, &sel.operations) {
                Ok(selected) => *service = selected,
                Err(e) => errors.push(Diagnostic::new(docs.join(&service.name), 0, e)),
            }
        }
    }
    if errors.is_empty() {
        Ok(built)
    } else {
        Err(errors)
    }
}

fn summarize(files: &[GeneratedFile], services: usize, regenerated: Vec<String>, warnings: Vec<Diagnostic>) -> Summary {
    let lines = files.iter().map(|f| f.contents.lines().count()).sum();
    Summary { services, files: files.len(), lines, regenerated, warnings, ..Summary::default() }
}

/// The crate's files in their fixed order, with the manifest that describes them and the
/// services `kept` from the previous run (whose files stay on disk).
fn with_manifest(parts: EmittedParts, kept: BTreeMap<String, ServiceEntry>, inputs: &BTreeMap<String, String>) -> Vec<GeneratedFile> {
    let hashes = |files: &[GeneratedFile]| -> BTreeMap<String, String> {
        files.iter().map(|f| (f.path.to_string_lossy().replace('\\', "/"), hash_bytes(f.contents.as_bytes()))).collect()
    };
    let mut manifest = Manifest {
        generator: fingerprint::generator().to_string(),
        crate_files: hashes(&parts.crate_files),
        services: kept,
    };
    for (name, files) in &parts.services {
        let entry = ServiceEntry { inputs: inputs.get(name).cloned().unwrap_or_default(), files: hashes(files) };
        manifest.services.insert(name.clone(), entry);
    }
    let mut files = parts.crate_files;
    files.extend(parts.services.into_values().flatten());
    files.push(GeneratedFile { path: PathBuf::from(MANIFEST_FILE), contents: manifest.to_json() });
    files
}

/// The cache entry of one service: its model and the inputs and generator it came from.
#[derive(serde::Serialize, serde::Deserialize)]
struct CachedModel {
    generator: String,
    inputs: String,
    model: Service,
}

fn cache_path(cache: &Path, name: &str) -> PathBuf {
    cache.join(format!("{name}.json"))
}

fn read_cached(cache: &Path, name: &str, inputs: &str) -> Option<Service> {
    let entry: CachedModel = serde_json::from_slice(&fs::read(cache_path(cache, name)).ok()?).ok()?;
    (entry.generator == fingerprint::generator() && entry.inputs == inputs).then_some(entry.model)
}

/// The last model cached for a service, whatever it was built from: the "before" of a change.
fn old_model(cache: &Path, name: &str) -> Option<Service> {
    let entry: CachedModel = serde_json::from_slice(&fs::read(cache_path(cache, name)).ok()?).ok()?;
    Some(entry.model)
}

/// Best effort: a cache that cannot be written only makes the next run slower.
fn write_cached(cache: &Path, service: &Service, inputs: &str) {
    let entry = CachedModel { generator: fingerprint::generator().to_string(), inputs: inputs.to_string(), model: service.clone() };
    if fs::create_dir_all(cache).is_ok() {
        if let Ok(bytes) = serde_json::to_vec(&entry) {
            let _ = fs::write(cache_path(cache, &service.name), bytes);
        }
    }
}

/// Each service's `protocol.json`, by position in `files`.
fn read_wire(files: &[ServiceFiles]) -> (Vec<Option<WireFacts>>, Vec<Diagnostic>) {
    let mut wire = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for f in files {
        wire.push(f.protocol.as_ref().and_then(|path| read_wire_facts(path).map_err(|e| errors.push(e)).ok()));
    }
    (wire, errors)
}

/// What the documentation folder gives: the models and the warnings met on the way.
#[derive(Debug, Clone, Default)]
pub struct Built {
    pub services: Vec<Service>,
    pub warnings: Vec<Diagnostic>,
}

/// The models of every service under `docs` (or those in `only`).
pub fn build_models(docs: &Path, only: Option<&[String]>) -> Result<Built, Vec<Diagnostic>> {
    let files = discover(docs, only).map_err(|e| vec![e])?;
    if files.is_empty() {
        return Err(vec![Diagnostic::new(docs, 0, "no service folders with documentation pages found")]);
    }
    build_from_files(&files)
}

/// The models of the given services: boto3's pages assembled, changelogs applied, then the
/// API Reference pages and `protocol.json` merged in.
pub fn build_from_files(files: &[ServiceFiles]) -> Result<Built, Vec<Diagnostic>> {
    let (docs, mut warnings) = parse_services(files)?;
    let (wire, mut errors) = read_wire(files);
    let references = match parse_references(files) {
        Ok(references) => references,
        Err(e) => {
            errors.extend(e);
            vec![Vec::new(); files.len()]
        }
    };
    let assembled = crate::parallel::map(&docs, |service_docs| assemble(&service_docs.pages));
    let mut services = Vec::with_capacity(docs.len());
    for (i, (service_docs, assembled)) in docs.iter().zip(assembled).enumerate() {
        match assembled {
            Ok(mut assembled) => {
                warnings.extend(assembled.warnings);
                warnings.extend(check_changelogs(&assembled.service, &service_docs.changelogs));
                let wire_file = files[i].protocol.as_deref().zip(wire[i].as_ref()).map(|(path, facts)| WireFile { path, facts });
                match apply_reference(&mut assembled.service, &references[i], wire_file) {
                    Ok(w) => warnings.extend(w),
                    Err(e) => errors.extend(e),
                }
                // Waiter acceptors last: they read the output shapes and error codes the
                // reference pass settles.
                waiter_infer::infer_all(&mut assembled.service);
                if let Some(path) = &files[i].waiter_facts {
                    match read_waiter_facts(path) {
                        Ok(facts) => {
                            if let Err(e) = apply_waiter_facts(&mut assembled.service, &facts) {
                                errors.extend(e);
                            }
                        }
                        Err(e) => errors.push(e),
                    }
                }
                services.push(assembled.service);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        warnings.sort();
        Ok(Built { services, warnings })
    } else {
        errors.sort();
        Err(errors)
    }
}

/// Replaces `out` with exactly `files`: written into a sibling folder first, then swapped in
/// by renames, so an interrupted or failed write never leaves a half-written crate.
pub fn write_tree(out: &Path, files: &[GeneratedFile]) -> io::Result<()> {
    write_tree_keeping(out, files, &[])
}

/// [`write_tree`], keeping the files `keep` (relative paths) of the current `out` as they
/// are: hard-linked into the new tree, so they are not rewritten (same content, same
/// modification time); copied where links are not possible.
pub fn write_tree_keeping(out: &Path, files: &[GeneratedFile], keep: &[PathBuf]) -> io::Result<()> {
    let (staging, backup) = siblings(out)?;
    remove_if_exists(&staging)?;
    let in_place = |rel: &Path| {
        let path = staging.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        Ok::<PathBuf, io::Error>(path)
    };
    let written = files
        .iter()
        .try_for_each(|f| fs::write(in_place(&f.path)?, &f.contents))
        .and_then(|()| {
            keep.iter().try_for_each(|rel| {
                let (from, to) = (out.join(rel), in_place(rel)?);
                fs::hard_link(&from, &to).or_else(|_| fs::copy(&from, &to).map(|_| ()))
            })
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
