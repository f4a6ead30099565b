//! The generated clients end to end over the real `HttpTransport`, against moto_server:
//! DynamoDB and DynamoDB Streams (awsJson 1.0), CloudHSM V2 (awsJson 1.1) and Backup
//! (restJson1).
//!
//! Where `dynamodb_mock` and `backup_mock` check what the client hands a transport, this
//! checks that the generated wire facts, input encoding, output decoding, error mapping (down
//! to the error shapes' own members) and paginators agree with a server that speaks the real
//! protocols.
//!
//! One moto_server serves the binary (`support/moto.rs`; a missing one fails the tests with
//! install instructions). moto keeps each region's resources apart, and the transport signs
//! for the region it is built for. In us-east-1, ListTables, DescribeBackups and
//! ListBackupVaults list the whole region and are asserted exactly, so only one test creates
//! tables, clusters or vaults there (the other DynamoDB test there creates nothing); every
//! other test that creates something works in a region of its own (the `REGION` constant at
//! its top) and lists that region exactly. Resource names never repeat across tests.

use std::sync::Arc;

use awsdoc_sdk::runtime::{HttpTransport, OperationError, PaginationConfig};
use awsdoc_sdk::{backup, cloudhsmv2, dynamodb, dynamodbstreams};
use futures::TryStreamExt;

#[path = "support/moto.rs"]
mod moto;

#[path = "support/e2e.rs"]
mod e2e;
use e2e::{boto3, ok, transport_in};

/// The README's "Using the client" example, run here against moto so that it cannot rot.
#[path = "examples/list_dynamodb_backups.rs"]
#[allow(dead_code)] // its `main` is for `cargo run --example`, not for this binary
mod readme_example;

/// A us-east-1 transport to moto (see [`transport_in`]).
fn transport() -> Arc<HttpTransport> {
    transport_in("us-east-1")
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
                e.error
                    .request_id
                    .as_deref()
                    .is_some_and(|id| !id.is_empty()),
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
    // The common methods, as code handling many operations' errors reads them.
    assert_eq!((err.code(), err.status()), (Some("ResourceNotFoundException"), Some(400)));
    assert!(err.request_id().is_some() && !err.is_retryable(), "{err:?}");
    assert!(
        err.to_string().starts_with("DescribeTable failed: ResourceNotFoundException: "),
        "{err}"
    );
}

// DynamoDB attribute values: a string, a number, a string set.
fn s(value: &str) -> dynamodb::types::AttributeValue {
    dynamodb::types::AttributeValue::S(value.into())
}

fn n(value: &str) -> dynamodb::types::AttributeValue {
    dynamodb::types::AttributeValue::N(value.into())
}

fn ss(values: &[&str]) -> dynamodb::types::AttributeValue {
    dynamodb::types::AttributeValue::Ss(values.iter().map(|v| v.to_string()).collect())
}

/// A DynamoDB item or key.
type Item = std::collections::BTreeMap<String, dynamodb::types::AttributeValue>;

fn item(pairs: &[(&str, dynamodb::types::AttributeValue)]) -> Item {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// An on-demand table keyed by the string `pk`.
async fn create_table(client: &dynamodb::Client, name: &str) {
    use dynamodb::types::{AttributeDefinition, CreateTableInput, KeySchemaElement};
    let input = CreateTableInput {
        key_schema: Some(vec![KeySchemaElement::new("pk", "HASH")]),
        attribute_definitions: Some(vec![AttributeDefinition::new("pk", "S")]),
        billing_mode: Some("PAY_PER_REQUEST".into()),
        ..CreateTableInput::new(name)
    };
    ok("CreateTable", client.create_table(input).await);
}

#[tokio::test]
async fn dynamodb_failed_put_condition_returns_the_old_item_in_the_error() {
    use dynamodb::errors::PutItemError;
    use dynamodb::types::{GetItemInput, PutItemInput};
    const REGION: &str = "eu-west-2";
    let client = dynamodb::Client::new(transport_in(REGION));
    let table = "e2e-conditional-puts";
    create_table(&client, table).await;
    let original = item(&[
        ("pk", s("song#1")),
        ("plays", n("1")),
        ("tags", ss(&["folk", "pop"])),
    ]);
    ok(
        "PutItem",
        client
            .put_item(PutItemInput::new(table, original.clone()))
            .await,
    );

    let overwrite = |return_old: bool| PutItemInput {
        condition_expression: Some("attribute_not_exists(pk)".into()),
        return_values_on_condition_check_failure: return_old.then(|| "ALL_OLD".into()),
        ..PutItemInput::new(table, item(&[("pk", s("song#1")), ("plays", n("2"))]))
    };
    match client.put_item(overwrite(true)).await {
        Err(PutItemError::ConditionalCheckFailedException(e)) => {
            assert_eq!(e.error.code, "ConditionalCheckFailedException");
            assert_eq!(e.error.status, Some(400));
            // DynamoDB's shape names its message `message`, as moto sends it.
            assert_eq!(e.message.as_deref(), Some("The conditional request failed"));
            assert_eq!(e.message, e.error.message);
            // ReturnValuesOnConditionCheckFailure=ALL_OLD: the item as it was, typed.
            let old = e.item.as_ref().expect("Item");
            assert_eq!(old, &original);
            assert_eq!(old["plays"].as_n(), Some("1"));
            assert_eq!(
                old["tags"].as_ss(),
                Some(&["folk".to_string(), "pop".to_string()][..])
            );
        }
        other => panic!("expected ConditionalCheckFailedException, got {other:?}"),
    }
    // Not asked for, the old item does not come.
    match client.put_item(overwrite(false)).await {
        Err(PutItemError::ConditionalCheckFailedException(e)) => {
            assert_eq!(e.item, None, "{e:?}");
            assert_eq!(e.message.as_deref(), Some("The conditional request failed"));
        }
        other => panic!("expected ConditionalCheckFailedException, got {other:?}"),
    }

    let key = item(&[("pk", s("song#1"))]);
    let stored = ok(
        "GetItem",
        client.get_item(GetItemInput::new(table, key)).await,
    );
    assert_eq!(
        stored.item,
        Some(original),
        "the failed puts changed nothing"
    );
}

#[tokio::test]
async fn dynamodb_cancelled_transaction_gives_its_reasons_typed() {
    use dynamodb::errors::TransactWriteItemsError;
    use dynamodb::types::{
        ConditionCheck, GetItemInput, Put, PutItemInput, TransactWriteItem,
        TransactWriteItemsInput, Update,
    };
    const REGION: &str = "eu-west-3";
    let client = dynamodb::Client::new(transport_in(REGION));
    let table = "e2e-transactions";
    create_table(&client, table).await;
    let account = item(&[("pk", s("account#1")), ("balance", n("100"))]);
    ok(
        "PutItem",
        client
            .put_item(PutItemInput::new(table, account.clone()))
            .await,
    );

    // A put that would succeed, then a withdrawal the balance does not cover.
    let transfer = TransactWriteItemsInput::new(vec![
        TransactWriteItem {
            put: Some(Put::new(
                item(&[("pk", s("account#2")), ("balance", n("150"))]),
                table,
            )),
            ..Default::default()
        },
        TransactWriteItem {
            update: Some(Update {
                condition_expression: Some("balance >= :amount".into()),
                expression_attribute_values: Some(item(&[(":amount", n("150"))])),
                return_values_on_condition_check_failure: Some("ALL_OLD".into()),
                ..Update::new(
                    item(&[("pk", s("account#1"))]),
                    "SET balance = balance - :amount",
                    table,
                )
            }),
            ..Default::default()
        },
    ]);
    match client.transact_write_items(transfer).await {
        Err(TransactWriteItemsError::TransactionCanceledException(e)) => {
            assert_eq!(e.error.code, "TransactionCanceledException");
            assert_eq!(e.error.status, Some(400));
            // This shape's member is `Message`, as moto sends it.
            assert_eq!(e.message, e.error.message);
            assert!(
                e.message
                    .as_deref()
                    .is_some_and(|m| m.contains("[None, ConditionalCheckFailed]")),
                "{e:?}"
            );
            // One reason per action, in order: "None" for the put that did not fail.
            let reasons = e
                .cancellation_reasons
                .as_ref()
                .expect("CancellationReasons");
            assert_eq!(reasons.len(), 2, "{reasons:?}");
            assert_eq!(reasons[0].code.as_deref(), Some("None"));
            assert_eq!((&reasons[0].message, &reasons[0].item), (&None, &None));
            assert_eq!(reasons[1].code.as_deref(), Some("ConditionalCheckFailed"));
            assert_eq!(
                reasons[1].message.as_deref(),
                Some("The conditional request failed")
            );
            assert_eq!(
                reasons[1].item.as_ref(),
                Some(&account),
                "ALL_OLD was asked for"
            );
        }
        other => panic!("expected TransactionCanceledException, got {other:?}"),
    }
    let key = item(&[("pk", s("account#2"))]);
    let put = ok(
        "GetItem",
        client.get_item(GetItemInput::new(table, key)).await,
    );
    assert_eq!(put.item, None, "the transaction's put was not applied");

    // A condition check without ReturnValuesOnConditionCheckFailure: its reason has no item.
    let check = TransactWriteItemsInput::new(vec![TransactWriteItem {
        condition_check: Some(ConditionCheck {
            expression_attribute_values: Some(item(&[(":min", n("1000"))])),
            ..ConditionCheck::new(item(&[("pk", s("account#1"))]), table, "balance >= :min")
        }),
        ..Default::default()
    }]);
    match client.transact_write_items(check).await {
        Err(TransactWriteItemsError::TransactionCanceledException(e)) => {
            let reasons = e
                .cancellation_reasons
                .as_ref()
                .expect("CancellationReasons");
            let codes: Vec<_> = reasons.iter().map(|r| r.code.as_deref()).collect();
            assert_eq!(codes, [Some("ConditionalCheckFailed")]);
            assert_eq!(reasons[0].item, None);
        }
        other => panic!("expected TransactionCanceledException, got {other:?}"),
    }
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
        let input = CreateClusterInput::new("hsm1.medium", vec!["subnet-0123456789abcdef0".into()]);
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

#[tokio::test]
async fn backup_plans_create_get_list_and_delete() {
    use backup::errors::CreateBackupPlanError;
    use backup::types::{
        BackupPlanInput, BackupRuleInput, CreateBackupPlanInput, DeleteBackupPlanInput,
        GetBackupPlanInput, Lifecycle, ListBackupPlansInput,
    };
    const REGION: &str = "us-west-2";
    let client = backup::Client::new(transport_in(REGION));

    let rule = BackupRuleInput {
        schedule_expression: Some("cron(0 3 ? * * *)".into()),
        start_window_minutes: Some(60),
        lifecycle: Some(Lifecycle {
            delete_after_days: Some(35),
            ..Default::default()
        }),
        recovery_point_tags: Some([("kind".to_string(), "nightly".to_string())].into()),
        ..BackupRuleInput::new("nightly", "e2e-plans-target-vault")
    };
    let names = ["e2e-plan-nightly", "e2e-plan-weekly"];
    let mut ids = Vec::new();
    for name in names {
        let input = CreateBackupPlanInput::new(BackupPlanInput::new(name, vec![rule.clone()]));
        let created = ok("CreateBackupPlan", client.create_backup_plan(input).await);
        let id = created.backup_plan_id.expect("BackupPlanId");
        let arn = created.backup_plan_arn.expect("BackupPlanArn");
        assert!(
            arn.starts_with(&format!("arn:aws:backup:{REGION}:")),
            "{arn}"
        );
        assert!(arn.ends_with(&format!(":backup-plan:{id}")), "{arn}");
        assert!(created.version_id.is_some_and(|v| !v.is_empty()));
        assert!(created.creation_date.is_some());
        ids.push(id);
    }
    assert_ne!(ids[0], ids[1]);

    // The plan comes back with its rule, the members moto fills in included.
    let got = ok(
        "GetBackupPlan",
        client
            .get_backup_plan(GetBackupPlanInput::new(ids[0].clone()))
            .await,
    );
    assert_eq!(got.backup_plan_id.as_deref(), Some(ids[0].as_str()));
    assert_eq!(got.deletion_date, None);
    let token = got.creator_request_id.expect("CreatorRequestId");
    assert_eq!(
        token.len(),
        36,
        "the client's idempotency token, a UUID: {token}"
    );
    let plan = got.backup_plan.expect("BackupPlan");
    assert_eq!(plan.backup_plan_name.as_deref(), Some(names[0]));
    let rules = plan.rules.expect("Rules");
    assert_eq!(rules.len(), 1, "{rules:?}");
    let got_rule = &rules[0];
    assert_eq!(got_rule.rule_name.as_deref(), Some("nightly"));
    assert_eq!(
        got_rule.target_backup_vault_name.as_deref(),
        Some("e2e-plans-target-vault")
    );
    assert_eq!(
        got_rule.schedule_expression.as_deref(),
        Some("cron(0 3 ? * * *)")
    );
    assert_eq!(got_rule.start_window_minutes, Some(60));
    // Left unset, so the service's defaults: seven days, UTC.
    assert_eq!(got_rule.completion_window_minutes, Some(10080));
    assert_eq!(
        got_rule.schedule_expression_timezone.as_deref(),
        Some("Etc/UTC")
    );
    let lifecycle = got_rule.lifecycle.as_ref().expect("Lifecycle");
    assert_eq!(lifecycle.delete_after_days, Some(35));
    assert_eq!(lifecycle.move_to_cold_storage_after_days, None);
    assert_eq!(got_rule.recovery_point_tags, rule.recovery_point_tags);
    assert!(
        got_rule.rule_id.as_deref().is_some_and(|id| !id.is_empty()),
        "{got_rule:?}"
    );

    // A second plan of the same name is the typed AlreadyExistsException.
    let input = CreateBackupPlanInput::new(BackupPlanInput::new(names[0], vec![rule.clone()]));
    match client.create_backup_plan(input).await {
        Err(CreateBackupPlanError::AlreadyExistsException(e)) => {
            assert_eq!(e.error.code, "AlreadyExistsException");
            assert_eq!(e.error.status, Some(400));
            assert!(
                e.error
                    .message
                    .as_deref()
                    .is_some_and(|m| m.contains("already exists")),
                "{e:?}"
            );
        }
        other => panic!("expected AlreadyExistsException, got {other:?}"),
    }

    // moto 5.2.5 does not paginate ListBackupPlans ("Pagination is not yet implemented"): it
    // ignores MaxResults=1 and answers one page without a NextToken, which ends the walk.
    // backup_mock's paginator tests show the tokens being followed.
    let pages: Vec<_> = ok(
        "ListBackupPlans pages",
        client
            .list_backup_plans_pages(
                ListBackupPlansInput::default(),
                PaginationConfig::default().page_size(1),
            )
            .try_collect()
            .await,
    );
    assert_eq!(pages.len(), 1, "{pages:?}");
    assert_eq!(pages[0].next_token, None);
    let listed = |include_deleted: Option<bool>| {
        let input = ListBackupPlansInput {
            include_deleted,
            ..Default::default()
        };
        client
            .list_backup_plans_items(input, PaginationConfig::default().page_size(1))
            .map_ok(|p| {
                let deleted = p.deletion_date.is_some();
                (
                    p.backup_plan_name.unwrap_or_default(),
                    p.backup_plan_id.unwrap_or_default(),
                    deleted,
                )
            })
            .try_collect::<Vec<_>>()
    };
    let plans = ok("ListBackupPlans items", listed(None).await);
    assert_eq!(
        plans,
        [
            (names[0].to_string(), ids[0].clone(), false),
            (names[1].to_string(), ids[1].clone(), false)
        ]
    );

    let deleted = ok(
        "DeleteBackupPlan",
        client
            .delete_backup_plan(DeleteBackupPlanInput::new(ids[0].clone()))
            .await,
    );
    assert_eq!(deleted.backup_plan_id.as_deref(), Some(ids[0].as_str()));
    assert!(deleted.deletion_date.is_some(), "{deleted:?}");
    let plans = ok("ListBackupPlans items", listed(None).await);
    assert_eq!(plans, [(names[1].to_string(), ids[1].clone(), false)]);
    // includeDeleted travels in the query string and brings the deleted plan back, dated.
    let plans = ok("ListBackupPlans items", listed(Some(true)).await);
    assert_eq!(
        plans,
        [
            (names[0].to_string(), ids[0].clone(), true),
            (names[1].to_string(), ids[1].clone(), false)
        ]
    );
}

#[tokio::test]
async fn backup_vaults_lock_list_through_the_paginator_and_delete() {
    use backup::errors::DescribeBackupVaultError;
    use backup::types::{
        CreateBackupVaultInput, DeleteBackupVaultInput, DescribeBackupVaultInput,
        ListBackupVaultsInput, PutBackupVaultLockConfigurationInput,
    };
    const REGION: &str = "eu-west-1";
    let client = backup::Client::new(transport_in(REGION));
    let names = ["e2e-locked-vault", "e2e-plain-vault"];
    for name in names {
        let created = ok(
            "CreateBackupVault",
            client
                .create_backup_vault(CreateBackupVaultInput::new(name))
                .await,
        );
        assert_eq!(created.backup_vault_name.as_deref(), Some(name));
    }

    let lock = PutBackupVaultLockConfigurationInput {
        min_retention_days: Some(7),
        max_retention_days: Some(30),
        changeable_for_days: Some(3),
        ..PutBackupVaultLockConfigurationInput::new(names[0])
    };
    let () = ok(
        "PutBackupVaultLockConfiguration",
        client.put_backup_vault_lock_configuration(lock).await,
    );

    let describe =
        |name: &'static str| client.describe_backup_vault(DescribeBackupVaultInput::new(name));
    let locked = ok("DescribeBackupVault", describe(names[0]).await);
    assert_eq!(locked.locked, Some(true));
    assert_eq!(locked.min_retention_days, Some(7));
    assert_eq!(locked.max_retention_days, Some(30));
    // The lock sets after ChangeableForDays: three days from now.
    let lock_date = locked.lock_date.expect("LockDate").as_secs_f64();
    let expected = awsdoc_sdk::runtime::DateTime::now().as_secs_f64() + 3.0 * 86_400.0;
    assert!(
        (lock_date - expected).abs() < 60.0,
        "{lock_date} vs {expected}"
    );
    let plain = ok("DescribeBackupVault", describe(names[1]).await);
    assert_eq!(plain.locked, Some(false));
    assert_eq!((plain.min_retention_days, plain.lock_date), (None, None));

    // moto does not paginate ListBackupVaults either (one page, no NextToken); the items
    // stream still yields every vault of the page.
    let vaults = || {
        client
            .list_backup_vaults_items(
                ListBackupVaultsInput::default(),
                PaginationConfig::default().page_size(1),
            )
            .map_ok(|v| {
                (
                    v.backup_vault_name.unwrap_or_default(),
                    v.locked,
                    v.min_retention_days,
                    v.max_retention_days,
                )
            })
            .try_collect::<Vec<_>>()
    };
    assert_eq!(
        ok("ListBackupVaults items", vaults().await),
        [
            (names[0].to_string(), Some(true), Some(7), Some(30)),
            (names[1].to_string(), Some(false), None, None)
        ]
    );

    let () = ok(
        "DeleteBackupVault",
        client
            .delete_backup_vault(DeleteBackupVaultInput::new(names[1]))
            .await,
    );
    match describe(names[1]).await {
        Err(DescribeBackupVaultError::ResourceNotFoundException(e)) => {
            assert_eq!(e.error.status, Some(400));
            // moto's message is the vault's name.
            assert_eq!(e.error.message.as_deref(), Some(names[1]));
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    assert_eq!(
        ok("ListBackupVaults items", vaults().await),
        [(names[0].to_string(), Some(true), Some(7), Some(30))]
    );
    // Still inside ChangeableForDays, so the locked vault can go too.
    let () = ok(
        "DeleteBackupVault",
        client
            .delete_backup_vault(DeleteBackupVaultInput::new(names[0]))
            .await,
    );
    assert_eq!(ok("ListBackupVaults items", vaults().await), []);
}

#[tokio::test]
async fn backup_report_plans_create_describe_list_and_delete() {
    use backup::errors::DescribeReportPlanError;
    use backup::types::{
        CreateReportPlanInput, DeleteReportPlanInput, DescribeReportPlanInput,
        ListReportPlansInput, ReportDeliveryChannel, ReportSetting,
    };
    const REGION: &str = "eu-central-1";
    let client = backup::Client::new(transport_in(REGION));
    let plans = [
        ("e2e_job_report", "BACKUP_JOB_REPORT"),
        ("e2e_copy_report", "COPY_JOB_REPORT"),
    ];
    let mut created_at = Vec::new();
    for (name, template) in plans {
        let channel = ReportDeliveryChannel {
            s3_key_prefix: Some("reports".into()),
            formats: Some(vec!["CSV".into(), "JSON".into()]),
            ..ReportDeliveryChannel::new("e2e-report-bucket")
        };
        let input = CreateReportPlanInput {
            report_plan_description: Some(format!("{template} for e2e")),
            ..CreateReportPlanInput::new(name, channel, ReportSetting::new(template))
        };
        let created = ok("CreateReportPlan", client.create_report_plan(input).await);
        assert_eq!(created.report_plan_name.as_deref(), Some(name));
        let arn = created.report_plan_arn.expect("ReportPlanArn");
        assert!(
            arn.starts_with(&format!("arn:aws:backup:{REGION}:")),
            "{arn}"
        );
        assert!(arn.ends_with(&format!(":report-plan:{name}")), "{arn}");
        created_at.push(created.creation_time.expect("CreationTime"));
    }

    let (name, template) = plans[0];
    let described = ok(
        "DescribeReportPlan",
        client
            .describe_report_plan(DescribeReportPlanInput::new(name))
            .await,
    );
    let plan = described.report_plan.expect("ReportPlan");
    assert_eq!(plan.report_plan_name.as_deref(), Some(name));
    assert_eq!(
        plan.report_plan_description.as_deref(),
        Some("BACKUP_JOB_REPORT for e2e")
    );
    let setting = plan.report_setting.expect("ReportSetting");
    assert_eq!(setting.report_template, template);
    let channel = plan.report_delivery_channel.expect("ReportDeliveryChannel");
    assert_eq!(channel.s3_bucket_name, "e2e-report-bucket");
    assert_eq!(channel.s3_key_prefix.as_deref(), Some("reports"));
    assert_eq!(
        channel.formats,
        Some(vec!["CSV".to_string(), "JSON".to_string()])
    );
    assert_eq!(plan.deployment_status.as_deref(), Some("COMPLETED"));
    assert_eq!(plan.creation_time, Some(created_at[0]));

    let names = || async {
        let listed = ok(
            "ListReportPlans",
            client
                .list_report_plans(ListReportPlansInput::default())
                .await,
        );
        listed
            .report_plans
            .unwrap_or_default()
            .into_iter()
            .map(|p| p.report_plan_name.unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(names().await, [plans[0].0, plans[1].0]);

    let () = ok(
        "DeleteReportPlan",
        client
            .delete_report_plan(DeleteReportPlanInput::new(name))
            .await,
    );
    match client
        .describe_report_plan(DescribeReportPlanInput::new(name))
        .await
    {
        Err(DescribeReportPlanError::ResourceNotFoundException(e)) => {
            assert_eq!(
                e.error.message.as_deref(),
                Some(format!("Report Plan {name} not found").as_str())
            );
        }
        other => panic!("expected ResourceNotFoundException, got {other:?}"),
    }
    assert_eq!(names().await, [plans[1].0]);
}

#[tokio::test]
async fn backup_tags_tag_untag_and_list() {
    use backup::types::{
        CreateBackupVaultInput, ListTagsInput, TagResourceInput, UntagResourceInput,
    };
    const REGION: &str = "ap-southeast-2";
    let client = backup::Client::new(transport_in(REGION));
    let tags = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };

    let input = CreateBackupVaultInput {
        backup_vault_tags: Some(tags(&[("team", "awsdoc")])),
        ..CreateBackupVaultInput::new("e2e-tagged-vault")
    };
    let created = ok("CreateBackupVault", client.create_backup_vault(input).await);
    // The ARN, colons and all, is a path label of TagResource, UntagResource and ListTags.
    let arn = created.backup_vault_arn.expect("BackupVaultArn");
    let list = || client.list_tags(ListTagsInput::new(arn.clone()));
    assert_eq!(
        ok("ListTags", list().await).tags,
        Some(tags(&[("team", "awsdoc")]))
    );

    let input = TagResourceInput::new(arn.clone(), tags(&[("env", "test"), ("owner", "e2e")]));
    let () = ok("TagResource", client.tag_resource(input).await);
    assert_eq!(
        ok("ListTags", list().await).tags,
        Some(tags(&[
            ("env", "test"),
            ("owner", "e2e"),
            ("team", "awsdoc")
        ]))
    );

    let input = UntagResourceInput::new(arn.clone(), vec!["team".into(), "owner".into()]);
    let () = ok("UntagResource", client.untag_resource(input).await);
    let listed = ok("ListTags", list().await);
    assert_eq!(listed.tags, Some(tags(&[("env", "test")])));
    assert_eq!(listed.next_token, None);
}

#[tokio::test]
async fn backup_duplicate_vault_is_the_typed_already_exists_error() {
    use backup::errors::CreateBackupVaultError;
    use backup::types::CreateBackupVaultInput;
    const REGION: &str = "us-east-2";
    let client = backup::Client::new(transport_in(REGION));
    let name = "e2e-duplicate-vault";
    ok(
        "CreateBackupVault",
        client
            .create_backup_vault(CreateBackupVaultInput::new(name))
            .await,
    );

    let err = client
        .create_backup_vault(CreateBackupVaultInput::new(name))
        .await
        .expect_err("the vault exists");
    let CreateBackupVaultError::AlreadyExistsException(e) = &err else {
        panic!("expected AlreadyExistsException, got {err:?}");
    };
    // The common part: the code from moto's X-Amzn-ErrorType header, the message and status.
    assert_eq!(e.error.code, "AlreadyExistsException");
    assert_eq!(e.error.status, Some(400));
    // The same through the accessors every error has; `e.code` is the shape's own member.
    assert_eq!((e.code(), e.status()), ("AlreadyExistsException", Some(400)));
    assert_eq!(e.message(), Some("Backup vault with the same name already exists"));
    assert_eq!(e.code, None);
    assert_eq!(
        e.error.message.as_deref(),
        Some("Backup vault with the same name already exists")
    );
    assert!(
        e.error
            .request_id
            .as_deref()
            .is_some_and(|id| !id.is_empty()),
        "{e:?}"
    );
    // moto's body is {"__type": ..., "message": ...}: only a lower-case `message`. Backup's
    // AlreadyExistsException names its member `Message` (and has Code, Arn, Context,
    // CreatorRequestId and Type, none of which moto sends), and the typed members are decoded
    // by their wire names, so against moto they are all unset; the message is still in
    // `e.error.message`, which reads `message` or `Message`. backup_mock shows every typed
    // member arriving from a body that has them.
    assert_eq!(
        e.error.fields.get("message"),
        Some(&serde_json::json!(
            "Backup vault with the same name already exists"
        ))
    );
    assert_eq!(e.message, None);
    assert_eq!(
        (&e.code, &e.arn, &e.context, &e.creator_request_id, &e.type_),
        (&None, &None, &None, &None, &None)
    );
    assert_eq!(err.service_error(), Some(&e.error));
    assert_eq!(
        err.to_string(),
        format!(
            "CreateBackupVault failed: AlreadyExistsException: Backup vault with the same name already exists (request id {})",
            e.error.request_id.as_deref().unwrap()
        )
    );
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

/// The caller's own types as items, through `dynamodb::to_item`/`from_item` (serde).
#[tokio::test]
async fn dynamodb_items_from_and_to_serde_types() {
    use dynamodb::types::{GetItemInput, PutItemInput};
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Line {
        sku: String,
        qty: u32,
        price: f64,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Status {
        Open,
        Shipped { carrier: String },
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Order {
        pk: String,
        placed: i64,
        note: Option<String>,
        lines: Vec<Line>,
        #[serde(with = "dynamodb::set")]
        tags: std::collections::BTreeSet<String>,
        status: Status,
    }

    const REGION: &str = "eu-west-3";
    let client = dynamodb::Client::new(transport_in(REGION));
    let table = "e2e-serde-items";
    create_table(&client, table).await;
    let order = Order {
        pk: "order#7".into(),
        placed: i64::MIN,
        note: None,
        lines: vec![
            Line { sku: "tea".into(), qty: 2, price: 3.5 },
            Line { sku: "cup".into(), qty: 1, price: 0.1 },
        ],
        tags: ["gift".to_string(), "fragile".to_string()].into(),
        status: Status::Shipped { carrier: "post".into() },
    };
    let item = dynamodb::to_item(&order).expect("an item");
    assert_eq!(item["tags"].as_ss().map(<[String]>::len), Some(2));
    ok("PutItem", client.put_item(PutItemInput::new(table, item)).await);

    let key = dynamodb::to_item(&serde_json::json!({"pk": "order#7"})).expect("a key");
    let output = ok("GetItem", client.get_item(GetItemInput::new(table, key)).await);
    let back: Order = dynamodb::from_item(output.item.as_ref().expect("the item")).expect("an Order");
    assert_eq!(back, order);
    // A mismatch names the attribute.
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Wrong {
        lines: Vec<std::collections::BTreeMap<String, bool>>,
    }
    let error = dynamodb::from_item::<Wrong>(output.item.as_ref().unwrap()).unwrap_err();
    assert!(error.to_string().starts_with("lines[0].price: invalid type"), "{error}");
}

/// The waiters with their own acceptors: no closure, the documented schedule.
#[tokio::test]
async fn dynamodb_waiters_see_a_table_come_and_go() {
    use dynamodb::types::{DeleteTableInput, DescribeTableInput};
    // A region of its own: us-east-1's ListTables is asserted exactly by another test.
    const REGION: &str = "ca-central-1";
    let client = dynamodb::Client::new(transport_in(REGION));
    let table = "e2e-waiters";
    create_table(&client, table).await;
    let output = ok("TableExists", client.wait_until_table_exists(DescribeTableInput::new(table)).await);
    assert_eq!(output.table.and_then(|t| t.table_status).map(|s| s.as_str().to_owned()).as_deref(), Some("ACTIVE"));
    ok("DeleteTable", client.delete_table(DeleteTableInput::new(table)).await);
    // Waiter futures own their handle on the client too, so they can be spawned.
    let gone = tokio::spawn(client.wait_until_table_not_exists(DescribeTableInput::new(table)));
    ok("TableNotExists", gone.await.expect("the spawned waiter ran"));
}

// ---------------------------------------------------------------------------------------
// DynamoDB Streams

/// A table's stream read back as the twin of DynamoDB's `AttributeValue` enum, and its new
/// images as the caller's own type; boto3 runs the same scenario first and the summaries
/// must be equal.
#[tokio::test]
async fn dynamodb_streams_records_read_as_attribute_values_as_boto3_sees_them() {
    use dynamodb::types::{
        AttributeDefinition, CreateTableInput, DeleteItemInput, KeySchemaElement, PutItemInput, StreamSpecification,
        UpdateItemInput,
    };
    use dynamodbstreams::errors::DescribeStreamError;
    use dynamodbstreams::types::{
        AttributeValue, DescribeStreamInput, GetRecordsInput, GetShardIteratorInput, ListStreamsInput,
    };
    use serde_json::json;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Order {
        pk: String,
        qty: u32,
        #[serde(with = "dynamodbstreams::set")]
        tags: std::collections::BTreeSet<String>,
    }

    const REGION: &str = "ap-south-1";
    let expected = boto3("dynamodbstreams", REGION, "py-streams");
    let table = "rs-streams";
    let db = dynamodb::Client::new(transport_in(REGION));
    let input = CreateTableInput {
        key_schema: Some(vec![KeySchemaElement::new("pk", "HASH")]),
        attribute_definitions: Some(vec![AttributeDefinition::new("pk", "S")]),
        billing_mode: Some("PAY_PER_REQUEST".into()),
        stream_specification: Some(StreamSpecification {
            stream_view_type: Some("NEW_AND_OLD_IMAGES".into()),
            ..StreamSpecification::new(true)
        }),
        ..CreateTableInput::new(table)
    };
    ok("CreateTable", db.create_table(input).await);
    let key = item(&[("pk", s("order#1"))]);
    let order = item(&[("pk", s("order#1")), ("qty", n("1")), ("tags", ss(&["gift", "red"]))]);
    ok("PutItem", db.put_item(PutItemInput::new(table, order)).await);
    let update = UpdateItemInput {
        update_expression: Some("SET qty = :q".into()),
        expression_attribute_values: Some(item(&[(":q", n("2"))])),
        ..UpdateItemInput::new(table, key.clone())
    };
    ok("UpdateItem", db.update_item(update).await);
    ok("DeleteItem", db.delete_item(DeleteItemInput::new(table, key)).await);

    let client = dynamodbstreams::Client::new(transport_in(REGION));
    let input = ListStreamsInput { table_name: Some(table.into()), ..Default::default() };
    let streams = ok("ListStreams", client.list_streams(input).await).streams.unwrap_or_default();
    let arn = streams[0].stream_arn.clone().expect("StreamArn");
    let description =
        ok("DescribeStream", client.describe_stream(DescribeStreamInput::new(&arn)).await).stream_description.expect("description");
    let shards = description.shards.as_deref().unwrap_or_default();
    let shard = shards[0].shard_id.as_deref().expect("ShardId");
    let iterator = ok(
        "GetShardIterator",
        client.get_shard_iterator(GetShardIteratorInput::new(&arn, shard, "TRIM_HORIZON")).await,
    )
    .shard_iterator
    .expect("ShardIterator");
    let records = ok("GetRecords", client.get_records(GetRecordsInput::new(iterator)).await).records.unwrap_or_default();
    let images: Vec<_> = records.iter().map(|r| r.dynamodb.clone().expect("the stream record")).collect();

    // Values are the enum: a key reads with `as_s()`, and a new image as the caller's type.
    assert!(images.iter().all(|i| i.keys.as_ref().and_then(|k| k["pk"].as_s()) == Some("order#1")));
    let first: Order = dynamodbstreams::from_item(images[0].new_image.as_ref().expect("NewImage")).expect("an Order");
    assert_eq!(first, Order { pk: "order#1".into(), qty: 1, tags: ["gift".to_string(), "red".to_string()].into() });
    // A stream image becomes a table item through the wire JSON both types share.
    use awsdoc_sdk::runtime::{FromJson, ToJson};
    let image = images[0].new_image.as_ref().expect("NewImage");
    let copied: Item = FromJson::from_json(image.to_json()).expect("the same JSON");
    assert_eq!(copied, item(&[("pk", s("order#1")), ("qty", n("1")), ("tags", ss(&["gift", "red"]))]));

    let qty = |image: &Option<std::collections::BTreeMap<String, AttributeValue>>| {
        image.as_ref().and_then(|i| i["qty"].as_n().map(str::to_owned))
    };
    let keys: Vec<_> = images
        .iter()
        .map(|i| {
            let keys = i.keys.clone().unwrap_or_default();
            keys.into_iter().map(|(name, value)| (name, json!({"S": value.as_s()}))).collect::<serde_json::Map<_, _>>()
        })
        .collect();
    let new_tags: Vec<Option<Vec<String>>> = images
        .iter()
        .map(|i| i.new_image.as_ref().and_then(|image| image["tags"].as_ss()).map(|t| {
            let mut t = t.to_vec();
            t.sort();
            t
        }))
        .collect();
    let gone = arn.replace(table, &format!("{table}-gone"));
    let missing = client.describe_stream(DescribeStreamInput::new(gone)).await.expect_err("no such stream");
    assert!(matches!(missing, DescribeStreamError::ResourceNotFoundException(_)), "{missing:?}");
    let summary = json!({
        "streams": streams.len(),
        "table": streams[0].table_name,
        "view_type": description.stream_view_type.as_ref().map(|v| v.as_str()),
        "key_schema": description.key_schema.iter().flatten().map(|k| {
            json!([k.attribute_name, k.key_type.as_ref().map(|t| t.as_str())])
        }).collect::<Vec<_>>(),
        "events": records.iter().map(|r| r.event_name.as_ref().map(|e| e.as_str())).collect::<Vec<_>>(),
        "keys": keys,
        "new_qty": images.iter().map(|i| qty(&i.new_image)).collect::<Vec<_>>(),
        "old_qty": images.iter().map(|i| qty(&i.old_image)).collect::<Vec<_>>(),
        "new_tags": new_tags,
        "missing": missing.code(),
    });
    assert_eq!(e2e::normalized(summary, table), expected);
}

/// `query_items` walks `LastEvaluatedKey` across pages, yielding items; calls are `'static`
/// futures, so they can be spawned.
#[tokio::test]
async fn dynamodb_query_items_across_pages_from_spawned_puts() {
    use dynamodb::types::{AttributeDefinition, CreateTableInput, KeySchemaElement, PutItemInput, QueryInput};
    const REGION: &str = "sa-east-1";
    let client = dynamodb::Client::new(transport_in(REGION));
    let table = "e2e-query-items";
    let input = CreateTableInput {
        key_schema: Some(vec![KeySchemaElement::new("pk", "HASH"), KeySchemaElement::new("sk", "RANGE")]),
        attribute_definitions: Some(vec![AttributeDefinition::new("pk", "S"), AttributeDefinition::new("sk", "N")]),
        billing_mode: Some("PAY_PER_REQUEST".into()),
        ..CreateTableInput::new(table)
    };
    ok("CreateTable", client.create_table(input).await);

    // Five puts, each spawned onto the runtime: the future owns its handle on the client.
    let puts: Vec<_> = (1..=5)
        .map(|sk| {
            let item = item(&[("pk", s("artist#1")), ("sk", n(&sk.to_string())), ("title", s(&format!("song {sk}")))]);
            tokio::spawn(client.put_item(PutItemInput::new(table, item)))
        })
        .collect();
    for put in puts {
        ok("PutItem", put.await.expect("the spawned task ran"));
    }
    // Another artist's item the query must not see.
    ok("PutItem", client.put_item(PutItemInput::new(table, item(&[("pk", s("artist#2")), ("sk", n("1"))]))).await);

    let query = || QueryInput {
        key_condition_expression: Some("pk = :pk".into()),
        expression_attribute_values: Some(item(&[(":pk", s("artist#1"))])),
        ..QueryInput::new(table)
    };
    // Page size 2: pages of 2, 2 and 1 items.
    let pages: Vec<_> =
        ok("Query pages", client.query_pages(query(), PaginationConfig::default().page_size(2)).try_collect().await);
    assert_eq!(pages.iter().map(|p| p.count).collect::<Vec<_>>(), [Some(2), Some(2), Some(1)]);
    let items: Vec<_> =
        ok("Query items", client.query_items(query(), PaginationConfig::default().page_size(2)).try_collect().await);
    let titles: Vec<&str> = items.iter().filter_map(|i| i.get("title")?.as_s()).collect();
    assert_eq!(titles, ["song 1", "song 2", "song 3", "song 4", "song 5"]);
    // max_items stops the stream early, across page boundaries.
    let first: Vec<_> = ok(
        "Query items, max 3",
        client.query_items(query(), PaginationConfig::default().page_size(2).max_items(3)).try_collect().await,
    );
    assert_eq!(first.len(), 3);
}
