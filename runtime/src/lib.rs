//! Runtime for the generated AWS client crate: the [`Transport`] seam the generated
//! `Client`s call through, the error types they share, and the value types (timestamps,
//! blobs) their shapes use.
//!
//! The generated code serializes an operation's input to JSON and hands it, with the
//! service's and operation's wire facts, to a [`Transport`]. The transport lays the call
//! out for the service's protocol, sends it, and answers with the output JSON or a
//! [`ServiceError`]. A test transport answers from memory.

use std::fmt;

use futures::future::BoxFuture;

pub mod blob;
mod classify;
pub mod client;
pub mod datetime;
pub mod dynamodb_item;
pub mod enums;
pub mod json;
pub mod mock;
pub mod paginate;
pub mod schema;
pub mod waiter;

#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "protocol")]
pub mod protocol;

pub use blob::Blob;
pub use client::{decode, encode, idempotency_token, no_input, Call, ClientHandle};
pub use datetime::DateTime;
pub use json::{FromJson, JsonError, ToJson};
pub use mock::MockTransport;
pub use paginate::{PageToken, PaginationConfig, Paginated, PaginatorSpec};
pub use waiter::{Acceptor, Expected, Matcher, WaitResult, WaiterConfig, WaiterError, WaiterErrorReason, WaiterState};
#[cfg(feature = "http")]
pub use http::{Credentials, HttpTransport};

/// Facts about a service that the generated code knows and a transport needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceMeta {
    /// boto3's service name: `dynamodb`.
    pub name: &'static str,
    /// The API version: `2012-08-10`.
    pub api_version: &'static str,
    /// The wire protocol, when the service's protocol file gives it.
    pub protocol: Option<Protocol>,
}

/// The AWS wire protocols the runtime knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// `awsJson1_0`/`awsJson1_1`: POST `/` with `X-Amz-Target: <target_prefix>.<Operation>`.
    Json {
        version: &'static str,
        target_prefix: &'static str,
        signing_name: &'static str,
        endpoint_prefix: &'static str,
    },
    /// `restJson1`: each operation has an HTTP binding.
    RestJson {
        signing_name: &'static str,
        endpoint_prefix: &'static str,
    },
    /// `restXml` (S3, Route 53, CloudFront): HTTP bindings as `restJson1`, XML bodies.
    RestXml {
        signing_name: &'static str,
        endpoint_prefix: &'static str,
        /// The namespace of request documents without one of their own.
        xml_namespace: Option<&'static str>,
    },
    /// `awsQuery` (IAM, STS, SNS, …): a form-encoded POST of `Action`, `Version` and the
    /// input; XML responses under `<OpResponse><OpResult>`.
    Query {
        signing_name: &'static str,
        endpoint_prefix: &'static str,
    },
    /// `ec2Query`: EC2's form encoding (`Name.N` lists), responses without a result wrapper.
    Ec2 {
        signing_name: &'static str,
        endpoint_prefix: &'static str,
    },
}

impl Protocol {
    /// The SigV4 service name.
    pub fn signing_name(&self) -> &'static str {
        match *self {
            Protocol::Json { signing_name, .. }
            | Protocol::RestJson { signing_name, .. }
            | Protocol::RestXml { signing_name, .. }
            | Protocol::Query { signing_name, .. }
            | Protocol::Ec2 { signing_name, .. } => signing_name,
        }
    }

    /// The endpoint's first label: `https://<prefix>.<region>.amazonaws.com`.
    pub fn endpoint_prefix(&self) -> &'static str {
        match *self {
            Protocol::Json { endpoint_prefix, .. }
            | Protocol::RestJson { endpoint_prefix, .. }
            | Protocol::RestXml { endpoint_prefix, .. }
            | Protocol::Query { endpoint_prefix, .. }
            | Protocol::Ec2 { endpoint_prefix, .. } => endpoint_prefix,
        }
    }
}

/// What the generated code knows of one operation: its wire name and how it travels. One
/// `static` per operation, shared by its method, paginators and waiters.
#[derive(Debug)]
pub struct OperationSpec {
    /// The wire name: `ListBackups`.
    pub name: &'static str,
    /// Where each member goes, for the REST protocols (restJson1, rest-xml).
    pub binding: Option<&'static HttpBinding>,
    /// The input and output shapes, for the XML protocols (rest-xml, query, ec2).
    pub schema: Option<&'static schema::OperationSchema>,
}

/// Specs are statics: the same operation is the same static.
impl PartialEq for OperationSpec {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for OperationSpec {}

impl OperationSpec {
    /// An operation of a protocol that needs neither binding nor schema (awsJson).
    pub const fn named(name: &'static str) -> Self {
        OperationSpec { name, binding: None, schema: None }
    }
}

/// One operation call, as the generated client hands it to a [`Transport`].
#[derive(Debug, Clone, PartialEq)]
pub struct OperationRequest {
    pub service: &'static ServiceMeta,
    /// The wire name: `ListBackups`.
    pub operation: &'static str,
    /// The input, serialized with its wire member names (an object; `{}` without input).
    pub input: serde_json::Value,
    /// Where each member goes on the wire, for `restJson1` services (from the service's
    /// protocol file); `None` when the docs-input gives no binding for this operation.
    pub binding: Option<&'static HttpBinding>,
    /// The shapes of the input and output, for the XML protocols (rest-xml, query, ec2);
    /// `None` for the JSON protocols.
    pub schema: Option<&'static schema::OperationSchema>,
}

/// A `restJson1` operation's HTTP layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpBinding {
    /// `GET`, `PUT`, …
    pub method: &'static str,
    /// URI template with `{Label}` and greedy `{Label+}` placeholders and an optional fixed
    /// query: `/backup-vaults/{backupVaultName}?tagging`.
    pub uri: &'static str,
    /// Members not listed here go in the JSON body.
    pub members: &'static [MemberBinding],
}

/// Where one top-level input or output member travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberBinding {
    /// The member's name in the input/output JSON.
    pub member: &'static str,
    pub location: Location,
    /// The name on the wire: URI label, query key or header name (the prefix, for a map of
    /// prefixed headers).
    pub wire_name: &'static str,
    /// The member's type, from the model: the JSON body carries its own types, but a URI,
    /// query or header value is text, and a timestamp or number there is only recognisable
    /// (and a header read back into the right JSON type) when the type is known.
    pub wire_type: WireType,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    /// The HTTP status code of a response.
    StatusCode,
    /// The member *is* the body (a blob or structure payload).
    Payload,
}

/// The type of a [`MemberBinding`]'s member, as far as its text form on the wire depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireType {
    /// Strings and enums.
    String,
    /// Integers and longs.
    Integer,
    /// Floats and doubles.
    Float,
    Boolean,
    /// ISO 8601 in a URI or query, an HTTP date in a header (restJson1 defaults); epoch
    /// seconds in the JSON input and output.
    Timestamp,
    /// Base64 in the JSON input and output and in a header; raw bytes as a payload.
    Blob,
    /// A structure or union; as a payload, the JSON body.
    Structure,
    /// A list of the given element type: repeated query keys, comma-separated header values.
    List(&'static WireType),
    /// A map: every key becomes a query key, or a header named `wire_name` + key.
    Map,
}

/// The [`Transport`]'s answer when the service answered with an error.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceError {
    /// The error code without namespace: `ResourceNotFoundException`.
    pub code: String,
    pub message: Option<String>,
    pub request_id: Option<String>,
    /// The HTTP status, when there was one.
    pub status: Option<u16>,
    /// The error body's members (a JSON object's fields; empty without a JSON body), from
    /// which a documented error's own members are decoded ([`ErrorShape`]).
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// A documented service error: what every error carries (`error`: code, message, request id,
/// status) and the members of its own error shape (`shape`), decoded from the error body.
/// Derefs to the shape, so `e.item` reads a member and `e.error.message` the message.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorShape<T> {
    pub error: ServiceError,
    pub shape: T,
}

impl<T: json::FromJson + Default> ErrorShape<T> {
    /// Decodes the shape's members from `error.fields`; a body that does not fit the shape
    /// (an older or newer service) gives the default shape, the fields staying in `error`.
    pub fn decode(error: ServiceError) -> Self {
        let shape = T::from_json(serde_json::Value::Object(error.fields.clone())).unwrap_or_default();
        ErrorShape { error, shape }
    }
}

/// The common fields, the same way for every error: `e.code()` is the error code even where
/// the shape has a member of its own called `Code` (Backup's), which `e.code` reads.
impl<T> ErrorShape<T> {
    /// The error code without namespace: `ConditionalCheckFailedException`.
    pub fn code(&self) -> &str {
        &self.error.code
    }

    /// The message, whichever of `message`, `Message` or `errorMessage` the body used.
    pub fn message(&self) -> Option<&str> {
        self.error.message.as_deref()
    }

    pub fn request_id(&self) -> Option<&str> {
        self.error.request_id.as_deref()
    }

    /// The HTTP status, when there was one.
    pub fn status(&self) -> Option<u16> {
        self.error.status
    }
}

impl<T> std::ops::Deref for ErrorShape<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.shape
    }
}

impl<T> fmt::Display for ErrorShape<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

impl ServiceError {
    /// Whether another attempt may succeed: throttling, a transient code or status (5xx, 429).
    pub fn is_retryable(&self) -> bool {
        classify::is_retryable_service_error(self)
    }
}

/// Why a call produced neither an output nor a service error.
#[derive(Debug)]
pub struct TransportError {
    pub kind: TransportErrorKind,
    pub message: String,
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// Could not connect, or the connection broke.
    Connection,
    /// The call or an attempt timed out.
    Timeout,
    /// The response could not be decoded (malformed body, wrong shape).
    Decode,
    /// The request could not be built or signed (no credentials, no region, …).
    Request,
    /// The service's wire facts are missing for this operation (no protocol, no HTTP binding).
    MissingBinding,
    /// Anything else.
    Other,
}

impl TransportError {
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into(), source: None }
    }

    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }
}

impl TransportError {
    /// Whether another attempt may succeed: a broken connection or a timeout.
    pub fn is_retryable(&self) -> bool {
        classify::is_retryable_transport_error(self.kind)
    }
}

/// The kind and message, then each cause down to the root: a failed connection reads
/// `Connection error: the connection failed: error sending request for url (http://…):
/// client error (Connect): tcp connect error: Connection refused (os error 111)`, so a
/// one-line log names the URL and the operating system's error.
impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} error: {}", self.kind, self.message)?;
        let mut cause = std::error::Error::source(self);
        let mut last = String::new();
        while let Some(error) = cause {
            let text = error.to_string();
            // Wrappers often repeat their source's text; say each thing once.
            if !text.is_empty() && !last.contains(&text) {
                write!(f, ": {text}")?;
            }
            last = text;
            cause = error.source();
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// What a [`Transport`] answers: the output JSON, or why there is none.
#[derive(Debug)]
pub enum CallError {
    Service(ServiceError),
    Transport(TransportError),
}

impl From<TransportError> for CallError {
    fn from(e: TransportError) -> Self {
        CallError::Transport(e)
    }
}

impl From<ServiceError> for CallError {
    fn from(e: ServiceError) -> Self {
        CallError::Service(e)
    }
}

/// What every operation's error answers, whatever the operation: the generated error enums
/// implement it, so code handling the errors of many operations needs no macro.
///
/// ```
/// use awsdoc_runtime::OperationError;
///
/// fn log_failure(error: &impl OperationError) {
///     match (error.code(), error.status()) {
///         (Some(code), status) => eprintln!("service said {code} (HTTP {status:?}), retryable: {}", error.is_retryable()),
///         (None, _) => eprintln!("no answer: {error}"),
///     }
/// }
/// ```
pub trait OperationError: std::error::Error + Send + Sync + 'static {
    /// The service's answer, unless the call failed before there was one.
    fn service_error(&self) -> Option<&ServiceError>;

    /// Why there was no usable answer (connection, timeout, decoding, missing wire facts).
    fn transport_error(&self) -> Option<&TransportError>;

    /// The error code without namespace: `ResourceNotFoundException`.
    fn code(&self) -> Option<&str> {
        self.service_error().map(|e| e.code.as_str())
    }

    fn message(&self) -> Option<&str> {
        self.service_error().and_then(|e| e.message.as_deref())
    }

    fn request_id(&self) -> Option<&str> {
        self.service_error().and_then(|e| e.request_id.as_deref())
    }

    /// The HTTP status of the service's answer.
    fn status(&self) -> Option<u16> {
        self.service_error().and_then(|e| e.status)
    }

    /// Whether the same call may succeed later: throttling, 5xx, a broken connection, a
    /// timeout. (The transport has already retried these up to its attempt limit.)
    fn is_retryable(&self) -> bool {
        match (self.service_error(), self.transport_error()) {
            (Some(e), _) => e.is_retryable(),
            (None, Some(e)) => e.is_retryable(),
            (None, None) => false,
        }
    }
}

/// How a generated client reaches a service.
pub trait Transport: Send + Sync {
    fn call(&self, request: OperationRequest) -> BoxFuture<'_, Result<serde_json::Value, CallError>>;
}
