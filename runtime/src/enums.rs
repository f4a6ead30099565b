//! The traits every generated string enum shares, written once as a macro: each enum has
//! `as_str` (its wire value) and `From<&str>` (a value the docs list, or `Unknown`), and
//! [`impl_wire_enum!`] derives the rest from those two.
//!
//! Equality, hashing and order are those of the wire value, so `Unknown("ACTIVE")` equals
//! `Active`: a value a newer service sends before the crate lists it still compares right
//! once it does.
//!
//! [`impl_wire_enum!`]: crate::impl_wire_enum

/// `PartialEq`, `Eq`, `Hash`, `PartialOrd`, `Ord` (by wire value), `From<String>`,
/// `AsRef<str>`, `Display`, [`ToJson`](crate::ToJson) and [`FromJson`](crate::FromJson)
/// for enums with an inherent `as_str(&self) -> &str`, `From<&str>` and an
/// `Unknown(String)` variant.
#[macro_export]
macro_rules! impl_wire_enum {
    ($($ty:ident),* $(,)?) => {$(
        impl ::core::cmp::PartialEq for $ty {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl ::core::cmp::Eq for $ty {}

        impl ::core::hash::Hash for $ty {
            #[inline]
            fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
                ::core::hash::Hash::hash(self.as_str(), state)
            }
        }

        impl ::core::cmp::PartialOrd for $ty {
            #[inline]
            fn partial_cmp(&self, other: &Self) -> ::core::option::Option<::core::cmp::Ordering> {
                ::core::option::Option::Some(::core::cmp::Ord::cmp(self, other))
            }
        }

        impl ::core::cmp::Ord for $ty {
            #[inline]
            fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                ::core::cmp::Ord::cmp(self.as_str(), other.as_str())
            }
        }

        impl ::core::convert::From<::std::string::String> for $ty {
            /// Keeps the string when the value is unknown, instead of copying it.
            #[inline]
            fn from(value: ::std::string::String) -> Self {
                match $ty::from(value.as_str()) {
                    $ty::Unknown(_) => $ty::Unknown(value),
                    known => known,
                }
            }
        }

        impl ::core::convert::AsRef<str> for $ty {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::json::ToJson for $ty {
            #[inline]
            fn to_json(&self) -> $crate::json::Value {
                $crate::json::Value::String(self.as_str().to_owned())
            }
        }

        impl $crate::json::FromJson for $ty {
            #[inline]
            fn from_json(value: $crate::json::Value) -> ::core::result::Result<Self, $crate::json::JsonError> {
                $crate::json::string(value, stringify!($ty)).map($ty::from)
            }
        }
    )*};
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::json;

    use crate::json::{FromJson, ToJson};

    #[derive(Debug, Clone)]
    enum Status {
        Active,
        Deleting,
        Unknown(String),
    }

    impl Status {
        fn as_str(&self) -> &str {
            match self {
                Status::Active => "ACTIVE",
                Status::Deleting => "DELETING",
                Status::Unknown(value) => value,
            }
        }
    }

    impl From<&str> for Status {
        fn from(value: &str) -> Self {
            match value {
                "ACTIVE" => Status::Active,
                "DELETING" => Status::Deleting,
                other => Status::Unknown(other.to_owned()),
            }
        }
    }

    crate::impl_wire_enum!(Status);

    #[test]
    fn the_wire_value_decides_equality_order_and_text() {
        assert_eq!(Status::Unknown("ACTIVE".into()), Status::Active);
        assert_ne!(Status::Active, Status::Deleting);
        let sorted: Vec<String> =
            BTreeSet::from([Status::Deleting, Status::Unknown("BLOCKED".into()), Status::Active]).iter().map(|s| s.to_string()).collect();
        assert_eq!(sorted, ["ACTIVE", "BLOCKED", "DELETING"]);
        assert!(matches!(Status::from(String::from("DELETING")), Status::Deleting));
        assert_eq!(Status::from(String::from("NEW")).as_ref(), "NEW");
    }

    #[test]
    fn json_is_the_wire_string() {
        assert_eq!(Status::Deleting.to_json(), json!("DELETING"));
        assert!(matches!(Status::from_json(json!("ACTIVE")), Ok(Status::Active)));
        let err = Status::from_json(json!(3)).unwrap_err();
        assert_eq!(err.to_string(), "expected a string (Status), found a number");
    }
}
