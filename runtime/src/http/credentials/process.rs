//! A profile's `credential_process`: runs the command (through `sh -c`, `cmd /C` on
//! Windows, as the CLI does) and reads its standard output,
//! `{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken": …, "Expiration": …}`.
//!
//! The command line may carry secrets of its own, and its output does: errors name the
//! program (the command's first word) and the member at fault, never the output.

use std::process::Stdio;

use super::{credentials_from_json, failed, AwsCredentials, CredentialsError};

pub(crate) const NAME: &str = "credential_process";

/// The program of a command line, for messages: its first word.
fn program(command: &str) -> &str {
    command.split_whitespace().next().unwrap_or("")
}

/// Runs `command` (from profile `profile`) and reads the credentials it prints.
pub(crate) async fn run(command: &str, profile: &str) -> Result<AwsCredentials, CredentialsError> {
    let what = format!("the credential_process `{}` of profile `{profile}`", program(command));
    let mut shell = if cfg!(windows) {
        let mut shell = tokio::process::Command::new("cmd");
        shell.arg("/C");
        shell
    } else {
        let mut shell = tokio::process::Command::new("sh");
        shell.arg("-c");
        shell
    };
    let output = shell
        .arg(command)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // The cache gives up on a process that hangs: it must not outlive that.
        .kill_on_drop(true)
        .output()
        .await
        .map_err(|e| failed(NAME, format!("cannot run {what}: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let stderr = stderr.trim();
        return Err(failed(
            NAME,
            format!(
                "{what} failed ({}){}",
                output.status,
                if stderr.is_empty() {
                    String::new()
                } else {
                    format!("; its stderr: {}", super::snippet(stderr))
                }
            ),
        ));
    }
    let version = serde_json::from_slice::<serde_json::Value>(&output.stdout)
        .ok()
        .and_then(|v| v.get("Version").cloned());
    match version {
        Some(v) if v == 1 => {}
        Some(_) => {
            return Err(failed(
                NAME,
                format!("{what} printed an unsupported `Version`; expected 1"),
            ))
        }
        // Not JSON, or no Version: the JSON reader below names the fault.
        None => {
            credentials_from_json(NAME, &output.stdout, "SessionToken", &format!("the output of {what}"))?;
            return Err(failed(
                NAME,
                format!("the output of {what} has no `Version`; expected 1"),
            ));
        }
    }
    credentials_from_json(
        NAME,
        &output.stdout,
        "SessionToken",
        &format!("the output of {what}"),
    )
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::http::credentials::error_text;

    #[tokio::test]
    async fn runs_the_command_and_reads_its_json() {
        let creds = run(
            r#"printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "s3cr3t", "SessionToken": "t0k", "Expiration": "2030-01-01T00:00:00Z"}'"#,
            "p",
        )
        .await
        .unwrap();
        assert_eq!(creds.access_key_id(), "AKIDPROC");
        assert_eq!(creds.session_token(), Some("t0k"));
        assert!(creds.expiry().is_some());
        let no_expiry = run(
            r#"echo '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "B"}'"#,
            "p",
        )
        .await
        .unwrap();
        assert_eq!(no_expiry.expiry(), None);
    }

    #[tokio::test]
    async fn failures_name_the_program_and_never_the_output() {
        let cases = [
            ("echo oops >&2; exit 3", "failed (exit status: 3); its stderr: oops"),
            ("echo s3cr3t-not-json", "is not JSON"),
            (r#"echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "s3cr3t"}'"#, "unsupported `Version`"),
            (r#"echo '{"AccessKeyId": "A", "SecretAccessKey": "s3cr3t"}'"#, "has no `Version`"),
            (r#"echo '{"Version": 1, "AccessKeyId": "A"}'"#, "no string member `SecretAccessKey`"),
            (r#"echo '{"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s3cr3t", "Expiration": 5}'"#, "`Expiration` is not an RFC 3339 string"),
            ("/nonexistent/helper --password hunter2", "failed"),
        ];
        for (command, expected) in cases {
            let text = error_text(&run(command, "p").await.unwrap_err());
            assert!(text.contains(expected), "{command}: {text}");
            assert!(text.starts_with("credential_process: "), "{text}");
            assert!(!text.contains("s3cr3t") && !text.contains("hunter2"), "{text}");
        }
    }
}
