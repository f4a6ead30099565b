//! `paginators.rs`: `<method>_pages` (and, when the first result key is a list, `<method>_items`)
//! methods on the `Client`, walked by the runtime from a static `awsdoc_runtime::PaginatorSpec`.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::Signature;
use super::context::{ident, too_complex, Scope, ServiceCx};
use super::docs;
use super::names::{self, Namer};
use crate::model::{Paginator, ShapeKind};

/// `None` when the service has no usable paginator.
pub fn file(cx: &ServiceCx) -> Option<TokenStream> {
    let mut statics = Vec::new();
    let mut methods = Vec::new();
    // Two paginator names can make one constant name (`ListFOOs`, `ListFoos`).
    let mut spec_names = Namer::snake();
    for (name, paginator) in &cx.service.paginators {
        let Some(op) = cx.operation(&paginator.operation) else { continue };
        if op.output.is_none() {
            continue;
        }
        let op_name = paginator.operation.as_str();
        let spec = ident(&spec_names.claim(names::screaming_snake_case(name)));
        let input_token = &paginator.input_token;
        let output_token = &paginator.output_token;
        let result_key = &paginator.result_key;
        let limit_key = match &paginator.limit_key {
            Some(key) => quote!(Some(#key)),
            None => quote!(None),
        };
        let more_results = match &paginator.more_results {
            Some(key) => quote!(Some(#key)),
            None => quote!(None),
        };
        let operation = cx.operation_static(op_name);
        statics.push(quote! {
            static #spec: PaginatorSpec = PaginatorSpec {
                operation: &super::client::#operation,
                input_token: &[#(#input_token),*],
                output_token: &[#(#output_token),*],
                limit_key: #limit_key,
                result_key: &[#(#result_key),*],
                more_results: #more_results,
            };
        });

        let signature = Signature::of(cx, op_name, op);
        let base = &cx.methods[op_name];
        let input_param = signature.input.as_ref().map(|input| quote!(input: #input,));
        let encoded = signature.encoded_input();
        let output = &signature.output;
        let error = &signature.error;
        let tokens = describe_tokens(paginator);

        let pages = ident(&cx.method_namer.borrow_mut().claim(format!("{base}_pages")));
        let pages_doc = docs::outer(&format!(
            "Every page of [`Client::{base}`], following {tokens}.\n\n\
             The stream ends after the page without a next token (or repeating the one it was \
             sent), after `config.max_items` results, or after the first error."
        ));
        methods.push(quote! {
            #pages_doc
            #[inline]
            pub fn #pages(&self, #input_param config: PaginationConfig) -> Paginated<#output, #error> {
                self.handle.paginate(&#spec, #encoded, config)
            }
        });

        if let Some(item) = item_type(cx, op.output.as_deref().unwrap_or_default(), paginator) {
            let items = ident(&cx.method_namer.borrow_mut().claim(format!("{base}_items")));
            let key = docs::code(&paginator.result_key[0]);
            let others = match &paginator.result_key[1..] {
                [] => String::new(),
                rest => format!(
                    " The page's other results ({}) are in the pages.",
                    rest.iter().map(|k| docs::code(k)).collect::<Vec<_>>().join(", ")
                ),
            };
            let items_doc = docs::outer(&format!(
                "Every element of {key} across the pages of [`Client::{base}`] (see \
                 [`Client::{pages}`]).{others}"
            ));
            let allow = too_complex(&quote!(Paginated<#item, #error>)).then(|| quote!(#[allow(clippy::type_complexity)]));
            methods.push(quote! {
                #items_doc
                #allow
                #[inline]
                pub fn #items(&self, #input_param config: PaginationConfig) -> Paginated<#item, #error> {
                    self.handle.paginate_items(&#spec, #encoded, config)
                }
            });
        }
    }
    if methods.is_empty() {
        return None;
    }
    let body = quote! {
        #(#statics)*

        impl Client {
            #(#methods)*
        }
    };
    let modules = sibling_imports(&body);
    Some(quote! {
        //! Paginated walks over the client's list operations.
        use awsdoc_runtime::{PaginationConfig, Paginated, PaginatorSpec};

        use super::{#modules Client};

        #body
    })
}

/// `errors, types,` as far as `body` uses them.
pub fn sibling_imports(body: &TokenStream) -> TokenStream {
    let text = body.to_string();
    let errors = text.contains("errors ::").then(|| quote!(errors,));
    let types = text.contains("types ::").then(|| quote!(types,));
    quote!(#errors #types)
}

/// `` `A` into `B` `` for the docs.
fn describe_tokens(paginator: &Paginator) -> String {
    let list = |keys: &[String]| keys.iter().map(|k| docs::code(k)).collect::<Vec<_>>().join(", ");
    if paginator.input_token.is_empty() {
        return "no token".to_owned();
    }
    format!("{} into {}", list(&paginator.output_token), list(&paginator.input_token))
}

/// The element type of the single result key, when it is a list: a member of the output
/// or, for a dotted key (`DistributionList.Items`), of the structures on the way.
fn item_type(cx: &ServiceCx, output: &str, paginator: &Paginator) -> Option<TokenStream> {
    // Query's results are `Items` and `ConsumedCapacity`: the stream yields the first.
    let key = paginator.result_key.first()?;
    let mut target = output;
    for step in key.split('.') {
        target = &cx.structure(target)?.members.iter().find(|m| m.name == step)?.target;
    }
    match &cx.shape(target)?.kind {
        ShapeKind::List { member } => Some(cx.rust_type(member, Scope::Sibling)),
        _ => None,
    }
}
