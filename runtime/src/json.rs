//! JSON for the generated types without serde derives.
//!
//! `#[derive(Serialize, Deserialize)]` expands to a visitor, a field enum and generic
//! `serialize`/`deserialize` bodies per type; for a few hundred shapes that is most of a
//! service module's compile time. Generated types instead implement [`ToJson`] and
//! [`FromJson`], plain functions over [`serde_json::Value`] (which is what the transport
//! speaks) built from the small helpers here. [`impl_serde_via_json!`] then gives each type
//! serde impls that go through `Value`, so the types still work with any serde format.
//!
//! Decoding ignores members it does not know (services add members), treats `null` like a
//! missing member, and reports errors with the path to the offending value.
//!
//! [`impl_serde_via_json!`]: crate::impl_serde_via_json

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number};
/// The JSON value type the traits speak (serde_json's).
pub use serde_json::Value;

use crate::{Blob, DateTime};

#[doc(hidden)]
pub use serde as __serde;

/// A value's wire JSON.
pub trait ToJson {
    fn to_json(&self) -> Value;
}

/// A value from its wire JSON.
pub trait FromJson: Sized {
    fn from_json(value: Value) -> Result<Self, JsonError>;
}

/// Why JSON did not decode, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Outermost member first.
    path: Vec<String>,
    message: String,
}

impl JsonError {
    pub fn new(message: impl Into<String>) -> Self {
        JsonError { path: Vec::new(), message: message.into() }
    }

    /// The same error, one member further out.
    pub fn at(mut self, member: impl Into<String>) -> Self {
        self.path.insert(0, member.into());
        self
    }

    /// `BackupDescription.BackupDetails.BackupArn`; empty at the top level.
    pub fn path(&self) -> String {
        self.path.join(".")
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    fn expected(what: &str, found: &Value) -> Self {
        JsonError::new(format!("expected {what}, found {}", kind(found)))
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path(), self.message)
        }
    }
}

impl std::error::Error for JsonError {}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A structure being decoded: members are taken out by wire name.
///
/// Generated code reads optional members with [`Object::get`], which keeps the first
/// error instead of returning it, and ends with [`Object::finish`]: one plain call per
/// member and no `?`, which is much less for the compiler than a `?` per member. Required
/// members use [`Object::required`] and `?` (there is no value to go on with); it reports
/// an earlier member's error first, so the error is always the first in member order.
#[derive(Debug)]
pub struct Object {
    members: Map<String, Value>,
    error: Option<JsonError>,
}

impl Object {
    /// `value` must be an object; `type_name` is for the error.
    pub fn new(value: Value, type_name: &str) -> Result<Self, JsonError> {
        match value {
            Value::Object(members) => Ok(Object { members, error: None }),
            other => Err(JsonError::expected(&format!("an object ({type_name})"), &other)),
        }
    }

    pub fn required<T: FromJson>(&mut self, name: &str) -> Result<T, JsonError> {
        if let Some(earlier) = self.error.take() {
            return Err(earlier);
        }
        match self.members.remove(name) {
            None | Some(Value::Null) => Err(JsonError::new("missing required member").at(name)),
            Some(value) => T::from_json(value).map_err(|e| e.at(name)),
        }
    }

    /// An optional member; a decoding error is kept for [`Object::finish`] (the first one
    /// wins) and reads as unset.
    pub fn get<T: FromJson>(&mut self, name: &str) -> Option<T> {
        if self.error.is_some() {
            return None;
        }
        match self.optional(name) {
            Ok(value) => value,
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }

    /// `value`, built from this object's members, unless one of them failed to decode.
    pub fn finish<T>(self, value: T) -> Result<T, JsonError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(value),
        }
    }

    pub fn optional<T: FromJson>(&mut self, name: &str) -> Result<Option<T>, JsonError> {
        match self.members.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::from_json(value).map(Some).map_err(|e| e.at(name)),
        }
    }
}

/// A structure being encoded: members are added by wire name, unset ones left out.
#[derive(Debug, Default)]
#[must_use = "call build() for the JSON"]
pub struct ObjectBuilder {
    members: Map<String, Value>,
}

impl ObjectBuilder {
    pub fn new() -> Self {
        ObjectBuilder::default()
    }

    pub fn member<T: ToJson + ?Sized>(mut self, name: &str, value: &T) -> Self {
        self.members.insert(name.to_owned(), value.to_json());
        self
    }

    pub fn optional<T: ToJson>(mut self, name: &str, value: &Option<T>) -> Self {
        self.put_optional(name, value);
        self
    }

    /// [`ObjectBuilder::member`] in place: no builder moved through a chain of calls,
    /// which is less for the compiler in generated code.
    pub fn put<T: ToJson + ?Sized>(&mut self, name: &str, value: &T) {
        self.members.insert(name.to_owned(), value.to_json());
    }

    /// [`ObjectBuilder::optional`] in place.
    pub fn put_optional<T: ToJson>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.members.insert(name.to_owned(), value.to_json());
        }
    }

    pub fn build(self) -> Value {
        Value::Object(self.members)
    }
}

/// A union's one set member: `{"Name": value}` → `("Name", value)`.
pub fn union_member(value: Value, type_name: &str) -> Result<(String, Value), JsonError> {
    let Value::Object(members) = value else {
        return Err(JsonError::expected(&format!("an object ({type_name})"), &value));
    };
    let mut set = members.into_iter().filter(|(_, v)| !v.is_null());
    match (set.next(), set.next()) {
        (Some(member), None) => Ok(member),
        (None, _) => Err(JsonError::new(format!("no member of the union {type_name} is set"))),
        (Some((a, _)), Some((b, _))) => {
            Err(JsonError::new(format!("more than one member of the union {type_name} is set: {a}, {b}, …")))
        }
    }
}

/// Decodes a union member's value, with the member in the error path.
pub fn variant<T: FromJson>(name: &str, value: Value) -> Result<T, JsonError> {
    T::from_json(value).map_err(|e| e.at(name))
}

/// A union's wire form: `{"Name": value}`.
pub fn tagged(name: &str, value: Value) -> Value {
    let mut members = Map::with_capacity(1);
    members.insert(name.to_owned(), value);
    Value::Object(members)
}

/// `Debug` for generated structures, from their wire JSON: the type name and the members
/// that are set, by wire name, `{:#?}` included. One call per type instead of a derive
/// that names every field: the derives were a tenth of a service module's compile time.
pub fn debug(f: &mut fmt::Formatter<'_>, type_name: &str, wire: &Value) -> fmt::Result {
    let mut out = f.debug_struct(type_name);
    if let Value::Object(members) = wire {
        for (name, value) in members {
            out.field(name, &DebugJson(value));
        }
    }
    out.finish()
}

/// JSON printed with `Debug`'s layout: lists and maps as `[…]` and `{…}`.
struct DebugJson<'a>(&'a Value);

impl fmt::Debug for DebugJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => fmt::Debug::fmt(b, f),
            Value::Number(n) => fmt::Display::fmt(n, f),
            Value::String(s) => fmt::Debug::fmt(s, f),
            Value::Array(items) => f.debug_list().entries(items.iter().map(DebugJson)).finish(),
            Value::Object(members) => f.debug_map().entries(members.iter().map(|(k, v)| (k, DebugJson(v)))).finish(),
        }
    }
}

/// The string of a string enum.
pub fn string(value: Value, type_name: &str) -> Result<String, JsonError> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(JsonError::expected(&format!("a string ({type_name})"), &other)),
    }
}

/// `serialize` for types implementing [`ToJson`]: through [`Value`].
pub fn serialize<T: ToJson + ?Sized, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.to_json().serialize(serializer)
}

/// `deserialize` for types implementing [`FromJson`]: through [`Value`].
pub fn deserialize<'de, T: FromJson, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    T::from_json(Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
}

/// `Serialize` and `Deserialize` for types implementing [`ToJson`] and [`FromJson`].
#[macro_export]
macro_rules! impl_serde_via_json {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::json::__serde::Serialize for $ty {
            fn serialize<S: $crate::json::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::json::serialize(self, serializer)
            }
        }

        impl<'de> $crate::json::__serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::json::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::json::deserialize(deserializer)
            }
        }
    )*};
}

/// The output of an operation that returns nothing: whatever the service answered.
impl FromJson for () {
    fn from_json(_: Value) -> Result<Self, JsonError> {
        Ok(())
    }
}

impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}

impl FromJson for String {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::String(s) => Ok(s),
            other => Err(JsonError::expected("a string", &other)),
        }
    }
}

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::String(self.to_owned())
    }
}

impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}

impl FromJson for bool {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        value.as_bool().ok_or_else(|| JsonError::expected("a boolean", &value))
    }
}

impl ToJson for i64 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl FromJson for i64 {
    /// Also takes a float without a fraction (`3.0`), as some services write longs.
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match &value {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.2e18).map(|f| f as i64))
                .ok_or_else(|| JsonError::new(format!("{n} is not a 64-bit integer"))),
            _ => Err(JsonError::expected("an integer", &value)),
        }
    }
}

impl ToJson for i32 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}

impl FromJson for i32 {
    /// A value outside the 32-bit range is an error, not a silent wrap.
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let wide = i64::from_json(value)?;
        i32::try_from(wide).map_err(|_| JsonError::new(format!("{wide} is not a 32-bit integer")))
    }
}

/// Doubles and floats: non-finite values travel as the strings `NaN`, `Infinity` and
/// `-Infinity`, as the AWS JSON protocols write them.
impl ToJson for f64 {
    fn to_json(&self) -> Value {
        match Number::from_f64(*self) {
            Some(n) => Value::Number(n),
            None if self.is_nan() => Value::String("NaN".into()),
            None if *self > 0.0 => Value::String("Infinity".into()),
            None => Value::String("-Infinity".into()),
        }
    }
}

impl FromJson for f64 {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match &value {
            Value::Number(n) => n.as_f64().ok_or_else(|| JsonError::new(format!("{n} is not a number"))),
            Value::String(s) if s == "NaN" => Ok(f64::NAN),
            Value::String(s) if s == "Infinity" => Ok(f64::INFINITY),
            Value::String(s) if s == "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(JsonError::expected("a number", &value)),
        }
    }
}

impl ToJson for f32 {
    fn to_json(&self) -> Value {
        // Through the shortest decimal of the f32, so 0.1f32 is sent as 0.1.
        match self.to_string().parse::<f64>() {
            Ok(f) if self.is_finite() => f.to_json(),
            _ => f64::from(*self).to_json(),
        }
    }
}

impl FromJson for f32 {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        f64::from_json(value).map(|f| f as f32)
    }
}

impl ToJson for Value {
    fn to_json(&self) -> Value {
        self.clone()
    }
}

impl FromJson for Value {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        Ok(value)
    }
}

impl<T: ToJson> ToJson for Box<T> {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        T::from_json(value).map(Box::new)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::Array(items) => {
                items.into_iter().enumerate().map(|(i, item)| T::from_json(item).map_err(|e| e.at(i.to_string()))).collect()
            }
            other => Err(JsonError::expected("an array", &other)),
        }
    }
}

/// Map keys are strings on the wire; a key type (`String` or a string enum) converts
/// through its JSON string.
impl<K: ToJson, V: ToJson> ToJson for BTreeMap<K, V> {
    fn to_json(&self) -> Value {
        let members = self
            .iter()
            .map(|(k, v)| {
                let key = match k.to_json() {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                (key, v.to_json())
            })
            .collect();
        Value::Object(members)
    }
}

impl<K: FromJson + Ord, V: FromJson> FromJson for BTreeMap<K, V> {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match value {
            Value::Object(members) => members
                .into_iter()
                .map(|(k, v)| {
                    let value = V::from_json(v).map_err(|e| e.at(k.as_str()))?;
                    let key = K::from_json(Value::String(k))?;
                    Ok((key, value))
                })
                .collect(),
            other => Err(JsonError::expected("an object", &other)),
        }
    }
}

impl ToJson for DateTime {
    /// Epoch seconds, as the JSON protocols send them.
    fn to_json(&self) -> Value {
        if self.subsec_nanos() == 0 {
            Value::from(self.secs())
        } else {
            self.as_secs_f64().to_json()
        }
    }
}

impl FromJson for DateTime {
    /// Epoch seconds (a number or a numeric string) or an ISO 8601 string (see
    /// [`DateTime::parse_wire_str`]).
    fn from_json(value: Value) -> Result<Self, JsonError> {
        let result = match &value {
            Value::Number(n) => match n.as_i64() {
                Some(secs) => DateTime::from_secs(secs),
                None => DateTime::from_secs_f64(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => DateTime::parse_wire_str(s),
            _ => return Err(JsonError::expected("a timestamp", &value)),
        };
        result.map_err(|e| JsonError::new(e.to_string()))
    }
}

impl ToJson for Blob {
    fn to_json(&self) -> Value {
        Value::String(self.to_base64())
    }
}

impl FromJson for Blob {
    fn from_json(value: Value) -> Result<Self, JsonError> {
        match &value {
            Value::String(s) => Blob::from_base64(s).map_err(|e| JsonError::new(format!("not base64: {e}"))),
            _ => Err(JsonError::expected("a base64 string", &value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What the emitter writes for a structure, by hand.
    #[derive(Debug, Clone, PartialEq)]
    struct Details {
        arn: String,
        size: Option<i64>,
        parts: Option<Vec<Details>>,
    }

    impl ToJson for Details {
        fn to_json(&self) -> Value {
            let mut object = ObjectBuilder::new();
            object.put("Arn", &self.arn);
            object.put_optional("Size", &self.size);
            object.put_optional("Parts", &self.parts);
            object.build()
        }
    }

    impl FromJson for Details {
        fn from_json(value: Value) -> Result<Self, JsonError> {
            let mut object = Object::new(value, "Details")?;
            let value = Details { arn: object.required("Arn")?, size: object.get("Size"), parts: object.get("Parts") };
            object.finish(value)
        }
    }

    /// Optional members before a required one, as in many outputs.
    #[derive(Debug)]
    struct Late {
        _size: Option<i64>,
        _arn: String,
    }

    impl FromJson for Late {
        fn from_json(value: Value) -> Result<Self, JsonError> {
            let mut object = Object::new(value, "Late")?;
            let value = Late { _size: object.get("Size"), _arn: object.required("Arn")? };
            object.finish(value)
        }
    }

    /// And for a union.
    #[derive(Debug, Clone, PartialEq)]
    enum Attr {
        S(String),
        L(Vec<Attr>),
        Unknown(Value),
    }

    impl ToJson for Attr {
        fn to_json(&self) -> Value {
            match self {
                Attr::S(v) => tagged("S", v.to_json()),
                Attr::L(v) => tagged("L", v.to_json()),
                Attr::Unknown(v) => v.clone(),
            }
        }
    }

    impl FromJson for Attr {
        fn from_json(value: Value) -> Result<Self, JsonError> {
            let (name, value) = union_member(value, "Attr")?;
            Ok(match name.as_str() {
                "S" => Attr::S(variant("S", value)?),
                "L" => Attr::L(variant("L", value)?),
                _ => Attr::Unknown(tagged(&name, value)),
            })
        }
    }

    crate::impl_serde_via_json!(Details, Attr);

    #[test]
    fn structures_leave_out_unset_members_and_ignore_unknown_ones() {
        let details = Details { arn: "a".into(), size: None, parts: Some(vec![]) };
        assert_eq!(details.to_json(), json!({"Arn": "a", "Parts": []}));
        let decoded = Details::from_json(json!({"Arn": "a", "Size": null, "Parts": [], "New": 1})).unwrap();
        assert_eq!(decoded, details);
    }

    #[test]
    fn errors_carry_the_path() {
        let err = Details::from_json(json!({"Arn": "a", "Parts": [{"Arn": "b"}, {"Arn": 3}]})).unwrap_err();
        assert_eq!(err.path(), "Parts.1.Arn");
        assert_eq!(err.to_string(), "Parts.1.Arn: expected a string, found a number");
        let err = Details::from_json(json!({"Size": 1})).unwrap_err();
        assert_eq!(err.to_string(), "Arn: missing required member");
        let err = Details::from_json(json!([1])).unwrap_err();
        assert_eq!(err.to_string(), "expected an object (Details), found an array");
    }

    #[test]
    fn debug_shows_the_set_members_by_wire_name() {
        struct Shown(Details);
        impl fmt::Debug for Shown {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                debug(f, "Details", &self.0.to_json())
            }
        }
        let details = Details { arn: "a\"b".into(), size: None, parts: Some(vec![Details { arn: "c".into(), size: Some(2), parts: None }]) };
        assert_eq!(format!("{:?}", Shown(details.clone())), r#"Details { Arn: "a\"b", Parts: [{"Arn": "c", "Size": 2}] }"#);
        assert_eq!(
            format!("{:#?}", Shown(details)),
            "Details {\n    Arn: \"a\\\"b\",\n    Parts: [\n        {\n            \"Arn\": \"c\",\n            \"Size\": 2,\n        },\n    ],\n}"
        );
    }

    #[test]
    fn the_first_bad_member_in_member_order_is_reported() {
        let err = Details::from_json(json!({"Arn": "a", "Size": "big", "Parts": 1})).unwrap_err();
        assert_eq!(err.to_string(), "Size: expected an integer, found a string");
        let err = Late::from_json(json!({"Size": "big"})).unwrap_err();
        assert_eq!(err.to_string(), "Size: expected an integer, found a string");
        let err = Late::from_json(json!({"Size": 1})).unwrap_err();
        assert_eq!(err.to_string(), "Arn: missing required member");
        assert_eq!(
            ObjectBuilder::new().member("A", "x").optional("B", &None::<i64>).optional("C", &Some(1)).build(),
            json!({"A": "x", "C": 1})
        );
    }

    #[test]
    fn unions_take_the_one_set_member_and_keep_unknown_ones() {
        let wire = json!({"L": [{"S": "x"}, {"NEW": {"a": 1}}]});
        let attr = Attr::from_json(wire.clone()).unwrap();
        assert_eq!(attr, Attr::L(vec![Attr::S("x".into()), Attr::Unknown(json!({"NEW": {"a": 1}}))]));
        assert_eq!(attr.to_json(), wire);
        assert_eq!(Attr::from_json(json!({"S": "x", "L": null})).unwrap(), Attr::S("x".into()));
        let err = Attr::from_json(json!({"S": "x", "L": []})).unwrap_err();
        assert!(err.message().starts_with("more than one member of the union Attr is set"), "{err}");
        assert!(Attr::from_json(json!({})).is_err());
        assert_eq!(Attr::from_json(json!({"L": [{"S": 1}]})).unwrap_err().path(), "L.0.S");
    }

    #[test]
    fn serde_impls_go_through_json() {
        let attr = Attr::L(vec![Attr::S("x".into())]);
        let text = serde_json::to_string(&attr).unwrap();
        assert_eq!(text, r#"{"L":[{"S":"x"}]}"#);
        assert_eq!(serde_json::from_str::<Attr>(&text).unwrap(), attr);
        let err = serde_json::from_str::<Details>(r#"{"Arn": 1}"#).unwrap_err();
        assert!(err.to_string().contains("Arn: expected a string"), "{err}");
    }

    #[test]
    fn numbers_accept_integral_floats_and_non_finite_strings() {
        assert_eq!(i64::from_json(json!(3.0)).unwrap(), 3);
        assert!(i64::from_json(json!(3.5)).is_err());
        assert!(i64::from_json(json!("3")).is_err());
        assert!(f64::from_json(json!("NaN")).unwrap().is_nan());
        assert_eq!(f64::from_json(json!("-Infinity")).unwrap(), f64::NEG_INFINITY);
        assert_eq!(f64::INFINITY.to_json(), json!("Infinity"));
        assert_eq!(0.1f32.to_json(), json!(0.1));
        assert_eq!(f32::from_json(json!(0.5)).unwrap(), 0.5);
    }

    #[test]
    fn maps_lists_boxes_and_primitives() {
        let map: BTreeMap<String, Vec<bool>> = FromJson::from_json(json!({"b": [true], "a": []})).unwrap();
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(map.to_json(), json!({"a": [], "b": [true]}));
        assert_eq!(Box::new(5i64).to_json(), json!(5));
        assert_eq!(*Box::<i64>::from_json(json!(5)).unwrap(), 5);
        assert_eq!(Value::from_json(json!({"any": [null]})).unwrap(), json!({"any": [null]}));
        assert!(bool::from_json(json!("true")).is_err());
        assert_eq!(string(json!("X"), "E").unwrap(), "X");
        assert_eq!(string(json!(1), "E").unwrap_err().to_string(), "expected a string (E), found a number");
        let err = BTreeMap::<String, i64>::from_json(json!({"k": "v"})).unwrap_err();
        assert_eq!(err.path(), "k");
    }

    #[test]
    fn timestamps_and_blobs() {
        let t = DateTime::from_json(json!(1_700_000_000.5)).unwrap();
        assert_eq!(t.to_json(), json!(1_700_000_000.5));
        assert_eq!(DateTime::from_json(json!(1_700_000_000)).unwrap().to_json(), json!(1_700_000_000));
        assert_eq!(DateTime::from_json(json!("2023-11-14T22:13:20.5Z")).unwrap(), t);
        assert!(DateTime::from_json(json!(true)).is_err());
        assert!(DateTime::from_json(json!("soon")).is_err());
        // Without an offset, UTC (botocore's reading; moto's CloudHSM V2 sends these).
        assert_eq!(DateTime::from_json(json!("2023-11-14T22:13:20.5")).unwrap(), t);
        let blob = Blob::from_json(json!("aGVsbG8=")).unwrap();
        assert_eq!(blob.as_bytes(), b"hello");
        assert_eq!(blob.to_json(), json!("aGVsbG8="));
        assert!(Blob::from_json(json!("%%%")).is_err());
    }
}
