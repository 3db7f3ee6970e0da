//! Stage 4: IR → rendered text per output file, through tera templates; plus the runtime files,
//! which are copied verbatim.
//!
//! The built-in templates under `templates/` are embedded, so output never depends on the
//! working directory. A user's template directory overrides them by name (xtask reads it and
//! passes the contents in [`crate::Options::template_overrides`]).
//!
//! The runtime (`templates/runtime/src/runtime/`, the `sdk-runtime` crate's module) is embedded
//! too, and becomes `src/runtime/` of every generated crate without going through tera or the
//! formatter: see [`runtime_files`]. So does the Genesys Cloud profile
//! (`templates/runtime/src/genesys/`, realtime events), as `src/genesys/`.

use std::collections::BTreeMap;

use tera::{Context, Kwargs, State, Tera, Value};

use crate::back::format::Rendered;
use crate::error::Error;
use crate::ir::Crate;

/// Embeds `templates/NAME` for each name, as (name, contents).
macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../templates/", $name)))),*]
    };
}

/// Every built-in template, by name.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = builtin![
    "Cargo.toml.tera",
    "README.md.tera",
    "lib.rs.tera",
    "hooks.rs.tera",
    "apis_mod.rs.tera",
    "api.rs.tera",
    "operation.rs.tera",
    "shared.rs.tera",
    "models_mod.rs.tera",
    "models_file.rs.tera",
    "model.rs.tera",
    "security.rs.tera",
    "profile_generic_lib.rs.tera",
    "profile_generic_readme.md.tera",
    "profile_genesys_lib.rs.tera",
    "profile_genesys_readme.md.tera",
];

/// Built-in templates whose output `syn` and `prettyplease` format, like a user's: small
/// files whose line lengths depend on the spec (setters, server variables).
pub const PRETTYPLEASE_BUILTINS: &[&str] = &["hooks.rs.tera", "security.rs.tera"];

/// Built-in templates that include others, as (template, the template it includes): the
/// included ones are not rendered as files of their own, and when one is the user's, the
/// output of the template that includes it is formatted as a user's template's is.
/// `operation.rs.tera` is the definition of one operation; `model.rs.tera` the module of one
/// schema.
pub const INCLUDES: &[(&str, &str)] = &[
    ("api.rs.tera", "operation.rs.tera"),
    ("shared.rs.tera", "operation.rs.tera"),
    ("models_file.rs.tera", "model.rs.tera"),
];

/// Whether other templates include `name` (see [`INCLUDES`]).
fn is_included(name: &str) -> bool {
    INCLUDES.iter().any(|(_, included)| *included == name)
}

/// Templates rendered once per crate: (template, output path).
pub const CRATE_FILES: &[(&str, &str)] = &[
    ("Cargo.toml.tera", "Cargo.toml"),
    ("README.md.tera", "README.md"),
    ("lib.rs.tera", "src/lib.rs"),
    ("hooks.rs.tera", "src/hooks.rs"),
    ("apis_mod.rs.tera", "src/apis/mod.rs"),
    ("models_mod.rs.tera", "src/models/mod.rs"),
    ("security.rs.tera", "src/security.rs"),
];

/// Embeds `templates/runtime/src/runtime/NAME` for each name, as (`runtime/NAME`, contents).
macro_rules! runtime {
    ($($name:literal),* $(,)?) => {
        &[$((
            concat!("runtime/", $name),
            include_str!(concat!("../../../templates/runtime/src/runtime/", $name)),
        )),*]
    };
}

/// Every runtime file, as (`runtime/NAME`, contents): written to `src/runtime/NAME` of the
/// generated crate. `codegen/tests/runtime.rs` checks that this lists every file of the
/// directory.
pub const RUNTIME_FILES: &[(&str, &str)] = runtime![
    "auth.rs",
    "client.rs",
    "enums.rs",
    "env.rs",
    "error.rs",
    "logging.rs",
    "model.rs",
    "mod.rs",
    "operation.rs",
    "pages.rs",
    "params.rs",
    "request.rs",
    "retry.rs",
    "security.rs",
    "send.rs",
    "transfer.rs",
    "types.rs",
];

/// Embeds `templates/runtime/src/genesys/NAME` for each name, as (`genesys/NAME`, contents).
macro_rules! genesys {
    ($($name:literal),* $(,)?) => {
        &[$((
            concat!("genesys/", $name),
            include_str!(concat!("../../../templates/runtime/src/genesys/", $name)),
        )),*]
    };
}

/// The Genesys Cloud profile's files, as (`genesys/NAME`, contents): written to
/// `src/genesys/NAME` of a crate of that profile, verbatim as the runtime's files are.
/// `codegen/tests/runtime.rs` checks that this lists every file of the directory.
pub const GENESYS_FILES: &[(&str, &str)] = genesys![
    "env.rs",
    "mod.rs",
    "notifications/api.rs",
    "notifications/chat.rs",
    "notifications/error.rs",
    "notifications/event.rs",
    "notifications/mod.rs",
    "notifications/socket.rs",
    "notifications/worker.rs",
    "region.rs",
];

/// The verbatim files of `profile`, beside the runtime's.
pub fn profile_files(profile: crate::ir::Profile) -> &'static [(&'static str, &'static str)] {
    match profile {
        crate::ir::Profile::Generic => &[],
        crate::ir::Profile::Genesys => GENESYS_FILES,
    }
}

/// The name runtime files use for their own crate in doc examples; [`embed`] replaces it.
pub const RUNTIME_CRATE: &str = "sdk_runtime";

/// The runtime files of a crate whose library is `lib_name`, and those of its `profile`:
/// output path (`src/runtime/…`, `src/genesys/…`) → text, not yet with the header. An override
/// named `runtime/NAME` replaces the built-in file of that name; an override of a name the
/// runtime does not have is refused.
pub fn runtime_files(
    lib_name: &str,
    profile: crate::ir::Profile,
    overrides: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, Vec<Error>> {
    let unknown: Vec<Error> = overrides
        .keys()
        .filter(|name| name.starts_with("runtime/"))
        .filter(|name| !RUNTIME_FILES.iter().any(|(known, _)| known == name))
        .map(|name| Error::Option {
            option: "--templates".into(),
            message: format!(
                "no runtime file is called `{name}`; runtime overrides replace files of `templates/runtime/src/runtime/` by name ({})",
                RUNTIME_FILES
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let runtime = RUNTIME_FILES.iter().map(|(name, builtin)| {
        let text = overrides.get(*name).map_or(*builtin, String::as_str);
        (format!("src/{name}"), embed(text, lib_name))
    });
    let profile = profile_files(profile)
        .iter()
        .map(|(name, text)| (format!("src/{name}"), embed(text, lib_name)));
    Ok(runtime.chain(profile).collect())
}

/// The one change a runtime file undergoes: every identifier `sdk_runtime` (the runtime crate's
/// name, used by doc examples) becomes `lib_name`. Only whole identifiers are replaced:
/// `my_sdk_runtime` or `sdk_runtimes` stay as they are.
pub fn embed(text: &str, lib_name: &str) -> String {
    let is_ident = |c: char| c == '_' || c.is_alphanumeric();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(RUNTIME_CRATE) {
        let (before, after) = (&rest[..at], &rest[at + RUNTIME_CRATE.len()..]);
        let whole = !before.ends_with(is_ident) && !after.starts_with(is_ident);
        out.push_str(before);
        out.push_str(if whole { lib_name } else { RUNTIME_CRATE });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The template engine, and which templates the user replaced.
pub struct Engine {
    tera: Tera,
    overridden: std::collections::BTreeSet<String>,
}

/// Builds the template engine: built-ins, then overrides by name; no HTML escaping.
pub fn engine(overrides: &BTreeMap<String, String>) -> Result<Engine, Vec<Error>> {
    let mut tera = Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    tera.register_filter("rust_str", rust_str);
    let mut templates: BTreeMap<&str, &str> = BUILTIN_TEMPLATES.iter().copied().collect();
    for (name, text) in overrides.iter().filter(|(n, _)| !n.starts_with("runtime/")) {
        templates.insert(name, text);
    }
    let mut errors = Vec::new();
    // Templates other templates include go first: tera resolves an include when the template
    // that has it is added.
    let order = templates
        .iter()
        .filter(|(name, _)| is_included(name))
        .chain(templates.iter().filter(|(name, _)| !is_included(name)));
    for (name, text) in order {
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
        Ok(Engine {
            tera,
            overridden: overrides.keys().cloned().collect(),
        })
    } else {
        Err(errors)
    }
}

/// `{{ value | rust_str }}`: a Rust string literal with everything escaped.
fn rust_str(value: &str, _: Kwargs, _: &State) -> String {
    format!("{value:?}")
}

/// A job's outcome: its output path and text, or why it failed.
type Outcome = Result<(String, String), Error>;

/// One file to render: template, output path, subject, and an extra context entry.
type Job<'a> = (&'a str, String, String, Option<(&'static str, Value)>);

/// The context entry that the profile's sections of the crate docs and the README get: the
/// profile's template for `path`, rendered.
fn profile_docs(
    engine: &Engine,
    ir: &Crate,
    sdk: &Value,
    path: &str,
) -> Result<Option<(&'static str, Value)>, Error> {
    let (lib, readme) = ir.profile.doc_templates();
    let template = match path {
        "src/lib.rs" => lib,
        "README.md" => readme,
        _ => return Ok(None),
    };
    let mut cx = Context::new();
    cx.insert_value("sdk", sdk.clone());
    let text = engine
        .tera
        .render(template, &cx)
        .map_err(|e| Error::Template {
            template: template.to_owned(),
            subject: "the crate".into(),
            message: report(&e),
        })?;
    Ok(Some((
        "profile_docs",
        Value::from(text.trim_end().to_owned()),
    )))
}

/// Renders every output file of `ir` and formats it (`back::format`) under its header line
/// (`header` for the crate's own files, the shorter `item_header` for the file of each API group
/// and schema), spread over the available cores. Results are keyed by path, so the output does
/// not depend on scheduling.
pub fn render(
    engine: &Engine,
    ir: &Crate,
    header: &str,
    item_header: &str,
) -> Result<crate::Files, Vec<Error>> {
    let context_error = |e: tera::Error| {
        vec![Error::Template {
            template: "(context)".into(),
            subject: "the crate".into(),
            message: report(&e),
        }]
    };
    let sdk = Value::try_from_serializable(ir).map_err(context_error)?;
    // Per-item templates get their item (taken from `sdk`, whose values are shared, not
    // copied) under `key`, beside `sdk`.
    let items = |key: &str| -> Vec<Value> {
        sdk.get_from_path(key)
            .and_then(Value::as_array)
            .map(<[Value]>::to_vec)
            .unwrap_or_default()
    };
    let mut jobs: Vec<Job> = Vec::new();
    for (template, path) in CRATE_FILES {
        let extra = profile_docs(engine, ir, &sdk, path).map_err(|e| vec![e])?;
        jobs.push((template, (*path).to_owned(), "the crate".into(), extra));
    }
    // The crate's own files, which get the full header.
    let crate_jobs = jobs.len();
    for (group, value) in ir.api_groups.iter().zip(items("api_groups")) {
        jobs.push((
            "api.rs.tera",
            format!("src/apis/{}.rs", crate::naming::bare(&group.module)),
            format!("API group {}", group.tag),
            Some(("group", value)),
        ));
    }
    if let Some(shared) = &ir.shared {
        jobs.push((
            "shared.rs.tera",
            format!("src/apis/{}.rs", shared.module),
            "the operations of several API groups".into(),
            None,
        ));
    }
    // The models, in their files: `ir.model_files` in order, each model in the order of
    // `ir.models`.
    let mut by_file: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for (model, value) in ir.models.iter().zip(items("models")) {
        by_file.entry(model.file.as_str()).or_default().push(value);
    }
    for file in ir.model_files.iter().map(|f| &f.name) {
        let models = by_file.remove(file.as_str()).unwrap_or_default();
        jobs.push((
            "models_file.rs.tera",
            format!("src/models/{file}.rs"),
            format!("the models of src/models/{file}.rs"),
            Some(("models", Value::from(models))),
        ));
    }
    let render_one = |i: usize, (template, path, subject, extra): &Job| -> Result<String, Error> {
        let header = if i < crate_jobs { header } else { item_header };
        let extra = extra.as_ref().map(|(key, value)| (*key, value));
        let file = |template: &str, subject: &str, extra| {
            render_file(engine, &sdk, (template, path, subject), extra, header)
        };
        match (file(template, subject, extra), extra) {
            // A file of models: the error is reported against the schema whose module fails,
            // rendered alone, as a file of one schema would report it.
            (Err(error), Some(("models", models))) => Err(models
                .as_array()
                .into_iter()
                .flatten()
                .find_map(|model| {
                    let name = model.get_from_path("name").and_then(Value::as_str)?;
                    file(
                        "model.rs.tera",
                        &format!("schema {name}"),
                        Some(("model", model)),
                    )
                    .err()
                })
                .unwrap_or(error)),
            (result, _) => result,
        }
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len().max(1));
    // Each result keyed by its job's index, and carrying its path: a thread that panicked has
    // no job to name, and sorts last.
    let results: Vec<(usize, Outcome)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(job) = jobs.get(i) else { break };
                        done.push((i, render_one(i, job).map(|text| (job.1.clone(), text))));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(done) => done,
                // A panic inside tera, syn or prettyplease: reported, not propagated.
                Err(_) => vec![(
                    usize::MAX,
                    Err(Error::Option {
                        option: "rendering".into(),
                        message: "a template engine or the formatter panicked; please report this with the spec".into(),
                    }),
                )],
            })
            .collect()
    });
    // The jobs hold parts of the context; freed, they leave it whole to discard.
    drop(jobs);
    crate::discard(sdk);
    let mut files = crate::Files::new();
    let mut errors = Vec::new();
    let mut results = results;
    // Errors in the order of the jobs, whatever thread met them.
    results.sort_by_key(|(i, _)| *i);
    for (_, result) in results {
        match result {
            Ok((path, text)) => {
                files.insert(path, text);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// Renders `template` into the file at `path` (for `subject`, in messages), with `sdk` and
/// `extra` as its context, and formats it under `header`.
fn render_file(
    engine: &Engine,
    sdk: &Value,
    (template, path, subject): (&str, &str, &str),
    extra: Option<(&'static str, &Value)>,
    header: &str,
) -> Result<String, Error> {
    let mut cx = Context::new();
    cx.insert_value("sdk", sdk.clone());
    if let Some((key, value)) = extra {
        cx.insert_value(key, value.clone());
    }
    let text = engine
        .tera
        .render(template, &cx)
        .map_err(|e| Error::Template {
            template: template.to_owned(),
            subject: subject.to_owned(),
            message: report(&e),
        })?;
    let rendered = Rendered {
        template: template.to_owned(),
        subject: subject.to_owned(),
        text,
        user_template: engine.overridden.contains(template)
            || PRETTYPLEASE_BUILTINS.contains(&template)
            || INCLUDES
                .iter()
                .any(|(by, included)| *by == template && engine.overridden.contains(*included)),
    };
    crate::back::format::format(path, &rendered, header)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_replaces_the_runtime_crate_name_only_as_a_whole_identifier() {
        let table = [
            ("use sdk_runtime::Client;", "use my_sdk::Client;"),
            (
                "/// # fn main() -> Result<(), sdk_runtime::Error> {",
                "/// # fn main() -> Result<(), my_sdk::Error> {",
            ),
            ("sdk_runtime", "my_sdk"),
            ("(sdk_runtime)", "(my_sdk)"),
            ("my_sdk_runtime::x", "my_sdk_runtime::x"),
            ("sdk_runtimes::x", "sdk_runtimes::x"),
            ("sdk_runtime2", "sdk_runtime2"),
            ("ésdk_runtime", "ésdk_runtime"),
            ("sdk-runtime", "sdk-runtime"),
            ("a sdk_runtime b sdk_runtime", "a my_sdk b my_sdk"),
            ("crate::runtime::Error", "crate::runtime::Error"),
        ];
        for (text, want) in table {
            assert_eq!(embed(text, "my_sdk"), want, "{text}");
        }
    }

    #[test]
    fn runtime_overrides_replace_files_by_name_and_unknown_names_are_refused() {
        let mut overrides = BTreeMap::new();
        overrides.insert(
            "runtime/types.rs".to_owned(),
            "//! Mine.\n/// Mine.\npub type DateTime = sdk_runtime::X;\n".to_owned(),
        );
        let files =
            runtime_files("my_sdk", crate::ir::Profile::Generic, &overrides).expect("known name");
        assert_eq!(
            files["src/runtime/types.rs"],
            "//! Mine.\n/// Mine.\npub type DateTime = my_sdk::X;\n"
        );
        assert_eq!(files.len(), RUNTIME_FILES.len());

        overrides.insert("runtime/clinet.rs".to_owned(), String::new());
        let errors = runtime_files("my_sdk", crate::ir::Profile::Generic, &overrides).unwrap_err();
        assert_eq!(errors.len(), 1);
        let message = errors[0].to_string();
        assert!(
            message.contains("no runtime file is called `runtime/clinet.rs`")
                && message.contains("runtime/client.rs"),
            "{message}"
        );
    }
}
