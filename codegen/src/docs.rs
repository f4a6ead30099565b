//! Reading a documentation folder: one folder per service, any mix of forms.
//!
//! ```text
//! <docs>/<service>.rst or <docs>/<service>/<service>.rst   index page (optional)
//! <docs>/<service>/{client,paginator,waiter}/*.rst|*.txt     method pages, RST or plain text
//! <docs>/<service>/changelogs/*.txt                          "AWS API changes" pages
//! <docs>/<service>/captured.txt                              when the pages were captured
//! <docs>/<service>/reference/API_*.md                         AWS API Reference pages (Markdown)
//! <docs>/<service>/protocol.json                             wire facts no page gives (hand-written)
//! <docs>/<service>/waiters.json                              waiter acceptors the docs cannot show (hand-written)
//! ```
//! Other folders (boto3's resource pages) are not part of the API model and are skipped.
//! When a page exists in both forms, the RST one is read.

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::assemble::ServicePages;
use crate::parse::page::{Diagnostic, MethodPage};
use crate::model::apply::{apply_changelogs, read_capture_date, CAPTURED_FILE};
use crate::parse::changelog::{self, Changelog};
use crate::parse::apiref::{self, RefPage};
use crate::parse::{plaintext, rst};

/// The method-page folders boto3 writes.
const PAGE_KINDS: [&str; 3] = ["client", "paginator", "waiter"];

/// What one service folder holds, by path, before anything is parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceFiles {
    pub name: String,
    pub index: Option<PathBuf>,
    /// Method pages, sorted.
    pub pages: Vec<PathBuf>,
    /// Changelog pages, sorted.
    pub changelogs: Vec<PathBuf>,
    pub captured: Option<PathBuf>,
    pub protocol: Option<PathBuf>,
    /// `waiters.json`: hand-written waiter acceptors.
    pub waiter_facts: Option<PathBuf>,
    /// API Reference pages (`reference/*.md`, without `SOURCES.md`), sorted.
    pub reference: Vec<PathBuf>,
}

/// A service's pages with its changelogs applied, and the changelogs (to check afterwards).
#[derive(Debug, Clone, Default)]
pub struct ServiceDocs {
    pub pages: ServicePages,
    pub changelogs: Vec<Changelog>,
}

/// Lists the services under `docs`, sorted by name. `only` restricts to those names.
pub fn discover(docs: &Path, only: Option<&[String]>) -> Result<Vec<ServiceFiles>, Diagnostic> {
    let entries = read_dir_sorted(docs)?;
    let mut services = Vec::new();
    for dir in entries.iter().filter(|p| p.is_dir()) {
        let Some(name) = dir.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
        if name.starts_with('.') || only.is_some_and(|o| !o.contains(&name)) {
            continue;
        }
        let mut files = ServiceFiles { name: name.clone(), ..Default::default() };
        for index in [docs.join(format!("{name}.rst")), dir.join(format!("{name}.rst"))] {
            if index.is_file() {
                files.index = Some(index);
            }
        }
        for kind in PAGE_KINDS {
            let sub = dir.join(kind);
            if !sub.is_dir() {
                continue;
            }
            let listed = read_dir_sorted(&sub)?;
            for path in &listed {
                let ext = path.extension().and_then(|e| e.to_str());
                let has_rst_twin = ext == Some("txt") && listed.contains(&path.with_extension("rst"));
                if matches!(ext, Some("rst" | "txt")) && !has_rst_twin {
                    files.pages.push(path.clone());
                }
            }
        }
        let changelogs = dir.join("changelogs");
        if changelogs.is_dir() {
            files.changelogs =
                read_dir_sorted(&changelogs)?.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
        }
        let captured = dir.join(CAPTURED_FILE);
        files.captured = captured.is_file().then_some(captured);
        let reference = dir.join("reference");
        if reference.is_dir() {
            files.reference = read_dir_sorted(&reference)?
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "md") && p.file_name().is_some_and(|n| n != "SOURCES.md"))
                .collect();
        }
        let protocol = dir.join("protocol.json");
        files.protocol = protocol.is_file().then_some(protocol);
        let waiter_facts = dir.join(crate::model::waiter_facts::WAITERS_FILE);
        files.waiter_facts = waiter_facts.is_file().then_some(waiter_facts);
        if files.index.is_some() || !files.pages.is_empty() {
            services.push(files);
        }
    }
    if let Some(only) = only {
        if let Some(missing) = only.iter().find(|n| !services.iter().any(|s| &s.name == *n)) {
            return Err(Diagnostic::new(docs, 0, format!("no documentation folder for service `{missing}`")));
        }
    }
    Ok(services)
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let read = fs::read_dir(dir).map_err(|e| Diagnostic::new(dir, 0, format!("cannot read folder: {e}")))?;
    let mut paths: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Ok(paths)
}

/// Reads a page as text, naming the file on failure (not UTF-8, unreadable).
pub fn read_page(path: &Path) -> Result<String, Diagnostic> {
    let bytes = fs::read(path).map_err(|e| Diagnostic::new(path, 0, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count();
        Diagnostic::new(path, line as u32, "expected UTF-8 text")
    })
}

/// Parses one method page in whichever form its extension says.
pub fn parse_method_page(path: &Path) -> Result<Option<MethodPage>, Diagnostic> {
    let text = read_page(path)?;
    if path.extension().is_some_and(|e| e == "txt") {
        return plaintext::parse_page(path, &text).map(Some);
    }
    match rst::parse_page(path, &text)? {
        rst::RstPage::Method(page) => Ok(Some(page)),
        rst::RstPage::Resource => Ok(None),
        rst::RstPage::Index(_) => Err(Diagnostic::new(
            path,
            1,
            "expected a client, paginator or waiter page here; found a service index page",
        )),
    }
}

/// Parses every API Reference page of the given services, in parallel; per service, in
/// file order. Returns every error found.
pub fn parse_references(services: &[ServiceFiles]) -> Result<Vec<Vec<RefPage>>, Vec<Diagnostic>> {
    let jobs: Vec<(usize, &Path)> =
        services.iter().enumerate().flat_map(|(i, s)| s.reference.iter().map(move |p| (i, p.as_path()))).collect();
    let results = crate::parallel::map(&jobs, |(_, path)| read_page(path).and_then(|text| apiref::parse_page(path, &text)));
    let mut out: Vec<Vec<RefPage>> = vec![Vec::new(); services.len()];
    let mut errors = Vec::new();
    for ((svc, _), result) in jobs.iter().zip(results) {
        match result {
            Ok(page) => out[*svc].push(page),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.sort();
        Err(errors)
    }
}

/// Parses every page of the given services, in parallel across files, groups the pages by
/// service and applies the changelogs. Returns every error found, not just the first.
pub fn parse_services(services: &[ServiceFiles]) -> Result<(Vec<ServiceDocs>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let jobs: Vec<(usize, &Path)> =
        services.iter().enumerate().flat_map(|(i, s)| s.pages.iter().map(move |p| (i, p.as_path()))).collect();
    let results = crate::parallel::map(&jobs, |(_, path)| parse_method_page(path));
    let mut errors = Vec::new();
    let mut out: Vec<ServicePages> =
        services.iter().map(|s| ServicePages { name: s.name.clone(), ..Default::default() }).collect();
    for ((svc, _), result) in jobs.iter().zip(results) {
        let svc = *svc;
        match result {
            Ok(Some(page)) => out[svc].methods.push(page),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    let mut warnings = Vec::new();
    let mut docs = Vec::with_capacity(out.len());
    for (files, mut pages) in services.iter().zip(out) {
        if let Some(index) = &files.index {
            match read_page(index).and_then(|text| rst::parse_page(index, &text)) {
                Ok(rst::RstPage::Index(page)) => pages.index = Some(page),
                Ok(_) => errors.push(Diagnostic::new(index, 1, "expected a service index page (`<Class>.Client` section)")),
                Err(e) => errors.push(e),
            }
        }
        let mut changelogs = Vec::new();
        for path in &files.changelogs {
            match read_page(path).and_then(|text| changelog::parse_page(path, &text)) {
                Ok(log) => changelogs.push(log),
                Err(e) => errors.push(e),
            }
        }
        if !changelogs.is_empty() {
            let captured = match &files.captured {
                Some(path) => read_page(path).and_then(|text| read_capture_date(path, &text)),
                None => Err(Diagnostic::new(
                    Path::new(&files.name).join(CAPTURED_FILE),
                    0,
                    "expected this file (`date: YYYY-MM-DD`): changelogs are applied only when newer than the pages",
                )),
            };
            match captured {
                Ok(date) => warnings.extend(apply_changelogs(&mut pages, &changelogs, &date)),
                Err(e) => errors.push(e),
            }
        }
        docs.push(ServiceDocs { pages, changelogs });
    }
    if errors.is_empty() {
        Ok((docs, warnings))
    } else {
        errors.sort();
        Err(errors)
    }
}
