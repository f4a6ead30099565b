//! The XML services' generated clients end to end over the real `HttpTransport`, against
//! moto_server: S3 (rest-xml), STS, IAM and SNS (query), EC2 (ec2).
//!
//! Each scenario first runs with boto3 against the same server (`support/boto3_scenarios.py`),
//! so that a failure says whether moto or this client is at fault, and then with the
//! generated client; the two summaries (keys per page, bytes, headers, error codes) must be
//! equal. Resource names come from a suffix per run, which the summaries write as `SUFFIX`.
//!
//! moto answers IAM's ListUsers and EC2's DescribeInstances in one page, so the paginators'
//! `Marker`/`IsTruncated` and `NextToken` walks are shown against the `MockTransport` at the
//! end.

use std::collections::BTreeMap;
use std::sync::Arc;

use awsdoc_sdk::runtime::{Blob, MockTransport, OperationError, PaginationConfig};
use awsdoc_sdk::{ec2, iam, s3, sns, sts};
use futures::TryStreamExt;
use serde_json::json;

#[path = "support/moto.rs"]
mod moto;

#[path = "support/e2e.rs"]
mod e2e;
use e2e::{boto3, normalized, ok, transport_in};

// ---------------------------------------------------------------------------------------
// S3

#[tokio::test]
async fn s3_objects_put_get_list_copy_delete_and_multipart_as_boto3_sees_them() {
    use s3::errors::GetObjectError;
    use s3::types::{
        CompleteMultipartUploadInput, CompletedMultipartUpload, CompletedPart, CopyObjectInput,
        CreateBucketConfiguration, CreateBucketInput, CreateMultipartUploadInput, Delete, DeleteObjectsInput,
        GetObjectInput, HeadObjectInput, ListObjectsV2Input, ObjectIdentifier, PutObjectInput, UploadPartInput,
    };
    const REGION: &str = "eu-west-1";
    let expected = boto3("s3", REGION, "py-s3-bucket");
    let bucket = "rs-s3-bucket";
    let client = s3::Client::new(transport_in(REGION));

    // The bucket configuration is the request's XML payload.
    let configuration =
        CreateBucketConfiguration { location_constraint: Some(REGION.into()), ..Default::default() };
    let input =
        CreateBucketInput { create_bucket_configuration: Some(configuration), ..CreateBucketInput::new(bucket) };
    ok("CreateBucket", client.create_bucket(input).await);

    let input = PutObjectInput {
        body: Some(Blob::from("hello")),
        content_type: Some("text/plain".into()),
        metadata: Some([("color".to_string(), "blue".to_string())].into()),
        ..PutObjectInput::new(bucket, "a.txt")
    };
    ok("PutObject", client.put_object(input).await);
    let got = ok("GetObject", client.get_object(GetObjectInput::new(bucket, "a.txt")).await);
    let body = Vec::from(got.body.expect("Body"));
    for key in ["b.txt", "c.txt"] {
        let input = PutObjectInput { body: Some(Blob::from(key)), ..PutObjectInput::new(bucket, key) };
        ok("PutObject", client.put_object(input).await);
    }

    // Page size 1: three pages, following NextContinuationToken.
    let pages: Vec<_> = ok(
        "ListObjectsV2 pages",
        client
            .list_objects_v2_pages(ListObjectsV2Input::new(bucket), PaginationConfig::default().page_size(1))
            .try_collect()
            .await,
    );
    let keys_per_page: Vec<Vec<String>> = pages
        .iter()
        .map(|page| page.contents.iter().flatten().filter_map(|o| o.key.clone()).collect())
        .collect();

    ok("CopyObject", client.copy_object(CopyObjectInput::new(bucket, format!("{bucket}/a.txt"), "copy.txt")).await);
    let copied = ok("GetObject", client.get_object(GetObjectInput::new(bucket, "copy.txt")).await);

    // DeleteObjects needs Content-MD5, which the transport adds to every S3 XML body.
    let delete = Delete::new(vec![ObjectIdentifier::new("b.txt"), ObjectIdentifier::new("c.txt")]);
    let deleted = ok("DeleteObjects", client.delete_objects(DeleteObjectsInput::new(bucket, delete)).await);
    let mut deleted: Vec<String> = deleted.deleted.iter().flatten().filter_map(|d| d.key.clone()).collect();
    deleted.sort();

    let missing = client.get_object(GetObjectInput::new(bucket, "missing.txt")).await.expect_err("no such key");
    assert!(matches!(missing, GetObjectError::NoSuchKey(_)), "the typed error: {missing:?}");
    assert_eq!(missing.status(), Some(404));

    let upload = ok("CreateMultipartUpload", client.create_multipart_upload(CreateMultipartUploadInput::new(bucket, "big.bin")).await);
    let upload_id = upload.upload_id.expect("UploadId");
    let part = UploadPartInput {
        body: Some(Blob::from(vec![b'x'; 1024])),
        ..UploadPartInput::new(bucket, "big.bin", 1, upload_id.clone())
    };
    let part = ok("UploadPart", client.upload_part(part).await);
    let parts = vec![CompletedPart { e_tag: part.e_tag, part_number: Some(1), ..Default::default() }];
    let complete = CompleteMultipartUploadInput {
        multipart_upload: Some(CompletedMultipartUpload { parts: Some(parts) }),
        ..CompleteMultipartUploadInput::new(bucket, "big.bin", upload_id)
    };
    ok("CompleteMultipartUpload", client.complete_multipart_upload(complete).await);
    let big = ok("HeadObject", client.head_object(HeadObjectInput::new(bucket, "big.bin")).await);
    let remaining = ok("ListObjectsV2", client.list_objects_v2(ListObjectsV2Input::new(bucket)).await);

    let summary = json!({
        "body": String::from_utf8(body).expect("text"),
        "content_type": got.content_type,
        "metadata": got.metadata.unwrap_or_default(),
        "pages": keys_per_page,
        "copied": String::from_utf8(Vec::from(copied.body.expect("Body"))).expect("text"),
        "deleted": deleted,
        "missing": missing.code(),
        "multipart_length": big.content_length,
        "remaining": remaining.contents.iter().flatten().filter_map(|o| o.key.clone()).collect::<Vec<_>>(),
    });
    assert_eq!(normalized(summary, bucket), expected);
}

// ---------------------------------------------------------------------------------------
// STS, IAM, SNS (query)

#[tokio::test]
async fn sts_caller_identity_and_assume_role_as_boto3_sees_them() {
    use sts::types::AssumeRoleInput;
    let expected = boto3("sts", "us-east-1", "py-session");
    let client = sts::Client::new(transport_in("us-east-1"));
    let me = ok("GetCallerIdentity", client.get_caller_identity().await);
    let input = AssumeRoleInput::new("arn:aws:iam::123456789012:role/e2e", "rs-session");
    let role = ok("AssumeRole", client.assume_role(input).await);
    let credentials = role.credentials.expect("Credentials");
    assert!(credentials.secret_access_key.as_deref().is_some_and(|k| !k.is_empty()));
    let key_id = credentials.access_key_id.expect("AccessKeyId");
    let summary = json!({
        "account": me.account,
        "arn": me.arn,
        "assumed_arn": role.assumed_role_user.expect("AssumedRoleUser").arn,
        "key_prefix": &key_id[..4],
    });
    assert_eq!(normalized(summary, "rs-session"), expected);
}

#[tokio::test]
async fn iam_users_created_listed_through_the_paginator_and_a_missing_one_typed() {
    use iam::errors::GetUserError;
    use iam::types::{CreateUserInput, GetUserInput, ListUsersInput};
    let expected = boto3("iam", "us-east-1", "py-users");
    let suffix = "rs-users";
    let client = iam::Client::new(transport_in("us-east-1"));
    for i in 0..3 {
        let input = CreateUserInput { path: Some(format!("/{suffix}/")), ..CreateUserInput::new(format!("{suffix}-{i}")) };
        ok("CreateUser", client.create_user(input).await);
    }
    let input = ListUsersInput { path_prefix: Some(format!("/{suffix}/")), ..Default::default() };
    let users: Vec<_> = ok("ListUsers", client.list_users_items(input, PaginationConfig::default()).try_collect().await);
    let mut names: Vec<String> = users.into_iter().filter_map(|u| u.user_name).collect();
    names.sort();

    let input = GetUserInput { user_name: Some(format!("{suffix}-nobody")) };
    let missing = client.get_user(input).await.expect_err("no such user");
    // IAM's code is `NoSuchEntity`; the error shape botocore names `NoSuchEntityException`.
    assert!(matches!(missing, GetUserError::NoSuchEntityException(_)), "the typed error: {missing:?}");
    assert_eq!(missing.status(), Some(404));
    assert!(missing.message().is_some_and(|m| m.contains("nobody")), "{missing}");

    let summary = json!({"users": names, "missing": missing.code()});
    assert_eq!(normalized(summary, suffix), expected);
}

#[tokio::test]
async fn sns_topic_created_published_to_and_listed() {
    use sns::types::{CreateTopicInput, ListTopicsInput, PublishInput};
    let expected = boto3("sns", "us-east-1", "py-topic");
    let name = "rs-topic";
    let client = sns::Client::new(transport_in("us-east-1"));
    let arn = ok("CreateTopic", client.create_topic(CreateTopicInput::new(name)).await).topic_arn.expect("TopicArn");
    let input = PublishInput { topic_arn: Some(arn.clone()), subject: Some("greeting".into()), ..PublishInput::new("hello") };
    let published = ok("Publish", client.publish(input).await);
    let topics: Vec<_> =
        ok("ListTopics", client.list_topics_items(ListTopicsInput::default(), PaginationConfig::default()).try_collect().await);
    let summary = json!({
        "topic_suffix": arn.rsplit(':').next(),
        "published": published.message_id.is_some_and(|id| !id.is_empty()),
        "listed": topics.iter().any(|t| t.topic_arn.as_deref() == Some(arn.as_str())),
    });
    assert_eq!(normalized(summary, name), expected);
}

// ---------------------------------------------------------------------------------------
// EC2

#[tokio::test]
async fn ec2_instances_run_described_by_filter_terminated_and_an_unknown_id_read_by_code() {
    use ec2::types::{
        DescribeInstancesInput, Filter, RunInstancesInput, Tag, TagSpecification, TerminateInstancesInput,
    };
    let expected = boto3("ec2", "us-east-1", "py-fleet");
    let tag = "rs-fleet";
    let client = ec2::Client::new(transport_in("us-east-1"));
    let spec = TagSpecification {
        resource_type: Some("instance".into()),
        tags: Some(vec![Tag { key: Some("Name".into()), value: Some(tag.into()) }]),
    };
    let input = RunInstancesInput {
        image_id: Some("ami-12c6146b".into()),
        instance_type: Some("t3.micro".into()),
        tag_specifications: Some(vec![spec]),
        ..RunInstancesInput::new(6, 6)
    };
    let run = ok("RunInstances", client.run_instances(input).await);
    let mut ids: Vec<String> = run.instances.iter().flatten().filter_map(|i| i.instance_id.clone()).collect();

    // Sent as Filter.1.Name / Filter.1.Value.1.
    let filter = Filter { name: Some("tag:Name".into()), values: Some(vec![tag.into()]) };
    let input = DescribeInstancesInput { filters: Some(vec![filter]), ..Default::default() };
    let found = ok("DescribeInstances", client.describe_instances(input).await);
    let mut described: Vec<String> = found
        .reservations
        .iter()
        .flatten()
        .flat_map(|r| r.instances.iter().flatten())
        .filter_map(|i| i.instance_id.clone())
        .collect();
    described.sort();
    ids.sort();

    let terminated = ok("TerminateInstances", client.terminate_instances(TerminateInstancesInput::new(ids.clone())).await);
    let states: std::collections::BTreeSet<String> = terminated
        .terminating_instances
        .iter()
        .flatten()
        .filter_map(|t| t.current_state.as_ref()?.name.as_ref().map(|n| n.as_str().to_string()))
        .collect();

    // EC2 documents no error shapes: the code is read through the common methods.
    let input = DescribeInstancesInput { instance_ids: Some(vec!["i-1234567890abcdef0".into()]), ..Default::default() };
    let missing = client.describe_instances(input).await.expect_err("no such instance");
    assert_eq!(missing.status(), Some(400));
    assert!(!missing.is_retryable());

    let summary = json!({
        "launched": ids.len(),
        "described": described.len(),
        "same_ids": described == ids,
        "terminating_states": states,
        "missing": missing.code(),
    });
    assert_eq!(summary, expected);
}

// ---------------------------------------------------------------------------------------
// Paginators across pages (moto answers these in one page)

#[tokio::test]
async fn iam_list_users_follows_marker_while_is_truncated() {
    use iam::types::ListUsersInput;
    let mock = Arc::new(MockTransport::new());
    let user = |name: &str| json!({"UserName": name, "Path": "/", "UserId": "AID", "Arn": "arn", "CreateDate": "2024-01-01T00:00:00Z"});
    mock.push_output("ListUsers", json!({"Users": [user("a"), user("b")], "IsTruncated": true, "Marker": "m1"}));
    mock.push_output("ListUsers", json!({"Users": [user("c")], "IsTruncated": true, "Marker": "m2"}));
    // A marker with IsTruncated false is not followed.
    mock.push_output("ListUsers", json!({"Users": [user("d")], "IsTruncated": false, "Marker": "m3"}));
    let client = iam::Client::new(mock.clone());
    let users: Vec<_> = client
        .list_users_items(ListUsersInput::default(), PaginationConfig::default().page_size(2))
        .try_collect()
        .await
        .expect("three pages");
    let names: Vec<&str> = users.iter().filter_map(|u| u.user_name.as_deref()).collect();
    assert_eq!(names, ["a", "b", "c", "d"]);
    assert_eq!(
        mock.inputs("ListUsers"),
        [json!({"MaxItems": 2}), json!({"MaxItems": 2, "Marker": "m1"}), json!({"MaxItems": 2, "Marker": "m2"})]
    );
}

#[tokio::test]
async fn ec2_describe_instances_follows_next_token() {
    use ec2::types::DescribeInstancesInput;
    let mock = Arc::new(MockTransport::new());
    let reservation = |id: &str| json!({"ReservationId": id, "Instances": [{"InstanceId": format!("i-{id}")}]});
    mock.push_output("DescribeInstances", json!({"Reservations": [reservation("1")], "NextToken": "t1"}));
    mock.push_output("DescribeInstances", json!({"Reservations": [reservation("2")]}));
    let client = ec2::Client::new(mock.clone());
    let reservations: Vec<_> = client
        .describe_instances_items(DescribeInstancesInput::default(), PaginationConfig::default().page_size(5))
        .try_collect()
        .await
        .expect("two pages");
    let ids: BTreeMap<_, _> = reservations
        .iter()
        .map(|r| (r.reservation_id.clone().unwrap_or_default(), r.instances.as_ref().map_or(0, Vec::len)))
        .collect();
    assert_eq!(ids, BTreeMap::from([("1".to_string(), 1), ("2".to_string(), 1)]));
    assert_eq!(
        mock.inputs("DescribeInstances"),
        [json!({"MaxResults": 5}), json!({"MaxResults": 5, "NextToken": "t1"})]
    );
}
