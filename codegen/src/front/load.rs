//! Stage 1: spec text → [`openapiv3::OpenAPI`].
//!
//! JSON documents (a `.json` file, or text that starts with `{`) are parsed by `serde_json`,
//! everything else by the YAML loader; both become one `serde_json::Value` tree (keys in
//! document order), on which `front::refs` resolves every `$ref`. Only then is the tree read
//! as a typed OpenAPI 3.0 document. Refused, with a located message: empty input, syntax errors
//! (with line and column), Swagger 2.0, OpenAPI 3.1, a document whose shape does not match
//! OpenAPI 3.0 (with the JSON pointer of the first mismatch), and references that lead nowhere.
//!
//! `serde_yaml` (deprecated upstream, still the most widely deployed YAML deserializer) is used
//! here and nowhere else.

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::error::{Error, Warning};

/// What loading produced: the typed document, and the fallbacks taken on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The document, every `$ref` outside `#/components/schemas` resolved in place.
    pub api: OpenAPI,
    /// Located notes about references that were rewritten.
    pub warnings: Vec<Warning>,
}

/// Parses `text` (YAML or JSON) as an OpenAPI 3.0 document. `file` names it in messages; a
/// name ending in `.json` is parsed as JSON.
pub fn load(text: &str, file: &str) -> Result<Loaded, Vec<Error>> {
    let (doc, warnings) = document(text, file)?;
    let api = typed(&doc, file)?;
    Ok(Loaded { api, warnings })
}

/// The document as a JSON tree, its version checked and every `$ref` resolved
/// (`front::refs`): what [`typed`] reads, alone or after several documents are merged
/// (`front::merge`).
pub fn document(text: &str, file: &str) -> Result<(Value, Vec<Warning>), Vec<Error>> {
    let spec_error = |pointer: &str, message: String, help: &str| {
        vec![Error::Spec {
            file: file.to_owned(),
            pointer: pointer.to_owned(),
            message,
            help: help.to_owned(),
        }]
    };
    if text.trim().is_empty() {
        return Err(spec_error(
            "#",
            "the spec is empty".into(),
            "give the path of an OpenAPI 3.0 document in YAML or JSON",
        ));
    }
    let mut doc = parse(text, file).map_err(|e| vec![e])?;
    let Some(map) = doc.as_object() else {
        return Err(spec_error(
            "#",
            "the spec is not an OpenAPI document: its top level is not a mapping".into(),
            "an OpenAPI document starts with `openapi: 3.0.3`, `info:` and `paths:`",
        ));
    };
    if map.contains_key("swagger") {
        return Err(spec_error(
            "#/swagger",
            "this is a Swagger 2.0 document; the generator reads OpenAPI 3.0".into(),
            "convert it first, e.g. with `npx swagger2openapi spec.yaml -o spec3.yaml`, then generate from the result",
        ));
    }
    let version = match map.get("openapi") {
        Some(Value::String(v)) => v.clone(),
        Some(other) => {
            return Err(spec_error(
                "#/openapi",
                format!(
                    "`openapi` must be a version string such as \"3.0.3\", found {}",
                    kind(other)
                ),
                "quote the version: `openapi: \"3.0.3\"`",
            ));
        }
        None => {
            return Err(spec_error(
                "#",
                "the document has no `openapi` field, so it is not an OpenAPI document".into(),
                "an OpenAPI 3.0 document starts with `openapi: 3.0.3`",
            ));
        }
    };
    if version.starts_with("3.1") {
        return Err(spec_error(
            "#/openapi",
            format!("OpenAPI {version} is not supported; the generator reads OpenAPI 3.0.x"),
            "declare `openapi: 3.0.3` if the document uses no 3.1-only features (type arrays, `const`, `$ref` siblings), or convert it to 3.0",
        ));
    }
    if !version.starts_with("3.0") {
        return Err(spec_error(
            "#/openapi",
            format!("unknown OpenAPI version `{version}`; the generator reads OpenAPI 3.0.x"),
            "",
        ));
    }
    let warnings = crate::front::refs::resolve(&mut doc, file)?;
    Ok((doc, warnings))
}

/// The typed document; `file` names it in messages.
pub fn typed(doc: &Value, file: &str) -> Result<OpenAPI, Vec<Error>> {
    shape(doc).map_err(|(pointer, message)| {
        vec![Error::Spec {
            file: file.to_owned(),
            pointer,
            message: format!("the document does not have the shape of OpenAPI 3.0: {message}"),
            help: "check the named field against the OpenAPI 3.0.3 specification".to_owned(),
        }]
    })
}

/// The typed document, from the tree of [`document`] (consumed: the two are never both whole
/// in memory); `None` when it does not fit, and [`typed`] says where. The tree is written out
/// as JSON text and typed from that: `openapiv3` buffers every object it reads (its vendor
/// extensions are flattened), which costs about a third less from a JSON reader than from a
/// tree, writing included (GitHub's description: 190 ms against 280 ms).
pub fn typed_from(doc: Value) -> Option<OpenAPI> {
    let text = serde_json::to_string(&doc).ok()?;
    drop(doc);
    serde_json::from_str(&text).ok()
}

/// The typed document, or where (a JSON pointer) and why it does not fit. Tracking the path
/// costs time, so it is only done when the document does not fit.
fn shape(doc: &Value) -> Result<OpenAPI, (String, String)> {
    if let Ok(api) = <OpenAPI as serde::Deserialize>::deserialize(doc) {
        return Ok(api);
    }
    serde_path_to_error::deserialize(doc).map_err(|e| {
        let pointer = pointer_of(e.path());
        // `openapiv3` reads `paths` through a flattened map, which hides the position inside
        // it: find the path item that does not fit, and the position inside that.
        if pointer == "#/paths"
            && let Some(paths) = doc.get("paths").and_then(Value::as_object)
        {
            for (path, item) in paths.iter().filter(|(p, _)| p.starts_with('/')) {
                if let Err(inner) = serde_path_to_error::deserialize::<_, openapiv3::PathItem>(item)
                {
                    let mut at = crate::error::pointer(["paths", path.as_str()]);
                    let rest = pointer_of(inner.path());
                    at.push_str(rest.trim_start_matches('#'));
                    return (at, inner.inner().to_string());
                }
            }
        }
        (pointer, e.inner().to_string())
    })
}

/// `text` (YAML or JSON; `file` names it, and a name ending in `.json` is JSON) as a JSON tree,
/// nothing checked yet. For tools that rewrite specs ([`crate::spec`]: the benchmarks' synthetic specs).
pub fn parse_value(text: &str, file: &str) -> Result<Value, Error> {
    parse(text, file)
}

/// JSON through `serde_json`, YAML through `serde_yaml`, both into a `serde_json::Value`.
fn parse(text: &str, file: &str) -> Result<Value, Error> {
    let syntax = |line: Option<usize>, column: Option<usize>, message: String| Error::Syntax {
        file: file.to_owned(),
        line,
        column,
        message,
    };
    let json = file.ends_with(".json") || text.trim_start().starts_with('{');
    if json {
        return serde_json::from_str(text)
            .map_err(|e| syntax(Some(e.line()), Some(e.column()), e.to_string()));
    }
    let mut yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        syntax(
            location.as_ref().map(|l| l.line()),
            location.as_ref().map(|l| l.column()),
            e.to_string(),
        )
    })?;
    yaml.apply_merge().map_err(|e| {
        syntax(
            None,
            None,
            format!("a YAML merge key (`<<`) is invalid: {e}"),
        )
    })?;
    Ok(to_json(yaml))
}

/// A YAML tree as JSON: keys become strings (YAML allows `200:` as an integer key), tags are
/// dropped, and numbers JSON cannot hold (`.nan`, `.inf`) become `null`.
fn to_json(value: serde_yaml::Value) -> Value {
    match value {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => {
            Value::Array(items.into_iter().map(to_json).collect())
        }
        serde_yaml::Value::Mapping(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (key_text(k), to_json(v)))
                .collect(),
        ),
        serde_yaml::Value::Tagged(tagged) => to_json(tagged.value),
    }
}

fn key_text(key: serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s,
        serde_yaml::Value::Null => "null".to_owned(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Tagged(tagged) => key_text(tagged.value),
        other => to_json(other).to_string(),
    }
}

/// The JSON pointer of a `serde_path_to_error` path.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let segments = path.iter().filter_map(|s| match s {
        Segment::Seq { index } => Some(index.to_string()),
        Segment::Map { key } => Some(key.clone()),
        Segment::Enum { variant } => Some(variant.clone()),
        Segment::Unknown => None,
    });
    crate::error::pointer(segments)
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str, file: &str) -> String {
        match load(text, file) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(e) => e
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    #[test]
    fn refusals_say_what_and_where() {
        let cases: &[(&str, &str, &str)] = &[
            ("", "s.yaml", "s.yaml: #: the spec is empty"),
            ("  \n", "s.yaml", "s.yaml: #: the spec is empty"),
            (
                "a: [1, 2\n",
                "s.yaml",
                "s.yaml:2:1: the spec is not valid YAML",
            ),
            (
                "{\"a\": [1, 2\n",
                "s.json",
                "s.json:2:0: the spec is not valid",
            ),
            ("- 1\n", "s.yaml", "its top level is not a mapping"),
            (
                "swagger: '2.0'\n",
                "s.yaml",
                "s.yaml: #/swagger: this is a Swagger 2.0 document",
            ),
            (
                "openapi: 3.1.0\n",
                "s.yaml",
                "s.yaml: #/openapi: OpenAPI 3.1.0 is not supported",
            ),
            (
                "openapi: 3.0\n",
                "s.yaml",
                "`openapi` must be a version string",
            ),
            ("info: {}\n", "s.yaml", "has no `openapi` field"),
            (
                "openapi: 3.0.3\n",
                "s.yaml",
                "does not have the shape of OpenAPI 3.0",
            ),
            (
                "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {responses: 7}}}\n",
                "s.yaml",
                "s.yaml: #/paths/~1a/get/responses: the document does not have the shape",
            ),
        ];
        for (text, file, want) in cases {
            let got = message(text, file);
            assert!(got.contains(want), "for {text:?}: {got:?} lacks {want:?}");
        }
    }

    #[test]
    fn a_minimal_document_loads_from_yaml_and_from_json() {
        let yaml = load(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "s.yaml",
        )
        .expect("loads");
        assert_eq!(yaml.api.info.title, "t");
        let json = load(
            r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}"#,
            "s.json",
        )
        .expect("loads");
        assert_eq!(json.api, yaml.api);
    }

    /// What `serde_json` accepts and YAML loaders trip over: integers beyond `u64`, control
    /// characters escaped inside strings.
    #[test]
    fn any_valid_json_document_is_accepted() {
        let text = r#"{"openapi": "3.0.3",
            "info": {"title": "bell \u0007 and nul \u0000", "version": "1"},
            "paths": {},
            "components": {"schemas": {"Big": {"type": "integer", "maximum": 123456789012345678901234567890}}}}"#;
        let loaded = load(text, "s.json").expect("loads");
        assert_eq!(loaded.api.info.title, "bell \u{7} and nul \u{0}");
    }

    #[test]
    fn yaml_keys_and_merges_become_json() {
        let text = "openapi: 3.0.3\ninfo: &info {title: t, version: '1'}\nx-copy: {<<: *info, extra: 1}\npaths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n";
        let loaded = load(text, "s.yaml").expect("loads");
        let op = loaded.api.paths.paths["/a"]
            .as_item()
            .and_then(|i| i.get.as_ref())
            .expect("operation");
        assert_eq!(op.responses.responses.len(), 1);
        assert_eq!(
            loaded.api.extensions["x-copy"],
            serde_json::json!({"title": "t", "version": "1", "extra": 1})
        );
    }

    #[test]
    fn key_order_is_kept() {
        let text =
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {/z: {}, /a: {}, /m: {}}\n";
        let loaded = load(text, "s.yaml").expect("loads");
        let order: Vec<&str> = loaded.api.paths.paths.keys().map(String::as_str).collect();
        assert_eq!(order, ["/z", "/a", "/m"]);
    }
}
