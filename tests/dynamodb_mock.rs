//! The generated DynamoDB client end to end against `MockTransport`: what it puts on the
//! wire, how it decodes answers, how errors map, and its paginator and waiter.
//!
//! Written against the operations, wire names and field names of the real DynamoDB
//! documentation, and naming as few shape types as possible (inputs are built from their
//! wire JSON, enums compared by value), since the names of shapes the docs leave unnamed
//! are the assembler's choice. So it holds for the emitter's fixture crate and for the crate
//! generated from the real docs.

use std::sync::Arc;
use std::time::Duration;

use awsdoc_sdk::dynamodb::errors::{DescribeBackupError, DescribeTableError, GetItemError, ListBackupsError};
use awsdoc_sdk::dynamodb::types::{BackupStatus, ListBackupsInput, Tag, TagResourceInput};
use awsdoc_sdk::dynamodb::{waiters, Client};
use awsdoc_sdk::runtime::{
    DateTime, FromJson, MockTransport, OperationError, PaginationConfig, Protocol, ServiceError, TransportError,
    TransportErrorKind, WaiterErrorReason, WaiterState,
};
use futures::{StreamExt, TryStreamExt};
use serde_json::{json, Value};

fn client() -> (Client, Arc<MockTransport>) {
    let mock = Arc::new(MockTransport::new());
    (Client::new(mock.clone()), mock)
}

/// An input from its wire JSON; the type comes from the method it is passed to.
fn input<T: FromJson>(wire: Value) -> T {
    T::from_json(wire).unwrap()
}

fn service_error(code: &str) -> ServiceError {
    ServiceError {
        code: code.into(),
        message: Some("it went wrong".into()),
        request_id: Some("REQ1".into()),
        status: Some(400),
        fields: Default::default(),
    }
}

#[tokio::test]
async fn describe_backup_sends_wire_names_and_decodes_the_answer() {
    let (client, mock) = client();
    mock.push_output(
        "DescribeBackup",
        json!({
            "BackupDescription": {
                "BackupDetails": {
                    "BackupArn": "arn:backup",
                    "BackupName": "nightly",
                    "BackupSizeBytes": 1024,
                    "BackupStatus": "AVAILABLE",
                    "BackupType": "FUTURE_KIND",
                    "BackupCreationDateTime": 1_700_000_000.25
                },
                "SourceTableDetails": {"TableName": "Music", "ItemCount": 3}
            }
        }),
    );

    let output = client.describe_backup(input(json!({"BackupArn": "arn:backup"}))).await.unwrap();

    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].service.name, "dynamodb");
    assert_eq!(requests[0].service.api_version, "2012-08-10");
    assert!(
        matches!(requests[0].service.protocol, Some(Protocol::Json { version: "1.0", target_prefix: "DynamoDB_20120810", .. })),
        "{:?}",
        requests[0].service.protocol
    );
    assert_eq!(requests[0].binding, None, "awsJson needs no HTTP binding");
    assert_eq!(requests[0].operation, "DescribeBackup");
    assert_eq!(requests[0].input, json!({"BackupArn": "arn:backup"}));

    let description = output.backup_description.unwrap();
    let details = description.backup_details.unwrap();
    assert_eq!(details.backup_name.as_deref(), Some("nightly"));
    assert_eq!(details.backup_size_bytes, Some(1024));
    assert_eq!(details.backup_status.as_ref().map(|s| s.as_str()), Some("AVAILABLE"));
    assert_eq!(format!("{:?}", details.backup_status.unwrap()), "Available");
    let kind = details.backup_type.unwrap();
    assert_eq!(format!("{kind:?}"), r#"Unknown("FUTURE_KIND")"#, "an undocumented value is kept");
    assert_eq!(kind.as_str(), "FUTURE_KIND");
    // Enums compare, hash and order by their wire value, so a value the docs did not list
    // when the crate was generated still equals its variant once they do.
    assert_eq!(BackupStatus::Unknown("AVAILABLE".into()), BackupStatus::Available);
    assert!(BackupStatus::Available < BackupStatus::Creating, "AVAILABLE sorts before CREATING");
    let set: std::collections::HashSet<_> = [BackupStatus::Deleted, BackupStatus::Unknown("DELETED".into())].into();
    assert_eq!(set.len(), 1);
    assert_eq!(details.backup_creation_date_time.unwrap().to_rfc3339(), "2023-11-14T22:13:20.25Z");
    let source = description.source_table_details.unwrap();
    assert_eq!(source.item_count, Some(3));
    // A structure's Debug shows the members that are set, by wire name.
    assert_eq!(format!("{source:?}"), r#"SourceTableDetails { ItemCount: 3, TableName: "Music" }"#);
}

#[tokio::test]
async fn optional_members_are_left_out_and_enums_and_timestamps_use_the_wire_form() {
    let (client, mock) = client();
    mock.push_output("ListBackups", json!({}));
    let input = ListBackupsInput {
        table_name: Some("Music".into()),
        time_range_lower_bound: Some(DateTime::from_secs(1_600_000_000).unwrap()),
        backup_type: Some("ALL".into()),
        ..Default::default()
    };
    let output = client.list_backups(input).await.unwrap();
    assert_eq!(output.backup_summaries, None);
    assert_eq!(
        mock.inputs("ListBackups"),
        [json!({"TableName": "Music", "TimeRangeLowerBound": 1_600_000_000, "BackupType": "ALL"})]
    );
}

#[tokio::test]
async fn documented_undocumented_and_transport_errors_map_to_one_flat_enum() {
    let (client, mock) = client();
    let arn = || input(json!({"BackupArn": "arn:missing"}));
    mock.push_error("DescribeBackup", service_error("BackupNotFoundException"))
        .push_error("DescribeBackup", service_error("ThrottlingException"))
        .push_transport_error("DescribeBackup", TransportError::new(TransportErrorKind::Timeout, "too slow"))
        .push_output("DescribeBackup", json!({"BackupDescription": {"BackupDetails": {"BackupArn": 5}}}));

    match client.describe_backup(arn()).await {
        Err(DescribeBackupError::BackupNotFoundException(e)) => {
            assert_eq!(e.error.message.as_deref(), Some("it went wrong"));
            assert_eq!(e.error.request_id.as_deref(), Some("REQ1"));
        }
        other => panic!("expected BackupNotFoundException, got {other:?}"),
    }

    let err = client.describe_backup(arn()).await.unwrap_err();
    assert!(matches!(&err, DescribeBackupError::Unhandled(e) if e.code == "ThrottlingException"), "{err:?}");
    assert_eq!(err.service_error().unwrap().status, Some(400));
    // The common methods read any operation's error the same way.
    assert_eq!(
        (err.code(), err.message(), err.request_id(), err.status()),
        (Some("ThrottlingException"), Some("it went wrong"), Some("REQ1"), Some(400))
    );
    assert!(err.is_retryable() && err.transport_error().is_none());
    assert_eq!(err.to_string(), "DescribeBackup failed: ThrottlingException: it went wrong (request id REQ1)");
    let source = std::error::Error::source(&err).expect("the service error is the source");
    assert_eq!(source.to_string(), "ThrottlingException: it went wrong (request id REQ1)");

    match client.describe_backup(arn()).await {
        Err(err @ DescribeBackupError::Transport(_)) => {
            assert_eq!(err.transport_error().map(|e| e.kind), Some(TransportErrorKind::Timeout));
            assert!(err.is_retryable() && err.code().is_none() && err.status().is_none());
        }
        other => panic!("expected a transport error, got {other:?}"),
    }

    let err = client.describe_backup(arn()).await.unwrap_err();
    match &err {
        DescribeBackupError::Transport(e) => assert_eq!(e.kind, TransportErrorKind::Decode),
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(err.service_error().is_none() && !err.is_retryable());
    // The chain: the operation's error, the transport error, the serde error.
    let transport = std::error::Error::source(&err).expect("the transport error is the source");
    assert!(transport.to_string().starts_with("Decode error: "), "{transport}");
    assert!(transport.source().is_some(), "the serde error is kept as its source");
}

#[tokio::test]
async fn recursive_attribute_values_round_trip() {
    // AttributeValue is an enum (docs-input/dynamodb/protocol.json says it is a union, which
    // the docs do not); recursion runs through its `M` (map) and `L` (list) variants.
    use awsdoc_sdk::dynamodb::types::AttributeValue;
    let (client, mock) = client();
    let item = json!({
        "pk": {"S": "artist#1"},
        "albums": {"L": [
            {"M": {"title": {"S": "Blue"}, "year": {"N": "1971"}, "tags": {"SS": ["folk", "pop"]}}},
            {"NULL": true}
        ]},
        "cover": {"B": "aGVsbG8="},
        "active": {"BOOL": true}
    });
    mock.push_output("GetItem", json!({"Item": item, "ConsumedCapacity": {"TableName": "Music", "CapacityUnits": 0.5}}));

    let request = json!({"TableName": "Music", "Key": {"pk": {"S": "artist#1"}}, "ConsistentRead": true});
    let output = client.get_item(input(request.clone())).await.unwrap();
    assert_eq!(mock.inputs("GetItem"), [request]);

    let decoded = output.item.unwrap();
    let albums = decoded["albums"].as_l().expect("a list");
    let first = albums[0].as_m().expect("a map");
    assert_eq!(first["title"], AttributeValue::S("Blue".into()));
    assert_eq!(first["year"].as_n(), Some("1971"));
    assert_eq!(first["tags"].as_ss(), Some(&["folk".to_string(), "pop".to_string()][..]));
    assert_eq!(albums[1], AttributeValue::Null(true));
    assert_eq!(decoded["active"].as_bool(), Some(true));
    assert_eq!(format!("{:?}", decoded["cover"].as_b()), r#"Some(Blob("aGVsbG8="))"#);
    assert_eq!(decoded["pk"].as_n(), None, "a string is not a number");
    assert_eq!(output.consumed_capacity.unwrap().capacity_units, Some(0.5));
    // Everything encodes back to the same JSON.
    assert_eq!(serde_json::to_value(&decoded).unwrap(), item);
}

#[tokio::test]
async fn operations_without_input_or_output() {
    let (client, mock) = client();
    mock.push_output("DescribeLimits", json!({"AccountMaxReadCapacityUnits": 80000}));
    mock.push_output("TagResource", json!({}));

    let limits = client.describe_limits().await.unwrap();
    assert_eq!(limits.account_max_read_capacity_units, Some(80000));

    let tags = vec![Tag::new("team", "data")];
    let () = client.tag_resource(TagResourceInput::new("arn:table", tags)).await.unwrap();
    assert_eq!(mock.inputs("DescribeLimits"), [json!({})]);
    assert_eq!(
        mock.inputs("TagResource"),
        [json!({"ResourceArn": "arn:table", "Tags": [{"Key": "team", "Value": "data"}]})]
    );
}

/// Answers ListBackups with backups `b1`…`b{total}`, `Limit` (default 2) at a time.
fn backups(mock: &MockTransport, total: usize) {
    mock.on("ListBackups", move |input| {
        let start = match input.get("ExclusiveStartBackupArn").and_then(Value::as_str) {
            Some(arn) => arn.trim_start_matches('b').parse::<usize>().unwrap(),
            None => 0,
        };
        let limit = input.get("Limit").and_then(Value::as_u64).unwrap_or(2) as usize;
        let end = (start + limit).min(total);
        let summaries: Vec<Value> = (start + 1..=end).map(|n| json!({"BackupArn": format!("b{n}")})).collect();
        let mut page = json!({"BackupSummaries": summaries});
        if end < total {
            page["LastEvaluatedBackupArn"] = json!(format!("b{end}"));
        }
        Ok(page)
    });
}

#[tokio::test]
async fn paginators_follow_the_documented_tokens() {
    let (client, mock) = client();
    backups(&mock, 5);
    let input = ListBackupsInput { table_name: Some("Music".into()), ..Default::default() };

    let pages: Vec<_> = client.list_backups_pages(input.clone(), PaginationConfig::default()).try_collect().await.unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.backup_summaries.as_ref().unwrap().len()).collect();
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(pages[0].last_evaluated_backup_arn.as_deref(), Some("b2"));
    assert_eq!(mock.inputs("ListBackups")[2], json!({"TableName": "Music", "ExclusiveStartBackupArn": "b4"}));

    let config = PaginationConfig::default().page_size(3).max_items(4).starting_token("b1");
    let arns: Vec<String> = client
        .list_backups_items(input, config)
        .map_ok(|summary| summary.backup_arn.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(arns, ["b2", "b3", "b4", "b5"]);
    let calls = mock.inputs("ListBackups");
    assert_eq!(calls[3], json!({"TableName": "Music", "ExclusiveStartBackupArn": "b1", "Limit": 3}));
    assert_eq!(calls.len(), 5, "two more pages for four items");
}

#[tokio::test]
async fn a_paginator_stops_at_the_first_error() {
    let (client, mock) = client();
    mock.push_output("ListBackups", json!({"BackupSummaries": [{"BackupArn": "b1"}], "LastEvaluatedBackupArn": "b1"}))
        .push_error("ListBackups", service_error("InternalServerError"));
    let results: Vec<_> = client.list_backups_items(ListBackupsInput::default(), PaginationConfig::default()).collect().await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert!(matches!(results[1], Err(ListBackupsError::InternalServerError(_))));
}

fn table(status: &str) -> Value {
    json!({"Table": {"TableName": "Music", "TableStatus": status}})
}

#[tokio::test(start_paused = true)]
async fn waiters_poll_on_the_documented_schedule_with_their_own_acceptors() {
    let (client, mock) = client();
    mock.push_error("DescribeTable", service_error("ResourceNotFoundException"))
        .push_output("DescribeTable", table("CREATING"))
        .push_output("DescribeTable", table("ACTIVE"));
    let started = tokio::time::Instant::now();

    let output = client.wait_until_table_exists(input(json!({"TableName": "Music"}))).await.unwrap();

    assert_eq!(output.table.unwrap().table_status.unwrap().as_str(), "ACTIVE");
    assert_eq!(mock.inputs("DescribeTable").len(), 3);
    assert_eq!(waiters::TABLE_EXISTS.delay, Duration::from_secs(20));
    assert_eq!(started.elapsed(), 2 * waiters::TABLE_EXISTS.delay);
}

#[tokio::test(start_paused = true)]
async fn waiters_give_up_after_the_documented_attempts() {
    let (client, mock) = client();
    mock.on("DescribeTable", |_| Ok(table("CREATING")));
    let err = client.wait_until_table_exists(input(json!({"TableName": "Music"}))).await.unwrap_err();
    assert_eq!(err.reason, WaiterErrorReason::MaxAttemptsExceeded);
    assert_eq!(err.attempts, waiters::TABLE_EXISTS.max_attempts);
    assert_eq!(mock.inputs("DescribeTable").len(), 25);
}

#[tokio::test(start_paused = true)]
async fn a_waiters_schedule_can_be_changed() {
    let (client, mock) = client();
    mock.on("DescribeTable", |_| Ok(table("CREATING")));
    let started = tokio::time::Instant::now();
    let config = waiters::TABLE_EXISTS.with_delay(Duration::from_secs(1)).with_max_attempts(3);
    let err = client.wait_until_table_exists_with(input(json!({"TableName": "Music"})), config).await.unwrap_err();
    assert_eq!((err.reason, err.attempts), (WaiterErrorReason::MaxAttemptsExceeded, 3));
    assert_eq!(started.elapsed(), Duration::from_secs(2));

    let config = waiters::TABLE_EXISTS.with_max_wait(Duration::from_secs(50));
    let err = client.wait_until_table_exists_with(input(json!({"TableName": "Music"})), config).await.unwrap_err();
    assert_eq!((err.reason, err.attempts), (WaiterErrorReason::MaxWaitExceeded, 3), "polls at 0, 20 and 40 s");
}

#[tokio::test]
async fn a_waiter_succeeds_on_not_found_and_stops_on_an_unexpected_error() {
    let (client, mock) = client();
    mock.push_error("DescribeTable", service_error("ResourceNotFoundException"));
    client.wait_until_table_not_exists(input(json!({"TableName": "Gone"}))).await.unwrap();

    mock.push_error("DescribeTable", service_error("InternalServerError"));
    let err = client.wait_until_table_exists(input(json!({"TableName": "Music"}))).await.unwrap_err();
    assert_eq!((err.reason, err.attempts), (WaiterErrorReason::OperationFailed, 1));
    assert!(matches!(err.operation_error(), Some(DescribeTableError::InternalServerError(_))), "{err:?}");
}

#[tokio::test]
async fn a_waiter_takes_the_callers_own_acceptor() {
    let (client, mock) = client();
    mock.push_output("DescribeTable", table("UPDATING"));
    let result = client
        .wait_until_table_exists_custom(input(json!({"TableName": "Music"})), waiters::TABLE_EXISTS, |result| match result {
            Ok(out) if out.table.as_ref().and_then(|t| t.table_status.as_ref()).map(|s| s.as_str()) == Some("UPDATING") => {
                WaiterState::Failure
            }
            _ => WaiterState::Retry,
        })
        .await
        .unwrap_err();
    assert_eq!(result.reason, WaiterErrorReason::Failure);
}

#[tokio::test]
async fn get_item_errors_name_their_codes() {
    let (client, mock) = client();
    mock.push_error("GetItem", service_error("RequestLimitExceeded"));
    let err = client.get_item(input(json!({"TableName": "Music", "Key": {}}))).await.unwrap_err();
    assert!(matches!(err, GetItemError::RequestLimitExceeded(_)), "{err:?}");
}
