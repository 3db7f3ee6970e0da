//! Changes to operations: added, removed, renamed, moved between API groups, and their flags
//! (deprecation, preview, permissions, security requirement).

use super::*;

impl Diff {
    pub(super) fn operations(&mut self, old: &Manifest, new: &Manifest) {
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
            gone_with(&mut rust, old_op, &new_apis);
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
            gone_with(&mut rust, old, new_apis);
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
}

/// Who may call the operation: fewer callers (a permission more under `ALL`, one less under
/// `ANY`, a requirement where there was none) is Major; more callers is Minor.
pub(super) fn permissions_severity(
    old: Option<&Permissions>,
    new: Option<&Permissions>,
) -> Severity {
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

/// Adds to `rust` the API groups of `old` that the new API no longer has (`new_apis`): `;
/// `Client::x` and `XApi` are gone with it`.
fn gone_with(rust: &mut String, old: &Operation, new_apis: &BTreeSet<String>) {
    for g in old.groups() {
        if !new_apis.contains(&g.api) {
            let _ = write!(
                rust,
                "; `Client::{}` and `{}` are gone with it",
                g.accessor, g.api
            );
        }
    }
}
