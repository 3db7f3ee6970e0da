//! The profile: whose customizations a crate gets beside the generic runtime (Genesys Cloud's,
//! or none), the module of runtime files it adds, its default features and correlation headers.

use openapiv3::{ReferenceOr, SecurityScheme};

use crate::ir::{CargoFeature, Profile, ProfileModule};

/// Whether `url`'s host is a Genesys Cloud API host (`api.mypurecloud.com`, `api.mypurecloud.ie`,
/// …, `api.usw2.pure.cloud`, `api.use2.us-gov-pure.cloud`, `api.edee1.eusc-pure.cloud`).
pub fn is_genesys_host(url: &str) -> bool {
    let host = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['/', ':', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(domain) = host.strip_prefix("api.") else {
        return false;
    };
    if domain.contains('{') {
        return false;
    }
    domain.starts_with("mypurecloud.")
        || ["pure.cloud", "us-gov-pure.cloud", "eusc-pure.cloud"]
            .iter()
            .any(|suffix| domain.ends_with(&format!(".{suffix}")))
}

/// The profile a spec gets: the one asked for, or, with [`crate::ProfileChoice::Auto`],
/// Genesys Cloud's when the first server is a Genesys Cloud API host and the spec has an
/// OAuth 2 scheme (as every Genesys Cloud API description has: `PureCloud OAuth`), else none.
pub fn profile(api: &openapiv3::OpenAPI, choice: crate::ProfileChoice) -> Profile {
    match choice {
        crate::ProfileChoice::Generic => Profile::Generic,
        crate::ProfileChoice::Genesys => Profile::Genesys,
        crate::ProfileChoice::Auto => {
            let genesys_server = api.servers.first().is_some_and(|s| is_genesys_host(&s.url));
            if genesys_server && first_oauth2(api).is_some() {
                Profile::Genesys
            } else {
                Profile::Generic
            }
        }
    }
}

/// The name of the first OAuth 2 scheme, in spec order.
pub(super) fn first_oauth2(api: &openapiv3::OpenAPI) -> Option<&str> {
    api.components
        .iter()
        .flat_map(|c| &c.security_schemes)
        .find(|(_, s)| matches!(s, ReferenceOr::Item(SecurityScheme::OAuth2 { .. })))
        .map(|(name, _)| name.as_str())
}

/// The profile's module of runtime files, and what the crate root re-exports from it.
pub fn profile_module(profile: Profile) -> Option<ProfileModule> {
    match profile {
        Profile::Generic => None,
        Profile::Genesys => Some(ProfileModule {
            name: "genesys".into(),
            reexports: vec!["CORRELATION_ID_HEADER".into(), "Region".into()],
            features: vec![CargoFeature {
                name: "realtime".into(),
                comment_lines: lines(&[
                    "Realtime events (`client.realtime()`): the Notifications API's WebSocket stream. Adds only the",
                    "WebSocket framing (tokio-tungstenite without its TLS and connect features): the connection",
                    "itself is reqwest's, with the TLS, proxy and certificates chosen above.",
                ]),
                enables: lines(&["dep:tokio-tungstenite", "tokio/macros", "futures-util/sink"]),
                default: true,
                doc: "realtime events: `client.realtime()`, the Notifications API's WebSocket stream (`genesys::notifications`)".into(),
            }],
            dependencies: lines(&[
                "# Only with `realtime`: WebSocket frames over the connection reqwest upgrades (`handshake`: the",
                "# key and accept-key functions of RFC 6455).",
                "tokio-tungstenite = { version = \"0.30\", default-features = false, features = [\"handshake\"], optional = true }",
            ]),
        }),
    }
}

fn lines(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// The default cargo features besides `all-apis`: TLS, gzip, the profile's default ones.
pub fn default_features(module: Option<&ProfileModule>) -> Vec<String> {
    let mut out = vec!["rustls".to_owned(), "gzip".to_owned()];
    out.extend(
        module
            .iter()
            .flat_map(|m| &m.features)
            .filter(|f| f.default)
            .map(|f| f.name.clone()),
    );
    out
}

/// The headers that carry a request's id in the service's logs.
pub fn correlation_id_headers(profile: Profile) -> Vec<String> {
    let names: &[&str] = match profile {
        Profile::Genesys => &["inin-correlation-id"],
        Profile::Generic => &["x-request-id", "x-correlation-id", "request-id"],
    };
    names.iter().map(|s| (*s).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genesys_hosts_are_recognised_and_others_are_not() {
        let table = [
            ("https://api.mypurecloud.com", true),
            ("https://api.mypurecloud.ie/", true),
            ("https://api.mypurecloud.com.au", true),
            ("https://api.usw2.pure.cloud", true),
            ("https://api.use2.us-gov-pure.cloud", true),
            ("https://api.edee1.eusc-pure.cloud:443/x", true),
            ("https://login.mypurecloud.com", false),
            ("https://api.github.com", false),
            ("https://api.pure.cloud.example.com", false),
            ("https://mypurecloud.com", false),
            ("/api/v2", false),
            ("https://api.{region}.pure.cloud", false),
        ];
        for (url, want) in table {
            assert_eq!(is_genesys_host(url), want, "{url}");
        }
    }
}
