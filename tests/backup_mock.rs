//! The generated Backup client (restJson1) against canned answers, for what moto cannot show:
//! error shapes whose members all arrive, CreateBackupSelection (moto answers HTTP 500),
//! and paginators following `NextToken` (moto does not paginate Backup's lists).
//!
//! Most tests hand the client the runtime's `MockTransport`, which answers operations with
//! wire JSON and records each request's input and HTTP binding. The last few run the real
//! `HttpTransport` against a scripted HTTP server on a loopback port (`scripted` below), to
//! see the requests as Backup would receive them: path labels, query strings and bodies.

use std::collections::BTreeMap;
use std::sync::Arc;

use awsdoc_sdk::backup::errors::{
    CreateBackupPlanError, CreateBackupVaultError, ListBackupJobsError,
};
use awsdoc_sdk::backup::types::{
    AlreadyExistsException, BackupPlanInput, BackupRuleInput, BackupSelection, Condition,
    ConditionParameter, Conditions, CreateBackupPlanInput, CreateBackupSelectionInput,
    CreateBackupVaultInput, ListBackupJobsInput, ListBackupPlansInput,
};
use awsdoc_sdk::backup::Client;
use awsdoc_sdk::runtime::{
    Credentials, DateTime, HttpTransport, Location, MockTransport, OperationError, Paginated, PaginationConfig,
    ServiceError, ToJson,
};
use futures::{StreamExt, TryStreamExt};
use serde_json::{json, Map, Value};

fn client() -> (Client, Arc<MockTransport>) {
    let mock = Arc::new(MockTransport::new());
    (Client::new(mock.clone()), mock)
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

// ---------------------------------------------------------------------------------------
// Errors

/// Every member of Backup's AlreadyExistsException, as the service documents it.
fn already_exists_fields() -> Map<String, Value> {
    object(json!({
        "Code": "VaultAlreadyExists",
        "Message": "Backup vault music already exists",
        "Arn": "arn:aws:backup:us-east-1:123456789012:backup-vault:music",
        "Context": "CreateBackupVault",
        "CreatorRequestId": "request-7",
        "Type": "BackupVault"
    }))
}

#[tokio::test]
async fn a_typed_error_carries_every_member_of_its_shape() {
    let (client, mock) = client();
    mock.push_error(
        "CreateBackupVault",
        ServiceError {
            code: "AlreadyExistsException".into(),
            message: Some("Backup vault music already exists".into()),
            request_id: Some("REQ1".into()),
            status: Some(400),
            fields: already_exists_fields(),
        },
    );

    let err = client
        .create_backup_vault(CreateBackupVaultInput::new("music"))
        .await
        .expect_err("an error was queued");
    let CreateBackupVaultError::AlreadyExistsException(e) = &err else {
        panic!("expected AlreadyExistsException, got {err:?}");
    };
    // What every error has.
    assert_eq!(e.error.code, "AlreadyExistsException");
    assert_eq!(e.error.status, Some(400));
    assert_eq!(e.error.request_id.as_deref(), Some("REQ1"));
    assert_eq!(
        e.error.message.as_deref(),
        Some("Backup vault music already exists")
    );
    // The shape's own members, through Deref.
    assert_eq!(e.code.as_deref(), Some("VaultAlreadyExists"));
    assert_eq!(
        e.message.as_deref(),
        Some("Backup vault music already exists")
    );
    assert_eq!(
        e.arn.as_deref(),
        Some("arn:aws:backup:us-east-1:123456789012:backup-vault:music")
    );
    assert_eq!(e.context.as_deref(), Some("CreateBackupVault"));
    assert_eq!(e.creator_request_id.as_deref(), Some("request-7"));
    assert_eq!(e.type_.as_deref(), Some("BackupVault"));
    // ...and nothing else: the whole shape.
    assert_eq!(
        e.shape,
        AlreadyExistsException {
            code: Some("VaultAlreadyExists".into()),
            message: Some("Backup vault music already exists".into()),
            arn: Some("arn:aws:backup:us-east-1:123456789012:backup-vault:music".into()),
            context: Some("CreateBackupVault".into()),
            creator_request_id: Some("request-7".into()),
            type_: Some("BackupVault".into()),
        }
    );
    assert_eq!(err.service_error(), Some(&e.error));
    assert_eq!(
        err.to_string(),
        "CreateBackupVault failed: AlreadyExistsException: Backup vault music already exists (request id REQ1)"
    );
}

#[tokio::test]
async fn an_error_body_that_does_not_fit_its_shape_keeps_its_fields() {
    let (client, mock) = client();
    let mut fields = already_exists_fields();
    fields.insert("Arn".into(), json!(42)); // a number where the shape has a string
    let error = ServiceError {
        code: "AlreadyExistsException".into(),
        message: Some("Backup plan exists".into()),
        status: Some(400),
        fields,
        ..Default::default()
    };
    // A documented code that the operation does not list is Unhandled, fields and all.
    let mut not_listed = error.clone();
    not_listed.code = "ResourceNotFoundException".into();
    mock.push_error("CreateBackupPlan", error)
        .push_error("CreateBackupPlan", not_listed);
    let input = || {
        CreateBackupPlanInput::new(BackupPlanInput::new(
            "nightly",
            vec![BackupRuleInput::new("daily", "vault")],
        ))
    };

    match client.create_backup_plan(input()).await {
        Err(CreateBackupPlanError::AlreadyExistsException(e)) => {
            // The shape does not decode, so its members stay unset; the body stays readable.
            assert_eq!(e.shape, AlreadyExistsException::default());
            assert_eq!(e.error.fields.get("Arn"), Some(&json!(42)));
            assert_eq!(e.error.fields.get("Type"), Some(&json!("BackupVault")));
            assert_eq!(e.error.message.as_deref(), Some("Backup plan exists"));
        }
        other => panic!("expected AlreadyExistsException, got {other:?}"),
    }
    match client.create_backup_plan(input()).await {
        Err(CreateBackupPlanError::Unhandled(e)) => {
            assert_eq!(e.code, "ResourceNotFoundException");
            assert_eq!(e.fields.get("Context"), Some(&json!("CreateBackupVault")));
        }
        other => panic!("expected Unhandled, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// CreateBackupSelection (moto 5.2.5 answers it with HTTP 500)

fn selection() -> BackupSelection {
    BackupSelection {
        resources: Some(vec![
            "arn:aws:dynamodb:us-east-1:123456789012:table/Music".into()
        ]),
        not_resources: Some(vec![
            "arn:aws:dynamodb:us-east-1:123456789012:table/Scratch".into(),
        ]),
        list_of_tags: Some(vec![Condition::new("STRINGEQUALS", "backup", "nightly")]),
        conditions: Some(Conditions {
            string_not_equals: Some(vec![ConditionParameter {
                condition_key: Some("aws:ResourceTag/env".into()),
                condition_value: Some("test".into()),
            }]),
            ..Default::default()
        }),
        ..BackupSelection::new("music-tables", "arn:aws:iam::123456789012:role/backup")
    }
}

fn selection_json() -> Value {
    json!({
        "SelectionName": "music-tables",
        "IamRoleArn": "arn:aws:iam::123456789012:role/backup",
        "Resources": ["arn:aws:dynamodb:us-east-1:123456789012:table/Music"],
        "ListOfTags": [
            {"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "nightly"}
        ],
        "NotResources": ["arn:aws:dynamodb:us-east-1:123456789012:table/Scratch"],
        "Conditions": {
            "StringNotEquals": [{"ConditionKey": "aws:ResourceTag/env", "ConditionValue": "test"}]
        }
    })
}

#[tokio::test]
async fn create_backup_selection_sends_its_input_and_decodes_its_output() {
    let (client, mock) = client();
    mock.push_output(
        "CreateBackupSelection",
        json!({"SelectionId": "sel-1", "BackupPlanId": "plan-1", "CreationDate": 1_700_000_000.5}),
    );
    let created = client
        .create_backup_selection(CreateBackupSelectionInput::new("plan-1", selection()))
        .await
        .unwrap();
    assert_eq!(created.selection_id.as_deref(), Some("sel-1"));
    assert_eq!(created.backup_plan_id.as_deref(), Some("plan-1"));
    assert_eq!(
        created.creation_date.map(|d| d.to_rfc3339()).as_deref(),
        Some("2023-11-14T22:13:20.5Z")
    );

    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    let mut sent = requests[0].input.clone();
    // The idempotency token the caller left unset, filled in by the client.
    let token = sent["CreatorRequestId"].take();
    assert_eq!(token.as_str().map(str::len), Some(36), "a UUID: {token}");
    assert_eq!(
        sent,
        json!({"BackupPlanId": "plan-1", "BackupSelection": selection_json(), "CreatorRequestId": null})
    );
    // The transport is told where BackupPlanId goes; the rest is the JSON body.
    let binding = requests[0]
        .binding
        .expect("restJson1 operations have a binding");
    assert_eq!(
        (binding.method, binding.uri),
        ("PUT", "/backup/plans/{backupPlanId}/selections/")
    );
    let members: Vec<_> = binding
        .members
        .iter()
        .map(|m| (m.member, m.location, m.wire_name))
        .collect();
    assert_eq!(members, [("BackupPlanId", Location::Path, "backupPlanId")]);
}

// ---------------------------------------------------------------------------------------
// Paginators

/// Answers ListBackupPlans with plans `plan-1`…`plan-{total}`, `MaxResults` (default 2) at
/// a time; the token is the index of the next plan.
fn backup_plans(mock: &MockTransport, total: usize) {
    mock.on("ListBackupPlans", move |input| {
        let start: usize = input
            .get("NextToken")
            .and_then(Value::as_str)
            .map_or(0, |t| t.parse().unwrap());
        let limit = input.get("MaxResults").and_then(Value::as_u64).unwrap_or(2) as usize;
        let end = (start + limit).min(total);
        let plans: Vec<Value> = (start + 1..=end)
            .map(|n| json!({"BackupPlanId": format!("plan-{n}"), "BackupPlanName": format!("plan {n}")}))
            .collect();
        let mut page = json!({"BackupPlansList": plans});
        if end < total {
            page["NextToken"] = json!(end.to_string());
        }
        Ok(page)
    });
}

#[tokio::test]
async fn list_backup_plans_pages_one_plan_at_a_time() {
    let (client, mock) = client();
    backup_plans(&mock, 3);

    let pages: Vec<_> = client
        .list_backup_plans_pages(
            ListBackupPlansInput::default(),
            PaginationConfig::default().page_size(1),
        )
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<Vec<String>> = pages
        .iter()
        .map(|p| {
            p.backup_plans_list
                .iter()
                .flatten()
                .filter_map(|m| m.backup_plan_id.clone())
                .collect()
        })
        .collect();
    assert_eq!(ids, [["plan-1"], ["plan-2"], ["plan-3"]]);
    let tokens: Vec<_> = pages.iter().map(|p| p.next_token.as_deref()).collect();
    assert_eq!(tokens, [Some("1"), Some("2"), None]);
    assert_eq!(
        mock.inputs("ListBackupPlans"),
        [
            json!({"MaxResults": 1}),
            json!({"MaxResults": 1, "NextToken": "1"}),
            json!({"MaxResults": 1, "NextToken": "2"})
        ]
    );

    // Items across pages (this handler's default page size is 2), from a starting token, cut
    // at max_items; the caller's own input members travel on every request.
    backup_plans(&mock, 5);
    let input = ListBackupPlansInput {
        include_deleted: Some(true),
        ..Default::default()
    };
    let config = PaginationConfig::default().starting_token("1").max_items(3);
    let names: Vec<String> = client
        .list_backup_plans_items(input, config)
        .map_ok(|p| p.backup_plan_name.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["plan 2", "plan 3", "plan 4"]);
    assert_eq!(
        mock.inputs("ListBackupPlans")[3..],
        [
            json!({"IncludeDeleted": true, "NextToken": "1"}),
            json!({"IncludeDeleted": true, "NextToken": "3"})
        ]
    );
}

/// Answers `operation` with three pages of one `element` each under `result_key`, chained by
/// the NextTokens `t1` and `t2`.
fn three_pages(mock: &MockTransport, operation: &'static str, result_key: &str, element: Value) {
    let result_key = result_key.to_owned();
    mock.on(operation, move |input| {
        let next = match input.get("NextToken").and_then(Value::as_str) {
            None => Some("t1"),
            Some("t1") => Some("t2"),
            Some("t2") => None,
            Some(other) => panic!("{operation} sent a token it was never given: {other}"),
        };
        let mut page = Map::new();
        page.insert(result_key.clone(), json!([element.clone()]));
        if let Some(next) = next {
            page.insert("NextToken".into(), json!(next));
        }
        Ok(Value::Object(page))
    });
}

/// The wire JSON of a default item of the stream's item type: each paginator's pages hold
/// elements of the type its items stream decodes.
fn default_item<T: Default + ToJson, E>(_: &Paginated<T, E>) -> Value {
    T::default().to_json()
}

/// How each paginated operation is sent, as botocore 1.44.5's model of Backup has it: the
/// method, then the query keys of `NextToken` and `MaxResults`. Most keys are lower camel
/// case; a few newer operations use the member names, and two of them are POSTs.
fn token_binding(operation: &str) -> (&'static str, &'static str, &'static str) {
    match operation {
        "ListBackupAccessPointsByRecoveryPoint" | "ListBackupAccessPointsByResource" => {
            ("POST", "NextToken", "MaxResults")
        }
        "ListBackupAccessPoints"
        | "ListRestoreTestingPlans"
        | "ListRestoreTestingSelections"
        | "ListScanJobSummaries"
        | "ListScanJobs" => ("GET", "NextToken", "MaxResults"),
        _ => ("GET", "nextToken", "maxResults"),
    }
}

/// `operation` was called twice over three pages (items, then pages), each request with
/// `MaxResults` 1 and the token of the page before, both bound to the query string.
fn sent_tokens_in_the_query(mock: &MockTransport, operation: &str) {
    let requests: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|r| r.operation == operation)
        .collect();
    let tokens: Vec<Option<&str>> = requests
        .iter()
        .map(|r| r.input.get("NextToken").and_then(Value::as_str))
        .collect();
    let walk = [None, Some("t1"), Some("t2")];
    assert_eq!(tokens, [walk, walk].concat(), "{operation}");
    let (method, token_key, limit_key) = token_binding(operation);
    for request in &requests {
        assert_eq!(
            request.input.get("MaxResults"),
            Some(&json!(1)),
            "{operation}"
        );
        let binding = request
            .binding
            .unwrap_or_else(|| panic!("{operation} has no binding"));
        assert_eq!(binding.method, method, "{operation}");
        let mut bound: Vec<_> = binding
            .members
            .iter()
            .filter(|m| m.member == "NextToken" || m.member == "MaxResults")
            .map(|m| (m.member, m.location, m.wire_name))
            .collect();
        bound.sort_unstable_by_key(|(member, ..)| *member);
        assert_eq!(
            bound,
            [
                ("MaxResults", Location::Query, limit_key),
                ("NextToken", Location::Query, token_key)
            ],
            "{operation}"
        );
    }
}

/// Walks each paginator over [`three_pages`] with its items and its pages stream, and
/// checks the tokens it sent; evaluates to the names of the `_pages` methods walked.
macro_rules! walk_paginators {
    ($($pages:ident, $items:ident, $operation:literal, $result_key:literal, $field:ident;)*) => {{
        let mut walked: Vec<&str> = Vec::new();
        $({
            let (client, mock) = client();
            let config = || PaginationConfig::default().page_size(1);
            let items = client.$items(Default::default(), config());
            three_pages(&mock, $operation, $result_key, default_item(&items));
            let items: Vec<_> = items
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("{}: {e:?}", stringify!($items)));
            assert_eq!(items.len(), 3, "{}: an item from each page", stringify!($items));
            assert!(items.iter().all(|item| *item == Default::default()), "{}", stringify!($items));

            let pages: Vec<_> = client
                .$pages(Default::default(), config())
                .try_collect()
                .await
                .unwrap_or_else(|e| panic!("{}: {e:?}", stringify!($pages)));
            let sizes: Vec<usize> = pages.iter().map(|p| p.$field.as_ref().map_or(0, Vec::len)).collect();
            assert_eq!(sizes, [1, 1, 1], "{}", stringify!($pages));
            let tokens: Vec<Option<&str>> = pages.iter().map(|p| p.next_token.as_deref()).collect();
            assert_eq!(tokens, [Some("t1"), Some("t2"), None], "{}", stringify!($pages));

            sent_tokens_in_the_query(&mock, $operation);
            walked.push(stringify!($pages));
        })*
        walked
    }};
}

#[tokio::test]
async fn every_backup_paginator_follows_next_token_across_three_pages() {
    let mut walked = walk_paginators! {
        list_backup_access_points_pages, list_backup_access_points_items, "ListBackupAccessPoints", "BackupAccessPoints", backup_access_points;
        list_backup_access_points_by_recovery_point_pages, list_backup_access_points_by_recovery_point_items, "ListBackupAccessPointsByRecoveryPoint", "BackupAccessPoints", backup_access_points;
        list_backup_access_points_by_resource_pages, list_backup_access_points_by_resource_items, "ListBackupAccessPointsByResource", "BackupAccessPoints", backup_access_points;
        list_backup_jobs_pages, list_backup_jobs_items, "ListBackupJobs", "BackupJobs", backup_jobs;
        list_backup_plan_templates_pages, list_backup_plan_templates_items, "ListBackupPlanTemplates", "BackupPlanTemplatesList", backup_plan_templates_list;
        list_backup_plan_versions_pages, list_backup_plan_versions_items, "ListBackupPlanVersions", "BackupPlanVersionsList", backup_plan_versions_list;
        list_backup_plans_pages, list_backup_plans_items, "ListBackupPlans", "BackupPlansList", backup_plans_list;
        list_backup_selections_pages, list_backup_selections_items, "ListBackupSelections", "BackupSelectionsList", backup_selections_list;
        list_backup_vaults_pages, list_backup_vaults_items, "ListBackupVaults", "BackupVaultList", backup_vault_list;
        list_copy_jobs_pages, list_copy_jobs_items, "ListCopyJobs", "CopyJobs", copy_jobs;
        list_indexed_recovery_points_pages, list_indexed_recovery_points_items, "ListIndexedRecoveryPoints", "IndexedRecoveryPoints", indexed_recovery_points;
        list_legal_holds_pages, list_legal_holds_items, "ListLegalHolds", "LegalHolds", legal_holds;
        list_protected_resources_pages, list_protected_resources_items, "ListProtectedResources", "Results", results;
        list_protected_resources_by_backup_vault_pages, list_protected_resources_by_backup_vault_items, "ListProtectedResourcesByBackupVault", "Results", results;
        list_recovery_points_by_backup_vault_pages, list_recovery_points_by_backup_vault_items, "ListRecoveryPointsByBackupVault", "RecoveryPoints", recovery_points;
        list_recovery_points_by_legal_hold_pages, list_recovery_points_by_legal_hold_items, "ListRecoveryPointsByLegalHold", "RecoveryPoints", recovery_points;
        list_recovery_points_by_resource_pages, list_recovery_points_by_resource_items, "ListRecoveryPointsByResource", "RecoveryPoints", recovery_points;
        list_restore_access_backup_vaults_pages, list_restore_access_backup_vaults_items, "ListRestoreAccessBackupVaults", "RestoreAccessBackupVaults", restore_access_backup_vaults;
        list_restore_jobs_pages, list_restore_jobs_items, "ListRestoreJobs", "RestoreJobs", restore_jobs;
        list_restore_jobs_by_protected_resource_pages, list_restore_jobs_by_protected_resource_items, "ListRestoreJobsByProtectedResource", "RestoreJobs", restore_jobs;
        list_restore_testing_plans_pages, list_restore_testing_plans_items, "ListRestoreTestingPlans", "RestoreTestingPlans", restore_testing_plans;
        list_restore_testing_selections_pages, list_restore_testing_selections_items, "ListRestoreTestingSelections", "RestoreTestingSelections", restore_testing_selections;
        list_scan_job_summaries_pages, list_scan_job_summaries_items, "ListScanJobSummaries", "ScanJobSummaries", scan_job_summaries;
        list_scan_jobs_pages, list_scan_jobs_items, "ListScanJobs", "ScanJobs", scan_jobs;
        list_tiering_configurations_pages, list_tiering_configurations_items, "ListTieringConfigurations", "TieringConfigurations", tiering_configurations;
    };

    // Every paginator the crate has, so one the generator adds cannot go unwalked.
    let source = include_str!("../generated/src/backup/paginators.rs");
    let mut generated: Vec<&str> = source
        .lines()
        .filter_map(|line| line.trim().strip_prefix("pub fn "))
        .filter_map(|rest| rest.split('(').next())
        .filter(|name| name.ends_with("_pages"))
        .collect();
    generated.sort_unstable();
    walked.sort_unstable();
    assert_eq!(walked, generated);
}

#[tokio::test]
async fn list_backup_jobs_follows_next_token_across_three_pages() {
    let (client, mock) = client();
    let page = |ids: &[&str], next: Option<&str>| {
        let jobs: Vec<Value> = ids
            .iter()
            .map(|id| json!({"BackupJobId": id, "State": "COMPLETED"}))
            .collect();
        let mut page = json!({"BackupJobs": jobs});
        if let Some(next) = next {
            page["NextToken"] = json!(next);
        }
        page
    };
    mock.push_output("ListBackupJobs", page(&["job-1", "job-2"], Some("after-2")))
        .push_output("ListBackupJobs", page(&["job-3", "job-4"], Some("after-4")))
        .push_output("ListBackupJobs", page(&["job-5"], None));
    let input = ListBackupJobsInput {
        by_state: Some("COMPLETED".into()),
        by_backup_vault_name: Some("music".into()),
        ..Default::default()
    };

    let jobs: Vec<String> = client
        .list_backup_jobs_items(input, PaginationConfig::default().page_size(2))
        .map_ok(|job| job.backup_job_id.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(jobs, ["job-1", "job-2", "job-3", "job-4", "job-5"]);
    let filters = json!({"ByState": "COMPLETED", "ByBackupVaultName": "music", "MaxResults": 2});
    let with_token = |token: &str| {
        let mut input = filters.clone();
        input["NextToken"] = json!(token);
        input
    };
    assert_eq!(
        mock.inputs("ListBackupJobs"),
        [
            filters.clone(),
            with_token("after-2"),
            with_token("after-4")
        ]
    );
    assert!(mock.unused().is_empty());
}

#[tokio::test]
async fn a_paginator_stops_at_the_first_error() {
    let (client, mock) = client();
    mock.push_output(
        "ListBackupJobs",
        json!({"BackupJobs": [{"BackupJobId": "job-1"}], "NextToken": "t1"}),
    )
    .push_error(
        "ListBackupJobs",
        ServiceError {
            code: "InvalidParameterValueException".into(),
            fields: object(
                json!({"Message": "bad token", "Type": "Parameter", "Context": "NextToken"}),
            ),
            ..Default::default()
        },
    );
    let results: Vec<_> = client
        .list_backup_jobs_items(ListBackupJobsInput::default(), PaginationConfig::default())
        .collect()
        .await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(
        results[0].as_ref().unwrap().backup_job_id.as_deref(),
        Some("job-1")
    );
    match &results[1] {
        Err(ListBackupJobsError::InvalidParameterValueException(e)) => {
            assert_eq!(
                (e.message.as_deref(), e.context.as_deref()),
                (Some("bad token"), Some("NextToken"))
            );
        }
        other => panic!("expected InvalidParameterValueException, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// On the wire: the real HttpTransport against a scripted server

/// A transport to `url` with explicit settings and no retries.
fn http(url: &str) -> Arc<HttpTransport> {
    let transport = HttpTransport::builder()
        .env_vars(Vec::<(String, String)>::new())
        .credentials(Credentials::new("testing", "testing", None))
        .region("us-east-1")
        .endpoint_url(url)
        .max_attempts(1)
        .build()
        .unwrap();
    Arc::new(transport)
}

#[tokio::test]
async fn list_backup_jobs_sends_tokens_and_filters_in_the_query_string() {
    // Tokens with characters a query string must escape.
    let server = scripted::serve(|request| {
        let (jobs, next) = match request.query().get("nextToken").map(String::as_str) {
            None => (vec!["job-1", "job-2"], Some("page 2/3+")),
            Some("page 2/3+") => (vec!["job-3", "job-4"], Some("page=3&last")),
            Some("page=3&last") => (vec!["job-5"], None),
            Some(other) => {
                return scripted::Reply::json(
                    400,
                    json!({"message": format!("unknown token {other}")}),
                )
            }
        };
        let jobs: Vec<Value> = jobs
            .into_iter()
            .map(|id| json!({"BackupJobId": id}))
            .collect();
        let mut page = json!({"BackupJobs": jobs});
        if let Some(next) = next {
            page["NextToken"] = json!(next);
        }
        scripted::Reply::json(200, page)
    });
    let client = Client::new(http(&server.url));
    let input = ListBackupJobsInput {
        by_state: Some("COMPLETED".into()),
        by_backup_vault_name: Some("music vault".into()),
        by_created_after: Some(DateTime::from_secs(1_700_000_000).unwrap()),
        ..Default::default()
    };

    let pages: Vec<_> = client
        .list_backup_jobs_pages(input, PaginationConfig::default().page_size(2))
        .try_collect()
        .await
        .unwrap();
    let sizes: Vec<usize> = pages
        .iter()
        .map(|p| p.backup_jobs.as_ref().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes, [2, 2, 1]);
    let jobs: Vec<String> = pages
        .into_iter()
        .flat_map(|p| p.backup_jobs.unwrap_or_default())
        .map(|job| job.backup_job_id.unwrap())
        .collect();
    assert_eq!(jobs, ["job-1", "job-2", "job-3", "job-4", "job-5"]);

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    let filters: BTreeMap<String, String> = [
        // The query keys are not the members' names: ByState is `state`, and so on.
        ("state", "COMPLETED"),
        ("backupVaultName", "music vault"),
        ("createdAfter", "2023-11-14T22:13:20Z"),
        ("maxResults", "2"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (request, token) in requests
        .iter()
        .zip([None, Some("page 2/3+"), Some("page=3&last")])
    {
        assert_eq!(
            (request.method.as_str(), request.path()),
            ("GET", "/backup-jobs/")
        );
        assert!(request.body.is_empty(), "a GET has no body: {request:?}");
        let mut expected = filters.clone();
        if let Some(token) = token {
            expected.insert("nextToken".into(), token.into());
        }
        assert_eq!(request.query(), expected, "{}", request.target);
    }
    // Escaped, not sent raw: a raw `&`, `=` or `+` would change what the server reads.
    assert!(
        requests[2].target.contains("nextToken=page%3D3%26last"),
        "{}",
        requests[2].target
    );
    assert!(
        requests[1].target.contains("nextToken=page%202%2F3%2B"),
        "{}",
        requests[1].target
    );
}

#[tokio::test]
async fn create_backup_selection_puts_the_plan_id_in_the_path_and_the_rest_in_the_body() {
    let server = scripted::serve(|_| {
        scripted::Reply::json(
            200,
            json!({"SelectionId": "sel-1", "BackupPlanId": "plan-1", "CreationDate": 1_700_000_000}),
        )
    });
    let client = Client::new(http(&server.url));
    let input = CreateBackupSelectionInput {
        creator_request_id: Some("request-1".into()),
        ..CreateBackupSelectionInput::new("plan-1", selection())
    };
    let created = client.create_backup_selection(input).await.unwrap();
    assert_eq!(created.selection_id.as_deref(), Some("sel-1"));
    assert_eq!(
        created.creation_date,
        Some(DateTime::from_secs(1_700_000_000).unwrap())
    );

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        (requests[0].method.as_str(), requests[0].target.as_str()),
        ("PUT", "/backup/plans/plan-1/selections/")
    );
    assert_eq!(
        requests[0].json(),
        json!({"BackupSelection": selection_json(), "CreatorRequestId": "request-1"})
    );
}

#[tokio::test]
async fn an_error_response_fills_the_typed_members_over_http() {
    // Backup's error shapes have a `Code` member of their own, so the error's code must come
    // from the X-Amzn-ErrorType header (namespaced here, as services may send it).
    let server = scripted::serve(|_| {
        scripted::Reply::json(400, Value::Object(already_exists_fields()))
            .header(
                "X-Amzn-ErrorType",
                "AlreadyExistsException:http://internal.amazon.com/coral/com.amazonaws.backup/",
            )
            .header("x-amzn-RequestId", "REQ-WIRE")
    });
    let client = Client::new(http(&server.url));
    match client
        .create_backup_vault(CreateBackupVaultInput::new("music"))
        .await
    {
        Err(CreateBackupVaultError::AlreadyExistsException(e)) => {
            assert_eq!(e.error.code, "AlreadyExistsException");
            assert_eq!(e.error.status, Some(400));
            assert_eq!(e.error.request_id.as_deref(), Some("REQ-WIRE"));
            assert_eq!(
                e.error.message.as_deref(),
                Some("Backup vault music already exists")
            );
            assert_eq!(e.error.fields, already_exists_fields());
            assert_eq!(e.code.as_deref(), Some("VaultAlreadyExists"));
            assert_eq!(
                (
                    e.arn.as_deref(),
                    e.context.as_deref(),
                    e.creator_request_id.as_deref(),
                    e.type_.as_deref()
                ),
                (
                    Some("arn:aws:backup:us-east-1:123456789012:backup-vault:music"),
                    Some("CreateBackupVault"),
                    Some("request-7"),
                    Some("BackupVault")
                )
            );
        }
        other => panic!("expected AlreadyExistsException, got {other:?}"),
    }
    let requests = server.requests();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].target.as_str()),
        ("PUT", "/backup-vaults/music")
    );
}

/// A one-thread HTTP/1.1 server on a loopback port that answers every request from a
/// script and records what it received. It lives as long as the test process.
mod scripted {
    use std::collections::BTreeMap;
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::{Arc, Mutex};

    use serde_json::Value;

    #[derive(Debug, Clone)]
    pub struct Request {
        pub method: String,
        /// The request target: path and query, as sent.
        pub target: String,
        pub body: Vec<u8>,
    }

    impl Request {
        pub fn path(&self) -> &str {
            self.target.split('?').next().unwrap_or_default()
        }

        /// The query parameters, decoded.
        pub fn query(&self) -> BTreeMap<String, String> {
            let Some((_, query)) = self.target.split_once('?') else {
                return BTreeMap::new();
            };
            query
                .split('&')
                .map(|pair| {
                    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (percent_decode(key), percent_decode(value))
                })
                .collect()
        }

        pub fn json(&self) -> Value {
            serde_json::from_slice(&self.body).expect("a JSON body")
        }
    }

    fn percent_decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' && i + 2 < bytes.len() {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    pub struct Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    }

    impl Reply {
        pub fn json(status: u16, body: Value) -> Self {
            Reply {
                status,
                headers: vec![("Content-Type".into(), "application/json".into())],
                body: body.to_string(),
            }
        }

        pub fn header(mut self, name: &str, value: &str) -> Self {
            self.headers.push((name.into(), value.into()));
            self
        }
    }

    pub struct Server {
        pub url: String,
        requests: Arc<Mutex<Vec<Request>>>,
    }

    impl Server {
        /// The requests received so far, oldest first.
        pub fn requests(&self) -> Vec<Request> {
            self.requests.lock().unwrap().clone()
        }
    }

    pub fn serve(mut script: impl FnMut(&Request) -> Reply + Send + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let Some(request) = read_request(&mut stream) else {
                    continue;
                };
                let reply = script(&request);
                seen.lock().unwrap().push(request);
                let mut head = format!("HTTP/1.1 {} Scripted\r\n", reply.status);
                for (name, value) in &reply.headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str(&format!(
                    "Content-Length: {}\r\nConnection: close\r\n\r\n",
                    reply.body.len()
                ));
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(reply.body.as_bytes());
            }
        });
        Server { url, requests }
    }

    fn read_request(stream: &mut TcpStream) -> Option<Request> {
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let mut parts = line.split_whitespace();
        let (method, target) = (parts.next()?.to_string(), parts.next()?.to_string());
        let mut length = 0;
        loop {
            line.clear();
            reader.read_line(&mut line).ok()?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().ok()?;
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).ok()?;
        Some(Request {
            method,
            target,
            body,
        })
    }
}
