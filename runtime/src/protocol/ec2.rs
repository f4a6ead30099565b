//! ec2Query: the query protocol's form body with EC2's key rules (botocore's
//! `EC2Serializer`): lists are `Name.N` (never `.member.`, and an empty list is not sent), a
//! member's key is its `query_name`, else its capitalised `xml_name`, else its name.
//! Responses have no result wrapper: `<OpResponse>` holds the output's members and a
//! `requestId`; lists are `<name><item>…</item></name>`. Errors are
//! `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`.

use serde_json::Value;

use super::query::{self, Dialect};
use super::{Failure, HeaderMap, WireRequest};
use crate::{OperationRequest, TransportError};

pub(crate) fn lay_out(request: &OperationRequest) -> Result<WireRequest, TransportError> {
    query::lay_out_form(request, Dialect::Ec2)
}

pub(crate) fn decode_response(
    request: &OperationRequest,
    status: u16,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Value, Failure> {
    query::decode_in_dialect(request, status, headers, body, Dialect::Ec2)
}

#[cfg(test)]
mod tests {
    use crate::protocol::test_support::body_text;
    use crate::protocol::{decode_response as decode, lay_out, Failure, HeaderMap};
    use crate::schema::{
        ListShape, MapShape, Member, OperationSchema, Shape, BOOLEAN, INTEGER, STRING, TIMESTAMP,
    };
    use crate::{OperationRequest, Protocol, ServiceError, ServiceMeta};
    use serde_json::{json, Value};

    static EC2: ServiceMeta = ServiceMeta {
        name: "ec2",
        api_version: "2016-11-15",
        protocol: Some(Protocol::Ec2 {
            signing_name: "ec2",
            endpoint_prefix: "ec2",
        }),
    };

    const fn named(name: &'static str, xml_name: &'static str, shape: &'static Shape) -> Member {
        Member {
            xml_name: Some(xml_name),
            ..Member::new(name, shape)
        }
    }

    // The shapes of DescribeInstances as the generated code emits them (botocore's model:
    // `locationName` → xml_name, `queryName` → query_name).
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
    static IDS: Shape = Shape::List(&ListShape {
        member: named("member", "InstanceId", &STRING),
        flattened: false,
    });
    static TAG_MAP: Shape = Shape::Map(&MapShape {
        key: Member::new("key", &STRING),
        value: Member::new("value", &STRING),
        flattened: false,
    });
    static INPUT: Shape = Shape::Structure(&[
        named("InstanceIds", "InstanceId", &IDS),
        Member {
            query_name: Some("DryRun"),
            ..named("DryRun", "dryRun", &BOOLEAN)
        },
        named("Filters", "Filter", &FILTERS),
        named("MaxResults", "maxResults", &INTEGER),
        named("Extra", "extra", &TAG_MAP),
    ]);

    static STATE: Shape = Shape::Structure(&[
        named("Code", "code", &INTEGER),
        named("Name", "name", &STRING),
    ]);
    static TAG: Shape = Shape::Structure(&[
        named("Key", "key", &STRING),
        named("Value", "value", &STRING),
    ]);
    static TAGS: Shape = Shape::List(&ListShape {
        member: named("member", "item", &TAG),
        flattened: false,
    });
    static INSTANCE: Shape = Shape::Structure(&[
        named("InstanceId", "instanceId", &STRING),
        named("State", "instanceState", &STATE),
        named("LaunchTime", "launchTime", &TIMESTAMP),
        named("Tags", "tagSet", &TAGS),
    ]);
    static INSTANCES: Shape = Shape::List(&ListShape {
        member: named("member", "item", &INSTANCE),
        flattened: false,
    });
    static RESERVATION: Shape = Shape::Structure(&[
        named("ReservationId", "reservationId", &STRING),
        named("Instances", "instancesSet", &INSTANCES),
    ]);
    static RESERVATIONS: Shape = Shape::List(&ListShape {
        member: named("member", "item", &RESERVATION),
        flattened: false,
    });
    static OUTPUT: Shape = Shape::Structure(&[
        named("Reservations", "reservationSet", &RESERVATIONS),
        named("NextToken", "nextToken", &STRING),
    ]);
    static SCHEMA: OperationSchema = OperationSchema {
        input: Some(&INPUT),
        output: Some(&OUTPUT),
        result_wrapper: None,
        input_root: None,
    };

    fn describe(input: Value) -> OperationRequest {
        OperationRequest {
            service: &EC2,
            operation: "DescribeInstances",
            input,
            binding: None,
            schema: Some(&SCHEMA),
        }
    }

    #[test]
    fn ec2_form_matches_botocore() {
        let wire = lay_out(&describe(json!({
            "InstanceIds": ["i-1", "i-2"],
            "DryRun": false,
            "Filters": [{"Name": "instance-state-name", "Values": ["running", "pending"]}, {"Name": "tag:a b", "Values": []}],
            "MaxResults": 5,
            "Extra": {"k": "v"},
        })))
        .unwrap();
        assert_eq!(
            wire.header("content-type"),
            Some("application/x-www-form-urlencoded; charset=utf-8")
        );
        // botocore's EC2Serializer with the same model and input, through its urlencode.
        assert_eq!(
            body_text(&wire.body),
            "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-1&InstanceId.2=i-2&DryRun=false\
             &Filter.1.Name=instance-state-name&Filter.1.Value.1=running&Filter.1.Value.2=pending\
             &Filter.2.Name=tag%3Aa+b&MaxResults=5&Extra.entry.1.key=k&Extra.entry.1.value=v"
        );
    }

    const DESCRIBE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
    <reservationSet>
        <item>
            <reservationId>r-1234567890abcdef0</reservationId>
            <ownerId>123456789012</ownerId>
            <instancesSet>
                <item>
                    <instanceId>i-1234567890abcdef0</instanceId>
                    <instanceState><code>16</code><name>running</name></instanceState>
                    <launchTime>2024-01-01T00:00:00.000Z</launchTime>
                    <tagSet><item><key>Name</key><value>web</value></item></tagSet>
                </item>
            </instancesSet>
        </item>
    </reservationSet>
</DescribeInstancesResponse>"#;

    #[test]
    fn decodes_the_root_by_schema() {
        let output = decode(
            &describe(json!({})),
            200,
            &HeaderMap::new(),
            DESCRIBE.as_bytes(),
        )
        .unwrap();
        assert_eq!(
            output,
            json!({"Reservations": [{
                "ReservationId": "r-1234567890abcdef0",
                "Instances": [{
                    "InstanceId": "i-1234567890abcdef0",
                    "State": {"Code": 16, "Name": "running"},
                    "LaunchTime": "2024-01-01T00:00:00.000Z",
                    "Tags": [{"Key": "Name", "Value": "web"}],
                }],
            }]})
        );
        let bare = OperationRequest {
            schema: None,
            ..describe(json!({}))
        };
        let output = decode(&bare, 200, &HeaderMap::new(), DESCRIBE.as_bytes()).unwrap();
        assert!(output.get("requestId").is_none(), "{output}");
        assert_eq!(
            output["reservationSet"]["item"]["reservationId"],
            json!("r-1234567890abcdef0")
        );
    }

    #[test]
    fn decodes_errors() {
        let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-0000' does not exist</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>"#;
        let Err(Failure::Service(err)) = decode(&describe(json!({})), 400, &HeaderMap::new(), body)
        else {
            panic!()
        };
        assert_eq!(
            err,
            ServiceError {
                code: "InvalidInstanceID.NotFound".into(),
                message: Some("The instance ID 'i-0000' does not exist".into()),
                request_id: Some("ea966190-f9aa-478e-9ede-example".into()),
                status: Some(400),
                fields: json!({"Code": "InvalidInstanceID.NotFound", "Message": "The instance ID 'i-0000' does not exist"})
                    .as_object()
                    .unwrap()
                    .clone(),
            }
        );
    }
}
