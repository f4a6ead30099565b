//! DynamoDB items from and to any serde type, as boto3's `TypeSerializer` and
//! `TypeDeserializer` do for Python values.
//!
//! The conversion is between a Rust value and the *wire JSON* of DynamoDB attribute values
//! (`{"S": "x"}`, `{"N": "1"}`, …), so this module needs no generated type; the generated
//! `dynamodb::to_item`/`from_item` wrap it with `AttributeValue`'s `FromJson`/`ToJson`.
//!
//! | Rust (serde data model) | attribute |
//! | --- | --- |
//! | `String`, `&str`, `char`, unit enum variant | `S` |
//! | integers, floats | `N` (a decimal string; NaN and infinities are errors) |
//! | `bool` | `BOOL` |
//! | `None`, `()`, unit struct | `NULL: true` |
//! | `Vec`, slices, tuples | `L` |
//! | maps (string keys), structs | `M` |
//! | bytes (`serde_bytes`, `serialize_bytes`) | `B` (base64 on the wire) |
//! | a field with `#[serde(with = "set")]` | `SS`, `NS` or `BS` by its elements |
//! | other enum variants | `M` with one key, the variant (serde's externally tagged form) |
//!
//! serde has no set type distinct from a sequence, so a `HashSet`/`BTreeSet` is an `L`
//! unless its field says [`set`]: sets are opt-in, as DynamoDB rejects empty and mixed sets
//! that a list allows. `Vec<u8>` is a list of numbers, as serde gives it; `serde_bytes` makes
//! it a `B`. `None` is `NULL` (as boto3's `None`); `#[serde(skip_serializing_if =
//! "Option::is_none")]` leaves the attribute out instead. Reading back, `NULL` (or a missing
//! attribute) is `None`, a number is parsed into the type asked for (out of range is an
//! error), and every error names the attribute's path: `lines[2].qty: expected a number,
//! found S`.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use serde::ser::{self, Serialize};
use serde_json::{Map, Value};

use crate::Blob;

/// A value that cannot be an item or an attribute, or an item that is not the type asked
/// for; `path` is the attribute's (`lines[2].qty`), empty for the item itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemError {
    pub path: String,
    pub message: String,
    /// Whether `path` is final: the innermost attribute that knows it sets it.
    located: bool,
}

impl ItemError {
    fn new(message: impl Into<String>) -> Self {
        ItemError { path: String::new(), message: message.into(), located: false }
    }

    /// An error about the attribute at `path`.
    pub fn new_at(path: &str, message: impl Into<String>) -> Self {
        ItemError::new(message).at(path)
    }

    /// Sets the path if no inner attribute did.
    fn at(mut self, path: &str) -> Self {
        if !self.located {
            self.path = path.to_string();
            self.located = true;
        }
        self
    }
}

impl fmt::Display for ItemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "item: {}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ItemError {}

impl ser::Error for ItemError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ItemError::new(msg.to_string())
    }
}

impl de::Error for ItemError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ItemError::new(msg.to_string())
    }
}

/// `value` as an item: the wire JSON of each attribute, by name. `value` must serialize as
/// a struct or a map.
pub fn to_item_json<T: Serialize + ?Sized>(value: &T) -> Result<Map<String, Value>, ItemError> {
    match to_attribute_json(value)? {
        Value::Object(mut attribute) => match attribute.remove("M") {
            Some(Value::Object(item)) => Ok(item),
            _ => Err(ItemError::new(format!("an item is a struct or a map, not {}", tag_of(&Value::Object(attribute))))),
        },
        _ => Err(ItemError::new("an item is a struct or a map")),
    }
}

/// `value` as one attribute value's wire JSON (`{"S": "x"}`).
pub fn to_attribute_json<T: Serialize + ?Sized>(value: &T) -> Result<Value, ItemError> {
    value.serialize(AttributeSerializer { path: String::new() }).map_err(|e| e.at(""))
}

/// An item (the wire JSON of each attribute, by name) as a `T`.
pub fn from_item_json<T: DeserializeOwned>(item: Map<String, Value>) -> Result<T, ItemError> {
    T::deserialize(AttributeDeserializer { value: tagged("M", Value::Object(item)), path: String::new() }).map_err(|e| e.at(""))
}

/// One attribute value's wire JSON as a `T`.
pub fn from_attribute_json<T: DeserializeOwned>(value: Value) -> Result<T, ItemError> {
    T::deserialize(AttributeDeserializer { value, path: String::new() }).map_err(|e| e.at(""))
}

/// For `#[serde(with = "awsdoc_runtime::dynamodb_item::set")]` on a collection field
/// (`Vec`, `BTreeSet`, `HashSet` of strings, numbers or bytes): a DynamoDB set (`SS`, `NS`,
/// `BS`) instead of a list. Empty and mixed sets are errors, as DynamoDB has none.
pub mod set {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// The newtype-struct name that asks [`super::AttributeSerializer`] for a set.
    pub(super) const MARKER: &str = "$awsdoc::dynamodb::set";

    pub fn serialize<T: Serialize + ?Sized, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(MARKER, value)
    }

    /// Sets read as sequences, so this is the collection's own `Deserialize`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

fn tagged(tag: &str, value: Value) -> Value {
    let mut object = Map::with_capacity(1);
    object.insert(tag.to_string(), value);
    Value::Object(object)
}

/// The attribute's type tag, for messages.
fn tag_of(value: &Value) -> String {
    match value {
        Value::Object(object) if object.len() == 1 => object.keys().next().cloned().unwrap_or_default(),
        Value::Object(object) if object.is_empty() => "an empty object".into(),
        Value::Object(_) => "an object with several type tags".into(),
        other => format!("JSON {other}, not an attribute value"),
    }
}

fn child_field(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn child_index(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

// --- Serializing -------------------------------------------------------------------------

struct AttributeSerializer {
    path: String,
}

fn number(text: String) -> Result<Value, ItemError> {
    Ok(tagged("N", Value::String(text)))
}

fn float(value: f64) -> Result<Value, ItemError> {
    // serde_json's shortest round-trip form (`0.1`, `1e+300`), which DynamoDB reads.
    match serde_json::Number::from_f64(value) {
        Some(number) => self::number(number.to_string()),
        None => Err(ItemError::new(format!("{value} is not a number DynamoDB can store"))),
    }
}

impl ser::Serializer for AttributeSerializer {
    type Ok = Value;
    type Error = ItemError;
    type SerializeSeq = ListSerializer;
    type SerializeTuple = ListSerializer;
    type SerializeTupleStruct = ListSerializer;
    type SerializeTupleVariant = ListSerializer;
    type SerializeMap = MapSerializer;
    type SerializeStruct = MapSerializer;
    type SerializeStructVariant = MapSerializer;

    fn serialize_bool(self, v: bool) -> Result<Value, ItemError> {
        Ok(tagged("BOOL", Value::Bool(v)))
    }
    fn serialize_i8(self, v: i8) -> Result<Value, ItemError> {
        number(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<Value, ItemError> {
        number(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<Value, ItemError> {
        number(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<Value, ItemError> {
        number(v.to_string())
    }
    fn serialize_i128(self, v: i128) -> Result<Value, ItemError> {
        number(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<Value, ItemError> {
        number(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<Value, ItemError> {
        number(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<Value, ItemError> {
        number(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<Value, ItemError> {
        number(v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Result<Value, ItemError> {
        number(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<Value, ItemError> {
        // Through its shortest decimal, so 0.1f32 is "0.1", not 0.10000000149011612.
        match v.to_string().parse::<f64>() {
            Ok(wide) if v.is_finite() => float(wide),
            _ => float(f64::from(v)),
        }
    }
    fn serialize_f64(self, v: f64) -> Result<Value, ItemError> {
        float(v)
    }
    fn serialize_char(self, v: char) -> Result<Value, ItemError> {
        Ok(tagged("S", Value::String(v.to_string())))
    }
    fn serialize_str(self, v: &str) -> Result<Value, ItemError> {
        Ok(tagged("S", Value::String(v.to_string())))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value, ItemError> {
        Ok(tagged("B", Value::String(Blob::from(v).to_base64())))
    }
    fn serialize_none(self) -> Result<Value, ItemError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value, ItemError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value, ItemError> {
        Ok(tagged("NULL", Value::Bool(true)))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value, ItemError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<Value, ItemError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<Value, ItemError> {
        if name != set::MARKER {
            return value.serialize(self);
        }
        let path = self.path.clone();
        let list = value.serialize(self)?;
        to_set(list).map_err(|e| e.at(&path))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _name: &'static str, _index: u32, variant: &'static str, value: &T) -> Result<Value, ItemError> {
        let path = child_field(&self.path, variant);
        let inner = value.serialize(AttributeSerializer { path: path.clone() }).map_err(|e| e.at(&path))?;
        Ok(tagged("M", tagged(variant, inner)))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<ListSerializer, ItemError> {
        Ok(ListSerializer { path: self.path, items: Vec::with_capacity(len.unwrap_or(0)), variant: None })
    }
    fn serialize_tuple(self, len: usize) -> Result<ListSerializer, ItemError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<ListSerializer, ItemError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _name: &'static str, _index: u32, variant: &'static str, len: usize) -> Result<ListSerializer, ItemError> {
        let path = child_field(&self.path, variant);
        Ok(ListSerializer { path, items: Vec::with_capacity(len), variant: Some(variant) })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapSerializer, ItemError> {
        Ok(MapSerializer { path: self.path, map: Map::new(), key: None, variant: None })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<MapSerializer, ItemError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(self, _name: &'static str, _index: u32, variant: &'static str, _len: usize) -> Result<MapSerializer, ItemError> {
        let path = child_field(&self.path, variant);
        Ok(MapSerializer { path, map: Map::new(), key: None, variant: Some(variant) })
    }
}

/// An `L` of all-`S`, all-`N` or all-`B` values as an `SS`, `NS` or `BS`.
fn to_set(list: Value) -> Result<Value, ItemError> {
    let Some(Value::Array(items)) = list.as_object().and_then(|o| o.get("L")).cloned() else {
        return Err(ItemError::new(format!("a set is a collection, not {}", tag_of(&list))));
    };
    let mut kind: Option<String> = None;
    let mut elements = Vec::with_capacity(items.len());
    for item in items {
        let tag = tag_of(&item);
        if !matches!(tag.as_str(), "S" | "N" | "B") {
            return Err(ItemError::new(format!("a set holds strings, numbers or bytes, not {tag}")));
        }
        if kind.as_ref().is_some_and(|k| *k != tag) {
            return Err(ItemError::new(format!("a set holds one type: {} and {tag}", kind.unwrap_or_default())));
        }
        if let Value::Object(mut object) = item {
            elements.push(object.remove(&tag).unwrap_or(Value::Null));
        }
        kind = Some(tag);
    }
    match kind {
        Some(kind) => Ok(tagged(&format!("{kind}S"), Value::Array(elements))),
        None => Err(ItemError::new("DynamoDB has no empty sets: leave the attribute out (skip_serializing_if)")),
    }
}

struct ListSerializer {
    path: String,
    items: Vec<Value>,
    /// A tuple variant: the list goes under `{"M": {variant: …}}`.
    variant: Option<&'static str>,
}

impl ListSerializer {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ItemError> {
        let path = child_index(&self.path, self.items.len());
        let item = value.serialize(AttributeSerializer { path: path.clone() }).map_err(|e| e.at(&path))?;
        self.items.push(item);
        Ok(())
    }

    fn finish(self) -> Result<Value, ItemError> {
        let list = tagged("L", Value::Array(self.items));
        Ok(match self.variant {
            Some(variant) => tagged("M", tagged(variant, list)),
            None => list,
        })
    }
}

impl ser::SerializeSeq for ListSerializer {
    type Ok = Value;
    type Error = ItemError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ItemError> {
        self.push(value)
    }
    fn end(self) -> Result<Value, ItemError> {
        self.finish()
    }
}

impl ser::SerializeTuple for ListSerializer {
    type Ok = Value;
    type Error = ItemError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ItemError> {
        self.push(value)
    }
    fn end(self) -> Result<Value, ItemError> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for ListSerializer {
    type Ok = Value;
    type Error = ItemError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ItemError> {
        self.push(value)
    }
    fn end(self) -> Result<Value, ItemError> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for ListSerializer {
    type Ok = Value;
    type Error = ItemError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ItemError> {
        self.push(value)
    }
    fn end(self) -> Result<Value, ItemError> {
        self.finish()
    }
}

struct MapSerializer {
    path: String,
    map: Map<String, Value>,
    key: Option<String>,
    /// A struct variant: the map goes under `{"M": {variant: …}}`.
    variant: Option<&'static str>,
}

impl MapSerializer {
    fn insert<T: Serialize + ?Sized>(&mut self, key: String, value: &T) -> Result<(), ItemError> {
        let path = child_field(&self.path, &key);
        let value = value.serialize(AttributeSerializer { path: path.clone() }).map_err(|e| e.at(&path))?;
        self.map.insert(key, value);
        Ok(())
    }

    fn finish(self) -> Result<Value, ItemError> {
        let map = tagged("M", Value::Object(self.map));
        Ok(match self.variant {
            Some(variant) => tagged("M", tagged(variant, map)),
            None => map,
        })
    }
}

impl ser::SerializeMap for MapSerializer {
    type Ok = Value;
    type Error = ItemError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ItemError> {
        // Keys are attribute names: strings, or numbers and chars written as strings.
        let key = match key.serialize(AttributeSerializer { path: self.path.clone() })? {
            Value::Object(mut object) => match (object.remove("S"), object.remove("N")) {
                (Some(Value::String(s)), _) | (_, Some(Value::String(s))) => s,
                _ => return Err(ItemError::new("a map key is a string or a number").at(&self.path)),
            },
            _ => return Err(ItemError::new("a map key is a string or a number").at(&self.path)),
        };
        self.key = Some(key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ItemError> {
        let key = self.key.take().ok_or_else(|| ItemError::new("a map value without its key"))?;
        self.insert(key, value)
    }
    fn end(self) -> Result<Value, ItemError> {
        self.finish()
    }
}

impl ser::SerializeStruct for MapSerializer {
    type Ok = Value;
    type Error = ItemError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), ItemError> {
        self.insert(key.to_string(), value)
    }
    fn end(self) -> Result<Value, ItemError> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for MapSerializer {
    type Ok = Value;
    type Error = ItemError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), ItemError> {
        self.insert(key.to_string(), value)
    }
    fn end(self) -> Result<Value, ItemError> {
        self.finish()
    }
}

// --- Deserializing -----------------------------------------------------------------------

/// One attribute value's wire JSON and its path.
struct AttributeDeserializer {
    value: Value,
    path: String,
}

impl AttributeDeserializer {
    /// The type tag and its content: `("N", "1")`.
    fn split(self) -> Result<(String, Value, String), ItemError> {
        match self.value {
            Value::Object(object) if object.len() == 1 => {
                let (tag, content) = object.into_iter().next().unwrap_or_default();
                Ok((tag, content, self.path))
            }
            other => Err(ItemError::new(format!("expected an attribute value, found {}", tag_of(&other)))),
        }
    }

    /// The `N` content, or an error naming what was found instead.
    fn number_text(self) -> Result<String, ItemError> {
        match self.split()? {
            (tag, Value::String(text), _) if tag == "N" => Ok(text),
            (tag, _, _) => Err(ItemError::new(format!("expected a number, found {tag}"))),
        }
    }
}

fn wrong(tag: &str, content: &Value) -> ItemError {
    ItemError::new(format!("{tag} holds {content}, not its type"))
}

/// `deserialize_<int>`: the `N` string parsed as that type, with a range error.
macro_rules! number {
    ($($method:ident $visit:ident $ty:ty,)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ItemError> {
            let text = self.number_text()?;
            match text.trim().parse::<$ty>() {
                Ok(n) => visitor.$visit(n),
                Err(_) => Err(ItemError::new(format!("{text} is not a {}", stringify!($ty)))),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for AttributeDeserializer {
    type Error = ItemError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ItemError> {
        let (tag, content, path) = self.split()?;
        match (tag.as_str(), content) {
            ("S", Value::String(s)) => visitor.visit_string(s),
            ("N", Value::String(text)) => {
                if let Ok(n) = text.parse::<i64>() {
                    visitor.visit_i64(n)
                } else if let Ok(n) = text.parse::<u64>() {
                    visitor.visit_u64(n)
                } else if let Ok(n) = text.parse::<f64>() {
                    visitor.visit_f64(n)
                } else {
                    Err(ItemError::new(format!("{text:?} is not a number")))
                }
            }
            ("B", Value::String(text)) => match Blob::from_base64(&text) {
                Ok(blob) => visitor.visit_byte_buf(blob.into_inner()),
                Err(e) => Err(ItemError::new(format!("B is not base64: {e}"))),
            },
            ("BOOL", Value::Bool(b)) => visitor.visit_bool(b),
            ("NULL", _) => visitor.visit_unit(),
            ("L", Value::Array(items)) => visitor.visit_seq(ListAccess::new(items, None, path)),
            ("SS", Value::Array(items)) => visitor.visit_seq(ListAccess::new(items, Some("S"), path)),
            ("NS", Value::Array(items)) => visitor.visit_seq(ListAccess::new(items, Some("N"), path)),
            ("BS", Value::Array(items)) => visitor.visit_seq(ListAccess::new(items, Some("B"), path)),
            ("M", Value::Object(map)) => visitor.visit_map(MapAccess { entries: map.into_iter(), value: None, path }),
            (tag @ ("S" | "N" | "B" | "BOOL" | "L" | "SS" | "NS" | "BS" | "M"), content) => Err(wrong(tag, &content)),
            (tag, _) => Err(ItemError::new(format!("unknown attribute type {tag}"))),
        }
    }

    number! {
        deserialize_i8 visit_i8 i8,
        deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64,
        deserialize_i128 visit_i128 i128,
        deserialize_u8 visit_u8 u8,
        deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32,
        deserialize_u64 visit_u64 u64,
        deserialize_u128 visit_u128 u128,
        deserialize_f32 visit_f32 f32,
        deserialize_f64 visit_f64 f64,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ItemError> {
        match &self.value {
            Value::Object(object) if object.len() == 1 && object.contains_key("NULL") => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, ItemError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _name: &'static str, _variants: &'static [&'static str], visitor: V) -> Result<V::Value, ItemError> {
        let (tag, content, path) = self.split()?;
        match (tag.as_str(), content) {
            ("S", Value::String(variant)) => visitor.visit_enum(variant.into_deserializer()),
            ("M", Value::Object(map)) if map.len() == 1 => {
                let (variant, value) = map.into_iter().next().unwrap_or_default();
                let path = child_field(&path, &variant);
                visitor.visit_enum(EnumAccess { variant, value: AttributeDeserializer { value, path } })
            }
            (tag, _) => Err(ItemError::new(format!("expected an enum (S, or M with one key), found {tag}"))),
        }
    }

    serde::forward_to_deserialize_any! {
        bool char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct ListAccess {
    items: std::vec::IntoIter<Value>,
    /// A set's element type: its elements are bare, not tagged.
    element: Option<&'static str>,
    index: usize,
    path: String,
}

impl ListAccess {
    fn new(items: Vec<Value>, element: Option<&'static str>, path: String) -> Self {
        ListAccess { items: items.into_iter(), element, index: 0, path }
    }
}

impl<'de> de::SeqAccess<'de> for ListAccess {
    type Error = ItemError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, ItemError> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let path = child_index(&self.path, self.index);
        self.index += 1;
        let value = match self.element {
            Some(tag) => tagged(tag, item),
            None => item,
        };
        seed.deserialize(AttributeDeserializer { value, path: path.clone() }).map(Some).map_err(|e| e.at(&path))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapAccess {
    entries: serde_json::map::IntoIter,
    value: Option<(Value, String)>,
    path: String,
}

impl<'de> de::MapAccess<'de> for MapAccess {
    type Error = ItemError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, ItemError> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        let path = child_field(&self.path, &key);
        let key = seed.deserialize(de::value::StringDeserializer::<ItemError>::new(key)).map_err(|e| e.at(&path))?;
        self.value = Some((value, path));
        Ok(Some(key))
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ItemError> {
        let (value, path) = self.value.take().ok_or_else(|| ItemError::new("a map value without its key"))?;
        seed.deserialize(AttributeDeserializer { value, path: path.clone() }).map_err(|e| e.at(&path))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct EnumAccess {
    variant: String,
    value: AttributeDeserializer,
}

impl<'de> de::EnumAccess<'de> for EnumAccess {
    type Error = ItemError;
    type Variant = AttributeDeserializer;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, AttributeDeserializer), ItemError> {
        let variant = seed.deserialize(de::value::StringDeserializer::<ItemError>::new(self.variant))?;
        Ok((variant, self.value))
    }
}

impl<'de> de::VariantAccess<'de> for AttributeDeserializer {
    type Error = ItemError;
    fn unit_variant(self) -> Result<(), ItemError> {
        let path = self.path.clone();
        de::Deserialize::deserialize(self).map_err(|e: ItemError| e.at(&path))
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, ItemError> {
        let path = self.path.clone();
        seed.deserialize(self).map_err(|e| e.at(&path))
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, ItemError> {
        let path = self.path.clone();
        de::Deserializer::deserialize_seq(self, visitor).map_err(|e| e.at(&path))
    }
    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], visitor: V) -> Result<V::Value, ItemError> {
        let path = self.path.clone();
        de::Deserializer::deserialize_map(self, visitor).map_err(|e| e.at(&path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};
    use serde_json::json;
    use std::collections::{BTreeMap, BTreeSet};

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    enum Status {
        Open,
        Held(String),
        Shipped { carrier: String, days: u8 },
        Split(u32, u32),
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Line {
        sku: String,
        qty: u32,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    struct Order {
        pk: String,
        total: f64,
        big: i64,
        small: i64,
        unsigned: u64,
        paid: bool,
        note: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        gone: Option<String>,
        lines: Vec<Line>,
        meta: BTreeMap<String, i32>,
        #[serde(with = "set")]
        tags: BTreeSet<String>,
        #[serde(with = "set")]
        sizes: Vec<f64>,
        status: Vec<Status>,
    }

    fn order() -> Order {
        Order {
            pk: "order#1".into(),
            total: 12.5,
            big: i64::MAX,
            small: i64::MIN,
            unsigned: u64::MAX,
            paid: true,
            note: None,
            gone: None,
            lines: vec![Line { sku: "a".into(), qty: 2 }, Line { sku: "b".into(), qty: 1 }],
            meta: BTreeMap::from([("x".into(), -1)]),
            tags: BTreeSet::from(["red".into(), "blue".into()]),
            sizes: vec![0.1, 1e300],
            status: vec![
                Status::Open,
                Status::Held("fraud".into()),
                Status::Shipped { carrier: "ups".into(), days: 3 },
                Status::Split(1, 2),
            ],
        }
    }

    #[test]
    fn an_order_becomes_the_wire_json_and_comes_back() {
        let item = to_item_json(&order()).unwrap();
        assert_eq!(
            Value::Object(item.clone()),
            json!({
                "pk": {"S": "order#1"},
                "total": {"N": "12.5"},
                "big": {"N": "9223372036854775807"},
                "small": {"N": "-9223372036854775808"},
                "unsigned": {"N": "18446744073709551615"},
                "paid": {"BOOL": true},
                "note": {"NULL": true},
                "lines": {"L": [
                    {"M": {"sku": {"S": "a"}, "qty": {"N": "2"}}},
                    {"M": {"sku": {"S": "b"}, "qty": {"N": "1"}}}
                ]},
                "meta": {"M": {"x": {"N": "-1"}}},
                "tags": {"SS": ["blue", "red"]},
                "sizes": {"NS": ["0.1", "1e+300"]},
                "status": {"L": [
                    {"S": "Open"},
                    {"M": {"Held": {"S": "fraud"}}},
                    {"M": {"Shipped": {"M": {"carrier": {"S": "ups"}, "days": {"N": "3"}}}}},
                    {"M": {"Split": {"L": [{"N": "1"}, {"N": "2"}]}}}
                ]}
            })
        );
        assert_eq!(from_item_json::<Order>(item).unwrap(), order());
    }

    #[test]
    fn bytes_and_byte_sets_are_base64() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Doc {
            #[serde(with = "bytes")]
            body: Vec<u8>,
        }
        mod bytes {
            pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(v)
            }
            pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = Vec<u8>;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("bytes")
                    }
                    fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                        Ok(v)
                    }
                }
                d.deserialize_byte_buf(V)
            }
        }
        let item = to_item_json(&Doc { body: b"hello".to_vec() }).unwrap();
        assert_eq!(Value::Object(item.clone()), json!({"body": {"B": "aGVsbG8="}}));
        assert_eq!(from_item_json::<Doc>(item).unwrap().body, b"hello");
        // A BS reads as a sequence of byte buffers.
        let set: Vec<serde_json::Value> = from_attribute_json(json!({"SS": ["a"]})).unwrap();
        assert_eq!(set, [json!("a")]);
        let bad = from_attribute_json::<Vec<u8>>(json!({"B": "!!"})).unwrap_err();
        assert!(bad.message.contains("base64"), "{bad}");
    }

    #[test]
    fn numbers_parse_into_the_type_asked_for_with_range_errors() {
        assert_eq!(from_attribute_json::<u64>(json!({"N": "18446744073709551615"})).unwrap(), u64::MAX);
        assert_eq!(from_attribute_json::<f64>(json!({"N": "-1.5e-3"})).unwrap(), -0.0015);
        assert_eq!(from_attribute_json::<f32>(json!({"N": "0.1"})).unwrap(), 0.1);
        let error = from_attribute_json::<u8>(json!({"N": "256"})).unwrap_err();
        assert_eq!(error.to_string(), "item: 256 is not a u8");
        assert!(from_attribute_json::<i64>(json!({"N": "1.5"})).is_err());
        assert!(to_attribute_json(&f64::NAN).is_err());
        assert_eq!(to_attribute_json(&0.1f32).unwrap(), json!({"N": "0.1"}));
        assert_eq!(to_attribute_json(&u128::MAX).unwrap(), json!({"N": u128::MAX.to_string()}));
    }

    #[test]
    fn errors_name_the_attribute_path() {
        let mut item = to_item_json(&order()).unwrap();
        item["lines"]["L"][1]["M"]["qty"] = json!({"S": "two"});
        let error = from_item_json::<Order>(item.clone()).unwrap_err();
        assert_eq!(error.to_string(), "lines[1].qty: expected a number, found S");
        item.remove("pk");
        item["lines"]["L"][1]["M"]["qty"] = json!({"N": "2"});
        let error = from_item_json::<Order>(item).unwrap_err();
        assert_eq!(error.to_string(), "item: missing field `pk`");
        // A type mismatch serde reports, inside a map.
        let error = from_attribute_json::<BTreeMap<String, bool>>(json!({"M": {"k": {"S": "x"}}})).unwrap_err();
        assert!(error.to_string().starts_with("k: invalid type: string"), "{error}");
        // Sets: empty and mixed ones are errors, with their path.
        #[derive(Serialize)]
        struct Tags {
            #[serde(with = "set")]
            tags: Vec<Value>,
        }
        let error = to_item_json(&Tags { tags: Vec::new() }).unwrap_err();
        assert!(error.to_string().starts_with("tags: DynamoDB has no empty sets"), "{error}");
        let error = to_item_json(&Tags { tags: vec![json!("a"), json!(1)] }).unwrap_err();
        assert_eq!(error.to_string(), "tags: a set holds one type: S and N");
        // Not an item; not an attribute value.
        assert_eq!(to_item_json(&"x").unwrap_err().to_string(), "item: an item is a struct or a map, not S");
        assert!(from_attribute_json::<String>(json!({"S": "x", "N": "1"})).is_err());
        assert!(from_attribute_json::<String>(json!({"Q": "x"})).is_err());
        assert!(from_attribute_json::<String>(json!({"S": 1})).is_err());
    }

    #[test]
    fn options_and_null() {
        assert_eq!(from_attribute_json::<Option<u8>>(json!({"NULL": true})).unwrap(), None);
        assert_eq!(from_attribute_json::<Option<u8>>(json!({"N": "7"})).unwrap(), Some(7));
        assert_eq!(to_attribute_json(&None::<u8>).unwrap(), json!({"NULL": true}));
        from_attribute_json::<()>(json!({"NULL": true})).unwrap();
        // Any attribute reads into free-form JSON.
        let any: Value = from_attribute_json(json!({"M": {"a": {"L": [{"N": "1"}, {"BOOL": false}]}}})).unwrap();
        assert_eq!(any, json!({"a": [1, false]}));
    }
}
