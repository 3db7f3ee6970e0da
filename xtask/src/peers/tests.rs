use super::*;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn row(tool: &str, spec: &str, times: &[u64], kib: Option<u64>, failure: Option<&str>) -> Measured {
    Measured {
        tool: tool.into(),
        version: "1.0".into(),
        spec: spec.into(),
        times: times.iter().map(|t| ms(*t)).collect(),
        peak_kib: kib,
        failure: failure.map(Into::into),
        output: failure.is_none().then_some(OutputSize {
            files: 3,
            bytes: 1000,
            rust_lines: 40,
        }),
    }
}

#[test]
fn the_telling_line_of_a_failure_is_picked() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "\nthread 'main' (42) panicked at src/lib.rs:3:5:\nnot yet implemented\nnote: run with `RUST_BACKTRACE=1`\n",
            Some("thread 'main' (42) panicked at src/lib.rs:3:5: not yet implemented"),
        ),
        (
            "thread 'main' panicked at 'boom', src/main.rs:1:1\nnote: run with\n",
            Some("thread 'main' panicked at 'boom', src/main.rs:1:1"),
        ),
        (
            "[main] INFO  o.o.codegen.DefaultGenerator - x\nException in thread \"main\" java.lang.RuntimeException: bad\n\tat x\n",
            Some("Exception in thread \"main\" java.lang.RuntimeException: bad"),
        ),
        (
            "thread 'main' (7) panicked at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/progenitor-impl-0.15.1/src/method.rs:1220:9:\nassertion failed: response_types.len() <= 1\n",
            Some(
                "thread 'main' (7) panicked at progenitor-impl-0.15.1/src/method.rs:1220:9: assertion failed: response_types.len() <= 1",
            ),
        ),
        (
            "warning: w\nError: no such file\n",
            Some("Error: no such file"),
        ),
        ("just a line\nanother\n", Some("just a line")),
        ("\n  \n", None),
    ];
    for (stderr, expected) in cases {
        assert_eq!(first_error_line(stderr).as_deref(), *expected, "{stderr:?}");
    }
    let long = format!("error: {}", "x".repeat(300));
    let line = first_error_line(&long).unwrap_or_default();
    assert_eq!(line.chars().count(), 160);
    assert!(line.ends_with('…'));
}

#[test]
fn a_failed_check_says_how_many_errors_and_the_first() {
    let stderr = "   Compiling x v0.1.0\nerror[E0412]: cannot find type `Foo` in this scope\n --> src/a.rs:1:1\nerror[E0308]: mismatched types\nerror: could not compile `x` (lib) due to 2 previous errors; 3 warnings emitted\n";
    assert_eq!(
        check_failure(stderr).as_deref(),
        Some("2 errors, the first: error[E0412]: cannot find type `Foo` in this scope")
    );
    let no_count = "error: failed to parse manifest at `/x/Cargo.toml`\n";
    assert_eq!(
        check_failure(no_count).as_deref(),
        Some("error: failed to parse manifest at `/x/Cargo.toml`")
    );
    assert_eq!(check_failure(""), None);
}

#[test]
fn medians_and_minimums_of_the_runs() {
    let r = row("t", "s", &[30, 10, 20, 50, 40], None, None);
    assert_eq!(r.median(), Some(ms(30)));
    assert_eq!(r.min(), Some(ms(10)));
    let even = row("t", "s", &[40, 10, 30, 20], None, None);
    assert_eq!(even.median(), Some(ms(20)));
    let none = row("t", "s", &[], None, None);
    assert_eq!(none.median(), None);
    assert!(!none.ok());
}

#[test]
fn durations_sizes_and_ratios_are_formatted() {
    assert_eq!(duration(ms(170)), "170.0 ms");
    assert_eq!(duration(Duration::from_micros(15_250)), "15.2 ms");
    assert_eq!(duration(ms(3800)), "3.80 s");
    assert_eq!(mib(38512), "37.6 MiB");
    assert_eq!(ratio(1.6), "1.60×");
    assert_eq!(ratio(0.4049), "0.40×");
}

#[test]
fn the_summary_names_the_fastest_and_the_lightest_peer_that_succeed() {
    let spec = "synthetic 10× (240 ops)";
    let rows = vec![
        row(THIS, spec, &[100, 110, 90], Some(40_000), None),
        row("progenitor", spec, &[260, 250, 270], Some(60_000), None),
        row(
            "openapi-to-rust",
            spec,
            &[160, 170, 150],
            Some(100_000),
            None,
        ),
        // Fastest and lightest, but failed: not counted.
        row(
            "quick-but-wrong",
            spec,
            &[10],
            Some(1_000),
            Some("panicked"),
        ),
        row(THIS, "other", &[1], Some(1), None),
    ];
    assert_eq!(
        summary(spec, &rows),
        "**synthetic 10× (240 ops)**: this generator 100.0 ms; 1.60× faster than the fastest \
         peer that succeeds (openapi-to-rust, 160.0 ms); peak memory 0.67× the lightest \
         peer's (progenitor, 58.6 MiB); failed: quick-but-wrong."
    );
}

#[test]
fn the_summary_says_slower_and_handles_missing_peers_and_failures() {
    let rows = vec![
        row(THIS, "a", &[200], Some(2048), None),
        row("p", "a", &[100], Some(1024), None),
        row(THIS, "b", &[200], None, None),
        row("p", "b", &[5], None, Some("panic")),
        row(THIS, "c", &[5], None, Some("bad spec")),
    ];
    assert_eq!(
        summary("a", &rows),
        "**a**: this generator 200.0 ms; 2.00× slower than the fastest peer that succeeds \
         (p, 100.0 ms); peak memory 2.00× the lightest peer's (p, 1.0 MiB)."
    );
    assert_eq!(
        summary("b", &rows),
        "**b**: this generator 200.0 ms; no peer succeeded; failed: p."
    );
    assert_eq!(
        summary("c", &rows),
        "**c**: this generator failed (bad spec)"
    );
    assert_eq!(summary("d", &rows), "**d**: this generator did not run");
}

#[test]
fn the_table_has_a_row_per_tool_and_spec_with_ratios_to_this_generator() {
    let rows = vec![
        row(THIS, "chat", &[20, 30, 10], Some(10_240), None),
        row("progenitor", "chat", &[40, 60, 50], Some(20_480), None),
        row(
            "openapi-generator",
            "chat",
            &[1500],
            None,
            Some("Exception | bad"),
        ),
    ];
    let text = table(&rows);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert_eq!(
        lines[2],
        "| chat | this generator | 1.0 | yes | 20.0 ms | 10.0 ms | 10.0 MiB | 3 | 1000 | 40 | 1× | 1× |"
    );
    assert_eq!(
        lines[3],
        "| chat | progenitor | 1.0 | yes | 50.0 ms | 40.0 ms | 20.0 MiB | 3 | 1000 | 40 | 2.50× | 2.00× |"
    );
    assert_eq!(
        lines[4],
        "| chat | openapi-generator | 1.0 | **no**: Exception \\| bad | (1.50 s to fail) | — | n/a | — | — | — | — | — |"
    );
}

#[test]
fn install_and_check_tables() {
    let installs = vec![
        Installed {
            tool: "progenitor".into(),
            version: "0.15.1".into(),
            source: "crates.io `cargo-progenitor`".into(),
            install: Some(Duration::from_secs(300)),
            now: true,
            unavailable: None,
        },
        Installed {
            tool: "openapi-generator".into(),
            version: "7.26.0".into(),
            source: "PyPI".into(),
            install: None,
            now: false,
            unavailable: Some("skipped: no Java on this machine".into()),
        },
    ];
    let text = install_table(&installs);
    assert!(text.contains(
        "| progenitor | 0.15.1 | crates.io `cargo-progenitor` | installed by this run in 300.00 s |"
    ));
    assert!(
        text.contains("| openapi-generator | 7.26.0 | PyPI | skipped: no Java on this machine |")
    );
    let checks = vec![
        Checked {
            tool: THIS.into(),
            time: Some(Duration::from_secs(40)),
            peak_kib: Some(1024 * 1024),
            failure: None,
        },
        Checked {
            tool: "p".into(),
            time: Some(Duration::from_secs(2)),
            peak_kib: None,
            failure: Some("error[E0412]: cannot find type".into()),
        },
    ];
    let text = check_table(&checks);
    assert!(text.contains("| this generator | 40.00 s | 1024.0 MiB | yes |"));
    assert!(text.contains("| p | 2.00 s | n/a | **no**: error[E0412]: cannot find type |"));
}

#[test]
fn operations_are_the_method_entries_of_path_items() {
    let doc: serde_json::Value = serde_json::json!({
        "paths": {
            "/a": {"get": {}, "post": {}, "parameters": [], "summary": "x"},
            "/b": {"delete": {}, "x-ext": {}},
        }
    });
    assert_eq!(count_operations(&doc), 3);
    assert_eq!(count_operations(&serde_json::json!({})), 0);
}

#[test]
fn the_json_the_tools_read_is_the_chat_api_itself() {
    let root = crate::workspace::root();
    let yaml = fs::read_to_string(root.join("spec/chat.yaml")).expect("spec/chat.yaml");
    let json = yaml_to_json(&yaml, "chat").expect("chat as JSON");
    let options = codegen::Options::new("chat", "chat");
    let from_yaml = codegen::generate(&yaml, &options).expect("from YAML");
    let from_json = codegen::generate(&json, &options).expect("from JSON");
    assert_eq!(from_yaml.files.len(), from_json.files.len());
    for (path, text) in &from_yaml.files {
        assert!(from_json.files.get(path) == Some(text), "{path} differs");
    }
    let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(count_operations(&doc), 24);
}

#[test]
fn java_version_is_the_quoted_one() {
    assert_eq!(
        parse_java_version("openjdk version \"17.0.15\" 2025-04-15\nOpenJDK Runtime\n").as_deref(),
        Some("17.0.15")
    );
    assert_eq!(parse_java_version("no quotes"), None);
}

#[test]
fn each_tool_gets_its_own_command_line() {
    let tool = |kind, program: &[&str]| Tool {
        name: "t".into(),
        version: "1".into(),
        kind,
        program: program.iter().map(OsString::from).collect(),
    };
    let line = |t: &Tool| {
        t.command(Path::new("s.json"), Path::new("o"), "my-crate")
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        line(&tool(Kind::This, &["xtask"])),
        "xtask codegen --spec s.json --out o --crate-name my-crate"
    );
    assert_eq!(
        line(&tool(Kind::Progenitor, &["cargo-progenitor"])),
        "cargo-progenitor progenitor -i s.json -o o -n my-crate -v 0.1.0"
    );
    assert_eq!(
        line(&tool(Kind::OpenapiToRust, &["openapi-to-rust"])),
        "openapi-to-rust generate s.json --output-dir o --module-name my_crate --quiet"
    );
    assert_eq!(
        line(&tool(Kind::OpenapiGenerator, &["java", "-jar", "g.jar"])),
        "java -jar g.jar generate -g rust -i s.json -o o --package-name my-crate --skip-validate-spec"
    );
}

#[test]
fn a_command_s_output_counts_only_when_it_succeeds() {
    let rustc = stdout_of(Command::new("rustc").arg("-V"));
    assert!(
        rustc
            .as_deref()
            .is_some_and(|v| v.starts_with("rustc ") && !v.ends_with('\n')),
        "{rustc:?}"
    );
    for mut failing in [
        {
            let mut c = Command::new("rustc");
            c.arg("--no-such-flag");
            c
        },
        Command::new("/nonexistent/xtask-test-program"),
    ] {
        assert_eq!(stdout_of(&mut failing), None, "{failing:?}");
    }
}
