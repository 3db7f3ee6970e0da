//! `cargo xtask api-diff --old A --new B [--json]`: compares two APIs through their manifests.
//!
//! Each side is an OpenAPI spec (run through the generator up to lowering) or the
//! `api-manifest.json` of a generated crate, so a spec can be compared with the API a
//! committed crate was generated from.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::manifest::Manifest;

/// The command's flags.
#[derive(Debug, Default)]
pub struct Args {
    pub old: Option<PathBuf>,
    pub new: Option<PathBuf>,
    pub json: bool,
}

/// The report, as Markdown or JSON.
pub fn run(args: &Args) -> Result<String, String> {
    let (Some(old), Some(new)) = (&args.old, &args.new) else {
        return Err("api-diff needs --old FILE and --new FILE".to_owned());
    };
    let report = codegen::diff::diff(&read(old)?, &read(new)?);
    Ok(if args.json {
        report.to_json()
    } else {
        report.to_markdown()
    })
}

/// The manifest of a spec or of a manifest file.
fn read(path: &Path) -> Result<Manifest, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    match Manifest::from_json(&text) {
        Ok(manifest) => return Ok(manifest),
        // JSON with a `format` field and no `openapi` one is a manifest, just not a usable one.
        Err(why) if codegen::manifest::looks_like_manifest(&text) => {
            return Err(format!("{}: {why}", path.display()));
        }
        Err(_) => {}
    }
    let display = path.display().to_string().replace('\\', "/");
    codegen::manifest_of(&text, &codegen::Options::new("api", &display)).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::root as workspace_root;

    #[test]
    fn a_spec_against_itself_and_against_its_manifest_has_no_changes() {
        let spec = workspace_root().join("spec/chat.yaml");
        let manifest = workspace_root().join("generated-sdk/api-manifest.json");
        for old in [&spec, &manifest] {
            let args = Args {
                old: Some(old.clone()),
                new: Some(spec.clone()),
                json: false,
            };
            let text = run(&args).unwrap_or_else(|e| panic!("{e}"));
            assert!(text.contains("No changes.\n"), "{text}");
            assert!(text.ends_with("semver: none\n"), "{text}");
        }
    }

    #[test]
    fn missing_flags_and_files_are_reported() {
        let err = run(&Args::default()).expect_err("no flags");
        assert!(err.contains("--old FILE and --new FILE"), "{err}");
        let args = Args {
            old: Some(PathBuf::from("no/such.yaml")),
            new: Some(PathBuf::from("no/such.yaml")),
            json: true,
        };
        let err = run(&args).expect_err("no file");
        assert!(err.starts_with("cannot read no/such.yaml"), "{err}");

        let old = std::env::temp_dir().join(format!("api-diff-{}.json", std::process::id()));
        std::fs::write(&old, "{\"format\": 9}").expect("write");
        let args = Args {
            old: Some(old.clone()),
            new: Some(workspace_root().join("spec/chat.yaml")),
            json: false,
        };
        let err = run(&args).expect_err("old format");
        let _ = std::fs::remove_file(&old);
        assert!(
            err.ends_with(": manifest format 9, but this generator reads format 1"),
            "{err}"
        );
    }
}
