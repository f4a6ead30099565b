//! awsJson 1.0/1.1: POST `/` with `X-Amz-Target: <target_prefix>.<Operation>` and the input
//! as the JSON body; the output is the JSON body, an error's code is in its `__type` (or the
//! `x-amzn-ErrorType` header).

use serde_json::{Map, Value};

use super::{
    decode_error, header_request_id, header_text, is_blank, kind_of, request_error, sanitize_code,
    snippet, Failure, HeaderMap, WireRequest,
};
use crate::{OperationRequest, ServiceError, TransportError};

pub(crate) fn lay_out(
    request: &OperationRequest,
    version: &str,
    target_prefix: &str,
) -> Result<WireRequest, TransportError> {
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
        bucket: None,
    })
}

pub(crate) fn decode_response(
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Value, Failure> {
    if !(200..300).contains(&status) {
        return Err(decode_json_error(status, headers, body, false));
    }
    body_object(body).map_err(Failure::Transport)
}

/// The body as a JSON object; an empty body is an empty object.
pub(crate) fn body_object(body: &[u8]) -> Result<Value, TransportError> {
    if is_blank(body) {
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

/// A JSON protocol's error: the code from `x-amzn-ErrorType` or the body's `__type`/`code`;
/// restJson1 prefers the header, awsJson the body (Smithy's protocol rules).
pub(crate) fn decode_json_error(
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
    prefer_header: bool,
) -> Failure {
    let request_id = header_request_id(headers);
    let header_type = header_text(headers, "x-amzn-errortype");

    let parsed = if is_blank(body) {
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
    let code = if prefer_header {
        header_type.or(body_type)
    } else {
        body_type.or(header_type)
    };
    let message = text("message")
        .or_else(|| text("Message"))
        .or_else(|| text("errorMessage"));
    Failure::Service(ServiceError {
        code: code
            .map(|c| sanitize_code(&c))
            // A body without a code (`{}`): the status says what it is.
            .unwrap_or_else(|| super::status_error(status, &HeaderMap::new()).code),
        message,
        request_id,
        status: Some(status),
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::test_support::headers;
    use crate::protocol::{decode_response as decode, lay_out as lay_out_any};
    use crate::{Protocol, ServiceMeta, TransportErrorKind};

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

    fn list_tables(input: Value) -> OperationRequest {
        OperationRequest {
            service: &JSON10,
            operation: "ListTables",
            input,
            binding: None,
            schema: None,
        }
    }

    #[test]
    fn aws_json_layout() {
        let wire = lay_out_any(&list_tables(serde_json::json!({"Limit": 1}))).unwrap();
        assert_eq!((wire.method, wire.path_and_query.as_str()), ("POST", "/"));
        assert_eq!(
            wire.header("x-amz-target"),
            Some("DynamoDB_20120810.ListTables")
        );
        assert_eq!(
            wire.header("content-type"),
            Some("application/x-amz-json-1.0")
        );
        assert_eq!(wire.body, br#"{"Limit":1}"#);
        assert_eq!(lay_out_any(&list_tables(Value::Null)).unwrap().body, b"{}");
        let err = lay_out_any(&list_tables(Value::from(1))).unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Request);
    }

    #[test]
    fn malformed_success_bodies_are_decode_errors() {
        let request = list_tables(Value::Null);
        for body in [
            &b"<html>oops"[..],
            b"[1, 2]",
            b"\"text\"",
            b"{\"unterminated\": ",
        ] {
            let err = decode(&request, 200, &HeaderMap::new(), body).unwrap_err();
            assert!(
                matches!(err, Failure::Transport(ref e) if e.kind == TransportErrorKind::Decode
                    && e.message.starts_with("dynamodb.ListTables: ")),
                "{err:?}"
            );
        }
        let empty = decode(&request, 200, &HeaderMap::new(), b"").unwrap();
        assert_eq!(empty, serde_json::json!({}));
    }

    #[test]
    fn error_code_from_the_body_first() {
        let body = br#"{"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "gone"}"#;
        let Failure::Service(err) = decode_json_error(
            400,
            &headers(&[("x-amzn-RequestId", "req-1"), ("x-amzn-ErrorType", "Other")]),
            body,
            false,
        ) else {
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
    }

    #[test]
    fn an_html_or_empty_error_body_is_a_service_error_with_its_status() {
        let request = list_tables(Value::Null);
        let html = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
        let Err(Failure::Service(err)) = decode(&request, 502, &headers(&[("x-amzn-RequestId", "r-9")]), html) else {
            panic!("a service error")
        };
        assert_eq!((err.code.as_str(), err.status, err.request_id.as_deref()), ("502", Some(502), Some("r-9")));
        assert!(err.message.as_deref().is_some_and(|m| m.contains("502 Bad Gateway")), "{err:?}");
        let Err(Failure::Service(err)) = decode(&request, 503, &HeaderMap::new(), b"") else { panic!("a service error") };
        assert_eq!((err.code.as_str(), err.status), ("ServiceUnavailable", Some(503)));
    }
}
