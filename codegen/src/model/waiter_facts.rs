//! `docs-input/<service>/waiters.json`: the acceptors the docs cannot show, hand-written,
//! for the waiters [`crate::model::waiter_infer`] gets wrong.
//!
//! ```json
//! { "waiters": { "InstanceExists": { "operation": "DescribeInstances", "acceptors": [
//!     { "state": "success", "matcher": "path", "argument": "length(Reservations[]) > `0`",
//!       "expected": true, "$comment": "why" } ] } } }
//! ```
//!
//! A waiter listed here takes exactly these acceptors. Each acceptor needs a `"$comment"`
//! saying why; a waiter, operation or output member path the model does not know is an
//! error at its line.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::model::{Acceptor, AcceptorSource, AcceptorState, Expected, Matcher, Service, ShapeKind};
use crate::parse::page::Diagnostic;

pub const WAITERS_FILE: &str = "waiters.json";

/// One file's facts: waiter name → its acceptors, with the line each was written on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WaiterFacts {
    pub path: PathBuf,
    pub waiters: BTreeMap<String, WaiterFact>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct WaiterFact {
    pub line: u32,
    pub operation: Option<String>,
    /// Acceptors and the line of each.
    pub acceptors: Vec<(Acceptor, u32)>,
}

pub fn read_waiter_facts(path: &Path) -> Result<WaiterFacts, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| Diagnostic::new(path, 0, format!("cannot read: {e}")))?;
    parse_waiter_facts(path, &text)
}

/// The 1-based line of the `nth` occurrence of `needle` at or after byte `from`.
fn line_of(text: &str, from: usize, needle: &str, nth: usize) -> (u32, usize) {
    let mut at = from.min(text.len());
    for _ in 0..=nth {
        match text.get(at..).and_then(|rest| rest.find(needle)) {
            Some(i) => at += i + needle.len(),
            None => return (0, from),
        }
    }
    (1 + text[..at].matches('\n').count() as u32, at)
}

pub fn parse_waiter_facts(path: &Path, text: &str) -> Result<WaiterFacts, Diagnostic> {
    let raw: Value = serde_json::from_str(text)
        .map_err(|e| Diagnostic::new(path, e.line() as u32, format!("not valid JSON: {e}")))?;
    let err = |line: u32, m: String| Diagnostic::new(path, line, m);
    let top = raw.as_object().ok_or_else(|| err(1, "expected an object with \"waiters\"".into()))?;
    if let Some(key) = top.keys().find(|k| *k != "waiters" && *k != "$comment") {
        return Err(err(line_of(text, 0, &format!("\"{key}\""), 0).0, format!("unknown key {key:?}: expected \"waiters\"")));
    }
    let waiters = top.get("waiters").and_then(Value::as_object).ok_or_else(|| err(1, "expected \"waiters\": {…}".into()))?;
    let mut facts = WaiterFacts { path: path.to_path_buf(), waiters: BTreeMap::new() };
    for (name, body) in waiters {
        let (line, start) = line_of(text, 0, &format!("\"{name}\""), 0);
        let body = body.as_object().ok_or_else(|| err(line, format!("waiter {name}: expected an object")))?;
        if let Some(key) = body.keys().find(|k| !matches!(k.as_str(), "operation" | "acceptors" | "$comment")) {
            return Err(err(line, format!("waiter {name}: unknown key {key:?}")));
        }
        let operation = match body.get("operation") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => return Err(err(line, format!("waiter {name}: \"operation\" must be a string"))),
        };
        let list = body
            .get("acceptors")
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| err(line, format!("waiter {name}: expected a non-empty \"acceptors\" list")))?;
        let mut acceptors = Vec::new();
        for (i, a) in list.iter().enumerate() {
            let (aline, _) = line_of(text, start, "\"matcher\"", i);
            acceptors.push((parse_acceptor(a).map_err(|m| err(aline, format!("waiter {name}, acceptor {}: {m}", i + 1)))?, aline));
        }
        facts.waiters.insert(name.clone(), WaiterFact { line, operation, acceptors });
    }
    Ok(facts)
}

fn parse_acceptor(a: &Value) -> Result<Acceptor, String> {
    let o = a.as_object().ok_or("expected an object")?;
    if let Some(key) = o.keys().find(|k| !matches!(k.as_str(), "state" | "matcher" | "argument" | "expected" | "$comment")) {
        return Err(format!("unknown key {key:?}"));
    }
    if o.get("$comment").and_then(Value::as_str).is_none_or(|c| c.trim().is_empty()) {
        return Err("needs a \"$comment\" saying why it is written by hand".into());
    }
    let state = match o.get("state").and_then(Value::as_str) {
        Some("success") => AcceptorState::Success,
        Some("failure") => AcceptorState::Failure,
        Some("retry") => AcceptorState::Retry,
        other => return Err(format!("state must be success, failure or retry, not {other:?}")),
    };
    let expected = o.get("expected").ok_or("needs \"expected\"")?;
    let argument = || o.get("argument").and_then(Value::as_str).map(str::to_string).ok_or("needs a string \"argument\"");
    let value = || match expected {
        Value::Bool(b) => Ok(Expected::Bool(*b)),
        Value::String(s) => Ok(Expected::Str(s.clone())),
        Value::Number(n) => n.as_i64().map(Expected::Int).ok_or("expected must be a string, boolean or integer"),
        _ => Err("expected must be a string, boolean or integer"),
    };
    let matcher = match o.get("matcher").and_then(Value::as_str) {
        Some("path") => Matcher::Path { argument: argument()?, expected: value()? },
        Some("pathAll") => Matcher::PathAll { argument: argument()?, expected: value()? },
        Some("pathAny") => Matcher::PathAny { argument: argument()?, expected: value()? },
        Some("status") => Matcher::Status {
            expected: expected.as_u64().and_then(|n| u16::try_from(n).ok()).ok_or("status expects an HTTP status number")?,
        },
        Some("error") => match expected {
            Value::String(s) => Matcher::Error { expected: s.clone() },
            Value::Bool(b) => Matcher::AnyError { expected: *b },
            _ => return Err("error expects an error code or a boolean".into()),
        },
        other => return Err(format!("matcher must be path, pathAll, pathAny, status or error, not {other:?}")),
    };
    Ok(Acceptor { state, matcher })
}

/// The member names a path argument walks, per segment:
/// ``length(Reservations[].Instances[]) > `0` `` gives `[Reservations, Instances]`; `None`
/// when it is outside the subset the runtime evaluates.
pub fn path_members(argument: &str) -> Option<Vec<String>> {
    let mut expr = argument.trim();
    for op in ["==", "!=", ">=", "<=", ">", "<"] {
        if let Some((lhs, rhs)) = expr.split_once(op) {
            let rhs = rhs.trim();
            let literal = (rhs.len() >= 2 && rhs.starts_with('`') && rhs.ends_with('`'))
                || (rhs.len() >= 2 && rhs.starts_with('\'') && rhs.ends_with('\''));
            if !literal {
                return None;
            }
            expr = lhs.trim();
            break;
        }
    }
    if let Some(inner) = expr.strip_prefix("length(").and_then(|e| e.strip_suffix(')')) {
        expr = inner.trim();
    }
    let mut members = Vec::new();
    for seg in expr.split('.') {
        let name = seg.trim_end_matches("[]");
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        members.push(name.to_string());
    }
    Some(members)
}

/// Whether `members` walk the shape tree from `shape` (lists are stepped through).
fn walks(service: &Service, shape: &str, members: &[String]) -> Result<(), String> {
    let mut current = shape.to_string();
    for name in members {
        loop {
            match service.shape(&current).map(|s| &s.kind) {
                Some(ShapeKind::List { member }) => current = member.clone(),
                Some(ShapeKind::Structure(st)) => {
                    let m = st.members.iter().find(|m| &m.name == name).ok_or_else(|| {
                        format!("{current} has no member {name} (it has: {})", st.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", "))
                    })?;
                    current = m.target.clone();
                    break;
                }
                _ => return Err(format!("{current} is not a structure, so it has no member {name}")),
            }
        }
    }
    Ok(())
}

/// Replaces the acceptors of every waiter the file names; errors name the file and line.
pub fn apply_waiter_facts(service: &mut Service, facts: &WaiterFacts) -> Result<(), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let at = |line: u32, m: String| Diagnostic::new(&facts.path, line, m);
    for (name, fact) in &facts.waiters {
        let Some(waiter) = service.waiters.get(name) else {
            let known: Vec<&str> = service.waiters.keys().map(String::as_str).collect();
            errors.push(at(fact.line, format!("no waiter named {name} (the docs give: {})", known.join(", "))));
            continue;
        };
        if let Some(op) = &fact.operation {
            if !service.operations.contains_key(op) {
                errors.push(at(fact.line, format!("waiter {name}: no operation named {op}")));
                continue;
            }
            if *op != waiter.operation {
                errors.push(at(fact.line, format!("waiter {name} polls {}, not {op}", waiter.operation)));
                continue;
            }
        }
        let output = service.operations.get(&waiter.operation).and_then(|o| o.output.clone());
        for (a, line) in &fact.acceptors {
            let argument = match &a.matcher {
                Matcher::Path { argument, .. } | Matcher::PathAll { argument, .. } | Matcher::PathAny { argument, .. } => argument,
                _ => continue,
            };
            let Some(members) = path_members(argument) else {
                errors.push(at(*line, format!("waiter {name}: {argument:?} is outside the path subset (a.b[].c, length(…), one comparison with a `literal`)")));
                continue;
            };
            let walked = match &output {
                Some(output) => walks(service, output, &members),
                None => Err(format!("{} has no output", waiter.operation)),
            };
            if let Err(m) = walked {
                errors.push(at(*line, format!("waiter {name}: path {argument:?}: {m}")));
            }
        }
        if let Some(w) = service.waiters.get_mut(name) {
            w.acceptors = fact.acceptors.iter().map(|(a, _)| a.clone()).collect();
            w.acceptor_source = AcceptorSource::Facts;
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Result<WaiterFacts, Diagnostic> {
        parse_waiter_facts(Path::new("dynamodb/waiters.json"), text)
    }

    #[test]
    fn paths_in_the_subset() {
        assert_eq!(path_members("length(Reservations[].Instances[]) > `0`"), Some(vec!["Reservations".into(), "Instances".into()]));
        assert_eq!(path_members("Table.TableStatus"), Some(vec!["Table".into(), "TableStatus".into()]));
        assert_eq!(path_members("Items[?x == `1`]"), None);
    }

    #[test]
    fn unknown_waiter_and_member_are_errors_at_their_lines() {
        let mut service = crate::emit::fixture::dynamodb();
        let f = facts(
            "{\"waiters\": {\n \"TableExists\": {\"acceptors\": [\n  {\"state\": \"success\", \"matcher\": \"path\", \"argument\": \"Table.Nope\", \"expected\": \"ACTIVE\", \"$comment\": \"x\"}]},\n \"Nope\": {\"acceptors\": [{\"state\": \"success\", \"matcher\": \"status\", \"expected\": 200, \"$comment\": \"x\"}]}}}",
        )
        .unwrap();
        let errors = apply_waiter_facts(&mut service, &f).unwrap_err();
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert!(text.iter().any(|t| t.starts_with("dynamodb/waiters.json:3:") && t.contains("has no member Nope")), "{text:?}");
        assert!(text.iter().any(|t| t.starts_with("dynamodb/waiters.json:4:") && t.contains("no waiter named Nope")), "{text:?}");
    }

    #[test]
    fn an_acceptor_needs_a_reason_and_a_known_matcher() {
        let e = facts("{\"waiters\": {\"TableExists\": {\"acceptors\": [\n{\"state\": \"success\", \"matcher\": \"status\", \"expected\": 200}]}}}").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("$comment"), "{e}");
        let e = facts("{\"waiters\": {\"TableExists\": {\"acceptors\": [{\"state\": \"done\", \"matcher\": \"status\", \"expected\": 200, \"$comment\": \"x\"}]}}}").unwrap_err();
        assert!(e.message.contains("state must be"), "{e}");
        assert!(facts("[").is_err());
    }

    #[test]
    fn facts_replace_the_inferred_acceptors() {
        let mut service = crate::emit::fixture::dynamodb();
        let f = facts("{\"waiters\": {\"TableExists\": {\"operation\": \"DescribeTable\", \"acceptors\": [{\"state\": \"success\", \"matcher\": \"status\", \"expected\": 200, \"$comment\": \"x\"}]}}}").unwrap();
        apply_waiter_facts(&mut service, &f).unwrap();
        let w = &service.waiters["TableExists"];
        assert_eq!(w.acceptor_source, AcceptorSource::Facts);
        assert_eq!(w.acceptors, [Acceptor { state: AcceptorState::Success, matcher: Matcher::Status { expected: 200 } }]);
    }
}
