//! EC2 instance metadata, IMDSv2 only: `PUT /latest/api/token` (with
//! `x-aws-ec2-metadata-token-ttl-seconds`) for a session token, then, with the token in
//! `x-aws-ec2-metadata-token`, `GET /latest/meta-data/iam/security-credentials/` for the
//! instance profile's role and `GET …/<role>` for its credentials.
//!
//! No IMDSv1 fallback: instances launched with `HttpTokens=required` (the default for new
//! instance types and AMIs) refuse v1 anyway; where the token `PUT` fails it is nearly
//! always a container whose hop limit is too low, which v1 would hide instead of report;
//! and v1 is what server-side request forgery exploits. The Rust SDK does the same.
//!
//! Settings (the SDKs' names): `AWS_EC2_METADATA_DISABLED=true` turns it off;
//! `AWS_EC2_METADATA_SERVICE_ENDPOINT` (or the profile's `ec2_metadata_service_endpoint`)
//! moves it (a loopback fake in tests); `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6`
//! picks `http://[fd00:ec2::254]`; `AWS_METADATA_SERVICE_TIMEOUT` (seconds, default 1) and
//! `AWS_METADATA_SERVICE_NUM_ATTEMPTS` (default 1) are botocore's, so that a laptop
//! without IMDS gives up after about a second instead of hanging.
//!
//! With the builder's `env_vars` (a hermetic environment, as in tests) IMDS is asked only
//! when an endpoint is given there: an unasked probe of 169.254.169.254 from a test or a
//! sandbox is never wanted.

use std::time::Duration;

use aws_credential_types::provider::{future, ProvideCredentials};
use reqwest::header::HeaderValue;

use super::{credentials_from_json, failed, invalid, metadata_client, not_loaded, AwsCredentials, CredentialsError};
use crate::http::config::{Env, Profile};

pub(crate) const NAME: &str = "IMDS";
const DEFAULT_ENDPOINT: &str = "http://169.254.169.254";
const DEFAULT_ENDPOINT_IPV6: &str = "http://[fd00:ec2::254]";
/// The session token's lifetime asked for: 6 hours, the SDKs' value.
const TOKEN_TTL_SECONDS: &str = "21600";
/// A role name as one path segment: unreserved characters stay.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
const CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/";

pub(crate) struct ImdsProvider {
    env: Env,
    /// The profile's `ec2_metadata_service_endpoint`, when it has one.
    profile_endpoint: Option<String>,
    client: tokio::sync::OnceCell<reqwest::Client>,
}

impl std::fmt::Debug for ImdsProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ImdsProvider")
    }
}

/// Where and how patiently to ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImdsSettings {
    pub(crate) endpoint: String,
    pub(crate) timeout: Duration,
    pub(crate) attempts: u32,
}

impl ImdsProvider {
    pub(crate) fn new(env: Env, profile: &Profile) -> Self {
        ImdsProvider {
            env,
            profile_endpoint: profile
                .get("ec2_metadata_service_endpoint")
                .map(str::to_string),
            client: tokio::sync::OnceCell::new(),
        }
    }

    /// The settings, or why IMDS is not to be asked.
    pub(crate) fn settings(&self) -> Result<ImdsSettings, CredentialsError> {
        let env = &self.env;
        if env.is_true("AWS_EC2_METADATA_DISABLED") {
            return Err(not_loaded(NAME, "disabled by AWS_EC2_METADATA_DISABLED"));
        }
        let configured = env
            .get("AWS_EC2_METADATA_SERVICE_ENDPOINT")
            .map(str::to_string)
            .or_else(|| self.profile_endpoint.clone());
        let endpoint = match configured {
            Some(endpoint) => endpoint,
            None if !env.is_process() => {
                return Err(not_loaded(
                    NAME,
                    "not asked: the builder's env_vars give no AWS_EC2_METADATA_SERVICE_ENDPOINT",
                ))
            }
            None => match env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE") {
                Some(mode) if mode.eq_ignore_ascii_case("ipv6") => DEFAULT_ENDPOINT_IPV6.to_string(),
                Some(mode) if mode.eq_ignore_ascii_case("ipv4") => DEFAULT_ENDPOINT.to_string(),
                None => DEFAULT_ENDPOINT.to_string(),
                Some(other) => {
                    return Err(invalid(
                        NAME,
                        format!("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE must be IPv4 or IPv6, got `{}`", super::snippet(other)),
                    ))
                }
            },
        };
        let endpoint = endpoint.trim_end_matches('/').to_string();
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            return Err(invalid(
                NAME,
                format!("AWS_EC2_METADATA_SERVICE_ENDPOINT must be an http(s) URL, got `{}`", super::snippet(&endpoint)),
            ));
        }
        let number = |name: &str, default: u64| -> Result<u64, CredentialsError> {
            match env.get(name) {
                None => Ok(default),
                Some(text) => text.parse::<u64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    invalid(NAME, format!("{name} must be a positive integer, got `{}`", super::snippet(text)))
                }),
            }
        };
        Ok(ImdsSettings {
            endpoint,
            timeout: Duration::from_secs(number("AWS_METADATA_SERVICE_TIMEOUT", 1)?),
            attempts: number("AWS_METADATA_SERVICE_NUM_ATTEMPTS", 1)?.min(10) as u32,
        })
    }

    pub(crate) async fn load(&self) -> Result<AwsCredentials, CredentialsError> {
        let settings = self.settings()?;
        let client = self
            .client
            .get_or_try_init(|| async { metadata_client(settings.timeout) })
            .await?;
        let imds = Imds { client, settings: &settings };
        let token = imds.token().await?;
        let roles = imds.get(CREDENTIALS_PATH, &token, "the instance profile's role").await?;
        let role = String::from_utf8_lossy(&roles)
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_string)
            .ok_or_else(|| {
                failed(NAME, format!("{}{CREDENTIALS_PATH} names no role: the instance has no IAM instance profile", settings.endpoint))
            })?;
        let path = format!(
            "{CREDENTIALS_PATH}{}",
            percent_encoding::utf8_percent_encode(&role, PATH_SEGMENT)
        );
        let body = imds.get(&path, &token, &format!("the credentials of role `{role}`")).await?;
        // `{"Code": "Success", "AccessKeyId", "SecretAccessKey", "Token", "Expiration", …}`.
        let code = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v.get("Code").and_then(|c| c.as_str().map(str::to_string)));
        if let Some(code) = code.filter(|c| c != "Success") {
            return Err(failed(
                NAME,
                format!("the credentials of role `{role}` are not available (Code `{}`)", super::snippet(&code)),
            ));
        }
        credentials_from_json(NAME, &body, "Token", &format!("the credentials of role `{role}`"))
    }
}

struct Imds<'a> {
    client: &'a reqwest::Client,
    settings: &'a ImdsSettings,
}

/// How a request to IMDS failed.
enum Failure {
    /// Nothing answered: IMDS is not there (a laptop, a container without the route).
    Unreachable(String),
    /// It answered with an error, or the answer broke off.
    Status(u16, String),
}

impl Imds<'_> {
    /// A session token (a secret: never logged).
    async fn token(&self) -> Result<HeaderValue, CredentialsError> {
        let url = format!("{}/latest/api/token", self.settings.endpoint);
        let body = self
            .send(
                || {
                    self.client
                        .put(&url)
                        .header("x-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS)
                },
                "a session token (PUT /latest/api/token)",
            )
            .await?;
        let mut token = HeaderValue::from_bytes(body.trim_ascii()).map_err(|_| {
            failed(NAME, "the session token has characters a header cannot carry")
        })?;
        token.set_sensitive(true);
        Ok(token)
    }

    async fn get(&self, path: &str, token: &HeaderValue, what: &str) -> Result<Vec<u8>, CredentialsError> {
        let url = format!("{}{path}", self.settings.endpoint);
        self.send(
            || self.client.get(&url).header("x-aws-ec2-metadata-token", token.clone()),
            what,
        )
        .await
    }

    /// Sends with the configured attempts; errors say what was asked for and where.
    async fn send(
        &self,
        request: impl Fn() -> reqwest::RequestBuilder,
        what: &str,
    ) -> Result<Vec<u8>, CredentialsError> {
        let endpoint = &self.settings.endpoint;
        let mut attempt = 1;
        loop {
            let failure = match request().send().await {
                Err(e) if e.is_timeout() => Failure::Unreachable(format!("timed out after {:?}", self.settings.timeout)),
                Err(e) => Failure::Unreachable(super::error_text(&e)),
                Ok(response) => {
                    let status = response.status().as_u16();
                    match response.bytes().await {
                        Ok(body) if (200..300).contains(&status) => return Ok(body.to_vec()),
                        Ok(_) => Failure::Status(status, format!("HTTP {status}")),
                        Err(e) => Failure::Status(status, format!("the answer broke off: {}", super::error_text(&e))),
                    }
                }
            };
            let retryable = match &failure {
                Failure::Unreachable(_) => true,
                Failure::Status(status, _) => *status >= 500,
            };
            if retryable && attempt < self.settings.attempts {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
            return Err(match failure {
                // The chain's last link: "not here" lets the chain report every source.
                Failure::Unreachable(why) => not_loaded(
                    NAME,
                    format!("no instance metadata service at {endpoint} ({why}) while asking for {what}: not on EC2?"),
                ),
                Failure::Status(403, why) => failed(
                    NAME,
                    format!("{what}: {why} from {endpoint}: IMDS is disabled for this instance, or the request came through a proxy"),
                ),
                Failure::Status(404, why) => failed(
                    NAME,
                    format!("{what}: {why} from {endpoint}: does the instance have an IAM instance profile?"),
                ),
                Failure::Status(_, why) => failed(
                    NAME,
                    format!("{what}: {why} from {endpoint}; expected an EC2 instance metadata service (IMDSv2)"),
                ),
            });
        }
    }
}

impl ProvideCredentials for ImdsProvider {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.load())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::credentials::{error_text, is_not_loaded};

    fn settings(vars: &[(&str, &str)], process: bool) -> Result<ImdsSettings, CredentialsError> {
        let mut env = Env::from_vars(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        if process {
            env = env.into_process();
        }
        ImdsProvider::new(env, &Profile::default()).settings()
    }

    #[test]
    fn settings_from_the_environment() {
        let default = settings(&[], true).unwrap();
        assert_eq!(default.endpoint, "http://169.254.169.254");
        assert_eq!((default.timeout, default.attempts), (Duration::from_secs(1), 1));
        assert_eq!(
            settings(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6")], true).unwrap().endpoint,
            "http://[fd00:ec2::254]"
        );
        let custom = settings(
            &[
                ("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1234/"),
                ("AWS_METADATA_SERVICE_TIMEOUT", "3"),
                ("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2"),
            ],
            false,
        )
        .unwrap();
        assert_eq!(
            custom,
            ImdsSettings {
                endpoint: "http://127.0.0.1:1234".into(),
                timeout: Duration::from_secs(3),
                attempts: 2
            }
        );
        // A hermetic environment never probes the real address.
        let error = settings(&[], false).unwrap_err();
        assert!(is_not_loaded(&error) && error_text(&error).contains("not asked"));
        let error = settings(&[("AWS_EC2_METADATA_DISABLED", "TRUE")], true).unwrap_err();
        assert!(is_not_loaded(&error) && error_text(&error).contains("disabled"));
        for bad in [
            ("AWS_METADATA_SERVICE_TIMEOUT", "soon"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5"),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", "169.254.169.254"),
        ] {
            let error = settings(&[bad], true).unwrap_err();
            assert!(!is_not_loaded(&error), "{bad:?}");
            assert!(error_text(&error).contains(bad.0), "{}", error_text(&error));
        }
    }
}
