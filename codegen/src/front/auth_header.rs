//! `Authorization` header parameters that no security scheme covers → a security scheme.
//!
//! OpenAPI 3.0 says a header parameter named `Authorization` "SHALL be ignored": what goes in
//! that header is the security schemes' business. Many descriptions written without
//! `securitySchemes` declare the header as a parameter instead (GoToMeeting's, NPR's), and
//! ignoring it alone would leave their crates no way to authenticate at all. So, for every
//! operation with such a parameter whose `security` (its own, or the root's) asks for no
//! credential, this pass declares one scheme, `Authorization`: an API key in the
//! `Authorization` header, sent as given (`Bearer …`, `Basic …`: whatever the API expects), and
//! makes it the operation's requirement: required when the parameter is, else optional (the
//! operation also accepts no credential). The parameter itself stays, and lowering ignores it
//! as the specification says, since the scheme now sets the header. One located warning names
//! the scheme and the operations it was added to.

use openapiv3::{
    APIKeyLocation, OpenAPI, Parameter, ReferenceOr, SecurityRequirement, SecurityScheme,
};

use super::fixup::operations_mut;
use crate::error::{Warning, WarningClass, pointer};
use crate::naming::{Scope, counted};

/// The header this pass is about, as the specification names it.
const HEADER: &str = "Authorization";

/// Declares the `Authorization` scheme of `api` where operations need it (see the module
/// docs); returns the warning that says so, if any.
pub fn authorization_headers(api: &mut OpenAPI) -> Vec<Warning> {
    let root_covers = covers(api.security.as_deref());
    let name = free_name(api);
    let mut first: Option<(String, Option<String>)> = None;
    let mut operations = 0usize;
    for (path, item) in api.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let item_at = pointer(["paths", path.as_str()]);
        let shared: Vec<(String, bool, Option<String>)> = item
            .parameters
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let (required, doc) = header(p.as_item()?)?;
                Some((format!("{item_at}/parameters/{i}"), required, doc))
            })
            .collect();
        for (method, op) in operations_mut(item) {
            if op
                .security
                .as_deref()
                .map_or(root_covers, |own| covers(Some(own)))
            {
                continue;
            }
            // The operation's own parameter overrides the path item's of the same name.
            let found = op
                .parameters
                .iter()
                .enumerate()
                .find_map(|(i, p)| {
                    let (req, doc) = header(p.as_item()?)?;
                    Some((format!("{item_at}/{method}/parameters/{i}"), req, doc))
                })
                .or_else(|| shared.first().cloned());
            let Some((at, required, doc)) = found else {
                continue;
            };
            let mut alternatives = vec![SecurityRequirement::from([(name.clone(), Vec::new())])];
            if !required {
                alternatives.push(SecurityRequirement::new());
            }
            op.security = Some(alternatives);
            operations += 1;
            first.get_or_insert((at, doc));
        }
    }
    let Some((at, doc)) = first else {
        return Vec::new();
    };
    let description = doc.unwrap_or_else(|| {
        format!("The `{HEADER}` header, sent as given (for example `Bearer <token>`).")
    });
    api.components
        .get_or_insert_with(Default::default)
        .security_schemes
        .insert(
            name.clone(),
            ReferenceOr::Item(SecurityScheme::APIKey {
                location: APIKeyLocation::Header,
                name: HEADER.to_owned(),
                description: Some(description),
                extensions: Default::default(),
            }),
        );
    vec![Warning::new(
        WarningClass::AuthorizationHeader,
        at,
        format!(
            "a header parameter named `{HEADER}`, which the OpenAPI specification says to \
             ignore, is how {operations} without a security requirement \
             authenticate; declaring the security scheme `{name}` (an API key in the \
             `{HEADER}` header, its value sent as given) as their requirement",
            operations = counted(operations, "operation", "operations"),
        ),
    )]
}

/// Whether a `security` asks for a credential: some alternative names a scheme. (No
/// `security`, `security: []` and `[{}]` ask for none.)
fn covers(security: Option<&[SecurityRequirement]>) -> bool {
    security
        .into_iter()
        .flatten()
        .any(|alternative| !alternative.is_empty())
}

/// Whether `p` is the `Authorization` header: whether it is required, and its description.
fn header(p: &Parameter) -> Option<(bool, Option<String>)> {
    match p {
        Parameter::Header { parameter_data, .. }
            if parameter_data.name.eq_ignore_ascii_case(HEADER) =>
        {
            Some((parameter_data.required, parameter_data.description.clone()))
        }
        _ => None,
    }
}

/// `Authorization`, or `Authorization_2`, … when the spec already has a scheme of that name.
fn free_name(api: &OpenAPI) -> String {
    let mut taken: Scope = api
        .components
        .iter()
        .flat_map(|c| c.security_schemes.keys())
        .collect();
    taken.claim(HEADER, "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(json: serde_json::Value) -> OpenAPI {
        match serde_json::from_value(json) {
            Ok(api) => api,
            Err(e) => panic!("not a document: {e}"),
        }
    }

    fn doc(root_security: serde_json::Value, op: serde_json::Value) -> OpenAPI {
        let mut d = serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": op}},
        });
        if !root_security.is_null() {
            d["security"] = root_security;
            d["components"] = serde_json::json!({
                "securitySchemes": {"key": {"type": "apiKey", "in": "query", "name": "k"}}
            });
        }
        api(d)
    }

    fn auth(required: bool) -> serde_json::Value {
        serde_json::json!({"name": "authorization", "in": "header", "required": required,
                           "schema": {"type": "string"}})
    }

    fn ok() -> serde_json::Value {
        serde_json::json!({"200": {"description": "ok"}})
    }

    /// (root security, operation, the operation's security after, a scheme declared).
    #[test]
    fn operations_that_ask_for_no_credential_get_the_scheme() {
        let named = serde_json::json!([{"Authorization": []}]);
        let optional = serde_json::json!([{"Authorization": []}, {}]);
        let table = [
            // No security anywhere: required → the scheme; optional → the scheme or nothing.
            (
                serde_json::Value::Null,
                serde_json::json!({"parameters": [auth(true)], "responses": ok()}),
                Some(named.clone()),
            ),
            (
                serde_json::Value::Null,
                serde_json::json!({"parameters": [auth(false)], "responses": ok()}),
                Some(optional),
            ),
            // `security: []` on the operation asks for nothing either.
            (
                serde_json::Value::Null,
                serde_json::json!({"security": [], "parameters": [auth(true)], "responses": ok()}),
                Some(named.clone()),
            ),
            // A root requirement covers it: nothing changes.
            (
                serde_json::json!([{"key": []}]),
                serde_json::json!({"parameters": [auth(true)], "responses": ok()}),
                None,
            ),
            // Its own requirement covers it: nothing changes.
            (
                serde_json::Value::Null,
                serde_json::json!({"security": [{"key": []}], "parameters": [auth(true)], "responses": ok()}),
                None,
            ),
            // An operation without the header: nothing changes.
            (
                serde_json::Value::Null,
                serde_json::json!({"responses": ok()}),
                None,
            ),
        ];
        for (i, (root, op, want)) in table.into_iter().enumerate() {
            let mut d = doc(root, op.clone());
            let before = d.paths.paths["/a"].as_item().and_then(|p| p.get.clone());
            let warnings = authorization_headers(&mut d);
            let get = d.paths.paths["/a"].as_item().and_then(|p| p.get.clone());
            let scheme = d
                .components
                .as_ref()
                .and_then(|c| c.security_schemes.get("Authorization"));
            match want {
                Some(want) => {
                    let got = serde_json::to_value(get.and_then(|g| g.security)).ok();
                    assert_eq!(got, Some(want), "row {i}");
                    assert!(
                        matches!(
                            scheme,
                            Some(ReferenceOr::Item(SecurityScheme::APIKey {
                                location: APIKeyLocation::Header,
                                name,
                                ..
                            })) if name == "Authorization"
                        ),
                        "row {i}: {scheme:?}"
                    );
                    assert_eq!(warnings.len(), 1, "row {i}");
                    assert_eq!(
                        warnings[0].pointer, "#/paths/~1a/get/parameters/0",
                        "row {i}"
                    );
                    assert!(
                        warnings[0].message.contains("1 operation without"),
                        "row {i}"
                    );
                }
                None => {
                    assert_eq!(get, before, "row {i}");
                    assert!(scheme.is_none(), "row {i}");
                    assert!(warnings.is_empty(), "row {i}");
                }
            }
        }
    }

    #[test]
    fn a_path_items_header_counts_and_a_taken_name_is_numbered() {
        let mut d = api(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "components": {"securitySchemes": {
                "Authorization": {"type": "http", "scheme": "basic"}
            }},
            "paths": {"/a": {
                "parameters": [auth(true)],
                "get": {"responses": ok()},
                "post": {"responses": ok()},
            }},
        }));
        let warnings = authorization_headers(&mut d);
        let item = d.paths.paths["/a"].as_item().cloned();
        for op in [
            item.as_ref().and_then(|i| i.get.as_ref()),
            item.as_ref().and_then(|i| i.post.as_ref()),
        ] {
            let security = op.and_then(|o| serde_json::to_value(&o.security).ok());
            assert_eq!(security, Some(serde_json::json!([{"Authorization_2": []}])));
        }
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer, "#/paths/~1a/parameters/0");
        assert!(
            warnings[0].message.contains("2 operations without"),
            "{}",
            warnings[0].message
        );
        assert!(
            warnings[0].message.contains("`Authorization_2`"),
            "{}",
            warnings[0].message
        );
    }
}
