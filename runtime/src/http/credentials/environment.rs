//! `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`: static keys, the
//! first link of the chain.

use aws_credential_types::provider::{future, ProvideCredentials};

use super::{credentials, not_loaded, AwsCredentials, CredentialsError};
use crate::http::config::Env;

pub(crate) const NAME: &str = "environment";

/// Static keys from the environment (the builder's `env_vars`, else the process's).
pub(crate) struct EnvironmentProvider {
    env: Env,
}

impl std::fmt::Debug for EnvironmentProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EnvironmentProvider")
    }
}

impl EnvironmentProvider {
    pub(crate) fn new(env: Env) -> Self {
        EnvironmentProvider { env }
    }

    pub(crate) fn load(&self) -> Result<AwsCredentials, CredentialsError> {
        let id = self.env.get("AWS_ACCESS_KEY_ID");
        let secret = self.env.get("AWS_SECRET_ACCESS_KEY");
        match (id, secret) {
            (Some(id), Some(secret)) => Ok(credentials(
                NAME,
                id.to_string(),
                secret.to_string(),
                self.env.get("AWS_SESSION_TOKEN").map(str::to_string),
                None,
            )),
            (Some(_), None) => Err(not_loaded(
                NAME,
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
            )),
            (None, Some(_)) => Err(not_loaded(
                NAME,
                "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
            )),
            (None, None) => Err(not_loaded(
                NAME,
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
            )),
        }
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(self.load())
    }
}
