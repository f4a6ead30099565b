//! rest-xml (S3, Route 53, CloudFront): HTTP bindings as restJson1 (`binding`), XML bodies.
//!
//! Request body: the payload member when the input sets one (a structure as an XML document
//! rooted at the member's `xml_name` with its namespace; a blob or string as raw bytes), else
//! the members without binding under the schema's `input_root`, else nothing. S3 gets a
//! `Content-MD5` for every XML body. Response: header-bound members from the headers
//! (`x-amz-meta-` maps with lower-case keys), the status-code member, and the payload member
//! (a blob as base64, a structure from the XML) or the root element's children as the
//! output's members.
//!
//! Errors are `<Error><Code/><Message/><RequestId/>…</Error>` (S3) or
//! `<ErrorResponse><Error>…</Error><RequestId/></ErrorResponse>` (Route 53); one without a
//! body (HEAD) or with a body that is not XML is known by its status (`NotFound` for 404).
//! S3 may also answer 200 with an `<Error>` document (CompleteMultipartUpload, CopyObject,
//! UploadPartCopy): that is an error too, unless the output is a raw payload.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde_json::{Map, Value};

use super::binding::{self, has_payload_binding, input_payload, is_bound};
use super::query::{find_error, service_error};
use super::xml::{self, Element};
use super::{
    decode_error, input_object, is_blank, missing_binding, request_error, s3, snippet,
    status_error, Failure, HeaderMap, WireRequest,
};
use crate::schema::{Member, Shape, XmlNamespace};
use crate::{OperationRequest, TransportError, WireType};

/// The members of the operation's input or output structure, when the schema gives them.
fn members_of(shape: Option<&'static Shape>) -> Option<&'static [Member]> {
    match shape {
        Some(Shape::Structure(members)) => Some(members),
        _ => None,
    }
}

pub(crate) fn lay_out(
    request: &OperationRequest,
    signing_name: &str,
    default_namespace: Option<&'static str>,
) -> Result<WireRequest, TransportError> {
    let binding = request
        .binding
        .ok_or_else(|| missing_binding(request, "no HTTP binding for this rest-xml operation"))?;
    let operation = request.operation;
    let input = input_object(operation, &request.input)?;
    let (path_and_query, mut headers) = binding::lay_out_bound(operation, binding, &input)?;
    let input_members = members_of(request.schema.and_then(|s| s.input));
    let default_namespace = default_namespace.map(|uri| XmlNamespace { prefix: None, uri });
    let failed = |e: String| request_error(format!("{operation}: {e}"));

    let (body, is_xml) = if let Some((b, value)) = input_payload(binding, &input) {
        match (b.wire_type, value) {
            (WireType::Blob, Value::String(text)) => {
                let bytes = BASE64
                    .decode(text)
                    .map_err(|e| failed(format!("payload {} is not base64: {e}", b.member)))?;
                (bytes, false)
            }
            (WireType::String, Value::String(text)) => (text.clone().into_bytes(), false),
            _ => {
                let member = input_members
                    .and_then(|members| members.iter().find(|m| m.name == b.member))
                    .ok_or_else(|| {
                        missing_binding(
                            request,
                            &format!("no schema for the payload member {}", b.member),
                        )
                    })?;
                let namespace = member.namespace.or(default_namespace);
                let document =
                    xml::write_document(member.wire_name(), namespace, member.shape, value)
                        .map_err(failed)?;
                (document.into_bytes(), true)
            }
        }
    } else if has_payload_binding(binding)
        || !input
            .iter()
            .any(|(name, value)| !value.is_null() && !is_bound(binding, name))
    {
        (Vec::new(), false)
    } else {
        let members = input_members
            .ok_or_else(|| missing_binding(request, "no schema for this operation's input"))?;
        let default_root = format!("{operation}Request");
        let (root, namespace) = match request.schema.and_then(|s| s.input_root) {
            Some((name, namespace)) => (name, namespace),
            None => (default_root.as_str(), None),
        };
        let document = xml::write_members_document(
            root,
            namespace.or(default_namespace),
            members,
            &input,
            |name| is_bound(binding, name),
        )
        .map_err(failed)?;
        (document.into_bytes(), true)
    };

    let has_header = |headers: &[(String, String)], name: &str| {
        headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
    };
    if is_xml {
        if !has_header(&headers, "content-type") {
            headers.insert(
                0,
                ("Content-Type".to_string(), "application/xml".to_string()),
            );
        }
        if signing_name == "s3" && !has_header(&headers, "content-md5") {
            headers.push(("Content-MD5".to_string(), s3::content_md5(&body)));
        }
    }

    Ok(WireRequest {
        method: binding.method,
        path_and_query,
        headers,
        body,
        bucket: s3_bucket(signing_name, binding, &input),
    })
}

/// S3's bucket, when the URI starts with the `{Bucket}` label (it may move into the host).
fn s3_bucket(
    signing_name: &str,
    binding: &crate::HttpBinding,
    input: &Map<String, Value>,
) -> Option<String> {
    if signing_name != "s3" {
        return None;
    }
    let rest = binding.uri.strip_prefix("/{Bucket}")?;
    if !(rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')) {
        return None;
    }
    binding::label_value(binding, "Bucket", input)?
        .as_str()
        .map(str::to_string)
}

pub(crate) fn decode_response(
    request: &OperationRequest,
    signing_name: &str,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Value, Failure> {
    if !(200..300).contains(&status) {
        return Err(decode_error_response(status, headers, body));
    }
    let binding = request.binding;
    let output_members = members_of(request.schema.and_then(|s| s.output));
    // The binding lists input and output members together; the schema says which are whose.
    let is_output =
        |name: &str| output_members.is_none_or(|members| members.iter().any(|m| m.name == name));
    let payload = binding.and_then(|b| match output_members {
        Some(_) => b
            .members
            .iter()
            .find(|m| m.location == crate::Location::Payload && is_output(m.member)),
        None => binding::output_payload(request, b),
    });
    let raw_payload =
        payload.is_some_and(|b| matches!(b.wire_type, WireType::Blob | WireType::String));
    // A raw payload is the bytes as they are; anything else is an XML document (or nothing).
    let root = if raw_payload || is_blank(body) {
        None
    } else {
        Some(xml::parse(body).map_err(|e| {
            Failure::Transport(decode_error(format!(
                "the response is not XML ({e}): {}",
                snippet(body)
            )))
        })?)
    };
    if let Some(root) = &root {
        if signing_name == "s3" && root.name == "Error" {
            return Err(Failure::Service(service_error(root, root, status, headers)));
        }
    }
    let mut output = Map::new();
    match payload {
        Some(b) if b.wire_type == WireType::Blob => {
            // Always present, so that an empty object reads as empty bytes.
            output.insert(b.member.to_string(), Value::String(BASE64.encode(body)));
        }
        Some(b) if b.wire_type == WireType::String => {
            let text = std::str::from_utf8(body).map_err(|_| {
                Failure::Transport(decode_error(format!("payload {} is not UTF-8", b.member)))
            })?;
            output.insert(b.member.to_string(), Value::String(text.to_string()));
        }
        Some(b) => {
            if let Some(root) = &root {
                let member =
                    output_members.and_then(|members| members.iter().find(|m| m.name == b.member));
                let value = match member {
                    Some(member) => decode_element(member.shape, root)?,
                    None => xml::generic(root),
                };
                if !value.is_null() {
                    output.insert(b.member.to_string(), value);
                }
            }
        }
        None => {
            if let Some(root) = &root {
                match output_members {
                    Some(members) => {
                        let skip = |name: &str| {
                            binding.is_some_and(|b| binding::is_bound_in_response(b, name))
                        };
                        let decoded = xml::decode_members(members, root, skip).map_err(|e| {
                            Failure::Transport(decode_error(format!(
                                "unexpected output in <{}>: {e}",
                                root.name
                            )))
                        })?;
                        output.extend(decoded);
                        // A root that is itself the one member (S3's GetBucketLocation answers
                        // `<LocationConstraint>eu-west-1</LocationConstraint>`).
                        if output.is_empty() && root.children.is_empty() {
                            if let Some(member) = members.iter().find(|m| {
                                !m.attribute && m.wire_name() == root.name && !skip(m.name)
                            }) {
                                let value = decode_element(member.shape, root)?;
                                if !value.is_null() {
                                    output.insert(member.name.to_string(), value);
                                }
                            }
                        }
                    }
                    None => {
                        if let Value::Object(map) = xml::generic(root) {
                            output.extend(map);
                        }
                    }
                }
            }
        }
    }
    if let Some(binding) = binding {
        binding::decode_bound(binding, status, headers, &mut output, is_output)
            .map_err(Failure::Transport)?;
    }
    Ok(Value::Object(output))
}

fn decode_element(shape: &Shape, root: &Element) -> Result<Value, Failure> {
    xml::decode(shape, root).map_err(|e| {
        Failure::Transport(decode_error(format!(
            "unexpected payload <{}>: {e}",
            root.name
        )))
    })
}

/// An error response: the S3 or Route 53 document, else (no body, or not an error document,
/// as botocore does) the status alone.
fn decode_error_response(status: u16, headers: &HeaderMap, body: &[u8]) -> Failure {
    let error = (!is_blank(body))
        .then(|| xml::parse(body).ok())
        .flatten()
        .and_then(|root| {
            find_error(&root).map(|error| service_error(error, &root, status, headers))
        });
    Failure::Service(error.unwrap_or_else(|| status_error(status, headers)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::test_support::{body_text, headers};
    use crate::protocol::{decode_response as decode, lay_out as lay_out_any};
    use crate::schema::{
        ListShape, OperationSchema, BLOB, BOOLEAN, INTEGER, LONG, STRING, TIMESTAMP,
    };
    use crate::{
        HttpBinding, Location, MemberBinding, Protocol, ServiceError, ServiceMeta,
        TransportErrorKind,
    };
    use serde_json::json;

    static S3: ServiceMeta = ServiceMeta {
        name: "s3",
        api_version: "2006-03-01",
        protocol: Some(Protocol::RestXml {
            signing_name: "s3",
            endpoint_prefix: "s3",
            xml_namespace: None,
        }),
    };
    static ROUTE53: ServiceMeta = ServiceMeta {
        name: "route53",
        api_version: "2013-04-01",
        protocol: Some(Protocol::RestXml {
            signing_name: "route53",
            endpoint_prefix: "route53",
            xml_namespace: Some("https://route53.amazonaws.com/doc/2013-04-01/"),
        }),
    };
    const S3_NS: XmlNamespace = XmlNamespace {
        prefix: None,
        uri: "http://s3.amazonaws.com/doc/2006-03-01/",
    };

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
    const fn named(name: &'static str, xml_name: &'static str, shape: &'static Shape) -> Member {
        Member {
            xml_name: Some(xml_name),
            ..Member::new(name, shape)
        }
    }

    // CreateBucket: a structure payload with its own namespace.
    static CREATE_BUCKET_CONFIGURATION: Shape =
        Shape::Structure(&[Member::new("LocationConstraint", &STRING)]);
    static CREATE_BUCKET_INPUT: Shape = Shape::Structure(&[
        Member::new("Bucket", &STRING),
        Member::new("ACL", &STRING),
        Member {
            xml_name: Some("CreateBucketConfiguration"),
            namespace: Some(S3_NS),
            ..Member::new("CreateBucketConfiguration", &CREATE_BUCKET_CONFIGURATION)
        },
    ]);
    static CREATE_BUCKET_OUTPUT: Shape = Shape::Structure(&[Member::new("Location", &STRING)]);
    static CREATE_BUCKET_SCHEMA: OperationSchema = OperationSchema {
        input: Some(&CREATE_BUCKET_INPUT),
        output: Some(&CREATE_BUCKET_OUTPUT),
        result_wrapper: None,
        input_root: None,
    };
    static CREATE_BUCKET: HttpBinding = HttpBinding {
        method: "PUT",
        uri: "/{Bucket}",
        members: &[
            bind("Bucket", Location::Path, "Bucket", WireType::String),
            bind("ACL", Location::Header, "x-amz-acl", WireType::String),
            bind(
                "CreateBucketConfiguration",
                Location::Payload,
                "CreateBucketConfiguration",
                WireType::Structure,
            ),
            bind("Location", Location::Header, "Location", WireType::String),
        ],
    };

    fn s3(
        operation: &'static str,
        binding: &'static HttpBinding,
        schema: &'static OperationSchema,
        input: Value,
    ) -> OperationRequest {
        OperationRequest {
            service: &S3,
            operation,
            input,
            binding: Some(binding),
            schema: Some(schema),
        }
    }

    #[test]
    fn structure_payload_with_namespace_and_md5() {
        let wire = lay_out_any(&s3(
            "CreateBucket",
            &CREATE_BUCKET,
            &CREATE_BUCKET_SCHEMA,
            json!({"Bucket": "my-bucket", "ACL": "private", "CreateBucketConfiguration": {"LocationConstraint": "eu-west-1"}}),
        ))
        .unwrap();
        assert_eq!(
            (wire.method, wire.path_and_query.as_str()),
            ("PUT", "/my-bucket")
        );
        assert_eq!(wire.bucket.as_deref(), Some("my-bucket"));
        // botocore's RestXMLSerializer gives the same document.
        assert_eq!(
            body_text(&wire.body),
            "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
             <LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"
        );
        assert_eq!(wire.header("x-amz-acl"), Some("private"));
        assert_eq!(wire.header("content-type"), Some("application/xml"));
        assert_eq!(
            wire.header("content-md5"),
            Some(s3::content_md5(&wire.body).as_str())
        );

        // Without the payload: no body, no checksum.
        let wire = lay_out_any(&s3(
            "CreateBucket",
            &CREATE_BUCKET,
            &CREATE_BUCKET_SCHEMA,
            json!({"Bucket": "b.with.dots"}),
        ))
        .unwrap();
        assert!(
            wire.body.is_empty() && wire.header("content-md5").is_none(),
            "{wire:?}"
        );
        assert_eq!(wire.bucket.as_deref(), Some("b.with.dots"));

        let output = decode(
            &s3(
                "CreateBucket",
                &CREATE_BUCKET,
                &CREATE_BUCKET_SCHEMA,
                json!({}),
            ),
            200,
            &headers(&[("location", "/my-bucket"), ("x-amz-request-id", "r")]),
            b"",
        )
        .unwrap();
        assert_eq!(output, json!({"Location": "/my-bucket"}));
    }

    // PutObject / GetObject: blob payloads, metadata maps, typed headers.
    static PUT_OBJECT_INPUT: Shape = Shape::Structure(&[
        Member::new("Bucket", &STRING),
        Member::new("Key", &STRING),
        Member::new("Body", &BLOB),
        Member::new("ContentType", &STRING),
        Member::new("Metadata", &METADATA),
    ]);
    static METADATA: Shape = Shape::Map(&crate::schema::MapShape {
        key: Member::new("key", &STRING),
        value: Member::new("value", &STRING),
        flattened: false,
    });
    static GET_OBJECT_OUTPUT: Shape = Shape::Structure(&[
        Member::new("Body", &BLOB),
        Member::new("ContentLength", &LONG),
        Member::new("LastModified", &TIMESTAMP),
        Member::new("Metadata", &METADATA),
        Member::new("DeleteMarker", &BOOLEAN),
    ]);
    static OBJECT_SCHEMA: OperationSchema = OperationSchema {
        input: Some(&PUT_OBJECT_INPUT),
        output: Some(&GET_OBJECT_OUTPUT),
        result_wrapper: None,
        input_root: None,
    };
    static PUT_OBJECT: HttpBinding = HttpBinding {
        method: "PUT",
        uri: "/{Bucket}/{Key+}",
        members: &[
            bind("Bucket", Location::Path, "Bucket", WireType::String),
            bind("Key", Location::Path, "Key", WireType::String),
            bind("Body", Location::Payload, "Body", WireType::Blob),
            bind(
                "ContentType",
                Location::Header,
                "Content-Type",
                WireType::String,
            ),
            bind("Metadata", Location::Header, "x-amz-meta-", WireType::Map),
            bind("ETag", Location::Header, "ETag", WireType::String),
        ],
    };
    static GET_OBJECT: HttpBinding = HttpBinding {
        method: "GET",
        uri: "/{Bucket}/{Key+}",
        members: &[
            bind("Bucket", Location::Path, "Bucket", WireType::String),
            bind("Key", Location::Path, "Key", WireType::String),
            bind("Body", Location::Payload, "Body", WireType::Blob),
            bind(
                "ContentLength",
                Location::Header,
                "Content-Length",
                WireType::Integer,
            ),
            bind(
                "LastModified",
                Location::Header,
                "Last-Modified",
                WireType::Timestamp,
            ),
            bind("Metadata", Location::Header, "x-amz-meta-", WireType::Map),
            bind(
                "DeleteMarker",
                Location::Header,
                "x-amz-delete-marker",
                WireType::Boolean,
            ),
        ],
    };

    #[test]
    fn blob_payloads_and_metadata_headers() {
        let wire = lay_out_any(&s3(
            "PutObject",
            &PUT_OBJECT,
            &OBJECT_SCHEMA,
            json!({"Bucket": "b-1", "Key": "dir/a b.txt", "Body": BASE64.encode(b"<Error>not xml to us</Error>"),
                   "ContentType": "text/plain", "Metadata": {"Color": "blue"}}),
        ))
        .unwrap();
        assert_eq!(wire.path_and_query, "/b-1/dir/a%20b.txt");
        assert_eq!(wire.body, b"<Error>not xml to us</Error>");
        assert_eq!(wire.header("content-type"), Some("text/plain"));
        assert_eq!(wire.header("x-amz-meta-Color"), Some("blue"));
        assert_eq!(wire.header("content-md5"), None);

        // GetObject's body is the object, even when it looks like an S3 error.
        let output = decode(
            &s3(
                "GetObject",
                &GET_OBJECT,
                &OBJECT_SCHEMA,
                json!({"Bucket": "b-1", "Key": "k"}),
            ),
            200,
            &headers(&[
                ("content-length", "27"),
                ("last-modified", "Mon, 01 Jan 2024 00:00:00 GMT"),
                ("x-amz-meta-color", "blue"),
                ("x-amz-meta-owner", "me"),
                ("x-amz-delete-marker", "false"),
            ]),
            b"<Error>not xml to us</Error>",
        )
        .unwrap();
        assert_eq!(
            output,
            json!({
                "Body": BASE64.encode(b"<Error>not xml to us</Error>"),
                "ContentLength": 27,
                "LastModified": 1704067200,
                "Metadata": {"color": "blue", "owner": "me"},
                "DeleteMarker": false,
            })
        );
        // An empty object is empty bytes, not a missing body.
        let output = decode(
            &s3("GetObject", &GET_OBJECT, &OBJECT_SCHEMA, json!({})),
            200,
            &HeaderMap::new(),
            b"",
        )
        .unwrap();
        assert_eq!(output, json!({"Body": ""}));
    }

    // ListObjectsV2: the root's children, a flattened list, typed scalars.
    static OWNER: Shape = Shape::Structure(&[
        Member::new("DisplayName", &STRING),
        Member::new("ID", &STRING),
    ]);
    static OBJECT: Shape = Shape::Structure(&[
        Member::new("Key", &STRING),
        Member::new("LastModified", &TIMESTAMP),
        Member::new("ETag", &STRING),
        Member::new("Size", &LONG),
        Member::new("Owner", &OWNER),
    ]);
    static OBJECT_LIST: Shape = Shape::List(&ListShape {
        member: Member::new("member", &OBJECT),
        flattened: true,
    });
    static PREFIX: Shape = Shape::Structure(&[Member::new("Prefix", &STRING)]);
    static PREFIXES: Shape = Shape::List(&ListShape {
        member: Member::new("member", &PREFIX),
        flattened: true,
    });
    static LIST_OUTPUT: Shape = Shape::Structure(&[
        Member::new("IsTruncated", &BOOLEAN),
        Member::new("Contents", &OBJECT_LIST),
        Member::new("Name", &STRING),
        Member::new("MaxKeys", &INTEGER),
        Member::new("CommonPrefixes", &PREFIXES),
        Member::new("KeyCount", &INTEGER),
        Member::new("NextContinuationToken", &STRING),
        Member::new("RequestCharged", &STRING),
    ]);
    static LIST_INPUT: Shape = Shape::Structure(&[
        Member::new("Bucket", &STRING),
        Member::new("MaxKeys", &INTEGER),
    ]);
    static LIST_SCHEMA: OperationSchema = OperationSchema {
        input: Some(&LIST_INPUT),
        output: Some(&LIST_OUTPUT),
        result_wrapper: None,
        input_root: None,
    };
    static LIST_OBJECTS_V2: HttpBinding = HttpBinding {
        method: "GET",
        uri: "/{Bucket}?list-type=2",
        members: &[
            bind("Bucket", Location::Path, "Bucket", WireType::String),
            bind("MaxKeys", Location::Query, "max-keys", WireType::Integer),
            bind(
                "RequestCharged",
                Location::Header,
                "x-amz-request-charged",
                WireType::String,
            ),
        ],
    };

    #[test]
    fn list_objects_output_from_the_root() {
        let request = s3(
            "ListObjectsV2",
            &LIST_OBJECTS_V2,
            &LIST_SCHEMA,
            json!({"Bucket": "b-1", "MaxKeys": 1}),
        );
        let wire = lay_out_any(&request).unwrap();
        assert_eq!(
            (wire.method, wire.path_and_query.as_str()),
            ("GET", "/b-1?list-type=2&max-keys=1")
        );
        assert!(wire.body.is_empty());
        let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>b-1</Name><Prefix></Prefix><MaxKeys>1</MaxKeys><KeyCount>1</KeyCount><IsTruncated>true</IsTruncated>
  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
  <Contents><Key>a.txt</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified><ETag>&quot;abc&quot;</ETag><Size>5</Size><StorageClass>STANDARD</StorageClass></Contents>
  <Contents><Key>b.txt</Key><Size>0</Size><Owner><ID>o</ID></Owner></Contents>
  <CommonPrefixes><Prefix>photos/</Prefix></CommonPrefixes>
</ListBucketResult>"#;
        let output = decode(
            &request,
            200,
            &headers(&[("x-amz-request-charged", "requester")]),
            body,
        )
        .unwrap();
        assert_eq!(
            output,
            json!({
                "Name": "b-1", "MaxKeys": 1, "KeyCount": 1, "IsTruncated": true,
                "NextContinuationToken": "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=",
                "Contents": [
                    {"Key": "a.txt", "LastModified": "2024-01-01T00:00:00.000Z", "ETag": "\"abc\"", "Size": 5},
                    {"Key": "b.txt", "Size": 0, "Owner": {"ID": "o"}},
                ],
                "CommonPrefixes": [{"Prefix": "photos/"}],
                "RequestCharged": "requester",
            })
        );
    }

    // DeleteObjects: a payload with a flattened list renamed by the member.
    static OBJECT_ID: Shape = Shape::Structure(&[
        Member::new("Key", &STRING),
        Member::new("VersionId", &STRING),
    ]);
    static OBJECT_IDS: Shape = Shape::List(&ListShape {
        member: Member::new("member", &OBJECT_ID),
        flattened: true,
    });
    static DELETE: Shape = Shape::Structure(&[
        named("Objects", "Object", &OBJECT_IDS),
        Member::new("Quiet", &BOOLEAN),
    ]);
    static DELETED: Shape = Shape::Structure(&[Member::new("Key", &STRING)]);
    static DELETED_LIST: Shape = Shape::List(&ListShape {
        member: Member::new("member", &DELETED),
        flattened: true,
    });
    static DELETE_ERROR: Shape =
        Shape::Structure(&[Member::new("Key", &STRING), Member::new("Code", &STRING)]);
    static DELETE_ERRORS: Shape = Shape::List(&ListShape {
        member: Member::new("member", &DELETE_ERROR),
        flattened: true,
    });
    static DELETE_INPUT: Shape = Shape::Structure(&[
        Member::new("Bucket", &STRING),
        Member {
            xml_name: Some("Delete"),
            namespace: Some(S3_NS),
            ..Member::new("Delete", &DELETE)
        },
    ]);
    static DELETE_OUTPUT: Shape = Shape::Structure(&[
        Member::new("Deleted", &DELETED_LIST),
        named("Errors", "Error", &DELETE_ERRORS),
    ]);
    static DELETE_SCHEMA: OperationSchema = OperationSchema {
        input: Some(&DELETE_INPUT),
        output: Some(&DELETE_OUTPUT),
        result_wrapper: None,
        input_root: None,
    };
    static DELETE_OBJECTS: HttpBinding = HttpBinding {
        method: "POST",
        uri: "/{Bucket}?delete",
        members: &[
            bind("Bucket", Location::Path, "Bucket", WireType::String),
            bind("Delete", Location::Payload, "Delete", WireType::Structure),
        ],
    };

    #[test]
    fn delete_objects_document_and_result() {
        let request = s3(
            "DeleteObjects",
            &DELETE_OBJECTS,
            &DELETE_SCHEMA,
            json!({"Bucket": "b-1", "Delete": {"Objects": [{"Key": "a"}, {"Key": "b&c", "VersionId": "v"}], "Quiet": false}}),
        );
        let wire = lay_out_any(&request).unwrap();
        assert_eq!(wire.path_and_query, "/b-1?delete");
        // botocore's RestXMLSerializer gives the same document.
        assert_eq!(
            body_text(&wire.body),
            "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Object><Key>a</Key></Object>\
             <Object><Key>b&amp;c</Key><VersionId>v</VersionId></Object><Quiet>false</Quiet></Delete>"
        );
        assert_eq!(
            wire.header("content-md5"),
            Some(s3::content_md5(&wire.body).as_str())
        );
        let body = b"<DeleteResult><Deleted><Key>a</Key></Deleted><Error><Key>b&amp;c</Key><Code>AccessDenied</Code></Error></DeleteResult>";
        let output = decode(&request, 200, &HeaderMap::new(), body).unwrap();
        assert_eq!(
            output,
            json!({"Deleted": [{"Key": "a"}], "Errors": [{"Key": "b&c", "Code": "AccessDenied"}]})
        );
    }

    // Route 53: the input itself is the document, under `input_root`.
    static CHANGE: Shape =
        Shape::Structure(&[Member::new("Action", &STRING), Member::new("Name", &STRING)]);
    static CHANGES: Shape = Shape::List(&ListShape {
        member: named("member", "Change", &CHANGE),
        flattened: false,
    });
    static BATCH: Shape = Shape::Structure(&[
        Member::new("Comment", &STRING),
        Member::new("Changes", &CHANGES),
    ]);
    static CHANGE_INPUT: Shape = Shape::Structure(&[
        named("HostedZoneId", "Id", &STRING),
        Member::new("ChangeBatch", &BATCH),
    ]);
    static CHANGE_INFO: Shape =
        Shape::Structure(&[Member::new("Id", &STRING), Member::new("Status", &STRING)]);
    static CHANGE_OUTPUT: Shape = Shape::Structure(&[Member::new("ChangeInfo", &CHANGE_INFO)]);
    static CHANGE_SCHEMA: OperationSchema = OperationSchema {
        input: Some(&CHANGE_INPUT),
        output: Some(&CHANGE_OUTPUT),
        result_wrapper: None,
        input_root: Some((
            "ChangeResourceRecordSetsRequest",
            Some(XmlNamespace {
                prefix: None,
                uri: "https://route53.amazonaws.com/doc/2013-04-01/",
            }),
        )),
    };
    static CHANGE_RRS: HttpBinding = HttpBinding {
        method: "POST",
        uri: "/2013-04-01/hostedzone/{Id}/rrset/",
        members: &[bind("HostedZoneId", Location::Path, "Id", WireType::String)],
    };

    #[test]
    fn input_root_documents_and_route53_errors() {
        let request = OperationRequest {
            service: &ROUTE53,
            operation: "ChangeResourceRecordSets",
            input: json!({"HostedZoneId": "Z1", "ChangeBatch": {"Changes": [{"Action": "CREATE", "Name": "a.example.com"}]}}),
            binding: Some(&CHANGE_RRS),
            schema: Some(&CHANGE_SCHEMA),
        };
        let wire = lay_out_any(&request).unwrap();
        assert_eq!(wire.path_and_query, "/2013-04-01/hostedzone/Z1/rrset/");
        assert_eq!(wire.bucket, None);
        assert_eq!(wire.header("content-md5"), None, "only S3 gets Content-MD5");
        assert_eq!(
            body_text(&wire.body),
            "<ChangeResourceRecordSetsRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><ChangeBatch>\
             <Changes><Change><Action>CREATE</Action><Name>a.example.com</Name></Change></Changes>\
             </ChangeBatch></ChangeResourceRecordSetsRequest>"
        );
        let body = br#"<ChangeResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeInfo><Id>/change/C1</Id><Status>PENDING</Status></ChangeInfo></ChangeResourceRecordSetsResponse>"#;
        assert_eq!(
            decode(&request, 200, &HeaderMap::new(), body).unwrap(),
            json!({"ChangeInfo": {"Id": "/change/C1", "Status": "PENDING"}})
        );
        let body = br#"<?xml version="1.0"?>
<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z1</Message></Error><RequestId>rid</RequestId></ErrorResponse>"#;
        let Err(Failure::Service(err)) = decode(&request, 404, &HeaderMap::new(), body) else {
            panic!()
        };
        assert_eq!(
            (
                err.code.as_str(),
                err.message.as_deref(),
                err.request_id.as_deref(),
                err.status
            ),
            (
                "NoSuchHostedZone",
                Some("No hosted zone found with ID: Z1"),
                Some("rid"),
                Some(404)
            )
        );
        // Route 53 never gets the 200-with-Error treatment (that is S3's).
        let output = decode(
            &request,
            200,
            &HeaderMap::new(),
            b"<Error><Code>X</Code></Error>",
        )
        .unwrap();
        assert_eq!(output, json!({}));
    }

    #[test]
    fn a_root_that_is_the_member_itself() {
        static LOCATION_OUTPUT: Shape =
            Shape::Structure(&[Member::new("LocationConstraint", &STRING)]);
        static LOCATION_SCHEMA: OperationSchema = OperationSchema {
            input: Some(&LIST_INPUT),
            output: Some(&LOCATION_OUTPUT),
            result_wrapper: None,
            input_root: None,
        };
        static GET_BUCKET_LOCATION: HttpBinding = HttpBinding {
            method: "GET",
            uri: "/{Bucket}?location",
            members: &[bind("Bucket", Location::Path, "Bucket", WireType::String)],
        };
        let request = s3(
            "GetBucketLocation",
            &GET_BUCKET_LOCATION,
            &LOCATION_SCHEMA,
            json!({"Bucket": "b-1"}),
        );
        let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1</LocationConstraint>";
        assert_eq!(
            decode(&request, 200, &HeaderMap::new(), body).unwrap(),
            json!({"LocationConstraint": "eu-west-1"})
        );
        // us-east-1 answers an empty element: no location.
        let body = b"<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>";
        assert_eq!(
            decode(&request, 200, &HeaderMap::new(), body).unwrap(),
            json!({"LocationConstraint": ""})
        );
    }

    #[test]
    fn s3_errors_by_body_or_status() {
        let request = s3(
            "GetObject",
            &GET_OBJECT,
            &OBJECT_SCHEMA,
            json!({"Bucket": "b-1", "Key": "k"}),
        );
        let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>k</Key><RequestId>4442587FB7D0A2F9</RequestId><HostId>host</HostId></Error>"#;
        let Err(Failure::Service(err)) = decode(
            &request,
            404,
            &headers(&[("x-amz-request-id", "hdr")]),
            body,
        ) else {
            panic!()
        };
        assert_eq!(err.code, "NoSuchKey");
        assert_eq!(
            err.message.as_deref(),
            Some("The specified key does not exist.")
        );
        assert_eq!(err.request_id.as_deref(), Some("4442587FB7D0A2F9"));
        assert_eq!(err.fields.get("Key"), Some(&json!("k")));

        // HEAD: no body, the status names the error.
        let Err(Failure::Service(err)) =
            decode(&request, 404, &headers(&[("x-amz-request-id", "hdr")]), b"")
        else {
            panic!()
        };
        assert_eq!(
            err,
            ServiceError {
                code: "NotFound".into(),
                message: Some("Not Found".into()),
                request_id: Some("hdr".into()),
                status: Some(404),
                ..Default::default()
            }
        );
        let Err(Failure::Service(err)) = decode(&request, 403, &HeaderMap::new(), b"<html>denied")
        else {
            panic!()
        };
        assert_eq!(err.code, "Forbidden");
        let Err(Failure::Service(err)) = decode(&request, 599, &HeaderMap::new(), b"") else {
            panic!()
        };
        assert_eq!(err.code, "599");
    }

    #[test]
    fn s3_200_with_error_is_an_error() {
        let request = s3(
            "CreateBucket",
            &CREATE_BUCKET,
            &CREATE_BUCKET_SCHEMA,
            json!({"Bucket": "b-1"}),
        );
        let body = b"<?xml version=\"1.0\"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>r</RequestId></Error>";
        let Err(Failure::Service(err)) = decode(&request, 200, &HeaderMap::new(), body) else {
            panic!()
        };
        // `InternalError` is a transient code: the transport retries it.
        assert_eq!(
            (err.code.as_str(), err.status),
            ("InternalError", Some(200))
        );
    }

    #[test]
    fn missing_facts_and_bad_inputs() {
        let request = OperationRequest {
            binding: None,
            ..s3(
                "CreateBucket",
                &CREATE_BUCKET,
                &CREATE_BUCKET_SCHEMA,
                json!({}),
            )
        };
        assert_eq!(
            lay_out_any(&request).unwrap_err().kind,
            TransportErrorKind::MissingBinding
        );
        let request = OperationRequest {
            schema: None,
            ..s3(
                "CreateBucket",
                &CREATE_BUCKET,
                &CREATE_BUCKET_SCHEMA,
                json!({"Bucket": "b", "CreateBucketConfiguration": {}}),
            )
        };
        let err = lay_out_any(&request).unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::MissingBinding);
        assert!(
            err.message.contains("CreateBucketConfiguration"),
            "{}",
            err.message
        );
        let err = lay_out_any(&s3(
            "PutObject",
            &PUT_OBJECT,
            &OBJECT_SCHEMA,
            json!({"Bucket": "b", "Key": "k", "Body": "!!"}),
        ))
        .unwrap_err();
        assert_eq!(err.kind, TransportErrorKind::Request);
        let err = lay_out_any(&s3(
            "PutObject",
            &PUT_OBJECT,
            &OBJECT_SCHEMA,
            json!({"Bucket": "b"}),
        ))
        .unwrap_err();
        assert!(err.message.contains("Key"), "{}", err.message);
        // A body that is not XML where XML is expected.
        let failure = decode(
            &s3("ListObjectsV2", &LIST_OBJECTS_V2, &LIST_SCHEMA, json!({})),
            200,
            &HeaderMap::new(),
            b"{}",
        )
        .unwrap_err();
        assert!(
            matches!(failure, Failure::Transport(ref e) if e.kind == TransportErrorKind::Decode),
            "{failure:?}"
        );
        let failure = decode(
            &s3("ListObjectsV2", &LIST_OBJECTS_V2, &LIST_SCHEMA, json!({})),
            200,
            &HeaderMap::new(),
            b"<ListBucketResult><MaxKeys>x</MaxKeys></ListBucketResult>",
        )
        .unwrap_err();
        assert!(
            matches!(failure, Failure::Transport(ref e) if e.message.contains("<MaxKeys>: expected an integer")),
            "{failure:?}"
        );
    }
}
