//! The grammar of boto3's `**Request Syntax**` / `**Response Syntax**` literals.
//!
//! botocore prints every member of an operation's input or output as a Python-like literal
//! whose leaf values name the member's type (`'string'`, `123`, `123.0`, `...`,
//! `datetime(2015, 1, 1)`, …). These blocks are the most reliable part of the docs (they
//! match the JSON models 99.5% of the time), so they are parsed with a real tokenizer and a
//! recursive-descent parser rather than pattern matching: any deviation is reported with its
//! line instead of being silently misread.
//!
//! Both page forms (RST and plain text) contain the same text, so both parsers share this.

use std::path::Path;

use crate::parse::page::Diagnostic;

/// Nesting (dicts, lists, event streams) deeper than this is rejected, so hostile input
/// cannot overflow the stack. The deepest real block nests about 25 levels.
pub const MAX_DEPTH: usize = 100;

/// One value of a syntax literal, with the 1-based page line where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    pub value: LiteralValue,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LiteralValue {
    /// `response = client.m(` … `)`, `response_iterator = paginator.paginate(`,
    /// `waiter.wait(`; `client.m()` gives an empty call. Entries are the `Name=value` kwargs.
    Call(Vec<Entry>),
    /// `{'Key': value, …}`: a structure or a map (one `'string'` key); the literal alone
    /// cannot tell which. `{}` is an empty dict.
    Dict(Vec<Entry>),
    List(Box<Literal>),
    /// `'string'`.
    String,
    /// `'A'|'B'`, or a single-value enum `'X'` (any quoted text other than `string`).
    Enum(Vec<String>),
    /// `123`: integer or long.
    Integer,
    /// `123.0`: double.
    Double,
    /// `...`: float.
    Float,
    /// `True|False`.
    Boolean,
    /// `datetime(2015, 1, 1)`.
    Timestamp,
    /// `b'bytes'`.
    Blob,
    /// `b'bytes'|file`: a streaming request payload.
    StreamingInput,
    /// `StreamingBody()`: a streaming response payload.
    StreamingBody,
    /// `{...}|[...]|123|123.4|'string'|True|None`.
    Document,
    /// `{'... recursive ...'}`: a shape already on the path.
    Recursive,
    /// `EventStream({ … })`.
    EventStream(Vec<Entry>),
    /// `'string' or {'Bucket': 'string', …}` (s3 `CopySource`).
    Alternatives(Vec<Literal>),
}

/// A kwarg of a call or a key of a dict.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: Literal,
    pub line: u32,
}

/// Parses a syntax block.
///
/// `text` is the code block's content; `first_line` the page line of its first line.
pub fn parse_literal(text: &str, first_line: u32, file: &Path) -> Result<Literal, Diagnostic> {
    let mut p = Parser { lex: Lexer { bytes: text.as_bytes(), text, pos: 0, line: first_line }, peeked: None, file };
    let lit = p.parse_top()?;
    let end = p.next()?;
    if end.tok != Tok::Eof {
        return Err(p.err(end.line, format!("expected the end of the syntax block, found {}", describe(end.tok))));
    }
    Ok(lit)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    /// A name, dots included: `client.list_backups`, `datetime`, `True`.
    Ident(&'a str),
    /// The text between single quotes.
    Str(&'a str),
    /// `b'…'`.
    Bytes,
    /// `123`.
    Int,
    /// `123.0`.
    Dec,
    /// `...`.
    Ellipsis,
    /// One of `{}[](),:=|`.
    Punct(u8),
    Eof,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    tok: Tok<'a>,
    line: u32,
}

struct Lexer<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    line: u32,
}

impl<'a> Lexer<'a> {
    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// The next token, or a message when the text cannot be a token.
    fn next(&mut self) -> Result<Token<'a>, (u32, String)> {
        // Whitespace: only ASCII space and newline occur in generated blocks.
        while let Some(b) = self.byte(self.pos) {
            match b {
                b'\n' => self.line = self.line.saturating_add(1),
                b' ' | b'\t' | b'\r' => {}
                _ => break,
            }
            self.pos += 1;
        }
        let line = self.line;
        let start = self.pos;
        let Some(b) = self.byte(start) else {
            return Ok(Token { tok: Tok::Eof, line });
        };
        let tok = match b {
            b'{' | b'}' | b'[' | b']' | b'(' | b')' | b',' | b':' | b'=' | b'|' => {
                self.pos += 1;
                Tok::Punct(b)
            }
            b'\'' => Tok::Str(self.quoted(start + 1, line)?),
            b'.' => {
                if self.bytes.get(start..start + 3) == Some(b"...") {
                    self.pos += 3;
                    Tok::Ellipsis
                } else {
                    return Err((line, "expected a value, found `.`".to_string()));
                }
            }
            b'0'..=b'9' => {
                let mut end = start;
                while matches!(self.byte(end), Some(b'0'..=b'9')) {
                    end += 1;
                }
                let tok = if self.byte(end) == Some(b'.') && matches!(self.byte(end + 1), Some(b'0'..=b'9')) {
                    end += 1;
                    while matches!(self.byte(end), Some(b'0'..=b'9')) {
                        end += 1;
                    }
                    Tok::Dec
                } else {
                    Tok::Int
                };
                self.pos = end;
                tok
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let mut end = start + 1;
                while matches!(self.byte(end), Some(b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'.')) {
                    end += 1;
                }
                if end == start + 1 && b == b'b' && self.byte(end) == Some(b'\'') {
                    self.quoted(end + 1, line)?;
                    Tok::Bytes
                } else {
                    self.pos = end;
                    Tok::Ident(self.text.get(start..end).unwrap_or(""))
                }
            }
            _ => {
                let c = self.text.get(start..).and_then(|s| s.chars().next()).unwrap_or('?');
                return Err((line, format!("expected a value or punctuation, found `{c}`")));
            }
        };
        Ok(Token { tok, line })
    }

    /// Scans a quoted text starting after its opening quote; no value contains `'`, and
    /// none spans lines.
    fn quoted(&mut self, from: usize, line: u32) -> Result<&'a str, (u32, String)> {
        let rest = self.bytes.get(from..).unwrap_or(&[]);
        match rest.iter().position(|&c| c == b'\'' || c == b'\n') {
            Some(n) if rest.get(n) == Some(&b'\'') => {
                self.pos = from + n + 1;
                Ok(self.text.get(from..from + n).unwrap_or(""))
            }
            _ => Err((line, "unterminated quoted string: expected `'` before the end of the line".to_string())),
        }
    }
}

/// A value before alternatives (`a|b`) are resolved.
#[derive(Debug)]
enum Term<'a> {
    Str(&'a str),
    Int,
    Dec,
    Ellipsis,
    True,
    False,
    None,
    File,
    Bytes,
    /// `{...}` (only inside the document form).
    DocDict,
    /// `[...]` (only inside the document form).
    DocList,
    Value(LiteralValue),
}

struct Parser<'a> {
    lex: Lexer<'a>,
    peeked: Option<Token<'a>>,
    file: &'a Path,
}

impl<'a> Parser<'a> {
    fn err(&self, line: u32, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.file, line, msg)
    }

    fn next(&mut self) -> Result<Token<'a>, Diagnostic> {
        if let Some(t) = self.peeked.take() {
            return Ok(t);
        }
        self.lex.next().map_err(|(line, msg)| Diagnostic::new(self.file, line, msg))
    }

    fn peek(&mut self) -> Result<Token<'a>, Diagnostic> {
        let t = self.next()?;
        self.peeked = Some(t);
        Ok(t)
    }

    fn expect(&mut self, p: u8, what: &str) -> Result<Token<'a>, Diagnostic> {
        let t = self.next()?;
        if t.tok == Tok::Punct(p) {
            Ok(t)
        } else {
            Err(self.err(t.line, format!("expected `{}` {what}, found {}", p as char, describe(t.tok))))
        }
    }

    /// `expect` after a key, shown between `quote`s; the message is only built on error.
    fn expect_after(&mut self, p: u8, what: &str, key: &str, quote: char) -> Result<Token<'a>, Diagnostic> {
        let t = self.next()?;
        if t.tok == Tok::Punct(p) {
            Ok(t)
        } else {
            Err(self.err(t.line, format!("expected `{}` {what}{quote}{key}{quote}, found {}", p as char, describe(t.tok))))
        }
    }

    /// A call (`x = callee(…)` or `callee(…)`) or a bare value.
    fn parse_top(&mut self) -> Result<Literal, Diagnostic> {
        let first = self.peek()?;
        let Tok::Ident(name) = first.tok else {
            return self.parse_value(0);
        };
        if matches!(name, "datetime" | "StreamingBody" | "EventStream" | "True" | "False" | "None") {
            return self.parse_value(0);
        }
        self.next()?;
        let t = self.next()?;
        match t.tok {
            Tok::Punct(b'=') => {
                let callee = self.next()?;
                if !matches!(callee.tok, Tok::Ident(_)) {
                    return Err(self.err(callee.line, format!("expected a method call after `{name} =`, found {}", describe(callee.tok))));
                }
                self.expect(b'(', "opening the call's arguments")?;
            }
            Tok::Punct(b'(') => {}
            other => {
                return Err(self.err(t.line, format!("expected `=` or `(` after `{name}`, found {}", describe(other))));
            }
        }
        let mut entries = Vec::new();
        loop {
            let t = self.next()?;
            let key = match t.tok {
                Tok::Punct(b')') => break,
                Tok::Ident(k) if !k.contains('.') => k,
                Tok::Eof => {
                    return Err(self.err(t.line, format!("unexpected end of the syntax block: expected `)` closing the call opened on line {}", first.line)));
                }
                other => return Err(self.err(t.line, format!("expected a parameter name or `)`, found {}", describe(other)))),
            };
            self.expect_after(b'=', "after parameter ", key, '`')?;
            let value = self.parse_value(1)?;
            entries.push(Entry { key: key.to_string(), value, line: t.line });
            let sep = self.next()?;
            match sep.tok {
                Tok::Punct(b',') => {}
                Tok::Punct(b')') => break,
                Tok::Eof => {
                    return Err(self.err(sep.line, format!("unexpected end of the syntax block: expected `)` closing the call opened on line {}", first.line)));
                }
                other => return Err(self.err(sep.line, format!("expected `,` or `)` after parameter `{key}`, found {}", describe(other)))),
            }
        }
        Ok(Literal { value: LiteralValue::Call(entries), line: first.line })
    }

    /// A value, its `|` alternatives and its ` or ` alternatives.
    fn parse_value(&mut self, depth: usize) -> Result<Literal, Diagnostic> {
        let first = self.parse_alternation(depth)?;
        if !matches!(self.peek()?.tok, Tok::Ident("or")) {
            return Ok(first);
        }
        let line = first.line;
        let mut alts = vec![first];
        while matches!(self.peek()?.tok, Tok::Ident("or")) {
            self.next()?;
            alts.push(self.parse_alternation(depth)?);
        }
        Ok(Literal { value: LiteralValue::Alternatives(alts), line })
    }

    fn parse_alternation(&mut self, depth: usize) -> Result<Literal, Diagnostic> {
        let line = self.peek()?.line;
        let first = self.parse_term(depth)?;
        if self.peek()?.tok != Tok::Punct(b'|') {
            let value = match first {
                Term::Str("string") => LiteralValue::String,
                Term::Str(s) => LiteralValue::Enum(vec![s.to_string()]),
                Term::Int => LiteralValue::Integer,
                Term::Dec => LiteralValue::Double,
                Term::Ellipsis => LiteralValue::Float,
                Term::Bytes => LiteralValue::Blob,
                Term::Value(v) => v,
                other => {
                    return Err(self.err(line, format!("expected a value form, found {} alone", term_text(&other))));
                }
            };
            return Ok(Literal { value, line });
        }
        let mut terms = vec![first];
        while self.peek()?.tok == Tok::Punct(b'|') {
            self.next()?;
            terms.push(self.parse_term(depth)?);
        }
        let value = classify_alternation(&terms).ok_or_else(|| {
            let shown: Vec<String> = terms.iter().map(term_text).collect();
            self.err(
                line,
                format!(
                    "unknown value alternation `{}`: expected `'A'|'B'`, `True|False`, `b'bytes'|file` or `{{...}}|[...]|123|123.4|'string'|True|None`",
                    shown.join("|")
                ),
            )
        })?;
        Ok(Literal { value, line })
    }

    fn parse_term(&mut self, depth: usize) -> Result<Term<'a>, Diagnostic> {
        let t = self.next()?;
        if depth > MAX_DEPTH {
            return Err(self.err(t.line, format!("syntax nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(match t.tok {
            Tok::Str(s) => Term::Str(s),
            Tok::Int => Term::Int,
            Tok::Dec => Term::Dec,
            Tok::Ellipsis => Term::Ellipsis,
            Tok::Bytes => Term::Bytes,
            Tok::Ident("True") => Term::True,
            Tok::Ident("False") => Term::False,
            Tok::Ident("None") => Term::None,
            Tok::Ident("file") => Term::File,
            Tok::Ident("datetime") => {
                self.expect(b'(', "after `datetime`")?;
                loop {
                    let n = self.next()?;
                    if n.tok != Tok::Int {
                        return Err(self.err(n.line, format!("expected a number in `datetime(…)`, found {}", describe(n.tok))));
                    }
                    let sep = self.next()?;
                    match sep.tok {
                        Tok::Punct(b',') => {}
                        Tok::Punct(b')') => break,
                        other => return Err(self.err(sep.line, format!("expected `,` or `)` in `datetime(…)`, found {}", describe(other)))),
                    }
                }
                Term::Value(LiteralValue::Timestamp)
            }
            Tok::Ident("StreamingBody") => {
                self.expect(b'(', "after `StreamingBody`")?;
                self.expect(b')', "closing `StreamingBody(`")?;
                Term::Value(LiteralValue::StreamingBody)
            }
            Tok::Ident("EventStream") => {
                self.expect(b'(', "after `EventStream`")?;
                let open = self.expect(b'{', "opening the event stream's members")?;
                let entries = self.parse_dict_entries(open.line, depth)?;
                self.expect(b')', "closing `EventStream(`")?;
                Term::Value(LiteralValue::EventStream(entries))
            }
            Tok::Punct(b'{') => {
                let next = self.peek()?;
                match next.tok {
                    Tok::Ellipsis => {
                        self.next()?;
                        self.expect(b'}', "closing `{...`")?;
                        Term::DocDict
                    }
                    Tok::Str("... recursive ...") => {
                        self.next()?;
                        self.expect(b'}', "closing `{'... recursive ...'`")?;
                        Term::Value(LiteralValue::Recursive)
                    }
                    _ => Term::Value(LiteralValue::Dict(self.parse_dict_entries(t.line, depth)?)),
                }
            }
            Tok::Punct(b'[') => {
                let elem = if self.peek()?.tok == Tok::Ellipsis {
                    // `[...]` in the document form, or a list of floats `[ ..., ]`.
                    let dots = self.next()?;
                    if self.peek()?.tok == Tok::Punct(b']') {
                        self.next()?;
                        return Ok(Term::DocList);
                    }
                    Literal { value: LiteralValue::Float, line: dots.line }
                } else if self.peek()?.tok == Tok::Punct(b']') {
                    return Err(self.err(t.line, "expected a list element, found `]`"));
                } else {
                    self.parse_value(depth + 1)?
                };
                if self.peek()?.tok == Tok::Punct(b',') {
                    self.next()?;
                }
                let close = self.next()?;
                match close.tok {
                    Tok::Punct(b']') => {}
                    Tok::Eof => {
                        return Err(self.err(close.line, format!("unexpected end of the syntax block: expected `]` closing the list opened on line {}", t.line)));
                    }
                    other => {
                        return Err(self.err(close.line, format!("expected `]` after the list's one element, found {}", describe(other))));
                    }
                }
                Term::Value(LiteralValue::List(Box::new(elem)))
            }
            Tok::Eof => return Err(self.err(t.line, "unexpected end of the syntax block: expected a value")),
            other => return Err(self.err(t.line, format!("expected a value, found {}", describe(other)))),
        })
    }

    /// Entries after `{` up to and including the closing `}`.
    fn parse_dict_entries(&mut self, open_line: u32, depth: usize) -> Result<Vec<Entry>, Diagnostic> {
        let mut entries = Vec::new();
        loop {
            let t = self.next()?;
            let key = match t.tok {
                Tok::Punct(b'}') => break,
                Tok::Str(k) => k,
                Tok::Eof => {
                    return Err(self.err(t.line, format!("unexpected end of the syntax block: expected `}}` closing the dict opened on line {open_line}")));
                }
                other => return Err(self.err(t.line, format!("expected a quoted key or `}}`, found {}", describe(other)))),
            };
            self.expect_after(b':', "after key ", key, '\'')?;
            let value = self.parse_value(depth + 1)?;
            entries.push(Entry { key: key.to_string(), value, line: t.line });
            let sep = self.next()?;
            match sep.tok {
                Tok::Punct(b',') => {}
                Tok::Punct(b'}') => break,
                Tok::Eof => {
                    return Err(self.err(sep.line, format!("unexpected end of the syntax block: expected `}}` closing the dict opened on line {open_line}")));
                }
                other => return Err(self.err(sep.line, format!("expected `,` or `}}` after the value of '{key}', found {}", describe(other)))),
            }
        }
        Ok(entries)
    }
}

fn classify_alternation(terms: &[Term]) -> Option<LiteralValue> {
    if terms.iter().all(|t| matches!(t, Term::Str(_))) {
        let values = terms.iter().filter_map(|t| if let Term::Str(s) = t { Some(s.to_string()) } else { None }).collect();
        return Some(LiteralValue::Enum(values));
    }
    match terms {
        [Term::True, Term::False] => Some(LiteralValue::Boolean),
        [Term::Bytes, Term::File] => Some(LiteralValue::StreamingInput),
        [Term::DocDict, Term::DocList, Term::Int, Term::Dec, Term::Str("string"), Term::True, Term::None] => Some(LiteralValue::Document),
        _ => None,
    }
}

fn term_text(t: &Term) -> String {
    match t {
        Term::Str(s) => format!("'{}'", short(s)),
        Term::Int => "123".into(),
        Term::Dec => "123.0".into(),
        Term::Ellipsis => "...".into(),
        Term::True => "True".into(),
        Term::False => "False".into(),
        Term::None => "None".into(),
        Term::File => "file".into(),
        Term::Bytes => "b'bytes'".into(),
        Term::DocDict => "{...}".into(),
        Term::DocList => "[...]".into(),
        Term::Value(v) => match v {
            LiteralValue::Dict(_) | LiteralValue::Recursive => "{…}".into(),
            LiteralValue::List(_) => "[…]".into(),
            LiteralValue::Timestamp => "datetime(…)".into(),
            LiteralValue::StreamingBody => "StreamingBody()".into(),
            LiteralValue::EventStream(_) => "EventStream(…)".into(),
            _ => "a value".into(),
        },
    }
}

/// Long enum values would drown the message.
fn short(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(40).collect();
        t.push('…');
        t
    }
}

fn describe(t: Tok) -> String {
    match t {
        Tok::Ident(s) => format!("`{}`", short(s)),
        Tok::Str(s) => format!("'{}'", short(s)),
        Tok::Bytes => "`b'…'`".into(),
        Tok::Int => "a number".into(),
        Tok::Dec => "a decimal number".into(),
        Tok::Ellipsis => "`...`".into(),
        Tok::Punct(p) => format!("`{}`", p as char),
        Tok::Eof => "the end of the syntax block".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Literal, Diagnostic> {
        parse_literal(text, 10, Path::new("svc/client/op.rst"))
    }

    fn value(text: &str) -> LiteralValue {
        match parse(text) {
            Ok(l) => l.value,
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    fn err(text: &str) -> Diagnostic {
        match parse(text) {
            Ok(l) => panic!("{text:?} parsed as {l:?}"),
            Err(e) => e,
        }
    }

    fn keys(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.key.as_str()).collect()
    }

    #[test]
    fn scalar_forms() {
        assert_eq!(value("'string'"), LiteralValue::String);
        assert_eq!(value("123"), LiteralValue::Integer);
        assert_eq!(value("123.0"), LiteralValue::Double);
        assert_eq!(value("..."), LiteralValue::Float);
        assert_eq!(value("True|False"), LiteralValue::Boolean);
        assert_eq!(value("datetime(2015, 1, 1)"), LiteralValue::Timestamp);
        assert_eq!(value("b'bytes'"), LiteralValue::Blob);
        assert_eq!(value("b'bytes'|file"), LiteralValue::StreamingInput);
        assert_eq!(value("StreamingBody()"), LiteralValue::StreamingBody);
        assert_eq!(value("{...}|[...]|123|123.4|'string'|True|None"), LiteralValue::Document);
        assert_eq!(value("{'... recursive ...'}"), LiteralValue::Recursive);
        assert_eq!(value("{}"), LiteralValue::Dict(vec![]));
        // iotwireless GetPosition: a list of floats.
        assert_eq!(value("[\n    ...,\n]"), LiteralValue::List(Box::new(Literal { value: LiteralValue::Float, line: 11 })));
    }

    #[test]
    fn enums_keep_spaces_brackets_stars_and_commas() {
        assert_eq!(value("'UnusedPermissionRecommendation'"), LiteralValue::Enum(vec!["UnusedPermissionRecommendation".into()]));
        assert_eq!(
            value("'Linux/UNIX (Amazon VPC)'|'a, b'|'*'|'x [y]'"),
            LiteralValue::Enum(vec!["Linux/UNIX (Amazon VPC)".into(), "a, b".into(), "*".into(), "x [y]".into()])
        );
    }

    #[test]
    fn request_call_with_lone_comma_after_empty_struct() {
        // amplifybackend/client/create_backend.rst
        let text = "response = client.create_backend(\n    AppId='string',\n    ResourceConfig={}\n    ,\n    ResourceName='string'\n)\n";
        let lit = parse(text).unwrap();
        assert_eq!(lit.line, 10);
        let LiteralValue::Call(entries) = lit.value else { panic!("not a call") };
        assert_eq!(keys(&entries), ["AppId", "ResourceConfig", "ResourceName"]);
        assert_eq!(entries[1].value.value, LiteralValue::Dict(vec![]));
        assert_eq!(entries[2].line, 14);
    }

    #[test]
    fn call_prefixes() {
        assert_eq!(value("response = client.close()"), LiteralValue::Call(vec![]));
        let LiteralValue::Call(e) = value("response_iterator = paginator.paginate(\n  A='string',\n)") else { panic!() };
        assert_eq!(keys(&e), ["A"]);
        let LiteralValue::Call(e) = value("waiter.wait(\n  TableName='string',\n  WaiterConfig={\n    'Delay': 123,\n    'MaxAttempts': 123\n  }\n)") else {
            panic!()
        };
        assert_eq!(keys(&e), ["TableName", "WaiterConfig"]);
    }

    #[test]
    fn nested_lists_maps_and_lines() {
        let text = "{\n    'Backups': [\n        {\n            'TagList': [\n                {\n                    'Key': 'string',\n                },\n            ],\n            'Mode': 'FIPS'|'NON_FIPS'\n        },\n    ],\n    'Tags': {\n        'string': 'string'\n    },\n}";
        let lit = parse(text).unwrap();
        let LiteralValue::Dict(top) = lit.value else { panic!() };
        assert_eq!(keys(&top), ["Backups", "Tags"]);
        assert_eq!(top[0].line, 11);
        assert_eq!(top[1].line, 21);
        let LiteralValue::List(elem) = &top[0].value.value else { panic!() };
        assert_eq!(elem.line, 12);
        let LiteralValue::Dict(backup) = &elem.value else { panic!() };
        assert_eq!(keys(backup), ["TagList", "Mode"]);
        assert_eq!(backup[1].value.value, LiteralValue::Enum(vec!["FIPS".into(), "NON_FIPS".into()]));
        let LiteralValue::Dict(map) = &top[1].value.value else { panic!() };
        assert_eq!(keys(map), ["string"]);
    }

    #[test]
    fn recursive_and_event_stream() {
        let text = "FilterStatement={\n 'And': [\n {'... recursive ...'},\n ],\n 'Not': {'... recursive ...'},\n}";
        let lit = parse(&format!("response = client.search_certificates(\n{text}\n)")).unwrap();
        let LiteralValue::Call(e) = lit.value else { panic!() };
        let LiteralValue::Dict(fs) = &e[0].value.value else { panic!() };
        assert_eq!(fs[0].value.value, LiteralValue::List(Box::new(Literal { value: LiteralValue::Recursive, line: 13 })));
        assert_eq!(fs[1].value.value, LiteralValue::Recursive);

        let LiteralValue::Dict(top) = value("{\n 'stream': EventStream({\n  'chunk': {\n   'bytes': b'bytes'\n  },\n  'trace': {}\n }),\n 'id': 'string'\n}") else {
            panic!()
        };
        let LiteralValue::EventStream(events) = &top[0].value.value else { panic!() };
        assert_eq!(keys(events), ["chunk", "trace"]);
    }

    #[test]
    fn s3_copy_source_alternatives() {
        let LiteralValue::Call(e) = value("response = client.copy_object(\n    CopySource='string' or {'Bucket': 'string', 'Key': 'string', 'VersionId': 'string'},\n    Key='string'\n)") else {
            panic!()
        };
        let LiteralValue::Alternatives(alts) = &e[0].value.value else { panic!() };
        assert_eq!(alts.len(), 2);
        assert_eq!(alts[0].value, LiteralValue::String);
        let LiteralValue::Dict(d) = &alts[1].value else { panic!() };
        assert_eq!(keys(d), ["Bucket", "Key", "VersionId"]);
    }

    #[test]
    fn very_long_enum_line() {
        let values: Vec<String> = (0..1500).map(|i| format!("m{i}.xlarge")).collect();
        let line = values.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join("|");
        assert!(line.len() > 21_000);
        let LiteralValue::Dict(entries) = value(&format!("{{\n 'InstanceType': {line}\n}}")) else { panic!() };
        assert_eq!(entries[0].value.value, LiteralValue::Enum(values));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let depth = 100_000;
        let text = format!("{}'string'{}", "[".repeat(depth), "]".repeat(depth));
        let e = err(&text);
        assert!(e.message.contains("deeper than"), "{e}");
        let ok = format!("{}'string'{}", "[".repeat(50), "]".repeat(50));
        assert!(matches!(value(&ok), LiteralValue::List(_)));
    }

    #[test]
    fn truncated_and_unbalanced_blocks() {
        let e = err("{\n    'A': 'string',\n    'B': [\n        'string',\n");
        assert_eq!(e.line, 14);
        assert!(e.message.contains("expected `]` closing the list opened on line 12"), "{e}");
        let e = err("response = client.x(\n    A='string'\n");
        assert!(e.message.contains("expected `)` closing the call opened on line 10"), "{e}");
        assert_eq!(e.line, 12);
        let e = err("{\n 'A': 'string'\n}\n}");
        assert_eq!(e.line, 13);
        assert!(e.message.contains("expected the end of the syntax block"), "{e}");
        let e = err("{\n 'A': 'str\n}");
        assert_eq!(e.line, 11);
        assert!(e.message.contains("unterminated"), "{e}");
        let e = err("{\n 'A' 'string'\n}");
        assert!(e.message.contains("expected `:` after key 'A', found 'string'"), "{e}");
        let e = err("{'A': 'x' 'y'}");
        assert!(e.message.contains("expected `,` or `}` after the value of 'A'"), "{e}");
        let e = err("");
        assert!(e.message.contains("expected a value"), "{e}");
    }

    #[test]
    fn unknown_forms_are_errors() {
        let e = err("{\n 'A': True|'x'\n}");
        assert_eq!(e.line, 11);
        assert!(e.message.contains("unknown value alternation"), "{e}");
        assert!(err("True").message.contains("alone"));
        assert!(err("{'A': #x\n}").message.contains("found `#`"));
        assert!(err("{'A': .5}").message.contains("found `.`"));
        assert!(err("[]").message.contains("expected a list element"));
    }

    #[test]
    fn non_ascii_inside_strings_is_kept() {
        assert_eq!(value("'caf\u{e9}\u{2028}x'"), LiteralValue::Enum(vec!["caf\u{e9}\u{2028}x".into()]));
    }
}
