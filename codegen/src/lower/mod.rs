//! Lowering: a loaded, typed and hoisted [`OpenAPI`] document → the [`ir::Crate`] the templates
//! render.
//!
//! All decisions live here, one concern per module:
//! - `types`: the type space, schema → Rust type;
//! - `models`: component schemas → structs, enums, unions and aliases (`allOf` merged);
//! - `enums`: enum values and union members, and their variant names;
//! - `cycles`: where a recursive field needs a `Box`, and which structs can derive `Default`;
//! - `operations`: API groups, operations, bodies and responses;
//! - `media`: media types: a body's encoding and `Content-Type`, a response's `Accept`;
//! - `params`: parameters, their styles, and the path template;
//! - `paging`: which operations page through a history;
//! - `features`: the cargo feature of each API group, and which models each compiles;
//! - `security`: security schemes and their setters, each operation's requirement;
//! - `profile`: the profile (generic, or Genesys Cloud's) and what it adds to the crate;
//! - `servers`: the first server, the default base URL, and the generic `from_env`;
//! - `path`: path templates, parsed into literal text and parameter holes;
//! - `docs`: every rustdoc line.
//!
//! Names come from [`crate::naming`]; references are read through [`crate::front::refs::schema_name`].
//! Output order is sorted, so the same spec always gives the same IR.
//!
//! [`ir::Crate`]: crate::ir::Crate

mod build;
mod cycles;
mod docs;
mod enums;
mod features;
mod media;
mod models;
mod operations;
mod paging;
mod params;
mod path;
mod profile;
pub mod security;
mod servers;
mod types;

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, ReferenceOr, Schema};

pub use docs::doc_lines;

use crate::Options;
use crate::error::{Error, Warning, WarningClass, pointer};
use crate::ir::Crate;
use crate::naming::{self, Scope};

/// How deeply inline types may nest (`Vec<Vec<…>>`, maps of arrays, …). Far beyond what real
/// APIs use, and well within what syn and prettyplease handle on a 2 MiB stack.
pub const MAX_TYPE_DEPTH: usize = 24;

/// Lowers `api`; collects every problem instead of stopping at the first.
pub fn lower(
    api: &OpenAPI,
    origins: &crate::front::hoist::Origins,
    options: &Options,
) -> Result<(Crate, Vec<Warning>), Vec<Error>> {
    let mut cx = Lowerer::new(api, origins, options);
    let profile = profile::profile(api, options.profile);
    let mut security = cx.security(profile);
    let mut models = cx.models();
    cycles::finish(&mut models, &cx.names);
    cx.record_examples(&models);
    cx.enum_models = models
        .iter()
        .filter(|m| m.kind == crate::ir::ModelKind::Enum)
        .map(|m| format!("crate::models::{}", m.rust_name))
        .collect();
    cx.model_kinds = models
        .iter()
        .map(|m| (format!("crate::models::{}", m.rust_name), m.kind))
        .collect();
    let (mut api_groups, mut shared, skipped) = cx.groups();
    let error_model = cx.error_model();
    if !cx.errors.is_empty() {
        return Err(cx.errors);
    }
    let other_schemas_feature = features::assign(
        &mut api_groups,
        shared.as_mut(),
        &mut models,
        error_model.as_deref(),
    );
    paging::detect(
        api_groups
            .iter_mut()
            .flat_map(|g| g.operations.iter_mut())
            .chain(shared.iter_mut().flat_map(|s| s.operations.iter_mut())),
        &models,
    );
    let all_apis = api_groups
        .iter()
        .map(|g| g.feature.clone())
        .chain(other_schemas_feature.clone())
        .collect();
    let error_message = error_model
        .as_deref()
        .and_then(|path| models::message_accessor(&models, path));
    let showcase = docs::showcase(&api_groups);
    // An operation of several groups counts once.
    let operation_count = api_groups
        .iter()
        .flat_map(|g| &g.operations)
        .filter(|op| op.groups.len() == 1)
        .count()
        + shared.as_ref().map_or(0, |s| s.operations.len());
    let generic = profile == crate::ir::Profile::Generic;
    let env_prefix = generic.then(|| servers::shouty(&options.crate_name));
    let server = servers::server(api, env_prefix.as_deref());
    let default_base_url = servers::default_base_url(server.as_ref());
    if generic {
        security.env = Some(servers::env(
            &options.crate_name,
            &mut security,
            server.as_ref(),
        ));
        let usable = (default_base_url.starts_with("https://")
            || default_base_url.starts_with("http://"))
            && !default_base_url.contains('{');
        let schemes = showcase
            .as_ref()
            .map(|s| s.schemes.clone())
            .unwrap_or_default();
        security.example_calls = security::example_calls(&security, &schemes, !usable);
    }
    let krate = Crate {
        package_name: options.crate_name.clone(),
        lib_name: options.crate_name.replace('-', "_"),
        version: options.crate_version.clone(),
        title: api.info.title.clone(),
        description_lines: doc_lines(api.info.description.as_deref()),
        keywords: keywords(&options.crate_name),
        api_version: api.info.version.clone(),
        default_base_url,
        server,
        profile,
        profile_settings: profile.settings_type().to_owned(),
        default_features: profile::default_features(profile::profile_module(profile).as_ref()),
        profile_module: profile::profile_module(profile),
        correlation_id_headers: profile::correlation_id_headers(profile),
        security,
        header: crate::header(options),
        spec_path: options.spec_path.clone(),
        regenerate_command: options.regenerate_command.clone(),
        api_groups,
        shared,
        model_files: features::model_files(
            models
                .iter()
                .map(|m| (m.file.as_str(), m.features.as_slice())),
        ),
        models,
        other_schemas_feature,
        all_apis,
        error_type: error_model
            .clone()
            .unwrap_or_else(|| "serde_json::Value".to_owned()),
        error_model,
        error_message,
        showcase,
        operation_count,
        skipped,
    };
    Ok((krate, cx.warnings))
}

/// crates.io keywords (at most five; ASCII letters, digits, `-` and `_`, 20 characters, starting
/// with a letter): `api`, `sdk`, then the words of the package name that qualify.
fn keywords(package: &str) -> Vec<String> {
    let mut out = vec!["api".to_owned(), "sdk".to_owned()];
    for word in package.split(['-', '_']) {
        let word = word.to_ascii_lowercase();
        let valid = word.len() <= 20
            && word.starts_with(|c: char| c.is_ascii_alphabetic())
            && word.chars().all(|c| c.is_ascii_alphanumeric());
        if out.len() < 5 && valid && !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// The Rust names of one component schema.
#[derive(Debug, Clone)]
pub(crate) struct Names {
    /// Type name, e.g. `ChatMessage`.
    pub rust: String,
    /// Module name, e.g. `chat_message`.
    pub module: String,
}

impl Names {
    /// `crate::models::{rust}`.
    pub fn path(&self) -> String {
        format!("crate::models::{}", self.rust)
    }
}

/// The state lowering shares between its modules.
pub(crate) struct Lowerer<'a> {
    api: &'a OpenAPI,
    options: &'a Options,
    errors: Vec<Error>,
    warnings: Vec<Warning>,
    /// How deep `schema_type` currently is.
    depth: usize,
    /// Rust type → an expression of that type for doc examples, for types without `Default`.
    examples: BTreeMap<String, String>,
    /// Where the schemas that `hoist` named were written.
    origins: &'a crate::front::hoist::Origins,
    /// Schema name → its Rust names.
    names: BTreeMap<String, Names>,
    /// The Rust paths of models that are enums.
    enum_models: std::collections::BTreeSet<String>,
    /// Each model's kind, by Rust path.
    model_kinds: BTreeMap<String, crate::ir::ModelKind>,
    /// What each alias model stands for, by Rust path.
    alias_targets: BTreeMap<String, types::Ty>,
    /// The security schemes' constants and the root requirement.
    schemes: security::Schemes,
}

impl<'a> Lowerer<'a> {
    fn new(
        api: &'a OpenAPI,
        origins: &'a crate::front::hoist::Origins,
        options: &'a Options,
    ) -> Self {
        let mut types = Scope::with_reserved(naming::PRELUDE);
        let mut modules = Scope::with_reserved(&["mod", "r#mod"]);
        let mut names = BTreeMap::new();
        for (name, _) in api.components.iter().flat_map(|c| c.schemas.iter()) {
            let rust = types.claim(&naming::pascal(name), "");
            let module = modules.claim(&naming::snake(name), "_");
            names.insert(name.clone(), Names { rust, module });
        }
        Lowerer {
            api,
            options,
            errors: Vec::new(),
            warnings: Vec::new(),
            depth: 0,
            examples: BTreeMap::new(),
            origins,
            names,
            enum_models: Default::default(),
            model_kinds: BTreeMap::new(),
            alias_targets: BTreeMap::new(),
            schemes: security::Schemes::default(),
        }
    }

    /// Records a fallback the generator took where that is safe, so the user hears of it.
    fn warn(&mut self, class: WarningClass, at: &str, message: impl Into<String>) {
        self.warnings.push(Warning::new(class, at, message));
    }

    fn error(&mut self, at: &str, message: String, help: &str) {
        self.errors.push(Error::Spec {
            file: self.options.spec_path.clone(),
            pointer: at.to_owned(),
            message,
            help: help.to_owned(),
        });
    }

    /// The component schemas, in spec order.
    fn schemas(&self) -> impl Iterator<Item = (&'a String, &'a ReferenceOr<Schema>)> + use<'a> {
        self.api.components.iter().flat_map(|c| c.schemas.iter())
    }

    /// The component schema called `name`, if it is defined in place (not a bare `$ref`).
    fn schema(&self, name: &str) -> Option<&'a Schema> {
        self.api
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(name))
            .and_then(ReferenceOr::as_item)
    }

    /// Where schema `name` is written: under `components.schemas`, or where `hoist` found it.
    fn schema_pointer(&self, name: &str) -> String {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| pointer(["components", "schemas", name]))
    }

    /// The crate's name as written in `use` paths.
    fn lib(&self) -> String {
        self.options.crate_name.replace('-', "_")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keywords_follow_the_package_name_within_crates_io_rules() {
        for (package, want) in [
            (
                "genesys-cloud-chat",
                &["api", "sdk", "genesys", "cloud", "chat"][..],
            ),
            ("gh", &["api", "sdk", "gh"]),
            ("my_api-2-sdk-x-y-z", &["api", "sdk", "my", "x", "y"]),
            (
                "Big-averyveryverylongwordindeed-ok",
                &["api", "sdk", "big", "ok"],
            ),
        ] {
            assert_eq!(super::keywords(package), want, "{package}");
        }
    }

    /// What the templates print without testing a kind: decided here, one row per decision.
    #[test]
    fn the_ir_says_what_the_templates_print() {
        let spec = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /rooms/{roomId}:
    get:
      operationId: getRoom
      tags: [rooms]
      parameters:
        - {name: roomId, in: path, required: true, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}}
        - {name: X-Trace, in: header, schema: {type: string}}
        - {name: session, in: cookie, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Room"}}}}
        "204": {description: none}
    delete:
      operationId: deleteRoom
      tags: [rooms]
      parameters:
        - {name: roomId, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: none}
components:
  schemas:
    Room: {type: object, properties: {id: {type: string}}}
    RoomAlias: {$ref: "#/components/schemas/Room"}
    Colour: {type: string, enum: [red, "say \"hi\""]}
    Level: {type: integer, enum: [1, -2]}
"##;
        let options = crate::Options::new("t", "t.yaml");
        let specs = [crate::Spec {
            path: "t.yaml",
            text: spec,
        }];
        let (ir, _) =
            crate::lower_spec(&specs, &options, &mut crate::Stopwatch::new()).expect("lowers");
        let model = |name: &str| {
            ir.models
                .iter()
                .find(|m| m.name == name)
                .unwrap_or_else(|| panic!("no model {name}"))
        };
        for (name, is_struct, alias) in [
            ("Room", true, false),
            ("RoomAlias", false, true),
            ("Colour", false, false),
            ("Level", false, false),
        ] {
            assert_eq!(model(name).is_struct, is_struct, "{name}");
            assert_eq!(model(name).alias_type.is_some(), alias, "{name}");
        }
        let literals = |name: &str| -> Vec<String> {
            let e = model(name).enum_def.as_ref().expect("an enum");
            e.variants.iter().map(|v| v.literal.clone()).collect()
        };
        assert_eq!(literals("Colour"), [r#""red""#, r#""say \"hi\"""#]);
        assert_eq!(literals("Level"), ["1", "-2"]);

        let ops: Vec<&crate::ir::Operation> =
            ir.api_groups.iter().flat_map(|g| &g.operations).collect();
        let op = |id: &str| {
            ops.iter()
                .find(|o| o.operation_id == id)
                .unwrap_or_else(|| panic!("no operation {id}"))
        };
        let get = op("getRoom");
        assert!(get.response.outcome);
        let empty: Vec<(&str, bool)> = get
            .response
            .variants
            .iter()
            .map(|v| (v.status.as_str(), v.empty))
            .collect();
        assert_eq!(empty, [("200", false), ("204", true)]);
        assert!(!op("deleteRoom").response.outcome);
        let places: Vec<(&str, &str)> = get
            .path_params
            .iter()
            .chain(&get.query_params)
            .chain(&get.header_params)
            .chain(&get.cookie_params)
            .map(|p| (p.wire_name.as_str(), p.place.as_str()))
            .collect();
        assert_eq!(
            places,
            [
                ("roomId", "path parameter"),
                ("limit", "query parameter"),
                ("X-Trace", "header"),
                ("session", "cookie"),
            ]
        );
    }
}
