//! Configuration from the environment for a crate without a profile of its own: which
//! variables set the base URL, the server variables and the credentials of each security
//! scheme, as generated code declares them ([`Environment`]).
//!
//! The names follow one rule, which the crate docs spell out for each crate: a prefix made
//! from the package name (`petstore-sdk` → `PETSTORE_SDK`), then `BASE_URL`,
//! `SERVER_<VARIABLE>`, or the scheme's name (`api_key` → `PETSTORE_SDK_API_KEY`) with
//! `_USERNAME` and `_PASSWORD` for HTTP basic and `_CLIENT_ID` and `_CLIENT_SECRET` for an
//! OAuth client-credentials flow.

use crate::runtime::security::{Credential, Scheme, TokenUrl};
use crate::runtime::{ClientBuilder, Error};

/// The variables a crate reads in `ClientBuilder::from_env`.
#[derive(Debug, Clone)]
pub struct Environment {
    /// The variable that sets [`ClientBuilder::base_url`].
    pub base_url: &'static str,
    /// Per server variable: its name in the URL, and the environment variable that sets it.
    pub server_variables: &'static [(&'static str, &'static str)],
    /// The credentials, in the order they are looked for.
    pub credentials: &'static [EnvCredential],
}

/// The variables of one way to authenticate with one security scheme.
#[derive(Debug, Clone)]
pub struct EnvCredential {
    /// The scheme they configure.
    pub scheme: &'static Scheme,
    /// Which variables, and what they make.
    pub kind: EnvKind,
}

/// The variables of an [`EnvCredential`].
#[derive(Debug, Clone)]
pub enum EnvKind {
    /// One value sent as it is (an API key, a bearer or OAuth access token).
    Value(&'static str),
    /// HTTP basic: the user name and the password.
    Basic {
        /// The user name's variable.
        username: &'static str,
        /// The password's variable.
        password: &'static str,
    },
    /// The OAuth client-credentials grant against `token_url`.
    ClientCredentials {
        /// The client id's variable.
        client_id: &'static str,
        /// The client secret's variable.
        client_secret: &'static str,
        /// Where tokens are requested.
        token_url: TokenUrl,
    },
}

/// A builder configured from `lookup` (name → value) as `env` says. An empty or blank value
/// counts as unset. Of the ways to authenticate with one scheme, the first that is set
/// wins; a scheme with none set is left unconfigured.
///
/// # Errors
///
/// [`Error::InvalidRequest`], naming the variables, when one of a pair (user name and
/// password, client id and secret) is set without the other.
pub fn from_lookup(
    env: &Environment,
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<ClientBuilder, Error> {
    let var = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
    let mut builder = ClientBuilder::default();
    if let Some(url) = var(env.base_url) {
        builder = builder.base_url(url.trim());
    }
    for (variable, name) in env.server_variables {
        if let Some(value) = var(name) {
            builder = builder.server_variable(*variable, value.trim());
        }
    }
    let mut configured: Vec<&str> = Vec::new();
    for entry in env.credentials {
        if configured.contains(&entry.scheme.name) {
            continue;
        }
        let pair = |a: &'static str, b: &'static str| match (var(a), var(b)) {
            (Some(a), Some(b)) => Ok(Some((a, b))),
            (None, None) => Ok(None),
            (Some(_), None) => Err(missing(b, a)),
            (None, Some(_)) => Err(missing(a, b)),
        };
        let credential = match &entry.kind {
            EnvKind::Value(name) => var(name).map(Credential::value),
            EnvKind::Basic { username, password } => {
                pair(username, password)?.map(|(u, p)| Credential::basic(u.trim(), p))
            }
            EnvKind::ClientCredentials {
                client_id,
                client_secret,
                token_url,
            } => pair(client_id, client_secret)?.map(|(id, secret)| {
                Credential::oauth(
                    id.trim(),
                    Some(secret),
                    crate::runtime::Grant::ClientCredentials,
                    token_url.clone(),
                )
            }),
        };
        if let Some(credential) = credential {
            configured.push(entry.scheme.name);
            builder = builder.credential(entry.scheme, credential);
        }
    }
    Ok(builder)
}

/// The error for `name` unset while `set` is.
fn missing(name: &str, set: &str) -> Error {
    Error::InvalidRequest(format!(
        "{name} is not set in the environment ({set} is set)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::security::{KeyLocation, Placement};

    const KEY: Scheme = Scheme {
        name: "api_key",
        setter: "api_key",
        placement: Placement::ApiKey {
            location: KeyLocation::Header,
            name: "X-Key",
        },
    };
    const BASIC: Scheme = Scheme {
        name: "basic",
        setter: "basic",
        placement: Placement::Basic,
    };
    const OAUTH: Scheme = Scheme {
        name: "oauth",
        setter: "oauth",
        placement: Placement::Authorization { scheme: "Bearer" },
    };
    const ENV: Environment = Environment {
        base_url: "PET_BASE_URL",
        server_variables: &[("region", "PET_SERVER_REGION")],
        credentials: &[
            EnvCredential {
                scheme: &KEY,
                kind: EnvKind::Value("PET_API_KEY"),
            },
            EnvCredential {
                scheme: &BASIC,
                kind: EnvKind::Basic {
                    username: "PET_BASIC_USERNAME",
                    password: "PET_BASIC_PASSWORD",
                },
            },
            EnvCredential {
                scheme: &OAUTH,
                kind: EnvKind::Value("PET_OAUTH"),
            },
            EnvCredential {
                scheme: &OAUTH,
                kind: EnvKind::ClientCredentials {
                    client_id: "PET_OAUTH_CLIENT_ID",
                    client_secret: "PET_OAUTH_CLIENT_SECRET",
                    token_url: TokenUrl::Described("https://auth.example/token"),
                },
            },
        ],
    };

    /// What each set of variables configures, through the builder's `Debug` (which redacts
    /// secrets), or the error, which names the variables.
    #[test]
    fn variables_configure_the_builder_or_name_what_is_missing() {
        type Row<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);
        let table: &[Row] = &[
            (&[], &["credentials: []", "base_url: None"]),
            (
                &[
                    ("PET_BASE_URL", " http://127.0.0.1:9 "),
                    ("PET_SERVER_REGION", "eu"),
                ],
                &[
                    "base_url: Some(\"http://127.0.0.1:9\")",
                    "(\"region\", \"eu\")",
                ],
            ),
            (
                &[("PET_API_KEY", "k-1")],
                &["name: \"api_key\"", "Value(\"<redacted>\")"],
            ),
            (
                &[
                    ("PET_BASIC_USERNAME", "ann"),
                    ("PET_BASIC_PASSWORD", "pw-1"),
                ],
                &["username: \"ann\"", "password: \"<redacted>\""],
            ),
            (
                &[("PET_BASIC_USERNAME", "ann")],
                &["PET_BASIC_PASSWORD is not set in the environment (PET_BASIC_USERNAME is set)"],
            ),
            (
                &[("PET_OAUTH_CLIENT_SECRET", "s-1")],
                &[
                    "PET_OAUTH_CLIENT_ID is not set in the environment (PET_OAUTH_CLIENT_SECRET is set)",
                ],
            ),
            (
                &[
                    ("PET_OAUTH_CLIENT_ID", "id-1"),
                    ("PET_OAUTH_CLIENT_SECRET", "s-1"),
                ],
                &[
                    "client_id: \"id-1\"",
                    "ClientCredentials",
                    "https://auth.example/token",
                ],
            ),
            (
                &[
                    ("PET_OAUTH", "tok-1"),
                    ("PET_OAUTH_CLIENT_ID", "id-1"),
                    ("PET_OAUTH_CLIENT_SECRET", "s-1"),
                ],
                &["name: \"oauth\"", "Value(\"<redacted>\")"],
            ),
            (&[("PET_API_KEY", "  ")], &["credentials: []"]),
        ];
        for (vars, wants) in table {
            let shown = match from_lookup(&ENV, |name| {
                vars.iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }) {
                Ok(builder) => format!("{builder:?}"),
                Err(error) => error.to_string(),
            };
            for want in *wants {
                assert!(shown.contains(want), "{vars:?}: {want} not in {shown}");
            }
            for secret in ["k-1", "pw-1", "s-1", "tok-1"] {
                assert!(!shown.contains(secret), "{vars:?}: {shown}");
            }
            if vars.iter().any(|(n, _)| *n == "PET_OAUTH") {
                assert!(
                    !shown.contains("ClientCredentials"),
                    "the token wins: {shown}"
                );
            }
        }
    }
}
