//! Where the transport's credentials come from when the builder is given none: the chain
//! the AWS SDKs use ([`DefaultCredentialsChain`]), first source that is configured wins.
//!
//! | order | provider | configured by |
//! | --- | --- | --- |
//! | 1 | environment (skipped when the builder names a profile, as boto3's `Session(profile_name=…)` does) | `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` |
//! | 2 | web identity (EKS IRSA) | `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN`, `AWS_ROLE_SESSION_NAME` → STS `AssumeRoleWithWebIdentity` (unsigned) |
//! | 3 | profile | `AWS_PROFILE` (or the builder's), `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`: static keys, `credential_process`, `sso_session`/`sso_start_url`, `web_identity_token_file`, `role_arn` with `source_profile` or `credential_source` → STS `AssumeRole` |
//! | 4 | container (ECS, EKS Pod Identity) | `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `…_FULL_URI`, `AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)` |
//! | 5 | EC2 instance metadata (IMDSv2) | `AWS_EC2_METADATA_DISABLED`, `AWS_EC2_METADATA_SERVICE_ENDPOINT(_MODE)`, `AWS_METADATA_SERVICE_TIMEOUT`, `AWS_METADATA_SERVICE_NUM_ATTEMPTS` |
//!
//! A provider that is not configured steps aside; one that is configured and fails ends the
//! chain with its error (as in the SDKs: a broken profile must not silently fall back to the
//! instance role). Credentials that expire are cached and fetched again before they do
//! ([`CredentialsCache`]). STS calls go through this runtime's own query protocol; STS and
//! the SSO portal honour the transport's endpoint overrides (`AWS_ENDPOINT_URL_STS`,
//! `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL`, the profile's `endpoint_url`), not the
//! builder's `endpoint_url`, which is where the service calls go (as with aws-config).
//!
//! Any [`ProvideCredentials`] can stand in for the chain (`aws-config`'s, for one) through
//! the builder's `credentials_provider`. No secret (key, token, bearer token, process
//! output) reaches a log, an error message or a `Debug` output.

mod cache;
mod chain;
mod container;
mod environment;
mod imds;
mod process;
mod profile;
mod sso;
mod sts;
mod web_identity;

use std::error::Error;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

pub use aws_credential_types::provider::error::CredentialsError;
pub use aws_credential_types::provider::ProvideCredentials;
pub use cache::{CredentialsCache, DEFAULT_REFRESH_WINDOW};
pub use chain::DefaultCredentialsChain;

pub(crate) use chain::Chain;

use super::config::{EndpointOverrides, Env, ProfileFiles};

/// The credential type the providers hand out (keys, token, expiry; `Debug` redacts).
pub(crate) type AwsCredentials = aws_credential_types::Credentials;

/// What the providers need of the transport's configuration.
#[derive(Clone)]
pub(crate) struct Context {
    pub(crate) env: Env,
    pub(crate) files: Arc<ProfileFiles>,
    /// The selected profile and whether it was asked for (builder or `AWS_PROFILE`) rather
    /// than the implicit `default`.
    pub(crate) profile: String,
    pub(crate) profile_explicit: bool,
    /// The builder named the profile: the environment's keys are then not a source of
    /// their own (boto3's `Session(profile_name=…)` rule), so that the profile is used,
    /// with `credential_source = Environment` if it says so.
    pub(crate) skip_environment: bool,
    /// The transport's region: STS's region.
    pub(crate) region: Option<String>,
    pub(crate) endpoints: EndpointOverrides,
    /// The transport's HTTP client (STS, the SSO portal).
    pub(crate) client: reqwest::Client,
    pub(crate) attempt_timeout: Duration,
    pub(crate) retry: super::RetryConfig,
}

/// The environment may hold secrets: only the profile and the region are shown.
impl fmt::Debug for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("profile", &self.profile)
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

/// Static keys the chain would answer with, known at build: the environment's, or the
/// selected profile's when it uses nothing else (and web identity is not configured).
/// The transport keeps them as they are (and shows them in `HttpConfig::credentials`).
pub(crate) fn static_credentials(context: &Context) -> Option<crate::Credentials> {
    use super::config::{env_static_keys, profile_static_keys};
    if !context.skip_environment {
        if let Some(keys) = env_static_keys(&context.env) {
            return Some(keys);
        }
    }
    if web_identity::WebIdentityProvider::new(context.clone())
        .config()
        .is_ok()
    {
        return None;
    }
    let selected = context.files.profile(&context.profile);
    if !selected.exists {
        return None;
    }
    match profile::plan(&context.files, &context.profile) {
        Ok(profile::Plan {
            base: profile::Base::Static(name),
            roles,
        }) if roles.is_empty() => profile_static_keys(&context.files.profile(&name)),
        _ => None,
    }
}

/// A provider's error message: which provider, what went wrong, what it expected. Never
/// holds a secret.
#[derive(Debug)]
pub(crate) struct ProviderMessage {
    provider: &'static str,
    message: String,
}

impl fmt::Display for ProviderMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.provider, self.message)
    }
}

impl Error for ProviderMessage {}

/// The provider is not configured: the chain goes on to the next one.
pub(crate) fn not_loaded(provider: &'static str, message: impl Into<String>) -> CredentialsError {
    CredentialsError::not_loaded(ProviderMessage {
        provider,
        message: message.into(),
    })
}

/// The provider is configured but failed: the chain stops here.
pub(crate) fn failed(provider: &'static str, message: impl Into<String>) -> CredentialsError {
    CredentialsError::provider_error(ProviderMessage {
        provider,
        message: message.into(),
    })
}

/// The provider's configuration is wrong (a profile cycle, a forbidden URI): the chain stops.
pub(crate) fn invalid(provider: &'static str, message: impl Into<String>) -> CredentialsError {
    CredentialsError::invalid_configuration(ProviderMessage {
        provider,
        message: message.into(),
    })
}

pub(crate) fn is_not_loaded(error: &CredentialsError) -> bool {
    matches!(error, CredentialsError::CredentialsNotLoaded(_))
}

/// The most specific message of an error: our providers' own message where there is one
/// (the generic "an error occurred while loading credentials" of `CredentialsError` says
/// nothing), else the whole chain of sources.
pub(crate) fn error_text(error: &(dyn Error + 'static)) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(e) = source {
        if e.downcast_ref::<ProviderMessage>().is_some() {
            return e.to_string();
        }
        parts.push(e.to_string());
        source = e.source();
    }
    parts.join(": ")
}

/// Credentials as a provider hands them out.
pub(crate) fn credentials(
    provider: &'static str,
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
) -> AwsCredentials {
    AwsCredentials::new(
        access_key_id,
        secret_access_key,
        session_token,
        expiry,
        provider,
    )
}

/// An RFC 3339 timestamp (`2024-05-01T12:00:00Z`), as IMDS, ECS, STS and
/// `credential_process` write expirations.
pub(crate) fn parse_rfc3339(text: &str) -> Result<SystemTime, String> {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::parse(text.trim(), &Rfc3339)
        .map(SystemTime::from)
        .map_err(|_| format!("`{}` is not an RFC 3339 timestamp", snippet(text)))
}

/// The start of a text that is not secret, for error messages.
pub(crate) fn snippet(text: &str) -> String {
    let mut cut: String = text.chars().take(60).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

/// Reads the members of a credentials JSON object (ECS, IMDS and `credential_process`
/// spell them alike): `AccessKeyId`, `SecretAccessKey`, the token under `token_key`, and
/// an optional RFC 3339 `Expiration`. Errors name the member, never the values.
pub(crate) fn credentials_from_json(
    provider: &'static str,
    body: &[u8],
    token_key: &str,
    what: &str,
) -> Result<AwsCredentials, CredentialsError> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        failed(
            provider,
            format!(
                "{what} is not JSON ({} at line {} column {}); expected an object with AccessKeyId, SecretAccessKey, {token_key} and Expiration",
                classify_json_error(&e),
                e.line(),
                e.column()
            ),
        )
    })?;
    let object = value.as_object().ok_or_else(|| {
        failed(
            provider,
            format!("{what} is not a JSON object; expected AccessKeyId, SecretAccessKey, {token_key} and Expiration"),
        )
    })?;
    let text = |key: &str| object.get(key).and_then(serde_json::Value::as_str);
    let required = |key: &str| {
        text(key)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .ok_or_else(|| {
                failed(
                    provider,
                    format!("{what} has no string member `{key}`"),
                )
            })
    };
    let access_key_id = required("AccessKeyId")?;
    let secret = required("SecretAccessKey")?;
    let token = text(token_key).filter(|t| !t.is_empty()).map(str::to_string);
    let expiry = match text("Expiration") {
        Some(expiration) => Some(parse_rfc3339(expiration).map_err(|e| {
            failed(provider, format!("{what}: member `Expiration`: {e}"))
        })?),
        None if object.get("Expiration").is_some_and(|v| !v.is_null()) => {
            return Err(failed(
                provider,
                format!("{what}: member `Expiration` is not an RFC 3339 string"),
            ))
        }
        None => None,
    };
    Ok(credentials(provider, access_key_id, secret, token, expiry))
}

/// serde_json's error kind without its text (which may quote the document).
fn classify_json_error(error: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match error.classify() {
        Category::Io => "unreadable",
        Category::Syntax => "a syntax error",
        Category::Data => "unexpected data",
        Category::Eof => "it ends early",
    }
}

/// An HTTP client for the metadata services (IMDS, ECS): plain HTTP on a link-local or
/// loopback address, short timeouts so that a machine without them fails fast.
pub(crate) fn metadata_client(timeout: Duration) -> Result<reqwest::Client, CredentialsError> {
    super::tls::client_builder()
        .map_err(|e| failed("HTTP client", e.message))?
        .connect_timeout(timeout)
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .user_agent(concat!("awsdoc-runtime/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| failed("HTTP client", format!("cannot create the HTTP client: {e}")))
}

/// A file's text, trimmed; the error names the file and the setting that points at it.
pub(crate) fn read_secret_file(
    provider: &'static str,
    path: &std::path::Path,
    setting: &str,
) -> Result<String, CredentialsError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        failed(
            provider,
            format!("cannot read {} (from {setting}): {e}", path.display()),
        )
    })?;
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err(failed(
            provider,
            format!("{} (from {setting}) is empty", path.display()),
        ));
    }
    Ok(text)
}

/// A default role session name: unique per fetch, as the SDKs make them.
pub(crate) fn default_session_name() -> String {
    let millis = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    format!("awsdoc-runtime-{millis}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_name_members_not_values() {
        let body = br#"{"AccessKeyId":"AKID","SecretAccessKey":"s3cr3t","Token":"t0k","Expiration":"soon"}"#;
        let error = credentials_from_json("ECS", body, "Token", "the response").unwrap_err();
        let text = error_text(&error);
        assert!(text.starts_with("ECS: the response: member `Expiration`"), "{text}");
        assert!(!text.contains("s3cr3t") && !text.contains("t0k"), "{text}");

        let error =
            credentials_from_json("ECS", br#"{"AccessKeyId":"s3cr3t"#, "Token", "the response")
                .unwrap_err();
        let text = error_text(&error);
        assert!(text.contains("not JSON") && !text.contains("s3cr3t"), "{text}");

        let error = credentials_from_json("ECS", br#"{"AccessKeyId":"A"}"#, "Token", "x")
            .unwrap_err();
        assert!(error_text(&error).contains("`SecretAccessKey`"));
        let error = credentials_from_json("ECS", b"[1]", "Token", "x").unwrap_err();
        assert!(error_text(&error).contains("not a JSON object"));

        let ok = credentials_from_json(
            "ECS",
            br#"{"AccessKeyId":"A","SecretAccessKey":"B","Token":"C","Expiration":"2030-01-02T03:04:05Z"}"#,
            "Token",
            "x",
        )
        .unwrap();
        assert_eq!(ok.session_token(), Some("C"));
        assert_eq!(
            ok.expiry()
                .unwrap()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_secs(),
            1_893_553_445
        );
    }

    #[test]
    fn rfc3339_with_fractions_and_offsets() {
        assert!(parse_rfc3339("2030-01-02T03:04:05.123Z").is_ok());
        assert!(parse_rfc3339("2030-01-02T03:04:05+01:00").is_ok());
        assert!(parse_rfc3339("tomorrow").unwrap_err().contains("tomorrow"));
    }
}
