//! The AWS API Reference's pages (`API_<Name>.md`), in both Markdown flavours the site's
//! copies come in (HTML converted to Markdown, and AWS's own `.md` export): see
//! `shared/docs/apiref-format.md`. One page becomes one [`RefPage`] tree, exactly as the page
//! shows it; [`crate::model::reference`] merges a service's trees into the model.
//!
//! Two passes. pulldown-cmark finds the block structure (the `# Title`, the `## Section`
//! headings, code blocks, with their lines); then each section is read line by line, because
//! member entries are not Markdown structure: native-md writes an entry's heading, description
//! and labelled lines (`Type:`, `Required:`, constraints) as consecutive lines of one
//! paragraph, and html-md's entry headings look like the bold lines of its prose (§6.1).
//! Descriptions go back through pulldown-cmark and come out as normalised Markdown: one line
//! per paragraph, one blank line between blocks, `- ` lists, `text` code blocks, `**Note:**`
//! notes, links to other API pages as `` `Name` ``, no HTML anchors.
//!
//! What is an error and what is tolerated: anything that says the text is not (or no longer)
//! an API Reference page is a [`Diagnostic`] naming the line — no `# Title` first, a code
//! block still open at the end of the file, a malformed request or status line, an entry
//! heading with nothing under it, an entry's labelled `Type:` or `Required:` line that does
//! not parse, an error entry without a numeric `HTTP Status Code:`. Variations real pages
//! show are tolerated: prose `Type:`/`Required:`/`Valid Values:` lines inside descriptions,
//! constraint sentences in other words (``Valid Range: `125 - 2000` MiB/s``), unknown
//! sections, a missing syntax block or announcing sentence.

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::parse::page::Diagnostic;
pub use crate::parse::xml::XmlElement;
use crate::parse::xml::parse_elements;

/// One API Reference page.
///
/// One value per page, consumed right away: boxing the large variant would only add an
/// allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum RefPage {
    Operation(OperationPage),
    DataType(DataTypePage),
    /// `CommonErrors`, `CommonParameters`, `Welcome`, `API_Operations*`, `API_Types*`: nothing
    /// the model takes (common errors are not an operation's).
    Other { file: PathBuf, title: String },
}

/// An operation page: `# CreateBackupVault`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OperationPage {
    pub file: PathBuf,
    /// The `# Title` line.
    pub line: u32,
    /// The operation name (`# Title`, never with a sub-service prefix).
    pub name: String,
    /// The description before the first section, as Markdown.
    pub docs: String,
    /// `backup-2018-11-15` from the See Also links (`…/goto/<sdk>/<uid>/…`), lower-cased.
    pub uid: Option<String>,
    /// rest protocols: the first line of `## Request Syntax` (`PUT /backup-vaults/x HTTP/1.1`).
    pub request_line: Option<RequestLine>,
    /// Request header lines `Wire-Name: Member` after the request line (not `Content-type`,
    /// not `Host`).
    pub request_headers: Vec<HeaderLine>,
    /// `Host: Bucket.s3.amazonaws.com` → `Bucket`: a label in the host name.
    pub host_label: Option<String>,
    /// `Content-type: …` of the request syntax, when shown.
    pub request_content_type: Option<String>,
    /// How `## Request Body` / `## Request Parameters` describes the body.
    pub request_body: BodyFormat,
    /// The request syntax block without its request line and header lines: a JSON or XML body,
    /// as the page shows it (placeholders `"string"`/`"{{string}}"` kept); `None` when absent.
    pub request_syntax: Option<CodeBlock>,
    /// `## URI Request Parameters` entries (path, query and header members of rest protocols).
    pub uri_params: Vec<Entry>,
    /// `## Request Body` (rest) or `## Request Parameters` (json, query, ec2) entries, without
    /// rest-xml's "Root level tag for the X parameters." entry (see `request_root`).
    pub request_members: Vec<Entry>,
    /// rest-xml: the name of the skipped root-level entry of the request body.
    pub request_root: Option<String>,
    /// "sends back an HTTP NNN response" (or `HTTP/1.1 NNN` in the response syntax).
    pub response_status: Option<u16>,
    /// "… response with an empty HTTP body."
    pub response_empty_body: bool,
    /// Response header lines `Wire-Name: Member` after `HTTP/1.1 NNN`.
    pub response_headers: Vec<HeaderLine>,
    /// The response syntax block without its status and header lines.
    pub response_syntax: Option<CodeBlock>,
    pub response_body: BodyFormat,
    /// `## Response Elements` entries (header members listed first on rest-xml pages),
    /// without rest-xml's root-level entry (see `response_root`).
    pub response_members: Vec<Entry>,
    pub response_root: Option<String>,
    /// `## Errors` entries, in page order.
    pub errors: Vec<ErrorEntry>,
    /// From a sample request in `## Examples`: `X-Amz-Target: DynamoDB_20120810.DeleteTable`
    /// gives the prefix `DynamoDB_20120810`; `Content-Type: application/x-amz-json-1.0` the
    /// version `1.0`.
    pub target_prefix: Option<(String, u32)>,
    pub json_version: Option<(String, u32)>,
    /// The endpoint prefix a sample request's host shows (`Host: dynamodb.<region>.<domain>`,
    /// `https://sts.amazonaws.com/?…`, `Host: bucket.s3.<Region>.amazonaws.com`): the
    /// service's label, the first one shown.
    pub sample_host: Option<(String, u32)>,
    /// rest-xml: the XML body of `## Request Syntax` as an element tree (the root element with
    /// its `xmlns`, type words as text, `...` repetition marks).
    pub request_xml: Option<XmlElement>,
    /// rest-xml: the XML body of `## Response Syntax`.
    pub response_xml: Option<XmlElement>,
    /// query and ec2 sample requests (`https://ec2.amazonaws.com/?Action=…&Name.1=…`).
    pub sample_requests: Vec<SampleRequest>,
    /// The XML documents of `## Examples` (sample responses; status and header lines
    /// before the document skipped): query `<OpResponse xmlns=…><OpResult>…`, ec2
    /// `<OpResponse xmlns=…><requestId>…`, S3's bodies.
    pub sample_responses: Vec<XmlElement>,
    /// Error documents shown anywhere on the page (`<Error><Code>InvalidObjectState</Code>
    /// <StorageClass>…</StorageClass>…</Error>`): the elements an error body carries.
    pub error_documents: Vec<XmlElement>,
}

/// A sample request written as a URL: `https://iam.amazonaws.com/?Action=ListUsers`, the
/// parameters one per line (`&Version=2010-05-08`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SampleRequest {
    pub line: u32,
    /// The host as written: `iam.amazonaws.com`.
    pub host: String,
    /// `key=value` pairs in order (`AUTHPARAMS` and other bare words are skipped).
    pub params: Vec<(String, String)>,
}

impl SampleRequest {
    /// The value of the first parameter named `key`.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// `METHOD /path?query HTTP/1.1`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestLine {
    pub line: u32,
    /// `GET`, `PUT`, …
    pub method: String,
    /// The path exactly as shown: labels bare (`/backup-vaults/backupVaultName`), in braces
    /// (`/{Key+}`) or double braces (`/{{AccessPointArn}}`).
    pub path: String,
    /// The query string's parts in order: `accountId=ByAccountId`, `tagging`, `Operation=Tag`,
    /// `Name={{Name}}` (value with its braces stripped, `braced` set).
    pub query: Vec<QueryPart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryPart {
    pub key: String,
    /// `None` for a bare flag (`?tagging`, or a map member `?MemberName`).
    pub value: Option<String>,
    /// The value was written `{{Value}}` or `{Value}`: certainly a member name.
    pub braced: bool,
}

/// `Wire-Name: Member` in a syntax block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeaderLine {
    pub line: u32,
    pub wire_name: String,
    /// The member name (placeholder braces stripped).
    pub member: String,
}

/// A fenced code block's text and its first line's number.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CodeBlock {
    pub line: u32,
    pub text: String,
}

/// What a request or response body section announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BodyFormat {
    /// No such section, or no announcing sentence.
    #[default]
    Unstated,
    /// "does not have a request body" / "with an empty HTTP body".
    Empty,
    Json,
    Xml,
    /// "accepts the following binary data" / "returned in binary format".
    Binary,
}

/// A data-type page (has `## Contents`): `# BackupJobSummary`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataTypePage {
    pub file: PathBuf,
    pub line: u32,
    pub name: String,
    pub docs: String,
    pub uid: Option<String>,
    /// "This data type is a UNION, so only one of the following members can be specified …"
    pub union: bool,
    pub members: Vec<Entry>,
}

/// One member entry: heading, description, labelled lines.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    /// The heading's line.
    pub line: u32,
    /// The name as the heading shows it, markdown escapes removed (`restapi_id`), without
    /// query/ec2 list and map suffixes (`Names.member.N` → `Names`, `Filter.N` → `Filter`).
    pub name: String,
    /// The heading's wire-form suffix, when it has one: `member.N` / `Thing.N` (query list,
    /// the middle token is the list member's element name), `N` (ec2 list), or a query map's
    /// `entry.N.key (key)…` text.
    pub wire_suffix: Option<String>,
    /// EC2's `**Key** (request), **key** (response)`: the response wire name.
    pub response_name: Option<String>,
    /// The description as Markdown (paragraphs, lists, notes), without the labelled lines.
    pub docs: String,
    /// The `Type:` line, parsed; `None` when absent (URI parameters) or unparsed.
    pub ty: Option<TypeExpr>,
    /// The `Type:` line as written, for diagnostics.
    pub type_text: Option<String>,
    /// `Required: Yes` / `No`; `None` when absent.
    pub required: Option<bool>,
    pub constraints: Constraints,
}

/// A `Type:` line: `Array of [Tag](API_Tag.md) objects` → `List(Structure("Tag"))`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    String,
    Boolean,
    Integer,
    Long,
    Float,
    Double,
    Timestamp,
    /// `Base64-encoded binary data object`.
    Blob,
    /// `JSON value`: a document.
    Document,
    /// `Exception` (an event-stream error member).
    Exception,
    /// `[Name](…) object` / `[Name](…) data type`: a structure the page names.
    Structure(String),
    /// `Array of …s`.
    List(Box<TypeExpr>),
    /// `String to … map` (keys are always strings).
    Map(Box<TypeExpr>),
}

/// The labelled constraint lines of an entry. Numbers as written (`1`, `0.0`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Constraints {
    /// `Length Constraints: Minimum length of 1. Maximum length of 1024.`
    pub min_length: Option<String>,
    pub max_length: Option<String>,
    /// `Valid Range: Minimum value of 1. Maximum value of 1000.`
    pub min_value: Option<String>,
    pub max_value: Option<String>,
    /// `Pattern:` without its backticks.
    pub pattern: Option<String>,
    /// `Array Members: Minimum number of 1 item. Maximum number of 50 items.`
    pub min_items: Option<String>,
    pub max_items: Option<String>,
    /// `Map Entries: Maximum number of 30 items.`
    pub min_entries: Option<String>,
    pub max_entries: Option<String>,
    pub key_min_length: Option<String>,
    pub key_max_length: Option<String>,
    pub value_min_length: Option<String>,
    pub value_max_length: Option<String>,
    pub key_pattern: Option<String>,
    pub value_pattern: Option<String>,
    /// `Valid Values: ONE_DAY | SEVEN_DAYS`.
    pub valid_values: Vec<String>,
}

/// One `## Errors` entry.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ErrorEntry {
    pub line: u32,
    /// The shape name, or on query pages the error code.
    pub name: String,
    pub docs: String,
    /// The bare bold lines between the description and the status line: members of the
    /// exception shape, each with the text under it (often none).
    pub members: Vec<ErrorMember>,
    /// `HTTP Status Code: NNN`.
    pub status: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorMember {
    pub line: u32,
    pub name: String,
    pub docs: String,
}

/// `## …` sections that make a page without `## Contents` an operation page (§2).
const OPERATION_SECTIONS: [&str; 7] =
    ["Request Syntax", "Request Parameters", "URI Request Parameters", "Request Body", "Response Syntax", "Response Elements", "Errors"];

/// The methods a request line may start with.
const METHODS: [&str; 7] = ["GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS"];

/// Lists nested deeper than this are flattened into their parent, and `Type:` lines nested
/// deeper are rejected, so hostile input cannot overflow the stack. Real pages nest three
/// list levels and four type levels.
const MAX_NESTING: usize = 16;

/// Headings (`###### Note`) and bold lines (`**Note**`) that label the paragraph after them.
const NOTE_LABELS: [&str; 5] = ["Note", "Important", "Warning", "Tip", "Caution"];

/// Parses one page; `path` names it in diagnostics. Never panics: input that is not an API
/// Reference page is a diagnostic naming the line and what was expected.
pub fn parse_page(path: &Path, text: &str) -> Result<RefPage, Diagnostic> {
    let doc = Doc::read(path, text)?;
    let has = |name: &str| doc.sections.iter().any(|s| s.name == name);
    if has("Contents") {
        doc.data_type_page().map(RefPage::DataType)
    } else if OPERATION_SECTIONS.iter().any(|name| has(name)) {
        doc.operation_page().map(RefPage::Operation)
    } else {
        Ok(RefPage::Other { file: path.to_path_buf(), title: doc.title.clone() })
    }
}

/// A page split into lines, with the block structure pulldown-cmark found.
struct Doc<'a> {
    file: &'a Path,
    /// The page's lines without their `\n` (and `\r`); index = line number − 1.
    lines: Vec<&'a str>,
    /// AWS's own Markdown export (front matter `---`/`source_url:`): an entry's lines are one
    /// paragraph each.
    native: bool,
    /// Per line: inside a code block (its fences included), so never a heading or label.
    in_code: Vec<bool>,
    code_blocks: Vec<CodeLines>,
    title_line: usize,
    title: String,
    sections: Vec<Section>,
}

/// A code block's lines: its first line and the lines of its content.
struct CodeLines {
    open: usize,
    content: Range<usize>,
    /// Syntax blocks and samples are fenced; an indented block is part of the prose.
    fenced: bool,
}

/// A `## Name` section: its heading line and the lines up to the next one.
struct Section {
    name: String,
    body: Range<usize>,
}

impl<'a> Doc<'a> {
    fn read(file: &'a Path, text: &'a str) -> Result<Self, Diagnostic> {
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        let mut at = 0;
        for raw in text.split('\n') {
            starts.push(at);
            at += raw.len() + 1;
            lines.push(raw.strip_suffix('\r').unwrap_or(raw));
        }
        let body_line = front_matter_end(&lines);
        let body_start = starts.get(body_line).map_or(text.len(), |&s| s.min(text.len()));
        let body = text.get(body_start..).unwrap_or("");
        let line_of = |offset: usize| starts.partition_point(|&s| s <= body_start + offset).saturating_sub(1);

        let mut in_code = vec![false; lines.len()];
        let mut code_blocks = Vec::new();
        let mut headings = Vec::new();
        let mut first_block: Option<(usize, bool)> = None;
        let mut depth = 0usize;
        for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
            let first = line_of(range.start);
            let is_block = matches!(&event, Event::Start(tag) if !is_inline(tag)) || matches!(event, Event::Rule);
            if is_block && first_block.is_none() {
                let title = matches!(&event, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }));
                first_block = Some((first, title && atx_level(lines.get(first).copied().unwrap_or("")) == Some(1)));
            }
            match event {
                Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => depth += 1,
                Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => depth = depth.saturating_sub(1),
                Event::Start(Tag::Heading { .. }) if depth == 0 => {
                    if matches!(atx_level(lines.get(first).copied().unwrap_or("")), Some(1..=2)) {
                        headings.push(first);
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let last = line_of(range.end.saturating_sub(1).max(range.start));
                    if let Some(flags) = in_code.get_mut(first..=last) {
                        flags.fill(true);
                    }
                    let block = match kind {
                        CodeBlockKind::Fenced(_) => {
                            let open = body.get(range.start..).unwrap_or("");
                            let closed = last > first && closes_fence(open, lines.get(last).copied().unwrap_or(""));
                            if !closed && body.get(range.end..).unwrap_or("").trim().is_empty() {
                                let fence: String = open.chars().take_while(|&c| c == '`' || c == '~').collect();
                                let message = format!("expected the closing {fence} of the code block opened on line {}, found the end of the file", first + 1);
                                return Err(Diagnostic::new(file, number(lines.len().saturating_sub(1)), message));
                            }
                            CodeLines { open: first, content: first + 1..if closed { last } else { last + 1 }, fenced: true }
                        }
                        CodeBlockKind::Indented => CodeLines { open: first, content: first..last + 1, fenced: false },
                    };
                    code_blocks.push(block);
                }
                _ => {}
            }
        }

        let title_line = match first_block {
            Some((line, true)) => line,
            Some((line, false)) => {
                let found = quote(lines.get(line).copied().unwrap_or(""));
                return Err(Diagnostic::new(file, number(line), format!("expected the page title `# Title`, found {found}")));
            }
            None => return Err(Diagnostic::new(file, number(lines.len().saturating_sub(1)), "expected the page title `# Title`, found the end of the file")),
        };
        let title = heading_text(lines.get(title_line).copied().unwrap_or(""));
        if title.is_empty() {
            return Err(Diagnostic::new(file, number(title_line), "expected a page title after `#`, found nothing"));
        }
        let bounds: Vec<usize> = headings.into_iter().filter(|&line| line > title_line).collect();
        let sections = bounds
            .iter()
            .enumerate()
            .map(|(k, &line)| Section {
                name: heading_text(lines.get(line).copied().unwrap_or("")),
                body: line + 1..bounds.get(k + 1).copied().unwrap_or(lines.len()),
            })
            .collect();
        Ok(Doc { file, lines, native: body_line > 0, in_code, code_blocks, title_line, title, sections })
    }

    fn line(&self, index: usize) -> &'a str {
        self.lines.get(index).copied().unwrap_or("")
    }

    fn is_code(&self, index: usize) -> bool {
        self.in_code.get(index).copied().unwrap_or(false)
    }

    fn error(&self, index: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.file, number(index), message)
    }

    /// The text before the first section, as Markdown.
    fn description(&self) -> String {
        let end = self.sections.first().map_or(self.lines.len(), |s| s.body.start.saturating_sub(1));
        let lines: Vec<usize> = (self.title_line + 1..end).collect();
        self.prose(&lines)
    }

    fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// `backup-2018-11-15` from the first `…/goto/<sdk>/<uid>/…` link of `## See Also`.
    fn uid(&self) -> Option<String> {
        let section = self.section("See Also")?;
        section.body.clone().find_map(|i| {
            let line = self.line(i);
            let at = line.find("/goto/")?;
            let mut parts = line.get(at + 6..)?.split('/');
            let (_sdk, uid) = (parts.next()?, parts.next()?);
            parts.next()?;
            let plausible = !uid.is_empty() && uid.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_'));
            plausible.then(|| uid.to_ascii_lowercase())
        })
    }

    fn data_type_page(&self) -> Result<DataTypePage, Diagnostic> {
        let mut page = DataTypePage {
            file: self.file.to_path_buf(),
            line: number(self.title_line),
            name: self.title.clone(),
            docs: self.description(),
            uid: self.uid(),
            ..Default::default()
        };
        let before_contents = self.sections.first().map_or(self.lines.len(), |s| s.body.start);
        let mut union = (self.title_line..before_contents).any(|i| is_union_sentence(self.line(i)));
        for section in self.sections.iter().filter(|s| s.name == "Contents") {
            let members = self.members(section, false)?;
            union |= members.union;
            page.members.extend(members.entries);
        }
        page.union = union;
        Ok(page)
    }

    fn operation_page(&self) -> Result<OperationPage, Diagnostic> {
        let mut page = OperationPage {
            file: self.file.to_path_buf(),
            line: number(self.title_line),
            name: self.title.clone(),
            docs: self.description(),
            uid: self.uid(),
            ..Default::default()
        };
        let mut sentence_status = None;
        for section in &self.sections {
            match section.name.as_str() {
                "Request Syntax" => {
                    if let Some(block) = self.first_code_block(section) {
                        self.request_syntax(block, &mut page)?;
                    }
                }
                "URI Request Parameters" => page.uri_params.extend(self.members(section, false)?.entries),
                "Request Body" | "Request Parameters" => {
                    let members = self.members(section, true)?;
                    page.request_members.extend(members.entries);
                    page.request_root = page.request_root.or(members.root);
                    if let Some(format) = members.format {
                        page.request_body = format;
                    }
                }
                "Response Syntax" => {
                    if let Some(block) = self.first_code_block(section) {
                        self.response_syntax(block, &mut page)?;
                    }
                }
                "Response Elements" => {
                    let members = self.members(section, true)?;
                    page.response_members.extend(members.entries);
                    page.response_root = page.response_root.or(members.root);
                    if let Some(format) = members.format {
                        page.response_body = format;
                    }
                    if members.empty_body {
                        page.response_empty_body = true;
                        page.response_body = BodyFormat::Empty;
                    }
                    sentence_status = sentence_status.or(members.status);
                }
                "Errors" => page.errors.extend(self.errors(section)?),
                "Examples" => self.examples(section, &mut page),
                _ => {}
            }
        }
        for block in self.code_blocks.iter().filter(|b| b.fenced) {
            let lines = self.trimmed(block.content.clone());
            let Some(start) = lines.clone().find(|&i| self.line(i).trim_start().starts_with('<')) else { continue };
            if !self.line(start).trim_start().starts_with("<Error>") {
                continue;
            }
            let text = self.lines.get(start..lines.end).unwrap_or(&[]).join("\n");
            page.error_documents.extend(parse_elements(&text, number(start)).into_iter().filter(|e| e.name == "Error"));
        }
        // The sentence is the documented code; the syntax block's `HTTP/1.1 NNN` only
        // stands in where no sentence says it.
        page.response_status = sentence_status.or(page.response_status);
        Ok(page)
    }

    fn first_code_block(&self, section: &Section) -> Option<&CodeLines> {
        self.code_blocks.iter().find(|b| b.fenced && section.body.contains(&b.open))
    }

    /// The content lines of a code block without the blank lines around them.
    fn trimmed(&self, lines: Range<usize>) -> Range<usize> {
        let blank = |i: &usize| self.line(*i).trim().is_empty();
        let start = lines.clone().find(|i| !blank(i)).unwrap_or(lines.end);
        let end = lines.clone().rev().find(|i| !blank(i)).map_or(start, |i| i + 1);
        start..end
    }

    fn code_text(&self, lines: Range<usize>) -> Option<CodeBlock> {
        let lines = self.trimmed(lines);
        let text = self.lines.get(lines.clone())?.join("\n");
        (!text.is_empty()).then(|| CodeBlock { line: number(lines.start), text })
    }

    /// `## Request Syntax`: request line, `Host:`/`Content-type:`/header lines, body.
    fn request_syntax(&self, block: &CodeLines, page: &mut OperationPage) -> Result<(), Diagnostic> {
        let lines = self.trimmed(block.content.clone());
        let Some(first) = lines.clone().next() else { return Ok(()) };
        let text = self.line(first).trim();
        let starts_like_request = text.split_whitespace().next().is_some_and(|w| METHODS.contains(&w)) || text.ends_with("HTTP/1.1");
        if !starts_like_request {
            page.request_syntax = self.code_text(lines);
            return Ok(());
        }
        let request = parse_request_line(text).ok_or_else(|| {
            self.error(first, format!("expected a request line `METHOD /path HTTP/1.1`, found {}", quote(text)))
        })?;
        page.request_line = Some(RequestLine { line: number(first), ..request });
        let mut body = first + 1;
        while body < lines.end {
            let Some((wire_name, value)) = header_line(self.line(body)) else { break };
            if wire_name.eq_ignore_ascii_case("host") {
                page.host_label = host_label(value);
            } else if wire_name.eq_ignore_ascii_case("content-type") && value.contains('/') {
                page.request_content_type = Some(value.to_string());
            } else {
                page.request_headers.push(HeaderLine { line: number(body), wire_name: wire_name.to_string(), member: strip_braces(value).0.to_string() });
            }
            body += 1;
        }
        page.request_syntax = self.code_text(body..lines.end);
        page.request_xml = page.request_syntax.as_ref().and_then(xml_body);
        Ok(())
    }

    /// `## Response Syntax`: `HTTP/1.1 NNN`, header lines, body.
    fn response_syntax(&self, block: &CodeLines, page: &mut OperationPage) -> Result<(), Diagnostic> {
        let lines = self.trimmed(block.content.clone());
        let Some(first) = lines.clone().next() else { return Ok(()) };
        let text = self.line(first).trim();
        if !text.starts_with("HTTP/") {
            page.response_syntax = self.code_text(lines);
            return Ok(());
        }
        let status = match text.split_whitespace().collect::<Vec<_>>().as_slice() {
            ["HTTP/1.1", code] => status_code(code),
            _ => None,
        };
        let status = status.ok_or_else(|| self.error(first, format!("expected a status line `HTTP/1.1 NNN`, found {}", quote(text))))?;
        page.response_status = Some(status);
        let mut body = first + 1;
        while body < lines.end {
            let Some((wire_name, value)) = header_line(self.line(body)) else { break };
            if !(wire_name.eq_ignore_ascii_case("content-type") && value.contains('/')) {
                page.response_headers.push(HeaderLine { line: number(body), wire_name: wire_name.to_string(), member: strip_braces(value).0.to_string() });
            }
            body += 1;
        }
        page.response_syntax = self.code_text(body..lines.end);
        page.response_xml = page.response_syntax.as_ref().and_then(xml_body);
        Ok(())
    }

    /// Sample requests: `X-Amz-Target: Prefix.Op`, `Content-Type: application/x-amz-json-1.0`,
    /// `Host: dynamodb.<region>.<domain>` (the first of each); query and ec2 requests written
    /// as URLs; the XML documents of sample responses.
    fn examples(&self, section: &Section, page: &mut OperationPage) {
        for block in self.code_blocks.iter().filter(|b| b.fenced && section.body.contains(&b.open)) {
            let lines = self.trimmed(block.content.clone());
            let first = self.line(lines.start).trim();
            if first.starts_with("https://") || first.starts_with("http://") {
                page.sample_requests.push(self.sample_request(lines.clone()));
            }
            for i in lines.clone() {
                let Some((name, value)) = self.line(i).trim().split_once(':') else { continue };
                let value = value.trim();
                let at = number(i);
                if name.eq_ignore_ascii_case("x-amz-target") && page.target_prefix.is_none() {
                    if let Some((prefix, _)) = value.rsplit_once('.').filter(|(p, _)| !p.is_empty()) {
                        page.target_prefix = Some((prefix.to_string(), at));
                    }
                } else if name.eq_ignore_ascii_case("content-type") && page.json_version.is_none() {
                    if let Some(version) = value.strip_prefix("application/x-amz-json-").filter(|v| !v.is_empty()) {
                        page.json_version = Some((version.to_string(), at));
                    }
                } else if name.eq_ignore_ascii_case("host") && page.sample_host.is_none() {
                    if let Some(label) = endpoint_label(value) {
                        page.sample_host = Some((label, at));
                    }
                }
            }
            // A document: from its first line that opens a tag, unless the block is a request.
            let request = first.split_whitespace().next().is_some_and(|w| METHODS.contains(&w)) || first.starts_with("http");
            let start = lines.clone().find(|&i| self.line(i).trim_start().starts_with('<'));
            if let (false, Some(start)) = (request, start) {
                let text = self.lines.get(start..lines.end).unwrap_or(&[]).join("\n");
                page.sample_responses.extend(parse_elements(&text, number(start)).into_iter().take(1));
            }
        }
        if page.sample_host.is_none() {
            page.sample_host = page.sample_requests.iter().find_map(|r| endpoint_label(&r.host).map(|label| (label, r.line)));
        }
    }

    /// A sample request URL and its parameters, one per line (`?Version=…`, `&Action=…`).
    fn sample_request(&self, lines: Range<usize>) -> SampleRequest {
        let text: String = lines.clone().map(|i| self.line(i).trim()).collect();
        let after_scheme = text.split_once("://").map_or(text.as_str(), |(_, rest)| rest);
        let host_end = after_scheme.find(['/', '?']).unwrap_or(after_scheme.len());
        let host = after_scheme.get(..host_end).unwrap_or("").to_string();
        let query = after_scheme.get(host_end..).unwrap_or("").split_once('?').map_or("", |(_, q)| q);
        let params = query
            .split('&')
            .filter_map(|part| part.split_once('='))
            .filter(|(key, _)| !key.is_empty())
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect();
        SampleRequest { line: number(lines.start), host, params }
    }

    /// The entries of a member section (`## Contents`, `## Request Parameters`, …), with the
    /// announcing sentences between them.
    fn members(&self, section: &Section, skip_root: bool) -> Result<Members, Diagnostic> {
        let mut members = Members::default();
        let mut first_entry = section.body.end;
        for item in self.scan_entries(section.body.clone()) {
            match item {
                Item::Sentence(sentence) => match sentence {
                    Sentence::Body(format) => members.format = Some(format),
                    Sentence::Status(code, empty) => {
                        members.status = members.status.or(Some(code));
                        members.empty_body |= empty;
                    }
                    Sentence::Other => {}
                },
                Item::Entry(raw) => {
                    first_entry = first_entry.min(raw.line);
                    let entry = self.entry(raw)?;
                    if skip_root && is_root_entry(&entry) {
                        members.root = members.root.or(Some(entry.name));
                    } else {
                        members.entries.push(entry);
                    }
                }
            }
        }
        members.union = (section.body.start..first_entry).any(|i| !self.is_code(i) && is_union_sentence(self.line(i)));
        Ok(members)
    }

    /// Splits a member section into entries (§6.1): a bold-link heading always starts one;
    /// a bare bold line only in sections without bold-link headings, and only once the
    /// current entry has had its `Type:` or `Required:` line (before that it is prose, such
    /// as `**Db2**` or `**Note**`).
    fn scan_entries(&self, body: Range<usize>) -> Vec<Item> {
        let linked_section = body.clone().any(|i| !self.is_code(i) && parse_heading(self.line(i), self.native).is_some_and(|h| h.linked));
        let mut items = Vec::new();
        let mut current: Option<RawEntry> = None;
        for i in body {
            if self.is_code(i) {
                if let Some(entry) = current.as_mut() {
                    entry.body.push(i);
                }
                continue;
            }
            let line = self.line(i);
            if let Some(sentence) = sentence(line) {
                items.extend(current.take().map(Item::Entry));
                items.push(Item::Sentence(sentence));
                continue;
            }
            if let Some(heading) = parse_heading(line, self.native) {
                let starts = heading.linked || (!linked_section && current.as_ref().is_none_or(|e| e.complete));
                if starts {
                    items.extend(current.take().map(Item::Entry));
                    current = Some(RawEntry { heading, line: i, body: Vec::new(), complete: false });
                    continue;
                }
            }
            if let Some(entry) = current.as_mut() {
                entry.complete |= line.starts_with("Type:") || labelled(line).is_some_and(|(label, text)| label == Label::Required && required(text).is_some());
                entry.body.push(i);
            }
        }
        items.extend(current.map(Item::Entry));
        items
    }

    /// One entry: its labelled lines are the last run of labelled units (other `Label:`
    /// paragraphs such as `Default:` or `Ancestors:` may sit among them and stay prose).
    /// Pages repeat labels inside that run: from the run's last `Type:` line on, the first of
    /// each label counts (a nested map's second `Key Length Constraints:` is the inner key's;
    /// an earlier `Type:` or `Pattern:` is a prose copy); a label only before it takes its
    /// last occurrence (`Pattern:` then `Type:` is a real order too). The rest is the
    /// description: a prose `Required:` line early in a description, a note after the
    /// labelled lines.
    fn entry(&self, raw: RawEntry) -> Result<Entry, Diagnostic> {
        let name = &raw.heading.name;
        let body: Vec<usize> = raw.body.into_iter().filter(|&i| self.is_code(i) || !is_anchor_line(self.line(i))).collect();
        // An operation's payload member may be just its heading (S3 `Body`, `Policy`); a
        // bare-bold entry always has its `Type:` or `Required:` line.
        if !raw.heading.linked && body.iter().all(|&i| self.line(i).trim().is_empty()) {
            let found = match body.last().map_or(raw.line + 1, |&i| i + 1) {
                next if next < self.lines.len() => quote(self.line(next)),
                _ => "the end of the file".to_string(),
            };
            return Err(self.error(raw.line, format!("expected the description or `Type:` line of entry `{name}`, found {found}")));
        }
        let units = self.units(&body);
        let label_like = |unit: &Unit| unit.label.is_some() || body.get(unit.lines.start).is_some_and(|&i| !self.is_code(i) && other_label(self.line(i)));
        let run_end = units.iter().rposition(|u| u.label.is_some()).map_or(0, |k| k + 1);
        let run_start = units.get(..run_end).and_then(|run| run.iter().rposition(|u| !label_like(u))).map_or(0, |k| k + 1);
        let anchor = (run_start..run_end).rev().find(|&k| units.get(k).is_some_and(|u| u.label == Some(Label::Type))).unwrap_or(run_end);
        let mut chosen: [Option<usize>; Label::ALL.len()] = [None; Label::ALL.len()];
        for (k, unit) in units.iter().enumerate().take(run_end).skip(run_start) {
            if let Some(label) = unit.label {
                let slot = &mut chosen[label as usize];
                if k < anchor || slot.is_none_or(|c| c < anchor) {
                    *slot = Some(k);
                }
            }
        }
        let mut entry = Entry {
            line: number(raw.line),
            name: raw.heading.name,
            wire_suffix: raw.heading.wire_suffix,
            response_name: raw.heading.response_name,
            ..Default::default()
        };
        let mut labelled_lines = vec![false; body.len()];
        for (k, unit) in units.iter().enumerate() {
            let Some(label) = unit.label.filter(|&label| chosen[label as usize] == Some(k)) else { continue };
            let lines = body.get(unit.lines.clone()).unwrap_or(&[]);
            let first = lines.first().copied().unwrap_or(raw.line);
            let text: Vec<&str> = lines.iter().map(|&i| self.line(i).trim()).collect();
            let text = text.join(" ");
            let value = text.get(label.prefix().len()..).unwrap_or("").trim();
            self.apply_label(&mut entry, label, value, first)?;
            if let Some(flags) = labelled_lines.get_mut(unit.lines.clone()) {
                flags.fill(true);
            }
        }
        let description: Vec<usize> = body.iter().zip(&labelled_lines).filter(|(_, &labelled)| !labelled).map(|(&i, _)| i).collect();
        entry.docs = self.prose(&description);
        Ok(entry)
    }

    /// An entry's lines as units: a labelled line starts one (in html-md it runs to the
    /// blank line, for wrapped constraints; in native-md it is the line); other lines group
    /// into description units.
    fn units(&self, body: &[usize]) -> Vec<Unit> {
        let mut units: Vec<Unit> = Vec::new();
        let mut open = false;
        for (k, &i) in body.iter().enumerate() {
            let line = self.line(i);
            let code = self.is_code(i);
            if !code && line.trim().is_empty() {
                open = false;
                continue;
            }
            let label = if code { None } else { labelled(line).map(|(label, _)| label) };
            match units.last_mut() {
                Some(last) if label.is_none() && (last.label.is_none() || (open && !code && !self.native)) => last.lines.end = k + 1,
                _ => units.push(Unit { label, lines: k..k + 1 }),
            }
            open = true;
        }
        units
    }

    /// Sets what one labelled line says (each label comes once, see [`Doc::entry`]).
    fn apply_label(&self, entry: &mut Entry, label: Label, value: &str, line: usize) -> Result<(), Diagnostic> {
        let c = &mut entry.constraints;
        match label {
            Label::Type => {
                let ty = parse_type(value).ok_or_else(|| {
                    self.error(line, format!("expected a type (`String`, `Array of strings`, `[Name](…) object`, `String to … map`, …), found {}", quote(value)))
                })?;
                entry.ty = Some(ty);
                entry.type_text = Some(value.to_string());
            }
            Label::Required => {
                let value = required(value).ok_or_else(|| self.error(line, format!("expected `Required: Yes` or `Required: No`, found {}", quote(value))))?;
                entry.required = Some(value);
            }
            Label::Length => set_bounds(&mut c.min_length, &mut c.max_length, value, "length"),
            Label::KeyLength => set_bounds(&mut c.key_min_length, &mut c.key_max_length, value, "length"),
            Label::ValueLength => set_bounds(&mut c.value_min_length, &mut c.value_max_length, value, "length"),
            Label::Range => set_bounds(&mut c.min_value, &mut c.max_value, value, "value"),
            Label::ArrayMembers => set_bounds(&mut c.min_items, &mut c.max_items, value, "number"),
            Label::MapEntries => set_bounds(&mut c.min_entries, &mut c.max_entries, value, "number"),
            Label::Pattern => c.pattern = Some(code_content(value)),
            Label::KeyPattern => c.key_pattern = Some(code_content(value)),
            Label::ValuePattern => c.value_pattern = Some(code_content(value)),
            Label::ValidValues => c.valid_values = valid_values(value),
        }
        Ok(())
    }

    /// `## Errors` (§10): a bold heading opens an error, `HTTP Status Code: NNN` closes it;
    /// bold lines in between are members of the exception shape.
    fn errors(&self, section: &Section) -> Result<Vec<ErrorEntry>, Diagnostic> {
        let mut errors = Vec::new();
        let mut current: Option<OpenError> = None;
        for i in section.body.clone() {
            let line = self.line(i);
            if !self.is_code(i) {
                if let Some(status) = line.trim().strip_prefix("HTTP Status Code:") {
                    let code = status_code(status.trim())
                        .ok_or_else(|| self.error(i, format!("expected a number after `HTTP Status Code:`, found {}", quote(status.trim()))))?;
                    let Some(open) = current.as_mut().filter(|e| e.entry.status.is_none()) else {
                        return Err(self.error(i, format!("expected an error name (`**Name**`) before {}", quote(line))));
                    };
                    open.entry.status = Some(code);
                    continue;
                }
                if let Some(heading) = parse_heading(line, self.native) {
                    match current.as_mut() {
                        Some(open) if open.entry.status.is_none() => {
                            open.members.push((ErrorMember { line: number(i), name: heading.name, docs: String::new() }, Vec::new()));
                        }
                        _ => {
                            errors.extend(current.take().map(|e| self.close_error(e)).transpose()?);
                            let entry = ErrorEntry { line: number(i), name: heading.name, ..Default::default() };
                            current = Some(OpenError { entry, heading: i, docs: Vec::new(), members: Vec::new() });
                        }
                    }
                    continue;
                }
                if is_anchor_line(line) {
                    continue;
                }
            }
            // Text after the status line (none on real pages) belongs to no error.
            if let Some(open) = current.as_mut().filter(|e| e.entry.status.is_none()) {
                match open.members.last_mut() {
                    Some((_, lines)) => lines.push(i),
                    None => open.docs.push(i),
                }
            }
        }
        errors.extend(current.map(|e| self.close_error(e)).transpose()?);
        Ok(errors)
    }

    fn close_error(&self, open: OpenError) -> Result<ErrorEntry, Diagnostic> {
        let OpenError { mut entry, heading, docs, members } = open;
        if entry.status.is_none() {
            let last = docs.iter().chain(members.iter().flat_map(|(_, lines)| lines)).copied().max().unwrap_or(heading);
            let found = match self.lines.get(last + 1) {
                Some(line) => quote(line),
                None => "the end of the file".to_string(),
            };
            return Err(self.error(last + 1, format!("expected `HTTP Status Code: NNN` to close error `{}`, found {found}", entry.name)));
        }
        entry.docs = self.prose(&docs);
        entry.members = members.into_iter().map(|(member, lines)| ErrorMember { docs: self.prose(&lines), ..member }).collect();
        Ok(entry)
    }

    /// Description lines → Markdown. native-md writes each paragraph as one line with no
    /// blank line between (a blank line is put before each, not before list items and their
    /// indented continuations), and list items as `+  item` with continuations and nested
    /// items indented by two (the marker's spaces are made one, so they stay inside).
    fn prose(&self, lines: &[usize]) -> String {
        let mut source = String::new();
        let (mut after_text, mut in_list) = (false, false);
        for &i in lines {
            let line = self.line(i);
            if self.is_code(i) {
                source.push_str(line);
                source.push('\n');
                after_text = false;
                continue;
            }
            if line.trim().is_empty() || is_anchor_line(line) {
                source.push('\n');
                after_text = false;
                continue;
            }
            if !self.native {
                source.push_str(line);
                source.push('\n');
                continue;
            }
            let text = line.trim_start();
            let indent = line.len() - text.len();
            match list_marker(text).filter(|_| indent <= 3) {
                Some(marker) => {
                    in_list = true;
                    source.push_str(line.get(..indent + marker).unwrap_or(line));
                    source.push(' ');
                    source.push_str(text.get(marker..).unwrap_or("").trim_start());
                }
                None => {
                    if !(in_list && indent > 0) {
                        if after_text {
                            source.push('\n');
                        }
                        in_list = false;
                    }
                    source.push_str(line);
                }
            }
            source.push('\n');
            after_text = true;
        }
        markdown(&source)
    }
}

#[derive(Default)]
struct Members {
    entries: Vec<Entry>,
    root: Option<String>,
    format: Option<BodyFormat>,
    status: Option<u16>,
    empty_body: bool,
    union: bool,
}

enum Item {
    Sentence(Sentence),
    Entry(RawEntry),
}

/// An entry heading and the (0-based) lines under it.
struct RawEntry {
    heading: Heading,
    line: usize,
    body: Vec<usize>,
    /// Has had its `Type:` or `Required:` line: a bare bold line may start the next entry.
    complete: bool,
}

/// A run of an entry's lines: one labelled line (with its wrapped continuation) or
/// description; `lines` indexes the entry's body.
struct Unit {
    label: Option<Label>,
    lines: Range<usize>,
}

struct OpenError {
    entry: ErrorEntry,
    heading: usize,
    docs: Vec<usize>,
    members: Vec<(ErrorMember, Vec<usize>)>,
}

/// The fixed sentences that open sections (§3), and between rest-xml's header and body
/// members end the entry before them.
enum Sentence {
    Body(BodyFormat),
    /// "sends back an HTTP NNN response", and whether "with an empty HTTP body".
    Status(u16, bool),
    Other,
}

fn sentence(line: &str) -> Option<Sentence> {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("If the action is successful, the service sends back an HTTP ") {
        let code = rest.split_whitespace().next().and_then(status_code)?;
        return Some(Sentence::Status(code, rest.contains("with an empty HTTP body")));
    }
    if let Some(rest) = line.strip_prefix("The request accepts the following data in ").or_else(|| line.strip_prefix("The following data is returned in ")) {
        let format = match rest.split_whitespace().next() {
            Some("JSON") => BodyFormat::Json,
            Some("XML") => BodyFormat::Xml,
            Some("binary") => BodyFormat::Binary,
            _ => return Some(Sentence::Other),
        };
        return Some(Sentence::Body(format));
    }
    if line.starts_with("The request accepts the following binary data") {
        return Some(Sentence::Body(BodyFormat::Binary));
    }
    if line.starts_with("The request does not have a request body") {
        return Some(Sentence::Body(BodyFormat::Empty));
    }
    let others = [
        "The response returns the following HTTP headers",
        "The request uses the following URI parameters",
        "The request does not use any URI parameters",
        "The following elements are returned by the service",
        "The following element is returned by the service",
    ];
    others.iter().any(|s| line.starts_with(s)).then_some(Sentence::Other)
}

fn is_union_sentence(line: &str) -> bool {
    line.contains("This data type is a UNION")
}

/// rest-xml's "Root level tag for the X parameters." entry.
fn is_root_entry(entry: &Entry) -> bool {
    entry.ty.is_none() && entry.docs.starts_with("Root level tag for the ") && entry.docs.ends_with(" parameters.")
}

/// The labelled lines of an entry (§6.2, §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Type,
    Required,
    Length,
    KeyLength,
    ValueLength,
    Range,
    Pattern,
    KeyPattern,
    ValuePattern,
    ArrayMembers,
    MapEntries,
    ValidValues,
}

impl Label {
    const ALL: [Label; 12] = [
        Label::Type,
        Label::Required,
        Label::Length,
        Label::KeyLength,
        Label::ValueLength,
        Label::Range,
        Label::Pattern,
        Label::KeyPattern,
        Label::ValuePattern,
        Label::ArrayMembers,
        Label::MapEntries,
        Label::ValidValues,
    ];

    fn prefix(self) -> &'static str {
        match self {
            Label::Type => "Type:",
            Label::Required => "Required:",
            Label::Length => "Length Constraints:",
            Label::KeyLength => "Key Length Constraints:",
            Label::ValueLength => "Value Length Constraints:",
            Label::Range => "Valid Range:",
            Label::Pattern => "Pattern:",
            Label::KeyPattern => "Key Pattern:",
            Label::ValuePattern => "Value Pattern:",
            Label::ArrayMembers => "Array Members:",
            Label::MapEntries => "Map Entries:",
            Label::ValidValues => "Valid Values:",
        }
    }
}

/// A paragraph that starts with a label this parser does not take (`Default:`, `Valid
/// Keys:`, `Ancestors:`).
fn other_label(line: &str) -> bool {
    let Some((label, _)) = line.split_once(':') else { return false };
    label.len() <= 40
        && label.starts_with(|c: char| c.is_ascii_uppercase())
        && label.split(' ').count() <= 5
        && label.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-'))
}

/// A labelled line (at the start of the line, as entries write them) and its value.
fn labelled(line: &str) -> Option<(Label, &str)> {
    Label::ALL.iter().find_map(|&label| line.strip_prefix(label.prefix()).map(|value| (label, value.trim())))
}

fn required(value: &str) -> Option<bool> {
    match value.trim().trim_end_matches('.') {
        "Yes" => Some(true),
        "No" => Some(false),
        _ => None,
    }
}

/// `Minimum length of 1. Maximum length of 1024.`, `Fixed length of 12.`; numbers as
/// written, thousands separators dropped (`30,720` → `30720`).
fn set_bounds(min: &mut Option<String>, max: &mut Option<String>, text: &str, noun: &str) {
    let after = |word: &str| {
        let phrase = format!("{word} {noun} of ");
        let at = text.find(&phrase)? + phrase.len();
        let number: String = text.get(at..)?.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '.' | ',')).collect();
        let number = number.trim_end_matches(['.', ',']).replace(',', "");
        number.bytes().any(|c| c.is_ascii_digit()).then_some(number)
    };
    let fixed = after("Fixed");
    *min = after("Minimum").or_else(|| fixed.clone());
    *max = after("Maximum").or(fixed);
}

/// A code span's content (`` `^[a-z]+$` `` → `^[a-z]+$`); text around a single code span
/// (`( `arn:…`)`) is dropped; text without one is kept as written.
fn code_content(value: &str) -> String {
    let ticks = value.len() - value.trim_start_matches('`').len();
    if ticks == 0 {
        let mut spans = value.split('`');
        return match (spans.next(), spans.next(), spans.next(), spans.next()) {
            (Some(_), Some(code), Some(_), None) if !code.is_empty() => code.to_string(),
            _ => value.to_string(),
        };
    }
    let fence = value.get(..ticks).unwrap_or("");
    let after = value.get(ticks..).unwrap_or("");
    let inner = after.strip_suffix(fence).unwrap_or(after);
    match inner.strip_prefix(' ').and_then(|i| i.strip_suffix(' ')) {
        Some(padded) if !padded.trim().is_empty() => padded.to_string(),
        _ => inner.to_string(),
    }
}

/// `` `ONE_DAY | SEVEN_DAYS` `` or `` `443` \| `1194` `` → the values.
fn valid_values(value: &str) -> Vec<String> {
    let mut plain = String::with_capacity(value.len());
    let mut in_code = false;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '`' => in_code = !in_code,
            '\\' if !in_code => match chars.next() {
                Some(next) if next.is_ascii_punctuation() => plain.push(next),
                Some(next) => {
                    plain.push('\\');
                    plain.push(next);
                }
                None => plain.push('\\'),
            },
            _ => plain.push(c),
        }
    }
    plain.split('|').map(str::trim).filter(|v| !v.is_empty()).map(str::to_string).collect()
}

/// A `Type:` line (§7), parsed recursively: `Array of <T>s`, `String to <T> map`, scalars,
/// `[Name](…) object` / `data type`.
fn parse_type(text: &str) -> Option<TypeExpr> {
    let tokens = type_tokens(text)?;
    let mut at = 0;
    let ty = single_type(&tokens, &mut at, 0)?;
    (at == tokens.len()).then_some(ty)
}

#[derive(Debug)]
enum TypeToken<'a> {
    Word(&'a str),
    /// `[Name](…)`: the link text, a shape name.
    Link(String),
}

fn type_tokens(text: &str) -> Option<Vec<TypeToken<'_>>> {
    let mut tokens = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        if let Some(link) = rest.strip_prefix('[') {
            let (name, after) = link.split_once("](")?;
            let close = after.find(')')?;
            let name = unescape(name.trim());
            if name.is_empty() || name.contains(char::is_whitespace) {
                return None;
            }
            tokens.push(TypeToken::Link(name));
            rest = after.get(close + 1..)?;
        } else {
            let end = rest.find(|c: char| c.is_whitespace() || c == '[').unwrap_or(rest.len());
            tokens.push(TypeToken::Word(rest.get(..end)?));
            rest = rest.get(end..)?;
        }
        rest = rest.trim_start();
    }
    Some(tokens)
}

fn word_at(tokens: &[TypeToken], at: usize, word: &str) -> bool {
    matches!(tokens.get(at), Some(TypeToken::Word(w)) if w.eq_ignore_ascii_case(word))
}

/// Consumes `words` at `at` if they are all there.
fn take_words(tokens: &[TypeToken], at: &mut usize, words: &[&str]) -> bool {
    let all = words.iter().enumerate().all(|(k, w)| word_at(tokens, *at + k, w));
    if all {
        *at += words.len();
    }
    all
}

/// A type in the singular: `String`, `[X](…) object`, `Array of …s`, `String to … map`.
fn single_type(tokens: &[TypeToken], at: &mut usize, depth: usize) -> Option<TypeExpr> {
    if depth > MAX_NESTING {
        return None;
    }
    if let Some(TypeToken::Link(name)) = tokens.get(*at) {
        *at += 1;
        return (take_words(tokens, at, &["object"]) || take_words(tokens, at, &["data", "type"])).then(|| TypeExpr::Structure(name.clone()));
    }
    if take_words(tokens, at, &["array", "of"]) {
        return Some(TypeExpr::List(Box::new(plural_type(tokens, at, depth + 1)?)));
    }
    if take_words(tokens, at, &["string", "to"]) {
        let value = single_type(tokens, at, depth + 1)?;
        return take_words(tokens, at, &["map"]).then(|| TypeExpr::Map(Box::new(value)));
    }
    if take_words(tokens, at, &["base64-encoded", "binary", "data"]) {
        take_words(tokens, at, &["object"]);
        return Some(TypeExpr::Blob);
    }
    if take_words(tokens, at, &["json", "value"]) {
        return Some(TypeExpr::Document);
    }
    let scalars = [
        ("string", TypeExpr::String),
        ("boolean", TypeExpr::Boolean),
        ("integer", TypeExpr::Integer),
        ("long", TypeExpr::Long),
        ("float", TypeExpr::Float),
        ("double", TypeExpr::Double),
        ("timestamp", TypeExpr::Timestamp),
        ("exception", TypeExpr::Exception),
    ];
    scalars.into_iter().find_map(|(word, ty)| take_words(tokens, at, &[word]).then_some(ty))
}

/// A type in the plural, after `Array of`: `strings`, `[X](…) objects`, `arrays of …s`,
/// `string to … maps`.
fn plural_type(tokens: &[TypeToken], at: &mut usize, depth: usize) -> Option<TypeExpr> {
    if depth > MAX_NESTING {
        return None;
    }
    if let Some(TypeToken::Link(name)) = tokens.get(*at) {
        *at += 1;
        return (take_words(tokens, at, &["objects"]) || take_words(tokens, at, &["data", "types"])).then(|| TypeExpr::Structure(name.clone()));
    }
    if take_words(tokens, at, &["arrays", "of"]) {
        return Some(TypeExpr::List(Box::new(plural_type(tokens, at, depth + 1)?)));
    }
    if take_words(tokens, at, &["string", "to"]) {
        let value = single_type(tokens, at, depth + 1)?;
        return take_words(tokens, at, &["maps"]).then(|| TypeExpr::Map(Box::new(value)));
    }
    if take_words(tokens, at, &["base64-encoded", "binary", "data", "objects"]) {
        return Some(TypeExpr::Blob);
    }
    if take_words(tokens, at, &["json", "values"]) {
        return Some(TypeExpr::Document);
    }
    let scalars = [
        ("strings", TypeExpr::String),
        ("booleans", TypeExpr::Boolean),
        ("integers", TypeExpr::Integer),
        ("longs", TypeExpr::Long),
        ("floats", TypeExpr::Float),
        ("doubles", TypeExpr::Double),
        ("timestamps", TypeExpr::Timestamp),
    ];
    scalars.into_iter().find_map(|(word, ty)| take_words(tokens, at, &[word]).then_some(ty))
}

/// An entry heading (§6.1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Heading {
    name: String,
    wire_suffix: Option<String>,
    response_name: Option<String>,
    /// `**[Name](#API_Op_RequestSyntax)**`: an operation member, never a prose line.
    linked: bool,
}

/// `**Name**`, `**[Name](#…)**`, native ` ** Name **   <a name="…"></a>`, query
/// `**Names.member.N**` and `**Attributes** Attributes.entry.N.key (key)…`, EC2 `**Key**
/// (request), **key** (response)`; `None` for any other line (a bold phrase in prose).
/// native-md headings start with one space, which its prose `**Note**` lines do not have.
fn parse_heading(line: &str, native: bool) -> Option<Heading> {
    let rest = if native { line.strip_prefix(" **")? } else { line.strip_prefix("**")? };
    let close = rest.find("**")?;
    let inner = rest.get(..close)?.trim();
    let after = strip_anchors(rest.get(close + 2..)?);
    let after = after.trim();
    let (name, linked) = match inner.strip_prefix('[') {
        Some(link) => {
            let (text, target) = link.split_once("](")?;
            target.strip_suffix(')')?;
            (unescape(text.trim()), true)
        }
        None => (unescape(inner), false),
    };
    let odd = |c: char| c.is_whitespace() || matches!(c, '*' | '`' | '[' | ']' | '(' | ')' | '<' | '>');
    if name.is_empty() || name.contains(odd) || name.ends_with(':') {
        return None;
    }
    let mut heading = Heading { name, linked, ..Default::default() };
    if let Some(response) = after.strip_prefix("(request), **").and_then(|s| s.strip_suffix("** (response)")) {
        let response = unescape(response.trim());
        if response.is_empty() || response.contains(odd) {
            return None;
        }
        heading.response_name = Some(response);
    } else if !after.is_empty() {
        heading.wire_suffix = Some(map_suffix(after)?);
    } else if let Some(base) = heading.name.strip_suffix(".N") {
        // `Names.member.N` → `Names` + `member.N`; `Filter.N` → `Filter` + `N`.
        let (base, middle) = base.split_once('.').map_or((base, None), |(b, m)| (b, Some(m)));
        if !base.is_empty() {
            let suffix = middle.map_or_else(|| "N".to_string(), |m| format!("{m}.N"));
            heading.name = base.to_string();
            heading.wire_suffix = Some(suffix);
        }
    }
    Some(heading)
}

/// `Attributes.entry.N.key (key)Attributes.entry.N.value (value)` → `entry.N.key (key)
/// entry.N.value (value)`; `None` unless the text is only such parts.
fn map_suffix(text: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let at = rest.find("entry.N.")?;
        if rest.get(..at)?.contains(char::is_whitespace) {
            return None;
        }
        let part = rest.get(at..)?;
        let close = part.find(')')?;
        parts.push(part.get(..=close)?.split_whitespace().collect::<Vec<_>>().join(" "));
        rest = part.get(close + 1..)?.trim_start();
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Removes `<a name="…">` and `</a>` tags.
fn strip_anchors(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tag = rest.get(at..).unwrap_or("");
        if let Some(after) = tag.strip_prefix("</a>") {
            rest = after;
        } else if tag.starts_with("<a ") {
            // No `>` now means none later either: the rest is text.
            let Some(end) = tag.find('>') else {
                out.push_str(tag);
                return out;
            };
            rest = tag.get(end + 1..).unwrap_or("");
        } else {
            out.push('<');
            rest = tag.get(1..).unwrap_or("");
        }
    }
    out.push_str(rest);
    out
}

fn is_anchor_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("<a ") && strip_anchors(line).trim().is_empty()
}

/// Markdown backslash escapes removed: `restapi\_id` → `restapi_id`.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The end of a `---` / `source_url: …` / `---` front matter: the index of the first line
/// after it, or 0 when there is none.
fn front_matter_end(lines: &[&str]) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    lines.iter().skip(1).position(|l| l.trim_end() == "---").map_or(0, |k| k + 2)
}

/// `## Name` → 2; `None` unless the line is an ATX heading.
fn atx_level(line: &str) -> Option<usize> {
    let line = line.trim_start_matches(' ');
    let level = line.len() - line.trim_start_matches('#').len();
    let after = line.get(level..)?;
    ((1..=6).contains(&level) && (after.is_empty() || after.starts_with([' ', '\t']))).then_some(level)
}

/// An ATX heading's text, without its `#`s and anchors.
fn heading_text(line: &str) -> String {
    let text = line.trim().trim_start_matches('#').trim();
    let text = text.trim_end_matches('#').trim_end();
    strip_anchors(text).trim().to_string()
}

fn closes_fence(open: &str, last: &str) -> bool {
    let Some(fence) = open.chars().next() else { return false };
    let count = open.chars().take_while(|&c| c == fence).count();
    let last = last.trim().trim_start_matches(['>', ' ']);
    last.chars().count() >= count && last.chars().all(|c| c == fence)
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::Link { .. } | Tag::Image { .. }
    )
}

/// `PUT /backup-vaults/backupVaultName?x=Y HTTP/1.1` (line number left 0).
fn parse_request_line(text: &str) -> Option<RequestLine> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [method, target, "HTTP/1.1"] = words.as_slice() else { return None };
    if !METHODS.contains(method) || !target.starts_with('/') {
        return None;
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let query = query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((key, value)) => {
                let (value, braced) = strip_braces(value);
                QueryPart { key: key.to_string(), value: Some(value.to_string()), braced }
            }
            None => QueryPart { key: part.to_string(), value: None, braced: false },
        })
        .collect();
    Some(RequestLine { line: 0, method: method.to_string(), path: path.to_string(), query })
}

/// `{{Name}}` / `{Name}` → `Name`, and whether it had braces.
fn strip_braces(text: &str) -> (&str, bool) {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("{{").and_then(|t| t.strip_suffix("}}")) {
        return (inner, true);
    }
    match text.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        Some(inner) => (inner, true),
        None => (text, false),
    }
}

/// `Wire-Name: Value` in a syntax block.
fn header_line(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let value = value.trim();
    let token = !name.is_empty() && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
    (token && !value.is_empty() && !line.starts_with([' ', '\t'])).then_some((name, value))
}

/// `Bucket.s3.amazonaws.com` → `Bucket`: the first label, when it is a placeholder (braced,
/// or in front of a service host of three or more labels); `s3.amazonaws.com` → `None`.
fn host_label(host: &str) -> Option<String> {
    let (first, rest) = host.split_once('.')?;
    let (label, braced) = strip_braces(first);
    (!label.is_empty() && (braced || rest.split('.').count() >= 3)).then(|| label.to_string())
}

/// The endpoint prefix a sample host shows: the label before `amazonaws.com` and any region
/// label (`bucket.s3.<Region>.amazonaws.com` → `s3`, `sns.us-east-2.amazonaws.com` → `sns`),
/// else the first label (`dynamodb.<region>.<domain>` → `dynamodb`).
fn endpoint_label(host: &str) -> Option<String> {
    let host = host.trim().trim_start_matches("https://").trim_start_matches("http://");
    let host = host.split(['/', ':', ';', '?', ' ']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    let region = |label: &str| {
        let bare = label.trim_matches(|c| matches!(c, '<' | '>' | '{' | '}'));
        bare.eq_ignore_ascii_case("region") || {
            let parts: Vec<&str> = bare.split('-').collect();
            parts.len() >= 3
                && parts.first().is_some_and(|p| p.len() == 2 && p.bytes().all(|c| c.is_ascii_lowercase()))
                && parts.last().is_some_and(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
        }
    };
    let label = match labels.iter().position(|l| *l == "amazonaws") {
        Some(k) => labels.get(..k)?.iter().rev().find(|l| !region(l)).copied()?,
        None => labels.first().copied()?,
    };
    let plausible = !label.is_empty() && label.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
    plausible.then(|| label.to_string())
}

/// The XML document of a syntax block's body, when it is one.
fn xml_body(block: &CodeBlock) -> Option<XmlElement> {
    if !block.text.trim_start().starts_with('<') {
        return None;
    }
    parse_elements(&block.text, block.line).into_iter().next()
}

fn status_code(text: &str) -> Option<u16> {
    text.parse::<u16>().ok().filter(|code| (100..=599).contains(code) && text.len() == 3)
}

/// A Markdown list item's marker (`-`, `+`, `*`, `1.`) at the start of `text`: its length.
fn list_marker(text: &str) -> Option<usize> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = text.get(digits..).unwrap_or("");
    let after = match digits {
        0 => rest.strip_prefix(['-', '+', '*']),
        1..=9 => rest.strip_prefix(['.', ')']),
        _ => None,
    }?;
    (after.is_empty() || after.starts_with([' ', '\t'])).then_some(text.len() - after.len())
}

/// 0-based line index → 1-based line number.
fn number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// A line for a diagnostic: `` `text` ``, shortened.
fn quote(line: &str) -> String {
    let line = line.trim();
    if line.is_empty() {
        return "a blank line".to_string();
    }
    let short: String = line.chars().take(60).collect();
    if short.len() < line.len() {
        format!("`{short}…`")
    } else {
        format!("`{short}`")
    }
}

/// Markdown (as pages write it) → normalised Markdown (see the module docs).
fn markdown(source: &str) -> String {
    let mut render = Render::default();
    for event in Parser::new_ext(source, Options::empty()) {
        render.event(event);
    }
    render.flush_block();
    let blocks = match render.frames.into_iter().next() {
        Some(Frame::Blocks(blocks)) => blocks,
        _ => Vec::new(),
    };
    let mut out = String::new();
    write_blocks(&notes(blocks, 0), "", "", false, &mut out);
    out.truncate(out.trim_end().len());
    out
}

#[derive(Debug, Clone, PartialEq)]
enum Block {
    /// One line of inline Markdown.
    Para(String),
    Heading(String),
    Code(String),
    List { start: Option<u64>, items: Vec<Vec<Block>> },
}

enum Frame {
    Blocks(Vec<Block>),
    List { start: Option<u64>, items: Vec<Vec<Block>> },
}

/// Builds [`Block`]s from pulldown-cmark events; inline Markdown is written as it comes.
struct Render {
    /// Root blocks, then per open list its items, per open item its blocks.
    frames: Vec<Frame>,
    /// Containers past [`MAX_NESTING`], whose content goes into the innermost kept one.
    flattened: usize,
    inline: String,
    /// Text not yet escaped: consecutive text events, so URLs and words stay whole.
    text: String,
    heading: bool,
    code: Option<String>,
    spans: Vec<Span>,
}

impl Default for Render {
    fn default() -> Self {
        Render { frames: vec![Frame::Blocks(Vec::new())], flattened: 0, inline: String::new(), text: String::new(), heading: false, code: None, spans: Vec::new() }
    }
}

/// An open emphasis, strong or link: where its content starts in `inline`.
struct Span {
    at: usize,
    kind: SpanKind,
}

enum SpanKind {
    Marker(&'static str),
    Link { url: String, autolink: bool },
    Image,
}

impl Render {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match self.code.as_mut() {
                Some(code) => code.push_str(&text),
                None => self.text.push_str(&text),
            },
            Event::Code(code) => {
                self.flush_text();
                code_span(&code, &mut self.inline);
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                let tag = html.trim_start();
                if tag.starts_with("<br") {
                    self.text.push(' ');
                } else {
                    self.text.push_str(&strip_anchors(&html));
                }
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::Rule => self.flush_block(),
            Event::InlineMath(text) | Event::DisplayMath(text) | Event::FootnoteReference(text) => self.text.push_str(&text),
            Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Emphasis | Tag::Strong => {
                self.flush_text();
                let marker = if matches!(tag, Tag::Emphasis) { "*" } else { "**" };
                self.spans.push(Span { at: self.inline.len(), kind: SpanKind::Marker(marker) });
            }
            Tag::Link { link_type, dest_url, .. } => {
                self.flush_text();
                let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
                self.spans.push(Span { at: self.inline.len(), kind: SpanKind::Link { url: dest_url.to_string(), autolink } });
            }
            Tag::Image { .. } => {
                self.flush_text();
                self.spans.push(Span { at: self.inline.len(), kind: SpanKind::Image });
            }
            Tag::Heading { .. } => {
                self.flush_block();
                self.heading = true;
            }
            Tag::CodeBlock(_) => {
                self.flush_block();
                self.code = Some(String::new());
            }
            Tag::List(start) => {
                self.flush_block();
                // The root, then a list and an item frame per level.
                if self.flattened > 0 || self.frames.len() > 2 * MAX_NESTING {
                    self.flattened += 1;
                } else {
                    self.frames.push(Frame::List { start, items: Vec::new() });
                }
            }
            Tag::Item => {
                self.flush_block();
                if self.flattened > 0 || !matches!(self.frames.last(), Some(Frame::List { .. })) {
                    self.flattened += 1;
                } else {
                    self.frames.push(Frame::Blocks(Vec::new()));
                }
            }
            _ => self.flush_block(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Image => {
                self.flush_text();
                if let Some(span) = self.spans.pop() {
                    self.close_span(span);
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let lines: Vec<&str> = code.lines().map(str::trim_end).collect();
                    let start = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
                    let end = lines.iter().rposition(|l| !l.is_empty()).map_or(start, |k| k + 1);
                    let text = lines.get(start..end).unwrap_or(&[]).join("\n");
                    if !text.is_empty() {
                        self.push(Block::Code(text));
                    }
                }
            }
            TagEnd::List(_) | TagEnd::Item => {
                self.flush_block();
                if self.flattened > 0 {
                    self.flattened -= 1;
                    return;
                }
                match self.frames.pop() {
                    Some(Frame::Blocks(blocks)) => match self.frames.last_mut() {
                        Some(Frame::List { items, .. }) => items.push(blocks),
                        _ => self.frames.push(Frame::Blocks(blocks)),
                    },
                    Some(Frame::List { start, items }) => {
                        if items.iter().any(|item| !item.is_empty()) {
                            self.push(Block::List { start, items });
                        }
                    }
                    None => self.frames.push(Frame::Blocks(Vec::new())),
                }
            }
            _ => self.flush_block(),
        }
    }

    fn close_span(&mut self, span: Span) {
        let content = match self.inline.get(span.at..) {
            Some(_) => self.inline.split_off(span.at),
            None => return,
        };
        let trimmed = content.trim();
        let space_before = content.starts_with(' ') && !self.inline.ends_with(' ') && !self.inline.is_empty();
        match span.kind {
            SpanKind::Marker(marker) => {
                if trimmed.is_empty() {
                    self.inline.push_str(&content);
                    return;
                }
                if space_before {
                    self.inline.push(' ');
                }
                self.inline.push_str(marker);
                self.inline.push_str(trimmed);
                self.inline.push_str(marker);
                if content.ends_with(' ') {
                    self.inline.push(' ');
                }
            }
            SpanKind::Link { url, autolink } => {
                if space_before {
                    self.inline.push(' ');
                }
                let absolute = ["http://", "https://", "mailto:"].iter().any(|s| url.starts_with(s));
                if (autolink || trimmed.is_empty()) && absolute && !url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') {
                    self.inline.push('<');
                    self.inline.push_str(&url);
                    self.inline.push('>');
                } else if absolute && !trimmed.is_empty() {
                    self.inline.push('[');
                    self.inline.push_str(trimmed);
                    self.inline.push_str("](");
                    link_destination(&url, &mut self.inline);
                    self.inline.push(')');
                } else if let Some(name) = api_page_name(&url, trimmed) {
                    code_span(&name, &mut self.inline);
                } else {
                    self.inline.push_str(trimmed);
                }
                if content.ends_with(' ') {
                    self.inline.push(' ');
                }
            }
            SpanKind::Image => self.inline.push_str(&content),
        }
    }

    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            let autolink = !self.spans.iter().any(|s| matches!(s.kind, SpanKind::Link { .. }));
            escape_text(&text, &mut self.inline, autolink);
        }
    }

    /// Ends the paragraph or heading being written.
    fn flush_block(&mut self) {
        self.flush_text();
        self.spans.clear();
        let text = std::mem::take(&mut self.inline);
        let text = text.trim();
        if !text.is_empty() {
            let block = if self.heading { Block::Heading(text.to_string()) } else { Block::Para(text.to_string()) };
            self.push(block);
        }
        self.heading = false;
    }

    fn push(&mut self, block: Block) {
        match self.frames.last_mut() {
            Some(Frame::Blocks(blocks)) => blocks.push(block),
            Some(Frame::List { items, .. }) => items.push(vec![block]),
            None => self.frames.push(Frame::Blocks(vec![block])),
        }
    }
}

/// A relative link to another API page (`api-backupdescription.md`, `API_Tag.md`) whose text
/// is a name: the name, for a code span.
fn api_page_name(url: &str, text: &str) -> Option<String> {
    let file = url.split('#').next().unwrap_or("").rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    let api_page = (file.starts_with("api-") || file.starts_with("api_")) && (file.ends_with(".md") || file.ends_with(".html"));
    let name: String = text.trim_matches('`').chars().filter(|&c| c != '\\').collect();
    let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | ':'));
    (api_page && plain).then_some(name)
}

fn link_destination(url: &str, out: &mut String) {
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
}

/// `` `code` ``, with a longer fence when the code has backticks; whitespace collapsed.
fn code_span(code: &str, out: &mut String) {
    let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
    if code.is_empty() {
        return;
    }
    if out.ends_with('`') {
        out.push(' ');
    }
    let mut longest = 0;
    let mut run = 0;
    for c in code.bytes() {
        run = if c == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
    out.push_str(&fence);
    out.push_str(pad);
    out.push_str(&code);
    out.push_str(pad);
    out.push_str(&fence);
}

/// Plain text → Markdown text: whitespace collapsed, markup characters escaped, bare URLs
/// as `<…>` autolinks (not inside a link's text).
fn escape_text(text: &str, out: &mut String, autolink: bool) {
    let mut at_start = out.is_empty();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let width = c.len_utf8();
        if c.is_whitespace() && c != '\u{a0}' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            rest = rest.get(width..).unwrap_or("");
            continue;
        }
        if autolink && c == 'h' {
            if let Some(end) = url_end(rest) {
                out.push('<');
                out.push_str(rest.get(..end).unwrap_or(""));
                out.push('>');
                rest = rest.get(end..).unwrap_or("");
                at_start = false;
                continue;
            }
        }
        if at_start {
            at_start = false;
            if matches!(c, '#' | '+' | '-' | '=') {
                out.push('\\');
            } else if c.is_ascii_digit() {
                let digits = rest.len() - rest.trim_start_matches(|d: char| d.is_ascii_digit()).len();
                let after = rest.get(digits..).unwrap_or("");
                let ends_marker = after.get(1..).is_none_or(|a| a.is_empty() || a.starts_with(char::is_whitespace));
                if after.starts_with(['.', ')']) && ends_marker {
                    out.push_str(rest.get(..digits).unwrap_or(""));
                    out.push('\\');
                    rest = rest.get(digits..).unwrap_or("");
                    continue;
                }
            }
        }
        let previous = out.chars().last();
        match c {
            '\\' | '`' | '*' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
                if !(word(previous) && word(rest.get(1..).and_then(|r| r.chars().next()))) {
                    out.push('\\');
                }
                out.push('_');
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' if rest.get(1..).and_then(|r| r.chars().next()).is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') => out.push_str("&amp;"),
            _ => out.push(c),
        }
        rest = rest.get(width..).unwrap_or("");
    }
}

/// The length of a bare `http://`/`https://` URL at the start of `text`, trailing
/// punctuation excluded.
fn url_end(text: &str) -> Option<usize> {
    let scheme = if text.starts_with("https://") {
        8
    } else if text.starts_with("http://") {
        7
    } else {
        return None;
    };
    let len = text.bytes().take_while(|&c| c.is_ascii_graphic() && !matches!(c, b'<' | b'>' | b'"' | b'`' | b'\\')).count();
    let mut url = text.get(..len)?;
    // A `)` closing a `(` of the URL stays; one closing the surrounding text does not.
    let mut unbalanced = url.matches(')').count().saturating_sub(url.matches('(').count());
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', ']', '}', '*', '_']);
        let trimmed = match trimmed.strip_suffix(')') {
            Some(shorter) if unbalanced > 0 => {
                unbalanced -= 1;
                shorter
            }
            _ => trimmed,
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    (url.len() > scheme).then_some(url.len())
}

/// Notes: a `###### Note` heading, or a `**Note**` paragraph, labels the paragraph after it
/// (`**Note:** …`); other headings become bold paragraphs.
fn notes(blocks: Vec<Block>, depth: usize) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut label: Option<String> = None;
    for block in blocks {
        let block = match block {
            Block::List { start, items } if depth < MAX_NESTING => {
                Block::List { start, items: items.into_iter().map(|item| notes(item, depth + 1)).collect() }
            }
            other => other,
        };
        if let Some(name) = label.take() {
            match block {
                Block::Para(text) => {
                    out.push(Block::Para(format!("**{name}:** {text}")));
                    continue;
                }
                other => {
                    out.push(Block::Para(format!("**{name}:**")));
                    out.push(other);
                    continue;
                }
            }
        }
        match block {
            Block::Heading(text) => match note_label(&text) {
                Some(name) => label = Some(name.to_string()),
                None => out.push(Block::Para(format!("**{text}**"))),
            },
            Block::Para(text) => {
                let bold = text.strip_prefix("**").and_then(|t| t.split_once("**"));
                match bold.and_then(|(inner, rest)| Some((note_label(inner)?, rest))) {
                    Some((name, "")) => label = Some(name.to_string()),
                    Some((name, rest)) if rest.starts_with(' ') => out.push(Block::Para(format!("**{name}:**{rest}"))),
                    _ => out.push(Block::Para(text)),
                }
            }
            other => out.push(other),
        }
    }
    if let Some(name) = label {
        out.push(Block::Para(format!("**{name}:**")));
    }
    out
}

fn note_label(text: &str) -> Option<&'static str> {
    let text = text.trim().trim_end_matches(':');
    NOTE_LABELS.iter().copied().find(|label| label.eq_ignore_ascii_case(text))
}

/// Writes blocks separated by one blank line; `first` prefixes the first line, `rest` the
/// others (a list item's marker and its indentation).
fn write_blocks(blocks: &[Block], first: &str, rest: &str, in_item: bool, out: &mut String) {
    for (k, block) in blocks.iter().enumerate() {
        // Inside a list item a nested list follows its paragraph directly: the list stays tight.
        let nested_list = in_item && matches!(block, Block::List { .. }) && k > 0 && matches!(blocks.get(k - 1), Some(Block::Para(_)));
        if k > 0 && !nested_list {
            out.push('\n');
        }
        write_block(block, if k == 0 { first } else { rest }, rest, out);
    }
}

fn write_block(block: &Block, first: &str, rest: &str, out: &mut String) {
    match block {
        Block::Para(text) | Block::Heading(text) => {
            out.push_str(first);
            out.push_str(text);
            out.push('\n');
        }
        Block::Code(text) => {
            let mut fence = String::from("```");
            while text.contains(fence.as_str()) {
                fence.push('`');
            }
            out.push_str(first);
            out.push_str(&fence);
            out.push_str("text\n");
            for line in text.lines() {
                if !line.is_empty() {
                    out.push_str(rest);
                    out.push_str(line);
                }
                out.push('\n');
            }
            out.push_str(rest);
            out.push_str(&fence);
            out.push('\n');
        }
        Block::List { start, items } => {
            let loose = items.iter().any(|item| item.iter().filter(|b| !matches!(b, Block::List { .. })).count() > 1);
            for (k, item) in items.iter().enumerate() {
                if k > 0 && loose {
                    out.push('\n');
                }
                let marker = match start {
                    Some(n) => format!("{}. ", n.saturating_add(k as u64)),
                    None => "- ".to_string(),
                };
                let lead = format!("{}{marker}", if k == 0 { first } else { rest });
                let inner = format!("{rest}{}", " ".repeat(marker.len()));
                if item.is_empty() {
                    out.push_str(lead.trim_end());
                    out.push('\n');
                } else {
                    write_blocks(item, &lead, &inner, true, out);
                }
            }
        }
    }
}


#[cfg(test)]
mod tests {
    //! Excerpts are cut from the pages in `shared/api-reference/` (AWS documentation, CC BY-SA
    //! 4.0, see `shared/api-reference/SOURCES.md`).

    use super::*;

    fn parse(text: &str) -> RefPage {
        match parse_page(Path::new("svc/API_Page.md"), text) {
            Ok(page) => page,
            Err(diagnostic) => panic!("{diagnostic}"),
        }
    }

    fn operation(text: &str) -> OperationPage {
        match parse(text) {
            RefPage::Operation(page) => page,
            other => panic!("not an operation page: {other:?}"),
        }
    }

    fn data_type(text: &str) -> DataTypePage {
        match parse(text) {
            RefPage::DataType(page) => page,
            other => panic!("not a data-type page: {other:?}"),
        }
    }

    /// The diagnostic's line and message.
    fn failure(text: &str) -> (u32, String) {
        match parse_page(Path::new("svc/API_Page.md"), text) {
            Ok(page) => panic!("parsed: {page:?}"),
            Err(diagnostic) => (diagnostic.line, diagnostic.message),
        }
    }

    /// The 1-based number of the first line of `text` that contains `needle`.
    fn line_of(text: &str, needle: &str) -> u32 {
        let index = text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("no line with {needle:?}"));
        number(index)
    }

    fn entry<'a>(entries: &'a [Entry], name: &str) -> &'a Entry {
        entries.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no entry {name} in {:?}", entries.iter().map(|e| &e.name).collect::<Vec<_>>()))
    }

    fn list(ty: TypeExpr) -> TypeExpr {
        TypeExpr::List(Box::new(ty))
    }

    fn map(ty: TypeExpr) -> TypeExpr {
        TypeExpr::Map(Box::new(ty))
    }

    fn structure(name: &str) -> TypeExpr {
        TypeExpr::Structure(name.to_string())
    }

    const CREATE_BACKUP_VAULT: &str = r##"# CreateBackupVault

Creates a logical container where backups are stored. A `CreateBackupVault`
request includes a name, optionally one or more resource tags, an encryption key, and a
request ID.

###### Note

Do not include sensitive data, such as passport numbers, in the name of a backup
vault.

## Request Syntax

```nohighlight

PUT /backup-vaults/backupVaultName HTTP/1.1
Content-type: application/json

{
   "BackupVaultTags": {
      "string" : "string"
   },
   "CreatorRequestId": "string",
   "EncryptionKeyArn": "string"
}
```

## URI Request Parameters

The request uses the following URI parameters.

**[backupVaultName](#API_CreateBackupVault_RequestSyntax)**

The name of a logical container where backups are stored. Backup vaults are identified
by names that are unique to the account used to create them and the AWS
Region where they are created. They consist of letters, numbers, and hyphens.

Pattern: `^[a-zA-Z0-9\-\_]{2,50}$`

Required: Yes

## Request Body

The request accepts the following data in JSON format.

**[BackupVaultTags](#API_CreateBackupVault_RequestSyntax)**

The tags to assign to the backup vault.

Type: String to string map

Required: No

**[CreatorRequestId](#API_CreateBackupVault_RequestSyntax)**

A unique string that identifies the request and allows failed requests to be retried
without the risk of running the operation twice. This parameter is optional.

If used, this parameter must contain 1 to 50 alphanumeric or '-\_.' characters.

Type: String

Required: No

## Response Syntax

```nohighlight

HTTP/1.1 200
Content-type: application/json

{
   "BackupVaultArn": "string",
   "CreationDate": number
}
```

## Response Elements

If the action is successful, the service sends back an HTTP 200 response.

The following data is returned in JSON format by the service.

**[BackupVaultArn](#API_CreateBackupVault_ResponseSyntax)**

An Amazon Resource Name (ARN) that uniquely identifies a backup vault; for example,
`arn:aws:backup:us-east-1:123456789012:backup-vault:aBackupVault`.

Type: String

**[CreationDate](#API_CreateBackupVault_ResponseSyntax)**

The date and time a backup vault is created, in Unix format and Coordinated Universal
Time (UTC).

Type: Timestamp

## Errors

For information about the errors that are common to all actions, see [Common Error Types](commonerrors.md).

**AlreadyExistsException**

The required resource already exists.

**Arn**

**Context**

**CreatorRequestId**

**Type**

HTTP Status Code: 400

**ServiceUnavailableException**

The request failed due to a temporary failure of the server.

**Context**

**Type**

HTTP Status Code: 500

## See Also

For more information about using this API in one of the language-specific AWS SDKs, see the following:

- [AWS Command Line Interface V2](../../../goto/cli2/backup-2018-11-15/createbackupvault.md)

[Document Conventions](../../../../general/latest/gr/docconventions.md)

All content copied from https://docs.aws.amazon.com/.
"##;

    #[test]
    fn html_md_operation_create_backup_vault() {
        let page = operation(CREATE_BACKUP_VAULT);
        assert_eq!((page.name.as_str(), page.line), ("CreateBackupVault", 1));
        assert_eq!(
            page.docs,
            "Creates a logical container where backups are stored. A `CreateBackupVault` request includes a name, optionally one or more resource tags, an encryption key, and a request ID.\n\n**Note:** Do not include sensitive data, such as passport numbers, in the name of a backup vault."
        );
        assert_eq!(page.uid.as_deref(), Some("backup-2018-11-15"));
        let request = page.request_line.as_ref().expect("request line");
        assert_eq!((request.line, request.method.as_str(), request.path.as_str()), (line_of(CREATE_BACKUP_VAULT, "PUT /"), "PUT", "/backup-vaults/backupVaultName"));
        assert!(request.query.is_empty());
        assert!(page.request_headers.is_empty());
        assert_eq!(page.request_content_type.as_deref(), Some("application/json"));
        assert_eq!(page.request_body, BodyFormat::Json);
        let syntax = page.request_syntax.as_ref().expect("request body syntax");
        assert_eq!(syntax.line, line_of(CREATE_BACKUP_VAULT, "{"));
        assert!(syntax.text.starts_with("{\n   \"BackupVaultTags\": {") && syntax.text.ends_with("\"EncryptionKeyArn\": \"string\"\n}"), "{syntax:?}");

        let [uri] = page.uri_params.as_slice() else { panic!("{:?}", page.uri_params) };
        assert_eq!((uri.line, uri.name.as_str(), uri.required, &uri.ty), (line_of(CREATE_BACKUP_VAULT, "**[backupVaultName]"), "backupVaultName", Some(true), &None));
        assert_eq!(uri.constraints.pattern.as_deref(), Some(r"^[a-zA-Z0-9\-\_]{2,50}$"));
        assert!(uri.docs.starts_with("The name of a logical container") && uri.docs.ends_with("letters, numbers, and hyphens."), "{}", uri.docs);

        let names: Vec<&str> = page.request_members.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["BackupVaultTags", "CreatorRequestId"]);
        let tags = entry(&page.request_members, "BackupVaultTags");
        assert_eq!((&tags.ty, tags.type_text.as_deref(), tags.required), (&Some(map(TypeExpr::String)), Some("String to string map"), Some(false)));
        let token = entry(&page.request_members, "CreatorRequestId");
        assert_eq!(
            token.docs,
            "A unique string that identifies the request and allows failed requests to be retried without the risk of running the operation twice. This parameter is optional.\n\nIf used, this parameter must contain 1 to 50 alphanumeric or '-\\_.' characters."
        );

        assert_eq!(page.response_status, Some(200));
        assert!(!page.response_empty_body);
        assert_eq!(page.response_body, BodyFormat::Json);
        assert!(page.response_headers.is_empty());
        assert_eq!(page.response_syntax.as_ref().map(|s| s.line), Some(line_of(CREATE_BACKUP_VAULT, "HTTP/1.1 200") + 3));
        let created = entry(&page.response_members, "CreationDate");
        assert_eq!((&created.ty, created.required), (&Some(TypeExpr::Timestamp), None));

        let statuses: Vec<(&str, Option<u16>)> = page.errors.iter().map(|e| (e.name.as_str(), e.status)).collect();
        assert_eq!(statuses, [("AlreadyExistsException", Some(400)), ("ServiceUnavailableException", Some(500))]);
        let exists = &page.errors[0];
        assert_eq!(exists.docs, "The required resource already exists.");
        let members: Vec<&str> = exists.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(members, ["Arn", "Context", "CreatorRequestId", "Type"]);
        assert!(exists.members.iter().all(|m| m.docs.is_empty()));
        assert_eq!(page.errors[1].members.len(), 2);
        assert_eq!(page.target_prefix, None);
    }

    const DELETE_BACKUP_ACCESS_POINT: &str = r##"---
source_url: https://docs.aws.amazon.com/aws-backup/latest/APIReference/API_DeleteBackupAccessPoint.html
---

# DeleteBackupAccessPoint
<a name="API_DeleteBackupAccessPoint"></a>

Deletes a backup access point. This deletes the underlying Amazon S3 access point and, if no other backup access points remain for the recovery point, resumes lifecycle transitions for that recovery point.

Always delete backup access points using this operation rather than deleting the underlying Amazon S3 access point directly.

## Request Syntax
<a name="API_DeleteBackupAccessPoint_RequestSyntax"></a>

```
DELETE /backup-access-point/delete/{{AccessPointArn}} HTTP/1.1
```

## URI Request Parameters
<a name="API_DeleteBackupAccessPoint_RequestParameters"></a>

The request uses the following URI parameters.

 ** [AccessPointArn](#API_DeleteBackupAccessPoint_RequestSyntax) **   <a name="Backup-DeleteBackupAccessPoint-request-uri-AccessPointArn"></a>
The Amazon Resource Name (ARN) of the backup access point to delete.
Pattern: `(arn:aws[a-z-]*:backup:[a-z-\d]+:\d{12}:accesspoint/)[\da-z]{1}[\da-z-]{1,48}[\da-z]{1}(?<!-s3alias)(?<!-ext-s3alias)`
Required: Yes

## Request Body
<a name="API_DeleteBackupAccessPoint_RequestBody"></a>

The request does not have a request body.

## Response Syntax
<a name="API_DeleteBackupAccessPoint_ResponseSyntax"></a>

```
HTTP/1.1 204
```

## Response Elements
<a name="API_DeleteBackupAccessPoint_ResponseElements"></a>

If the action is successful, the service sends back an HTTP 204 response with an empty HTTP body.

## Errors
<a name="API_DeleteBackupAccessPoint_Errors"></a>

For information about the errors that are common to all actions, see [Common Error Types](CommonErrors.md).

 ** InvalidParameterValueException **
Indicates that something is wrong with a parameter's value. For example, the value is out of range.
 ** Context **

 ** Type **

HTTP Status Code: 400

 ** ServiceUnavailableException **
The request failed due to a temporary failure of the server.
 ** Context **

 ** Type **

HTTP Status Code: 500

## See Also
<a name="API_DeleteBackupAccessPoint_SeeAlso"></a>

For more information about using this API in one of the language-specific AWS SDKs, see the following:
+  [AWS Command Line Interface V2](https://docs.aws.amazon.com/goto/cli2/backup-2018-11-15/DeleteBackupAccessPoint)
+  [AWS SDK for C\+\+](https://docs.aws.amazon.com/goto/SdkForCpp/backup-2018-11-15/DeleteBackupAccessPoint)
"##;

    #[test]
    fn native_md_operation_delete_backup_access_point() {
        let page = operation(DELETE_BACKUP_ACCESS_POINT);
        assert_eq!((page.name.as_str(), page.line), ("DeleteBackupAccessPoint", 5));
        assert_eq!(
            page.docs,
            "Deletes a backup access point. This deletes the underlying Amazon S3 access point and, if no other backup access points remain for the recovery point, resumes lifecycle transitions for that recovery point.\n\nAlways delete backup access points using this operation rather than deleting the underlying Amazon S3 access point directly."
        );
        assert_eq!(page.uid.as_deref(), Some("backup-2018-11-15"));
        let request = page.request_line.as_ref().expect("request line");
        assert_eq!((request.line, request.method.as_str(), request.path.as_str()), (line_of(DELETE_BACKUP_ACCESS_POINT, "DELETE /"), "DELETE", "/backup-access-point/delete/{{AccessPointArn}}"));
        assert_eq!(page.request_syntax, None);
        assert_eq!(page.request_body, BodyFormat::Empty);
        assert!(page.request_members.is_empty());
        let [uri] = page.uri_params.as_slice() else { panic!("{:?}", page.uri_params) };
        assert_eq!((uri.line, uri.name.as_str(), uri.required), (line_of(DELETE_BACKUP_ACCESS_POINT, " ** [AccessPointArn]"), "AccessPointArn", Some(true)));
        assert_eq!(uri.docs, "The Amazon Resource Name (ARN) of the backup access point to delete.");
        assert_eq!(
            uri.constraints.pattern.as_deref(),
            Some(r"(arn:aws[a-z-]*:backup:[a-z-\d]+:\d{12}:accesspoint/)[\da-z]{1}[\da-z-]{1,48}[\da-z]{1}(?<!-s3alias)(?<!-ext-s3alias)")
        );
        assert_eq!((page.response_status, page.response_empty_body, page.response_body), (Some(204), true, BodyFormat::Empty));
        assert_eq!(page.response_syntax, None);
        assert!(page.response_members.is_empty());
        let errors: Vec<(u32, &str, Option<u16>, usize)> = page.errors.iter().map(|e| (e.line, e.name.as_str(), e.status, e.members.len())).collect();
        let at = |needle| line_of(DELETE_BACKUP_ACCESS_POINT, needle);
        assert_eq!(
            errors,
            [(at(" ** InvalidParameterValueException"), "InvalidParameterValueException", Some(400), 2), (at(" ** ServiceUnavailableException"), "ServiceUnavailableException", Some(500), 2)]
        );
        assert_eq!(page.errors[0].docs, "Indicates that something is wrong with a parameter's value. For example, the value is out of range.");
        assert_eq!(page.errors[0].members[1].name, "Type");
    }

    const DELETE_BACKUP: &str = r##"# DeleteBackup

Deletes an existing backup of a table.

You can call `DeleteBackup` at a maximum rate of 10 times per
second.

## Request Syntax

```nohighlight

{
   "BackupArn": "string"
}
```

## Request Parameters

The request accepts the following data in JSON format.

###### Note

In the following list, the required parameters are described first.

**[BackupArn](#API_DeleteBackup_RequestSyntax)**

The ARN associated with the backup.

Type: String

Length Constraints: Minimum length of 37. Maximum length of 1024.

Required: Yes

## Response Syntax

```nohighlight

{
   "BackupDescription": {
      "BackupDetails": {
         "BackupArn": "string"
      }
   }
}
```

## Response Elements

If the action is successful, the service sends back an HTTP 200 response.

The following data is returned in JSON format by the service.

**[BackupDescription](#API_DeleteBackup_ResponseSyntax)**

Contains the description of the backup created for the table.

Type: [BackupDescription](api-backupdescription.md) object

## Errors

For information about the errors that are common to all actions, see [Common Error Types](commonerrors.md).

**BackupInUseException**

There is another ongoing conflicting backup control plane operation on the table.
The backup is either being created, deleted or restored to a table.

HTTP Status Code: 400

**InternalServerError**

An error occurred on the server side.

**message**

The server encountered an internal error trying to fulfill the request.

HTTP Status Code: 500
"##;

    /// `## Examples` of `shared/api-reference/dynamodb/API_DeleteTable.md`.
    const DELETE_TABLE_EXAMPLE: &str = r##"# DeleteTable

Deletes a table.

## Request Syntax

```nohighlight

{
   "TableName": "string"
}
```

## Examples

### Delete a Table

This example deletes the *Reply* table.

#### Sample Request

```

POST / HTTP/1.1
Host: dynamodb.<region>.<domain>;
Accept-Encoding: identity
Content-Length: <PayloadSizeBytes>
User-Agent: <UserAgentString>
Content-Type: application/x-amz-json-1.0
Authorization: AWS4-HMAC-SHA256 Credential=<Credential>, SignedHeaders=<Headers>, Signature=<Signature>
X-Amz-Date: <Date>
X-Amz-Target: DynamoDB_20120810.DeleteTable

{
    "TableName": "Reply"
}
```
"##;

    #[test]
    fn json_operation_delete_backup() {
        let page = operation(DELETE_BACKUP);
        assert_eq!(page.request_line, None);
        assert_eq!(page.request_syntax, Some(CodeBlock { line: line_of(DELETE_BACKUP, "{"), text: "{\n   \"BackupArn\": \"string\"\n}".to_string() }));
        assert_eq!(page.request_body, BodyFormat::Json);
        let [arn] = page.request_members.as_slice() else { panic!("{:?}", page.request_members) };
        assert_eq!((arn.line, arn.name.as_str(), &arn.ty, arn.required), (line_of(DELETE_BACKUP, "**[BackupArn]"), "BackupArn", &Some(TypeExpr::String), Some(true)));
        assert_eq!((arn.constraints.min_length.as_deref(), arn.constraints.max_length.as_deref()), (Some("37"), Some("1024")));
        assert_eq!(arn.docs, "The ARN associated with the backup.");
        // A json response syntax has no status line; the sentence gives the status.
        assert_eq!(page.response_status, Some(200));
        assert!(page.response_syntax.as_ref().is_some_and(|s| s.text.starts_with("{\n   \"BackupDescription\"")));
        let description = entry(&page.response_members, "BackupDescription");
        assert_eq!(description.ty, Some(structure("BackupDescription")));
        assert_eq!(description.type_text.as_deref(), Some("[BackupDescription](api-backupdescription.md) object"));
        assert_eq!(page.errors[0].docs, "There is another ongoing conflicting backup control plane operation on the table. The backup is either being created, deleted or restored to a table.");
        let internal = &page.errors[1];
        assert_eq!((internal.name.as_str(), internal.status, internal.members.len()), ("InternalServerError", Some(500), 1));
        assert_eq!(internal.members[0].docs, "The server encountered an internal error trying to fulfill the request.");
        assert_eq!((page.target_prefix.as_ref(), page.json_version.as_ref()), (None, None));

        let table = operation(DELETE_TABLE_EXAMPLE);
        let at = |needle| line_of(DELETE_TABLE_EXAMPLE, needle);
        assert_eq!(table.target_prefix, Some(("DynamoDB_20120810".to_string(), at("X-Amz-Target:"))));
        assert_eq!(table.json_version, Some(("1.0".to_string(), at("Content-Type:"))));
        assert_eq!(table.sample_host, Some(("dynamodb".to_string(), at("Host:"))));
        // The sample request's request line is an example's, not the operation's.
        assert_eq!(table.request_line, None);
    }

    #[test]
    fn data_type_attribute_value_and_unions() {
        let page = data_type(
            r##"# AttributeValue

Represents the data for an attribute.

For more information, see [Data Types](../../../../services/dynamodb/latest/developerguide/howitworks-namingrulesdatatypes.md#HowItWorks.DataTypes) in the _Amazon DynamoDB Developer_
_Guide_.

## Contents

###### Note

In the following list, the required parameters are described first.

**B**

An attribute of type Binary. For example:

`"B": "dGhpcyB0ZXh0IGlzIGJhc2U2NC1lbmNvZGVk"`

Type: Base64-encoded binary data object

Required: No

**BS**

An attribute of type Binary Set. For example:

`"BS": ["U3Vubnk=", "UmFpbnk=", "U25vd3k="]`

Type: Array of Base64-encoded binary data objects

Required: No

**L**

An attribute of type List. For example:

`"L": [ {"S": "Cookies"} , {"S": "Coffee"}, {"N": "3.14159"}]`

Type: Array of [AttributeValue](api-attributevalue.md) objects

Required: No

**M**

An attribute of type Map. For example:

`"M": {"Name": {"S": "Joe"}, "Age": {"N": "35"}}`

Type: String to [AttributeValue](api-attributevalue.md) object map

Key Length Constraints: Maximum length of 65535.

Required: No

**NULL**

An attribute of type Null. For example:

`"NULL": true`

Type: Boolean

Required: No

## See Also

- [AWS SDK for C++](../../../../reference/goto/sdkforcpp/dynamodb-2012-08-10/attributevalue.md)
"##,
        );
        assert_eq!((page.name.as_str(), page.uid.as_deref()), ("AttributeValue", Some("dynamodb-2012-08-10")));
        assert_eq!(page.docs, "Represents the data for an attribute.\n\nFor more information, see Data Types in the *Amazon DynamoDB Developer* *Guide*.");
        // DynamoDB's page does not say UNION (botocore's shape is one): the flag is the page's.
        assert!(!page.union);
        let types: Vec<(&str, Option<TypeExpr>)> = page.members.iter().map(|e| (e.name.as_str(), e.ty.clone())).collect();
        let value = || structure("AttributeValue");
        assert_eq!(
            types,
            [
                ("B", Some(TypeExpr::Blob)),
                ("BS", Some(list(TypeExpr::Blob))),
                ("L", Some(list(value()))),
                ("M", Some(map(value()))),
                ("NULL", Some(TypeExpr::Boolean)),
            ]
        );
        let m = entry(&page.members, "M");
        assert_eq!((m.constraints.key_max_length.as_deref(), m.constraints.key_min_length.as_deref()), (Some("65535"), None));
        assert_eq!(m.docs, "An attribute of type Map. For example:\n\n`\"M\": {\"Name\": {\"S\": \"Joe\"}, \"Age\": {\"N\": \"35\"}}`");
        assert!(page.members.iter().all(|e| e.required == Some(false)));

        const POLICY_IDENTIFIER: &str = r##"---
source_url: https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyIdentifier.html
---

# PolicyIdentifier
<a name="API_PolicyIdentifier"></a>

Identifies one or more policies as a union type.

## Contents
<a name="API_PolicyIdentifier_Contents"></a>

**Important**
This data type is a UNION, so only one of the following members can be specified when used or returned.

 ** InlinePolicyIdentifier **
An inline policy identifier consisting of a policy name and the entity it is attached to. Wildcard characters (`*` and `?`) in the entity name can match multiple entities.
Type: [InlinePolicyIdentifierType](API_InlinePolicyIdentifierType.md) object
Required: No

 ** PolicyArn **
The Amazon Resource Name (ARN) of an AWS managed policy or a customer managed policy that is attached to an IAM user, group, or role.
Type: String
Length Constraints: Minimum length of 20. Maximum length of 2048.
Required: No
"##;
        let union = data_type(POLICY_IDENTIFIER);
        assert!(union.union);
        let names: Vec<(u32, &str)> = union.members.iter().map(|e| (e.line, e.name.as_str())).collect();
        assert_eq!(names, [(line_of(POLICY_IDENTIFIER, "** InlinePolicy"), "InlinePolicyIdentifier"), (line_of(POLICY_IDENTIFIER, "** PolicyArn"), "PolicyArn")]);
        assert_eq!(union.members[0].ty, Some(structure("InlinePolicyIdentifierType")));
        assert_eq!(
            union.members[0].docs,
            "An inline policy identifier consisting of a policy name and the entity it is attached to. Wildcard characters (`*` and `?`) in the entity name can match multiple entities."
        );
    }

    #[test]
    fn type_lines() {
        let table = [
            ("String", Some(TypeExpr::String)),
            ("string", Some(TypeExpr::String)),
            ("Boolean", Some(TypeExpr::Boolean)),
            ("Integer", Some(TypeExpr::Integer)),
            ("Long", Some(TypeExpr::Long)),
            ("Float", Some(TypeExpr::Float)),
            ("Double", Some(TypeExpr::Double)),
            ("Timestamp", Some(TypeExpr::Timestamp)),
            ("Base64-encoded binary data object", Some(TypeExpr::Blob)),
            ("Base64-encoded binary data", Some(TypeExpr::Blob)),
            ("JSON value", Some(TypeExpr::Document)),
            ("Exception", Some(TypeExpr::Exception)),
            ("[BackupDescription](api-backupdescription.md) object", Some(structure("BackupDescription"))),
            ("[SSEKMSEncryption](api-ssekmsencryption.md) data type", Some(structure("SSEKMSEncryption"))),
            ("[Key\\_Value](API_Key_Value.md) object", Some(structure("Key_Value"))),
            ("Array of strings", Some(list(TypeExpr::String))),
            ("Array of integers", Some(list(TypeExpr::Integer))),
            ("Array of longs", Some(list(TypeExpr::Long))),
            ("Array of doubles", Some(list(TypeExpr::Double))),
            ("Array of floats", Some(list(TypeExpr::Float))),
            ("Array of Base64-encoded binary data objects", Some(list(TypeExpr::Blob))),
            ("Array of [Tag](API_Tag.md) objects", Some(list(structure("Tag")))),
            ("Array of [Tag](api-tag.md) data types", Some(list(structure("Tag")))),
            ("Array of arrays of [Tag](api-tag.md) objects", Some(list(list(structure("Tag"))))),
            ("String to string map", Some(map(TypeExpr::String))),
            ("String to boolean map", Some(map(TypeExpr::Boolean))),
            ("String to long map", Some(map(TypeExpr::Long))),
            ("String to integer map", Some(map(TypeExpr::Integer))),
            ("String to [AttributeValue](api-attributevalue.md) object map", Some(map(structure("AttributeValue")))),
            ("String to array of strings map", Some(map(list(TypeExpr::String)))),
            ("String to array of [Tag](api-tag.md) objects map", Some(map(list(structure("Tag"))))),
            ("String to array of arrays of longs map", Some(map(list(list(TypeExpr::Long))))),
            ("String to string to [X](api-x.md) object map map", Some(map(map(structure("X"))))),
            ("Array of string to string maps", Some(list(map(TypeExpr::String)))),
            ("Array of string to [AttributeValue](api-attributevalue.md) object maps", Some(list(map(structure("AttributeValue"))))),
            (
                "String to array of string to [AttributeValue](api-attributevalue.md) object maps map",
                Some(map(list(map(structure("AttributeValue"))))),
            ),
            ("", None),
            ("Strings", None),
            ("Array of string", None),
            ("Array of [Tag](api-tag.md) object", None),
            ("String to string", None),
            ("String to string maps", None),
            ("Tag object", None),
            ("[Tag](api-tag.md)", None),
            ("[Two words](x.md) object", None),
            ("[Tag](api-tag.md object", None),
            ("String, see below", None),
            ("String map", None),
        ];
        for (text, expected) in table {
            assert_eq!(parse_type(text), expected, "{text:?}");
        }
        let deep = format!("Array of {}strings", "arrays of ".repeat(MAX_NESTING + 1));
        assert_eq!(parse_type(&deep), None);
        let fine = format!("Array of {}strings", "arrays of ".repeat(3));
        assert_eq!(parse_type(&fine), Some(list(list(list(list(TypeExpr::String))))));
    }

    #[test]
    fn bold_prose_lines_do_not_start_entries() {
        // html-md data type: `**Db2**`-like lines before the `Type:` line are prose, and so are
        // `**Constraints:**` lines; `###### Note` is a note.
        let page = data_type(
            r##"# Engine

An engine.

## Contents

**EngineName**

One of:

**Db2**

The Db2 engine.

**Constraints:**

- Must be lower case.

###### Note

Not for all Regions.

Type: String

Required: Yes

**Version**

The version.

Type: String

Required: No
"##,
        );
        let names: Vec<&str> = page.members.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["EngineName", "Version"]);
        assert_eq!(page.members[0].docs, "One of:\n\n**Db2**\n\nThe Db2 engine.\n\n**Constraints:**\n\n- Must be lower case.\n\n**Note:** Not for all Regions.");
        assert_eq!((&page.members[0].ty, page.members[0].required), (&Some(TypeExpr::String), Some(true)));

        // In a section of bold-link headings, a bare bold line is always prose.
        let page = operation(
            r##"# Op

Does it.

## Request Parameters

**[Mode](#API_Op_RequestSyntax)**

The mode.

Type: String

Required: Yes

**Note**

Modes are case sensitive.

**[Name](#API_Op_RequestSyntax)**

The name.

Type: String

Required: No
"##,
        );
        let names: Vec<&str> = page.request_members.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Mode", "Name"]);
        assert_eq!(page.request_members[0].docs, "The mode.\n\n**Note:** Modes are case sensitive.");
        assert_eq!(page.request_members[0].required, Some(true));

        // native-md: ` **Session duration**` in the description and `**Note**` (no leading
        // space) inside an entry are prose.
        let page = operation(
            r##"---
source_url: https://docs.aws.amazon.com/STS/latest/APIReference/API_Op.html
---

# Op

Returns credentials.

 **Session duration**

Credentials last one hour.

## Request Parameters

 ** DurationSeconds **
The duration, in seconds, of the role session.
**Note**
Role chaining limits the session to one hour.
Type: Integer
Valid Range: Minimum value of 900. Maximum value of 43200.
Required: No
"##,
        );
        assert_eq!(page.docs, "Returns credentials.\n\n**Session duration**\n\nCredentials last one hour.");
        let [duration] = page.request_members.as_slice() else { panic!("{:?}", page.request_members) };
        assert_eq!(duration.docs, "The duration, in seconds, of the role session.\n\n**Note:** Role chaining limits the session to one hour.");
        assert_eq!((duration.constraints.min_value.as_deref(), duration.constraints.max_value.as_deref()), (Some("900"), Some("43200")));
    }

    #[test]
    fn labelled_lines() {
        let page = data_type(
            r##"# Thing

A thing.

## Contents

**Key**

The tag key. The key can't start with
`aws:`.

Length Constraints: Minimum length of 1. Maximum
length of 128.

Pattern: `^(?![aA]{1}[wW]{1}[sS]{1}:)([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$`

Type: String

Required: Yes

**QuoteCharacter**

A single character used for escaping.

Type: String

Default: `"`

Ancestors: `CSV`

Type: String

Required: No

**RecoveryPointSelection**

Required: `Algorithm`; `RecoveryPointTypes`.

Optional: `ExcludeVaults`.

Type: [RestoreTestingRecoveryPointSelection](api-restoretestingrecoverypointselection.md) object

Required: No

**Responses**

A map of table name to a list of items.

Type: String to array of string to [AttributeValue](api-attributevalue.md) object maps map

Key Length Constraints: Minimum length of 1. Maximum length of 1024.

Key Length Constraints: Maximum length of 65535.

Array Members: Fixed number of 3 items.

Map Entries: Maximum number of 30 items.

Value Length Constraints: Minimum length of 0.

Key Pattern: `^[a-z]+$`

Value Pattern: `` a`b ``

Required: No

**Retention**

The retention.

Valid Values: `'ONE_DAY'` \| `'SEVEN_DAYS'`

Valid Range: Minimum value of -1.5. Maximum value of 30,720.

Type: String

Valid Values: `ONE_DAY | SEVEN_DAYS | FOURTEEN_DAYS`

Length Constraints: Fixed length of 12.

Required: No.

###### Note

Retention is counted in days.
"##,
        );
        let key = entry(&page.members, "Key");
        assert_eq!((key.constraints.min_length.as_deref(), key.constraints.max_length.as_deref()), (Some("1"), Some("128")));
        assert_eq!(key.constraints.pattern.as_deref(), Some(r"^(?![aA]{1}[wW]{1}[sS]{1}:)([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$"));
        assert_eq!((key.required, key.docs.as_str()), (Some(true), "The tag key. The key can't start with `aws:`."));

        let quote = entry(&page.members, "QuoteCharacter");
        assert_eq!((&quote.ty, quote.required), (&Some(TypeExpr::String), Some(false)));
        assert_eq!(quote.docs, "A single character used for escaping.\n\nType: String\n\nDefault: `\"`\n\nAncestors: `CSV`");

        let selection = entry(&page.members, "RecoveryPointSelection");
        assert_eq!(selection.required, Some(false));
        assert_eq!(selection.docs, "Required: `Algorithm`; `RecoveryPointTypes`.\n\nOptional: `ExcludeVaults`.");

        let responses = entry(&page.members, "Responses");
        let c = &responses.constraints;
        assert_eq!((c.key_min_length.as_deref(), c.key_max_length.as_deref()), (Some("1"), Some("1024")));
        assert_eq!(responses.docs, "A map of table name to a list of items.\n\nKey Length Constraints: Maximum length of 65535.");
        assert_eq!((c.min_items.as_deref(), c.max_items.as_deref()), (Some("3"), Some("3")));
        assert_eq!((c.min_entries.as_deref(), c.max_entries.as_deref()), (None, Some("30")));
        assert_eq!((c.value_min_length.as_deref(), c.value_max_length.as_deref()), (Some("0"), None));
        assert_eq!((c.key_pattern.as_deref(), c.value_pattern.as_deref()), (Some("^[a-z]+$"), Some("a`b")));

        let retention = entry(&page.members, "Retention");
        let c = &retention.constraints;
        assert_eq!(c.valid_values, ["ONE_DAY", "SEVEN_DAYS", "FOURTEEN_DAYS"]);
        assert_eq!((c.min_value.as_deref(), c.max_value.as_deref()), (Some("-1.5"), Some("30720")));
        assert_eq!((c.min_length.as_deref(), c.max_length.as_deref()), (Some("12"), Some("12")));
        assert_eq!(retention.required, Some(false));
        assert_eq!(retention.docs, "The retention.\n\nValid Values: `'ONE_DAY'` | `'SEVEN_DAYS'`\n\n**Note:** Retention is counted in days.");

        assert_eq!(valid_values(r"`'ONE_DAY'` \| `'SEVEN_DAYS'`"), ["'ONE_DAY'", "'SEVEN_DAYS'"]);
        assert_eq!(valid_values(r"ONE\_DAY \| TWO"), ["ONE_DAY", "TWO"]);
        assert_eq!(code_content("( `arn:aws[-a-z0-9]*:kms:.+`)"), "arn:aws[-a-z0-9]*:kms:.+");
        assert_eq!(code_content("no code"), "no code");
    }

    #[test]
    fn query_pages() {
        let assume_role_text = r##"---
source_url: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
---

# AssumeRole
<a name="API_AssumeRole"></a>

Returns a set of temporary security credentials.

## Request Parameters
<a name="API_AssumeRole_RequestParameters"></a>

 For information about the parameters that are common to all actions, see [Common Parameters](CommonParameters.md).

 **PolicyArns.member.N**
The Amazon Resource Names (ARNs) of the IAM managed policies that you want to use as managed session policies.
Type: Array of [PolicyDescriptorType](API_PolicyDescriptorType.md) objects
Required: No

 ** RoleArn **
The Amazon Resource Name (ARN) of the role to assume.
Type: String
Length Constraints: Minimum length of 20. Maximum length of 2048.
Pattern: `[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+`
Required: Yes

## Response Elements
<a name="API_AssumeRole_ResponseElements"></a>

The following elements are returned by the service.

 ** AssumedRoleUser **
The Amazon Resource Name (ARN) and the assumed role ID.
Type: [AssumedRoleUser](API_AssumedRoleUser.md) object

 ** PackedPolicySize **
The percentage (0-100) of the maximum allowed session token size.
Type: Integer
Valid Range: Minimum value of 0.
"##;
        let assume_role = operation(assume_role_text);
        assert_eq!((assume_role.request_line.as_ref(), assume_role.request_syntax.as_ref()), (None, None));
        assert_eq!((assume_role.request_body, assume_role.response_body, assume_role.response_status), (BodyFormat::Unstated, BodyFormat::Unstated, None));
        let arns = entry(&assume_role.request_members, "PolicyArns");
        assert_eq!((arns.line, arns.wire_suffix.as_deref()), (line_of(assume_role_text, "PolicyArns.member.N"), Some("member.N")));
        assert_eq!(arns.ty, Some(list(structure("PolicyDescriptorType"))));
        let role = entry(&assume_role.request_members, "RoleArn");
        assert_eq!((role.wire_suffix.as_ref(), role.required), (None, Some(true)));
        let names: Vec<&str> = assume_role.response_members.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["AssumedRoleUser", "PackedPolicySize"]);
        assert_eq!(assume_role.response_members[1].constraints.min_value.as_deref(), Some("0"));

        let create_topic_text = r##"---
source_url: https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html
---

# CreateTopic
<a name="API_CreateTopic"></a>

Creates a topic to which notifications can be published.

## Request Parameters
<a name="API_CreateTopic_RequestParameters"></a>

 **Attributes** Attributes.entry.N.key (key)Attributes.entry.N.value (value)
A map of attributes with their corresponding values.
+  `DeliveryPolicy` – The policy that defines how Amazon SNS retries failed deliveries to HTTP/S endpoints.
+ HTTP
  +  `HTTPSuccessFeedbackRoleArn` – Indicates successful message delivery status.
+  AWS Lambda
  +  `LambdaSuccessFeedbackRoleArn` – Indicates successful message delivery status.
**Note**
In addition to being able to configure topic attributes.
Type: String to string map
Required: No

 ** DataProtectionPolicy **
The body of the policy document you want to use for this topic.
Length Constraints: Maximum length of 30,720.
Type: String
Required: No

 **Tags.member.N**
The list of tags to add to a new topic.
Type: Array of [Tag](API_Tag.md) objects
Required: No

## Response Elements
<a name="API_CreateTopic_ResponseElements"></a>

The following element is returned by the service.

 ** TopicArn **
The Amazon Resource Name (ARN) assigned to the created topic.
Type: String
"##;
        let create_topic = operation(create_topic_text);
        let attributes = entry(&create_topic.request_members, "Attributes");
        assert_eq!(attributes.wire_suffix.as_deref(), Some("entry.N.key (key) entry.N.value (value)"));
        assert_eq!((&attributes.ty, attributes.required), (&Some(map(TypeExpr::String)), Some(false)));
        assert_eq!(
            attributes.docs,
            "A map of attributes with their corresponding values.\n\n- `DeliveryPolicy` – The policy that defines how Amazon SNS retries failed deliveries to HTTP/S endpoints.\n- HTTP\n  - `HTTPSuccessFeedbackRoleArn` – Indicates successful message delivery status.\n- AWS Lambda\n  - `LambdaSuccessFeedbackRoleArn` – Indicates successful message delivery status.\n\n**Note:** In addition to being able to configure topic attributes."
        );
        let policy = entry(&create_topic.request_members, "DataProtectionPolicy");
        assert_eq!((policy.constraints.max_length.as_deref(), &policy.ty), (Some("30720"), &Some(TypeExpr::String)));
        assert_eq!(entry(&create_topic.request_members, "Tags").wire_suffix.as_deref(), Some("member.N"));
        assert_eq!(create_topic.response_members.len(), 1);

        let untag_role_text = r##"---
source_url: https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagRole.html
---

# UntagRole
<a name="API_UntagRole"></a>

Removes the specified tags from the role.

## Request Parameters
<a name="API_UntagRole_RequestParameters"></a>

 ** RoleName **
The name of the IAM role from which you want to remove tags.
This parameter accepts (through its [regex pattern](http://wikipedia.org/wiki/regex)) a string of characters. You can also include any of the following characters: \_\+=,.@-
Type: String
Required: Yes

## Errors
<a name="API_UntagRole_Errors"></a>

For information about the errors that are common to all actions, see [Common Error Types](CommonErrors.md).

 ** ConcurrentModification **
The request was rejected because multiple requests to change this object were submitted simultaneously.
HTTP Status Code: 409

 ** NoSuchEntity **
The request was rejected because it referenced a resource entity that does not exist.
HTTP Status Code: 404

## Examples
<a name="API_UntagRole_Examples"></a>

#### Sample Request

```
POST / HTTP/1.1
Host: https://iam.amazonaws.com
Content-Type: application/x-www-form-urlencoded

Action=UntagRole&Version=2010-05-08&RoleName=taggedrole
```
"##;
        let untag_role = operation(untag_role_text);
        let role = entry(&untag_role.request_members, "RoleName");
        assert_eq!(
            role.docs,
            "The name of the IAM role from which you want to remove tags.\n\nThis parameter accepts (through its [regex pattern](http://wikipedia.org/wiki/regex)) a string of characters. You can also include any of the following characters: \\_+=,.@-"
        );
        let errors: Vec<(u32, &str, Option<u16>)> = untag_role.errors.iter().map(|e| (e.line, e.name.as_str(), e.status)).collect();
        let at = |needle| line_of(untag_role_text, needle);
        assert_eq!(errors, [(at("** ConcurrentModification"), "ConcurrentModification", Some(409)), (at("** NoSuchEntity"), "NoSuchEntity", Some(404))]);
        assert!(untag_role.errors.iter().all(|e| e.members.is_empty()));
        assert_eq!((untag_role.sample_host, untag_role.json_version), (Some(("iam".to_string(), line_of(untag_role_text, "Host:"))), None));
    }

    #[test]
    fn ec2_describe_instances() {
        let page = operation(
            r##"# DescribeInstances

Describes the specified instances or all instances.

## Request Parameters

The following parameters are for this specific action. For more information about required and optional parameters that are common to all actions, see [Common Query Parameters](commonparameters.md).

**DryRun**

Checks whether you have the required permissions for the operation, without actually making the
request, and provides an error response.

Type: Boolean

Required: No

**Filter.N**

The filters.

- `affinity` \- The affinity setting for an instance running on a
Dedicated Host ( `default` \| `host`).

- `architecture` \- The instance architecture ( `i386` \|
`x86_64` \| `arm64`).

Type: Array of [Filter](api-filter.md) objects

Required: No

**InstanceId.N**

The instance IDs.

Type: Array of strings

Required: No

## Response Elements

The following elements are returned by the service.

**requestId**

The ID of the request.

Type: String

**reservationSet**

Information about the reservations.

Type: Array of [Reservation](api-reservation.md) objects

## Errors

For information about the errors that are common to all actions, see [Common client error codes](errors-overview.md#CommonErrors).

## See Also

- [AWS SDK for C++](../../../../reference/goto/sdkforcpp/ec2-2016-11-15/describeinstances.md)
"##,
        );
        let forms: Vec<(&str, Option<&str>)> = page.request_members.iter().map(|e| (e.name.as_str(), e.wire_suffix.as_deref())).collect();
        assert_eq!(forms, [("DryRun", None), ("Filter", Some("N")), ("InstanceId", Some("N"))]);
        let filter = entry(&page.request_members, "Filter");
        assert_eq!(filter.ty, Some(list(structure("Filter"))));
        assert_eq!(
            filter.docs,
            "The filters.\n\n- `affinity` - The affinity setting for an instance running on a Dedicated Host ( `default` | `host`).\n- `architecture` - The instance architecture ( `i386` | `x86_64` | `arm64`)."
        );
        let names: Vec<&str> = page.response_members.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["requestId", "reservationSet"]);
        assert!(page.errors.is_empty());
        assert_eq!(page.uid.as_deref(), Some("ec2-2016-11-15"));

        let tag = data_type(
            r##"# Tag

Describes a tag.

## Contents

**Key** (request), **key** (response)

The key of the tag.

Type: String

Required: No

**GroupSet.N**

Not supported.

Type: Array of [GroupIdentifier](api-groupidentifier.md) objects

Required: No
"##,
        );
        assert_eq!((tag.members[0].name.as_str(), tag.members[0].response_name.as_deref()), ("Key", Some("key")));
        assert_eq!((tag.members[1].name.as_str(), tag.members[1].wire_suffix.as_deref()), ("GroupSet", Some("N")));
    }

    const PUT_BUCKET_TAGGING: &str = r##"# PutBucketTagging

###### Note

This operation is not supported for directory buckets.

Sets the tags for a general purpose bucket. Use [TagResource](api-control-tagresource.md) instead when you [enable ABAC](../userguide/buckets-tagging-enable-abac.md).

## Request Syntax

```nohighlight

PUT /?tagging HTTP/1.1
Host: Bucket.s3.amazonaws.com
Content-MD5: ContentMD5
x-amz-sdk-checksum-algorithm: ChecksumAlgorithm
x-amz-expected-bucket-owner: ExpectedBucketOwner
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

The request uses the following URI parameters.

**[Bucket](#API_PutBucketTagging_RequestSyntax)**

The bucket name.

Required: Yes

**[Content-MD5](#API_PutBucketTagging_RequestSyntax)**

The Base64 encoded 128-bit `MD5` digest of the data.

**[x-amz-sdk-checksum-algorithm](#API_PutBucketTagging_RequestSyntax)**

Indicates the algorithm used to create the checksum for the request when you use the SDK.

Valid Values: `CRC32 | CRC32C | SHA1 | SHA256 | CRC64NVME`

## Request Body

The request accepts the following data in XML format.

**[Tagging](#API_PutBucketTagging_RequestSyntax)**

Root level tag for the Tagging parameters.

Required: Yes

**[TagSet](#API_PutBucketTagging_RequestSyntax)**

A collection for a set of tags

Type: Array of [Tag](api-tag.md) data types

Required: Yes

## Response Syntax

```

HTTP/1.1 200

```

## Response Elements

If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.

## Examples

### Sample Request: Add tag set to a bucket

```

PUT ?tagging HTTP/1.1
Host: examplebucket.s3.<Region>.amazonaws.com

```
"##;

    #[test]
    fn s3_put_bucket_tagging() {
        let page = operation(PUT_BUCKET_TAGGING);
        assert_eq!(
            page.docs,
            "**Note:** This operation is not supported for directory buckets.\n\nSets the tags for a general purpose bucket. Use `TagResource` instead when you enable ABAC."
        );
        let request = page.request_line.as_ref().expect("request line");
        assert_eq!((request.method.as_str(), request.path.as_str()), ("PUT", "/"));
        assert_eq!(request.query, [QueryPart { key: "tagging".to_string(), value: None, braced: false }]);
        assert_eq!(page.host_label.as_deref(), Some("Bucket"));
        let headers: Vec<(u32, &str, &str)> = page.request_headers.iter().map(|h| (h.line, h.wire_name.as_str(), h.member.as_str())).collect();
        assert_eq!(
            headers,
            [
                (line_of(PUT_BUCKET_TAGGING, "Content-MD5: "), "Content-MD5", "ContentMD5"),
                (line_of(PUT_BUCKET_TAGGING, "x-amz-sdk-checksum-algorithm: "), "x-amz-sdk-checksum-algorithm", "ChecksumAlgorithm"),
                (line_of(PUT_BUCKET_TAGGING, "x-amz-expected-bucket-owner: "), "x-amz-expected-bucket-owner", "ExpectedBucketOwner")
            ]
        );
        assert_eq!(page.request_content_type, None);
        let syntax = page.request_syntax.as_ref().expect("XML body");
        assert_eq!(syntax.line, line_of(PUT_BUCKET_TAGGING, "<?xml"));
        assert!(syntax.text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tagging xmlns=") && syntax.text.ends_with("</Tagging>"));
        assert_eq!(page.request_body, BodyFormat::Xml);
        assert_eq!(page.request_root.as_deref(), Some("Tagging"));
        let names: Vec<&str> = page.request_members.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["TagSet"]);
        assert_eq!(page.request_members[0].ty, Some(list(structure("Tag"))));
        let uri: Vec<(&str, Option<bool>)> = page.uri_params.iter().map(|e| (e.name.as_str(), e.required)).collect();
        assert_eq!(uri, [("Bucket", Some(true)), ("Content-MD5", None), ("x-amz-sdk-checksum-algorithm", None)]);
        assert_eq!(page.uri_params[2].constraints.valid_values, ["CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"]);
        assert_eq!((page.response_status, page.response_empty_body, page.response_syntax.as_ref()), (Some(200), true, None));
        assert_eq!(page.sample_host, Some(("s3".to_string(), line_of(PUT_BUCKET_TAGGING, "Host: examplebucket"))));
        // The XML body as an element tree: root, namespace, a wrapped list.
        let root = page.request_xml.as_ref().expect("XML body tree");
        assert_eq!((root.name.as_str(), root.line), ("Tagging", line_of(PUT_BUCKET_TAGGING, "<Tagging xmlns")));
        assert_eq!(root.namespace(), Some("http://s3.amazonaws.com/doc/2006-03-01/"));
        let tag = root.child("TagSet").and_then(|t| t.child("Tag")).expect("TagSet/Tag");
        let leaves: Vec<(&str, Option<&str>)> = tag.children.iter().map(|c| (c.name.as_str(), c.text.as_deref())).collect();
        assert_eq!(leaves, [("Key", Some("string")), ("Value", Some("string"))]);
        assert_eq!(page.response_xml, None);
        assert!(page.sample_responses.is_empty() && page.error_documents.is_empty());
    }

    const LIST_ACCOUNT_ALIASES: &str = r##"---
source_url: https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccountAliases.html
---

# ListAccountAliases
<a name="API_ListAccountAliases"></a>

Lists the account alias.

## Response Elements

 **AccountAliases.member.N**
A list of aliases associated with the account.
Type: Array of strings

## Errors

 ** ServiceFailure **
The request processing has failed.
HTTP Status Code: 500

```
<Error>
  <Code>ServiceFailure</Code>
  <Message>Failed</Message>
  <Detail>more</Detail>
</Error>
```

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
"##;

    /// Sample requests written as URLs, sample responses' documents, error documents shown in
    /// prose, and the endpoint a host names.
    #[test]
    fn examples_samples_and_error_documents() {
        let text = LIST_ACCOUNT_ALIASES;
        let page = operation(text);
        let [request] = page.sample_requests.as_slice() else { panic!("{:?}", page.sample_requests) };
        assert_eq!((request.line, request.host.as_str()), (line_of(text, "https://iam"), "iam.amazonaws.com"));
        assert_eq!((request.param("Action"), request.param("Version"), request.param("AUTHPARAMS")), (Some("ListAccountAliases"), Some("2010-05-08"), None));
        assert_eq!(page.sample_host, Some(("iam".to_string(), line_of(text, "https://iam"))));
        let [response] = page.sample_responses.as_slice() else { panic!("{:?}", page.sample_responses) };
        assert_eq!((response.name.as_str(), response.namespace()), ("ListAccountAliasesResponse", Some("https://iam.amazonaws.com/doc/2010-05-08/")));
        assert_eq!(response.children[0].name, "ListAccountAliasesResult");
        let [error] = page.error_documents.as_slice() else { panic!("{:?}", page.error_documents) };
        assert_eq!(error.child("Detail").and_then(|d| d.text.as_deref()), Some("more"));
        assert_eq!(page.errors.len(), 1, "the error document is not an entry");

        for (host, label) in [
            ("dynamodb.<region>.<domain>;", Some("dynamodb")),
            ("examplebucket.s3.<Region>.amazonaws.com", Some("s3")),
            ("bucket.s3.us-west-2.amazonaws.com", Some("s3")),
            ("https://sns.us-east-2.amazonaws.com/?Action=Publish", Some("sns")),
            ("https://ec2.amazonaws.com/?Action=DescribeInstances", Some("ec2")),
            ("<host>", None),
        ] {
            assert_eq!(endpoint_label(host).as_deref(), label, "{host}");
        }
    }

    #[test]
    fn request_lines() {
        let line = parse_request_line("GET /backup-jobs/?accountId=ByAccountId&state={{State}}&tagging&Name={Name} HTTP/1.1").expect("request line");
        assert_eq!((line.method.as_str(), line.path.as_str()), ("GET", "/backup-jobs/"));
        let part = |key: &str, value: Option<&str>, braced| QueryPart { key: key.to_string(), value: value.map(str::to_string), braced };
        assert_eq!(
            line.query,
            [part("accountId", Some("ByAccountId"), false), part("state", Some("State"), true), part("tagging", None, false), part("Name", Some("Name"), true)]
        );
        assert_eq!(parse_request_line("PUT /{Bucket}/{Key+} HTTP/1.1").map(|l| l.path), Some("/{Bucket}/{Key+}".to_string()));
        for bad in ["PUT /x", "PUT x HTTP/1.1", "FETCH /x HTTP/1.1", "PUT /x HTTP/1.1 extra", "PUT /x HTTP/2"] {
            assert_eq!(parse_request_line(bad), None, "{bad}");
        }
        assert_eq!(host_label("{{Bucket}}.s3.amazonaws.com").as_deref(), Some("Bucket"));
        assert_eq!(host_label("s3.amazonaws.com"), None);
        assert_eq!(strip_braces("{{Member}}"), ("Member", true));
        assert_eq!(header_line("x-amz-acl: ACL"), Some(("x-amz-acl", "ACL")));
        assert_eq!(header_line("   \"Key\": \"string\""), None);
    }

    #[test]
    fn headings() {
        let heading = |line: &str, native| parse_heading(line, native).map(|h| (h.name, h.wire_suffix, h.response_name, h.linked));
        let s = |t: &str| Some(t.to_string());
        assert_eq!(heading("**[restapi\\_id](#API_Op_RequestSyntax)**", false), Some(("restapi_id".into(), None, None, true)));
        assert_eq!(heading(" ** [Arn](#API_Op_RequestSyntax) **   <a name=\"Svc-Op-request-Arn\"></a>", true), Some(("Arn".into(), None, None, true)));
        assert_eq!(heading(" ** Name **   <a name=\"Svc-Type-T-Name\"></a>", true), Some(("Name".into(), None, None, false)));
        assert_eq!(heading(" **Names.member.N**", true), Some(("Names".into(), s("member.N"), None, false)));
        assert_eq!(heading("**Things.Thing.N**", false), Some(("Things".into(), s("Thing.N"), None, false)));
        assert_eq!(heading(" ** Attrs **  Attrs.entry.N.key (key)  Attrs.entry.N.value (value)", true), Some(("Attrs".into(), s("entry.N.key (key) entry.N.value (value)"), None, false)));
        assert_eq!(heading("**Key** (request), **key** (response)", false), Some(("Key".into(), None, s("key"), false)));
        for prose in [
            "**Directory buckets** \\- For directory buckets, only prefixes are supported.",
            "**Constraints:**",
            "**Terminating an instance is permanent.**",
            "**`s3express:CreateSession`** permission",
            "**Attributes** Some words (key)",
            "** **",
            "**",
        ] {
            assert_eq!(heading(prose, false), None, "{prose}");
        }
        // Syntactically a heading; whether it starts an entry depends on where it is.
        assert_eq!(heading("**Note**", false), Some(("Note".into(), None, None, false)));
        assert_eq!(heading("**Note**", true), None);
        assert_eq!(heading(" **Note**", false), None);
        assert_eq!(heading(" **Note:** This operation is not supported.", true), None);
    }

    #[test]
    fn prose_markdown() {
        let md = |text: &str| markdown(text);
        assert_eq!(md("A `code` and _emphasis_ and **strong**\nwrapped   line."), "A `code` and *emphasis* and **strong** wrapped line.");
        assert_eq!(md("Escapes: \\_ \\- \\+\\+ C\\+\\+ a\\*b [x] <region> & &amp; 1 < 2"), "Escapes: \\_ - ++ C++ a\\*b \\[x\\] &lt;region&gt; & & 1 &lt; 2");
        assert_eq!(md("See [Tag](API_Tag.md), [BackupDescription](api-backupdescription.md#x), [Common Errors](commonerrors.md), [guide](../userguide/x.md)."), "See `Tag`, `BackupDescription`, Common Errors, guide.");
        assert_eq!(md("See [the guide](https://docs.aws.amazon.com/a_(b).html) and https://example.com/x."), "See [the guide](https://docs.aws.amazon.com/a_\\(b\\).html) and <https://example.com/x>.");
        assert_eq!(md("Anchor <a name=\"x\"></a>here.\n\n<a name=\"y\"></a>"), "Anchor here.");
        assert_eq!(md("###### Important\n\nDo it.\n\n### Other heading\n\nText."), "**Important:** Do it.\n\n**Other heading**\n\nText.");
        assert_eq!(md("- one\n\n- two\n  - nested\n\n1. first\n2. second"), "- one\n- two\n  - nested\n\n1. first\n2. second");
        assert_eq!(md("```nohighlight\n\n{\n   \"a\": 1\n}\n\n```\n\n    indented"), "```text\n{\n   \"a\": 1\n}\n```\n\n```text\nindented\n```");
        assert_eq!(md("- item\n\n  ```\n  code\n  ```"), "- item\n\n  ```text\n  code\n  ```");
        assert_eq!(md("\\# not a heading\n\n1\\. not a list\n\n\\- nor this"), "\\# not a heading\n\n1\\. not a list\n\n\\- nor this");
        assert_eq!(md("word_with_underscores and _x"), "word_with_underscores and \\_x");
        assert_eq!(md("``a`b``"), "``a`b``");
        let deep = format!("{}x", "- ".repeat(100));
        let flattened = md(&deep);
        assert_eq!(flattened, format!("{}x", "- ".repeat(MAX_NESTING)));
    }

    /// (line, message) of each error the parser reports.
    #[test]
    fn errors_name_the_line_and_what_was_expected() {
        // Cut inside the request syntax block.
        let cut = CREATE_BACKUP_VAULT.find("   \"CreatorRequestId\"").expect("cut point");
        let truncated = &CREATE_BACKUP_VAULT[..cut];
        let end_of_file = number(truncated.split('\n').count() - 1);
        let opened = line_of(CREATE_BACKUP_VAULT, "```nohighlight");
        assert_eq!(
            failure(truncated),
            (end_of_file, format!("expected the closing ``` of the code block opened on line {opened}, found the end of the file"))
        );
        assert_eq!(end_of_file, line_of(CREATE_BACKUP_VAULT, "\"CreatorRequestId\": \"string\""));
        assert_eq!(failure(""), (1, "expected the page title `# Title`, found the end of the file".to_string()));
        assert_eq!(failure("\n\n  \n"), (4, "expected the page title `# Title`, found the end of the file".to_string()));
        assert_eq!(
            failure("It was a bright cold day in April,\nand the clocks were striking thirteen.\n\n# Not first\n"),
            (1, "expected the page title `# Title`, found `It was a bright cold day in April,`".to_string())
        );
        assert_eq!(failure("#\n\n## Errors\n"), (1, "expected a page title after `#`, found nothing".to_string()));
        let malformed = CREATE_BACKUP_VAULT.replace("PUT /backup-vaults/backupVaultName HTTP/1.1", "PUT backup-vaults HTTP/1.1");
        assert_eq!(failure(&malformed), (line_of(&malformed, "PUT backup-vaults"), "expected a request line `METHOD /path HTTP/1.1`, found `PUT backup-vaults HTTP/1.1`".to_string()));
        let no_version = CREATE_BACKUP_VAULT.replace("PUT /backup-vaults/backupVaultName HTTP/1.1", "PUT /backup-vaults/backupVaultName");
        assert_eq!(failure(&no_version).0, line_of(&no_version, "PUT /backup-vaults"));
        let status = CREATE_BACKUP_VAULT.replace("HTTP/1.1 200\n", "HTTP/1.1 OK\n");
        assert_eq!(failure(&status), (line_of(&status, "HTTP/1.1 OK"), "expected a status line `HTTP/1.1 NNN`, found `HTTP/1.1 OK`".to_string()));
        let ty = CREATE_BACKUP_VAULT.replace("Type: String to string map", "Type: String to string");
        assert_eq!(
            failure(&ty),
            (line_of(&ty, "Type: String to string"), "expected a type (`String`, `Array of strings`, `[Name](…) object`, `String to … map`, …), found `String to string`".to_string())
        );
        let required = CREATE_BACKUP_VAULT.replace("Required: No\n\n**[CreatorRequestId]", "Required: Maybe\n\n**[CreatorRequestId]");
        assert_eq!(failure(&required), (line_of(&required, "Required: Maybe"), "expected `Required: Yes` or `Required: No`, found `Maybe`".to_string()));
        let code = CREATE_BACKUP_VAULT.replace("HTTP Status Code: 500", "HTTP Status Code: five hundred");
        assert_eq!(failure(&code), (line_of(&code, "five hundred"), "expected a number after `HTTP Status Code:`, found `five hundred`".to_string()));
        let unclosed = CREATE_BACKUP_VAULT.replace("HTTP Status Code: 500", "");
        assert_eq!(failure(&unclosed), (line_of(&unclosed, "## See Also"), "expected `HTTP Status Code: NNN` to close error `ServiceUnavailableException`, found `## See Also`".to_string()));
        let stray = CREATE_BACKUP_VAULT.replace("HTTP Status Code: 500", "HTTP Status Code: 500\n\nHTTP Status Code: 400");
        assert_eq!(failure(&stray), (line_of(&stray, "HTTP Status Code: 500") + 2, "expected an error name (`**Name**`) before `HTTP Status Code: 400`".to_string()));
        // A data-type page that ends at an entry heading.
        let empty_entry = "# Thing\n\nA thing.\n\n## Contents\n\n**Name**\n\nThe name.\n\nType: String\n\nRequired: No\n\n**Size**\n";
        assert_eq!(failure(empty_entry), (15, "expected the description or `Type:` line of entry `Size`, found the end of the file".to_string()));
        let before_next = "# Thing\n\nA thing.\n\n## Contents\n\n**Size**\n\n## See Also\n";
        assert_eq!(failure(before_next), (7, "expected the description or `Type:` line of entry `Size`, found `## See Also`".to_string()));
    }

    #[test]
    fn other_pages() {
        let page = parse("# Common Error Types\n\nThis section lists common errors.\n\n**AccessDeniedException**\n\nYou do not have access.\n\nHTTP Status Code: 400\n");
        assert_eq!(page, RefPage::Other { file: PathBuf::from("svc/API_Page.md"), title: "Common Error Types".to_string() });
        // An S3 payload member is just its heading; a bold-link entry may be empty.
        let page = operation("# PutObject\n\nAdds an object.\n\n## Request Body\n\nThe request accepts the following binary data.\n\n**[Body](#API_PutObject_RequestSyntax)**\n\n## Response Syntax\n");
        assert_eq!(page.request_body, BodyFormat::Binary);
        assert_eq!(page.request_members.iter().map(|e| (e.name.as_str(), e.docs.as_str(), e.ty.clone())).collect::<Vec<_>>(), [("Body", "", None)]);
    }

    /// Every prefix and many one-byte mutations of a few pages parse or fail without a panic.
    #[test]
    fn mangled_pages_never_panic() {
        for page in [CREATE_BACKUP_VAULT, DELETE_BACKUP_ACCESS_POINT, PUT_BUCKET_TAGGING, DELETE_TABLE_EXAMPLE, LIST_ACCOUNT_ALIASES] {
            for cut in (0..=page.len()).filter(|&k| page.is_char_boundary(k)) {
                let _ = parse_page(Path::new("x.md"), &page[..cut]);
            }
            let bytes = page.as_bytes();
            for (k, replacement) in (0..bytes.len()).step_by(7).zip([b'`', b'*', b'#', b'\n', b' ', b'[', b'<', b'-'].iter().cycle()) {
                let mut mutated = bytes.to_vec();
                mutated[k] = *replacement;
                let _ = parse_page(Path::new("x.md"), &String::from_utf8_lossy(&mutated));
            }
        }
    }

    fn shared_pages() -> Option<Vec<(PathBuf, String)>> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/api-reference");
        let Ok(services) = std::fs::read_dir(&root) else {
            println!("note: {} is absent; the shared-corpus test is skipped", root.display());
            return None;
        };
        let mut files: Vec<PathBuf> = services
            .flatten()
            .flat_map(|service| std::fs::read_dir(service.path()).into_iter().flatten().flatten())
            .map(|page| page.path())
            .filter(|path| path.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        Some(files.into_iter().map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, text)
        }).collect())
    }

    /// All 2,683 shared pages parse, into rustdoc-clean Markdown; counts as
    /// `shared/docs/apiref-format.md` gives them.
    #[test]
    fn every_shared_page_parses() {
        let Some(pages) = shared_pages() else { return };
        assert_eq!(pages.len(), 2683);
        let mut count = std::collections::BTreeMap::<String, usize>::new();
        let mut add = |key: String, n: usize| *count.entry(key).or_default() += n;
        let mut type_lines = 0;
        for (path, text) in &pages {
            let page = parse_page(path, text).unwrap_or_else(|d| panic!("{d}"));
            let mut docs: Vec<&str> = Vec::new();
            match &page {
                RefPage::Operation(op) => {
                    docs.push(&op.docs);
                    docs.extend(op.uri_params.iter().chain(&op.request_members).chain(&op.response_members).map(|e| e.docs.as_str()));
                    for error in &op.errors {
                        docs.push(&error.docs);
                        docs.extend(error.members.iter().map(|m| m.docs.as_str()));
                    }
                }
                RefPage::DataType(dt) => {
                    docs.push(&dt.docs);
                    docs.extend(dt.members.iter().map(|e| e.docs.as_str()));
                }
                RefPage::Other { .. } => {}
            }
            for text in docs {
                let problems = crate::parse::markup::lint(text);
                assert!(problems.is_empty(), "{}: {problems:?} in {text:?}", path.display());
                add("docs".into(), 1);
            }
            let service = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or("").to_string();
            let group = if matches!(service.as_str(), "sts" | "sns" | "iam") { "query" } else { service.as_str() };
            if !path.ends_with("CommonParameters.md") {
                type_lines += text.lines().filter(|l| l.starts_with("Type: ")).count();
            }
            let forms = |entries: &[Entry]| {
                let lists = entries.iter().filter(|e| e.wire_suffix.as_deref().is_some_and(|s| !s.starts_with("entry."))).count();
                let maps = entries.iter().filter(|e| e.wire_suffix.as_deref().is_some_and(|s| s.starts_with("entry."))).count();
                (entries.len(), lists, maps)
            };
            match &page {
                RefPage::Operation(op) => {
                    add(format!("{service} operation"), 1);
                    add("operation".into(), 1);
                    assert!(op.uid.is_some(), "{}: no uid", path.display());
                    add("request line".into(), usize::from(op.request_line.is_some()));
                    add("host label".into(), usize::from(op.host_label.is_some()));
                    add("request root".into(), usize::from(op.request_root.is_some()));
                    add("response root".into(), usize::from(op.response_root.is_some()));
                    add("headers".into(), op.request_headers.len() + op.response_headers.len());
                    add("target prefix".into(), usize::from(op.target_prefix.is_some()));
                    add("request xml".into(), usize::from(op.request_xml.is_some()));
                    add("response xml".into(), usize::from(op.response_xml.is_some()));
                    add("request xml namespace".into(), usize::from(op.request_xml.as_ref().is_some_and(|r| r.namespace().is_some())));
                    add("repeated elements".into(), op.request_xml.iter().chain(&op.response_xml).map(repeated).sum());
                    let root = format!("{}Response", op.name);
                    add(format!("{group} sample response roots"), op.sample_responses.iter().filter(|r| r.name == root).count().min(1));
                    let wrapped = op.sample_responses.iter().any(|r| r.name == root && r.child(&format!("{}Result", op.name)).is_some());
                    add(format!("{group} result wrappers shown"), usize::from(wrapped));
                    add(format!("{group} sample request actions"), usize::from(op.sample_requests.iter().any(|r| r.param("Action") == Some(op.name.as_str()))));
                    add("error documents".into(), op.error_documents.len());
                    for error in &op.errors {
                        assert!(error.status.is_some(), "{}:{}: error without status", path.display(), error.line);
                        add("error entries".into(), 1);
                    }
                    let (n, lists, maps) = forms(&op.request_members);
                    add(format!("{group} request"), n);
                    add(format!("{group} request lists"), lists);
                    add(format!("{group} request maps"), maps);
                    let (n, lists, maps) = forms(&op.response_members);
                    add(format!("{group} response"), n);
                    add(format!("{group} response lists"), lists);
                    add(format!("{group} response maps"), maps);
                    for e in op.uri_params.iter().chain(&op.request_members).chain(&op.response_members) {
                        add("typed entries".into(), usize::from(e.ty.is_some()));
                    }
                }
                RefPage::DataType(dt) => {
                    add(format!("{service} data type"), 1);
                    add("data type".into(), 1);
                    add("union".into(), usize::from(dt.union));
                    let (n, lists, maps) = forms(&dt.members);
                    add(format!("{group} member"), n);
                    add(format!("{group} member lists"), lists);
                    add(format!("{group} member maps"), maps);
                    add("pair headings".into(), dt.members.iter().filter(|e| e.response_name.is_some()).count());
                    for e in &dt.members {
                        assert!(e.ty.is_some() && e.required.is_some(), "{}:{}: member without Type or Required", path.display(), e.line);
                        add("typed entries".into(), 1);
                    }
                }
                RefPage::Other { .. } => add("other".into(), 1),
            }
        }
        let expected = [
            // §2: page kinds (shared 1,354 / 1,291 / 38; the seed services 203 / 191 / 15).
            ("data type", 1354),
            ("operation", 1291),
            ("other", 38),
            ("backup operation", 115),
            ("dynamodb operation", 58),
            ("cloudhsmv2 operation", 18),
            ("backup data type", 71),
            ("dynamodb data type", 125),
            ("cloudhsmv2 data type", 7),
            ("ec2 operation", 756),
            ("s3 operation", 111),
            // §4: a request line on every rest page (Backup, S3), never elsewhere.
            ("request line", 115 + 111),
            // §6.4: query parameters 559 (60 lists, 10 maps), elements 320 (73, 8), members
            // 370 (38, 5); ec2 parameters 3,513 (667 lists); 206 `(request), (response)` pairs.
            ("query request", 559),
            ("query request lists", 60),
            ("query request maps", 10),
            ("query response", 320),
            ("query response lists", 73),
            ("query response maps", 8),
            ("query member", 370),
            ("query member lists", 38),
            ("query member maps", 5),
            ("ec2 request", 3513),
            ("ec2 request lists", 667),
            ("pair headings", 206),
            // §6.4: the S3 bucket label (108) and rest-xml roots (36 request, 29 + 17 + 3 response).
            ("host label", 108),
            ("request root", 36),
            ("response root", 49),
            ("union", 2),
            // The syntax blocks' header lines (counted in the pages: 447 request, 178 response).
            ("headers", 447 + 178),
            // 1,683 `HTTP Status Code: N` lines, 11 of them in S3 prose lists.
            ("error entries", 1672),
            ("target prefix", 18),
            // §4, §6.4: rest-xml bodies as element trees (S3: 36 request roots, all with the
            // namespace; 49 response roots), 88 elements marked repeated by `...`.
            ("request xml", 36),
            ("request xml namespace", 36),
            ("response xml", 49),
            ("repeated elements", 88),
            // §6.4: sample responses with an `<OpResponse>` root (query 204 operations, ec2
            // 292), the query result wrapper `<OpResult>` inside (113), sample requests naming
            // the operation in `Action=` (query 188, ec2 310); S3's error documents in prose.
            ("query sample response roots", 204),
            ("ec2 sample response roots", 292),
            ("query result wrappers shown", 113),
            ("query sample request actions", 188),
            ("ec2 sample request actions", 310),
            ("error documents", 2),
            ("docs", 20799),
        ];
        for (key, n) in expected {
            assert_eq!(count.get(key).copied().unwrap_or(0), n, "{key}");
        }
        // Every `Type:` line is an entry's, but one prose copy (S3 `CSVInput` `QuoteCharacter`).
        assert_eq!(count.get("typed entries").copied(), Some(type_lines - 1));
    }

    /// Elements marked repeated (`...`) in a tree.
    fn repeated(element: &XmlElement) -> usize {
        usize::from(element.repeated) + element.children.iter().map(repeated).sum::<usize>()
    }

    /// `cargo test --release -p awsdoc-codegen --lib parse::apiref::tests::timing -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn timing() {
        let Some(pages) = shared_pages() else { return };
        let bytes: usize = pages.iter().map(|(_, text)| text.len()).sum();
        let start = std::time::Instant::now();
        let parsed = pages.iter().filter(|(path, text)| parse_page(path, text).is_ok()).count();
        let elapsed = start.elapsed();
        println!("{parsed} of {} pages ({:.1} MB) in {:.3} s", pages.len(), bytes as f64 / 1e6, elapsed.as_secs_f64());
    }
}
