//! Measuring one run of a tool: wall time around the child, peak RSS from GNU time, the first
//! telling line of a failure, and the size of what it wrote.

use super::*;
use crate::gnu_time;

/// Every tool on `spec`: a warm-up run each, then [`Spec::runs`] rounds in which every tool
/// that succeeded so far runs once, so that a change in the machine's load falls on all tools
/// alike. A failure ends that tool's runs on this spec and is its result.
pub(super) fn measure(
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
pub(super) struct Run {
    pub(super) wall: Duration,
    pub(super) peak_kib: Option<u64>,
    pub(super) failure: Option<String>,
}

/// Runs `command` once (under GNU time when there is one), its output to files in `logs`.
pub(super) fn run_once(
    command: &[OsString],
    logs: &Path,
    time: Option<&Path>,
) -> Result<Run, String> {
    run_once_with(command, logs, time, &[])
}

/// [`run_once`] with more environment variables.
pub(super) fn run_once_with(
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
    let mut child = gnu_time::command(time, &time_file, first);
    child.args(rest);
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
    let peak_kib = gnu_time::read(&time_file).peak_kib;
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
pub(super) fn without_registry_paths(line: &str) -> String {
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

pub(super) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

/// Files, bytes and Rust lines under `dir`.
pub(super) fn output_size(dir: &Path) -> Result<OutputSize, String> {
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
