//! The configuration file, `openapi-sdkgen.toml`: what a crate is generated from, so that
//! regenerating it is `openapi-sdkgen` with no arguments.
//!
//! ```toml
//! specs = ["../petstore.yaml"]      # required: OpenAPI 3.0 files, several make one crate
//! crate-name = "petstore"           # required: the package name
//! out = "."                         # the crate directory (default: this file's directory)
//! templates = "my-templates"        # templates that replace built-ins by file name
//! deny-warnings = true              # every generator warning is an error
//! command = "make sdk"              # what generated headers say regenerates the crate
//! profile = "generic"               # auto (default), generic or genesys: the vendor profile
//! ```
//!
//! Paths are relative to the file's directory, and specs are named in generated headers and
//! messages as they are written here, so the output does not depend on where the command was
//! run from. The command finds the file in the current directory or the nearest parent that
//! has one (as cargo finds `Cargo.toml`), or takes it from `--config FILE`. A first run with
//! `--spec`, `--out` and `--crate-name` writes one into the output crate (see [`render`]).
//! Unknown keys are refused, so a misspelt key is never silently ignored.
//!
//! A setting the generator gains is one field of [`Settings`] with its line in
//! [`Settings::options`] and in [`render`] (as `profile` has).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file's name.
pub const FILE: &str = "openapi-sdkgen.toml";

/// The command generated headers name when the file does not say otherwise.
pub const DEFAULT_COMMAND: &str = super::PROGRAM;

/// What the file says, as written.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Settings {
    /// The OpenAPI 3.0 specs (YAML or JSON), relative to the file's directory.
    pub specs: Vec<String>,
    /// The package name of the generated crate.
    pub crate_name: String,
    /// The crate directory, relative to the file's directory.
    #[serde(default = "here")]
    pub out: String,
    /// A directory of templates that replace built-ins by file name.
    #[serde(default)]
    pub templates: Option<String>,
    /// Every generator warning is an error.
    #[serde(default)]
    pub deny_warnings: bool,
    /// The command generated headers and drift reports name.
    #[serde(default)]
    pub command: Option<String>,
    /// Whose customizations the crate gets: `auto` (the default), `generic` or `genesys`.
    #[serde(default)]
    pub profile: crate::ProfileChoice,
}

fn here() -> String {
    ".".to_owned()
}

/// A configuration file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Where it is.
    pub path: PathBuf,
    /// The directory its paths are relative to.
    pub dir: PathBuf,
    /// What it says.
    pub settings: Settings,
}

impl Settings {
    /// The generator's options for these settings (the rest is filled in by the job).
    pub fn options(&self, spec_names: &str) -> crate::Options {
        let mut options = crate::Options::new(&self.crate_name, spec_names);
        options.regenerate_command = self.command().to_owned();
        options.profile = self.profile;
        options
    }

    /// The command generated headers name.
    pub fn command(&self) -> &str {
        self.command.as_deref().unwrap_or(DEFAULT_COMMAND)
    }
}

impl Config {
    /// Reads and checks the file at `path`.
    pub fn read(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let settings = parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let dir = path
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        Ok(Config {
            path: path.to_path_buf(),
            dir,
            settings,
        })
    }

    /// A path of the file, resolved against its directory.
    pub fn resolve(&self, path: &str) -> PathBuf {
        self.dir.join(path)
    }
}

/// Parses the file's text and checks what the types cannot.
pub fn parse(text: &str) -> Result<Settings, String> {
    let settings: Settings = toml::from_str(text).map_err(|e| e.to_string())?;
    if settings.specs.is_empty() {
        return Err("`specs` is empty: name at least one OpenAPI 3.0 file".to_owned());
    }
    if settings
        .command
        .as_deref()
        .is_some_and(|c| c.trim().is_empty())
    {
        return Err("`command` is empty: leave it out for the default".to_owned());
    }
    Ok(settings)
}

/// The file in `start` or its nearest ancestor that has one.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE))
        .find(|path| path.is_file())
}

/// The text of a new file holding `settings`, every key commented.
pub fn render(settings: &Settings) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# How `{program}` generates this crate. Run `{program}` in this directory (or below it) to\n\
         # regenerate it, `{program} --check` to check that the generated files are up to date.\n\
         # Edit it freely: `{program}` only writes it when the crate has none. Paths are relative\n\
         # to this file's directory; `{program} --help` describes every key.\n\n",
        program = super::PROGRAM
    ));
    out.push_str(
        "# The OpenAPI 3.0 descriptions (YAML or JSON); several make one crate, an API group per tag.\n",
    );
    let specs: Vec<String> = settings.specs.iter().map(|s| string(s)).collect();
    out.push_str(&format!("specs = [{}]\n", specs.join(", ")));
    out.push_str("# The package name of the generated crate.\n");
    out.push_str(&format!("crate-name = {}\n", string(&settings.crate_name)));
    out.push_str("# The generated crate's directory.\n");
    out.push_str(&format!("out = {}\n", string(&settings.out)));
    out.push_str("# A directory of templates that replace the built-ins by file name.\n");
    match &settings.templates {
        Some(t) => out.push_str(&format!("templates = {}\n", string(t))),
        None => out.push_str("# templates = \"templates\"\n"),
    }
    out.push_str("# Every generator warning is an error, each located (for CI).\n");
    out.push_str(&format!("deny-warnings = {}\n", settings.deny_warnings));
    out.push_str(
        "# The command that generated files' headers and drift reports say regenerates the crate.\n",
    );
    match &settings.command {
        Some(c) => out.push_str(&format!("command = {}\n", string(c))),
        None => out.push_str(&format!("# command = {}\n", string(DEFAULT_COMMAND))),
    }
    out.push_str(
        "# The vendor profile: auto (a Genesys Cloud spec gets Genesys Cloud's), generic or genesys.\n",
    );
    match settings.profile {
        crate::ProfileChoice::Auto => out.push_str("# profile = \"auto\"\n"),
        other => out.push_str(&format!("profile = {}\n", string(&other.to_string()))),
    }
    out
}

/// `s` as a TOML basic string.
fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(specs: &[&str]) -> Settings {
        Settings {
            specs: specs.iter().map(|s| (*s).to_owned()).collect(),
            crate_name: "petstore".into(),
            out: ".".into(),
            templates: None,
            deny_warnings: false,
            command: None,
            profile: crate::ProfileChoice::Auto,
        }
    }

    #[test]
    fn a_written_file_reads_back_as_the_same_settings() {
        let awkward = "dir with \"quotes\", a \\ backslash,\ta tab and \u{7f}";
        let cases = [
            settings(&["../petstore.yaml"]),
            Settings {
                templates: Some("my templates".into()),
                deny_warnings: true,
                command: Some("make sdk".into()),
                out: "sdk".into(),
                profile: crate::ProfileChoice::Generic,
                ..settings(&["a.yaml", "b/c.json", awkward])
            },
        ];
        for want in cases {
            let text = render(&want);
            assert_eq!(parse(&text), Ok(want.clone()), "{text}");
        }
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        // (file text, part of the message)
        let cases = [
            ("crate-name = \"x\"\n", "missing field `specs`"),
            ("specs = [\"a.yaml\"]\n", "missing field `crate-name`"),
            (
                "specs = []\ncrate-name = \"x\"\n",
                "`specs` is empty: name at least one OpenAPI 3.0 file",
            ),
            (
                "specs = [\"a.yaml\"]\ncrate-name = \"x\"\nprofiles = \"genesys\"\n",
                "unknown field `profiles`, expected one of `specs`, `crate-name`, `out`, `templates`, `deny-warnings`, `command`, `profile`",
            ),
            (
                "specs = [\"a.yaml\"]\ncrate-name = \"x\"\nprofile = \"acme\"\n",
                "unknown variant `acme`, expected one of `auto`, `generic`, `genesys`",
            ),
            (
                "specs = [\"a.yaml\"]\ncrate_name = \"x\"\n",
                "unknown field `crate_name`",
            ),
            (
                "specs = \"a.yaml\"\ncrate-name = \"x\"\n",
                "invalid type: string \"a.yaml\", expected a sequence",
            ),
            (
                "specs = [\"a.yaml\"\ncrate-name = \"x\"\n",
                "TOML parse error at line 2, column 1",
            ),
            (
                "specs = [\"a.yaml\"]\ncrate-name = \"x\"\ncommand = \" \"\n",
                "`command` is empty",
            ),
        ];
        for (text, want) in cases {
            match parse(text) {
                Ok(s) => panic!("{text:?} was accepted: {s:?}"),
                Err(e) => assert!(e.contains(want), "{text:?}: {want:?} not in {e}"),
            }
        }
    }

    #[test]
    fn defaults_fill_what_the_file_leaves_out() {
        let s = parse("specs = [\"a.yaml\"]\ncrate-name = \"x\"\n").expect("parses");
        assert_eq!(s.out, ".");
        assert_eq!(s.templates, None);
        assert!(!s.deny_warnings);
        assert_eq!(s.command(), DEFAULT_COMMAND);
        let options = s.options("a.yaml");
        assert_eq!(options.regenerate_command, "openapi-sdkgen");
        assert_eq!(options.crate_name, "x");
        assert_eq!(options.spec_path, "a.yaml");
    }

    #[test]
    fn the_nearest_file_up_the_tree_is_found() {
        let tmp = crate::cli::tree::tests::TempDir::new("config-find");
        let deep = tmp.0.join("a/b/c");
        std::fs::create_dir_all(&deep).expect("dirs");
        assert_eq!(find(&deep), None);
        std::fs::write(tmp.0.join(FILE), "").expect("outer");
        assert_eq!(find(&deep), Some(tmp.0.join(FILE)));
        std::fs::write(tmp.0.join("a").join(FILE), "").expect("inner");
        assert_eq!(find(&deep), Some(tmp.0.join("a").join(FILE)));
    }
}
