//! The crate's one error type, and what each kind of failure carries.
//!
//! Every error says which operation failed (method and path template), and, when the service
//! answered, the status and correlation id. `Display` and `Debug` stay short whatever the
//! service sent: bodies and messages are shown as excerpts of at most [`EXCERPT`] bytes, while
//! the whole body stays available in the error's fields.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// The most of a body or message that `Display` and `Debug` show, in bytes.
pub(crate) const EXCERPT: usize = 1024;

/// Everything that can go wrong when calling the API.
///
/// Match on the variant to tell a response the service gave ([`Error::Api`]) from a request
/// that never got one ([`Error::Transport`], [`Error::Timeout`]), from a token the login service
/// would not issue ([`Error::Auth`] when it refused the credentials, [`Error::LoginService`]
/// when it failed), and from a response the client would not accept ([`Error::Decode`],
/// [`Error::TooLarge`]). Errors are cheap to clone.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with a status other than 2xx.
    Api(Box<ApiError>),
    /// The request could not be sent or the response could not be read (connection refused,
    /// DNS, TLS, connection reset, a body cut short).
    Transport(Box<TransportError>),
    /// A timeout fired: see [`TimeoutError::kind`] for which.
    Timeout(Box<TimeoutError>),
    /// The login service refused to issue a token for these credentials (400, 401 or 403 from
    /// the token endpoint: a wrong client id or secret, an expired code or refresh token, an
    /// invalid SAML assertion). Trying again will not help.
    Auth(Box<ApiError>),
    /// The login service failed to issue a token (5xx, a redirect, another unexpected
    /// status); the credentials were not judged. Trying again later may help.
    LoginService(Box<ApiError>),
    /// A 2xx response whose body does not decode as the type the API describes.
    Decode(Box<DecodeError>),
    /// The response body is larger than the client accepts
    /// ([`ClientBuilder::max_response_size`](crate::runtime::ClientBuilder::max_response_size)).
    TooLarge(Box<TooLargeError>),
    /// The client configuration or a request could not be built (an invalid base URL, a body
    /// that does not serialize, a path parameter that would leave its segment).
    InvalidRequest(String),
    /// The operation needs credentials the client was not given: none of the security
    /// schemes it accepts has one. Nothing was sent.
    MissingCredentials(Box<MissingCredentialsError>),
}

impl Error {
    /// The HTTP status, when the service (or the login service) answered.
    pub fn status(&self) -> Option<reqwest::StatusCode> {
        match self {
            Error::Api(e) | Error::Auth(e) | Error::LoginService(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::TooLarge(e) => Some(e.status),
            _ => None,
        }
    }

    /// The service's correlation id for this request, when it answered with one.
    pub fn correlation_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) | Error::Auth(e) | Error::LoginService(e) => e.correlation_id(),
            Error::Decode(e) => correlation_id(&e.headers),
            Error::TooLarge(e) => correlation_id(&e.headers),
            _ => None,
        }
    }

    /// The operation that failed, when the error happened while sending one.
    pub fn operation(&self) -> Option<&Endpoint> {
        match self {
            Error::Api(e) | Error::Auth(e) | Error::LoginService(e) => e.operation.as_ref(),
            Error::Transport(e) => e.operation.as_ref(),
            Error::Timeout(e) => e.operation.as_ref(),
            Error::Decode(e) => e.operation.as_ref(),
            Error::TooLarge(e) => e.operation.as_ref(),
            Error::MissingCredentials(e) => Some(&e.operation),
            Error::InvalidRequest(_) => None,
        }
    }

    /// The error response, if this is one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// Whether a timeout fired.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }

    /// The same error, attributed to `operation` unless it already names one.
    pub(crate) fn in_operation(mut self, operation: &Endpoint) -> Self {
        let slot = match &mut self {
            Error::Api(e) | Error::Auth(e) | Error::LoginService(e) => &mut e.operation,
            Error::Transport(e) => &mut e.operation,
            Error::Timeout(e) => &mut e.operation,
            Error::Decode(e) => &mut e.operation,
            Error::TooLarge(e) => &mut e.operation,
            Error::InvalidRequest(_) | Error::MissingCredentials(_) => return self,
        };
        if slot.is_none() {
            *slot = Some(operation.clone());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) | Error::Auth(e) | Error::LoginService(e) => e.fmt(f),
            Error::Transport(e) => e.fmt(f),
            Error::Timeout(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::TooLarge(e) => e.fmt(f),
            Error::InvalidRequest(message) => write!(f, "invalid request: {message}"),
            Error::MissingCredentials(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(&*e.source),
            Error::Timeout(e) => e
                .source
                .as_deref()
                .map(|s| s as &(dyn std::error::Error + 'static)),
            _ => None,
        }
    }
}

/// An operation that needs credentials the client does not have: which operation, and the
/// security schemes it accepts.
#[derive(Debug, Clone)]
pub struct MissingCredentialsError {
    operation: Endpoint,
    requirement: crate::runtime::Requirement,
}

impl MissingCredentialsError {
    pub(crate) fn new(operation: Endpoint, requirement: crate::runtime::Requirement) -> Self {
        MissingCredentialsError {
            operation,
            requirement,
        }
    }

    /// The operation.
    pub fn operation(&self) -> &Endpoint {
        &self.operation
    }

    /// What the operation accepts: alternatives, each the names of the security schemes
    /// (as in the API description) that are sent together.
    pub fn accepted(&self) -> Vec<Vec<&'static str>> {
        self.requirement
            .iter()
            .map(|alternative| alternative.iter().map(|s| s.name).collect())
            .collect()
    }
}

impl fmt::Display for MissingCredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: no credentials for this operation; it accepts {}: configure it on the client \
             builder",
            self.operation,
            crate::runtime::security::describe(self.requirement)
        )
    }
}

/// Which operation a request belongs to: its method and the path template from the API
/// description. Shown as `GET /api/v2/chats/rooms/{roomJid}`. (What generated operations
/// implement is the `Operation` trait; this is how errors name one.)
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Endpoint {
    method: reqwest::Method,
    path_template: &'static str,
}

impl Endpoint {
    pub(crate) fn new(method: reqwest::Method, path_template: &'static str) -> Self {
        Endpoint {
            method,
            path_template,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &reqwest::Method {
        &self.method
    }

    /// The path template, e.g. `/api/v2/chats/rooms/{roomJid}`.
    pub fn path_template(&self) -> &'static str {
        self.path_template
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path_template)
    }
}

/// `GET /x: ` when the operation is known.
struct Prefix<'a>(Option<&'a Endpoint>);

impl fmt::Display for Prefix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(operation) => write!(f, "{operation}: "),
            None => Ok(()),
        }
    }
}

/// Who sent an error response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The API.
    Service,
    /// The login service's token endpoint.
    Login,
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
    operation: Option<Endpoint>,
    origin: Origin,
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
            operation: None,
            origin: Origin::Service,
        }
    }

    /// An error response of the login service's token endpoint.
    pub(crate) fn from_login(
        status: reqwest::StatusCode,
        headers: reqwest::header::HeaderMap,
        body: bytes::Bytes,
    ) -> Self {
        ApiError {
            error: None,
            origin: Origin::Login,
            ..ApiError::new(status, headers, body)
        }
    }

    /// The operation whose request got this answer.
    pub fn operation(&self) -> Option<&Endpoint> {
        self.operation.as_ref()
    }

    /// The service's correlation id: the id of the request in its logs, from the first of the
    /// API's correlation headers that the response has (the crate docs name them).
    pub fn correlation_id(&self) -> Option<&str> {
        correlation_id(&self.headers)
    }

    /// The body as text, lossily decoded.
    pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }

    /// Whether the login service refused the credentials (rather than failed).
    pub(crate) fn is_refusal(&self) -> bool {
        matches!(self.status.as_u16(), 400 | 401 | 403)
    }

    /// OAuth's `error` and `error_description`, when the body has them.
    fn oauth_error(&self) -> Option<String> {
        #[derive(serde::Deserialize)]
        struct OAuthError {
            error: String,
            #[serde(default)]
            error_description: Option<String>,
            #[serde(default)]
            description: Option<String>,
        }
        let parsed: OAuthError = serde_json::from_slice(&self.body).ok()?;
        let text = match parsed.error_description.or(parsed.description) {
            Some(description) => format!("{}: {description}", parsed.error),
            None => parsed.error,
        };
        Some(Excerpt::of(text.as_bytes()).to_string())
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("correlation_id", &self.correlation_id())
            .field("error", &Bounded(&self.error))
            .field("body", &Excerpt::of(&self.body))
            .finish_non_exhaustive()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Prefix(self.operation.as_ref()))?;
        match (self.origin, self.is_refusal()) {
            (Origin::Service, _) => {
                write!(f, "the service answered {}", self.status)?;
                if self.status.is_redirection()
                    && self.headers.contains_key(reqwest::header::LOCATION)
                {
                    f.write_str(
                        " (the redirect was not followed; requests with headers of their own \
                         follow none to another origin)",
                    )?;
                }
                let message = self.error.as_ref().and_then(crate::hooks::error_message);
                match message {
                    Some(message) => write!(f, ": {}", Excerpt::of(message.as_bytes()))?,
                    None if !self.body.is_empty() => write!(f, ": {}", Excerpt::of(&self.body))?,
                    None => {}
                }
            }
            (Origin::Login, true) => {
                write!(
                    f,
                    "the login service refused the credentials: it answered {}",
                    self.status
                )?;
                if let Some(oauth) = self.oauth_error() {
                    write!(f, ": {oauth}")?;
                }
            }
            (Origin::Login, false) => {
                write!(
                    f,
                    "the login service did not issue a token: it answered {}",
                    self.status
                )?;
                if self.status.is_redirection() {
                    f.write_str(" (token requests do not follow redirects; check the login URL)")?;
                } else if let Some(oauth) = self.oauth_error() {
                    write!(f, ": {oauth}")?;
                } else if !self.body.is_empty() {
                    write!(f, ": {}", Excerpt::of(&self.body))?;
                }
            }
        }
        if let Some(id) = self.correlation_id() {
            write!(f, " (correlation id {id})")?;
        }
        Ok(())
    }
}

/// A 2xx response whose body did not decode.
#[derive(Clone)]
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
    pub(crate) operation: Option<Endpoint>,
}

impl DecodeError {
    /// The operation whose response this is, when known.
    pub fn operation(&self) -> Option<&Endpoint> {
        self.operation.as_ref()
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("expected", &self.expected)
            .field("message", &Excerpt::of(self.message.as_bytes()))
            .field("body", &Excerpt::of(&self.body))
            .finish_non_exhaustive()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}the {} response body is not a valid `{}`: {}",
            Prefix(self.operation.as_ref()),
            self.status,
            self.expected,
            Excerpt::of(self.message.as_bytes())
        )?;
        if let Some(id) = correlation_id(&self.headers) {
            write!(f, " (correlation id {id})")?;
        }
        Ok(())
    }
}

/// Where in an exchange a transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportPhase {
    /// Connecting, sending the request, or waiting for the response head.
    Request,
    /// Reading the response body.
    Body,
    /// Asking the login service for a token.
    Token,
}

/// A request that could not be sent, or a response that could not be read.
#[derive(Debug, Clone)]
pub struct TransportError {
    operation: Option<Endpoint>,
    phase: TransportPhase,
    source: Arc<reqwest::Error>,
}

impl TransportError {
    pub(crate) fn new(phase: TransportPhase, source: reqwest::Error) -> Self {
        TransportError {
            operation: None,
            phase,
            source: Arc::new(source),
        }
    }

    /// The operation whose request failed.
    pub fn operation(&self) -> Option<&Endpoint> {
        self.operation.as_ref()
    }

    /// Where the failure happened.
    pub fn phase(&self) -> TransportPhase {
        self.phase
    }

    /// Whether the connection could not be made (so the request never reached the service).
    pub fn is_connect(&self) -> bool {
        self.source.is_connect()
    }

    /// The HTTP client's error.
    pub fn reqwest(&self) -> &reqwest::Error {
        &self.source
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.phase {
            TransportPhase::Request => "the request could not be sent",
            TransportPhase::Body => "the response body could not be read",
            TransportPhase::Token => "the token request to the login service could not be sent",
        };
        write!(
            f,
            "{}{what}: {}",
            Prefix(self.operation.as_ref()),
            Causes(&*self.source)
        )
    }
}

/// An error and its sources, `: `-separated, without repeating a message its cause repeats.
struct Causes<'a>(&'a (dyn std::error::Error + 'static));

impl fmt::Display for Causes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut messages: Vec<String> = Vec::new();
        let mut next = Some(self.0);
        while let Some(error) = next {
            let message = error.to_string();
            if messages.last() != Some(&message) {
                messages.push(message);
            }
            next = error.source();
        }
        write!(f, "{}", Excerpt::of(messages.join(": ").as_bytes()))
    }
}

/// `error` and its sources as one bounded line, for messages.
pub(crate) fn causes(error: &(dyn std::error::Error + 'static)) -> String {
    Causes(error).to_string()
}

/// Which timeout fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// The connection could not be made within the connect timeout.
    Connect,
    /// No response head arrived within the request timeout.
    Response,
    /// The response body did not arrive in full within the request timeout.
    Body,
    /// No access token came from the login service within the request timeout.
    Token,
}

/// A timeout fired.
#[derive(Debug, Clone)]
pub struct TimeoutError {
    operation: Option<Endpoint>,
    kind: TimeoutKind,
    limit: Duration,
    /// Body bytes read before the timeout fired.
    received: Option<u64>,
    source: Option<Arc<reqwest::Error>>,
}

impl TimeoutError {
    pub(crate) fn new(kind: TimeoutKind, limit: Duration) -> Self {
        TimeoutError {
            operation: None,
            kind,
            limit,
            received: None,
            source: None,
        }
    }

    pub(crate) fn received(mut self, bytes: u64) -> Self {
        self.received = Some(bytes);
        self
    }

    pub(crate) fn caused_by(mut self, source: reqwest::Error) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// The operation whose request timed out.
    pub fn operation(&self) -> Option<&Endpoint> {
        self.operation.as_ref()
    }

    /// Which timeout fired.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// How long it was.
    pub fn limit(&self) -> Duration {
        self.limit
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}timed out: ", Prefix(self.operation.as_ref()))?;
        let limit = self.limit;
        match self.kind {
            TimeoutKind::Connect => {
                write!(f, "could not connect within the {limit:?} connect timeout")?;
            }
            TimeoutKind::Response => {
                write!(f, "no response within the {limit:?} request timeout")?;
            }
            TimeoutKind::Body => {
                write!(
                    f,
                    "the response body did not arrive in full within the {limit:?} request timeout"
                )?;
                if let Some(received) = self.received {
                    write!(f, " ({received} bytes read)")?;
                }
            }
            TimeoutKind::Token => write!(
                f,
                "no access token from the login service within the {limit:?} request timeout"
            )?,
        }
        Ok(())
    }
}

/// A response body larger than the client accepts.
#[derive(Clone)]
pub struct TooLargeError {
    /// The HTTP status.
    pub status: reqwest::StatusCode,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The limit, in bytes.
    pub limit: u64,
    /// The size the response announced (`Content-Length`), if it did.
    pub announced: Option<u64>,
    operation: Option<Endpoint>,
}

impl TooLargeError {
    pub(crate) fn new(
        status: reqwest::StatusCode,
        headers: reqwest::header::HeaderMap,
        limit: u64,
        announced: Option<u64>,
    ) -> Self {
        TooLargeError {
            status,
            headers,
            limit,
            announced,
            operation: None,
        }
    }

    /// The operation whose response this is.
    pub fn operation(&self) -> Option<&Endpoint> {
        self.operation.as_ref()
    }
}

impl fmt::Debug for TooLargeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TooLargeError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("limit", &self.limit)
            .field("announced", &self.announced)
            .finish_non_exhaustive()
    }
}

impl fmt::Display for TooLargeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}the {} response body is larger than the {} limit",
            Prefix(self.operation.as_ref()),
            self.status,
            Size(self.limit)
        )?;
        match self.announced {
            Some(length) => write!(f, " (Content-Length: {length})")?,
            None => f.write_str(" (more arrived)")?,
        }
        f.write_str("; ClientBuilder::max_response_size raises it")?;
        if let Some(id) = correlation_id(&self.headers) {
            write!(f, " (correlation id {id})")?;
        }
        Ok(())
    }
}

/// A byte count in the largest binary unit that divides it: `32 MiB`, `1500 bytes`.
pub(crate) struct Size(pub(crate) u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
        let n = self.0;
        match UNITS
            .iter()
            .find(|(unit, _)| n >= *unit && n.is_multiple_of(*unit))
        {
            Some((unit, name)) => write!(f, "{} {name}", n / unit),
            None => write!(f, "{n} bytes"),
        }
    }
}

/// At most [`EXCERPT`] bytes of `bytes` (or another limit) as text (cut on a character
/// boundary, invalid UTF-8 replaced), then `… (N bytes in all)` when there was more.
pub(crate) struct Excerpt<'a>(&'a [u8], usize);

impl<'a> Excerpt<'a> {
    pub(crate) fn of(bytes: &'a [u8]) -> Self {
        Excerpt(bytes, EXCERPT)
    }

    /// At most `limit` bytes of `bytes`.
    pub(crate) fn at_most(bytes: &'a [u8], limit: usize) -> Self {
        Excerpt(bytes, limit)
    }
}

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Excerpt(bytes, limit) = *self;
        if bytes.len() <= limit {
            return f.write_str(&String::from_utf8_lossy(bytes));
        }
        let mut cut = &bytes[..limit];
        // Do not split a character: drop an incomplete one at the end.
        if let Err(e) = std::str::from_utf8(cut)
            && e.error_len().is_none()
        {
            cut = &cut[..e.valid_up_to()];
        }
        write!(
            f,
            "{}… ({} bytes in all)",
            String::from_utf8_lossy(cut),
            bytes.len()
        )
    }
}

impl fmt::Debug for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

/// `Debug` of a value, stopped after [`EXCERPT`] bytes.
struct Bounded<'a, T>(&'a T);

impl<T: fmt::Debug> fmt::Debug for Bounded<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut limited = Limited {
            text: String::new(),
            full: false,
        };
        // `Limited` fails the write once it is full, which stops the formatting early.
        let _ = fmt::write(&mut limited, format_args!("{:?}", self.0));
        f.write_str(&limited.text)?;
        if limited.full {
            f.write_str("…")?;
        }
        Ok(())
    }
}

/// A `fmt::Write` that keeps at most [`EXCERPT`] bytes.
struct Limited {
    text: String,
    full: bool,
}

impl fmt::Write for Limited {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let room = EXCERPT - self.text.len();
        if s.len() <= room {
            self.text.push_str(s);
            return Ok(());
        }
        let mut end = room;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        self.text.push_str(&s[..end]);
        self.full = true;
        Err(fmt::Error)
    }
}

/// The request's id in the service's logs, from the first of the API's correlation headers
/// that `headers` has.
pub(crate) fn correlation_id(headers: &reqwest::header::HeaderMap) -> Option<&str> {
    crate::hooks::CORRELATION_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_bounded_and_cut_on_character_boundaries() {
        let long = "é".repeat(EXCERPT); // 2 × EXCERPT bytes
        // (text, shown prefix length in bytes, suffix)
        let table: [(&[u8], usize, &str); 4] = [
            (b"short", 5, ""),
            (&[b'a'; EXCERPT], EXCERPT, ""),
            (long.as_bytes(), EXCERPT, "… (2048 bytes in all)"),
            (&[b'x'; EXCERPT + 1], EXCERPT, "… (1025 bytes in all)"),
        ];
        for (bytes, prefix, suffix) in table {
            let shown = Excerpt::of(bytes).to_string();
            assert!(shown.ends_with(suffix), "{shown}");
            assert_eq!(shown.len() - suffix.len(), prefix);
        }
        // A cut through a character drops it instead of showing half.
        let odd = format!("a{long}");
        let shown = Excerpt::of(odd.as_bytes()).to_string();
        assert!(
            shown.starts_with('a') && !shown.contains('\u{fffd}'),
            "{shown}"
        );
    }

    #[test]
    fn bounded_debug_stops_early() {
        let huge = vec!["x".repeat(100); 10_000];
        let shown = format!("{:?}", Bounded(&huge));
        assert!(shown.len() <= EXCERPT + "…".len(), "{}", shown.len());
        assert!(shown.ends_with('…'));
        assert_eq!(format!("{:?}", Bounded(&Some(1))), "Some(1)");
    }

    #[test]
    fn sizes_are_shown_in_the_largest_unit_that_divides_them() {
        let table = [
            (32 << 20, "32 MiB"),
            (1 << 30, "1 GiB"),
            (3072, "3 KiB"),
            (1536, "1536 bytes"),
            (1500, "1500 bytes"),
            (0, "0 bytes"),
        ];
        for (bytes, want) in table {
            assert_eq!(Size(bytes).to_string(), want);
        }
    }
}
