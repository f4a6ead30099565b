//! The credential chain, each provider against its loopback fake (IMDS, ECS, the SSO portal,
//! a fake STS) or moto's STS (web identity, assumed roles), through `HttpTransport`: the
//! credentials a provider hands out must be the ones the request is signed with.
//!
//! Every test gives the transport its own environment (`env_vars`), so nothing of this
//! machine's environment or `~/.aws` is read, and IMDS is only asked where a test points it
//! at a fake.
#![cfg(feature = "http")]

use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_credential_types::provider::{future, ProvideCredentials};
use awsdoc_runtime::http::{HttpTransport, HttpTransportBuilder};
use awsdoc_runtime::{CallError, OperationRequest, Transport};
use serde_json::{json, Value};

mod http_support;
use http_support::sts::{GET_CALLER_IDENTITY, STS};
use http_support::{list_tables, Reply, Server};

mod credentials_support;
use credentials_support::*;

#[path = "../../tests/support/moto.rs"]
mod moto;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYPROVIDEDSECRET";
const TOKEN: &str = "IQoJb3JpZ2luX2VjEPROVIDEDSESSIONTOKEN";

fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A transport over `vars` only, sending to the scripted server.
fn builder(pairs: &[(&str, &str)], server: &Server) -> HttpTransportBuilder {
    HttpTransport::builder()
        .env_vars(vars(pairs))
        .region("us-west-2")
        .endpoint_url(&server.url)
        .backoff(Duration::from_millis(1), Duration::from_millis(10))
        .attempt_timeout(Duration::from_secs(10))
}

async fn ok_server() -> Server {
    Server::start(vec![Reply::json(200, r#"{"TableNames":[]}"#)]).await
}

/// Makes one call and returns the access key id and session token it was signed with.
async fn signed_with(transport: &HttpTransport, server: &Server) -> (String, Option<String>) {
    let before = server.requests().len();
    if let Err(e) = transport.call(list_tables()).await {
        panic!("call failed: {}", error_message(&e));
    }
    let request = server.requests()[before].clone();
    let authorization = request.header("authorization").expect("signed");
    let key = authorization
        .split("Credential=")
        .nth(1)
        .and_then(|c| c.split('/').next())
        .unwrap()
        .to_string();
    (
        key,
        request.header("x-amz-security-token").map(str::to_string),
    )
}

fn error_message(error: &CallError) -> String {
    match error {
        CallError::Transport(e) => e.message.clone(),
        CallError::Service(e) => e.to_string(),
    }
}

async fn call_error(transport: &HttpTransport) -> String {
    match transport.call(list_tables()).await {
        Ok(output) => panic!("expected an error, got {output}"),
        Err(e) => {
            let message = error_message(&e);
            // Whatever failed, no secret is in the message or the Debug output.
            let debug = format!("{e:?} {transport:?}");
            for text in [&message, &debug] {
                assert!(
                    !text.contains(SECRET) && !text.contains(TOKEN),
                    "secret leaked: {text}"
                );
            }
            message
        }
    }
}

// ---------------------------------------------------------------------------------------
// IMDS

#[tokio::test]
async fn imds_v2_credentials_sign_requests_and_are_cached() {
    let imds = fake_imds("imds-session-token", credentials_json("AKIDIMDS", SECRET, TOKEN, 3600)).await;
    let server = ok_server().await;
    let transport = builder(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url)], &server)
        .build()
        .unwrap();
    assert!(transport.config().credentials().is_none(), "fetched at the call");
    for _ in 0..3 {
        assert_eq!(
            signed_with(&transport, &server).await,
            ("AKIDIMDS".to_string(), Some(TOKEN.to_string()))
        );
    }
    // Token, role, credentials: once, then cached.
    let requests = imds.requests();
    assert_eq!(
        requests
            .iter()
            .map(|r| format!("{} {}", r.method, r.target))
            .collect::<Vec<_>>(),
        [
            "PUT /latest/api/token",
            "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/my-role"
        ]
    );
    let debug = format!("{transport:?}");
    assert!(!debug.contains(SECRET) && !debug.contains(TOKEN) && !debug.contains("imds-session-token"));
}

#[tokio::test]
async fn imds_errors_are_quick_and_clear() {
    let server = ok_server().await;
    // Nothing listens on a port that was just free: a machine without IMDS.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let closed = format!("http://127.0.0.1:{port}");
    let transport = builder(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &closed)], &server)
        .build()
        .unwrap();
    let started = Instant::now();
    let message = call_error(&transport).await;
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert!(
        message.contains("IMDS: no instance metadata service at") && message.contains("not on EC2"),
        "{message}"
    );
    // The chain lists every source it looked at.
    for source in ["environment:", "web identity:", "profile:", "container:"] {
        assert!(message.contains(source), "{source} missing: {message}");
    }

    // A hanging IMDS is bounded by AWS_METADATA_SERVICE_TIMEOUT.
    let hanging = Fake::start_with_delay(Duration::from_secs(5), |_| resp(200, "late")).await;
    let transport = builder(
        &[
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &hanging.url),
            ("AWS_METADATA_SERVICE_TIMEOUT", "1"),
        ],
        &server,
    )
    .build()
    .unwrap();
    let started = Instant::now();
    let message = call_error(&transport).await;
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert!(message.contains("timed out after 1s"), "{message}");

    // Malformed credentials name the provider and what was expected, never the values.
    let malformed = fake_imds(
        "t",
        format!(r#"{{"Code":"Success","AccessKeyId":"AKID","SecretAccessKey":"{SECRET}","Token":"{TOKEN}","Expiration":"never"}}"#),
    )
    .await;
    let transport = builder(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &malformed.url)], &server)
        .build()
        .unwrap();
    let message = call_error(&transport).await;
    assert!(
        message.starts_with("IMDS: the credentials of role `my-role`: member `Expiration`"),
        "{message}"
    );
    let not_json = fake_imds("t", format!("{SECRET} {TOKEN}")).await;
    let transport = builder(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &not_json.url)], &server)
        .build()
        .unwrap();
    let message = call_error(&transport).await;
    assert!(message.contains("is not JSON"), "{message}");

    // IMDSv1 only (the token PUT is refused): reported, not worked around.
    let v1 = Fake::start(|req| match req.method.as_str() {
        "PUT" => resp(403, ""),
        _ => resp(200, "my-role"),
    })
    .await;
    let transport = builder(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &v1.url)], &server)
        .build()
        .unwrap();
    let message = call_error(&transport).await;
    assert!(
        message.starts_with("IMDS: a session token (PUT /latest/api/token): HTTP 403 from"),
        "{message}"
    );
    assert_eq!(v1.hits(), 1);

    let disabled = builder(
        &[
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &v1.url),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ],
        &server,
    )
    .build()
    .unwrap();
    assert!(call_error(&disabled).await.contains("disabled by AWS_EC2_METADATA_DISABLED"));
    assert_eq!(v1.hits(), 1);
    assert!(server.requests().is_empty());
}

// ---------------------------------------------------------------------------------------
// Container (ECS / EKS Pod Identity)

fn fake_ecs_handler(
    expected_auth: &'static str,
    body: String,
) -> impl Fn(&Req) -> Resp + Send + Sync + 'static {
    move |req| {
        if req.header("authorization") != Some(expected_auth) {
            return resp(401, r#"{"message":"bad token"}"#);
        }
        match req.target.as_str() {
            "/v1/credentials" => resp(200, body.clone()),
            _ => resp(404, ""),
        }
    }
}

#[tokio::test]
async fn container_credentials_with_token_from_env_and_from_file() {
    let ecs = Fake::start(fake_ecs_handler(
        "env-token",
        credentials_json("AKIDECS", SECRET, TOKEN, 3600),
    ))
    .await;
    let server = ok_server().await;
    let full_uri = format!("{}/v1/credentials", ecs.url);
    let transport = builder(
        &[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token"),
        ],
        &server,
    )
    .build()
    .unwrap();
    assert_eq!(signed_with(&transport, &server).await.0, "AKIDECS");

    // EKS Pod Identity: the token file wins over the variable, and is read at each fetch.
    let dir = TempDir::new("ecs");
    let token_file = dir.write("token", "file-token\n");
    let eks = Fake::start(fake_ecs_handler(
        "file-token",
        credentials_json("AKIDEKS", SECRET, TOKEN, 3600),
    ))
    .await;
    let full_uri = format!("{}/v1/credentials", eks.url);
    let transport = builder(
        &[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token"),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &token_file),
        ],
        &server,
    )
    .build()
    .unwrap();
    assert_eq!(signed_with(&transport, &server).await.0, "AKIDEKS");

    // A wrong token: the agent's message, and no retry of a 4xx.
    let wrong = builder(
        &[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "nope"),
        ],
        &server,
    )
    .build()
    .unwrap();
    let hits = eks.hits();
    let message = call_error(&wrong).await;
    assert!(message.starts_with("container: HTTP 401 from") && message.contains("bad token"), "{message}");
    assert_eq!(eks.hits(), hits + 1);

    // A non-loopback plain-http URI is refused before any request.
    let remote = builder(
        &[("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://192.0.2.1/creds")],
        &server,
    )
    .build()
    .unwrap();
    assert!(call_error(&remote).await.contains("plain http is only allowed"));
    // A missing token file is named.
    let missing = builder(
        &[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/nonexistent/token"),
        ],
        &server,
    )
    .build()
    .unwrap();
    let message = call_error(&missing).await;
    assert!(message.contains("cannot read /nonexistent/token (from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)"), "{message}");
}

// ---------------------------------------------------------------------------------------
// Expiry and refresh

#[tokio::test]
async fn expiring_credentials_are_fetched_again_and_valid_ones_are_not() {
    let server = ok_server().await;
    for (expires_in, calls, fetches) in [(120, 3, 3), (3600, 3, 1)] {
        let ecs = Fake::start(fake_ecs_handler(
            "t",
            credentials_json("AKIDECS", SECRET, TOKEN, expires_in),
        ))
        .await;
        let full_uri = format!("{}/v1/credentials", ecs.url);
        let transport = builder(
            &[
                ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri),
                ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "t"),
            ],
            &server,
        )
        .build()
        .unwrap();
        for _ in 0..calls {
            signed_with(&transport, &server).await;
        }
        assert_eq!(ecs.hits(), fetches, "expiring in {expires_in} s");
    }

    // A smaller refresh window keeps the 2-minute credentials.
    let ecs = Fake::start(fake_ecs_handler("t", credentials_json("AKIDECS", SECRET, TOKEN, 120))).await;
    let full_uri = format!("{}/v1/credentials", ecs.url);
    let transport = builder(
        &[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "t"),
        ],
        &server,
    )
    .credentials_refresh_window(Duration::from_secs(60))
    .build()
    .unwrap();
    for _ in 0..3 {
        signed_with(&transport, &server).await;
    }
    assert_eq!(ecs.hits(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_cause_one_fetch() {
    let server = ok_server().await;
    let ecs = Fake::start_with_delay(
        Duration::from_millis(300),
        fake_ecs_handler("t", credentials_json("AKIDECS", SECRET, TOKEN, 3600)),
    )
    .await;
    let full_uri = format!("{}/v1/credentials", ecs.url);
    let transport = Arc::new(
        builder(
            &[
                ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri),
                ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "t"),
            ],
            &server,
        )
        .build()
        .unwrap(),
    );
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let transport = transport.clone();
            tokio::spawn(async move { transport.call(list_tables()).await.is_ok() })
        })
        .collect();
    for call in calls {
        assert!(call.await.unwrap());
    }
    assert_eq!(ecs.hits(), 1);
    assert_eq!(server.requests().len(), 8);
}

// ---------------------------------------------------------------------------------------
// Profiles: credential_process, SSO

#[tokio::test]
async fn credential_process_from_a_profile() {
    let dir = TempDir::new("process");
    let script = dir.write(
        "helper.sh",
        &format!(
            "#!/bin/sh\ncat <<EOF\n{{\"Version\": 1, \"AccessKeyId\": \"AKIDPROCESS\", \"SecretAccessKey\": \"{SECRET}\", \"SessionToken\": \"{TOKEN}\", \"Expiration\": \"{}\"}}\nEOF\n",
            rfc3339_in(3600)
        ),
    );
    let failing = dir.write(
        "failing.sh",
        &format!("#!/bin/sh\necho '{SECRET}'\necho 'token expired, run login' >&2\nexit 2\n"),
    );
    let config = dir.write(
        "config",
        &format!(
            "[profile proc]\ncredential_process = sh {script}\n\n[profile broken]\ncredential_process = sh {failing} --secret-arg {TOKEN}\n"
        ),
    );
    let server = ok_server().await;
    let transport = builder(&[("AWS_CONFIG_FILE", &config), ("AWS_PROFILE", "proc")], &server)
        .build()
        .unwrap();
    assert_eq!(
        signed_with(&transport, &server).await,
        ("AKIDPROCESS".to_string(), Some(TOKEN.to_string()))
    );

    let broken = builder(&[("AWS_CONFIG_FILE", &config), ("AWS_PROFILE", "broken")], &server)
        .build()
        .unwrap();
    let message = call_error(&broken).await;
    assert!(
        message.starts_with("credential_process: the credential_process `sh` of profile `broken` failed (exit status: 2); its stderr: token expired, run login"),
        "{message}"
    );
}

fn sso_fixture(dir: &TempDir, expires_in: i64) -> String {
    // sha1("corp"): the CLI's cache file name for the session `corp`.
    let name = sha1_hex("corp");
    dir.write(
        &format!(".aws/sso/cache/{name}.json"),
        &format!(
            r#"{{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "sso-bearer-{TOKEN}", "expiresAt": "{}"}}"#,
            rfc3339_in(expires_in)
        ),
    );
    dir.write(
        ".aws/config",
        "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Developer\n\n\
         [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
    )
}

/// The SHA-1 the CLI names cache files with (computed here independently of the runtime).
fn sha1_hex(text: &str) -> String {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("printf %s '{text}' | sha1sum"))
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()[..40].to_string()
}

/// The SSO portal: role credentials for `token` only, for the profile's account and role.
async fn portal_for(token: String) -> Fake {
    Fake::start(move |req| {
        if req.header("x-amz-sso_bearer_token") != Some(token.as_str()) {
            return resp(401, r#"{"message":"Session token not found or invalid"}"#);
        }
        if req.target != "/federation/credentials?account_id=111122223333&role_name=Developer" {
            return resp(400, r#"{"message":"unexpected request"}"#);
        }
        let expiration = (std::time::SystemTime::now() + Duration::from_secs(3600))
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis();
        resp(
            200,
            format!(
                r#"{{"roleCredentials":{{"accessKeyId":"AKIDSSO","secretAccessKey":"{SECRET}","sessionToken":"{TOKEN}","expiration":{expiration}}}}}"#
            ),
        )
    })
    .await
}

#[tokio::test]
async fn sso_token_cache_and_portal() {
    let portal = portal_for(format!("sso-bearer-{TOKEN}")).await;
    let server = ok_server().await;
    let home = TempDir::new("sso");
    sso_fixture(&home, 3600);
    let env = [
        ("HOME", home.path()),
        ("AWS_PROFILE", "dev".to_string()),
        ("AWS_ENDPOINT_URL_SSO", portal.url.clone()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let transport = builder(&env, &server).build().unwrap();
    assert_eq!(
        signed_with(&transport, &server).await,
        ("AKIDSSO".to_string(), Some(TOKEN.to_string()))
    );
    assert_eq!(portal.hits(), 1);

    // An expired login: a clear error, and the portal is not asked.
    let expired = TempDir::new("sso-expired");
    sso_fixture(&expired, -60);
    let mut expired_env = env.clone();
    let expired_home = expired.path();
    expired_env[0] = ("HOME", &expired_home);
    let transport = builder(&expired_env, &server).build().unwrap();
    let message = call_error(&transport).await;
    assert!(
        message.starts_with("SSO: the SSO session of profile `dev` expired at")
            && message.ends_with("run `aws sso login --sso-session corp`"),
        "{message}"
    );
    assert!(!message.contains("sso-bearer"), "{message}");
    assert_eq!(portal.hits(), 1);

    // No login at all.
    let empty = TempDir::new("sso-none");
    empty.write(".aws/config", &std::fs::read_to_string(home.0.join(".aws/config")).unwrap());
    let empty_home = empty.path();
    let mut none_env = env.clone();
    none_env[0] = ("HOME", &empty_home);
    let message = call_error(&builder(&none_env, &server).build().unwrap()).await;
    assert!(message.contains("no SSO token for profile `dev`") && message.contains("aws sso login"), "{message}");

    // The portal refuses a revoked token.
    let revoked = Fake::start(|_| resp(401, r#"{"message":"Session token not found or invalid"}"#)).await;
    let mut revoked_env = env.clone();
    revoked_env[2] = ("AWS_ENDPOINT_URL_SSO", &revoked.url);
    let message = call_error(&builder(&revoked_env, &server).build().unwrap()).await;
    assert!(
        message.contains("HTTP 401: Session token not found or invalid; run `aws sso login --sso-session corp`"),
        "{message}"
    );
}

/// A token cache as `aws sso login` leaves it with a client registration, its token
/// expiring in `expires_in` seconds.
fn refreshable_sso_fixture(dir: &TempDir, expires_in: i64) -> std::path::PathBuf {
    sso_fixture(dir, expires_in);
    let file = dir.0.join(format!(".aws/sso/cache/{}.json", sha1_hex("corp")));
    dir.write(
        &format!(".aws/sso/cache/{}.json", sha1_hex("corp")),
        &format!(
            r#"{{"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "old-bearer", "expiresAt": "{}", "clientId": "client-1", "clientSecret": "client-secret-{SECRET}", "registrationExpiresAt": "{}", "refreshToken": "refresh-1"}}"#,
            rfc3339_in(expires_in),
            rfc3339_in(90 * 24 * 3600)
        ),
    );
    file
}

#[tokio::test]
async fn sso_token_about_to_expire_is_refreshed_and_written_back() {
    let oidc = Fake::start(|req| {
        let body: Value = serde_json::from_slice(&req.body).unwrap_or_default();
        let expected = json!({"clientId": "client-1", "clientSecret": format!("client-secret-{SECRET}"), "grantType": "refresh_token", "refreshToken": "refresh-1"});
        if req.method != "POST" || req.target != "/token" || body != expected {
            return resp(400, r#"{"error":"invalid_grant","error_description":"unexpected request"}"#);
        }
        resp(200, r#"{"accessToken":"new-bearer","tokenType":"Bearer","expiresIn":28800,"refreshToken":"refresh-2"}"#)
    })
    .await;
    let portal = portal_for("new-bearer".into()).await;
    let server = ok_server().await;
    // Two minutes left: inside the 5-minute window.
    let home = TempDir::new("sso-refresh");
    let cache = refreshable_sso_fixture(&home, 120);
    let env = [
        ("HOME", home.path()),
        ("AWS_PROFILE", "dev".to_string()),
        ("AWS_ENDPOINT_URL_SSO", portal.url.clone()),
        ("AWS_ENDPOINT_URL_SSO_OIDC", oidc.url.clone()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let transport = builder(&env, &server).build().unwrap();
    assert_eq!(signed_with(&transport, &server).await, ("AKIDSSO".to_string(), Some(TOKEN.to_string())));
    assert_eq!((oidc.hits(), portal.hits()), (1, 1));
    // The cache holds the new token and the rotated refresh token; the rest is kept.
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&cache).unwrap()).unwrap();
    assert_eq!(written["accessToken"], "new-bearer");
    assert_eq!(written["refreshToken"], "refresh-2");
    assert_eq!(written["clientId"], "client-1");
    assert_eq!(written["startUrl"], "https://corp.awsapps.com/start");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cache).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the rewritten cache holds secrets");
    }
    let leftovers: Vec<_> = std::fs::read_dir(cache.parent().unwrap()).unwrap().flatten().filter(|e| e.path() != cache).collect();
    assert!(leftovers.is_empty(), "no aside file is left: {leftovers:?}");
    let expires_at = written["expiresAt"].as_str().unwrap();
    assert!(expires_at > rfc3339_in(7 * 3600).as_str() && expires_at.ends_with('Z'), "{expires_at}");

    // OIDC refuses and the token still has two minutes: the old token is used.
    let refusing = Fake::start(|_| resp(400, r#"{"error":"invalid_grant"}"#)).await;
    let old_portal = portal_for("old-bearer".into()).await;
    let still_valid = TempDir::new("sso-refresh-refused");
    refreshable_sso_fixture(&still_valid, 120);
    let env = [
        ("HOME", still_valid.path()),
        ("AWS_PROFILE", "dev".to_string()),
        ("AWS_ENDPOINT_URL_SSO", old_portal.url.clone()),
        ("AWS_ENDPOINT_URL_SSO_OIDC", refusing.url.clone()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let transport = builder(&env, &server).build().unwrap();
    assert_eq!(signed_with(&transport, &server).await.0, "AKIDSSO");
    assert_eq!((refusing.hits(), old_portal.hits()), (1, 1));

    // Expired, and OIDC refuses: the error says why and what to run, and shows no secret.
    let expired = TempDir::new("sso-refresh-expired");
    refreshable_sso_fixture(&expired, -60);
    let env = [
        ("HOME", expired.path()),
        ("AWS_PROFILE", "dev".to_string()),
        ("AWS_ENDPOINT_URL_SSO", old_portal.url.clone()),
        ("AWS_ENDPOINT_URL_SSO_OIDC", refusing.url.clone()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let message = call_error(&builder(&env, &server).build().unwrap()).await;
    assert!(
        message.contains("refreshing the SSO token of session `corp` at")
            && message.contains("HTTP 400: invalid_grant; run `aws sso login --sso-session corp`"),
        "{message}"
    );
    assert!(!message.contains(SECRET) && !message.contains("refresh-1"), "{message}");
    assert_eq!(old_portal.hits(), 1, "the portal is not asked with an expired token");
}

// ---------------------------------------------------------------------------------------
// STS: a loopback fake for the chain's order, moto for the real exchanges

/// A fake STS answering AssumeRole and AssumeRoleWithWebIdentity with `key`.
async fn fake_sts(key: &'static str) -> Fake {
    Fake::start(move |req| {
        let action = if req.header("authorization").is_some() {
            "AssumeRole"
        } else {
            "AssumeRoleWithWebIdentity"
        };
        resp(
            200,
            format!(
                "<{action}Response><{action}Result><Credentials><AccessKeyId>{key}</AccessKeyId>\
                 <SecretAccessKey>{SECRET}</SecretAccessKey><SessionToken>{TOKEN}</SessionToken>\
                 <Expiration>{}</Expiration></Credentials></{action}Result></{action}Response>",
                rfc3339_in(3600)
            ),
        )
    })
    .await
}

#[tokio::test]
async fn the_chain_takes_the_first_configured_source() {
    let server = ok_server().await;
    let dir = TempDir::new("order");
    let config = dir.write(
        "config",
        "[profile keys]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s\n",
    );
    let token_file = dir.write("web-token", "eyJ.web.token");
    let sts = fake_sts("AKIDWEB").await;
    let ecs = Fake::start(fake_ecs_handler("t", credentials_json("AKIDECS", SECRET, TOKEN, 3600))).await;
    let imds = fake_imds("i", credentials_json("AKIDIMDS", SECRET, TOKEN, 3600)).await;
    let full_uri = format!("{}/v1/credentials", ecs.url);
    let all = [
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "s"),
        ("AWS_WEB_IDENTITY_TOKEN_FILE", token_file.as_str()),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web"),
        ("AWS_ENDPOINT_URL_STS", sts.url.as_str()),
        ("AWS_CONFIG_FILE", config.as_str()),
        ("AWS_PROFILE", "keys"),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", full_uri.as_str()),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "t"),
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url.as_str()),
    ];
    // Drop sources from the front: each time the next one answers.
    let expected = [
        (0, "AKIDENV"),
        (2, "AKIDWEB"),
        (4, "AKIDPROFILE"),
        (7, "AKIDECS"),
        (9, "AKIDIMDS"),
    ];
    for (skip, key) in expected {
        let transport = builder(&all[skip..], &server).build().unwrap();
        assert_eq!(signed_with(&transport, &server).await.0, key, "without the first {skip}");
    }
    // Each later source was asked only when all before it were gone.
    assert_eq!((sts.hits(), ecs.hits(), imds.hits()), (1, 1, 3));
    // Static keys are known at build.
    let transport = builder(&all[4..], &server).build().unwrap();
    assert_eq!(
        transport.config().credentials().map(|c| c.access_key_id()),
        Some("AKIDPROFILE")
    );

    // Nothing configured: every source says why, and IMDS is not probed.
    let nothing = builder(&[], &server).build().unwrap();
    let message = call_error(&nothing).await;
    assert!(message.starts_with("credentials: no AWS credentials found, looked at: "), "{message}");
    for why in [
        "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
        "web identity: AWS_WEB_IDENTITY_TOKEN_FILE is not set",
        "profile: profile `default` is in none of: no files, HOME is not set",
        "container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set",
        "IMDS: not asked",
    ] {
        assert!(message.contains(why), "{why} missing: {message}");
    }

    // A profile asked for by name must exist: the chain stops there.
    let missing = builder(&[("AWS_PROFILE", "nobody"), ("AWS_CONFIG_FILE", config.as_str())], &server)
        .build()
        .unwrap();
    let message = call_error(&missing).await;
    assert!(message.starts_with("profile: profile `nobody` is in none of: "), "{message}");
}

#[tokio::test]
async fn a_custom_provider_replaces_the_chain_and_is_cached() {
    #[derive(Debug)]
    struct Custom(Arc<std::sync::atomic::AtomicU32>);
    impl ProvideCredentials for Custom {
        fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
        where
            Self: 'a,
        {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            future::ProvideCredentials::ready(Ok(aws_credential_types::Credentials::new(
                "AKIDCUSTOM",
                SECRET,
                Some(TOKEN.to_string()),
                None,
                "custom",
            )))
        }
    }
    let server = ok_server().await;
    let count = Arc::new(std::sync::atomic::AtomicU32::new(0));
    let transport = builder(&[("AWS_ACCESS_KEY_ID", "AKIDENV"), ("AWS_SECRET_ACCESS_KEY", "s")], &server)
        .credentials_provider(Custom(count.clone()))
        .build()
        .unwrap();
    for _ in 0..3 {
        assert_eq!(signed_with(&transport, &server).await.0, "AKIDCUSTOM");
    }
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 1);
    // Explicit credentials win over a provider.
    let explicit = builder(&[], &server)
        .credentials_provider(Custom(count.clone()))
        .credentials(awsdoc_runtime::Credentials::new("AKIDEXPLICIT", "s", None))
        .build()
        .unwrap();
    assert_eq!(signed_with(&explicit, &server).await.0, "AKIDEXPLICIT");
    assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 1);
    let debug = format!("{transport:?} {explicit:?}");
    assert!(!debug.contains(SECRET) && !debug.contains(TOKEN), "{debug}");
}

// moto's STS: the credentials it hands out are known to it, so GetCallerIdentity signed
// with them names the role that was assumed.


/// Who moto thinks the transport's credentials belong to.
async fn caller_arn(pairs: &[(&str, &str)]) -> String {
    caller_arn_in(pairs, None).await
}

async fn caller_arn_in(pairs: &[(&str, &str)], profile: Option<&str>) -> String {
    let mut env = vars(pairs);
    env.push(("AWS_ENDPOINT_URL".into(), moto::url().into()));
    let mut builder = HttpTransport::builder();
    if let Some(profile) = profile {
        builder = builder.profile(profile);
    }
    let transport = builder
        .env_vars(env)
        .region("us-east-1")
        .max_attempts(2)
        .attempt_timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let output = transport
        .call(OperationRequest {
            service: &STS,
            operation: "GetCallerIdentity",
            input: json!({}),
            binding: None,
            schema: Some(&GET_CALLER_IDENTITY),
        })
        .await
        .unwrap_or_else(|e| panic!("{}\nmoto log:\n{}", error_message(&e), moto::log_tail()));
    output
        .get("Arn")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no Arn in {output}"))
        .to_string()
}

#[tokio::test]
async fn web_identity_through_moto_sts() {
    let dir = TempDir::new("web-identity");
    let token = dir.write("token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb2QifQ.c2ln\n");
    let arn = caller_arn(&[
        ("AWS_WEB_IDENTITY_TOKEN_FILE", &token),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/eks-pod-role"),
        ("AWS_ROLE_SESSION_NAME", "my-pod"),
    ])
    .await;
    assert!(arn.ends_with(":assumed-role/eks-pod-role/my-pod"), "{arn}");

    // From a profile's web_identity_token_file, with the default session name.
    let config = dir.write(
        "config",
        &format!("[profile web]\nrole_arn = arn:aws:iam::123456789012:role/ci\nweb_identity_token_file = {token}\n"),
    );
    let arn = caller_arn(&[("AWS_CONFIG_FILE", &config), ("AWS_PROFILE", "web")]).await;
    assert!(arn.contains(":assumed-role/ci/awsdoc-runtime-"), "{arn}");
}

#[tokio::test]
async fn assume_role_through_moto_sts() {
    let dir = TempDir::new("assume-role");
    let credentials = dir.write(
        "credentials",
        "[base]\naws_access_key_id = AKIDBASEMOTO\naws_secret_access_key = testing\n",
    );
    let config = dir.write(
        "config",
        "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev-role\nsource_profile = base\nrole_session_name = alice\n\n\
         [profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin-role\nsource_profile = dev\nrole_session_name = alice-admin\n\n\
         [profile from-env]\nrole_arn = arn:aws:iam::123456789012:role/env-role\ncredential_source = Environment\nrole_session_name = ci\n",
    );
    let files = [
        ("AWS_CONFIG_FILE", config.as_str()),
        ("AWS_SHARED_CREDENTIALS_FILE", credentials.as_str()),
    ];
    let with = |profile: &'static str| {
        let mut pairs = files.to_vec();
        pairs.push(("AWS_PROFILE", profile));
        pairs
    };
    assert!(caller_arn(&with("dev")).await.ends_with(":assumed-role/dev-role/alice"));
    // Chained: base → dev-role → admin-role.
    assert!(caller_arn(&with("admin")).await.ends_with(":assumed-role/admin-role/alice-admin"));
    // credential_source = Environment: the environment's keys assume the role. They do not
    // answer themselves since the builder names the profile (AWS_PROFILE would not do).
    let mut pairs = files.to_vec();
    pairs.extend([
        ("AWS_ACCESS_KEY_ID", "AKIDENVMOTO"),
        ("AWS_SECRET_ACCESS_KEY", "testing"),
    ]);
    let arn = caller_arn_in(&pairs, Some("from-env")).await;
    assert!(arn.ends_with(":assumed-role/env-role/ci"), "{arn}");
    let mut pairs = pairs.clone();
    pairs.push(("AWS_PROFILE", "from-env"));
    assert!(!caller_arn(&pairs).await.contains("assumed-role"));
}

#[tokio::test]
async fn credential_source_container_and_instance_metadata_assume_the_role() {
    let server = ok_server().await;
    let sts = fake_sts("AKIDROLE").await;
    let ecs = Fake::start(fake_ecs_handler("t", credentials_json("AKIDECS", SECRET, TOKEN, 3600))).await;
    let imds = fake_imds("i", credentials_json("AKIDIMDS", SECRET, TOKEN, 3600)).await;
    let dir = TempDir::new("credential-source");
    let config = dir.write(
        "config",
        "[profile ecs]\nrole_arn = arn:aws:iam::1:role/from-ecs\ncredential_source = EcsContainer\n\n\
         [profile ec2]\nrole_arn = arn:aws:iam::1:role/from-ec2\ncredential_source = Ec2InstanceMetadata\n",
    );
    let full_uri = format!("{}/v1/credentials", ecs.url);
    let base = [
        ("AWS_CONFIG_FILE", config.as_str()),
        ("AWS_ENDPOINT_URL_STS", sts.url.as_str()),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", full_uri.as_str()),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "t"),
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url.as_str()),
    ];
    for (profile, source_key) in [("ecs", "AKIDECS"), ("ec2", "AKIDIMDS")] {
        let mut pairs = base.to_vec();
        pairs.push(("AWS_PROFILE", profile));
        let transport = builder(&pairs, &server).build().unwrap();
        assert_eq!(signed_with(&transport, &server).await.0, "AKIDROLE");
        // AssumeRole was signed with the source's credentials.
        let assume = sts.requests().pop().unwrap();
        let authorization = assume.header("authorization").unwrap();
        assert!(
            authorization.contains(&format!("Credential={source_key}/")),
            "{profile}: {authorization}"
        );
    }
    assert_eq!((ecs.hits(), imds.hits(), sts.hits()), (1, 3, 2));

    // The source is configured by the profile: its absence is an error, not a fall-through.
    let mut pairs = base[..2].to_vec();
    pairs.push(("AWS_PROFILE", "ecs"));
    let message = call_error(&builder(&pairs, &server).build().unwrap()).await;
    assert!(
        message.starts_with("profile: profile `ecs`: container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and"),
        "{message}"
    );
}
