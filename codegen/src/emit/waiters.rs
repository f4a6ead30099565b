//! `waiters.rs`: a `wait_until_<name>` method per waiter and its documented
//! `awsdoc_runtime::WaiterConfig` as a public constant.
//!
//! The documentation gives a waiter's operation, delay and attempt count but not its
//! acceptors, so each method takes the caller's acceptor: a closure over each poll's
//! `Result` answering `awsdoc_runtime::WaiterState`. The polling loop is the runtime's.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::Signature;
use super::context::{ident, ServiceCx};
use super::docs;
use super::names::{self, Namer};
use super::paginators::sibling_imports;

/// `None` when the service has no usable waiter.
pub fn file(cx: &ServiceCx) -> Option<TokenStream> {
    let mut consts = Vec::new();
    let mut methods = Vec::new();
    // Two waiter names can make one constant name (`DBReady`, `DbReady`).
    let mut config_names = Namer::snake();
    for (name, waiter) in &cx.service.waiters {
        let Some(op) = cx.operation(&waiter.operation) else { continue };
        let op_name = waiter.operation.as_str();
        let config = ident(&config_names.claim(names::screaming_snake_case(name)));
        let method_str = cx
            .method_namer
            .borrow_mut()
            .claim(format!("wait_until_{}", names::snake_case(name).trim_end_matches('_')));
        let (delay, attempts) = (waiter.delay_seconds, waiter.max_attempts);
        let delay_lit = proc_macro2::Literal::u32_unsuffixed(delay);
        let attempts_lit = proc_macro2::Literal::u32_unsuffixed(attempts);
        let config_doc = docs::outer(&format!(
            "The documented schedule of [`Client::{method_str}`](super::Client::{method_str}): \
             every {delay} seconds, at most {attempts} times."
        ));
        consts.push(quote! {
            #config_doc
            pub const #config: WaiterConfig = WaiterConfig::new(#delay_lit, #attempts_lit);
        });

        let Signature { input, output, error } = Signature::of(cx, op_name, op);
        let op_method = ident(&cx.methods[op_name]);
        let method = ident(&method_str);
        let (param, poll) = match &input {
            Some(input) => (quote!(input: #input,), quote!(|| self.#op_method(input.clone()))),
            None => (quote!(), quote!(|| self.#op_method())),
        };
        let allow = op.deprecated.then(|| quote!(#[allow(deprecated)]));
        let doc = docs::outer(&docs::paragraphs([
            &docs::prose(&waiter.docs),
            &format!(
                "Polls [`Client::{op_method}`] every {delay} seconds, at most {attempts} times \
                 ([`{config}`]), until `acceptor` answers [`WaiterState::Success`] (the accepted \
                 result is returned) or [`WaiterState::Failure`]. boto3 names this waiter {}.",
                docs::code(name)
            ),
        ]));
        methods.push(quote! {
            #doc
            #allow
            #[inline]
            pub async fn #method(
                &self,
                #param
                acceptor: impl FnMut(&Result<#output, #error>) -> WaiterState,
            ) -> WaitResult<#output, #error> {
                let poll = #poll;
                awsdoc_runtime::waiter::wait(#config, poll, acceptor).await
            }
        });
    }
    if methods.is_empty() {
        return None;
    }
    let body = quote! {
        #(#consts)*

        impl Client {
            #(#methods)*
        }
    };
    let modules = sibling_imports(&body);
    Some(quote! {
        //! Waiters: poll an operation until the caller's acceptor is satisfied.
        use awsdoc_runtime::{WaitResult, WaiterConfig, WaiterState};

        use super::{#modules Client};

        #body
    })
}
