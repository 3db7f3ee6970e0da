//! A fixup between loading and hoisting: schemas that `openapiv3` could not type are typed from
//! what they say.
//!
//! `openapiv3` reads a schema as a string, number, object, … only when every keyword fits that
//! type; anything else (`type: string` with `minItems`, `enum` without `type`, `type: object`
//! beside `allOf`) lands in its catch-all [`AnySchema`]. Lowering such a schema as
//! `serde_json::Value` would lose the type, so this pass decides it here, by a table of rules
//! with a test each:
//!
//! | the schema has | becomes |
//! | --- | --- |
//! | `type: string`/`integer`/`number`/`boolean` and stray keywords | that type; the stray keywords are named in a warning |
//! | `type: object` or `properties`/`additionalProperties`, and `allOf`/`oneOf`/`anyOf` | `allOf` of the object part and the composition |
//! | `type: object` or `properties`/`additionalProperties` | an object |
//! | `type: array` or `items`, and `oneOf`/`anyOf`/`allOf` | the composition (a member is the array) |
//! | `type: array` or `items` | an array |
//! | `enum` without `type` | the type its values share (strings, integers, numbers, booleans; `null` makes it nullable) |
//! | `format` without `type` | a string |
//! | `type: string`, `format: int-or-string` (Kubernetes' ports) | `oneOf` an integer and a string |
//! | nothing that constrains it (`{}`) | any JSON value, without a warning: that is what it says |
//!
//! Every fallback that loses information is a located [`Warning`].

use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, IntegerType, NumberType, ObjectType,
    OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, StringType,
    Type,
};
use serde_json::Value;

use crate::error::{Warning, WarningClass, pointer, pointer_segment};

/// Types every schema of `api` that `openapiv3` left untyped; returns what it had to guess.
pub fn fixup(api: &mut OpenAPI) -> Vec<Warning> {
    let mut fx = Fixer {
        warnings: Vec::new(),
    };
    if let Some(components) = api.components.as_mut() {
        for (name, schema) in components.schemas.iter_mut() {
            if let ReferenceOr::Item(schema) = schema {
                fx.schema(schema, &pointer(["components", "schemas", name.as_str()]));
            }
        }
    }
    for (path, item) in api.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let item_at = pointer(["paths", path.as_str()]);
        for (i, p) in item.parameters.iter_mut().enumerate() {
            fx.parameter(p, &format!("{item_at}/parameters/{i}"));
        }
        for (method, op) in operations_mut(item) {
            let at = format!("{item_at}/{method}");
            for (i, p) in op.parameters.iter_mut().enumerate() {
                fx.parameter(p, &format!("{at}/parameters/{i}"));
            }
            if let Some(ReferenceOr::Item(body)) = op.request_body.as_mut() {
                for (media, content) in body.content.iter_mut() {
                    if let Some(ReferenceOr::Item(s)) = content.schema.as_mut() {
                        let at =
                            format!("{at}/requestBody/content/{}/schema", pointer_segment(media));
                        fx.schema(s, &at);
                    }
                }
            }
            for (place, schema) in response_schemas_mut(op) {
                if let ReferenceOr::Item(s) = schema {
                    fx.schema(s, &format!("{at}/{place}"));
                }
            }
        }
    }
    fx.warnings
}

/// The schema of each media type of each response of `op` (`default` last; references to
/// responses have none), with its place under the operation:
/// `responses/200/content/application~1json/schema`.
pub fn response_schemas_mut(
    op: &mut openapiv3::Operation,
) -> impl Iterator<Item = (String, &mut ReferenceOr<Schema>)> {
    let responses = op.responses.responses.iter_mut();
    let responses = responses.map(|(code, r)| (code.to_string(), r)).chain(
        op.responses
            .default
            .as_mut()
            .map(|r| ("default".to_owned(), r)),
    );
    responses
        .filter_map(|(code, response)| match response {
            ReferenceOr::Item(response) => Some((code, response)),
            ReferenceOr::Reference { .. } => None,
        })
        .flat_map(|(code, response)| {
            response
                .content
                .iter_mut()
                .filter_map(move |(media, content)| {
                    let place =
                        format!("responses/{code}/content/{}/schema", pointer_segment(media));
                    content.schema.as_mut().map(|schema| (place, schema))
                })
        })
}

/// The operations of a path item, by method name.
pub fn operations_mut(
    item: &mut openapiv3::PathItem,
) -> Vec<(&'static str, &mut openapiv3::Operation)> {
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

/// The data every kind of parameter has.
pub fn parameter_data_mut(p: &mut Parameter) -> &mut openapiv3::ParameterData {
    match p {
        Parameter::Query { parameter_data, .. }
        | Parameter::Header { parameter_data, .. }
        | Parameter::Path { parameter_data, .. }
        | Parameter::Cookie { parameter_data, .. } => parameter_data,
    }
}

struct Fixer {
    warnings: Vec<Warning>,
}

impl Fixer {
    fn warn(&mut self, class: WarningClass, at: &str, message: String) {
        self.warnings.push(Warning::new(class, at, message));
    }

    fn parameter(&mut self, p: &mut ReferenceOr<Parameter>, at: &str) {
        let ReferenceOr::Item(p) = p else { return };
        match &mut parameter_data_mut(p).format {
            ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => {
                self.schema(s, &format!("{at}/schema"));
            }
            ParameterSchemaOrContent::Content(content) => {
                for (media, c) in content.iter_mut() {
                    if let Some(ReferenceOr::Item(s)) = c.schema.as_mut() {
                        self.schema(
                            s,
                            &format!("{at}/content/{}/schema", pointer_segment(media)),
                        );
                    }
                }
            }
            ParameterSchemaOrContent::Schema(ReferenceOr::Reference { .. }) => {}
        }
    }

    /// Types `schema` if it is untyped, then everything inside it.
    fn schema(&mut self, schema: &mut Schema, at: &str) {
        if let SchemaKind::Any(any) = &mut schema.schema_kind {
            let any = std::mem::take(any);
            let (kind, nullable) = self.typed(any, at);
            schema.schema_kind = kind;
            if nullable {
                schema.schema_data.nullable = true;
            }
        }
        if simplify(&mut schema.schema_kind) {
            schema.schema_data.nullable = true;
        }
        if is_int_or_string(&schema.schema_kind) {
            schema.schema_kind = int_or_string();
        }
        self.children(&mut schema.schema_kind, at);
    }

    fn boxed(&mut self, schema: &mut ReferenceOr<Box<Schema>>, at: &str) {
        if let ReferenceOr::Item(s) = schema {
            self.schema(s, at);
        }
    }

    fn list(&mut self, members: &mut [ReferenceOr<Schema>], at: &str) {
        for (i, m) in members.iter_mut().enumerate() {
            if let ReferenceOr::Item(s) = m {
                self.schema(s, &format!("{at}/{i}"));
            }
        }
    }

    fn children(&mut self, kind: &mut SchemaKind, at: &str) {
        match kind {
            SchemaKind::Type(Type::Object(obj)) => {
                for (name, prop) in obj.properties.iter_mut() {
                    self.boxed(prop, &format!("{at}/properties/{}", pointer_segment(name)));
                }
                if let Some(AdditionalProperties::Schema(value)) =
                    obj.additional_properties.as_mut()
                    && let ReferenceOr::Item(s) = value.as_mut()
                {
                    self.schema(s, &format!("{at}/additionalProperties"));
                }
            }
            SchemaKind::Type(Type::Array(array)) => {
                if let Some(items) = array.items.as_mut() {
                    self.boxed(items, &format!("{at}/items"));
                }
            }
            SchemaKind::AllOf { all_of } => self.list(all_of, &format!("{at}/allOf")),
            SchemaKind::OneOf { one_of } => self.list(one_of, &format!("{at}/oneOf")),
            SchemaKind::AnyOf { any_of } => self.list(any_of, &format!("{at}/anyOf")),
            SchemaKind::Not { not } => {
                if let ReferenceOr::Item(s) = not.as_mut() {
                    self.schema(s, &format!("{at}/not"));
                }
            }
            SchemaKind::Type(_) | SchemaKind::Any(_) => {}
        }
    }

    /// The kind an untyped schema really has, and whether `null` is among its enum values.
    fn typed(&mut self, any: AnySchema, at: &str) -> (SchemaKind, bool) {
        let composed = !any.all_of.is_empty() || !any.one_of.is_empty() || !any.any_of.is_empty();
        let objectish = !any.properties.is_empty() || any.additional_properties.is_some();
        let typ = match any.typ.as_deref() {
            Some(t) => Some(t.to_owned()),
            None if !any.enumeration.is_empty() => match enum_type(&any.enumeration) {
                Some(t) => Some(t.to_owned()),
                None => {
                    self.warn(
                        WarningClass::LooseType,
                        at,
                        "an `enum` whose values have different types; generating `serde_json::Value`"
                            .into(),
                    );
                    return (SchemaKind::Any(any), false);
                }
            },
            None if objectish => Some("object".to_owned()),
            None if any.items.is_some() => Some("array".to_owned()),
            None if composed => None,
            None if any.format.is_some() => Some("string".to_owned()),
            None => return (SchemaKind::Any(any), false),
        };
        let nullable = any.enumeration.iter().any(Value::is_null);
        let kind = match typ.as_deref() {
            Some("string") => {
                self.stray(at, "string", &any);
                SchemaKind::Type(Type::String(StringType {
                    format: any.format.clone().into(),
                    pattern: any.pattern.clone(),
                    enumeration: self.string_values(&any.enumeration, at),
                    min_length: any.min_length,
                    max_length: any.max_length,
                }))
            }
            Some("integer") => {
                self.stray(at, "integer", &any);
                SchemaKind::Type(Type::Integer(IntegerType {
                    format: any.format.clone().into(),
                    enumeration: self.values(&any.enumeration, at, Value::as_i64),
                    ..Default::default()
                }))
            }
            Some("number") => {
                self.stray(at, "number", &any);
                SchemaKind::Type(Type::Number(NumberType {
                    format: any.format.clone().into(),
                    enumeration: self.values(&any.enumeration, at, Value::as_f64),
                    ..Default::default()
                }))
            }
            Some("boolean") => {
                self.stray(at, "boolean", &any);
                SchemaKind::Type(Type::Boolean(BooleanType {
                    enumeration: self.values(&any.enumeration, at, Value::as_bool),
                }))
            }
            // `type: array` beside a composition: the members say what the value is (GitHub's
            // `contexts` body: an object or an array of strings), and an array is the member
            // that says so.
            Some("array") if composed => {
                let keyword = if !any.one_of.is_empty() {
                    "oneOf"
                } else if !any.any_of.is_empty() {
                    "anyOf"
                } else {
                    "allOf"
                };
                // What says "array": `type`, or (without a type) `items`.
                let (array, dropped) = match (any.typ.is_some(), any.items.is_some()) {
                    (true, true) => ("`type: array`", "`type: array` and `items` are"),
                    (true, false) => ("`type: array`", "`type: array` is"),
                    (false, _) => ("`items`", "`items` is"),
                };
                self.warn(
                    WarningClass::Composition,
                    at,
                    format!(
                        "{array} beside `{keyword}` cannot be both: generating the `{keyword}` of its members; {dropped} left to them"
                    ),
                );
                if !any.one_of.is_empty() {
                    SchemaKind::OneOf { one_of: any.one_of }
                } else if !any.any_of.is_empty() {
                    SchemaKind::AnyOf { any_of: any.any_of }
                } else {
                    SchemaKind::AllOf { all_of: any.all_of }
                }
            }
            Some("array") => {
                self.stray(at, "array", &any);
                SchemaKind::Type(Type::Array(ArrayType {
                    items: any.items,
                    min_items: any.min_items,
                    max_items: any.max_items,
                    unique_items: any.unique_items.unwrap_or(false),
                }))
            }
            // `oneOf: [{required: [a]}, {required: [b]}]` beside the properties only says which
            // of them must be present: validation, not another shape.
            Some("object") | None
                if objectish
                    && composed
                    && any.all_of.is_empty()
                    && any
                        .one_of
                        .iter()
                        .chain(&any.any_of)
                        .all(|m| constrains_only(m, &any.properties)) =>
            {
                SchemaKind::Type(Type::Object(ObjectType {
                    properties: any.properties,
                    required: any.required,
                    additional_properties: any.additional_properties,
                    min_properties: any.min_properties,
                    max_properties: any.max_properties,
                }))
            }
            Some("object") | None if composed => {
                let mut members: Vec<ReferenceOr<Schema>> = Vec::new();
                // `required` beside `allOf` alone (DigitalOcean's request bodies: the members
                // describe the properties, the parent says which a request must carry) is an
                // object part too, or the requirement would be lost.
                let requires =
                    !any.required.is_empty() && any.one_of.is_empty() && any.any_of.is_empty();
                if objectish || requires {
                    members.push(ReferenceOr::Item(object_part(&any)));
                }
                let (one_of, any_of) = (any.one_of, any.any_of);
                members.extend(any.all_of);
                let union = if !one_of.is_empty() {
                    Some(SchemaKind::OneOf { one_of })
                } else if !any_of.is_empty() {
                    Some(SchemaKind::AnyOf { any_of })
                } else {
                    None
                };
                match union {
                    // `oneOf` beside properties: the union decides the shape; the common
                    // properties are what every member has anyway.
                    Some(union) if members.is_empty() => union,
                    Some(union) => {
                        self.warn(
                            WarningClass::Composition,
                            at,
                            "`oneOf`/`anyOf` beside `properties` or `allOf`: generating the union; the other keywords are left to its members".into(),
                        );
                        union
                    }
                    None => SchemaKind::AllOf { all_of: members },
                }
            }
            Some("object") => {
                self.stray(at, "object", &any);
                SchemaKind::Type(Type::Object(ObjectType {
                    properties: any.properties,
                    required: any.required,
                    additional_properties: any.additional_properties,
                    min_properties: any.min_properties,
                    max_properties: any.max_properties,
                }))
            }
            _ => return (SchemaKind::Any(any), false),
        };
        (kind, nullable)
    }

    /// Warns about keywords that do not apply to `typ` and are ignored.
    fn stray(&mut self, at: &str, typ: &str, any: &AnySchema) {
        let mut found: Vec<&str> = Vec::new();
        let mut check = |present: bool, keyword: &'static str, applies: &[&str]| {
            if present && !applies.contains(&typ) {
                found.push(keyword);
            }
        };
        const NUMERIC: &[&str] = &["integer", "number"];
        check(any.pattern.is_some(), "pattern", &["string"]);
        check(any.min_length.is_some(), "minLength", &["string"]);
        check(any.max_length.is_some(), "maxLength", &["string"]);
        check(any.minimum.is_some(), "minimum", NUMERIC);
        check(any.maximum.is_some(), "maximum", NUMERIC);
        check(any.multiple_of.is_some(), "multipleOf", NUMERIC);
        check(any.exclusive_minimum.is_some(), "exclusiveMinimum", NUMERIC);
        check(any.exclusive_maximum.is_some(), "exclusiveMaximum", NUMERIC);
        check(!any.properties.is_empty(), "properties", &["object"]);
        check(!any.required.is_empty(), "required", &["object"]);
        check(
            any.additional_properties.is_some(),
            "additionalProperties",
            &["object"],
        );
        check(any.min_properties.is_some(), "minProperties", &["object"]);
        check(any.max_properties.is_some(), "maxProperties", &["object"]);
        check(any.items.is_some(), "items", &["array"]);
        check(any.min_items.is_some(), "minItems", &["array"]);
        check(any.max_items.is_some(), "maxItems", &["array"]);
        check(any.unique_items.is_some(), "uniqueItems", &["array"]);
        check(any.not.is_some(), "not", &[]);
        if !found.is_empty() {
            let list = found
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.warn(
                WarningClass::IgnoredKeyword,
                at,
                format!(
                    "{list} do not apply to `type: {typ}` and are ignored; generating the {typ}"
                ),
            );
        }
    }

    /// Enum values of one type; values of another type are dropped with a warning.
    /// The values of a `type: string` enum. A number or boolean among them (zoom's `enum: [1,
    /// 2]`, firebrowse's date stamps `20160128`) is taken as its JSON text, which is what a
    /// path, query or header carries anyway, with a warning: dropping it would leave no value
    /// the API takes (a date stamp would go out as `2016-01-28`).
    fn string_values(&mut self, values: &[Value], at: &str) -> Vec<Option<String>> {
        let texts: Vec<Value> = values
            .iter()
            .map(|v| match v {
                Value::Number(_) | Value::Bool(_) => {
                    self.warn(
                        WarningClass::EnumValue,
                        at,
                        format!(
                            "enum value `{v}` of a `type: string` schema is not a string; \
                             taken as the string `\"{v}\"`"
                        ),
                    );
                    Value::String(v.to_string())
                }
                other => other.clone(),
            })
            .collect();
        self.values(&texts, at, |v| v.as_str().map(str::to_owned))
    }

    fn values<T>(
        &mut self,
        values: &[Value],
        at: &str,
        convert: impl Fn(&Value) -> Option<T>,
    ) -> Vec<Option<T>> {
        let mut out = Vec::new();
        for v in values {
            if v.is_null() {
                out.push(None);
            } else if let Some(t) = convert(v) {
                out.push(Some(t));
            } else {
                self.warn(
                    WarningClass::EnumValue,
                    at,
                    format!("enum value `{v}` does not have the schema's type and is left out"),
                );
            }
        }
        out
    }
}

/// Compositions written for their annotations: `allOf` members that say nothing (only a
/// description or `nullable`) are dropped, and so are `oneOf`/`anyOf` members of `type: null`;
/// a `oneOf`/`anyOf` left with one member becomes `allOf` of it, which lowering reads as that
/// member. Returns whether a dropped member made the schema nullable.
fn simplify(kind: &mut SchemaKind) -> bool {
    let says_nothing = |m: &ReferenceOr<Schema>| matches!(m, ReferenceOr::Item(s) if matches!(&s.schema_kind, SchemaKind::Any(a) if *a == AnySchema::default()));
    let is_null = |m: &ReferenceOr<Schema>| matches!(m, ReferenceOr::Item(s) if matches!(&s.schema_kind, SchemaKind::Any(a) if a.typ.as_deref() == Some("null")));
    let nullable_member =
        |m: &ReferenceOr<Schema>| matches!(m, ReferenceOr::Item(s) if s.schema_data.nullable);
    match kind {
        SchemaKind::AllOf { all_of } if all_of.len() > 1 => {
            let nullable = all_of.iter().any(|m| says_nothing(m) && nullable_member(m));
            all_of.retain(|m| !says_nothing(m));
            nullable
        }
        SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
            let nullable = members.iter().any(is_null);
            members.retain(|m| !is_null(m));
            if members.len() == 1 {
                let all_of = std::mem::take(members);
                *kind = SchemaKind::AllOf { all_of };
            }
            nullable
        }
        _ => false,
    }
}

/// A schema's properties, as `openapiv3` keeps them.
type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// Whether a composition member only constrains properties its parent declares (which are
/// required, which values they take) without adding a type of its own.
fn constrains_only(member: &ReferenceOr<Schema>, parent: &Properties) -> bool {
    let ReferenceOr::Item(s) = member else {
        return false;
    };
    let known = |props: &Properties| props.keys().all(|k| parent.contains_key(k));
    match &s.schema_kind {
        SchemaKind::Any(a) => {
            matches!(a.typ.as_deref(), None | Some("object"))
                && a.items.is_none()
                && a.one_of.is_empty()
                && a.all_of.is_empty()
                && a.any_of.is_empty()
                && known(&a.properties)
        }
        SchemaKind::Type(Type::Object(o)) => known(&o.properties),
        _ => false,
    }
}

/// `type: string, format: int-or-string` (Kubernetes' `IntOrString`, used for ports): a value
/// that is a JSON number or a JSON string.
fn is_int_or_string(kind: &SchemaKind) -> bool {
    matches!(
        kind,
        SchemaKind::Type(Type::String(StringType {
            format: openapiv3::VariantOrUnknownOrEmpty::Unknown(format),
            enumeration,
            ..
        })) if format == "int-or-string" && enumeration.is_empty()
    )
}

/// `oneOf` an int64 and a string.
fn int_or_string() -> SchemaKind {
    let member = |kind| {
        ReferenceOr::Item(Schema {
            schema_data: Default::default(),
            schema_kind: SchemaKind::Type(kind),
        })
    };
    SchemaKind::OneOf {
        one_of: vec![
            member(Type::Integer(IntegerType {
                format: openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::IntegerFormat::Int64),
                ..Default::default()
            })),
            member(Type::String(StringType::default())),
        ],
    }
}

/// The type all non-null values of an `enum` share.
fn enum_type(values: &[Value]) -> Option<&'static str> {
    let mut kinds = values.iter().filter(|v| !v.is_null()).map(|v| match v {
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() => "integer",
        Value::Number(_) => "number",
        _ => "object",
    });
    let first = kinds.next()?;
    let mut all = first;
    for k in kinds {
        all = match (all, k) {
            (a, b) if a == b => a,
            ("integer", "number") | ("number", "integer") => "number",
            _ => return None,
        };
    }
    (all != "object").then_some(all)
}

/// The object keywords of `any`, as a schema of their own.
fn object_part(any: &AnySchema) -> Schema {
    Schema {
        schema_data: Default::default(),
        schema_kind: SchemaKind::Type(Type::Object(ObjectType {
            properties: any.properties.clone(),
            required: any.required.clone(),
            additional_properties: any.additional_properties.clone(),
            min_properties: any.min_properties,
            max_properties: any.max_properties,
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fixes one schema written as JSON; returns its kind as JSON and the warnings.
    fn fixed(schema: serde_json::Value) -> (serde_json::Value, Vec<String>) {
        let mut schema: Schema = serde_json::from_value(schema).expect("a schema");
        let mut fx = Fixer {
            warnings: Vec::new(),
        };
        fx.schema(&mut schema, "#/s");
        let warnings = fx.warnings.iter().map(ToString::to_string).collect();
        (serde_json::to_value(&schema).expect("serializes"), warnings)
    }

    #[test]
    fn untyped_schemas_are_typed_by_the_table() {
        use serde_json::json;
        // (schema, what it becomes (a subset of its JSON), warning, if any)
        let cases: Vec<(Value, Value, Option<&str>)> = vec![
            (
                json!({"type": "string", "minItems": 1}),
                json!({"type": "string"}),
                Some("#/s: `minItems` do not apply to `type: string` and are ignored"),
            ),
            (
                json!({"enum": ["a", "b"]}),
                json!({"type": "string", "enum": ["a", "b"]}),
                None,
            ),
            (
                json!({"enum": ["a", null]}),
                json!({"type": "string", "enum": ["a", null], "nullable": true}),
                None,
            ),
            (
                json!({"enum": [1, 2]}),
                json!({"type": "integer", "enum": [1, 2]}),
                None,
            ),
            (
                json!({"enum": [1, 2.5]}),
                json!({"type": "number", "enum": [1.0, 2.5]}),
                None,
            ),
            // zoom's `tspId`, firebrowse's date stamps: numbers in a string enum, as text.
            (
                json!({"type": "string", "enum": [1, 2, "x", true, null]}),
                json!({"type": "string", "enum": ["1", "2", "x", "true", null]}),
                Some(
                    "#/s: enum value `1` of a `type: string` schema is not a string; taken as the string `\"1\"`",
                ),
            ),
            (
                json!({"type": "string", "format": "date", "enum": [20160128, {"a": 1}]}),
                json!({"type": "string", "format": "date", "enum": ["20160128"]}),
                Some(
                    "#/s: enum value `20160128` of a `type: string` schema is not a string; taken as the string `\"20160128\"`",
                ),
            ),
            (
                json!({"enum": [true]}),
                json!({"type": "boolean", "enum": [true]}),
                None,
            ),
            (
                json!({"enum": ["a", 1]}),
                json!({"enum": ["a", 1]}),
                Some("#/s: an `enum` whose values have different types"),
            ),
            (
                json!({"properties": {"a": {"type": "string"}}}),
                json!({"type": "object", "properties": {"a": {"type": "string"}}}),
                None,
            ),
            (
                json!({"items": {"type": "string"}}),
                json!({"type": "array"}),
                None,
            ),
            (
                json!({"format": "date-time"}),
                json!({"type": "string", "format": "date-time"}),
                None,
            ),
            (
                json!({"type": "object", "properties": {"a": {"type": "string"}}, "allOf": [{"$ref": "#/components/schemas/B"}]}),
                json!({"allOf": [{"type": "object"}, {"$ref": "#/components/schemas/B"}]}),
                None,
            ),
            // DigitalOcean's request bodies: the member describes, the parent requires.
            (
                json!({"type": "object", "required": ["a", "m"], "allOf": [{"$ref": "#/components/schemas/B"}]}),
                json!({"allOf": [{"type": "object", "required": ["a", "m"]}, {"$ref": "#/components/schemas/B"}]}),
                None,
            ),
            // `required` beside a union is left to the union's members, as before.
            (
                json!({"type": "object", "required": ["a"], "oneOf": [{"$ref": "#/components/schemas/B"}, {"$ref": "#/components/schemas/C"}]}),
                json!({"oneOf": [{"$ref": "#/components/schemas/B"}, {"$ref": "#/components/schemas/C"}]}),
                None,
            ),
            (
                json!({"type": "object", "oneOf": [{"$ref": "#/components/schemas/B"}, {"$ref": "#/components/schemas/C"}]}),
                json!({"oneOf": [{"$ref": "#/components/schemas/B"}, {"$ref": "#/components/schemas/C"}]}),
                None,
            ),
            (
                json!({"oneOf": [{"$ref": "#/components/schemas/B"}]}),
                json!({"allOf": [{"$ref": "#/components/schemas/B"}]}),
                None,
            ),
            (json!({}), json!({}), None),
            (
                json!({"type": "string", "format": "int-or-string"}),
                json!({"oneOf": [{"type": "integer", "format": "int64"}, {"type": "string"}]}),
                None,
            ),
            (
                json!({"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "anyOf": [{"required": ["a"]}, {"required": ["b"]}, {"properties": {"a": {"enum": ["x"]}}}]}),
                json!({"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}),
                None,
            ),
            (
                json!({"allOf": [{"$ref": "#/components/schemas/B"}, {"description": "d", "nullable": true}]}),
                json!({"allOf": [{"$ref": "#/components/schemas/B"}], "nullable": true}),
                None,
            ),
            (
                json!({"anyOf": [{"$ref": "#/components/schemas/B"}, {"type": "null"}]}),
                json!({"allOf": [{"$ref": "#/components/schemas/B"}], "nullable": true}),
                None,
            ),
            // GitHub's `contexts` body: an object or an array of strings.
            (
                json!({"type": "array", "items": {"type": "string"}, "oneOf": [
                    {"type": "object", "properties": {"contexts": {"type": "array", "items": {"type": "string"}}}},
                    {"type": "array", "items": {"type": "string"}}
                ]}),
                json!({"oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "string"}}]}),
                Some(
                    "#/s: `type: array` beside `oneOf` cannot be both: generating the `oneOf` of its members; `type: array` and `items` are left to them",
                ),
            ),
            // Docker's `Cmd`: a string or an array of strings, with `items` beside the `oneOf`.
            (
                json!({"items": {"type": "string"}, "oneOf": [{"type": "array", "items": {}}, {"type": "string"}]}),
                json!({"oneOf": [{"type": "array"}, {"type": "string"}]}),
                Some(
                    "#/s: `items` beside `oneOf` cannot be both: generating the `oneOf` of its members; `items` is left to them",
                ),
            ),
            (
                json!({"type": "array", "anyOf": [{"$ref": "#/components/schemas/B"}, {"$ref": "#/components/schemas/C"}]}),
                json!({"anyOf": [{"$ref": "#/components/schemas/B"}, {"$ref": "#/components/schemas/C"}]}),
                Some(
                    "#/s: `type: array` beside `anyOf` cannot be both: generating the `anyOf` of its members; `type: array` is left to them",
                ),
            ),
            (
                json!({"type": "object", "properties": {"inner": {"enum": ["x"]}}, "minItems": 2}),
                json!({"type": "object", "properties": {"inner": {"type": "string"}}}),
                Some("#/s: `minItems` do not apply to `type: object`"),
            ),
        ];
        for (input, want, warning) in cases {
            let (got, warnings) = fixed(input.clone());
            assert!(contains(&got, &want), "{input} became {got}, not {want}");
            match warning {
                Some(w) => assert!(
                    warnings.iter().any(|x| x.contains(w)),
                    "{input}: {warnings:?} lacks {w:?}"
                ),
                None => assert!(warnings.is_empty(), "{input}: {warnings:?}"),
            }
        }
    }

    /// Whether every key of `want` is in `got` with a value that contains it.
    fn contains(got: &Value, want: &Value) -> bool {
        match (got, want) {
            (Value::Object(g), Value::Object(w)) => w
                .iter()
                .all(|(k, wv)| g.get(k).is_some_and(|gv| contains(gv, wv))),
            (Value::Array(g), Value::Array(w)) => {
                g.len() == w.len() && g.iter().zip(w).all(|(a, b)| contains(a, b))
            }
            _ => got == want,
        }
    }
}
