//! [`Blob`]: the type of every `blob` shape, base64 on the JSON wire.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Binary data. The JSON protocols carry it as a standard (padded) base64 string.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Blob(Vec<u8>);

impl Blob {
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Blob(bytes.into())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }

    /// The base64 text that goes on the wire.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(&self.0)
    }

    pub fn from_base64(text: &str) -> Result<Self, base64::DecodeError> {
        STANDARD.decode(text).map(Blob)
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob(bytes.to_vec())
    }
}

impl From<&str> for Blob {
    fn from(text: &str) -> Self {
        Blob(text.as_bytes().to_vec())
    }
}

impl From<Blob> for Vec<u8> {
    fn from(blob: Blob) -> Self {
        blob.0
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Shows the base64 form: short, and the same text a wire log shows.
impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({:?})", self.to_base64())
    }
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Blob::from_base64(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serializes_as_padded_base64() {
        let blob = Blob::from("hello");
        assert_eq!(serde_json::to_value(&blob).unwrap(), json!("aGVsbG8="));
        assert_eq!(format!("{blob:?}"), r#"Blob("aGVsbG8=")"#);
    }

    #[test]
    fn deserializes_base64_and_round_trips_binary() {
        let bytes: Vec<u8> = (0..=255).collect();
        let blob = Blob::new(bytes.clone());
        let wire = serde_json::to_string(&blob).unwrap();
        let back: Blob = serde_json::from_str(&wire).unwrap();
        assert_eq!(back.as_bytes(), &bytes[..]);
        assert_eq!(back.into_inner(), bytes);
    }

    #[test]
    fn rejects_text_that_is_not_base64() {
        let err = serde_json::from_value::<Blob>(json!("not base64!")).unwrap_err();
        assert!(err.to_string().contains("Invalid"), "{err}");
        assert!(serde_json::from_value::<Blob>(json!(12)).is_err());
    }
}
