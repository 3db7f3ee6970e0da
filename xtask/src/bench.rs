//! `cargo xtask bench`: the benchmarks behind BENCHMARKS.md, from one command.
//!
//! - generation: `codegen::generate` on `spec/chat.yaml`, on synthetic specs 1×, 10×, 30× and
//!   100× its size and on the platform-sized spec, each size in its own release-mode process so that its peak memory is its own;
//!   medians over repeated runs;
//! - compile cost: `cargo check` / `cargo build` of `generated-sdk` and of the 30× crate after a
//!   touch of `src/lib.rs`, with dependencies already built;
//! - the platform: generation of a spec the shape of the whole Genesys Cloud Platform API
//!   ([`platform_spec`]), and `cargo check` of its crate with one group's feature (against the
//!   chat-only crate) and with all of them, time and peak memory;
//! - cold start (`--cold`): a fresh clone with an empty target directory, timed until
//!   `cargo xtask codegen` finishes, with the number of crates compiled;
//! - run time: the `bench_runtime` example of `generated-sdk` (SDK against hand-written
//!   reqwest + serde_json on a loopback server, and decode throughput).
//!
//! Results are printed as Markdown tables, ready for BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::gnu_time;
use crate::markdown::row;

/// (label, spec) of the generation table.
const SIZES: &[(&str, Size)] = &[
    ("chat", Size::Chat),
    ("1×", Size::Scale(1)),
    ("10×", Size::Scale(10)),
    ("30×", Size::Scale(30)),
    ("100×", Size::Scale(100)),
    ("platform", Size::Platform),
];

/// API groups of the platform-sized spec: the whole Genesys Cloud Platform API has about 90.
const PLATFORM_GROUPS: usize = 90;
/// Operations of the platform-sized spec (the platform has about 3,400).
const PLATFORM_OPERATIONS: usize = 3400;
/// Operations of the platform-sized spec that are in two API groups: the platform's
/// proportion, 153 of its 3,355 operations.
const PLATFORM_SHARED: usize = PLATFORM_OPERATIONS * 153 / 3355;
/// Timed `cargo check`s of the chat-only crate and of one platform group (the median is
/// reported, with the spread: the machine is shared).
const PLATFORM_CHECK_RUNS: usize = 3;
/// Timed `cargo check`s of the whole platform crate.
const PLATFORM_ALL_RUNS: usize = 2;
/// The other Genesys API groups the platform spec is made from, beside `spec/chat.yaml`, when
/// `../shared/genesys/` sits beside the workspace.
const PLATFORM_BASES: &[&str] = &[
    "../shared/genesys/users-269.0.0.yaml",
    "../shared/genesys/presence-269.0.0.yaml",
];

/// A spec the benchmarks generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// `spec/chat.yaml` itself.
    Chat,
    /// `synthetic::scale(chat, n)`.
    Scale(usize),
    /// `synthetic::platform`: the whole platform's shape (see [`platform_spec`]).
    Platform,
}

impl Size {
    /// `0` (the chat spec), a factor, or `platform`, as `xtask bench-generate` takes it.
    pub fn parse(text: &str) -> Result<Size, String> {
        match text {
            "platform" => Ok(Size::Platform),
            "0" => Ok(Size::Chat),
            n => n
                .parse()
                .map(Size::Scale)
                .map_err(|_| format!("bench-generate: `{n}` is neither a factor nor `platform`")),
        }
    }

    fn arg(self) -> String {
        match self {
            Size::Chat => "0".into(),
            Size::Scale(n) => n.to_string(),
            Size::Platform => "platform".into(),
        }
    }

    /// The spec's text (also what `bench --peers` gives every tool).
    pub fn spec(self, root: &Path) -> Result<String, String> {
        let chat = read(&root.join("spec/chat.yaml"))?;
        match self {
            Size::Chat => Ok(chat),
            Size::Scale(n) => synthetic::scale(&chat, n),
            Size::Platform => platform_spec(root, &chat).map(|(text, _)| text),
        }
    }
}

/// The platform-sized spec: [`PLATFORM_GROUPS`] groups and about [`PLATFORM_OPERATIONS`]
/// operations, made from the chat spec and the other real Genesys groups of
/// [`PLATFORM_BASES`] (from chat alone when they are absent), and which bases it used.
pub fn platform_spec(root: &Path, chat: &str) -> Result<(String, String), String> {
    let mut bases = vec![chat.to_owned()];
    let mut names = vec!["spec/chat.yaml".to_owned()];
    for base in PLATFORM_BASES {
        let path = root.join(base);
        if path.exists() {
            bases.push(read(&path)?);
            names.push((*base).to_owned());
        }
    }
    let bases: Vec<&str> = bases.iter().map(String::as_str).collect();
    let text = synthetic::platform(
        &bases,
        PLATFORM_GROUPS,
        PLATFORM_OPERATIONS,
        PLATFORM_SHARED,
    )?;
    Ok((text, names.join(", ")))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Options of `cargo xtask bench`.
pub struct Options {
    /// Also run the cold-start benchmark (minutes: it compiles everything from scratch).
    pub cold: bool,
    /// Skip the run-time benchmark.
    pub no_runtime: bool,
    /// Only the platform-sized spec: its generation row and its crate's `cargo check`.
    pub platform_only: bool,
}

/// Runs every benchmark and prints the tables.
pub fn run(root: &Path, options: &Options) -> Result<(), String> {
    println!("## Generation (release build, median of repeated runs)\n");
    println!(
        "| spec | operations | schemas | spec bytes | output files | output bytes | median | min | peak RSS |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let sizes = SIZES
        .iter()
        .filter(|(_, size)| !options.platform_only || *size == Size::Platform);
    for (label, factor) in sizes {
        let line = cargo(
            root,
            &[
                "run",
                "--release",
                "--quiet",
                "-p",
                "xtask",
                "--",
                "bench-generate",
                &factor.arg(),
            ],
        )?;
        println!("| {label} | {} |", line.trim());
    }

    if options.platform_only {
        return platform_compile_cost(root);
    }

    println!("\n## Compile cost of the generated code (dependencies built; median of 3)\n");
    println!("| crate | `cargo check` | `cargo build` |");
    println!("| --- | ---: | ---: |");
    compile_cost(
        root,
        "generated-sdk (chat, 24 operations)",
        &root.join("generated-sdk/src/lib.rs"),
        &["-p", "genesys-cloud-chat"],
    )?;
    let big = bench_crate("30x", &Size::Scale(30).spec(root)?)?;
    let manifest = big.join("Cargo.toml");
    let target = root.join("target/bench-synthetic");
    compile_cost(
        root,
        "synthetic 30× (720 operations)",
        &big.join("src/lib.rs"),
        &[
            "--manifest-path",
            &manifest.to_string_lossy(),
            "--target-dir",
            &target.to_string_lossy(),
        ],
    )?;

    platform_compile_cost(root)?;

    if options.cold {
        println!("\n## Cold start: fresh clone, empty target directory, `cargo xtask codegen`\n");
        let (elapsed, crates) = cold_start(root)?;
        println!(
            "| wall time | crates compiled |\n| ---: | ---: |\n| {} | {crates} |",
            secs(elapsed)
        );
    }

    if !options.no_runtime {
        println!(
            "\n## Run time (`cargo run --release -p genesys-cloud-chat --example bench_runtime`)\n"
        );
        let args = [
            "run",
            "--release",
            "-q",
            "-p",
            "genesys-cloud-chat",
            "--example",
            "bench_runtime",
        ];
        print!("{}", cargo(root, &args)?);
    }
    Ok(())
}

/// `xtask bench-generate SIZE`: one table row (without the label) for one spec.
pub fn generate_row(root: &Path, size: Size) -> Result<String, String> {
    let text = size.spec(root)?;
    let options = codegen::Options::new("bench", "bench.yaml");
    let runs = match size {
        Size::Chat | Size::Scale(0 | 1) => 101,
        Size::Scale(2..=10) => 31,
        Size::Scale(_) => 11,
        Size::Platform => 5,
    };
    // The first run alone decides the peak memory of one generation.
    let first = codegen::generate(&text, &options).map_err(|e| e.to_string())?;
    let peak = peak_rss().unwrap_or_else(|| "n/a".into());
    drop(first);
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs + 1 {
        let start = Instant::now();
        let output = codegen::generate(&text, &options).map_err(|e| e.to_string())?;
        times.push(start.elapsed());
        last = Some(output);
    }
    times.drain(..1); // warm-up
    times.sort();
    let median = times[times.len() / 2];
    let min = times[0];
    let output = last.ok_or("no run")?;
    let operations = output
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("src/apis/"))
        .map(|(_, t)| t.matches("impl Operation for ").count())
        .sum::<usize>();
    // One module per schema, in the files of `src/models/` that `mod.rs` includes.
    let schemas = output
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("src/models/") && !p.ends_with("/mod.rs"))
        .map(|(_, text)| text.lines().filter(|l| l.starts_with("pub mod ")).count())
        .sum::<usize>();
    let bytes: usize = output.files.values().map(String::len).sum();
    Ok(format!(
        "{operations} | {schemas} | {} | {} | {bytes} | {} | {} | {}",
        text.len(),
        output.files.len(),
        millis(median),
        millis(min),
        peak
    ))
}

/// Peak resident memory of this process (Linux: `VmHWM`).
fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib = crate::workspace::proc_kib(&status, "VmHWM")?;
    Some(format!("{:.1} MiB", kib as f64 / 1024.0))
}

/// A benchmark's crate outside the workspace: writes the spec `text` (JSON, as the synthetic
/// specs are) to `genesys-bench-{name}.json` in the system temp directory, and generates the
/// crate `synthetic-{name}` from it into `genesys-bench-{name}/` there, which it returns.
fn bench_crate(name: &str, text: &str) -> Result<PathBuf, String> {
    let temp = std::env::temp_dir();
    let spec = temp.join(format!("genesys-bench-{name}.json"));
    std::fs::write(&spec, text).map_err(|e| format!("{}: {e}", spec.display()))?;
    let options = codegen::Options::new(&format!("synthetic-{name}"), &spec.display().to_string());
    let output = codegen::generate(text, &options).map_err(|e| e.to_string())?;
    let dir = temp.join(format!("genesys-bench-{name}"));
    codegen::cli::write_crate(&dir, &output.files)?;
    Ok(dir)
}

/// One row of the compile-cost table: an untimed `cargo build` (the dependencies), then the
/// medians of three `cargo check`s and of three `cargo build`s, each after touching `lib`;
/// `args` follow the verb.
fn compile_cost(root: &Path, label: &str, lib: &Path, args: &[&str]) -> Result<(), String> {
    let with = |verb: &'static str| [&[verb], args].concat();
    cargo(root, &with("build"))?;
    let check = timed_after_touch(lib, || cargo(root, &with("check")))?;
    let build = timed_after_touch(lib, || cargo(root, &with("build")))?;
    println!("{}", row(&[&label, &secs(check), &secs(build)]));
    Ok(())
}

/// The platform-sized crate against the chat-only one: `cargo check` of one group, and of
/// everything, whole (`CARGO_INCREMENTAL=0`: what a user building it as a dependency pays),
/// with the peak RSS of the largest process.
fn platform_compile_cost(root: &Path) -> Result<(), String> {
    let chat = read(&root.join("spec/chat.yaml"))?;
    let (text, bases) = platform_spec(root, &chat)?;
    let dir = bench_crate("platform", &text)?;

    println!(
        "\n## The platform-sized crate ({PLATFORM_GROUPS} groups from {bases}; dependencies built, `CARGO_INCREMENTAL=0`)\n"
    );
    println!(
        "| crate | features | `cargo check` wall (median; spread) | CPU (user + sys) | peak RSS |"
    );
    println!("| --- | --- | ---: | ---: | ---: |");
    let runs = PLATFORM_CHECK_RUNS;
    let sdk = root.join("generated-sdk/Cargo.toml");
    let features = ["--no-default-features", "--features", "chat"];
    let chat_only = whole_check(&sdk, &root.join("target"), &features, runs)?;
    let krate = "generated-sdk (chat only, 24 operations)";
    println!("{}", chat_only.row(krate, &features, None));
    let manifest = dir.join("Cargo.toml");
    let target = root.join("target/bench-platform");
    // Group 0 is the copy of the chat API.
    let features = ["--no-default-features", "--features", "chat0"];
    let one = whole_check(&manifest, &target, &features, runs)?;
    println!("{}", one.row("platform", &features, Some(&chat_only)));
    let features = ["--all-features"];
    let all = whole_check(&manifest, &target, &features, PLATFORM_ALL_RUNS)?;
    println!("{}", all.row("platform", &features, None));
    Ok(())
}

/// What one `cargo check` of a whole crate cost.
struct Check {
    /// Wall time, median of the runs.
    wall: Duration,
    /// CPU time (user + system) of cargo and rustc, median of the runs: what the check costs
    /// whatever else runs on the machine; `None` without `/usr/bin/time`.
    cpu: Option<Duration>,
    /// The largest peak RSS of any process of any run (rustc), in KiB.
    peak_kib: Option<u64>,
    /// The fastest and slowest wall times.
    spread: (Duration, Duration),
}

impl Check {
    fn peak(&self) -> String {
        self.peak_kib.map_or("n/a".to_owned(), |kib| {
            format!("{:.0} MiB", kib as f64 / 1024.0)
        })
    }

    fn cpu(&self) -> String {
        self.cpu.map_or("n/a".to_owned(), secs)
    }

    fn spread(&self) -> String {
        format!("{}–{}", secs(self.spread.0), secs(self.spread.1))
    }

    /// The platform table's row for this check of `krate` with `features`; with `chat_only`,
    /// the CPU time also as a multiple of that check's.
    fn row(&self, krate: &str, features: &[&str], chat_only: Option<&Check>) -> String {
        let mut cpu = self.cpu();
        if let Some(chat_only) = chat_only {
            let ratio = match (self.cpu, chat_only.cpu) {
                (Some(a), Some(b)) => format!("{:.2}×", a.as_secs_f64() / b.as_secs_f64()),
                _ => "n/a".to_owned(),
            };
            cpu.push_str(&format!(" ({ratio} chat only)"));
        }
        let features = format!("`{}`", features.join(" "));
        let wall = format!("{} ({})", secs(self.wall), self.spread());
        row(&[&krate, &features, &wall, &cpu, &self.peak()])
    }
}

/// `cargo check` of `manifest` with `features`: an untimed check for the dependencies, then
/// `runs` checks of the whole crate after touching its `src/lib.rs`, each timed (wall, and CPU
/// and peak RSS by GNU time's `%U`, `%S` and `%M` through [`gnu_time`], when it is installed).
fn whole_check(
    manifest: &Path,
    target: &Path,
    features: &[&str],
    runs: usize,
) -> Result<Check, String> {
    let cargo = crate::workspace::cargo_program();
    let time = gnu_time::program();
    let stats_file = std::env::temp_dir().join("genesys-bench-check-time.txt");
    let check = |timed: bool| -> Result<Duration, String> {
        let mut command = gnu_time::command(time.filter(|_| timed), &stats_file, &cargo);
        command
            .args(["check", "--quiet", "--lib", "--manifest-path"])
            .arg(manifest)
            .arg("--target-dir")
            .arg(target)
            .args(features)
            .env("CARGO_INCREMENTAL", "0");
        let start = Instant::now();
        let output = command
            .output()
            .map_err(|e| format!("cargo check {}: {e}", manifest.display()))?;
        if !output.status.success() {
            return Err(format!(
                "cargo check {} {} failed:\n{}",
                manifest.display(),
                features.join(" "),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok(start.elapsed())
    };
    check(false)?;
    let lib = manifest.with_file_name("src").join("lib.rs");
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut peak_kib: Option<u64> = None;
    for _ in 0..runs.max(1) {
        crate::workspace::touch(&lib)?;
        walls.push(check(true)?);
        let usage = gnu_time::read(&stats_file);
        cpus.extend(usage.cpu);
        peak_kib = peak_kib.max(usage.peak_kib);
    }
    walls.sort();
    cpus.sort();
    Ok(Check {
        wall: walls[walls.len() / 2],
        cpu: cpus.get(cpus.len() / 2).copied(),
        peak_kib,
        spread: (walls[0], walls[walls.len() - 1]),
    })
}

fn cold_start(root: &Path) -> Result<(Duration, usize), String> {
    let dir = std::env::temp_dir().join("genesys-bench-cold");
    let _ = std::fs::remove_dir_all(&dir);
    run_ok(
        Command::new("git")
            .args(["clone", "--quiet"])
            .arg(root)
            .arg(&dir),
    )?;
    let start = Instant::now();
    let output = Command::new("cargo")
        .args(["xtask", "codegen"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .map_err(|e| format!("cargo xtask codegen: {e}"))?;
    let elapsed = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "cold `cargo xtask codegen` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let crates = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|l| l.trim_start().starts_with("Compiling "))
        .count();
    let _ = std::fs::remove_dir_all(&dir);
    Ok((elapsed, crates))
}

/// Median of three timed runs of `f`, each after touching `file`.
fn timed_after_touch(
    file: &Path,
    f: impl Fn() -> Result<String, String>,
) -> Result<Duration, String> {
    let mut times = Vec::new();
    for _ in 0..3 {
        crate::workspace::touch(file)?;
        let start = Instant::now();
        f()?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok(times[1])
}

fn cargo(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new(crate::workspace::cargo_program())
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cargo {}: {e}", args.join(" ")))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(format!(
            "cargo {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn run_ok(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("{command:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed"))
    }
}

fn millis(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_as_bench_generate_takes_them_and_print_back() {
        for (text, size) in [
            ("0", Size::Chat),
            ("1", Size::Scale(1)),
            ("100", Size::Scale(100)),
            ("platform", Size::Platform),
        ] {
            assert_eq!(Size::parse(text), Ok(size), "{text}");
            assert_eq!(size.arg(), text);
        }
        for bad in ["", "-1", "Platform", "10x"] {
            let err = Size::parse(bad).expect_err(bad);
            assert!(err.contains(&format!("`{bad}`")), "{err}");
        }
    }

    #[test]
    fn platform_check_rows_print_wall_spread_cpu_and_peak() {
        let s = Duration::from_secs_f64;
        let check = |wall, spread, cpu: Option<f64>, peak_kib| Check {
            wall: s(wall),
            cpu: cpu.map(s),
            peak_kib,
            spread,
        };
        let chat_only = check(20.5, (s(20.0), s(21.25)), Some(30.0), Some(512_000));
        let one = check(40.0, (s(39.0), s(41.0)), Some(75.0), Some(1_048_576));
        let untimed = check(100.0, (s(100.0), s(100.0)), None, None);
        let chat = ["--no-default-features", "--features", "chat"];
        let chat0 = ["--no-default-features", "--features", "chat0"];
        let cases = [
            (
                chat_only.row("generated-sdk (chat only, 24 operations)", &chat, None),
                "| generated-sdk (chat only, 24 operations) | `--no-default-features --features chat` | 20.50 s (20.00 s–21.25 s) | 30.00 s | 500 MiB |",
            ),
            (
                one.row("platform", &chat0, Some(&chat_only)),
                "| platform | `--no-default-features --features chat0` | 40.00 s (39.00 s–41.00 s) | 75.00 s (2.50× chat only) | 1024 MiB |",
            ),
            (
                untimed.row("platform", &["--all-features"], None),
                "| platform | `--all-features` | 100.00 s (100.00 s–100.00 s) | n/a | n/a |",
            ),
            (
                untimed.row("platform", &chat0, Some(&chat_only)),
                "| platform | `--no-default-features --features chat0` | 100.00 s (100.00 s–100.00 s) | n/a (n/a chat only) | n/a |",
            ),
        ];
        for (row, want) in cases {
            assert_eq!(row, want);
        }
    }

    #[test]
    fn the_platform_spec_has_the_platform_s_shape() {
        let root = crate::workspace::root();
        let chat = read(&root.join("spec/chat.yaml")).expect("chat spec");
        let (text, bases) = platform_spec(&root, &chat).expect("builds");
        assert!(bases.starts_with("spec/chat.yaml"), "{bases}");
        let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let tags = doc["tags"].as_array().map_or(0, Vec::len);
        assert!(tags >= PLATFORM_GROUPS, "{tags} tags");
        let operations: usize = doc["paths"]
            .as_object()
            .expect("paths")
            .values()
            .map(|item| {
                item.as_object().map_or(0, |m| {
                    m.keys().filter(|k| k.as_str() != "parameters").count()
                })
            })
            .sum();
        // From chat alone (no `../shared/genesys/` beside the clone) a group has at most
        // chat's 24 operations.
        let all_bases = PLATFORM_BASES.iter().all(|b| root.join(b).exists());
        let want = if all_bases {
            PLATFORM_OPERATIONS
        } else {
            24 * PLATFORM_GROUPS
        };
        assert!(operations >= want, "{operations} operations from {bases}");
    }
}
