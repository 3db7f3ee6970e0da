//! What the libraries the generator is built on cost on a spec, with none of the generator's
//! own work: the floor under `openapi-sdkgen`'s time and memory (BENCHMARKS.md, issue 17).
//!
//! ```text
//! cargo run --release -p codegen --example floor -- MODE ARGS
//!   parse SPEC        read the JSON spec and parse it into a `serde_json::Value` (document order)
//!   type SPEC         read it and parse it straight into `openapiv3::OpenAPI` (no tree)
//!   tree SPEC         parse it into a `Value`, then type that into `openapiv3::OpenAPI`
//!   reencode SPEC     parse it into a `Value`, write that out as JSON, type the text
//!   write CRATE OUT   read every file under CRATE, then write them all under OUT (which must not exist)
//! ```
//!
//! Each mode prints what it did and its wall time; run it under GNU time for the peak memory,
//! e.g. `/usr/bin/time -f "%e s %M KiB" target/release/examples/floor type api.github.com.json`.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("floor: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let start = Instant::now();
    let done = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["parse", spec] => {
            let text = read(Path::new(spec))?;
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{spec}: {e}"))?;
            format!(
                "{} top-level keys",
                value.as_object().map_or(0, |m| m.len())
            )
        }
        ["type", spec] => {
            let text = read(Path::new(spec))?;
            let api: openapiv3::OpenAPI =
                serde_json::from_str(&text).map_err(|e| format!("{spec}: {e}"))?;
            format!("{} paths", api.paths.paths.len())
        }
        ["tree", spec] => {
            let text = read(Path::new(spec))?;
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{spec}: {e}"))?;
            drop(text);
            let api: openapiv3::OpenAPI =
                serde::Deserialize::deserialize(value).map_err(|e| format!("{spec}: {e}"))?;
            format!("{} paths", api.paths.paths.len())
        }
        ["reencode", spec] => {
            let text = read(Path::new(spec))?;
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{spec}: {e}"))?;
            drop(text);
            let start = Instant::now();
            let again = serde_json::to_string(&value).map_err(|e| e.to_string())?;
            drop(value);
            let api: openapiv3::OpenAPI =
                serde_json::from_str(&again).map_err(|e| format!("{spec}: {e}"))?;
            format!(
                "{} paths, typed in {:.0} ms",
                api.paths.paths.len(),
                start.elapsed().as_secs_f64() * 1e3
            )
        }
        ["write", krate, out] => {
            let root = Path::new(krate);
            let contents: Vec<(PathBuf, String)> = files(root)?
                .into_iter()
                .map(|p| {
                    let text = read(&p)?;
                    Ok((
                        p.strip_prefix(root).map_err(|e| e.to_string())?.to_owned(),
                        text,
                    ))
                })
                .collect::<Result<_, String>>()?;
            let out = Path::new(out);
            if out.exists() {
                return Err(format!("{}: exists", out.display()));
            }
            let start = Instant::now();
            for (path, text) in &contents {
                let path = out.join(path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .map_err(|e| format!("{}: {e}", parent.display()))?;
                }
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            }
            format!(
                "{} files written in {:.0} ms",
                contents.len(),
                start.elapsed().as_secs_f64() * 1e3
            )
        }
        _ => return Err("usage: floor parse|type|tree|reencode SPEC | write CRATE OUT".into()),
    };
    println!("{done}; {:.0} ms", start.elapsed().as_secs_f64() * 1e3);
    Ok(())
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Every file under `dir`, sorted.
fn files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
