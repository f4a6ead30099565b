//! DynamoDB (awsJson) responses decoded as the generated client decodes them: the first
//! byte picks the status and the output type (`GetItemOutput`, `QueryOutput`,
//! `TransactWriteItemsOutput`, `DescribeTableOutput`), the rest is the body, through
//! `protocol::decode_response` then `FromJson` (the path a `Client` call takes), then serde's
//! `Deserialize` of the same type, and items through `dynamodb::from_item`. Asserts only: no
//! panic.
#![no_main]

use std::collections::BTreeMap;

use awsdoc_runtime::protocol::{self, HeaderMap};
use awsdoc_runtime::{decode, FromJson, OperationRequest, ToJson};
use awsdoc_sdk::dynamodb::{self, types};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const STATUSES: [u16; 8] = [200, 200, 200, 200, 400, 413, 500, 503];
const OPERATIONS: [&str; 4] = ["GetItem", "Query", "TransactWriteItems", "DescribeTable"];

/// Items, read back as free-form values and re-encoded, as a caller's `from_item` would.
fn items<'a>(items: impl IntoIterator<Item = &'a BTreeMap<String, types::AttributeValue>>) {
    for item in items {
        if let Ok(value) = dynamodb::from_item::<Value>(item) {
            let _ = dynamodb::to_item(&value);
        }
    }
}

fn output<T: FromJson + ToJson + serde::de::DeserializeOwned>(value: &Value, body: &[u8]) -> Option<T> {
    let _ = serde_json::from_slice::<T>(body);
    let decoded = decode::<T>(value.clone()).ok()?;
    let _ = T::from_json(decoded.to_json());
    Some(decoded)
}

fuzz_target!(|data: &[u8]| {
    let (selector, body) = match data.split_first() {
        Some((first, rest)) => (*first, rest),
        None => (0, data),
    };
    let status = STATUSES[usize::from(selector & 7)];
    let operation = OPERATIONS[usize::from((selector >> 3) & 3)];
    let request = OperationRequest { service: &dynamodb::SERVICE, operation, input: Value::Null, binding: None, schema: None };
    let value = match protocol::decode_response(&request, status, &HeaderMap::new(), body) {
        Ok(value) => value,
        // An error status: the failure is the test; the body as an output too.
        Err(_) => match serde_json::from_slice::<Value>(body) {
            Ok(value) => value,
            Err(_) => return,
        },
    };
    match operation {
        "GetItem" => {
            if let Some(out) = output::<types::GetItemOutput>(&value, body) {
                items(out.item.as_ref());
            }
        }
        "Query" => {
            if let Some(out) = output::<types::QueryOutput>(&value, body) {
                items(out.items.iter().flatten());
                items(out.last_evaluated_key.as_ref());
            }
        }
        "TransactWriteItems" => {
            let _ = output::<types::TransactWriteItemsOutput>(&value, body);
        }
        _ => {
            let _ = output::<types::DescribeTableOutput>(&value, body);
        }
    }
});
