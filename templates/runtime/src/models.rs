//! Models, as a generated crate has them: the error body and one resource.

/// An error response body.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ErrorBody {
    /// What went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A machine-readable code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The HTTP status, repeated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<i32>,
}

/// A resource the test operations read and write.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Thing {
    /// The id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// A name that may be set, cleared (`null`) or left alone (absent).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::runtime::nullable"
    )]
    pub label: Option<Option<String>>,
    /// When it was made; read as UTC when the service leaves out the offset.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::runtime::types::option_date_time"
    )]
    pub created: Option<crate::types::DateTime>,
}

/// A note on a thing, as the paged history operation returns them.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Note {
    /// The id, which is also the cursor of the page before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A page of notes.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NoteListing {
    /// The notes, newest first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<Note>>,
}
