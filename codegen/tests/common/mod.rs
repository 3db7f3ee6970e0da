//! What the fixture-crate and snapshot tests share: how a fixture's crate is named. (They write
//! and compare directories with `codegen::cli::tree`, the command's own implementation.)

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
