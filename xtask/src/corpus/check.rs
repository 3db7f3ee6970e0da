//! Running: each spec generated into a crate (panics caught and reported, not propagated), the
//! crates checked by one `cargo check` of a workspace of them, and cargo's JSON messages read
//! into diagnostics per crate.

use super::*;

/// The message of the last panic, recorded by the hook that [`PanicCapture`] installs.
pub(super) static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// The type of a panic hook.
pub(super) type Hook = Box<dyn Fn(&panic::PanicHookInfo<'_>) + Sync + Send + 'static>;

/// While alive, panics are recorded in [`LAST_PANIC`] instead of printed; dropping it restores
/// the previous hook.
pub(crate) struct PanicCapture(Option<Hook>);

impl PanicCapture {
    pub(crate) fn install() -> Self {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(|info| {
            if let Ok(mut last) = LAST_PANIC.lock() {
                *last = Some(info.to_string());
            }
        }));
        PanicCapture(Some(previous))
    }
}

impl Drop for PanicCapture {
    fn drop(&mut self) {
        if let Some(previous) = self.0.take() {
            panic::set_hook(previous);
        }
    }
}

/// Runs `f`, turning a panic into its message.
pub(super) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let recorded = LAST_PANIC.lock().ok().and_then(|mut l| l.take());
        recorded
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic with a non-text payload".into())
    })
}

/// Generates one spec into `out`; returns its row and the text for its log.
pub(crate) fn generate_one(spec: &Spec, out: &Path) -> (Row, String) {
    let mut row = Row {
        name: spec.name.clone(),
        why: spec.why.short(),
        version: String::new(),
        bytes: spec.bytes,
        operations: None,
        schemas: None,
        generated: Generated::Ok { files: 0, bytes: 0 },
        generate_time: Duration::ZERO,
        generator_warnings: 0,
        checked: None,
    };
    let mut log = format!("# {} ({})\n\n", spec.name, spec.display);
    let fail = |class: &str, count: usize, first: String| Generated::Failed {
        class: class.into(),
        count,
        first,
    };
    let text = match fs::read_to_string(&spec.path) {
        Ok(text) => text,
        Err(e) => {
            row.generated = fail("io", 1, format!("cannot read {}: {e}", spec.path.display()));
            return (row, log);
        }
    };
    if let Ok(Ok(codegen::load::Loaded { api, .. })) =
        catch(|| codegen::load::load(&text, &spec.display))
    {
        row.version = api.info.version.clone();
        row.operations = Some(api.operations().count());
        row.schemas = Some(api.components.as_ref().map_or(0, |c| c.schemas.len()));
    }
    let mut options = codegen::Options::new(&spec.package(), &spec.display);
    options.regenerate_command = "cargo xtask corpus".into();
    let started = Instant::now();
    let result = catch(|| codegen::generate(&text, &options));
    row.generate_time = started.elapsed();
    let output = match result {
        Err(panic) => {
            let _ = writeln!(log, "generate: panic: {panic}");
            row.generated = fail("panic", 1, panic);
            remove_crate(out);
            return (row, log);
        }
        Ok(Err(errors)) => {
            let _ = writeln!(log, "generate: {errors}");
            let first = errors.iter().next();
            let class = first.map_or("spec", error_class);
            let message = first.map_or_else(String::new, ToString::to_string);
            // The table names the spec already.
            let prefix = format!("{}: ", spec.display);
            let message = message
                .strip_prefix(&prefix)
                .map_or(message.clone(), str::to_owned);
            row.generated = fail(class, errors.len(), message);
            remove_crate(out);
            return (row, log);
        }
        Ok(Ok(output)) => output,
    };
    row.generator_warnings = output.warnings.len();
    for warning in &output.warnings {
        let _ = writeln!(log, "generator warning[{}]: {warning}", warning.class);
    }
    match codegen::cli::write_crate(out, &output.files) {
        Ok(_) => {
            row.generated = Generated::Ok {
                files: output.files.len(),
                bytes: output.files.values().map(String::len).sum(),
            };
        }
        Err(e) => row.generated = fail("io", 1, e),
    }
    (row, log)
}

pub(super) fn error_class(error: &codegen::Error) -> &'static str {
    match error {
        codegen::Error::Syntax { .. } => "syntax",
        codegen::Error::Spec { .. } => "spec",
        codegen::Error::Template { .. } => "template",
        codegen::Error::InvalidRust(_) => "invalid Rust",
        codegen::Error::Option { .. } => "option",
        _ => "other",
    }
}

/// A crate whose spec no longer generates is removed, so it is not checked stale.
pub(super) fn remove_crate(out: &Path) {
    let _ = fs::remove_dir_all(out);
}

pub(super) fn write_log(logs: &Path, spec: &Spec, text: &str) -> Result<(), String> {
    let path = logs.join(format!("{}.txt", spec.slug));
    fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

pub(super) fn append_check_log(logs: &Path, spec: &Spec, checked: &Checked) -> Result<(), String> {
    let path = logs.join(format!("{}.txt", spec.slug));
    let mut text = fs::read_to_string(&path).unwrap_or_default();
    let _ = writeln!(
        text,
        "\ncargo check: {} errors, {} warnings, {:.1} s",
        checked.errors.len(),
        checked.warnings.len(),
        checked.time.as_secs_f64()
    );
    if let Some(e) = &checked.cargo_error {
        let _ = writeln!(text, "cargo: {e}");
    }
    for d in checked.errors.iter().chain(&checked.warnings) {
        text.push_str(&d.rendered);
        if !d.rendered.ends_with('\n') {
            text.push('\n');
        }
    }
    fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `cargo check` of one crate, with its diagnostics and its own time. The crate's `src/lib.rs`
/// is touched first, so that an unchanged crate is checked again and its time is real.
pub(super) fn check_one(crates: &Path, target: &Path, spec: &Spec) -> Result<Checked, String> {
    let cargo = crate::workspace::cargo_program();
    let package = spec.package();
    let lib = crates.join(&spec.slug).join("src/lib.rs");
    crate::workspace::touch(&lib)?;
    let started = Instant::now();
    let mut child = Command::new(&cargo)
        .args([
            "check",
            "--message-format=json",
            "--no-default-features",
            "--features",
            "all-apis",
            "-p",
            &package,
        ])
        .arg("--manifest-path")
        .arg(crates.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target)
        .env("RUSTFLAGS", "-D warnings")
        // Would take precedence over RUSTFLAGS.
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        // Each crate is checked once per run: incremental data would only fill the disk
        // (gigabytes for the largest crates).
        .env("CARGO_INCREMENTAL", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo check: {e}"))?;
    let mut stderr = child.stderr.take().ok_or("cargo check: no stderr")?;
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let stdout = child.stdout.take().ok_or("cargo check: no stdout")?;
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("cargo check output: {e}"))?;
        lines.push((started.elapsed(), line));
    }
    let status = child
        .wait()
        .map_err(|e| format!("cargo check did not finish: {e}"))?;
    let stderr = stderr_reader.join().unwrap_or_default();
    let manifest = crates.join(&spec.slug).join("Cargo.toml");
    let mut checked = parse_check(&lines, &manifest.to_string_lossy());
    checked.success &= status.success();
    if !status.success() && checked.errors.is_empty() && checked.warnings.is_empty() {
        let last = stderr
            .lines()
            .rev()
            .find(|l| l.starts_with("error"))
            .unwrap_or("cargo failed without a message");
        checked.cargo_error = Some(last.to_owned());
    }
    Ok(checked)
}

/// Reads cargo's JSON messages (each with the time it arrived, from the start of the command)
/// for the crate whose manifest is `manifest`.
pub fn parse_check(lines: &[(Duration, String)], manifest: &str) -> Checked {
    let mut checked = Checked::default();
    let mut own_start = Duration::ZERO;
    let mut end = lines.last().map_or(Duration::ZERO, |(t, _)| *t);
    for (at, line) in lines {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let reason = message["reason"].as_str().unwrap_or_default();
        let ours = message["manifest_path"].as_str() == Some(manifest);
        match reason {
            "build-finished" => {
                checked.success = message["success"].as_bool().unwrap_or(false);
                end = *at;
            }
            "compiler-message" if ours => {
                if let Some((is_error, diagnostic)) = diagnostic(&message["message"]) {
                    if is_error {
                        checked.errors.push(diagnostic);
                    } else {
                        checked.warnings.push(diagnostic);
                    }
                }
            }
            _ if !ours => own_start = own_start.max(*at),
            _ => {}
        }
    }
    checked.time = end.saturating_sub(own_start);
    checked
}

/// One rustc diagnostic: `(is_error, diagnostic)`, or `None` for summaries such as "aborting
/// due to 3 previous errors".
pub(super) fn diagnostic(message: &serde_json::Value) -> Option<(bool, Diagnostic)> {
    let level = message["level"].as_str()?;
    if level != "error" && level != "warning" {
        return None;
    }
    let text = message["message"].as_str().unwrap_or_default();
    let code = message["code"]["code"].as_str().unwrap_or_default();
    let no_spans = message["spans"].as_array().is_none_or(Vec::is_empty);
    if code.is_empty()
        && no_spans
        && (text.starts_with("aborting due to") || text.ends_with("emitted"))
    {
        return None;
    }
    let primary = message["spans"].as_array().and_then(|spans| {
        spans
            .iter()
            .find(|s| s["is_primary"].as_bool() == Some(true))
    });
    let location = primary
        .map(|s| {
            format!(
                "{}:{}",
                s["file_name"].as_str().unwrap_or_default(),
                s["line_start"].as_u64().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    // "mismatched types" says little without its label: "expected `&str`, found `&i64`".
    let label = primary
        .and_then(|s| s["label"].as_str())
        .filter(|l| l.starts_with("expected "));
    let text = match label {
        Some(label) => format!("{text}: {label}"),
        None => text.to_owned(),
    };
    let is_lint = !code.is_empty() && !is_error_code(code);
    Some((
        level == "error" && !is_lint,
        Diagnostic {
            code: code.to_owned(),
            message: text.clone(),
            location,
            rendered: message["rendered"]
                .as_str()
                .map_or_else(|| text.clone(), str::to_owned),
        },
    ))
}

/// `E` followed by four digits: rustc's error codes (lints have names instead).
pub(super) fn is_error_code(code: &str) -> bool {
    code.len() == 5 && code.starts_with('E') && code[1..].chars().all(|c| c.is_ascii_digit())
}
