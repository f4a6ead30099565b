//! The default chain: environment, web identity, profile, container, IMDS, in the order of
//! the AWS SDKs. A link that is not configured steps aside (and says why, for the final
//! error); the first that is configured answers, with credentials or its error.

use std::fmt;
use std::sync::Arc;

use aws_credential_types::provider::{future, ProvideCredentials};

use super::container::ContainerProvider;
use super::environment::EnvironmentProvider;
use super::imds::ImdsProvider;
use super::profile::ProfileProvider;
use super::web_identity::WebIdentityProvider;
use super::{error_text, is_not_loaded, not_loaded, AwsCredentials, Context, CredentialsError};
use crate::http::config::{self, EndpointOverrides, Env, ProfileFiles};
use crate::http::{RetryConfig, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT};
use crate::TransportError;

/// The AWS SDKs' default credential chain (see [the module](super) for its links).
///
/// [`HttpTransport`](crate::http::HttpTransport) uses it (behind a
/// [`CredentialsCache`](super::CredentialsCache)) when the builder is given no credentials;
/// it is public so that it can be used elsewhere, as a [`ProvideCredentials`].
pub struct DefaultCredentialsChain {
    links: Vec<(&'static str, Arc<dyn ProvideCredentials>)>,
    profile: String,
}

/// Shows the links and the profile, never a credential.
impl fmt::Debug for DefaultCredentialsChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DefaultCredentialsChain")
            .field("links", &self.links.iter().map(|(name, _)| *name).collect::<Vec<_>>())
            .field("profile", &self.profile)
            .finish()
    }
}

/// The chain as the transport builds it.
pub(crate) type Chain = DefaultCredentialsChain;

impl DefaultCredentialsChain {
    /// The chain over the process's environment and shared files (`AWS_PROFILE`, region
    /// and endpoint overrides from the environment and the profile, as the transport
    /// reads them).
    pub fn from_env() -> Result<Self, TransportError> {
        let env = Env::process();
        let explicit = env.get("AWS_PROFILE").or_else(|| env.get("AWS_DEFAULT_PROFILE")).is_some();
        let profile = config::profile_name(&env);
        let files = Arc::new(ProfileFiles::load(&env));
        let selected = files.profile(&profile);
        let client = crate::http::tls::client_builder()?
            .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| {
                TransportError::new(crate::TransportErrorKind::Other, "cannot create the HTTP client")
                    .with_source(e)
            })?;
        Ok(Self::new(Context {
            region: config::region_from(&env, &selected),
            endpoints: EndpointOverrides::from_env(&env, &selected),
            env,
            files,
            profile,
            profile_explicit: explicit,
            skip_environment: false,
            client,
            attempt_timeout: DEFAULT_ATTEMPT_TIMEOUT,
            retry: RetryConfig::default(),
        }))
    }

    pub(crate) fn new(context: Context) -> Self {
        let selected = context.files.profile(&context.profile);
        let mut links: Vec<(&'static str, Arc<dyn ProvideCredentials>)> = vec![
            (
                super::environment::NAME,
                Arc::new(EnvironmentProvider::new(context.env.clone())),
            ),
            (
                super::web_identity::NAME,
                Arc::new(WebIdentityProvider::new(context.clone())),
            ),
            (
                super::profile::NAME,
                Arc::new(ProfileProvider::new(context.clone())),
            ),
            (
                super::container::NAME,
                Arc::new(ContainerProvider::new(context.env.clone())),
            ),
            (
                super::imds::NAME,
                Arc::new(ImdsProvider::new(context.env.clone(), &selected)),
            ),
        ];
        if context.skip_environment {
            links.remove(0);
        }
        DefaultCredentialsChain {
            links,
            profile: context.profile,
        }
    }

    /// Asks each link in turn.
    pub async fn credentials(&self) -> Result<AwsCredentials, CredentialsError> {
        let mut skipped = Vec::new();
        for (name, link) in &self.links {
            match link.provide_credentials().await {
                Ok(credentials) => {
                    tracing::debug!(provider = name, "credentials found");
                    return Ok(credentials);
                }
                Err(e) if is_not_loaded(&e) => {
                    let why = error_text(&e);
                    tracing::debug!(provider = name, reason = %why, "credential source not configured");
                    skipped.push(why);
                }
                Err(e) => return Err(e),
            }
        }
        Err(not_loaded(
            "credentials",
            format!(
                "no AWS credentials found, looked at: {}",
                skipped.join("; ")
            ),
        ))
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.credentials())
    }
}
