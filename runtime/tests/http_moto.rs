//! `HttpTransport` against moto_server, an AWS-compatible server: DynamoDB (awsJson 1.0),
//! CloudHSM V2 (awsJson 1.1) and Backup (restJson1), with hand-built requests.
//!
//! The server comes from `tests/support/moto.rs` (shared with the generated clients' e2e
//! tests): `moto_server` from `AWSDOC_MOTO_SERVER` or `PATH`, one per test binary, a failure
//! saying how to install it when missing. Each test works in its own region, so their state
//! never meets.
#![cfg(feature = "http")]

use std::time::Duration;

use awsdoc_runtime::http::HttpTransport;
use awsdoc_runtime::{
    CallError, Credentials, HttpBinding, Location, MemberBinding, OperationRequest, Protocol,
    ServiceMeta, Transport, WireType,
};
use serde_json::{json, Value};

#[path = "../../tests/support/moto.rs"]
mod moto;

fn transport(region: &str) -> HttpTransport {
    HttpTransport::builder()
        .env_vars(Vec::<(String, String)>::new())
        .credentials(Credentials::new("testing", "testing", None))
        .region(region)
        .endpoint_url(moto::url())
        .max_attempts(2)
        .backoff(Duration::from_millis(50), Duration::from_millis(200))
        .attempt_timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

async fn call(transport: &HttpTransport, request: OperationRequest) -> Value {
    let operation = request.operation;
    match transport.call(request).await {
        Ok(output) => output,
        Err(e) => panic!("{operation} failed: {e:?}\nmoto log:\n{}", moto::log_tail()),
    }
}

fn text<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer} in {value}"))
}

// ---------------------------------------------------------------------------------------

static DYNAMODB: ServiceMeta = ServiceMeta {
    name: "dynamodb",
    api_version: "2012-08-10",
    protocol: Some(Protocol::Json {
        version: "1.0",
        target_prefix: "DynamoDB_20120810",
        signing_name: "dynamodb",
        endpoint_prefix: "dynamodb",
    }),
};

fn dynamodb(operation: &'static str, input: Value) -> OperationRequest {
    OperationRequest {
        service: &DYNAMODB,
        operation,
        input,
        binding: None,
        schema: None,
    }
}

#[tokio::test]
async fn dynamodb_tables_pages_backups_and_errors() {
    let transport = transport("us-east-1");
    let names = ["awsdoc-alpha", "awsdoc-beta", "awsdoc-gamma"];
    for name in names {
        let output = call(
            &transport,
            dynamodb(
                "CreateTable",
                json!({
                    "TableName": name,
                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                    "BillingMode": "PAY_PER_REQUEST",
                }),
            ),
        )
        .await;
        assert_eq!(text(&output, "/TableDescription/TableName"), name);
    }

    // One table per page, following LastEvaluatedTableName.
    let (mut listed, mut pages, mut start) = (Vec::new(), 0, None::<String>);
    loop {
        let mut input = json!({"Limit": 1});
        if let Some(start) = &start {
            input["ExclusiveStartTableName"] = json!(start);
        }
        let page = call(&transport, dynamodb("ListTables", input)).await;
        pages += 1;
        let tables = page["TableNames"].as_array().expect("TableNames");
        assert!(tables.len() <= 1, "page {pages} ignores Limit: {page}");
        listed.extend(tables.iter().map(|t| t.as_str().unwrap().to_string()));
        match page.get("LastEvaluatedTableName").and_then(Value::as_str) {
            Some(last) => start = Some(last.to_string()),
            None => break,
        }
        assert!(pages < 10, "pagination does not end: {listed:?}");
    }
    assert_eq!(listed, names);
    assert!(pages >= 3);

    let created = call(
        &transport,
        dynamodb(
            "CreateBackup",
            json!({"TableName": "awsdoc-beta", "BackupName": "nightly"}),
        ),
    )
    .await;
    let arn = text(&created, "/BackupDetails/BackupArn").to_string();
    assert_eq!(text(&created, "/BackupDetails/BackupName"), "nightly");

    let listed = call(
        &transport,
        dynamodb("ListBackups", json!({"TableName": "awsdoc-beta"})),
    )
    .await;
    let summaries = listed["BackupSummaries"]
        .as_array()
        .expect("BackupSummaries");
    assert_eq!(summaries.len(), 1, "{listed}");
    assert_eq!(text(&summaries[0], "/BackupArn"), arn);
    assert_eq!(text(&summaries[0], "/TableName"), "awsdoc-beta");

    let described = call(
        &transport,
        dynamodb("DescribeBackup", json!({"BackupArn": arn})),
    )
    .await;
    assert_eq!(
        text(&described, "/BackupDescription/BackupDetails/BackupArn"),
        arn
    );
    assert_eq!(
        text(
            &described,
            "/BackupDescription/SourceTableDetails/TableName"
        ),
        "awsdoc-beta"
    );
    // Timestamps arrive as epoch seconds, as the runtime's DateTime expects.
    assert!(described
        .pointer("/BackupDescription/BackupDetails/BackupCreationDateTime")
        .is_some_and(Value::is_number));

    match transport
        .call(dynamodb(
            "DescribeTable",
            json!({"TableName": "awsdoc-missing"}),
        ))
        .await
    {
        Err(CallError::Service(e)) => {
            assert_eq!(e.code, "ResourceNotFoundException", "{e:?}");
            assert_eq!(e.status, Some(400));
            assert!(e.message.as_deref().is_some_and(|m| !m.is_empty()), "{e:?}");
            assert!(
                e.request_id.as_deref().is_some_and(|id| !id.is_empty()),
                "{e:?}"
            );
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------

static CLOUDHSMV2: ServiceMeta = ServiceMeta {
    name: "cloudhsmv2",
    api_version: "2017-04-28",
    protocol: Some(Protocol::Json {
        version: "1.1",
        target_prefix: "BaldrApiService",
        signing_name: "cloudhsm",
        endpoint_prefix: "cloudhsmv2",
    }),
};

fn cloudhsm(operation: &'static str, input: Value) -> OperationRequest {
    OperationRequest {
        service: &CLOUDHSMV2,
        operation,
        input,
        binding: None,
        schema: None,
    }
}

#[tokio::test]
async fn cloudhsmv2_clusters_and_backup_pages() {
    let transport = transport("us-west-2");
    let mut clusters = Vec::new();
    for _ in 0..3 {
        let output = call(
            &transport,
            cloudhsm(
                "CreateCluster",
                json!({"HsmType": "hsm1.medium", "SubnetIds": ["subnet-0123456789abcdef0"]}),
            ),
        )
        .await;
        clusters.push(text(&output, "/Cluster/ClusterId").to_string());
    }

    // One backup per page, following NextToken (moto makes one backup per cluster).
    let (mut backups, mut pages, mut token) = (Vec::new(), 0, None::<String>);
    loop {
        let mut input = json!({"MaxResults": 1});
        if let Some(token) = &token {
            input["NextToken"] = json!(token);
        }
        let page = call(&transport, cloudhsm("DescribeBackups", input)).await;
        pages += 1;
        let items = page["Backups"].as_array().expect("Backups");
        assert!(items.len() <= 1, "page {pages} ignores MaxResults: {page}");
        backups.extend(items.iter().map(|b| text(b, "/ClusterId").to_string()));
        match page.get("NextToken").and_then(Value::as_str) {
            Some(next) => token = Some(next.to_string()),
            None => break,
        }
        assert!(pages < 10, "pagination does not end: {backups:?}");
    }
    backups.sort();
    clusters.sort();
    assert_eq!(backups, clusters);
    assert!(pages >= 3);
}

// ---------------------------------------------------------------------------------------

static BACKUP: ServiceMeta = ServiceMeta {
    name: "backup",
    api_version: "2018-11-15",
    protocol: Some(Protocol::RestJson {
        signing_name: "backup",
        endpoint_prefix: "backup",
    }),
};

static CREATE_BACKUP_VAULT: HttpBinding = HttpBinding {
    method: "PUT",
    uri: "/backup-vaults/{backupVaultName}",
    members: &[MemberBinding {
        member: "BackupVaultName",
        location: Location::Path,
        wire_name: "backupVaultName",
        wire_type: WireType::String,
    }],
};

static LIST_BACKUP_VAULTS: HttpBinding = HttpBinding {
    method: "GET",
    uri: "/backup-vaults/",
    members: &[
        MemberBinding {
            member: "ByVaultType",
            location: Location::Query,
            wire_name: "vaultType",
            wire_type: WireType::String,
        },
        MemberBinding {
            member: "ByShared",
            location: Location::Query,
            wire_name: "shared",
            wire_type: WireType::Boolean,
        },
        MemberBinding {
            member: "NextToken",
            location: Location::Query,
            wire_name: "nextToken",
            wire_type: WireType::String,
        },
        MemberBinding {
            member: "MaxResults",
            location: Location::Query,
            wire_name: "maxResults",
            wire_type: WireType::Integer,
        },
    ],
};

static DESCRIBE_BACKUP_VAULT: HttpBinding = HttpBinding {
    method: "GET",
    uri: "/backup-vaults/{backupVaultName}",
    members: &[
        MemberBinding {
            member: "BackupVaultName",
            location: Location::Path,
            wire_name: "backupVaultName",
            wire_type: WireType::String,
        },
        MemberBinding {
            member: "BackupVaultAccountId",
            location: Location::Query,
            wire_name: "backupVaultAccountId",
            wire_type: WireType::String,
        },
    ],
};

fn backup(
    operation: &'static str,
    binding: &'static HttpBinding,
    input: Value,
) -> OperationRequest {
    OperationRequest {
        service: &BACKUP,
        operation,
        input,
        binding: Some(binding),
        schema: None,
    }
}

#[tokio::test]
async fn backup_vaults_over_rest_json() {
    let transport = transport("eu-west-1");
    let mut arns = Vec::new();
    for name in ["awsdoc-vault-1", "awsdoc-vault-2"] {
        let created = call(
            &transport,
            backup(
                "CreateBackupVault",
                &CREATE_BACKUP_VAULT,
                json!({"BackupVaultName": name, "BackupVaultTags": {"team": "awsdoc"}, "CreatorRequestId": format!("req-{name}")}),
            ),
        )
        .await;
        assert_eq!(text(&created, "/BackupVaultName"), name);
        assert!(
            text(&created, "/BackupVaultArn").ends_with(&format!(":backup-vault:{name}")),
            "{created}"
        );
        arns.push(text(&created, "/BackupVaultArn").to_string());
    }

    let listed = call(
        &transport,
        backup(
            "ListBackupVaults",
            &LIST_BACKUP_VAULTS,
            json!({"MaxResults": 10}),
        ),
    )
    .await;
    let mut names: Vec<&str> = listed["BackupVaultList"]
        .as_array()
        .expect("BackupVaultList")
        .iter()
        .map(|v| text(v, "/BackupVaultName"))
        .collect();
    names.sort();
    assert_eq!(names, ["awsdoc-vault-1", "awsdoc-vault-2"]);

    let described = call(
        &transport,
        backup(
            "DescribeBackupVault",
            &DESCRIBE_BACKUP_VAULT,
            json!({"BackupVaultName": "awsdoc-vault-2"}),
        ),
    )
    .await;
    assert_eq!(text(&described, "/BackupVaultName"), "awsdoc-vault-2");
    assert_eq!(text(&described, "/BackupVaultArn"), arns[1]);

    match transport
        .call(backup(
            "DescribeBackupVault",
            &DESCRIBE_BACKUP_VAULT,
            json!({"BackupVaultName": "awsdoc-missing"}),
        ))
        .await
    {
        Err(CallError::Service(e)) => {
            assert_eq!(e.code, "ResourceNotFoundException", "{e:?}");
            assert_eq!(e.status, Some(400), "{e:?}");
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
}
