//! Types the models share, and lenient serde helpers for date-times.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant in UTC; ISO-8601 / RFC 3339 text on the wire (`2024-05-01T12:30:00.000Z`).
pub type DateTime = chrono::DateTime<chrono::Utc>;

/// A calendar date without time zone (`format: date`); `2024-05-01` on the wire.
pub type Date = chrono::NaiveDate;

/// Reads a date-time the way services write them: RFC 3339 with any offset (converted to
/// UTC), or without an offset, which is taken as UTC (`2024-05-01T12:30:00` is
/// `2024-05-01T12:30:00Z`); a space instead of `T` and any number of fractional digits are
/// accepted.
///
/// # Errors
///
/// chrono's reason when the text is none of these.
pub fn parse_date_time(text: &str) -> Result<DateTime, chrono::ParseError> {
    let text = text.trim();
    match chrono::DateTime::parse_from_rfc3339(text) {
        Ok(instant) => Ok(instant.with_timezone(&chrono::Utc)),
        Err(with_offset) => {
            let naive = text.replacen(' ', "T", 1);
            naive
                .parse::<chrono::NaiveDateTime>()
                .map(|n| n.and_utc())
                .map_err(|_| with_offset)
        }
    }
}

/// Serde helpers for a `DateTime` field that may come without a UTC offset
/// (`#[serde(with = "crate::runtime::types::date_time")]`): read with [`parse_date_time`],
/// written as chrono writes it.
pub mod date_time {
    use super::*;

    /// Writes the date-time as chrono does (RFC 3339, UTC).
    ///
    /// # Errors
    ///
    /// Whatever the serializer reports.
    pub fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    /// Reads a date-time with [`parse_date_time`].
    ///
    /// # Errors
    ///
    /// When the value is not a string or not a date-time.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        parse_date_time(&text)
            .map_err(|e| serde::de::Error::custom(format_args!("`{text}` is not a date-time: {e}")))
    }
}

/// [`date_time`] for an `Option<DateTime>` field
/// (`#[serde(default, skip_serializing_if = "Option::is_none", with = "crate::runtime::types::option_date_time")]`):
/// `null` is `None`.
pub mod option_date_time {
    use super::*;

    /// Writes `Some` as [`date_time`] does, `None` as `null`.
    ///
    /// # Errors
    ///
    /// Whatever the serializer reports.
    pub fn serialize<S: Serializer>(
        value: &Option<DateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(serializer)
    }

    /// Reads `null` as `None`, and a date-time with [`parse_date_time`].
    ///
    /// # Errors
    ///
    /// When the value is neither `null` nor a date-time string.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime>, D::Error> {
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.map(|text| {
            parse_date_time(&text).map_err(|e| {
                serde::de::Error::custom(format_args!("`{text}` is not a date-time: {e}"))
            })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_with_and_without_an_offset_are_read() {
        let table = [
            (
                "2024-05-01T12:30:00.123Z",
                Some("2024-05-01T12:30:00.123+00:00"),
            ),
            (
                "2024-05-01T14:30:00+02:00",
                Some("2024-05-01T12:30:00+00:00"),
            ),
            ("2024-05-01T12:30:00", Some("2024-05-01T12:30:00+00:00")),
            (
                "2024-05-01T12:30:00.5",
                Some("2024-05-01T12:30:00.500+00:00"),
            ),
            ("2024-05-01 12:30:00", Some("2024-05-01T12:30:00+00:00")),
            (" 2024-05-01T12:30:00Z ", Some("2024-05-01T12:30:00+00:00")),
            ("2024-05-01", None),
            ("yesterday", None),
            ("", None),
        ];
        for (text, want) in table {
            let got = parse_date_time(text).ok().map(|d| d.to_rfc3339());
            assert_eq!(got.as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn the_serde_helpers_read_leniently_and_write_as_chrono_does() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Event {
            #[serde(with = "date_time")]
            at: DateTime,
            #[serde(
                default,
                skip_serializing_if = "Option::is_none",
                with = "option_date_time"
            )]
            until: Option<DateTime>,
        }
        let read: Event = serde_json::from_str(r#"{"at": "2024-05-01T12:30:00", "until": null}"#)
            .expect("decodes");
        assert_eq!(read.until, None);
        let written = serde_json::to_value(&read).expect("encodes");
        assert_eq!(written, serde_json::json!({"at": "2024-05-01T12:30:00Z"}));
        let plain: DateTime = serde_json::from_value(written["at"].clone()).expect("chrono");
        assert_eq!(plain, read.at);
        let error = serde_json::from_str::<Event>(r#"{"at": "later"}"#).unwrap_err();
        assert!(
            error.to_string().contains("`later` is not a date-time"),
            "{error}"
        );
    }
}
