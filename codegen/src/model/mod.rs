//! The one intermediate model: every documentation form is parsed into it, every output
//! (the generated crate, the botocore-format export) is produced from it.
//!
//! Shapes are named and referenced by name, as in botocore, so that identical structures
//! are shared and recursion is a plain name cycle. Docs never name most shapes; the naming
//! rules live in [`crate::model::assemble`]. All prose is Markdown.

pub mod apply;
pub mod assemble;
pub mod diff;
pub mod select;
pub mod wire;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One AWS service, merged from all its pages (and changelogs).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Service {
    /// boto3's service name, also the folder name under `docs-input/`: `dynamodb`.
    pub name: String,
    /// boto3's client class name: `DynamoDB`, `CloudHSMV2`.
    pub class_name: String,
    /// `Amazon DynamoDB`, from the index page's "A low-level client representing …".
    pub full_name: Option<String>,
    /// The abbreviation in parentheses after the full name, if any.
    pub abbreviation: Option<String>,
    /// The API documentation uid from the "See also" links: `dynamodb-2012-08-10`.
    pub uid: Option<String>,
    /// The API version, the date at the end of `uid`: `2012-08-10`.
    pub api_version: Option<String>,
    /// The service description from the index page (Markdown).
    pub docs: String,
    pub operations: BTreeMap<String, Operation>,
    pub shapes: BTreeMap<String, Shape>,
    pub paginators: BTreeMap<String, Paginator>,
    pub waiters: BTreeMap<String, Waiter>,
}

/// One API operation (a client method page).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Operation {
    /// PascalCase wire name, from the "See also" link: `ListBackups`.
    pub name: String,
    /// boto3's method name: `list_backups`.
    pub method: String,
    pub docs: String,
    pub deprecated: bool,
    /// Input structure; `None` when the method takes no arguments.
    pub input: Option<String>,
    /// Output structure; `None` when the page says `:returns: None`.
    pub output: Option<String>,
    /// Error shape names in the order the Exceptions list gives them.
    pub errors: Vec<String>,
    /// The changelog that last defined this operation, if one did.
    pub changelog: Option<ChangelogStamp>,
}

/// Which changelog page last touched an operation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ChangelogStamp {
    /// `2023-02-08`.
    pub date: String,
    /// The file name of the changelog page.
    pub file: String,
    /// `new` or `updated`.
    pub change: String,
}

/// A named shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shape {
    pub name: String,
    pub docs: String,
    pub kind: ShapeKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ShapeKind {
    Structure(Structure),
    List {
        member: String,
    },
    Map {
        key: String,
        value: String,
    },
    String,
    /// A string with documented values. Unknown values must still round-trip.
    Enum {
        values: Vec<String>,
    },
    /// The docs write both botocore `integer` and `long` as `integer`/`123`; emitted as i64.
    Integer,
    /// `123.0` in the syntax: botocore `double`.
    Double,
    /// `...` in the syntax: botocore `float`.
    Float,
    Boolean,
    Timestamp,
    Blob {
        /// A payload streamed as the body (`b'bytes'|file`, `StreamingBody()`).
        streaming: bool,
    },
    /// Free-form JSON (`{...}|[...]|123|123.4|'string'|True|None`).
    Document,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Structure {
    pub members: Vec<Member>,
    /// A tagged union: exactly one member is set.
    pub union: bool,
    /// An error shape named in an Exceptions list.
    pub exception: bool,
    /// An event stream (`EventStream({…})` in a response).
    pub event_stream: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Member {
    /// The wire name.
    pub name: String,
    /// The name of the target shape in [`Service::shapes`].
    pub target: String,
    /// `[REQUIRED]` in the request docs (the docs never mark output members).
    pub required: bool,
    pub docs: String,
    /// "This field is autopopulated if not provided."
    pub idempotency_token: bool,
}

/// How a paginated operation is walked. Inferred from the paginator page and the client
/// page it wraps (see [`crate::model::assemble`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Paginator {
    pub operation: String,
    pub input_token: Vec<String>,
    pub output_token: Vec<String>,
    pub limit_key: Option<String>,
    pub result_key: Vec<String>,
    /// The boolean member saying whether more pages follow (`IsTruncated`), when the
    /// response has one (botocore `more_results`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_results: Option<String>,
}

/// A waiter: polls an operation with a documented delay and attempt count. The docs do not
/// carry its acceptors; those come from the caller.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Waiter {
    pub name: String,
    pub operation: String,
    pub delay_seconds: u32,
    pub max_attempts: u32,
    pub docs: String,
}

impl Service {
    /// The shape a member or list element points at; `None` on a dangling name.
    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.shapes.get(name)
    }
}
