//! What the test crates share: how a fixture's crate is named (the fixture-crate and snapshot
//! tests, which write and compare directories with `codegen::cli::tree`, the command's own
//! implementation), and each schema's module on its own (the pipeline and bad-spec tests).
//! Each test crate uses some of it.
#![allow(
    dead_code,
    reason = "each test crate that shares this module uses a part of it"
)]

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

/// `files` with, beside them, each schema's module as an entry of its own, `models::NAME` (the
/// module's name without `r#`): its lines from `pub mod NAME {` to the closing `}`, as written
/// in its file of `src/models/`.
pub fn with_schema_modules(
    mut files: std::collections::BTreeMap<String, String>,
) -> std::collections::BTreeMap<String, String> {
    let mut modules = Vec::new();
    for (path, text) in &files {
        if !path.starts_with("src/models/") || path.ends_with("/mod.rs") {
            continue;
        }
        let mut open: Option<(String, String)> = None;
        for line in text.lines() {
            if let Some((_, block)) = &mut open {
                block.push_str(line);
                block.push('\n');
                if line == "}" {
                    modules.extend(open.take());
                }
            } else if let Some(name) = line
                .strip_prefix("pub mod ")
                .and_then(|rest| rest.strip_suffix(" {"))
            {
                let name = name.trim_start_matches("r#");
                open = Some((format!("models::{name}"), format!("{line}\n")));
            }
        }
        assert!(open.is_none(), "{path}: a module is not closed");
    }
    for (key, block) in modules {
        assert!(files.insert(key.clone(), block).is_none(), "{key} twice");
    }
    files
}
