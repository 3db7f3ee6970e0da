//! Several specs, one crate: documents (each already loaded, its `$ref`s resolved) merged into
//! one, in the order given.
//!
//! What two documents both define must agree, or be told apart. "The same" means the same once
//! documentation (`description`, `summary`, examples) is set aside: specs of neighbouring
//! versions often word a description differently; the first spec's wording is kept.
//!
//! | both define | the same | different |
//! | --- | --- | --- |
//! | a schema (by name) | shared | the later spec's is renamed `{Name}{Group}` (its first tag), with every reference in that spec; a warning names both places |
//! | an operation (path and method) | shared; defined identically but for its `tags`: one operation with the tags of both (first spec's first), silently: an operation of several API groups | error naming both places and where they differ |
//! | an `operationId` on different operations | — | error naming both specs |
//! | a path's own `parameters` | shared | error naming both specs |
//! | a security scheme (by name) | shared | OAuth 2 schemes whose flows do not contradict each other: one scheme with the flows (and scopes) of both; otherwise the later spec's is renamed `{name} ({Group})`, with its requirements and a warning (it gets setters of its own) |
//! | `servers` (by URL) | shared | error naming both specs |
//! | a tag (by name) | shared; the first description is kept, with a warning if they differ | |
//! | a vendor extension at the top or in `info` | shared | the first is kept, with a warning |
//!
//! The merged `info.title` is what the titles have in common ("Genesys Cloud Platform API"),
//! and `info.version` lists the distinct versions.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::error::{Error, Warning, WarningClass, pointer};
use crate::front::refs::{METHODS, schema_name, schema_ref};
use crate::naming::{self, Scope};

/// One loaded document: the spec's display name, and its JSON tree.
pub type Document = (String, Value);

/// Merges `docs` into one document (the first is the base). Errors name both specs.
pub fn merge(docs: Vec<Document>) -> Result<(Value, Vec<Warning>), Vec<Error>> {
    let mut docs = docs.into_iter();
    let Some((first_file, mut merged)) = docs.next() else {
        return Err(vec![Error::Option {
            option: "--spec".into(),
            message: "no spec to generate from".into(),
        }]);
    };
    let mut m = Merger {
        errors: Vec::new(),
        warnings: Vec::new(),
        files: vec![first_file.clone()],
        titles: Vec::new(),
        versions: Vec::new(),
        origin: Origins::default(),
    };
    m.note_info(&merged);
    m.record(&first_file, &merged);
    for (file, doc) in docs {
        m.note_info(&doc);
        m.merge_one(&mut merged, &file, doc);
        m.files.push(file);
    }
    if !m.errors.is_empty() {
        return Err(m.errors);
    }
    if m.files.len() > 1
        && let Some(info) = merged.get_mut("info").and_then(Value::as_object_mut)
    {
        info.insert("title".into(), Value::String(common_title(&m.titles)));
        let mut versions: Vec<&str> = Vec::new();
        for v in &m.versions {
            if !versions.contains(&v.as_str()) {
                versions.push(v);
            }
        }
        info.insert("version".into(), Value::String(versions.join(", ")));
    }
    Ok((merged, m.warnings))
}

/// Where merged things came from: which spec defined each operation, `operationId`, schema.
#[derive(Default)]
struct Origins {
    /// (path, method) → spec.
    operations: BTreeMap<(String, String), String>,
    /// `operationId` → (spec, path, method).
    ids: BTreeMap<String, (String, String, String)>,
    /// Schema name → spec.
    schemas: BTreeMap<String, String>,
}

/// A schema both documents define, while their renames are worked out.
struct Shared<'a> {
    name: &'a String,
    /// The later document's.
    schema: &'a Value,
    /// The merged document's.
    existing: &'a Value,
    /// The schemas it refers to.
    refs: BTreeSet<String>,
    /// How many schemas had been renamed when it was last compared; `None` before.
    compared: Option<usize>,
}

struct Merger {
    errors: Vec<Error>,
    warnings: Vec<Warning>,
    /// The specs merged so far, in order.
    files: Vec<String>,
    titles: Vec<String>,
    versions: Vec<String>,
    origin: Origins,
}

impl Merger {
    fn error(&mut self, file: &str, at: &str, message: String) {
        self.errors.push(Error::Spec {
            file: file.to_owned(),
            pointer: at.to_owned(),
            message,
            help: "make the specs agree, or generate them as separate crates".into(),
        });
    }

    fn note_info(&mut self, doc: &Value) {
        let text = |key: &str| {
            doc.get("info")
                .and_then(|i| i.get(key))
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        self.titles.push(text("title"));
        self.versions.push(text("version"));
    }

    /// Remembers what `doc` (the base) defines.
    fn record(&mut self, file: &str, doc: &Value) {
        for (path, item) in object(doc, "/paths") {
            for method in METHODS {
                if let Some(op) = item.get(*method) {
                    self.record_op(file, path, method, op);
                }
            }
        }
        for name in object(doc, "/components/schemas").keys() {
            self.origin.schemas.insert(name.clone(), file.to_owned());
        }
    }

    fn record_op(&mut self, file: &str, path: &str, method: &str, op: &Value) {
        self.origin
            .operations
            .insert((path.to_owned(), method.to_owned()), file.to_owned());
        if let Some(id) = op.get("operationId").and_then(Value::as_str) {
            self.origin
                .ids
                .entry(id.to_owned())
                .or_insert_with(|| (file.to_owned(), path.to_owned(), method.to_owned()));
        }
    }

    fn merge_one(&mut self, merged: &mut Value, file: &str, mut doc: Value) {
        let renames = self.schema_renames(merged, file, &doc);
        if !renames.is_empty() {
            rename_refs(&mut doc, &renames);
            if let Some(schemas) = doc
                .pointer_mut("/components/schemas")
                .and_then(Value::as_object_mut)
            {
                rename_keys(schemas, &renames);
            }
        }
        // Schemas: new ones are added; equal ones are already there.
        for (name, schema) in object(&doc, "/components/schemas") {
            if object(merged, "/components/schemas").contains_key(name) {
                continue;
            }
            self.origin.schemas.insert(name.clone(), file.to_owned());
            if let Some(schemas) = ensure(merged, &["components", "schemas"]) {
                schemas.insert(name.clone(), schema.clone());
            }
        }
        self.unite_oauth_flows(merged, &mut doc);
        self.rename_security_schemes(merged, file, &mut doc);
        self.merge_paths(merged, file, &doc);
        self.merge_named(merged, file, &doc, "securitySchemes", "security scheme");
        self.merge_servers(merged, file, &doc);
        self.merge_tags(merged, file, &doc);
        self.merge_extensions(merged, file, &doc);
    }

    /// The schemas of `doc` that differ from the merged schema of the same name, and their new
    /// names. A schema that refers to a renamed one differs too, so this runs to a fixpoint; a
    /// schema found the same is compared again only once a schema it refers to is renamed.
    fn schema_renames(
        &mut self,
        merged: &Value,
        file: &str,
        doc: &Value,
    ) -> BTreeMap<String, String> {
        let ours = object(merged, "/components/schemas");
        let theirs = object(doc, "/components/schemas");
        let group = group_name(doc, file);
        let mut names: Scope = ours.keys().chain(theirs.keys()).collect();
        let mut shared: Vec<Shared<'_>> = theirs
            .iter()
            .filter_map(|(name, schema)| {
                let existing = ours.get(name)?;
                let mut refs = BTreeSet::new();
                referenced(schema, &mut refs);
                Some(Shared {
                    name,
                    schema,
                    existing,
                    refs,
                    compared: None,
                })
            })
            .collect();
        let mut renames: BTreeMap<String, String> = BTreeMap::new();
        // The keys of `renames`, in the order they were renamed.
        let mut renamed: Vec<String> = Vec::new();
        loop {
            let mut changed = false;
            for Shared {
                name,
                schema,
                existing,
                refs,
                compared,
            } in &mut shared
            {
                if renames.contains_key(*name) {
                    continue;
                }
                if let Some(at) = *compared
                    && !renamed[at..].iter().any(|r| refs.contains(r))
                {
                    continue;
                }
                *compared = Some(renamed.len());
                let mut mine = (*schema).clone();
                rename_refs(&mut mine, &renames);
                if same(&mine, existing) != Sameness::Different {
                    continue;
                }
                // An earlier spec may have brought the same definition under a new name.
                // (Compared as if this schema already had the twin's name: it may refer to
                // itself.)
                let twin = ours.iter().find(|(other, def)| {
                    if !other.starts_with(name.as_str()) || other == name {
                        return false;
                    }
                    let mut as_twin = (*schema).clone();
                    let mut with_twin = renames.clone();
                    with_twin.insert((*name).clone(), (*other).clone());
                    rename_refs(&mut as_twin, &with_twin);
                    same(&as_twin, def) != Sameness::Different
                });
                let first = self.origin.schemas.get(*name).cloned().unwrap_or_default();
                let new = if let Some((twin, _)) = twin {
                    self.warnings.push(Warning {
                        class: WarningClass::Merge,
                        pointer: format!("{file}: {}", schema_ref(name)),
                        message: format!(
                            "schema `{name}` is defined differently in {first}; this spec's is the same as `{twin}` and shares it"
                        ),
                    });
                    twin.clone()
                } else {
                    let new = names.claim(&format!("{name}{group}"), "");
                    self.warnings.push(Warning {
                        class: WarningClass::Merge,
                        pointer: format!("{file}: {}", schema_ref(name)),
                        message: format!(
                            "schema `{name}` is defined differently in {first}; this spec's is generated as `{new}`"
                        ),
                    });
                    new
                };
                renames.insert((*name).clone(), new);
                renamed.push((*name).clone());
                changed = true;
            }
            if !changed {
                return renames;
            }
        }
    }

    fn merge_paths(&mut self, merged: &mut Value, file: &str, doc: &Value) {
        for (path, item) in object(doc, "/paths") {
            let Some(paths) = ensure(merged, &["paths"]) else {
                return;
            };
            let Some(existing) = paths.get_mut(path) else {
                paths.insert(path.clone(), item.clone());
                for method in METHODS {
                    if let Some(op) = item.get(*method) {
                        self.check_id(file, path, method, op);
                        self.record_op(file, path, method, op);
                    }
                }
                continue;
            };
            let (Some(existing), Some(item)) = (existing.as_object_mut(), item.as_object()) else {
                continue;
            };
            for (key, value) in item {
                let at = pointer(["paths", path.as_str(), key.as_str()]);
                match existing.get(key) {
                    None => {
                        existing.insert(key.clone(), value.clone());
                        if METHODS.contains(&key.as_str()) {
                            self.check_id(file, path, key, value);
                            self.record_op(file, path, key, value);
                        }
                    }
                    Some(ours) if same(ours, value) != Sameness::Different => {}
                    Some(ours)
                        if METHODS.contains(&key.as_str())
                            && same(&untagged(ours), &untagged(value)) != Sameness::Different =>
                    {
                        // The same operation in two API groups (Genesys publishes each group
                        // with the operations it shares with others): one operation, both tags.
                        if let Some(ours) = existing.get_mut(key) {
                            unite_tags(ours, value);
                        }
                    }
                    Some(ours) => {
                        let first = self
                            .origin
                            .operations
                            .get(&(path.clone(), key.clone()))
                            .cloned()
                            .unwrap_or_else(|| self.files[0].clone());
                        let what = if METHODS.contains(&key.as_str()) {
                            format!("`{} {path}`", key.to_ascii_uppercase())
                        } else {
                            format!("`{key}` of `{path}`")
                        };
                        let mut message =
                            format!("{what} is defined here and, differently, in {first}: {at}");
                        let (a, b) = if METHODS.contains(&key.as_str()) {
                            (untagged(ours), untagged(value))
                        } else {
                            (ours.clone(), value.clone())
                        };
                        if let Some(place) = difference(&strip_docs(&a), &strip_docs(&b), &at) {
                            message.push_str(&format!(" (they differ at {place})"));
                        }
                        self.error(file, &at, message);
                    }
                }
            }
        }
    }

    /// An `operationId` the merged document already has on another operation is an error.
    fn check_id(&mut self, file: &str, path: &str, method: &str, op: &Value) {
        let Some(id) = op.get("operationId").and_then(Value::as_str) else {
            return;
        };
        if let Some((first, p, m)) = self.origin.ids.get(id).cloned()
            && (p.as_str(), m.as_str()) != (path, method)
        {
            self.error(
                file,
                &format!("{}/operationId", pointer(["paths", path, method])),
                format!(
                    "operationId `{id}` is also `{} {p}` in {first}",
                    m.to_ascii_uppercase()
                ),
            );
        }
    }

    /// OAuth 2 schemes that `doc` and the merged document both define, with flows that do not
    /// contradict each other (no flow type with different URLs), become one scheme with every
    /// flow and scope of both, in both documents: the same authorization server, described in
    /// part by each spec (Genesys Cloud's groups each list the flows they were written with).
    fn unite_oauth_flows(&mut self, merged: &mut Value, doc: &mut Value) {
        let names: Vec<String> = object(doc, "/components/securitySchemes")
            .keys()
            .cloned()
            .collect();
        for name in names {
            let at = format!(
                "/components/securitySchemes/{}",
                crate::error::pointer_segment(&name)
            );
            let (Some(ours), Some(theirs)) = (merged.pointer(&at), doc.pointer(&at)) else {
                continue;
            };
            let Some(united) = united_flows(ours, theirs) else {
                continue;
            };
            for side in [&mut *merged, &mut *doc] {
                if let Some(flows) = side.pointer_mut(&format!("{at}/flows")) {
                    *flows = united.clone();
                }
            }
        }
    }

    /// A security scheme the merged document defines differently is renamed
    /// `{name} ({Group})` in `doc`, with the security requirements that name it: the two are
    /// different ways to authenticate, each with setters of its own.
    fn rename_security_schemes(&mut self, merged: &Value, file: &str, doc: &mut Value) {
        let ours = object(merged, "/components/securitySchemes");
        let group = group_name(doc, file);
        let mut renames: BTreeMap<String, String> = BTreeMap::new();
        for (name, scheme) in object(doc, "/components/securitySchemes") {
            if let Some(existing) = ours.get(name)
                && same(existing, scheme) == Sameness::Different
            {
                let new = format!("{name} ({group})");
                self.warnings.push(Warning {
                    class: WarningClass::Merge,
                    pointer: format!("{file}: {}", pointer(["components", "securitySchemes", name.as_str()])),
                    message: format!(
                        "security scheme `{name}` is defined differently in {}; this spec's is kept as `{new}`",
                        self.files[0]
                    ),
                });
                renames.insert(name.clone(), new);
            }
        }
        if renames.is_empty() {
            return;
        }
        if let Some(schemes) = doc
            .pointer_mut("/components/securitySchemes")
            .and_then(Value::as_object_mut)
        {
            rename_keys(schemes, &renames);
        }
        rename_requirements(doc, &renames);
    }

    /// Named components that must agree (security schemes).
    fn merge_named(&mut self, merged: &mut Value, file: &str, doc: &Value, key: &str, what: &str) {
        let first = self.files[0].clone();
        for (name, value) in object(doc, &format!("/components/{key}")) {
            let Some(ours) = ensure(merged, &["components", key]) else {
                return;
            };
            match ours.get(name) {
                None => {
                    ours.insert(name.clone(), value.clone());
                }
                Some(existing) if same(existing, value) != Sameness::Different => {}
                Some(_) => self.error(
                    file,
                    &pointer(["components", key, name.as_str()]),
                    format!("{what} `{name}` is defined here and, differently, in {first}"),
                ),
            }
        }
    }

    fn merge_servers(&mut self, merged: &mut Value, file: &str, doc: &Value) {
        let urls = |d: &Value| -> Vec<String> {
            d.get("servers")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.get("url").and_then(Value::as_str))
                        .map(|u| u.trim_end_matches('/').to_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        let (ours, theirs) = (urls(merged), urls(doc));
        if theirs.is_empty() || ours == theirs {
            return;
        }
        if ours.is_empty() {
            if let (Some(root), Some(servers)) = (merged.as_object_mut(), doc.get("servers")) {
                root.insert("servers".into(), servers.clone());
            }
            return;
        }
        let first = self.files[0].clone();
        self.error(
            file,
            "#/servers",
            format!(
                "the servers ({}) differ from those of {first} ({})",
                theirs.join(", "),
                ours.join(", ")
            ),
        );
    }

    fn merge_tags(&mut self, merged: &mut Value, file: &str, doc: &Value) {
        let Some(theirs) = doc.get("tags").and_then(Value::as_array) else {
            return;
        };
        let Some(root) = merged.as_object_mut() else {
            return;
        };
        let ours = root
            .entry("tags")
            .or_insert_with(|| Value::Array(Vec::new()));
        let Some(ours) = ours.as_array_mut() else {
            return;
        };
        for tag in theirs {
            let name = tag.get("name").and_then(Value::as_str).unwrap_or_default();
            match ours
                .iter()
                .find(|t| t.get("name").and_then(Value::as_str) == Some(name))
            {
                None => ours.push(tag.clone()),
                Some(existing) if existing == tag => {}
                Some(_) => self.warnings.push(Warning {
                    class: WarningClass::Merge,
                    pointer: format!("{file}: #/tags"),
                    message: format!(
                        "tag `{name}` is described differently in {}; its first description is kept",
                        self.files[0]
                    ),
                }),
            }
        }
    }

    fn merge_extensions(&mut self, merged: &mut Value, file: &str, doc: &Value) {
        for (at, path) in [("#", vec![]), ("#/info", vec!["info"])] {
            let theirs = path
                .iter()
                .try_fold(doc, |v, k| v.get(*k))
                .and_then(Value::as_object);
            let Some(theirs) = theirs else { continue };
            let Some(ours) = path
                .iter()
                .try_fold(&mut *merged, |v, k| v.get_mut(*k))
                .and_then(Value::as_object_mut)
            else {
                continue;
            };
            for (key, value) in theirs.iter().filter(|(k, _)| k.starts_with("x-")) {
                match ours.get(key) {
                    None => {
                        ours.insert(key.clone(), value.clone());
                    }
                    Some(existing) if existing == value => {}
                    Some(_) => self.warnings.push(Warning {
                        class: WarningClass::Merge,
                        pointer: format!("{file}: {at}/{key}"),
                        message: format!(
                            "`{key}` differs from {}'s; the first is kept",
                            self.files[0]
                        ),
                    }),
                }
            }
        }
    }
}

/// Keys that document a definition without changing it.
const DOCUMENTATION: &[&str] = &[
    "description",
    "summary",
    "example",
    "examples",
    "externalDocs",
];

/// Whether two definitions are the same once their documentation is set aside (and, when they
/// are, whether the documentation differs too).
fn same(a: &Value, b: &Value) -> Sameness {
    if a == b {
        Sameness::Identical
    } else if strip_docs(a) == strip_docs(b) {
        Sameness::DocsDiffer
    } else {
        Sameness::Different
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sameness {
    Identical,
    DocsDiffer,
    Different,
}

/// `value` without documentation keys, at any depth (but inside `properties`, where a key is a
/// property's name).
fn strip_docs(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !DOCUMENTATION.contains(&k.as_str()))
                .map(|(k, v)| {
                    let v = if k == "properties" {
                        match v {
                            Value::Object(props) => Value::Object(
                                props
                                    .iter()
                                    .map(|(p, s)| (p.clone(), strip_docs(s)))
                                    .collect(),
                            ),
                            other => other.clone(),
                        }
                    } else {
                        strip_docs(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(strip_docs).collect()),
        other => other.clone(),
    }
}

/// An operation without its `tags`: what two specs must agree on for it to be one operation
/// of several API groups.
fn untagged(op: &Value) -> Value {
    let mut op = op.clone();
    if let Some(map) = op.as_object_mut() {
        map.remove("tags");
    }
    op
}

/// Adds to `ours` the tags of `theirs` it does not have yet, after its own.
fn unite_tags(ours: &mut Value, theirs: &Value) {
    let Some(map) = ours.as_object_mut() else {
        return;
    };
    let tags = map
        .entry("tags")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Some(tags) = tags.as_array_mut() else {
        return;
    };
    for tag in theirs
        .get("tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
}

/// The first place (a JSON pointer under `at`) where `a` and `b` differ: a key only one of
/// them has, an array of another length, or another value. `None` when they are equal.
fn difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|key| {
                let here = format!("{at}/{}", crate::error::pointer_segment(key));
                match (x.get(key), y.get(key)) {
                    (Some(v), Some(w)) => difference(v, w, &here),
                    _ => Some(here),
                }
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| difference(v, w, &format!("{at}/{i}"))),
        _ => (a != b).then(|| at.to_owned()),
    }
}

/// The object at `at` in `doc`, or an empty one.
pub fn object<'a>(doc: &'a Value, at: &str) -> &'a Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    doc.pointer(at)
        .and_then(Value::as_object)
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

/// The object at `keys` in `doc`, created (as objects) where missing.
fn ensure<'a>(doc: &'a mut Value, keys: &[&str]) -> Option<&'a mut Map<String, Value>> {
    let mut at = doc;
    for key in keys {
        at = at
            .as_object_mut()?
            .entry(*key)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    at.as_object_mut()
}

/// The flows of two OAuth 2 schemes as one, when both are OAuth 2 and no flow type has
/// different URLs in the two; scopes are united.
fn united_flows(a: &Value, b: &Value) -> Option<Value> {
    let oauth2 = |v: &Value| v.get("type").and_then(Value::as_str) == Some("oauth2");
    if !oauth2(a) || !oauth2(b) {
        return None;
    }
    let mut flows = a.get("flows")?.as_object()?.clone();
    for (kind, flow) in b.get("flows")?.as_object()? {
        let Some(existing) = flows.get_mut(kind) else {
            flows.insert(kind.clone(), flow.clone());
            continue;
        };
        let urls =
            |f: &Value| ["authorizationUrl", "tokenUrl", "refreshUrl"].map(|k| f.get(k).cloned());
        if urls(existing) != urls(flow) {
            return None;
        }
        let scopes = flow.get("scopes").and_then(Value::as_object).cloned();
        if let (Some(theirs), Some(Value::Object(ours))) = (scopes, existing.get_mut("scopes")) {
            for (scope, text) in theirs {
                ours.entry(scope).or_insert(text);
            }
        }
    }
    Some(Value::Object(flows))
}

/// Renames the keys of `map` that `renames` names, each keeping its value and its place.
fn rename_keys(map: &mut Map<String, Value>, renames: &BTreeMap<String, String>) {
    let old = std::mem::take(map);
    *map = old
        .into_iter()
        .map(|(name, value)| (renames.get(&name).cloned().unwrap_or(name), value))
        .collect();
}

/// Renames security schemes in the `security` requirements of `doc` and its operations.
fn rename_requirements(doc: &mut Value, renames: &BTreeMap<String, String>) {
    let rename = |security: &mut Value| {
        for requirement in security.as_array_mut().into_iter().flatten() {
            if let Some(map) = requirement.as_object_mut() {
                rename_keys(map, renames);
            }
        }
    };
    if let Some(security) = doc.get_mut("security") {
        rename(security);
    }
    for item in doc
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|p| p.values_mut())
    {
        for method in METHODS {
            if let Some(security) = item.get_mut(*method).and_then(|op| op.get_mut("security")) {
                rename(security);
            }
        }
    }
}

/// Adds to `names` the schemas `value` refers to: the names whose renaming [`rename_refs`]
/// would rewrite there.
fn referenced(value: &Value, names: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("$ref", Value::String(reference)) => names.extend(schema_name(reference)),
                    ("mapping", Value::Object(mapping)) => {
                        for target in mapping.values() {
                            if let Value::String(t) = target {
                                names.insert(schema_name(t).unwrap_or_else(|| t.clone()));
                            }
                        }
                    }
                    (_, child) => referenced(child, names),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| referenced(v, names)),
        _ => {}
    }
}

/// Rewrites every schema reference (and discriminator mapping) to a renamed schema.
pub fn rename_refs(value: &mut Value, renames: &BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match (key.as_str(), child) {
                    ("$ref", Value::String(reference)) => {
                        if let Some(new) = schema_name(reference).and_then(|n| renames.get(&n)) {
                            *reference = schema_ref(new);
                        }
                    }
                    ("mapping", Value::Object(mapping)) => {
                        for target in mapping.values_mut() {
                            if let Value::String(t) = target
                                && let Some(new) = schema_name(t)
                                    .or_else(|| Some(t.clone()))
                                    .and_then(|n| renames.get(&n))
                            {
                                *t = schema_ref(new);
                            }
                        }
                    }
                    (_, child) => rename_refs(child, renames),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename_refs(v, renames)),
        _ => {}
    }
}

/// What a spec's renamed schemas are suffixed with: its first tag (`Users`), or its file name.
fn group_name(doc: &Value, file: &str) -> String {
    let tag = doc
        .get("tags")
        .and_then(Value::as_array)
        .and_then(|t| t.first())
        .and_then(|t| t.get("name"))
        .and_then(Value::as_str);
    let stem = std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("Spec");
    naming::bare(&naming::pascal(tag.unwrap_or(stem))).to_owned()
}

/// What the titles share, without trailing separators: "Genesys Cloud Platform API" for
/// "Genesys Cloud Platform API - Users" and "Genesys Cloud Platform API: Chat".
fn common_title(titles: &[String]) -> String {
    let Some(first) = titles.first() else {
        return String::new();
    };
    let mut common: &str = first;
    for t in &titles[1..] {
        let n = common
            .char_indices()
            .zip(t.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        common = &common[..n];
    }
    let trimmed = common.trim_end_matches(|c: char| c.is_whitespace() || ":-–—,;/".contains(c));
    if trimmed.is_empty() {
        titles
            .iter()
            .map(String::as_str)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests;
