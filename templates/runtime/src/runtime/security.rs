//! Security schemes: how the API description says requests are authenticated, the credentials
//! a client holds for them, and which of them each operation sends.
//!
//! Generated code declares one [`Scheme`] per entry of the description's
//! `components.securitySchemes` (in `src/security.rs`, with the `ClientBuilder` setter of each),
//! and gives every operation its [`Requirement`]: the alternatives it accepts, in the
//! description's order, each a set of schemes sent together. Per request, the runtime sends the
//! first alternative whose every scheme has a credential configured; an operation none of whose
//! alternatives is satisfied fails before anything is sent ([`Error::MissingCredentials`]).
//!
//! [`Error::MissingCredentials`]: crate::runtime::Error::MissingCredentials

use std::fmt;
use std::sync::Arc;

use crate::runtime::auth::{Grant, Secret, TokenSource};

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie, in the `Cookie` header.
    Cookie,
}

/// How a scheme puts its credential on a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placement {
    /// An API key (`type: apiKey`), sent as the header, query parameter or cookie `name`.
    ApiKey {
        /// Where it goes.
        location: KeyLocation,
        /// The header, parameter or cookie name.
        name: &'static str,
    },
    /// `Authorization: Basic <base64 of user:password>` (`type: http`, `scheme: basic`).
    Basic,
    /// `Authorization: <scheme> <credential>`: HTTP `bearer` and other HTTP schemes, and the
    /// access tokens of OAuth 2 and OpenID Connect (`Bearer`).
    Authorization {
        /// The authentication scheme as sent, e.g. `Bearer`.
        scheme: &'static str,
    },
}

/// One security scheme of the API description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scheme {
    /// Its name in `components.securitySchemes`.
    pub name: &'static str,
    /// The `ClientBuilder` method that configures it, e.g. `api_key`, for messages.
    pub setter: &'static str,
    /// How its credential is sent.
    pub placement: Placement,
}

/// What an operation accepts: alternatives, in order of preference, each the schemes that are
/// sent together. No alternative at all (`&[]`) and an empty alternative both mean that the
/// operation needs no credential; an empty alternative after others makes them optional.
pub type Requirement = &'static [&'static [&'static Scheme]];

/// Where a token request goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenUrl {
    /// The API description's `tokenUrl` (or `refreshUrl`): absolute, or relative to the
    /// base URL.
    Described(&'static str),
    /// This path on the profile's authorization server (a vendor's login host); without one,
    /// on the base URL.
    AuthServer(&'static str),
}

/// A credential as a setter of the client builder takes it; the client turns it into what it
/// sends when it is built.
#[derive(Clone)]
pub enum Credential {
    /// A value sent as it is: an API key, a bearer token, the credentials of another HTTP
    /// scheme.
    Value(Secret),
    /// A user name and password for HTTP basic authentication.
    Basic {
        /// The user name.
        username: String,
        /// The password.
        password: Secret,
    },
    /// OAuth 2 tokens, fetched with a grant from a token endpoint.
    OAuth {
        /// The OAuth client id.
        client_id: String,
        /// `None` for a public client (PKCE), which names itself in the form instead.
        client_secret: Option<Secret>,
        /// What the token request asks with.
        grant: Grant,
        /// Where it is sent.
        token_url: TokenUrl,
    },
}

impl Credential {
    /// A value sent as it is (an API key, a token).
    pub fn value(value: impl Into<String>) -> Self {
        Credential::Value(Secret::new(value))
    }

    /// HTTP basic credentials.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Credential::Basic {
            username: username.into(),
            password: Secret::new(password),
        }
    }

    /// An OAuth 2 grant run against `token_url` by a client with a secret (`Some`) or a public
    /// client (`None`).
    pub fn oauth(
        client_id: impl Into<String>,
        client_secret: Option<String>,
        grant: Grant,
        token_url: TokenUrl,
    ) -> Self {
        Credential::OAuth {
            client_id: client_id.into(),
            client_secret: client_secret.map(Secret::new),
            grant,
            token_url,
        }
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Value(secret) => f.debug_tuple("Value").field(secret).finish(),
            Credential::Basic { username, password } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", password)
                .finish(),
            Credential::OAuth {
                client_id,
                client_secret,
                grant,
                token_url,
            } => f
                .debug_struct("OAuth")
                .field("client_id", client_id)
                .field("client_secret", client_secret)
                .field("grant", grant)
                .field("token_url", token_url)
                .finish(),
        }
    }
}

/// A credential of a built client.
#[derive(Debug, Clone)]
pub(crate) enum Held {
    /// Sent as it is.
    Value(Secret),
    /// `Authorization: Basic …`, encoded once.
    Basic(Secret),
    /// Tokens from an OAuth grant.
    OAuth(Arc<TokenSource>),
}

/// The credentials of a built client, by scheme.
#[derive(Debug, Clone, Default)]
pub(crate) struct Credentials {
    held: Vec<(&'static Scheme, Held)>,
}

impl Credentials {
    pub(crate) fn new(held: Vec<(&'static Scheme, Held)>) -> Self {
        Credentials { held }
    }

    fn get(&self, scheme: &Scheme) -> Option<&Held> {
        self.held
            .iter()
            .find(|(s, _)| s.name == scheme.name)
            .map(|(_, held)| held)
    }

    /// The credentials to send for `requirement`: those of its first alternative whose every
    /// scheme has one (nothing for an empty alternative or no requirement).
    ///
    /// # Errors
    ///
    /// `Err(())` when no alternative is satisfied; the caller names the operation.
    pub(crate) fn select(
        &self,
        requirement: Requirement,
    ) -> Result<Vec<(&'static Scheme, Held)>, ()> {
        if requirement.is_empty() {
            return Ok(Vec::new());
        }
        for alternative in requirement {
            let found: Option<Vec<_>> = alternative
                .iter()
                .map(|scheme| self.get(scheme).map(|held| (*scheme, held.clone())))
                .collect();
            if let Some(found) = found {
                return Ok(found);
            }
        }
        Err(())
    }
}

/// The `Authorization` value of HTTP basic credentials.
pub(crate) fn basic_value(username: &str, password: &str) -> Secret {
    use base64::Engine as _;
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
    Secret::new(format!("Basic {encoded}"))
}

/// The operation's accepted alternatives as text: `` `a` (ClientBuilder::a) `` joined with
/// `and` within an alternative, `or` between them.
pub(crate) fn describe(requirement: Requirement) -> String {
    requirement
        .iter()
        .filter(|alternative| !alternative.is_empty())
        .map(|alternative| {
            alternative
                .iter()
                .map(|s| format!("`{}` (ClientBuilder::{})", s.name, s.setter))
                .collect::<Vec<_>>()
                .join(" and ")
        })
        .collect::<Vec<_>>()
        .join(", or ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: Scheme = Scheme {
        name: "api_key",
        setter: "api_key",
        placement: Placement::ApiKey {
            location: KeyLocation::Header,
            name: "X-API-Key",
        },
    };
    const APP: Scheme = Scheme {
        name: "app_id",
        setter: "app_id",
        placement: Placement::ApiKey {
            location: KeyLocation::Query,
            name: "app_id",
        },
    };
    const BEARER: Scheme = Scheme {
        name: "bearer",
        setter: "bearer",
        placement: Placement::Authorization { scheme: "Bearer" },
    };

    fn names(selected: &[(&'static Scheme, Held)]) -> Vec<&'static str> {
        selected.iter().map(|(s, _)| s.name).collect()
    }

    /// The first alternative whose schemes are all configured wins; `{}` is satisfied by
    /// nothing; no requirement sends nothing.
    #[test]
    fn the_first_satisfied_alternative_is_selected() {
        let value = || Held::Value(Secret::new("v"));
        let key_only = Credentials::new(vec![(&KEY, value())]);
        let all = Credentials::new(vec![(&KEY, value()), (&APP, value()), (&BEARER, value())]);
        let none = Credentials::default();
        type Row = (Requirement, &'static str, Result<Vec<&'static str>, ()>);
        let table: [(Row, &Credentials); 9] = [
            ((&[], "no requirement", Ok(vec![])), &none),
            ((&[&[]], "anonymous", Ok(vec![])), &none),
            ((&[&[&KEY]], "key", Ok(vec!["api_key"])), &key_only),
            ((&[&[&KEY]], "key missing", Err(())), &none),
            ((&[&[&KEY, &APP]], "together", Err(())), &key_only),
            (
                (&[&[&KEY, &APP]], "together", Ok(vec!["api_key", "app_id"])),
                &all,
            ),
            (
                (&[&[&BEARER], &[&KEY]], "or", Ok(vec!["api_key"])),
                &key_only,
            ),
            ((&[&[&BEARER], &[&KEY]], "first", Ok(vec!["bearer"])), &all),
            ((&[&[&KEY], &[]], "optional", Ok(vec![])), &none),
        ];
        for ((requirement, what, want), credentials) in table {
            let got = credentials.select(requirement).map(|s| names(&s));
            assert_eq!(got, want, "{what}");
        }
    }

    #[test]
    fn requirements_are_described_with_their_setters() {
        let text = describe(&[&[&KEY, &APP], &[&BEARER], &[]]);
        assert_eq!(
            text,
            "`api_key` (ClientBuilder::api_key) and `app_id` (ClientBuilder::app_id), or \
             `bearer` (ClientBuilder::bearer)"
        );
    }

    #[test]
    fn basic_credentials_are_rfc_7617_and_redacted() {
        let value = basic_value("Aladdin", "open sesame");
        assert_eq!(value.expose(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        let credential = Credential::basic("Aladdin", "open sesame");
        let debug = format!("{credential:?}");
        assert!(
            debug.contains("Aladdin") && !debug.contains("sesame"),
            "{debug}"
        );
    }
}
