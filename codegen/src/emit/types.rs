//! `types.rs`: a struct per structure, an enum per union and per string enum.
//!
//! Shapes that are plain values (strings, numbers, lists, maps, …) get no type of their
//! own: members use `String`, `i64`, `Vec<…>`, `BTreeMap<…>` directly, which is what a
//! reader expects and keeps the module small.
//!
//! Wire JSON is written as `ToJson`/`FromJson` impls over the runtime's small helpers, not
//! as serde derives: the derives' generic visitors were about 85% of a service module's
//! compile time. With the crate's `serde` feature every type also implements serde's
//! `Serialize` and `Deserialize` (through `serde_json::Value`, one `impl_serde_via_json!`
//! line per module), with the same wire names and unset members left out. The feature is on
//! by default; a build that does not need serde can turn it off and save about a tenth of
//! the compile time.
//!
//! A structure's `Debug` prints its wire JSON (`ListBackupsOutput { BackupSummaries: […] }`,
//! unset members left out) through one runtime call, not a derive naming every field;
//! enums and unions derive it. A string enum has its variants, `as_str` and `From<&str>`;
//! the traits it shares with every other enum (equality by wire value, JSON, `Display`, …)
//! come from one `impl_wire_enum!` line per module.
//!
//! Every function is `#[inline]`: in a dev build an inline function is compiled where it
//! is used, not here, so a program pays for the types of the operations it calls and this
//! crate compiles to little more than type checking.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::context::{ident, is_union, too_complex, Scope, ServiceCx};
use super::docs;
use super::names::{self, Namer};
use crate::model::{Member, Shape, ShapeKind, Structure};

pub fn file(cx: &ServiceCx) -> TokenStream {
    let roles = roles(cx);
    let role = |shape: &Shape| roles.get(shape.name.as_str()).map_or("", String::as_str);
    let items: Vec<TokenStream> = cx
        .typed_shapes()
        .map(|(shape, name)| match &shape.kind {
            ShapeKind::Structure(s) if is_union(s) => union(cx, shape, s, name, role(shape)),
            ShapeKind::Structure(s) => structure(cx, shape, s, name, role(shape)),
            ShapeKind::Enum { values } => enumeration(shape, values, name),
            _ => unreachable!("only structures and enums get types"),
        })
        .collect();
    let module_docs = docs::inner(&format!(
        "The data types of {}: operation inputs and outputs and the structures, unions and enums \
         they contain.",
        service_title(cx)
    ));
    if items.is_empty() {
        return module_docs;
    }
    let type_idents = cx.typed_shapes().map(|(_, name)| ident(name));
    let enum_idents: Vec<_> =
        cx.typed_shapes().filter(|(s, _)| matches!(s.kind, ShapeKind::Enum { .. })).map(|(_, name)| ident(name)).collect();
    let wire_enums = (!enum_idents.is_empty()).then(|| quote!(awsdoc_runtime::impl_wire_enum!(#(#enum_idents),*);));
    // Enums take everything from the macro; the structures' impls name these.
    let structures = cx.typed_shapes().any(|(s, _)| matches!(s.kind, ShapeKind::Structure(_)));
    let mut imports = Vec::new();
    if cx.uses.map.get() {
        imports.push(quote!(use std::collections::BTreeMap;));
    }
    if structures {
        imports.push(quote!(use std::fmt;));
        imports.push(quote!(use awsdoc_runtime::json::{self, FromJson, JsonError, ToJson};));
    }
    match (cx.uses.blob.get(), cx.uses.datetime.get()) {
        (true, true) => imports.push(quote!(use awsdoc_runtime::{Blob, DateTime};)),
        (true, false) => imports.push(quote!(use awsdoc_runtime::Blob;)),
        (false, true) => imports.push(quote!(use awsdoc_runtime::DateTime;)),
        (false, false) => {}
    }
    if structures {
        imports.push(quote!(use serde_json::Value;));
    }
    let allow = cx.uses.complex_type.get().then(|| quote!(#![allow(clippy::type_complexity)]));
    quote! {
        #module_docs
        #allow
        #(#imports)*
        #(#items)*
        #wire_enums
        #[cfg(feature = "serde")]
        awsdoc_runtime::impl_serde_via_json!(#(#type_idents),*);
    }
}

/// The service's full name for the docs, as rustdoc-safe Markdown.
pub fn service_title(cx: &ServiceCx) -> String {
    match &cx.service.full_name {
        Some(full) => docs::prose(full),
        None => docs::code(&cx.service.name),
    }
}

/// What each type is to the client, for its docs: the input or output of which
/// operations, by shape name (one pass over the operations, not one per shape).
fn roles<'a>(cx: &ServiceCx<'a>) -> BTreeMap<&'a str, String> {
    let mut roles: BTreeMap<&'a str, String> = BTreeMap::new();
    let mut add = |shape: &'a str, role: &str, method: &str| {
        let text = roles.entry(shape).or_default();
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!("The {role} of [`Client::{method}`](super::Client::{method})."));
    };
    for (op_name, op) in &cx.service.operations {
        let method = &cx.methods[op_name.as_str()];
        if let Some(input) = op.input.as_deref() {
            add(input, "input", method);
        }
        if let Some(output) = op.output.as_deref() {
            add(output, "output", method);
        }
    }
    roles
}

fn structure(cx: &ServiceCx, shape: &Shape, s: &Structure, name: &str, roles: &str) -> TokenStream {
    let type_name = ident(name);
    let name_str = name;
    let doc = docs::outer(&docs::paragraphs([docs::prose(&shape.docs).as_str(), roles]));
    let field_names = names::field_names(s.members.iter().map(|m| m.name.as_str()));
    let mut defs = Vec::new();
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut encode = Vec::new();
    let mut decode = Vec::new();
    // Whether some constructor parameter takes `impl Into<…>`, which its docs then say.
    let mut converts = false;
    for (index, (member, field)) in s.members.iter().zip(&field_names).enumerate() {
        let field = ident(field);
        let wire = &member.name;
        let ty = cx.member_type(&shape.name, index, member, Scope::Types);
        if too_complex(&quote!(Option<#ty>)) {
            cx.uses.complex_type.set(true);
        }
        let doc = docs::outer(&docs::member(member, cx.shape(&member.target).map(|t| &t.kind)));
        if member.required {
            defs.push(quote! { #doc pub #field: #ty, });
            if takes_into(cx, &shape.name, index, member) {
                converts = true;
                params.push(quote!(#field: impl Into<#ty>));
                inits.push(quote!(#field: #field.into()));
            } else {
                params.push(quote!(#field: #ty));
                inits.push(quote!(#field));
            }
            encode.push(quote!(object.put(#wire, &self.#field);));
            decode.push(quote!(#field: object.required(#wire)?));
        } else {
            defs.push(quote! { #doc pub #field: Option<#ty>, });
            inits.push(quote!(#field: None));
            encode.push(quote!(object.put_optional(#wire, &self.#field);));
            decode.push(quote!(#field: object.get(#wire)));
        }
    }
    let derive_default = cx.derives_default(&shape.name).then(|| quote!(, Default));
    let constructor = (!params.is_empty()).then(|| {
        let allow = (params.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let doc = if converts {
            quote! {
                /// A value with the required members set (a string or enum from a `&str`) and
                /// the optional ones unset.
            }
        } else {
            quote! {
                /// A value with the required members set and the optional ones unset.
            }
        };
        quote! {
            impl #type_name {
                #doc
                #allow
                #[inline]
                pub fn new(#(#params),*) -> Self {
                    #type_name { #(#inits),* }
                }
            }
        }
    });
    // In place and without a `?` per optional member: far less for the compiler than a
    // chain of builder calls and a `?` per member (see `awsdoc_runtime::json::Object`).
    let to_json = if encode.is_empty() {
        quote!(json::ObjectBuilder::new().build())
    } else {
        quote! {
            let mut object = json::ObjectBuilder::new();
            #(#encode)*
            object.build()
        }
    };
    let from_json = if decode.is_empty() {
        quote! {
            json::Object::new(value, #name_str)?;
            Ok(#type_name {})
        }
    } else {
        quote! {
            let mut object = json::Object::new(value, #name_str)?;
            let value = #type_name { #(#decode),* };
            object.finish(value)
        }
    };
    quote! {
        #doc
        #[derive(Clone, PartialEq #derive_default)]
        pub struct #type_name {
            #(#defs)*
        }

        /// The set members, by wire name.
        impl fmt::Debug for #type_name {
            #[inline]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                json::debug(f, #name_str, &self.to_json())
            }
        }

        #constructor

        impl ToJson for #type_name {
            #[inline]
            fn to_json(&self) -> Value {
                #to_json
            }
        }

        impl FromJson for #type_name {
            #[inline]
            fn from_json(value: Value) -> Result<Self, JsonError> {
                #from_json
            }
        }
    }
}

/// Whether a constructor takes `impl Into<…>` for this member: strings and enums (so a
/// `&str` will do) and boxed members (the value itself). Lists, maps, numbers and structures
/// keep their own type, so `vec!["a".into()]` and number literals still infer.
fn takes_into(cx: &ServiceCx, owner: &str, index: usize, member: &Member) -> bool {
    matches!(cx.shape(&member.target).map(|s| &s.kind), Some(ShapeKind::String | ShapeKind::Enum { .. }))
        || cx.is_boxed(owner, index)
}

/// A tagged union: on the wire `{"Member": value}`. Members the documentation did not list
/// land in `Unknown` with their wire form, so a newer service answer still decodes and can
/// be sent back unchanged.
fn union(cx: &ServiceCx, shape: &Shape, s: &Structure, name: &str, roles: &str) -> TokenStream {
    let type_name = ident(name);
    let name_str = name;
    let doc = docs::outer(&docs::paragraphs([docs::prose(&shape.docs).as_str(), roles]));
    let mut namer = Namer::pascal();
    namer.reserve(&["Unknown"]);
    let mut defs = Vec::new();
    let mut variants = Vec::new();
    let mut wires = Vec::new();
    let mut accessors = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    // A member listed twice would be an unreachable match arm: keep the first.
    for (index, member) in s.members.iter().enumerate().filter(|(_, m)| seen.insert(m.name.as_str())) {
        let variant_name = namer.claim(names::variant_name(&member.name));
        let variant = ident(&variant_name);
        let ty = cx.member_type(&shape.name, index, member, Scope::Types);
        if too_complex(&ty) {
            cx.uses.complex_type.set(true);
        }
        let doc = docs::outer(&docs::member(member, cx.shape(&member.target).map(|t| &t.kind)));
        defs.push(quote! { #doc #variant(#ty), });
        accessors.push(accessor(cx, &type_name, &variant, &variant_name, member, cx.is_boxed(&shape.name, index)));
        variants.push(variant);
        wires.push(member.name.as_str());
    }
    let allow = allow_variant_names(name, &namer);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #type_name {
            #(#defs)*
            /// A member this documentation does not list, in its wire form `{"Name": value}`.
            Unknown(Value),
        }

        impl #type_name {
            #(#accessors)*
        }

        impl ToJson for #type_name {
            #[inline]
            fn to_json(&self) -> Value {
                match self {
                    #( #type_name::#variants(value) => json::tagged(#wires, value.to_json()), )*
                    #type_name::Unknown(value) => value.clone(),
                }
            }
        }

        impl FromJson for #type_name {
            #[inline]
            fn from_json(value: Value) -> Result<Self, JsonError> {
                let (name, value) = json::union_member(value, #name_str)?;
                Ok(match name.as_str() {
                    #( #wires => #type_name::#variants(json::variant(#wires, value)?), )*
                    _ => #type_name::Unknown(json::tagged(&name, value)),
                })
            }
        }
    }
}

/// `as_<variant>()`: the variant's value if it is that one, borrowed as the plainest type
/// (`&str` for a string, a slice for a list, the structure itself for a boxed one, a copy
/// of a number or a flag), so a
/// caller reads `value.as_s()` instead of a `match`. No `is_*`: `as_*().is_some()` says it.
fn accessor(cx: &ServiceCx, type_name: &proc_macro2::Ident, variant: &proc_macro2::Ident, variant_name: &str, member: &Member, boxed: bool) -> TokenStream {
    let method = ident(&format!("as_{}", names::snake_case(variant_name)));
    let ty = cx.rust_type(&member.target, Scope::Types);
    let shown = ty.to_string();
    let (returns, value) = if boxed {
        (quote!(&#ty), quote!(&**value))
    } else if shown == "String" {
        (quote!(&str), quote!(value.as_str()))
    } else if ["bool", "i32", "i64", "f32", "f64"].contains(&shown.as_str()) {
        (ty.clone(), quote!(*value))
    } else if let Some(element) = shown.strip_prefix("Vec < ").and_then(|rest| rest.strip_suffix(" >")).and_then(|e| e.parse::<TokenStream>().ok()) {
        (quote!(&[#element]), quote!(value.as_slice()))
    } else {
        (quote!(&#ty), quote!(value))
    };
    let doc = docs::outer(&format!("The `{}` member, if this value is one.", member.name));
    quote! {
        #doc
        #[inline]
        pub fn #method(&self) -> Option<#returns> {
            match self {
                #type_name::#variant(value) => Some(#value),
                _ => None,
            }
        }
    }
}

/// A string enum. `Unknown` keeps any other value, so it round-trips and can be sent.
fn enumeration(shape: &Shape, values: &[String], name: &str) -> TokenStream {
    let type_name = ident(name);
    let doc = docs::outer(&docs::prose(&shape.docs));
    // A value listed twice would be an unreachable match arm: keep the first.
    let mut seen = std::collections::BTreeSet::new();
    let values: Vec<&String> = values.iter().filter(|v| seen.insert(v.as_str())).collect();
    let mut namer = Namer::pascal();
    namer.reserve(&["Unknown"]);
    let variants: Vec<_> = values.iter().map(|v| ident(&namer.claim(names::variant_name(v)))).collect();
    let variant_docs: Vec<_> = values.iter().map(|v| docs::outer(&docs::code(v))).collect();
    let allow = allow_variant_names(name, &namer);
    // Everything else (equality by wire value, JSON, Display, …) is one
    // `impl_wire_enum!` line per module: see `file`.
    quote! {
        #doc
        #[derive(Debug, Clone)]
        #allow
        pub enum #type_name {
            #( #variant_docs #variants, )*
            /// A value this documentation does not list, sent and received as is.
            Unknown(String),
        }

        impl #type_name {
            /// The documented values, in documentation order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The wire value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #( #type_name::#variants => #values, )*
                    #type_name::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for #type_name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #( #values => #type_name::#variants, )*
                    other => #type_name::Unknown(other.to_owned()),
                }
            }
        }

    }
}

/// clippy's `enum_variant_names` objects to a variant that starts or ends with the enum's
/// name (`Status::StatusActive`); that is the service's naming, so say so where it happens.
pub fn allow_variant_names(enum_name: &str, variants: &Namer) -> Option<TokenStream> {
    let enum_words: Vec<&str> = names::words(enum_name);
    let clash = variants.claimed().any(|variant| {
        let words = names::words(variant);
        words.len() > enum_words.len() && (words.starts_with(&enum_words) || words.ends_with(&enum_words))
    });
    clash.then(|| quote!(#[allow(clippy::enum_variant_names)]))
}
