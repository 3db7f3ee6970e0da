//! Tests of [`crate::tree`], kept out of `tree.rs` because codegen's test harnesses compile that
//! file too, and would run them again.

use std::collections::BTreeMap;
use std::fs;

use crate::sync::tests::TempDir;
use crate::tree::*;

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
            stale: vec!["b".into()],
            missing: vec!["d".into()],
            orphaned: vec!["c".into()],
        }
    );
    assert_eq!(exact.len(), 3);
    let loose = drift(dir, &want, Owned::Roots(&["a", "b"]), |a, b| {
        a.replace("\r\n", "\n") == b
    })
    .expect("drift");
    assert_eq!(loose.stale, Vec::<String>::new());
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
