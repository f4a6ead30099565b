//! Merges a service's AWS API Reference pages ([`crate::parse::apiref`]) and its hand-written
//! `protocol.json` ([`crate::model::wire`]) into the model that boto3's pages built.
//!
//! boto3's pages stay authoritative for the member tree, the `[REQUIRED]` markers and the
//! prose. The reference adds what they lose:
//!
//! * the protocol: a request line means restJson1; a bare JSON body means awsJson, whose
//!   version and target prefix come from a sample request's `Content-Type` and `X-Amz-Target`;
//! * per restJson1 operation: method, URI template, success status, and where each top-level
//!   member travels. A URI placeholder shows the member's *wire* name (`{templateId}` for
//!   `BackupPlanTemplateId`), so a label is matched to its member by name, then by its
//!   documentation (the parameter's prose is the member's prose), then by name ignoring case
//!   or as a suffix;
//! * structure names: a data-type page's title or a `Type:` link names the structure reached
//!   through that member. Lists, maps, enums and strings keep the naming rules of
//!   [`crate::model::assemble`], and a shape that holds a name AWS gives a different shape is
//!   renamed;
//! * integer vs long and float vs double. URI parameters have no `Type:` line: there a
//!   `Valid Range` that fits 32 bits means `Integer`, anything else stays `Long` (boto3's
//!   integers are `Long` until a page says otherwise, so no value can overflow);
//! * constraints (length, range, pattern, item counts) for the doc comments;
//! * error shapes' members and HTTP status. Their standard message members, which the pages
//!   almost never list, come from `protocol.json` (`errorMembers`);
//! * for the XML-era protocols (rest-xml, query, ec2; detected from the pages' forms): wire
//!   names (entries are headed by them, so an entry finds its member by name, case, stem,
//!   prose or elimination), payloads and namespaces, the S3 bucket label, error codes, and
//!   in `reference/xml.rs` the syntax blocks' element trees, query result wrappers and ec2 element
//!   names; members newer than their page get bindings, widths and element names by
//!   measured rules, each documented where it is applied.
//!
//! Where the two forms disagree (a member on one page only, an operation without a page, a
//! page of an operation boto3 does not document), a warning names both places. Only input
//! that cannot be right is an error: a page of another service.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::model::assemble::{singular, PRIMITIVES};
use crate::model::wire::{WireFacts, WireProtocolName};
use crate::model::{
    Constraints, HttpBinding, Location, Member, Operation, PageRef, Protocol, ProtocolKind,
    Service, Shape, ShapeKind, Structure, XmlNamespace, XmlRoot,
};
use crate::parse::apiref::{
    BodyFormat, DataTypePage, Entry, ErrorEntry, OperationPage, RefPage, TypeExpr,
};
use crate::parse::page::Diagnostic;

mod xml;

/// The hand-written facts file and where it is, for diagnostics.
pub struct WireFile<'a> {
    pub path: &'a Path,
    pub facts: &'a WireFacts,
}

/// Applies `pages` (one service's API Reference) and `wire` to `service`. Returns the
/// warnings; fails only on a page that belongs to another service.
pub fn apply_reference(
    service: &mut Service,
    pages: &[RefPage],
    wire: Option<WireFile<'_>>,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut merge = Merge { service, warnings: Vec::new(), votes: BTreeMap::new(), named_by: BTreeMap::new(), sites: Vec::new(), documented: BTreeSet::new(), typed: BTreeSet::new(), payloads: Vec::new() };
    merge.check_service(pages)?;
    let operations: BTreeMap<&str, &OperationPage> = pages
        .iter()
        .filter_map(|p| match p {
            RefPage::Operation(op) => Some((op.name.as_str(), op)),
            _ => None,
        })
        .collect();
    let data_types: BTreeMap<&str, &DataTypePage> = pages
        .iter()
        .filter_map(|p| match p {
            RefPage::DataType(t) => Some((t.name.as_str(), t)),
            _ => None,
        })
        .collect();
    merge.protocol(&operations, wire.as_ref());
    if !pages.is_empty() {
        merge.operations(&operations);
        merge.data_types(&data_types);
        merge.names_by_analogy(&data_types);
    }
    // Without pages, the hand-written standard members still apply.
    merge.errors(&operations, &data_types, wire.as_ref());
    if !pages.is_empty() {
        merge.widths_by_name(pages);
        merge.settle_names(&data_types);
    }
    if let Some(wire) = &wire {
        merge.names(wire)?;
        merge.unions(wire)?;
        merge.hand_written_bindings(wire);
    }
    merge.inferred_bindings(wire.as_ref());
    merge.xml(&operations, &data_types);
    Ok(merge.warnings)
}

struct Merge<'s> {
    service: &'s mut Service,
    warnings: Vec<Diagnostic>,
    /// Structure shape → the names pages give it, with the first page that did.
    votes: BTreeMap<String, BTreeMap<String, (usize, PageRef)>>,
    /// AWS name → the data-type page or link that gave it, for diagnostics.
    named_by: BTreeMap<String, PageRef>,
    /// Where each `Type:` link named a structure: the member it was met through.
    sites: Vec<(Site, String)>,
    /// (structure, member) pairs an operation page's entry documents: their wire names are
    /// the pages', not a rule's.
    documented: BTreeSet<(String, String)>,
    /// (structure, member) pairs whose number width a page gave.
    typed: BTreeSet<(String, String)>,
    /// rest-xml payload structures, with the names their page shows for them (the root
    /// element, the payload member), which may be a data-type page's.
    payloads: Vec<Payload>,
}

/// A rest-xml payload structure, the names its page shows for it (the root element, the
/// payload member) and the types its page's entries give its members.
struct Payload {
    shape: String,
    names: Vec<String>,
    types: Vec<(String, TypeExpr)>,
    at: PageRef,
}

/// A member and the way from it to a structure: through list elements and map values.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Site {
    owner: String,
    member: String,
    steps: Vec<Step>,
    /// The data-type page whose entry this is (`None`: an operation page's), so a split of
    /// the owner can take its sites along.
    origin: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Element,
    Value,
}

/// Member name → where it travels, its wire name, and the line of the page that says so.
type Bindings = BTreeMap<String, (Location, Option<String>, u32)>;

/// How many page lines show a fact, and the first of them.
#[derive(Debug, Clone, Default)]
struct Vote {
    count: usize,
    first: Option<PageRef>,
}

impl Vote {
    fn add(&mut self, file: &Path, line: u32) {
        self.count += 1;
        self.first.get_or_insert_with(|| page_ref(file, line));
    }
}

fn page_ref(file: &Path, line: u32) -> PageRef {
    PageRef { file: file.to_path_buf(), line }
}

impl Merge<'_> {
    fn warn(&mut self, file: &Path, line: u32, message: impl Into<String>) {
        self.warnings.push(Diagnostic::new(file, line, message));
    }

    /// Every page's See Also links must name this service's API (`backup-2018-11-15`).
    fn check_service(&self, pages: &[RefPage]) -> Result<(), Vec<Diagnostic>> {
        let Some(expected) = self.service.uid.as_deref() else { return Ok(()) };
        let mut errors = Vec::new();
        for page in pages {
            let (file, line, uid) = match page {
                RefPage::Operation(p) => (&p.file, p.line, p.uid.as_deref()),
                RefPage::DataType(p) => (&p.file, p.line, p.uid.as_deref()),
                RefPage::Other { .. } => continue,
            };
            if let Some(uid) = uid.filter(|u| !u.eq_ignore_ascii_case(expected)) {
                errors.push(Diagnostic::new(
                    file,
                    line,
                    format!("this page documents `{uid}`, not this service's `{expected}`: expected only {} pages here", self.service.name),
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    // --- names and unions ----------------------------------------------------------------

    /// The file's `names`: AWS's names for shapes whose data-type page is missing. After the
    /// pages' own names, so a page that names the shape makes the fact stale, which is an
    /// error (the shape's old name is gone), as is a name another shape holds.
    fn names(&mut self, wire: &WireFile<'_>) -> Result<(), Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut renames = BTreeMap::new();
        for (shape, fact) in &wire.facts.names {
            let line = wire.facts.lines.get(&format!("names.{shape}")).copied().unwrap_or(0);
            let service = &self.service.name;
            if !self.service.shapes.contains_key(shape) {
                errors.push(Diagnostic::new(wire.path, line, format!("names: {shape} is not a shape of {service} (did a page name it {} already?)", fact.name)));
            } else if self.service.shapes.contains_key(&fact.name) && !wire.facts.names.contains_key(&fact.name) {
                errors.push(Diagnostic::new(wire.path, line, format!("names: {} is the name of another shape of {service}", fact.name)));
            } else {
                renames.insert(shape.clone(), fact.name.clone());
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        self.rename(&renames);
        Ok(())
    }

    /// The file's `unions`: structures no page marks as unions (DynamoDB's
    /// `AttributeValue`) become ones, so they are emitted as enums. A name that is not a
    /// structure of this service is an error: a stale fact must not pass silently.
    fn unions(&mut self, wire: &WireFile<'_>) -> Result<(), Vec<Diagnostic>> {
        let mut errors = Vec::new();
        for name in wire.facts.unions.keys() {
            let line = wire.facts.lines.get(&format!("unions.{name}")).copied().unwrap_or(0);
            match self.service.shapes.get_mut(name).map(|shape| &mut shape.kind) {
                Some(ShapeKind::Structure(s)) if s.union => {
                    self.warnings.push(Diagnostic::new(wire.path, line, format!("unions: {name} is a union by its pages already: remove it from this file")));
                }
                Some(ShapeKind::Structure(s)) if s.members.is_empty() || s.exception || s.event_stream => {
                    errors.push(Diagnostic::new(wire.path, line, format!("unions: {name} is an error, an event stream or has no members: it cannot be a union")));
                }
                Some(ShapeKind::Structure(s)) => s.union = true,
                Some(_) => errors.push(Diagnostic::new(wire.path, line, format!("unions: {name} is not a structure"))),
                None => errors.push(Diagnostic::new(wire.path, line, format!("unions: {name} is not a shape of {}", self.service.name))),
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    // --- protocol ---------------------------------------------------------------------

    fn protocol(&mut self, operations: &BTreeMap<&str, &OperationPage>, wire: Option<&WireFile<'_>>) {
        // What the pages show, each fact with the first page showing it.
        let mut rest: Option<PageRef> = None;
        let mut json: Option<PageRef> = None;
        let mut xml: Option<PageRef> = None;
        let (mut query, mut ec2): (Vote, Vote) = Default::default();
        let mut version: Option<(String, PageRef)> = None;
        let mut prefix: Option<(String, PageRef)> = None;
        let mut hosts: BTreeMap<String, (usize, PageRef)> = BTreeMap::new();
        let mut namespaces: BTreeMap<String, (usize, PageRef)> = BTreeMap::new();
        for page in operations.values() {
            if let Some(line) = &page.request_line {
                rest.get_or_insert(page_ref(&page.file, line.line));
            } else if page.request_syntax.is_some() {
                json.get_or_insert(page_ref(&page.file, page.request_syntax.as_ref().map_or(page.line, |b| b.line)));
            }
            let xml_block = page.request_xml.as_ref().or(page.response_xml.as_ref()).map(|e| e.line);
            if let Some(line) = xml_block.or(page.host_label.as_ref().and(page.request_line.as_ref().map(|l| l.line))) {
                xml.get_or_insert(page_ref(&page.file, line));
            }
            if page.request_line.is_none() && page.request_syntax.is_none() {
                // query and ec2 pages: no syntax block; parameter headings in wire form.
                let entries = page.request_members.iter().chain(&page.response_members);
                for entry in entries {
                    match entry.wire_suffix.as_deref() {
                        Some("N") => ec2.add(&page.file, entry.line),
                        Some(suffix) if suffix.ends_with(".N") || suffix.starts_with("entry.") => query.add(&page.file, entry.line),
                        _ => {}
                    }
                    if entry.name == "requestId" && entry.ty == Some(TypeExpr::String) {
                        ec2.add(&page.file, entry.line);
                    }
                }
                for root in page.sample_responses.iter().filter(|r| r.name == format!("{}Response", page.name)) {
                    if root.child(&format!("{}Result", page.name)).is_some() {
                        query.add(&page.file, root.line);
                    }
                    if root.child("requestId").is_some() {
                        ec2.add(&page.file, root.line);
                    }
                }
            }
            for root in page.sample_responses.iter().filter(|r| r.name == format!("{}Response", page.name)) {
                if let Some(namespace) = root.namespace() {
                    namespaces.entry(namespace.to_string()).or_insert((0, page_ref(&page.file, root.line))).0 += 1;
                }
            }
            let take = |slot: &mut Option<(String, PageRef)>, seen: &Option<(String, u32)>, what: &str, warnings: &mut Vec<Diagnostic>| {
                let Some((value, line)) = seen else { return };
                match slot {
                    None => *slot = Some((value.clone(), page_ref(&page.file, *line))),
                    Some((first, at)) if first != value => warnings.push(Diagnostic::new(
                        &page.file,
                        *line,
                        format!("this sample request shows {what} `{value}`, {at} shows `{first}`; keeping `{first}`"),
                    )),
                    Some(_) => {}
                }
            };
            take(&mut version, &page.json_version, "JSON version", &mut self.warnings);
            take(&mut prefix, &page.target_prefix, "target prefix", &mut self.warnings);
            if let Some((host, line)) = &page.sample_host {
                hosts.entry(host.clone()).or_insert((0, page_ref(&page.file, *line))).0 += 1;
            }
        }
        let facts = wire.map(|w| w.facts);
        let wire_at = |key: &str| wire.map(|w| page_ref(w.path, w.facts.lines.get(key).copied().unwrap_or(0)));
        let page_protocol = match (&rest, &xml, &json) {
            (Some(_), Some(at), _) => Some((WireProtocolName::RestXml, at.clone())),
            (Some(at), None, _) => Some((WireProtocolName::RestJson, at.clone())),
            (None, _, Some(at)) => Some((WireProtocolName::Json, at.clone())),
            (None, _, None) if ec2.count > query.count => ec2.first.clone().map(|at| (WireProtocolName::Ec2, at)),
            (None, _, None) => query.first.clone().map(|at| (WireProtocolName::Query, at)),
        };
        // The host most sample requests show (an example's bucket or region is no prefix).
        let host = best_name(&hosts).and_then(|h| hosts.get(&h).map(|(_, at)| (h, at.clone())));
        let protocol = self.combine("protocol", page_protocol, facts.and_then(|f| f.protocol), wire_at("protocol"));
        let version = self.combine("jsonVersion", version, facts.and_then(|f| f.json_version.clone()), wire_at("jsonVersion"));
        let prefix = self.combine("targetPrefix", prefix, facts.and_then(|f| f.target_prefix.clone()), wire_at("targetPrefix"));
        let endpoint = self.combine("endpointPrefix", host, facts.and_then(|f| f.endpoint_prefix.clone()), wire_at("endpointPrefix"));
        let signing = facts.and_then(|f| f.signing_name.clone()).or_else(|| endpoint.clone());
        let kind = match protocol {
            Some(WireProtocolName::RestJson) => Some(ProtocolKind::RestJson),
            Some(WireProtocolName::RestXml) => Some(ProtocolKind::RestXml),
            Some(WireProtocolName::Query) => Some(ProtocolKind::Query),
            Some(WireProtocolName::Ec2) => Some(ProtocolKind::Ec2),
            Some(WireProtocolName::Json) => match (version, prefix) {
                (Some(version), Some(target_prefix)) => Some(ProtocolKind::Json { version, target_prefix }),
                (version, _) => {
                    let missing = if version.is_none() { "jsonVersion" } else { "targetPrefix" };
                    let (file, line) = wire.map_or((PathBuf::from(&self.service.name), 0), |w| (w.path.to_path_buf(), 0));
                    self.warn(&file, line, format!("protocol json needs {missing}: no sample request shows it; expected it in protocol.json"));
                    None
                }
            },
            None => None,
        };
        // query and ec2: the namespace most sample responses' roots declare, unless
        // protocol.json corrects it (the pages spell it inconsistently, see `wire`).
        let xml_namespace = match &kind {
            Some(ProtocolKind::Query | ProtocolKind::Ec2) => {
                let shown = best_name(&namespaces);
                match (shown, facts.and_then(|f| f.xml_namespace.clone())) {
                    (Some(shown), Some(file)) if shown == file => {
                        let at = wire_at("xmlNamespace").unwrap_or_default();
                        let (count, first) = namespaces[&shown].clone();
                        self.warn(&at.file, at.line, format!("xmlNamespace is also what {count} sample responses show (first {first}): remove it from this file, which keeps only facts no page gives"));
                        Some(file)
                    }
                    (_, Some(file)) => Some(file),
                    (shown, None) => shown,
                }
            }
            _ => None,
        };
        match (kind, signing, endpoint) {
            (Some(kind), Some(signing_name), Some(endpoint_prefix)) => {
                self.service.protocol = Some(Protocol { kind, signing_name, endpoint_prefix, xml_namespace });
            }
            (Some(_), _, None) => {
                let (file, line) = wire.map_or((PathBuf::from(&self.service.name), 0), |w| (w.path.to_path_buf(), 0));
                self.warn(&file, line, "no page shows the endpoint's host name: expected endpointPrefix in protocol.json");
            }
            _ => {}
        }
    }

    /// A fact from the pages and from `protocol.json`: the page's wins; the file repeating
    /// or contradicting it is worth a warning (the file keeps only what no page gives).
    fn combine<T: PartialEq + std::fmt::Debug + Clone>(
        &mut self,
        key: &str,
        page: Option<(T, PageRef)>,
        file: Option<T>,
        file_at: Option<PageRef>,
    ) -> Option<T> {
        match (page, file) {
            (Some((page, at)), Some(file)) => {
                let file_at = file_at.unwrap_or_default();
                let message = if page == file {
                    format!("{key} is also shown at {at}: remove it from this file, which keeps only facts no page gives")
                } else {
                    format!("{key} {file:?} disagrees with {page:?} shown at {at}; using the page's")
                };
                self.warn(&file_at.file, file_at.line, message);
                Some(page)
            }
            (Some((page, _)), None) => Some(page),
            (None, file) => file,
        }
    }

    // --- operations -------------------------------------------------------------------

    fn operations(&mut self, pages: &BTreeMap<&str, &OperationPage>) {
        let names: Vec<String> = self.service.operations.keys().cloned().collect();
        let reference_dir = pages.values().next().and_then(|p| p.file.parent()).map(Path::to_path_buf).unwrap_or_default();
        for name in &names {
            match pages.get(name.as_str()) {
                Some(page) => self.operation(name, page),
                None => {
                    let at = self.service.operations[name].page.clone().unwrap_or_default();
                    self.warn(
                        &at.file,
                        at.line,
                        format!("operation {name} has no API Reference page (expected {}): its wire facts and type names come from the rules alone", reference_dir.join(format!("API_{name}.md")).display()),
                    );
                }
            }
        }
        for (name, page) in pages {
            if !self.service.operations.contains_key(*name) {
                self.warn(&page.file, page.line, format!("operation {name} has an API Reference page but no boto3 page: not generated"));
            }
        }
    }

    fn operation(&mut self, name: &str, page: &OperationPage) {
        let op = self.service.operations[name].clone();
        let boto = op.page.clone().unwrap_or_default();
        let rest_xml = self.protocol_is(|k| matches!(k, ProtocolKind::RestXml));
        // Request members: URI parameters (bound below) and body members.
        let mut bound: Bindings = BTreeMap::new();
        let members = op.input.as_deref().map(|input| self.members_of(input)).unwrap_or_default();
        if let Some(line) = &page.request_line {
            if let Some(uri) = self.bind_request(name, page, line, &members, &mut bound) {
                let response_code = page.response_status.filter(|s| *s != 200);
                self.service.operations.get_mut(name).expect("listed").http =
                    Some(HttpBinding { method: line.method.clone(), uri, response_code });
            }
        }
        if let Some(input) = op.input.clone() {
            if page.request_body == BodyFormat::Binary {
                if let [only] = page.request_members.as_slice() {
                    bound.insert(only.name.clone(), (Location::Payload, None, only.line));
                }
            }
            // URI parameters: headed by their wire name or their member name.
            let mut documented: BTreeSet<String> = BTreeSet::new();
            for entry in &page.uri_params {
                let member = match bound.iter().find(|(_, (_, wire, _))| wire.as_deref() == Some(entry.name.as_str())) {
                    Some((member, _)) => member.clone(),
                    None => entry.name.clone(),
                };
                if members.iter().any(|m| m.name == member) {
                    self.apply_entry(&input, &member, entry, page);
                    documented.insert(member);
                } else if !bound.values().any(|(_, wire, _)| wire.as_deref() == Some(entry.name.as_str()))
                    && !page.request_headers.iter().any(|h| h.wire_name == entry.name)
                {
                    // (A header line naming no member was warned about already.)
                    self.warn(&page.file, entry.line, format!("{name}: request member {} is not in the boto3 page's request ({boto})", entry.name));
                }
            }
            // The body: the members of a payload structure (rest-xml: the root element names
            // it) or of the input itself.
            let free: Vec<Member> = members.iter().filter(|m| bound.get(&m.name).is_none_or(|(l, _, _)| *l == Location::Payload)).cloned().collect();
            let root = page.request_root.clone().or_else(|| page.request_xml.as_ref().map(|r| r.name.clone()));
            let payload = if rest_xml { self.payload_member(root.as_deref(), &free, &page.request_members, page.request_body) } else { None };
            let (owner, candidates) = match &payload {
                Some(p) if self.is_structure(&p.target) => (p.target.clone(), self.members_of(&p.target)),
                _ => (input.clone(), free.clone()),
            };
            if let Some(p) = &payload {
                let line = page.request_xml.as_ref().map_or(page.line, |r| r.line);
                let names = root.iter().cloned().chain([p.name.clone()]).collect();
                self.payloads.push(Payload { shape: p.target.clone(), names, types: Vec::new(), at: page_ref(&page.file, line) });
                bound.insert(p.name.clone(), (Location::Payload, None, line));
                documented.insert(p.name.clone());
                if let Some(m) = self.member_mut(&input, &p.name) {
                    if let Some(root) = root.as_deref().filter(|r| *r != p.name) {
                        m.xml.name = Some(root.to_string());
                    }
                    m.xml.namespace = page.request_xml.as_ref().and_then(|r| r.namespace()).map(|uri| XmlNamespace { prefix: None, uri: uri.to_string() });
                }
            } else if let (true, Some(root)) = (rest_xml, root.clone()) {
                let namespace = page.request_xml.as_ref().and_then(|r| r.namespace()).map(|uri| XmlNamespace { prefix: None, uri: uri.to_string() });
                self.service.operations.get_mut(name).expect("listed").input_root = Some(XmlRoot { name: root, namespace });
            }
            let entries: Vec<&Entry> = page.request_members.iter().collect();
            let resolved = self.resolve_entries(&entries, &candidates);
            if let (Some(_), Some(record)) = (&payload, self.payloads.last_mut()) {
                record.types = entries.iter().zip(&resolved).filter_map(|(e, m)| Some((m.clone()?, e.ty.clone()?))).collect();
            }
            for (entry, member) in entries.iter().zip(&resolved) {
                match member {
                    Some(member) => {
                        self.apply_entry(&owner, member, entry, page);
                        self.entry_wire_names(&owner, member, entry);
                        self.documented.insert((owner.clone(), member.clone()));
                        if owner == input {
                            documented.insert(member.clone());
                        }
                    }
                    None => self.warn(&page.file, entry.line, format!("{name}: request member {} is not in the boto3 page's request ({boto})", entry.name)),
                }
            }
            let missing: Vec<&str> = members.iter().map(|m| m.name.as_str()).filter(|m| !documented.contains(*m) && !bound.contains_key(*m)).collect();
            if !missing.is_empty() && (page.request_line.is_some() || page.request_syntax.is_some() || !page.request_members.is_empty()) {
                self.warn(
                    &boto.file,
                    boto.line,
                    format!("{name}: request member(s) {} not on the API Reference page {}:{} (the page may be older)", missing.join(", "), page.file.display(), page.line),
                );
            }
            self.set_locations(&input, &bound);
        } else if !page.request_members.is_empty() || !page.uri_params.is_empty() {
            self.warn(&page.file, page.line, format!("{name}: the page lists request members, the boto3 page ({boto}) none"));
        }

        // Response members: header members by their wire names, the rest by name (rest-xml:
        // element names; query: wire names; ec2: lower-camel element names).
        if let Some(output) = op.output.clone() {
            let members = self.members_of(&output);
            let mut out_bound: Bindings = BTreeMap::new();
            for header in &page.response_headers {
                if members.iter().any(|m| m.name == header.member) {
                    let location = Location::Header;
                    out_bound.insert(header.member.clone(), (location, Some(header.wire_name.clone()), header.line));
                } else {
                    self.warn(&page.file, header.line, format!("{name}: response header {} names no member of the output ({boto})", header.wire_name));
                }
            }
            if page.response_body == BodyFormat::Binary {
                if let Some(entry) = page.response_members.iter().find(|e| !out_bound.contains_key(&e.name) && !page.response_headers.iter().any(|h| h.wire_name == e.name)) {
                    out_bound.insert(entry.name.clone(), (Location::Payload, None, entry.line));
                }
            }
            let mut documented: BTreeSet<String> = BTreeSet::new();
            let mut body: Vec<&Entry> = Vec::new();
            for entry in &page.response_members {
                match page.response_headers.iter().find(|h| h.wire_name == entry.name) {
                    Some(header) if members.iter().any(|m| m.name == header.member) => {
                        self.apply_entry(&output, &header.member, entry, page);
                        documented.insert(header.member.clone());
                    }
                    Some(_) => {}
                    None => body.push(entry),
                }
            }
            let free: Vec<Member> = members.iter().filter(|m| !out_bound.contains_key(&m.name) || out_bound[&m.name].0 == Location::Payload).cloned().collect();
            let root = page.response_root.clone().or_else(|| page.response_xml.as_ref().map(|r| r.name.clone()));
            let payload = match out_bound.iter().find(|(_, (l, _, _))| *l == Location::Payload) {
                Some((member, _)) => members.iter().find(|m| m.name == *member).cloned(),
                None if rest_xml => self.payload_member(root.as_deref(), &free, &body, page.response_body),
                None => None,
            };
            let (owner, candidates) = match &payload {
                Some(p) if self.is_structure(&p.target) => (p.target.clone(), self.members_of(&p.target)),
                _ => (output.clone(), free.clone()),
            };
            if let Some(p) = &payload {
                let at = page_ref(&page.file, page.response_xml.as_ref().map_or(page.line, |r| r.line));
                let names = root.iter().cloned().chain([p.name.clone()]).collect();
                self.payloads.push(Payload { shape: p.target.clone(), names, types: Vec::new(), at });
                out_bound.entry(p.name.clone()).or_insert((Location::Payload, None, page.response_xml.as_ref().map_or(page.line, |r| r.line)));
                documented.insert(p.name.clone());
                if let Some(root) = root.as_deref().filter(|r| *r != p.name && self.is_structure(&p.target)) {
                    if let Some(m) = self.member_mut(&output, &p.name) {
                        m.xml.name = Some(root.to_string());
                    }
                }
            }
            // ec2: `requestId` is the protocol's, not a member's.
            let ec2 = self.protocol_is(|k| matches!(k, ProtocolKind::Ec2));
            let body: Vec<&Entry> = body.into_iter().filter(|e| !(ec2 && e.name == "requestId" && !candidates.iter().any(|m| m.name.eq_ignore_ascii_case("requestId")))).collect();
            let resolved = self.resolve_entries(&body, &candidates);
            if let (Some(_), Some(record)) = (&payload, self.payloads.last_mut()) {
                record.types = body.iter().zip(&resolved).filter_map(|(e, m)| Some((m.clone()?, e.ty.clone()?))).collect();
            }
            for (entry, member) in body.iter().zip(&resolved) {
                match member {
                    Some(member) => {
                        self.apply_entry(&owner, member, entry, page);
                        self.entry_wire_names(&owner, member, entry);
                        self.documented.insert((owner.clone(), member.clone()));
                        if owner == output {
                            documented.insert(member.clone());
                        }
                    }
                    None => self.warn(&page.file, entry.line, format!("{name}: response member {} is not in the boto3 page's response ({boto})", entry.name)),
                }
            }
            let missing: Vec<&str> = members.iter().map(|m| m.name.as_str()).filter(|m| !documented.contains(*m) && !out_bound.contains_key(*m)).collect();
            if !missing.is_empty() && !page.response_members.is_empty() {
                self.warn(
                    &boto.file,
                    boto.line,
                    format!("{name}: response member(s) {} not on the API Reference page {}:{} (the page may be older)", missing.join(", "), page.file.display(), page.line),
                );
            }
            self.set_locations(&output, &out_bound);
        }
    }

    /// rest-xml: the member that is the whole body. The root element names it (`<Tagging>`), or
    /// the body is one non-XML entry (`Policy` as JSON), or the entries are not the
    /// members' own and one structure member is left to hold them (`<CompleteMultipartUpload>`
    /// for `MultipartUpload`); `None` when the entries are the members themselves.
    fn payload_member(&self, root: Option<&str>, free: &[Member], entries: &[impl std::borrow::Borrow<Entry>], format: BodyFormat) -> Option<Member> {
        let entries: Vec<&Entry> = entries.iter().map(|e| e.borrow()).collect();
        if matches!(format, BodyFormat::Json | BodyFormat::Binary) {
            if let [only] = entries.as_slice() {
                if let Some(m) = free.iter().find(|m| m.name == only.name) {
                    return Some(m.clone());
                }
            }
        }
        let root = root?;
        if let Some(m) = free.iter().find(|m| m.name == root && self.is_structure(&m.target)) {
            return Some(m.clone());
        }
        if entries.iter().any(|e| free.iter().any(|m| m.name == e.name)) {
            return None;
        }
        match free.iter().filter(|m| self.is_structure(&m.target)).collect::<Vec<_>>().as_slice() {
            [only] => Some((*only).clone()),
            _ => None,
        }
    }

    fn is_structure(&self, shape: &str) -> bool {
        matches!(self.service.shapes.get(shape).map(|s| &s.kind), Some(ShapeKind::Structure(_)))
    }

    fn protocol_is(&self, test: impl Fn(&ProtocolKind) -> bool) -> bool {
        self.service.protocol.as_ref().is_some_and(|p| test(&p.kind))
    }

    /// Which member each entry documents. The pages of JSON protocols head entries with
    /// member names; XML protocols with wire names (`Filter.N` for `Filters`, `reservationSet`
    /// for `Reservations`, the element `Rule` of the flattened list `Rules`), so there an entry
    /// is also matched ignoring case, then by its stem (without `Set` and plural endings),
    /// then by its prose, and a last entry and member left over of one form are each other's.
    fn resolve_entries(&self, entries: &[&Entry], members: &[Member]) -> Vec<Option<String>> {
        let wires: Vec<WireName<'_>> = entries.iter().map(|e| WireName { name: &e.name, form: entry_form(e), docs: &e.docs }).collect();
        let fuzzy = self.protocol_is(ProtocolKind::is_xml);
        resolve(&wires, members, fuzzy, &|shape: &str| self.kind_of(shape)).into_iter().map(|k| k.map(|k| members[k].name.clone())).collect()
    }

    /// The wire names an operation page's entry shows for `member` of `owner` (query and
    /// ec2 parameters and elements, rest-xml elements): the name when it is not the member's,
    /// a query list's item name (`Things.Thing.N`), a query map's key and value names.
    fn entry_wire_names(&mut self, owner: &str, member: &str, entry: &Entry) {
        let Some(kind) = self.service.protocol.as_ref().map(|p| p.kind.clone()) else { return };
        if !kind.is_xml() {
            return;
        }
        let Some(target) = self.member(owner, member).map(|m| m.target.clone()) else { return };
        if entry.name != member {
            if let Some(m) = self.member_mut(owner, member) {
                m.xml.name = Some(entry.name.clone());
            }
        }
        if kind == ProtocolKind::Query {
            self.query_suffix_names(&target, entry.wire_suffix.as_deref());
        }
    }

    /// A query heading's suffix: `Thing.N` names a list's items, `entry.N.Name (key)
    /// entry.N.Value (value)` a map's key and value elements (when not the defaults).
    fn query_suffix_names(&mut self, target: &str, suffix: Option<&str>) {
        let Some(suffix) = suffix else { return };
        let Some(shape) = self.service.shapes.get_mut(target) else { return };
        match &shape.kind {
            ShapeKind::List { .. } => {
                if let Some(item) = suffix.strip_suffix(".N").filter(|i| *i != "member" && !i.is_empty()) {
                    shape.xml.member_name = Some(item.to_string());
                }
            }
            ShapeKind::Map { .. } => {
                let (key, value) = map_entry_names(suffix);
                shape.xml.key_name = key.filter(|k| k != "key");
                shape.xml.value_name = value.filter(|v| v != "value");
            }
            _ => {}
        }
    }

    /// Binds the request line's labels, query and headers to input members; returns the URI
    /// template, or `None` (with a warning) when a label names no member.
    fn bind_request(
        &mut self,
        op: &str,
        page: &OperationPage,
        line: &crate::parse::apiref::RequestLine,
        members: &[Member],
        bound: &mut Bindings,
    ) -> Option<String> {
        let entry_named = |name: &str| page.uri_params.iter().find(|e| e.name == name);
        let mut uri = String::new();
        let mut complete = true;
        for segment in line.path.split('/').skip(1) {
            uri.push('/');
            let braced = segment.trim_start_matches('{').trim_end_matches('}');
            let is_braced = braced.len() != segment.len();
            let (label, greedy) = match braced.strip_suffix('+') {
                Some(label) => (label, true),
                None => (braced, false),
            };
            let entry = entry_named(label);
            if !is_braced && entry.is_none() {
                uri.push_str(segment);
                continue;
            }
            let Some(member) = self.match_label(label, entry, members, bound) else {
                self.warn(
                    &page.file,
                    line.line,
                    format!("{op}: path label {{{label}}} names no member of the request; the operation is generated without a binding"),
                );
                complete = false;
                continue;
            };
            let at = entry.map_or(line.line, |e| e.line);
            if let Some((location, _, first)) = bound.get(&member) {
                self.warn(&page.file, at, format!("{op}: member {member} is bound twice: as {location:?} (line {first}) and as path label {{{label}}}; keeping the first"));
                continue;
            }
            bound.insert(member, (Location::Path, Some(label.to_string()), at));
            uri.push('{');
            uri.push_str(label);
            if greedy {
                uri.push('+');
            }
            uri.push('}');
        }
        if uri.is_empty() {
            uri.push('/');
        }
        // `Host: Bucket.s3.amazonaws.com`: the label is the path's first (path-style URI).
        if let Some(label) = &page.host_label {
            let entry = entry_named(label);
            match self.match_label(label, entry, members, bound) {
                Some(member) => {
                    bound.insert(member, (Location::Path, Some(label.clone()), entry.map_or(line.line, |e| e.line)));
                    uri = if uri == "/" { format!("/{{{label}}}") } else { format!("/{{{label}}}{uri}") };
                }
                None => {
                    self.warn(&page.file, line.line + 1, format!("{op}: host label {{{label}}} names no member of the request; the operation is generated without a binding"));
                    complete = false;
                }
            }
        }
        let mut literals = Vec::new();
        for part in &line.query {
            let target = part.value.as_deref().filter(|v| members.iter().any(|m| m.name == *v));
            match (target, &part.value) {
                (Some(member), _) => {
                    if let Some((location, _, first)) = bound.get(member) {
                        self.warn(&page.file, line.line, format!("{op}: member {member} is bound twice: as {location:?} (line {first}) and as query `{}`; keeping the first", part.key));
                        continue;
                    }
                    bound.insert(member.to_string(), (Location::Query, Some(part.key.clone()), line.line));
                }
                (None, Some(value)) if part.braced => {
                    self.warn(&page.file, line.line, format!("{op}: query parameter `{}` names {value}, which is no member of the request", part.key));
                }
                (None, Some(value)) => literals.push(format!("{}={value}", part.key)),
                (None, None) => {
                    let map = members.iter().find(|m| m.name == part.key && self.is_map(&m.target));
                    match map {
                        Some(m) => {
                            bound.insert(m.name.clone(), (Location::Query, None, line.line));
                        }
                        None => literals.push(part.key.clone()),
                    }
                }
            }
        }
        if !literals.is_empty() {
            uri.push('?');
            uri.push_str(&literals.join("&"));
        }
        for header in &page.request_headers {
            if !members.iter().any(|m| m.name == header.member) {
                self.warn(&page.file, header.line, format!("{op}: header {} names {}, which is no member of the request", header.wire_name, header.member));
                continue;
            }
            if let Some((location, _, first)) = bound.get(&header.member) {
                self.warn(&page.file, header.line, format!("{op}: member {} is bound twice: as {location:?} (line {first}) and as header {}; keeping the first", header.member, header.wire_name));
                continue;
            }
            bound.insert(header.member.clone(), (Location::Header, Some(header.wire_name.clone()), header.line));
        }
        complete.then_some(uri)
    }

    /// The input member a path label stands for.
    fn match_label(
        &self,
        label: &str,
        entry: Option<&Entry>,
        members: &[Member],
        bound: &Bindings,
    ) -> Option<String> {
        let free: Vec<&Member> = members.iter().filter(|m| !bound.contains_key(&m.name)).collect();
        if let Some(m) = free.iter().find(|m| m.name == label) {
            return Some(m.name.clone());
        }
        if let Some(entry) = entry {
            let wanted = words(&entry.docs);
            if !wanted.is_empty() {
                let scored = free
                    .iter()
                    .map(|m| (similarity(&wanted, &words(&m.docs)), m))
                    .filter(|(score, _)| *score >= 0.6)
                    .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.name.cmp(&a.1.name)));
                if let Some((_, m)) = scored {
                    return Some(m.name.clone());
                }
            }
        }
        if let Some(m) = free.iter().find(|m| m.name.eq_ignore_ascii_case(label)) {
            return Some(m.name.clone());
        }
        let capital = capitalize(label);
        let suffixed: Vec<&&Member> = free.iter().filter(|m| m.name.ends_with(&capital)).collect();
        match suffixed.as_slice() {
            [one] => Some(one.name.clone()),
            _ => None,
        }
    }

    fn set_locations(&mut self, structure: &str, bound: &Bindings) {
        let Some(Shape { kind: ShapeKind::Structure(s), .. }) = self.service.shapes.get_mut(structure) else { return };
        for member in &mut s.members {
            if let Some((location, wire, _)) = bound.get(&member.name) {
                member.location = Some(*location);
                member.location_name = wire.clone();
            }
        }
    }

    fn members_of(&self, structure: &str) -> Vec<Member> {
        match self.service.shapes.get(structure).map(|s| &s.kind) {
            Some(ShapeKind::Structure(s)) => s.members.clone(),
            _ => Vec::new(),
        }
    }

    fn is_map(&self, shape: &str) -> bool {
        matches!(self.service.shapes.get(shape).map(|s| &s.kind), Some(ShapeKind::Map { .. }))
    }

    // --- members ----------------------------------------------------------------------

    /// What an entry adds to the member `member` of structure `owner`: width, constraints,
    /// the names of the structures it reaches.
    fn apply_entry(&mut self, owner: &str, member: &str, entry: &Entry, page_file: &impl PageFile) {
        let Some(target) = self.member(owner, member).map(|m| m.target.clone()) else { return };
        let at = page_ref(page_file.file(), entry.line);
        if matches!(entry.ty, Some(TypeExpr::Integer | TypeExpr::Long | TypeExpr::Float | TypeExpr::Double)) || (entry.ty.is_none() && fits_i32(&entry.constraints)) {
            self.typed.insert((owner.to_string(), member.to_string()));
        }
        match &entry.ty {
            Some(ty) => {
                let site = Site { owner: owner.to_string(), member: member.to_string(), steps: Vec::new(), origin: page_file.data_type().map(str::to_string) };
                if let Some(new_target) = self.apply_type(&target, ty, &at, site) {
                    if let Some(m) = self.member_mut(owner, member) {
                        m.target = new_target;
                    }
                }
            }
            None => {
                // A URI parameter: no Type line. A range that fits 32 bits is an Integer.
                if self.kind_of(&target) == Some(ShapeKind::Long) && fits_i32(&entry.constraints) {
                    let site = Site { owner: owner.to_string(), member: member.to_string(), steps: Vec::new(), origin: page_file.data_type().map(str::to_string) };
                    if let Some(new_target) = self.apply_type(&target, &TypeExpr::Integer, &at, site) {
                        if let Some(m) = self.member_mut(owner, member) {
                            m.target = new_target;
                        }
                    }
                }
            }
        }
        let constraints = constraints_of(entry);
        if let Some(m) = self.member_mut(owner, member) {
            if !constraints.is_empty() {
                m.constraints = constraints;
            }
        }
    }

    /// Reconciles the shape `target` with a `Type:` expression; returns a new target when a
    /// shared scalar shape must change (`Long` → `Integer`).
    fn apply_type(&mut self, target: &str, ty: &TypeExpr, at: &PageRef, mut site: Site) -> Option<String> {
        let kind = self.service.shapes.get(target).map(|s| s.kind.clone())?;
        let width = match ty {
            TypeExpr::Integer => Some(ShapeKind::Integer),
            TypeExpr::Long => Some(ShapeKind::Long),
            TypeExpr::Float => Some(ShapeKind::Float),
            TypeExpr::Double => Some(ShapeKind::Double),
            _ => None,
        };
        match (&kind, ty) {
            (ShapeKind::Integer | ShapeKind::Long | ShapeKind::Float | ShapeKind::Double, _) => {
                let width = width?;
                if width == kind {
                    return None;
                }
                let numeric = |k: &ShapeKind| matches!(k, ShapeKind::Integer | ShapeKind::Long | ShapeKind::Float | ShapeKind::Double);
                if !numeric(&width) {
                    return None;
                }
                if PRIMITIVES.iter().any(|(name, _)| *name == target) {
                    // A shared scalar: point the member at the shared scalar of its width.
                    let wanted = PRIMITIVES.iter().find(|(_, make)| make() == width).map(|(n, _)| *n)?;
                    self.ensure_primitive(wanted);
                    return Some(wanted.to_string());
                }
                // A named scalar of its own (documented list element, map value).
                if let Some(shape) = self.service.shapes.get_mut(target) {
                    shape.kind = width;
                }
                None
            }
            (ShapeKind::Structure(_), TypeExpr::Structure(name)) => {
                self.vote(target, name, at);
                self.sites.push((site, name.clone()));
                None
            }
            (ShapeKind::List { member }, TypeExpr::List(inner)) => {
                let member = member.clone();
                site.steps.push(Step::Element);
                if let Some(new) = self.apply_type(&member, inner, at, site) {
                    if let Some(Shape { kind: ShapeKind::List { member }, .. }) = self.service.shapes.get_mut(target) {
                        *member = new;
                    }
                }
                None
            }
            (ShapeKind::Map { value, .. }, TypeExpr::Map(inner)) => {
                let value = value.clone();
                site.steps.push(Step::Value);
                if let Some(new) = self.apply_type(&value, inner, at, site) {
                    if let Some(Shape { kind: ShapeKind::Map { value, .. }, .. }) = self.service.shapes.get_mut(target) {
                        *value = new;
                    }
                }
                None
            }
            _ => None,
        }
    }

    fn ensure_primitive(&mut self, name: &str) {
        if !self.service.shapes.contains_key(name) {
            if let Some((_, make)) = PRIMITIVES.iter().find(|(p, _)| *p == name) {
                self.service.shapes.insert(name.to_string(), Shape::new(name.to_string(), String::new(), make()));
            }
        }
    }

    fn vote(&mut self, shape: &str, name: &str, at: &PageRef) {
        let votes = self.votes.entry(shape.to_string()).or_default();
        let slot = votes.entry(name.to_string()).or_insert((0, at.clone()));
        slot.0 += 1;
        self.named_by.entry(name.to_string()).or_insert_with(|| at.clone());
    }

    fn kind_of(&self, shape: &str) -> Option<ShapeKind> {
        self.service.shapes.get(shape).map(|s| s.kind.clone())
    }

    fn member(&self, owner: &str, member: &str) -> Option<&Member> {
        match &self.service.shapes.get(owner)?.kind {
            ShapeKind::Structure(s) => s.members.iter().find(|m| m.name == member),
            _ => None,
        }
    }

    fn member_mut(&mut self, owner: &str, member: &str) -> Option<&mut Member> {
        match &mut self.service.shapes.get_mut(owner)?.kind {
            ShapeKind::Structure(s) => s.members.iter_mut().find(|m| m.name == member),
            _ => None,
        }
    }

    /// XML protocols: a number no page types (a URI or header parameter, a member newer than
    /// its pages, an operation without a page) takes the width the pages give members of
    /// that name elsewhere in the service, when they agree on one (`MaxResults`, `PartNumber`),
    /// else the width most of the service's typed numbers of its kind have: sizes (`…Size`,
    /// `…Bytes`, `…Length`, `…Offset`: S3's are Long, EC2's Integer) apart from the rest
    /// (Integer in all five XML services). This trades boto3's overflow-proof `Long` for the
    /// width botocore has: of S3's 98 numbers in botocore 1.44.5, the 27 sizes are long and
    /// 69 of the others integer; of EC2's 887, 824 are integers.
    fn widths_by_name(&mut self, pages: &[RefPage]) {
        if !self.protocol_is(ProtocolKind::is_xml) {
            return;
        }
        let mut votes: BTreeMap<String, BTreeMap<&'static str, (usize, PageRef)>> = BTreeMap::new();
        for page in pages {
            let (file, entries): (&Path, Vec<&Entry>) = match page {
                RefPage::Operation(p) => (&p.file, p.uri_params.iter().chain(&p.request_members).chain(&p.response_members).collect()),
                RefPage::DataType(p) => (&p.file, p.members.iter().collect()),
                RefPage::Other { .. } => continue,
            };
            for entry in entries {
                let width = match entry.ty {
                    Some(TypeExpr::Integer) => "Integer",
                    Some(TypeExpr::Long) => "Long",
                    _ => continue,
                };
                let slot = votes.entry(entry.name.to_ascii_lowercase()).or_default().entry(width).or_insert((0, page_ref(file, entry.line)));
                slot.0 += 1;
            }
        }
        let count = |width: &str, size: bool| votes.iter().filter(|(name, _)| is_size(name) == size).filter_map(|(_, v)| v.get(width)).map(|(n, _)| n).sum::<usize>();
        let integer_default = |size: bool| count("Integer", size) > count("Long", size);
        let (integer_sizes, integer_others) = (integer_default(true), integer_default(false));
        let structures: Vec<String> = self.service.shapes.iter().filter(|(_, s)| matches!(s.kind, ShapeKind::Structure(_))).map(|(n, _)| n.clone()).collect();
        for owner in structures {
            for member in self.members_of(&owner) {
                if self.typed.contains(&(owner.clone(), member.name.clone())) || self.kind_of(&member.target) != Some(ShapeKind::Long) {
                    continue;
                }
                let lower = member.name.to_ascii_lowercase();
                let integer_by_kind = if is_size(&lower) { integer_sizes } else { integer_others };
                let at = match votes.get(&lower).map(|f| (f.get("Integer"), f.get("Long"))) {
                    Some((Some((_, at)), None)) => at.clone(),
                    Some((_, Some(_))) => continue,
                    _ if integer_by_kind => PageRef::default(),
                    _ => continue,
                };
                let site = Site { owner: owner.clone(), member: member.name.clone(), steps: Vec::new(), origin: None };
                if let Some(new_target) = self.apply_type(&member.target, &TypeExpr::Integer, &at, site) {
                    if let Some(m) = self.member_mut(&owner, &member.name) {
                        m.target = new_target;
                    }
                }
            }
        }
    }

    // --- data types -------------------------------------------------------------------

    /// Applies each data-type page to the structures the pages name after it, following
    /// the names it gives in turn, until no new structure is reached.
    fn data_types(&mut self, pages: &BTreeMap<&str, &DataTypePage>) {
        // rest-xml payloads: no link names their structure; the data-type page named as
        // their root element or member is theirs when it lists exactly its members, else
        // the one page that does (`<CompleteMultipartUpload>` → `CompletedMultipartUpload`).
        // A page named so may be older than the structure (fewer members), but must type
        // the members as the operation's page does (`BucketLifecycleConfiguration`'s
        // `Rules` are `LifecycleRule`s, `LifecycleConfiguration`'s `Rule`s).
        for Payload { shape, names, types, at } in std::mem::take(&mut self.payloads) {
            if self.votes.contains_key(&shape) {
                continue;
            }
            let wanted: BTreeSet<String> = self.members_of(&shape).into_iter().map(|m| m.name).collect();
            let lists = |page: &DataTypePage| !wanted.is_empty() && page.members.iter().map(|e| e.name.clone()).collect::<BTreeSet<_>>() == wanted;
            let older = |page: &DataTypePage| {
                !page.members.is_empty()
                    && page.members.iter().all(|e| wanted.contains(&e.name))
                    && types.iter().all(|(m, ty)| page.members.iter().find(|e| e.name == *m).and_then(|e| e.ty.as_ref()).is_none_or(|t| t == ty))
            };
            let named = names.iter().find(|n| pages.get(n.as_str()).is_some_and(|p| older(p))).cloned();
            let found = named.or_else(|| match pages.iter().filter(|(_, p)| lists(p)).collect::<Vec<_>>().as_slice() {
                [(name, _)] => Some(name.to_string()),
                _ => None,
            });
            if let Some(name) = found {
                self.vote(&shape, &name, &at);
            }
        }
        let mut done: BTreeSet<(String, String)> = BTreeSet::new();
        loop {
            let pending: Vec<(String, String)> = self
                .votes
                .iter()
                .flat_map(|(shape, names)| names.keys().map(move |n| (shape.clone(), n.clone())))
                .filter(|pair| !done.contains(pair))
                .collect();
            if pending.is_empty() {
                break;
            }
            for (shape, name) in pending {
                done.insert((shape.clone(), name.clone()));
                let Some(page) = pages.get(name.as_str()) else { continue };
                self.data_type(&shape, page);
            }
        }
        // A page whose structure no link reaches: the one structure with exactly its members.
        let named: BTreeSet<String> = self.votes.values().flat_map(|v| v.keys().cloned()).collect();
        for (name, page) in pages {
            if named.contains(*name) || page.members.is_empty() {
                continue;
            }
            let wanted: BTreeSet<&str> = page.members.iter().map(|e| e.name.as_str()).collect();
            let candidates: Vec<String> = self
                .service
                .shapes
                .iter()
                .filter(|(shape, s)| {
                    !self.votes.contains_key(*shape)
                        && !self.is_operation_root(shape)
                        && matches!(&s.kind, ShapeKind::Structure(st) if !st.exception && st.members.len() >= 2
                            && st.members.iter().map(|m| m.name.as_str()).collect::<BTreeSet<_>>() == wanted)
                })
                .map(|(n, _)| n.clone())
                .collect();
            if let [only] = candidates.as_slice() {
                self.vote(only, name, &page_ref(&page.file, page.line));
                self.data_type(only, page);
            }
        }
    }

    /// A member no link names (its page is older than the member) is named the way AWS names
    /// its linked siblings: `GlobalSecondaryIndexes` → `GlobalSecondaryIndexInfo` beside an
    /// unlinked `VectorIndexes` gives `VectorIndexInfo`, `GlobalSecondaryIndexOverride` →
    /// `GlobalSecondaryIndex` gives `VectorIndexOverride` → `VectorIndex`. The name is taken
    /// only when a data-type page of that name lists exactly the structure's members.
    fn names_by_analogy(&mut self, pages: &BTreeMap<&str, &DataTypePage>) {
        let linked: BTreeSet<(String, String)> = self.sites.iter().map(|(s, _)| (s.owner.clone(), s.member.clone())).collect();
        let mut found: Vec<(Site, String, String)> = Vec::new();
        for (owner, shape) in &self.service.shapes {
            let ShapeKind::Structure(st) = &shape.kind else { continue };
            // The siblings' (member, name) pairs, from links met directly or through a list.
            let siblings: Vec<(&str, &str)> = self
                .sites
                .iter()
                .filter(|(site, _)| site.owner == *owner && site.steps.len() <= 1 && site.steps.iter().all(|s| *s == Step::Element))
                .map(|(site, name)| (site.member.as_str(), name.as_str()))
                .collect();
            if siblings.is_empty() {
                continue;
            }
            for m in &st.members {
                if linked.contains(&(owner.clone(), m.name.clone())) {
                    continue;
                }
                let (steps, target) = match self.kind_of(&m.target) {
                    Some(ShapeKind::List { member }) => (vec![Step::Element], member),
                    Some(ShapeKind::Structure(_)) => (Vec::new(), m.target.clone()),
                    _ => continue,
                };
                let Some(ShapeKind::Structure(target_st)) = self.kind_of(&target) else { continue };
                let wanted: BTreeSet<&str> = target_st.members.iter().map(|m| m.name.as_str()).collect();
                let candidates: BTreeSet<String> = siblings.iter().filter_map(|(sibling, name)| analogy(sibling, name, &m.name)).collect();
                let fits: Vec<&String> = candidates
                    .iter()
                    .filter(|c| pages.get(c.as_str()).is_some_and(|p| p.members.len() >= 2 && p.members.iter().map(|e| e.name.as_str()).collect::<BTreeSet<_>>() == wanted))
                    .collect();
                if let [only] = fits.as_slice() {
                    let site = Site { owner: owner.clone(), member: m.name.clone(), steps, origin: None };
                    found.push((site, target, (*only).clone()));
                }
            }
        }
        for (site, target, name) in found {
            let page = pages[name.as_str()];
            self.vote(&target, &name, &page_ref(&page.file, page.line));
            self.sites.push((site, name));
            self.data_type(&target, page);
        }
    }

    fn data_type(&mut self, shape: &str, page: &DataTypePage) {
        let members = self.members_of(shape);
        if !matches!(self.kind_of(shape), Some(ShapeKind::Structure(_))) {
            return;
        }
        let entries: Vec<&Entry> = page.members.iter().collect();
        let resolved = self.resolve_entries(&entries, &members);
        for (entry, member) in entries.iter().zip(&resolved) {
            if let Some(member) = member {
                self.apply_entry(shape, member, entry, page);
            }
        }
        let only_page: Vec<&str> = entries.iter().zip(&resolved).filter(|(_, m)| m.is_none()).map(|(e, _)| e.name.as_str()).collect();
        let matched: BTreeSet<&str> = resolved.iter().flatten().map(String::as_str).collect();
        let only_model: Vec<&str> = members.iter().map(|m| m.name.as_str()).filter(|m| !matched.contains(m)).collect();
        if !only_page.is_empty() || !only_model.is_empty() {
            let mut parts = Vec::new();
            if !only_page.is_empty() {
                parts.push(format!("only on this page: {}", only_page.join(", ")));
            }
            if !only_model.is_empty() {
                parts.push(format!("only in boto3's pages: {}", only_model.join(", ")));
            }
            let boto = self.first_use(shape);
            let file = page.file.clone();
            self.warn(&file, page.line, format!("{} (structure {shape}{boto}): members differ, {}", page.name, parts.join("; ")));
        }
    }

    /// ` (used by operation X, documented at file:line)`, for diagnostics about a shape.
    fn first_use(&self, shape: &str) -> String {
        for op in self.service.operations.values() {
            for root in [&op.input, &op.output].into_iter().flatten() {
                if self.reaches(root, shape, &mut BTreeSet::new()) {
                    let at = op.page.clone().unwrap_or_default();
                    return format!(", used by {} at {at}", op.name);
                }
            }
        }
        String::new()
    }

    fn reaches(&self, from: &str, to: &str, seen: &mut BTreeSet<String>) -> bool {
        if from == to {
            return true;
        }
        if !seen.insert(from.to_string()) {
            return false;
        }
        match self.service.shapes.get(from).map(|s| &s.kind) {
            Some(ShapeKind::Structure(s)) => s.members.iter().any(|m| self.reaches(&m.target, to, seen)),
            Some(ShapeKind::List { member }) => self.reaches(member, to, seen),
            Some(ShapeKind::Map { key, value }) => self.reaches(key, to, seen) || self.reaches(value, to, seen),
            _ => false,
        }
    }

    fn is_operation_root(&self, shape: &str) -> bool {
        self.service.operations.values().any(|op| op.input.as_deref() == Some(shape) || op.output.as_deref() == Some(shape))
    }

    // --- errors -----------------------------------------------------------------------

    fn errors(&mut self, pages: &BTreeMap<&str, &OperationPage>, data_types: &BTreeMap<&str, &DataTypePage>, wire: Option<&WireFile<'_>>) {
        // Every entry for each error, in operation order.
        let mut entries: BTreeMap<String, Vec<(&OperationPage, &ErrorEntry)>> = BTreeMap::new();
        let query = self.protocol_is(|k| matches!(k, ProtocolKind::Query));
        for (op_name, op) in &self.service.operations {
            let Some(page) = pages.get(op_name.as_str()) else { continue };
            let shapes = match_errors(&page.errors, &op.errors, query);
            for (entry, shape) in page.errors.iter().zip(shapes) {
                match shape {
                    Some(shape) => entries.entry(shape.clone()).or_default().push((page, entry)),
                    None => self.warnings.push(Diagnostic::new(
                        &page.file,
                        entry.line,
                        format!("{op_name}: error {} is not among the boto3 page's exceptions ({})", entry.name, op.page.clone().unwrap_or_default()),
                    )),
                }
            }
        }
        let error_shapes: BTreeSet<String> = self.service.operations.values().flat_map(|op| op.errors.iter().cloned()).collect();
        for error in &error_shapes {
            // (name, docs, standard): the standard members are strings, whatever else the
            // service calls `Message`.
            let mut members: Vec<(String, String, bool)> = Vec::new();
            if let Some(wire) = wire {
                let standard = wire.facts.error_members.get(error.as_str()).or_else(|| wire.facts.error_members.get("*"));
                for m in standard.into_iter().flatten() {
                    members.push((m.clone(), String::new(), true));
                }
            }
            // An error document a page shows: its elements besides the protocol's own.
            for (page, entry) in entries.get(error).into_iter().flatten() {
                for document in page.error_documents.iter().filter(|d| d.child("Code").and_then(|c| c.text.as_deref()) == Some(entry.name.as_str())) {
                    for element in &document.children {
                        let standard = ["Code", "Message", "RequestId", "HostId"].contains(&element.name.as_str());
                        if !standard && element.children.is_empty() && !members.iter().any(|(n, _, _)| *n == element.name) {
                            members.push((element.name.clone(), String::new(), false));
                        }
                    }
                }
            }
            let mut status: Option<(u16, PageRef)> = None;
            for (page, entry) in entries.get(error).into_iter().flatten() {
                for m in &entry.members {
                    match members.iter_mut().find(|(n, _, _)| *n == m.name) {
                        Some((_, docs, _)) if docs.is_empty() => docs.clone_from(&m.docs),
                        Some(_) => {}
                        None => members.push((m.name.clone(), m.docs.clone(), false)),
                    }
                }
                match (&status, entry.status) {
                    (None, Some(s)) => status = Some((s, page_ref(&page.file, entry.line))),
                    (Some((first, at)), Some(s)) if *first != s => {
                        let (file, line) = (page.file.clone(), entry.line);
                        self.warn(&file, line, format!("error {error}: HTTP status {s} here, {first} at {at}; keeping {first}"));
                    }
                    _ => {}
                }
            }
            let built: Vec<Member> = members
                .into_iter()
                .map(|(name, docs, standard)| {
                    let target = if standard { self.string_shape() } else { self.error_member_target(&name, data_types) };
                    Member { name, target, docs, ..Default::default() }
                })
                .collect();
            // query: the heading is the error's code, which may differ from boto3's shape name.
            let code = entries
                .get(error)
                .and_then(|e| e.first())
                .map(|(_, entry)| entry.name.clone())
                .filter(|code| code != error && self.protocol_is(|k| matches!(k, ProtocolKind::Query)));
            if let Some(Shape { kind: ShapeKind::Structure(s), docs, .. }) = self.service.shapes.get_mut(error) {
                if s.exception {
                    if s.members.is_empty() {
                        s.members = built;
                    }
                    s.error_status = status.map(|(s, _)| s);
                    s.error_code = code;
                    if docs.is_empty() {
                        if let Some((_, entry)) = entries.get(error).and_then(|e| e.first()) {
                            docs.clone_from(&entry.docs);
                        }
                    }
                }
            }
        }
    }

    /// The type of an error member the page lists by name only: a member of that name
    /// elsewhere in the service (outputs first), else a list of the data type its singular
    /// names, else a string.
    fn error_member_target(&mut self, name: &str, data_types: &BTreeMap<&str, &DataTypePage>) -> String {
        let outputs: BTreeSet<&str> = self.service.operations.values().filter_map(|op| op.output.as_deref()).collect();
        let mut candidates: Vec<(bool, &str, &str)> = Vec::new();
        for (shape_name, shape) in &self.service.shapes {
            if let ShapeKind::Structure(s) = &shape.kind {
                if s.exception {
                    continue;
                }
                for m in &s.members {
                    if m.name.eq_ignore_ascii_case(name) {
                        candidates.push((!outputs.contains(shape_name.as_str()), shape_name, &m.target));
                    }
                }
            }
        }
        candidates.sort();
        if let Some((_, _, target)) = candidates.first() {
            return target.to_string();
        }
        // `CancellationReasons`: a list of the data type its singular names.
        let element = singular(&capitalize(name)).filter(|s| data_types.contains_key(s.as_str()));
        if let Some(element) = element {
            return self.shape_for(&TypeExpr::List(Box::new(TypeExpr::Structure(element))), data_types, 0);
        }
        self.string_shape()
    }

    /// The model's shape for a `Type:` expression, made from the data-type pages where the
    /// model has none (a structure only an error shape reaches, which boto3's pages never show).
    fn shape_for(&mut self, ty: &TypeExpr, data_types: &BTreeMap<&str, &DataTypePage>, depth: usize) -> String {
        let name = match ty {
            TypeExpr::String | TypeExpr::Exception => "String",
            TypeExpr::Boolean => "Boolean",
            TypeExpr::Integer => "Integer",
            TypeExpr::Long => "Long",
            TypeExpr::Float => "Float",
            TypeExpr::Double => "Double",
            TypeExpr::Timestamp => "Timestamp",
            TypeExpr::Blob => "Blob",
            TypeExpr::Document => "Document",
            TypeExpr::Structure(name) => return self.structure_named(name, data_types, depth),
            TypeExpr::List(inner) => {
                let element = self.shape_for(inner, data_types, depth + 1);
                let existing = self.service.shapes.iter().find(|(_, s)| matches!(&s.kind, ShapeKind::List { member } if *member == element));
                if let Some((name, _)) = existing {
                    return name.clone();
                }
                let name = self.fresh(&format!("{element}List"));
                self.service.shapes.insert(name.clone(), Shape::new(name.clone(), String::new(), ShapeKind::List { member: element }));
                return name;
            }
            TypeExpr::Map(inner) => {
                let value_shape = self.shape_for(inner, data_types, depth + 1);
                self.ensure_primitive("String");
                let existing = self.service.shapes.iter().find(|(_, s)| {
                    matches!(&s.kind, ShapeKind::Map { key, value } if *value == value_shape && key == "String")
                });
                if let Some((name, _)) = existing {
                    return name.clone();
                }
                let name = self.fresh(&format!("{value_shape}Map"));
                let kind = ShapeKind::Map { key: "String".into(), value: value_shape };
                self.service.shapes.insert(name.clone(), Shape::new(name.clone(), String::new(), kind));
                return name;
            }
        };
        self.ensure_primitive(name);
        name.to_string()
    }

    /// The structure the pages call `name`: the one already voted so, else one made from its
    /// data-type page (a string when there is no page, or past a sane depth).
    fn structure_named(&mut self, name: &str, data_types: &BTreeMap<&str, &DataTypePage>, depth: usize) -> String {
        let voted = self.votes.iter().find(|(_, names)| names.contains_key(name)).map(|(shape, _)| shape.clone());
        if let Some(shape) = voted {
            return shape;
        }
        let Some(page) = data_types.get(name).copied().filter(|_| depth < 8) else {
            return self.string_shape();
        };
        let shape = self.fresh(name);
        // In place before its members, so a recursive reference finds it.
        self.service.shapes.insert(shape.clone(), Shape::new(shape.clone(), page.docs.clone(), structure_kind(Vec::new(), page.union)));
        self.vote(&shape, name, &page_ref(&page.file, page.line));
        let members: Vec<Member> = page
            .members
            .iter()
            .map(|entry| {
                let target = match &entry.ty {
                    Some(ty) => self.shape_for(ty, data_types, depth + 1),
                    None => self.string_shape(),
                };
                Member {
                    name: entry.name.clone(),
                    target,
                    required: entry.required == Some(true),
                    docs: entry.docs.clone(),
                    constraints: constraints_of(entry),
                    ..Default::default()
                }
            })
            .collect();
        if let Some(s) = self.service.shapes.get_mut(&shape) {
            s.kind = structure_kind(members, page.union);
        }
        shape
    }

    /// `base`, or `base2`, `base3`…: the first name no shape has.
    fn fresh(&self, base: &str) -> String {
        std::iter::once(base.to_string())
            .chain((2..).map(|i| format!("{base}{i}")))
            .find(|n| !self.service.shapes.contains_key(n))
            .unwrap_or_default()
    }

    fn string_shape(&mut self) -> String {
        self.ensure_primitive("String");
        "String".to_string()
    }

    // --- names ------------------------------------------------------------------------

    /// Gives each voted structure its AWS name; merges structures AWS names alike that
    /// differ only in `[REQUIRED]` markers; renames shapes holding a name AWS gives another.
    fn settle_names(&mut self, data_types: &BTreeMap<&str, &DataTypePage>) {
        self.split_by_names();
        // The name each shape wins: most votes, then the first alphabetically.
        let mut wanted: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (shape, names) in &self.votes {
            if self.is_operation_root(shape) || !self.service.shapes.contains_key(shape) {
                continue;
            }
            if let Some(best) = best_name(names) {
                wanted.entry(best).or_default().push(shape.clone());
            }
        }
        let mut renames: BTreeMap<String, String> = BTreeMap::new();
        for (name, shapes) in &wanted {
            // Structures alike but for required markers are one AWS shape.
            let keeper = shapes
                .iter()
                .max_by_key(|s| (self.required_count(s), std::cmp::Reverse((*s).clone())))
                .cloned()
                .unwrap_or_default();
            let mut losers = Vec::new();
            for other in shapes.iter().filter(|s| **s != keeper) {
                if self.alike(&keeper, other) {
                    renames.insert(other.clone(), name.clone());
                } else {
                    losers.push(other.clone());
                }
            }
            if !losers.is_empty() {
                let at = self.named_by.get(name).cloned().unwrap_or_default();
                self.warn(
                    &at.file,
                    at.line,
                    format!("the pages name structures {keeper} and {} alike ({name}) though their members differ; {keeper} takes the name", losers.join(", ")),
                );
            }
            renames.insert(keeper, name.clone());
        }
        // Shapes holding an AWS name that now belongs to another shape move aside.
        let taken: BTreeSet<&String> = wanted.keys().collect();
        let aws_names: BTreeSet<&str> = data_types.keys().copied().chain(taken.iter().map(|s| s.as_str())).collect();
        let holders: Vec<String> = self
            .service
            .shapes
            .keys()
            .filter(|n| aws_names.contains(n.as_str()) && !renames.contains_key(*n) && !self.is_operation_root(n) && !self.is_exception(n))
            .cloned()
            .collect();
        let mut in_use: BTreeSet<String> = self.service.shapes.keys().filter(|n| !renames.contains_key(*n)).cloned().collect();
        in_use.extend(renames.values().cloned());
        for holder in holders {
            let is_scalar_or_collection = !matches!(self.kind_of(&holder), Some(ShapeKind::Structure(_)));
            if is_scalar_or_collection && !taken.contains(&holder) {
                // A list, map or scalar that happens to share a data-type page's name and no
                // structure takes it: harmless.
                continue;
            }
            let parent = self.parent_of(&holder);
            let mut candidates = Vec::new();
            if let Some(parent) = &parent {
                let parent = renames.get(parent).unwrap_or(parent);
                candidates.push(format!("{parent}{holder}"));
            }
            let fresh = candidates
                .into_iter()
                .chain((2..).map(|i| format!("{holder}{i}")))
                .find(|c| !in_use.contains(c) && !aws_names.contains(c.as_str()))
                .unwrap_or_default();
            in_use.insert(fresh.clone());
            renames.insert(holder, fresh);
        }
        self.rename_collections(&mut renames);
        self.rename(&renames);
    }

    /// A structure the pages call by different names from different members is split: boto3's
    /// pages show `AutoScalingPolicyUpdate` and `AutoScalingPolicyDescription` alike, so the
    /// rules made them one shape, which AWS keeps as two. The name with most votes keeps the
    /// shape; each other name gets a copy, and the members that named it point at the copy
    /// (directly, or through a list or map of their own).
    fn split_by_names(&mut self) {
        // A shape whose names come from one member (its owner, itself shared, not yet split)
        // waits for the owner's split, which moves that page's sites to the owner's copy.
        for _round in 0..16 {
            let mut progress = false;
            let shared: Vec<String> = self
                .votes
                .iter()
                .filter(|(shape, names)| names.len() > 1 && !self.is_operation_root(shape))
                .map(|(shape, _)| shape.clone())
                .collect();
            for shape in shared {
                progress |= self.split(&shape);
            }
            if !progress {
                break;
            }
        }
    }

    /// One shape's split (see [`Self::split_by_names`]); whether anything moved.
    fn split(&mut self, shape: &str) -> bool {
        let names = self.votes[shape].clone();
        let Some(winner) = best_name(&names) else { return false };
        let sites_of = |merge: &Self, name: &str| -> Vec<Site> {
            merge
                .sites
                .iter()
                .filter(|(site, n)| n == name && merge.site_target(site).as_deref() == Some(shape))
                .map(|(site, _)| site.clone())
                .collect()
        };
        let kept: Vec<(String, String, Vec<Step>)> =
            sites_of(self, &winner).into_iter().map(|s| (s.owner, s.member, s.steps)).collect();
        let mut progress = false;
        for (name, slot) in names.iter().filter(|(n, _)| **n != winner) {
            // Sites shared with the winner's: their owner is split first.
            let sites: Vec<Site> = sites_of(self, name)
                .into_iter()
                .filter(|s| !kept.contains(&(s.owner.clone(), s.member.clone(), s.steps.clone())))
                .collect();
            if sites.is_empty() {
                continue;
            }
            let copy_name = self.fresh(&format!("{shape}{name}"));
            let mut copy = self.service.shapes[shape].clone();
            copy.name = copy_name.clone();
            self.service.shapes.insert(copy_name.clone(), copy);
            let moved = sites.iter().filter(|site| self.retarget(site, &copy_name, name)).count();
            if moved == 0 {
                self.service.shapes.remove(&copy_name);
                continue;
            }
            progress = true;
            if let Some(votes) = self.votes.get_mut(shape) {
                votes.remove(name);
            }
            self.votes.entry(copy_name.clone()).or_default().insert(name.clone(), slot.clone());
            // The copy's own members' sites, from its page, go with it.
            for (site, _) in &mut self.sites {
                if site.owner == shape && site.origin.as_deref() == Some(name.as_str()) {
                    site.owner.clone_from(&copy_name);
                }
            }
        }
        progress
    }

    /// The structure a site's member reaches through its steps.
    fn site_target(&self, site: &Site) -> Option<String> {
        let mut target = self.member(&site.owner, &site.member)?.target.clone();
        for step in &site.steps {
            target = match (step, &self.service.shapes.get(&target)?.kind) {
                (Step::Element, ShapeKind::List { member }) => member.clone(),
                (Step::Value, ShapeKind::Map { value, .. }) => value.clone(),
                _ => return None,
            };
        }
        Some(target)
    }

    /// Points a site's member at `new` (through a list or map of its own, made or reused);
    /// `aws_name` names such a list or map. Deeper sites are left shared.
    fn retarget(&mut self, site: &Site, new: &str, aws_name: &str) -> bool {
        let target = match site.steps.as_slice() {
            [] => new.to_string(),
            [Step::Element] => {
                let existing = self.service.shapes.iter().find(|(_, s)| matches!(&s.kind, ShapeKind::List { member } if member == new));
                match existing {
                    Some((name, _)) => name.clone(),
                    None => {
                        let name = self.fresh(&format!("{aws_name}List"));
                        self.service.shapes.insert(name.clone(), Shape::new(name.clone(), String::new(), ShapeKind::List { member: new.to_string() }));
                        name
                    }
                }
            }
            [Step::Value] => {
                let Some(ShapeKind::Map { key, .. }) = self.member(&site.owner, &site.member).and_then(|m| self.kind_of(&m.target)) else { return false };
                let name = self.fresh(&format!("{aws_name}Map"));
                self.service.shapes.insert(name.clone(), Shape::new(name.clone(), String::new(), ShapeKind::Map { key, value: new.to_string() }));
                name
            }
            _ => return false,
        };
        match self.member_mut(&site.owner, &site.member) {
            Some(m) => {
                m.target = target;
                true
            }
            None => false,
        }
    }

    /// Lists and maps named by the rules after a renamed shape (`<Element>List`,
    /// `<Key><Value>Map`) follow it: `GlobalSecondaryIndexOverrideItemList` becomes
    /// `GlobalSecondaryIndexList` once its element is `GlobalSecondaryIndex`.
    fn rename_collections(&self, renames: &mut BTreeMap<String, String>) {
        for _ in 0..8 {
            // Free: no shape keeps the name, and no rename takes it.
            let taken: BTreeSet<String> = renames.values().cloned().collect();
            let free = |c: &str| !taken.contains(c) && (!self.service.shapes.contains_key(c) || renames.contains_key(c));
            let mut added = Vec::new();
            for (name, shape) in &self.service.shapes {
                if renames.contains_key(name) {
                    continue;
                }
                let new = |part: &String| renames.get(part).cloned().unwrap_or_else(|| part.clone());
                let candidate = match &shape.kind {
                    ShapeKind::List { member } if renames.contains_key(member) && *name == format!("{member}List") => {
                        format!("{}List", new(member))
                    }
                    ShapeKind::Map { key, value }
                        if (renames.contains_key(key) || renames.contains_key(value)) && *name == format!("{key}{value}Map") =>
                    {
                        format!("{}{}Map", new(key), new(value))
                    }
                    _ => continue,
                };
                if free(&candidate) && !added.iter().any(|(_, c)| *c == candidate) {
                    added.push((name.clone(), candidate));
                }
            }
            if added.is_empty() {
                break;
            }
            renames.extend(added);
        }
    }

    fn required_count(&self, shape: &str) -> usize {
        match self.kind_of(shape) {
            Some(ShapeKind::Structure(s)) => s.members.iter().filter(|m| m.required).count(),
            _ => 0,
        }
    }

    /// Same members, in order, with the same targets; required markers may differ.
    fn alike(&self, a: &str, b: &str) -> bool {
        match (self.kind_of(a), self.kind_of(b)) {
            (Some(ShapeKind::Structure(x)), Some(ShapeKind::Structure(y))) => {
                let key = |s: &Structure| s.members.iter().map(|m| (m.name.clone(), m.target.clone())).collect::<Vec<_>>();
                x.union == y.union && key(&x) == key(&y)
            }
            _ => false,
        }
    }

    fn is_exception(&self, shape: &str) -> bool {
        matches!(self.kind_of(shape), Some(ShapeKind::Structure(s)) if s.exception)
    }

    /// The first structure (by name) with a member reaching `shape` directly or through
    /// lists and maps.
    fn parent_of(&self, shape: &str) -> Option<String> {
        let direct = |target: &str| -> bool {
            let mut t = target.to_string();
            for _ in 0..8 {
                if t == shape {
                    return true;
                }
                t = match self.service.shapes.get(&t).map(|s| &s.kind) {
                    Some(ShapeKind::List { member }) => member.clone(),
                    Some(ShapeKind::Map { value, .. }) => value.clone(),
                    _ => return false,
                };
            }
            false
        };
        self.service.shapes.iter().find_map(|(name, s)| match &s.kind {
            ShapeKind::Structure(st) if name != shape && !self.is_operation_root(name) && st.members.iter().any(|m| direct(&m.target)) => Some(name.clone()),
            _ => None,
        })
        .or_else(|| {
            self.service.operations.values().find_map(|op| {
                [&op.input, &op.output].into_iter().flatten().find_map(|root| match self.kind_of(root) {
                    Some(ShapeKind::Structure(st)) if st.members.iter().any(|m| direct(&m.target)) => Some(op.name.clone()),
                    _ => None,
                })
            })
        })
    }

    /// Renames shapes (`old → new`); shapes renamed onto one name are merged, the one whose
    /// old name sorts first (or has the name already) kept, with every required marker.
    fn rename(&mut self, renames: &BTreeMap<String, String>) {
        if renames.iter().all(|(a, b)| a == b) {
            return;
        }
        let old = std::mem::take(&mut self.service.shapes);
        let mut shapes: BTreeMap<String, Shape> = BTreeMap::new();
        let map = |n: &str| renames.get(n).cloned().unwrap_or_else(|| n.to_string());
        // Keepers first (a shape renamed onto a name with the most required markers).
        let mut order: Vec<(String, Shape)> = old.into_iter().collect();
        order.sort_by_key(|(n, s)| {
            let required = match &s.kind {
                ShapeKind::Structure(st) => st.members.iter().filter(|m| m.required).count(),
                _ => 0,
            };
            (map(n), std::cmp::Reverse(required), n.clone())
        });
        for (name, mut shape) in order {
            let new_name = map(&name);
            shape.name = new_name.clone();
            match &mut shape.kind {
                ShapeKind::Structure(s) => {
                    for m in &mut s.members {
                        m.target = map(&m.target);
                    }
                }
                ShapeKind::List { member } => *member = map(member),
                ShapeKind::Map { key, value } => {
                    *key = map(key);
                    *value = map(value);
                }
                _ => {}
            }
            shapes.entry(new_name).or_insert(shape);
        }
        self.service.shapes = shapes;
        for op in self.service.operations.values_mut() {
            rename_operation(op, &map);
        }
    }

    // --- fallbacks --------------------------------------------------------------------

    /// Hand-written bindings for operations no page binds.
    fn hand_written_bindings(&mut self, wire: &WireFile<'_>) {
        for (name, http) in &wire.facts.operations {
            let Some(op) = self.service.operations.get(name).cloned() else {
                self.warn(wire.path, http.line, format!("operation {name} is not documented by any boto3 page"));
                continue;
            };
            if let Some(existing) = &op.http {
                self.warn(wire.path, http.line, format!("operation {name} is bound by its API Reference page already ({} {}): remove it from this file", existing.method, existing.uri));
                continue;
            }
            self.service.operations.get_mut(name).expect("listed").http =
                Some(HttpBinding { method: http.method.clone(), uri: http.uri.clone(), response_code: http.response_code.filter(|c| *c != 200) });
            // Requests have path and query members, responses status codes; both headers
            // and payloads.
            let side = |output: bool| -> Bindings {
                http.members
                    .iter()
                    .filter(|(_, w)| match w.location {
                        Location::Path | Location::Query => !output,
                        Location::StatusCode => output,
                        Location::Header | Location::Payload => true,
                    })
                    .map(|(member, w)| (member.clone(), (w.location, w.name.clone(), w.line)))
                    .collect()
            };
            if let Some(input) = &op.input {
                self.set_locations(input, &side(false));
            }
            if let Some(output) = &op.output {
                self.set_locations(output, &side(true));
            }
        }
    }

    /// rest-xml: top-level members no page shows (members newer than their page, operations
    /// bound by `protocol.json`) travel where the other pages bind a member of that name
    /// (`ExpectedBucketOwner` in the header `x-amz-expected-bucket-owner` on 95 pages), or by
    /// analogy with the header of the bound member they share most of their name with:
    /// `ChecksumCRC32` in `x-amz-checksum-crc32` puts `ChecksumSHA512` in
    /// `x-amz-checksum-sha512`, `ObjectLockMode` in `x-amz-object-lock-mode` puts
    /// `ObjectLockEventHold` in `x-amz-object-lock-event-hold`.
    ///
    /// `protocol.json`'s `members` come first: bindings no page shows at all (S3's `Metadata`
    /// headers `x-amz-meta-*`).
    fn inferred_bindings(&mut self, wire: Option<&WireFile<'_>>) {
        if !self.protocol_is(|k| matches!(k, ProtocolKind::RestXml)) {
            return;
        }
        if let Some(wire) = wire {
            for (name, binding) in &wire.facts.members {
                let mut used = false;
                let roots: Vec<String> = self.service.operations.values().flat_map(|op| [op.input.clone(), op.output.clone()]).flatten().collect();
                for root in roots {
                    if let Some(m) = self.member_mut(&root, name) {
                        used = true;
                        if m.location.is_none() {
                            m.location = Some(binding.location);
                            m.location_name.clone_from(&binding.name);
                        }
                    }
                }
                if !used {
                    self.warn(wire.path, binding.line, format!("member {name} is in no operation's input or output"));
                }
            }
        }
        // (output?, member) → (location, wire name) → how many operations bind it so.
        let mut seen: BTreeMap<(bool, String), BTreeMap<(Location, String), usize>> = BTreeMap::new();
        let sides: Vec<(String, bool, String)> = self
            .service
            .operations
            .values()
            .flat_map(|op| [(op.name.clone(), false, op.input.clone()), (op.name.clone(), true, op.output.clone())])
            .filter_map(|(name, output, root)| root.map(|r| (name, output, r)))
            .collect();
        for (_, output, root) in &sides {
            for m in self.members_of(root) {
                if let (Some(location @ (Location::Path | Location::Query | Location::Header)), Some(wire)) = (m.location, &m.location_name) {
                    *seen.entry((*output, m.name.clone())).or_default().entry((location, wire.clone())).or_default() += 1;
                }
            }
        }
        let headers: Vec<(bool, String, Option<String>)> = seen
            .iter()
            .filter_map(|((output, member), bindings)| {
                let ((_, wire), _) = bindings.iter().filter(|((l, _), _)| *l == Location::Header).max_by_key(|(_, n)| **n)?;
                Some((*output, member.clone(), Some(wire.clone())))
            })
            .collect();
        for (op_name, output, root) in sides {
            let Some(uri) = self.service.operations[&op_name].http.as_ref().map(|h| h.uri.clone()) else { continue };
            let members = self.members_of(&root);
            // This operation's documented members: bound in a header, or in the body (`None`).
            let siblings: Vec<(bool, String, Option<String>)> = members
                .iter()
                .filter(|m| self.documented.contains(&(root.clone(), m.name.clone())) || m.location.is_some())
                .filter(|m| matches!(m.location, None | Some(Location::Header)))
                .map(|m| (output, m.name.clone(), m.location_name.clone().filter(|_| m.location == Some(Location::Header))))
                .collect();
            for m in &members {
                if m.location.is_some() || self.documented.contains(&(root.clone(), m.name.clone())) || !self.is_scalar_or_map(&m.target) {
                    continue;
                }
                let by_name = seen.get(&(output, m.name.clone())).and_then(|b| b.iter().max_by_key(|(_, n)| **n)).map(|((l, w), _)| (*l, w.clone()));
                let binding = match (analogy_header(&m.name, &siblings), by_name) {
                    // Its own operation's likeliest sibling says: a header, or the body.
                    (Some(Some(wire)), _) => Some((Location::Header, wire)),
                    (Some(None), _) => None,
                    (None, Some((Location::Path, wire))) => {
                        (uri.contains(&format!("{{{wire}}}")) || uri.contains(&format!("{{{wire}+}}"))).then_some((Location::Path, wire))
                    }
                    (None, Some(found)) => Some(found),
                    (None, None) => {
                        let others: Vec<_> = headers.iter().filter(|(o, _, _)| *o == output).cloned().collect();
                        analogy_header(&m.name, &others).flatten().map(|w| (Location::Header, w))
                    }
                };
                if let Some((location, wire)) = binding {
                    if let Some(member) = self.member_mut(&root, &m.name) {
                        member.location = Some(location);
                        member.location_name = Some(wire);
                    }
                }
            }
        }
    }

    fn is_scalar_or_map(&self, shape: &str) -> bool {
        !matches!(self.kind_of(shape), Some(ShapeKind::Structure(_) | ShapeKind::List { .. }) | None)
    }
}

/// Where `member` travels by analogy with the members sharing the longest leading run of
/// camel-case words with it (at least one): `Some(Some(header))` when most of them are
/// headers ending in the rest of their name in kebab case (`ChecksumCRC32` in
/// `x-amz-checksum-crc32` gives `ChecksumSHA512` the header `x-amz-checksum-sha512`),
/// `Some(None)` when most are body members (`None` header), `None` when no member shares a
/// word.
fn analogy_header(member: &str, others: &[(bool, String, Option<String>)]) -> Option<Option<String>> {
    let words = camel_runs(member);
    let mut best = 0;
    let mut votes: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for (_, other, header) in others {
        let theirs = camel_runs(other);
        let shared = words.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
        if shared == 0 || shared == words.len() || shared == theirs.len() || shared < best {
            continue;
        }
        let guess = match header {
            Some(header) => {
                let tail = theirs[shared..].join("-").to_ascii_lowercase();
                let Some(stem) = header.to_ascii_lowercase().strip_suffix(&tail).filter(|s| s.ends_with('-')).map(str::to_string) else { continue };
                Some(format!("{stem}{}", words[shared..].join("-").to_ascii_lowercase()))
            }
            None => None,
        };
        if shared > best {
            best = shared;
            votes.clear();
        }
        *votes.entry(guess).or_default() += 1;
    }
    votes.into_iter().max_by_key(|(_, n)| *n).map(|(guess, _)| guess)
}

/// `ObjectLockEventHold` → `Object`, `Lock`, `Event`, `Hold`; `ChecksumSHA512` → `Checksum`,
/// `SHA512` (capitals and digits run together).
fn camel_runs(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words: Vec<String> = Vec::new();
    for (k, &c) in chars.iter().enumerate() {
        let starts = k == 0
            || (c.is_uppercase() && chars[k - 1].is_lowercase())
            || (c.is_uppercase() && chars[k - 1].is_uppercase() && chars.get(k + 1).is_some_and(|n| n.is_lowercase()));
        if starts || words.is_empty() {
            words.push(String::new());
        }
        if let Some(last) = words.last_mut() {
            last.push(c);
        }
    }
    words
}

/// The form of a wire name (an entry heading, an XML element), to tell which members it can
/// stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    List,
    Map,
    Structure,
    Scalar,
    /// A structure, list or map: an element with child elements.
    Composite,
    /// A scalar or a list: an element with text (a wrapped list never has text).
    Leaf,
    Any,
}

/// A name a page shows for a member, with what helps to find the member.
#[derive(Debug, Clone, Copy)]
struct WireName<'a> {
    name: &'a str,
    form: Form,
    docs: &'a str,
}

fn entry_form(entry: &Entry) -> Form {
    match (&entry.ty, entry.wire_suffix.as_deref()) {
        (Some(TypeExpr::List(_)), _) => Form::List,
        (Some(TypeExpr::Map(_)), _) => Form::Map,
        (_, Some(suffix)) if suffix.starts_with("entry.") => Form::Map,
        (_, Some(_)) => Form::List,
        (Some(TypeExpr::Structure(_)), _) => Form::Structure,
        (Some(TypeExpr::Document) | None, _) => Form::Any,
        (Some(_), _) => Form::Scalar,
    }
}

fn fits(form: Form, kind: Option<&ShapeKind>) -> bool {
    let collection = matches!(kind, Some(ShapeKind::List { .. } | ShapeKind::Map { .. }));
    let structure = matches!(kind, Some(ShapeKind::Structure(_)));
    match form {
        Form::Any => true,
        Form::List => matches!(kind, Some(ShapeKind::List { .. })),
        Form::Map => matches!(kind, Some(ShapeKind::Map { .. })),
        Form::Structure => structure || matches!(kind, Some(ShapeKind::Document)),
        Form::Scalar => !collection && !structure,
        Form::Composite => collection || structure || matches!(kind, Some(ShapeKind::Document)),
        Form::Leaf => !structure && !matches!(kind, Some(ShapeKind::Map { .. })),
    }
}

/// The name's stems for matching a wire name to a member name: lower-cased, without a
/// camel-case `Set` suffix (`reservationSet`), with and without plural endings.
fn stems(name: &str) -> Vec<String> {
    let base = match name.strip_suffix("Set") {
        Some(stem) if !stem.is_empty() => stem,
        _ => name,
    };
    let lower = base.to_ascii_lowercase();
    let mut out = vec![lower.clone()];
    if let Some(stem) = lower.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = lower.strip_suffix("es") {
        out.push(stem.to_string());
    }
    if let Some(stem) = lower.strip_suffix('s') {
        out.push(stem.to_string());
    }
    out
}

/// Which member (by index) each wire name stands for; see [`Merge::resolve_entries`]. Exact
/// names always; with `fuzzy` also case, stems, prose and a last pair left over.
fn resolve(wires: &[WireName<'_>], members: &[Member], fuzzy: bool, kind: &dyn Fn(&str) -> Option<ShapeKind>) -> Vec<Option<usize>> {
    let mut found: Vec<Option<usize>> = vec![None; wires.len()];
    let mut taken = vec![false; members.len()];
    let kinds: Vec<Option<ShapeKind>> = members.iter().map(|m| kind(&m.target)).collect();
    let pass = |found: &mut Vec<Option<usize>>, taken: &mut Vec<bool>, test: &dyn Fn(&WireName<'_>, &Member, Option<&ShapeKind>) -> bool| {
        for (w, wire) in wires.iter().enumerate() {
            if found[w].is_some() {
                continue;
            }
            let hits: Vec<usize> = (0..members.len()).filter(|&k| !taken[k] && test(wire, &members[k], kinds[k].as_ref())).collect();
            if let [only] = hits.as_slice() {
                found[w] = Some(*only);
                taken[*only] = true;
            }
        }
    };
    pass(&mut found, &mut taken, &|w, m, _| m.name == w.name || m.xml.name.as_deref() == Some(w.name));
    if !fuzzy {
        return found;
    }
    // Case and punctuation aside (`SSE-S3` for `SSES3`).
    let plain = |name: &str| name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    pass(&mut found, &mut taken, &|w, m, k| plain(&m.name) == plain(w.name) && fits(w.form, k));
    pass(&mut found, &mut taken, &|w, m, k| {
        let (a, b) = (stems(w.name), stems(&m.name));
        fits(w.form, k) && a.iter().any(|s| b.contains(s))
    });
    // Prose: the best match over 0.6, when one member has it.
    for (w, wire) in wires.iter().enumerate() {
        if found[w].is_some() {
            continue;
        }
        let wanted = words(wire.docs);
        if wanted.is_empty() {
            continue;
        }
        // Over 0.6 of the shorter text's words shared; ties go to the most of the longer's.
        let scored: Vec<(f64, usize)> = (0..members.len())
            .filter(|&k| !taken[k] && fits(wire.form, kinds[k].as_ref()))
            .map(|k| (words(&members[k].docs), k))
            .filter(|(theirs, _)| similarity(&wanted, theirs) >= 0.6)
            .map(|(theirs, k)| (coverage(&wanted, &theirs), k))
            .collect();
        let best = scored.iter().map(|(s, _)| *s).fold(0.0, f64::max);
        if let [(_, k)] = scored.iter().filter(|(s, _)| *s == best).collect::<Vec<_>>().as_slice() {
            found[w] = Some(*k);
            taken[*k] = true;
        }
    }
    let open: Vec<usize> = (0..wires.len()).filter(|&w| found[w].is_none()).collect();
    let free: Vec<usize> = (0..members.len()).filter(|&k| !taken[k]).collect();
    if let ([w], [k]) = (open.as_slice(), free.as_slice()) {
        if fits(wires[*w].form, kinds[*k].as_ref()) {
            found[*w] = Some(*k);
        }
    }
    found
}

/// The error shape (one of boto3's `exceptions`) each `## Errors` entry documents. Entries
/// are headed by the shape name, the name without `Exception`, or on query pages the error
/// code, whose words may come in another order (`ParameterValueInvalid` for
/// `InvalidParameterValueException`) or be fewer (`ReportExpired` for
/// `CredentialReportExpiredException`); a last entry and exception left over are each other's
/// (`ReportInProgress`, `CredentialReportNotReadyException`).
/// Only the first form outside query services, whose headings are shape names.
fn match_errors(entries: &[ErrorEntry], exceptions: &[String], query: bool) -> Vec<Option<String>> {
    let mut found: Vec<Option<usize>> = vec![None; entries.len()];
    let mut taken = vec![false; exceptions.len()];
    let bare = |e: &str| e.strip_suffix("Exception").unwrap_or(e).to_string();
    type Test<'a> = &'a dyn Fn(&str, &str) -> bool;
    let tests: [Test<'_>; 3] = [
        &|entry, exception| exception == entry || bare(exception) == entry,
        &|entry, exception| camel_words(entry) == camel_words(&bare(exception)),
        &|entry, exception| {
            let have = camel_words(&bare(exception));
            camel_words(entry).is_subset(&have)
        },
    ];
    for test in tests.into_iter().take(if query { 3 } else { 1 }) {
        for (k, entry) in entries.iter().enumerate() {
            if found[k].is_some() {
                continue;
            }
            let hits: Vec<usize> = (0..exceptions.len()).filter(|&e| !taken[e] && test(&entry.name, &exceptions[e])).collect();
            if let [only] = hits.as_slice() {
                found[k] = Some(*only);
                taken[*only] = true;
            }
        }
    }
    let open: Vec<usize> = (0..entries.len()).filter(|&k| found[k].is_none()).collect();
    let free: Vec<usize> = (0..exceptions.len()).filter(|&e| !taken[e]).collect();
    if let ([k], [e], true) = (open.as_slice(), free.as_slice(), query) {
        found[*k] = Some(*e);
    }
    found.into_iter().map(|f| f.map(|e| exceptions[e].clone())).collect()
}

/// `NotSupportedService` → {`not`, `supported`, `service`}.
fn camel_words(name: &str) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    let mut current = String::new();
    for c in name.chars() {
        if c.is_uppercase() && !current.is_empty() {
            words.insert(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.insert(current);
    }
    words
}

/// `entry.N.Name (key) entry.N.Value (value)` → (`Name`, `Value`).
fn map_entry_names(suffix: &str) -> (Option<String>, Option<String>) {
    let mut key = None;
    let mut value = None;
    for part in suffix.split(')') {
        let Some((path, role)) = part.trim().split_once('(') else { continue };
        let name = path.trim().rsplit('.').next().unwrap_or("").to_string();
        if name.is_empty() {
            continue;
        }
        match role.trim() {
            "key" => key = Some(name),
            "value" => value = Some(name),
            _ => {}
        }
    }
    (key, value)
}

/// `member` named as `sibling` is named `sibling_name`: the same suffix after the singular
/// (`GlobalSecondaryIndexes` → `…IndexInfo`), or the same suffix removed (`…IndexOverride` →
/// `…Index`).
fn analogy(sibling: &str, sibling_name: &str, member: &str) -> Option<String> {
    if let Some(stem) = singular(sibling) {
        if let Some(suffix) = sibling_name.strip_prefix(stem.as_str()) {
            return singular(member).map(|s| format!("{s}{suffix}"));
        }
    }
    let removed = sibling.strip_prefix(sibling_name).filter(|r| !r.is_empty())?;
    member.strip_suffix(removed).filter(|s| !s.is_empty()).map(str::to_string)
}

/// The name with most votes, then the first alphabetically.
fn best_name(names: &BTreeMap<String, (usize, PageRef)>) -> Option<String> {
    names.iter().max_by(|a, b| a.1 .0.cmp(&b.1 .0).then_with(|| b.0.cmp(a.0))).map(|(n, _)| n.clone())
}

/// Anything with a file, for [`Merge::apply_entry`]'s diagnostics.
trait PageFile {
    fn file(&self) -> &Path;
    /// The structure a data-type page describes.
    fn data_type(&self) -> Option<&str>;
}

impl PageFile for OperationPage {
    fn file(&self) -> &Path {
        &self.file
    }
    fn data_type(&self) -> Option<&str> {
        None
    }
}

impl PageFile for DataTypePage {
    fn file(&self) -> &Path {
        &self.file
    }
    fn data_type(&self) -> Option<&str> {
        Some(&self.name)
    }
}

fn rename_operation(op: &mut Operation, map: &impl Fn(&str) -> String) {
    if let Some(i) = &mut op.input {
        *i = map(i);
    }
    if let Some(o) = &mut op.output {
        *o = map(o);
    }
}

/// The entry's constraints as the model keeps them: lengths, item counts or entry counts
/// as min/max, else the value range.
fn constraints_of(entry: &Entry) -> Constraints {
    let c = &entry.constraints;
    let (min, max) = if c.min_length.is_some() || c.max_length.is_some() {
        (c.min_length.clone(), c.max_length.clone())
    } else if c.min_items.is_some() || c.max_items.is_some() {
        (c.min_items.clone(), c.max_items.clone())
    } else if c.min_entries.is_some() || c.max_entries.is_some() {
        (c.min_entries.clone(), c.max_entries.clone())
    } else {
        (c.min_value.clone(), c.max_value.clone())
    };
    Constraints { min, max, pattern: c.pattern.clone() }
}

/// A `Valid Range` whose bounds are both stated and fit in 32 bits.
fn fits_i32(c: &crate::parse::apiref::Constraints) -> bool {
    let fits = |v: &Option<String>| v.as_deref().and_then(|v| v.parse::<i64>().ok()).is_some_and(|v| i32::try_from(v).is_ok());
    c.min_value.is_some() && c.max_value.is_some() && fits(&c.min_value) && fits(&c.max_value)
}

fn structure_kind(members: Vec<Member>, union: bool) -> ShapeKind {
    ShapeKind::Structure(Structure { members, union, ..Default::default() })
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The prose's words, lower-cased, without markup, for comparing two descriptions.
fn words(docs: &str) -> Vec<String> {
    docs.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(60)
        .collect()
}

/// Shared words over all words of the shorter text (the pages' prose is boto3's, give or
/// take markup and a sentence added on one side).
fn similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let set_b: BTreeSet<&String> = b.iter().collect();
    let set_a: BTreeSet<&String> = a.iter().collect();
    let shared = set_a.intersection(&set_b).count();
    shared as f64 / set_a.len().min(set_b.len()) as f64
}

/// A number named as a size (`ContentLength`, `ObjectSize`, `BytesScanned`,
/// `WriteOffsetBytes`), lower-cased.
fn is_size(lower: &str) -> bool {
    ["size", "bytes", "length", "offset"].iter().any(|w| lower.ends_with(w) || lower.contains(&format!("{w}in")))
}

/// Shared words over all words of the longer text.
fn coverage(a: &[String], b: &[String]) -> f64 {
    let set_a: BTreeSet<&String> = a.iter().collect();
    let set_b: BTreeSet<&String> = b.iter().collect();
    let longer = set_a.len().max(set_b.len());
    if longer == 0 {
        return 0.0;
    }
    set_a.intersection(&set_b).count() as f64 / longer as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::apiref::{ErrorMember, HeaderLine, QueryPart, RequestLine};
    use crate::model::wire::ShapeName;

    fn member(name: &str, target: &str, docs: &str) -> Member {
        Member { name: name.into(), target: target.into(), docs: docs.into(), ..Default::default() }
    }

    fn structure(members: Vec<Member>) -> ShapeKind {
        ShapeKind::Structure(Structure { members, ..Default::default() })
    }

    fn add(service: &mut Service, name: &str, kind: ShapeKind) {
        service.shapes.insert(name.into(), Shape::new(name, String::new(), kind));
    }

    /// A boto3-assembled service: GetPlan takes a template id (wire label `templateId`), a
    /// page size and a header, returns a `Rule` the rules named after its member, while the
    /// shape AWS calls `Rule` is named `RuleInput` here; one error.
    fn service() -> Service {
        let mut s = Service { name: "svc".into(), uid: Some("svc-2020-01-01".into()), ..Default::default() };
        for (name, kind) in [("String", ShapeKind::String), ("Long", ShapeKind::Long)] {
            add(&mut s, name, kind);
        }
        add(
            &mut s,
            "GetPlanInput",
            structure(vec![
                Member { required: true, ..member("BackupPlanTemplateId", "String", "Uniquely identifies a stored backup plan template.") },
                member("MaxResults", "Long", "The maximum number of items."),
                member("Token", "String", "A token."),
                member("Owner", "String", "The account that owns it."),
            ]),
        );
        add(&mut s, "GetPlanOutput", structure(vec![member("Rule", "Rule", ""), member("Size", "Long", ""), member("Other", "RuleInput", "")]));
        add(&mut s, "Rule", structure(vec![member("Name", "String", ""), member("Count", "Long", "")]));
        add(&mut s, "RuleInput", structure(vec![member("Target", "String", "")]));
        add(&mut s, "NotFound", ShapeKind::Structure(Structure { exception: true, ..Default::default() }));
        s.operations.insert(
            "GetPlan".into(),
            Operation {
                name: "GetPlan".into(),
                input: Some("GetPlanInput".into()),
                output: Some("GetPlanOutput".into()),
                errors: vec!["NotFound".into()],
                page: Some(PageRef { file: "svc/client/get_plan.rst".into(), line: 3 }),
                ..Default::default()
            },
        );
        s
    }

    fn entry(name: &str, line: u32, ty: Option<TypeExpr>, docs: &str) -> Entry {
        Entry { name: name.into(), line, ty, docs: docs.into(), ..Default::default() }
    }

    fn page() -> OperationPage {
        OperationPage {
            file: "svc/reference/API_GetPlan.md".into(),
            line: 1,
            name: "GetPlan".into(),
            uid: Some("svc-2020-01-01".into()),
            request_line: Some(RequestLine {
                line: 9,
                method: "GET".into(),
                path: "/plans/templates/templateId".into(),
                query: vec![
                    QueryPart { key: "maxResults".into(), value: Some("MaxResults".into()), braced: false },
                    QueryPart { key: "nextToken".into(), value: Some("Token".into()), braced: false },
                    QueryPart { key: "versions".into(), value: None, braced: false },
                ],
            }),
            request_headers: vec![HeaderLine { line: 10, wire_name: "x-amz-owner".into(), member: "Owner".into() }],
            uri_params: vec![
                Entry {
                    constraints: crate::parse::apiref::Constraints { min_length: Some("1".into()), ..Default::default() },
                    ..entry("templateId", 20, None, "Uniquely identifies a stored backup plan template.")
                },
                Entry {
                    constraints: crate::parse::apiref::Constraints {
                        min_value: Some("1".into()),
                        max_value: Some("1000".into()),
                        ..Default::default()
                    },
                    ..entry("MaxResults", 24, None, "The maximum number of items.")
                },
            ],
            response_status: Some(200),
            response_members: vec![
                entry("Rule", 40, Some(TypeExpr::Structure("Rule".into())), ""),
                entry("Size", 44, Some(TypeExpr::Long), ""),
                entry("Other", 48, Some(TypeExpr::Structure("RuleInput".into())), ""),
            ],
            errors: vec![ErrorEntry {
                line: 60,
                name: "NotFound".into(),
                docs: "No such plan.".into(),
                members: vec![ErrorMember { line: 63, name: "Context".into(), docs: String::new() }],
                status: Some(404),
            }],
            ..Default::default()
        }
    }

    fn data_type(name: &str, members: Vec<Entry>) -> RefPage {
        RefPage::DataType(DataTypePage {
            file: format!("svc/reference/API_{name}.md").into(),
            line: 1,
            name: name.into(),
            uid: Some("svc-2020-01-01".into()),
            members,
            ..Default::default()
        })
    }

    fn apply(service: &mut Service, pages: Vec<RefPage>, wire: Option<&WireFacts>) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let path = Path::new("svc/protocol.json");
        apply_reference(service, &pages, wire.map(|facts| WireFile { path, facts }))
    }

    fn members(service: &Service, shape: &str) -> Vec<Member> {
        match &service.shapes[shape].kind {
            ShapeKind::Structure(s) => s.members.clone(),
            other => panic!("{shape} is {other:?}"),
        }
    }

    #[test]
    fn request_line_binds_labels_by_docs_query_and_headers() {
        let mut s = service();
        let wire = WireFacts { endpoint_prefix: Some("svc".into()), ..Default::default() };
        let warnings = apply(&mut s, vec![RefPage::Operation(page())], Some(&wire)).unwrap();
        let http = s.operations["GetPlan"].http.clone().expect("bound");
        assert_eq!((http.method.as_str(), http.uri.as_str()), ("GET", "/plans/templates/{templateId}?versions"));
        let input = members(&s, "GetPlanInput");
        let at = |name: &str| input.iter().find(|m| m.name == name).map(|m| (m.location, m.location_name.clone())).unwrap();
        assert_eq!(at("BackupPlanTemplateId"), (Some(Location::Path), Some("templateId".into())), "matched by its prose");
        assert_eq!(at("MaxResults"), (Some(Location::Query), Some("maxResults".into())));
        assert_eq!(at("Token"), (Some(Location::Query), Some("nextToken".into())));
        assert_eq!(at("Owner"), (Some(Location::Header), Some("x-amz-owner".into())));
        // A URI parameter has no Type line: a 32-bit Valid Range makes it an Integer.
        assert_eq!(input[1].target, "Integer");
        assert_eq!(input[0].constraints.min.as_deref(), Some("1"));
        assert_eq!(s.protocol, Some(Protocol { kind: ProtocolKind::RestJson, signing_name: "svc".into(), endpoint_prefix: "svc".into(), xml_namespace: None }));
        assert!(warnings.iter().all(|w| !w.message.contains("GetPlan:")), "{warnings:?}");
    }

    #[test]
    fn structures_take_aws_names_and_false_friends_move_aside() {
        let mut s = service();
        let pages = vec![
            RefPage::Operation(page()),
            data_type("Rule", vec![entry("Target", 3, Some(TypeExpr::String), "")]),
            data_type("RuleInput", vec![entry("Name", 3, Some(TypeExpr::String), ""), entry("Count", 7, Some(TypeExpr::Integer), "")]),
        ];
        // The page's links are crossed with boto3's names: the output's `Rule` member is the
        // shape named `RuleInput` by the rules, and vice versa.
        let mut swapped = page();
        swapped.response_members[0].ty = Some(TypeExpr::Structure("RuleInput".into()));
        swapped.response_members[2].ty = Some(TypeExpr::Structure("Rule".into()));
        let pages: Vec<RefPage> = std::iter::once(RefPage::Operation(swapped)).chain(pages.into_iter().skip(1)).collect();
        apply(&mut s, pages, None).unwrap();
        let output = members(&s, "GetPlanOutput");
        assert_eq!(output[0].target, "RuleInput", "the {{Name, Count}} structure is AWS's RuleInput");
        assert_eq!(output[2].target, "Rule");
        assert_eq!(members(&s, "RuleInput")[1].target, "Integer", "its data-type page says Integer");
        assert_eq!(output[1].target, "Long");
        assert!(s.shapes.keys().all(|k| !k.starts_with("GetPlanOutputRule")), "{:?}", s.shapes.keys());
    }

    #[test]
    fn hand_written_unions_mark_structures_and_unknown_names_fail_naming_the_file() {
        let mut s = service();
        let mut wire = WireFacts { unions: BTreeMap::from([("RuleInput".to_string(), "no page says so".to_string())]), ..Default::default() };
        apply(&mut s, vec![RefPage::Operation(page())], Some(&wire)).unwrap();
        let ShapeKind::Structure(rule) = &s.shapes["RuleInput"].kind else { panic!() };
        assert!(rule.union);

        let mut s = service();
        wire.unions = BTreeMap::from([("Nope".to_string(), "stale".to_string())]);
        wire.lines.insert("unions.Nope".into(), 4);
        let errors = apply(&mut s, vec![RefPage::Operation(page())], Some(&wire)).expect_err("unknown shape");
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors[0].file, Path::new("svc/protocol.json"));
        assert!(text[0].starts_with("svc/protocol.json:4:") && text[0].contains("Nope is not a shape"), "{text:?}");
    }

    #[test]
    fn hand_written_names_rename_before_unions_and_stale_ones_fail() {
        let name = |to: &str| ShapeName { name: to.into(), why: "no data-type page".into() };
        let mut s = service();
        let wire = WireFacts {
            names: BTreeMap::from([("Rule".to_string(), name("PlanRule"))]),
            unions: BTreeMap::from([("PlanRule".to_string(), "no page says so".to_string())]),
            ..Default::default()
        };
        apply(&mut s, vec![], Some(&wire)).unwrap();
        assert!(!s.shapes.contains_key("Rule"));
        let ShapeKind::Structure(rule) = &s.shapes["PlanRule"].kind else { panic!() };
        assert!(rule.union, "unions use the new name");
        assert_eq!(members(&s, "GetPlanOutput")[0].target, "PlanRule", "members follow the rename");

        // A stale fact: a page (or a change of the rules) renamed the shape.
        let mut s = service();
        let mut wire = WireFacts { names: BTreeMap::from([("Nope".to_string(), name("Other"))]), ..Default::default() };
        wire.lines.insert("names.Nope".into(), 7);
        let errors = apply(&mut s, vec![RefPage::Operation(page())], Some(&wire)).expect_err("stale name");
        assert!(errors[0].to_string().starts_with("svc/protocol.json:7:") && errors[0].to_string().contains("not a shape of"), "{errors:?}");

        let mut s = service();
        let wire = WireFacts { names: BTreeMap::from([("Rule".to_string(), name("GetPlanOutput"))]), ..Default::default() };
        let errors = apply(&mut s, vec![], Some(&wire)).expect_err("taken name");
        assert!(errors[0].to_string().contains("GetPlanOutput is the name of another shape"), "{errors:?}");
    }

    #[test]
    fn error_shapes_get_members_status_and_standard_fields() {
        let mut s = service();
        let wire = WireFacts { error_members: BTreeMap::from([("*".to_string(), vec!["Message".to_string()])]), ..Default::default() };
        apply(&mut s, vec![RefPage::Operation(page())], Some(&wire)).unwrap();
        let ShapeKind::Structure(error) = &s.shapes["NotFound"].kind else { panic!() };
        let names: Vec<&str> = error.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Message", "Context"]);
        assert_eq!(error.error_status, Some(404));
        assert_eq!(s.shapes["NotFound"].docs, "No such plan.");
    }

    #[test]
    fn disagreements_are_warnings_naming_both_pages() {
        let mut s = service();
        let mut p = page();
        p.request_line.as_mut().unwrap().path = "/plans/{Nobody}".into();
        p.response_members.push(entry("Extra", 52, Some(TypeExpr::String), ""));
        let warnings = apply(&mut s, vec![RefPage::Operation(p)], None).unwrap();
        let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert!(text.iter().any(|w| w.starts_with("svc/reference/API_GetPlan.md:9:") && w.contains("{Nobody} names no member")), "{text:#?}");
        assert!(s.operations["GetPlan"].http.is_none(), "an incomplete binding is not emitted");
        assert!(
            text.iter().any(|w| w.starts_with("svc/reference/API_GetPlan.md:52:") && w.contains("svc/client/get_plan.rst:3")),
            "{text:#?}"
        );
        // An operation without a page.
        let mut s = service();
        let warnings = apply(&mut s, vec![data_type("Rule", Vec::new())], None).unwrap();
        assert!(warnings.iter().any(|w| w.file == Path::new("svc/client/get_plan.rst") && w.message.contains("has no API Reference page")));
    }

    #[test]
    fn a_page_of_another_service_is_an_error() {
        let mut s = service();
        let mut p = page();
        p.uid = Some("other-2019-01-01".into());
        let errors = apply(&mut s, vec![RefPage::Operation(p)], None).unwrap_err();
        assert_eq!(errors[0].line, 1);
        assert!(errors[0].message.contains("other-2019-01-01"), "{}", errors[0]);
    }

    #[test]
    fn protocol_json_repeating_a_page_fact_is_flagged() {
        let mut s = service();
        let mut p = page();
        p.request_line = None;
        p.request_syntax = Some(crate::parse::apiref::CodeBlock { line: 9, text: "{}".into() });
        p.target_prefix = Some(("Svc_2020".into(), 70));
        p.json_version = Some(("1.1".into(), 71));
        p.sample_host = Some(("svc".into(), 72));
        let wire = WireFacts { target_prefix: Some("Svc_2020".into()), lines: BTreeMap::from([("targetPrefix".into(), 3)]), ..Default::default() };
        let warnings = apply(&mut s, vec![RefPage::Operation(p)], Some(&wire)).unwrap();
        assert_eq!(
            s.protocol.as_ref().map(|p| &p.kind),
            Some(&ProtocolKind::Json { version: "1.1".into(), target_prefix: "Svc_2020".into() })
        );
        assert!(warnings.iter().any(|w| w.line == 3 && w.message.contains("remove it")), "{warnings:?}");
    }

    /// XML protocols' wire names find their members: case and punctuation, `Set` and plural
    /// endings, prose (the closest of several), and a last pair of one form.
    #[test]
    fn wire_names_find_their_members() {
        let kinds = |shape: &str| match shape {
            "List" => Some(ShapeKind::List { member: "String".into() }),
            "Struct" => Some(ShapeKind::Structure(Structure::default())),
            _ => Some(ShapeKind::String),
        };
        let members = vec![
            member("Reservations", "List", ""),
            member("Filters", "List", ""),
            member("SSES3", "Struct", ""),
            member("State", "String", "The snapshot state."),
            member("StateMessage", "String", "This field displays error state details for the snapshot."),
            member("Return", "String", ""),
            member("Grants", "List", "A list of grants."),
        ];
        let wire = |name: &'static str, form: Form, docs: &'static str| WireName { name, form, docs };
        let wires = [
            wire("reservationSet", Form::List, ""),
            wire("Filter", Form::List, ""),
            wire("SSE-S3", Form::Any, ""),
            wire("status", Form::Scalar, "The snapshot state."),
            wire("return", Form::Scalar, ""),
            wire("AccessControlList", Form::List, "A list of grants."),
            wire("statusMessage", Form::Scalar, ""),
        ];
        let found: Vec<Option<&str>> = resolve(&wires, &members, true, &kinds).into_iter().map(|k| k.map(|k| members[k].name.as_str())).collect();
        assert_eq!(found, [Some("Reservations"), Some("Filters"), Some("SSES3"), Some("State"), Some("Return"), Some("Grants"), Some("StateMessage")]);
        // JSON protocols: names only.
        let exact: Vec<Option<usize>> = resolve(&wires, &members, false, &kinds);
        assert!(exact.iter().all(Option::is_none));
        // A form that does not fit is no match: a scalar is no list.
        assert_eq!(resolve(&[wire("Filter", Form::Scalar, "")], &members, true, &kinds), [None]);
        assert_eq!(stems("ipv6AddressesSet"), ["ipv6addresses", "ipv6address", "ipv6addresse"]);
    }

    #[test]
    fn query_error_codes_find_their_exceptions() {
        let entry = |name: &str| ErrorEntry { name: name.into(), ..Default::default() };
        let entries = [entry("ParameterValueInvalid"), entry("ReportExpired"), entry("ReportInProgress"), entry("NotSupportedService"), entry("Throttled")];
        let exceptions: Vec<String> = ["InvalidParameterValueException", "CredentialReportExpiredException", "CredentialReportNotReadyException", "ServiceNotSupportedException", "ThrottledException"]
            .iter()
            .map(|e| e.to_string())
            .collect();
        let found = match_errors(&entries, &exceptions, true);
        assert_eq!(found, exceptions.iter().cloned().map(Some).collect::<Vec<_>>());
        // Elsewhere the heading is the shape name, or it without `Exception`.
        assert_eq!(match_errors(&entries, &exceptions, false), [None, None, None, None, Some("ThrottledException".to_string())]);
        assert_eq!(camel_words("NotSupportedService"), ["not", "service", "supported"].iter().map(|w| w.to_string()).collect());
    }

    #[test]
    fn headers_by_analogy() {
        let bound = |pairs: &[(&str, Option<&str>)]| -> Vec<(bool, String, Option<String>)> {
            pairs.iter().map(|(m, h)| (false, m.to_string(), h.map(str::to_string))).collect()
        };
        let headers = bound(&[
            ("ChecksumAlgorithm", Some("x-amz-sdk-checksum-algorithm")),
            ("ChecksumCRC32", Some("x-amz-checksum-crc32")),
            ("ChecksumSHA256", Some("x-amz-checksum-sha256")),
            ("ObjectLockMode", Some("x-amz-object-lock-mode")),
            ("ETag", None),
        ]);
        assert_eq!(analogy_header("ChecksumSHA512", &headers), Some(Some("x-amz-checksum-sha512".to_string())));
        assert_eq!(analogy_header("ObjectLockEventHoldDurationDays", &headers), Some(Some("x-amz-object-lock-event-hold-duration-days".to_string())));
        assert_eq!(analogy_header("AnnotationDirective", &headers), None);
        // Most siblings in the body: the member is a body member too.
        let body = bound(&[("ChecksumCRC32", None), ("ChecksumSHA256", None), ("ChecksumType", Some("x-amz-checksum-type"))]);
        assert_eq!(analogy_header("ChecksumSHA512", &body), Some(None));
        assert_eq!(camel_runs("ChecksumSHA512"), ["Checksum", "SHA512"]);
        assert_eq!(camel_runs("SSEKMSKeyId"), ["SSEKMS", "Key", "Id"]);
        assert_eq!(map_entry_names("entry.N.Name (key) entry.N.Value (value)"), (Some("Name".into()), Some("Value".into())));
        assert!(is_size("contentlength") && is_size("sizeinmib") && is_size("writeoffsetbytes") && !is_size("maxkeys"));
    }
}
