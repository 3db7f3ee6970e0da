//! One generation: read the inputs, generate in memory, then write the crate or check it.
//!
//! Writes only files whose content changed, deletes generated files the generator no longer
//! emits, and never touches hand-written parts of the crate (`tests/`, `examples/`, `benches/`,
//! the configuration file). Nothing is written unless generation succeeded as a whole (and,
//! with `deny_warnings`, without a warning); files are written to a temporary sibling and
//! renamed into place, so a file is never half-written.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::summary;
use crate::cli::tree;

/// Where generated files live inside the output crate; everything else is hand-written.
pub const GENERATED: tree::Owned<'static> = tree::Owned::Roots(&[
    "Cargo.toml",
    "README.md",
    "src",
    crate::surface::manifest::FILE,
    crate::surface::changelog::FILE,
]);

/// Lines of diff shown per stale file before it is cut.
const MAX_DIFF_LINES: usize = 60;

/// One spec of a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecFile {
    /// Where to read it.
    pub path: PathBuf,
    /// How generated headers and messages name it (as the configuration file writes it).
    pub name: String,
}

/// One generation, with every path resolved.
#[derive(Debug, Clone)]
pub struct Job {
    /// The specs, merged into one crate when there are several.
    pub specs: Vec<SpecFile>,
    /// The crate directory.
    pub out: PathBuf,
    /// The package name.
    pub crate_name: String,
    /// Templates that override built-ins by file name.
    pub templates: Option<PathBuf>,
    /// Whose customizations the crate gets (`--profile`, `profile` in the configuration).
    pub profile: crate::ProfileChoice,
    /// Write nothing; report how the crate on disk differs.
    pub check: bool,
    /// Every warning is an error.
    pub deny_warnings: bool,
    /// List every warning, not a summary by class.
    pub verbose: bool,
    /// The command generated headers name.
    pub command: String,
    /// What to run to regenerate, in drift reports.
    pub fix: String,
    /// A configuration file to create (path, text) once the crate has been written.
    pub save_config: Option<(PathBuf, String)>,
}

/// Why a job stopped before writing or checking anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The spec or the templates could not be generated, or warnings were denied: each
    /// problem located. Exit code 2.
    Refused(String),
    /// Something else: an unreadable file, an I/O error. Exit code 3.
    Failed(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Failed(message)
    }
}

/// What a run found, ready to print.
#[derive(Debug)]
pub struct Report {
    /// Whether the crate is (now) what the generator makes.
    pub ok: bool,
    /// What was written or found (standard output).
    pub text: String,
    /// The generator's warnings, summarised or listed (standard error).
    pub warnings: String,
}

/// A spec's text; not UTF-8 is refused with the line, column and offset of the first bad byte.
fn read_spec(spec: &SpecFile) -> Result<String, Failure> {
    let bytes = fs::read(&spec.path)
        .map_err(|e| format!("cannot read spec {}: {e}", spec.path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..offset];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = offset - before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1) + 1;
        Failure::Refused(format!(
            "error: {}:{line}:{column}: the spec is not UTF-8 (invalid byte at offset {offset}); save it as UTF-8",
            spec.name,
        ))
    })
}

impl Job {
    /// Generates, then writes or checks.
    pub fn run(&self) -> Result<Report, Failure> {
        let output = self.generate()?;
        let warnings = summary::render(&output.warnings, &self.spec_label(), self.verbose);
        let mut report = if self.check {
            self.check_files(&output.files)?
        } else {
            self.write_files(&output.files)?
        };
        report.text.push_str(&self.api_summary(&output.api_changes));
        report.warnings = warnings;
        Ok(report)
    }

    /// How messages name the spec in front of a warning's pointer: the spec, when there is
    /// one (several specs name theirs in the pointer).
    fn spec_label(&self) -> String {
        match self.specs.as_slice() {
            [one] => one.name.clone(),
            _ => String::new(),
        }
    }

    /// What changed in the API since the crate in the output directory was generated.
    fn api_summary(&self, changes: &crate::ApiChanges) -> String {
        let changelog = self.display(crate::surface::changelog::FILE);
        match changes {
            crate::ApiChanges::First => format!(
                "API: no {} in {}: first generation, see {changelog}\n",
                crate::surface::manifest::FILE,
                shown(&self.out)
            ),
            crate::ApiChanges::Unreadable(why) => format!(
                "API: cannot read {} ({why}): treated as a first generation, see {changelog}\n",
                self.display(crate::surface::manifest::FILE)
            ),
            crate::ApiChanges::Compared { report, .. } if report.is_empty() => {
                "API: no changes since the crate was last generated\n".to_owned()
            }
            crate::ApiChanges::Compared {
                report,
                previous_version,
                version,
            } => {
                let verb = if self.check { "needs" } else { "gets" };
                format!(
                    "{}crate version {previous_version} → {version}; {changelog} {verb} the entry, with every change\n",
                    report.summary(),
                )
            }
        }
    }

    /// The generator's options for this job.
    fn options(&self) -> Result<crate::Options, Failure> {
        let names: Vec<&str> = self.specs.iter().map(|s| s.name.as_str()).collect();
        let mut options = crate::Options::new(&self.crate_name, &names.join(", "));
        options.regenerate_command.clone_from(&self.command);
        options.profile = self.profile;
        if let Some(dir) = &self.templates {
            options.template_overrides = read_templates(dir)?;
        }
        options.previous_manifest = self.read_previous(crate::surface::manifest::FILE)?;
        options.previous_changelog = self.read_previous(crate::surface::changelog::FILE)?;
        Ok(options)
    }

    /// Reads the inputs and runs the generator, without touching the output directory (it
    /// reads the output's manifest and changelog, to report API changes against them). With
    /// `deny_warnings`, warnings are a [`Failure::Refused`] listing each.
    pub fn generate(&self) -> Result<crate::Output, Failure> {
        let texts = self
            .specs
            .iter()
            .map(read_spec)
            .collect::<Result<Vec<String>, Failure>>()?;
        let specs: Vec<crate::Spec<'_>> = self
            .specs
            .iter()
            .zip(&texts)
            .map(|(spec, text)| crate::Spec {
                path: &spec.name,
                text,
            })
            .collect();
        let options = self.options()?;
        let output =
            crate::generate_specs(&specs, &options).map_err(|e| Failure::Refused(e.to_string()))?;
        if std::env::var_os("CODEGEN_TIMINGS").is_some() {
            for (stage, time) in &output.timings {
                eprintln!("timing: {stage}: {:.1} ms", time.as_secs_f64() * 1000.0);
            }
        }
        if self.deny_warnings && !output.warnings.is_empty() {
            return Err(Failure::Refused(summary::denied(
                &output.warnings,
                &self.spec_label(),
            )));
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

    /// Compares `files` with the output directory: every stale, missing and orphaned file.
    pub fn check_files(&self, files: &crate::Files) -> Result<Report, String> {
        let drift = tree::drift(&self.out, files, GENERATED, |have, want| have == want)?;
        if drift.is_empty() {
            return Ok(Report {
                ok: true,
                text: format!(
                    "{} is up to date ({} files)\n",
                    shown(&self.out),
                    files.len()
                ),
                warnings: String::new(),
            });
        }
        let mut text = String::new();
        for (path, have) in &drift.stale {
            text.push_str(&format!("stale: {}\n", self.display(path)));
            text.push_str(&tree::diff(
                have,
                &files[path],
                (
                    &format!("a/{path} (on disk)"),
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
            self.fix
        ));
        Ok(Report {
            ok: false,
            text,
            warnings: String::new(),
        })
    }

    fn display(&self, path: &str) -> String {
        shown(&self.out.join(path))
    }

    /// Writes the files into the output directory with [`write_crate`], then the
    /// configuration file if the job has one to create, and reports what changed.
    fn write_files(&self, files: &crate::Files) -> Result<Report, String> {
        let written = write_crate(&self.out, files)?;
        let mut text = format!(
            "{}: {} files generated, {} written, {} deleted\n",
            shown(&self.out),
            files.len(),
            written.changed,
            written.deleted
        );
        if let Some((path, config)) = &self.save_config {
            fs::write(path, config).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            text.push_str(&format!(
                "wrote {}: run `{}` in {} (or below it) to regenerate the crate\n",
                shown(path),
                super::PROGRAM,
                shown(&self.out)
            ));
        }
        Ok(Report {
            ok: true,
            text,
            warnings: String::new(),
        })
    }
}

/// Writes generated `files` into the crate directory `out` with [`tree::write`]: only files
/// whose content changed, deleting generated files ([`GENERATED`]) that are no longer emitted;
/// hand-written parts of the crate are never touched, and a failure changes nothing.
pub fn write_crate(out: &Path, files: &crate::Files) -> Result<tree::Written, String> {
    tree::write(out, files, GENERATED)
}

/// `path` as messages show it: relative to the current directory when it is below it (the
/// current directory itself by its whole path, which says more than `.`).
pub fn shown(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    match relative {
        Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
        _ => path.display().to_string(),
    }
}

/// A directory of template overrides: `NAME.tera` by name, `runtime/NAME.rs` as runtime files.
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
        let known = crate::back::render::BUILTIN_TEMPLATES
            .iter()
            .any(|(n, _)| *n == name);
        if !known {
            let names: Vec<&str> = crate::back::render::BUILTIN_TEMPLATES
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
mod tests {
    use super::*;
    use crate::cli::tree::tests::TempDir;

    fn job_into(out: &Path, spec: &Path) -> Job {
        Job {
            specs: vec![SpecFile {
                path: spec.to_path_buf(),
                name: "chat.yaml".to_owned(),
            }],
            out: out.to_path_buf(),
            crate_name: "tmp-chat".into(),
            templates: None,
            profile: crate::ProfileChoice::Auto,
            check: false,
            deny_warnings: false,
            verbose: false,
            command: super::super::PROGRAM.to_owned(),
            fix: "openapi-sdkgen --spec chat.yaml".to_owned(),
            save_config: None,
        }
    }

    fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        tree::list_files(dir)
            .expect("listed")
            .into_iter()
            .map(|p| (p.clone(), fs::read(dir.join(&p)).expect("read")))
            .collect()
    }

    fn chat_spec() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/chat.yaml")
    }

    fn refused(result: Result<Report, Failure>) -> String {
        match result {
            Ok(report) => panic!("not refused: {}", report.text),
            Err(Failure::Refused(m)) => m,
            Err(Failure::Failed(m)) => panic!("failed, not refused: {m}"),
        }
    }

    fn failed(result: Result<Report, Failure>) -> String {
        match result {
            Ok(report) => panic!("did not fail: {}", report.text),
            Err(Failure::Failed(m)) => m,
            Err(Failure::Refused(m)) => panic!("refused, not failed: {m}"),
        }
    }

    #[test]
    fn check_reports_stale_missing_and_orphaned_files_but_not_hand_written_ones() {
        let tmp = TempDir::new("check");
        let out = tmp.0.join("sdk");
        let mut job = job_into(&out, &chat_spec());
        assert!(job.run().expect("generates").ok);
        job.check = true;
        assert!(job.run().expect("checks").ok);

        let room = out.join("src/models/common.rs");
        let edited = fs::read_to_string(&room)
            .expect("common.rs")
            .replace("\"name\" name:", "\"name\" nom:");
        fs::write(&room, edited).expect("edit");
        fs::remove_file(out.join("src/hooks.rs")).expect("delete");
        fs::write(out.join("src/models/old.rs"), "// old\n").expect("orphan");
        fs::create_dir_all(out.join("tests")).expect("tests dir");
        fs::write(out.join("tests/mine.rs"), "// hand-written\n").expect("hand-written");
        fs::write(out.join(super::super::config::FILE), "# mine\n").expect("configuration");

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
        assert!(!text.contains("openapi-sdkgen.toml"), "{text}");
        assert!(
            text.contains(
                "3 generated files are out of date. Regenerate with:\n    openapi-sdkgen --spec chat.yaml\n"
            ),
            "{text}"
        );

        // Regenerating repairs all three and keeps the hand-written files.
        job.check = false;
        let report = job.run().expect("generates");
        assert!(
            report.text.contains("2 written, 1 deleted"),
            "{}",
            report.text
        );
        assert!(out.join("tests/mine.rs").exists());
        assert!(out.join(super::super::config::FILE).exists());
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

        let next =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/api-diff/chat-next.yaml");
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
                "semver: major\ncrate version 0.1.0 → 0.2.0; {} gets the entry, with every change",
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
        let err = refused(job_into(&out, &broken).run());
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
        let err = refused(bad_templates.run());
        assert!(err.contains("template `model.rs.tera`"), "{err}");
        assert_eq!(snapshot(&out), before);
    }

    #[test]
    fn denied_warnings_write_nothing_and_name_each_warning() {
        let tmp = TempDir::new("denied");
        let spec = tmp.0.join("formats.yaml");
        fs::write(
            &spec,
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: object, properties: {when: {type: string, format: moonphase}, n: {type: integer, format: int128}}}\n",
        )
        .expect("spec");
        let out = tmp.0.join("sdk");
        let mut job = job_into(&out, &spec);
        job.deny_warnings = true;
        let err = refused(job.run());
        assert_eq!(
            err,
            "error[unknown-format]: chat.yaml: #/components/schemas/A/properties/when: unknown string format `moonphase`; generating `String`\n\
             error[unknown-format]: chat.yaml: #/components/schemas/A/properties/n: unknown integer format `int128`; generating `i64`\n\
             2 warnings denied by --deny-warnings (2 unknown-format); nothing was generated"
        );
        assert!(!out.exists(), "nothing may be written");
        job.check = true;
        refused(job.run());
        // Allowed, they are a summary beside the written crate.
        job.check = false;
        job.deny_warnings = false;
        let report = job.run().expect("generates");
        assert!(
            report
                .warnings
                .starts_with("warning: 2 generator warnings in 1 class"),
            "{}",
            report.warnings
        );
        assert!(out.join("src/models/common.rs").exists());
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
        let err = refused(job_into(&tmp.0.join("sdk"), &spec).run());
        assert!(
            err.contains(
                "error: chat.yaml:2:18: the spec is not UTF-8 (invalid byte at offset 32)"
            ),
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
        let err = failed(job.run());
        assert!(
            err.contains("no built-in template is called `modle.rs.tera`"),
            "{err}"
        );
    }
}
