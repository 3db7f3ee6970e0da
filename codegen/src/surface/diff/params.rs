//! Changes to an operation's parameters, request body and response.

use super::*;

impl Diff {
    pub(super) fn params(&mut self, s: &Subject, old: &Operation, new: &Operation) {
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

    pub(super) fn body_and_response(&mut self, s: &Subject, old: &Operation, new: &Operation) {
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
        let (before, after) = (&old.response.statuses, &new.response.statuses);
        let removed = before.iter().filter(|status| !after.contains(status));
        let added = after.iter().filter(|status| !before.contains(status));
        let changes = removed
            .map(|status| (status, Change::StatusRemoved, Severity::Major, "removed"))
            .chain(added.map(|status| (status, Change::StatusAdded, Severity::Minor, "added")));
        for (status, change, api, what) in changes {
            self.push(
                s,
                change,
                api,
                format!("Response `{status}` was {what}"),
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
