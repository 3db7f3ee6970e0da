//! Sending a [`Request`]: authentication, retries, one token refresh on 401, decoding.

use std::time::Duration;

use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use crate::runtime::auth::Auth;
use crate::runtime::error::{ApiError, CORRELATION_ID_HEADER, DecodeError};
use crate::runtime::retry::{self, Cause};
use crate::runtime::{Client, Error, Request};

/// A response the service sent: status, headers, body.
pub type Raw = (
    reqwest::StatusCode,
    reqwest::header::HeaderMap,
    bytes::Bytes,
);

impl Client {
    /// Sends `request` and decodes a JSON response as `T`.
    #[doc(hidden)]
    pub async fn send_json<T: DeserializeOwned>(&self, request: Request) -> Result<T, Error> {
        let (status, headers, body) = self.execute(request).await?;
        decode_json(status, headers, body)
    }

    /// Sends `request` and returns the response body as bytes.
    #[doc(hidden)]
    pub async fn send_bytes(&self, request: Request) -> Result<bytes::Bytes, Error> {
        self.execute(request).await.map(|(_, _, body)| body)
    }

    /// Sends `request` and returns the response body as text.
    #[doc(hidden)]
    pub async fn send_text(&self, request: Request) -> Result<String, Error> {
        let (status, headers, body) = self.execute(request).await?;
        decode_text(status, headers, body)
    }

    /// Sends `request` and returns the success response as it came, for operations whose
    /// statuses answer with different bodies.
    #[doc(hidden)]
    pub async fn send_raw(&self, request: Request) -> Result<Raw, Error> {
        self.execute(request).await
    }

    /// Sends `request` and ignores any response body.
    #[doc(hidden)]
    pub async fn send_empty(&self, request: Request) -> Result<(), Error> {
        self.execute(request).await.map(|_| ())
    }

    /// Sends `request` with authentication, retries and one token refresh on 401.
    async fn execute(&self, request: Request) -> Result<Raw, Error> {
        let inner = &self.inner;
        let path = request.checked_path()?;
        let mut url = reqwest::Url::parse(&format!("{}{path}", inner.base_url)).map_err(|e| {
            Error::InvalidRequest(format!("{} {}: {e}", request.method, request.path_template))
        })?;
        if !request.query.is_empty() {
            // Already percent-encoded by the parameters' styles; the URL keeps it as it is.
            url.set_query(Some(&request.query.join("&")));
        }
        let span = tracing::debug_span!(
            "request",
            method = %request.method,
            path = request.path_template,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            correlation_id = tracing::field::Empty,
        );
        let mut attempt: u32 = 1;
        let mut waited = Duration::ZERO;
        let mut refreshed = false;
        loop {
            span.record("attempt", attempt);
            let token = match &inner.auth {
                Auth::None => None,
                Auth::Static(token) => Some(token.clone()),
                Auth::Grant(source) => Some(
                    source
                        .token(&inner.http, inner.timeout, &inner.retry)
                        .instrument(span.clone())
                        .await?,
                ),
            };
            let mut builder = inner
                .http
                .request(request.method.clone(), url.clone())
                .timeout(inner.timeout)
                .header(reqwest::header::USER_AGENT, crate::runtime::USER_AGENT)
                .header(reqwest::header::ACCEPT, request.accept);
            for (name, value) in &request.headers {
                let value = reqwest::header::HeaderValue::from_str(value).map_err(|_| {
                    Error::InvalidRequest(format!(
                        "the value of header `{name}` is not a valid header value"
                    ))
                })?;
                builder = builder.header(*name, value);
            }
            if let Some(token) = &token {
                builder = builder.bearer_auth(token.expose());
            }
            if let Some((content_type, body)) = &request.body {
                builder = builder
                    .header(reqwest::header::CONTENT_TYPE, content_type.as_str())
                    .body(body.clone());
            }
            let outcome = async {
                let response = builder.send().await?;
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.bytes().await?;
                Ok::<Raw, reqwest::Error>((status, headers, body))
            }
            .instrument(span.clone())
            .await;
            let (error, delay) = match outcome {
                Ok((status, headers, body)) => {
                    span.record("status", status.as_u16());
                    if let Some(id) = headers
                        .get(CORRELATION_ID_HEADER)
                        .and_then(|v| v.to_str().ok())
                    {
                        span.record("correlation_id", id);
                    }
                    if status.is_success() {
                        span.in_scope(|| tracing::debug!("success"));
                        return Ok((status, headers, body));
                    }
                    if status == reqwest::StatusCode::UNAUTHORIZED
                        && !refreshed
                        && let (Auth::Grant(source), Some(token)) = (&inner.auth, &token)
                    {
                        span.in_scope(|| tracing::debug!("token rejected; refreshing it once"));
                        source.invalidate(token).await;
                        refreshed = true;
                        continue;
                    }
                    let cause = Cause::Status(status, retry::retry_after(&headers));
                    let delay = retry::retry_delay(
                        &inner.retry,
                        attempt,
                        waited,
                        request.idempotent,
                        cause,
                    );
                    let error = Error::Api(Box::new(ApiError::new(status, headers, body)));
                    (error, delay)
                }
                Err(e) => {
                    // A failed connect never reached the service, so any method may retry it.
                    let delay = if e.is_connect() {
                        retry::retry_delay(
                            &inner.retry,
                            attempt,
                            waited,
                            request.idempotent,
                            Cause::Connect,
                        )
                    } else {
                        None
                    };
                    (retry::transport(e), delay)
                }
            };
            match delay {
                Some(delay) => {
                    span.in_scope(|| tracing::warn!(?delay, error = %error, "retrying"));
                    tokio::time::sleep(delay).await;
                    waited += delay;
                    attempt += 1;
                }
                None => return Err(error),
            }
        }
    }
}

/// Decodes a JSON body as `T`, keeping the bytes when it does not fit.
///
/// # Errors
///
/// [`Error::Decode`] with the body and the decoder's message.
pub fn decode_json<T: DeserializeOwned>(
    status: reqwest::StatusCode,
    headers: reqwest::header::HeaderMap,
    body: bytes::Bytes,
) -> Result<T, Error> {
    serde_json::from_slice(&body).map_err(|e| {
        Error::Decode(Box::new(DecodeError {
            status,
            headers,
            body,
            message: e.to_string(),
            expected: std::any::type_name::<T>(),
        }))
    })
}

/// Decodes a body as UTF-8 text, keeping the bytes when it is not.
///
/// # Errors
///
/// [`Error::Decode`] with the body and the position of the first invalid byte.
pub fn decode_text(
    status: reqwest::StatusCode,
    headers: reqwest::header::HeaderMap,
    body: bytes::Bytes,
) -> Result<String, Error> {
    match std::str::from_utf8(&body) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => Err(Error::Decode(Box::new(DecodeError {
            status,
            headers,
            body,
            message: e.to_string(),
            expected: "UTF-8 text",
        }))),
    }
}
