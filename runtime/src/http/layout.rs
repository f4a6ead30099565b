//! The wire layout of a call, without I/O: an [`OperationRequest`] becomes method, path,
//! headers and body for its protocol; a response's status, headers and body become the
//! output JSON or a [`ServiceError`].
//!
//! restJson1 follows the Smithy defaults: labels and query values are percent-encoded
//! (RFC 3986 unreserved characters stay), timestamps are ISO 8601 in the URI and HTTP dates
//! in headers, header lists are comma-separated, and members without a binding make up the
//! JSON body.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::HeaderMap;
use serde_json::{Map, Value};

use aws_smithy_types::date_time::{DateTime as SmithyDateTime, Format};

use crate::{
    HttpBinding, Location, MemberBinding, OperationRequest, Protocol, ServiceError, TransportError,
    TransportErrorKind, WireType,
};

/// Everything but the unreserved characters of RFC 3986.
const ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// An HTTP request before signing: the path is relative to the endpoint.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WireRequest {
    pub(crate) method: &'static str,
    /// Percent-encoded path with the query: `/backup-vaults/my%20vault?maxResults=1`.
    pub(crate) path_and_query: String,
    /// Header names as the protocol spells them; the client lower-cases them on the wire.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

fn request_error(message: impl Into<String>) -> TransportError {
    TransportError::new(TransportErrorKind::Request, message)
}

fn decode_error(message: impl Into<String>) -> TransportError {
    TransportError::new(TransportErrorKind::Decode, message)
}

/// The service's protocol, or the MissingBinding error that names the operation.
pub(crate) fn protocol_of(request: &OperationRequest) -> Result<Protocol, TransportError> {
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

/// Lays the call out for its protocol.
pub(crate) fn lay_out(request: &OperationRequest) -> Result<WireRequest, TransportError> {
    match protocol_of(request)? {
        Protocol::Json {
            version,
            target_prefix,
            ..
        } => {
            let body = match &request.input {
                Value::Null => b"{}".to_vec(),
                Value::Object(_) => serde_json::to_vec(&request.input)
                    .map_err(|e| request_error(format!("cannot serialize the input: {e}")))?,
                other => {
                    return Err(request_error(format!(
                        "the input must be a JSON object, not {}",
                        kind_of(other)
                    )))
                }
            };
            Ok(WireRequest {
                method: "POST",
                path_and_query: "/".to_string(),
                headers: vec![
                    (
                        "Content-Type".to_string(),
                        format!("application/x-amz-json-{version}"),
                    ),
                    (
                        "X-Amz-Target".to_string(),
                        format!("{target_prefix}.{}", request.operation),
                    ),
                ],
                body,
            })
        }
        Protocol::RestJson { .. } => {
            let binding = request.binding.ok_or_else(|| {
                TransportError::new(
                    TransportErrorKind::MissingBinding,
                    format!(
                        "{}.{}: no HTTP binding for this restJson1 operation (add it to docs-input/{}/protocol.json)",
                        request.service.name, request.operation, request.service.name
                    ),
                )
            })?;
            lay_out_rest(request.operation, binding, &request.input)
        }
        Protocol::RestXml { .. } | Protocol::Query { .. } | Protocol::Ec2 { .. } => Err(TransportError::new(
            TransportErrorKind::MissingBinding,
            format!("{}.{}: the XML protocols are not implemented yet", request.service.name, request.operation),
        )),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn lay_out_rest(
    operation: &str,
    binding: &HttpBinding,
    input: &Value,
) -> Result<WireRequest, TransportError> {
    let empty = Map::new();
    let input = match input {
        Value::Object(map) => map,
        Value::Null => &empty,
        other => {
            return Err(request_error(format!(
                "{operation}: the input must be a JSON object, not {}",
                kind_of(other)
            )))
        }
    };
    let present = |b: &MemberBinding| input.get(b.member).filter(|v| !v.is_null());
    let (template_path, fixed_query) = match binding.uri.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (binding.uri, None),
    };

    let path = expand_template(operation, template_path, binding, input)?;

    let mut query: Vec<(String, String)> = Vec::new();
    let mut query_maps = Vec::new();
    for b in binding
        .members
        .iter()
        .filter(|b| b.location == Location::Query)
    {
        let Some(value) = present(b) else { continue };
        if b.wire_type == WireType::Map {
            query_maps.push((b, value));
            continue;
        }
        for text in text_values(operation, b, value, Place::Query)? {
            query.push((b.wire_name.to_string(), text));
        }
    }
    // A map of query parameters never overrides a named one (Smithy's `@httpQueryParams`).
    for (b, value) in query_maps {
        let Value::Object(map) = value else {
            return Err(request_error(format!(
                "{operation}: query map {} must be an object",
                b.member
            )));
        };
        for (key, value) in map {
            if query.iter().any(|(k, _)| k == key)
                || fixed_query.is_some_and(|q| query_has_key(q, key))
            {
                continue;
            }
            let values = match value {
                Value::Array(items) => items
                    .iter()
                    .map(|v| scalar_text(v, WireType::String, Place::Query))
                    .collect(),
                other => vec![scalar_text(other, WireType::String, Place::Query)],
            };
            for text in values {
                let text = text
                    .map_err(|e| request_error(format!("{operation}: {}.{key}: {e}", b.member)))?;
                query.push((key.clone(), text));
            }
        }
    }
    let mut path_and_query = path;
    let mut parts: Vec<String> = fixed_query
        .filter(|q| !q.is_empty())
        .map(str::to_string)
        .into_iter()
        .collect();
    parts.extend(
        query
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v))),
    );
    if !parts.is_empty() {
        path_and_query.push('?');
        path_and_query.push_str(&parts.join("&"));
    }

    let mut headers: Vec<(String, String)> = Vec::new();
    for b in binding
        .members
        .iter()
        .filter(|b| b.location == Location::Header)
    {
        let Some(value) = present(b) else { continue };
        match (b.wire_type, value) {
            (WireType::Map, Value::Object(map)) => {
                for (key, value) in map {
                    let text =
                        scalar_text(value, WireType::String, Place::Header).map_err(|e| {
                            request_error(format!("{operation}: header {}{key}: {e}", b.wire_name))
                        })?;
                    headers.push((format!("{}{key}", b.wire_name), text));
                }
            }
            _ => {
                let texts = text_values(operation, b, value, Place::Header)?;
                let element = match b.wire_type {
                    WireType::List(element) => *element,
                    other => other,
                };
                let joined = if value.is_array() {
                    texts
                        .iter()
                        .map(|t| quote_header_item(t, element))
                        .collect::<Vec<_>>()
                        .join(", ")
                } else {
                    texts.concat()
                };
                headers.push((b.wire_name.to_string(), joined));
            }
        }
    }

    let payload = binding
        .members
        .iter()
        .find(|b| b.location == Location::Payload && present(b).is_some());
    let has_payload_binding = binding
        .members
        .iter()
        .any(|b| b.location == Location::Payload);
    let (body, content_type) = if let Some(b) = payload {
        let value = present(b).expect("checked above");
        match (b.wire_type, value) {
            (WireType::Blob, Value::String(text)) => {
                let bytes = BASE64.decode(text).map_err(|e| {
                    request_error(format!(
                        "{operation}: payload {} is not base64: {e}",
                        b.member
                    ))
                })?;
                (bytes, Some("application/octet-stream"))
            }
            (WireType::String, Value::String(text)) => {
                (text.clone().into_bytes(), Some("text/plain"))
            }
            (_, value) => (to_json(operation, value)?, Some("application/json")),
        }
    } else if has_payload_binding {
        (Vec::new(), None)
    } else {
        let body: Map<String, Value> = input
            .iter()
            .filter(|(name, value)| {
                !value.is_null() && !binding.members.iter().any(|b| b.member == name.as_str())
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if !body.is_empty() {
            (
                to_json(operation, &Value::Object(body))?,
                Some("application/json"),
            )
        } else if matches!(binding.method, "POST" | "PUT" | "PATCH") {
            // botocore sends `{}` when a body-carrying method has no body members set, and
            // some servers parse the body unconditionally.
            (b"{}".to_vec(), Some("application/json"))
        } else {
            (Vec::new(), None)
        }
    };
    if let Some(content_type) = content_type {
        // A `Content-Type` header member (a payload's media type) wins over the default.
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            headers.insert(0, ("Content-Type".to_string(), content_type.to_string()));
        }
    }

    Ok(WireRequest {
        method: binding.method,
        path_and_query,
        headers,
        body,
    })
}

fn to_json(operation: &str, value: &Value) -> Result<Vec<u8>, TransportError> {
    serde_json::to_vec(value)
        .map_err(|e| request_error(format!("{operation}: cannot serialize the body: {e}")))
}

fn query_has_key(query: &str, key: &str) -> bool {
    query
        .split('&')
        .any(|pair| pair.split('=').next() == Some(key))
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, ENCODE).to_string()
}

/// Replaces `{Label}` and greedy `{Label+}` placeholders with the encoded member values.
fn expand_template(
    operation: &str,
    template: &str,
    binding: &HttpBinding,
    input: &Map<String, Value>,
) -> Result<String, TransportError> {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map(|i| open + i).ok_or_else(|| {
            request_error(format!(
                "{operation}: unclosed `{{` in URI template {}",
                binding.uri
            ))
        })?;
        let label = &rest[open + 1..close];
        let (name, greedy) = match label.strip_suffix('+') {
            Some(name) => (name, true),
            None => (label, false),
        };
        // The label is the member's wire name; a label without a binding names the member.
        let member = binding
            .members
            .iter()
            .find(|b| b.location == Location::Path && b.wire_name == name)
            .map(|b| (b.member, b.wire_type))
            .unwrap_or((name, WireType::String));
        let value = input
            .get(member.0)
            .filter(|v| !v.is_null())
            .ok_or_else(|| {
                request_error(format!(
                    "{operation}: member {} (URI label {{{label}}}) is required",
                    member.0
                ))
            })?;
        let text = scalar_text(value, member.1, Place::Uri)
            .map_err(|e| request_error(format!("{operation}: URI label {{{label}}}: {e}")))?;
        if text.is_empty() {
            return Err(request_error(format!(
                "{operation}: member {} (URI label {{{label}}}) is empty",
                member.0
            )));
        }
        if greedy {
            out.push_str(&text.split('/').map(encode).collect::<Vec<_>>().join("/"));
        } else {
            out.push_str(&encode(&text));
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    if out.is_empty() {
        out.push('/');
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Uri,
    Query,
    Header,
}

/// The text of a scalar member, or of each element of a list member.
fn text_values(
    operation: &str,
    b: &MemberBinding,
    value: &Value,
    place: Place,
) -> Result<Vec<String>, TransportError> {
    let element = match b.wire_type {
        WireType::List(element) => *element,
        other => other,
    };
    let texts = match value {
        Value::Array(items) => items
            .iter()
            .filter(|v| !v.is_null())
            .map(|v| scalar_text(v, element, place))
            .collect::<Result<Vec<_>, _>>(),
        other => scalar_text(other, element, place).map(|t| vec![t]),
    };
    texts.map_err(|e| {
        request_error(format!(
            "{operation}: member {} ({}): {e}",
            b.member, b.wire_name
        ))
    })
}

fn scalar_text(value: &Value, ty: WireType, place: Place) -> Result<String, String> {
    if ty == WireType::Timestamp {
        let time = timestamp_of(value)?;
        let format = if place == Place::Header {
            Format::HttpDate
        } else {
            Format::DateTime
        };
        return time
            .fmt(format)
            .map_err(|e| format!("cannot format timestamp: {e}"));
    }
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(format!("expected a scalar, got {}", kind_of(other))),
    }
}

/// A timestamp from the input JSON: epoch seconds (the runtime's `DateTime` form) or RFC 3339.
fn timestamp_of(value: &Value) -> Result<SmithyDateTime, String> {
    match value {
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(secs), _) => Ok(SmithyDateTime::from_secs(secs)),
            (None, Some(secs)) if secs.is_finite() => Ok(SmithyDateTime::from_secs_f64(secs)),
            _ => Err(format!("timestamp {n} is out of range")),
        },
        Value::String(s) => SmithyDateTime::from_str(s, Format::DateTime)
            .or_else(|_| SmithyDateTime::from_str(s, Format::EpochSeconds))
            .map_err(|_| format!("`{s}` is neither epoch seconds nor an RFC 3339 timestamp")),
        other => Err(format!("expected a timestamp, got {}", kind_of(other))),
    }
}

/// Quotes a header list item that contains a comma or quote; HTTP dates stay bare (their
/// comma is part of the format, and readers split them in pairs).
fn quote_header_item(text: &str, element: WireType) -> String {
    if element != WireType::Timestamp && (text.contains(',') || text.contains('"')) {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        text.to_string()
    }
}

/// What a response decodes to when it is not a success.
#[derive(Debug)]
pub(crate) enum Failure {
    Service(ServiceError),
    Transport(TransportError),
}

/// Decodes a response: 2xx is the output JSON, anything else a service error.
pub(crate) fn decode_response(
    request: &OperationRequest,
    protocol: Protocol,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Value, Failure> {
    if !(200..300).contains(&status) {
        return Err(decode_error_response(protocol, status, headers, body));
    }
    let output = match (protocol, request.binding) {
        (Protocol::RestJson { .. }, Some(binding)) => {
            decode_rest_output(request, binding, status, headers, body)
        }
        _ => body_object(body),
    };
    output.map_err(|e| {
        Failure::Transport(decode_error(format!(
            "{}.{}: {}",
            request.service.name, request.operation, e.message
        )))
    })
}

fn body_object(body: &[u8]) -> Result<Value, TransportError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(other) => Err(decode_error(format!(
            "expected a JSON object in the response body, got {}",
            kind_of(&other)
        ))),
        Err(e) => Err(decode_error(format!(
            "response body is not JSON ({e}): {}",
            snippet(body)
        ))),
    }
}

/// The start of a body, for error messages.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(120)]).into_owned();
    if body.len() > 120 {
        format!("{text:?}…")
    } else {
        format!("{text:?}")
    }
}

/// The payload member of the output. When both directions have payload members, the one
/// that was not in the input is the output's.
fn output_payload<'a>(
    request: &OperationRequest,
    binding: &'a HttpBinding,
) -> Option<&'a MemberBinding> {
    let payloads: Vec<&MemberBinding> = binding
        .members
        .iter()
        .filter(|b| b.location == Location::Payload)
        .collect();
    match payloads.as_slice() {
        [] => None,
        [only] => Some(only),
        many => many
            .iter()
            .find(|b| request.input.get(b.member).is_none_or(Value::is_null))
            .or(many.last())
            .copied(),
    }
}

fn decode_rest_output(
    request: &OperationRequest,
    binding: &HttpBinding,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Value, TransportError> {
    let mut output = match output_payload(request, binding) {
        Some(b) => {
            let mut map = Map::new();
            let value = match b.wire_type {
                WireType::Blob => (!body.is_empty()).then(|| Value::String(BASE64.encode(body))),
                WireType::String => (!body.is_empty())
                    .then(|| String::from_utf8(body.to_vec()).map(Value::String))
                    .transpose()
                    .map_err(|_| decode_error(format!("payload {} is not UTF-8", b.member)))?,
                _ => match body_object(body)? {
                    Value::Object(m)
                        if m.is_empty() && body.iter().all(u8::is_ascii_whitespace) =>
                    {
                        None
                    }
                    value => Some(value),
                },
            };
            if let Some(value) = value {
                map.insert(b.member.to_string(), value);
            }
            map
        }
        None => match body_object(body)? {
            Value::Object(map) => map,
            _ => unreachable!("body_object answers objects"),
        },
    };
    for b in binding.members {
        match b.location {
            Location::StatusCode => {
                output.insert(b.member.to_string(), Value::from(status));
            }
            Location::Header if b.wire_type == WireType::Map => {
                let prefix = b.wire_name.to_ascii_lowercase();
                let map: Map<String, Value> = headers
                    .iter()
                    .filter_map(|(name, value)| {
                        let key = name.as_str().strip_prefix(prefix.as_str())?;
                        Some((
                            key.to_string(),
                            Value::String(String::from_utf8_lossy(value.as_bytes()).into_owned()),
                        ))
                    })
                    .collect();
                if !map.is_empty() {
                    output.insert(b.member.to_string(), Value::Object(map));
                }
            }
            Location::Header => {
                let values: Vec<String> = headers
                    .get_all(b.wire_name)
                    .iter()
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                    .collect();
                if values.is_empty() {
                    continue;
                }
                let text = values.join(", ");
                let value = header_value(&text, b.wire_type).map_err(|e| {
                    decode_error(format!("header {} (member {}): {e}", b.wire_name, b.member))
                })?;
                output.insert(b.member.to_string(), value);
            }
            Location::Path | Location::Query | Location::Payload => {}
        }
    }
    Ok(Value::Object(output))
}

/// A response header's text as the JSON the output deserializer expects for its type.
fn header_value(text: &str, ty: WireType) -> Result<Value, String> {
    let text = text.trim();
    match ty {
        WireType::Integer => text
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("`{text}` is not an integer")),
        WireType::Float => match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::from(f)),
            // The JSON protocols spell the non-finite values as strings.
            Ok(_) | Err(_) if matches!(text, "NaN" | "Infinity" | "-Infinity") => {
                Ok(Value::String(text.to_string()))
            }
            _ => Err(format!("`{text}` is not a number")),
        },
        WireType::Boolean => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("`{text}` is not a boolean")),
        },
        WireType::Timestamp => {
            let time = SmithyDateTime::from_str(text, Format::HttpDate)
                .or_else(|_| SmithyDateTime::from_str(text, Format::DateTime))
                .or_else(|_| SmithyDateTime::from_str(text, Format::EpochSeconds))
                .map_err(|_| format!("`{text}` is not a timestamp"))?;
            Ok(epoch_seconds(time))
        }
        WireType::List(element) => {
            let items = if *element == WireType::Timestamp {
                // `Mon, 16 Dec 2019 23:48:18 GMT, Tue, …`: every other comma is inside a date.
                let parts: Vec<&str> = text.split(',').collect();
                parts
                    .chunks(2)
                    .map(|pair| pair.join(",").trim().to_string())
                    .collect()
            } else {
                split_header_list(text)?
            };
            items
                .iter()
                .map(|item| header_value(item, *element))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        WireType::String | WireType::Blob | WireType::Structure | WireType::Map => {
            Ok(Value::String(text.to_string()))
        }
    }
}

fn epoch_seconds(time: SmithyDateTime) -> Value {
    if time.has_subsec_nanos() {
        Value::from(time.as_secs_f64())
    } else {
        Value::from(time.secs())
    }
}

/// Splits `a, "b,c", "d\"e"` into its items.
fn split_header_list(text: &str) -> Result<Vec<String>, String> {
    let mut items = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut item = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    Some('\\') => item.extend(chars.next()),
                    Some('"') => break,
                    Some(c) => item.push(c),
                    None => return Err(format!("unterminated quote in `{text}`")),
                }
            }
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            if chars.peek().is_some_and(|c| *c != ',') {
                return Err(format!("text after a quoted item in `{text}`"));
            }
        } else {
            while let Some(c) = chars.next_if(|c| *c != ',') {
                item.push(c);
            }
            item = item.trim().to_string();
        }
        items.push(item);
        if chars.next().is_none() {
            return Ok(items);
        }
    }
}

fn decode_error_response(
    protocol: Protocol,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Failure {
    let header = |name: &str| {
        headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    let request_id = header("x-amzn-requestid").or_else(|| header("x-amz-request-id"));
    let header_type = header("x-amzn-errortype");

    let parsed = if body.iter().all(u8::is_ascii_whitespace) {
        Some(Map::new())
    } else {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        }
    };
    let Some(fields) = parsed else {
        // Without a JSON body only the header can say what the error is.
        return match header_type {
            Some(code) => Failure::Service(ServiceError {
                code: sanitize_code(&code),
                message: None,
                request_id,
                status: Some(status),
                fields: Map::new(),
            }),
            None => Failure::Transport(decode_error(format!(
                "HTTP {status} with a body that is not a JSON object{}: {}",
                request_id
                    .map(|id| format!(" (request id {id})"))
                    .unwrap_or_default(),
                snippet(body)
            ))),
        };
    };
    let text = |key: &str| fields.get(key).and_then(Value::as_str).map(str::to_string);
    let body_type = text("__type")
        .or_else(|| text("code"))
        .or_else(|| text("Code"));
    // restJson1 prefers the header, awsJson the body (Smithy's protocol rules).
    let code = match protocol {
        Protocol::RestJson { .. } => header_type.or(body_type),
        Protocol::Json { .. } => body_type.or(header_type),
        Protocol::RestXml { .. } | Protocol::Query { .. } | Protocol::Ec2 { .. } => header_type.or(body_type),
    };
    let message = text("message")
        .or_else(|| text("Message"))
        .or_else(|| text("errorMessage"));
    Failure::Service(ServiceError {
        code: code
            .map(|c| sanitize_code(&c))
            .unwrap_or_else(|| "UnknownError".to_string()),
        message,
        request_id,
        status: Some(status),
        fields,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ServiceMeta;

    static LIST: WireType = WireType::String;
    static TIMES: WireType = WireType::Timestamp;

    static BINDING: HttpBinding = HttpBinding {
        method: "PUT",
        uri: "/vaults/{Name}/objects/{Key+}?tagging",
        members: &[
            MemberBinding {
                member: "VaultName",
                location: Location::Path,
                wire_name: "Name",
                wire_type: WireType::String,
            },
            MemberBinding {
                member: "Key",
                location: Location::Path,
                wire_name: "Key",
                wire_type: WireType::String,
            },
            MemberBinding {
                member: "MaxResults",
                location: Location::Query,
                wire_name: "maxResults",
                wire_type: WireType::Integer,
            },
            MemberBinding {
                member: "States",
                location: Location::Query,
                wire_name: "state",
                wire_type: WireType::List(&LIST),
            },
            MemberBinding {
                member: "Before",
                location: Location::Query,
                wire_name: "createdBefore",
                wire_type: WireType::Timestamp,
            },
            MemberBinding {
                member: "Extra",
                location: Location::Query,
                wire_name: "",
                wire_type: WireType::Map,
            },
            MemberBinding {
                member: "Flag",
                location: Location::Header,
                wire_name: "X-Amz-Flag",
                wire_type: WireType::Boolean,
            },
            MemberBinding {
                member: "When",
                location: Location::Header,
                wire_name: "X-Amz-When",
                wire_type: WireType::Timestamp,
            },
            MemberBinding {
                member: "Tags",
                location: Location::Header,
                wire_name: "X-Amz-Tags",
                wire_type: WireType::List(&LIST),
            },
            MemberBinding {
                member: "Meta",
                location: Location::Header,
                wire_name: "x-amz-meta-",
                wire_type: WireType::Map,
            },
            MemberBinding {
                member: "Status",
                location: Location::StatusCode,
                wire_name: "",
                wire_type: WireType::Integer,
            },
            MemberBinding {
                member: "Count",
                location: Location::Header,
                wire_name: "X-Amz-Count",
                wire_type: WireType::Integer,
            },
            MemberBinding {
                member: "Dates",
                location: Location::Header,
                wire_name: "X-Amz-Dates",
                wire_type: WireType::List(&TIMES),
            },
        ],
    };

    static REST: ServiceMeta = ServiceMeta {
        name: "backup",
        api_version: "2018-11-15",
        protocol: Some(Protocol::RestJson {
            signing_name: "backup",
            endpoint_prefix: "backup",
        }),
    };

    static JSON10: ServiceMeta = ServiceMeta {
        name: "dynamodb",
        api_version: "2012-08-10",
        protocol: Some(Protocol::Json {
            version: "1.0",
            target_prefix: "DynamoDB_20120810",
            signing_name: "dynamodb",
            endpoint_prefix: "dynamodb",
        }),
    };

    fn rest(input: Value) -> OperationRequest {
        OperationRequest {
            service: &REST,
            operation: "PutThing",
            input,
            binding: Some(&BINDING),
            schema: None,
        }
    }

    fn header<'a>(wire: &'a WireRequest, name: &str) -> Option<&'a str> {
        wire.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn aws_json_layout() {
        let request = OperationRequest {
            service: &JSON10,
            operation: "ListTables",
            input: serde_json::json!({"Limit": 1}),
            binding: None,
            schema: None,
        };
        let wire = lay_out(&request).unwrap();
        assert_eq!((wire.method, wire.path_and_query.as_str()), ("POST", "/"));
        assert_eq!(
            header(&wire, "x-amz-target"),
            Some("DynamoDB_20120810.ListTables")
        );
        assert_eq!(
            header(&wire, "content-type"),
            Some("application/x-amz-json-1.0")
        );
        assert_eq!(wire.body, br#"{"Limit":1}"#);
    }

    #[test]
    fn rest_json_layout_encodes_labels_query_headers_and_body() {
        let wire = lay_out(&rest(serde_json::json!({
            "VaultName": "my vault/ü",
            "Key": "a b/c+d/é",
            "MaxResults": 5,
            "States": ["CREATED", "a&b"],
            "Before": 1576540098,
            "Extra": {"maxResults": "ignored", "other": ["x", "y z"]},
            "Flag": true,
            "When": 1576540098.5,
            "Tags": ["plain", "with,comma", "with\"quote"],
            "Meta": {"Color": "blue"},
            "Description": "in the body",
            "Nothing": null,
        })))
        .unwrap();
        assert_eq!(wire.method, "PUT");
        assert_eq!(
            wire.path_and_query,
            "/vaults/my%20vault%2F%C3%BC/objects/a%20b/c%2Bd/%C3%A9?tagging&maxResults=5&state=CREATED&state=a%26b\
             &createdBefore=2019-12-16T23%3A48%3A18Z&other=x&other=y%20z"
        );
        assert_eq!(header(&wire, "X-Amz-Flag"), Some("true"));
        assert_eq!(
            header(&wire, "X-Amz-When"),
            Some("Mon, 16 Dec 2019 23:48:18 GMT")
        );
        assert_eq!(
            header(&wire, "X-Amz-Tags"),
            Some(r#"plain, "with,comma", "with\"quote""#)
        );
        assert_eq!(header(&wire, "x-amz-meta-Color"), Some("blue"));
        assert_eq!(header(&wire, "Content-Type"), Some("application/json"));
        assert_eq!(wire.body, br#"{"Description":"in the body"}"#);
    }

    #[test]
    fn rest_json_requires_labels_and_sends_empty_object_for_put() {
        let err = lay_out(&rest(serde_json::json!({"Key": "k"}))).unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Request);
        assert!(err.message.contains("VaultName"), "{}", err.message);
        let wire = lay_out(&rest(serde_json::json!({"VaultName": "v", "Key": "k"}))).unwrap();
        assert_eq!(wire.path_and_query, "/vaults/v/objects/k?tagging");
        assert_eq!(wire.body, b"{}");
    }

    #[test]
    fn rest_json_without_binding_is_missing_binding_naming_the_operation() {
        let request = OperationRequest {
            service: &REST,
            operation: "ListCopyJobs",
            input: Value::Null,
            binding: None,
            schema: None,
        };
        let err = lay_out(&request).unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::MissingBinding);
        assert!(err.message.contains("ListCopyJobs"), "{}", err.message);
    }

    #[test]
    fn payload_members_are_the_body() {
        static PAYLOAD: HttpBinding = HttpBinding {
            method: "POST",
            uri: "/things",
            members: &[
                MemberBinding {
                    member: "Body",
                    location: Location::Payload,
                    wire_name: "Body",
                    wire_type: WireType::Blob,
                },
                MemberBinding {
                    member: "ContentType",
                    location: Location::Header,
                    wire_name: "Content-Type",
                    wire_type: WireType::String,
                },
            ],
        };
        let request = OperationRequest {
            service: &REST,
            operation: "Put",
            input: serde_json::json!({"Body": BASE64.encode(b"\x00raw"), "ContentType": "image/png", "Other": 1}),
            binding: Some(&PAYLOAD),
            schema: None,
        };
        let wire = lay_out(&request).unwrap();
        assert_eq!(wire.body, b"\x00raw");
        assert_eq!(header(&wire, "content-type"), Some("image/png"));
        assert_eq!(
            wire.headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                .count(),
            1
        );

        let mut headers = HeaderMap::new();
        headers.insert("content-type", "application/octet-stream".parse().unwrap());
        let output =
            decode_response(&request, REST.protocol.unwrap(), 200, &headers, b"\x01\x02").unwrap();
        assert_eq!(output["Body"], Value::String(BASE64.encode(b"\x01\x02")));
    }

    #[test]
    fn rest_output_merges_status_and_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("x-amz-count", "42".parse().unwrap());
        headers.insert("x-amz-flag", "false".parse().unwrap());
        headers.insert(
            "x-amz-when",
            "Mon, 16 Dec 2019 23:48:18 GMT".parse().unwrap(),
        );
        headers.insert("x-amz-tags", r#"a, "b,c", "d\"e""#.parse().unwrap());
        headers.insert("x-amz-meta-color", "blue".parse().unwrap());
        headers.insert(
            "x-amz-dates",
            "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT"
                .parse()
                .unwrap(),
        );
        let output = decode_response(
            &rest(serde_json::json!({})),
            REST.protocol.unwrap(),
            201,
            &headers,
            br#"{"Arn": "arn:x"}"#,
        )
        .unwrap();
        assert_eq!(
            output,
            serde_json::json!({
                "Arn": "arn:x",
                "Status": 201,
                "Count": 42,
                "Flag": false,
                "When": 1576540098,
                "Tags": ["a", "b,c", "d\"e"],
                "Meta": {"color": "blue"},
                "Dates": [1576540098, 1576626498],
            })
        );
        headers.insert("x-amz-count", "many".parse().unwrap());
        let err = decode_response(
            &rest(serde_json::json!({})),
            REST.protocol.unwrap(),
            200,
            &headers,
            b"{}",
        )
        .unwrap_err();
        assert!(
            matches!(err, Failure::Transport(ref e) if e.kind == TransportErrorKind::Decode),
            "{err:?}"
        );
    }

    #[test]
    fn malformed_success_bodies_are_decode_errors() {
        let request = OperationRequest {
            service: &JSON10,
            operation: "ListTables",
            input: Value::Null,
            binding: None,
            schema: None,
        };
        for body in [
            &b"<html>oops"[..],
            b"[1, 2]",
            b"\"text\"",
            b"{\"unterminated\": ",
        ] {
            let err = decode_response(
                &request,
                JSON10.protocol.unwrap(),
                200,
                &HeaderMap::new(),
                body,
            )
            .unwrap_err();
            assert!(
                matches!(err, Failure::Transport(ref e) if e.kind == TransportErrorKind::Decode),
                "{err:?}"
            );
        }
        let empty = decode_response(
            &request,
            JSON10.protocol.unwrap(),
            200,
            &HeaderMap::new(),
            b"",
        )
        .unwrap();
        assert_eq!(empty, serde_json::json!({}));
    }

    #[test]
    fn error_codes_from_body_or_header() {
        let mut headers = HeaderMap::new();
        headers.insert("x-amzn-RequestId", "req-1".parse().unwrap());
        let body = br#"{"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "gone"}"#;
        let Failure::Service(err) =
            decode_error_response(JSON10.protocol.unwrap(), 400, &headers, body)
        else {
            panic!()
        };
        assert_eq!(
            err,
            ServiceError {
                code: "ResourceNotFoundException".into(),
                message: Some("gone".into()),
                request_id: Some("req-1".into()),
                status: Some(400),
                fields: serde_json::from_slice(body).unwrap(),
            }
        );

        let mut headers = HeaderMap::new();
        headers.insert(
            "x-amzn-ErrorType",
            "InvalidParameterValueException:http://internal.amazon.com/"
                .parse()
                .unwrap(),
        );
        headers.insert("x-amz-request-id", "req-2".parse().unwrap());
        let Failure::Service(err) = decode_error_response(
            REST.protocol.unwrap(),
            400,
            &headers,
            br#"{"code": "Other", "Message": "bad"}"#,
        ) else {
            panic!()
        };
        assert_eq!(err.code, "InvalidParameterValueException");
        assert_eq!(
            (err.message.as_deref(), err.request_id.as_deref()),
            (Some("bad"), Some("req-2"))
        );

        // Garbage with a header is still a service error; without one it is undecodable.
        let Failure::Service(err) =
            decode_error_response(REST.protocol.unwrap(), 503, &headers, b"<html>")
        else {
            panic!()
        };
        assert_eq!(
            (err.code.as_str(), err.status),
            ("InvalidParameterValueException", Some(503))
        );
        let failure =
            decode_error_response(REST.protocol.unwrap(), 502, &HeaderMap::new(), b"<html>");
        assert!(
            matches!(failure, Failure::Transport(ref e) if e.kind == TransportErrorKind::Decode),
            "{failure:?}"
        );
        let Failure::Service(err) =
            decode_error_response(REST.protocol.unwrap(), 500, &HeaderMap::new(), b"")
        else {
            panic!()
        };
        assert_eq!((err.code.as_str(), err.status), ("UnknownError", Some(500)));
    }

    #[test]
    fn sanitizes_codes() {
        assert_eq!(
            sanitize_code("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/"),
            "FooError"
        );
        assert_eq!(sanitize_code("FooError"), "FooError");
        assert_eq!(sanitize_code("ns#FooError"), "FooError");
    }

    #[test]
    fn header_lists_split_on_quotes() {
        assert_eq!(
            split_header_list(r#"a,b , "c, d" ,"e\"f""#).unwrap(),
            ["a", "b", "c, d", "e\"f"]
        );
        assert!(split_header_list(r#""open"#).is_err());
    }
}
