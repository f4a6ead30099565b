//! The credential providers' logs and Debug output hold no secret: keys, session tokens,
//! the IMDS session token, the ECS authorization token, the SSO bearer token, the web
//! identity token, or a process's output. Its own test binary, as `http_logs`: `tracing`
//! caches per-callsite interest process-wide, so a test without a subscriber running in
//! parallel would hide events from this one.
#![cfg(feature = "http")]

use std::time::Duration;

use awsdoc_runtime::http::HttpTransport;
use awsdoc_runtime::Transport;

mod http_support;
use http_support::{list_tables, Capture, Reply, Server};

mod credentials_support;
use credentials_support::*;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYLOGGEDSECRET";
const TOKEN: &str = "IQoJb3JpZ2luX2VjELOGGEDSESSIONTOKEN";
const IMDS_TOKEN: &str = "AQAEAImdsSessionTokenSecret==";
const ECS_TOKEN: &str = "EcsAuthorizationTokenSecret";
const WEB_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.WebIdentityTokenSecret.c2ln";

#[tokio::test]
async fn no_secret_in_the_providers_logs_or_debug() {
    let (logs, _guard) = Capture::install();

    let server = Server::start(vec![Reply::json(200, r#"{"TableNames":[]}"#)]).await;
    let imds = fake_imds(IMDS_TOKEN, credentials_json("AKIDIMDS", SECRET, TOKEN, 120)).await;
    let ecs = {
        let body = credentials_json("AKIDECS", SECRET, TOKEN, 3600);
        Fake::start(move |req| {
            if req.header("authorization") == Some(ECS_TOKEN) {
                resp(200, body.clone())
            } else {
                resp(401, "{}")
            }
        })
        .await
    };
    let sts = Fake::start(|_| {
        resp(
            200,
            format!(
                "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>\
                 <AccessKeyId>AKIDWEB</AccessKeyId><SecretAccessKey>{SECRET}</SecretAccessKey>\
                 <SessionToken>{TOKEN}</SessionToken><Expiration>{}</Expiration></Credentials>\
                 </AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>",
                rfc3339_in(3600)
            ),
        )
    })
    .await;
    let dir = TempDir::new("logs");
    let web_token = dir.write("web-token", WEB_TOKEN);
    let process = dir.write(
        "process.sh",
        &format!(
            "#!/bin/sh\necho '{{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"{SECRET}\", \"SessionToken\": \"{TOKEN}\"}}'\n"
        ),
    );
    let bad_process = dir.write("bad.sh", &format!("#!/bin/sh\necho '{SECRET} {TOKEN}'\n"));
    let config = dir.write(
        "config",
        &format!(
            "[profile proc]\ncredential_process = sh {process}\n[profile bad]\ncredential_process = sh {bad_process}\n"
        ),
    );
    let ecs_uri = format!("{}/creds", ecs.url);

    let setups: Vec<Vec<(&str, &str)>> = vec![
        // IMDS, with credentials inside the refresh window: fetched at every call.
        vec![("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.url)],
        vec![
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &ecs_uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", ECS_TOKEN),
        ],
        vec![
            ("AWS_WEB_IDENTITY_TOKEN_FILE", &web_token),
            ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/r"),
            ("AWS_ENDPOINT_URL_STS", &sts.url),
        ],
        vec![("AWS_CONFIG_FILE", &config), ("AWS_PROFILE", "proc")],
        vec![("AWS_CONFIG_FILE", &config), ("AWS_PROFILE", "bad")],
        vec![
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &ecs_uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong"),
        ],
        vec![("AWS_ACCESS_KEY_ID", "AKIDENV"), ("AWS_SECRET_ACCESS_KEY", SECRET), ("AWS_SESSION_TOKEN", TOKEN)],
    ];
    let mut outputs = String::new();
    for setup in setups {
        let transport = HttpTransport::builder()
            .env_vars(setup.iter().map(|(k, v)| (k.to_string(), v.to_string())))
            .region("us-west-2")
            .endpoint_url(&server.url)
            .backoff(Duration::from_millis(1), Duration::from_millis(5))
            .build()
            .unwrap();
        for _ in 0..2 {
            let result = transport.call(list_tables()).await;
            outputs.push_str(&format!("{result:?}\n"));
            if let Err(awsdoc_runtime::CallError::Transport(e)) = &result {
                outputs.push_str(&format!("{e}\n"));
            }
        }
        outputs.push_str(&format!("{transport:?}\n{:?}\n", transport.config()));
    }
    assert!(imds.hits() >= 6, "IMDS fetched at every call: {}", imds.hits());
    // Once for the good token (then cached), once per call for the wrong one (a 4xx).
    assert_eq!(ecs.hits(), 3);
    // Ten signed calls: all but those of the two failing setups.
    assert_eq!(server.requests().len(), 10);

    let logs = logs.text();
    assert!(logs.contains("fetched credentials"), "{logs}");
    assert!(outputs.contains("credential_process"), "{outputs}");
    for text in [&logs, &outputs] {
        for secret in [SECRET, TOKEN, IMDS_TOKEN, ECS_TOKEN, WEB_TOKEN, "WebIdentityTokenSecret"] {
            assert!(!text.contains(secret), "{secret} leaked:\n{text}");
        }
    }
}
