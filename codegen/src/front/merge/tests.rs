use super::*;
use serde_json::json;

fn spec(tag: &str, paths: Value, schemas: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": format!("Platform API - {tag}"), "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "tags": [{"name": tag}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {"OAuth": {"type": "oauth2", "flows": {}}}}
    })
}

fn get(id: &str, schema: &str) -> Value {
    json!({"get": {"operationId": id, "responses": {"200": {"description": "ok",
        "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}}}}})
}

#[test]
fn shared_schemas_are_shared_and_differing_ones_renamed_with_their_users() {
    let error = json!({"type": "object", "properties": {"message": {"type": "string"}}});
    let a = spec(
        "Chat",
        json!({"/rooms": get("getRooms", "Room")}),
        json!({"ErrorBody": error, "Room": {"type": "object", "properties": {"id": {"type": "string"}}}}),
    );
    let b = spec(
        "Users",
        json!({"/users": get("getUsers", "User")}),
        json!({
            "ErrorBody": error,
            "Room": {"type": "object", "properties": {"name": {"type": "string"}}},
            "User": {"type": "object", "properties": {"room": {"$ref": "#/components/schemas/Room"}}}
        }),
    );
    let (merged, warnings) =
        merge(vec![("a.yaml".into(), a), ("b.yaml".into(), b)]).expect("merges");
    let schemas = merged
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .expect("schemas");
    let names: Vec<&str> = schemas.keys().map(String::as_str).collect();
    // `User` refers to the renamed `Room`, so it differs from nothing: kept as is.
    assert_eq!(names, ["ErrorBody", "Room", "RoomUsers", "User"]);
    assert_eq!(
        schemas["User"]["properties"]["room"]["$ref"],
        json!("#/components/schemas/RoomUsers")
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].to_string().contains("schema `Room` is defined differently in a.yaml; this spec's is generated as `RoomUsers`"), "{warnings:?}");
    assert_eq!(merged["info"]["title"], json!("Platform API"));
    assert_eq!(merged["paths"].as_object().map(|p| p.len()), Some(2));
    let tags: Vec<&str> = merged["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert_eq!(tags, ["Chat", "Users"]);
}

#[test]
fn conflicting_operations_ids_servers_and_schemes_are_errors_naming_both_specs() {
    let a = spec(
        "Chat",
        json!({"/rooms": get("getRooms", "Room")}),
        json!({"Room": {"type": "string"}}),
    );
    let mut b = spec(
        "Users",
        json!({"/rooms": get("listRooms", "Room"), "/users": get("getRooms", "Room")}),
        json!({"Room": {"type": "string"}}),
    );
    b["servers"] = json!([{"url": "https://elsewhere.example.com"}]);
    b["components"]["securitySchemes"]["OAuth"] = json!({"type": "http", "scheme": "bearer"});
    let errors = merge(vec![("a.yaml".into(), a), ("b.yaml".into(), b)]).expect_err("conflicts");
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    for want in [
        "b.yaml: #/paths/~1rooms/get: `GET /rooms` is defined here and, differently, in a.yaml: #/paths/~1rooms/get (they differ at #/paths/~1rooms/get/operationId)",
        "b.yaml: #/paths/~1users/get/operationId: operationId `getRooms` is also `GET /rooms` in a.yaml",
        "b.yaml: #/servers: the servers (https://elsewhere.example.com) differ from those of a.yaml (https://api.example.com)",
    ] {
        assert!(
            text.iter().any(|t| t.contains(want)),
            "{want:?} not in {text:#?}"
        );
    }
}

/// An operation both specs define identically but for its tags is one operation in both
/// groups, without a word; anything else that differs is an error naming both places and
/// the first difference.
#[test]
fn an_operation_that_differs_only_in_its_tags_is_one_operation_with_both_tags() {
    let tagged = |tags: Value, schema: &str| {
        let mut item = get("getRooms", schema);
        item["get"]["tags"] = tags;
        item
    };
    let room = json!({"Room": {"type": "string"}});
    let table = [
        // (first spec's tags, second's, the merged tags)
        (json!(["Chat"]), json!(["Users"]), json!(["Chat", "Users"])),
        (
            json!(["Chat", "Rooms"]),
            json!(["Users", "Chat"]),
            json!(["Chat", "Rooms", "Users"]),
        ),
        (json!(["Chat"]), json!(["Chat"]), json!(["Chat"])),
    ];
    for (ours, theirs, want) in table {
        let a = spec(
            "Chat",
            json!({"/rooms": tagged(ours.clone(), "Room")}),
            room.clone(),
        );
        let mut b = spec(
            "Users",
            json!({"/rooms": tagged(theirs.clone(), "Room")}),
            room.clone(),
        );
        // Documentation may differ too: the first spec's is kept.
        b["paths"]["/rooms"]["get"]["summary"] = json!("Rooms, as the users group says");
        let (merged, warnings) = merge(vec![("a.yaml".into(), a), ("b.yaml".into(), b)])
            .unwrap_or_else(|e| panic!("{ours} + {theirs}: {e:?}"));
        assert!(warnings.is_empty(), "{ours} + {theirs}: {warnings:?}");
        assert_eq!(
            merged["paths"]["/rooms"]["get"]["tags"], want,
            "{ours} + {theirs}"
        );
        assert_eq!(merged["paths"]["/rooms"]["get"].get("summary"), None);
    }
    // Untagged in one spec: the other's tags are added.
    let mut a = spec(
        "Chat",
        json!({"/rooms": get("getRooms", "Room")}),
        room.clone(),
    );
    a["paths"]["/rooms"]["get"]
        .as_object_mut()
        .map(|op| op.remove("tags"));
    let b = spec(
        "Users",
        json!({"/rooms": tagged(json!(["Users"]), "Room")}),
        room.clone(),
    );
    let (merged, _) = merge(vec![("a.yaml".into(), a), ("b.yaml".into(), b)]).expect("merges");
    assert_eq!(merged["paths"]["/rooms"]["get"]["tags"], json!(["Users"]));

    // Tags and the response differ: not the same operation.
    let a = spec(
        "Chat",
        json!({"/rooms": tagged(json!(["Chat"]), "Room")}),
        json!({"Room": {"type": "string"}, "Other": {"type": "integer"}}),
    );
    let b = spec(
        "Users",
        json!({"/rooms": tagged(json!(["Users"]), "Other")}),
        json!({"Room": {"type": "string"}, "Other": {"type": "integer"}}),
    );
    let errors = merge(vec![("a.yaml".into(), a), ("b.yaml".into(), b)]).expect_err("differs");
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 1, "{text:#?}");
    assert!(
        text[0].contains("b.yaml: #/paths/~1rooms/get: `GET /rooms` is defined here and, differently, in a.yaml: #/paths/~1rooms/get (they differ at #/paths/~1rooms/get/responses/200/content/application~1json/schema/$ref)"),
        "{text:#?}"
    );
}

/// OAuth 2 schemes of one name whose flows fit together are one scheme with every flow
/// and scope; flows that contradict each other keep them apart.
#[test]
fn oauth_schemes_of_one_name_unite_their_flows_unless_they_contradict() {
    let implicit =
        json!({"authorizationUrl": "https://login.example/authorize", "scopes": {"a": "A"}});
    let code = json!({"authorizationUrl": "https://login.example/authorize", "tokenUrl": "https://login.example/token", "scopes": {}});
    let oauth = |flows: Value| json!({"type": "oauth2", "flows": flows});
    let table = [
        (
            oauth(json!({"implicit": implicit, "authorizationCode": code})),
            oauth(
                json!({"implicit": {"authorizationUrl": "https://login.example/authorize", "scopes": {"b": "B"}}}),
            ),
            Some(
                json!({"implicit": {"authorizationUrl": "https://login.example/authorize", "scopes": {"a": "A", "b": "B"}}, "authorizationCode": code}),
            ),
        ),
        (
            oauth(json!({"implicit": implicit})),
            oauth(
                json!({"clientCredentials": {"tokenUrl": "https://login.example/token", "scopes": {}}}),
            ),
            Some(
                json!({"implicit": implicit, "clientCredentials": {"tokenUrl": "https://login.example/token", "scopes": {}}}),
            ),
        ),
        (
            oauth(json!({"implicit": implicit})),
            oauth(
                json!({"implicit": {"authorizationUrl": "https://other.example/authorize", "scopes": {}}}),
            ),
            None,
        ),
        (
            oauth(json!({"implicit": implicit})),
            json!({"type": "http", "scheme": "bearer"}),
            None,
        ),
    ];
    for (a, b, want) in table {
        assert_eq!(united_flows(&a, &b), want, "{a} + {b}");
    }
    let mut first = spec(
        "Chat",
        json!({"/rooms": get("getRooms", "Room")}),
        json!({}),
    );
    first["components"]["securitySchemes"]["OAuth"] =
        oauth(json!({"implicit": implicit, "authorizationCode": code}));
    let mut second = spec(
        "Users",
        json!({"/users": get("getUsers", "Room")}),
        json!({}),
    );
    second["components"]["securitySchemes"]["OAuth"] = oauth(json!({"implicit": implicit}));
    second["paths"]["/users"]["get"]["security"] = json!([{"OAuth": []}]);
    let (merged, warnings) =
        merge(vec![("a.yaml".into(), first), ("b.yaml".into(), second)]).expect("merges");
    let names: Vec<&String> = object(&merged, "/components/securitySchemes")
        .keys()
        .collect();
    assert_eq!(names, ["OAuth"]);
    assert_eq!(
        merged["paths"]["/users"]["get"]["security"],
        json!([{"OAuth": []}])
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_differing_security_scheme_is_renamed_and_a_differing_extension_kept_first_with_warnings() {
    let mut a = spec(
        "Chat",
        json!({"/rooms": get("getRooms", "Room")}),
        json!({"Room": {"type": "string"}}),
    );
    a["x-api-family"] = json!("chat");
    a["paths"]["/rooms"]["get"]["security"] = json!([{"OAuth": []}]);
    let mut b = spec(
        "Users",
        json!({"/users": get("getUsers", "Room")}),
        json!({"Room": {"type": "string"}}),
    );
    b["x-api-family"] = json!("users");
    b["info"]["x-audience"] = json!("public");
    b["components"]["securitySchemes"]["OAuth"] = json!({"type": "http", "scheme": "bearer"});
    b["paths"]["/users"]["get"]["security"] = json!([{"OAuth": ["users:read"]}]);
    let (merged, warnings) =
        merge(vec![("a.yaml".into(), a), ("b.yaml".into(), b)]).expect("merges");
    let schemes = merged
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object)
        .expect("schemes");
    let names: Vec<&str> = schemes.keys().map(String::as_str).collect();
    assert_eq!(names, ["OAuth", "OAuth (Users)"]);
    assert_eq!(schemes["OAuth (Users)"]["scheme"], json!("bearer"));
    // The renamed scheme's users follow it; the first spec's keep theirs.
    assert_eq!(
        merged["paths"]["/users"]["get"]["security"],
        json!([{"OAuth (Users)": ["users:read"]}])
    );
    assert_eq!(
        merged["paths"]["/rooms"]["get"]["security"],
        json!([{"OAuth": []}])
    );
    // Extensions: the first value is kept; one only the later spec has is added.
    assert_eq!(merged["x-api-family"], json!("chat"));
    assert_eq!(merged["info"]["x-audience"], json!("public"));
    let text: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 2, "{text:#?}");
    for want in [
        "b.yaml: #/components/securitySchemes/OAuth",
        "b.yaml: #/x-api-family: `x-api-family` differs from a.yaml's; the first is kept",
    ] {
        assert!(
            text.iter().any(|t| t.contains(want)),
            "{want:?} not in {text:#?}"
        );
    }
}

#[test]
fn titles_keep_what_they_share() {
    let t = |v: &[&str]| common_title(&v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
    assert_eq!(
        t(&[
            "Genesys Cloud Platform API: Chat",
            "Genesys Cloud Platform API - Users"
        ]),
        "Genesys Cloud Platform API"
    );
    assert_eq!(t(&["Pets", "Zoo"]), "Pets, Zoo");
    assert_eq!(t(&["One"]), "One");
}

#[test]
fn renames_reach_schemas_that_refer_to_renamed_ones_number_taken_names_and_share_twins() {
    let object =
        |property: &str, schema: Value| json!({"type": "object", "properties": {property: schema}});
    let zeta = |property: &str| object(property, json!({"type": "string"}));
    let alpha = object("zeta", json!({"$ref": "#/components/schemas/Zeta"}));
    let a = spec(
        "Chat",
        json!({"/a": get("getA", "Alpha")}),
        json!({
            "Alpha": alpha,
            "Room": zeta("id"),
            "RoomUsers": object("x", json!({"type": "integer"})),
            "Zeta": zeta("id"),
        }),
    );
    // `Alpha` is the same text, but its `Zeta` differs: it is renamed in a later round.
    let b = spec(
        "Users",
        json!({"/b": get("getB", "Alpha")}),
        json!({"Alpha": alpha, "Room": zeta("name"), "Zeta": zeta("name")}),
    );
    // The same definitions as `b`'s: they share the names `b`'s got.
    let c = spec(
        "Presence",
        json!({"/c": get("getC", "Alpha")}),
        json!({"Alpha": alpha, "Room": zeta("name"), "Zeta": zeta("name")}),
    );
    let (merged, warnings) = merge(vec![
        ("a.yaml".into(), a),
        ("b.yaml".into(), b),
        ("c.yaml".into(), c),
    ])
    .expect("merges");
    let schemas = merged
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .expect("schemas");
    let names: Vec<&str> = schemas.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "Alpha",
            "Room",
            "RoomUsers",
            "Zeta",
            "AlphaUsers",
            "RoomUsers2",
            "ZetaUsers"
        ]
    );
    assert_eq!(
        schemas["AlphaUsers"]["properties"]["zeta"]["$ref"],
        json!("#/components/schemas/ZetaUsers")
    );
    for (path, schema) in [("/b", "AlphaUsers"), ("/c", "AlphaUsers")] {
        assert_eq!(
            merged["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                ["$ref"],
            json!(format!("#/components/schemas/{schema}")),
            "{path}"
        );
    }
    let messages: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    let expected = [
        "b.yaml: #/components/schemas/Room: schema `Room` is defined differently in a.yaml; this spec's is generated as `RoomUsers2`",
        "b.yaml: #/components/schemas/Zeta: schema `Zeta` is defined differently in a.yaml; this spec's is generated as `ZetaUsers`",
        "b.yaml: #/components/schemas/Alpha: schema `Alpha` is defined differently in a.yaml; this spec's is generated as `AlphaUsers`",
        "c.yaml: #/components/schemas/Room: schema `Room` is defined differently in a.yaml; this spec's is the same as `RoomUsers2` and shares it",
        "c.yaml: #/components/schemas/Zeta: schema `Zeta` is defined differently in a.yaml; this spec's is the same as `ZetaUsers` and shares it",
        "c.yaml: #/components/schemas/Alpha: schema `Alpha` is defined differently in a.yaml; this spec's is the same as `AlphaUsers` and shares it",
    ];
    assert_eq!(messages.len(), expected.len(), "{messages:#?}");
    for (message, expected) in messages.iter().zip(expected) {
        assert!(
            message.contains(expected),
            "{message}\nshould contain\n{expected}"
        );
    }
}

#[test]
fn referenced_names_are_exactly_what_rename_refs_rewrites() {
    // (schema, the names it refers to)
    let cases = [
        (json!({"type": "string"}), vec![]),
        (json!({"$ref": "#/components/schemas/A"}), vec!["A"]),
        (json!({"$ref": "#/components/schemas/A~1B"}), vec!["A/B"]),
        (json!({"$ref": "#/components/parameters/P"}), vec![]),
        (
            json!({"allOf": [{"$ref": "#/components/schemas/A"}, {"properties": {"b": {"items": {"$ref": "#/components/schemas/B"}}}}]}),
            vec!["A", "B"],
        ),
        (
            json!({"oneOf": [{"$ref": "#/components/schemas/Cat"}], "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat", "dog": "Dog"}}}),
            vec!["Cat", "Dog"],
        ),
    ];
    for (schema, expected) in cases {
        let mut names = BTreeSet::new();
        referenced(&schema, &mut names);
        assert_eq!(names.iter().collect::<Vec<_>>(), expected, "{schema}");
        // Renaming every name it refers to leaves it referring to the new names only.
        let renames: BTreeMap<String, String> = names
            .iter()
            .map(|n| (n.clone(), format!("{n}New")))
            .collect();
        let mut renamed = schema.clone();
        rename_refs(&mut renamed, &renames);
        let mut after = BTreeSet::new();
        referenced(&renamed, &mut after);
        assert_eq!(after, renames.values().cloned().collect(), "{schema}");
        // Renaming names it does not refer to changes nothing.
        let mut untouched = schema.clone();
        rename_refs(
            &mut untouched,
            &BTreeMap::from([("Other".to_owned(), "X".to_owned())]),
        );
        assert_eq!(untouched, schema);
    }
}
