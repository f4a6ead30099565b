//! The one intermediate model: every documentation form is parsed into it, every output
//! (the generated crate, the botocore-format export) is produced from it.
//!
//! Shapes are named and referenced by name, as in botocore, so that identical structures
//! are shared and recursion is a plain name cycle. Docs never name most shapes; the naming
//! rules live in [`crate::model::assemble`]. All prose is Markdown.

pub mod apply;
pub mod assemble;
pub mod diff;
pub mod reference;
pub mod select;
pub mod waiter_facts;
pub mod waiter_infer;
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
    /// How calls travel, from the API Reference pages and `protocol.json`; `None` when
    /// neither says (the client then cannot send calls).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
}

/// The service's wire protocol and the names it is addressed and signed by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Protocol {
    pub kind: ProtocolKind,
    /// The SigV4 service name: `cloudhsm` for CloudHSM V2.
    pub signing_name: String,
    /// The endpoint's first label: `cloudhsmv2`.
    pub endpoint_prefix: String,
    /// The XML namespace of the service's documents (rest-xml, query): botocore's
    /// `metadata.xmlNamespace`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xml_namespace: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "protocol", rename_all = "kebab-case")]
pub enum ProtocolKind {
    /// awsJson: POST / with `X-Amz-Target: <target_prefix>.<Operation>`; `version` is `1.0`
    /// or `1.1`.
    Json { version: String, target_prefix: String },
    /// restJson1: each operation has its [`HttpBinding`].
    RestJson,
    /// rest-xml (S3, Route 53, CloudFront): HTTP bindings as restJson1, XML bodies.
    RestXml,
    /// query (IAM, STS, SNS, …): POST / with a form body `Action=<Op>&Version=<api version>`;
    /// XML responses under `<OpResponse><OpResult>`.
    Query,
    /// EC2's query dialect: lists as `Name.N`, responses without a result wrapper.
    Ec2,
}

impl ProtocolKind {
    /// Whether responses (and rest-xml requests) are XML documents.
    pub fn is_xml(&self) -> bool {
        matches!(self, ProtocolKind::RestXml | ProtocolKind::Query | ProtocolKind::Ec2)
    }
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
    /// restJson1: the HTTP request line and success status, from the API Reference page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<HttpBinding>,
    /// query: the element wrapping the output's members inside `<OpResponse>`
    /// (`<ListUsersResult>`); botocore's `resultWrapper`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_wrapper: Option<String>,
    /// rest-xml: the request document's root element when the input itself is the body
    /// (no payload member): botocore's input `locationName` and `xmlNamespace`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_root: Option<XmlRoot>,
    /// The boto3 page the operation came from, for diagnostics that name both forms.
    #[serde(skip)]
    pub page: Option<PageRef>,
}

/// Where in the docs folder something was documented.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageRef {
    pub file: std::path::PathBuf,
    pub line: u32,
}

impl std::fmt::Display for PageRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// A restJson1 operation's request line. Members say where they travel
/// ([`Member::location`]); those without a location travel in the JSON body.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HttpBinding {
    /// `GET`, `PUT`, …
    pub method: String,
    /// `/backup-vaults/{backupVaultName}`, greedy labels `{Key+}`, fixed query parts after `?`.
    pub uri: String,
    /// The success status when it is not 200.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_code: Option<u16>,
}

/// Where a top-level input or output member travels when not in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Location {
    /// A URI label; the wire name is the label.
    Path,
    /// A query parameter; a map member without wire name spreads its entries as parameters.
    Query,
    /// A header; a map member's wire name is the prefix of its headers.
    Header,
    /// The response's HTTP status.
    StatusCode,
    /// The whole body (a blob or a structure).
    Payload,
}

/// The root element of an XML document: `<CreateHostedZoneRequest xmlns="…">`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct XmlRoot {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<XmlNamespace>,
}

/// An `xmlns` (or `xmlns:prefix`) declaration.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct XmlNamespace {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    pub uri: String,
}

/// How a member travels in an XML document or a query string, where that differs from the
/// defaults (element named as the member, a child element, namespace inherited).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MemberXml {
    /// The element name (rest-xml, query responses) or, on ec2, the response element name
    /// (`reservationSet`), when it is not the member name: botocore's `locationName` of a
    /// member not bound by [`Location`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// ec2: the request key when it is not the capitalised [`Self::name`] or member name:
    /// botocore's `queryName`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_name: Option<String>,
    /// A list or map written as repeated elements without a wrapper (set on the member; the
    /// list or map shape can say so too, [`ShapeXml::flattened`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flattened: bool,
    /// An attribute of the parent element rather than a child (`xsi:type` of S3's `Grantee`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub attribute: bool,
    /// The element's own namespace (S3's payload roots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<XmlNamespace>,
}

impl MemberXml {
    pub fn is_empty(&self) -> bool {
        *self == MemberXml::default()
    }
}

/// XML facts of a list or map shape.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ShapeXml {
    /// A list's item element name when not `member` (`Tag`, ec2's `item`); botocore's list
    /// member `locationName`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_name: Option<String>,
    /// A map's key and value element names when not `key` / `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_name: Option<String>,
    /// Items repeated without a wrapper element.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flattened: bool,
}

impl ShapeXml {
    pub fn is_empty(&self) -> bool {
        *self == ShapeXml::default()
    }
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
    /// XML facts of a list or map (XML protocols only).
    #[serde(default, skip_serializing_if = "ShapeXml::is_empty")]
    pub xml: ShapeXml,
}

impl Shape {
    pub fn new(name: impl Into<String>, docs: impl Into<String>, kind: ShapeKind) -> Shape {
        Shape { name: name.into(), docs: docs.into(), kind, xml: ShapeXml::default() }
    }
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
    /// A 32-bit integer. boto3's pages write `integer` and `long` alike; the API Reference's
    /// `Type: Long` makes a [`ShapeKind::Long`].
    Integer,
    /// A 64-bit integer (`Type: Long`).
    Long,
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
    /// An error shape's HTTP status, from the API Reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_status: Option<u16>,
    /// An error shape's code on the wire when it is not the shape's name (query services:
    /// `NoSuchEntity` for `NoSuchEntityException`); botocore's `error.code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
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
    /// Where a top-level member of an operation's input or output travels; `None`: the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// The wire name with [`Self::location`]: the URI label, query key, header (or header
    /// prefix); `None` for a query map, a status code or a payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_name: Option<String>,
    /// The API Reference's constraints on the value (length, range, pattern, item counts).
    #[serde(default, skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
    /// XML and query wire names (XML protocols only).
    #[serde(default, skip_serializing_if = "MemberXml::is_empty")]
    pub xml: MemberXml,
}

/// Limits the API Reference states for a member's value, as written there.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Constraints {
    /// Length of a string or blob, items of a list, entries of a map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        self.min.is_none() && self.max.is_none() && self.pattern.is_none()
    }
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
/// carry its acceptors: they are inferred ([`crate::model::waiter_infer`]) or hand-written
/// (`waiters.json`, [`crate::model::waiter_facts`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Waiter {
    pub name: String,
    pub operation: String,
    pub delay_seconds: u32,
    pub max_attempts: u32,
    pub docs: String,
    /// Tried in order on each poll; the first that matches decides. Empty: none known (the
    /// caller must give one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acceptors: Vec<Acceptor>,
    /// Where [`Self::acceptors`] came from.
    #[serde(default)]
    pub acceptor_source: AcceptorSource,
}

/// Whether a waiter's acceptors were inferred or written by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AcceptorSource {
    #[default]
    Inferred,
    /// `docs-input/<service>/waiters.json`.
    Facts,
}

/// One acceptor, botocore's `waiters-2.json` form: when `matcher` matches a poll, the wait
/// moves to `state`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acceptor {
    pub state: AcceptorState,
    pub matcher: Matcher,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AcceptorState {
    Success,
    Failure,
    Retry,
}

/// What an acceptor looks at. Paths are a JMESPath subset (dotted members, `[]` flattening,
/// `length(…)`, `==`), evaluated over the output JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "matcher", rename_all = "camelCase")]
pub enum Matcher {
    /// The path's value equals `expected`.
    Path { argument: String, expected: Expected },
    /// Every value the path gives (a non-empty list) equals `expected`.
    PathAll { argument: String, expected: Expected },
    /// Some value the path gives equals `expected`.
    PathAny { argument: String, expected: Expected },
    /// The HTTP status of the answer.
    Status { expected: u16 },
    /// The error code (`ResourceNotFoundException`).
    Error { expected: String },
    /// `true`: any error; `false`: no error (botocore's boolean `error` matcher).
    AnyError { expected: bool },
}

/// A value a path is compared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Expected {
    Bool(bool),
    Int(i64),
    Str(String),
}

impl Service {
    /// The shape a member or list element points at; `None` on a dangling name.
    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.shapes.get(name)
    }
}
