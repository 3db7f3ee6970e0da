//! The crate's one error type.

use std::fmt;

/// The header in which the service returns the id that identifies a request in its logs.
pub const CORRELATION_ID_HEADER: &str = "inin-correlation-id";

/// Everything that can go wrong when calling the API.
///
/// Match on the variant to tell a response the service gave ([`Error::Api`]) from a request
/// that never got one ([`Error::Transport`], [`Error::Timeout`]) and from a success response
/// whose body is not what the API describes ([`Error::Decode`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with a status other than 2xx.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The request could not be sent or the response could not be read (connection refused,
    /// DNS, TLS, connection reset).
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
    /// No complete response arrived within the configured timeout.
    #[error("the request timed out: {0}")]
    Timeout(#[source] reqwest::Error),
    /// The OAuth token endpoint refused to issue a token (wrong client id or secret, an
    /// expired code or refresh token, an invalid SAML assertion).
    #[error("authentication failed: {0}")]
    Auth(Box<ApiError>),
    /// A 2xx response whose body does not decode as the type the API describes.
    #[error("{0}")]
    Decode(Box<DecodeError>),
    /// The client configuration or a request could not be built (an invalid base URL, a body that
    /// does not serialize).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

impl Error {
    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<reqwest::StatusCode> {
        match self {
            Error::Api(e) | Error::Auth(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The service's correlation id for this request, when it answered with one.
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) | Error::Auth(e) => e.correlation_id(),
            Error::Decode(e) => correlation_id(&e.headers),
            _ => None,
        }
    }

    /// The error response, if this is one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }
}

/// A response with a non-success status.
#[derive(Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: reqwest::StatusCode,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The raw response body.
    pub body: bytes::Bytes,
    /// The body decoded as the API's error type, when it is one.
    pub error: Option<crate::hooks::ErrorModel>,
}

impl ApiError {
    pub(crate) fn new(
        status: reqwest::StatusCode,
        headers: reqwest::header::HeaderMap,
        body: bytes::Bytes,
    ) -> Self {
        let error = serde_json::from_slice(&body).ok();
        ApiError {
            status,
            headers,
            body,
            error,
        }
    }

    /// The service's correlation id (`ININ-Correlation-Id` header), if present.
    pub fn correlation_id(&self) -> Option<&str> {
        correlation_id(&self.headers)
    }

    /// The body as text, lossily decoded.
    pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("correlation_id", &self.correlation_id())
            .field("error", &self.error)
            .field("body", &self.body_text())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the service answered {}", self.status)?;
        if let Some(message) = self.error.as_ref().and_then(crate::hooks::error_message) {
            write!(f, ": {message}")?;
        }
        if let Some(id) = self.correlation_id() {
            write!(f, " (correlation id {id})")?;
        }
        Ok(())
    }
}

/// A 2xx response whose body did not decode.
#[derive(Debug, Clone)]
pub struct DecodeError {
    /// The HTTP status.
    pub status: reqwest::StatusCode,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The raw body that failed to decode.
    pub body: bytes::Bytes,
    /// The decoder's message, with line and column.
    pub message: String,
    /// The type that was expected.
    pub expected: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} response body is not a valid `{}`: {}",
            self.status, self.expected, self.message
        )
    }
}

fn correlation_id(headers: &reqwest::header::HeaderMap) -> Option<&str> {
    headers
        .get(CORRELATION_ID_HEADER)
        .and_then(|v| v.to_str().ok())
}
