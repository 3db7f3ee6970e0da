//! Servers and the environment: the spec's first server → the default base URL and its
//! variables; the security schemes and the server → the generic `from_env`'s variables.

use super::docs::doc_lines;
use crate::ir::{Env, EnvCredential, Security, Server, ServerVariable};
use crate::naming::{self, Scope};

/// `SCREAMING_SNAKE_CASE` of `raw`, for constants and environment variables.
pub fn shouty(raw: &str) -> String {
    naming::bare(&naming::snake(raw))
        .trim_end_matches('_')
        .to_ascii_uppercase()
}

/// The first server, its variables' environment variables named when the crate has the
/// generic `from_env` (`env_prefix`).
pub fn server(api: &openapiv3::OpenAPI, env_prefix: Option<&str>) -> Option<Server> {
    let first = api.servers.first()?;
    let mut variables: Vec<ServerVariable> = first
        .variables
        .iter()
        .flatten()
        .map(|(name, v)| ServerVariable {
            name: name.clone(),
            default: v.default.clone(),
            allowed: v.enumeration.clone(),
            doc: doc_lines(v.description.as_deref())
                .join(" ")
                .trim_end_matches('.')
                .to_owned(),
            env: env_prefix.map(|p| format!("{p}_SERVER_{}", shouty(name))),
        })
        .collect();
    // Only the variables the URL uses matter; the others are kept for the docs.
    variables.sort_by_key(|v| !first.url.contains(&format!("{{{}}}", v.name)));
    Some(Server {
        url: first.url.trim_end_matches('/').to_owned(),
        doc_lines: doc_lines(first.description.as_deref()),
        variables,
    })
}

/// The server's URL with its variables' defaults, without a trailing slash.
pub fn default_base_url(server: Option<&Server>) -> String {
    let Some(server) = server else {
        return String::new();
    };
    let mut url = server.url.clone();
    for v in &server.variables {
        url = url.replace(&format!("{{{}}}", v.name), &v.default);
    }
    url.trim_end_matches('/').to_owned()
}

/// The generic `from_env`'s variables for `security`'s schemes, and the example's builder
/// calls that read them. Variable names that collide are numbered.
pub fn env(package: &str, security: &mut Security, server: Option<&Server>) -> Env {
    let prefix = shouty(package);
    let mut names = Scope::default();
    let base_url = names.claim(&format!("{prefix}_BASE_URL"), "_");
    for v in server.iter().flat_map(|s| &s.variables) {
        if let Some(env) = &v.env {
            names.claim(env, "_");
        }
    }
    let mut credentials = Vec::new();
    for scheme in &security.schemes {
        let var = |names: &mut Scope, suffix: &str| {
            names.claim(&format!("{prefix}_{}{suffix}", shouty(&scheme.name)), "_")
        };
        let (vars, what, kind) = if scheme.kind == "http"
            && scheme
                .scheme
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("basic"))
        {
            let (u, p) = (var(&mut names, "_USERNAME"), var(&mut names, "_PASSWORD"));
            let kind = format!(
                "crate::runtime::env::EnvKind::Basic {{ username: {u:?}, password: {p:?} }}"
            );
            (vec![u, p], "user name and password".to_owned(), kind)
        } else {
            let v = var(&mut names, "");
            let what = match scheme.kind.as_str() {
                "apiKey" => "API key",
                "http" => "credentials",
                _ => "access token",
            };
            let kind = format!("crate::runtime::env::EnvKind::Value({v:?})");
            (vec![v], what.to_owned(), kind)
        };
        credentials.push(EnvCredential {
            const_name: scheme.const_name.clone(),
            scheme: scheme.name.clone(),
            vars,
            what,
            kind,
        });
        let grant = scheme
            .setters
            .iter()
            .find(|s| s.grant.as_deref() == Some("client_credentials"));
        if let Some((grant, token_url)) = grant.and_then(|g| g.token_url.as_ref().map(|t| (g, t))) {
            let (id, secret) = (
                var(&mut names, "_CLIENT_ID"),
                var(&mut names, "_CLIENT_SECRET"),
            );
            credentials.push(EnvCredential {
                const_name: scheme.const_name.clone(),
                scheme: scheme.name.clone(),
                kind: format!(
                    "crate::runtime::env::EnvKind::ClientCredentials {{ client_id: {id:?}, client_secret: {secret:?}, token_url: {token_url} }}"
                ),
                vars: vec![id, secret],
                what: format!("client id and secret (client-credentials grant, `{}`)", grant.name),
            });
        }
    }
    Env {
        prefix,
        base_url,
        credentials,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shouty_names_are_screaming_snake_case() {
        for (raw, want) in [
            ("api_key", "API_KEY"),
            ("PureCloud OAuth", "PURECLOUD_OAUTH"),
            ("petstore-auth", "PETSTORE_AUTH"),
            ("type", "TYPE"),
            ("self", "SELF"),
            ("1st", "_1ST"),
        ] {
            assert_eq!(shouty(raw), want, "{raw}");
        }
    }
}
