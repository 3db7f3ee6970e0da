//! Stage 5: rendered text → final file contents.
//!
//! Rust files are parsed with `syn` and printed with `prettyplease` (rustfmt is never run on
//! generated code), and only then get their header line, because syn drops plain `//`
//! comments. Other files get the header in their own comment syntax.

use crate::error::Error;

/// A rendered file before formatting: which template made it, and for what.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The template's name.
    pub template: String,
    /// What was rendered, for messages: `the crate`, `API group Chat`, `schema Room`.
    pub subject: String,
    /// The rendered text.
    pub text: String,
    /// Whether the template is the user's (`--templates`) rather than a built-in: its output is
    /// checked and formatted by `syn` and `prettyplease`. Built-in templates write formatted
    /// Rust themselves (their output is parsed in the test suite instead).
    pub user_template: bool,
}

/// Formats one rendered file; `path` decides the comment syntax of the header. Rust from a
/// user's template is parsed and printed by `syn` and `prettyplease`; Rust from a built-in
/// template is already formatted and only tidied.
pub fn format(path: &str, rendered: &Rendered, header: &str) -> Result<String, Error> {
    if path.ends_with(".rs") && !rendered.user_template {
        Ok(format!("// {header}\n\n{}", tidy(&rendered.text)))
    } else if path.ends_with(".rs") {
        let parsed = syn::parse_file(&rendered.text);
        let result = parsed.map(|file| prettyplease::unparse(&file));
        // Spans carry line/column (for the error below) through a thread-local map of every
        // parsed text, which proc-macro2 never frees on its own: free it after each file.
        let result = result.map_err(|e| {
            let start = e.span().start();
            Error::InvalidRust(Box::new(crate::error::InvalidRust {
                template: rendered.template.clone(),
                subject: rendered.subject.clone(),
                path: path.to_owned(),
                line: start.line,
                column: start.column + 1,
                message: e.to_string(),
                excerpt: excerpt(&rendered.text, start.line),
            }))
        });
        proc_macro2::extra::invalidate_current_thread_spans();
        Ok(format!("// {header}\n\n{}", space_items(&result?)))
    } else if path.ends_with(".md") {
        Ok(format!("<!-- {header} -->\n\n{}", tidy(&rendered.text)))
    } else {
        Ok(format!("# {header}\n\n{}", tidy(&rendered.text)))
    }
}

/// A runtime file as it goes into the generated crate: the header line, then the text as it
/// is (runtime files are ordinary, rustfmt'ed Rust, never re-printed by prettyplease).
pub fn verbatim(text: &str, header: &str) -> String {
    format!("// {header}\n\n{text}")
}

/// Collapses runs of blank lines that template control flow leaves behind, trims trailing
/// spaces and ends the file with exactly one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = true;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            if blank {
                continue;
            }
            blank = true;
        } else {
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Puts back the blank lines `prettyplease` does not print: after the crate or module docs,
/// and between items, that is after a line that closes a block (`}`, `};`, `});`) when the
/// next line starts something new at the same or an outer level.
fn space_items(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let Some(next) = lines.get(i + 1) else { break };
        let indent = |l: &str| l.len() - l.trim_start().len();
        let closes = matches!(line.trim(), "}" | "};" | "});");
        let next_trimmed = next.trim_start();
        let continues = next_trimmed.is_empty()
            || next_trimmed.starts_with(['}', ')', ']', ','])
            || next_trimmed.starts_with("else");
        let docs_end = line.trim_start().starts_with("//!") && !next_trimmed.starts_with("//!");
        if docs_end || (closes && !continues && indent(next) <= indent(line)) {
            out.push('\n');
        }
    }
    out
}

/// The lines around `line` (1-based), numbered, with the line itself marked.
fn excerpt(text: &str, line: usize) -> String {
    let first = line.saturating_sub(3).max(1);
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(n, _)| *n >= first && *n <= line + 2)
        .map(|(n, l)| format!("{} {n:>5} | {l}", if n == line { ">" } else { " " }))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a user's template rendered (built-in templates: `user_template: false`).
    fn rendered(text: &str) -> Rendered {
        Rendered {
            template: "model.rs.tera".into(),
            subject: "schema Room".into(),
            text: text.into(),
            user_template: true,
        }
    }

    #[test]
    fn rust_from_built_in_templates_is_only_tidied() {
        let built_in = Rendered {
            user_template: false,
            ..rendered("pub struct A {\n    x: i32,   \n}\n\n\n\nfn f() {}\n\n")
        };
        let out = format("src/a.rs", &built_in, "H").expect("tidied");
        assert_eq!(out, "// H\n\npub struct A {\n    x: i32,\n}\n\nfn f() {}\n");
    }

    #[test]
    fn rust_is_pretty_printed_under_the_header() {
        let out = format("src/a.rs", &rendered("pub struct A{x:i32}"), "H").expect("valid");
        assert_eq!(out, "// H\n\npub struct A {\n    x: i32,\n}\n");
    }

    #[test]
    fn items_printed_by_prettyplease_are_spaced() {
        let text = "//! Docs.\n//! More.\n/// A.\nconst A: X = X {\n    a: 1,\n};\nimpl X {\n    fn a() {\n        if x {\n            y();\n        } else {\n            z();\n        }\n    }\n    fn b() {}\n}\nfn c() {}\n";
        let want = "//! Docs.\n//! More.\n\n/// A.\nconst A: X = X {\n    a: 1,\n};\n\nimpl X {\n    fn a() {\n        if x {\n            y();\n        } else {\n            z();\n        }\n    }\n\n    fn b() {}\n}\n\nfn c() {}\n";
        assert_eq!(space_items(text), want);
    }

    #[test]
    fn invalid_rust_names_template_subject_and_lines() {
        let err = format(
            "src/a.rs",
            &rendered("pub struct A {\n  x: i32,\n  y i32,\n}\n"),
            "H",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("template `model.rs.tera` (schema Room) produced invalid Rust in `src/a.rs` at line 3"), "{text}");
        assert!(text.contains(">     3 |   y i32,"), "{text}");
    }

    #[test]
    fn other_files_get_their_own_comment_syntax_and_are_tidied() {
        assert_eq!(
            format("Cargo.toml", &rendered("a = 1  \n\n\n\nb = 2\n\n"), "H").unwrap(),
            "# H\n\na = 1\n\nb = 2\n"
        );
        assert_eq!(
            format("README.md", &rendered("# T\n"), "H").unwrap(),
            "<!-- H -->\n\n# T\n"
        );
    }
}
