//! [`DateTime`]: the type of every `timestamp` shape.
//!
//! The JSON protocols send timestamps as epoch seconds, a number that may carry a fraction
//! (`1700000000.123`). Some services and hand-written fixtures use RFC 3339 strings
//! instead, so decoding accepts both; encoding always writes epoch seconds.

use std::fmt;
use std::time::SystemTime;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::{Iso8601, Rfc3339};
use time::{OffsetDateTime, PrimitiveDateTime};

/// An instant in UTC, with nanosecond precision.
///
/// Wraps [`time::OffsetDateTime`] (always at UTC offset) so that equality and ordering
/// compare instants and the wire format stays in one place.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime(OffsetDateTime);

/// Why a value is not a representable [`DateTime`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTimeError {
    message: String,
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateTimeError {}

impl DateTimeError {
    fn new(message: impl Into<String>) -> Self {
        DateTimeError { message: message.into() }
    }
}

impl DateTime {
    /// 1970-01-01T00:00:00Z.
    pub const UNIX_EPOCH: DateTime = DateTime(OffsetDateTime::UNIX_EPOCH);

    /// The current time.
    pub fn now() -> Self {
        DateTime(OffsetDateTime::now_utc())
    }

    /// Whole seconds since the Unix epoch (negative before 1970).
    pub fn from_secs(seconds: i64) -> Result<Self, DateTimeError> {
        OffsetDateTime::from_unix_timestamp(seconds)
            .map(DateTime)
            .map_err(|e| DateTimeError::new(format!("epoch seconds {seconds} out of range: {e}")))
    }

    /// Fractional seconds since the Unix epoch, as the JSON protocols send them.
    ///
    /// Rounded to whole microseconds: an `f64` near today's epoch values carries about seven
    /// significant fraction digits, so finer digits would be noise from the decimal
    /// conversion, not data.
    pub fn from_secs_f64(seconds: f64) -> Result<Self, DateTimeError> {
        if !seconds.is_finite() {
            return Err(DateTimeError::new(format!("epoch seconds {seconds} is not finite")));
        }
        let micros = (seconds * 1_000_000.0).round();
        if micros.abs() > 1e18 {
            return Err(DateTimeError::new(format!("epoch seconds {seconds} out of range")));
        }
        OffsetDateTime::from_unix_timestamp_nanos(micros as i128 * 1_000)
            .map(DateTime)
            .map_err(|e| DateTimeError::new(format!("epoch seconds {seconds} out of range: {e}")))
    }

    /// Parses an RFC 3339 timestamp such as `2023-02-08T10:11:12.5Z` or `…+01:00`.
    pub fn parse_rfc3339(text: &str) -> Result<Self, DateTimeError> {
        OffsetDateTime::parse(text, &Rfc3339)
            .map(|t| DateTime(t.to_offset(time::UtcOffset::UTC)))
            .map_err(|e| DateTimeError::new(format!("not an RFC 3339 timestamp: {text:?}: {e}")))
    }

    /// A timestamp string as services send it: epoch seconds (`"1700000000.5"`), RFC 3339,
    /// another ISO 8601 form, or an ISO 8601 date-time without offset, taken as UTC as botocore
    /// takes it (moto's CloudHSM V2 sends `2023-11-14T22:13:20.947002`).
    pub fn parse_wire_str(text: &str) -> Result<Self, DateTimeError> {
        if let Ok(seconds) = text.parse::<f64>() {
            return DateTime::from_secs_f64(seconds);
        }
        DateTime::parse_rfc3339(text).or_else(|rfc3339_error| {
            OffsetDateTime::parse(text, &Iso8601::DEFAULT)
                .map(DateTime::from)
                .or_else(|_| PrimitiveDateTime::parse(text, &Iso8601::DEFAULT).map(|t| DateTime(t.assume_utc())))
                .map_err(|_| rfc3339_error)
        })
    }

    /// Formats as RFC 3339 in UTC, with a fraction only when there is one.
    pub fn to_rfc3339(&self) -> String {
        self.0.format(&Rfc3339).expect("a UTC OffsetDateTime within ±9999 years formats as RFC 3339")
    }

    /// Whole seconds since the Unix epoch, rounded towards the past.
    pub fn secs(&self) -> i64 {
        self.0.unix_timestamp()
    }

    /// The nanoseconds past [`DateTime::secs`].
    pub fn subsec_nanos(&self) -> u32 {
        self.0.nanosecond()
    }

    /// Seconds since the Unix epoch as a float, the JSON wire form.
    pub fn as_secs_f64(&self) -> f64 {
        self.secs() as f64 + f64::from(self.subsec_nanos()) / 1e9
    }

    /// The same instant as a [`time::OffsetDateTime`] at UTC.
    pub fn to_offset_date_time(&self) -> OffsetDateTime {
        self.0
    }
}

impl From<OffsetDateTime> for DateTime {
    fn from(t: OffsetDateTime) -> Self {
        DateTime(t.to_offset(time::UtcOffset::UTC))
    }
}

impl From<DateTime> for OffsetDateTime {
    fn from(t: DateTime) -> Self {
        t.0
    }
}

impl From<SystemTime> for DateTime {
    fn from(t: SystemTime) -> Self {
        DateTime(OffsetDateTime::from(t))
    }
}

impl From<DateTime> for SystemTime {
    fn from(t: DateTime) -> Self {
        t.0.into()
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({self})")
    }
}

impl Serialize for DateTime {
    /// Epoch seconds: an integer when there is no fraction, so whole seconds stay exact.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.subsec_nanos() == 0 {
            serializer.serialize_i64(self.secs())
        } else {
            serializer.serialize_f64(self.as_secs_f64())
        }
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateTimeVisitor)
    }
}

struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("epoch seconds or an RFC 3339 timestamp")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateTime, E> {
        DateTime::from_secs(v).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateTime, E> {
        let v = i64::try_from(v).map_err(|_| E::custom(format!("epoch seconds {v} out of range")))?;
        DateTime::from_secs(v).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<DateTime, E> {
        DateTime::from_secs_f64(v).map_err(E::custom)
    }

    /// See [`DateTime::parse_wire_str`].
    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
        DateTime::parse_wire_str(v).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn whole_seconds_round_trip_as_an_integer() {
        let t: DateTime = serde_json::from_value(json!(1_700_000_000)).unwrap();
        assert_eq!(t.secs(), 1_700_000_000);
        assert_eq!(t.subsec_nanos(), 0);
        assert_eq!(t.to_rfc3339(), "2023-11-14T22:13:20Z");
        assert_eq!(serde_json::to_value(t).unwrap(), json!(1_700_000_000));
    }

    #[test]
    fn fractional_seconds_keep_milliseconds() {
        let t: DateTime = serde_json::from_value(json!(1_700_000_000.123)).unwrap();
        assert_eq!(t.secs(), 1_700_000_000);
        assert_eq!(t.subsec_nanos(), 123_000_000);
        assert_eq!(t.to_rfc3339(), "2023-11-14T22:13:20.123Z");
        assert_eq!(serde_json::to_value(t).unwrap(), json!(1_700_000_000.123));
    }

    #[test]
    fn negative_fractions_round_towards_the_past() {
        let t = DateTime::from_secs_f64(-1.5).unwrap();
        assert_eq!(t.secs(), -2);
        assert_eq!(t.subsec_nanos(), 500_000_000);
        assert_eq!(t.as_secs_f64(), -1.5);
    }

    #[test]
    fn rfc3339_strings_are_accepted_and_normalized_to_utc() {
        let t: DateTime = serde_json::from_value(json!("2023-02-08T10:11:12.5+01:00")).unwrap();
        assert_eq!(t.to_rfc3339(), "2023-02-08T09:11:12.5Z");
        assert_eq!(t, DateTime::parse_rfc3339("2023-02-08T09:11:12.500Z").unwrap());
        assert_eq!(serde_json::to_value(t).unwrap(), json!(1_675_847_472.5));
    }

    #[test]
    fn iso8601_without_offset_is_utc_as_in_botocore() {
        // moto_server's CloudHSM V2 answers CreateCluster and DescribeBackups this way.
        let t: DateTime = serde_json::from_value(json!("2023-11-14T22:13:20.947002")).unwrap();
        assert_eq!(t, DateTime::from_secs_f64(1_700_000_000.947002).unwrap());
        assert_eq!(DateTime::parse_wire_str("2023-11-14T22:13:20").unwrap(), DateTime::from_secs(1_700_000_000).unwrap());
        // An offset in another ISO 8601 form still counts.
        assert_eq!(DateTime::parse_wire_str("20231114T231320+0100").unwrap(), DateTime::from_secs(1_700_000_000).unwrap());
        // The strict parser stays strict, and the error names RFC 3339.
        assert!(DateTime::parse_rfc3339("2023-11-14T22:13:20").is_err());
        let e = DateTime::parse_wire_str("2023-11-14 at noon").unwrap_err();
        assert!(e.to_string().starts_with("not an RFC 3339 timestamp"), "{e}");
    }

    #[test]
    fn numeric_strings_are_epoch_seconds() {
        let t: DateTime = serde_json::from_value(json!("1700000000")).unwrap();
        assert_eq!(t, DateTime::from_secs(1_700_000_000).unwrap());
    }

    #[test]
    fn garbage_and_out_of_range_values_are_errors() {
        assert!(serde_json::from_value::<DateTime>(json!("yesterday")).is_err());
        assert!(serde_json::from_value::<DateTime>(json!(true)).is_err());
        assert!(serde_json::from_value::<DateTime>(json!(1e300)).is_err());
        assert!(DateTime::from_secs_f64(f64::NAN).is_err());
        assert!(DateTime::from_secs(i64::MAX).is_err());
    }

    #[test]
    fn converts_to_and_from_system_time() {
        let t = DateTime::from_secs(86_400).unwrap();
        let system: SystemTime = t.into();
        assert_eq!(system, SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(86_400));
        assert_eq!(DateTime::from(system), t);
        assert!(DateTime::UNIX_EPOCH < t);
    }
}
