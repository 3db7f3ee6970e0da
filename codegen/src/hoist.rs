//! A fixup between typing and lowering: inline schemas that need a Rust type of their own are
//! moved to `components.schemas` under deterministic names and replaced by `$ref`s, so that
//! lowering meets them as named models.
//!
//! What is moved, and where:
//! - objects with properties and `allOf` compositions, wherever they are;
//! - enums and `oneOf`/`anyOf` unions in parameters, request and response bodies, array items
//!   and map values outside a property, and union members. (Enums and unions of a property are
//!   defined by lowering in the module of the model that owns them.)
//!
//! Names (all through [`crate::naming`]): `{Parent}{Property}` for a property, `{Parent}Item` for
//! array items, `{Parent}Value` for map values, `{Parent}Option{n}` for union members,
//! `{OperationId}Body` / `{OperationId}Response` for bodies (not `…Request`, the name of the
//! operation's request builder), `{OperationId}{Parameter}` for a parameter (its array items,
//! too: the parameter has no type of its own); a name already taken gets `2`, `3`, …. The
//! original location of every moved schema is recorded, so that messages still point where the
//! user wrote it.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, OpenAPI, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, Type,
};

use crate::error::pointer_segment;
use crate::fixup::{operations_mut, parameter_data_mut};
use crate::naming;
use crate::refs::schema_ref;

/// Hoisted schema name → JSON pointer of where it was written.
pub type Origins = BTreeMap<String, String>;

/// Where a schema sits, which decides what lowering can define in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A struct property, or the items or values of one: enums and unions are defined inline.
    Property,
    /// Anywhere else: everything that needs a type needs a name.
    Alone,
}

/// Moves what needs a name out of `api`'s inline schemas.
pub fn hoist(api: &mut OpenAPI) -> Origins {
    let mut h = Hoister {
        taken: api
            .components
            .as_ref()
            .map(|c| c.schemas.keys().cloned().collect())
            .unwrap_or_default(),
        queue: Vec::new(),
    };
    let components = api.components.get_or_insert_with(Default::default);
    // Component schemas, in spec order: what is inside them.
    for (name, schema) in components.schemas.iter_mut() {
        if let ReferenceOr::Item(schema) = schema {
            let at = format!("#/components/schemas/{}", pointer_segment(name));
            h.inside(schema, name, &at, Place::Alone);
        }
    }
    for (path, item) in api.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let item_at = format!("#/paths/{}", pointer_segment(path));
        let path_params = std::mem::take(&mut item.parameters);
        let mut ops = operations_mut(item);
        for (method, op) in ops.iter_mut() {
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
                        h.place(schema, &format!("{base}Body"), &at);
                    }
                }
            }
            let responses = op
                .responses
                .responses
                .iter_mut()
                .map(|(code, r)| (code.to_string(), r))
                .chain(
                    op.responses
                        .default
                        .as_mut()
                        .map(|r| ("default".to_owned(), r)),
                );
            for (status, response) in responses {
                let ReferenceOr::Item(response) = response else {
                    continue;
                };
                for (media, content) in response.content.iter_mut() {
                    if let Some(schema) = content.schema.as_mut() {
                        let at = format!(
                            "{op_at}/responses/{status}/content/{}/schema",
                            pointer_segment(media)
                        );
                        h.place(schema, &format!("{base}Response"), &at);
                    }
                }
            }
        }
        drop(ops);
        item.parameters = path_params;
        // Path-level parameters belong to every operation; name them after the path.
        let base = naming::pascal(path);
        let base = naming::bare(&base).to_owned();
        for (i, p) in item.parameters.iter_mut().enumerate() {
            h.parameter(p, &base, &format!("{item_at}/parameters/{i}"));
        }
    }
    let mut origins = Origins::new();
    while let Some((name, mut schema, at)) = h.queue.pop() {
        h.inside(&mut schema, &name, &at, Place::Alone);
        origins.insert(name.clone(), at);
        components.schemas.insert(name, ReferenceOr::Item(schema));
    }
    origins
}

struct Hoister {
    /// Schema names in use.
    taken: BTreeSet<String>,
    /// Moved schemas still to be searched and inserted: (name, schema, where it was written).
    queue: Vec<(String, Schema, String)>,
}

/// Whether a schema at `place` needs a Rust type of its own that lowering cannot define there.
fn needs_name(schema: &Schema, place: Place) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(obj)) => !obj.properties.is_empty(),
        SchemaKind::AllOf { all_of } => {
            all_of.len() > 1
                || all_of
                    .iter()
                    .any(|m| m.as_item().is_some_and(|s| needs_name(s, Place::Alone)))
        }
        SchemaKind::Type(Type::String(s)) => place == Place::Alone && !s.enumeration.is_empty(),
        SchemaKind::Type(Type::Integer(i)) => place == Place::Alone && !i.enumeration.is_empty(),
        SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => place == Place::Alone,
        _ => false,
    }
}

impl Hoister {
    fn claim(&mut self, base: &str) -> String {
        let mut name = base.to_owned();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    /// Moves `schema` out if it needs a name, leaving a reference; returns whether it did.
    fn take(&mut self, schema: &mut Schema, name: &str, at: &str, place: Place) -> bool {
        if !needs_name(schema, place) {
            return false;
        }
        let name = self.claim(name);
        let description = schema.schema_data.description.clone();
        let nullable = schema.schema_data.nullable;
        let moved = std::mem::replace(
            schema,
            Schema {
                schema_data: openapiv3::SchemaData {
                    description,
                    nullable,
                    ..Default::default()
                },
                // `allOf: [$ref]`: the OpenAPI 3.0 way to keep a description beside a reference.
                schema_kind: SchemaKind::AllOf {
                    all_of: vec![ReferenceOr::Reference {
                        reference: schema_ref(&name),
                    }],
                },
            },
        );
        self.queue.push((name, moved, at.to_owned()));
        true
    }

    /// A body or response schema.
    fn place(&mut self, schema: &mut ReferenceOr<Schema>, name: &str, at: &str) {
        let ReferenceOr::Item(inner) = schema else {
            return;
        };
        if self.take(inner, name, at, Place::Alone) {
            // A body is a type on its own: a plain reference reads better than `allOf`.
            if let SchemaKind::AllOf { all_of } = &inner.schema_kind
                && let [ReferenceOr::Reference { reference }] = all_of.as_slice()
            {
                *schema = ReferenceOr::Reference {
                    reference: reference.clone(),
                };
            }
        } else {
            self.inside(inner, name, at, Place::Alone);
        }
    }

    fn parameter(&mut self, p: &mut ReferenceOr<openapiv3::Parameter>, op: &str, at: &str) {
        let ReferenceOr::Item(p) = p else { return };
        let data = parameter_data_mut(p);
        let name = format!("{op}{}", naming::bare(&naming::pascal(&data.name)));
        match &mut data.format {
            ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => {
                let at = format!("{at}/schema");
                if !self.take(s, &name, &at, Place::Alone) {
                    // The items of an array parameter are named after the parameter.
                    if let SchemaKind::Type(Type::Array(array)) = &mut s.schema_kind
                        && let Some(ReferenceOr::Item(items)) = array.items.as_mut()
                    {
                        if !self.take(items, &name, &format!("{at}/items"), Place::Alone) {
                            self.inside(items, &name, &format!("{at}/items"), Place::Alone);
                        }
                    } else {
                        self.inside(s, &name, &at, Place::Alone);
                    }
                }
            }
            ParameterSchemaOrContent::Content(content) => {
                for (media, c) in content.iter_mut() {
                    if let Some(schema) = c.schema.as_mut() {
                        let at = format!("{at}/content/{}/schema", pointer_segment(media));
                        self.place(schema, &name, &at);
                    }
                }
            }
            ParameterSchemaOrContent::Schema(ReferenceOr::Reference { .. }) => {}
        }
    }

    /// A schema under a property, item or value: moved out if it needs a name, else searched.
    fn nested(
        &mut self,
        schema: &mut ReferenceOr<Box<Schema>>,
        name: &str,
        at: &str,
        place: Place,
    ) {
        let ReferenceOr::Item(inner) = schema else {
            return;
        };
        if !self.take(inner, name, at, place) {
            self.inside(inner, name, at, place);
        }
    }

    /// Moves out what needs a name inside `schema`, whose name is `owner`.
    fn inside(&mut self, schema: &mut Schema, owner: &str, at: &str, place: Place) {
        match &mut schema.schema_kind {
            SchemaKind::Type(Type::Object(obj)) => {
                for (prop, prop_schema) in obj.properties.iter_mut() {
                    let prop_at = format!("{at}/properties/{}", pointer_segment(prop));
                    let name = format!("{owner}{}", naming::bare(&naming::pascal(prop)));
                    self.nested(prop_schema, &name, &prop_at, Place::Property);
                }
                if let Some(AdditionalProperties::Schema(value)) =
                    obj.additional_properties.as_mut()
                    && let ReferenceOr::Item(inner) = value.as_mut()
                {
                    let value_at = format!("{at}/additionalProperties");
                    let name = format!("{owner}Value");
                    if !self.take(inner, &name, &value_at, place) {
                        self.inside(inner, &name, &value_at, place);
                    }
                }
            }
            SchemaKind::Type(Type::Array(array)) => {
                if let Some(items) = array.items.as_mut() {
                    self.nested(
                        items,
                        &format!("{owner}Item"),
                        &format!("{at}/items"),
                        place,
                    );
                }
            }
            // allOf members merge into their owner, so what they nest is named after the owner.
            SchemaKind::AllOf { all_of: members } => {
                for (i, member) in members.iter_mut().enumerate() {
                    if let ReferenceOr::Item(inner) = member {
                        self.inside(inner, owner, &format!("{at}/allOf/{i}"), place);
                    }
                }
            }
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                for (i, member) in members.iter_mut().enumerate() {
                    if let ReferenceOr::Item(inner) = member {
                        let name = format!("{owner}Option{}", i + 1);
                        let member_at = format!("{at}/{i}");
                        if !self.take(inner, &name, &member_at, Place::Alone) {
                            self.inside(inner, &name, &member_at, Place::Alone);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}
