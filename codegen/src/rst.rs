//! boto3's generated RST reference pages → [`crate::page`] values.
//!
//! One line-based pass per page (split on `\n` only: U+2028 occurs inside lines). The page
//! layout is fixed by botocore's documenters: breadcrumb, title, directive, description,
//! `See also` link, Request Syntax, `:type`/`:param` field list, `:rtype:`/`:returns:`,
//! Response Syntax, Response Structure, Exceptions, Examples. The syntax blocks are parsed
//! by [`crate::syntax`] and merged with the field lists by [`crate::tree`]; prose goes through
//! [`crate::markup`].

use std::path::Path;

use crate::markup::{self, Line};
use crate::page::{Body, Diagnostic, IndexPage, MethodKind, MethodPage};
use crate::syntax::{self, Entry, LiteralValue};
use crate::tree::{self, FieldEntry};

/// Field lists nested deeper than this are rejected (the deepest real one is ~25 levels).
const MAX_FIELD_DEPTH: usize = syntax::MAX_DEPTH;

#[derive(Debug, Clone, PartialEq)]
pub enum RstPage {
    Index(IndexPage),
    Method(MethodPage),
    /// boto3 resource pages (`dynamodb/table/*`, `*/service-resource/*`): valid RST, but not
    /// part of the API model; the caller skips them.
    Resource,
}

/// Parses one page. `file` is only used in diagnostics and `MethodPage::file`.
pub fn parse_page(file: &Path, text: &str) -> Result<RstPage, Diagnostic> {
    let lines = Line::split(text);
    let p = Page { file, text, lines };
    p.parse()
}

struct Page<'a> {
    file: &'a Path,
    text: &'a str,
    lines: Vec<Line<'a>>,
}

/// A title over- or underline: one repeated punctuation character.
fn is_adornment(l: &str) -> bool {
    let mut b = l.bytes();
    match b.next() {
        Some(c @ (b'*' | b'=' | b'-' | b'#' | b'~' | b'^')) => b.all(|x| x == c),
        _ => false,
    }
}

/// Lines that end a method's description: section headings and the field markers.
fn is_field_marker(t: &str) -> bool {
    t.starts_with(":type ") || t.starts_with(":param ") || t.starts_with(":rtype:") || t.starts_with(":returns:") || t.starts_with(":return:")
}

/// Lines that end a field list or code block: the page's section headings and field markers.
fn is_section_line(t: &str) -> bool {
    matches!(t, "**Request Syntax**" | "**Parameters**" | "**Response Syntax**" | "**Response Structure**" | "**Exceptions**" | "**Examples**") || is_field_marker(t)
}

const API_LINK: &str = "See also: `AWS API Documentation <";
const STUB: &str = "# This section is too large to render.";

/// The contents of a `**Heading**` + `::` section.
enum Code<'a> {
    Block { text: &'a str, line: u32 },
    TooLarge,
}

enum Params {
    Absent,
    TooLarge(u32),
    Fields(Vec<FieldEntry>),
}

/// A `- **Name** *(type) --* **[REQUIRED]** text` bullet.
struct Bullet<'a> {
    name: Option<&'a str>,
    ty: &'a str,
    required: bool,
    rest: &'a str,
}

fn parse_bullet(t: &str) -> Option<Bullet<'_>> {
    let s = t.strip_prefix("- ")?;
    let (name, s) = match s.strip_prefix("**") {
        Some(after) => {
            let end = markup::find_str(after, "** ")?;
            let name = after.get(..end)?;
            if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.') {
                return None;
            }
            (Some(name), after.get(end + 3..)?)
        }
        None => (None, s),
    };
    let (ty, s) = if let Some(after) = s.strip_prefix("*(") {
        let end = markup::find_str(after, ") --*")?;
        (after.get(..end)?, after.get(end + 5..)?)
    } else if let Some(after) = s.strip_prefix('(') {
        let end = markup::find_str(after, ") --")?;
        (after.get(..end)?, after.get(end + 4..)?)
    } else {
        return None;
    };
    let s = s.trim_start();
    let (required, rest) = match s.strip_prefix("**[REQUIRED]**") {
        Some(r) => (true, r.trim_start()),
        None => (false, s),
    };
    Some(Bullet { name, ty: ty.trim(), required, rest })
}

/// The keys of a "This is a Tagged Union structure … keys can/will be set: ``a``, ``b``." note.
fn union_keys(lines: impl Iterator<Item = impl AsRef<str>>) -> Option<Vec<String>> {
    for l in lines {
        let l = l.as_ref();
        let Some(at) = l.find("This is a Tagged Union structure") else { continue };
        let rest = l.get(at..)?;
        let after = rest.find("top level keys").and_then(|k| rest.get(k..))?;
        let after = after.find(':').and_then(|c| after.get(c + 1..))?;
        let mut keys = Vec::new();
        let mut s = after;
        loop {
            let t = s.trim_start_matches([' ', ',']);
            if let Some(inner) = t.strip_prefix("``") {
                let end = inner.find("``")?;
                keys.push(inner.get(..end)?.to_string());
                s = inner.get(end + 2..)?;
            } else {
                break;
            }
        }
        return Some(keys);
    }
    None
}

/// `Default: 20` in a WaiterConfig bullet.
fn default_number(docs: &str) -> Option<u32> {
    let at = docs.find("Default: ")?;
    let digits: String = docs.get(at + 9..)?.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// The number right before `word` in `text` ("every 20 seconds", "after 25 failed checks").
fn number_before(text: &str, word: &str) -> Option<u32> {
    let at = text.find(word)?;
    text.get(..at)?.trim_end().rsplit(' ').next()?.parse().ok()
}

/// An open field entry while its description lines are being collected.
struct Open<'a> {
    indent: usize,
    entry: FieldEntry,
    first: Option<Line<'a>>,
    desc_start: usize,
    desc_end: usize,
}

impl<'a> Page<'a> {
    fn diag(&self, line: usize, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.file, u32::try_from(line).unwrap_or(u32::MAX), msg)
    }

    fn line(&self, i: usize) -> Line<'a> {
        self.lines.get(i).copied().unwrap_or(Line { indent: 0, text: "" })
    }

    fn skip_blank(&self, mut i: usize) -> usize {
        while i < self.lines.len() && self.line(i).text.is_empty() {
            i += 1;
        }
        i
    }

    /// 1-based number of the last line with text, for "ends before" messages.
    fn last_line(&self) -> usize {
        self.lines.iter().rposition(|l| !l.text.is_empty()).map_or(1, |p| p + 1)
    }

    fn parse(&self) -> Result<RstPage, Diagnostic> {
        let mut i = self.skip_blank(0);
        let Some(first) = self.lines.get(i).map(|l| l.text) else {
            return Err(self.diag(1, "empty page: expected a boto3 reference page (a `:doc:` breadcrumb or a title, then a directive)"));
        };
        let crumb = if first.starts_with(":doc:`") {
            let c = self.breadcrumb(first, i)?;
            i = self.skip_blank(i + 1);
            Some(c)
        } else if is_adornment(first) {
            None
        } else {
            let shown: String = first.chars().take(60).collect();
            return Err(self.diag(i + 1, format!("not a boto3 reference page: expected a `:doc:` breadcrumb or a title overline, found `{shown}`")));
        };
        i = self.title(i)?;
        let Some((target, kind)) = crumb else {
            return self.index(i).map(RstPage::Index);
        };
        if target == "index" || kind == "Resource" {
            return Ok(RstPage::Resource);
        }
        match kind {
            "Client" | "Paginator" | "Waiter" => self.method(i, kind).map(RstPage::Method),
            other => Err(self.diag(
                self.lines.iter().position(|l| l.text.starts_with(":doc:`")).map_or(1, |p| p + 1),
                format!("unknown page kind `{other}` in the breadcrumb: expected Client, Paginator, Waiter or a resource page"),
            )),
        }
    }

    /// `:doc:`DynamoDB <../../dynamodb>` / Client / list_backups` → `(target, kind)`.
    fn breadcrumb(&self, l: &'a str, i: usize) -> Result<(&'a str, &'a str), Diagnostic> {
        let bad = || self.diag(i + 1, "malformed breadcrumb: expected ``:doc:`Name <target>` / Kind / name``");
        let rest = l.strip_prefix(":doc:`").ok_or_else(bad)?;
        let close = rest.find('`').ok_or_else(bad)?;
        let label = rest.get(..close).ok_or_else(bad)?;
        let target = label.rfind('<').and_then(|lt| label.get(lt + 1..)).and_then(|t| t.strip_suffix('>')).ok_or_else(bad)?;
        let mut parts = rest.get(close + 1..).ok_or_else(bad)?.split(" / ").skip(1);
        let kind = parts.next().ok_or_else(bad)?.trim();
        Ok((target, kind))
    }

    /// Checks the over-/underlined title at `i`; returns the line after it.
    fn title(&self, i: usize) -> Result<usize, Diagnostic> {
        let (over, title, under) = (self.line(i), self.line(i + 1), self.line(i + 2));
        if !is_adornment(over.text) || title.text.is_empty() || under != over {
            return Err(self.diag(i + 1, "expected the page title between two identical `***` lines"));
        }
        Ok(i + 3)
    }

    fn index(&self, from: usize) -> Result<IndexPage, Diagnostic> {
        let mut i = from;
        let class = loop {
            let Some(l) = self.lines.get(i) else {
                return Err(self.diag(self.last_line(), "index page ends before `.. py:class:: <Class>.Client`"));
            };
            if let Some(c) = l.text.strip_prefix(".. py:class:: ").and_then(|r| r.trim().strip_suffix(".Client")) {
                break c;
            }
            i += 1;
        };
        let mut i = self.skip_blank(i + 1);
        let mut page = IndexPage { class_name: class.to_string(), ..Default::default() };
        if let Some(name) = self.line(i).text.strip_prefix("A low-level client representing ") {
            let name = name.trim();
            match name.strip_suffix(')').and_then(|n| n.rfind(" (").map(|p| (n, p))) {
                Some((n, p)) => {
                    page.full_name = n.get(..p).map(str::to_string);
                    page.abbreviation = n.get(p + 2..).map(str::to_string);
                }
                None => page.full_name = Some(name.to_string()),
            }
            i += 1;
        }
        // The description runs up to the `::` block showing `boto3.client(…)`.
        let start = i;
        while i < self.lines.len() {
            let l = self.line(i);
            let t = l.text;
            if (t == "::" && self.line(self.skip_blank(i + 1)).text.contains("import boto3")) || (!t.is_empty() && l.indent == 0) {
                break;
            }
            i += 1;
        }
        page.docs = markup::to_markdown(None, self.lines.get(start..i).unwrap_or(&[]));
        Ok(page)
    }

    fn method(&self, from: usize, kind: &str) -> Result<MethodPage, Diagnostic> {
        let i = self.skip_blank(from);
        let d = self.line(i).text;
        let (class_name, method, body_from, body_indent, directive_line) = if kind == "Client" {
            let sig = d.strip_prefix(".. py:method:: ").ok_or_else(|| self.diag(i + 1, "expected `.. py:method:: <Class>.Client.<method>(…)` after the title"))?;
            let name = sig.split('(').next().unwrap_or("");
            let (class, method) = name.split_once(".Client.").ok_or_else(|| self.diag(i + 1, format!("expected `<Class>.Client.<method>` in the directive, found `{name}`")))?;
            (class, method, i + 1, 2, i + 1)
        } else {
            let name = d.strip_prefix(".. py:class:: ").ok_or_else(|| self.diag(i + 1, format!("expected `.. py:class:: <Class>.{kind}.<Name>` after the title")))?;
            let (class, method) = name.trim().split_once(&format!(".{kind}.")).ok_or_else(|| self.diag(i + 1, format!("expected `<Class>.{kind}.<Name>` in the directive, found `{name}`")))?;
            let call = if kind == "Paginator" { "paginate(" } else { "wait(" };
            let m = (i + 1..self.lines.len())
                .find(|&j| self.line(j).text.starts_with(".. py:method:: "))
                .ok_or_else(|| self.diag(self.last_line(), format!("page ends before `.. py:method:: {call}**kwargs)`")))?;
            if !self.line(m).text.contains(call) {
                return Err(self.diag(m + 1, format!("expected `.. py:method:: {call}**kwargs)`")));
            }
            (class, method, m + 1, self.line(m).indent + 2, i + 1)
        };
        let mut page = MethodPage {
            file: self.file.to_path_buf(),
            line: u32::try_from(directive_line).unwrap_or(u32::MAX),
            kind: MethodKind::Client,
            class_name: class_name.to_string(),
            method: method.to_string(),
            operation: None,
            uid: None,
            wraps: None,
            docs: String::new(),
            deprecated: false,
            request: Body::None,
            response: Body::None,
            errors: Vec::new(),
            warnings: Vec::new(),
        };

        // Description.
        let mut i = body_from;
        while i < self.lines.len() {
            let l = self.line(i);
            let t = l.text;
            if t.starts_with(API_LINK) || t == "**Request Syntax**" || t == "**Exceptions**" || t == "**Examples**" || (l.indent <= body_indent && is_field_marker(t)) {
                break;
            }
            i += 1;
        }
        let desc = self.lines.get(body_from..i).unwrap_or(&[]);
        page.deprecated = desc.iter().any(|l| l.text.starts_with(".. danger::"));
        if kind != "Client" {
            page.wraps = desc.iter().find_map(|l| {
                let at = l.text.find(":py:meth:`")?;
                let target = l.text.get(at + 10..)?.split('`').next()?;
                Some(target.split_once(".Client.")?.1.to_string())
            });
        }
        page.docs = markup::to_markdown(None, desc);

        // Sections.
        let mut request: Option<Code> = None;
        let mut params = Params::Absent;
        let mut rtype: Option<(&str, usize)> = None;
        let mut returns: Option<(&str, usize)> = None;
        let mut response: Option<Code> = None;
        let mut structure = Params::Absent;
        let mut stray: Option<usize> = None;
        // Prose after `:returns:` (the event-stream intro) documents the response.
        let mut returns_desc: Option<(usize, usize)> = None;
        let mut in_returns = false;
        while i < self.lines.len() {
            let l = self.line(i);
            let t = l.text;
            let ind = l.indent;
            if t.is_empty() || t.starts_with("`AWS API Documentation <") {
                i += 1;
                continue;
            }
            let returns_line = t.starts_with(":returns:") || t.starts_with(":return:");
            if in_returns && !returns_line && !is_section_line(t) && !t.starts_with(API_LINK) {
                if let Some((_, end)) = &mut returns_desc {
                    *end = i + 1;
                }
                i += 1;
                continue;
            }
            in_returns = false;
            if t.starts_with(API_LINK) {
                if page.operation.is_none() {
                    let (uid, op) = self.api_link(t, i)?;
                    page.uid = Some(uid.to_string());
                    page.operation = Some(op.to_string());
                }
                i += 1;
                continue;
            }
            match t {
                "**Request Syntax**" => {
                    let (c, next) = self.code_section(i, "Request Syntax")?;
                    request = Some(c);
                    i = next;
                }
                "**Parameters**" => {
                    let (c, next) = self.code_section(i, "Parameters")?;
                    if let Code::Block { line, .. } = c {
                        return Err(self.diag(line as usize, "expected the \"too large to render\" stub under **Parameters**"));
                    }
                    params = Params::TooLarge(u32::try_from(i + 1).unwrap_or(u32::MAX));
                    i = next;
                }
                "**Response Syntax**" => {
                    let (c, next) = self.code_section(i, "Response Syntax")?;
                    response = Some(c);
                    i = next;
                }
                "**Response Structure**" => {
                    let next_text = self.skip_blank(i + 1);
                    if self.line(next_text).text == "::" {
                        let (c, next) = self.code_section(i, "Response Structure")?;
                        if let Code::Block { line, .. } = c {
                            return Err(self.diag(line as usize, "expected bullets or the \"too large to render\" stub under **Response Structure**"));
                        }
                        structure = Params::TooLarge(u32::try_from(i + 1).unwrap_or(u32::MAX));
                        i = next;
                    } else {
                        let (fields, next) = self.fields(i + 1, ind.saturating_sub(1), None, &mut page.warnings)?;
                        structure = Params::Fields(fields);
                        i = next;
                    }
                }
                "**Exceptions**" => {
                    i = self.exceptions(i + 1, &mut page.errors, &mut page.warnings);
                }
                "**Examples**" => break,
                _ if ind <= body_indent && (t.starts_with(":type ") || t.starts_with(":param ")) => {
                    if page.operation.is_none() && request.is_none() {
                        // A custom method's docstring field list (`str`, `function`, …).
                        i += 1;
                        continue;
                    }
                    let (fields, next) = self.fields(i, ind, Some(ind), &mut page.warnings)?;
                    params = Params::Fields(fields);
                    i = next;
                }
                _ if t.starts_with(":rtype:") => {
                    rtype = Some((t.get(7..).unwrap_or("").trim(), i));
                    i += 1;
                }
                _ if t.starts_with(":returns:") || t.starts_with(":return:") => {
                    let rest = t.split_once(':').and_then(|(_, r)| r.split_once(':')).map_or("", |(_, r)| r.trim());
                    returns = Some((rest, i));
                    returns_desc = Some((i + 1, i + 1));
                    in_returns = true;
                    i += 1;
                }
                _ => {
                    stray.get_or_insert(i);
                    i += 1;
                }
            }
        }

        let is_api = page.operation.is_some() || request.is_some();
        if !is_api {
            // Custom method (can_paginate, get_waiter, s3 upload_file, …).
            return Ok(page);
        }
        if page.operation.is_none() {
            return Err(self.diag(directive_line, "expected a `See also: AWS API Documentation` link naming the operation"));
        }
        if let Some(s) = stray {
            let shown: String = self.line(s).text.chars().take(60).collect();
            page.warnings.push(self.diag(s + 1, format!("unexpected text outside any section: `{shown}`")));
        }
        page.kind = match kind {
            "Client" => MethodKind::Client,
            "Paginator" => MethodKind::Paginator { page_size: false },
            _ => MethodKind::Waiter { delay_seconds: 0, max_attempts: 0 },
        };

        // Request.
        let Some(request) = request else {
            return Err(self.diag(self.last_line(), "page ends before **Request Syntax** (truncated?)"));
        };
        page.request = match request {
            Code::TooLarge => {
                if let MethodKind::Waiter { delay_seconds, max_attempts } = &mut page.kind {
                    *delay_seconds = number_before(&page.docs, " seconds").unwrap_or(0);
                    *max_attempts = number_before(&page.docs, " failed checks").unwrap_or(0);
                }
                Body::TooLarge
            }
            Code::Block { text, line } => {
                let mut lit = syntax::parse_literal(text, line, self.file)?;
                let LiteralValue::Call(entries) = &mut lit.value else {
                    return Err(self.diag(line as usize, "Request Syntax: expected a method call such as `response = client.op(`"));
                };
                let mut fields = match params {
                    Params::Fields(f) => f,
                    Params::Absent => Vec::new(),
                    Params::TooLarge(l) => {
                        page.warnings.push(Diagnostic::new(self.file, l, "Parameters section too large to render: request members are undocumented"));
                        Vec::new()
                    }
                };
                self.strip_config(&mut page, entries, &mut fields, line);
                if entries.is_empty() && fields.is_empty() {
                    Body::None
                } else {
                    Body::Shape(tree::build_body_owned(lit, fields, self.file, &mut page.warnings)?)
                }
            }
        };

        // Response.
        let Some((ret, ret_line)) = returns else {
            return Err(self.diag(self.last_line(), "page ends before `:returns:` (truncated?)"));
        };
        page.response = if ret == "None" {
            if let Some(Code::Block { line, .. }) = response {
                page.warnings.push(Diagnostic::new(self.file, line, "Response Syntax on a page that says `:returns: None`"));
            }
            Body::None
        } else {
            match rtype {
                Some(("dict", _)) => {}
                Some((other, l)) => return Err(self.diag(l + 1, format!("expected `:rtype: dict`, found `:rtype: {other}`"))),
                None => return Err(self.diag(ret_line + 1, "expected `:rtype: dict` before `:returns:`")),
            }
            match response {
                None => return Err(self.diag(self.last_line(), "page ends before **Response Syntax** (truncated?)")),
                Some(Code::TooLarge) => Body::TooLarge,
                Some(Code::Block { text, line }) => {
                    let lit = syntax::parse_literal(text, line, self.file)?;
                    if !matches!(lit.value, LiteralValue::Dict(_)) {
                        return Err(self.diag(line as usize, "Response Syntax: expected a dict `{…}`"));
                    }
                    let fields = match structure {
                        Params::Fields(f) => f,
                        Params::Absent => return Err(self.diag(self.last_line(), "page ends before **Response Structure** (truncated?)")),
                        Params::TooLarge(l) => {
                            page.warnings.push(Diagnostic::new(self.file, l, "Response Structure too large to render: response members are undocumented"));
                            Vec::new()
                        }
                    };
                    let mut node = tree::build_body_owned(lit, fields, self.file, &mut page.warnings)?;
                    if let Some((a, b)) = returns_desc {
                        let intro = markup::to_markdown(None, self.lines.get(a..b).unwrap_or(&[]));
                        if !intro.is_empty() {
                            node.docs = if node.docs.is_empty() { intro } else { format!("{intro}\n\n{}", node.docs) };
                        }
                    }
                    Body::Shape(node)
                }
            }
        };
        Ok(page)
    }

    /// `See also: `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/<uid>/<Op>>`_`.
    fn api_link(&self, t: &'a str, i: usize) -> Result<(&'a str, &'a str), Diagnostic> {
        let bad = || self.diag(i + 1, "expected an API link `https://docs.aws.amazon.com/goto/WebAPI/<uid>/<Operation>`");
        let at = t.find("/goto/WebAPI/").ok_or_else(bad)?;
        let rest = t.get(at + 13..).ok_or_else(bad)?;
        let rest = rest.get(..rest.find('>').ok_or_else(bad)?).ok_or_else(bad)?;
        let (uid, op) = rest.rsplit_once('/').ok_or_else(bad)?;
        if uid.is_empty() || op.is_empty() || !op.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
            return Err(bad());
        }
        Ok((uid, op))
    }

    /// Removes `PaginationConfig`/`WaiterConfig` (boto3's, not the operation's) and records
    /// what they say.
    fn strip_config(&self, page: &mut MethodPage, entries: &mut Vec<Entry>, fields: &mut Vec<FieldEntry>, line: u32) {
        let name = match page.kind {
            MethodKind::Client => return,
            MethodKind::Paginator { .. } => "PaginationConfig",
            MethodKind::Waiter { .. } => "WaiterConfig",
        };
        let lit = entries.iter().position(|e| e.key == name).map(|p| entries.remove(p));
        let field = fields.iter().position(|f| f.name.as_deref() == Some(name)).map(|p| fields.remove(p));
        if lit.is_none() && field.is_none() {
            page.warnings.push(Diagnostic::new(self.file, line, format!("expected a `{name}` parameter")));
        }
        let child = |n: &str| field.as_ref().and_then(|f| f.children.iter().find(|c| c.name.as_deref() == Some(n)));
        match &mut page.kind {
            MethodKind::Paginator { page_size } => {
                let in_fields = child("PageSize").is_some();
                let in_lit = matches!(&lit, Some(Entry { value: syntax::Literal { value: LiteralValue::Dict(d), .. }, .. }) if d.iter().any(|e| e.key == "PageSize"));
                if field.is_some() && lit.is_some() && in_fields != in_lit {
                    page.warnings.push(Diagnostic::new(self.file, line, "PaginationConfig's PageSize is in only one of the syntax block and the field list"));
                }
                *page_size = in_fields || in_lit;
            }
            MethodKind::Waiter { delay_seconds, max_attempts } => {
                let from_docs = |n: &str, word: &str| child(n).and_then(|c| default_number(&c.docs)).or_else(|| number_before(&page.docs, word));
                match (from_docs("Delay", " seconds"), from_docs("MaxAttempts", " failed checks")) {
                    (Some(d), Some(m)) => {
                        *delay_seconds = d;
                        *max_attempts = m;
                    }
                    _ => page.warnings.push(Diagnostic::new(self.file, line, "WaiterConfig: expected `Default: N` for Delay and MaxAttempts")),
                }
            }
            MethodKind::Client => {}
        }
    }

    /// A `**Heading**` followed by a `::` block; returns the block and the line after it.
    fn code_section(&self, heading: usize, what: &str) -> Result<(Code<'a>, usize), Diagnostic> {
        let colons = self.skip_blank(heading + 1);
        if self.line(colons).text != "::" {
            return Err(self.diag(colons.min(self.lines.len().saturating_sub(1)) + 1, format!("expected `::` opening the {what} block")));
        }
        let base = self.line(colons).indent;
        let first = self.skip_blank(colons + 1);
        let mut end = first;
        let mut j = first;
        while j < self.lines.len() {
            let l = self.line(j);
            if l.text.is_empty() {
                j += 1;
                continue;
            }
            // Stubs indent the next heading deeper than the block's `::`.
            if l.indent <= base || is_section_line(l.text) {
                break;
            }
            j += 1;
            end = j;
        }
        if end == first {
            return Err(self.diag(first.min(self.lines.len().saturating_sub(1)) + 1, format!("expected the {what} block's content")));
        }
        if self.line(first).text.starts_with(STUB) {
            return Ok((Code::TooLarge, end));
        }
        let start_off = self.offset(first).saturating_sub(self.line(first).indent);
        let end_off = self.offset(end - 1) + self.line(end - 1).text.len();
        let text = self.text.get(start_off..end_off).unwrap_or("");
        Ok((Code::Block { text, line: u32::try_from(first + 1).unwrap_or(u32::MAX) }, end))
    }

    /// Byte offset of line `i`'s text (after its indent) in the page.
    fn offset(&self, i: usize) -> usize {
        (self.line(i).text.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
    }

    /// `*   :py:class:`X.Client.exceptions.Name`` items; returns the line after the list.
    fn exceptions(&self, from: usize, errors: &mut Vec<String>, warnings: &mut Vec<Diagnostic>) -> usize {
        let mut i = from;
        while i < self.lines.len() {
            let t = self.line(i).text;
            if t.is_empty() {
                i += 1;
                continue;
            }
            let Some(item) = t.strip_prefix("* ").map(str::trim_start) else { break };
            match item.strip_prefix(":py:class:`").and_then(|r| r.strip_suffix('`')) {
                Some(path) => errors.push(path.rsplit('.').next().unwrap_or(path).to_string()),
                None => warnings.push(self.diag(i + 1, "expected an exception item ``*   :py:class:`X.Client.exceptions.Name` ``")),
            }
            i += 1;
        }
        i
    }

    /// Parses a field list starting at `from`. With `param_indent`, top-level entries are
    /// `:type`/`:param` pairs at that indent; otherwise they are bullets. Stops at a section
    /// heading or field marker indented at most `stop_indent`.
    fn fields(&self, from: usize, stop_indent: usize, param_indent: Option<usize>, warnings: &mut Vec<Diagnostic>) -> Result<(Vec<FieldEntry>, usize), Diagnostic> {
        let mut stack: Vec<Open<'a>> = Vec::new();
        let mut roots: Vec<FieldEntry> = Vec::new();
        let mut pending_type: Option<(&str, &str)> = None;
        let mut i = from;
        while i < self.lines.len() {
            let l = self.line(i);
            let t = l.text;
            let ind = l.indent;
            if t.is_empty() {
                if let Some(top) = stack.last_mut() {
                    top.desc_end = i + 1;
                }
                i += 1;
                continue;
            }
            if Some(ind) == param_indent && t.starts_with(":type ") {
                self.close_to(&mut stack, &mut roots, 0);
                let spec = t.get(6..).unwrap_or("");
                let (name, ty) = spec.split_once(':').ok_or_else(|| self.diag(i + 1, "expected `:type <name>: <type>`"))?;
                pending_type = Some((name.trim(), ty.trim()));
                i += 1;
                continue;
            }
            if Some(ind) == param_indent && t.starts_with(":param ") {
                self.close_to(&mut stack, &mut roots, 0);
                let spec = t.get(7..).unwrap_or("");
                let (name, rest) = spec.split_once(':').ok_or_else(|| self.diag(i + 1, "expected `:param <name>:`"))?;
                let name = name.trim();
                let ty = match pending_type.take() {
                    Some((n, ty)) if n == name => ty,
                    Some((n, _)) => return Err(self.diag(i + 1, format!("expected `:param {n}:` after `:type {n}:`, found `:param {name}:`"))),
                    None => return Err(self.diag(i + 1, format!("expected `:type {name}: <type>` before `:param {name}:`"))),
                };
                let rest = rest.trim_start();
                let (required, rest) = match rest.strip_prefix("**[REQUIRED]**") {
                    Some(r) => (true, r.trim_start()),
                    None => (false, rest),
                };
                let entry = FieldEntry { name: Some(name.to_string()), type_text: ty.to_string(), required, line: u32::try_from(i + 1).unwrap_or(u32::MAX), ..Default::default() };
                stack.push(Open { indent: ind, entry, first: (!rest.is_empty()).then_some(Line { indent: ind + 2, text: rest }), desc_start: i + 1, desc_end: i + 1 });
                i += 1;
                continue;
            }
            if let Some(b) = parse_bullet(t) {
                while stack.last().is_some_and(|o| o.indent >= ind) {
                    self.close_top(&mut stack, &mut roots);
                }
                if param_indent.is_some() && stack.is_empty() {
                    return Err(self.diag(i + 1, "expected a bullet inside a `:param` entry, found one outside any parameter"));
                }
                if stack.len() >= MAX_FIELD_DEPTH {
                    return Err(self.diag(i + 1, format!("field list nested deeper than {MAX_FIELD_DEPTH} levels")));
                }
                let entry = FieldEntry {
                    name: b.name.map(str::to_string),
                    type_text: b.ty.to_string(),
                    required: b.required,
                    line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    ..Default::default()
                };
                stack.push(Open { indent: ind, entry, first: (!b.rest.is_empty()).then_some(Line { indent: ind + 2, text: b.rest }), desc_start: i + 1, desc_end: i + 1 });
                i += 1;
                continue;
            }
            // Dedented description lines exist (HTML newlines), so only a section line ends
            // the list.
            if ind <= stop_indent && is_section_line(t) {
                break;
            }
            match stack.last_mut() {
                Some(top) => top.desc_end = i + 1,
                None => {
                    let shown: String = t.chars().take(60).collect();
                    warnings.push(self.diag(i + 1, format!("text before the first field entry: `{shown}`")));
                }
            }
            i += 1;
        }
        if let Some((n, _)) = pending_type {
            return Err(self.diag(i, format!("expected `:param {n}:` after `:type {n}:`")));
        }
        self.close_to(&mut stack, &mut roots, 0);
        Ok((roots, i))
    }

    fn close_to(&self, stack: &mut Vec<Open<'a>>, roots: &mut Vec<FieldEntry>, depth: usize) {
        while stack.len() > depth {
            self.close_top(stack, roots);
        }
    }

    /// Finishes the innermost open entry (docs, union note) and attaches it to its parent.
    fn close_top(&self, stack: &mut Vec<Open<'a>>, roots: &mut Vec<FieldEntry>) {
        let Some(mut open) = stack.pop() else { return };
        let desc = self.lines.get(open.desc_start..open.desc_end.max(open.desc_start)).unwrap_or(&[]);
        open.entry.docs = markup::to_markdown(open.first, desc);
        // The union note is always a `.. note::` directive line.
        let noted = |t: &str| t.starts_with(".. note::") && markup::find_str(t, "Tagged Union").is_some();
        if open.first.is_some_and(|f| noted(f.text)) || desc.iter().any(|l| noted(l.text)) {
            open.entry.union_keys = union_keys(open.first.map(|f| f.text).into_iter().chain(desc.iter().map(|l| l.text)));
        }
        match stack.last_mut() {
            Some(parent) => parent.entry.children.push(open.entry),
            None => roots.push(open.entry),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Node, NodeType};
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    const DOCS: &str = "/work/shared/boto3-docs";

    fn rst_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                rst_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rst") {
                out.push(p);
            }
        }
    }

    #[derive(Default, Debug, PartialEq)]
    struct Counts {
        index: usize,
        client: usize,
        custom: usize,
        paginator: usize,
        waiter: usize,
        resource: usize,
    }

    fn parse_all(root: &Path) -> (Counts, Vec<Diagnostic>, Vec<Diagnostic>) {
        let mut files = Vec::new();
        rst_files(root, &mut files);
        files.sort();
        let mut counts = Counts::default();
        let (mut errors, mut warnings) = (Vec::new(), Vec::new());
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            let rel = f.strip_prefix(root).unwrap();
            match parse_page(rel, &text) {
                Ok(RstPage::Index(_)) => counts.index += 1,
                Ok(RstPage::Resource) => counts.resource += 1,
                Ok(RstPage::Method(m)) => {
                    match m.kind {
                        MethodKind::Client if m.is_custom() => counts.custom += 1,
                        MethodKind::Client => counts.client += 1,
                        MethodKind::Paginator { .. } => counts.paginator += 1,
                        MethodKind::Waiter { .. } => counts.waiter += 1,
                    }
                    warnings.extend(m.warnings);
                }
                Err(e) => errors.push(e),
            }
        }
        (counts, errors, warnings)
    }

    #[test]
    fn all_shared_boto3_docs_parse() {
        let (counts, errors, warnings) = parse_all(Path::new(DOCS));
        for e in errors.iter().chain(&warnings).take(40) {
            eprintln!("{e}");
        }
        assert!(errors.is_empty(), "{} errors", errors.len());
        assert!(warnings.is_empty(), "{} warnings", warnings.len());
        // 207 client pages = 195 operations + 4 custom methods (can_paginate, close, get_paginator,
        // get_waiter) per service; 46 dynamodb/table + 7 service-resource pages.
        assert_eq!(counts, Counts { index: 3, client: 195, custom: 12, paginator: 34, waiter: 7, resource: 53 });
    }

    /// A diagnostic's message with names, quotes and numbers blanked, to count by kind.
    fn kind_of(msg: &str) -> String {
        let mut out = String::new();
        let mut skip = None;
        for c in msg.chars() {
            match skip {
                Some(end) if c == end => skip = None,
                Some(_) => {}
                None if c == '`' || c == '\'' => {
                    skip = Some(c);
                    out.push_str("_");
                }
                None if c.is_ascii_digit() => {
                    if !out.ends_with('N') {
                        out.push('N');
                    }
                }
                None => out.push(c),
            }
        }
        out
    }

    /// Whole-corpus check: `RST_CORPUS=/work/cache/corpus cargo test -p awsdoc-codegen --lib
    /// rst::tests::corpus -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn corpus() {
        let Some(root) = std::env::var_os("RST_CORPUS") else { return };
        let root = PathBuf::from(root);
        let mut files = Vec::new();
        rst_files(&root, &mut files);
        files.sort();
        let start = std::time::Instant::now();
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        let chunk = files.len().div_ceil(threads.max(1)).max(1);
        let results: Vec<(Counts, Vec<Diagnostic>, Vec<Diagnostic>, usize)> = std::thread::scope(|sc| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .map(|part| {
                    let root = &root;
                    sc.spawn(move || {
                        let mut counts = Counts::default();
                        let (mut errors, mut warnings, mut bytes) = (Vec::new(), Vec::new(), 0);
                        for f in part {
                            let text = std::fs::read_to_string(f).unwrap();
                            bytes += text.len();
                            let rel = f.strip_prefix(root).unwrap();
                            match parse_page(rel, &text) {
                                Ok(RstPage::Index(_)) => counts.index += 1,
                                Ok(RstPage::Resource) => counts.resource += 1,
                                Ok(RstPage::Method(m)) => {
                                    match m.kind {
                                        MethodKind::Client if m.is_custom() => counts.custom += 1,
                                        MethodKind::Client => counts.client += 1,
                                        MethodKind::Paginator { .. } => counts.paginator += 1,
                                        MethodKind::Waiter { .. } => counts.waiter += 1,
                                    }
                                    warnings.extend(m.warnings);
                                }
                                Err(e) => errors.push(e),
                            }
                        }
                        (counts, errors, warnings, bytes)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let elapsed = start.elapsed();
        let mut total = Counts::default();
        let (mut errors, mut warnings, mut bytes) = (Vec::new(), Vec::new(), 0);
        for (c, e, w, b) in results {
            total.index += c.index;
            total.client += c.client;
            total.custom += c.custom;
            total.paginator += c.paginator;
            total.waiter += c.waiter;
            total.resource += c.resource;
            errors.extend(e);
            warnings.extend(w);
            bytes += b;
        }
        eprintln!("{} files, {} MB in {:.2?} on {threads} threads: {total:?}", files.len(), bytes / 1_000_000, elapsed);
        for (label, list) in [("errors", &errors), ("warnings", &warnings)] {
            let mut by_kind: BTreeMap<String, (usize, String)> = BTreeMap::new();
            for d in list.iter() {
                let e = by_kind.entry(kind_of(&d.message)).or_insert((0, d.to_string()));
                e.0 += 1;
            }
            eprintln!("{} {label}:", list.len());
            for (k, (n, example)) in &by_kind {
                eprintln!("  {n:6}  {k}\n          e.g. {example}");
            }
        }
        assert_eq!(files.len(), total.index + total.client + total.custom + total.paginator + total.waiter + total.resource + errors.len());
    }
}
