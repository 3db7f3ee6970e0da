//! The client and its configuration: where requests go, timeouts, retries, proxy and TLS,
//! and the credentials of the API's security schemes.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::runtime::auth::{FetchPolicy, Secret, TokenSource};
use crate::runtime::security::{Credential, Credentials, Held, Scheme, TokenUrl, basic_value};
use crate::runtime::{Error, RetryPolicy};

/// How long a request may take, from sending to the last byte of the response, unless
/// [`ClientBuilder::timeout`] says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How long connecting may take, unless [`ClientBuilder::connect_timeout`] says otherwise
/// (and never longer than the request timeout).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest response body the client reads, unless
/// [`ClientBuilder::max_response_size`] says otherwise: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 32 << 20;

/// A client for the API. Cheap to clone (clones share one connection pool and one token
/// cache); safe to share between tasks.
///
/// Build one with [`Client::builder`], then reach the operations through the accessors that
/// [`apis`](crate::apis) lists, one per API group.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// What clones of a client share.
pub(crate) struct Inner {
    /// The HTTP client API requests go through.
    pub(crate) http: reqwest::Client,
    /// The HTTP client for API requests that carry headers of their own (header parameters,
    /// per-request headers, API keys): it follows redirects only within the origin, since the
    /// HTTP client removes only its own credentials (`Authorization`, `Cookie`) on the way to
    /// another. `None` with a caller's [`ClientBuilder::http_client`], whose policy applies.
    pub(crate) http_same_origin: Option<reqwest::Client>,
    /// Where API requests go, without a trailing slash.
    pub(crate) base_url: String,
    /// The credentials, by security scheme.
    pub(crate) credentials: Credentials,
    /// The limit on each attempt, from sending to the last byte of the response.
    pub(crate) timeout: Duration,
    /// The limit on connecting, as the error reports it (the HTTP client enforces it).
    pub(crate) connect_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    /// The largest response body read, in bytes.
    pub(crate) max_response_size: u64,
    /// Whether request and response bodies are logged (redacted).
    pub(crate) log_bodies: bool,
    /// Headers sent with every request ([`ClientBuilder::default_header`]), values sensitive.
    pub(crate) default_headers: reqwest::header::HeaderMap,
    /// How the SDK's own HTTP clients connect, for [`Client::upgrade_client`].
    connection: Connection,
}

impl Inner {
    /// How token requests are made for this client.
    pub(crate) fn fetch_policy(&self) -> FetchPolicy {
        FetchPolicy {
            timeout: self.timeout,
            retry: self.retry,
            max_response_size: self.max_response_size,
            log_bodies: self.log_bodies,
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .field("max_response_size", &self.inner.max_response_size)
            .field("log_bodies", &self.inner.log_bodies)
            .field(
                "default_headers",
                &self.inner.default_headers.keys().collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// A new HTTP client with this client's connection settings (proxy, client certificate,
    /// extra roots, connect timeout) that speaks HTTP/1.1 only and follows no redirect, for a
    /// connection that is upgraded to another protocol (the realtime WebSocket): an upgrade
    /// needs HTTP/1.1, which TLS negotiation could otherwise replace with HTTP/2. Plumbing
    /// for a profile's streams: public so that a crate without one has no dead code.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if the HTTP client cannot be created.
    #[doc(hidden)]
    pub fn upgrade_client(&self) -> Result<reqwest::Client, Error> {
        let builder = self
            .inner
            .connection
            .builder(reqwest::redirect::Policy::none())?;
        finish(builder.http1_only())
    }
}

/// Configures a [`Client`].
///
/// Where requests go: [`base_url`](Self::base_url), or else the API description's first
/// server URL, with its variables set by [`server_variable`](Self::server_variable) (or their
/// defaults). How they are authenticated: one setter per security scheme of the API
/// description (the crate docs' Authentication section lists them); each operation sends the
/// credentials of the first of its accepted schemes that is configured. Everything else
/// (timeouts, retries, proxy, TLS, logging) has a default.
///
/// ```
/// # fn main() -> Result<(), sdk_runtime::Error> {
/// use std::time::Duration;
/// use sdk_runtime::{Client, RetryPolicy};
///
/// let client = Client::builder()
///     .base_url("http://127.0.0.1:8080/v1")
///     .timeout(Duration::from_secs(10))
///     .retry_policy(RetryPolicy::default().max_attempts(5))
///     .build()?;
/// assert_eq!(client.base_url(), "http://127.0.0.1:8080/v1");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Default)]
#[must_use]
pub struct ClientBuilder {
    /// What the API's profile adds (a vendor's settings, such as a region).
    pub(crate) profile: crate::hooks::Profile,
    base_url: Option<String>,
    server_variables: Vec<(String, String)>,
    token_url: Option<String>,
    credentials: Vec<(&'static Scheme, Credential)>,
    http: Option<reqwest::Client>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    max_response_size: Option<u64>,
    proxy: Option<ProxyConfig>,
    identity: Option<Identity>,
    root_certificates: Vec<Vec<u8>>,
    log_bodies: bool,
    default_headers: Vec<(String, Secret)>,
}

/// What a profile (the customizations of one vendor's APIs, such as regions and login hosts)
/// decides when a client is built.
pub trait Profile: Default + fmt::Debug + Send + Sync + 'static {
    /// The base URL (without a trailing slash), and the authorization server's URL that
    /// [`TokenUrl::AuthServer`] paths are relative to (`None`: the base URL), given the
    /// caller's [`ClientBuilder::base_url`] and the API description's server URL with its
    /// variables (`None` when the description names no server, `Some(Err)` when its URL is
    /// not usable, saying why).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] when no usable base URL results.
    fn endpoints(
        &self,
        base_url: Option<&str>,
        server: Option<Result<String, Error>>,
    ) -> Result<(String, Option<String>), Error>;
}

/// The profile of an API without one: requests go to the base URL, or else to the API
/// description's server.
#[derive(Debug, Clone, Copy, Default)]
pub struct Generic;

impl Profile for Generic {
    fn endpoints(
        &self,
        base_url: Option<&str>,
        server: Option<Result<String, Error>>,
    ) -> Result<(String, Option<String>), Error> {
        match (base_url, server) {
            (Some(url), _) => Ok((checked_url("base URL", url)?, None)),
            (None, Some(server)) => Ok((server?, None)),
            (None, None) => Err(Error::InvalidRequest(
                "the API description names no server: set the base URL \
                 (ClientBuilder::base_url)"
                    .into(),
            )),
        }
    }
}

/// A server of the API description: its URL, which may hold `{variables}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Server {
    /// The URL as the description writes it, e.g. `https://{region}.api.example.com/v2`.
    pub url: &'static str,
    /// Its variables.
    pub variables: &'static [ServerVariable],
}

/// A variable of a [`Server`] URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerVariable {
    /// Its name, as in `{name}`.
    pub name: &'static str,
    /// Its value unless [`ClientBuilder::server_variable`] sets another.
    pub default: &'static str,
    /// The values it may take (`enum`); empty: any.
    pub allowed: &'static [&'static str],
}

impl Server {
    /// The URL with each variable replaced by its value in `values` (name → value), or by its
    /// default; checked to be an absolute http or https URL without a query or fragment.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] for a variable the server does not have, a value its `enum`
    /// does not allow, or a URL that is not absolute.
    pub fn url_with(&self, values: &[(String, String)]) -> Result<String, Error> {
        for (name, value) in values {
            let Some(variable) = self.variables.iter().find(|v| v.name == name) else {
                let known: Vec<&str> = self.variables.iter().map(|v| v.name).collect();
                return Err(Error::InvalidRequest(format!(
                    "the server `{}` has no variable `{name}` (ClientBuilder::server_variable); \
                     its variables: {}",
                    self.url,
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                )));
            };
            if !variable.allowed.is_empty() && !variable.allowed.contains(&value.as_str()) {
                return Err(Error::InvalidRequest(format!(
                    "`{value}` is not a value of the server variable `{name}`: use one of {}",
                    variable.allowed.join(", ")
                )));
            }
        }
        let mut url = self.url.to_owned();
        for variable in self.variables {
            let value = values
                .iter()
                .rev()
                .find(|(name, _)| name == variable.name)
                .map_or(variable.default, |(_, value)| value.as_str());
            url = url.replace(&format!("{{{}}}", variable.name), value);
        }
        checked_url("server URL", &url).map_err(|_| {
            Error::InvalidRequest(format!(
                "the API description's server URL `{url}` is not an absolute http or https URL: \
                 set the base URL (ClientBuilder::base_url)"
            ))
        })
    }
}

/// An explicit proxy: its URL and, maybe, credentials.
struct ProxyConfig {
    url: String,
    credentials: Option<(String, Secret)>,
}

impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A password can also sit in the URL's user info.
        let url = match reqwest::Url::parse(&self.url) {
            Ok(mut url) if url.password().is_some() => {
                let _ = url.set_password(Some("<redacted>"));
                url.to_string()
            }
            _ => self.url.clone(),
        };
        f.debug_struct("ProxyConfig")
            .field("url", &url)
            .field(
                "username",
                &self.credentials.as_ref().map(|(user, _)| user.as_str()),
            )
            .finish_non_exhaustive()
    }
}

/// A client certificate chain and its private key, PEM.
#[cfg_attr(
    not(any(
        feature = "rustls",
        feature = "rustls-no-provider",
        feature = "native-tls"
    )),
    allow(
        dead_code,
        reason = "only a build with TLS reads them; others refuse them"
    )
)]
struct Identity {
    certificate_chain: Vec<u8>,
    private_key: Vec<u8>,
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Identity(<certificate chain and private key>)")
    }
}

impl ClientBuilder {
    /// Sends requests to `url` instead of the API description's server (a gateway, a proxy, a
    /// test server): an absolute http or https URL, to which operation paths are appended.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sets the variable `name` of the API description's server URL (`{name}` in it) to
    /// `value`, instead of its default. Checked by [`build`](Self::build): an unknown name or
    /// a value the variable's `enum` does not allow is an error there. Not used when
    /// [`base_url`](Self::base_url) is set.
    pub fn server_variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.server_variables.push((name.into(), value.into()));
        self
    }

    /// Sends OAuth token requests to `url` instead of the token URL the API description gives
    /// (a gateway, a test server). Applies to every OAuth grant of the client.
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// Sends the header `name: value` with every request, `Authorization` included: for
    /// credentials or settings the API description does not declare (an API key it forgot, a
    /// tenant header). The value never appears in `Debug` output or logs, and a request that
    /// carries it follows redirects only within its origin. A header the client sets for an
    /// operation (a header parameter, an API key of the operation's security scheme, a
    /// request's own [`header`](crate::runtime::RequestBuilder::header)) replaces it for that
    /// request. Calling it again with the same name adds another value.
    ///
    /// `Host`, `Content-Length`, `Transfer-Encoding` and `Proxy-Authorization` cannot be set,
    /// nor a name or value that is not valid in a header: [`build`](Self::build) says so.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers
            .push((name.into(), Secret::new(value.into())));
        self
    }

    /// Configures `credential` for `scheme`, replacing one configured before. The setters of
    /// each security scheme call this.
    #[doc(hidden)]
    pub fn credential(mut self, scheme: &'static Scheme, credential: Credential) -> Self {
        self.credentials.retain(|(s, _)| s.name != scheme.name);
        self.credentials.push((scheme, credential));
        self
    }

    /// Uses this `reqwest` client (its connection pool, proxy, TLS and redirect settings) for
    /// API requests. The SDK still sets its own `User-Agent`, `Accept` and per-attempt timeout;
    /// [`connect_timeout`](Self::connect_timeout), [`proxy`](Self::proxy),
    /// [`client_identity_pem`](Self::client_identity_pem) and
    /// [`add_root_certificate_pem`](Self::add_root_certificate_pem) then apply to token
    /// requests only, and the rest is the client's own business. Token requests always go
    /// through a client the SDK builds, which never follows redirects.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Fails an attempt that has not completed (response head and whole body) within
    /// `timeout`. The default is [`DEFAULT_TIMEOUT`]. A caller waiting for an OAuth token
    /// waits at most this long too.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Fails a connection attempt that has not succeeded within `timeout` (never longer than
    /// the [`timeout`](Self::timeout)). The default is [`DEFAULT_CONNECT_TIMEOUT`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Refuses response bodies larger than `bytes`: a `Content-Length` over it before
    /// reading anything, a body that grows past it as soon as it does
    /// ([`Error::TooLarge`]). The default is [`DEFAULT_MAX_RESPONSE_SIZE`] (32 MiB).
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = Some(bytes);
        self
    }

    /// Sends API and token requests through the proxy at `url` (`http://proxy.example:3128`;
    /// `https://` and, where the HTTP client supports it, `socks5://` too) instead of the
    /// proxies the environment names (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`), which are used
    /// otherwise. Credentials come from [`proxy_credentials`](Self::proxy_credentials) or the
    /// URL's user info; neither appears in `Debug` output.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        let credentials = self.proxy.take().and_then(|p| p.credentials);
        self.proxy = Some(ProxyConfig {
            url: url.into(),
            credentials,
        });
        self
    }

    /// Authenticates to the [`proxy`](Self::proxy) with basic credentials
    /// (`Proxy-Authorization`).
    pub fn proxy_credentials(
        mut self,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        let credentials = Some((username.into(), Secret::new(password)));
        match &mut self.proxy {
            Some(proxy) => proxy.credentials = credentials,
            None => {
                self.proxy = Some(ProxyConfig {
                    url: String::new(),
                    credentials,
                })
            }
        }
        self
    }

    /// Presents this client certificate to the API and token endpoints (mutual TLS):
    /// `certificate_chain` is PEM, the leaf certificate first, and `private_key` its PEM key
    /// (PKCS #8; with rustls also PKCS #1 RSA or SEC1 EC). Needs a TLS feature; the key never
    /// appears in `Debug` output.
    pub fn client_identity_pem(
        mut self,
        certificate_chain: impl Into<Vec<u8>>,
        private_key: impl Into<Vec<u8>>,
    ) -> Self {
        self.identity = Some(Identity {
            certificate_chain: certificate_chain.into(),
            private_key: private_key.into(),
        });
        self
    }

    /// Trusts the CA certificates in `pem` (one or more PEM certificates) for the API and token
    /// endpoints, besides the platform's own (a corporate CA that re-signs traffic, a private
    /// gateway). May be called more than once. Needs a TLS feature.
    pub fn add_root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// Logs every request and response body, token requests included, as `DEBUG` events of
    /// the request's `tracing` span, in excerpts of at most 4 KiB, with secrets redacted:
    /// headers are never logged, and the values of JSON and form fields whose names say they
    /// hold a secret (`access_token`, `refresh_token`, `client_secret`, `password`, `code`
    /// and `code_verifier` in token requests, …) are replaced by `<redacted>`. Off by default.
    pub fn log_bodies(mut self, enabled: bool) -> Self {
        self.log_bodies = enabled;
        self
    }

    /// Retries failed requests as `policy` says. The default is [`RetryPolicy::default`];
    /// [`RetryPolicy::disabled`] turns retries off.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }
    /// Builds the client.
    ///
    /// Requests go to [`base_url`](Self::base_url) if set, else to the API description's
    /// server URL with its variables (for a vendor's profile, its own rules
    /// come first: see the crate docs).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if the base URL, a token URL or the proxy URL is not an
    /// absolute `http` or `https` URL, or no base URL is known; if a server variable is
    /// unknown or its value not allowed; if the base or a token URL is `https` while the crate
    /// was built without a TLS feature (`rustls`, `rustls-no-provider` or `native-tls`) and
    /// without an [`http_client`](Self::http_client) of the caller's; if a client certificate,
    /// key or CA certificate does not parse or the build has no TLS; if the
    /// `rustls-no-provider` feature is the only TLS and no crypto provider was installed; if
    /// the HTTP client cannot be created.
    pub fn build(self) -> Result<Client, Error> {
        let server = crate::hooks::SERVER.map(|server| server.url_with(&self.server_variables));
        if server.is_none() && !self.server_variables.is_empty() {
            return Err(Error::InvalidRequest(
                "server variables are set (ClientBuilder::server_variable), but the API \
                 description names no server"
                    .into(),
            ));
        }
        let (base_url, auth_server) = self.profile.endpoints(self.base_url.as_deref(), server)?;
        if self.http.is_none() {
            check_tls("base URL", &base_url)?;
        }
        let token_url = |url: &TokenUrl| -> Result<String, Error> {
            if let Some(url) = &self.token_url {
                return checked_url("token URL", url);
            }
            match url {
                TokenUrl::Described(url) => {
                    // Resolved as a URL reference (RFC 3986) against the base URL as a
                    // directory: `/token` from its origin, `token` below its path.
                    let resolved = reqwest::Url::parse(&format!("{base_url}/"))
                        .and_then(|base| base.join(url))
                        .map_err(|e| Error::InvalidRequest(format!("token URL `{url}`: {e}")))?;
                    checked_url("token URL", resolved.as_str())
                }
                TokenUrl::AuthServer(path) => {
                    let root = auth_server.as_deref().unwrap_or(&base_url);
                    checked_url(
                        "token URL",
                        &format!("{root}/{}", path.trim_start_matches('/')),
                    )
                }
            }
        };
        let default_headers = default_headers(&self.default_headers)?;
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        let connect_timeout = self
            .connect_timeout
            .unwrap_or(DEFAULT_CONNECT_TIMEOUT)
            .min(timeout);
        let connection = Connection::new(
            connect_timeout,
            self.proxy.as_ref(),
            self.identity.as_ref(),
            &self.root_certificates,
        )?;
        let (http, http_same_origin) = match &self.http {
            Some(http) => (http.clone(), None),
            None => (
                connection.client(reqwest::redirect::Policy::default())?,
                Some(connection.client(same_origin_redirects())?),
            ),
        };
        // Token requests never follow redirects: one client for all of them, made when needed.
        let mut token_http = None;
        let mut held = Vec::with_capacity(self.credentials.len());
        for (scheme, credential) in &self.credentials {
            let credential = match credential {
                Credential::Value(value) => Held::Value(value.clone()),
                Credential::Basic { username, password } => {
                    Held::Basic(basic_value(username, password.expose()))
                }
                Credential::OAuth {
                    client_id,
                    client_secret,
                    grant,
                    token_url: url,
                } => {
                    let url = token_url(url)?;
                    check_tls("token URL", &url)?;
                    let http = match &token_http {
                        Some(http) => http,
                        None => {
                            token_http.insert(connection.client(reqwest::redirect::Policy::none())?)
                        }
                    };
                    Held::OAuth(Arc::new(TokenSource::new(
                        client_id.clone(),
                        client_secret.clone(),
                        url,
                        grant.clone(),
                        http.clone(),
                    )))
                }
            };
            held.push((*scheme, credential));
        }
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                http_same_origin,
                base_url,
                credentials: Credentials::new(held),
                timeout,
                connect_timeout,
                retry: self.retry.unwrap_or_default(),
                max_response_size: self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
                log_bodies: self.log_bodies,
                default_headers,
                connection,
            }),
        })
    }
}

/// The headers of [`ClientBuilder::default_header`], checked, their values sensitive.
fn default_headers(given: &[(String, Secret)]) -> Result<reqwest::header::HeaderMap, Error> {
    use reqwest::header::{CONTENT_LENGTH, HOST, PROXY_AUTHORIZATION, TRANSFER_ENCODING};
    let mut headers = reqwest::header::HeaderMap::new();
    for (name, value) in given {
        let parsed = reqwest::header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            Error::InvalidRequest(format!(
                "`{name}` is not a valid header name (ClientBuilder::default_header)"
            ))
        })?;
        if [HOST, CONTENT_LENGTH, TRANSFER_ENCODING, PROXY_AUTHORIZATION].contains(&parsed) {
            return Err(Error::InvalidRequest(format!(
                "the header `{name}` is set by the client and cannot be a default header \
                 (ClientBuilder::default_header)"
            )));
        }
        let mut value = reqwest::header::HeaderValue::from_str(value.expose()).map_err(|_| {
            Error::InvalidRequest(format!(
                "the value of the default header `{name}` is not a valid header value"
            ))
        })?;
        value.set_sensitive(true);
        headers.append(parsed, value);
    }
    Ok(headers)
}

/// How the SDK's own HTTP clients connect: timeouts, proxy, TLS identity and extra roots.
struct Connection {
    connect_timeout: Duration,
    proxy: Option<reqwest::Proxy>,
    #[cfg(any(
        feature = "rustls",
        feature = "rustls-no-provider",
        feature = "native-tls"
    ))]
    identity: Option<reqwest::Identity>,
    #[cfg(any(
        feature = "rustls",
        feature = "rustls-no-provider",
        feature = "native-tls"
    ))]
    roots: Vec<reqwest::Certificate>,
}

impl Connection {
    fn new(
        connect_timeout: Duration,
        proxy: Option<&ProxyConfig>,
        identity: Option<&Identity>,
        roots: &[Vec<u8>],
    ) -> Result<Connection, Error> {
        let proxy = match proxy {
            None => None,
            Some(config) => {
                let usable = reqwest::Url::parse(&config.url).is_ok_and(|url| {
                    url.has_host()
                        && matches!(url.scheme(), "http" | "https" | "socks5" | "socks5h")
                });
                if !usable {
                    return Err(Error::InvalidRequest(if config.url.is_empty() {
                        "proxy credentials without a proxy: set ClientBuilder::proxy".into()
                    } else {
                        "the proxy URL must be an absolute http, https or socks5 URL such as \
                         `http://proxy.example:3128` (ClientBuilder::proxy)"
                            .into()
                    }));
                }
                // The URL may hold a password: the message does not quote it.
                let mut proxy = reqwest::Proxy::all(&config.url).map_err(|_| {
                    Error::InvalidRequest(
                        "the proxy URL is not usable (ClientBuilder::proxy)".into(),
                    )
                })?;
                if let Some((user, password)) = &config.credentials {
                    proxy = proxy.basic_auth(user, password.expose());
                }
                Some(proxy)
            }
        };
        #[cfg(any(
            feature = "rustls",
            feature = "rustls-no-provider",
            feature = "native-tls"
        ))]
        {
            let tls_error = |what: &str, e: reqwest::Error| {
                Error::InvalidRequest(format!(
                    "the {what} does not parse: {}",
                    crate::runtime::error::causes(&e)
                ))
            };
            let identity = match identity {
                None => None,
                #[cfg(feature = "native-tls")]
                Some(identity) => Some(
                    reqwest::Identity::from_pkcs8_pem(
                        &identity.certificate_chain,
                        &identity.private_key,
                    )
                    .map_err(|e| {
                        tls_error("client certificate or its key (PKCS #8 with native-tls)", e)
                    })?,
                ),
                #[cfg(not(feature = "native-tls"))]
                Some(identity) => {
                    let mut pem = identity.private_key.clone();
                    pem.push(b'\n');
                    pem.extend_from_slice(&identity.certificate_chain);
                    Some(
                        reqwest::Identity::from_pem(&pem)
                            .map_err(|e| tls_error("client certificate or its key", e))?,
                    )
                }
            };
            let mut certificates = Vec::new();
            for pem in roots {
                let parsed = reqwest::Certificate::from_pem_bundle(pem)
                    .map_err(|e| tls_error("CA certificate", e))?;
                if parsed.is_empty() {
                    return Err(Error::InvalidRequest(
                        "the CA certificate PEM holds no certificate".into(),
                    ));
                }
                certificates.extend(parsed);
            }
            Ok(Connection {
                connect_timeout,
                proxy,
                identity,
                roots: certificates,
            })
        }
        #[cfg(not(any(
            feature = "rustls",
            feature = "rustls-no-provider",
            feature = "native-tls"
        )))]
        {
            if identity.is_some() || !roots.is_empty() {
                return Err(Error::InvalidRequest(
                    "a client certificate or CA certificate needs TLS, but this build has no \
                     TLS: enable the `rustls` or `native-tls` feature of this crate"
                        .into(),
                ));
            }
            Ok(Connection {
                connect_timeout,
                proxy,
            })
        }
    }

    /// A client with these settings that follows redirects as `redirects` says.
    fn client(&self, redirects: reqwest::redirect::Policy) -> Result<reqwest::Client, Error> {
        finish(self.builder(redirects)?)
    }

    /// A client builder with these settings that follows redirects as `redirects` says.
    fn builder(
        &self,
        redirects: reqwest::redirect::Policy,
    ) -> Result<reqwest::ClientBuilder, Error> {
        check_crypto_provider()?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .redirect(redirects);
        if let Some(proxy) = &self.proxy {
            builder = builder.proxy(proxy.clone());
        }
        #[cfg(any(
            feature = "rustls",
            feature = "rustls-no-provider",
            feature = "native-tls"
        ))]
        {
            if let Some(identity) = &self.identity {
                builder = builder.identity(identity.clone());
            }
            if !self.roots.is_empty() {
                builder = builder.tls_certs_merge(self.roots.iter().cloned());
            }
        }
        Ok(builder)
    }
}

/// Builds an HTTP client.
fn finish(builder: reqwest::ClientBuilder) -> Result<reqwest::Client, Error> {
    builder.build().map_err(|e| {
        Error::InvalidRequest(format!(
            "the HTTP client cannot be created: {}",
            crate::runtime::error::causes(&e)
        ))
    })
}

/// Follows redirects (10 at most) as long as they stay within the origin; stops at one that
/// leaves it, which the caller then gets as the 3xx answer.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .last()
            .is_some_and(|previous| previous.origin() == attempt.url().origin());
        if !same_origin {
            attempt.stop()
        } else if attempt.previous().len() > 10 {
            attempt.error("too many redirects")
        } else {
            attempt.follow()
        }
    })
}

/// With `rustls-no-provider` as the only TLS, the HTTP client panics when it is built without
/// an installed crypto provider; refuse instead.
fn check_crypto_provider() -> Result<(), Error> {
    #[cfg(all(
        feature = "rustls-no-provider",
        not(feature = "rustls"),
        not(feature = "native-tls")
    ))]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        return Err(Error::InvalidRequest(
            "no rustls crypto provider is installed: with the `rustls-no-provider` feature, call \
             `CryptoProvider::install_default` (e.g. `rustls::crypto::ring::default_provider()\
             .install_default()`) before building a client"
                .into(),
        ));
    }
    Ok(())
}

/// Whether this build can speak TLS.
const HAS_TLS: bool = cfg!(any(
    feature = "rustls",
    feature = "rustls-no-provider",
    feature = "native-tls"
));

/// Refuses an `https` URL in a build without TLS, which would fail every request later.
fn check_tls(what: &str, url: &str) -> Result<(), Error> {
    if HAS_TLS || !url.starts_with("https:") {
        return Ok(());
    }
    Err(Error::InvalidRequest(format!(
        "the {what} `{url}` needs TLS, but this build has no TLS: enable the `rustls` or \
         `native-tls` feature of this crate (or use an http URL)"
    )))
}

/// `url` without a trailing slash, if it is an absolute http(s) URL without a query or a
/// fragment (paths are appended to it); `what` names it in the error.
///
/// # Errors
///
/// [`Error::InvalidRequest`], quoting `url`, when it is not one.
pub fn checked_url(what: &str, url: &str) -> Result<String, Error> {
    match reqwest::Url::parse(url) {
        Ok(parsed)
            if matches!(parsed.scheme(), "http" | "https")
                && parsed.has_host()
                && parsed.query().is_none()
                && parsed.fragment().is_none() =>
        {
            Ok(url.trim_end_matches('/').to_owned())
        }
        Ok(_) => Err(Error::InvalidRequest(format!(
            "{what} `{url}` must be an absolute http or https URL"
        ))),
        Err(e) => Err(Error::InvalidRequest(format!("{what} `{url}`: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::error::Size;

    /// Whether building any client needs an installed crypto provider (`rustls-no-provider`
    /// alone), which these tests do not install: the tests that build clients then stop early.
    const NEEDS_PROVIDER: bool = cfg!(all(
        feature = "rustls-no-provider",
        not(feature = "rustls"),
        not(feature = "native-tls")
    ));

    /// Without a TLS feature, `build()` refuses https (which would fail every call later);
    /// with one, it accepts it. Plain http works either way.
    #[test]
    fn https_needs_a_tls_feature() {
        if NEEDS_PROVIDER {
            return;
        }
        let https = Client::builder()
            .base_url("https://api.example.com")
            .build();
        assert_eq!(https.is_ok(), HAS_TLS, "{https:?}");
        if let Err(error) = https {
            let text = error.to_string();
            assert!(
                text.contains("https://api.example.com") && text.contains("`rustls`"),
                "{text}"
            );
        }
        let token = Client::builder()
            .base_url("http://127.0.0.1:1")
            .token_url("https://login.example/token")
            .credential(&OAUTH, client_credentials())
            .build();
        assert_eq!(token.is_ok(), HAS_TLS, "{token:?}");
        let plain = Client::builder().base_url("http://127.0.0.1:1").build();
        assert!(plain.is_ok(), "{plain:?}");
    }

    const OAUTH: Scheme = Scheme {
        name: "oauth",
        setter: "oauth",
        placement: crate::runtime::security::Placement::Authorization { scheme: "Bearer" },
    };

    fn client_credentials() -> Credential {
        Credential::oauth(
            "id",
            Some("secret".into()),
            crate::runtime::auth::Grant::ClientCredentials,
            TokenUrl::Described("https://auth.example.com/token"),
        )
    }

    /// Server URLs with variables: defaults, values set, values refused.
    #[test]
    fn server_variables_fill_the_url_or_say_what_is_wrong() {
        const SERVER: Server = Server {
            url: "https://{region}.api.example.com/{version}",
            variables: &[
                ServerVariable {
                    name: "region",
                    default: "eu",
                    allowed: &["eu", "us"],
                },
                ServerVariable {
                    name: "version",
                    default: "v1",
                    allowed: &[],
                },
            ],
        };
        let set = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect()
        };
        type Row<'a> = (&'a [(&'a str, &'a str)], Result<&'a str, &'a str>);
        let table: [Row; 6] = [
            (&[], Ok("https://eu.api.example.com/v1")),
            (&[("region", "us")], Ok("https://us.api.example.com/v1")),
            (
                &[("version", "v2"), ("region", "us"), ("version", "v3")],
                Ok("https://us.api.example.com/v3"),
            ),
            (&[("region", "mars")], Err("use one of eu, us")),
            (&[("zone", "a")], Err("no variable `zone`")),
            (
                &[("version", "v/../x?")],
                Err("not an absolute http or https URL"),
            ),
        ];
        for (values, want) in table {
            let got = SERVER.url_with(&set(values)).map_err(|e| e.to_string());
            match (got, want) {
                (Ok(got), Ok(want)) => assert_eq!(got, want, "{values:?}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{values:?}: {got}"),
                (got, want) => panic!("{values:?}: {got:?}, wanted {want:?}"),
            }
        }
        let relative = Server {
            url: "/v3",
            variables: &[],
        };
        let error = relative.url_with(&[]).expect_err("relative").to_string();
        assert!(error.contains("ClientBuilder::base_url"), "{error}");
    }

    /// The generic profile: the caller's base URL, else the description's server.
    #[test]
    fn the_generic_profile_uses_the_base_url_or_the_server() {
        let server = || Some(Ok::<_, Error>("https://api.example.com/v1".to_owned()));
        let bad = || Some(Err(Error::InvalidRequest("bad server".into())));
        let table = [
            (
                Some("http://127.0.0.1:9/"),
                server(),
                Ok("http://127.0.0.1:9"),
            ),
            (None, server(), Ok("https://api.example.com/v1")),
            (
                Some("http://127.0.0.1:9/x"),
                bad(),
                Ok("http://127.0.0.1:9/x"),
            ),
            (
                Some("http://127.0.0.1:9/x"),
                None,
                Ok("http://127.0.0.1:9/x"),
            ),
            (None, bad(), Err("bad server")),
            (None, None, Err("names no server")),
            (
                Some("api.example.com"),
                server(),
                Err("base URL `api.example.com`"),
            ),
        ];
        for (base, server, want) in table {
            let got = Generic
                .endpoints(base, server)
                .map(|(base, auth)| {
                    assert_eq!(auth, None);
                    base
                })
                .map_err(|e| e.to_string());
            match (got, want) {
                (Ok(got), Ok(want)) => assert_eq!(got, want, "{base:?}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{base:?}: {got}"),
                (got, want) => panic!("{base:?}: {got:?}, wanted {want:?}"),
            }
        }
    }

    /// With `rustls-no-provider` alone and no provider installed, the HTTP client would panic
    /// when built; `build()` says what to do instead.
    #[cfg(all(
        feature = "rustls-no-provider",
        not(feature = "rustls"),
        not(feature = "native-tls")
    ))]
    #[test]
    fn without_a_crypto_provider_build_refuses_instead_of_panicking() {
        let error = Client::builder()
            .base_url("http://127.0.0.1:1")
            .build()
            .expect_err("no provider is installed")
            .to_string();
        assert!(error.contains("CryptoProvider::install_default"), "{error}");
    }

    #[test]
    fn limits_have_their_defaults_and_the_connect_timeout_never_exceeds_the_timeout() {
        if NEEDS_PROVIDER {
            return;
        }
        let client = Client::builder()
            .base_url("http://127.0.0.1:1")
            .build()
            .expect("client");
        assert_eq!(client.inner.max_response_size, DEFAULT_MAX_RESPONSE_SIZE);
        assert_eq!(Size(DEFAULT_MAX_RESPONSE_SIZE).to_string(), "32 MiB");
        assert_eq!(client.inner.connect_timeout, DEFAULT_CONNECT_TIMEOUT);
        let short = Client::builder()
            .base_url("http://127.0.0.1:1")
            .timeout(Duration::from_secs(2))
            .max_response_size(10)
            .build()
            .expect("client");
        assert_eq!(short.inner.connect_timeout, Duration::from_secs(2));
        assert_eq!(short.inner.max_response_size, 10);
    }
}
