//! Generation jobs: read inputs, generate in memory, then write or check.
//!
//! Writes only files whose content changed, deletes generated files the generator no longer
//! emits, and never touches hand-written parts of the crate (`tests/`, `examples/`, `benches/`).
//! Nothing is written unless generation succeeded as a whole; files are written to a temporary
//! sibling and renamed into place, so a file is never half-written.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::tree;

/// Where generated files live inside the output crate; everything else is hand-written.
const GENERATED: tree::Owned<'static> = tree::Owned::Roots(&[
    "Cargo.toml",
    "README.md",
    "src",
    codegen::manifest::FILE,
    codegen::changelog::FILE,
]);

/// Lines of diff shown per stale file before it is cut.
const MAX_DIFF_LINES: usize = 60;

/// One generation: inputs, output, and whether to only check.
#[derive(Debug, Clone)]
pub struct Job {
    /// The specs, merged into one crate when there are several.
    pub specs: Vec<PathBuf>,
    pub out: PathBuf,
    pub crate_name: String,
    pub templates: Option<PathBuf>,
    /// Whose customizations the crate gets (`--profile`).
    pub profile: codegen::ProfileChoice,
    pub check: bool,
    /// The command shown in headers and in "run this to fix it".
    pub command: String,
    /// How the spec is named in headers.
    pub spec_display: String,
}

/// A spec's text; not UTF-8 is refused with the line, column and offset of the first bad byte.
fn read_spec(spec: &Path) -> Result<String, String> {
    let bytes = fs::read(spec).map_err(|e| format!("cannot read spec {}: {e}", spec.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..offset];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = offset - before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1) + 1;
        format!(
            "{}:{line}:{column}: the spec is not UTF-8 (invalid byte at offset {offset}); save it as UTF-8",
            spec.display(),
        )
    })
}

/// What a run found, ready to print.
#[derive(Debug)]
pub struct Report {
    pub ok: bool,
    pub text: String,
}

impl Job {
    /// `cargo xtask codegen`: spec/chat.yaml → generated-sdk/ as `genesys-cloud-chat`.
    pub fn default_chat() -> Self {
        Job {
            specs: vec![PathBuf::from("spec/chat.yaml")],
            out: PathBuf::from("generated-sdk"),
            crate_name: "genesys-cloud-chat".to_owned(),
            templates: None,
            profile: codegen::ProfileChoice::Auto,
            check: false,
            command: "cargo xtask codegen".to_owned(),
            spec_display: "spec/chat.yaml".to_owned(),
        }
    }

    /// Resolves the default paths against the workspace root, so the command works from any
    /// directory of the workspace.
    pub fn root_at(&mut self, root: &Path) {
        for spec in &mut self.specs {
            *spec = root.join(&*spec);
        }
        self.out = root.join(&self.out);
    }

    /// The command that reproduces an explicit job.
    pub fn explicit_command(&self) -> String {
        let mut command = "cargo xtask codegen".to_owned();
        for spec in &self.specs {
            command.push_str(&format!(" --spec {}", spec.display()));
        }
        command.push_str(&format!(
            " --out {} --crate-name {}",
            self.out.display(),
            self.crate_name
        ));
        if let Some(t) = &self.templates {
            command.push_str(&format!(" --templates {}", t.display()));
        }
        if self.profile != codegen::ProfileChoice::Auto {
            command.push_str(&format!(" --profile {}", self.profile));
        }
        command
    }

    /// Generates, then writes or checks. `Err` is for problems that stop the run before any
    /// comparison (unreadable spec, generator errors, I/O failures).
    pub fn run(&self) -> Result<Report, String> {
        let output = self.generate()?;
        let mut report = if self.check {
            self.check_files(&output.files)?
        } else {
            self.write_files(&output.files)?
        };
        report.text.push_str(&self.api_summary(&output.api_changes));
        Ok(report)
    }

    /// What changed in the API since the crate in the output directory was generated.
    fn api_summary(&self, changes: &codegen::ApiChanges) -> String {
        let changelog = self.display(codegen::changelog::FILE);
        match changes {
            codegen::ApiChanges::First => format!(
                "API: no {} in {}: first generation, see {changelog}\n",
                codegen::manifest::FILE,
                self.out.display()
            ),
            codegen::ApiChanges::Unreadable(why) => format!(
                "API: cannot read {} ({why}): treated as a first generation, see {changelog}\n",
                self.display(codegen::manifest::FILE)
            ),
            codegen::ApiChanges::Compared { report, .. } if report.is_empty() => {
                "API: no changes since the crate was last generated\n".to_owned()
            }
            codegen::ApiChanges::Compared {
                report,
                previous_version,
                version,
            } => {
                let verb = if self.check { "needs" } else { "gets" };
                format!(
                    "{}crate version {previous_version} → {version}; {} {verb} the entry (`cargo xtask api-diff` shows the whole report)\n",
                    report.summary(),
                    changelog
                )
            }
        }
    }

    /// Reads the inputs and runs the generator, without touching the output directory (it
    /// reads the output's manifest and changelog, to report API changes against them).
    pub fn generate(&self) -> Result<codegen::Output, String> {
        let texts = self
            .specs
            .iter()
            .map(|spec| read_spec(spec))
            .collect::<Result<Vec<String>, String>>()?;
        let names = self.spec_names();
        let specs: Vec<codegen::Spec<'_>> = names
            .iter()
            .zip(&texts)
            .map(|(path, text)| codegen::Spec { path, text })
            .collect();
        let mut options = codegen::Options::new(&self.crate_name, &self.spec_display());
        options.regenerate_command = self.command.clone();
        options.profile = self.profile;
        if let Some(dir) = &self.templates {
            options.template_overrides = read_templates(dir)?;
        }
        options.previous_manifest = self.read_previous(codegen::manifest::FILE)?;
        options.previous_changelog = self.read_previous(codegen::changelog::FILE)?;
        let output = codegen::generate_specs(&specs, &options).map_err(|e| e.to_string())?;
        for warning in &output.warnings {
            if self.specs.len() == 1 {
                eprintln!("warning: {}: {warning}", self.spec_display());
            } else {
                eprintln!("warning: {warning}");
            }
        }
        if std::env::var_os("CODEGEN_TIMINGS").is_some() {
            for (stage, time) in &output.timings {
                eprintln!("timing: {stage}: {:.1} ms", time.as_secs_f64() * 1000.0);
            }
        }
        Ok(output)
    }

    /// A file of the previously generated crate: `None` when it does not exist.
    fn read_previous(&self, name: &str) -> Result<Option<String>, String> {
        let path = self.out.join(name);
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }

    /// How each spec is named in headers and messages.
    fn spec_names(&self) -> Vec<String> {
        if self.command == "cargo xtask codegen" {
            vec![self.spec_display.clone()]
        } else {
            self.specs
                .iter()
                .map(|s| s.display().to_string().replace('\\', "/"))
                .collect()
        }
    }

    /// How the specs are named together.
    fn spec_display(&self) -> String {
        self.spec_names().join(", ")
    }

    /// Compares `files` with the output directory: every stale, missing and orphaned file.
    pub fn check_files(&self, files: &codegen::Files) -> Result<Report, String> {
        let drift = tree::drift(&self.out, files, GENERATED, |have, want| have == want)?;
        if drift.is_empty() {
            return Ok(Report {
                ok: true,
                text: format!(
                    "{} is up to date ({} files)\n",
                    self.out.display(),
                    files.len()
                ),
            });
        }
        let mut text = String::new();
        for path in &drift.stale {
            let have = fs::read(self.out.join(path))
                .map_err(|e| format!("cannot read {}: {e}", self.display(path)))?;
            text.push_str(&format!("stale: {}\n", self.display(path)));
            text.push_str(&tree::diff(
                &String::from_utf8_lossy(&have),
                &files[path],
                (
                    &format!("a/{path} (committed)"),
                    &format!("b/{path} (generated)"),
                ),
                MAX_DIFF_LINES,
                "    ",
            ));
        }
        for path in &drift.missing {
            text.push_str(&format!("missing: {}\n", self.display(path)));
        }
        for path in &drift.orphaned {
            text.push_str(&format!(
                "orphaned (no longer generated): {}\n",
                self.display(path)
            ));
        }
        let problems = drift.len();
        text.push_str(&format!(
            "\n{problems} generated file{} out of date. Regenerate with:\n    {}\n",
            if problems == 1 { " is" } else { "s are" },
            self.command
        ));
        Ok(Report { ok: false, text })
    }

    fn display(&self, path: &str) -> String {
        self.out.join(path).display().to_string()
    }

    /// Writes the files into the output directory with [`write_files`] and reports what changed.
    fn write_files(&self, files: &codegen::Files) -> Result<Report, String> {
        let written = write_files(&self.out, files)?;
        Ok(Report {
            ok: true,
            text: format!(
                "{}: {} files generated, {} written, {} deleted\n",
                self.out.display(),
                files.len(),
                written.changed,
                written.deleted
            ),
        })
    }
}

/// Writes generated `files` into the crate directory `out` with [`tree::write`]: only files
/// whose content changed, deleting generated files ([`GENERATED`]) that are no longer emitted;
/// hand-written parts of the crate are never touched, and a failure changes nothing.
pub fn write_files(out: &Path, files: &codegen::Files) -> Result<tree::Written, String> {
    tree::write(out, files, GENERATED)
}

/// Marks `path` as modified now, without changing it, so that cargo rebuilds what uses it.
pub fn touch(path: &Path) -> Result<(), String> {
    fs::File::options()
        .append(true)
        .open(path)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .map_err(|e| format!("cannot touch {}: {e}", path.display()))
}

/// The cargo that runs xtask (`$CARGO`), or `cargo` from the `PATH`.
pub fn cargo_program() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// The workspace root: the parent of this crate's directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn read_templates(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let entries = fs::read_dir(dir)
        .map_err(|e| format!("cannot read templates directory {}: {e}", dir.display()))?;
    let mut out = BTreeMap::new();
    for entry in entries {
        let entry =
            entry.map_err(|e| format!("cannot read templates directory {}: {e}", dir.display()))?;
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name == "runtime" && path.is_dir() {
            // Runtime files, by name; codegen refuses names the runtime does not have.
            out.extend(read_runtime_overrides(&path)?);
            continue;
        }
        if !name.ends_with(".tera") {
            continue;
        }
        let known = codegen::render::BUILTIN_TEMPLATES
            .iter()
            .any(|(n, _)| *n == name);
        if !known {
            let names: Vec<&str> = codegen::render::BUILTIN_TEMPLATES
                .iter()
                .map(|(n, _)| *n)
                .collect();
            return Err(format!(
                "{}: no built-in template is called `{name}`; overrides replace built-ins by name ({})",
                path.display(),
                names.join(", ")
            ));
        }
        let text = fs::read_to_string(&path)
            .map_err(|e| format!("cannot read template {}: {e}", path.display()))?;
        out.insert(name.to_owned(), text);
    }
    Ok(out)
}

/// `DIR/runtime/*.rs`, as `runtime/NAME` → contents.
fn read_runtime_overrides(dir: &Path) -> Result<BTreeMap<String, String>, String> {
    let cannot_list = |e: std::io::Error| format!("cannot read {}: {e}", dir.display());
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).map_err(cannot_list)? {
        let path = entry.map_err(cannot_list)?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if path.is_file() && name.ends_with(".rs") {
            let text = fs::read_to_string(&path)
                .map_err(|e| format!("cannot read runtime file {}: {e}", path.display()))?;
            out.insert(format!("runtime/{name}"), text);
        }
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The committed generated-sdk/ must be exactly what the generator makes, so `cargo test`
    /// fails on drift just like `cargo xtask codegen --check`.
    #[test]
    fn committed_sdk_is_up_to_date() {
        let mut job = Job::default_chat();
        job.root_at(&workspace_root());
        job.check = true;
        let report = job
            .run()
            .unwrap_or_else(|e| panic!("generation failed:\n{e}"));
        assert!(report.ok, "generated-sdk/ is stale:\n{}", report.text);
    }

    /// A fresh directory under the system temp dir, removed when dropped.
    pub(crate) struct TempDir(pub(crate) PathBuf);

    impl TempDir {
        pub(crate) fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).expect("create temp dir");
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn job_into(out: &Path, spec: &Path) -> Job {
        let mut job = Job::default_chat();
        job.specs = vec![spec.to_path_buf()];
        job.out = out.to_path_buf();
        job.crate_name = "tmp-chat".into();
        job.command = job.explicit_command();
        job
    }

    fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        tree::list_files(dir)
            .expect("listed")
            .into_iter()
            .map(|p| (p.clone(), fs::read(dir.join(&p)).expect("read")))
            .collect()
    }

    fn chat_spec() -> PathBuf {
        workspace_root().join("spec/chat.yaml")
    }

    #[test]
    fn check_reports_stale_missing_and_orphaned_files_but_not_hand_written_ones() {
        let tmp = TempDir::new("check");
        let out = tmp.0.join("sdk");
        let mut job = job_into(&out, &chat_spec());
        assert!(job.run().expect("generates").ok);
        job.check = true;
        assert!(job.run().expect("checks").ok);

        let room = out.join("src/models/room.rs");
        let edited = fs::read_to_string(&room)
            .expect("room.rs")
            .replace("\"name\" name:", "\"name\" nom:");
        fs::write(&room, edited).expect("edit");
        fs::remove_file(out.join("src/hooks.rs")).expect("delete");
        fs::write(out.join("src/models/old.rs"), "// old\n").expect("orphan");
        fs::create_dir_all(out.join("tests")).expect("tests dir");
        fs::write(out.join("tests/mine.rs"), "// hand-written\n").expect("hand-written");

        let report = job.run().expect("checks");
        assert!(!report.ok);
        let text = report.text;
        assert!(
            text.contains(&format!("stale: {}", room.display())),
            "{text}"
        );
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with('-') && l.contains("\"name\" nom:"))
                && text
                    .lines()
                    .any(|l| l.trim_start().starts_with('+') && l.contains("\"name\" name:")),
            "{text}"
        );
        assert!(
            text.contains(&format!("missing: {}", out.join("src/hooks.rs").display())),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "orphaned (no longer generated): {}",
                out.join("src/models/old.rs").display()
            )),
            "{text}"
        );
        assert!(!text.contains("mine.rs"), "{text}");
        assert!(text.contains("3 generated files are out of date. Regenerate with:\n    cargo xtask codegen --spec"), "{text}");

        // Regenerating repairs all three and keeps the hand-written file.
        job.check = false;
        let report = job.run().expect("generates");
        assert!(
            report.text.contains("2 written, 1 deleted"),
            "{}",
            report.text
        );
        assert!(out.join("tests/mine.rs").exists());
        job.check = true;
        assert!(job.run().expect("checks").ok);
    }

    #[test]
    fn regeneration_reports_api_changes_and_updates_the_changelog() {
        let tmp = TempDir::new("api-changes");
        let out = tmp.0.join("sdk");
        let report = job_into(&out, &chat_spec()).run().expect("generates");
        assert!(
            report.text.contains("API: no api-manifest.json in ")
                && report.text.contains("first generation"),
            "{}",
            report.text
        );

        let next = workspace_root().join("codegen/tests/fixtures/api-diff/chat-next.yaml");
        let mut job = job_into(&out, &next);
        job.check = true;
        let report = job.run().expect("checks");
        assert!(!report.ok);
        assert!(
            report
                .text
                .contains("API changes (v2 → v2.1): 3 major, 17 minor, 1 point\n")
                && report.text.contains("CHANGELOG.md needs the entry"),
            "{}",
            report.text
        );

        job.check = false;
        let report = job.run().expect("generates");
        let changelog = out.join("CHANGELOG.md");
        assert!(
            report.text.contains(&format!(
                "semver: major\ncrate version 0.1.0 → 0.2.0; {} gets the entry",
                changelog.display()
            )),
            "{}",
            report.text
        );
        let text = fs::read_to_string(&changelog).expect("changelog");
        assert!(
            text.contains("\n## 0.2.0 (API v2 → v2.1, semver: major)\n"),
            "{text}"
        );

        job.check = true;
        let report = job.run().expect("checks");
        assert!(report.ok, "{}", report.text);
        assert!(
            report
                .text
                .contains("API: no changes since the crate was last generated"),
            "{}",
            report.text
        );

        fs::write(out.join("api-manifest.json"), "not json").expect("garble");
        job.check = false;
        let report = job.run().expect("generates");
        assert!(
            report
                .text
                .contains("api-manifest.json (not an API manifest: expected ident")
                && report.text.contains("treated as a first generation"),
            "{}",
            report.text
        );
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let tmp = TempDir::new("unchanged");
        let out = tmp.0.join("sdk");
        let job = job_into(&out, &chat_spec());
        job.run().expect("generates");
        let report = job.run().expect("generates again");
        assert!(
            report.text.contains(", 0 written, 0 deleted"),
            "{}",
            report.text
        );
    }

    #[test]
    fn a_failed_generation_leaves_the_output_exactly_as_it_was() {
        let tmp = TempDir::new("failed");
        let out = tmp.0.join("sdk");
        job_into(&out, &chat_spec()).run().expect("generates");
        let before = snapshot(&out);

        let broken = tmp.0.join("broken.yaml");
        let text = fs::read_to_string(chat_spec())
            .expect("spec")
            .replace("schemas/Room'", "schemas/Rooom'");
        fs::write(&broken, text).expect("write broken spec");
        let err = job_into(&out, &broken).run().expect_err("must fail");
        assert!(
            err.contains("unresolved `$ref: #/components/schemas/Rooom`"),
            "{err}"
        );
        assert!(err.contains("nothing was generated"), "{err}");
        assert_eq!(snapshot(&out), before);

        let mut bad_templates = job_into(&out, &chat_spec());
        let dir = tmp.0.join("templates");
        fs::create_dir_all(&dir).expect("templates dir");
        fs::write(
            dir.join("model.rs.tera"),
            "pub struct {{ model.rust_name }} {",
        )
        .expect("template");
        bad_templates.templates = Some(dir);
        let err = bad_templates.run().expect_err("must fail");
        assert!(err.contains("template `model.rs.tera`"), "{err}");
        assert_eq!(snapshot(&out), before);
    }

    #[test]
    fn a_spec_that_is_not_utf8_is_refused_with_its_offset() {
        let tmp = TempDir::new("not-utf8");
        let spec = tmp.0.join("latin1.yaml");
        fs::write(
            &spec,
            b"openapi: 3.0.3\ninfo: {title: caf\xe9, version: '1'}\npaths: {}\n",
        )
        .expect("spec");
        let err = job_into(&tmp.0.join("sdk"), &spec)
            .run()
            .expect_err("must fail");
        assert!(
            err.contains("latin1.yaml:2:18: the spec is not UTF-8 (invalid byte at offset 32)"),
            "{err}"
        );
        assert!(!tmp.0.join("sdk").exists(), "nothing may be written");
    }

    #[test]
    fn unknown_template_names_are_refused() {
        let tmp = TempDir::new("unknown-template");
        fs::write(tmp.0.join("modle.rs.tera"), "").expect("template");
        let mut job = job_into(&tmp.0.join("sdk"), &chat_spec());
        job.templates = Some(tmp.0.clone());
        let err = job.run().expect_err("must fail");
        assert!(
            err.contains("no built-in template is called `modle.rs.tera`"),
            "{err}"
        );
    }
}

#[cfg(test)]
mod readme {
    /// The README's SDK example is `generated-sdk/examples/readme.rs`, which `cargo test`
    /// compiles; this keeps the two identical.
    #[test]
    fn readme_example_is_the_compiled_example() {
        let root = super::workspace_root();
        let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
        let example = std::fs::read_to_string(root.join("generated-sdk/examples/readme.rs"))
            .expect("generated-sdk/examples/readme.rs");
        let block = readme
            .split("```rust,no_run\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("README.md has a ```rust,no_run block");
        let code = example
            .split_once("\n\n")
            .map(|(_, code)| code)
            .expect("example has a doc line, then code");
        assert_eq!(
            block, code,
            "README.md and generated-sdk/examples/readme.rs differ"
        );
    }
}
