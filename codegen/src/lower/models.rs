//! Component schemas → models: structs (with `allOf` merged), enums, unions and aliases.

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use super::docs::{doc_lines, doc_or, type_path};
use super::types::{SchemaRef, Ty};
use super::{Lowerer, Names};
use crate::error::pointer_segment;
use crate::ir::{EnumKind, Field, Model, ModelKind, Presence};
use crate::naming::{self, Scope};
use crate::refs::schema_name;

/// One property of a struct, before lowering.
struct Prop<'a> {
    name: String,
    schema: &'a ReferenceOr<Box<Schema>>,
    required: bool,
    at: String,
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
                default: true,
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
            let is_struct = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(obj)) => !obj.properties.is_empty(),
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
                    let ty = self.schema_type(SchemaRef::Item(schema), &at);
                    self.alias_targets
                        .insert(format!("crate::models::{rust}"), ty.clone());
                    model.kind = ModelKind::Alias;
                    model.alias_type = Some(ty.rust());
                }
            }
            models.push(model);
        }
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
                        at: format!("{at}/properties/{}", pointer_segment(prop)),
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
                                    self.collect_props(s, &target_at, out, visited);
                                    visited.pop();
                                }
                                None => self.warn(
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
            let ty = self.schema_type(prop.schema.into(), &prop.at);
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
                // `nullable` on the property, or on the schema it refers to.
                flag(|d| d.nullable) || self.refers_to_nullable(prop.schema.into()),
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
                optional: !prop.required,
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

    /// Whether `schema` is a reference (plain, or wrapped in `allOf`) to a component schema
    /// that is `nullable`: its values may be `null`, wherever it is used.
    fn refers_to_nullable(&self, schema: SchemaRef<'_>) -> bool {
        match schema {
            SchemaRef::Ref(reference) => schema_name(reference)
                .and_then(|name| self.schema(&name))
                .is_some_and(|target| target.schema_data.nullable),
            SchemaRef::Item(s) => match &s.schema_kind {
                SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                    self.refers_to_nullable(SchemaRef::from(&all_of[0]))
                }
                _ => false,
            },
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
