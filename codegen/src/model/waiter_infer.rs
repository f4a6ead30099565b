//! Acceptors inferred from what the docs show: the waiter's name says the state it waits
//! for (`TableExists`, `InstanceRunning`, `BucketNotExists`), its operation's output enums
//! say where that state is read, and its documented errors which answer means "not there".
//!
//! The rules, in order (botocore's `waiters-2.json` is the yardstick, never an input):
//!
//! 1. the name's last words (`Running`, `InUse`, `StatusOk`) matched against the values of
//!    the output's enums, a member called `…Status`/`…State` preferred, then the shortest
//!    path: success on those values (`pathAll` through a list), failure on the same enum's
//!    failure values (`failed`, `error`, `cancelled`, …; `pathAny` through a list);
//! 2. `…NotExists`/`…Deleted`/`…Terminated` waiters succeed on a not-found error
//!    (`*NotFound*`, `NoSuch*`), `…Exists` waiters retry on it;
//! 3. an `…Exists` waiter without a status enum: a `Head*` operation succeeds on status 200
//!    and retries on 404; a `Describe*`/`List*` operation with one list member succeeds when
//!    the list is not empty; anything else on status 200. `…NotExists` on a `Head*`
//!    operation succeeds on 404.
//!
//! `docs-input/<service>/waiters.json` ([`crate::model::waiter_facts`]) overrides what
//! these get wrong.

use std::collections::BTreeSet;

use crate::model::{Acceptor, AcceptorState, Expected, Matcher, Service, ShapeKind, Waiter};

/// Sets every waiter's acceptors from the rules above (facts are applied afterwards).
pub fn infer_all(service: &mut Service) {
    let inferred: Vec<(String, Vec<Acceptor>)> =
        service.waiters.iter().map(|(name, w)| (name.clone(), infer(service, w))).collect();
    for (name, acceptors) in inferred {
        if let Some(w) = service.waiters.get_mut(&name) {
            w.acceptors = acceptors;
        }
    }
}

/// The name's state, as a lower-case word run without separators: `InstanceStatusOk` →
/// candidates `ok`, `statusok`, `instancestatusok` (shortest first).
fn name_suffixes(name: &str) -> Vec<String> {
    let words = camel_words(name);
    (1..=words.len().min(3)).map(|n| words[words.len() - n..].concat().to_lowercase()).collect()
}

fn camel_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_uppercase()
            && (chars[i - 1].is_lowercase() || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
        if boundary || words.is_empty() {
            words.push(String::new());
        }
        if let Some(w) = words.last_mut() {
            w.push(c);
        }
    }
    words
}

/// `in-use`, `IN_USE`, `In Use` → `inuse`.
fn norm(value: &str) -> String {
    value.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_lowercase()
}

/// The values that mean a name's state was reached (besides the state word itself).
fn synonyms(state: &str) -> &'static [&'static str] {
    match state {
        "completed" | "complete" => &["completed", "complete", "succeeded", "success", "successful"],
        "succeeded" | "successful" | "success" => &["succeeded", "successful", "success", "completed"],
        "cancelled" | "canceled" => &["cancelled", "canceled"],
        "ready" => &["ready", "available", "active"],
        "exists" | "created" => &["active", "available", "created"],
        "ok" => &["ok"],
        "started" => &["running", "started", "active"],
        _ => &[],
    }
}

/// Values of an enum that mean the wait can never succeed, for a waiter whose success
/// value is `success` (deletions do not fail on deletion).
fn is_failure_value(value: &str, success: &BTreeSet<String>) -> bool {
    let v = norm(value);
    if success.contains(&v) {
        return false;
    }
    let gone = ["deleted", "terminated", "cancelled", "canceled", "deregistered", "inactive"];
    let positive = !success.iter().any(|s| gone.contains(&s.as_str()));
    v.contains("failed")
        || matches!(v.as_str(), "failure" | "error" | "errored" | "rejected" | "expired" | "incompatible" | "impaired")
        || (positive && matches!(v.as_str(), "deleted" | "terminated" | "cancelled" | "canceled"))
}

/// Values meaning "on the way", retried explicitly as botocore does.
fn is_retry_value(value: &str, success: &BTreeSet<String>) -> bool {
    // Only deletions: listing `CREATING`/`UPDATING` for other goals agreed with botocore on
    // fewer waiters than it disagreed on (measured, `xtask/waiters.py`).
    success.contains("deleted") && norm(value) == "deleting"
}

/// An enum reachable from the output: its JMESPath and whether the path crosses a list.
struct EnumAt {
    path: String,
    through_list: bool,
    member: String,
    values: Vec<String>,
}

fn enums_in(service: &Service, shape: &str) -> Vec<EnumAt> {
    let mut out = Vec::new();
    walk(service, shape, String::new(), false, "", "", 0, &mut Vec::new(), &mut out);
    out
}

/// A string member the docs treat as a state: `State`, `StoreTaskState`, `Status`.
fn is_state_member(member: &str) -> bool {
    let m = member.to_lowercase();
    m.ends_with("state") || m.ends_with("status")
}

/// The values a string member's prose lists in code spans, as older APIs document states
/// without an enum: "( `pending | available | deleting | deleted`)", "( `InProgress`,
/// `Completed`, or `Failed`)", "Possible values: - `available` - …". A span of several words
/// is prose, not a value.
fn prose_values(docs: &str) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    for (i, span) in docs.split('`').enumerate() {
        if i % 2 == 0 {
            continue;
        }
        for value in span.split(['|', ',']).map(str::trim) {
            let is_value = value.starts_with(|c: char| c.is_ascii_alphabetic())
                && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if is_value && !values.iter().any(|v| v == value) {
                values.push(value.to_string());
            }
        }
    }
    values
}

#[allow(clippy::too_many_arguments)]
fn walk(
    service: &Service,
    shape: &str,
    path: String,
    through_list: bool,
    member: &str,
    docs: &str,
    depth: usize,
    seen: &mut Vec<String>,
    out: &mut Vec<EnumAt>,
) {
    if depth > 6 || seen.iter().any(|s| s == shape) {
        return;
    }
    let Some(s) = service.shape(shape) else { return };
    match &s.kind {
        ShapeKind::Enum { values } if !path.is_empty() => {
            out.push(EnumAt { path, through_list, member: member.to_string(), values: values.clone() })
        }
        ShapeKind::String if is_state_member(member) => {
            let values = prose_values(docs);
            if values.len() >= 2 {
                out.push(EnumAt { path, through_list, member: member.to_string(), values });
            }
        }
        ShapeKind::List { member: item } => {
            seen.push(shape.to_string());
            walk(service, item, format!("{path}[]"), true, member, docs, depth + 1, seen, out);
            seen.pop();
        }
        ShapeKind::Structure(st) if !st.exception && !st.event_stream => {
            seen.push(shape.to_string());
            for m in &st.members {
                let p = if path.is_empty() { m.name.clone() } else { format!("{path}.{}", m.name) };
                walk(service, &m.target, p, through_list, &m.name, &m.docs, depth + 1, seen, out);
            }
            seen.pop();
        }
        _ => {}
    }
}

fn acceptor(state: AcceptorState, matcher: Matcher) -> Acceptor {
    Acceptor { state, matcher }
}

/// The acceptors the rules give one waiter; empty when none applies.
pub fn infer(service: &Service, waiter: &Waiter) -> Vec<Acceptor> {
    let Some(op) = service.operations.get(&waiter.operation) else { return Vec::new() };
    let suffixes = name_suffixes(&waiter.name);
    let last = suffixes.first().cloned().unwrap_or_default();
    let two = suffixes.get(1).cloned().unwrap_or_default();
    let not_exists = two == "notexists" || matches!(last.as_str(), "deleted" | "terminated" | "deregistered");
    let exists = last == "exists" && !not_exists;
    let head = op.name.starts_with("Head") || op.http.as_ref().is_some_and(|h| h.method == "HEAD");

    let mut acceptors = Vec::new();
    let not_found: Vec<String> = op
        .errors
        .iter()
        .filter_map(|e| {
            let code = match service.shape(e).map(|s| &s.kind) {
                Some(ShapeKind::Structure(st)) => st.error_code.clone().unwrap_or_else(|| e.clone()),
                _ => e.clone(),
            };
            let n = code.to_lowercase();
            (n.contains("notfound") || n.starts_with("nosuch")).then_some(code)
        })
        .collect();

    // Rule 1: a status enum holding the name's state.
    if two != "notexists" {
        if let Some(output) = &op.output {
            let enums = enums_in(service, output);
            let mut best: Option<(&EnumAt, BTreeSet<String>, (bool, usize))> = None;
            for e in &enums {
                for suffix in suffixes.iter().rev() {
                    let mut wanted: BTreeSet<String> = synonyms(suffix).iter().map(|s| s.to_string()).collect();
                    wanted.insert(suffix.clone());
                    let hits: BTreeSet<String> =
                        e.values.iter().map(|v| norm(v)).filter(|v| wanted.contains(v)).collect();
                    if hits.is_empty() {
                        continue;
                    }
                    let m = e.member.to_lowercase();
                    let rank = (!(m.contains("status") || m.contains("state")), e.path.len());
                    if best.as_ref().is_none_or(|(_, _, r)| rank < *r) {
                        best = Some((e, hits, rank));
                    }
                    break;
                }
            }
            if let Some((e, hits, _)) = best {
                let success = |argument: &str, value: &str| {
                    let argument = argument.to_string();
                    let expected = Expected::Str(value.to_string());
                    if e.through_list { Matcher::PathAll { argument, expected } } else { Matcher::Path { argument, expected } }
                };
                for v in e.values.iter().filter(|v| hits.contains(&norm(v))) {
                    acceptors.push(acceptor(AcceptorState::Success, success(&e.path, v)));
                }
                for v in e.values.iter().filter(|v| is_retry_value(v, &hits)) {
                    let (argument, expected) = (e.path.clone(), Expected::Str(v.clone()));
                    let matcher = if e.through_list {
                        Matcher::PathAny { argument, expected }
                    } else {
                        Matcher::Path { argument, expected }
                    };
                    acceptors.push(acceptor(AcceptorState::Retry, matcher));
                }
                for v in e.values.iter().filter(|v| is_failure_value(v, &hits)) {
                    let (argument, expected) = (e.path.clone(), Expected::Str(v.clone()));
                    let matcher = if e.through_list {
                        Matcher::PathAny { argument, expected }
                    } else {
                        Matcher::Path { argument, expected }
                    };
                    acceptors.push(acceptor(AcceptorState::Failure, matcher));
                }
            }
        }
    }

    // Rule 3: existence without a status.
    if exists && acceptors.is_empty() {
        let list = op.output.as_ref().and_then(|o| match service.shape(o).map(|s| &s.kind) {
            Some(ShapeKind::Structure(st)) => {
                let lists: Vec<&str> = st
                    .members
                    .iter()
                    .filter(|m| matches!(service.shape(&m.target).map(|s| &s.kind), Some(ShapeKind::List { .. })))
                    .map(|m| m.name.as_str())
                    .collect();
                (lists.len() == 1).then(|| lists[0].to_string())
            }
            _ => None,
        });
        if head {
            acceptors.push(acceptor(AcceptorState::Success, Matcher::Status { expected: 200 }));
            acceptors.push(acceptor(AcceptorState::Retry, Matcher::Status { expected: 404 }));
        } else if let Some(list) = list.filter(|_| op.name.starts_with("Describe") || op.name.starts_with("List")) {
            let argument = format!("length({list}[]) > `0`");
            acceptors.push(acceptor(AcceptorState::Success, Matcher::Path { argument, expected: Expected::Bool(true) }));
        } else {
            acceptors.push(acceptor(AcceptorState::Success, Matcher::Status { expected: 200 }));
        }
    }

    // Rule 2: not-found errors (a HEAD answer has no body, so no code: rule 3's 404).
    if !head {
        for code in &not_found {
            if not_exists {
                acceptors.push(acceptor(AcceptorState::Success, Matcher::Error { expected: code.clone() }));
            } else if exists {
                acceptors.push(acceptor(AcceptorState::Retry, Matcher::Error { expected: code.clone() }));
            }
        }
    }
    if head && not_exists {
        acceptors.push(acceptor(AcceptorState::Success, Matcher::Status { expected: 404 }));
    }
    acceptors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_words_and_suffixes() {
        assert_eq!(camel_words("InstanceStatusOk"), ["Instance", "Status", "Ok"]);
        assert_eq!(camel_words("DBInstanceAvailable"), ["DB", "Instance", "Available"]);
        assert_eq!(name_suffixes("VolumeInUse"), ["use", "inuse", "volumeinuse"]);
    }

    #[test]
    fn failure_values_depend_on_the_goal() {
        let running: BTreeSet<String> = ["running".to_string()].into();
        let deleted: BTreeSet<String> = ["deleted".to_string()].into();
        assert!(is_failure_value("terminated", &running));
        assert!(is_failure_value("CREATE_FAILED", &running));
        assert!(!is_failure_value("deleted", &deleted));
        assert!(!is_failure_value("pending", &running));
    }

    #[test]
    fn the_fixture_table_waiters() {
        let service = crate::emit::fixture::dynamodb();
        let exists = infer(&service, &service.waiters["TableExists"]);
        assert_eq!(exists[0], acceptor(AcceptorState::Success, Matcher::Path { argument: "Table.TableStatus".into(), expected: Expected::Str("ACTIVE".into()) }));
        assert_eq!(exists.last().map(|a| a.state), Some(AcceptorState::Retry));
        let gone = infer(&service, &service.waiters["TableNotExists"]);
        assert_eq!(gone, [acceptor(AcceptorState::Success, Matcher::Error { expected: "ResourceNotFoundException".into() })]);
    }

    #[test]
    fn states_listed_in_prose_are_values() {
        assert_eq!(prose_values("The current state of the customer gateway ( `pending | available | deleting | deleted`)."), ["pending", "available", "deleting", "deleted"]);
        assert_eq!(prose_values("The state of the store task ( `InProgress`, `Completed`, or `Failed`)."), ["InProgress", "Completed", "Failed"]);
        let list = "The current state of the report. Possible values:\n\n- `available` - The report is available.\n- `pending` - Being created.\n- `error` - Not created.";
        assert_eq!(prose_values(list), ["available", "pending", "error"]);
        assert!(prose_values("Set `Enabled` to turn it on, as in `the example below`.").len() == 1, "a multi-word span is prose");
        assert!(is_state_member("StoreTaskState") && is_state_member("Status") && !is_state_member("StatusMessage"));
    }

    #[test]
    fn a_string_state_with_listed_values_drives_the_waiter() {
        use crate::model::{Member, Operation, Shape, Structure};
        let mut service = Service::default();
        let shape = |name: &str, kind: ShapeKind| Shape::new(name, "", kind);
        let member = |name: &str, target: &str, docs: &str| Member { name: name.into(), target: target.into(), docs: docs.into(), ..Default::default() };
        for s in [
            shape("String", ShapeKind::String),
            shape("Gateways", ShapeKind::List { member: "Gateway".into() }),
            shape("Gateway", ShapeKind::Structure(Structure { members: vec![member("State", "String", "Its state ( `pending | available | deleting | deleted`).")], ..Default::default() })),
            shape("Out", ShapeKind::Structure(Structure { members: vec![member("Gateways", "Gateways", "")], ..Default::default() })),
        ] {
            service.shapes.insert(s.name.clone(), s);
        }
        service.operations.insert("DescribeGateways".into(), Operation { name: "DescribeGateways".into(), output: Some("Out".into()), ..Default::default() });
        let waiter = Waiter { name: "GatewayAvailable".into(), operation: "DescribeGateways".into(), ..Default::default() };
        let path = |value: &str| (value.to_string(), "Gateways[].State".to_string());
        let got: Vec<(AcceptorState, (String, String))> = infer(&service, &waiter)
            .into_iter()
            .map(|a| match a.matcher {
                Matcher::PathAll { argument, expected: Expected::Str(v) } | Matcher::PathAny { argument, expected: Expected::Str(v) } => (a.state, (v, argument)),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got, [(AcceptorState::Success, path("available")), (AcceptorState::Failure, path("deleted"))]);
    }
}
