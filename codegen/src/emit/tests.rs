//! Snapshots of the emitted crate for the fixture model, and properties of the emit as a
//! whole. The per-concern rules (names, docs, boxing) are tested next to their code.

use super::*;
use crate::model::{Service, ShapeKind};

fn fixture_files() -> Vec<GeneratedFile> {
    emit_crate(&[fixture::dynamodb()])
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
        crate::model::Shape::new("Loop", String::new(), ShapeKind::List { member: "Loop".into() }),
    );
    let ShapeKind::Structure(s) = &mut service.shapes.get_mut("TableDescription").unwrap().kind else { unreachable!() };
    s.members.push(crate::model::Member { name: "Loopy".into(), target: "Loop".into(), ..Default::default() });
    s.members.push(crate::model::Member { name: "Gone".into(), target: "NoSuchShape".into(), ..Default::default() });
    let files = emit_crate(&[service]);
    let types = file(&files, "src/dynamodb/types.rs");
    assert!(types.contains("pub gone: Option<Value>,"), "{types}");
    assert!(types.contains("pub loopy: Option<Vec<Value>>,"), "a self-containing list holds JSON: {types}");
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
    let without = crate::model::Service { protocol: None, ..fixture::dynamodb() };
    assert!(file(&emit_crate(&[without]), "src/dynamodb/mod.rs").contains("protocol: None,"));

    let files = emit_crate(&[fixture::with_rest_bindings(fixture::dynamodb())]);
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
        crate::model::Shape::new("Wide", "", ShapeKind::Structure(crate::model::Structure { members, ..Default::default() })),
    );
    let types = file(&emit_crate(&[service]), "src/dynamodb/types.rs").to_owned();
    let wide = &types[types.find("impl Wide {").unwrap()..];
    assert!(
        wide.starts_with(
            "impl Wide {\n    /// A value with the required members set (a string or enum from a `&str`) and\n    \
             /// the optional ones unset.\n    #[allow(clippy::too_many_arguments)]\n    #[inline]\n    pub fn new(\n        \
             part0: impl Into<String>,\n"
        ),
        "{wide}"
    );
    let narrow = &types[types.find("impl Tag {").unwrap()..];
    assert!(!narrow[..200].contains("allow"), "{narrow}");
}

#[test]
fn enums_whose_variants_repeat_their_name_allow_the_lint() {
    let mut service = fixture::dynamodb();
    service.shapes.insert(
        "Status".into(),
        crate::model::Shape::new("Status", String::new(), ShapeKind::Enum { values: vec!["STATUS_ON".into(), "OFF".into()] }),
    );
    let types = file(&emit_crate(&[service]), "src/dynamodb/types.rs").to_owned();
    assert!(types.contains("#[allow(clippy::enum_variant_names)]\npub enum Status {"), "{types}");
    assert_eq!(types.matches("enum_variant_names").count(), 1, "only where a variant repeats the enum's name");
}

/// Every name the emitter makes for [`fixture::hostile`] is unique in its scope and shadows
/// nothing the module imports. (`cargo xtask bench check` compiles such crates; this
/// keeps the rules checked in every test run.)
#[test]
fn hostile_names_are_unique_and_shadow_nothing() {
    use std::collections::{BTreeMap, BTreeSet};
    let files = emit_crate(&[fixture::hostile()]);
    if let Some(dir) = std::env::var_os("AWSDOC_WRITE_HOSTILE") {
        write_crate(Path::new(&dir), &files).unwrap();
    }
    // Methods by the type they are on, across the files (the client's come from three).
    let mut methods: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in files.iter().filter(|f| f.path.extension().is_some_and(|e| e == "rs")) {
        let path = f.path.display().to_string();
        let file = syn::parse_file(&f.contents).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut imported = BTreeSet::new();
        let mut items = Vec::new();
        for item in &file.items {
            match item {
                syn::Item::Use(u) => collect_use_names(&u.tree, &mut imported),
                syn::Item::Struct(s) => {
                    items.push(s.ident.to_string());
                    if let syn::Fields::Named(fields) = &s.fields {
                        let names: Vec<String> = fields.named.iter().map(|f| f.ident.as_ref().unwrap().to_string()).collect();
                        assert_unique(&format!("{path}: fields of {}", s.ident), &names);
                    }
                }
                syn::Item::Enum(e) => {
                    items.push(e.ident.to_string());
                    let names: Vec<String> = e.variants.iter().map(|v| v.ident.to_string()).collect();
                    assert_unique(&format!("{path}: variants of {}", e.ident), &names);
                }
                syn::Item::Static(s) => items.push(s.ident.to_string()),
                syn::Item::Const(c) => items.push(c.ident.to_string()),
                syn::Item::Impl(i) if i.trait_.is_none() => {
                    let syn::Type::Path(ty) = &*i.self_ty else { continue };
                    let ty = ty.path.segments.last().unwrap().ident.to_string();
                    let entry = methods.entry(format!("{}::{ty}", f.path.parent().unwrap().display())).or_default();
                    entry.extend(i.items.iter().filter_map(|m| match m {
                        syn::ImplItem::Fn(m) => Some(m.sig.ident.to_string()),
                        _ => None,
                    }));
                }
                _ => {}
            }
        }
        assert_unique(&format!("{path}: items"), &items);
        let shadowing: Vec<&String> = items.iter().filter(|i| imported.contains(*i)).collect();
        assert!(shadowing.is_empty(), "{path}: items shadow imports: {shadowing:?}");
        for item in &items {
            assert!(
                !super::names::RESERVED_TYPES.contains(&item.as_str()) || path.ends_with("client.rs") && item == "Client",
                "{path}: item named {item}"
            );
        }
    }
    for (ty, names) in &methods {
        assert_unique(&format!("methods of {ty}"), names);
    }
    let client = &methods["src/hostile::Client"];
    for expected in ["new", "new_", "clone_", "type_", "match_", "call", "list_things", "list_things_2", "list_things_pages", "list_things_pages_2", "wait_until_ready", "wait_until_ready_2", "wait_until_db_ready", "wait_until_db_ready_2", "list_nested_pages", "list_nested_items"] {
        assert!(client.contains(&expected.to_owned()), "no Client::{expected} in {client:?}");
    }
    let types = file(&files, "src/hostile/types.rs");
    for expected in ["pub struct ResultShape", "pub struct SelfShape {", "pub struct SelfShape2", "pub enum Odd {", "UnknownValue,", "UnknownValue2,", "pub type_: String,", "pub type_2: Option<String>,", "pub loop_: Option<Vec<Value>>", "Box<PairB>"] {
        assert!(types.contains(expected), "no `{expected}` in types.rs");
    }
    assert_eq!(types.matches("\"DUP\" =>").count(), 1, "a repeated value is matched once");
    let errors = file(&files, "src/hostile/errors.rs");
    assert!(errors.contains("pub enum CallError2 {") && errors.contains("Transport2(ErrorShape<types::Transport>)"), "{errors}");
    assert_eq!(errors.matches("\"Boom\" =>").count(), 9, "once per operation with errors");
    let paginators = file(&files, "src/hostile/paginators.rs");
    assert!(paginators.contains(r#"output_token: &["Page.NextToken"],"#), "{paginators}");
    assert!(paginators.contains("Paginated<types::PairA, errors::ListNestedError>"), "items of a dotted result key: {paginators}");
}

fn collect_use_names(tree: &syn::UseTree, out: &mut std::collections::BTreeSet<String>) {
    match tree {
        syn::UseTree::Path(p) => collect_use_names(&p.tree, out),
        syn::UseTree::Name(n) => {
            out.insert(n.ident.to_string());
        }
        syn::UseTree::Rename(r) => {
            out.insert(r.rename.to_string());
        }
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| collect_use_names(t, out)),
        syn::UseTree::Glob(_) => {}
    }
}

fn assert_unique(scope: &str, names: &[String]) {
    let mut seen = std::collections::BTreeSet::new();
    let dups: Vec<&String> = names.iter().filter(|n| !seen.insert(n.as_str())).collect();
    assert!(dups.is_empty(), "{scope}: repeated {dups:?}");
}

/// The fixture as an XML service: query protocol, a result wrapper, a renamed element, a
/// list with its own item name and a flattened one.
fn query_fixture() -> Service {
    use crate::model::{MemberXml, Protocol, ProtocolKind};
    let mut service = fixture::dynamodb();
    service.protocol = Some(Protocol {
        kind: ProtocolKind::Query,
        signing_name: "dynamodb".into(),
        endpoint_prefix: "dynamodb".into(),
        xml_namespace: Some("http://dynamodb.amazonaws.com/doc/2012-08-10/".into()),
    });
    let list_backups = service.operations.get_mut("ListBackups").expect("fixture operation");
    list_backups.result_wrapper = Some("ListBackupsResult".into());
    let summaries = service.shapes.get_mut("BackupSummaries").expect("fixture list");
    summaries.xml.member_name = Some("item".into());
    if let Some(ShapeKind::Structure(s)) = service.shapes.get_mut("ListBackupsOutput").map(|s| &mut s.kind) {
        let member = s.members.iter_mut().find(|m| m.name == "BackupSummaries").expect("fixture member");
        member.xml = MemberXml { name: Some("backupSummarySet".into()), flattened: true, ..MemberXml::default() };
    }
    service
}

#[test]
fn xml_services_get_a_schema_of_every_shape_their_operations_use() {
    let files = emit_crate(&[query_fixture()]);
    let schema = file(&files, "src/dynamodb/schema.rs");
    insta::assert_snapshot!("query__src__dynamodb__schema.rs", schema);
    assert!(schema.contains("pub(super) static BACKUP_SUMMARIES: Shape = Shape::List("), "{schema}");
    assert!(schema.contains("xml_name: Some(\"item\")"), "the list's item name: {schema}");
    assert!(schema.contains("xml_name: Some(\"backupSummarySet\")"), "the member's element name: {schema}");
    let client = file(&files, "src/dynamodb/client.rs");
    assert!(client.contains("result_wrapper: Some(\"ListBackupsResult\")"), "{client}");
    assert!(client.contains("output: Some(&super::schema::LIST_BACKUPS_OUTPUT)"), "{client}");
    assert!(file(&files, "src/dynamodb/mod.rs").contains("mod schema;"));
    // JSON services have none.
    assert!(fixture_files().iter().all(|f| !f.path.ends_with("schema.rs")));
}
