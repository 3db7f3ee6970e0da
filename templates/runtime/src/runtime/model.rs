//! Model structs, written once: the struct, its serde derive and its chained setters.
//!
//! Model structs are `#[non_exhaustive]` (a property the API adds later is a new field, which
//! must not break callers), so they are built with `new` and the `with_*` setters this macro
//! defines, one per field. Each field ends with `=> with_name` (the setter takes anything that
//! converts into the field's type) or, for an optional field, `=> with_name(T)` (the setter takes
//! anything that converts into `T` and stores `Some(value)`). Attributes after the `=>` are put
//! on the setter (`#[deprecated]`):
//!
//! ```
//! sdk_runtime::runtime::model! {
//!     /// A chat message.
//!     #[derive(Default)]
//!     pub struct Message {
//!         /// The text.
//!         body: String => with_body,
//!         /// How urgent it is.
//!         #[serde(skip_serializing_if = "Option::is_none")]
//!         priority: Option<i64> => with_priority(i64),
//!     }
//! }
//!
//! let message = Message::default().with_body("hi").with_priority(2);
//! assert_eq!((message.body.as_str(), message.priority), ("hi", Some(2)));
//! ```
//!
//! The struct derives `Debug`, `Clone`, `PartialEq`, `serde::Serialize` and
//! `serde::Deserialize`, is `#[non_exhaustive]`, and its fields are public.

/// Defines a model struct and its chained `with_*` setters; see the
/// [module documentation](self).
#[doc(hidden)]
#[macro_export]
macro_rules! __model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$field_meta:meta])*
                $field:ident : $ty:ty => $(#[$setter_meta:meta])* $setter:ident $(($inner:ty))?,
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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

pub use __model as model;

#[cfg(test)]
mod tests {
    use super::model;

    model! {
        /// A thing.
        #[derive(Default)]
        pub struct Thing {
            /// Its name.
            #[serde(rename = "Name")]
            name: String => with_name,
            /// Its size.
            #[serde(skip_serializing_if = "Option::is_none")]
            size: Option<i64> => with_size(i64),
            /// A note, or an explicit null.
            #[serde(default, skip_serializing_if = "Option::is_none", with = "crate::runtime::nullable")]
            note: Option<Option<String>> => with_note(Option<String>),
            /// What is inside.
            #[serde(skip_serializing_if = "Option::is_none")]
            r#type: Option<Box<Thing>> => with_type(Box<Thing>),
            /// Old.
            #[deprecated]
            #[serde(skip_serializing_if = "Option::is_none")]
            old: Option<bool> => #[deprecated] with_old(bool),
        }
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
    fn the_struct_serializes_with_its_attributes() {
        let thing = Thing::default().with_name("a").with_note(None);
        let json = serde_json::to_value(&thing).unwrap();
        assert_eq!(json, serde_json::json!({"Name": "a", "note": null}));
        let back: Thing = serde_json::from_value(serde_json::json!({"Name": "b"})).unwrap();
        assert_eq!((back.name.as_str(), back.size, back.note), ("b", None, None));
    }
}
