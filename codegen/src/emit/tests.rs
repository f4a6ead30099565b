//! Snapshots of the emitted crate for the fixture model, and properties of the emit as a
//! whole. The per-concern rules (names, docs, boxing) are tested next to their code.

use super::*;
use crate::model::{Service, ShapeKind};

fn fixture_files() -> Vec<GeneratedFile> {
    let wire = BTreeMap::from([("dynamodb".to_owned(), fixture::dynamodb_wire())]);
    emit_crate_with_wire(&[fixture::dynamodb()], &wire)
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files.iter().find(|f| f.path == Path::new(path)).unwrap_or_else(|| panic!("no {path}")).contents
}

#[test]
fn fixture_crate_snapshots() {
    let files = fixture_files();
    let paths: Vec<_> = files.iter().map(|f| f.path.display().to_string()).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "src/lib.rs",
            "src/dynamodb/mod.rs",
            "src/dynamodb/types.rs",
            "src/dynamodb/errors.rs",
            "src/dynamodb/client.rs",
            "src/dynamodb/paginators.rs",
            "src/dynamodb/waiters.rs",
        ]
    );
    for f in &files {
        let name = f.path.display().to_string().replace('/', "__");
        insta::assert_snapshot!(name, f.contents);
    }
}

#[test]
fn emit_is_deterministic_and_independent_of_input_order() {
    let mut other = fixture::dynamodb();
    other.name = "dynamodb-streams".into();
    other.full_name = Some("Amazon DynamoDB Streams".into());
    let a = emit_crate(&[fixture::dynamodb(), other.clone()]);
    let b = emit_crate(&[other, fixture::dynamodb()]);
    assert_eq!(a, b);
    assert!(file(&a, "Cargo.toml").contains("dynamodb = []\ndynamodb-streams = []\n"));
    let lib = file(&a, "src/lib.rs");
    assert!(lib.contains("#[cfg(feature = \"dynamodb-streams\")]\npub mod dynamodb_streams;"), "{lib}");
}

#[test]
fn a_service_without_paginators_or_waiters_has_no_such_files() {
    let mut service = fixture::dynamodb();
    service.paginators.clear();
    service.waiters.clear();
    let files = emit_crate(&[service]);
    assert!(files.iter().all(|f| !f.path.ends_with("paginators.rs") && !f.path.ends_with("waiters.rs")));
    let module = file(&files, "src/dynamodb/mod.rs");
    assert!(!module.contains("paginators") && !module.contains("waiters"), "{module}");
}

#[test]
fn an_empty_model_still_makes_a_crate() {
    let files = emit_crate(&[]);
    assert_eq!(files.len(), 2);
    assert!(file(&files, "src/lib.rs").contains("pub use awsdoc_runtime as runtime;"));
}

#[test]
fn a_minimal_service_emits_parseable_files() {
    let service = Service { name: "empty".into(), class_name: "Empty".into(), ..Default::default() };
    let files = emit_crate(&[service]);
    let types = file(&files, "src/empty/types.rs");
    assert!(!types.contains("use "), "no imports without types: {types}");
    let client = file(&files, "src/empty/client.rs");
    assert!(!client.contains("use super"), "{client}");
}

#[test]
fn dangling_and_self_containing_shapes_degrade_to_json() {
    let mut service = fixture::dynamodb();
    service.shapes.insert(
        "Loop".into(),
        crate::model::Shape { name: "Loop".into(), docs: String::new(), kind: ShapeKind::List { member: "Loop".into() } },
    );
    let ShapeKind::Structure(s) = &mut service.shapes.get_mut("TableDescription").unwrap().kind else { unreachable!() };
    s.members.push(crate::model::Member { name: "Loopy".into(), target: "Loop".into(), ..Default::default() });
    s.members.push(crate::model::Member { name: "Gone".into(), target: "NoSuchShape".into(), ..Default::default() });
    let files = emit_crate(&[service]);
    let types = file(&files, "src/dynamodb/types.rs");
    assert!(types.contains("pub gone: Option<Value>,"), "{types}");
    assert!(types.contains("Vec<Vec<Vec<"), "a self-containing list nests until the depth guard");
}

#[test]
fn write_crate_replaces_an_earlier_emit() {
    let dir = std::env::temp_dir().join(format!("awsdoc-emit-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let files = fixture_files();
    write_crate(&dir, &files).unwrap();
    std::fs::write(dir.join("src/stale.rs"), "").unwrap();
    write_crate(&dir, &files).unwrap();
    assert!(!dir.join("src/stale.rs").exists());
    assert_eq!(std::fs::read_to_string(dir.join("src/dynamodb/types.rs")).unwrap(), file(&files, "src/dynamodb/types.rs"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unset_idempotency_tokens_are_filled_by_the_client() {
    let files = fixture_files();
    let client = file(&files, "src/dynamodb/client.rs");
    assert!(client.contains(
        "SearchBackupsError> {\n        \
         if input.client_token.is_none() {\n            input.client_token = Some(awsdoc_runtime::idempotency_token());\n        }\n        \
         let input = awsdoc_runtime::encode(&input);"
    ), "{client}");
    assert!(client.contains("mut input: types::SearchBackupsInput"));
    assert_eq!(client.matches("idempotency_token()").count(), 1, "only the operation with a token");
}

#[test]
fn wire_facts_become_the_protocol_and_http_bindings() {
    let files = fixture_files();
    let module = file(&files, "src/dynamodb/mod.rs");
    assert!(module.contains("protocol: Some(awsdoc_runtime::Protocol::Json {\n        version: \"1.0\",\n        target_prefix: \"DynamoDB_20120810\","), "{module}");
    assert!(!file(&files, "src/dynamodb/client.rs").contains("HttpBinding"), "awsJson needs no bindings");
    assert!(file(&emit_crate(&[fixture::dynamodb()]), "src/dynamodb/mod.rs").contains("protocol: None,"));

    let wire = BTreeMap::from([("dynamodb".to_owned(), fixture::rest_wire())]);
    let files = emit_crate_with_wire(&[fixture::dynamodb()], &wire);
    for path in ["src/dynamodb/mod.rs", "src/dynamodb/client.rs", "src/dynamodb/paginators.rs"] {
        let name = format!("rest_json__{}", path.replace('/', "__"));
        insta::assert_snapshot!(name, file(&files, path));
    }
}

#[test]
fn constructors_with_many_required_members_say_why_they_are_long() {
    let mut service = fixture::dynamodb();
    let members = (0..8)
        .map(|i| crate::model::Member { name: format!("Part{i}"), target: "String".into(), required: true, ..Default::default() })
        .collect();
    service.shapes.insert(
        "Wide".into(),
        crate::model::Shape {
            name: "Wide".into(),
            docs: String::new(),
            kind: ShapeKind::Structure(crate::model::Structure { members, ..Default::default() }),
        },
    );
    let types = file(&emit_crate(&[service]), "src/dynamodb/types.rs").to_owned();
    let wide = &types[types.find("impl Wide {").unwrap()..];
    assert!(wide.starts_with("impl Wide {\n    /// A value with the required members set and the optional ones unset.\n    #[allow(clippy::too_many_arguments)]\n    pub fn new(\n"), "{wide}");
    let narrow = &types[types.find("impl Tag {").unwrap()..];
    assert!(!narrow[..200].contains("allow"), "{narrow}");
}

#[test]
fn enums_whose_variants_repeat_their_name_allow_the_lint() {
    let mut service = fixture::dynamodb();
    service.shapes.insert(
        "Status".into(),
        crate::model::Shape { name: "Status".into(), docs: String::new(), kind: ShapeKind::Enum { values: vec!["STATUS_ON".into(), "OFF".into()] } },
    );
    let types = file(&emit_crate(&[service]), "src/dynamodb/types.rs").to_owned();
    assert!(types.contains("#[allow(clippy::enum_variant_names)]\npub enum Status {"), "{types}");
    assert_eq!(types.matches("enum_variant_names").count(), 1, "only where a variant repeats the enum's name");
}
