//! `client.rs`: the `Client` and one method per operation.
//!
//! A method encodes its input and returns the runtime's `awsdoc_runtime::Call` future, which sends it
//! and decodes the output when awaited: `client.list_backups(input).await`. Methods are
//! plain functions, not `async fn`s, so the crate has no per-operation state machine to
//! compile, and `#[inline]`, so a program compiles only the operations it calls.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{ident, Scope, ServiceCx};
use super::docs;
use super::types::service_title;
use super::names;
use crate::model::{Location, Operation, ShapeKind};

/// The Rust types of an operation's input, output and error, as seen from a sibling of the
/// `types` module.
pub struct Signature {
    pub input: Option<TokenStream>,
    pub output: TokenStream,
    pub error: TokenStream,
}

impl Signature {
    pub fn of(cx: &ServiceCx, op_name: &str, op: &Operation) -> Self {
        let error = ident(&cx.error_names[op_name]);
        Signature {
            input: op.input.as_deref().map(|input| cx.rust_type(input, Scope::Sibling)),
            output: match op.output.as_deref() {
                Some(output) => cx.rust_type(output, Scope::Sibling),
                None => quote!(()),
            },
            error: quote!(errors::#error),
        }
    }

    /// The input's wire JSON.
    pub fn encoded_input(&self) -> TokenStream {
        match self.input {
            Some(_) => quote!(awsdoc_runtime::encode(&input)),
            None => quote!(awsdoc_runtime::no_input()),
        }
    }
}

pub fn file(cx: &ServiceCx) -> TokenStream {
    let title = service_title(cx);
    let client_docs = docs::outer(&format!(
        "A client for {title}.\n\nEach method sends one operation through the client's \
         [`Transport`]; cloning a client is cheap and shares the transport."
    ));
    let methods: Vec<TokenStream> =
        cx.service.operations.iter().map(|(name, op)| method(cx, name, op)).collect();
    let specs: Vec<TokenStream> = cx.service.operations.keys().map(|name| spec_static(cx, name)).collect();
    let text = quote!(#(#specs)*).to_string();
    let mut runtime_imports = vec![quote!(Call), quote!(ClientHandle)];
    for (item, used) in [
        ("HttpBinding", text.contains("HttpBinding")),
        ("Location", text.contains("MemberBinding")),
        ("MemberBinding", text.contains("MemberBinding")),
        ("OperationSpec", true),
        ("Transport", true),
        ("WireType", text.contains("WireType")),
    ] {
        if used {
            let item = ident(item);
            runtime_imports.push(quote!(#item));
        }
    }
    let schema_imports = text.contains("OperationSchema").then(|| {
        let namespace = text.contains("XmlNamespace").then(|| quote!(, XmlNamespace));
        quote!(use awsdoc_runtime::schema::{OperationSchema #namespace};)
    });
    let module_docs = docs::inner(&format!("The client for {title}."));
    let methods = quote!(#(#methods)*);
    let modules = super::paginators::sibling_imports(&methods);
    let imports = (!modules.is_empty()).then(|| quote!(use super::{#modules};));
    quote! {
        #module_docs
        use std::sync::Arc;

        use awsdoc_runtime::{#(#runtime_imports),*};
        #schema_imports

        #imports

        #(#specs)*

        #client_docs
        #[derive(Debug, Clone)]
        pub struct Client {
            pub(super) handle: ClientHandle,
        }

        impl Client {
            /// A client that sends its calls through `transport`.
            #[inline]
            pub fn new(transport: Arc<dyn Transport>) -> Self {
                Client { handle: ClientHandle::new(transport, &super::SERVICE) }
            }

            #methods
        }
    }
}

fn method(cx: &ServiceCx, op_name: &str, op: &Operation) -> TokenStream {
    let method = ident(&cx.methods[op_name]);
    let Signature { input, output, error } = Signature::of(cx, op_name, op);
    // Which changelog page last defined the operation, so a reader can tell how current it is.
    let provenance = match &op.changelog {
        Some(stamp) => format!(
            "Operation {}, last {} by the changelog of {} ({}).",
            docs::code(op_name),
            if stamp.change == "new" { "added" } else { "changed" },
            stamp.date,
            docs::code(&stamp.file)
        ),
        None => format!("Operation {}.", docs::code(op_name)),
    };
    let doc = docs::outer(&docs::paragraphs([&docs::prose(&op.docs), &provenance]));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated(note = "deprecated in the service's documentation")]));
    let tokens = idempotency_tokens(cx, op);
    let param = input.as_ref().map(|input| if tokens.is_empty() { quote!(input: #input) } else { quote!(mut input: #input) });
    let encode = match input {
        Some(_) => quote!(let input = awsdoc_runtime::encode(&input);),
        None => quote!(let input = awsdoc_runtime::no_input();),
    };
    let fill = tokens.iter().map(|field| {
        quote! {
            if input.#field.is_none() {
                input.#field = Some(awsdoc_runtime::idempotency_token());
            }
        }
    });
    let encode = quote!(#(#fill)* #encode);
    let spec = cx.operation_static(op_name);
    quote! {
        #doc
        #deprecated
        #[inline]
        pub fn #method(&self, #param) -> Call<#output, #error> {
            #encode
            self.handle.send(&#spec, input)
        }
    }
}

/// The input's optional string members that boto3 fills with a fresh token when unset
/// ("This field is autopopulated if not provided"); the client does the same.
fn idempotency_tokens(cx: &ServiceCx, op: &Operation) -> Vec<proc_macro2::Ident> {
    let Some(input) = op.input.as_deref().and_then(|input| cx.structure(input)) else { return Vec::new() };
    if super::context::is_union(input) {
        return Vec::new();
    }
    let fields = names::field_names(input.members.iter().map(|m| m.name.as_str()));
    input
        .members
        .iter()
        .zip(fields)
        .filter(|(member, _)| {
            member.idempotency_token
                && !member.required
                && matches!(cx.shape(&member.target).map(|s| &s.kind), Some(ShapeKind::String))
        })
        .map(|(_, field)| ident(&field))
        .collect()
}

/// `static <OP>: OperationSpec`: the operation's wire name, where a REST operation puts its
/// members, and the shapes an XML protocol writes and reads.
fn spec_static(cx: &ServiceCx, op_name: &str) -> TokenStream {
    let name = cx.operation_static(op_name);
    let doc = docs::outer(&format!("How {} travels.", docs::code(op_name)));
    let (binding, schema) = (binding(cx, op_name), super::schema::operation_schema(cx, op_name));
    if binding.is_none() && schema.is_none() {
        return quote! {
            #doc
            pub(super) static #name: OperationSpec = OperationSpec::named(#op_name);
        };
    }
    let binding = match binding {
        Some(binding) => quote!(Some(&#binding)),
        None => quote!(None),
    };
    let schema = match schema {
        Some(schema) => quote!(Some(&#schema)),
        None => quote!(None),
    };
    quote! {
        #doc
        pub(super) static #name: OperationSpec = OperationSpec {
            name: #op_name,
            binding: #binding,
            schema: #schema,
        };
    }
}

/// The `HttpBinding` of a REST operation: where it puts its members.
fn binding(cx: &ServiceCx, op_name: &str) -> Option<TokenStream> {
    let http = cx.http_binding(op_name)?;
    let method = &http.method;
    let uri = &http.uri;
    let op = cx.operation(op_name)?;
    // Input members first, then output members; each side in member order.
    let bound = [op.input.as_deref(), op.output.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(|shape| cx.structure(shape))
        .flat_map(|s| s.members.iter())
        .filter_map(|m| m.location.map(|location| (m, location)));
    let members = bound.map(|(member, location)| {
        let location = ident(runtime_location(location));
        let wire_name = member.location_name.as_deref().unwrap_or_default();
        let wire_type = wire_type(cx, Some(&member.target), 0);
        let member = &member.name;
        quote! {
            MemberBinding {
                member: #member,
                location: Location::#location,
                wire_name: #wire_name,
                wire_type: #wire_type,
            }
        }
    });
    Some(quote! {
        HttpBinding {
            method: #method,
            uri: #uri,
            members: &[#(#members),*],
        }
    })
}

/// The matching `awsdoc_runtime::Location` variant.
fn runtime_location(location: Location) -> &'static str {
    match location {
        Location::Path => "Path",
        Location::Query => "Query",
        Location::Header => "Header",
        Location::StatusCode => "StatusCode",
        Location::Payload => "Payload",
    }
}

/// The `awsdoc_runtime::WireType` of a bound member: how its text form on the wire reads.
/// An unknown shape reads as a string.
fn wire_type(cx: &ServiceCx, target: Option<&str>, depth: usize) -> TokenStream {
    let kind = target.and_then(|t| cx.shape(t)).map(|s| &s.kind).filter(|_| depth < 8);
    match kind {
        None | Some(ShapeKind::String | ShapeKind::Enum { .. }) => quote!(WireType::String),
        Some(ShapeKind::Integer | ShapeKind::Long) => quote!(WireType::Integer),
        Some(ShapeKind::Double | ShapeKind::Float) => quote!(WireType::Float),
        Some(ShapeKind::Boolean) => quote!(WireType::Boolean),
        Some(ShapeKind::Timestamp) => quote!(WireType::Timestamp),
        Some(ShapeKind::Blob { .. }) => quote!(WireType::Blob),
        Some(ShapeKind::Structure(_) | ShapeKind::Document) => quote!(WireType::Structure),
        Some(ShapeKind::Map { .. }) => quote!(WireType::Map),
        Some(ShapeKind::List { member }) => {
            let element = wire_type(cx, Some(member), depth + 1);
            quote!(WireType::List(&#element))
        }
    }
}
