//! Enums of values: what every generated enum of strings or integers is, written once.
//!
//! A generated model module says only the enum's name, its documentation and its values (each
//! variant's documentation is its wire value):
//!
//! ```
//! sdk_runtime::runtime::string_enum! {
//!     /// The type of room.
//!     pub enum RoomType {
//!         Adhoc = "adhoc",
//!         OneOnOne = "oneOnOne",
//!     }
//! }
//!
//! assert_eq!(RoomType::from("oneOnOne"), RoomType::OneOnOne);
//! assert_eq!(RoomType::from("broadcast").as_str(), "broadcast");
//! ```
//!
//! The macros give each enum an `Unknown` variant that keeps values this version of the SDK
//! does not know (a response never fails to decode because the service added a value, and the
//! value round-trips), `KNOWN`, the wire value (`as_str` / `value`), conversions from the wire
//! value, `Display`, serde, and the parameter encoding. The enums are `#[non_exhaustive]`, so
//! that a value the API adds later is a new variant without breaking callers' `match`es;
//! equality, hashing and order follow the wire value, so they do not change when a variant is
//! added, and `Unknown("adhoc")` equals `Adhoc`.

/// Defines an enum of string values; see the [module documentation](self).
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// Values this version of the SDK does not know are kept in `Unknown`, so a response
        /// never fails to decode because the service added a value, and the value round-trips.
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$variant_meta])* #[doc = concat!("`", $wire, "`")] $variant, )*
            /// A value not listed in the API description, kept verbatim.
            Unknown(::std::string::String),
        }

        /// What a model read in place holds until the property is read.
        impl $crate::runtime::model::Placeholder for $name {
            fn placeholder() -> Self {
                $name::Unknown(::std::default::Default::default())
            }
        }

        impl $name {
            /// Every value the API description lists.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => $name::$variant,)*
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $($wire => $name::$variant,)*
                    _ => $name::Unknown(value),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok($name::from(value))
            }
        }

        $crate::__wire_value_traits!($name, as_str);

        impl $crate::runtime::ToParam for $name {
            fn to_param(&self) -> ::std::string::String {
                self.as_str().to_owned()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map($name::from)
            }
        }
    };
}

/// Defines an enum of integer values (variants `V1`, `VMinus1`, …); see the
/// [module documentation](self).
#[doc(hidden)]
#[macro_export]
macro_rules! __integer_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        ///
        /// Values this version of the SDK does not know are kept in `Unknown`, so a response
        /// never fails to decode because the service added a value, and the value round-trips.
        #[derive(Debug, Clone, Copy)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$variant_meta])* #[doc = concat!("`", $wire, "`")] $variant, )*
            /// A value not listed in the API description, kept verbatim.
            Unknown(i64),
        }

        /// What a model read in place holds until the property is read.
        impl $crate::runtime::model::Placeholder for $name {
            fn placeholder() -> Self {
                $name::Unknown(::std::default::Default::default())
            }
        }

        impl $name {
            /// Every value the API description lists.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The value as sent on the wire.
            pub fn value(self) -> i64 {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($wire => $name::$variant,)*
                    other => $name::Unknown(other),
                }
            }
        }

        $crate::__wire_value_traits!($name, value);

        impl $crate::runtime::ToParam for $name {
            fn to_param(&self) -> ::std::string::String {
                self.value().to_string()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map($name::from)
            }
        }
    };
}

/// `Display`, equality, hashing and order through the wire value (`$value` is `as_str` or
/// `value`), so that they never change when a variant is added.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_value_traits {
    ($name:ident, $value:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.$value(), f)
            }
        }

        impl ::std::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.$value() == other.$value()
            }
        }

        impl ::std::cmp::Eq for $name {}

        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.$value().hash(state);
            }
        }

        impl ::std::cmp::PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                ::std::option::Option::Some(::std::cmp::Ord::cmp(self, other))
            }
        }

        impl ::std::cmp::Ord for $name {
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                self.$value().cmp(&other.$value())
            }
        }
    };
}

pub use __integer_enum as integer_enum;
pub use __string_enum as string_enum;

#[cfg(test)]
mod tests {
    use super::{integer_enum, string_enum};

    string_enum! {
        /// Kinds.
        pub enum Kind {
            AB = "a-b",
            C = "c",
        }
    }

    integer_enum! {
        /// Levels.
        pub enum Level {
            VMinus1 = -1,
            V10 = 10,
        }
    }

    string_enum! {
        /// No values listed.
        pub enum Nothing {}
    }

    #[test]
    fn string_enums_keep_unknown_values_and_compare_by_wire_value() {
        // (wire, known variant or not)
        let table = [("a-b", Some(Kind::AB)), ("c", Some(Kind::C)), ("d", None)];
        for (wire, known) in table {
            let kind = Kind::from(wire);
            assert_eq!(kind.as_str(), wire);
            assert_eq!(kind.to_string(), wire);
            assert_eq!(wire.parse::<Kind>(), Ok(kind.clone()));
            assert_eq!(Kind::from(wire.to_owned()), kind);
            let json = serde_json::to_string(&kind).expect("serializes");
            assert_eq!(json, format!("{wire:?}"));
            assert_eq!(serde_json::from_str::<Kind>(&json).ok(), Some(kind.clone()));
            match known {
                Some(variant) => assert_eq!(kind, variant),
                None => assert!(matches!(kind, Kind::Unknown(ref v) if v == wire)),
            }
        }
        assert_eq!(Kind::Unknown("c".into()), Kind::C);
        assert!(Kind::AB < Kind::C && Kind::C < Kind::Unknown("d".into()));
        assert_eq!(Kind::KNOWN, [Kind::AB, Kind::C]);
        assert_eq!(Nothing::KNOWN, []);
        assert_eq!(Nothing::from("x").as_str(), "x");
        assert_eq!(crate::runtime::ToParam::to_param(&Kind::AB), "a-b");
    }

    #[test]
    fn integer_enums_keep_unknown_values_and_compare_by_value() {
        let table = [
            (-1, Some(Level::VMinus1)),
            (10, Some(Level::V10)),
            (7, None),
        ];
        for (wire, known) in table {
            let level = Level::from(wire);
            assert_eq!(level.value(), wire);
            assert_eq!(level.to_string(), wire.to_string());
            let json = serde_json::to_string(&level).expect("serializes");
            assert_eq!(json, wire.to_string());
            assert_eq!(serde_json::from_str::<Level>(&json).ok(), Some(level));
            assert_eq!(known.is_some(), !matches!(level, Level::Unknown(_)));
        }
        assert!(Level::VMinus1 < Level::Unknown(7) && Level::Unknown(7) < Level::V10);
        assert_eq!(Level::KNOWN, [Level::VMinus1, Level::V10]);
        assert_eq!(crate::runtime::ToParam::to_param(&Level::V10), "10");
    }
}
