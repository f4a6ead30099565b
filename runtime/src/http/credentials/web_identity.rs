//! Web identity (EKS "IAM roles for service accounts", GitHub Actions OIDC): a token file
//! and a role, exchanged at STS with the unsigned `AssumeRoleWithWebIdentity`.
//!
//! Configured by `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`),
//! or by a profile's `web_identity_token_file` + `role_arn` (+ `role_session_name`). The
//! token file is read at every fetch: EKS rotates it.

use std::path::PathBuf;

use aws_credential_types::provider::{future, ProvideCredentials};

use super::{
    default_session_name, not_loaded, read_secret_file, sts, AwsCredentials, Context,
    CredentialsError,
};

pub(crate) const NAME: &str = "web identity";

/// The token file, the role and the session name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WebIdentity {
    pub(crate) token_file: PathBuf,
    pub(crate) role_arn: String,
    pub(crate) session_name: Option<String>,
    /// Where the settings came from, for error messages.
    pub(crate) source: &'static str,
}

impl WebIdentity {
    /// Exchanges the token for credentials.
    pub(crate) async fn fetch(&self, context: &Context) -> Result<AwsCredentials, CredentialsError> {
        let token = read_secret_file(NAME, &self.token_file, self.source)?;
        let session_name = self
            .session_name
            .clone()
            .unwrap_or_else(default_session_name);
        sts::assume_role_with_web_identity(context, NAME, &self.role_arn, &session_name, &token)
            .await
    }
}

/// The chain's web identity link: from the environment variables only (a profile's
/// `web_identity_token_file` is the profile provider's).
pub(crate) struct WebIdentityProvider {
    context: Context,
}

impl std::fmt::Debug for WebIdentityProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebIdentityProvider")
    }
}

impl WebIdentityProvider {
    pub(crate) fn new(context: Context) -> Self {
        WebIdentityProvider { context }
    }

    /// The configuration from the environment, or why there is none.
    pub(crate) fn config(&self) -> Result<WebIdentity, CredentialsError> {
        let env = &self.context.env;
        match (env.get("AWS_WEB_IDENTITY_TOKEN_FILE"), env.get("AWS_ROLE_ARN")) {
            (Some(file), Some(role)) => Ok(WebIdentity {
                token_file: PathBuf::from(file),
                role_arn: role.to_string(),
                session_name: env.get("AWS_ROLE_SESSION_NAME").map(str::to_string),
                source: "AWS_WEB_IDENTITY_TOKEN_FILE",
            }),
            (Some(_), None) => Err(not_loaded(
                NAME,
                "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not",
            )),
            (None, Some(_)) => Err(not_loaded(
                NAME,
                "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not",
            )),
            (None, None) => Err(not_loaded(NAME, "AWS_WEB_IDENTITY_TOKEN_FILE is not set")),
        }
    }
}

impl ProvideCredentials for WebIdentityProvider {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move { self.config()?.fetch(&self.context).await })
    }
}
