//! The XML of the API Reference's syntax blocks and sample responses, read into an element
//! tree: just enough XML for what the pages show (`shared/docs/apiref-format.md` §4, §6.4,
//! §9). A rest-xml syntax block writes each element with its scalar type word as text
//! (`<Key>string</Key>`) and marks a repeated element with a `...` line after it; sample
//! responses are real documents (`<DescribeInstancesResponse xmlns="…">`, attributes such as
//! `xsi:type="CanonicalUser"`).
//!
//! The reader is tolerant, never strict: the pages are documentation, not documents. A
//! closing tag without its opening tag is skipped, elements still open at the end are closed,
//! `<?xml …?>`, comments and `<!DOCTYPE …>` are skipped, and text that is not markup (`&lt;`,
//! a stray `<`) is text. It never panics, and nesting deeper than [`MAX_DEPTH`] ends the read
//! (real blocks nest nine levels).

/// Deeper nesting than this stops the reader, so hostile input cannot exhaust memory or the
/// stack of whoever walks the tree.
pub const MAX_DEPTH: usize = 64;

/// One element as the block writes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct XmlElement {
    /// The tag name as written, with its prefix (`xsi:type`).
    pub name: String,
    /// 1-based line of the opening tag in the page.
    pub line: u32,
    /// `name="value"` pairs in order, `xmlns` and `xmlns:prefix` included.
    pub attributes: Vec<(String, String)>,
    pub children: Vec<XmlElement>,
    /// The text content (trimmed, pieces joined by a space), when there is any: the type
    /// word of a syntax block's leaf (`string`, `integer`), a sample's value.
    pub text: Option<String>,
    /// Followed by a `...` line: the element repeats (a flattened list in a syntax block).
    pub repeated: bool,
}

impl XmlElement {
    /// The value of an attribute.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The default namespace this element declares (`xmlns="…"`).
    pub fn namespace(&self) -> Option<&str> {
        self.attribute("xmlns")
    }

    /// The first child of that name.
    pub fn child(&self, name: &str) -> Option<&XmlElement> {
        self.children.iter().find(|c| c.name == name)
    }
}

/// Reads the elements of `text`, whose first line is line `first_line` (1-based) of the
/// page; the top-level elements in order (usually one root).
pub fn parse_elements(text: &str, first_line: u32) -> Vec<XmlElement> {
    let mut reader = Reader { text, at: 0, line: first_line, stack: Vec::new(), roots: Vec::new() };
    reader.run();
    reader.finish()
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
    line: u32,
    /// Open elements, innermost last.
    stack: Vec<XmlElement>,
    roots: Vec<XmlElement>,
}

impl Reader<'_> {
    fn rest(&self) -> &str {
        self.text.get(self.at..).unwrap_or("")
    }

    /// Moves past `n` bytes, counting the lines passed.
    fn advance(&mut self, n: usize) {
        let end = (self.at + n).min(self.text.len());
        let passed = self.text.get(self.at..end).unwrap_or("");
        self.line = self.line.saturating_add(passed.matches('\n').count() as u32);
        self.at = end;
    }

    fn run(&mut self) {
        while self.at < self.text.len() {
            let rest = self.rest();
            let Some(open) = rest.find('<') else {
                let text = rest.to_string();
                self.text_run(&text);
                self.advance(text.len());
                break;
            };
            if open > 0 {
                let text = rest.get(..open).unwrap_or("").to_string();
                self.text_run(&text);
                self.advance(open);
                continue;
            }
            // At a `<`.
            for (start, end) in [("<?", "?>"), ("<!--", "-->"), ("<!", ">")] {
                if rest.starts_with(start) {
                    let skip = rest.find(end).map_or(rest.len(), |k| k + end.len());
                    self.advance(skip);
                    break;
                }
            }
            let rest = self.rest();
            if !rest.starts_with('<') {
                continue;
            }
            match tag(rest) {
                Some((Tag::Close(name), len)) => {
                    self.advance(len);
                    self.close(&name);
                }
                Some((Tag::Open { name, attributes, empty }, len)) => {
                    let line = self.line;
                    self.advance(len);
                    if self.stack.len() >= MAX_DEPTH {
                        self.at = self.text.len();
                        return;
                    }
                    let element = XmlElement { name, line, attributes, ..Default::default() };
                    if empty {
                        self.push_done(element);
                    } else {
                        self.stack.push(element);
                    }
                }
                None => {
                    // A `<` that opens no tag: text.
                    self.text_run("<");
                    self.advance(1);
                }
            }
        }
    }

    /// Text between tags: `...` marks the element just closed as repeated; other text is the
    /// open element's content.
    fn text_run(&mut self, text: &str) {
        for piece in text.split('\n') {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            if piece.chars().all(|c| c == '.' || c == '…') && (piece.len() >= 3 || piece == "…") {
                let siblings = match self.stack.last_mut() {
                    Some(open) => &mut open.children,
                    None => &mut self.roots,
                };
                if let Some(last) = siblings.last_mut() {
                    last.repeated = true;
                }
                continue;
            }
            if let Some(open) = self.stack.last_mut() {
                match &mut open.text {
                    Some(t) => {
                        t.push(' ');
                        t.push_str(piece);
                    }
                    None => open.text = Some(piece.to_string()),
                }
            }
        }
    }

    /// Closes the innermost open element of that name and those inside it; a closing tag
    /// that matches no open element is skipped.
    fn close(&mut self, name: &str) {
        let Some(k) = self.stack.iter().rposition(|e| e.name == name) else { return };
        while self.stack.len() > k {
            let Some(element) = self.stack.pop() else { break };
            self.push_done(element);
        }
    }

    fn push_done(&mut self, element: XmlElement) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(element),
            None => self.roots.push(element),
        }
    }

    fn finish(mut self) -> Vec<XmlElement> {
        while let Some(element) = self.stack.pop() {
            self.push_done(element);
        }
        self.roots
    }
}

enum Tag {
    Open { name: String, attributes: Vec<(String, String)>, empty: bool },
    Close(String),
}

fn name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ':' | '-' | '_' | '.')
}

/// A tag at the start of `text` (which starts with `<`) and its length in bytes.
fn tag(text: &str) -> Option<(Tag, usize)> {
    let inner = text.get(1..)?;
    if let Some(close) = inner.strip_prefix('/') {
        let name: String = close.chars().take_while(|&c| name_char(c)).collect();
        let after = close.get(name.len()..)?;
        let gt = after.find('>')?;
        if name.is_empty() || !after.get(..gt)?.trim().is_empty() {
            return None;
        }
        return Some((Tag::Close(name.clone()), 2 + name.len() + gt + 1));
    }
    let name: String = inner.chars().take_while(|&c| name_char(c)).collect();
    if name.is_empty() || !name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        return None;
    }
    let mut rest = inner.get(name.len()..)?;
    let mut attributes = Vec::new();
    loop {
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix("/>") {
            let len = text.len() - after.len();
            return Some((Tag::Open { name, attributes, empty: true }, len));
        }
        if let Some(after) = trimmed.strip_prefix('>') {
            let len = text.len() - after.len();
            return Some((Tag::Open { name, attributes, empty: false }, len));
        }
        // An attribute must follow whitespace.
        if trimmed.len() == rest.len() {
            return None;
        }
        let key: String = trimmed.chars().take_while(|&c| name_char(c)).collect();
        if key.is_empty() {
            return None;
        }
        let after_key = trimmed.get(key.len()..)?.trim_start();
        let value_part = after_key.strip_prefix('=')?.trim_start();
        let quote = value_part.chars().next().filter(|&q| q == '"' || q == '\'')?;
        let body = value_part.get(1..)?;
        let end = body.find(quote)?;
        attributes.push((key, body.get(..end)?.to_string()));
        rest = body.get(end + 1..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(elements: &[XmlElement]) -> Vec<(&str, bool)> {
        elements.iter().map(|e| (e.name.as_str(), e.repeated)).collect()
    }

    /// S3 `ListObjectsV2`'s response syntax (abridged): `...` after an element repeats it.
    #[test]
    fn repetition_marks_and_type_words() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult>\n   <IsTruncated>boolean</IsTruncated>\n   <Contents>\n      <ChecksumAlgorithm>string</ChecksumAlgorithm>\n      ...\n      <Size>long</Size>\n   </Contents>\n   ...\n   <Name>string</Name>\n</ListBucketResult>";
        let roots = parse_elements(text, 10);
        assert_eq!(names(&roots), [("ListBucketResult", false)]);
        let root = &roots[0];
        assert_eq!(root.line, 11);
        assert_eq!(names(&root.children), [("IsTruncated", false), ("Contents", true), ("Name", false)]);
        let contents = &root.children[1];
        assert_eq!(contents.line, 13);
        assert_eq!(names(&contents.children), [("ChecksumAlgorithm", true), ("Size", false)]);
        assert_eq!(contents.children[1].text.as_deref(), Some("long"));
        assert_eq!(contents.text, None);
    }

    /// A root with its namespace, an attribute over two lines, empty elements.
    #[test]
    fn attributes_namespaces_and_empty_elements() {
        let text = "HTTP/1.1 200 OK\n<AccessControlPolicy xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\n  <Grant>\n    <Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n\t\txsi:type=\"CanonicalUser\">\n      <ID>75aa</ID>\n    </Grantee>\n    <groupSet/>\n  </Grant>\n</AccessControlPolicy>";
        let roots = parse_elements(text, 1);
        let root = &roots[0];
        assert_eq!(root.namespace(), Some("http://s3.amazonaws.com/doc/2006-03-01/"));
        let grant = root.child("Grant").expect("Grant");
        let grantee = grant.child("Grantee").expect("Grantee");
        assert_eq!(grantee.attribute("xsi:type"), Some("CanonicalUser"));
        assert_eq!(grantee.attribute("xmlns:xsi"), Some("http://www.w3.org/2001/XMLSchema-instance"));
        assert_eq!(grantee.line, 4);
        assert_eq!(grant.child("groupSet").map(|g| g.children.len()), Some(0));
        assert_eq!(grantee.child("ID").and_then(|i| i.text.as_deref()), Some("75aa"));
    }

    #[test]
    fn tolerates_what_pages_get_wrong() {
        // A wrong closing tag (STS AssumeRoot), escaped markup (IAM), an unclosed root.
        let roots = parse_elements("<AssumeRootResponse>\n<AssumeRootResult>\n<A>x</A>\n</AssumeRoleResult>\n&lt;B&gt;\n< 3\n", 1);
        assert_eq!(names(&roots), [("AssumeRootResponse", false)]);
        let result = &roots[0].children[0];
        assert_eq!(result.name, "AssumeRootResult");
        assert_eq!(result.children[0].text.as_deref(), Some("x"));
        assert_eq!(result.text.as_deref(), Some("&lt;B&gt; < 3"));
        assert!(parse_elements("no markup at all", 1).is_empty());
        // Hostile nesting stops at the limit.
        let deep = "<a>".repeat(10_000);
        let roots = parse_elements(&deep, 1);
        let mut depth = 0;
        let mut at = roots.first();
        while let Some(e) = at {
            depth += 1;
            at = e.children.first();
        }
        assert_eq!(depth, MAX_DEPTH);
        for cut in ["<", "<a", "<a b", "<a b=", "<a b=\"", "</", "</a", "<?x", "<!--", "<a/", "<:>"] {
            let _ = parse_elements(cut, 1);
        }
    }
}
