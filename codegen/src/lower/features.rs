//! Cargo features: one per API group, named after its tag in kebab-case, and for each model
//! the groups whose operations reach it (through parameters, bodies, responses, and then the
//! models' own fields, union members and aliases). A model is compiled when any of those
//! groups is enabled; the error model, and what it reaches, always is. Models no operation
//! reaches (webhook payloads, say: part of the API description all the same) and what they
//! reach have a feature of their own, [`OTHER_SCHEMAS`], as if they were one more group, so
//! that every model compiles exactly when the models its fields name do.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;

use crate::ir::{ApiGroup, Model, ModelFile, Operation, SharedModule};
use crate::naming::{self, Scope};

/// Feature names the crate has besides its groups.
pub const RESERVED: &[&str] = &[
    "default",
    "rustls",
    "rustls-no-provider",
    "native-tls",
    "gzip",
    "all-apis",
];

/// The feature of the models no operation reaches (made unique if a group claims the name).
pub const OTHER_SCHEMAS: &str = "other-schemas";

/// Names each group's feature and decides each model's features. Returns the feature of the
/// models no operation reaches, if there are any.
pub(super) fn assign(
    groups: &mut [ApiGroup],
    shared: Option<&mut SharedModule>,
    models: &mut [Model],
    error_model: Option<&str>,
) -> Option<String> {
    let mut names = Scope::with_reserved(RESERVED);
    for g in groups.iter_mut() {
        let kebab = g
            .tag
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .to_kebab_case();
        let kebab = if kebab.is_empty() {
            g.module.replace('_', "-")
        } else {
            kebab
        };
        g.feature = names.claim(&kebab, "-");
    }
    // Each operation knows its groups' features; one of several groups is compiled when any
    // of them is enabled.
    let features: BTreeMap<String, String> = groups
        .iter()
        .map(|g| (g.module.clone(), g.feature.clone()))
        .collect();
    let name = |op: &mut Operation| {
        for g in &mut op.groups {
            g.feature = features.get(&g.module).cloned().unwrap_or_default();
        }
        if op.groups.len() > 1 {
            op.cfg = Some(any_of(op.groups.iter().map(|g| g.feature.as_str())));
        }
    };
    groups
        .iter_mut()
        .flat_map(|g| g.operations.iter_mut())
        .for_each(name);
    if let Some(shared) = shared {
        shared.operations.iter_mut().for_each(name);
        // The module is compiled when one of its operations is, and imports `Style` when one
        // of those that are has parameters: no import is ever unused.
        let mut all = BTreeSet::new();
        let mut with_params = BTreeSet::new();
        for op in &shared.operations {
            let features = op.groups.iter().map(|g| g.feature.clone());
            if super::operations::has_params(op) {
                with_params.extend(features.clone());
            }
            all.extend(features);
        }
        shared.cfg = any_of(all.iter().map(String::as_str));
        shared.params_cfg =
            (!with_params.is_empty()).then(|| any_of(with_params.iter().map(String::as_str)));
    }
    // Model → the models its values hold.
    let edges: BTreeMap<&str, Vec<String>> = models
        .iter()
        .map(|m| {
            let mut types: Vec<&str> = m.fields.iter().map(|f| f.rust_type.as_str()).collect();
            types.extend(m.alias_type.as_deref());
            if let Some(u) = &m.union_def {
                types.extend(u.variants.iter().map(|v| v.rust_type.as_str()));
            }
            (
                m.rust_name.as_str(),
                types.into_iter().flat_map(model_names).collect(),
            )
        })
        .collect();
    let reach = |roots: Vec<String>| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = roots;
        while let Some(name) = stack.pop() {
            if seen.insert(name.clone())
                && let Some(next) = edges.get(name.as_str())
            {
                stack.extend(next.iter().cloned());
            }
        }
        seen
    };
    let always = reach(error_model.map(model_names).unwrap_or_default());
    let mut by_model: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for g in groups.iter() {
        let roots = g
            .operations
            .iter()
            .flat_map(operation_types)
            .flat_map(|t| model_names(&t))
            .collect();
        for name in reach(roots) {
            by_model.entry(name).or_default().push(g.feature.clone());
        }
    }
    let unreached: Vec<String> = models
        .iter()
        .map(|m| m.rust_name.clone())
        .filter(|name| !always.contains(name) && !by_model.contains_key(name))
        .collect();
    let other = (!unreached.is_empty()).then(|| names.claim(OTHER_SCHEMAS, "-"));
    if let Some(other) = &other {
        for name in reach(unreached) {
            by_model.entry(name).or_default().push(other.clone());
        }
    }
    let feature_count = groups.len() + usize::from(other.is_some());
    for m in models.iter_mut() {
        let features = by_model.remove(&m.rust_name).unwrap_or_default();
        // Used by every feature's models (or by the runtime): always compiled.
        m.features = if always.contains(&m.rust_name) || features.len() == feature_count {
            Vec::new()
        } else {
            features
        };
        m.cfg = (!m.features.is_empty()).then(|| any_of(m.features.iter().map(String::as_str)));
        m.file = model_file(&m.features);
    }
    other
}

/// The file of `src/models/` a model is written in: its first feature's (the first API group
/// that uses it), `common` for a model that is always compiled. Never `mod`, the name of the
/// file that includes the others, nor a name Windows reserves (`con`, `aux`, …): `_` is
/// appended to those.
fn model_file(features: &[String]) -> String {
    match features
        .first()
        .map(|f| naming::bare(&naming::snake(f)).to_owned())
    {
        None => COMMON_MODELS.to_owned(),
        Some(stem) if stem == "mod" => format!("{stem}_"),
        Some(stem) => naming::file_stem(stem),
    }
}

/// The file of the models every feature uses.
const COMMON_MODELS: &str = "common";

/// The files of the models, given as each model's `(file, features)`: sorted, each once, each
/// included when any of its models' features is enabled (always, when one of its models always
/// is).
pub fn model_files<'m>(
    models: impl IntoIterator<Item = (&'m str, &'m [String])>,
) -> Vec<ModelFile> {
    // Per file, the union of its models' features, or `None` once a model needs none.
    let mut files: BTreeMap<&str, Option<BTreeSet<&str>>> = BTreeMap::new();
    for (file, features) in models {
        let union = files.entry(file).or_insert_with(|| Some(BTreeSet::new()));
        match union {
            Some(set) if !features.is_empty() => set.extend(features.iter().map(String::as_str)),
            _ => *union = None,
        }
    }
    files
        .into_iter()
        .map(|(name, union)| ModelFile {
            name: name.to_owned(),
            cfg: union.map(|set| any_of(set.into_iter())),
        })
        .collect()
}

/// `any(feature = "a", feature = "b")`.
fn any_of<'f>(features: impl Iterator<Item = &'f str>) -> String {
    let list: Vec<String> = features.map(|f| format!("feature = {f:?}")).collect();
    format!("any({})", list.join(", "))
}

/// Every Rust type an operation's parameters, body and responses name.
fn operation_types(op: &Operation) -> Vec<String> {
    let mut out: Vec<String> = op
        .required
        .iter()
        .chain(&op.optional)
        .map(|p| p.rust_type.clone())
        .collect();
    out.push(op.response.rust_type.clone());
    out.extend(op.response.variants.iter().map(|v| v.rust_type.clone()));
    out
}

/// The models a Rust type names: `Option<Vec<crate::models::Room>>` → `Room`.
fn model_names(rust_type: &str) -> Vec<String> {
    rust_type
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .filter_map(|word| word.strip_prefix("crate::models::"))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_models_is_included_under_any_feature_of_its_models() {
        let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // (file, the model's features), in the models' order.
        let models = [
            ("users", owned(&["users", "routing"])),
            ("common", owned(&[])),
            ("users", owned(&["users"])),
            ("chat", owned(&["chat", "users"])),
            ("users", owned(&["users", "authorization"])),
            ("mixed", owned(&["chat"])),
            ("mixed", owned(&[])),
        ];
        let files = model_files(models.iter().map(|(f, list)| (*f, list.as_slice())));
        let got: Vec<(&str, Option<&str>)> = files
            .iter()
            .map(|f| (f.name.as_str(), f.cfg.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("chat", Some(r#"any(feature = "chat", feature = "users")"#)),
                ("common", None),
                // A model always compiled makes its file always included.
                ("mixed", None),
                (
                    "users",
                    Some(
                        r#"any(feature = "authorization", feature = "routing", feature = "users")"#
                    )
                ),
            ]
        );
    }

    #[test]
    fn model_names_are_read_from_types() {
        assert_eq!(
            model_names("Option<std::collections::BTreeMap<String, Vec<crate::models::Room>>>"),
            ["Room"]
        );
        assert_eq!(
            model_names("(crate::models::A, Box<crate::models::B>)"),
            ["A", "B"]
        );
        assert!(model_names("String").is_empty());
    }
}
