//! STS's GetCallerIdentity as the tests call it over the query protocol: moto answers it
//! for any credentials it knows, naming whose they are. In `http_support`, and in `xml_moto`
//! via `#[path]`.

use awsdoc_runtime::schema::{Member, OperationSchema, Shape, STRING};
use awsdoc_runtime::{Protocol, ServiceMeta};

pub static STS: ServiceMeta = ServiceMeta {
    name: "sts",
    api_version: "2011-06-15",
    protocol: Some(Protocol::Query { signing_name: "sts", endpoint_prefix: "sts" }),
};

static CALLER_IDENTITY: Shape =
    Shape::Structure(&[Member::new("UserId", &STRING), Member::new("Account", &STRING), Member::new("Arn", &STRING)]);

pub static GET_CALLER_IDENTITY: OperationSchema = OperationSchema {
    input: None,
    output: Some(&CALLER_IDENTITY),
    result_wrapper: Some("GetCallerIdentityResult"),
    input_root: None,
};
