//! `cargo xtask bench --peers`: this generator side by side with its peers, in one run, on the
//! same spec files.
//!
//! # The peers
//!
//! Installed from package registries at pinned versions into `target/peers/PACKAGE-VERSION/`,
//! only when missing, niced (the installs compile for minutes), each install's wall time kept
//! in `.install-seconds` beside it (see [`PEERS`]):
//!
//! - progenitor's CLI: `cargo install cargo-progenitor --locked` (run as
//!   `cargo-progenitor progenitor -i SPEC -o DIR -n NAME -v 0.1.0`; it writes a crate);
//! - openapi-to-rust: `cargo install openapi-to-rust --locked` (run as
//!   `openapi-to-rust generate SPEC --output-dir DIR --module-name NAME`; it writes a module
//!   and the dependencies it needs);
//! - openapi-generator's `rust` generator: the PyPI package `openapi-generator-cli` bundles the
//!   jar (`pip install --no-deps --target`), run as `java -jar … generate -g rust`; skipped
//!   without Java.
//!
//! # The method
//!
//! Every tool gets the same JSON files (written under `target/bench/peers/specs/`): the chat
//! spec and the 10× and 100× synthetic specs (`bench::Size::spec`), converted from YAML
//! through `codegen::load` (they only have schema references, so nothing is inlined), and
//! GitHub's description from `@octokit/openapi` (the corpus's pinned npm package). This
//! generator runs as a child process too (`target/release/xtask codegen --spec … --out …`,
//! built first), so every tool pays for process start, reading, generation and writing.
//!
//! For each spec: one untimed warm-up run of every tool (a failure is the tool's result on that
//! spec: it is not run again), then [`Spec::runs`] rounds (11 for chat, 7 for 10×, 3 for 100×
//! and GitHub) in which each tool runs once, interleaved so that a change in the shared
//! machine's load falls on every tool alike. Each run writes into a fresh empty directory under
//! the system temp directory. Wall time is measured around the child, from spawn to exit (the
//! median and the minimum are reported). Peak RSS is GNU time's `%M` (`/usr/bin/time`), the
//! largest over the runs; `%M` is the largest resident set of any one process of the run (for
//! progenitor, which pipes its output through `rustfmt`, the larger of the two, not their sum).
//! The output of the last run is counted: files, bytes, lines of `.rs` files.
//! A run fails on a non-zero exit status (a panic included) and is reported with the first
//! telling line of its stderr.
//!
//! `--check` also runs `cargo check` on each tool's crate for GitHub's description: every crate
//! in its own workspace under `target/bench/peers/check/`, all sharing one target directory; an
//! untimed first check builds the dependencies, then `src/lib.rs` is touched and a second check
//! is timed, with its peak RSS (rustc's, the largest process). Both run with
//! `CARGO_INCREMENTAL=0`: the timed check is a whole check of the crate, as when it is built as
//! a dependency, and no incremental cache (gigabytes for these crates) is kept.
//!
//! The tables and summaries are printed and written to `target/bench/peers.md`.
//!
//! `tools` has the peers (each pinned, installed and run by its own command line), `measure`
//! one timed run, `check` the `--check` builds, `report` the tables; this module writes the
//! specs and runs the rounds.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod check;
mod measure;
mod report;
mod tools;

use crate::bench::Size;
use check::*;
use measure::*;
pub use report::*;
pub use tools::*;

/// The name this generator has in the tables.
pub const THIS: &str = "this generator";

/// How long one run of a tool may take before it is killed and counted as a failure.
const RUN_LIMIT: Duration = Duration::from_secs(600);

/// Options of `cargo xtask bench --peers`.
#[derive(Debug, Default)]
pub struct Options {
    /// Also `cargo check` each tool's crate for GitHub's description (slow).
    pub check: bool,
}

/// One spec of the comparison.
#[derive(Debug, Clone)]
struct Spec {
    label: String,
    path: PathBuf,
    /// Timed runs after the warm-up.
    runs: usize,
    /// Also the spec whose crates `--check` compiles.
    github: bool,
}

/// The size of what a tool wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutputSize {
    /// Files written.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Lines of the `.rs` files among them.
    pub rust_lines: usize,
}

/// What one tool did on one spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measured {
    /// The tool ([`THIS`] for this generator).
    pub tool: String,
    /// Its version.
    pub version: String,
    /// The spec's label.
    pub spec: String,
    /// Wall time of each timed run (of the failing run, when it failed).
    pub times: Vec<Duration>,
    /// The largest peak RSS of the runs, in KiB, when GNU time measured it.
    pub peak_kib: Option<u64>,
    /// Why it failed, if it did.
    pub failure: Option<String>,
    /// What the last run wrote.
    pub output: Option<OutputSize>,
}

impl Measured {
    /// Whether the tool generated the spec.
    pub fn ok(&self) -> bool {
        self.failure.is_none() && !self.times.is_empty()
    }

    /// The median wall time (the lower middle for an even count).
    pub fn median(&self) -> Option<Duration> {
        let mut times = self.times.clone();
        times.sort();
        times.get(times.len().saturating_sub(1) / 2).copied()
    }

    /// The fastest run.
    pub fn min(&self) -> Option<Duration> {
        self.times.iter().min().copied()
    }
}

/// The `cargo check` of one tool's crate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    /// The tool.
    pub tool: String,
    /// Wall time of the timed check (dependencies built).
    pub time: Option<Duration>,
    /// Its peak RSS in KiB.
    pub peak_kib: Option<u64>,
    /// Why it did not compile, if it did not.
    pub failure: Option<String>,
}

/// One peer's installation.
#[derive(Debug, Clone, PartialEq)]
pub struct Installed {
    /// The tool.
    pub tool: String,
    /// Its version (with Java's, for a jar).
    pub version: String,
    /// Where it came from.
    pub source: String,
    /// How long its install took, when known.
    pub install: Option<Duration>,
    /// Whether it was installed by this run (or found in the cache).
    pub now: bool,
    /// Why it cannot run, if it cannot.
    pub unavailable: Option<String>,
}

/// Runs the comparison and prints the report (also written to `target/bench/peers.md`).
pub fn run(root: &Path, options: &Options) -> Result<(), String> {
    let bench = root.join("target/bench");
    let peers_dir = root.join("target/peers");
    let scratch = std::env::temp_dir().join(format!("genesys-peers-{}", std::process::id()));
    fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
    let result = compare(root, &bench, &peers_dir, &scratch, options);
    let _ = fs::remove_dir_all(&scratch);
    let report = result?;
    let path = bench.join("peers.md");
    fs::write(&path, &report).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{report}");
    eprintln!("peers: written to {}", path.display());
    Ok(())
}

fn compare(
    root: &Path,
    bench: &Path,
    peers_dir: &Path,
    scratch: &Path,
    options: &Options,
) -> Result<String, String> {
    let machine = machine();
    let time = crate::gnu_time::program();
    if time.is_none() {
        eprintln!("peers: /usr/bin/time not found: peak RSS will read n/a");
    }

    eprintln!("peers: cargo build --release -p xtask");
    cargo_ok(root, &["build", "--release", "--quiet", "-p", "xtask"])?;
    let xtask = root.join("target/release/xtask");
    let mut tools = vec![Tool {
        name: THIS.into(),
        version: format!("{} ({})", env!("CARGO_PKG_VERSION"), git_head(root)),
        kind: Kind::This,
        program: vec![xtask.into_os_string()],
    }];
    let mut installs = Vec::new();
    for peer in PEERS {
        let (installed, tool) = install(peer, peers_dir);
        installs.push(installed);
        tools.extend(tool);
    }

    let specs = write_specs(root, &bench.join("peers/specs"))?;
    let mut rows = Vec::new();
    for spec in &specs {
        rows.extend(measure(&tools, spec, scratch, time)?);
    }

    let mut checks = Vec::new();
    if options.check
        && let Some(github) = specs.iter().find(|s| s.github)
    {
        checks = check_all(
            root,
            &bench.join("peers/check"),
            &tools,
            &rows,
            github,
            time,
        )?;
    }

    let mut out = String::new();
    let _ = writeln!(out, "### Peers side by side ({})\n", machine.date);
    let _ = writeln!(out, "{}\n", machine.line());
    out.push_str(&install_table(&installs));
    out.push('\n');
    out.push_str(&table(&rows));
    out.push('\n');
    for spec in &specs {
        let _ = writeln!(out, "- {}", summary(&spec.label, &rows));
    }
    if !checks.is_empty() {
        out.push('\n');
        out.push_str(&check_table(&checks));
    }
    Ok(out)
}

/// Writes the specs every tool reads, as JSON, and returns them in table order.
fn write_specs(root: &Path, dir: &Path) -> Result<Vec<Spec>, String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut specs = Vec::new();
    for (label, size, runs) in [
        ("chat", Size::Chat, 11),
        ("synthetic 10×", Size::Scale(10), 7),
        ("synthetic 100×", Size::Scale(100), 3),
    ] {
        let json = yaml_to_json(&size.spec(root)?, label)?;
        let path = dir.join(format!("{}.json", crate::corpus::slug(label)));
        if fs::read_to_string(&path).ok().as_deref() != Some(json.as_str()) {
            fs::write(&path, &json).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        specs.push(Spec {
            label: labelled(label, &json),
            path,
            runs,
            github: false,
        });
    }
    let github = crate::corpus::github_description(&root.join("target/corpus/npm"))?;
    let text = fs::read_to_string(&github).map_err(|e| format!("{}: {e}", github.display()))?;
    specs.push(Spec {
        label: labelled("GitHub", &text),
        path: github,
        runs: 3,
        github: true,
    });
    Ok(specs)
}

/// A spec's label with its operation count, e.g. `synthetic 10× (240 ops)`.
fn labelled(label: &str, json: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(doc) => format!("{label} ({} ops)", count_operations(&doc)),
        Err(_) => label.to_owned(),
    }
}

/// The operations of an OpenAPI document: the method entries of its path items.
pub fn count_operations(doc: &serde_json::Value) -> usize {
    const METHODS: &[&str] = &[
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    doc.get("paths")
        .and_then(serde_json::Value::as_object)
        .map(|paths| {
            paths
                .values()
                .filter_map(serde_json::Value::as_object)
                .map(|item| {
                    item.keys()
                        .filter(|k| METHODS.contains(&k.as_str()))
                        .count()
                })
                .sum()
        })
        .unwrap_or(0)
}

/// The chat spec and its synthetic copies reference nothing but schemas, so the typed document
/// `codegen::load` builds is the same document, and serializes to JSON without any inlining.
fn yaml_to_json(yaml: &str, label: &str) -> Result<String, String> {
    let loaded = codegen::load::load(yaml, &format!("{label}.yaml")).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    serde_json::to_string_pretty(&loaded.api).map_err(|e| format!("{label} as JSON: {e}"))
}

/// What the report says about the machine.
struct Machine {
    date: String,
    cpus: String,
    memory: String,
    rustc: String,
    load: String,
}

impl Machine {
    fn line(&self) -> String {
        format!(
            "Machine: {}, {} RAM, {}; load average at the start {} (the machine is shared, so \
             the ratios, measured side by side, say more than the absolute times).",
            self.cpus, self.memory, self.rustc, self.load
        )
    }
}

fn machine() -> Machine {
    let read = |path: &str| fs::read_to_string(path).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).trim().to_owned())
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let memory = crate::workspace::proc_kib(&read("/proc/meminfo"), "MemTotal")
        .map_or("unknown".into(), |kib| {
            format!("{:.0} GiB", kib as f64 / 1024.0 / 1024.0)
        });
    let rustc = stdout_of(Command::new("rustc").arg("-V")).unwrap_or_default();
    let load = read("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let date = stdout_of(Command::new("date").arg("+%Y-%m-%d")).unwrap_or_default();
    Machine {
        date,
        cpus: format!("{cores} cores ({model})"),
        memory,
        rustc,
        load,
    }
}

fn git_head(root: &Path) -> String {
    let mut git = Command::new("git");
    git.args(["rev-parse", "--short", "HEAD"]).current_dir(root);
    stdout_of(&mut git).unwrap_or_else(|| "unknown commit".into())
}

/// What `command` printed, trimmed, when it ran and succeeded.
fn stdout_of(command: &mut Command) -> Option<String> {
    let output = command.output().ok().filter(|o| o.status.success())?;
    Some(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn cargo_ok(root: &Path, args: &[&str]) -> Result<(), String> {
    let status = Command::new(crate::workspace::cargo_program())
        .args(args)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cargo {}: {e}", args.join(" ")))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo {} failed", args.join(" ")))
    }
}

#[cfg(test)]
mod tests;
