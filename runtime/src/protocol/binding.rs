//! The HTTP bindings the REST protocols share (restJson1 and rest-xml): URI labels, query
//! parameters, headers and the status code, in both directions. Only the body differs.
//!
//! Smithy's defaults: labels and query values are percent-encoded (RFC 3986 unreserved
//! characters stay), timestamps are ISO 8601 in the URI and HTTP dates in headers, header
//! lists are comma-separated.

use aws_smithy_types::date_time::{DateTime as SmithyDateTime, Format};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};

use super::{decode_error, kind_of, request_error, HeaderMap};
use crate::{HttpBinding, Location, MemberBinding, OperationRequest, TransportError, WireType};

/// Everything but the unreserved characters of RFC 3986.
const ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

pub(crate) fn encode(text: &str) -> String {
    utf8_percent_encode(text, ENCODE).to_string()
}

/// The request line's path and query and the bound headers of a REST call.
pub(crate) fn lay_out_bound(
    operation: &str,
    binding: &HttpBinding,
    input: &Map<String, Value>,
) -> Result<(String, Vec<(String, String)>), TransportError> {
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
                // An empty list sends no header at all (botocore).
                if value.as_array().is_some_and(Vec::is_empty) {
                    continue;
                }
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
    Ok((path_and_query, headers))
}

/// The request's payload member, when the input sets it.
pub(crate) fn input_payload<'a>(
    binding: &'a HttpBinding,
    input: &'a Map<String, Value>,
) -> Option<(&'a MemberBinding, &'a Value)> {
    binding.members.iter().find_map(|b| {
        let value = input.get(b.member).filter(|v| !v.is_null())?;
        (b.location == Location::Payload).then_some((b, value))
    })
}

pub(crate) fn has_payload_binding(binding: &HttpBinding) -> bool {
    binding
        .members
        .iter()
        .any(|b| b.location == Location::Payload)
}

/// Whether the member travels outside the body (label, query, header, status, payload).
pub(crate) fn is_bound(binding: &HttpBinding, member: &str) -> bool {
    binding.members.iter().any(|b| b.member == member)
}

fn query_has_key(query: &str, key: &str) -> bool {
    query
        .split('&')
        .any(|pair| pair.split('=').next() == Some(key))
}

/// The value of the URI label that names the member `member` (its input value).
pub(crate) fn label_value<'a>(
    binding: &HttpBinding,
    label: &str,
    input: &'a Map<String, Value>,
) -> Option<&'a Value> {
    let member = binding
        .members
        .iter()
        .find(|b| b.location == Location::Path && b.wire_name == label)
        .map_or(label, |b| b.member);
    input.get(member).filter(|v| !v.is_null())
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
        let format = if place == Place::Header {
            Format::HttpDate
        } else {
            Format::DateTime
        };
        return timestamp_text(value, format);
    }
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(format!("expected a scalar, got {}", kind_of(other))),
    }
}

/// A timestamp of the input JSON in a wire format (`Format::DateTime` is ISO 8601).
pub(crate) fn timestamp_text(value: &Value, format: Format) -> Result<String, String> {
    timestamp_of(value)?
        .fmt(format)
        .map_err(|e| format!("cannot format timestamp: {e}"))
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

/// The payload member of the output. When both directions have payload members, the one
/// that was not in the input is the output's.
pub(crate) fn output_payload<'a>(
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

/// Whether the member travels in a response outside the body (header, status, payload): the
/// members a response body does not carry.
pub(crate) fn is_bound_in_response(binding: &HttpBinding, member: &str) -> bool {
    binding.members.iter().any(|b| {
        b.member == member
            && matches!(
                b.location,
                Location::Header | Location::StatusCode | Location::Payload
            )
    })
}

/// Adds the status-code and header-bound members of a response to the output; the binding
/// lists input and output members together, so `is_output` says which are the output's.
pub(crate) fn decode_bound(
    binding: &HttpBinding,
    status: u16,
    headers: &HeaderMap,
    output: &mut Map<String, Value>,
    is_output: impl Fn(&str) -> bool,
) -> Result<(), TransportError> {
    for b in binding.members.iter().filter(|b| is_output(b.member)) {
        match b.location {
            Location::StatusCode => {
                output.insert(b.member.to_string(), Value::from(status));
            }
            Location::Header if b.wire_type == WireType::Map => {
                // Header names arrive lower-cased, so the keys are too (as in the AWS SDKs).
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
    Ok(())
}

/// A response header's text as the JSON the output deserializer expects for its type.
pub(crate) fn header_value(text: &str, ty: WireType) -> Result<Value, String> {
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
pub(crate) fn split_header_list(text: &str) -> Result<Vec<String>, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lists_split_on_quotes() {
        assert_eq!(
            split_header_list(r#"a,b , "c, d" ,"e\"f""#).unwrap(),
            ["a", "b", "c, d", "e\"f"]
        );
        assert!(split_header_list(r#""open"#).is_err());
    }

    #[test]
    fn header_values_by_type() {
        assert_eq!(
            header_value(" 42 ", WireType::Integer).unwrap(),
            Value::from(42)
        );
        assert_eq!(
            header_value("NaN", WireType::Float).unwrap(),
            Value::from("NaN")
        );
        assert!(header_value("yes", WireType::Boolean).is_err());
        assert_eq!(
            header_value("Mon, 16 Dec 2019 23:48:18 GMT", WireType::Timestamp).unwrap(),
            Value::from(1576540098)
        );
    }
}
