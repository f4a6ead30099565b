//! The manifest kept next to the generated code: what it was generated from.
//!
//! `codegen-manifest.json` records the generator's fingerprint (a hash of its source), and
//! per service a hash of every input file and of every file written for it. A run whose
//! inputs and generator match the manifest, and whose files on disk still match it, writes
//! nothing; otherwise only the services whose inputs changed are parsed and emitted again.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::docs::ServiceFiles;
use crate::parse::page::Diagnostic;

pub const MANIFEST_FILE: &str = "codegen-manifest.json";

/// A hash of the generator's source files, computed by `build.rs`.
pub fn generator() -> &'static str {
    env!("AWSDOC_GENERATOR_FINGERPRINT")
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Manifest {
    pub generator: String,
    pub services: BTreeMap<String, ServiceEntry>,
    /// Crate-level files (`Cargo.toml`, `src/lib.rs`) by path → content hash.
    pub crate_files: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ServiceEntry {
    /// Hash of the service's input files: paths relative to its folder, and contents.
    pub inputs: String,
    /// Files written for the service: path → content hash.
    pub files: BTreeMap<String, String>,
}

impl Manifest {
    /// Reads `<out>/codegen-manifest.json`; `None` if absent or unreadable (then everything
    /// is regenerated, which is always correct).
    pub fn read(out: &Path) -> Option<Manifest> {
        let text = fs::read_to_string(out.join(MANIFEST_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).map(|s| s + "\n").unwrap_or_default()
    }

    /// Whether every file the manifest lists is on disk with the recorded content.
    pub fn files_intact(&self, out: &Path) -> bool {
        let all = self.crate_files.iter().chain(self.services.values().flat_map(|s| s.files.iter()));
        all.into_iter().all(|(path, hash)| fs::read(out.join(path)).is_ok_and(|bytes| hash_bytes(&bytes) == *hash))
    }
}

pub fn hash_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hash of everything a service's model is built from, independent of where the docs
/// folder is.
pub fn hash_inputs(docs: &Path, files: &ServiceFiles) -> Result<String, Diagnostic> {
    let mut paths: Vec<&Path> = files.pages.iter().chain(&files.changelogs).chain(&files.reference).map(|p| p.as_path()).collect();
    paths.extend(files.index.as_deref());
    paths.extend(files.captured.as_deref());
    paths.extend(files.protocol.as_deref());
    paths.extend(files.waiter_facts.as_deref());
    paths.sort();
    let mut hash = Sha256::new();
    for path in paths {
        let rel = path.strip_prefix(docs).unwrap_or(path);
        hash.update(rel.to_string_lossy().replace('\\', "/").as_bytes());
        hash.update([0]);
        let bytes = fs::read(path).map_err(|e| Diagnostic::new(path, 0, format!("cannot read: {e}")))?;
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    Ok(hex(&hash.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_hash_depends_on_content_not_location() {
        let base = std::env::temp_dir().join(format!("awsdoc-fingerprint-{}", std::process::id()));
        let mut hashes = Vec::new();
        for (dir, content) in [("a", "x"), ("b", "x"), ("c", "y")] {
            let docs = base.join(dir);
            fs::create_dir_all(docs.join("svc/client")).unwrap();
            let page = docs.join("svc/client/op.rst");
            fs::write(&page, content).unwrap();
            let files = ServiceFiles { name: "svc".into(), pages: vec![page], ..Default::default() };
            hashes.push(hash_inputs(&docs, &files).unwrap());
        }
        assert_eq!(hashes[0], hashes[1]);
        assert_ne!(hashes[0], hashes[2]);
        fs::remove_dir_all(base).unwrap();
        assert_eq!(generator().len(), 32);
    }
}
