//! OAuth 2 tokens: fetched from a token endpoint with a grant, cached, refreshed before they
//! expire, and shared by every clone of a client; and PKCE verifiers for public clients.
//!
//! One token request at most is in flight per client. It runs as a task of its own, so that
//! callers that give up (their timeout fired, they were dropped) do not cancel it for the
//! others; every caller waits for it at most its own timeout, and all of them get its result,
//! a token or the error. Token requests never follow redirects: a token endpoint that redirects
//! could otherwise send the grant (a secret, a refresh token) to another origin.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

use crate::runtime::error::{
    ApiError, DecodeError, TimeoutError, TimeoutKind, TransportError, TransportPhase,
};
use crate::runtime::retry::{self, Backoff, Cause};
use crate::runtime::transfer::{BodyError, deadline_after, read_body};
use crate::runtime::{Error, RetryPolicy};

/// A secret string: its `Debug` output is redacted, so it never reaches logs or error messages.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub(crate) Arc<str>);

impl Secret {
    /// Keeps `value` secret.
    pub fn new(value: impl Into<String>) -> Self {
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

/// A PKCE (RFC 7636) code verifier and its `S256` challenge, for the authorization-code grant
/// of a client without a secret (a desktop or mobile app, a single-page app).
///
/// The flow:
///
/// 1. Make a `Pkce` ([`Pkce::new`]) and keep it until the redirect comes back.
/// 2. Send the user to [`authorize_url`](Self::authorize_url): the authorization endpoint of
///    the API's OAuth scheme (its `authorizationUrl`) with your client id, redirect URI, a
///    `state` of your choosing and the challenge.
/// 3. The authorization server redirects to your redirect URI with `?code=…&state=…`; check
///    `state`.
/// 4. Build the client with the scheme's PKCE setter on `ClientBuilder` (its name ends in
///    `pkce`; the crate docs' Authentication section names it), giving it the code and
///    [`verifier`](Self::verifier): it exchanges them for a token on first use (and renews it
///    with the refresh token, if the authorization server returns one).
///
/// ```
/// # fn main() -> Result<(), sdk_runtime::Error> {
/// use sdk_runtime::Pkce;
///
/// let pkce = Pkce::new()?;
/// let url = pkce.authorize_url(
///     "https://auth.example.com/oauth2/authorize",
///     "my-client-id",
///     "http://localhost:8080/callback",
///     "a-random-state",
///     &["read", "write"],
/// )?;
/// assert!(url.starts_with("https://auth.example.com/oauth2/authorize?response_type=code&"));
/// // … the user signs in; the redirect brings `code` (and your `state`) back, and the
/// // client builder's PKCE setter takes `pkce.verifier()` with it.
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Pkce {
    verifier: Secret,
    challenge: String,
}

impl fmt::Debug for Pkce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pkce")
            .field("verifier", &self.verifier)
            .field("challenge", &self.challenge)
            .finish()
    }
}

impl Pkce {
    /// A new verifier, 43 characters made from 32 bytes of the operating system's secure
    /// random source, and its challenge.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if the operating system gives no random bytes.
    pub fn new() -> Result<Pkce, Error> {
        use base64::Engine as _;
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| {
            Error::InvalidRequest(format!("no random bytes for a PKCE code verifier: {e}"))
        })?;
        let verifier = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        Pkce::from_verifier(verifier)
    }

    /// The challenge of a verifier you made yourself: 43 to 128 characters of `A`–`Z`,
    /// `a`–`z`, `0`–`9`, `-`, `.`, `_` and `~` (RFC 7636, section 4.1).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if the verifier is not one.
    pub fn from_verifier(verifier: impl Into<String>) -> Result<Pkce, Error> {
        use base64::Engine as _;
        use sha2::Digest as _;
        let verifier = verifier.into();
        let allowed = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
        if !(43..=128).contains(&verifier.len()) || !verifier.bytes().all(allowed) {
            return Err(Error::InvalidRequest(format!(
                "a PKCE code verifier has 43 to 128 characters of A-Z, a-z, 0-9, `-`, `.`, `_` \
                 and `~`; this one has {} characters{}",
                verifier.len(),
                if verifier.bytes().all(allowed) {
                    ""
                } else {
                    ", some of them not allowed"
                }
            )));
        }
        let digest = sha2::Sha256::digest(verifier.as_bytes());
        let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest);
        Ok(Pkce {
            verifier: Secret::new(verifier),
            challenge,
        })
    }

    /// The code verifier: keep it secret, and give it with the code to the PKCE setter of
    /// the OAuth scheme on the client builder.
    pub fn verifier(&self) -> &str {
        self.verifier.expose()
    }

    /// The `S256` code challenge: base64url (without padding) of the verifier's SHA-256.
    pub fn challenge(&self) -> &str {
        &self.challenge
    }

    /// The URL to send the user to: `authorization_url` (the scheme's authorization
    /// endpoint) with `response_type=code`, `client_id`, `redirect_uri`, `state`, the
    /// `scope`s (space-separated; left out when there are none), `code_challenge` and
    /// `code_challenge_method=S256`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if `authorization_url` is not an absolute http or https URL
    /// (it may have a query of its own, which is kept).
    pub fn authorize_url(
        &self,
        authorization_url: &str,
        client_id: &str,
        redirect_uri: &str,
        state: &str,
        scopes: &[&str],
    ) -> Result<String, Error> {
        let usable = reqwest::Url::parse(authorization_url).is_ok_and(|url| {
            matches!(url.scheme(), "http" | "https") && url.has_host() && url.fragment().is_none()
        });
        if !usable {
            return Err(Error::InvalidRequest(format!(
                "the authorization URL `{authorization_url}` must be an absolute http or https \
                 URL without a fragment"
            )));
        }
        let mut query = form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("response_type", "code")
            .append_pair("client_id", client_id)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("state", state);
        if !scopes.is_empty() {
            query.append_pair("scope", &scopes.join(" "));
        }
        query
            .append_pair("code_challenge", &self.challenge)
            .append_pair("code_challenge_method", "S256");
        let separator = if authorization_url.contains('?') {
            '&'
        } else {
            '?'
        };
        Ok(format!("{authorization_url}{separator}{}", query.finish()))
    }
}

/// What a token request asks with: an OAuth 2 grant and its inputs.
#[derive(Debug, Clone)]
pub enum Grant {
    /// `grant_type=client_credentials`.
    ClientCredentials,
    /// `grant_type=password`: the resource owner's user name and password.
    Password {
        /// The user name.
        username: String,
        /// The password.
        password: Secret,
    },
    /// `grant_type=authorization_code`, then `refresh_token` for later tokens.
    AuthorizationCode {
        /// The code from the redirect.
        code: Secret,
        /// The redirect URI the code was issued for.
        redirect_uri: String,
    },
    /// `grant_type=refresh_token`, resuming an authorization-code session.
    RefreshToken {
        /// The refresh token saved earlier.
        refresh_token: Secret,
    },
    /// `grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer` (RFC 7522), with the
    /// authorization server's own extra form parameters.
    Saml2Bearer {
        /// The base64-encoded SAML assertion.
        assertion: Secret,
        /// Extra form parameters, e.g. an organization name.
        params: Vec<(&'static str, String)>,
    },
    /// `grant_type=authorization_code` with the PKCE `code_verifier`, for a client without a
    /// secret; then `refresh_token` if the authorization server returns one.
    Pkce {
        /// The code from the redirect.
        code: Secret,
        /// The verifier whose challenge went into the authorization URL.
        code_verifier: Secret,
        /// The redirect URI the code was issued for.
        redirect_uri: String,
    },
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
    /// `None` for a public client (PKCE), which names itself in the form instead.
    client_secret: Option<Secret>,
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
    /// Whether token requests and responses are logged (redacted).
    pub(crate) log_bodies: bool,
}

impl TokenSource {
    pub(crate) fn new(
        client_id: String,
        client_secret: Option<Secret>,
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
            Grant::AuthorizationCode { .. } | Grant::RefreshToken { .. } | Grant::Pkce { .. }
        );
        if let (Some(refresh), true) = (fetched.refresh_token, renews_with_refresh_token) {
            // Only code-based sessions move to refresh tokens: a client-credentials, password or
            // SAML2 client keeps its own grant, which cannot be revoked the way a refresh token
            // can.
            state.grant = Grant::RefreshToken {
                refresh_token: Secret::new(refresh),
            };
        } else if matches!(
            state.grant,
            Grant::AuthorizationCode { .. } | Grant::Pkce { .. }
        ) {
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
        let mut backoff = Backoff::new(policy.retry, true);
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
            if !backoff.retry(cause, &error).await {
                return Err(error);
            }
        }
    }

    async fn fetch(&self, grant: &Grant, policy: FetchPolicy) -> Result<TokenResponse, Error> {
        let public_client = self
            .client_secret
            .is_none()
            .then_some(self.client_id.as_str());
        let (body, grant_type) = form(grant, public_client);
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
        if policy.log_bodies {
            crate::runtime::logging::request_body(Some((
                "application/x-www-form-urlencoded",
                body.as_bytes(),
            )));
        }
        let mut sending = self.http.post(&self.token_url);
        if let Some(secret) = &self.client_secret {
            sending = sending.basic_auth(&self.client_id, Some(secret.expose()));
        }
        let sending = sending
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
        if policy.log_bodies {
            crate::runtime::logging::response_body(status, &headers, &body);
        }
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

/// The token request's form body, and the grant's name for logs (never a secret). A public
/// client (`Some(client_id)`) names itself in the form, having no secret to authenticate with.
fn form(grant: &Grant, public_client: Option<&str>) -> (String, &'static str) {
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
        Grant::Password { username, password } => {
            form.append_pair("grant_type", "password");
            form.append_pair("username", username);
            form.append_pair("password", password.expose());
            "password"
        }
        Grant::Saml2Bearer { assertion, params } => {
            form.append_pair(
                "grant_type",
                "urn:ietf:params:oauth:grant-type:saml2-bearer",
            );
            for (name, value) in params {
                form.append_pair(name, value);
            }
            form.append_pair("assertion", assertion.expose());
            "saml2-bearer"
        }
        Grant::Pkce {
            code,
            code_verifier,
            redirect_uri,
        } => {
            form.append_pair("grant_type", "authorization_code");
            form.append_pair("code", code.expose());
            form.append_pair("redirect_uri", redirect_uri);
            form.append_pair("code_verifier", code_verifier.expose());
            "authorization_code (PKCE)"
        }
    };
    if let Some(client_id) = public_client {
        form.append_pair("client_id", client_id);
    }
    (form.finish(), grant_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636, appendix B.
    #[test]
    fn the_challenge_is_the_rfc_s256_of_the_verifier() {
        let pkce =
            Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").expect("valid");
        assert_eq!(
            pkce.challenge(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert!(!format!("{pkce:?}").contains("dBjftJeZ"));
    }

    #[test]
    fn new_verifiers_are_valid_and_differ() {
        let a = Pkce::new().expect("random bytes");
        let b = Pkce::new().expect("random bytes");
        assert_eq!(a.verifier().len(), 43);
        assert_ne!(a.verifier(), b.verifier());
        assert!(Pkce::from_verifier(a.verifier()).is_ok());
    }

    #[test]
    fn verifiers_that_rfc_7636_forbids_are_refused() {
        let ok = "a".repeat(43);
        for bad in [
            "a".repeat(42),
            "a".repeat(129),
            format!("{ok}+"),
            format!("{ok} "),
        ] {
            let error = Pkce::from_verifier(bad.clone())
                .expect_err(&bad)
                .to_string();
            assert!(error.contains("43 to 128"), "{error}");
        }
        assert!(Pkce::from_verifier("a".repeat(128)).is_ok());
    }

    #[test]
    fn the_authorize_url_carries_the_challenge_and_keeps_the_endpoints_query() {
        let pkce =
            Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").expect("valid");
        let challenge = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM\
                         &code_challenge_method=S256";
        let table: [(&str, &[&str], String); 3] = [
            (
                "https://login.example/oauth/authorize",
                &[],
                format!(
                    "https://login.example/oauth/authorize?response_type=code&client_id=app+id\
                     &redirect_uri=http%3A%2F%2Flocalhost%2Fcb%3Fx%3D1&state=s%26t&{challenge}"
                ),
            ),
            (
                "https://auth.example/authorize?tenant=a",
                &["read:pets", "write:pets"],
                format!(
                    "https://auth.example/authorize?tenant=a&response_type=code&client_id=app+id\
                     &redirect_uri=http%3A%2F%2Flocalhost%2Fcb%3Fx%3D1&state=s%26t\
                     &scope=read%3Apets+write%3Apets&{challenge}"
                ),
            ),
            (
                "http://127.0.0.1:8080/a",
                &["x"],
                format!(
                    "http://127.0.0.1:8080/a?response_type=code&client_id=app+id\
                     &redirect_uri=http%3A%2F%2Flocalhost%2Fcb%3Fx%3D1&state=s%26t&scope=x\
                     &{challenge}"
                ),
            ),
        ];
        for (endpoint, scopes, want) in table {
            let url = pkce
                .authorize_url(endpoint, "app id", "http://localhost/cb?x=1", "s&t", scopes)
                .expect("url");
            assert_eq!(url, want, "{endpoint}");
        }
        for bad in ["login.example", "/authorize", "ftp://x/a", "https://x/a#f"] {
            let error = pkce
                .authorize_url(bad, "a", "b", "c", &[])
                .expect_err(bad)
                .to_string();
            assert!(error.contains(bad), "{error}");
        }
    }

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
