//! The command (feature `cli`): `openapi-sdkgen`, installed with `cargo install --path codegen`,
//! and `cargo xtask codegen` in this workspace, which calls [`run`] with its own name.
//!
//! It reads the specs and templates, runs [`crate::generate_specs`], prints the warnings as a
//! summary by class ([`summary`]), and writes the crate or checks it ([`job`], through
//! [`crate::cli::tree`]). The settings come from the command line (`--spec … --out … --crate-name
//! …`), whose first run writes them into the crate as `openapi-sdkgen.toml`, or from that file
//! ([`config`]), so that regenerating a crate is the command with no arguments. [`HELP`] is the
//! user's documentation, exit codes included ([`Exit`]).

pub mod config;
pub mod job;
pub mod summary;
pub mod tree;

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

pub use job::{Failure, Job, Report, write_crate};

/// The installed command's name.
pub const PROGRAM: &str = "openapi-sdkgen";

/// `--help`; `{program}` is the name the command was run as.
pub const HELP: &str = "\
{program}: generates a Rust SDK crate from OpenAPI 3.0 descriptions

Usage:
  {program} --spec FILE... --out DIR --crate-name NAME [OPTIONS]
      Generate the crate in DIR from the specs. The first run writes the settings
      to DIR/openapi-sdkgen.toml, so that regenerating the crate is:
  {program} [OPTIONS]
      Generate with the settings of openapi-sdkgen.toml in the current directory or
      the nearest parent directory that has one (or of --config FILE).

Generation:
  --spec FILE        an OpenAPI 3.0 description, YAML or JSON. Repeat it to make one
                     crate of several specs: one client, an API group and a cargo
                     feature per tag
  --out DIR          the crate directory. Cargo.toml, README.md, src/,
                     api-manifest.json and CHANGELOG.md are generated; generated files
                     that are no longer generated are deleted; tests/, examples/,
                     benches/ and every other file are never touched
  --crate-name NAME  the package name: lower-case ASCII letters, digits, '-' and '_',
                     starting with a letter (e.g. petstore-client)
  --templates DIR    templates that replace built-in ones by file name
  --profile P        the vendor customizations the crate gets: auto (the default:
                     Genesys Cloud's for a Genesys Cloud spec, whose first server is a
                     Genesys Cloud API host and which declares an OAuth 2 scheme; none
                     otherwise), generic or genesys

Options:
  --config FILE      read the settings from FILE, not from openapi-sdkgen.toml
  --check            write nothing; exit with status 1 and a diff per file if the
                     crate on disk is not what the generator makes (for CI)
  --deny-warnings    every generator warning is an error: each is printed with its
                     location in the spec, and nothing is written (for CI)
  -v, --verbose      print every generator warning, not a summary by class
  -h, --help         print this help
  -V, --version      print the version

Configuration file (openapi-sdkgen.toml; paths are relative to its directory):
  specs = [\"api.yaml\"]       the specs (required)
  crate-name = \"my-api\"      the package name (required)
  out = \".\"                  the crate directory (default: the file's directory)
  templates = \"templates\"    as --templates
  deny-warnings = true       as --deny-warnings
  command = \"make sdk\"       the command generated files' headers and drift reports
                             name as the one that regenerates the crate
                             (default: openapi-sdkgen)
  profile = \"generic\"        as --profile
Specs are named in generated files and messages as the file writes them.

Exit status:
  0  the crate was generated, or --check found it up to date
  1  --check found generated files out of date (stale, missing or orphaned)
  2  the spec was refused: errors in it or in the templates, or warnings with
     --deny-warnings; each is printed with its location; nothing was written
  3  the command could not run: bad arguments, a missing or invalid configuration
     file, an unreadable file, or a failure to write

Examples:
  {program} --spec petstore.yaml --out petstore --crate-name petstore
  cd petstore && cargo test
  {program}                            # in petstore/, after the spec changed
  {program} --check --deny-warnings    # in CI";

/// The command's exit status; [`HELP`] says what each means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: generated, or up to date.
    Success = 0,
    /// 1: `--check` found generated files out of date.
    Stale = 1,
    /// 2: the spec (or the templates) refused, or warnings denied.
    Refused = 2,
    /// 3: the command could not run.
    Failed = 3,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit as u8)
    }
}

/// Who runs the command.
#[derive(Debug, Clone)]
pub struct Frontend {
    /// Its name in help, messages and fix commands: `openapi-sdkgen`, `cargo xtask codegen`.
    pub program: String,
    /// Where the search for `openapi-sdkgen.toml` starts (the current directory for the
    /// installed command, the workspace root for `cargo xtask codegen`).
    pub search_from: PathBuf,
}

/// What a run printed, and its exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The status.
    pub exit: Exit,
    /// What goes to standard output.
    pub stdout: String,
    /// What goes to standard error.
    pub stderr: String,
}

/// Runs the command with `args` (without the program name), prints what it found and returns
/// its exit status.
pub fn run<I: IntoIterator<Item = OsString>>(frontend: &Frontend, args: I) -> Exit {
    let outcome = execute(frontend, args);
    // Warnings first, then what was written; each stream in one piece.
    if !outcome.stderr.is_empty() {
        eprint!("{}", outcome.stderr);
    }
    print!("{}", outcome.stdout);
    outcome.exit
}

/// [`run`] without printing.
pub fn execute<I: IntoIterator<Item = OsString>>(frontend: &Frontend, args: I) -> Outcome {
    let args: Vec<OsString> = args.into_iter().collect();
    let failed = |message: String| Outcome {
        exit: Exit::Failed,
        stdout: String::new(),
        stderr: error_lines(&message),
    };
    let parsed = match Args::parse(args.clone()) {
        Ok(parsed) => parsed,
        Err(message) => {
            return failed(format!(
                "{message}\n(`{} --help` describes every option)",
                frontend.program
            ));
        }
    };
    if parsed.help {
        return Outcome {
            exit: Exit::Success,
            stdout: format!("{}\n", HELP.replace("{program}", &frontend.program)),
            stderr: String::new(),
        };
    }
    if parsed.version {
        return Outcome {
            exit: Exit::Success,
            stdout: format!("{PROGRAM} {}\n", env!("CARGO_PKG_VERSION")),
            stderr: String::new(),
        };
    }
    let job = match plan(frontend, &parsed, &args) {
        Ok(job) => job,
        Err(message) => return failed(message),
    };
    match job.run() {
        Ok(report) => Outcome {
            exit: if report.ok {
                Exit::Success
            } else {
                Exit::Stale
            },
            stdout: report.text,
            stderr: report.warnings,
        },
        Err(Failure::Refused(message)) => Outcome {
            exit: Exit::Refused,
            stdout: String::new(),
            stderr: format!("{}\n", message.trim_end()),
        },
        Err(Failure::Failed(message)) => failed(message),
    }
}

/// `message` with `error: ` in front, unless its lines already say it.
fn error_lines(message: &str) -> String {
    if message.starts_with("error") {
        format!("{message}\n")
    } else {
        format!("error: {message}\n")
    }
}

/// The command line, parsed.
#[derive(Debug, Default)]
struct Args {
    specs: Vec<PathBuf>,
    out: Option<PathBuf>,
    crate_name: Option<String>,
    templates: Option<PathBuf>,
    profile: Option<crate::ProfileChoice>,
    config: Option<PathBuf>,
    check: bool,
    deny_warnings: bool,
    verbose: bool,
    help: bool,
    version: bool,
}

impl Args {
    fn parse(args: Vec<OsString>) -> Result<Args, String> {
        use lexopt::prelude::*;
        let mut parser = lexopt::Parser::from_args(args);
        let mut out = Args::default();
        let text = |e: lexopt::Error| e.to_string();
        while let Some(arg) = parser.next().map_err(text)? {
            match arg {
                Long("spec") => out.specs.push(parser.value().map_err(text)?.into()),
                Long("out") => out.out = Some(parser.value().map_err(text)?.into()),
                Long("crate-name") => {
                    out.crate_name = Some(parser.value().map_err(text)?.string().map_err(text)?);
                }
                Long("templates") => out.templates = Some(parser.value().map_err(text)?.into()),
                Long("profile") => {
                    let value = parser.value().map_err(text)?.string().map_err(text)?;
                    out.profile = Some(value.parse().map_err(|e: crate::Error| e.to_string())?);
                }
                Long("config") => out.config = Some(parser.value().map_err(text)?.into()),
                Long("check") => out.check = true,
                Long("deny-warnings") => out.deny_warnings = true,
                Short('v') | Long("verbose") => out.verbose = true,
                Short('h') | Long("help") => out.help = true,
                Short('V') | Long("version") => out.version = true,
                _ => return Err(arg.unexpected().to_string()),
            }
        }
        Ok(out)
    }

    /// Whether the settings are on the command line.
    fn explicit(&self) -> bool {
        !self.specs.is_empty() || self.out.is_some() || self.crate_name.is_some()
    }
}

/// The job the command line asks for.
fn plan(frontend: &Frontend, args: &Args, raw: &[OsString]) -> Result<Job, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let fix = fix_command(&frontend.program, raw);
    if args.explicit() {
        if args.config.is_some() {
            return Err(
                "--config reads the settings from a file; --spec, --out and --crate-name give them on the command line: use one or the other"
                    .to_owned(),
            );
        }
        let (Some(out), Some(crate_name), false) =
            (&args.out, &args.crate_name, args.specs.is_empty())
        else {
            return Err(
                "--spec, --out and --crate-name go together (or none of them, to use openapi-sdkgen.toml)"
                    .to_owned(),
            );
        };
        crate::naming::check_package_name(crate_name)
            .map_err(|e| format!("--crate-name `{crate_name}`: {e}"))?;
        return explicit(&cwd, out, crate_name, args, fix);
    }
    let path = match &args.config {
        Some(path) => cwd.join(path),
        None => config::find(&frontend.search_from).ok_or_else(|| {
            format!(
                "no {} in {} or a parent directory: give --spec, --out and --crate-name (the first run writes one into the crate), or --config FILE",
                config::FILE,
                job::shown(&frontend.search_from)
            )
        })?,
    };
    let config = config::Config::read(&path)?;
    let name = &config.settings.crate_name;
    crate::naming::check_package_name(name)
        .map_err(|e| format!("{}: crate-name `{name}`: {e}", job::shown(&path)))?;
    let templates = args.templates.as_ref().map(|t| cwd.join(t));
    Ok(job_of(&config, args, None, templates, fix, None))
}

/// `--spec … --out … --crate-name …`: the settings, relative to the crate directory, as a
/// configuration file there would hold them. If the crate has one, it must say the same.
fn explicit(
    cwd: &Path,
    out: &Path,
    crate_name: &str,
    args: &Args,
    fix: String,
) -> Result<Job, String> {
    let out_dir = normalize(&cwd.join(out));
    let relative_to_out = |p: &Path| relative(&out_dir, &normalize(&cwd.join(p)));
    let settings = config::Settings {
        specs: args.specs.iter().map(|s| relative_to_out(s)).collect(),
        crate_name: crate_name.to_owned(),
        out: ".".to_owned(),
        templates: args.templates.as_deref().map(relative_to_out),
        deny_warnings: args.deny_warnings,
        command: None,
        profile: args.profile.unwrap_or_default(),
    };
    let path = out_dir.join(config::FILE);
    if path.is_file() {
        let existing = config::Config::read(&path)?;
        let differences = differences(&existing, &settings, &out_dir);
        if !differences.is_empty() {
            return Err(format!(
                "{} already generates this crate, with other settings ({}): edit it (or delete it) and run `{PROGRAM}` in {}, without --spec, --out and --crate-name",
                job::shown(&path),
                differences.join("; "),
                job::shown(&out_dir)
            ));
        }
        return Ok(job_of(&existing, args, None, None, fix, None));
    }
    let save = (!args.check).then(|| (path.clone(), config::render(&settings)));
    let config = config::Config {
        path,
        dir: out_dir,
        settings,
    };
    // Read where the command line says: the crate directory may not exist yet, so a path
    // through it (`sdk/../api.yaml`) may not resolve.
    let specs = args.specs.iter().map(|s| cwd.join(s)).collect();
    let templates = args.templates.as_ref().map(|t| cwd.join(t));
    Ok(job_of(&config, args, Some(specs), templates, fix, save))
}

/// How `existing` differs from what the command line says (`wanted`, relative to `out_dir`).
fn differences(
    existing: &config::Config,
    wanted: &config::Settings,
    out_dir: &Path,
) -> Vec<String> {
    let resolved = |dir: &Path, p: &str| normalize(&dir.join(p));
    let mut found = Vec::new();
    let have = &existing.settings;
    let specs = |dir: &Path, s: &config::Settings| -> Vec<PathBuf> {
        s.specs.iter().map(|p| resolved(dir, p)).collect()
    };
    if specs(&existing.dir, have) != specs(out_dir, wanted) {
        found.push(format!("specs {:?}, not {:?}", have.specs, wanted.specs));
    }
    if have.crate_name != wanted.crate_name {
        found.push(format!(
            "crate-name {:?}, not {:?}",
            have.crate_name, wanted.crate_name
        ));
    }
    if resolved(&existing.dir, &have.out) != resolved(out_dir, &wanted.out) {
        found.push(format!("out {:?}, not this directory", have.out));
    }
    let templates =
        |dir: &Path, s: &config::Settings| s.templates.as_deref().map(|t| resolved(dir, t));
    if templates(&existing.dir, have) != templates(out_dir, wanted) {
        found.push(format!(
            "templates {:?}, not {:?}",
            have.templates, wanted.templates
        ));
    }
    if have.profile != wanted.profile {
        found.push(format!("profile {}, not {}", have.profile, wanted.profile));
    }
    found
}

/// The job of a configuration, with the command line's options on top: where to read the
/// specs (`spec_paths`, in the configuration's order) and the templates, when not where the
/// configuration says.
fn job_of(
    config: &config::Config,
    args: &Args,
    spec_paths: Option<Vec<PathBuf>>,
    templates: Option<PathBuf>,
    fix: String,
    save_config: Option<(PathBuf, String)>,
) -> Job {
    let settings = &config.settings;
    let paths =
        spec_paths.unwrap_or_else(|| settings.specs.iter().map(|s| config.resolve(s)).collect());
    Job {
        specs: settings
            .specs
            .iter()
            .zip(paths)
            .map(|(name, path)| job::SpecFile {
                path,
                name: name.replace('\\', "/"),
            })
            .collect(),
        out: normalize(&config.resolve(&settings.out)),
        crate_name: settings.crate_name.clone(),
        templates: templates.or_else(|| settings.templates.as_deref().map(|t| config.resolve(t))),
        profile: args.profile.unwrap_or(settings.profile),
        check: args.check,
        deny_warnings: settings.deny_warnings || args.deny_warnings,
        verbose: args.verbose,
        command: settings.command().to_owned(),
        fix,
        save_config,
    }
}

/// The command that regenerates: this one, without `--check`.
fn fix_command(program: &str, raw: &[OsString]) -> String {
    let mut out = program.to_owned();
    for arg in raw.iter().filter(|a| a.as_os_str() != "--check") {
        out.push(' ');
        out.push_str(&shell_word(&arg.to_string_lossy()));
    }
    out
}

/// `word` as a POSIX shell word: as is when it holds nothing special, otherwise single-quoted.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// `path` (absolute) without `.` and `..` components, resolved lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(component);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `to` relative to the directory `from` (both normalized absolute paths), with `/`; `to`
/// itself when they share nothing but the root (`/tmp/sdk` and `/home/me/api.yaml`), where a
/// path up to the root and down again would only obscure it.
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component<'_>> = from.components().collect();
    let to_parts: Vec<Component<'_>> = to.components().collect();
    let root = from
        .iter()
        .take_while(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        .count();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common <= root && root > 0 {
        return to.display().to_string();
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_made_relative_to_the_crate() {
        // (crate directory, file, as the configuration names it)
        let cases = [
            ("/w/sdk", "/w/api.yaml", "../api.yaml"),
            ("/w/sdk", "/w/sdk/spec/api.yaml", "spec/api.yaml"),
            ("/w/a/b", "/w/c/d.json", "../../c/d.json"),
            ("/w/sdk", "/w/sdk", "."),
            ("/tmp/sdk", "/home/me/api.yaml", "/home/me/api.yaml"),
        ];
        for (from, to, want) in cases {
            assert_eq!(
                relative(Path::new(from), Path::new(to)),
                want,
                "{from} → {to}"
            );
        }
        assert_eq!(
            normalize(Path::new("/w/./sdk/../api/./x.yaml")),
            PathBuf::from("/w/api/x.yaml")
        );
    }

    #[test]
    fn fix_commands_repeat_the_arguments_without_check_quoted_for_a_shell() {
        let raw: Vec<OsString> = ["--check", "--spec", "my api.yaml", "--out", "it's", "-v"]
            .map(OsString::from)
            .into();
        assert_eq!(
            fix_command("openapi-sdkgen", &raw),
            "openapi-sdkgen --spec 'my api.yaml' --out 'it'\\''s' -v"
        );
        assert_eq!(
            fix_command("cargo xtask codegen", &[]),
            "cargo xtask codegen"
        );
    }

    #[test]
    fn arguments_are_parsed_or_refused_by_name() {
        let parse = |args: &[&str]| Args::parse(args.iter().map(OsString::from).collect());
        let args = parse(&[
            "--spec",
            "a.yaml",
            "--spec=b.yaml",
            "--out",
            "o",
            "--crate-name",
            "c",
            "--check",
            "--deny-warnings",
            "-v",
        ])
        .expect("parses");
        assert_eq!(
            args.specs,
            [PathBuf::from("a.yaml"), PathBuf::from("b.yaml")]
        );
        assert!(args.check && args.deny_warnings && args.verbose && args.explicit());
        for (bad, want) in [
            (&["--sepc", "a"][..], "invalid option '--sepc'"),
            (&["--out"][..], "missing argument for option '--out'"),
            (&["extra"][..], "unexpected argument"),
        ] {
            match parse(bad) {
                Ok(a) => panic!("{bad:?} parsed: {a:?}"),
                Err(e) => assert!(e.contains(want), "{bad:?}: {e}"),
            }
        }
    }
}
