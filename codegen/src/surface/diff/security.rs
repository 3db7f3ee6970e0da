//! Changes to the security schemes (`components.securitySchemes`) and their setters.

use super::*;

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

impl Diff {
    pub(super) fn security_schemes(&mut self, old: &Manifest, new: &Manifest) {
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
}
