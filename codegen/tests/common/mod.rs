//! What the fixture-crate and snapshot tests share: how a fixture's crate is named, and how a
//! directory is made to hold generated files or compared with them: `xtask`'s own
//! implementation, compiled here from the same file.

#[path = "../../../xtask/src/tree.rs"]
#[allow(dead_code)] // Each test binary uses part of it.
pub mod tree;

/// `fixture-NAME` with everything but ASCII letters and digits turned into `-`, lower case.
pub fn package_name(name: &str) -> String {
    let suffix: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("fixture-{suffix}")
}
