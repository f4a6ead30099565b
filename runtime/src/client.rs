//! What every generated `Client` is built on.
//!
//! A generated operation method is one line: [`encode`] the input and hand it to
//! [`ClientHandle::send`], which returns a [`Call`], the future of the decoded output. The
//! method is a plain function returning a named type, not an `async fn`: the async
//! machinery is compiled once here rather than once per operation, and the generated crate
//! has no state machines to type-check and borrow-check.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::future::BoxFuture;
use serde_json::Value;

use crate::json::{FromJson, ToJson};
use crate::paginate::{self, PaginationConfig, Paginated, PaginatorSpec};
use crate::waiter::{self, Acceptor, WaitResult, WaiterConfig, WaiterState, Waiting};
use crate::{
    CallError, OperationError, OperationRequest, OperationSpec, ServiceMeta, Transport, TransportError, TransportErrorKind,
};

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
    pub fn call(&self, operation: &'static OperationSpec, input: Value) -> BoxFuture<'_, Result<Value, CallError>> {
        self.transport.call(OperationRequest {
            service: self.service,
            operation: operation.name,
            input,
            binding: operation.binding,
            schema: operation.schema,
        })
    }

    /// One operation call as a future: sent through the transport when first polled, its
    /// output decoded as `T`, any error converted into the operation's error `E`.
    ///
    /// The call owns what it needs (a clone of the handle, which shares the transport), so
    /// it is `'static` and can be spawned: `tokio::spawn(client.put_item(input))`.
    pub fn send<T, E>(&self, operation: &'static OperationSpec, input: Value) -> Call<T, E> {
        Call { state: CallState::Ready { handle: self.clone(), operation, input }, output: PhantomData }
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

    /// A waiter: polls `operation` with `input` on `config`'s schedule until `acceptors`
    /// decide (see [`waiter::wait_for`]); `finish` gives the waiter's success type
    /// ([`waiter::output`], [`waiter::gone`], [`waiter::either`]). A boxed `'static` future,
    /// so that a generated waiter method, like an operation method, is a plain function with
    /// no state machine of its own, and its future can be spawned.
    pub fn wait_for<T, E, R>(
        &self,
        operation: &'static OperationSpec,
        input: Value,
        config: WaiterConfig,
        acceptors: &'static [Acceptor],
        finish: fn(WaitResult<T, E>) -> R,
    ) -> Waiting<R>
    where
        T: FromJson + ToJson + Send + 'static,
        E: OperationError + From<CallError>,
        R: Send + 'static,
    {
        let handle = self.clone();
        Box::pin(async move {
            let poll = || handle.send::<T, E>(operation, input.clone());
            finish(waiter::wait_for(config, poll, acceptors).await)
        })
    }

    /// A waiter with the caller's own acceptor (see [`waiter::wait`]).
    pub fn wait_custom<T, E>(
        &self,
        operation: &'static OperationSpec,
        input: Value,
        config: WaiterConfig,
        acceptor: impl FnMut(&Result<T, E>) -> WaiterState + Send + 'static,
    ) -> Waiting<WaitResult<T, E>>
    where
        T: FromJson + Send + 'static,
        E: From<CallError> + Send + 'static,
    {
        let handle = self.clone();
        Box::pin(async move {
            let poll = || handle.send::<T, E>(operation, input.clone());
            waiter::wait(config, poll, acceptor).await
        })
    }
}

impl fmt::Debug for ClientHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientHandle").field("service", &self.service.name).finish_non_exhaustive()
    }
}

/// The future of one operation call (see [`ClientHandle::send`]): resolves to the decoded
/// output `T` or the operation's error `E`. Like any future it does nothing until polled:
/// the request reaches the transport on the first poll.
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct Call<T, E> {
    state: CallState,
    output: PhantomData<fn() -> (T, E)>,
}

enum CallState {
    Ready {
        handle: ClientHandle,
        operation: &'static OperationSpec,
        input: Value,
    },
    Sent(BoxFuture<'static, Result<Value, CallError>>),
    Done,
}

impl<T: FromJson, E: From<CallError>> Future for Call<T, E> {
    type Output = Result<T, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        loop {
            match &mut this.state {
                CallState::Ready { .. } => {
                    let CallState::Ready { handle, operation, input } =
                        std::mem::replace(&mut this.state, CallState::Done)
                    else {
                        unreachable!("matched above")
                    };
                    this.state = CallState::Sent(Box::pin(async move { handle.call(operation, input).await }));
                }
                CallState::Sent(future) => {
                    let answer = match future.as_mut().poll(cx) {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(answer) => answer,
                    };
                    this.state = CallState::Done;
                    return Poll::Ready(answer.and_then(decode).map_err(E::from));
                }
                CallState::Done => panic!("`Call` polled after completion"),
            }
        }
    }
}

impl<T, E> fmt::Debug for Call<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            CallState::Ready { operation, .. } => format!("ready to send {}", operation.name),
            CallState::Sent(_) => "sent".to_owned(),
            CallState::Done => "done".to_owned(),
        };
        f.debug_struct("Call").field("state", &state).finish()
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
    use crate::schema::{self, OperationSchema};
    use crate::HttpBinding;
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

    static COUNT: OperationSpec = OperationSpec::named("Count");

    #[tokio::test]
    async fn call_sends_the_service_operation_and_input() {
        let mock = Arc::new(MockTransport::new());
        mock.push_output("Count", json!({"Count": 3}));
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        let output = handle.call(&COUNT, json!({"Table": "t"})).await.unwrap();
        assert_eq!(decode::<Out>(output).unwrap(), Out { count: 3 });
        let requests = mock.requests();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].service.name, "test");
        assert_eq!(requests[0].operation, "Count");
        assert_eq!(requests[0].input, json!({"Table": "t"}));
        assert_eq!(format!("{handle:?}"), r#"ClientHandle { service: "test", .. }"#);
    }

    #[tokio::test]
    async fn call_hands_the_binding_and_schema_to_the_transport() {
        static BINDING: HttpBinding = HttpBinding { method: "GET", uri: "/things/{Id}", members: &[] };
        static SCHEMA: OperationSchema =
            OperationSchema { input: Some(&schema::EMPTY), output: None, result_wrapper: None, input_root: None };
        static GET_THING: OperationSpec = OperationSpec { name: "GetThing", binding: Some(&BINDING), schema: Some(&SCHEMA) };
        let mock = Arc::new(MockTransport::new());
        mock.push_output("GetThing", json!({}));
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        handle.call(&GET_THING, json!({"Id": "x"})).await.unwrap();
        assert_eq!(mock.requests()[0].binding, Some(&BINDING));
        assert_eq!(mock.requests()[0].schema, Some(&SCHEMA));
    }

    #[tokio::test]
    async fn send_is_lazy_and_decodes_into_the_operation_types() {
        let mock = Arc::new(MockTransport::new());
        mock.push_output("Count", json!({"Count": 3}));
        mock.push_output("Count", json!({"Count": "three"}));
        let handle = ClientHandle::new(mock.clone(), &SERVICE);
        let call: Call<Out, CallError> = handle.send(&COUNT, json!({"Table": "t"}));
        assert!(mock.requests().is_empty(), "nothing is sent before the first poll");
        assert_eq!(format!("{call:?}"), r#"Call { state: "ready to send Count" }"#);
        assert_eq!(call.await.unwrap(), Out { count: 3 });
        assert_eq!(mock.requests()[0].input, json!({"Table": "t"}));
        let bad: Result<Out, CallError> = handle.send(&COUNT, json!({})).await;
        assert!(matches!(bad, Err(CallError::Transport(e)) if e.kind == TransportErrorKind::Decode));
        let unit: Result<(), CallError> = handle.send(&COUNT, json!({})).await;
        assert!(matches!(unit, Err(CallError::Transport(_))), "the mock has no third answer: {unit:?}");
    }

    #[tokio::test]
    async fn a_call_owns_what_it_needs_and_can_be_spawned() {
        let mock = Arc::new(MockTransport::new());
        mock.push_output("Count", json!({"Count": 7}));
        let call: Call<Out, CallError> = {
            let handle = ClientHandle::new(mock.clone(), &SERVICE);
            handle.send(&COUNT, json!({}))
            // the handle is dropped here; the call keeps the transport alive.
        };
        let output = tokio::spawn(call).await.expect("the task ran").expect("the mock answered");
        assert_eq!(output, Out { count: 7 });
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
