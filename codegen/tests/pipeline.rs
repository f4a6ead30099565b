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
        let root = std::env::temp_dir().join(format!("awsdoc-pipeline-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        copy_dir(&docs_input().join("cloudhsmv2"), &root.join("docs/cloudhsmv2"));
        fs::create_dir_all(root.join("out/src")).unwrap();
        fs::write(root.join("out/src/lib.rs"), "// the previous generation\n").unwrap();
        Scratch { root }
    }
    fn page(&self, rel: &str) -> PathBuf {
        self.root.join("docs/cloudhsmv2").join(rel)
    }
    fn run(&self) -> Result<(), String> {
        let opts = Options { docs: self.root.join("docs"), out: self.root.join("out"), check: false, cache: None, only: Vec::new() };
        match run(&opts) {
            Ok(_) => Ok(()),
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
