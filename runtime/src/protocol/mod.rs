//! The wire layout of a call, one module per AWS protocol, without I/O: an
//! [`OperationRequest`] becomes method, path, headers and body ([`lay_out`]); a response's
//! status, headers and body become the output JSON or a [`ServiceError`]
//! ([`decode_response`]). The HTTP transport (`crate::http`) sends what these produce.
//!
//! | protocol | module | request | response |
//! | --- | --- | --- | --- |
//! | awsJson 1.0/1.1 | [`aws_json`] | JSON body, `X-Amz-Target` | JSON |
//! | restJson1 | [`rest_json`] | HTTP bindings, JSON body | bindings, JSON |
//! | rest-xml (S3, Route 53) | [`rest_xml`] | HTTP bindings, XML body | bindings, XML |
//! | query (IAM, STS, SNS) | [`query`] | form body `Action=…&Version=…` | XML |
//! | ec2 | [`ec2`] | EC2's form dialect | XML |
//!
//! Shared pieces: [`xml`] (the element tree and the schema-directed XML ⇄ JSON conversion),
//! `binding` (URI labels, query and headers of the REST protocols), [`s3`] (bucket
//! addressing and checksums).

pub mod aws_json;
mod binding;
pub mod ec2;
pub mod query;
pub mod rest_json;
pub mod rest_xml;
pub mod s3;
pub mod xml;

use serde_json::{Map, Value};

/// Response headers, as the HTTP client hands them over (`http::HeaderMap`, reqwest's own).
pub use http_types::HeaderMap;

use crate::{OperationRequest, Protocol, ServiceError, TransportError, TransportErrorKind};

/// An HTTP request before signing: the path is relative to the endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireRequest {
    pub method: &'static str,
    /// Percent-encoded path with the query: `/backup-vaults/my%20vault?maxResults=1`.
    pub path_and_query: String,
    /// Header names as the protocol spells them; the client lower-cases them on the wire.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// S3: the bucket of a `/{Bucket}…` URI. [`Self::path_and_query`] holds the path-style
    /// form (`/bucket/key`); [`s3::request_url`] moves the bucket into the host when it can.
    pub bucket: Option<String>,
}

impl WireRequest {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What a response decodes to when it is not a success.
#[derive(Debug)]
pub enum Failure {
    /// The service answered with an error (an error status, or S3's 200 with `<Error>`).
    Service(ServiceError),
    /// The response could not be decoded.
    Transport(TransportError),
}

/// The service's protocol, or the MissingBinding error that names the operation.
pub fn protocol_of(request: &OperationRequest) -> Result<Protocol, TransportError> {
    request.service.protocol.ok_or_else(|| {
        TransportError::new(
            TransportErrorKind::MissingBinding,
            format!(
                "{}.{}: the service has no wire protocol (docs-input/{}/protocol.json is missing)",
                request.service.name, request.operation, request.service.name
            ),
        )
    })
}

/// Lays the call out for its service's protocol.
pub fn lay_out(request: &OperationRequest) -> Result<WireRequest, TransportError> {
    match protocol_of(request)? {
        Protocol::Json {
            version,
            target_prefix,
            ..
        } => aws_json::lay_out(request, version, target_prefix),
        Protocol::RestJson { .. } => rest_json::lay_out(request),
        Protocol::RestXml {
            signing_name,
            xml_namespace,
            ..
        } => rest_xml::lay_out(request, signing_name, xml_namespace),
        Protocol::Query { .. } => query::lay_out(request),
        Protocol::Ec2 { .. } => ec2::lay_out(request),
    }
}

/// Decodes a response for the request's protocol: a success is the output JSON (an object),
/// an error status a [`ServiceError`]. Never panics, whatever the bytes.
pub fn decode_response(
    request: &OperationRequest,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Value, Failure> {
    let protocol = protocol_of(request).map_err(Failure::Transport)?;
    let result = match protocol {
        Protocol::Json { .. } => aws_json::decode_response(status, headers, body),
        Protocol::RestJson { .. } => rest_json::decode_response(request, status, headers, body),
        Protocol::RestXml { signing_name, .. } => {
            rest_xml::decode_response(request, signing_name, status, headers, body)
        }
        Protocol::Query { .. } => query::decode_response(request, status, headers, body),
        Protocol::Ec2 { .. } => ec2::decode_response(request, status, headers, body),
    };
    // Name the operation in decode errors: the message alone rarely says which call it was.
    result.map_err(|failure| match failure {
        // An error status whose body the protocol cannot read (a load balancer's HTML page,
        // an empty 503) is still the service's answer: an error known by its status, which
        // the caller can match and the retry policy can retry.
        Failure::Transport(e) if e.kind == TransportErrorKind::Decode && status >= 400 => {
            let mut error = status_error(status, headers);
            if !is_blank(body) {
                // The start of the page, as text: enough to recognise a proxy's error page.
                let start = String::from_utf8_lossy(&body[..body.len().min(200)]).trim().to_string();
                error.message = Some(start);
            }
            Failure::Service(error)
        }
        Failure::Transport(e) if e.kind == TransportErrorKind::Decode => {
            Failure::Transport(TransportError {
                message: format!(
                    "{}.{}: {}",
                    request.service.name, request.operation, e.message
                ),
                ..e
            })
        }
        other => other,
    })
}

pub(crate) fn request_error(message: impl Into<String>) -> TransportError {
    TransportError::new(TransportErrorKind::Request, message)
}

pub(crate) fn decode_error(message: impl Into<String>) -> TransportError {
    TransportError::new(TransportErrorKind::Decode, message)
}

fn missing_binding(request: &OperationRequest, what: &str) -> TransportError {
    TransportError::new(
        TransportErrorKind::MissingBinding,
        format!(
            "{}.{}: {what} (add it to docs-input/{}/protocol.json)",
            request.service.name, request.operation, request.service.name
        ),
    )
}

pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The input as an object (`null` is no input).
pub(crate) fn input_object<'a>(
    operation: &str,
    input: &'a Value,
) -> Result<std::borrow::Cow<'a, Map<String, Value>>, TransportError> {
    match input {
        Value::Object(map) => Ok(std::borrow::Cow::Borrowed(map)),
        Value::Null => Ok(std::borrow::Cow::Owned(Map::new())),
        other => Err(request_error(format!(
            "{operation}: the input must be a JSON object, not {}",
            kind_of(other)
        ))),
    }
}

/// The start of a body, for error messages.
pub(crate) fn snippet(body: &[u8]) -> String {
    let cut = &body[..body.len().min(120)];
    let text = String::from_utf8_lossy(cut).into_owned();
    if body.len() > 120 {
        format!("{text:?}…")
    } else {
        format!("{text:?}")
    }
}

pub(crate) fn is_blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

/// A header's value as text (lossy: header values should be ASCII).
pub(crate) fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// The request id the AWS services put in a header.
pub(crate) fn header_request_id(headers: &HeaderMap) -> Option<String> {
    header_text(headers, "x-amzn-requestid").or_else(|| header_text(headers, "x-amz-request-id"))
}

/// `aws.protocoltests#FooError:http://internal.amazon.com/coral/…` → `FooError`.
pub(crate) fn sanitize_code(raw: &str) -> String {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    before_colon
        .rsplit('#')
        .next()
        .unwrap_or(before_colon)
        .trim()
        .to_string()
}

/// An error known only by its status (a HEAD response has no body; a proxy's HTML page says
/// nothing useful): the code is the status's name (`NotFound` for 404, as the AWS SDKs
/// report HeadObject's), the message its reason phrase.
pub(crate) fn status_error(status: u16, headers: &HeaderMap) -> ServiceError {
    let reason = http_types::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    let code = match status {
        301 => "MovedPermanently".to_string(),
        304 => "NotModified".to_string(),
        307 => "TemporaryRedirect".to_string(),
        400 => "BadRequest".to_string(),
        403 => "Forbidden".to_string(),
        404 => "NotFound".to_string(),
        405 => "MethodNotAllowed".to_string(),
        409 => "Conflict".to_string(),
        412 => "PreconditionFailed".to_string(),
        416 => "InvalidRange".to_string(),
        500 => "InternalError".to_string(),
        503 => "ServiceUnavailable".to_string(),
        // botocore's code for the others: the status itself.
        other => other.to_string(),
    };
    ServiceError {
        code,
        message: reason.map(str::to_string),
        request_id: header_request_id(headers),
        status: Some(status),
        fields: Map::new(),
    }
}

/// Shared fixtures of the protocol modules' tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::HeaderMap;

    pub(crate) fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            let name = http_types::header::HeaderName::from_bytes(name.as_bytes()).unwrap();
            map.append(name, value.parse().unwrap());
        }
        map
    }

    pub(crate) fn body_text(body: &[u8]) -> &str {
        std::str::from_utf8(body).unwrap()
    }
}
