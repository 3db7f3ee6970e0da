//! Generates a complete Rust SDK crate from OpenAPI 3.0 descriptions.
//!
//! [`generate`] (one spec) and [`generate_specs`] (several, merged into one crate) run the
//! whole pipeline and return a map of relative path → file contents ([`Files`]), with the
//! located [`Warning`]s of what was done about the spec's defects, or every [`Error`] found.
//! The pipeline does no file I/O, and the same input always gives byte-identical output.
//! [`manifest_of`] stops after lowering and returns the API surface, for `cargo xtask
//! api-diff`.
//!
//! The stages, each a folder or module whose `//!` says what goes in and what comes out, and
//! each depending only on the ones before it:
//!
//! | stage | in → out |
//! | --- | --- |
//! | `front/` (`load`, `refs`, `merge`, `fixup`, `auth_header`, `hoist`) | spec text → one resolved, merged, typed document |
//! | `lower/` | the document → the [`ir::Crate`], every naming and typing decision made |
//! | [`ir`] | the intermediate representation: plain data that the templates print |
//! | `back/` (`render`, `format`) | the IR → files: templates rendered, runtime copied, headers |
//! | `surface/` (`manifest`, `diff`, `changelog`) | the IR → `api-manifest.json`, the API changes, `CHANGELOG.md` |
//!
//! beside `naming` (every identifier), [`error`] (located errors and warnings) and [`cli`]
//! (the `openapi-sdkgen` command, feature `cli`, on by default: it reads the inputs and
//! writes or checks the files with [`cli::tree`]; `cargo xtask codegen` calls it). A program
//! that only calls [`generate`] can turn the feature off.
//!
//! The public API is what the command, `xtask` and the tests use: the functions and types
//! below, the IR ([`ir`], the templates' context), [`load`] (spec text → document, for the
//! corpus), [`manifest`] and [`diff`] (the API surface and its changes, for `api-diff`),
//! [`render`]'s tables of embedded templates and runtime files, and [`spec`] (spec documents
//! as JSON trees, for tools that rewrite specs).

mod back;
#[cfg(feature = "cli")]
pub mod cli;
pub mod error;
mod front;
pub mod ir;
mod lower;
pub mod naming;
mod surface;

pub use back::render;
pub use front::load;
pub use lower::MAX_TYPE_DEPTH;
pub use surface::{diff, manifest};

use back::format;
use front::{auth_header, fixup, hoist, merge};
use surface::changelog;

/// Spec documents as JSON trees (as [`load::parse_value`] reads them), for tools that rewrite
/// specs before generating from them, such as the benchmarks' synthetic specs.
pub mod spec {
    pub use crate::front::load::parse_value;
    pub use crate::front::merge::{object, rename_refs};
    pub use crate::front::refs::{METHODS, SCHEMA_PREFIX};
}

use std::collections::BTreeMap;

pub use error::{Error, Errors, Warning, WarningClass};

/// What to generate, besides the spec itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Cargo package name of the generated crate, e.g. `genesys-cloud-chat`.
    pub crate_name: String,
    /// Version of the generated crate when there is no [`Options::previous_manifest`];
    /// otherwise the version is the previous one bumped by what the API change needs.
    pub crate_version: String,
    /// How the spec is named in the header and in messages, e.g. `spec/chat.yaml`.
    pub spec_path: String,
    /// The command that regenerates the output, for the header line.
    pub regenerate_command: String,
    /// Templates that replace built-ins of the same name (name → contents): `NAME.tera` for a
    /// template, `runtime/NAME.rs` for a runtime file (copied verbatim, like the built-in).
    pub template_overrides: BTreeMap<String, String>,
    /// The `api-manifest.json` of the crate being regenerated, if it has one: the API the
    /// changes are reported against.
    pub previous_manifest: Option<String>,
    /// The `CHANGELOG.md` of the crate being regenerated, if it has one: its entries are kept.
    pub previous_changelog: Option<String>,
    /// Whose customizations the crate gets ([`ProfileChoice`]).
    pub profile: ProfileChoice,
}

/// Which profile a crate gets: the customizations of one vendor's APIs beside the generic
/// runtime.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProfileChoice {
    /// Genesys Cloud's when the spec's first server is a Genesys Cloud API host
    /// (`api.mypurecloud.com`, `api.<region>.pure.cloud`, …) and it declares an OAuth 2
    /// scheme; otherwise none.
    #[default]
    Auto,
    /// None: base URL, server variables and credentials come from the spec alone.
    Generic,
    /// Genesys Cloud's: regions and login hosts, its OAuth grants, the `GENESYSCLOUD_*`
    /// environment variables.
    Genesys,
}

impl std::fmt::Display for ProfileChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ProfileChoice::Auto => "auto",
            ProfileChoice::Generic => "generic",
            ProfileChoice::Genesys => "genesys",
        })
    }
}

impl std::str::FromStr for ProfileChoice {
    type Err = Error;

    /// `auto`, `generic` or `genesys`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(ProfileChoice::Auto),
            "generic" => Ok(ProfileChoice::Generic),
            "genesys" => Ok(ProfileChoice::Genesys),
            other => Err(Error::Option {
                option: "--profile".into(),
                message: format!("`{other}` is not a profile: use auto, generic or genesys"),
            }),
        }
    }
}

impl Options {
    /// Options for `crate_name` generated from `spec_path` by `cargo xtask codegen`.
    pub fn new(crate_name: &str, spec_path: &str) -> Self {
        Options {
            crate_name: crate_name.to_owned(),
            crate_version: "0.1.0".to_owned(),
            spec_path: spec_path.to_owned(),
            regenerate_command: "cargo xtask codegen".to_owned(),
            template_overrides: BTreeMap::new(),
            previous_manifest: None,
            previous_changelog: None,
            profile: ProfileChoice::Auto,
        }
    }
}

/// The header line every generated file starts with (without comment markers).
pub fn header(options: &Options) -> String {
    format!(
        "@generated by `{}` from {}. DO NOT EDIT.",
        options.regenerate_command, options.spec_path
    )
}

/// The shorter header line of the files of API groups, schemas and the runtime: the command
/// without its options (`src/lib.rs`, whose header is [`header`], tells the rest).
pub fn item_header(options: &Options) -> String {
    let program = options
        .regenerate_command
        .split(" --")
        .next()
        .unwrap_or(&options.regenerate_command);
    format!("@generated by `{program}`; see src/lib.rs. DO NOT EDIT.")
}

/// Generated files: relative path (with `/` separators) → contents.
pub type Files = BTreeMap<String, String>;

/// What a successful generation produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// The files.
    pub files: Files,
    /// Safe fallbacks taken, each located in the spec.
    pub warnings: Vec<Warning>,
    /// What changed since [`Options::previous_manifest`].
    pub api_changes: ApiChanges,
    /// How long each stage took, in order: for benchmarks and profiles.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Times the stages of one run.
struct Stopwatch {
    last: std::time::Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Stopwatch {
    fn new() -> Self {
        Stopwatch {
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the stage called `name`.
    fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }
}

/// What [`generate`] found when it compared the API with the previous one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiChanges {
    /// There was no previous manifest: a first generation.
    First,
    /// The previous manifest could not be read (why); treated as a first generation.
    Unreadable(String),
    /// Compared with the previous manifest.
    Compared {
        /// The changes (possibly none).
        report: diff::Report,
        /// The crate version the previous manifest records.
        previous_version: String,
        /// The crate version generated now.
        version: String,
    },
}

/// One spec of a crate: how it is named in messages, and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec<'a> {
    /// The spec's display name, e.g. `spec/chat.yaml`.
    pub path: &'a str,
    /// YAML or JSON text.
    pub text: &'a str,
}

/// Runs the whole pipeline on `spec_text`, named [`Options::spec_path`].
pub fn generate(spec_text: &str, options: &Options) -> Result<Output, Errors> {
    generate_specs(
        &[Spec {
            path: &options.spec_path,
            text: spec_text,
        }],
        options,
    )
}

/// Runs the whole pipeline on several specs, merged into one crate (`front::merge`): one client,
/// one error type, an API group (and cargo feature) per tag.
pub fn generate_specs(specs: &[Spec<'_>], options: &Options) -> Result<Output, Errors> {
    let mut clock = Stopwatch::new();
    let (mut ir, warnings) = lower_spec(specs, options, &mut clock)?;
    let header = header(options);
    let mut manifest = manifest::from_ir(&ir);
    let previous = options
        .previous_manifest
        .as_deref()
        .map(manifest::Manifest::from_json);
    let (api_changes, version) = match previous {
        None => (ApiChanges::First, None),
        Some(Err(why)) => (ApiChanges::Unreadable(why), None),
        Some(Ok(previous)) => {
            let report = diff::diff(&previous, &manifest);
            let version = changelog::bump_version(&previous.crate_version, report.semver)
                .unwrap_or_else(|| previous.crate_version.clone());
            let changes = ApiChanges::Compared {
                report,
                previous_version: previous.crate_version,
                version: version.clone(),
            };
            (changes, Some(version))
        }
    };
    let previous_changelog = options.previous_changelog.as_deref();
    let version = version.unwrap_or_else(|| {
        changelog::version_without_manifest(&options.crate_version, previous_changelog)
    });
    ir.version.clone_from(&version);
    manifest.crate_version = version;
    let entry = match &api_changes {
        ApiChanges::First if previous_changelog.is_some() => Some(changelog::first_entry(
            &manifest,
            Some("no api-manifest.json"),
        )),
        ApiChanges::First => Some(changelog::first_entry(&manifest, None)),
        ApiChanges::Unreadable(why) => Some(changelog::first_entry(&manifest, Some(why))),
        ApiChanges::Compared {
            report, version, ..
        } => (!report.is_empty()).then(|| changelog::entry(report, version)),
    };
    clock.lap("manifest");
    let engine = render::engine(&options.template_overrides).map_err(Errors)?;
    let item_header = item_header(options);
    let mut files = render::render(&engine, &ir, &header, &item_header).map_err(Errors)?;
    let runtime = render::runtime_files(&ir.lib_name, ir.profile, &options.template_overrides)
        .map_err(Errors)?;
    clock.lap("render and format");
    for (path, text) in runtime {
        files.insert(path, format::verbatim(&text, &item_header));
    }
    files.insert(manifest::FILE.to_owned(), manifest.to_json());
    files.insert(
        changelog::FILE.to_owned(),
        changelog::render(&header, entry.as_deref(), previous_changelog),
    );
    clock.lap("runtime, manifest and changelog files");
    discard(ir);
    discard(manifest);
    Ok(Output {
        files,
        warnings,
        api_changes,
        timings: clock.laps,
    })
}

/// Whether the structures a generation discards are left to the end of the process
/// ([`leave_memory_to_exit`]).
static LEAVE_MEMORY_TO_EXIT: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Tells the pipeline that this process exits soon after generating, so that the large
/// structures it builds and discards at the end (the templates' context, the IR, the API
/// manifest: hundreds of thousands of small allocations, a tenth of the time GitHub's
/// description takes) are left to the operating system, which reclaims them at exit at no
/// cost, instead of being freed one by one, as compilers do (clang's `-disable-free`, rustc's
/// arenas). Peak memory does not change: nothing large is built after them.
///
/// For the `main` of a command that generates and exits (`openapi-sdkgen`, `cargo xtask
/// codegen`), never for a long-lived process: every generation after the call keeps that
/// memory until the process ends.
pub fn leave_memory_to_exit() {
    LEAVE_MEMORY_TO_EXIT.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Drops `value`, or after [`leave_memory_to_exit`] leaves it to the end of the process.
pub(crate) fn discard<T>(value: T) {
    discard_as(
        LEAVE_MEMORY_TO_EXIT.load(std::sync::atomic::Ordering::Relaxed),
        value,
    );
}

/// Drops `value`, or leaves it to the end of the process when `leave_to_exit`.
fn discard_as<T>(leave_to_exit: bool, value: T) {
    if leave_to_exit {
        std::mem::forget(value);
    }
}

/// The API manifest of `spec_text`: the pipeline up to lowering, without rendering.
pub fn manifest_of(spec_text: &str, options: &Options) -> Result<manifest::Manifest, Errors> {
    let spec = Spec {
        path: &options.spec_path,
        text: spec_text,
    };
    lower_spec(&[spec], options, &mut Stopwatch::new()).map(|(ir, _)| manifest::from_ir(&ir))
}

/// Load (and merge), fix up, hoist and lower.
fn lower_spec(
    specs: &[Spec<'_>],
    options: &Options,
    clock: &mut Stopwatch,
) -> Result<(ir::Crate, Vec<Warning>), Errors> {
    check_crate_name(&options.crate_name)?;
    let (doc, mut warnings) = document(specs)?;
    clock.lap("parse");
    // When the document does not fit, it is read again to locate the mismatch.
    let mut api = match load::typed_from(doc) {
        Some(api) => api,
        None => {
            let (doc, _) = document(specs)?;
            return Err(Errors(
                load::typed(&doc, &options.spec_path)
                    .err()
                    .unwrap_or_default(),
            ));
        }
    };
    clock.lap("type");
    warnings.extend(fixup::fixup(&mut api));
    warnings.extend(auth_header::authorization_headers(&mut api));
    let origins = hoist::hoist(&mut api);
    clock.lap("fixup and hoist");
    let (ir, lowered) = lower::lower(&api, &origins, options).map_err(Errors)?;
    warnings.extend(lowered);
    clock.lap("lower");
    Ok((ir, warnings))
}

/// The specs as one JSON tree (each loaded, its references resolved; several merged), and
/// the notes taken on the way.
fn document(specs: &[Spec<'_>]) -> Result<(serde_json::Value, Vec<Warning>), Errors> {
    let mut docs = Vec::new();
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    for spec in specs {
        match load::document(spec.text, spec.path) {
            Ok((doc, found)) => {
                docs.push((spec.path.to_owned(), doc));
                // Several specs: say which one each note is about.
                warnings.extend(found.into_iter().map(|mut w| {
                    if specs.len() > 1 {
                        w.pointer = format!("{}: {}", spec.path, w.pointer);
                    }
                    w
                }));
            }
            Err(found) => errors.extend(found),
        }
    }
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let doc = if docs.len() == 1 {
        docs.pop().map(|(_, doc)| doc).unwrap_or_default()
    } else {
        let (doc, notes) = merge::merge(docs).map_err(Errors)?;
        warnings.extend(notes);
        doc
    };
    Ok((doc, warnings))
}

fn check_crate_name(name: &str) -> Result<(), Error> {
    naming::check_package_name(name).map_err(|message| Error::Option {
        option: "--crate-name".into(),
        message: format!("`{name}`: {message}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_discarded_value_is_dropped_unless_left_to_the_end_of_the_process() {
        let value = std::sync::Arc::new(());
        discard_as(false, std::sync::Arc::clone(&value));
        assert_eq!(std::sync::Arc::strong_count(&value), 1, "dropped");
        discard_as(true, std::sync::Arc::clone(&value));
        assert_eq!(
            std::sync::Arc::strong_count(&value),
            2,
            "left to the end of the process: never dropped"
        );
    }
}
