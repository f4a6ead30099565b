//! `--only`: a run that generates some operations of a service generates exactly the types
//! those operations reach, and nothing else.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use awsdoc_codegen::generate::{build_models, build_selected, run, Options};
use awsdoc_codegen::model::{Service, ShapeKind};
use awsdoc_codegen::model::select::Selection;

fn docs_input() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

/// Every shape reachable from the operations (inputs, outputs, errors), walked over the full
/// model independently of `select`.
fn reached(full: &Service, ops: &[&str]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = Vec::new();
    for op in ops {
        let o = &full.operations[*op];
        todo.extend(o.input.iter().chain(o.output.iter()).chain(o.errors.iter()).cloned());
    }
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        match &full.shapes[&name].kind {
            ShapeKind::Structure(s) => todo.extend(s.members.iter().map(|m| m.target.clone())),
            ShapeKind::List { member } => todo.push(member.clone()),
            ShapeKind::Map { key, value } => todo.extend([key.clone(), value.clone()]),
            _ => {}
        }
    }
    seen
}

/// `pub struct X` / `pub enum X` declared in a generated file, lowercased (the emitter
/// spells acronyms its own way: `SSEDescription` is `SseDescription`).
fn declared_types(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("pub struct ").or_else(|| l.strip_prefix("pub enum ")))
        .map(|rest| rest.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or_default().to_ascii_lowercase())
        .collect()
}

#[test]
fn only_generates_the_selected_operations_and_exactly_the_types_they_reach() {
    let ops = ["ListBackups", "DescribeBackup"];
    let full = build_models(&docs_input(), Some(&["dynamodb".to_string()])).unwrap().services.remove(0);
    let only = Selection::parse_all(&["dynamodb:ListBackups;dynamodb:DescribeBackup"]).unwrap();

    // The model: the two operations, their paginator, and exactly the shapes they reach.
    let selected = build_selected(&docs_input(), &only).unwrap().services.remove(0);
    assert_eq!(selected.operations.keys().collect::<Vec<_>>(), ["DescribeBackup", "ListBackups"]);
    assert_eq!(selected.paginators.keys().collect::<Vec<_>>(), ["ListBackups"]);
    assert!(selected.waiters.is_empty());
    let shapes: BTreeSet<String> = selected.shapes.keys().cloned().collect();
    assert_eq!(shapes, reached(&full, &ops));
    assert!(shapes.len() < full.shapes.len() / 4, "{} of {}", shapes.len(), full.shapes.len());
    for shape in selected.shapes.values() {
        assert_eq!(Some(shape), full.shapes.get(&shape.name), "a selected shape is the full model's, unchanged");
    }

    // The code: written where asked, with one type per reached structure or enum.
    let root = std::env::temp_dir().join(format!("awsdoc-only-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let opts = Options { docs: docs_input(), out: root.join("out"), check: false, cache: None, only };
    let summary = run(&opts).unwrap();
    assert_eq!(summary.services, 1);
    let types = fs::read_to_string(opts.out.join("src/dynamodb/types.rs")).unwrap();
    let expected: BTreeSet<String> = selected
        .shapes
        .values()
        .filter(|s| match &s.kind {
            // Error shapes too: each error variant holds its members.
            ShapeKind::Structure(_) | ShapeKind::Enum { .. } => true,
            _ => false,
        })
        .map(|s| s.name.to_ascii_lowercase())
        .collect();
    assert_eq!(declared_types(&types), expected);
    assert!(!opts.out.join("src/backup").exists(), "only the selected service is generated");
    assert!(!opts.out.join("codegen-manifest.json").exists(), "a selection is not the whole crate");
    // The same selection is fresh; an unknown operation is an error naming it.
    run(&Options { check: true, ..opts.clone() }).unwrap();
    let bad = Options { only: Selection::parse_all(&["dynamodb:ListBackup"]).unwrap(), ..opts.clone() };
    let err = run(&bad).unwrap_err().to_string();
    assert!(err.contains("no operation `ListBackup`"), "{err}");
    fs::remove_dir_all(&root).unwrap();
}
