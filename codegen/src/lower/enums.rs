//! Enums of values and unions of schemas, with their variant names.

use openapiv3::{Discriminator, ReferenceOr, Schema, SchemaKind, Type};

use super::Lowerer;
use super::types::{SchemaRef, Ty};
use crate::error::WarningClass;
use crate::front::refs::schema_name;
use crate::ir::{EnumDef, EnumKind, UnionDef, UnionVariant, Variant};
use crate::naming::{self, Scope};

impl Lowerer<'_> {
    /// A string enum called `rust_name`. Every value gets a variant: `a-b` → `AB`, `*` →
    /// `Asterisk`, `""` → `Empty`; `Unknown` is kept for values the API adds later.
    pub(super) fn string_enum(
        rust_name: &str,
        values: &[String],
        doc_lines: Vec<String>,
    ) -> EnumDef {
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let mut seen = std::collections::BTreeSet::new();
        let variants = values
            .iter()
            // A value listed twice is one value.
            .filter(|v| seen.insert(v.as_str()))
            .map(|value| Variant {
                wire_name: value.clone(),
                literal: format!("{value:?}"),
                rust_name: scope.claim(naming::bare(&naming::pascal(value)), ""),
            })
            .collect();
        EnumDef {
            doc_lines,
            rust_name: rust_name.to_owned(),
            kind: EnumKind::String,
            variants,
        }
    }

    /// An integer enum: variants `V1`, `V200`, `VMinus1`, …
    pub(super) fn integer_enum(rust_name: &str, values: &[i64], doc_lines: Vec<String>) -> EnumDef {
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let mut seen = std::collections::BTreeSet::new();
        let variants = values
            .iter()
            .filter(|v| seen.insert(**v))
            .map(|v| {
                let ident = if *v < 0 {
                    format!("VMinus{}", v.unsigned_abs())
                } else {
                    format!("V{v}")
                };
                Variant {
                    wire_name: v.to_string(),
                    literal: v.to_string(),
                    rust_name: scope.claim(&ident, "_"),
                }
            })
            .collect();
        EnumDef {
            doc_lines,
            rust_name: rust_name.to_owned(),
            kind: EnumKind::Integer,
            variants,
        }
    }

    /// A union of `members` called `rust_name`. Members hold their values inline; where a
    /// member leads back to a struct that holds the union, that struct's field is boxed.
    pub(super) fn union_def(
        &mut self,
        rust_name: &str,
        members: &[ReferenceOr<Schema>],
        discriminator: Option<&Discriminator>,
        doc_lines: Vec<String>,
        at: &str,
    ) -> UnionDef {
        let mut names = Scope::with_reserved(&["Unknown"]);
        let mut variants = Vec::new();
        for (i, member) in members.iter().enumerate() {
            let member_at = format!("{at}/{i}");
            // A nullable member makes the union nullable (`Lowerer::nullable`): the places that
            // use the union hold an `Option`, and the variant holds the member's own type.
            let ty = self
                .schema_type(SchemaRef::from(member), &member_at)
                .non_null();
            let rust_type = ty.rust();
            let variant = match (&ty, member) {
                (Ty::Model { schema, .. }, _) => self
                    .names
                    .get(schema)
                    .map_or_else(|| "Member".to_owned(), |n| n.rust.clone()),
                (_, ReferenceOr::Item(s)) => match &s.schema_kind {
                    SchemaKind::Type(Type::String(_)) => "String".into(),
                    SchemaKind::Type(Type::Integer(_)) => "Integer".into(),
                    SchemaKind::Type(Type::Number(_)) => "Number".into(),
                    SchemaKind::Type(Type::Boolean(_)) => "Boolean".into(),
                    SchemaKind::Type(Type::Array(_)) => "Array".into(),
                    _ => "Object".into(),
                },
                (_, ReferenceOr::Reference { .. }) => "Member".into(),
            };
            let tags = match (discriminator, ty.direct()) {
                (Some(d), Some(target)) => {
                    let mapped: Vec<String> = d
                        .mapping
                        .iter()
                        .filter(|(_, to)| {
                            schema_name(to).as_deref() == Some(target) || to.as_str() == target
                        })
                        .map(|(value, _)| value.clone())
                        .collect();
                    if mapped.is_empty() {
                        vec![target.to_owned()]
                    } else {
                        mapped
                    }
                }
                (Some(_), None) => {
                    self.warn(WarningClass::Composition, &member_at, "an inline member of a union with a discriminator can only be matched as unknown; give it a name under `components.schemas`");
                    Vec::new()
                }
                _ => Vec::new(),
            };
            // Members that lower to the same type (identical inline schemas are shared) are one
            // member: a second variant could never be chosen.
            if variants
                .iter()
                .any(|v: &UnionVariant| v.rust_type == rust_type)
            {
                continue;
            }
            // A discriminator value selects one member: the first that claims it.
            let tags: Vec<String> = tags
                .into_iter()
                .filter(|tag| {
                    let taken = variants.iter().any(|v| v.tags.contains(tag));
                    if taken {
                        self.warn(
                            WarningClass::Composition,
                            &member_at,
                            format!("discriminator value `{tag}` already selects an earlier member; ignored here"),
                        );
                    }
                    !taken
                })
                .collect();
            variants.push(UnionVariant {
                rust_name: names.claim(&variant, ""),
                rust_type,
                tags,
            });
        }
        UnionDef {
            doc_lines,
            rust_name: rust_name.to_owned(),
            discriminator: discriminator.map(|d| d.property_name.clone()),
            variants,
        }
    }
}
