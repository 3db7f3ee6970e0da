//! Security: the spec's `components.securitySchemes` → the runtime's scheme declarations and
//! the client builder's credential setters; each operation's `security` (or the root's) → its
//! requirement; the getting-started example's credential calls. (The profile is in `profile`,
//! the servers and the generic `from_env` in `servers`.)
//!
//! Setters are named after their scheme (`api_key` → `.api_key(key)`; an OAuth 2 scheme
//! `petstore_auth` → `.petstore_auth(token)` and one setter per grant its flows allow, such as
//! `.petstore_auth_client_credentials(id, secret)`), unless the profile names them (Genesys
//! Cloud's OAuth scheme: `access_token`, `client_credentials`, …). What the runtime cannot do
//! (an OpenID Connect discovery, a challenge-response HTTP scheme, a requirement naming an
//! undeclared scheme) is a located warning.

use std::collections::BTreeMap;

use openapiv3::{APIKeyLocation, OAuth2Flows, ReferenceOr, SecurityRequirement, SecurityScheme};

use super::Lowerer;
use super::docs::doc_lines;
use super::profile::first_oauth2;
use super::servers::shouty;
use crate::error::{WarningClass, pointer};
use crate::ir::{Profile, ProfileScheme, Requirement, Security, Setter, SetterArg};
use crate::naming::{self, Scope};

/// The methods `ClientBuilder` has of its own, in every crate: no setter may take their names.
pub const BUILDER_METHODS: &[&str] = &[
    "add_root_certificate_pem",
    "base_url",
    "build",
    "client_identity_pem",
    "connect_timeout",
    "credential",
    "default",
    "default_header",
    "fmt",
    "from_env",
    "from_lookup",
    "http_client",
    "log_bodies",
    "max_response_size",
    "profile",
    "proxy",
    "proxy_credentials",
    "retry_policy",
    "server_variable",
    "timeout",
    "token_url",
];

/// The methods the Genesys Cloud profile adds to `ClientBuilder`.
const GENESYS_METHODS: &[&str] = &["gateway", "login_url", "region"];

/// Where Genesys Cloud's login hosts take token requests.
const GENESYS_TOKEN_PATH: &str = "/oauth/token";

/// An argument list of `impl Into<String>` names.
fn args(names: &[&str]) -> Vec<SetterArg> {
    names
        .iter()
        .map(|n| SetterArg {
            name: (*n).to_owned(),
        })
        .collect()
}

/// `crate::runtime::Credential::oauth(…)` with a grant.
fn oauth(secret: bool, grant: &str, token_url: &str) -> String {
    let secret = if secret {
        "Some(client_secret.into())"
    } else {
        "None"
    };
    format!(
        "crate::runtime::Credential::oauth(client_id, {secret}, crate::runtime::Grant::{grant}, {token_url})"
    )
}

const CODE_GRANT: &str = "AuthorizationCode { code: crate::runtime::Secret::new(code), redirect_uri: redirect_uri.into() }";
const PKCE_GRANT: &str = "Pkce { code: crate::runtime::Secret::new(code), code_verifier: crate::runtime::Secret::new(code_verifier), redirect_uri: redirect_uri.into() }";
const REFRESH_GRANT: &str =
    "RefreshToken { refresh_token: crate::runtime::Secret::new(refresh_token) }";
const PASSWORD_GRANT: &str =
    "Password { username: username.into(), password: crate::runtime::Secret::new(password) }";

/// What lowering the security schemes leaves for operations and the crate.
#[derive(Debug, Default)]
pub(crate) struct Schemes {
    /// Scheme name → its constant.
    consts: BTreeMap<String, String>,
    /// The root `security`, as scheme names per alternative.
    root: Vec<Vec<String>>,
}

/// The token URL expression of a flow's `url`.
fn described(url: &str) -> String {
    format!("crate::runtime::TokenUrl::Described({url:?})")
}

impl Lowerer<'_> {
    /// The security schemes: their declarations and setters, the example's builder calls, and
    /// what operations need to lower their requirements.
    pub(super) fn security(&mut self, profile: Profile) -> Security {
        let api = self.api;
        let mut setters = Scope::with_reserved(BUILDER_METHODS);
        if profile == Profile::Genesys {
            for m in GENESYS_METHODS {
                setters.claim(m, "_");
            }
        }
        let genesys_oauth = match profile {
            Profile::Genesys => {
                let found = first_oauth2(api).map(str::to_owned);
                if found.is_none() {
                    self.error(
                        "#/components/securitySchemes",
                        "the Genesys Cloud profile needs an OAuth 2 security scheme (Genesys \
                         Cloud's is `PureCloud OAuth`), and this spec declares none"
                            .into(),
                        "declare it, or generate with `--profile generic`",
                    );
                }
                found
            }
            Profile::Generic => None,
        };
        let mut consts = Scope::default();
        let mut schemes = Vec::new();
        let mut profile_scheme = None;
        for (name, scheme) in api.components.iter().flat_map(|c| &c.security_schemes) {
            let at = pointer(["components", "securitySchemes", name]);
            let ReferenceOr::Item(scheme) = scheme else {
                self.warn(
                    WarningClass::Security,
                    &at,
                    format!(
                        "security scheme `{name}` is a reference that could not be resolved; \
                         the client cannot send its credentials"
                    ),
                );
                continue;
            };
            let const_name = consts.claim(&shouty(name), "_");
            let lowered = if genesys_oauth.as_deref() == Some(name.as_str()) {
                profile_scheme = Some(ProfileScheme {
                    const_name: const_name.clone(),
                    // The Notifications operations of realtime events use it.
                    cfg: "feature = \"realtime\"".to_owned(),
                });
                genesys_scheme(name, &const_name, scheme, &mut setters)
            } else {
                self.scheme(name, &const_name, scheme, &at, &mut setters)
            };
            self.schemes.consts.insert(name.clone(), const_name);
            schemes.push(lowered);
        }
        schemes.sort_by(|a, b| a.name.cmp(&b.name));
        for scheme in &mut schemes {
            scheme.doc_lines = wrap(&scheme.doc_lines);
            for setter in &mut scheme.setters {
                setter.doc_lines = wrap(&setter.doc_lines);
            }
        }
        self.schemes.root = self.alternatives(api.security.as_ref(), "#/security");
        let (example_use, example_calls) = match profile {
            Profile::Genesys => (
                "{Client, Region}".to_owned(),
                vec![
                    ".region(Region::UsEast1)".to_owned(),
                    ".access_token(std::env::var(\"GENESYS_CLOUD_ACCESS_TOKEN\").unwrap_or_default())"
                        .to_owned(),
                ],
            ),
            Profile::Generic => ("Client".to_owned(), Vec::new()),
        };
        let setters = schemes.iter().flat_map(|s| s.setters.clone()).collect();
        Security {
            declared: naming::counted(schemes.len(), "security scheme", "security schemes"),
            schemes,
            setters,
            profile_scheme,
            env: None,
            example_use,
            example_calls,
        }
    }

    /// The scheme names of each alternative of `requirements`, those that name an undeclared
    /// scheme left out with a warning.
    fn alternatives(
        &mut self,
        requirements: Option<&Vec<SecurityRequirement>>,
        at: &str,
    ) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for (i, alternative) in requirements.into_iter().flatten().enumerate() {
            let mut names = Vec::new();
            let mut usable = true;
            for name in alternative.keys() {
                if self.schemes.consts.contains_key(name) {
                    names.push(name.clone());
                } else {
                    usable = false;
                    self.warn(
                        WarningClass::Security,
                        &format!("{at}/{i}"),
                        format!(
                            "the security requirement names `{name}`, which \
                             components.securitySchemes does not declare; this alternative is \
                             left out"
                        ),
                    );
                }
            }
            if usable {
                out.push(names);
            }
        }
        if requirements.is_some_and(|r| !r.is_empty()) && out.is_empty() {
            self.warn(
                WarningClass::Security,
                at,
                "no alternative of this security requirement can be met; the operation is sent \
                 without credentials",
            );
        }
        out
    }

    /// An operation's requirement: its own `security`, or the root's.
    pub(super) fn requirement(
        &mut self,
        own: Option<&Vec<SecurityRequirement>>,
        at: &str,
    ) -> Requirement {
        let alternatives = match own {
            Some(_) => self.alternatives(own, &format!("{at}/security")),
            None => self.schemes.root.clone(),
        };
        let expr = if alternatives.is_empty() {
            "&[]".to_owned()
        } else {
            let alts: Vec<String> = alternatives
                .iter()
                .map(|alt| {
                    let schemes: Vec<String> = alt
                        .iter()
                        .filter_map(|name| self.schemes.consts.get(name))
                        .map(|c| format!("&crate::security::{c}"))
                        .collect();
                    format!("&[{}]", schemes.join(", "))
                })
                .collect();
            format!("&[{}]", alts.join(", "))
        };
        Requirement {
            own: alternatives != self.schemes.root,
            alternatives,
            expr,
        }
    }

    /// A scheme of a crate without a profile, or any scheme but a profile's own.
    fn scheme(
        &mut self,
        name: &str,
        const_name: &str,
        scheme: &SecurityScheme,
        at: &str,
        setters: &mut Scope,
    ) -> crate::ir::SecurityScheme {
        let base = naming::snake(name);
        let setter = setters.claim(&base, "_");
        let description = doc_lines(scheme_description(scheme));
        let on = format!("the security scheme `{name}`");
        let mut doc = Vec::new();
        let (kind, http, location, param_name, placement, first) = match scheme {
            SecurityScheme::APIKey {
                location,
                name: param,
                ..
            } => {
                let (where_, variant) = match location {
                    APIKeyLocation::Header => (format!("the header `{param}`"), "Header"),
                    APIKeyLocation::Query => (format!("the query parameter `{param}`"), "Query"),
                    APIKeyLocation::Cookie => (format!("the cookie `{param}`"), "Cookie"),
                };
                doc.push(format!("`{name}`: an API key, sent as {where_}."));
                let first = value_setter(
                    &setter,
                    format!(
                        "Authenticates with the API key of {on}, sent as {where_} to the operations that accept it."
                    ),
                    &["key"],
                    "crate::runtime::Credential::value(key)",
                );
                (
                    "apiKey",
                    None,
                    Some(variant.to_ascii_lowercase()),
                    Some(param.clone()),
                    format!(
                        "crate::runtime::Placement::ApiKey {{ location: crate::runtime::KeyLocation::{variant}, name: {param:?} }}"
                    ),
                    first,
                )
            }
            SecurityScheme::HTTP {
                scheme: http,
                bearer_format,
                ..
            } => {
                let lower = http.to_ascii_lowercase();
                let (first, placement) = if lower == "basic" {
                    doc.push(format!("`{name}`: HTTP basic authentication."));
                    (
                        value_setter(
                            &setter,
                            format!(
                                "Authenticates with HTTP basic authentication (`Authorization: Basic …`) for {on}: this user name and password, sent to the operations that accept it."
                            ),
                            &["username", "password"],
                            "crate::runtime::Credential::basic(username, password)",
                        ),
                        "crate::runtime::Placement::Basic".to_owned(),
                    )
                } else {
                    let sent = if lower == "bearer" {
                        "Bearer".to_owned()
                    } else {
                        let mut chars = http.chars();
                        chars.next().map_or_else(String::new, |c| {
                            c.to_ascii_uppercase().to_string() + chars.as_str()
                        })
                    };
                    if matches!(lower.as_str(), "digest" | "hoba" | "mutual" | "negotiate") {
                        self.warn(
                            WarningClass::Security,
                            at,
                            format!(
                                "HTTP `{http}` authentication is challenge-response, which the \
                                 client does not perform; it sends the credentials given to \
                                 `{setter}` as `Authorization: {sent} <credentials>` unchanged"
                            ),
                        );
                    }
                    let format = bearer_format
                        .as_deref()
                        .map(|f| format!(" ({f})"))
                        .unwrap_or_default();
                    let (what, arg) = if lower == "bearer" {
                        (format!("this bearer token{format}"), "token")
                    } else {
                        ("these credentials".to_owned(), "credentials")
                    };
                    doc.push(format!(
                        "`{name}`: HTTP `{http}` authentication, sent as `Authorization: {sent} <{arg}>`."
                    ));
                    (
                        value_setter(
                            &setter,
                            format!(
                                "Authenticates with {what} for {on}, sent as `Authorization: {sent} <{arg}>` to the operations that accept it."
                            ),
                            &[arg],
                            &format!("crate::runtime::Credential::value({arg})"),
                        ),
                        format!("crate::runtime::Placement::Authorization {{ scheme: {sent:?} }}"),
                    )
                };
                ("http", Some(http.clone()), None, None, placement, first)
            }
            SecurityScheme::OAuth2 { flows, .. } => {
                doc.push(format!(
                    "`{name}`: OAuth 2 access tokens, sent as `Authorization: Bearer <token>`."
                ));
                doc.extend(flow_docs(flows));
                let first = value_setter(
                    &setter,
                    format!(
                        "Authenticates with an OAuth 2 access token of {on} that you already have, sent as `Authorization: Bearer <token>` to the operations that accept it."
                    ),
                    &["token"],
                    "crate::runtime::Credential::value(token)",
                );
                ("oauth2", None, None, None, bearer_placement(), first)
            }
            SecurityScheme::OpenIDConnect {
                open_id_connect_url,
                ..
            } => {
                self.warn(
                    WarningClass::Security,
                    at,
                    format!(
                        "OpenID Connect discovery (`{open_id_connect_url}`) is not performed; \
                         the client takes an access token you obtain from the provider \
                         (`{setter}`)"
                    ),
                );
                doc.push(format!(
                    "`{name}`: OpenID Connect access tokens (provider: `{open_id_connect_url}`), sent as `Authorization: Bearer <token>`."
                ));
                let first = value_setter(
                    &setter,
                    format!(
                        "Authenticates with an access token of {on} that you obtained from the OpenID Connect provider (`{open_id_connect_url}`), sent as `Authorization: Bearer <token>` to the operations that accept it."
                    ),
                    &["token"],
                    "crate::runtime::Credential::value(token)",
                );
                ("openIdConnect", None, None, None, bearer_placement(), first)
            }
        };
        if doc.len() > 1 {
            doc.insert(1, String::new());
        }
        let mut first = first;
        if !description.is_empty() {
            first.doc_lines.push(String::new());
            first.doc_lines.extend(description.iter().cloned());
        }
        let mut all = vec![first];
        if let SecurityScheme::OAuth2 { flows, .. } = scheme {
            all.extend(grant_setters(&base, &on, flows, setters));
        }
        for s in &mut all {
            s.scheme_const = const_name.to_owned();
        }
        crate::ir::SecurityScheme {
            summary: doc.first().cloned().unwrap_or_default(),
            name: name.to_owned(),
            const_name: const_name.to_owned(),
            kind: kind.to_owned(),
            scheme: http,
            location,
            param_name,
            placement,
            doc_lines: doc,
            setter,
            setters: all,
        }
    }
}

/// The width doc lines are wrapped at (after `    /// `, within 100 columns).
const DOC_WIDTH: usize = 92;

/// `lines` with every line longer than [`DOC_WIDTH`] broken at spaces; shorter lines, and
/// words longer than the width, are left as they are.
fn wrap(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        if line.chars().count() <= DOC_WIDTH {
            out.push(line.clone());
            continue;
        }
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > DOC_WIDTH
            {
                out.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push(current);
    }
    out
}

/// A setter of a credential you already have.
fn value_setter(name: &str, doc: String, names: &[&str], credential: &str) -> Setter {
    Setter {
        scheme_const: String::new(),
        name: name.to_owned(),
        doc_lines: vec![doc],
        args: args(names),
        credential: credential.to_owned(),
        grant: None,
        token_url: None,
    }
}

fn bearer_placement() -> String {
    "crate::runtime::Placement::Authorization { scheme: \"Bearer\" }".to_owned()
}

fn scheme_description(scheme: &SecurityScheme) -> Option<&str> {
    match scheme {
        SecurityScheme::APIKey { description, .. }
        | SecurityScheme::HTTP { description, .. }
        | SecurityScheme::OAuth2 { description, .. }
        | SecurityScheme::OpenIDConnect { description, .. } => description.as_deref(),
    }
}

/// What each flow of an OAuth 2 scheme says: its URLs and scopes.
fn flow_docs(flows: &OAuth2Flows) -> Vec<String> {
    let mut d = Vec::new();
    let mut scopes: Vec<(&String, &String)> = Vec::new();
    if let Some(f) = &flows.implicit {
        d.push(format!(
            "Implicit flow: authorization at `{}`.",
            f.authorization_url
        ));
        scopes.extend(&f.scopes);
    }
    if let Some(f) = &flows.authorization_code {
        d.push(format!(
            "Authorization-code flow: authorization at `{}`, tokens from `{}`.",
            f.authorization_url, f.token_url
        ));
        scopes.extend(&f.scopes);
    }
    if let Some(f) = &flows.client_credentials {
        d.push(format!(
            "Client-credentials flow: tokens from `{}`.",
            f.token_url
        ));
        scopes.extend(&f.scopes);
    }
    if let Some(f) = &flows.password {
        d.push(format!("Password flow: tokens from `{}`.", f.token_url));
        scopes.extend(&f.scopes);
    }
    let mut seen = std::collections::BTreeSet::new();
    let scopes: Vec<String> = scopes
        .into_iter()
        .filter(|(s, _)| seen.insert(s.as_str()))
        .map(|(s, what)| {
            let what = doc_lines(Some(what)).join(" ");
            if what.is_empty() {
                format!("`{s}`")
            } else {
                format!("`{s}` ({what})")
            }
        })
        .collect();
    if !scopes.is_empty() {
        d.push(format!("Scopes: {}.", scopes.join(", ")));
    }
    d
}

/// One setter per grant the flows of an OAuth 2 scheme allow.
fn grant_setters(base: &str, on: &str, flows: &OAuth2Flows, scope: &mut Scope) -> Vec<Setter> {
    let base = naming::bare(base).trim_end_matches('_');
    let mut out = Vec::new();
    let mut setter =
        |suffix: &str, doc: String, names: &[&str], secret: bool, grant: &str, token: String| {
            out.push(Setter {
                scheme_const: String::new(),
                name: scope.claim(&format!("{base}_{suffix}"), "_"),
                doc_lines: vec![doc],
                args: args(names),
                credential: oauth(secret, grant, &token),
                grant: Some(suffix.to_owned()),
                token_url: Some(token),
            });
        };
    if let Some(f) = &flows.client_credentials {
        setter(
            "client_credentials",
            format!(
                "Authenticates {on} with the OAuth 2 client-credentials grant at `{}`: a token is fetched on first use, cached, refreshed before it expires and once more if the service rejects it.",
                f.token_url
            ),
            &["client_id", "client_secret"],
            true,
            "ClientCredentials",
            described(&f.token_url),
        );
    }
    if let Some(f) = &flows.password {
        setter(
            "password",
            format!(
                "Authenticates {on} with the OAuth 2 resource-owner password grant at `{}`: the user's name and password are exchanged for a token on first use, which is cached and refreshed like any other.",
                f.token_url
            ),
            &["client_id", "client_secret", "username", "password"],
            true,
            PASSWORD_GRANT,
            described(&f.token_url),
        );
    }
    if let Some(f) = &flows.authorization_code {
        let token = described(&f.token_url);
        let refresh = described(f.refresh_url.as_deref().unwrap_or(&f.token_url));
        setter(
            "authorization_code",
            format!(
                "Authenticates {on} with the OAuth 2 authorization-code grant: `code` (from the redirect to `redirect_uri` after authorization at `{}`) is exchanged for tokens at `{}` on first use, and the refresh token renews them afterwards.",
                f.authorization_url, f.token_url
            ),
            &["client_id", "client_secret", "code", "redirect_uri"],
            true,
            CODE_GRANT,
            token.clone(),
        );
        setter(
            "pkce",
            format!(
                "Authenticates {on} with the OAuth 2 authorization-code grant with PKCE, for a client without a secret: `code` (from the redirect to `redirect_uri`) and `code_verifier` (the [`Pkce::verifier`](crate::Pkce::verifier) whose challenge went into the authorization URL, [`Pkce::authorize_url`](crate::Pkce::authorize_url) with `{}`) are exchanged for tokens at `{}` on first use.",
                f.authorization_url, f.token_url
            ),
            &["client_id", "code_verifier", "code", "redirect_uri"],
            false,
            PKCE_GRANT,
            token,
        );
        setter(
            "refresh_token",
            format!(
                "Resumes an authorization-code session of {on} from a refresh token saved earlier (token requests at `{}`).",
                f.refresh_url.as_deref().unwrap_or(&f.token_url)
            ),
            &["client_id", "client_secret", "refresh_token"],
            true,
            REFRESH_GRANT,
            refresh,
        );
    }
    out
}

/// Genesys Cloud's OAuth scheme: the setters the official SDKs have, tokens from the login
/// host of the region ([`GENESYS_TOKEN_PATH`]).
fn genesys_scheme(
    name: &str,
    const_name: &str,
    scheme: &SecurityScheme,
    setters: &mut Scope,
) -> crate::ir::SecurityScheme {
    let token = format!("crate::runtime::TokenUrl::AuthServer({GENESYS_TOKEN_PATH:?})");
    let mut all = vec![Setter {
        scheme_const: const_name.to_owned(),
        name: setters.claim("access_token", "_"),
        doc_lines: vec!["Authenticates every request with this OAuth bearer access token.".into()],
        args: args(&["token"]),
        credential: "crate::runtime::Credential::value(token)".into(),
        grant: None,
        token_url: None,
    }];
    let mut setter = |name: &str, doc: &[&str], names: &[&str], secret: bool, grant: &str| {
        all.push(Setter {
            scheme_const: const_name.to_owned(),
            name: setters.claim(name, "_"),
            doc_lines: doc.iter().map(|l| (*l).to_owned()).collect(),
            args: args(names),
            credential: oauth(secret, grant, &token),
            grant: Some(name.to_owned()),
            token_url: Some(token.clone()),
        });
    };
    setter(
        "client_credentials",
        &[
            "Authenticates with the OAuth client-credentials grant: a token is fetched on first",
            "use, cached, refreshed before it expires and once more if the service rejects it.",
        ],
        &["client_id", "client_secret"],
        true,
        "ClientCredentials",
    );
    setter(
        "authorization_code",
        &[
            "Authenticates with the OAuth authorization-code grant: `code` (from the redirect to",
            "`redirect_uri`) is exchanged for tokens on first use, and the refresh token renews",
            "them afterwards.",
        ],
        &["client_id", "client_secret", "code", "redirect_uri"],
        true,
        CODE_GRANT,
    );
    setter(
        "refresh_token",
        &["Resumes an authorization-code session from a refresh token saved earlier."],
        &["client_id", "client_secret", "refresh_token"],
        true,
        REFRESH_GRANT,
    );
    setter(
        "pkce",
        &[
            "Authenticates with the OAuth authorization-code grant with PKCE, for a client without",
            "a secret: `code` (from the redirect to `redirect_uri`) and `code_verifier` (the",
            "[`Pkce::verifier`](crate::Pkce::verifier) whose challenge went into the authorization",
            "URL) are exchanged for tokens on first use; a refresh token, if the login service",
            "returns one, renews them afterwards. [`Pkce`](crate::Pkce) describes the whole flow.",
        ],
        &["client_id", "code_verifier", "code", "redirect_uri"],
        false,
        PKCE_GRANT,
    );
    setter(
        "saml2_bearer",
        &[
            "Authenticates with the SAML2 bearer grant: `assertion` is the base64-encoded SAML",
            "assertion from your identity provider, `org_name` the Genesys Cloud organization's",
            "short name.",
        ],
        &["client_id", "client_secret", "assertion", "org_name"],
        true,
        "Saml2Bearer { assertion: crate::runtime::Secret::new(assertion), params: vec![(\"orgName\", org_name.into())] }",
    );
    let mut doc = vec![format!(
        "`{name}`: OAuth 2 access tokens, sent as `Authorization: Bearer <token>`; the OAuth grants run against the login host of the client's region."
    )];
    if let SecurityScheme::OAuth2 { flows, .. } = scheme {
        doc.extend(flow_docs(flows));
    }
    if doc.len() > 1 {
        doc.insert(1, String::new());
    }
    crate::ir::SecurityScheme {
        summary: doc.first().cloned().unwrap_or_default(),
        name: name.to_owned(),
        const_name: const_name.to_owned(),
        kind: "oauth2".into(),
        scheme: None,
        location: None,
        param_name: None,
        placement: bearer_placement(),
        doc_lines: doc,
        setter: all.first().map(|s| s.name.clone()).unwrap_or_default(),
        setters: all,
    }
}

/// The getting-started example's builder calls: the credentials of `schemes` (the example
/// operation's) from their environment variables, and a base URL when the spec has no usable
/// server.
pub fn example_calls(security: &Security, schemes: &[String], needs_base_url: bool) -> Vec<String> {
    let mut calls = Vec::new();
    if needs_base_url {
        calls.push(".base_url(\"https://api.example.com\")".to_owned());
    }
    let chosen: Vec<&str> = schemes.iter().map(String::as_str).collect();
    for name in chosen {
        let Some(scheme) = security.schemes.iter().find(|s| s.name == name) else {
            continue;
        };
        let Some(env) = security
            .env
            .as_ref()
            .and_then(|e| e.credentials.iter().find(|c| c.scheme == name))
        else {
            continue;
        };
        let args: Vec<String> = env
            .vars
            .iter()
            .map(|v| format!("std::env::var({v:?}).unwrap_or_default()"))
            .collect();
        calls.push(format!(".{}({})", scheme.setter, args.join(", ")));
    }
    calls
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_written_with_the_noun_in_its_number() {
        for (n, words) in [
            (0, "0 security schemes"),
            (1, "1 security scheme"),
            (2, "2 security schemes"),
            (11, "11 security schemes"),
        ] {
            assert_eq!(
                naming::counted(n, "security scheme", "security schemes"),
                words
            );
        }
    }

    #[test]
    fn long_doc_lines_are_wrapped_and_short_ones_kept() {
        let long = "word ".repeat(30).trim_end().to_owned();
        let wrapped = wrap(&[long.clone(), "short".to_owned(), String::new()]);
        assert!(
            wrapped.iter().all(|l| l.chars().count() <= DOC_WIDTH),
            "{wrapped:?}"
        );
        let n = wrapped.len();
        assert!(n > 3, "{wrapped:?}");
        assert_eq!(wrapped[..n - 2].join(" "), long);
        assert_eq!(wrapped[n - 2..], ["short".to_owned(), String::new()]);
        let unbreakable = "x".repeat(DOC_WIDTH + 5);
        assert_eq!(wrap(std::slice::from_ref(&unbreakable)), [unbreakable]);
    }
}
