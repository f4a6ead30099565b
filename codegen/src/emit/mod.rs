//! The model → the `awsdoc-sdk` crate's files.
//!
//! Code is built with `quote`, parsed with `syn` and printed with `prettyplease`, one
//! module per output concern:
//!
//! | module | writes |
//! |---|---|
//! | [`manifest`] | `Cargo.toml`, `src/lib.rs`, `src/<service>/mod.rs` |
//! | [`types`] | `src/<service>/types.rs`: structs, unions, enums |
//! | [`errors`] | `src/<service>/errors.rs`: an error enum per operation |
//! | [`client`] | `src/<service>/client.rs`: the `Client` and its operation methods |
//! | [`paginators`] | `src/<service>/paginators.rs`: page and item streams |
//! | [`waiters`] | `src/<service>/waiters.rs`: waiter methods and schedules |
//! | [`schema`] | `src/<service>/schema.rs` (XML protocols): the shapes as the transport walks them |
//!
//! [`names`] and [`docs`] hold the naming and doc-comment rules; [`context`] the per-service
//! analysis (type names, boxing, `Default`). Output is deterministic: everything iterates
//! the model's `BTreeMap`s and `Vec`s in order.

pub mod client;
pub mod context;
pub mod docs;
pub mod errors;
#[doc(hidden)]
pub mod fixture;
pub mod manifest;
pub mod names;
pub mod paginators;
pub mod schema;
pub mod types;
pub mod waiters;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

use crate::model::Service;
use context::ServiceCx;
use names::Namer;

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the crate root: `src/dynamodb/types.rs`.
    pub path: PathBuf,
    pub contents: String,
}

/// Every file of the `awsdoc-sdk` crate for `services`, in a fixed order. A service
/// without [`Service::protocol`] gets clients that can only reach a transport that needs no
/// wire facts (a mock).
pub fn emit_crate(services: &[Service]) -> Vec<GeneratedFile> {
    let parts = emit_parts(services, None);
    let mut files = parts.crate_files;
    files.extend(parts.services.into_values().flatten());
    files
}

/// The crate's files split by owner: the crate-level ones and each service's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmittedParts {
    /// `Cargo.toml`, `src/lib.rs`: they list every service.
    pub crate_files: Vec<GeneratedFile>,
    /// Service name → its module's files.
    pub services: BTreeMap<String, Vec<GeneratedFile>>,
}

/// Emits the crate-level files for all `services` and the module files of those in `only`
/// (all when `None`), so a regeneration can redo just the services whose docs changed. The
/// result for a service does not depend on which others are emitted with it.
pub fn emit_parts(
    services: &[Service],
    only: Option<&std::collections::BTreeSet<String>>,
) -> EmittedParts {
    let mut sorted: Vec<&Service> = services.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let mut modules = Namer::snake();
    modules.reserve(&["runtime"]);
    let contexts: Vec<ServiceCx> = sorted
        .into_iter()
        .map(|service| {
            let mut cx = ServiceCx::new(service);
            cx.module = modules.claim(cx.module.clone());
            cx
        })
        .collect();

    let crate_files = vec![
        GeneratedFile { path: "Cargo.toml".into(), contents: manifest::cargo_toml(&contexts) },
        rust_file("src/lib.rs", manifest::lib_rs(&contexts)),
    ];
    docs::clear();
    let jobs: Vec<ServiceCx> =
        contexts.into_iter().filter(|cx| only.is_none_or(|o| o.contains(&cx.service.name))).collect();
    EmittedParts { crate_files, services: emit_services(jobs) }
}

/// Emits services in parallel, one thread per core taking the largest service left, so
/// that a big service started last does not leave the other cores idle. Each service's
/// files depend only on its own context, and the result is keyed by name: the output is
/// the same whatever the number of threads or the order they finish in.
fn emit_services(mut jobs: Vec<ServiceCx>) -> BTreeMap<String, Vec<GeneratedFile>> {
    // Ascending, so `pop` takes the largest.
    jobs.sort_by_key(|cx| (weight(cx.service), cx.service.name.clone()));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len());
    if workers <= 1 {
        return jobs.iter().map(|cx| (cx.service.name.clone(), emit_service(cx))).collect();
    }
    let queue = std::sync::Mutex::new(jobs);
    let next = || queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(cx) = next() {
                        done.push((cx.service.name.clone(), emit_service(&cx)));
                    }
                    done
                })
            })
            .collect();
        // A panic in an emitter is a bug; pass it on as it was.
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// Roughly how long a service takes to emit: its members, shapes and operations.
fn weight(service: &Service) -> usize {
    let members: usize = service
        .shapes
        .values()
        .map(|shape| match &shape.kind {
            crate::model::ShapeKind::Structure(s) => s.members.len(),
            crate::model::ShapeKind::Enum { values } => values.len(),
            _ => 0,
        })
        .sum();
    members + service.shapes.len() + 4 * service.operations.len()
}

/// The files of one service module. The order matters: types first, so the `types`
/// module's imports see every type use, and the client before paginators and waiters, so
/// operation methods keep their names.
fn emit_service(cx: &ServiceCx) -> Vec<GeneratedFile> {
    let dir = format!("src/{}", cx.module);
    let types = types::file(cx);
    let errors = errors::file(cx);
    let client = client::file(cx);
    let paginators = paginators::file(cx);
    let waiters = waiters::file(cx);
    let schema = schema::file(cx);
    let mut files = vec![
        rust_file(
            format!("{dir}/mod.rs"),
            manifest::service_mod_rs(cx, paginators.is_some(), waiters.is_some(), schema.is_some()),
        ),
        rust_file(format!("{dir}/types.rs"), types),
        rust_file(format!("{dir}/errors.rs"), errors),
        rust_file(format!("{dir}/client.rs"), client),
    ];
    if let Some(paginators) = paginators {
        files.push(rust_file(format!("{dir}/paginators.rs"), paginators));
    }
    if let Some(waiters) = waiters {
        files.push(rust_file(format!("{dir}/waiters.rs"), waiters));
    }
    if let Some(schema) = schema {
        files.push(rust_file(format!("{dir}/schema.rs"), schema));
    }
    docs::clear();
    files
}

fn rust_file(path: impl Into<PathBuf>, tokens: TokenStream) -> GeneratedFile {
    GeneratedFile { path: path.into(), contents: render(tokens) }
}

/// Pretty-prints a file's tokens under the generated-file marker.
///
/// Panics when the tokens do not parse: that is a bug in an emitter, not bad input, since
/// every name and literal in them has been sanitized.
pub fn render(tokens: TokenStream) -> String {
    // The tokens for the message only in debug builds (the tests): keeping a second handle
    // on them makes `syn` copy every one.
    #[cfg(debug_assertions)]
    let shown = tokens.clone();
    #[cfg(not(debug_assertions))]
    let shown = "(build with debug assertions to see the tokens)";
    let file: syn::File = match syn::parse2(tokens) {
        Ok(file) => file,
        Err(e) => panic!("emitted code does not parse: {e}\n{shown}"),
    };
    let printed = docs::fill(prettyplease::unparse(&file));
    format!("// {}\n\n{}", manifest::GENERATED_MARKER, space_items(&printed))
}

/// Puts a blank line between items (prettyplease prints them back to back), as a person
/// would: after the module docs, between import groups (std, external crates, this crate),
/// and between top-level items and `impl` members that close with `}` or `};`.
fn space_items(code: &str) -> String {
    fn indent(line: &str) -> usize {
        line.len() - line.trim_start().len()
    }
    fn import_group(line: &str) -> Option<u8> {
        let path = line.trim_start().strip_prefix("pub ").unwrap_or(line.trim_start()).strip_prefix("use ")?;
        Some(match path.split("::").next()? {
            "std" | "core" | "alloc" => 0,
            "super" | "crate" | "self" => 2,
            _ => 1,
        })
    }
    fn starts_item(line: &str) -> bool {
        let line = line.trim_start();
        ["#", "///", "pub ", "pub(", "fn ", "async fn ", "impl", "const ", "static ", "struct ", "enum ", "mod ", "use ", "type "]
            .iter()
            .any(|p| line.starts_with(p))
    }
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut prev: Option<&str> = None;
    for line in code.lines() {
        if let Some(p) = prev {
            let same_level = indent(p) == indent(line) && indent(line) <= 4;
            let blank = if p.starts_with("//!") {
                !line.starts_with("//!")
            } else if !same_level || !(starts_item(line) || (indent(line) == 0 && !line.starts_with(['}', ')', ']']))) {
                false
            } else if p.trim_start() == "}" || p.trim_start() == "};" || (indent(p) == 0 && p.ends_with(" {}")) {
                true
            } else if p.ends_with(';') && indent(line) == 0 {
                match (import_group(p), import_group(line)) {
                    (Some(a), Some(b)) => a != b,
                    _ => !(is_mod(p) && is_mod(line)),
                }
            } else {
                false
            };
            if blank {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}

fn is_mod(line: &str) -> bool {
    line.starts_with("mod ") || line.starts_with("pub mod ")
}

/// Writes `files` under `root`, first removing `root/src` if an earlier emit wrote it (its
/// `Cargo.toml` has the marker), so that services dropped from the model disappear.
pub fn write_crate(root: &Path, files: &[GeneratedFile]) -> io::Result<()> {
    let manifest = root.join("Cargo.toml");
    let ours = std::fs::read_to_string(&manifest).map(|m| m.contains(manifest::GENERATED_MARKER)).unwrap_or(false);
    if ours && root.join("src").is_dir() {
        std::fs::remove_dir_all(root.join("src"))?;
    }
    for file in files {
        let path = root.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &file.contents)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
