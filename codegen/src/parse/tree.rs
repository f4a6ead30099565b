//! Merges a syntax literal with its field list into one [`page::Node`] tree.
//!
//! The two halves of a boto3 method page complement each other: the literal (see
//! [`crate::parse::syntax`]) gives member names, order, nesting, enum values and double-versus-float;
//! the field list gives docs, `[REQUIRED]`, union notes, the special types (document,
//! streaming, event stream) and tells a map (unnamed key entry) from a structure. Every page
//! form builds [`FieldEntry`] trees and calls [`build_body`], so the merge rules live here
//! once.
//!
//! Calling convention, the same for both sides of an operation:
//! * a [`LiteralValue::Call`] (request) takes `fields` = the top-level parameters
//!   (`:param` entries); the result is the input structure;
//! * any other literal (response `{…}`) takes `fields` = the single unnamed root entry that
//!   documents the literal (`- *(dict) --*`); the result is that root.
//!
//! An empty `fields` means the page documents nothing for this literal (the field list was
//! cut as "too large to render"); the tree then comes from the literal alone, without
//! warnings.
//!
//! Disagreements become warnings (`file:line`): a member in only one of the two, a type word
//! that does not fit the literal, an unknown type word where the literal still types the
//! node. An unknown type word on a member only the field list has leaves nothing to type it
//! by, so that is an error.

use std::path::Path;

use crate::parse::page::{self, Diagnostic, Field, Node, NodeType};
use crate::parse::syntax::{Entry, Literal, LiteralValue, MAX_DEPTH};

/// One `:param`/`:type` entry or one `- **Name** *(type) --*` bullet, form-neutral (plain
/// text and changelog pages build these too).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldEntry {
    /// `None` for unnamed bullets (list element, map key, response root).
    pub name: Option<String>,
    /// `string`, `dict`, `list`, `integer`, ``:ref:`document<document>` ``,
    /// `bytes or seekable file-like object`, ``:class:`.StreamingBody` ``, `JSON serializable`,
    /// …; plain-text spellings (`document`, `StreamingBody`, `EventStream`) are accepted too.
    pub type_text: String,
    pub required: bool,
    /// Markdown, already converted.
    pub docs: String,
    /// From a "This is a Tagged Union structure … keys …" note.
    pub union_keys: Option<Vec<String>>,
    pub line: u32,
    pub children: Vec<FieldEntry>,
}

/// The sentence botocore appends to idempotency-token members.
pub const IDEMPOTENCY_NOTE: &str = "This field is autopopulated if not provided.";

/// Builds the tree for a request (`literal` is a call) or a response (`literal` is the dict);
/// see the module docs for what `fields` holds in each case.
pub fn build_body(literal: &Literal, fields: &[FieldEntry], file: &Path, warnings: &mut Vec<Diagnostic>) -> Result<Node, Diagnostic> {
    build_body_owned(literal.clone(), fields.to_vec(), file, warnings)
}

/// [`build_body`] taking the literal and the field entries by value, so names, enum values
/// and docs move into the tree instead of being copied (the page parsers own both).
pub fn build_body_owned(literal: Literal, mut fields: Vec<FieldEntry>, file: &Path, warnings: &mut Vec<Diagnostic>) -> Result<Node, Diagnostic> {
    let mut cx = Cx { file, warnings };
    match literal.value {
        LiteralValue::Call(entries) => {
            let documented = !fields.is_empty();
            let members = cx.members(entries, &mut fields, documented, literal.line, 0)?;
            Ok(Node::new(NodeType::Structure { members, union: false }, literal.line))
        }
        value => {
            let literal = Literal { value, line: literal.line };
            if fields.len() > 1 {
                let line = fields.get(1).map_or(literal.line, |f| f.line);
                cx.warn(line, format!("expected one root entry documenting the response, found {}", fields.len()));
            }
            let root = fields.first_mut();
            if let Some(FieldEntry { name: Some(n), line, .. }) = root.as_deref() {
                let (n, line) = (n.clone(), *line);
                cx.warn(line, format!("the response's root entry should be unnamed, found `{n}`"));
            }
            cx.node(literal, root, 0)
        }
    }
}

/// What a field list's type text says, in the vocabulary of boto3's docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeWord {
    String,
    /// Structure or map.
    Dict,
    List,
    /// Integer or long.
    Integer,
    Boolean,
    Datetime,
    /// Double or float.
    Float,
    Bytes,
    Document,
    /// `bytes or seekable file-like object`.
    StreamingInput,
    /// ``:class:`.StreamingBody` ``.
    StreamingBody,
    /// ``:class:`.EventStream` ``.
    EventStream,
    /// `JSON serializable` (a `jsonvalue` header).
    JsonValue,
    /// s3 `CopySource`: `str or dict`.
    StrOrDict,
    /// DynamoDB resource pages: `valid DynamoDB type`.
    DynamoDbValue,
    /// DynamoDB resource pages: `condition from :py:class:`boto3.dynamodb.conditions.Key` method`.
    Condition,
}

impl TypeWord {
    /// Classifies a type text; `None` for a word outside the docs' vocabulary.
    pub fn parse(text: &str) -> Option<TypeWord> {
        // `(*dict*) --` (cloudformation GetTemplate) italicizes the word itself.
        let t = text.trim().trim_matches('*').trim();
        Some(match t {
            "string" => TypeWord::String,
            "dict" => TypeWord::Dict,
            "list" => TypeWord::List,
            "integer" => TypeWord::Integer,
            "boolean" => TypeWord::Boolean,
            "datetime" => TypeWord::Datetime,
            "float" => TypeWord::Float,
            "bytes" => TypeWord::Bytes,
            ":ref:`document<document>`" | "document" => TypeWord::Document,
            "bytes or seekable file-like object" => TypeWord::StreamingInput,
            ":class:`.StreamingBody`" | ".StreamingBody" | "StreamingBody" => TypeWord::StreamingBody,
            ":class:`.EventStream`" | ".EventStream" | "EventStream" => TypeWord::EventStream,
            "JSON serializable" => TypeWord::JsonValue,
            "str or dict" => TypeWord::StrOrDict,
            "valid DynamoDB type" => TypeWord::DynamoDbValue,
            _ if t.starts_with("condition from ") && t.contains("boto3.dynamodb.conditions.") => TypeWord::Condition,
            _ => return None,
        })
    }

    /// Whether a literal of this kind fits the type word.
    fn accepts(self, v: &LiteralValue) -> bool {
        use LiteralValue as L;
        match self {
            TypeWord::String => matches!(v, L::String | L::Enum(_)),
            TypeWord::Dict => matches!(v, L::Dict(_) | L::Recursive),
            TypeWord::List => matches!(v, L::List(_) | L::Recursive),
            TypeWord::Integer => matches!(v, L::Integer),
            TypeWord::Boolean => matches!(v, L::Boolean),
            TypeWord::Datetime => matches!(v, L::Timestamp),
            TypeWord::Float => matches!(v, L::Double | L::Float),
            TypeWord::Bytes => matches!(v, L::Blob),
            TypeWord::Document | TypeWord::JsonValue | TypeWord::DynamoDbValue => matches!(v, L::Document),
            TypeWord::StreamingInput => matches!(v, L::StreamingInput),
            TypeWord::StreamingBody => matches!(v, L::StreamingBody),
            TypeWord::EventStream => matches!(v, L::EventStream(_)),
            TypeWord::StrOrDict => matches!(v, L::Alternatives(_)),
            TypeWord::Condition => matches!(v, L::String),
        }
    }
}

fn literal_kind(v: &LiteralValue) -> &'static str {
    match v {
        LiteralValue::Call(_) => "a call",
        LiteralValue::Dict(_) => "a dict `{…}`",
        LiteralValue::List(_) => "a list `[…]`",
        LiteralValue::String => "`'string'`",
        LiteralValue::Enum(_) => "an enum `'A'|'B'`",
        LiteralValue::Integer => "`123`",
        LiteralValue::Double => "`123.0`",
        LiteralValue::Float => "`...`",
        LiteralValue::Boolean => "`True|False`",
        LiteralValue::Timestamp => "`datetime(…)`",
        LiteralValue::Blob => "`b'bytes'`",
        LiteralValue::StreamingInput => "`b'bytes'|file`",
        LiteralValue::StreamingBody => "`StreamingBody()`",
        LiteralValue::Document => "a document `{...}|[...]|…`",
        LiteralValue::Recursive => "`{'... recursive ...'}`",
        LiteralValue::EventStream(_) => "`EventStream({…})`",
        LiteralValue::Alternatives(_) => "alternatives `… or …`",
    }
}

/// Docs that mark a parameter botocore fills in itself; the syntax block omits those.
fn is_auto_populated(docs: &str) -> bool {
    docs.contains("automatically populated if it is not provided") || docs.contains("is set to \"-\" by")
}

struct Cx<'a> {
    file: &'a Path,
    warnings: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    fn warn(&mut self, line: u32, msg: String) {
        self.warnings.push(Diagnostic::new(self.file, line, msg));
    }

    fn type_word(&self, f: &FieldEntry) -> Result<TypeWord, Diagnostic> {
        TypeWord::parse(&f.type_text).ok_or_else(|| {
            Diagnostic::new(
                self.file,
                f.line,
                format!(
                    "unknown type `{}`{}: expected string, dict, list, integer, boolean, datetime, float, bytes, document, a streaming type or JSON serializable",
                    f.type_text,
                    f.name.as_deref().map(|n| format!(" for `{n}`")).unwrap_or_default()
                ),
            )
        })
    }

    fn too_deep(&self, line: u32) -> Diagnostic {
        Diagnostic::new(self.file, line, format!("type tree nested deeper than {MAX_DEPTH} levels"))
    }

    /// Takes the docs and flags of an entry into a node.
    fn finish(&self, ty: NodeType, field: Option<&mut FieldEntry>, line: u32) -> Node {
        let mut node = Node::new(ty, line);
        if let Some(f) = field {
            node.docs = std::mem::take(&mut f.docs);
            node.required = f.required;
            // botocore appends the note to the member's docs, so it ends them.
            node.idempotency_token = node.docs.ends_with(IDEMPOTENCY_NOTE);
            node.line = f.line;
        }
        node
    }

    /// The node for `lit`, documented by `field` if the page has an entry for it.
    fn node(&mut self, lit: Literal, mut field: Option<&mut FieldEntry>, depth: usize) -> Result<Node, Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(self.too_deep(lit.line));
        }
        // With a literal an unknown type word costs nothing but a warning: the literal types
        // the node.
        let word = match field.as_deref().map(|f| (f, self.type_word(f))) {
            Some((_, Ok(w))) => Some(w),
            Some((_, Err(e))) => {
                self.warnings.push(Diagnostic { message: format!("{}; the syntax block's type is used", e.message), ..e });
                None
            }
            None => None,
        };
        if let (Some(w), Some(f)) = (word, field.as_deref()) {
            if !w.accepts(&lit.value) {
                let (line, text) = (f.line, f.type_text.clone());
                self.warn(
                    line,
                    format!(
                        "type `{text}`{} disagrees with the syntax block's {} (line {})",
                        f.name.as_deref().map(|n| format!(" of `{n}`")).unwrap_or_default(),
                        literal_kind(&lit.value),
                        lit.line
                    ),
                );
            }
        }
        let documented = field.is_some();
        let ty = match lit.value {
            LiteralValue::String => NodeType::String,
            LiteralValue::Enum(v) => NodeType::Enum(v),
            LiteralValue::Integer => NodeType::Integer,
            LiteralValue::Double => NodeType::Double,
            LiteralValue::Float => NodeType::Float,
            LiteralValue::Boolean => NodeType::Boolean,
            LiteralValue::Timestamp => NodeType::Timestamp,
            LiteralValue::Blob => NodeType::Blob,
            LiteralValue::StreamingInput | LiteralValue::StreamingBody => NodeType::StreamingBlob,
            // `JSON serializable` is how boto3 documents botocore's `jsonvalue` members: strings
            // on the wire (a header holding JSON) that boto3 serializes for the caller.
            LiteralValue::Document if word == Some(TypeWord::JsonValue) => NodeType::String,
            LiteralValue::Document => NodeType::Document,
            LiteralValue::Recursive => {
                let union_keys = field.as_deref_mut().and_then(|f| f.union_keys.take()).unwrap_or_default();
                NodeType::Recursive { union_keys, is_list: word == Some(TypeWord::List) }
            }
            LiteralValue::List(elem) => {
                let child = match field.as_deref_mut() {
                    Some(f) => self.only_child(f, "list"),
                    None => None,
                };
                NodeType::List(Box::new(self.node(*elem, child, depth + 1)?))
            }
            LiteralValue::Dict(mut entries) => {
                let union_keys = field.as_deref_mut().and_then(|f| f.union_keys.take());
                let field_line = field.as_deref().map_or(lit.line, |f| f.line);
                let children: &mut [FieldEntry] = match field.as_deref_mut() {
                    Some(f) => &mut f.children,
                    None => &mut [],
                };
                // A map prints one `'string'` key and documents it with an unnamed bullet; six
                // structures have a member literally named `string`, told apart by a named bullet.
                let is_map = matches!(entries.as_slice(), [e] if e.key == "string" && (children.is_empty() || matches!(children, [c] if c.name.is_none())));
                let map_entry = if is_map { entries.pop() } else { None };
                if let Some(entry) = map_entry {
                    let entry_line = entry.line;
                    let mut key_field = children.first_mut();
                    let value_field = match key_field.as_deref_mut() {
                        Some(k) => {
                            if TypeWord::parse(&k.type_text) != Some(TypeWord::String) {
                                let line = k.line;
                                self.warn(line, format!("map key documented as `{}`, expected string", k.type_text));
                            }
                            self.only_child(k, "map key")
                        }
                        None => None,
                    };
                    let value = self.node(entry.value, value_field, depth + 1)?;
                    let key = self.finish(NodeType::String, key_field, entry_line);
                    NodeType::Map { key: Box::new(key), value: Box::new(value) }
                } else {
                    let members = self.members(entries, children, documented, lit.line, depth)?;
                    if let Some(keys) = &union_keys {
                        self.check_union(keys, &members, field_line);
                    }
                    NodeType::Structure { members, union: union_keys.is_some() }
                }
            }
            LiteralValue::EventStream(entries) => {
                let children: &mut [FieldEntry] = match field.as_deref_mut() {
                    Some(f) => &mut f.children,
                    None => &mut [],
                };
                NodeType::EventStream { members: self.members(entries, children, documented, lit.line, depth)? }
            }
            LiteralValue::Alternatives(alts) => {
                // s3 `CopySource` is a string on the wire; boto3 also accepts a dict it
                // serializes itself, so the first alternative is the member's type.
                let first = alts.into_iter().next().ok_or_else(|| Diagnostic::new(self.file, lit.line, "empty alternatives"))?;
                let mut node = self.node(first, None, depth + 1)?;
                if let Some(f) = field.as_deref_mut() {
                    node.docs = std::mem::take(&mut f.docs);
                    node.required = f.required;
                    node.line = f.line;
                }
                return Ok(node);
            }
            LiteralValue::Call(_) => {
                return Err(Diagnostic::new(self.file, lit.line, "expected a value, found a call nested inside the syntax block"));
            }
        };
        Ok(self.finish(ty, field, lit.line))
    }

    /// The single unnamed child of a list entry (its element) or a map key (its value).
    fn only_child<'f>(&mut self, f: &'f mut FieldEntry, what: &str) -> Option<&'f mut FieldEntry> {
        let line = f.line;
        let count = f.children.len();
        let first = f.children.first_mut()?;
        if count > 1 {
            self.warn(line, format!("{what} entry has {count} child entries, expected one"));
        }
        if let Some(n) = &first.name {
            let (n, cl) = (n.clone(), first.line);
            self.warn(cl, format!("{what} element is documented with a name `{n}`, expected an unnamed entry"));
        }
        Some(first)
    }

    fn check_union(&mut self, keys: &[String], members: &[Field], line: u32) {
        let differs = keys.len() != members.len() || keys.iter().any(|k| !members.iter().any(|m| m.name == *k));
        if differs {
            let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
            self.warn(line, format!("tagged union note lists keys [{}] but the structure has members [{}]", keys.join(", "), names.join(", ")));
        }
    }

    /// Members of a structure, call or event stream: the literal's entries in order, with
    /// entries only the field list has (auto-populated parameters) placed where the field
    /// list has them.
    fn members(&mut self, entries: Vec<Entry>, fields: &mut [FieldEntry], documented: bool, line: u32, depth: usize) -> Result<Vec<Field>, Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(self.too_deep(line));
        }
        if documented && fields.is_empty() && !entries.is_empty() {
            self.warn(line, format!("the field list documents none of this structure's {} members", entries.len()));
        }
        let matched = match_fields(&entries, fields);
        let mut emitted = vec![false; fields.len()];
        for j in matched.iter().flatten() {
            if let Some(e) = emitted.get_mut(*j) {
                *e = true;
            }
        }
        let mut out = Vec::with_capacity(entries.len().max(fields.len()));
        let mut next_field = 0; // field-only members before this index are placed
        for (entry, found) in entries.into_iter().zip(matched) {
            let Some(j) = found else {
                if documented && !fields.is_empty() {
                    self.warn(entry.line, format!("`{}` is in the syntax block but not in the field list", entry.key));
                }
                let node = self.node(entry.value, None, depth + 1)?;
                out.push(Field { name: entry.key, node });
                continue;
            };
            // Field-only members (auto-populated parameters) keep their place in field order.
            while next_field < j {
                if emitted.get(next_field) == Some(&false) {
                    if let Some(f) = fields.get_mut(next_field) {
                        self.field_only(f, &mut out, depth)?;
                    }
                }
                next_field += 1;
            }
            next_field = next_field.max(j + 1);
            let node = self.node(entry.value, fields.get_mut(j), depth + 1)?;
            out.push(Field { name: entry.key, node });
        }
        for i in next_field..fields.len() {
            if emitted.get(i) == Some(&false) {
                if let Some(f) = fields.get_mut(i) {
                    self.field_only(f, &mut out, depth)?;
                }
            }
        }
        Ok(out)
    }

    /// A member the field list documents but the literal lacks.
    fn field_only(&mut self, f: &mut FieldEntry, out: &mut Vec<Field>, depth: usize) -> Result<(), Diagnostic> {
        let Some(name) = f.name.clone() else {
            let line = f.line;
            self.warn(line, "unnamed entry among a structure's members".to_string());
            return Ok(());
        };
        if !is_auto_populated(&f.docs) {
            let line = f.line;
            self.warn(line, format!("`{name}` is in the field list but not in the syntax block"));
        }
        let node = self.build_from_field(f, depth + 1)?;
        out.push(Field { name, node });
        Ok(())
    }

    /// A node from a field entry alone (no literal): the type word decides, and the
    /// children tell a map from a structure. Here an unknown type word leaves the node
    /// untyped, so it is an error.
    fn build_from_field(&mut self, f: &mut FieldEntry, depth: usize) -> Result<Node, Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(self.too_deep(f.line));
        }
        let word = self.type_word(f)?;
        let ty = match word {
            TypeWord::String | TypeWord::StrOrDict | TypeWord::Condition | TypeWord::JsonValue => NodeType::String,
            TypeWord::Integer => NodeType::Integer,
            // The field list says `float` for both; botocore's default is double.
            TypeWord::Float => NodeType::Double,
            TypeWord::Boolean => NodeType::Boolean,
            TypeWord::Datetime => NodeType::Timestamp,
            TypeWord::Bytes => NodeType::Blob,
            TypeWord::Document | TypeWord::DynamoDbValue => NodeType::Document,
            TypeWord::StreamingInput | TypeWord::StreamingBody => NodeType::StreamingBlob,
            TypeWord::List => {
                match f.children.first_mut() {
                    Some(c) => NodeType::List(Box::new(self.build_from_field(c, depth + 1)?)),
                    // A documented list without an element entry is how a recursive list reads.
                    None => NodeType::Recursive { union_keys: f.union_keys.take().unwrap_or_default(), is_list: true },
                }
            }
            TypeWord::Dict | TypeWord::EventStream => {
                let is_map = matches!(f.children.as_slice(), [c] if c.name.is_none());
                if is_map && word == TypeWord::Dict {
                    let key_line = f.children.first().map_or(f.line, |c| c.line);
                    let (key, value) = match f.children.first_mut() {
                        Some(k) => {
                            let value = match k.children.first_mut() {
                                Some(v) => self.build_from_field(v, depth + 1)?,
                                None => Node::new(NodeType::String, k.line),
                            };
                            (self.finish(NodeType::String, Some(k), key_line), value)
                        }
                        None => (Node::new(NodeType::String, key_line), Node::new(NodeType::String, key_line)),
                    };
                    NodeType::Map { key: Box::new(key), value: Box::new(value) }
                } else {
                    let mut members = Vec::with_capacity(f.children.len());
                    for c in f.children.iter_mut() {
                        let Some(name) = c.name.clone() else {
                            let line = c.line;
                            self.warn(line, "unnamed entry among a structure's members".to_string());
                            continue;
                        };
                        members.push(Field { name, node: self.build_from_field(c, depth + 1)? });
                    }
                    if word == TypeWord::EventStream {
                        NodeType::EventStream { members }
                    } else {
                        let union = f.union_keys.is_some();
                        NodeType::Structure { members, union }
                    }
                }
            }
        };
        let line = f.line;
        Ok(self.finish(ty, Some(f), line))
    }
}

/// For each literal entry, the index of the field entry with its name. Fields come in literal
/// order, so the next field is tried first; long lists fall back to a name index so that
/// disordered input stays linear.
fn match_fields(entries: &[Entry], fields: &[FieldEntry]) -> Vec<Option<usize>> {
    let mut used = vec![false; fields.len()];
    let mut index: Option<std::collections::HashMap<&str, Vec<usize>>> = None;
    let mut cursor = 0;
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let key = entry.key.as_str();
        let free = |i: usize, used: &[bool]| used.get(i) == Some(&false) && fields.get(i).and_then(|f| f.name.as_deref()) == Some(key);
        let found = if free(cursor, &used) {
            Some(cursor)
        } else if fields.len() <= 16 {
            (0..fields.len()).find(|&i| free(i, &used))
        } else {
            let idx = index.get_or_insert_with(|| {
                let mut m: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
                for (i, f) in fields.iter().enumerate() {
                    if let Some(n) = f.name.as_deref() {
                        m.entry(n).or_default().push(i);
                    }
                }
                m
            });
            idx.get(key).and_then(|c| c.iter().copied().find(|&i| used.get(i) == Some(&false)))
        };
        if let Some(j) = found {
            if let Some(u) = used.get_mut(j) {
                *u = true;
            }
            cursor = j + 1;
        }
        out.push(found);
    }
    out
}

/// Shorthand used by the page parsers and tests: the structure's members, if `node` is one.
pub fn members(node: &page::Node) -> &[Field] {
    match &node.ty {
        NodeType::Structure { members, .. } | NodeType::EventStream { members } => members,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::syntax::parse_literal;

    const FILE: &str = "svc/client/op.rst";

    fn lit(text: &str) -> Literal {
        parse_literal(text, 1, Path::new(FILE)).unwrap()
    }

    fn f(name: Option<&str>, ty: &str, line: u32, children: Vec<FieldEntry>) -> FieldEntry {
        FieldEntry { name: name.map(str::to_string), type_text: ty.to_string(), line, children, ..Default::default() }
    }

    fn build(literal: &str, fields: Vec<FieldEntry>) -> (Node, Vec<Diagnostic>) {
        let mut w = Vec::new();
        let node = build_body(&lit(literal), &fields, Path::new(FILE), &mut w).unwrap();
        (node, w)
    }

    fn member<'a>(node: &'a Node, name: &str) -> &'a Node {
        &members(node).iter().find(|m| m.name == name).unwrap_or_else(|| panic!("no member {name}")).node
    }

    #[test]
    fn request_merges_docs_required_and_idempotency() {
        let mut token = f(Some("ClientToken"), "string", 30, vec![]);
        token.docs = format!("A unique token. {IDEMPOTENCY_NOTE}");
        let mut name = f(Some("Name"), "string", 20, vec![]);
        name.required = true;
        name.docs = "The name.".into();
        let (node, w) = build("response = client.create_x(\n    Name='string',\n    Size=123,\n    Ratio=123.0,\n    Scale=...,\n    ClientToken='string'\n)", vec![
            name,
            f(Some("Size"), "integer", 24, vec![]),
            f(Some("Ratio"), "float", 26, vec![]),
            f(Some("Scale"), "float", 28, vec![]),
            token,
        ]);
        assert!(w.is_empty(), "{w:?}");
        let names: Vec<&str> = members(&node).iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Name", "Size", "Ratio", "Scale", "ClientToken"]);
        let n = member(&node, "Name");
        assert!(n.required && !n.idempotency_token);
        assert_eq!((n.docs.as_str(), n.line), ("The name.", 20));
        assert_eq!(member(&node, "Size").ty, NodeType::Integer);
        assert_eq!(member(&node, "Ratio").ty, NodeType::Double);
        assert_eq!(member(&node, "Scale").ty, NodeType::Float);
        let t = member(&node, "ClientToken");
        assert!(t.idempotency_token && !t.required);
    }

    #[test]
    fn auto_populated_param_without_literal_keeps_its_place() {
        // glacier: `accountId` is documented but removed from Request Syntax.
        let mut account = f(Some("accountId"), "string", 12, vec![]);
        account.docs = "The account. Note: this parameter is set to \"-\" bydefault if no value is not specified.".into();
        let (node, w) = build("response = client.list_vaults(\n    marker='string',\n    limit='string'\n)", vec![
            account,
            f(Some("marker"), "string", 16, vec![]),
            f(Some("limit"), "string", 19, vec![]),
        ]);
        assert!(w.is_empty(), "{w:?}");
        let names: Vec<&str> = members(&node).iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["accountId", "marker", "limit"]);
        assert_eq!(member(&node, "accountId").ty, NodeType::String);
        assert_eq!(member(&node, "accountId").line, 12);
    }

    #[test]
    fn disagreements_are_warnings_with_lines() {
        let (node, w) = build("response = client.x(\n    A='string',\n    B=123\n)", vec![f(Some("A"), "integer", 7, vec![]), f(Some("C"), "boolean", 9, vec![])]);
        assert_eq!(members(&node).len(), 3);
        let msgs: Vec<String> = w.iter().map(|d| d.to_string()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].starts_with("svc/client/op.rst:7: type `integer` of `A` disagrees with the syntax block's `'string'` (line 2)"), "{msgs:?}");
        assert!(msgs[1].starts_with("svc/client/op.rst:3: `B` is in the syntax block but not in the field list"), "{msgs:?}");
        assert!(msgs[2].starts_with("svc/client/op.rst:9: `C` is in the field list but not in the syntax block"), "{msgs:?}");
        assert_eq!(member(&node, "C").ty, NodeType::Boolean);
    }

    #[test]
    fn disordered_members_match_by_name() {
        let (node, w) = build("response = client.x(\n    B='string',\n    A=123\n)", vec![f(Some("A"), "integer", 5, vec![]), f(Some("B"), "string", 7, vec![])]);
        assert!(w.is_empty(), "{w:?}");
        let got: Vec<(&str, u32)> = members(&node).iter().map(|m| (m.name.as_str(), m.node.line)).collect();
        assert_eq!(got, [("B", 7), ("A", 5)]);
        // Long lists use the name index: 200 members in reverse order, one undocumented.
        let lit_text = format!("response = client.x(\n{}\n)", (0..200).rev().map(|i| format!("    M{i}='string'")).collect::<Vec<_>>().join(",\n"));
        let fields: Vec<FieldEntry> = (0..200).filter(|i| *i != 7).map(|i| f(Some(&format!("M{i}")), "string", 1000 + i, vec![])).collect();
        let (node, w) = build(&lit_text, fields);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.starts_with("`M7` is in the syntax block"));
        assert_eq!(members(&node).len(), 200);
        assert_eq!(member(&node, "M3").line, 1003);
    }

    #[test]
    fn unknown_type_word_is_a_warning_with_a_literal_and_an_error_without() {
        let (node, w) = build("response = client.x(\n    A='string'\n)", vec![f(Some("A"), "strng", 41, vec![])]);
        assert_eq!(member(&node, "A").ty, NodeType::String);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].line, 41);
        assert!(w[0].message.starts_with("unknown type `strng` for `A`: expected string, dict"), "{}", w[0]);
        assert!(w[0].message.ends_with("the syntax block's type is used"));
        // A member only the field list has is typed by its type word alone.
        let mut w = Vec::new();
        let e = build_body(&lit("response = client.x()"), &[f(Some("B"), "strng", 43, vec![])], Path::new(FILE), &mut w).unwrap_err();
        assert_eq!(e.line, 43);
        assert!(e.message.starts_with("unknown type `strng` for `B`"), "{e}");
    }

    #[test]
    fn map_versus_structure_with_a_member_named_string() {
        // A map: unnamed key bullet with the value nested under it.
        let map_fields = vec![f(Some("Tags"), "dict", 5, vec![f(None, "string", 6, vec![f(None, "list", 7, vec![f(None, "string", 8, vec![])])])])];
        let (node, w) = build("response = client.x(\n    Tags={\n        'string': [\n            'string',\n        ]\n    }\n)", map_fields);
        assert!(w.is_empty(), "{w:?}");
        let NodeType::Map { key, value } = &member(&node, "Tags").ty else { panic!("not a map") };
        assert_eq!((key.ty.clone(), key.line), (NodeType::String, 6));
        assert_eq!(value.line, 7);
        assert!(matches!(&value.ty, NodeType::List(e) if e.ty == NodeType::String && e.line == 8));

        // deadline JobParameter: a structure whose member is named `string`.
        let struct_fields = vec![f(Some("Param"), "dict", 5, vec![f(Some("string"), "string", 6, vec![])])];
        let (node, w) = build("response = client.x(\n    Param={\n        'string': 'string'\n    }\n)", struct_fields);
        assert!(w.is_empty(), "{w:?}");
        let NodeType::Structure { members: m, union } = &member(&node, "Param").ty else { panic!("not a structure") };
        assert!(!union);
        assert_eq!(m[0].name, "string");
        assert_eq!(m[0].node.line, 6);
    }

    #[test]
    fn response_root_union_and_recursion() {
        let mut filter = f(Some("Filter"), "dict", 4, vec![
            f(Some("And"), "list", 5, vec![{
                let mut r = f(None, "dict", 6, vec![]);
                r.union_keys = Some(vec!["And".into(), "Not".into()]);
                r
            }]),
            f(Some("Not"), "dict", 7, vec![]),
        ]);
        filter.union_keys = Some(vec!["And".into(), "Not".into()]);
        let root = f(None, "dict", 3, vec![filter, f(Some("Nested"), "list", 8, vec![])]);
        let (node, w) = build(
            "{\n    'Filter': {\n        'And': [\n            {'... recursive ...'},\n        ],\n        'Not': {'... recursive ...'}\n    },\n    'Nested': {'... recursive ...'}\n}",
            vec![root],
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(node.line, 3);
        let filter = member(&node, "Filter");
        assert!(matches!(filter.ty, NodeType::Structure { union: true, .. }));
        let NodeType::List(elem) = &member(filter, "And").ty else { panic!() };
        assert_eq!(elem.ty, NodeType::Recursive { union_keys: vec!["And".into(), "Not".into()], is_list: false });
        assert_eq!(member(filter, "Not").ty, NodeType::Recursive { union_keys: vec![], is_list: false });
        assert_eq!(member(&node, "Nested").ty, NodeType::Recursive { union_keys: vec![], is_list: true });
    }

    #[test]
    fn union_note_disagreeing_with_members_warns() {
        let mut s = f(Some("U"), "dict", 4, vec![f(Some("a"), "string", 5, vec![]), f(Some("b"), "string", 6, vec![])]);
        s.union_keys = Some(vec!["a".into(), "c".into()]);
        let (_, w) = build("{\n 'U': {\n  'a': 'string',\n  'b': 'string'\n }\n}", vec![f(None, "dict", 3, vec![s])]);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].line, 4);
        assert!(w[0].message.contains("tagged union note lists keys [a, c]"));
    }

    #[test]
    fn special_types_and_event_streams() {
        let root = f(None, "dict", 2, vec![
            f(Some("body"), ":class:`.StreamingBody`", 3, vec![]),
            f(Some("doc"), ":ref:`document<document>`", 4, vec![]),
            f(Some("hdr"), "JSON serializable", 5, vec![]),
            f(Some("stream"), ":class:`.EventStream`", 6, vec![f(Some("chunk"), "dict", 7, vec![f(Some("bytes"), "bytes", 8, vec![])])]),
            f(Some("tpl"), "*dict*", 9, vec![]),
        ]);
        let (node, w) = build(
            "{\n 'body': StreamingBody(),\n 'doc': {...}|[...]|123|123.4|'string'|True|None,\n 'hdr': {...}|[...]|123|123.4|'string'|True|None,\n 'stream': EventStream({\n  'chunk': {\n   'bytes': b'bytes'\n  }\n }),\n 'tpl': {}\n}",
            vec![root],
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(member(&node, "body").ty, NodeType::StreamingBlob);
        assert_eq!(member(&node, "doc").ty, NodeType::Document);
        // `JSON serializable`: botocore's `jsonvalue` strings (13 members in the corpus).
        assert_eq!(member(&node, "hdr").ty, NodeType::String);
        let NodeType::EventStream { members: ev } = &member(&node, "stream").ty else { panic!() };
        assert_eq!(ev[0].name, "chunk");
        assert_eq!(member(&ev[0].node, "bytes").ty, NodeType::Blob);
        assert_eq!(member(&node, "tpl").ty, NodeType::Structure { members: vec![], union: false });
    }

    #[test]
    fn streaming_input_and_copy_source() {
        let mut cs = f(Some("CopySource"), "str or dict", 3, vec![]);
        cs.required = true;
        let (node, w) = build(
            "response = client.copy_object(\n    Body=b'bytes'|file,\n    CopySource='string' or {'Bucket': 'string', 'Key': 'string'}\n)",
            vec![f(Some("Body"), "bytes or seekable file-like object", 2, vec![]), cs],
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(member(&node, "Body").ty, NodeType::StreamingBlob);
        let c = member(&node, "CopySource");
        assert_eq!(c.ty, NodeType::String);
        assert!(c.required);
    }

    #[test]
    fn undocumented_literal_builds_without_warnings() {
        let (node, w) = build("{\n 'Items': [\n  {\n   'Tags': {\n    'string': 'string'\n   }\n  },\n ]\n}", vec![]);
        assert!(w.is_empty(), "{w:?}");
        let NodeType::List(e) = &member(&node, "Items").ty else { panic!() };
        assert!(matches!(member(e, "Tags").ty, NodeType::Map { .. }));
    }

    #[test]
    fn field_only_map_and_structure() {
        // Auto-populated members never appear in the literal: the field list alone types them.
        let mut p = f(Some("Extra"), "dict", 3, vec![f(None, "string", 4, vec![f(None, "integer", 5, vec![])])]);
        p.docs = "Please note that this parameter is automatically populated if it is not provided.".into();
        let (node, w) = build("response = client.x()", vec![p]);
        assert!(w.is_empty(), "{w:?}");
        let NodeType::Map { value, .. } = &member(&node, "Extra").ty else { panic!() };
        assert_eq!(value.ty, NodeType::Integer);
    }

    #[test]
    fn json_serializable_members_are_strings() {
        // lex-runtime `PostContent` `sessionAttributes`, iot-data `Publish` `userProperties`:
        // botocore `jsonvalue` strings, printed with the document literal.
        let (node, w) = build(
            "response = client.post_content(\n    sessionAttributes={...}|[...]|123|123.4|'string'|True|None\n)",
            vec![f(Some("sessionAttributes"), "JSON serializable", 2, vec![]), f(Some("Extra"), "JSON serializable", 3, vec![])],
        );
        assert!(w.iter().all(|d| !d.message.contains("sessionAttributes")), "{w:?}");
        assert_eq!(member(&node, "sessionAttributes").ty, NodeType::String);
        // Only the field list has it (no literal): the type word alone says string too.
        assert_eq!(member(&node, "Extra").ty, NodeType::String);
    }

    #[test]
    fn plaintext_spellings_are_accepted() {
        for (t, w) in [("document", TypeWord::Document), ("StreamingBody", TypeWord::StreamingBody), ("EventStream", TypeWord::EventStream), (" *dict* ", TypeWord::Dict)] {
            assert_eq!(TypeWord::parse(t), Some(w), "{t}");
        }
        assert_eq!(TypeWord::parse("str"), None);
        assert_eq!(TypeWord::parse("function"), None);
    }
}
