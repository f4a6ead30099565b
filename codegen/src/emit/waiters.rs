//! `waiters.rs`: per waiter, its documented `awsdoc_runtime::WaiterConfig` and its acceptors
//! as static data, and three methods: `wait_until_<name>(input)` (the documented schedule),
//! `wait_until_<name>_with(input, config)` and `wait_until_<name>_custom(input, config,
//! acceptor)` (the caller's own closure).
//!
//! The acceptors are data (`awsdoc_runtime::Acceptor`), evaluated by the runtime, so each
//! waiter costs a few lines. The success type follows them: the output when every success
//! acceptor reads an output, `()` when every one reads an error (a deletion's not-found),
//! `Option<output>` when both can succeed.

use proc_macro2::TokenStream;
use quote::quote;

use super::client::Signature;
use super::context::{ident, ServiceCx};
use super::docs;
use super::names::{self, Namer};
use super::paginators::sibling_imports;
use crate::model::{Acceptor, AcceptorSource, AcceptorState, Expected, Matcher};

/// What a successful wait returns, from where its success acceptors look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Success {
    Output,
    Gone,
    Either,
}

fn success_kind(acceptors: &[Acceptor]) -> Success {
    let mut on_output = false;
    let mut on_error = false;
    for a in acceptors.iter().filter(|a| a.state == AcceptorState::Success) {
        match &a.matcher {
            Matcher::Path { .. } | Matcher::PathAll { .. } | Matcher::PathAny { .. } | Matcher::AnyError { expected: false } => on_output = true,
            Matcher::Status { expected } if (200..300).contains(expected) => on_output = true,
            Matcher::Status { .. } | Matcher::Error { .. } | Matcher::AnyError { expected: true } => on_error = true,
        }
    }
    match (on_output, on_error) {
        (true, false) => Success::Output,
        (false, true) => Success::Gone,
        _ => Success::Either,
    }
}

fn acceptor_tokens(a: &Acceptor) -> TokenStream {
    let expected = |e: &Expected| match e {
        Expected::Str(s) => quote!(Expected::Str(#s)),
        Expected::Bool(b) => quote!(Expected::Bool(#b)),
        Expected::Int(i) => {
            let i = proc_macro2::Literal::i64_unsuffixed(*i);
            quote!(Expected::Int(#i))
        }
    };
    let matcher = match &a.matcher {
        Matcher::Path { argument, expected: e } => {
            let e = expected(e);
            quote!(Matcher::Path(#argument, #e))
        }
        Matcher::PathAll { argument, expected: e } => {
            let e = expected(e);
            quote!(Matcher::PathAll(#argument, #e))
        }
        Matcher::PathAny { argument, expected: e } => {
            let e = expected(e);
            quote!(Matcher::PathAny(#argument, #e))
        }
        Matcher::Status { expected } => {
            let s = proc_macro2::Literal::u16_unsuffixed(*expected);
            quote!(Matcher::Status(#s))
        }
        Matcher::Error { expected } => quote!(Matcher::Error(#expected)),
        Matcher::AnyError { expected } => quote!(Matcher::AnyError(#expected)),
    };
    let state = match a.state {
        AcceptorState::Success => quote!(WaiterState::Success),
        AcceptorState::Failure => quote!(WaiterState::Failure),
        AcceptorState::Retry => quote!(WaiterState::Retry),
    };
    quote!(Acceptor { matcher: #matcher, state: #state })
}

/// One acceptor in words, for the method's doc comment.
fn describe(a: &Acceptor) -> String {
    let value = |e: &Expected| match e {
        Expected::Str(s) => format!("`{s}`"),
        Expected::Bool(b) => format!("`{b}`"),
        Expected::Int(i) => format!("`{i}`"),
    };
    let when = match &a.matcher {
        Matcher::Path { argument, expected } => format!("{} is {}", docs::code(argument), value(expected)),
        Matcher::PathAll { argument, expected } => format!("every {} is {}", docs::code(argument), value(expected)),
        Matcher::PathAny { argument, expected } => format!("any {} is {}", docs::code(argument), value(expected)),
        Matcher::Status { expected } => format!("HTTP status {expected}"),
        Matcher::Error { expected } => format!("error {}", docs::code(expected)),
        Matcher::AnyError { expected: true } => "any error".to_string(),
        Matcher::AnyError { expected: false } => "any output".to_string(),
    };
    let state = match a.state {
        AcceptorState::Success => "success",
        AcceptorState::Failure => "failure",
        AcceptorState::Retry => "retry",
    };
    format!("{when} → {state}")
}

/// `None` when the service has no usable waiter.
pub fn file(cx: &ServiceCx) -> Option<TokenStream> {
    let mut consts = Vec::new();
    let mut methods = Vec::new();
    // Two waiter names can make one constant name (`DBReady`, `DbReady`).
    let mut config_names = Namer::snake();
    for (name, waiter) in &cx.service.waiters {
        let Some(op) = cx.operation(&waiter.operation) else { continue };
        let op_name = waiter.operation.as_str();
        let config_str = config_names.claim(names::screaming_snake_case(name));
        let config = ident(&config_str);
        let acceptors_name = ident(&config_names.claim(format!("{config_str}_ACCEPTORS")));
        let base = format!("wait_until_{}", names::snake_case(name).trim_end_matches('_'));
        let mut namer = cx.method_namer.borrow_mut();
        let method_str = namer.claim(base.clone());
        let with_str = namer.claim(format!("{base}_with"));
        let custom_str = namer.claim(format!("{base}_custom"));
        drop(namer);
        let (delay, attempts) = (waiter.delay_seconds, waiter.max_attempts);
        let delay_lit = proc_macro2::Literal::u32_unsuffixed(delay);
        let attempts_lit = proc_macro2::Literal::u32_unsuffixed(attempts);
        // Without acceptors there is only the `_custom` method to link to.
        let scheduled = if waiter.acceptors.is_empty() { &custom_str } else { &method_str };
        let config_doc = docs::outer(&format!(
            "The documented schedule of [`Client::{scheduled}`](super::Client::{scheduled}): \
             every {delay} seconds, at most {attempts} times."
        ));
        consts.push(quote! {
            #config_doc
            pub const #config: WaiterConfig = WaiterConfig::new(#delay_lit, #attempts_lit);
        });

        let signature = Signature::of(cx, op_name, op);
        let encoded = signature.encoded_input();
        let Signature { input, output, error } = signature;
        let op_method = ident(&cx.methods[op_name]);
        let operation = cx.operation_static(op_name);
        let (method, with, custom) = (ident(&method_str), ident(&with_str), ident(&custom_str));
        let (param, arg) = match &input {
            Some(input) => (quote!(input: #input,), quote!(input,)),
            None => (quote!(), quote!()),
        };
        let custom_doc = docs::outer(&format!(
            "Polls [`Client::{op_method}`] on `config`'s schedule until `acceptor` answers \
             [`WaiterState::Success`] (the accepted result is returned, which may be an error) or \
             [`WaiterState::Failure`]: for conditions of your own."
        ));
        // Plain functions returning the runtime's boxed future, as operation methods return
        // a `Call`: the polling loop's state machine is compiled once, in the runtime.
        methods.push(quote! {
            #custom_doc
            #[inline]
            pub fn #custom(
                &self,
                #param
                config: WaiterConfig,
                acceptor: impl FnMut(&Result<#output, #error>) -> WaiterState + Send + 'static,
            ) -> Waiting<WaitResult<#output, #error>> {
                self.handle.wait_custom(&super::client::#operation, #encoded, config, acceptor)
            }
        });
        if waiter.acceptors.is_empty() {
            continue;
        }
        let source = match waiter.acceptor_source {
            AcceptorSource::Facts => "written by hand in `waiters.json`, the docs not showing them",
            AcceptorSource::Inferred => "inferred from the waiter's name, the states its operation's output lists (enums, or values its docs name) and its errors",
        };
        let list: Vec<String> = waiter.acceptors.iter().map(|a| format!("* {}", describe(a))).collect();
        let (ok, convert, returns) = match success_kind(&waiter.acceptors) {
            Success::Output => (quote!(#output), quote!(awsdoc_runtime::waiter::output), "the output that satisfied it"),
            Success::Gone => (quote!(()), quote!(awsdoc_runtime::waiter::gone), "`()` (success is an error such as not-found)"),
            Success::Either => (quote!(Option<#output>), quote!(awsdoc_runtime::waiter::either), "the output that satisfied it, or `None` when an error did"),
        };
        let doc = docs::outer(&docs::paragraphs([
            &docs::prose(&waiter.docs),
            &format!(
                "Polls [`Client::{op_method}`] every {delay} seconds, at most {attempts} times \
                 ([`{config}`]; another schedule: [`Client::{with_str}`]), until an acceptor \
                 says success (returning {returns}) or failure; an error no acceptor expects \
                 ends the wait too. boto3 names this waiter {}. Its acceptors, tried in order, \
                 {source}:",
                docs::code(name)
            ),
            &list.join("\n"),
        ]));
        let with_doc = docs::outer(&format!("[`Client::{method_str}`] on `config`'s schedule."));
        let acceptors: Vec<TokenStream> = waiter.acceptors.iter().map(acceptor_tokens).collect();
        consts.push(quote! {
            static #acceptors_name: &[Acceptor] = &[#(#acceptors),*];
        });
        methods.push(quote! {
            #doc
            #[inline]
            pub fn #method(&self, #param) -> Waiting<Result<#ok, WaiterError<#output, #error>>> {
                self.#with(#arg #config)
            }

            #with_doc
            #[inline]
            pub fn #with(&self, #param config: WaiterConfig) -> Waiting<Result<#ok, WaiterError<#output, #error>>> {
                self.handle.wait_for(&super::client::#operation, #encoded, config, #acceptors_name, #convert)
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
    // Only what the body names: a service whose waiters have no path acceptor has no `Expected`.
    let text = body.to_string();
    let runtime: Vec<TokenStream> = ["Acceptor", "Expected", "Matcher", "WaiterError"]
        .into_iter()
        .filter(|name| text.contains(&format!("{name} ::")) || text.contains(&format!("{name} <")) || text.contains(&format!("[{name}]")) || text.contains(&format!("& [{name}]")))
        .map(|name| {
            let name = ident(name);
            quote!(#name)
        })
        .collect();
    Some(quote! {
        //! Waiters: poll an operation until its acceptors (or the caller's) are satisfied.
        use awsdoc_runtime::waiter::{#(#runtime,)* WaitResult, WaiterConfig, WaiterState, Waiting};

        use super::{#modules Client};

        #body
    })
}
