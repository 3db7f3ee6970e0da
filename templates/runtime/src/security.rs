//! The security schemes of the API description, and the [`ClientBuilder`](crate::ClientBuilder)
//! setters that configure their credentials; written by hand here exactly as a generated crate
//! of the Genesys Cloud profile has them (`security.rs.tera` and `codegen/src/lower/security.rs`
//! make them there).

/// `PureCloud OAuth`: OAuth 2 access tokens, sent as `Authorization: Bearer <token>`; the OAuth
/// grants run against the login host of the client's region.
///
/// Implicit flow: authorization at `https://login.mypurecloud.com/oauth/authorize`.
/// Authorization-code flow: authorization at `https://login.mypurecloud.com/oauth/authorize`,
/// tokens from `https://login.mypurecloud.com/oauth/token`.
/// Client-credentials flow: tokens from `https://login.mypurecloud.com/oauth/token`.
pub(crate) const PURECLOUD_OAUTH: crate::runtime::Scheme = crate::runtime::Scheme {
    name: "PureCloud OAuth",
    setter: "access_token",
    placement: crate::runtime::Placement::Authorization { scheme: "Bearer" },
};

/// The scheme the profile's own operations (the Notifications API's, for realtime events)
/// authenticate with.
#[cfg(feature = "realtime")]
pub(crate) const PROFILE_SCHEME: &crate::runtime::Scheme = &PURECLOUD_OAUTH;

impl crate::ClientBuilder {
    /// Authenticates every request with this OAuth bearer access token.
    pub fn access_token(self, token: impl Into<String>) -> Self {
        self.credential(&PURECLOUD_OAUTH, crate::runtime::Credential::value(token))
    }

    /// Authenticates with the OAuth client-credentials grant: a token is fetched on first
    /// use, cached, refreshed before it expires and once more if the service rejects it.
    pub fn client_credentials(
        self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        self.credential(
            &PURECLOUD_OAUTH,
            crate::runtime::Credential::oauth(
                client_id,
                Some(client_secret.into()),
                crate::runtime::Grant::ClientCredentials,
                crate::runtime::TokenUrl::AuthServer("/oauth/token"),
            ),
        )
    }

    /// Authenticates with the OAuth authorization-code grant: `code` (from the redirect to
    /// `redirect_uri`) is exchanged for tokens on first use, and the refresh token renews
    /// them afterwards.
    pub fn authorization_code(
        self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        code: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        self.credential(
            &PURECLOUD_OAUTH,
            crate::runtime::Credential::oauth(
                client_id,
                Some(client_secret.into()),
                crate::runtime::Grant::AuthorizationCode {
                    code: crate::runtime::Secret::new(code),
                    redirect_uri: redirect_uri.into(),
                },
                crate::runtime::TokenUrl::AuthServer("/oauth/token"),
            ),
        )
    }

    /// Resumes an authorization-code session from a refresh token saved earlier.
    pub fn refresh_token(
        self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        refresh_token: impl Into<String>,
    ) -> Self {
        self.credential(
            &PURECLOUD_OAUTH,
            crate::runtime::Credential::oauth(
                client_id,
                Some(client_secret.into()),
                crate::runtime::Grant::RefreshToken {
                    refresh_token: crate::runtime::Secret::new(refresh_token),
                },
                crate::runtime::TokenUrl::AuthServer("/oauth/token"),
            ),
        )
    }

    /// Authenticates with the OAuth authorization-code grant with PKCE, for a client without
    /// a secret: `code` (from the redirect to `redirect_uri`) and `code_verifier` (the
    /// [`Pkce::verifier`](crate::Pkce::verifier) whose challenge went into the authorization
    /// URL) are exchanged for tokens on first use; a refresh token, if the login service
    /// returns one, renews them afterwards. [`Pkce`](crate::Pkce) describes the whole flow.
    pub fn pkce(
        self,
        client_id: impl Into<String>,
        code_verifier: impl Into<String>,
        code: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        self.credential(
            &PURECLOUD_OAUTH,
            crate::runtime::Credential::oauth(
                client_id,
                None,
                crate::runtime::Grant::Pkce {
                    code: crate::runtime::Secret::new(code),
                    code_verifier: crate::runtime::Secret::new(code_verifier),
                    redirect_uri: redirect_uri.into(),
                },
                crate::runtime::TokenUrl::AuthServer("/oauth/token"),
            ),
        )
    }

    /// Authenticates with the SAML2 bearer grant: `assertion` is the base64-encoded SAML
    /// assertion from your identity provider, `org_name` the Genesys Cloud organization's
    /// short name.
    pub fn saml2_bearer(
        self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        assertion: impl Into<String>,
        org_name: impl Into<String>,
    ) -> Self {
        self.credential(
            &PURECLOUD_OAUTH,
            crate::runtime::Credential::oauth(
                client_id,
                Some(client_secret.into()),
                crate::runtime::Grant::Saml2Bearer {
                    assertion: crate::runtime::Secret::new(assertion),
                    params: vec![("orgName", org_name.into())],
                },
                crate::runtime::TokenUrl::AuthServer("/oauth/token"),
            ),
        )
    }
}
