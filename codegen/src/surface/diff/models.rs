//! Changes to models: structs and their fields, enums and their values, unions and their
//! members, aliases.

use super::*;

impl Diff {
    pub(super) fn models(&mut self, old: &Manifest, new: &Manifest) {
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
        let used = used_in(property);
        for (value, side) in keyed(old, new) {
            match side {
                Keyed::Removed(variant) => self.push(
                    s,
                    Change::EnumValueRemoved,
                    Severity::Major,
                    format!("Enum value `{value}` was removed{used}"),
                    Bump::Major,
                    format!(
                        "variant `{ty}::{variant}` removed: code naming it no longer compiles, and `{value}` now decodes as `{ty}::Unknown`"
                    ),
                ),
                Keyed::Changed(variant, now) => self.push(
                    s,
                    Change::EnumValueRustNameChanged,
                    Severity::Point,
                    format!("Rust name of enum value `{value}` was changed{used}"),
                    Bump::Major,
                    format!(
                        "variant `{ty}::{variant}` renamed to `{ty}::{now}`: code naming it no longer compiles"
                    ),
                ),
                Keyed::Added(variant) => self.push(
                    s,
                    Change::EnumValueAdded,
                    Severity::Minor,
                    format!("Enum value `{value}` was added{used}"),
                    Bump::Minor,
                    format!(
                        "new variant `{ty}::{variant}`; `{ty}` is `#[non_exhaustive]`: source compatible (`{value}` decoded as `{ty}::Unknown` before)"
                    ),
                ),
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
        let used = used_in(property);
        for (variant, side) in keyed(old, new) {
            match side {
                Keyed::Removed(_) => self.push(
                    s,
                    Change::UnionMemberRemoved,
                    Severity::Major,
                    format!("Member `{variant}` was removed{used}"),
                    Bump::Major,
                    format!("variant `{ty}::{variant}` removed: code naming it no longer compiles"),
                ),
                Keyed::Changed(member, now) => {
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
                Keyed::Added(member) => self.push(
                    s,
                    Change::UnionMemberAdded,
                    Severity::Minor,
                    format!("Member `{variant}` was added{used}"),
                    Bump::Minor,
                    format!(
                        "new variant `{ty}::{variant}({member})`; `{ty}` is `#[non_exhaustive]`: source compatible"
                    ),
                ),
            }
        }
    }
}

/// ` (used by `Model.property`)` after a change to the enum or union of a property, or nothing
/// for a named schema's.
fn used_in(property: Option<&str>) -> String {
    property.map_or_else(String::new, |p| format!(" (used by `{p}`)"))
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
