//! awsQuery (IAM, STS, SNS, SQS's old API, …): POST `/` with a form body
//! `Action=<Op>&Version=<api version>&…`; XML responses
//! `<OpResponse><OpResult>…</OpResult><ResponseMetadata><RequestId>…`; errors
//! `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
//!
//! Form keys (botocore's `QuerySerializer`): a structure's members are `Prefix.Member` (the
//! member's `xml_name`, else its name); lists `Name.member.N` (the item's `xml_name`, else
//! `member`), flattened lists `Name.N`; maps `Name.entry.N.key` / `.value` (their
//! `xml_name`s), flattened without `entry`; an empty list is sent as `Name=`. The ec2 dialect
//! ([`super::ec2`]) shares this module with its own key rules.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};

use super::xml::{self, Element};
use super::{
    decode_error, header_request_id, input_object, is_blank, kind_of, missing_binding,
    request_error, snippet, status_error, Failure, HeaderMap, WireRequest,
};
use crate::schema::{Member, Shape};
use crate::{OperationRequest, ServiceError, TransportError};

/// The form key rules of the two query dialects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Query,
    Ec2,
}

/// How deeply an input may nest (a guard against runaway recursion, far above any model).
const MAX_DEPTH: usize = 64;

/// Python's `quote_plus` (what botocore's `urlencode` does): unreserved characters stay,
/// spaces become `+`, everything else is percent-encoded.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b' ');

fn form_encode(text: &str) -> String {
    utf8_percent_encode(text, FORM)
        .to_string()
        .replace(' ', "+")
}

pub(crate) fn lay_out(request: &OperationRequest) -> Result<WireRequest, TransportError> {
    lay_out_form(request, Dialect::Query)
}

pub(crate) fn lay_out_form(
    request: &OperationRequest,
    dialect: Dialect,
) -> Result<WireRequest, TransportError> {
    let operation = request.operation;
    let input = input_object(operation, &request.input)?;
    let mut pairs = form_pairs(request, &input, dialect)?;
    pairs.splice(
        0..0,
        [
            ("Action".to_string(), operation.to_string()),
            (
                "Version".to_string(),
                request.service.api_version.to_string(),
            ),
        ],
    );
    let body = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    Ok(WireRequest {
        method: "POST",
        path_and_query: "/".to_string(),
        headers: vec![(
            "Content-Type".to_string(),
            "application/x-www-form-urlencoded; charset=utf-8".to_string(),
        )],
        body: body.into_bytes(),
        bucket: None,
    })
}

/// The input's form keys and values (without `Action` and `Version`).
pub(crate) fn form_pairs(
    request: &OperationRequest,
    input: &Map<String, Value>,
    dialect: Dialect,
) -> Result<Vec<(String, String)>, TransportError> {
    let mut pairs = Vec::new();
    if input.values().all(Value::is_null) {
        return Ok(pairs);
    }
    // Without the input's shape, timestamps and nested keys cannot be written.
    let schema = request
        .schema
        .ok_or_else(|| missing_binding(request, "no schema for this operation's input"))?;
    let members = match schema.input {
        Some(Shape::Structure(members)) => *members,
        Some(_) => {
            return Err(request_error(format!(
                "{}: the input shape must be a structure",
                request.operation
            )))
        }
        None => {
            return Err(request_error(format!(
                "{}: the operation takes no input, but members were given",
                request.operation
            )))
        }
    };
    serialize_members(members, input, "", dialect, &mut pairs, 0)
        .map_err(|e| request_error(format!("{}: {e}", request.operation)))?;
    Ok(pairs)
}

/// The key of a member below its parent's: query uses the `xml_name` (botocore's
/// `locationName`); ec2 the `query_name`, else the capitalised `xml_name`, else the name.
fn member_key(member: &Member, dialect: Dialect) -> String {
    match dialect {
        Dialect::Query => member.wire_name().to_string(),
        Dialect::Ec2 => match (member.query_name, member.xml_name) {
            (Some(query_name), _) => query_name.to_string(),
            (None, Some(xml_name)) => capitalize(xml_name),
            (None, None) => member.name.to_string(),
        },
    }
}

fn capitalize(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn serialize_members(
    members: &[Member],
    value: &Map<String, Value>,
    prefix: &str,
    dialect: Dialect,
    out: &mut Vec<(String, String)>,
    depth: usize,
) -> Result<(), String> {
    if let Some(unknown) = value
        .iter()
        .find(|(k, v)| !v.is_null() && !members.iter().any(|m| m.name == k.as_str()))
    {
        return Err(format!(
            "no member `{}` in {}",
            unknown.0,
            if prefix.is_empty() {
                "the input"
            } else {
                prefix
            }
        ));
    }
    for member in members {
        let Some(v) = value.get(member.name).filter(|v| !v.is_null()) else {
            continue;
        };
        let key = join(prefix, &member_key(member, dialect));
        serialize(
            member.shape,
            v,
            &key,
            member.flattened,
            dialect,
            out,
            depth + 1,
        )?;
    }
    Ok(())
}

fn serialize(
    shape: &Shape,
    value: &Value,
    prefix: &str,
    flattened: bool,
    dialect: Dialect,
    out: &mut Vec<(String, String)>,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("{prefix}: nested deeper than {MAX_DEPTH} levels"));
    }
    let expected = |what: &str| format!("{prefix}: expected {what}, got {}", kind_of(value));
    match shape {
        Shape::Structure(members) => {
            let object = value.as_object().ok_or_else(|| expected("an object"))?;
            serialize_members(members, object, prefix, dialect, out, depth)
        }
        Shape::List(list) => {
            let items: Vec<&Value> = value
                .as_array()
                .ok_or_else(|| expected("an array"))?
                .iter()
                .filter(|v| !v.is_null())
                .collect();
            let list_prefix = match dialect {
                Dialect::Ec2 => prefix.to_string(),
                // The query protocol sends an empty list as `Name=` (botocore does).
                Dialect::Query if items.is_empty() => {
                    out.push((prefix.to_string(), String::new()));
                    return Ok(());
                }
                Dialect::Query if flattened || list.flattened => match list.member.xml_name {
                    // `Parent.Name` becomes `Parent.<item name>`.
                    Some(item) => match prefix.rsplit_once('.') {
                        Some((parent, _)) => format!("{parent}.{item}"),
                        None => item.to_string(),
                    },
                    None => prefix.to_string(),
                },
                Dialect::Query => format!("{prefix}.{}", list.member.xml_name.unwrap_or("member")),
            };
            for (i, item) in items.into_iter().enumerate() {
                let key = format!("{list_prefix}.{}", i + 1);
                serialize(
                    list.member.shape,
                    item,
                    &key,
                    false,
                    dialect,
                    out,
                    depth + 1,
                )?;
            }
            Ok(())
        }
        Shape::Map(map) => {
            let entries = value.as_object().ok_or_else(|| expected("an object"))?;
            let entry_prefix = if flattened || map.flattened {
                prefix.to_string()
            } else {
                format!("{prefix}.entry")
            };
            let suffix = |m: &Member, default: &str| match dialect {
                Dialect::Query => m.xml_name.unwrap_or(default).to_string(),
                Dialect::Ec2 => match (m.query_name, m.xml_name) {
                    (Some(q), _) => q.to_string(),
                    (None, Some(x)) => capitalize(x),
                    (None, None) => default.to_string(),
                },
            };
            let (key_suffix, value_suffix) = (suffix(&map.key, "key"), suffix(&map.value, "value"));
            for (i, (key, item)) in entries.iter().filter(|(_, v)| !v.is_null()).enumerate() {
                let n = i + 1;
                let key_value = Value::String(key.clone());
                serialize(
                    map.key.shape,
                    &key_value,
                    &format!("{entry_prefix}.{n}.{key_suffix}"),
                    false,
                    dialect,
                    out,
                    depth + 1,
                )?;
                serialize(
                    map.value.shape,
                    item,
                    &format!("{entry_prefix}.{n}.{value_suffix}"),
                    false,
                    dialect,
                    out,
                    depth + 1,
                )?;
            }
            Ok(())
        }
        scalar => {
            let text = xml::scalar_text(scalar, value).map_err(|e| format!("{prefix}: {e}"))?;
            out.push((prefix.to_string(), text));
            Ok(())
        }
    }
}

pub(crate) fn decode_response(
    request: &OperationRequest,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Value, Failure> {
    decode_in_dialect(request, status, headers, body, Dialect::Query)
}

pub(crate) fn decode_in_dialect(
    request: &OperationRequest,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
    dialect: Dialect,
) -> Result<Value, Failure> {
    if !(200..300).contains(&status) {
        return Err(decode_xml_error(status, headers, body));
    }
    decode_output(request, body, dialect).map_err(Failure::Transport)
}

fn parse_body(body: &[u8]) -> Result<Element, TransportError> {
    xml::parse(body)
        .map_err(|e| decode_error(format!("the response is not XML ({e}): {}", snippet(body))))
}

/// The output: the result wrapper's children (query) or the root's (ec2), by the schema;
/// without a schema, the plain conversion of the same element.
fn decode_output(
    request: &OperationRequest,
    body: &[u8],
    dialect: Dialect,
) -> Result<Value, TransportError> {
    let empty = || Value::Object(Map::new());
    if is_blank(body) {
        return Ok(empty());
    }
    let root = parse_body(body)?;
    let default_wrapper = format!("{}Result", request.operation);
    let wrapper = match (dialect, request.schema) {
        (Dialect::Ec2, _) => None,
        (Dialect::Query, Some(schema)) => schema.result_wrapper,
        (Dialect::Query, None) => Some(default_wrapper.as_str()),
    };
    let start = match wrapper {
        Some(name) => match root.child(name) {
            Some(element) => element,
            // An output whose members are all absent may come without its wrapper.
            None => return Ok(empty()),
        },
        None => &root,
    };
    let Some(schema) = request.schema else {
        return Ok(match xml::generic(start) {
            Value::Object(mut map) => {
                // ec2's request id is metadata, not output (botocore moves it aside too).
                map.remove("requestId");
                Value::Object(map)
            }
            _ => empty(),
        });
    };
    let Some(output) = schema.output else {
        return Ok(empty());
    };
    match xml::decode(output, start) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(decode_error("the output shape must be a structure")),
        Err(e) => Err(decode_error(format!(
            "unexpected output in <{}>: {e}",
            start.name
        ))),
    }
}

/// An error response of the XML protocols: `<ErrorResponse><Error>` (query, Route 53),
/// `<Response><Errors><Error>` (ec2) or `<Error>` (S3). An empty body, or (from 5xx) one
/// that is not such a document, is known by its status only.
pub(crate) fn decode_xml_error(status: u16, headers: &HeaderMap, body: &[u8]) -> Failure {
    if is_blank(body) {
        return Failure::Service(status_error(status, headers));
    }
    let root = match xml::parse(body) {
        Ok(root) => root,
        // A proxy's or load balancer's page: botocore's generic error.
        Err(_) if status >= 500 => return Failure::Service(status_error(status, headers)),
        Err(e) => {
            return Failure::Transport(decode_error(format!(
                "HTTP {status} with a body that is not XML ({e}): {}",
                snippet(body)
            )))
        }
    };
    match find_error(&root) {
        Some(error) => Failure::Service(service_error(error, &root, status, headers)),
        None if status >= 500 => Failure::Service(status_error(status, headers)),
        None => Failure::Transport(decode_error(format!(
            "HTTP {status}: expected <ErrorResponse><Error>, <Response><Errors><Error> or <Error>, got <{}>: {}",
            root.name,
            snippet(body)
        ))),
    }
}

/// The `<Error>` element of an error document.
pub(crate) fn find_error(root: &Element) -> Option<&Element> {
    if root.name == "Error" {
        return Some(root);
    }
    root.child("Error").or_else(|| {
        root.child("Errors")
            .and_then(|errors| errors.child("Error"))
    })
}

/// The error's code, message and request id, and its children as
/// [`ServiceError::fields`]; a missing code is the status's.
pub(crate) fn service_error(
    error: &Element,
    root: &Element,
    status: u16,
    headers: &HeaderMap,
) -> ServiceError {
    let text = |e: &Element, name: &str| {
        e.child_text(name)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let fields = match xml::generic(error) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    let request_id = text(root, "RequestId")
        .or_else(|| text(root, "RequestID"))
        .or_else(|| text(error, "RequestId"))
        .or_else(|| header_request_id(headers));
    let fallback = status_error(status, headers);
    ServiceError {
        code: text(error, "Code").unwrap_or(fallback.code),
        message: text(error, "Message").or(fallback.message),
        request_id,
        status: Some(status),
        fields,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::protocol::test_support::{body_text, headers};
    use crate::protocol::{decode_response as decode, lay_out as lay_out_any};
    use crate::schema::{
        ListShape, MapShape, OperationSchema, BLOB, BOOLEAN, DOUBLE, INTEGER, STRING, TIMESTAMP,
    };
    use crate::{Protocol, ServiceMeta, TransportErrorKind};
    use serde_json::json;

    pub(crate) static IAM: ServiceMeta = ServiceMeta {
        name: "iam",
        api_version: "2010-05-08",
        protocol: Some(Protocol::Query {
            signing_name: "iam",
            endpoint_prefix: "iam",
        }),
    };

    static TAG: Shape =
        Shape::Structure(&[Member::new("Key", &STRING), Member::new("Value", &STRING)]);
    static TAGS: Shape = Shape::List(&ListShape {
        member: Member::new("member", &TAG),
        flattened: false,
    });
    static NAMES: Shape = Shape::List(&ListShape {
        member: Member::new("member", &STRING),
        flattened: false,
    });
    static FLAT_NAMES: Shape = Shape::List(&ListShape {
        member: Member::new("member", &STRING),
        flattened: true,
    });
    static NAMED_FLAT: Shape = Shape::List(&ListShape {
        member: Member {
            xml_name: Some("Item"),
            ..Member::new("member", &STRING)
        },
        flattened: true,
    });
    static ATTRS: Shape = Shape::Map(&MapShape {
        key: Member::new("key", &STRING),
        value: Member::new("value", &STRING),
        flattened: false,
    });
    static NAMED_MAP: Shape = Shape::Map(&MapShape {
        key: Member {
            xml_name: Some("Name"),
            ..Member::new("key", &STRING)
        },
        value: Member {
            xml_name: Some("Val"),
            ..Member::new("value", &INTEGER)
        },
        flattened: true,
    });
    static NESTED: Shape =
        Shape::Structure(&[Member::new("Inner", &STRING), Member::new("Flag", &BOOLEAN)]);
    static INPUT: Shape = Shape::Structure(&[
        Member::new("UserName", &STRING),
        Member::new("Tags", &TAGS),
        Member::new("Empty", &NAMES),
        Member::new("Flat", &FLAT_NAMES),
        Member {
            xml_name: Some("Renamed"),
            ..Member::new("NamedFlat", &NAMED_FLAT)
        },
        Member::new("Attributes", &ATTRS),
        Member::new("Counts", &NAMED_MAP),
        Member::new("Nested", &NESTED),
        Member::new("When", &TIMESTAMP),
        Member::new("Data", &BLOB),
        Member::new("Ratio", &DOUBLE),
        Member::new("Enabled", &BOOLEAN),
        Member::new("Max", &INTEGER),
    ]);

    static USER: Shape = Shape::Structure(&[
        Member::new("UserName", &STRING),
        Member::new("UserId", &STRING),
        Member::new("CreateDate", &TIMESTAMP),
        Member::new("Tags", &TAGS),
    ]);
    static USERS: Shape = Shape::List(&ListShape {
        member: Member::new("member", &USER),
        flattened: false,
    });
    static LIST_USERS_OUTPUT: Shape = Shape::Structure(&[
        Member::new("Users", &USERS),
        Member::new("IsTruncated", &BOOLEAN),
        Member::new("Marker", &STRING),
    ]);
    static SCHEMA: OperationSchema = OperationSchema {
        input: Some(&INPUT),
        output: Some(&LIST_USERS_OUTPUT),
        result_wrapper: Some("ListUsersResult"),
        input_root: None,
    };

    fn request(operation: &'static str, input: Value) -> OperationRequest {
        OperationRequest {
            service: &IAM,
            operation,
            input,
            binding: None,
            schema: Some(&SCHEMA),
        }
    }

    #[test]
    fn query_form_matches_botocore() {
        let wire = lay_out_any(&request(
            "ListUsers",
            json!({
                "UserName": "a b+c/é",
                "Tags": [{"Key": "k1", "Value": "v1"}, {"Key": "k2", "Value": "v&2"}],
                "Empty": [],
                "Flat": ["x", "y"],
                "NamedFlat": ["p"],
                "Attributes": {"Policy": "{}", "DisplayName": "d"},
                "Counts": {"a": 1},
                "Nested": {"Inner": "in", "Flag": false},
                "When": 1704067200,
                "Data": "aGVsbG8=",
                "Ratio": 0.5,
                "Enabled": true,
                "Max": 10,
            }),
        ))
        .unwrap();
        assert_eq!((wire.method, wire.path_and_query.as_str()), ("POST", "/"));
        assert_eq!(
            wire.header("content-type"),
            Some("application/x-www-form-urlencoded; charset=utf-8")
        );
        // botocore's QuerySerializer with the same model and input, through its urlencode.
        assert_eq!(
            body_text(&wire.body),
            "Action=ListUsers&Version=2010-05-08&UserName=a+b%2Bc%2F%C3%A9\
             &Tags.member.1.Key=k1&Tags.member.1.Value=v1&Tags.member.2.Key=k2&Tags.member.2.Value=v%262\
             &Empty=&Flat.1=x&Flat.2=y&Item.1=p\
             &Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=d\
             &Attributes.entry.2.key=Policy&Attributes.entry.2.value=%7B%7D\
             &Counts.1.Name=a&Counts.1.Val=1\
             &Nested.Inner=in&Nested.Flag=false&When=2024-01-01T00%3A00%3A00Z&Data=aGVsbG8%3D\
             &Ratio=0.5&Enabled=true&Max=10"
        );
    }

    #[test]
    fn query_form_without_input_needs_no_schema() {
        let bare = OperationRequest {
            schema: None,
            ..request("GetCallerIdentity", Value::Null)
        };
        let wire = lay_out_any(&bare).unwrap();
        assert_eq!(
            body_text(&wire.body),
            "Action=GetCallerIdentity&Version=2010-05-08"
        );
        let with_input = OperationRequest {
            schema: None,
            ..request("GetUser", json!({"UserName": "x"}))
        };
        assert_eq!(
            lay_out_any(&with_input).unwrap_err().kind,
            TransportErrorKind::MissingBinding
        );
        let err = lay_out_any(&request("ListUsers", json!({"Bogus": 1}))).unwrap_err();
        assert!(err.message.contains("no member `Bogus`"), "{}", err.message);
        let err = lay_out_any(&request(
            "ListUsers",
            json!({"Tags": [{"Key": 1, "Value": []}]}),
        ))
        .unwrap_err();
        assert!(
            err.message.contains("Tags.member.1.Value"),
            "{}",
            err.message
        );
    }

    const LIST_USERS: &str = r#"<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <ListUsersResult>
    <IsTruncated>true</IsTruncated>
    <Marker>m-1</Marker>
    <Users>
      <member>
        <UserId>AID1</UserId>
        <Path>/</Path>
        <UserName>alice</UserName>
        <Arn>arn:aws:iam::123456789012:user/alice</Arn>
        <CreateDate>2024-01-02T03:04:05Z</CreateDate>
        <Tags><member><Key>team</Key><Value>x &amp; y</Value></member></Tags>
      </member>
      <member><UserName>bob</UserName><CreateDate>2024-01-02T03:04:05.123Z</CreateDate><Tags/></member>
    </Users>
  </ListUsersResult>
  <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
</ListUsersResponse>"#;

    #[test]
    fn decodes_the_result_wrapper_by_schema() {
        let output = decode(
            &request("ListUsers", json!({})),
            200,
            &HeaderMap::new(),
            LIST_USERS.as_bytes(),
        )
        .unwrap();
        assert_eq!(
            output,
            json!({
                "IsTruncated": true,
                "Marker": "m-1",
                "Users": [
                    {"UserId": "AID1", "UserName": "alice", "CreateDate": "2024-01-02T03:04:05Z",
                     "Tags": [{"Key": "team", "Value": "x & y"}]},
                    {"UserName": "bob", "CreateDate": "2024-01-02T03:04:05.123Z", "Tags": []},
                ],
            })
        );
        // Without a schema: the plain conversion of the result element.
        let bare = OperationRequest {
            schema: None,
            ..request("ListUsers", json!({}))
        };
        let output = decode(&bare, 200, &HeaderMap::new(), LIST_USERS.as_bytes()).unwrap();
        assert_eq!(output["Users"]["member"][0]["Path"], json!("/"));
        // No output members, no body: empty outputs.
        let empty = decode(
            &request("ListUsers", json!({})),
            200,
            &HeaderMap::new(),
            b"<ListUsersResponse><ResponseMetadata/></ListUsersResponse>",
        )
        .unwrap();
        assert_eq!(empty, json!({}));
        assert_eq!(
            decode(
                &request("ListUsers", json!({})),
                200,
                &HeaderMap::new(),
                b" "
            )
            .unwrap(),
            json!({})
        );
    }

    #[test]
    fn malformed_outputs_are_decode_errors() {
        for (body, why) in [
            ("<ListUsersResponse><ListUsersResult><IsTruncated>maybe</IsTruncated></ListUsersResult></ListUsersResponse>", "<IsTruncated>: expected true or false"),
            ("<ListUsersResponse>", "not XML"),
            ("{\"json\": 1}", "not XML"),
        ] {
            let Err(Failure::Transport(e)) = decode(&request("ListUsers", json!({})), 200, &HeaderMap::new(), body.as_bytes()) else {
                panic!("{body}")
            };
            assert_eq!(e.kind, TransportErrorKind::Decode);
            assert!(e.message.starts_with("iam.ListUsers: ") && e.message.contains(why), "{}", e.message);
        }
    }

    #[test]
    fn decodes_error_responses() {
        let body = br#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name nobody cannot be found.</Message></Error>
  <RequestId>req-9</RequestId>
</ErrorResponse>"#;
        let Err(Failure::Service(err)) =
            decode(&request("GetUser", json!({})), 404, &HeaderMap::new(), body)
        else {
            panic!()
        };
        assert_eq!(
            err,
            ServiceError {
                code: "NoSuchEntity".into(),
                message: Some("The user with name nobody cannot be found.".into()),
                request_id: Some("req-9".into()),
                status: Some(404),
                fields: json!({"Type": "Sender", "Code": "NoSuchEntity", "Message": "The user with name nobody cannot be found."})
                    .as_object()
                    .unwrap()
                    .clone(),
            }
        );
        // Throttling arrives the same way and keeps its code for the retry decision.
        let Err(Failure::Service(err)) = decode(
            &request("GetUser", json!({})),
            400,
            &headers(&[("x-amzn-requestid", "hdr-id")]),
            b"<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>",
        ) else {
            panic!()
        };
        assert_eq!(
            (err.code.as_str(), err.request_id.as_deref()),
            ("Throttling", Some("hdr-id"))
        );
        // A 503 page from a proxy: known by its status; a 400 that is not XML: undecodable.
        let Err(Failure::Service(err)) = decode(
            &request("GetUser", json!({})),
            503,
            &HeaderMap::new(),
            b"<html><body>busy",
        ) else {
            panic!()
        };
        assert_eq!(
            (err.code.as_str(), err.status),
            ("ServiceUnavailable", Some(503))
        );
        let failure = decode(
            &request("GetUser", json!({})),
            400,
            &HeaderMap::new(),
            b"oops",
        )
        .unwrap_err();
        // Not XML at all (a proxy's page): an error known by its status.
        assert!(
            matches!(failure, Failure::Service(ref e) if e.code == "BadRequest" && e.message.as_deref() == Some("oops")),
            "{failure:?}"
        );
        let failure = decode(
            &request("GetUser", json!({})),
            400,
            &HeaderMap::new(),
            b"<Other/>",
        )
        .unwrap_err();
        // XML, but no error document: still an error known by its status.
        assert!(
            matches!(failure, Failure::Service(ref e) if e.code == "BadRequest" && e.message.as_deref() == Some("<Other/>")),
            "{failure:?}"
        );
    }
}
