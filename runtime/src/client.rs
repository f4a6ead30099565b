//! What every generated `Client` is built on.
//!
//! A generated operation method is three calls: [`encode`] the input, [`ClientHandle::call`]
//! and [`decode`] the output. Only the first and last are generic (and synchronous), so the
//! async machinery is compiled once here rather than once per operation.

use std::fmt;
use std::sync::Arc;

use futures::future::BoxFuture;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::paginate::{self, PaginationConfig, Paginated, PaginatorSpec};
use crate::{CallError, OperationRequest, ServiceMeta, Transport, TransportError, TransportErrorKind};

/// A transport bound to one service. Cheap to clone.
#[derive(Clone)]
pub struct ClientHandle {
    transport: Arc<dyn Transport>,
    service: &'static ServiceMeta,
}

impl ClientHandle {
    pub fn new(transport: Arc<dyn Transport>, service: &'static ServiceMeta) -> Self {
        ClientHandle { transport, service }
    }

    pub fn service(&self) -> &'static ServiceMeta {
        self.service
    }

    pub fn transport(&self) -> &Arc<dyn Transport> {
        &self.transport
    }

    /// Sends one operation with an already encoded input.
    pub fn call(&self, operation: &'static str, input: Value) -> BoxFuture<'_, Result<Value, CallError>> {
        self.transport.call(OperationRequest { service: self.service, operation, input, binding: None })
    }

    /// The pages of a paginated operation, each decoded as `T`.
    pub fn paginate<T, E>(
        &self,
        spec: &'static PaginatorSpec,
        input: Result<Value, CallError>,
        config: PaginationConfig,
    ) -> Paginated<T, E> {
        Paginated::new(paginate::pages(self.clone(), spec, input, config))
    }

    /// The elements of the first result key across all pages, each decoded as `T`.
    pub fn paginate_items<T, E>(
        &self,
        spec: &'static PaginatorSpec,
        input: Result<Value, CallError>,
        config: PaginationConfig,
    ) -> Paginated<T, E> {
        Paginated::new(paginate::items(paginate::pages(self.clone(), spec, input, config), spec))
    }
}

impl fmt::Debug for ClientHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientHandle").field("service", &self.service.name).finish_non_exhaustive()
    }
}

/// Serializes an operation input to its wire JSON (wire member names, unset members left out).
pub fn encode<T: Serialize>(input: &T) -> Result<Value, CallError> {
    serde_json::to_value(input).map_err(|e| {
        TransportError::new(TransportErrorKind::Request, format!("could not encode the input: {e}"))
            .with_source(e)
            .into()
    })
}

/// Deserializes an operation output (or a paginator item) from its wire JSON.
pub fn decode<T: DeserializeOwned>(output: Value) -> Result<T, CallError> {
    serde_json::from_value(output).map_err(|e| {
        TransportError::new(TransportErrorKind::Decode, format!("could not decode the output: {e}"))
            .with_source(e)
            .into()
    })
}

/// The input of an operation that takes none.
pub fn no_input() -> Value {
    Value::Object(serde_json::Map::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::MockTransport;
    use serde::Deserialize;
    use serde_json::json;

    static SERVICE: ServiceMeta = ServiceMeta { name: "test", api_version: "2024-01-01", protocol: None };

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Out {
        #[serde(rename = "Count")]
        count: i64,
    }

    #[tokio::test]
    async fn call_sends_the_service_operation_and_input() {
        let mock = Arc::new(MockTransport::new());
        mock.push_output("Count", json!({"Count": 3}));
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        let output = handle.call("Count", json!({"Table": "t"})).await.unwrap();
        assert_eq!(decode::<Out>(output).unwrap(), Out { count: 3 });
        let requests = mock.requests();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].service.name, "test");
        assert_eq!(requests[0].operation, "Count");
        assert_eq!(requests[0].input, json!({"Table": "t"}));
        assert_eq!(format!("{handle:?}"), r#"ClientHandle { service: "test", .. }"#);
    }

    #[test]
    fn decode_failures_are_transport_decode_errors() {
        match decode::<Out>(json!({"Count": "three"})) {
            Err(CallError::Transport(e)) => {
                assert_eq!(e.kind, TransportErrorKind::Decode);
                assert!(e.message.contains("invalid type"), "{}", e.message);
                assert!(std::error::Error::source(&e).is_some());
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn encode_failures_are_transport_request_errors() {
        let mut bad = std::collections::BTreeMap::new();
        bad.insert((1, 2), 3);
        match encode(&bad) {
            Err(CallError::Transport(e)) => assert_eq!(e.kind, TransportErrorKind::Request),
            other => panic!("expected an encode error, got {other:?}"),
        }
        assert_eq!(encode(&Out { count: 1 }).unwrap(), json!({"Count": 1}));
        assert_eq!(no_input(), json!({}));
    }
}
