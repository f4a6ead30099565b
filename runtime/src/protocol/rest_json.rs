//! restJson1: each operation has an HTTP binding (see `binding`); the members without one
//! make up the JSON body, or the payload member is the body.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde_json::{Map, Value};

use super::aws_json::{body_object, decode_json_error};
use super::binding::{self, has_payload_binding, input_payload};
use super::{
    decode_error, input_object, missing_binding, request_error, Failure, HeaderMap, WireRequest,
};
use crate::{HttpBinding, OperationRequest, TransportError, WireType};

fn binding_of(request: &OperationRequest) -> Result<&'static HttpBinding, TransportError> {
    request
        .binding
        .ok_or_else(|| missing_binding(request, "no HTTP binding for this restJson1 operation"))
}

pub(crate) fn lay_out(request: &OperationRequest) -> Result<WireRequest, TransportError> {
    let binding = binding_of(request)?;
    let operation = request.operation;
    let input = input_object(operation, &request.input)?;
    let (path_and_query, mut headers) = binding::lay_out_bound(operation, binding, &input)?;

    let (body, content_type) = if let Some((b, value)) = input_payload(binding, &input) {
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
    } else if has_payload_binding(binding) {
        (Vec::new(), None)
    } else {
        let body: Map<String, Value> = input
            .iter()
            .filter(|(name, value)| !value.is_null() && !binding::is_bound(binding, name))
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
        bucket: None,
    })
}

fn to_json(operation: &str, value: &Value) -> Result<Vec<u8>, TransportError> {
    serde_json::to_vec(value)
        .map_err(|e| request_error(format!("{operation}: cannot serialize the body: {e}")))
}

pub(crate) fn decode_response(
    request: &OperationRequest,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Value, Failure> {
    if !(200..300).contains(&status) {
        return Err(decode_json_error(status, headers, body, true));
    }
    let output = match request.binding {
        Some(binding) => decode_output(request, binding, status, headers, body),
        None => body_object(body),
    };
    output.map_err(Failure::Transport)
}

fn decode_output(
    request: &OperationRequest,
    binding: &HttpBinding,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Value, TransportError> {
    let mut output = match binding::output_payload(request, binding) {
        Some(b) => {
            let mut map = Map::new();
            let value = match b.wire_type {
                WireType::Blob => (!body.is_empty()).then(|| Value::String(BASE64.encode(body))),
                WireType::String => (!body.is_empty())
                    .then(|| String::from_utf8(body.to_vec()).map(Value::String))
                    .transpose()
                    .map_err(|_| decode_error(format!("payload {} is not UTF-8", b.member)))?,
                _ => match body_object(body)? {
                    Value::Object(m) if m.is_empty() && super::is_blank(body) => None,
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
            other => {
                return Err(decode_error(format!(
                    "expected a JSON object, got {}",
                    super::kind_of(&other)
                )))
            }
        },
    };
    binding::decode_bound(binding, status, headers, &mut output, |_| true)?;
    Ok(Value::Object(output))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::test_support::headers;
    use crate::protocol::{decode_response as decode, lay_out as lay_out_any};
    use crate::{Location, MemberBinding, Protocol, ServiceError, ServiceMeta, TransportErrorKind};

    static LIST: WireType = WireType::String;
    static TIMES: WireType = WireType::Timestamp;

    const fn bind(
        member: &'static str,
        location: Location,
        wire_name: &'static str,
        wire_type: WireType,
    ) -> MemberBinding {
        MemberBinding {
            member,
            location,
            wire_name,
            wire_type,
        }
    }

    static BINDING: HttpBinding = HttpBinding {
        method: "PUT",
        uri: "/vaults/{Name}/objects/{Key+}?tagging",
        members: &[
            bind("VaultName", Location::Path, "Name", WireType::String),
            bind("Key", Location::Path, "Key", WireType::String),
            bind(
                "MaxResults",
                Location::Query,
                "maxResults",
                WireType::Integer,
            ),
            bind("States", Location::Query, "state", WireType::List(&LIST)),
            bind(
                "Before",
                Location::Query,
                "createdBefore",
                WireType::Timestamp,
            ),
            bind("Extra", Location::Query, "", WireType::Map),
            bind("Flag", Location::Header, "X-Amz-Flag", WireType::Boolean),
            bind("When", Location::Header, "X-Amz-When", WireType::Timestamp),
            bind(
                "Tags",
                Location::Header,
                "X-Amz-Tags",
                WireType::List(&LIST),
            ),
            bind("Meta", Location::Header, "x-amz-meta-", WireType::Map),
            bind("Status", Location::StatusCode, "", WireType::Integer),
            bind("Count", Location::Header, "X-Amz-Count", WireType::Integer),
            bind(
                "Dates",
                Location::Header,
                "X-Amz-Dates",
                WireType::List(&TIMES),
            ),
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

    fn rest(input: Value) -> OperationRequest {
        OperationRequest {
            service: &REST,
            operation: "PutThing",
            input,
            binding: Some(&BINDING),
            schema: None,
        }
    }

    #[test]
    fn rest_json_layout_encodes_labels_query_headers_and_body() {
        let wire = lay_out_any(&rest(serde_json::json!({
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
        assert_eq!(wire.header("X-Amz-Flag"), Some("true"));
        assert_eq!(
            wire.header("X-Amz-When"),
            Some("Mon, 16 Dec 2019 23:48:18 GMT")
        );
        assert_eq!(
            wire.header("X-Amz-Tags"),
            Some(r#"plain, "with,comma", "with\"quote""#)
        );
        assert_eq!(wire.header("x-amz-meta-Color"), Some("blue"));
        assert_eq!(wire.header("Content-Type"), Some("application/json"));
        assert_eq!(wire.body, br#"{"Description":"in the body"}"#);
    }

    #[test]
    fn rest_json_requires_labels_and_sends_empty_object_for_put() {
        let err = lay_out_any(&rest(serde_json::json!({"Key": "k"}))).unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Request);
        assert!(err.message.contains("VaultName"), "{}", err.message);
        let wire = lay_out_any(&rest(serde_json::json!({"VaultName": "v", "Key": "k"}))).unwrap();
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
        let err = lay_out_any(&request).unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::MissingBinding);
        assert!(err.message.contains("ListCopyJobs"), "{}", err.message);
    }

    #[test]
    fn payload_members_are_the_body() {
        static PAYLOAD: HttpBinding = HttpBinding {
            method: "POST",
            uri: "/things",
            members: &[
                bind("Body", Location::Payload, "Body", WireType::Blob),
                bind(
                    "ContentType",
                    Location::Header,
                    "Content-Type",
                    WireType::String,
                ),
            ],
        };
        let request = OperationRequest {
            service: &REST,
            operation: "Put",
            input: serde_json::json!({"Body": BASE64.encode(b"\x00raw"), "ContentType": "image/png", "Other": 1}),
            binding: Some(&PAYLOAD),
            schema: None,
        };
        let wire = lay_out_any(&request).unwrap();
        assert_eq!(wire.body, b"\x00raw");
        assert_eq!(wire.header("content-type"), Some("image/png"));
        assert_eq!(
            wire.headers
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                .count(),
            1
        );

        let output = decode(
            &request,
            200,
            &headers(&[("content-type", "application/octet-stream")]),
            b"\x01\x02",
        )
        .unwrap();
        assert_eq!(output["Body"], Value::String(BASE64.encode(b"\x01\x02")));
    }

    #[test]
    fn rest_output_merges_status_and_headers() {
        let mut headers = headers(&[
            ("x-amz-count", "42"),
            ("x-amz-flag", "false"),
            ("x-amz-when", "Mon, 16 Dec 2019 23:48:18 GMT"),
            ("x-amz-tags", r#"a, "b,c", "d\"e""#),
            ("x-amz-meta-color", "blue"),
            (
                "x-amz-dates",
                "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT",
            ),
        ]);
        let output = decode(
            &rest(serde_json::json!({})),
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
        let err = decode(&rest(serde_json::json!({})), 200, &headers, b"{}").unwrap_err();
        assert!(
            matches!(err, Failure::Transport(ref e) if e.kind == TransportErrorKind::Decode),
            "{err:?}"
        );
    }

    #[test]
    fn error_codes_from_header_or_body() {
        let hdrs = headers(&[
            (
                "x-amzn-ErrorType",
                "InvalidParameterValueException:http://internal.amazon.com/",
            ),
            ("x-amz-request-id", "req-2"),
        ]);
        let request = rest(serde_json::json!({}));
        let Err(Failure::Service(err)) = decode(
            &request,
            400,
            &hdrs,
            br#"{"code": "Other", "Message": "bad"}"#,
        ) else {
            panic!()
        };
        assert_eq!(err.code, "InvalidParameterValueException");
        assert_eq!(
            (err.message.as_deref(), err.request_id.as_deref()),
            (Some("bad"), Some("req-2"))
        );

        // Garbage with a header is a service error of that code; without one, of its status.
        let Err(Failure::Service(err)) = decode(&request, 503, &hdrs, b"<html>") else {
            panic!()
        };
        assert_eq!(
            (err.code.as_str(), err.status),
            ("InvalidParameterValueException", Some(503))
        );
        let failure = decode(&request, 502, &HeaderMap::new(), b"<html>").unwrap_err();
        assert!(
            matches!(failure, Failure::Service(ref e) if e.code == "502" && e.status == Some(502)),
            "{failure:?}"
        );
        let Err(Failure::Service(err)) = decode(&request, 500, &HeaderMap::new(), b"") else {
            panic!()
        };
        assert_eq!(
            err,
            ServiceError {
                code: "InternalError".into(),
                status: Some(500),
                ..Default::default()
            }
        );
    }

    #[test]
    fn sanitizes_codes() {
        use crate::protocol::sanitize_code;
        assert_eq!(
            sanitize_code("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/"),
            "FooError"
        );
        assert_eq!(sanitize_code("FooError"), "FooError");
        assert_eq!(sanitize_code("ns#FooError"), "FooError");
    }
}
