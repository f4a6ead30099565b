//! [`MockTransport`]: a [`Transport`] that answers from memory, for tests of code that uses a
//! generated client.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::sync::{Mutex, MutexGuard};

use futures::future::{self, BoxFuture};
use serde_json::Value;

use crate::{CallError, OperationRequest, ServiceError, Transport, TransportError, TransportErrorKind};

type Handler = Box<dyn FnMut(&Value) -> Result<Value, CallError> + Send>;

/// Answers each operation from a queue of canned answers, then from a handler, and records
/// every request it sees.
///
/// ```
/// use std::sync::Arc;
/// use awsdoc_runtime::{MockTransport, ServiceError};
/// use serde_json::json;
///
/// let mock = Arc::new(MockTransport::new());
/// mock.push_output("DescribeBackup", json!({"BackupDescription": {}}))
///     .push_error("DescribeBackup", ServiceError { code: "BackupNotFoundException".into(), ..Default::default() });
/// // Hand `mock.clone()` to `Client::new`, run the code under test, then:
/// assert!(mock.requests().is_empty());
/// ```
#[derive(Default)]
pub struct MockTransport {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    queued: BTreeMap<String, VecDeque<Result<Value, CallError>>>,
    handlers: BTreeMap<String, Handler>,
    requests: Vec<OperationRequest>,
}

impl MockTransport {
    pub fn new() -> Self {
        MockTransport::default()
    }

    /// Answers the next unanswered call of `operation` with `output`.
    pub fn push_output(&self, operation: &str, output: Value) -> &Self {
        self.push(operation, Ok(output))
    }

    /// Answers the next unanswered call of `operation` with a service error.
    pub fn push_error(&self, operation: &str, error: ServiceError) -> &Self {
        self.push(operation, Err(CallError::Service(error)))
    }

    /// Fails the next unanswered call of `operation` as a transport would.
    pub fn push_transport_error(&self, operation: &str, error: TransportError) -> &Self {
        self.push(operation, Err(CallError::Transport(error)))
    }

    fn push(&self, operation: &str, answer: Result<Value, CallError>) -> &Self {
        self.lock().queued.entry(operation.to_owned()).or_default().push_back(answer);
        self
    }

    /// Answers every call of `operation` that the queue does not, from its input.
    pub fn on(
        &self,
        operation: &str,
        handler: impl FnMut(&Value) -> Result<Value, CallError> + Send + 'static,
    ) -> &Self {
        self.lock().handlers.insert(operation.to_owned(), Box::new(handler));
        self
    }

    /// Every request seen so far, oldest first.
    pub fn requests(&self) -> Vec<OperationRequest> {
        self.lock().requests.clone()
    }

    /// The inputs of the calls of `operation` seen so far, oldest first.
    pub fn inputs(&self, operation: &str) -> Vec<Value> {
        self.lock().requests.iter().filter(|r| r.operation == operation).map(|r| r.input.clone()).collect()
    }

    /// Queued answers that no call has taken yet, by operation.
    pub fn unused(&self) -> BTreeMap<String, usize> {
        self.lock()
            .queued
            .iter()
            .filter(|(_, queue)| !queue.is_empty())
            .map(|(operation, queue)| (operation.clone(), queue.len()))
            .collect()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking handler poisons the lock; the state itself stays consistent.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn answer(&self, request: OperationRequest) -> Result<Value, CallError> {
        let mut state = self.lock();
        let operation = request.operation;
        let input = request.input.clone();
        state.requests.push(request);
        if let Some(answer) = state.queued.get_mut(operation).and_then(VecDeque::pop_front) {
            return answer;
        }
        match state.handlers.get_mut(operation) {
            Some(handler) => handler(&input),
            None => Err(CallError::Transport(TransportError::new(
                TransportErrorKind::Other,
                format!("MockTransport has no answer for {operation}"),
            ))),
        }
    }
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("MockTransport")
            .field("queued", &state.queued.keys().collect::<Vec<_>>())
            .field("handlers", &state.handlers.keys().collect::<Vec<_>>())
            .field("requests", &state.requests.len())
            .finish()
    }
}

impl Transport for MockTransport {
    fn call(&self, request: OperationRequest) -> BoxFuture<'_, Result<Value, CallError>> {
        Box::pin(future::ready(self.answer(request)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ServiceMeta;
    use futures::executor::block_on;
    use serde_json::json;

    static SERVICE: ServiceMeta = ServiceMeta { name: "test", api_version: "2024-01-01", protocol: None };

    fn request(operation: &'static str, input: Value) -> OperationRequest {
        OperationRequest { service: &SERVICE, operation, input, binding: None, schema: None }
    }

    #[test]
    fn queued_answers_come_first_and_in_order_then_the_handler() {
        let mock = MockTransport::new();
        mock.push_output("Get", json!({"n": 1})).push_error(
            "Get",
            ServiceError { code: "Nope".into(), message: Some("no".into()), ..Default::default() },
        );
        mock.on("Get", |input| Ok(json!({"echo": input.clone()})));

        assert_eq!(block_on(mock.call(request("Get", json!({})))).unwrap(), json!({"n": 1}));
        match block_on(mock.call(request("Get", json!({})))) {
            Err(CallError::Service(e)) => assert_eq!(e.code, "Nope"),
            other => panic!("expected the queued error, got {other:?}"),
        }
        assert_eq!(block_on(mock.call(request("Get", json!({"k": 2})))).unwrap(), json!({"echo": {"k": 2}}));
        assert!(mock.unused().is_empty());
    }

    #[test]
    fn unanswered_operations_fail_and_are_still_recorded() {
        let mock = MockTransport::new();
        mock.push_output("Other", json!({}));
        match block_on(mock.call(request("Get", json!({"a": 1})))) {
            Err(CallError::Transport(e)) => assert!(e.message.contains("no answer for Get"), "{}", e.message),
            other => panic!("expected a transport error, got {other:?}"),
        }
        assert_eq!(mock.inputs("Get"), [json!({"a": 1})]);
        assert_eq!(mock.requests()[0].operation, "Get");
        assert_eq!(mock.unused(), BTreeMap::from([("Other".to_owned(), 1)]));
    }

    #[test]
    fn transport_errors_can_be_queued() {
        let mock = MockTransport::new();
        mock.push_transport_error("Get", TransportError::new(TransportErrorKind::Timeout, "slow"));
        match block_on(mock.call(request("Get", json!({})))) {
            Err(CallError::Transport(e)) => assert_eq!(e.kind, TransportErrorKind::Timeout),
            other => panic!("expected a timeout, got {other:?}"),
        }
    }
}
