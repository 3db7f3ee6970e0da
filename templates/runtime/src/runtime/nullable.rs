//! Serde helpers for optional, nullable fields (`Option<Option<T>>`): absent is `None`, `null`
//! is `Some(None)`, a value is `Some(Some(value))`. Generated models use them with
//! `#[serde(default, skip_serializing_if = "Option::is_none", with = "crate::runtime::nullable")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes `None` and `Some(None)` as `null` (`None` is normally skipped before this is called),
/// `Some(Some(value))` as the value.
///
/// # Errors
///
/// Whatever the serializer reports.
pub fn serialize<T: Serialize, S: Serializer>(
    value: &Option<Option<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(inner) => inner.serialize(serializer),
        None => serializer.serialize_none(),
    }
}

/// Reads `null` as `Some(None)` and a value as `Some(Some(value))`; an absent field never
/// reaches this (`#[serde(default)]` makes it `None`).
///
/// # Errors
///
/// Whatever the deserializer reports for a value that is not a `T`.
pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}
