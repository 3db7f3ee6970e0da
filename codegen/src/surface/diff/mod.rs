//! Compares two API manifests: what changed, in API terms and in Rust semver terms.
//!
//! [`diff`] takes the manifest of the old and of the new API ([`crate::surface::manifest`]) and returns
//! a [`Report`]: one [`Entry`] per change, each with
//!
//! - a [`Severity`] in the shape of Genesys's release notes (Major, Minor, Point);
//! - a sentence in API terms ("Optional query parameter `pageSize` was added");
//! - its **Rust impact** on the generated crate and the semver [`Bump`] that impact needs.
//!
//! The section an entry is listed in is the larger of its API severity and its Rust bump: a
//! change that breaks either raw HTTP callers or Rust callers is Major. The report's
//! [`Report::semver`] is the largest Rust bump. The Rust impacts follow the evolution policy
//! in `codegen/EVOLUTION.md` (structs, enums and unions are `#[non_exhaustive]`; structs are
//! built with `new(required…)` and `with_*` setters), under which a growing API is a minor
//! release.
//!
//! Everything here is pure and deterministic: entries are sorted by section, then by subject
//! (operations by path, method and id, then models by name), then in the order they were found.
//!
//! One module per subject, each adding its entries through `Diff::push`: `operations`
//! (added, removed, renamed, moved, flags, permissions, security requirement), `params`
//! (parameters, request body, response), `models` (fields, enum values, union members),
//! `security` (security schemes and their setters); `nullability` tells a change of where
//! `null` may appear from any other change of a Rust type.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::surface::manifest::{
    Field, Kind, Manifest, Model, Operation, Param, Permissions, SecurityScheme,
};

/// How much an API change matters to a caller of the API, as in Genesys's release notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks someone: a raw HTTP caller or a Rust caller.
    Major,
    /// Adds something, or changes behaviour compatibly.
    Minor,
    /// Documentation only.
    Point,
}

impl Severity {
    const ALL: [Severity; 3] = [Severity::Major, Severity::Minor, Severity::Point];

    /// `Major changes`, `Minor changes`, `Point changes`.
    pub fn title(self) -> &'static str {
        match self {
            Severity::Major => "Major changes",
            Severity::Minor => "Minor changes",
            Severity::Point => "Point changes",
        }
    }
}

/// The version bump a change needs in the generated crate, by Rust's semver rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Documentation or behaviour fixes only.
    Patch,
    /// Source compatible additions.
    Minor,
    /// Callers may no longer compile.
    Major,
}

impl Bump {
    /// `none`, `patch`, `minor`, `major`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    fn severity(self) -> Severity {
        match self {
            Bump::Major => Severity::Major,
            Bump::Minor => Severity::Minor,
            Bump::Patch | Bump::None => Severity::Point,
        }
    }
}

/// What an entry is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Subject {
    /// An operation.
    Operation {
        /// Its `operationId`.
        operation_id: String,
        /// HTTP method.
        method: String,
        /// Path template.
        path: String,
        /// The Rust method, e.g. `ChatApi::get_chats_room`.
        rust: String,
    },
    /// A schema.
    Model {
        /// The schema name.
        name: String,
        /// The Rust type, e.g. `models::Room`.
        rust: String,
    },
    /// A security scheme.
    SecurityScheme {
        /// The scheme's name.
        name: String,
        /// Its setter, e.g. `ClientBuilder::api_key`.
        rust: String,
    },
}

impl Subject {
    fn operation(id: &str, op: &Operation) -> Subject {
        Subject::Operation {
            operation_id: id.to_owned(),
            method: op.method.clone(),
            path: op.path.clone(),
            rust: format!("{}::{}", op.api, op.rust),
        }
    }

    fn model(name: &str, model: &Model) -> Subject {
        Subject::Model {
            name: name.to_owned(),
            rust: format!("models::{}", model.rust),
        }
    }

    fn scheme(name: &str, scheme: &SecurityScheme) -> Subject {
        Subject::SecurityScheme {
            name: name.to_owned(),
            rust: format!("ClientBuilder::{}", scheme.setter),
        }
    }

    /// Operations (by path, method, id) before models (by name), then security schemes.
    fn sort_key(&self) -> (u8, &str, &str, &str) {
        match self {
            Subject::Operation {
                operation_id,
                method,
                path,
                ..
            } => (0, path, method, operation_id),
            Subject::Model { name, .. } => (1, name, "", ""),
            Subject::SecurityScheme { name, .. } => (2, name, "", ""),
        }
    }

    /// `**GET /api/v2/chats/rooms/{roomJid}** (`ChatApi::get_chats_room`)`.
    fn heading(&self) -> String {
        match self {
            Subject::Operation {
                method, path, rust, ..
            } => format!("**{method} {path}** (`{rust}`)"),
            Subject::Model { name, rust } => format!("**{name}** (`{rust}`)"),
            Subject::SecurityScheme { name, rust } => {
                format!("**Security scheme `{name}`** (`{rust}`)")
            }
        }
    }

    fn short(&self) -> String {
        match self {
            Subject::Operation { method, path, .. } => format!("{method} {path}"),
            Subject::Model { name, .. } => name.clone(),
            Subject::SecurityScheme { name, .. } => format!("security scheme `{name}`"),
        }
    }
}

/// Which kind of change an entry is, for tools reading the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// An operation was added.
    OperationAdded,
    /// An operation was removed.
    OperationRemoved,
    /// An operation got a new `operationId` (same method and path) or Rust name.
    OperationRenamed,
    /// An operation kept its `operationId` and moved to another method or path.
    PathChanged,
    /// An operation moved to another tag, so to another API group.
    OperationMoved,
    /// An operation got another tag: it is a method of one more API group.
    TagAdded,
    /// An operation lost a tag (and keeps another): it is no longer a method of that group.
    TagRemoved,
    /// A parameter was added.
    ParameterAdded,
    /// A parameter was removed.
    ParameterRemoved,
    /// A parameter became required.
    ParameterRequired,
    /// A parameter became optional.
    ParameterOptional,
    /// A parameter's Rust type changed.
    ParameterTypeChanged,
    /// A parameter's Rust name changed.
    ParameterRustNameChanged,
    /// The positional (required) parameters changed order.
    ParametersReordered,
    /// A parameter's description changed.
    ParameterDescriptionChanged,
    /// A request body was added.
    BodyAdded,
    /// The request body was removed.
    BodyRemoved,
    /// The request body's Rust type changed.
    BodyTypeChanged,
    /// The request body's media type changed.
    BodyMediaTypeChanged,
    /// The Rust type a success yields changed.
    ResponseTypeChanged,
    /// A success status was added.
    StatusAdded,
    /// A success status was removed.
    StatusRemoved,
    /// An operation was deprecated.
    Deprecated,
    /// An operation is no longer deprecated.
    Undeprecated,
    /// An operation became a preview.
    PreviewAdded,
    /// An operation is no longer a preview.
    PreviewRemoved,
    /// An operation's required permissions changed.
    PermissionsChanged,
    /// An operation's summary changed.
    SummaryChanged,
    /// An operation's or a model's description changed.
    DescriptionChanged,
    /// A schema was added.
    ModelAdded,
    /// A schema was removed.
    ModelRemoved,
    /// A schema's Rust type name changed.
    ModelRustNameChanged,
    /// A schema became another kind of type (struct, enum, union, alias).
    ModelKindChanged,
    /// The type an alias names changed.
    AliasChanged,
    /// A struct no longer implements `Default`.
    DefaultRemoved,
    /// A struct now implements `Default`.
    DefaultAdded,
    /// A property was added.
    PropertyAdded,
    /// A property was removed.
    PropertyRemoved,
    /// A property became required.
    PropertyRequired,
    /// A property became optional.
    PropertyOptional,
    /// A property became nullable.
    PropertyNullable,
    /// A property is no longer nullable.
    PropertyNotNullable,
    /// A schema, or the items, map values or members of a type, may now be `null` (a body, a
    /// response, a parameter, a union member, an alias, a property's items): the Rust type
    /// gains an `Option`.
    Nullable,
    /// A schema, or the items, map values or members of a type, can no longer be `null`.
    NotNullable,
    /// A property's Rust type changed.
    PropertyTypeChanged,
    /// A property's Rust field name changed.
    PropertyRustNameChanged,
    /// A property was deprecated.
    PropertyDeprecated,
    /// A property is no longer deprecated.
    PropertyUndeprecated,
    /// A property's description changed.
    PropertyDescriptionChanged,
    /// An enum value was added.
    EnumValueAdded,
    /// An enum value was removed.
    EnumValueRemoved,
    /// An enum value's Rust variant name changed.
    EnumValueRustNameChanged,
    /// A `oneOf`/`anyOf` member was added.
    UnionMemberAdded,
    /// A `oneOf`/`anyOf` member was removed.
    UnionMemberRemoved,
    /// A `oneOf`/`anyOf` member's Rust type changed.
    UnionMemberTypeChanged,
    /// A security scheme was added.
    SecuritySchemeAdded,
    /// A security scheme was removed.
    SecuritySchemeRemoved,
    /// A security scheme is sent differently (another type, place or name).
    SecuritySchemeChanged,
    /// A security scheme's setters changed (renamed, a grant added or removed).
    SecuritySettersChanged,
    /// The credentials an operation accepts changed.
    SecurityRequirementChanged,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The section it is listed in: the larger of its API severity and its Rust bump.
    pub severity: Severity,
    /// The operation or model.
    pub subject: Subject,
    /// Which kind of change.
    pub change: Change,
    /// What changed, in API terms.
    pub text: String,
    /// What it does to the generated crate's users.
    pub rust: String,
    /// The bump the generated crate needs for it.
    pub bump: Bump,
}

impl Entry {
    /// The Markdown line: `- {text}. Rust ({bump}): {rust}.`
    pub fn line(&self) -> String {
        format!(
            "- {}. Rust ({}): {}.",
            self.text,
            self.bump.as_str(),
            self.rust
        )
    }
}

/// Entries per section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Major entries.
    pub major: usize,
    /// Minor entries.
    pub minor: usize,
    /// Point entries.
    pub point: usize,
}

/// Everything that changed between two manifests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// `info.title` of the new API.
    pub title: String,
    /// `info.version` of the old API.
    pub old_version: String,
    /// `info.version` of the new API.
    pub new_version: String,
    /// The bump the generated crate needs: the largest of the entries'.
    pub semver: Bump,
    /// Entries per section.
    pub counts: Counts,
    /// The changes, sorted.
    pub entries: Vec<Entry>,
}

/// Compares the manifests of the old and the new API.
pub fn diff(old: &Manifest, new: &Manifest) -> Report {
    let mut d = Diff::default();
    d.operations(old, new);
    d.models(old, new);
    d.security_schemes(old, new);
    let mut entries = d.entries;
    // Stable: entries of one subject keep the order they were found in.
    entries.sort_by(|a, b| {
        (a.severity, a.subject.sort_key()).cmp(&(b.severity, b.subject.sort_key()))
    });
    let count = |s: Severity| entries.iter().filter(|e| e.severity == s).count();
    let counts = Counts {
        major: count(Severity::Major),
        minor: count(Severity::Minor),
        point: count(Severity::Point),
    };
    Report {
        title: new.title.clone(),
        old_version: old.api_version.clone(),
        new_version: new.api_version.clone(),
        semver: entries.iter().map(|e| e.bump).max().unwrap_or(Bump::None),
        counts,
        entries,
    }
}

impl Report {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The whole report as Markdown, ending with the line `semver: <bump>`.
    pub fn to_markdown(&self) -> String {
        let mut out = format!(
            "# API changes: {} {} → {}\n\n",
            self.title, self.old_version, self.new_version
        );
        if self.is_empty() {
            out.push_str("No changes.\n\n");
        } else {
            out.push_str(&self.sections(2));
        }
        let _ = writeln!(out, "semver: {}", self.semver.as_str());
        out
    }

    /// The sections (`Major changes (n)`, …) with Markdown headings of `level`, each listing
    /// its entries under their subjects.
    pub fn sections(&self, level: usize) -> String {
        let hashes = "#".repeat(level);
        let mut out = String::new();
        for severity in Severity::ALL {
            let entries: Vec<&Entry> = self
                .entries
                .iter()
                .filter(|e| e.severity == severity)
                .collect();
            if entries.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{hashes} {} ({})\n", severity.title(), entries.len());
            let mut previous: Option<&Subject> = None;
            for entry in entries {
                if previous != Some(&entry.subject) {
                    if previous.is_some() {
                        out.push('\n');
                    }
                    let _ = writeln!(out, "{}", entry.subject.heading());
                    previous = Some(&entry.subject);
                }
                let _ = writeln!(out, "{}", entry.line());
            }
            out.push('\n');
        }
        out
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// A few lines for a terminal: counts per section, the major changes, the semver line.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "API changes ({} → {}): {} major, {} minor, {} point\n",
            self.old_version,
            self.new_version,
            self.counts.major,
            self.counts.minor,
            self.counts.point
        );
        for e in self
            .entries
            .iter()
            .filter(|e| e.severity == Severity::Major)
        {
            let _ = writeln!(out, "  major: {}: {}", e.subject.short(), e.text);
        }
        let _ = writeln!(out, "semver: {}", self.semver.as_str());
        out
    }
}

#[derive(Default)]
struct Diff {
    entries: Vec<Entry>,
}

/// One key of two maps compared: only in the old one, in both with other values, or only
/// in the new one.
enum Keyed<'a, V> {
    Removed(&'a V),
    Changed(&'a V, &'a V),
    Added(&'a V),
}

/// How `new` differs from `old`, key by key: the removed and changed keys in the old map's
/// order, then the added ones in the new map's.
fn keyed<'a, K: Ord, V: PartialEq>(
    old: &'a BTreeMap<K, V>,
    new: &'a BTreeMap<K, V>,
) -> impl Iterator<Item = (&'a K, Keyed<'a, V>)> {
    let before = old.iter().filter_map(|(key, was)| match new.get(key) {
        None => Some((key, Keyed::Removed(was))),
        Some(now) if now != was => Some((key, Keyed::Changed(was, now))),
        Some(_) => None,
    });
    let added = new
        .iter()
        .filter(|(key, _)| !old.contains_key(*key))
        .map(|(key, now)| (key, Keyed::Added(now)));
    before.chain(added)
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.join(""),
    }
}

/// `a`, `b` and `c` as a list of code spans.
fn codes<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    items
        .into_iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Diff {
    fn push(
        &mut self,
        subject: &Subject,
        change: Change,
        api: Severity,
        text: String,
        bump: Bump,
        rust: String,
    ) {
        self.entries.push(Entry {
            severity: api.min(bump.severity()),
            subject: subject.clone(),
            change,
            text,
            rust,
            bump,
        });
    }
}

/// The change kind, API severity and text of a Rust type that changed from `old` to `new` at
/// `what` (`property `x``, `the response`): a change of nullability alone, said as such
/// ("Items of property `x` may now be `null`"), or any other change, said `otherwise`.
fn typed(
    old: &str,
    new: &str,
    what: &str,
    otherwise: (Change, String),
) -> (Change, Severity, String) {
    match nullability::change(old, new) {
        Some(change) => {
            let (kind, severity) = if change.now {
                (Change::Nullable, Severity::Major)
            } else {
                (Change::NotNullable, Severity::Minor)
            };
            (kind, severity, change.describe(what))
        }
        None => (otherwise.0, Severity::Major, otherwise.1),
    }
}

mod models;
mod nullability;
mod operations;
mod params;
mod security;

/// The properties an enum or union is the type of, for messages: `Room.kind`, or
/// `Room.kind, Hook.kind`.
fn used_by(properties: &[String]) -> Option<String> {
    (!properties.is_empty()).then(|| properties.join("`, `"))
}

#[cfg(test)]
mod tests {
    use super::operations::permissions_severity;
    use super::*;
    use crate::surface::manifest::{FORMAT, Field};

    fn perms(mode: &str, list: &[&str]) -> Option<Permissions> {
        Some(Permissions {
            mode: mode.into(),
            list: list.iter().map(|s| (*s).to_owned()).collect(),
        })
    }

    #[test]
    fn fewer_callers_is_major_more_callers_is_minor() {
        for (old, new, want) in [
            (None, perms("ANY", &["a"]), Severity::Major),
            (perms("ANY", &["a"]), None, Severity::Minor),
            (
                perms("ANY", &["a"]),
                perms("ANY", &["a", "b"]),
                Severity::Minor,
            ),
            (
                perms("ANY", &["a", "b"]),
                perms("ANY", &["a"]),
                Severity::Major,
            ),
            (
                perms("ALL", &["a"]),
                perms("ALL", &["a", "b"]),
                Severity::Major,
            ),
            (
                perms("ALL", &["a", "b"]),
                perms("ALL", &["a"]),
                Severity::Minor,
            ),
            (perms("ANY", &["a"]), perms("ALL", &["a"]), Severity::Major),
        ] {
            assert_eq!(
                permissions_severity(old.as_ref(), new.as_ref()),
                want,
                "{old:?} → {new:?}"
            );
        }
    }

    fn manifest(models: Vec<Model>) -> Manifest {
        Manifest {
            format: FORMAT,
            generated: String::new(),
            title: "T".into(),
            api_version: "1".into(),
            package: "p".into(),
            crate_version: "0.1.0".into(),
            operations: BTreeMap::new(),
            models: models.into_iter().map(|m| (m.rust.clone(), m)).collect(),
            security_schemes: BTreeMap::new(),
        }
    }

    fn room(field_rust: &str, variant: &str, default: bool) -> Vec<Model> {
        let room = Model {
            rust: "Room".into(),
            kind: Kind::Struct,
            nullable: false,
            default,
            doc: None,
            fields: vec![Field {
                name: "type".into(),
                rust: field_rust.into(),
                rust_type: "Option<models::RoomType>".into(),
                required: false,
                nullable: false,
                deprecated: false,
                doc: None,
            }],
            values: BTreeMap::new(),
            members: BTreeMap::new(),
            alias: None,
            used_by: Vec::new(),
        };
        let kind = Model {
            rust: "RoomType".into(),
            kind: Kind::Enum,
            nullable: false,
            default: false,
            doc: None,
            fields: Vec::new(),
            values: [("a-b".to_owned(), variant.to_owned())].into(),
            members: BTreeMap::new(),
            alias: None,
            used_by: vec!["Room.type".into()],
        };
        vec![room, kind]
    }

    /// Changes the naming rules make without a wire change: not reachable by editing one spec.
    #[test]
    fn rust_names_that_change_under_the_same_wire_name_are_major() {
        let old = manifest(room("r#type", "AB", false));
        let new = manifest(room("type_", "AB2", true));
        let lines: Vec<String> = diff(&old, &new).entries.iter().map(Entry::line).collect();
        assert_eq!(
            lines,
            [
                "- Rust name of property `type` was changed. Rust (major): field `Room::r#type` renamed to `Room::type_`: code using it no longer compiles.",
                "- Rust name of enum value `a-b` was changed (used by `Room.type`). Rust (major): variant `RoomType::AB` renamed to `RoomType::AB2`: code naming it no longer compiles.",
                "- Every required property has a default value. Rust (minor): `Room` now implements `Default`: source compatible.",
            ]
        );
    }
}
