//! Where the transport's credentials, region and endpoint come from: the builder's explicit
//! values first, then environment variables, then the shared config and credentials files,
//! read as the AWS CLI reads them.
//!
//! Resolution works on a snapshot of the environment ([`Env`]) rather than on the process
//! environment directly, so that it can be tested without mutating global state.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// An access key, its secret and an optional session token.
///
/// `Debug` shows the access key id only: the secret and the token never reach logs.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
}

impl Credentials {
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
        }
    }

    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }
}

/// The signer's form: static (no expiry).
impl From<Credentials> for aws_credential_types::Credentials {
    fn from(credentials: Credentials) -> Self {
        aws_credential_types::Credentials::new(
            credentials.access_key_id,
            credentials.secret_access_key,
            credentials.session_token,
            None,
            "static",
        )
    }
}

const REDACTED: &str = "** redacted **";

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &REDACTED)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| REDACTED),
            )
            .finish()
    }
}

/// A snapshot of environment variables: the process's, or given to the builder.
///
/// Empty values count as unset, as in the AWS SDKs.
#[derive(Clone, Default)]
pub(crate) struct Env {
    vars: BTreeMap<String, String>,
    /// Whether this is the process's own environment (not the builder's `env_vars`): only
    /// then may the credential chain probe the EC2 instance metadata service unasked.
    process: bool,
}

impl Env {
    pub(crate) fn process() -> Self {
        Env {
            process: true,
            ..Env::from_vars(
                std::env::vars_os()
                    .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))),
            )
        }
    }

    pub(crate) fn from_vars(vars: impl IntoIterator<Item = (String, String)>) -> Self {
        Env {
            vars: vars
                .into_iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .collect(),
            process: false,
        }
    }

    /// Whether this is the process's environment rather than the builder's `env_vars`.
    pub(crate) fn is_process(&self) -> bool {
        self.process
    }

    /// The same variables, taken as the process's (for tests of process-only behaviour).
    #[cfg(test)]
    pub(crate) fn into_process(mut self) -> Self {
        self.process = true;
        self
    }

    /// A boolean setting: `true` in any case.
    pub(crate) fn is_true(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(|v| v.trim())
    }

    pub(crate) fn home(&self) -> Option<PathBuf> {
        if let Some(home) = self.get("HOME").or_else(|| self.get("USERPROFILE")) {
            return Some(PathBuf::from(home));
        }
        match (self.get("HOMEDRIVE"), self.get("HOMEPATH")) {
            (Some(drive), Some(path)) => Some(PathBuf::from(format!("{drive}{path}"))),
            _ => None,
        }
    }

    /// A file named by `var`, else `~/.aws/<default_name>`; `~/` is expanded.
    pub(crate) fn aws_file(&self, var: &str, default_name: &str) -> Option<PathBuf> {
        match self.get(var) {
            Some(path) => match path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\")) {
                Some(rest) => self.home().map(|home| home.join(rest)),
                None => Some(PathBuf::from(path)),
            },
            None => self.home().map(|home| home.join(".aws").join(default_name)),
        }
    }
}

/// Which file a profile section is read from: the config file names profiles
/// `[profile x]` (and `[default]`), the credentials file `[x]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Config,
    Credentials,
}

/// What a section of a shared file is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Profile(String),
    /// `[sso-session x]` (config file only): the IAM Identity Center session of `sso_session`.
    SsoSession(String),
}

type Properties = BTreeMap<String, String>;

/// The sections of one INI text with their properties. Keys are lower-cased; later sections
/// and keys of the same name win; indented sub-properties (`s3 =` blocks) and sections that
/// are neither profiles nor SSO sessions (`[services x]`) are skipped.
fn sections(text: &str, kind: FileKind) -> BTreeMap<Section, Properties> {
    let mut sections: BTreeMap<Section, Properties> = BTreeMap::new();
    let mut current: Option<Section> = None;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[') {
            let name = section.split(']').next().unwrap_or("").trim();
            current = section_of(name, kind);
            if let Some(section) = &current {
                sections.entry(section.clone()).or_default();
            }
            continue;
        }
        let Some(section) = &current else { continue };
        if raw.starts_with(|c: char| c.is_whitespace()) {
            continue;
        }
        if let Some((key, value)) = line.split_once('=') {
            if let Some(props) = sections.get_mut(section) {
                props.insert(key.trim().to_ascii_lowercase(), value.trim().to_string());
            }
        }
    }
    sections
}

/// The properties of the named profile in one INI text (see [`sections`]).
#[cfg(test)]
fn profile_properties(text: &str, kind: FileKind, profile: &str) -> Properties {
    sections(text, kind)
        .remove(&Section::Profile(profile.to_string()))
        .unwrap_or_default()
}

fn section_of(section: &str, kind: FileKind) -> Option<Section> {
    match kind {
        FileKind::Credentials => Some(Section::Profile(section.to_string())),
        FileKind::Config if section == "default" => Some(Section::Profile(section.to_string())),
        FileKind::Config => {
            let (word, rest) = section.split_once(char::is_whitespace)?;
            let name = rest.trim().to_string();
            match word {
                "profile" => Some(Section::Profile(name)),
                "sso-session" => Some(Section::SsoSession(name)),
                _ => None,
            }
        }
    }
}

/// The shared config and credentials files, read once: every profile (the credentials
/// file's keys win over the config file's) and every `[sso-session x]`.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProfileFiles {
    sections: BTreeMap<Section, Properties>,
    /// The files that were looked at (read or missing), for error messages.
    pub(crate) files: Vec<PathBuf>,
}

impl ProfileFiles {
    pub(crate) fn load(env: &Env) -> ProfileFiles {
        let mut loaded = ProfileFiles::default();
        let files = [
            (env.aws_file("AWS_CONFIG_FILE", "config"), FileKind::Config),
            (
                env.aws_file("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
                FileKind::Credentials,
            ),
        ];
        for (path, kind) in files {
            let Some(path) = path else { continue };
            // A missing file is normal (no CLI set up); it only shows in error messages.
            if let Ok(text) = std::fs::read_to_string(&path) {
                for (section, props) in sections(&text, kind) {
                    loaded.sections.entry(section).or_default().extend(props);
                }
            }
            loaded.files.push(path);
        }
        loaded
    }

    /// The named profile; empty (and [`Profile::exists`] false) when no file has it.
    pub(crate) fn profile(&self, name: &str) -> Profile {
        let props = self.sections.get(&Section::Profile(name.to_string()));
        Profile {
            name: name.to_string(),
            exists: props.is_some(),
            props: props.cloned().unwrap_or_default(),
        }
    }

    /// The properties of `[sso-session name]`.
    pub(crate) fn sso_session(&self, name: &str) -> Option<&BTreeMap<String, String>> {
        self.sections.get(&Section::SsoSession(name.to_string()))
    }

    /// The files that were looked at, for error messages: `a, b` or why there are none.
    pub(crate) fn describe_files(&self) -> String {
        if self.files.is_empty() {
            "no files, HOME is not set".to_string()
        } else {
            self.files
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// One profile, merged from the config file and the credentials file (which wins).
#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    pub(crate) name: String,
    /// Whether a file has a section for this profile.
    pub(crate) exists: bool,
    props: BTreeMap<String, String>,
}

impl Profile {
    #[cfg(test)]
    pub(crate) fn load(env: &Env, name: &str) -> Profile {
        ProfileFiles::load(env).profile(name)
    }

    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.props
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }
}

/// The endpoint overrides from the environment and the profile; the builder's own override
/// is kept beside them and wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct EndpointOverrides {
    pub(crate) explicit: Option<String>,
    /// `AWS_ENDPOINT_URL_<SERVICE>`, keyed by `<SERVICE>`.
    pub(crate) per_service: BTreeMap<String, String>,
    /// `AWS_ENDPOINT_URL`.
    pub(crate) global: Option<String>,
    /// `endpoint_url` in the profile.
    pub(crate) profile: Option<String>,
}

impl EndpointOverrides {
    pub(crate) fn from_env(env: &Env, profile: &Profile) -> Self {
        // The SDKs' switch for "ignore endpoints from the environment and config files".
        let ignore = env
            .get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
            .or_else(|| profile.get("ignore_configured_endpoint_urls"))
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
        if ignore {
            return EndpointOverrides::default();
        }
        let per_service = env
            .vars
            .iter()
            .filter_map(|(k, v)| {
                Some((
                    k.strip_prefix("AWS_ENDPOINT_URL_")?.to_string(),
                    v.trim().to_string(),
                ))
            })
            .collect();
        EndpointOverrides {
            explicit: None,
            per_service,
            global: env.get("AWS_ENDPOINT_URL").map(str::to_string),
            profile: profile.get("endpoint_url").map(str::to_string),
        }
    }

    /// The endpoint for a service: an override, else the regional AWS endpoint.
    pub(crate) fn resolve(
        &self,
        service_name: &str,
        endpoint_prefix: &str,
        region: &str,
    ) -> String {
        let key = service_env_key(service_name);
        // The SDKs' key comes from the service id (`CloudHSM V2` → `CLOUDHSM_V2`); without the
        // underscores it mostly equals boto3's name upper-cased, so that spelling works too.
        let loose = |k: &String| k.replace('_', "") == key.replace('_', "");
        self.explicit
            .clone()
            .or_else(|| self.per_service.get(&key).cloned())
            .or_else(|| {
                self.per_service
                    .iter()
                    .find(|(k, _)| loose(k))
                    .map(|(_, v)| v.clone())
            })
            .or_else(|| self.global.clone())
            .or_else(|| self.profile.clone())
            .unwrap_or_else(|| default_endpoint(endpoint_prefix, region))
    }
}

/// `cloudhsmv2` → `CLOUDHSMV2`, for `AWS_ENDPOINT_URL_CLOUDHSMV2`. The SDKs derive this key
/// from the service id, which boto3's docs do not carry, so boto3's service name stands in.
pub(crate) fn service_env_key(service_name: &str) -> String {
    service_name.to_ascii_uppercase().replace(['-', ' '], "_")
}

pub(crate) fn default_endpoint(endpoint_prefix: &str, region: &str) -> String {
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://{endpoint_prefix}.{region}.{suffix}")
}

/// The static keys of `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`.
pub(crate) fn env_static_keys(env: &Env) -> Option<Credentials> {
    let (id, secret) = (
        env.get("AWS_ACCESS_KEY_ID")?,
        env.get("AWS_SECRET_ACCESS_KEY")?,
    );
    Some(Credentials::new(
        id,
        secret,
        env.get("AWS_SESSION_TOKEN").map(str::to_string),
    ))
}

/// A profile's static keys (`aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`).
pub(crate) fn profile_static_keys(profile: &Profile) -> Option<Credentials> {
    let (id, secret) = (
        profile.get("aws_access_key_id")?,
        profile.get("aws_secret_access_key")?,
    );
    Some(Credentials::new(
        id,
        secret,
        profile.get("aws_session_token").map(str::to_string),
    ))
}

pub(crate) fn region_from(env: &Env, profile: &Profile) -> Option<String> {
    env.get("AWS_REGION")
        .or_else(|| env.get("AWS_DEFAULT_REGION"))
        .or_else(|| profile.get("region"))
        .map(str::to_string)
}

/// S3 path-style addressing from `AWS_S3_FORCE_PATH_STYLE` or the profile's
/// `s3_force_path_style` (`true`, any case). The SDKs spell this setting in a nested `s3 =`
/// section (`addressing_style = path`), which this reader does not parse; these flat names
/// are this runtime's own.
pub(crate) fn force_path_style_from(env: &Env, profile: &Profile) -> bool {
    env.get("AWS_S3_FORCE_PATH_STYLE")
        .or_else(|| profile.get("s3_force_path_style"))
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

pub(crate) fn profile_name(env: &Env) -> String {
    env.get("AWS_PROFILE")
        .or_else(|| env.get("AWS_DEFAULT_PROFILE"))
        .unwrap_or("default")
        .to_string()
}

/// A temporary directory for the tests' profile files, removed on drop.
#[cfg(test)]
pub(crate) struct TempDir(pub(crate) PathBuf);

#[cfg(test)]
impl TempDir {
    pub(crate) fn new(tag: &str) -> Self {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "awsdoc-{tag}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub(crate) fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

#[cfg(test)]
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
pub(crate) fn path_str(path: &std::path::Path) -> String {
    path.to_str().unwrap().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Env {
        Env::from_vars(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    const CONFIG: &str = "\
# comment
[default]
region = us-east-1
endpoint_url = http://config-default:1

[profile dev]
region=eu-west-1
aws_access_key_id = CONFIGKEY
aws_secret_access_key = configsecret
s3 =
  endpoint_url = http://nested-should-be-skipped
endpoint_url = http://dev-endpoint:2

[dev]
region = ignored-without-profile-prefix

[sso-session dev]
region = ignored-too
";

    const CREDENTIALS: &str = "\
[default]
aws_access_key_id = DEFAULTKEY
aws_secret_access_key = defaultsecret

; comment
[dev]
aws_access_key_id = DEVKEY
aws_secret_access_key = devsecret
aws_session_token = devtoken
";

    fn files() -> (TempDir, Env) {
        let dir = TempDir::new("config");
        let config = dir.write("conf/config", CONFIG);
        let creds = dir.write("conf/credentials", CREDENTIALS);
        let env = env(&[
            ("AWS_CONFIG_FILE", &path_str(&config)),
            ("AWS_SHARED_CREDENTIALS_FILE", &path_str(&creds)),
            ("AWS_PROFILE", "dev"),
        ]);
        (dir, env)
    }

    #[test]
    fn config_file_needs_profile_prefix_and_skips_nested_and_other_sections() {
        let props = profile_properties(CONFIG, FileKind::Config, "dev");
        assert_eq!(props.get("region").map(String::as_str), Some("eu-west-1"));
        assert_eq!(
            props.get("endpoint_url").map(String::as_str),
            Some("http://dev-endpoint:2")
        );
        let default = profile_properties(CONFIG, FileKind::Config, "default");
        assert_eq!(default.get("region").map(String::as_str), Some("us-east-1"));
        // `[dev]` in the credentials file is the profile itself.
        let creds = profile_properties(CREDENTIALS, FileKind::Credentials, "dev");
        assert_eq!(
            creds.get("aws_session_token").map(String::as_str),
            Some("devtoken")
        );
    }

    #[test]
    fn credentials_file_wins_over_config_file_for_the_selected_profile() {
        let (_dir, env) = files();
        let profile = Profile::load(&env, &profile_name(&env));
        assert_eq!(profile.name, "dev");
        assert!(env_static_keys(&env).is_none());
        let creds = profile_static_keys(&profile).unwrap();
        assert_eq!(creds.access_key_id(), "DEVKEY");
        assert_eq!(creds.secret_access_key(), "devsecret");
        assert_eq!(creds.session_token(), Some("devtoken"));
        assert_eq!(region_from(&env, &profile).as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn environment_wins_over_profile() {
        let (_dir, mut env) = files();
        env.vars.insert("AWS_ACCESS_KEY_ID".into(), "ENVKEY".into());
        env.vars
            .insert("AWS_SECRET_ACCESS_KEY".into(), "envsecret".into());
        env.vars
            .insert("AWS_DEFAULT_REGION".into(), "ap-south-1".into());
        let profile = Profile::load(&env, "dev");
        let creds = env_static_keys(&env).unwrap();
        assert_eq!(
            (creds.access_key_id(), creds.session_token()),
            ("ENVKEY", None)
        );
        assert_eq!(region_from(&env, &profile).as_deref(), Some("ap-south-1"));
        env.vars.insert("AWS_REGION".into(), "us-west-2".into());
        assert_eq!(region_from(&env, &profile).as_deref(), Some("us-west-2"));
    }

    #[test]
    fn default_files_live_under_home() {
        let dir = TempDir::new("home");
        dir.write(".aws/credentials", CREDENTIALS);
        dir.write(".aws/config", CONFIG);
        let env = env(&[("HOME", &path_str(&dir.0))]);
        let profile = Profile::load(&env, &profile_name(&env));
        assert_eq!(profile.name, "default");
        assert_eq!(
            profile_static_keys(&profile).unwrap().access_key_id(),
            "DEFAULTKEY"
        );
        assert_eq!(region_from(&env, &profile).as_deref(), Some("us-east-1"));
    }

    #[test]
    fn missing_profile_and_sso_sessions() {
        let dir = TempDir::new("empty");
        let env = env(&[("HOME", &path_str(&dir.0)), ("AWS_PROFILE", "nobody")]);
        let empty = ProfileFiles::load(&env);
        let profile = empty.profile(&profile_name(&env));
        assert!(!profile.exists);
        assert!(profile_static_keys(&profile).is_none());
        assert!(empty.describe_files().contains(".aws/credentials"));
        assert_eq!(region_from(&env, &profile), None);
        assert_eq!(
            ProfileFiles::default().describe_files(),
            "no files, HOME is not set"
        );

        let (_dir, env) = files();
        let loaded = ProfileFiles::load(&env);
        assert!(loaded.profile("dev").exists);
        // `[sso-session dev]` is a session, not the profile `dev`.
        assert_eq!(
            loaded.sso_session("dev").and_then(|s| s.get("region")).map(String::as_str),
            Some("ignored-too")
        );
        assert!(loaded.sso_session("nope").is_none());
    }

    #[test]
    fn endpoint_precedence() {
        let (_dir, mut env) = files();
        let profile = Profile::load(&env, "dev");
        let resolve = |env: &Env| {
            EndpointOverrides::from_env(env, &profile).resolve(
                "cloudhsmv2",
                "cloudhsmv2",
                "eu-west-1",
            )
        };
        assert_eq!(resolve(&env), "http://dev-endpoint:2");
        env.vars
            .insert("AWS_ENDPOINT_URL".into(), "http://global:3".into());
        assert_eq!(resolve(&env), "http://global:3");
        // The SDKs' spelling, from the service id `CloudHSM V2`...
        env.vars.insert(
            "AWS_ENDPOINT_URL_CLOUDHSM_V2".into(),
            "http://hsm-sdk:4".into(),
        );
        assert_eq!(resolve(&env), "http://hsm-sdk:4");
        // ...and boto3's name, which wins when both are set.
        env.vars
            .insert("AWS_ENDPOINT_URL_CLOUDHSMV2".into(), "http://hsm:4".into());
        assert_eq!(resolve(&env), "http://hsm:4");
        // Another service's variable does not apply.
        assert_eq!(
            EndpointOverrides::from_env(&env, &profile).resolve("dynamodb", "dynamodb", "x"),
            "http://global:3"
        );
        let mut overrides = EndpointOverrides::from_env(&env, &profile);
        overrides.explicit = Some("http://explicit:5".into());
        assert_eq!(
            overrides.resolve("cloudhsmv2", "cloudhsmv2", "eu-west-1"),
            "http://explicit:5"
        );
        env.vars
            .insert("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS".into(), "true".into());
        assert_eq!(resolve(&env), "https://cloudhsmv2.eu-west-1.amazonaws.com");
    }

    #[test]
    fn default_endpoints() {
        assert_eq!(
            default_endpoint("dynamodb", "us-east-1"),
            "https://dynamodb.us-east-1.amazonaws.com"
        );
        assert_eq!(
            default_endpoint("backup", "cn-north-1"),
            "https://backup.cn-north-1.amazonaws.com.cn"
        );
        assert_eq!(service_env_key("resource-groups"), "RESOURCE_GROUPS");
    }

    #[test]
    fn debug_hides_secret_and_token() {
        let creds = Credentials::new("AKIDVISIBLE", "s3cr3t-value", Some("t0ken-value".into()));
        let debug = format!("{creds:?}");
        assert!(debug.contains("AKIDVISIBLE"));
        assert!(
            !debug.contains("s3cr3t-value") && !debug.contains("t0ken-value"),
            "{debug}"
        );
    }
}
