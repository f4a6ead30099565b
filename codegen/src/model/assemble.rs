//! Merges one service's pages into the named [`model`](crate::model).
//!
//! The docs show every type inline and anonymously, so this is where shapes get names. The
//! rules, applied in one deterministic order (operations by name, documented requests, then
//! requests whose field list was cut, then responses; members in page order, pre-order):
//!
//! * An operation's input is `<Op>Input`, its output `<Op>Output`, never shared with
//!   another operation even when identical.
//! * Where the prose names a type, that name is used wherever the type occurs: a list
//!   whose docs say ``List of `BackupSummary` objects`` names its element, a map whose docs
//!   say ``a map of attribute names to `AttributeValue` objects`` (or ``each element … is an
//!   `AttributeValue` object``) names its value.
//! * Otherwise a structure or enum is named where it is met: after the member (`CreatedBy`);
//!   a list element after the list member made singular (`BackupJobs` → `BackupJob`,
//!   `Policies` → `Policy`, `TagList` → `Tag`, otherwise `<Name>Item`); a map value is
//!   `<Map>Value`, a map key `<Map>Key`. A shape met in several places takes the name most of
//!   them give it, a one-word name counting for the names that qualify it (`Status` met
//!   inside a table's description votes for `TableStatus`); see `Interner::settle_votes`.
//! * Lists are `<Element>List`, maps `<Key><Value>Map`; scalars without docs share one
//!   shape per type (`String`, `Integer`, …). A scalar list element, map key or map value
//!   *with* docs gets a named shape of its own, so its docs are kept.
//! * Structurally identical shapes are one shape: the same kind, member names, targets,
//!   required flags, enum values, recursion targets (docs are not part of identity). A
//!   response structure (the docs never mark output members required) reuses a request
//!   structure with the same members, and so does a request whose field list boto3 cut as
//!   "too large to render" (it shows no markers either).
//! * A shape's docs are the first docs any of its occurrences shows: what the first
//!   occurrence leaves undocumented (a cut field list, an undocumented map key) is filled from
//!   later ones, all the way down.
//! * When a name is taken by a different shape, the candidates are `<Parent><Name>`, where
//!   the parent is the enclosing structure's name before any collision prefix of its own (the
//!   operation's name for a member of its input or output: `ListBackupsBackupType`), then
//!   the enclosing structure's full name in front, then `<Name>2`, `<Name>3`, … — the first
//!   free one wins, so collisions resolve the same way every run. Prefixing with the
//!   parent's own name keeps nested collisions short: `TopicConfigurationFilter`, not
//!   `PutBucketNotificationConfigurationNotificationConfigurationTopicConfigurationFilter`.
//! * `{'... recursive ...'}` refers to a shape on the path: with a `*(list)*` bullet the
//!   nearest list, else the structure whose member set a union note names, else the nearest
//!   structure (see `resolve_recursion`).

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use crate::model::{ChangelogStamp, Member, Operation, Paginator, Service, Shape, ShapeKind, Structure, Waiter};
use crate::parse::page::{Body, Diagnostic, Field, IndexPage, MethodKind, MethodPage, Node, NodeType};

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
                shapes.collect_names(node, None);
            }
        }
    }
    // Inputs and outputs are named after their operation whatever the votes say.
    let roots: Vec<String> = clients.keys().flat_map(|op| [format!("{op}Input"), format!("{op}Output")]).collect();
    shapes.settle_votes(&roots);
    let fallback_request = |op: &str| {
        waiter_pages
            .iter()
            .find(|w| w.operation.as_deref() == Some(op))
            .map(|w| &w.request)
            .filter(|b| matches!(b, Body::Shape(_)))
    };
    // Requests first, so responses can reuse request structures (see the module docs);
    // documented requests before those whose field list was cut, which take their
    // `[REQUIRED]` markers from documented structures with the same members.
    let mut inputs = BTreeMap::new();
    let mut requests = Vec::new();
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
        let side = match body {
            Body::Shape(node) if !documents_anything(node) => Side::UndocumentedRequest,
            _ => Side::Request,
        };
        requests.push((*op, body, side));
    }
    requests.sort_by_key(|(_, _, side)| *side == Side::UndocumentedRequest);
    for (op, body, side) in requests {
        inputs.insert(op, shapes.intern_body(body, &format!("{op}Input"), side));
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
            http: None,
            result_wrapper: None,
            input_root: None,
            page: Some(crate::model::PageRef { file: page.file.clone(), line: page.line }),
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
                ..Default::default()
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
    let mut outputs: Vec<String> =
        client_keys.iter().filter(|k| !page_keys.contains(k)).map(|k| k.to_string()).collect();
    // boto3 removes only top-level members named like the output token. When none went
    // missing, the token sits inside a top-level structure (cloudfront's
    // `DistributionList.NextMarker`, rds's `EngineDefaults.Marker`): the member named
    // `Next<input token>` there, else the one named like the input token. The items and the
    // "more" flag are then that structure's too.
    let mut container: Option<&Field> = None;
    if outputs.is_empty() {
        if let Some((holder, token)) = nested_token(page_resp, &inputs) {
            outputs.push(format!("{}.{token}", holder.name));
            container = Some(holder);
        }
    }
    if inputs.is_empty() || outputs.is_empty() {
        return Err(format!(
            "paginator {op}: could not find its tokens (input {inputs:?}, output {outputs:?}) by comparing with the client page"
        ));
    }
    let input_token = pair_tokens(&inputs, &outputs);
    let (prefix, fields) = match container {
        Some(c) => (format!("{}.", c.name), members(&c.node)),
        None => (String::new(), members(page_resp)),
    };
    let keep = |f: &&Field| !outputs.contains(&format!("{prefix}{}", f.name));
    let result_key = result_keys(fields.iter().filter(keep), &prefix);
    let more_results = fields.iter().filter(keep).find(|f| is_more_flag(f)).map(|f| format!("{prefix}{}", f.name));
    Ok(Paginator { operation: op.to_string(), input_token, output_token: outputs, limit_key, result_key, more_results })
}

/// The token inside a top-level structure of the paginator's response, see
/// [`infer_paginator`]: (the structure's field, the token's member name).
fn nested_token<'a>(response: &'a Node, inputs: &[String]) -> Option<(&'a Field, String)> {
    for input in inputs {
        for wanted in [format!("Next{input}"), input.clone()] {
            for holder in members(response).iter().filter(|f| matches!(f.node.ty, NodeType::Structure { .. })) {
                let found = members(&holder.node).iter().find(|m| m.name == wanted && matches!(m.node.ty, NodeType::String));
                if let Some(m) = found {
                    return Some((holder, m.name.clone()));
                }
            }
        }
    }
    None
}

/// What boto3 aggregates across pages, from the paginator's response without its tokens:
/// the lists and per-page counts ([`is_page_count`]); with none, the lists one structure
/// down (athena `ResultSet.Rows`); with none, the maps (apigateway `GetUsage` `items`).
/// Measured on the corpus against botocore: right for 3,419 of 3,449 paginators; the rest
/// have lists the docs do not tell from the items (cloudformation `DescribeChangeSet` has 5),
/// botocore orders them otherwise, or key a scalar (see the README).
fn result_keys<'a>(fields: impl Iterator<Item = &'a Field> + Clone, prefix: &str) -> Vec<String> {
    let named = |f: &Field| format!("{prefix}{}", f.name);
    let lists: Vec<String> =
        fields.clone().filter(|f| matches!(f.node.ty, NodeType::List(_)) || is_page_count(f)).map(named).collect();
    if !lists.is_empty() {
        return lists;
    }
    let nested: Vec<String> = fields
        .clone()
        .filter(|f| matches!(f.node.ty, NodeType::Structure { .. }))
        .flat_map(|s| {
            members(&s.node)
                .iter()
                .filter(|m| matches!(m.node.ty, NodeType::List(_)))
                .map(move |m| format!("{prefix}{}.{}", s.name, m.name))
        })
        .collect();
    if !nested.is_empty() {
        return nested;
    }
    fields.filter(|f| matches!(f.node.ty, NodeType::Map { .. })).map(named).collect()
}

/// The flag saying whether more pages follow (botocore `more_results`): a boolean whose name
/// has the word `Truncated`, `More` or `Additional` (`IsTruncated`, `HasMoreShards`,
/// `hasMoreResults`, `AdditionalDataPending`). Measured on the corpus: all 57 such members of
/// paginated responses are their paginator's `more_results`, and no other boolean is.
fn is_more_flag(field: &Field) -> bool {
    matches!(field.node.ty, NodeType::Boolean)
        && words(&field.name).iter().any(|w| matches!(w.as_str(), "truncated" | "more" | "additional"))
}

/// `hasMoreResults` → `has`, `more`, `results`.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_ascii_alphanumeric() {
            prev_lower = false;
            out.push(String::new());
            continue;
        }
        if out.is_empty() || (c.is_ascii_uppercase() && prev_lower) {
            out.push(String::new());
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        if let Some(w) = out.last_mut() {
            w.push(c.to_ascii_lowercase());
        }
    }
    out.retain(|w| !w.is_empty());
    out
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
    /// A request whose field list was cut as "too large to render": the syntax block gives
    /// names and types, but no docs and no `[REQUIRED]` markers. Like a response, it reuses a
    /// documented request structure with the same members (and so its markers); it is not
    /// reused by documented requests.
    UndocumentedRequest,
    Response,
}

/// Whether any node of a request tree carries docs or a `[REQUIRED]` marker. A request
/// section whose field list boto3 cut reads with neither; a documented one has some (over the
/// corpus, the requests without any are exactly the 14 whose field list was cut).
fn documents_anything(node: &Node) -> bool {
    if !node.docs.is_empty() || node.required {
        return true;
    }
    match &node.ty {
        NodeType::Structure { members, .. } | NodeType::EventStream { members } => {
            members.iter().any(|f| documents_anything(&f.node))
        }
        NodeType::List(e) => documents_anything(e),
        NodeType::Map { key, value } => documents_anything(key) || documents_anything(value),
        _ => false,
    }
}

/// A structure or list on the path from the root, for resolving `{'... recursive ...'}`.
struct Frame {
    /// The shape's name; for a list, a placeholder until the list is named after its
    /// element (see [`Interner::pending`]).
    name: String,
    member_names: Vec<String>,
    list: bool,
}

/// Which frame `{'... recursive ...'}` refers to, among `n` frames on the path (0 is the
/// outermost). botocore's documenter cuts a shape that is already on the path, so the target
/// is an ancestor. A recursive bullet typed `*(list)*` refers to a list: the nearest list on
/// the path (right for 181 of the corpus's 182 recursive lists). Otherwise the union note on
/// the recursive bullet names the target's members; without one (or when no ancestor has
/// those members) the nearest structure is taken, right for 961 of the 1,319 recursive
/// non-union structures (the page does not say which ancestor; see the README).
fn resolve_recursion(
    n: usize,
    list_at: impl Fn(usize) -> bool,
    members_are: impl Fn(usize, &[String]) -> bool,
    union_keys: &[String],
    is_list: bool,
) -> Option<usize> {
    if is_list {
        if let Some(i) = (0..n).rev().find(|&i| list_at(i)) {
            return Some(i);
        }
    }
    if !union_keys.is_empty() {
        if let Some(i) = (0..n).rev().find(|&i| !list_at(i) && members_are(i, union_keys)) {
            return Some(i);
        }
    }
    (0..n).rev().find(|&i| !list_at(i))
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
    /// The names each structure and enum would get from where it is met (member, list
    /// element, map value), with how often, by loose structural identity (so a request
    /// structure and the responses that reuse it count together), in the order first met.
    votes: Vec<(u128, Vec<(String, usize)>)>,
    vote_index: HashMap<u128, usize>,
    /// What the votes decided (see [`Interner::settle_votes`]).
    voted: HashMap<u128, String>,
    /// Names only their owner may take: those the votes gave, and the operations' inputs
    /// and outputs.
    reserved_names: HashSet<String>,
    /// Lists being interned get a placeholder name on the path (they are named after their
    /// element, known only once the element is done); recursive references to them are
    /// renamed when the list is named. Counts placeholders handed out.
    pending: usize,
    /// Placeholders some recursive reference points at.
    pending_used: Vec<String>,
}

/// A shared primitive shape: its name and how to make it.
pub type Primitive = (&'static str, fn() -> ShapeKind);

/// boto3's pages do not tell `integer` from `long`: their integers are [`ShapeKind::Long`],
/// which holds either, until the API Reference says `Type: Integer` (see
/// [`crate::model::reference`], which also uses `Integer`).
pub const PRIMITIVES: [Primitive; 10] = [
    ("String", || ShapeKind::String),
    ("Long", || ShapeKind::Long),
    ("Integer", || ShapeKind::Integer),
    ("Double", || ShapeKind::Double),
    ("Float", || ShapeKind::Float),
    ("Boolean", || ShapeKind::Boolean),
    ("Timestamp", || ShapeKind::Timestamp),
    ("Blob", || ShapeKind::Blob { streaming: false }),
    ("StreamingBlob", || ShapeKind::Blob { streaming: true }),
    ("Document", || ShapeKind::Document),
];

fn is_primitive(name: &str) -> bool {
    PRIMITIVES.iter().any(|(p, _)| *p == name)
}

/// The shared shape a scalar node is, when it has no docs of its own.
fn primitive_of(ty: &NodeType) -> Option<&'static str> {
    Some(match ty {
        NodeType::String => "String",
        NodeType::Integer => "Long",
        NodeType::Double => "Double",
        NodeType::Float => "Float",
        NodeType::Boolean => "Boolean",
        NodeType::Timestamp => "Timestamp",
        NodeType::Blob => "Blob",
        NodeType::StreamingBlob => "StreamingBlob",
        NodeType::Document => "Document",
        _ => return None,
    })
}

impl Interner {
    fn new() -> Self {
        Interner {
            shapes: BTreeMap::new(),
            by_key: HashMap::new(),
            by_loose_key: HashMap::new(),
            hints: HashMap::new(),
            votes: Vec::new(),
            vote_index: HashMap::new(),
            voted: HashMap::new(),
            reserved_names: HashSet::new(),
            pending: 0,
            pending_used: Vec::new(),
        }
    }

    fn finish(self) -> BTreeMap<String, Shape> {
        self.shapes
    }

    /// Records the type names the prose gives, first one wins, and the names each shape's
    /// occurrences would give it (see the module docs). `name` is the name `node` would get
    /// from where it is met, as [`Interner::intern`] derives it; `None` for an operation's
    /// input or output, which is named after the operation.
    fn collect_names(&mut self, node: &Node, name: Option<String>) {
        match &node.ty {
            NodeType::Structure { members, .. } | NodeType::EventStream { members } => {
                if let Some(name) = name {
                    self.vote(node, name);
                }
                for f in members {
                    self.collect_names(&f.node, Some(pascal(&f.name)));
                }
            }
            NodeType::List(element) => {
                if let Some(hinted) = named_in_prose(&node.docs) {
                    self.hint(element, hinted);
                }
                let name = name.unwrap_or_default();
                self.collect_names(element, Some(element_name(&name, &node.docs)));
            }
            NodeType::Map { key, value } => {
                if let Some(hinted) = map_value_in_prose(&node.docs) {
                    self.hint(value, hinted);
                }
                let name = name.unwrap_or_default();
                self.collect_names(key, Some(map_key_name(&name)));
                self.collect_names(value, Some(map_value_name(&name)));
            }
            NodeType::Enum(_) => {
                if let Some(name) = name {
                    self.vote(node, name);
                }
            }
            _ => {}
        }
    }

    fn vote(&mut self, node: &Node, name: String) {
        let key = structural_key(node, false, None);
        let index = *self.vote_index.entry(key).or_insert_with(|| {
            self.votes.push((key, Vec::new()));
            self.votes.len() - 1
        });
        let names = &mut self.votes[index].1;
        match names.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => names.push((name, 1)),
        }
    }

    /// Gives names by vote: the (shape, name) pairs met most often first, each shape and
    /// name given once, in first-met order among equals; shapes the prose names keep that
    /// name, and no other shape gets it. A name counts the votes of the one-word names it
    /// qualifies too: a member `Status` inside a table's description is the table's status,
    /// so the enum met once as `TableStatus` and twice as `Status` is `TableStatus`. A name
    /// two shapes are met under goes to the one met under it more often. A shape the votes
    /// leave unnamed is named where it is first met, as without them.
    fn settle_votes(&mut self, roots: &[String]) {
        let mut taken: HashSet<&str> = self.hints.values().map(String::as_str).collect();
        taken.extend(self.shapes.keys().map(String::as_str));
        taken.extend(roots.iter().map(String::as_str));
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        for (shape, (key, names)) in self.votes.iter().enumerate() {
            if !self.hints.contains_key(key) {
                let weight = |name: &str| -> usize {
                    names.iter().filter(|(other, _)| other == name || qualifies(name, other)).map(|(_, count)| count).sum()
                };
                pairs.extend(names.iter().enumerate().map(|(n, (name, _))| (weight(name), shape, n)));
            }
        }
        pairs.sort_by_key(|&(count, shape, n)| (std::cmp::Reverse(count), shape, n));
        let mut voted = HashMap::new();
        for (_, shape, n) in pairs {
            let (key, names) = &self.votes[shape];
            let name = names[n].0.as_str();
            if voted.contains_key(key) || taken.contains(name) || is_primitive(name) {
                continue;
            }
            taken.insert(name);
            voted.insert(*key, name.to_string());
        }
        self.reserved_names = voted.values().chain(roots).cloned().collect();
        self.voted = voted;
    }

    fn hint(&mut self, node: &Node, name: String) {
        if matches!(node.ty, NodeType::Structure { .. } | NodeType::Enum(_)) {
            self.hints.entry(structural_key(node, true, None)).or_insert_with(|| name.clone());
            self.hints.entry(structural_key(node, false, None)).or_insert(name);
        }
    }

    /// The prose's name for this shape, else the one the votes gave it, else the name this
    /// occurrence gives; and whether the name is the shape's own by vote (which no other
    /// shape may take). Votes pool shapes that differ only in `[REQUIRED]` markers (`Delete`
    /// and `ConditionCheck` of a DynamoDB transaction); the first interned takes the voted
    /// name, the other its own.
    fn name_for(&self, node: &Node, ctx: &Ctx) -> (String, bool) {
        let loose = structural_key(node, false, None);
        let hinted = self.hints.get(&structural_key(node, true, None)).or_else(|| self.hints.get(&loose));
        if let Some(name) = hinted {
            return (name.clone(), false);
        }
        match self.voted.get(&loose) {
            Some(name) if !self.shapes.contains_key(name) => (name.clone(), true),
            _ => (ctx.name.clone(), false),
        }
    }

    fn intern_body(&mut self, body: &Body, name: &str, side: Side) -> Option<String> {
        match body {
            Body::Shape(node) => {
                let mut path = Vec::new();
                let ctx = Ctx { name: name.to_string(), parent: Parent::default(), docs_named: true };
                Some(match &node.ty {
                    NodeType::Structure { members, union } => {
                        self.intern_structure(node, members, *union, false, &ctx, side, &mut path, true)
                    }
                    _ => self.intern(node, &ctx, side, &mut path),
                })
            }
            // An empty structure: the operation takes or returns nothing the docs show.
            Body::TooLarge => {
                let name = self.free_name(name, &Parent::default(), true);
                Some(self.claim_structure(&name, Structure::default(), String::new(), side, None))
            }
            Body::None => None,
        }
    }

    fn error_shape(&mut self, name: &str) {
        let kind = ShapeKind::Structure(Structure { exception: true, ..Structure::default() });
        self.shapes.entry(name.to_string()).or_insert_with(|| Shape::new(name.to_string(), String::new(), kind));
    }

    fn primitive(&mut self, name: &str) -> String {
        if !self.shapes.contains_key(name) {
            if let Some((_, make)) = PRIMITIVES.iter().find(|(p, _)| *p == name) {
                self.shapes.insert(name.to_string(), Shape::new(name.to_string(), String::new(), make()));
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
                if let Some(found) = self.lookup(node, side, path) {
                    self.adopt(&found, node, ctx);
                    return found;
                }
                let elem_ctx = ctx.part(element_name(&ctx.name, &node.docs));
                self.pending += 1;
                let placeholder = format!("\u{1}list{}", self.pending);
                path.push(Frame { name: placeholder.clone(), member_names: Vec::new(), list: true });
                let member = self.intern(element, &elem_ctx, side, path);
                path.pop();
                let kind = ShapeKind::List { member: member.clone() };
                let name = self.free_name(&format!("{member}List"), &ctx.parent, false);
                if let Some(i) = self.pending_used.iter().position(|p| *p == placeholder) {
                    self.pending_used.swap_remove(i);
                    self.rename_target(&placeholder, &name);
                }
                self.insert_keyed(name, kind, node, side, path)
            }
            NodeType::Map { key: k, value: v } => {
                if let Some(found) = self.lookup(node, side, path) {
                    self.adopt(&found, node, ctx);
                    return found;
                }
                let kname = self.intern(k, &ctx.part(map_key_name(&ctx.name)), side, path);
                let vname = self.intern(v, &ctx.part(map_value_name(&ctx.name)), side, path);
                let kind = ShapeKind::Map { key: kname.clone(), value: vname.clone() };
                let name = self.free_name(&format!("{kname}{vname}Map"), &ctx.parent, false);
                self.insert_keyed(name, kind, node, side, path)
            }
            NodeType::Enum(values) => {
                let kind = ShapeKind::Enum { values: values.clone() };
                let key = structural_key(node, true, None);
                if let Some(found) = self.by_key.get(&key).cloned() {
                    self.adopt_docs(&found, &node.docs, ctx.docs_named);
                    return found;
                }
                let (base, own) = self.name_for(node, ctx);
                let name = self.free_name(&base, &ctx.parent, own);
                let docs = if ctx.docs_named { node.docs.clone() } else { String::new() };
                self.by_key.insert(key, name.clone());
                self.shapes.insert(name.clone(), Shape::new(name.clone(), docs, kind));
                name
            }
            NodeType::Recursive { union_keys, is_list } => {
                let target = resolve_recursion(
                    path.len(),
                    |i| path[i].list,
                    |i, keys| same_set(&path[i].member_names, keys),
                    union_keys,
                    *is_list,
                );
                match target.map(|i| path[i].name.clone()) {
                    Some(name) => {
                        if path.iter().any(|f| f.list && f.name == name) {
                            if !self.pending_used.contains(&name) {
                                self.pending_used.push(name.clone());
                            }
                        } else {
                            // A recursive list element or map value shows the target's own docs.
                            self.adopt_docs(&name, &node.docs, ctx.docs_named);
                        }
                        name
                    }
                    // Nothing on the path fits (a malformed page): keep the value as free-form JSON.
                    None => self.primitive("Document"),
                }
            }
            scalar => {
                let primitive = primitive_of(scalar).unwrap_or("Document");
                if ctx.docs_named && !node.docs.is_empty() && ctx.name != primitive {
                    return self.documented_scalar(primitive, node, ctx);
                }
                self.primitive(primitive)
            }
        }
    }

    /// A documented list element / map key or value: its docs are the shape's, so it gets a
    /// shape of its own (one per primitive and docs).
    fn documented_scalar(&mut self, primitive: &str, node: &Node, ctx: &Ctx) -> String {
        let kind = PRIMITIVES.iter().find(|(p, _)| *p == primitive).map(|(_, k)| k()).unwrap_or(ShapeKind::Document);
        let key = hash_of(&("doc-scalar", primitive, &node.docs));
        if let Some(found) = self.by_key.get(&key) {
            return found.clone();
        }
        let name = self.free_name(&ctx.name, &ctx.parent, false);
        self.by_key.insert(key, name.clone());
        self.shapes.insert(name.clone(), Shape::new(name.clone(), node.docs.clone(), kind));
        name
    }

    /// Points every reference to `from` (a list placeholder) at `to`.
    fn rename_target(&mut self, from: &str, to: &str) {
        for shape in self.shapes.values_mut() {
            match &mut shape.kind {
                ShapeKind::Structure(s) => {
                    for m in &mut s.members {
                        if m.target == from {
                            m.target = to.to_string();
                        }
                    }
                }
                ShapeKind::List { member } if member == from => *member = to.to_string(),
                ShapeKind::Map { key, value } => {
                    for t in [key, value] {
                        if t == from {
                            *t = to.to_string();
                        }
                    }
                }
                _ => {}
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
            if let Some(found) = self.lookup(node, side, path) {
                self.adopt(&found, node, ctx);
                return found;
            }
        }
        // Claim the name before the members, so a recursive member can point back at it.
        let placeholder = ShapeKind::Structure(Structure::default());
        let (base, own) = if root { (ctx.name.clone(), true) } else { self.name_for(node, ctx) };
        let name = self.free_name(&base, &ctx.parent, own);
        self.shapes.insert(name.clone(), Shape::new(name.clone(), String::new(), placeholder));
        path.push(Frame {
            name: name.clone(),
            member_names: fields.iter().map(|f| f.name.clone()).collect(),
            list: false,
        });
        let mut members = Vec::with_capacity(fields.len());
        // Collisions inside an operation's input or output take the operation's name, not
        // the root's: `ListBackupsBackupType`, not `ListBackupsInputBackupType`.
        let parent = if root { Parent::named(operation_of(&name)) } else { Parent { own: base, full: name.clone() } };
        for field in fields {
            let member_ctx = Ctx { name: pascal(&field.name), parent: parent.clone(), docs_named: false };
            let target = self.intern(&field.node, &member_ctx, side, path);
            members.push(Member {
                name: field.name.clone(),
                target,
                required: field.node.required,
                docs: field.node.docs.clone(),
                idempotency_token: field.node.idempotency_token,
                ..Member::default()
            });
        }
        path.pop();
        let structure = Structure { members, union, exception: false, event_stream, error_status: None, error_code: None };
        let mut docs = if ctx.docs_named { node.docs.clone() } else { String::new() };
        if docs.is_empty() {
            // A recursive list element inside may have documented the shape meanwhile.
            docs = self.shapes.get(&name).map(|s| s.docs.clone()).unwrap_or_default();
        }
        // An operation's input or output is its own, never reused by another operation.
        self.claim_structure(&name, structure, docs, side, (!root).then_some((node, path.as_slice())))
    }

    /// Stores a structure under `name` (already reserved or free) and records its identity.
    fn claim_structure(&mut self, name: &str, s: Structure, docs: String, side: Side, node: Option<(&Node, &[Frame])>) -> String {
        let name = name.to_string();
        if let Some((node, path)) = node {
            let strict = structural_key(node, true, Some(path));
            self.by_key.entry(strict).or_insert_with(|| name.clone());
            if side == Side::Request {
                self.by_loose_key.entry(structural_key(node, false, Some(path))).or_insert_with(|| name.clone());
            }
        }
        self.shapes.insert(name.clone(), Shape::new(name.clone(), docs, ShapeKind::Structure(s)));
        name
    }

    fn lookup(&self, node: &Node, side: Side, path: &[Frame]) -> Option<String> {
        if let Some(found) = self.by_key.get(&structural_key(node, true, Some(path))) {
            return Some(found.clone());
        }
        match side {
            Side::Request => None,
            Side::UndocumentedRequest | Side::Response => {
                self.by_loose_key.get(&structural_key(node, false, Some(path))).cloned()
            }
        }
    }

    /// Stores a list or map shape and records its identity.
    fn insert_keyed(&mut self, name: String, kind: ShapeKind, node: &Node, side: Side, path: &[Frame]) -> String {
        self.by_key.insert(structural_key(node, true, Some(path)), name.clone());
        if side == Side::Request {
            self.by_loose_key.entry(structural_key(node, false, Some(path))).or_insert_with(|| name.clone());
        }
        self.shapes.insert(name.clone(), Shape::new(name.clone(), String::new(), kind));
        name
    }

    /// A shape first met through a member has no shape docs; a later list element or map value
    /// use shows them.
    fn adopt_docs(&mut self, name: &str, docs: &str, docs_named: bool) {
        if let Some(shape) = self.shapes.get_mut(name) {
            if docs_named && shape.docs.is_empty() && !docs.is_empty() && !is_primitive(name) {
                shape.docs = docs.to_string();
            }
        }
    }

    /// Docs are not part of a shape's identity, so a shape met again may be documented where
    /// its first occurrence was not: a section cut as "too large to render" has no field list,
    /// and a map key or list element is documented on some pages only. Whatever is still
    /// undocumented is filled from this occurrence `node`, all the way down; the first docs
    /// met win, as for a new shape.
    fn adopt(&mut self, name: &str, node: &Node, ctx: &Ctx) {
        self.adopt_docs(name, &node.docs, ctx.docs_named);
        let Some(kind) = self.shapes.get(name).map(|s| s.kind.clone()) else { return };
        match (&kind, &node.ty) {
            (
                ShapeKind::Structure(s),
                NodeType::Structure { members: fields, .. } | NodeType::EventStream { members: fields },
            ) => {
                for field in fields {
                    let Some(i) = s.members.iter().position(|m| m.name == field.name) else { continue };
                    if s.members[i].docs.is_empty() && !field.node.docs.is_empty() {
                        if let Some(Shape { kind: ShapeKind::Structure(st), .. }) = self.shapes.get_mut(name) {
                            st.members[i].docs = field.node.docs.clone();
                        }
                    }
                    let member_ctx = Ctx { name: pascal(&field.name), parent: Parent::named(name), docs_named: false };
                    self.adopt(&s.members[i].target, &field.node, &member_ctx);
                }
            }
            (ShapeKind::List { member }, NodeType::List(element)) => {
                let elem_ctx = ctx.part(element_name(&ctx.name, &node.docs));
                if let Some(new) = self.adopt_element(member, element, &elem_ctx) {
                    if let Some(Shape { kind: ShapeKind::List { member }, .. }) = self.shapes.get_mut(name) {
                        *member = new;
                    }
                }
            }
            (ShapeKind::Map { key, value }, NodeType::Map { key: k, value: v }) => {
                let key_ctx = ctx.part(map_key_name(&ctx.name));
                let value_ctx = ctx.part(map_value_name(&ctx.name));
                let new_key = self.adopt_element(key, k, &key_ctx);
                let new_value = self.adopt_element(value, v, &value_ctx);
                if let Some(Shape { kind: ShapeKind::Map { key, value }, .. }) = self.shapes.get_mut(name) {
                    if let Some(k) = new_key {
                        *key = k;
                    }
                    if let Some(v) = new_value {
                        *value = v;
                    }
                }
            }
            _ => {}
        }
    }

    /// [`Interner::adopt`] for a list element or map key or value. A shared primitive cannot
    /// take docs, so a documented scalar gets its shape of its own, as if met first: returns
    /// the new target then.
    fn adopt_element(&mut self, target: &str, node: &Node, ctx: &Ctx) -> Option<String> {
        if is_primitive(target) {
            let primitive = primitive_of(&node.ty).filter(|p| *p == target)?;
            if node.docs.is_empty() || ctx.name == primitive {
                return None;
            }
            return Some(self.documented_scalar(primitive, node, ctx));
        }
        self.adopt(target, node, ctx);
        None
    }

    /// The first free candidate: `name`, `<parent's own name><name>`, `<parent's full
    /// name><name>`, `<name>2`, `<name>3`, … A reserved name (see `reserved_names`) is free
    /// only to its owner: `own` says `name` is this shape's, by vote or as an operation's
    /// input or output.
    fn free_name(&self, name: &str, parent: &Parent, own: bool) -> String {
        let base = if name.is_empty() { "Shape".to_string() } else { name.to_string() };
        let reserved = |n: &str| {
            self.shapes.contains_key(n) || is_primitive(n) || (self.reserved_names.contains(n) && !(own && n == base))
        };
        if !reserved(&base) {
            return base;
        }
        for prefix in [&parent.own, &parent.full] {
            if !prefix.is_empty() && !base.starts_with(prefix.as_str()) {
                let prefixed = format!("{prefix}{base}");
                if !reserved(&prefixed) {
                    return prefixed;
                }
            }
        }
        (2..).map(|i| format!("{base}{i}")).find(|n| !reserved(n)).unwrap_or(base)
    }
}

/// `ListBackups` for its input `ListBackupsInput` and output `ListBackupsOutput`.
fn operation_of(root: &str) -> &str {
    root.strip_suffix("Input").or_else(|| root.strip_suffix("Output")).unwrap_or(root)
}

/// `TableStatus` qualifies `Status`: it ends with it, and `Status` is one word (`Status`,
/// `Type`, `State`: a member so named takes its meaning from where it is). A name of more
/// words is specific already: `ReplicaTableClass` does not qualify `TableClass`.
fn qualifies(name: &str, unqualified: &str) -> bool {
    name.len() > unqualified.len() && name.ends_with(unqualified) && words(unqualified).len() == 1
}

/// The naming context a node is met in.
struct Ctx {
    /// The name this node's shape gets if it is new.
    name: String,
    /// The enclosing structure, for collision candidates.
    parent: Parent,
    /// The node's docs are its shape's (list element, map key/value, operation root), not a
    /// member's.
    docs_named: bool,
}

impl Ctx {
    /// The context of a list element or map key or value of the node met in `self`: the
    /// same parent, and its docs are its shape's.
    fn part(&self, name: String) -> Ctx {
        Ctx { name, parent: self.parent.clone(), docs_named: true }
    }
}

/// The structure a node is met in, as collision candidates prefix it.
#[derive(Debug, Clone, Default)]
struct Parent {
    /// Its name before any collision prefix of its own (the operation's name for an input
    /// or output).
    own: String,
    /// The name it got.
    full: String,
}

impl Parent {
    fn named(name: &str) -> Self {
        Parent { own: name.to_string(), full: name.to_string() }
    }
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
/// values; not docs. A recursive reference is identified by its target: how far up it points
/// when the target is inside the subtree, the target's name when it is an ancestor on `outer`
/// (the path the subtree is met on). Two subtrees that look alike but recurse to different
/// shapes are different shapes (amplifyuibuilder `Predicate.and` is a list of `Predicate`,
/// `ComponentProperty.concat` a list of `ComponentProperty`). Without `outer` (prose hints)
/// a reference leaving the subtree is only known to leave it.
fn structural_key(node: &Node, strict: bool, outer: Option<&[Frame]>) -> u128 {
    let mut h = DefaultHasher::new();
    let mut h2 = DefaultHasher::new();
    1u8.hash(&mut h2);
    let mut cx = HashCx { strict, outer: outer.unwrap_or(&[]), inner: Vec::new() };
    cx.node(node, &mut |bytes: &[u8]| {
        h.write(bytes);
        h2.write(bytes);
    });
    (u128::from(h.finish()) << 64) | u128::from(h2.finish())
}

/// The frames met while hashing a subtree, to resolve its recursive references as
/// [`Interner::intern`] will.
struct HashCx<'a> {
    strict: bool,
    outer: &'a [Frame],
    /// (is a list, member names) of the structures and lists inside the subtree.
    inner: Vec<(bool, Vec<&'a str>)>,
}

impl<'a> HashCx<'a> {
    fn node(&mut self, node: &'a Node, out: &mut dyn FnMut(&[u8])) {
        let tag = |out: &mut dyn FnMut(&[u8]), t: &str| {
            out(t.as_bytes());
            out(&[0]);
        };
        match &node.ty {
            NodeType::Structure { members, union } => {
                tag(out, if *union { "union" } else { "struct" });
                self.members(members, out);
            }
            NodeType::EventStream { members } => {
                tag(out, "eventstream");
                self.members(members, out);
            }
            NodeType::List(e) => {
                tag(out, "list");
                self.inner.push((true, Vec::new()));
                self.node(e, out);
                self.inner.pop();
            }
            NodeType::Map { key, value } => {
                tag(out, "map");
                self.node(key, out);
                self.node(value, out);
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
                let (o, inner) = (self.outer.len(), &self.inner);
                let outer = self.outer;
                let list_at = |i: usize| if i < o { outer[i].list } else { inner[i - o].0 };
                let members_are = |i: usize, keys: &[String]| {
                    if i < o {
                        same_set(&outer[i].member_names, keys)
                    } else {
                        let m = &inner[i - o].1;
                        m.len() == keys.len() && keys.iter().all(|k| m.contains(&k.as_str()))
                    }
                };
                match resolve_recursion(o + inner.len(), list_at, members_are, union_keys, *is_list) {
                    Some(i) if i >= o => {
                        tag(out, "in");
                        out(&(o + inner.len() - i).to_le_bytes());
                    }
                    Some(i) => {
                        tag(out, "out");
                        tag(out, &outer[i].name);
                    }
                    None => tag(out, "none"),
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

    fn members(&mut self, members: &'a [Field], out: &mut dyn FnMut(&[u8])) {
        self.inner.push((false, members.iter().map(|f| f.name.as_str()).collect()));
        for f in members {
            out(f.name.as_bytes());
            out(&[if self.strict && f.node.required { 2 } else { 1 }, u8::from(f.node.idempotency_token)]);
            self.node(&f.node, out);
        }
        out(&[0xff]);
        self.inner.pop();
    }
}

/// `backupIds` → `BackupIds`.
pub fn pascal(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect(),
        None => String::new(),
    }
}

fn map_key_name(map: &str) -> String {
    format!("{map}Key")
}

fn map_value_name(map: &str) -> String {
    format!("{map}Value")
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
pub(crate) fn singular(name: &str) -> Option<String> {
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
    use crate::parse::page::MethodKind;

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
        // The operation's name, not its input's: `BConfig`, not `BInputConfig`.
        assert!(model.shapes.contains_key("BConfig"), "{:?}", model.shapes.keys());
    }

    #[test]
    fn nested_collisions_take_the_parents_own_name_then_its_full_name() {
        let op = |name: &str, leaf_name: &str, ty: NodeType| {
            let filter = structure(vec![field(leaf_name, leaf(ty))]);
            let request = structure(vec![field("Config", structure(vec![field("Filter", filter)]))]);
            page(MethodKind::Client, &name.to_lowercase(), name, Body::Shape(request), Body::None)
        };
        let pages = ServicePages {
            name: "svc".into(),
            index: None,
            methods: vec![
                op("Get", "A", NodeType::String),
                op("Put", "B", NodeType::Integer),
                op("List", "C", NodeType::Boolean),
            ],
            ..Default::default()
        };
        let model = assemble(&pages).unwrap().service;
        assert_eq!(target_of(&model, "Config", "Filter"), "Filter");
        // Operations go by name: List's `Config` is `ListConfig`, and its `Filter` takes
        // `Config`, not `ListConfig`, in front.
        assert_eq!(target_of(&model, "ListInput", "Config"), "ListConfig");
        assert_eq!(target_of(&model, "ListConfig", "Filter"), "ConfigFilter");
        // With `ConfigFilter` taken, Put's takes its parent's full name.
        assert_eq!(target_of(&model, "PutConfig", "Filter"), "PutConfigFilter");
    }

    fn status() -> Node {
        leaf(NodeType::Enum(vec!["CREATING".into(), "ACTIVE".into()]))
    }

    fn single_operation(request: Node) -> ServicePages {
        ServicePages {
            name: "svc".into(),
            methods: vec![page(MethodKind::Client, "a", "A", Body::Shape(request), Body::None)],
            ..Default::default()
        }
    }

    fn target_of<'a>(model: &'a Service, structure: &str, member: &str) -> &'a str {
        let ShapeKind::Structure(s) = &model.shapes[structure].kind else { panic!("{structure} is no structure") };
        &s.members.iter().find(|m| m.name == member).unwrap().target
    }

    #[test]
    fn a_shape_takes_the_name_most_occurrences_give_it() {
        // Met first as `Phase`, then twice as `Stage`: `Stage`, wherever it is met.
        let request = structure(vec![
            field("Phase", status()),
            field("Stage", status()),
            field("Next", structure(vec![field("Stage", status())])),
        ]);
        let model = assemble(&single_operation(request)).unwrap().service;
        assert_eq!(target_of(&model, "AInput", "Phase"), "Stage");
        assert!(!model.shapes.contains_key("Phase"), "{:?}", model.shapes.keys());
    }

    #[test]
    fn a_one_word_name_votes_for_the_names_that_qualify_it() {
        // `Status` twice, `TableStatus` once: the enum is the table's status.
        let request = structure(vec![
            field("TableStatus", status()),
            field("Replica", structure(vec![field("Status", status())])),
            field("Index", structure(vec![field("Status", status())])),
        ]);
        let model = assemble(&single_operation(request)).unwrap().service;
        assert_eq!(target_of(&model, "AInput", "TableStatus"), "TableStatus");
        assert_eq!(target_of(&model, "Replica", "Status"), "TableStatus");
        // A name of two words stands for itself: `ReplicaTableClass` does not take
        // `TableClass`'s votes.
        assert!(qualifies("TableStatus", "Status"));
        assert!(!qualifies("ReplicaTableClass", "TableClass"));
        assert!(!qualifies("Status", "Status"));
    }

    #[test]
    fn a_name_two_shapes_are_met_under_goes_to_the_one_met_under_it_more_often() {
        let other = || leaf(NodeType::Enum(vec!["ON".into(), "OFF".into()]));
        // `Mode` names the ON/OFF enum twice and the status enum once.
        let request = structure(vec![
            field("Mode", status()),
            field("A", structure(vec![field("Mode", other())])),
            field("B", structure(vec![field("Mode", other())])),
        ]);
        let model = assemble(&single_operation(request)).unwrap().service;
        assert_eq!(target_of(&model, "A", "Mode"), "Mode");
        assert_eq!(target_of(&model, "AInput", "Mode"), "AMode");
    }

    #[test]
    fn votes_never_take_an_operations_input_or_output_name() {
        // A member named like operation `B`'s input, met more often than anything else.
        let a = structure(vec![field("BInput", status()), field("X", structure(vec![field("BInput", status())]))]);
        let b = structure(vec![field("Name", leaf(NodeType::String))]);
        let pages = ServicePages {
            name: "svc".into(),
            methods: vec![
                page(MethodKind::Client, "a", "A", Body::Shape(a), Body::None),
                page(MethodKind::Client, "b", "B", Body::Shape(b), Body::None),
            ],
            ..Default::default()
        };
        let model = assemble(&pages).unwrap().service;
        assert_eq!(model.operations["B"].input.as_deref(), Some("BInput"));
        assert_ne!(target_of(&model, "AInput", "BInput"), "BInput");
    }

    #[test]
    fn shapes_that_differ_only_in_required_markers_share_votes_but_not_a_name() {
        // DynamoDB's `Delete` and `ConditionCheck`: the same members, one marked required.
        let members = |required_key: bool| {
            let key = leaf(NodeType::String);
            structure(vec![field("Key", if required_key { required(key) } else { key }), field("Table", leaf(NodeType::String))])
        };
        let request = structure(vec![
            field("Check", members(true)),
            field("Check2", structure(vec![field("Check", members(true))])),
            field("Delete", members(false)),
        ]);
        let model = assemble(&single_operation(request)).unwrap().service;
        assert_eq!(target_of(&model, "AInput", "Check"), "Check");
        assert_eq!(target_of(&model, "AInput", "Delete"), "Delete");
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

    fn documented(mut n: Node, docs: &str) -> Node {
        n.docs = docs.into();
        n
    }
    fn one_op(name: &str, request: Body, response: Body) -> MethodPage {
        page(MethodKind::Client, &name.to_lowercase(), name, request, response)
    }
    fn members_of<'a>(model: &'a Service, shape: &str) -> &'a [Member] {
        match &model.shapes[shape].kind {
            ShapeKind::Structure(s) => &s.members,
            other => panic!("{shape} is {other:?}"),
        }
    }
    fn target<'a>(model: &'a Service, shape: &str, member: &str) -> &'a str {
        &members_of(model, shape).iter().find(|m| m.name == member).unwrap_or_else(|| panic!("{shape}.{member}")).target
    }

    #[test]
    fn recursion_targets_are_part_of_a_shapes_identity() {
        // Two lists that both read `[{'... recursive ...'}]` but recurse to different
        // structures (amplifyuibuilder `Predicate.and` and `ComponentProperty.concat`).
        let rec_list = || leaf(NodeType::List(Box::new(leaf(NodeType::Recursive { union_keys: vec![], is_list: false }))));
        let p = structure(vec![field("and", rec_list()), field("field", leaf(NodeType::String))]);
        let q = structure(vec![field("concat", rec_list()), field("name", leaf(NodeType::String))]);
        let req = structure(vec![field("predicate", p), field("property", q)]);
        let pages = ServicePages { name: "svc".into(), methods: vec![one_op("Op", Body::Shape(req), Body::None)], ..Default::default() };
        let model = assemble(&pages).unwrap().service;
        let and = target(&model, "OpInput", "predicate");
        let concat = target(&model, "OpInput", "property");
        let list_of = |s: &str, m: &str| match &model.shapes[target(&model, s, m)].kind {
            ShapeKind::List { member } => member.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(list_of(and, "and"), and);
        assert_eq!(list_of(concat, "concat"), concat);
        assert_ne!(target(&model, and, "and"), target(&model, concat, "concat"));
    }

    #[test]
    fn a_recursive_list_refers_to_the_enclosing_list() {
        // emr `Configuration.Configurations` is a `ConfigurationList`, shown as
        // `'Configurations': {'... recursive ...'}` with a `*(list)*` bullet.
        let config = structure(vec![
            field("Classification", leaf(NodeType::String)),
            field("Configurations", leaf(NodeType::Recursive { union_keys: vec![], is_list: true })),
        ]);
        let req = structure(vec![field("Configurations", leaf(NodeType::List(Box::new(config))))]);
        let pages = ServicePages { name: "emr".into(), methods: vec![one_op("Op", Body::Shape(req), Body::None)], ..Default::default() };
        let model = assemble(&pages).unwrap().service;
        let list = target(&model, "OpInput", "Configurations");
        let ShapeKind::List { member } = &model.shapes[list].kind else { panic!("{list}") };
        assert_eq!(target(&model, member, "Configurations"), list);
        assert!(!model.shapes.keys().any(|k| k.starts_with('\u{1}')), "placeholder left: {:?}", model.shapes.keys());
    }

    #[test]
    fn docs_missing_where_a_shape_is_first_met_are_taken_from_later_occurrences() {
        // The first page's field list was cut as too large (no docs); the second documents
        // the same structure, and a map key that the first page left undocumented.
        let key = |docs: &str| documented(leaf(NodeType::String), docs);
        let tags = |docs: &str| leaf(NodeType::Map { key: Box::new(key(docs)), value: Box::new(leaf(NodeType::String)) });
        let backup = |docs: &str, key_docs: &str| {
            structure(vec![field("Id", documented(leaf(NodeType::String), docs)), field("Tags", tags(key_docs))])
        };
        let a = structure(vec![field("Backup", backup("", ""))]);
        let b = structure(vec![field("Backup", backup("The backup's id.", "A tag key."))]);
        let pages = ServicePages {
            name: "svc".into(),
            methods: vec![one_op("A", Body::None, Body::Shape(a)), one_op("B", Body::None, Body::Shape(b))],
            ..Default::default()
        };
        let model = assemble(&pages).unwrap().service;
        let shared = target(&model, "AOutput", "Backup");
        assert_eq!(shared, target(&model, "BOutput", "Backup"));
        assert_eq!(members_of(&model, shared)[0].docs, "The backup's id.");
        let ShapeKind::Map { key, .. } = &model.shapes[target(&model, shared, "Tags")].kind else { panic!() };
        assert_eq!(model.shapes[key].docs, "A tag key.");
        assert_eq!(model.shapes["String"].docs, "", "the shared primitive takes no docs");
    }

    #[test]
    fn a_recursive_list_element_documents_its_target() {
        // acm `FilterStatement.And` lists the statement itself; the element bullet carries
        // the statement's own docs, which the member that reached it did not show.
        let rec = documented(
            leaf(NodeType::Recursive { union_keys: vec!["And".into(), "Filter".into()], is_list: false }),
            "A filter statement.",
        );
        let statement = Node::new(
            NodeType::Structure {
                members: vec![field("And", leaf(NodeType::List(Box::new(rec)))), field("Filter", leaf(NodeType::String))],
                union: true,
            },
            1,
        );
        let req = structure(vec![field("FilterStatement", documented(statement, "The filter."))]);
        let pages = ServicePages { name: "acm".into(), methods: vec![one_op("Search", Body::Shape(req), Body::None)], ..Default::default() };
        let model = assemble(&pages).unwrap().service;
        let st = target(&model, "SearchInput", "FilterStatement");
        assert_eq!(model.shapes[st].docs, "A filter statement.");
        assert_eq!(members_of(&model, "SearchInput")[0].docs, "The filter.");
    }

    #[test]
    fn a_request_whose_field_list_was_cut_takes_markers_from_a_documented_twin() {
        // wafv2 CreateWebACL: the syntax block is there, the field list is the "too large"
        // stub, so the tree has neither docs nor [REQUIRED]; UpdateIpSet (say) documents the
        // same structure. The cut request sorts first by name, yet still gets the markers.
        let rule = |documented_page: bool| {
            let mut name = leaf(NodeType::String);
            if documented_page {
                name = required(documented(name, "The rule's name."));
            }
            structure(vec![field("Name", name), field("Priority", leaf(NodeType::Integer))])
        };
        let cut = structure(vec![field("Rule", rule(false))]);
        let mut doc_rule = rule(true);
        doc_rule.required = true;
        let documented_req = structure(vec![field("Rule", doc_rule)]);
        let pages = ServicePages {
            name: "wafv2".into(),
            methods: vec![one_op("A", Body::Shape(cut), Body::None), one_op("B", Body::Shape(documented_req), Body::None)],
            ..Default::default()
        };
        let model = assemble(&pages).unwrap().service;
        let shared = target(&model, "AInput", "Rule");
        assert_eq!(shared, target(&model, "BInput", "Rule"));
        let name = &members_of(&model, shared)[0];
        assert!(name.required);
        assert_eq!(name.docs, "The rule's name.");
        // The cut request's own top level stays unmarked: no other page shows it.
        assert!(!members_of(&model, "AInput")[0].required);
        assert!(!documents_anything(&structure(vec![field("Rule", rule(false))])));
    }

    fn paginated(client_resp: Node, page_resp: Node) -> Paginator {
        let client_req = structure(vec![field("Marker", leaf(NodeType::String)), field("MaxItems", leaf(NodeType::String))]);
        let pages = ServicePages {
            name: "svc".into(),
            methods: vec![
                page(MethodKind::Client, "list_things", "ListThings", Body::Shape(client_req), Body::Shape(client_resp)),
                page(
                    MethodKind::Paginator { page_size: true },
                    "ListThings",
                    "ListThings",
                    Body::Shape(structure(vec![])),
                    Body::Shape(page_resp),
                ),
            ],
            ..Default::default()
        };
        let model = assemble(&pages).unwrap().service;
        model.paginators["ListThings"].clone()
    }

    #[test]
    fn a_token_inside_a_structure_brings_its_items_and_more_flag() {
        // cloudfront ListDistributions: nothing top-level goes missing on the paginator page.
        let list = || {
            field(
                "DistributionList",
                structure(vec![
                    field("Marker", leaf(NodeType::String)),
                    field("NextMarker", leaf(NodeType::String)),
                    field("IsTruncated", leaf(NodeType::Boolean)),
                    field("Items", leaf(NodeType::List(Box::new(leaf(NodeType::String))))),
                ]),
            )
        };
        let p = paginated(structure(vec![list()]), structure(vec![list(), field("NextToken", leaf(NodeType::String))]));
        assert_eq!(p.input_token, ["Marker"]);
        assert_eq!(p.output_token, ["DistributionList.NextMarker"]);
        assert_eq!(p.limit_key.as_deref(), Some("MaxItems"));
        assert_eq!(p.result_key, ["DistributionList.Items"]);
        assert_eq!(p.more_results.as_deref(), Some("DistributionList.IsTruncated"));
    }

    #[test]
    fn result_keys_fall_back_to_nested_lists_then_maps_and_more_flags_are_found_by_name() {
        let things = || leaf(NodeType::List(Box::new(leaf(NodeType::String))));
        let resp = |extra: Vec<Field>| {
            let mut m = vec![field("NextMarker", leaf(NodeType::String))];
            m.extend(extra);
            structure(m)
        };
        let page = |extra: Vec<Field>| structure(extra);
        // athena GetQueryResults: `ResultSet.Rows`.
        let nested = || vec![field("ResultSet", structure(vec![field("Rows", things())])), field("UpdateCount", leaf(NodeType::Integer))];
        let p = paginated(resp(nested()), page(nested()));
        assert_eq!(p.output_token, ["NextMarker"]);
        assert_eq!(p.result_key, ["ResultSet.Rows"]);
        // apigateway GetUsage: a map of items.
        let map = || vec![field("items", leaf(NodeType::Map { key: Box::new(leaf(NodeType::String)), value: Box::new(things()) }))];
        assert_eq!(paginated(resp(map()), page(map())).result_key, ["items"]);
        // iam: `IsTruncated`; datapipeline: `hasMoreResults`; a boolean about something else is not one.
        for (flag, expected) in [("IsTruncated", true), ("hasMoreResults", true), ("AdditionalDataPending", true), ("isBinary", false), ("Removed", false)] {
            let f = || vec![field("Users", things()), field(flag, leaf(NodeType::Boolean))];
            let p = paginated(resp(f()), page(f()));
            assert_eq!(p.result_key, ["Users"]);
            assert_eq!(p.more_results.is_some(), expected, "{flag}");
        }
        assert_eq!(words("hasMoreResults"), ["has", "more", "results"]);
        assert_eq!(words("IsTruncated"), ["is", "truncated"]);
    }

    #[test]
    fn no_operations_is_an_error() {
        let err = assemble(&ServicePages { name: "x".into(), ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("no client method pages"), "{err}");
    }
}
