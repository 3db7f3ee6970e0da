//! Operations: what each one's generated parameter struct tells the runtime ([`Operation`],
//! [`Meta`]), the request builder every operation shares ([`RequestBuilder`]), and the
//! response before and after decoding ([`Response`], [`WithResponse`]).
//!
//! Generated code writes, per operation, a parameter struct, its [`Operation`] impl, a type
//! alias for its builder and the setters of its optional parameters:
//!
//! ```ignore
//! #[derive(Debug, Clone)]
//! pub struct GetThing { thing_id: String, expand: Option<String> }
//!
//! impl crate::runtime::Operation for GetThing {
//!     type Output = crate::models::Thing;
//!     const META: crate::runtime::Meta = crate::runtime::Meta {
//!         method: crate::runtime::Method::GET,
//!         path: "/things/{thingId}",
//!         idempotent: true,
//!         accept: "application/json",
//!         security: &[&[&crate::security::API_KEY]],
//!     };
//!     fn build(&self, request: &mut crate::runtime::Request) -> Result<(), crate::Error> {
//!         request.path_param("thingId", &self.thing_id, Style::Simple, false)?;
//!         request.query_param("expand", &self.expand, Style::Form, true, false)
//!     }
//!     fn decode(response: crate::runtime::Response) -> Result<Self::Output, crate::Error> {
//!         response.json()
//!     }
//! }
//!
//! pub type GetThingRequest = crate::runtime::RequestBuilder<GetThing>;
//!
//! impl GetThingRequest {
//!     pub fn expand(mut self, value: impl Into<String>) -> Self {
//!         self.params.expand = Some(value.into());
//!         self
//!     }
//! }
//! ```
//!
//! The runtime crate's shim (`src/apis.rs`) is written exactly this way.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::runtime::error::{DecodeError, Endpoint, correlation_id};
use crate::runtime::{Client, Error, Method, Request, RetryPolicy};

/// Method, path template, idempotence, `Accept` and security requirement of an operation.
#[derive(Debug, Clone)]
pub struct Meta {
    /// The HTTP method.
    pub method: Method,
    /// The path template from the API description, e.g. `/api/v2/chats/rooms/{roomJid}`.
    pub path: &'static str,
    /// Whether sending the request twice is harmless (GET, PUT, DELETE, …), which decides what
    /// may be retried.
    pub idempotent: bool,
    /// The `Accept` header.
    pub accept: &'static str,
    /// The credentials it accepts (the API description's `security`).
    pub security: crate::runtime::Requirement,
}

/// Implemented by each operation's generated parameter struct (e.g. `GetChatsRoomMessages`):
/// what the request is made of, and how its success response decodes.
pub trait Operation: Clone + Send + Sync + 'static {
    /// What a success response decodes to.
    type Output: Send + 'static;
    /// Method, path template, idempotence, `Accept` and security requirement.
    const META: Meta;

    /// Adds the path, query, header and cookie parameters and the body to `request`, which
    /// starts with [`META`](Self::META)'s method and path template.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when a parameter or the body cannot be written.
    fn build(&self, request: &mut Request) -> Result<(), Error>;

    /// Decodes a success response: `response.json()`, `.text()`, `.bytes()` or `.empty()`;
    /// operations whose statuses answer with different bodies match on
    /// [`response.status()`](Response::status) first.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] when the body is not what the API describes.
    fn decode(response: Response) -> Result<Self::Output, Error>;
}

/// A success response before decoding: status, headers, body, and which operation it answers
/// (for error messages).
#[derive(Clone)]
pub struct Response {
    pub(crate) status: reqwest::StatusCode,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: bytes::Bytes,
    pub(crate) endpoint: Endpoint,
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("endpoint", &self.endpoint)
            .field("status", &self.status)
            .field("body", &crate::runtime::error::Excerpt::of(&self.body))
            .finish_non_exhaustive()
    }
}

impl Response {
    /// The HTTP status.
    pub fn status(&self) -> reqwest::StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The raw body.
    pub fn body(&self) -> &bytes::Bytes {
        &self.body
    }

    /// Decodes the body as JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`], naming the operation, with the body and the decoder's message.
    pub fn json<T: DeserializeOwned>(self) -> Result<T, Error> {
        match serde_json::from_slice(&self.body) {
            Ok(value) => Ok(value),
            Err(e) => {
                let message = e.to_string();
                Err(self.decode_error(message, std::any::type_name::<T>()))
            }
        }
    }

    /// The body as UTF-8 text.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`], naming the operation, with the position of the first invalid byte.
    pub fn text(self) -> Result<String, Error> {
        match std::str::from_utf8(&self.body) {
            Ok(text) => Ok(text.to_owned()),
            Err(e) => {
                let message = e.to_string();
                Err(self.decode_error(message, "UTF-8 text"))
            }
        }
    }

    /// The body as bytes.
    ///
    /// # Errors
    ///
    /// Never; the `Result` keeps every decoder's signature the same.
    pub fn bytes(self) -> Result<bytes::Bytes, Error> {
        Ok(self.body)
    }

    /// Ignores the body (the API describes none).
    ///
    /// # Errors
    ///
    /// Never; the `Result` keeps every decoder's signature the same.
    pub fn empty(self) -> Result<(), Error> {
        Ok(())
    }

    fn decode_error(self, message: String, expected: &'static str) -> Error {
        Error::Decode(Box::new(DecodeError {
            status: self.status,
            headers: self.headers,
            body: self.body,
            message,
            expected,
            operation: Some(self.endpoint),
        }))
    }
}

/// A decoded success response with its status and headers, from
/// [`RequestBuilder::send_with_response`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WithResponse<T> {
    /// The decoded body.
    pub value: T,
    /// The HTTP status.
    pub status: reqwest::StatusCode,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
}

impl<T> WithResponse<T> {
    /// The service's correlation id for this request, if it sent one (see
    /// [`ApiError::correlation_id`](crate::runtime::ApiError::correlation_id)).
    pub fn correlation_id(&self) -> Option<&str> {
        correlation_id(&self.headers)
    }

    /// The decoded body alone.
    pub fn into_value(self) -> T {
        self.value
    }
}

/// Per-request settings that replace the client's for one request.
#[derive(Clone, Default)]
pub(crate) struct RequestOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    /// Extra headers, as the caller gave them; checked when the request is sent.
    pub(crate) headers: Vec<(String, String)>,
    /// The request's URL and bodies hold a capability (a notification channel's id, whose
    /// holder reads its events): its bodies are never logged and its transport errors do not
    /// quote its URL.
    pub(crate) confidential: bool,
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values can be credentials (a gateway's API key): names only.
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("headers", &names)
            .field("confidential", &self.confidential)
            .finish()
    }
}

/// Every operation's request builder: `RequestBuilder<GetChatsRoomMessages>`, which generated
/// code names `GetChatsRoomMessagesRequest` and gives the setters of the operation's optional
/// parameters.
///
/// Set what you need, then `.await` it (or call [`send`](Self::send)); nothing is sent before.
/// Besides the operation's parameters, every request can have its own
/// [`timeout`](Self::timeout), [`retry_policy`](Self::retry_policy) and extra
/// [`header`](Self::header)s, and [`send_with_response`](Self::send_with_response) returns the
/// status and headers with the value.
///
/// ```no_run
/// # async fn example<P>(request: sdk_runtime::RequestBuilder<P>) -> Result<(), sdk_runtime::Error>
/// # where P: sdk_runtime::runtime::Operation, P::Output: std::fmt::Debug {
/// use std::time::Duration;
/// use sdk_runtime::RetryPolicy;
///
/// // `request` is any operation's builder, as an API group's method returns it.
/// let answer = request
///     .timeout(Duration::from_secs(5))
///     .retry_policy(RetryPolicy::disabled())
///     .header("X-Request-Purpose", "audit")
///     .send_with_response()
///     .await?;
/// println!("{} {:?}: {:?}", answer.status, answer.correlation_id(), answer.value);
/// # Ok(())
/// # }
/// ```
#[must_use = "a request does nothing until it is awaited or sent"]
#[derive(Clone)]
pub struct RequestBuilder<P> {
    pub(crate) client: Client,
    pub(crate) params: P,
    pub(crate) options: RequestOptions,
}

impl<P: fmt::Debug> fmt::Debug for RequestBuilder<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestBuilder")
            .field("params", &self.params)
            .field("options", &self.options)
            .field("client", &self.client)
            .finish()
    }
}

impl<P: Operation> RequestBuilder<P> {
    /// A builder for `params`, sent through `client`. Generated operation methods call this.
    #[doc(hidden)]
    pub fn new(client: Client, params: P) -> Self {
        RequestBuilder {
            client,
            params,
            options: RequestOptions::default(),
        }
    }

    /// Fails each attempt of this request that has not completed (response head and whole
    /// body) within `timeout`, instead of the client's
    /// [`timeout`](crate::runtime::ClientBuilder::timeout). Waiting for an OAuth token counts
    /// against it too.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Sends the header `name: value` with this request, replacing a header of the same name
    /// that the SDK would send (`User-Agent`, `Accept`, a header parameter); calling it again
    /// with the same name adds another value. `Authorization`, `Proxy-Authorization`, `Host`,
    /// `Content-Length` and `Transfer-Encoding` belong to the SDK: naming one of them, or a
    /// name or value that is not valid in a header, fails the request with
    /// [`Error::InvalidRequest`] when it is sent, before anything goes out. Values never appear
    /// in `Debug` output or logs, and never go to another origin: a request with headers of its
    /// own follows redirects only within the origin (a redirect elsewhere is returned as the
    /// 3xx [`Error::Api`]).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

    /// Retries this request as `policy` says, instead of the client's
    /// [`retry_policy`](crate::runtime::ClientBuilder::retry_policy).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.options.retry = Some(policy);
        self
    }

    /// Keeps this request's URL and bodies out of logs and error messages: they hold a
    /// capability (see `RequestOptions::confidential`). Plumbing for a profile's streams:
    /// public so that a crate without one has no dead code.
    #[doc(hidden)]
    pub fn confidential(mut self) -> Self {
        self.options.confidential = true;
        self
    }

    /// Sends the request and decodes the response.
    ///
    /// # Errors
    ///
    /// See [`Error`]: the service's error response, a transport failure, a timeout, a
    /// response body that does not decode, or a request that could not be built.
    pub async fn send(self) -> Result<P::Output, Error> {
        let response = self.response().await?;
        let endpoint = response.endpoint.clone();
        P::decode(response).map_err(|e| e.in_operation(&endpoint))
    }

    /// Sends the request and returns the decoded value with the response's status and
    /// headers (and so its correlation id).
    ///
    /// # Errors
    ///
    /// As [`send`](Self::send).
    pub async fn send_with_response(self) -> Result<WithResponse<P::Output>, Error> {
        let response = self.response().await?;
        let (status, headers) = (response.status, response.headers.clone());
        let endpoint = response.endpoint.clone();
        let value = P::decode(response).map_err(|e| e.in_operation(&endpoint))?;
        Ok(WithResponse {
            value,
            status,
            headers,
        })
    }

    /// Builds the request, sends it, and returns the success response undecoded.
    async fn response(self) -> Result<Response, Error> {
        let meta = P::META;
        let mut request = Request::new(
            meta.method.clone(),
            meta.path,
            meta.path.to_owned(),
            meta.idempotent,
            meta.accept,
        );
        request.security = meta.security;
        self.params.build(&mut request)?;
        self.client.execute(request, &self.options).await
    }
}

impl<P: Operation> IntoFuture for RequestBuilder<P> {
    type Output = Result<P::Output, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    /// Sends the request: `.await` on a builder is [`send`](RequestBuilder::send).
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
