//! Keeping only some operations of a service, and exactly the shapes they reach.
//!
//! Users who call three DynamoDB operations should not compile three hundred types
//! (`--only dynamodb:ListBackups,DescribeBackup`); snapshot tests pin single operations.

use std::collections::BTreeSet;

use crate::model::{Service, ShapeKind};

/// A `service:Op,Op` selection, as `--only` takes it (several separated by `;` or given
/// repeatedly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub service: String,
    pub operations: Vec<String>,
}

impl Selection {
    /// `dynamodb:ListBackups,DescribeBackup`; a bare `dynamodb` keeps every operation.
    pub fn parse(text: &str) -> Result<Selection, String> {
        let (service, ops) = match text.split_once(':') {
            Some((s, ops)) => (s.trim(), ops.split(',').map(|o| o.trim().to_string()).filter(|o| !o.is_empty()).collect()),
            None => (text.trim(), Vec::new()),
        };
        if service.is_empty() || service.contains(|c: char| c.is_whitespace() || c == '/') {
            return Err(format!("`{text}`: expected `service` or `service:Operation,Operation`"));
        }
        Ok(Selection { service: service.to_string(), operations: ops })
    }

    /// Every `--only` value given: each may hold several selections separated by `;`, and a
    /// service named more than once keeps the union of its operations (a bare service name
    /// keeps all of them). Services come out in the order first named.
    pub fn parse_all<S: AsRef<str>>(texts: &[S]) -> Result<Vec<Selection>, String> {
        let mut out: Vec<Selection> = Vec::new();
        for part in texts.iter().flat_map(|t| t.as_ref().split(';')).filter(|p| !p.trim().is_empty()) {
            let sel = Selection::parse(part)?;
            match out.iter_mut().find(|s| s.service == sel.service) {
                Some(s) if s.operations.is_empty() || sel.operations.is_empty() => s.operations.clear(),
                Some(s) => {
                    for op in sel.operations {
                        if !s.operations.contains(&op) {
                            s.operations.push(op);
                        }
                    }
                }
                None => out.push(sel),
            }
        }
        if out.is_empty() {
            return Err("--only: expected `service` or `service:Operation,Operation`".to_string());
        }
        Ok(out)
    }
}

/// The service with only `operations` (PascalCase names), their paginators and waiters, and
/// the shapes they reach. An empty list keeps everything.
pub fn select(service: &Service, operations: &[String]) -> Result<Service, String> {
    if operations.is_empty() {
        return Ok(service.clone());
    }
    if let Some(missing) = operations.iter().find(|o| !service.operations.contains_key(*o)) {
        let near: Vec<&str> = service
            .operations
            .keys()
            .filter(|k| k.eq_ignore_ascii_case(missing) || service.operations[*k].method == *missing)
            .map(String::as_str)
            .collect();
        let hint = if near.is_empty() { String::new() } else { format!(" (did you mean {}?)", near.join(", ")) };
        return Err(format!("{}: no operation `{missing}`{hint}", service.name));
    }
    let mut out = service.clone();
    out.operations.retain(|name, _| operations.contains(name));
    out.paginators.retain(|name, _| operations.contains(name));
    out.waiters.retain(|_, w| operations.contains(&w.operation));

    let mut reached = BTreeSet::new();
    let mut todo: Vec<&str> = out
        .operations
        .values()
        .flat_map(|op| op.input.iter().chain(op.output.iter()).chain(op.errors.iter()))
        .map(String::as_str)
        .collect();
    while let Some(name) = todo.pop() {
        if !reached.insert(name.to_string()) {
            continue;
        }
        match service.shapes.get(name).map(|s| &s.kind) {
            Some(ShapeKind::Structure(s)) => todo.extend(s.members.iter().map(|m| m.target.as_str())),
            Some(ShapeKind::List { member }) => todo.push(member),
            Some(ShapeKind::Map { key, value }) => todo.extend([key.as_str(), value.as_str()]),
            _ => {}
        }
    }
    out.shapes.retain(|name, _| reached.contains(name));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Member, Operation, Shape, Structure};

    fn service() -> Service {
        let mut s = Service { name: "svc".into(), ..Default::default() };
        for (op, input) in [("A", "AInput"), ("B", "BInput")] {
            s.operations.insert(
                op.into(),
                Operation { name: op.into(), method: op.to_lowercase(), input: Some(input.into()), ..Default::default() },
            );
        }
        let shape = |name: &str, kind| Shape::new(name, String::new(), kind);
        let with = |target: &str| {
            ShapeKind::Structure(Structure {
                members: vec![Member { name: "M".into(), target: target.into(), ..Default::default() }],
                ..Default::default()
            })
        };
        s.shapes.insert("AInput".into(), shape("AInput", with("Tags")));
        s.shapes.insert("Tags".into(), shape("Tags", ShapeKind::List { member: "String".into() }));
        s.shapes.insert("String".into(), shape("String", ShapeKind::String));
        s.shapes.insert("BInput".into(), shape("BInput", with("Integer")));
        s.shapes.insert("Integer".into(), shape("Integer", ShapeKind::Integer));
        s
    }

    #[test]
    fn keeps_what_the_operations_reach() {
        let s = select(&service(), &["A".into()]).unwrap();
        assert_eq!(s.operations.keys().collect::<Vec<_>>(), ["A"]);
        assert_eq!(s.shapes.keys().collect::<Vec<_>>(), ["AInput", "String", "Tags"]);
    }

    #[test]
    fn unknown_operation_suggests() {
        let e = select(&service(), &["a".into()]).unwrap_err();
        assert_eq!(e, "svc: no operation `a` (did you mean A?)");
    }

    #[test]
    fn parses_selections() {
        assert_eq!(
            Selection::parse("dynamodb:ListBackups, DescribeBackup").unwrap(),
            Selection { service: "dynamodb".into(), operations: vec!["ListBackups".into(), "DescribeBackup".into()] }
        );
        assert_eq!(Selection::parse("dynamodb").unwrap().operations, Vec::<String>::new());
        assert!(Selection::parse(":X").is_err());
    }

    #[test]
    fn parses_repeated_and_semicolon_separated_selections() {
        let all = Selection::parse_all(&["dynamodb:ListBackups;backup:ListBackupJobs", "dynamodb:DescribeBackup,ListBackups"]).unwrap();
        assert_eq!(
            all,
            [
                Selection { service: "dynamodb".into(), operations: vec!["ListBackups".into(), "DescribeBackup".into()] },
                Selection { service: "backup".into(), operations: vec!["ListBackupJobs".into()] },
            ]
        );
        // A bare service name means all of its operations, whatever else names it.
        assert_eq!(Selection::parse_all(&["s3:GetObject", "s3"]).unwrap()[0].operations, Vec::<String>::new());
        assert!(Selection::parse_all(&[" ; "]).is_err());
    }
}
