//! boto3 run against the same moto_server first: `support/boto3_scenarios.py` runs a
//! scenario and prints what boto3 saw as JSON, which the Rust test then compares with its
//! own summary. A boto3 failure says moto, not the generated client, is at fault. Shared by
//! `xml_e2e` and `moto_e2e` via `#[path]`, beside `support/moto.rs` (declared as `moto`).

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

use super::moto;

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
