//! Types the models share.

/// An instant in UTC; ISO-8601 / RFC 3339 text on the wire (`2024-05-01T12:30:00.000Z`).
pub type DateTime = chrono::DateTime<chrono::Utc>;

/// A calendar date without time zone (`format: date`); `2024-05-01` on the wire.
pub type Date = chrono::NaiveDate;
