//! [`HttpTransport`]: the real AWS transport for the generated clients.
//!
//! A call is laid out for its service's protocol (awsJson 1.0/1.1, restJson1, rest-xml, query
//! or ec2, see [`crate::protocol`]), signed with SigV4 (`aws-sigv4`), sent with `reqwest` over
//! rustls, and retried on throttling, transient 5xx statuses and broken connections (see
//! [`RetryConfig`]), whatever the protocol.
//! Credentials, region and endpoint come from the builder, else the environment, else the
//! shared config/credentials files, as with the AWS CLI:
//!
//! | what | sources, first wins |
//! | --- | --- |
//! | profile | builder `profile`, `AWS_PROFILE`, `default` |
//! | credentials | builder `credentials` or `credentials_provider`, else the default chain ([`credentials`]): environment, web identity, profile (static keys, `credential_process`, SSO, assumed roles), container (ECS/EKS), EC2 instance metadata |
//! | region | builder, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region` |
//! | endpoint | builder, `AWS_ENDPOINT_URL_<SERVICE>` (boto3 name upper-cased; underscores ignored, so `CLOUDHSM_V2` works), `AWS_ENDPOINT_URL`, the profile's `endpoint_url`, `https://<endpoint_prefix>.<region>.amazonaws.com` |
//! | S3 path-style addressing | builder `force_path_style`, `AWS_S3_FORCE_PATH_STYLE=true`, the profile's `s3_force_path_style = true`; otherwise virtual-hosted style where the bucket name and endpoint allow it ([`crate::protocol::s3`]) |
//!
//! Files: `AWS_CONFIG_FILE` (default `~/.aws/config`, sections `[default]`, `[profile x]`)
//! and `AWS_SHARED_CREDENTIALS_FILE` (default `~/.aws/credentials`, sections `[x]`).
//! `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` ignores the environment's and files' endpoints.
//!
//! The transport needs a Tokio runtime. Each call runs in a `tracing` span `aws_call`
//! (service, operation, attempts) with one `attempt` span per attempt (attempt, status,
//! request id). Credentials are never logged, and `Debug` redacts them.
//!
//! TLS is rustls; its crypto provider is aws-lc-rs (feature `rustls-aws-lc`, default) or
//! ring (feature `rustls-ring`, a much shorter build), see [`tls_provider`].

mod config;
pub mod credentials;
mod retry;
mod tls;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_sigv4::http_request::{
    sign, PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use futures::future::BoxFuture;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;
use tracing::field::Empty;
use tracing::Instrument as _;

pub use config::Credentials;
pub use credentials::{CredentialsCache, DefaultCredentialsChain, ProvideCredentials};
pub use retry::{RetryConfig, THROTTLING_CODES};
pub use tls::tls_provider;

use crate::protocol::{self, s3, Failure, WireRequest};
use crate::{CallError, OperationRequest, Protocol, Transport, TransportError, TransportErrorKind};
use config::{EndpointOverrides, Env, ProfileFiles};
use credentials::{AwsCredentials, Context};

/// Sends the generated clients' calls to AWS (or an AWS-compatible endpoint).
pub struct HttpTransport {
    client: reqwest::Client,
    config: HttpConfig,
}

/// What an [`HttpTransport`] resolved at build time. `Debug` redacts the credentials.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Static credentials, or the (cached) provider asked at each call: a failure to get
    /// them is reported at the call, not at build, so that a transport for a local
    /// endpoint can be built without them.
    credentials: CredentialsSource,
    region: Option<String>,
    profile: String,
    endpoints: EndpointOverrides,
    retry: RetryConfig,
    connect_timeout: Duration,
    attempt_timeout: Duration,
    force_path_style: bool,
}

/// Where a transport's credentials come from. `Debug` redacts.
#[derive(Debug, Clone)]
enum CredentialsSource {
    /// Explicit, or static keys found at build (environment, a profile's keys).
    Static {
        credentials: Credentials,
        signing: AwsCredentials,
    },
    /// A provider behind the cache: the default chain, or the builder's.
    Provider(CredentialsCache),
}

impl CredentialsSource {
    fn fixed(credentials: Credentials) -> Self {
        CredentialsSource::Static {
            signing: credentials.clone().into(),
            credentials,
        }
    }
}

impl HttpConfig {
    /// The credentials when they are static: given to the builder, or static keys from
    /// the environment or the profile. `None` when a provider is asked at each call (the
    /// credential chain's other sources, or the builder's `credentials_provider`).
    pub fn credentials(&self) -> Option<&Credentials> {
        match &self.credentials {
            CredentialsSource::Static { credentials, .. } => Some(credentials),
            CredentialsSource::Provider(_) => None,
        }
    }

    /// The credentials to sign with now: the static ones, or the provider's (cached, and
    /// fetched again shortly before they expire).
    pub(crate) async fn current_credentials(&self) -> Result<AwsCredentials, TransportError> {
        match &self.credentials {
            CredentialsSource::Static { signing, .. } => Ok(signing.clone()),
            CredentialsSource::Provider(cache) => cache.credentials().await.map_err(|e| {
                TransportError::new(TransportErrorKind::Request, credentials::error_text(&e))
                    .with_source(e)
            }),
        }
    }

    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The shared-config profile that was read.
    pub fn profile(&self) -> &str {
        &self.profile
    }

    pub fn retry(&self) -> RetryConfig {
        self.retry
    }

    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    pub fn attempt_timeout(&self) -> Duration {
        self.attempt_timeout
    }

    /// Whether S3 buckets always stay in the path (`https://s3.<region>.amazonaws.com/<bucket>`).
    pub fn force_path_style(&self) -> bool {
        self.force_path_style
    }

    /// The endpoint a call to `service` goes to (`None` without a protocol or region).
    pub fn endpoint_for(&self, service: &crate::ServiceMeta) -> Option<String> {
        let (_, endpoint_prefix) = names(service.protocol?);
        Some(
            self.endpoints
                .resolve(service.name, endpoint_prefix, self.region.as_deref()?),
        )
    }
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpTransport")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// Builds an [`HttpTransport`]; anything not set explicitly is resolved from the environment
/// and the shared config files at [`build`](Self::build).
#[derive(Default)]
pub struct HttpTransportBuilder {
    credentials: Option<Credentials>,
    credentials_provider: Option<Arc<dyn ProvideCredentials>>,
    refresh_window: Option<Duration>,
    region: Option<String>,
    endpoint_url: Option<String>,
    profile: Option<String>,
    env: Option<Env>,
    retry: RetryConfig,
    connect_timeout: Option<Duration>,
    attempt_timeout: Option<Duration>,
    force_path_style: Option<bool>,
}

impl fmt::Debug for HttpTransportBuilder {
    // The environment snapshot may hold secrets: only its presence is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpTransportBuilder")
            .field("credentials", &self.credentials)
            .field("credentials_provider", &self.credentials_provider)
            .field("refresh_window", &self.refresh_window)
            .field("region", &self.region)
            .field("endpoint_url", &self.endpoint_url)
            .field("profile", &self.profile)
            .field("custom_env", &self.env.is_some())
            .field("retry", &self.retry)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("force_path_style", &self.force_path_style)
            .finish()
    }
}

/// The AWS SDKs' default connect timeout.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);
const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(60);

impl HttpTransportBuilder {
    /// Signs with these credentials, whatever the environment says (wins over
    /// [`credentials_provider`](Self::credentials_provider)).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Asks this provider for credentials instead of the default chain: any
    /// [`ProvideCredentials`], `aws-config`'s chain for one
    /// (`aws_config::default_provider::credentials::DefaultCredentialsChain`). Its answers
    /// are cached until shortly before they expire ([`CredentialsCache`]).
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials_provider = Some(Arc::new(provider));
        self
    }

    /// How long before expiry cached credentials are fetched again (default 5 minutes).
    pub fn credentials_refresh_window(mut self, window: Duration) -> Self {
        self.refresh_window = Some(window);
        self
    }

    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends every service's calls to this endpoint (`http://127.0.0.1:5000`).
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// The shared-config profile to read instead of `AWS_PROFILE`/`default`. Its
    /// credentials then win over `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (as with
    /// boto3's `Session(profile_name=…)`), and it must exist.
    pub fn profile(mut self, profile: impl Into<String>) -> Self {
        self.profile = Some(profile.into());
        self
    }

    /// Resolves from these variables instead of the process environment (also for `HOME`
    /// and the config file paths); an empty list ignores the environment and the files.
    pub fn env_vars<K: Into<String>, V: Into<String>>(
        mut self,
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.env = Some(Env::from_vars(
            vars.into_iter().map(|(k, v)| (k.into(), v.into())),
        ));
        self
    }

    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Attempts in all, the first included (default 3).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.retry.max_attempts = attempts.max(1);
        self
    }

    /// The backoff's first cap and its ceiling (defaults 1 s and 20 s).
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.initial_backoff = initial;
        self.retry.max_backoff = max;
        self
    }

    /// How long establishing a connection may take (default 3.1 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one attempt may take, from sending to the end of the body (default 60 s).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// S3: keeps the bucket in the path (`https://s3.<region>.amazonaws.com/<bucket>/<key>`)
    /// instead of the host (`https://<bucket>.s3.<region>.amazonaws.com/<key>`), for
    /// S3-compatible servers that only route by path. Buckets whose names are not DNS labels,
    /// and endpoints on an IP address or `localhost`, use path style anyway.
    pub fn force_path_style(mut self, force: bool) -> Self {
        self.force_path_style = Some(force);
        self
    }

    /// Resolves the configuration and creates the HTTP client. Fails only on an invalid
    /// explicit endpoint or when the TLS client cannot be created; missing credentials or
    /// region fail the first call instead.
    pub fn build(self) -> Result<HttpTransport, TransportError> {
        let env = self.env.unwrap_or_else(Env::process);
        let skip_environment = self.profile.is_some();
        let profile_explicit = self.profile.is_some()
            || env.get("AWS_PROFILE").or_else(|| env.get("AWS_DEFAULT_PROFILE")).is_some();
        let profile_name = self.profile.unwrap_or_else(|| config::profile_name(&env));
        let files = Arc::new(ProfileFiles::load(&env));
        let profile = files.profile(&profile_name);
        let region = self.region.or_else(|| config::region_from(&env, &profile));
        let mut endpoints = EndpointOverrides::from_env(&env, &profile);
        if let Some(url) = self.endpoint_url {
            endpoints.explicit = Some(endpoint_base(&url)?);
        }
        let force_path_style = self
            .force_path_style
            .unwrap_or_else(|| config::force_path_style_from(&env, &profile));
        let connect_timeout = self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT);
        let attempt_timeout = self.attempt_timeout.unwrap_or(DEFAULT_ATTEMPT_TIMEOUT);
        let client = tls::client_builder()?
            .connect_timeout(connect_timeout)
            // AWS APIs answer, they don't redirect; a 3xx is reported as an error.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("awsdoc-runtime/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| {
                TransportError::new(TransportErrorKind::Other, "cannot create the HTTP client")
                    .with_source(e)
            })?;
        let refresh_window = self
            .refresh_window
            .unwrap_or(credentials::DEFAULT_REFRESH_WINDOW);
        let credentials = match (self.credentials, self.credentials_provider) {
            (Some(credentials), _) => CredentialsSource::fixed(credentials),
            (None, Some(provider)) => {
                CredentialsSource::Provider(CredentialsCache::from_shared(provider, refresh_window))
            }
            (None, None) => {
                let context = Context {
                    env,
                    files,
                    profile: profile_name.clone(),
                    profile_explicit,
                    skip_environment,
                    region: region.clone(),
                    // STS and the SSO portal follow the environment's and the profile's
                    // endpoint overrides, not the builder's (as with aws-config): the
                    // builder's endpoint is where the service calls go.
                    endpoints: EndpointOverrides {
                        explicit: None,
                        ..endpoints.clone()
                    },
                    client: client.clone(),
                    attempt_timeout,
                    retry: self.retry,
                };
                match credentials::static_credentials(&context) {
                    Some(credentials) => CredentialsSource::fixed(credentials),
                    None => CredentialsSource::Provider(CredentialsCache::from_shared(
                        Arc::new(credentials::Chain::new(context)),
                        refresh_window,
                    )),
                }
            }
        };
        let config = HttpConfig {
            credentials,
            region,
            profile: profile_name,
            endpoints,
            retry: self.retry,
            connect_timeout,
            attempt_timeout,
            force_path_style,
        };
        Ok(HttpTransport { client, config })
    }
}

/// Checks an endpoint and drops its trailing `/`, so that request paths append to it.
fn endpoint_base(url: &str) -> Result<String, TransportError> {
    let invalid = |why: &str| {
        TransportError::new(
            TransportErrorKind::Request,
            format!("invalid endpoint URL `{url}`: {why}"),
        )
    };
    let parsed = reqwest::Url::parse(url).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if parsed.host_str().is_none() {
        return Err(invalid("no host"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(invalid("an endpoint has no query or fragment"));
    }
    Ok(parsed.as_str().trim_end_matches('/').to_string())
}

fn names(protocol: Protocol) -> (&'static str, &'static str) {
    (protocol.signing_name(), protocol.endpoint_prefix())
}

impl HttpTransport {
    pub fn builder() -> HttpTransportBuilder {
        HttpTransportBuilder::default()
    }

    /// A transport configured from the environment and the shared config files only;
    /// credentials come from the default chain ([`DefaultCredentialsChain`]).
    pub fn from_env() -> Result<HttpTransport, TransportError> {
        HttpTransport::builder().build()
    }

    pub fn config(&self) -> &HttpConfig {
        &self.config
    }

    async fn call_with_retries(&self, request: OperationRequest) -> Result<Value, CallError> {
        let protocol = protocol::protocol_of(&request)?;
        let wire = protocol::lay_out(&request)?;
        let (signing_name, endpoint_prefix) = names(protocol);
        let region = self.config.region.as_deref().ok_or_else(|| {
            TransportError::new(
                TransportErrorKind::Request,
                format!(
                    "no AWS region: set AWS_REGION or AWS_DEFAULT_REGION, `region` in profile `{}`, or the builder's region()",
                    self.config.profile
                ),
            )
        })?;
        let endpoint = self
            .config
            .endpoints
            .resolve(request.service.name, endpoint_prefix, region);
        let url = s3::request_url(
            &endpoint_base(&endpoint)?,
            &wire,
            self.config.force_path_style,
        )?;
        let retry = self.config.retry;
        let mut attempt = 1;
        loop {
            let span = tracing::debug_span!("attempt", attempt, status = Empty, request_id = Empty);
            let result = async {
                // Asked per attempt: a long backoff may outlast the cached credentials.
                let credentials = self.config.current_credentials().await.map_err(|e| Attempted {
                    error: e.into(),
                    retryable: false,
                })?;
                let target = Target {
                    credentials: &credentials,
                    region,
                    signing_name,
                    url: &url,
                };
                self.attempt(&request, &wire, &target).await
            }
            .instrument(span)
            .await;
            match result {
                Err(failed) if failed.retryable && attempt < retry.max_attempts => {
                    let delay = retry.backoff(attempt);
                    tracing::debug!(attempt, ?delay, error = %DisplayCallError(&failed.error), "retrying");
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                result => {
                    tracing::Span::current().record("attempts", attempt);
                    if let Err(failed) = &result {
                        tracing::debug!(attempt, error = %DisplayCallError(&failed.error), "call failed");
                    }
                    return result.map_err(|failed| failed.error);
                }
            }
        }
    }

    async fn attempt(
        &self,
        request: &OperationRequest,
        wire: &WireRequest,
        target: &Target<'_>,
    ) -> Result<Value, Attempted> {
        let fatal = |error: TransportError| Attempted {
            error: error.into(),
            retryable: false,
        };
        let signed = sign_request(wire, target, SystemTime::now()).map_err(fatal)?;
        let headers = header_map(wire, &signed).map_err(fatal)?;
        let method = reqwest::Method::from_bytes(wire.method.as_bytes()).map_err(|e| {
            fatal(
                TransportError::new(
                    TransportErrorKind::Request,
                    format!("invalid HTTP method {}", wire.method),
                )
                .with_source(e),
            )
        })?;
        let send = async {
            let response = self
                .client
                .request(method, target.url)
                .headers(headers)
                .body(wire.body.clone())
                .send()
                .await?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response.bytes().await?;
            Ok::<_, reqwest::Error>((status, headers, body))
        };
        let (status, headers, body) =
            match tokio::time::timeout(self.config.attempt_timeout, send).await {
                Err(_) => {
                    return Err(Attempted {
                        error: TransportError::new(
                            TransportErrorKind::Timeout,
                            format!(
                                "no complete response within {:?}",
                                self.config.attempt_timeout
                            ),
                        )
                        .into(),
                        retryable: true,
                    })
                }
                Ok(Err(e)) => {
                    let error = transport_error(e);
                    let retryable = retry::is_retryable_transport_error(error.kind);
                    return Err(Attempted {
                        error: error.into(),
                        retryable,
                    });
                }
                Ok(Ok(response)) => response,
            };
        let span = tracing::Span::current();
        span.record("status", status);
        if let Some(id) = headers
            .get("x-amzn-requestid")
            .or_else(|| headers.get("x-amz-request-id"))
        {
            span.record(
                "request_id",
                String::from_utf8_lossy(id.as_bytes()).as_ref(),
            );
        }
        protocol::decode_response(request, status, &headers, &body).map_err(|failure| {
            match failure {
                Failure::Service(error) => {
                    let retryable = retry::is_retryable_service_error(&error);
                    Attempted {
                        error: error.into(),
                        retryable,
                    }
                }
                // An undecodable body is worth retrying only when the status says "try again".
                Failure::Transport(error) => Attempted {
                    error: error.into(),
                    retryable: retry::is_retryable_status(status),
                },
            }
        })
    }
}

impl Transport for HttpTransport {
    fn call(&self, request: OperationRequest) -> BoxFuture<'_, Result<Value, CallError>> {
        let span = tracing::info_span!(
            "aws_call",
            service = request.service.name,
            operation = request.operation,
            attempts = Empty
        );
        Box::pin(self.call_with_retries(request).instrument(span))
    }
}

/// Where and as whom one call is sent.
struct Target<'a> {
    credentials: &'a AwsCredentials,
    region: &'a str,
    signing_name: &'a str,
    url: &'a str,
}

/// A failed attempt and whether another one may succeed.
struct Attempted {
    error: CallError,
    retryable: bool,
}

struct DisplayCallError<'a>(&'a CallError);

impl fmt::Display for DisplayCallError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            CallError::Service(e) => write!(f, "{e}"),
            CallError::Transport(e) => write!(f, "{e}"),
        }
    }
}

fn transport_error(error: reqwest::Error) -> TransportError {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_builder() {
        TransportErrorKind::Request
    } else {
        // Refused, reset or closed connections, and responses that are not HTTP.
        TransportErrorKind::Connection
    };
    let message = match kind {
        TransportErrorKind::Timeout => "the connection timed out",
        TransportErrorKind::Request => "the request could not be built",
        _ => "the connection failed",
    };
    TransportError::new(kind, message).with_source(error)
}

/// One header the signer adds: name, value, and whether it is secret.
type SignedHeader = (&'static str, String, bool);

/// The SigV4 headers (`Authorization`, `X-Amz-Date`, `X-Amz-Security-Token`) for a request.
fn sign_request(
    wire: &WireRequest,
    target: &Target<'_>,
    time: SystemTime,
) -> Result<Vec<SignedHeader>, TransportError> {
    let failed = |what: &str, e: &dyn std::error::Error| {
        TransportError::new(
            TransportErrorKind::Request,
            format!("cannot sign the request: {what}: {e}"),
        )
    };
    let identity = target.credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(target.region)
        .name(target.signing_name)
        .time(time)
        .settings(signing_settings(target.signing_name))
        .build()
        .map_err(|e| failed("parameters", &e))?
        .into();
    let signable = SignableRequest::new(
        wire.method,
        target.url,
        wire.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(&wire.body),
    )
    .map_err(|e| failed("request", &e))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| failed("signer", &e))?
        .into_parts();
    let (headers, _query) = instructions.into_parts();
    Ok(headers
        .into_iter()
        .map(|h| {
            let secret = h.sensitive() || h.name().eq_ignore_ascii_case("authorization");
            (h.name(), h.value().to_string(), secret)
        })
        .collect())
}

/// SigV4's settings: S3 signs the path as sent (no second encoding, no normalisation of
/// `.`/`..` or `//` in keys) and requires the `x-amz-content-sha256` header.
pub(crate) fn signing_settings(signing_name: &str) -> SigningSettings {
    let mut settings = SigningSettings::default();
    if signing_name == "s3" {
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    }
    settings
}

fn header_map(wire: &WireRequest, signed: &[SignedHeader]) -> Result<HeaderMap, TransportError> {
    let mut map = HeaderMap::new();
    let unsigned = wire
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str(), false));
    let signed = signed
        .iter()
        .map(|(k, v, secret)| (*k, v.as_str(), *secret));
    for (name, value, secret) in unsigned.chain(signed) {
        let invalid = |what: &str| {
            TransportError::new(
                TransportErrorKind::Request,
                format!("header {name}: invalid {what}"),
            )
        };
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("name"))?;
        let mut value = HeaderValue::from_str(value)
            .map_err(|_| invalid("value (headers must be visible ASCII)"))?;
        // Keeps the signature and session token out of the client's own Debug output.
        value.set_sensitive(secret);
        map.append(name, value);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_base_validates_and_trims() {
        assert_eq!(
            endpoint_base("http://127.0.0.1:5000/").unwrap(),
            "http://127.0.0.1:5000"
        );
        assert_eq!(
            endpoint_base("https://example.com/prefix/").unwrap(),
            "https://example.com/prefix"
        );
        for bad in ["ftp://x", "not a url", "http://x/?q=1"] {
            assert_eq!(
                endpoint_base(bad).unwrap_err().kind,
                TransportErrorKind::Request,
                "{bad}"
            );
        }
    }

    #[test]
    fn builder_with_explicit_values_ignores_environment() {
        let transport = HttpTransport::builder()
            .env_vars([
                ("AWS_REGION", "eu-central-1"),
                ("AWS_ACCESS_KEY_ID", "ENVKEY"),
                ("AWS_SECRET_ACCESS_KEY", "x"),
            ])
            .credentials(Credentials::new(
                "AKID",
                "secret-value-123",
                Some("token-value-456".into()),
            ))
            .region("us-west-2")
            .endpoint_url("http://localhost:4566/")
            .build()
            .unwrap();
        let config = transport.config();
        assert_eq!(config.credentials().unwrap().access_key_id(), "AKID");
        assert_eq!(config.region(), Some("us-west-2"));
        static META: crate::ServiceMeta = crate::ServiceMeta {
            name: "backup",
            api_version: "2018-11-15",
            protocol: Some(Protocol::RestJson {
                signing_name: "backup",
                endpoint_prefix: "backup",
            }),
        };
        assert_eq!(
            config.endpoint_for(&META).as_deref(),
            Some("http://localhost:4566")
        );
        let debug = format!(
            "{transport:?} {:?}",
            HttpTransport::builder().credentials(Credentials::new("A", "secret-value-123", None))
        );
        assert!(
            !debug.contains("secret-value-123") && !debug.contains("token-value-456"),
            "{debug}"
        );
    }

    #[test]
    fn path_style_from_builder_environment_or_profile() {
        let build = |vars: &[(&str, &str)]| {
            HttpTransport::builder()
                .env_vars(vars.iter().copied())
                .build()
                .unwrap()
        };
        assert!(!build(&[]).config().force_path_style());
        assert!(build(&[("AWS_S3_FORCE_PATH_STYLE", "TRUE")])
            .config()
            .force_path_style());
        assert!(!build(&[("AWS_S3_FORCE_PATH_STYLE", "no")])
            .config()
            .force_path_style());
        let explicit = HttpTransport::builder()
            .env_vars([("AWS_S3_FORCE_PATH_STYLE", "true")])
            .force_path_style(false)
            .build()
            .unwrap();
        assert!(!explicit.config().force_path_style());

        let dir = config::TempDir::new("path-style");
        let file = dir.write("config", "[default]\ns3_force_path_style = true\n");
        let from_profile = build(&[("AWS_CONFIG_FILE", &config::path_str(&file))]);
        assert!(from_profile.config().force_path_style());
    }

    #[test]
    fn s3_signs_without_double_encoding_and_with_the_payload_hash() {
        let s3 = signing_settings("s3");
        assert_eq!(s3.percent_encoding_mode, PercentEncodingMode::Single);
        assert_eq!(
            s3.uri_path_normalization_mode,
            UriPathNormalizationMode::Disabled
        );
        assert_eq!(s3.payload_checksum_kind, PayloadChecksumKind::XAmzSha256);
        assert_eq!(signing_settings("sns"), SigningSettings::default());
    }

    #[test]
    fn region_and_credentials_from_the_given_environment() {
        let transport = HttpTransport::builder()
            .env_vars([
                ("AWS_DEFAULT_REGION", "ap-northeast-1"),
                ("AWS_ACCESS_KEY_ID", "ENVKEY"),
                ("AWS_SECRET_ACCESS_KEY", "x"),
            ])
            .build()
            .unwrap();
        assert_eq!(transport.config().region(), Some("ap-northeast-1"));
        assert_eq!(
            transport.config().credentials().unwrap().access_key_id(),
            "ENVKEY"
        );
        let empty = HttpTransport::builder()
            .env_vars(Vec::<(String, String)>::new())
            .build()
            .unwrap();
        assert!(empty.config().credentials().is_none());
        assert_eq!(empty.config().profile(), "default");
    }
}
