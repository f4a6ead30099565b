//! Which failures are worth another attempt: the transport's retry policy and the errors'
//! `is_retryable` answer the same way.

use crate::{ServiceError, TransportErrorKind};

/// Error codes that mean "slow down": botocore's and the Rust SDK's lists.
pub const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of failures that may pass on their own.
const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure"];

const TRANSIENT_STATUSES: &[u16] = &[429, 500, 502, 503, 504];

pub(crate) fn is_retryable_status(status: u16) -> bool {
    TRANSIENT_STATUSES.contains(&status)
}

pub(crate) fn is_retryable_service_error(error: &ServiceError) -> bool {
    THROTTLING_CODES.contains(&error.code.as_str())
        || TRANSIENT_CODES.contains(&error.code.as_str())
        || error.status.is_some_and(is_retryable_status)
}

pub(crate) fn is_retryable_transport_error(kind: TransportErrorKind) -> bool {
    matches!(kind, TransportErrorKind::Connection | TransportErrorKind::Timeout)
}
