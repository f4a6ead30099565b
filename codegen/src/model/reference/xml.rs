//! The XML wire facts of the XML-era protocols (`shared/docs/apiref-format.md` §4, §6.4, §9),
//! applied once the structures carry their AWS names:
//!
//! * query and ec2: every operation is `POST /`; query outputs travel inside a result
//!   wrapper, the sample response's `<OpResult>` or by the protocol's rule `<Op>Result`
//!   (every query output in the sample responses that show one is wrapped so);
//! * data-type pages of query and ec2 services head members with their wire names: query
//!   `Names.member.N`, `Things.Thing.N` (the list's item name), `Name.entry.N.key (key)…`
//!   (the map's entry names); ec2 the response element name (`ownerId`), the request key and
//!   the element name as a pair (`**Key** (request), **key** (response)`), and lists as
//!   `GroupSet.N`, the request key of the element `groupSet`: lower-camel where the
//!   structure is read from responses, as written where it is only sent;
//! * ec2 list items are `<item>` elements, the protocol's rule;
//! * rest-xml element names, flattened lists (`...` after a repeated element), list item
//!   names (`<TagSet><Tag>`), attributes (`<xsi:type>` written as a child element) and their
//!   namespaces come from the operations' syntax blocks, walked with the model's shapes;
//! * members no page shows (newer than their page, or of an operation without one) follow
//!   the protocol's rules: ec2 response elements in lower camel, rest-xml members as the
//!   blocks write members of their name. (Sample responses are no help there: they disagree
//!   with the service's names too often, `shared/docs/apiref-format.md` §6.4.)
//!
//! Operation pages' own entries (top-level members) were read in [`Merge::operation`].

use std::collections::{BTreeMap, BTreeSet};

use super::{capitalize, resolve, Form, Merge, WireName};
use crate::model::assemble::singular;
use crate::model::{HttpBinding, Location, ProtocolKind, ShapeKind, XmlNamespace};
use crate::parse::apiref::{DataTypePage, Entry, OperationPage, XmlElement};

impl Merge<'_> {
    pub(super) fn xml(&mut self, pages: &BTreeMap<&str, &OperationPage>, data_types: &BTreeMap<&str, &DataTypePage>) {
        let Some(kind) = self.service.protocol.as_ref().map(|p| p.kind.clone()) else { return };
        match kind {
            ProtocolKind::Query | ProtocolKind::Ec2 => {
                self.query_operations(pages, kind == ProtocolKind::Query);
                self.data_type_wire_names(data_types, &kind);
                if kind == ProtocolKind::Ec2 {
                    self.ec2_element_rule();
                    for shape in self.service.shapes.values_mut() {
                        if matches!(shape.kind, ShapeKind::List { .. }) && shape.xml.member_name.is_none() {
                            shape.xml.member_name = Some("item".to_string());
                        }
                    }
                }
            }
            ProtocolKind::RestXml => {
                let walked = self.rest_xml_documents(pages);
                self.rest_xml_by_name(&walked);
            }
            _ => {}
        }
    }

    /// `POST /` for every operation; query outputs' result wrappers.
    fn query_operations(&mut self, pages: &BTreeMap<&str, &OperationPage>, query: bool) {
        for (name, op) in self.service.operations.iter_mut() {
            op.http.get_or_insert_with(|| HttpBinding { method: "POST".into(), uri: "/".into(), response_code: None });
            if !query || op.output.is_none() {
                continue;
            }
            let shown = pages.get(name.as_str()).and_then(|page| {
                page.sample_responses
                    .iter()
                    .filter(|root| root.name == format!("{name}Response"))
                    .find_map(|root| root.children.first().filter(|c| c.name.ends_with("Result")).map(|c| c.name.clone()))
            });
            op.result_wrapper = Some(shown.unwrap_or_else(|| format!("{name}Result")));
        }
    }

    /// Wire names from the data-type pages of query and ec2 services (see the module docs).
    fn data_type_wire_names(&mut self, data_types: &BTreeMap<&str, &DataTypePage>, kind: &ProtocolKind) {
        let read = self.read_in_responses();
        let shapes: Vec<String> = self.service.shapes.keys().filter(|n| data_types.contains_key(n.as_str())).cloned().collect();
        for shape in shapes {
            let page = data_types[shape.as_str()];
            let members = self.members_of(&shape);
            let entries: Vec<&Entry> = page.members.iter().collect();
            let resolved = self.resolve_entries(&entries, &members);
            for (entry, member) in entries.iter().zip(resolved) {
                let Some(member) = member else { continue };
                self.documented.insert((shape.clone(), member.clone()));
                let Some(target) = self.member(&shape, &member).map(|m| m.target.clone()) else { continue };
                let (name, query_name) = match kind {
                    ProtocolKind::Query => {
                        self.query_suffix_names(&target, entry.wire_suffix.as_deref());
                        ((entry.name != member).then(|| entry.name.clone()), None)
                    }
                    _ => ec2_names(entry, &member, read.contains(&shape)),
                };
                if let Some(m) = self.member_mut(&shape, &member) {
                    if name.is_some() {
                        m.xml.name = name;
                    }
                    if query_name.is_some() {
                        m.xml.query_name = query_name;
                    }
                }
            }
        }
    }

    /// ec2 elements no page names (members newer than their pages, operations without a
    /// page) in structures read from responses: the protocol's rule, the lower-camel member
    /// name, lists as `<singular>Set` (`Tags` → `tagSet`). Of botocore 1.44.5's members of
    /// such structures, 4,694 of 4,808 scalars and structures and 624 of 874 lists follow it.
    ///
    /// Lists of structures only sent are sent as `<Singular>.N` (`Filters` → `Filter.N`): 647 of
    /// the 735 list parameters of botocore's ec2 operations.
    fn ec2_element_rule(&mut self) {
        let read = self.read_in_responses();
        let structures: Vec<String> = self.service.shapes.iter().filter(|(_, s)| matches!(s.kind, ShapeKind::Structure(_))).map(|(n, _)| n.clone()).collect();
        for shape in structures {
            let is_read = read.contains(&shape);
            let members = self.members_of(&shape);
            for member in members {
                if member.xml.name.is_some() || member.location.is_some() || self.documented.contains(&(shape.clone(), member.name.clone())) {
                    continue;
                }
                let singular = || singular(&member.name).unwrap_or_else(|| member.name.clone());
                let name = match (self.kind_of(&member.target), is_read) {
                    (Some(ShapeKind::List { .. }), true) => format!("{}Set", lower_first(&singular())),
                    (_, true) => lower_first(&member.name),
                    (Some(ShapeKind::List { .. }), false) => singular(),
                    (_, false) => continue,
                };
                if name != member.name {
                    if let Some(m) = self.member_mut(&shape, &member.name) {
                        m.xml.name = Some(name);
                    }
                }
            }
        }
    }

    /// The shapes reached from an operation's output.
    fn read_in_responses(&self) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<String> = self.service.operations.values().filter_map(|op| op.output.clone()).collect();
        while let Some(shape) = todo.pop() {
            if !seen.insert(shape.clone()) {
                continue;
            }
            match self.service.shapes.get(&shape).map(|s| &s.kind) {
                Some(ShapeKind::Structure(s)) => todo.extend(s.members.iter().map(|m| m.target.clone())),
                Some(ShapeKind::List { member }) => todo.push(member.clone()),
                Some(ShapeKind::Map { key, value }) => todo.extend([key.clone(), value.clone()]),
                _ => {}
            }
        }
        seen
    }

    // --- rest-xml -------------------------------------------------------------------------

    /// Walks each operation's request and response syntax blocks with the shapes they
    /// serialise: the payload's structure, or the input or output itself.
    /// Returns the (structure, member) pairs the blocks showed.
    fn rest_xml_documents(&mut self, pages: &BTreeMap<&str, &OperationPage>) -> BTreeSet<(String, String)> {
        let mut walked = BTreeSet::new();
        // `xmlns:xsi="…"` as the samples declare it, for prefixed attributes.
        let mut prefixes: BTreeMap<String, String> = BTreeMap::new();
        for page in pages.values() {
            for root in page.sample_responses.iter().chain(&page.request_xml).chain(&page.response_xml) {
                collect_prefixes(root, &mut prefixes, 0);
            }
        }
        // The namespace every request document declares, for a payload no page shows.
        let namespaces: BTreeSet<&str> = pages.values().filter_map(|p| p.request_xml.as_ref()?.namespace()).collect();
        let namespace = match namespaces.iter().collect::<Vec<_>>().as_slice() {
            [only] => Some(XmlNamespace { prefix: None, uri: only.to_string() }),
            _ => None,
        };
        let operations: Vec<(String, Option<String>, Option<String>)> =
            self.service.operations.values().map(|op| (op.name.clone(), op.input.clone(), op.output.clone())).collect();
        for (name, input, output) in operations {
            let Some(page) = pages.get(name.as_str()) else {
                // An operation without a page: its structure payload is a document like the others.
                let members: Vec<_> = input.iter().flat_map(|i| self.members_of(i)).collect();
                for m in members {
                    if m.location == Some(Location::Payload) && self.is_structure(&m.target) && m.xml.namespace.is_none() {
                        let input = input.clone().unwrap_or_default();
                        if let Some(member) = self.member_mut(&input, &m.name) {
                            member.xml.namespace.clone_from(&namespace);
                        }
                    }
                }
                continue;
            };
            for (root, document) in [(input, &page.request_xml), (output, &page.response_xml)] {
                let (Some(root), Some(document)) = (root, document) else { continue };
                let members = self.members_of(&root);
                let payload = members.iter().find(|m| m.location == Some(Location::Payload));
                match payload {
                    Some(p) if self.is_structure(&p.target) => {
                        let target = p.target.clone();
                        self.walk(document, &target, &BTreeSet::new(), &prefixes, &mut walked, 0);
                    }
                    Some(_) => {}
                    None => {
                        let bound: BTreeSet<String> = members.iter().filter(|m| m.location.is_some()).map(|m| m.name.clone()).collect();
                        self.walk(document, &root, &bound, &prefixes, &mut walked, 0);
                    }
                }
            }
        }
        walked
    }

    /// Members no syntax block shows (a structure only a page-less operation reaches, a
    /// member newer than its page) are written as the members of that name the blocks show,
    /// where those all agree: S3's `ChecksumAlgorithm` lists are flattened wherever shown.
    fn rest_xml_by_name(&mut self, walked: &BTreeSet<(String, String)>) {
        // (member name, a list?) → the (element name, flattened) the blocks show for it.
        type Forms = BTreeSet<(Option<String>, bool)>;
        let mut shown: BTreeMap<(String, bool), Forms> = BTreeMap::new();
        for (owner, member) in walked {
            if let Some(m) = self.member(owner, member) {
                let is_list = matches!(self.kind_of(&m.target), Some(ShapeKind::List { .. }));
                shown.entry((member.clone(), is_list)).or_default().insert((m.xml.name.clone(), m.xml.flattened));
            }
        }
        let structures: Vec<String> = self.service.shapes.iter().filter(|(_, s)| matches!(s.kind, ShapeKind::Structure(_))).map(|(n, _)| n.clone()).collect();
        for owner in structures {
            for member in self.members_of(&owner) {
                if member.location.is_some() || walked.contains(&(owner.clone(), member.name.clone())) {
                    continue;
                }
                let is_list = matches!(self.kind_of(&member.target), Some(ShapeKind::List { .. }));
                let Some(forms) = shown.get(&(member.name.clone(), is_list)) else { continue };
                let [(name, flattened)] = forms.iter().collect::<Vec<_>>().as_slice() else { continue };
                if let Some(m) = self.member_mut(&owner, &member.name) {
                    if m.xml.name.is_none() {
                        m.xml.name.clone_from(name);
                    }
                    m.xml.flattened |= *flattened && is_list;
                }
            }
        }
    }

    /// Names the members of structure `owner` after `element`'s children, and goes down.
    fn walk(&mut self, element: &XmlElement, owner: &str, skip: &BTreeSet<String>, prefixes: &BTreeMap<String, String>, walked: &mut BTreeSet<(String, String)>, depth: usize) {
        if depth > crate::parse::xml::MAX_DEPTH {
            return;
        }
        let members: Vec<_> = self.members_of(owner).into_iter().filter(|m| !skip.contains(&m.name)).collect();
        let local = |name: &str| name.split_once(':').map_or(name.to_string(), |(_, l)| l.to_string());
        let locals: Vec<String> = element.children.iter().map(|c| local(&c.name)).collect();
        let wires: Vec<WireName<'_>> = element
            .children
            .iter()
            .zip(&locals)
            .map(|(child, name)| WireName { name, form: element_form(child), docs: "" })
            .collect();
        let resolved = resolve(&wires, &members, true, &|shape: &str| self.kind_of(shape));
        for (child, k) in element.children.iter().zip(resolved) {
            let Some(k) = k else { continue };
            let member = members[k].clone();
            walked.insert((owner.to_string(), member.name.clone()));
            let prefixed = child.name.split_once(':').map(|(p, _)| p.to_string());
            if let Some(m) = self.member_mut(owner, &member.name) {
                if child.name != member.name {
                    m.xml.name = Some(child.name.clone());
                }
                if prefixed.is_some() && child.children.is_empty() {
                    m.xml.attribute = true;
                }
            }
            // A structure with a prefixed attribute declares the prefix.
            let declared = child.children.iter().find_map(|c| c.name.split_once(':').map(|(p, _)| p.to_string()));
            if let Some(uri) = declared.as_ref().and_then(|p| prefixes.get(p)) {
                if let Some(m) = self.member_mut(owner, &member.name) {
                    m.xml.namespace = Some(XmlNamespace { prefix: declared.clone(), uri: uri.clone() });
                }
            }
            match self.kind_of(&member.target) {
                Some(ShapeKind::Structure(_)) => self.walk(child, &member.target, &BTreeSet::new(), prefixes, walked, depth + 1),
                Some(ShapeKind::List { member: item }) => {
                    let item_is_structure = self.is_structure(&item);
                    let item_members: Vec<String> = self.members_of(&item).into_iter().map(|m| m.name).collect();
                    let wrapped = !child.repeated && match child.children.as_slice() {
                        [] => false,
                        [only] => !item_is_structure || !only.children.is_empty() || !item_members.iter().any(|n| n.eq_ignore_ascii_case(&local(&only.name))),
                        many => {
                            let first = &many[0].name;
                            many.iter().all(|c| c.name == *first)
                        }
                    };
                    if wrapped {
                        let Some(first) = child.children.first() else { continue };
                        if first.name != "member" {
                            if let Some(shape) = self.service.shapes.get_mut(&member.target) {
                                shape.xml.member_name = Some(first.name.clone());
                            }
                        }
                        if item_is_structure {
                            self.walk(first, &item, &BTreeSet::new(), prefixes, walked, depth + 1);
                        }
                    } else {
                        if let Some(m) = self.member_mut(owner, &member.name) {
                            m.xml.flattened = true;
                        }
                        if item_is_structure {
                            self.walk(child, &item, &BTreeSet::new(), prefixes, walked, depth + 1);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// What an element can stand for: a repeated one a flattened list, one with children a
/// structure or a wrapped list, one with text a scalar (or a flattened list of scalars), an
/// empty one anything.
fn element_form(element: &XmlElement) -> Form {
    if element.repeated {
        Form::List
    } else if !element.children.is_empty() {
        Form::Composite
    } else if element.text.is_some() {
        Form::Leaf
    } else {
        // `<SSE-S3></SSE-S3>`: a structure without members, or a value left out.
        Form::Any
    }
}

fn collect_prefixes(element: &XmlElement, out: &mut BTreeMap<String, String>, depth: usize) {
    if depth > crate::parse::xml::MAX_DEPTH {
        return;
    }
    for (name, value) in &element.attributes {
        if let Some(prefix) = name.strip_prefix("xmlns:") {
            out.entry(prefix.to_string()).or_insert_with(|| value.clone());
        }
    }
    for child in &element.children {
        collect_prefixes(child, out, depth + 1);
    }
}

/// An ec2 data-type entry's element name (botocore's `locationName`) and request key (its
/// `queryName`, when not the capitalised element name): see the module docs. `read`: the
/// structure is read from responses.
fn ec2_names(entry: &Entry, member: &str, read: bool) -> (Option<String>, Option<String>) {
    let differs = |name: &str| (name != member).then(|| name.to_string());
    match (&entry.response_name, entry.wire_suffix.as_deref()) {
        (Some(response), _) => {
            let element = differs(response);
            let query = (entry.name != capitalize(response) && entry.name != member).then(|| entry.name.clone());
            (element, query)
        }
        (None, Some(_)) if read => (differs(&lower_first(&entry.name)), None),
        (None, Some(_)) => (differs(&entry.name), None),
        (None, _) => (differs(&entry.name), None),
    }
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    //! Page excerpts are cut from `shared/api-reference/` (AWS documentation, CC BY-SA 4.0),
    //! shortened; the services are the smallest boto3 models they describe.

    use std::path::Path;

    use super::super::apply_reference;
    use crate::model::reference::WireFile;
    use crate::model::wire::{MemberWire, WireFacts};
    use crate::model::{Location, Member, Operation, ProtocolKind, Service, Shape, ShapeKind, Structure, XmlNamespace};
    use crate::parse::apiref::{parse_page, RefPage};
    use crate::parse::page::Diagnostic;

    fn structure(s: &mut Service, name: &str, members: &[(&str, &str)]) {
        let members = members.iter().map(|(n, t)| Member { name: n.to_string(), target: t.to_string(), docs: docs(n), ..Default::default() }).collect();
        s.shapes.insert(name.into(), Shape::new(name, "", ShapeKind::Structure(Structure { members, ..Default::default() })));
    }

    /// boto3's prose for a member, as its page has it (matching by prose needs it).
    fn docs(member: &str) -> String {
        match member {
            "Grants" => "A list of grants.".into(),
            _ => String::new(),
        }
    }

    fn shape(s: &mut Service, name: &str, kind: ShapeKind) {
        s.shapes.insert(name.into(), Shape::new(name, "", kind));
    }

    fn list(s: &mut Service, name: &str, member: &str) {
        shape(s, name, ShapeKind::List { member: member.into() });
    }

    fn operation(s: &mut Service, name: &str, input: Option<&str>, output: Option<&str>, errors: &[&str]) {
        let op = Operation {
            name: name.into(),
            input: input.map(str::to_string),
            output: output.map(str::to_string),
            errors: errors.iter().map(|e| e.to_string()).collect(),
            ..Default::default()
        };
        s.operations.insert(name.into(), op);
    }

    fn service(name: &str) -> Service {
        let mut s = Service { name: name.into(), ..Default::default() };
        for (n, kind) in [("String", ShapeKind::String), ("Long", ShapeKind::Long), ("Boolean", ShapeKind::Boolean)] {
            shape(&mut s, n, kind);
        }
        s
    }

    fn pages(texts: &[(&str, &str)]) -> Vec<RefPage> {
        texts.iter().map(|(file, text)| parse_page(Path::new(file), text).unwrap_or_else(|d| panic!("{d}"))).collect()
    }

    fn apply(s: &mut Service, pages: &[RefPage], facts: Option<&WireFacts>) -> Vec<Diagnostic> {
        let wire = facts.map(|facts| WireFile { path: Path::new("svc/protocol.json"), facts });
        apply_reference(s, pages, wire).unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn member<'a>(s: &'a Service, owner: &str, name: &str) -> &'a Member {
        match &s.shapes[owner].kind {
            ShapeKind::Structure(st) => st.members.iter().find(|m| m.name == name).unwrap_or_else(|| panic!("{owner}.{name}")),
            other => panic!("{owner} is {other:?}"),
        }
    }

    const PUT_BUCKET_TAGGING: &str = r#"# PutBucketTagging

Sets the tags for a general purpose bucket.

## Request Syntax

```nohighlight

PUT /?tagging HTTP/1.1
Host: Bucket.s3.amazonaws.com
x-amz-checksum-crc32: ChecksumCRC32
<?xml version="1.0" encoding="UTF-8"?>
<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
   <TagSet>
      <Tag>
         <Key>string</Key>
         <Value>string</Value>
      </Tag>
   </TagSet>
</Tagging>
```

## URI Request Parameters

**[Bucket](#API_PutBucketTagging_RequestSyntax)**

The bucket name.

Required: Yes

## Request Body

The request accepts the following data in XML format.

**[Tagging](#API_PutBucketTagging_RequestSyntax)**

Root level tag for the Tagging parameters.

Required: Yes

**[TagSet](#API_PutBucketTagging_RequestSyntax)**

A collection for a set of tags

Type: Array of [Tag](api-tag.md) data types

Required: Yes

## Response Elements

If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.

## Examples

### Sample Request

```

PUT ?tagging HTTP/1.1
Host: examplebucket.s3.<Region>.amazonaws.com

```
"#;

    const GET_BUCKET_ACL: &str = r#"# GetBucketAcl

Returns the access control list (ACL) of a bucket.

## Request Syntax

```nohighlight

GET /?acl HTTP/1.1
Host: Bucket.s3.amazonaws.com

```

## URI Request Parameters

**[Bucket](#API_GetBucketAcl_RequestSyntax)**

Specifies the S3 bucket whose ACL is being requested.

Required: Yes

## Response Syntax

```nohighlight

HTTP/1.1 200
<?xml version="1.0" encoding="UTF-8"?>
<AccessControlPolicy>
   <Owner>
      <ID>string</ID>
   </Owner>
   <AccessControlList>
      <Grant>
         <Grantee>
            <ID>string</ID>
            <xsi:type>string</xsi:type>
         </Grantee>
         <Permission>string</Permission>
      </Grant>
   </AccessControlList>
</AccessControlPolicy>
```

## Response Elements

If the action is successful, the service sends back an HTTP 200 response.

The following data is returned in XML format by the service.

**[AccessControlPolicy](#API_GetBucketAcl_ResponseSyntax)**

Root level tag for the AccessControlPolicy parameters.

Required: Yes

**[AccessControlList](#API_GetBucketAcl_ResponseSyntax)**

A list of grants.

Type: Array of [Grant](api-grant.md) data types

**[Owner](#API_GetBucketAcl_ResponseSyntax)**

Container for the bucket owner's ID.

Type: [Owner](api-owner.md) data type

## Examples

### Sample Response

```xml

HTTP/1.1 200 OK
<AccessControlPolicy>
  <AccessControlList>
    <Grant>
      <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
			xsi:type="CanonicalUser">
        <ID>75aa57f09aa0</ID>
      </Grantee>
    </Grant>
  </AccessControlList>
</AccessControlPolicy>

```
"#;

    const LIST_OBJECTS_V2: &str = r#"# ListObjectsV2

Returns some or all of the objects in a bucket.

## Request Syntax

```nohighlight

GET /?list-type=2 HTTP/1.1
Host: Bucket.s3.amazonaws.com

```

## URI Request Parameters

**[Bucket](#API_ListObjectsV2_RequestSyntax)**

The bucket name.

Required: Yes

## Response Syntax

```nohighlight

HTTP/1.1 200
<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult>
   <Contents>
      <ChecksumAlgorithm>string</ChecksumAlgorithm>
      ...
      <Key>string</Key>
   </Contents>
   ...
   <Name>string</Name>
</ListBucketResult>
```

## Response Elements

If the action is successful, the service sends back an HTTP 200 response.

The following data is returned in XML format by the service.

**[ListBucketResult](#API_ListObjectsV2_ResponseSyntax)**

Root level tag for the ListBucketResult parameters.

Required: Yes

**[Contents](#API_ListObjectsV2_ResponseSyntax)**

Metadata about each object returned.

Type: Array of [Object](api-object.md) data types

**[Name](#API_ListObjectsV2_ResponseSyntax)**

The bucket name.

Type: String
"#;

    /// S3: host labels, payloads and their namespace, wrapped and flattened lists, element
    /// names other than the member's, the `xsi:type` attribute, headers by analogy, and a
    /// hand-written header prefix; a structure no block shows written as the blocks show
    /// members of its name.
    #[test]
    fn rest_xml_documents() {
        let mut s = service("s3");
        operation(&mut s, "PutBucketTagging", Some("PutBucketTaggingRequest"), None, &[]);
        operation(&mut s, "GetBucketAcl", Some("GetBucketAclRequest"), Some("GetBucketAclOutput"), &[]);
        operation(&mut s, "ListObjectsV2", Some("ListObjectsV2Request"), Some("ListObjectsV2Output"), &[]);
        operation(&mut s, "ListParts", Some("ListPartsRequest"), Some("ListPartsOutput"), &[]);
        let tagging_members = [("Bucket", "String"), ("ChecksumCRC32", "String"), ("ChecksumSHA512", "String"), ("Metadata", "Metadata"), ("Tagging", "Tagging")];
        structure(&mut s, "PutBucketTaggingRequest", &tagging_members);
        shape(&mut s, "Metadata", ShapeKind::Map { key: "String".into(), value: "String".into() });
        structure(&mut s, "Tagging", &[("TagSet", "TagSet")]);
        list(&mut s, "TagSet", "Tag");
        structure(&mut s, "Tag", &[("Key", "String"), ("Value", "String")]);
        structure(&mut s, "GetBucketAclRequest", &[("Bucket", "String")]);
        structure(&mut s, "GetBucketAclOutput", &[("Owner", "Owner"), ("Grants", "Grants")]);
        structure(&mut s, "Owner", &[("ID", "String")]);
        list(&mut s, "Grants", "Grant");
        structure(&mut s, "Grant", &[("Grantee", "Grantee"), ("Permission", "String")]);
        structure(&mut s, "Grantee", &[("ID", "String"), ("Type", "String")]);
        structure(&mut s, "ListObjectsV2Request", &[("Bucket", "String")]);
        structure(&mut s, "ListObjectsV2Output", &[("Contents", "ObjectList"), ("Name", "String")]);
        list(&mut s, "ObjectList", "Object");
        structure(&mut s, "Object", &[("ChecksumAlgorithm", "ChecksumAlgorithmList"), ("Key", "String")]);
        list(&mut s, "ChecksumAlgorithmList", "String");
        structure(&mut s, "ListPartsRequest", &[("Bucket", "String")]);
        structure(&mut s, "ListPartsOutput", &[("Parts", "Parts")]);
        list(&mut s, "Parts", "Part");
        structure(&mut s, "Part", &[("ChecksumAlgorithm", "ChecksumAlgorithmList")]);
        let pages = pages(&[
            ("s3/reference/API_PutBucketTagging.md", PUT_BUCKET_TAGGING),
            ("s3/reference/API_GetBucketAcl.md", GET_BUCKET_ACL),
            ("s3/reference/API_ListObjectsV2.md", LIST_OBJECTS_V2),
        ]);
        let mut facts = WireFacts::default();
        facts.members.insert("Metadata".into(), MemberWire { location: Location::Header, name: Some("x-amz-meta-".into()), line: 3 });
        let warnings = apply(&mut s, &pages, Some(&facts));
        let protocol = s.protocol.clone().expect("protocol");
        assert_eq!((protocol.kind, protocol.endpoint_prefix.as_str(), protocol.xml_namespace), (ProtocolKind::RestXml, "s3", None));

        // `Host: Bucket.s3.amazonaws.com`: the bucket is the path's first label.
        let uri = |op: &str| s.operations[op].http.as_ref().map(|h| h.uri.clone());
        assert_eq!(uri("PutBucketTagging").as_deref(), Some("/{Bucket}?tagging"));
        assert_eq!(uri("GetBucketAcl").as_deref(), Some("/{Bucket}?acl"));
        let bucket = member(&s, "PutBucketTaggingRequest", "Bucket");
        assert_eq!((bucket.location, bucket.location_name.as_deref()), (Some(Location::Path), Some("Bucket")));
        // The root element names the payload; its namespace goes with it.
        let tagging = member(&s, "PutBucketTaggingRequest", "Tagging");
        assert_eq!(tagging.location, Some(Location::Payload));
        assert_eq!(tagging.xml.namespace, Some(XmlNamespace { prefix: None, uri: "http://s3.amazonaws.com/doc/2006-03-01/".into() }));
        assert_eq!(s.shapes["TagSet"].xml.member_name.as_deref(), Some("Tag"), "a wrapped list's item element");
        // A header no page shows, by analogy with its sibling's; a hand-written prefix.
        let sha = member(&s, "PutBucketTaggingRequest", "ChecksumSHA512");
        assert_eq!((sha.location, sha.location_name.as_deref()), (Some(Location::Header), Some("x-amz-checksum-sha512")));
        let metadata = member(&s, "PutBucketTaggingRequest", "Metadata");
        assert_eq!((metadata.location, metadata.location_name.as_deref()), (Some(Location::Header), Some("x-amz-meta-")));

        // An element named otherwise than its member (found by its prose), an attribute
        // written as an element, its prefix declared in a sample response.
        let grants = member(&s, "GetBucketAclOutput", "Grants");
        assert_eq!((grants.location, grants.xml.name.as_deref()), (None, Some("AccessControlList")));
        assert_eq!(s.shapes["Grants"].xml.member_name.as_deref(), Some("Grant"));
        let kind = member(&s, "Grantee", "Type");
        assert_eq!((kind.xml.name.as_deref(), kind.xml.attribute), (Some("xsi:type"), true));
        let grantee = member(&s, "Grant", "Grantee");
        assert_eq!(grantee.xml.namespace, Some(XmlNamespace { prefix: Some("xsi".into()), uri: "http://www.w3.org/2001/XMLSchema-instance".into() }));
        assert_eq!(member(&s, "GetBucketAclOutput", "Owner").xml, Default::default());

        // `...` after an element: a flattened list, at any depth; the same member of a
        // structure no block shows follows suit.
        assert!(member(&s, "ListObjectsV2Output", "Contents").xml.flattened);
        assert!(member(&s, "Object", "ChecksumAlgorithm").xml.flattened);
        assert!(member(&s, "Part", "ChecksumAlgorithm").xml.flattened);
        assert!(!member(&s, "ListPartsOutput", "Parts").xml.flattened, "no block shows a `Parts` list");
        assert_eq!(s.shapes["ObjectList"].xml.member_name, None);
        assert!(warnings.iter().all(|w| !w.message.contains("AccessControlList")), "{warnings:?}");
    }

    const LIST_ACCOUNT_ALIASES: &str = r#"---
source_url: https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccountAliases.html
---

# ListAccountAliases

Lists the account alias associated with the AWS account.

## Request Parameters

 **Attributes** Attributes.entry.N.Name (key)Attributes.entry.N.Value (value)
Attributes to filter by.
Type: String to string map
Required: No

 ** MaxItems **
Use this only when paginating results.
Type: Integer
Valid Range: Minimum value of 1. Maximum value of 1000.
Required: No

## Response Elements

The following elements are returned by the service.

 **AccountAliases.member.N**
A list of aliases associated with the account.
Type: Array of strings

## Errors

 ** ReportExpired **
The request was rejected because the most recent credential report has expired.
HTTP Status Code: 410

 ** ServiceFailure **
The request processing has failed because of an unknown error, exception or failure.
HTTP Status Code: 500

## Examples

#### Sample Request

```
https://iam.amazonaws.com/?Action=ListAccountAliases
&Version=2010-05-08
&AUTHPARAMS
```

#### Sample Response

```
<ListAccountAliasesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
<ListAccountAliasesResult>
  <AccountAliases>
    <member>example-corporation</member>
  </AccountAliases>
</ListAccountAliasesResult>
</ListAccountAliasesResponse>
```
"#;

    /// query: protocol and host from the pages, `POST /`, the result wrapper, map entry
    /// names, widths, error codes that are not boto3's exception names; a namespace
    /// `protocol.json` corrects, and one it repeats.
    #[test]
    fn query_operations() {
        let build = || {
            let mut s = service("iam");
            let errors = ["CredentialReportExpiredException", "ServiceFailureException"];
            operation(&mut s, "ListAccountAliases", Some("ListAccountAliasesRequest"), Some("ListAccountAliasesResponse"), &errors);
            operation(&mut s, "DeleteAccountAlias", None, None, &[]);
            structure(&mut s, "ListAccountAliasesRequest", &[("Attributes", "AttributeMap"), ("MaxItems", "Long")]);
            shape(&mut s, "AttributeMap", ShapeKind::Map { key: "String".into(), value: "String".into() });
            structure(&mut s, "ListAccountAliasesResponse", &[("AccountAliases", "AliasList")]);
            list(&mut s, "AliasList", "String");
            for error in errors {
                let kind = ShapeKind::Structure(Structure { exception: true, ..Default::default() });
                shape(&mut s, error, kind);
            }
            s
        };
        let pages = pages(&[("iam/reference/API_ListAccountAliases.md", LIST_ACCOUNT_ALIASES)]);
        let mut s = build();
        apply(&mut s, &pages, None);
        let protocol = s.protocol.clone().expect("protocol");
        assert_eq!((protocol.kind, protocol.endpoint_prefix.as_str()), (ProtocolKind::Query, "iam"));
        assert_eq!(protocol.xml_namespace.as_deref(), Some("https://iam.amazonaws.com/doc/2010-05-08/"));
        let op = &s.operations["ListAccountAliases"];
        assert_eq!(op.result_wrapper.as_deref(), Some("ListAccountAliasesResult"));
        let http = op.http.as_ref().expect("POST /");
        assert_eq!((http.method.as_str(), http.uri.as_str()), ("POST", "/"));
        let other = &s.operations["DeleteAccountAlias"];
        assert_eq!((other.http.is_some(), other.result_wrapper.as_ref()), (true, None), "no page, no output");
        let map = &s.shapes["AttributeMap"].xml;
        assert_eq!((map.key_name.as_deref(), map.value_name.as_deref()), (Some("Name"), Some("Value")));
        assert_eq!(s.shapes["AliasList"].xml.member_name, None, "`member` is the default");
        assert_eq!(member(&s, "ListAccountAliasesRequest", "MaxItems").target, "Integer");
        let error = |name: &str| match &s.shapes[name].kind {
            ShapeKind::Structure(st) => (st.error_code.clone(), st.error_status),
            _ => panic!(),
        };
        assert_eq!(error("CredentialReportExpiredException"), (Some("ReportExpired".into()), Some(410)));
        assert_eq!(error("ServiceFailureException"), (Some("ServiceFailure".into()), Some(500)));

        // protocol.json's namespace wins; repeating the pages' is worth a warning.
        for (namespace, warns) in [("http://iam.amazonaws.com/doc/2010-05-08/", false), ("https://iam.amazonaws.com/doc/2010-05-08/", true)] {
            let mut s = build();
            let facts = WireFacts { xml_namespace: Some(namespace.into()), ..Default::default() };
            let warnings = apply(&mut s, &pages, Some(&facts));
            assert_eq!(s.protocol.and_then(|p| p.xml_namespace).as_deref(), Some(namespace));
            assert_eq!(warnings.iter().any(|w| w.message.contains("xmlNamespace is also what 1 sample responses show")), warns, "{warnings:?}");
        }
    }

    const DESCRIBE_INSTANCES: &str = r#"# DescribeInstances

Describes the specified instances or all instances.

## Request Parameters

**DryRun**

Checks whether you have the required permissions for the operation.

Type: Boolean

Required: No

**Filter.N**

The filters.

Type: Array of [Filter](api-filter.md) objects

Required: No

## Response Elements

The following elements are returned by the service.

**nextToken**

The token to include in another request to get the next page of items.

Type: String

**requestId**

The ID of the request.

Type: String

**reservationSet**

Information about the reservations.

Type: Array of [Reservation](api-reservation.md) objects

## Examples

#### Sample Request

```

https://ec2.amazonaws.com/?Action=DescribeInstances
&AUTHPARAMS
```

#### Sample Response

```

<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
</DescribeInstancesResponse>
```
"#;

    const RESERVATION: &str = "# Reservation\n\nDescribes a launch request for one or more instances.\n\n## Contents\n\n**GroupSet.N**\n\nNot supported.\n\nType: Array of [GroupIdentifier](api-groupidentifier.md) objects\n\nRequired: No\n\n**reservationId**\n\nThe ID of the reservation.\n\nType: String\n\nRequired: No\n";
    const GROUP_IDENTIFIER: &str = "# GroupIdentifier\n\nDescribes a security group.\n\n## Contents\n\n**GroupId** (request), **groupId** (response)\n\nThe ID of the security group.\n\nType: String\n\nRequired: No\n";
    const FILTER: &str = "# Filter\n\nA filter name and value pair.\n\n## Contents\n\n**Name**\n\nThe name of the filter.\n\nType: String\n\nRequired: No\n\n**Value.N**\n\nThe filter values.\n\nType: Array of strings\n\nRequired: No\n";

    /// ec2: request keys (`Filter.N` for `Filters`), lower-camel response elements from
    /// operation and data-type pages, pairs, `<item>` list items, `requestId` taken for the
    /// protocol's, and the protocol's rule for members no page shows.
    #[test]
    fn ec2_wire_names() {
        let mut s = service("ec2");
        operation(&mut s, "DescribeInstances", Some("DescribeInstancesRequest"), Some("DescribeInstancesResult"), &[]);
        structure(&mut s, "DescribeInstancesRequest", &[("DryRun", "Boolean"), ("Filters", "FilterList")]);
        list(&mut s, "FilterList", "Filter");
        structure(&mut s, "Filter", &[("Name", "String"), ("Values", "ValueStringList")]);
        list(&mut s, "ValueStringList", "String");
        structure(&mut s, "DescribeInstancesResult", &[("NextToken", "String"), ("Reservations", "ReservationList"), ("NewThings", "ValueStringList")]);
        list(&mut s, "ReservationList", "Reservation");
        structure(&mut s, "Reservation", &[("Groups", "GroupIdentifierList"), ("OwnerId", "String"), ("ReservationId", "String")]);
        list(&mut s, "GroupIdentifierList", "GroupIdentifier");
        structure(&mut s, "GroupIdentifier", &[("GroupId", "String")]);
        let pages = pages(&[
            ("ec2/reference/API_DescribeInstances.md", DESCRIBE_INSTANCES),
            ("ec2/reference/API_Reservation.md", RESERVATION),
            ("ec2/reference/API_GroupIdentifier.md", GROUP_IDENTIFIER),
            ("ec2/reference/API_Filter.md", FILTER),
        ]);
        let warnings = apply(&mut s, &pages, None);
        let protocol = s.protocol.clone().expect("protocol");
        assert_eq!((protocol.kind, protocol.endpoint_prefix.as_str()), (ProtocolKind::Ec2, "ec2"));
        assert_eq!(protocol.xml_namespace.as_deref(), Some("http://ec2.amazonaws.com/doc/2016-11-15/"));
        let name = |owner: &str, m: &str| member(&s, owner, m).xml.name.clone();
        assert_eq!(name("DescribeInstancesRequest", "Filters").as_deref(), Some("Filter"));
        assert_eq!(name("DescribeInstancesRequest", "DryRun"), None);
        assert_eq!(name("DescribeInstancesResult", "NextToken").as_deref(), Some("nextToken"));
        assert_eq!(name("DescribeInstancesResult", "Reservations").as_deref(), Some("reservationSet"));
        assert_eq!(name("DescribeInstancesResult", "NewThings").as_deref(), Some("newThingSet"), "no page: the rule");
        assert_eq!(name("Reservation", "Groups").as_deref(), Some("groupSet"), "read from responses: lower-camel");
        assert_eq!(name("Reservation", "ReservationId").as_deref(), Some("reservationId"));
        assert_eq!(name("Reservation", "OwnerId").as_deref(), Some("ownerId"), "no page: the rule");
        assert_eq!(name("GroupIdentifier", "GroupId").as_deref(), Some("groupId"));
        assert_eq!(member(&s, "GroupIdentifier", "GroupId").xml.query_name, None, "`GroupId` is the capitalised element name");
        assert_eq!(name("Filter", "Values").as_deref(), Some("Value"), "only sent: as the heading writes it");
        assert_eq!(s.shapes["ReservationList"].xml.member_name.as_deref(), Some("item"));
        let http = s.operations["DescribeInstances"].http.clone().expect("POST /");
        assert_eq!((http.method.as_str(), http.uri.as_str()), ("POST", "/"));
        assert_eq!(s.operations["DescribeInstances"].result_wrapper, None);
        assert!(warnings.iter().all(|w| !w.message.contains("requestId") && !w.message.contains("Filter")), "{warnings:?}");
    }

    #[test]
    fn ec2_data_type_names() {
        use crate::parse::apiref::Entry;
        let entry = |name: &str, suffix: Option<&str>, response: Option<&str>| Entry {
            name: name.into(),
            wire_suffix: suffix.map(str::to_string),
            response_name: response.map(str::to_string),
            ..Default::default()
        };
        let cases = [
            (entry("ownerId", None, None), "OwnerId", true, (Some("ownerId"), None)),
            (entry("OwnerId", None, None), "OwnerId", true, (None, None)),
            (entry("GroupSet", Some("N"), None), "Groups", true, (Some("groupSet"), None)),
            (entry("Gpus", Some("N"), None), "Gpus", true, (Some("gpus"), None)),
            (entry("Ipv4Prefix", Some("N"), None), "Ipv4Prefixes", false, (Some("Ipv4Prefix"), None)),
            (entry("Tags", Some("N"), None), "Tags", false, (None, None)),
            (entry("Key", None, Some("key")), "Key", true, (Some("key"), None)),
            (entry("Key", None, Some("key")), "Other", true, (Some("key"), None)),
            (entry("Request", None, Some("key")), "Key", true, (Some("key"), Some("Request"))),
        ];
        for (entry, member, read, (name, query)) in cases {
            let got = super::ec2_names(&entry, member, read);
            assert_eq!((got.0.as_deref(), got.1.as_deref()), (name, query), "{entry:?} {member}");
        }
    }

    const UPLOAD_PART: &str = r#"# UploadPart

Uploads a part in a multipart upload.

## Request Syntax

```nohighlight

PUT /Key+?partNumber=PartNumber HTTP/1.1
Host: Bucket.s3.amazonaws.com
Content-Length: ContentLength

```

## URI Request Parameters

**[Bucket](#API_UploadPart_RequestSyntax)**

The name of the bucket.

Required: Yes

**[Content-Length](#API_UploadPart_RequestSyntax)**

Size of the body in bytes.

**[Key](#API_UploadPart_RequestSyntax)**

Object key for which the multipart upload was initiated.

Required: Yes

**[partNumber](#API_UploadPart_RequestSyntax)**

Part number of part being uploaded.

Required: Yes

## Errors

**InvalidObjectState**

Object is archived and inaccessible until restored. The error body names the storage class:

```
<Error>
  <Code>InvalidObjectState</Code>
  <Message>The operation is not valid for the object's storage class</Message>
  <StorageClass>GLACIER</StorageClass>
  <RequestId>9FEFFF118E15B86F</RequestId>
</Error>
```

HTTP Status Code: 403
"#;

    const PUT_BUCKET_ACCELERATE_CONFIGURATION: &str = r#"# PutBucketAccelerateConfiguration

Sets the accelerate configuration of an existing bucket.

## Request Syntax

```nohighlight

PUT /?accelerate HTTP/1.1
Host: Bucket.s3.amazonaws.com
<?xml version="1.0" encoding="UTF-8"?>
<AccelerateConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
   <Status>string</Status>
</AccelerateConfiguration>
```

## URI Request Parameters

**[Bucket](#API_PutBucketAccelerateConfiguration_RequestSyntax)**

The name of the bucket.

Required: Yes

## Request Body

The request accepts the following data in XML format.

**[AccelerateConfiguration](#API_PutBucketAccelerateConfiguration_RequestSyntax)**

Root level tag for the AccelerateConfiguration parameters.

Required: Yes

**[Status](#API_PutBucketAccelerateConfiguration_RequestSyntax)**

Specifies the transfer acceleration status of the bucket.

Type: String

Required: No
"#;

    const PART: &str = "# Part\n\nContainer for elements related to a part.\n\n## Contents\n\n**PartNumber**\n\nPart number identifying the part.\n\nType: Integer\n\nRequired: No\n\n**Size**\n\nSize in bytes of the uploaded part data.\n\nType: Long\n\nRequired: No\n";
    const ACCELERATE_CONFIGURATION: &str = "# AccelerateConfiguration\n\nConfigures the transfer acceleration state for an Amazon S3 bucket.\n\n## Contents\n\n**Status**\n\nSpecifies the transfer acceleration status of the bucket.\n\nType: String\n\nRequired: No\n";

    /// rest-xml: numbers no page types take the width pages give that name, else their
    /// kind's (sizes apart); a payload structure takes the name of the data-type page named
    /// as its root element; an error document shows an error's members.
    #[test]
    fn rest_xml_widths_payload_names_and_error_documents() {
        let mut s = service("s3");
        operation(&mut s, "UploadPart", Some("UploadPartRequest"), None, &["InvalidObjectState"]);
        operation(&mut s, "ListParts", Some("ListPartsRequest"), Some("ListPartsOutput"), &[]);
        operation(&mut s, "PutBucketAccelerateConfiguration", Some("PutBucketAccelerateConfigurationRequest"), None, &[]);
        structure(&mut s, "UploadPartRequest", &[("Bucket", "String"), ("ContentLength", "Long"), ("Key", "String"), ("PartNumber", "Long")]);
        shape(&mut s, "InvalidObjectState", ShapeKind::Structure(Structure { exception: true, ..Default::default() }));
        structure(&mut s, "ListPartsRequest", &[("Bucket", "String"), ("MaxParts", "Long")]);
        structure(&mut s, "ListPartsOutput", &[("Parts", "Parts"), ("StorageClass", "String")]);
        list(&mut s, "Parts", "ListPartsPart");
        structure(&mut s, "ListPartsPart", &[("PartNumber", "Long"), ("Size", "Long")]);
        structure(&mut s, "PutBucketAccelerateConfigurationRequest", &[("AccelerateConfiguration", "PutBucketAccelerateConfigurationAccelerateConfiguration"), ("Bucket", "String")]);
        structure(&mut s, "PutBucketAccelerateConfigurationAccelerateConfiguration", &[("Status", "String")]);
        let pages = pages(&[
            ("s3/reference/API_UploadPart.md", UPLOAD_PART),
            ("s3/reference/API_PutBucketAccelerateConfiguration.md", PUT_BUCKET_ACCELERATE_CONFIGURATION),
            ("s3/reference/API_Part.md", PART),
            ("s3/reference/API_AccelerateConfiguration.md", ACCELERATE_CONFIGURATION),
        ]);
        // No sample request shows the host here.
        let facts = WireFacts { endpoint_prefix: Some("s3".into()), ..Default::default() };
        apply(&mut s, &pages, Some(&facts));
        let target = |owner: &str, m: &str| member(&s, owner, m).target.clone();
        assert_eq!(target("UploadPartRequest", "PartNumber"), "Integer", "`Part`'s page types `PartNumber`");
        assert_eq!(target("UploadPartRequest", "ContentLength"), "Long", "a size: sizes are Long on these pages");
        assert_eq!(target("ListPartsRequest", "MaxParts"), "Integer", "the other numbers are Integer on these pages");
        // (The one structure with exactly `Part`'s members takes its name and widths.)
        assert_eq!((target("Part", "PartNumber"), target("Part", "Size")), ("Integer".to_string(), "Long".to_string()));
        let uri = s.operations["UploadPart"].http.as_ref().map(|h| h.uri.clone());
        assert_eq!(uri.as_deref(), Some("/{Bucket}/{Key+}"));
        assert!(s.shapes.contains_key("AccelerateConfiguration"), "{:?}", s.shapes.keys());
        assert_eq!(target("PutBucketAccelerateConfigurationRequest", "AccelerateConfiguration"), "AccelerateConfiguration");
        let ShapeKind::Structure(error) = &s.shapes["InvalidObjectState"].kind else { panic!() };
        let members: Vec<&str> = error.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!((members.as_slice(), error.error_status, error.error_code.as_deref()), (["StorageClass"].as_slice(), Some(403), None));
    }
}
