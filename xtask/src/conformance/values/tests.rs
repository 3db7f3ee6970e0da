use super::*;

const UUID: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

fn doc() -> Value {
    json!({
        "components": {
            "schemas": {
                "Pet": {
                    "type": "object",
                    "required": ["name", "kind"],
                    "properties": {
                        "id": {"type": "integer", "readOnly": true},
                        "name": {"type": "string", "minLength": 2},
                        "kind": {"type": "string"},
                        "tag": {"type": "string", "format": "uuid"},
                        "parent": {"$ref": "#/components/schemas/Pet"}
                    },
                    "discriminator": {"propertyName": "kind"}
                },
                "Cat": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Pet"},
                        {"type": "object", "required": ["lives"], "properties": {"lives": {"type": "integer", "minimum": 1, "maximum": 9}}}
                    ]
                },
                "Dog": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Pet"},
                        {"type": "object", "required": ["bark"], "properties": {"bark": {"type": "boolean"}}}
                    ]
                },
                "Node": {
                    "type": "object",
                    "required": ["children"],
                    "properties": {
                        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}
                    }
                },
                "Stale": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}, "example": {"b": 1}},
                "Per%Cent": {"type": "string", "enum": ["pc"]},
                "Id": {"type": "string", "readOnly": true},
                "Reboot": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string", "enum": ["reboot", "shutdown"]}}}
            }
        }
    })
}

#[test]
fn values_follow_the_schema() {
    let doc = doc();
    let values = Values::new(&doc);
    for (schema, want) in [
        // Scalars and formats.
        (json!({"type": "string"}), json!("conformance")),
        (
            json!({"type": "string", "format": "date-time"}),
            json!("2024-01-02T03:04:05Z"),
        ),
        (
            json!({"type": "string", "format": "date"}),
            json!("2024-01-02"),
        ),
        // Numbers in a string enum are their text, as the generator takes them.
        (json!({"type": "string", "enum": [1, 2]}), json!("1")),
        (
            json!({"type": "string", "format": "date", "enum": [20160128]}),
            json!("20160128"),
        ),
        (
            json!({"type": "string", "format": "uuid"}),
            json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        ),
        (
            json!({"type": "string", "format": "email"}),
            json!("user@example.com"),
        ),
        (
            json!({"type": "string", "format": "uri"}),
            json!("https://example.com/conformance"),
        ),
        (
            json!({"type": "string", "format": "byte"}),
            json!("Y29uZm9ybWFuY2U="),
        ),
        (json!({"type": "string", "maxLength": 4}), json!("conf")),
        (
            json!({"type": "string", "minLength": 14}),
            json!("conformancexxx"),
        ),
        (
            json!({"type": "string", "pattern": "^[A-Z]{2}[0-9]{3}$"}),
            json!("AA000"),
        ),
        (
            json!({"type": "string", "pattern": "^(?=x)x$"}),
            json!("conformance"),
        ),
        (
            json!({"type": "string", "enum": [null, "b", "c"], "nullable": true}),
            json!("b"),
        ),
        (json!({"type": "integer"}), json!(1)),
        (json!({"type": "integer", "minimum": 10}), json!(10)),
        (
            json!({"type": "integer", "minimum": 10, "exclusiveMinimum": true}),
            json!(11),
        ),
        (json!({"type": "integer", "maximum": 0}), json!(0)),
        (
            json!({"type": "integer", "maximum": 0, "exclusiveMaximum": true}),
            json!(-1),
        ),
        (
            json!({"type": "integer", "minimum": 3, "multipleOf": 5}),
            json!(5),
        ),
        (
            json!({"type": "number", "minimum": 0.25, "maximum": 0.75}),
            json!(0.75),
        ),
        (json!({"type": "number", "minimum": 1.5}), json!(1.5)),
        (json!({"type": "boolean"}), json!(true)),
        // Examples and defaults when they fit, else synthesis.
        (json!({"type": "integer", "example": 42}), json!(42)),
        (json!({"type": "integer", "example": "42"}), json!(1)),
        (
            json!({"type": "string", "format": "uuid", "example": "abc"}),
            json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
        ),
        (
            json!({"type": "integer", "maximum": 5, "default": 3}),
            json!(3),
        ),
        (
            json!({"type": "integer", "maximum": 5, "default": 7}),
            json!(1),
        ),
        (
            json!({"$ref": "#/components/schemas/Stale"}),
            json!({"a": "conformance"}),
        ),
        // Arrays and maps.
        (
            json!({"type": "array", "items": {"type": "integer"}}),
            json!([1]),
        ),
        (
            json!({"type": "array", "minItems": 3, "uniqueItems": true, "items": {"type": "string"}}),
            json!(["conformance", "conformance1", "conformance2"]),
        ),
        (
            json!({"type": "array", "maxItems": 0, "items": {"type": "string"}}),
            json!([]),
        ),
        (
            json!({"type": "object", "additionalProperties": {"type": "integer"}}),
            json!({"key": 1}),
        ),
        (
            json!({"type": "object", "minProperties": 2, "additionalProperties": true}),
            json!({"key": "conformance", "key2": "conformance"}),
        ),
        // Objects: required and optional properties, readOnly left out, recursion cut.
        (
            json!({"$ref": "#/components/schemas/Pet"}),
            json!({"name": "conformance", "kind": "conformance", "tag": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "parent": {"name": "conformance", "kind": "conformance"}}),
        ),
        (json!({"$ref": "#/components/schemas/Node"}), node_chain()),
        (
            json!({"type": "object", "required": ["undeclared"], "properties": {}}),
            json!({"undeclared": "conformance"}),
        ),
        (
            json!({"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string", "readOnly": true}, "at": {"type": "string", "readOnly": true}, "name": {"type": "string"}}}),
            json!({"name": "conformance"}),
        ),
        // readOnly through a reference and an `allOf` wrapper.
        (
            json!({"type": "object", "required": ["id"], "properties": {"id": {"allOf": [{"$ref": "#/components/schemas/Id"}]}}}),
            json!({}),
        ),
        // allOf merged (Cat's `parent` is a Pet entered from Cat, not yet recursion, so it has
        // its optional properties; the Pet inside it is); oneOf picks a member only it
        // accepts and sets the discriminator.
        (
            json!({"$ref": "#/components/schemas/Cat"}),
            json!({"name": "conformance", "kind": "conformance", "tag": UUID, "parent": {"name": "conformance", "kind": "conformance", "tag": UUID, "parent": {"name": "conformance", "kind": "conformance"}}, "lives": 1}),
        ),
        (
            json!({"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}], "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat"}}}),
            json!({"name": "conformance", "kind": "cat", "tag": UUID, "parent": {"name": "conformance", "kind": "conformance", "tag": UUID, "parent": {"name": "conformance", "kind": "conformance"}}, "lives": 1}),
        ),
        (
            json!({"oneOf": [{"type": "null"}, {"type": "integer"}]}),
            json!(1),
        ),
        (
            json!({"oneOf": [{"$ref": "#/components/schemas/Reboot"}], "discriminator": {"propertyName": "type"}}),
            json!({"type": "reboot"}),
        ),
        (
            json!({"anyOf": [{"type": "string", "enum": ["a"]}, {"type": "string"}]}),
            json!("a"),
        ),
        (
            json!({"oneOf": [{"type": "string"}, {"type": "string", "format": "date"}]}),
            json!("conformance"),
        ),
        (
            json!({"oneOf": [{"type": "string", "format": "date"}, {"type": "integer"}]}),
            json!("2024-01-02"),
        ),
        // References with escapes; no type at all.
        (
            json!({"$ref": "#/components/schemas/Per%25Cent"}),
            json!("pc"),
        ),
        (
            json!({"$ref": "#/components/schemas/Missing"}),
            json!("conformance"),
        ),
        (json!({}), json!("conformance")),
    ] {
        assert_eq!(values.schema(&schema), want, "{schema}");
    }
}

/// `Node` requires `children`, a list of `Node`: one level of optional-free nesting, then
/// lists of one item down to the depth limit, where the smallest object ends it.
fn node_chain() -> Value {
    let mut value = json!({});
    for _ in 0..MAX_DEPTH / 2 {
        value = json!({"children": [value]});
    }
    value
}

#[test]
fn parameters_and_bodies_use_their_examples_when_they_fit() {
    let doc = json!({"components": {"examples": {"E": {"value": "from-ref"}}}});
    let values = Values::new(&doc);
    for (parameter, want) in [
        (
            json!({"name": "a", "in": "query", "schema": {"type": "string"}, "example": "ex"}),
            json!("ex"),
        ),
        (
            json!({"name": "a", "in": "query", "schema": {"type": "integer"}, "example": "ten"}),
            json!(1),
        ),
        (
            json!({"name": "a", "in": "query", "schema": {"type": "string"}, "examples": {"one": {"$ref": "#/components/examples/E"}}}),
            json!("from-ref"),
        ),
        (
            json!({"name": "a", "in": "query", "content": {"application/json": {"schema": {"type": "object", "required": ["x"], "properties": {"x": {"type": "boolean"}}}}}}),
            json!({"x": true}),
        ),
        (json!({"name": "a", "in": "query"}), json!("conformance")),
    ] {
        assert_eq!(values.parameter(&parameter), want, "{parameter}");
    }
    let media = json!({"schema": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}, "examples": {"x": {"value": {"n": 5}}}});
    assert_eq!(values.media(&media), json!({"n": 5}));
    let null = json!({"schema": {"type": "object", "nullable": true, "properties": {"n": {"type": "integer"}}}, "example": null});
    assert_eq!(values.media(&null), json!({"n": 1}));
    let stale = json!({"schema": {"type": "object", "required": ["n"], "properties": {"n": {"type": "integer"}}}, "example": {"m": 5}});
    assert_eq!(values.media(&stale), json!({"n": 1}));
}

#[test]
fn fitting_checks_shapes_not_patterns() {
    let doc = doc();
    let values = Values::new(&doc);
    for (value, schema, want) in [
        (
            json!("2024-01-02T03:04:05.123+02:00"),
            json!({"type": "string", "format": "date-time"}),
            true,
        ),
        (
            json!("2024-01-02 03:04"),
            json!({"type": "string", "format": "date-time"}),
            false,
        ),
        (
            json!("x@y.z"),
            json!({"type": "string", "format": "email"}),
            true,
        ),
        (
            json!("nope"),
            json!({"type": "string", "format": "uri"}),
            false,
        ),
        (
            json!("anything"),
            json!({"type": "string", "pattern": "^[0-9]+$"}),
            true,
        ),
        (
            json!(null),
            json!({"type": "string", "nullable": true}),
            true,
        ),
        (json!(null), json!({"type": "string"}), false),
        (json!(2.5), json!({"type": "integer"}), false),
        (
            json!([1, 2]),
            json!({"type": "array", "maxItems": 1}),
            false,
        ),
        (
            json!({"name": "ab", "kind": "k", "id": 3}),
            json!({"$ref": "#/components/schemas/Pet"}),
            false,
        ),
        (
            json!({"name": "ab", "kind": "k"}),
            json!({"$ref": "#/components/schemas/Pet"}),
            true,
        ),
        (
            json!({"name": "a", "kind": "k"}),
            json!({"$ref": "#/components/schemas/Pet"}),
            false,
        ),
        (
            json!({"id": "x"}),
            json!({"required": ["id"], "properties": {"id": {"readOnly": true}}}),
            false,
        ),
        (
            json!({}),
            json!({"required": ["id"], "properties": {"id": {"readOnly": true}}}),
            true,
        ),
        (
            json!({"a": 1, "b": 2}),
            json!({"type": "object", "properties": {"a": {"type": "integer"}}, "additionalProperties": false}),
            false,
        ),
        (json!("1"), json!({"type": "string", "enum": [1, 2]}), true),
        (json!(1), json!({"type": "string", "enum": [1, 2]}), false),
        (json!(1), json!({"type": "integer", "enum": [1, 2]}), true),
    ] {
        assert_eq!(
            values.fits(&value, &schema),
            want,
            "{value} against {schema}"
        );
    }
}

#[test]
fn values_are_adapted_to_the_rust_type() {
    for (value, rust_type, want) in [
        (json!(5), "String", json!("5")),
        (json!(true), "String", json!("true")),
        (json!({"a": 1}), "String", json!("{\"a\":1}")),
        (json!("ab"), "Vec<u8>", json!([97, 98])),
        (
            json!({"k": 1}),
            "Vec<u8>",
            json!([123, 34, 107, 34, 58, 49, 125]),
        ),
        (json!([1, 2]), "Vec<u8>", json!([1, 2])),
        (json!("x"), "Vec<String>", json!(["x"])),
        (json!(["x"]), "Vec<String>", json!(["x"])),
        (json!(3), "i64", json!(3)),
    ] {
        assert_eq!(
            adapt(value.clone(), rust_type),
            want,
            "{value} as {rust_type}"
        );
    }
}
