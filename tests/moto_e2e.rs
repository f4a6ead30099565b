//! The generated clients end to end over the real `HttpTransport`, against moto_server:
//! DynamoDB (awsJson 1.0), CloudHSM V2 (awsJson 1.1) and Backup (restJson1).
//!
//! Where `dynamodb_mock` checks what the client hands a transport, this checks that the
//! generated wire facts, input encoding, output decoding, error mapping and paginators agree
//! with a server that speaks the real protocols.
//!
//! One moto_server serves the binary (`support/moto.rs`; a missing one fails the tests with
//! install instructions), and all tests share its us-east-1 state. ListTables,
//! DescribeBackups and ListBackupVaults list the whole region and are asserted exactly, so
//! only one test creates tables, clusters or vaults (the other DynamoDB test creates
//! nothing); resource names never repeat across tests.

use std::sync::Arc;
use std::time::Duration;

use awsdoc_sdk::runtime::{Credentials, HttpTransport, PaginationConfig};
use awsdoc_sdk::{backup, cloudhsmv2, dynamodb};
use futures::TryStreamExt;

#[path = "support/moto.rs"]
mod moto;

/// The README's "Using the client" example, run here against moto so that it cannot rot.
#[path = "examples/list_dynamodb_backups.rs"]
#[allow(dead_code)] // its `main` is for `cargo run --example`, not for this binary
mod readme_example;

/// A transport to moto as a user would build one: explicit credentials, region and
/// endpoint, nothing read from this machine's environment or ~/.aws.
fn transport() -> Arc<HttpTransport> {
    let transport = HttpTransport::builder()
        .env_vars(Vec::<(String, String)>::new())
        .credentials(Credentials::new("testing", "testing", None))
        .region("us-east-1")
        .endpoint_url(moto::url())
        .max_attempts(2)
        .backoff(Duration::from_millis(50), Duration::from_millis(200))
        .attempt_timeout(Duration::from_secs(30))
        .build()
        .expect("a transport with explicit settings builds");
    Arc::new(transport)
}

/// Unwraps a call's result; a failure shows the error and what moto logged.
fn ok<T, E: std::fmt::Debug>(what: &str, result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("{what} failed: {e:?}\nmoto log:\n{}", moto::log_tail()))
}

// ---------------------------------------------------------------------------------------
// DynamoDB

#[tokio::test]
async fn dynamodb_tables_page_one_at_a_time_and_backups_list_and_describe() {
    use dynamodb::types::{
        AttributeDefinition, CreateBackupInput, CreateTableInput, DescribeBackupInput,
        KeySchemaElement, ListBackupsInput, ListTablesInput,
    };
    let client = dynamodb::Client::new(transport());

    let tables = ["e2e-tables-alpha", "e2e-tables-beta", "e2e-tables-gamma"];
    for name in tables {
        let input = CreateTableInput {
            key_schema: Some(vec![KeySchemaElement::new("pk", "HASH")]),
            attribute_definitions: Some(vec![AttributeDefinition::new("pk", "S")]),
            billing_mode: Some("PAY_PER_REQUEST".into()),
            ..CreateTableInput::new(name)
        };
        let created = ok("CreateTable", client.create_table(input).await);
        let description = created.table_description.expect("TableDescription");
        assert_eq!(description.table_name.as_deref(), Some(name));
        let arn = description.table_arn.expect("TableArn");
        assert!(arn.starts_with("arn:aws:dynamodb:us-east-1:"), "{arn}");
        assert!(arn.ends_with(&format!(":table/{name}")), "{arn}");
    }

    // Page size 1: the paginator must follow LastEvaluatedTableName twice and stop when the
    // third page comes without one.
    let pages: Vec<_> = ok(
        "ListTables pages",
        client
            .list_tables_pages(
                ListTablesInput::default(),
                PaginationConfig::default().page_size(1),
            )
            .try_collect()
            .await,
    );
    assert_eq!(pages.len(), 3, "{pages:?}");
    let on_pages: Vec<Vec<String>> = pages
        .iter()
        .map(|p| p.table_names.clone().unwrap_or_default())
        .collect();
    assert_eq!(on_pages, tables.map(|t| vec![t.to_string()]));
    let tokens: Vec<Option<&str>> = pages
        .iter()
        .map(|p| p.last_evaluated_table_name.as_deref())
        .collect();
    assert_eq!(tokens, [Some(tables[0]), Some(tables[1]), None]);
    let items: Vec<String> = ok(
        "ListTables items",
        client
            .list_tables_items(
                ListTablesInput::default(),
                PaginationConfig::default().page_size(1),
            )
            .try_collect()
            .await,
    );
    assert_eq!(items, tables);

    let table = tables[1];
    let mut arns = Vec::new();
    for name in ["e2e-nightly", "e2e-weekly"] {
        let created = ok(
            "CreateBackup",
            client
                .create_backup(CreateBackupInput::new(table, name))
                .await,
        );
        let details = created.backup_details.expect("BackupDetails");
        assert_eq!(details.backup_name.as_deref(), Some(name));
        assert!(details.backup_creation_date_time.is_some(), "{details:?}");
        arns.push(details.backup_arn.expect("BackupArn"));
    }
    assert_ne!(arns[0], arns[1]);

    let listed = ok(
        "ListBackups",
        client
            .list_backups(ListBackupsInput {
                table_name: Some(table.into()),
                ..Default::default()
            })
            .await,
    );
    let summaries = listed.backup_summaries.expect("BackupSummaries");
    let mut found: Vec<(&str, &str, &str)> = summaries
        .iter()
        .map(|s| {
            (
                s.backup_name.as_deref().expect("BackupName"),
                s.backup_arn.as_deref().expect("BackupArn"),
                s.table_name.as_deref().expect("TableName"),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            ("e2e-nightly", arns[0].as_str(), table),
            ("e2e-weekly", arns[1].as_str(), table)
        ]
    );

    let described = ok(
        "DescribeBackup",
        client
            .describe_backup(DescribeBackupInput::new(arns[1].clone()))
            .await,
    );
    let description = described.backup_description.expect("BackupDescription");
    let details = description.backup_details.expect("BackupDetails");
    assert_eq!(details.backup_arn.as_deref(), Some(arns[1].as_str()));
    assert_eq!(details.backup_name.as_deref(), Some("e2e-weekly"));
    let status = details.backup_status.expect("BackupStatus");
    assert!(
        matches!(
            status,
            dynamodb::types::BackupStatus::Available | dynamodb::types::BackupStatus::Creating
        ),
        "a documented status decodes to its variant: {status:?}"
    );
    let source = description
        .source_table_details
        .expect("SourceTableDetails");
    assert_eq!(source.table_name.as_deref(), Some(table));

    // The README example, over the same client: both backups, through the items stream.
    let mut names = ok(
        "README example",
        readme_example::backup_names(&client, table).await,
    );
    names.sort();
    assert_eq!(names, ["e2e-nightly", "e2e-weekly"]);
}

#[tokio::test]
async fn dynamodb_missing_tables_give_the_documented_error_variants() {
    use dynamodb::errors::{CreateBackupError, DescribeTableError};
    use dynamodb::types::{CreateBackupInput, DescribeTableInput};
    let client = dynamodb::Client::new(transport());

    let input = CreateBackupInput::new("e2e-errors-missing", "never");
    match client.create_backup(input).await {
        Err(CreateBackupError::TableNotFoundException(e)) => {
            assert_eq!(e.error.code, "TableNotFoundException");
            assert_eq!(e.error.status, Some(400));
            assert!(
                e.error
                    .message
                    .as_deref()
                    .is_some_and(|m| m.contains("e2e-errors-missing")),
                "{e:?}"
            );
            // The error shape's own `message` member, decoded from the body.
            assert_eq!(e.message, e.error.message);
            assert!(
                e.error.request_id.as_deref().is_some_and(|id| !id.is_empty()),
                "{e:?}"
            );
        }
        other => panic!("expected TableNotFoundException, got {other:?}"),
    }

    let input = DescribeTableInput::new("e2e-errors-missing");
    let err = client
        .describe_table(input)
        .await
        .expect_err("the table does not exist");
    assert!(
        matches!(err, DescribeTableError::ResourceNotFoundException(_)),
        "{err:?}"
    );
    let service = err.service_error().expect("a service answer");
    assert_eq!(service.code, "ResourceNotFoundException");
    assert_eq!(service.status, Some(400));
    assert!(
        err.to_string().starts_with("ResourceNotFoundException: "),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// CloudHSM V2

#[tokio::test]
async fn cloudhsmv2_describe_backups_pages_one_at_a_time() {
    use cloudhsmv2::types::{CreateClusterInput, DescribeBackupsInput};
    let client = cloudhsmv2::Client::new(transport());

    // moto backs up each new cluster at once, so three clusters make three backups.
    let mut clusters = Vec::new();
    for _ in 0..3 {
        let input = CreateClusterInput::new(
            "hsm1.medium",
            vec!["subnet-0123456789abcdef0".into()],
        );
        let created = ok("CreateCluster", client.create_cluster(input).await);
        let cluster = created.cluster.expect("Cluster");
        assert_eq!(cluster.hsm_type.as_deref(), Some("hsm1.medium"));
        clusters.push(cluster.cluster_id.expect("ClusterId"));
    }

    let pages: Vec<_> = ok(
        "DescribeBackups pages",
        client
            .describe_backups_pages(
                DescribeBackupsInput::default(),
                PaginationConfig::default().page_size(1),
            )
            .try_collect()
            .await,
    );
    assert_eq!(pages.len(), 3, "{pages:?}");
    let per_page: Vec<usize> = pages
        .iter()
        .map(|p| p.backups.as_ref().map_or(0, Vec::len))
        .collect();
    assert_eq!(per_page, [1, 1, 1]);
    // The first two pages hand on a token, the last ends the walk.
    let tokens: Vec<bool> = pages.iter().map(|p| p.next_token.is_some()).collect();
    assert_eq!(tokens, [true, true, false]);

    let mut backed_up: Vec<String> = pages
        .into_iter()
        .flat_map(|p| p.backups.unwrap_or_default())
        .map(|b| {
            assert!(
                b.backup_arn
                    .as_deref()
                    .is_some_and(|arn| arn.contains(":backup/")),
                "{b:?}"
            );
            // moto sends this one as ISO 8601 without an offset; it decodes as UTC.
            assert!(b.create_timestamp.is_some(), "{b:?}");
            assert_eq!(b.backup_state.as_ref().map(|s| s.as_str()), Some("READY"));
            b.cluster_id.expect("ClusterId")
        })
        .collect();
    backed_up.sort();
    clusters.sort();
    assert_eq!(
        backed_up, clusters,
        "each page a different backup: the tokens were followed"
    );
}

// ---------------------------------------------------------------------------------------
// Backup

#[tokio::test]
async fn backup_vault_create_list_and_describe_over_rest_json() {
    use backup::types::{CreateBackupVaultInput, DescribeBackupVaultInput, ListBackupVaultsInput};
    let client = backup::Client::new(transport());
    let name = "e2e-vault";

    let input = CreateBackupVaultInput {
        backup_vault_tags: Some([("team".to_string(), "awsdoc".to_string())].into()),
        ..CreateBackupVaultInput::new(name)
    };
    let created = ok("CreateBackupVault", client.create_backup_vault(input).await);
    assert_eq!(created.backup_vault_name.as_deref(), Some(name));
    let arn = created.backup_vault_arn.expect("BackupVaultArn");
    assert!(arn.starts_with("arn:aws:backup:us-east-1:"), "{arn}");
    assert!(arn.ends_with(&format!(":backup-vault:{name}")), "{arn}");

    let listed = ok(
        "ListBackupVaults",
        client
            .list_backup_vaults(ListBackupVaultsInput {
                max_results: Some(10),
                ..Default::default()
            })
            .await,
    );
    let vaults = listed.backup_vault_list.expect("BackupVaultList");
    assert_eq!(vaults.len(), 1, "{vaults:?}");
    assert_eq!(vaults[0].backup_vault_name.as_deref(), Some(name));
    assert_eq!(vaults[0].backup_vault_arn.as_deref(), Some(arn.as_str()));
    // The client filled in the idempotency token the caller left unset.
    let token = vaults[0]
        .creator_request_id
        .as_deref()
        .expect("CreatorRequestId");
    assert_eq!(token.len(), 36, "a UUID: {token}");

    let described = ok(
        "DescribeBackupVault",
        client
            .describe_backup_vault(DescribeBackupVaultInput::new(name))
            .await,
    );
    assert_eq!(described.backup_vault_name.as_deref(), Some(name));
    assert_eq!(described.backup_vault_arn.as_deref(), Some(arn.as_str()));
    // moto rounds CreateBackupVault's date to milliseconds but not DescribeBackupVault's.
    let (described, created) = (
        described.creation_date.expect("CreationDate"),
        created.creation_date.expect("CreationDate"),
    );
    let apart = (described.as_secs_f64() - created.as_secs_f64()).abs();
    assert!(apart < 0.001, "{described} vs {created}");
}

// ---------------------------------------------------------------------------------------
// The README

/// The README shows the example file verbatim, so the code users copy is the code above runs.
#[test]
fn readme_shows_the_tested_example() {
    let readme = include_str!("../README.md");
    let example = include_str!("examples/list_dynamodb_backups.rs");
    let block = format!("```rust\n{example}```\n");
    assert!(
        readme.contains(&block),
        "README.md's \"Using the client\" section must show tests/examples/list_dynamodb_backups.rs verbatim in a ```rust block"
    );
}
