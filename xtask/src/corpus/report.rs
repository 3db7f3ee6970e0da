//! Reporting: the table of rows, the diagnostics grouped by code and message pattern, the
//! largest spec, the bar a run must clear, and the summary.

use super::*;
use std::fmt::Display;

use crate::markdown::{Tally, cell, row};

/// Share of the specs that must compile with `-D warnings` for the run to pass.
pub const BAR_PERCENT: usize = 95;

pub(super) fn opt(n: Option<usize>) -> String {
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
        let cells: [&dyn Display; 12] = [
            &(i + 1),
            &cell(&r.name),
            &r.why,
            &cell(&r.version),
            &(r.bytes / 1024),
            &opt(r.operations),
            &opt(r.schemas),
            &cell(&generate),
            &r.generator_warnings,
            &cell(&check),
            &warnings,
            &time,
        ];
        let _ = writeln!(out, "{}", row(&cells));
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
    let mut tally = Tally::default();
    for r in rows {
        let Some(c) = &r.checked else { continue };
        for d in c.errors.iter().chain(&c.warnings) {
            let code = if d.code.is_empty() {
                "(no code)".to_owned()
            } else {
                d.code.clone()
            };
            tally.add((code, message_pattern(&d.message)), &r.name, || {
                format!("{}: {} ({})", r.name, d.message, d.location)
            });
        }
    }
    if tally.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "| rustc code | message | diagnostics | crates | first example |\n| --- | --- | ---: | ---: | --- |\n",
    );
    for line in tally.rows(|(code, pattern)| vec![code.clone(), cell(pattern)]) {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// The line naming the largest generated crate and its check time.
pub(super) fn largest(rows: &[Row]) -> Option<String> {
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
