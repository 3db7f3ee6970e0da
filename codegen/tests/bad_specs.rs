//! Every kind of bad input gets a typed error that says what is wrong and where, and all
//! independent problems are reported in one run. One row per case.

use codegen::Options;

mod common;

/// `codegen::generate`, with each schema's module also under `models::NAME`
/// (`common::with_schema_modules`).
fn generate(spec: &str, options: &Options) -> Result<codegen::Output, codegen::Errors> {
    codegen::generate(spec, options).map(|mut output| {
        output.files = common::with_schema_modules(output.files);
        output
    })
}

/// A valid document around `paths` and `schemas` (both YAML, indented for their place).
fn spec(paths: &str, schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths}\ncomponents:\n  schemas:\n{schemas}\n"
    )
}

const OK_SCHEMA: &str = "    Ok: {type: object, properties: {id: {type: string}}}";

fn get(path: &str, extra: &str) -> String {
    format!(
        "  {path}:\n    get:\n      operationId: op\n{extra}      responses:\n        '204': {{description: done}}\n"
    )
}

fn error_of(text: &str) -> String {
    match generate(text, &Options::new("t", "t.yaml")) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn each_bad_spec_gets_a_located_message() {
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        (
            "empty file",
            String::new(),
            vec!["t.yaml: #: the spec is empty", "1 error found"],
        ),
        (
            "not YAML",
            "openapi: 3.0.3\ninfo: [unclosed\n".into(),
            vec!["t.yaml:3:1: the spec is not valid YAML"],
        ),
        (
            "YAML that is not OpenAPI",
            "name: my service\nversion: 2\n".into(),
            vec!["t.yaml: #: the document has no `openapi` field"],
        ),
        (
            "Swagger 2.0",
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n".into(),
            vec![
                "#/swagger: this is a Swagger 2.0 document",
                "help: convert it first",
            ],
        ),
        (
            "OpenAPI 3.1",
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n".into(),
            vec![
                "#/openapi: OpenAPI 3.1.0 is not supported",
                "help: declare `openapi: 3.0.3`",
            ],
        ),
        (
            "three unresolved $refs",
            spec(
                "  {}",
                "    A: {type: object, properties: {x: {$ref: '#/components/schemas/Nope1'}, y: {$ref: '#/components/schemas/Nope2'}}}\n    B: {type: array, items: {$ref: '#/components/schemas/Nope3'}}",
            ),
            vec![
                "#/components/schemas/A/properties/x: unresolved `$ref: #/components/schemas/Nope1`",
                "#/components/schemas/A/properties/y: unresolved `$ref: #/components/schemas/Nope2`",
                "#/components/schemas/B/items: unresolved `$ref: #/components/schemas/Nope3`",
                "3 errors found",
            ],
        ),
        (
            "$ref into another file",
            spec(
                "  {}",
                "    A: {$ref: 'common.yaml#/components/schemas/Shared'}",
            ),
            vec![
                "#/components/schemas/A: `$ref: common.yaml#/components/schemas/Shared` points into another file",
                "help: bundle the spec",
            ],
        ),
        (
            "$ref cycle that makes no type",
            spec(
                "  {}",
                "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}",
            ),
            vec![
                "#/components/schemas/A: `$ref` cycle that defines no type: #/components/schemas/A → #/components/schemas/B → #/components/schemas/A",
            ],
        ),
        (
            "a document of the wrong shape",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: []\n".into(),
            vec!["t.yaml: #/paths: the document does not have the shape of OpenAPI 3.0"],
        ),
    ];
    let mut failures = Vec::new();
    for (name, text, wants) in &cases {
        let message = error_of(text);
        for want in wants {
            if !message.contains(want) {
                failures.push(format!("{name}: {want:?} not in:\n{message}\n"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Defects that concern one place of a spec (an operation, a name) never refuse the whole
/// spec: the generator does what the spec most plausibly means and says so, located.
#[test]
fn local_defects_generate_and_say_what_was_done() {
    /// (name, spec, warnings expected, (file, text expected in it))
    type Case<'a> = (&'a str, String, Vec<&'a str>, Vec<(&'a str, &'a str)>);
    let cases: Vec<Case> = vec![
        (
            "duplicate operationId",
            spec(&format!("{}{}", get("/a", ""), get("/b", "")), OK_SCHEMA),
            vec![
                "[operation-id] #/paths/~1b/get/operationId: duplicate operationId `op`, first used at #/paths/~1a/get; this one gets a numbered name",
            ],
            vec![
                ("src/apis/default.rs", "pub fn op(&self) -> OpRequest"),
                ("src/apis/default.rs", "pub fn op_2(&self) -> Op2Request"),
            ],
        ),
        (
            "path parameter in the template but not declared",
            spec(&get("/rooms/{roomId}", ""), OK_SCHEMA),
            vec![
                "[path-parameter] #/paths/~1rooms~1{roomId}/get: `/rooms/{roomId}` contains `{roomId}` but the operation declares no path parameter `roomId`; generating a string parameter",
            ],
            vec![(
                "src/apis/default.rs",
                "pub fn op(&self, room_id: impl Into<String>) -> OpRequest",
            )],
        ),
        (
            "path parameter declared but not in the template",
            spec(
                &get(
                    "/rooms",
                    "      parameters:\n        - {name: roomId, in: path, required: true, schema: {type: string}}\n",
                ),
                OK_SCHEMA,
            ),
            vec![
                "[path-parameter] #/paths/~1rooms/get/parameters/0: path parameter `roomId` is declared but `/rooms` has no `{roomId}`; it is left out",
            ],
            vec![("src/apis/default.rs", "pub fn op(&self) -> OpRequest")],
        ),
        (
            "a nullable path parameter",
            spec(
                &get(
                    "/rooms/{roomId}",
                    "      parameters:\n        - {name: roomId, in: path, required: true, schema: {type: string, nullable: true}}\n",
                ),
                OK_SCHEMA,
            ),
            vec![
                "#/paths/~1rooms~1{roomId}/get/parameters/0/schema: a path parameter cannot be `null` (it is part of the path); generating it as not nullable",
            ],
            vec![(
                "src/apis/default.rs",
                "pub fn op(&self, room_id: impl Into<String>) -> OpRequest",
            )],
        ),
        (
            "a header the client sets itself",
            spec(
                &get(
                    "/rooms",
                    "      parameters:\n        - {name: Accept, in: header, schema: {type: string}}\n",
                ),
                OK_SCHEMA,
            ),
            vec!["[ignored-header] #/paths/~1rooms/get/parameters/0: a header parameter named `Accept` is ignored"],
            vec![("src/apis/default.rs", "pub fn op(&self) -> OpRequest")],
        ),
        (
            "a content key that is not a media type",
            spec(
                "  /report:\n    get:\n      operationId: op\n      responses:\n        '200':\n          description: a PDF\n          content:\n            pdf: {schema: {type: string, format: binary}}\n",
                OK_SCHEMA,
            ),
            vec!["[media-type] #/paths/~1report/get/responses/200/content/pdf: `pdf` is not a media type (`type/subtype`); the response is read as it comes, and `pdf` is left out of the `Accept` header"],
            vec![("src/apis/default.rs", "accept: \"*/*\"")],
        ),
        (
            "an operation the generator cannot express",
            {
                let mut deep = String::from("{type: string}");
                for _ in 0..40 {
                    deep = format!("{{type: array, items: {deep}}}");
                }
                spec(
                    &format!(
                        "{}  /deep:\n    post:\n      operationId: deep\n      requestBody:\n        content:\n          application/json: {{schema: {deep}}}\n      responses:\n        '204': {{description: done}}\n",
                        get("/a", "")
                    ),
                    OK_SCHEMA,
                )
            },
            vec![
                "[operation-left-out] #/paths/~1deep/post: operation left out: t.yaml: #/paths/~1deep/post/requestBody/content/application~1json/schema",
            ],
            vec![
                ("src/apis/default.rs", "pub fn op(&self) -> OpRequest"),
                ("src/lib.rs", "//! # Operations left out"),
                (
                    "src/lib.rs",
                    "//! - `POST /deep`: t.yaml: \\#/paths/~1deep/post/requestBody",
                ),
            ],
        ),
        (
            "a response `$ref` pointing at a schema",
            spec(
                "  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200': {$ref: '#/components/schemas/Ok'}\n",
                OK_SCHEMA,
            ),
            vec![
                "[wrong-ref-kind] #/paths/~1pets/get/responses/200: `$ref: #/components/schemas/Ok` points at a schema where a response belongs; generating a response whose `application/json` body is that schema",
            ],
            vec![(
                "src/apis/default.rs",
                "type Output = crate::models::Ok;",
            )],
        ),
        (
            "a schema `$ref` pointing at a response",
            format!(
                "{}    Holder: {{type: object, properties: {{ok: {{$ref: '#/components/responses/Found'}}}}}}\n  responses:\n    Found:\n      description: found\n      content:\n        application/json: {{schema: {{$ref: '#/components/schemas/Ok'}}}}\n",
                spec("  {}", OK_SCHEMA)
            ),
            vec![
                "[wrong-ref-kind] #/components/schemas/Holder/properties/ok: `$ref: #/components/responses/Found` points at a response where a schema belongs; using its `application/json` body's schema (`#/components/schemas/Ok`)",
            ],
            vec![(
                "models::holder",
                " ok: Option<crate::models::Ok> = ",
            )],
        ),
        (
            "`type: array` beside `oneOf`",
            spec(
                "  {}",
                "    Contexts: {type: array, items: {type: string}, oneOf: [{type: object, properties: {contexts: {type: array, items: {type: string}}}}, {type: array, items: {type: string}}]}",
            ),
            vec![
                "[composition] #/components/schemas/Contexts: `type: array` beside `oneOf` cannot be both: generating the `oneOf` of its members; `type: array` and `items` are left to them",
            ],
            vec![
                ("models::contexts", "pub enum Contexts {"),
                ("models::contexts", "(Vec<String>)"),
            ],
        ),
        // Valid OpenAPI the generator once refused or got wrong.
        (
            "a callback given by `$ref`",
            format!(
                "{}  callbacks:\n    Event:\n      '{{$request.body#/url}}':\n        post:\n          responses:\n            '204': {{description: done}}\n",
                spec(
                    "  /subscribe:\n    post:\n      operationId: subscribe\n      callbacks:\n        onEvent: {$ref: '#/components/callbacks/Event'}\n      responses:\n        '204': {description: done}\n",
                    OK_SCHEMA,
                )
            ),
            vec![],
            vec![("src/apis/default.rs", "pub fn subscribe(&self) -> SubscribeRequest")],
        ),
        (
            "tags and operations named `Self`, `self`, `Type`, `crate`",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {operationId: self, tags: [Self], responses: {'204': {description: done}}}\n  /b:\n    get: {operationId: Self, tags: [self], responses: {'204': {description: done}}}\n  /c:\n    get: {operationId: crate, tags: [Type], responses: {'204': {description: done}}}\n  /d:\n    get: {operationId: Option, tags: [Crate], responses: {'204': {description: done}}}\n".into(),
            vec![],
            vec![
                ("src/apis/self_.rs", "pub struct SelfApi {"),
                ("src/apis/self_.rs", "pub type SelfRequest = RequestBuilder<Self_>;"),
                ("src/apis/self_2.rs", "pub struct SelfApi2 {"),
                ("src/apis/self_2.rs", "pub fn self_(&self) -> SelfRequest"),
                ("src/apis/type.rs", "pub struct TypeApi {"),
                ("src/apis/type.rs", "pub type CrateRequest = RequestBuilder<Crate>;"),
                ("src/apis/crate_.rs", "pub struct CrateApi {"),
                ("src/apis/crate_.rs", "pub type OptionRequest = RequestBuilder<Option2>;"),
            ],
        ),
        (
            "schemas named like prelude types",
            spec(
                "  {}",
                "    String: {type: object, properties: {value: {type: string}}}\n    Option: {type: object, properties: {some: {type: string}}}",
            ),
            vec![],
            vec![
                ("models::string", "pub struct String2 {"),
                ("models::string", " value: Option<String> = "),
                ("models::option", "pub struct Option2 {"),
            ],
        ),
        (
            "schemas and no operations",
            spec("  {}", OK_SCHEMA),
            vec![],
            vec![("Cargo.toml", "\nall-apis = [\"other-schemas\"]\n")],
        ),
        (
            "cookie parameter",
            spec(
                &get(
                    "/rooms",
                    "      parameters:\n        - {name: session, in: cookie, schema: {type: string}}\n",
                ),
                OK_SCHEMA,
            ),
            vec![],
            vec![
                (
                    "src/apis/default.rs",
                    "pub fn session(mut self, value: impl Into<String>) -> Self",
                ),
                (
                    "src/apis/default.rs",
                    "request.cookie_param(\"session\", &self.session, true)",
                ),
            ],
        ),
        (
            "a text request body",
            spec(
                "  /rooms:\n    post:\n      operationId: import\n      requestBody:\n        required: true\n        content:\n          text/csv: {schema: {type: string}}\n      responses:\n        '204': {description: done}\n",
                OK_SCHEMA,
            ),
            vec![],
            vec![
                (
                    "src/apis/default.rs",
                    "pub fn import(&self, body: String) -> ImportRequest",
                ),
                (
                    "src/apis/default.rs",
                    "request.text(\"text/csv\", &self.body);",
                ),
            ],
        ),
        (
            "a required reference to a nullable schema",
            spec(
                "  {}",
                "    Maybe: {type: object, nullable: true, properties: {x: {type: string}}}\n    Holder: {type: object, required: [m], properties: {m: {$ref: '#/components/schemas/Maybe'}, n: {$ref: '#/components/schemas/Maybe'}}}",
            ),
            vec![],
            vec![
                (
                    "models::holder",
                    " m: Option<crate::models::Maybe> = ",
                ),
                (
                    "models::holder",
                    " n: Option<Option<crate::models::Maybe>> = ",
                ),
            ],
        ),
        (
            "required properties that no `properties` declares",
            spec(
                &get("/a", ""),
                "    Ok: {type: object, properties: {id: {type: string}}}\n    Partial: {type: object, required: [id, count, extra], properties: {id: {type: string}}, additionalProperties: {type: integer}}\n    Merged: {allOf: [{$ref: '#/components/schemas/Ok'}, {type: object, required: [id, tag, tag, later], properties: {x: {type: string}}}, {type: object, properties: {later: {type: boolean}}}]}",
            ),
            vec![
                "#/components/schemas/Partial/required/1: required property `count` is not described under `properties`; generating the field `count: Option<i64>`, always sent (`None` as `null`) so that requests can carry it, and `None` when a response leaves it out",
                "#/components/schemas/Partial/required/2: required property `extra` is not described under `properties`; generating the field `extra: Option<i64>`",
                "#/components/schemas/Merged/allOf/1/required/1: required property `tag` is not described under `properties`; generating the field `tag: Option<serde_json::Value>`",
            ],
            vec![
                (
                    "models::partial",
                    "\"count\" \"count\" count: Option<i64> = nul => #[doc = \"Sets `count`.\"] with_count(Option<i64>),",
                ),
                (
                    "models::partial",
                    "/// The `count` property, which the schema requires without describing it: always sent (`None` as `null`); `None` when a response leaves it out.",
                ),
                (
                    "models::partial",
                    "pub fn new(id: impl Into<String>, count: impl Into<Option<i64>>, extra: impl Into<Option<i64>>) -> Self",
                ),
                // `id` is declared by the other `allOf` member: required, not undeclared.
                (
                    "models::merged",
                    "\"id\" \"id\" id: String = req => #[doc = \"Sets `id`.\"] with_id(String),",
                ),
                (
                    "models::merged",
                    "\"tag\" \"tag\" tag: Option<serde_json::Value> = nul => #[doc = \"Sets `tag`.\"] with_tag(Option<serde_json::Value>),",
                ),
                // Required by one member, declared by a later one: required.
                (
                    "models::merged",
                    "\"later\" \"later\" later: bool = req => #[doc = \"Sets `later`.\"] with_later(bool),",
                ),
            ],
        ),
        (
            "content for a 204 or 205 response",
            spec(
                "  /a:\n    put:\n      operationId: op\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Ok'}}}}\n        '204': {description: none, content: {application/json: {schema: {$ref: '#/components/schemas/Ok'}}}}\n    post:\n      operationId: op2\n      responses:\n        '205': {description: reset, content: {application/json: {schema: {type: object}}}}\n",
                OK_SCHEMA,
            ),
            vec![
                "[ignored-body] #/paths/~1a/put/responses/204/content: a `204` response has no body (HTTP forbids one); its content is ignored and the status decodes to `()`",
                "[ignored-body] #/paths/~1a/post/responses/205/content: a `205` response",
            ],
            vec![
                ("src/apis/default.rs", "204 => response.empty().map(|()| OpOutcome::Status204),"),
                ("src/apis/default.rs", "type Output = ();"),
            ],
        ),
        (
            "nullable beside a $ref",
            spec(
                "  {}",
                "    Ok: {type: object, properties: {id: {type: string}}}\n    Holder: {type: object, required: [a], properties: {a: {$ref: '#/components/schemas/Ok', nullable: true}, b: {$ref: '#/components/schemas/Ok', nullable: true}}}",
            ),
            vec![
                "[ref-siblings] #/components/schemas/Holder/properties/a: `nullable: true` beside `$ref: #/components/schemas/Ok`, which OpenAPI 3.0 says to ignore, is honoured",
            ],
            vec![
                ("models::holder", " a: Option<crate::models::Ok> = nul "),
                (
                    "models::holder",
                    " b: Option<Option<crate::models::Ok>> = nullable ",
                ),
            ],
        ),
        (
            "allOf of a reference and what only narrows or annotates it",
            spec(
                "  {}",
                "    Slug: {type: string}\n    Tags: {type: array, items: {type: string}}\n    Holder: {type: object, properties: {slug: {allOf: [{$ref: '#/components/schemas/Slug'}, {type: string, nullable: true}]}, tags: {allOf: [{$ref: '#/components/schemas/Tags'}, {nullable: true}, {description: the tags}]}, mixed: {allOf: [{$ref: '#/components/schemas/Slug'}, {type: integer}]}}}",
            ),
            vec![
                "[composition] #/components/schemas/Holder/properties/mixed/allOf/1: an `allOf` member that is not an object contributes no fields",
            ],
            vec![
                ("models::holder_slug", "pub type HolderSlug = crate::models::Slug;"),
                (
                    "models::holder",
                    " slug: Option<Option<crate::models::HolderSlug>> = nullable ",
                ),
                (
                    "models::holder",
                    " tags: Option<Option<crate::models::Tags>> = nullable ",
                ),
                // Members of different types: merged as objects, as before.
                ("models::holder_mixed", "pub struct HolderMixed {"),
            ],
        ),
        (
            "required readOnly and writeOnly properties",
            spec(
                "  {}",
                "    Id: {type: string, readOnly: true}\n    User: {type: object, required: [id, name, secret, login], properties: {id: {$ref: '#/components/schemas/Id'}, name: {type: string}, secret: {type: string, writeOnly: true}, login: {$ref: '#/components/schemas/Id', readOnly: true}}}",
            ),
            vec![],
            vec![
                ("models::user", "\"id\" \"id\" id: Option<crate::models::Id> = opt "),
                ("models::user", "\"secret\" \"secret\" secret: Option<String> = opt "),
                ("models::user", "\"login\" \"login\" login: Option<crate::models::Id> = opt "),
                (
                    "models::user",
                    "pub fn new(name: impl Into<String>, secret: impl Into<String>) -> Self",
                ),
                ("models::user", "secret: Some(secret.into()),"),
            ],
        ),
        (
            "request bodies of a media range, and JSON media types",
            spec(
                "  /a:\n    put:\n      operationId: op\n      requestBody: {required: true, content: {'*/*': {schema: {$ref: '#/components/schemas/Ok'}}}}\n      responses:\n        '200': {description: ok, content: {application/jwk-set+json: {schema: {type: object}}, application/xml: {schema: {type: object}}}}\n    post:\n      operationId: op2\n      requestBody: {required: true, content: {'*/*': {schema: {type: string}}}}\n      responses:\n        '204': {description: done}\n    patch:\n      operationId: op3\n      requestBody: {required: true, content: {'application/*': {schema: {type: object}}, application/merge-patch+json: {schema: {type: object}}}}\n      responses:\n        '204': {description: done}\n",
                OK_SCHEMA,
            ),
            vec![],
            vec![
                ("src/apis/default.rs", "pub fn op(&self, body: crate::models::Ok) -> OpRequest"),
                ("src/apis/default.rs", "        request.json(&self.body)\n    }"),
                ("src/apis/default.rs", "accept: \"application/jwk-set+json\","),
                (
                    "src/apis/default.rs",
                    "        request.binary(\"application/octet-stream\", self.body.clone());\n        Ok(())\n    }",
                ),
                (
                    "src/apis/default.rs",
                    "        request.json_as(\"application/merge-patch+json\", &self.body)\n    }",
                ),
            ],
        ),
        (
            "identifiers without letters or digits",
            spec(
                "  /rooms:\n    get:\n      operationId: '---'\n      responses:\n        '204': {description: done}\n",
                "    '$$$': {type: object, properties: {a: {type: string}}}\n    Ok: {type: object, properties: {'%': {type: string}, kind: {type: string, enum: [a, '?', '', '-', '+1', '*']}}}",
            ),
            vec![
                "[operation-id] #/paths/~1rooms/get/operationId: operationId `---` has no letters or digits; naming the method after its path",
            ],
            vec![
                (
                    "models::dollar_dollar_dollar",
                    "pub struct DollarDollarDollar {",
                ),
                (
                    "models::ok",
                    "\"%\" \"percent\" percent: Option<String> = opt => #[doc = \"Sets `percent` (to `Some(value)`).\"] with_percent(String),",
                ),
                ("models::ok", " percent: Option<String> = "),
                ("models::ok_kind", "Question = \"?\","),
                ("models::ok_kind", "Empty = \"\","),
                ("models::ok_kind", "Minus = \"-\","),
                ("models::ok_kind", "Plus1 = \"+1\","),
                ("models::ok_kind", "Asterisk = \"*\","),
                (
                    "src/apis/default.rs",
                    "pub fn get_rooms(&self) -> GetRoomsRequest",
                ),
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (name, text, warnings, files) in &cases {
        let output = match generate(text, &Options::new("t", "t.yaml")) {
            Ok(output) => output,
            Err(e) => {
                failures.push(format!("{name}: refused:\n{e}"));
                continue;
            }
        };
        // Each with its class in front: `[unknown-format] #/…: …`.
        let got: Vec<String> = output
            .warnings
            .iter()
            .map(|w| format!("[{}] {w}", w.class))
            .collect();
        for want in warnings {
            if !got.iter().any(|w| w.contains(want)) {
                failures.push(format!("{name}: warning {want:?} not in {got:#?}"));
            }
        }
        for (file, want) in files {
            match output.files.get(*file) {
                Some(text) if text.contains(want) => {}
                Some(text) => failures.push(format!("{name}: {want:?} not in {file}:\n{text}")),
                None => failures.push(format!(
                    "{name}: no {file} among {:?}",
                    output.files.keys().collect::<Vec<_>>()
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn safe_fallbacks_generate_code_and_say_so() {
    let text = spec(
        "  {}",
        "    A:\n      type: object\n      properties:\n        when: {type: string, format: moonphase}\n        count: {type: integer, format: int128}\n        ratio: {type: number, format: quadruple}\n        id: {type: string, format: uuid}\n        either: {oneOf: [{type: string}, {type: integer}]}\n        neither: {not: {type: string}}\n        moment: {type: moment}",
    );
    let output = generate(&text, &Options::new("t", "t.yaml")).expect("fallbacks are safe");
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "#/components/schemas/A/properties/when: unknown string format `moonphase`; generating `String`",
            "#/components/schemas/A/properties/count: unknown integer format `int128`; generating `i64`",
            "#/components/schemas/A/properties/ratio: unknown number format `quadruple`; generating `f64`",
            "#/components/schemas/A/properties/neither: `not` cannot be expressed as a Rust type; generating `serde_json::Value`",
            "#/components/schemas/A/properties/moment: unknown type `moment` (OpenAPI 3.0 has string, number, integer, boolean, array, object); generating `serde_json::Value`",
        ]
    );
    let model = &output.files["models::a"];
    assert!(model.contains(" when: Option<String> = "), "{model}");
    assert!(model.contains(" id: Option<String> = "), "{model}");
    // An inline `oneOf` becomes an enum named after its parent and property, in a module of
    // its own.
    assert!(
        model.contains(" either: Option<crate::models::AEither> = "),
        "{model}"
    );
    assert!(
        model.contains(" neither: Option<serde_json::Value> = "),
        "{model}"
    );
}

#[test]
fn names_that_collide_after_conversion_are_numbered_deterministically() {
    let text = spec(
        "  {}",
        "    Foo-Bar: {type: object, properties: {userId: {type: string}, user_id: {type: integer}, kind: {type: string, enum: [a-b, a_b, A B, Unknown]}}}\n    FooBar: {type: object, properties: {x: {type: string}}}",
    );
    let files = generate(&text, &Options::new("t", "t.yaml"))
        .expect("generates")
        .files;
    let first = &files["models::foo_bar"];
    assert!(first.contains("pub struct FooBar {"), "{first}");
    assert!(
        first.contains("\"userId\" \"user_id\" user_id: Option<String> = opt"),
        "{first}"
    );
    assert!(first.contains(" user_id: Option<String> = "), "{first}");
    assert!(first.contains(" user_id_2: Option<i64> = "), "{first}");
    // Enum values: the first keeps the name; `Unknown` is reserved for the fallback variant.
    let kind = &files["models::foo_bar_kind"];
    for want in [
        "AB = \"a-b\",",
        "AB2 = \"a_b\",",
        "AB3 = \"A B\",",
        "Unknown2 = \"Unknown\",",
    ] {
        assert!(kind.contains(want), "{want} in {kind}");
    }
    let second = &files["models::foo_bar_2"];
    assert!(second.contains("pub struct FooBar2"), "{second}");
    let again = generate(&text, &Options::new("t", "t.yaml"))
        .expect("generates")
        .files;
    assert_eq!(files, again);
}

#[test]
fn extremely_deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 5_000;
    let mut schema = String::from("{type: string}");
    for _ in 0..depth {
        schema = format!("{{type: array, items: {schema}}}");
    }
    let text = spec("  {}", &format!("    Deep: {schema}"));
    let message = error_of(&text);
    assert!(message.contains("t.yaml"), "{message}");
    assert!(message.contains("recursion limit exceeded"), "{message}");
}

#[test]
fn nesting_up_to_the_limit_generates_and_beyond_it_is_refused() {
    let nested = |depth: usize| {
        let mut schema = String::from("{type: string}");
        for _ in 0..depth {
            schema = format!("{{type: array, items: {schema}}}");
        }
        spec("  {}", &format!("    Deep: {schema}"))
    };
    // `nested(n)` is n arrays around a string: n + 1 levels of type.
    let limit = codegen::MAX_TYPE_DEPTH;
    let files = generate(&nested(limit - 1), &Options::new("t", "t.yaml"))
        .expect("generates")
        .files;
    // prettyplease breaks the type over lines with trailing commas; compare without them.
    let model: String = files["models::deep"]
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    let ty = format!(
        "{}String{}",
        "Vec<".repeat(limit - 1),
        ">".repeat(limit - 1)
    );
    assert!(model.contains(&format!("pubtypeDeep={ty};")), "{model}");

    let message = error_of(&nested(limit + 10));
    assert!(
        message.contains("#/components/schemas/Deep/items/items/items"),
        "{message}"
    );
    assert!(
        message.contains(&format!("the type is nested more than {limit} levels deep")),
        "{message}"
    );
    assert!(message.contains("1 error found"), "{message}");
}

/// A spec ten times the chat API (240 operations, 200 schemas, 4 tags) generates completely;
/// how its cost grows with size is measured by the benchmarks, not here.
#[test]
fn a_spec_ten_times_the_chat_api_generates() {
    let chat = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/chat.yaml"))
        .expect("spec/chat.yaml");
    let big = synthetic::scale(&chat, 10).expect("scales");
    let output = generate(&big, &Options::new("big", "big.yaml")).expect("generates");
    let models = output
        .files
        .keys()
        .filter(|p| p.starts_with("models::"))
        .count();
    let apis = output
        .files
        .keys()
        .filter(|p| p.starts_with("src/apis/"))
        .count();
    // Each copy's inline enums are the same three enums, shared by all copies.
    assert_eq!(models, 200 + 3);
    assert_eq!(apis, 4 + 1);
    let operations: usize = output
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("src/apis/"))
        .map(|(_, text)| text.matches("\nimpl Operation for ").count())
        .sum();
    assert_eq!(operations, 240);
    // Ten error models (one per copy): error bodies decode to JSON values.
    let hooks = &output.files["src/hooks.rs"];
    assert!(
        hooks.contains("pub type ErrorModel = serde_json::Value;"),
        "{hooks}"
    );
}

/// Inline objects become named structs; a problem inside one is still reported where it was
/// written, not at the name the generator gave it.
#[test]
fn problems_inside_inline_objects_point_where_they_were_written() {
    let text = spec(
        "  {}",
        "    A: {type: object, properties: {inner: {type: object, properties: {x: {type: string, format: moonphase}}}}}",
    );
    let output = generate(&text, &Options::new("t", "t.yaml")).expect("generates");
    let warnings: Vec<String> = output.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "#/components/schemas/A/properties/inner/properties/x: unknown string format `moonphase`; generating `String`"
        ]
    );
    let files = output.files;
    assert!(files["models::a"].contains(" inner: Option<crate::models::AInner> = "));
    assert!(files["models::a_inner"].contains("pub struct AInner {"));
}

#[test]
fn default_is_derived_only_where_every_field_type_has_one() {
    // `Inner` needs a `Kind` (an enum: no default value); `Outer` needs an `Inner`, so it has
    // no `Default` either, though its own fields are plain; `Loose` holds an optional `Inner`.
    let text = spec(
        "  {}",
        "    Kind: {type: string, enum: [a, b]}\n    Inner: {type: object, required: [kind], properties: {kind: {$ref: '#/components/schemas/Kind'}}}\n    Outer: {type: object, required: [inner, name], properties: {inner: {$ref: '#/components/schemas/Inner'}, name: {type: string}}}\n    Loose: {type: object, required: [name], properties: {inner: {$ref: '#/components/schemas/Inner'}, name: {type: string}}}",
    );
    let files = generate(&text, &Options::new("t", "t.yaml"))
        .expect("generates")
        .files;
    for (file, derives) in [
        ("models::inner", false),
        ("models::outer", false),
        ("models::loose", true),
    ] {
        assert_eq!(
            files[file].contains("#[derive(Default)]"),
            derives,
            "{file}:\n{}",
            files[file]
        );
    }
    // Without `Default`, `new` takes the required properties.
    assert!(
        files["models::outer"].contains(
            "pub fn new(inner: impl Into<crate::models::Inner>, name: impl Into<String>) -> Self"
        ),
        "{}",
        files["models::outer"]
    );
}

#[test]
fn tags_that_differ_only_in_punctuation_get_their_own_modules_and_types() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: listInvoices\n      tags: [invoices]\n      responses:\n        '204': {description: done}\n  /b:\n    get:\n      operationId: listOtherInvoices\n      tags: ['invoices/']\n      responses:\n        '204': {description: done}\n";
    let files = generate(text, &Options::new("t", "t.yaml"))
        .expect("generates")
        .files;
    let first = &files["src/apis/invoices.rs"];
    let second = &files["src/apis/invoices_2.rs"];
    assert!(first.contains("pub struct InvoicesApi"), "{first}");
    assert!(second.contains("pub struct InvoicesApi2"), "{second}");
    assert!(
        files["src/apis/mod.rs"].contains("invoices_2"),
        "the client has an accessor for each"
    );
    assert!(first.contains("pub fn list_invoices("), "{first}");
    assert!(second.contains("pub fn list_other_invoices("), "{second}");
}
