//! Container credentials: ECS task roles and EKS Pod Identity.
//!
//! `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is a path on the ECS agent,
//! `http://169.254.170.2<uri>`; `AWS_CONTAINER_CREDENTIALS_FULL_URI` a whole URL, which over
//! plain HTTP must be a loopback address or one of the ECS/EKS agents' link-local
//! addresses (the SDKs' rule: credentials are never sent in the clear over a network).
//! The `Authorization` header comes from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read at
//! every fetch: EKS rotates it) or `AWS_CONTAINER_AUTHORIZATION_TOKEN`. The answer is
//! `{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::Path;
use std::time::Duration;

use aws_credential_types::provider::{future, ProvideCredentials};
use reqwest::header::{HeaderValue, AUTHORIZATION};
use reqwest::Url;

use super::{
    credentials_from_json, failed, invalid, metadata_client, not_loaded, read_secret_file,
    AwsCredentials, CredentialsError,
};
use crate::http::config::Env;

pub(crate) const NAME: &str = "container";
const ECS_AGENT: &str = "http://169.254.170.2";
/// The ECS agent, and EKS Pod Identity's agent over IPv4 and IPv6.
const AGENT_ADDRESSES: [IpAddr; 3] = [
    IpAddr::V4(Ipv4Addr::new(169, 254, 170, 2)),
    IpAddr::V4(Ipv4Addr::new(169, 254, 170, 23)),
    IpAddr::V6(Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x23)),
];
const TIMEOUT: Duration = Duration::from_secs(5);
const ATTEMPTS: u32 = 3;

pub(crate) struct ContainerProvider {
    env: Env,
    client: tokio::sync::OnceCell<reqwest::Client>,
}

impl std::fmt::Debug for ContainerProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ContainerProvider")
    }
}

impl ContainerProvider {
    pub(crate) fn new(env: Env) -> Self {
        ContainerProvider {
            env,
            client: tokio::sync::OnceCell::new(),
        }
    }

    /// The credentials URL, or why there is none.
    pub(crate) fn url(&self) -> Result<Url, CredentialsError> {
        if let Some(relative) = self.env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            if !relative.starts_with('/') {
                return Err(invalid(
                    NAME,
                    format!("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI must start with `/`, got `{}`", super::snippet(relative)),
                ));
            }
            return Url::parse(&format!("{ECS_AGENT}{relative}")).map_err(|e| {
                invalid(NAME, format!("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a path: {e}"))
            });
        }
        let Some(full) = self.env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI") else {
            return Err(not_loaded(
                NAME,
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set",
            ));
        };
        let url = Url::parse(full).map_err(|e| {
            invalid(NAME, format!("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL: {e}"))
        })?;
        match url.scheme() {
            "https" => Ok(url),
            "http" if allowed_plain_http(&url) => Ok(url),
            "http" => Err(invalid(
                NAME,
                format!(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI: plain http is only allowed to a loopback address or the ECS/EKS agents (169.254.170.2, 169.254.170.23, fd00:ec2::23), not `{}`; use https",
                    url.host_str().unwrap_or("")
                ),
            )),
            other => Err(invalid(
                NAME,
                format!("AWS_CONTAINER_CREDENTIALS_FULL_URI: expected http or https, got `{other}`"),
            )),
        }
    }

    /// The `Authorization` header's value: the token file wins over the variable.
    fn authorization(&self) -> Result<Option<HeaderValue>, CredentialsError> {
        let token = match self.env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            Some(file) => Some(read_secret_file(
                NAME,
                Path::new(file),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            )?),
            None => self
                .env
                .get("AWS_CONTAINER_AUTHORIZATION_TOKEN")
                .map(str::to_string),
        };
        token
            .map(|token| {
                // A token with a line break would smuggle headers: refuse it.
                let mut value = HeaderValue::from_str(&token).map_err(|_| {
                    invalid(
                        NAME,
                        "the authorization token has characters a header cannot carry (line breaks?)",
                    )
                })?;
                value.set_sensitive(true);
                Ok(value)
            })
            .transpose()
    }

    pub(crate) async fn load(&self) -> Result<AwsCredentials, CredentialsError> {
        let url = self.url()?;
        let authorization = self.authorization()?;
        let client = self
            .client
            .get_or_try_init(|| async { metadata_client(TIMEOUT) })
            .await?;
        let shown = url_without_secrets(&url);
        let mut attempt = 1;
        loop {
            let mut request = client.get(url.clone());
            if let Some(value) = &authorization {
                request = request.header(AUTHORIZATION, value.clone());
            }
            let (retryable, message) = match request.send().await {
                Err(e) => (
                    !e.is_builder(),
                    format!("cannot reach {shown}: {}", super::error_text(&e)),
                ),
                Ok(response) => {
                    let status = response.status().as_u16();
                    match response.bytes().await {
                        Err(e) => (true, format!("the response of {shown} broke off: {e}")),
                        Ok(body) if (200..300).contains(&status) => {
                            return credentials_from_json(
                                NAME,
                                &body,
                                "Token",
                                &format!("the response of {shown}"),
                            )
                        }
                        Ok(body) => (status >= 500, format!("HTTP {status} from {shown}{}", error_message(&body))),
                    }
                }
            };
            if !retryable || attempt >= ATTEMPTS {
                return Err(failed(NAME, message));
            }
            tokio::time::sleep(Duration::from_millis(100 * u64::from(attempt))).await;
            attempt += 1;
        }
    }
}

/// Loopback, `localhost`, or an agent's address.
fn allowed_plain_http(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback() || AGENT_ADDRESSES.contains(&IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback() || AGENT_ADDRESSES.contains(&IpAddr::V6(ip)),
        None => false,
    }
}

/// The URL for messages, without a query (which could carry a signature or token).
fn url_without_secrets(url: &Url) -> String {
    let mut shown = url.clone();
    shown.set_query(None);
    let _ = shown.set_password(None);
    shown.to_string()
}

/// The `message`/`Message` of an error body (ECS's errors are JSON), for the error text.
fn error_message(body: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            v.get("message")
                .or_else(|| v.get("Message"))
                .and_then(serde_json::Value::as_str)
                .map(|m| format!(": {}", super::snippet(m)))
        })
        .unwrap_or_default()
}

impl ProvideCredentials for ContainerProvider {
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
    use crate::http::credentials::error_text;

    fn provider(vars: &[(&str, &str)]) -> ContainerProvider {
        ContainerProvider::new(Env::from_vars(
            vars.iter().map(|(k, v)| (k.to_string(), v.to_string())),
        ))
    }

    #[test]
    fn relative_uris_go_to_the_ecs_agent_and_full_ones_are_checked() {
        let relative = provider(&[
            ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"),
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://ignored"),
        ]);
        assert_eq!(
            relative.url().unwrap().as_str(),
            "http://169.254.170.2/v2/credentials/abc"
        );
        for ok in [
            "http://127.0.0.1:8080/creds",
            "http://127.1.2.3/creds",
            "http://localhost/creds",
            "http://[::1]:9/creds",
            "http://169.254.170.23/v1/credentials",
            "http://[fd00:ec2::23]/v1/credentials",
            "https://creds.example.com/x",
        ] {
            assert!(
                provider(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", ok)]).url().is_ok(),
                "{ok}"
            );
        }
        for (bad, expected) in [
            ("http://10.0.0.1/creds", "plain http is only allowed"),
            ("http://example.com/creds", "plain http is only allowed"),
            ("ftp://127.0.0.1/x", "expected http or https"),
            ("not a url", "not a URL"),
        ] {
            let error = provider(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", bad)])
                .url()
                .unwrap_err();
            assert!(!crate::http::credentials::is_not_loaded(&error));
            assert!(error_text(&error).contains(expected), "{bad}: {}", error_text(&error));
        }
        let error = provider(&[("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "v2/x")])
            .url()
            .unwrap_err();
        assert!(error_text(&error).contains("must start with `/`"));
        assert!(crate::http::credentials::is_not_loaded(&provider(&[]).url().unwrap_err()));
    }

    #[test]
    fn token_with_a_line_break_is_refused() {
        let p = provider(&[("AWS_CONTAINER_AUTHORIZATION_TOKEN", "abc\r\nX-Evil: 1")]);
        let error = p.authorization().unwrap_err();
        assert!(error_text(&error).contains("line breaks"));
        assert!(!error_text(&error).contains("abc"));
    }
}
