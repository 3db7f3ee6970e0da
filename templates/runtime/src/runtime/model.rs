//! Chained setters for model structs, written once.
//!
//! Model structs are `#[non_exhaustive]` (a property the API adds later is a new field, which
//! must not break callers), so they are built with `new` and the `with_*` setters this macro
//! defines, one per field:
//!
//! ```
//! #[derive(Debug, Default)]
//! #[non_exhaustive]
//! pub struct Message {
//!     pub body: String,
//!     pub priority: Option<i64>,
//! }
//!
//! sdk_runtime::runtime::setters! {
//!     Message {
//!         with_body: body = req String;
//!         with_priority: priority = opt i64;
//!     }
//! }
//!
//! let message = Message::default().with_body("hi").with_priority(2);
//! assert_eq!((message.body.as_str(), message.priority), ("hi", Some(2)));
//! ```
//!
//! `req T` sets the field to the value, `opt T` to `Some(value)`; both take anything that
//! converts into `T`. Attributes before a setter (`#[deprecated]`) are put on it.

/// Defines chained `with_*` setters on a model struct; see the [module documentation](self).
#[doc(hidden)]
#[macro_export]
macro_rules! __setters {
    (
        $name:ident {
            $( $(#[$meta:meta])* $setter:ident : $field:ident = $kind:ident $ty:ty; )*
        }
    ) => {
        #[allow(deprecated, reason = "setters of deprecated fields are deprecated themselves")]
        impl $name {
            $( $crate::__setter!($(#[$meta])* $setter $field $kind $ty); )*
        }
    };
}

/// One setter of [`setters!`](crate::runtime::setters).
#[doc(hidden)]
#[macro_export]
macro_rules! __setter {
    ($(#[$meta:meta])* $setter:ident $field:ident opt $ty:ty) => {
        $(#[$meta])*
        #[doc = concat!("Sets `", stringify!($field), "` (to `Some(value)`).")]
        pub fn $setter(mut self, value: impl ::std::convert::Into<$ty>) -> Self {
            self.$field = ::std::option::Option::Some(value.into());
            self
        }
    };
    ($(#[$meta:meta])* $setter:ident $field:ident req $ty:ty) => {
        $(#[$meta])*
        #[doc = concat!("Sets `", stringify!($field), "`.")]
        pub fn $setter(mut self, value: impl ::std::convert::Into<$ty>) -> Self {
            self.$field = value.into();
            self
        }
    };
}

pub use __setters as setters;

#[cfg(test)]
mod tests {
    use super::setters;

    #[derive(Debug, Default, PartialEq)]
    struct Thing {
        name: String,
        size: Option<i64>,
        note: Option<Option<String>>,
        r#type: Option<Box<Thing>>,
        #[deprecated]
        old: Option<bool>,
    }

    setters! {
        Thing {
            with_name: name = req String;
            with_size: size = opt i64;
            with_note: note = opt Option<String>;
            with_type: r#type = opt Box<Thing>;
            #[deprecated]
            with_old: old = opt bool;
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
}
