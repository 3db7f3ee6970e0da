//! Stage 2: checks that must pass before lowering, each problem with its own located message.
//!
//! All independent problems are collected, so one run reports every unresolved `$ref`, every
//! duplicate `operationId` and every path-parameter mismatch at once.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response};
use serde_json::Value;

use crate::error::{Error, pointer};

/// Returns every problem found; an empty list means the spec can be lowered.
pub fn validate(api: &OpenAPI, file: &str) -> Vec<Error> {
    let mut v = Validator {
        file,
        errors: Vec::new(),
    };
    match serde_json::to_value(api) {
        Ok(doc) => v.refs(&doc),
        Err(e) => v.error(
            "#",
            format!("the document cannot be re-encoded for checking: {e}"),
            "",
        ),
    }
    v.operations(api);
    v.errors
}

struct Validator<'a> {
    file: &'a str,
    errors: Vec<Error>,
}

impl Validator<'_> {
    fn error(&mut self, pointer: &str, message: String, help: &str) {
        self.errors.push(Error::Spec {
            file: self.file.to_owned(),
            pointer: pointer.to_owned(),
            message,
            help: help.to_owned(),
        });
    }

    /// Every `$ref` must point inside this document at something that exists, and chains of
    /// schemas that are nothing but a `$ref` must end in a real schema.
    fn refs(&mut self, doc: &Value) {
        let mut found = Vec::new();
        collect_refs(doc, &mut Vec::new(), &mut found);
        for (at, target) in found {
            let at = pointer(&at);
            if !target.starts_with("#/") {
                self.error(
                    &at,
                    format!("`$ref: {target}` points into another file; references to other documents are not supported"),
                    "bundle the spec into one file first (e.g. `npx @redocly/cli bundle`)",
                );
            } else if resolve(doc, &target).is_none() {
                self.error(
                    &at,
                    format!("unresolved `$ref: {target}`: nothing exists at that location"),
                    "define the target (for a schema, under `components.schemas`) or correct the reference",
                );
            }
        }
        let Some(schemas) = doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
        else {
            return;
        };
        for name in schemas.keys() {
            let start = format!(
                "#/components/schemas/{}",
                crate::error::pointer_segment(name)
            );
            let mut seen = vec![start.clone()];
            let mut current = start.clone();
            while let Some(next) = resolve(doc, &current).and_then(pure_ref) {
                if seen.contains(&next) {
                    seen.push(next);
                    self.error(
                        &start,
                        format!("`$ref` cycle that defines no type: {}", seen.join(" → ")),
                        "give one of these schemas a real definition (a `type` or `properties`)",
                    );
                    break;
                }
                seen.push(next.clone());
                current = next;
            }
        }
    }

    fn operations(&mut self, api: &OpenAPI) {
        let mut ids: BTreeMap<&str, String> = BTreeMap::new();
        for (path, item) in &api.paths.paths {
            let item_ptr = pointer(["paths", path.as_str()]);
            let ReferenceOr::Item(item) = item else {
                self.error(
                    &item_ptr,
                    "path items given by `$ref` are not supported".into(),
                    "inline the path item",
                );
                continue;
            };
            let template_params = template_params(path);
            for (method, op) in item.iter() {
                let op_ptr = pointer(["paths", path.as_str(), method]);
                if let Some(id) = op.operation_id.as_deref() {
                    if let Some(first) = ids.get(id) {
                        self.error(
                            &format!("{op_ptr}/operationId"),
                            format!("duplicate operationId `{id}`, first used at {first}"),
                            "operationIds must be unique; rename one of them",
                        );
                    } else {
                        ids.insert(id, op_ptr.clone());
                    }
                }
                let mut declared = Vec::new();
                let params = item
                    .parameters
                    .iter()
                    .map(|p| (p, item_ptr.clone(), "parameters"));
                let op_params = op
                    .parameters
                    .iter()
                    .map(|p| (p, op_ptr.clone(), "parameters"));
                for (index, (param, base, field)) in params.enumerate().chain(op_params.enumerate())
                {
                    let ptr = format!("{base}/{field}/{index}");
                    let Some(param) = resolve_param(api, param) else {
                        continue;
                    };
                    match param {
                        Parameter::Path { parameter_data, .. } => {
                            if !template_params.contains(&parameter_data.name.as_str()) {
                                self.error(
                                    &ptr,
                                    format!("path parameter `{}` is declared but `{path}` has no `{{{}}}`", parameter_data.name, parameter_data.name),
                                    "remove the parameter or add it to the path template",
                                );
                            }
                            declared.push(parameter_data.name.as_str());
                        }
                        Parameter::Query { .. } => {}
                        Parameter::Header { .. } => {}
                        Parameter::Cookie { parameter_data, .. } => self.error(
                            &ptr,
                            format!(
                                "cookie parameter `{}`: `in: cookie` is not supported",
                                parameter_data.name
                            ),
                            "remove it from the spec; the SDK does not manage cookies",
                        ),
                    }
                }
                for name in &template_params {
                    if !declared.contains(name) {
                        self.error(
                            &op_ptr,
                            format!("`{path}` contains `{{{name}}}` but the operation declares no path parameter `{name}`"),
                            "declare it under `parameters` with `in: path` and `required: true`",
                        );
                    }
                }
                if let Some(body) = op.request_body.as_ref().and_then(|b| resolve_body(api, b))
                    && !body.content.keys().any(|m| body_kind(m).is_some())
                {
                    let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
                    self.error(
                        &format!("{op_ptr}/requestBody"),
                        format!("request body has no supported media type (found: {}); supported are JSON, application/x-www-form-urlencoded, multipart/form-data and application/octet-stream", types.join(", ")),
                        "add an `application/json` entry under `content`",
                    );
                }
            }
        }
    }
}

/// Whether a media type carries JSON (`application/json`, `application/problem+json`, …).
pub fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// How a request body of `media_type` is sent: `json`, `form`, `multipart` or `binary`.
pub fn body_kind(media_type: &str) -> Option<&'static str> {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    if is_json(essence) {
        Some("json")
    } else if essence == "application/x-www-form-urlencoded" {
        Some("form")
    } else if essence == "multipart/form-data" {
        Some("multipart")
    } else if essence == "application/octet-stream" {
        Some("binary")
    } else {
        None
    }
}

/// The `{name}` placeholders of a path template, in order.
pub fn template_params(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

/// Resolves a parameter given inline or by `#/components/parameters/...`.
pub fn resolve_param<'a>(
    api: &'a OpenAPI,
    param: &'a ReferenceOr<Parameter>,
) -> Option<&'a Parameter> {
    resolve_in(api, param, "#/components/parameters/", |c, n| {
        c.parameters.get(n)
    })
}

/// Resolves a request body given inline or by `#/components/requestBodies/...`.
pub fn resolve_body<'a>(
    api: &'a OpenAPI,
    body: &'a ReferenceOr<RequestBody>,
) -> Option<&'a RequestBody> {
    resolve_in(api, body, "#/components/requestBodies/", |c, n| {
        c.request_bodies.get(n)
    })
}

/// Resolves a response given inline or by `#/components/responses/...`.
pub fn resolve_response<'a>(
    api: &'a OpenAPI,
    response: &'a ReferenceOr<Response>,
) -> Option<&'a Response> {
    resolve_in(api, response, "#/components/responses/", |c, n| {
        c.responses.get(n)
    })
}

/// The item itself, or the component that `prefix` + name refers to (one level: validation
/// has already refused references that lead nowhere).
fn resolve_in<'a, T>(
    api: &'a OpenAPI,
    item: &'a ReferenceOr<T>,
    prefix: &str,
    lookup: impl Fn(&'a openapiv3::Components, &str) -> Option<&'a ReferenceOr<T>>,
) -> Option<&'a T> {
    match item {
        ReferenceOr::Item(t) => Some(t),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix(prefix)?;
            lookup(api.components.as_ref()?, name)?.as_item()
        }
    }
}

fn collect_refs(value: &Value, at: &mut Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                out.push((at.clone(), target.clone()));
            }
            for (key, child) in map {
                at.push(key.clone());
                collect_refs(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(i.to_string());
                collect_refs(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn resolve<'a>(doc: &'a Value, target: &str) -> Option<&'a Value> {
    doc.pointer(target.strip_prefix('#')?)
}

/// If `value` is nothing but a `$ref`, its target.
fn pure_ref(value: &Value) -> Option<String> {
    let map = value.as_object()?;
    if map.len() == 1 {
        map.get("$ref")?.as_str().map(str::to_owned)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_params_in_order() {
        assert_eq!(template_params("/a/{x}/b/{y}"), vec!["x", "y"]);
        assert_eq!(template_params("/a"), Vec::<&str>::new());
        assert_eq!(template_params("/a/{unterminated"), Vec::<&str>::new());
    }

    #[test]
    fn json_media_types() {
        assert!(is_json("application/json"));
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/problem+json"));
        assert!(!is_json("text/plain"));
        assert!(!is_json("multipart/form-data"));
    }
}
