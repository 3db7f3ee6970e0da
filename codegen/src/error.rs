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
    /// What kind of fallback it is.
    pub class: WarningClass,
    /// JSON pointer of the schema concerned.
    pub pointer: String,
    /// What the generator did instead.
    pub message: String,
}

impl Warning {
    /// A warning of `class` at `pointer`.
    pub fn new(
        class: WarningClass,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Warning {
            class,
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

/// The kinds of [`Warning`], in order of how much they matter to a user of the generated crate:
/// what is missing from it first, what is only noted last. A summary of warnings groups them by
/// class in this order, so that one that matters is not buried under a repeated one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum WarningClass {
    /// An operation that cannot be expressed is left out (and listed in the crate docs).
    OperationLeftOut,
    /// A `$ref` to a component of the wrong kind (a response where a schema belongs, a schema
    /// where a response or request body belongs), used for what it plainly means.
    WrongRefKind,
    /// `nullable`, `readOnly` or `writeOnly` beside a `$ref`, which OpenAPI 3.0 says to ignore,
    /// honoured: the reference is wrapped in `allOf` with them (what 3.0 allows and 3.1 means).
    RefSiblings,
    /// A path parameter missing from the path template (left out), or a template variable
    /// missing from the parameters (added as a string).
    PathParameter,
    /// A duplicate `operationId` (numbered), or one without letters or digits (derived from the
    /// path).
    OperationId,
    /// A security scheme or requirement the client cannot fully honour (OpenID Connect
    /// discovery, a challenge-response HTTP scheme, a requirement naming an undeclared scheme).
    Security,
    /// A header parameter named `Authorization` that operations without a security
    /// requirement declare: made a security scheme, the operations' requirement.
    AuthorizationHeader,
    /// A schema generated as a looser type than it describes: `serde_json::Value`, or `String`
    /// and `i64` for an enum that cannot have a type of its own.
    LooseType,
    /// A `type` that OpenAPI 3.0 does not have: generated as `serde_json::Value`.
    UnknownType,
    /// `allOf`, `oneOf`, `anyOf` or discriminator parts that contribute nothing or overlap.
    Composition,
    /// An enum value that does not have the schema's type: a number or boolean of a string
    /// enum taken as its text, anything else left out.
    EnumValue,
    /// Several specs define one thing differently: shared, renamed or the first kept.
    Merge,
    /// A schema referenced where it was written (not under `components.schemas`), moved there
    /// under a derived name.
    MovedSchema,
    /// A vendor extension the generator reads, in a shape it does not know.
    Extension,
    /// A header parameter the client sets itself (`Accept`, `Content-Type`,
    /// `Authorization`), ignored as the OpenAPI specification says.
    IgnoredHeader,
    /// Content described for a success status that has no body (`204 No Content`, `205 Reset
    /// Content`), ignored as HTTP says: the response is empty.
    IgnoredBody,
    /// Keywords that do not apply to the schema's type, ignored.
    IgnoredKeyword,
    /// A `format` the generator does not know: the plain `String`, `i64` or `f64`.
    UnknownFormat,
    /// A response content key that is not a media type (`pdf`): left out of `Accept`.
    MediaType,
}

impl WarningClass {
    /// Every class, in order.
    pub const ALL: [WarningClass; 19] = [
        WarningClass::OperationLeftOut,
        WarningClass::WrongRefKind,
        WarningClass::RefSiblings,
        WarningClass::PathParameter,
        WarningClass::OperationId,
        WarningClass::Security,
        WarningClass::AuthorizationHeader,
        WarningClass::LooseType,
        WarningClass::UnknownType,
        WarningClass::Composition,
        WarningClass::EnumValue,
        WarningClass::Merge,
        WarningClass::MovedSchema,
        WarningClass::Extension,
        WarningClass::IgnoredHeader,
        WarningClass::IgnoredBody,
        WarningClass::IgnoredKeyword,
        WarningClass::UnknownFormat,
        WarningClass::MediaType,
    ];

    /// The class's name in messages, in kebab-case: `unknown-format`.
    pub fn name(self) -> &'static str {
        match self {
            WarningClass::OperationLeftOut => "operation-left-out",
            WarningClass::WrongRefKind => "wrong-ref-kind",
            WarningClass::RefSiblings => "ref-siblings",
            WarningClass::PathParameter => "path-parameter",
            WarningClass::OperationId => "operation-id",
            WarningClass::Security => "security",
            WarningClass::AuthorizationHeader => "authorization-header",
            WarningClass::LooseType => "loose-type",
            WarningClass::UnknownType => "unknown-type",
            WarningClass::Composition => "composition",
            WarningClass::EnumValue => "enum-value",
            WarningClass::Merge => "merge",
            WarningClass::MovedSchema => "moved-schema",
            WarningClass::Extension => "extension",
            WarningClass::IgnoredHeader => "ignored-header",
            WarningClass::IgnoredBody => "ignored-body",
            WarningClass::IgnoredKeyword => "ignored-keyword",
            WarningClass::UnknownFormat => "unknown-format",
            WarningClass::MediaType => "media-type",
        }
    }

    /// What the class means, in a few words, for a summary's heading.
    pub fn summary(self) -> &'static str {
        match self {
            WarningClass::OperationLeftOut => "operations left out of the crate",
            WarningClass::WrongRefKind => "`$ref`s to a component of the wrong kind, used as meant",
            WarningClass::RefSiblings => "keywords beside a `$ref`, honoured",
            WarningClass::PathParameter => "path parameters and path templates that disagree",
            WarningClass::OperationId => "duplicate or unusable operationIds, renamed",
            WarningClass::Security => "security the client cannot fully honour",
            WarningClass::AuthorizationHeader => {
                "`Authorization` header parameters made a security scheme"
            }
            WarningClass::LooseType => "schemas generated as a looser type",
            WarningClass::UnknownType => "unknown types, generated as serde_json::Value",
            WarningClass::Composition => "allOf/oneOf/anyOf parts that contribute nothing",
            WarningClass::EnumValue => "enum values of another type, converted or left out",
            WarningClass::Merge => "things the specs define differently",
            WarningClass::MovedSchema => "schemas referenced where they were written, moved",
            WarningClass::Extension => "vendor extensions in an unknown shape",
            WarningClass::IgnoredHeader => "header parameters the client sets itself, ignored",
            WarningClass::IgnoredBody => "content for a status that has no body, ignored",
            WarningClass::IgnoredKeyword => "keywords that do not apply to their type, ignored",
            WarningClass::UnknownFormat => "unknown formats, generated as the plain type",
            WarningClass::MediaType => "content keys that are not media types, left out of Accept",
        }
    }
}

impl fmt::Display for WarningClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
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
        write!(
            f,
            "{} found; nothing was generated",
            crate::naming::counted(self.0.len(), "error", "errors")
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
    fn warning_classes_are_listed_once_in_order_with_distinct_names() {
        let mut sorted = WarningClass::ALL;
        sorted.sort();
        assert_eq!(sorted, WarningClass::ALL, "ALL is in declaration order");
        let names: std::collections::BTreeSet<&str> =
            WarningClass::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), WarningClass::ALL.len(), "names are distinct");
        for class in WarningClass::ALL {
            let name = class.name();
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name} is kebab-case"
            );
            assert!(!class.summary().is_empty());
        }
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
