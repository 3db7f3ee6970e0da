//! `--check`: `cargo check` of each tool's crate for GitHub's description, timed.

use super::*;

/// `cargo check` of every tool's crate for GitHub's description, dependencies pre-built in one
/// shared target directory.
pub(super) fn check_all(
    root: &Path,
    dir: &Path,
    tools: &[Tool],
    rows: &[Measured],
    github: &Spec,
    time: Option<&Path>,
) -> Result<Vec<Checked>, String> {
    let target = dir.join("target");
    let logs = dir.join("logs");
    let mut checks = Vec::new();
    for tool in tools {
        let generated = rows
            .iter()
            .any(|r| r.tool == tool.name && r.spec == github.label && r.ok());
        if !generated {
            continue;
        }
        eprintln!(
            "peers: cargo check of {}'s crate for {}",
            tool.name, github.label
        );
        let krate = dir.join(crate::corpus::slug(&tool.name));
        let checked = match make_crate(root, tool, github, &krate, &logs, time) {
            Ok(manifest) => check_one(&tool.name, &manifest, &target, &logs, time)?,
            Err(failure) => Checked {
                tool: tool.name.clone(),
                failure: Some(failure),
                ..Checked::default()
            },
        };
        if let Some(failure) = &checked.failure {
            eprintln!("peers:   failed: {failure}");
        }
        checks.push(checked);
    }
    Ok(checks)
}

/// Generates `spec` with `tool` into `dir` as a crate of its own workspace; returns its
/// manifest. openapi-to-rust writes a module: it gets a `Cargo.toml` made of a `[package]`
/// table and the fragment it writes for the purpose (`REQUIRED_DEPS.toml`), and a `lib.rs` that
/// declares the module.
pub(super) fn make_crate(
    root: &Path,
    tool: &Tool,
    spec: &Spec,
    dir: &Path,
    logs: &Path,
    time: Option<&Path>,
) -> Result<PathBuf, String> {
    let _ = fs::remove_dir_all(dir);
    let name = "github-peer";
    let module = name.replace('-', "_");
    let out = if tool.kind == Kind::OpenapiToRust {
        dir.join("src").join(&module)
    } else {
        dir.to_path_buf()
    };
    let run = run_once(&tool.command(&spec.path, &out, name), logs, time)?;
    if let Some(failure) = run.failure {
        return Err(failure);
    }
    let manifest = dir.join("Cargo.toml");
    if tool.kind == Kind::OpenapiToRust {
        let deps_file = out.join("REQUIRED_DEPS.toml");
        let deps =
            fs::read_to_string(&deps_file).map_err(|e| format!("{}: {e}", deps_file.display()))?;
        let text = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n{deps}\n"
        );
        fs::write(&manifest, text).map_err(|e| format!("{}: {e}", manifest.display()))?;
        let lib = dir.join("src/lib.rs");
        fs::write(&lib, format!("pub mod {module};\n"))
            .map_err(|e| format!("{}: {e}", lib.display()))?;
    }
    let text = fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    if !text.lines().any(|l| l.trim() == "[workspace]") {
        fs::write(&manifest, format!("{text}\n[workspace]\n"))
            .map_err(|e| format!("{}: {e}", manifest.display()))?;
    }
    if tool.kind == Kind::This {
        // The dependency versions the project tests with.
        fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
            .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    }
    Ok(manifest)
}

/// Untimed first check (dependencies), then a timed one after touching `src/lib.rs`.
pub(super) fn check_one(
    tool: &str,
    manifest: &Path,
    target: &Path,
    logs: &Path,
    time: Option<&Path>,
) -> Result<Checked, String> {
    let cargo = crate::workspace::cargo_program();
    let command: Vec<OsString> = vec![
        cargo,
        "check".into(),
        "--quiet".into(),
        "--manifest-path".into(),
        manifest.as_os_str().to_owned(),
        "--target-dir".into(),
        target.as_os_str().to_owned(),
    ];
    let mut checked = Checked {
        tool: tool.into(),
        ..Checked::default()
    };
    let first = run_once_with(&command, logs, time, &[("CARGO_INCREMENTAL", "0")])?;
    if let Some(failure) = first.failure {
        let stderr = fs::read_to_string(logs.join("stderr.txt")).unwrap_or_default();
        checked.failure = Some(check_failure(&stderr).unwrap_or(failure));
        return Ok(checked);
    }
    let lib = manifest.with_file_name("src").join("lib.rs");
    crate::workspace::touch(&lib)?;
    let timed = run_once_with(&command, logs, time, &[("CARGO_INCREMENTAL", "0")])?;
    checked.time = Some(timed.wall);
    checked.peak_kib = timed.peak_kib;
    checked.failure = timed.failure;
    Ok(checked)
}

/// A failed `cargo check` in one line: how many errors, and the first one.
pub fn check_failure(stderr: &str) -> Option<String> {
    let first = first_error_line(stderr)?;
    let count = stderr.lines().find_map(|l| {
        let rest = l.split(" due to ").nth(1)?;
        let n = rest.split_whitespace().next()?;
        n.parse::<usize>().ok()
    });
    Some(match count {
        Some(n) => format!("{n} errors, the first: {first}"),
        None => first,
    })
}
