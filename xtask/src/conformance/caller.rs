//! The caller program of one generated crate: for every operation of its `api-manifest.json`,
//! the values of its parameters and body ([`super::values`], from the spec's schemas), and the
//! Rust source of a program that makes each call once through the crate's own API — required
//! arguments positionally, optional parameters through the request builder's setters — and
//! prints one JSON line per call.
//!
//! Values reach the Rust types through `serde_json::from_str::<T>` on their JSON text, so no
//! model is built field by field; a value the type cannot hold is reported as such.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use super::values::{self, Values};

/// The fixed part of every caller program.
const PRELUDE: &str = include_str!("caller_prelude.rs");

/// The HTTP methods an OpenAPI path item may have, as the manifest spells them.
const METHODS: &[&str] = &[
    "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE",
];

/// Everything the caller program does.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// One per operation of the manifest, in its order (by operation id).
    pub calls: Vec<Call>,
    /// How the client is given credentials.
    pub credentials: Credentials,
}

/// One operation's call.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The manifest's key: the `operationId` (or the name the generator gave it).
    pub id: String,
    /// `GET`, …
    pub method: String,
    /// The path template.
    pub path: String,
    /// `client.ACCESSOR()`.
    pub accessor: String,
    /// The method on the group.
    pub rust: String,
    /// Positional arguments: required parameters, then the body.
    pub args: Vec<Arg>,
    /// Optional parameters, set through the builder.
    pub setters: Vec<Arg>,
    /// What could not be read from the spec (values then come from the Rust type alone).
    pub notes: Vec<String>,
}

/// One argument.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// The wire name, or `body`.
    pub name: String,
    /// The Rust name (the setter, for an optional parameter).
    pub rust: String,
    /// The Rust type, as the manifest writes it (`models::Pet`, `Vec<String>`).
    pub rust_type: String,
    /// The value as JSON text.
    pub json: String,
}

/// How the client gets credentials: one setter call per scheme of the manifest's
/// `security_schemes` (none when it lists none: the manifest leaves the key out, and the API
/// takes no credentials).
#[derive(Debug, Clone, PartialEq)]
pub struct Credentials(pub Vec<Scheme>);

/// A security scheme and its dummy credential.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheme {
    /// Its name in the spec.
    pub name: String,
    /// The `ClientBuilder` method.
    pub setter: String,
    /// The arguments, by the scheme's kind.
    pub args: Vec<&'static str>,
}

/// A dummy credential of the shape a scheme takes.
fn dummy_credential(kind: &str, scheme: Option<&str>) -> Vec<&'static str> {
    match (kind, scheme.map(str::to_ascii_lowercase).as_deref()) {
        ("apiKey", _) => vec!["conformance-api-key"],
        ("http", Some("basic")) => vec!["conformance-user", "conformance-password"],
        ("http", _) => vec!["conformance-token"],
        // oauth2 and openIdConnect: an access token already obtained.
        _ => vec!["conformance-access-token"],
    }
}

/// The credentials the manifest's `security_schemes` call for.
pub fn credentials(manifest: &Value) -> Result<Credentials, String> {
    let Some(schemes) = manifest.get("security_schemes") else {
        return Ok(Credentials(Vec::new()));
    };
    let schemes = schemes
        .as_object()
        .ok_or("api-manifest.json: `security_schemes` is not an object")?;
    schemes
        .iter()
        .map(|(name, s)| {
            let field = |key: &str| s.get(key).and_then(Value::as_str);
            let kind = field("type").ok_or_else(|| {
                format!("api-manifest.json: security scheme `{name}` has no `type`")
            })?;
            let setter = field("setter").ok_or_else(|| {
                format!("api-manifest.json: security scheme `{name}` has no `setter`")
            })?;
            Ok(Scheme {
                name: name.clone(),
                setter: setter.to_owned(),
                args: dummy_credential(kind, field("scheme")),
            })
        })
        .collect::<Result<_, String>>()
        .map(Credentials)
}

/// The plan for a crate: its manifest and the spec it was generated from (`doc`, with
/// references resolved as `codegen::load::document` leaves them).
pub fn plan(manifest: &Value, doc: &Value) -> Result<Plan, String> {
    let operations = manifest
        .get("operations")
        .and_then(Value::as_object)
        .ok_or("api-manifest.json has no `operations` object")?;
    let values = Values::new(doc);
    let mut calls = Vec::new();
    for (id, op) in operations {
        calls.push(call(&values, doc, id, op)?);
    }
    Ok(Plan {
        calls,
        credentials: credentials(manifest)?,
    })
}

fn text<'v>(op: &'v Value, key: &str, id: &str) -> Result<&'v str, String> {
    op.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("api-manifest.json: operation `{id}` has no `{key}`"))
}

fn call(values: &Values<'_>, doc: &Value, id: &str, op: &Value) -> Result<Call, String> {
    let method = text(op, "method", id)?;
    let path = text(op, "path", id)?;
    let mut notes = Vec::new();
    let lower = method.to_ascii_lowercase();
    let item = doc
        .get("paths")
        .and_then(|p| p.get(path))
        .map(|item| values.follow(item));
    let spec_op = item.and_then(|i| i.get(&lower));
    if spec_op.is_none() || !METHODS.contains(&method) {
        notes.push(format!(
            "`{method} {path}` is not in the spec: values from the Rust types alone"
        ));
    }
    // Operation-level parameters replace path-level ones of the same name and location.
    let mut declared: BTreeMap<(String, String), &Value> = BTreeMap::new();
    for list in [item, spec_op] {
        let params = list
            .and_then(|l| l.get("parameters"))
            .and_then(Value::as_array);
        for p in params.into_iter().flatten() {
            let p = values.follow(p);
            let (Some(name), Some(location)) = (
                p.get("name").and_then(Value::as_str),
                p.get("in").and_then(Value::as_str),
            ) else {
                continue;
            };
            declared.insert((name.to_owned(), location.to_owned()), p);
        }
    }
    let mut args = Vec::new();
    let mut setters = Vec::new();
    let params = op
        .get("params")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for p in params {
        let name = text(p, "name", id)?;
        let location = text(p, "in", id)?;
        let rust_type = text(p, "type", id)?;
        let value = match declared.get(&(name.to_owned(), location.to_owned())) {
            Some(spec) => values.parameter(spec),
            None => {
                if spec_op.is_some() {
                    notes.push(format!(
                        "{location} parameter `{name}` is not declared in the spec"
                    ));
                }
                Value::String("conformance".into())
            }
        };
        let arg = Arg {
            name: name.to_owned(),
            rust: text(p, "rust", id)?.to_owned(),
            rust_type: rust_type.to_owned(),
            json: values::adapt(value, rust_type).to_string(),
        };
        if p.get("required").and_then(Value::as_bool).unwrap_or(false) {
            args.push(arg);
        } else {
            setters.push(arg);
        }
    }
    if let Some(body) = op.get("body") {
        let media_type = text(body, "media_type", id)?;
        let rust_type = text(body, "type", id)?;
        let content = spec_op
            .and_then(|o| o.get("requestBody"))
            .map(|b| values.follow(b))
            .and_then(|b| b.get("content"))
            .and_then(Value::as_object);
        // The crate's media type, else one that differs only in parameters, else the range
        // (`*/*`, `application/*`) it was chosen from.
        let media = content.and_then(|c| {
            c.get(media_type)
                .or_else(|| {
                    c.iter()
                        .find(|(key, _)| essence(key) == essence(media_type))
                        .map(|(_, m)| m)
                })
                .or_else(|| {
                    c.iter()
                        .find(|(key, _)| covers(&essence(key), &essence(media_type)))
                        .map(|(_, m)| m)
                })
        });
        let value = match media {
            Some(media) => values.media(media),
            None => {
                if spec_op.is_some() {
                    notes.push(format!(
                        "the request body has no `{media_type}` content in the spec"
                    ));
                }
                values.schema(&serde_json::json!({}))
            }
        };
        if body.get("required").and_then(Value::as_bool) == Some(false) {
            notes.push("an optional body is not set".into());
        } else {
            args.push(Arg {
                name: "body".into(),
                rust: "body".into(),
                rust_type: rust_type.to_owned(),
                json: values::adapt(value, rust_type).to_string(),
            });
        }
    }
    Ok(Call {
        id: id.to_owned(),
        method: method.to_owned(),
        path: path.to_owned(),
        accessor: text(op, "accessor", id)?.to_owned(),
        rust: text(op, "rust", id)?.to_owned(),
        args,
        setters,
        notes,
    })
}

/// A media type without parameters, lowercase.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether the media range `range` (`*/*`, `image/*`) covers `media_type`.
fn covers(range: &str, media_type: &str) -> bool {
    match range.split_once('/') {
        Some(("*", "*")) => true,
        Some((kind, "*")) => media_type.split_once('/').is_some_and(|(k, _)| k == kind),
        _ => false,
    }
}

/// `text` as a Rust raw string literal.
pub fn raw_string(text: &str) -> String {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{text}\"{h}")
}

/// The caller program's `src/main.rs` for the crate whose library is `lib` (`corpus_x`);
/// `header` is its first comment line.
pub fn source(lib: &str, header: &str, plan: &Plan) -> String {
    let mut out = format!(
        "// {header}\n#![allow(deprecated, unused_imports)]\n\nuse {lib} as sdk;\nuse sdk::{{models, types}};\n\n"
    );
    out.push_str(PRELUDE);
    out.push_str("\n/// The client's credentials: dummies of the shape each scheme takes.\n");
    out.push_str(
        "fn credentials(builder: sdk::ClientBuilder) -> sdk::ClientBuilder {\n    builder",
    );
    for s in &plan.credentials.0 {
        let args: Vec<String> = s.args.iter().map(|a| format!("{a:?}")).collect();
        let _ = write!(
            out,
            "\n        // {}\n        .{}({})",
            s.name.replace('\n', " "),
            s.setter,
            args.join(", ")
        );
    }
    out.push_str("\n}\n");
    for (i, c) in plan.calls.iter().enumerate() {
        let _ = write!(
            out,
            "\n/// `{} {}` ({}).\nfn call_{i}(client: &sdk::Client) -> Call<'_> {{\n    Box::pin(async move {{\n",
            c.method,
            c.path.replace('\n', " "),
            c.id.replace('\n', " ")
        );
        // The positional arguments `a0`, `a1`, …, then the optional ones `o0`, `o1`, ….
        for (prefix, list) in [("a", &c.args), ("o", &c.setters)] {
            for (j, a) in list.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "        let {prefix}{j} = value!({:?}, {}, {});",
                    a.name,
                    a.rust_type,
                    raw_string(&a.json)
                );
            }
        }
        let args: Vec<String> = (0..c.args.len()).map(|j| format!("a{j}")).collect();
        let _ = write!(
            out,
            "        let request = client.{}().{}({})",
            c.accessor,
            c.rust,
            args.join(", ")
        );
        for (j, a) in c.setters.iter().enumerate() {
            let _ = write!(out, ".{}(o{j})", a.rust);
        }
        out.push_str(";\n        record(request.send_with_response().await)\n    })\n}\n");
    }
    out.push_str("\n/// Every operation, by operation id.\n");
    out.push_str("const CALLS: &[(&str, for<'a> fn(&'a sdk::Client) -> Call<'a>)] = &[\n");
    for (i, c) in plan.calls.iter().enumerate() {
        let _ = writeln!(out, "    ({:?}, call_{i}),", c.id);
    }
    out.push_str("];\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn manifest() -> Value {
        json!({
            "operations": {
                "addPet": {
                    "method": "POST", "path": "/pets/{petId}", "accessor": "pets", "rust": "add_pet",
                    "params": [
                        {"name": "petId", "rust": "pet_id", "in": "path", "required": true, "type": "String"},
                        {"name": "limit", "rust": "limit", "in": "query", "required": false, "type": "i64"},
                        {"name": "tags", "rust": "tags", "in": "query", "required": false, "type": "Vec<String>"},
                        {"name": "X-Trace", "rust": "x_trace", "in": "header", "required": false, "type": "String"}
                    ],
                    "body": {"media_type": "application/json", "type": "models::Pet", "required": true}
                },
                "gone": {"method": "GET", "path": "/gone", "accessor": "misc", "rust": "gone", "params": [
                    {"name": "q", "rust": "q", "in": "query", "required": true, "type": "String"}
                ]},
                "raw": {
                    "method": "POST", "path": "/any", "accessor": "misc", "rust": "raw", "params": [],
                    "body": {"media_type": "application/octet-stream", "type": "Vec<u8>", "required": true}
                },
                "upload": {
                    "method": "PUT", "path": "/files", "accessor": "files", "rust": "upload",
                    "params": [],
                    "body": {"media_type": "application/octet-stream", "type": "Vec<u8>", "required": true}
                }
            }
        })
    }

    fn doc() -> Value {
        json!({
            "paths": {
                "/pets/{petId}": {
                    "parameters": [
                        {"name": "petId", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}},
                        {"name": "limit", "in": "query", "schema": {"type": "integer"}}
                    ],
                    "post": {
                        "parameters": [
                            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 5}},
                            {"$ref": "#/components/parameters/Tags"},
                            {"name": "X-Trace", "in": "header", "example": "t-1", "schema": {"type": "string"}}
                        ],
                        "requestBody": {"content": {"application/json; charset=utf-8": {"schema": {"$ref": "#/components/schemas/Pet"}}}}
                    }
                },
                "/files": {"put": {"requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}},
                "/any": {"post": {"requestBody": {"content": {"*/*": {"schema": {"type": "object", "required": ["k"], "properties": {"k": {"type": "integer"}}}}}}}}
            },
            "components": {
                "parameters": {"Tags": {"name": "tags", "in": "query", "schema": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}}}},
                "schemas": {"Pet": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}
            }
        })
    }

    #[test]
    fn every_operation_gets_values_from_its_spec() {
        let plan = plan(&manifest(), &doc()).expect("plan");
        // No `security_schemes` in the manifest: the API takes no credentials, and the
        // client is given none.
        assert_eq!(plan.credentials, Credentials(Vec::new()));
        let ids: Vec<&str> = plan.calls.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["addPet", "gone", "raw", "upload"]);
        let add = &plan.calls[0];
        let values = |args: &[Arg]| -> Vec<(String, String)> {
            args.iter()
                .map(|a| (a.name.clone(), a.json.clone()))
                .collect()
        };
        assert_eq!(
            values(&add.args),
            [
                (
                    "petId".into(),
                    "\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"".into()
                ),
                ("body".into(), "{\"name\":\"conformance\"}".into()),
            ]
        );
        // The operation's `limit` replaces the path item's; `tags` through its $ref.
        assert_eq!(
            values(&add.setters),
            [
                ("limit".into(), "5".into()),
                ("tags".into(), "[\"a\"]".into()),
                ("X-Trace".into(), "\"t-1\"".into()),
            ]
        );
        assert!(add.notes.is_empty(), "{:?}", add.notes);
        // A binary body whose spec content is a range: the bytes of its JSON value.
        assert_eq!(plan.calls[2].args[0].json, "[123,34,107,34,58,49,125]");
        assert!(plan.calls[2].notes.is_empty(), "{:?}", plan.calls[2].notes);
        assert_eq!(
            plan.calls[3].args[0].json,
            "[99,111,110,102,111,114,109,97,110,99,101]"
        );
        let gone = &plan.calls[1];
        assert_eq!(gone.args[0].json, "\"conformance\"");
        assert_eq!(
            gone.notes,
            ["`GET /gone` is not in the spec: values from the Rust types alone"]
        );
    }

    #[test]
    fn credentials_follow_the_security_schemes() {
        let mut m = manifest();
        m["security_schemes"] = json!({
            "api_key": {"type": "apiKey", "in": "header", "name": "X-Key", "setter": "api_key"},
            "basic": {"type": "http", "scheme": "Basic", "setter": "basic"},
            "bearer": {"type": "http", "scheme": "bearer", "setter": "bearer"},
            "oauth": {"type": "oauth2", "setter": "oauth_access_token"},
            "oidc": {"type": "openIdConnect", "setter": "oidc_access_token"}
        });
        let Credentials(schemes) = credentials(&m).expect("schemes");
        let calls: Vec<(String, Vec<&str>)> = schemes
            .iter()
            .map(|s| (s.setter.clone(), s.args.clone()))
            .collect();
        assert_eq!(
            calls,
            [
                ("api_key".into(), vec!["conformance-api-key"]),
                (
                    "basic".into(),
                    vec!["conformance-user", "conformance-password"]
                ),
                ("bearer".into(), vec!["conformance-token"]),
                (
                    "oauth_access_token".into(),
                    vec!["conformance-access-token"]
                ),
                ("oidc_access_token".into(), vec!["conformance-access-token"]),
            ]
        );
        m["security_schemes"]["bad"] = json!({"type": "apiKey"});
        let err = credentials(&m).expect_err("no setter");
        assert!(err.contains("`bad` has no `setter`"), "{err}");
        m["security_schemes"] = json!({});
        assert_eq!(credentials(&m), Ok(Credentials(Vec::new())));
    }

    #[test]
    fn the_program_calls_each_operation_through_the_crate() {
        let mut m = manifest();
        m["security_schemes"] =
            json!({"basic": {"type": "http", "scheme": "basic", "setter": "basic_auth"}});
        let plan = plan(&m, &doc()).expect("plan");
        let text = source("corpus_pets", "conformance caller", &plan);
        for want in [
            "use corpus_pets as sdk;",
            "        .basic_auth(\"conformance-user\", \"conformance-password\")",
            "        let a0 = value!(\"petId\", String, r#\"\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"\"#);",
            "        let a1 = value!(\"body\", models::Pet, r#\"{\"name\":\"conformance\"}\"#);",
            "        let o1 = value!(\"tags\", Vec<String>, r#\"[\"a\"]\"#);",
            "        let request = client.pets().add_pet(a0, a1).limit(o0).tags(o1).x_trace(o2);",
            "        let request = client.files().upload(a0);",
            "    (\"addPet\", call_0),",
            "    (\"upload\", call_3),",
        ] {
            assert!(text.contains(want), "missing `{want}` in\n{text}");
        }
        assert!(!text.contains(".access_token("), "{text}");
    }

    #[test]
    fn raw_strings_outlast_their_content() {
        assert_eq!(raw_string("a"), "r#\"a\"#");
        assert_eq!(raw_string("say \"#hi\""), "r##\"say \"#hi\"\"##");
    }
}
