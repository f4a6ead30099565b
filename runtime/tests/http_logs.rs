//! The transport's logs: spans per call and attempt, and no secrets. Its own test binary,
//! because `tracing` caches per-callsite interest process-wide: a test running without a
//! subscriber in parallel would hide events from this one's thread-local subscriber.
#![cfg(feature = "http")]

use awsdoc_runtime::Transport;

mod http_support;
use http_support::*;

#[tokio::test]
async fn requests_are_signed_and_secrets_stay_out_of_debug_and_logs() {
    let (logs, _guard) = Capture::install();

    let server = Server::start(vec![
        Reply::json(503, r#"{"__type":"ServiceUnavailable"}"#),
        Reply::json(200, r#"{"TableNames":[]}"#).header("x-amzn-RequestId", "ok-1"),
    ])
    .await;
    let transport = builder(&server).build().unwrap();
    transport.call(list_tables()).await.unwrap();

    let request = &server.requests()[1];
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/");
    assert_eq!(
        request.header("x-amz-target"),
        Some("DynamoDB_20120810.ListTables")
    );
    assert_eq!(
        request.header("content-type"),
        Some("application/x-amz-json-1.0")
    );
    assert_eq!(request.header("x-amz-security-token"), Some(TOKEN));
    let date = request.header("x-amz-date").expect("X-Amz-Date");
    assert!(date.len() == 16 && date.ends_with('Z'), "{date}");
    let authorization = request.header("authorization").expect("Authorization");
    assert!(
        authorization.starts_with(&format!(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{}/us-west-2/dynamodb/aws4_request",
            &date[..8]
        )),
        "{authorization}"
    );
    for signed in [
        "content-type",
        "host",
        "x-amz-date",
        "x-amz-target",
        "x-amz-security-token",
    ] {
        assert!(
            authorization.contains(signed),
            "{signed} not signed: {authorization}"
        );
    }
    assert_signature_matches(request, "us-west-2", "dynamodb");

    let debug = format!("{transport:?} {:?} {:?}", transport.config(), credentials());
    assert!(debug.contains("AKIDEXAMPLE"), "{debug}");
    let logs = logs.text();
    // The call span, its attempts and the retry show in the logs...
    for expected in [
        "aws_call",
        "operation=\"ListTables\"",
        "attempt=2",
        "retrying",
        "ServiceUnavailable",
    ] {
        assert!(
            logs.contains(expected),
            "{expected} missing from logs:\n{logs}"
        );
    }
    // ...but no secret does, in any encoding the signer or client might print.
    for text in [&debug, &logs] {
        assert!(
            !text.contains(SECRET) && !text.contains(TOKEN),
            "secret leaked:\n{text}"
        );
        assert!(
            !text.contains(&authorization[authorization.len() - 64..]),
            "signature leaked:\n{text}"
        );
    }
}
