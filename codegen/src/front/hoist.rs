//! A fixup between typing and lowering: every inline schema that needs a Rust type of its own
//! (an object with properties, an `allOf` composition, an enum, a `oneOf`/`anyOf` union) is
//! moved to `components.schemas` under a deterministic name and replaced by a `$ref`, so that
//! lowering meets types only as named models. Identical inline schemas share one model.
//!
//! Names (all through [`crate::naming`]): `{Parent}{Property}` for a property, `{Parent}Item`
//! for array items, `{Parent}Value` for map values, `{Parent}Option{n}` for union members,
//! `{OperationId}Body` / `{OperationId}Response` for bodies (not `…Request`, the name of the
//! operation's request builder), `{OperationId}{Parameter}` for a parameter (its array items,
//! too: the parameter has no type of its own); a name already taken gets `2`, `3`, ….
//!
//! Sharing: schemas are moved innermost first, and an inline schema that is identical to one
//! already moved, or to a component schema, refers to that one instead of getting a name of
//! its own. Enums are compared by their values alone: their description, which describes the
//! property they sit in, stays with the property. The original location of every moved schema
//! is recorded, so that messages still point where the user wrote it.

use std::collections::HashMap;

use openapiv3::{
    AdditionalProperties, OpenAPI, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, Type,
};

use crate::error::pointer_segment;
use crate::front::fixup::{operations_mut, parameter_data_mut, response_schemas_mut};
use crate::front::refs::schema_ref;
use crate::naming;

/// Hoisted schema name → JSON pointer of where it was written.
pub type Origins = std::collections::BTreeMap<String, String>;

/// Moves what needs a name out of `api`'s inline schemas.
pub fn hoist(api: &mut OpenAPI) -> Origins {
    let components = api.components.get_or_insert_with(Default::default);
    let mut h = Hoister {
        taken: naming::Scope::with_reserved(
            &components
                .schemas
                .keys()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        ),
        enum_uses: HashMap::new(),
        by_shape: HashMap::new(),
        moved: Vec::new(),
    };
    // Component schemas, in spec order: what is inside them, then themselves as targets that
    // identical inline schemas can share.
    for (name, schema) in components.schemas.iter_mut() {
        if let ReferenceOr::Item(schema) = schema {
            let at = format!("#/components/schemas/{}", pointer_segment(name));
            h.inside(schema, name, &at);
            h.by_shape
                .entry(key(schema))
                .or_insert_with(|| name.clone());
        }
    }
    for (path, item) in api.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let item_at = format!("#/paths/{}", pointer_segment(path));
        let path_params = std::mem::take(&mut item.parameters);
        for (method, op) in operations_mut(item) {
            let base = naming::pascal(
                op.operation_id
                    .as_deref()
                    .unwrap_or(&format!("{method} {path}")),
            );
            let base = naming::bare(&base).to_owned();
            let op_at = format!("{item_at}/{method}");
            for (i, p) in op.parameters.iter_mut().enumerate() {
                h.parameter(p, &base, &format!("{op_at}/parameters/{i}"));
            }
            if let Some(ReferenceOr::Item(body)) = op.request_body.as_mut() {
                for (media, content) in body.content.iter_mut() {
                    if let Some(schema) = content.schema.as_mut() {
                        let at = format!(
                            "{op_at}/requestBody/content/{}/schema",
                            pointer_segment(media)
                        );
                        h.body(schema, &format!("{base}Body"), &at);
                    }
                }
            }
            for (place, schema) in response_schemas_mut(op) {
                h.body(
                    schema,
                    &format!("{base}Response"),
                    &format!("{op_at}/{place}"),
                );
            }
        }
        item.parameters = path_params;
        // Path-level parameters belong to every operation; name them after the path.
        let base = naming::pascal(path);
        let base = naming::bare(&base).to_owned();
        for (i, p) in item.parameters.iter_mut().enumerate() {
            h.parameter(p, &base, &format!("{item_at}/parameters/{i}"));
        }
    }
    let mut origins = Origins::new();
    for (name, mut schema, at) in h.moved {
        // An enum used in one place keeps that place's description.
        if let Some((1, description)) = h.enum_uses.remove(&name) {
            schema.schema_data.description = description;
        }
        origins.insert(name.clone(), at);
        components.schemas.insert(name, ReferenceOr::Item(schema));
    }
    origins
}

struct Hoister {
    /// Schema names in use.
    taken: naming::Scope,
    /// Moved enum → how many places use it, and the description of the first.
    enum_uses: HashMap<String, (usize, Option<String>)>,
    /// The JSON of a schema that has a name → that name.
    by_shape: HashMap<String, String>,
    /// Moved schemas, in the order they got their names: (name, schema, where it was written).
    moved: Vec<(String, Schema, String)>,
}

/// Whether `schema` needs a Rust type of its own.
fn needs_name(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(obj)) => !obj.properties.is_empty(),
        SchemaKind::AllOf { all_of } => {
            all_of.len() > 1 || all_of.iter().any(|m| m.as_item().is_some_and(needs_name))
        }
        SchemaKind::Type(Type::String(s)) => !s.enumeration.is_empty(),
        SchemaKind::Type(Type::Integer(i)) => !i.enumeration.is_empty(),
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => true,
        _ => false,
    }
}

fn is_enum(schema: &Schema) -> bool {
    matches!(
        &schema.schema_kind,
        SchemaKind::Type(Type::String(_) | Type::Integer(_))
    )
}

/// What makes two schemas the same type: their JSON, without what describes the place they
/// sit in (`nullable`, and for enums the description, which describes the property). Those
/// are set aside while the schema is written and then put back, rather than the schema (with
/// everything inside it) copied.
fn shape(schema: &mut Schema) -> String {
    let enumeration = is_enum(schema);
    let data = &mut schema.schema_data;
    let nullable = std::mem::take(&mut data.nullable);
    let aside = enumeration.then(|| {
        (
            data.description.take(),
            data.example.take(),
            data.default.take(),
        )
    });
    let text = serde_json::to_string(&*schema).unwrap_or_default();
    let data = &mut schema.schema_data;
    data.nullable = nullable;
    if let Some((description, example, default)) = aside {
        (data.description, data.example, data.default) = (description, example, default);
    }
    text
}

/// What a schema with a name is found by: its [`shape`], marked when the schema is nullable
/// (a component schema with `nullable: true`), since every reference to such a schema may be
/// `null`: only a nullable inline schema can share it. (Schemas moved here are never nullable
/// themselves: the place they were moved from keeps its `nullable`.)
fn key(schema: &mut Schema) -> String {
    let shape = shape(schema);
    if schema.schema_data.nullable {
        format!("nullable {shape}")
    } else {
        shape
    }
}

impl Hoister {
    /// Gives `schema` (already searched) a name, or the name of an identical schema, and
    /// returns it; the caller puts a reference in its place. A nullable `schema` can share a
    /// schema that is not nullable (its place keeps its `nullable`) or, failing that, one
    /// that is; one that is not nullable only one that is not.
    fn name(&mut self, schema: &mut Schema, name: &str, at: &str) -> String {
        let key = shape(schema);
        let shared = match self.by_shape.get(&key) {
            None if schema.schema_data.nullable => self.by_shape.get(&format!("nullable {key}")),
            found => found,
        };
        if let Some(existing) = shared {
            if let Some((uses, _)) = self.enum_uses.get_mut(existing) {
                *uses += 1;
            }
            return existing.clone();
        }
        let name = self.taken.claim(name, "");
        let mut moved = schema.clone();
        moved.schema_data.nullable = false;
        if is_enum(&moved) {
            // The property's description stays with the property (and, unless the enum is
            // shared, describes the enum too).
            self.enum_uses
                .insert(name.clone(), (1, moved.schema_data.description.take()));
            moved.schema_data.example = None;
            moved.schema_data.default = None;
        }
        self.by_shape.insert(key, name.clone());
        self.moved.push((name.clone(), moved, at.to_owned()));
        name
    }

    /// A schema in place (a property, items, a map value, a union member): searched, then
    /// named if it needs a type, leaving `allOf: [$ref]` with its description and `nullable` (the
    /// OpenAPI 3.0 way to describe a reference).
    fn slot(&mut self, schema: &mut Schema, name: &str, at: &str) {
        self.inside(schema, name, at);
        if !needs_name(schema) {
            return;
        }
        let target = self.name(schema, name, at);
        *schema = Schema {
            schema_data: openapiv3::SchemaData {
                description: schema.schema_data.description.take(),
                nullable: schema.schema_data.nullable,
                read_only: schema.schema_data.read_only,
                write_only: schema.schema_data.write_only,
                deprecated: schema.schema_data.deprecated,
                default: schema.schema_data.default.take(),
                ..Default::default()
            },
            schema_kind: SchemaKind::AllOf {
                all_of: vec![ReferenceOr::Reference {
                    reference: schema_ref(&target),
                }],
            },
        };
    }

    fn slot_boxed(&mut self, schema: &mut ReferenceOr<Box<Schema>>, name: &str, at: &str) {
        if let ReferenceOr::Item(inner) = schema {
            self.slot(inner, name, at);
        }
    }

    fn slot_list(&mut self, members: &mut [ReferenceOr<Schema>], owner: &str, at: &str) {
        for (i, member) in members.iter_mut().enumerate() {
            if let ReferenceOr::Item(inner) = member {
                self.slot(
                    inner,
                    &format!("{owner}Option{}", i + 1),
                    &format!("{at}/{i}"),
                );
            }
        }
    }

    /// A body, response or parameter schema: a plain reference when it is named, or, when it
    /// is nullable, `allOf: [$ref]` with its `nullable` (as [`Hoister::slot`] leaves it).
    fn body(&mut self, schema: &mut ReferenceOr<Schema>, name: &str, at: &str) {
        let ReferenceOr::Item(inner) = schema else {
            return;
        };
        if inner.schema_data.nullable {
            return self.slot(inner, name, at);
        }
        self.inside(inner, name, at);
        if needs_name(inner) {
            let target = self.name(inner, name, at);
            *schema = ReferenceOr::Reference {
                reference: schema_ref(&target),
            };
        }
    }

    fn parameter(&mut self, p: &mut ReferenceOr<openapiv3::Parameter>, op: &str, at: &str) {
        let ReferenceOr::Item(p) = p else { return };
        let data = parameter_data_mut(p);
        let name = format!("{op}{}", naming::bare(&naming::pascal(&data.name)));
        match &mut data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let at = format!("{at}/schema");
                // The items of an array parameter are named after the parameter.
                if let ReferenceOr::Item(s) = schema
                    && let SchemaKind::Type(Type::Array(array)) = &mut s.schema_kind
                    && let Some(items) = array.items.as_mut()
                {
                    self.slot_boxed(items, &name, &format!("{at}/items"));
                } else {
                    self.body(schema, &name, &at);
                }
            }
            ParameterSchemaOrContent::Content(content) => {
                for (media, c) in content.iter_mut() {
                    if let Some(schema) = c.schema.as_mut() {
                        let at = format!("{at}/content/{}/schema", pointer_segment(media));
                        self.body(schema, &name, &at);
                    }
                }
            }
        }
    }

    /// Names what needs a name inside `schema`, whose name is `owner`.
    fn inside(&mut self, schema: &mut Schema, owner: &str, at: &str) {
        match &mut schema.schema_kind {
            SchemaKind::Type(Type::Object(obj)) => {
                for (prop, prop_schema) in obj.properties.iter_mut() {
                    let prop_at = format!("{at}/properties/{}", pointer_segment(prop));
                    let name = format!("{owner}{}", naming::bare(&naming::pascal(prop)));
                    self.slot_boxed(prop_schema, &name, &prop_at);
                }
                if let Some(AdditionalProperties::Schema(value)) =
                    obj.additional_properties.as_mut()
                    && let ReferenceOr::Item(inner) = value.as_mut()
                {
                    self.slot(
                        inner,
                        &format!("{owner}Value"),
                        &format!("{at}/additionalProperties"),
                    );
                }
            }
            SchemaKind::Type(Type::Array(array)) => {
                if let Some(items) = array.items.as_mut() {
                    self.slot_boxed(items, &format!("{owner}Item"), &format!("{at}/items"));
                }
            }
            // `allOf: [schema]` only wraps it (to describe it): the schema is the owner's type.
            SchemaKind::AllOf { all_of: members } if members.len() == 1 => {
                if let Some(ReferenceOr::Item(inner)) = members.first_mut() {
                    self.slot(inner, owner, &format!("{at}/allOf/0"));
                }
            }
            // allOf members merge into their owner, so what they nest is named after the owner.
            SchemaKind::AllOf { all_of: members } => {
                for (i, member) in members.iter_mut().enumerate() {
                    if let ReferenceOr::Item(inner) = member {
                        self.inside(inner, owner, &format!("{at}/allOf/{i}"));
                    }
                }
            }
            SchemaKind::OneOf { one_of: members } => {
                self.slot_list(members, owner, &format!("{at}/oneOf"));
            }
            SchemaKind::AnyOf { any_of: members } => {
                self.slot_list(members, owner, &format!("{at}/anyOf"));
            }
            SchemaKind::Not { not } => {
                if let ReferenceOr::Item(inner) = not.as_mut() {
                    self.inside(inner, owner, &format!("{at}/not"));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hoisted(spec: serde_json::Value) -> (OpenAPI, Origins) {
        let mut api: OpenAPI = serde_json::from_value(spec).expect("a document");
        let origins = hoist(&mut api);
        (api, origins)
    }

    fn schema_json(api: &OpenAPI, name: &str) -> serde_json::Value {
        serde_json::to_value(&api.components.as_ref().expect("components").schemas[name])
            .expect("serializes")
    }

    #[test]
    fn inline_types_get_names_and_identical_ones_share_one() {
        use serde_json::json;
        let level = json!({"type": "string", "enum": ["read", "write"]});
        let (api, origins) = hoisted(json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {},
            "components": {"schemas": {
                "App": {"type": "object", "properties": {
                    "checks": {"description": "For checks.", "allOf": [level.clone()]},
                    "contents": level.clone(),
                    "owner": {"type": "object", "properties": {"login": {"type": "string"}}},
                    "tags": {"type": "array", "items": {"type": "string", "enum": ["a"]}}
                }},
                "Hook": {"type": "object", "properties": {
                    "level": {"description": "Another description.", "type": "string", "enum": ["read", "write"]},
                    "owner": {"type": "object", "properties": {"login": {"type": "string"}}}
                }}
            }}
        }));
        let names: Vec<&String> = api
            .components
            .as_ref()
            .expect("components")
            .schemas
            .keys()
            .collect();
        assert_eq!(
            names,
            ["App", "Hook", "AppChecks", "AppOwner", "AppTagsItem"]
        );
        // Every enum `[read, write]` refers to the first one, keeping its own description.
        assert_eq!(
            schema_json(&api, "Hook")["properties"]["level"],
            json!({"description": "Another description.", "allOf": [{"$ref": "#/components/schemas/AppChecks"}]})
        );
        assert_eq!(
            schema_json(&api, "App")["properties"]["contents"],
            json!({"allOf": [{"$ref": "#/components/schemas/AppChecks"}]})
        );
        assert_eq!(
            schema_json(&api, "AppChecks"),
            json!({"type": "string", "enum": ["read", "write"]})
        );
        assert_eq!(
            schema_json(&api, "Hook")["properties"]["owner"],
            json!({"allOf": [{"$ref": "#/components/schemas/AppOwner"}]})
        );
        assert_eq!(
            origins["AppOwner"],
            "#/components/schemas/App/properties/owner"
        );
        assert_eq!(
            origins["AppTagsItem"],
            "#/components/schemas/App/properties/tags/items"
        );
    }

    #[test]
    fn nullability_stays_where_it_was_written() {
        use serde_json::json;
        let point = json!({"type": "object", "properties": {"x": {"type": "integer"}}});
        let mut nullable_point = point.clone();
        nullable_point["nullable"] = json!(true);
        let body = |schema: &serde_json::Value| {
            json!({"requestBody": {"content": {"application/json": {"schema": schema}}},
                   "responses": {"204": {"description": "ok"}}})
        };
        let (api, _) = hoisted(json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/a": {"post": body(&nullable_point)},
                "/b": {"post": body(&point)},
                "/c": {"post": body(&nullable_point)}
            },
            "components": {"schemas": {"Point": nullable_point.clone()}}
        }));
        let schema_of = |path: &str| {
            let item = serde_json::to_value(&api.paths.paths[path]).expect("serializes");
            item["post"]["requestBody"]["content"]["application/json"]["schema"].clone()
        };
        let reference = |name: &str, nullable: bool| {
            let target = json!({"$ref": format!("#/components/schemas/{name}")});
            if nullable {
                json!({"nullable": true, "allOf": [target]})
            } else {
                target
            }
        };
        // A nullable inline body may share the nullable component, and keeps its `nullable`
        // beside the reference that replaces it.
        assert_eq!(schema_of("/a"), reference("Point", true));
        // Not nullable: it cannot share `Point`, every reference to which may be `null`.
        assert_eq!(schema_of("/b"), reference("PostBBody", false));
        assert_eq!(schema_json(&api, "PostBBody"), point);
        // Nullable again: it shares the schema that is not nullable, as it would without
        // `nullable` (its own place says `null`).
        assert_eq!(schema_of("/c"), reference("PostBBody", true));
    }
}
