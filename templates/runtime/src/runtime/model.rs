//! Model structs, written once: the struct, its serde impls and its chained setters.
//!
//! Every field of a generated model is one line of `model!`: its JSON name, its Rust name and
//! type, how absence and `null` are treated, and its setter.
//!
//! ```
//! sdk_runtime::runtime::model! {
//!     /// A chat message.
//!     #[derive(Default)]
//!     pub struct Message {
//!         /// The text.
//!         "body" body: String = req => with_body,
//!         /// How urgent it is.
//!         "priorityLevel" priority: Option<i64> = opt => with_priority(i64),
//!         /// When it was sent.
//!         "sentAt" sent_at: Option<sdk_runtime::types::DateTime> = opt date
//!             => with_sent_at(sdk_runtime::types::DateTime),
//!     }
//! }
//!
//! let message = Message::default().with_body("hi").with_priority(2);
//! assert_eq!((message.body.as_str(), message.priority), ("hi", Some(2)));
//! let json = serde_json::to_string(&message)?;
//! assert_eq!(json, r#"{"body":"hi","priorityLevel":2}"#);
//! let back: Message = serde_json::from_str(r#"{"body":"hi","sentAt":"2024-05-01T12:30:00"}"#)?;
//! assert_eq!(back.sent_at.map(|t| t.to_rfc3339()).as_deref(), Some("2024-05-01T12:30:00+00:00"));
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! The presence of a field is one of:
//!
//! | presence | Rust type | absent | `null` | written |
//! | --- | --- | --- | --- | --- |
//! | `req` | `T` | an error | what `T` makes of it | always |
//! | `nul` (required, nullable) | `Option<T>` | `None` | `None` | always, `None` as `null` |
//! | `opt` | `Option<T>` | `None` | `None` | when `Some` |
//! | `nullable` (optional, nullable) | `Option<Option<T>>` | `None` | `Some(None)` | when `Some`, `Some(None)` as `null` |
//!
//! `date` after the presence reads a `DateTime` (or `Option<DateTime>`) leniently, with
//! [`parse_date_time`](crate::runtime::types::parse_date_time). Properties the struct does not
//! know are skipped, and a repeated property keeps its last value. The setter takes anything
//! that converts into the field's type, or, with `(T)` after its name, into `T`, and stores
//! `Some(value)`. Attributes after the `=>` are put on the setter (`#[deprecated]`).
//!
//! The struct derives `Debug`, `Clone` and `PartialEq`, is `#[non_exhaustive]`, and its fields
//! are public. Its serde impls are written here rather than derived: they do the same for JSON
//! objects in a fraction of the code, which is most of what a large API's crate costs to
//! compile (a JSON array is not read as a struct, as serde's derive would).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// Defines a model struct, its serde impls and its chained `with_*` setters; see the
/// [module documentation](self).
#[doc(hidden)]
#[macro_export]
macro_rules! __model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$field_meta:meta])*
                $wire:literal $field:ident : $ty:ty = $presence:ident $($date:ident)?
                    => $(#[$setter_meta:meta])* $setter:ident $(($inner:ty))?,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[$field_meta])*
                pub $field: $ty,
            )*
        }

        #[allow(deprecated, reason = "setters of deprecated fields are deprecated themselves")]
        impl $name {
            $( $crate::__setter!($(#[$setter_meta])* $setter $field [$ty] $(($inner))?); )*
        }

        #[allow(deprecated, reason = "deprecated fields are still sent")]
        impl ::serde::Serialize for $name {
            fn serialize<__S: ::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::std::result::Result<__S::Ok, __S::Error> {
                use ::serde::ser::SerializeMap as _;
                #[allow(unused_imports, reason = "not every struct has optional fields")]
                use ::std::option::Option::{None as __None, Some as __Some};
                use ::std::result::Result::{Err as __Err, Ok as __Ok};
                #[allow(unused_mut, reason = "a struct without fields writes none")]
                let mut map = match serializer.serialize_map(__None) {
                    __Ok(map) => map,
                    __Err(error) => return __Err(error),
                };
                $( $crate::__write_field!(map $presence $wire &self.$field); )*
                map.end()
            }
        }

        #[allow(deprecated, reason = "deprecated fields are still read")]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                struct __ModelVisitor;
                impl<'de> ::serde::de::Visitor<'de> for __ModelVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(::std::concat!("struct ", ::std::stringify!($name)))
                    }
                    fn visit_map<__A: ::serde::de::MapAccess<'de>>(
                        self,
                        mut map: __A,
                    ) -> ::std::result::Result<$name, __A::Error> {
                        #[allow(unused_imports, reason = "not every struct has required fields")]
                        use ::std::option::Option::{None as __None, Some as __Some};
                        use ::std::result::Result::{Err as __Err, Ok as __Ok};
                        $( let mut $field: ::std::option::Option<$ty> = __None; )*
                        loop {
                            let key = match map.next_key::<$crate::runtime::model::Key<'de>>() {
                                __Ok(__Some(key)) => key,
                                __Ok(__None) => break,
                                __Err(error) => return __Err(error),
                            };
                            match key.as_str() {
                                $( $wire => $field = __Some($crate::__read_field!(map $presence $($date)? $ty)), )*
                                _ => {
                                    if let __Err(error) = map.next_value::<::serde::de::IgnoredAny>() {
                                        return __Err(error);
                                    }
                                }
                            }
                        }
                        __Ok($name {
                            $( $field: $crate::__finish_field!(__A $presence $wire $field), )*
                        })
                    }
                }
                deserializer.deserialize_map(__ModelVisitor)
            }
        }
    };
}

/// One setter of [`model!`](crate::runtime::model).
#[doc(hidden)]
#[macro_export]
macro_rules! __setter {
    ($(#[$meta:meta])* $setter:ident $field:ident [$ty:ty] ($inner:ty)) => {
        $(#[$meta])*
        #[doc = concat!("Sets `", stringify!($field), "` (to `Some(value)`).")]
        pub fn $setter(mut self, value: impl ::std::convert::Into<$inner>) -> Self {
            self.$field = ::std::option::Option::Some(value.into());
            self
        }
    };
    ($(#[$meta:meta])* $setter:ident $field:ident [$ty:ty]) => {
        $(#[$meta])*
        #[doc = concat!("Sets `", stringify!($field), "`.")]
        pub fn $setter(mut self, value: impl ::std::convert::Into<$ty>) -> Self {
            self.$field = value.into();
            self
        }
    };
}

// The helpers below expand inside the serde impls of `model!`, where `__Some`, `__None`,
// `__Ok` and `__Err` name the variants (names no model can have). Errors are returned with a
// `match` rather than `?`: in a crate of thousands of models, the conversions `?` makes are a
// large part of what the compiler checks.

/// Writes one field of [`model!`](crate::runtime::model): always, or only when `Some`.
#[doc(hidden)]
#[macro_export]
macro_rules! __write_field {
    ($map:ident opt $wire:literal $value:expr) => {
        if let __Some(value) = $value {
            if let __Err(error) = $map.serialize_entry($wire, value) {
                return __Err(error);
            }
        }
    };
    ($map:ident nullable $wire:literal $value:expr) => {
        $crate::__write_field!($map opt $wire $value)
    };
    ($map:ident $presence:ident $wire:literal $value:expr) => {
        if let __Err(error) = $map.serialize_entry($wire, $value) {
            return __Err(error);
        }
    };
}

/// Reads the value of one field of [`model!`](crate::runtime::model).
#[doc(hidden)]
#[macro_export]
macro_rules! __read_field {
    ($map:ident nullable $ty:ty) => {
        match $map.next_value::<$crate::runtime::model::Nullable<$ty>>() {
            __Ok(value) => value.0,
            __Err(error) => return __Err(error),
        }
    };
    ($map:ident $presence:ident date $ty:ty) => {
        match $map.next_value::<$crate::runtime::types::Lenient<$ty>>() {
            __Ok(value) => value.0,
            __Err(error) => return __Err(error),
        }
    };
    ($map:ident $presence:ident $ty:ty) => {
        match $map.next_value::<$ty>() {
            __Ok(value) => value,
            __Err(error) => return __Err(error),
        }
    };
}

/// The value of one field of [`model!`](crate::runtime::model) once the object is read:
/// what was read, or, when the property was absent, an error (`req`) or `None`.
#[doc(hidden)]
#[macro_export]
macro_rules! __finish_field {
    ($access:ident req $wire:literal $slot:ident) => {
        match $slot {
            __Some(value) => value,
            __None => {
                return __Err(<$access::Error as ::serde::de::Error>::missing_field($wire));
            }
        }
    };
    ($access:ident $presence:ident $wire:literal $slot:ident) => {
        $slot.unwrap_or_default()
    };
}

pub use __model as model;

/// A property name as the deserializer has it: borrowed from the input when it can be,
/// copied when it holds escapes.
#[doc(hidden)]
#[derive(Debug)]
pub enum Key<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Unescaped into a string of its own.
    Owned(String),
}

impl Key<'_> {
    /// The name.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(name) => name,
            Key::Owned(name) => name,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(name))
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(name.to_owned()))
            }
            fn visit_string<E: de::Error>(self, name: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(name))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads an optional, nullable field (`Option<Option<T>>`) that is present: `null` is
/// `Some(None)`, a value `Some(Some(value))`.
#[doc(hidden)]
#[derive(Debug)]
pub struct Nullable<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<Option<Option<T>>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(|value| Nullable(Some(value)))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::model;
    use crate::types::DateTime;

    model! {
        /// A thing.
        #[derive(Default)]
        pub struct Thing {
            /// Its name.
            "Name" name: String = req => with_name,
            /// Its size.
            "size" size: Option<i64> = opt => with_size(i64),
            /// A note, or an explicit null.
            "note" note: Option<Option<String>> = nullable => with_note(Option<String>),
            /// Always sent, `null` when unknown.
            "owner" owner: Option<String> = nul => with_owner,
            /// What is inside.
            "type" r#type: Option<Box<Thing>> = opt => with_type(Box<Thing>),
            /// When.
            "at" at: Option<DateTime> = opt date => with_at(DateTime),
            /// Old.
            #[deprecated]
            "old" old: Option<bool> = opt => #[deprecated] with_old(bool),
        }
    }

    model! {
        /// Nothing but a required date-time.
        pub struct Stamp {
            /// When.
            "at" at: DateTime = req date => with_at,
        }
    }

    model! {
        /// A model whose name is the name of a type parameter in the macro's impls.
        pub struct A {
            /// Any.
            "s" s: Option<String> = opt => with_s(String),
        }
    }

    model! {
        /// No properties at all.
        #[derive(Default)]
        pub struct Empty {}
    }

    #[test]
    #[allow(deprecated, reason = "the deprecated setter is under test too")]
    fn setters_convert_and_wrap() {
        let inner = Thing::default().with_name("inner");
        let thing = Thing::default()
            .with_name("a")
            .with_size(3)
            .with_note(None)
            .with_type(inner)
            .with_old(true);
        assert_eq!(thing.name, "a");
        assert_eq!(thing.size, Some(3));
        assert_eq!(thing.note, Some(None), "an explicit null");
        assert_eq!(thing.r#type.map(|t| t.name), Some("inner".to_owned()));
        assert_eq!(thing.old, Some(true));
    }

    #[test]
    fn presence_decides_what_is_written() {
        let table = [
            (Thing::default(), json!({"Name": "", "owner": null})),
            (
                Thing::default()
                    .with_name("a")
                    .with_note(None)
                    .with_owner("me".to_owned()),
                json!({"Name": "a", "note": null, "owner": "me"}),
            ),
            (
                Thing::default()
                    .with_note(Some("n".to_owned()))
                    .with_size(2),
                json!({"Name": "", "size": 2, "note": "n", "owner": null}),
            ),
        ];
        for (thing, want) in table {
            assert_eq!(serde_json::to_value(&thing).unwrap(), want, "{thing:?}");
        }
        let nested = Thing::default().with_type(Thing::default().with_name("in"));
        assert_eq!(
            serde_json::to_string(&nested).unwrap(),
            r#"{"Name":"","owner":null,"type":{"Name":"in","owner":null}}"#,
            "properties in declaration order"
        );
    }

    #[test]
    fn presence_decides_what_absent_and_null_read_as() {
        let read = |json: serde_json::Value| serde_json::from_value::<Thing>(json);
        let thing = read(json!({"Name": "a"})).unwrap();
        assert_eq!(
            (thing.size, thing.note, thing.owner),
            (None, None, None),
            "absent"
        );
        let thing = read(json!({"Name": "a", "size": null, "note": null, "owner": null})).unwrap();
        assert_eq!(
            (thing.size, thing.note, thing.owner),
            (None, Some(None), None),
            "null"
        );
        let thing = read(json!({"Name": "a", "note": "x", "owner": "o"})).unwrap();
        assert_eq!(
            (thing.note, thing.owner),
            (Some(Some("x".to_owned())), Some("o".to_owned()))
        );
        let missing = read(json!({"size": 1})).unwrap_err().to_string();
        assert_eq!(missing, "missing field `Name`");
        let wrong = read(json!({"Name": 5})).unwrap_err().to_string();
        assert!(wrong.contains("invalid type: integer `5`"), "{wrong}");
        let not_an_object = read(json!(["a"])).unwrap_err().to_string();
        assert!(
            not_an_object.contains("expected struct Thing"),
            "{not_an_object}"
        );
    }

    #[test]
    fn unknown_repeated_and_escaped_properties() {
        let thing: Thing = serde_json::from_str(
            r#"{"Name": "a", "extra": {"deep": [1, {"x": null}]}, "size": 1, "size": 2, "N\u0061me": "b"}"#,
        )
        .unwrap();
        assert_eq!((thing.name.as_str(), thing.size), ("b", Some(2)));
        // From a reader, every key is copied rather than borrowed.
        let from_reader: Thing = serde_json::from_reader(&br#"{"Name": "r"}"#[..]).unwrap();
        assert_eq!(from_reader.name, "r");
    }

    #[test]
    fn date_times_are_read_leniently_and_written_as_chrono_does() {
        let stamp: Stamp = serde_json::from_value(json!({"at": "2024-05-01T12:30:00"})).unwrap();
        assert_eq!(stamp.at.to_rfc3339(), "2024-05-01T12:30:00+00:00");
        assert_eq!(
            serde_json::to_value(&stamp).unwrap(),
            json!({"at": "2024-05-01T12:30:00Z"})
        );
        let thing: Thing = serde_json::from_value(json!({"Name": "", "at": null})).unwrap();
        assert_eq!(thing.at, None);
        let at = stamp.at;
        assert_eq!(Thing::default().with_at(at).at, Some(at));
        assert_eq!(Stamp { at }.with_at(at).at, at);
        let thing: Thing =
            serde_json::from_value(json!({"Name": "", "at": "2024-05-01T14:30:00+02:00"})).unwrap();
        assert_eq!(
            thing.at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-05-01T12:30:00+00:00")
        );
        let error = serde_json::from_value::<Stamp>(json!({"at": "later"})).unwrap_err();
        assert!(
            error.to_string().contains("`later` is not a date-time"),
            "{error}"
        );
    }

    #[test]
    fn a_model_may_be_called_like_a_type_parameter() {
        let a: A = serde_json::from_value(json!({"s": "x"})).unwrap();
        assert_eq!(
            serde_json::to_value(a.with_s("y")).unwrap(),
            json!({"s": "y"})
        );
    }

    #[test]
    fn an_empty_struct_reads_any_object_and_writes_an_empty_one() {
        let empty: Empty = serde_json::from_value(json!({"a": 1})).unwrap();
        assert_eq!(serde_json::to_value(&empty).unwrap(), json!({}));
    }
}
