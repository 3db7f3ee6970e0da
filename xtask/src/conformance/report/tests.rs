use super::*;
use serde_json::json;

#[test]
fn records_are_classified_by_the_mock_s_answer() {
    let problem = |kind: &str, status: u16| {
        json!({
            "kind": "api", "status": status,
            "content_type": "application/problem+json",
            "body": json!({"type": format!("https://stoplight.io/prism/errors#{kind}"), "title": "T", "status": status, "detail": "D"}).to_string(),
        })
    };
    let header = r#"[{"location":["request","body","message"],"severity":"Error","code":"type","message":"must be string"},{"location":["request","query","x"],"severity":"Warning","message":"unknown"}]"#;
    for (record, want) in [
        (
            json!({"kind": "ok", "status": 200}),
            Outcome::Decoded {
                status: 200,
                warnings: vec![],
            },
        ),
        (
            json!({"kind": "ok", "status": 201, "violations": header}),
            Outcome::Decoded {
                status: 201,
                warnings: vec![
                    "request.body.message: must be string".into(),
                    "[warning] request.query.x: unknown".into(),
                ],
            },
        ),
        (
            json!({"kind": "decode", "status": 200, "message": "invalid type: null", "expected": "models::Pet", "body": "{}"}),
            Outcome::DecodeFailed {
                status: 200,
                message: "invalid type: null".into(),
                expected: "models::Pet".into(),
                body: "{}".into(),
            },
        ),
        (
            json!({"kind": "api", "status": 401, "violations": r#"[{"location":["request"],"severity":"Error","code":401,"message":"Invalid security scheme used"}]"#, "body": "{}"}),
            Outcome::AuthRefused {
                status: 401,
                violations: vec!["request: Invalid security scheme used".into()],
            },
        ),
        (
            json!({"kind": "api", "status": 422, "violations": header, "content_type": "application/json", "body": "{\"code\":1}"}),
            Outcome::Rejected {
                status: 422,
                violations: vec![
                    "request.body.message: must be string".into(),
                    "[warning] request.query.x: unknown".into(),
                ],
            },
        ),
        (
            json!({
                "kind": "api", "status": 422, "content_type": "application/problem+json",
                "body": json!({"type": "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY", "validation": [{"location": ["request", "path", "id"], "severity": "Error", "message": "must match format \"uuid\""}]}).to_string(),
            }),
            Outcome::Rejected {
                status: 422,
                violations: vec!["request.path.id: must match format \"uuid\"".into()],
            },
        ),
        (
            json!({
                "kind": "api", "status": 422, "content_type": "application/problem+json",
                "body": json!({"type": "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY", "validation": [{"location": ["body"], "severity": "Error", "message": "Request body must be object"}]}).to_string(),
            }),
            Outcome::Rejected {
                status: 422,
                violations: vec!["body: Request body must be object".into()],
            },
        ),
        (
            problem("UNAUTHORIZED", 401),
            Outcome::AuthRefused { status: 401, violations: vec![] },
        ),
        (
            json!({"kind": "api", "status": 401, "body": ""}),
            Outcome::MockError {
                status: 401,
                detail: "401 without a violation: a response the spec defines for the operation (it has no success response)".into(),
            },
        ),
        (
            json!({
                "kind": "api", "status": 500, "content_type": "application/problem+json",
                "body": json!({"type": "https://stoplight.io/prism/errors#VIOLATIONS", "title": "Request/Response not valid", "detail": "D", "validation": [{"location": ["response", "body", "a"], "severity": "Error", "message": "must have required property 'b'"}]}).to_string(),
            }),
            Outcome::MockError {
                status: 500,
                detail: "VIOLATIONS of the mock's own response: response.body.a: must have required property 'b'".into(),
            },
        ),
        (
            problem("NOT_ACCEPTABLE", 406),
            Outcome::Rejected {
                status: 406,
                violations: vec!["NOT_ACCEPTABLE: T. D".into()],
            },
        ),
        (
            problem("NO_PATH_MATCHED_ERROR", 404),
            Outcome::NotRouted {
                status: 404,
                detail: "NO_PATH_MATCHED_ERROR: T. D".into(),
            },
        ),
        (
            problem("NO_METHOD_MATCHED_ERROR", 405),
            Outcome::NotRouted {
                status: 405,
                detail: "NO_METHOD_MATCHED_ERROR: T. D".into(),
            },
        ),
        (
            problem("UNKNOWN", 500),
            Outcome::MockError {
                status: 500,
                detail: "UNKNOWN: T. D".into(),
            },
        ),
        (
            json!({"kind": "api", "status": 500, "body": "plain text"}),
            Outcome::MockError {
                status: 500,
                detail: "plain text".into(),
            },
        ),
        (
            json!({"kind": "value", "message": "body: cannot read"}),
            Outcome::NotSent {
                message: "body: cannot read".into(),
            },
        ),
        (
            json!({"kind": "invalid", "message": "path parameter `id` is empty"}),
            Outcome::NotSent {
                message: "path parameter `id` is empty".into(),
            },
        ),
        (
            json!({"kind": "timeout", "message": "no outcome within 60 s"}),
            Outcome::Failed {
                message: "timeout: no outcome within 60 s".into(),
            },
        ),
        (
            json!({"kind": "other", "message": "GET /x: the request could not be sent: client error (Connect): invalid URL, scheme is not http"}),
            Outcome::MockError {
                status: 0,
                detail: "a redirect to the mock's generated Location, which is not a URL: GET /x: the request could not be sent: client error (Connect): invalid URL, scheme is not http".into(),
            },
        ),
        (
            json!({"kind": "other", "message": "connection refused"}),
            Outcome::Failed {
                message: "other: connection refused".into(),
            },
        ),
    ] {
        assert_eq!(Outcome::from_record(&record), want, "{record}");
    }
}

#[test]
fn a_decode_failure_on_a_path_with_a_fragment_is_the_mock_s_routing() {
    let failed = || Outcome::DecodeFailed {
        status: 200,
        message: "missing field `item_collection`".into(),
        expected: "FolderFull".into(),
        body: "{}".into(),
    };
    let table = [("/shared_items", false), ("/shared_items#folders", true)];
    for (path, rerouted) in table {
        match failed().for_path(path) {
            Outcome::NotRouted { status, detail } => {
                assert!(rerouted, "{path}");
                assert_eq!(status, 200);
                assert!(
                    detail.contains("`/shared_items#folders` is sent without its `#` fragment")
                        && detail.contains("missing field `item_collection`"),
                    "{detail}"
                );
            }
            other => {
                assert!(!rerouted, "{path}: {other:?}");
                assert_eq!(other, failed(), "{path}");
            }
        }
    }
    // Whatever else happens on such a path is judged as usual.
    let decoded = Outcome::Decoded {
        status: 200,
        warnings: vec![],
    };
    assert_eq!(decoded.clone().for_path("/a#b"), decoded);
}

fn called(id: &str, outcome: Outcome) -> Called {
    Called {
        id: id.into(),
        endpoint: format!("GET /{id}"),
        outcome,
    }
}

#[test]
fn counts_table_and_summary_add_up() {
    let rejected = |v: &str| Outcome::Rejected {
        status: 422,
        violations: vec![v.into()],
    };
    let results = vec![
        SpecResult {
            name: "a.com".into(),
            operations: 6,
            stage: Stage::Ran(None),
            calls: vec![
                called(
                    "one",
                    Outcome::Decoded {
                        status: 200,
                        warnings: vec![],
                    },
                ),
                called(
                    "two",
                    Outcome::DecodeFailed {
                        status: 200,
                        message: "missing field `id`".into(),
                        expected: "models::Pet".into(),
                        body: "{}".into(),
                    },
                ),
                called("three", rejected("request.query.limit: must be >= 5")),
                called("four", rejected("request.query.page: must be >= 1")),
                called(
                    "five",
                    Outcome::NotSent {
                        message: "body: no".into(),
                    },
                ),
            ],
            time: Duration::from_secs(3),
        },
        SpecResult {
            name: "b.com".into(),
            operations: 2,
            stage: Stage::Ran(None),
            calls: vec![
                called(
                    "x",
                    Outcome::AuthRefused {
                        status: 401,
                        violations: vec!["request: Invalid security scheme used".into()],
                    },
                ),
                called(
                    "y",
                    Outcome::AuthRefused {
                        status: 401,
                        violations: vec![],
                    },
                ),
            ],
            time: Duration::from_secs(1),
        },
        SpecResult {
            name: "c.com".into(),
            operations: 9,
            stage: Stage::MockFailed("Prism exited: Maximum call stack size exceeded".into()),
            calls: vec![],
            time: Duration::from_secs(1),
        },
    ];
    let a = results[0].counts();
    assert_eq!(
        a,
        Counts {
            operations: 6,
            called: 4,
            accepted: 2,
            decoded: 1,
            decode_failures: 1,
            auth_refused: 0,
            rejected: 2,
            not_routed: 0,
            mock_errors: 0,
            not_sent: 1,
            harness: 1,
        }
    );
    let text = table(&results);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[2],
        "| 1 | a.com | 6 | 4 | 2 | 1 | 1 | 0 | 2 | 0 | 0 | 1 | 1 | 3 s |  |"
    );
    assert_eq!(
        lines[4],
        "| 3 | c.com | 9 | – | – | – | – | – | – | – | – | – | – | 1 s | **mock failed to start**: Prism exited: Maximum call stack size exceeded |"
    );
    assert_eq!(
        summary(&results),
        "conformance: 3 specs (2 ran, 1 mock failed to start), 17 operations, 6 called: 2 accepted, 1 decoded, 1 decode failures, 2 refused for authentication, 2 rejected, 0 not routed, 0 mock errors; 1 not sent, 1 harness failures"
    );
    let (ok, verdict) = bar(&results);
    assert!(!ok);
    assert_eq!(
        verdict,
        "Bar not met: 2 operations refused for authentication, 1 decode failures, 1 harness failures."
    );
    let problems = problems(&results);
    assert!(problems.contains("### Decode failures (1)"), "{problems}");
    assert!(
        problems.contains("| request.query: must be >= _ | 2 | 1 | a.com GET /three: request.query.limit: must be >= 5 |"),
        "{problems}"
    );
    assert!(
        problems.contains("| b.com | 2 of 2 | 401: request: Invalid security scheme used |"),
        "{problems}"
    );
}

#[test]
fn violation_patterns_drop_names_and_numbers() {
    for (violation, want) in [
        (
            "request.body.name: Request body property name must be string",
            "request.body: _ body property name must be string",
        ),
        (
            "request.query.limit: must be >= 5",
            "request.query: must be >= _",
        ),
        (
            "request.path.id: must match format \"uuid\"",
            "request.path: must match format _",
        ),
        (
            "request.body: Request body must have required property 'idx'",
            "request.body: _ body must have required property _",
        ),
    ] {
        assert_eq!(violation_pattern(violation), want, "{violation}");
    }
}
