//! How the crate authenticates, in the IR: the spec's security schemes, the client builder's
//! setters, the generic `from_env`'s credentials and each operation's requirement (made by
//! `lower/security.rs`).

use serde::Serialize;

/// How the crate authenticates: the spec's security schemes and the client builder's setters.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Security {
    /// One per entry of `components.securitySchemes`, sorted by name.
    pub schemes: Vec<SecurityScheme>,
    /// Every scheme's setters, in the order of `schemes`.
    pub setters: Vec<Setter>,
    /// How many schemes the spec declares, in words for the crate docs: `1 security scheme`,
    /// `2 security schemes`.
    pub declared: String,
    /// The scheme the profile's own operations authenticate with (Genesys Cloud's OAuth
    /// scheme), when the profile has operations of its own.
    pub profile_scheme: Option<ProfileScheme>,
    /// The generic `from_env`, when the crate has it (a profile may bring its own).
    pub env: Option<Env>,
    /// What the getting-started example imports from the crate, e.g. `{Client, Region}`.
    pub example_use: String,
    /// The getting-started example's builder calls between `Client::builder()` and
    /// `.build()?`, one per line, e.g. `.api_key(std::env::var("PETSTORE_API_KEY")?)`.
    pub example_calls: Vec<String>,
}

/// The scheme a profile's own operations authenticate with.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProfileScheme {
    /// Its constant, e.g. `PURECLOUD_OAUTH`.
    pub const_name: String,
    /// The `cfg` of the profile's feature whose operations use it, e.g. `feature = "realtime"`.
    pub cfg: String,
}

/// One security scheme.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SecurityScheme {
    /// Its name in `components.securitySchemes`.
    pub name: String,
    /// The Rust constant that declares it in `src/security.rs`, e.g. `API_KEY`.
    pub const_name: String,
    /// `apiKey`, `http`, `oauth2` or `openIdConnect`.
    pub kind: String,
    /// For `http`: the scheme, e.g. `basic` or `bearer`.
    pub scheme: Option<String>,
    /// For `apiKey`: `header`, `query` or `cookie`.
    pub location: Option<String>,
    /// For `apiKey`: the header, parameter or cookie name.
    pub param_name: Option<String>,
    /// The runtime's `Placement` of its credential, as a Rust expression.
    pub placement: String,
    /// Doc lines of its constant.
    pub doc_lines: Vec<String>,
    /// Its first doc line: what it is, in one sentence.
    pub summary: String,
    /// The setter that takes a credential you already have (a key, a token, a user and
    /// password): the manifest's `setter`.
    pub setter: String,
    /// Every setter of the scheme, that one first.
    pub setters: Vec<Setter>,
}

/// One credential setter on the client builder.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Setter {
    /// The constant of its scheme, e.g. `API_KEY`.
    pub scheme_const: String,
    /// The method name, e.g. `api_key` or `petstore_auth_client_credentials`.
    pub name: String,
    /// Its rustdoc, line by line.
    pub doc_lines: Vec<String>,
    /// Its arguments after `self`.
    pub args: Vec<SetterArg>,
    /// The expression of the runtime `Credential` it configures, e.g.
    /// `crate::runtime::Credential::value(key)`.
    pub credential: String,
    /// For an OAuth 2 grant: which (`client_credentials`, `password`, `authorization_code`,
    /// `pkce`, `refresh_token`, `saml2_bearer`).
    pub grant: Option<String>,
    /// For an OAuth 2 grant: the runtime's `TokenUrl` expression of its token endpoint.
    pub token_url: Option<String>,
}

/// One argument of a [`Setter`]: `name: impl Into<String>`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SetterArg {
    /// The argument's name.
    pub name: String,
}

/// The generic `from_env`'s variables.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Env {
    /// The prefix of every variable, from the package name, e.g. `PETSTORE_SDK`.
    pub prefix: String,
    /// The variable of the base URL.
    pub base_url: String,
    /// The credentials' variables, in the order they are looked for.
    pub credentials: Vec<EnvCredential>,
}

/// The variables of one way to authenticate with one scheme.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EnvCredential {
    /// The scheme's constant.
    pub const_name: String,
    /// The scheme's name, for docs.
    pub scheme: String,
    /// The variables, e.g. `["PETSTORE_BASIC_USERNAME", "PETSTORE_BASIC_PASSWORD"]`.
    pub vars: Vec<String>,
    /// What they configure, for docs, e.g. `` the `basic` user name and password ``.
    pub what: String,
    /// The runtime's `EnvKind` expression.
    pub kind: String,
}

/// What an operation accepts: alternatives in order, each the schemes sent together.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Requirement {
    /// The scheme names of each alternative (an empty one: no credentials needed).
    pub alternatives: Vec<Vec<String>>,
    /// The runtime's `Requirement` expression, e.g. `&[&[&crate::security::API_KEY]]`.
    pub expr: String,
    /// Whether it differs from the spec's root requirement (its method docs then say what it
    /// accepts).
    pub own: bool,
}
