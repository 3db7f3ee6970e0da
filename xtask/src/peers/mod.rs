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
//! spec and the 10× and 100× synthetic specs (`synthetic::scale`), converted from YAML
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

use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The name this generator has in the tables.
pub const THIS: &str = "this generator";

/// How long one run of a tool may take before it is killed and counted as a failure.
const RUN_LIMIT: Duration = Duration::from_secs(600);

/// GNU time's output format: a marker, then wall seconds and peak RSS in KiB.
const TIME_FORMAT: &str = "peers-time %e %M";

/// Where a peer comes from.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    /// `cargo install CRATE --version VERSION --locked --root DIR`; the tool is `DIR/bin/BIN`.
    Cargo {
        /// The crate on crates.io.
        krate: &'static str,
        /// The binary it installs.
        bin: &'static str,
    },
    /// `python3 -m pip install --no-deps --target DIR PACKAGE==VERSION`; the tool is
    /// `java -jar DIR/JAR`.
    PipJar {
        /// The package on PyPI.
        package: &'static str,
        /// The jar inside the installed package.
        jar: &'static str,
    },
}

/// A peer generator, pinned to one version.
#[derive(Debug, Clone, Copy)]
pub struct Peer {
    /// Its name in the tables.
    pub name: &'static str,
    /// The exact version installed.
    pub version: &'static str,
    /// Where it is installed from.
    pub source: Source,
}

/// The peers, in table order.
pub const PEERS: &[Peer] = &[
    Peer {
        name: "progenitor",
        version: "0.15.1",
        source: Source::Cargo {
            krate: "cargo-progenitor",
            bin: "cargo-progenitor",
        },
    },
    Peer {
        name: "openapi-to-rust",
        version: "0.23.0",
        source: Source::Cargo {
            krate: "openapi-to-rust",
            bin: "openapi-to-rust",
        },
    },
    Peer {
        name: "openapi-generator",
        version: "7.26.0",
        source: Source::PipJar {
            package: "openapi-generator-cli",
            jar: "openapi_generator_cli/openapi-generator.jar",
        },
    },
];

/// Options of `cargo xtask bench --peers`.
#[derive(Debug, Default)]
pub struct Options {
    /// Also `cargo check` each tool's crate for GitHub's description (slow).
    pub check: bool,
}

/// What kind of tool a [`Tool`] is, which decides its command line and its output's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    This,
    Progenitor,
    OpenapiToRust,
    OpenapiGenerator,
}

/// A tool ready to run.
#[derive(Debug, Clone)]
struct Tool {
    name: String,
    version: String,
    kind: Kind,
    /// The program and the arguments before the tool's own.
    program: Vec<OsString>,
}

impl Tool {
    /// The command line that generates `spec` into `out` as the crate/module `name`.
    fn command(&self, spec: &Path, out: &Path, name: &str) -> Vec<OsString> {
        let mut args = self.program.clone();
        let spec = spec.as_os_str().to_owned();
        let out = out.as_os_str().to_owned();
        let add = |args: &mut Vec<OsString>, list: &[&str]| {
            args.extend(list.iter().map(OsString::from));
        };
        match self.kind {
            Kind::This => {
                add(&mut args, &["codegen", "--spec"]);
                args.push(spec);
                args.push("--out".into());
                args.push(out);
                add(&mut args, &["--crate-name", name]);
            }
            Kind::Progenitor => {
                add(&mut args, &["progenitor", "-i"]);
                args.push(spec);
                args.push("-o".into());
                args.push(out);
                add(&mut args, &["-n", name, "-v", "0.1.0"]);
            }
            Kind::OpenapiToRust => {
                args.push("generate".into());
                args.push(spec);
                args.push("--output-dir".into());
                args.push(out);
                add(
                    &mut args,
                    &["--module-name", &name.replace('-', "_"), "--quiet"],
                );
            }
            Kind::OpenapiGenerator => {
                add(&mut args, &["generate", "-g", "rust", "-i"]);
                args.push(spec);
                args.push("-o".into());
                args.push(out);
                // The spec validator refuses documents the generator itself handles (the chat
                // spec's security scheme is named "PureCloud OAuth"); give it its best chance.
                add(&mut args, &["--package-name", name, "--skip-validate-spec"]);
            }
        }
        args
    }
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
    let time = Path::new("/usr/bin/time");
    let time = time.exists().then_some(time);
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

/// Installs `peer` unless it is cached; returns what happened and, if it can run, the tool.
fn install(peer: &Peer, peers_dir: &Path) -> (Installed, Option<Tool>) {
    let package = match peer.source {
        Source::Cargo { krate, .. } => krate,
        Source::PipJar { package, .. } => package,
    };
    let dir = peers_dir.join(format!("{package}-{}", peer.version));
    let seconds_file = dir.join(".install-seconds");
    let mut installed = Installed {
        tool: peer.name.into(),
        version: peer.version.into(),
        source: String::new(),
        install: None,
        now: false,
        unavailable: None,
    };
    let (program, ready, mut command) = match peer.source {
        Source::Cargo { krate, bin } => {
            installed.source = format!("crates.io `{krate}`");
            let exe = dir.join("bin").join(bin);
            let mut command = niced("cargo");
            command
                .args([
                    "install",
                    krate,
                    "--version",
                    peer.version,
                    "--locked",
                    "--root",
                ])
                .arg(&dir);
            (vec![exe.clone().into_os_string()], exe.exists(), command)
        }
        Source::PipJar { package, jar } => {
            installed.source = format!("PyPI `{package}` (bundles the jar)");
            match java_version() {
                Some(java) => installed.version = format!("{} (Java {java})", peer.version),
                None => {
                    installed.unavailable = Some("skipped: no Java on this machine".into());
                    return (installed, None);
                }
            }
            let jar = dir.join(jar);
            let mut command = Command::new("python3");
            command
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--no-deps",
                    "--disable-pip-version-check",
                    "--target",
                ])
                .arg(&dir)
                .arg(format!("{package}=={}", peer.version));
            let program = vec!["java".into(), "-jar".into(), jar.clone().into_os_string()];
            (program, jar.exists(), command)
        }
    };
    if !ready {
        eprintln!(
            "peers: installing {} {} into {}",
            peer.name,
            peer.version,
            dir.display()
        );
        let start = Instant::now();
        let output = command.output();
        let elapsed = start.elapsed();
        match output {
            Ok(o) if o.status.success() => {
                installed.now = true;
                let _ = fs::create_dir_all(&dir);
                let _ = fs::write(&seconds_file, format!("{:.1}\n", elapsed.as_secs_f64()));
            }
            Ok(o) => {
                installed.unavailable = Some(format!(
                    "not installable here: {}",
                    first_error_line(&String::from_utf8_lossy(&o.stderr))
                        .unwrap_or_else(|| o.status.to_string())
                ));
                return (installed, None);
            }
            Err(e) => {
                installed.unavailable = Some(format!("not installable here: {command:?}: {e}"));
                return (installed, None);
            }
        }
    }
    installed.install = fs::read_to_string(&seconds_file)
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .map(Duration::from_secs_f64);
    let kind = match peer.name {
        "progenitor" => Kind::Progenitor,
        "openapi-to-rust" => Kind::OpenapiToRust,
        _ => Kind::OpenapiGenerator,
    };
    let tool = Tool {
        name: peer.name.into(),
        version: installed.version.clone(),
        kind,
        program,
    };
    (installed, Some(tool))
}

/// `program` under `nice -n 10` where `nice` exists (installs compile for minutes and must not
/// starve the machine).
fn niced(program: &str) -> Command {
    if Path::new("/usr/bin/nice").exists() {
        let mut command = Command::new("/usr/bin/nice");
        command.args(["-n", "10", program]);
        command
    } else {
        Command::new(program)
    }
}

/// Java's version (`17.0.15`), if `java` runs.
fn java_version() -> Option<String> {
    let output = Command::new("java").arg("-version").output().ok()?;
    if !output.status.success() {
        return None;
    }
    parse_java_version(&String::from_utf8_lossy(&output.stderr))
}

/// The quoted version of `java -version`'s first line: `openjdk version "17.0.15" 2025-04-15`.
pub fn parse_java_version(text: &str) -> Option<String> {
    let line = text.lines().next()?;
    let start = line.find('"')? + 1;
    let len = line[start..].find('"')?;
    Some(line[start..start + len].to_owned())
}

/// Writes the specs every tool reads, as JSON, and returns them in table order.
fn write_specs(root: &Path, dir: &Path) -> Result<Vec<Spec>, String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let chat = fs::read_to_string(root.join("spec/chat.yaml"))
        .map_err(|e| format!("spec/chat.yaml: {e}"))?;
    let mut specs = Vec::new();
    for (label, factor, runs) in [
        ("chat", 0, 11),
        ("synthetic 10×", 10, 7),
        ("synthetic 100×", 100, 3),
    ] {
        let yaml = if factor == 0 {
            chat.clone()
        } else {
            synthetic::scale(&chat, factor)?
        };
        let json = yaml_to_json(&yaml, label)?;
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

/// Every tool on `spec`: a warm-up run each, then [`Spec::runs`] rounds in which every tool
/// that succeeded so far runs once, so that a change in the machine's load falls on all tools
/// alike. A failure ends that tool's runs on this spec and is its result.
fn measure(
    tools: &[Tool],
    spec: &Spec,
    scratch: &Path,
    time: Option<&Path>,
) -> Result<Vec<Measured>, String> {
    let mut rows: Vec<Measured> = tools
        .iter()
        .map(|tool| Measured {
            tool: tool.name.clone(),
            version: tool.version.clone(),
            spec: spec.label.clone(),
            ..Measured::default()
        })
        .collect();
    let out = scratch.join("out");
    let logs = scratch.join("logs");
    let name = "bench-peer";
    for round in 0..=spec.runs {
        for (tool, row) in tools.iter().zip(&mut rows) {
            if row.failure.is_some() {
                continue;
            }
            if round == 0 {
                eprintln!("peers: {} on {}", tool.name, spec.label);
            }
            let _ = fs::remove_dir_all(&out);
            let run = run_once(&tool.command(&spec.path, &out, name), &logs, time)?;
            if let Some(failure) = run.failure {
                eprintln!("peers:   {} failed: {failure}", tool.name);
                row.times = vec![run.wall];
                row.peak_kib = run.peak_kib;
                row.failure = Some(failure);
                continue;
            }
            if round == 0 {
                continue; // warm-up
            }
            row.times.push(run.wall);
            row.peak_kib = row.peak_kib.max(run.peak_kib);
            if round == spec.runs {
                row.output = Some(output_size(&out)?);
            }
        }
    }
    let _ = fs::remove_dir_all(&out);
    Ok(rows)
}

/// One run of a child process.
#[derive(Debug)]
struct Run {
    wall: Duration,
    peak_kib: Option<u64>,
    failure: Option<String>,
}

/// Runs `command` once (under GNU time when there is one), its output to files in `logs`.
fn run_once(command: &[OsString], logs: &Path, time: Option<&Path>) -> Result<Run, String> {
    run_once_with(command, logs, time, &[])
}

/// [`run_once`] with more environment variables.
fn run_once_with(
    command: &[OsString],
    logs: &Path,
    time: Option<&Path>,
    env: &[(&str, &str)],
) -> Result<Run, String> {
    fs::create_dir_all(logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    let time_file = logs.join("time.txt");
    let stderr_file = logs.join("stderr.txt");
    let _ = fs::remove_file(&time_file);
    let (first, rest) = command.split_first().ok_or("empty command")?;
    let mut child = match time {
        Some(time) => {
            let mut c = Command::new(time);
            c.args(["-f", TIME_FORMAT, "-o"])
                .arg(&time_file)
                .args(command);
            c
        }
        None => {
            let mut c = Command::new(first);
            c.args(rest);
            c
        }
    };
    let open =
        |path: PathBuf| fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()));
    child
        // A panic's backtrace is noise here, and takes time.
        .env("RUST_BACKTRACE", "0")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(open(logs.join("stdout.txt"))?)
        .stderr(open(stderr_file.clone())?);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut child, 0);
    let shown = command
        .iter()
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    let start = Instant::now();
    let mut child = child
        .spawn()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    let (done, timeout) = mpsc::channel::<()>();
    let pid = child.id();
    let watchdog = std::thread::spawn(move || {
        if timeout.recv_timeout(RUN_LIMIT).is_err() {
            // The whole process group: GNU time and the tool under it.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{pid}")])
                .status();
            true
        } else {
            false
        }
    });
    let status = child.wait().map_err(|e| format!("{shown}: {e}"))?;
    let wall = start.elapsed();
    let _ = done.send(());
    let killed = watchdog.join().unwrap_or(false);
    let peak_kib = fs::read_to_string(&time_file)
        .ok()
        .and_then(|t| parse_time(&t));
    let failure = if killed {
        Some(format!("killed after {} s", RUN_LIMIT.as_secs()))
    } else if status.success() {
        None
    } else {
        let stderr = fs::read_to_string(&stderr_file).unwrap_or_default();
        Some(first_error_line(&stderr).unwrap_or_else(|| status.to_string()))
    };
    Ok(Run {
        wall,
        peak_kib,
        failure,
    })
}

/// Peak RSS in KiB from GNU time's output file written with [`TIME_FORMAT`]. Other lines
/// (`Command exited with non-zero status 101`) are skipped.
pub fn parse_time(text: &str) -> Option<u64> {
    text.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("peers-time "))
        .and_then(|rest| rest.split_whitespace().nth(1))
        .and_then(|kib| kib.parse().ok())
}

/// The telling line of a failed tool's stderr: a Rust panic with its message, else the first
/// line that says error or exception, else the first non-empty line. At most 160 characters.
pub fn first_error_line(stderr: &str) -> Option<String> {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let line = if let Some(i) = lines.iter().position(|l| l.contains("panicked at")) {
        // Since Rust 1.73 the message is on the line after the location.
        let head = lines[i];
        match lines.get(i + 1) {
            Some(next) if head.ends_with(':') && !next.starts_with("note:") => {
                format!("{head} {next}")
            }
            _ => head.to_owned(),
        }
    } else {
        lines
            .iter()
            .find(|l| {
                let lower = l.to_ascii_lowercase();
                lower.starts_with("error") || lower.contains("exception")
            })
            .or(lines.first())?
            .to_string()
    };
    Some(cut(&without_registry_paths(&line), 160))
}

/// `/root/.cargo/registry/src/index.crates.io-HASH/progenitor-impl-0.15.1/src/method.rs` →
/// `progenitor-impl-0.15.1/src/method.rs`.
fn without_registry_paths(line: &str) -> String {
    const MARK: &str = "/registry/src/";
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find(MARK) {
        let start = rest[..at].rfind(char::is_whitespace).map_or(0, |i| i + 1);
        out.push_str(&rest[..start]);
        let after = &rest[at + MARK.len()..];
        rest = after.find('/').map_or(after, |i| &after[i + 1..]);
    }
    out.push_str(rest);
    out
}

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// Files, bytes and Rust lines under `dir`.
fn output_size(dir: &Path) -> Result<OutputSize, String> {
    let mut size = OutputSize::default();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                size.files += 1;
                let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                size.bytes += bytes.len() as u64;
                if path.extension().is_some_and(|e| e == "rs") {
                    size.rust_lines += bytes.iter().filter(|b| **b == b'\n').count();
                }
            }
        }
    }
    Ok(size)
}

/// `cargo check` of every tool's crate for GitHub's description, dependencies pre-built in one
/// shared target directory.
fn check_all(
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
fn make_crate(
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
fn check_one(
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

/// `1.234 s`, or `56.7 ms` below a second.
pub fn duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else {
        format!("{:.1} ms", s * 1000.0)
    }
}

/// KiB as MiB with one decimal.
pub fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// A ratio such as `1.35×`.
pub fn ratio(x: f64) -> String {
    format!("{x:.2}×")
}

fn or_na<T>(value: Option<T>, f: impl FnOnce(T) -> String) -> String {
    value.map(f).unwrap_or_else(|| "n/a".into())
}

/// The installation table.
pub fn install_table(installs: &[Installed]) -> String {
    let mut out = String::from("| peer | version | from | install |\n| --- | --- | --- | --- |\n");
    for i in installs {
        let install = match (&i.unavailable, i.install, i.now) {
            (Some(why), _, _) => why.clone(),
            (None, Some(d), true) => format!("installed by this run in {}", duration(d)),
            (None, Some(d), false) => format!("cached (installed in {})", duration(d)),
            (None, None, _) => "cached".into(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            i.tool, i.version, i.source, install
        );
    }
    out
}

/// The main table: one row per (spec, tool); ratios are the tool's over this generator's on the
/// same spec (above 1: the tool is slower or heavier).
pub fn table(rows: &[Measured]) -> String {
    let mut out = String::from(
        "| spec | tool | version | ok | median | min | peak RSS | files | bytes | Rust lines | time ÷ this | RSS ÷ this |\n\
         | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for row in rows {
        let this = rows
            .iter()
            .find(|r| r.spec == row.spec && r.tool == THIS && r.ok());
        let ok = match &row.failure {
            None => "yes".to_owned(),
            Some(why) => format!("**no**: {}", crate::corpus::cell(why)),
        };
        let (median, min) = if row.ok() {
            (or_na(row.median(), duration), or_na(row.min(), duration))
        } else {
            (
                format!("({} to fail)", or_na(row.median(), duration)),
                "—".into(),
            )
        };
        let (files, bytes, lines) = match row.output {
            Some(o) => (
                o.files.to_string(),
                o.bytes.to_string(),
                o.rust_lines.to_string(),
            ),
            None => ("—".into(), "—".into(), "—".into()),
        };
        let (time_ratio, rss_ratio) = match this {
            Some(this) if row.ok() && row.tool != THIS => (
                time_over(row, this).map_or("n/a".into(), ratio),
                rss_over(row, this).map_or("n/a".into(), ratio),
            ),
            Some(_) if row.tool == THIS => ("1×".into(), "1×".into()),
            _ => ("—".into(), "—".into()),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {ok} | {median} | {min} | {} | {files} | {bytes} | {lines} | {time_ratio} | {rss_ratio} |",
            row.spec,
            row.tool,
            row.version,
            or_na(row.peak_kib, mib),
        );
    }
    out
}

fn time_over(row: &Measured, this: &Measured) -> Option<f64> {
    let (a, b) = (row.median()?, this.median()?);
    (b > Duration::ZERO).then(|| a.as_secs_f64() / b.as_secs_f64())
}

fn rss_over(row: &Measured, this: &Measured) -> Option<f64> {
    let (a, b) = (row.peak_kib?, this.peak_kib?);
    (b > 0).then(|| a as f64 / b as f64)
}

/// The line for one spec: how this generator compares with the fastest peer that succeeds and
/// with the lightest one.
pub fn summary(spec: &str, rows: &[Measured]) -> String {
    let on_spec: Vec<&Measured> = rows.iter().filter(|r| r.spec == spec).collect();
    let Some(this) = on_spec.iter().find(|r| r.tool == THIS) else {
        return format!("**{spec}**: this generator did not run");
    };
    if let Some(why) = &this.failure {
        return format!("**{spec}**: this generator failed ({why})");
    }
    let peers: Vec<&&Measured> = on_spec
        .iter()
        .filter(|r| r.tool != THIS && r.ok())
        .collect();
    let failed: Vec<&str> = on_spec
        .iter()
        .filter(|r| r.tool != THIS && !r.ok())
        .map(|r| r.tool.as_str())
        .collect();
    let mut line = format!(
        "**{spec}**: this generator {}",
        or_na(this.median(), duration)
    );
    let fastest = peers
        .iter()
        .filter_map(|r| Some((r.median()?, r)))
        .min_by_key(|(t, _)| *t);
    match fastest {
        None => line.push_str("; no peer succeeded"),
        Some((_, peer)) => {
            if let Some(x) = time_over(peer, this) {
                let (factor, word) = if x >= 1.0 {
                    (x, "faster")
                } else {
                    (1.0 / x, "slower")
                };
                let _ = write!(
                    line,
                    "; {} {word} than the fastest peer that succeeds ({}, {})",
                    ratio(factor),
                    peer.tool,
                    or_na(peer.median(), duration)
                );
            }
        }
    }
    let lightest = peers
        .iter()
        .filter_map(|r| Some((r.peak_kib?, r)))
        .min_by_key(|(k, _)| *k);
    if let Some((kib, peer)) = lightest
        && let Some(x) = rss_over(this, peer)
    {
        let _ = write!(
            line,
            "; peak memory {} the lightest peer's ({}, {})",
            ratio(x),
            peer.tool,
            mib(kib)
        );
    }
    if !failed.is_empty() {
        let _ = write!(line, "; failed: {}", failed.join(", "));
    }
    line.push('.');
    line
}

/// The `cargo check` table.
pub fn check_table(checks: &[Checked]) -> String {
    let mut out = String::from(
        "| crate for GitHub's description | `cargo check` (dependencies built) | peak RSS | compiles |\n\
         | --- | ---: | ---: | --- |\n",
    );
    for c in checks {
        let compiles = match &c.failure {
            None => "yes".to_owned(),
            Some(why) => format!("**no**: {}", crate::corpus::cell(why)),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {compiles} |",
            c.tool,
            or_na(c.time, duration),
            or_na(c.peak_kib, mib)
        );
    }
    out
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
    let memory = read("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or("unknown".into(), |kib| {
            format!("{:.0} GiB", kib as f64 / 1024.0 / 1024.0)
        });
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let load = read("/proc/loadavg")
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let date = Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    Machine {
        date,
        cpus: format!("{cores} cores ({model})"),
        memory,
        rustc,
        load,
    }
}

fn git_head(root: &Path) -> String {
    Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown commit".into())
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
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    fn row(
        tool: &str,
        spec: &str,
        times: &[u64],
        kib: Option<u64>,
        failure: Option<&str>,
    ) -> Measured {
        Measured {
            tool: tool.into(),
            version: "1.0".into(),
            spec: spec.into(),
            times: times.iter().map(|t| ms(*t)).collect(),
            peak_kib: kib,
            failure: failure.map(Into::into),
            output: failure.is_none().then_some(OutputSize {
                files: 3,
                bytes: 1000,
                rust_lines: 40,
            }),
        }
    }

    #[test]
    fn gnu_time_output_gives_the_peak_rss() {
        let cases: &[(&str, Option<u64>)] = &[
            ("peers-time 0.17 38512\n", Some(38512)),
            (
                "Command exited with non-zero status 101\npeers-time 1.02 90000\n",
                Some(90000),
            ),
            (
                "Command terminated by signal 9\npeers-time 600.00 123\n",
                Some(123),
            ),
            ("peers-time 0.17\n", None),
            ("peers-time 0.17 lots\n", None),
            ("", None),
            ("0.17 38512\n", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_time(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn the_telling_line_of_a_failure_is_picked() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "\nthread 'main' (42) panicked at src/lib.rs:3:5:\nnot yet implemented\nnote: run with `RUST_BACKTRACE=1`\n",
                Some("thread 'main' (42) panicked at src/lib.rs:3:5: not yet implemented"),
            ),
            (
                "thread 'main' panicked at 'boom', src/main.rs:1:1\nnote: run with\n",
                Some("thread 'main' panicked at 'boom', src/main.rs:1:1"),
            ),
            (
                "[main] INFO  o.o.codegen.DefaultGenerator - x\nException in thread \"main\" java.lang.RuntimeException: bad\n\tat x\n",
                Some("Exception in thread \"main\" java.lang.RuntimeException: bad"),
            ),
            (
                "thread 'main' (7) panicked at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/progenitor-impl-0.15.1/src/method.rs:1220:9:\nassertion failed: response_types.len() <= 1\n",
                Some(
                    "thread 'main' (7) panicked at progenitor-impl-0.15.1/src/method.rs:1220:9: assertion failed: response_types.len() <= 1",
                ),
            ),
            (
                "warning: w\nError: no such file\n",
                Some("Error: no such file"),
            ),
            ("just a line\nanother\n", Some("just a line")),
            ("\n  \n", None),
        ];
        for (stderr, expected) in cases {
            assert_eq!(first_error_line(stderr).as_deref(), *expected, "{stderr:?}");
        }
        let long = format!("error: {}", "x".repeat(300));
        let line = first_error_line(&long).unwrap_or_default();
        assert_eq!(line.chars().count(), 160);
        assert!(line.ends_with('…'));
    }

    #[test]
    fn a_failed_check_says_how_many_errors_and_the_first() {
        let stderr = "   Compiling x v0.1.0\nerror[E0412]: cannot find type `Foo` in this scope\n --> src/a.rs:1:1\nerror[E0308]: mismatched types\nerror: could not compile `x` (lib) due to 2 previous errors; 3 warnings emitted\n";
        assert_eq!(
            check_failure(stderr).as_deref(),
            Some("2 errors, the first: error[E0412]: cannot find type `Foo` in this scope")
        );
        let no_count = "error: failed to parse manifest at `/x/Cargo.toml`\n";
        assert_eq!(
            check_failure(no_count).as_deref(),
            Some("error: failed to parse manifest at `/x/Cargo.toml`")
        );
        assert_eq!(check_failure(""), None);
    }

    #[test]
    fn medians_and_minimums_of_the_runs() {
        let r = row("t", "s", &[30, 10, 20, 50, 40], None, None);
        assert_eq!(r.median(), Some(ms(30)));
        assert_eq!(r.min(), Some(ms(10)));
        let even = row("t", "s", &[40, 10, 30, 20], None, None);
        assert_eq!(even.median(), Some(ms(20)));
        let none = row("t", "s", &[], None, None);
        assert_eq!(none.median(), None);
        assert!(!none.ok());
    }

    #[test]
    fn durations_sizes_and_ratios_are_formatted() {
        assert_eq!(duration(ms(170)), "170.0 ms");
        assert_eq!(duration(Duration::from_micros(15_250)), "15.2 ms");
        assert_eq!(duration(ms(3800)), "3.80 s");
        assert_eq!(mib(38512), "37.6 MiB");
        assert_eq!(ratio(1.6), "1.60×");
        assert_eq!(ratio(0.4049), "0.40×");
    }

    #[test]
    fn the_summary_names_the_fastest_and_the_lightest_peer_that_succeed() {
        let spec = "synthetic 10× (240 ops)";
        let rows = vec![
            row(THIS, spec, &[100, 110, 90], Some(40_000), None),
            row("progenitor", spec, &[260, 250, 270], Some(60_000), None),
            row(
                "openapi-to-rust",
                spec,
                &[160, 170, 150],
                Some(100_000),
                None,
            ),
            // Fastest and lightest, but failed: not counted.
            row(
                "quick-but-wrong",
                spec,
                &[10],
                Some(1_000),
                Some("panicked"),
            ),
            row(THIS, "other", &[1], Some(1), None),
        ];
        assert_eq!(
            summary(spec, &rows),
            "**synthetic 10× (240 ops)**: this generator 100.0 ms; 1.60× faster than the fastest \
             peer that succeeds (openapi-to-rust, 160.0 ms); peak memory 0.67× the lightest \
             peer's (progenitor, 58.6 MiB); failed: quick-but-wrong."
        );
    }

    #[test]
    fn the_summary_says_slower_and_handles_missing_peers_and_failures() {
        let rows = vec![
            row(THIS, "a", &[200], Some(2048), None),
            row("p", "a", &[100], Some(1024), None),
            row(THIS, "b", &[200], None, None),
            row("p", "b", &[5], None, Some("panic")),
            row(THIS, "c", &[5], None, Some("bad spec")),
        ];
        assert_eq!(
            summary("a", &rows),
            "**a**: this generator 200.0 ms; 2.00× slower than the fastest peer that succeeds \
             (p, 100.0 ms); peak memory 2.00× the lightest peer's (p, 1.0 MiB)."
        );
        assert_eq!(
            summary("b", &rows),
            "**b**: this generator 200.0 ms; no peer succeeded; failed: p."
        );
        assert_eq!(
            summary("c", &rows),
            "**c**: this generator failed (bad spec)"
        );
        assert_eq!(summary("d", &rows), "**d**: this generator did not run");
    }

    #[test]
    fn the_table_has_a_row_per_tool_and_spec_with_ratios_to_this_generator() {
        let rows = vec![
            row(THIS, "chat", &[20, 30, 10], Some(10_240), None),
            row("progenitor", "chat", &[40, 60, 50], Some(20_480), None),
            row(
                "openapi-generator",
                "chat",
                &[1500],
                None,
                Some("Exception | bad"),
            ),
        ];
        let text = table(&rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5, "{text}");
        assert_eq!(
            lines[2],
            "| chat | this generator | 1.0 | yes | 20.0 ms | 10.0 ms | 10.0 MiB | 3 | 1000 | 40 | 1× | 1× |"
        );
        assert_eq!(
            lines[3],
            "| chat | progenitor | 1.0 | yes | 50.0 ms | 40.0 ms | 20.0 MiB | 3 | 1000 | 40 | 2.50× | 2.00× |"
        );
        assert_eq!(
            lines[4],
            "| chat | openapi-generator | 1.0 | **no**: Exception \\| bad | (1.50 s to fail) | — | n/a | — | — | — | — | — |"
        );
    }

    #[test]
    fn install_and_check_tables() {
        let installs = vec![
            Installed {
                tool: "progenitor".into(),
                version: "0.15.1".into(),
                source: "crates.io `cargo-progenitor`".into(),
                install: Some(Duration::from_secs(300)),
                now: true,
                unavailable: None,
            },
            Installed {
                tool: "openapi-generator".into(),
                version: "7.26.0".into(),
                source: "PyPI".into(),
                install: None,
                now: false,
                unavailable: Some("skipped: no Java on this machine".into()),
            },
        ];
        let text = install_table(&installs);
        assert!(text.contains(
            "| progenitor | 0.15.1 | crates.io `cargo-progenitor` | installed by this run in 300.00 s |"
        ));
        assert!(
            text.contains(
                "| openapi-generator | 7.26.0 | PyPI | skipped: no Java on this machine |"
            )
        );
        let checks = vec![
            Checked {
                tool: THIS.into(),
                time: Some(Duration::from_secs(40)),
                peak_kib: Some(1024 * 1024),
                failure: None,
            },
            Checked {
                tool: "p".into(),
                time: Some(Duration::from_secs(2)),
                peak_kib: None,
                failure: Some("error[E0412]: cannot find type".into()),
            },
        ];
        let text = check_table(&checks);
        assert!(text.contains("| this generator | 40.00 s | 1024.0 MiB | yes |"));
        assert!(text.contains("| p | 2.00 s | n/a | **no**: error[E0412]: cannot find type |"));
    }

    #[test]
    fn operations_are_the_method_entries_of_path_items() {
        let doc: serde_json::Value = serde_json::json!({
            "paths": {
                "/a": {"get": {}, "post": {}, "parameters": [], "summary": "x"},
                "/b": {"delete": {}, "x-ext": {}},
            }
        });
        assert_eq!(count_operations(&doc), 3);
        assert_eq!(count_operations(&serde_json::json!({})), 0);
    }

    #[test]
    fn the_json_the_tools_read_is_the_chat_api_itself() {
        let root = crate::workspace::root();
        let yaml = fs::read_to_string(root.join("spec/chat.yaml")).expect("spec/chat.yaml");
        let json = yaml_to_json(&yaml, "chat").expect("chat as JSON");
        let options = codegen::Options::new("chat", "chat");
        let from_yaml = codegen::generate(&yaml, &options).expect("from YAML");
        let from_json = codegen::generate(&json, &options).expect("from JSON");
        assert_eq!(from_yaml.files.len(), from_json.files.len());
        for (path, text) in &from_yaml.files {
            assert!(from_json.files.get(path) == Some(text), "{path} differs");
        }
        let doc: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(count_operations(&doc), 24);
    }

    #[test]
    fn java_version_is_the_quoted_one() {
        assert_eq!(
            parse_java_version("openjdk version \"17.0.15\" 2025-04-15\nOpenJDK Runtime\n")
                .as_deref(),
            Some("17.0.15")
        );
        assert_eq!(parse_java_version("no quotes"), None);
    }

    #[test]
    fn each_tool_gets_its_own_command_line() {
        let tool = |kind, program: &[&str]| Tool {
            name: "t".into(),
            version: "1".into(),
            kind,
            program: program.iter().map(OsString::from).collect(),
        };
        let line = |t: &Tool| {
            t.command(Path::new("s.json"), Path::new("o"), "my-crate")
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            line(&tool(Kind::This, &["xtask"])),
            "xtask codegen --spec s.json --out o --crate-name my-crate"
        );
        assert_eq!(
            line(&tool(Kind::Progenitor, &["cargo-progenitor"])),
            "cargo-progenitor progenitor -i s.json -o o -n my-crate -v 0.1.0"
        );
        assert_eq!(
            line(&tool(Kind::OpenapiToRust, &["openapi-to-rust"])),
            "openapi-to-rust generate s.json --output-dir o --module-name my_crate --quiet"
        );
        assert_eq!(
            line(&tool(Kind::OpenapiGenerator, &["java", "-jar", "g.jar"])),
            "java -jar g.jar generate -g rust -i s.json -o o --package-name my-crate --skip-validate-spec"
        );
    }
}
