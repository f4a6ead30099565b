//! Which failures are worth another attempt, and how long to wait before it.
//!
//! The AWS SDKs' "standard" retry mode: throttling and transient error codes, 429 and the
//! transient 5xx statuses, and broken or timed-out connections are retried, after an
//! exponential backoff with full jitter.

use std::time::Duration;

/// How many attempts a call gets and how long it waits between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts in all, the first included; `1` disables retries.
    pub max_attempts: u32,
    /// The cap of the first wait; each retry doubles it, up to `max_backoff`.
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    /// The AWS SDKs' standard mode: 3 attempts, waits capped at 1 s, 2 s, … 20 s.
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryConfig {
    /// The wait before retry number `retry` (1 for the second attempt): uniformly random
    /// below the exponential cap ("full jitter"), so that throttled clients spread out.
    pub fn backoff(&self, retry: u32) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let cap = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        cap.mul_f64(fastrand::f64())
    }
}

pub use crate::classify::THROTTLING_CODES;
pub(crate) use crate::classify::{is_retryable_service_error, is_retryable_status, is_retryable_transport_error};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ServiceError, TransportErrorKind};

    #[test]
    fn backoff_is_jittered_below_an_exponential_cap() {
        let config = RetryConfig {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
        };
        for (retry, cap_ms) in [
            (1, 100),
            (2, 200),
            (3, 400),
            (4, 800),
            (5, 1000),
            (40, 1000),
        ] {
            let waits: Vec<Duration> = (0..200).map(|_| config.backoff(retry)).collect();
            assert!(
                waits.iter().all(|w| *w <= Duration::from_millis(cap_ms)),
                "retry {retry}"
            );
            // Full jitter spreads over the whole range, not just near the cap.
            assert!(
                waits.iter().any(|w| *w < Duration::from_millis(cap_ms / 2)),
                "retry {retry}"
            );
            assert!(
                waits.iter().any(|w| *w > Duration::from_millis(cap_ms / 2)),
                "retry {retry}"
            );
        }
    }

    #[test]
    fn classifies_errors() {
        let error = |code: &str, status: u16| ServiceError {
            code: code.into(),
            status: Some(status),
            ..Default::default()
        };
        assert!(is_retryable_service_error(&error(
            "ThrottlingException",
            400
        )));
        assert!(is_retryable_service_error(&error(
            "ProvisionedThroughputExceededException",
            400
        )));
        assert!(is_retryable_service_error(&error("Whatever", 503)));
        assert!(is_retryable_service_error(&error("Whatever", 429)));
        assert!(!is_retryable_service_error(&error(
            "ResourceNotFoundException",
            400
        )));
        assert!(!is_retryable_service_error(&error("NotImplemented", 501)));
        assert!(is_retryable_transport_error(TransportErrorKind::Timeout));
        assert!(!is_retryable_transport_error(TransportErrorKind::Decode));
    }
}
