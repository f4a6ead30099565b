//! boto3 method pages as plain text, the way a browser copies the rendered HTML.
//!
//! The copy keeps the page's words and nesting but loses its markup: the API link's URL
//! (so the service `uid`), inline literals and links, and where admonitions end. Field
//! lists become `•` bullets (`Name (type) --`), Sphinx drops the bullet when a field list
//! has a single item, and copies are untidy (other bullet glyphs, tabs, CRLF, missing
//! blank lines). The page is rebuilt into the same [`MethodPage`] the RST parser gives,
//! reusing [`syntax`] for the syntax blocks and [`tree`] to
//! merge them with the field lists.
//!
//! Pages rendered from every service (`cargo xtask corpus --plaintext`) add a few forms:
//! undocumented entries without ` --`, prose that reads like a heading inside a member's docs
//! (headings count only at the signature's indent), field lists Sphinx left as `type X` /
//! `param X` blocks, and a request whose cut parameters sit inside its syntax block. The
//! operation's name is recovered from the method name and the page's words
//! ([`operation_name`]).
//!
//! The line-level machinery here (bullets, field entries, prose → Markdown, the sections
//! after the parameters) is shared with [`changelog`](crate::parse::changelog), whose method
//! pages are the same rendering with a different parameter style.

use std::path::Path;

use crate::parse::page::{Body, Diagnostic, MethodKind, MethodPage, Node, NodeType};
use crate::parse::syntax::{self, LiteralValue};
use crate::parse::tree::{self, FieldEntry, TypeWord};

// ---------------------------------------------------------------------------------------
// Lines

/// One input line, its indentation measured and trailing blanks dropped.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// 1-based.
    pub no: u32,
    /// Columns of leading blanks; a tab advances to the next multiple of 4.
    pub indent: usize,
    /// The text after the indentation, empty for a blank line.
    pub text: &'a str,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// Splits on `\n` only, as the RST parser does: descriptions contain U+2028, and line
/// numbers must mean the same in every tool. `\r` and trailing blanks go with the line end.
pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let raw = raw.trim_end();
            let mut indent = 0usize;
            let mut chars = raw.chars();
            let mut rest = raw;
            while let Some(c) = chars.next() {
                match c {
                    ' ' | '\u{a0}' => indent += 1,
                    '\t' => indent = (indent / 4 + 1) * 4,
                    _ => break,
                }
                rest = chars.as_str();
            }
            Line { no: u32::try_from(i + 1).unwrap_or(u32::MAX), indent, text: rest }
        })
        .collect()
}

/// Bullet glyphs a copy may use for list items: HTML renderers use `•`/`◦`/`▪`, people
/// retyping use `*` or `-`.
const BULLETS: &[char] = &['•', '◦', '▪', '‣', '●', '○', '■', '*', '-'];

/// The text after a list bullet, if the line is a list item.
pub(crate) fn strip_bullet(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let first = chars.next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let rest = chars.as_str();
    if rest.is_empty() {
        return Some("");
    }
    if rest.starts_with(char::is_whitespace) {
        Some(rest.trim_start())
    } else {
        None
    }
}

/// The number of line `idx`, or of the last line when `idx` is past the end.
pub(crate) fn line_no(lines: &[Line<'_>], idx: usize) -> u32 {
    lines.get(idx).map(|l| l.no).or_else(|| lines.last().map(|l| l.no)).unwrap_or(1)
}

// ---------------------------------------------------------------------------------------
// Field entries (`Name (type) --` bullets)

/// The head of a field entry: `Name (type) -- rest` or `(type) -- rest`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Head<'a> {
    pub name: Option<&'a str>,
    pub type_text: &'a str,
    pub rest: &'a str,
}

/// Parses `[Name ](type) --[ rest]`; `None` when the text is not shaped like a field entry
/// (so it is prose).
pub(crate) fn parse_head(text: &str) -> Option<Head<'_>> {
    let (name, after_paren) = text.split_once('(')?;
    let name = name.trim();
    let name = if name.is_empty() {
        None
    } else if is_identifier(name) {
        Some(name)
    } else {
        return None;
    };
    let Some((type_text, rest)) = after_paren.split_once(") --") else {
        // An undocumented entry: Sphinx writes no ` --` when the field has no text
        // (waf `ListTagsForResource`: `• NextMarker (string)`). Only a known type word
        // makes such a line an entry, so prose in parentheses stays prose.
        let type_text = after_paren.strip_suffix(')')?.trim();
        return (name.is_some() && TypeWord::parse(type_text).is_some()).then_some(Head { name, type_text, rest: "" });
    };
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let type_text = type_text.trim();
    if type_text.is_empty() {
        return None;
    }
    Some(Head { name, type_text, rest: rest.trim() })
}

pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Checks a rendered type word against the docs' vocabulary ([`tree::TypeWord`], which
/// takes the plain-text spellings too), so an unknown word is reported at its own line.
pub(crate) fn checked_type_text(file: &Path, line: u32, word: &str) -> Result<String, Diagnostic> {
    match TypeWord::parse(word) {
        Some(_) => Ok(word.trim().to_string()),
        None => Err(Diagnostic::new(
            file,
            line,
            format!(
                "unknown type `{word}` in field entry: expected string, dict, list, integer, boolean, datetime, \
                 float, bytes, document, a streaming type or JSON serializable"
            ),
        )),
    }
}

/// A field entry as read from the text, before its prose becomes Markdown.
#[derive(Debug, Clone)]
pub(crate) struct RawEntry<'a> {
    pub name: Option<&'a str>,
    pub type_text: String,
    pub line: u32,
    /// Lines of prose that belong to this entry (not to its children). The head's trailing
    /// text comes first, at the entry's content indent.
    pub prose: Vec<Line<'a>>,
    pub children: Vec<RawEntry<'a>>,
    /// An entry line indented past this is a child of this entry.
    scope: i64,
}

impl<'a> RawEntry<'a> {
    pub fn new(head: &Head<'a>, type_text: String, line: &Line<'a>, scope: i64) -> Self {
        let mut prose = Vec::new();
        if !head.rest.is_empty() {
            prose.push(Line { no: line.no, indent: line.indent + 2, text: head.rest });
        }
        RawEntry { name: head.name, type_text, line: line.no, prose, children: Vec::new(), scope }
    }

    /// A top-level parameter whose prose and children are all lines until the next one
    /// (the changelog's `type X` / `param X` blocks).
    pub fn param(name: &'a str, type_text: String, line: u32) -> Self {
        RawEntry { name: Some(name), type_text, line, prose: Vec::new(), children: Vec::new(), scope: -1 }
    }

    /// The entry as [`tree::build_body`] takes it, prose turned into Markdown.
    pub fn into_field(self) -> FieldEntry {
        let prose = prose_to_markdown(&self.prose);
        FieldEntry {
            name: self.name.map(str::to_string),
            type_text: self.type_text,
            required: prose.required,
            docs: prose.docs,
            union_keys: prose.union_keys,
            line: self.line,
            children: self.children.into_iter().map(RawEntry::into_field).collect(),
        }
    }
}

/// Builds field entries from a section. Indentation decides only where an entry line
/// goes: under the innermost open entry whose bullet it is indented past. Prose always
/// belongs to the entry opened last, as in the RST: botocore writes a member's doc before
/// its children, and prose that a copy dedented is still that entry's. `open` may hold an
/// already-opened top-level entry (the changelog's `param` blocks). An unbulleted entry is
/// accepted only as the first line, where Sphinx writes a single-item field list without a
/// bullet.
pub(crate) fn build_entries<'a>(
    file: &Path,
    lines: &[Line<'a>],
    mut open: Vec<RawEntry<'a>>,
    what: &str,
) -> Result<Vec<RawEntry<'a>>, Diagnostic> {
    let mut done: Vec<RawEntry<'a>> = Vec::new();
    let mut first = open.is_empty();
    for line in lines {
        if line.is_blank() {
            if let Some(top) = open.last_mut() {
                top.prose.push(*line);
            }
            continue;
        }
        let bulleted = strip_bullet(line.text);
        let head = match bulleted {
            Some(rest) => parse_head(rest),
            None if first => parse_head(line.text),
            None => None,
        };
        first = false;
        let Some(head) = head else {
            match open.last_mut() {
                Some(top) => top.prose.push(*line),
                None => {
                    return Err(Diagnostic::new(
                        file,
                        line.no,
                        format!("expected a {what} entry `Name (type) --`, found `{}`", line.text),
                    ))
                }
            }
            continue;
        };
        // A prose bullet shaped like an entry (gamelift's `• DISABLED (default) -- Game
        // clients …`) is prose of the open entry; a misspelt type word is still an error.
        if TypeWord::parse(head.type_text).is_none() && !looks_like_a_type_word(head.type_text) {
            if let Some(top) = open.last_mut() {
                top.prose.push(*line);
                continue;
            }
        }
        let ty = checked_type_text(file, line.no, head.type_text)?;
        let indent = i64::try_from(line.indent).unwrap_or(i64::MAX);
        while open.last().is_some_and(|e| e.scope >= indent) {
            close_top(&mut open, &mut done);
        }
        if open.len() >= syntax::MAX_DEPTH {
            return Err(Diagnostic::new(
                file,
                line.no,
                format!("field entries nested deeper than {} levels", syntax::MAX_DEPTH),
            ));
        }
        // An unbulleted single entry has its children at its own indent.
        let scope = if bulleted.is_some() { indent } else { indent - 1 };
        open.push(RawEntry::new(&head, ty, line, scope));
    }
    while !open.is_empty() {
        close_top(&mut open, &mut done);
    }
    Ok(done)
}

/// Whether an unknown word in an entry's parentheses is a misspelt type word (`strnig`):
/// one lower-case word within two edits of one of the docs' type words.
fn looks_like_a_type_word(word: &str) -> bool {
    const TYPES: &[&str] = &["string", "dict", "list", "integer", "boolean", "datetime", "float", "bytes", "document", "long", "double"];
    let word = word.trim();
    word.len() <= 12
        && word.chars().all(|c| c.is_ascii_lowercase())
        && TYPES.iter().any(|t| edit_distance(word, t) <= 2)
}

/// Optimal string alignment distance (adjacent transpositions count one), for short words.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            let v = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a.get(i - 1) != b.get(j - 1));
                let mut v = (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1).min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                v
            };
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

fn close_top<'a>(open: &mut Vec<RawEntry<'a>>, done: &mut Vec<RawEntry<'a>>) {
    if let Some(entry) = open.pop() {
        match open.last_mut() {
            Some(parent) => parent.children.push(entry),
            None => done.push(entry),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Prose → Markdown

/// What an entry's prose says besides its doc text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Prose {
    /// Markdown.
    pub docs: String,
    pub required: bool,
    /// The key list of a "This is a Tagged Union structure" note.
    pub union_keys: Option<Vec<String>>,
}

const REQUIRED: &str = "[REQUIRED]";
const UNION_NOTE: &str = "This is a Tagged Union structure.";

/// Admonition titles as Sphinx renders them: a paragraph of their own. Their extent is
/// lost in the copy, so only the title is marked.
const ADMONITIONS: &[&str] =
    &["Note", "Warning", "Important", "Tip", "Caution", "Danger", "Attention", "Hint", "Error"];

/// Converts prose lines to Markdown: one paragraph per line (a rendered block is one line
/// in a copy), bullets to `-` items nested by indentation; the `[REQUIRED]` marker is taken
/// out and a Tagged Union note's keys are read into [`Prose`].
pub(crate) fn prose_to_markdown(lines: &[Line<'_>]) -> Prose {
    let mut out = Prose::default();
    let mut texts: Vec<Line<'_>> = lines.iter().copied().filter(|l| !l.is_blank()).collect();
    if let Some(first) = texts.first_mut() {
        if let Some(rest) = first.text.strip_prefix(REQUIRED) {
            out.required = true;
            first.text = rest.trim_start();
        }
    }
    texts.retain(|l| !l.is_blank());
    // The note stays in the docs, as in the RST; its keys identify a recursion target.
    out.union_keys = texts.iter().find(|l| l.text.contains(UNION_NOTE)).map(|l| union_keys(l.text));
    out.docs = lines_to_markdown(&texts);
    out
}

/// `… top level keys can be set: a, b. …` → `[a, b]`.
fn union_keys(text: &str) -> Vec<String> {
    let after = text
        .split_once("keys can be set:")
        .or_else(|| text.split_once("keys will be set:"))
        .map(|(_, a)| a)
        .unwrap_or("");
    let list = after.split_once(". ").map(|(l, _)| l).unwrap_or(after);
    list.trim()
        .trim_end_matches('.')
        .split(',')
        .map(|k| k.trim().trim_matches('`').to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

/// Real descriptions nest lists three or four levels.
const MAX_LIST_DEPTH: usize = 16;

/// Non-blank prose lines → Markdown paragraphs and lists.
pub(crate) fn lines_to_markdown(lines: &[Line<'_>]) -> String {
    let mut out = String::new();
    // Indents of the open list levels; empty outside a list.
    let mut list: Vec<usize> = Vec::new();
    for line in lines {
        if line.is_blank() {
            continue;
        }
        match strip_bullet(line.text) {
            Some(item) if !item.is_empty() => {
                while list.last().is_some_and(|&i| i > line.indent) {
                    list.pop();
                }
                if list.last() != Some(&line.indent) {
                    list.push(line.indent);
                }
                if out.ends_with(":** ") {
                    out.truncate(out.trim_end().len());
                    out.push_str("\n\n");
                }
                if list.len() == 1 && !out.is_empty() {
                    // A list after a paragraph needs a blank line.
                    if !out.ends_with("\n\n") && !last_line_is_item(&out) {
                        out.push('\n');
                    }
                }
                // Deeper nesting than real docs have is flattened, so hostile input cannot
                // blow up the output.
                let depth = list.len().saturating_sub(1).min(MAX_LIST_DEPTH);
                out.push_str(&"  ".repeat(depth));
                out.push_str("- ");
                out.push_str(&escape_markdown(item));
                out.push('\n');
            }
            _ => {
                list.clear();
                if !out.is_empty() && !out.ends_with("\n\n") && !out.ends_with(":** ") {
                    out.push('\n');
                }
                let text = line.text;
                if ADMONITIONS.contains(&text) {
                    // As the RST's notes render: `**Note:** first paragraph`.
                    out.push_str(&format!("**{text}:** "));
                    continue;
                }
                out.push_str(&escape_markdown(text));
                out.push_str("\n\n");
            }
        }
    }
    out.trim_end().to_string()
}

fn last_line_is_item(out: &str) -> bool {
    out.trim_end_matches('\n').rsplit('\n').next().is_some_and(|l| l.trim_start().starts_with("- "))
}

/// Escapes what Markdown would read as markup in plain prose, the way
/// [`markup`](crate::parse::markup) escapes RST text, so both forms give rustdoc-clean docs: `_`
/// only at word edges (`PAY_PER_REQUEST` stays readable), `<`/`>`/`&` as entities, bare
/// URLs as autolinks.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        if c == 'h' && !before.is_some_and(|b| b.is_alphanumeric()) {
            if let Some(len) = url_len(chars.get(i..).unwrap_or(&[])) {
                out.push('<');
                out.extend(chars.get(i..i + len).unwrap_or(&[]));
                out.push('>');
                i += len;
                continue;
            }
        }
        match c {
            '\\' | '*' | '`' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let after = chars.get(i + 1);
                if !(before.is_some_and(|b| b.is_alphanumeric()) && after.is_some_and(|a| a.is_alphanumeric())) {
                    out.push('\\');
                }
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') => out.push_str("&amp;"),
            '#' | '+' | '=' | '-' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Length of a bare `http(s)://` URL at the start of `chars`, trailing punctuation excluded.
fn url_len(chars: &[char]) -> Option<usize> {
    let text: String = chars.iter().take(8).collect();
    let scheme = if text.starts_with("https://") {
        8
    } else if text.starts_with("http://") {
        7
    } else {
        return None;
    };
    let mut len = chars.iter().take_while(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '`')).count();
    while len > scheme && chars.get(len - 1).is_some_and(|c| ".,;:!?'\")]}*".contains(*c)) {
        len -= 1;
    }
    (len > scheme).then_some(len)
}

// ---------------------------------------------------------------------------------------
// Comparing pages across forms

/// Reduces Markdown to its words so docs from different forms compare equal: link targets,
/// emphasis and code marks, escapes, list markers, HTML entities and all whitespace go.
/// What is left is the visible text, which every form carries.
pub fn normalise_docs(markdown: &str) -> String {
    let text = drop_link_targets(markdown);
    let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&nbsp;", " ");
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        let mut line = line.trim_start();
        // A fence and its info string (```` ```text ````) are markup, not words.
        if line.starts_with("```") {
            continue;
        }
        while let Some(rest) = line.strip_prefix('>') {
            line = rest.trim_start();
        }
        for marker in ["- ", "* ", "+ "] {
            if let Some(rest) = line.strip_prefix(marker) {
                line = rest;
                break;
            }
        }
        let line = line.trim_start_matches('#');
        out.extend(line.chars().filter(|c| {
            !c.is_whitespace() && !matches!(c, '*' | '_' | '`' | '\\' | '<' | '>' | '\u{2060}')
        }));
    }
    out
}

/// `[text](target)` → `text`.
fn drop_link_targets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let (before, from_bracket) = rest.split_at(open);
        out.push_str(before);
        let inner = from_bracket.get(1..).unwrap_or("");
        // `\[` is an escaped bracket, not a link.
        let escaped = before.ends_with('\\');
        let link = inner.split_once("](").filter(|_| !escaped).and_then(|(text, after)| {
            if text.contains('[') || text.contains("\n\n") {
                return None;
            }
            // The target ends at the first `)` that is not escaped (`p\(1\)`).
            let mut prev = ' ';
            let close = after.char_indices().find(|&(_, c)| {
                let found = c == ')' && prev != '\\';
                prev = c;
                found
            })?;
            after.get(close.0 + 1..).map(|tail| (text, tail))
        });
        match link {
            Some((text, tail)) => {
                out.push_str(text);
                rest = tail;
            }
            None => {
                out.push('[');
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A page reduced to what every form carries, for comparing a plain-text or changelog page
/// with the RST page: docs normalised ([`normalise_docs`]), file, lines and warnings
/// cleared, and `uid` cleared because only the RST's API link carries it.
pub fn comparable(page: &MethodPage) -> MethodPage {
    let mut page = page.clone();
    page.file = Default::default();
    page.line = 0;
    page.uid = None;
    page.warnings.clear();
    page.docs = normalise_docs(&page.docs);
    for body in [&mut page.request, &mut page.response] {
        if let Body::Shape(node) = body {
            comparable_node(node);
        }
    }
    page
}

fn comparable_node(node: &mut Node) {
    node.line = 0;
    node.docs = normalise_docs(&node.docs);
    match &mut node.ty {
        NodeType::Structure { members, .. } | NodeType::EventStream { members } => {
            for f in members {
                comparable_node(&mut f.node);
            }
        }
        NodeType::List(n) => comparable_node(n),
        NodeType::Map { key, value } => {
            comparable_node(key);
            comparable_node(value);
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------
// Sections

/// The headings of a method page's body, in the order a page gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Heading {
    RequestSyntax,
    Parameters,
    Raises,
    ReturnType,
    Returns,
    ResponseSyntax,
    ResponseStructure,
    Exceptions,
    Examples,
}

/// A page body cut at its headings.
#[derive(Debug, Default)]
pub(crate) struct Sections<'a> {
    /// The method's prose, before the first heading.
    pub description: Vec<Line<'a>>,
    /// The page had a "See also: AWS API Documentation" line: a model operation.
    pub api_link: bool,
    /// Each heading with its line number and the lines under it (for the changelog's
    /// `type X` heading, the heading line itself is the first line).
    pub parts: Vec<(Heading, u32, Vec<Line<'a>>)>,
}

impl<'a> Sections<'a> {
    pub fn get(&self, h: Heading) -> Option<(u32, &[Line<'a>])> {
        self.parts.iter().find(|(k, _, _)| *k == h).map(|(_, no, lines)| (*no, lines.as_slice()))
    }
}

/// Cuts `lines` at headings. A heading only counts when it comes later in the page order
/// than the current section, so a paragraph that happens to read "Returns" inside the
/// parameters does not start a section. Headings are recognised by `heading`; it returns
/// whether the heading line belongs to its section's lines.
pub(crate) fn split_sections<'a>(
    lines: &[Line<'a>],
    heading: impl Fn(&str) -> Option<(Heading, bool)>,
) -> Sections<'a> {
    split_sections_within(lines, usize::MAX, heading)
}

/// [`split_sections`], with headings only at `max_indent` columns or fewer: a member's
/// prose may hold a paragraph reading `Examples:` (cloudwatch `PutAlarmMuteRule`), which is
/// indented under its bullet, while the page's headings are not.
pub(crate) fn split_sections_within<'a>(
    lines: &[Line<'a>],
    max_indent: usize,
    heading: impl Fn(&str) -> Option<(Heading, bool)>,
) -> Sections<'a> {
    let mut out = Sections::default();
    let mut current: Option<Heading> = None;
    for line in lines {
        let text = line.text.trim_end_matches(':').trim_end();
        if let Some((h, keep)) = heading(text).filter(|_| line.indent <= max_indent) {
            if !matches!(current, Some(c) if c >= h) {
                current = Some(h);
                let body = if keep { vec![*line] } else { Vec::new() };
                out.parts.push((h, line.no, body));
                continue;
            }
        }
        match out.parts.last_mut() {
            Some((_, _, body)) => body.push(*line),
            None => {
                if line.text.starts_with("See also:") && line.text.contains("API Documentation") {
                    out.api_link = true;
                } else {
                    out.description.push(*line);
                }
            }
        }
    }
    out
}

fn plaintext_heading(text: &str) -> Option<(Heading, bool)> {
    if param_block_name(text, "type").is_some() {
        return Some((Heading::Parameters, true));
    }
    let h = match text {
        // Where Sphinx left the field list as it was (ec2 `GetSpotPlacementScores`): `type
        // X` / `param X` blocks, then `rtype` and `returns`.
        "rtype" => Heading::ReturnType,
        "returns" => Heading::Returns,
        "Request Syntax" => Heading::RequestSyntax,
        "Parameters" => Heading::Parameters,
        "Raises" => Heading::Raises,
        "Return type" => Heading::ReturnType,
        "Returns" => Heading::Returns,
        "Response Syntax" => Heading::ResponseSyntax,
        "Response Structure" => Heading::ResponseStructure,
        "Exceptions" => Heading::Exceptions,
        "Examples" => Heading::Examples,
        _ => return None,
    };
    Some((h, false))
}

/// `type Name` / `param Name` → `Name`.
fn param_block_name<'a>(text: &'a str, keyword: &str) -> Option<&'a str> {
    let name = text.strip_prefix(keyword)?.strip_prefix(' ')?.trim();
    is_identifier(name).then_some(name)
}

/// Parameters written as Sphinx leaves a field list it did not turn into `Parameters`
/// bullets: `type X`, its type word, `param X`, then the prose and member bullets, per
/// parameter (the changelog pages' form).
fn param_blocks<'a>(file: &Path, lines: &[Line<'a>]) -> Result<Vec<RawEntry<'a>>, Diagnostic> {
    let starts: Vec<usize> =
        lines.iter().enumerate().filter(|(_, l)| param_block_name(l.text, "type").is_some()).map(|(i, _)| i).collect();
    let mut out = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let Some((type_line, rest)) = lines.get(start..end).and_then(<[_]>::split_first) else { continue };
        let name = param_block_name(type_line.text, "type").unwrap_or_default();
        let mut rest = rest.iter().skip_while(|l| l.is_blank());
        let word = rest.next().filter(|l| param_block_name(l.text, "param").is_none()).ok_or_else(|| {
            Diagnostic::new(file, type_line.no, format!("expected the type of parameter {name} after `type {name}`"))
        })?;
        let ty = checked_type_text(file, word.no, word.text)?;
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
        let entry = RawEntry::param(name, ty, type_line.no);
        out.append(&mut build_entries(file, &prose, vec![entry], "parameter")?);
    }
    Ok(out)
}

/// The lines of a syntax block as one text for [`syntax::parse_literal`], with the line
/// number of its first line. `None` when the block is empty.
pub(crate) fn literal_text(lines: &[Line<'_>]) -> Option<(String, u32)> {
    let start = lines.iter().position(|l| !l.is_blank())?;
    let end = lines.iter().rposition(|l| !l.is_blank())?;
    let block = lines.get(start..=end)?;
    let text: Vec<String> =
        block.iter().map(|l| format!("{}{}", " ".repeat(l.indent), l.text)).collect();
    Some((text.join("\n"), block.first().map(|l| l.no)?))
}

const TOO_LARGE: &str = "This section is too large to render";

/// Exception shape names from `• Cls.Client.exceptions.Name` items.
pub(crate) fn exception_names(file: &Path, lines: &[Line<'_>]) -> Result<Vec<String>, Diagnostic> {
    let mut out = Vec::new();
    for line in lines.iter().filter(|l| !l.is_blank()) {
        let item = strip_bullet(line.text).unwrap_or(line.text);
        match item.rsplit_once(".exceptions.") {
            Some((_, name)) if is_identifier(name.trim()) => out.push(name.trim().to_string()),
            _ => {
                return Err(Diagnostic::new(
                    file,
                    line.no,
                    format!("expected an exception item `Cls.Client.exceptions.Name`, found `{}`", line.text),
                ))
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Bodies and description, shared with the changelog

/// A paginator's or waiter's config parameter (boto3's, not the operation's), taken out of
/// the request before it is built, as the RST parser does.
#[derive(Debug, Default)]
pub(crate) struct Config {
    /// Keys of its dict in the syntax block.
    pub literal_keys: Vec<String>,
    pub field: Option<FieldEntry>,
}

impl Config {
    fn has(&self, key: &str) -> bool {
        self.literal_keys.iter().any(|k| k == key)
            || self.field.as_ref().is_some_and(|f| f.children.iter().any(|c| c.name.as_deref() == Some(key)))
    }

    /// `Default: 20` in the docs of the config's `key` member.
    fn default_of(&self, key: &str) -> Option<u32> {
        let child = self.field.as_ref()?.children.iter().find(|c| c.name.as_deref() == Some(key))?;
        let (_, n) = child.docs.split_once("Default:")?;
        let digits: String = n.trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
        digits.parse().ok()
    }
}

/// A page's request and response.
#[derive(Debug)]
pub(crate) struct Bodies {
    pub request: Body,
    pub response: Body,
    /// The stripped config parameter, when one was asked for and found.
    pub config: Option<Config>,
}

/// The request and response bodies from a page's syntax blocks and field lists. `params`
/// are the parameter entries, read by the caller in its form's style; `strip` names the
/// config parameter to take out of the request (`PaginationConfig`, `WaiterConfig`).
pub(crate) fn method_bodies(
    file: &Path,
    sections: &Sections<'_>,
    params: Vec<RawEntry<'_>>,
    strip: Option<&str>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Bodies, Diagnostic> {
    let end = last_line(sections);
    let mut config = None;
    let request = match sections.get(Heading::RequestSyntax) {
        None => Body::None,
        Some((_, lines)) if too_large(lines) => Body::TooLarge,
        Some((no, lines)) => {
            let mut fields: Vec<FieldEntry> = params.into_iter().map(RawEntry::into_field).collect();
            let (text, first) = literal_text(lines)
                .ok_or_else(|| Diagnostic::new(file, no, "expected the request syntax block after `Request Syntax`"))?;
            let mut literal = syntax::parse_literal(&text, first, file)?;
            let LiteralValue::Call(entries) = &mut literal.value else {
                return Err(Diagnostic::new(
                    file,
                    first,
                    "Request Syntax: expected a method call such as `response = client.op(`",
                ));
            };
            if let Some(name) = strip {
                let lit = entries.iter().position(|e| e.key == name).map(|p| entries.remove(p));
                let field = fields.iter().position(|f| f.name.as_deref() == Some(name)).map(|p| fields.remove(p));
                if lit.is_none() && field.is_none() {
                    warnings.push(Diagnostic::new(file, first, format!("expected a `{name}` parameter")));
                }
                let literal_keys = match lit.map(|e| e.value.value) {
                    Some(LiteralValue::Dict(d)) => d.into_iter().map(|e| e.key).collect(),
                    _ => Vec::new(),
                };
                config = Some(Config { literal_keys, field });
            }
            if entries.is_empty() && fields.is_empty() {
                Body::None
            } else {
                Body::Shape(tree::build_body_owned(literal, fields, file, warnings)?)
            }
        }
    };
    if sections.get(Heading::RequestSyntax).is_none() {
        return Ok(Bodies { request, response: Body::None, config });
    }
    let Some((returns_no, returns)) = sections.get(Heading::Returns) else {
        return Err(Diagnostic::new(file, end, "page ends before `Returns` (truncated?)"));
    };
    let says_none = returns.iter().find(|l| !l.is_blank()).is_some_and(|l| l.text == "None");
    let response = if says_none {
        Body::None
    } else {
        match sections.get(Heading::ResponseSyntax) {
            None => {
                return Err(Diagnostic::new(
                    file,
                    returns_no,
                    "expected `Response Syntax` (or `None`) after `Returns` (truncated?)",
                ))
            }
            Some((_, lines)) if too_large(lines) => Body::TooLarge,
            Some((no, lines)) => {
                let (text, first) = literal_text(lines)
                    .ok_or_else(|| Diagnostic::new(file, no, "expected the response syntax block after `Response Syntax`"))?;
                let literal = syntax::parse_literal(&text, first, file)?;
                if !matches!(literal.value, LiteralValue::Dict(_)) {
                    return Err(Diagnostic::new(file, first, "Response Syntax: expected a dict `{…}`"));
                }
                let fields = match sections.get(Heading::ResponseStructure) {
                    None => return Err(Diagnostic::new(file, end, "page ends before `Response Structure` (truncated?)")),
                    Some((no, lines)) if too_large(lines) => {
                        warnings.push(Diagnostic::new(
                            file,
                            no,
                            "Response Structure too large to render: response members are undocumented",
                        ));
                        Vec::new()
                    }
                    Some((_, lines)) => build_entries(file, lines, Vec::new(), "response structure")?,
                };
                let fields: Vec<FieldEntry> = fields.into_iter().map(RawEntry::into_field).collect();
                Body::Shape(tree::build_body_owned(literal, fields, file, warnings)?)
            }
        }
    };
    Ok(Bodies { request, response, config })
}

fn too_large(lines: &[Line<'_>]) -> bool {
    lines.iter().any(|l| l.text.contains(TOO_LARGE))
}

/// The number of the last non-blank line of a page body, for "ends before" messages.
fn last_line(sections: &Sections<'_>) -> u32 {
    sections
        .parts
        .iter()
        .flat_map(|(_, no, lines)| std::iter::once(*no).chain(lines.iter().filter(|l| !l.is_blank()).map(|l| l.no)))
        .chain(sections.description.iter().map(|l| l.no))
        .max()
        .unwrap_or(1)
}

/// The method's prose → Markdown, and whether it carries the deprecation notice (a
/// `Danger` admonition, as the RST's `.. danger::`).
pub(crate) fn description(lines: &[Line<'_>]) -> (String, bool) {
    let deprecated = lines.iter().any(|l| l.text == "Danger");
    (lines_to_markdown(lines), deprecated)
}

// ---------------------------------------------------------------------------------------
// The page

/// What the signature line says.
#[derive(Debug, Clone, PartialEq)]
enum Signature<'a> {
    /// `Cls.Client.method(args)`.
    Client { class: &'a str, method: &'a str },
    /// `class Cls.Paginator.Name`.
    Paginator { class: &'a str, name: &'a str },
    /// `class Cls.Waiter.Name`.
    Waiter { class: &'a str, name: &'a str },
}

fn parse_signature(text: &str) -> Option<Signature<'_>> {
    let text = text.strip_prefix("class ").unwrap_or(text).trim();
    if let Some((class, rest)) = text.split_once(".Client.") {
        let (method, args) = rest.split_once('(')?;
        if !args.ends_with(')') || !is_identifier(class) || !is_identifier(method) {
            return None;
        }
        return Some(Signature::Client { class, method });
    }
    for (sep, waiter) in [(".Paginator.", false), (".Waiter.", true)] {
        if let Some((class, name)) = text.split_once(sep) {
            if !is_identifier(class) || !is_identifier(name) {
                return None;
            }
            return Some(if waiter { Signature::Waiter { class, name } } else { Signature::Paginator { class, name } });
        }
    }
    None
}

/// How many non-blank lines may precede the signature: the page title and breadcrumbs.
const SIGNATURE_WITHIN: usize = 4;

/// Parses one plain-text method page.
pub fn parse_page(file: &Path, text: &str) -> Result<MethodPage, Diagnostic> {
    let lines = split_lines(text);
    let (sig_idx, sig) = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_blank())
        .take(SIGNATURE_WITHIN)
        .find_map(|(i, l)| parse_signature(l.text).map(|s| (i, s)))
        .ok_or_else(|| {
            let first = lines.iter().find(|l| !l.is_blank()).map(|l| l.no).unwrap_or(1);
            Diagnostic::new(
                file,
                first,
                "expected a boto3 method signature (`Cls.Client.method(**kwargs)`, `class Cls.Paginator.Name` \
                 or `class Cls.Waiter.Name`) at the top of the page",
            )
        })?;
    let sig_line = line_no(&lines, sig_idx);
    let mut rest = lines.get(sig_idx + 1..).unwrap_or(&[]);
    // `paginator = client.get_paginator('…')` / `paginate(**kwargs)` and the waiter's pair.
    if !matches!(sig, Signature::Client { .. }) {
        for prefix in [["paginator = client.", "waiter = client."], ["paginate(", "wait("]] {
            let skip = rest.iter().position(|l| !l.is_blank()).filter(|&p| {
                rest.get(p).is_some_and(|l| prefix.iter().any(|pre| l.text.starts_with(pre)))
            });
            if let Some(p) = skip {
                rest = rest.get(p + 1..).unwrap_or(&[]);
            }
        }
    }
    // Headings sit at the signature's indent (column 0 in a copy).
    let max_indent = lines.get(sig_idx).map_or(0, |l| l.indent);
    let mut sections = split_sections_within(rest, max_indent, plaintext_heading);
    split_cut_parameters(&mut sections);
    let mut warnings = Vec::new();
    // A custom method (no Request Syntax) documents Python arguments (`str`, `int`), which
    // are not part of the API model.
    let params = match (sections.get(Heading::RequestSyntax), sections.get(Heading::Parameters)) {
        (Some(_), Some((no, lines))) if too_large(lines) => {
            warnings.push(Diagnostic::new(
                file,
                no,
                "Parameters section too large to render: request members are undocumented",
            ));
            Vec::new()
        }
        (Some(_), Some((_, lines))) if lines.first().is_some_and(|l| param_block_name(l.text, "type").is_some()) => {
            param_blocks(file, lines)?
        }
        (Some(_), Some((_, lines))) => build_entries(file, lines, Vec::new(), "parameter")?,
        _ => Vec::new(),
    };
    let strip = match sig {
        Signature::Client { .. } => None,
        Signature::Paginator { .. } => Some("PaginationConfig"),
        Signature::Waiter { .. } => Some("WaiterConfig"),
    };
    let bodies = method_bodies(file, &sections, params, strip, &mut warnings)?;
    let (docs, deprecated) = description(&sections.description);
    let errors = match sections.get(Heading::Exceptions) {
        Some((_, lines)) => exception_names(file, lines)?,
        None => Vec::new(),
    };
    let modelled = sections.api_link || sections.get(Heading::RequestSyntax).is_some();
    let prose: Vec<&str> = sections.description.iter().map(|l| l.text).collect();
    // The page's words, and the names of the service's paginators: their pages' titles,
    // which spell operation names as the API does.
    let paginators = if matches!(sig, Signature::Paginator { .. }) { Vec::new() } else { sibling_paginators(file) };
    let paginators: Vec<&str> = paginators.iter().map(String::as_str).collect();
    let page_words: Vec<&str> = lines.iter().map(|l| l.text).collect();
    let config = bodies.config.unwrap_or_default();

    let (kind, class, method, operation, wraps) = match sig {
        Signature::Client { class, method } => {
            let op = modelled.then(|| operation_name(method, &page_words, &paginators));
            (MethodKind::Client, class, method.to_string(), op, None)
        }
        Signature::Paginator { class, name } => {
            let wraps = wrapped_method(&prose);
            let kind = MethodKind::Paginator { page_size: config.has("PageSize") };
            (kind, class, name.to_string(), Some(name.to_string()), wraps)
        }
        Signature::Waiter { class, name } => {
            let wraps = wrapped_method(&prose);
            let (delay_seconds, max_attempts) = waiter_numbers(&prose, &config).unwrap_or_else(|| {
                warnings.push(Diagnostic::new(
                    file,
                    sig_line,
                    "WaiterConfig: expected `Default: N` for Delay and MaxAttempts (or `every N seconds` and \
                     `after M failed checks`)",
                ));
                (0, 0)
            });
            let op = wraps.as_deref().map(|w| operation_name(w, &page_words, &paginators));
            (MethodKind::Waiter { delay_seconds, max_attempts }, class, name.to_string(), op, wraps)
        }
    };
    let (request, response) = if modelled { (bodies.request, bodies.response) } else { (Body::None, Body::None) };
    Ok(MethodPage {
        file: file.to_path_buf(),
        line: sig_line,
        kind: if modelled { kind } else { MethodKind::Client },
        class_name: class.to_string(),
        method,
        operation,
        uid: None,
        wraps,
        docs,
        deprecated,
        request,
        response,
        errors,
        warnings,
    })
}

/// Where botocore cut a request's parameters as too large, its RST writes the stub
/// (`**Parameters**`, `::`, `# This section is too large to render.`) inside the request
/// syntax's literal block, so a copy shows it as the block's last lines (glue `CreateJob`).
/// Those lines are moved out into a Parameters section of their own, which then says the
/// section is too large, and the syntax block is read without them.
fn split_cut_parameters(sections: &mut Sections<'_>) {
    if sections.get(Heading::Parameters).is_some() {
        return;
    }
    let Some(at) = sections.parts.iter().position(|(h, _, _)| *h == Heading::RequestSyntax) else { return };
    let Some((_, _, lines)) = sections.parts.get_mut(at) else { return };
    let Some(cut) = lines.iter().position(|l| l.text == "**Parameters**") else { return };
    if !too_large(lines.get(cut..).unwrap_or(&[])) {
        return;
    }
    let tail = lines.split_off(cut);
    let no = tail.first().map_or(0, |l| l.no);
    sections.parts.insert(at + 1, (Heading::Parameters, no, tail));
}

/// The client method a paginator or waiter page calls: `… from Backup.Client.list_x().`.
fn wrapped_method(prose: &[&str]) -> Option<String> {
    prose.iter().find_map(|p| {
        let (_, after) = p.split_once(".Client.")?;
        let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        is_identifier(&name).then_some(name)
    })
}

/// The waiter's delay and attempts: WaiterConfig's `Default: N`, else the description's
/// `every 20 seconds` and `after 25 failed checks` (the RST parser's order).
fn waiter_numbers(prose: &[&str], config: &Config) -> Option<(u32, u32)> {
    let number_before = |word: &str| {
        prose.iter().find_map(|p| {
            let (before, _) = p.split_once(word)?;
            before.trim_end().rsplit(' ').next()?.parse().ok()
        })
    };
    let delay = config.default_of("Delay").or_else(|| number_before(" seconds"))?;
    let attempts = config.default_of("MaxAttempts").or_else(|| number_before(" failed checks"))?;
    Some((delay, attempts))
}

/// The paginators documented beside a client or waiter page (`<svc>/paginator/<Name>.txt`
/// for `<svc>/client/<method>.txt`): a paginator page's title is its operation's name, so
/// the names give the casing of every paginated operation, and of the words they share with
/// others. Empty for a page outside such a folder.
pub fn sibling_paginators(file: &Path) -> Vec<String> {
    let Some(kind_dir) = file.parent() else { return Vec::new() };
    if !kind_dir.file_name().is_some_and(|n| n == "client" || n == "waiter") {
        return Vec::new();
    }
    let Some(Ok(entries)) = kind_dir.parent().map(|svc| std::fs::read_dir(svc.join("paginator"))) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let ext = path.extension()?.to_str()?;
            let stem = path.file_stem()?.to_str()?;
            (matches!(ext, "txt" | "rst") && is_identifier(stem)).then(|| stem.to_string())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The PascalCase operation name of a snake_case method, as the page shows it.
///
/// The API link that names the operation is lost in a copy, and botocore's method names
/// lower-case acronyms (`ListApplicationDPUSizes` → `list_application_dpu_sizes`), so the
/// casing is taken from the page's own words:
///
/// 1. a word spelling the whole name (`… call GetBackupPlanFromJSON …`) wins;
/// 2. otherwise each segment of the method name takes the casing the page's words give it,
///    where a word spells the segment as one of its capitalised parts: `DPU` in `DPUSizes`,
///    `Kms` in `KmsKeyArn`, `OTel` in `OTelEnrichment`, `MFA` alone. The parts must start
///    with a capital or digit and end where the word or a capitalised part does, and words
///    holding `_` (enum values such as `CREATE_COMPLETE`) are skipped. Evidence ranks by
///    kind: a word spelling several consecutive segments (member, error and operation
///    names: `ApplicationDPUSizes`, `MFADeviceNotFound`), then a segment inside a longer
///    identifier (`KmsKeyArn`, `ApiId`), then a word standing alone (`MFA` in prose, which
///    is ignored for the first segment: `GET`, `DELETE`); within a kind, the most segments
///    covered, then the most frequent casing;
/// 3. a segment no word spells is capitalised (`list` → `List`).
///
/// `cargo xtask corpus --acronyms` measures the rule over the RST corpus, whose API links
/// give the true names.
pub fn pascal_case(method: &str, page_words: &[&str]) -> String {
    operation_name(method, page_words, &[])
}

/// [`pascal_case`] with the names of the service's paginators ([`sibling_paginators`]),
/// which are operation names as the API spells them: one spelling the whole name wins over
/// the page's words, and their casing of a segment over the page's (timestream-influxdb's
/// `ListDbClusters` gives `RebootDbCluster`, where the page's members say `DBCluster`).
pub fn operation_name(method: &str, page_words: &[&str], paginators: &[&str]) -> String {
    let segments: Vec<&str> = method.split('_').filter(|s| !s.is_empty()).collect();
    let capitalised = |seg: &str| {
        let mut chars = seg.chars();
        chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
    };
    let plain: String = segments.iter().map(|s| capitalised(s)).collect();
    if segments.is_empty() || !method.is_ascii() {
        return plain;
    }
    let words = || {
        page_words
            .iter()
            .chain(paginators)
            .flat_map(|p| p.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
            .filter(|w| !w.is_empty() && !w.contains('_'))
    };
    let whole = |w: &str| w.eq_ignore_ascii_case(&plain) && w.starts_with(|c: char| c.is_ascii_uppercase());
    if let Some(name) = paginators.iter().find(|w| whole(w)) {
        return (*name).to_string();
    }
    // The page's most frequent spelling of the whole name (quicksight's `ListNamespaces`
    // page says `ListNameSpaces` once and `ListNamespaces` four times), the first on a tie.
    let mut spelled: Vec<(&str, usize)> = Vec::new();
    for w in words().filter(|w| whole(w)) {
        match spelled.iter_mut().find(|(s, _)| *s == w) {
            Some(e) => e.1 += 1,
            None => spelled.push((w, 1)),
        }
    }
    if let Some(&(name, _)) = spelled.iter().rev().max_by_key(|(_, n)| *n) {
        return name.to_string();
    }
    // A part starts at a capital that follows a small letter or digit or precedes a small
    // letter (`MFA|Device`, `O|Tel`) or at a word's start; never inside a run of capitals
    // (`ACCEPTED`) nor at a digit (`DatasetS3Uri` spells no `DatasetS`).
    let starts_part = |w: &str, at: usize| {
        let b = w.as_bytes();
        let (prev, cur, next) = (at.checked_sub(1).and_then(|p| b.get(p)), b.get(at), b.get(at + 1));
        match cur {
            Some(c) if c.is_ascii_uppercase() => {
                prev.is_none_or(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) || next.is_some_and(u8::is_ascii_lowercase)
            }
            _ => false,
        }
    };
    // Per segment: (kind, segments covered, count, casing); kind 2 = several segments,
    // 1 = inside a longer identifier, 0 = a word alone; 3 more in a paginator's name.
    let mut votes: Vec<Vec<(u8, usize, usize, String)>> = vec![Vec::new(); segments.len()];
    let page = page_words.iter().map(|w| (w, 0u8)).chain(paginators.iter().map(|w| (w, 3u8)));
    let tokens = page.flat_map(|(p, tier)| {
        p.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).filter(|w| !w.is_empty() && !w.contains('_')).map(move |w| (w, tier))
    });
    for (word, tier) in tokens {
        for from in (0..word.len()).filter(|&at| starts_part(word, at)) {
            for first in 0..segments.len() {
                // The longest run of segments spelled from `from` that ends at a part's end.
                let (mut at, mut best) = (from, None);
                for (k, seg) in segments.iter().enumerate().skip(first) {
                    let Some(piece) = word.get(at..at + seg.len()) else { break };
                    if !piece.eq_ignore_ascii_case(seg) || !starts_part(word, at) {
                        break;
                    }
                    at += seg.len();
                    if at == word.len() || starts_part(word, at) {
                        best = Some((k + 1, at));
                    }
                }
                let Some((last, end)) = best else { continue };
                let covered = last - first;
                let alone = from == 0 && end == word.len();
                let kind = tier + if covered > 1 { 2 } else if alone { 0 } else { 1 };
                if kind == 0 {
                    continue;
                }
                let mut at = from;
                for (k, seg) in segments.iter().enumerate().take(last).skip(first) {
                    let piece = word.get(at..at + seg.len()).unwrap_or(seg);
                    at += seg.len();
                    let Some(slot) = votes.get_mut(k) else { continue };
                    match slot.iter_mut().find(|v| v.0 == kind && v.1 == covered && v.3 == piece) {
                        Some(v) => v.2 += 1,
                        None => slot.push((kind, covered, 1, piece.to_string())),
                    }
                }
            }
        }
    }
    segments
        .iter()
        .zip(votes)
        .map(|(seg, mut v)| {
            v.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)).then(a.3.cmp(&b.3)));
            v.into_iter().next().map_or_else(|| capitalised(seg), |(_, _, _, p)| p)
        })
        .collect()
}

/// Where two pages differ, for reports: the first differing field by path (`request.Foo.Bar
/// docs: "…" vs "…"`), or `None` when they are equal. Compare [`comparable`] pages to
/// ignore what the forms are allowed to differ in.
pub fn first_difference(a: &MethodPage, b: &MethodPage) -> Option<String> {
    macro_rules! field {
        ($name:literal, $x:expr, $y:expr) => {
            if $x != $y {
                return Some(format!("{}: {:?} vs {:?}", $name, $x, $y));
            }
        };
    }
    field!("kind", a.kind, b.kind);
    field!("class_name", a.class_name, b.class_name);
    field!("method", a.method, b.method);
    field!("operation", a.operation, b.operation);
    field!("uid", a.uid, b.uid);
    field!("wraps", a.wraps, b.wraps);
    field!("deprecated", a.deprecated, b.deprecated);
    field!("errors", a.errors, b.errors);
    for (side, x, y) in [("request", &a.request, &b.request), ("response", &a.response, &b.response)] {
        match (x, y) {
            (Body::Shape(x), Body::Shape(y)) => {
                if let Some(d) = node_difference(side, x, y) {
                    return Some(d);
                }
            }
            _ if x != y => return Some(format!("{side}: {x:?} vs {y:?}")),
            _ => {}
        }
    }
    field!("docs", a.docs, b.docs);
    field!("line", a.line, b.line);
    field!("file", a.file, b.file);
    field!("warnings", a.warnings, b.warnings);
    None
}

fn node_difference(path: &str, a: &Node, b: &Node) -> Option<String> {
    let shallow = |t: &NodeType| -> String {
        match t {
            NodeType::Structure { members, union } => {
                let names: Vec<&str> = members.iter().map(|f| f.name.as_str()).collect();
                format!("Structure {names:?} union={union}")
            }
            NodeType::EventStream { members } => {
                let names: Vec<&str> = members.iter().map(|f| f.name.as_str()).collect();
                format!("EventStream {names:?}")
            }
            NodeType::List(_) => "List".into(),
            NodeType::Map { .. } => "Map".into(),
            other => format!("{other:?}"),
        }
    };
    let (sa, sb) = (shallow(&a.ty), shallow(&b.ty));
    if sa != sb {
        return Some(format!("{path} type: {sa} vs {sb}"));
    }
    match (&a.ty, &b.ty) {
        (NodeType::Structure { members: ma, .. }, NodeType::Structure { members: mb, .. })
        | (NodeType::EventStream { members: ma }, NodeType::EventStream { members: mb }) => {
            for (x, y) in ma.iter().zip(mb) {
                if let Some(d) = node_difference(&format!("{path}.{}", x.name), &x.node, &y.node) {
                    return Some(d);
                }
            }
        }
        (NodeType::List(x), NodeType::List(y)) => return node_difference(&format!("{path}[]"), x, y),
        (NodeType::Map { key: ka, value: va }, NodeType::Map { key: kb, value: vb }) => {
            if let Some(d) = node_difference(&format!("{path}{{key}}"), ka, kb) {
                return Some(d);
            }
            if let Some(d) = node_difference(&format!("{path}{{value}}"), va, vb) {
                return Some(d);
            }
        }
        _ => {}
    }
    if a.required != b.required {
        return Some(format!("{path} required: {} vs {}", a.required, b.required));
    }
    if a.idempotency_token != b.idempotency_token {
        return Some(format!("{path} idempotency_token: {} vs {}", a.idempotency_token, b.idempotency_token));
    }
    if a.docs != b.docs {
        return Some(format!("{path} docs: {:?} vs {:?}", a.docs, b.docs));
    }
    if a.line != b.line {
        return Some(format!("{path} line: {} vs {}", a.line, b.line));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Read-only reference corpus: the plain-text samples and the RST pages they came from.
    const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared");

    /// All plain-text samples, sorted, each with the RST page it was made from.
    fn samples() -> Vec<(PathBuf, PathBuf)> {
        let root = Path::new(SHARED).join("plaintext-samples");
        let mut out = Vec::new();
        let dirs = |p: &Path| -> Vec<PathBuf> {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
                .map(|e| e.expect("dir entry").path())
                .collect();
            v.sort();
            v
        };
        for service in dirs(&root) {
            for kind in dirs(&service) {
                for page in dirs(&kind) {
                    let rel = page.strip_prefix(&root).expect("under root").with_extension("rst");
                    out.push((page, Path::new(SHARED).join("boto3-docs").join(rel)));
                }
            }
        }
        out
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn rst_page(path: &Path) -> MethodPage {
        match crate::parse::rst::parse_page(path, &read(path)) {
            Ok(crate::parse::rst::RstPage::Method(p)) => p,
            other => panic!("{}: not a method page: {other:?}", path.display()),
        }
    }

    fn seed_001() -> (PathBuf, String) {
        let path = Path::new(SHARED).join("seeds/001_44233cf249758cdb.txt");
        let text = read(&path);
        (path, text)
    }

    /// Pages whose operation name the copy cannot give: botocore lower-cased an acronym in
    /// the method name and the page never spells the operation, whose API link URL is gone.
    const LOST_OPERATION_NAMES: &[&str] = &["get_backup_plan_from_json.txt", "get_pitr_malware_scan_results.txt"];

    #[test]
    fn every_sample_equals_its_rst_page() {
        let samples = samples();
        assert_eq!(samples.len(), 248, "the corpus holds 248 plain-text pages");
        let (mut equal, mut lost, mut diffs) = (0, 0, Vec::new());
        for (txt, rst_path) in &samples {
            let plain = parse_page(txt, &read(txt)).unwrap_or_else(|e| panic!("{e}"));
            let rst = rst_page(rst_path);
            assert!(plain.warnings.is_empty(), "{}: {:?}", txt.display(), plain.warnings);
            let (mut a, b) = (comparable(&plain), comparable(&rst));
            let name = txt.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if LOST_OPERATION_NAMES.contains(&name) {
                assert_ne!(a.operation, b.operation, "{name} now recovers its operation name; update the list");
                a.operation.clone_from(&b.operation);
                lost += 1;
            }
            match first_difference(&a, &b) {
                None => equal += 1,
                Some(d) => diffs.push(format!("{}: {d}", txt.display())),
            }
        }
        eprintln!(
            "plain text vs RST: {} of {} pages equal as parsed; {lost} more differ only in the operation name the copy lost",
            equal - lost,
            samples.len()
        );
        assert!(diffs.is_empty(), "{} pages differ:\n{}", diffs.len(), diffs.join("\n"));
    }

    /// The kinds of untidiness a person's copy has.
    fn untidy(text: &str, variant: usize) -> String {
        let lines: Vec<&str> = text.split('\n').collect();
        let mut out: Vec<String> = Vec::with_capacity(lines.len());
        for line in lines {
            let body = line.trim_start_matches(' ');
            let spaces = line.len() - body.len();
            let line = match variant {
                // Bullets as a retyped list: `*`, `-`, or the browser's per-level glyphs.
                0 => line.replace('•', "*"),
                1 => line.replace('•', "-"),
                2 => {
                    let glyph = ["•", "◦", "▪"].get((spaces / 4) % 3).copied().unwrap_or("•");
                    line.replacen('•', glyph, 1)
                }
                // Tabs for indentation (one per two spaces).
                3 => format!("{}{}{body}", "\t".repeat(spaces / 2), " ".repeat(spaces % 2)),
                // Trailing blanks.
                4 => format!("{line} \t\u{a0}"),
                // No blank lines at all.
                5 if body.trim().is_empty() => continue,
                _ => line.to_string(),
            };
            out.push(line);
        }
        let joined = out.join("\n");
        // CRLF, a BOM and leading blank lines.
        if variant == 6 {
            format!("\u{feff}\r\n\r\n{}", joined.replace('\n', "\r\n"))
        } else {
            joined
        }
    }

    #[test]
    fn untidy_copies_parse_to_the_same_page() {
        let samples = samples();
        let mut checked = 0;
        for (txt, _) in &samples {
            let text = read(txt);
            let clean = comparable(&parse_page(txt, &text).unwrap_or_else(|e| panic!("{e}")));
            for variant in 0..7 {
                let messy = untidy(&text, variant);
                let page = parse_page(txt, &messy).unwrap_or_else(|e| panic!("variant {variant}: {e}"));
                if let Some(d) = first_difference(&comparable(&page), &clean) {
                    panic!("{} variant {variant}: {d}", txt.display());
                }
                checked += 1;
            }
        }
        assert_eq!(checked, samples.len() * 7);
    }

    /// Every node carries the line of its own entry (or its literal when undocumented).
    #[test]
    fn node_lines_point_at_their_entries() {
        fn walk(node: &Node, name: Option<&str>, lines: &[&str], file: &Path, count: &mut usize) {
            if let Some(name) = name {
                let text = lines.get(node.line as usize - 1).copied().unwrap_or("");
                assert!(text.contains(name), "{}:{}: expected `{name}` on the line, found `{text}`", file.display(), node.line);
                *count += 1;
            }
            match &node.ty {
                NodeType::Structure { members, .. } | NodeType::EventStream { members } => {
                    for f in members {
                        walk(&f.node, Some(&f.name), lines, file, count);
                    }
                }
                NodeType::List(n) => walk(n, None, lines, file, count),
                NodeType::Map { key, value } => {
                    walk(key, None, lines, file, count);
                    walk(value, None, lines, file, count);
                }
                _ => {}
            }
        }
        let mut count = 0;
        for (txt, _) in samples() {
            let text = read(&txt);
            let lines: Vec<&str> = text.split('\n').collect();
            let page = parse_page(&txt, &text).unwrap_or_else(|e| panic!("{e}"));
            assert!(lines.get(page.line as usize - 1).is_some_and(|l| l.contains(&page.method)));
            for body in [&page.request, &page.response] {
                if let Body::Shape(n) = body {
                    walk(n, None, &lines, &txt, &mut count);
                }
            }
        }
        assert!(count > 5000, "only {count} members checked");
    }

    #[test]
    fn seed_paginator_page() {
        let (path, text) = seed_001();
        let page = parse_page(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.kind, MethodKind::Paginator { page_size: true });
        assert_eq!((page.class_name.as_str(), page.method.as_str()), ("Backup", "ListBackupJobs"));
        assert_eq!(page.operation.as_deref(), Some("ListBackupJobs"));
        assert_eq!(page.wraps.as_deref(), Some("list_backup_jobs"));
        assert_eq!(page.line, 3);
        let names: Vec<&str> = tree::members(match &page.request {
            Body::Shape(n) => n,
            other => panic!("{other:?}"),
        })
        .iter()
        .map(|f| f.name.as_str())
        .collect();
        assert!(!names.contains(&"PaginationConfig"), "{names:?}");
        assert_eq!(names.first(), Some(&"ByResourceArn"));
        let Body::Shape(resp) = &page.response else { panic!("{:?}", page.response) };
        let jobs = &tree::members(resp).first().expect("BackupJobs").node;
        let NodeType::List(job) = &jobs.ty else { panic!("{:?}", jobs.ty) };
        let options = tree::members(job).iter().find(|f| f.name == "BackupOptions").expect("BackupOptions");
        assert!(matches!(options.node.ty, NodeType::Map { .. }), "{:?}", options.node.ty);
        // Prose bullets under a parameter are its docs, not entries.
        let by_type = tree::members(match &page.request {
            Body::Shape(n) => n,
            _ => unreachable!(),
        })
        .iter()
        .find(|f| f.name == "ByResourceType")
        .expect("ByResourceType");
        assert!(by_type.node.docs.contains("- Aurora for Amazon Aurora"), "{}", by_type.node.docs);
    }

    #[test]
    fn waiter_page() {
        let path = Path::new(SHARED).join("plaintext-samples/dynamodb/waiter/TableExists.txt");
        let page = parse_page(&path, &read(&path)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.kind, MethodKind::Waiter { delay_seconds: 20, max_attempts: 25 });
        assert_eq!(page.operation.as_deref(), Some("DescribeTable"));
        assert_eq!(page.response, Body::None);
        let Body::Shape(req) = &page.request else { panic!() };
        let names: Vec<&str> = tree::members(req).iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["TableName"]);
        assert!(tree::members(req).first().is_some_and(|f| f.node.required));
    }

    #[test]
    fn custom_method_page() {
        let path = Path::new("get_paginator.txt");
        let text = "get_paginator\n\nBackup.Client.get_paginator(operation_name)\n\nCreate a paginator for an operation.\n\n\
                    Parameters\n\noperation_name (string) -- The operation name.\n\nRaises\n\nOperationNotPageableError -- Raised.\n\n\
                    Return type\n\nbotocore.paginate.Paginator\n\nReturns\n\nA paginator object.";
        let page = parse_page(path, text).unwrap_or_else(|e| panic!("{e}"));
        assert!(page.is_custom());
        assert_eq!((page.request, page.response), (Body::None, Body::None));
        assert_eq!(page.docs, "Create a paginator for an operation.");
    }

    #[test]
    fn single_unbulleted_parameter_with_children() {
        let text = "ListTables\n\nclass DynamoDB.Paginator.ListTables\n\nCreates an iterator that will paginate through responses from \
                    DynamoDB.Client.list_tables().\n\nSee also: AWS API Documentation\n\nRequest Syntax\n\n\
                    response_iterator = paginator.paginate(\n    PaginationConfig={\n        'MaxItems': 123,\n        'StartingToken': 'string'\n    }\n)\n\
                    Parameters\n\nPaginationConfig (dict) --\n\nA dictionary.\n\n  • MaxItems (integer) --\n\n    The total.\n\n  \
                    • StartingToken (string) --\n\n    A token.\n\nReturn type\n\ndict\n\nReturns\n\nResponse Syntax\n\n{\n    'TableNames': [\n        'string',\n    ],\n}\n\n\
                    Response Structure\n\n  • (dict) --\n\n    • TableNames (list) --\n\n      The names.\n\n      • (string) --";
        let page = parse_page(Path::new("x.txt"), text).unwrap_or_else(|e| panic!("{e}"));
        // PaginationConfig was the only parameter; without PageSize there is no limit key.
        assert_eq!(page.kind, MethodKind::Paginator { page_size: false });
        assert_eq!(page.request, Body::None);
        assert!(page.warnings.is_empty(), "{:?}", page.warnings);
    }

    #[test]
    fn truncated_pages_are_reported_with_their_line() {
        let (path, text) = seed_001();
        let lines: Vec<&str> = text.split('\n').collect();
        let cut = |upto: usize| lines.get(..upto).map(|l| l.join("\n")).unwrap_or_default();
        let find = |needle: &str| lines.iter().position(|l| l.starts_with(needle)).unwrap_or_else(|| panic!("{needle}"));

        // Inside the request literal: the literal is unterminated.
        let e = parse_page(&path, &cut(find("    ByBackupVaultName="))).unwrap_err();
        assert_eq!(e.file, path);
        assert!(e.line >= 13 && e.message.contains("expected"), "{e}");

        // After the parameters: the response is missing.
        let e = parse_page(&path, &cut(find("Return type"))).unwrap_err();
        assert!(e.message.contains("page ends before `Returns`"), "{e}");
        // Reported at the last line the copy has.
        let last = lines.get(..find("Return type")).and_then(|l| l.iter().rposition(|l| !l.trim().is_empty()));
        assert_eq!(Some(e.line as usize), last.map(|p| p + 1), "{e}");

        // Inside the response literal.
        let e = parse_page(&path, &cut(find("            'IamRoleArn'"))).unwrap_err();
        assert!(e.message.contains("expected"), "{e}");

        // Before the response structure.
        let e = parse_page(&path, &cut(find("Response Structure"))).unwrap_err();
        assert!(e.message.contains("Response Structure"), "{e}");

        // Inside the response structure: parsed, but the undocumented members are named.
        let page = parse_page(&path, &cut(find("        • StatusMessage (string)"))).unwrap_or_else(|e| panic!("{e}"));
        let w = page.warnings.iter().find(|w| w.message.contains("`StatusMessage`")).expect("a warning for StatusMessage");
        assert_eq!((w.file.as_path(), w.line), (path.as_path(), 97), "{w}");
    }

    #[test]
    fn broken_literal_is_reported_at_its_line() {
        let (path, text) = seed_001();
        let broken = text.replacen("    ByBackupVaultName='string',", "    ByBackupVaultName='string,", 1);
        let e = parse_page(&path, &broken).unwrap_err();
        assert_eq!((e.file.as_path(), e.line), (path.as_path(), 16), "{e}");
        assert!(e.message.contains("unterminated"), "{e}");
    }

    #[test]
    fn unknown_type_word_is_reported_at_its_line() {
        let (path, text) = seed_001();
        let broken = text.replacen("• ByAccountId (string) --", "• ByAccountId (strnig) --", 1);
        let e = parse_page(&path, &broken).unwrap_err();
        assert_eq!((e.file.as_path(), e.line), (path.as_path(), 52), "{e}");
        assert!(e.message.contains("unknown type `strnig`"), "{e}");
    }

    #[test]
    fn text_that_is_not_a_boto3_page() {
        let path = Path::new("notes.txt");
        for text in ["", "\n\n", "Shopping list\n\n• milk (string) -- two litres\n", "Backup.Client.list_backups\n"] {
            let e = parse_page(path, text).unwrap_err();
            assert_eq!(e.file, path);
            assert!(e.line >= 1 && e.message.contains("expected a boto3 method signature"), "{e}");
        }
        // A page under a missing Parameters heading: the entries are stray text.
        let e = parse_page(path, "x\n\nA.Client.b(**kwargs)\n\nDoc.\n\nRequest Syntax\n\nresponse = client.b(\n    X='string'\n)\n\
                                   Parameters\n\nstray words\n\n• X (string) -- doc")
            .unwrap_err();
        assert_eq!(e.line, 14, "{e}");
        assert!(e.message.contains("expected a parameter entry"), "{e}");
    }

    #[test]
    fn deep_nesting_is_rejected_not_overflowed() {
        let mut text = String::from("x\n\nA.Client.b(**kwargs)\n\nRequest Syntax\n\nresponse = client.b(\n    X='string'\n)\nParameters\n");
        for depth in 0..5000 {
            text.push_str(&format!("{}• (dict) --\n", " ".repeat(depth * 2)));
        }
        let e = parse_page(Path::new("deep.txt"), &text).unwrap_err();
        assert!(e.message.contains("nested deeper"), "{e}");
    }

    /// Mutated pages (lines dropped, duplicated, cut mid-character) give a page or a
    /// diagnostic, never a panic.
    #[test]
    fn mutations_never_panic() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut outcomes = (0, 0);
        for (txt, _) in samples().iter().step_by(8) {
            let text = read(txt);
            for _ in 0..20 {
                let mut lines: Vec<&str> = text.split('\n').collect();
                for _ in 0..3 {
                    let n = lines.len().max(1) as u64;
                    let i = (next() % n) as usize;
                    match next() % 3 {
                        0 if i < lines.len() => {
                            lines.remove(i);
                        }
                        1 => {
                            if let Some(l) = lines.get(i).copied() {
                                lines.insert(i, l);
                            }
                        }
                        _ => {
                            if let Some(l) = lines.get_mut(i) {
                                let cut = l.char_indices().map(|(k, _)| k).nth((next() % 8) as usize).unwrap_or(0);
                                *l = l.get(..cut).unwrap_or("");
                            }
                        }
                    }
                }
                match parse_page(txt, &lines.join("\n")) {
                    Ok(_) => outcomes.0 += 1,
                    Err(e) => {
                        assert!(e.line >= 1 && !e.message.is_empty(), "{e}");
                        outcomes.1 += 1;
                    }
                }
            }
        }
        assert!(outcomes.0 > 0 && outcomes.1 > 0, "{outcomes:?}");
    }

    #[test]
    fn field_entry_heads() {
        assert_eq!(
            parse_head("ByResourceArn (string) -- Returns only."),
            Some(Head { name: Some("ByResourceArn"), type_text: "string", rest: "Returns only." })
        );
        assert_eq!(parse_head("(dict) --"), Some(Head { name: None, type_text: "dict", rest: "" }));
        assert_eq!(
            parse_head("key (string) -- [REQUIRED]"),
            Some(Head { name: Some("key"), type_text: "string", rest: "[REQUIRED]" })
        );
        // Prose that merely has parentheses.
        assert_eq!(parse_head("USER - You create (and manage) these -- ok"), None);
        assert_eq!(parse_head("Aurora for Amazon Aurora"), None);
        assert_eq!(parse_head("x (string) --y"), None);
        // Undocumented: no ` --`, but only with a type word.
        assert_eq!(parse_head("NextMarker (string)"), Some(Head { name: Some("NextMarker"), type_text: "string", rest: "" }));
        assert_eq!(parse_head("Aurora (for Amazon Aurora)"), None);
        assert_eq!(parse_head("(string)"), None);
        for b in ["• x", "* x", "- x", "◦ x", "▪\tx"] {
            assert_eq!(strip_bullet(b), Some("x"), "{b}");
        }
        assert_eq!(strip_bullet("-1 is the default"), None);
        assert_eq!(strip_bullet("*bold*"), None);
    }

    #[test]
    fn lines_measure_tabs_and_strip_crlf() {
        let lines = split_lines("\u{feff}a\r\n\t• b \r\n  \t c\u{2028}d\n");
        let got: Vec<(u32, usize, &str)> = lines.iter().map(|l| (l.no, l.indent, l.text)).collect();
        assert_eq!(got, [(1, 0, "a"), (2, 4, "• b"), (3, 5, "c\u{2028}d"), (4, 0, "")]);
    }

    #[test]
    fn prose_markdown() {
        let l = |no, indent, text| Line { no, indent, text };
        let prose = prose_to_markdown(&[
            l(1, 4, "[REQUIRED]"),
            l(2, 4, "Returns only jobs for <region> and * wildcards (see https://x.example/a_b)."),
            l(3, 4, "• Aurora_x for Amazon Aurora"),
            l(4, 6, "◦ nested"),
            l(5, 4, "• _EBS_"),
            l(6, 4, "Note"),
            l(7, 4, "This is a Tagged Union structure. Only one of the following top level keys can be set: a, b."),
        ]);
        assert!(prose.required);
        assert_eq!(prose.union_keys, Some(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(
            prose.docs,
            "Returns only jobs for &lt;region&gt; and \\* wildcards (see <https://x.example/a_b>).\n\n- Aurora_x for Amazon Aurora\n  - nested\n- \\_EBS\\_\n\n\
             **Note:** This is a Tagged Union structure. Only one of the following top level keys can be set: a, b."
        );
        // Same-line `[REQUIRED]` after `--`.
        let prose = prose_to_markdown(&[l(1, 6, "[REQUIRED] The name.")]);
        assert!(prose.required);
        assert_eq!(prose.docs, "The name.");
    }

    #[test]
    fn docs_normalise_to_their_words() {
        let rst_md = "Call `Backup.Client.list_backup_jobs()` — see [the guide](https://x.example/g).\n\n- `USER` - On-demand.\n\n\
                      **Note:** A &lt;region&gt; value.\n\n```text\n'SDK_UNKNOWN_MEMBER': {}\n```";
        let plain_md = "Call Backup.Client.list\\_backup\\_jobs() — see the guide.\n\n- USER - On-demand.\n\n**Note:** A \\<region\\> value.\n\n'SDK_UNKNOWN_MEMBER': {}";
        assert_eq!(normalise_docs(rst_md), normalise_docs(plain_md));
        assert_ne!(normalise_docs("a b"), normalise_docs("a c"));
        // Escaped parentheses in a target; escaped brackets are text.
        assert_eq!(normalise_docs("[a (b)](https://x.example/p\\(1\\)) c"), "a(b)c");
        assert_eq!(normalise_docs("\\[x\\](y)"), "[x](y)");
    }

    #[test]
    fn operation_names() {
        assert_eq!(pascal_case("list_backup_jobs", &[]), "ListBackupJobs");
        assert_eq!(pascal_case("get_backup_plan_from_json", &["Call GetBackupPlanFromJSON to convert."]), "GetBackupPlanFromJSON");
        // Only a whole-word match counts, and only a capitalised one.
        assert_eq!(pascal_case("get_backup_plan_from_json", &["getbackupplanfromjson", "GetBackupPlanFromJSONs"]), "GetBackupPlanFromJson");
    }

    /// A small client page: `description`, one request parameter block and a response
    /// structure block as given, then `Exceptions`.
    fn small_page(method: &str, description: &str, params: &str, response: &str) -> String {
        format!(
            "{method}\n\nSvc.Client.{method}(**kwargs)\n\n{description}\n\nSee also: AWS API Documentation\n\nRequest Syntax\n\n\
             response = client.{method}(\n    Name='string',\n    Tags=[\n        'string',\n    ],\n    Limit=123\n)\n\n\
             Parameters\n\n{params}\n\
             Returns\n\nResponse Syntax\n\n{{\n    'Status': 'ACTIVE'|'INACTIVE',\n    'Items': [\n        {{\n            'Name': 'string',\n            'Size': 123\n        }},\n    ],\n    'NextToken': 'string'\n}}\n\n\
             Response Structure\n\n{response}\n\nExceptions\n\n  • Svc.Client.exceptions.NotFoundException\n  • Svc.Client.exceptions.ThrottlingException"
        )
    }

    const RESPONSE: &str = "  • (dict) --\n\n    • Status (string) --\n\n      The status.\n\n    • Items (list) --\n\n      The items.\n\n      • (dict) --\n\n        \
                            • Name (string) --\n\n          The name.\n\n        • Size (integer) --\n\n          The size.\n\n    • NextToken (string) --\n\n      A token.";

    fn member_names(body: &Body) -> Vec<String> {
        let Body::Shape(node) = body else { return Vec::new() };
        tree::members(node).iter().map(|f| f.name.clone()).collect()
    }

    /// Issue #12, class 1: the parameter list ends with a one-line bullet directly followed
    /// by the return type. Two constructs around it failed the page: a parameter's prose
    /// holding a paragraph that reads like a heading (`Examples:`, indented under its bullet:
    /// cloudwatch `PutAlarmMuteRule`), which opened the `Examples` section so that `Return
    /// type` and `Returns` (earlier in the page order) were ignored ("page ends before
    /// `Returns`"); and undocumented one-line bullets, which Sphinx writes without ` --`.
    #[test]
    fn a_last_one_line_parameter_before_the_return_type_parses() {
        let params = "  • Name (string) --\n\n    [REQUIRED]\n\n    The name. Names must be unique.\n\n    Examples:\n\n    my-rule, rule-2\n\n  \
                      • Tags (list) --\n\n    Tags.\n\n    • (string) --\n  • Limit (integer) -- The most to return.\nReturn type\n\ndict\n";
        let text = small_page("put_rule", "Creates a rule.", params, RESPONSE);
        let page = parse_page(Path::new("put_rule.txt"), &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(member_names(&page.request), ["Name", "Tags", "Limit"]);
        assert_eq!(member_names(&page.response), ["Status", "Items", "NextToken"]);
        assert_eq!(page.errors, ["NotFoundException", "ThrottlingException"]);
        let Body::Shape(req) = &page.request else { unreachable!() };
        let name = tree::members(req).first().expect("Name");
        assert!(name.node.required && name.node.docs.contains("Examples:"), "{:?}", name.node.docs);
        // The same page without the paragraph, and with `Returns` right after the bullet.
        let plain = text.replace("    Examples:\n\n    my-rule, rule-2\n\n", "").replace("Return type\n\ndict\n", "");
        let page = parse_page(Path::new("put_rule.txt"), &plain).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(member_names(&page.request), ["Name", "Tags", "Limit"]);
        // Undocumented one-line parameters (no ` --`: waf `ListTagsForResource`, schemas
        // `ListSchemas`), the last one directly followed by `Return type`.
        let bare = text.replace("  • Limit (integer) -- The most to return.\n", "  • Limit (integer)\n");
        let page = parse_page(Path::new("put_rule.txt"), &bare).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(member_names(&page.request), ["Name", "Tags", "Limit"]);
        let Body::Shape(req) = &page.request else { unreachable!() };
        assert!(tree::members(req).last().is_some_and(|f| f.node.docs.is_empty()));
        // A heading at the page's own indent still counts, so a truncated copy is still
        // reported.
        let cut = text.split("Returns\n").next().unwrap_or_default();
        let e = parse_page(Path::new("put_rule.txt"), cut).unwrap_err();
        assert!(e.message.contains("page ends before `Returns`"), "{e}");
    }

    /// Issue #12, class 2: a member's docs hold a definition list (status values in
    /// capitals, each followed by its meaning as a paragraph), one of whose terms reads as a
    /// heading that comes late in the page order (`Examples`). It used to open that section,
    /// so the members after it and the page's Exceptions were lost.
    #[test]
    fn a_definition_list_in_member_docs_keeps_the_members_after_it() {
        let response = RESPONSE.replace(
            "      The status.\n",
            "      The status.\n\n      ACTIVE\n\n      The rule is evaluated.\n\n      INACTIVE\n\n      The rule is kept but not evaluated.\n\n      \
             Examples\n\n      ACTIVE, INACTIVE\n",
        );
        let text = small_page(
            "get_rule",
            "Describes a rule.",
            "  • Name (string) -- [REQUIRED] The name.\n  • Tags (list) --\n\n    Tags.\n\n    • (string) --\n  • Limit (integer) -- The most.\n\nReturn type\n\ndict\n",
            &response,
        );
        let page = parse_page(Path::new("get_rule.txt"), &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(member_names(&page.response), ["Status", "Items", "NextToken"]);
        assert_eq!(page.errors, ["NotFoundException", "ThrottlingException"]);
        assert!(page.warnings.is_empty(), "{:?}", page.warnings);
        let Body::Shape(resp) = &page.response else { unreachable!() };
        let status = tree::members(resp).first().expect("Status");
        assert_eq!(status.node.docs, "The status.\n\nACTIVE\n\nThe rule is evaluated.\n\nINACTIVE\n\nThe rule is kept but not evaluated.\n\nExamples\n\nACTIVE, INACTIVE");
        // A prose bullet shaped like an entry (`• DISABLED (default) -- …`, gamelift) is
        // prose too, while a misspelt type word stays an error.
        let text = text.replace("      The status.\n", "      The status.\n\n      • DISABLED (default) -- Off.\n      • ENABLED -- On.\n");
        let page = parse_page(Path::new("get_rule.txt"), &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(member_names(&page.response), ["Status", "Items", "NextToken"]);
        assert!(looks_like_a_type_word("strnig") && looks_like_a_type_word("intger") && !looks_like_a_type_word("default"));
    }

    /// Issue #12, class 3: acronyms in operation names, taken from the page's words.
    #[test]
    fn operation_names_keep_their_acronyms() {
        // A member spelling several segments of the name.
        let text = small_page(
            "list_application_dpu_sizes",
            "Returns the supported DPU sizes for the supported application runtimes.",
            "  • Name (string) -- The name.\n  • Tags (list) --\n\n    Tags.\n\n    • (string) --\n  • Limit (integer) -- The most.\n\nReturn type\n\ndict\n",
            &RESPONSE.replace("• Items (list)", "• ApplicationDPUSizes (list)"),
        )
        .replace("'Items'", "'ApplicationDPUSizes'");
        let page = parse_page(Path::new("list_application_dpu_sizes.txt"), &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.operation.as_deref(), Some("ListApplicationDPUSizes"));
        // Several segments in prose and error names; a part inside a longer identifier.
        assert_eq!(pascal_case("stop_otel_enrichment", &["Call StartOTelEnrichment first."]), "StopOTelEnrichment");
        assert_eq!(pascal_case("disassociate_dataset_kms_key", &["The KMS key.", "KmsKeyArn (string) --"]), "DisassociateDatasetKmsKey");
        assert_eq!(pascal_case("list_ip_sets", &["• IPSetSummaries (list) --"]), "ListIPSets");
        // What does not count: a lone word in capitals (prose acronyms, enum values, HTTP
        // verbs), a run of capitals split inside (`ACCEPTED`), enum values with `_`, a part
        // ending before a digit (`DatasetS3Uri`), a lower-case start.
        assert_eq!(pascal_case("deactivate_mfa_device", &["Deactivates the specified MFA device."]), "DeactivateMfaDevice");
        assert_eq!(pascal_case("delete_user_pool", &["DELETE the USER pool: ACCEPTED, USER_POOL."]), "DeleteUserPool");
        assert_eq!(pascal_case("list_datasets", &["DatasetS3Uri"]), "ListDatasets");
        assert_eq!(pascal_case("get_api", &["apiId"]), "GetApi");
        // The most frequent spelling of the whole name wins.
        assert_eq!(pascal_case("list_namespaces", &["ListNameSpaces", "ListNamespaces ListNamespaces"]), "ListNamespaces");
        // The service's paginators spell operation names: the whole name, or its words.
        assert_eq!(
            operation_name("deactivate_mfa_device", &["Deactivates the specified MFA device."], &["ListMFADevices"]),
            "DeactivateMFADevice"
        );
        assert_eq!(operation_name("reboot_db_cluster", &["• DBClusterId (string) --"], &["ListDbClusters"]), "RebootDbCluster");
        assert_eq!(operation_name("list_namespaces", &["ListNameSpaces"], &["ListNamespaces"]), "ListNamespaces");
    }

    /// The paginators beside a page are read from its service folder.
    #[test]
    fn sibling_paginators_name_operations() {
        let dir = std::env::temp_dir().join(format!("awsdoc-plaintext-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let paginators = dir.join("iam/paginator");
        std::fs::create_dir_all(&paginators).expect("temp dir");
        std::fs::create_dir_all(dir.join("iam/client")).expect("temp dir");
        for name in ["ListMFADevices.txt", "ListUsers.rst", "notes.md", "not-a-name.txt"] {
            std::fs::write(paginators.join(name), "").expect("write");
        }
        let client = dir.join("iam/client/deactivate_mfa_device.txt");
        assert_eq!(sibling_paginators(&client), ["ListMFADevices", "ListUsers"]);
        let text = small_page(
            "deactivate_mfa_device",
            "Deactivates the specified MFA device.",
            "  • Name (string) -- The name.\n  • Tags (list) --\n\n    Tags.\n\n    • (string) --\n  • Limit (integer) -- The most.\n\nReturn type\n\ndict\n",
            RESPONSE,
        );
        std::fs::write(&client, &text).expect("write");
        let page = parse_page(&client, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(page.operation.as_deref(), Some("DeactivateMFADevice"));
        // Elsewhere (a paginator page, a loose file) there are none.
        assert!(sibling_paginators(&paginators.join("ListUsers.rst")).is_empty());
        assert!(sibling_paginators(Path::new("deactivate_mfa_device.txt")).is_empty());
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn signatures() {
        assert_eq!(
            parse_signature("DynamoDB.Client.describe_backup(**kwargs)"),
            Some(Signature::Client { class: "DynamoDB", method: "describe_backup" })
        );
        assert_eq!(
            parse_signature("class Backup.Paginator.ListBackupJobs"),
            Some(Signature::Paginator { class: "Backup", name: "ListBackupJobs" })
        );
        assert_eq!(parse_signature("DynamoDB.Waiter.TableExists"), Some(Signature::Waiter { class: "DynamoDB", name: "TableExists" }));
        assert_eq!(parse_signature("see Backup.Client.list_backups() for more"), None);
    }
}
