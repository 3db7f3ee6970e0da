//! Snapshots of the code generated for each fixture spec.
//!
//! For every `tests/fixtures/NAME.yaml`, each generated file under `src/apis/`, `src/models/`
//! and `src/security.rs` is compared with `tests/snapshots/NAME/<the same path>`. The runtime files
//! (`client.rs`, `runtime.rs`, ...) are the same for every spec and are left out.
//!
//! After an intended change to the generator, review the diff and accept it with
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test -p codegen --test snapshots
//! ```
//!
//! which rewrites the snapshots and deletes those that are no longer generated.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use codegen::{Options, generate};

mod common;

const UPDATE_COMMAND: &str = "UPDATE_SNAPSHOTS=1 cargo test -p codegen --test snapshots";

/// Generated directories that are snapshotted.
const SNAPSHOTTED: &[&str] = &["src/apis/", "src/models/", "src/security.rs"];

/// Diff lines shown per file, and files shown with a diff, in a failure message.
const DIFF_LINES_PER_FILE: usize = 80;
const DIFFS_SHOWN: usize = 10;

fn codegen_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn generated_code_matches_the_snapshots() {
    if let Err(message) = run() {
        panic!("{message}");
    }
}

fn run() -> Result<(), String> {
    let update = std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1" || v == "true");
    let fixtures_dir = codegen_dir().join("tests/fixtures");
    let snapshots_dir = codegen_dir().join("tests/snapshots");

    // Snapshot path (`NAME/src/...`, with `/`) → generated text.
    let mut expected: BTreeMap<String, String> = BTreeMap::new();
    // Fixtures that failed to generate: their snapshots are neither compared nor deleted.
    let mut failed: BTreeMap<String, String> = BTreeMap::new();
    let fixtures = fixture_names(&fixtures_dir)?;
    if fixtures.is_empty() {
        return Err(format!("no *.yaml fixtures in {}", fixtures_dir.display()));
    }
    for name in &fixtures {
        let path = fixtures_dir.join(format!("{name}.yaml"));
        let spec = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let options = Options::new(
            &common::package_name(name),
            &format!("codegen/tests/fixtures/{name}.yaml"),
        );
        match generate(&spec, &options) {
            Ok(output) => {
                for (file, text) in output.files {
                    if SNAPSHOTTED.iter().any(|dir| file.starts_with(dir)) {
                        expected.insert(format!("{name}/{file}"), text);
                    }
                }
            }
            Err(e) => {
                failed.insert(name.clone(), e.to_string());
            }
        }
    }

    // Every snapshot directory is owned (those of removed fixtures are orphans) but those of
    // fixtures that failed, which keep their snapshots.
    let mut dirs: std::collections::BTreeSet<String> = fixtures.iter().cloned().collect();
    dirs.extend(
        codegen::cli::tree::list_files(&snapshots_dir)?
            .iter()
            .filter_map(|path| path.split('/').next().map(str::to_owned)),
    );
    let owned_dirs: Vec<&str> = dirs
        .iter()
        .filter(|name| !failed.contains_key(*name))
        .map(String::as_str)
        .collect();
    let owned = codegen::cli::tree::Owned::Roots(&owned_dirs);
    let same = |have: &str, want: &str| normalize(have) == normalize(want);
    // Updating writes what differs; only a check needs to know what that is.
    let drift = if update {
        codegen::cli::tree::Drift::default()
    } else {
        codegen::cli::tree::drift(&snapshots_dir, &expected, owned, same)?
    };

    if update {
        let written = codegen::cli::tree::write(&snapshots_dir, &expected, owned)?;
        if snapshots_dir.exists() {
            codegen::cli::tree::remove_empty_dirs(&snapshots_dir, true)?;
        }
        eprintln!(
            "snapshots: {} written, {} deleted, {} unchanged ({})",
            written.changed,
            written.deleted,
            expected.len() - written.changed,
            snapshots_dir.display()
        );
    }

    let mut report = String::new();
    for (name, error) in &failed {
        let _ = writeln!(
            report,
            "fixture `{name}` failed to generate (its snapshots were left alone):\n{error}\n"
        );
    }
    if !update {
        for (i, (path, old)) in drift.stale.iter().enumerate() {
            let _ = writeln!(report, "changed: tests/snapshots/{path}");
            if i < DIFFS_SHOWN {
                let _ = writeln!(
                    report,
                    "{}",
                    codegen::cli::tree::diff(
                        &normalize(old),
                        &normalize(&expected[path]),
                        (&format!("tests/snapshots/{path} (snapshot)"), "generated"),
                        DIFF_LINES_PER_FILE,
                        "",
                    )
                );
            }
        }
        if drift.stale.len() > DIFFS_SHOWN {
            let _ = writeln!(
                report,
                "(diffs of the other {} changed files left out)\n",
                drift.stale.len() - DIFFS_SHOWN
            );
        }
        for path in &drift.missing {
            let _ = writeln!(
                report,
                "missing: tests/snapshots/{path} (generated, but there is no snapshot)"
            );
        }
        for path in &drift.orphaned {
            let _ = writeln!(
                report,
                "orphaned: tests/snapshots/{path} (a snapshot of a file that is no longer generated)"
            );
        }
    }
    if report.is_empty() {
        return Ok(());
    }
    if !update && !drift.is_empty() {
        let _ = writeln!(
            report,
            "\n{} changed, {} missing, {} orphaned snapshot(s). If the generated code is what you \
             intended, accept it with:\n\n    {UPDATE_COMMAND}",
            drift.stale.len(),
            drift.missing.len(),
            drift.orphaned.len()
        );
    }
    Err(report)
}

/// Stems of the `*.yaml` files in `dir`, sorted.
fn fixture_names(dir: &Path) -> Result<Vec<String>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.extension().is_some_and(|ext| ext == "yaml") && path.is_file() {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .ok_or_else(|| format!("{}: the file name is not UTF-8", path.display()))?;
            names.push(name.to_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Line endings as `\n`, so a checkout with CRLF line endings still matches.
fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n")
}
