//! A fixup between validation and lowering: inline object schemas (a property, an array item,
//! a map value, a request or response body that declares `properties` in place) are moved to
//! `components.schemas` under deterministic names and replaced by `$ref`s, so that lowering
//! only ever sees named structs.
//!
//! Names: `{Parent}{Property}` for a property, `{Parent}Item` for array items, `{Parent}Value`
//! for map values, `{OperationId}Body` / `{OperationId}Response` for bodies (not `…Request`, the
//! name of the operation's request builder); a name already
//! taken gets `2`, `3`, …. The original location of every hoisted schema is recorded, so that
//! messages still point where the user wrote it.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema, SchemaKind, Type};

use crate::error::pointer_segment;

/// Hoisted schema name → JSON pointer of where it was written.
pub type Origins = BTreeMap<String, String>;

/// Hoists every inline object schema of `api`.
pub fn hoist(api: &mut OpenAPI) -> Origins {
    let mut origins = Origins::new();
    let Some(components) = api.components.as_mut() else {
        return origins;
    };
    let mut taken: BTreeSet<String> = components.schemas.keys().cloned().collect();
    let mut queue: Vec<(String, Schema, String)> = Vec::new();

    // Component schemas, in spec order; hoisted schemas are processed as they are found.
    let names: Vec<String> = components.schemas.keys().cloned().collect();
    for name in names {
        if let Some(ReferenceOr::Item(schema)) = components.schemas.get_mut(&name) {
            let at = format!("#/components/schemas/{}", pointer_segment(&name));
            walk(schema, &name, &at, &mut taken, &mut queue);
        }
    }
    // Request and response bodies.
    for (path, item) in api.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, op) in operations(item) {
            let base = op
                .operation_id
                .clone()
                .unwrap_or_else(|| format!("{method} {path}"))
                .to_upper_camel_case();
            let op_at = format!("#/paths/{}/{method}", pointer_segment(path));
            if let Some(ReferenceOr::Item(body)) = op.request_body.as_mut() {
                for (media, content) in body.content.iter_mut() {
                    if let Some(schema) = content.schema.as_mut() {
                        let at = format!(
                            "{op_at}/requestBody/content/{}/schema",
                            pointer_segment(media)
                        );
                        replace_schema(schema, &format!("{base}Body"), &at, &mut taken, &mut queue);
                    }
                }
            }
            for (status, response) in op.responses.responses.iter_mut() {
                let ReferenceOr::Item(response) = response else {
                    continue;
                };
                for (media, content) in response.content.iter_mut() {
                    if let Some(schema) = content.schema.as_mut() {
                        let at = format!(
                            "{op_at}/responses/{status}/content/{}/schema",
                            pointer_segment(media)
                        );
                        replace_schema(
                            schema,
                            &format!("{base}Response"),
                            &at,
                            &mut taken,
                            &mut queue,
                        );
                    }
                }
            }
        }
    }
    while let Some((name, mut schema, at)) = queue.pop() {
        walk(&mut schema, &name, &at, &mut taken, &mut queue);
        origins.insert(name.clone(), at);
        if let Some(components) = api.components.as_mut() {
            components.schemas.insert(name, ReferenceOr::Item(schema));
        }
    }
    origins
}

fn operations(item: &mut openapiv3::PathItem) -> Vec<(&'static str, &mut openapiv3::Operation)> {
    let openapiv3::PathItem {
        get,
        put,
        post,
        delete,
        options,
        head,
        patch,
        trace,
        ..
    } = item;
    [
        ("get", get),
        ("put", put),
        ("post", post),
        ("delete", delete),
        ("options", options),
        ("head", head),
        ("patch", patch),
        ("trace", trace),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.as_mut().map(|op| (m, op)))
    .collect()
}

/// Whether `schema` is an object that declares its own properties (and so deserves a name).
fn is_inline_object(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Type(Type::Object(obj)) if !obj.properties.is_empty())
}

fn claim(base: &str, taken: &mut BTreeSet<String>) -> String {
    let mut name = base.to_owned();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

/// Hoists `schema` (a top-level body schema) if it is an inline object.
fn replace_schema(
    schema: &mut ReferenceOr<Schema>,
    name: &str,
    at: &str,
    taken: &mut BTreeSet<String>,
    queue: &mut Vec<(String, Schema, String)>,
) {
    if let ReferenceOr::Item(inner) = schema {
        if is_inline_object(inner) {
            let name = claim(name, taken);
            let hoisted = std::mem::replace(
                inner,
                Schema {
                    schema_data: Default::default(),
                    schema_kind: SchemaKind::Any(Default::default()),
                },
            );
            queue.push((name.clone(), hoisted, at.to_owned()));
            *schema = ReferenceOr::Reference {
                reference: format!("#/components/schemas/{name}"),
            };
        } else {
            walk(inner, name, at, taken, queue);
        }
    }
}

/// Hoists the inline objects nested anywhere inside `schema`, whose name is `owner`.
fn walk(
    schema: &mut Schema,
    owner: &str,
    at: &str,
    taken: &mut BTreeSet<String>,
    queue: &mut Vec<(String, Schema, String)>,
) {
    match &mut schema.schema_kind {
        SchemaKind::Type(Type::Object(obj)) => {
            for (prop, prop_schema) in obj.properties.iter_mut() {
                let prop_at = format!("{at}/properties/{}", pointer_segment(prop));
                let name = format!("{owner}{}", prop.to_upper_camel_case());
                boxed(prop_schema, &name, &prop_at, taken, queue);
            }
            if let Some(AdditionalProperties::Schema(value)) = obj.additional_properties.as_mut() {
                let value_at = format!("{at}/additionalProperties");
                replace_schema(
                    value.as_mut(),
                    &format!("{owner}Value"),
                    &value_at,
                    taken,
                    queue,
                );
            }
        }
        SchemaKind::Type(Type::Array(array)) => {
            if let Some(items) = array.items.as_mut() {
                boxed(
                    items,
                    &format!("{owner}Item"),
                    &format!("{at}/items"),
                    taken,
                    queue,
                );
            }
        }
        // allOf members merge into their owner, so what they nest is named after the owner.
        SchemaKind::AllOf { all_of: members } => {
            for (i, member) in members.iter_mut().enumerate() {
                if let ReferenceOr::Item(inner) = member {
                    walk(inner, owner, &format!("{at}/allOf/{i}"), taken, queue);
                }
            }
        }
        SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
            for (i, member) in members.iter_mut().enumerate() {
                if let ReferenceOr::Item(inner) = member {
                    walk(
                        inner,
                        &format!("{owner}Option{}", i + 1),
                        &format!("{at}/{i}"),
                        taken,
                        queue,
                    );
                }
            }
        }
        _ => {}
    }
}

fn boxed(
    schema: &mut ReferenceOr<Box<Schema>>,
    name: &str,
    at: &str,
    taken: &mut BTreeSet<String>,
    queue: &mut Vec<(String, Schema, String)>,
) {
    let ReferenceOr::Item(inner) = schema else {
        return;
    };
    if is_inline_object(inner) {
        let name = claim(name, taken);
        let description = inner.schema_data.description.clone();
        let hoisted = std::mem::replace(
            inner.as_mut(),
            Schema {
                schema_data: Default::default(),
                schema_kind: SchemaKind::Any(Default::default()),
            },
        );
        queue.push((name.clone(), hoisted, at.to_owned()));
        let reference = ReferenceOr::Reference {
            reference: format!("#/components/schemas/{name}"),
        };
        // Keep the property's description beside the reference, the OpenAPI 3.0 way.
        **inner = Schema {
            schema_data: openapiv3::SchemaData {
                description,
                ..Default::default()
            },
            schema_kind: SchemaKind::AllOf {
                all_of: vec![reference],
            },
        };
    } else {
        walk(inner, name, at, taken, queue);
    }
}
