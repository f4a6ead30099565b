//! The per-service wire facts file, `docs-input/<service>/protocol.json`.
//!
//! boto3's pages document operations and shapes but not how a call travels; the API Reference
//! pages (`docs-input/<service>/reference/`) give most of that. This small hand-written file
//! keeps only the facts no page gives, each with its reason in `$comment`; every key is
//! optional, and a key that a page also gives must agree with it (see
//! [`crate::model::reference`]):
//!
//! ```json
//! {
//!   "$comment": "Why this file exists, where its facts come from.",
//!   "protocol": "json",              // or "rest-json", "rest-xml", "query", "ec2": when no page shows it
//!   "jsonVersion": "1.1",            // json only, when no sample request shows its Content-Type
//!   "targetPrefix": "BaldrApiService", // json only: X-Amz-Target is <targetPrefix>.<Operation>
//!   "signingName": "cloudhsm",       // SigV4 service name (default: endpointPrefix)
//!   "endpointPrefix": "cloudhsmv2",  // https://<endpointPrefix>.<region>.amazonaws.com
//!   "xmlNamespace": "http://sns.amazonaws.com/doc/2010-03-31/", // query, ec2: overrides the
//!                                    // sample responses' root xmlns where they spell it otherwise
//!   "errorMembers": {                // standard members of error shapes the pages omit
//!     "*": ["Message"],
//!     "TransactionCanceledException": ["Message"]
//!   },
//!   "operations": {                  // rest-json, rest-xml: operations without a reference page
//!     "DescribeBackupVault": {
//!       "$comment": "optional",
//!       "method": "GET",
//!       "uri": "/backup-vaults/{backupVaultName}?fixed=query",
//!       "responseCode": 204,           // optional: the success status when not 200
//!       "members": {                 // top-level input/output members not in the JSON body
//!         "BackupVaultName": { "location": "path", "name": "backupVaultName" },
//!         "BackupVaultAccountId": { "location": "query", "name": "backupVaultAccountId" }
//!       }
//!     }
//!   },
//!   "members": {                     // rest-xml: top-level members no page binds, in
//!     "Metadata": { "$comment": "why", "location": "header", "name": "x-amz-meta-" }
//!   },                               // every operation that has them
//!   "unions": {                      // structures that are unions (exactly one member
//!     "AttributeValue": "why"        // set) though no page says so: emitted as enums
//!   },
//!   "names": {                       // AWS's names of shapes whose data-type page is
//!     "KeysValue": {                 // missing: the name the rules gave → AWS's name
//!       "name": "AttributeValue",
//!       "why": "API_streams_AttributeValue is not in reference/"
//!     }
//!   }
//! }
//! ```
//!
//! (The `//` notes are for this page only: the file is plain JSON.)
//!
//! Member locations and their `name`:
//!
//! | location | `name` |
//! | --- | --- |
//! | `path` | the URI label, `{name}` or greedy `{name+}` in `uri`; required |
//! | `query` | the query key; omitted for a map member whose keys are the query keys |
//! | `header` | the header name, or the prefix for a map of prefixed headers; required |
//! | `statusCode` | none: the output member gets the HTTP status |
//! | `payload` | none: the member is the whole body (a blob or a structure) |
//!
//! Members not listed travel in the JSON body. The reader rejects unknown keys, duplicate
//! keys, labels without a path member (and path members without a label), repeated wire
//! names, and facts of one protocol in a file of the other (`jsonVersion`/`targetPrefix` are
//! json's, `operations` rest-json's and rest-xml's, `xmlNamespace` query's and ec2's); each
//! error names the file and the line of the bad entry.
//!
//! `xmlNamespace` is the one key that may contradict the pages: query and ec2 pages show the
//! namespace only on sample responses' roots, and spell it inconsistently (SNS `https://`
//! where the service says `http://`, EC2 with a trailing `/`), so the file's value wins and
//! the run warns only when a page vote already gives it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::model::Location;
use crate::parse::page::Diagnostic;

/// One service's hand-written wire facts: only what no page gives. Each field is optional;
/// the API Reference pages give the protocol (request lines, `Content-type`), the JSON
/// version and target prefix (sample requests) and every restJson1 binding, and
/// [`crate::model::reference`] combines the two, a page's fact first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WireFacts {
    pub protocol: Option<WireProtocolName>,
    /// awsJson: `1.0` or `1.1`.
    pub json_version: Option<String>,
    /// awsJson: `X-Amz-Target` is `<target_prefix>.<Operation>`.
    pub target_prefix: Option<String>,
    /// The SigV4 service name: `cloudhsm` for CloudHSM V2.
    pub signing_name: Option<String>,
    /// The endpoint's first label: `cloudhsmv2`.
    pub endpoint_prefix: Option<String>,
    /// query, ec2: the XML namespace of the responses, where the pages' samples disagree
    /// with it.
    pub xml_namespace: Option<String>,
    /// restJson1 bindings of operations that have no API Reference page.
    pub operations: BTreeMap<String, HttpOperation>,
    /// rest-xml: where top-level members no page binds travel, in every operation that has
    /// them.
    pub members: BTreeMap<String, MemberWire>,
    /// The standard members of the service's error shapes (`message`, `Message`, `Code`),
    /// which the pages almost never list: `*` for every error, else by error name.
    pub error_members: BTreeMap<String, Vec<String>>,
    /// Structure shapes that are unions though no page marks them (DynamoDB's
    /// `AttributeValue`), each with the file's one-line reason; an unknown name is an error
    /// when the facts are applied.
    pub unions: BTreeMap<String, String>,
    /// AWS's names for shapes the rules named (`KeysValue` → `AttributeValue`), for a
    /// service whose data-type pages are not in `reference/`: the name is what users write,
    /// and what the other facts (`unions`) use. Applied before `unions`.
    pub names: BTreeMap<String, ShapeName>,
    /// 1-based line of each top-level key (and of each union or name, as
    /// `unions.<Shape>`/`names.<Shape>`), for diagnostics about the file.
    pub lines: BTreeMap<String, u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireProtocolName {
    Json,
    RestJson,
    RestXml,
    Query,
    Ec2,
}

/// One `names` entry: the AWS name of a shape and why the file, not a page, gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeName {
    pub name: String,
    pub why: String,
}

/// A restJson1 operation's HTTP layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpOperation {
    pub method: String,
    /// With `{Label}`/`{Label+}` placeholders and an optional fixed query.
    pub uri: String,
    /// The success status when not 200.
    pub response_code: Option<u16>,
    /// The members that do not travel in the JSON body.
    pub members: BTreeMap<String, MemberWire>,
    /// Line of the operation's entry, for later diagnostics (unknown operation, …).
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberWire {
    pub location: Location,
    /// Label, query key, header name or header prefix; `None` for a query map, a status
    /// code or a payload.
    pub name: Option<String>,
    pub line: u32,
}

/// Reads and checks `docs-input/<service>/protocol.json`.
pub fn read_wire_facts(path: &Path) -> Result<WireFacts, Diagnostic> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::new(path, 0, format!("cannot read: {e}")))?;
    parse_wire_facts(path, &text)
}

/// [`read_wire_facts`] on text already read; `path` is for the diagnostics.
pub fn parse_wire_facts(path: &Path, text: &str) -> Result<WireFacts, Diagnostic> {
    let raw: RawFile = serde_json::from_str(text).map_err(|e| json_diagnostic(path, &e))?;
    let locate = Locator { text };
    let at = |offset: Option<usize>, message: String| {
        Diagnostic::new(path, locate.line(offset), message)
    };
    let top_key = |key: &str| locate.key(0, key);

    let protocol = raw.protocol.map(|p| match p {
        RawProtocol::Json => WireProtocolName::Json,
        RawProtocol::RestJson => WireProtocolName::RestJson,
        RawProtocol::RestXml => WireProtocolName::RestXml,
        RawProtocol::Query => WireProtocolName::Query,
        RawProtocol::Ec2 => WireProtocolName::Ec2,
    });
    if let Some(version) = &raw.json_version {
        if version != "1.0" && version != "1.1" {
            return Err(at(
                top_key("jsonVersion"),
                format!("jsonVersion must be \"1.0\" or \"1.1\", not {version:?}"),
            ));
        }
    }
    if protocol.is_some_and(|p| p != WireProtocolName::Json) {
        for key in ["jsonVersion", "targetPrefix"] {
            if top_key(key).is_some() {
                return Err(at(top_key(key), format!("{key} is for protocol json only")));
            }
        }
    }
    if matches!(protocol, Some(WireProtocolName::Json | WireProtocolName::Query | WireProtocolName::Ec2)) && raw.operations.is_some() {
        return Err(at(
            top_key("operations"),
            "operations (HTTP bindings) are for protocols rest-json and rest-xml only".into(),
        ));
    }
    if matches!(protocol, Some(WireProtocolName::Json | WireProtocolName::RestJson | WireProtocolName::RestXml)) && raw.xml_namespace.is_some() {
        return Err(at(top_key("xmlNamespace"), "xmlNamespace is for protocols query and ec2 only".into()));
    }
    if let Some(namespace) = &raw.xml_namespace {
        if !(namespace.starts_with("http://") || namespace.starts_with("https://")) || namespace.contains(char::is_whitespace) {
            return Err(at(top_key("xmlNamespace"), format!("xmlNamespace must be a URI, not {namespace:?}")));
        }
    }
    for (key, value) in [
        ("targetPrefix", &raw.target_prefix),
        ("signingName", &raw.signing_name),
        ("endpointPrefix", &raw.endpoint_prefix),
    ] {
        if let Some(value) = value {
            if value.is_empty() || value.contains(|c: char| c.is_whitespace() || c == '/') {
                return Err(at(
                    top_key(key),
                    format!("{key} must be a non-empty name, not {value:?}"),
                ));
            }
        }
    }

    let mut operations = BTreeMap::new();
    let operations_at = top_key("operations").unwrap_or(0);
    for (name, op) in raw.operations.map(|m| m.0).unwrap_or_default() {
        let op_at = locate.key(operations_at, &name);
        let operation = check_operation(&name, op, op_at, &locate)
            .map_err(|(offset, message)| at(offset, message))?;
        operations.insert(name, operation);
    }
    let mut error_members = BTreeMap::new();
    let errors_at = top_key("errorMembers").unwrap_or(0);
    for (error, members) in raw.error_members.map(|m| m.0).unwrap_or_default() {
        let valid = |m: &String| !m.is_empty() && m.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if error != "*" && !error.chars().all(|c| c.is_ascii_alphanumeric()) || !members.iter().all(valid) {
            return Err(at(
                locate.key(errors_at, &error),
                format!("errorMembers: {error:?} must be `*` or an error name, with member names"),
            ));
        }
        error_members.insert(error, members);
    }
    let mut members = BTreeMap::new();
    let members_at = top_key("members").unwrap_or(0);
    if matches!(protocol, Some(WireProtocolName::Json | WireProtocolName::Query | WireProtocolName::Ec2)) && raw.members.is_some() {
        return Err(at(top_key("members"), "members (HTTP bindings) are for protocols rest-json and rest-xml only".into()));
    }
    for (name, member) in raw.members.map(|m| m.0).unwrap_or_default() {
        let member_at = locate.key(members_at, &name);
        let fail = |message: String| at(member_at, format!("member {name}: {message}"));
        match (member.location, member.name.as_deref()) {
            (Location::Query | Location::Header, Some(wire)) if !wire.is_empty() && !wire.contains(char::is_whitespace) => {}
            (Location::Payload, None) => {}
            _ => return Err(fail("a member here is a query or header binding with a name, or a payload".into())),
        }
        members.insert(name, MemberWire { location: member.location, name: member.name, line: locate.line(member_at) });
    }
    let mut unions = BTreeMap::new();
    let mut lines: BTreeMap<String, u32> = BTreeMap::new();
    let unions_at = top_key("unions").unwrap_or(0);
    for (shape, reason) in raw.unions.map(|m| m.0).unwrap_or_default() {
        let shape_at = locate.key(unions_at, &shape);
        if !shape.starts_with(|c: char| c.is_ascii_uppercase()) || !shape.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(at(shape_at, format!("unions: {shape:?} is not a shape name (`AttributeValue`)")));
        }
        if reason.trim().is_empty() {
            return Err(at(shape_at, format!("unions: {shape} needs its reason (why no page shows it is a union)")));
        }
        lines.insert(format!("unions.{shape}"), locate.line(shape_at));
        unions.insert(shape, reason);
    }
    let mut names = BTreeMap::new();
    let names_at = top_key("names").unwrap_or(0);
    let is_shape_name = |n: &str| n.starts_with(|c: char| c.is_ascii_uppercase()) && n.chars().all(|c| c.is_ascii_alphanumeric());
    for (shape, RawName { name, why }) in raw.names.map(|m| m.0).unwrap_or_default() {
        let shape_at = locate.key(names_at, &shape);
        if !is_shape_name(&shape) || !is_shape_name(&name) {
            return Err(at(shape_at, format!("names: {shape:?} → {name:?}: both must be shape names (`KeysValue` → `AttributeValue`)")));
        }
        if why.trim().is_empty() {
            return Err(at(shape_at, format!("names: {shape} needs its reason (`why`: which page would give {name})")));
        }
        if let Some((other, _)) = names.iter().find(|(_, n): &(&String, &ShapeName)| n.name == name) {
            return Err(at(shape_at, format!("names: {shape} and {other} both take the name {name}")));
        }
        lines.insert(format!("names.{shape}"), locate.line(shape_at));
        names.insert(shape, ShapeName { name, why });
    }
    let top_lines = ["protocol", "jsonVersion", "targetPrefix", "signingName", "endpointPrefix", "xmlNamespace", "operations", "members", "errorMembers", "unions", "names"]
        .iter()
        .filter_map(|key| top_key(key).map(|o| (key.to_string(), locate.line(Some(o)))));
    lines.extend(top_lines);
    Ok(WireFacts {
        protocol,
        json_version: raw.json_version,
        target_prefix: raw.target_prefix,
        signing_name: raw.signing_name,
        endpoint_prefix: raw.endpoint_prefix,
        xml_namespace: raw.xml_namespace,
        operations,
        members,
        error_members,
        unions,
        names,
        lines,
    })
}

const METHODS: &[&str] = &["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD"];

/// An error and the offset of the entry it is about.
type Located = (Option<usize>, String);

fn check_operation(
    name: &str,
    op: RawOperation,
    op_at: Option<usize>,
    locate: &Locator<'_>,
) -> Result<HttpOperation, Located> {
    let fail = |message: String| (op_at, format!("operation {name}: {message}"));
    if !name.starts_with(|c: char| c.is_ascii_uppercase())
        || !name.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err(fail(
            "operation names are PascalCase wire names (`ListBackupJobs`)".into(),
        ));
    }
    if !METHODS.contains(&op.method.as_str()) {
        return Err(fail(format!(
            "method {:?} is not one of {}",
            op.method,
            METHODS.join(", ")
        )));
    }
    let labels = uri_labels(&op.uri).map_err(|e| fail(format!("uri {:?}: {e}", op.uri)))?;

    let members_at = op_at.and_then(|offset| locate.key(offset, "members"));
    let mut members = BTreeMap::new();
    let mut path_names = BTreeSet::new();
    let mut query_names = BTreeSet::new();
    let mut header_names = BTreeSet::new();
    let (mut query_maps, mut status_codes) = (0, 0);
    for (member, raw) in op.members.map(|m| m.0).unwrap_or_default() {
        let member_at = members_at.and_then(|offset| locate.key(offset, &member));
        let fail = |message: String| {
            (
                member_at.or(op_at),
                format!("operation {name}, member {member}: {message}"),
            )
        };
        let wire_name = raw.name.clone();
        match (raw.location, wire_name.as_deref()) {
            (Location::Path, Some(label)) => {
                if !labels.iter().any(|(l, _)| l == label) {
                    return Err(fail(format!(
                        "path label {{{label}}} is not in uri {:?}",
                        op.uri
                    )));
                }
                if !path_names.insert(label.to_string()) {
                    return Err(fail(format!("two members for path label {{{label}}}")));
                }
            }
            (Location::Query, Some(key)) => {
                if key.is_empty() || !query_names.insert(key.to_string()) {
                    return Err(fail(format!("query key {key:?} is empty or used twice")));
                }
            }
            (Location::Query, None) => {
                query_maps += 1;
                if query_maps > 1 {
                    return Err(fail(
                        "only one query map (a query member without name) per operation".into(),
                    ));
                }
            }
            (Location::Header, Some(header)) => {
                let valid = !header.is_empty()
                    && header
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
                if !valid || !header_names.insert(header.to_ascii_lowercase()) {
                    return Err(fail(format!(
                        "header {header:?} is not a header name or is used twice"
                    )));
                }
            }
            (Location::Path | Location::Header, None) => {
                return Err(fail(
                    format!("a {:?} member needs a name", raw.location).to_lowercase(),
                ));
            }
            (Location::StatusCode | Location::Payload, Some(_)) => {
                return Err(fail("statusCode and payload members have no name".into()));
            }
            (Location::StatusCode, None) => {
                status_codes += 1;
                if status_codes > 1 {
                    return Err(fail("only one statusCode member per operation".into()));
                }
            }
            (Location::Payload, None) => {}
        }
        members.insert(
            member,
            MemberWire {
                location: raw.location,
                name: wire_name,
                line: locate.line(member_at),
            },
        );
    }
    if let Some((label, _)) = labels.iter().find(|(label, _)| !path_names.contains(label)) {
        return Err(fail(format!("uri label {{{label}}} has no path member")));
    }
    if let Some(code) = op.response_code.filter(|c| !(200..300).contains(c)) {
        return Err(fail(format!("responseCode {code} is not a success status")));
    }
    Ok(HttpOperation {
        method: op.method,
        uri: op.uri,
        response_code: op.response_code,
        members,
        line: locate.line(op_at),
    })
}

/// The labels of a URI template, with whether each is greedy.
fn uri_labels(uri: &str) -> Result<Vec<(String, bool)>, String> {
    if !uri.starts_with('/') {
        return Err("must start with `/`".into());
    }
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    if query.contains(['{', '}']) {
        return Err("labels belong in the path, not the query".into());
    }
    let mut labels: Vec<(String, bool)> = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest.as_bytes()[open] == b'}' {
            return Err("`}` without `{`".into());
        }
        let close = rest[open + 1..].find(['{', '}']).map(|i| open + 1 + i);
        let Some(close) = close.filter(|&c| rest.as_bytes()[c] == b'}') else {
            return Err("`{` without `}`".into());
        };
        let inner = &rest[open + 1..close];
        let (label, greedy) = match inner.strip_suffix('+') {
            Some(label) => (label, true),
            None => (inner, false),
        };
        if label.is_empty() || !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("label {{{inner}}} is not a name"));
        }
        if labels.iter().any(|(l, _)| l == label) {
            return Err(format!("label {{{label}}} appears twice"));
        }
        if greedy && labels.iter().any(|(_, g)| *g) {
            return Err("more than one greedy label".into());
        }
        labels.push((label.to_string(), greedy));
        rest = &rest[close + 1..];
    }
    Ok(labels)
}

/// serde_json's error, with its line as the diagnostic's (its message repeats it otherwise).
fn json_diagnostic(path: &Path, error: &serde_json::Error) -> Diagnostic {
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    let message = match error.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            format!("invalid JSON: {message}")
        }
        _ => message.to_string(),
    };
    Diagnostic::new(
        path,
        error.line() as u32,
        format!("{message} (column {})", error.column()),
    )
}

/// Finds the line of a key in the file text, for checks made after parsing.
struct Locator<'a> {
    text: &'a str,
}

impl Locator<'_> {
    /// The offset of the first `"key":` at or after `from`.
    fn key(&self, from: usize, key: &str) -> Option<usize> {
        let quoted = format!("\"{key}\"");
        let mut start = from;
        while let Some(found) = self.text.get(start..)?.find(&quoted) {
            let at = start + found;
            let after = self.text[at + quoted.len()..].trim_start();
            if after.starts_with(':') {
                return Some(at);
            }
            start = at + quoted.len();
        }
        None
    }

    /// 1-based line of an offset; 0 (the whole file) when unknown.
    fn line(&self, offset: Option<usize>) -> u32 {
        offset.map_or(0, |o| self.text[..o].matches('\n').count() as u32 + 1)
    }
}

// --- The file as serde reads it ----------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct RawFile {
    #[serde(rename = "$comment")]
    _comment: Option<String>,
    protocol: Option<RawProtocol>,
    json_version: Option<String>,
    target_prefix: Option<String>,
    signing_name: Option<String>,
    endpoint_prefix: Option<String>,
    xml_namespace: Option<String>,
    operations: Option<UniqueMap<RawOperation>>,
    members: Option<UniqueMap<RawMember>>,
    error_members: Option<UniqueMap<Vec<String>>>,
    unions: Option<UniqueMap<String>>,
    names: Option<UniqueMap<RawName>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawName {
    name: String,
    why: String,
}

#[derive(Deserialize)]
enum RawProtocol {
    #[serde(rename = "json")]
    Json,
    #[serde(rename = "rest-json")]
    RestJson,
    #[serde(rename = "rest-xml")]
    RestXml,
    #[serde(rename = "query")]
    Query,
    #[serde(rename = "ec2")]
    Ec2,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOperation {
    #[serde(rename = "$comment")]
    _comment: Option<String>,
    method: String,
    uri: String,
    #[serde(rename = "responseCode")]
    response_code: Option<u16>,
    members: Option<UniqueMap<RawMember>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMember {
    #[serde(rename = "$comment")]
    _comment: Option<String>,
    location: Location,
    name: Option<String>,
}

/// A JSON object read in order, rejecting a repeated key (serde_json would keep the last
/// silently, hiding a copy-paste slip in a hand-written file).
struct UniqueMap<T>(Vec<(String, T)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for UniqueMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UniqueVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for UniqueVisitor<T> {
            type Value = UniqueMap<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueMap<T>, A::Error> {
                let mut entries: Vec<(String, T)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if entries.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format!("duplicate key `{key}`")));
                    }
                    let value = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(UniqueMap(entries))
            }
        }
        deserializer.deserialize_map(UniqueVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn docs_input(service: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../docs-input")
            .join(service)
            .join("protocol.json")
    }

    fn parse(text: &str) -> Result<WireFacts, Diagnostic> {
        parse_wire_facts(Path::new("svc/protocol.json"), text)
    }

    /// The diagnostic's line and message.
    fn error(text: &str) -> (u32, String) {
        let diagnostic = parse(text).expect_err("should be rejected");
        assert_eq!(diagnostic.file, Path::new("svc/protocol.json"));
        (diagnostic.line, diagnostic.message)
    }

    #[test]
    fn docs_input_files_keep_only_what_no_page_gives() {
        let hsm = read_wire_facts(&docs_input("cloudhsmv2")).unwrap();
        assert_eq!(hsm.protocol, None, "the pages' JSON bodies say awsJson");
        assert_eq!(
            (hsm.json_version.as_deref(), hsm.target_prefix.as_deref()),
            (Some("1.1"), Some("BaldrApiService"))
        );
        assert_eq!(
            (hsm.signing_name.as_deref(), hsm.endpoint_prefix.as_deref()),
            (Some("cloudhsm"), Some("cloudhsmv2"))
        );
        assert_eq!(hsm.error_members["*"], ["Message"]);

        let dynamodb = read_wire_facts(&docs_input("dynamodb")).unwrap();
        assert_eq!(dynamodb.target_prefix, None, "sample requests show X-Amz-Target");
        assert_eq!(dynamodb.error_members["*"], ["message"]);
        assert_eq!(dynamodb.error_members["TransactionCanceledException"], ["Message"]);

        let backup = read_wire_facts(&docs_input("backup")).unwrap();
        assert!(backup.operations.is_empty(), "every binding comes from a reference page");
        assert_eq!(backup.endpoint_prefix.as_deref(), Some("backup"));
        assert_eq!(backup.error_members["*"], ["Code", "Message"]);

        // DynamoDB Streams has no reference pages here, so the file gives what its pages
        // would: the protocol, AWS's names of the shapes users touch, and the union.
        let streams = read_wire_facts(&docs_input("dynamodbstreams")).unwrap();
        let reference = docs_input("dynamodbstreams").with_file_name("reference");
        assert!(!reference.exists(), "with pages, {} should come from them", reference.display());
        assert_eq!(streams.protocol, Some(WireProtocolName::Json));
        assert_eq!(streams.target_prefix.as_deref(), Some("DynamoDBStreams_20120810"));
        assert_eq!(streams.names["KeysValue"].name, "AttributeValue");
        assert!(streams.unions.contains_key("AttributeValue"));
        // Lines point at the keys, for diagnostics about the file.
        let text = std::fs::read_to_string(docs_input("backup")).unwrap();
        let line = text.lines().nth(backup.lines["errorMembers"] as usize - 1).unwrap();
        assert!(line.contains("\"errorMembers\""), "{line}");
    }

    const REST: &str = r#"{
  "protocol": "rest-json",
  "signingName": "svc",
  "endpointPrefix": "svc",
  "operations": {
    "GetThing": {
      "method": "GET",
      "uri": "/things/{thingName}/{Key+}?versions",
      "members": {
        "ThingName": { "location": "path", "name": "thingName" },
        "Key": { "location": "path", "name": "Key" },
        "Extra": { "location": "query" },
        "Max": { "location": "query", "name": "max" },
        "Meta": { "location": "header", "name": "x-amz-meta-" },
        "Status": { "location": "statusCode" },
        "Body": { "location": "payload" }
      }
    }
  }
}"#;

    #[test]
    fn unions_parse_with_their_lines_and_need_a_reason() {
        let facts = parse("{\n  \"unions\": {\n    \"AttributeValue\": \"why\"\n  }\n}").unwrap();
        assert_eq!(facts.unions["AttributeValue"], "why");
        assert_eq!(facts.lines["unions.AttributeValue"], 3);
        let (line, message) = error("{\n  \"unions\": {\n    \"AttributeValue\": \" \"\n  }\n}");
        assert_eq!(line, 3);
        assert!(message.contains("needs its reason"), "{message}");
        let (_, message) = error("{\"unions\": {\"attribute value\": \"why\"}}");
        assert!(message.contains("not a shape name"), "{message}");
    }

    #[test]
    fn names_parse_with_their_lines_and_need_a_reason() {
        let facts = parse("{\n  \"names\": {\n    \"KeysValue\": {\"name\": \"AttributeValue\", \"why\": \"no page\"}\n  }\n}").unwrap();
        assert_eq!(facts.names["KeysValue"], ShapeName { name: "AttributeValue".into(), why: "no page".into() });
        assert_eq!(facts.lines["names.KeysValue"], 3);
        let (line, message) = error("{\n  \"names\": {\n    \"KeysValue\": {\"name\": \"AttributeValue\", \"why\": \"\"}\n  }\n}");
        assert_eq!(line, 3);
        assert!(message.contains("needs its reason"), "{message}");
        let (_, message) = error(r#"{"names": {"KeysValue": {"name": "attribute value", "why": "x"}}}"#);
        assert!(message.contains("both must be shape names"), "{message}");
        let (_, message) = error(r#"{"names": {"A": {"name": "C", "why": "x"}, "B": {"name": "C", "why": "y"}}}"#);
        assert!(message.contains("both take the name C"), "{message}");
        let (_, message) = error(r#"{"names": {"A": {"name": "C"}}}"#);
        assert!(message.contains("why"), "{message}");
    }

    #[test]
    fn every_location_parses() {
        let facts = parse(REST).unwrap();
        let op = &facts.operations["GetThing"];
        assert_eq!(op.line, 6);
        let locations: Vec<(&str, Location, Option<&str>, u32)> = op
            .members
            .iter()
            .map(|(k, m)| (k.as_str(), m.location, m.name.as_deref(), m.line))
            .collect();
        assert_eq!(
            locations,
            [
                ("Body", Location::Payload, None, 16),
                ("Extra", Location::Query, None, 12),
                ("Key", Location::Path, Some("Key"), 11),
                ("Max", Location::Query, Some("max"), 13),
                ("Meta", Location::Header, Some("x-amz-meta-"), 14),
                ("Status", Location::StatusCode, None, 15),
                ("ThingName", Location::Path, Some("thingName"), 10),
            ]
        );
    }

    #[test]
    fn json_errors_carry_their_line() {
        let (line, message) = error("{\n  \"protocol\": \"json\",\n  \"jsonVersion\": \"1.0\"\n  \"targetPrefix\": \"X\"\n}");
        assert_eq!(line, 4);
        assert!(message.starts_with("invalid JSON"), "{message}");
        let (line, message) = error(&REST.replace(
            "\"location\": \"query\", \"name\": \"max\"",
            "\"locaton\": \"query\"",
        ));
        assert_eq!(line, 13);
        assert!(message.contains("unknown field `locaton`"), "{message}");
        let (line, message) =
            error(&REST.replace("\"location\": \"statusCode\"", "\"location\": \"status\""));
        assert_eq!(line, 15);
        assert!(message.contains("unknown variant `status`"), "{message}");
        let (line, message) = error(&REST.replace("\"Max\":", "\"Key\":"));
        assert_eq!(line, 13);
        assert!(message.contains("duplicate key `Key`"), "{message}");
        let (line, message) = error(&REST.replace("\"rest-json\"", "\"soap\""));
        assert_eq!(line, 2);
        assert!(message.contains("unknown variant `soap`"), "{message}");
    }

    #[test]
    fn semantic_errors_name_the_entry() {
        let cases: &[(&str, &str, u32, &str)] = &[
            ("\"name\": \"thingName\"", "\"name\": \"thing\"", 10, "{thing} is not in uri"),
            ("{ \"location\": \"path\", \"name\": \"Key\" }", "{ \"location\": \"query\", \"name\": \"Key\" }", 6, "{Key} has no path member"),
            ("\"name\": \"max\"", "\"name\": \"versions2\" }, \"Max2\": { \"location\": \"query\", \"name\": \"versions2\"", 13, "used twice"),
            ("\"method\": \"GET\"", "\"method\": \"FETCH\"", 6, "method \"FETCH\""),
            ("/things/{thingName}/{Key+}?versions", "/things/{thingName}/{Key+}/{thingName}", 6, "appears twice"),
            ("/things/{thingName}/{Key+}?versions", "things/{thingName}/{Key+}", 6, "must start with"),
            ("/things/{thingName}/{Key+}?versions", "/things/{thingName/{Key+}", 6, "without"),
            ("\"GetThing\"", "\"get_thing\"", 6, "PascalCase"),
            ("{ \"location\": \"statusCode\" }", "{ \"location\": \"statusCode\", \"name\": \"s\" }", 15, "have no name"),
            ("\"name\": \"x-amz-meta-\"", "\"name\": \"bad header\"", 14, "not a header name"),
            ("\"Body\": { \"location\": \"payload\" }", "\"Body\": { \"location\": \"header\" }", 16, "needs a name"),
        ];
        for (from, to, line, needle) in cases {
            assert!(REST.contains(from), "{from}");
            let (got_line, message) = error(&REST.replacen(from, to, 1));
            assert!(message.contains(needle), "{to}: {message}");
            assert_eq!(got_line, *line, "{to}: {message}");
        }
    }

    #[test]
    fn protocol_specific_keys() {
        let json = "{\n  \"protocol\": \"json\",\n  \"jsonVersion\": \"1.2\",\n  \"targetPrefix\": \"X\",\n  \"signingName\": \"s\",\n  \"endpointPrefix\": \"s\"\n}";
        assert_eq!(
            error(json),
            (
                3,
                "jsonVersion must be \"1.0\" or \"1.1\", not \"1.2\"".to_string()
            )
        );
        let (line, message) = error(&json.replace("1.2", "1.0").replace("\"X\"", "\"\""));
        assert_eq!(line, 4);
        assert!(message.contains("targetPrefix"), "{message}");
        let with_ops = json
            .replace("1.2", "1.0")
            .replace("\"s\"\n}", "\"s\",\n  \"operations\": {}\n}");
        assert_eq!(error(&with_ops).0, 7);
        let rest = REST.replace(
            "\"signingName\"",
            "\"targetPrefix\": \"X\",\n  \"signingName\"",
        );
        assert_eq!(
            error(&rest),
            (3, "targetPrefix is for protocol json only".to_string())
        );
        let (line, message) =
            error(&REST.replace("\"endpointPrefix\": \"svc\"", "\"endpointPrefix\": \"\""));
        assert_eq!(line, 4);
        assert!(message.contains("endpointPrefix"), "{message}");
        let (line, message) = error("{\n  \"errorMembers\": {\n    \"*\": [\"bad name\"]\n  }\n}");
        assert_eq!(line, 3);
        assert!(message.contains("errorMembers"), "{message}");
        assert_eq!(parse("{}").unwrap(), WireFacts::default(), "every key is optional");
    }

    /// The XML-era keys: protocols, the namespace correction, service-wide member bindings,
    /// a page-less operation's success status; each refused where it does not belong.
    #[test]
    fn xml_protocol_keys() {
        let query = parse("{\n  \"protocol\": \"query\",\n  \"xmlNamespace\": \"http://sns.amazonaws.com/doc/2010-03-31/\"\n}").unwrap();
        assert_eq!(query.protocol, Some(WireProtocolName::Query));
        assert_eq!(query.xml_namespace.as_deref(), Some("http://sns.amazonaws.com/doc/2010-03-31/"));
        assert_eq!(query.lines["xmlNamespace"], 3);
        let rest_xml = parse(r#"{
  "protocol": "rest-xml",
  "operations": {
    "DeleteThing": { "method": "DELETE", "uri": "/{Bucket}?thing", "responseCode": 204,
      "members": { "Bucket": { "location": "path", "name": "Bucket" } } }
  },
  "members": {
    "Metadata": { "$comment": "why", "location": "header", "name": "x-amz-meta-" }
  }
}"#)
        .unwrap();
        assert_eq!(rest_xml.operations["DeleteThing"].response_code, Some(204));
        let metadata = &rest_xml.members["Metadata"];
        assert_eq!((metadata.location, metadata.name.as_deref(), metadata.line), (Location::Header, Some("x-amz-meta-"), 8));
        let cases: &[(&str, u32, &str)] = &[
            ("{\n  \"protocol\": \"rest-json\",\n  \"xmlNamespace\": \"http://x/\"\n}", 3, "query and ec2 only"),
            ("{\n  \"xmlNamespace\": \"sns\"\n}", 2, "must be a URI"),
            ("{\n  \"protocol\": \"ec2\",\n  \"members\": {}\n}", 3, "rest-json and rest-xml only"),
            ("{\n  \"protocol\": \"query\",\n  \"targetPrefix\": \"X\"\n}", 3, "json only"),
            ("{\n  \"members\": {\n    \"A\": { \"location\": \"path\", \"name\": \"A\" }\n  }\n}", 3, "query or header"),
            (&REST.replace("\"method\": \"GET\",", "\"method\": \"GET\", \"responseCode\": 404,"), 6, "not a success status"),
        ];
        for (text, line, needle) in cases {
            let (got, message) = error(text);
            assert!(message.contains(needle), "{text}: {message}");
            assert_eq!(got, *line, "{text}: {message}");
        }
    }

    #[test]
    fn missing_file_is_a_whole_file_diagnostic() {
        let path = Path::new("/nonexistent/awsdoc/protocol.json");
        let diagnostic = read_wire_facts(path).unwrap_err();
        assert_eq!((diagnostic.file.as_path(), diagnostic.line), (path, 0));
        assert!(
            diagnostic
                .to_string()
                .starts_with("/nonexistent/awsdoc/protocol.json: cannot read"),
            "{diagnostic}"
        );
    }
}
