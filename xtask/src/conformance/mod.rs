//! `cargo xtask corpus --conformance`: every operation of every generated crate, called once
//! through the crate's own API against an independent mock server that validates each
//! request against the spec, security included — Stoplight Prism ([`prism`]).
//!
//! # A run
//!
//! For each spec of the corpus's sample (or the `--spec` files; `--only` filters the sample
//! as for `cargo xtask corpus`):
//!
//! 1. the crate is generated into `target/corpus/crates/SLUG/`, as by `cargo xtask corpus`;
//! 2. a caller program is written into `target/corpus/conformance/callers/SLUG/`
//!    ([`caller`]): per operation of the crate's `api-manifest.json`, values for every
//!    parameter — optional ones included, which exercises the parameter styles — and for the
//!    body, synthesized from the spec's schemas ([`values`]); credentials are dummies of the
//!    shape each of the manifest's `security_schemes` takes, set through its `ClientBuilder`
//!    setter (a crate whose manifest has no `security_schemes` gets none: its API takes none);
//! 3. the program is built against the crate (no default features, `all-apis`) in the
//!    corpus's target directory, `target/corpus/target`;
//! 4. Prism serves the spec (`prism mock -d --errors --seed conformance`, dynamic responses
//!    generated from the schemas, request violations answered as errors) on a free loopback
//!    port, and the program calls every operation once, in operation-id order, without retries;
//! 5. each answer is classified ([`report::Outcome`]): a success status whose body decoded;
//!    a body that did not decode; refused for authentication (401/403); a request the mock
//!    rejected, with its violations (from the `sl-violations` header or its problem document);
//!    a request the mock could not route; another mock error; a value the Rust type cannot
//!    hold, or a request the crate refused to send; no answer at all.
//!
//! Nothing here validates a request or its credentials: the mock does.
//!
//! # Output
//!
//! A table per spec, lists of the decode failures, rejected requests (grouped by violation),
//! unrouted requests, mock errors and values not sent, and the closing line
//! `conformance: N specs (…), O operations, C called: A accepted, D decoded, …`, printed and
//! written to `target/corpus/conformance.md`. Per spec, `target/corpus/conformance/logs/` has
//! `SLUG.txt` (generator warnings, build result, every call's outcome with the values sent
//! and the mock's violations), `SLUG.prism.txt` (Prism's own log), `SLUG.build.txt` and
//! `SLUG.calls.jsonl` (the program's records).
//!
//! The run exits non-zero unless no operation was refused for authentication, no response
//! failed to decode, every caller built and every call got an answer (the bar of issue 16).
//!
//! # Bounds
//!
//! The build of one caller is stopped after [`BUILD_TIMEOUT`], a mock that is not listening
//! after [`MOCK_START_TIMEOUT`] is reported as failed to start, each call has a 30 s client
//! timeout and a 60 s overall one, and a caller program runs at most
//! [`run_timeout`]`(operations)`; whatever it had not reached then is counted as a harness
//! failure. Every process started is killed when its time is up.

pub mod caller;
mod pattern;
pub mod prism;
pub mod report;
pub mod values;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::corpus::{self, Generated, Options};
use report::{Called, Outcome, SpecResult, Stage};

/// Longest build of one caller program (with its crate; the first also builds the
/// dependencies).
pub const BUILD_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// Longest wait for Prism to load a spec and listen.
pub const MOCK_START_TIMEOUT: Duration = Duration::from_secs(240);

/// Longest run of a caller program with `operations` calls.
pub fn run_timeout(operations: usize) -> Duration {
    let seconds = 120 + 2 * operations as u64;
    Duration::from_secs(seconds.min(60 * 60))
}

/// Characters of one value shown in a log.
const LOG_VALUE_CHARS: usize = 600;

/// One spec on its way through the run.
struct Job {
    spec: corpus::Spec,
    result: SpecResult,
    log: String,
    plan: Option<caller::Plan>,
}

/// Runs `cargo xtask corpus --conformance`. `Ok(true)` when the bar is met.
pub fn run(root: &Path, options: &Options) -> Result<bool, String> {
    let base = root.join("target/corpus");
    let specs = corpus::specs(&base, options)?;
    if options.list {
        print!("{}", corpus::list(&specs));
        return Ok(true);
    }
    let prism = prism::install(&base.join("prism"))?;
    let dir = base.join("conformance");
    let callers = dir.join("callers");
    let logs = dir.join("logs");
    for d in [&callers, &logs, &base.join("crates")] {
        fs::create_dir_all(d).map_err(|e| format!("cannot create {}: {e}", d.display()))?;
    }
    let started = Instant::now();

    let quiet = corpus::PanicCapture::install();
    let mut jobs: Vec<Job> = specs
        .into_iter()
        .map(|spec| prepare(spec, &base, &callers))
        .collect::<Result<_, String>>()?;
    drop(quiet);

    let members: Vec<String> = jobs
        .iter()
        .filter(|j| j.plan.is_some())
        .map(|j| format!("callers/{}", j.spec.slug))
        .collect();
    if !members.is_empty() {
        crate::workspace::write_workspace(
            root,
            &dir,
            "# Written by `cargo xtask corpus --conformance`: the caller programs, one workspace.",
            &members,
            "\n# Built once to be run once: no debug info, no incremental data.\n\
             [profile.dev]\ndebug = 0\nincremental = false\n",
        )?;
    }
    for job in &mut jobs {
        if job.plan.is_some() {
            let started = Instant::now();
            exercise(job, &prism, &dir, &base.join("target"), &logs)?;
            job.result.time += started.elapsed();
        }
        let path = logs.join(format!("{}.txt", job.spec.slug));
        fs::write(&path, &job.log).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }

    let results: Vec<SpecResult> = jobs.into_iter().map(|j| j.result).collect();
    let mut text = format!(
        "Conformance: every operation called once against Prism {} (`prism mock -d --errors`).\n\n",
        prism::PRISM.version
    );
    text.push_str(&report::table(&results));
    text.push_str(&report::problems(&results));
    let (ok, verdict) = report::bar(&results);
    let _ = writeln!(
        text,
        "\nTotal time {:.0} s. {verdict}\n",
        started.elapsed().as_secs_f64()
    );
    text.push_str(&report::summary(&results));
    text.push('\n');
    let path = base.join("conformance.md");
    fs::write(&path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    print!("{text}");
    Ok(ok)
}

/// Generates the crate of `spec` and writes its caller program.
fn prepare(spec: corpus::Spec, base: &Path, callers: &Path) -> Result<Job, String> {
    eprintln!("conformance: generating {}", spec.name);
    let started = Instant::now();
    let out = base.join("crates").join(&spec.slug);
    let (row, generation) = corpus::generate_one(&spec, &out);
    let mut job = Job {
        result: SpecResult {
            name: spec.name.clone(),
            operations: row.operations.unwrap_or(0),
            stage: Stage::Ran(None),
            calls: Vec::new(),
            time: Duration::ZERO,
        },
        log: generation,
        plan: None,
        spec,
    };
    if let Generated::Failed {
        class,
        count,
        first,
    } = &row.generated
    {
        job.result.stage = Stage::NotGenerated(format!("{class} ×{count}: {first}"));
        return Ok(job);
    }
    match plan(&job.spec, &out) {
        Ok(plan) => {
            job.result.operations = plan.calls.len();
            let files = caller_files(&job.spec, &plan);
            let dir = callers.join(&job.spec.slug);
            codegen::cli::write_crate(&dir, &files)?;
            let _ = writeln!(
                job.log,
                "\ncaller: {} ({} operations; credentials: {})",
                dir.join("src/main.rs").display(),
                plan.calls.len(),
                describe_credentials(&plan.credentials)
            );
            for c in plan.calls.iter().filter(|c| !c.notes.is_empty()) {
                let _ = writeln!(
                    job.log,
                    "  {} {} ({}): {}",
                    c.method,
                    c.path,
                    c.id,
                    c.notes.join("; ")
                );
            }
            job.plan = Some(plan);
        }
        Err(e) => {
            let _ = writeln!(job.log, "\nno caller: {e}");
            job.result.stage = Stage::NotPlanned(e);
        }
    }
    job.result.time = started.elapsed();
    Ok(job)
}

fn describe_credentials(credentials: &caller::Credentials) -> String {
    let caller::Credentials(schemes) = credentials;
    if schemes.is_empty() {
        return "none (no scheme)".into();
    }
    schemes
        .iter()
        .map(|s| format!("{} through {}", s.name, s.setter))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The caller plan of the crate generated from `spec` into `out`.
fn plan(spec: &corpus::Spec, out: &Path) -> Result<caller::Plan, String> {
    let manifest_path = out.join(codegen::manifest::FILE);
    let manifest: serde_json::Value = fs::read_to_string(&manifest_path)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    let text = fs::read_to_string(&spec.path)
        .map_err(|e| format!("cannot read {}: {e}", spec.path.display()))?;
    let (doc, _) = codegen::load::document(&text, &spec.display).map_err(|errors| {
        errors
            .first()
            .map_or_else(|| "the spec does not load".into(), ToString::to_string)
    })?;
    caller::plan(&manifest, &doc)
}

/// `Cargo.toml` and `src/main.rs` of the caller crate of `spec`.
fn caller_files(spec: &corpus::Spec, plan: &caller::Plan) -> codegen::Files {
    let package = spec.package();
    let lib = package.replace('-', "_");
    let header = format!(
        "Written by `cargo xtask corpus --conformance` for {}: calls every operation of `{package}` once.",
        spec.display
    );
    let manifest = format!(
        "# {header}\n[package]\nname = \"conformance-{slug}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\n{package} = {{ path = \"../../../crates/{slug}\", default-features = false, features = [\"all-apis\"] }}\n\
         serde_json = \"1\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt\", \"time\"] }}\n",
        slug = spec.slug
    );
    let mut files = codegen::Files::new();
    files.insert("Cargo.toml".into(), manifest);
    files.insert("src/main.rs".into(), caller::source(&lib, &header, plan));
    files
}

/// Waits for `child` at most `timeout`; kills it then. `None` when it was killed.
fn wait(child: &mut Child, timeout: Duration) -> Result<Option<ExitStatus>, String> {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return Ok(Some(status));
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn create(path: &Path) -> Result<fs::File, String> {
    fs::File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))
}

/// Builds the caller of `job`, serves its spec and runs the calls.
fn exercise(
    job: &mut Job,
    prism: &prism::Installed,
    dir: &Path,
    target: &Path,
    logs: &Path,
) -> Result<(), String> {
    let slug = job.spec.slug.clone();
    let Some(plan) = job.plan.take() else {
        return Ok(());
    };
    eprintln!("conformance: building the caller of {}", job.spec.name);
    let build_log = logs.join(format!("{slug}.build.txt"));
    if let Err(e) = build(dir, target, &slug, &build_log) {
        let _ = writeln!(
            job.log,
            "\nbuild: {e} (all of it in {})",
            build_log.display()
        );
        job.result.stage = Stage::NotBuilt(e);
        return Ok(());
    }
    eprintln!(
        "conformance: calling {} operations of {}",
        plan.calls.len(),
        job.spec.name
    );
    let prism_log = logs.join(format!("{slug}.prism.txt"));
    let mock = match prism::start(prism, &job.spec.path, &prism_log, MOCK_START_TIMEOUT) {
        Ok(mock) => mock,
        Err(e) => {
            let _ = writeln!(job.log, "\nmock failed to start: {e}");
            job.result.stage = Stage::MockFailed(e);
            return Ok(());
        }
    };
    let _ = writeln!(
        job.log,
        "\nmock: Prism at {} (its log: {})",
        mock.base_url,
        prism_log.display()
    );
    let binary = target.join("debug").join(format!(
        "conformance-{slug}{}",
        std::env::consts::EXE_SUFFIX
    ));
    let records_path = logs.join(format!("{slug}.calls.jsonl"));
    let stderr_path = logs.join(format!("{slug}.stderr.txt"));
    let mut child = Command::new(&binary)
        .arg(&mock.base_url)
        .stdin(Stdio::null())
        .stdout(create(&records_path)?)
        .stderr(create(&stderr_path)?)
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    let limit = run_timeout(plan.calls.len());
    let status = wait(&mut child, limit)?;
    drop(mock);
    let records = fs::read_to_string(&records_path).unwrap_or_default();
    let (calls, client_error) = collect(&plan, &records);
    job.result.stage = Stage::Ran(match status {
        None => Some(format!("the calls took longer than {} s", limit.as_secs())),
        Some(_) if client_error.is_some() => client_error,
        Some(s) if !s.success() => Some(format!(
            "the caller exited with {s}: {}",
            prism::tail(&stderr_path)
        )),
        Some(_) => None,
    });
    log_calls(&mut job.log, &plan, &calls);
    job.result.calls = calls;
    Ok(())
}

/// `cargo build` of one caller, its output in `log`. `Err` has the first error.
fn build(dir: &Path, target: &Path, slug: &str, log: &Path) -> Result<(), String> {
    let out = create(log)?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let mut child = Command::new(crate::workspace::cargo_program())
        .args(["build", "--message-format=short", "-p"])
        .arg(format!("conformance-{slug}"))
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    match wait(&mut child, BUILD_TIMEOUT)? {
        Some(status) if status.success() => Ok(()),
        Some(status) => {
            let text = fs::read_to_string(log).unwrap_or_default();
            let first = text
                .lines()
                .find(|l| l.contains("error[") || l.contains("error:"))
                .unwrap_or("no error message");
            Err(format!("cargo build failed ({status}): {first}"))
        }
        None => Err(format!(
            "cargo build took longer than {} s",
            BUILD_TIMEOUT.as_secs()
        )),
    }
}

/// The caller's records, matched with the plan's operations; and the client's error, when the
/// program could not even build its client.
fn collect(plan: &caller::Plan, records: &str) -> (Vec<Called>, Option<String>) {
    let mut calls = Vec::new();
    let mut client_error = None;
    for line in records.lines() {
        let Ok(record) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if record["kind"] == "client" {
            client_error = Some(format!(
                "the client could not be built: {}",
                record["message"].as_str().unwrap_or_default()
            ));
            continue;
        }
        let id = record["op"].as_str().unwrap_or_default();
        let Some(c) = plan.calls.iter().find(|c| c.id == id) else {
            continue;
        };
        calls.push(Called {
            id: id.to_owned(),
            endpoint: format!("{} {}", c.method, c.path),
            outcome: Outcome::from_record(&record).for_path(&c.path),
        });
    }
    (calls, client_error)
}

/// One block per call: the outcome, and for anything but a decoded answer the values sent.
fn log_calls(log: &mut String, plan: &caller::Plan, calls: &[Called]) {
    log.push('\n');
    for called in calls {
        let _ = writeln!(
            log,
            "{} ({}): {}",
            called.endpoint,
            called.id,
            called.outcome.describe()
        );
        if matches!(called.outcome, Outcome::Decoded { .. }) {
            continue;
        }
        let Some(c) = plan.calls.iter().find(|c| c.id == called.id) else {
            continue;
        };
        for a in c.args.iter().chain(&c.setters) {
            let json: String = a.json.chars().take(LOG_VALUE_CHARS).collect();
            let _ = writeln!(log, "    sent {} ({}): {json}", a.name, a.rust_type);
        }
    }
    let reached: Vec<&str> = calls.iter().map(|c| c.id.as_str()).collect();
    for c in plan
        .calls
        .iter()
        .filter(|c| !reached.contains(&c.id.as_str()))
    {
        let _ = writeln!(log, "{} {} ({}): NOT REACHED", c.method, c.path, c.id);
    }
}
