//! RST prose (botocore's HTML-to-RST output) → Markdown for `///` doc comments.
//!
//! The output must be rustdoc-clean without further processing: text that Markdown would
//! read as markup (`[x]`, `<region>`, `*`, `_x_`, bare URLs) is escaped or wrapped, every
//! paragraph is one line with collapsed whitespace, blocks are separated by exactly one blank
//! line and no line ends in whitespace. Words and their order are kept exactly, so a plain-text
//! copy of the same page reaches the same text modulo whitespace and markup; that is also why
//! `:py:meth:` gains the `()` Sphinx shows.

use std::borrow::Cow;

/// Lists and notes nested deeper than this are flattened into paragraphs, so hostile input
/// cannot overflow the stack. Real descriptions nest three or four levels.
const MAX_NESTING: usize = 16;

/// Substring search anchored on the needle's rarest byte (`None` for an empty needle).
/// `str::find` builds a two-way searcher on every call, which dominates for the short texts
/// searched here.
pub fn find_str(haystack: &str, needle: &str) -> Option<usize> {
    let nb = needle.as_bytes();
    let (anchor_at, _) = nb.iter().enumerate().take(16).min_by_key(|(_, &c)| commonness(c))?;
    find_str_at(haystack, needle, anchor_at)
}

/// [`find_str`] with the anchor byte's index in `needle` chosen by the caller.
pub fn find_str_at(haystack: &str, needle: &str, anchor_at: usize) -> Option<usize> {
    let nb = needle.as_bytes();
    let anchor = *nb.get(anchor_at)?;
    if !anchor.is_ascii() {
        return haystack.find(needle);
    }
    let hb = haystack.as_bytes();
    let mut from = 0;
    while let Some(p) = haystack.get(from..).and_then(|r| r.find(anchor as char)) {
        let pos = from + p;
        if let Some(at) = pos.checked_sub(anchor_at) {
            if hb.get(at..at + nb.len()) == Some(nb) {
                return Some(at);
            }
        }
        from = pos + 1;
    }
    None
}

/// Substring search for needles expected within a few bytes: a byte loop with no setup.
pub fn find_near(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = 0;
    while let Some(&c) = haystack.get(i) {
        if c == first && haystack.get(i..i + needle.len()) == Some(needle) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Rough frequency of a byte in English prose and RST, for choosing a search anchor.
fn commonness(b: u8) -> u8 {
    match b {
        b' ' => 255,
        b'e' => 250,
        b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'r' => 240,
        b'h' | b'l' | b'd' | b'c' | b'u' | b'm' => 200,
        b'f' | b'p' | b'g' | b'w' | b'y' | b'b' | b',' | b'.' => 150,
        b'a'..=b'z' => 100,
        b'T' | b'A' | b'S' | b'I' | b'C' | b'`' | b'*' | b'-' | b':' => 90,
        b'A'..=b'Z' => 70,
        _ => 50,
    }
}

/// Converts a whole RST text (lines with their indentation).
pub fn rst_to_markdown(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    lines_to_markdown(None, &lines)
}

/// Converts description lines as they sit in a page (raw lines, indentation included).
///
/// `first` is text that shared a line with a field marker or bullet (`:param X: text`), with
/// the indent it would have on a line of its own.
pub fn lines_to_markdown(first: Option<(usize, &str)>, rest: &[&str]) -> String {
    let lines: Vec<Line> = rest.iter().map(|l| Line::new(l)).collect();
    to_markdown(first.map(|(indent, text)| Line { indent, text: text.trim() }), &lines)
}

/// [`lines_to_markdown`] on lines already split into indent and text, as the page parser
/// keeps them; only relative indentation matters.
pub fn to_markdown(first: Option<Line>, rest: &[Line]) -> String {
    // Most descriptions are a single line of prose: skip the block machinery.
    let mut only: Option<&str> = first.map(|f| f.text).filter(|t| !t.is_empty());
    let mut count = usize::from(only.is_some());
    for l in rest {
        if !l.text.is_empty() {
            count += 1;
            only = Some(l.text);
            if count > 1 {
                break;
            }
        }
    }
    match (count, only) {
        (0, _) => return String::new(),
        (1, Some(t)) if is_plain_line(t) => {
            let mut out = String::with_capacity(t.len() + t.len() / 8);
            paragraph(&[t], &mut out, true);
            return out;
        }
        _ => {}
    }
    let mut blocks = Vec::new();
    // The Markdown is about as long as the text it comes from.
    let size = first.map_or(0, |f| f.text.len()) + rest.iter().map(|l| l.text.len() + 1).sum::<usize>();
    match first {
        Some(f) => {
            let mut lines = Vec::with_capacity(rest.len() + 1);
            lines.push(f);
            lines.extend_from_slice(rest);
            parse_blocks(&lines, 0, &mut blocks);
            render(&blocks, size)
        }
        None => {
            parse_blocks(rest, 0, &mut blocks);
            render(&blocks, size)
        }
    }
}

fn render(blocks: &[Block], size: usize) -> String {
    let mut out = String::with_capacity(size + size / 8);
    render_blocks(blocks, "", "", &mut out);
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// A line that can only be a paragraph on its own (no list, directive, comment or `::`).
fn is_plain_line(t: &str) -> bool {
    list_marker(t).is_none() && !t.starts_with("..") && !t.ends_with("::")
}

/// A page line split once into its indentation and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// Leading spaces.
    pub indent: usize,
    /// Trimmed both sides; empty for blank lines.
    pub text: &'a str,
}

impl<'a> Line<'a> {
    pub fn new(raw: &'a str) -> Self {
        let b = raw.as_bytes();
        let indent = b.iter().take_while(|&&c| c == b' ').count();
        let mut end = b.len();
        while end > indent {
            match b.get(end - 1) {
                Some(b' ' | b'\t' | b'\r') => end -= 1,
                // Non-ASCII last byte: let `str` decide whether it ends in Unicode whitespace.
                Some(c) if !c.is_ascii() => {
                    let text = raw.get(indent..end).unwrap_or("").trim_end();
                    return Line { indent, text };
                }
                _ => break,
            }
        }
        Line { indent, text: raw.get(indent..end).unwrap_or("") }
    }

    /// Splits a page on `\n` only (U+2028 occurs inside lines), keeping a final line
    /// without newline. Newlines are found eight bytes at a time: pages are large and their
    /// lines short, so neither a byte loop nor a `memchr` call per line keeps up.
    pub fn split(text: &'a str) -> Vec<Line<'a>> {
        const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
        const NEWLINES: u64 = 0x0a0a_0a0a_0a0a_0a0a;
        let b = text.as_bytes();
        let mut out = Vec::with_capacity(b.len() / 24 + 1);
        let mut start = 0;
        let mut push = |end: usize, start: &mut usize| {
            out.push(Line::new(text.get(*start..end).unwrap_or("")));
            *start = end + 1;
        };
        let mut chunks = b.chunks_exact(8);
        let mut base = 0;
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word) ^ NEWLINES;
            // High bit set exactly in the bytes of `x` that are zero, i.e. the newlines.
            let mut hits = !(((x & LOW7) + LOW7) | x | LOW7);
            while hits != 0 {
                push(base + (hits.trailing_zeros() / 8) as usize, &mut start);
                hits &= hits - 1;
            }
            base += 8;
        }
        for (k, &c) in chunks.remainder().iter().enumerate() {
            if c == b'\n' {
                push(base + k, &mut start);
            }
        }
        out.push(Line::new(text.get(start..).unwrap_or("")));
        out
    }
}

#[derive(Debug)]
enum Block<'a> {
    Para(Vec<&'a str>),
    Code(Vec<Line<'a>>),
    List { start: Option<u32>, items: Vec<Vec<Block<'a>>> },
    Note { label: &'static str, body: Vec<Block<'a>> },
}

/// `* `, `- `, `+ `, `1. `, `#. `: `(number for ordered lists, width of marker and spaces)`.
fn list_marker(text: &str) -> Option<(Option<u32>, usize)> {
    let b = text.as_bytes();
    let spaces = |from: usize| b.get(from..).map_or(0, |r| r.iter().take_while(|&&c| c == b' ').count());
    match b.first()? {
        b'*' | b'-' | b'+' if b.get(1) == Some(&b' ') => Some((None, 1 + spaces(1))),
        b'#' if b.get(1) == Some(&b'.') && b.get(2) == Some(&b' ') => Some((Some(1), 2 + spaces(2))),
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || b.get(digits) != Some(&b'.') || b.get(digits + 1) != Some(&b' ') {
                return None;
            }
            let n = text.get(..digits)?.parse().ok()?;
            Some((Some(n), digits + 1 + spaces(digits + 1)))
        }
        _ => None,
    }
}

/// `.. name:: rest` → `(name, rest)`.
fn directive(text: &str) -> Option<(&str, &str)> {
    let after = text.strip_prefix(".. ")?;
    let end = after.find("::")?;
    let name = after.get(..end)?;
    if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b':' || c == b'_') {
        return None;
    }
    Some((name, after.get(end + 2..)?.trim()))
}

fn admonition_label(name: &str) -> Option<&'static str> {
    Some(match name {
        "note" => "Note",
        "warning" => "Warning",
        "danger" => "Danger",
        "important" => "Important",
        "tip" => "Tip",
        "hint" => "Hint",
        "caution" => "Caution",
        "attention" => "Attention",
        "error" => "Error",
        "seealso" => "See also",
        _ => return None,
    })
}

/// End (exclusive) of the lines indented deeper than `indent` starting at `from`, trailing
/// blank lines excluded.
fn indented_end(lines: &[Line], from: usize, indent: usize) -> usize {
    let mut end = from;
    let mut j = from;
    while let Some(l) = lines.get(j) {
        if l.text.is_empty() {
            j += 1;
            continue;
        }
        if l.indent <= indent {
            break;
        }
        j += 1;
        end = j;
    }
    end
}

fn parse_blocks<'a>(lines: &[Line<'a>], depth: usize, out: &mut Vec<Block<'a>>) {
    let flat = depth >= MAX_NESTING;
    let mut i = 0;
    while let Some(&l) = lines.get(i) {
        if l.text.is_empty() {
            i += 1;
            continue;
        }
        if let Some((name, rest)) = directive(l.text) {
            let end = indented_end(lines, i + 1, l.indent);
            let mut body: Vec<Line<'a>> = Vec::with_capacity(end.saturating_sub(i));
            if !rest.is_empty() {
                body.push(Line { indent: l.indent + 3, text: rest });
            }
            body.extend_from_slice(lines.get(i + 1..end).unwrap_or(&[]));
            i = end.max(i + 1);
            if matches!(name, "code-block" | "code" | "sourcecode") {
                // The argument is the language, not content.
                let start = if rest.is_empty() { 0 } else { 1 };
                let code: Vec<Line<'a>> = body.into_iter().skip(start).skip_while(|b| b.text.starts_with(':')).collect();
                out.push(Block::Code(code));
            } else if let (Some(label), false) = (admonition_label(name), flat) {
                let mut inner = Vec::new();
                parse_blocks(&body, depth + 1, &mut inner);
                out.push(Block::Note { label, body: inner });
            } else if name.starts_with("py:") || name == "toctree" {
                // Sphinx structure, not prose.
            } else {
                // Unknown directive: keep its words.
                parse_flat_or_nested(&body, depth, out);
            }
            continue;
        }
        if l.text.starts_with("..") && (l.text.len() == 2 || l.text.as_bytes().get(2) == Some(&b' ')) {
            // An RST comment or hyperlink target: not shown.
            i = indented_end(lines, i + 1, l.indent).max(i + 1);
            continue;
        }
        if !flat {
            if let Some((start, _)) = list_marker(l.text) {
                let ordered = start.is_some();
                let mut items = Vec::new();
                while let Some(&m) = lines.get(i) {
                    if m.indent != l.indent {
                        break;
                    }
                    let Some((s, w)) = list_marker(m.text) else { break };
                    if s.is_some() != ordered {
                        break;
                    }
                    let end = indented_end(lines, i + 1, m.indent);
                    let mut item: Vec<Line<'a>> = Vec::with_capacity(end.saturating_sub(i));
                    item.push(Line { indent: m.indent + w, text: m.text.get(w..).unwrap_or("").trim() });
                    item.extend_from_slice(lines.get(i + 1..end).unwrap_or(&[]));
                    let mut blocks = Vec::new();
                    parse_blocks(&item, depth + 1, &mut blocks);
                    // An empty item has no words, and a bare `-` line could underline the
                    // paragraph above it as a heading.
                    if !blocks.is_empty() {
                        items.push(blocks);
                    }
                    i = end.max(i + 1);
                    while lines.get(i).is_some_and(|b| b.text.is_empty()) {
                        i += 1;
                    }
                }
                if !items.is_empty() {
                    out.push(Block::List { start, items });
                }
                continue;
            }
        }
        // A paragraph: consecutive non-blank lines up to a list item or directive.
        let mut para: Vec<&'a str> = vec![l.text];
        i += 1;
        while let Some(&m) = lines.get(i) {
            if m.text.is_empty() || (!flat && list_marker(m.text).is_some()) || directive(m.text).is_some() {
                break;
            }
            para.push(m.text);
            i += 1;
        }
        if let Some(last) = para.last_mut() {
            if let Some(stripped) = last.strip_suffix("::") {
                // `text::` introduces a literal block and shows as `text:`; ` ::` vanishes.
                let code_end = indented_end(lines, i, l.indent);
                let has_code = code_end > i;
                let kept = stripped.trim_end();
                *last = if stripped.ends_with(' ') || kept.is_empty() { kept } else { last.get(..last.len() - 1).unwrap_or(kept) };
                if last.is_empty() {
                    para.pop();
                }
                if !para.is_empty() {
                    out.push(Block::Para(para));
                }
                if has_code {
                    out.push(Block::Code(lines.get(i..code_end).unwrap_or(&[]).to_vec()));
                    i = code_end;
                }
                continue;
            }
        }
        out.push(Block::Para(para));
    }
}

fn parse_flat_or_nested<'a>(lines: &[Line<'a>], depth: usize, out: &mut Vec<Block<'a>>) {
    if depth >= MAX_NESTING {
        let mut para = Vec::new();
        for l in lines.iter().filter(|l| !l.text.is_empty()) {
            para.push(l.text);
        }
        if !para.is_empty() {
            out.push(Block::Para(para));
        }
    } else {
        parse_blocks(lines, depth + 1, out);
    }
}

fn render_blocks(blocks: &[Block], first: &str, rest: &str, out: &mut String) {
    render_seq(blocks, first, rest, false, out);
}

/// Inside a list item a nested list follows its paragraph directly, keeping the list tight.
fn render_seq(blocks: &[Block], first: &str, rest: &str, in_item: bool, out: &mut String) {
    for (k, b) in blocks.iter().enumerate() {
        let nested_list = in_item && matches!(b, Block::List { .. }) && matches!(blocks.get(k.wrapping_sub(1)), Some(Block::Para(_)));
        if k > 0 && !nested_list {
            out.push('\n');
        }
        render_block(b, if k == 0 { first } else { rest }, rest, out);
    }
}

fn render_block(block: &Block, first: &str, rest: &str, out: &mut String) {
    match block {
        Block::Para(lines) => {
            out.push_str(first);
            paragraph(lines, out, true);
            out.push('\n');
        }
        Block::Code(lines) => {
            let min = lines.iter().filter(|l| !l.text.is_empty()).map(|l| l.indent).min().unwrap_or(0);
            let mut fence = String::from("```");
            while lines.iter().any(|l| l.text.contains(fence.as_str())) {
                fence.push('`');
            }
            let body_start = lines.iter().position(|l| !l.text.is_empty()).unwrap_or(lines.len());
            let body_end = lines.iter().rposition(|l| !l.text.is_empty()).map_or(body_start, |p| p + 1);
            out.push_str(first);
            out.push_str(&fence);
            out.push_str("text\n");
            let mut prev_blank = false;
            for l in lines.get(body_start..body_end).unwrap_or(&[]) {
                // Runs of blank lines shrink to one, like everywhere else in the output.
                if l.text.is_empty() {
                    if !prev_blank {
                        out.push('\n');
                    }
                    prev_blank = true;
                    continue;
                }
                prev_blank = false;
                out.push_str(rest);
                for _ in min..l.indent {
                    out.push(' ');
                }
                out.push_str(l.text);
                out.push('\n');
            }
            out.push_str(rest);
            out.push_str(&fence);
            out.push('\n');
        }
        Block::List { start, items } => {
            let loose = items.iter().any(|it| it.iter().filter(|b| !matches!(b, Block::List { .. })).count() > 1);
            for (k, item) in items.iter().enumerate() {
                if k > 0 && loose {
                    out.push('\n');
                }
                let marker = match start {
                    Some(n) => format!("{}. ", n.saturating_add(k as u32)),
                    None => "- ".to_string(),
                };
                let lead = format!("{}{marker}", if k == 0 { first } else { rest });
                let inner = format!("{rest}{}", " ".repeat(marker.len()));
                render_seq(item, &lead, &inner, true, out);
            }
        }
        Block::Note { label, body } => {
            out.push_str(first);
            out.push_str("**");
            out.push_str(label);
            out.push_str(":**");
            match body.split_first() {
                Some((Block::Para(lines), more)) => {
                    out.push(' ');
                    paragraph(lines, out, false);
                    out.push('\n');
                    for b in more {
                        out.push('\n');
                        render_block(b, rest, rest, out);
                    }
                }
                Some(_) => {
                    out.push('\n');
                    for b in body {
                        out.push('\n');
                        render_block(b, rest, rest, out);
                    }
                }
                None => out.push('\n'),
            }
        }
    }
}

/// Joins a paragraph's lines and converts its inline markup; [`escape_text`] and
/// [`code_span`] collapse whitespace runs as they write.
fn paragraph(lines: &[&str], out: &mut String, at_block_start: bool) {
    if let [line] = lines {
        inline(line, out, at_block_start);
        return;
    }
    let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for l in lines {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(l);
    }
    inline(&text, out, at_block_start);
}

/// Whitespace that separates words: ASCII blanks and the Unicode line/paragraph separators
/// (U+2028 occurs inside lines). NBSP is content.
fn space_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ' | b'\t' | b'\r') => 1,
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => 3,
        _ => 0,
    }
}

/// `text` with whitespace runs collapsed to single spaces and trimmed.
fn collapse(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let clean = space_len(b, 0) == 0
        && b.iter().enumerate().all(|(i, &c)| match c {
            b' ' => b.get(i + 1).is_some_and(|n| *n != b' '),
            b'\t' | b'\r' => false,
            0xE2 => space_len(b, i) == 0,
            _ => true,
        });
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let n = space_len(b, i);
        if n > 0 {
            i += n;
            continue;
        }
        let start = i;
        while i < b.len() && space_len(b, i) == 0 {
            i += 1;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(text.get(start..i).unwrap_or(""));
    }
    Cow::Owned(out)
}

// ---------------------------------------------------------------------------------------
// Inline markup

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i)?.chars().next_back()
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

/// RST inline-markup start rule: what may precede a start-string of `width` bytes. A
/// start-string between matching brackets or quotes, as in `(*)`, is not markup.
fn start_ok(s: &str, i: usize, width: usize) -> bool {
    match char_before(s, i) {
        None => true,
        Some(c) => {
            let closer = match c {
                '(' => Some(')'),
                '[' => Some(']'),
                '{' => Some('}'),
                '<' => Some('>'),
                '\'' | '"' => Some(c),
                _ => None,
            };
            if closer.is_some() && char_at(s, i + width) == closer {
                return false;
            }
            c.is_whitespace() || "-:/'\"<([{".contains(c) || (!c.is_ascii() && !c.is_alphanumeric())
        }
    }
}

/// RST inline-markup end rule: what may follow an end-string.
fn end_ok_after(s: &str, k: usize) -> bool {
    match char_at(s, k) {
        None => true,
        Some(c) => c.is_whitespace() || "-.,:;!?\\/'\")]}>".contains(c) || (!c.is_ascii() && !c.is_alphanumeric()),
    }
}

#[derive(Clone, Copy)]
enum EndKind {
    /// ``` `` ```
    Literal,
    /// `` ` `` optionally followed by `_` or `__`.
    Interpreted,
    /// `` ` `` closing a role's content.
    RoleContent,
    Strong,
    Emphasis,
}

impl EndKind {
    fn pat(self) -> &'static str {
        match self {
            EndKind::Literal => "``",
            EndKind::Interpreted | EndKind::RoleContent => "`",
            EndKind::Strong => "**",
            EndKind::Emphasis => "*",
        }
    }
}

struct Inline<'s> {
    s: &'s str,
    /// Per end kind, a position from which no valid end-string exists (searches only move
    /// forward), so unmatched markup characters cannot make a paragraph quadratic.
    no_end_from: [usize; 5],
}

impl<'s> Inline<'s> {
    /// Finds the end-string of `kind` at or after `from`: `(start of end-string, index
    /// after it and any suffix, suffix length)`.
    fn find_end(&mut self, kind: EndKind, from: usize) -> Option<(usize, usize, usize)> {
        let slot = kind as usize;
        if self.no_end_from.get(slot).is_some_and(|&f| from >= f) {
            return None;
        }
        let pat = kind.pat();
        let bytes = self.s.as_bytes();
        let mut at = from;
        // Ends are usually a few bytes away: a plain scan beats a searcher's setup. All the
        // patterns are ASCII, so every hit is a char boundary.
        while let Some(off) = bytes.get(at..).and_then(|r| find_near(r, pat.as_bytes())) {
            let k = at + off;
            let before_ok = k > from && char_before(self.s, k).is_some_and(|c| !c.is_whitespace());
            let mut after = k + pat.len();
            let mut suffix = 0;
            if matches!(kind, EndKind::Interpreted) {
                if self.s.get(after..).is_some_and(|r| r.starts_with("__")) {
                    suffix = 2;
                } else if self.s.get(after..).is_some_and(|r| r.starts_with('_')) {
                    suffix = 1;
                }
                after += suffix;
            }
            // botocore sometimes glues text to a link's `__` (`<url>`__Actions); the suffix is
            // distinctive enough to accept the link anyway.
            if before_ok && (suffix > 0 || end_ok_after(self.s, after)) {
                return Some((k, after, suffix));
            }
            at = k + 1;
        }
        if let Some(f) = self.no_end_from.get_mut(slot) {
            *f = (*f).min(from);
        }
        None
    }
}

/// Converts one paragraph's inline RST into Markdown.
fn inline(s: &str, out: &mut String, at_block_start: bool) {
    let mut p = Inline { s, no_end_from: [usize::MAX; 5] };
    let bytes = s.as_bytes();
    let mut plain = String::new();
    let mut at_start = at_block_start;
    let mut i = 0;
    let mut run = 0; // start of the pending run of ordinary text
    // Ordinary text is escaped straight from `s`; the `plain` buffer only collects text
    // around backslash escapes and named references, so a URL or word they split is still
    // escaped (and autolinked) whole.
    macro_rules! keep_run {
        () => {
            plain.push_str(s.get(run..i).unwrap_or(""));
        };
    }
    macro_rules! flush {
        () => {
            let t = s.get(run..i).unwrap_or("");
            if plain.is_empty() {
                if !t.is_empty() {
                    escape_plain(t, out, at_start);
                }
            } else {
                plain.push_str(t);
                escape_plain(&plain, out, at_start);
                plain.clear();
            }
            at_start = false;
        };
    }
    while let Some(&c) = bytes.get(i) {
        match c {
            b'\\' => {
                keep_run!();
                match char_at(s, i + 1) {
                    Some(n) if n.is_whitespace() => i += 1 + n.len_utf8(),
                    Some(n) => {
                        plain.push(n);
                        i += 1 + n.len_utf8();
                    }
                    None => {
                        plain.push('\\');
                        i += 1;
                    }
                }
                run = i;
                continue;
            }
            b'`' if start_ok(s, i, 1) => {
                if s.get(i..).is_some_and(|r| r.starts_with("``")) {
                    if char_at(s, i + 2).is_some_and(|n| !n.is_whitespace()) {
                        if let Some((k, after, _)) = p.find_end(EndKind::Literal, i + 2) {
                            flush!();
                            code_span(s.get(i + 2..k).unwrap_or(""), out);
                            i = after;
                            run = i;
                            continue;
                        }
                    }
                } else if char_at(s, i + 1).is_some_and(|n| !n.is_whitespace()) {
                    if let Some((k, after, suffix)) = p.find_end(EndKind::Interpreted, i + 1) {
                        let content = s.get(i + 1..k).unwrap_or("");
                        if suffix == 0 {
                            // Default role: Sphinx shows it as a citation (italic).
                            flush!();
                            emphasis("*", content, out);
                        } else {
                            match split_target(content, true) {
                                Some((text, url)) => {
                                    flush!();
                                    link(text, url, out);
                                }
                                // A named reference: only its text shows.
                                None => {
                                    keep_run!();
                                    plain.push_str(&unescape(content));
                                }
                            }
                        }
                        i = after;
                        run = i;
                        continue;
                    }
                }
            }
            b':' if start_ok(s, i, 1) => {
                if let Some((role, content_start)) = role_at(s, i) {
                    if char_at(s, content_start).is_some_and(|n| !n.is_whitespace()) {
                        if let Some((k, after, _)) = p.find_end(EndKind::RoleContent, content_start) {
                            let content = s.get(content_start..k).unwrap_or("");
                            if is_code_role(role) {
                                flush!();
                                render_role(role, content, out);
                            } else {
                                keep_run!();
                                if let Some(text) = render_role(role, content, out) {
                                    plain.push_str(&text);
                                }
                            }
                            i = after;
                            run = i;
                            continue;
                        }
                    }
                }
            }
            b'*' => {
                let strong = s.get(i..).is_some_and(|r| r.starts_with("**"));
                let (kind, width) = if strong { (EndKind::Strong, 2) } else { (EndKind::Emphasis, 1) };
                if start_ok(s, i, width) && char_at(s, i + width).is_some_and(|n| !n.is_whitespace() && (strong || n != '*')) {
                    if let Some((k, after, _)) = p.find_end(kind, i + width) {
                        flush!();
                        emphasis(if strong { "**" } else { "*" }, s.get(i + width..k).unwrap_or(""), out);
                        i = after;
                        run = i;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
        // Skip to the next byte that can start markup.
        while bytes.get(i).is_some_and(|b| !matches!(b, b'\\' | b'`' | b':' | b'*')) {
            i += 1;
        }
    }
    flush!();
    let _ = at_start;
}

/// Longer role names are not roles (Sphinx's are a few bytes: `py:meth`). The bound keeps a
/// long run of name bytes and colons (`::::…`) linear: every colon in it is tried as a start.
const MAX_ROLE_NAME: usize = 64;

/// `:py:meth:` at `i` followed by a backtick → `("py:meth", index after the backtick)`.
fn role_at(s: &str, i: usize) -> Option<(&str, usize)> {
    let rest = s.get(i + 1..)?;
    let len = rest
        .bytes()
        .take(MAX_ROLE_NAME + 1)
        .take_while(|&c| c.is_ascii_alphanumeric() || matches!(c, b':' | b'_' | b'-' | b'.' | b'+'))
        .count();
    if len > MAX_ROLE_NAME {
        return None;
    }
    // The role name ends at its last colon, which must be followed by the backtick.
    let name_and_colon = rest.get(..len)?;
    if !name_and_colon.ends_with(':') || rest.as_bytes().get(len) != Some(&b'`') {
        return None;
    }
    let name = name_and_colon.get(..len - 1)?;
    if name.is_empty() {
        return None;
    }
    Some((name, i + 1 + len + 1))
}

/// `text <url>` → `(text, url)`; roles also allow `text<target>`.
fn split_target(content: &str, need_space: bool) -> Option<(&str, &str)> {
    let body = content.strip_suffix('>')?;
    let lt = body.rfind('<')?;
    let text = body.get(..lt)?;
    if need_space && !(text.is_empty() || text.ends_with(' ')) {
        return None;
    }
    Some((text.trim_end(), body.get(lt + 1..)?))
}

fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(n) if n.is_whitespace() => {}
                Some(n) => out.push(n),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_code_role(role: &str) -> bool {
    matches!(
        role.strip_prefix("py:").unwrap_or(role),
        "meth" | "func" | "class" | "exc" | "attr" | "obj" | "mod" | "data" | "const" | "code" | "literal" | "samp" | "file" | "command"
    )
}

/// Renders a role: code-like roles become code spans; the others (`:ref:`, `:doc:`, …) show
/// only their text, which is returned so it joins the surrounding plain text.
fn render_role(role: &str, content: &str, out: &mut String) -> Option<String> {
    let role = role.strip_prefix("py:").unwrap_or(role);
    let (title, target) = match split_target(content, false) {
        Some((t, target)) if !t.is_empty() => (Some(t), target),
        _ => (None, content),
    };
    match role {
        _ if is_code_role(role) => {
            let shown = match title {
                Some(t) => t.to_string(),
                None => {
                    let t = target.trim_start_matches('.');
                    let t = match t.strip_prefix('~') {
                        Some(short) => short.rsplit('.').next().unwrap_or(short),
                        None => t,
                    };
                    if matches!(role, "meth" | "func") {
                        format!("{t}()")
                    } else {
                        t.to_string()
                    }
                }
            };
            code_span(&shown, out);
            None
        }
        _ => Some(unescape(title.unwrap_or(target)).into_owned()),
    }
}

fn code_span(content: &str, out: &mut String) {
    let content = collapse(content);
    let content = content.as_ref();
    if content.is_empty() {
        return;
    }
    // Adjacent backtick runs would merge into one fence.
    if out.ends_with('`') {
        out.push(' ');
    }
    let mut longest = 0;
    let mut cur = 0;
    for c in content.bytes() {
        if c == b'`' {
            cur += 1;
            longest = longest.max(cur);
        } else {
            cur = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = content.starts_with('`') || content.ends_with('`');
    out.push_str(&fence);
    if pad {
        out.push(' ');
    }
    out.push_str(content);
    if pad {
        out.push(' ');
    }
    out.push_str(&fence);
}

fn emphasis(marker: &str, content: &str, out: &mut String) {
    out.push_str(marker);
    escape_plain(&unescape(content), out, false);
    out.push_str(marker);
}

fn link(text: &str, url: &str, out: &mut String) {
    let text = unescape(text);
    let url = url.trim();
    if text.is_empty() || text == url {
        if url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') || url.is_empty() {
            escape_plain(url, out, false);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        return;
    }
    out.push('[');
    escape_text(&text, out, false, false);
    out.push_str("](");
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
    out.push(')');
}

/// Bytes `escape_text` looks at; everything else is copied in runs.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let list = b"h\\`*_[]<>~& \t\r\xE2";
    while k < list.len() {
        t[list[k] as usize] = true;
        k += 1;
    }
    t
};

/// Escapes plain text for Markdown and wraps bare URLs as autolinks.
fn escape_plain(text: &str, out: &mut String, at_block_start: bool) {
    escape_text(text, out, at_block_start, true);
}

fn escape_text(text: &str, out: &mut String, at_block_start: bool, autolink: bool) {
    let b = text.as_bytes();
    let mut i = 0;
    if at_block_start {
        // Leading whitespace (U+2028) is dropped, then characters that would start a
        // heading, list, rule or setext underline are escaped.
        while space_len(b, i) > 0 {
            i += space_len(b, i);
        }
        match b.get(i) {
            Some(b'#' | b'+' | b'-' | b'=') => {
                out.push('\\');
            }
            Some(b'0'..=b'9') => {
                let digits = b.get(i..).unwrap_or(&[]).iter().take_while(|c| c.is_ascii_digit()).count();
                if matches!(b.get(i + digits), Some(b'.' | b')')) && (b.get(i + digits + 1).is_none() || space_len(b, i + digits + 1) > 0) {
                    out.push_str(text.get(i..i + digits).unwrap_or(""));
                    out.push('\\');
                    i += digits;
                }
            }
            _ => {}
        }
    }
    let mut run = i;
    while let Some(&c) = b.get(i) {
        if !SPECIAL[c as usize] {
            i += 1;
            continue;
        }
        let ws = match c {
            b' ' | b'\t' | b'\r' => 1,
            0xE2 => space_len(b, i),
            _ => 0,
        };
        if ws > 0 {
            // Collapse whitespace runs; none at the start of a line or after a space.
            let prev = if i > run { b.get(i - 1).copied() } else { out.as_bytes().last().copied() };
            let skip = matches!(prev, None | Some(b' ' | b'\n'));
            if skip || c != b' ' {
                out.push_str(text.get(run..i).unwrap_or(""));
                if !skip {
                    out.push(' ');
                }
                run = i + ws;
            }
            i += ws;
            continue;
        }
        let esc: Option<&str> = match c {
            // rustdoc flags a URL even glued to a word (`codehttps://…`).
            b'h' if autolink => {
                if let Some(end) = url_end(text, i) {
                    out.push_str(text.get(run..i).unwrap_or(""));
                    out.push('<');
                    out.push_str(text.get(i..end).unwrap_or(""));
                    out.push('>');
                    i = end;
                    run = i;
                    continue;
                }
                None
            }
            b'\\' => Some("\\\\"),
            b'`' => Some("\\`"),
            b'*' => Some("\\*"),
            b'_' => {
                let word = |x: Option<&u8>| x.is_some_and(|p| p.is_ascii_alphanumeric());
                if word(i.checked_sub(1).and_then(|p| b.get(p))) && word(b.get(i + 1)) {
                    None
                } else {
                    Some("\\_")
                }
            }
            b'[' => Some("\\["),
            b']' => Some("\\]"),
            b'<' => Some("&lt;"),
            b'>' => Some("&gt;"),
            b'~' => Some("\\~"),
            b'&' if b.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'#') => Some("&amp;"),
            _ => None,
        };
        if let Some(e) = esc {
            out.push_str(text.get(run..i).unwrap_or(""));
            out.push_str(e);
            run = i + 1;
        }
        i += 1;
    }
    out.push_str(text.get(run..).unwrap_or(""));
}

/// End of a bare `http://`/`https://` URL starting at `i`, trailing punctuation excluded.
fn url_end(text: &str, i: usize) -> Option<usize> {
    let rest = text.get(i..)?;
    let scheme = if rest.starts_with("https://") {
        8
    } else if rest.starts_with("http://") {
        7
    } else {
        return None;
    };
    let len = rest.bytes().take_while(|&c| c.is_ascii_graphic() && !matches!(c, b'<' | b'>' | b'"' | b'`')).count();
    let mut url = rest.get(..len)?;
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"', ']', '}', '*']);
        let trimmed = if trimmed.ends_with(')') && trimmed.matches('(').count() < trimmed.matches(')').count() {
            trimmed.get(..trimmed.len() - 1).unwrap_or(trimmed)
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    // A sentence glued to the URL (`…/idempotency.html.This field …`): a last path segment
    // ending in `.Word` is a new sentence, not a file extension.
    if let Some(seg_start) = url.rfind('/') {
        let seg = url.get(seg_start..).unwrap_or("");
        if let Some(dot) = seg.rfind('.') {
            let word = seg.get(dot + 1..).unwrap_or("");
            let glued = word.len() > 1 && word.starts_with(|c: char| c.is_ascii_uppercase()) && word.bytes().all(|c| c.is_ascii_alphabetic()) && seg.get(..dot).is_some_and(|s| s.contains('.'));
            if glued {
                url = url.get(..seg_start + dot).unwrap_or(url);
            }
        }
    }
    (url.len() > scheme).then_some(i + url.len())
}

/// What rustdoc would complain about or render unexpectedly in a converted text; used by
/// the tests here and by the page parser's corpus tests.
#[cfg(test)]
pub(crate) fn lint(md: &str) -> Vec<String> {
    use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
    let mut problems = Vec::new();
    if md.lines().any(|l| l != l.trim_end()) {
        problems.push("trailing whitespace".to_string());
    }
    if md.contains("\n\n\n") || md.starts_with('\n') || md.ends_with('\n') {
        problems.push("more than one blank line between blocks".to_string());
    }
    // The Markdown extensions rustdoc enables.
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS | Options::ENABLE_SMART_PUNCTUATION;
    let (mut in_link, mut in_code) = (0, 0);
    for ev in Parser::new_ext(md, opts) {
        let problem = match &ev {
            Event::Html(h) | Event::InlineHtml(h) => Some(format!("HTML `{h}`")),
            Event::Start(Tag::Heading { .. }) => Some("heading".into()),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => Some("indented code block".into()),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if lang.as_ref() != "text" => Some(format!("code block language `{lang}`")),
            Event::Start(Tag::Table(_)) => Some("table".into()),
            Event::Start(Tag::Strikethrough) => Some("strikethrough".into()),
            Event::Start(Tag::BlockQuote(_)) => Some("block quote".into()),
            Event::Rule => Some("horizontal rule".into()),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => Some("footnote or task marker".into()),
            Event::Text(t) if in_link == 0 && in_code == 0 && has_bare_url(t) => Some(format!("bare URL in `{t}`")),
            _ => None,
        };
        match ev {
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link -= 1,
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code -= 1,
            _ => {}
        }
        problems.extend(problem);
    }
    problems
}

/// The words a reader sees in rendered Markdown (link targets dropped), punctuation trimmed,
/// for comparing against the plain-text form of the same page.
#[cfg(test)]
pub(crate) fn rendered_words(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut text = String::new();
    for ev in Parser::new(md) {
        match ev {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. }) | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) => {}
            Event::SoftBreak | Event::HardBreak | Event::Start(_) | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    words(&text)
}

/// Whitespace-separated words with surrounding punctuation trimmed.
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace()).map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// rustdoc's `bare_urls` lint: a scheme followed by a dotted host name.
#[cfg(test)]
fn has_bare_url(t: &str) -> bool {
    t.match_indices("://").any(|(at, _)| {
        let before = t.get(..at).unwrap_or("");
        let host: String = t.get(at + 3..).unwrap_or("").chars().take_while(|c| c.is_ascii_alphanumeric() || "-@:%._+~#=".contains(*c)).collect();
        (before.ends_with("http") || before.ends_with("https")) && host.rsplit_once('.').is_some_and(|(a, tld)| !a.is_empty() && tld.len() >= 2 && tld.chars().take(2).all(|c| c.is_ascii_alphabetic()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        let out = rst_to_markdown(text);
        let problems = lint(&out);
        assert!(problems.is_empty(), "{out:?}: {problems:?}");
        out
    }

    #[test]
    fn split_agrees_with_str_split() {
        for text in ["", "\n", "a", "a\n", "\n\nb", "  x  \n\t y\u{2028}z\n0123456789abcdef\n\n", "\x0b\n\x0b\x0a\x0b", "é\né\n1234567\n12345678\n123456789"] {
            let want: Vec<Line> = text.split('\n').map(Line::new).collect();
            assert_eq!(Line::split(text), want, "{text:?}");
        }
        let long: String = (0..1000).map(|i| format!("{}{}\n", " ".repeat(i % 13), "w".repeat(i % 17))).collect();
        assert_eq!(Line::split(&long), long.split('\n').map(Line::new).collect::<Vec<_>>());
    }

    #[test]
    fn find_str_agrees_with_std() {
        for (h, n) in [("ééééTagged Union", "Tagged Union"), ("x Tagged Unio", "Tagged Union"), ("aaaa", "aa"), ("", "a"), ("abc", ""), ("naïve ``x``", "``"), ("Union", "Tagged Union")] {
            let want = if n.is_empty() { None } else { h.find(n) };
            assert_eq!(find_str(h, n), want, "{h:?} {n:?}");
            assert_eq!(find_near(h.as_bytes(), n.as_bytes()), want, "{h:?} {n:?}");
        }
    }

    #[test]
    fn inline_literals_bold_italic() {
        assert_eq!(md("Use the ``backupIds`` filter, **must** be *set*."), "Use the `backupIds` filter, **must** be *set*.");
        assert_eq!(md("``a`b``"), "``a`b``");
        assert_eq!(md("**[REQUIRED]**"), "**\\[REQUIRED\\]**");
    }

    #[test]
    fn links_both_forms() {
        assert_eq!(
            md("see `Working with shared backups <https://docs.aws.amazon.com/cloudhsm/latest/userguide/sharing.html>`__ in the guide"),
            "see [Working with shared backups](https://docs.aws.amazon.com/cloudhsm/latest/userguide/sharing.html) in the guide"
        );
        assert_eq!(md("See also: `AWS API Documentation <https://x.example/a>`_"), "See also: [AWS API Documentation](https://x.example/a)");
        // botocore escapes colons in link text.
        assert_eq!(md("see `Tutorial\\: Bring your ASN <https://x.example/t>`__."), "see [Tutorial: Bring your ASN](https://x.example/t).");
        assert_eq!(md("`https\\://x.example/a <https://x.example/a>`__."), "<https://x.example/a>.");
        assert_eq!(md("`a (b) <https://x.example/p(1)>`__"), "[a (b)](https://x.example/p\\(1\\))");
        // connect/client/search_contacts.rst glues the next word to the link.
        assert_eq!(md("see `Actions <https://x.example/a>`__Actions defined"), "see [Actions](https://x.example/a)Actions defined");
    }

    #[test]
    fn roles_become_code_spans() {
        assert_eq!(
            md("Creates an iterator that will paginate through responses from :py:meth:`DynamoDB.Client.query`."),
            "Creates an iterator that will paginate through responses from `DynamoDB.Client.query()`."
        );
        assert_eq!(md("*   :py:class:`X.Client.exceptions.Boom`"), "- `X.Client.exceptions.Boom`");
        assert_eq!(md("contains an :class:`.EventStream` member"), "contains an `EventStream` member");
        assert_eq!(md("a :ref:`document<document>` type"), "a document type");
    }

    #[test]
    fn notes_warnings_and_danger() {
        let text = "Describe backups.\n\n \n\n.. note::\n\n  \n\n  By default when using this option, the command returns backups.\n\n  \n\n";
        assert_eq!(md(text), "Describe backups.\n\n**Note:** By default when using this option, the command returns backups.");
        assert_eq!(md(".. warning::\n\n  Careful *now*."), "**Warning:** Careful *now*.");
        assert_eq!(md(".. danger::\n\n  This operation is deprecated."), "**Danger:** This operation is deprecated.");
    }

    #[test]
    fn union_note_with_literal_block() {
        let text = "The config.\n\n.. note::    This is a Tagged Union structure. Only one of the     following top level keys will be set: ``a``, ``b``.     The structure of ``SDK_UNKNOWN_MEMBER`` is     as follows::\n\n                    'SDK_UNKNOWN_MEMBER': {'name': 'UnknownMemberName'}\n\n";
        assert_eq!(
            md(text),
            "The config.\n\n**Note:** This is a Tagged Union structure. Only one of the following top level keys will be set: `a`, `b`. The structure of `SDK_UNKNOWN_MEMBER` is as follows:\n\n```text\n'SDK_UNKNOWN_MEMBER': {'name': 'UnknownMemberName'}\n```"
        );
    }

    #[test]
    fn nested_lists() {
        let text = "Where ``BackupType`` can be:\n\n \n\n\n* ``USER`` - On-demand.\n \n* ``SYSTEM`` - Automatic.\n\n  * nested one\n  * nested two\n\n* ``ALL`` - All.\n\n\nAfter.";
        assert_eq!(
            md(text),
            "Where `BackupType` can be:\n\n- `USER` - On-demand.\n- `SYSTEM` - Automatic.\n  - nested one\n  - nested two\n- `ALL` - All.\n\nAfter."
        );
        assert_eq!(md("    1. Identify data  \n\n  Before.\n\n    2. Create a profile"), "1. Identify data\n\nBefore.\n\n2. Create a profile");
    }

    #[test]
    fn literal_blocks_are_fenced() {
        assert_eq!(md("Example::\n\n    {\n      \"a\": 1\n    }\n\nDone."), "Example:\n\n```text\n{\n  \"a\": 1\n}\n```\n\nDone.");
        assert_eq!(md("Example ::\n\n  x"), "Example\n\n```text\nx\n```");
        assert_eq!(md("::\n\n  import boto3"), "```text\nimport boto3\n```");
    }

    #[test]
    fn plain_text_is_escaped_for_rustdoc() {
        assert_eq!(md("arn:aws:s3:::<bucket-name>/[key] & 2*3"), "arn:aws:s3:::&lt;bucket-name&gt;/\\[key\\] & 2\\*3");
        assert_eq!(md("snake_case stays, _x_ does not; &amp; ~a~"), "snake_case stays, \\_x\\_ does not; &amp;amp; \\~a\\~");
        assert_eq!(md("See https://docs.aws.amazon.com/a_b/c.html. Or (http://x.example/y)."), "See <https://docs.aws.amazon.com/a_b/c.html>. Or (<http://x.example/y>).");
        assert_eq!(md("# not a heading"), "\\# not a heading");
        // mediaconvert CreateJob glues the next sentence to a URL.
        assert_eq!(
            md("see https://x.example/api/idempotency.html.This field is autopopulated if not provided."),
            "see <https://x.example/api/idempotency.html>.This field is autopopulated if not provided."
        );
        assert_eq!(md("at https://x.example/A.Doc/Guide.Html now"), "at <https://x.example/A.Doc/Guide.Html> now");
        assert_eq!(md("- The Amazon S3 bucket"), "- The Amazon S3 bucket");
        let mut out = String::new();
        escape_plain("2015. was a year", &mut out, true);
        assert_eq!(out, "2015\\. was a year");
        assert_eq!(md("uses \"\\\" as an escape"), "uses \"\" as an escape");
        assert_eq!(md("C:\\\\Windows"), "C:\\\\Windows");
    }

    #[test]
    fn unmatched_markup_stays_literal() {
        assert_eq!(md("a * b and 5*x"), "a \\* b and 5\\*x");
        // backup CreateBackupSelection: `(*)` between brackets is not markup.
        assert_eq!(md("the asterisk (*) must appear, ``arn:*`` is *ok*"), "the asterisk (\\*) must appear, `arn:*` is *ok*");
        assert_eq!(md("a ``b c"), "a \\`\\`b c");
        assert_eq!(md("`x"), "\\`x");
        assert_eq!(md("**bold**text"), "\\*\\*bold\\*\\*text");
    }

    #[test]
    fn whitespace_is_collapsed_and_blocks_separated_once() {
        let out = md("  First   line\n  continues\u{2028}here.  \n\n\n   \n\n  Second.   ");
        assert_eq!(out, "First line continues here.\n\nSecond.");
        assert!(out.lines().all(|l| l == l.trim_end()));
        // NBSP is content, not whitespace to collapse.
        assert_eq!(md("a\u{a0}b"), "a\u{a0}b");
    }

    #[test]
    fn same_line_text_joins_the_rest() {
        let rest = ["      more text.", "", "      Second paragraph."];
        assert_eq!(lines_to_markdown(Some((6, "The string")), &rest), "The string more text.\n\nSecond paragraph.");
    }

    /// Random mixes of markup pieces: no panic, and the output stays rustdoc-clean.
    #[test]
    fn random_markup_is_clean() {
        let pieces = [
            "word", " ", "  ", "\n", "\n\n", "\n  ", "\n    ", "*", "**", "`", "``", "_", "\\", "[", "]", "<", ">", "&", "&amp;", "#", "-", "+", "=", "~", "|", "1.", "2)",
            "* ", "- ", "#. ", ".. note::", ".. warning:: x", ".. danger::", ".. foo:: bar", "..", "::", " ::", ":py:meth:`a.b`", ":ref:`x<y>`", "`t <https://x.example/a>`__",
            "`t`_", "https://x.example/p_q*r.", "http://", "(", ")", "\u{2028}", "\u{a0}", "é", "'", "\"", "```", "~~~", "<p>", "    code",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut rand = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..20_000 {
            let text: String = (0..rand(40) + 1).map(|_| pieces[rand(pieces.len())]).collect();
            let out = rst_to_markdown(&text);
            let problems = lint(&out);
            assert!(problems.is_empty(), "{text:?} → {out:?}: {problems:?}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut text = String::new();
        for d in 0..5000 {
            text.push_str(&" ".repeat(d * 2));
            text.push_str("* item\n");
        }
        let out = md(&text);
        assert!(out.starts_with("- item"));
        assert_eq!(out.matches("item").count(), 5000);
        let notes: String = (0..3000).map(|d| format!("{}.. note::\n", " ".repeat(d * 2))).collect();
        let _ = md(&notes);
    }

    /// Found checking the `rst_page` fuzz target for slowness: every colon of a long run was
    /// tried as a role start, each scanning the rest of the run (100,000 colons: over a minute).
    #[test]
    fn pathological_colons_are_linear() {
        for unit in [":", ":a", ":py:meth"] {
            let text = unit.repeat(50_000) + " x";
            let out = md(&text);
            assert_eq!(out.matches(':').count(), text.matches(':').count(), "{unit:?}");
        }
        // A real role after a long run still renders.
        assert!(!md(&format!("{} :py:meth:`X.Client.m`", ":".repeat(1000))).contains(":py:meth:"));
    }

    #[test]
    fn pathological_stars_are_linear_enough() {
        let text = "* x".to_string() + &" *a".repeat(20_000);
        let out = md(&text);
        assert_eq!(out.matches("\\*").count(), 20_000);
    }
}
