//! The whole pipeline on the real docs in `docs-input/`: snapshots of the model and the
//! generated code for the seed operations, determinism, and bad input leaving the output
//! untouched.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use awsdoc_codegen::emit::emit_crate;
use awsdoc_codegen::generate::{build_models, run, Built, Options, RunError};
use awsdoc_codegen::model::Service;
use awsdoc_codegen::model::select::select;

use common::{copy_dir, shared};

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

fn built() -> Built {
    build_models(&docs_input(), None).unwrap_or_else(|errors| {
        panic!("docs-input has errors:\n{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))
    })
}

fn models() -> Vec<Service> {
    built().services
}

fn service<'a>(services: &'a [Service], name: &str) -> &'a Service {
    services.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no service {name}"))
}

/// The model of the selected operations, and the service's generated module files.
fn snapshot_of(built: &Built, name: &str, ops: &[&str]) -> (String, String) {
    let ops: Vec<String> = ops.iter().map(|o| o.to_string()).collect();
    let selected = select(service(&built.services, name), &ops).unwrap();
    let model = serde_json::to_string_pretty(&selected).unwrap();
    let mut code = String::new();
    for file in emit_crate(std::slice::from_ref(&selected)) {
        if file.path.starts_with(format!("src/{name}")) {
            code.push_str(&format!("// ---- {} ----\n{}\n", file.path.display(), file.contents));
        }
    }
    (model, code)
}

#[test]
fn seed_operations_model_and_code() {
    let built = built();
    for (name, ops, label) in [
        ("cloudhsmv2", &["DescribeBackups"][..], "cloudhsmv2_describe_backups"),
        ("backup", &["ListCopyJobs"][..], "backup_list_copy_jobs"),
        ("backup", &["ListBackupJobs"][..], "backup_list_backup_jobs"),
        ("dynamodb", &["ListBackups"][..], "dynamodb_list_backups"),
        // The API Reference's facts: a restJson1 binding (path label, body), data-type pages'
        // structures (BackupPlan, BackupRule, Lifecycle), error structs with their members.
        ("backup", &["CreateBackupVault", "GetBackupPlan"][..], "backup_reference_binding_and_types"),
        ("dynamodb", &["PutItem"][..], "dynamodb_put_item_typed_errors"),
    ] {
        let (model, code) = snapshot_of(&built, name, ops);
        insta::assert_snapshot!(format!("{label}_model"), model);
        insta::assert_snapshot!(format!("{label}_code"), code);
    }
}

#[test]
fn seed_paginators_are_inferred_exactly() {
    let services = models();
    let p = &service(&services, "cloudhsmv2").paginators["DescribeBackups"];
    assert_eq!((p.input_token.as_slice(), p.output_token.as_slice()), (&["NextToken".to_string()][..], &["NextToken".to_string()][..]));
    assert_eq!((p.limit_key.as_deref(), p.result_key.as_slice()), (Some("MaxResults"), &["Backups".to_string()][..]));
    for op in ["ListCopyJobs", "ListBackupJobs"] {
        let p = &service(&services, "backup").paginators[op];
        assert_eq!(p.input_token, ["NextToken"]);
        assert_eq!(p.limit_key.as_deref(), Some("MaxResults"));
    }
    let p = &service(&services, "dynamodb").paginators["ListBackups"];
    assert_eq!(p.input_token, ["ExclusiveStartBackupArn"]);
    assert_eq!(p.output_token, ["LastEvaluatedBackupArn"]);
    assert_eq!(p.limit_key.as_deref(), Some("Limit"));
    assert_eq!(p.result_key, ["BackupSummaries"]);
}

#[test]
fn regeneration_is_deterministic() {
    let a = emit_crate(&models());
    let b = emit_crate(&models());
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.path, y.path);
        assert!(x.contents == y.contents, "{} differs between two runs", x.path.display());
    }
}

/// A scratch copy of one service's docs and an output folder with known content.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        Scratch::of("cloudhsmv2", name)
    }
    /// A scratch copy of `service`'s docs.
    fn of(service: &str, name: &str) -> Scratch {
        let root = std::env::temp_dir().join(format!("awsdoc-pipeline-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        copy_dir(&docs_input().join(service), &root.join("docs").join(service));
        fs::create_dir_all(root.join("out/src")).unwrap();
        fs::write(root.join("out/src/lib.rs"), "// the previous generation\n").unwrap();
        Scratch { root }
    }
    fn page(&self, rel: &str) -> PathBuf {
        let service = fs::read_dir(self.root.join("docs")).unwrap().next().unwrap().unwrap().path();
        service.join(rel)
    }
    fn run(&self) -> Result<(), String> {
        self.run_warnings().map(|_| ())
    }
    /// The run's warnings, or its errors, as `file:line: message` lines.
    fn run_warnings(&self) -> Result<Vec<String>, String> {
        let opts = Options { docs: self.root.join("docs"), out: self.root.join("out"), check: false, cache: None, only: Vec::new() };
        match run(&opts) {
            Ok(summary) => Ok(summary.warnings.iter().map(ToString::to_string).collect()),
            Err(RunError::Docs(errors)) => Err(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
            Err(e) => panic!("unexpected failure: {e}"),
        }
    }
    fn out_untouched(&self) -> bool {
        let mut names: Vec<String> = Vec::new();
        for e in fs::read_dir(self.root.join("out")).unwrap() {
            names.push(e.unwrap().file_name().to_string_lossy().into_owned());
        }
        names == ["src"] && fs::read_to_string(self.root.join("out/src/lib.rs")).unwrap() == "// the previous generation\n"
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// Replaces the first occurrence of `from` in a page.
fn edit(path: &Path, from: &str, to: &str) -> u32 {
    let text = fs::read_to_string(path).unwrap();
    let at = text.find(from).unwrap_or_else(|| panic!("{from:?} not in {}", path.display()));
    fs::write(path, text.replacen(from, to, 1)).unwrap();
    1 + text[..at].matches('\n').count() as u32
}

#[test]
fn a_good_run_replaces_the_output() {
    let s = Scratch::new("good");
    s.run().unwrap();
    assert!(s.root.join("out/src/cloudhsmv2/types.rs").is_file());
    assert!(!s.out_untouched());
}

#[test]
fn truncated_page_is_an_error_and_output_is_untouched() {
    let s = Scratch::new("truncated");
    let page = s.page("client/describe_backups.rst");
    let text = fs::read_to_string(&page).unwrap();
    let cut = text.find("'BackupState'").unwrap();
    fs::write(&page, &text[..cut]).unwrap();
    let err = s.run().unwrap_err();
    assert!(err.contains("describe_backups.rst:"), "{err}");
    assert!(s.out_untouched());
}

#[test]
fn broken_syntax_literal_is_an_error_with_its_line() {
    let s = Scratch::new("literal");
    let page = s.page("client/list_tags.rst");
    let line = edit(&page, "ResourceId='string',", "ResourceId='string,");
    let err = s.run().unwrap_err();
    let at = format!("list_tags.rst:{line}");
    assert!(err.contains(&at), "expected {at} in: {err}");
    assert!(s.out_untouched());
}

#[test]
fn unknown_type_word_is_an_error_with_its_line() {
    let s = Scratch::new("type");
    let page = s.page("client/list_tags.rst");
    let line = edit(&page, ":type ResourceId: string", ":type ResourceId: strang");
    let err = s.run().unwrap_err();
    // The line with the type word, not the `:param` line after it.
    assert!(err.contains(&format!("list_tags.rst:{line}:")) && err.contains("strang"), "{err}");
    assert!(s.out_untouched());
}

#[test]
fn a_page_that_is_not_boto3_rst_is_an_error() {
    let s = Scratch::new("notrst");
    fs::write(s.page("client/notes.rst"), "Some notes I keep here.\nNothing to see.\n").unwrap();
    let err = s.run().unwrap_err();
    assert!(err.contains("notes.rst:1"), "{err}");
    assert!(s.out_untouched());
}

#[test]
fn malformed_plain_text_page_is_an_error_and_output_is_untouched() {
    let s = Scratch::new("plaintext");
    let copy = fs::read_to_string(shared().join("plaintext-samples/cloudhsmv2/client/list_tags.txt")).unwrap();
    // Cut inside the Request Syntax call.
    let cut = copy.find("NextToken=").unwrap();
    fs::write(s.page("client/list_tags_copy.txt"), &copy[..cut]).unwrap();
    let err = s.run().unwrap_err();
    assert!(err.contains("list_tags_copy.txt:"), "{err}");
    assert!(s.out_untouched());
}

#[test]
fn malformed_changelog_is_an_error_and_output_is_untouched() {
    let s = Scratch::new("changelog");
    fs::create_dir_all(s.page("changelogs")).unwrap();
    let page = "AWS CloudHSM V2\n\n2030/01/01 - AWS CloudHSM V2 - 1 updated api methods\n\nChanges  Something.\n\n\
                ListTags (updated) Link ¶\nChanges (response)\n{'Tags': [{'Key': 'string'\n";
    fs::write(s.page("changelogs/2030-01-01.txt"), page).unwrap();
    let err = s.run().unwrap_err();
    assert!(err.contains("2030-01-01.txt:"), "{err}");
    assert!(s.out_untouched());
}

#[test]
fn truncated_reference_page_is_an_error_and_output_is_untouched() {
    let s = Scratch::of("backup", "ref-truncated");
    let page = s.page("reference/API_DescribeBackupVault.md");
    let text = fs::read_to_string(&page).unwrap();
    let cut = text.find("GET /backup-vaults").unwrap();
    fs::write(&page, &text[..cut]).unwrap();
    let err = s.run().unwrap_err();
    assert!(err.contains("API_DescribeBackupVault.md:"), "{err}");
    assert!(s.out_untouched());
}

#[test]
fn a_reference_page_of_another_service_is_an_error_and_output_is_untouched() {
    let s = Scratch::of("backup", "ref-other");
    let dynamodb = fs::read_to_string(docs_input().join("dynamodb/reference/API_DeleteBackup.md")).unwrap();
    fs::write(s.page("reference/API_DeleteTableBackup.md"), dynamodb).unwrap();
    let err = s.run().unwrap_err();
    assert!(err.contains("API_DeleteTableBackup.md:1: this page documents `dynamodb-2012-08-10`"), "{err}");
    assert!(s.out_untouched());
}

#[test]
fn a_binding_that_names_no_member_is_a_warning_naming_the_line() {
    let s = Scratch::of("backup", "ref-unbound");
    let page = s.page("reference/API_DescribeBackupVault.md");
    let line = edit(&page, "GET /backup-vaults/backupVaultName?", "GET /backup-vaults/{{vaultLabel}}?");
    let warnings = s.run_warnings().unwrap();
    let at = format!("API_DescribeBackupVault.md:{line}: DescribeBackupVault: path label {{vaultLabel}} names no member");
    assert!(warnings.iter().any(|w| w.contains(&at)), "expected {at} in {warnings:#?}");
    let client = fs::read_to_string(s.root.join("out/src/backup/client.rs")).unwrap();
    let spec = |name: &str| {
        let start = client.find(&format!("static {name}: OperationSpec")).expect("the operation's static");
        client[start..].split_once(";\n").map_or(&client[start..], |(spec, _)| spec).to_owned()
    };
    assert!(!spec("DESCRIBE_BACKUP_VAULT").contains("HttpBinding"), "an incomplete binding is not emitted");
    assert!(spec("CREATE_BACKUP_VAULT").contains("HttpBinding"), "{}", spec("CREATE_BACKUP_VAULT"));
}

#[test]
fn conflicting_bindings_are_a_warning_naming_both_lines() {
    let s = Scratch::of("backup", "ref-conflict");
    let page = s.page("reference/API_DescribeBackupVault.md");
    let line = edit(&page, "backupVaultAccountId=BackupVaultAccountId HTTP/1.1\n", "backupVaultAccountId=BackupVaultAccountId HTTP/1.1\nx-amz-vault: BackupVaultName\n");
    let warnings = s.run_warnings().unwrap();
    let conflict = warnings
        .iter()
        .find(|w| w.contains("member BackupVaultName is bound twice"))
        .unwrap_or_else(|| panic!("no conflict warning in {warnings:#?}"));
    assert!(conflict.contains(&format!("API_DescribeBackupVault.md:{}:", line + 1)), "{conflict}");
    assert!(conflict.contains("as Path (line"), "the first binding's line: {conflict}");
}

#[test]
fn reference_facts_reach_the_model() {
    let services = models();
    let backup = service(&services, "backup");
    // Every Backup operation is bound; labels are matched to members by their prose.
    let unbound: Vec<&String> = backup.operations.iter().filter(|(_, op)| op.http.is_none()).map(|(n, _)| n).collect();
    assert!(unbound.is_empty(), "{unbound:?}");
    let op = &backup.operations["GetBackupPlanFromTemplate"];
    assert_eq!(op.http.as_ref().map(|h| h.uri.as_str()), Some("/backup/template/plans/{templateId}/toPlan"));
    let awsdoc_codegen::model::ShapeKind::Structure(input) = &backup.shapes[op.input.as_deref().unwrap()].kind else { panic!() };
    let member = input.members.iter().find(|m| m.name == "BackupPlanTemplateId").unwrap();
    assert_eq!(member.location_name.as_deref(), Some("templateId"));
    // AWS's names for structures, not the rules' false friends.
    let dynamodb = service(&services, "dynamodb");
    for name in ["WriteRequest", "KeySchemaElement", "GlobalSecondaryIndex", "ReplicaGlobalSecondaryIndexDescription", "WarmThroughput"] {
        assert!(dynamodb.shapes.contains_key(name), "no {name}");
    }
    assert!(!dynamodb.shapes.contains_key("RequestItemsValueItem"));
    let awsdoc_codegen::model::ShapeKind::Structure(error) = &dynamodb.shapes["ConditionalCheckFailedException"].kind else { panic!() };
    let members: Vec<&str> = error.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["message", "Item"]);
    assert_eq!(error.error_status, Some(400));
}

#[test]
fn every_waiter_in_docs_input_has_acceptors_and_streams_take_aws_names() {
    let services = models();
    let bare: Vec<String> = services
        .iter()
        .flat_map(|s| s.waiters.values().filter(|w| w.acceptors.is_empty()).map(move |w| format!("{}.{}", s.name, w.name)))
        .collect();
    assert!(bare.is_empty(), "waiters with only `_custom`: {bare:?}");
    // DynamoDB Streams has no reference pages: protocol.json's `names` give AWS's names
    // before `unions` marks the twin of DynamoDB's AttributeValue.
    let streams = service(&services, "dynamodbstreams");
    let awsdoc_codegen::model::ShapeKind::Structure(value) = &streams.shapes["AttributeValue"].kind else { panic!() };
    assert!(value.union);
    assert!(streams.shapes.contains_key("StreamRecord") && !streams.shapes.contains_key("KeysValue"));
}
