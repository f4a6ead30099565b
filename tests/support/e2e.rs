//! What the end-to-end binaries (`moto_e2e`, `xml_e2e`) share via `#[path]`, beside
//! `support/moto.rs` (declared as `moto`): a transport to moto, unwrapping a call's result
//! with moto's log, and boto3's run of the same scenario: `support/boto3_scenarios.py` prints
//! what boto3 saw as JSON, which a test compares with its own summary (a boto3 failure says
//! moto, not the generated client, is at fault).
#![allow(dead_code)] // each binary uses its part

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use awsdoc_sdk::runtime::{Credentials, HttpTransport};
use serde_json::Value;

use super::moto;

/// A transport to moto as a user would build one: explicit credentials, region and
/// endpoint, nothing read from this machine's environment or ~/.aws. moto answers from the
/// state of the region the request is signed for. The endpoint is a loopback IP address, so
/// S3 is addressed path style.
pub fn transport_in(region: &str) -> Arc<HttpTransport> {
    let transport = HttpTransport::builder()
        .env_vars(Vec::<(String, String)>::new())
        .credentials(Credentials::new("testing", "testing", None))
        .region(region)
        .endpoint_url(moto::url())
        .max_attempts(2)
        .backoff(Duration::from_millis(50), Duration::from_millis(200))
        .attempt_timeout(Duration::from_secs(30))
        .build()
        .expect("a transport with explicit settings builds");
    Arc::new(transport)
}

/// Unwraps a call's result; a failure shows the error and what moto logged.
pub fn ok<T, E: std::fmt::Debug>(what: &str, result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("{what} failed: {e:?}\nmoto log:\n{}", moto::log_tail()))
}

/// The Python beside moto_server (the pinned venv `cargo xtask setup` makes, which has boto3).
fn python() -> PathBuf {
    std::env::var_os("AWSDOC_MOTO_SERVER")
        .map(PathBuf::from)
        .and_then(|server| Some(server.parent()?.join("python")))
        .filter(|python| python.exists())
        .unwrap_or_else(|| PathBuf::from("python3"))
}

/// What boto3 saw running `scenario` against the same server, as a JSON summary.
pub fn boto3(scenario: &str, region: &str, suffix: &str) -> Value {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("support/boto3_scenarios.py");
    let output = Command::new(python())
        .arg(&script)
        .args([scenario, moto::url(), region, suffix])
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "boto3's {scenario} scenario failed against moto, so moto is at fault, not this client:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the scenario prints JSON")
}

/// `summary` with `suffix` written as `SUFFIX`, as the boto3 script writes its own.
pub fn normalized(summary: Value, suffix: &str) -> Value {
    serde_json::from_str(&summary.to_string().replace(suffix, "SUFFIX")).expect("still JSON")
}
