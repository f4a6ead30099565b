//! A docs folder of plain-text pages alone (no index page, no RST) gives the same models as
//! the RST pages they were copied from.

use std::path::{Path, PathBuf};

use awsdoc_codegen::model::diff::facts;
use awsdoc_codegen::generate::build_models;
use awsdoc_codegen::parse::plaintext::normalise_docs;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

#[test]
fn plain_text_folder_gives_the_rst_models() {
    let text = build_models(&shared().join("plaintext-samples"), None).unwrap_or_else(|e| panic!("{e:?}"));
    let rst = build_models(&shared().join("boto3-docs"), None).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(text.services.len(), 3);
    for (t, r) in text.services.iter().zip(&rst.services) {
        assert_eq!(t.name, r.name);
        assert_eq!(t.class_name, r.class_name);
        // The copy loses the API link's URL: no uid, and acronyms in two operation names
        // (the method name is all a plain-text page gives for them).
        assert_eq!(t.uid, None);
        let rename = |op: &str| match op {
            "GetBackupPlanFromJson" => "GetBackupPlanFromJSON".to_string(),
            "GetPitrMalwareScanResults" => "GetPITRMalwareScanResults".to_string(),
            other => other.to_string(),
        };
        let renamed: std::collections::BTreeMap<String, String> = facts(t)
            .into_iter()
            .map(|(k, v)| {
                let (op, rest) = k.split_once('.').unwrap_or((&k, ""));
                (format!("{}.{rest}", rename(op)), v)
            })
            .collect();
        let expected = facts(r);
        let differing: Vec<_> = expected.iter().filter(|(k, v)| renamed.get(*k) != Some(v)).map(|(k, _)| k).collect();
        let extra: Vec<_> = renamed.keys().filter(|k| !expected.contains_key(*k)).collect();
        assert!(differing.is_empty() && extra.is_empty(), "{}: differing {differing:?}, extra {extra:?}", t.name);
        assert_eq!(t.paginators.len(), r.paginators.len());
        // Waiters agree, their prose modulo whitespace and markup.
        let comparable = |s: &awsdoc_codegen::model::Service| -> Vec<_> {
            s.waiters.values().map(|w| (w.name.clone(), w.operation.clone(), w.delay_seconds, w.max_attempts, normalise_docs(&w.docs))).collect()
        };
        assert_eq!(comparable(t), comparable(r));
    }
}
