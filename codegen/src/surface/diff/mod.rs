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

/// Every `ClientBuilder` setter of a scheme, as `ClientBuilder::x`.
fn setters(scheme: &SecurityScheme) -> Vec<String> {
    std::iter::once(&scheme.setter)
        .chain(scheme.grants.values())
        .map(|s| format!("ClientBuilder::{s}"))
        .collect()
}

/// How a scheme sends its credential, in words.
fn describe_scheme(s: &SecurityScheme) -> String {
    match (s.kind.as_str(), &s.location, &s.name, &s.scheme) {
        ("apiKey", Some(location), Some(name), _) => format!("an API key in {location} `{name}`"),
        ("http", _, _, Some(scheme)) => format!("HTTP `{scheme}`"),
        ("oauth2", ..) => "OAuth 2".to_owned(),
        ("openIdConnect", ..) => "OpenID Connect".to_owned(),
        (kind, ..) => format!("`{kind}`"),
    }
}

/// A requirement in words: `` `a` and `b`, or `c` ``; `no credentials` for none.
fn requirement(alternatives: &[Vec<String>]) -> String {
    if alternatives.is_empty() {
        return "no credentials".to_owned();
    }
    alternatives
        .iter()
        .map(|alt| {
            if alt.is_empty() {
                "no credentials".to_owned()
            } else {
                alt.iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            }
        })
        .collect::<Vec<_>>()
        .join(", or ")
}

/// Whether every set of credentials that meets `old` meets `new` too: each alternative of
/// `old` holds all the schemes of some alternative of `new`. No requirement at all is met by
/// any credentials (and an empty alternative likewise).
fn accepts_all_of(new: &[Vec<String>], old: &[Vec<String>]) -> bool {
    let met_by = |have: &[String]| {
        new.is_empty()
            || new
                .iter()
                .any(|alt| alt.iter().all(|scheme| have.contains(scheme)))
    };
    if old.is_empty() {
        return met_by(&[]);
    }
    old.iter().all(|alt| met_by(alt))
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

    // ---------------------------------------------------------------- operations

    fn operations(&mut self, old: &Manifest, new: &Manifest) {
        let apis = |m: &Manifest| -> BTreeSet<String> {
            m.operations
                .values()
                .flat_map(|o| o.groups().into_iter().map(|g| g.api))
                .collect()
        };
        let (old_apis, new_apis) = (apis(old), apis(new));
        let mut added: Vec<(&String, &Operation)> = new
            .operations
            .iter()
            .filter(|(id, _)| !old.operations.contains_key(*id))
            .collect();
        for (id, old_op) in &old.operations {
            if let Some(new_op) = new.operations.get(id) {
                self.operation((id, old_op), (id, new_op), (&old_apis, &new_apis));
                continue;
            }
            // A new operationId on the same method and path is a rename.
            let renamed = added
                .iter()
                .position(|(_, n)| n.method == old_op.method && n.path == old_op.path);
            if let Some(i) = renamed {
                let (new_id, new_op) = added.remove(i);
                self.operation((id, old_op), (new_id, new_op), (&old_apis, &new_apis));
                continue;
            }
            let subject = Subject::operation(id, old_op);
            let methods: Vec<String> = old_op
                .groups()
                .iter()
                .map(|g| format!("`{}::{}`", g.api, old_op.rust))
                .collect();
            let mut rust = format!("{} removed: callers no longer compile", list(&methods));
            for g in old_op.groups() {
                if !new_apis.contains(&g.api) {
                    let _ = write!(
                        rust,
                        "; `Client::{}` and `{}` are gone with it",
                        g.accessor, g.api
                    );
                }
            }
            self.push(
                &subject,
                Change::OperationRemoved,
                Severity::Major,
                format!("Operation `{id}` was removed"),
                Bump::Major,
                rust,
            );
        }
        for (id, op) in added {
            let subject = Subject::operation(id, op);
            let methods: Vec<String> = op
                .groups()
                .iter()
                .map(|g| {
                    let mut method = format!("`{}::{}`", g.api, op.rust);
                    if !old_apis.contains(&g.api) {
                        let _ = write!(
                            method,
                            " in the new group `{}` (`Client::{}`)",
                            g.api, g.accessor
                        );
                    }
                    method
                })
                .collect();
            let mut rust = if methods.len() == 1 {
                format!("new method {}", list(&methods))
            } else {
                format!("new methods {}, one request", list(&methods))
            };
            rust.push_str(": source compatible");
            self.push(
                &subject,
                Change::OperationAdded,
                Severity::Minor,
                format!("Operation `{id}` was added"),
                Bump::Minor,
                rust,
            );
        }
    }

    fn operation(
        &mut self,
        (old_id, old): (&str, &Operation),
        (new_id, new): (&str, &Operation),
        (old_apis, new_apis): (&BTreeSet<String>, &BTreeSet<String>),
    ) {
        let s = Subject::operation(new_id, new);
        let new_groups = new.groups();
        // The first group that has the method before and after: Rust names are compared there.
        let common = old
            .groups()
            .into_iter()
            .find(|g| new_groups.iter().any(|n| n.api == g.api));
        let old_fn = format!(
            "{}::{}",
            common.as_ref().map_or(&old.api, |g| &g.api),
            old.rust
        );
        let new_fn = format!(
            "{}::{}",
            common.as_ref().map_or(&new.api, |g| &g.api),
            new.rust
        );
        if old_id != new_id {
            let (bump, rust) = if old_fn == new_fn && old.builder == new.builder {
                (
                    Bump::Patch,
                    "method name unchanged: source compatible".to_owned(),
                )
            } else {
                (
                    Bump::Major,
                    format!("`{old_fn}` renamed to `{new_fn}`: callers no longer compile"),
                )
            };
            self.push(
                &s,
                Change::OperationRenamed,
                Severity::Point,
                format!(
                    "Operation `{old_id}` was renamed to `{new_id}` (same `{} {}`)",
                    new.method, new.path
                ),
                bump,
                rust,
            );
        } else if common.is_none() {
            let apis: Vec<String> = new_groups.iter().map(|g| format!("`{}`", g.api)).collect();
            let methods: Vec<String> = new_groups
                .iter()
                .map(|g| format!("`{}::{}` (`client.{}()`)", g.api, new.rust, g.accessor))
                .collect();
            let before: Vec<String> = old
                .groups()
                .iter()
                .map(|g| format!("`{}::{}`", g.api, old.rust))
                .collect();
            let mut rust = format!(
                "{} moved to {}: callers no longer compile",
                list(&before),
                list(&methods)
            );
            for g in old.groups() {
                if !new_apis.contains(&g.api) {
                    let _ = write!(
                        rust,
                        "; `Client::{}` and `{}` are gone with it",
                        g.accessor, g.api
                    );
                }
            }
            self.push(
                &s,
                Change::OperationMoved,
                Severity::Point,
                format!("Operation was moved to another tag ({})", list(&apis)),
                Bump::Major,
                rust,
            );
        } else if old.rust != new.rust || old.builder != new.builder {
            self.push(
                &s,
                Change::OperationRenamed,
                Severity::Point,
                "Rust name of the operation was changed".to_owned(),
                Bump::Major,
                format!(
                    "`{old_fn}` (request `{}`) renamed to `{new_fn}` (request `{}`): callers no longer compile",
                    old.builder, new.builder
                ),
            );
        }
        if common.is_some() {
            self.tags(&s, old, new, old_apis, new_apis);
        }
        if old.method != new.method || old.path != new.path {
            self.push(
                &s,
                Change::PathChanged,
                Severity::Major,
                format!(
                    "Path was changed from `{} {}` to `{} {}`",
                    old.method, old.path, new.method, new.path
                ),
                Bump::Minor,
                format!(
                    "`{new_fn}` keeps its signature and now sends `{} {}`: source compatible, new behaviour",
                    new.method, new.path
                ),
            );
        }
        self.params(&s, old, new);
        self.body_and_response(&s, old, new);
        self.operation_flags(&s, old, new);
    }

    /// An operation that keeps a group but gains or loses others: a tag added or removed.
    fn tags(
        &mut self,
        s: &Subject,
        old: &Operation,
        new: &Operation,
        old_apis: &BTreeSet<String>,
        new_apis: &BTreeSet<String>,
    ) {
        let (before, after) = (old.groups(), new.groups());
        let has = |groups: &[crate::surface::manifest::Group], api: &str| {
            groups.iter().any(|g| g.api == api)
        };
        let kept: Vec<String> = after
            .iter()
            .filter(|g| has(&before, &g.api))
            .map(|g| format!("`{}::{}`", g.api, new.rust))
            .collect();
        for g in after.iter().filter(|g| !has(&before, &g.api)) {
            let mut rust = format!(
                "new method `{}::{}`, the same request (`{}`) as {}",
                g.api,
                new.rust,
                new.builder,
                list(&kept)
            );
            if !old_apis.contains(&g.api) {
                let _ = write!(
                    rust,
                    ", in the new group `{}` (`Client::{}`)",
                    g.api, g.accessor
                );
            }
            rust.push_str(": source compatible");
            self.push(
                s,
                Change::TagAdded,
                Severity::Point,
                format!(
                    "The operation got another tag: it is also in the API group `{}`",
                    g.api
                ),
                Bump::Minor,
                rust,
            );
        }
        for g in before.iter().filter(|g| !has(&after, &g.api)) {
            let mut rust = format!(
                "`{}::{}` removed ({} stays): callers of it no longer compile",
                g.api,
                old.rust,
                list(&kept)
            );
            if !new_apis.contains(&g.api) {
                let _ = write!(
                    rust,
                    "; `Client::{}` and `{}` are gone with it",
                    g.accessor, g.api
                );
            }
            self.push(
                s,
                Change::TagRemoved,
                Severity::Point,
                format!(
                    "The operation lost a tag: it is no longer in the API group `{}`",
                    g.api
                ),
                Bump::Major,
                rust,
            );
        }
    }

    fn params(&mut self, s: &Subject, old: &Operation, new: &Operation) {
        let key = |p: &Param| (p.location, p.name.clone());
        let old_by: BTreeMap<_, &Param> = old.params.iter().map(|p| (key(p), p)).collect();
        let new_by: BTreeMap<_, &Param> = new.params.iter().map(|p| (key(p), p)).collect();
        let new_fn = format!("{}::{}", new.api, new.rust);
        for p in &old.params {
            if new_by.contains_key(&key(p)) {
                continue;
            }
            let rust = if p.required {
                format!(
                    "`{new_fn}` no longer takes the argument `{}`: callers no longer compile",
                    p.rust
                )
            } else {
                format!(
                    "setter `{}::{}` removed: callers that set it no longer compile",
                    old.builder, p.rust
                )
            };
            self.push(
                s,
                Change::ParameterRemoved,
                Severity::Major,
                format!("Parameter `{}` was removed", p.name),
                Bump::Major,
                rust,
            );
        }
        for p in &new.params {
            let Some(before) = old_by.get(&key(p)) else {
                if p.required {
                    self.push(
                        s,
                        Change::ParameterAdded,
                        Severity::Major,
                        format!(
                            "Required {} parameter `{}` was added",
                            p.location.as_str(),
                            p.name
                        ),
                        Bump::Major,
                        format!(
                            "`{new_fn}` takes a new argument `{}: {}`: callers no longer compile",
                            p.rust, p.rust_type
                        ),
                    );
                } else {
                    self.push(
                        s,
                        Change::ParameterAdded,
                        Severity::Minor,
                        format!(
                            "Optional {} parameter `{}` was added",
                            p.location.as_str(),
                            p.name
                        ),
                        Bump::Minor,
                        format!(
                            "new optional {} parameter `{}`, set with `{}::{}`: source compatible",
                            p.location.as_str(),
                            p.rust,
                            new.builder,
                            p.rust
                        ),
                    );
                }
                continue;
            };
            self.param(s, &new_fn, &new.builder, before, p);
        }
        // Positional arguments kept by both versions, in their order.
        let positional = |params: &[Param], other: &BTreeMap<_, &Param>| -> Vec<String> {
            params
                .iter()
                .filter(|p| p.required && other.get(&key(p)).is_some_and(|q| q.required))
                .map(|p| p.rust.clone())
                .collect()
        };
        let (before, after) = (
            positional(&old.params, &new_by),
            positional(&new.params, &old_by),
        );
        if before != after {
            self.push(
                s,
                Change::ParametersReordered,
                Severity::Point,
                "Order of the required parameters was changed".to_owned(),
                Bump::Major,
                format!(
                    "arguments of `{new_fn}` reordered from ({}) to ({}): callers no longer compile, or silently swap values of the same type",
                    before.join(", "),
                    after.join(", ")
                ),
            );
        }
    }

    fn param(&mut self, s: &Subject, new_fn: &str, builder: &str, old: &Param, new: &Param) {
        let name = &new.name;
        if old.required != new.required {
            if new.required {
                self.push(
                    s,
                    Change::ParameterRequired,
                    Severity::Major,
                    format!("Parameter `{name}` was changed from optional to required"),
                    Bump::Major,
                    format!(
                        "setter `{builder}::{}` became an argument of `{new_fn}`: callers no longer compile",
                        old.rust
                    ),
                );
            } else {
                self.push(
                    s,
                    Change::ParameterOptional,
                    Severity::Minor,
                    format!("Parameter `{name}` was changed from required to optional"),
                    Bump::Major,
                    format!(
                        "argument `{}` of `{new_fn}` became the setter `{builder}::{}`: callers no longer compile",
                        old.rust, new.rust
                    ),
                );
            }
        } else if old.rust != new.rust {
            let what = if new.required { "argument" } else { "setter" };
            self.push(
                s,
                Change::ParameterRustNameChanged,
                Severity::Point,
                format!("Rust name of parameter `{name}` was changed"),
                if new.required { Bump::Patch } else { Bump::Major },
                if new.required {
                    format!(
                        "{what} `{}` renamed to `{}`; arguments are positional: source compatible",
                        old.rust, new.rust
                    )
                } else {
                    format!(
                        "{what} `{builder}::{}` renamed to `{builder}::{}`: callers no longer compile",
                        old.rust, new.rust
                    )
                },
            );
        }
        if old.rust_type != new.rust_type {
            let what = if new.required {
                format!("argument `{}` of `{new_fn}`", new.rust)
            } else {
                format!("setter `{builder}::{}`", new.rust)
            };
            let (change, api, text) = typed(
                &old.rust_type,
                &new.rust_type,
                &format!("parameter `{name}`"),
                (
                    Change::ParameterTypeChanged,
                    format!("Type of parameter `{name}` was changed"),
                ),
            );
            self.push(
                s,
                change,
                api,
                text,
                Bump::Major,
                format!(
                    "{what} takes `{}` instead of `{}`: callers no longer compile",
                    new.rust_type, old.rust_type
                ),
            );
        }
        if old.doc != new.doc {
            self.push(
                s,
                Change::ParameterDescriptionChanged,
                Severity::Point,
                format!("Description of parameter `{name}` was changed"),
                Bump::Patch,
                "documentation only".to_owned(),
            );
        }
    }

    fn body_and_response(&mut self, s: &Subject, old: &Operation, new: &Operation) {
        let new_fn = format!("{}::{}", new.api, new.rust);
        match (&old.body, &new.body) {
            (None, Some(b)) => self.push(
                s,
                Change::BodyAdded,
                Severity::Major,
                "Request body was added".to_owned(),
                Bump::Major,
                format!(
                    "`{new_fn}` takes a new argument `body: {}`: callers no longer compile",
                    b.rust_type
                ),
            ),
            (Some(_), None) => self.push(
                s,
                Change::BodyRemoved,
                Severity::Major,
                "Request body was removed".to_owned(),
                Bump::Major,
                format!("`{new_fn}` no longer takes a body argument: callers no longer compile"),
            ),
            (Some(a), Some(b)) => {
                if a.rust_type != b.rust_type {
                    let (change, api, text) = typed(
                        &a.rust_type,
                        &b.rust_type,
                        "the request body",
                        (
                            Change::BodyTypeChanged,
                            "Type of the request body was changed".to_owned(),
                        ),
                    );
                    self.push(
                        s,
                        change,
                        api,
                        text,
                        Bump::Major,
                        format!(
                            "the body argument of `{new_fn}` is `{}` instead of `{}`: callers no longer compile",
                            b.rust_type, a.rust_type
                        ),
                    );
                }
                if a.media_type != b.media_type {
                    self.push(
                        s,
                        Change::BodyMediaTypeChanged,
                        Severity::Major,
                        format!(
                            "Request body media type was changed from `{}` to `{}`",
                            a.media_type, b.media_type
                        ),
                        Bump::Minor,
                        format!(
                            "`{new_fn}` now sends the body as `{}`: source compatible, new behaviour",
                            b.media_type
                        ),
                    );
                }
            }
            (None, None) => {}
        }
        if old.response.rust_type != new.response.rust_type {
            let (change, api, text) = typed(
                &old.response.rust_type,
                &new.response.rust_type,
                "the response",
                (
                    Change::ResponseTypeChanged,
                    "Response type was changed".to_owned(),
                ),
            );
            self.push(
                s,
                change,
                api,
                text,
                Bump::Major,
                format!(
                    "`{new_fn}` yields `{}` instead of `{}`: code using the result may no longer compile",
                    new.response.rust_type, old.response.rust_type
                ),
            );
        }
        let unchanged = old.response.rust_type == new.response.rust_type;
        let same_type = || format!("none, `{new_fn}` still yields `{}`", new.response.rust_type);
        for status in &old.response.statuses {
            if !new.response.statuses.contains(status) {
                self.push(
                    s,
                    Change::StatusRemoved,
                    Severity::Major,
                    format!("Response `{status}` was removed"),
                    Bump::Patch,
                    if unchanged {
                        same_type()
                    } else {
                        "see the response type".to_owned()
                    },
                );
            }
        }
        for status in &new.response.statuses {
            if !old.response.statuses.contains(status) {
                self.push(
                    s,
                    Change::StatusAdded,
                    Severity::Minor,
                    format!("Response `{status}` was added"),
                    Bump::Patch,
                    if unchanged {
                        same_type()
                    } else {
                        "see the response type".to_owned()
                    },
                );
            }
        }
    }

    fn operation_flags(&mut self, s: &Subject, old: &Operation, new: &Operation) {
        let new_fn = format!("{}::{}", new.api, new.rust);
        if old.deprecated != new.deprecated {
            if new.deprecated {
                self.push(
                    s,
                    Change::Deprecated,
                    Severity::Minor,
                    "Operation was deprecated".to_owned(),
                    Bump::Minor,
                    format!("`{new_fn}` is `#[deprecated]`: callers get a warning"),
                );
            } else {
                self.push(
                    s,
                    Change::Undeprecated,
                    Severity::Point,
                    "Operation is no longer deprecated".to_owned(),
                    Bump::Patch,
                    format!("`#[deprecated]` removed from `{new_fn}`"),
                );
            }
        }
        if old.preview != new.preview {
            let (change, text) = if new.preview {
                (
                    Change::PreviewAdded,
                    "Operation is now a preview (it may change without notice)",
                )
            } else {
                (Change::PreviewRemoved, "Operation is no longer a preview")
            };
            self.push(
                s,
                change,
                Severity::Minor,
                text.to_owned(),
                Bump::Patch,
                "documentation only".to_owned(),
            );
        }
        if old.permissions != new.permissions {
            let show = |p: &Option<Permissions>| match p {
                None => "none".to_owned(),
                Some(p) => format!("{} of {}", p.mode, codes(&p.list)),
            };
            self.push(
                s,
                Change::PermissionsChanged,
                permissions_severity(old.permissions.as_ref(), new.permissions.as_ref()),
                format!(
                    "Permissions were changed from {} to {}",
                    show(&old.permissions),
                    show(&new.permissions)
                ),
                Bump::Patch,
                "documentation only (callers without the permissions get 403 errors)".to_owned(),
            );
        }
        if old.security != new.security {
            let looser = accepts_all_of(&new.security, &old.security);
            let (api, rust) = if looser {
                (
                    Severity::Minor,
                    "a client configured for what it accepted before still sends its requests: source compatible".to_owned(),
                )
            } else {
                (
                    Severity::Major,
                    "source compatible, but a client configured only for what it accepted before fails before sending (`Error::MissingCredentials`) until it is given the credentials now required".to_owned(),
                )
            };
            self.push(
                s,
                Change::SecurityRequirementChanged,
                api,
                format!(
                    "Security requirement was changed from {} to {}",
                    requirement(&old.security),
                    requirement(&new.security)
                ),
                if looser { Bump::Minor } else { Bump::Patch },
                rust,
            );
        }
        if old.summary != new.summary {
            self.push(
                s,
                Change::SummaryChanged,
                Severity::Point,
                "Summary was changed".to_owned(),
                Bump::Patch,
                "documentation only".to_owned(),
            );
        }
        if old.description != new.description {
            self.push(
                s,
                Change::DescriptionChanged,
                Severity::Point,
                "Description was changed".to_owned(),
                Bump::Patch,
                "documentation only".to_owned(),
            );
        }
    }

    // ---------------------------------------------------------------- models

    // ---------------------------------------------------------------- security schemes

    fn security_schemes(&mut self, old: &Manifest, new: &Manifest) {
        for (name, o) in &old.security_schemes {
            let subject = Subject::scheme(name, o);
            let Some(n) = new.security_schemes.get(name) else {
                let setters = setters(o);
                self.push(
                    &subject,
                    Change::SecuritySchemeRemoved,
                    Severity::Major,
                    format!("Security scheme `{name}` was removed"),
                    Bump::Major,
                    format!("{} removed: callers no longer compile", codes(&setters)),
                );
                continue;
            };
            let placement = |s: &SecurityScheme| {
                (
                    s.kind.clone(),
                    s.scheme.as_ref().map(|x| x.to_ascii_lowercase()),
                    s.location.clone(),
                    s.name.clone(),
                )
            };
            if placement(o) != placement(n) {
                let takes = |s: &SecurityScheme| {
                    if s.kind == "http"
                        && s.scheme
                            .as_deref()
                            .is_some_and(|x| x.eq_ignore_ascii_case("basic"))
                    {
                        "a user name and a password"
                    } else {
                        "one credential"
                    }
                };
                let (bump, rust) = if takes(o) == takes(n) {
                    (
                        Bump::Patch,
                        format!(
                            "`ClientBuilder::{}` sends its credential as {}: source compatible",
                            n.setter,
                            describe_scheme(n)
                        ),
                    )
                } else {
                    (
                        Bump::Major,
                        format!(
                            "`ClientBuilder::{}` now takes {}: callers no longer compile",
                            n.setter,
                            takes(n)
                        ),
                    )
                };
                self.push(
                    &subject,
                    Change::SecuritySchemeChanged,
                    Severity::Major,
                    format!(
                        "Security scheme `{name}` was changed from {} to {}",
                        describe_scheme(o),
                        describe_scheme(n)
                    ),
                    bump,
                    rust,
                );
            }
            let (old_setters, new_setters): (BTreeSet<String>, BTreeSet<String>) = (
                setters(o).into_iter().collect(),
                setters(n).into_iter().collect(),
            );
            let removed: Vec<&String> = old_setters.difference(&new_setters).collect();
            let added: Vec<&String> = new_setters.difference(&old_setters).collect();
            if !removed.is_empty() {
                self.push(
                    &subject,
                    Change::SecuritySettersChanged,
                    Severity::Point,
                    format!("Security scheme `{name}` lost a way to configure it"),
                    Bump::Major,
                    format!(
                        "{} removed{}: callers no longer compile",
                        codes(removed.iter().copied()),
                        if added.is_empty() {
                            String::new()
                        } else {
                            format!(" ({} added)", codes(added.iter().copied()))
                        }
                    ),
                );
            } else if !added.is_empty() {
                self.push(
                    &subject,
                    Change::SecuritySettersChanged,
                    Severity::Minor,
                    format!("Security scheme `{name}` gained a way to configure it"),
                    Bump::Minor,
                    format!("new {}: source compatible", codes(added.iter().copied())),
                );
            }
        }
        for (name, n) in &new.security_schemes {
            if old.security_schemes.contains_key(name) {
                continue;
            }
            self.push(
                &Subject::scheme(name, n),
                Change::SecuritySchemeAdded,
                Severity::Minor,
                format!(
                    "Security scheme `{name}` ({}) was added",
                    describe_scheme(n)
                ),
                Bump::Minor,
                format!("new {}: source compatible", codes(&setters(n))),
            );
        }
    }

    fn models(&mut self, old: &Manifest, new: &Manifest) {
        for (name, m) in &old.models {
            match new.models.get(name) {
                Some(n) => self.model(name, m, n),
                None => self.push(
                    &Subject::model(name, m),
                    Change::ModelRemoved,
                    Severity::Major,
                    format!("Model `{name}` was removed"),
                    Bump::Major,
                    format!(
                        "`models::{}` removed: code naming it no longer compiles",
                        m.rust
                    ),
                ),
            }
        }
        for (name, m) in &new.models {
            if !old.models.contains_key(name) {
                self.push(
                    &Subject::model(name, m),
                    Change::ModelAdded,
                    Severity::Minor,
                    format!("Model `{name}` was added"),
                    Bump::Minor,
                    format!(
                        "new {} `models::{}`: source compatible",
                        m.kind.as_str(),
                        m.rust
                    ),
                );
            }
        }
    }

    fn model(&mut self, name: &str, old: &Model, new: &Model) {
        let s = Subject::model(name, new);
        if old.rust != new.rust {
            self.push(
                &s,
                Change::ModelRustNameChanged,
                Severity::Point,
                format!("Rust name of model `{name}` was changed"),
                Bump::Major,
                format!(
                    "`models::{}` renamed to `models::{}`: code naming it no longer compiles",
                    old.rust, new.rust
                ),
            );
        }
        if old.kind != new.kind {
            self.push(
                &s,
                Change::ModelKindChanged,
                Severity::Major,
                format!(
                    "Model `{name}` was changed from {} to {}",
                    describe_kind(old.kind),
                    describe_kind(new.kind)
                ),
                Bump::Major,
                format!(
                    "`models::{}` is {} instead of {}: code using it no longer compiles",
                    new.rust,
                    rust_kind(new.kind),
                    rust_kind(old.kind)
                ),
            );
        } else {
            match new.kind {
                Kind::Struct => self.fields(&s, old, new),
                Kind::Enum => {
                    let used = used_by(&new.used_by);
                    self.values(&s, &new.rust, used.as_deref(), &old.values, &new.values);
                }
                Kind::Union => {
                    let used = used_by(&new.used_by);
                    self.members(&s, &new.rust, used.as_deref(), &old.members, &new.members);
                }
                Kind::Alias => {
                    if old.alias != new.alias {
                        let show = |a: &Option<String>| a.clone().unwrap_or_default();
                        let (change, api, text) = typed(
                            &show(&old.alias),
                            &show(&new.alias),
                            &format!("model `{name}`"),
                            (
                                Change::AliasChanged,
                                format!("Type of model `{name}` was changed"),
                            ),
                        );
                        self.push(
                            &s,
                            change,
                            api,
                            text,
                            Bump::Major,
                            format!(
                                "`models::{}` is `{}` instead of `{}`: code using it may no longer compile",
                                new.rust,
                                show(&new.alias),
                                show(&old.alias)
                            ),
                        );
                    }
                }
            }
        }
        if old.nullable != new.nullable {
            let (change, api, text, rust) = if new.nullable {
                (
                    Change::Nullable,
                    Severity::Major,
                    format!("Model `{name}` is now nullable: `null` is one of its values"),
                    format!(
                        "`models::{0}` is unchanged, and every place that uses it holds `Option<models::{0}>` (the entries of those places give their impact)",
                        new.rust
                    ),
                )
            } else {
                (
                    Change::NotNullable,
                    Severity::Minor,
                    format!("Model `{name}` is no longer nullable"),
                    format!(
                        "`models::{0}` is unchanged, and the places that use it hold `models::{0}` instead of `Option<models::{0}>` (the entries of those places give their impact)",
                        new.rust
                    ),
                )
            };
            self.push(&s, change, api, text, Bump::Patch, rust);
        }
        if old.doc != new.doc {
            self.push(
                &s,
                Change::DescriptionChanged,
                Severity::Point,
                "Description was changed".to_owned(),
                Bump::Patch,
                "documentation only".to_owned(),
            );
        }
    }

    fn fields(&mut self, s: &Subject, old: &Model, new: &Model) {
        let ty = &new.rust;
        let old_by: BTreeMap<&str, &Field> =
            old.fields.iter().map(|f| (f.name.as_str(), f)).collect();
        let new_by: BTreeMap<&str, &Field> =
            new.fields.iter().map(|f| (f.name.as_str(), f)).collect();
        for f in &old.fields {
            if !new_by.contains_key(f.name.as_str()) {
                self.push(
                    s,
                    Change::PropertyRemoved,
                    Severity::Major,
                    format!("Property `{}` was removed", f.name),
                    Bump::Major,
                    format!(
                        "field `{ty}::{}` removed: code that reads or sets it no longer compiles",
                        f.rust
                    ),
                );
            }
        }
        for f in &new.fields {
            match old_by.get(f.name.as_str()) {
                Some(before) => self.field(s, ty, before, f),
                None if f.required => self.push(
                    s,
                    Change::PropertyAdded,
                    Severity::Major,
                    format!("Required property `{}` was added", f.name),
                    Bump::Major,
                    format!(
                        "new field `{ty}::{}: {}`, and `{ty}::new` takes it as a new argument: callers of `new` no longer compile",
                        f.rust, f.rust_type
                    ),
                ),
                None => self.push(
                    s,
                    Change::PropertyAdded,
                    Severity::Minor,
                    format!("Optional property `{}` was added", f.name),
                    Bump::Minor,
                    format!(
                        "new field `{ty}::{}: {}`; `{ty}` is `#[non_exhaustive]`: source compatible",
                        f.rust, f.rust_type
                    ),
                ),
            }
        }
        if old.default && !new.default {
            self.push(
                s,
                Change::DefaultRemoved,
                Severity::Point,
                "A required property has no default value".to_owned(),
                Bump::Major,
                format!(
                    "`{ty}` no longer implements `Default`: `{ty}::default()` no longer compiles"
                ),
            );
        } else if !old.default && new.default && new.kind == Kind::Struct {
            self.push(
                s,
                Change::DefaultAdded,
                Severity::Point,
                "Every required property has a default value".to_owned(),
                Bump::Minor,
                format!("`{ty}` now implements `Default`: source compatible"),
            );
        }
    }

    fn field(&mut self, s: &Subject, ty: &str, old: &Field, new: &Field) {
        let name = &new.name;
        let retyped = || {
            if old.rust_type == new.rust_type {
                format!(
                    "field `{ty}::{}` keeps its type `{}`",
                    new.rust, new.rust_type
                )
            } else {
                format!(
                    "field `{ty}::{}` is `{}` instead of `{}`",
                    new.rust, new.rust_type, old.rust_type
                )
            }
        };
        if old.rust != new.rust {
            self.push(
                s,
                Change::PropertyRustNameChanged,
                Severity::Point,
                format!("Rust name of property `{name}` was changed"),
                Bump::Major,
                format!(
                    "field `{ty}::{}` renamed to `{ty}::{}`: code using it no longer compiles",
                    old.rust, new.rust
                ),
            );
        }
        if old.required != new.required {
            let (change, api, text, ctor) = if new.required {
                (
                    Change::PropertyRequired,
                    Severity::Major,
                    format!("Property `{name}` was changed from optional to required"),
                    "takes it as a new argument",
                )
            } else {
                (
                    Change::PropertyOptional,
                    Severity::Minor,
                    format!("Property `{name}` was changed from required to optional"),
                    "no longer takes it",
                )
            };
            self.push(
                s,
                change,
                api,
                text,
                Bump::Major,
                format!(
                    "{}, and `{ty}::new` {ctor}: code using it no longer compiles",
                    retyped()
                ),
            );
        } else if old.nullable != new.nullable {
            let (change, api, text) = if new.nullable {
                (
                    Change::PropertyNullable,
                    Severity::Major,
                    format!("Property `{name}` is now nullable"),
                )
            } else {
                (
                    Change::PropertyNotNullable,
                    Severity::Minor,
                    format!("Property `{name}` is no longer nullable"),
                )
            };
            let bump = if old.rust_type == new.rust_type {
                Bump::Patch
            } else {
                Bump::Major
            };
            let rust = if bump == Bump::Major {
                format!("{}: code using it no longer compiles", retyped())
            } else {
                format!("{}: source compatible", retyped())
            };
            self.push(s, change, api, text, bump, rust);
        } else if old.rust_type != new.rust_type {
            let (change, api, text) = typed(
                &old.rust_type,
                &new.rust_type,
                &format!("property `{name}`"),
                (
                    Change::PropertyTypeChanged,
                    format!("Type of property `{name}` was changed"),
                ),
            );
            self.push(
                s,
                change,
                api,
                text,
                Bump::Major,
                format!("{}: code using it no longer compiles", retyped()),
            );
        }
        if old.deprecated != new.deprecated {
            if new.deprecated {
                self.push(
                    s,
                    Change::PropertyDeprecated,
                    Severity::Minor,
                    format!("Property `{name}` was deprecated"),
                    Bump::Minor,
                    format!(
                        "field `{ty}::{}` is `#[deprecated]`: code using it gets a warning",
                        new.rust
                    ),
                );
            } else {
                self.push(
                    s,
                    Change::PropertyUndeprecated,
                    Severity::Point,
                    format!("Property `{name}` is no longer deprecated"),
                    Bump::Patch,
                    format!("`#[deprecated]` removed from `{ty}::{}`", new.rust),
                );
            }
        }
        if old.doc != new.doc {
            self.push(
                s,
                Change::PropertyDescriptionChanged,
                Severity::Point,
                format!("Description of property `{name}` was changed"),
                Bump::Patch,
                "documentation only".to_owned(),
            );
        }
    }

    /// Enum values: of a named enum schema (`property` is `None`), or of a property's inline
    /// enum `ty`.
    /// Reports the values added to or removed from the enum `ty`, naming the properties that
    /// use it (`Model.property`, several joined).
    fn values(
        &mut self,
        s: &Subject,
        ty: &str,
        property: Option<&str>,
        old: &BTreeMap<String, String>,
        new: &BTreeMap<String, String>,
    ) {
        let used = match property {
            Some(p) => format!(" (used by `{p}`)"),
            None => String::new(),
        };
        for (value, variant) in old {
            match new.get(value) {
                None => self.push(
                    s,
                    Change::EnumValueRemoved,
                    Severity::Major,
                    format!("Enum value `{value}` was removed{used}"),
                    Bump::Major,
                    format!(
                        "variant `{ty}::{variant}` removed: code naming it no longer compiles, and `{value}` now decodes as `{ty}::Unknown`"
                    ),
                ),
                Some(now) if now != variant => self.push(
                    s,
                    Change::EnumValueRustNameChanged,
                    Severity::Point,
                    format!("Rust name of enum value `{value}` was changed{used}"),
                    Bump::Major,
                    format!(
                        "variant `{ty}::{variant}` renamed to `{ty}::{now}`: code naming it no longer compiles"
                    ),
                ),
                Some(_) => {}
            }
        }
        for (value, variant) in new {
            if !old.contains_key(value) {
                self.push(
                    s,
                    Change::EnumValueAdded,
                    Severity::Minor,
                    format!("Enum value `{value}` was added{used}"),
                    Bump::Minor,
                    format!(
                        "new variant `{ty}::{variant}`; `{ty}` is `#[non_exhaustive]`: source compatible (`{value}` decoded as `{ty}::Unknown` before)"
                    ),
                );
            }
        }
    }

    /// Union members (Rust variant → type): of a named union schema, or of a property's
    /// inline union `ty`.
    fn members(
        &mut self,
        s: &Subject,
        ty: &str,
        property: Option<&str>,
        old: &BTreeMap<String, String>,
        new: &BTreeMap<String, String>,
    ) {
        let used = match property {
            Some(p) => format!(" (used by `{p}`)"),
            None => String::new(),
        };
        for (variant, member) in old {
            match new.get(variant) {
                None => self.push(
                    s,
                    Change::UnionMemberRemoved,
                    Severity::Major,
                    format!("Member `{variant}` was removed{used}"),
                    Bump::Major,
                    format!("variant `{ty}::{variant}` removed: code naming it no longer compiles"),
                ),
                Some(now) if now != member => {
                    let (change, api, text) = typed(
                        member,
                        now,
                        &format!("member `{variant}`"),
                        (
                            Change::UnionMemberTypeChanged,
                            format!("Type of member `{variant}` was changed"),
                        ),
                    );
                    self.push(
                    s,
                    change,
                    api,
                    format!("{text}{used}"),
                    Bump::Major,
                    format!(
                        "variant `{ty}::{variant}` holds `{now}` instead of `{member}`: code using it no longer compiles"
                    ),
                    );
                }
                Some(_) => {}
            }
        }
        for (variant, member) in new {
            if !old.contains_key(variant) {
                self.push(
                    s,
                    Change::UnionMemberAdded,
                    Severity::Minor,
                    format!("Member `{variant}` was added{used}"),
                    Bump::Minor,
                    format!(
                        "new variant `{ty}::{variant}({member})`; `{ty}` is `#[non_exhaustive]`: source compatible"
                    ),
                );
            }
        }
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

/// Whether two Rust types differ only in where values may be `null`: one is the other with
/// `Option`s added around some of its parts.
mod nullability {
    /// A Rust type as a tree: `Vec<Option<models::X>>` is `Vec` of `Option` of `models::X`.
    #[derive(Debug, PartialEq, Eq)]
    struct Tree<'a> {
        head: &'a str,
        args: Vec<Tree<'a>>,
    }

    /// Parses the types the manifest holds (paths with generic arguments); `None` for anything
    /// else (tuples, references), which then compares as a whole.
    fn parse(text: &str) -> Option<Tree<'_>> {
        let (tree, rest) = parse_at(text)?;
        rest.trim().is_empty().then_some(tree)
    }

    fn parse_at(text: &str) -> Option<(Tree<'_>, &str)> {
        let text = text.trim_start();
        let end = text.find(['<', '>', ',']).unwrap_or(text.len());
        let head = text[..end].trim();
        if head.is_empty() || head.contains(['(', ')', '&', '[', ' ']) {
            return None;
        }
        let mut rest = &text[end..];
        let mut args = Vec::new();
        if let Some(inner) = rest.strip_prefix('<') {
            rest = inner;
            loop {
                let (arg, after) = parse_at(rest)?;
                args.push(arg);
                let after = after.trim_start();
                if let Some(next) = after.strip_prefix(',') {
                    rest = next;
                } else {
                    rest = after.strip_prefix('>')?;
                    break;
                }
            }
        }
        Some((Tree { head, args }, rest))
    }

    /// Where in a type an `Option` was added or removed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    enum Place {
        /// Around the whole value.
        Whole,
        /// Around the items of a `Vec`.
        Items,
        /// Around the values of a map.
        Values,
    }

    /// A change of nullability alone.
    #[derive(Debug, PartialEq, Eq)]
    pub(super) struct Change {
        /// `null` is now allowed (an `Option` was added), or no longer.
        pub now: bool,
        places: Vec<Place>,
    }

    impl Change {
        /// `Items of property `x` may now be `null``, `The response may now be `null``.
        pub fn describe(&self, what: &str) -> String {
            let verb = if self.now {
                "may now be `null`"
            } else {
                "can no longer be `null`"
            };
            let parts: Vec<&str> = self
                .places
                .iter()
                .filter_map(|p| match p {
                    Place::Whole => None,
                    Place::Items => Some("items"),
                    Place::Values => Some("map values"),
                })
                .collect();
            let whole = self.places.contains(&Place::Whole);
            let subject = match (whole, parts.is_empty()) {
                (_, true) => what.to_owned(),
                (false, false) => format!("{} of {what}", parts.join(" and ")),
                (true, false) => format!("{what} and its {}", parts.join(" and ")),
            };
            let mut chars = subject.chars();
            let capitalized: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            format!("{capitalized} {verb}")
        }
    }

    /// The nullability change from `old` to `new`, if that is all that changed.
    pub(super) fn change(old: &str, new: &str) -> Option<Change> {
        let (old, new) = (parse(old)?, parse(new)?);
        let mut places = Vec::new();
        if added(&old, &new, Place::Whole, &mut places) {
            return finish(true, places);
        }
        places.clear();
        if added(&new, &old, Place::Whole, &mut places) {
            return finish(false, places);
        }
        None
    }

    fn finish(now: bool, mut places: Vec<Place>) -> Option<Change> {
        places.sort();
        places.dedup();
        (!places.is_empty()).then_some(Change { now, places })
    }

    /// Whether `wider` is `narrow` with `Option`s added, collecting where (`at`: the place of
    /// these two trees).
    fn added(narrow: &Tree<'_>, wider: &Tree<'_>, at: Place, places: &mut Vec<Place>) -> bool {
        if narrow.head == wider.head && narrow.args.len() == wider.args.len() {
            let is_map = wider.head.ends_with("BTreeMap") || wider.head.ends_with("HashMap");
            return narrow
                .args
                .iter()
                .zip(&wider.args)
                .enumerate()
                .all(|(i, (n, w))| {
                    let place = match wider.head {
                        "Vec" => Place::Items,
                        _ if is_map && i == 1 => Place::Values,
                        _ => at,
                    };
                    added(n, w, place, places)
                });
        }
        match (wider.head, wider.args.as_slice()) {
            ("Option", [inner]) => {
                places.push(at);
                added(narrow, inner, at, places)
            }
            _ => false,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn options_added_or_removed_are_told_where() {
            let m = "std::collections::BTreeMap<String, models::X>";
            for (old, new, want) in [
                (
                    "Vec<models::X>",
                    "Vec<Option<models::X>>",
                    Some("Items of property `x` may now be `null`"),
                ),
                (
                    "Vec<Option<models::X>>",
                    "Vec<models::X>",
                    Some("Items of property `x` can no longer be `null`"),
                ),
                (
                    m,
                    "std::collections::BTreeMap<String, Option<models::X>>",
                    Some("Map values of property `x` may now be `null`"),
                ),
                (
                    "models::X",
                    "Option<models::X>",
                    Some("Property `x` may now be `null`"),
                ),
                (
                    "Option<Vec<models::X>>",
                    "Option<Vec<Option<models::X>>>",
                    Some("Items of property `x` may now be `null`"),
                ),
                (
                    "Vec<Vec<i64>>",
                    "Option<Vec<Vec<Option<i64>>>>",
                    Some("Property `x` and its items may now be `null`"),
                ),
                ("Vec<models::X>", "Vec<models::Y>", None),
                ("Vec<models::X>", "Vec<Option<models::Y>>", None),
                ("Vec<Option<models::X>>", "Option<Vec<models::X>>", None),
                ("(A, B)", "Option<(A, B)>", None),
                ("Vec<models::X>", "Vec<models::X>", None),
            ] {
                assert_eq!(
                    change(old, new)
                        .map(|c| c.describe("property `x`"))
                        .as_deref(),
                    want,
                    "{old} → {new}"
                );
            }
        }
    }
}

fn describe_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Struct => "an object",
        Kind::Enum => "an enum",
        Kind::Union => "a oneOf/anyOf",
        Kind::Alias => "another type",
    }
}

fn rust_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Struct => "a struct",
        Kind::Enum => "an enum",
        Kind::Union => "a union enum",
        Kind::Alias => "an alias",
    }
}

/// Who may call the operation: fewer callers (a permission more under `ALL`, one less under
/// `ANY`, a requirement where there was none) is Major; more callers is Minor.
fn permissions_severity(old: Option<&Permissions>, new: Option<&Permissions>) -> Severity {
    let set = |p: &Permissions| p.list.iter().cloned().collect::<BTreeSet<String>>();
    match (old, new) {
        (None, Some(_)) => Severity::Major,
        (Some(_), None) | (None, None) => Severity::Minor,
        (Some(a), Some(b)) if a.mode != b.mode => Severity::Major,
        (Some(a), Some(b)) => {
            let widened = if b.mode == "ALL" {
                set(b).is_subset(&set(a))
            } else {
                set(a).is_subset(&set(b))
            };
            if widened {
                Severity::Minor
            } else {
                Severity::Major
            }
        }
    }
}

/// The properties an enum or union is the type of, for messages: `Room.kind`, or
/// `Room.kind, Hook.kind`.
fn used_by(properties: &[String]) -> Option<String> {
    (!properties.is_empty()).then(|| properties.join("`, `"))
}

#[cfg(test)]
mod tests {
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
