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

/// Sets `Model::decode`: a struct is read in place exactly when it derives `Default` (which
/// [`decide_defaults`] gives only to structs whose `Default` ends), the others through slots.
fn decide_decoders(models: &mut [Model]) {
    for m in models.iter_mut() {
        m.decode = if m.default {
            Decode::InPlace
        } else {
            Decode::Slots
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
    // Only models lack a `Default` until it is proven; every other type has one.
    let mut unproven: BTreeSet<String> = models
        .iter()
        .map(|m| format!("crate::models::{}", m.rust_name))
        .collect();
    loop {
        let mut proven = Vec::new();
        for m in models.iter() {
            let path = format!("crate::models::{}", m.rust_name);
            if !unproven.contains(&path) {
                continue;
            }
            let has_default = match m.kind {
                ModelKind::Struct => m
                    .fields
                    .iter()
                    .all(|f| f.optional || f.nullable || !unproven.contains(&f.rust_type)),
                ModelKind::Alias => m.alias_type.as_ref().is_none_or(|t| !unproven.contains(t)),
                ModelKind::Enum | ModelKind::Union => false,
            };
            if has_default {
                proven.push(path);
            }
        }
        if proven.is_empty() {
            break;
        }
        for path in proven {
            unproven.remove(&path);
        }
    }
    for m in models.iter_mut() {
        m.default = m.kind == ModelKind::Struct
            && !unproven.contains(&format!("crate::models::{}", m.rust_name));
    }
}
