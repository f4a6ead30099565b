//! boto3's generated RST reference pages → [`crate::parse::page`] values.
//!
//! One line-based pass per page (split on `\n` only: U+2028 occurs inside lines). The page
//! layout is fixed by botocore's documenters: breadcrumb, title, directive, description,
//! `See also` link, Request Syntax, `:type`/`:param` field list, `:rtype:`/`:returns:`,
//! Response Syntax, Response Structure, Exceptions, Examples. The syntax blocks are parsed
//! by [`crate::parse::syntax`] and merged with the field lists by [`crate::parse::tree`]; prose goes through
//! [`crate::parse::markup`].

use std::path::Path;

use crate::parse::markup::{self, Line};
use crate::parse::page::{Body, Diagnostic, IndexPage, MethodKind, MethodPage};
use crate::parse::syntax::{self, Entry, LiteralValue};
use crate::parse::tree::{self, FieldEntry};

/// Field lists nested deeper than this are rejected (the deepest real one is ~25 levels).
const MAX_FIELD_DEPTH: usize = syntax::MAX_DEPTH;

/// One value per page, consumed right away: boxing the large variant would only add an
/// allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum RstPage {
    Index(IndexPage),
    Method(MethodPage),
    /// boto3 resource pages (`dynamodb/table/*`, `*/service-resource/*`): valid RST, but not
    /// part of the API model; the caller skips them.
    Resource,
}

/// Parses one page. `file` is only used in diagnostics and `MethodPage::file`.
///
/// A page that is not a boto3 reference page, or that ends before a required section, or
/// whose syntax block or type words are broken, is an error. Disagreements between a syntax
/// block and its field list (including a Response Structure cut short, which no marker
/// distinguishes from a complete one) are `MethodPage::warnings`. Custom methods
/// (`can_paginate`, s3 `upload_file`, …) give a page without operation and with empty bodies.
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
            let end = markup::find_near(after.as_bytes(), b"** ")?;
            let name = after.get(..end)?;
            if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.') {
                return None;
            }
            (Some(name), after.get(end + 3..)?)
        }
        None => (None, s),
    };
    let (ty, s) = if let Some(after) = s.strip_prefix("*(") {
        let end = markup::find_near(after.as_bytes(), b") --*")?;
        (after.get(..end)?, after.get(end + 5..)?)
    } else if let Some(after) = s.strip_prefix('(') {
        let end = markup::find_near(after.as_bytes(), b") --")?;
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
    /// A diagnostic at 1-based `line`, kept inside the page.
    fn diag(&self, line: usize, msg: impl Into<String>) -> Diagnostic {
        let line = line.clamp(1, self.lines.len().max(1));
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
        if i + 2 >= self.lines.len() {
            return Err(self.diag(self.last_line(), "page ends before its title (truncated?)"));
        }
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
        if i >= self.lines.len() {
            return Err(self.diag(self.last_line(), "page ends before its `.. py:method::`/`.. py:class::` directive (truncated?)"));
        }
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
                    Params::Absent => {
                        if !entries.is_empty() {
                            page.warnings.push(Diagnostic::new(self.file, line, format!("Request Syntax lists {} parameters but no `:param` documents them", entries.len())));
                        }
                        Vec::new()
                    }
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

    /// ``See also: `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/<uid>/<Op>>`_``.
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

    /// ``*   :py:class:`X.Client.exceptions.Name` `` items; returns the line after the list.
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
                let (name, ty) = (name.trim(), ty.trim());
                self.check_type(ty, Some(name), i)?;
                pending_type = Some((name, ty));
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
                self.check_type(b.ty, b.name, i)?;
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

    /// A type word outside the docs' vocabulary means the page is not in the format this
    /// parser knows; reported at the line that carries it.
    fn check_type(&self, ty: &str, name: Option<&str>, i: usize) -> Result<(), Diagnostic> {
        if tree::TypeWord::parse(ty).is_some() {
            return Ok(());
        }
        Err(self.diag(
            i + 1,
            format!(
                "unknown type `{ty}`{}: expected string, dict, list, integer, boolean, datetime, float, bytes, document, a streaming type or JSON serializable",
                name.map(|n| format!(" for `{n}`")).unwrap_or_default()
            ),
        ))
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
    use crate::parse::page::{Node, NodeType};
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

    const SEEDS: &str = "/work/shared/seeds";

    fn seed(prefix: &str) -> (PathBuf, String) {
        let dir = std::fs::read_dir(SEEDS).unwrap();
        let path = dir.flatten().map(|e| e.path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        (path, text)
    }

    fn method(file: &str, text: &str) -> MethodPage {
        match parse_page(Path::new(file), text) {
            Ok(RstPage::Method(m)) => m,
            other => panic!("{file}: {other:?}"),
        }
    }

    fn error(file: &str, text: &str) -> Diagnostic {
        match parse_page(Path::new(file), text) {
            Err(e) => e,
            Ok(p) => panic!("{file} parsed: {p:?}"),
        }
    }

    fn shape(b: &Body) -> &Node {
        match b {
            Body::Shape(n) => n,
            other => panic!("not a shape: {other:?}"),
        }
    }

    fn names(n: &Node) -> Vec<&str> {
        tree::members(n).iter().map(|m| m.name.as_str()).collect()
    }

    fn member<'a>(n: &'a Node, name: &str) -> &'a Node {
        &tree::members(n).iter().find(|m| m.name == name).unwrap_or_else(|| panic!("no member {name} in {:?}", names(n))).node
    }

    /// A client page `svc/client/op.rst` around `body` (lines indented 2).
    fn client(body: &str) -> String {
        format!(":doc:`Svc <../../svc>` / Client / op\n\n**\nop\n**\n\n\n\n.. py:method:: Svc.Client.op(**kwargs)\n\n  \n\n  Does the op.\n\n  See also: `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/svc-2020-01-01/Op>`_  \n\n\n{body}")
    }

    const EMPTY_RESPONSE: &str = "  :rtype: dict\n  :returns: \n    \n    **Response Syntax**\n\n    \n    ::\n\n      {}\n      \n    **Response Structure**\n\n    \n\n    - *(dict) --* \n";

    #[test]
    fn seed_000_cloudhsmv2_paginator() {
        let (path, text) = seed("000_");
        let m = method(&path.to_string_lossy(), &text);
        assert_eq!(m.kind, MethodKind::Paginator { page_size: true });
        assert_eq!((m.class_name.as_str(), m.method.as_str()), ("CloudHSMV2", "DescribeBackups"));
        assert_eq!(m.operation.as_deref(), Some("DescribeBackups"));
        assert_eq!(m.uid.as_deref(), Some("cloudhsmv2-2017-04-28"));
        assert_eq!(m.wraps.as_deref(), Some("describe_backups"));
        assert_eq!(m.line, 9);
        assert_eq!(m.docs, "Creates an iterator that will paginate through responses from `CloudHSMV2.Client.describe_backups()`.");
        let req = shape(&m.request);
        // PaginationConfig is boto3's, not the operation's.
        assert_eq!(names(req), ["Filters", "Shared", "SortAscending"]);
        let NodeType::Map { key, value } = &member(req, "Filters").ty else { panic!("Filters is not a map") };
        assert_eq!((key.ty.clone(), key.line), (NodeType::String, 72));
        assert!(matches!(&value.ty, NodeType::List(e) if e.ty == NodeType::String));
        assert!(member(req, "Shared").docs.contains("**Note:** By default when using this option"));
        let resp = shape(&m.response);
        // The output token is `NextToken`, so the paginator page shows none.
        assert_eq!(names(resp), ["Backups"]);
        let NodeType::List(backup) = &member(resp, "Backups").ty else { panic!() };
        assert_eq!(names(backup).len(), 14);
        assert_eq!(member(backup, "BackupState").ty, NodeType::Enum(vec!["CREATE_IN_PROGRESS".into(), "READY".into(), "DELETED".into(), "PENDING_DELETION".into()]));
        assert_eq!(member(backup, "Mode").line, 311);
        assert!(m.errors.is_empty() && m.warnings.is_empty() && !m.deprecated);
    }

    #[test]
    fn seed_003_backup_paginator() {
        let (path, text) = seed("003_");
        let m = method(&path.to_string_lossy(), &text);
        assert_eq!(m.kind, MethodKind::Paginator { page_size: true });
        assert_eq!(m.operation.as_deref(), Some("ListCopyJobs"));
        assert_eq!(m.uid.as_deref(), Some("backup-2018-11-15"));
        assert_eq!(m.wraps.as_deref(), Some("list_copy_jobs"));
        let req = shape(&m.request);
        assert_eq!(names(req).first(), Some(&"ByResourceArn"));
        assert!(!names(req).contains(&"PaginationConfig") && !names(req).contains(&"NextToken"));
        assert!(matches!(member(req, "ByState").ty, NodeType::Enum(ref v) if v.contains(&"PARTIAL".to_string())));
        let resp = shape(&m.response);
        assert_eq!(names(resp), ["CopyJobs"]);
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    }

    #[test]
    fn seed_004_dynamodb_client_page() {
        let (path, text) = seed("004_");
        let m = method(&path.to_string_lossy(), &text);
        assert_eq!(m.kind, MethodKind::Client);
        assert_eq!((m.class_name.as_str(), m.method.as_str()), ("DynamoDB", "list_backups"));
        assert_eq!(m.operation.as_deref(), Some("ListBackups"));
        assert_eq!(m.uid.as_deref(), Some("dynamodb-2012-08-10"));
        assert!(m.docs.starts_with("List DynamoDB backups that are associated"));
        assert!(m.docs.ends_with("use the [Amazon Web Services Backup list API.](https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupJobs.html)"));
        let req = shape(&m.request);
        assert_eq!(names(req), ["TableName", "Limit", "TimeRangeLowerBound", "TimeRangeUpperBound", "ExclusiveStartBackupArn", "BackupType"]);
        assert_eq!(member(req, "Limit").ty, NodeType::Integer);
        assert_eq!(member(req, "TimeRangeLowerBound").ty, NodeType::Timestamp);
        assert!(member(req, "BackupType").docs.contains("- `USER` - On-demand backup created by you."));
        let resp = shape(&m.response);
        assert_eq!(names(resp), ["BackupSummaries", "LastEvaluatedBackupArn"]);
        let NodeType::List(summary) = &member(resp, "BackupSummaries").ty else { panic!() };
        assert_eq!(summary.docs, "Contains details for the backup.");
        assert_eq!(names(summary).len(), 10);
        assert_eq!(member(summary, "BackupSizeBytes").ty, NodeType::Integer);
        assert_eq!(m.errors, ["InternalServerError"]);
        assert!(m.warnings.is_empty());
    }

    #[test]
    fn index_page() {
        let text = std::fs::read_to_string(Path::new(DOCS).join("backup.rst")).unwrap();
        let Ok(RstPage::Index(i)) = parse_page(Path::new("backup.rst"), &text) else { panic!() };
        assert_eq!(i.class_name, "Backup");
        assert_eq!(i.full_name.as_deref(), Some("AWS Backup"));
        assert_eq!(i.abbreviation, None);
        assert!(i.docs.starts_with("Backup is a unified backup service designed to protect"));
        assert!(!i.docs.contains("import boto3"));
        let text = "\n\n****\nB2BI\n****\n\n======\nClient\n======\n\n.. py:class:: B2BI.Client\n\n  A low-level client representing AWS B2B Data Interchange (B2BI)\n  \n\n  Docs `here <https://x.example/>`__.\n\n  ::\n\n    \n    import boto3\n";
        let Ok(RstPage::Index(i)) = parse_page(Path::new("b2bi.rst"), text) else { panic!() };
        assert_eq!((i.full_name.as_deref(), i.abbreviation.as_deref()), (Some("AWS B2B Data Interchange"), Some("B2BI")));
        assert_eq!(i.docs, "Docs [here](https://x.example/).");
    }

    #[test]
    fn waiter_page_config() {
        let text = std::fs::read_to_string(Path::new(DOCS).join("dynamodb/waiter/ImportCompleted.rst")).unwrap();
        let m = method("dynamodb/waiter/ImportCompleted.rst", &text);
        assert_eq!(m.kind, MethodKind::Waiter { delay_seconds: 20, max_attempts: 60 });
        assert_eq!(m.wraps.as_deref(), Some("describe_import"));
        assert_eq!(m.operation.as_deref(), Some("DescribeImport"));
        assert_eq!(names(shape(&m.request)), ["ImportArn"]);
        assert!(member(shape(&m.request), "ImportArn").required);
        assert_eq!(m.response, Body::None);
    }

    #[test]
    fn custom_and_resource_pages() {
        let text = std::fs::read_to_string(Path::new(DOCS).join("dynamodb/client/get_waiter.rst")).unwrap();
        let m = method("dynamodb/client/get_waiter.rst", &text);
        assert!(m.is_custom());
        assert_eq!(m.method, "get_waiter");
        assert_eq!(m.docs, "Returns an object that can wait for some condition.");
        assert_eq!((m.request.clone(), m.response.clone()), (Body::None, Body::None));
        for f in ["dynamodb/table/put_item.rst", "dynamodb/table/name.rst", "dynamodb/table/index.rst", "dynamodb/service-resource/index.rst", "dynamodb/table/wait_until_exists.rst"] {
            let text = std::fs::read_to_string(Path::new(DOCS).join(f)).unwrap();
            assert_eq!(parse_page(Path::new(f), &text), Ok(RstPage::Resource), "{f}");
        }
    }

    #[test]
    fn minimal_client_page_lone_comma_and_no_final_newline() {
        let body = "  **Request Syntax**\n  ::\n\n    response = client.op(\n        Config={}\n        ,\n        Name='string'\n    )\n    \n  :type Config: dict\n  :param Config: **[REQUIRED]** The config.\n\n  \n  :type Name: string\n  :param Name: The name.\n\n  \n  \n  :returns: None";
        let m = method("svc/client/op.rst", &client(body));
        let req = shape(&m.request);
        assert_eq!(names(req), ["Config", "Name"]);
        let c = member(req, "Config");
        assert_eq!((c.ty.clone(), c.required, c.docs.as_str(), c.line), (NodeType::Structure { members: vec![], union: false }, true, "The config.", 28));
        assert_eq!(m.response, Body::None);
        assert_eq!(m.docs, "Does the op.");
    }

    #[test]
    fn no_input_members_and_empty_output() {
        let body = format!("  **Request Syntax**\n  ::\n\n    response = client.op()\n    \n  \n{EMPTY_RESPONSE}");
        let m = method("svc/client/op.rst", &client(&body));
        assert_eq!(m.request, Body::None);
        assert_eq!(shape(&m.response).ty, NodeType::Structure { members: vec![], union: false });
    }

    #[test]
    fn danger_exceptions_examples_and_u2028() {
        let body = format!(
            "  **Request Syntax**\n  ::\n\n    response = client.op(\n        Name='string'\n    )\n    \n  :type Name: string\n  :param Name: a\u{2028}b\n\n  \n{EMPTY_RESPONSE}  \n  **Exceptions**\n  \n  *   :py:class:`Svc.Client.exceptions.NotFound`\n\n  \n  *   :py:class:`Svc.Client.exceptions.Throttled`\n\n  \n\n  **Examples**\n\n  Example text.\n  ::\n\n    response = client.op(\n        Name='real value',\n    )\n\n    print(response)\n"
        );
        let text = client(&body).replace("  Does the op.\n", "  Does the op.\n\n  .. danger::\n\n    This operation is deprecated and may not function as expected.\n");
        let m = method("svc/client/op.rst", &text);
        assert!(m.deprecated);
        assert_eq!(m.docs, "Does the op.\n\n**Danger:** This operation is deprecated and may not function as expected.");
        assert_eq!(m.errors, ["NotFound", "Throttled"]);
        assert_eq!(member(shape(&m.request), "Name").docs, "a b");
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    }

    #[test]
    fn union_note_recursion_and_map_in_field_list() {
        let body = "  **Request Syntax**\n  ::\n\n    response = client.op(\n        Filter={\n            'And': [\n                {'... recursive ...'},\n            ],\n            'Tags': {\n                'string': 'string'\n            }\n        }\n    )\n    \n  :type Filter: dict\n  :param Filter: \n\n    A filter.\n\n    .. note::    This is a Tagged Union structure. Only one of the     following top level keys can be set: ``And``, ``Tags``. \n\n  \n    - **And** *(list) --* \n\n      All of.\n\n    \n      - *(dict) --* \n\n        A filter.\n\n        .. note::    This is a Tagged Union structure. Only one of the     following top level keys can be set: ``And``, ``Tags``. \n\n    \n    - **Tags** *(dict) --* \n\n      Tags.\n\n    \n      - *(string) --* \n\n        The key.\n\n        - *(string) --* \n\n          The value.\n\n  \n  :returns: None";
        let m = method("svc/client/op.rst", &client(body));
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        let f = member(shape(&m.request), "Filter");
        assert!(matches!(f.ty, NodeType::Structure { union: true, .. }));
        assert!(f.docs.starts_with("A filter.\n\n**Note:** This is a Tagged Union structure."));
        let NodeType::List(e) = &member(f, "And").ty else { panic!() };
        assert_eq!(e.ty, NodeType::Recursive { union_keys: vec!["And".into(), "Tags".into()], is_list: false });
        let NodeType::Map { key, value } = &member(f, "Tags").ty else { panic!() };
        assert_eq!((key.docs.as_str(), value.docs.as_str()), ("The key.", "The value."));
    }

    #[test]
    fn too_large_stubs() {
        let text = std::fs::read_to_string("/work/cache/corpus/lexv2-models/client/create_intent.rst");
        let stub = "    **Request Syntax**\n    ::\n\n        # This section is too large to render.\n        # Please see the AWS API Documentation linked below.\n\n    `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/svc-2020-01-01/Op>`_\n\n\n    \n\n    **Parameters**\n    ::\n\n        # This section is too large to render.\n        # Please see the AWS API Documentation linked below.\n\n    `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/svc-2020-01-01/Op>`_\n\n\n    \n  :rtype: dict\n  :returns: \n    \n\n    **Response Syntax**\n    ::\n\n        # This section is too large to render.\n        # Please see the AWS API Documentation linked below.\n\n    `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/svc-2020-01-01/Op>`_\n\n\n    \n\n    **Response Structure**\n    ::\n\n        # This section is too large to render.\n        # Please see the AWS API Documentation linked below.\n\n    `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/svc-2020-01-01/Op>`_\n\n\n    \n  **Exceptions**\n  \n  *   :py:class:`Svc.Client.exceptions.ThrottlingException`\n";
        let m = method("svc/client/op.rst", &client(stub));
        assert_eq!((m.request.clone(), m.response.clone()), (Body::TooLarge, Body::TooLarge));
        assert_eq!(m.errors, ["ThrottlingException"]);
        if let Ok(real) = text {
            let m = method("lexv2-models/client/create_intent.rst", &real);
            assert_eq!((m.request, m.response), (Body::TooLarge, Body::TooLarge));
        }
        // Syntax present, structure cut: the tree comes from the literal, with one warning.
        let body = "  **Request Syntax**\n  ::\n\n    response = client.op()\n    \n  :rtype: dict\n  :returns: \n    \n    **Response Syntax**\n\n    \n    ::\n\n      {\n          'Name': 'string'\n      }\n      \n    **Response Structure**\n    ::\n\n        # This section is too large to render.\n        # Please see the AWS API Documentation linked below.\n\n    `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/svc-2020-01-01/Op>`_\n";
        let m = method("svc/client/op.rst", &client(body));
        assert_eq!(names(shape(&m.response)), ["Name"]);
        assert_eq!(m.warnings.len(), 1);
        assert_eq!(m.warnings[0].line, 35);
        assert!(m.warnings[0].message.starts_with("Response Structure too large to render"));
    }

    #[test]
    fn event_stream_response_and_returns_intro() {
        let body = "  **Request Syntax**\n  ::\n\n    response = client.op()\n    \n  :rtype: dict\n  :returns: \n    \n\n    The response of this operation contains an :class:`.EventStream` member. When iterated the :class:`.EventStream` will yield events.\n    \n    **Response Syntax**\n\n    \n    ::\n\n      {\n          'stream': EventStream({\n              'chunk': {\n                  'bytes': b'bytes'\n              }\n          })\n      }\n      \n    **Response Structure**\n\n    \n\n    - *(dict) --* \n      \n\n      - **stream** (:class:`.EventStream`) -- \n\n        The stream.\n\n        - **chunk** *(dict) --* \n\n          A chunk.\n\n          - **bytes** *(bytes) --* \n\n            The bytes.\n";
        let m = method("svc/client/op.rst", &client(body));
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        let resp = shape(&m.response);
        assert!(resp.docs.starts_with("The response of this operation contains an `EventStream` member."));
        let NodeType::EventStream { members } = &member(resp, "stream").ty else { panic!() };
        assert_eq!(members[0].name, "chunk");
        assert_eq!(member(&members[0].node, "bytes").ty, NodeType::Blob);
    }

    #[test]
    fn same_line_descriptions_and_dash_lines_that_are_not_bullets() {
        // apigatewayv2 CreateRoutingRule: `[REQUIRED]` and the description share the bullet's
        // line; dms pages have description lines starting with `- ` that are not bullets.
        let body = "  **Request Syntax**\n  ::\n\n    response = client.op(\n        Conditions=[\n            {\n                'AnyOf': [\n                    'string',\n                ]\n            },\n        ]\n    )\n    \n  :type Conditions: list\n  :param Conditions: **[REQUIRED]** The conditions.\n\n  \n    - *(dict) --* \n\n      A condition.\n\n      - **AnyOf** *(list) --* **[REQUIRED]** The string of the case sensitive base path.\n\n        - The Amazon S3 bucket that stores it.\n\n        - *(string) --* \n\n  \n  :returns: None";
        let m = method("svc/client/op.rst", &client(body));
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        let c = member(shape(&m.request), "Conditions");
        assert!(c.required);
        assert_eq!(c.docs, "The conditions.");
        let NodeType::List(cond) = &c.ty else { panic!() };
        let any = member(cond, "AnyOf");
        assert!(any.required);
        assert_eq!(any.docs, "The string of the case sensitive base path.\n\n- The Amazon S3 bucket that stores it.");
        assert!(matches!(&any.ty, NodeType::List(e) if e.ty == NodeType::String));
    }

    #[test]
    fn dedented_description_lines_stay_in_their_entry() {
        // serverlessrepo/client/create_application.rst: HTML newlines dedent text to column 1.
        let body = "  **Request Syntax**\n  ::\n\n    response = client.op()\n    \n  :rtype: dict\n  :returns: \n    \n    **Response Syntax**\n\n    \n    ::\n\n      {\n          'A': [\n              'string',\n          ],\n          'B': 'string'\n      }\n      \n    **Response Structure**\n\n    \n\n    - *(dict) --* \n      \n\n      - **A** *(list) --* \n\n        The following resources require it:\n `AWS\\:\\:IAM\\:\\:Group <https://x.example/g>`__,\n `AWS\\:\\:IAM\\:\\:Role <https://x.example/r>`__.\n\n        - *(string) --* \n\n      - **B** *(string) --* \n\n        B.\n";
        let m = method("svc/client/op.rst", &client(body));
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        let resp = shape(&m.response);
        assert_eq!(names(resp), ["A", "B"]);
        assert_eq!(member(resp, "A").docs, "The following resources require it: [AWS::IAM::Group](https://x.example/g), [AWS::IAM::Role](https://x.example/r).");
    }

    #[test]
    fn paginator_without_page_size_and_glacier_auto_param() {
        let text = std::fs::read_to_string("/work/cache/corpus/glacier/client/list_vaults.rst").unwrap_or_default();
        if !text.is_empty() {
            let m = method("glacier/client/list_vaults.rst", &text);
            let req = shape(&m.request);
            assert_eq!(names(req), ["accountId", "marker", "limit"]);
            assert!(!member(req, "accountId").required);
            assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        }
        let page = ":doc:`Svc <../../svc>` / Paginator / ListThings\n\n**********\nListThings\n**********\n\n.. py:class:: Svc.Paginator.ListThings\n\n  ::\n\n    \n    paginator = client.get_paginator('list_things')\n\n  .. py:method:: paginate(**kwargs)\n\n    Creates an iterator that will paginate through responses from :py:meth:`Svc.Client.list_things`.\n\n    See also: `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/svc-2020-01-01/ListThings>`_    \n\n\n    **Request Syntax**\n    ::\n\n      response_iterator = paginator.paginate(\n          PaginationConfig={\n              'MaxItems': 123,\n              'StartingToken': 'string'\n          }\n      )\n      \n    :type PaginationConfig: dict\n    :param PaginationConfig: \n\n      A dictionary that provides parameters to control pagination.\n\n    \n      - **MaxItems** *(integer) --* \n\n        The total number of items to return.\n\n      - **StartingToken** *(string) --* \n\n        A token.\n\n    \n    \n    :rtype: dict\n    :returns: \n      \n      **Response Syntax**\n\n      \n      ::\n\n        {\n            'Things': [\n                'string',\n            ],\n            'NextToken': 'string'\n        }\n        \n      **Response Structure**\n\n      \n\n      - *(dict) --* \n        \n\n        - **Things** *(list) --* \n\n          - *(string) --* \n\n        - **NextToken** *(string) --* \n\n          A token to resume pagination.\n";
        let m = method("svc/paginator/ListThings.rst", page);
        assert_eq!(m.kind, MethodKind::Paginator { page_size: false });
        assert_eq!(m.request, Body::None);
        assert_eq!(names(shape(&m.response)), ["Things", "NextToken"]);
        assert_eq!(m.wraps.as_deref(), Some("list_things"));
    }

    #[test]
    fn not_a_boto3_page() {
        for (text, line) in [("Hello world\n", 1), ("\n\n# README\n\nSome markdown.", 3), ("", 1), ("   \n\n", 1)] {
            let e = error("notes.txt", text);
            assert_eq!(e.line, line, "{text:?}");
            assert!(e.message.contains("boto3 reference page"), "{e}");
        }
        let e = error("x.rst", ":doc:`Svc <../../svc>` / Client / op\n\n***\nop\n**\n");
        assert_eq!(e.line, 3);
        assert!(e.message.contains("expected the page title"), "{e}");
        let e = error("x.rst", ":doc:`Svc <../../svc>` / Client / op\n\n**\nop\n**\n\n.. py:function:: op()\n");
        assert_eq!(e.line, 7);
        assert!(e.message.contains("expected `.. py:method:: <Class>.Client.<method>(…)`"), "{e}");
        let e = error("x.rst", ":doc:`Svc <../../svc>` / Widget / op\n\n**\nop\n**\n");
        assert_eq!((e.line, e.message.contains("unknown page kind `Widget`")), (1, true), "{e}");
    }

    #[test]
    fn truncated_pages() {
        let (_, text) = seed("004_");
        let lines: Vec<&str> = text.split('\n').collect();
        // Cut inside the Request Syntax block (after line 38).
        let cut = lines[..38].join("\n");
        let e = error("list_backups.rst", &cut);
        assert_eq!(e.file, Path::new("list_backups.rst"));
        assert_eq!(e.line, 38);
        assert_eq!(e.message, "unexpected end of the syntax block: expected `)` closing the call opened on line 35");
        // Cut after the parameters: no `:returns:`.
        let cut = lines[..100].join("\n");
        let e = error("list_backups.rst", &cut);
        assert_eq!(e.line, 100);
        assert!(e.message.starts_with("page ends before `:returns:`"), "{e}");
        // Cut inside the response structure: the literal's members lack docs, as warnings.
        let cut = lines[..200].join("\n");
        let m = method("list_backups.rst", &cut);
        assert_eq!(m.warnings.len(), 4, "{:?}", m.warnings);
        let missing: Vec<(u32, &str)> = m.warnings.iter().map(|w| (w.line, w.message.split('`').nth(1).unwrap_or(""))).collect();
        assert_eq!(missing, [(125, "BackupStatus"), (126, "BackupType"), (127, "BackupSizeBytes"), (130, "LastEvaluatedBackupArn")]);
        assert!(m.warnings[0].message.ends_with("is in the syntax block but not in the field list"));
    }

    #[test]
    fn broken_literal_and_unknown_type_word() {
        let (_, text) = seed("004_");
        let broken = text.replacen("        Limit=123,", "        Limit=123,,", 1);
        let e = error("list_backups.rst", &broken);
        assert_eq!((e.line, e.message.as_str()), (37, "expected a parameter name or `)`, found `,`"));
        let broken = text.replacen("'BackupName': 'string',", "'BackupName': 'string,", 1);
        let e = error("list_backups.rst", &broken);
        assert_eq!(e.line, 122);
        assert!(e.message.starts_with("unterminated quoted string"), "{e}");
        let unknown = text.replacen(":type Limit: integer", ":type Limit: integr", 1);
        let e = error("list_backups.rst", &unknown);
        assert_eq!(e.line, 52);
        assert!(e.message.starts_with("unknown type `integr` for `Limit`: expected string, dict"), "{e}");
        let unknown = text.replacen("- **TableId** *(string) --*", "- **TableId** *(strin) --*", 1);
        let e = error("list_backups.rst", &unknown);
        assert_eq!(e.line, 161);
        assert!(e.message.starts_with("unknown type `strin` for `TableId`"), "{e}");
    }

    /// Mutated real pages (cut, lines dropped or duplicated, characters spliced in) must give
    /// a page or a diagnostic with a line inside the text, never a panic.
    #[test]
    fn mutated_pages_never_panic() {
        let mut texts: Vec<String> = ["000_", "003_", "004_"].iter().map(|p| seed(p).1).collect();
        texts.push(client(EMPTY_RESPONSE));
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut rand = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n.max(1) as u64) as usize
        };
        let splices = ["{", "}", "[", "]", "(", ")", "'", ",", "|", "\n", "::", "**", "``", "`", "*", "- ", "\u{2028}", ".. note::", "- *(dict) --* ", ":param X: ", "    "];
        let (mut ok, mut err) = (0, 0);
        for round in 0..1500 {
            let base = &texts[round % texts.len()];
            let mut lines: Vec<String> = base.split('\n').map(str::to_string).collect();
            for _ in 0..=rand(4) {
                let at = rand(lines.len());
                match rand(4) {
                    0 => lines.truncate(at.max(1)),
                    1 => {
                        if lines.len() > 1 {
                            lines.remove(at);
                        }
                    }
                    2 => {
                        let dup = lines[at].clone();
                        lines.insert(at, dup);
                    }
                    _ => {
                        let l = &mut lines[at];
                        let cut = (0..=l.len()).filter(|&c| l.is_char_boundary(c)).nth(rand(l.chars().count() + 1)).unwrap_or(0);
                        l.insert_str(cut, splices[rand(splices.len())]);
                    }
                }
            }
            let text = lines.join("\n");
            match parse_page(Path::new("mutated.rst"), &text) {
                Ok(_) => ok += 1,
                Err(e) => {
                    assert!(e.line >= 1 && e.line as usize <= text.split('\n').count(), "{e} outside the text");
                    err += 1;
                }
            }
        }
        assert!(ok > 100 && err > 100, "{ok} parsed, {err} rejected");
    }

    #[test]
    fn deep_field_nesting_is_an_error() {
        let mut body = String::from("  **Request Syntax**\n  ::\n\n    response = client.op(\n        A={}\n    )\n    \n  :type A: dict\n  :param A: \n\n");
        for d in 0..5000 {
            body.push_str(&" ".repeat(4 + d));
            body.push_str("- **A** *(dict) --* \n");
        }
        body.push_str("  :returns: None");
        let e = error("svc/client/op.rst", &client(&body));
        assert!(e.message.contains("nested deeper than"), "{e}");
    }

    /// Every Markdown text of a page, with the line it documents.
    fn docs_of(page: &RstPage) -> Vec<(u32, &str)> {
        fn walk<'a>(n: &'a Node, out: &mut Vec<(u32, &'a str)>) {
            out.push((n.line, &n.docs));
            match &n.ty {
                NodeType::Structure { members, .. } | NodeType::EventStream { members } => members.iter().for_each(|m| walk(&m.node, out)),
                NodeType::List(e) => walk(e, out),
                NodeType::Map { key, value } => {
                    walk(key, out);
                    walk(value, out);
                }
                _ => {}
            }
        }
        let mut out = Vec::new();
        match page {
            RstPage::Index(i) => out.push((1, i.docs.as_str())),
            RstPage::Method(m) => {
                out.push((m.line, m.docs.as_str()));
                for b in [&m.request, &m.response] {
                    if let Body::Shape(n) = b {
                        walk(n, &mut out);
                    }
                }
            }
            RstPage::Resource => {}
        }
        out
    }

    /// Markdown problems (see `markup::lint`) over a page's texts, as diagnostics.
    fn lint_page(file: &Path, page: &RstPage) -> Vec<Diagnostic> {
        docs_of(page).into_iter().flat_map(|(line, d)| markup::lint(d).into_iter().map(move |p| Diagnostic::new(file, line, p))).collect()
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

    fn parse_all(root: &Path) -> (Counts, Vec<Diagnostic>, Vec<Diagnostic>, Vec<Diagnostic>) {
        let mut files = Vec::new();
        rst_files(root, &mut files);
        files.sort();
        let mut counts = Counts::default();
        let (mut errors, mut warnings, mut lints) = (Vec::new(), Vec::new(), Vec::new());
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap();
            let rel = f.strip_prefix(root).unwrap();
            let parsed = parse_page(rel, &text);
            if let Ok(p) = &parsed {
                lints.extend(lint_page(rel, p));
            }
            match parsed {
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
        (counts, errors, warnings, lints)
    }

    #[test]
    fn all_shared_boto3_docs_parse() {
        let (counts, errors, warnings, lints) = parse_all(Path::new(DOCS));
        for e in errors.iter().chain(&warnings).chain(&lints).take(40) {
            eprintln!("{e}");
        }
        assert!(errors.is_empty(), "{} errors", errors.len());
        assert!(warnings.is_empty(), "{} warnings", warnings.len());
        assert!(lints.is_empty(), "{} Markdown problems", lints.len());
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
                    out.push('_');
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

    /// The plain-text copies of the same pages (another form, rendered by Sphinx) must show the
    /// same words in the same order as the Markdown made from the RST.
    #[test]
    fn docs_keep_the_words_of_the_plain_text_pages() {
        let plain_root = Path::new("/work/shared/plaintext-samples");
        let (mut pages, mut texts, mut missing) = (0, 0, Vec::new());
        let mut files = Vec::new();
        rst_files(Path::new(DOCS), &mut files);
        for f in files {
            let rel = f.strip_prefix(DOCS).unwrap();
            let Ok(plain) = std::fs::read_to_string(plain_root.join(rel).with_extension("txt")) else { continue };
            let plain_words = markup::words(&plain).join(" ");
            let page = parse_page(rel, &std::fs::read_to_string(&f).unwrap()).unwrap();
            pages += 1;
            for (line, d) in docs_of(&page) {
                let w = markup::rendered_words(d);
                if w.is_empty() {
                    continue;
                }
                texts += 1;
                if !plain_words.contains(&w.join(" ")) {
                    missing.push(format!("{}:{line}: {}", rel.display(), w.join(" ")));
                }
            }
        }
        for m in missing.iter().take(20) {
            eprintln!("{m}");
        }
        assert!(pages > 200, "{pages} pages compared");
        assert!(missing.is_empty(), "{} of {texts} texts differ from the plain text", missing.len());
    }

    /// Whole-corpus check: `RST_CORPUS=/work/cache/corpus cargo test -p awsdoc-codegen --lib
    /// rst::tests::corpus -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn corpus() {
        let Some(root) = std::env::var_os("RST_CORPUS") else { return };
        let root = PathBuf::from(root);
        // RST_LINT=1 also checks every converted text with a Markdown parser (slower).
        let lint = std::env::var_os("RST_LINT").is_some();
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
                            let parsed = parse_page(rel, &text);
                            if lint {
                                if let Ok(p) = &parsed {
                                    warnings.extend(lint_page(rel, p).into_iter().map(|mut d| {
                                        d.message = format!("markdown: {}", d.message);
                                        d
                                    }));
                                }
                            }
                            match parsed {
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
