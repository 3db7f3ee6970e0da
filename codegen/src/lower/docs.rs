//! Every rustdoc line the generator writes: free text made safe for rustdoc, and the
//! documentation of operations with their compiled examples.

use crate::ir::{ApiGroup, Location, Model, Operation, ResponseKind, Showcase};
use crate::naming;

/// How fields refer to a type defined in `model`'s module: the model's own type by its crate
/// path, an inline enum or union by its bare name.
pub(super) fn type_path(model: &Model, rust_name: &str) -> String {
    if rust_name == model.rust_name {
        format!("crate::models::{rust_name}")
    } else {
        rust_name.to_owned()
    }
}

/// `lines`, or `fallback` when there are none: every generated public item has rustdoc.
pub(super) fn doc_or(lines: Vec<String>, fallback: String) -> Vec<String> {
    if lines.is_empty() {
        vec![fallback]
    } else {
        lines
    }
}

/// Splits free text into rustdoc lines: trims indentation (which rustdoc would take for a code
/// block and try to compile) and escapes what Markdown would take for links or HTML.
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text else { return Vec::new() };
    let lines: Vec<String> = text
        .trim()
        .lines()
        .map(|l| {
            let mut out = String::with_capacity(l.len());
            for c in l.trim().chars() {
                if matches!(c, '[' | ']' | '<' | '>' | '`' | '*' | '_' | '#') {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        })
        .collect();
    if lines.iter().all(String::is_empty) {
        Vec::new()
    } else {
        lines
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(super) fn list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.join(""),
    }
}

pub(super) fn operation_doc(op: &Operation, lib: &str, accessor: &str) -> Vec<String> {
    let mut d = Vec::new();
    let summary = op
        .summary
        .as_deref()
        .map(|s| doc_lines(Some(s)).join(" "))
        .unwrap_or_default();
    if summary.is_empty() {
        d.push(format!("`{}` {}", op.method, op.path));
    } else {
        d.push(if summary.ends_with('.') {
            summary
        } else {
            format!("{summary}.")
        });
    }
    d.push(String::new());
    d.push(format!("`{} {}`", op.method, op.path));
    let description = doc_lines(op.description.as_deref());
    if !description.is_empty() {
        d.push(String::new());
        d.extend(description);
    }
    if op.preview {
        d.push(String::new());
        d.push("**Preview:** this is a preview operation, subject to both breaking and non-breaking changes at any time without notice.".into());
    }
    if op.deprecated {
        d.push(String::new());
        d.push("**Deprecated** by the API.".into());
    }
    if let Some(p) = &op.permissions {
        d.push(String::new());
        let which = match p.mode.as_str() {
            "ANY" => "any of",
            "ALL" => "all of",
            _ => "",
        };
        if p.list.is_empty() {
            d.push("**Permissions:** none required.".into());
        } else {
            d.push(format!(
                "**Permissions** ({which}): {}.",
                p.list
                    .iter()
                    .map(|x| format!("`{x}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    if op.security.own {
        d.push(String::new());
        d.push(authentication_doc(&op.security.alternatives));
    }
    let others: Vec<String> = op
        .groups
        .iter()
        .filter(|g| g.module != accessor)
        .map(|g| {
            format!(
                "[`{0}::{1}`](crate::apis::{0}::{1}) (tag `{2}`)",
                g.struct_name, op.fn_name, g.tag
            )
        })
        .collect();
    if !others.is_empty() {
        d.push(String::new());
        d.push(format!(
            "The operation has several tags, and this method is also {}: the same request, \
             [`{}`] in each group.",
            list(&others),
            op.builder_name
        ));
    }
    if !op.required.is_empty() || !op.optional.is_empty() {
        d.push(String::new());
        d.push("# Parameters".into());
        d.push(String::new());
        for p in &op.required {
            let what = match p.location {
                Location::Path => format!("path parameter `{}`", p.wire_name),
                Location::Query => format!("query parameter `{}`", p.wire_name),
                Location::Header => format!("header `{}`", p.wire_name),
                Location::Cookie => format!("cookie `{}`", p.wire_name),
                Location::Body => match &op.body {
                    Some(b) => format!("request body, `{}`", b.media_type),
                    None => "request body".to_owned(),
                },
            };
            d.push(format!(
                "- `{}` ({what}): {}",
                naming::bare(&p.rust_name),
                p.doc_lines.join(" ")
            ));
        }
        for p in &op.optional {
            d.push(format!(
                "- [`{}`]({}::{}) (optional {} `{}`, set on the builder): {}",
                naming::bare(&p.rust_name),
                op.builder_name,
                p.rust_name,
                match p.location {
                    Location::Header => "header",
                    Location::Cookie => "cookie",
                    _ => "query parameter",
                },
                p.wire_name,
                p.doc_lines.join(" ")
            ));
        }
    }
    d.push(String::new());
    d.push("# Returns".into());
    d.push(String::new());
    if op.response.kind == ResponseKind::Multi {
        d.push(format!(
            "Awaiting the request yields [`{}`], one variant per success status, or an [`Error`](crate::Error).",
            op.response.rust_type
        ));
    } else if op.response.kind == ResponseKind::Json {
        let held = match op.response.rust_type.strip_prefix("Option<") {
            Some(inner) if op.response.nullable => inner.strip_suffix('>').unwrap_or(inner),
            _ => &op.response.rust_type,
        };
        let link = match held.strip_prefix("crate::models::") {
            Some(name) => format!("[`{name}`]({held})"),
            None => format!("`{held}`"),
        };
        if op.response.nullable {
            d.push(format!(
                "Awaiting the request yields `Some(`{link}`)`, `None` when the service answers `null` (the API allows it), or an [`Error`](crate::Error)."
            ));
        } else {
            d.push(format!(
                "Awaiting the request yields {link}, or an [`Error`](crate::Error)."
            ));
        }
    } else {
        let what = match op.response.kind {
            ResponseKind::Text => "the body as a `String`",
            ResponseKind::Bytes => "the body as `bytes::Bytes`",
            _ => "`()` (the response has no body)",
        };
        d.push(format!(
            "Awaiting the request yields {what}, or an [`Error`](crate::Error)."
        ));
    }
    d.push(String::new());
    d.push("# Example".into());
    d.push(String::new());
    d.push("```no_run".into());
    d.push(format!(
        "# async fn example(client: {lib}::Client) -> Result<(), {lib}::Error> {{"
    ));
    let args: Vec<&str> = op.required.iter().map(|p| p.example.as_str()).collect();
    let binding = if op.response.kind != ResponseKind::Empty {
        "let response = "
    } else {
        ""
    };
    d.push(format!("{binding}client"));
    d.push(format!("    .{accessor}()"));
    d.push(format!("    .{}({})", op.fn_name, args.join(", ")));
    for p in op.optional.iter().take(1) {
        d.push(format!("    .{}({})", p.rust_name, p.example));
    }
    d.push("    .await?;".into());
    if op.response.kind != ResponseKind::Empty {
        d.push("# let _ = response;".into());
    }
    d.push("# Ok(())".into());
    d.push("# }".into());
    d.push("```".into());
    d
}

/// What an operation whose requirement differs from the API's accepts, in one line.
fn authentication_doc(alternatives: &[Vec<String>]) -> String {
    let needs_none = alternatives.is_empty() || alternatives.iter().any(Vec::is_empty);
    let named: Vec<String> = alternatives
        .iter()
        .filter(|alt| !alt.is_empty())
        .map(|alt| {
            alt.iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        })
        .collect();
    match (named.is_empty(), needs_none) {
        (true, _) => "**Authentication:** none; no credentials are sent.".to_owned(),
        (false, false) => format!("**Authentication:** {}.", named.join(", or ")),
        (false, true) => format!(
            "**Authentication:** optional: {}, when configured.",
            named.join(", or ")
        ),
    }
}

pub(super) fn showcase(groups: &[ApiGroup]) -> Option<Showcase> {
    let all = groups
        .iter()
        .flat_map(|g| g.operations.iter().map(move |o| (g, o)));
    let pick = all
        .clone()
        .find(|(_, o)| o.method == "GET" && !o.optional.is_empty() && !o.path_params.is_empty())
        .or_else(|| all.clone().find(|(_, o)| o.method == "GET"))
        .or_else(|| all.clone().next())?;
    let (group, op) = pick;
    let args: Vec<&str> = op.required.iter().map(|p| p.example.as_str()).collect();
    Some(Showcase {
        accessor: group.accessor.clone(),
        call: format!("{}({})", op.fn_name, args.join(", ")),
        options: op
            .optional
            .iter()
            .take(1)
            .map(|p| format!(".{}({})", p.rust_name, p.example))
            .collect(),
        // A code comment in the crate docs: one line.
        summary: doc_lines(op.summary.as_deref()).join(" "),
        schemes: op
            .security
            .alternatives
            .iter()
            .find(|alt| !alt.is_empty())
            .cloned()
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operations_own_requirement_is_documented() {
        let alt = |names: &[&str]| names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let table = [
            (vec![], "**Authentication:** none; no credentials are sent."),
            (
                vec![alt(&[])],
                "**Authentication:** none; no credentials are sent.",
            ),
            (
                vec![alt(&["a", "b"]), alt(&["c"])],
                "**Authentication:** `a` and `b`, or `c`.",
            ),
            (
                vec![alt(&["a"]), alt(&[])],
                "**Authentication:** optional: `a`, when configured.",
            ),
        ];
        for (alternatives, want) in table {
            assert_eq!(authentication_doc(&alternatives), want, "{alternatives:?}");
        }
    }

    #[test]
    fn doc_lines_trim_and_escape() {
        assert_eq!(
            doc_lines(Some("  a [b]\n    <c>  ")),
            vec!["a \\[b\\]", "\\<c\\>"]
        );
        assert_eq!(doc_lines(Some("  ")), Vec::<String>::new());
        assert_eq!(doc_lines(None), Vec::<String>::new());
    }
}
