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

/// Writes the manifest of a workspace of generated crates, `dir/Cargo.toml` (only when its text
/// changes, so that cargo does not rebuild for nothing): `comment` (the command that writes it),
/// the `[workspace]` table with `members`, then `extra`. Seeds `dir/Cargo.lock` from the
/// project's when there is none, so that the crates build against the dependency versions the
/// project tests.
pub fn write_workspace(
    root: &Path,
    dir: &Path,
    comment: &str,
    members: &[String],
    extra: &str,
) -> Result<(), String> {
    let list: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    let manifest = format!(
        "{comment}\n[workspace]\nresolver = \"3\"\nmembers = [{}]\n{extra}",
        list.join(", ")
    );
    let path = dir.join("Cargo.toml");
    if fs::read_to_string(&path).ok().as_deref() != Some(manifest.as_str()) {
        fs::write(&path, manifest).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        fs::copy(root.join("Cargo.lock"), &lock)
            .map_err(|e| format!("cannot copy Cargo.lock to {}: {e}", lock.display()))?;
    }
    Ok(())
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
    fn workspace_manifests_list_the_members_and_the_lock_is_seeded_once() {
        let dir = std::env::temp_dir().join(format!("xtask-workspace-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("temp dir");
        let members = ["a".to_owned(), "callers/b".to_owned()];
        // The manifests `corpus` and `corpus --conformance` wrote before they shared this.
        let cases = [
            (
                "# Written by `cargo xtask corpus`: every generated corpus crate, one workspace.",
                "",
                "# Written by `cargo xtask corpus`: every generated corpus crate, one workspace.\n\
                 [workspace]\nresolver = \"3\"\nmembers = [\"a\", \"callers/b\"]\n",
            ),
            (
                "# Written by `cargo xtask corpus --conformance`: the caller programs, one workspace.",
                "\n# Built once to be run once: no debug info, no incremental data.\n\
                 [profile.dev]\ndebug = 0\nincremental = false\n",
                "# Written by `cargo xtask corpus --conformance`: the caller programs, one workspace.\n\
                 [workspace]\nresolver = \"3\"\nmembers = [\"a\", \"callers/b\"]\n\n\
                 # Built once to be run once: no debug info, no incremental data.\n\
                 [profile.dev]\ndebug = 0\nincremental = false\n",
            ),
        ];
        for (comment, extra, want) in cases {
            write_workspace(&root(), &dir, comment, &members, extra).expect("written");
            let manifest = fs::read_to_string(dir.join("Cargo.toml")).expect("manifest");
            assert_eq!(manifest, want);
        }
        let project_lock = fs::read_to_string(root().join("Cargo.lock")).expect("project lock");
        assert_eq!(
            fs::read_to_string(dir.join("Cargo.lock")).ok(),
            Some(project_lock)
        );
        // A lock the workspace has already is its own.
        fs::write(dir.join("Cargo.lock"), "# resolved\n").expect("lock");
        write_workspace(&root(), &dir, "# x", &members, "").expect("written");
        let lock = fs::read_to_string(dir.join("Cargo.lock")).expect("lock");
        assert_eq!(lock, "# resolved\n");
        let _ = fs::remove_dir_all(&dir);
    }

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
