//! GNU time (`/usr/bin/time`) around a child process: the command line that runs a program
//! under it, and the one parser of what it writes. `bench` (its whole-crate `cargo check`s) and
//! `peers` (every tool's run, and `--check`) measure through it.

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The first word of the line GNU time writes with [`FORMAT`].
const MARK: &str = "gnu-time";

/// GNU time's output format: [`MARK`], then wall seconds (`%e`), the peak RSS in KiB (`%M`),
/// and user and system CPU seconds (`%U`, `%S`).
const FORMAT: &str = "gnu-time %e %M %U %S";

/// GNU time, when it is installed.
pub fn program() -> Option<&'static Path> {
    let time = Path::new("/usr/bin/time");
    time.exists().then_some(time)
}

/// A command that runs `program` under `time` (GNU time writing [`FORMAT`] to `out`), or
/// `program` alone without `time`; the caller adds `program`'s arguments. `out` is removed
/// first, so that [`read`] never takes an earlier run's figures for this one's.
pub fn command(time: Option<&Path>, out: &Path, program: impl AsRef<OsStr>) -> Command {
    let _ = std::fs::remove_file(out);
    match time {
        Some(time) => {
            let mut command = Command::new(time);
            command.args(["-f", FORMAT, "-o"]).arg(out).arg(program);
            command
        }
        None => Command::new(program),
    }
}

/// What GNU time measured of one run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// `%M`: the largest resident set of any one process of the run, in KiB.
    pub peak_kib: Option<u64>,
    /// `%U` + `%S`: the CPU time (user and system) of the run's processes.
    pub cpu: Option<Duration>,
}

/// What GNU time wrote with [`FORMAT`]: the fields of the last line that starts with [`MARK`];
/// other lines (`Command exited with non-zero status 101`) are skipped, and a field that is
/// missing or not a number (a negative or infinite time included) is `None`.
pub fn parse(text: &str) -> Usage {
    let Some(line) = text
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix(MARK)?.strip_prefix(' '))
    else {
        return Usage::default();
    };
    let fields: Vec<&str> = line.split_whitespace().collect();
    let seconds = |i: usize| fields.get(i)?.parse::<f64>().ok();
    let cpu = match (seconds(2), seconds(3)) {
        (Some(user), Some(system)) => Duration::try_from_secs_f64(user + system).ok(),
        _ => None,
    };
    Usage {
        peak_kib: fields.get(1).and_then(|kib| kib.parse().ok()),
        cpu,
    }
}

/// [`parse`] of the file GNU time wrote; nothing measured when there is none.
pub fn read(out: &Path) -> Usage {
    std::fs::read_to_string(out).map_or_else(|_| Usage::default(), |text| parse(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_starts_with_the_mark_the_parser_looks_for() {
        assert_eq!(FORMAT.split(' ').next(), Some(MARK));
    }

    #[test]
    fn gnu_time_output_gives_the_peak_rss_and_the_cpu_time() {
        let ms = Duration::from_millis;
        let cases: &[(&str, Option<u64>, Option<Duration>)] = &[
            ("gnu-time 0.17 38512\n", Some(38512), None),
            (
                "Command exited with non-zero status 101\ngnu-time 1.02 90000\n",
                Some(90000),
                None,
            ),
            (
                "Command terminated by signal 9\ngnu-time 600.00 123\n",
                Some(123),
                None,
            ),
            ("gnu-time 0.17\n", None, None),
            ("gnu-time 0.17 lots\n", None, None),
            ("", None, None),
            ("0.17 38512\n", None, None),
            (
                "gnu-time 12.50 812340 20.25 1.75\n",
                Some(812340),
                Some(ms(22_000)),
            ),
            (
                "Command exited with non-zero status 101\ngnu-time 3.00 512 0.50 0.25\n",
                Some(512),
                Some(ms(750)),
            ),
            ("gnu-time 1.00 512 0.50\n", Some(512), None),
            ("gnu-time 1.00 512 x 0.25\n", Some(512), None),
            ("gnu-time 1.00 lots 0.50 0.25\n", None, Some(ms(750))),
            ("gnu-time 1.00 512 -1.00 0.25\n", Some(512), None),
            ("gnu-time 1.00 512 NaN 0.25\n", Some(512), None),
            ("gnu-time 1.00 512 inf 0.25\n", Some(512), None),
            // The last measured line counts; a line without the mark is not one.
            (
                "gnu-time 1.00 100 0.10 0.10\ngnu-time 2.00 200 0.20 0.20\n",
                Some(200),
                Some(ms(400)),
            ),
            (
                "gnu-time 1.00 100 0.10 0.10\nwarning\n",
                Some(100),
                Some(ms(200)),
            ),
            ("gnu-time-x 1.00 100 0.10 0.10\n", None, None),
            // The format `bench` wrote before (`%U %S %M`, no mark) is not read.
            ("20.25 1.75 812340\n", None, None),
        ];
        for (text, peak_kib, cpu) in cases {
            let want = Usage {
                peak_kib: *peak_kib,
                cpu: *cpu,
            };
            assert_eq!(parse(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_missing_file_measured_nothing() {
        let missing = std::env::temp_dir().join("xtask-gnu-time-test-no-such-file.txt");
        assert_eq!(read(&missing), Usage::default());
    }

    #[test]
    fn the_command_runs_the_program_under_time_only_with_time() {
        let out = Path::new("/tmp/t.txt");
        let shown = |c: &Command| {
            std::iter::once(c.get_program())
                .chain(c.get_args())
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        };
        let timed = command(Some(Path::new("/usr/bin/time")), out, "cargo");
        assert_eq!(
            shown(&timed),
            ["/usr/bin/time", "-f", FORMAT, "-o", "/tmp/t.txt", "cargo"]
        );
        assert_eq!(shown(&command(None, out, "cargo")), ["cargo"]);
    }
}
