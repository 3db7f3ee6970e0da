//! What the tasks share about this workspace and the processes they start.

use std::fs;
use std::path::{Path, PathBuf};

/// The workspace root: the parent of this crate's directory.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Marks `path` as modified now, without changing it, so that cargo rebuilds what uses it.
pub fn touch(path: &Path) -> Result<(), String> {
    fs::File::options()
        .append(true)
        .open(path)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .map_err(|e| format!("cannot touch {}: {e}", path.display()))
}

/// The KiB that `key` has in a `/proc` file such as `/proc/self/status` or `/proc/meminfo`
/// (`VmHWM:     52112 kB`).
pub fn proc_kib(text: &str, key: &str) -> Option<u64> {
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// The cargo that runs xtask (`$CARGO`), or `cargo` from the `PATH`.
pub fn cargo_program() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_files_give_the_kib_of_a_key() {
        let status = "Name:\txtask\nVmPeak:\t  123456 kB\nVmHWM:\t   52112 kB\nThreads:\t1\n";
        let meminfo = "MemTotal:       16303428 kB\nMemFree:         1203400 kB\n";
        let cases: &[(&str, &str, Option<u64>)] = &[
            (status, "VmHWM", Some(52112)),
            (status, "VmPeak", Some(123456)),
            (meminfo, "MemTotal", Some(16303428)),
            (meminfo, "MemAvailable", None),
            // A key is a whole name before its colon.
            (meminfo, "Mem", None),
            ("VmHWM:\tlots kB\n", "VmHWM", None),
            ("VmHWM:\n", "VmHWM", None),
            ("", "VmHWM", None),
            // The first line of the key counts.
            ("VmHWM: x kB\nVmHWM: 5 kB\n", "VmHWM", None),
        ];
        for (text, key, want) in cases {
            assert_eq!(proc_kib(text, key), *want, "{key} in {text:?}");
        }
    }
}
