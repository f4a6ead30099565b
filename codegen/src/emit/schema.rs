//! `schema.rs`, for services of an XML protocol (rest-xml, query, ec2): one `static` per
//! shape an operation writes or reads, as the runtime's `awsdoc_runtime::schema::Shape`.
//!
//! The generated types still convert to and from JSON values; the transport walks these
//! descriptions beside the value to write query forms and XML documents (element names,
//! wrapped or flattened lists, attributes, namespaces) and to read XML answers back into
//! typed JSON. JSON services need none of it and get no `schema.rs`.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{ident, ServiceCx};
use super::docs;
use super::names::{self, Namer};
use crate::model::{MemberXml, ShapeKind, XmlNamespace};

/// The static of every shape reachable from an operation's input or output, by shape name.
/// Scalars are not listed: they use the runtime's shared statics.
pub fn shape_statics<'c>(cx: &'c ServiceCx) -> &'c BTreeMap<String, String> {
    cx.schema_statics.get_or_init(|| {
        let mut reachable = std::collections::BTreeSet::new();
        let mut todo: Vec<&str> = cx
            .service
            .operations
            .values()
            .flat_map(|op| [op.input.as_deref(), op.output.as_deref()])
            .flatten()
            .collect();
        while let Some(name) = todo.pop() {
            let Some(shape) = cx.shape(name) else { continue };
            let children: Vec<&str> = match &shape.kind {
                ShapeKind::Structure(s) => s.members.iter().map(|m| m.target.as_str()).collect(),
                ShapeKind::List { member } => vec![member.as_str()],
                ShapeKind::Map { key, value } => vec![key.as_str(), value.as_str()],
                _ => continue,
            };
            if reachable.insert(name.to_owned()) {
                todo.extend(children);
            }
        }
        let mut namer = Namer::snake();
        // The runtime's scalar statics are imported by these names.
        namer.reserve(&["STRING", "BOOLEAN", "INTEGER", "LONG", "FLOAT", "DOUBLE", "TIMESTAMP", "BLOB", "DOCUMENT"]);
        reachable.into_iter().map(|name| {
            let static_name = namer.claim(names::screaming_snake_case(&name));
            (name, static_name)
        }).collect()
    })
}

/// `&<STATIC>` for a shape: its own static, or the runtime's for a scalar. `prefix` is the
/// path to `schema.rs` from where the reference is written.
fn shape_ref(cx: &ServiceCx, name: &str, prefix: &TokenStream) -> TokenStream {
    if let Some(static_name) = shape_statics(cx).get(name) {
        let static_name = ident(static_name);
        return quote!(&#prefix #static_name);
    }
    let scalar = match cx.shape(name).map(|s| &s.kind) {
        Some(ShapeKind::Boolean) => "BOOLEAN",
        Some(ShapeKind::Integer) => "INTEGER",
        Some(ShapeKind::Long) => "LONG",
        Some(ShapeKind::Float) => "FLOAT",
        Some(ShapeKind::Double) => "DOUBLE",
        Some(ShapeKind::Timestamp) => "TIMESTAMP",
        Some(ShapeKind::Blob { .. }) => "BLOB",
        Some(ShapeKind::Document) => "DOCUMENT",
        // Strings, enums, and a dangling name (read as text).
        _ => "STRING",
    };
    let scalar = ident(scalar);
    if prefix.is_empty() {
        // `schema.rs` imports the scalars it uses.
        quote!(&#scalar)
    } else {
        quote!(&awsdoc_runtime::schema::#scalar)
    }
}

/// The `OperationSchema` expression of an operation, for `client.rs`; `None` outside the
/// XML protocols.
pub fn operation_schema(cx: &ServiceCx, op_name: &str) -> Option<TokenStream> {
    if !cx.is_xml() {
        return None;
    }
    let op = cx.operation(op_name)?;
    let prefix = quote!(super::schema::);
    let side = |shape: Option<&str>| match shape {
        Some(shape) => {
            let shape = shape_ref(cx, shape, &prefix);
            quote!(Some(#shape))
        }
        None => quote!(None),
    };
    let input = side(op.input.as_deref());
    let output = side(op.output.as_deref());
    let result_wrapper = optional_str(op.result_wrapper.as_deref());
    let input_root = match &op.input_root {
        Some(root) => {
            let name = &root.name;
            let namespace = namespace(root.namespace.as_ref());
            quote!(Some((#name, #namespace)))
        }
        None => quote!(None),
    };
    Some(quote! {
        OperationSchema {
            input: #input,
            output: #output,
            result_wrapper: #result_wrapper,
            input_root: #input_root,
        }
    })
}

/// `schema.rs`; `None` outside the XML protocols.
pub fn file(cx: &ServiceCx) -> Option<TokenStream> {
    if !cx.is_xml() {
        return None;
    }
    let here = TokenStream::new();
    let statics = shape_statics(cx).iter().filter_map(|(name, static_name)| {
        let shape = cx.shape(name)?;
        let static_name = ident(static_name);
        let value = match &shape.kind {
            ShapeKind::Structure(s) => {
                let members = s.members.iter().map(|m| member(cx, &m.name, &m.target, &m.xml, &here));
                quote!(Shape::Structure(&[#(#members),*]))
            }
            ShapeKind::List { member: element } => {
                let item = MemberXml { name: shape.xml.member_name.clone(), ..MemberXml::default() };
                let item = member(cx, "member", element, &item, &here);
                let flattened = shape.xml.flattened;
                quote!(Shape::List(&ListShape { member: #item, flattened: #flattened }))
            }
            ShapeKind::Map { key, value } => {
                let key = member(cx, "key", key, &MemberXml { name: shape.xml.key_name.clone(), ..MemberXml::default() }, &here);
                let value =
                    member(cx, "value", value, &MemberXml { name: shape.xml.value_name.clone(), ..MemberXml::default() }, &here);
                let flattened = shape.xml.flattened;
                quote!(Shape::Map(&MapShape { key: #key, value: #value, flattened: #flattened }))
            }
            _ => return None,
        };
        let doc = docs::outer(&format!("The shape {}.", docs::code(name)));
        Some(quote! {
            #doc
            pub(super) static #static_name: Shape = #value;
        })
    });
    let statics: Vec<TokenStream> = statics.collect();
    let text = quote!(#(#statics)*).to_string();
    let mut imports = vec![quote!(Member), quote!(Shape)];
    let words: std::collections::BTreeSet<&str> =
        text.split(|c: char| !(c.is_alphanumeric() || c == '_')).collect();
    for item in [
        "ListShape", "MapShape", "XmlNamespace", "STRING", "BOOLEAN", "INTEGER", "LONG", "FLOAT", "DOUBLE",
        "TIMESTAMP", "BLOB", "DOCUMENT",
    ] {
        if words.contains(item) {
            let item = ident(item);
            imports.push(quote!(#item));
        }
    }
    imports.sort_by_key(ToString::to_string);
    let module_docs = docs::inner(
        "The shapes the service's operations write and read, for the transport: element and \
         query names, list and map forms, attributes and namespaces on the wire.",
    );
    Some(quote! {
        #module_docs
        use awsdoc_runtime::schema::{#(#imports),*};

        #(#statics)*
    })
}

/// A `Member` literal: `Member::new(..)` when every XML fact is the default.
fn member(cx: &ServiceCx, name: &str, target: &str, xml: &MemberXml, prefix: &TokenStream) -> TokenStream {
    let shape = shape_ref(cx, target, prefix);
    if xml.is_empty() {
        return quote!(Member::new(#name, #shape));
    }
    let xml_name = optional_str(xml.name.as_deref());
    let query_name = optional_str(xml.query_name.as_deref());
    let flattened = xml.flattened;
    let attribute = xml.attribute;
    let namespace = namespace(xml.namespace.as_ref());
    quote! {
        Member {
            name: #name,
            xml_name: #xml_name,
            query_name: #query_name,
            shape: #shape,
            flattened: #flattened,
            attribute: #attribute,
            namespace: #namespace,
        }
    }
}

fn optional_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

fn namespace(namespace: Option<&XmlNamespace>) -> TokenStream {
    match namespace {
        Some(XmlNamespace { prefix, uri }) => {
            let prefix = optional_str(prefix.as_deref());
            quote!(Some(XmlNamespace { prefix: #prefix, uri: #uri }))
        }
        None => quote!(None),
    }
}
