//! A directory made to hold a tree of generated files, and how a directory differs from one:
//! the one implementation of write-if-changed, orphan removal and diffing. `cargo xtask
//! codegen [--check]` and `cargo xtask corpus` use it through `sync`; the snapshot and
//! fixture-crate tests of `codegen` compile this same file (`#[path]` in
//! `codegen/tests/common`), so it depends on the standard library and `similar` only.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Which files of a directory belong to the tree (the others are never touched).
#[derive(Debug, Clone, Copy)]
pub enum Owned<'a> {
    /// Every file under the directory.
    #[allow(dead_code)]
    // xtask's directories all hold hand-written files; codegen's tests use it.
    All,
    /// The files at or under these relative paths (a file or a directory each).
    Roots(&'a [&'a str]),
}

/// What [`write()`] changed on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files whose content changed (or that were new).
    pub changed: usize,
    /// Owned files the tree no longer has, deleted.
    pub deleted: usize,
}

/// How a directory differs from a tree: relative paths, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drift {
    /// In both, with other contents.
    pub stale: Vec<String>,
    /// In the tree only.
    pub missing: Vec<String>,
    /// Owned, on disk only.
    pub orphaned: Vec<String>,
}

impl Drift {
    /// Whether the directory holds the tree exactly.
    pub fn is_empty(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.orphaned.is_empty()
    }

    /// How many files differ.
    pub fn len(&self) -> usize {
        self.stale.len() + self.missing.len() + self.orphaned.len()
    }
}

/// Makes `dir` hold `files` (relative paths with `/` → contents): writes only files whose
/// content changed, deletes owned files that are not in `files`, then owned directories left
/// empty. New contents are first written to temporary siblings and renamed into place only
/// when all are written, so a failure leaves every file as it was and none half-written.
pub fn write(
    dir: &Path,
    files: &BTreeMap<String, String>,
    owned: Owned<'_>,
) -> Result<Written, String> {
    let existing = owned_files(dir, owned)?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |staged: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in staged {
            let _ = fs::remove_file(tmp);
        }
    };
    for (path, contents) in files {
        let target = dir.join(path);
        if fs::read(&target).is_ok_and(|have| have == contents.as_bytes()) {
            continue;
        }
        let mut tmp = target.clone().into_os_string();
        tmp.push(".codegen-tmp");
        let tmp = PathBuf::from(tmp);
        let written = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&tmp, contents));
        if let Err(e) = written {
            cleanup(&staged);
            let _ = fs::remove_file(&tmp);
            return Err(format!(
                "cannot write {}: {e}; nothing was changed",
                target.display()
            ));
        }
        staged.push((tmp, target));
    }
    let changed = staged.len();
    for (tmp, target) in &staged {
        fs::rename(tmp, target).map_err(|e| format!("cannot replace {}: {e}", target.display()))?;
    }
    let orphans: Vec<&String> = existing
        .iter()
        .filter(|p| !files.contains_key(*p))
        .collect();
    for path in &orphans {
        let full = dir.join(path);
        fs::remove_file(&full)
            .map_err(|e| format!("cannot delete orphaned {}: {e}", full.display()))?;
    }
    match owned {
        Owned::All => remove_empty_dirs(dir, false)?,
        Owned::Roots(roots) => {
            for root in roots {
                let root = dir.join(root);
                if root.is_dir() {
                    remove_empty_dirs(&root, false)?;
                }
            }
        }
    }
    Ok(Written {
        changed,
        deleted: orphans.len(),
    })
}

/// How `dir` differs from `files`, comparing contents with `same(on_disk, wanted)`.
pub fn drift(
    dir: &Path,
    files: &BTreeMap<String, String>,
    owned: Owned<'_>,
    same: impl Fn(&str, &str) -> bool,
) -> Result<Drift, String> {
    let mut drift = Drift::default();
    for (path, want) in files {
        let file = dir.join(path);
        match fs::read(&file) {
            Ok(have) if same(&String::from_utf8_lossy(&have), want) => {}
            Ok(_) => drift.stale.push(path.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => drift.missing.push(path.clone()),
            Err(e) => return Err(format!("cannot read {}: {e}", file.display())),
        }
    }
    drift.orphaned = owned_files(dir, owned)?
        .into_iter()
        .filter(|p| !files.contains_key(p))
        .collect();
    Ok(drift)
}

/// A unified diff from `have` to `want` with 3 lines of context, each line indented by
/// `indent`, cut after `max_lines` lines with a count of the rest.
pub fn diff(
    have: &str,
    want: &str,
    labels: (&str, &str),
    max_lines: usize,
    indent: &str,
) -> String {
    let text = similar::TextDiff::from_lines(have, want)
        .unified_diff()
        .context_radius(3)
        .header(labels.0, labels.1)
        .to_string();
    let total = text.lines().count();
    let mut out: String = text
        .lines()
        .take(max_lines)
        .map(|l| format!("{indent}{l}\n"))
        .collect();
    if total > max_lines {
        out.push_str(&format!(
            "{indent}... {} more diff lines\n",
            total - max_lines
        ));
    }
    out
}

/// Relative paths (with `/`) of the files under `dir`; none when it does not exist.
pub fn list_files(dir: &Path) -> Result<BTreeSet<String>, String> {
    let mut out = BTreeSet::new();
    if dir.exists() {
        walk(dir, dir, &mut out)?;
    }
    Ok(out)
}

/// Removes the empty directories under `dir`; `dir` itself too when `including_dir` is set.
pub fn remove_empty_dirs(dir: &Path, including_dir: bool) -> Result<(), String> {
    let list =
        |dir: &Path| fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()));
    for entry in list(dir)? {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            remove_empty_dirs(&path, true)?;
        }
    }
    if including_dir && list(dir)?.next().is_none() {
        fs::remove_dir(dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    }
    Ok(())
}

/// The owned files present under `dir`.
fn owned_files(dir: &Path, owned: Owned<'_>) -> Result<BTreeSet<String>, String> {
    match owned {
        Owned::All => list_files(dir),
        Owned::Roots(roots) => {
            let mut found = BTreeSet::new();
            for root in roots {
                let path = dir.join(root);
                if path.is_dir() {
                    walk(dir, &path, &mut found)?;
                } else if path.is_file() {
                    found.insert((*root).to_owned());
                }
            }
            Ok(found)
        }
    }
}

fn walk(base: &Path, dir: &Path, out: &mut BTreeSet<String>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            walk(base, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(base) {
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.insert(parts.join("/"));
        }
    }
    Ok(())
}
