//! Every fixture spec compiles, with warnings denied, and its models round-trip JSON samples.
//!
//! Each `tests/fixtures/NAME.yaml` (and `spec/chat.yaml`, as `chat`) is generated into the crate
//! `fixture-NAME` under `target/fixture-crates/NAME/`. Those crates form their own workspace
//! (`target/fixture-crates/Cargo.toml`, starting from a copy of the main `Cargo.lock`), so one
//! nested `cargo test --no-default-features --workspace` with `RUSTFLAGS="-D warnings"` builds
//! and tests all of them, in the separate target directory `target/fixture-build` (a nested
//! cargo on the main target directory would wait forever for the lock the outer one holds).
//!
//! Samples: every `tests/fixtures/NAME.samples/SCHEMA.json` holds a JSON array of values of
//! the model `SCHEMA` (its Rust name, as in `fixture_NAME::models::SCHEMA`). The harness writes
//! `tests/roundtrip.rs` into the fixture crate, which deserializes each value, serializes it
//! back and compares the two as `serde_json::Value`s.
//!
//! Hand-written tests: every `tests/fixtures/NAME.tests/*.rs` is copied into the fixture
//! crate's `tests/`, where it can use the crate and its dependencies and dev-dependencies
//! (`tokio`, `wiremock`).
//!
//! Then each crate is checked with no API group's feature at all, and a crate of several specs
//! with each group's feature alone: a model compiles exactly when the models it names do.
//!
//! Files are only rewritten when their contents change and files that are no longer generated
//! are removed, so a second run rebuilds nothing that did not change.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use codegen::{Options, Spec, generate_specs};

mod common;

/// How many trailing lines of each of cargo's output streams a failure shows.
const OUTPUT_LINES: usize = 150;

/// The file the harness adds to each fixture crate.
const ROUNDTRIP_TEST: &str = "tests/roundtrip.rs";

fn workspace() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// One crate to generate and build.
struct Fixture {
    /// Directory name under `target/fixture-crates/`, and the name in messages.
    name: String,
    /// The spec files: several make one crate of several API groups.
    specs: Vec<PathBuf>,
    /// How the specs are named in the generated headers (relative to the workspace).
    spec_display: String,
    /// Cargo package name, `fixture-NAME`.
    package: String,
    /// Rust library name, `fixture_NAME`.
    lib: String,
    /// Schema Rust name → sample file.
    samples: BTreeMap<String, PathBuf>,
    /// File name → hand-written integration test (`NAME.tests/*.rs`), copied into `tests/`.
    tests: BTreeMap<String, PathBuf>,
}

#[test]
fn fixture_crates_compile_without_warnings_and_round_trip_their_samples() {
    if let Err(message) = run() {
        panic!("{message}");
    }
}

fn run() -> Result<(), String> {
    let root = workspace();
    let started = Instant::now();
    let fixtures = discover(&root)?;
    let crates_dir = root.join("target/fixture-crates");
    let build_dir = root.join("target/fixture-build");
    std::fs::create_dir_all(&crates_dir)
        .map_err(|e| format!("cannot create {}: {e}", crates_dir.display()))?;

    // The whole directory is one tree: every fixture's crate under its name, the workspace
    // manifest and the lock file; what is no longer in it (a removed fixture) is deleted.
    let mut tree = BTreeMap::new();
    for fixture in &fixtures {
        for (path, text) in crate_files(fixture)? {
            tree.insert(format!("{}/{path}", fixture.name), text);
        }
    }
    let members: Vec<String> = fixtures.iter().map(|f| toml_string(&f.name)).collect();
    tree.insert(
        "Cargo.toml".to_owned(),
        format!(
            "# Written by codegen/tests/fixture_crates.rs: the fixture crates are a workspace of their own.\n\
             [workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    );
    let lock = root.join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock)
        .map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
    tree.insert("Cargo.lock".to_owned(), lock);
    codegen::cli::tree::write(&crates_dir, &tree, codegen::cli::tree::Owned::All)?;
    let generated = started.elapsed();

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest_path = crates_dir.join("Cargo.toml");
    // Every API group of every crate, without TLS (the tests use plain HTTP on loopback).
    let features: Vec<String> = fixtures
        .iter()
        .map(|f| format!("{}/all-apis", f.package))
        .collect();
    let mut command = Command::new(&cargo);
    command
        // --no-fail-fast: every failing fixture crate in one run, not just the first.
        .args([
            "test",
            "--quiet",
            "--no-fail-fast",
            "--no-default-features",
            "--workspace",
        ])
        .arg("--features")
        .arg(features.join(","))
        .arg("--manifest-path")
        .arg(&manifest_path)
        .current_dir(&crates_dir)
        .env("RUSTFLAGS", "-D warnings")
        .env("CARGO_TARGET_DIR", &build_dir)
        // A failing sample's message matters, not the stack of the assertion.
        .env("RUST_BACKTRACE", "0")
        // Would take precedence over RUSTFLAGS.
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    let shown = format!(
        "RUSTFLAGS=\"-D warnings\" CARGO_TARGET_DIR={} {} test --quiet --no-fail-fast --no-default-features --workspace --features {} --manifest-path {}",
        build_dir.display(),
        Path::new(&cargo).display(),
        features.join(","),
        manifest_path.display()
    );
    let build_started = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    let built = build_started.elapsed();

    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!(
            "the fixture crates failed to build or test ({}).\n\
             command: {shown}\n\
             crates:  {}\n\n\
             --- cargo stderr ---\n{}\n--- cargo stdout ---\n{}",
            output.status,
            crates_dir.display(),
            tail(&stderr, OUTPUT_LINES),
            tail(&without_progress(&stdout), OUTPUT_LINES),
        ));
    }

    // Every crate compiles with no API group at all (what is left is the client, the error
    // model and what it uses), and a crate of several specs, or with operations of several
    // API groups, with each group alone; warnings denied.
    for fixture in &fixtures {
        let manifest = crates_dir.join(&fixture.name).join("Cargo.toml");
        let mut feature_sets = vec![None];
        let shared_operations = crates_dir
            .join(&fixture.name)
            .join("src/apis/shared.rs")
            .is_file();
        if fixture.specs.len() > 1 || shared_operations {
            feature_sets.extend(group_features(&manifest)?.into_iter().map(Some));
        }
        for features in feature_sets {
            let mut check = Command::new(&cargo);
            check
                .args(["check", "--quiet", "--lib", "--no-default-features"])
                .args(["--package", &fixture.package]);
            if let Some(group) = &features {
                check.args(["--features", group]);
            }
            let output = check
                .arg("--manifest-path")
                .arg(&manifest_path)
                .current_dir(&crates_dir)
                .env("RUSTFLAGS", "-D warnings")
                .env("CARGO_TARGET_DIR", &build_dir)
                .env_remove("CARGO_ENCODED_RUSTFLAGS")
                .output()
                .map_err(|e| format!("cannot run cargo check: {e}"))?;
            if !output.status.success() {
                let (what, flag) = match &features {
                    Some(group) => (
                        format!("only its feature `{group}`"),
                        format!(" --features {group}"),
                    ),
                    None => ("no API group's feature".to_owned(), String::new()),
                };
                return Err(format!(
                    "`{}` does not compile with {what} (RUSTFLAGS=\"-D warnings\" cargo check --lib --no-default-features{flag} -p {} in {}):\n{}",
                    fixture.name,
                    fixture.package,
                    crates_dir.display(),
                    tail(&String::from_utf8_lossy(&output.stderr), OUTPUT_LINES)
                ));
            }
        }
    }

    let names: Vec<&str> = fixtures.iter().map(|f| f.name.as_str()).collect();
    let sample_files: usize = fixtures.iter().map(|f| f.samples.len()).sum();
    let test_files: usize = fixtures.iter().map(|f| f.tests.len()).sum();
    eprintln!(
        "fixture crates {names:?} ({sample_files} sample files, {test_files} hand-written test files): generated in {:.1?}, `cargo test` took {:.1?}",
        generated, built
    );
    for line in stdout.lines().filter(|l| l.starts_with("test result:")) {
        eprintln!("  {line}");
    }
    Ok(())
}

/// The fixture specs, sorted by name, then `spec/chat.yaml` as `chat` and a spec ten times its
/// size as `synthetic-10x`.
fn discover(root: &Path) -> Result<Vec<Fixture>, String> {
    let fixtures_dir = root.join("codegen/tests/fixtures");
    let entries = std::fs::read_dir(&fixtures_dir)
        .map_err(|e| format!("cannot list {}: {e}", fixtures_dir.display()))?;
    let mut specs = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", fixtures_dir.display()))?
            .path();
        if path.extension().is_some_and(|ext| ext == "yaml") && path.is_file() {
            specs.push(path);
        }
    }
    specs.sort();

    let mut fixtures = Vec::new();
    for spec in specs {
        let name = file_stem(&spec)?;
        let spec_display = format!("codegen/tests/fixtures/{name}.yaml");
        fixtures.push(fixture(&fixtures_dir, name, vec![spec], spec_display)?);
    }
    let chat = root.join("spec/chat.yaml");
    if chat.is_file() {
        fixtures.push(fixture(
            &fixtures_dir,
            "chat".to_owned(),
            vec![chat.clone()],
            "spec/chat.yaml".to_owned(),
        )?);
        // Chat and the other Genesys groups of `../shared/genesys/` as one crate: one client,
        // one token, a feature per group (each group also compiles alone). Users and
        // Authorization share 12 operations (each spec has them, with its own tag): one
        // operation each, a method of both groups.
        let shared = root.join("../shared/genesys");
        let files = [
            "users-269.0.0.yaml",
            "presence-269.0.0.yaml",
            "authorization-269.0.0.yaml",
        ];
        let groups = files.map(|f| shared.join(f));
        if groups.iter().all(|g| g.is_file()) {
            let mut specs = vec![chat.clone()];
            specs.extend(groups);
            let mut display = vec!["spec/chat.yaml".to_owned()];
            display.extend(files.iter().map(|f| format!("../shared/genesys/{f}")));
            fixtures.push(fixture(
                &fixtures_dir,
                "genesys".to_owned(),
                specs,
                display.join(", "),
            )?);
        } else {
            // Not an error (a clone alone has no `../shared/`), but never silent.
            eprintln!(
                "fixture_crates: SKIPPED the `genesys` fixture (chat + users + presence + authorization in one crate): {} not found beside the workspace",
                shared.display()
            );
        }
        // A spec ten times the chat API (240 operations, 200 schemas, 4 tags) must generate
        // and compile like any other.
        let text =
            std::fs::read_to_string(&chat).map_err(|e| format!("{}: {e}", chat.display()))?;
        let big = synthetic::scale(&text, 10)?;
        let dir = root.join("target/fixture-specs");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = dir.join("synthetic-10x.yaml");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(big.as_str()) {
            std::fs::write(&path, &big).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        fixtures.push(fixture(
            &fixtures_dir,
            "synthetic-10x".to_owned(),
            vec![path],
            "synthetic 10x chat".to_owned(),
        )?);
    }

    let mut seen: BTreeMap<&str, &Fixture> = BTreeMap::new();
    for fixture in &fixtures {
        if let Some(other) = seen.insert(&fixture.package, fixture) {
            return Err(format!(
                "{} and {} would both become the package `{}`; rename one of them",
                other.spec_display, fixture.spec_display, fixture.package
            ));
        }
    }
    Ok(fixtures)
}

fn fixture(
    fixtures_dir: &Path,
    name: String,
    specs: Vec<PathBuf>,
    spec_display: String,
) -> Result<Fixture, String> {
    let package = common::package_name(&name);
    let lib = package.replace('-', "_");
    let samples = samples(&fixtures_dir.join(format!("{name}.samples")))?;
    let tests = extra_tests(&fixtures_dir.join(format!("{name}.tests")))?;
    Ok(Fixture {
        name,
        specs,
        spec_display,
        package,
        lib,
        samples,
        tests,
    })
}

/// The API groups' features of a generated crate: what its `all-apis` feature enables.
fn group_features(manifest: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("all-apis = "))
        .ok_or_else(|| format!("{} has no `all-apis` feature", manifest.display()))?;
    Ok(line
        .trim_matches(|c| c == '[' || c == ']')
        .split(',')
        .map(|f| f.trim().trim_matches('"').to_owned())
        .filter(|f| !f.is_empty())
        .collect())
}

fn file_stem(path: &Path) -> Result<String, String> {
    path.file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("{}: the file name is not UTF-8", path.display()))
}

/// `SCHEMA.json` files of a samples directory (none if it does not exist), each checked to be
/// a non-empty JSON array.
fn samples(dir: &Path) -> Result<BTreeMap<String, PathBuf>, String> {
    let mut samples = BTreeMap::new();
    if !dir.exists() {
        return Ok(samples);
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.extension().is_none_or(|ext| ext != "json") {
            continue;
        }
        let schema = file_stem(&path)?;
        let is_ident = schema.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && schema
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !is_ident {
            return Err(format!(
                "{}: the file name must be the Rust name of a model, e.g. `Node.json`",
                path.display()
            ));
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(serde_json::Value::Array(items)) if !items.is_empty() => {}
            Ok(_) => {
                return Err(format!(
                    "{}: expected a non-empty JSON array of sample values",
                    path.display()
                ));
            }
            Err(e) => return Err(format!("{}: invalid JSON: {e}", path.display())),
        }
        samples.insert(schema, path);
    }
    Ok(samples)
}

/// The `*.rs` files of a directory of hand-written tests (none if it does not exist).
fn extra_tests(dir: &Path) -> Result<BTreeMap<String, PathBuf>, String> {
    let mut tests = BTreeMap::new();
    if !dir.exists() {
        return Ok(tests);
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "rs") {
            let file = path
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or_else(|| format!("{}: the file name is not UTF-8", path.display()))?;
            tests.insert(file.to_owned(), path.clone());
        }
    }
    Ok(tests)
}

/// The generated crate plus the harness's round-trip test, sample copies and hand-written tests.
fn crate_files(fixture: &Fixture) -> Result<BTreeMap<String, String>, String> {
    let texts = fixture
        .specs
        .iter()
        .map(|spec| {
            std::fs::read_to_string(spec)
                .map_err(|e| format!("cannot read {}: {e}", spec.display()))
        })
        .collect::<Result<Vec<String>, String>>()?;
    let names: Vec<String> = fixture
        .spec_display
        .split(", ")
        .map(str::to_owned)
        .collect();
    let specs: Vec<Spec<'_>> = names
        .iter()
        .zip(&texts)
        .map(|(path, text)| Spec { path, text })
        .collect();
    let options = Options::new(&fixture.package, &fixture.spec_display);
    let output = generate_specs(&specs, &options).map_err(|e| {
        format!(
            "generating `{}` from {} failed:\n{e}",
            fixture.package, fixture.spec_display
        )
    })?;
    for warning in &output.warnings {
        eprintln!("{}: warning: {warning}", fixture.spec_display);
    }
    let mut files = output.files;
    // (path in the crate, contents, where it comes from)
    let mut added = Vec::new();
    if !fixture.samples.is_empty() {
        added.push((
            ROUNDTRIP_TEST.to_owned(),
            roundtrip_test(fixture),
            "the round-trip harness (codegen/tests/fixture_crates.rs)".to_owned(),
        ));
    }
    for (schema, path) in &fixture.samples {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        added.push((
            format!("tests/samples/{schema}.json"),
            text,
            path.display().to_string(),
        ));
    }
    for (file, path) in &fixture.tests {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        added.push((format!("tests/{file}"), text, path.display().to_string()));
    }
    let mut origin: BTreeMap<String, String> = files
        .keys()
        .map(|file| (file.clone(), "the generator".to_owned()))
        .collect();
    for (file, text, source) in added {
        if let Some(other) = origin.insert(file.clone(), source.clone()) {
            return Err(format!(
                "`{file}` of `{}` would be written both by {other} and by {source}; rename one",
                fixture.package
            ));
        }
        files.insert(file, text);
    }
    Ok(files)
}

/// `tests/roundtrip.rs` of a fixture crate: one test per sample file.
fn roundtrip_test(fixture: &Fixture) -> String {
    let mut text = format!(
        "//! Written by codegen/tests/fixture_crates.rs: the samples in \
         codegen/tests/fixtures/{name}.samples/\n\
         //! deserialize into the models of `{lib}` and serialize back to the same JSON.\n\n",
        name = fixture.name,
        lib = fixture.lib,
    );
    text.push_str(ROUNDTRIP_HELPERS);
    let mut test_names = BTreeSet::new();
    for schema in fixture.samples.keys() {
        let base = format!("{}_round_trips", snake(schema).trim_end_matches('_'));
        let mut test_name = base.clone();
        let mut n = 2;
        while !test_names.insert(test_name.clone()) {
            test_name = format!("{base}_{n}");
            n += 1;
        }
        let file = format!(
            "codegen/tests/fixtures/{}.samples/{schema}.json",
            fixture.name
        );
        let _ = write!(
            text,
            "\n#[test]\nfn {test_name}() {{\n    round_trip::<{lib}::models::{schema}>(\n        \
             {fixture:?},\n        {schema:?},\n        {file:?},\n        \
             include_str!(\"samples/{schema}.json\"),\n    );\n}}\n",
            lib = fixture.lib,
            fixture = fixture.name,
        );
    }
    text
}

const ROUNDTRIP_HELPERS: &str = r#"/// Deserializes every sample of `text` (a JSON array) into `T`, serializes it back and asserts
/// that the JSON is unchanged.
fn round_trip<T>(fixture: &str, schema: &str, file: &str, text: &str)
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let samples: Vec<serde_json::Value> = match serde_json::from_str(text) {
        Ok(samples) => samples,
        Err(e) => panic!("{file}: not a JSON array: {e}"),
    };
    for (index, sample) in samples.iter().enumerate() {
        let context = format!("fixture `{fixture}`, schema `{schema}`, sample {index} ({file})");
        let value: T = match serde_json::from_str(&sample.to_string()) {
            Ok(value) => value,
            Err(e) => panic!("{context}: does not deserialize: {e}\nsample: {sample}"),
        };
        let back = match serde_json::to_value(&value) {
            Ok(back) => back,
            Err(e) => panic!("{context}: does not serialize: {e}"),
        };
        if let Some(at) = first_difference(sample, &back, String::new()) {
            panic!("{context}: the round trip changed the value at `{at}`\nsample: {sample}\nafter:  {back}");
        }
    }
}

/// The JSON pointer of the first place where `a` and `b` differ.
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, at: String) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter().find_map(|key| {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => first_difference(x, y, here),
                    _ => Some(here),
                }
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, format!("{at}/{i}"))),
        _ if a == b => None,
        _ => Some(if at.is_empty() { "/".to_owned() } else { at }),
    }
}
"#;

/// `NodeShape` → `node_shape`, for test function names.
fn snake(name: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if previous_lower {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower = false;
        } else {
            out.push(c);
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
    }
    let out = out.trim_start_matches('_').to_owned();
    if out.is_empty() {
        "schema".to_owned()
    } else {
        out
    }
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// libtest's output without what passing test binaries print, so that the failures fit in
/// the lines shown.
fn without_progress(stdout: &str) -> String {
    let progress = |line: &str| {
        let line = line.trim();
        line.is_empty()
            || line.starts_with("running ")
            || line.starts_with("test result: ok.")
            || line.starts_with("all doctests ran in ")
            || line.chars().all(|c| c == '.')
    };
    let kept: Vec<&str> = stdout.lines().filter(|l| !progress(l)).collect();
    kept.join("\n")
}

/// The last `n` lines of `text`, saying how many were left out.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return "(empty)".to_owned();
    }
    let skip = lines.len().saturating_sub(n);
    let mut out = String::new();
    if skip > 0 {
        let _ = writeln!(out, "[... {skip} earlier lines left out ...]");
    }
    out.push_str(&lines[skip..].join("\n"));
    out
}
