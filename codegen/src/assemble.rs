//! Merges one service's pages into the named [`model`](crate::model).
//!
//! The docs show every type inline and anonymously, so this is where shapes get names. The
//! rules, applied in one deterministic order (operations by name, requests before
//! responses, members in page order, pre-order):
//!
//! * An operation's input is `<Op>Input`, its output `<Op>Output`, never shared with
//!   another operation even when identical.
//! * Where the prose names a type, that name is used wherever the type occurs: a list
//!   whose docs say ``List of `BackupSummary` objects`` names its element, a map whose docs
//!   say ``a map of attribute names to `AttributeValue` objects`` (or ``each element … is an
//!   `AttributeValue` object``) names its value.
//! * Otherwise a structure or enum reached through a member is named after the member
//!   (`CreatedBy`); a list element after the list member made singular (`BackupJobs` →
//!   `BackupJob`, `Policies` → `Policy`, `TagList` → `Tag`, otherwise `<Name>Item`); a map
//!   value is `<Map>Value`, a map key `<Map>Key`.
//! * Lists are `<Element>List`, maps `<Key><Value>Map`; scalars without docs share one
//!   shape per type (`String`, `Integer`, …). A scalar list element, map key or map value
//!   *with* docs gets a named shape of its own, so its docs are kept.
//! * Structurally identical shapes are one shape: the same kind, member names, targets,
//!   required flags, enum values (docs are not part of identity). A response structure
//!   (the docs never mark output members required) reuses a request structure with the same
//!   members.
//! * When a name is taken by a different shape, the candidates are `<Parent><Name>`, then
//!   `<Name>2`, `<Name>3`, … — the first free one wins, so collisions resolve the same way
//!   every run.
//! * `{'... recursive ...'}` refers to a shape on the path: the ancestor whose member set a
//!   union note names, else the nearest ancestor of the same kind.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use crate::model::{ChangelogStamp, Member, Operation, Paginator, Service, Shape, ShapeKind, Structure, Waiter};
use crate::page::{Body, Diagnostic, Field, IndexPage, MethodKind, MethodPage, Node, NodeType};

/// Everything the docs say about one service, before assembly.
#[derive(Debug, Clone, Default)]
pub struct ServicePages {
    /// The docs folder name: `dynamodb`.
    pub name: String,
    pub index: Option<IndexPage>,
    pub methods: Vec<MethodPage>,
    /// Client pages replaced by changelogs, by operation: the base version, which the
    /// paginator page was written against.
    pub superseded: BTreeMap<String, MethodPage>,
    /// The changelog that last defined each operation it touched.
    pub stamps: BTreeMap<String, ChangelogStamp>,
}

/// The assembled model and what did not quite add up on the way.
#[derive(Debug, Clone)]
pub struct Assembled {
    pub service: Service,
    pub warnings: Vec<Diagnostic>,
}

/// Builds the model of one service. Fails only when the pages cannot make a service at all
/// (no client pages, two pages for one operation).
pub fn assemble(pages: &ServicePages) -> Result<Assembled, Diagnostic> {
    let mut warnings = Vec::new();
    let mut clients: BTreeMap<&str, &MethodPage> = BTreeMap::new();
    let mut paginator_pages: BTreeMap<&str, &MethodPage> = BTreeMap::new();
    let mut waiter_pages: Vec<&MethodPage> = Vec::new();
    for page in &pages.methods {
        warnings.extend(page.warnings.iter().cloned());
        let Some(op) = page.operation.as_deref() else { continue };
        let slot = match page.kind {
            MethodKind::Client => &mut clients,
            MethodKind::Paginator { .. } => &mut paginator_pages,
            MethodKind::Waiter { .. } => {
                waiter_pages.push(page);
                continue;
            }
        };
        if let Some(first) = slot.insert(op, page) {
            return Err(Diagnostic::new(
                &page.file,
                page.line,
                format!(
                    "operation {op} is documented twice (also at {}:{}); expected one page per operation",
                    first.file.display(),
                    first.line
                ),
            ));
        }
    }
    let Some(first) = pages.methods.iter().find(|p| p.operation.is_some()) else {
        return Err(Diagnostic::new(
            PathBuf::from(&pages.name),
            0,
            "no client method pages with an API link: expected at least one operation",
        ));
    };

    let mut service = Service {
        name: pages.name.clone(),
        class_name: first.class_name.clone(),
        ..Service::default()
    };
    if let Some(index) = &pages.index {
        service.class_name = index.class_name.clone();
        service.full_name = index.full_name.clone();
        service.abbreviation = index.abbreviation.clone();
        service.docs = index.docs.clone();
    }
    service.uid = pages.methods.iter().filter_map(|p| p.uid.clone()).min();
    service.api_version = service.uid.as_deref().and_then(api_version_of);

    let mut shapes = Interner::new();
    // Error names come from the docs verbatim; reserve them before any name is derived.
    for page in clients.values() {
        for error in &page.errors {
            shapes.error_shape(error);
        }
    }
    for page in clients.values() {
        for body in [&page.request, &page.response] {
            if let Body::Shape(node) = body {
                shapes.collect_hints(node);
            }
        }
    }
    let fallback_request = |op: &str| {
        waiter_pages
            .iter()
            .find(|w| w.operation.as_deref() == Some(op))
            .map(|w| &w.request)
            .filter(|b| matches!(b, Body::Shape(_)))
    };
    // Requests first, so responses can reuse request structures (see the module docs).
    let mut inputs = BTreeMap::new();
    for (op, page) in &clients {
        let body = match &page.request {
            Body::TooLarge => match fallback_request(op) {
                Some(b) => b,
                None => {
                    warnings.push(Diagnostic::new(
                        &page.file,
                        page.line,
                        format!("{op}: request section too large to render and no other page gives it; input left empty"),
                    ));
                    &page.request
                }
            },
            b => b,
        };
        inputs.insert(*op, shapes.intern_body(body, &format!("{op}Input"), Side::Request));
    }
    let mut outputs = BTreeMap::new();
    for (op, page) in &clients {
        let body = match (&page.response, paginator_pages.get(op)) {
            (Body::TooLarge, Some(p)) if matches!(p.response, Body::Shape(_)) => {
                warnings.push(Diagnostic::new(
                    &page.file,
                    page.line,
                    format!("{op}: response section too large to render; taken from its paginator page, without the output token"),
                ));
                &p.response
            }
            (Body::TooLarge, _) => {
                warnings.push(Diagnostic::new(
                    &page.file,
                    page.line,
                    format!("{op}: response section too large to render and no other page gives it; output left empty"),
                ));
                &page.response
            }
            (b, _) => b,
        };
        outputs.insert(*op, shapes.intern_body(body, &format!("{op}Output"), Side::Response));
    }

    for (op, page) in &clients {
        let operation = Operation {
            name: op.to_string(),
            method: page.method.clone(),
            docs: page.docs.clone(),
            deprecated: page.deprecated,
            input: inputs.remove(op).flatten(),
            output: outputs.remove(op).flatten(),
            errors: page.errors.clone(),
            changelog: pages.stamps.get(*op).cloned(),
        };
        service.operations.insert(op.to_string(), operation);
    }
    service.shapes = shapes.finish();

    for (op, page) in &paginator_pages {
        let Some(client) = clients.get(op) else {
            warnings.push(Diagnostic::new(
                &page.file,
                page.line,
                format!("paginator {op} has no client page; expected {}", snake_hint(page)),
            ));
            continue;
        };
        let client = pages.superseded.get(*op).unwrap_or(client);
        match infer_paginator(op, client, page) {
            Ok(p) => {
                service.paginators.insert(op.to_string(), p);
            }
            Err(message) => warnings.push(Diagnostic::new(&page.file, page.line, message)),
        }
    }

    let by_method: HashMap<&str, &str> = clients.iter().map(|(op, p)| (p.method.as_str(), *op)).collect();
    for page in waiter_pages {
        let MethodKind::Waiter { delay_seconds, max_attempts } = page.kind else { continue };
        let operation = page
            .wraps
            .as_deref()
            .and_then(|m| by_method.get(m).copied())
            .or(page.operation.as_deref().filter(|op| clients.contains_key(op)));
        let Some(operation) = operation else {
            warnings.push(Diagnostic::new(
                &page.file,
                page.line,
                format!("waiter {} polls a method with no client page", page.method),
            ));
            continue;
        };
        service.waiters.insert(
            page.method.clone(),
            Waiter {
                name: page.method.clone(),
                operation: operation.to_string(),
                delay_seconds,
                max_attempts,
                docs: page.docs.clone(),
            },
        );
    }
    Ok(Assembled { service, warnings })
}

fn snake_hint(page: &MethodPage) -> String {
    match &page.wraps {
        Some(m) => format!("client/{m}"),
        None => "the client page it wraps".to_string(),
    }
}

/// `dynamodb-2012-08-10` → `2012-08-10`.
fn api_version_of(uid: &str) -> Option<String> {
    let date = uid.get(uid.len().checked_sub(10)?..)?;
    let ok = date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    ok.then(|| date.to_string())
}

/// Recovers the tokens and limit key by comparing the paginator page with the client page it
/// wraps: boto3 removes the input tokens and the limit key from the request, and the output
/// tokens from the response (appending its own `NextToken`).
fn infer_paginator(op: &str, client: &MethodPage, page: &MethodPage) -> Result<Paginator, String> {
    let (Body::Shape(client_req), Body::Shape(client_resp)) = (&client.request, &client.response) else {
        return Err(format!("paginator {op}: the client page has no request or response to compare with"));
    };
    let page_req: Vec<&str> = match &page.request {
        Body::Shape(n) => member_names(n),
        Body::None => Vec::new(),
        Body::TooLarge => return Err(format!("paginator {op}: request too large to render")),
    };
    let Body::Shape(page_resp) = &page.response else {
        return Err(format!("paginator {op}: response too large to render or absent"));
    };
    let removed: Vec<&Field> = members(client_req).iter().filter(|f| !page_req.contains(&f.name.as_str())).collect();
    let page_size = matches!(page.kind, MethodKind::Paginator { page_size: true });
    let limit_key = if page_size {
        let ints: Vec<&Field> = removed.iter().copied().filter(|f| matches!(f.node.ty, NodeType::Integer)).collect();
        let by_name = |f: &Field| {
            let n = f.name.to_ascii_lowercase();
            ["max", "limit", "size", "count", "items"].iter().any(|k| n.contains(k))
        };
        match ints.as_slice() {
            [only] => Some(only.name.clone()),
            _ => ints
                .iter()
                .chain(removed.iter())
                .find(|f| by_name(f))
                .map(|f| f.name.clone()),
        }
    } else {
        None
    };
    let inputs: Vec<String> =
        removed.iter().filter(|f| Some(&f.name) != limit_key.as_ref()).map(|f| f.name.clone()).collect();

    let client_keys = member_names(client_resp);
    let mut page_keys = member_names(page_resp);
    if !client_keys.contains(&"NextToken") {
        page_keys.retain(|k| *k != "NextToken"); // appended by boto3
    }
    let outputs: Vec<String> =
        client_keys.iter().filter(|k| !page_keys.contains(k)).map(|k| k.to_string()).collect();
    if inputs.is_empty() || outputs.is_empty() {
        return Err(format!(
            "paginator {op}: could not find its tokens (input {inputs:?}, output {outputs:?}) by comparing with the client page"
        ));
    }
    let input_token = pair_tokens(&inputs, &outputs);
    let result_key = members(page_resp)
        .iter()
        .filter(|f| !outputs.contains(&f.name) && (matches!(f.node.ty, NodeType::List(_)) || is_page_count(f)))
        .map(|f| f.name.clone())
        .collect();
    Ok(Paginator { operation: op.to_string(), input_token, output_token: outputs, limit_key, result_key })
}

/// A per-page count of items ("The number of items in the response", DynamoDB's `Count` and
/// `ScannedCount`): boto3 sums these across pages, so they are result keys too. Totals ("The
/// total number of …") and counts of other things are not.
fn is_page_count(field: &Field) -> bool {
    let plain: String = field.node.docs.chars().filter(|c| !matches!(c, '`' | '*' | '_')).collect();
    matches!(field.node.ty, NodeType::Integer) && plain.trim_start().to_ascii_lowercase().starts_with("the number of items")
}

/// Orders input tokens to pair with output tokens by name (`KeyMarker` ↔ `NextKeyMarker`);
/// unpaired ones keep their page order.
fn pair_tokens(inputs: &[String], outputs: &[String]) -> Vec<String> {
    if inputs.len() < 2 {
        return inputs.to_vec();
    }
    let norm = |s: &str| s.to_ascii_lowercase().replace("next", "").replace("marker", "").replace("token", "");
    let mut rest: Vec<&String> = inputs.iter().collect();
    let mut ordered = Vec::new();
    for out in outputs {
        if let Some(i) = rest.iter().position(|i| norm(i) == norm(out)) {
            ordered.push(rest.remove(i).clone());
        }
    }
    ordered.extend(rest.into_iter().cloned());
    ordered
}

fn members(node: &Node) -> &[Field] {
    match &node.ty {
        NodeType::Structure { members, .. } | NodeType::EventStream { members } => members,
        _ => &[],
    }
}

fn member_names(node: &Node) -> Vec<&str> {
    members(node).iter().map(|f| f.name.as_str()).collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

/// A structure on the path from the root, for resolving `{'... recursive ...'}`.
struct Frame {
    name: String,
    member_names: Vec<String>,
}

/// Names and de-duplicates shapes as trees are walked (see the module docs).
struct Interner {
    shapes: BTreeMap<String, Shape>,
    /// Structural identity → shape name.
    by_key: HashMap<u128, String>,
    /// Request structures by their members without required flags, for responses to reuse.
    by_loose_key: HashMap<u128, String>,
    /// Names the prose gives, by structural identity (strict and loose).
    hints: HashMap<u128, String>,
}

const PRIMITIVES: [(&str, fn() -> ShapeKind); 9] = [
    ("String", || ShapeKind::String),
    ("Integer", || ShapeKind::Integer),
    ("Double", || ShapeKind::Double),
    ("Float", || ShapeKind::Float),
    ("Boolean", || ShapeKind::Boolean),
    ("Timestamp", || ShapeKind::Timestamp),
    ("Blob", || ShapeKind::Blob { streaming: false }),
    ("StreamingBlob", || ShapeKind::Blob { streaming: true }),
    ("Document", || ShapeKind::Document),
];

impl Interner {
    fn new() -> Self {
        Interner { shapes: BTreeMap::new(), by_key: HashMap::new(), by_loose_key: HashMap::new(), hints: HashMap::new() }
    }

    fn finish(self) -> BTreeMap<String, Shape> {
        self.shapes
    }

    /// Records the type names the prose gives (see the module docs), first one wins.
    fn collect_hints(&mut self, node: &Node) {
        match &node.ty {
            NodeType::Structure { members, .. } | NodeType::EventStream { members } => {
                for f in members {
                    self.collect_hints(&f.node);
                }
            }
            NodeType::List(element) => {
                if let Some(name) = named_in_prose(&node.docs) {
                    self.hint(element, name);
                }
                self.collect_hints(element);
            }
            NodeType::Map { key, value } => {
                if let Some(name) = map_value_in_prose(&node.docs) {
                    self.hint(value, name);
                }
                self.collect_hints(key);
                self.collect_hints(value);
            }
            _ => {}
        }
    }

    fn hint(&mut self, node: &Node, name: String) {
        if matches!(node.ty, NodeType::Structure { .. } | NodeType::Enum(_)) {
            self.hints.entry(structural_key(node, true)).or_insert_with(|| name.clone());
            self.hints.entry(structural_key(node, false)).or_insert(name);
        }
    }

    /// The prose's name for this shape, else the name its context gives.
    fn name_for(&self, node: &Node, ctx: &Ctx) -> String {
        let hinted = self.hints.get(&structural_key(node, true)).or_else(|| self.hints.get(&structural_key(node, false)));
        hinted.cloned().unwrap_or_else(|| ctx.name.clone())
    }

    fn intern_body(&mut self, body: &Body, name: &str, side: Side) -> Option<String> {
        match body {
            Body::Shape(node) => {
                let mut path = Vec::new();
                let ctx = Ctx { name: name.to_string(), parent: String::new(), docs_named: true };
                Some(match &node.ty {
                    NodeType::Structure { members, union } => {
                        self.intern_structure(node, members, *union, false, &ctx, side, &mut path, true)
                    }
                    _ => self.intern(node, &ctx, side, &mut path),
                })
            }
            // An empty structure: the operation takes or returns nothing the docs show.
            Body::TooLarge => {
                let name = self.free_name(name, "", &ShapeKind::Structure(Structure::default()));
                Some(self.claim_structure(&name, Structure::default(), String::new(), side, None))
            }
            Body::None => None,
        }
    }

    fn error_shape(&mut self, name: &str) {
        let kind = ShapeKind::Structure(Structure { exception: true, ..Structure::default() });
        self.shapes.entry(name.to_string()).or_insert_with(|| Shape { name: name.to_string(), docs: String::new(), kind });
    }

    fn primitive(&mut self, name: &str) -> String {
        if !self.shapes.contains_key(name) {
            if let Some((_, make)) = PRIMITIVES.iter().find(|(p, _)| *p == name) {
                self.shapes.insert(name.to_string(), Shape { name: name.to_string(), docs: String::new(), kind: make() });
            }
        }
        name.to_string()
    }

    /// Returns the name of the shape `node` is.
    fn intern(&mut self, node: &Node, ctx: &Ctx, side: Side, path: &mut Vec<Frame>) -> String {
        match &node.ty {
            NodeType::Structure { members, union } => {
                self.intern_structure(node, members, *union, false, ctx, side, path, false)
            }
            NodeType::EventStream { members } => {
                self.intern_structure(node, members, false, true, ctx, side, path, false)
            }
            NodeType::List(element) => {
                if let Some(found) = self.lookup(node, side) {
                    return found;
                }
                let elem_ctx = Ctx {
                    name: element_name(&ctx.name, &node.docs),
                    parent: ctx.parent.clone(),
                    docs_named: true,
                };
                let member = self.intern(element, &elem_ctx, side, path);
                let kind = ShapeKind::List { member: member.clone() };
                let name = self.free_name(&format!("{member}List"), &ctx.parent, &kind);
                self.insert_keyed(name, kind, node, side)
            }
            NodeType::Map { key: k, value: v } => {
                if let Some(found) = self.lookup(node, side) {
                    return found;
                }
                let kname =
                    self.intern(k, &Ctx { name: format!("{}Key", ctx.name), parent: ctx.parent.clone(), docs_named: true }, side, path);
                let vname = self.intern(
                    v,
                    &Ctx { name: format!("{}Value", ctx.name), parent: ctx.parent.clone(), docs_named: true },
                    side,
                    path,
                );
                let kind = ShapeKind::Map { key: kname.clone(), value: vname.clone() };
                let name = self.free_name(&format!("{kname}{vname}Map"), &ctx.parent, &kind);
                self.insert_keyed(name, kind, node, side)
            }
            NodeType::Enum(values) => {
                let kind = ShapeKind::Enum { values: values.clone() };
                let key = structural_key(node, true);
                if let Some(found) = self.by_key.get(&key).cloned() {
                    self.adopt_docs(&found, &node.docs, ctx.docs_named);
                    return found;
                }
                let name = self.free_name(&self.name_for(node, ctx), &ctx.parent, &kind);
                let docs = if ctx.docs_named { node.docs.clone() } else { String::new() };
                self.by_key.insert(key, name.clone());
                self.shapes.insert(name.clone(), Shape { name: name.clone(), docs, kind });
                name
            }
            NodeType::Recursive { union_keys, is_list } => {
                let by_keys = (!union_keys.is_empty())
                    .then(|| path.iter().rev().find(|f| same_set(&f.member_names, union_keys)))
                    .flatten();
                // List shapes are named after their element, so only structures are on the
                // path; a recursive list resolves to its nearest structure.
                let _ = is_list;
                let target = by_keys.or_else(|| path.last());
                match target {
                    Some(f) => f.name.clone(),
                    // Nothing on the path fits (a malformed page): keep the value as free-form JSON.
                    None => self.primitive("Document"),
                }
            }
            scalar => {
                let primitive = match scalar {
                    NodeType::String => "String",
                    NodeType::Integer => "Integer",
                    NodeType::Double => "Double",
                    NodeType::Float => "Float",
                    NodeType::Boolean => "Boolean",
                    NodeType::Timestamp => "Timestamp",
                    NodeType::Blob => "Blob",
                    NodeType::StreamingBlob => "StreamingBlob",
                    _ => "Document",
                };
                if ctx.docs_named && !node.docs.is_empty() && ctx.name != primitive {
                    // A documented list element / map key or value: its docs are the shape's.
                    let kind = PRIMITIVES.iter().find(|(p, _)| *p == primitive).map(|(_, k)| k()).unwrap_or(ShapeKind::Document);
                    let key = hash_of(&("doc-scalar", primitive, &node.docs));
                    if let Some(found) = self.by_key.get(&key) {
                        return found.clone();
                    }
                    let name = self.free_name(&ctx.name, &ctx.parent, &kind);
                    self.by_key.insert(key, name.clone());
                    self.shapes.insert(name.clone(), Shape { name: name.clone(), docs: node.docs.clone(), kind });
                    return name;
                }
                self.primitive(primitive)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn intern_structure(
        &mut self,
        node: &Node,
        fields: &[Field],
        union: bool,
        event_stream: bool,
        ctx: &Ctx,
        side: Side,
        path: &mut Vec<Frame>,
        root: bool,
    ) -> String {
        if !root {
            if let Some(found) = self.lookup(node, side) {
                self.adopt_docs(&found, &node.docs, ctx.docs_named);
                return found;
            }
        }
        // Claim the name before the members, so a recursive member can point back at it.
        let placeholder = ShapeKind::Structure(Structure::default());
        let base = if root { ctx.name.clone() } else { self.name_for(node, ctx) };
        let name = self.free_name(&base, &ctx.parent, &placeholder);
        self.shapes.insert(name.clone(), Shape { name: name.clone(), docs: String::new(), kind: placeholder });
        path.push(Frame {
            name: name.clone(),
            member_names: fields.iter().map(|f| f.name.clone()).collect(),
        });
        let mut members = Vec::with_capacity(fields.len());
        for field in fields {
            let member_ctx = Ctx { name: pascal(&field.name), parent: name.clone(), docs_named: false };
            let target = self.intern(&field.node, &member_ctx, side, path);
            members.push(Member {
                name: field.name.clone(),
                target,
                required: field.node.required,
                docs: field.node.docs.clone(),
                idempotency_token: field.node.idempotency_token,
            });
        }
        path.pop();
        let structure = Structure { members, union, exception: false, event_stream };
        let docs = if ctx.docs_named { node.docs.clone() } else { String::new() };
        // An operation's input or output is its own, never reused by another operation.
        self.claim_structure(&name, structure, docs, side, (!root).then_some(node))
    }

    /// Stores a structure under `name` (already reserved or free) and records its identity.
    fn claim_structure(&mut self, name: &str, s: Structure, docs: String, side: Side, node: Option<&Node>) -> String {
        let name = name.to_string();
        if let Some(node) = node {
            let strict = structural_key(node, true);
            self.by_key.entry(strict).or_insert_with(|| name.clone());
            if side == Side::Request {
                self.by_loose_key.entry(structural_key(node, false)).or_insert_with(|| name.clone());
            }
        }
        self.shapes.insert(name.clone(), Shape { name: name.clone(), docs, kind: ShapeKind::Structure(s) });
        name
    }

    fn lookup(&self, node: &Node, side: Side) -> Option<String> {
        if let Some(found) = self.by_key.get(&structural_key(node, true)) {
            return Some(found.clone());
        }
        if side == Side::Response {
            return self.by_loose_key.get(&structural_key(node, false)).cloned();
        }
        None
    }

    /// Stores a list or map shape and records its identity.
    fn insert_keyed(&mut self, name: String, kind: ShapeKind, node: &Node, side: Side) -> String {
        self.by_key.insert(structural_key(node, true), name.clone());
        if side == Side::Request {
            self.by_loose_key.entry(structural_key(node, false)).or_insert_with(|| name.clone());
        }
        self.shapes.insert(name.clone(), Shape { name: name.clone(), docs: String::new(), kind });
        name
    }

    /// A shape first met through a member has no shape docs; a later list element or map value
    /// use shows them.
    fn adopt_docs(&mut self, name: &str, docs: &str, docs_named: bool) {
        if let Some(shape) = self.shapes.get_mut(name) {
            if docs_named && shape.docs.is_empty() && !docs.is_empty() {
                shape.docs = docs.to_string();
            }
        }
    }

    /// The first free candidate: `name`, `<parent><name>`, `<name>2`, `<name>3`, …
    fn free_name(&self, name: &str, parent: &str, _kind: &ShapeKind) -> String {
        let base = if name.is_empty() { "Shape".to_string() } else { name.to_string() };
        let reserved = |n: &str| self.shapes.contains_key(n) || PRIMITIVES.iter().any(|(p, _)| *p == n);
        if !reserved(&base) {
            return base;
        }
        if !parent.is_empty() && !base.starts_with(parent) {
            let prefixed = format!("{parent}{base}");
            if !reserved(&prefixed) {
                return prefixed;
            }
        }
        (2..).map(|i| format!("{base}{i}")).find(|n| !reserved(n)).unwrap_or(base)
    }
}

/// The naming context a node is met in.
struct Ctx {
    /// The name this node's shape gets if it is new.
    name: String,
    /// The enclosing structure's name, for collision candidates.
    parent: String,
    /// The node's docs are its shape's (list element, map key/value, operation root), not a
    /// member's.
    docs_named: bool,
}

fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u128 {
    let mut a = DefaultHasher::new();
    value.hash(&mut a);
    let mut b = DefaultHasher::new();
    0x9e37_79b9_u32.hash(&mut b);
    value.hash(&mut b);
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// The identity of a subtree: kinds, member names, required flags (when `strict`) and enum
/// values; not docs. Recursive references are identified by how far up they point, so a
/// recursive shape has the same identity wherever it occurs.
fn structural_key(node: &Node, strict: bool) -> u128 {
    let mut h = DefaultHasher::new();
    let mut h2 = DefaultHasher::new();
    1u8.hash(&mut h2);
    let mut depth = 0usize;
    hash_node(node, strict, &mut depth, &mut |bytes: &[u8]| {
        h.write(bytes);
        h2.write(bytes);
    });
    (u128::from(h.finish()) << 64) | u128::from(h2.finish())
}

fn hash_node(node: &Node, strict: bool, depth: &mut usize, out: &mut dyn FnMut(&[u8])) {
    let tag = |out: &mut dyn FnMut(&[u8]), t: &str| {
        out(t.as_bytes());
        out(&[0]);
    };
    match &node.ty {
        NodeType::Structure { members, union } => {
            tag(out, if *union { "union" } else { "struct" });
            hash_members(members, strict, depth, out);
        }
        NodeType::EventStream { members } => {
            tag(out, "eventstream");
            hash_members(members, strict, depth, out);
        }
        NodeType::List(e) => {
            tag(out, "list");
            *depth += 1;
            hash_node(e, strict, depth, out);
            *depth -= 1;
        }
        NodeType::Map { key, value } => {
            tag(out, "map");
            *depth += 1;
            hash_node(key, strict, depth, out);
            hash_node(value, strict, depth, out);
            *depth -= 1;
        }
        NodeType::Enum(values) => {
            tag(out, "enum");
            for v in values {
                tag(out, v);
            }
            tag(out, "/enum");
        }
        NodeType::Recursive { union_keys, is_list } => {
            tag(out, if *is_list { "rec-list" } else { "rec" });
            for k in union_keys {
                tag(out, k);
            }
        }
        NodeType::String => tag(out, "string"),
        NodeType::Integer => tag(out, "integer"),
        NodeType::Double => tag(out, "double"),
        NodeType::Float => tag(out, "float"),
        NodeType::Boolean => tag(out, "boolean"),
        NodeType::Timestamp => tag(out, "timestamp"),
        NodeType::Blob => tag(out, "blob"),
        NodeType::StreamingBlob => tag(out, "streaming"),
        NodeType::Document => tag(out, "document"),
    }
}

fn hash_members(members: &[Field], strict: bool, depth: &mut usize, out: &mut dyn FnMut(&[u8])) {
    *depth += 1;
    for f in members {
        out(f.name.as_bytes());
        out(&[if strict && f.node.required { 2 } else { 1 }, u8::from(f.node.idempotency_token)]);
        hash_node(&f.node, strict, depth, out);
    }
    out(&[0xff]);
    *depth -= 1;
}

/// `backupIds` → `BackupIds`.
pub fn pascal(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect(),
        None => String::new(),
    }
}

/// Name for a list's element: the type the prose names, else the list name made singular.
fn element_name(list: &str, docs: &str) -> String {
    if let Some(named) = named_in_prose(docs) {
        return named;
    }
    singular(list).unwrap_or_else(|| format!("{list}Item"))
}

/// `List of `BackupSummary` objects.` → `BackupSummary` (also "array of", "structures").
fn named_in_prose(docs: &str) -> Option<String> {
    let lower = docs.to_ascii_lowercase();
    for lead in ["list of `", "array of `"] {
        let mut from = 0;
        while let Some(pos) = lower.get(from..).and_then(|s| s.find(lead)) {
            let start = from + pos + lead.len();
            let rest = docs.get(start..)?;
            let end = rest.find('`')?;
            let name = &rest[..end];
            let after = rest[end + 1..].trim_start().to_ascii_lowercase();
            let is_type = name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphanumeric());
            if is_type && (after.starts_with("object") || after.starts_with("structure")) {
                return Some(name.to_string());
            }
            from = start;
        }
    }
    None
}

/// ``a map of attribute names to `AttributeValue` objects`` or ``each element in the `Item`
/// map is an `AttributeValue` object`` → `AttributeValue`.
fn map_value_in_prose(docs: &str) -> Option<String> {
    for lead in [" to `", " is an `", " is a `"] {
        let mut from = 0;
        while let Some(pos) = docs.get(from..).and_then(|s| s.find(lead)) {
            let start = from + pos + lead.len();
            let rest = docs.get(start..)?;
            let end = rest.find('`')?;
            let name = &rest[..end];
            let after = rest[end + 1..].trim_start();
            let is_type = name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphanumeric());
            if is_type && (after.starts_with("object") || after.starts_with("structure")) {
                return Some(name.to_string());
            }
            from = start;
        }
    }
    None
}

/// English plural → singular for member names; `None` when the name is not a plural.
fn singular(name: &str) -> Option<String> {
    if let Some(stem) = name.strip_suffix("List").filter(|s| !s.is_empty()) {
        return Some(stem.to_string());
    }
    if let Some(stem) = name.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    for suffix in ["sses", "shes", "ches", "xes", "zes", "uses"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            return Some(format!("{stem}{}", &suffix[..suffix.len() - 2]));
        }
    }
    if name.ends_with("ss") || name.ends_with("us") || name.ends_with("is") {
        return None;
    }
    name.strip_suffix('s').filter(|s| !s.is_empty()).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::MethodKind;

    fn leaf(ty: NodeType) -> Node {
        Node::new(ty, 1)
    }
    fn field(name: &str, node: Node) -> Field {
        Field { name: name.to_string(), node }
    }
    fn structure(members: Vec<Field>) -> Node {
        Node::new(NodeType::Structure { members, union: false }, 1)
    }
    fn required(mut n: Node) -> Node {
        n.required = true;
        n
    }
    fn page(kind: MethodKind, method: &str, op: &str, request: Body, response: Body) -> MethodPage {
        MethodPage {
            file: PathBuf::from(format!("{method}.rst")),
            line: 1,
            kind,
            class_name: "Svc".into(),
            method: method.into(),
            operation: Some(op.into()),
            uid: Some("svc-2020-01-01".into()),
            wraps: None,
            docs: String::new(),
            deprecated: false,
            request,
            response,
            errors: vec![],
            warnings: vec![],
        }
    }
    fn tag() -> Node {
        structure(vec![field("Key", leaf(NodeType::String)), field("Value", leaf(NodeType::String))])
    }

    #[test]
    fn names_follow_members_and_lists_and_merge_identical_shapes() {
        let mut tags_a = leaf(NodeType::List(Box::new(tag())));
        tags_a.docs = "The tags.".into();
        let list_resp = structure(vec![
            field("Backups", leaf(NodeType::List(Box::new(structure(vec![
                field("BackupId", leaf(NodeType::String)),
                field("TagList", tags_a.clone()),
                field("State", leaf(NodeType::Enum(vec!["READY".into(), "DELETED".into()]))),
            ]))))),
            field("NextToken", leaf(NodeType::String)),
        ]);
        let tag_req = structure(vec![
            field("ResourceId", required(leaf(NodeType::String))),
            field("TagList", required(tags_a)),
        ]);
        let pages = ServicePages {
            name: "svc".into(),
            index: None,
            methods: vec![
                page(MethodKind::Client, "list_backups", "ListBackups", Body::None, Body::Shape(list_resp)),
                page(MethodKind::Client, "tag_resource", "TagResource", Body::Shape(tag_req), Body::Shape(structure(vec![]))),
            ],
            ..Default::default()
        };
        let model = assemble(&pages).unwrap().service;
        let names: Vec<&str> = model.shapes.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            ["Backup", "BackupList", "ListBackupsOutput", "State", "String", "Tag", "TagList", "TagResourceInput", "TagResourceOutput"]
        );
        // The response's Tag list reuses the request's (same members).
        let ShapeKind::Structure(backup) = &model.shapes["Backup"].kind else { panic!() };
        assert_eq!(backup.members[1].target, "TagList");
        assert_eq!(model.operations["ListBackups"].input, None);
        assert_eq!(model.api_version.as_deref(), Some("2020-01-01"));
    }

    #[test]
    fn recursion_points_at_the_union_named_by_its_note() {
        let rec = || leaf(NodeType::Recursive { union_keys: vec!["S".into(), "M".into(), "L".into()], is_list: false });
        let value = Node::new(
            NodeType::Structure {
                members: vec![
                    field("S", leaf(NodeType::String)),
                    field(
                        "M",
                        leaf(NodeType::Map { key: Box::new(leaf(NodeType::String)), value: Box::new(rec()) }),
                    ),
                    field("L", leaf(NodeType::List(Box::new(rec())))),
                ],
                union: true,
            },
            1,
        );
        let item = leaf(NodeType::Map { key: Box::new(leaf(NodeType::String)), value: Box::new(value) });
        let req = structure(vec![field("Item", required(item))]);
        let pages = ServicePages {
            name: "ddb".into(),
            index: None,
            methods: vec![page(MethodKind::Client, "put_item", "PutItem", Body::Shape(req), Body::None)],
            ..Default::default()
        };
        let model = assemble(&pages).unwrap().service;
        let ShapeKind::Structure(v) = &model.shapes["ItemValue"].kind else { panic!("{:?}", model.shapes.keys()) };
        assert!(v.union);
        assert_eq!(model.shapes[&v.members[2].target].kind, ShapeKind::List { member: "ItemValue".into() });
        let ShapeKind::Map { value, .. } = &model.shapes[&v.members[1].target].kind else { panic!() };
        assert_eq!(value, "ItemValue");
    }

    #[test]
    fn collisions_take_the_parent_then_a_number() {
        let a = structure(vec![field("Config", structure(vec![field("A", leaf(NodeType::String))]))]);
        let b = structure(vec![field("Config", structure(vec![field("B", leaf(NodeType::Integer))]))]);
        let pages = ServicePages {
            name: "svc".into(),
            index: None,
            methods: vec![
                page(MethodKind::Client, "a", "A", Body::Shape(a), Body::None),
                page(MethodKind::Client, "b", "B", Body::Shape(b), Body::None),
            ],
            ..Default::default()
        };
        let model = assemble(&pages).unwrap().service;
        assert!(model.shapes.contains_key("Config"));
        assert!(model.shapes.contains_key("BInputConfig"));
    }

    #[test]
    fn paginator_tokens_come_from_the_page_difference() {
        let client_req = structure(vec![
            field("TableName", leaf(NodeType::String)),
            field("Limit", leaf(NodeType::Integer)),
            field("ExclusiveStartBackupArn", leaf(NodeType::String)),
        ]);
        let summaries = || field("BackupSummaries", leaf(NodeType::List(Box::new(leaf(NodeType::String)))));
        let client_resp = structure(vec![summaries(), field("LastEvaluatedBackupArn", leaf(NodeType::String))]);
        let pag_req = structure(vec![field("TableName", leaf(NodeType::String))]);
        let pag_resp = structure(vec![summaries(), field("NextToken", leaf(NodeType::String))]);
        let pages = ServicePages {
            name: "ddb".into(),
            index: None,
            methods: vec![
                page(MethodKind::Client, "list_backups", "ListBackups", Body::Shape(client_req), Body::Shape(client_resp)),
                page(
                    MethodKind::Paginator { page_size: true },
                    "ListBackups",
                    "ListBackups",
                    Body::Shape(pag_req),
                    Body::Shape(pag_resp),
                ),
            ],
            ..Default::default()
        };
        let model = assemble(&pages).unwrap().service;
        let p = &model.paginators["ListBackups"];
        assert_eq!(p.input_token, ["ExclusiveStartBackupArn"]);
        assert_eq!(p.output_token, ["LastEvaluatedBackupArn"]);
        assert_eq!(p.limit_key.as_deref(), Some("Limit"));
        assert_eq!(p.result_key, ["BackupSummaries"]);
    }

    #[test]
    fn prose_names_win_wherever_they_occur_and_roots_are_never_shared() {
        let value = || structure(vec![field("S", leaf(NodeType::String)), field("N", leaf(NodeType::String))]);
        let map = |docs: &str| {
            let mut m = leaf(NodeType::Map { key: Box::new(leaf(NodeType::String)), value: Box::new(value()) });
            m.docs = docs.into();
            m
        };
        // The first operation's map has no naming prose; the second's names the value type.
        let a = structure(vec![field("Params", map("The parameters."))]);
        let b = structure(vec![field("Key", map("A map of attribute names to `AttributeValue` objects."))]);
        let pages = ServicePages {
            name: "ddb".into(),
            methods: vec![
                page(MethodKind::Client, "a", "A", Body::Shape(a.clone()), Body::None),
                page(MethodKind::Client, "b", "B", Body::Shape(b), Body::None),
                page(MethodKind::Client, "c", "C", Body::Shape(a), Body::None),
            ],
            ..Default::default()
        };
        let model = assemble(&pages).unwrap().service;
        assert!(model.shapes.contains_key("AttributeValue"), "{:?}", model.shapes.keys());
        assert!(!model.shapes.contains_key("ParamsValue"));
        // A and C have identical inputs, yet each has its own.
        assert_eq!(model.operations["A"].input.as_deref(), Some("AInput"));
        assert_eq!(model.operations["C"].input.as_deref(), Some("CInput"));
        assert_eq!(map_value_in_prose("Each element in the `Item` map is an `AttributeValue` object."), Some("AttributeValue".into()));
        assert_eq!(map_value_in_prose("Set it to `true` to enable."), None);
    }

    #[test]
    fn naming_helpers() {
        assert_eq!(singular("BackupJobs").as_deref(), Some("BackupJob"));
        assert_eq!(singular("Policies").as_deref(), Some("Policy"));
        assert_eq!(singular("Addresses").as_deref(), Some("Address"));
        assert_eq!(singular("Statuses").as_deref(), Some("Status"));
        assert_eq!(singular("TagList").as_deref(), Some("Tag"));
        assert_eq!(singular("Status"), None);
        assert_eq!(element_name("BackupSummaries", "List of `BackupSummary` objects."), "BackupSummary");
        assert_eq!(element_name("Data", ""), "DataItem");
        assert_eq!(api_version_of("dynamodb-2012-08-10").as_deref(), Some("2012-08-10"));
        assert_eq!(api_version_of("odd"), None);
        assert_eq!(pascal("backupIds"), "BackupIds");
    }

    #[test]
    fn no_operations_is_an_error() {
        let err = assemble(&ServicePages { name: "x".into(), ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("no client method pages"), "{err}");
    }
}
