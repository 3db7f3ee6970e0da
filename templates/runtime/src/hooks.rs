//! What a generated crate tells its runtime about the API; rendered from `hooks.rs.tera` there,
//! written by hand here.

/// The type error response bodies decode to.
pub type ErrorModel = crate::models::ErrorBody;

/// The message in an error body, shown by `ApiError`'s `Display`.
pub(crate) fn error_message(error: &ErrorModel) -> Option<&str> {
    error.message.as_deref()
}

/// The API description's first server, where requests go unless the caller says otherwise.
pub(crate) const SERVER: Option<crate::runtime::Server> = Some(crate::runtime::Server {
    url: "https://api.mypurecloud.com",
    variables: &[],
});

/// The headers in which the service returns the id of a request in its logs, in order.
pub(crate) const CORRELATION_ID_HEADERS: &[&str] = &["inin-correlation-id"];

/// The profile's settings on the client builder: Genesys Cloud's.
pub(crate) type Profile = crate::genesys::Settings;
