//! What the emitters need to know about a service beyond the model: the Rust name of each
//! shape, operation and error enum, which members are boxed, which structs can derive
//! `Default`, and the Rust type of a shape reference. Computed once per service, in the
//! model's (sorted) order, so the output is deterministic.

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::names::{self, Namer};
use crate::model::{HttpBinding, Member, Operation, Service, Shape, ShapeKind, Structure};

/// Where a type is named from: the `types` module itself, or a sibling module of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Types,
    Sibling,
}

/// Which imported names the `types` module used.
#[derive(Debug, Default)]
pub struct Uses {
    pub map: Cell<bool>,
    pub datetime: Cell<bool>,
    pub blob: Cell<bool>,
    /// A member type clippy's `type_complexity` would flag (see [`too_complex`]).
    pub complex_type: Cell<bool>,
}

/// Whether clippy's `type_complexity` lint would flag `ty`: its score, 10 × the nesting
/// level for every type named (`Option<Vec<String>>`: 10 + 20 + 30), is over 250. Deeply
/// nested lists and maps are what the service documents; they cannot be factored into
/// aliases with better names than the types themselves.
pub fn too_complex(ty: &TokenStream) -> bool {
    fn walk(tokens: TokenStream, depth: &mut usize, score: &mut usize) {
        let mut tokens = tokens.into_iter().peekable();
        while let Some(token) = tokens.next() {
            match token {
                proc_macro2::TokenTree::Ident(_) => {
                    // The last segment of a path names a type; `std ::` and `types ::` do not.
                    let is_path_prefix = matches!(tokens.peek(), Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == ':');
                    if !is_path_prefix {
                        *score += 10 * (*depth + 1);
                    }
                }
                proc_macro2::TokenTree::Punct(p) if p.as_char() == '<' => *depth += 1,
                proc_macro2::TokenTree::Punct(p) if p.as_char() == '>' => *depth = depth.saturating_sub(1),
                proc_macro2::TokenTree::Group(g) => walk(g.stream(), depth, score),
                _ => {}
            }
        }
    }
    let (mut depth, mut score) = (0, 0);
    walk(ty.clone(), &mut depth, &mut score);
    score > 250
}

pub struct ServiceCx<'a> {
    pub service: &'a Service,
    /// The module (and feature) identifier: `dynamodb`, `bedrock_runtime`.
    pub module: String,
    /// Rust type names of the shapes that get a type (structures, unions, enums).
    type_names: BTreeMap<&'a str, String>,
    /// `(shape, member index)` pairs whose field or variant is boxed.
    boxed: BTreeSet<(&'a str, usize)>,
    /// Structures that derive `Default`.
    defaultable: BTreeSet<&'a str>,
    /// Client method name per operation name.
    pub methods: BTreeMap<&'a str, String>,
    /// Error enum name per operation name.
    pub error_names: BTreeMap<&'a str, String>,
    /// Name of the `HttpBinding` static per operation that has a binding.
    operation_statics: BTreeMap<&'a str, String>,
    /// Shape name → its static in `schema.rs` (XML protocols), computed on first use.
    pub schema_statics: std::cell::OnceCell<BTreeMap<String, String>>,
    /// Method names still free for paginators and waiters.
    pub method_namer: std::cell::RefCell<Namer>,
    pub uses: Uses,
}

/// A Rust identifier from an already sanitized name.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

impl<'a> ServiceCx<'a> {
    pub fn new(service: &'a Service) -> Self {
        let mut types = Namer::pascal();
        let type_names = service
            .shapes
            .iter()
            .filter(|(_, shape)| gets_type(shape))
            .map(|(name, _)| (name.as_str(), types.claim(names::type_name(name))))
            .collect();

        let mut method_namer = Namer::snake();
        let methods = service
            .operations
            .iter()
            .map(|(name, op)| {
                let base = if op.method.is_empty() { name } else { &op.method };
                (name.as_str(), method_namer.claim(names::method_name(base)))
            })
            .collect();

        let mut errors = Namer::pascal();
        errors.reserve(&["CallError", "ServiceError", "TransportError"]);
        let error_names = service
            .operations
            .keys()
            .map(|name| (name.as_str(), errors.claim(format!("{}Error", names::pascal_case(name)))))
            .collect();

        // `GetFOO` and `GetFoo` would both be `GET_FOO` (the second gets `_2`).
        let mut statics = Namer::snake();
        statics.reserve(&["SERVICE"]);
        let operation_statics = service
            .operations
            .keys()
            .map(|name| (name.as_str(), statics.claim(names::screaming_snake_case(name))))
            .collect();

        let mut cx = ServiceCx {
            service,
            module: names::snake_case(&service.name).trim_end_matches('_').to_owned(),
            type_names,
            boxed: BTreeSet::new(),
            defaultable: BTreeSet::new(),
            methods,
            error_names,
            operation_statics,
            schema_statics: std::cell::OnceCell::new(),
            method_namer: std::cell::RefCell::new(method_namer),
            uses: Uses::default(),
        };
        cx.boxed = cx.find_boxed();
        cx.defaultable = cx.find_defaultable();
        cx
    }

    pub fn shape(&self, name: &str) -> Option<&'a Shape> {
        self.service.shapes.get(name)
    }

    pub fn structure(&self, name: &str) -> Option<&'a Structure> {
        match &self.shape(name)?.kind {
            ShapeKind::Structure(s) => Some(s),
            _ => None,
        }
    }

    pub fn operation(&self, name: &str) -> Option<&'a Operation> {
        self.service.operations.get(name)
    }

    /// The HTTP binding of a `restJson1` operation, if the docs give one.
    pub fn http_binding(&self, operation: &str) -> Option<&'a HttpBinding> {
        self.service.operations.get(operation)?.http.as_ref()
    }

    /// The name of the static in `client.rs` holding an operation's wire facts (the
    /// runtime's `OperationSpec`).
    pub fn operation_static(&self, operation: &str) -> Ident {
        ident(self.operation_statics.get(operation).map_or("UNKNOWN_OPERATION", String::as_str))
    }

    /// Whether the service speaks an XML protocol, whose calls need shape schemas.
    pub fn is_xml(&self) -> bool {
        self.service.protocol.as_ref().is_some_and(|p| p.kind.is_xml())
    }

    /// The shapes that get a Rust type, in model order.
    pub fn typed_shapes(&self) -> impl Iterator<Item = (&'a Shape, &str)> + '_ {
        self.type_names.iter().filter_map(|(name, ty)| Some((self.shape(name)?, ty.as_str())))
    }

    pub fn type_name(&self, shape: &str) -> Option<&str> {
        self.type_names.get(shape).map(String::as_str)
    }

    pub fn is_boxed(&self, shape: &str, member: usize) -> bool {
        self.boxed.contains(&(shape, member))
    }

    pub fn derives_default(&self, shape: &str) -> bool {
        self.defaultable.contains(shape)
    }

    /// The Rust type of a reference to shape `target`.
    pub fn rust_type(&self, target: &str, scope: Scope) -> TokenStream {
        self.rust_type_at(target, scope, &mut Vec::new())
    }

    /// `within`: the lists and maps this reference is nested in.
    fn rust_type_at<'s>(&'s self, target: &'s str, scope: Scope, within: &mut Vec<&'s str>) -> TokenStream {
        // A list or map that contains itself without a named structure in between has no
        // finite Rust type; free-form JSON is the honest fallback (as for dangling names
        // and nesting deeper than anyone writes by hand).
        let json = match scope {
            Scope::Types => quote!(Value),
            Scope::Sibling => quote!(serde_json::Value),
        };
        let Some(shape) = self.shape(target).filter(|_| within.len() < 32 && !within.contains(&target)) else {
            return json;
        };
        if let Some(name) = self.type_name(target) {
            let name = ident(name);
            return match scope {
                Scope::Types => quote!(#name),
                Scope::Sibling => quote!(types::#name),
            };
        }
        match &shape.kind {
            ShapeKind::Structure(_) | ShapeKind::Enum { .. } => json,
            ShapeKind::List { member } => {
                within.push(target);
                let member = self.rust_type_at(member, scope, within);
                within.pop();
                quote!(Vec<#member>)
            }
            ShapeKind::Map { key, value } => {
                within.push(target);
                let key = self.rust_type_at(key, scope, within);
                let value = self.rust_type_at(value, scope, within);
                within.pop();
                self.uses.map.set(true);
                match scope {
                    Scope::Types => quote!(BTreeMap<#key, #value>),
                    Scope::Sibling => quote!(std::collections::BTreeMap<#key, #value>),
                }
            }
            ShapeKind::String => quote!(String),
            ShapeKind::Integer => quote!(i32),
            ShapeKind::Long => quote!(i64),
            ShapeKind::Double => quote!(f64),
            ShapeKind::Float => quote!(f32),
            ShapeKind::Boolean => quote!(bool),
            ShapeKind::Timestamp => {
                self.uses.datetime.set(true);
                match scope {
                    Scope::Types => quote!(DateTime),
                    Scope::Sibling => quote!(awsdoc_runtime::DateTime),
                }
            }
            ShapeKind::Blob { .. } => {
                self.uses.blob.set(true);
                match scope {
                    Scope::Types => quote!(Blob),
                    Scope::Sibling => quote!(awsdoc_runtime::Blob),
                }
            }
            ShapeKind::Document => json,
        }
    }

    /// A member's type, boxed where needed, without the `Option` of optional members.
    pub fn member_type(&self, owner: &str, index: usize, member: &Member, scope: Scope) -> TokenStream {
        let ty = self.rust_type(&member.target, scope);
        if self.is_boxed(owner, index) {
            quote!(Box<#ty>)
        } else {
            ty
        }
    }

    /// Boxed members: a union's structure-typed variants (so one large member does not
    /// size the whole enum), and struct fields on a cycle of directly contained structs.
    /// Lists and maps already put their elements on the heap, so they break cycles.
    fn find_boxed(&self) -> BTreeSet<(&'a str, usize)> {
        let mut edges: BTreeMap<&'a str, Vec<(usize, &'a str)>> = BTreeMap::new();
        let mut boxed = BTreeSet::new();
        for (name, shape) in &self.service.shapes {
            let ShapeKind::Structure(s) = &shape.kind else { continue };
            for (index, member) in s.members.iter().enumerate() {
                if self.structure(&member.target).is_none() || self.type_name(&member.target).is_none() {
                    continue;
                }
                if is_union(s) {
                    boxed.insert((name.as_str(), index));
                } else {
                    edges.entry(name.as_str()).or_default().push((index, member.target.as_str()));
                }
            }
        }
        for (&from, targets) in &edges {
            for &(index, to) in targets {
                if reaches(&edges, to, from) {
                    boxed.insert((from, index));
                }
            }
        }
        boxed
    }

    /// Structs whose required members all have a `Default`, found as a fixpoint so that
    /// structs requiring each other settle.
    fn find_defaultable(&self) -> BTreeSet<&'a str> {
        let mut set: BTreeSet<&'a str> = self
            .service
            .shapes
            .iter()
            .filter(|(name, shape)| {
                matches!(&shape.kind, ShapeKind::Structure(s) if !is_union(s)) && self.type_name(name).is_some()
            })
            .map(|(name, _)| name.as_str())
            .collect();
        loop {
            let before = set.len();
            let keep: BTreeSet<&'a str> = set
                .iter()
                .copied()
                .filter(|name| {
                    let s = self.structure(name).expect("only structures are in the set");
                    s.members.iter().filter(|m| m.required).all(|m| self.has_default(&m.target, &set, 0))
                })
                .collect();
            set = keep;
            if set.len() == before {
                return set;
            }
        }
    }

    fn has_default(&self, target: &str, structs: &BTreeSet<&str>, depth: usize) -> bool {
        let Some(shape) = self.shape(target).filter(|_| depth < 32) else { return true };
        match &shape.kind {
            ShapeKind::Structure(_) => self.type_name(target).is_none() || structs.contains(target),
            ShapeKind::Enum { .. } => self.type_name(target).is_none(),
            ShapeKind::Timestamp => false,
            _ => true,
        }
    }
}

pub fn is_union(s: &Structure) -> bool {
    s.union || s.event_stream
}

/// Whether a shape gets a Rust type: structures (except error shapes nothing else refers
/// to: errors are carried as `ServiceError`s) and enums.
fn gets_type(shape: &Shape) -> bool {
    match &shape.kind {
        // Error shapes are typed too: each operation error's variant holds its members.
        ShapeKind::Structure(_) | ShapeKind::Enum { .. } => true,
        _ => false,
    }
}

/// Whether `to` is reachable from `from` along direct containment edges.
fn reaches(edges: &BTreeMap<&str, Vec<(usize, &str)>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(at) = stack.pop() {
        if at == to {
            return true;
        }
        if seen.insert(at) {
            stack.extend(edges.get(at).into_iter().flatten().map(|&(_, next)| next));
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::fixture;

    #[test]
    fn type_complexity_is_scored_like_clippy() {
        assert!(!too_complex(&quote!(Option<Vec<Vec<Vec<Vec<String>>>>>)), "210");
        assert!(too_complex(&quote!(Option<Vec<Vec<Vec<Vec<Vec<String>>>>>>)), "280");
        assert!(!too_complex(&quote!(Option<std::collections::BTreeMap<String, Vec<types::X>>>)), "10 + 20 + 30 + 30 + 40");
    }

    #[test]
    fn boxes_direct_cycles_and_union_structs_only() {
        let service = fixture::dynamodb();
        let cx = ServiceCx::new(&service);
        // FilterNode.Not -> FilterNode and .And -> list of FilterNode: only the direct edge.
        let filter = cx.structure("FilterNode").unwrap();
        let not = filter.members.iter().position(|m| m.name == "Not").unwrap();
        let and = filter.members.iter().position(|m| m.name == "And").unwrap();
        assert!(cx.is_boxed("FilterNode", not));
        assert!(!cx.is_boxed("FilterNode", and));
        // AttributeValue's M and L are a map and a list of itself: no box needed.
        let av = cx.structure("AttributeValue").unwrap();
        assert!((0..av.members.len()).all(|i| !cx.is_boxed("AttributeValue", i)));
        // BackupDescription -> BackupDetails is not on a cycle.
        assert!((0..3).all(|i| !cx.is_boxed("BackupDescription", i)));
    }

    #[test]
    fn default_is_derived_unless_a_required_member_has_none() {
        let service = fixture::dynamodb();
        let cx = ServiceCx::new(&service);
        assert!(cx.derives_default("ListBackupsInput"));
        assert!(cx.derives_default("DescribeBackupInput"), "a required string defaults to empty");
        assert!(cx.derives_default("BackupDetails"), "an output: nothing is required");
        assert!(!cx.derives_default("BackupMatch"), "requires an enum");
        assert!(!cx.derives_default("AttributeValue"), "a union");
    }

    #[test]
    fn names_types_methods_and_errors() {
        let service = fixture::dynamodb();
        let cx = ServiceCx::new(&service);
        assert_eq!(cx.module, "dynamodb");
        assert_eq!(cx.type_name("SSEDescription"), Some("SseDescription"));
        assert_eq!(cx.type_name("Result"), Some("ResultShape"));
        assert_eq!(cx.type_name("BackupArn"), None, "strings are inlined");
        assert_eq!(cx.type_name("BackupNotFoundException"), Some("BackupNotFoundException"), "errors are typed");
        assert_eq!(cx.methods["ListBackups"], "list_backups");
        assert_eq!(cx.error_names["ListBackups"], "ListBackupsError");
        assert_eq!(cx.rust_type("BackupSizeBytes", Scope::Types).to_string(), "i64");
        assert_eq!(cx.rust_type("TagMap", Scope::Sibling).to_string(), "std :: collections :: BTreeMap < String , String >");
        assert_eq!(cx.rust_type("Missing", Scope::Types).to_string(), "Value");
        assert_eq!(cx.rust_type("Missing", Scope::Sibling).to_string(), "serde_json :: Value");
    }
}
