//! Stage 4: IR → rendered text per output file, through tera templates.
//!
//! The built-in templates under `templates/` are embedded, so output never depends on the
//! working directory. A user's template directory overrides them by name (xtask reads it and
//! passes the contents in [`crate::Options::template_overrides`]).

use std::collections::BTreeMap;

use tera::{Context, Kwargs, State, Tera, Value};

use crate::error::Error;
use crate::ir::Crate;

/// Embeds `templates/NAME` for each name, as (name, contents).
macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// Every built-in template, by name.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = builtin![
    "Cargo.toml.tera",
    "README.md.tera",
    "lib.rs.tera",
    "auth.rs.tera",
    "client.rs.tera",
    "error.rs.tera",
    "runtime.rs.tera",
    "types.rs.tera",
    "apis_mod.rs.tera",
    "api.rs.tera",
    "models_mod.rs.tera",
    "model.rs.tera",
];

/// Templates rendered once per crate: (template, output path).
pub const CRATE_FILES: &[(&str, &str)] = &[
    ("Cargo.toml.tera", "Cargo.toml"),
    ("README.md.tera", "README.md"),
    ("lib.rs.tera", "src/lib.rs"),
    ("auth.rs.tera", "src/auth.rs"),
    ("client.rs.tera", "src/client.rs"),
    ("error.rs.tera", "src/error.rs"),
    ("runtime.rs.tera", "src/runtime.rs"),
    ("types.rs.tera", "src/types.rs"),
    ("apis_mod.rs.tera", "src/apis/mod.rs"),
    ("models_mod.rs.tera", "src/models/mod.rs"),
];

/// A rendered file before formatting: which template made it, and for what.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The template's name.
    pub template: String,
    /// What was rendered, for messages: `the crate`, `API group Chat`, `schema Room`.
    pub subject: String,
    /// The rendered text.
    pub text: String,
}

/// Builds the template engine: built-ins, then overrides by name; no HTML escaping.
pub fn engine(overrides: &BTreeMap<String, String>) -> Result<Tera, Vec<Error>> {
    let mut tera = Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    tera.register_filter("rust_str", rust_str);
    let mut templates: BTreeMap<&str, &str> = BUILTIN_TEMPLATES.iter().copied().collect();
    for (name, text) in overrides {
        templates.insert(name, text);
    }
    let mut errors = Vec::new();
    for (name, text) in &templates {
        // Added one by one so each syntax error is reported against its own template.
        if let Err(e) = tera.add_raw_template(name, text) {
            errors.push(Error::Template {
                template: (*name).to_owned(),
                subject: "parsing".into(),
                message: report(&e),
            });
        }
    }
    if errors.is_empty() {
        Ok(tera)
    } else {
        Err(errors)
    }
}

/// `{{ value | rust_str }}`: a Rust string literal with everything escaped.
fn rust_str(value: &str, _: Kwargs, _: &State) -> String {
    format!("{value:?}")
}

/// A value for a template's context, or why it could not be made.
type TeraResult = tera::TeraResult<Value>;

/// One file to render: template, output path, subject, and an extra context entry.
type Job<'a> = (&'a str, String, String, Option<(&'static str, Value)>);

/// Renders every output file of `ir`.
pub fn render(tera: &Tera, ir: &Crate) -> Result<BTreeMap<String, Rendered>, Vec<Error>> {
    let sdk = Value::try_from_serializable(ir).map_err(|e| {
        vec![Error::Template {
            template: "(context)".into(),
            subject: "the crate".into(),
            message: report(&e),
        }]
    })?;
    let mut errors = Vec::new();
    let mut jobs: Vec<Job> = Vec::new();
    for (template, path) in CRATE_FILES {
        jobs.push((template, (*path).to_owned(), "the crate".into(), None));
    }
    // Per-item templates get the item under `key` beside `sdk`.
    let mut item = |template: &'static str,
                    key: &'static str,
                    path: String,
                    subject: String,
                    value: TeraResult| match value {
        Ok(v) => jobs.push((template, path, subject, Some((key, v)))),
        Err(e) => errors.push(Error::Template {
            template: template.into(),
            subject,
            message: report(&e),
        }),
    };
    for group in &ir.api_groups {
        let path = format!("src/apis/{}.rs", crate::naming::bare(&group.module));
        item(
            "api.rs.tera",
            "group",
            path,
            format!("API group {}", group.tag),
            Value::try_from_serializable(group),
        );
    }
    for model in &ir.models {
        let path = format!("src/models/{}.rs", crate::naming::bare(&model.module));
        item(
            "model.rs.tera",
            "model",
            path,
            format!("schema {}", model.name),
            Value::try_from_serializable(model),
        );
    }
    let mut out = BTreeMap::new();
    for (template, path, subject, extra) in jobs {
        let mut cx = Context::new();
        cx.insert_value("sdk", sdk.clone());
        if let Some((key, value)) = extra {
            cx.insert_value(key, value);
        }
        match tera.render(template, &cx) {
            Ok(text) => {
                out.insert(
                    path,
                    Rendered {
                        template: template.to_owned(),
                        subject,
                        text,
                    },
                );
            }
            Err(e) => errors.push(Error::Template {
                template: template.to_owned(),
                subject,
                message: report(&e),
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Tera's full report (with the template lines around the error) and its causes.
fn report(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!("\n  caused by: {s}"));
        source = s.source();
    }
    text
}
