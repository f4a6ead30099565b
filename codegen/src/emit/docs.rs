//! Doc comments from the model's Markdown.
//!
//! The prose is AWS's, converted to Markdown by the parsers; rustdoc reads some of it
//! differently from a Markdown renderer, and `-D warnings` turns that into errors. What is
//! rewritten, and why:
//!
//! * `[`/`]` outside links and code: rustdoc would try `[REQUIRED]` as an intra-doc link.
//! * HTML (`<region>`, a stray `<p>`): rustdoc checks tags and would report them unclosed.
//! * Bare `http(s)://` URLs: rustdoc asks for them to be `<…>` autolinks.
//! * Code blocks without a language (fenced or indented): rustdoc would compile them as
//!   Rust doctests. They become `text` blocks.
//!
//! Everything else is kept as written. Rewrites are made on the source text at the
//! positions pulldown-cmark reports, so untouched Markdown stays byte-identical.
//!
//! The text itself does not travel in the tokens: `syn` would parse every line as a string
//! literal and `prettyplease` print it back, a fifth of the emit time. [`outer`] and
//! [`inner`] put the lines aside (per thread) and return one placeholder attribute,
//! `#[doc = "\u{1}7"]`, which prettyplease prints as `///\u{1}7`; [`fill`] replaces that
//! line with the doc lines, at its indentation, exactly as prettyplease would have printed
//! them (`///` and the line, one attribute per line).

use std::cell::RefCell;
use std::ops::Range;

use proc_macro2::TokenStream;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use quote::quote;

/// Marks a placeholder doc attribute; never in real docs (control characters are not
/// Markdown, and [`lines`] would keep one only inside a line, not first).
const PLACEHOLDER: char = '\u{1}';

thread_local! {
    /// The doc blocks set aside by this thread, by placeholder number.
    static ASIDE: RefCell<Vec<Option<Vec<String>>>> = const { RefCell::new(Vec::new()) };
}

/// Outer doc attributes (`///`) for an item, from rustdoc-ready Markdown: the emitter's own
/// text, with model prose passed through [`prose`] first.
pub fn outer(markdown: &str) -> TokenStream {
    match placeholder(markdown) {
        Some(key) => quote! { #[doc = #key] },
        None => TokenStream::new(),
    }
}

/// Inner doc attributes (`//!`) for a module or crate; see [`outer`].
pub fn inner(markdown: &str) -> TokenStream {
    match placeholder(markdown) {
        Some(key) => quote! { #![doc = #key] },
        None => TokenStream::new(),
    }
}

fn placeholder(markdown: &str) -> Option<String> {
    let lines = lines(markdown);
    if lines.is_empty() {
        return None;
    }
    let index = ASIDE.with(|aside| {
        let mut aside = aside.borrow_mut();
        aside.push(Some(lines));
        aside.len() - 1
    });
    Some(format!("{PLACEHOLDER}{index}"))
}

/// Forgets this thread's doc blocks: call when the files of a batch have been printed.
pub fn clear() {
    ASIDE.with(|aside| aside.borrow_mut().clear());
}

/// Puts the doc lines back into printed code: each `///\u{1}N` (or `//!`) line becomes the
/// lines of block N, each `///` followed by the line, at the placeholder's indentation.
pub fn fill(printed: String) -> String {
    if !printed.contains(PLACEHOLDER) {
        return printed;
    }
    ASIDE.with(|aside| {
        let mut aside = aside.borrow_mut();
        let mut out = String::with_capacity(printed.len() + printed.len() / 2);
        for line in printed.split_inclusive('\n') {
            let code = line.trim_start_matches(' ');
            let indent = &line[..line.len() - code.len()];
            let block = ["///", "//!"].into_iter().find_map(|style| {
                let rest = code.strip_prefix(style)?.strip_prefix(PLACEHOLDER)?;
                let index: usize = rest.trim_end().parse().ok()?;
                Some((style, aside.get_mut(index)?.take()?))
            });
            match block {
                Some((style, lines)) => {
                    for doc in lines {
                        out.push_str(indent);
                        out.push_str(style);
                        out.push_str(&doc);
                        out.push('\n');
                    }
                }
                None => out.push_str(line),
            }
        }
        out
    })
}

/// Model prose made rustdoc-clean (see the module docs).
pub fn prose(markdown: &str) -> String {
    sanitize(markdown)
}

/// A member's doc comment: its prose, then where it travels when not in the body and the
/// limits the API Reference states (`Length: 1 to 1024. Pattern: …`).
pub fn member(member: &crate::model::Member, kind: Option<&crate::model::ShapeKind>) -> String {
    use crate::model::{Location, ShapeKind};
    let travels = match (member.location, member.location_name.as_deref()) {
        (Some(Location::Path), Some(label)) => format!("Sent in the URI as {}.", code(&format!("{{{label}}}"))),
        (Some(Location::Query), Some(key)) => format!("Sent as the query parameter {}.", code(key)),
        (Some(Location::Query), None) => "Each entry is sent as a query parameter.".to_string(),
        (Some(Location::Header), Some(name)) if matches!(kind, Some(ShapeKind::Map { .. })) => {
            format!("Each entry travels as a header {}.", code(&format!("{name}<key>")))
        }
        (Some(Location::Header), Some(name)) => format!("Travels as the header {}.", code(name)),
        (Some(Location::StatusCode), _) => "The response's HTTP status code.".to_string(),
        (Some(Location::Payload), _) => "The whole HTTP body.".to_string(),
        _ => String::new(),
    };
    let c = &member.constraints;
    let what = match kind {
        Some(ShapeKind::List { .. }) => "Items",
        Some(ShapeKind::Map { .. }) => "Entries",
        Some(ShapeKind::Integer | ShapeKind::Long | ShapeKind::Float | ShapeKind::Double) => "Range",
        _ => "Length",
    };
    let bounds = match (&c.min, &c.max) {
        (Some(min), Some(max)) => format!("{what}: {min} to {max}."),
        (Some(min), None) => format!("{what}: at least {min}."),
        (None, Some(max)) => format!("{what}: at most {max}."),
        (None, None) => String::new(),
    };
    let pattern = c.pattern.as_deref().map(|p| format!("Pattern: {}.", code(p))).unwrap_or_default();
    let limits = [bounds, pattern].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(" ");
    paragraphs([prose(&member.docs), travels, limits])
}

/// Joins paragraphs, skipping empty ones.
pub fn paragraphs<S: AsRef<str>>(parts: impl IntoIterator<Item = S>) -> String {
    let parts: Vec<S> = parts.into_iter().collect();
    parts.iter().map(|p| p.as_ref().trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n\n")
}

/// A Markdown code span for `text`, with a fence long enough for backticks inside it.
pub fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The doc attribute strings: one per line, each non-empty one with a leading space so
/// prettyplease prints `/// text`.
fn lines(markdown: &str) -> Vec<String> {
    let mut lines: Vec<String> = markdown
        .split('\n')
        .map(|line| {
            let line = line.trim_end();
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    lines
}

/// Makes Markdown rustdoc-clean (see the module docs).
pub fn sanitize(markdown: &str) -> String {
    let source = markdown.replace("\r\n", "\n").replace(['\u{2028}', '\u{2029}'], "\n");
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut link_depth = 0usize;
    let mut text_run: Option<Range<usize>> = None;
    let mut events = Parser::new_ext(&source, Options::empty()).into_offset_iter().peekable();

    while let Some((event, range)) = events.next() {
        if !matches!(event, Event::Text(_)) {
            if let Some(run) = text_run.take() {
                edits.extend(escape_text(&source, run, link_depth > 0));
            }
        }
        match event {
            Event::Text(_) => {
                // pulldown-cmark splits text at `[`, `_`, `*`…; one run makes URLs whole.
                text_run = match text_run.take() {
                    Some(run) if run.end == range.start => Some(run.start..range.end),
                    Some(run) => {
                        edits.extend(escape_text(&source, run, link_depth > 0));
                        Some(range)
                    }
                    None => Some(range),
                };
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => link_depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => link_depth = link_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(kind)) => {
                // Skip the block's contents; they are not Markdown.
                for (event, _) in events.by_ref() {
                    if matches!(event, Event::End(TagEnd::CodeBlock)) {
                        break;
                    }
                }
                edits.extend(code_block(&source, range, &kind));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                edits.extend(source[range.clone()].match_indices('<').map(|(at, _)| {
                    let at = range.start + at;
                    (at..at + 1, "\\<".to_owned())
                }));
            }
            _ => {}
        }
    }
    if let Some(run) = text_run.take() {
        edits.extend(escape_text(&source, run, link_depth > 0));
    }
    apply(&source, edits)
}

/// Escapes brackets and wraps bare URLs in one run of plain text.
fn escape_text(source: &str, run: Range<usize>, in_link: bool) -> Vec<(Range<usize>, String)> {
    let text = &source[run.clone()];
    let mut edits = Vec::new();
    let mut urls: Vec<Range<usize>> = Vec::new();
    if !in_link {
        let mut from = 0;
        while let Some(found) = find_url(&text[from..]) {
            let url = from + found.start..from + found.end;
            // Already an autolink or inside one: leave it.
            let wrapped = text[..url.start].ends_with('<');
            if !wrapped {
                edits.push((run.start + url.start..run.start + url.start, "<".to_owned()));
                edits.push((run.start + url.end..run.start + url.end, ">".to_owned()));
            }
            urls.push(url.clone());
            from = url.end;
        }
    }
    for (at, c) in text.char_indices() {
        if (c == '[' || c == ']') && !urls.iter().any(|u| u.contains(&at)) && !is_escaped(source, run.start + at) {
            edits.push((run.start + at..run.start + at + 1, format!("\\{c}")));
        }
    }
    edits
}

/// Whether the character at `at` follows an odd number of backslashes (pulldown-cmark's
/// text events leave the backslash out).
fn is_escaped(source: &str, at: usize) -> bool {
    source[..at].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
}

/// The next `http://` or `https://` URL, without trailing punctuation.
fn find_url(text: &str) -> Option<Range<usize>> {
    let start = ["https://", "http://"].iter().filter_map(|scheme| text.find(scheme)).min()?;
    let rest = &text[start..];
    let len = rest.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`')).unwrap_or(rest.len());
    let url = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', ']']);
    Some(start..start + url.len())
}

/// A fenced block without a (non-Rust) language gets `text`; an indented block is fenced.
fn code_block(source: &str, range: Range<usize>, kind: &CodeBlockKind) -> Option<(Range<usize>, String)> {
    match kind {
        CodeBlockKind::Fenced(info) => {
            let lang = info.split([',', ' ']).next().unwrap_or("");
            let rusty = matches!(
                lang,
                "" | "rust" | "ignore" | "no_run" | "should_panic" | "compile_fail" | "test_harness"
            ) || lang.starts_with("edition");
            if !rusty {
                return None;
            }
            // The fence is the first non-blank characters of the range's first line.
            let first_line_end = source[range.clone()].find('\n').map_or(range.end, |n| range.start + n);
            let line = &source[range.start..first_line_end];
            let indent = line.len() - line.trim_start().len();
            let fence_len = line.trim_start().chars().take_while(|&c| c == '`' || c == '~').count();
            let info_start = range.start + indent + fence_len;
            Some((info_start..first_line_end, "text".to_owned()))
        }
        CodeBlockKind::Indented => {
            // The range starts at the code, after the indentation; keep the indentation of
            // any enclosing list item and drop the four columns that made it code.
            let line_start = source[..range.start].rfind('\n').map_or(0, |n| n + 1);
            let outer = source[line_start..range.start].len().saturating_sub(4);
            let pad = " ".repeat(outer);
            let block = &source[line_start..range.end];
            let mut out = format!("{pad}```text\n");
            for line in block.trim_end_matches('\n').split('\n') {
                let strip = line.len().min(outer + 4).min(line.len() - line.trim_start().len());
                out.push_str(&pad);
                out.push_str(&line[strip..]);
                out.push('\n');
            }
            out.push_str(&pad);
            out.push_str("```");
            if block.ends_with('\n') {
                out.push('\n');
            }
            Some((line_start..range.end, out))
        }
    }
}

/// Applies non-overlapping edits (insertions are empty ranges).
fn apply(source: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(source.len() + edits.len() * 2);
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&source[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&source[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_outside_links_and_code_are_escaped() {
        assert_eq!(sanitize("**[REQUIRED]** the name"), r"**\[REQUIRED\]** the name");
        assert_eq!(sanitize("see [the guide](https://x.example/a_b)"), "see [the guide](https://x.example/a_b)");
        assert_eq!(sanitize("use `a[0]` here"), "use `a[0]` here");
        assert_eq!(sanitize(r"already \[escaped\]"), r"already \[escaped\]");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(sanitize("arn:aws:s3:<region>:<account>"), r"arn:aws:s3:\<region>:\<account>");
        assert_eq!(sanitize("<p>text</p>"), r"\<p>text\</p>");
        assert_eq!(sanitize("a < b"), "a < b");
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            sanitize("See https://docs.aws.amazon.com/a_b/c.html. Or http://x.example/"),
            "See <https://docs.aws.amazon.com/a_b/c.html>. Or <http://x.example/>"
        );
        assert_eq!(sanitize("(https://x.example/y)"), "(<https://x.example/y>)");
        assert_eq!(sanitize("<https://x.example/>"), "<https://x.example/>");
    }

    #[test]
    fn code_blocks_do_not_become_doctests() {
        assert_eq!(sanitize("Example:\n\n```\n{\"a\": [1]}\n```\n"), "Example:\n\n```text\n{\"a\": [1]}\n```\n");
        assert_eq!(sanitize("```json\n{}\n```"), "```json\n{}\n```");
        assert_eq!(sanitize("```rust\nfn f() {}\n```"), "```text\nfn f() {}\n```");
        assert_eq!(sanitize("Example:\n\n    x = [1]\n    y\n\nAfter"), "Example:\n\n```text\nx = [1]\ny\n```\n\nAfter");
        assert_eq!(
            sanitize("- item\n\n      code [x]\n\n  more"),
            "- item\n\n  ```text\n  code [x]\n  ```\n\n  more"
        );
    }

    #[test]
    fn lines_get_a_leading_space_and_lose_blank_ends() {
        assert_eq!(lines("\n\nOne [`x`].\n\nTwo  \n\n"), [" One [`x`].", "", " Two"]);
        assert!(lines("").is_empty());
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("CREATING"), "`CREATING`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }

    #[test]
    fn attributes_render_as_doc_comments() {
        let tokens = outer("Hello\n\nWorld");
        let printed = prettyplease::unparse(&syn::parse_quote! { #tokens struct A; });
        assert_eq!(fill(printed), "/// Hello\n///\n/// World\nstruct A;\n");
        assert!(outer("").is_empty());
        let (a, b) = (inner("Crate."), outer("A field, with `code`  "));
        let printed = prettyplease::unparse(&syn::parse_quote! { #a struct B { #b pub x: u8 } });
        assert_eq!(fill(printed), "//! Crate.\nstruct B {\n    /// A field, with `code`\n    pub x: u8,\n}\n");
        clear();
    }

    #[test]
    fn placeholders_print_like_the_doc_attributes_they_stand_for() {
        let markdown = "First line\n\n  indented, trailing space \n- a [link](https://x.example)\n\n```text\ncode\n```";
        let lines = lines(markdown);
        let direct = || quote! { #( #[doc = #lines] )* };
        let print = |[a, b, c]: [TokenStream; 3]| {
            prettyplease::unparse(&syn::parse_quote! { impl A { #a fn f() {} } mod m { #b pub struct S { #c pub x: u8 } } })
        };
        let placed = print([outer(markdown), outer(markdown), outer(markdown)]);
        assert_eq!(fill(placed), print([direct(), direct(), direct()]));
        clear();
    }
}
