//! IAM Identity Center (SSO): a profile's `sso_session` (or the legacy `sso_start_url`)
//! with `sso_account_id` and `sso_role_name`. `aws sso login` leaves an access token in
//! `~/.aws/sso/cache/<sha1 hex>.json` (the hash of the session name, or of the start URL
//! for legacy profiles); the portal's `GetRoleCredentials`
//! (`GET /federation/credentials?account_id=…&role_name=…` with the token in
//! `x-amz-sso_bearer_token`) turns it into role credentials.
//!
//! An `sso_session` profile's token is refreshed as the SDKs do: within 5 minutes of its
//! expiry, when the cache holds a `refreshToken` and a client registration
//! (`clientId`/`clientSecret`, not expired), SSO OIDC's `CreateToken` (`POST /token`,
//! `grantType` `refresh_token`, unsigned) gives a new one, written back to the cache file
//! (aside, then renamed) for the CLI and other processes. A refresh that fails while the old
//! token is still valid uses the old token; an expired token that cannot be refreshed, or a
//! missing one, is an error that says to run `aws sso login`. Legacy profiles
//! (`sso_start_url` only) have no registration and are never refreshed, as in the SDKs.
//!
//! The portal's endpoint follows `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL` and the
//! profile's `endpoint_url` (not the builder's), else
//! `https://portal.sso.<sso_region>.amazonaws.com`; OIDC's follows `AWS_ENDPOINT_URL_SSO_OIDC`
//! the same way, else `https://oidc.<sso_region>.amazonaws.com`.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue};
use sha1::{Digest, Sha1};

use super::{credentials, failed, invalid, parse_rfc3339, AwsCredentials, Context, CredentialsError};
use crate::http::config::{Env, Profile, ProfileFiles};
use crate::http::endpoint_base;

pub(crate) const NAME: &str = "SSO";

/// A profile's SSO settings, resolved against its `[sso-session]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SsoConfig {
    pub(crate) profile: String,
    /// `Some` for `sso_session` profiles, `None` for legacy ones.
    pub(crate) session: Option<String>,
    pub(crate) start_url: String,
    pub(crate) region: String,
    pub(crate) account_id: String,
    pub(crate) role_name: String,
}

impl SsoConfig {
    /// The profile's SSO settings; `Ok(None)` when it has none.
    pub(crate) fn from_profile(
        profile: &Profile,
        files: &ProfileFiles,
    ) -> Result<Option<SsoConfig>, CredentialsError> {
        let session = profile.get("sso_session");
        if session.is_none() && profile.get("sso_start_url").is_none() {
            return Ok(None);
        }
        let missing = |key: &str| {
            invalid(
                NAME,
                format!(
                    "profile `{}` uses SSO but has no `{key}` (looked in: {})",
                    profile.name,
                    files.describe_files()
                ),
            )
        };
        let (start_url, region) = match session {
            Some(name) => {
                let section = files.sso_session(name).ok_or_else(|| {
                    invalid(
                        NAME,
                        format!(
                            "profile `{}` names sso_session `{name}`, but there is no [sso-session {name}] section (looked in: {})",
                            profile.name,
                            files.describe_files()
                        ),
                    )
                })?;
                let get = |key: &str| {
                    section
                        .get(key)
                        .filter(|v| !v.is_empty())
                        .cloned()
                        .ok_or_else(|| {
                            invalid(
                                NAME,
                                format!("[sso-session {name}] has no `{key}`"),
                            )
                        })
                };
                let start_url = get("sso_start_url")?;
                let region = get("sso_region")?;
                // The profile may repeat them; they must then agree (the CLI checks too).
                for (key, value) in [("sso_start_url", &start_url), ("sso_region", &region)] {
                    if profile.get(key).is_some_and(|v| v != value.as_str()) {
                        return Err(invalid(
                            NAME,
                            format!(
                                "profile `{}` sets `{key}` differently from its [sso-session {name}]",
                                profile.name
                            ),
                        ));
                    }
                }
                (start_url, region)
            }
            None => (
                profile.get("sso_start_url").unwrap_or_default().to_string(),
                profile
                    .get("sso_region")
                    .ok_or_else(|| missing("sso_region"))?
                    .to_string(),
            ),
        };
        Ok(Some(SsoConfig {
            profile: profile.name.clone(),
            session: session.map(str::to_string),
            start_url,
            region,
            account_id: profile
                .get("sso_account_id")
                .ok_or_else(|| missing("sso_account_id"))?
                .to_string(),
            role_name: profile
                .get("sso_role_name")
                .ok_or_else(|| missing("sso_role_name"))?
                .to_string(),
        }))
    }

    /// `~/.aws/sso/cache/<sha1 hex of the session name or start URL>.json`.
    pub(crate) fn cache_file(&self, env: &Env) -> Option<PathBuf> {
        let key = self.session.as_deref().unwrap_or(&self.start_url);
        let hash = Sha1::digest(key.as_bytes());
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        Some(
            env.home()?
                .join(".aws")
                .join("sso")
                .join("cache")
                .join(format!("{hex}.json")),
        )
    }

    /// What to run to get a new token.
    fn login_hint(&self) -> String {
        match &self.session {
            Some(session) => format!("run `aws sso login --sso-session {session}`"),
            None => format!("run `aws sso login --profile {}`", self.profile),
        }
    }

    /// The cache file's token, as it is (see [`SsoConfig::access_token`] for its use).
    fn read_cache(&self, env: &Env) -> Result<CachedToken, CredentialsError> {
        let path = self.cache_file(env).ok_or_else(|| {
            failed(
                NAME,
                format!("cannot find the SSO token cache: HOME is not set; {}", self.login_hint()),
            )
        })?;
        let text = std::fs::read(&path).map_err(|e| {
            failed(
                NAME,
                format!(
                    "no SSO token for profile `{}` at {} ({e}); {}",
                    self.profile,
                    path.display(),
                    self.login_hint()
                ),
            )
        })?;
        let unreadable = |why: &str| {
            failed(
                NAME,
                format!(
                    "the SSO token cache {} {why}; expected JSON with `accessToken` and `expiresAt`; {}",
                    path.display(),
                    self.login_hint()
                ),
            )
        };
        let fields: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&text).map_err(|_| unreadable("is not a JSON object"))?;
        let text_of = |key: &str| fields.get(key).and_then(serde_json::Value::as_str).filter(|t| !t.is_empty());
        let token = text_of("accessToken").ok_or_else(|| unreadable("has no `accessToken`"))?.to_string();
        let expires_at = text_of("expiresAt").ok_or_else(|| unreadable("has no `expiresAt`"))?.to_string();
        let expiry = parse_rfc3339(&expires_at).map_err(|e| unreadable(&format!("has a bad `expiresAt` ({e})")))?;
        let registration_valid = text_of("registrationExpiresAt")
            .map(|at| parse_rfc3339(at).is_ok_and(|at| at > SystemTime::now()))
            .unwrap_or(true);
        let refresh = match (text_of("refreshToken"), text_of("clientId"), text_of("clientSecret")) {
            (Some(refresh_token), Some(client_id), Some(client_secret)) if registration_valid && self.session.is_some() => {
                Some(RefreshGrant {
                    refresh_token: refresh_token.to_string(),
                    client_id: client_id.to_string(),
                    client_secret: client_secret.to_string(),
                })
            }
            _ => None,
        };
        Ok(CachedToken { path, fields, token, expires_at, expiry, refresh })
    }

    /// A usable access token: the cached one, refreshed first when it is about to expire
    /// and the cache allows it.
    async fn access_token(&self, context: &Context) -> Result<String, CredentialsError> {
        let cached = self.read_cache(&context.env)?;
        let now = SystemTime::now();
        let expired = cached.expiry <= now;
        let due = cached.expiry <= now + TOKEN_REFRESH_WINDOW;
        if due {
            if let Some(grant) = &cached.refresh {
                match self.refresh(context, grant).await {
                    Ok(fresh) => {
                        // The token works whether or not the cache can be rewritten.
                        let _ = write_cache(&cached, &fresh);
                        return Ok(fresh.access_token);
                    }
                    Err(error) if expired => return Err(error),
                    Err(_) => {} // still valid: use it, try again on the next fetch
                }
            }
        }
        if expired {
            return Err(failed(
                NAME,
                format!(
                    "the SSO session of profile `{}` expired at {}; {}",
                    self.profile,
                    cached.expires_at,
                    self.login_hint()
                ),
            ));
        }
        Ok(cached.token)
    }

    /// SSO OIDC's `CreateToken` with the refresh grant.
    async fn refresh(&self, context: &Context, grant: &RefreshGrant) -> Result<FreshToken, CredentialsError> {
        let endpoint = context.endpoints.resolve("sso_oidc", "oidc", &self.region);
        let base = endpoint_base(&endpoint).map_err(|e| failed(NAME, e.message))?;
        let what = format!("refreshing the SSO token of session `{}` at {base}/token", self.session.as_deref().unwrap_or_default());
        let body = serde_json::json!({
            "clientId": grant.client_id,
            "clientSecret": grant.client_secret,
            "grantType": "refresh_token",
            "refreshToken": grant.refresh_token,
        });
        let request =
            context.client.post(format!("{base}/token")).header("content-type", "application/json").body(body.to_string());
        let unreachable = format!("SSO OIDC; {}", self.login_hint());
        let (status, value) = exchange(request, context, &what, &unreachable).await?;
        let field = |key: &str| value.as_ref().and_then(|v| v.get(key)).and_then(serde_json::Value::as_str).filter(|t| !t.is_empty());
        if !status.is_success() {
            // OAuth error bodies: `{"error": "invalid_grant", "error_description": …}`.
            let reason = field("error")
                .map(|e| format!(": {}", super::snippet(e)))
                .or_else(|| field("message").map(|m| format!(": {}", super::snippet(m))))
                .unwrap_or_default();
            return Err(failed(NAME, format!("{what}: HTTP {}{reason}; {}", status.as_u16(), self.login_hint())));
        }
        let expires_in = value.as_ref().and_then(|v| v.get("expiresIn")).and_then(serde_json::Value::as_u64);
        match (field("accessToken"), expires_in) {
            (Some(token), Some(seconds)) => Ok(FreshToken {
                access_token: token.to_string(),
                expiry: SystemTime::now() + Duration::from_secs(seconds),
                refresh_token: field("refreshToken").map(str::to_string),
            }),
            _ => Err(failed(NAME, format!("{what}: expected JSON with `accessToken` and `expiresIn`; {}", self.login_hint()))),
        }
    }

    /// Role credentials from the portal.
    pub(crate) async fn fetch(&self, context: &Context) -> Result<AwsCredentials, CredentialsError> {
        let token = self.access_token(context).await?;
        let endpoint = context
            .endpoints
            .resolve("sso", "portal.sso", &self.region);
        let base = endpoint_base(&endpoint).map_err(|e| failed(NAME, e.message))?;
        let mut headers = HeaderMap::new();
        let mut bearer = HeaderValue::from_str(&token).map_err(|_| {
            failed(
                NAME,
                format!("the cached SSO token has characters a header cannot carry; {}", self.login_hint()),
            )
        })?;
        bearer.set_sensitive(true);
        headers.insert("x-amz-sso_bearer_token", bearer);
        const QUERY: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'_')
            .remove(b'.')
            .remove(b'~');
        let encode = |v: &str| percent_encoding::utf8_percent_encode(v, QUERY).to_string();
        let url = format!(
            "{base}/federation/credentials?account_id={}&role_name={}",
            encode(&self.account_id),
            encode(&self.role_name)
        );
        let what = format!(
            "GetRoleCredentials of role `{}` in account {} at {base}",
            self.role_name, self.account_id
        );
        let (status, value) = exchange(context.client.get(&url).headers(headers), context, &what, "the portal").await?;
        if !status.is_success() {
            // Error bodies are `{"message": …}` (no secrets); a 401/403 is a stale login.
            let message = value
                .as_ref()
                .and_then(|v| v.get("message").or_else(|| v.get("Message")))
                .and_then(serde_json::Value::as_str)
                .map(|m| format!(": {}", super::snippet(m)))
                .unwrap_or_default();
            let hint = if matches!(status.as_u16(), 401 | 403) {
                format!("; {}", self.login_hint())
            } else {
                String::new()
            };
            return Err(failed(
                NAME,
                format!("{what}: HTTP {}{message}{hint}", status.as_u16()),
            ));
        }
        let role = value
            .as_ref()
            .and_then(|v| v.get("roleCredentials"))
            .and_then(serde_json::Value::as_object)
            .ok_or_else(|| {
                failed(
                    NAME,
                    format!("{what}: expected JSON {{\"roleCredentials\": {{accessKeyId, secretAccessKey, sessionToken, expiration}}}}"),
                )
            })?;
        let text = |key: &str| {
            role.get(key)
                .and_then(serde_json::Value::as_str)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .ok_or_else(|| failed(NAME, format!("{what}: roleCredentials has no `{key}`")))
        };
        // Milliseconds since the epoch.
        let expiration = role
            .get("expiration")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| failed(NAME, format!("{what}: roleCredentials has no numeric `expiration`")))?;
        Ok(credentials(
            NAME,
            text("accessKeyId")?,
            text("secretAccessKey")?,
            Some(text("sessionToken")?),
            SystemTime::UNIX_EPOCH.checked_add(Duration::from_millis(expiration)),
        ))
    }
}

/// Sends `request` (`what` names it in errors, `peer` the server, with what to do when it
/// cannot be reached) and reads the answer's
/// status and JSON body (`None` when the body is not JSON).
async fn exchange(
    request: reqwest::RequestBuilder,
    context: &Context,
    what: &str,
    peer: &str,
) -> Result<(reqwest::StatusCode, Option<serde_json::Value>), CredentialsError> {
    let response = request
        .timeout(context.attempt_timeout)
        .send()
        .await
        .map_err(|e| failed(NAME, format!("{what}: cannot reach {peer}: {}", super::error_text(&e))))?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| failed(NAME, format!("{what}: the response broke off: {e}")))?;
    Ok((status, serde_json::from_slice(&body).ok()))
}

/// How long before its expiry a token is refreshed (the SDKs' window).
const TOKEN_REFRESH_WINDOW: Duration = Duration::from_secs(5 * 60);

/// The token cache file as read: its fields kept whole, to be written back with a new token.
struct CachedToken {
    path: PathBuf,
    fields: serde_json::Map<String, serde_json::Value>,
    token: String,
    expires_at: String,
    expiry: SystemTime,
    /// `None` when the token cannot be refreshed (a legacy profile, no registration, or an
    /// expired one).
    refresh: Option<RefreshGrant>,
}

struct RefreshGrant {
    refresh_token: String,
    client_id: String,
    client_secret: String,
}

struct FreshToken {
    access_token: String,
    expiry: SystemTime,
    /// OIDC may rotate the refresh token.
    refresh_token: Option<String>,
}

/// Writes the refreshed token into the cache file (aside, then renamed, so a reader never
/// sees half a file), keeping the fields it does not change. The file holds secrets: on
/// Unix it is readable by its owner only, as the CLI makes it.
fn write_cache(cached: &CachedToken, fresh: &FreshToken) -> std::io::Result<()> {
    use std::io::Write;
    let mut fields = cached.fields.clone();
    fields.insert("accessToken".into(), fresh.access_token.clone().into());
    fields.insert("expiresAt".into(), format_rfc3339(fresh.expiry).into());
    if let Some(refresh_token) = &fresh.refresh_token {
        fields.insert("refreshToken".into(), refresh_token.clone().into());
    }
    // One aside file per process, so two refreshing at once do not write into one file.
    let mut aside = cached.path.clone().into_os_string();
    aside.push(format!(".{}.tmp", std::process::id()));
    let aside = PathBuf::from(aside);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&aside)?;
    file.write_all(serde_json::Value::Object(fields).to_string().as_bytes())?;
    drop(file);
    std::fs::rename(&aside, &cached.path)
}

/// `2026-12-04T12:00:00Z`, as the CLI writes `expiresAt`.
fn format_rfc3339(at: SystemTime) -> String {
    let seconds = at.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    time::OffsetDateTime::from_unix_timestamp(seconds as i64)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::config::TempDir;

    fn config(session: Option<&str>, start_url: &str) -> SsoConfig {
        SsoConfig {
            profile: "p".into(),
            session: session.map(str::to_string),
            start_url: start_url.into(),
            region: "us-east-1".into(),
            account_id: "123456789012".into(),
            role_name: "Dev".into(),
        }
    }

    #[test]
    fn cache_file_is_the_sha1_of_the_session_or_the_start_url() {
        let env = Env::from_vars([("HOME".to_string(), "/home/u".to_string())]);
        assert_eq!(
            config(Some("my-sso"), "https://x").cache_file(&env).unwrap(),
            PathBuf::from(format!("/home/u/.aws/sso/cache/{}.json", hex_sha1("my-sso")))
        );
        // The crate computes SHA-1 (FIPS 180 test vector).
        assert_eq!(hex_sha1("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert!(config(None, "https://d-abc123.awsapps.com/start")
            .cache_file(&env)
            .unwrap()
            .ends_with(format!("{}.json", hex_sha1("https://d-abc123.awsapps.com/start"))));
        assert!(config(None, "x").cache_file(&Env::default()).is_none());
    }

    fn hex_sha1(text: &str) -> String {
        Sha1::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    #[test]
    fn profiles_with_sessions_and_legacy_ones() {
        let dir = TempDir::new("sso-config");
        let file = dir.write(
            "config",
            "[profile new]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n\
             [profile legacy]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-west-2\nsso_account_id = 1\nsso_role_name = R\n\
             [profile broken]\nsso_session = missing\nsso_account_id = 1\nsso_role_name = R\n\
             [profile norole]\nsso_session = corp\nsso_account_id = 1\n\
             [profile plain]\nregion = x\n",
        );
        let env = Env::from_vars([(
            "AWS_CONFIG_FILE".to_string(),
            crate::http::config::path_str(&file),
        )]);
        let files = ProfileFiles::load(&env);
        let new = SsoConfig::from_profile(&files.profile("new"), &files).unwrap().unwrap();
        assert_eq!(
            (new.session.as_deref(), new.region.as_str(), new.start_url.as_str()),
            (Some("corp"), "eu-west-1", "https://corp.awsapps.com/start")
        );
        let legacy = SsoConfig::from_profile(&files.profile("legacy"), &files).unwrap().unwrap();
        assert_eq!((legacy.session, legacy.region.as_str()), (None, "us-west-2"));
        let error = SsoConfig::from_profile(&files.profile("broken"), &files).unwrap_err();
        assert!(super::super::error_text(&error).contains("no [sso-session missing] section"));
        let error = SsoConfig::from_profile(&files.profile("norole"), &files).unwrap_err();
        assert!(super::super::error_text(&error).contains("`sso_role_name`"));
        assert!(SsoConfig::from_profile(&files.profile("plain"), &files).unwrap().is_none());
    }
}
