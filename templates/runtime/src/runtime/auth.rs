//! Authentication: a static bearer token, or an OAuth grant whose tokens are fetched from the
//! login host, cached, refreshed before they expire, and shared by every clone of a client.
//!
//! One token request at most is in flight per client. It runs as a task of its own, so that
//! callers that give up (their timeout fired, they were dropped) do not cancel it for the
//! others; every caller waits for it at most its own timeout, and all of them get its result,
//! a token or the error. Token requests never follow redirects: a login host that redirects
//! could otherwise send the grant (a secret, a refresh token) to another origin.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

use crate::runtime::error::{
    ApiError, DecodeError, TimeoutError, TimeoutKind, TransportError, TransportPhase,
};
use crate::runtime::retry::{self, Cause};
use crate::runtime::send::{BodyError, deadline_after, read_body};
use crate::runtime::{Error, RetryPolicy};

/// A secret string: its `Debug` output is redacted, so it never reaches logs or error messages.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(pub(crate) Arc<str>);

impl Secret {
    pub(crate) fn new(value: impl Into<String>) -> Self {
        Secret(value.into().into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

/// How a client authenticates its requests.
#[derive(Debug, Clone)]
pub(crate) enum Auth {
    /// No `Authorization` header.
    None,
    /// The same bearer token on every request.
    Static(Secret),
    /// Tokens from an OAuth grant.
    Grant(Arc<TokenSource>),
}

/// The OAuth grants the client can use, as configured on the builder.
#[derive(Debug, Clone)]
pub(crate) enum Grant {
    /// `grant_type=client_credentials`.
    ClientCredentials,
    /// `grant_type=authorization_code`, then `refresh_token` for later tokens.
    AuthorizationCode { code: Secret, redirect_uri: String },
    /// `grant_type=refresh_token`, resuming an authorization-code session.
    RefreshToken { refresh_token: Secret },
    /// `grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer`.
    Saml2Bearer { assertion: Secret, org_name: String },
}

/// Tokens are refreshed this long before they expire (or at half their lifetime, if shorter).
const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// A token is used for at most this long, whatever lifetime the login service claims
/// (`expires_in` can be any number, and an instant that far ahead does not exist).
const MAX_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// The lifetime assumed when the token response gives none.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// Where a token request's result is published: `None` until it is done.
type Outcome = Option<Result<Secret, Error>>;

/// Fetches, caches and refreshes OAuth access tokens. One per client, shared by its clones.
pub(crate) struct TokenSource {
    client_id: String,
    client_secret: Secret,
    token_url: String,
    /// The client token requests go through; it never follows redirects.
    http: reqwest::Client,
    /// Never held across an await.
    state: Mutex<TokenState>,
}

struct TokenState {
    grant: Grant,
    access: Option<(Secret, Instant)>,
    /// The token request in flight, if one is.
    fetching: Option<watch::Receiver<Outcome>>,
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSource")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("token_url", &self.token_url)
            .finish_non_exhaustive()
    }
}

#[derive(serde::Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
    #[serde(default)]
    refresh_token: Option<String>,
}

/// How long to use a token whose response says `expires_in`: a number of seconds (or a string
/// holding one), capped at [`MAX_LIFETIME`]; negative is already expired; anything else, or
/// nothing, is [`DEFAULT_LIFETIME`].
fn lifetime(expires_in: Option<&serde_json::Value>) -> Duration {
    let seconds = match expires_in {
        Some(serde_json::Value::Number(n)) => n.as_f64(),
        Some(serde_json::Value::String(s)) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match seconds {
        Some(s) if s.is_finite() => {
            Duration::try_from_secs_f64(s.max(0.0)).map_or(MAX_LIFETIME, |d| d.min(MAX_LIFETIME))
        }
        Some(_) => MAX_LIFETIME,
        None => DEFAULT_LIFETIME,
    }
}

/// What the client needs to fetch a token: the retry policy and timeout of its requests.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FetchPolicy {
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) max_response_size: u64,
}

impl TokenSource {
    pub(crate) fn new(
        client_id: String,
        client_secret: Secret,
        token_url: String,
        grant: Grant,
        http: reqwest::Client,
    ) -> Self {
        TokenSource {
            client_id,
            client_secret,
            token_url,
            http,
            state: Mutex::new(TokenState {
                grant,
                access: None,
                fetching: None,
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, TokenState> {
        // The state is consistent after every statement that changes it: a panic elsewhere
        // while it was held leaves nothing half done.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A valid access token: the cached one, or the result of the token request in flight,
    /// starting one if none is. Waits at most `policy.timeout`.
    pub(crate) async fn token(self: &Arc<Self>, policy: FetchPolicy) -> Result<Secret, Error> {
        let mut outcome = {
            let mut state = self.state();
            if let Some((token, refresh_at)) = &state.access
                && Instant::now() < *refresh_at
            {
                return Ok(token.clone());
            }
            match &state.fetching {
                Some(fetching) => fetching.clone(),
                None => {
                    let (publish, outcome) = watch::channel(None);
                    state.fetching = Some(outcome.clone());
                    let grant = state.grant.clone();
                    let source = Arc::clone(self);
                    tokio::spawn(async move {
                        let result = source.fetch_and_store(grant, policy).await;
                        // Nobody may be waiting any more; the token is cached all the same.
                        let _ = publish.send(Some(result));
                    });
                    outcome
                }
            }
        };
        match tokio::time::timeout(policy.timeout, outcome.wait_for(Option::is_some)).await {
            Ok(Ok(result)) => match &*result {
                Some(result) => result.clone(),
                None => Err(abandoned()),
            },
            // The task ended without publishing: it panicked, or the runtime is shutting down.
            Ok(Err(_)) => Err(abandoned()),
            Err(_) => Err(Error::Timeout(Box::new(TimeoutError::new(
                TimeoutKind::Token,
                policy.timeout,
            )))),
        }
    }

    /// Runs a token request (with retries), caches its token, and clears `fetching`.
    async fn fetch_and_store(&self, grant: Grant, policy: FetchPolicy) -> Result<Secret, Error> {
        let result = self.fetch_with_retries(&grant, policy).await;
        let mut state = self.state();
        state.fetching = None;
        let fetched = result?;
        let lifetime = lifetime(fetched.expires_in.as_ref());
        let margin = REFRESH_MARGIN.min(lifetime / 2);
        let now = Instant::now();
        let refresh_at = now.checked_add(lifetime - margin).unwrap_or(now);
        let token = Secret::new(fetched.access_token);
        state.access = Some((token.clone(), refresh_at));
        let renews_with_refresh_token = matches!(
            state.grant,
            Grant::AuthorizationCode { .. } | Grant::RefreshToken { .. }
        );
        if let (Some(refresh), true) = (fetched.refresh_token, renews_with_refresh_token) {
            // Only code-based sessions move to refresh tokens: a client-credentials or SAML2
            // client keeps its own grant, which cannot be revoked the way a refresh token can.
            state.grant = Grant::RefreshToken {
                refresh_token: Secret::new(refresh),
            };
        } else if matches!(state.grant, Grant::AuthorizationCode { .. }) {
            // A code works once; without a refresh token there is nothing to renew with.
            tracing::warn!(
                "the token endpoint returned no refresh token for an authorization code"
            );
        }
        Ok(token)
    }

    /// Forgets `rejected` (the service answered 401 to it), unless another task already
    /// replaced it.
    pub(crate) fn invalidate(&self, rejected: &Secret) {
        let mut state = self.state();
        if state
            .access
            .as_ref()
            .is_some_and(|(token, _)| token == rejected)
        {
            state.access = None;
        }
    }

    /// [`fetch`](Self::fetch) under the client's retry policy: asking for a token again is
    /// harmless, so 429, 502, 503, 504 and failed connects are retried like idempotent requests.
    async fn fetch_with_retries(
        &self,
        grant: &Grant,
        policy: FetchPolicy,
    ) -> Result<TokenResponse, Error> {
        let mut attempt = 1;
        let mut waited = Duration::ZERO;
        loop {
            let error = match self.fetch(grant, policy).await {
                Ok(token) => return Ok(token),
                Err(e) => e,
            };
            let cause = match &error {
                Error::Auth(e) | Error::LoginService(e) => {
                    Cause::Status(e.status, retry::retry_after(&e.headers))
                }
                Error::Transport(e) if e.is_connect() => Cause::Connect,
                _ => return Err(error),
            };
            let Some(delay) = retry::retry_delay(&policy.retry, attempt, waited, true, cause)
            else {
                return Err(error);
            };
            tracing::warn!(?delay, error = %error, "retrying the token request");
            tokio::time::sleep(delay).await;
            waited = waited.saturating_add(delay);
            attempt += 1;
        }
    }

    async fn fetch(&self, grant: &Grant, policy: FetchPolicy) -> Result<TokenResponse, Error> {
        let (body, grant_type) = form(grant);
        tracing::debug!(grant_type, token_url = %self.token_url, "requesting an OAuth access token");
        let deadline = deadline_after(policy.timeout);
        let timeout = || {
            Error::Timeout(Box::new(TimeoutError::new(
                TimeoutKind::Token,
                policy.timeout,
            )))
        };
        let transport = |e: reqwest::Error| {
            if e.is_timeout() {
                Error::Timeout(Box::new(
                    TimeoutError::new(TimeoutKind::Token, policy.timeout).caused_by(e),
                ))
            } else {
                Error::Transport(Box::new(TransportError::new(TransportPhase::Token, e)))
            }
        };
        let sending = self
            .http
            .post(&self.token_url)
            .basic_auth(&self.client_id, Some(self.client_secret.expose()))
            .header(reqwest::header::USER_AGENT, crate::runtime::USER_AGENT)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body)
            .send();
        let response = tokio::time::timeout_at(deadline, sending)
            .await
            .map_err(|_| timeout())?
            .map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = match read_body(response, policy.max_response_size, deadline).await {
            Ok(body) => body,
            Err(BodyError::TooLarge(e)) => return Err(Error::TooLarge(e)),
            Err(BodyError::Timeout { .. }) => return Err(timeout()),
            Err(BodyError::Transport(e)) => return Err(transport(e)),
        };
        if !status.is_success() {
            let error = ApiError::from_login(status, headers, body);
            return Err(if error.is_refusal() {
                Error::Auth(Box::new(error))
            } else {
                Error::LoginService(Box::new(error))
            });
        }
        serde_json::from_slice(&body).map_err(|e| {
            Error::Decode(Box::new(DecodeError {
                status,
                headers,
                // The body holds the new token: keep it out of the error.
                body: bytes::Bytes::new(),
                // Only the position: serde's message could quote part of a token.
                message: format!(
                    "{:?} error at line {} column {}",
                    e.classify(),
                    e.line(),
                    e.column()
                ),
                expected: "OAuth token response",
                operation: None,
            }))
        })
    }
}

/// The token task ended without an answer.
fn abandoned() -> Error {
    Error::InvalidRequest(
        "the token request was abandoned (its task ended without an answer: is the runtime \
         shutting down?)"
            .into(),
    )
}

/// The token request's form body, and the grant's name for logs (never a secret).
fn form(grant: &Grant) -> (String, &'static str) {
    let mut form = form_urlencoded::Serializer::new(String::new());
    let grant_type = match grant {
        Grant::ClientCredentials => {
            form.append_pair("grant_type", "client_credentials");
            "client_credentials"
        }
        Grant::AuthorizationCode { code, redirect_uri } => {
            form.append_pair("grant_type", "authorization_code");
            form.append_pair("code", code.expose());
            form.append_pair("redirect_uri", redirect_uri);
            "authorization_code"
        }
        Grant::RefreshToken { refresh_token } => {
            form.append_pair("grant_type", "refresh_token");
            form.append_pair("refresh_token", refresh_token.expose());
            "refresh_token"
        }
        Grant::Saml2Bearer {
            assertion,
            org_name,
        } => {
            form.append_pair(
                "grant_type",
                "urn:ietf:params:oauth:grant-type:saml2-bearer",
            );
            form.append_pair("orgName", org_name);
            form.append_pair("assertion", assertion.expose());
            "saml2-bearer"
        }
    };
    (form.finish(), grant_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_lifetimes_are_capped_and_never_overflow() {
        let secs = Duration::from_secs;
        let table = [
            (None, DEFAULT_LIFETIME),
            (Some(serde_json::json!(3600)), secs(3600)),
            (Some(serde_json::json!("120")), secs(120)),
            (Some(serde_json::json!(0)), secs(0)),
            (Some(serde_json::json!(-5)), secs(0)),
            (Some(serde_json::json!(1.5)), Duration::from_millis(1500)),
            (Some(serde_json::json!(u64::MAX)), MAX_LIFETIME),
            (Some(serde_json::json!(i64::MAX)), MAX_LIFETIME),
            (Some(serde_json::json!(1e300)), MAX_LIFETIME),
            (Some(serde_json::json!("soon")), DEFAULT_LIFETIME),
            (Some(serde_json::json!(null)), DEFAULT_LIFETIME),
        ];
        for (expires_in, want) in table {
            assert_eq!(lifetime(expires_in.as_ref()), want, "{expires_in:?}");
        }
    }
}
