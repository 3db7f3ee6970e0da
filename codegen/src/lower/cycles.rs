//! Once every model is known: which fields need a `Box` to break a recursive cycle, which
//! structs can derive `Default`, and each field's final type and presence.

use std::collections::{BTreeMap, BTreeSet};

use super::Names;
use crate::ir::{Arg, Decode, Model, ModelKind, Presence, Required};

/// Finishes the fields of `models`: boxes, `Option`s, presence, and `Model::default`.
pub(super) fn finish(models: &mut [Model], names: &BTreeMap<String, Names>) {
    let by_path: BTreeMap<String, String> = names
        .iter()
        .map(|(schema, n)| (n.path(), schema.clone()))
        .collect();
    box_cycles(models, &by_path);
    decide_defaults(models);
    decide_decoders(models);
    for m in models.iter_mut() {
        for f in &mut m.fields {
            let held = if f.boxed {
                format!("Box<{}>", f.rust_type)
            } else {
                f.rust_type.clone()
            };
            // A nullable field holds `Option<T>`; an optional one is an `Option` of that, and
            // its setter takes what goes inside the outer `Option`.
            let value = if f.nullable {
                format!("Option<{held}>")
            } else {
                held
            };
            f.rust_type = if f.optional {
                format!("Option<{value}>")
            } else {
                value.clone()
            };
            f.setter_inner = f.optional.then_some(value);
            f.presence = match (f.optional, f.nullable) {
                (true, true) => Presence::Nullable,
                (true, false) => Presence::Opt,
                (false, true) => Presence::Nul,
                (false, false) => Presence::Req,
            };
            // Read leniently: a date-time without a UTC offset is taken as UTC.
            f.date = f.presence != Presence::Nullable
                && matches!(
                    f.rust_type.as_str(),
                    "crate::types::DateTime" | "Option<crate::types::DateTime>"
                );
            f.kind = format!(
                "{}{}",
                f.presence.keyword(),
                if f.date { "_date" } else { "" }
            );
            f.name = crate::naming::bare(&f.rust_name).to_owned();
            f.setter_arg = f
                .setter_inner
                .clone()
                .unwrap_or_else(|| f.rust_type.clone());
            f.setter_doc = if f.optional {
                format!("Sets `{}` (to `Some(value)`).", f.name)
            } else {
                format!("Sets `{}`.", f.name)
            };
        }
        m.required = m
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.presence == Presence::Req)
            .map(|(index, f)| Required {
                index,
                wire_name: f.wire_name.clone(),
                rust_name: f.rust_name.clone(),
            })
            .collect();
        // What requests must carry: the required fields, and those only requests require.
        m.constructor = m
            .fields
            .iter()
            .filter_map(|f| match (&f.setter_inner, f.request_required) {
                (None, _) => Some(Arg {
                    rust_name: f.rust_name.clone(),
                    arg_type: format!("impl Into<{}>", f.rust_type),
                    value: format!("{}.into()", f.rust_name),
                }),
                (Some(inner), true) => Some(Arg {
                    rust_name: f.rust_name.clone(),
                    arg_type: format!("impl Into<{inner}>"),
                    value: format!("Some({}.into())", f.rust_name),
                }),
                (Some(_), false) => None,
            })
            .collect();
        // clippy's `too_many_arguments` allows seven.
        m.constructor_is_long = m.constructor.len() > 7;
        m.has_deprecated_fields = m.fields.iter().any(|f| f.deprecated);
    }
}

/// Sets `boxed` exactly where a field's type leads back to its own struct through values held
/// inline (not behind a `Vec` or map). Fields are added to the graph one by one, in spec
/// order; a field whose edge would close a cycle is boxed instead, so every cycle is broken
/// exactly once, at its last field.
fn box_cycles(models: &mut [Model], by_path: &BTreeMap<String, String>) {
    // Named unions hold their members inline and cannot box them.
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in models.iter() {
        if let Some(u) = &m.union_def {
            for v in &u.variants {
                if let Some(target) = by_path.get(&v.rust_type) {
                    edges
                        .entry(m.name.clone())
                        .or_default()
                        .insert(target.clone());
                }
            }
        }
    }
    let reaches = |edges: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(edges.get(&n).into_iter().flatten().cloned());
            }
        }
        false
    };
    for m in models.iter_mut() {
        for f in &mut m.fields {
            let Some(target) = by_path.get(&f.rust_type).filter(|_| f.boxed) else {
                f.boxed = false;
                continue;
            };
            f.boxed = reaches(&edges, target, &m.name);
            if !f.boxed {
                edges
                    .entry(m.name.clone())
                    .or_default()
                    .insert(target.clone());
            }
        }
    }
}

/// Sets `Model::decode`: a struct that derives `Default` is read in place from it; one without
/// whose every field has a placeholder (its type's `Default`, an enum's or a union's `Unknown`,
/// another such struct's placeholder) is read in place from its placeholder; the others (a
/// cycle of required fields, or one through a `Box`, whose placeholder would not end) through
/// slots. A boxed field has a placeholder only when its type has a `Default`, as
/// `Box<T>: Default` needs.
fn decide_decoders(models: &mut [Model]) {
    let defaults: BTreeSet<String> = models
        .iter()
        .filter(|m| m.default)
        .map(model_path)
        .collect();
    let placeholders = least_fixpoint(models, |m, holds| match m.kind {
        ModelKind::Struct => m.fields.iter().all(|f| {
            f.optional
                || f.nullable
                || if f.boxed {
                    defaults.contains(&f.rust_type)
                } else {
                    holds(&f.rust_type)
                }
        }),
        ModelKind::Alias => m.alias_type.as_ref().is_none_or(|t| holds(t)),
        ModelKind::Enum | ModelKind::Union => true,
    });
    for m in models.iter_mut() {
        m.decode = match (m.default, placeholders.contains(&model_path(m))) {
            (true, _) => Decode::InPlace,
            (false, true) => Decode::Placeholder,
            (false, false) => Decode::Slots,
        };
    }
}

/// Sets `Model::default` for structs: a struct derives `Default` when every field's type has
/// one. Optional and nullable fields (`Option`) and collections always do; enums and unions
/// never do; a model's own type does when it is such a struct, or an alias of a type that does.
/// Decided as the least fixpoint, starting from "no model can": a struct that requires itself,
/// directly or through other required structs, gets no `Default`, whose derived form would
/// recurse until the stack overflows (no finite JSON value has such a shape either).
fn decide_defaults(models: &mut [Model]) {
    let defaults = least_fixpoint(models, |m, holds| match m.kind {
        ModelKind::Struct => m
            .fields
            .iter()
            .all(|f| f.optional || f.nullable || holds(&f.rust_type)),
        ModelKind::Alias => m.alias_type.as_ref().is_none_or(|t| holds(t)),
        ModelKind::Enum | ModelKind::Union => false,
    });
    for m in models.iter_mut() {
        m.default = m.kind == ModelKind::Struct && defaults.contains(&model_path(m));
    }
}

/// The paths of the models for which `rule` holds, as the least fixpoint: starting from "no
/// model", a model is added when `rule` holds for it, told by `holds` whether a type (a
/// field's, an alias's target) is one already added — every type that is not a model's path is
/// (collections, strings, numbers: their property holds whatever the models'), until no model
/// is added.
fn least_fixpoint(
    models: &[Model],
    rule: impl Fn(&Model, &dyn Fn(&str) -> bool) -> bool,
) -> BTreeSet<String> {
    let paths: Vec<String> = models.iter().map(model_path).collect();
    let mut unproven: BTreeSet<&str> = paths.iter().map(String::as_str).collect();
    loop {
        let proven: Vec<&str> = paths
            .iter()
            .zip(models)
            .filter(|(path, m)| {
                unproven.contains(path.as_str()) && rule(m, &|t: &str| !unproven.contains(t))
            })
            .map(|(path, _)| path.as_str())
            .collect();
        if proven.is_empty() {
            break;
        }
        for path in proven {
            unproven.remove(path);
        }
    }
    paths
        .iter()
        .filter(|path| !unproven.contains(path.as_str()))
        .cloned()
        .collect()
}

/// The path a model's uses name it by, as a field's type before boxing.
fn model_path(m: &Model) -> String {
    format!("crate::models::{}", m.rust_name)
}
