//! What the calls gave: each caller record classified, per spec and in total, as a Markdown
//! table, lists of what went wrong, and the closing `conformance:` line.

use std::fmt::{Display, Write as _};
use std::time::Duration;

use serde_json::Value;

use crate::markdown::{Tally, cell, row};

/// Items listed per section of the report before the rest is left to the logs.
const LISTED: usize = 150;

/// The outcome of one call, as the mock server's answer says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A success status, and the body decoded into the operation's type. `warnings`: Prism's
    /// violations of severity below error, if it sent any.
    Decoded { status: u16, warnings: Vec<String> },
    /// A success status whose body did not decode.
    DecodeFailed {
        status: u16,
        message: String,
        expected: String,
        body: String,
    },
    /// 401 or 403: the credentials the request carried were not what the operation requires.
    AuthRefused {
        status: u16,
        violations: Vec<String>,
    },
    /// The mock found the request invalid (422, 400, 406, 415, …): its violations.
    Rejected {
        status: u16,
        violations: Vec<String>,
    },
    /// The mock matched no path or method of the spec to the request.
    NotRouted { status: u16, detail: String },
    /// Another answer from the mock (a 5xx: it could not produce a response).
    MockError { status: u16, detail: String },
    /// Nothing was sent: the value could not be read into the Rust type, or the crate refused
    /// the request before sending it.
    NotSent { message: String },
    /// The call failed without an HTTP answer (connection, timeout): a harness problem.
    Failed { message: String },
}

impl Outcome {
    /// Classifies one JSON record of the caller program (see `caller_prelude.rs`).
    pub fn from_record(record: &Value) -> Outcome {
        let text = |key: &str| record[key].as_str().unwrap_or_default().to_owned();
        let status = record["status"]
            .as_u64()
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(0);
        match record["kind"].as_str().unwrap_or_default() {
            "ok" => Outcome::Decoded {
                status,
                warnings: violations(record["violations"].as_str(), None),
            },
            "decode" => Outcome::DecodeFailed {
                status,
                message: text("message"),
                expected: text("expected"),
                body: text("body"),
            },
            "api" => api(record, status),
            "value" | "invalid" => Outcome::NotSent {
                message: text("message"),
            },
            // The mock's generated `Location` of a redirect (GitHub's downloads answer 302),
            // followed by the client, is no URL.
            "other" if text("message").contains("invalid URL") => Outcome::MockError {
                status,
                detail: format!(
                    "a redirect to the mock's generated Location, which is not a URL: {}",
                    text("message")
                ),
            },
            kind => Outcome::Failed {
                message: format!("{kind}: {}", text("message")),
            },
        }
    }

    /// The outcome of a call to `path`. A path with a `#` fragment (Box's `/shared_items#folders`,
    /// AWS's `…#RecordIdentifierValueAsString`) is sent without it, as URLs are, so the mock
    /// routes the request to the operation of the path without the fragment and answers with
    /// that operation's response: a body that does not decode as this operation's is then the
    /// routing's, not the client's, and counts as not routed.
    pub fn for_path(self, path: &str) -> Outcome {
        match self {
            Outcome::DecodeFailed {
                status, message, ..
            } if path.contains('#') => Outcome::NotRouted {
                status,
                detail: format!(
                    "`{path}` is sent without its `#` fragment, so the mock answered another \
                     operation of the same path, whose body does not decode as this one's: {message}"
                ),
            },
            other => other,
        }
    }

    /// Whether a request went out.
    pub fn called(&self) -> bool {
        !matches!(self, Outcome::NotSent { .. })
    }

    /// One line for the log.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Decoded { status, warnings } if warnings.is_empty() => {
                format!("decoded ({status})")
            }
            Outcome::Decoded { status, warnings } => {
                format!("decoded ({status}); warnings: {}", warnings.join("; "))
            }
            Outcome::DecodeFailed {
                status,
                message,
                expected,
                body,
            } => format!(
                "DECODE FAILURE ({status}): {message} (expected {expected})\n    body: {body}"
            ),
            Outcome::AuthRefused { status, violations } => {
                format!("AUTH REFUSED ({status}): {}", violations.join("; "))
            }
            Outcome::Rejected { status, violations } => {
                let mut out = format!("REJECTED ({status}):");
                for v in violations {
                    let _ = write!(out, "\n    {v}");
                }
                out
            }
            Outcome::NotRouted { status, detail } => format!("NOT ROUTED ({status}): {detail}"),
            Outcome::MockError { status, detail } => format!("MOCK ERROR ({status}): {detail}"),
            Outcome::NotSent { message } => format!("NOT SENT: {message}"),
            Outcome::Failed { message } => format!("HARNESS FAILURE: {message}"),
        }
    }
}

/// Classifies an error answer by what Prism says about it: its problem type, and whether its
/// violations concern the request or the response it generated itself.
fn api(record: &Value, status: u16) -> Outcome {
    let body = record["body"].as_str().unwrap_or_default();
    let problem: Option<Value> = record["content_type"]
        .as_str()
        .filter(|t| t.contains("problem+json"))
        .and_then(|_| serde_json::from_str(body).ok());
    let problem_type = problem
        .as_ref()
        .and_then(|p| p["type"].as_str())
        .and_then(|t| t.rsplit('#').next())
        .unwrap_or_default()
        .to_owned();
    let mut detail = problem
        .as_ref()
        .map(|p| {
            let title = p["title"].as_str().unwrap_or_default();
            let detail = p["detail"].as_str().unwrap_or_default();
            format!("{problem_type}: {title}. {detail}")
        })
        .unwrap_or_else(|| body.chars().take(300).collect());
    let all = parse_violations(record["violations"].as_str(), problem.as_ref());
    let request: Vec<String> = all
        .iter()
        .filter(|v| !v.response)
        .map(|v| v.text.clone())
        .collect();
    let request_error = all.iter().any(|v| !v.response && v.error);
    let response: Vec<&str> = all
        .iter()
        .filter(|v| v.response)
        .map(|v| v.text.as_str())
        .collect();
    if !response.is_empty() {
        // What is wrong with the response says more than Prism's generic title.
        detail = format!(
            "{problem_type} of the mock's own response: {}",
            response.join("; ")
        );
    }
    match (status, problem_type.as_str()) {
        (401 | 403, _)
            if request_error || matches!(problem_type.as_str(), "UNAUTHORIZED" | "FORBIDDEN") =>
        {
            Outcome::AuthRefused {
                status,
                violations: request,
            }
        }
        (_, "NO_PATH_MATCHED_ERROR" | "NO_METHOD_MATCHED_ERROR" | "NO_SERVER_MATCHED_ERROR") => {
            Outcome::NotRouted { status, detail }
        }
        _ if request_error => Outcome::Rejected {
            status,
            violations: request,
        },
        (406 | 415, _) | (_, "NOT_ACCEPTABLE" | "UNSUPPORTED_MEDIA_TYPE") => Outcome::Rejected {
            status,
            violations: vec![detail],
        },
        _ => {
            if detail.trim().is_empty() {
                detail = format!(
                    "{status} without a violation: a response the spec defines for the operation (it has no success response)"
                );
            }
            Outcome::MockError { status, detail }
        }
    }
}

/// One of Prism's violations.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Violation {
    /// About the response Prism generated, not the request.
    response: bool,
    /// Of severity `Error`.
    error: bool,
    /// `location: message`, `[warning]` first for a lesser severity.
    text: String,
}

/// Prism's violations as `location: message` lines (`[warning]` for a lesser severity), from
/// its `sl-violations` header or the `validation` list of its problem document.
pub fn violations(header: Option<&str>, problem: Option<&Value>) -> Vec<String> {
    parse_violations(header, problem)
        .into_iter()
        .map(|v| v.text)
        .collect()
}

fn parse_violations(header: Option<&str>, problem: Option<&Value>) -> Vec<Violation> {
    let from_header = header.and_then(|h| serde_json::from_str::<Value>(h).ok());
    let list = from_header
        .as_ref()
        .and_then(Value::as_array)
        .or_else(|| problem.and_then(|p| p["validation"].as_array()));
    list.into_iter()
        .flatten()
        .map(|v| {
            let location: Vec<String> = v["location"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|l| match l {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            let severity = v["severity"].as_str().unwrap_or("Error");
            let message = v["message"].as_str().unwrap_or_default();
            let mut text = format!("{}: {message}", location.join("."));
            if severity != "Error" {
                text.insert_str(0, &format!("[{}] ", severity.to_lowercase()));
            }
            Violation {
                response: location.first().is_some_and(|l| l == "response"),
                error: severity == "Error",
                text,
            }
        })
        .collect()
}

/// How far a spec got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// The generator refused it.
    NotGenerated(String),
    /// Its caller could not be planned (an unreadable manifest).
    NotPlanned(String),
    /// The crate and its caller did not compile.
    NotBuilt(String),
    /// Prism could not load it.
    MockFailed(String),
    /// The caller ran; `Some` when it stopped early (timeout, crash), with why.
    Ran(Option<String>),
}

/// One operation's call and what it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Called {
    /// The operation id.
    pub id: String,
    /// `GET /pets/{id}`.
    pub endpoint: String,
    pub outcome: Outcome,
}

/// One spec of the run.
#[derive(Debug, Clone)]
pub struct SpecResult {
    pub name: String,
    /// Operations in the crate.
    pub operations: usize,
    pub stage: Stage,
    /// One per operation that has a record.
    pub calls: Vec<Called>,
    /// Wall time for the spec, build included.
    pub time: Duration,
}

/// Counts of one spec or of the whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub operations: usize,
    pub called: usize,
    pub accepted: usize,
    pub decoded: usize,
    pub decode_failures: usize,
    pub auth_refused: usize,
    pub rejected: usize,
    pub not_routed: usize,
    pub mock_errors: usize,
    pub not_sent: usize,
    /// Transport failures and operations the caller never reached.
    pub harness: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.operations += other.operations;
        self.called += other.called;
        self.accepted += other.accepted;
        self.decoded += other.decoded;
        self.decode_failures += other.decode_failures;
        self.auth_refused += other.auth_refused;
        self.rejected += other.rejected;
        self.not_routed += other.not_routed;
        self.mock_errors += other.mock_errors;
        self.not_sent += other.not_sent;
        self.harness += other.harness;
    }
}

impl SpecResult {
    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            operations: self.operations,
            ..Counts::default()
        };
        for call in &self.calls {
            c.called += usize::from(call.outcome.called());
            match &call.outcome {
                Outcome::Decoded { .. } => {
                    c.accepted += 1;
                    c.decoded += 1;
                }
                Outcome::DecodeFailed { .. } => {
                    c.accepted += 1;
                    c.decode_failures += 1;
                }
                Outcome::AuthRefused { .. } => c.auth_refused += 1,
                Outcome::Rejected { .. } => c.rejected += 1,
                Outcome::NotRouted { .. } => c.not_routed += 1,
                Outcome::MockError { .. } => c.mock_errors += 1,
                Outcome::NotSent { .. } => c.not_sent += 1,
                Outcome::Failed { .. } => c.harness += 1,
            }
        }
        if matches!(self.stage, Stage::Ran(_)) {
            // Operations the caller never reached.
            c.harness += self.operations.saturating_sub(self.calls.len());
        }
        c
    }
}

/// The per-spec table.
pub fn table(results: &[SpecResult]) -> String {
    let mut out = String::from(
        "| # | spec | ops | called | accepted | decoded | decode failures | auth refused | rejected | not routed | mock errors | not sent | harness | time | note |\n\
         | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n",
    );
    for (i, r) in results.iter().enumerate() {
        let c = r.counts();
        let note = match &r.stage {
            Stage::NotGenerated(m) => format!("**not generated**: {m}"),
            Stage::NotPlanned(m) => format!("**no caller**: {m}"),
            Stage::NotBuilt(m) => format!("**did not build**: {m}"),
            Stage::MockFailed(m) => format!("**mock failed to start**: {m}"),
            Stage::Ran(Some(m)) => format!("**stopped**: {m}"),
            Stage::Ran(None) => String::new(),
        };
        let ran = matches!(r.stage, Stage::Ran(_));
        let n = |v: usize| if ran { v.to_string() } else { "–".into() };
        let cells: [&dyn Display; 15] = [
            &(i + 1),
            &cell(&r.name),
            &c.operations,
            &n(c.called),
            &n(c.accepted),
            &n(c.decoded),
            &n(c.decode_failures),
            &n(c.auth_refused),
            &n(c.rejected),
            &n(c.not_routed),
            &n(c.mock_errors),
            &n(c.not_sent),
            &n(c.harness),
            &format!("{:.0} s", r.time.as_secs_f64()),
            &cell(&note),
        ];
        let _ = writeln!(out, "{}", row(&cells));
    }
    out
}

/// The sum over every spec.
pub fn totals(results: &[SpecResult]) -> Counts {
    let mut total = Counts::default();
    for r in results {
        total.add(&r.counts());
    }
    total
}

/// The closing line.
pub fn summary(results: &[SpecResult]) -> String {
    let t = totals(results);
    let ran = results
        .iter()
        .filter(|r| matches!(r.stage, Stage::Ran(_)))
        .count();
    let mut stopped = Vec::new();
    for (label, count) in [
        (
            "not generated",
            results
                .iter()
                .filter(|r| matches!(r.stage, Stage::NotGenerated(_) | Stage::NotPlanned(_)))
                .count(),
        ),
        (
            "did not build",
            results
                .iter()
                .filter(|r| matches!(r.stage, Stage::NotBuilt(_)))
                .count(),
        ),
        (
            "mock failed to start",
            results
                .iter()
                .filter(|r| matches!(r.stage, Stage::MockFailed(_)))
                .count(),
        ),
    ] {
        if count > 0 {
            stopped.push(format!("{count} {label}"));
        }
    }
    let stopped = if stopped.is_empty() {
        String::new()
    } else {
        format!(", {}", stopped.join(", "))
    };
    format!(
        "conformance: {} specs ({ran} ran{stopped}), {} operations, {} called: {} accepted, {} decoded, {} decode failures, {} refused for authentication, {} rejected, {} not routed, {} mock errors; {} not sent, {} harness failures",
        results.len(),
        t.operations,
        t.called,
        t.accepted,
        t.decoded,
        t.decode_failures,
        t.auth_refused,
        t.rejected,
        t.not_routed,
        t.mock_errors,
        t.not_sent,
        t.harness
    )
}

/// Whether the run meets the bar, and a sentence saying so: no refusal for
/// authentication, no decode failure, no harness failure, and every spec's caller built.
pub fn bar(results: &[SpecResult]) -> (bool, String) {
    let t = totals(results);
    let not_built = results
        .iter()
        .filter(|r| matches!(r.stage, Stage::NotBuilt(_) | Stage::NotPlanned(_)))
        .count();
    let mut misses = Vec::new();
    for (count, what) in [
        (t.auth_refused, "operations refused for authentication"),
        (t.decode_failures, "decode failures"),
        (t.harness, "harness failures"),
        (not_built, "callers that did not build"),
    ] {
        if count > 0 {
            misses.push(format!("{count} {what}"));
        }
    }
    if misses.is_empty() {
        (
            true,
            "Bar met: no operation refused for authentication, no decode failure, no harness failure.".into(),
        )
    } else {
        (false, format!("Bar not met: {}.", misses.join(", ")))
    }
}

/// The sections that list what went wrong: decode failures, rejected requests grouped by
/// violation, requests not routed, mock errors, values not sent, harness failures, and the
/// authentication refusals per spec.
pub fn problems(results: &[SpecResult]) -> String {
    let mut out = String::new();
    let mut section = |title: &str, header: &str, rows: Vec<String>| {
        if rows.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n### {title} ({})\n\n{header}", rows.len());
        for row in rows.iter().take(LISTED) {
            out.push_str(row);
            out.push('\n');
        }
        if rows.len() > LISTED {
            let _ = writeln!(
                out,
                "\n… and {} more (target/corpus/conformance/logs/).",
                rows.len() - LISTED
            );
        }
    };
    let each = |pick: &dyn Fn(&Outcome) -> Option<String>| -> Vec<String> {
        results
            .iter()
            .flat_map(|r| {
                r.calls.iter().filter_map(move |c| {
                    pick(&c.outcome).map(|text| {
                        let operation = format!("{} (`{}`)", cell(&c.endpoint), cell(&c.id));
                        row(&[&cell(&r.name), &operation, &cell(&text)])
                    })
                })
            })
            .collect()
    };
    const ROWS: &str = "| spec | operation | what |\n| --- | --- | --- |";
    section(
        "Decode failures",
        ROWS,
        each(&|o| match o {
            Outcome::DecodeFailed {
                status,
                message,
                expected,
                ..
            } => Some(format!("{status}: {message} (expected {expected})")),
            _ => None,
        }),
    );
    section(
        "Rejected requests, by violation",
        "| violation | requests | specs | first example |\n| --- | ---: | ---: | --- |",
        rejected_by_violation(results),
    );
    section(
        "Not routed by the mock",
        ROWS,
        each(&|o| match o {
            Outcome::NotRouted { status, detail } => Some(format!("{status}: {detail}")),
            _ => None,
        }),
    );
    section(
        "Mock errors",
        ROWS,
        each(&|o| match o {
            Outcome::MockError { status, detail } => Some(format!("{status}: {detail}")),
            _ => None,
        }),
    );
    section(
        "Not sent",
        ROWS,
        each(&|o| match o {
            Outcome::NotSent { message } => Some(message.clone()),
            _ => None,
        }),
    );
    section(
        "Harness failures",
        ROWS,
        each(&|o| match o {
            Outcome::Failed { message } => Some(message.clone()),
            _ => None,
        }),
    );
    let auth: Vec<String> = results
        .iter()
        .filter_map(|r| {
            let c = r.counts();
            let first = r.calls.iter().find_map(|c| match &c.outcome {
                Outcome::AuthRefused { status, violations } => {
                    Some(format!("{status}: {}", violations.join("; ")))
                }
                _ => None,
            })?;
            let refused = format!("{} of {}", c.auth_refused, c.called);
            Some(row(&[&cell(&r.name), &refused, &cell(&first)]))
        })
        .collect();
    section(
        "Refused for authentication, per spec",
        "| spec | refused | first answer |\n| --- | ---: | --- |",
        auth,
    );
    out
}

/// A violation message with the names it quotes and the numbers it gives left out, so that
/// the same problem in different places counts once.
pub fn violation_pattern(violation: &str) -> String {
    let (location, message) = violation.split_once(": ").unwrap_or(("", violation));
    let kind = location.split('.').take(2).collect::<Vec<_>>().join(".");
    let mut out = String::new();
    let mut in_word = false;
    for word in message.split(' ') {
        let plain = !word.contains(['\'', '"', '`'])
            && word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .all(|c| c.is_ascii_lowercase());
        if !out.is_empty() {
            out.push(' ');
        }
        if plain || word.is_empty() {
            out.push_str(word);
            in_word = false;
        } else if !in_word {
            out.push('_');
            in_word = true;
        } else {
            out.pop();
        }
    }
    format!("{kind}: {out}")
}

/// The rows of the rejected requests' table: each violation pattern, how often, in how many
/// specs, and its first example.
fn rejected_by_violation(results: &[SpecResult]) -> Vec<String> {
    let mut tally = Tally::default();
    for r in results {
        for c in &r.calls {
            let Outcome::Rejected { violations, .. } = &c.outcome else {
                continue;
            };
            for v in violations {
                tally.add(violation_pattern(v), &r.name, || {
                    format!("{} {}: {v}", r.name, c.endpoint)
                });
            }
        }
    }
    tally.rows(|pattern| vec![cell(pattern)])
}

#[cfg(test)]
mod tests;
