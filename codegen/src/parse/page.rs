//! What one documentation page says, independent of its form (RST, plain text, changelog).
//!
//! Each form's parser produces these; [`crate::model::assemble`] merges the pages of a service into
//! the named [`crate::model`]. Types here are anonymous trees, exactly as a page shows them.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem in the input, located: `file:line: message`. Used for errors and warnings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is with the file as a whole.
    pub line: u32,
    pub message: String,
}

impl Diagnostic {
    pub fn new(file: impl AsRef<Path>, line: u32, message: impl Into<String>) -> Self {
        Diagnostic { file: file.as_ref().to_path_buf(), line, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        }
    }
}

impl std::error::Error for Diagnostic {}

/// A service's index page (`<service>.rst`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndexPage {
    pub class_name: String,
    pub full_name: Option<String>,
    pub abbreviation: Option<String>,
    /// Markdown.
    pub docs: String,
}

/// Which of boto3's method pages this is.
#[derive(Debug, Clone, PartialEq)]
pub enum MethodKind {
    /// `<Cls>.Client.<method>`; `MethodPage::method` is the snake_case method name.
    Client,
    /// `<Cls>.Paginator.<Op>`; the request has lost its token and limit parameters and
    /// `PaginationConfig` (removed by the parser); `page_size` says whether
    /// `PaginationConfig` offered `PageSize`, i.e. whether the operation has a limit key.
    Paginator { page_size: bool },
    /// `<Cls>.Waiter.<Name>`; `WaiterConfig` is removed from the request by the parser.
    Waiter { delay_seconds: u32, max_attempts: u32 },
}

/// A client, paginator or waiter page.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodPage {
    pub file: PathBuf,
    /// Line of the `py:method`/`py:class` directive (or the title in other forms).
    pub line: u32,
    pub kind: MethodKind,
    /// `DynamoDB` from `DynamoDB.Client.list_backups`.
    pub class_name: String,
    /// Client: `list_backups`; paginator and waiter: the page's name (`ListBackups`,
    /// `TableExists`).
    pub method: String,
    /// PascalCase operation name from the `goto/WebAPI/<uid>/<Op>` link; `None` for custom
    /// methods (`can_paginate`, `get_waiter`, s3 `upload_file`, …) that have no link.
    pub operation: Option<String>,
    /// `dynamodb-2012-08-10` from the same link.
    pub uid: Option<String>,
    /// Paginator and waiter pages: the client method they call (`describe_backups`), from
    /// `:py:meth:`Cls.Client.describe_backups``.
    pub wraps: Option<String>,
    /// Markdown.
    pub docs: String,
    /// The page carries a `.. danger::` deprecation notice.
    pub deprecated: bool,
    pub request: Body,
    pub response: Body,
    /// Exception shape names, in order.
    pub errors: Vec<String>,
    /// Disagreements found while parsing (syntax block vs field list, …); not fatal.
    pub warnings: Vec<Diagnostic>,
}

impl MethodPage {
    /// A custom method (no Request Syntax, no API link): not part of the API model.
    pub fn is_custom(&self) -> bool {
        self.operation.is_none()
    }
}

/// A request or response as the page documents it.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// No input members (`method()`), or `:returns: None`.
    None,
    /// boto3 replaced the section with "This section is too large to render."
    TooLarge,
    /// The top-level structure.
    Shape(Node),
}

/// One node of an anonymous type tree: a parameter, a member, a list element, a map key or
/// value, built from the syntax literal and the field list together.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub ty: NodeType,
    /// Markdown. For a member this is the member's doc (or its shape's when the member has
    /// none); for a list element or map value, the element shape's doc.
    pub docs: String,
    /// `[REQUIRED]` (request side only).
    pub required: bool,
    /// "This field is autopopulated if not provided."
    pub idempotency_token: bool,
    /// Line in the page where the node is documented (its bullet or `:param`), or its syntax
    /// literal when the field list has no entry for it.
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeType {
    Structure {
        members: Vec<Field>,
        /// The "This is a Tagged Union structure" note was present.
        union: bool,
    },
    List(Box<Node>),
    Map {
        key: Box<Node>,
        value: Box<Node>,
    },
    String,
    /// A string with listed values (`'A'|'B'`, or a single-value `'X'`).
    Enum(Vec<String>),
    /// `123`: integer or long.
    Integer,
    /// `123.0`.
    Double,
    /// `...`.
    Float,
    Boolean,
    Timestamp,
    /// `b'bytes'`.
    Blob,
    /// `b'bytes'|file` (request payload) or `StreamingBody()` (response payload).
    StreamingBlob,
    /// `{...}|[...]|123|123.4|'string'|True|None`.
    Document,
    /// `{'... recursive ...'}`: a shape already on the path. The page does not say which;
    /// `union_keys` carries the key list of a union note on the recursive bullet, which
    /// identifies the target, and `is_list` the bullet's type.
    Recursive { union_keys: Vec<String>, is_list: bool },
    /// `EventStream({…})` in a response.
    EventStream { members: Vec<Field> },
}

/// A named member of a structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub node: Node,
}

impl Node {
    pub fn new(ty: NodeType, line: u32) -> Self {
        Node { ty, docs: String::new(), required: false, idempotency_token: false, line }
    }
}
