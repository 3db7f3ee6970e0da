//! Authentication: a static bearer token, or an OAuth grant whose tokens are fetched from the
//! login host, cached, refreshed before they expire, and shared by every clone of a client.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::runtime::error::{ApiError, DecodeError};
use crate::runtime::retry::{self, Cause};
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

/// Fetches, caches and refreshes OAuth access tokens. One per client, shared by its clones.
pub(crate) struct TokenSource {
    client_id: String,
    client_secret: Secret,
    token_url: String,
    /// Held across the token request, so concurrent callers wait for one fetch instead of
    /// stampeding the token endpoint.
    state: tokio::sync::Mutex<TokenState>,
}

struct TokenState {
    grant: Grant,
    access: Option<(Secret, Instant)>,
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
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<String>,
}

impl TokenSource {
    pub(crate) fn new(
        client_id: String,
        client_secret: Secret,
        token_url: String,
        grant: Grant,
    ) -> Self {
        TokenSource {
            client_id,
            client_secret,
            token_url,
            state: tokio::sync::Mutex::new(TokenState {
                grant,
                access: None,
            }),
        }
    }

    /// A valid access token: the cached one, or a fresh one when it is missing or about to
    /// expire.
    pub(crate) async fn token(
        &self,
        http: &reqwest::Client,
        timeout: Duration,
        retry: &RetryPolicy,
    ) -> Result<Secret, Error> {
        let mut state = self.state.lock().await;
        if let Some((token, refresh_at)) = &state.access
            && Instant::now() < *refresh_at
        {
            return Ok(token.clone());
        }
        let fetched = self
            .fetch_with_retries(&state.grant, http, timeout, retry)
            .await?;
        let lifetime = Duration::from_secs(fetched.expires_in.unwrap_or(3600));
        let margin = REFRESH_MARGIN.min(lifetime / 2);
        let token = Secret::new(fetched.access_token);
        state.access = Some((token.clone(), Instant::now() + lifetime - margin));
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
    pub(crate) async fn invalidate(&self, rejected: &Secret) {
        let mut state = self.state.lock().await;
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
        http: &reqwest::Client,
        timeout: Duration,
        retry: &RetryPolicy,
    ) -> Result<TokenResponse, Error> {
        let mut attempt = 1;
        let mut waited = Duration::ZERO;
        loop {
            let error = match self.fetch(grant, http, timeout).await {
                Ok(token) => return Ok(token),
                Err(e) => e,
            };
            let cause = match &error {
                Error::Auth(e) => Cause::Status(e.status, retry::retry_after(&e.headers)),
                Error::Transport(e) if e.is_connect() => Cause::Connect,
                _ => return Err(error),
            };
            let Some(delay) = retry::retry_delay(retry, attempt, waited, true, cause) else {
                return Err(error);
            };
            tracing::warn!(?delay, error = %error, "retrying the token request");
            tokio::time::sleep(delay).await;
            waited += delay;
            attempt += 1;
        }
    }

    async fn fetch(
        &self,
        grant: &Grant,
        http: &reqwest::Client,
        timeout: Duration,
    ) -> Result<TokenResponse, Error> {
        let (body, grant_type) = form(grant);
        tracing::debug!(grant_type, token_url = %self.token_url, "requesting an OAuth access token");
        let response = http
            .post(&self.token_url)
            .timeout(timeout)
            .basic_auth(&self.client_id, Some(self.client_secret.expose()))
            .header(reqwest::header::USER_AGENT, crate::runtime::USER_AGENT)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body)
            .send()
            .await
            .map_err(retry::transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.map_err(retry::transport)?;
        if !status.is_success() {
            return Err(Error::Auth(Box::new(ApiError::new(status, headers, body))));
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
            }))
        })
    }
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
