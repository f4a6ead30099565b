//! Regeneration that touches only what changed: a no-op run writes nothing, a new changelog
//! or API Reference page regenerates its service only, and the result is byte-identical to a full regeneration.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use awsdoc_codegen::generate::{run, Options};

use common::{copy_dir, shared};

/// Every file under `dir`: relative path → (contents, modification time).
fn tree(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, (Vec<u8>, SystemTime)>) {
        for e in fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let meta = fs::metadata(&path).unwrap();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), (fs::read(&path).unwrap(), meta.modified().unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn contents(t: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>) -> BTreeMap<&PathBuf, &Vec<u8>> {
    t.iter().map(|(p, (c, _))| (p, c)).collect()
}

#[test]
fn incremental_runs_touch_only_what_changed_and_match_a_full_run() {
    let root = std::env::temp_dir().join(format!("awsdoc-incremental-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    // Backup as of the day before seed 002, CloudHSMV2 as captured now.
    let docs = root.join("docs");
    copy_dir(&shared().join("boto3-docs-2023-02-07/backup"), &docs.join("backup"));
    fs::copy(shared().join("boto3-docs-2023-02-07/backup.rst"), docs.join("backup/backup.rst")).unwrap();
    fs::write(docs.join("backup/captured.txt"), "date: 2023-02-07\n").unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input/cloudhsmv2"), &docs.join("cloudhsmv2"));
    let opts = Options { docs: docs.clone(), out: root.join("out"), check: false, cache: Some(root.join("cache")), only: Vec::new() };

    let first = run(&opts).unwrap();
    assert_eq!(first.regenerated, ["backup", "cloudhsmv2"]);

    // Nothing changed: nothing parsed, nothing written.
    let before = tree(&opts.out);
    let again = run(&opts).unwrap();
    assert!(again.up_to_date && again.regenerated.is_empty());
    assert_eq!(tree(&opts.out), before, "a no-op run must not rewrite any file");

    // A new changelog for Backup regenerates Backup only, and says what changed.
    fs::create_dir_all(docs.join("backup/changelogs")).unwrap();
    let seed = fs::read_dir(shared().join("seeds")).unwrap().map(|e| e.unwrap().path());
    let seed = seed.into_iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with("002_")).unwrap();
    fs::copy(seed, docs.join("backup/changelogs/2023-02-08.txt")).unwrap();
    let update = run(&opts).unwrap();
    assert_eq!(update.regenerated, ["backup"]);
    let changes = &update.changes["backup"];
    let changed_ops: Vec<&str> = changes.iter().filter_map(|l| l.strip_prefix("~ operation ")).collect();
    assert_eq!(changed_ops.len(), 9, "{changes:#?}");
    assert!(changes.iter().any(|l| l.trim() == "+ output.BackupJobs[].ResourceName"), "{changes:#?}");
    let after = tree(&opts.out);
    // The generated docs say which changelog last touched an operation.
    let client = String::from_utf8(after[&PathBuf::from("src/backup/client.rs")].0.clone()).unwrap();
    assert!(client.contains("Operation `ListCopyJobs`, last changed by the changelog of 2023-02-08 (`2023-02-08.txt`)."));
    let cloudhsm: Vec<&PathBuf> = before.keys().filter(|p| p.starts_with("src/cloudhsmv2")).collect();
    assert!(!cloudhsm.is_empty());
    for path in cloudhsm {
        assert!(after[path] == before[path], "{} was rewritten", path.display());
    }

    // A changed API Reference page regenerates its service only: CloudHSM V2's TagResource
    // page says a tag's value may be longer now, which its doc comment shows.
    let before = after;
    let page = docs.join("cloudhsmv2/reference/API_Tag.md");
    let text = fs::read_to_string(&page).unwrap();
    assert!(text.contains("Maximum length of 256."), "{text}");
    fs::write(&page, text.replace("Maximum length of 256.", "Maximum length of 512.")).unwrap();
    let update = run(&opts).unwrap();
    assert_eq!(update.regenerated, ["cloudhsmv2"]);
    let after = tree(&opts.out);
    let types = String::from_utf8(after[&PathBuf::from("src/cloudhsmv2/types.rs")].0.clone()).unwrap();
    assert!(types.contains("Length: 0 to 512."), "the new constraint reaches the docs");
    let backup: Vec<&PathBuf> = before.keys().filter(|p| p.starts_with("src/backup")).collect();
    for path in backup {
        assert!(after[path] == before[path], "{} was rewritten", path.display());
    }

    // Byte-identical to a regeneration from scratch (no manifest, no cache).
    let full = Options { out: root.join("full"), cache: None, ..opts.clone() };
    let from_scratch = run(&full).unwrap();
    assert_eq!(from_scratch.regenerated, ["backup", "cloudhsmv2"]);
    assert_eq!(contents(&tree(&full.out)), contents(&after));
    // …and `--check` agrees.
    run(&Options { check: true, ..opts.clone() }).unwrap();
    fs::remove_dir_all(&root).unwrap();
}
