//! `cargo xtask bench`: the benchmarks behind BENCHMARKS.md, from one command.
//!
//! - generation: `codegen::generate` on `spec/chat.yaml` and on synthetic specs 1×, 10×, 30× and
//!   100× its size, each size in its own release-mode process so that its peak memory is its own;
//!   medians over repeated runs;
//! - compile cost: `cargo check` / `cargo build` of `generated-sdk` and of the 30× crate after a
//!   touch of `src/lib.rs`, with dependencies already built;
//! - cold start (`--cold`): a fresh clone with an empty target directory, timed until
//!   `cargo xtask codegen` finishes, with the number of crates compiled;
//! - run time: the `bench_runtime` example of `generated-sdk` (SDK against hand-written
//!   reqwest + serde_json on a loopback server, and decode throughput).
//!
//! Results are printed as Markdown tables, ready for BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// (label, synthetic factor; 0 = the chat spec itself).
const SIZES: &[(&str, usize)] = &[
    ("chat", 0),
    ("1×", 1),
    ("10×", 10),
    ("30×", 30),
    ("100×", 100),
];

/// Options of `cargo xtask bench`.
pub struct Options {
    /// Also run the cold-start benchmark (minutes: it compiles everything from scratch).
    pub cold: bool,
    /// Skip the run-time benchmark.
    pub no_runtime: bool,
}

/// Runs every benchmark and prints the tables.
pub fn run(root: &Path, options: &Options) -> Result<(), String> {
    println!("## Generation (release build, median of repeated runs)\n");
    println!(
        "| spec | operations | schemas | spec bytes | output files | output bytes | median | min | peak RSS |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (label, factor) in SIZES {
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
                &factor.to_string(),
            ],
        )?;
        println!("| {label} | {} |", line.trim());
    }

    println!("\n## Compile cost of the generated code (dependencies built; median of 3)\n");
    println!("| crate | `cargo check` | `cargo build` |");
    println!("| --- | ---: | ---: |");
    let sdk_lib = root.join("generated-sdk/src/lib.rs");
    cargo(root, &["build", "-p", "genesys-cloud-chat"])?;
    let check = timed_after_touch(&sdk_lib, || {
        cargo(root, &["check", "-p", "genesys-cloud-chat"])
    })?;
    let build = timed_after_touch(&sdk_lib, || {
        cargo(root, &["build", "-p", "genesys-cloud-chat"])
    })?;
    println!(
        "| generated-sdk (chat, 24 operations) | {} | {} |",
        secs(check),
        secs(build)
    );
    let big = synthetic_crate(root, 30)?;
    let manifest = big.join("Cargo.toml");
    let manifest = manifest.to_string_lossy();
    let target = root.join("target/bench-synthetic");
    let target = target.to_string_lossy();
    let args =
        |verb: &'static str| vec![verb, "--manifest-path", &manifest, "--target-dir", &target];
    cargo(root, &args("build"))?;
    let lib = big.join("src/lib.rs");
    let check = timed_after_touch(&lib, || cargo(root, &args("check")))?;
    let build = timed_after_touch(&lib, || cargo(root, &args("build")))?;
    println!(
        "| synthetic 30× (720 operations) | {} | {} |",
        secs(check),
        secs(build)
    );

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

/// `xtask bench-generate FACTOR`: one table row (without the label) for one spec size.
pub fn generate_row(root: &Path, factor: usize) -> Result<String, String> {
    let chat = std::fs::read_to_string(root.join("spec/chat.yaml"))
        .map_err(|e| format!("spec/chat.yaml: {e}"))?;
    let text = if factor == 0 {
        chat
    } else {
        codegen::synthetic::scale(&chat, factor)?
    };
    let options = codegen::Options::new("bench", "bench.yaml");
    let runs = match factor {
        0 | 1 => 101,
        10 => 31,
        _ => 11,
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
        .map(|(_, t)| t.matches("impl std::future::IntoFuture for").count())
        .sum::<usize>();
    let schemas = output
        .files
        .keys()
        .filter(|p| p.starts_with("src/models/") && !p.ends_with("/mod.rs"))
        .count();
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
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(format!("{:.1} MiB", kb as f64 / 1024.0))
}

/// Generates the `factor`× synthetic crate into a directory outside the workspace.
fn synthetic_crate(root: &Path, factor: usize) -> Result<PathBuf, String> {
    let chat = std::fs::read_to_string(root.join("spec/chat.yaml"))
        .map_err(|e| format!("spec/chat.yaml: {e}"))?;
    let text = codegen::synthetic::scale(&chat, factor)?;
    let dir = std::env::temp_dir().join(format!("genesys-bench-{factor}x"));
    let spec = std::env::temp_dir().join(format!("genesys-bench-{factor}x.yaml"));
    std::fs::write(&spec, text).map_err(|e| format!("{}: {e}", spec.display()))?;
    let mut job = crate::sync::Job::default_chat();
    job.specs = vec![spec];
    job.out = dir.clone();
    job.crate_name = format!("synthetic-{factor}x");
    job.command = job.explicit_command();
    job.run()?;
    Ok(dir)
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
        let text = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
        std::fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))?;
        let start = Instant::now();
        f()?;
        times.push(start.elapsed());
    }
    times.sort();
    Ok(times[1])
}

fn cargo(root: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
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
