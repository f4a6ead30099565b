//! What changed between two models of a service, in terms a reader of a changelog uses:
//! operations added or changed, members added, enum values added.
//!
//! Shape names are not compared (they are derived, not documented): a model is reduced to
//! its [`facts`], one line per member path, as the scorer sees it.

use std::collections::BTreeMap;

use crate::model::{Service, ShapeKind};

/// `Op.output.Items[].Name` → `string`, `enum[A,B]`, `structure required`, …, plus
/// `Op.errors` and `Op.paginator` lines. Recursion stops at a shape already on the path.
pub fn facts(service: &Service) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (name, op) in &service.operations {
        out.insert(format!("{name}.errors"), op.errors.join(","));
        for (side, root) in [("input", &op.input), ("output", &op.output)] {
            if let Some(root) = root {
                walk(service, root, &format!("{name}.{side}"), false, &mut Vec::new(), &mut out);
            }
        }
    }
    for (name, p) in &service.paginators {
        out.insert(
            format!("{name}.paginator"),
            format!("{:?} {:?} {:?} {:?}", p.input_token, p.output_token, p.limit_key, p.result_key),
        );
    }
    out
}

fn walk(service: &Service, shape: &str, path: &str, required: bool, stack: &mut Vec<String>, out: &mut BTreeMap<String, String>) {
    let Some(kind) = service.shapes.get(shape).map(|s| &s.kind) else {
        out.insert(path.to_string(), format!("missing shape {shape}"));
        return;
    };
    let describe = match kind {
        ShapeKind::Structure(_) => "structure".to_string(),
        ShapeKind::List { .. } => "list".into(),
        ShapeKind::Map { .. } => "map".into(),
        ShapeKind::Enum { values } => format!("enum[{}]", values.join(",")),
        other => format!("{other:?}").to_lowercase(),
    };
    out.insert(path.to_string(), if required { format!("{describe} required") } else { describe });
    if stack.iter().any(|s| s == shape) {
        return;
    }
    stack.push(shape.to_string());
    match kind {
        ShapeKind::Structure(s) => {
            for m in &s.members {
                walk(service, &m.target, &format!("{path}.{}", m.name), m.required, stack, out);
            }
        }
        ShapeKind::List { member } => walk(service, member, &format!("{path}[]"), false, stack, out),
        ShapeKind::Map { key, value } => {
            walk(service, key, &format!("{path}{{key}}"), false, stack, out);
            walk(service, value, &format!("{path}{{value}}"), false, stack, out);
        }
        _ => {}
    }
    stack.pop();
}

/// A short account of the change from `old` to `new`, one line per item; empty when the
/// structure is the same (docs may still differ).
pub fn describe_changes(old: &Service, new: &Service) -> Vec<String> {
    let mut lines = Vec::new();
    for name in new.operations.keys().filter(|n| !old.operations.contains_key(*n)) {
        lines.push(format!("+ operation {name}"));
    }
    for name in old.operations.keys().filter(|n| !new.operations.contains_key(*n)) {
        lines.push(format!("- operation {name}"));
    }
    let (a, b) = (facts(old), facts(new));
    let mut changed_ops: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (path, fact) in &b {
        let op = path.split('.').next().unwrap_or_default();
        if !old.operations.contains_key(op) {
            continue; // reported as a new operation
        }
        match a.get(path) {
            None => changed_ops.entry(op).or_default().push(format!("+ {}", &path[op.len() + 1..])),
            Some(before) if before != fact => {
                let detail = match (enum_values(before), enum_values(fact)) {
                    (Some(x), Some(y)) => {
                        let added: Vec<&str> = y.iter().filter(|v| !x.contains(v)).copied().collect();
                        let removed: Vec<&str> = x.iter().filter(|v| !y.contains(v)).copied().collect();
                        let mut d = Vec::new();
                        if !added.is_empty() {
                            d.push(format!("enum values added: {}", added.join(", ")));
                        }
                        if !removed.is_empty() {
                            d.push(format!("enum values removed: {}", removed.join(", ")));
                        }
                        d.join("; ")
                    }
                    _ => format!("{before} → {fact}"),
                };
                changed_ops.entry(op).or_default().push(format!("~ {}: {detail}", &path[op.len() + 1..]));
            }
            Some(_) => {}
        }
    }
    for path in a.keys().filter(|p| !b.contains_key(*p)) {
        let op = path.split('.').next().unwrap_or_default();
        if new.operations.contains_key(op) {
            changed_ops.entry(op).or_default().push(format!("- {}", &path[op.len() + 1..]));
        }
    }
    for (op, details) in changed_ops {
        lines.push(format!("~ operation {op}"));
        lines.extend(details.into_iter().map(|d| format!("    {d}")));
    }
    lines
}

fn enum_values(fact: &str) -> Option<Vec<&str>> {
    let inner = fact.strip_prefix("enum[")?.split(']').next()?;
    Some(inner.split(',').collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Member, Operation, Shape, Structure};

    fn service(members: &[(&str, &str)], values: &[&str]) -> Service {
        let mut s = Service { name: "svc".into(), ..Default::default() };
        s.operations.insert("Get".into(), Operation { name: "Get".into(), output: Some("GetOutput".into()), ..Default::default() });
        let members = members
            .iter()
            .map(|(n, t)| Member { name: n.to_string(), target: t.to_string(), ..Default::default() })
            .collect();
        let shape = |name: &str, kind| Shape::new(name, String::new(), kind);
        s.shapes.insert("GetOutput".into(), shape("GetOutput", ShapeKind::Structure(Structure { members, ..Default::default() })));
        s.shapes.insert("String".into(), shape("String", ShapeKind::String));
        s.shapes.insert("State".into(), shape("State", ShapeKind::Enum { values: values.iter().map(|v| v.to_string()).collect() }));
        s
    }

    #[test]
    fn members_and_enum_values_added() {
        let old = service(&[("Id", "String"), ("State", "State")], &["A"]);
        let new = service(&[("Id", "String"), ("State", "State"), ("Name", "String")], &["A", "B"]);
        assert_eq!(
            describe_changes(&old, &new),
            ["~ operation Get", "    + output.Name", "    ~ output.State: enum values added: B"]
        );
        assert!(describe_changes(&new, &new).is_empty());
    }
}
