//! The generator's typed errors.
//!
//! Every error says what is wrong and where: a file position for YAML syntax, a JSON pointer into
//! the spec (`#/components/schemas/Room/properties/roomType`) for everything the spec says, and a
//! template name plus the operation or schema being rendered for template problems. Where the fix
//! is knowable, `help` says it.

use std::fmt;

/// One problem found while generating.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The spec text could not be read as YAML (or JSON).
    #[error("{file}{}: the spec is not valid YAML: {message}", position(*.line, *.column))]
    Syntax {
        /// The spec's display name.
        file: String,
        /// 1-based line, when the parser knows it.
        line: Option<usize>,
        /// 1-based column, when the parser knows it.
        column: Option<usize>,
        /// The parser's message.
        message: String,
    },
    /// A problem located in the spec by a JSON pointer.
    #[error("{file}: {pointer}: {message}{}", help_suffix(.help))]
    Spec {
        /// The spec's display name.
        file: String,
        /// JSON pointer, e.g. `#/paths/~1api~1v2~1chats~1rooms/post`.
        pointer: String,
        /// What is wrong.
        message: String,
        /// What to do about it, or empty.
        help: String,
    },
    /// A template could not be parsed or rendered.
    #[error("template `{template}` ({subject}): {message}")]
    Template {
        /// The template's name, e.g. `model.rs.tera`.
        template: String,
        /// What was being rendered, e.g. `schema Room` or `the crate`.
        subject: String,
        /// Tera's report, with the template lines around the error.
        message: String,
    },
    /// A template produced text that is not valid Rust.
    #[error("{0}")]
    InvalidRust(Box<InvalidRust>),
    /// The generator's options are unusable (for example an invalid crate name).
    #[error("invalid option `{option}`: {message}")]
    Option {
        /// The option's name.
        option: String,
        /// What is wrong with it.
        message: String,
    },
}

/// Where a template produced text that `syn` cannot parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "template `{template}` ({subject}) produced invalid Rust in `{path}` at line {line}, column {column}: {message}\n{excerpt}"
)]
pub struct InvalidRust {
    /// The template's name.
    pub template: String,
    /// What was being rendered.
    pub subject: String,
    /// The output file.
    pub path: String,
    /// 1-based line in the rendered output.
    pub line: usize,
    /// 1-based column in the rendered output.
    pub column: usize,
    /// syn's message.
    pub message: String,
    /// The rendered lines around the error, numbered.
    pub excerpt: String,
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(":{l}:{c}"),
        (Some(l), None) => format!(":{l}"),
        _ => String::new(),
    }
}

fn help_suffix(help: &str) -> String {
    if help.is_empty() {
        String::new()
    } else {
        format!("\n  help: {help}")
    }
}

/// A fallback the generator took that is safe but may not be what the spec's author meant, such
/// as an unknown `format` generated as `String`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pointer}: {message}")]
pub struct Warning {
    /// JSON pointer of the schema concerned.
    pub pointer: String,
    /// What the generator did instead.
    pub message: String,
}

/// Every problem found in one run. Generation reports all independent problems at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    /// The individual problems, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Error> {
        self.0.iter()
    }

    /// How many problems were found.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no problem was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Error> for Errors {
    fn from(error: Error) -> Self {
        Errors(vec![error])
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in &self.0 {
            writeln!(f, "error: {error}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} error{} found; nothing was generated",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Errors {}

/// Escapes one JSON pointer segment (RFC 6901): `~` → `~0`, `/` → `~1`.
pub fn pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Builds `#/a/b/c` from raw (unescaped) segments.
pub fn pointer<I, S>(segments: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::from("#");
    for s in segments {
        out.push('/');
        out.push_str(&pointer_segment(s.as_ref()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        assert_eq!(
            pointer(["paths", "/api/v2/chats/rooms", "post"]),
            "#/paths/~1api~1v2~1chats~1rooms/post"
        );
        assert_eq!(pointer(["a~b"]), "#/a~0b");
    }

    #[test]
    fn errors_display_every_problem_and_a_count() {
        let e = Errors(vec![
            Error::Spec {
                file: "s.yaml".into(),
                pointer: "#/a".into(),
                message: "first".into(),
                help: "do x".into(),
            },
            Error::Spec {
                file: "s.yaml".into(),
                pointer: "#/b".into(),
                message: "second".into(),
                help: String::new(),
            },
        ]);
        let text = e.to_string();
        assert_eq!(
            text,
            "error: s.yaml: #/a: first\n  help: do x\nerror: s.yaml: #/b: second\n2 errors found; nothing was generated"
        );
    }
}
