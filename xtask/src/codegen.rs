//! `cargo xtask codegen [ARGS]`: the installed command's code (`codegen::cli`) under this
//! name, looking for `openapi-sdkgen.toml` from the workspace root, so that with no arguments
//! it regenerates the chat SDK from any directory of the workspace (the root's
//! `openapi-sdkgen.toml`: `spec/chat.yaml` → `generated-sdk/`, warnings denied).

use std::ffi::OsString;

/// Runs the command with `args` (those after `codegen`).
pub fn run(args: Vec<OsString>) -> codegen::cli::Exit {
    codegen::cli::run(&frontend(), args)
}

fn frontend() -> codegen::cli::Frontend {
    codegen::cli::Frontend {
        program: "cargo xtask codegen".to_owned(),
        search_from: crate::workspace::root(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed generated-sdk/ must be exactly what the generator makes, with no
    /// warning, so `cargo test` fails on drift just like `cargo xtask codegen --check`.
    #[test]
    fn committed_sdk_is_up_to_date() {
        let outcome = codegen::cli::execute(&frontend(), [OsString::from("--check")]);
        assert_eq!(
            outcome.exit,
            codegen::cli::Exit::Success,
            "generated-sdk/ is stale or has warnings:\n{}{}",
            outcome.stderr,
            outcome.stdout
        );
        assert!(
            outcome.stdout.contains("generated-sdk is up to date")
                || outcome.stdout.contains("/generated-sdk is up to date"),
            "{}",
            outcome.stdout
        );
    }

    /// The README's SDK example is `generated-sdk/examples/readme.rs`, which `cargo test`
    /// compiles; this keeps the two identical.
    #[test]
    fn readme_example_is_the_compiled_example() {
        let root = crate::workspace::root();
        let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
        let example = std::fs::read_to_string(root.join("generated-sdk/examples/readme.rs"))
            .expect("generated-sdk/examples/readme.rs");
        let block = readme
            .split("```rust,no_run\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("README.md has a ```rust,no_run block");
        let code = example
            .split_once("\n\n")
            .map(|(_, code)| code)
            .expect("example has a doc line, then code");
        assert_eq!(
            block, code,
            "README.md and generated-sdk/examples/readme.rs differ"
        );
    }
}
