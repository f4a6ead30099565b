//! Changelogs as deltas on a service's pages.
//!
//! Base pages carry no date, so each service folder records when its pages were captured
//! (`captured.txt`). Changelogs newer than that are applied in date order: a changed method
//! takes its new definition, a new method is added. One dated on or before the capture is
//! already contained in the pages: it is only checked, so an old page can never roll a
//! method back. After assembly every `Changes` dict is checked against the model.

use std::path::Path;

use crate::model::assemble::ServicePages;
use crate::parse::changelog::{Added, ChangeKind, ChangeTree, Changelog};
use crate::model::{ChangelogStamp, Service, ShapeKind};
use crate::parse::page::{Diagnostic, MethodKind};

/// The capture file beside a service's pages: `date: YYYY-MM-DD` and free-form lines.
pub const CAPTURED_FILE: &str = "captured.txt";

/// Reads the capture date from `captured.txt` (`date: 2026-10-30`).
pub fn read_capture_date(path: &Path, text: &str) -> Result<String, Diagnostic> {
    for (i, line) in text.split('\n').enumerate() {
        if let Some(date) = line.trim().strip_prefix("date:") {
            let date = date.trim();
            if is_iso_date(date) {
                return Ok(date.to_string());
            }
            return Err(Diagnostic::new(path, i as u32 + 1, format!("expected a date as YYYY-MM-DD, found `{date}`")));
        }
    }
    Err(Diagnostic::new(path, 0, "expected a line `date: YYYY-MM-DD` saying when the pages were captured"))
}

fn is_iso_date(s: &str) -> bool {
    s.len() == 10 && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() })
}

/// Applies the changelogs newer than `captured` to `pages`, in date order. Returns warnings.
pub fn apply_changelogs(pages: &mut ServicePages, changelogs: &[Changelog], captured: &str) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut ordered: Vec<&Changelog> = changelogs.iter().collect();
    ordered.sort_by(|a, b| (&a.date, &a.file).cmp(&(&b.date, &b.file)));
    let class_name = pages
        .index
        .as_ref()
        .map(|i| i.class_name.clone())
        .or_else(|| pages.methods.first().map(|p| p.class_name.clone()))
        .unwrap_or_default();
    for log in ordered.into_iter().filter(|log| log.date.as_str() > captured) {
        let file_name = log.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        for method in &log.methods {
            let mut page = method.page.clone();
            page.class_name.clone_from(&class_name);
            page.operation = Some(method.name.clone());
            let existing = pages
                .methods
                .iter()
                .position(|p| p.kind == MethodKind::Client && p.operation.as_deref() == Some(method.name.as_str()));
            match existing {
                Some(i) => {
                    if method.change == ChangeKind::New {
                        warnings.push(Diagnostic::new(
                            &log.file,
                            method.line,
                            format!("{} is marked new but already documented; applied as an update", method.name),
                        ));
                    }
                    let old = std::mem::replace(&mut pages.methods[i], page);
                    // The changelog has no Exceptions list: the errors stay as they were.
                    pages.methods[i].errors.clone_from(&old.errors);
                    if pages.methods[i].uid.is_none() {
                        pages.methods[i].uid.clone_from(&old.uid);
                    }
                    // Paginator tokens are found by comparing with the page as the paginator
                    // page saw it; keep the first (base) version for that.
                    pages.superseded.entry(method.name.clone()).or_insert(old);
                }
                None => {
                    if method.change == ChangeKind::Updated {
                        warnings.push(Diagnostic::new(
                            &log.file,
                            method.line,
                            format!("{} is marked updated but has no earlier page; added as new", method.name),
                        ));
                    }
                    pages.methods.push(page);
                }
            }
            pages.stamps.insert(
                method.name.clone(),
                ChangelogStamp { date: log.date.clone(), file: file_name.clone(), change: method.change.as_str().to_string() },
            );
        }
    }
    warnings
}

/// Checks that what each `Changes` dict says was added is in the model.
pub fn check_changelogs(service: &Service, changelogs: &[Changelog]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for log in changelogs {
        for method in &log.methods {
            let Some(op) = service.operations.get(&method.name) else {
                warnings.push(Diagnostic::new(&log.file, method.line, format!("{}: no such operation in the model", method.name)));
                continue;
            };
            let sides = [("request", &method.request_changes, &op.input), ("response", &method.response_changes, &op.output)];
            for (side, changes, root) in sides {
                let Some(changes) = changes else { continue };
                for (path, added) in changes.paths() {
                    if let Err(why) = check_path(service, root.as_deref(), &path, &added) {
                        warnings.push(Diagnostic::new(
                            &log.file,
                            method.line,
                            format!("{} {side}: the Changes dict adds `{path}`, but {why}", method.name),
                        ));
                    }
                }
            }
        }
    }
    warnings
}

/// Steps through lists and map values, as the Changes dicts leave them out.
fn deref<'a>(service: &'a Service, mut name: &'a str) -> &'a str {
    for _ in 0..16 {
        match service.shapes.get(name).map(|s| &s.kind) {
            Some(ShapeKind::List { member }) => name = member,
            Some(ShapeKind::Map { value, .. }) => name = value,
            _ => break,
        }
    }
    name
}

fn check_path(service: &Service, root: Option<&str>, path: &str, added: &Added) -> Result<(), String> {
    let mut shape = root.ok_or("the operation has no such side in the model")?;
    for segment in path.split('.') {
        let current = deref(service, shape);
        let Some(ShapeKind::Structure(s)) = service.shapes.get(current).map(|s| &s.kind) else {
            return Err(format!("`{current}` is not a structure"));
        };
        let member = s.members.iter().find(|m| m.name == segment).ok_or_else(|| format!("`{current}` has no member `{segment}`"))?;
        shape = &member.target;
    }
    let target = deref(service, shape);
    let kind = service.shapes.get(target).map(|s| &s.kind);
    match added {
        Added::EnumValues(values) => match kind {
            Some(ShapeKind::Enum { values: have }) => match values.iter().find(|v| !have.contains(v)) {
                Some(v) => Err(format!("enum `{target}` lacks `{v}`")),
                None => Ok(()),
            },
            _ => Err(format!("`{target}` is not an enum")),
        },
        Added::Member(tree) => {
            if type_fits(tree, kind) {
                Ok(())
            } else {
                Err(format!("the model's `{target}` has another type"))
            }
        }
    }
}

/// Whether a `Changes` leaf (`'string'`, `'A | B'`, …) fits the model's shape kind.
fn type_fits(tree: &ChangeTree, kind: Option<&ShapeKind>) -> bool {
    let Some(kind) = kind else { return false };
    match tree {
        ChangeTree::Enum(values) => matches!(kind, ShapeKind::Enum { values: have } if values.iter().all(|v| have.contains(v))),
        ChangeTree::Type(t) => match t.as_str() {
            "string" => matches!(kind, ShapeKind::String | ShapeKind::Enum { .. }),
            "integer" | "long" => matches!(kind, ShapeKind::Integer | ShapeKind::Long),
            "double" | "float" => matches!(kind, ShapeKind::Double | ShapeKind::Float),
            "boolean" => matches!(kind, ShapeKind::Boolean),
            "timestamp" => matches!(kind, ShapeKind::Timestamp),
            "blob" => matches!(kind, ShapeKind::Blob { .. }),
            "document" => matches!(kind, ShapeKind::Document),
            "structure" => matches!(kind, ShapeKind::Structure(_)),
            "list" => matches!(kind, ShapeKind::List { .. }),
            "map" => matches!(kind, ShapeKind::Map { .. }),
            _ => true,
        },
        ChangeTree::Dict(_) => matches!(kind, ShapeKind::Structure(_) | ShapeKind::Map { .. }),
        ChangeTree::List(_) => matches!(kind, ShapeKind::List { .. }),
        ChangeTree::EnumValues(_) => matches!(kind, ShapeKind::Enum { .. }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_dates() {
        let p = Path::new("captured.txt");
        assert_eq!(read_capture_date(p, "source: boto3 1.44.5\ndate: 2026-10-30\n").unwrap(), "2026-10-30");
        let e = read_capture_date(p, "date: yesterday").unwrap_err();
        assert_eq!(e.to_string(), "captured.txt:1: expected a date as YYYY-MM-DD, found `yesterday`");
        assert!(read_capture_date(p, "nothing").is_err());
    }
}
