//! Types the models share, and the lenient reading of date-times.

use serde::{Deserialize, Deserializer};

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

/// Reads a date-time field leniently, with [`parse_date_time`]: `Lenient<DateTime>` reads a
/// date-time string, `Lenient<Option<DateTime>>` also `null`. Model structs read their
/// date-time fields through it ([`model!`](crate::runtime::model)); they are written as
/// chrono writes them (RFC 3339, UTC).
#[doc(hidden)]
#[derive(Debug)]
pub struct Lenient<T>(pub T);

impl<'de> Deserialize<'de> for Lenient<DateTime> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        read_date_time(&text).map(Lenient)
    }
}

impl<'de> Deserialize<'de> for Lenient<Option<DateTime>> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Option::<std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.map(|text| read_date_time(&text))
            .transpose()
            .map(Lenient)
    }
}

fn read_date_time<E: serde::de::Error>(text: &str) -> Result<DateTime, E> {
    parse_date_time(text).map_err(|e| E::custom(format_args!("`{text}` is not a date-time: {e}")))
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
    fn lenient_reads_without_an_offset_and_says_what_it_could_not_read() {
        let read = |json: &str| serde_json::from_str::<Lenient<DateTime>>(json).map(|l| l.0);
        assert_eq!(
            read(r#""2024-05-01T12:30:00""#).unwrap().to_rfc3339(),
            "2024-05-01T12:30:00+00:00"
        );
        let error = read(r#""later""#).unwrap_err().to_string();
        assert!(error.contains("`later` is not a date-time"), "{error}");
        assert!(read("null").is_err());
        let optional = |json: &str| {
            serde_json::from_str::<Lenient<Option<DateTime>>>(json)
                .map(|l| l.0.map(|t| t.to_rfc3339()))
        };
        assert_eq!(optional("null").unwrap(), None);
        assert_eq!(
            optional(r#""2024-05-01T14:30:00+02:00""#)
                .unwrap()
                .as_deref(),
            Some("2024-05-01T12:30:00+00:00")
        );
        assert!(optional("12").is_err());
    }
}
