//! `errors.rs`: one flat error enum per operation.
//!
//! Each documented exception is a variant carrying an `awsdoc_runtime::ErrorShape`: the
//! `awsdoc_runtime::ServiceError` every error has (code, message, request id, status) and
//! the exception's own members (from the API Reference), typed as the `types` module's struct
//! of that name and decoded from the error body. An undocumented code lands in `Unhandled`, a
//! call that got no usable answer in `Transport`, so one `match` covers every outcome, and
//! the runtime's `OperationError` trait (code, message, request id, status, the service or
//! transport error, retryable or not) reads any of them the same way.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{ident, Scope, ServiceCx};
use super::docs;
use super::names::{self, Namer};
use super::types::{allow_variant_names, service_title};
use crate::model::Operation;

pub fn file(cx: &ServiceCx) -> TokenStream {
    let module_docs = docs::inner(&format!(
        "The errors of {}'s operations: one enum per operation, a variant per documented \
         exception.",
        service_title(cx)
    ));
    let enums: Vec<TokenStream> = cx.service.operations.iter().map(|(name, op)| error_enum(cx, name, op)).collect();
    if enums.is_empty() {
        return module_docs;
    }
    let documented = cx.service.operations.values().any(|op| !op.errors.is_empty());
    let types_import = documented.then(|| quote!(use super::types;));
    // EC2 documents no error shapes: every error is `Unhandled`.
    let error_shape = documented.then(|| quote!(ErrorShape,));
    quote! {
        #module_docs
        use std::fmt;

        use awsdoc_runtime::{CallError, #error_shape OperationError, ServiceError, TransportError};

        #types_import

        #(#enums)*
    }
}

fn error_enum(cx: &ServiceCx, op_name: &str, op: &Operation) -> TokenStream {
    let name_str = &cx.error_names[op_name];
    let name = ident(name_str);
    let method = &cx.methods[op_name];
    let doc = docs::outer(&format!("The ways [`Client::{method}`](super::Client::{method}) can fail."));

    let mut namer = Namer::pascal();
    namer.reserve(&["Transport", "Unhandled"]);
    let mut variants = Vec::new();
    let mut codes = Vec::new();
    let mut defs = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    // A page may list an exception twice; the second would be an unreachable match arm.
    for error in op.errors.iter().filter(|e| seen.insert(e.as_str())) {
        let variant = ident(&namer.claim(names::variant_name(error)));
        let shape_docs = cx.shape(error).map(|s| docs::prose(&s.docs)).unwrap_or_default();
        let status = cx.structure(error).and_then(|s| s.error_status).map(|s| format!(" HTTP status {s}.")).unwrap_or_default();
        // Query services name some errors on the wire by a code of their own (`NoSuchEntity`).
        let code = cx.structure(error).and_then(|s| s.error_code.as_deref()).unwrap_or(error);
        let doc = docs::outer(&docs::paragraphs([&shape_docs, &format!("Error code {}.{status}", docs::code(code))]));
        let shape = cx.rust_type(error, Scope::Sibling);
        defs.push(quote! { #doc #variant(ErrorShape<#shape>), });
        variants.push(variant);
        codes.push(code);
    }
    let allow = allow_variant_names(name_str, &namer);

    let service_arm = if codes.is_empty() {
        quote!(CallError::Service(e) => #name::Unhandled(e),)
    } else {
        quote! {
            CallError::Service(e) => match e.code.as_str() {
                #( #codes => #name::#variants(ErrorShape::decode(e)), )*
                _ => #name::Unhandled(e),
            },
        }
    };
    let shaped_pattern = quote!(#( #name::#variants(ErrorShape { error: e, .. }) | )*);
    let service_pattern = quote!(#shaped_pattern #name::Unhandled(e));
    // Operation names are identifiers: no brace to escape.
    let failed = format!("{op_name} failed: {{e}}");

    quote! {
        #doc
        #[derive(Debug)]
        #allow
        pub enum #name {
            #(#defs)*
            /// An error code the documentation does not list for this operation.
            Unhandled(ServiceError),
            /// No usable answer: the request could not be sent, or the response not decoded.
            Transport(TransportError),
        }

        impl OperationError for #name {
            #[inline]
            fn service_error(&self) -> Option<&ServiceError> {
                match self {
                    #service_pattern => Some(e),
                    #name::Transport(_) => None,
                }
            }

            #[inline]
            fn transport_error(&self) -> Option<&TransportError> {
                match self {
                    #name::Transport(e) => Some(e),
                    _ => None,
                }
            }
        }

        impl From<CallError> for #name {
            #[inline]
            fn from(error: CallError) -> Self {
                match error {
                    #service_arm
                    CallError::Transport(e) => #name::Transport(e),
                }
            }
        }

        impl fmt::Display for #name {
            #[inline]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    #service_pattern => write!(f, #failed),
                    #name::Transport(e) => write!(f, #failed),
                }
            }
        }

        impl std::error::Error for #name {
            #[inline]
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    #service_pattern => Some(e),
                    #name::Transport(e) => Some(e),
                }
            }
        }
    }
}
