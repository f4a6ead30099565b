//! `HttpTransport` against scripted HTTP servers on 127.0.0.1: retries, error decoding,
//! timeouts, signing and the restJson1 layout as they appear on the wire.
#![cfg(feature = "http")]

use std::time::{Duration, Instant};

use awsdoc_runtime::http::HttpTransport;
use awsdoc_runtime::{
    CallError, HttpBinding, Location, MemberBinding, OperationRequest, Protocol, ServiceError,
    ServiceMeta, Transport, TransportErrorKind, WireType,
};
use serde_json::{json, Value};
use tokio::net::TcpListener;

mod http_support;
use http_support::*;

#[tokio::test]
async fn throttling_then_success_retries_until_it_succeeds() {
    let server = Server::start(vec![
        Reply::json(400, r#"{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate exceeded"}"#),
        Reply::json(400, r#"{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"}"#),
        Reply::json(200, r#"{"TableNames":["t1"],"LastEvaluatedTableName":"t1"}"#),
    ])
    .await;
    let transport = builder(&server).max_attempts(3).build().unwrap();
    let output = transport.call(list_tables()).await.unwrap();
    assert_eq!(
        output,
        json!({"TableNames": ["t1"], "LastEvaluatedTableName": "t1"})
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    // Every attempt is a full, signed copy of the same call.
    for request in &requests {
        assert_eq!(request.body, br#"{"Limit":1}"#);
        assert_signature_matches(request, "us-west-2", "dynamodb");
    }
}

#[tokio::test]
async fn too_many_requests_status_is_retried() {
    let server = Server::start(vec![
        Reply::json(429, r#"{"message":"slow down"}"#)
            .header("x-amzn-ErrorType", "TooManyRequestsException:http://x/"),
        Reply::json(200, "{}"),
    ])
    .await;
    let transport = builder(&server).build().unwrap();
    assert_eq!(transport.call(list_tables()).await.unwrap(), json!({}));
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn persistent_500_gives_up_after_max_attempts() {
    let server = Server::start(vec![Reply::json(
        500,
        r#"{"__type":"InternalServerError","message":"boom"}"#,
    )
    .header("x-amzn-RequestId", "req-500")])
    .await;
    let transport = builder(&server).max_attempts(4).build().unwrap();
    let error = service_error(transport.call(list_tables()).await);
    assert_eq!(
        error,
        ServiceError {
            code: "InternalServerError".into(),
            message: Some("boom".into()),
            request_id: Some("req-500".into()),
            status: Some(500),
            fields: serde_json::from_str(r#"{"__type": "InternalServerError", "message": "boom"}"#).unwrap(),
        }
    );
    assert_eq!(server.requests().len(), 4);
}

#[tokio::test]
async fn garbage_and_wrong_json_bodies_are_decode_errors_and_not_retried() {
    for body in [
        "<html><body>Bad Gateway?</body></html>",
        "[\"an\", \"array\"]",
        "{\"TableNames\": [",
        "\u{0}\u{1}",
    ] {
        let server = Server::start(vec![Reply::json(200, body)]).await;
        let transport = builder(&server).build().unwrap();
        assert_eq!(
            transport_error_kind(transport.call(list_tables()).await),
            TransportErrorKind::Decode,
            "{body:?}"
        );
        assert_eq!(server.requests().len(), 1, "{body:?}");
    }
    // A 5xx whose body is not the protocol's (a proxy's page) is the service's answer known
    // by its status: retried, then the service error.
    let server = Server::start(vec![Reply::json(502, "<html>proxy error</html>")]).await;
    let transport = builder(&server).max_attempts(2).build().unwrap();
    match transport.call(list_tables()).await {
        Err(CallError::Service(e)) => {
            assert_eq!((e.code.as_str(), e.status), ("502", Some(502)));
            assert_eq!(e.message.as_deref(), Some("<html>proxy error</html>"));
        }
        other => panic!("expected the 502 as a service error, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn json_error_decodes_every_field() {
    let server = Server::start(vec![Reply::json(
        400,
        r#"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}"#,
    )
    .header("x-amzn-RequestId", "4KBNVRGD25RG4KEGIPNGNG5LR3VV4KQNSO5AEMVJF66Q9ASUAAJG")])
    .await;
    let transport = builder(&server).build().unwrap();
    let error = service_error(transport.call(list_tables()).await);
    assert_eq!(
        error,
        ServiceError {
            code: "ResourceNotFoundException".into(),
            message: Some("Requested resource not found".into()),
            request_id: Some("4KBNVRGD25RG4KEGIPNGNG5LR3VV4KQNSO5AEMVJF66Q9ASUAAJG".into()),
            status: Some(400),
            fields: serde_json::from_str(
                r#"{"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "message": "Requested resource not found"}"#
            )
            .unwrap(),
        }
    );
    // Not a transient error: one attempt.
    assert_eq!(server.requests().len(), 1);

    // Unknown codes are kept as they come, with `Message` and the S3-style request id.
    let server = Server::start(vec![Reply::json(
        409,
        r#"{"__type":"SomethingNewException","Message":"new"}"#,
    )
    .header("x-amz-request-id", "rid-2")])
    .await;
    let error = service_error(builder(&server).build().unwrap().call(list_tables()).await);
    assert_eq!(
        (
            error.code.as_str(),
            error.message.as_deref(),
            error.request_id.as_deref(),
            error.status
        ),
        (
            "SomethingNewException",
            Some("new"),
            Some("rid-2"),
            Some(409)
        )
    );
}

static STRING: WireType = WireType::String;

static BACKUP: ServiceMeta = ServiceMeta {
    name: "backup",
    api_version: "2018-11-15",
    protocol: Some(Protocol::RestJson {
        signing_name: "backup",
        endpoint_prefix: "backup",
    }),
};

static PUT_THING: HttpBinding = HttpBinding {
    method: "PUT",
    uri: "/backup-vaults/{backupVaultName}/things/{Key+}?tagging",
    members: &[
        MemberBinding {
            member: "BackupVaultName",
            location: Location::Path,
            wire_name: "backupVaultName",
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
            member: "ByState",
            location: Location::Query,
            wire_name: "state",
            wire_type: WireType::List(&STRING),
        },
        MemberBinding {
            member: "ByCreatedBefore",
            location: Location::Query,
            wire_name: "createdBefore",
            wire_type: WireType::Timestamp,
        },
        MemberBinding {
            member: "Force",
            location: Location::Header,
            wire_name: "X-Amz-Force",
            wire_type: WireType::Boolean,
        },
        MemberBinding {
            member: "Since",
            location: Location::Header,
            wire_name: "X-Amz-Since",
            wire_type: WireType::Timestamp,
        },
        MemberBinding {
            member: "Labels",
            location: Location::Header,
            wire_name: "X-Amz-Labels",
            wire_type: WireType::List(&STRING),
        },
        MemberBinding {
            member: "StatusCode",
            location: Location::StatusCode,
            wire_name: "",
            wire_type: WireType::Integer,
        },
        MemberBinding {
            member: "Version",
            location: Location::Header,
            wire_name: "X-Amz-Version",
            wire_type: WireType::Integer,
        },
        MemberBinding {
            member: "LastModified",
            location: Location::Header,
            wire_name: "Last-Modified",
            wire_type: WireType::Timestamp,
        },
    ],
};

#[tokio::test]
async fn rest_json_request_layout_and_response_merge_on_the_wire() {
    let server = Server::start(vec![Reply::Respond {
        status: 201,
        headers: vec![
            ("Content-Type".into(), "application/json".into()),
            ("X-Amz-Version".into(), "7".into()),
            (
                "Last-Modified".into(),
                "Mon, 16 Dec 2019 23:48:18 GMT".into(),
            ),
        ],
        body: br#"{"BackupVaultArn":"arn:aws:backup:us-west-2:123456789012:backup-vault:v"}"#
            .to_vec(),
    }])
    .await;
    let transport = builder(&server).build().unwrap();
    let output = transport
        .call(OperationRequest {
            service: &BACKUP,
            operation: "PutThing",
            input: json!({
                "BackupVaultName": "vault name/ü",
                "Key": "dir one/file+1.txt",
                "MaxResults": 10,
                "ByState": ["CREATED", "a&b=c"],
                "ByCreatedBefore": 1576540098,
                "Force": false,
                "Since": 1576540098.25,
                "Labels": ["x", "y,z"],
                "CreatorRequestId": "req-1",
                "BackupVaultTags": {"k": "v"},
            }),
            binding: Some(&PUT_THING),
            schema: None,
        })
        .await
        .unwrap();
    assert_eq!(
        output,
        json!({
            "BackupVaultArn": "arn:aws:backup:us-west-2:123456789012:backup-vault:v",
            "StatusCode": 201,
            "Version": 7,
            "LastModified": 1576540098,
        })
    );
    let request = &server.requests()[0];
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.target,
        "/backup-vaults/vault%20name%2F%C3%BC/things/dir%20one/file%2B1.txt?tagging&maxResults=10\
         &state=CREATED&state=a%26b%3Dc&createdBefore=2019-12-16T23%3A48%3A18Z"
    );
    assert_eq!(request.header("x-amz-force"), Some("false"));
    assert_eq!(
        request.header("x-amz-since"),
        Some("Mon, 16 Dec 2019 23:48:18 GMT")
    );
    assert_eq!(request.header("x-amz-labels"), Some("x, \"y,z\""));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("x-amz-target"), None);
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        json!({"CreatorRequestId": "req-1", "BackupVaultTags": {"k": "v"}})
    );
    assert_signature_matches(request, "us-west-2", "backup");
}

#[tokio::test]
async fn rest_json_operation_without_binding_fails_before_sending() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let transport = builder(&server).build().unwrap();
    let result = transport
        .call(OperationRequest {
            service: &BACKUP,
            operation: "ListCopyJobs",
            input: json!({}),
            binding: None,
            schema: None,
        })
        .await;
    match result {
        Err(CallError::Transport(e)) => {
            assert_eq!(e.kind, TransportErrorKind::MissingBinding);
            assert!(e.message.contains("ListCopyJobs"), "{}", e.message);
        }
        other => panic!("expected MissingBinding, got {other:?}"),
    }
    static NO_PROTOCOL: ServiceMeta = ServiceMeta {
        name: "mystery",
        api_version: "2020-01-01",
        protocol: None,
    };
    let result = transport
        .call(OperationRequest {
            service: &NO_PROTOCOL,
            operation: "DoIt",
            input: json!({}),
            binding: None,
            schema: None,
        })
        .await;
    assert_eq!(
        transport_error_kind(result),
        TransportErrorKind::MissingBinding
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn attempt_timeout_is_a_bounded_timeout_error() {
    let server = Server::start(vec![Reply::Hang]).await;
    let transport = builder(&server)
        .attempt_timeout(Duration::from_millis(200))
        .max_attempts(2)
        .build()
        .unwrap();
    let started = Instant::now();
    assert_eq!(
        transport_error_kind(transport.call(list_tables()).await),
        TransportErrorKind::Timeout
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn refused_connection_is_a_connection_error_after_retries() {
    // A port that was just free: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let transport = HttpTransport::builder()
        .env_vars(Vec::<(String, String)>::new())
        .credentials(credentials())
        .region("us-east-1")
        .endpoint_url(format!("http://127.0.0.1:{port}"))
        .backoff(Duration::from_millis(1), Duration::from_millis(5))
        .max_attempts(3)
        .build()
        .unwrap();
    let started = Instant::now();
    assert_eq!(
        transport_error_kind(transport.call(list_tables()).await),
        TransportErrorKind::Connection
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn missing_credentials_or_region_fail_the_call_with_a_request_error() {
    let server = Server::start(vec![Reply::json(200, "{}")]).await;
    let no_credentials = HttpTransport::builder()
        .env_vars([("AWS_REGION", "us-east-1")])
        .endpoint_url(&server.url)
        .build()
        .unwrap();
    match no_credentials.call(list_tables()).await {
        Err(CallError::Transport(e)) => {
            assert_eq!(e.kind, TransportErrorKind::Request);
            assert!(e.message.contains("AWS_ACCESS_KEY_ID"), "{}", e.message);
        }
        other => panic!("{other:?}"),
    }
    let no_region = HttpTransport::builder()
        .env_vars([("AWS_ACCESS_KEY_ID", "A"), ("AWS_SECRET_ACCESS_KEY", "B")])
        .endpoint_url(&server.url)
        .build()
        .unwrap();
    assert_eq!(
        transport_error_kind(no_region.call(list_tables()).await),
        TransportErrorKind::Request
    );
    assert!(server.requests().is_empty());
}
