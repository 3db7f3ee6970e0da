//! `openapi-sdkgen`: generates a Rust SDK crate from OpenAPI 3.0 descriptions. Everything is in
//! `codegen::cli`; `openapi-sdkgen --help` is the user's documentation.

use std::process::ExitCode;

fn main() -> ExitCode {
    // One generation, then exit: what it discards is left to the operating system.
    codegen::leave_memory_to_exit();
    let search_from = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let frontend = codegen::cli::Frontend {
        program: codegen::cli::PROGRAM.to_owned(),
        search_from,
    };
    codegen::cli::run(&frontend, std::env::args_os().skip(1)).into()
}
