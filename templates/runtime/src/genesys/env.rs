//! Configuration from the environment, with the variable names of the Genesys Cloud Terraform
//! provider (CX as Code), so that one set of variables serves both.

use crate::genesys::Region;
use crate::runtime::{Client, ClientBuilder, Error};

/// A bearer access token; when set, it is used and the OAuth client is not.
const ACCESS_TOKEN: &str = "GENESYSCLOUD_ACCESS_TOKEN";
/// The OAuth client id (client-credentials grant).
const CLIENT_ID: &str = "GENESYSCLOUD_OAUTHCLIENT_ID";
/// The OAuth client secret.
const CLIENT_SECRET: &str = "GENESYSCLOUD_OAUTHCLIENT_SECRET";
/// The region: `us-east-1`, `eu-west-1`, … (or its domain, `mypurecloud.ie`).
const REGION: &str = "GENESYSCLOUD_REGION";
const PROXY_HOST: &str = "GENESYSCLOUD_PROXY_HOST";
const PROXY_PORT: &str = "GENESYSCLOUD_PROXY_PORT";
const PROXY_PROTOCOL: &str = "GENESYSCLOUD_PROXY_PROTOCOL";
const PROXY_USERNAME: &str = "GENESYSCLOUD_PROXY_AUTH_USERNAME";
const PROXY_PASSWORD: &str = "GENESYSCLOUD_PROXY_AUTH_PASSWORD";
const GATEWAY_HOST: &str = "GENESYSCLOUD_GATEWAY_HOST";
const GATEWAY_PORT: &str = "GENESYSCLOUD_GATEWAY_PORT";
const GATEWAY_PROTOCOL: &str = "GENESYSCLOUD_GATEWAY_PROTOCOL";
const GATEWAY_PATH_NAME: &str = "GENESYSCLOUD_GATEWAY_PATH_NAME";
const GATEWAY_PATH_VALUE: &str = "GENESYSCLOUD_GATEWAY_PATH_VALUE";

impl Client {
    /// A client configured from the environment: [`ClientBuilder::from_env`], then
    /// [`build`](ClientBuilder::build).
    ///
    /// # Errors
    ///
    /// As [`ClientBuilder::from_env`] and [`ClientBuilder::build`].
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env()?.build()
    }
}

impl ClientBuilder {
    /// A builder configured from the process environment, with the variable names of the
    /// Genesys Cloud Terraform provider; set anything else on it before
    /// [`build`](Self::build). An empty variable counts as unset.
    ///
    /// | Variable | Sets |
    /// | --- | --- |
    /// | `GENESYSCLOUD_ACCESS_TOKEN` | [`access_token`](Self::access_token); takes precedence over the OAuth client |
    /// | `GENESYSCLOUD_OAUTHCLIENT_ID`, `GENESYSCLOUD_OAUTHCLIENT_SECRET` | [`client_credentials`](Self::client_credentials) |
    /// | `GENESYSCLOUD_REGION` | [`region`](Self::region): `us-east-1`, `eu-west-1`, … or its domain (`mypurecloud.ie`); default `us-east-1` |
    /// | `GENESYSCLOUD_PROXY_HOST`, `_PORT`, `_PROTOCOL` (default `http`) | [`proxy`](Self::proxy) |
    /// | `GENESYSCLOUD_PROXY_AUTH_USERNAME`, `_PASSWORD` | [`proxy_credentials`](Self::proxy_credentials) |
    /// | `GENESYSCLOUD_GATEWAY_HOST`, `_PORT`, `_PROTOCOL` (default `https`) | [`gateway`](Self::gateway) |
    /// | `GENESYSCLOUD_GATEWAY_PATH_NAME` (`api` or `login`), `_PATH_VALUE` | the gateway's path prefix for that host |
    ///
    /// ```
    /// # fn main() -> Result<(), sdk_runtime::Error> {
    /// # if cfg!(not(any(feature = "rustls", feature = "native-tls"))) { return Ok(()); }
    /// // The same, from any source of variables (a test, a secrets store):
    /// let vars = [
    ///     ("GENESYSCLOUD_REGION", "eu-west-1"),
    ///     ("GENESYSCLOUD_OAUTHCLIENT_ID", "my-client-id"),
    ///     ("GENESYSCLOUD_OAUTHCLIENT_SECRET", "my-client-secret"),
    /// ];
    /// let client = sdk_runtime::ClientBuilder::from_lookup(|name| {
    ///     vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
    /// })?
    /// .build()?;
    /// assert_eq!(client.base_url(), "https://api.mypurecloud.ie");
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRequest`], naming the variable, when no credentials are set (neither
    /// the access token nor both OAuth client variables), when only one of the OAuth client
    /// variables is set, or when the region, a port or the gateway path name is not valid.
    pub fn from_env() -> Result<ClientBuilder, Error> {
        ClientBuilder::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env), reading the variables through `lookup` (name → value)
    /// instead of the process environment.
    ///
    /// # Errors
    ///
    /// As [`from_env`](Self::from_env).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<ClientBuilder, Error> {
        let var = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let mut builder = Client::builder();
        if let Some(region) = var(REGION) {
            builder = builder.region(region_named(region.trim())?);
        }
        builder = match (var(ACCESS_TOKEN), var(CLIENT_ID), var(CLIENT_SECRET)) {
            (Some(token), ..) => builder.access_token(token),
            (None, Some(id), Some(secret)) => builder.client_credentials(id.trim(), secret),
            (None, Some(_), None) => return Err(missing(CLIENT_SECRET, Some(CLIENT_ID))),
            (None, None, Some(_)) => return Err(missing(CLIENT_ID, Some(CLIENT_SECRET))),
            (None, None, None) => {
                return Err(Error::InvalidRequest(format!(
                    "no credentials in the environment: set {ACCESS_TOKEN}, or {CLIENT_ID} and \
                     {CLIENT_SECRET}"
                )));
            }
        };
        if let Some(host) = var(PROXY_HOST) {
            let protocol = var(PROXY_PROTOCOL).unwrap_or_else(|| "http".into());
            let url = origin(&protocol, host.trim(), var(PROXY_PORT), PROXY_PORT)?;
            builder = builder.proxy(url);
        }
        if let Some(user) = var(PROXY_USERNAME) {
            let password = lookup(PROXY_PASSWORD).unwrap_or_default();
            builder = builder.proxy_credentials(user, password);
        }
        if let Some(host) = var(GATEWAY_HOST) {
            let protocol = var(GATEWAY_PROTOCOL).unwrap_or_else(|| "https".into());
            let url = origin(&protocol, host.trim(), var(GATEWAY_PORT), GATEWAY_PORT)?;
            let prefix = var(GATEWAY_PATH_VALUE).unwrap_or_default();
            let (api, login) = match var(GATEWAY_PATH_NAME).as_deref().map(str::trim) {
                None => ("", ""),
                Some(name) if name.eq_ignore_ascii_case("api") => (prefix.as_str(), ""),
                Some(name) if name.eq_ignore_ascii_case("login") => ("", prefix.as_str()),
                Some(other) => {
                    return Err(Error::InvalidRequest(format!(
                        "{GATEWAY_PATH_NAME} is `{other}`; it names the host the path prefix is \
                         for: `api` or `login`"
                    )));
                }
            };
            builder = builder.gateway(&url, api, login);
        }
        Ok(builder)
    }
}

/// The region `value` names: a region name (`eu-west-1`, in any case) or its domain
/// (`mypurecloud.ie`, `api.mypurecloud.ie`).
fn region_named(value: &str) -> Result<Region, Error> {
    let lower = value.to_ascii_lowercase();
    let domain = lower
        .trim_start_matches("api.")
        .trim_start_matches("login.");
    Region::ALL
        .into_iter()
        .find(|region| {
            region.name() == lower || region.api_host().trim_start_matches("api.") == domain
        })
        .ok_or_else(|| {
            Error::InvalidRequest(format!(
                "{REGION} is `{value}`, which is not a Genesys Cloud region (such as `us-east-1`) \
                 or a region's domain (such as `mypurecloud.com`)"
            ))
        })
}

/// `protocol://host[:port]`, the port checked.
fn origin(
    protocol: &str,
    host: &str,
    port: Option<String>,
    port_variable: &str,
) -> Result<String, Error> {
    let protocol = protocol.trim().trim_end_matches("://");
    match port {
        None => Ok(format!("{protocol}://{host}")),
        Some(port) => match port.trim().parse::<u16>() {
            Ok(port) => Ok(format!("{protocol}://{host}:{port}")),
            Err(_) => Err(Error::InvalidRequest(format!(
                "{port_variable} is `{port}`, which is not a port number"
            ))),
        },
    }
}

/// The error for `name` unset while `set` is.
fn missing(name: &str, set: Option<&str>) -> Error {
    let because = set.map(|s| format!(" ({s} is set)")).unwrap_or_default();
    Error::InvalidRequest(format!("{name} is not set in the environment{because}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Variables, and what the builder's `Debug` or the error must contain.
    type Row<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);

    fn builder(vars: &[(&str, &str)]) -> Result<ClientBuilder, Error> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        ClientBuilder::from_lookup(move |name| {
            vars.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
        })
    }

    /// What each set of variables configures, shown through the builder's `Debug` (which
    /// redacts secrets), or the error, which names the variable.
    #[test]
    fn variables_configure_the_builder_or_name_what_is_wrong() {
        // (variables, what the builder's Debug or the error must contain)
        let table: &[Row] = &[
            (
                &[(ACCESS_TOKEN, "tok")],
                &["Value(\"<redacted>\")", "region: None"],
            ),
            (
                &[
                    (CLIENT_ID, "id-1"),
                    (CLIENT_SECRET, "sec-1"),
                    (REGION, "EU-West-1"),
                ],
                &["client_id: \"id-1\"", "ClientCredentials", "Some(EuWest1)"],
            ),
            (
                &[
                    (ACCESS_TOKEN, "tok"),
                    (CLIENT_ID, "id-1"),
                    (CLIENT_SECRET, "sec-1"),
                ],
                &["Value("],
            ),
            (
                &[(ACCESS_TOKEN, "t"), (REGION, "mypurecloud.jp")],
                &["Some(ApNortheast1)"],
            ),
            (
                &[(ACCESS_TOKEN, "t"), (REGION, "api.usw2.pure.cloud")],
                &["Some(UsWest2)"],
            ),
            (
                &[(ACCESS_TOKEN, "t"), (REGION, "mars-1")],
                &["GENESYSCLOUD_REGION is `mars-1`"],
            ),
            (
                &[(CLIENT_ID, "id-1")],
                &[
                    "GENESYSCLOUD_OAUTHCLIENT_SECRET is not set in the environment (GENESYSCLOUD_OAUTHCLIENT_ID is set)",
                ],
            ),
            (
                &[(CLIENT_SECRET, "s")],
                &["GENESYSCLOUD_OAUTHCLIENT_ID is not set"],
            ),
            (
                &[(ACCESS_TOKEN, "  "), (REGION, "")],
                &[
                    "no credentials in the environment: set GENESYSCLOUD_ACCESS_TOKEN, or GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET",
                ],
            ),
            (
                &[
                    (ACCESS_TOKEN, "t"),
                    (PROXY_HOST, "proxy.corp"),
                    (PROXY_PORT, "3128"),
                    (PROXY_USERNAME, "pu"),
                    (PROXY_PASSWORD, "pp-secret"),
                ],
                &["url: \"http://proxy.corp:3128\"", "username: Some(\"pu\")"],
            ),
            (
                &[
                    (ACCESS_TOKEN, "t"),
                    (PROXY_HOST, "p"),
                    (PROXY_PORT, "99999"),
                ],
                &["GENESYSCLOUD_PROXY_PORT is `99999`, which is not a port number"],
            ),
            (
                &[
                    (ACCESS_TOKEN, "t"),
                    (GATEWAY_HOST, "gw.corp"),
                    (GATEWAY_PORT, "8443"),
                    (GATEWAY_PATH_NAME, "login"),
                    (GATEWAY_PATH_VALUE, "/auth/"),
                ],
                &[
                    "base_url: Some(\"https://gw.corp:8443\")",
                    "login_url: Some(\"https://gw.corp:8443/auth\")",
                ],
            ),
            (
                &[
                    (ACCESS_TOKEN, "t"),
                    (GATEWAY_HOST, "gw"),
                    (GATEWAY_PATH_NAME, "web"),
                ],
                &["GENESYSCLOUD_GATEWAY_PATH_NAME is `web`"],
            ),
        ];
        for (vars, wants) in table {
            let shown = match builder(vars) {
                Ok(builder) => format!("{builder:?}"),
                Err(error) => error.to_string(),
            };
            for want in *wants {
                assert!(shown.contains(want), "{vars:?}: {want} not in {shown}");
            }
            for secret in ["tok", "sec-1", "pp-secret"] {
                assert!(
                    !shown.contains(&format!("\"{secret}\"")),
                    "{vars:?}: {shown}"
                );
            }
        }
    }
}
