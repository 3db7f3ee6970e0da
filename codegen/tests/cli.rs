//! The installed command, run as a user runs it: the built `openapi-sdkgen` binary, in
//! directories under the system temp dir, with its exit status, output and the files it wrote.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A small API: one operation, one model.
const SPEC: &str = "openapi: 3.0.3
info: {title: Pets, version: '1.0'}
servers: [{url: 'https://pets.example.com/v1'}]
paths:
  /pets/{petId}:
    get:
      operationId: getPet
      tags: [pets]
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: the pet
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name: {type: string}
";

/// The same API with a second operation.
fn grown() -> String {
    SPEC.replace(
        "components:\n",
        "  /pets:\n    get:\n      operationId: listPets\n      tags: [pets]\n      responses:\n        '200':\n          description: the pets\n          content:\n            application/json:\n              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}\ncomponents:\n",
    )
}

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("openapi-sdkgen-{name}-{}", std::process::id()));
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

/// Runs the binary cargo built for these tests in `dir`.
fn run(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_openapi-sdkgen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the command runs");
    Run::from(output)
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit status {:?}\n--- stdout\n{}--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

impl Run {
    /// Asserts the exit status and that each of `wants` is in the output.
    fn expect(&self, code: i32, wants: &[&str]) -> &Self {
        assert_eq!(self.code, Some(code), "{self}");
        let all = format!("{}{}", self.stdout, self.stderr);
        for want in wants {
            assert!(all.contains(want), "{want:?} not in:\n{self}");
        }
        self
    }
}

#[test]
fn help_tells_a_newcomer_how_to_start_and_what_the_exit_codes_mean() {
    let tmp = TempDir::new("help");
    run(&tmp.0, &["--help"]).expect(
        0,
        &[
            "openapi-sdkgen --spec FILE... --out DIR --crate-name NAME [OPTIONS]",
            "DIR/openapi-sdkgen.toml",
            "--deny-warnings",
            "Exit status:\n  0  the crate was generated",
            "  1  --check found generated files out of date",
            "  2  the spec was refused",
            "  3  the command could not run",
            "openapi-sdkgen --spec petstore.yaml --out petstore --crate-name petstore",
        ],
    );
    run(&tmp.0, &["--version"]).expect(0, &[concat!("openapi-sdkgen ", env!("CARGO_PKG_VERSION"))]);
}

/// The whole life of a crate: generated with arguments, regenerated and checked with none,
/// from the crate or any directory below it.
#[test]
fn a_crate_generated_once_regenerates_with_no_arguments() {
    let tmp = TempDir::new("lifecycle");
    let spec = tmp.0.join("pets.yaml");
    fs::write(&spec, SPEC).expect("spec");
    let sdk = tmp.0.join("pets-sdk");

    run(
        &tmp.0,
        &["--spec", "pets.yaml", "--out", "pets-sdk", "--crate-name", "pets"],
    )
    .expect(
        0,
        &[
            "pets-sdk: ",
            " files generated, ",
            "wrote pets-sdk/openapi-sdkgen.toml: run `openapi-sdkgen` in pets-sdk (or below it) to regenerate the crate",
        ],
    );
    let config = fs::read_to_string(sdk.join("openapi-sdkgen.toml")).expect("config written");
    for want in [
        "specs = [\"../pets.yaml\"]\n",
        "crate-name = \"pets\"\n",
        "out = \".\"\n",
        "deny-warnings = false\n",
    ] {
        assert!(config.contains(want), "{want:?} not in\n{config}");
    }
    let lib = fs::read_to_string(sdk.join("src/lib.rs")).expect("lib.rs");
    assert!(
        lib.starts_with("// @generated by `openapi-sdkgen` from ../pets.yaml. DO NOT EDIT."),
        "{lib}"
    );
    let cargo = fs::read_to_string(sdk.join("Cargo.toml")).expect("Cargo.toml");
    assert!(cargo.contains("name = \"pets\""), "{cargo}");

    // No arguments, from the crate and from below it: nothing changed.
    for dir in [sdk.clone(), sdk.join("src/apis")] {
        run(&dir, &[]).expect(0, &[", 0 written, 0 deleted", "API: no changes"]);
        run(&dir, &["--check"]).expect(0, &["is up to date"]);
    }
    // The same arguments again agree with the file.
    run(
        &tmp.0,
        &[
            "--spec",
            "pets.yaml",
            "--out",
            "pets-sdk",
            "--crate-name",
            "pets",
            "--check",
        ],
    )
    .expect(0, &["pets-sdk is up to date"]);

    // The API grows: the check fails and says how to fix it; regenerating fixes it.
    fs::write(&spec, grown()).expect("grown spec");
    run(&sdk, &["--check"]).expect(
        1,
        &[
            "stale: src/apis/pets.rs",
            "generated files are out of date. Regenerate with:\n    openapi-sdkgen\n",
            "API changes (1.0 → 1.0): 0 major, 1 minor, 0 point",
        ],
    );
    run(&sdk, &[]).expect(
        0,
        &["crate version 0.1.0 → 0.1.1; CHANGELOG.md gets the entry"],
    );
    run(&sdk, &["--check"]).expect(0, &["is up to date"]);
    assert!(
        fs::read_to_string(sdk.join("src/apis/pets.rs"))
            .expect("pets.rs")
            .contains("pub fn list_pets(")
    );

    // Other settings for the same crate are refused, not silently mixed.
    run(
        &tmp.0,
        &["--spec", "pets.yaml", "--out", "pets-sdk", "--crate-name", "animals"],
    )
    .expect(
        3,
        &["pets-sdk/openapi-sdkgen.toml already generates this crate, with other settings (crate-name \"pets\", not \"animals\")"],
    );
}

#[test]
fn deny_warnings_fails_naming_each_defect_and_writes_nothing() {
    let tmp = TempDir::new("deny");
    let defective = SPEC
        .replace("name: {type: string}", "name: {type: string, format: moonphase}\n        born: {type: string, minItems: 1}")
        .replace(
            "        - {name: petId, in: path, required: true, schema: {type: string}}\n",
            "        - {name: petId, in: path, required: true, schema: {type: string}}\n        - {name: Accept, in: header, schema: {type: string}}\n",
        );
    fs::write(tmp.0.join("pets.yaml"), &defective).expect("spec");
    let args = [
        "--spec",
        "pets.yaml",
        "--out",
        "sdk",
        "--crate-name",
        "pets",
    ];
    let denied = run(&tmp.0, &[&args[..], &["--deny-warnings"]].concat());
    denied.expect(
        2,
        &[
            "error[ignored-header]: ../pets.yaml: #/paths/~1pets~1{petId}/get/parameters/1: a header parameter named `Accept` is ignored",
            "error[ignored-keyword]: ../pets.yaml: #/components/schemas/Pet/properties/born: `minItems` do not apply to `type: string`",
            "error[unknown-format]: ../pets.yaml: #/components/schemas/Pet/properties/name: unknown string format `moonphase`",
            "3 warnings denied by --deny-warnings (1 ignored-header, 1 ignored-keyword, 1 unknown-format); nothing was generated",
        ],
    );
    assert!(!tmp.0.join("sdk").exists(), "nothing may be written");

    // Without it, the same warnings are a summary by class and the crate is written.
    let allowed = run(&tmp.0, &args);
    allowed.expect(
        0,
        &[
            "warning: 3 generator warnings in 3 classes (`--verbose` lists every one)\n",
            "  ignored-header (1): header parameters the client sets itself, ignored\n",
            "  unknown-format (1): unknown formats, generated as the plain type\n",
        ],
    );
    // The crate's configuration can deny them from now on.
    let config = tmp.0.join("sdk/openapi-sdkgen.toml");
    let text = fs::read_to_string(&config).expect("config");
    fs::write(
        &config,
        text.replace("deny-warnings = false", "deny-warnings = true"),
    )
    .expect("config edited");
    run(&tmp.0.join("sdk"), &["--check"]).expect(2, &["3 warnings denied by --deny-warnings"]);
    run(
        &tmp.0.join("sdk"),
        &["--verbose", "--config", "openapi-sdkgen.toml"],
    )
    .expect(2, &["error[unknown-format]"]);
}

#[test]
fn bad_arguments_and_configurations_are_refused_with_the_reason() {
    let tmp = TempDir::new("bad-args");
    fs::write(tmp.0.join("pets.yaml"), SPEC).expect("spec");
    // (arguments, part of the message); all exit with status 3.
    let cases: &[(&[&str], &str)] = &[
        (
            &["--sepc", "pets.yaml"],
            "error: invalid option '--sepc'\n(`openapi-sdkgen --help` describes every option)",
        ),
        (
            &["--spec", "pets.yaml"],
            "--spec, --out and --crate-name go together",
        ),
        (
            &[
                "--spec",
                "pets.yaml",
                "--out",
                "x",
                "--crate-name",
                "x",
                "--config",
                "c.toml",
            ],
            "use one or the other",
        ),
        (
            &[
                "--spec",
                "pets.yaml",
                "--out",
                "x",
                "--crate-name",
                "PetStore",
            ],
            "--crate-name `PetStore`: a package name in lower case, please (e.g. `pet-store`)",
        ),
        (
            &[],
            "or a parent directory: give --spec, --out and --crate-name (the first run writes one into the crate), or --config FILE",
        ),
        (&["--config", "nowhere.toml"], "cannot read "),
        (
            &["--spec", "missing.yaml", "--out", "x", "--crate-name", "x"],
            "cannot read spec ",
        ),
    ];
    for (args, want) in cases {
        run(&tmp.0, args).expect(3, &[want]);
        assert!(!tmp.0.join("x").exists(), "{args:?} wrote something");
    }
    fs::write(
        tmp.0.join("bad.toml"),
        "specs = [\"pets.yaml\"]\ncrate-name = \"pets\"\nvendor = \"x\"\n",
    )
    .expect("config");
    run(&tmp.0, &["--config", "bad.toml"]).expect(
        3,
        &[
            "bad.toml: TOML parse error at line 3, column 1",
            "unknown field `vendor`",
        ],
    );
    fs::write(
        tmp.0.join("bad-profile.toml"),
        "specs = [\"pets.yaml\"]\ncrate-name = \"pets\"\nprofile = \"x\"\n",
    )
    .expect("config");
    run(&tmp.0, &["--config", "bad-profile.toml"]).expect(
        3,
        &["unknown variant `x`, expected one of `auto`, `generic`, `genesys`"],
    );
}

/// `--profile` chooses the vendor profile, and the configuration file the first run writes
/// keeps it: the chat spec, a Genesys Cloud one, generated as a generic crate has no
/// `src/genesys/` and its setter is named after its scheme.
#[test]
fn the_profile_is_chosen_on_the_command_line_and_kept_in_the_configuration() {
    let tmp = TempDir::new("profile");
    let chat = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/chat.yaml");
    fs::copy(&chat, tmp.0.join("chat.yaml")).expect("spec");
    run(
        &tmp.0,
        &[
            "--spec",
            "chat.yaml",
            "--out",
            "generic",
            "--crate-name",
            "chat-generic",
            "--profile",
            "generic",
        ],
    )
    .expect(0, &[]);
    let sdk = tmp.0.join("generic");
    assert!(!sdk.join("src/genesys").exists());
    let security = fs::read_to_string(sdk.join("src/security.rs")).expect("security.rs");
    assert!(
        security.contains("pub fn purecloud_oauth(self, token"),
        "{security}"
    );
    let config = fs::read_to_string(sdk.join("openapi-sdkgen.toml")).expect("config");
    assert!(config.contains("profile = \"generic\""), "{config}");
    run(&sdk, &["--check"]).expect(0, &[]);
    run(
        &tmp.0,
        &[
            "--spec",
            "chat.yaml",
            "--out",
            "auto",
            "--crate-name",
            "chat-auto",
        ],
    )
    .expect(0, &[]);
    assert!(tmp.0.join("auto/src/genesys/region.rs").exists());
    run(
        &tmp.0,
        &[
            "--spec",
            "chat.yaml",
            "--out",
            "x",
            "--crate-name",
            "x",
            "--profile",
            "acme",
        ],
    )
    .expect(
        3,
        &["`acme` is not a profile: use auto, generic or genesys"],
    );
}
