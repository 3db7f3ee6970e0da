//! What a generated crate tells its runtime about the API; rendered from `hooks.rs.tera` there,
//! written by hand here.

/// The type error response bodies decode to.
pub type ErrorModel = crate::models::ErrorBody;

/// The message in an error body, shown by `ApiError`'s `Display`.
pub(crate) fn error_message(error: &ErrorModel) -> Option<&str> {
    error.message.as_deref()
}

/// The API description's first server URL, where requests go unless the caller names a
/// region or a base URL (`None`: the default region's).
pub(crate) const DEFAULT_BASE_URL: Option<&str> = Some("https://api.mypurecloud.com");
