//! "AWS API changes" pages: one dated release of one service, as a delta.
//!
//! A page is a header (`2023/02/08 - AWS Backup - 9 updated api methods`), the release note
//! (`Changes  …`), then per touched method `<Op> (new|updated) Link ¶`, for updated methods
//! a `Changes (…)` dict of what was added, and the method's complete new documentation in
//! the same rendering as [`plaintext`] pages except for the parameters,
//! which read `type X` / `<type>` / `param X` / prose. The method pages carry no Exceptions
//! list, no API link URL and not the client class name (the page names the service by its
//! title), so [`Changelog::set_class_name`] fills that in once the caller knows it.
//!
//! The `Changes` dicts are Python `pprint` output, not boto3 syntax literals: leaves are
//! botocore type names (`'timestamp'`) or enum values joined by `' | '`, sets (`{'A'}`) are
//! values added to an existing enum, a list around changed structures is left out, and long
//! strings are split into adjacent literals. [`syntax::parse_literal`](crate::parse::syntax) reads
//! the boto3 grammar, where `'timestamp'` is a one-value enum and sets do not exist, so the
//! dicts have their own small parser here.

use std::path::{Path, PathBuf};

use crate::parse::page::{Body, Diagnostic, MethodKind, MethodPage, Node, NodeType};
use crate::parse::plaintext::{self, Heading, Line};

/// One changelog page.
#[derive(Debug, Clone, PartialEq)]
pub struct Changelog {
    pub file: PathBuf,
    /// `2023-02-08`.
    pub date: String,
    /// `AWS Backup`, as the header names the service.
    pub service_title: String,
    /// The release note (Markdown).
    pub note: String,
    pub methods: Vec<ChangedMethod>,
}

/// One method the release touched.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedMethod {
    /// PascalCase operation name: `DescribeBackupJob`.
    pub name: String,
    pub change: ChangeKind,
    /// Line of the `<Op> (updated) Link ¶` header.
    pub line: u32,
    pub request_changes: Option<ChangeTree>,
    pub response_changes: Option<ChangeTree>,
    /// The method's complete new definition (`MethodKind::Client`, no errors, no `uid`,
    /// `class_name` empty until [`Changelog::set_class_name`]).
    pub page: MethodPage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    New,
    Updated,
}

impl ChangeKind {
    /// `new` / `updated`, as the page and [`crate::model::ChangelogStamp`] write it.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::New => "new",
            ChangeKind::Updated => "updated",
        }
    }
}

/// What a `Changes` dict says was added.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeTree {
    /// `{'Name': …}`: members added, or changes inside existing members (the dict does
    /// not say which; a new structure member shows all its members).
    Dict(Vec<ChangeMember>),
    /// `[…]`: a list whose element is the inner tree.
    List(Box<ChangeTree>),
    /// `{'A', 'B'}`: values added to an existing enum.
    EnumValues(Vec<String>),
    /// `'A | B'`: a string with these values (a one-value enum is a single word that is not
    /// a type name).
    Enum(Vec<String>),
    /// A botocore type name: `'string'`, `'timestamp'`, `'integer'`, `'boolean'`, ….
    Type(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChangeMember {
    pub name: String,
    /// Line of the member's key in the changelog.
    pub line: u32,
    pub value: ChangeTree,
}

/// One added thing, as [`ChangeTree::paths`] lists them.
#[derive(Debug, Clone, PartialEq)]
pub enum Added {
    /// A member with this type (a leaf of the tree: never a non-empty [`ChangeTree::Dict`]).
    Member(ChangeTree),
    /// Values added to the enum at the path.
    EnumValues(Vec<String>),
}

/// botocore type names as the `Changes` dicts print them.
const TYPE_NAMES: &[&str] =
    &["string", "integer", "long", "boolean", "timestamp", "double", "float", "blob", "structure", "list", "map", "document"];

impl ChangeTree {
    /// Every added member or enum value with its dotted member path (`CopyJob.ResourceName`).
    /// Lists are transparent in paths, as in the dicts, which leave out a list around a
    /// changed structure: check a path by stepping through list elements and map values.
    pub fn paths(&self) -> Vec<(String, Added)> {
        self.located_paths().into_iter().map(|(path, added, _)| (path, added)).collect()
    }

    /// [`Self::paths`] with the changelog line of each path's last key.
    pub fn located_paths(&self) -> Vec<(String, Added, u32)> {
        let mut out = Vec::new();
        self.collect_paths("", 0, &mut out);
        out
    }

    fn collect_paths(&self, prefix: &str, line: u32, out: &mut Vec<(String, Added, u32)>) {
        match self {
            ChangeTree::Dict(members) if !members.is_empty() => {
                for m in members {
                    let path = if prefix.is_empty() { m.name.clone() } else { format!("{prefix}.{}", m.name) };
                    m.value.collect_paths(&path, m.line, out);
                }
            }
            ChangeTree::List(inner) if matches!(**inner, ChangeTree::Dict(ref m) if !m.is_empty()) => {
                inner.collect_paths(prefix, line, out)
            }
            ChangeTree::EnumValues(values) => out.push((prefix.to_string(), Added::EnumValues(values.clone()), line)),
            leaf => out.push((prefix.to_string(), Added::Member(leaf.clone()), line)),
        }
    }

    /// Whether `node` has the type this leaf names.
    fn matches(&self, node: &Node) -> bool {
        match (self, &node.ty) {
            (ChangeTree::Type(t), ty) => match t.as_str() {
                "string" => matches!(ty, NodeType::String),
                "integer" | "long" => matches!(ty, NodeType::Integer),
                "boolean" => matches!(ty, NodeType::Boolean),
                "timestamp" => matches!(ty, NodeType::Timestamp),
                "double" => matches!(ty, NodeType::Double),
                "float" => matches!(ty, NodeType::Float),
                "blob" => matches!(ty, NodeType::Blob | NodeType::StreamingBlob),
                "document" => matches!(ty, NodeType::Document),
                "structure" => matches!(ty, NodeType::Structure { .. }),
                "list" => matches!(ty, NodeType::List(_)),
                "map" => matches!(ty, NodeType::Map { .. }),
                _ => false,
            },
            (ChangeTree::Enum(values) | ChangeTree::EnumValues(values), NodeType::Enum(have)) => {
                values.iter().all(|v| have.contains(v))
            }
            (ChangeTree::List(inner), NodeType::List(element)) => inner.matches(element),
            (ChangeTree::Dict(members), NodeType::Structure { .. }) => members.is_empty(),
            _ => false,
        }
    }

    /// Checks every path of the tree against a body: each added member exists with the
    /// type the dict gives, each set's values are in the enum. Returns what does not hold.
    pub fn check(&self, body: &Body, file: &Path, side: &str) -> Vec<Diagnostic> {
        let root = match body {
            Body::Shape(node) => node,
            Body::TooLarge => return Vec::new(),
            Body::None => {
                return vec![Diagnostic::new(file, 0, format!("the Changes dict changes the {side}, which the page does not document"))]
            }
        };
        let mut problems = Vec::new();
        for (path, added, line) in self.located_paths() {
            let Some(node) = resolve(root, &path) else {
                problems.push(Diagnostic::new(file, line, format!("{side} has no member `{path}`, which the Changes dict adds")));
                continue;
            };
            let ok = match &added {
                Added::Member(leaf) => leaf.matches(node),
                Added::EnumValues(values) => ChangeTree::EnumValues(values.clone()).matches(node),
            };
            if !ok {
                problems.push(Diagnostic::new(
                    file,
                    line,
                    format!("{side} member `{path}` is {:?}, the Changes dict says {added:?}", node.ty),
                ));
            }
        }
        problems
    }
}

/// The node at a dotted member path, stepping through list elements and map values (the
/// dicts leave those out).
fn resolve<'n>(root: &'n Node, path: &str) -> Option<&'n Node> {
    let mut node = root;
    for name in path.split('.') {
        loop {
            match &node.ty {
                NodeType::List(element) => node = element,
                NodeType::Map { value, .. } => node = value,
                _ => break,
            }
        }
        let members = match &node.ty {
            NodeType::Structure { members, .. } | NodeType::EventStream { members } => members,
            _ => return None,
        };
        node = &members.iter().find(|f| f.name == name)?.node;
    }
    Some(node)
}

impl ChangedMethod {
    /// Checks the `Changes` dicts against the method's new definition on the same page.
    pub fn check(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if let Some(tree) = &self.request_changes {
            problems.extend(tree.check(&self.page.request, &self.page.file, "request"));
        }
        if let Some(tree) = &self.response_changes {
            problems.extend(tree.check(&self.page.response, &self.page.file, "response"));
        }
        problems
    }
}

// ---------------------------------------------------------------------------------------
// The `Changes` dict: a Python literal of dicts, sets, lists and strings.

struct PyParser<'a> {
    file: &'a Path,
    chars: Vec<char>,
    pos: usize,
    line: u32,
}

enum Py {
    Dict(Vec<(String, u32, Py)>),
    Set(Vec<String>),
    List(Vec<Py>),
    Str(String),
}

impl<'a> PyParser<'a> {
    fn new(file: &'a Path, text: &str, first_line: u32) -> Self {
        PyParser { file, chars: text.chars().collect(), pos: 0, line: first_line }
    }

    fn err(&self, what: &str) -> Diagnostic {
        let found = match self.chars.get(self.pos) {
            Some(c) => format!("`{c}`"),
            None => "the end of the dict".to_string(),
        };
        Diagnostic::new(self.file, self.line, format!("Changes dict: expected {what}, found {found}"))
    }

    fn skip_ws(&mut self) {
        while let Some(&c) = self.chars.get(self.pos) {
            if c == '\n' {
                self.line = self.line.saturating_add(1);
            } else if !c.is_whitespace() {
                break;
            }
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_ws();
        self.chars.get(self.pos).copied()
    }

    fn expect(&mut self, c: char) -> Result<(), Diagnostic> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.err(&format!("`{c}`")))
        }
    }

    /// The whole input is one value.
    fn parse_all(&mut self) -> Result<Py, Diagnostic> {
        let v = self.value(0)?;
        match self.peek() {
            None => Ok(v),
            Some(_) => Err(self.err("the end of the dict")),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Py, Diagnostic> {
        // Real dicts are a few levels deep; the bound keeps hostile input off the stack.
        if depth > 64 {
            return Err(self.err("at most 64 levels of nesting"));
        }
        match self.peek() {
            Some('{') => self.dict_or_set(depth),
            Some('[') => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    if self.peek() == Some(']') {
                        self.pos += 1;
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    match self.peek() {
                        Some(',') => self.pos += 1,
                        Some(']') => {}
                        _ => return Err(self.err("`,` or `]`")),
                    }
                }
                Ok(Py::List(items))
            }
            Some('\'' | '"') => Ok(Py::Str(self.string()?)),
            _ => Err(self.err("a dict, set, list or string")),
        }
    }

    fn dict_or_set(&mut self, depth: usize) -> Result<Py, Diagnostic> {
        self.expect('{')?;
        if self.peek() == Some('}') {
            self.pos += 1;
            return Ok(Py::Dict(Vec::new()));
        }
        let key_line = {
            self.skip_ws();
            self.line
        };
        let first = self.string()?;
        if self.peek() == Some(':') {
            let mut entries = Vec::new();
            let mut key = (first, key_line);
            loop {
                self.expect(':')?;
                let v = self.value(depth + 1)?;
                entries.push((key.0, key.1, v));
                match self.peek() {
                    Some(',') => {
                        self.pos += 1;
                        if self.peek() == Some('}') {
                            self.pos += 1;
                            break;
                        }
                        self.skip_ws();
                        let line = self.line;
                        key = (self.string()?, line);
                    }
                    Some('}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.err("`,` or `}`")),
                }
            }
            Ok(Py::Dict(entries))
        } else {
            let mut values = vec![first];
            loop {
                match self.peek() {
                    Some(',') => {
                        self.pos += 1;
                        if self.peek() == Some('}') {
                            self.pos += 1;
                            break;
                        }
                        values.push(self.string()?);
                    }
                    Some('}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.err("`:`, `,` or `}`")),
                }
            }
            Ok(Py::Set(values))
        }
    }

    /// One string, including adjacent literals that `pprint` split (`'A | ' 'B'`).
    fn string(&mut self) -> Result<String, Diagnostic> {
        let mut out = String::new();
        let mut any = false;
        while let Some(q @ ('\'' | '"')) = self.peek() {
            any = true;
            self.pos += 1;
            loop {
                match self.chars.get(self.pos).copied() {
                    None | Some('\n') => return Err(self.err(&format!("a closing `{q}`"))),
                    Some(c) if c == q => {
                        self.pos += 1;
                        break;
                    }
                    Some('\\') => {
                        let escaped = self.chars.get(self.pos + 1).copied();
                        match escaped {
                            Some('n') => out.push('\n'),
                            Some('t') => out.push('\t'),
                            Some(c) if c != '\n' => out.push(c),
                            _ => return Err(self.err("an escaped character")),
                        }
                        self.pos += 2;
                    }
                    Some(c) => {
                        out.push(c);
                        self.pos += 1;
                    }
                }
            }
        }
        if any {
            Ok(out)
        } else {
            Err(self.err("a quoted string"))
        }
    }
}

fn to_tree(v: Py, file: &Path, line: u32) -> Result<ChangeTree, Diagnostic> {
    Ok(match v {
        Py::Dict(entries) => ChangeTree::Dict(
            entries
                .into_iter()
                .map(|(name, line, v)| {
                    if !plaintext::is_identifier(&name) {
                        return Err(Diagnostic::new(
                            file,
                            line,
                            format!("Changes dict: expected a member name, found `{name}`"),
                        ));
                    }
                    Ok(ChangeMember { name, line, value: to_tree(v, file, line)? })
                })
                .collect::<Result<_, _>>()?,
        ),
        Py::Set(values) => ChangeTree::EnumValues(values),
        Py::List(items) => {
            let mut items = items.into_iter();
            match (items.next(), items.next()) {
                (Some(item), None) => ChangeTree::List(Box::new(to_tree(item, file, line)?)),
                _ => {
                    return Err(Diagnostic::new(
                        file,
                        line,
                        "Changes dict: expected a list with exactly one element (the element type)",
                    ))
                }
            }
        }
        Py::Str(s) => {
            if TYPE_NAMES.contains(&s.as_str()) {
                ChangeTree::Type(s)
            } else {
                let values: Vec<String> =
                    s.split('|').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
                if values.is_empty() {
                    return Err(Diagnostic::new(
                        file,
                        line,
                        "Changes dict: expected a type name or enum values, found an empty string",
                    ));
                }
                ChangeTree::Enum(values)
            }
        }
    })
}

/// Parses one `Changes` dict starting at line `first_line`.
pub fn parse_changes(file: &Path, text: &str, first_line: u32) -> Result<ChangeTree, Diagnostic> {
    let v = PyParser::new(file, text, first_line).parse_all()?;
    to_tree(v, file, first_line)
}

// ---------------------------------------------------------------------------------------
// The page

/// Parses a changelog page. The client class name is not on the page: the method pages
/// have an empty `class_name` until [`Changelog::set_class_name`].
pub fn parse_page(file: &Path, text: &str) -> Result<Changelog, Diagnostic> {
    let lines = plaintext::split_lines(text);
    let (header_idx, header) = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .take(3)
        .find_map(|(i, l)| parse_header(l.text).map(|h| (i, h)))
        .ok_or_else(|| {
            let first = lines.iter().find(|l| !l.is_blank()).map(|l| l.no).unwrap_or(1);
            Diagnostic::new(
                file,
                first,
                "expected a changelog header `YYYY/MM/DD - <service> - <n> updated api methods`",
            )
        })?;
    let header_line = plaintext::line_no(&lines, header_idx);
    let rest = lines.get(header_idx + 1..).unwrap_or(&[]);
    let starts: Vec<usize> =
        rest.iter().enumerate().filter(|(_, l)| parse_method_header(l.text).is_some()).map(|(i, _)| i).collect();
    let note_lines = rest.get(..starts.first().copied().unwrap_or(rest.len())).unwrap_or(&[]);
    let note = release_note(file, note_lines, header_line)?;

    let mut methods = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(rest.len());
        let block = rest.get(start..end).unwrap_or(&[]);
        methods.push(parse_method(file, block)?);
    }

    let new = methods.iter().filter(|m| m.change == ChangeKind::New).count();
    let updated = methods.len() - new;
    if (new, updated) != (header.new, header.updated) {
        return Err(Diagnostic::new(
            file,
            header_line,
            format!(
                "the header announces {} new and {} updated methods, the page has {new} new and {updated} updated",
                header.new, header.updated
            ),
        ));
    }
    Ok(Changelog { file: file.to_path_buf(), date: header.date, service_title: header.title, note, methods })
}

impl Changelog {
    /// Sets the client class name (`Backup`) on every method page; the caller knows it from
    /// the service's index page (`service_title` is its full name).
    pub fn set_class_name(&mut self, class_name: &str) {
        for m in &mut self.methods {
            m.page.class_name = class_name.to_string();
        }
    }
}

struct Header {
    date: String,
    title: String,
    new: usize,
    updated: usize,
}

/// `2023/02/08 - AWS Backup - 2 new 9 updated api methods`.
fn parse_header(text: &str) -> Option<Header> {
    let (date, rest) = text.split_once(" - ")?;
    let (title, summary) = rest.rsplit_once(" - ")?;
    let mut parts = date.trim().split('/');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || m.len() != 2
        || d.len() != 2
        || ![y, m, d].iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let words: Vec<&str> = summary.split_whitespace().collect();
    if !summary.ends_with("api methods") && !summary.ends_with("api method") {
        return None;
    }
    let (mut new, mut updated) = (0, 0);
    for pair in words.windows(2) {
        if let [n, kind] = pair {
            if let Ok(n) = n.parse::<usize>() {
                match *kind {
                    "new" => new = n,
                    "updated" => updated = n,
                    _ => {}
                }
            }
        }
    }
    Some(Header { date: format!("{y}-{m}-{d}"), title: title.trim().to_string(), new, updated })
}

/// `DescribeBackupJob (updated) Link ¶` → the name and kind. The `Link ¶` tail is the
/// anchor text and may be missing from a copy.
fn parse_method_header(text: &str) -> Option<(&str, ChangeKind)> {
    let mut words = text.split_whitespace();
    let name = words.next()?;
    let kind = match words.next()? {
        "(new)" => ChangeKind::New,
        "(updated)" => ChangeKind::Updated,
        _ => return None,
    };
    let tail: Vec<&str> = words.collect();
    let tail_ok = matches!(tail.as_slice(), [] | ["Link"] | ["Link", "¶"] | ["¶"]);
    let pascal = name.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    (tail_ok && pascal && plaintext::is_identifier(name)).then_some((name, kind))
}

/// `Changes  <note>` up to the first method.
fn release_note(file: &Path, lines: &[Line<'_>], header_line: u32) -> Result<String, Diagnostic> {
    let mut lines: Vec<Line<'_>> = lines.iter().copied().filter(|l| !l.is_blank()).collect();
    let Some(first) = lines.first_mut() else {
        return Err(Diagnostic::new(file, header_line + 1, "expected the release note `Changes  …` after the header"));
    };
    let Some(rest) = first.text.strip_prefix("Changes") else {
        return Err(Diagnostic::new(
            file,
            first.no,
            format!("expected the release note `Changes  …`, found `{}`", first.text),
        ));
    };
    first.text = rest.trim_start();
    Ok(plaintext::lines_to_markdown(&lines))
}

/// Which sides a `Changes (…)` line names.
fn changes_sides(text: &str) -> Option<(bool, bool)> {
    let inner = text.strip_prefix("Changes")?.trim().strip_prefix('(')?.strip_suffix(')')?;
    let mut sides = (false, false);
    for word in inner.split(',').map(str::trim) {
        match word {
            "request" => sides.0 = true,
            "response" => sides.1 = true,
            "both" => sides = (true, true),
            _ => return None,
        }
    }
    Some(sides)
}

/// One method block: header, optional `Changes`, then the method page.
fn parse_method(file: &Path, block: &[Line<'_>]) -> Result<ChangedMethod, Diagnostic> {
    let (header, body) = block.split_first().ok_or_else(|| Diagnostic::new(file, 0, "empty method block"))?;
    let (name, change) = parse_method_header(header.text)
        .ok_or_else(|| Diagnostic::new(file, header.no, "expected a method header `<Op> (new|updated) Link ¶`"))?;
    let mut i = 0;
    let (mut request_changes, mut response_changes) = (None, None);
    let first = body.iter().position(|l| !l.is_blank());
    if let Some(sides) = first.and_then(|f| body.get(f)).and_then(|l| changes_sides(l.text)) {
        let changes_line = first.and_then(|f| body.get(f)).map(|l| l.no).unwrap_or(header.no);
        i = first.unwrap_or(0) + 1;
        let next_text = |from: usize| body.get(from..).and_then(|r| r.iter().position(|l| !l.is_blank())).map(|p| p + from);
        // Either `Request {…}` / `Response {…}` labelled dicts, or one dict for the sides
        // the heading names.
        let mut labelled = false;
        while let Some(next) = next_text(i) {
            let is_request = match body.get(next).map(|l| l.text) {
                Some("Request") => true,
                Some("Response") => false,
                _ => break,
            };
            labelled = true;
            let (tree, end) = changes_dict(file, body, next + 1)?;
            i = end;
            if is_request {
                request_changes = Some(tree);
            } else {
                response_changes = Some(tree);
            }
        }
        if let Some(next) = next_text(i).filter(|_| !labelled) {
            if body.get(next).is_some_and(|l| l.text.starts_with('{')) {
                let (tree, end) = changes_dict(file, body, next)?;
                i = end;
                if sides.0 {
                    request_changes = Some(tree.clone());
                }
                if sides.1 {
                    response_changes = Some(tree);
                }
            }
        }
        if request_changes.is_none() && response_changes.is_none() {
            return Err(Diagnostic::new(file, changes_line, "expected a Changes dict `{…}` after `Changes (…)`"));
        }
    }
    let page_lines = body.get(i..).unwrap_or(&[]);
    let page = method_page(file, header, name, page_lines)?;
    Ok(ChangedMethod { name: name.to_string(), change, line: header.no, request_changes, response_changes, page })
}

/// The dict starting at the first non-blank line from `start`: its tree and the index after
/// its last line. The dict ends where its brackets balance.
fn changes_dict(file: &Path, body: &[Line<'_>], start: usize) -> Result<(ChangeTree, usize), Diagnostic> {
    let start = body
        .get(start..)
        .and_then(|r| r.iter().position(|l| !l.is_blank()))
        .map(|p| p + start)
        .ok_or_else(|| Diagnostic::new(file, plaintext::line_no(body, start), "expected a Changes dict `{…}`"))?;
    let first_no = plaintext::line_no(body, start);
    let mut depth = 0i64;
    let mut quote: Option<char> = None;
    let mut text = String::new();
    for (k, line) in body.iter().enumerate().skip(start) {
        let mut escaped = false;
        for c in line.text.chars() {
            match quote {
                Some(q) => {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == q {
                        quote = None;
                    }
                }
                None => match c {
                    '\'' | '"' => quote = Some(c),
                    '{' | '[' => depth += 1,
                    '}' | ']' => depth -= 1,
                    _ => {}
                },
            }
        }
        // A string never spans lines in pprint output.
        quote = None;
        text.push_str(line.text);
        text.push('\n');
        if depth <= 0 {
            let tree = parse_changes(file, &text, first_no)?;
            if !matches!(tree, ChangeTree::Dict(_)) {
                return Err(Diagnostic::new(file, first_no, "expected a Changes dict `{…}`"));
            }
            return Ok((tree, k + 1));
        }
    }
    Err(Diagnostic::new(file, first_no, "Changes dict is not closed: expected `}` before the end of the method"))
}

fn changelog_heading(text: &str) -> Option<(Heading, bool)> {
    Some(match text {
        "Request Syntax" => (Heading::RequestSyntax, false),
        "rtype" => (Heading::ReturnType, false),
        "returns" => (Heading::Returns, false),
        "Response Syntax" => (Heading::ResponseSyntax, false),
        "Response Structure" => (Heading::ResponseStructure, false),
        "Exceptions" => (Heading::Exceptions, false),
        "Examples" => (Heading::Examples, false),
        _ if param_block_name(text, "type").is_some() => (Heading::Parameters, true),
        _ => return None,
    })
}

/// `type Name` / `param Name` → `Name`.
fn param_block_name<'a>(text: &'a str, keyword: &str) -> Option<&'a str> {
    let name = text.strip_prefix(keyword)?.strip_prefix(' ')?.trim();
    plaintext::is_identifier(name).then_some(name)
}

/// The method's documentation in the changelog's form.
fn method_page(file: &Path, header: &Line<'_>, name: &str, lines: &[Line<'_>]) -> Result<MethodPage, Diagnostic> {
    let sections = plaintext::split_sections(lines, changelog_heading);
    let Some((syntax_line, syntax)) = sections.get(Heading::RequestSyntax) else {
        return Err(Diagnostic::new(
            file,
            header.no,
            format!("expected a `Request Syntax` section in the documentation of {name}"),
        ));
    };
    let method = call_name(syntax).ok_or_else(|| {
        Diagnostic::new(file, syntax_line, "expected `client.<method>(` at the start of the Request Syntax")
    })?;
    if !method.replace('_', "").eq_ignore_ascii_case(name) {
        return Err(Diagnostic::new(
            file,
            syntax_line,
            format!("the Request Syntax calls `client.{method}`, which is not the method {name} of the header"),
        ));
    }
    let params = match sections.get(Heading::Parameters) {
        Some((_, lines)) => param_blocks(file, lines)?,
        None => Vec::new(),
    };
    let mut warnings = Vec::new();
    let bodies = plaintext::method_bodies(file, &sections, params, None, &mut warnings)?;
    let (docs, deprecated) = plaintext::description(&sections.description);
    Ok(MethodPage {
        file: file.to_path_buf(),
        line: header.no,
        kind: MethodKind::Client,
        class_name: String::new(),
        method,
        operation: Some(name.to_string()),
        uid: None,
        wraps: None,
        docs,
        deprecated,
        request: bodies.request,
        response: bodies.response,
        errors: match sections.get(Heading::Exceptions) {
            Some((_, lines)) => plaintext::exception_names(file, lines)?,
            None => Vec::new(),
        },
        warnings,
    })
}

/// `client.describe_backup_job(` (or `response = client.…(`) → `describe_backup_job`.
fn call_name(lines: &[Line<'_>]) -> Option<String> {
    let first = lines.iter().find(|l| !l.is_blank())?;
    let (_, after) = first.text.split_once("client.")?;
    let (name, _) = after.split_once('(')?;
    plaintext::is_identifier(name).then(|| name.to_string())
}

/// `type X` / `<type>` / `param X` / prose and bullets, per parameter.
fn param_blocks<'a>(file: &Path, lines: &[Line<'a>]) -> Result<Vec<plaintext::RawEntry<'a>>, Diagnostic> {
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| param_block_name(l.text, "type").is_some())
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let block = lines.get(start..end).unwrap_or(&[]);
        let Some((type_line, rest)) = block.split_first() else { continue };
        let name = param_block_name(type_line.text, "type").unwrap_or_default();
        let mut rest = rest.iter().skip_while(|l| l.is_blank());
        let word = rest.next().filter(|l| param_block_name(l.text, "param").is_none()).ok_or_else(|| {
            Diagnostic::new(file, type_line.no, format!("expected the type of parameter {name} after `type {name}`"))
        })?;
        let ty = plaintext::checked_type_text(file, word.no, word.text)?;
        let mut prose: Vec<Line<'a>> = rest.copied().collect();
        let param_at = prose.iter().position(|l| !l.is_blank());
        match param_at.and_then(|p| prose.get(p)).map(|l| (l.no, param_block_name(l.text, "param"))) {
            Some((_, Some(p))) if p == name => {
                if let Some(p) = param_at {
                    prose.drain(..=p);
                }
            }
            Some((no, Some(other))) => {
                return Err(Diagnostic::new(file, no, format!("expected `param {name}`, found `param {other}`")))
            }
            _ => {}
        }
        let entry = plaintext::RawEntry::param(name, ty, type_line.no);
        let mut entries = plaintext::build_entries(file, &prose, vec![entry], "parameter")?;
        out.append(&mut entries);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::plaintext::{comparable, first_difference};

    /// Read-only reference corpus: the seed page and two changelogs with the service's RST
    /// docs before and after them.
    const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared");
    const SEED: &str = "seeds/002_320f1e0196c2e93d.txt";
    const SAMPLES: &[(&str, &str)] = &[("changelog-samples/billing-1.40.40", "billing"), ("changelog-samples/fms-1.24.30", "fms")];

    fn read(rel: &str) -> (PathBuf, String) {
        let path = Path::new(SHARED).join(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        (path, text)
    }

    fn parse(rel: &str) -> Changelog {
        let (path, text) = read(rel);
        parse_page(&path, &text).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The RST page of a client method, if the folder has one.
    fn rst_page(rel: &str) -> Option<MethodPage> {
        let path = Path::new(SHARED).join(rel);
        let text = std::fs::read_to_string(&path).ok()?;
        match crate::parse::rst::parse_page(&path, &text) {
            Ok(crate::parse::rst::RstPage::Method(p)) => Some(p),
            other => panic!("{}: {other:?}", path.display()),
        }
    }

    #[test]
    fn seed_adds_resource_name_to_nine_methods() {
        let log = parse(SEED);
        assert_eq!((log.date.as_str(), log.service_title.as_str()), ("2023-02-08", "AWS Backup"));
        assert!(log.note.starts_with("This release added one attribute (resource name)"), "{}", log.note);
        assert_eq!(log.methods.len(), 9);
        for m in &log.methods {
            assert_eq!(m.change, ChangeKind::Updated, "{}", m.name);
            assert!(m.request_changes.is_none(), "{}", m.name);
            let paths = m.response_changes.as_ref().map(ChangeTree::paths).unwrap_or_default();
            assert_eq!(paths.len(), 1, "{}: {paths:?}", m.name);
            let (path, added) = paths.first().expect("one path");
            assert!(path == "ResourceName" || path.ends_with(".ResourceName"), "{}: {path}", m.name);
            assert_eq!(*added, Added::Member(ChangeTree::Type("string".into())));
            // The method page is the complete new definition.
            let page = &m.page;
            assert_eq!((page.kind.clone(), page.operation.as_deref()), (MethodKind::Client, Some(m.name.as_str())));
            assert_eq!(page.method.replace('_', ""), m.name.to_ascii_lowercase());
            assert!(page.warnings.is_empty(), "{}: {:?}", m.name, page.warnings);
            assert!(m.check().is_empty(), "{}: {:?}", m.name, m.check());
            // The day before, the member was not there: the delta is real.
            let before = rst_page(&format!("boto3-docs-2023-02-07/backup/client/{}.rst", page.method)).expect("page before");
            let problems = m.response_changes.as_ref().map(|t| t.check(&before.response, &before.file, "response")).unwrap_or_default();
            assert_eq!(problems.len(), 1, "{}: {problems:?}", m.name);
        }
        let names: Vec<&str> = log.methods.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names.first(), Some(&"DescribeBackupJob"));
        assert_eq!(log.methods.first().map(|m| m.line), Some(7));
    }

    #[test]
    fn sample_method_pages_equal_the_rst_pages_after() {
        let (mut equal, mut total) = (0, 0);
        for (dir, service) in SAMPLES {
            let mut log = parse(&format!("{dir}/changelog.txt"));
            let class = rst_page(&format!("{dir}/after/{service}/client/close.rst")).expect("close page").class_name;
            log.set_class_name(&class);
            for m in &log.methods {
                total += 1;
                let after = rst_page(&format!("{dir}/after/{service}/client/{}.rst", m.page.method))
                    .unwrap_or_else(|| panic!("{}: no page after", m.name));
                assert!(m.page.warnings.is_empty(), "{}: {:?}", m.name, m.page.warnings);
                // The changelog has no Exceptions list.
                assert!(m.page.errors.is_empty());
                let mut mine = m.page.clone();
                mine.errors.clone_from(&after.errors);
                match first_difference(&comparable(&mine), &comparable(&after)) {
                    None => equal += 1,
                    Some(d) => panic!("{dir} {}: {d}", m.name),
                }
                // New methods had no page before; every updated method's Changes hold after
                // and fail before.
                let before = rst_page(&format!("{dir}/before/{service}/client/{}.rst", m.page.method));
                assert_eq!(before.is_none(), m.change == ChangeKind::New, "{}", m.name);
                assert!(m.check().is_empty(), "{}: {:?}", m.name, m.check());
                if let Some(before) = before {
                    let mut problems = Vec::new();
                    if let Some(t) = &m.request_changes {
                        problems.extend(t.check(&before.request, &before.file, "request"));
                    }
                    if let Some(t) = &m.response_changes {
                        problems.extend(t.check(&before.response, &before.file, "response"));
                    }
                    assert!(!problems.is_empty(), "{}: the Changes dict already held before", m.name);
                }
            }
        }
        eprintln!("changelog method pages equal to the RST after: {equal} of {total}");
        assert_eq!((equal, total), (17, 17));
    }

    #[test]
    fn changes_forms() {
        let log = parse("changelog-samples/fms-1.24.30/changelog.txt");
        let get = |n: &str| log.methods.iter().find(|m| m.name == n).unwrap_or_else(|| panic!("{n}"));
        // `Changes (both)`: one dict for both sides.
        let put = get("PutPolicy");
        assert!(put.request_changes.is_some() && put.request_changes == put.response_changes);
        // Sets are added enum values; `'A | ' 'B'` is one string split by pprint.
        let paths = get("GetPolicy").response_changes.as_ref().map(ChangeTree::paths).unwrap_or_default();
        assert!(paths.contains(&(
            "Policy.SecurityServicePolicyData.Type".to_string(),
            Added::EnumValues(vec!["THIRD_PARTY_FIREWALL".into()])
        )));
        assert!(paths.contains(&(
            "Policy.SecurityServicePolicyData.PolicyOption.ThirdPartyFirewallPolicy.FirewallDeploymentModel".to_string(),
            Added::Member(ChangeTree::Enum(vec!["CENTRALIZED".into(), "DISTRIBUTED".into()]))
        )));
        assert_eq!(log.methods.iter().filter(|m| m.change == ChangeKind::New).count(), 4);

        let log = parse("changelog-samples/billing-1.40.40/changelog.txt");
        // `Changes (request, response)` with `Request` / `Response` labels.
        let list = log.methods.iter().find(|m| m.name == "ListBillingViews").expect("ListBillingViews");
        assert_eq!(
            list.request_changes.as_ref().map(ChangeTree::paths),
            Some(vec![("sourceAccountId".to_string(), Added::Member(ChangeTree::Type("string".into())))])
        );
        let resp = list.response_changes.as_ref().map(ChangeTree::paths).unwrap_or_default();
        assert_eq!(resp.len(), 3, "{resp:?}");
        assert!(matches!(&resp[1], (p, Added::Member(ChangeTree::List(e))) if p == "billingViews.healthStatus.statusReasons" && matches!(**e, ChangeTree::Enum(ref v) if v.len() == 8)));
    }

    #[test]
    fn changes_dict_parser() {
        let f = Path::new("c.txt");
        let t = parse_changes(f, "{'A': {'B': 'string',\n       'C': ['X | '\n             'Y']},\n 'D': {'E'}, 'F': {}}", 10).unwrap_or_else(|e| panic!("{e}"));
        let paths = t.located_paths();
        assert_eq!(
            paths,
            vec![
                ("A.B".to_string(), Added::Member(ChangeTree::Type("string".into())), 10),
                ("A.C".to_string(), Added::Member(ChangeTree::List(Box::new(ChangeTree::Enum(vec!["X".into(), "Y".into()])))), 11),
                ("D".to_string(), Added::EnumValues(vec!["E".into()]), 13),
                ("F".to_string(), Added::Member(ChangeTree::Dict(Vec::new())), 13),
            ]
        );
        // A list around a changed structure is transparent.
        let t = parse_changes(f, "{'Jobs': [{'Name': 'string'}]}", 1).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.paths(), vec![("Jobs.Name".to_string(), Added::Member(ChangeTree::Type("string".into())))]);
        for (bad, line, what) in [
            ("{'A': 'string'", 1, "`,` or `}`"),
            ("{'A': 'string',\n 'B' 'string'}", 2, "`:`"),
            ("{'A': 'str\n", 1, "closing"),
            ("{'A': 12}", 1, "a dict, set, list or string"),
            ("{'A': ['x', 'y']}", 1, "exactly one element"),
            ("{'a b': 'string'}", 1, "member name"),
            ("{'A': 'string'} extra", 1, "end of the dict"),
        ] {
            let e = parse_changes(f, bad, 1).unwrap_err();
            assert_eq!(e.line, line, "{bad}: {e}");
            assert!(e.message.contains(what), "{bad}: {e}");
        }
        let deep = format!("{}'x'{}", "{'A': ".repeat(200), "}".repeat(200));
        assert!(parse_changes(f, &deep, 1).unwrap_err().message.contains("nesting"));
    }

    #[test]
    fn check_reports_what_does_not_hold() {
        let log = parse(SEED);
        let mut m = log.methods.first().cloned().expect("a method");
        m.response_changes = Some(parse_changes(Path::new("x"), "{'ResourceName': 'integer', 'Nope': 'string', 'State': {'GONE'}}", 5).expect("dict"));
        let problems = m.check();
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 3, "{messages:?}");
        assert!(messages[0].contains("`ResourceName` is String"), "{messages:?}");
        assert!(messages[1].contains("no member `Nope`"), "{messages:?}");
        assert!(messages[2].contains("`State`") && messages[2].contains("GONE"), "{messages:?}");
        assert!(problems.iter().all(|p| p.line == 5));
    }

    #[test]
    fn malformed_pages_are_reported_with_their_line() {
        let (path, text) = read(SEED);
        let lines: Vec<&str> = text.split('\n').collect();

        let e = parse_page(&path, "Release notes\n\nNothing to see.").unwrap_err();
        assert_eq!((e.file.as_path(), e.line), (path.as_path(), 1));
        assert!(e.message.contains("expected a changelog header"), "{e}");

        // Cut after the fourth method: the header promised nine.
        let cut = lines.iter().position(|l| l.starts_with("ListBackupJobs") && l.contains("(updated)")).expect("5th method");
        let e = parse_page(&path, &lines.get(..cut).map(|l| l.join("\n")).unwrap_or_default()).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("announces 0 new and 9 updated methods, the page has 0 new and 4 updated"), "{e}");

        // Cut inside a method's response syntax.
        let cut = lines.iter().position(|l| l.contains("'IamRoleArn': 'string',")).expect("line");
        let e = parse_page(&path, &lines.get(..cut).map(|l| l.join("\n")).unwrap_or_default()).unwrap_err();
        assert!(e.message.contains("expected"), "{e}");
        assert!(e.line > 7, "{e}");

        // An unclosed Changes dict.
        let broken = text.replacen("{'CopyJob': {'ResourceName': 'string'}}", "{'CopyJob': {'ResourceName': 'string'}", 1);
        let e = parse_page(&path, &broken).unwrap_err();
        assert_eq!(e.line, 205, "{e}");
        assert!(e.message.contains("Changes dict"), "{e}");

        // A Changes heading without its dict.
        let broken = text.replacen("Changes (response)\n{'ResourceName': 'string'}\n", "Changes (response)\n", 1);
        let e = parse_page(&path, &broken).unwrap_err();
        assert_eq!(e.line, 8, "{e}");

        // The header names one method, the Request Syntax calls another.
        let broken = text.replacen("client.describe_backup_job(", "client.describe_copy_job(", 1);
        let e = parse_page(&path, &broken).unwrap_err();
        assert!(e.message.contains("not the method DescribeBackupJob"), "{e}");

        // A parameter block without its type.
        let broken = text.replacen("type BackupJobId\n\nstring\n", "type BackupJobId\n\n", 1);
        let e = parse_page(&path, &broken).unwrap_err();
        assert!(e.message.contains("BackupJobId"), "{e}");
    }

    #[test]
    fn untidy_copy_parses_the_same() {
        let (path, text) = read("changelog-samples/fms-1.24.30/changelog.txt");
        let clean = parse_page(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        let messy: String = text
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{} \r\n", l.replace('•', "*")))
            .collect();
        let messy = parse_page(&path, &messy).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(messy.methods.len(), clean.methods.len());
        for (a, b) in messy.methods.iter().zip(&clean.methods) {
            let paths = |t: &Option<ChangeTree>| t.as_ref().map(ChangeTree::paths);
            assert_eq!(paths(&a.request_changes), paths(&b.request_changes), "{}", a.name);
            assert_eq!(paths(&a.response_changes), paths(&b.response_changes), "{}", a.name);
            assert_eq!(first_difference(&comparable(&a.page), &comparable(&b.page)), None, "{}", a.name);
        }
    }

    #[test]
    fn mutations_never_panic() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut outcomes = (0, 0);
        for rel in [SEED, "changelog-samples/billing-1.40.40/changelog.txt"] {
            let (path, text) = read(rel);
            for _ in 0..60 {
                let mut lines: Vec<&str> = text.split('\n').collect();
                for _ in 0..2 {
                    let i = (next() % lines.len().max(1) as u64) as usize;
                    if next() % 2 == 0 && i < lines.len() {
                        lines.remove(i);
                    } else if let Some(l) = lines.get_mut(i) {
                        let cut = l.char_indices().map(|(k, _)| k).nth((next() % 6) as usize).unwrap_or(0);
                        *l = l.get(..cut).unwrap_or("");
                    }
                }
                match parse_page(&path, &lines.join("\n")) {
                    Ok(_) => outcomes.0 += 1,
                    Err(e) => {
                        assert!(e.line >= 1, "{e}");
                        outcomes.1 += 1;
                    }
                }
            }
        }
        assert!(outcomes.0 > 0 && outcomes.1 > 0, "{outcomes:?}");
    }
}
