//! Shared by the HTTP test binaries: a scripted loopback server, test credentials, a
//! signature check, and a log capture.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use awsdoc_runtime::http::{HttpTransport, HttpTransportBuilder};
use awsdoc_runtime::{
    CallError, Credentials, OperationRequest, Protocol, ServiceError, ServiceMeta,
    TransportErrorKind,
};
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

mod request;
pub mod sts;
pub use request::{read_request, Recorded};

// ---------------------------------------------------------------------------------------
// A scripted server: answers the n-th request with the n-th reply (the last one repeats),
// one request per connection, and records what it received.

#[derive(Clone)]
pub enum Reply {
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Accept, read the request, never answer (until the bounded wait ends).
    Hang,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Respond {
            status,
            headers: vec![("Content-Type".into(), "application/x-amz-json-1.0".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

pub struct Server {
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl Server {
    pub async fn start(replies: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = requests.clone();
        // The task ends with the test's runtime.
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (recorded, replies) = (recorded.clone(), replies.clone());
                tokio::spawn(async move {
                    let _ = tokio::time::timeout(
                        Duration::from_secs(5),
                        handle(stream, recorded, replies),
                    )
                    .await;
                });
            }
        });
        Server { url, requests }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }
}

async fn handle(mut stream: TcpStream, recorded: Arc<Mutex<Vec<Recorded>>>, replies: Vec<Reply>) {
    let Some(request) = read_request(&mut stream, &mut Vec::new()).await else { return };
    let index = {
        let mut recorded = recorded.lock().unwrap();
        recorded.push(request);
        recorded.len() - 1
    };
    match replies[index.min(replies.len() - 1)].clone() {
        Reply::Hang => tokio::time::sleep(Duration::from_secs(3)).await,
        Reply::Respond {
            status,
            headers,
            body,
        } => {
            let mut out = format!(
                "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str("\r\n");
            let mut bytes = out.into_bytes();
            bytes.extend_from_slice(&body);
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Logs

/// Captures `tracing` output at every level, for checking that no secret shows.
#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Capture {
        self.clone()
    }
}

impl Capture {
    /// Everything logged on this thread (at every level) while the guard lives. Run the
    /// test on a current-thread runtime, so the thread-local subscriber sees the client's
    /// tasks too.
    pub fn install() -> (Capture, tracing::subscriber::DefaultGuard) {
        let logs = Capture::default();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(logs.clone())
            .with_ansi(false)
            .finish();
        (logs, tracing::subscriber::set_default(subscriber))
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

// ---------------------------------------------------------------------------------------

pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYSECRETKEY";
pub const TOKEN: &str = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

pub fn credentials() -> Credentials {
    Credentials::new("AKIDEXAMPLE", SECRET, Some(TOKEN.to_string()))
}

pub fn builder(server: &Server) -> HttpTransportBuilder {
    HttpTransport::builder()
        // Nothing from this machine's environment or ~/.aws leaks into the tests.
        .env_vars(Vec::<(String, String)>::new())
        .credentials(credentials())
        .region("us-west-2")
        .endpoint_url(&server.url)
        .backoff(Duration::from_millis(1), Duration::from_millis(10))
        .attempt_timeout(Duration::from_secs(5))
}

pub static DYNAMODB: ServiceMeta = ServiceMeta {
    name: "dynamodb",
    api_version: "2012-08-10",
    protocol: Some(Protocol::Json {
        version: "1.0",
        target_prefix: "DynamoDB_20120810",
        signing_name: "dynamodb",
        endpoint_prefix: "dynamodb",
    }),
};

pub fn list_tables() -> OperationRequest {
    OperationRequest {
        service: &DYNAMODB,
        operation: "ListTables",
        input: json!({"Limit": 1}),
        binding: None,
        schema: None,
    }
}

pub fn service_error(result: Result<Value, CallError>) -> ServiceError {
    match result {
        Err(CallError::Service(e)) => e,
        other => panic!("expected a service error, got {other:?}"),
    }
}

pub fn transport_error_kind(result: Result<Value, CallError>) -> TransportErrorKind {
    match result {
        Err(CallError::Transport(e)) => e.kind,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

/// Re-signs the request as received and compares signatures: proves the signature covers
/// exactly what went over the wire (path, query, headers, body), nothing re-encoded after.
pub fn assert_signature_matches(request: &Recorded, region: &str, signing_name: &str) {
    assert_signature_matches_with(
        request,
        region,
        signing_name,
        aws_sigv4::http_request::SigningSettings::default(),
    );
}

/// [`assert_signature_matches`] with the signer's settings of a service (S3's differ).
pub fn assert_signature_matches_with(
    request: &Recorded,
    region: &str,
    signing_name: &str,
    settings: aws_sigv4::http_request::SigningSettings,
) {
    use aws_sigv4::http_request::{sign, PayloadChecksumKind, SignableBody, SignableRequest};
    use aws_smithy_types::date_time::{DateTime, Format};

    let authorization = request
        .header("authorization")
        .expect("Authorization header");
    let signed_headers = authorization
        .split("SignedHeaders=")
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap();
    let amz_date = request.header("x-amz-date").expect("X-Amz-Date header");
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &amz_date[0..4],
        &amz_date[4..6],
        &amz_date[6..8],
        &amz_date[9..11],
        &amz_date[11..13],
        &amz_date[13..15]
    );
    let time = SystemTime::try_from(DateTime::from_str(&iso, Format::DateTime).unwrap()).unwrap();
    let url = format!(
        "http://{}{}",
        request.header("host").unwrap(),
        request.target
    );
    let headers: Vec<(&str, &str)> = signed_headers
        .split(';')
        .filter(|h| !matches!(*h, "host" | "x-amz-date" | "x-amz-security-token"))
        // The signer adds the payload hash itself when asked to (S3).
        .filter(|h| {
            *h != "x-amz-content-sha256"
                || settings.payload_checksum_kind == PayloadChecksumKind::NoHeader
        })
        .map(|h| {
            (
                h,
                request
                    .header(h)
                    .unwrap_or_else(|| panic!("signed header {h} missing")),
            )
        })
        .collect();
    let creds = credentials();
    let identity = aws_credential_types::Credentials::new(
        creds.access_key_id(),
        creds.secret_access_key(),
        creds.session_token().map(str::to_string),
        None,
        "test",
    )
    .into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(signing_name)
        .time(time)
        .settings(settings)
        .build()
        .unwrap()
        .into();
    let signable = SignableRequest::new(
        &request.method,
        url,
        headers.into_iter(),
        SignableBody::Bytes(&request.body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let expected = instructions
        .headers()
        .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .unwrap()
        .1
        .to_string();
    assert_eq!(
        authorization, expected,
        "signature does not cover the request as sent: {request:?}"
    );
}

// ---------------------------------------------------------------------------------------
