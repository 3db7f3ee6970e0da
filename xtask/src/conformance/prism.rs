//! Stoplight Prism, the independent mock server the conformance mode calls: installed from npm
//! at a pinned version into `target/corpus/prism/`, then run once per spec as
//! `prism mock -d --errors --seed conformance SPEC` on a free loopback port.
//!
//! The whole dependency tree is pinned by `xtask/prism/package-lock.json` (every package's
//! version and sha512) and installed with `npm ci --ignore-scripts`, which refuses a tarball
//! whose digest differs from the lock. [`PRISM`] records the version and digest of Prism
//! itself, and the install stops unless the lock agrees with it. Install scripts are not run:
//! Prism needs none (one dependency's script only reports installs to its vendor).
//!
//! Version 5.14.2 is the newest that runs on Node.js 18.20.1 and later; 5.15 and 5.16 need
//! Node.js 24, which the project's machines do not have.

use std::fs;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::corpus::Package;

/// The pinned Prism CLI.
pub const PRISM: Package = Package {
    name: "@stoplight/prism-cli",
    version: "5.14.2",
    integrity: "sha512-S/x47zQa7NgoGAD0Q1JlijV7GRDd1zP/FcIpxSh+cJRUUImfALJJm1R3ONLweP97oG/b9BrwRyC+0GNYuzrviw==",
};

/// The package that depends on [`PRISM`], installed as is.
const PACKAGE_JSON: &str = include_str!("../../prism/package.json");

/// Its lock: every package of the tree with its version and sha512.
pub const PACKAGE_LOCK: &str = include_str!("../../prism/package-lock.json");

/// Oldest Node.js the pinned Prism supports (its `engines.node`).
const NODE_MIN: (u64, u64, u64) = (18, 20, 1);

/// Prism's entry point inside the install directory.
const ENTRY: &str = "node_modules/@stoplight/prism-cli/dist/index.js";

/// Heap Node.js may use for one spec: the largest descriptions (GitHub's, 12 MiB of JSON) need
/// more than Node's default.
const NODE_HEAP_MB: u32 = 6144;

/// A Prism installation.
#[derive(Debug, Clone)]
pub struct Installed {
    /// `node_modules/@stoplight/prism-cli/dist/index.js`, run with `node`.
    pub entry: PathBuf,
}

/// Checks that `lock` pins [`PRISM`] with its recorded version and sha512.
pub fn check_lock(lock: &str) -> Result<(), String> {
    let lock: serde_json::Value =
        serde_json::from_str(lock).map_err(|e| format!("xtask/prism/package-lock.json: {e}"))?;
    let key = format!("node_modules/{}", PRISM.name);
    let entry = &lock["packages"][&key];
    let root = &lock["packages"][""]["dependencies"][PRISM.name];
    let found = (
        entry["version"].as_str(),
        entry["integrity"].as_str(),
        root.as_str(),
    );
    if found
        != (
            Some(PRISM.version),
            Some(PRISM.integrity),
            Some(PRISM.version),
        )
    {
        return Err(format!(
            "xtask/prism/package-lock.json does not pin {}@{} with sha512 {} (it has {:?}, {:?}, dependency {:?}); update PRISM in xtask/src/conformance/prism.rs and the lock together (`npm install --package-lock-only` in xtask/prism/)",
            PRISM.name, PRISM.version, PRISM.integrity, found.0, found.1, found.2
        ));
    }
    Ok(())
}

/// `(major, minor, patch)` of a `node --version` line such as `v20.20.2`.
pub fn node_version(text: &str) -> Option<(u64, u64, u64)> {
    let mut parts = text.trim().trim_start_matches('v').split('.');
    let mut next = || parts.next()?.parse().ok();
    Some((next()?, next()?, next()?))
}

/// Installs Prism into `dir` unless the same lock is installed there already.
pub fn install(dir: &Path) -> Result<Installed, String> {
    check_lock(PACKAGE_LOCK)?;
    let output = Command::new("node")
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run `node --version` (Prism needs Node.js ≥ 18.20.1): {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let version = node_version(&text)
        .ok_or_else(|| format!("cannot read Node.js's version from `{}`", text.trim()))?;
    if version < NODE_MIN {
        return Err(format!(
            "Node.js {} is too old for {}@{}, which needs ≥ {}.{}.{}",
            text.trim(),
            PRISM.name,
            PRISM.version,
            NODE_MIN.0,
            NODE_MIN.1,
            NODE_MIN.2
        ));
    }
    let installed = Installed {
        entry: dir.join(ENTRY),
    };
    let marker = dir.join(".installed");
    let want = crate::corpus::integrity(PACKAGE_LOCK.as_bytes());
    if fs::read_to_string(&marker).ok().as_deref() == Some(want.as_str())
        && installed.entry.is_file()
    {
        return Ok(installed);
    }
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, text) in [
        ("package.json", PACKAGE_JSON),
        ("package-lock.json", PACKAGE_LOCK),
    ] {
        let path = dir.join(name);
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    eprintln!(
        "conformance: npm ci {}@{} into {}",
        PRISM.name,
        PRISM.version,
        dir.display()
    );
    let ci = [
        "ci",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
    ];
    // The messages name the package: `npm ci` itself names none.
    crate::corpus::run_npm("npm ci", ci, Some(dir))
        .map_err(|e| format!("{}@{}: {e}", PRISM.name, PRISM.version))?;
    let manifest = dir.join("node_modules/@stoplight/prism-cli/package.json");
    let text = fs::read_to_string(&manifest)
        .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    let version = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|m| m["version"].as_str().map(str::to_owned));
    if version.as_deref() != Some(PRISM.version) || !installed.entry.is_file() {
        return Err(format!(
            "`npm ci` installed {} {version:?}, not {} with {ENTRY}",
            PRISM.name, PRISM.version
        ));
    }
    fs::write(&marker, want).map_err(|e| format!("cannot write {}: {e}", marker.display()))?;
    Ok(installed)
}

/// A running Prism; killed when dropped.
#[derive(Debug)]
pub struct Mock {
    child: Child,
    /// Where it listens: `http://127.0.0.1:PORT`.
    pub base_url: String,
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free loopback port (the operating system's pick, released for Prism to take).
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| format!("cannot find a free loopback port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("cannot find a free loopback port: {e}"))
}

/// Starts `prism mock -d --errors --seed conformance SPEC` with its output in `log`, and waits
/// until it accepts connections. `Err` carries why it did not: its exit status and the end of
/// its output, or the time it was given.
pub fn start(
    installed: &Installed,
    spec: &Path,
    log: &Path,
    timeout: Duration,
) -> Result<Mock, String> {
    let port = free_port()?;
    let out = fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
    let err = out
        .try_clone()
        .map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    let child = Command::new("node")
        .arg(format!("--max-old-space-size={NODE_HEAP_MB}"))
        .arg(&installed.entry)
        .args(["mock", "--dynamic", "--errors", "--seed", "conformance"])
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .arg(spec)
        .env("NO_COLOR", "1")
        .env("FORCE_COLOR", "0")
        .env("SCARF_ANALYTICS", "false")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cannot run node {}: {e}", installed.entry.display()))?;
    let mut mock = Mock {
        child,
        base_url: format!("http://127.0.0.1:{port}"),
    };
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let started = Instant::now();
    loop {
        if let Ok(Some(status)) = mock.child.try_wait() {
            return Err(format!("Prism exited ({status}): {}", tail(log)));
        }
        if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
            return Ok(mock);
        }
        if started.elapsed() > timeout {
            return Err(format!(
                "Prism was not listening after {} s: {}",
                timeout.as_secs(),
                tail(log)
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The last lines of Prism's output that say something, on one line.
pub fn tail(log: &Path) -> String {
    let text = fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let start = lines
        .iter()
        .rposition(|l| l.contains("Error") || l.contains("error") || l.contains("✖"))
        .unwrap_or(lines.len().saturating_sub(3));
    lines[start.min(lines.len())..]
        .iter()
        .take(4)
        .copied()
        .collect::<Vec<_>>()
        .join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_lock_pins_prism() {
        check_lock(PACKAGE_LOCK).expect("xtask/prism/package-lock.json pins PRISM");
        let other = PACKAGE_LOCK.replace(PRISM.integrity, "sha512-other");
        let err = check_lock(&other).expect_err("a different digest is refused");
        assert!(
            err.contains("does not pin @stoplight/prism-cli@5.14.2"),
            "{err}"
        );
        assert!(check_lock("{").is_err());
    }

    #[test]
    fn node_versions_are_read() {
        assert_eq!(node_version("v20.20.2\n"), Some((20, 20, 2)));
        assert_eq!(node_version("18.20.1"), Some((18, 20, 1)));
        assert!(node_version("v20.20.2") >= Some(NODE_MIN));
        assert!(node_version("v18.19.0") < Some(NODE_MIN));
        assert_eq!(node_version("node"), None);
    }
}
