//! What every generated `Client` is built on.
//!
//! A generated operation method is three calls: [`encode`] the input, [`ClientHandle::call`]
//! and [`decode`] the output. Only the first and last are generic (and synchronous), so the
//! async machinery is compiled once here rather than once per operation.

use std::fmt;
use std::sync::Arc;

use futures::future::BoxFuture;
use serde_json::Value;

use crate::json::{FromJson, ToJson};
use crate::paginate::{self, PaginationConfig, Paginated, PaginatorSpec};
use crate::{CallError, HttpBinding, OperationRequest, ServiceMeta, Transport, TransportError, TransportErrorKind};

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
        self.call_with_binding(operation, None, input)
    }

    /// [`ClientHandle::call`] for a `restJson1` operation: `binding` says where each member
    /// travels.
    pub fn call_with_binding(
        &self,
        operation: &'static str,
        binding: Option<&'static HttpBinding>,
        input: Value,
    ) -> BoxFuture<'_, Result<Value, CallError>> {
        self.transport.call(OperationRequest { service: self.service, operation, input, binding })
    }

    /// The pages of a paginated operation, each decoded as `T`.
    pub fn paginate<T, E>(
        &self,
        spec: &'static PaginatorSpec,
        input: Value,
        config: PaginationConfig,
    ) -> Paginated<T, E> {
        Paginated::new(paginate::pages(self.clone(), spec, input, config))
    }

    /// The elements of the first result key across all pages, each decoded as `T`.
    pub fn paginate_items<T, E>(
        &self,
        spec: &'static PaginatorSpec,
        input: Value,
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

/// An operation input's wire JSON (wire member names, unset members left out).
pub fn encode<T: ToJson + ?Sized>(input: &T) -> Value {
    input.to_json()
}

/// An operation output (or a paginator item) from its wire JSON.
pub fn decode<T: FromJson>(output: Value) -> Result<T, CallError> {
    T::from_json(output).map_err(|e| {
        TransportError::new(TransportErrorKind::Decode, format!("could not decode the output: {e}"))
            .with_source(e)
            .into()
    })
}

/// A fresh idempotency token (a random UUID), for inputs whose token the caller left
/// unset, as boto3 does.
pub fn idempotency_token() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The input of an operation that takes none.
pub fn no_input() -> Value {
    Value::Object(serde_json::Map::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{JsonError, Object, ObjectBuilder};
    use crate::mock::MockTransport;
    use serde_json::json;

    static SERVICE: ServiceMeta = ServiceMeta { name: "test", api_version: "2024-01-01", protocol: None };

    #[derive(Debug, PartialEq)]
    struct Out {
        count: i64,
    }

    impl ToJson for Out {
        fn to_json(&self) -> Value {
            ObjectBuilder::new().member("Count", &self.count).build()
        }
    }

    impl FromJson for Out {
        fn from_json(value: Value) -> Result<Self, JsonError> {
            Ok(Out { count: Object::new(value, "Out")?.required("Count")? })
        }
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

    #[tokio::test]
    async fn call_with_binding_hands_the_binding_to_the_transport() {
        static BINDING: HttpBinding = HttpBinding { method: "GET", uri: "/things/{Id}", members: &[] };
        let mock = Arc::new(MockTransport::new());
        mock.push_output("GetThing", json!({}));
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        handle.call_with_binding("GetThing", Some(&BINDING), json!({"Id": "x"})).await.unwrap();
        assert_eq!(mock.requests()[0].binding, Some(&BINDING));
    }

    #[test]
    fn decode_failures_are_transport_decode_errors() {
        match decode::<Out>(json!({"Count": "three"})) {
            Err(CallError::Transport(e)) => {
                assert_eq!(e.kind, TransportErrorKind::Decode);
                assert_eq!(e.message, "could not decode the output: Count: expected an integer, found a string");
                assert!(std::error::Error::source(&e).is_some());
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn idempotency_tokens_are_fresh_uuids() {
        let (a, b) = (idempotency_token(), idempotency_token());
        assert_ne!(a, b);
        let parsed = uuid::Uuid::parse_str(&a).unwrap();
        assert_eq!(parsed.get_version_num(), 4);
    }

    #[test]
    fn encode_writes_wire_json() {
        assert_eq!(encode(&Out { count: 1 }), json!({"Count": 1}));
        assert_eq!(no_input(), json!({}));
    }
}
