//! What a generated crate tells its runtime about the API; rendered from `hooks.rs.tera` there,
//! written by hand here.

/// The type error response bodies decode to.
pub type ErrorModel = crate::models::ErrorBody;

/// The message in an error body, shown by `ApiError`'s `Display`.
pub(crate) fn error_message(error: &ErrorModel) -> Option<&str> {
    error.message.as_deref()
}
