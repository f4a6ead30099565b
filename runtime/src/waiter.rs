//! Polling an operation until the caller says it is done.
//!
//! boto3's documentation gives each waiter's delay and attempt count but not its acceptors,
//! so the caller supplies one: a closure that looks at each poll's result and answers with a
//! [`WaiterState`].

use std::fmt;
use std::future::Future;
use std::time::Duration;

/// How often and how long to poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaiterConfig {
    /// The pause between two polls.
    pub delay: Duration,
    /// Polls before giving up; at least one poll is always made.
    pub max_attempts: u32,
}

impl WaiterConfig {
    pub const fn new(delay_seconds: u64, max_attempts: u32) -> Self {
        WaiterConfig { delay: Duration::from_secs(delay_seconds), max_attempts }
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

/// Why a wait ended without success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaiterErrorReason {
    /// The acceptor answered [`WaiterState::Failure`].
    Failure,
    /// Every attempt answered [`WaiterState::Retry`].
    MaxAttemptsExceeded,
}

/// A wait that did not succeed, with the last poll's result.
#[derive(Debug)]
pub struct WaiterError<O, E> {
    pub reason: WaiterErrorReason,
    /// Polls made, the last included.
    pub attempts: u32,
    pub last: Result<O, E>,
}

impl<O, E: fmt::Display> fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            WaiterErrorReason::Failure => write!(f, "waiter reached a failure state after {} polls", self.attempts)?,
            WaiterErrorReason::MaxAttemptsExceeded => write!(f, "waiter gave up after {} polls", self.attempts)?,
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

/// A successful wait gives the poll result the acceptor accepted, which may be an error
/// (waiting for a resource to be deleted succeeds on its not-found error).
pub type WaitResult<O, E> = Result<Result<O, E>, WaiterError<O, E>>;

/// Calls `poll` until `acceptor` answers [`WaiterState::Success`] or [`WaiterState::Failure`],
/// sleeping `config.delay` between polls, at most `config.max_attempts` times.
///
/// Sleeps with tokio's timer, so it must run inside a tokio runtime.
pub async fn wait<O, E, Fut>(
    config: WaiterConfig,
    mut poll: impl FnMut() -> Fut,
    mut acceptor: impl FnMut(&Result<O, E>) -> WaiterState,
) -> WaitResult<O, E>
where
    Fut: Future<Output = Result<O, E>>,
{
    let max_attempts = config.max_attempts.max(1);
    let mut attempts = 0;
    loop {
        let result = poll().await;
        attempts += 1;
        let reason = match acceptor(&result) {
            WaiterState::Success => return Ok(result),
            WaiterState::Failure => WaiterErrorReason::Failure,
            WaiterState::Retry if attempts >= max_attempts => WaiterErrorReason::MaxAttemptsExceeded,
            WaiterState::Retry => {
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
