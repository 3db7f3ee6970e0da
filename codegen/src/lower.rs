//! Stage 3: a validated [`OpenAPI`] document → the [`ir::Crate`](crate::ir::Crate) the templates render.
//!
//! All decisions live here: Rust names (through [`crate::naming`]), Rust types, optionality,
//! boxing of recursive fields, serde renames and the rustdoc of every item. Output order is
//! sorted, so the same spec always gives the same IR.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter, ReferenceOr, Schema, SchemaKind, StatusCode,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::Options;
use crate::error::{Error, Warning, pointer};
use crate::ir::{
    ApiGroup, Body, Crate, EnumDef, Field, Location, Model, Operation, Param, Permissions,
    Response, ResponseVariant, Showcase, UnionDef, UnionVariant, Variant,
};
use crate::naming::{self, Scope};
use crate::validate::{
    body_kind, is_json, resolve_body, resolve_param, resolve_response, template_params,
};

const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// How deeply inline types may nest (`Vec<Vec<…>>`, maps of arrays, …). Far beyond what real
/// APIs use, and well within what syn and prettyplease handle on a 2 MiB stack.
pub const MAX_TYPE_DEPTH: usize = 24;

/// String formats that are text on the wire and need no type of their own.
const STRING_FORMATS_AS_STRING: &[&str] = &[
    "uuid",
    "email",
    "uri",
    "url",
    "uri-reference",
    "hostname",
    "ipv4",
    "ipv6",
    "password",
    "byte",
    "binary",
    "time",
    "duration",
    "regex",
    "idn-email",
    "idn-hostname",
    "iri",
];

/// Lowers `api`; collects every problem instead of stopping at the first.
pub fn lower(
    api: &OpenAPI,
    origins: &crate::hoist::Origins,
    options: &Options,
) -> Result<(Crate, Vec<Warning>), Vec<Error>> {
    let mut cx = Lowerer::new(api, options);
    cx.origins = origins.clone();
    let models = cx.models();
    let api_groups = cx.groups();
    let error_model = cx.error_model();
    if !cx.errors.is_empty() {
        return Err(cx.errors);
    }
    let error_message = error_model.as_deref().and_then(|path| {
        let model = models
            .iter()
            .find(|m| format!("crate::models::{}", m.rust_name) == path)?;
        let field = model.fields.iter().find(|f| f.wire_name == "message")?;
        match field.rust_type.as_str() {
            "Option<String>" => Some(format!("e.{}.as_deref()", field.rust_name)),
            "String" => Some(format!("Some(e.{}.as_str())", field.rust_name)),
            _ => None,
        }
    });
    let showcase = showcase(&api_groups);
    let operation_count = api_groups.iter().map(|g| g.operations.len()).sum();
    let krate = Crate {
        package_name: options.crate_name.clone(),
        lib_name: options.crate_name.replace('-', "_"),
        version: options.crate_version.clone(),
        title: api.info.title.clone(),
        description_lines: doc_lines(api.info.description.as_deref()),
        api_version: api.info.version.clone(),
        default_base_url: api
            .servers
            .first()
            .map(|s| s.url.trim_end_matches('/').to_owned())
            .unwrap_or_default(),
        header: crate::header(options),
        spec_path: options.spec_path.clone(),
        regenerate_command: options.regenerate_command.clone(),
        api_groups,
        models,
        error_type: error_model
            .clone()
            .unwrap_or_else(|| "serde_json::Value".to_owned()),
        error_model,
        error_message,
        uses_nullable: cx.uses_nullable,
        showcase,
        operation_count,
    };
    Ok((krate, cx.warnings))
}

/// A lowered type: its Rust spelling, and the schema it names when it is exactly a model
/// reference (not inside a `Vec` or map), which is where a recursive cycle needs a `Box`.
struct Ty {
    rust: String,
    direct: Option<String>,
}

impl Ty {
    fn plain(rust: impl Into<String>) -> Ty {
        Ty {
            rust: rust.into(),
            direct: None,
        }
    }
}

/// One property of a struct, before lowering.
struct Prop<'a> {
    name: String,
    schema: &'a ReferenceOr<Box<Schema>>,
    required: bool,
    at: String,
}

struct Lowerer<'a> {
    api: &'a OpenAPI,
    options: &'a Options,
    errors: Vec<Error>,
    warnings: Vec<Warning>,
    /// How deep `schema_type` currently is.
    depth: usize,
    /// Whether some field is optional and nullable (`Option<Option<T>>`).
    uses_nullable: bool,
    /// Collects unions defined inline in the properties of the struct being lowered.
    inline_unions: Option<Vec<UnionDef>>,
    /// Rust type → an expression of that type for doc examples, for models without `Default`.
    examples: BTreeMap<String, String>,
    /// Where the schemas that `hoist` named were written.
    origins: crate::hoist::Origins,
    /// schema name → (Rust type name, module name).
    names: BTreeMap<String, (String, String)>,
    /// Type names in use at the crate's `models` level (schemas and inline enums).
    types: Scope,
}

impl<'a> Lowerer<'a> {
    fn new(api: &'a OpenAPI, options: &'a Options) -> Self {
        let mut cx = Lowerer {
            api,
            options,
            errors: Vec::new(),
            warnings: Vec::new(),
            depth: 0,
            uses_nullable: false,
            inline_unions: None,
            examples: BTreeMap::new(),
            origins: BTreeMap::new(),
            names: BTreeMap::new(),
            types: Scope::default(),
        };
        let mut modules = Scope::with_reserved(&["mod", "r#mod"]);
        let schema_names: Vec<String> = cx.schemas().map(|(n, _)| n.clone()).collect();
        for name in schema_names {
            let at = pointer(["components", "schemas", name.as_str()]);
            match (naming::pascal(&name), naming::snake(&name)) {
                (Some(ty), Some(module)) => {
                    let ty = cx.types.claim(&ty, "");
                    let module = modules.claim(&module, "_");
                    cx.names.insert(name, (ty, module));
                }
                _ => cx.error(
                    &at,
                    format!("schema name `{name}` has no characters usable in a Rust identifier"),
                    "rename the schema",
                ),
            }
        }
        cx
    }

    /// Records a fallback the generator took where that is safe, so the user hears of it.
    fn warn(&mut self, at: &str, message: String) {
        self.warnings.push(Warning {
            pointer: at.to_owned(),
            message,
        });
    }

    fn error(&mut self, at: &str, message: String, help: &str) {
        self.errors.push(Error::Spec {
            file: self.options.spec_path.clone(),
            pointer: at.to_owned(),
            message,
            help: help.to_owned(),
        });
    }

    fn schemas(&self) -> impl Iterator<Item = (&'a String, &'a ReferenceOr<Schema>)> + use<'a> {
        self.api.components.iter().flat_map(|c| c.schemas.iter())
    }

    /// Where schema `name` is written: under `components.schemas`, or where `hoist` found it.
    fn schema_pointer(&self, name: &str) -> String {
        self.origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| pointer(["components", "schemas", name]))
    }

    fn model_path(&self, schema: &str) -> Option<String> {
        self.names
            .get(schema)
            .map(|(ty, _)| format!("crate::models::{ty}"))
    }

    // ---------------------------------------------------------------- models

    fn models(&mut self) -> Vec<Model> {
        let entries: Vec<(&String, &ReferenceOr<Schema>)> = self.schemas().collect();
        let mut models = Vec::new();
        for (name, schema) in entries {
            let Some((rust_name, module)) = self.names.get(name).cloned() else {
                continue;
            };
            let at = self.schema_pointer(name);
            let mut model = Model {
                name: name.clone(),
                rust_name: rust_name.clone(),
                module,
                pointer: at.clone(),
                kind: "struct".into(),
                default: true,
                doc_lines: Vec::new(),
                fields: Vec::new(),
                alias_type: None,
                enums: Vec::new(),
                unions: Vec::new(),
            };
            let schema = match schema {
                ReferenceOr::Item(s) => s,
                ReferenceOr::Reference { reference } => {
                    let ty = self.reference(reference, &at);
                    model.kind = "alias".into();
                    model.alias_type = Some(ty.rust);
                    model.doc_lines = vec![format!("Alias of `{reference}`.")];
                    models.push(model);
                    continue;
                }
            };
            model.doc_lines = doc_or(
                doc_lines(schema.schema_data.description.as_deref()),
                format!("The `{name}` schema."),
            );
            let is_struct = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(obj)) => {
                    !obj.properties.is_empty() || obj.additional_properties.is_none()
                }
                SchemaKind::AllOf { all_of } => {
                    all_of.len() > 1 || all_of.iter().any(|m| m.as_item().is_some())
                }
                _ => false,
            };
            match &schema.schema_kind {
                _ if is_struct => {
                    let mut props = Vec::new();
                    let mut visited = vec![name.clone()];
                    self.collect_props(schema, &at, &mut props, &mut visited);
                    self.struct_fields(&mut model, props);
                }
                SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
                    model.kind = "enum".into();
                    let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                    if let Some(e) =
                        self.enum_def(&rust_name, &values, model.doc_lines.clone(), &at)
                    {
                        model.enums.push(e);
                    }
                }
                SchemaKind::Type(Type::Integer(i)) if !i.enumeration.is_empty() => {
                    model.kind = "enum".into();
                    let values: Vec<i64> = i.enumeration.iter().flatten().copied().collect();
                    model
                        .enums
                        .push(int_enum_def(&rust_name, &values, model.doc_lines.clone()));
                }
                SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                    model.kind = "union".into();
                    let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
                        "oneOf"
                    } else {
                        "anyOf"
                    };
                    let discriminator = schema.schema_data.discriminator.as_ref();
                    let members_at = format!("{at}/{keyword}");
                    let def = self.union_def(
                        &rust_name,
                        members,
                        discriminator,
                        model.doc_lines.clone(),
                        &members_at,
                        false,
                    );
                    model.unions.push(def);
                }
                _ => {
                    let ty =
                        self.schema_type(&ReferenceOr::Item(Box::new(schema.clone())), &at, None);
                    model.kind = "alias".into();
                    model.alias_type = Some(ty.rust);
                }
            }
            models.push(model);
        }
        self.finish_fields(&mut models);
        self.record_examples(&models);
        models.sort_by(|a, b| a.module.cmp(&b.module));
        models
    }

    /// The properties of an object schema, with those of every `allOf` member merged in
    /// order (a later definition of the same property replaces the earlier one in place).
    fn collect_props(
        &mut self,
        schema: &'a Schema,
        at: &str,
        out: &mut Vec<Prop<'a>>,
        visited: &mut Vec<String>,
    ) {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(obj)) => {
                for (prop, prop_schema) in &obj.properties {
                    let prop = Prop {
                        name: prop.clone(),
                        schema: prop_schema,
                        required: obj.required.iter().any(|r| r == prop),
                        at: format!("{at}/properties/{}", crate::error::pointer_segment(prop)),
                    };
                    match out.iter_mut().find(|p| p.name == prop.name) {
                        Some(existing) => *existing = prop,
                        None => out.push(prop),
                    }
                }
                // `required` may name properties that another `allOf` member defines.
                for r in &obj.required {
                    if let Some(p) = out.iter_mut().find(|p| &p.name == r) {
                        p.required = true;
                    }
                }
            }
            SchemaKind::AllOf { all_of } => {
                for (i, member) in all_of.iter().enumerate() {
                    let member_at = format!("{at}/allOf/{i}");
                    match member {
                        ReferenceOr::Item(s) => self.collect_props(s, &member_at, out, visited),
                        ReferenceOr::Reference { reference } => {
                            let Some(target) = reference.strip_prefix(SCHEMA_PREFIX) else {
                                self.error(&member_at, format!("`allOf` member `{reference}` is not a schema under `components.schemas`"), "");
                                continue;
                            };
                            if visited.iter().any(|v| v == target) {
                                self.error(&member_at, format!("`allOf` includes `{target}`, which includes this schema again"), "break the cycle: a schema cannot extend itself");
                                continue;
                            }
                            let resolved = self
                                .api
                                .components
                                .as_ref()
                                .and_then(|c| c.schemas.get(target))
                                .and_then(ReferenceOr::as_item);
                            match resolved {
                                Some(s) => {
                                    visited.push(target.to_owned());
                                    let target_at = pointer(["components", "schemas", target]);
                                    self.collect_props(s, &target_at, out, visited);
                                    visited.pop();
                                }
                                None => self.error(&member_at, format!("`allOf` member `{reference}` cannot be merged: it is not an object schema"), ""),
                            }
                        }
                    }
                }
            }
            _ => self.warn(
                at,
                "an `allOf` member that is not an object contributes no fields".into(),
            ),
        }
    }

    /// Lowers merged properties into `model.fields`.
    fn struct_fields(&mut self, model: &mut Model, props: Vec<Prop<'a>>) {
        self.inline_unions = Some(Vec::new());
        self.struct_fields_inner(model, props);
        model
            .unions
            .extend(self.inline_unions.take().unwrap_or_default());
    }

    fn struct_fields_inner(&mut self, model: &mut Model, props: Vec<Prop<'a>>) {
        let mut fields = Scope::default();
        for prop in props {
            let Some(rust) = naming::snake(&prop.name) else {
                self.error(
                    &prop.at,
                    format!(
                        "property name `{}` has no characters usable in a Rust identifier",
                        prop.name
                    ),
                    "rename the property",
                );
                continue;
            };
            let rust = fields.claim(&rust, "_");
            let enum_name = format!(
                "{}{}",
                model.rust_name,
                naming::pascal(&prop.name).unwrap_or_default()
            );
            let ty = self.schema_type(prop.schema, &prop.at, Some((&enum_name, &mut model.enums)));
            let data = match prop.schema {
                ReferenceOr::Item(s) => Some(&s.schema_data),
                ReferenceOr::Reference { .. } => None,
            };
            let mut doc = doc_or(
                doc_lines(data.and_then(|d| d.description.as_deref())),
                format!("The `{}` property.", prop.name),
            );
            let flag = |f: fn(&openapiv3::SchemaData) -> bool| data.is_some_and(f);
            let (nullable, read_only, write_only, deprecated) = (
                flag(|d| d.nullable),
                flag(|d| d.read_only),
                flag(|d| d.write_only),
                flag(|d| d.deprecated),
            );
            let mut notes = Vec::new();
            if read_only {
                notes.push(
                    "Read-only: set by the service, which ignores it in requests.".to_owned(),
                );
            }
            if write_only {
                notes.push(
                    "Write-only: sent in requests; the service does not return it.".to_owned(),
                );
            }
            if nullable {
                notes.push(if prop.required {
                    "Nullable: always sent; `None` is sent as `null`.".to_owned()
                } else {
                    "Nullable: `None` leaves it out, `Some(None)` sends `null`.".to_owned()
                });
            }
            if let Some(default) = data.and_then(|d| d.default.as_ref()) {
                notes.push(format!("Default: `{default}`."));
            }
            if !notes.is_empty() {
                doc.push(String::new());
                doc.extend(notes);
            }
            if nullable && !prop.required {
                self.uses_nullable = true;
            }
            model.fields.push(Field {
                rename: naming::bare(&rust) != prop.name,
                wire_name: prop.name,
                rust_name: rust,
                // Box, Option and the serde attribute are decided once every model is known.
                rust_type: ty.rust,
                optional: !prop.required,
                nullable,
                boxed: ty.direct.is_some(),
                deprecated,
                serde: None,
                doc_lines: doc,
            });
        }
    }

    /// An expression of type `rust_type` for doc examples: `Default::default()` where the type
    /// has a default, the first variant of an enum or union otherwise.
    fn example_value(&self, rust_type: &str) -> String {
        self.examples
            .get(rust_type)
            .cloned()
            .unwrap_or_else(|| "Default::default()".to_owned())
    }

    /// Records example expressions for the models that have no `Default`.
    fn record_examples(&mut self, models: &[Model]) {
        let lib = self.options.crate_name.replace('-', "_");
        // Structs that have a default name their type, which reads better than `Default::default()`.
        for m in models.iter().filter(|m| m.kind == "struct" && m.default) {
            self.examples.insert(
                format!("crate::models::{}", m.rust_name),
                format!("{lib}::models::{}::default()", m.rust_name),
            );
        }
        // Enums next: union examples may use them.
        for m in models {
            for e in &m.enums {
                let path = type_path(m, &e.rust_name);
                let expr = match e.variants.first() {
                    Some(v) => format!("{lib}::models::{}::{}", e.rust_name, v.rust_name),
                    None if e.kind == "integer" => {
                        format!("{lib}::models::{}::Unknown(0)", e.rust_name)
                    }
                    None => format!("{lib}::models::{}::Unknown(String::new())", e.rust_name),
                };
                self.examples.insert(path, expr);
            }
        }
        for m in models {
            for u in &m.unions {
                let path = type_path(m, &u.rust_name);
                let inner = u.variants.first().map(|v| {
                    let unboxed = v
                        .rust_type
                        .strip_prefix("Box<")
                        .and_then(|t| t.strip_suffix('>'))
                        .unwrap_or(&v.rust_type);
                    let value = self.example_value(unboxed);
                    let value = if v.rust_type.starts_with("Box<") {
                        format!("Box::new({value})")
                    } else {
                        value
                    };
                    format!("{lib}::models::{}::{}({value})", u.rust_name, v.rust_name)
                });
                let expr = inner.unwrap_or_else(|| {
                    format!(
                        "{lib}::models::{}::Unknown(serde_json::Value::Null)",
                        u.rust_name
                    )
                });
                self.examples.insert(path, expr);
            }
        }
    }

    /// Applies `Box` where a field's type leads back to its own struct through fields that are
    /// not behind a `Vec` or map, then `Option` to optional fields.
    fn finish_fields(&self, models: &mut [Model]) {
        let by_rust: BTreeMap<String, String> = self
            .names
            .iter()
            .map(|(schema, (ty, _))| (format!("crate::models::{ty}"), schema.clone()))
            .collect();
        // The graph of values held inline: schema → schemas it contains without indirection.
        // Named unions hold their members inline and cannot box them.
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for m in models.iter() {
            for u in m.unions.iter().filter(|u| u.rust_name == m.rust_name) {
                for v in &u.variants {
                    if let Some(target) = by_rust.get(&v.rust_type) {
                        edges
                            .entry(m.name.clone())
                            .or_default()
                            .insert(target.clone());
                    }
                }
            }
        }
        let reaches = |edges: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str| -> bool {
            let mut stack = vec![from.to_owned()];
            let mut seen = BTreeSet::new();
            while let Some(n) = stack.pop() {
                if n == to {
                    return true;
                }
                if seen.insert(n.clone()) {
                    stack.extend(edges.get(&n).into_iter().flatten().cloned());
                }
            }
            false
        };
        // Add the fields' edges one by one, in spec order; a field whose edge would close a
        // cycle is boxed instead. Every cycle is broken exactly once, at its last field.
        for m in models.iter_mut() {
            for f in &mut m.fields {
                let Some(target) = by_rust.get(&f.rust_type).filter(|_| f.boxed) else {
                    f.boxed = false;
                    continue;
                };
                f.boxed = reaches(&edges, target, &m.name);
                if !f.boxed {
                    edges
                        .entry(m.name.clone())
                        .or_default()
                        .insert(target.clone());
                }
            }
        }
        // Types without a `Default`: enums and unions, inline or named.
        let enum_types: BTreeSet<String> = models
            .iter()
            .flat_map(|m| {
                m.enums
                    .iter()
                    .map(|e| e.rust_name.clone())
                    .chain(m.unions.iter().map(|u| u.rust_name.clone()))
            })
            .chain(
                models
                    .iter()
                    .filter(|m| m.kind == "enum" || m.kind == "union")
                    .map(|m| format!("crate::models::{}", m.rust_name)),
            )
            .collect();
        for m in models.iter_mut() {
            m.default = m
                .fields
                .iter()
                .all(|f| f.optional || !enum_types.contains(&f.rust_type));
            for f in &mut m.fields {
                if f.boxed {
                    f.rust_type = format!("Box<{}>", f.rust_type);
                }
                if f.optional || f.nullable {
                    f.rust_type = format!("Option<{}>", f.rust_type);
                }
                if f.optional && f.nullable {
                    f.rust_type = format!("Option<{}>", f.rust_type);
                }
                let mut serde = Vec::new();
                if f.rename {
                    serde.push(format!("rename = {:?}", f.wire_name));
                }
                if f.optional {
                    serde.push("default".to_owned());
                    serde.push("skip_serializing_if = \"Option::is_none\"".to_owned());
                }
                if f.optional && f.nullable {
                    serde.push("with = \"crate::runtime::nullable\"".to_owned());
                }
                f.serde = (!serde.is_empty()).then(|| serde.join(", "));
            }
        }
    }

    /// A union of `members`. Inline unions box their model variants, so that a member that
    /// contains the union again still has a finite size.
    fn union_def(
        &mut self,
        rust_name: &str,
        members: &[ReferenceOr<Schema>],
        discriminator: Option<&openapiv3::Discriminator>,
        doc_lines: Vec<String>,
        at: &str,
        box_models: bool,
    ) -> UnionDef {
        let mut names = Scope::with_reserved(&["Unknown"]);
        let mut variants = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let member_at = format!("{at}/{i}");
            let (name, ty, schema_name) = match member {
                ReferenceOr::Reference { reference } => {
                    let ty = self.reference(reference, &member_at);
                    let target = reference
                        .strip_prefix(SCHEMA_PREFIX)
                        .unwrap_or(reference)
                        .to_owned();
                    let name = self
                        .names
                        .get(&target)
                        .map(|(n, _)| n.clone())
                        .unwrap_or_else(|| "Member".into());
                    (name, ty, Some(target))
                }
                ReferenceOr::Item(s) => {
                    let ty =
                        self.schema_type(&ReferenceOr::Item(Box::new(s.clone())), &member_at, None);
                    let name = match &s.schema_kind {
                        SchemaKind::Type(Type::String(_)) => "String",
                        SchemaKind::Type(Type::Integer(_)) => "Integer",
                        SchemaKind::Type(Type::Number(_)) => "Number",
                        SchemaKind::Type(Type::Boolean(_)) => "Boolean",
                        SchemaKind::Type(Type::Array(_)) => "Array",
                        _ => "Object",
                    };
                    (name.to_owned(), ty, None)
                }
            };
            let tags = match (discriminator, &schema_name) {
                (Some(d), Some(target)) => {
                    let full = format!("{SCHEMA_PREFIX}{target}");
                    let mapped: Vec<String> = d
                        .mapping
                        .iter()
                        .filter(|(_, to)| **to == full || to.as_str() == target)
                        .map(|(value, _)| value.clone())
                        .collect();
                    if mapped.is_empty() {
                        vec![target.clone()]
                    } else {
                        mapped
                    }
                }
                (Some(_), None) => {
                    self.warn(&member_at, "an inline member of a union with a discriminator can only be matched as unknown; give it a name under `components.schemas`".into());
                    Vec::new()
                }
                _ => Vec::new(),
            };
            let rust_type = if box_models && ty.direct.is_some() {
                format!("Box<{}>", ty.rust)
            } else {
                ty.rust
            };
            variants.push(UnionVariant {
                rust_name: names.claim(&name, ""),
                rust_type,
                tags,
            });
        }
        UnionDef {
            rust_name: rust_name.to_owned(),
            doc_lines,
            discriminator: discriminator.map(|d| d.property_name.clone()),
            variants,
        }
    }

    fn enum_def(
        &mut self,
        rust_name: &str,
        values: &[String],
        doc_lines: Vec<String>,
        at: &str,
    ) -> Option<EnumDef> {
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let mut variants = Vec::new();
        for value in values {
            let Some(ident) = naming::pascal(value) else {
                self.error(
                    at,
                    format!("enum value `{value}` has no characters usable in a Rust identifier"),
                    "",
                );
                continue;
            };
            variants.push(Variant {
                wire_name: value.clone(),
                rust_name: scope.claim(&ident, ""),
            });
        }
        Some(EnumDef {
            rust_name: rust_name.to_owned(),
            kind: "string".into(),
            doc_lines,
            variants,
        })
    }

    fn reference(&mut self, reference: &str, at: &str) -> Ty {
        match reference
            .strip_prefix(SCHEMA_PREFIX)
            .and_then(|n| self.model_path(n).map(|p| (n, p)))
        {
            Some((name, path)) => Ty {
                rust: path,
                direct: Some(name.to_owned()),
            },
            None => {
                self.error(
                    at,
                    format!(
                        "`$ref: {reference}` does not name a schema under `components.schemas`"
                    ),
                    "",
                );
                Ty::plain("serde_json::Value")
            }
        }
    }

    /// The Rust type of a schema. `inline_enum` names an enum defined inline (a property with
    /// `enum:`) and collects its definition.
    /// [`schema_type_at_depth`](Self::schema_type_at_depth) with a nesting limit, so that no
    /// later stage (tera, syn, prettyplease) recurses through a pathological type.
    fn schema_type(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        at: &str,
        inline_enum: Option<(&str, &mut Vec<EnumDef>)>,
    ) -> Ty {
        if self.depth >= MAX_TYPE_DEPTH {
            self.error(
                at,
                format!("the type is nested more than {MAX_TYPE_DEPTH} levels deep"),
                "give the inner schemas names under `components.schemas` and refer to them with `$ref`",
            );
            return Ty::plain("serde_json::Value");
        }
        self.depth += 1;
        let ty = self.schema_type_at_depth(schema, at, inline_enum);
        self.depth -= 1;
        ty
    }

    fn schema_type_at_depth(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        at: &str,
        inline_enum: Option<(&str, &mut Vec<EnumDef>)>,
    ) -> Ty {
        let schema = match schema {
            ReferenceOr::Reference { reference } => return self.reference(reference, at),
            ReferenceOr::Item(s) => s,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                if !s.enumeration.is_empty()
                    && let Some((name, enums)) = inline_enum
                {
                    {
                        let name = self.types.claim(name, "");
                        let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                        let doc = doc_or(
                            doc_lines(schema.schema_data.description.as_deref()),
                            format!("The values of `{name}`."),
                        );
                        if let Some(def) = self.enum_def(&name, &values, doc, at) {
                            enums.push(def);
                        }
                        return Ty::plain(name);
                    }
                }
                match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => {
                        Ty::plain("crate::types::DateTime")
                    }
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => {
                        Ty::plain("crate::types::Date")
                    }
                    VariantOrUnknownOrEmpty::Unknown(format)
                        if !STRING_FORMATS_AS_STRING.contains(&format.as_str()) =>
                    {
                        self.warn(
                            at,
                            format!("unknown string format `{format}`; generating `String`"),
                        );
                        Ty::plain("String")
                    }
                    _ => Ty::plain("String"),
                }
            }
            SchemaKind::Type(Type::Integer(i))
                if !i.enumeration.is_empty() && inline_enum.is_some() =>
            {
                let Some((name, enums)) = inline_enum else {
                    return Ty::plain("i64");
                };
                let name = self.types.claim(name, "");
                let values: Vec<i64> = i.enumeration.iter().flatten().copied().collect();
                let doc = doc_or(
                    doc_lines(schema.schema_data.description.as_deref()),
                    format!("The values of `{name}`."),
                );
                enums.push(int_enum_def(&name, &values, doc));
                Ty::plain(name)
            }
            SchemaKind::Type(Type::Integer(i)) => match &i.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int32) => Ty::plain("i32"),
                VariantOrUnknownOrEmpty::Unknown(format) => {
                    self.warn(
                        at,
                        format!("unknown integer format `{format}`; generating `i64`"),
                    );
                    Ty::plain("i64")
                }
                _ => Ty::plain("i64"),
            },
            SchemaKind::Type(Type::Number(n)) => match &n.format {
                VariantOrUnknownOrEmpty::Item(openapiv3::NumberFormat::Float) => Ty::plain("f32"),
                VariantOrUnknownOrEmpty::Unknown(format) => {
                    self.warn(
                        at,
                        format!("unknown number format `{format}`; generating `f64`"),
                    );
                    Ty::plain("f64")
                }
                _ => Ty::plain("f64"),
            },
            SchemaKind::Type(Type::Boolean(_)) => Ty::plain("bool"),
            SchemaKind::Type(Type::Array(a)) => {
                let item_at = format!("{at}/items");
                let item = match &a.items {
                    Some(items) => self.schema_type(items, &item_at, inline_enum),
                    None => Ty::plain("serde_json::Value"),
                };
                Ty::plain(format!("Vec<{}>", item.rust))
            }
            SchemaKind::Type(Type::Object(obj)) => match &obj.additional_properties {
                Some(AdditionalProperties::Schema(value)) => {
                    let value_at = format!("{at}/additionalProperties");
                    let boxed = match value.as_ref() {
                        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                            reference: reference.clone(),
                        },
                        ReferenceOr::Item(s) => ReferenceOr::Item(Box::new(s.clone())),
                    };
                    let value = self.schema_type(&boxed, &value_at, inline_enum);
                    Ty::plain(format!(
                        "std::collections::BTreeMap<String, {}>",
                        value.rust
                    ))
                }
                Some(AdditionalProperties::Any(true)) => {
                    Ty::plain("std::collections::BTreeMap<String, serde_json::Value>")
                }
                _ => Ty::plain("serde_json::Value"),
            },
            // `allOf: [$ref]` is how OpenAPI 3.0 attaches a description to a reference.
            SchemaKind::AllOf { all_of } => match all_of.as_slice() {
                [ReferenceOr::Reference { reference }] => self.reference(reference, at),
                [ReferenceOr::Item(s)] => self.schema_type(
                    &ReferenceOr::Item(Box::new(s.clone())),
                    &format!("{at}/allOf/0"),
                    inline_enum,
                ),
                _ => {
                    self.warn(at, "`allOf` with several schemas is not supported yet; generating `serde_json::Value`".into());
                    Ty::plain("serde_json::Value")
                }
            },
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members }
                if self.inline_unions.is_some() && inline_enum.is_some() =>
            {
                let Some((name, _)) = inline_enum else {
                    return Ty::plain("serde_json::Value");
                };
                let name = self.types.claim(name, "");
                let doc = doc_or(
                    doc_lines(schema.schema_data.description.as_deref()),
                    format!("The forms `{name}` takes."),
                );
                let discriminator = schema.schema_data.discriminator.clone();
                let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
                    "oneOf"
                } else {
                    "anyOf"
                };
                let members_at = format!("{at}/{keyword}");
                let def = self.union_def(
                    &name,
                    members,
                    discriminator.as_ref(),
                    doc,
                    &members_at,
                    true,
                );
                if let Some(unions) = self.inline_unions.as_mut() {
                    unions.push(def);
                }
                Ty::plain(name)
            }
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } | SchemaKind::Not { .. } => {
                self.warn(at, "`oneOf`/`anyOf` outside a schema or property, and `not`, are not supported; generating `serde_json::Value`".into());
                Ty::plain("serde_json::Value")
            }
            SchemaKind::Any(any) => {
                if let Some(typ) = &any.typ
                    && !matches!(
                        typ.as_str(),
                        "object" | "string" | "integer" | "number" | "boolean" | "array"
                    )
                {
                    self.warn(
                        at,
                        format!("unknown type `{typ}`; generating `serde_json::Value`"),
                    );
                }
                Ty::plain("serde_json::Value")
            }
        }
    }

    // ------------------------------------------------------------ operations

    fn groups(&mut self) -> Vec<ApiGroup> {
        let mut by_tag: BTreeMap<String, Vec<Operation>> = BTreeMap::new();
        for (path, item) in &self.api.paths.paths {
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            for (method, op) in item.iter() {
                let tag = op
                    .tags
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "default".to_owned());
                if let Some(lowered) = self.operation(path, method, item, op) {
                    by_tag.entry(tag).or_default().push(lowered);
                }
            }
        }
        let mut modules = Scope::with_reserved(&["mod", "r#mod"]);
        let mut groups = Vec::new();
        for (tag, mut operations) in by_tag {
            let at = pointer(["tags"]);
            let (Some(module), Some(ty)) = (naming::snake(&tag), naming::pascal(&tag)) else {
                self.error(
                    &at,
                    format!("tag `{tag}` has no characters usable in a Rust identifier"),
                    "rename the tag",
                );
                continue;
            };
            operations.sort_by(|a, b| a.fn_name.cmp(&b.fn_name));
            let description = self
                .api
                .tags
                .iter()
                .find(|t| t.name == tag)
                .and_then(|t| t.description.as_deref());
            let module = modules.claim(&module, "_");
            let lib = self.options.crate_name.replace('-', "_");
            for op in &mut operations {
                op.doc_lines = operation_doc(op, &lib, &module);
            }
            groups.push(ApiGroup {
                doc_lines: doc_lines(description),
                accessor: module.clone(),
                struct_name: format!("{}Api", naming::bare(&ty)),
                module,
                tag,
                operations,
            });
        }
        groups.sort_by(|a, b| a.module.cmp(&b.module));
        groups
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &openapiv3::PathItem,
        op: &openapiv3::Operation,
    ) -> Option<Operation> {
        let at = pointer(["paths", path, method]);
        let id = match &op.operation_id {
            Some(id) => id.clone(),
            None => derived_operation_id(method, path),
        };
        let Some(fn_name) = naming::snake(&id) else {
            self.error(
                &format!("{at}/operationId"),
                format!("operationId `{id}` has no characters usable in a Rust identifier"),
                "rename it",
            );
            return None;
        };
        let builder_name = format!(
            "{}Request",
            naming::pascal(&id)
                .unwrap_or_default()
                .trim_start_matches("r#")
        );

        // Parameters: path-level first, overridden by operation-level ones of the same name.
        let mut params: Vec<(&Parameter, String)> = Vec::new();
        for (i, p) in item.parameters.iter().enumerate() {
            if let Some(p) = resolve_param(self.api, p) {
                params.push((p, format!("{}/parameters/{i}", pointer(["paths", path]))));
            }
        }
        for (i, p) in op.parameters.iter().enumerate() {
            if let Some(p) = resolve_param(self.api, p) {
                let name = &p.parameter_data_ref().name;
                params.retain(|(q, _)| &q.parameter_data_ref().name != name);
                params.push((p, format!("{at}/parameters/{i}")));
            }
        }
        let mut scope = Scope::with_reserved(&["client"]);
        let mut path_params = Vec::new();
        let mut query_params = Vec::new();
        let mut header_params = Vec::new();
        for (p, p_at) in params {
            let (location, data) = match p {
                Parameter::Path { parameter_data, .. } => (Location::Path, parameter_data),
                Parameter::Query { parameter_data, .. } => (Location::Query, parameter_data),
                Parameter::Header { parameter_data, .. } => (Location::Header, parameter_data),
                // Refused by validation.
                Parameter::Cookie { .. } => continue,
            };
            let Some(rust) = naming::snake(&data.name) else {
                self.error(
                    &p_at,
                    format!(
                        "parameter name `{}` has no characters usable in a Rust identifier",
                        data.name
                    ),
                    "rename the parameter",
                );
                continue;
            };
            let ty = match &data.format {
                openapiv3::ParameterSchemaOrContent::Schema(s) => {
                    let boxed = match s {
                        ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                            reference: reference.clone(),
                        },
                        ReferenceOr::Item(s) => ReferenceOr::Item(Box::new(s.clone())),
                    };
                    self.schema_type(&boxed, &format!("{p_at}/schema"), None)
                }
                openapiv3::ParameterSchemaOrContent::Content(_) => Ty::plain("String"),
            };
            let is_string = ty.rust == "String";
            let example = match &data.example {
                Some(serde_json::Value::String(s)) if is_string => format!("{s:?}"),
                _ if is_string => format!("{:?}", data.name),
                _ => self.example_value(&ty.rust),
            };
            let param = Param {
                wire_name: data.name.clone(),
                rust_name: scope.claim(&rust, "_"),
                location,
                required: data.required || location == Location::Path,
                arg_type: if is_string {
                    "impl Into<String>".to_owned()
                } else {
                    ty.rust.clone()
                },
                into: is_string,
                rust_type: ty.rust,
                example,
                doc_lines: doc_lines(data.description.as_deref()),
            };
            match location {
                Location::Path => path_params.push(param),
                Location::Header => header_params.push(param),
                _ => query_params.push(param),
            }
        }
        // Path parameters in the order the template uses them.
        let order = template_params(path);
        path_params.sort_by_key(|p| {
            order
                .iter()
                .position(|n| *n == p.wire_name)
                .unwrap_or(usize::MAX)
        });

        let body = self.body(op, &at, &mut scope);
        let response = self.response(op, &at, &builder_name);

        let mut required: Vec<Param> = path_params.clone();
        required.extend(
            query_params
                .iter()
                .chain(&header_params)
                .filter(|p| p.required)
                .cloned(),
        );
        required.extend(body.iter().map(|b| b.param.clone()));
        let optional: Vec<Param> = query_params
            .iter()
            .chain(&header_params)
            .filter(|p| !p.required)
            .cloned()
            .collect();

        let preview = op
            .extensions
            .get("x-genesys-preview")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        let permissions = match op.extensions.get("x-inin-requires-permissions") {
            None => None,
            Some(v) => {
                let mode = v.get("type").and_then(serde_json::Value::as_str);
                let list: Option<Vec<String>> = v
                    .get("permissions")
                    .and_then(serde_json::Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|p| p.as_str().map(str::to_owned))
                            .collect()
                    });
                match (mode, list) {
                    (Some(mode), Some(list)) => Some(Permissions {
                        mode: mode.to_owned(),
                        list,
                    }),
                    _ => {
                        self.error(
                            &format!("{at}/x-inin-requires-permissions"),
                            "`x-inin-requires-permissions` must be `{type: ANY|ALL, permissions: [..]}`".into(),
                            "",
                        );
                        None
                    }
                }
            }
        };
        let (path_format, path_format_args) = path_format(path, &path_params);
        Some(Operation {
            operation_id: id,
            fn_name,
            builder_name,
            method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            path_format,
            path_format_args,
            pointer: at,
            summary: op.summary.clone(),
            description: op.description.clone(),
            preview,
            deprecated: op.deprecated,
            permissions,
            idempotent: matches!(method, "get" | "head" | "put" | "delete" | "options"),
            required,
            optional,
            path_params,
            query_params,
            header_params,
            body,
            response,
            // Written by `groups()`, which knows the accessor the example calls.
            doc_lines: Vec::new(),
        })
    }

    fn body(&mut self, op: &openapiv3::Operation, at: &str, scope: &mut Scope) -> Option<Body> {
        let body = resolve_body(self.api, op.request_body.as_ref()?)?;
        // The most structured encoding the operation accepts.
        let (media_type, content, kind) =
            ["json", "form", "multipart", "binary"]
                .iter()
                .find_map(|want| {
                    body.content
                        .iter()
                        .find(|(m, _)| body_kind(m) == Some(want))
                        .map(|(m, c)| (m, c, *want))
                })?;
        let body_at = format!(
            "{at}/requestBody/content/{}",
            crate::error::pointer_segment(media_type)
        );
        let ty = match &content.schema {
            _ if kind == "binary" => Ty::plain("Vec<u8>"),
            Some(ReferenceOr::Reference { reference }) => self.reference(reference, &body_at),
            Some(ReferenceOr::Item(s)) => self.schema_type(
                &ReferenceOr::Item(Box::new(s.clone())),
                &format!("{body_at}/schema"),
                None,
            ),
            None => Ty::plain("serde_json::Value"),
        };
        let mut doc = doc_lines(body.description.as_deref());
        if doc.is_empty() || doc == ["body"] {
            doc = vec!["The request body.".to_owned()];
        }
        let example = self.example_value(&ty.rust);
        Some(Body {
            media_type: media_type.clone(),
            kind: kind.to_owned(),
            param: Param {
                wire_name: "body".into(),
                rust_name: scope.claim("body", "_"),
                location: Location::Body,
                required: true,
                arg_type: ty.rust.clone(),
                into: false,
                rust_type: ty.rust,
                example,
                doc_lines: doc,
            },
        })
    }

    /// What each success status decodes to. One kind and type for all: that type. Otherwise
    /// (say `200` with a body and `204` without) a per-operation enum, one variant per status.
    fn response(&mut self, op: &openapiv3::Operation, at: &str, builder_name: &str) -> Response {
        let mut variants: Vec<ResponseVariant> = Vec::new();
        let mut accept: Option<String> = None;
        for (code, resp) in &op.responses.responses {
            let success = match code {
                StatusCode::Code(c) => (200..300).contains(c),
                StatusCode::Range(r) => *r == 2,
            };
            if !success {
                continue;
            }
            let resp = resolve_response(self.api, resp);
            let content = resp.map(|r| &r.content);
            let json = content.and_then(|c| c.iter().find(|(m, _)| is_json(m)));
            let other = content.and_then(|c| c.keys().find(|m| !is_json(m)));
            let (kind, rust_type) = if let Some((media, content)) = json {
                let resp_at = format!(
                    "{at}/responses/{code}/content/{}",
                    crate::error::pointer_segment(media)
                );
                let ty = match &content.schema {
                    Some(ReferenceOr::Reference { reference }) => {
                        self.reference(reference, &resp_at)
                    }
                    Some(ReferenceOr::Item(s)) => self.schema_type(
                        &ReferenceOr::Item(Box::new(s.clone())),
                        &format!("{resp_at}/schema"),
                        None,
                    ),
                    None => Ty::plain("serde_json::Value"),
                };
                accept.get_or_insert_with(|| "application/json".to_owned());
                ("json", ty.rust)
            } else if let Some(media) = other {
                accept.get_or_insert_with(|| media.clone());
                if media.starts_with("text/") {
                    ("text", "String".to_owned())
                } else {
                    ("bytes", "bytes::Bytes".to_owned())
                }
            } else {
                ("empty", "()".to_owned())
            };
            let (status, pattern) = match code {
                StatusCode::Code(c) => (c.to_string(), c.to_string()),
                StatusCode::Range(_) => ("2XX".to_owned(), "200..=299".to_owned()),
            };
            variants.push(ResponseVariant {
                rust_name: format!("Status{status}"),
                status,
                pattern,
                kind: kind.to_owned(),
                rust_type,
            });
        }
        let statuses: Vec<String> = variants.iter().map(|v| v.status.clone()).collect();
        let accept = accept.unwrap_or_else(|| "application/json".to_owned());
        let uniform = variants
            .windows(2)
            .all(|w| w[0].kind == w[1].kind && w[0].rust_type == w[1].rust_type);
        match variants.first() {
            Some(first) if uniform => Response {
                kind: first.kind.clone(),
                rust_type: first.rust_type.clone(),
                accept,
                statuses,
                variants: Vec::new(),
            },
            Some(_) => Response {
                kind: "multi".into(),
                rust_type: format!("{}Outcome", builder_name.trim_end_matches("Request")),
                accept,
                statuses,
                variants,
            },
            None => Response {
                kind: "empty".into(),
                rust_type: "()".into(),
                accept,
                statuses,
                variants: Vec::new(),
            },
        }
    }

    /// The schema of the `default` responses, when every operation that has one agrees.
    fn error_model(&mut self) -> Option<String> {
        let mut found: BTreeSet<String> = BTreeSet::new();
        for (_, item) in &self.api.paths.paths {
            let ReferenceOr::Item(item) = item else {
                continue;
            };
            for (_, op) in item.iter() {
                let Some(ReferenceOr::Item(resp)) = &op.responses.default else {
                    continue;
                };
                for (media, content) in &resp.content {
                    if let (true, Some(ReferenceOr::Reference { reference })) =
                        (is_json(media), &content.schema)
                    {
                        found.insert(reference.clone());
                    }
                }
            }
        }
        if found.len() != 1 {
            return None;
        }
        let reference = found.into_iter().next()?;
        self.model_path(reference.strip_prefix(SCHEMA_PREFIX)?)
    }
}

/// How fields refer to a type defined in `model`'s module: the model's own type by its crate
/// path, an inline enum or union by its bare name.
fn type_path(model: &Model, rust_name: &str) -> String {
    if rust_name == model.rust_name {
        format!("crate::models::{rust_name}")
    } else {
        rust_name.to_owned()
    }
}

/// An integer enum: variants `V1`, `V200`, `VMinus1`, …
fn int_enum_def(rust_name: &str, values: &[i64], doc_lines: Vec<String>) -> EnumDef {
    let mut scope = Scope::with_reserved(&["Unknown"]);
    let variants = values
        .iter()
        .map(|v| {
            let ident = if *v < 0 {
                format!("VMinus{}", v.unsigned_abs())
            } else {
                format!("V{v}")
            };
            Variant {
                wire_name: v.to_string(),
                rust_name: scope.claim(&ident, "_"),
            }
        })
        .collect();
    EnumDef {
        rust_name: rust_name.to_owned(),
        kind: "integer".into(),
        doc_lines,
        variants,
    }
}

/// `get /users/{id}/roles` → `getUsersIdRoles`: a stable name for operations without an
/// `operationId`.
fn derived_operation_id(method: &str, path: &str) -> String {
    let mut id = method.to_owned();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        id.push(' ');
        id.push_str(segment.trim_matches(|c| c == '{' || c == '}'));
    }
    heck::ToLowerCamelCase::to_lower_camel_case(id.as_str())
}

/// The `format!` string and arguments that build a path.
fn path_format(path: &str, params: &[Param]) -> (String, Vec<String>) {
    let mut format = String::new();
    let mut args = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let (literal, after) = rest.split_at(open);
        format.push_str(&literal.replace('}', "}}"));
        let Some(close) = after.find('}') else {
            format.push_str(&after.replace('{', "{{").replace('}', "}}"));
            rest = "";
            break;
        };
        let name = &after[1..close];
        match params.iter().find(|p| p.wire_name == name) {
            Some(p) => {
                format.push_str("{}");
                args.push(p.rust_name.clone());
            }
            None => format.push_str(&after[..=close].replace('{', "{{").replace('}', "}}")),
        }
        rest = &after[close + 1..];
    }
    format.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    (format, args)
}

/// `lines`, or `fallback` when there are none: every generated public item has rustdoc.
fn doc_or(lines: Vec<String>, fallback: String) -> Vec<String> {
    if lines.is_empty() {
        vec![fallback]
    } else {
        lines
    }
}

/// Splits free text into rustdoc lines: trims indentation (which rustdoc would take for a code
/// block and try to compile) and escapes what Markdown would take for links or HTML.
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else { return Vec::new() };
    let lines: Vec<String> = text
        .trim()
        .lines()
        .map(|l| {
            let mut out = String::with_capacity(l.len());
            for c in l.trim().chars() {
                if matches!(c, '[' | ']' | '<' | '>' | '`' | '*' | '_' | '#') {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        })
        .collect();
    if lines.iter().all(String::is_empty) {
        Vec::new()
    } else {
        lines
    }
}

fn operation_doc(op: &Operation, lib: &str, accessor: &str) -> Vec<String> {
    let mut d = Vec::new();
    let summary = op
        .summary
        .as_deref()
        .map(|s| doc_lines(Some(s)).join(" "))
        .unwrap_or_default();
    if summary.is_empty() {
        d.push(format!("`{}` {}", op.method, op.path));
    } else {
        d.push(if summary.ends_with('.') {
            summary
        } else {
            format!("{summary}.")
        });
    }
    d.push(String::new());
    d.push(format!("`{} {}`", op.method, op.path));
    let description = doc_lines(op.description.as_deref());
    if !description.is_empty() {
        d.push(String::new());
        d.extend(description);
    }
    if op.preview {
        d.push(String::new());
        d.push("**Preview:** this is a preview operation, subject to both breaking and non-breaking changes at any time without notice.".into());
    }
    if op.deprecated {
        d.push(String::new());
        d.push("**Deprecated** by the API.".into());
    }
    if let Some(p) = &op.permissions {
        d.push(String::new());
        let which = match p.mode.as_str() {
            "ANY" => "any of",
            "ALL" => "all of",
            _ => "",
        };
        if p.list.is_empty() {
            d.push("**Permissions:** none required.".into());
        } else {
            d.push(format!(
                "**Permissions** ({which}): {}.",
                p.list
                    .iter()
                    .map(|x| format!("`{x}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if !op.required.is_empty() || !op.optional.is_empty() {
        d.push(String::new());
        d.push("# Parameters".into());
        d.push(String::new());
        for p in &op.required {
            let what = match p.location {
                Location::Path => format!("path parameter `{}`", p.wire_name),
                Location::Query => format!("query parameter `{}`", p.wire_name),
                Location::Header => format!("header `{}`", p.wire_name),
                Location::Body => match &op.body {
                    Some(b) => format!("request body, `{}`", b.media_type),
                    None => "request body".to_owned(),
                },
            };
            d.push(format!(
                "- `{}` ({what}): {}",
                naming::bare(&p.rust_name),
                p.doc_lines.join(" ")
            ));
        }
        for p in &op.optional {
            d.push(format!(
                "- [`{}`]({}::{}) (optional {} `{}`, set on the builder): {}",
                naming::bare(&p.rust_name),
                op.builder_name,
                p.rust_name,
                if p.location == Location::Header {
                    "header"
                } else {
                    "query parameter"
                },
                p.wire_name,
                p.doc_lines.join(" ")
            ));
        }
    }
    d.push(String::new());
    d.push("# Returns".into());
    d.push(String::new());
    if op.response.kind == "multi" {
        d.push(format!(
            "A request builder; awaiting it sends the request and yields [`{}`], one variant per success status, or an [`Error`](crate::Error).",
            op.response.rust_type
        ));
    } else if op.response.kind == "json" {
        let link = match op.response.rust_type.strip_prefix("crate::models::") {
            Some(name) => format!("[`{name}`]({})", op.response.rust_type),
            None => format!("`{}`", op.response.rust_type),
        };
        d.push(format!("A request builder; awaiting it sends the request and yields {link}, or an [`Error`](crate::Error)."));
    } else {
        d.push("A request builder; awaiting it sends the request and yields `()` (the response has no body), or an [`Error`](crate::Error).".into());
    }
    d.push(String::new());
    d.push("# Example".into());
    d.push(String::new());
    d.push("```no_run".into());
    d.push(format!(
        "# async fn example(client: {lib}::Client) -> Result<(), {lib}::Error> {{"
    ));
    let args: Vec<&str> = op.required.iter().map(|p| p.example.as_str()).collect();
    let binding = if op.response.kind == "json" {
        "let response = "
    } else {
        ""
    };
    d.push(format!("{binding}client"));
    d.push(format!("    .{accessor}()"));
    d.push(format!("    .{}({})", op.fn_name, args.join(", ")));
    for p in op.optional.iter().take(1) {
        d.push(format!("    .{}({})", p.rust_name, p.example));
    }
    d.push("    .await?;".into());
    if op.response.kind == "json" {
        d.push("# let _ = response;".into());
    }
    d.push("# Ok(())".into());
    d.push("# }".into());
    d.push("```".into());
    d
}

fn showcase(groups: &[ApiGroup]) -> Option<Showcase> {
    let all = groups
        .iter()
        .flat_map(|g| g.operations.iter().map(move |o| (g, o)));
    let pick = all
        .clone()
        .find(|(_, o)| o.method == "GET" && !o.optional.is_empty() && !o.path_params.is_empty())
        .or_else(|| all.clone().find(|(_, o)| o.method == "GET"))
        .or_else(|| all.clone().next())?;
    let (group, op) = pick;
    let args: Vec<&str> = op.required.iter().map(|p| p.example.as_str()).collect();
    Some(Showcase {
        accessor: group.accessor.clone(),
        call: format!("{}({})", op.fn_name, args.join(", ")),
        options: op
            .optional
            .iter()
            .take(1)
            .map(|p| format!(".{}({})", p.rust_name, p.example))
            .collect(),
        summary: op.summary.clone().unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_operation_ids_are_stable() {
        assert_eq!(
            derived_operation_id("get", "/users/{userId}/roles"),
            "getUsersUserIdRoles"
        );
        assert_eq!(derived_operation_id("post", "/"), "post");
    }

    #[test]
    fn doc_lines_trim_and_escape() {
        assert_eq!(
            doc_lines(Some("  a [b]\n    <c>  ")),
            vec!["a \\[b\\]", "\\<c\\>"]
        );
        assert_eq!(doc_lines(Some("  ")), Vec::<String>::new());
        assert_eq!(doc_lines(None), Vec::<String>::new());
    }
}
