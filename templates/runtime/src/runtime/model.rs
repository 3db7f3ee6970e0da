//! Model structs, written once: the struct, its serde impls and its chained setters.
//!
//! Every field of a generated model is one line of `model!`: its index, JSON name, Rust name
//! and type, how absence and `null` are treated (its *kind*), and its setter with the setter's
//! attributes and argument type. Required fields are listed again after the struct, each with
//! its index, so that reading a struct needs no per-field branching.
//!
//! ```
//! sdk_runtime::runtime::model! {
//!     /// A chat message.
//!     #[derive(Default)]
//!     pub struct Message {
//!         /// The text.
//!         0 "body" "body" body: String = req => #[doc = "Sets `body`."] with_body(String),
//!         /// How urgent it is.
//!         1 "priorityLevel" "priority" priority: Option<i64> = opt
//!             => #[doc = "Sets `priority` (to `Some(value)`)."] with_priority(i64),
//!         /// When it was sent.
//!         2 "sentAt" "sent_at" sent_at: Option<sdk_runtime::types::DateTime> = opt_date
//!             => #[doc = "Sets `sent_at` (to `Some(value)`)."] with_sent_at(sdk_runtime::types::DateTime),
//!     }
//!     required { 0 "body" body }
//!     decode in_place
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
//! The kind of a field is one of:
//!
//! | kind | Rust type | absent | `null` | written | setter stores |
//! | --- | --- | --- | --- | --- | --- |
//! | `req` | `T` | an error | what `T` makes of it | always | the value |
//! | `nul` (required, nullable) | `Option<T>` | `None` | `None` | always, `None` as `null` | the value |
//! | `opt` | `Option<T>` | `None` | `None` | when `Some` | `Some(value)` |
//! | `nullable` (optional, nullable) | `Option<Option<T>>` | `None` | `Some(None)` | when `Some`, `Some(None)` as `null` | `Some(value)` |
//!
//! `req_date`, `nul_date` and `opt_date` are the same for a `DateTime` (or `Option<DateTime>`)
//! read leniently, with [`parse_date_time`](crate::runtime::types::parse_date_time).
//! Properties the struct does not know are skipped, and a repeated property keeps its last
//! value. The setter takes anything that converts into its argument type. Attributes after the
//! `=>` are put on the setter (its rustdoc, `#[deprecated]`).
//!
//! The `decode` clause says how the struct's `Deserialize` reads it:
//!
//! - `in_place` (a struct that derives `Default`): from its `Default`, [`in_place`] reads each
//!   property's value straight into the field it names. The struct's own code is one `match`
//!   arm per field ([`FieldMut::field_mut`]); the rest is one function for every model.
//! - `placeholder` (a struct without `Default`: a required field's type has none, such as an
//!   enum): the same, from a [`Placeholder`] the macro writes (every field's placeholder), that
//!   each required property replaces.
//! - `slots` (a struct with neither: a cycle of required fields, or one through a `Box`): a
//!   local `Option` per field until the map ends, then the struct is built ([`Fields::visit`]).
//!
//! All three read the same values, whatever the order of the properties, and report the same
//! errors (a missing required field: the first in declaration order). Reading in place costs
//! less to compile than slots: on a crate of 4,500 models, `cargo check` spends about a sixth
//! less (building a struct from a local per field is what slots cost), for the same decode
//! speed.
//!
//! The struct derives `Clone` and `PartialEq`, is `#[non_exhaustive]`, and its fields are
//! public. Its `Debug` (which shows the fields by their Rust names, without `r#`) and serde
//! impls are written here rather than derived, and the work that does not
//! depend on the struct is done once, in this module, for all of them: finding a property's
//! field by its JSON name in the struct's table of names ([`next_field`]), skipping unknown
//! ones, the visitor, reporting a missing field, and writing the map ([`Writer`]). What each
//! struct keeps is one line per field in each impl, without a branch of its own, and no
//! associated constant (its tables are literals in the functions that use them): in a crate of
//! thousands of models, that code is most of what the crate costs to compile. A JSON array is
//! not read as a struct, as serde's derive would.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::runtime::types::{DateTime, Lenient};

/// Defines a model struct, its serde impls and its chained `with_*` setters; see the
/// [module documentation](self).
#[doc(hidden)]
#[macro_export]
macro_rules! __model {
    (
        $(#[$meta:meta])*
        pub struct $model:ident {
            $(
                $(#[$field_meta:meta])*
                $index:literal $wire:literal $name:literal $field:ident : $ty:ty = $kind:ident
                    => $(#[$setter_meta:meta])* $setter:ident($arg:ty),
            )*
        }
        $(required { $($req_index:literal $req_wire:literal $req:ident),* $(,)? })?
        decode $decode:ident
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub struct $model {
            $(
                $(#[$field_meta])*
                pub $field: $ty,
            )*
        }

        #[allow(deprecated, reason = "setters of deprecated fields are deprecated themselves")]
        impl $model {
            $(
                $(#[$setter_meta])*
                pub fn $setter(mut self, value: impl ::std::convert::Into<$arg>) -> Self {
                    self.$field = $crate::runtime::model::wrap::$kind(value.into());
                    self
                }
            )*
        }

        impl ::std::fmt::Debug for $model {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::runtime::model::debug(self, ::std::stringify!($model), f)
            }
        }

        impl ::serde::Serialize for $model {
            fn serialize<__S: ::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::std::result::Result<__S::Ok, __S::Error> {
                $crate::runtime::model::serialize(self, serializer)
            }
        }

        #[allow(deprecated, reason = "deprecated fields are still sent and shown")]
        impl $crate::runtime::model::Each for $model {
            #[allow(unused_variables, reason = "a struct without fields has none to visit")]
            fn each<__V: $crate::runtime::model::Visit>(&self, visit: &mut __V) {
                $( visit.$kind($wire, $name, &self.$field); )*
            }
        }

        $crate::__model!(@decode $decode $model
            [$($index $wire $field $kind)*]
            [$($($req_index $req_wire $req)*)?]
        );
    };
    (@decode in_place $model:ident
        [$($index:literal $wire:literal $field:ident $kind:ident)*]
        [$($req_index:literal $req_wire:literal $req:ident)*]
    ) => {
        impl<'de> ::serde::Deserialize<'de> for $model {
            fn deserialize<__D: ::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                $crate::runtime::model::in_place(
                    deserializer,
                    ::std::stringify!($model),
                    &[$($wire),*],
                    &[$($req_index),*],
                )
            }
        }

        #[allow(deprecated, reason = "deprecated fields are still read")]
        impl $crate::runtime::model::FieldMut for $model {
            #[allow(unused_variables, reason = "a struct without fields has none to fill")]
            #[inline]
            fn field_mut<'de, __F: $crate::runtime::model::Fill<'de>>(
                &mut self,
                index: usize,
                fill: &mut __F,
            ) {
                match index {
                    $( $index => fill.$kind(&mut self.$field), )*
                    _ => {}
                }
            }
        }
    };
    (@decode placeholder $model:ident
        [$($index:literal $wire:literal $field:ident $kind:ident)*]
        [$($req_index:literal $req_wire:literal $req:ident)*]
    ) => {
        #[allow(deprecated, reason = "deprecated fields are still read")]
        impl $crate::runtime::model::Placeholder for $model {
            fn placeholder() -> Self {
                $model { $($field: $crate::runtime::model::Placeholder::placeholder()),* }
            }
        }

        $crate::__model!(@decode in_place $model
            [$($index $wire $field $kind)*]
            [$($req_index $req_wire $req)*]
        );
    };
    (@decode slots $model:ident
        [$($index:literal $wire:literal $field:ident $kind:ident)*]
        [$($req_index:literal $req_wire:literal $req:ident)*]
    ) => {
        impl<'de> ::serde::Deserialize<'de> for $model {
            fn deserialize<__D: ::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                $crate::runtime::model::deserialize(deserializer, ::std::stringify!($model))
            }
        }

        #[allow(deprecated, reason = "deprecated fields are still read")]
        impl<'de> $crate::runtime::model::Fields<'de> for $model {
            fn visit<__A: ::serde::de::MapAccess<'de>>(
                mut map: __A,
            ) -> ::std::result::Result<Self, __A::Error> {
                use ::std::option::Option::{None, Some};
                use ::std::result::Result::{Err, Ok};
                $( let mut $field = None; )*
                let mut at = 0;
                loop {
                    let read = match $crate::runtime::model::next_field(&mut map, &[$($wire),*], &mut at) {
                        Ok(Some(index)) => match index {
                            $( $index => $crate::runtime::model::read::$kind(&mut $field, &mut map), )*
                            _ => Ok(()),
                        },
                        Ok(None) => break,
                        Err(error) => Err(error),
                    };
                    read?;
                }
                $(
                    let Some($req) = $req else {
                        return Err(<__A::Error as ::serde::de::Error>::missing_field($req_wire));
                    };
                )*
                Ok($model { $($field),* })
            }
        }
    };
}

pub use __model as model;

/// A model struct's fields, for writing it and showing it: each field's JSON and Rust names,
/// its kind and its value, handed to a [`Visit`] in declaration order. Written by
/// [`model!`](crate::runtime::model).
#[doc(hidden)]
pub trait Each {
    /// Hands every field to `visit`, in declaration order.
    fn each<V: Visit>(&self, visit: &mut V);
}

/// What is done with each field of a model: one method per kind of field, each given the JSON
/// name, the Rust name and the value. [`Writer`] writes them; the `Debug` of models shows them.
#[doc(hidden)]
pub trait Visit {
    /// A required field.
    fn req<T: Serialize + fmt::Debug + ?Sized>(
        &mut self,
        wire: &'static str,
        name: &'static str,
        value: &T,
    );
    /// A required, nullable field.
    fn nul<T: Serialize + fmt::Debug>(
        &mut self,
        wire: &'static str,
        name: &'static str,
        value: &Option<T>,
    );
    /// An optional field.
    fn opt<T: Serialize + fmt::Debug>(
        &mut self,
        wire: &'static str,
        name: &'static str,
        value: &Option<T>,
    );
    /// An optional, nullable field.
    fn nullable<T: Serialize + fmt::Debug>(
        &mut self,
        wire: &'static str,
        name: &'static str,
        value: &Option<Option<T>>,
    );
    /// A required date-time.
    fn req_date<T: Serialize + fmt::Debug>(
        &mut self,
        wire: &'static str,
        name: &'static str,
        value: &T,
    ) {
        self.req(wire, name, value);
    }
    /// A required, nullable date-time.
    fn nul_date<T: Serialize + fmt::Debug>(
        &mut self,
        wire: &'static str,
        name: &'static str,
        value: &Option<T>,
    ) {
        self.nul(wire, name, value);
    }
    /// An optional date-time.
    fn opt_date<T: Serialize + fmt::Debug>(
        &mut self,
        wire: &'static str,
        name: &'static str,
        value: &Option<T>,
    ) {
        self.opt(wire, name, value);
    }
}

/// `Serialize` of a model: a map of its fields ([`Writer`]).
#[doc(hidden)]
pub fn serialize<M: Each, S: Serializer>(model: &M, serializer: S) -> Result<S::Ok, S::Error> {
    let mut writer = Writer::new(serializer);
    model.each(&mut writer);
    writer.end()
}

/// `Debug` of a model called `name`, as `#[derive(Debug)]` shows a struct: its name and every
/// field.
#[doc(hidden)]
pub fn debug<M: Each>(model: &M, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut show = Show(f.debug_struct(name));
    model.each(&mut show);
    show.0.finish()
}

/// Shows each field, whatever its kind.
struct Show<'a, 'b>(fmt::DebugStruct<'a, 'b>);

impl Visit for Show<'_, '_> {
    fn req<T: Serialize + fmt::Debug + ?Sized>(
        &mut self,
        _: &'static str,
        name: &'static str,
        value: &T,
    ) {
        self.0.field(name, &value);
    }
    fn nul<T: Serialize + fmt::Debug>(
        &mut self,
        _: &'static str,
        name: &'static str,
        value: &Option<T>,
    ) {
        self.0.field(name, value);
    }
    fn opt<T: Serialize + fmt::Debug>(
        &mut self,
        _: &'static str,
        name: &'static str,
        value: &Option<T>,
    ) {
        self.0.field(name, value);
    }
    fn nullable<T: Serialize + fmt::Debug>(
        &mut self,
        _: &'static str,
        name: &'static str,
        value: &Option<Option<T>>,
    ) {
        self.0.field(name, value);
    }
}

/// What a model struct's `Deserialize` needs of it when it is read through slots; written by
/// [`model!`](crate::runtime::model) for `decode slots`.
#[doc(hidden)]
pub trait Fields<'de>: Sized {
    /// Reads the struct from a map, finding each property's field with [`next_field`] in the
    /// table of the fields' JSON names (in declaration order: a field's index is its position).
    fn visit<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Deserializes the model called `name` from a map, through [`Fields::visit`].
#[doc(hidden)]
pub fn deserialize<'de, M: Fields<'de>, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
) -> Result<M, D::Error> {
    deserializer.deserialize_map(ModelVisitor(name, PhantomData))
}

struct ModelVisitor<M>(&'static str, PhantomData<fn() -> M>);

impl<'de, M: Fields<'de>> Visitor<'de> for ModelVisitor<M> {
    type Value = M;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", self.0)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<M, A::Error> {
        M::visit(map)
    }
}

/// The index in `wire` of the next property of `map` that names a field, skipping the others
/// (their values are read and dropped); `None` at the end of the map. `at` is where the search
/// starts, and becomes the position after the field found: properties usually come in
/// declaration order, so most lookups compare one name.
#[doc(hidden)]
pub fn next_field<'de, A: MapAccess<'de>>(
    map: &mut A,
    wire: &[&str],
    at: &mut usize,
) -> Result<Option<usize>, A::Error> {
    loop {
        let Some(key) = map.next_key::<Key<'de>>()? else {
            return Ok(None);
        };
        let name = key.as_str();
        let start = (*at).min(wire.len());
        let found = wire[start..]
            .iter()
            .position(|w| *w == name)
            .map(|i| start + i)
            .or_else(|| wire[..start].iter().position(|w| *w == name));
        match found {
            Some(index) => {
                *at = index + 1;
                return Ok(Some(index));
            }
            None => {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
    }
}

/// A model struct's fields, for reading it in place: the field at an index (its position in
/// declaration order) handed to a [`Fill`]. Written by [`model!`](crate::runtime::model) for
/// `decode in_place` and `decode placeholder`.
#[doc(hidden)]
pub trait FieldMut {
    /// Hands the field at `index` to `fill`; nothing when there is none.
    fn field_mut<'de, F: Fill<'de>>(&mut self, index: usize, fill: &mut F);
}

/// What is done with a field's place when a model is read in place: one method per kind of
/// field (the kinds of the [module documentation](self)), each given the field where the value
/// goes.
#[doc(hidden)]
pub trait Fill<'de> {
    /// A required field.
    fn req<T: Deserialize<'de>>(&mut self, place: &mut T);
    /// A required, nullable field: its `Option` read as a whole (`null` is `None`).
    #[inline]
    fn nul<T: Deserialize<'de>>(&mut self, place: &mut Option<T>) {
        self.req(place);
    }
    /// An optional field: the same, once present.
    #[inline]
    fn opt<T: Deserialize<'de>>(&mut self, place: &mut Option<T>) {
        self.req(place);
    }
    /// An optional, nullable field.
    fn nullable<T: Deserialize<'de>>(&mut self, place: &mut Option<Option<T>>);
    /// A required date-time.
    fn req_date(&mut self, place: &mut DateTime);
    /// A required, nullable date-time.
    fn nul_date(&mut self, place: &mut Option<DateTime>);
    /// An optional date-time: read as a required, nullable one, once present.
    #[inline]
    fn opt_date(&mut self, place: &mut Option<DateTime>) {
        self.nul_date(place);
    }
}

/// The value a model read in place starts from, and each of its fields: the type's `Default`;
/// for a type without one, a value that reading replaces (an enum's or a union's `Unknown`, a
/// struct's every field's placeholder), written by the type's macro or template. A required
/// field no property named is reported missing, so a placeholder is never read back.
#[doc(hidden)]
pub trait Placeholder {
    /// The placeholder.
    fn placeholder() -> Self;
}

impl<T: Default> Placeholder for T {
    fn placeholder() -> Self {
        T::default()
    }
}

/// Deserializes the model called `name` in place: from its [`Placeholder`], the value of each
/// property that names a field (its JSON name in `wire`, in declaration order) is read into
/// that field ([`FieldMut::field_mut`]); then the first of the `required` fields (indices in
/// `wire`, in declaration order) that no property named is an error. One function for every
/// model: a model only lists its fields.
#[doc(hidden)]
pub fn in_place<'de, M: Placeholder + FieldMut, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
    wire: &'static [&'static str],
    required: &'static [usize],
) -> Result<M, D::Error> {
    deserializer.deserialize_map(InPlace {
        name,
        wire,
        required,
        model: PhantomData,
    })
}

struct InPlace<M> {
    name: &'static str,
    wire: &'static [&'static str],
    required: &'static [usize],
    model: PhantomData<fn() -> M>,
}

impl<'de, M: Placeholder + FieldMut> Visitor<'de> for InPlace<M> {
    type Value = M;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<M, A::Error> {
        let mut model = M::placeholder();
        let mut reader = Reader { map, error: None };
        let mut seen = Seen::default();
        let mut at = 0;
        while let Some(index) = next_field(&mut reader.map, self.wire, &mut at)? {
            model.field_mut(index, &mut reader);
            if let Some(error) = reader.error.take() {
                return Err(error);
            }
            if !self.required.is_empty() {
                seen.insert(index);
            }
        }
        match self.required.iter().find(|&&index| !seen.contains(index)) {
            Some(&index) => Err(de::Error::missing_field(
                self.wire.get(index).copied().unwrap_or(self.name),
            )),
            None => Ok(model),
        }
    }
}

/// Reads the current property's value into the field it names; an error is kept for
/// [`InPlace`] to return.
struct Reader<'de, A: MapAccess<'de>> {
    map: A,
    error: Option<A::Error>,
}

impl<'de, A: MapAccess<'de>> Reader<'de, A> {
    /// The property's value, or `None` after an error (kept).
    #[inline]
    fn value<V: Deserialize<'de>>(&mut self) -> Option<V> {
        match self.map.next_value() {
            Ok(value) => Some(value),
            Err(error) => {
                self.error = Some(error);
                None
            }
        }
    }
}

impl<'de, A: MapAccess<'de>> Fill<'de> for Reader<'de, A> {
    #[inline]
    fn req<T: Deserialize<'de>>(&mut self, place: &mut T) {
        if let Some(value) = self.value() {
            *place = value;
        }
    }

    #[inline]
    fn nullable<T: Deserialize<'de>>(&mut self, place: &mut Option<Option<T>>) {
        if let Some(value) = self.value() {
            *place = Some(value);
        }
    }

    #[inline]
    fn req_date(&mut self, place: &mut DateTime) {
        if let Some(Lenient(value)) = self.value() {
            *place = value;
        }
    }

    #[inline]
    fn nul_date(&mut self, place: &mut Option<DateTime>) {
        if let Some(Lenient(value)) = self.value::<Lenient<Option<DateTime>>>() {
            *place = value;
        }
    }
}

/// A set of field indices: the first 128 in a word, the rest (rare) in a vector.
#[derive(Default)]
struct Seen {
    low: u128,
    high: Vec<bool>,
}

impl Seen {
    fn insert(&mut self, index: usize) {
        match index.checked_sub(128) {
            None => self.low |= 1 << index,
            Some(high) => {
                if self.high.len() <= high {
                    self.high.resize(high + 1, false);
                }
                if let Some(slot) = self.high.get_mut(high) {
                    *slot = true;
                }
            }
        }
    }

    fn contains(&self, index: usize) -> bool {
        match index.checked_sub(128) {
            None => self.low >> index & 1 == 1,
            Some(high) => self.high.get(high).copied().unwrap_or(false),
        }
    }
}

/// How each kind of field reads its value into its slot, for `decode slots` (an `Option` of
/// what the field holds, `None` while the property has not been seen). A required field's slot
/// is an `Option` the field is not, so `null` must not fill it: these differ from [`Fill`]'s
/// reads, which read what the field holds.
#[doc(hidden)]
pub mod read {
    use serde::Deserialize;
    use serde::de::MapAccess;

    use crate::runtime::types::{DateTime, Lenient};

    /// A required field: the value.
    pub fn req<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
        slot: &mut Option<T>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        *slot = Some(map.next_value()?);
        Ok(())
    }

    /// A required, nullable field: `null` is `None`.
    pub fn nul<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
        slot: &mut Option<T>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        *slot = map.next_value()?;
        Ok(())
    }

    /// An optional field: `null` is `None`, as absence is.
    pub fn opt<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
        slot: &mut Option<T>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        *slot = map.next_value()?;
        Ok(())
    }

    /// An optional, nullable field: `null` is `Some(None)`, a value `Some(Some(value))`.
    pub fn nullable<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
        slot: &mut Option<Option<T>>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        *slot = Some(map.next_value()?);
        Ok(())
    }

    /// A required date-time, read leniently.
    pub fn req_date<'de, A: MapAccess<'de>>(
        slot: &mut Option<DateTime>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        *slot = Some(map.next_value::<Lenient<DateTime>>()?.0);
        Ok(())
    }

    /// A required, nullable date-time, read leniently.
    pub fn nul_date<'de, A: MapAccess<'de>>(
        slot: &mut Option<DateTime>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        *slot = map.next_value::<Lenient<Option<DateTime>>>()?.0;
        Ok(())
    }

    /// An optional date-time, read leniently.
    pub fn opt_date<'de, A: MapAccess<'de>>(
        slot: &mut Option<DateTime>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        *slot = map.next_value::<Lenient<Option<DateTime>>>()?.0;
        Ok(())
    }
}

/// What each kind of field's setter stores: the value itself, or `Some(value)`.
#[doc(hidden)]
pub mod wrap {
    /// A required field: the value.
    pub fn req<T>(value: T) -> T {
        value
    }

    /// A required, nullable field: the value (`None` is `null`).
    pub fn nul<T>(value: T) -> T {
        value
    }

    /// An optional field: `Some(value)`.
    pub fn opt<T>(value: T) -> Option<T> {
        Some(value)
    }

    /// An optional, nullable field: `Some(value)` (`Some(None)` is `null`).
    pub fn nullable<T>(value: T) -> Option<T> {
        Some(value)
    }

    /// A required date-time.
    pub fn req_date<T>(value: T) -> T {
        value
    }

    /// A required, nullable date-time.
    pub fn nul_date<T>(value: T) -> T {
        value
    }

    /// An optional date-time.
    pub fn opt_date<T>(value: T) -> Option<T> {
        Some(value)
    }
}

/// Writes a model as a map, one call per field ([`Visit`]); the first error is kept and the
/// calls after it do nothing, so that a model has no branch per field.
#[doc(hidden)]
pub enum Writer<S: Serializer> {
    /// Writing.
    Map(S::SerializeMap),
    /// Failed; the error is returned by [`Writer::end`].
    Failed(S::Error),
}

impl<S: Serializer> Writer<S> {
    /// Starts the map.
    pub fn new(serializer: S) -> Self {
        match serializer.serialize_map(None) {
            Ok(map) => Writer::Map(map),
            Err(error) => Writer::Failed(error),
        }
    }

    /// Writes one entry, unless an earlier one failed.
    fn entry<T: Serialize + ?Sized>(&mut self, wire: &'static str, value: &T) {
        if let Writer::Map(map) = self
            && let Err(error) = map.serialize_entry(wire, value)
        {
            *self = Writer::Failed(error);
        }
    }

    /// Ends the map, or returns the first error.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        match self {
            Writer::Map(map) => map.end(),
            Writer::Failed(error) => Err(error),
        }
    }
}

impl<S: Serializer> Visit for Writer<S> {
    /// Always written.
    fn req<T: Serialize + fmt::Debug + ?Sized>(
        &mut self,
        wire: &'static str,
        _: &'static str,
        value: &T,
    ) {
        self.entry(wire, value);
    }

    /// Always written, `None` as `null`.
    fn nul<T: Serialize + fmt::Debug>(
        &mut self,
        wire: &'static str,
        _: &'static str,
        value: &Option<T>,
    ) {
        self.entry(wire, value);
    }

    /// Written when `Some`.
    fn opt<T: Serialize + fmt::Debug>(
        &mut self,
        wire: &'static str,
        _: &'static str,
        value: &Option<T>,
    ) {
        if let Some(value) = value {
            self.entry(wire, value);
        }
    }

    /// Written when `Some`, `Some(None)` as `null`.
    fn nullable<T: Serialize + fmt::Debug>(
        &mut self,
        wire: &'static str,
        _: &'static str,
        value: &Option<Option<T>>,
    ) {
        if let Some(value) = value {
            self.entry(wire, value);
        }
    }
}

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

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// The same models and tests for each `decode` clause: `in_place`, `placeholder` and
    /// `slots` must read the same values and report the same errors. The models derive
    /// `Default` except for `placeholder`, as the generator decides (`slots` needs none).
    macro_rules! decoder_tests {
        ($module:ident, $decode:ident $(, #[$derive:meta])?) => {
            mod $module {
                use serde_json::json;

                use crate::runtime::model::{Placeholder, model};
                use crate::types::DateTime;

                /// A model with nothing read into it: its `Default`, or its placeholder.
                fn blank<M: Placeholder>() -> M {
                    M::placeholder()
                }

                model! {
                    /// A thing.
                    $(#[$derive])?
                    pub struct Thing {
                        /// Its name.
                        0 "Name" "name" name: String = req => #[doc = "Sets `name`."] with_name(String),
                        /// Its size.
                        1 "size" "size" size: Option<i64> = opt => #[doc = "Sets `size`."] with_size(i64),
                        /// A note, or an explicit null.
                        2 "note" "note" note: Option<Option<String>> = nullable
                            => #[doc = "Sets `note`."] with_note(Option<String>),
                        /// Always sent, `null` when unknown.
                        3 "owner" "owner" owner: Option<String> = nul => #[doc = "Sets `owner`."] with_owner(Option<String>),
                        /// What is inside.
                        4 "type" "type" r#type: Option<Box<Thing>> = opt => #[doc = "Sets `type`."] with_type(Box<Thing>),
                        /// When.
                        5 "at" "at" at: Option<DateTime> = opt_date => #[doc = "Sets `at`."] with_at(DateTime),
                        /// Old.
                        #[deprecated]
                        6 "old" "old" old: Option<bool> = opt => #[deprecated] #[doc = "Sets `old`."] with_old(bool),
                        /// Required too, after the others.
                        7 "tag" "tag" tag: String = req => #[doc = "Sets `tag`."] with_tag(String),
                    }
                    required { 0 "Name" name, 7 "tag" tag }
                    decode $decode
                }

                model! {
                    /// Nothing but a required date-time.
                    $(#[$derive])?
                    pub struct Stamp {
                        /// When.
                        0 "at" "at" at: DateTime = req_date => #[doc = "Sets `at`."] with_at(DateTime),
                        /// When else, or `null`.
                        1 "until" "until" until: Option<DateTime> = nul_date => #[doc = "Sets `until`."] with_until(Option<DateTime>),
                    }
                    required { 0 "at" at }
                    decode $decode
                }

                model! {
                    /// A model whose name is the name of a type parameter in the macro's impls.
                    $(#[$derive])?
                    pub struct A {
                        /// Any.
                        0 "s" "s" s: Option<String> = opt => #[doc = "Sets `s`."] with_s(String),
                    }
                    decode $decode
                }

                model! {
                    /// No properties at all.
                    $(#[$derive])?
                    pub struct Empty {}
                    decode $decode
                }

                /// What `json` reads as: the `Debug` of the thing, or the error's text.
                pub fn read(json: &str) -> String {
                    match serde_json::from_str::<Thing>(json) {
                        Ok(thing) => format!("{thing:?}"),
                        Err(error) => format!("error: {error}"),
                    }
                }

                #[test]
                #[allow(deprecated, reason = "the deprecated setter is under test too")]
                fn setters_convert_and_wrap() {
                    let inner = blank::<Thing>().with_name("inner");
                    let thing = blank::<Thing>()
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
                    assert_eq!(blank::<Thing>().with_tag("t").tag, "t");
                }

                #[test]
                fn presence_decides_what_is_written() {
                    let table = [
                        (blank::<Thing>(), json!({"Name": "", "owner": null, "tag": ""})),
                        (
                            blank::<Thing>()
                                .with_name("a")
                                .with_note(None)
                                .with_owner("me".to_owned()),
                            json!({"Name": "a", "note": null, "owner": "me", "tag": ""}),
                        ),
                        (
                            blank::<Thing>()
                                .with_note(Some("n".to_owned()))
                                .with_size(2),
                            json!({"Name": "", "size": 2, "note": "n", "owner": null, "tag": ""}),
                        ),
                    ];
                    for (thing, want) in table {
                        assert_eq!(serde_json::to_value(&thing).unwrap(), want, "{thing:?}");
                    }
                    let nested = blank::<Thing>().with_type(blank::<Thing>().with_name("in"));
                    assert_eq!(
                        serde_json::to_string(&nested).unwrap(),
                        r#"{"Name":"","owner":null,"type":{"Name":"in","owner":null,"tag":""},"tag":""}"#,
                        "properties in declaration order"
                    );
                }

                #[test]
                fn presence_decides_what_absent_and_null_read_as() {
                    let read = |json: serde_json::Value| serde_json::from_value::<Thing>(json);
                    let thing = read(json!({"Name": "a", "tag": "t"})).unwrap();
                    assert_eq!(
                        (thing.size, thing.note, thing.owner),
                        (None, None, None),
                        "absent"
                    );
                    let thing =
                        read(json!({"Name": "a", "tag": "t", "size": null, "note": null, "owner": null}))
                            .unwrap();
                    assert_eq!(
                        (thing.size, thing.note, thing.owner),
                        (None, Some(None), None),
                        "null"
                    );
                    let thing =
                        read(json!({"Name": "a", "tag": "t", "note": "x", "owner": "o"})).unwrap();
                    assert_eq!(
                        (thing.note, thing.owner),
                        (Some(Some("x".to_owned())), Some("o".to_owned()))
                    );
                    let missing = read(json!({"size": 1})).unwrap_err().to_string();
                    assert_eq!(missing, "missing field `Name`", "the first in declaration order");
                    let missing = read(json!({"Name": "a"})).unwrap_err().to_string();
                    assert_eq!(missing, "missing field `tag`");
                    let wrong = read(json!({"Name": 5})).unwrap_err().to_string();
                    assert!(wrong.contains("invalid type: integer `5`"), "{wrong}");
                    let not_an_object = read(json!(["a"])).unwrap_err().to_string();
                    assert!(
                        not_an_object.contains("expected struct Thing"),
                        "{not_an_object}"
                    );
                }

                #[test]
                fn unknown_repeated_escaped_and_unordered_properties() {
                    let thing: Thing = serde_json::from_str(
                        r#"{"tag": "t", "Name": "a", "extra": {"deep": [1, {"x": null}]}, "size": 1, "size": 2, "N\u0061me": "b"}"#,
                    )
                    .unwrap();
                    assert_eq!((thing.name.as_str(), thing.size), ("b", Some(2)));
                    let backwards: Thing = serde_json::from_str(
                        r#"{"tag": "t", "owner": "o", "note": null, "size": 3, "Name": "n"}"#,
                    )
                    .unwrap();
                    assert_eq!(
                        (backwards.tag.as_str(), backwards.owner.as_deref(), backwards.note, backwards.size, backwards.name.as_str()),
                        ("t", Some("o"), Some(None), Some(3), "n")
                    );
                    // From a reader, every key is copied rather than borrowed.
                    let from_reader: Thing =
                        serde_json::from_reader(&br#"{"Name": "r", "tag": ""}"#[..]).unwrap();
                    assert_eq!(from_reader.name, "r");
                }

                #[test]
                fn date_times_are_read_leniently_and_written_as_chrono_does() {
                    let stamp: Stamp =
                        serde_json::from_value(json!({"at": "2024-05-01T12:30:00"})).unwrap();
                    assert_eq!(stamp.at.to_rfc3339(), "2024-05-01T12:30:00+00:00");
                    assert_eq!(stamp.until, None);
                    assert_eq!(
                        serde_json::to_value(&stamp).unwrap(),
                        json!({"at": "2024-05-01T12:30:00Z", "until": null})
                    );
                    let stamp: Stamp = serde_json::from_value(
                        json!({"until": "2024-05-02T00:00:00Z", "at": "2024-05-01T12:30:00"}),
                    )
                    .unwrap();
                    assert_eq!(
                        stamp.until.map(|t| t.to_rfc3339()).as_deref(),
                        Some("2024-05-02T00:00:00+00:00")
                    );
                    let missing = serde_json::from_value::<Stamp>(json!({"until": null}))
                        .unwrap_err()
                        .to_string();
                    assert_eq!(missing, "missing field `at`");
                    let thing: Thing =
                        serde_json::from_value(json!({"Name": "", "tag": "", "at": null})).unwrap();
                    assert_eq!(thing.at, None);
                    let at = stamp.at;
                    assert_eq!(blank::<Thing>().with_at(at).at, Some(at));
                    assert_eq!(blank::<Stamp>().with_at(at).at, at);
                    assert_eq!(blank::<Stamp>().with_until(Some(at)).until, Some(at));
                    let thing: Thing = serde_json::from_value(
                        json!({"Name": "", "tag": "", "at": "2024-05-01T14:30:00+02:00"}),
                    )
                    .unwrap();
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
                fn debug_shows_what_derive_debug_would() {
                    #[derive(Debug)]
                    #[allow(dead_code, reason = "only its Debug output is compared")]
                    struct Derived {
                        name: String,
                        size: Option<i64>,
                        note: Option<Option<String>>,
                        owner: Option<String>,
                        r#type: Option<Box<Thing>>,
                        at: Option<DateTime>,
                        old: Option<bool>,
                        tag: String,
                    }
                    let thing = blank::<Thing>()
                        .with_name("a")
                        .with_size(3)
                        .with_note(None)
                        .with_type(blank::<Thing>().with_name("in"));
                    let inner = Derived {
                        name: "in".into(),
                        size: None,
                        note: None,
                        owner: None,
                        r#type: None,
                        at: None,
                        old: None,
                        tag: String::new(),
                    };
                    let want = Derived {
                        name: "a".into(),
                        size: Some(3),
                        note: Some(None),
                        owner: None,
                        r#type: None,
                        at: None,
                        old: None,
                        tag: String::new(),
                    };
                    let want = format!("{want:?}")
                        .replace("type: None", &format!("type: Some({inner:?})"));
                    assert_eq!(
                        format!("{thing:?}"),
                        want.replace("Derived", "Thing"),
                        "the same text as #[derive(Debug)]"
                    );
                    assert_eq!(format!("{:#?}", blank::<Empty>()), "Empty");
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
        };
    }

    decoder_tests!(in_place, in_place, #[derive(Default)]);
    decoder_tests!(placeholder, placeholder);
    decoder_tests!(slots, slots, #[derive(Default)]);

    /// The three decoders read every input of the table to the same value, or fail with the
    /// same message (the `Debug` of what each read, or the error's text).
    #[test]
    fn every_decoder_reads_alike() {
        let inputs = [
            r#"{"Name": "a", "tag": "t"}"#,
            r#"{"tag": "t", "Name": "a"}"#,
            r#"{"Name": "a", "tag": "t", "size": 1, "note": null, "owner": null, "at": null, "old": true}"#,
            r#"{"old": false, "at": "2024-05-01", "owner": "o", "note": "n", "size": -1, "tag": "", "Name": ""}"#,
            r#"{"Name": "a", "tag": "t", "type": {"Name": "in", "tag": "u", "size": 2}}"#,
            r#"{"Name": "a", "tag": "t", "type": {"Name": "in"}}"#,
            r#"{"Name": "a", "tag": "t", "size": 1, "size": null}"#,
            r#"{"Name": "a", "tag": "t", "unknown": [1, 2, {"Name": 3}], "other": null}"#,
            r#"{"Name": "a", "tag": "t", "size": "big"}"#,
            r#"{"Name": null, "tag": "t"}"#,
            r#"{"Name": "a", "tag": "t", "at": "soon"}"#,
            r#"{"Name": "a", "tag": "t", "at": 5}"#,
            r#"{"Name": "a", "tag": "t", "size": 1"#,
            r#"{"Name": "a", "tag": "t", "size": 1} trailing"#,
            r#"{"size": 1}"#,
            r#"{}"#,
            r#"[]"#,
            r#"null"#,
            r#""Name""#,
            r#"{"Name": "a", "tag": "t", "note": {"not": "a string"}}"#,
        ];
        for input in inputs {
            let read = slots::read(input);
            assert_eq!(in_place::read(input), read, "in place: {input}");
            assert_eq!(
                placeholder::read(input),
                read,
                "from a placeholder: {input}"
            );
        }
    }

    crate::runtime::enums::string_enum! {
        /// A colour.
        pub enum Colour {
            Red = "red",
            Blue = "blue",
        }
    }

    /// A struct without `Default` (its required enum has none), read from a placeholder and
    /// through slots.
    macro_rules! tagged {
        ($module:ident, $decode:ident) => {
            mod $module {
                use super::Colour;

                crate::runtime::model::model! {
                    /// A tagged value.
                    pub struct Tagged {
                        /// Its colour.
                        0 "colour" "colour" colour: Colour = req => #[doc = "Sets `colour`."] with_colour(Colour),
                        /// A number.
                        1 "n" "n" n: Option<i64> = opt => #[doc = "Sets `n`."] with_n(i64),
                    }
                    required { 0 "colour" colour }
                    decode $decode
                }

                pub fn read(json: &str) -> String {
                    match serde_json::from_str::<Tagged>(json) {
                        Ok(tagged) => {
                            let (n, colour) = (tagged.n.unwrap_or(0) + 1, tagged.colour.clone());
                            format!("{:?}", tagged.with_n(n).with_colour(colour))
                        }
                        Err(error) => format!("error: {error}"),
                    }
                }
            }
        };
    }

    tagged!(tagged_placeholder, placeholder);
    tagged!(tagged_slots, slots);

    #[test]
    fn a_required_enum_reads_alike_from_a_placeholder_and_through_slots() {
        let table = [
            (r#"{"colour": "red"}"#, "Tagged { colour: Red, n: Some(1) }"),
            (
                r#"{"n": 4, "colour": "blue"}"#,
                "Tagged { colour: Blue, n: Some(5) }",
            ),
            (
                r#"{"colour": "green"}"#,
                r#"Tagged { colour: Unknown("green"), n: Some(1) }"#,
            ),
            (
                r#"{"colour": "red", "colour": "blue"}"#,
                "Tagged { colour: Blue, n: Some(1) }",
            ),
            (
                r#"{"n": 1}"#,
                "error: missing field `colour` at line 1 column 8",
            ),
            (r#"{}"#, "error: missing field `colour` at line 1 column 2"),
        ];
        for (input, want) in table {
            assert_eq!(
                tagged_placeholder::read(input),
                want,
                "from a placeholder: {input}"
            );
            assert_eq!(tagged_slots::read(input), want, "through slots: {input}");
        }
        let null = tagged_slots::read(r#"{"colour": null}"#);
        assert!(null.starts_with("error: invalid type: null"), "{null}");
        assert_eq!(tagged_placeholder::read(r#"{"colour": null}"#), null);
        assert_eq!(
            <Colour as crate::runtime::model::Placeholder>::placeholder().as_str(),
            "",
            "an enum's placeholder is an empty `Unknown`"
        );
        assert_eq!(Colour::KNOWN.len(), 2);
    }

    #[allow(dead_code, reason = "one setter is called: they are all alike")]
    mod wide {
        crate::runtime::model::model! {
            /// More fields than a word of bits: required ones past the 128th.
            #[derive(Default)]
            pub struct Wide {
                0 "f0" "f0" f0: Option<i64> = opt => with_f0(i64),
                1 "f1" "f1" f1: Option<i64> = opt => with_f1(i64),
                2 "f2" "f2" f2: Option<i64> = opt => with_f2(i64),
                3 "f3" "f3" f3: Option<i64> = opt => with_f3(i64),
                4 "f4" "f4" f4: Option<i64> = opt => with_f4(i64),
                5 "f5" "f5" f5: Option<i64> = opt => with_f5(i64),
                6 "f6" "f6" f6: Option<i64> = opt => with_f6(i64),
                7 "f7" "f7" f7: Option<i64> = opt => with_f7(i64),
                8 "f8" "f8" f8: Option<i64> = opt => with_f8(i64),
                9 "f9" "f9" f9: Option<i64> = opt => with_f9(i64),
                10 "f10" "f10" f10: Option<i64> = opt => with_f10(i64),
                11 "f11" "f11" f11: Option<i64> = opt => with_f11(i64),
                12 "f12" "f12" f12: Option<i64> = opt => with_f12(i64),
                13 "f13" "f13" f13: Option<i64> = opt => with_f13(i64),
                14 "f14" "f14" f14: Option<i64> = opt => with_f14(i64),
                15 "f15" "f15" f15: Option<i64> = opt => with_f15(i64),
                16 "f16" "f16" f16: Option<i64> = opt => with_f16(i64),
                17 "f17" "f17" f17: Option<i64> = opt => with_f17(i64),
                18 "f18" "f18" f18: Option<i64> = opt => with_f18(i64),
                19 "f19" "f19" f19: Option<i64> = opt => with_f19(i64),
                20 "f20" "f20" f20: Option<i64> = opt => with_f20(i64),
                21 "f21" "f21" f21: Option<i64> = opt => with_f21(i64),
                22 "f22" "f22" f22: Option<i64> = opt => with_f22(i64),
                23 "f23" "f23" f23: Option<i64> = opt => with_f23(i64),
                24 "f24" "f24" f24: Option<i64> = opt => with_f24(i64),
                25 "f25" "f25" f25: Option<i64> = opt => with_f25(i64),
                26 "f26" "f26" f26: Option<i64> = opt => with_f26(i64),
                27 "f27" "f27" f27: Option<i64> = opt => with_f27(i64),
                28 "f28" "f28" f28: Option<i64> = opt => with_f28(i64),
                29 "f29" "f29" f29: Option<i64> = opt => with_f29(i64),
                30 "f30" "f30" f30: Option<i64> = opt => with_f30(i64),
                31 "f31" "f31" f31: Option<i64> = opt => with_f31(i64),
                32 "f32" "f32" f32: Option<i64> = opt => with_f32(i64),
                33 "f33" "f33" f33: Option<i64> = opt => with_f33(i64),
                34 "f34" "f34" f34: Option<i64> = opt => with_f34(i64),
                35 "f35" "f35" f35: Option<i64> = opt => with_f35(i64),
                36 "f36" "f36" f36: Option<i64> = opt => with_f36(i64),
                37 "f37" "f37" f37: Option<i64> = opt => with_f37(i64),
                38 "f38" "f38" f38: Option<i64> = opt => with_f38(i64),
                39 "f39" "f39" f39: Option<i64> = opt => with_f39(i64),
                40 "f40" "f40" f40: Option<i64> = opt => with_f40(i64),
                41 "f41" "f41" f41: Option<i64> = opt => with_f41(i64),
                42 "f42" "f42" f42: Option<i64> = opt => with_f42(i64),
                43 "f43" "f43" f43: Option<i64> = opt => with_f43(i64),
                44 "f44" "f44" f44: Option<i64> = opt => with_f44(i64),
                45 "f45" "f45" f45: Option<i64> = opt => with_f45(i64),
                46 "f46" "f46" f46: Option<i64> = opt => with_f46(i64),
                47 "f47" "f47" f47: Option<i64> = opt => with_f47(i64),
                48 "f48" "f48" f48: Option<i64> = opt => with_f48(i64),
                49 "f49" "f49" f49: Option<i64> = opt => with_f49(i64),
                50 "f50" "f50" f50: Option<i64> = opt => with_f50(i64),
                51 "f51" "f51" f51: Option<i64> = opt => with_f51(i64),
                52 "f52" "f52" f52: Option<i64> = opt => with_f52(i64),
                53 "f53" "f53" f53: Option<i64> = opt => with_f53(i64),
                54 "f54" "f54" f54: Option<i64> = opt => with_f54(i64),
                55 "f55" "f55" f55: Option<i64> = opt => with_f55(i64),
                56 "f56" "f56" f56: Option<i64> = opt => with_f56(i64),
                57 "f57" "f57" f57: Option<i64> = opt => with_f57(i64),
                58 "f58" "f58" f58: Option<i64> = opt => with_f58(i64),
                59 "f59" "f59" f59: Option<i64> = opt => with_f59(i64),
                60 "f60" "f60" f60: Option<i64> = opt => with_f60(i64),
                61 "f61" "f61" f61: Option<i64> = opt => with_f61(i64),
                62 "f62" "f62" f62: Option<i64> = opt => with_f62(i64),
                63 "f63" "f63" f63: Option<i64> = opt => with_f63(i64),
                64 "f64" "f64" f64: Option<i64> = opt => with_f64(i64),
                65 "f65" "f65" f65: Option<i64> = opt => with_f65(i64),
                66 "f66" "f66" f66: Option<i64> = opt => with_f66(i64),
                67 "f67" "f67" f67: Option<i64> = opt => with_f67(i64),
                68 "f68" "f68" f68: Option<i64> = opt => with_f68(i64),
                69 "f69" "f69" f69: Option<i64> = opt => with_f69(i64),
                70 "f70" "f70" f70: Option<i64> = opt => with_f70(i64),
                71 "f71" "f71" f71: Option<i64> = opt => with_f71(i64),
                72 "f72" "f72" f72: Option<i64> = opt => with_f72(i64),
                73 "f73" "f73" f73: Option<i64> = opt => with_f73(i64),
                74 "f74" "f74" f74: Option<i64> = opt => with_f74(i64),
                75 "f75" "f75" f75: Option<i64> = opt => with_f75(i64),
                76 "f76" "f76" f76: Option<i64> = opt => with_f76(i64),
                77 "f77" "f77" f77: Option<i64> = opt => with_f77(i64),
                78 "f78" "f78" f78: Option<i64> = opt => with_f78(i64),
                79 "f79" "f79" f79: Option<i64> = opt => with_f79(i64),
                80 "f80" "f80" f80: Option<i64> = opt => with_f80(i64),
                81 "f81" "f81" f81: Option<i64> = opt => with_f81(i64),
                82 "f82" "f82" f82: Option<i64> = opt => with_f82(i64),
                83 "f83" "f83" f83: Option<i64> = opt => with_f83(i64),
                84 "f84" "f84" f84: Option<i64> = opt => with_f84(i64),
                85 "f85" "f85" f85: Option<i64> = opt => with_f85(i64),
                86 "f86" "f86" f86: Option<i64> = opt => with_f86(i64),
                87 "f87" "f87" f87: Option<i64> = opt => with_f87(i64),
                88 "f88" "f88" f88: Option<i64> = opt => with_f88(i64),
                89 "f89" "f89" f89: Option<i64> = opt => with_f89(i64),
                90 "f90" "f90" f90: Option<i64> = opt => with_f90(i64),
                91 "f91" "f91" f91: Option<i64> = opt => with_f91(i64),
                92 "f92" "f92" f92: Option<i64> = opt => with_f92(i64),
                93 "f93" "f93" f93: Option<i64> = opt => with_f93(i64),
                94 "f94" "f94" f94: Option<i64> = opt => with_f94(i64),
                95 "f95" "f95" f95: Option<i64> = opt => with_f95(i64),
                96 "f96" "f96" f96: Option<i64> = opt => with_f96(i64),
                97 "f97" "f97" f97: Option<i64> = opt => with_f97(i64),
                98 "f98" "f98" f98: Option<i64> = opt => with_f98(i64),
                99 "f99" "f99" f99: Option<i64> = opt => with_f99(i64),
                100 "f100" "f100" f100: Option<i64> = opt => with_f100(i64),
                101 "f101" "f101" f101: Option<i64> = opt => with_f101(i64),
                102 "f102" "f102" f102: Option<i64> = opt => with_f102(i64),
                103 "f103" "f103" f103: Option<i64> = opt => with_f103(i64),
                104 "f104" "f104" f104: Option<i64> = opt => with_f104(i64),
                105 "f105" "f105" f105: Option<i64> = opt => with_f105(i64),
                106 "f106" "f106" f106: Option<i64> = opt => with_f106(i64),
                107 "f107" "f107" f107: Option<i64> = opt => with_f107(i64),
                108 "f108" "f108" f108: Option<i64> = opt => with_f108(i64),
                109 "f109" "f109" f109: Option<i64> = opt => with_f109(i64),
                110 "f110" "f110" f110: Option<i64> = opt => with_f110(i64),
                111 "f111" "f111" f111: Option<i64> = opt => with_f111(i64),
                112 "f112" "f112" f112: Option<i64> = opt => with_f112(i64),
                113 "f113" "f113" f113: Option<i64> = opt => with_f113(i64),
                114 "f114" "f114" f114: Option<i64> = opt => with_f114(i64),
                115 "f115" "f115" f115: Option<i64> = opt => with_f115(i64),
                116 "f116" "f116" f116: Option<i64> = opt => with_f116(i64),
                117 "f117" "f117" f117: Option<i64> = opt => with_f117(i64),
                118 "f118" "f118" f118: Option<i64> = opt => with_f118(i64),
                119 "f119" "f119" f119: Option<i64> = opt => with_f119(i64),
                120 "f120" "f120" f120: Option<i64> = opt => with_f120(i64),
                121 "f121" "f121" f121: Option<i64> = opt => with_f121(i64),
                122 "f122" "f122" f122: Option<i64> = opt => with_f122(i64),
                123 "f123" "f123" f123: Option<i64> = opt => with_f123(i64),
                124 "f124" "f124" f124: Option<i64> = opt => with_f124(i64),
                125 "f125" "f125" f125: Option<i64> = opt => with_f125(i64),
                126 "f126" "f126" f126: Option<i64> = opt => with_f126(i64),
                127 "f127" "f127" f127: Option<i64> = opt => with_f127(i64),
                128 "f128" "f128" f128: i64 = req => with_f128(i64),
                129 "f129" "f129" f129: i64 = req => with_f129(i64),
            }
            required { 128 "f128" f128, 129 "f129" f129 }
            decode in_place
        }
    }
    use wide::Wide;

    #[test]
    fn required_fields_past_a_word_of_bits_are_checked() {
        let wide: Wide =
            serde_json::from_value(json!({"f129": 2, "f0": 0, "f128": 1, "f127": 7})).unwrap();
        assert_eq!(
            (wide.f0, wide.f127, wide.f128, wide.f129),
            (Some(0), Some(7), 1, 2)
        );
        assert_eq!(
            Wide::default().with_f129(3).f129,
            3,
            "the setters of a wide model"
        );
        let missing = serde_json::from_value::<Wide>(json!({"f128": 1, "f5": 5}))
            .unwrap_err()
            .to_string();
        assert_eq!(missing, "missing field `f129`");
        let missing = serde_json::from_value::<Wide>(json!({"f129": 1}))
            .unwrap_err()
            .to_string();
        assert_eq!(missing, "missing field `f128`");
    }
}
