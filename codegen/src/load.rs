//! Stage 1: spec text → [`openapiv3::OpenAPI`].
//!
//! Refuses, with a located message, anything that is not an OpenAPI 3.0 document: empty input,
//! YAML syntax errors (with line and column), Swagger 2.0, OpenAPI 3.1, or a document whose
//! shape does not match OpenAPI 3.0.

use openapiv3::OpenAPI;

use crate::error::Error;

/// Parses `text` (YAML or JSON) as an OpenAPI 3.0 document. `file` is only used in messages.
pub fn load(text: &str, file: &str) -> Result<OpenAPI, Error> {
    let spec_error = |pointer: &str, message: String, help: &str| Error::Spec {
        file: file.to_owned(),
        pointer: pointer.to_owned(),
        message,
        help: help.to_owned(),
    };
    if text.trim().is_empty() {
        return Err(spec_error(
            "#",
            "the spec is empty".into(),
            "give the path of an OpenAPI 3.0 document in YAML or JSON",
        ));
    }
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        let location = e.location();
        Error::Syntax {
            file: file.to_owned(),
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            message: e.to_string(),
        }
    })?;
    let Some(map) = value.as_mapping() else {
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
        Some(serde_yaml::Value::String(v)) => v.clone(),
        Some(other) => {
            return Err(spec_error(
                "#/openapi",
                format!(
                    "`openapi` must be a version string such as \"3.0.3\", found {}",
                    yaml_kind(other)
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
    serde_yaml::from_value(value).map_err(|e| {
        spec_error(
            "#",
            format!("the document does not have the shape of OpenAPI 3.0: {e}"),
            "check the named field against the OpenAPI 3.0.3 specification",
        )
    })
}

fn yaml_kind(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "null",
        serde_yaml::Value::Bool(_) => "a boolean",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "a string",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(text: &str) -> String {
        match load(text, "s.yaml") {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn refusals_say_what_and_where() {
        let cases: &[(&str, &str)] = &[
            ("", "s.yaml: #: the spec is empty"),
            ("  \n", "s.yaml: #: the spec is empty"),
            ("a: [1, 2\n", "s.yaml:2:1: the spec is not valid YAML"),
            ("- 1\n", "its top level is not a mapping"),
            (
                "swagger: '2.0'\n",
                "s.yaml: #/swagger: this is a Swagger 2.0 document",
            ),
            (
                "openapi: 3.1.0\n",
                "s.yaml: #/openapi: OpenAPI 3.1.0 is not supported",
            ),
            ("openapi: 3.0\n", "`openapi` must be a version string"),
            ("info: {}\n", "has no `openapi` field"),
            ("openapi: 3.0.3\n", "does not have the shape of OpenAPI 3.0"),
        ];
        for (text, want) in cases {
            let got = message(text);
            assert!(got.contains(want), "for {text:?}: {got:?} lacks {want:?}");
        }
    }

    #[test]
    fn a_minimal_document_loads() {
        let api = load(
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
            "s.yaml",
        )
        .expect("loads");
        assert_eq!(api.info.title, "t");
    }
}
