//! A directory made to hold a tree of generated files, and how a directory differs from one:
//! the one implementation of write-if-changed, orphan removal and diffing (feature `cli`).
//! The command ([`crate::cli`], and `cargo xtask codegen` through it) writes and checks
//! generated crates with it; `cargo xtask corpus`, the snapshot and the fixture-crate tests
//! write and compare their directories with it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Which files of a directory belong to the tree (the others are never touched).
#[derive(Debug, Clone, Copy)]
pub enum Owned<'a> {
    /// Every file under the directory.
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
    /// In both, with other contents: each with its contents on disk (read once, for a diff).
    pub stale: BTreeMap<String, String>,
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
/// empty. A file that did not exist is written in place; a changed one is first written to a
/// temporary sibling, renamed into place only when every file is written. So a failure leaves
/// every file as it was and none half-written: the new files and directories made so far are
/// removed, the temporary files too.
pub fn write(
    dir: &Path,
    files: &BTreeMap<String, String>,
    owned: Owned<'_>,
) -> Result<Written, String> {
    let existing = owned_files(dir, owned)?;
    let mut made = Made::default();
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    for (path, contents) in files {
        let target = dir.join(path);
        let is_new = match fs::read(&target) {
            Ok(have) if have == contents.as_bytes() => continue,
            Ok(_) => false,
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        let written = target.parent().map_or(Ok(()), |parent| made.dir(parent));
        let written = if is_new {
            // Pushed first: a failed write may still have made the file.
            made.files.push(target.clone());
            written.and_then(|()| fs::write(&target, contents))
        } else {
            let mut tmp = target.clone().into_os_string();
            tmp.push(".codegen-tmp");
            let tmp = PathBuf::from(tmp);
            let written = written.and_then(|()| fs::write(&tmp, contents));
            staged.push((tmp, target.clone()));
            written
        };
        if let Err(e) = written {
            made.undo(&staged);
            return Err(format!(
                "cannot write {}: {e}; nothing was changed",
                target.display()
            ));
        }
    }
    let changed = made.files.len() + staged.len();
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

/// The files and directories [`write()`] made, to be removed if it fails.
#[derive(Default)]
struct Made {
    /// Directories known to exist (made here or found).
    ready: BTreeSet<PathBuf>,
    /// Directories made here, outermost first.
    dirs: Vec<PathBuf>,
    /// Files that did not exist, written in place.
    files: Vec<PathBuf>,
}

impl Made {
    /// Makes `dir` and its missing parents, remembering which were made.
    fn dir(&mut self, dir: &Path) -> std::io::Result<()> {
        if self.ready.contains(dir) || dir.as_os_str().is_empty() {
            return Ok(());
        }
        if !dir.is_dir() {
            if let Some(parent) = dir.parent() {
                self.dir(parent)?;
            }
            fs::create_dir(dir)?;
            self.dirs.push(dir.to_owned());
        }
        self.ready.insert(dir.to_owned());
        Ok(())
    }

    /// Removes what was made and the temporary files of `staged`: the directory is as it was.
    fn undo(&self, staged: &[(PathBuf, PathBuf)]) {
        for path in self.files.iter().chain(staged.iter().map(|(tmp, _)| tmp)) {
            let _ = fs::remove_file(path);
        }
        for dir in self.dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
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
            Ok(have) => {
                let have = String::from_utf8_lossy(&have);
                if !same(&have, want) {
                    drift.stale.insert(path.clone(), have.into_owned());
                }
            }
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

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;
    use std::fs;

    use super::*;

    /// A fresh directory under the system temp dir, removed when dropped.
    pub(crate) struct TempDir(pub(crate) PathBuf);

    impl TempDir {
        pub(crate) fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("codegen-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).expect("create temp dir");
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn tree(files: &[(&str, &str)]) -> BTreeMap<String, String> {
        files
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect()
    }

    #[test]
    fn writes_what_changed_removes_owned_orphans_and_leaves_the_rest() {
        let tmp = TempDir::new("tree-write");
        let dir = &tmp.0;
        let first = tree(&[
            ("src/a.rs", "a\n"),
            ("src/old/b.rs", "b\n"),
            ("Cargo.toml", "[package]\n"),
        ]);
        let roots = Owned::Roots(&["src", "Cargo.toml"]);
        assert_eq!(
            write(dir, &first, roots),
            Ok(Written {
                changed: 3,
                deleted: 0
            })
        );
        fs::create_dir_all(dir.join("tests")).expect("tests");
        fs::write(dir.join("tests/mine.rs"), "// hand-written\n").expect("hand-written");

        let second = tree(&[("src/a.rs", "a2\n"), ("Cargo.toml", "[package]\n")]);
        assert_eq!(
            write(dir, &second, roots),
            Ok(Written {
                changed: 1,
                deleted: 1
            })
        );
        assert_eq!(
            list_files(dir).expect("list"),
            ["Cargo.toml", "src/a.rs", "tests/mine.rs"]
                .map(String::from)
                .into()
        );
        assert!(
            !dir.join("src/old").exists(),
            "the emptied directory is gone"
        );
        // Unchanged: nothing written.
        assert_eq!(
            write(dir, &second, roots),
            Ok(Written {
                changed: 0,
                deleted: 0
            })
        );
        // Owning everything, the hand-written file is an orphan.
        assert_eq!(
            write(dir, &second, Owned::All),
            Ok(Written {
                changed: 0,
                deleted: 1
            })
        );
        assert!(!dir.join("tests").exists());
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        // (what cannot be written, how it is blocked, the file that fails, what is left)
        let cases: [(&str, &str, &str, &[&str]); 2] = [
            (
                "a changed file's temporary file: a directory stands in its place",
                "y.codegen-tmp",
                "y",
                &["a", "m", "y", "y.codegen-tmp"],
            ),
            (
                "a new file under a path that is a file",
                "",
                "m/n/k",
                &["a", "m", "y"],
            ),
        ];
        for (what, blocker, failing, left_expected) in cases {
            let tmp = TempDir::new("tree-failed");
            let dir = &tmp.0;
            let first = tree(&[("a", "old\n"), ("m/n", "kept\n"), ("y", "old\n")]);
            write(dir, &first, Owned::All).expect("write");
            if !blocker.is_empty() {
                fs::create_dir_all(dir.join(blocker)).expect("blocker");
            }
            // Changed and new files before the failing one (new files also after it), some
            // in new directories.
            let mut files: Vec<(String, String)> = (0..40)
                .map(|i| (format!("f{i:02}"), format!("{i}\n")))
                .collect();
            files.extend([
                ("a".to_owned(), "new\n".to_owned()),
                ("d/e/new".to_owned(), "new\n".to_owned()),
                ("z/new".to_owned(), "new\n".to_owned()),
                (failing.to_owned(), "x\n".to_owned()),
            ]);
            let second: BTreeMap<String, String> = files.into_iter().collect();
            let error = write(dir, &second, Owned::All).expect_err(what);
            assert!(
                error.contains("cannot write")
                    && error.contains(failing)
                    && error.contains("nothing was changed"),
                "{what}: {error}"
            );
            let mut left: Vec<String> = fs::read_dir(dir)
                .expect("read")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
            left.sort();
            assert_eq!(
                left, left_expected,
                "{what}: no new file, directory or temporary file"
            );
            assert_eq!(
                fs::read_to_string(dir.join("a")).expect("a"),
                "old\n",
                "{what}"
            );
            assert_eq!(
                fs::read_to_string(dir.join("m/n")).expect("m/n"),
                "kept\n",
                "{what}"
            );
            assert_eq!(
                fs::read_to_string(dir.join("y")).expect("y"),
                "old\n",
                "{what}"
            );
        }
    }

    #[test]
    fn drift_names_stale_missing_and_orphaned_files() {
        let tmp = TempDir::new("tree-drift");
        let dir = &tmp.0;
        write(
            dir,
            &tree(&[("a", "1\n"), ("b", "2\r\n"), ("c", "3\n")]),
            Owned::All,
        )
        .expect("write");
        let want = tree(&[("a", "1\n"), ("b", "2\n"), ("d", "4\n")]);
        let exact = drift(dir, &want, Owned::All, |a, b| a == b).expect("drift");
        assert_eq!(
            exact,
            Drift {
                stale: BTreeMap::from([("b".into(), "2\r\n".into())]),
                missing: vec!["d".into()],
                orphaned: vec!["c".into()],
            }
        );
        assert_eq!(exact.len(), 3);
        let loose = drift(dir, &want, Owned::Roots(&["a", "b"]), |a, b| {
            a.replace("\r\n", "\n") == b
        })
        .expect("drift");
        assert_eq!(loose.stale, BTreeMap::new());
        assert_eq!(loose.orphaned, Vec::<String>::new(), "`c` is not owned");
    }

    #[test]
    fn diffs_show_context_and_are_bounded() {
        let have: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let want = have.replace("line 50\n", "line fifty\n");
        let text = diff(&have, &want, ("a/x (old)", "b/x (new)"), 100, "  ");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "  --- a/x (old)");
        assert_eq!(lines[1], "  +++ b/x (new)");
        assert!(
            lines.contains(&"  -line 50") && lines.contains(&"  +line fifty"),
            "{text}"
        );
        assert!(
            lines.contains(&"   line 47") && !text.contains("line 46"),
            "3 lines of context: {text}"
        );
        let everything: String = (0..100).map(|i| format!("other {i}\n")).collect();
        let cut = diff(&have, &everything, ("a", "b"), 10, "");
        assert_eq!(cut.lines().count(), 11);
        assert!(cut.ends_with("... 193 more diff lines\n"), "{cut}");
    }
}
