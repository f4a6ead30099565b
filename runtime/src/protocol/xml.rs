//! XML for the query, ec2 and rest-xml protocols: a small element tree read with quick-xml
//! ([`parse`]), the schema-directed conversion of an element to the output JSON
//! ([`decode`], [`decode_members`]) or, without a schema, a plain one ([`generic`]), and the
//! writer of rest-xml request documents ([`write_document`]).
//!
//! The rules are botocore's (`parsers.py`, `serialize.py`): element names are the member's
//! `xml_name`, else its name; namespaces are ignored when matching names; a wrapped list's
//! items are all the wrapper's child elements, whatever their name; a flattened list is the
//! repeated elements themselves; maps are `entry` elements of `key`/`value` (or their
//! `xml_name`s). Scalars are typed by the schema: integers, floats and booleans become JSON
//! numbers and booleans, timestamps stay ISO 8601 strings (which `DateTime`'s `FromJson`
//! reads), blobs stay base64 strings.

use std::fmt;

use aws_smithy_types::date_time::{DateTime as SmithyDateTime, Format};
use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{Map, Value};

use super::kind_of;
use crate::schema::{Member, Shape, XmlNamespace};

/// How deeply elements may nest: deeper documents are refused rather than risk the stack
/// (AWS's responses nest a dozen levels at most).
pub const MAX_DEPTH: usize = 100;

/// An element: its local name, attributes, child elements and text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// The name without namespace prefix: `Error` for `<s3:Error>`.
    pub name: String,
    /// Attributes as written (`xsi:type`, `xmlns:xsi`), values unescaped.
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The element's own text and CDATA, concatenated, entities resolved.
    pub text: String,
}

impl Element {
    /// The first child element of that (local) name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The child elements of that (local) name, in document order.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child of that name.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// An attribute by its name as written, else by its local name (`xsi:type` also finds
    /// `x:type` when the document chose another prefix).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        let local = |n: &str| n.rsplit(':').next().unwrap_or(n).to_string();
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .or_else(|| {
                let wanted = local(name);
                self.attributes
                    .iter()
                    .filter(|(k, _)| !k.starts_with("xmlns"))
                    .find(|(k, _)| local(k) == wanted)
            })
            .map(|(_, v)| v.as_str())
    }
}

/// Reads a document into its root element. Refuses anything that is not one well-formed
/// element (text or a second element beside the root, unclosed or mismatched tags, unknown
/// entities, nesting deeper than [`MAX_DEPTH`], bytes that are not UTF-8).
pub fn parse(body: &[u8]) -> Result<Element, String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("the XML is not UTF-8: {e}"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
        let is_empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(start) | Event::Empty(start) => {
                if stack.is_empty() && root.is_some() {
                    return Err("a second element after the root element".to_string());
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("elements nested deeper than {MAX_DEPTH} levels"));
                }
                let mut element = Element {
                    name: start.local_name().as_ref().to_string(),
                    ..Element::default()
                };
                for attribute in start.attributes() {
                    let attribute = attribute
                        .map_err(|e| format!("malformed attribute in <{}>: {e}", element.name))?;
                    let value = attribute
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| {
                            format!("malformed attribute value in <{}>: {e}", element.name)
                        })?;
                    element
                        .attributes
                        .push((attribute.key.as_ref().to_string(), value.into_owned()));
                }
                if is_empty {
                    attach(&mut stack, &mut root, element);
                } else {
                    stack.push(element);
                }
            }
            Event::End(_) => {
                // quick-xml checks that the end tag matches its start tag.
                let element = stack
                    .pop()
                    .ok_or_else(|| "an end tag without a start tag".to_string())?;
                attach(&mut stack, &mut root, element);
            }
            Event::Text(text) => {
                let content = text.xml10_content();
                push_text(&mut stack, &content)?;
            }
            Event::CData(cdata) => {
                let content = cdata.xml10_content();
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&content),
                    None => return Err("CDATA outside the root element".to_string()),
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference
                    .resolve_char_ref()
                    .map_err(|e| format!("bad character reference &{};: {e}", &*reference))?
                {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&reference)
                        .ok_or_else(|| format!("unknown entity &{};", &*reference))?
                        .to_string(),
                };
                push_text(&mut stack, &resolved)?;
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(format!("the document ends inside <{}>", open.name));
    }
    root.ok_or_else(|| "no root element".to_string())
}

fn attach(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

fn push_text(stack: &mut [Element], text: &str) -> Result<(), String> {
    match stack.last_mut() {
        Some(top) => {
            top.text.push_str(text);
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err(format!(
            "text outside the root element: {:?}",
            text.chars().take(40).collect::<String>()
        )),
    }
}

// ---------------------------------------------------------------------------------------
// Element → JSON

/// Why an element does not fit its shape, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Element names from the decoded element down to the offending one.
    pub path: Vec<String>,
    pub message: String,
}

impl DecodeError {
    fn new(message: impl Into<String>) -> Self {
        DecodeError {
            path: Vec::new(),
            message: message.into(),
        }
    }

    fn within(mut self, name: &str) -> Self {
        self.path.insert(0, name.to_string());
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "<{}>: {}", self.path.join("/"), self.message)
        }
    }
}

/// The element's value as the JSON of `shape`; `Null` for an empty element of a non-string
/// scalar (`<MaxItems/>`), which the caller leaves out.
pub fn decode(shape: &Shape, element: &Element) -> Result<Value, DecodeError> {
    match shape {
        Shape::Structure(members) => decode_members(members, element, |_| false).map(Value::Object),
        Shape::List(list) => element
            .children
            .iter()
            .map(|item| decode(list.member.shape, item).map_err(|e| e.within(&item.name)))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        Shape::Map(map) => {
            let mut out = Map::new();
            for entry in &element.children {
                decode_entry(&map.key, &map.value, entry, &mut out)
                    .map_err(|e| e.within(&entry.name))?;
            }
            Ok(Value::Object(out))
        }
        scalar => decode_scalar(scalar, &element.text),
    }
}

/// A structure's members from the element's children and attributes; members for which
/// `skip` answers true (rest-xml's header-bound members) are not looked for.
pub fn decode_members(
    members: &[Member],
    element: &Element,
    skip: impl Fn(&str) -> bool,
) -> Result<Map<String, Value>, DecodeError> {
    let mut out = Map::new();
    for member in members.iter().filter(|m| !skip(m.name)) {
        if member.attribute {
            if let Some(text) = element.attribute(member.wire_name()) {
                let value =
                    decode_scalar(member.shape, text).map_err(|e| e.within(member.wire_name()))?;
                insert(&mut out, member.name, value);
            }
            continue;
        }
        let name = read_name(member);
        let value = match member.shape {
            Shape::List(list) if member.flattened || list.flattened => {
                let items: Vec<&Element> = element.children_named(name).collect();
                if items.is_empty() {
                    continue;
                }
                items
                    .into_iter()
                    .map(|item| decode(list.member.shape, item).map_err(|e| e.within(name)))
                    .collect::<Result<Vec<_>, _>>()
                    .map(Value::Array)?
            }
            Shape::Map(map) if member.flattened || map.flattened => {
                let mut entries = element.children_named(name).peekable();
                if entries.peek().is_none() {
                    continue;
                }
                let mut object = Map::new();
                for entry in entries {
                    decode_entry(&map.key, &map.value, entry, &mut object)
                        .map_err(|e| e.within(name))?;
                }
                Value::Object(object)
            }
            shape => match element.child(name) {
                Some(child) => decode(shape, child).map_err(|e| e.within(name))?,
                None => continue,
            },
        };
        insert(&mut out, member.name, value);
    }
    Ok(out)
}

fn insert(out: &mut Map<String, Value>, name: &str, value: Value) {
    if !value.is_null() {
        out.insert(name.to_string(), value);
    }
}

/// The element name a member is read from: a flattened list's items carry the list
/// member's name when it has one (botocore's `_member_key_name`).
fn read_name(member: &Member) -> &'static str {
    match member.shape {
        Shape::List(list) if member.flattened || list.flattened => {
            list.member.xml_name.unwrap_or_else(|| member.wire_name())
        }
        _ => member.wire_name(),
    }
}

fn decode_entry(
    key: &Member,
    value: &Member,
    entry: &Element,
    out: &mut Map<String, Value>,
) -> Result<(), DecodeError> {
    let key_name = key.xml_name.unwrap_or("key");
    let value_name = value.xml_name.unwrap_or("value");
    let Some(key_element) = entry.child(key_name) else {
        return Ok(());
    };
    let key_text = match decode(key.shape, key_element).map_err(|e| e.within(key_name))? {
        Value::String(s) => s,
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let decoded = match entry.child(value_name) {
        Some(v) => decode(value.shape, v).map_err(|e| e.within(value_name))?,
        None => Value::Null,
    };
    out.insert(key_text, decoded);
    Ok(())
}

fn decode_scalar(shape: &Shape, text: &str) -> Result<Value, DecodeError> {
    let trimmed = text.trim();
    // An empty element of a typed scalar carries no value (strings keep their empty text).
    if trimmed.is_empty() && !matches!(shape, Shape::String | Shape::Document) {
        return Ok(Value::Null);
    }
    let expected =
        |what: &str| DecodeError::new(format!("expected {what}, got `{}`", truncate(trimmed)));
    match shape {
        Shape::String | Shape::Document => Ok(Value::String(text.to_string())),
        Shape::Boolean => match trimmed {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(expected("true or false")),
        },
        Shape::Integer | Shape::Long => trimmed
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| trimmed.parse::<u64>().map(Value::from))
            .map_err(|_| expected("an integer")),
        Shape::Float | Shape::Double => match trimmed.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::from(f)),
            // The JSON values spell the non-finite floats as strings.
            Ok(f) if f.is_nan() => Ok(Value::from("NaN")),
            Ok(f) if f > 0.0 => Ok(Value::from("Infinity")),
            Ok(_) => Ok(Value::from("-Infinity")),
            Err(_) => Err(expected("a number")),
        },
        Shape::Timestamp => {
            // An HTTP date (rare in bodies) becomes ISO 8601, which `DateTime` reads.
            if let Ok(time) = SmithyDateTime::from_str(trimmed, Format::HttpDate) {
                if let Ok(iso) = time.fmt(Format::DateTime) {
                    return Ok(Value::String(iso));
                }
            }
            Ok(Value::String(trimmed.to_string()))
        }
        // Base64 may be wrapped over lines.
        Shape::Blob => Ok(Value::String(trimmed.split_ascii_whitespace().collect())),
        Shape::Structure(_) | Shape::List(_) | Shape::Map(_) => {
            Err(DecodeError::new("expected an aggregate shape"))
        }
    }
}

fn truncate(text: &str) -> String {
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text.to_string()
    }
}

/// The element without a schema: text for a leaf, an object of the children for the rest,
/// repeated names gathered into an array (botocore's `_replace_nodes`). Error bodies are
/// read this way: [`crate::ServiceError::fields`].
pub fn generic(element: &Element) -> Value {
    if element.children.is_empty() {
        return Value::String(element.text.clone());
    }
    let mut out = Map::new();
    for child in &element.children {
        let value = generic(child);
        match out.get_mut(&child.name) {
            // `generic` never answers an array, so an array here holds the earlier repeats.
            Some(Value::Array(items)) => items.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
            None => {
                out.insert(child.name.clone(), value);
            }
        }
    }
    Value::Object(out)
}

// ---------------------------------------------------------------------------------------
// JSON → XML

/// A request document: `value` as an element `root` of `shape`, with its namespace.
pub fn write_document(
    root: &str,
    namespace: Option<XmlNamespace>,
    shape: &Shape,
    value: &Value,
) -> Result<String, String> {
    let mut out = String::new();
    write_value(&mut out, root, namespace, shape, value, 0)?;
    Ok(out)
}

/// A structure's members as the document `root` (rest-xml's input without payload member);
/// members for which `skip` answers true travel elsewhere (labels, query, headers).
pub fn write_members_document(
    root: &str,
    namespace: Option<XmlNamespace>,
    members: &[Member],
    value: &Map<String, Value>,
    skip: impl Fn(&str) -> bool,
) -> Result<String, String> {
    let mut out = String::new();
    write_structure(&mut out, root, namespace, members, value, &skip, 0)?;
    Ok(out)
}

fn open_tag(out: &mut String, name: &str, namespace: Option<XmlNamespace>) {
    out.push('<');
    out.push_str(name);
    if let Some(ns) = namespace {
        write_namespace(out, ns);
    }
}

fn write_namespace(out: &mut String, ns: XmlNamespace) {
    out.push_str(" xmlns");
    if let Some(prefix) = ns.prefix {
        out.push(':');
        out.push_str(prefix);
    }
    out.push_str("=\"");
    escape_into(out, ns.uri, true);
    out.push('"');
}

fn close_tag(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn write_structure(
    out: &mut String,
    name: &str,
    namespace: Option<XmlNamespace>,
    members: &[Member],
    value: &Map<String, Value>,
    skip: &dyn Fn(&str) -> bool,
    depth: usize,
) -> Result<(), String> {
    for (key, item) in value {
        if !item.is_null() && !members.iter().any(|m| m.name == key) && !skip(key) {
            return Err(format!("<{name}> has no member `{key}`"));
        }
    }
    let present = |m: &&Member| !skip(m.name) && value.get(m.name).is_some_and(|v| !v.is_null());
    open_tag(out, name, namespace);
    for member in members.iter().filter(|m| m.attribute).filter(present) {
        let text = scalar_text(member.shape, &value[member.name])
            .map_err(|e| format!("{name}.{}: {e}", member.name))?;
        out.push(' ');
        out.push_str(member.wire_name());
        out.push_str("=\"");
        escape_into(out, &text, true);
        out.push('"');
    }
    out.push('>');
    for member in members.iter().filter(|m| !m.attribute).filter(present) {
        write_member(out, member, &value[member.name], depth + 1)
            .map_err(|e| format!("{name}.{e}"))?;
    }
    close_tag(out, name);
    Ok(())
}

/// One member of a structure: its element, or for a flattened list or map its repeated
/// elements, all named as the member (botocore's serializer).
fn write_member(
    out: &mut String,
    member: &Member,
    value: &Value,
    depth: usize,
) -> Result<(), String> {
    let name = member.wire_name();
    let located = |e: String| format!("{}: {e}", member.name);
    match member.shape {
        Shape::List(list) if member.flattened || list.flattened => {
            let items = value
                .as_array()
                .ok_or_else(|| located(format!("expected an array, got {}", kind_of(value))))?;
            for item in items.iter().filter(|v| !v.is_null()) {
                write_value(
                    out,
                    name,
                    member.namespace,
                    list.member.shape,
                    item,
                    depth + 1,
                )
                .map_err(located)?;
            }
            Ok(())
        }
        Shape::Map(map) if member.flattened || map.flattened => {
            let entries = value
                .as_object()
                .ok_or_else(|| located(format!("expected an object, got {}", kind_of(value))))?;
            for (key, item) in entries.iter().filter(|(_, v)| !v.is_null()) {
                open_tag(out, name, member.namespace);
                out.push('>');
                write_entry(out, map, key, item, depth + 1).map_err(located)?;
                close_tag(out, name);
            }
            Ok(())
        }
        shape => write_value(out, name, member.namespace, shape, value, depth).map_err(located),
    }
}

fn write_entry(
    out: &mut String,
    map: &crate::schema::MapShape,
    key: &str,
    value: &Value,
    depth: usize,
) -> Result<(), String> {
    write_value(
        out,
        map.key.xml_name.unwrap_or("key"),
        map.key.namespace,
        map.key.shape,
        &Value::String(key.to_string()),
        depth,
    )?;
    write_value(
        out,
        map.value.xml_name.unwrap_or("value"),
        map.value.namespace,
        map.value.shape,
        value,
        depth,
    )
}

fn write_value(
    out: &mut String,
    name: &str,
    namespace: Option<XmlNamespace>,
    shape: &Shape,
    value: &Value,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    match shape {
        Shape::Structure(members) => {
            let object = value
                .as_object()
                .ok_or_else(|| format!("expected an object, got {}", kind_of(value)))?;
            write_structure(out, name, namespace, members, object, &|_| false, depth)
        }
        Shape::List(list) => {
            let items = value
                .as_array()
                .ok_or_else(|| format!("expected an array, got {}", kind_of(value)))?;
            let item_name = list.member.xml_name.unwrap_or("member");
            open_tag(out, name, namespace);
            out.push('>');
            for item in items.iter().filter(|v| !v.is_null()) {
                write_value(
                    out,
                    item_name,
                    list.member.namespace,
                    list.member.shape,
                    item,
                    depth + 1,
                )?;
            }
            close_tag(out, name);
            Ok(())
        }
        Shape::Map(map) => {
            let entries = value
                .as_object()
                .ok_or_else(|| format!("expected an object, got {}", kind_of(value)))?;
            open_tag(out, name, namespace);
            out.push('>');
            for (key, item) in entries.iter().filter(|(_, v)| !v.is_null()) {
                out.push_str("<entry>");
                write_entry(out, map, key, item, depth + 1)?;
                out.push_str("</entry>");
            }
            close_tag(out, name);
            Ok(())
        }
        scalar => {
            let text = scalar_text(scalar, value)?;
            open_tag(out, name, namespace);
            out.push('>');
            escape_into(out, &text, false);
            close_tag(out, name);
            Ok(())
        }
    }
}

/// A scalar of the input JSON as query and XML write it: `true`/`false`, numbers as JSON
/// writes them (non-finite floats as `NaN`/`Infinity`/`-Infinity`), timestamps ISO 8601,
/// blobs base64 (as the JSON holds them), documents as JSON text.
pub(crate) fn scalar_text(shape: &Shape, value: &Value) -> Result<String, String> {
    match (shape, value) {
        (Shape::Timestamp, value) => super::binding::timestamp_text(value, Format::DateTime),
        (Shape::Boolean, Value::Bool(b)) => Ok(b.to_string()),
        (Shape::Boolean, Value::String(s)) if s == "true" || s == "false" => Ok(s.clone()),
        (Shape::Document, value) => Ok(match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }),
        (Shape::Structure(_) | Shape::List(_) | Shape::Map(_), other) => Err(format!(
            "expected a structure, list or map, got {}",
            kind_of(other)
        )),
        (_, Value::String(s)) => Ok(s.clone()),
        (_, Value::Number(n)) => Ok(n.to_string()),
        (_, Value::Bool(b)) => Ok(b.to_string()),
        (_, other) => Err(format!("expected a scalar, got {}", kind_of(other))),
    }
}

/// Escapes text (`&`, `<`, `>`, and CR, which parsers would drop) or an attribute value
/// (also `"`, and the whitespace that attribute normalisation would turn into spaces).
fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#xA;"),
            '\t' if attribute => out.push_str("&#x9;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{
        ListShape, MapShape, BLOB, BOOLEAN, DOUBLE, INTEGER, LONG, STRING, TIMESTAMP,
    };
    use serde_json::json;

    #[test]
    fn parses_elements_attributes_text_and_entities() {
        let root = parse(
            b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c --><a:Root xmlns:a=\"urn:x\" k=\"v&amp;w\"><B>x &lt; y &#65;&#x42;<![CDATA[<raw>]]></B><C/></a:Root>\n",
        )
        .unwrap();
        assert_eq!(root.name, "Root");
        assert_eq!(root.attribute("k"), Some("v&w"));
        assert_eq!(root.attribute("xmlns:a"), Some("urn:x"));
        assert_eq!(root.child_text("B"), Some("x < y AB<raw>"));
        assert_eq!(root.child("C").map(|c| c.text.as_str()), Some(""));
    }

    #[test]
    fn refuses_malformed_documents() {
        for (body, why) in [
            (&b""[..], "no root"),
            (b"<a>", "ends inside"),
            (b"<a></b>", "malformed"),
            (b"<a/><b/>", "second element"),
            (b"text<a/>", "outside"),
            (b"{}", "outside"),
            (b"<a/>tail", "outside"),
            (b"<a>&nope;</a>", "unknown entity"),
            (b"<a>&#0;</a>", "character reference"),
            (b"<a>\xff</a>", "UTF-8"),
            (b"<a x=\"1\" x=\"2\"/>", "attribute"),
        ] {
            let err = parse(body).unwrap_err();
            assert!(err.contains(why), "{body:?}: {err}");
        }
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert!(parse(deep.as_bytes()).unwrap_err().contains("deeper"));
        let ok = format!("{}{}", "<a>".repeat(MAX_DEPTH), "</a>".repeat(MAX_DEPTH));
        assert!(parse(ok.as_bytes()).is_ok());
    }

    static NODE: Shape = Shape::Structure(&[
        Member::new("Name", &STRING),
        Member {
            xml_name: Some("kids"),
            ..Member::new("Children", &NODES)
        },
    ]);
    static NODES: Shape = Shape::List(&ListShape {
        member: Member::new("member", &NODE),
        flattened: false,
    });
    static TAGS: Shape = Shape::Map(&MapShape {
        key: Member {
            xml_name: Some("K"),
            ..Member::new("key", &STRING)
        },
        value: Member {
            xml_name: Some("V"),
            ..Member::new("value", &INTEGER)
        },
        flattened: false,
    });
    static FLAT_ITEMS: Shape = Shape::List(&ListShape {
        member: Member::new("member", &STRING),
        flattened: true,
    });
    static NAMED_FLAT: Shape = Shape::List(&ListShape {
        member: Member {
            xml_name: Some("Item"),
            ..Member::new("member", &LONG)
        },
        flattened: true,
    });
    static FLAT_MAP: Shape = Shape::Map(&MapShape {
        key: Member::new("key", &STRING),
        value: Member::new("value", &STRING),
        flattened: true,
    });
    static OUTPUT: Shape = Shape::Structure(&[
        Member::new("Tree", &NODE),
        Member::new("Tags", &TAGS),
        Member::new("Flat", &FLAT_ITEMS),
        Member::new("Numbers", &NAMED_FLAT),
        Member::new("Attrs", &FLAT_MAP),
        Member::new("When", &TIMESTAMP),
        Member::new("Data", &BLOB),
        Member::new("Ratio", &DOUBLE),
        Member::new("On", &BOOLEAN),
        Member::new("Count", &INTEGER),
        Member {
            xml_name: Some("xsi:type"),
            attribute: true,
            ..Member::new("Type", &STRING)
        },
    ]);

    #[test]
    fn decodes_by_schema() {
        let root = parse(
            br#"<Out xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group">
              <Tree><Name>root</Name><kids><member><Name>a</Name><kids/></member><anything><Name>b</Name></anything></kids></Tree>
              <Tags><entry><K>x</K><V>1</V></entry><entry><K>y</K><V> 2 </V></entry></Tags>
              <Flat>one</Flat><Other/><Flat>two</Flat>
              <Item>7</Item><Item>-8</Item>
              <Attrs><key>k</key><value>v</value></Attrs>
              <When>2024-01-01T00:00:00.000Z</When>
              <Data>aGVs
                bG8=</Data>
              <Ratio>NaN</Ratio><On>true</On><Count></Count><Unknown>ignored</Unknown>
            </Out>"#,
        )
        .unwrap();
        assert_eq!(
            decode(&OUTPUT, &root).unwrap(),
            json!({
                "Tree": {"Name": "root", "Children": [{"Name": "a", "Children": []}, {"Name": "b"}]},
                "Tags": {"x": 1, "y": 2},
                "Flat": ["one", "two"],
                "Numbers": [7, -8],
                "Attrs": {"k": "v"},
                "When": "2024-01-01T00:00:00.000Z",
                "Data": "aGVsbG8=",
                "Ratio": "NaN",
                "On": true,
                "Type": "Group",
            })
        );
    }

    #[test]
    fn decode_errors_name_the_element_and_expectation() {
        let root = parse(b"<Out><Tree><kids><member><Name>a</Name><kids><x><Name/></x></kids></member></kids></Tree><Count>many</Count></Out>").unwrap();
        let err = decode(&OUTPUT, &root).unwrap_err();
        assert_eq!(err.to_string(), "<Count>: expected an integer, got `many`");
        let root = parse(b"<Out><Tags><entry><K>x</K><V>1.5</V></entry></Tags></Out>").unwrap();
        assert_eq!(
            decode(&OUTPUT, &root).unwrap_err().to_string(),
            "<Tags/entry/V>: expected an integer, got `1.5`"
        );
        let root = parse(b"<Out><On>yes</On></Out>").unwrap();
        assert!(decode(&OUTPUT, &root)
            .unwrap_err()
            .to_string()
            .contains("true or false"));
    }

    #[test]
    fn generic_gathers_repeats() {
        let root = parse(b"<Error><Code>X</Code><Key>a</Key><Key>b</Key><Key>c</Key><Nested><A>1</A></Nested></Error>").unwrap();
        assert_eq!(
            generic(&root),
            json!({"Code": "X", "Key": ["a", "b", "c"], "Nested": {"A": "1"}})
        );
    }

    static GRANTEE: Shape = Shape::Structure(&[
        Member {
            xml_name: Some("xsi:type"),
            attribute: true,
            ..Member::new("Type", &STRING)
        },
        Member::new("ID", &STRING),
    ]);
    static GRANT: Shape = Shape::Structure(&[
        Member {
            namespace: Some(XmlNamespace {
                prefix: Some("xsi"),
                uri: "http://www.w3.org/2001/XMLSchema-instance",
            }),
            ..Member::new("Grantee", &GRANTEE)
        },
        Member::new("Permission", &STRING),
    ]);
    static GRANTS: Shape = Shape::List(&ListShape {
        member: Member {
            xml_name: Some("Grant"),
            ..Member::new("member", &GRANT)
        },
        flattened: false,
    });
    static DOC: Shape = Shape::Structure(&[
        Member {
            xml_name: Some("AccessControlList"),
            ..Member::new("Grants", &GRANTS)
        },
        Member::new("Tags", &TAGS),
        Member::new("Flat", &FLAT_ITEMS),
        Member::new("Attrs", &FLAT_MAP),
        Member::new("When", &TIMESTAMP),
        Member::new("On", &BOOLEAN),
        Member::new("Ratio", &DOUBLE),
        Member::new("Text", &STRING),
    ]);

    #[test]
    fn writes_documents_in_schema_order() {
        let value = json!({
            "Text": "a<b & \"c\"\r",
            "On": false,
            "Ratio": 1.5,
            "When": 1704067200,
            "Attrs": {"k": "v"},
            "Flat": ["x", "y"],
            "Tags": {"t": 1},
            "Grants": [{"Permission": "READ", "Grantee": {"ID": "abc", "Type": "CanonicalUser"}}],
            "Skipped": null,
        });
        let doc = write_document(
            "Doc",
            Some(XmlNamespace {
                prefix: None,
                uri: "http://s3.amazonaws.com/doc/2006-03-01/",
            }),
            &DOC,
            &value,
        )
        .unwrap();
        assert_eq!(
            doc,
            "<Doc xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><AccessControlList><Grant>\
             <Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"><ID>abc</ID></Grantee>\
             <Permission>READ</Permission></Grant></AccessControlList>\
             <Tags><entry><K>t</K><V>1</V></entry></Tags><Flat>x</Flat><Flat>y</Flat>\
             <Attrs><key>k</key><value>v</value></Attrs><When>2024-01-01T00:00:00Z</When>\
             <On>false</On><Ratio>1.5</Ratio><Text>a&lt;b &amp; \"c\"&#xD;</Text></Doc>"
        );
        // What was written reads back.
        let back = decode(&DOC, &parse(doc.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            back["Grants"][0]["Grantee"],
            json!({"ID": "abc", "Type": "CanonicalUser"})
        );
        assert_eq!(back["Text"], json!("a<b & \"c\"\r"));

        let err = write_document("Doc", None, &DOC, &json!({"Nope": 1})).unwrap_err();
        assert!(err.contains("no member `Nope`"), "{err}");
        let err = write_document("Doc", None, &DOC, &json!({"Flat": "x"})).unwrap_err();
        assert!(err.contains("Flat: expected an array"), "{err}");
    }
}
