//! The transport's logs: spans per call and attempt, and no secrets. Its own test binary,
//! because `tracing` caches per-callsite interest process-wide: a test running without a
//! subscriber in parallel would hide events from this one's thread-local subscriber.
#![cfg(feature = "http")]

use std::sync::{Arc, Mutex};

use awsdoc_runtime::Transport;

mod http_support;
use http_support::*;

#[tokio::test]
async fn requests_are_signed_and_secrets_stay_out_of_debug_and_logs() {
    use tracing_subscriber::fmt::MakeWriter;

    #[derive(Clone, Default)]
    struct Capture(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Capture {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    impl<'a> MakeWriter<'a> for Capture {
        type Writer = Capture;
        fn make_writer(&'a self) -> Capture {
            self.clone()
        }
    }
    let logs = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(logs.clone())
        .with_ansi(false)
        .finish();
    // A current-thread runtime: the thread-local subscriber sees the client's tasks too.
    let _guard = tracing::subscriber::set_default(subscriber);

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
    let logs = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
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
