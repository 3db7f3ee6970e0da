//! The Genesys Cloud profile: what a crate generated from a Genesys Cloud API description has
//! beside the generic runtime (`crate::runtime`):
//!
//! - its regions ([`Region`]) with their API and login hosts, OAuth token requests to the
//!   login host, the login URL and gateway settings, the authorization URL of the login host
//!   for PKCE, and the environment variables of the Genesys Cloud Terraform provider
//!   ([`ClientBuilder::from_env`]);
//! - `notifications` (cargo feature `realtime`, on by default): realtime events from the
//!   Notifications API's WebSocket stream, through `Client::realtime`.
//!
//! The generator adds this module (`src/genesys/`) to a crate when its API description is a
//! Genesys Cloud one; the runtime (`src/runtime/`) never refers to it. It plugs in through
//! `crate::hooks::Profile`, the [`Settings`] the client builder carries. Like `src/runtime/`,
//! these files are written once in the `sdk-runtime` crate (`templates/runtime/src/genesys/`),
//! checked and tested there, and copied verbatim into generated crates. They reach the client
//! only through the runtime's plumbing (operations sent through `RequestBuilder`, so
//! authentication, retries, the token cache and errors are the runtime's) and two
//! crate-private hooks of `Client`: an HTTP/1.1 client for connection upgrades, and requests
//! whose URL and bodies stay out of logs.

mod env;
#[cfg(feature = "realtime")]
pub mod notifications;
mod region;

pub use region::Region;

/// The header in which Genesys Cloud returns the id that identifies a request in its logs.
pub const CORRELATION_ID_HEADER: &str = "inin-correlation-id";

use crate::runtime::{ClientBuilder, Error, Pkce, Profile, checked_url};

/// The Genesys Cloud settings of a [`ClientBuilder`]: the region and the login URL.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    region: Option<Region>,
    login_url: Option<String>,
}

impl Profile for Settings {
    fn endpoints(
        &self,
        base_url: Option<&str>,
        server: Option<Result<String, Error>>,
    ) -> Result<(String, Option<String>), Error> {
        let (base, login) = urls(self.region, base_url, self.login_url.as_deref(), server)?;
        Ok((base, Some(login)))
    }
}

/// The base URL and the login URL: the caller's, or the region's, or the API description's
/// server URL, in that order; the login URL, unless given, is the base URL's with `api.`
/// replaced by `login.` in the host (or the base URL itself when its host has no `api.`).
fn urls(
    region: Option<Region>,
    base_url: Option<&str>,
    login_url: Option<&str>,
    server: Option<Result<String, Error>>,
) -> Result<(String, String), Error> {
    let described = server.is_some();
    let base = match (base_url, region, server) {
        (Some(url), _, _) => checked_url("base URL", url)?,
        (None, Some(region), _) => region.api_base_url(),
        (None, None, Some(server)) => server?,
        (None, None, None) => Region::default().api_base_url(),
    };
    let login = match (login_url, base_url, region) {
        (Some(url), ..) => checked_url("login URL", url)?,
        (None, None, Some(region)) => region.login_base_url(),
        (None, None, None) if !described => Region::default().login_base_url(),
        (None, ..) => base.replacen("://api.", "://login.", 1),
    };
    Ok((base, login))
}

impl ClientBuilder {
    /// Sends requests to `region`'s API host and OAuth requests to its login host. The
    /// default is [`Region::UsEast1`]. A [`base_url`](Self::base_url) takes precedence over
    /// it; unless [`login_url`](Self::login_url) is set, OAuth requests then go to the same
    /// URL with `api.` replaced by `login.` in the host, or to the base URL itself when its
    /// host has no `api.`.
    pub fn region(mut self, region: Region) -> Self {
        self.profile.region = Some(region);
        self
    }

    /// Sends OAuth token requests to `url` (`{url}/oauth/token`).
    pub fn login_url(mut self, url: impl Into<String>) -> Self {
        self.profile.login_url = Some(url.into());
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
}

impl Pkce {
    /// The URL to send the user to: `{login_url}/oauth/authorize` with `response_type=code`,
    /// `client_id`, `redirect_uri`, `state`, `code_challenge` and
    /// `code_challenge_method=S256`. `login_url` is the login host's base URL
    /// ([`Region::login_base_url`], or a gateway's).
    ///
    /// ```
    /// # fn main() -> Result<(), sdk_runtime::Error> {
    /// # if cfg!(not(any(feature = "rustls", feature = "native-tls"))) { return Ok(()); }
    /// use sdk_runtime::{Client, Pkce, Region};
    ///
    /// let pkce = Pkce::new()?;
    /// let url = pkce.authorization_url(
    ///     &Region::EuWest1.login_base_url(),
    ///     "my-client-id",
    ///     "http://localhost:8080/callback",
    ///     "a-random-state",
    /// )?;
    /// assert!(url.starts_with("https://login.mypurecloud.ie/oauth/authorize?"));
    /// // … the user signs in; the redirect brings `code` (and your `state`) back …
    /// # let code = "the-code";
    /// let client = Client::builder()
    ///     .region(Region::EuWest1)
    ///     .pkce("my-client-id", pkce.verifier(), code, "http://localhost:8080/callback")
    ///     .build()?;
    /// # let _ = client;
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`] if `login_url` is not an absolute http or https URL.
    pub fn authorization_url(
        &self,
        login_url: &str,
        client_id: &str,
        redirect_uri: &str,
        state: &str,
    ) -> Result<String, Error> {
        let base = checked_url("login URL", login_url)?;
        self.authorize_url(
            &format!("{base}/oauth/authorize"),
            client_id,
            redirect_uri,
            state,
            &[],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::{Client, Server};

    /// Whether building any client needs an installed crypto provider (`rustls-no-provider`
    /// alone), which these tests do not install: the tests that build clients then stop early.
    const NEEDS_PROVIDER: bool = cfg!(all(
        feature = "rustls-no-provider",
        not(feature = "rustls"),
        not(feature = "native-tls")
    ));

    /// Whether this build can speak TLS.
    const HAS_TLS: bool = cfg!(any(
        feature = "rustls",
        feature = "rustls-no-provider",
        feature = "native-tls"
    ));

    /// The description's server URL as the client builder resolves it.
    fn server(url: Option<&'static str>) -> Option<Result<String, Error>> {
        url.map(|url| {
            Server {
                url,
                variables: &[],
            }
            .url_with(&[])
        })
    }

    #[test]
    fn the_login_hosts_authorization_url_carries_the_challenge() {
        let pkce =
            Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").expect("valid");
        let url = pkce
            .authorization_url(
                "https://login.example/",
                "app id",
                "http://localhost/cb?x=1",
                "s&t",
            )
            .expect("url");
        assert_eq!(
            url,
            "https://login.example/oauth/authorize?response_type=code&client_id=app+id\
             &redirect_uri=http%3A%2F%2Flocalhost%2Fcb%3Fx%3D1&state=s%26t\
             &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
        );
        assert!(
            pkce.authorization_url("login.example", "a", "b", "c")
                .is_err()
        );
    }

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
            let got = urls(region, base, login, server(default)).expect("usable URLs");
            assert_eq!(
                got,
                (want_base.to_owned(), want_login.to_owned()),
                "{region:?} {base:?} {login:?} {default:?}"
            );
        }
        // A server URL that is relative or templated cannot be a default: say what to do.
        for default in ["/v3", "{scheme}://{host}", "https://example.com/v1?x=1"] {
            let error = urls(None, None, None, server(Some(default)))
                .unwrap_err()
                .to_string();
            assert!(
                error.contains(default) && error.contains("ClientBuilder::base_url"),
                "{error}"
            );
            assert!(
                urls(ie, None, None, server(Some(default))).is_ok(),
                "a region needs no default"
            );
        }
        for bad in ["api.example.com", "ftp://x", "https://x/#f"] {
            assert!(urls(None, Some(bad), None, None).is_err(), "{bad}");
        }
    }
}
