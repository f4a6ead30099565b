//! XML responses of the query, ec2 and rest-xml protocols (`awsdoc_runtime::protocol`): the
//! input's first byte picks the status and the headers, the rest is the body, decoded for
//! each protocol with a small fixed schema (a recursive structure, wrapped and flattened
//! lists, maps, timestamps, numbers, blobs, an attribute), with and without the schema, and
//! as S3 and non-S3 rest-xml. Asserts only: no panic.
#![no_main]

use awsdoc_runtime::protocol::{self, xml, HeaderMap};
use awsdoc_runtime::schema::{
    ListShape, MapShape, Member, OperationSchema, Shape, BLOB, BOOLEAN, DOUBLE, INTEGER, LONG,
    STRING, TIMESTAMP,
};
use awsdoc_runtime::{HttpBinding, Location, MemberBinding, OperationRequest, Protocol, ServiceMeta, WireType};
use http::HeaderValue;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const fn named(name: &'static str, xml_name: &'static str, shape: &'static Shape) -> Member {
    Member { xml_name: Some(xml_name), ..Member::new(name, shape) }
}

static NODE: Shape = Shape::Structure(&[
    Member::new("Name", &STRING),
    named("Children", "kids", &NODES),
    Member::new("Flat", &FLAT_NODES),
    Member::new("Tags", &TAGS),
    Member { flattened: true, ..Member::new("Attrs", &FLAT_MAP) },
    Member::new("When", &TIMESTAMP),
    Member::new("Size", &LONG),
    Member::new("Count", &INTEGER),
    Member::new("Ratio", &DOUBLE),
    Member::new("Data", &BLOB),
    Member::new("On", &BOOLEAN),
    Member { attribute: true, ..named("Type", "xsi:type", &STRING) },
]);
static NODES: Shape = Shape::List(&ListShape { member: Member::new("member", &NODE), flattened: false });
static FLAT_NODES: Shape = Shape::List(&ListShape { member: named("member", "Leaf", &NODE), flattened: true });
static TAGS: Shape = Shape::Map(&MapShape {
    key: Member::new("key", &STRING),
    value: Member::new("value", &INTEGER),
    flattened: false,
});
static FLAT_MAP: Shape = Shape::Map(&MapShape {
    key: named("key", "Name", &STRING),
    value: named("value", "Value", &NODE),
    flattened: false,
});
static OUTPUT: Shape = Shape::Structure(&[
    Member::new("Node", &NODE),
    Member::new("Nodes", &NODES),
    named("Leaves", "Leaf", &FLAT_NODES),
    Member::new("Marker", &STRING),
    Member::new("Truncated", &BOOLEAN),
    // Header-bound and payload members of the rest-xml bindings below.
    Member::new("Meta", &TAGS),
    Member::new("Stamp", &TIMESTAMP),
    Member::new("Length", &LONG),
    Member::new("Status", &INTEGER),
    Member::new("Body", &BLOB),
    Member::new("Doc", &NODE),
]);

static QUERY_SCHEMA: OperationSchema =
    OperationSchema { input: None, output: Some(&OUTPUT), result_wrapper: Some("OpResult"), input_root: None };
static ROOT_SCHEMA: OperationSchema =
    OperationSchema { input: None, output: Some(&OUTPUT), result_wrapper: None, input_root: None };

static QUERY: ServiceMeta = ServiceMeta {
    name: "svc",
    api_version: "2020-01-01",
    protocol: Some(Protocol::Query { signing_name: "svc", endpoint_prefix: "svc" }),
};
static EC2: ServiceMeta = ServiceMeta {
    name: "ec2",
    api_version: "2016-11-15",
    protocol: Some(Protocol::Ec2 { signing_name: "ec2", endpoint_prefix: "ec2" }),
};
static S3: ServiceMeta = ServiceMeta {
    name: "s3",
    api_version: "2006-03-01",
    protocol: Some(Protocol::RestXml { signing_name: "s3", endpoint_prefix: "s3", xml_namespace: None }),
};
static ROUTE53: ServiceMeta = ServiceMeta {
    name: "route53",
    api_version: "2013-04-01",
    protocol: Some(Protocol::RestXml {
        signing_name: "route53",
        endpoint_prefix: "route53",
        xml_namespace: Some("https://route53.amazonaws.com/doc/2013-04-01/"),
    }),
};

static LIST_STRINGS: WireType = WireType::String;
const fn bind(member: &'static str, location: Location, wire_name: &'static str, wire_type: WireType) -> MemberBinding {
    MemberBinding { member, location, wire_name, wire_type }
}
static HEADERS: [MemberBinding; 5] = [
    bind("Meta", Location::Header, "x-amz-meta-", WireType::Map),
    bind("Stamp", Location::Header, "last-modified", WireType::Timestamp),
    bind("Length", Location::Header, "content-length", WireType::Integer),
    bind("Marker", Location::Header, "x-amz-marker", WireType::List(&LIST_STRINGS)),
    bind("Status", Location::StatusCode, "", WireType::Integer),
];
static BODY_BINDING: HttpBinding = HttpBinding { method: "GET", uri: "/{Bucket}?list", members: &HEADERS };
static BLOB_BINDING: HttpBinding = HttpBinding {
    method: "GET",
    uri: "/{Bucket}/{Key+}",
    members: &[
        bind("Body", Location::Payload, "Body", WireType::Blob),
        bind("Meta", Location::Header, "x-amz-meta-", WireType::Map),
        bind("Stamp", Location::Header, "last-modified", WireType::Timestamp),
    ],
};
static DOC_BINDING: HttpBinding = HttpBinding {
    method: "GET",
    uri: "/{Bucket}?doc",
    members: &[bind("Doc", Location::Payload, "Doc", WireType::Structure), bind("Status", Location::StatusCode, "", WireType::Integer)],
};

fn request(
    service: &'static ServiceMeta,
    binding: Option<&'static HttpBinding>,
    schema: Option<&'static OperationSchema>,
) -> OperationRequest {
    OperationRequest { service, operation: "Op", input: Value::Null, binding, schema }
}

const STATUSES: [u16; 8] = [200, 200, 204, 404, 400, 500, 503, 301];

/// Headers chosen by the selector's bits, their values from the body's first line (so the
/// fuzzer steers them too).
fn headers(selector: u8, body: &[u8]) -> HeaderMap {
    let mut map = HeaderMap::new();
    let line = body.split(|b| *b == b'\n').next().unwrap_or_default();
    let value = HeaderValue::from_bytes(line).unwrap_or_else(|_| HeaderValue::from_static("x"));
    let names = ["x-amz-meta-color", "last-modified", "content-length", "x-amz-marker", "x-amz-request-id"];
    for (bit, name) in names.iter().enumerate() {
        if selector & (1 << bit) != 0 {
            map.insert(*name, value.clone());
        }
    }
    map
}

fuzz_target!(|data: &[u8]| {
    let (selector, body) = match data.split_first() {
        Some((first, rest)) => (*first, rest),
        None => (0, data),
    };
    let status = STATUSES[usize::from(selector & 7)];
    let headers = headers(selector >> 3, body);
    let requests = [
        request(&QUERY, None, Some(&QUERY_SCHEMA)),
        request(&QUERY, None, None),
        request(&EC2, None, Some(&ROOT_SCHEMA)),
        request(&EC2, None, None),
        request(&S3, Some(&BODY_BINDING), Some(&ROOT_SCHEMA)),
        request(&S3, Some(&BLOB_BINDING), Some(&ROOT_SCHEMA)),
        request(&S3, Some(&DOC_BINDING), Some(&ROOT_SCHEMA)),
        request(&S3, Some(&BODY_BINDING), None),
        request(&ROUTE53, Some(&DOC_BINDING), Some(&ROOT_SCHEMA)),
    ];
    for request in &requests {
        let _ = protocol::decode_response(request, status, &headers, body);
    }
    if let Ok(root) = xml::parse(body) {
        let _ = xml::generic(&root);
        let _ = xml::decode(&NODE, &root);
    }
});
