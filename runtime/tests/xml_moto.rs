//! `HttpTransport` over the XML protocols against moto_server: S3 (rest-xml), STS, IAM and
//! SNS (query), EC2 (ec2), with hand-written static schemas like the ones the generated code
//! emits (names and `xml_name`s as in the AWS models).
//!
//! The server comes from `tests/support/moto.rs`, as for `http_moto`: `moto_server` from
//! `AWSDOC_MOTO_SERVER` or `PATH`; when it is missing the first test fails and says how to
//! install it. Each test works in its own region, so their state never meets.
#![cfg(feature = "http")]

use std::time::Duration;

use awsdoc_runtime::http::HttpTransport;
use awsdoc_runtime::schema::{
    ListShape, MapShape, Member, OperationSchema, Shape, XmlNamespace, BLOB, BOOLEAN, INTEGER,
    LONG, STRING, TIMESTAMP,
};
use awsdoc_runtime::{
    CallError, Credentials, HttpBinding, Location, MemberBinding, OperationRequest, Protocol,
    ServiceError, ServiceMeta, Transport, WireType,
};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde_json::{json, Value};

#[path = "http_support/sts.rs"]
mod sts;
use sts::{GET_CALLER_IDENTITY, STS};

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

async fn service_error(transport: &HttpTransport, request: OperationRequest) -> ServiceError {
    let operation = request.operation;
    match transport.call(request).await {
        Err(CallError::Service(e)) => e,
        other => panic!("{operation}: expected a service error, got {other:?}"),
    }
}

fn text<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer} in {value}"))
}

const fn named(name: &'static str, xml_name: &'static str, shape: &'static Shape) -> Member {
    Member {
        xml_name: Some(xml_name),
        ..Member::new(name, shape)
    }
}

const fn bind(
    member: &'static str,
    location: Location,
    wire_name: &'static str,
    wire_type: WireType,
) -> MemberBinding {
    MemberBinding {
        member,
        location,
        wire_name,
        wire_type,
    }
}

static STRING_MAP: Shape = Shape::Map(&MapShape {
    key: Member::new("key", &STRING),
    value: Member::new("value", &STRING),
    flattened: false,
});

// ---------------------------------------------------------------------------------------
// S3 (rest-xml)

static S3: ServiceMeta = ServiceMeta {
    name: "s3",
    api_version: "2006-03-01",
    protocol: Some(Protocol::RestXml {
        signing_name: "s3",
        endpoint_prefix: "s3",
        xml_namespace: None,
    }),
};
const S3_NS: XmlNamespace = XmlNamespace {
    prefix: None,
    uri: "http://s3.amazonaws.com/doc/2006-03-01/",
};

static CREATE_BUCKET_CONFIGURATION: Shape =
    Shape::Structure(&[Member::new("LocationConstraint", &STRING)]);
static CREATE_BUCKET_INPUT: Shape = Shape::Structure(&[
    Member::new("Bucket", &STRING),
    Member {
        xml_name: Some("CreateBucketConfiguration"),
        namespace: Some(S3_NS),
        ..Member::new("CreateBucketConfiguration", &CREATE_BUCKET_CONFIGURATION)
    },
]);
static CREATE_BUCKET_OUTPUT: Shape = Shape::Structure(&[Member::new("Location", &STRING)]);
static CREATE_BUCKET_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&CREATE_BUCKET_INPUT),
    output: Some(&CREATE_BUCKET_OUTPUT),
    result_wrapper: None,
    input_root: None,
};
static CREATE_BUCKET: HttpBinding = HttpBinding {
    method: "PUT",
    uri: "/{Bucket}",
    members: &[
        bind("Bucket", Location::Path, "Bucket", WireType::String),
        bind(
            "CreateBucketConfiguration",
            Location::Payload,
            "CreateBucketConfiguration",
            WireType::Structure,
        ),
        bind("Location", Location::Header, "Location", WireType::String),
    ],
};

static PUT_OBJECT_INPUT: Shape = Shape::Structure(&[
    Member::new("Body", &BLOB),
    Member::new("Bucket", &STRING),
    Member::new("ContentType", &STRING),
    Member::new("Key", &STRING),
    Member::new("Metadata", &STRING_MAP),
]);
static PUT_OBJECT_OUTPUT: Shape = Shape::Structure(&[Member::new("ETag", &STRING)]);
static PUT_OBJECT_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&PUT_OBJECT_INPUT),
    output: Some(&PUT_OBJECT_OUTPUT),
    result_wrapper: None,
    input_root: None,
};
static PUT_OBJECT: HttpBinding = HttpBinding {
    method: "PUT",
    uri: "/{Bucket}/{Key+}",
    members: &[
        bind("Body", Location::Payload, "Body", WireType::Blob),
        bind("Bucket", Location::Path, "Bucket", WireType::String),
        bind(
            "ContentType",
            Location::Header,
            "Content-Type",
            WireType::String,
        ),
        bind("Key", Location::Path, "Key", WireType::String),
        bind("Metadata", Location::Header, "x-amz-meta-", WireType::Map),
        bind("ETag", Location::Header, "ETag", WireType::String),
    ],
};

static GET_OBJECT_INPUT: Shape =
    Shape::Structure(&[Member::new("Bucket", &STRING), Member::new("Key", &STRING)]);
static GET_OBJECT_OUTPUT: Shape = Shape::Structure(&[
    Member::new("Body", &BLOB),
    Member::new("ContentLength", &LONG),
    Member::new("ContentType", &STRING),
    Member::new("ETag", &STRING),
    Member::new("LastModified", &TIMESTAMP),
    Member::new("Metadata", &STRING_MAP),
]);
static GET_OBJECT_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&GET_OBJECT_INPUT),
    output: Some(&GET_OBJECT_OUTPUT),
    result_wrapper: None,
    input_root: None,
};
static GET_OBJECT: HttpBinding = HttpBinding {
    method: "GET",
    uri: "/{Bucket}/{Key+}",
    members: &[
        bind("Bucket", Location::Path, "Bucket", WireType::String),
        bind("Key", Location::Path, "Key", WireType::String),
        bind("Body", Location::Payload, "Body", WireType::Blob),
        bind(
            "ContentLength",
            Location::Header,
            "Content-Length",
            WireType::Integer,
        ),
        bind(
            "ContentType",
            Location::Header,
            "Content-Type",
            WireType::String,
        ),
        bind("ETag", Location::Header, "ETag", WireType::String),
        bind(
            "LastModified",
            Location::Header,
            "Last-Modified",
            WireType::Timestamp,
        ),
        bind("Metadata", Location::Header, "x-amz-meta-", WireType::Map),
    ],
};

static OBJECT: Shape = Shape::Structure(&[
    Member::new("Key", &STRING),
    Member::new("LastModified", &TIMESTAMP),
    Member::new("ETag", &STRING),
    Member::new("Size", &LONG),
    Member::new("StorageClass", &STRING),
]);
static OBJECT_LIST: Shape = Shape::List(&ListShape {
    member: Member::new("member", &OBJECT),
    flattened: true,
});
static LIST_OBJECTS_V2_INPUT: Shape = Shape::Structure(&[
    Member::new("Bucket", &STRING),
    Member::new("MaxKeys", &INTEGER),
    Member::new("ContinuationToken", &STRING),
]);
static LIST_OBJECTS_V2_OUTPUT: Shape = Shape::Structure(&[
    Member::new("IsTruncated", &BOOLEAN),
    Member::new("Contents", &OBJECT_LIST),
    Member::new("Name", &STRING),
    Member::new("MaxKeys", &INTEGER),
    Member::new("KeyCount", &INTEGER),
    Member::new("NextContinuationToken", &STRING),
]);
static LIST_OBJECTS_V2_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&LIST_OBJECTS_V2_INPUT),
    output: Some(&LIST_OBJECTS_V2_OUTPUT),
    result_wrapper: None,
    input_root: None,
};
static LIST_OBJECTS_V2: HttpBinding = HttpBinding {
    method: "GET",
    uri: "/{Bucket}?list-type=2",
    members: &[
        bind("Bucket", Location::Path, "Bucket", WireType::String),
        bind("MaxKeys", Location::Query, "max-keys", WireType::Integer),
        bind(
            "ContinuationToken",
            Location::Query,
            "continuation-token",
            WireType::String,
        ),
    ],
};

static OBJECT_IDENTIFIER: Shape = Shape::Structure(&[Member::new("Key", &STRING)]);
static OBJECT_IDENTIFIERS: Shape = Shape::List(&ListShape {
    member: Member::new("member", &OBJECT_IDENTIFIER),
    flattened: true,
});
static DELETE: Shape = Shape::Structure(&[
    named("Objects", "Object", &OBJECT_IDENTIFIERS),
    Member::new("Quiet", &BOOLEAN),
]);
static DELETED: Shape = Shape::Structure(&[Member::new("Key", &STRING)]);
static DELETED_LIST: Shape = Shape::List(&ListShape {
    member: Member::new("member", &DELETED),
    flattened: true,
});
static DELETE_OBJECTS_INPUT: Shape = Shape::Structure(&[
    Member::new("Bucket", &STRING),
    Member {
        xml_name: Some("Delete"),
        namespace: Some(S3_NS),
        ..Member::new("Delete", &DELETE)
    },
]);
static DELETE_OBJECTS_OUTPUT: Shape = Shape::Structure(&[Member::new("Deleted", &DELETED_LIST)]);
static DELETE_OBJECTS_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&DELETE_OBJECTS_INPUT),
    output: Some(&DELETE_OBJECTS_OUTPUT),
    result_wrapper: None,
    input_root: None,
};
static DELETE_OBJECTS: HttpBinding = HttpBinding {
    method: "POST",
    uri: "/{Bucket}?delete",
    members: &[
        bind("Bucket", Location::Path, "Bucket", WireType::String),
        bind("Delete", Location::Payload, "Delete", WireType::Structure),
    ],
};

fn s3(
    operation: &'static str,
    binding: &'static HttpBinding,
    schema: &'static OperationSchema,
    input: Value,
) -> OperationRequest {
    OperationRequest {
        service: &S3,
        operation,
        input,
        binding: Some(binding),
        schema: Some(schema),
    }
}

#[tokio::test]
async fn s3_buckets_objects_listing_deletes_and_errors() {
    let region = "eu-west-1";
    let transport = transport(region);
    let bucket = "awsdoc-xml-bucket";
    let created = call(
        &transport,
        s3(
            "CreateBucket",
            &CREATE_BUCKET,
            &CREATE_BUCKET_SCHEMA,
            json!({"Bucket": bucket, "CreateBucketConfiguration": {"LocationConstraint": region}}),
        ),
    )
    .await;
    assert!(text(&created, "/Location").contains(bucket), "{created}");

    let bytes: &[u8] = b"hello \x00\xff world";
    let put = call(
        &transport,
        s3(
            "PutObject",
            &PUT_OBJECT,
            &PUT_OBJECT_SCHEMA,
            json!({
                "Bucket": bucket, "Key": "dir/a b.bin", "Body": BASE64.encode(bytes),
                "ContentType": "application/x-test", "Metadata": {"Color": "blue"},
            }),
        ),
    )
    .await;
    let etag = text(&put, "/ETag").to_string();
    for key in ["b.txt", "c.txt"] {
        call(
            &transport,
            s3(
                "PutObject",
                &PUT_OBJECT,
                &PUT_OBJECT_SCHEMA,
                json!({"Bucket": bucket, "Key": key, "Body": BASE64.encode(key)}),
            ),
        )
        .await;
    }

    let got = call(
        &transport,
        s3(
            "GetObject",
            &GET_OBJECT,
            &GET_OBJECT_SCHEMA,
            json!({"Bucket": bucket, "Key": "dir/a b.bin"}),
        ),
    )
    .await;
    assert_eq!(BASE64.decode(text(&got, "/Body")).unwrap(), bytes);
    assert_eq!(text(&got, "/ContentType"), "application/x-test");
    assert_eq!(got["ContentLength"], json!(bytes.len()));
    assert_eq!(text(&got, "/ETag"), etag);
    // Metadata keys come back lower-cased, as in every AWS SDK.
    assert_eq!(got["Metadata"], json!({"color": "blue"}));
    assert!(got["LastModified"].is_number(), "{got}");

    // One key per page, following NextContinuationToken.
    let (mut keys, mut token, mut pages) = (Vec::new(), None::<String>, 0);
    loop {
        let mut input = json!({"Bucket": bucket, "MaxKeys": 1});
        if let Some(token) = &token {
            input["ContinuationToken"] = json!(token);
        }
        let page = call(
            &transport,
            s3(
                "ListObjectsV2",
                &LIST_OBJECTS_V2,
                &LIST_OBJECTS_V2_SCHEMA,
                input,
            ),
        )
        .await;
        pages += 1;
        let contents = page["Contents"].as_array().expect("Contents");
        assert_eq!(contents.len(), 1, "{page}");
        assert_eq!(page["MaxKeys"], json!(1));
        assert!(contents[0]["Size"].is_number(), "{page}");
        keys.push(text(&contents[0], "/Key").to_string());
        match page.get("NextContinuationToken").and_then(Value::as_str) {
            Some(next) => {
                assert_eq!(page["IsTruncated"], json!(true), "{page}");
                token = Some(next.to_string());
            }
            None => break,
        }
        assert!(pages < 10, "pagination does not end: {keys:?}");
    }
    assert_eq!(keys, ["b.txt", "c.txt", "dir/a b.bin"]);

    // DeleteObjects requires Content-MD5 (S3 refuses it without): the transport adds it.
    let deleted = call(
        &transport,
        s3(
            "DeleteObjects",
            &DELETE_OBJECTS,
            &DELETE_OBJECTS_SCHEMA,
            json!({"Bucket": bucket, "Delete": {"Objects": [{"Key": "b.txt"}, {"Key": "c.txt"}], "Quiet": false}}),
        ),
    )
    .await;
    let mut deleted_keys: Vec<&str> = deleted["Deleted"]
        .as_array()
        .expect("Deleted")
        .iter()
        .map(|d| text(d, "/Key"))
        .collect();
    deleted_keys.sort();
    assert_eq!(deleted_keys, ["b.txt", "c.txt"]);

    let missing = service_error(
        &transport,
        s3(
            "GetObject",
            &GET_OBJECT,
            &GET_OBJECT_SCHEMA,
            json!({"Bucket": bucket, "Key": "b.txt"}),
        ),
    )
    .await;
    assert_eq!(missing.code, "NoSuchKey", "{missing:?}");
    assert_eq!(missing.status, Some(404));
    assert!(missing.message.is_some(), "{missing:?}");
    assert_eq!(
        missing.fields.get("Key"),
        Some(&json!("b.txt")),
        "{missing:?}"
    );
}

// ---------------------------------------------------------------------------------------
// STS, IAM, SNS (query)


#[tokio::test]
async fn sts_get_caller_identity() {
    let transport = transport("us-east-2");
    let identity = call(
        &transport,
        OperationRequest {
            service: &STS,
            operation: "GetCallerIdentity",
            input: json!({}),
            binding: None,
            schema: Some(&GET_CALLER_IDENTITY),
        },
    )
    .await;
    assert_eq!(text(&identity, "/Account").len(), 12, "{identity}");
    assert!(
        text(&identity, "/Arn").starts_with("arn:aws:"),
        "{identity}"
    );
}

static IAM: ServiceMeta = ServiceMeta {
    name: "iam",
    api_version: "2010-05-08",
    protocol: Some(Protocol::Query {
        signing_name: "iam",
        endpoint_prefix: "iam",
    }),
};
static TAG: Shape = Shape::Structure(&[Member::new("Key", &STRING), Member::new("Value", &STRING)]);
static TAGS: Shape = Shape::List(&ListShape {
    member: Member::new("member", &TAG),
    flattened: false,
});
static USER: Shape = Shape::Structure(&[
    Member::new("Path", &STRING),
    Member::new("UserName", &STRING),
    Member::new("UserId", &STRING),
    Member::new("Arn", &STRING),
    Member::new("CreateDate", &TIMESTAMP),
    Member::new("Tags", &TAGS),
]);
static USER_NAME_INPUT: Shape = Shape::Structure(&[
    Member::new("Path", &STRING),
    Member::new("UserName", &STRING),
    Member::new("Tags", &TAGS),
]);
static USER_OUTPUT: Shape = Shape::Structure(&[Member::new("User", &USER)]);
static CREATE_USER_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&USER_NAME_INPUT),
    output: Some(&USER_OUTPUT),
    result_wrapper: Some("CreateUserResult"),
    input_root: None,
};
static GET_USER_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&USER_NAME_INPUT),
    output: Some(&USER_OUTPUT),
    result_wrapper: Some("GetUserResult"),
    input_root: None,
};

fn iam(
    operation: &'static str,
    schema: &'static OperationSchema,
    input: Value,
) -> OperationRequest {
    OperationRequest {
        service: &IAM,
        operation,
        input,
        binding: None,
        schema: Some(schema),
    }
}

#[tokio::test]
async fn iam_users_and_no_such_entity() {
    let transport = transport("us-east-1");
    let created = call(
        &transport,
        iam(
            "CreateUser",
            &CREATE_USER_SCHEMA,
            json!({"UserName": "awsdoc-alice", "Path": "/team/", "Tags": [{"Key": "team", "Value": "x & y"}]}),
        ),
    )
    .await;
    assert_eq!(text(&created, "/User/UserName"), "awsdoc-alice");
    assert_eq!(text(&created, "/User/Path"), "/team/");
    // Timestamps stay ISO 8601 strings, which the generated DateTime reads.
    let created_at = text(&created, "/User/CreateDate");
    assert!(
        awsdoc_runtime::DateTime::parse_wire_str(created_at).is_ok(),
        "{created_at}"
    );

    let got = call(
        &transport,
        iam(
            "GetUser",
            &GET_USER_SCHEMA,
            json!({"UserName": "awsdoc-alice"}),
        ),
    )
    .await;
    assert_eq!(
        text(&got, "/User/Arn"),
        text(&created, "/User/Arn"),
        "{got}"
    );
    assert_eq!(
        got["User"]["Tags"],
        json!([{"Key": "team", "Value": "x & y"}])
    );

    let missing = service_error(
        &transport,
        iam(
            "GetUser",
            &GET_USER_SCHEMA,
            json!({"UserName": "awsdoc-nobody"}),
        ),
    )
    .await;
    assert_eq!(missing.code, "NoSuchEntity", "{missing:?}");
    assert_eq!(missing.status, Some(404));
    assert!(
        missing
            .message
            .as_deref()
            .is_some_and(|m| m.contains("awsdoc-nobody")),
        "{missing:?}"
    );
    assert!(missing.request_id.is_some(), "{missing:?}");
}

static SNS: ServiceMeta = ServiceMeta {
    name: "sns",
    api_version: "2010-03-31",
    protocol: Some(Protocol::Query {
        signing_name: "sns",
        endpoint_prefix: "sns",
    }),
};
static CREATE_TOPIC_INPUT: Shape = Shape::Structure(&[
    Member::new("Name", &STRING),
    Member::new("Attributes", &STRING_MAP),
    Member::new("Tags", &TAGS),
]);
static TOPIC_ARN: Shape = Shape::Structure(&[Member::new("TopicArn", &STRING)]);
static CREATE_TOPIC_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&CREATE_TOPIC_INPUT),
    output: Some(&TOPIC_ARN),
    result_wrapper: Some("CreateTopicResult"),
    input_root: None,
};
static PUBLISH_INPUT: Shape = Shape::Structure(&[
    Member::new("TopicArn", &STRING),
    Member::new("Message", &STRING),
    Member::new("Subject", &STRING),
]);
static PUBLISH_OUTPUT: Shape = Shape::Structure(&[Member::new("MessageId", &STRING)]);
static PUBLISH_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&PUBLISH_INPUT),
    output: Some(&PUBLISH_OUTPUT),
    result_wrapper: Some("PublishResult"),
    input_root: None,
};
static TOPICS: Shape = Shape::List(&ListShape {
    member: Member::new("member", &TOPIC_ARN),
    flattened: false,
});
static LIST_TOPICS_INPUT: Shape = Shape::Structure(&[Member::new("NextToken", &STRING)]);
static LIST_TOPICS_OUTPUT: Shape = Shape::Structure(&[
    Member::new("Topics", &TOPICS),
    Member::new("NextToken", &STRING),
]);
static LIST_TOPICS_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&LIST_TOPICS_INPUT),
    output: Some(&LIST_TOPICS_OUTPUT),
    result_wrapper: Some("ListTopicsResult"),
    input_root: None,
};

fn sns(
    operation: &'static str,
    schema: &'static OperationSchema,
    input: Value,
) -> OperationRequest {
    OperationRequest {
        service: &SNS,
        operation,
        input,
        binding: None,
        schema: Some(schema),
    }
}

#[tokio::test]
async fn sns_topics_publish_and_list() {
    let transport = transport("ap-southeast-2");
    let mut arns = Vec::new();
    for name in ["awsdoc-topic-1", "awsdoc-topic-2"] {
        let created = call(
            &transport,
            sns(
                "CreateTopic",
                &CREATE_TOPIC_SCHEMA,
                json!({"Name": name, "Attributes": {"DisplayName": "Awsdoc topic"}, "Tags": [{"Key": "k", "Value": "v"}]}),
            ),
        )
        .await;
        let arn = text(&created, "/TopicArn");
        assert!(arn.ends_with(&format!(":{name}")), "{created}");
        arns.push(arn.to_string());
    }
    let published = call(
        &transport,
        sns(
            "Publish",
            &PUBLISH_SCHEMA,
            json!({"TopicArn": arns[0], "Message": "héllo & <world>", "Subject": "s"}),
        ),
    )
    .await;
    assert!(!text(&published, "/MessageId").is_empty(), "{published}");

    let listed = call(
        &transport,
        sns("ListTopics", &LIST_TOPICS_SCHEMA, json!({})),
    )
    .await;
    let mut listed: Vec<String> = listed["Topics"]
        .as_array()
        .expect("Topics")
        .iter()
        .map(|t| text(t, "/TopicArn").to_string())
        .collect();
    listed.sort();
    assert_eq!(listed, arns);
}

// ---------------------------------------------------------------------------------------
// EC2 (ec2)

static EC2: ServiceMeta = ServiceMeta {
    name: "ec2",
    api_version: "2016-11-15",
    protocol: Some(Protocol::Ec2 {
        signing_name: "ec2",
        endpoint_prefix: "ec2",
    }),
};
static VALUES: Shape = Shape::List(&ListShape {
    member: named("member", "item", &STRING),
    flattened: false,
});
static FILTER: Shape = Shape::Structure(&[
    Member::new("Name", &STRING),
    named("Values", "Value", &VALUES),
]);
static FILTERS: Shape = Shape::List(&ListShape {
    member: named("member", "Filter", &FILTER),
    flattened: false,
});
static INSTANCE_IDS: Shape = Shape::List(&ListShape {
    member: named("member", "InstanceId", &STRING),
    flattened: false,
});
static INSTANCE_STATE: Shape = Shape::Structure(&[
    named("Code", "code", &INTEGER),
    named("Name", "name", &STRING),
]);
static INSTANCE: Shape = Shape::Structure(&[
    named("InstanceId", "instanceId", &STRING),
    named("ImageId", "imageId", &STRING),
    named("State", "instanceState", &INSTANCE_STATE),
    named("InstanceType", "instanceType", &STRING),
    named("LaunchTime", "launchTime", &TIMESTAMP),
    named("AmiLaunchIndex", "amiLaunchIndex", &INTEGER),
    named("EbsOptimized", "ebsOptimized", &BOOLEAN),
]);
static INSTANCES: Shape = Shape::List(&ListShape {
    member: named("member", "item", &INSTANCE),
    flattened: false,
});
static RESERVATION: Shape = Shape::Structure(&[
    named("ReservationId", "reservationId", &STRING),
    named("OwnerId", "ownerId", &STRING),
    named("Instances", "instancesSet", &INSTANCES),
]);
static RESERVATIONS: Shape = Shape::List(&ListShape {
    member: named("member", "item", &RESERVATION),
    flattened: false,
});
static RUN_INSTANCES_INPUT: Shape = Shape::Structure(&[
    Member::new("ImageId", &STRING),
    Member::new("InstanceType", &STRING),
    Member::new("MaxCount", &INTEGER),
    Member::new("MinCount", &INTEGER),
    named("DryRun", "dryRun", &BOOLEAN),
]);
static RUN_INSTANCES_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&RUN_INSTANCES_INPUT),
    output: Some(&RESERVATION),
    result_wrapper: None,
    input_root: None,
};
static DESCRIBE_INSTANCES_INPUT: Shape = Shape::Structure(&[
    named("InstanceIds", "InstanceId", &INSTANCE_IDS),
    named("DryRun", "dryRun", &BOOLEAN),
    named("Filters", "Filter", &FILTERS),
    named("NextToken", "nextToken", &STRING),
    named("MaxResults", "maxResults", &INTEGER),
]);
static DESCRIBE_INSTANCES_OUTPUT: Shape = Shape::Structure(&[
    named("NextToken", "nextToken", &STRING),
    named("Reservations", "reservationSet", &RESERVATIONS),
]);
static DESCRIBE_INSTANCES_SCHEMA: OperationSchema = OperationSchema {
    input: Some(&DESCRIBE_INSTANCES_INPUT),
    output: Some(&DESCRIBE_INSTANCES_OUTPUT),
    result_wrapper: None,
    input_root: None,
};

fn ec2(
    operation: &'static str,
    schema: &'static OperationSchema,
    input: Value,
) -> OperationRequest {
    OperationRequest {
        service: &EC2,
        operation,
        input,
        binding: None,
        schema: Some(schema),
    }
}

#[tokio::test]
async fn ec2_run_describe_filter_and_not_found() {
    let transport = transport("us-west-1");
    let reservation = call(
        &transport,
        ec2(
            "RunInstances",
            &RUN_INSTANCES_SCHEMA,
            json!({"ImageId": "ami-12c6146b", "InstanceType": "t2.micro", "MinCount": 2, "MaxCount": 2}),
        ),
    )
    .await;
    let instances = reservation["Instances"].as_array().expect("Instances");
    assert_eq!(instances.len(), 2, "{reservation}");
    assert!(text(&reservation, "/ReservationId").starts_with("r-"));
    assert!(instances[0]["State"]["Code"].is_number(), "{reservation}");
    let id = text(&instances[1], "/InstanceId").to_string();

    let described = call(
        &transport,
        ec2(
            "DescribeInstances",
            &DESCRIBE_INSTANCES_SCHEMA,
            json!({"Filters": [{"Name": "instance-id", "Values": [id]}]}),
        ),
    )
    .await;
    let found: Vec<&str> = described["Reservations"]
        .as_array()
        .expect("Reservations")
        .iter()
        .flat_map(|r| r["Instances"].as_array().into_iter().flatten())
        .map(|i| text(i, "/InstanceId"))
        .collect();
    assert_eq!(found, [id.as_str()], "{described}");
    assert_eq!(
        described["Reservations"][0]["Instances"][0]["ImageId"],
        json!("ami-12c6146b")
    );

    let missing = service_error(
        &transport,
        ec2(
            "DescribeInstances",
            &DESCRIBE_INSTANCES_SCHEMA,
            json!({"InstanceIds": ["i-0123456789abcdef0"]}),
        ),
    )
    .await;
    assert_eq!(missing.code, "InvalidInstanceID.NotFound", "{missing:?}");
    assert_eq!(missing.status, Some(400));
    assert!(missing.request_id.is_some(), "{missing:?}");
}
