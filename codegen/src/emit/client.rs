//! `client.rs`: the `Client` and one async method per operation.
//!
//! A method body is `encode` → `ClientHandle::call` → `decode`, all in the runtime: the
//! per-operation code is the signature and two generic one-liners, which keeps the crate
//! quick to compile.

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{ident, Scope, ServiceCx};
use super::docs;
use super::types::service_title;
use crate::model::Operation;

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

    /// The input as encoded JSON, for runtime calls that take `Result<Value, CallError>`.
    pub fn encoded_input(&self) -> TokenStream {
        match self.input {
            Some(_) => quote!(awsdoc_runtime::encode(&input)),
            None => quote!(Ok(awsdoc_runtime::no_input())),
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
    let module_docs = docs::inner(&format!("The client for {title}."));
    let methods = quote!(#(#methods)*);
    let modules = super::paginators::sibling_imports(&methods);
    let imports = (!modules.is_empty()).then(|| quote!(use super::{#modules};));
    quote! {
        #module_docs
        use std::sync::Arc;

        use awsdoc_runtime::{ClientHandle, Transport};

        #imports

        #client_docs
        #[derive(Debug, Clone)]
        pub struct Client {
            pub(super) handle: ClientHandle,
        }

        impl Client {
            /// A client that sends its calls through `transport`.
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
    let doc = docs::outer(&docs::paragraphs([
        &docs::prose(&op.docs),
        &format!("Operation {}.", docs::code(op_name)),
    ]));
    let deprecated = op.deprecated.then(|| quote!(#[deprecated(note = "deprecated in the service's documentation")]));
    let param = input.as_ref().map(|input| quote!(input: #input));
    let encode = match input {
        Some(_) => quote!(let input = awsdoc_runtime::encode(&input)?;),
        None => quote!(let input = awsdoc_runtime::no_input();),
    };
    let body = if op.output.is_some() {
        quote! {
            #encode
            let output = self.handle.call(#op_name, input).await?;
            Ok(awsdoc_runtime::decode(output)?)
        }
    } else {
        quote! {
            #encode
            self.handle.call(#op_name, input).await?;
            Ok(())
        }
    };
    quote! {
        #doc
        #deprecated
        pub async fn #method(&self, #param) -> Result<#output, #error> {
            #body
        }
    }
}
