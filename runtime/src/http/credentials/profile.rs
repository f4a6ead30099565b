//! Credentials from a shared-config profile, as the CLI resolves them.
//!
//! A profile's own source, first match wins: `role_arn` + `web_identity_token_file`
//! (web identity), `sso_session`/`sso_start_url` (SSO), `credential_process`, static keys
//! (`aws_access_key_id`/`aws_secret_access_key`/`aws_session_token`). A profile with
//! `role_arn` is assumed (STS `AssumeRole`, signed with the source's credentials) on top of
//! its `source_profile` (which may itself assume a role: chains are followed, cycles are an
//! error) or its `credential_source` (`Environment`, `Ec2InstanceMetadata`, `EcsContainer`).
//! A source profile's static keys win over its own `role_arn` (the SDKs' rule, which lets
//! a profile name itself as `source_profile`). Also read: `role_session_name`,
//! `external_id`, `duration_seconds`.

use aws_credential_types::provider::{future, ProvideCredentials};

use super::container::ContainerProvider;
use super::environment::EnvironmentProvider;
use super::imds::ImdsProvider;
use super::sso::SsoConfig;
use super::sts::{self, RoleRequest};
use super::web_identity::WebIdentity;
use super::{
    credentials, default_session_name, error_text, failed, invalid, is_not_loaded, not_loaded,
    process, AwsCredentials, Context, CredentialsError,
};
use crate::http::config::{profile_static_keys, Profile, ProfileFiles};

pub(crate) const NAME: &str = "profile";

/// Where the first credentials of a profile chain come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Base {
    /// A profile's static keys (the profile's name; the keys are read at fetch).
    Static(String),
    /// `credential_process`: the profile and the command.
    Process(String, String),
    Sso(SsoConfig),
    WebIdentity(WebIdentity),
    /// `credential_source`: the profile and the source.
    Source(String, CredentialSource),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CredentialSource {
    Environment,
    Ec2InstanceMetadata,
    EcsContainer,
}

/// A role to assume on top of the credentials before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoleStep {
    pub(crate) profile: String,
    pub(crate) role_arn: String,
    pub(crate) session_name: Option<String>,
    pub(crate) external_id: Option<String>,
    pub(crate) duration_seconds: Option<u32>,
}

/// How a profile's credentials are made: the base, then each role in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    pub(crate) base: Base,
    pub(crate) roles: Vec<RoleStep>,
}

/// Follows `source_profile` from `start`. `Err(not loaded)` when `start` has nothing to
/// make credentials from (the chain goes on); any other problem is an error.
pub(crate) fn plan(files: &ProfileFiles, start: &str) -> Result<Plan, CredentialsError> {
    let mut visited: Vec<String> = Vec::new();
    let mut roles = Vec::new();
    let mut name = start.to_string();
    let base = loop {
        if visited.contains(&name) {
            visited.push(name);
            return Err(invalid(
                NAME,
                format!("source_profile cycle: {}", visited.join(" -> ")),
            ));
        }
        let profile = files.profile(&name);
        if !profile.exists {
            // Only reached through a source_profile: the start was checked by the caller.
            return Err(invalid(
                NAME,
                format!(
                    "profile `{}` names source_profile `{name}`, which is in none of: {}",
                    visited.last().map(String::as_str).unwrap_or(start),
                    files.describe_files()
                ),
            ));
        }
        let is_source = !visited.is_empty();
        visited.push(name.clone());
        if is_source && profile_static_keys(&profile).is_some() {
            break Base::Static(name);
        }
        let Some(role_arn) = profile.get("role_arn") else {
            break match own_source(&profile, files)? {
                Some(base) => base,
                None if is_source => {
                    return Err(invalid(
                        NAME,
                        format!(
                            "source profile `{name}` has no credentials (static keys, credential_process, sso_session or role_arn)"
                        ),
                    ))
                }
                None => {
                    return Err(not_loaded(
                        NAME,
                        format!(
                            "profile `{name}` has no credentials (static keys, credential_process, sso_session or role_arn)"
                        ),
                    ))
                }
            };
        };
        if let Some(file) = profile.get("web_identity_token_file") {
            break Base::WebIdentity(WebIdentity {
                token_file: file.into(),
                role_arn: role_arn.to_string(),
                session_name: profile.get("role_session_name").map(str::to_string),
                source: "web_identity_token_file",
            });
        }
        if profile.get("mfa_serial").is_some() {
            return Err(invalid(
                NAME,
                format!(
                    "profile `{name}` needs an MFA code (mfa_serial), which this client cannot ask for; \
                     use credential_process or IAM Identity Center (sso_session) instead"
                ),
            ));
        }
        roles.push(RoleStep {
            profile: name.clone(),
            role_arn: role_arn.to_string(),
            session_name: profile.get("role_session_name").map(str::to_string),
            external_id: profile.get("external_id").map(str::to_string),
            duration_seconds: match profile.get("duration_seconds") {
                None => None,
                Some(text) => Some(text.parse().map_err(|_| {
                    invalid(
                        NAME,
                        format!("profile `{name}`: duration_seconds must be a number of seconds, got `{text}`"),
                    )
                })?),
            },
        });
        match (profile.get("source_profile"), profile.get("credential_source")) {
            (Some(_), Some(_)) => {
                return Err(invalid(
                    NAME,
                    format!("profile `{name}` has both source_profile and credential_source; keep one"),
                ))
            }
            (Some(source), None) => {
                // A profile that names itself uses its own static keys.
                if source == name {
                    if profile_static_keys(&profile).is_none() {
                        return Err(invalid(
                            NAME,
                            format!("profile `{name}` is its own source_profile but has no static keys"),
                        ));
                    }
                    break Base::Static(name);
                }
                name = source.to_string();
            }
            (None, Some(source)) => {
                let source = match source {
                    s if s.eq_ignore_ascii_case("Environment") => CredentialSource::Environment,
                    s if s.eq_ignore_ascii_case("Ec2InstanceMetadata") => {
                        CredentialSource::Ec2InstanceMetadata
                    }
                    s if s.eq_ignore_ascii_case("EcsContainer") => CredentialSource::EcsContainer,
                    other => {
                        return Err(invalid(
                            NAME,
                            format!(
                                "profile `{name}`: credential_source `{other}` is not Environment, Ec2InstanceMetadata or EcsContainer"
                            ),
                        ))
                    }
                };
                break Base::Source(name, source);
            }
            (None, None) => {
                return Err(invalid(
                    NAME,
                    format!(
                        "profile `{name}` has role_arn but neither source_profile, credential_source nor web_identity_token_file"
                    ),
                ))
            }
        }
    };
    roles.reverse();
    Ok(Plan { base, roles })
}

/// A profile's own source (without roles): SSO, process, static keys.
fn own_source(profile: &Profile, files: &ProfileFiles) -> Result<Option<Base>, CredentialsError> {
    if let Some(sso) = SsoConfig::from_profile(profile, files)? {
        return Ok(Some(Base::Sso(sso)));
    }
    if let Some(command) = profile.get("credential_process") {
        return Ok(Some(Base::Process(profile.name.clone(), command.to_string())));
    }
    if profile_static_keys(profile).is_some() {
        return Ok(Some(Base::Static(profile.name.clone())));
    }
    Ok(None)
}

/// The chain's profile link.
pub(crate) struct ProfileProvider {
    context: Context,
}

impl std::fmt::Debug for ProfileProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileProvider")
            .field("profile", &self.context.profile)
            .finish()
    }
}

impl ProfileProvider {
    pub(crate) fn new(context: Context) -> Self {
        ProfileProvider { context }
    }

    /// The selected profile's plan, or why it has none.
    pub(crate) fn plan(&self) -> Result<Plan, CredentialsError> {
        let context = &self.context;
        let name = &context.profile;
        if !context.files.profile(name).exists {
            let message = format!(
                "profile `{name}` is in none of: {}",
                context.files.describe_files()
            );
            // A profile asked for by name must exist; the implicit `default` may not.
            return Err(if context.profile_explicit {
                invalid(NAME, message)
            } else {
                not_loaded(NAME, message)
            });
        }
        plan(&context.files, name)
    }

    pub(crate) async fn load(&self) -> Result<AwsCredentials, CredentialsError> {
        let plan = self.plan()?;
        let context = &self.context;
        // The profile is configured: a source that is "not there" is now a failure.
        let configured = |profile: &str, e: CredentialsError| {
            if is_not_loaded(&e) {
                failed(NAME, format!("profile `{profile}`: {}", error_text(&e)))
            } else {
                e
            }
        };
        let mut credentials = match &plan.base {
            Base::Static(name) => {
                let keys = profile_static_keys(&context.files.profile(name))
                    .ok_or_else(|| failed(NAME, format!("profile `{name}` lost its keys")))?;
                static_credentials(keys)
            }
            Base::Process(name, command) => process::run(command, name).await?,
            Base::Sso(sso) => sso.fetch(context).await?,
            Base::WebIdentity(web) => web.fetch(context).await?,
            Base::Source(name, CredentialSource::Environment) => {
                EnvironmentProvider::new(context.env.clone())
                    .load()
                    .map_err(|e| configured(name, e))?
            }
            Base::Source(name, CredentialSource::Ec2InstanceMetadata) => {
                ImdsProvider::new(context.env.clone(), &context.files.profile(name))
                    .load()
                    .await
                    .map_err(|e| configured(name, e))?
            }
            Base::Source(name, CredentialSource::EcsContainer) => {
                ContainerProvider::new(context.env.clone())
                    .load()
                    .await
                    .map_err(|e| configured(name, e))?
            }
        };
        for step in &plan.roles {
            let request = RoleRequest {
                role_arn: step.role_arn.clone(),
                session_name: step
                    .session_name
                    .clone()
                    .unwrap_or_else(default_session_name),
                external_id: step.external_id.clone(),
                duration_seconds: step.duration_seconds,
            };
            credentials = sts::assume_role(context, NAME, &credentials, &request)
                .await
                .map_err(|e| {
                    failed(NAME, format!("profile `{}`: {}", step.profile, error_text(&e)))
                })?;
        }
        Ok(credentials)
    }
}

fn static_credentials(keys: crate::Credentials) -> AwsCredentials {
    credentials(
        NAME,
        keys.access_key_id().to_string(),
        keys.secret_access_key().to_string(),
        keys.session_token().map(str::to_string),
        None,
    )
}

impl ProvideCredentials for ProfileProvider {
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
    use crate::http::config::{path_str, Env, TempDir};

    const CONFIG: &str = "\
[profile static]
aws_access_key_id = AKIDSTATIC
aws_secret_access_key = s3cr3t

[profile role]
role_arn = arn:aws:iam::123456789012:role/one
source_profile = static
role_session_name = sess
external_id = ext
duration_seconds = 900

[profile chained]
role_arn = arn:aws:iam::123456789012:role/two
source_profile = role

[profile self]
role_arn = arn:aws:iam::123456789012:role/self
source_profile = self
aws_access_key_id = AKIDSELF
aws_secret_access_key = s

[profile keys-and-role]
role_arn = arn:aws:iam::123456789012:role/three
source_profile = both

[profile both]
role_arn = arn:aws:iam::123456789012:role/ignored
source_profile = static
aws_access_key_id = AKIDBOTH
aws_secret_access_key = s

[profile loop-a]
role_arn = arn:aws:iam::1:role/a
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::1:role/b
source_profile = loop-a

[profile env-source]
role_arn = arn:aws:iam::1:role/env
credential_source = Environment

[profile bad-source]
role_arn = arn:aws:iam::1:role/x
credential_source = Laptop

[profile orphan]
role_arn = arn:aws:iam::1:role/x

[profile dangling]
role_arn = arn:aws:iam::1:role/x
source_profile = nowhere

[profile web]
role_arn = arn:aws:iam::1:role/web
web_identity_token_file = /var/token

[profile proc]
credential_process = /usr/bin/helper --flag

[profile mfa]
role_arn = arn:aws:iam::1:role/x
source_profile = static
mfa_serial = arn:aws:iam::1:mfa/me

[profile empty]
region = us-east-1
";

    fn files() -> (TempDir, ProfileFiles) {
        let dir = TempDir::new("profile-plan");
        let config = dir.write("config", CONFIG);
        let env = Env::from_vars([("AWS_CONFIG_FILE".to_string(), path_str(&config))]);
        (dir, ProfileFiles::load(&env))
    }

    fn arns(plan: &Plan) -> Vec<&str> {
        plan.roles.iter().map(|r| r.role_arn.as_str()).collect()
    }

    #[test]
    fn plans_follow_source_profiles() {
        let (_dir, files) = files();
        let static_plan = plan(&files, "static").unwrap();
        assert_eq!(static_plan.base, Base::Static("static".into()));
        assert!(static_plan.roles.is_empty());

        let role = plan(&files, "role").unwrap();
        assert_eq!(role.base, Base::Static("static".into()));
        assert_eq!(
            role.roles,
            vec![RoleStep {
                profile: "role".into(),
                role_arn: "arn:aws:iam::123456789012:role/one".into(),
                session_name: Some("sess".into()),
                external_id: Some("ext".into()),
                duration_seconds: Some(900),
            }]
        );
        // The innermost role first.
        let chained = plan(&files, "chained").unwrap();
        assert_eq!(
            arns(&chained),
            ["arn:aws:iam::123456789012:role/one", "arn:aws:iam::123456789012:role/two"]
        );
        let own = plan(&files, "self").unwrap();
        assert_eq!(own.base, Base::Static("self".into()));
        assert_eq!(arns(&own), ["arn:aws:iam::123456789012:role/self"]);
        // A source profile's keys win over its role.
        let both = plan(&files, "keys-and-role").unwrap();
        assert_eq!(both.base, Base::Static("both".into()));
        assert_eq!(arns(&both), ["arn:aws:iam::123456789012:role/three"]);
        assert_eq!(
            plan(&files, "env-source").unwrap().base,
            Base::Source("env-source".into(), CredentialSource::Environment)
        );
        assert!(matches!(plan(&files, "web").unwrap().base, Base::WebIdentity(w) if w.role_arn.ends_with("/web")));
        assert_eq!(
            plan(&files, "proc").unwrap().base,
            Base::Process("proc".into(), "/usr/bin/helper --flag".into())
        );
    }

    #[test]
    fn broken_profiles_are_errors_that_say_why() {
        let (_dir, files) = files();
        for (profile, expected) in [
            ("loop-a", "source_profile cycle: loop-a -> loop-b -> loop-a"),
            ("bad-source", "credential_source `Laptop`"),
            ("orphan", "neither source_profile"),
            ("dangling", "source_profile `nowhere`, which is in none of"),
            ("mfa", "MFA"),
        ] {
            let error = plan(&files, profile).unwrap_err();
            assert!(!is_not_loaded(&error), "{profile}");
            let text = error_text(&error);
            assert!(text.contains(expected), "{profile}: {text}");
            assert!(text.starts_with("profile: "), "{text}");
        }
        // A profile without credentials lets the chain go on.
        assert!(is_not_loaded(&plan(&files, "empty").unwrap_err()));
    }
}
