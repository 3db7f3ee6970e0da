//! Snapshots of the code generated for each fixture spec.
//!
//! For every `tests/fixtures/NAME.yaml`, each generated file under `src/apis/` and
//! `src/models/` is compared with `tests/snapshots/NAME/<the same path>`. The runtime files
//! (`client.rs`, `runtime.rs`, ...) are the same for every spec and are left out.
//!
//! After an intended change to the generator, review the diff and accept it with
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test -p codegen --test snapshots
//! ```
//!
//! which rewrites the snapshots and deletes those that are no longer generated.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use codegen::{Options, generate};

mod common;

const UPDATE_COMMAND: &str = "UPDATE_SNAPSHOTS=1 cargo test -p codegen --test snapshots";

/// Generated directories that are snapshotted.
const SNAPSHOTTED: &[&str] = &["src/apis/", "src/models/"];

/// Diff lines shown per file, and files shown with a diff, in a failure message.
const DIFF_LINES_PER_FILE: usize = 80;
const DIFFS_SHOWN: usize = 10;

/// Lines of context around each change.
const CONTEXT: usize = 3;

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

    let existing = if snapshots_dir.exists() {
        common::list_files(&snapshots_dir)?
    } else {
        BTreeSet::new()
    };
    let belongs_to_failed = |path: &str| {
        path.split('/')
            .next()
            .is_some_and(|name| failed.contains_key(name))
    };

    let mut changed = Vec::new();
    let mut missing = Vec::new();
    for (path, text) in &expected {
        let file = snapshots_dir.join(path);
        match std::fs::read_to_string(&file) {
            Ok(old) if normalize(&old) == normalize(text) => {}
            Ok(old) => changed.push((path.clone(), old)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => missing.push(path.clone()),
            Err(e) => return Err(format!("cannot read {}: {e}", file.display())),
        }
    }
    let orphaned: Vec<&String> = existing
        .iter()
        .filter(|path| !expected.contains_key(*path) && !belongs_to_failed(path))
        .collect();

    if update {
        for path in changed.iter().map(|(p, _)| p).chain(&missing) {
            let file = snapshots_dir.join(path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            std::fs::write(&file, &expected[path])
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        }
        for path in &orphaned {
            let file = snapshots_dir.join(path);
            std::fs::remove_file(&file)
                .map_err(|e| format!("cannot remove {}: {e}", file.display()))?;
        }
        if snapshots_dir.exists() {
            common::remove_empty_dirs(&snapshots_dir, true)?;
        }
        eprintln!(
            "snapshots: {} updated, {} added, {} deleted, {} unchanged ({})",
            changed.len(),
            missing.len(),
            orphaned.len(),
            expected.len() - changed.len() - missing.len(),
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
        for (i, (path, old)) in changed.iter().enumerate() {
            let _ = writeln!(report, "changed: tests/snapshots/{path}");
            if i < DIFFS_SHOWN {
                let diff = unified_diff(&normalize(old), &normalize(&expected[path]));
                let _ = writeln!(
                    report,
                    "--- tests/snapshots/{path} (snapshot)\n+++ generated\n{}",
                    bounded(&diff, DIFF_LINES_PER_FILE)
                );
            }
        }
        if changed.len() > DIFFS_SHOWN {
            let _ = writeln!(
                report,
                "(diffs of the other {} changed files left out)\n",
                changed.len() - DIFFS_SHOWN
            );
        }
        for path in &missing {
            let _ = writeln!(
                report,
                "missing: tests/snapshots/{path} (generated, but there is no snapshot)"
            );
        }
        for path in &orphaned {
            let _ = writeln!(
                report,
                "orphaned: tests/snapshots/{path} (a snapshot of a file that is no longer generated)"
            );
        }
    }
    if report.is_empty() {
        return Ok(());
    }
    if !update && (!changed.is_empty() || !missing.is_empty() || !orphaned.is_empty()) {
        let _ = writeln!(
            report,
            "\n{} changed, {} missing, {} orphaned snapshot(s). If the generated code is what you \
             intended, accept it with:\n\n    {UPDATE_COMMAND}",
            changed.len(),
            missing.len(),
            orphaned.len()
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

/// The first `n` lines of `text`, saying how many were left out.
fn bounded(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= n {
        return text.to_owned();
    }
    let mut out = lines.iter().take(n).copied().collect::<Vec<_>>().join("\n");
    let _ = write!(out, "\n[... {} more diff lines ...]\n", lines.len() - n);
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Delete,
    Insert,
}

/// A unified diff (`@@ -a,b +c,d @@` hunks with `CONTEXT` lines around each change) of two
/// texts, by longest common subsequence of lines.
fn unified_diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = diff_ops(&a, &b);

    // Each op with its line numbers (0-based) in `a` and `b` before it.
    let mut numbered = Vec::with_capacity(ops.len());
    let (mut i, mut j) = (0, 0);
    for op in ops {
        numbered.push((op, i, j));
        match op {
            Op::Same => {
                i += 1;
                j += 1;
            }
            Op::Delete => i += 1,
            Op::Insert => j += 1,
        }
    }

    let changes: Vec<usize> = (0..numbered.len())
        .filter(|&k| numbered[k].0 != Op::Same)
        .collect();
    let mut out = String::new();
    let mut k = 0;
    while k < changes.len() {
        // Grow the hunk while the next change is within 2 * CONTEXT of the previous one.
        let start = changes[k].saturating_sub(CONTEXT);
        let mut last = changes[k];
        k += 1;
        while k < changes.len() && changes[k] - last <= 2 * CONTEXT {
            last = changes[k];
            k += 1;
        }
        let end = (last + CONTEXT + 1).min(numbered.len());
        let hunk = &numbered[start..end];
        let (_, a_start, b_start) = hunk[0];
        let a_len = hunk.iter().filter(|(op, ..)| *op != Op::Insert).count();
        let b_len = hunk.iter().filter(|(op, ..)| *op != Op::Delete).count();
        let _ = writeln!(
            out,
            "@@ -{},{a_len} +{},{b_len} @@",
            a_start + 1,
            b_start + 1
        );
        for &(op, i, j) in hunk {
            let _ = match op {
                Op::Same => writeln!(out, " {}", a[i]),
                Op::Delete => writeln!(out, "-{}", a[i]),
                Op::Insert => writeln!(out, "+{}", b[j]),
            };
        }
    }
    if out.is_empty() && old != new {
        out.push_str("(the texts differ only in trailing newlines)\n");
    }
    out
}

/// The edit script from `a` to `b`. Common leading and trailing lines are matched directly;
/// the middle by a longest-common-subsequence table, or, if that would be too large, as one
/// block deleted and one inserted.
fn diff_ops(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);

    let mut ops = vec![Op::Same; prefix];
    if ma.len().saturating_mul(mb.len()) > 4_000_000 {
        ops.extend(std::iter::repeat_n(Op::Delete, ma.len()));
        ops.extend(std::iter::repeat_n(Op::Insert, mb.len()));
    } else {
        // lcs[i][j]: length of the LCS of ma[i..] and mb[j..].
        let width = mb.len() + 1;
        let mut lcs = vec![0u32; (ma.len() + 1) * width];
        for i in (0..ma.len()).rev() {
            for j in (0..mb.len()).rev() {
                lcs[i * width + j] = if ma[i] == mb[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < ma.len() || j < mb.len() {
            if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
                ops.push(Op::Same);
                i += 1;
                j += 1;
            } else if i < ma.len()
                && (j == mb.len() || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
            {
                ops.push(Op::Delete);
                i += 1;
            } else {
                ops.push(Op::Insert);
                j += 1;
            }
        }
    }
    ops.extend(std::iter::repeat_n(Op::Same, suffix));
    ops
}

#[test]
fn the_diff_shows_changes_with_context() {
    let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n";
    let new = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n";
    assert_eq!(
        unified_diff(old, new),
        "@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n@@ -11,3 +11,4 @@\n k\n l\n m\n+n\n"
    );
    assert_eq!(unified_diff("x\n", "x\n"), "");
}
