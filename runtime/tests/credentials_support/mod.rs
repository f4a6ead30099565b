//! Shared by the credential tests: a loopback fake whose answers are computed from the
//! request (IMDS, ECS, the SSO portal) and a temporary directory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

// The binaries that use this module declare `http_support` beside it.
use super::http_support::{read_request, Recorded};

/// A request as the fake received it (header names lower-cased, the body whole).
pub type Req = Recorded;

pub struct Resp {
    pub status: u16,
    pub body: Vec<u8>,
}

pub fn resp(status: u16, body: impl Into<Vec<u8>>) -> Resp {
    Resp {
        status,
        body: body.into(),
    }
}

type Handler = dyn Fn(&Req) -> Resp + Send + Sync;

/// Answers each request with `handler(request)` after `delay`; counts requests.
pub struct Fake {
    pub url: String,
    hits: Arc<AtomicU32>,
    requests: Arc<Mutex<Vec<Req>>>,
}

impl Fake {
    pub async fn start(handler: impl Fn(&Req) -> Resp + Send + Sync + 'static) -> Fake {
        Fake::start_with_delay(Duration::ZERO, handler).await
    }

    pub async fn start_with_delay(
        delay: Duration,
        handler: impl Fn(&Req) -> Resp + Send + Sync + 'static,
    ) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(AtomicU32::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let (counted, recorded) = (hits.clone(), requests.clone());
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (handler, counted, recorded) =
                    (handler.clone(), counted.clone(), recorded.clone());
                tokio::spawn(async move {
                    let _ = tokio::time::timeout(
                        Duration::from_secs(10),
                        serve(stream, handler, counted, recorded, delay),
                    )
                    .await;
                });
            }
        });
        Fake {
            url,
            hits,
            requests,
        }
    }

    pub fn hits(&self) -> u32 {
        self.hits.load(Ordering::SeqCst)
    }

    pub fn requests(&self) -> Vec<Req> {
        self.requests.lock().unwrap().clone()
    }
}

async fn serve(
    mut stream: TcpStream,
    handler: Arc<Handler>,
    hits: Arc<AtomicU32>,
    requests: Arc<Mutex<Vec<Req>>>,
    delay: Duration,
) {
    // Keep-alive: several requests may come over one connection.
    let mut buf = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buf).await else { return };
        hits.fetch_add(1, Ordering::SeqCst);
        requests.lock().unwrap().push(request.clone());
        tokio::time::sleep(delay).await;
        let Resp { status, body } = handler(&request);
        let mut out = format!(
            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nContent-Type: application/json\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(&body);
        if stream.write_all(&out).await.is_err() {
            return;
        }
    }
}

/// A temporary directory, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "awsdoc-cred-{tag}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path_str(&path)
    }

    pub fn path(&self) -> String {
        path_str(&self.0)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn path_str(path: &Path) -> String {
    path.to_str().unwrap().to_string()
}

/// An RFC 3339 time `seconds` from now.
pub fn rfc3339_in(seconds: i64) -> String {
    use time::format_description::well_known::Rfc3339;
    (time::OffsetDateTime::now_utc() + time::Duration::seconds(seconds))
        .replace_nanosecond(0)
        .unwrap()
        .format(&Rfc3339)
        .unwrap()
}

/// The credentials JSON of ECS and IMDS.
pub fn credentials_json(key: &str, secret: &str, token: &str, expires_in: i64) -> String {
    format!(
        r#"{{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"{key}","SecretAccessKey":"{secret}","Token":"{token}","Expiration":"{}"}}"#,
        rfc3339_in(expires_in)
    )
}

/// A fake IMDSv2: a token for a PUT with the TTL header, the role and its credentials for
/// GETs that carry the token; 401 otherwise.
pub async fn fake_imds(token: &'static str, credentials: String) -> Fake {
    Fake::start(move |req| match (req.method.as_str(), req.target.as_str()) {
        ("PUT", "/latest/api/token") => {
            match req.header("x-aws-ec2-metadata-token-ttl-seconds") {
                Some("21600") => resp(200, token),
                _ => resp(400, "missing or wrong TTL header"),
            }
        }
        ("GET", _) if req.header("x-aws-ec2-metadata-token") != Some(token) => resp(401, ""),
        ("GET", "/latest/meta-data/iam/security-credentials/") => resp(200, "my-role\n"),
        ("GET", "/latest/meta-data/iam/security-credentials/my-role") => {
            resp(200, credentials.clone())
        }
        _ => resp(404, ""),
    })
    .await
}
