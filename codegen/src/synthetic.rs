//! Synthetic specs for scale tests and benchmarks: `factor` renamed copies of a base spec
//! (schemas, paths, operation ids) spread over several tags, so a spec `n` times the size of the
//! chat API has the same shape, `n` times the operations and `n` times the schemas.

use serde_yaml::{Mapping, Value};

/// How many tags the copies are spread over.
const TAGS: usize = 4;

/// `factor` copies of `base` (YAML or JSON text) in one document, as YAML. Copy `i` renames
/// schema `X` to `X{i}`, path `/a/b` to `/s{i}/a/b`, operation `op` to `op{i}`, and tags its
/// operations `{tag}{i % 4}`.
pub fn scale(base: &str, factor: usize) -> Result<String, String> {
    let base: Value = serde_yaml::from_str(base).map_err(|e| format!("base spec: {e}"))?;
    let mut out = base.clone();
    let mut paths = Mapping::new();
    let mut schemas = Mapping::new();
    let mut tags = Vec::new();
    for i in 0..factor.max(1) {
        let suffix = i.to_string();
        let mut copy = base.clone();
        rename_refs(&mut copy, &suffix);
        if let Some(p) = copy.get("paths").and_then(Value::as_mapping) {
            for (path, item) in p {
                let path = path.as_str().unwrap_or_default();
                let mut item = item.clone();
                rename_operations(&mut item, &suffix, i % TAGS);
                paths.insert(Value::String(format!("/s{suffix}{path}")), item);
            }
        }
        if let Some(s) = copy
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(Value::as_mapping)
        {
            for (name, schema) in s {
                let name = name.as_str().unwrap_or_default();
                schemas.insert(Value::String(format!("{name}{suffix}")), schema.clone());
            }
        }
    }
    if let Some(base_tags) = base.get("tags").and_then(Value::as_sequence) {
        for t in 0..TAGS.min(factor.max(1)) {
            for tag in base_tags {
                let mut tag = tag.clone();
                if let Some(Value::String(name)) = tag.get_mut("name") {
                    name.push_str(&t.to_string());
                }
                tags.push(tag);
            }
        }
    }
    if let Value::Mapping(root) = &mut out {
        root.insert("paths".into(), Value::Mapping(paths));
        root.insert("tags".into(), Value::Sequence(tags));
        if let Some(Value::Mapping(components)) = root.get_mut("components") {
            components.insert("schemas".into(), Value::Mapping(schemas));
        }
    }
    serde_yaml::to_string(&out).map_err(|e| format!("synthetic spec: {e}"))
}

/// Appends `suffix` to every schema named by a `$ref`.
fn rename_refs(value: &mut Value, suffix: &str) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                if key.as_str() == Some("$ref")
                    && let Value::String(target) = child
                    && target.starts_with("#/components/schemas/")
                {
                    target.push_str(suffix);
                } else {
                    rename_refs(child, suffix);
                }
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|v| rename_refs(v, suffix)),
        _ => {}
    }
}

fn rename_operations(item: &mut Value, suffix: &str, tag: usize) {
    let Value::Mapping(methods) = item else {
        return;
    };
    for (_, op) in methods.iter_mut() {
        let Value::Mapping(op) = op else { continue };
        if let Some(Value::String(id)) = op.get_mut("operationId") {
            id.push_str(suffix);
        }
        if let Some(Value::Sequence(tags)) = op.get_mut("tags") {
            for t in tags.iter_mut() {
                if let Value::String(name) = t {
                    name.push_str(&tag.to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r##"
openapi: 3.0.3
info: {title: t, version: '1'}
tags: [{name: Chat}]
paths:
  /rooms:
    get:
      tags: [Chat]
      operationId: getRooms
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Room'}}}}
components:
  schemas:
    Room: {type: object, properties: {next: {$ref: '#/components/schemas/Room'}}}
"##;

    #[test]
    fn copies_are_renamed_consistently() {
        let text = scale(BASE, 6).expect("scales");
        let doc: Value = serde_yaml::from_str(&text).expect("yaml");
        let paths = doc["paths"].as_mapping().expect("paths");
        assert_eq!(paths.len(), 6);
        assert_eq!(doc["paths"]["/s5/rooms"]["get"]["operationId"], "getRooms5");
        assert_eq!(doc["paths"]["/s5/rooms"]["get"]["tags"][0], "Chat1");
        assert_eq!(
            doc["components"]["schemas"]["Room3"]["properties"]["next"]["$ref"],
            "#/components/schemas/Room3"
        );
        assert_eq!(doc["tags"].as_sequence().map(Vec::len), Some(4));
    }

    #[test]
    fn a_scaled_spec_generates() {
        let text = scale(BASE, 5).expect("scales");
        let output =
            crate::generate(&text, &crate::Options::new("s", "s.yaml")).expect("generates");
        assert_eq!(
            output
                .files
                .keys()
                .filter(|p| p.starts_with("src/models/"))
                .count(),
            5 + 1
        );
    }
}
