use super::*;
use serde_json::json;

fn resolved(mut doc: Value) -> (Value, Vec<String>) {
    let warnings = resolve(&mut doc, "t.json").expect("resolves");
    (doc, warnings.iter().map(ToString::to_string).collect())
}

fn errors(mut doc: Value) -> Vec<String> {
    match resolve(&mut doc, "t.json") {
        Ok(_) => panic!("expected errors"),
        Err(e) => e.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn pointers_decode_escapes_and_percent_encoding() {
    assert_eq!(
        decode("#/components/schemas/a~1b~0c").ok(),
        Some(vec!["components".into(), "schemas".into(), "a/b~c".into()])
    );
    assert_eq!(
        decode("#/components/schemas/Foo%20Bar").ok(),
        Some(vec![
            "components".into(),
            "schemas".into(),
            "Foo Bar".into()
        ])
    );
    assert!(matches!(
        decode("other.yaml#/a"),
        Err(Undecodable::OtherDocument)
    ));
    assert!(matches!(decode("#a"), Err(Undecodable::NotAPointer)));
    assert_eq!(schema_name("#/components/schemas/a~1b"), Some("a/b".into()));
    assert_eq!(schema_name("#/components/schemas/a/properties/b"), None);
    assert_eq!(schema_ref("a/b"), "#/components/schemas/a~1b");
}

#[test]
fn canonical_schema_references_are_normalised() {
    let (doc, warnings) = resolved(json!({
        "components": {"schemas": {
            "Foo Bar": {"type": "string"},
            "A": {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/Foo%20Bar"}}}
        }}
    }));
    assert_eq!(
        doc.pointer("/components/schemas/A/properties/x/$ref"),
        Some(&json!("#/components/schemas/Foo Bar"))
    );
    assert!(warnings.is_empty());
}

#[test]
fn schemas_referenced_where_bundlers_put_them_move_to_components() {
    let (doc, warnings) = resolved(json!({
        "paths": {"/pets": {"get": {"operationId": "listPets", "responses": {"200": {
            "description": "ok",
            "content": {"application/json": {"schema": {"type": "object", "properties": {
                "owner": {"type": "object", "properties": {"name": {"type": "string"}}}
            }}}}
        }}}}},
        "components": {"schemas": {
            "Page": {"$ref": "#/paths/~1pets/get/responses/200/content/application~1json/schema"},
            "Owner": {"$ref": "#/paths/~1pets/get/responses/200/content/application~1json/schema/properties/owner"}
        }}
    }));
    let schemas = doc.pointer("/components/schemas").expect("schemas");
    // Both targets got names; the outer one now refers to the inner one.
    assert_eq!(
        schemas["Page"],
        json!({"$ref": "#/components/schemas/ListPetsResponse200"})
    );
    assert_eq!(
        schemas["Owner"],
        json!({"$ref": "#/components/schemas/ListPetsResponse200Owner"})
    );
    assert_eq!(
        schemas["ListPetsResponse200"]["properties"]["owner"],
        json!({"$ref": "#/components/schemas/ListPetsResponse200Owner"})
    );
    assert_eq!(
        schemas["ListPetsResponse200Owner"]["properties"]["name"],
        json!({"type": "string"})
    );
    // The response itself refers to the moved schema.
    assert_eq!(
        doc.pointer("/paths/~1pets/get/responses/200/content/application~1json/schema"),
        Some(&json!({"$ref": "#/components/schemas/ListPetsResponse200"}))
    );
    assert_eq!(warnings.len(), 2, "{warnings:?}");
}

#[test]
fn parameters_responses_bodies_and_path_items_are_copied_in() {
    let (doc, _) = resolved(json!({
        "paths": {
            "/a": {"get": {
                "parameters": [{"$ref": "#/components/parameters/Limit"}],
                "responses": {"200": {"$ref": "#/components/responses/Ok"}}
            }},
            "/b": {"$ref": "#/paths/~1a"},
            "/c": {"post": {
                "parameters": [{"$ref": "#/paths/~1a/get/parameters/0"}],
                "requestBody": {"$ref": "#/components/requestBodies/Body"},
                "responses": {"default": {"$ref": "#/components/responses/Chained"}}
            }}
        },
        "components": {
            "parameters": {"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}},
            "responses": {"Ok": {"description": "ok"}, "Chained": {"$ref": "#/components/responses/Ok"}},
            "requestBodies": {"Body": {"content": {"text/plain": {"schema": {"type": "string"}}}}}
        }
    }));
    assert_eq!(
        doc.pointer("/paths/~1a/get/parameters/0/name"),
        Some(&json!("limit"))
    );
    assert_eq!(
        doc.pointer("/paths/~1b/get/parameters/0/name"),
        Some(&json!("limit"))
    );
    assert_eq!(
        doc.pointer("/paths/~1c/post/parameters/0/name"),
        Some(&json!("limit"))
    );
    assert_eq!(
        doc.pointer("/paths/~1c/post/responses/default/description"),
        Some(&json!("ok"))
    );
    assert!(
        doc.pointer("/paths/~1c/post/requestBody/content/text~1plain")
            .is_some()
    );
}

#[test]
fn callbacks_given_by_reference_are_copied_in() {
    let (doc, warnings) = resolved(json!({
        "paths": {"/subscribe": {"post": {
            "callbacks": {"onEvent": {"$ref": "#/components/callbacks/Event"}},
            "responses": {"204": {"description": "ok"}}
        }}},
        "components": {"callbacks": {"Event": {
            "{$request.body#/url}": {"post": {"responses": {"200": {"$ref": "#/components/responses/Ok"}}}}
        }}, "responses": {"Ok": {"description": "ok"}}}
    }));
    assert_eq!(
        doc.pointer("/paths/~1subscribe/post/callbacks/onEvent/{$request.body#~1url}/post/responses/200/description"),
        Some(&json!("ok"))
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn references_of_the_wrong_kind_are_used_as_meant_with_a_warning() {
    let (doc, warnings) = resolved(json!({
        "paths": {"/a": {"post": {
            "requestBody": {"$ref": "#/components/schemas/Pet"},
            "responses": {
                "200": {"$ref": "#/components/schemas/Pet"},
                "400": {"$ref": "#/components/responses/Problem"}
            }
        }}},
        "components": {
            "schemas": {
                "Pet": {"type": "object", "description": "A pet."},
                "Holder": {"type": "object", "properties": {
                    "error": {"$ref": "#/components/responses/Problem"},
                    "pet": {"$ref": "#/components/responses/PetResponse"},
                    "chained": {"$ref": "#/components/responses/Chained"}
                }}
            },
            "responses": {
                "Problem": {"description": "bad", "content": {
                    "text/plain": {"schema": {"type": "string"}},
                    "application/problem+json": {"schema": {"type": "object", "properties": {"title": {"type": "string"}}}}
                }},
                "PetResponse": {"description": "a pet", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                "Chained": {"$ref": "#/components/responses/PetResponse"}
            }
        }
    }));
    // A schema where a response or a request body belongs: one of that schema, as JSON.
    assert_eq!(
        doc.pointer("/paths/~1a/post/responses/200"),
        Some(
            &json!({"description": "A pet.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}})
        )
    );
    assert_eq!(
        doc.pointer("/paths/~1a/post/requestBody/content/application~1json/schema"),
        Some(&json!({"$ref": "#/components/schemas/Pet"}))
    );
    // A response where a schema belongs: its JSON body's schema, moved to the schemas
    // when it is written inline, followed through references.
    let holder = doc
        .pointer("/components/schemas/Holder/properties")
        .expect("holder");
    assert_eq!(
        holder["error"],
        json!({"$ref": "#/components/schemas/Problem"})
    );
    assert_eq!(holder["pet"], json!({"$ref": "#/components/schemas/Pet"}));
    assert_eq!(
        holder["chained"],
        json!({"$ref": "#/components/schemas/Pet"})
    );
    assert_eq!(
        doc.pointer("/components/schemas/Problem/properties/title"),
        Some(&json!({"type": "string"}))
    );
    for want in [
        "#/paths/~1a/post/requestBody: `$ref: #/components/schemas/Pet` points at a schema where a request body belongs; generating an optional request body whose `application/json` body is that schema",
        "#/paths/~1a/post/responses/200: `$ref: #/components/schemas/Pet` points at a schema where a response belongs; generating a response whose `application/json` body is that schema",
        "#/components/schemas/Holder/properties/error: `$ref: #/components/responses/Problem` points at a response where a schema belongs; using its `application/problem+json` body's schema",
        "#/components/schemas/Holder/properties/pet: `$ref: #/components/responses/PetResponse` points at a response where a schema belongs; using its `application/json` body's schema (`#/components/schemas/Pet`)",
        "#/components/schemas/Holder/properties/chained: `$ref: #/components/responses/Chained` points at a response where a schema belongs; using its `application/json` body's schema (`#/components/schemas/Pet`)",
    ] {
        assert!(
            warnings.iter().any(|w| w == want),
            "{want}\nnot in {warnings:#?}"
        );
    }
}

/// `nullable`, `readOnly` and `writeOnly` beside a `$ref` are honoured through an `allOf`
/// wrapper, with the description; other siblings, and `false`, are ignored as before.
#[test]
fn nullable_and_direction_beside_a_ref_are_honoured() {
    let (doc, warnings) = resolved(json!({
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Pet", "nullable": true}}
        }}}}}},
        "components": {"schemas": {
            "Pet": {"type": "object", "properties": {
                "id": {"$ref": "#/components/schemas/Id", "readOnly": true, "description": "Its id."},
                "owner": {"$ref": "#/components/schemas/Id", "nullable": true, "writeOnly": true, "type": "string"},
                "typed": {"$ref": "#/components/schemas/Id", "type": "string", "description": "ignored"},
                "plain": {"$ref": "#/components/schemas/Id", "nullable": false}
            }},
            "Id": {"type": "string"},
            "Alias": {"$ref": "#/components/schemas/Id", "nullable": true}
        }}
    }));
    let id = json!({"$ref": "#/components/schemas/Id"});
    let table = [
        (
            "/paths/~1a/get/responses/200/content/application~1json/schema",
            json!({"allOf": [{"$ref": "#/components/schemas/Pet"}], "nullable": true}),
        ),
        (
            "/components/schemas/Pet/properties/id",
            json!({"allOf": [id], "description": "Its id.", "readOnly": true}),
        ),
        (
            "/components/schemas/Pet/properties/owner",
            json!({"allOf": [id], "nullable": true, "writeOnly": true}),
        ),
        (
            "/components/schemas/Pet/properties/typed",
            json!({"$ref": "#/components/schemas/Id", "type": "string", "description": "ignored"}),
        ),
        (
            "/components/schemas/Pet/properties/plain",
            json!({"$ref": "#/components/schemas/Id", "nullable": false}),
        ),
        (
            "/components/schemas/Alias",
            json!({"allOf": [id], "nullable": true}),
        ),
    ];
    for (at, want) in table {
        assert_eq!(doc.pointer(at), Some(&want), "{at}");
    }
    assert_eq!(
        warnings,
        [
            "#/paths/~1a/get/responses/200/content/application~1json/schema: `nullable: true` beside `$ref: #/components/schemas/Pet`, which OpenAPI 3.0 says to ignore, is honoured: the schema is `allOf: [$ref]` with it",
            "#/components/schemas/Pet/properties/id: `readOnly: true` beside `$ref: #/components/schemas/Id`, which OpenAPI 3.0 says to ignore, is honoured: the schema is `allOf: [$ref]` with it",
            "#/components/schemas/Pet/properties/owner: `nullable: true` and `writeOnly: true` beside `$ref: #/components/schemas/Id`, which OpenAPI 3.0 says to ignore, is honoured: the schema is `allOf: [$ref]` with it",
            "#/components/schemas/Alias: `nullable: true` beside `$ref: #/components/schemas/Id`, which OpenAPI 3.0 says to ignore, is honoured: the schema is `allOf: [$ref]` with it",
        ]
    );
}

#[test]
fn references_of_the_wrong_kind_without_a_plain_meaning_are_errors() {
    let got = errors(json!({
        "paths": {"/a": {"get": {
            "parameters": [{"$ref": "#/components/schemas/Pet"}],
            "responses": {"204": {"description": "done"}}
        }}},
        "components": {
            "schemas": {
                "Pet": {"type": "object"},
                "Holder": {"type": "object", "properties": {"x": {"$ref": "#/components/responses/Empty"}}}
            },
            "responses": {"Empty": {"description": "nothing"}}
        }
    }));
    assert!(
        got.iter().any(|e| e.contains("#/components/schemas/Holder/properties/x: `$ref: #/components/responses/Empty` must point at a schema, but points at a response, which has no body schema to use")),
        "{got:?}"
    );
    let got = errors(json!({
        "paths": {"/a": {"get": {
            "parameters": [{"$ref": "#/components/schemas/Pet"}],
            "responses": {"204": {"description": "done"}}
        }}},
        "components": {"schemas": {"Pet": {"type": "object"}}}
    }));
    assert!(
        got.iter().any(|e| e.contains("#/paths/~1a/get/parameters/0: `$ref: #/components/schemas/Pet` must point at a parameter, but points at a schema")),
        "{got:?}"
    );
}

#[test]
fn refs_inside_examples_and_extensions_are_data() {
    let (doc, _) = resolved(json!({
        "components": {"schemas": {"A": {
            "type": "object",
            "example": {"$ref": "not a reference"},
            "x-note": {"$ref": "#/nowhere"}
        }}}
    }));
    assert_eq!(
        doc.pointer("/components/schemas/A/example/$ref"),
        Some(&json!("not a reference"))
    );
}

#[test]
fn bad_references_are_located() {
    let got = errors(json!({
        "paths": {"/a": {"get": {"parameters": [{"$ref": "#/components/parameters/Nope"}]}}},
        "components": {"schemas": {
            "A": {"$ref": "other.yaml#/components/schemas/B"},
            "B": {"$ref": "#/components/schemas/C"},
            "C": {"type": "object", "properties": {"d": {"$ref": "#/components/schemas/Gone"}}}
        }}
    }));
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got[0].contains(
            "#/paths/~1a/get/parameters/0: unresolved `$ref: #/components/parameters/Nope`"
        ),
        "{got:?}"
    );
    assert!(got.iter().any(|e| e.contains("#/components/schemas/A: `$ref: other.yaml#/components/schemas/B` points into another file")), "{got:?}");
    assert!(
        got.iter()
            .any(|e| e.contains("#/components/schemas/C/properties/d: unresolved")),
        "{got:?}"
    );
}

#[test]
fn a_cycle_of_references_is_an_error() {
    let got = errors(json!({
        "components": {
            "schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}
        }
    }));
    assert!(
        got[0].contains("`$ref` cycle that defines no type"),
        "{got:?}"
    );
    let got = errors(json!({
        "components": {"responses": {
            "A": {"$ref": "#/components/responses/B"},
            "B": {"$ref": "#/components/responses/A"}
        }}
    }));
    assert!(
        got.iter().all(|e| e.contains("cycle of references")),
        "{got:?}"
    );
}
