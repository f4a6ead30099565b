//! The XML protocols on the wire, against scripted servers on 127.0.0.1: what S3 and query
//! requests carry (checksums, S3's signing, form bodies) and how their errors are retried.
#![cfg(feature = "http")]

use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SigningSettings, UriPathNormalizationMode,
};
use awsdoc_runtime::schema::{
    ListShape, Member, OperationSchema, Shape, XmlNamespace, BOOLEAN, STRING,
};
use awsdoc_runtime::{
    HttpBinding, Location, MemberBinding, OperationRequest, Protocol, ServiceMeta, Transport,
    WireType,
};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use md5::{Digest, Md5};
use serde_json::json;

mod http_support;
use http_support::*;

fn xml(status: u16, body: &str) -> Reply {
    Reply::Respond {
        status,
        headers: vec![("Content-Type".into(), "application/xml".into())],
        body: body.as_bytes().to_vec(),
    }
}

fn s3_settings() -> SigningSettings {
    let mut settings = SigningSettings::default();
    settings.percent_encoding_mode = PercentEncodingMode::Single;
    settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    settings
}

static S3: ServiceMeta = ServiceMeta {
    name: "s3",
    api_version: "2006-03-01",
    protocol: Some(Protocol::RestXml {
        signing_name: "s3",
        endpoint_prefix: "s3",
        xml_namespace: None,
    }),
};
static OBJECT_ID: Shape = Shape::Structure(&[Member::new("Key", &STRING)]);
static OBJECT_IDS: Shape = Shape::List(&ListShape {
    member: Member::new("member", &OBJECT_ID),
    flattened: true,
});
static DELETE: Shape = Shape::Structure(&[
    Member {
        xml_name: Some("Object"),
        ..Member::new("Objects", &OBJECT_IDS)
    },
    Member::new("Quiet", &BOOLEAN),
]);
static DELETE_INPUT: Shape = Shape::Structure(&[
    Member::new("Bucket", &STRING),
    Member {
        xml_name: Some("Delete"),
        namespace: Some(XmlNamespace {
            prefix: None,
            uri: "http://s3.amazonaws.com/doc/2006-03-01/",
        }),
        ..Member::new("Delete", &DELETE)
    },
]);
static DELETED: Shape = Shape::List(&ListShape {
    member: Member::new("member", &OBJECT_ID),
    flattened: true,
});
static DELETE_OUTPUT: Shape = Shape::Structure(&[Member::new("Deleted", &DELETED)]);
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
        MemberBinding {
            member: "Bucket",
            location: Location::Path,
            wire_name: "Bucket",
            wire_type: WireType::String,
        },
        MemberBinding {
            member: "Delete",
            location: Location::Payload,
            wire_name: "Delete",
            wire_type: WireType::Structure,
        },
    ],
};

fn delete_objects(keys: &[&str]) -> OperationRequest {
    let objects: Vec<_> = keys.iter().map(|k| json!({"Key": k})).collect();
    OperationRequest {
        service: &S3,
        operation: "DeleteObjects",
        input: json!({"Bucket": "my-bucket", "Delete": {"Objects": objects}}),
        binding: Some(&DELETE_OBJECTS),
        schema: Some(&DELETE_SCHEMA),
    }
}

#[tokio::test]
async fn s3_requests_carry_md5_and_payload_hash_and_sign_as_s3() {
    let server = Server::start(vec![xml(
        200,
        "<DeleteResult><Deleted><Key>a b</Key></Deleted></DeleteResult>",
    )])
    .await;
    let transport = builder(&server).build().unwrap();
    let output = transport.call(delete_objects(&["a b"])).await.unwrap();
    assert_eq!(output, json!({"Deleted": [{"Key": "a b"}]}));

    let requests = server.requests();
    let request = &requests[0];
    // A loopback endpoint keeps the bucket in the path.
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/my-bucket?delete")
    );
    assert_eq!(
        std::str::from_utf8(&request.body).unwrap(),
        "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Object><Key>a b</Key></Object></Delete>"
    );
    assert_eq!(
        request.header("content-md5"),
        Some(BASE64.encode(Md5::digest(&request.body)).as_str())
    );
    assert_eq!(request.header("content-type"), Some("application/xml"));
    let hash = request
        .header("x-amz-content-sha256")
        .expect("x-amz-content-sha256");
    assert!(
        hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{hash}"
    );
    let signed = request.header("authorization").unwrap();
    assert!(
        signed.contains("content-md5") && signed.contains("x-amz-content-sha256"),
        "{signed}"
    );
    assert_signature_matches_with(request, "us-west-2", "s3", s3_settings());
}

#[tokio::test]
async fn s3_keys_are_signed_as_sent() {
    static GET: HttpBinding = HttpBinding {
        method: "GET",
        uri: "/{Bucket}/{Key+}",
        members: &[
            MemberBinding {
                member: "Bucket",
                location: Location::Path,
                wire_name: "Bucket",
                wire_type: WireType::String,
            },
            MemberBinding {
                member: "Key",
                location: Location::Path,
                wire_name: "Key",
                wire_type: WireType::String,
            },
            MemberBinding {
                member: "Body",
                location: Location::Payload,
                wire_name: "Body",
                wire_type: WireType::Blob,
            },
        ],
    };
    let server = Server::start(vec![Reply::Respond {
        status: 200,
        headers: vec![],
        body: b"bytes".to_vec(),
    }])
    .await;
    let transport = builder(&server).build().unwrap();
    let output = transport
        .call(OperationRequest {
            service: &S3,
            operation: "GetObject",
            input: json!({"Bucket": "my-bucket", "Key": "dir//a b+c%/ü"}),
            binding: Some(&GET),
            schema: None,
        })
        .await
        .unwrap();
    assert_eq!(output, json!({"Body": BASE64.encode(b"bytes")}));
    let request = &server.requests()[0];
    assert_eq!(request.target, "/my-bucket/dir//a%20b%2Bc%25/%C3%BC");
    // The hash of the empty body.
    assert_eq!(
        request.header("x-amz-content-sha256"),
        Some("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    );
    assert_signature_matches_with(request, "us-west-2", "s3", s3_settings());
}

#[tokio::test]
async fn s3_200_with_internal_error_is_retried() {
    let server = Server::start(vec![
        xml(200, "<?xml version=\"1.0\"?>\n<Error><Code>InternalError</Code><Message>try again</Message><RequestId>r1</RequestId></Error>"),
        xml(200, "<DeleteResult><Deleted><Key>k</Key></Deleted></DeleteResult>"),
    ])
    .await;
    let transport = builder(&server).build().unwrap();
    let output = transport.call(delete_objects(&["k"])).await.unwrap();
    assert_eq!(output, json!({"Deleted": [{"Key": "k"}]}));
    assert_eq!(server.requests().len(), 2);

    // A 200 whose error is not transient fails at once, with the code of the document.
    let server = Server::start(vec![xml(
        200,
        "<Error><Code>AccessDenied</Code><Message>no</Message></Error>",
    )])
    .await;
    let transport = builder(&server).build().unwrap();
    let error = service_error(transport.call(delete_objects(&["k"])).await);
    assert_eq!(
        (error.code.as_str(), error.status, error.request_id),
        ("AccessDenied", Some(200), None)
    );
    assert_eq!(server.requests().len(), 1);
}

static SNS: ServiceMeta = ServiceMeta {
    name: "sns",
    api_version: "2010-03-31",
    protocol: Some(Protocol::Query {
        signing_name: "sns",
        endpoint_prefix: "sns",
    }),
};
static PUBLISH_INPUT: Shape = Shape::Structure(&[
    Member::new("TopicArn", &STRING),
    Member::new("Message", &STRING),
]);
static PUBLISH_OUTPUT: Shape = Shape::Structure(&[Member::new("MessageId", &STRING)]);
static PUBLISH_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&PUBLISH_INPUT),
    output: Some(&PUBLISH_OUTPUT),
    result_wrapper: Some("PublishResult"),
    input_root: None,
};

#[tokio::test]
async fn query_throttling_is_retried_and_the_form_is_signed() {
    let server = Server::start(vec![
        xml(400, "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>"),
        xml(200, "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r2</RequestId></ResponseMetadata></PublishResponse>"),
    ])
    .await;
    let transport = builder(&server).build().unwrap();
    let output = transport
        .call(OperationRequest {
            service: &SNS,
            operation: "Publish",
            input: json!({"TopicArn": "arn:aws:sns:us-west-2:123456789012:t", "Message": "a b&c"}),
            binding: None,
            schema: Some(&PUBLISH_SCHEMA),
        })
        .await
        .unwrap();
    assert_eq!(output, json!({"MessageId": "m-1"}));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(
            (request.method.as_str(), request.target.as_str()),
            ("POST", "/")
        );
        assert_eq!(
            request.header("content-type"),
            Some("application/x-www-form-urlencoded; charset=utf-8")
        );
        assert_eq!(
            std::str::from_utf8(&request.body).unwrap(),
            "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-west-2%3A123456789012%3At&Message=a+b%26c"
        );
        assert_eq!(
            request.header("x-amz-content-sha256"),
            None,
            "only S3 sends the payload hash"
        );
        assert_signature_matches(request, "us-west-2", "sns");
    }
}
