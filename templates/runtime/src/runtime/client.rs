//! The client, its configuration, and the Genesys Cloud regions.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::runtime::Error;
use crate::runtime::auth::{Auth, FetchPolicy, Grant, Secret, TokenSource};

/// How long a request may take, from sending to the last byte of the response, unless
/// [`ClientBuilder::timeout`] says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How long connecting may take, unless [`ClientBuilder::connect_timeout`] says otherwise
/// (and never longer than the request timeout).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The largest response body the client reads, unless
/// [`ClientBuilder::max_response_size`] says otherwise: 32 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 32 << 20;

/// The `User-Agent` the client sends: crate name and version.
pub const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A Genesys Cloud region: where an organization's data lives, and so which hosts serve it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Region {
    /// `us-east-1` (Americas, US East): `api.mypurecloud.com`. The default.
    #[default]
    UsEast1,
    /// `eu-west-1` (EMEA, Dublin): `api.mypurecloud.ie`.
    EuWest1,
    /// `ap-southeast-2` (Asia Pacific, Sydney): `api.mypurecloud.com.au`.
    ApSoutheast2,
    /// `ap-northeast-1` (Asia Pacific, Tokyo): `api.mypurecloud.jp`.
    ApNortheast1,
    /// `eu-central-1` (EMEA, Frankfurt): `api.mypurecloud.de`.
    EuCentral1,
    /// `us-west-2` (Americas, US West): `api.usw2.pure.cloud`.
    UsWest2,
    /// `ca-central-1` (Americas, Canada): `api.cac1.pure.cloud`.
    CaCentral1,
    /// `ap-northeast-2` (Asia Pacific, Seoul): `api.apne2.pure.cloud`.
    ApNortheast2,
    /// `eu-west-2` (EMEA, London): `api.euw2.pure.cloud`.
    EuWest2,
    /// `ap-south-1` (Asia Pacific, Mumbai): `api.aps1.pure.cloud`.
    ApSouth1,
    /// `us-east-2` (Americas, US East, FedRAMP / US government): `api.use2.us-gov-pure.cloud`.
    UsEast2,
    /// `sa-east-1` (Americas, São Paulo): `api.sae1.pure.cloud`.
    SaEast1,
    /// `me-central-1` (EMEA, UAE): `api.mec1.pure.cloud`.
    MeCentral1,
    /// `ap-northeast-3` (Asia Pacific, Osaka): `api.apne3.pure.cloud`.
    ApNortheast3,
    /// `eu-central-2` (EMEA, Zurich): `api.euc2.pure.cloud`.
    EuCentral2,
    /// `mx-central-1` (Americas, Mexico): `api.mxc1.pure.cloud`.
    MxCentral1,
    /// `ap-southeast-1` (Asia Pacific, Jakarta): `api.apse1.pure.cloud`.
    ApSoutheast1,
    /// `eusc-de-east-1` (EU sovereign cloud, Germany): `api.edee1.eusc-pure.cloud`.
    EuscDeEast1,
}

impl Region {
    /// Every region, in the order Genesys lists them.
    pub const ALL: [Region; 18] = [
        Region::UsEast1,
        Region::EuWest1,
        Region::ApSoutheast2,
        Region::ApNortheast1,
        Region::EuCentral1,
        Region::UsWest2,
        Region::CaCentral1,
        Region::ApNortheast2,
        Region::EuWest2,
        Region::ApSouth1,
        Region::UsEast2,
        Region::SaEast1,
        Region::MeCentral1,
        Region::ApNortheast3,
        Region::EuCentral2,
        Region::MxCentral1,
        Region::ApSoutheast1,
        Region::EuscDeEast1,
    ];

    /// The region's name, e.g. `us-east-1`.
    pub const fn name(self) -> &'static str {
        self.hosts().0
    }

    /// The API host, e.g. `api.mypurecloud.com`.
    pub const fn api_host(self) -> &'static str {
        self.hosts().1
    }

    /// The login (OAuth) host: the API host with `api.` replaced by `login.`.
    pub const fn login_host(self) -> &'static str {
        self.hosts().2
    }

    /// `https://` + [`api_host`](Self::api_host).
    pub fn api_base_url(self) -> String {
        format!("https://{}", self.api_host())
    }

    /// `https://` + [`login_host`](Self::login_host).
    pub fn login_base_url(self) -> String {
        format!("https://{}", self.login_host())
    }

    const fn hosts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Region::UsEast1 => ("us-east-1", "api.mypurecloud.com", "login.mypurecloud.com"),
            Region::EuWest1 => ("eu-west-1", "api.mypurecloud.ie", "login.mypurecloud.ie"),
            Region::ApSoutheast2 => (
                "ap-southeast-2",
                "api.mypurecloud.com.au",
                "login.mypurecloud.com.au",
            ),
            Region::ApNortheast1 => (
                "ap-northeast-1",
                "api.mypurecloud.jp",
                "login.mypurecloud.jp",
            ),
            Region::EuCentral1 => ("eu-central-1", "api.mypurecloud.de", "login.mypurecloud.de"),
            Region::UsWest2 => ("us-west-2", "api.usw2.pure.cloud", "login.usw2.pure.cloud"),
            Region::CaCentral1 => (
                "ca-central-1",
                "api.cac1.pure.cloud",
                "login.cac1.pure.cloud",
            ),
            Region::ApNortheast2 => (
                "ap-northeast-2",
                "api.apne2.pure.cloud",
                "login.apne2.pure.cloud",
            ),
            Region::EuWest2 => ("eu-west-2", "api.euw2.pure.cloud", "login.euw2.pure.cloud"),
            Region::ApSouth1 => ("ap-south-1", "api.aps1.pure.cloud", "login.aps1.pure.cloud"),
            Region::UsEast2 => (
                "us-east-2",
                "api.use2.us-gov-pure.cloud",
                "login.use2.us-gov-pure.cloud",
            ),
            Region::SaEast1 => ("sa-east-1", "api.sae1.pure.cloud", "login.sae1.pure.cloud"),
            Region::MeCentral1 => (
                "me-central-1",
                "api.mec1.pure.cloud",
                "login.mec1.pure.cloud",
            ),
            Region::ApNortheast3 => (
                "ap-northeast-3",
                "api.apne3.pure.cloud",
                "login.apne3.pure.cloud",
            ),
            Region::EuCentral2 => (
                "eu-central-2",
                "api.euc2.pure.cloud",
                "login.euc2.pure.cloud",
            ),
            Region::MxCentral1 => (
                "mx-central-1",
                "api.mxc1.pure.cloud",
                "login.mxc1.pure.cloud",
            ),
            Region::ApSoutheast1 => (
                "ap-southeast-1",
                "api.apse1.pure.cloud",
                "login.apse1.pure.cloud",
            ),
            Region::EuscDeEast1 => (
                "eusc-de-east-1",
                "api.edee1.eusc-pure.cloud",
                "login.edee1.eusc-pure.cloud",
            ),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Region {
    type Err = Error;

    /// Parses a region name such as `eu-west-1`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Region::ALL
            .into_iter()
            .find(|r| r.name() == s)
            .ok_or_else(|| Error::InvalidRequest(format!("unknown Genesys Cloud region `{s}`")))
    }
}

/// When and how often failed requests are retried.
///
/// A request is retried when the service answers 429, 502, 503 or 504, or when the connection
/// could not be made. Requests that are not idempotent (POST, PATCH) are retried only where the
/// service cannot have processed them: 429, 503 with `Retry-After`, and connection failures.
/// Delays grow exponentially with full jitter, honour `Retry-After` (seconds or an HTTP date),
/// and stop at [`max_attempts`](Self::max_attempts) or when the next delay would pass
/// [`max_total_delay`](Self::max_total_delay); the caller then gets the last error.
///
/// ```
/// use std::time::Duration;
/// use sdk_runtime::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_attempts(5)
///     .initial_backoff(Duration::from_millis(500))
///     .max_total_delay(Duration::from_secs(60));
/// let never = RetryPolicy::disabled();
/// # let _ = (patient, never);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_total_delay: Duration,
}

impl Default for RetryPolicy {
    /// Up to 3 attempts, backoff from 250 ms up to 10 s, at most 30 s of waiting in all.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(10),
            max_total_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retries.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Attempts per request, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The delay before the first retry; each later one doubles, up to
    /// [`max_backoff`](Self::max_backoff).
    pub fn initial_backoff(mut self, delay: Duration) -> Self {
        self.initial_backoff = delay;
        self
    }

    /// The longest delay between two attempts, unless `Retry-After` asks for more.
    pub fn max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = delay;
        self
    }

    /// The most time spent waiting between attempts of one request.
    pub fn max_total_delay(mut self, delay: Duration) -> Self {
        self.max_total_delay = delay;
        self
    }
}

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
    /// per-request headers): it follows redirects only within the origin, since the HTTP
    /// client removes only its own credentials (`Authorization`, `Cookie`) on the way to
    /// another. `None` with a caller's [`ClientBuilder::http_client`], whose policy applies.
    pub(crate) http_same_origin: Option<reqwest::Client>,
    /// Where API requests go, without a trailing slash.
    pub(crate) base_url: String,
    pub(crate) auth: Auth,
    /// The limit on each attempt, from sending to the last byte of the response.
    pub(crate) timeout: Duration,
    /// The limit on connecting, as the error reports it (the HTTP client enforces it).
    pub(crate) connect_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    /// The largest response body read, in bytes.
    pub(crate) max_response_size: u64,
    /// Whether request and response bodies are logged (redacted).
    pub(crate) log_bodies: bool,
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
            .field("auth", &self.inner.auth)
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .field("max_response_size", &self.inner.max_response_size)
            .field("log_bodies", &self.inner.log_bodies)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to, e.g. `https://api.mypurecloud.com`.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// A new HTTP client with this client's connection settings (proxy, client certificate,
    /// extra roots, connect timeout) that speaks HTTP/1.1 only and follows no redirect, for a
    /// connection that is upgraded to another protocol (the realtime WebSocket): an upgrade
    /// needs HTTP/1.1, which TLS negotiation could otherwise replace with HTTP/2.
    #[allow(
        dead_code,
        reason = "the Genesys profile's realtime stream calls it; a crate may leave that out"
    )]
    pub(crate) fn upgrade_client(&self) -> Result<reqwest::Client, Error> {
        let builder = self
            .inner
            .connection
            .builder(reqwest::redirect::Policy::none())?;
        finish(builder.http1_only())
    }
}

/// Configures a [`Client`].
///
/// ```
/// # fn main() -> Result<(), sdk_runtime::Error> {
/// # // https needs a TLS feature; without one, `build()` refuses the regions' URLs.
/// # if cfg!(not(any(feature = "rustls", feature = "native-tls"))) { return Ok(()); }
/// use std::time::Duration;
/// use sdk_runtime::{Client, Region, RetryPolicy};
///
/// // A static access token, in the EU (Ireland) region.
/// let client = Client::builder()
///     .region(Region::EuWest1)
///     .access_token("my-access-token")
///     .timeout(Duration::from_secs(10))
///     .build()?;
/// assert_eq!(client.base_url(), "https://api.mypurecloud.ie");
///
/// // OAuth client credentials: tokens are fetched from login.mypurecloud.jp on first use,
/// // cached, and refreshed before they expire.
/// let client = Client::builder()
///     .region(Region::ApNortheast1)
///     .client_credentials("my-client-id", "my-client-secret")
///     .retry_policy(RetryPolicy::default().max_attempts(5))
///     .build()?;
/// # let _ = client;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Default)]
#[must_use]
pub struct ClientBuilder {
    region: Option<Region>,
    base_url: Option<String>,
    login_url: Option<String>,
    auth: Option<Credentials>,
    http: Option<reqwest::Client>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    max_response_size: Option<u64>,
    proxy: Option<ProxyConfig>,
    identity: Option<Identity>,
    root_certificates: Vec<Vec<u8>>,
    log_bodies: bool,
}

#[derive(Debug)]
enum Credentials {
    Token(Secret),
    OAuth {
        client_id: String,
        /// `None` for a public client (PKCE).
        client_secret: Option<Secret>,
        grant: Grant,
    },
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
    /// Sends requests to `region`'s API host and OAuth requests to its login host. The
    /// default is [`Region::UsEast1`].
    pub fn region(mut self, region: Region) -> Self {
        self.region = Some(region);
        self
    }

    /// Sends requests to `url` instead of a region's host (a gateway, a proxy, a test server).
    /// Takes precedence over [`region`](Self::region). Unless
    /// [`login_url`](Self::login_url) is set, OAuth requests go to the same URL with `api.`
    /// replaced by `login.` in the host, or to `url` itself when its host has no `api.`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sends OAuth token requests to `url` (`{url}/oauth/token`).
    pub fn login_url(mut self, url: impl Into<String>) -> Self {
        self.login_url = Some(url.into());
        self
    }

    /// Authenticates every request with this OAuth bearer access token.
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.auth = Some(Credentials::Token(Secret::new(token)));
        self
    }

    /// Authenticates with the OAuth client-credentials grant: a token is fetched on first
    /// use, cached, refreshed before it expires and once more if the service rejects it.
    pub fn client_credentials(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.auth = Some(Credentials::OAuth {
            client_id: client_id.into(),
            client_secret: Some(Secret::new(client_secret)),
            grant: Grant::ClientCredentials,
        });
        self
    }

    /// Authenticates with the OAuth authorization-code grant: `code` (from the redirect to
    /// `redirect_uri`) is exchanged for tokens on first use, and the refresh token renews
    /// them afterwards.
    pub fn authorization_code(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        code: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        self.auth = Some(Credentials::OAuth {
            client_id: client_id.into(),
            client_secret: Some(Secret::new(client_secret)),
            grant: Grant::AuthorizationCode {
                code: Secret::new(code),
                redirect_uri: redirect_uri.into(),
            },
        });
        self
    }

    /// Resumes an authorization-code session from a refresh token saved earlier.
    pub fn refresh_token(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        refresh_token: impl Into<String>,
    ) -> Self {
        self.auth = Some(Credentials::OAuth {
            client_id: client_id.into(),
            client_secret: Some(Secret::new(client_secret)),
            grant: Grant::RefreshToken {
                refresh_token: Secret::new(refresh_token),
            },
        });
        self
    }

    /// Authenticates with the OAuth authorization-code grant with PKCE, for a client without
    /// a secret: `code` (from the redirect to `redirect_uri`) and `code_verifier` (the
    /// [`Pkce::verifier`](crate::runtime::Pkce::verifier) whose challenge went into the
    /// authorization URL) are exchanged for tokens on first use; a refresh token, if the login
    /// service returns one, renews them afterwards. [`Pkce`](crate::runtime::Pkce) describes
    /// the whole flow.
    pub fn pkce(
        mut self,
        client_id: impl Into<String>,
        code_verifier: impl Into<String>,
        code: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        self.auth = Some(Credentials::OAuth {
            client_id: client_id.into(),
            client_secret: None,
            grant: Grant::Pkce {
                code: Secret::new(code),
                code_verifier: Secret::new(code_verifier),
                redirect_uri: redirect_uri.into(),
            },
        });
        self
    }

    /// Authenticates with the SAML2 bearer grant: `assertion` is the base64-encoded SAML
    /// assertion from your identity provider, `org_name` the Genesys Cloud organization's
    /// short name.
    pub fn saml2_bearer(
        mut self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        assertion: impl Into<String>,
        org_name: impl Into<String>,
    ) -> Self {
        self.auth = Some(Credentials::OAuth {
            client_id: client_id.into(),
            client_secret: Some(Secret::new(client_secret)),
            grant: Grant::Saml2Bearer {
                assertion: Secret::new(assertion),
                org_name: org_name.into(),
            },
        });
        self
    }

    /// Uses this `reqwest` client (its connection pool, proxy, TLS and redirect settings) for
    /// API requests. The SDK still sets its own `User-Agent`, `Accept` and per-attempt timeout;
    /// [`connect_timeout`](Self::connect_timeout), [`proxy`](Self::proxy),
    /// [`client_identity_pem`](Self::client_identity_pem) and
    /// [`add_root_certificate_pem`](Self::add_root_certificate_pem) then apply to token
    /// requests only, and the rest is the client's own business. Token requests to the login
    /// host always go through a client the SDK builds, which never follows redirects.
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

    /// Sends API requests to `{url}/{api_path}` and token requests to
    /// `{url}/{login_path}/oauth/token`: a gateway in front of both the API and the login
    /// hosts, as the official SDKs' gateway configuration has it. Either path may be empty.
    /// Sets [`base_url`](Self::base_url) and [`login_url`](Self::login_url).
    ///
    /// ```
    /// # fn main() -> Result<(), sdk_runtime::Error> {
    /// # if cfg!(not(any(feature = "rustls", feature = "native-tls"))) { return Ok(()); }
    /// let client = sdk_runtime::Client::builder()
    ///     .gateway("https://gateway.example.com:8443", "genesys/api", "genesys/login")
    ///     .client_credentials("my-client-id", "my-client-secret")
    ///     .build()?;
    /// assert_eq!(client.base_url(), "https://gateway.example.com:8443/genesys/api");
    /// # Ok(())
    /// # }
    /// ```
    pub fn gateway(self, url: &str, api_path: &str, login_path: &str) -> Self {
        let join = |path: &str| {
            let url = url.trim_end_matches('/');
            match path.trim_matches('/') {
                "" => url.to_owned(),
                path => format!("{url}/{path}"),
            }
        };
        self.base_url(join(api_path)).login_url(join(login_path))
    }

    /// Presents this client certificate to the API and login hosts (mutual TLS):
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

    /// Trusts the CA certificates in `pem` (one or more PEM certificates) for the API and login
    /// hosts, besides the platform's own (a corporate CA that re-signs traffic, a private
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
    /// Requests go to [`base_url`](Self::base_url) if set, else to the
    /// [`region`](Self::region)'s API host if set, else to the API description's server URL
    /// (for Genesys Cloud, `https://api.mypurecloud.com`, the [`Region::UsEast1`] host).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if the base, login or proxy URL is not an absolute `http` or
    /// `https` URL; if the base or login URL is `https` while the crate was built without a
    /// TLS feature (`rustls`, `rustls-no-provider` or `native-tls`) and without an
    /// [`http_client`](Self::http_client) of the caller's; if a client certificate, key or
    /// CA certificate does not parse or the build has no TLS; if the `rustls-no-provider`
    /// feature is the only TLS and no crypto provider was installed; if the HTTP client
    /// cannot be created.
    pub fn build(self) -> Result<Client, Error> {
        let (base_url, login_url) = urls(
            self.region,
            self.base_url.as_deref(),
            self.login_url.as_deref(),
            crate::hooks::DEFAULT_BASE_URL,
        )?;
        let oauth = matches!(self.auth, Some(Credentials::OAuth { .. }));
        if self.http.is_none() {
            check_tls("base URL", &base_url)?;
        }
        if oauth {
            check_tls("login URL", &login_url)?;
        }
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
        let (http, http_same_origin) = match self.http {
            Some(http) => (http, None),
            None => (
                connection.client(reqwest::redirect::Policy::default())?,
                Some(connection.client(same_origin_redirects())?),
            ),
        };
        let auth = match self.auth {
            None => Auth::None,
            Some(Credentials::Token(token)) => Auth::Static(token),
            Some(Credentials::OAuth {
                client_id,
                client_secret,
                grant,
            }) => Auth::Grant(Arc::new(TokenSource::new(
                client_id,
                client_secret,
                format!("{login_url}/oauth/token"),
                grant,
                connection.client(reqwest::redirect::Policy::none())?,
            ))),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                http_same_origin,
                base_url,
                auth,
                timeout,
                connect_timeout,
                retry: self.retry.unwrap_or_default(),
                max_response_size: self.max_response_size.unwrap_or(DEFAULT_MAX_RESPONSE_SIZE),
                log_bodies: self.log_bodies,
                connection,
            }),
        })
    }
}

/// The base URL and the login URL: the caller's, or the region's, or the API description's
/// server URL (`default`), in that order; the login URL, unless given, is the base URL's with
/// `api.` replaced by `login.` in the host (or the base URL itself when its host has no `api.`).
fn urls(
    region: Option<Region>,
    base_url: Option<&str>,
    login_url: Option<&str>,
    default: Option<&str>,
) -> Result<(String, String), Error> {
    let base = match (base_url, region, default) {
        (Some(url), _, _) => checked_url("base URL", url)?,
        (None, Some(region), _) => region.api_base_url(),
        (None, None, Some(default)) => {
            checked_url("default server URL", default).map_err(|_| {
                Error::InvalidRequest(format!(
                    "the API description's server URL `{default}` is not an absolute http or https \
                 URL: set the base URL (ClientBuilder::base_url)"
                ))
            })?
        }
        (None, None, None) => Region::default().api_base_url(),
    };
    let login = match (login_url, base_url, region, default) {
        (Some(url), ..) => checked_url("login URL", url)?,
        (None, None, Some(region), _) => region.login_base_url(),
        (None, None, None, None) => Region::default().login_base_url(),
        (None, ..) => base.replacen("://api.", "://login.", 1),
    };
    Ok((base, login))
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
/// fragment (paths are appended to it).
pub(crate) fn checked_url(what: &str, url: &str) -> Result<String, Error> {
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
        let https = Client::builder().region(Region::EuWest1).build();
        assert_eq!(https.is_ok(), HAS_TLS, "{https:?}");
        if let Err(error) = https {
            let text = error.to_string();
            assert!(
                text.contains("https://api.mypurecloud.ie") && text.contains("`rustls`"),
                "{text}"
            );
        }
        let login = Client::builder()
            .base_url("http://127.0.0.1:1")
            .login_url("https://login.example")
            .client_credentials("id", "secret")
            .build();
        assert_eq!(login.is_ok(), HAS_TLS, "{login:?}");
        let plain = Client::builder().base_url("http://127.0.0.1:1").build();
        assert!(plain.is_ok(), "{plain:?}");
    }

    /// Region, base URL, login URL, the description's server; then the base and login URLs.
    type Row<'a> = (
        Option<Region>,
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
        &'a str,
        &'a str,
    );

    /// Where requests go: the caller's base URL, the region's host, the API description's
    /// server, in that order; the login host follows.
    #[test]
    fn base_and_login_urls_follow_the_precedence() {
        let genesys = Some("https://api.mypurecloud.com");
        let other = Some("https://petstore.example.com/v3");
        let ie = Some(Region::EuWest1);
        // (region, base URL, login URL, the description's server, base, login)
        let table: [Row; 9] = [
            (
                None,
                None,
                None,
                genesys,
                "https://api.mypurecloud.com",
                "https://login.mypurecloud.com",
            ),
            (
                None,
                None,
                None,
                None,
                "https://api.mypurecloud.com",
                "https://login.mypurecloud.com",
            ),
            (
                ie,
                None,
                None,
                genesys,
                "https://api.mypurecloud.ie",
                "https://login.mypurecloud.ie",
            ),
            (
                ie,
                None,
                None,
                other,
                "https://api.mypurecloud.ie",
                "https://login.mypurecloud.ie",
            ),
            (
                None,
                None,
                None,
                other,
                "https://petstore.example.com/v3",
                "https://petstore.example.com/v3",
            ),
            (
                ie,
                Some("http://127.0.0.1:9/"),
                None,
                other,
                "http://127.0.0.1:9",
                "http://127.0.0.1:9",
            ),
            (
                None,
                Some("https://api.gw.example/p"),
                None,
                None,
                "https://api.gw.example/p",
                "https://login.gw.example/p",
            ),
            (
                None,
                None,
                Some("https://sso.example"),
                other,
                "https://petstore.example.com/v3",
                "https://sso.example",
            ),
            (
                ie,
                None,
                Some("https://sso.example/"),
                None,
                "https://api.mypurecloud.ie",
                "https://sso.example",
            ),
        ];
        for (region, base, login, default, want_base, want_login) in table {
            let got = urls(region, base, login, default).expect("usable URLs");
            assert_eq!(
                got,
                (want_base.to_owned(), want_login.to_owned()),
                "{region:?} {base:?} {login:?} {default:?}"
            );
        }
        // A server URL that is relative or templated cannot be a default: say what to do.
        for default in ["/v3", "{scheme}://{host}", "https://example.com/v1?x=1"] {
            let error = urls(None, None, None, Some(default))
                .unwrap_err()
                .to_string();
            assert!(
                error.contains(default) && error.contains("ClientBuilder::base_url"),
                "{error}"
            );
            assert!(
                urls(ie, None, None, Some(default)).is_ok(),
                "a region needs no default"
            );
        }
        for bad in ["api.example.com", "ftp://x", "https://x/#f"] {
            assert!(urls(None, Some(bad), None, None).is_err(), "{bad}");
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
