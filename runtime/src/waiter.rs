//! Polling an operation until an acceptor says it is done.
//!
//! boto3's documentation gives each waiter's operation, delay and attempt count but not its
//! acceptors; the generator infers them (or takes them from a hand-written file) and emits
//! them as static [`Acceptor`] data, evaluated here over each poll's output JSON, error code
//! or HTTP status ([`wait_for`]). A caller with other conditions passes a closure ([`wait`]).

use std::fmt;
use std::future::Future;
use std::time::Duration;

use serde_json::Value;

use crate::json::ToJson;
use crate::OperationError;

/// How often and how long to poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaiterConfig {
    /// The pause between two polls.
    pub delay: Duration,
    /// Polls before giving up; at least one poll is always made.
    pub max_attempts: u32,
    /// Give up once this much time has passed since the first poll (checked before each
    /// sleep, so a wait never sleeps past it); `None`: only `max_attempts` bounds the wait.
    pub max_wait: Option<Duration>,
}

impl WaiterConfig {
    pub const fn new(delay_seconds: u64, max_attempts: u32) -> Self {
        WaiterConfig { delay: Duration::from_secs(delay_seconds), max_attempts, max_wait: None }
    }

    /// This schedule with another pause between polls.
    pub const fn with_delay(self, delay: Duration) -> Self {
        WaiterConfig { delay, ..self }
    }

    /// This schedule with another attempt count.
    pub const fn with_max_attempts(self, max_attempts: u32) -> Self {
        WaiterConfig { max_attempts, ..self }
    }

    /// This schedule, stopping once `max_wait` has passed.
    pub const fn with_max_wait(self, max_wait: Duration) -> Self {
        WaiterConfig { max_wait: Some(max_wait), ..self }
    }
}

/// An acceptor's verdict on one poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiterState {
    /// The wait is over: return this result.
    Success,
    /// Not yet: poll again after the delay.
    Retry,
    /// It will never succeed: stop with an error.
    Failure,
}

/// One acceptor: when `matcher` matches a poll, the wait moves to `state`. Generated code
/// holds these as `static` slices, one per waiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Acceptor {
    pub matcher: Matcher,
    pub state: WaiterState,
}

/// What an acceptor looks at (botocore's `waiters-2.json` matchers). Paths are the JMESPath
/// subset [`eval_path`] evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matcher {
    /// The path's value equals the expected value.
    Path(&'static str, Expected),
    /// The path gives a non-empty list whose every item equals the expected value.
    PathAll(&'static str, Expected),
    /// The path gives a list with some item equal to the expected value.
    PathAny(&'static str, Expected),
    /// The answer's HTTP status (an output counts as 200).
    Status(u16),
    /// The error code (`ResourceNotFoundException`).
    Error(&'static str),
    /// `true`: any error; `false`: any output.
    AnyError(bool),
}

/// A value a path is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Str(&'static str),
    Bool(bool),
    Int(i64),
}

impl Expected {
    fn matches(&self, value: &Value) -> bool {
        match (self, value) {
            (Expected::Str(s), Value::String(v)) => s == v,
            (Expected::Bool(b), Value::Bool(v)) => b == v,
            (Expected::Int(i), Value::Number(n)) => n.as_i64() == Some(*i) || n.as_f64() == Some(*i as f64),
            _ => false,
        }
    }
}

impl Matcher {
    /// Whether this matcher matches a poll's output JSON (`Ok`) or its error (`Err`: code
    /// and HTTP status).
    pub fn matches(&self, result: Result<&Value, (Option<&str>, Option<u16>)>) -> bool {
        match (self, result) {
            (Matcher::Path(path, expected), Ok(json)) => expected.matches(&eval_path(path, json)),
            (Matcher::PathAll(path, expected), Ok(json)) => match eval_path(path, json) {
                Value::Array(items) => !items.is_empty() && items.iter().all(|v| expected.matches(v)),
                _ => false,
            },
            (Matcher::PathAny(path, expected), Ok(json)) => match eval_path(path, json) {
                Value::Array(items) => items.iter().any(|v| expected.matches(v)),
                _ => false,
            },
            (Matcher::Status(status), Ok(_)) => *status == 200,
            (Matcher::Status(status), Err((_, got))) => got == Some(*status),
            (Matcher::Error(code), Err((got, _))) => got == Some(*code),
            (Matcher::AnyError(any), r) => *any == r.is_err(),
            (Matcher::Path(..) | Matcher::PathAll(..) | Matcher::PathAny(..) | Matcher::Error(_), _) => false,
        }
    }
}

/// The state the first matching acceptor gives; `None` when none matches.
pub fn decide<O: ToJson, E: OperationError>(acceptors: &[Acceptor], result: &Result<O, E>) -> Option<WaiterState> {
    let json;
    let probe = match result {
        Ok(o) => {
            json = o.to_json();
            Ok(&json)
        }
        Err(e) => Err((e.code(), e.service_error().and_then(|s| s.status))),
    };
    acceptors.iter().find(|a| a.matcher.matches(probe)).map(|a| a.state)
}

/// Evaluates a JMESPath subset over `json`: dotted members (`Table.TableStatus`), `[]`
/// flattening projections (`Reservations[].Instances[].State.Name` gives a list),
/// `length(…)`, and one comparison with a literal (`` length(Items[]) > `0` ``, `==`, `!=`,
/// `>`, `>=`, `<`, `<=`; literals `` `json` `` or `'text'`). Anything else (a missing member,
/// an expression outside the subset) gives `null`, which matches nothing.
pub fn eval_path(expr: &str, json: &Value) -> Value {
    let expr = expr.trim();
    for op in ["==", "!=", ">=", "<=", ">", "<"] {
        if let Some((lhs, rhs)) = expr.split_once(op) {
            let Some(literal) = literal(rhs.trim()) else { return Value::Null };
            let left = eval_path(lhs, json);
            let ordered = |f: fn(f64, f64) -> bool| match (left.as_f64(), literal.as_f64()) {
                (Some(a), Some(b)) => Value::Bool(f(a, b)),
                _ => Value::Null,
            };
            return match op {
                "==" => Value::Bool(left == literal || (left.as_f64().is_some() && left.as_f64() == literal.as_f64())),
                "!=" => Value::Bool(left != literal),
                ">=" => ordered(|a, b| a >= b),
                "<=" => ordered(|a, b| a <= b),
                ">" => ordered(|a, b| a > b),
                _ => ordered(|a, b| a < b),
            };
        }
    }
    if let Some(inner) = expr.strip_prefix("length(").and_then(|e| e.strip_suffix(')')) {
        return match eval_path(inner, json) {
            Value::Array(a) => Value::from(a.len()),
            Value::Object(o) => Value::from(o.len()),
            Value::String(s) => Value::from(s.chars().count()),
            _ => Value::Null,
        };
    }
    let mut current = vec![json.clone()];
    let mut projected = false;
    for segment in expr.split('.') {
        let name = segment.trim_end_matches("[]");
        let flattens = (segment.len() - name.len()) / 2;
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || segment.len() != name.len() + 2 * flattens {
            return Value::Null;
        }
        let mut next: Vec<Value> = current.iter().map(|v| v.get(name).cloned().unwrap_or(Value::Null)).collect();
        if projected {
            next.retain(|v| !v.is_null());
        }
        for _ in 0..flattens {
            next = next
                .into_iter()
                .flat_map(|v| match v {
                    Value::Array(items) => items,
                    _ => Vec::new(),
                })
                .collect();
            projected = true;
        }
        current = next;
    }
    if projected {
        Value::Array(current)
    } else {
        current.pop().unwrap_or(Value::Null)
    }
}

fn literal(text: &str) -> Option<Value> {
    if let Some(json) = text.strip_prefix('`').and_then(|t| t.strip_suffix('`')) {
        return serde_json::from_str(json).ok();
    }
    text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')).map(|t| Value::String(t.to_string()))
}

/// Why a wait ended without success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiterErrorReason {
    /// An acceptor answered [`WaiterState::Failure`]: the resource will never get there.
    Failure,
    /// Every attempt answered [`WaiterState::Retry`].
    MaxAttemptsExceeded,
    /// [`WaiterConfig::max_wait`] passed.
    MaxWaitExceeded,
    /// The operation failed with an error no acceptor expects (`last` holds it).
    OperationFailed,
}

/// A wait that did not succeed, with the last poll's result.
#[derive(Debug)]
pub struct WaiterError<O, E> {
    pub reason: WaiterErrorReason,
    /// Polls made, the last included.
    pub attempts: u32,
    pub last: Result<O, E>,
}

impl<O, E> WaiterError<O, E> {
    /// The operation's error, when the last poll failed.
    pub fn operation_error(&self) -> Option<&E> {
        self.last.as_ref().err()
    }
}

impl<O, E: fmt::Display> fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.attempts;
        match self.reason {
            WaiterErrorReason::Failure => write!(f, "waiter reached a failure state after {n} polls")?,
            WaiterErrorReason::MaxAttemptsExceeded => write!(f, "waiter gave up after {n} polls")?,
            WaiterErrorReason::MaxWaitExceeded => write!(f, "waiter ran out of time after {n} polls")?,
            WaiterErrorReason::OperationFailed => write!(f, "waiter stopped on an unexpected error after {n} polls")?,
        }
        if let Err(e) = &self.last {
            write!(f, "; last error: {e}")?;
        }
        Ok(())
    }
}

impl<O: fmt::Debug, E: std::error::Error + 'static> std::error::Error for WaiterError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.last.as_ref().err().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// What [`wait`] gives: the poll result the acceptor accepted, which may be an error
/// (waiting for a resource to be deleted succeeds on its not-found error).
pub type WaitResult<O, E> = Result<Result<O, E>, WaiterError<O, E>>;

/// The future a generated waiter method returns: `'static` (it owns a handle on the
/// client), so it can be awaited later or spawned.
pub type Waiting<R> = futures::future::BoxFuture<'static, R>;

/// Calls `poll` until `acceptor` answers [`WaiterState::Success`] or [`WaiterState::Failure`],
/// sleeping `config.delay` between polls, at most `config.max_attempts` times (and within
/// `config.max_wait`).
///
/// Sleeps with tokio's timer, so it must run inside a tokio runtime.
pub async fn wait<O, E, Fut>(
    config: WaiterConfig,
    poll: impl FnMut() -> Fut,
    mut acceptor: impl FnMut(&Result<O, E>) -> WaiterState,
) -> WaitResult<O, E>
where
    Fut: Future<Output = Result<O, E>>,
{
    run(config, poll, |r| Some(acceptor(r))).await
}

/// Polls with static acceptors: the first that matches decides; when none does, an output
/// means retry and an error ends the wait ([`WaiterErrorReason::OperationFailed`]), as in
/// botocore. The accepted result may be an error (see [`WaitResult`]).
pub async fn wait_for<O, E, Fut>(config: WaiterConfig, poll: impl FnMut() -> Fut, acceptors: &[Acceptor]) -> WaitResult<O, E>
where
    O: ToJson,
    E: OperationError,
    Fut: Future<Output = Result<O, E>>,
{
    run(config, poll, |r| decide(acceptors, r)).await
}

/// For a waiter whose acceptors succeed only on an output: the output. An accepted error
/// (impossible with such acceptors) is reported as [`WaiterErrorReason::OperationFailed`].
pub fn output<O, E>(result: WaitResult<O, E>) -> Result<O, WaiterError<O, E>> {
    match result? {
        Ok(o) => Ok(o),
        Err(e) => Err(WaiterError { reason: WaiterErrorReason::OperationFailed, attempts: 0, last: Err(e) }),
    }
}

/// For a waiter whose acceptors succeed only on an error (a deletion's not-found).
pub fn gone<O, E>(result: WaitResult<O, E>) -> Result<(), WaiterError<O, E>> {
    result.map(|_| ())
}

/// For a waiter whose acceptors succeed on an output or an error: the output, if it was one.
pub fn either<O, E>(result: WaitResult<O, E>) -> Result<Option<O>, WaiterError<O, E>> {
    result.map(Result::ok)
}

async fn run<O, E, Fut>(
    config: WaiterConfig,
    mut poll: impl FnMut() -> Fut,
    mut decide: impl FnMut(&Result<O, E>) -> Option<WaiterState>,
) -> WaitResult<O, E>
where
    Fut: Future<Output = Result<O, E>>,
{
    let max_attempts = config.max_attempts.max(1);
    let start = tokio::time::Instant::now();
    let mut attempts = 0;
    loop {
        let result = poll().await;
        attempts += 1;
        let state = decide(&result);
        let reason = match state {
            Some(WaiterState::Success) => return Ok(result),
            Some(WaiterState::Failure) => WaiterErrorReason::Failure,
            None if result.is_err() => WaiterErrorReason::OperationFailed,
            _ if attempts >= max_attempts => WaiterErrorReason::MaxAttemptsExceeded,
            _ if config.max_wait.is_some_and(|max| start.elapsed() + config.delay > max) => WaiterErrorReason::MaxWaitExceeded,
            _ => {
                tokio::time::sleep(config.delay).await;
                continue;
            }
        };
        return Err(WaiterError { reason, attempts, last: result });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::cell::Cell;
    use tokio::time::Instant;

    /// A poll that answers `Ok(n)` with n = 1, 2, … and counts calls.
    fn counter(calls: &Cell<u32>) -> impl FnMut() -> std::future::Ready<Result<u32, std::fmt::Error>> + '_ {
        move || {
            calls.set(calls.get() + 1);
            std::future::ready(Ok(calls.get()))
        }
    }

    #[tokio::test(start_paused = true)]
    async fn polls_with_the_delay_until_success() {
        let calls = Cell::new(0);
        let start = Instant::now();
        let result = wait(WaiterConfig::new(20, 25), counter(&calls), |r| match r {
            Ok(3) => WaiterState::Success,
            _ => WaiterState::Retry,
        })
        .await;
        assert_eq!(result.unwrap().unwrap(), 3);
        assert_eq!(calls.get(), 3);
        assert_eq!(start.elapsed(), Duration::from_secs(40), "two delays between three polls");
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_after_max_attempts_without_a_final_sleep() {
        let calls = Cell::new(0);
        let start = Instant::now();
        let err = wait(WaiterConfig::new(5, 4), counter(&calls), |_| WaiterState::Retry).await.unwrap_err();
        assert_eq!(err.reason, WaiterErrorReason::MaxAttemptsExceeded);
        assert_eq!(err.attempts, 4);
        assert_eq!(err.last.unwrap(), 4);
        assert_eq!(start.elapsed(), Duration::from_secs(15));
    }

    #[tokio::test(start_paused = true)]
    async fn stops_at_once_on_failure_and_keeps_the_error() {
        let err = wait(
            WaiterConfig::new(5, 10),
            || std::future::ready(Err::<(), _>(std::fmt::Error)),
            |r| if r.is_err() { WaiterState::Failure } else { WaiterState::Retry },
        )
        .await
        .unwrap_err();
        assert_eq!(err.reason, WaiterErrorReason::Failure);
        assert_eq!(err.attempts, 1);
        assert_eq!(err.to_string(), "waiter reached a failure state after 1 polls; last error: an error occurred when formatting an argument");
        assert!(std::error::Error::source(&err).is_some());
    }

    #[tokio::test(start_paused = true)]
    async fn max_wait_stops_before_sleeping_past_it() {
        let calls = Cell::new(0);
        let config = WaiterConfig::new(10, 100).with_max_wait(Duration::from_secs(35));
        let err = wait(config, counter(&calls), |_| WaiterState::Retry).await.unwrap_err();
        assert_eq!(err.reason, WaiterErrorReason::MaxWaitExceeded);
        assert_eq!(err.attempts, 4, "polls at 0, 10, 20, 30 s; a fifth would be at 40 s");
    }

    #[test]
    fn paths_dotted_flattened_and_compared() {
        let doc = json!({
            "Table": {"TableStatus": "ACTIVE", "Count": 3},
            "Reservations": [
                {"Instances": [{"State": {"Name": "running"}}, {"State": {"Name": "pending"}}]},
                {"Instances": [{"State": {"Name": "running"}}]},
                {"Other": 1}
            ],
            "Empty": []
        });
        assert_eq!(eval_path("Table.TableStatus", &doc), json!("ACTIVE"));
        assert_eq!(eval_path("Table.Missing", &doc), Value::Null);
        assert_eq!(eval_path("Reservations[].Instances[].State.Name", &doc), json!(["running", "pending", "running"]));
        assert_eq!(eval_path("length(Reservations[].Instances[]) > `0`", &doc), json!(true));
        assert_eq!(eval_path("length(Empty[]) > `0`", &doc), json!(false));
        assert_eq!(eval_path("length(Empty) == `0`", &doc), json!(true));
        assert_eq!(eval_path("Table.Count >= `3`", &doc), json!(true));
        assert_eq!(eval_path("Table.TableStatus == 'ACTIVE'", &doc), json!(true));
        assert_eq!(eval_path("Items[?x]", &doc), Value::Null, "outside the subset");
        assert_eq!(eval_path("Table.TableStatus == nope", &doc), Value::Null);
        assert_eq!(eval_path("", &doc), Value::Null);
        assert_eq!(eval_path("length(", &doc), Value::Null);
    }

    #[test]
    fn matchers_over_outputs_and_errors() {
        let doc = json!({"R": [{"S": "running"}, {"S": "pending"}], "T": {"S": "ACTIVE"}});
        assert!(Matcher::Path("T.S", Expected::Str("ACTIVE")).matches(Ok(&doc)));
        assert!(!Matcher::PathAll("R[].S", Expected::Str("running")).matches(Ok(&doc)));
        assert!(Matcher::PathAny("R[].S", Expected::Str("pending")).matches(Ok(&doc)));
        assert!(!Matcher::PathAll("Nope[].S", Expected::Str("running")).matches(Ok(&doc)), "an empty list is not all");
        assert!(Matcher::Path("length(R) > `1`", Expected::Bool(true)).matches(Ok(&doc)));
        assert!(Matcher::Status(200).matches(Ok(&doc)));
        assert!(Matcher::Status(404).matches(Err((None, Some(404)))));
        assert!(Matcher::Error("NotFound").matches(Err((Some("NotFound"), Some(400)))));
        assert!(!Matcher::Error("NotFound").matches(Ok(&doc)));
        assert!(Matcher::AnyError(true).matches(Err((None, None))));
        assert!(Matcher::AnyError(false).matches(Ok(&doc)));
        assert!(Matcher::Path("length(R) == `2`", Expected::Bool(true)).matches(Ok(&doc)));
        assert!(Matcher::Path("T.N", Expected::Int(1)).matches(Ok(&json!({"T": {"N": 1.0}}))));
    }

    #[tokio::test(start_paused = true)]
    async fn success_may_be_an_error_and_zero_attempts_still_polls_once() {
        let result = wait(
            WaiterConfig::new(5, 0),
            || std::future::ready(Err::<(), _>(std::fmt::Error)),
            |r| if r.is_err() { WaiterState::Success } else { WaiterState::Retry },
        )
        .await;
        assert!(result.unwrap().is_err());
    }
}
