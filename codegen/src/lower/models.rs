//! Component schemas → models: structs (with `allOf` merged), enums, unions and aliases.

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaData, SchemaKind, Type};

use super::docs::{doc_lines, doc_or, type_path};
use super::types::{SchemaRef, Ty};
use super::{Lowerer, Names};
use crate::error::{WarningClass, pointer_segment};
use crate::front::refs::schema_name;
use crate::ir::{Decode, EnumKind, Field, Model, ModelKind, Presence};
use crate::naming::{self, Scope};

/// One property of a struct, before lowering.
struct Prop<'a> {
    name: String,
    /// Its schema: as declared under `properties`, or for a required property that no
    /// `properties` declares, the object's `additionalProperties` schema (`None`: any value).
    schema: Option<SchemaRef<'a>>,
    /// The data of a schema written in place (description, flags).
    data: Option<&'a SchemaData>,
    required: bool,
    /// Where it is declared, or for an undeclared one, its entry in `required`.
    at: String,
    /// Whether some `properties` declares it.
    declared: bool,
}

impl<'a> Lowerer<'a> {
    /// Every component schema as a model, sorted by module name.
    pub(super) fn models(&mut self) -> Vec<Model> {
        let entries: Vec<(&String, &ReferenceOr<Schema>)> = self.schemas().collect();
        let mut models = Vec::with_capacity(entries.len());
        for (name, schema) in entries {
            let Some(Names { rust, module }) = self.names.get(name).cloned() else {
                continue;
            };
            let at = self.schema_pointer(name);
            let mut model = Model {
                name: name.clone(),
                rust_name: rust.clone(),
                module,
                pointer: at.clone(),
                kind: ModelKind::Struct,
                is_struct: true,
                nullable: self.nullable(SchemaRef::from(schema)),
                default: true,
                decode: Decode::Slots,
                doc_lines: Vec::new(),
                fields: Vec::new(),
                alias_type: None,
                enum_def: None,
                union_def: None,
                constructor: Vec::new(),
                constructor_is_long: false,
                has_deprecated_fields: false,
                required: Vec::new(),
                features: Vec::new(),
                cfg: None,
                file: String::new(),
            };
            let schema = match schema {
                ReferenceOr::Item(s) => s,
                ReferenceOr::Reference { reference } => {
                    let ty = self.reference(reference, &at);
                    self.alias_targets
                        .insert(format!("crate::models::{rust}"), ty.clone());
                    model.kind = ModelKind::Alias;
                    model.alias_type = Some(ty.rust());
                    model.doc_lines = vec![format!("Alias of `{reference}`.")];
                    if model.nullable {
                        model.doc_lines.extend(nullable_note(&rust));
                    }
                    model.is_struct = false;
                    models.push(model);
                    continue;
                }
            };
            // Types the generator named (`hoist`) were no schema of the spec's own.
            let fallback = match (self.origins.contains_key(name), &schema.schema_kind) {
                (true, SchemaKind::Type(Type::String(_) | Type::Integer(_))) => {
                    format!("The values of `{rust}`.")
                }
                (true, _) => format!("The `{rust}` type."),
                (false, _) => format!("The `{name}` schema."),
            };
            model.doc_lines = doc_or(
                doc_lines(schema.schema_data.description.as_deref()),
                fallback,
            );
            if model.nullable {
                model.doc_lines.extend(nullable_note(&rust));
            }
            let is_struct = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(obj)) => !obj.properties.is_empty(),
                SchemaKind::AllOf { all_of } => {
                    (all_of.len() > 1 || all_of.iter().any(|m| m.as_item().is_some()))
                        && self.all_of_single(all_of).is_none()
                }
                _ => false,
            };
            match &schema.schema_kind {
                _ if is_struct => {
                    let mut props = Vec::new();
                    let mut undeclared = Vec::new();
                    let mut visited = vec![name.clone()];
                    self.collect_props(schema, &at, &mut props, &mut undeclared, &mut visited);
                    // A `required` that an earlier `allOf` member wrote applies to a property
                    // a later one declares; those that none declares come after all of them.
                    for prop in undeclared {
                        match props.iter_mut().find(|p| p.name == prop.name) {
                            Some(declared) => declared.required = true,
                            None => props.push(prop),
                        }
                    }
                    self.struct_fields(&mut model, props);
                }
                SchemaKind::Type(Type::String(s)) if !s.enumeration.is_empty() => {
                    model.kind = ModelKind::Enum;
                    let values: Vec<String> = s.enumeration.iter().flatten().cloned().collect();
                    let doc = model.doc_lines.clone();
                    model.enum_def = Some(Lowerer::string_enum(&rust, &values, doc));
                }
                SchemaKind::Type(Type::Integer(i)) if !i.enumeration.is_empty() => {
                    model.kind = ModelKind::Enum;
                    let values: Vec<i64> = i.enumeration.iter().flatten().copied().collect();
                    let doc = model.doc_lines.clone();
                    model.enum_def = Some(Lowerer::integer_enum(&rust, &values, doc));
                }
                SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                    model.kind = ModelKind::Union;
                    let keyword = if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) {
                        "oneOf"
                    } else {
                        "anyOf"
                    };
                    let def = self.union_def(
                        &rust,
                        members,
                        schema.schema_data.discriminator.as_ref(),
                        model.doc_lines.clone(),
                        &format!("{at}/{keyword}"),
                    );
                    model.union_def = Some(def);
                }
                // A free-form object: every member is kept.
                SchemaKind::Type(Type::Object(obj)) if obj.additional_properties.is_none() => {
                    model.kind = ModelKind::Alias;
                    model.alias_type = Some(Ty::Map(Box::new(Ty::Value)).rust());
                }
                _ => {
                    // A schema's own type is never `Option`: where it is used, its nullability
                    // makes that place an `Option`.
                    let ty = self.schema_type(SchemaRef::Item(schema), &at).non_null();
                    self.alias_targets
                        .insert(format!("crate::models::{rust}"), ty.clone());
                    model.kind = ModelKind::Alias;
                    model.alias_type = Some(ty.rust());
                }
            }
            model.is_struct = model.kind == ModelKind::Struct;
            models.push(model);
        }
        models.sort_by(|a, b| a.module.cmp(&b.module));
        models
    }

    /// The properties of an object schema, with those of every `allOf` member merged in
    /// order (a later definition of the same property replaces the earlier one in place).
    /// Properties that a `required` names but no `properties` so far declares go to
    /// `undeclared` (once each), typed by that object's `additionalProperties`.
    fn collect_props(
        &mut self,
        schema: &'a Schema,
        at: &str,
        out: &mut Vec<Prop<'a>>,
        undeclared: &mut Vec<Prop<'a>>,
        visited: &mut Vec<String>,
    ) {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(obj)) => {
                for (prop, prop_schema) in &obj.properties {
                    let prop = Prop {
                        name: prop.clone(),
                        schema: Some(prop_schema.into()),
                        data: prop_schema.as_item().map(|s| &s.schema_data),
                        required: obj.required.iter().any(|r| r == prop),
                        at: format!("{at}/properties/{}", pointer_segment(prop)),
                        declared: true,
                    };
                    match out.iter_mut().find(|p| p.name == prop.name) {
                        Some(existing) => *existing = prop,
                        None => out.push(prop),
                    }
                }
                // `required` may name properties that another `allOf` member defines, or
                // that nothing declares at all.
                for (i, r) in obj.required.iter().enumerate() {
                    if let Some(p) = out.iter_mut().find(|p| &p.name == r) {
                        p.required = true;
                    } else if !undeclared.iter().any(|p| &p.name == r) {
                        let schema = match &obj.additional_properties {
                            Some(AdditionalProperties::Schema(value)) => {
                                let value: &ReferenceOr<Schema> = value;
                                Some(SchemaRef::from(value))
                            }
                            _ => None,
                        };
                        undeclared.push(Prop {
                            name: r.clone(),
                            schema,
                            data: None,
                            required: true,
                            at: format!("{at}/required/{i}"),
                            declared: false,
                        });
                    }
                }
            }
            SchemaKind::AllOf { all_of } => {
                for (i, member) in all_of.iter().enumerate() {
                    let member_at = format!("{at}/allOf/{i}");
                    match member {
                        ReferenceOr::Item(s) => {
                            self.collect_props(s, &member_at, out, undeclared, visited);
                        }
                        ReferenceOr::Reference { reference } => {
                            let Some(target) = schema_name(reference) else {
                                self.error(&member_at, format!("`allOf` member `{reference}` is not a schema under `components.schemas`"), "");
                                continue;
                            };
                            if visited.contains(&target) {
                                self.error(&member_at, format!("`allOf` includes `{target}`, which includes this schema again"), "break the cycle: a schema cannot extend itself");
                                continue;
                            }
                            match self.schema(&target) {
                                Some(s) => {
                                    let target_at = self.schema_pointer(&target);
                                    visited.push(target);
                                    self.collect_props(s, &target_at, out, undeclared, visited);
                                    visited.pop();
                                }
                                None => self.warn(
                                    WarningClass::Composition,
                                    &member_at,
                                    format!("`allOf` member `{reference}` is only a reference; it contributes no fields"),
                                ),
                            }
                        }
                    }
                }
            }
            SchemaKind::Any(_) => {}
            _ => self.warn(
                WarningClass::Composition,
                at,
                "an `allOf` member that is not an object contributes no fields",
            ),
        }
    }

    /// Lowers merged properties into `model.fields`.
    fn struct_fields(&mut self, model: &mut Model, props: Vec<Prop<'a>>) {
        let mut fields = Scope::default();
        let mut setters = Scope::default();
        for prop in props {
            let rust = fields.claim(&naming::snake(&prop.name), "_");
            // `with_` and the field name without the underscores that keep `_0` or `_type`
            // an identifier (`with__0` is not snake case); numbered if two fields meet there.
            let base = naming::bare(&rust).trim_start_matches('_');
            let setter = setters.claim(
                &format!("with_{}", if base.is_empty() { "value" } else { base }),
                "_",
            );
            // Nullability is the type's (`Option<T>`); a property says it with its presence.
            let (ty, mut nullable) = match prop.schema {
                Some(schema) => (
                    self.schema_type(schema, &prop.at).non_null(),
                    self.nullable(schema),
                ),
                None => (Ty::Value, false),
            };
            let data = prop.data;
            let mut doc = doc_or(
                doc_lines(data.and_then(|d| d.description.as_deref())),
                format!("The `{}` property.", prop.name),
            );
            if !prop.declared {
                // Always sent, so that a request built from the struct is valid; read leniently
                // (absent is `None`), since a schema that requires a property it does not
                // describe has most likely misspelt it (GitHub's `package-version` requires
                // `tags` and describes `tag`).
                nullable = true;
                self.warn(
                    WarningClass::LooseType,
                    &prop.at,
                    format!(
                        "required property `{}` is not described under `properties`; generating the field `{rust}: Option<{}>`, always sent (`None` as `null`) so that requests can carry it, and `None` when a response leaves it out",
                        prop.name,
                        ty.rust()
                    ),
                );
                doc = vec![format!(
                    "The `{}` property, which the schema requires without describing it: always sent (`None` as `null`); `None` when a response leaves it out.",
                    prop.name
                )];
            }
            // `readOnly` and `writeOnly` belong to the property's schema, which may be a
            // component it refers to.
            let (read_only, write_only) = match prop.schema {
                Some(schema) if prop.declared => self.direction(schema),
                _ => (false, false),
            };
            let deprecated = data.is_some_and(|d| d.deprecated);
            // OpenAPI 3.0: `required` applies to a `readOnly` property only in responses and to
            // a `writeOnly` one only in requests. One model serves both, so neither is required
            // by it: an `Option` that a request leaves out, or a response may.
            let required = prop.required && !read_only && !write_only;
            let mut notes = Vec::new();
            match (read_only, prop.required) {
                (true, true) => notes.push(
                    "Read-only: set by the service, which ignores it in requests. Its responses always have it; it is an `Option` so that requests can leave it out.".to_owned(),
                ),
                (true, false) => notes.push(
                    "Read-only: set by the service, which ignores it in requests.".to_owned(),
                ),
                _ => {}
            }
            match (write_only, prop.required) {
                (true, true) => notes.push(
                    "Write-only: requests must send it (`new` takes it); the service does not return it, so it is an `Option`.".to_owned(),
                ),
                (true, false) => notes.push(
                    "Write-only: sent in requests; the service does not return it.".to_owned(),
                ),
                _ => {}
            }
            if nullable && prop.declared {
                notes.push(if required {
                    "Nullable: always sent; `None` is sent as `null`.".to_owned()
                } else {
                    "Nullable: `None` leaves it out, `Some(None)` sends `null`.".to_owned()
                });
            }
            if let Some(default) = data.and_then(|d| d.default.as_ref()) {
                let text = default.to_string();
                // Backticks inside would end the code span early.
                notes.push(format!("Default: `{}`.", text.replace('`', "'")));
            }
            if !notes.is_empty() {
                doc.push(String::new());
                doc.extend(notes);
            }
            model.fields.push(Field {
                setter,
                rename: naming::bare(&rust) != prop.name,
                wire_name: prop.name,
                rust_name: rust,
                // Box, Option and the presence are decided once every model is known.
                rust_type: ty.rust(),
                optional: !required,
                request_required: write_only && prop.required,
                nullable,
                boxed: ty.direct().is_some(),
                deprecated,
                presence: Presence::Req,
                date: false,
                doc_lines: doc,
                // Decided with the final type.
                setter_inner: None,
                name: String::new(),
                setter_arg: String::new(),
                setter_doc: String::new(),
                kind: String::new(),
            });
        }
    }

    /// An expression of type `rust_type` for doc examples: `Default::default()` where the type
    /// has a default, the first variant of an enum or union otherwise.
    pub(super) fn example_value(&self, rust_type: &str) -> String {
        self.examples
            .get(rust_type)
            .cloned()
            .unwrap_or_else(|| "Default::default()".to_owned())
    }

    /// Records example expressions for models (once their fields are final): structs with a
    /// `Default` by name, enums and unions by their first variant, and structs without a
    /// `Default` as a literal of their required fields.
    pub(super) fn record_examples(&mut self, models: &[Model]) {
        let lib = self.lib();
        for m in models
            .iter()
            .filter(|m| m.kind == ModelKind::Struct && m.default)
        {
            self.examples.insert(
                format!("crate::models::{}", m.rust_name),
                format!("{lib}::models::{}::default()", m.rust_name),
            );
        }
        // Enums next: union examples may use them.
        for m in models {
            if let Some(e) = &m.enum_def {
                let path = type_path(m, &e.rust_name);
                let expr = match (e.variants.first(), e.kind) {
                    (Some(v), _) => format!("{lib}::models::{}::{}", e.rust_name, v.rust_name),
                    (None, EnumKind::Integer) => {
                        format!("{lib}::models::{}::Unknown(0)", e.rust_name)
                    }
                    (None, EnumKind::String) => {
                        format!("{lib}::models::{}::Unknown(String::new())", e.rust_name)
                    }
                };
                self.examples.insert(path, expr);
            }
        }
        for m in models {
            if let Some(u) = &m.union_def {
                let path = type_path(m, &u.rust_name);
                let inner = u.variants.first().map(|v| {
                    let value = self.example_value(&v.rust_type);
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
        // Structs without a default, innermost first: a literal may use another one.
        let mut pending: Vec<&Model> = models
            .iter()
            .filter(|m| m.kind == ModelKind::Struct && !m.default)
            .collect();
        while !pending.is_empty() {
            let before = pending.len();
            pending.retain(|m| {
                let mut fields = Vec::new();
                for f in &m.fields {
                    let value = if f.optional || f.nullable {
                        "None".to_owned()
                    } else {
                        let unboxed = f
                            .rust_type
                            .strip_prefix("Box<")
                            .and_then(|t| t.strip_suffix('>'))
                            .unwrap_or(&f.rust_type);
                        let key = type_path(m, unboxed);
                        let known = self.examples.get(&key).cloned();
                        let value = match known {
                            Some(v) => v,
                            None if key.starts_with("crate::models::") => return true,
                            None => "Default::default()".to_owned(),
                        };
                        if f.boxed {
                            format!("Box::new({value})")
                        } else {
                            value
                        }
                    };
                    fields.push(format!("{}: {value}", f.rust_name));
                }
                let expr = format!("{lib}::models::{} {{ {} }}", m.rust_name, fields.join(", "));
                self.examples
                    .insert(format!("crate::models::{}", m.rust_name), expr);
                false
            });
            if pending.len() == before {
                // A cycle of required fields without defaults: no finite value exists to show.
                for m in pending.drain(..) {
                    self.examples.insert(
                        format!("crate::models::{}", m.rust_name),
                        format!("todo!(\"a {} value\")", m.rust_name),
                    );
                }
            }
        }
    }
}

/// The lines that end the docs of a nullable model called `rust`.
fn nullable_note(rust: &str) -> [String; 2] {
    [
        String::new(),
        format!(
            "Nullable: `null` is one of its values, so every place that uses it holds an `Option<{rust}>` (`None` is `null`)."
        ),
    ]
}

/// An expression giving `Option<&str>` from `e`, a value of the error model at `path`, when
/// that model has a string `message` field.
pub(super) fn message_accessor(models: &[Model], path: &str) -> Option<String> {
    let model = models
        .iter()
        .find(|m| format!("crate::models::{}", m.rust_name) == path)?;
    let field = model.fields.iter().find(|f| f.wire_name == "message")?;
    match field.rust_type.as_str() {
        "Option<String>" => Some(format!("e.{}.as_deref()", field.rust_name)),
        "String" => Some(format!("Some(e.{}.as_str())", field.rust_name)),
        _ => None,
    }
}
