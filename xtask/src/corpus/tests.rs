use super::*;

fn candidate(id: &str, bytes: u64) -> Candidate {
    Candidate {
        id: id.into(),
        bytes,
    }
}

fn ids(picks: &[(Candidate, Why)]) -> Vec<&str> {
    picks.iter().map(|(c, _)| c.id.as_str()).collect()
}

#[test]
fn quantiles_take_the_middle_of_each_size_band_whatever_the_input_order() {
    // Eight documents of distinct providers, four quantiles: ranks 1, 3, 5, 7.
    let mut all: Vec<Candidate> = (0..8)
        .map(|i| candidate(&format!("p{i}.com"), 100 * (i + 1)))
        .collect();
    let picks = select(all.clone(), 4, &[]).expect("sample");
    assert_eq!(ids(&picks), ["p1.com", "p3.com", "p5.com", "p7.com"]);
    assert_eq!(picks[2].1, Why::Quantile(2));
    all.reverse();
    assert_eq!(select(all, 4, &[]).expect("sample"), picks);
}

#[test]
fn equal_sizes_are_ordered_by_id() {
    let all = vec![
        candidate("b.com", 5),
        candidate("a.com", 5),
        candidate("c.com", 5),
    ];
    let picks = select(all, 1, &[]).expect("sample");
    assert_eq!(ids(&picks), ["b.com"]);
}

#[test]
fn a_provider_already_sampled_gives_way_to_the_nearest_new_one_below_first() {
    let all = vec![
        candidate("x.com/a", 10),
        candidate("y.com", 20),
        candidate("x.com/b", 30), // rank 2: x.com again
        candidate("z.com", 40),
        candidate("x.com/c", 50),
        candidate("w.com", 60),
    ];
    // Two quantiles: ranks 1 (y.com) and 4 (x.com/c).
    assert_eq!(
        ids(&select(all.clone(), 2, &[]).expect("sample")),
        ["y.com", "x.com/c"]
    );
    // Three quantiles: ranks 1 (y.com), 3 (z.com), 5 (w.com).
    assert_eq!(
        ids(&select(all.clone(), 3, &[]).expect("sample")),
        ["y.com", "z.com", "w.com"]
    );
    // Six quantiles over four providers: ranks 0 (x.com/a) and 1 (y.com); rank 2 is x.com
    // again and rank 1 is taken, so rank 3 (z.com); rank 3 is taken, ranks 2, 4 and 1 are
    // not new, so rank 5 (w.com); then no provider is left and the sample stops at four.
    assert_eq!(
        ids(&select(all, 6, &[]).expect("sample")),
        ["x.com/a", "y.com", "z.com", "w.com"]
    );
}

#[test]
fn github_documents_of_the_directory_are_left_out() {
    let all = vec![
        candidate("github.com/api.github.com", 10),
        candidate("github.com", 20),
        candidate("a.com", 30),
    ];
    assert_eq!(ids(&select(all, 2, &[]).expect("sample")), ["a.com"]);
}

#[test]
fn hard_specs_are_added_once_and_must_exist() {
    let all = vec![
        candidate("a.com", 1),
        candidate("b.com", 2),
        candidate("c.com/big", 3),
    ];
    let picks = select(all.clone(), 1, &[("c.com/big", "big"), ("b.com", "odd")]).expect("sample");
    assert_eq!(ids(&picks), ["b.com", "c.com/big"]);
    assert_eq!(picks[0].1, Why::Quantile(0));
    assert_eq!(picks[1].1, Why::Hard("big"));
    let err = select(all, 1, &[("nope.com", "?")]).expect_err("unknown hard spec");
    assert!(err.contains("`nope.com`"), "{err}");
    assert!(select(Vec::new(), 1, &[]).is_err());
}

#[test]
fn slugs_are_lowercase_words_joined_by_dashes() {
    for (name, want) in [
        ("amazonaws.com/acm-pca", "amazonaws-com-acm-pca"),
        ("1forge.com", "1forge-com"),
        ("adyen.com/AccountService", "adyen-com-accountservice"),
        ("users-269.0.0", "users-269-0-0"),
        ("..weird__name..", "weird-name"),
        ("+++", "spec"),
    ] {
        assert_eq!(slug(name), want, "{name}");
    }
}

#[test]
fn integrity_is_npm_sha512_in_base64() {
    // `printf '' | openssl dgst -sha512 -binary | base64`
    assert_eq!(
        integrity(b""),
        "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
    );
}

const MANIFEST: &str = "/c/crates/a-com/Cargo.toml";

fn at(ms: u64, line: &str) -> (Duration, String) {
    (Duration::from_millis(ms), line.to_owned())
}

fn compiler_message(manifest: &str, level: &str, code: Option<&str>, text: &str) -> String {
    let label = (code == Some("E0308")).then_some("expected `&str`, found `&i64`");
    serde_json::json!({
        "reason": "compiler-message",
        "manifest_path": manifest,
        "message": {
            "level": level,
            "message": text,
            "code": code.map(|c| serde_json::json!({"code": c})),
            "spans": [
                {"file_name": "src/models/x.rs", "line_start": 7, "is_primary": true, "label": label}
            ],
            "rendered": format!("{level}: {text}\n"),
        }
    })
    .to_string()
}

#[test]
fn check_output_is_attributed_to_the_crate_and_classified() {
    let lines = vec![
        at(
            100,
            r#"{"reason":"compiler-artifact","manifest_path":"/reg/serde/Cargo.toml"}"#,
        ),
        at(
            900,
            r#"{"reason":"compiler-artifact","manifest_path":"/reg/reqwest/Cargo.toml"}"#,
        ),
        at(
            1000,
            &compiler_message(
                MANIFEST,
                "error",
                Some("E0277"),
                "the trait bound is not satisfied",
            ),
        ),
        at(
            1100,
            &compiler_message(
                MANIFEST,
                "error",
                Some("unused_imports"),
                "unused import: `Foo`",
            ),
        ),
        at(
            1150,
            &compiler_message(MANIFEST, "error", None, "expected one of `,` or `}`"),
        ),
        at(
            1160,
            &compiler_message(MANIFEST, "error", Some("E0308"), "mismatched types"),
        ),
        at(
            1200,
            &compiler_message(
                "/other/Cargo.toml",
                "error",
                Some("E0308"),
                "mismatched types",
            ),
        ),
        at(
            1300,
            r#"{"reason":"compiler-message","manifest_path":"/c/crates/a-com/Cargo.toml","message":{"level":"error","message":"aborting due to 3 previous errors","code":null,"spans":[],"rendered":"error: aborting"}}"#,
        ),
        at(2400, "not json: cargo prints other things too"),
        at(2500, r#"{"reason":"build-finished","success":false}"#),
    ];
    let checked = parse_check(&lines, MANIFEST);
    assert!(!checked.success);
    assert!(!checked.clean());
    let codes: Vec<&str> = checked.errors.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["E0277", "", "E0308"]);
    assert_eq!(
        checked.errors[2].message,
        "mismatched types: expected `&str`, found `&i64`"
    );
    assert_eq!(
        checked.errors[0].message,
        "the trait bound is not satisfied"
    );
    assert_eq!(checked.warnings.len(), 1);
    assert_eq!(checked.warnings[0].code, "unused_imports");
    assert_eq!(checked.errors[0].location, "src/models/x.rs:7");
    // From the last message about another package to the end of the build.
    assert_eq!(checked.time, Duration::from_millis(1300));
}

#[test]
fn a_clean_check_with_fresh_dependencies_times_the_whole_command() {
    let lines = vec![
        at(
            700,
            r#"{"reason":"compiler-artifact","manifest_path":"/c/crates/a-com/Cargo.toml"}"#,
        ),
        at(800, r#"{"reason":"build-finished","success":true}"#),
    ];
    let checked = parse_check(&lines, MANIFEST);
    assert!(checked.clean());
    assert_eq!(checked.time, Duration::from_millis(800));
}

fn row(name: &str, why: &str, generated: Generated, checked: Option<Checked>) -> Row {
    Row {
        name: name.into(),
        why: why.into(),
        version: "1.0".into(),
        bytes: 4096,
        operations: Some(3),
        schemas: None,
        generated,
        generate_time: Duration::from_millis(250),
        generator_warnings: 2,
        checked,
    }
}

fn ok() -> Generated {
    Generated::Ok {
        files: 5,
        bytes: 2048,
    }
}

fn clean() -> Checked {
    Checked {
        success: true,
        time: Duration::from_millis(1500),
        ..Checked::default()
    }
}

fn failing() -> Checked {
    Checked {
        errors: vec![Diagnostic {
            code: "E0277".into(),
            message: "`Vec<String>: ToParam` | not satisfied".into(),
            location: "src/apis/x.rs:3".into(),
            rendered: String::new(),
        }],
        time: Duration::from_millis(2000),
        ..Checked::default()
    }
}

#[test]
fn the_table_has_one_row_per_spec_with_escaped_cells() {
    let rows = vec![
        row("a.com", "q0", ok(), Some(clean())),
        row(
            "b.com",
            "hard",
            Generated::Failed {
                class: "spec".into(),
                count: 2,
                first: "s: #/paths: text/plain\nbody".into(),
            },
            None,
        ),
        row("c.com", "github", ok(), Some(failing())),
    ];
    let text = table(&rows);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(
        lines[2],
        "| 1 | a.com | q0 | 1.0 | 4 | 3 | ? | ok (0.2 s) | 2 | ok | 0 | 1.5 s |"
    );
    assert_eq!(
        lines[3],
        "| 2 | b.com | hard | 1.0 | 4 | 3 | ? | **spec** ×2: s: #/paths: text/plain body | 2 | – | – | – |"
    );
    assert!(
        lines[4].contains(
            "**1 errors, 0 warnings**, first: [E0277] `Vec<String>: ToParam` \\| not satisfied (src/apis/x.rs:3)"
        ),
        "{}",
        lines[4]
    );
    assert_eq!(summary(&rows, false), "corpus: 2/3 generate, 1/3 compile");
    assert_eq!(
        summary(&rows, true),
        "corpus: 2/3 generate, compile not checked"
    );
    let by_code = diagnostics_by_code(&rows);
    assert!(
        by_code.contains(
            "| E0277 | `_: ToParam` \\| not satisfied | 1 | 1 | c.com: `Vec<String>: ToParam` \\| not satisfied (src/apis/x.rs:3) |"
        ),
        "{by_code}"
    );
}

#[test]
fn message_patterns_keep_the_words_and_the_trait() {
    for (message, want) in [
        (
            "the trait bound `Vec<i32>: ToParam` is not satisfied",
            "the trait bound `_: ToParam` is not satisfied",
        ),
        (
            "the name `AttachmentsApi` is defined multiple times",
            "the name `_` is defined multiple times",
        ),
        ("mismatched types", "mismatched types"),
        ("unused variable: `headers`", "unused variable: `_`"),
    ] {
        assert_eq!(message_pattern(message), want);
    }
}

#[test]
fn the_bar_needs_the_share_and_a_clean_github() {
    let mut rows: Vec<Row> = (0..19)
        .map(|i| row(&format!("s{i}"), "q0", ok(), Some(clean())))
        .collect();
    rows.push(row("gh", "github", ok(), Some(clean())));
    assert!(bar(&rows, false).0, "20/20");
    rows[0].checked = Some(failing());
    let (ok_, text) = bar(&rows, false);
    assert!(ok_, "19/20 is 95 %: {text}");
    rows[1].checked = Some(failing());
    assert!(!bar(&rows, false).0, "18/20 is 90 %");
    rows[1].checked = Some(clean());
    rows[19].checked = Some(failing());
    let (ok_, text) = bar(&rows, false);
    assert!(!ok_, "GitHub must be clean");
    assert!(text.contains("GitHub's description must compile"), "{text}");
}

#[test]
fn panics_are_caught_with_their_message() {
    let _quiet = PanicCapture::install();
    let err = catch(|| -> u8 { panic!("boom at {}", 7) }).expect_err("panics");
    assert!(err.contains("boom at 7"), "{err}");
    assert_eq!(catch(|| 5), Ok(5));
}
