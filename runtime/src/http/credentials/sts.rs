//! The two STS calls the providers make, `AssumeRole` (signed with the source credentials)
//! and `AssumeRoleWithWebIdentity` (unsigned: the token is the proof), laid out and decoded
//! by this runtime's own query protocol with small hand-written schemas, so that no second
//! XML reader or SDK is needed.
//!
//! The endpoint follows the environment's and the profile's overrides (`AWS_ENDPOINT_URL_STS`,
//! `AWS_ENDPOINT_URL`, `endpoint_url`; not the builder's), else the regional
//! `https://sts.<region>.amazonaws.com`; without a region, `us-east-1`.

use std::time::SystemTime;

use serde_json::{json, Value};

use super::{credentials, failed, parse_rfc3339, AwsCredentials, Context, CredentialsError};
use crate::http::{endpoint_base, header_map, retry, sign_request, transport_error, Target};
use crate::protocol::{self, Failure};
use crate::schema::{Member, OperationSchema, Shape, INTEGER, STRING, TIMESTAMP};
use crate::{OperationRequest, Protocol, ServiceMeta};

static STS: ServiceMeta = ServiceMeta {
    name: "sts",
    api_version: "2011-06-15",
    protocol: Some(Protocol::Query {
        signing_name: "sts",
        endpoint_prefix: "sts",
    }),
};

static CREDENTIALS: Shape = Shape::Structure(&[
    Member::new("AccessKeyId", &STRING),
    Member::new("SecretAccessKey", &STRING),
    Member::new("SessionToken", &STRING),
    Member::new("Expiration", &TIMESTAMP),
]);
static ASSUMED_ROLE_USER: Shape = Shape::Structure(&[
    Member::new("AssumedRoleId", &STRING),
    Member::new("Arn", &STRING),
]);
static OUTPUT: Shape = Shape::Structure(&[
    Member::new("Credentials", &CREDENTIALS),
    Member::new("AssumedRoleUser", &ASSUMED_ROLE_USER),
]);

static ASSUME_ROLE_INPUT: Shape = Shape::Structure(&[
    Member::new("RoleArn", &STRING),
    Member::new("RoleSessionName", &STRING),
    Member::new("ExternalId", &STRING),
    Member::new("DurationSeconds", &INTEGER),
]);
static ASSUME_ROLE: OperationSchema = OperationSchema {
    input: Some(&ASSUME_ROLE_INPUT),
    output: Some(&OUTPUT),
    result_wrapper: Some("AssumeRoleResult"),
    input_root: None,
};

static WEB_IDENTITY_INPUT: Shape = Shape::Structure(&[
    Member::new("RoleArn", &STRING),
    Member::new("RoleSessionName", &STRING),
    Member::new("WebIdentityToken", &STRING),
    Member::new("DurationSeconds", &INTEGER),
]);
static ASSUME_ROLE_WITH_WEB_IDENTITY: OperationSchema = OperationSchema {
    input: Some(&WEB_IDENTITY_INPUT),
    output: Some(&OUTPUT),
    result_wrapper: Some("AssumeRoleWithWebIdentityResult"),
    input_root: None,
};

/// What `AssumeRole` needs beside the source credentials (a profile's `role_arn` & co).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoleRequest {
    pub(crate) role_arn: String,
    pub(crate) session_name: String,
    pub(crate) external_id: Option<String>,
    pub(crate) duration_seconds: Option<u32>,
}

/// `AssumeRole`, signed with `source`.
pub(crate) async fn assume_role(
    context: &Context,
    provider: &'static str,
    source: &AwsCredentials,
    role: &RoleRequest,
) -> Result<AwsCredentials, CredentialsError> {
    let mut input = json!({"RoleArn": role.role_arn, "RoleSessionName": role.session_name});
    if let Some(external_id) = &role.external_id {
        input["ExternalId"] = json!(external_id);
    }
    if let Some(duration) = role.duration_seconds {
        input["DurationSeconds"] = json!(duration);
    }
    let what = format!("STS AssumeRole of {}", role.role_arn);
    let output = call(context, provider, &what, "AssumeRole", input, &ASSUME_ROLE, Some(source)).await?;
    read_credentials(provider, &what, &output)
}

/// `AssumeRoleWithWebIdentity`, unsigned.
pub(crate) async fn assume_role_with_web_identity(
    context: &Context,
    provider: &'static str,
    role_arn: &str,
    session_name: &str,
    token: &str,
) -> Result<AwsCredentials, CredentialsError> {
    let input = json!({
        "RoleArn": role_arn,
        "RoleSessionName": session_name,
        "WebIdentityToken": token,
    });
    let what = format!("STS AssumeRoleWithWebIdentity of {role_arn}");
    let output = call(
        context,
        provider,
        &what,
        "AssumeRoleWithWebIdentity",
        input,
        &ASSUME_ROLE_WITH_WEB_IDENTITY,
        None,
    )
    .await?;
    read_credentials(provider, &what, &output)
}

fn read_credentials(
    provider: &'static str,
    what: &str,
    output: &Value,
) -> Result<AwsCredentials, CredentialsError> {
    let text = |member: &str| {
        output
            .pointer(&format!("/Credentials/{member}"))
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .ok_or_else(|| failed(provider, format!("{what}: the response has no Credentials.{member}")))
    };
    let expiry: SystemTime = parse_rfc3339(&text("Expiration")?)
        .map_err(|e| failed(provider, format!("{what}: Credentials.Expiration: {e}")))?;
    Ok(credentials(
        provider,
        text("AccessKeyId")?,
        text("SecretAccessKey")?,
        Some(text("SessionToken")?),
        Some(expiry),
    ))
}

/// One STS call with the transport's retries; errors name the call and never the input
/// (which holds the web identity token).
async fn call(
    context: &Context,
    provider: &'static str,
    what: &str,
    operation: &'static str,
    input: Value,
    schema: &'static OperationSchema,
    signer: Option<&AwsCredentials>,
) -> Result<Value, CredentialsError> {
    let error = |message: String| failed(provider, format!("{what}: {message}"));
    let region = context.region.as_deref().unwrap_or("us-east-1");
    let endpoint = context.endpoints.resolve("sts", "sts", region);
    let base = endpoint_base(&endpoint).map_err(|e| error(e.message))?;
    let request = OperationRequest {
        service: &STS,
        operation,
        input,
        binding: None,
        schema: Some(schema),
    };
    let wire = protocol::lay_out(&request).map_err(|e| error(e.message))?;
    let url = format!("{base}{}", wire.path_and_query);
    let mut attempt = 1;
    loop {
        let signed = match signer {
            Some(credentials) => sign_request(
                &wire,
                &Target {
                    credentials,
                    region,
                    signing_name: "sts",
                    url: &url,
                },
                SystemTime::now(),
            )
            .map_err(|e| error(e.message))?,
            None => Vec::new(),
        };
        let headers = header_map(&wire, &signed).map_err(|e| error(e.message))?;
        let sent = context
            .client
            .post(&url)
            .headers(headers)
            .body(wire.body.clone())
            .timeout(context.attempt_timeout)
            .send()
            .await;
        let (retryable, message) = match sent {
            Err(e) => {
                let e = transport_error(e);
                (
                    retry::is_retryable_transport_error(e.kind),
                    format!("cannot reach STS at {base}: {}", super::error_text(&e)),
                )
            }
            Ok(response) => {
                let status = response.status().as_u16();
                let headers = response.headers().clone();
                match response.bytes().await {
                    Err(e) => (true, format!("the response from {base} broke off: {e}")),
                    Ok(body) => match protocol::decode_response(&request, status, &headers, &body)
                    {
                        Ok(output) => return Ok(output),
                        Err(Failure::Service(e)) => {
                            (retry::is_retryable_service_error(&e), format!("{e} (HTTP {status})"))
                        }
                        Err(Failure::Transport(e)) => {
                            (retry::is_retryable_status(status), e.message)
                        }
                    },
                }
            }
        };
        if !retryable || attempt >= context.retry.max_attempts {
            return Err(error(message));
        }
        tracing::debug!(provider, attempt, error = %message, "retrying STS");
        tokio::time::sleep(context.retry.backoff(attempt)).await;
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::test_support::body_text;

    #[test]
    fn requests_are_query_forms_and_responses_decode() {
        let request = OperationRequest {
            service: &STS,
            operation: "AssumeRoleWithWebIdentity",
            input: json!({"RoleArn": "arn:aws:iam::1:role/r", "RoleSessionName": "s", "WebIdentityToken": "t+/="}),
            binding: None,
            schema: Some(&ASSUME_ROLE_WITH_WEB_IDENTITY),
        };
        let wire = protocol::lay_out(&request).unwrap();
        assert_eq!(
            body_text(&wire.body),
            "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=s&WebIdentityToken=t%2B%2F%3D"
        );
        let body = br#"<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
      <SecretAccessKey>secret</SecretAccessKey>
      <SessionToken>token</SessionToken>
      <Expiration>2030-01-01T00:00:00Z</Expiration>
    </Credentials>
    <AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::1:assumed-role/r/s</Arn></AssumedRoleUser>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>abc</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>"#;
        let output =
            protocol::decode_response(&request, 200, &Default::default(), body).unwrap();
        let creds = read_credentials("test", "x", &output).unwrap();
        assert_eq!(creds.access_key_id(), "ASIAEXAMPLE");
        assert_eq!(creds.session_token(), Some("token"));
        assert!(creds.expiry().is_some());
        let error = read_credentials("test", "x", &json!({"Credentials": {}})).unwrap_err();
        assert!(super::super::error_text(&error).contains("Credentials.AccessKeyId")
            || super::super::error_text(&error).contains("Credentials.Expiration"));
    }
}
