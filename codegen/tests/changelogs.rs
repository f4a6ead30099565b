//! Changelogs applied to the docs they follow: seed 002 on Backup's docs of the day before,
//! and the two changelog samples' `before/` pages plus their page against `after/`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use awsdoc_codegen::model::diff::facts;
use awsdoc_codegen::generate::build_models;
use awsdoc_codegen::model::Service;

use common::{copy_dir, shared};

/// A docs folder for one service: `pages` (boto3 layout: `<svc>/` and `<svc>.rst` beside
/// it), a capture date, and changelogs.
fn docs_folder(label: &str, pages: &Path, service: &str, captured: &str, changelogs: &[&Path]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("awsdoc-changelogs-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let dir = root.join(service);
    copy_dir(&pages.join(service), &dir);
    fs::copy(pages.join(format!("{service}.rst")), dir.join(format!("{service}.rst"))).unwrap();
    fs::write(dir.join("captured.txt"), format!("date: {captured}\n")).unwrap();
    if !changelogs.is_empty() {
        fs::create_dir_all(dir.join("changelogs")).unwrap();
        for (i, log) in changelogs.iter().enumerate() {
            fs::copy(log, dir.join(format!("changelogs/{i}.txt"))).unwrap();
        }
    }
    root
}

fn model(root: &Path) -> Service {
    let mut services = build_models(root, None)
        .unwrap_or_else(|e| panic!("{}", e.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")))
        .services;
    let _ = fs::remove_dir_all(root);
    assert_eq!(services.len(), 1);
    services.remove(0)
}

/// Keys added, removed and changed from `a` to `b`.
fn diff(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let added = b.keys().filter(|k| !a.contains_key(*k)).cloned().collect();
    let removed = a.keys().filter(|k| !b.contains_key(*k)).cloned().collect();
    let changed = a.keys().filter(|k| b.get(*k).is_some_and(|v| v != &a[*k])).cloned().collect();
    (added, removed, changed)
}

fn seed_002() -> PathBuf {
    fs::read_dir(shared().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("002_"))
        .unwrap()
}

#[test]
fn seed_002_adds_resource_name_to_nine_methods_and_nothing_else() {
    let base = shared().join("boto3-docs-2023-02-07");
    let before = model(&docs_folder("backup-before", &base, "backup", "2023-02-07", &[]));
    let after = model(&docs_folder("backup-after", &base, "backup", "2023-02-07", &[&seed_002()]));
    let (added, removed, changed) = diff(&facts(&before), &facts(&after));
    let expected: BTreeSet<String> = [
        "DescribeBackupJob.output.ResourceName",
        "DescribeCopyJob.output.CopyJob.ResourceName",
        "DescribeProtectedResource.output.ResourceName",
        "DescribeRecoveryPoint.output.ResourceName",
        "ListBackupJobs.output.BackupJobs[].ResourceName",
        "ListCopyJobs.output.CopyJobs[].ResourceName",
        "ListProtectedResources.output.Results[].ResourceName",
        "ListRecoveryPointsByBackupVault.output.RecoveryPoints[].ResourceName",
        "ListRecoveryPointsByResource.output.RecoveryPoints[].ResourceName",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(added, expected);
    assert!(removed.is_empty(), "removed: {removed:?}");
    assert!(changed.is_empty(), "changed: {changed:?}");
    // The paginators (ListBackupJobs, ListCopyJobs, …) are inferred as before.
    assert_eq!(before.paginators, after.paginators);
    let stamp = after.operations["ListCopyJobs"].changelog.as_ref().expect("stamped");
    assert_eq!((stamp.date.as_str(), stamp.change.as_str()), ("2023-02-08", "updated"));
    assert!(before.operations["ListCopyJobs"].changelog.is_none());
}

#[test]
fn a_changelog_older_than_the_pages_is_checked_not_applied() {
    let base = shared().join("boto3-docs-2023-02-07");
    let plain = model(&docs_folder("backup-plain", &base, "backup", "2023-02-07", &[]));
    // Captured after the changelog: it must not replace anything, even on these older pages.
    let (services, warnings) = {
        let root = docs_folder("backup-old-log", &base, "backup", "2023-03-01", &[&seed_002()]);
        let r = build_models(&root, None).unwrap();
        let _ = fs::remove_dir_all(&root);
        (r.services, r.warnings)
    };
    assert_eq!(facts(&services[0]), facts(&plain));
    assert!(services[0].operations.values().all(|op| op.changelog.is_none()));
    // …and checking it finds that these pages lack what it added.
    let unmet = warnings.iter().filter(|w| w.message.contains("adds `") && w.message.contains("ResourceName")).count();
    assert_eq!(unmet, 9, "{warnings:#?}");
}

/// One changelog sample: `before/` + its page against `after/`. What a changelog page
/// cannot carry is listed by the caller: new methods' errors and paginators, and errors an
/// updated method gained (the page has no Exceptions list).
fn check_sample(sample: &str, service: &str, new_methods: &[&str], new_paginators: &[&str], new_errors: &[&str]) {
    let dir = shared().join("changelog-samples").join(sample);
    let log = dir.join("changelog.txt");
    let applied = model(&docs_folder(&format!("{sample}-applied"), &dir.join("before"), service, "2000-01-01", &[&log]));
    let after = model(&docs_folder(&format!("{sample}-after"), &dir.join("after"), service, "2000-01-01", &[]));
    let (added, removed, changed) = diff(&facts(&applied), &facts(&after));
    let expected_added: BTreeSet<String> = new_paginators.iter().map(|p| format!("{p}.paginator")).collect();
    let expected_changed: BTreeSet<String> = new_methods
        .iter()
        .filter(|m| !after.operations[**m].errors.is_empty())
        .map(|m| format!("{m}.errors"))
        .chain(new_errors.iter().map(|m| format!("{m}.errors")))
        .collect();
    assert_eq!(added, expected_added, "{sample}: added");
    assert!(removed.is_empty(), "{sample}: removed {removed:?}");
    assert_eq!(changed, expected_changed, "{sample}: changed");
    for m in new_methods {
        assert!(applied.operations[*m].errors.is_empty(), "{m}: a changelog cannot know its errors");
    }
}

#[test]
fn billing_sample_before_plus_changelog_is_after() {
        // CreateBillingView's and UpdateBillingView's Exceptions lists changed in this release
    // (BillingViewHealthStatusException added, the order changed); only their next client
    // pages can say so.
    check_sample(
        "billing-1.40.40",
        "billing",
        &["AssociateSourceViews", "DisassociateSourceViews"],
        &[],
        &["CreateBillingView", "UpdateBillingView"],
    );
}

#[test]
fn fms_sample_before_plus_changelog_is_after() {
    check_sample(
        "fms-1.24.30",
        "fms",
        &[
            "AssociateThirdPartyFirewall",
            "DisassociateThirdPartyFirewall",
            "GetThirdPartyFirewallAssociationStatus",
            "ListThirdPartyFirewallFirewallPolicies",
        ],
        &["ListThirdPartyFirewallFirewallPolicies"],
        &[],
    );
}
