//! Sending a [`Request`]: the credentials its operation's security requirement selects,
//! retries, one token refresh on 401, the request timeout, the response size limit,
//! per-request options, body logging, and a `tracing` event when a request finally fails.
//! Every error that leaves here names the operation.

use std::time::Duration;

use tracing::Instrument as _;

use crate::runtime::auth::{FetchPolicy, Secret};
use crate::runtime::error::{
    ApiError, Endpoint, MissingCredentialsError, TimeoutError, TimeoutKind, TransportError,
    TransportPhase,
};
use crate::runtime::logging;
use crate::runtime::operation::{RequestOptions, Response};
use crate::runtime::retry::{self, Backoff, Cause};
use crate::runtime::security::{Held, KeyLocation, Placement, Scheme};
use crate::runtime::transfer::{BodyError, deadline_after, read_body};
use crate::runtime::{Client, Error, Request};

/// A response the service sent: status, headers, body.
pub(crate) type Raw = (
    reqwest::StatusCode,
    reqwest::header::HeaderMap,
    bytes::Bytes,
);

/// Headers a caller may not set on a request: they carry the client's credentials or the
/// message framing.
const RESERVED_HEADERS: [reqwest::header::HeaderName; 5] = [
    reqwest::header::AUTHORIZATION,
    reqwest::header::PROXY_AUTHORIZATION,
    reqwest::header::HOST,
    reqwest::header::CONTENT_LENGTH,
    reqwest::header::TRANSFER_ENCODING,
];

impl Client {
    /// Sends `request` and ignores any response body.
    #[doc(hidden)]
    pub async fn send_empty(&self, request: Request) -> Result<(), Error> {
        self.execute(request, &RequestOptions::default())
            .await
            .map(|_| ())
    }

    /// Sends `request` with authentication, retries and one token refresh on 401, under
    /// `options`; reports a final failure as a `tracing` event.
    pub(crate) async fn execute(
        &self,
        request: Request,
        options: &RequestOptions,
    ) -> Result<Response, Error> {
        let endpoint = request.endpoint();
        let span = tracing::debug_span!(
            "request",
            method = %request.method,
            path = request.path_template,
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            correlation_id = tracing::field::Empty,
        );
        match self.attempts(&request, &endpoint, options, &span).await {
            Ok((status, headers, body)) => Ok(Response {
                status,
                headers,
                body,
                endpoint,
            }),
            Err(error) => {
                let error = error.in_operation(&endpoint);
                span.in_scope(|| report_failure(&error));
                Err(error)
            }
        }
    }

    async fn attempts(
        &self,
        request: &Request,
        endpoint: &Endpoint,
        options: &RequestOptions,
        span: &tracing::Span,
    ) -> Result<Raw, Error> {
        let inner = &self.inner;
        let timeout = options.timeout.unwrap_or(inner.timeout);
        let policy = options.retry.unwrap_or(inner.retry);
        let path = request.checked_path()?;
        let mut url = reqwest::Url::parse(&format!("{}{path}", inner.base_url))
            .map_err(|e| Error::InvalidRequest(format!("{endpoint}: {e}")))?;
        if !request.query.is_empty() {
            // Already percent-encoded by the parameters' styles; the URL keeps it as it is.
            url.set_query(Some(&request.query.join("&")));
        }
        let selected = inner.credentials.select(request.security).map_err(|()| {
            Error::MissingCredentials(Box::new(MissingCredentialsError::new(
                endpoint.clone(),
                request.security,
            )))
        })?;
        // API keys: in the query, the cookie header or a header of their own, set once.
        let mut cookies = Vec::new();
        let mut key_headers = Vec::new();
        let mut query_keys = false;
        for (scheme, held) in &selected {
            let (Placement::ApiKey { location, name }, Held::Value(key)) = (scheme.placement, held)
            else {
                continue;
            };
            match location {
                KeyLocation::Query => {
                    url.query_pairs_mut().append_pair(name, key.expose());
                    query_keys = true;
                }
                KeyLocation::Cookie => cookies.push(format!("{name}={}", key.expose())),
                KeyLocation::Header => key_headers.push((name, key)),
            }
        }
        let headers = headers(
            request,
            endpoint,
            options,
            &inner.default_headers,
            &key_headers,
            &cookies,
        )?;
        let log_bodies = inner.log_bodies && !options.confidential;
        if log_bodies {
            let body = request.body.as_ref().map(|(t, b)| (t.as_ref(), b.as_ref()));
            span.in_scope(|| logging::request_body(body));
        }
        // Credentials of the request's own follow no redirect to another origin.
        let own_headers = !request.headers.is_empty()
            || !inner.default_headers.is_empty()
            || !options.headers.is_empty()
            || !key_headers.is_empty()
            || !cookies.is_empty()
            || query_keys;
        let http = match &inner.http_same_origin {
            Some(http) if own_headers => http,
            _ => &inner.http,
        };
        let mut backoff = Backoff::new(policy, request.idempotent);
        let mut refreshed = false;
        loop {
            span.record("attempt", backoff.attempt());
            let fetch = FetchPolicy {
                timeout,
                ..inner.fetch_policy()
            };
            // The `Authorization` header and the OAuth tokens it was made from.
            let mut authorization: Option<Secret> = None;
            let mut tokens = Vec::new();
            for (scheme, held) in &selected {
                let value = match (scheme.placement, held) {
                    (Placement::ApiKey { .. }, _) => continue,
                    (Placement::Basic, Held::Basic(value)) => value.clone(),
                    (Placement::Authorization { scheme }, Held::Value(value)) => {
                        Secret::new(format!("{scheme} {}", value.expose()))
                    }
                    (Placement::Authorization { scheme }, Held::OAuth(source)) => {
                        let token = source.token(fetch).instrument(span.clone()).await?;
                        let value = Secret::new(format!("{scheme} {}", token.expose()));
                        tokens.push((source, token));
                        value
                    }
                    // A setter made a credential its scheme cannot send.
                    (placement, _) => return Err(mismatch(scheme, placement)),
                };
                // Two schemes required together that both use `Authorization` cannot both be
                // sent: the first one is.
                authorization.get_or_insert(value);
            }
            // The credential's `Authorization` replaces a default header of that name.
            let mut attempt_headers = headers.clone();
            if let Some(value) = &authorization {
                let mut value =
                    reqwest::header::HeaderValue::from_str(value.expose()).map_err(|_| {
                        Error::InvalidRequest(format!(
                            "{endpoint}: the credential is not valid in an `Authorization` header"
                        ))
                    })?;
                value.set_sensitive(true);
                attempt_headers.insert(reqwest::header::AUTHORIZATION, value);
            }
            let mut builder = http
                .request(request.method.clone(), url.clone())
                .headers(attempt_headers);
            builder = match &request.body {
                Some((content_type, body)) => builder
                    .header(reqwest::header::CONTENT_TYPE, content_type.as_ref())
                    .body(body.clone()),
                // Some gateways answer 411 to a POST, PUT or PATCH without a length.
                None if expects_body(&request.method) => {
                    builder.header(reqwest::header::CONTENT_LENGTH, "0")
                }
                None => builder,
            };
            let outcome = self
                .attempt(builder, timeout, query_keys || options.confidential)
                .instrument(span.clone())
                .await;
            let (error, cause) = match outcome {
                Ok((status, headers, body)) => {
                    span.record("status", status.as_u16());
                    if let Some(id) = crate::runtime::error::correlation_id(&headers) {
                        span.record("correlation_id", id);
                    }
                    if log_bodies {
                        span.in_scope(|| logging::response_body(status, &headers, &body));
                    }
                    if status.is_success() {
                        span.in_scope(|| tracing::debug!("success"));
                        return Ok((status, headers, body));
                    }
                    if status == reqwest::StatusCode::UNAUTHORIZED
                        && !refreshed
                        && !tokens.is_empty()
                    {
                        span.in_scope(|| tracing::debug!("token rejected; refreshing it once"));
                        for (source, token) in &tokens {
                            source.invalidate(token);
                        }
                        refreshed = true;
                        continue;
                    }
                    let cause = Cause::Status(status, retry::retry_after(&headers));
                    // `execute` attributes it to the operation.
                    let error = ApiError::new(status, headers, body);
                    (Error::Api(Box::new(error)), Some(cause))
                }
                Err(error) => {
                    // A failed connect never reached the service, so any method may retry it.
                    let connect = matches!(&error, Error::Transport(e) if e.is_connect());
                    (error, connect.then_some(Cause::Connect))
                }
            };
            let again = match cause {
                Some(cause) => backoff.retry(cause, &error).instrument(span.clone()).await,
                None => false,
            };
            if !again {
                return Err(error);
            }
        }
    }

    /// One attempt: send, then read the body, all within the request timeout and the size
    /// limit. Errors of a request whose URL holds a secret (an API key in the query, a
    /// confidential request) do not quote its URL.
    async fn attempt(
        &self,
        builder: reqwest::RequestBuilder,
        limit: Duration,
        secret_url: bool,
    ) -> Result<Raw, Error> {
        let redact = |e: reqwest::Error| if secret_url { e.without_url() } else { e };
        let inner = &self.inner;
        let deadline = deadline_after(limit);
        let timeout = |kind| Error::Timeout(Box::new(TimeoutError::new(kind, limit)));
        let sent = tokio::time::timeout_at(deadline, builder.send()).await;
        let response = match sent.map(|result| result.map_err(redact)) {
            Err(_) => return Err(timeout(TimeoutKind::Response)),
            Ok(Err(e)) if e.is_timeout() => {
                // The HTTP client's own timeouts: ours for connecting, or the caller's client's.
                let (kind, limit) = if e.is_connect() {
                    (TimeoutKind::Connect, inner.connect_timeout)
                } else {
                    (TimeoutKind::Response, limit)
                };
                return Err(Error::Timeout(Box::new(
                    TimeoutError::new(kind, limit).caused_by(e),
                )));
            }
            Ok(Err(e)) => {
                let phase = TransportPhase::Request;
                return Err(Error::Transport(Box::new(TransportError::new(phase, e))));
            }
            Ok(Ok(response)) => response,
        };
        let status = response.status();
        let headers = response.headers().clone();
        match read_body(response, inner.max_response_size, deadline)
            .await
            .map_err(|e| match e {
                BodyError::Transport(e) => BodyError::Transport(redact(e)),
                other => other,
            }) {
            Ok(body) => Ok((status, headers, body)),
            Err(BodyError::TooLarge(e)) => Err(Error::TooLarge(e)),
            Err(BodyError::Timeout { received }) => Err(Error::Timeout(Box::new(
                TimeoutError::new(TimeoutKind::Body, limit).received(received),
            ))),
            Err(BodyError::Transport(e)) if e.is_timeout() => Err(Error::Timeout(Box::new(
                TimeoutError::new(TimeoutKind::Body, limit).caused_by(e),
            ))),
            Err(BodyError::Transport(e)) => Err(Error::Transport(Box::new(TransportError::new(
                TransportPhase::Body,
                e,
            )))),
        }
    }
}

/// The headers of every attempt: the client's default headers, replaced by the request's
/// header parameters, `User-Agent` and `Accept`, the API keys of its credentials (`keys` as
/// headers, `cookies` added to its `Cookie` header), then the caller's extra headers, each
/// name of which replaces the SDK's.
fn headers(
    request: &Request,
    endpoint: &Endpoint,
    options: &RequestOptions,
    defaults: &reqwest::header::HeaderMap,
    keys: &[(&'static str, &Secret)],
    cookies: &[String],
) -> Result<reqwest::header::HeaderMap, Error> {
    use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
    let invalid_value = |name: &str| {
        Error::InvalidRequest(format!(
            "{endpoint}: the value of header `{name}` is not a valid header value"
        ))
    };
    let mut own = HeaderMap::new();
    let mut cookies_sent = cookies.is_empty();
    for (name, value) in &request.headers {
        let mut value = if *name == "Cookie" && !cookies_sent {
            cookies_sent = true;
            let mut value = HeaderValue::from_str(&format!("{value}; {}", cookies.join("; ")))
                .map_err(|_| invalid_value(name))?;
            value.set_sensitive(true);
            value
        } else {
            HeaderValue::from_str(value).map_err(|_| invalid_value(name))?
        };
        if *name == "Cookie" {
            value.set_sensitive(true);
        }
        own.append(*name, value);
    }
    if !cookies_sent {
        let mut value =
            HeaderValue::from_str(&cookies.join("; ")).map_err(|_| invalid_value("Cookie"))?;
        value.set_sensitive(true);
        own.append(reqwest::header::COOKIE, value);
    }
    for (name, key) in keys {
        let parsed = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            Error::InvalidRequest(format!("{endpoint}: `{name}` is not a valid header name"))
        })?;
        let mut value = HeaderValue::from_str(key.expose()).map_err(|_| invalid_value(name))?;
        value.set_sensitive(true);
        own.insert(parsed, value);
    }
    // The defaults, except where the request has a header of the name.
    let mut headers = HeaderMap::new();
    for (name, value) in defaults {
        if !own.contains_key(name) {
            headers.append(name, value.clone());
        }
    }
    let mut last = None;
    for (name, value) in own {
        // `HeaderMap::into_iter` names only the first value of each name.
        if let Some(name) = name {
            last = Some(name);
        }
        if let Some(name) = &last {
            headers.append(name.clone(), value);
        }
    }
    headers.insert(
        reqwest::header::USER_AGENT,
        HeaderValue::from_static(crate::runtime::USER_AGENT),
    );
    let accept = HeaderValue::from_str(request.accept).map_err(|_| invalid_value("Accept"))?;
    headers.insert(reqwest::header::ACCEPT, accept);
    let mut replaced: Vec<HeaderName> = Vec::new();
    for (name, value) in &options.headers {
        let parsed = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            Error::InvalidRequest(format!("{endpoint}: `{name}` is not a valid header name"))
        })?;
        if RESERVED_HEADERS.contains(&parsed) {
            return Err(Error::InvalidRequest(format!(
                "{endpoint}: the header `{name}` is set by the client and cannot be given per \
                 request"
            )));
        }
        let mut value = HeaderValue::from_str(value).map_err(|_| invalid_value(name))?;
        value.set_sensitive(true);
        if !replaced.contains(&parsed) {
            headers.remove(&parsed);
            replaced.push(parsed.clone());
        }
        headers.append(parsed, value);
    }
    Ok(headers)
}

/// The `tracing` event of a request that failed for good (retries, if any, are over): `WARN`,
/// except answers in 400–499 other than 429, which are the caller's to handle and are `DEBUG`.
fn report_failure(error: &Error) {
    let status = error.status().map(|s| s.as_u16());
    let correlation_id = error.correlation_id();
    match status {
        Some(400..=499) if status != Some(429) => {
            tracing::debug!(status, correlation_id, error = %error, "request failed");
        }
        _ => tracing::warn!(status, correlation_id, error = %error, "request failed"),
    }
}

/// A credential that its scheme cannot send (a generated setter and its scheme disagree).
fn mismatch(scheme: &Scheme, placement: Placement) -> Error {
    Error::InvalidRequest(format!(
        "the credential of the security scheme `{}` (ClientBuilder::{}) cannot be sent as \
         {placement:?}",
        scheme.name, scheme.setter
    ))
}

/// Whether `method` normally carries a body, so that an empty one is announced.
fn expects_body(method: &reqwest::Method) -> bool {
    matches!(
        *method,
        reqwest::Method::POST | reqwest::Method::PUT | reqwest::Method::PATCH
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_post_put_and_patch_announce_an_empty_body() {
        use reqwest::Method;
        let table = [
            (Method::POST, true),
            (Method::PUT, true),
            (Method::PATCH, true),
            (Method::GET, false),
            (Method::DELETE, false),
            (Method::HEAD, false),
        ];
        for (method, want) in table {
            assert_eq!(expects_body(&method), want, "{method}");
        }
    }
}
