//! The tables and summaries of a comparison.

use std::fmt::Display;

use super::*;
use crate::markdown::{self, cell, row};

/// `1.234 s`, or `56.7 ms` below a second.
pub fn duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else {
        format!("{:.1} ms", s * 1000.0)
    }
}

/// KiB as MiB with one decimal.
pub fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

/// A ratio such as `1.35×`.
pub fn ratio(x: f64) -> String {
    format!("{x:.2}×")
}

pub(super) fn or_na<T>(value: Option<T>, f: impl FnOnce(T) -> String) -> String {
    value.map(f).unwrap_or_else(|| "n/a".into())
}

/// The installation table.
pub fn install_table(installs: &[Installed]) -> String {
    let mut out = String::from("| peer | version | from | install |\n| --- | --- | --- | --- |\n");
    for i in installs {
        let install = match (&i.unavailable, i.install, i.now) {
            (Some(why), _, _) => why.clone(),
            (None, Some(d), true) => format!("installed by this run in {}", duration(d)),
            (None, Some(d), false) => format!("cached (installed in {})", duration(d)),
            (None, None, _) => "cached".into(),
        };
        let _ = writeln!(out, "{}", row(&[&i.tool, &i.version, &i.source, &install]));
    }
    out
}

/// The main table: one row per (spec, tool); ratios are the tool's over this generator's on the
/// same spec (above 1: the tool is slower or heavier).
pub fn table(rows: &[Measured]) -> String {
    let mut out = String::from(
        "| spec | tool | version | ok | median | min | peak RSS | files | bytes | Rust lines | time ÷ this | RSS ÷ this |\n\
         | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for row in rows {
        let this = rows
            .iter()
            .find(|r| r.spec == row.spec && r.tool == THIS && r.ok());
        let ok = match &row.failure {
            None => "yes".to_owned(),
            Some(why) => format!("**no**: {}", cell(why)),
        };
        let (median, min) = if row.ok() {
            (or_na(row.median(), duration), or_na(row.min(), duration))
        } else {
            (
                format!("({} to fail)", or_na(row.median(), duration)),
                "—".into(),
            )
        };
        let (files, bytes, lines) = match row.output {
            Some(o) => (
                o.files.to_string(),
                o.bytes.to_string(),
                o.rust_lines.to_string(),
            ),
            None => ("—".into(), "—".into(), "—".into()),
        };
        let (time_ratio, rss_ratio) = match this {
            Some(this) if row.ok() && row.tool != THIS => (
                time_over(row, this).map_or("n/a".into(), ratio),
                rss_over(row, this).map_or("n/a".into(), ratio),
            ),
            Some(_) if row.tool == THIS => ("1×".into(), "1×".into()),
            _ => ("—".into(), "—".into()),
        };
        let peak = or_na(row.peak_kib, mib);
        let cells: [&dyn Display; 12] = [
            &row.spec,
            &row.tool,
            &row.version,
            &ok,
            &median,
            &min,
            &peak,
            &files,
            &bytes,
            &lines,
            &time_ratio,
            &rss_ratio,
        ];
        let _ = writeln!(out, "{}", markdown::row(&cells));
    }
    out
}

pub(super) fn time_over(row: &Measured, this: &Measured) -> Option<f64> {
    let (a, b) = (row.median()?, this.median()?);
    (b > Duration::ZERO).then(|| a.as_secs_f64() / b.as_secs_f64())
}

pub(super) fn rss_over(row: &Measured, this: &Measured) -> Option<f64> {
    let (a, b) = (row.peak_kib?, this.peak_kib?);
    (b > 0).then(|| a as f64 / b as f64)
}

/// The line for one spec: how this generator compares with the fastest peer that succeeds and
/// with the lightest one.
pub fn summary(spec: &str, rows: &[Measured]) -> String {
    let on_spec: Vec<&Measured> = rows.iter().filter(|r| r.spec == spec).collect();
    let Some(this) = on_spec.iter().find(|r| r.tool == THIS) else {
        return format!("**{spec}**: this generator did not run");
    };
    if let Some(why) = &this.failure {
        return format!("**{spec}**: this generator failed ({why})");
    }
    let peers: Vec<&&Measured> = on_spec
        .iter()
        .filter(|r| r.tool != THIS && r.ok())
        .collect();
    let failed: Vec<&str> = on_spec
        .iter()
        .filter(|r| r.tool != THIS && !r.ok())
        .map(|r| r.tool.as_str())
        .collect();
    let mut line = format!(
        "**{spec}**: this generator {}",
        or_na(this.median(), duration)
    );
    let fastest = peers
        .iter()
        .filter_map(|r| Some((r.median()?, r)))
        .min_by_key(|(t, _)| *t);
    match fastest {
        None => line.push_str("; no peer succeeded"),
        Some((_, peer)) => {
            if let Some(x) = time_over(peer, this) {
                let (factor, word) = if x >= 1.0 {
                    (x, "faster")
                } else {
                    (1.0 / x, "slower")
                };
                let _ = write!(
                    line,
                    "; {} {word} than the fastest peer that succeeds ({}, {})",
                    ratio(factor),
                    peer.tool,
                    or_na(peer.median(), duration)
                );
            }
        }
    }
    let lightest = peers
        .iter()
        .filter_map(|r| Some((r.peak_kib?, r)))
        .min_by_key(|(k, _)| *k);
    if let Some((kib, peer)) = lightest
        && let Some(x) = rss_over(this, peer)
    {
        let _ = write!(
            line,
            "; peak memory {} the lightest peer's ({}, {})",
            ratio(x),
            peer.tool,
            mib(kib)
        );
    }
    if !failed.is_empty() {
        let _ = write!(line, "; failed: {}", failed.join(", "));
    }
    line.push('.');
    line
}

/// The `cargo check` table.
pub fn check_table(checks: &[Checked]) -> String {
    let mut out = String::from(
        "| crate for GitHub's description | `cargo check` (dependencies built) | peak RSS | compiles |\n\
         | --- | ---: | ---: | --- |\n",
    );
    for c in checks {
        let compiles = match &c.failure {
            None => "yes".to_owned(),
            Some(why) => format!("**no**: {}", cell(why)),
        };
        let (time, peak) = (or_na(c.time, duration), or_na(c.peak_kib, mib));
        let _ = writeln!(out, "{}", row(&[&c.tool, &time, &peak, &compiles]));
    }
    out
}
