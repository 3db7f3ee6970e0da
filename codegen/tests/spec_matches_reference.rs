//! Proves that `spec/chat.yaml` says exactly what the reference extraction of the official
//! Python SDK (`shared/reference/chat-196.1.0.json`) says, operation by operation and property
//! by property, so the two can never drift apart silently.
//!
//! The comparison is one pure function, [`compare`], that returns every mismatch with its
//! location; [`spec_matches_reference`] runs it on the real files and fails once, listing them
//! all. [`checker_detects_drift`] mutates the spec in memory and proves that each mutation is
//! reported against the right operation or schema.
//!
//! The spec is read as a `serde_yaml::Value` rather than through `serde_json::Value`, because a
//! YAML mapping keeps its key order, and property order is part of what is compared.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

/// The number of operations and models the reference describes, stated independently of it.
const EXPECTED_OPERATIONS: usize = 24;
const EXPECTED_MODELS: usize = 20;

/// The only tag the spec uses; the reference has no tags (all operations come from `ChatApi`).
const TAG: &str = "Chat";
/// The only media type of requests and responses (reference `accept` / `content_type`).
const JSON_MEDIA_TYPE: &str = "application/json";
/// The model every operation's `default` response carries.
const ERROR_MODEL: &str = "ErrorBody";
/// How the spec refers to a component schema.
const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";
/// The keys of a path item that are operations.
const HTTP_METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

// ---------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------

fn spec_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/chat.yaml")
}

fn reference_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/chat-196.1.0.json")
}

fn load_spec() -> Yaml {
    let path = spec_path();
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the spec at {}: {e}", path.display()));
    serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("the spec at {} is not valid YAML: {e}", path.display()))
}

fn load_reference() -> Reference {
    let path = reference_path();
    if !path.is_file() {
        panic!(
            "the reference file is missing: expected it at {} (that is \
             <workspace>/../shared/reference/chat-196.1.0.json); this test does not skip \
             without it, because without it nothing proves the spec is right",
            path.display()
        );
    }
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the reference at {}: {e}", path.display()));
    let json: Json = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("the reference at {} is not valid JSON: {e}", path.display()));
    Reference::from_json(&json)
}

// ---------------------------------------------------------------------------------------------
// The reference, read into plain structs. A malformed reference is a broken fixture, not a
// spec mismatch, so reading it panics with the JSON location.
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
struct Reference {
    base_url_default: String,
    operation_count: usize,
    model_count: usize,
    operations: Vec<RefOperation>,
    models: BTreeMap<String, RefModel>,
}

#[derive(Debug)]
struct RefOperation {
    python_method: String,
    http_method: String,
    path: String,
    summary: String,
    notes: Option<String>,
    preview: bool,
    deprecated: bool,
    parameters: Vec<RefParameter>,
    body_model: Option<String>,
    return_model: Option<String>,
    accept: Vec<String>,
    content_type: Vec<String>,
    auth: Vec<String>,
    permissions_mode: String,
    permissions: Vec<String>,
}

#[derive(Debug)]
struct RefParameter {
    name: String,
    location: String,
    ty: String,
    required: bool,
    description: String,
}

#[derive(Debug)]
struct RefModel {
    properties: Vec<RefProperty>,
}

#[derive(Debug)]
struct RefProperty {
    json_name: String,
    python_type: String,
    description: String,
    enum_values: Option<Vec<String>>,
}

fn field<'a>(v: &'a Json, key: &str, at: &str) -> &'a Json {
    v.get(key)
        .unwrap_or_else(|| panic!("reference {at}: field `{key}` is missing"))
}

fn ref_str(v: &Json, key: &str, at: &str) -> String {
    field(v, key, at)
        .as_str()
        .unwrap_or_else(|| panic!("reference {at}: field `{key}` is not a string"))
        .to_owned()
}

fn ref_opt_str(v: &Json, key: &str, at: &str) -> Option<String> {
    match field(v, key, at) {
        Json::Null => None,
        Json::String(s) => Some(s.clone()),
        other => panic!("reference {at}: field `{key}` is neither null nor a string: {other}"),
    }
}

fn ref_bool(v: &Json, key: &str, at: &str) -> bool {
    field(v, key, at)
        .as_bool()
        .unwrap_or_else(|| panic!("reference {at}: field `{key}` is not a boolean"))
}

fn ref_usize(v: &Json, key: &str, at: &str) -> usize {
    field(v, key, at)
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or_else(|| panic!("reference {at}: field `{key}` is not a count"))
}

fn ref_array<'a>(v: &'a Json, key: &str, at: &str) -> &'a Vec<Json> {
    field(v, key, at)
        .as_array()
        .unwrap_or_else(|| panic!("reference {at}: field `{key}` is not a list"))
}

fn ref_str_list(v: &Json, key: &str, at: &str) -> Vec<String> {
    ref_array(v, key, at)
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_str()
                .unwrap_or_else(|| panic!("reference {at}: `{key}[{i}]` is not a string"))
                .to_owned()
        })
        .collect()
}

impl Reference {
    fn from_json(json: &Json) -> Self {
        let operations = ref_array(json, "operations", "top level")
            .iter()
            .enumerate()
            .map(|(i, op)| RefOperation::from_json(op, &format!("operations[{i}]")))
            .collect();
        let models = field(json, "models", "top level")
            .as_object()
            .expect("reference top level: field `models` is not an object")
            .iter()
            .map(|(name, model)| {
                let at = format!("models.{name}");
                let declared = ref_str(model, "name", &at);
                assert_eq!(
                    &declared, name,
                    "reference {at}: `name` disagrees with its key"
                );
                (name.clone(), RefModel::from_json(model, &at))
            })
            .collect();
        Reference {
            base_url_default: ref_str(json, "base_url_default", "top level"),
            operation_count: ref_usize(json, "operation_count", "top level"),
            model_count: ref_usize(json, "model_count", "top level"),
            operations,
            models,
        }
    }
}

impl RefOperation {
    fn from_json(op: &Json, at: &str) -> Self {
        let python_method = ref_str(op, "python_method", at);
        let at = &format!("{at} ({python_method})");
        let parameters = ref_array(op, "parameters", at)
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let at = format!("{at}.parameters[{i}]");
                RefParameter {
                    name: ref_str(p, "name", &at),
                    location: ref_str(p, "location", &at),
                    ty: ref_str(p, "type", &at),
                    required: ref_bool(p, "required", &at),
                    description: ref_opt_str(p, "description", &at).unwrap_or_default(),
                }
            })
            .collect();
        RefOperation {
            http_method: ref_str(op, "http_method", at),
            path: ref_str(op, "path", at),
            summary: ref_str(op, "summary", at),
            notes: ref_opt_str(op, "notes", at),
            preview: ref_bool(op, "preview", at),
            deprecated: ref_bool(op, "deprecated", at),
            parameters,
            body_model: ref_opt_str(op, "body_model", at),
            return_model: ref_opt_str(op, "return_model", at),
            accept: ref_str_list(op, "accept", at),
            content_type: ref_str_list(op, "content_type", at),
            auth: ref_str_list(op, "auth", at),
            permissions_mode: ref_str(op, "permissions_mode", at),
            permissions: ref_str_list(op, "permissions", at),
            python_method,
        }
    }

    /// `delete_chats_room_message` → `deleteChatsRoomMessage`.
    fn operation_id(&self) -> String {
        let mut out = String::new();
        for (i, word) in self.python_method.split('_').enumerate() {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                if i == 0 {
                    out.extend(first.to_lowercase());
                } else {
                    out.extend(first.to_uppercase());
                }
                out.push_str(chars.as_str());
            }
        }
        out
    }

    fn key(&self) -> (String, String) {
        (self.http_method.to_ascii_uppercase(), self.path.clone())
    }
}

impl RefModel {
    fn from_json(model: &Json, at: &str) -> Self {
        let properties = ref_array(model, "properties", at)
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let at = format!("{at}.properties[{i}]");
                let enum_values = match field(p, "enum", &at) {
                    Json::Null => None,
                    Json::Array(_) => Some(ref_str_list(p, "enum", &at)),
                    other => panic!("reference {at}: `enum` is neither null nor a list: {other}"),
                };
                RefProperty {
                    json_name: ref_str(p, "json_name", &at),
                    python_type: ref_str(p, "python_type", &at),
                    description: ref_opt_str(p, "description", &at).unwrap_or_default(),
                    enum_values,
                }
            })
            .collect();
        RefModel { properties }
    }
}

/// A Python SDK type string, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RefType {
    Str,
    Int,
    Bool,
    DateTime,
    List(Box<RefType>),
    Dict(Box<RefType>),
    Model(String),
}

/// Back in the reference's own notation, for messages.
impl std::fmt::Display for RefType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RefType::Str => f.write_str("str"),
            RefType::Int => f.write_str("int"),
            RefType::Bool => f.write_str("bool"),
            RefType::DateTime => f.write_str("datetime"),
            RefType::List(inner) => write!(f, "list[{inner}]"),
            RefType::Dict(inner) => write!(f, "dict(str, {inner})"),
            RefType::Model(name) => f.write_str(name),
        }
    }
}

impl RefType {
    fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        match text {
            "str" => return Ok(RefType::Str),
            "int" => return Ok(RefType::Int),
            "bool" => return Ok(RefType::Bool),
            "datetime" => return Ok(RefType::DateTime),
            _ => {}
        }
        if let Some(inner) = text.strip_prefix("list[").and_then(|t| t.strip_suffix(']')) {
            return Ok(RefType::List(Box::new(RefType::parse(inner)?)));
        }
        if let Some(inner) = text.strip_prefix("dict(").and_then(|t| t.strip_suffix(')')) {
            let (key, value) = inner
                .split_once(',')
                .ok_or_else(|| format!("`{text}` is a dict type without a key and value type"))?;
            if key.trim() != "str" {
                return Err(format!(
                    "`{text}` has non-string keys, which JSON cannot express"
                ));
            }
            return Ok(RefType::Dict(Box::new(RefType::parse(value)?)));
        }
        let is_model_name = text.starts_with(|c: char| c.is_ascii_uppercase())
            && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if is_model_name {
            Ok(RefType::Model(text.to_owned()))
        } else {
            Err(format!(
                "`{text}` is not a type this check knows how to map (str, int, bool, datetime, \
                 list[T], dict(str, T) or a model name)"
            ))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the spec
// ---------------------------------------------------------------------------------------------

/// A compact, one-line rendering of a spec value for messages.
fn show(v: &Yaml) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| format!("{v:?}"))
}

fn show_opt(v: Option<&Yaml>) -> String {
    v.map_or_else(|| "absent".to_owned(), show)
}

fn show_list(items: &[String]) -> String {
    format!("{items:?}")
}

fn schema_ref(name: &str) -> String {
    format!("{SCHEMA_REF_PREFIX}{name}")
}

fn mapping_keys(v: &Yaml) -> Vec<String> {
    v.as_mapping()
        .map(|m| {
            m.keys()
                .map(|k| k.as_str().map_or_else(|| show(k), str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// A boolean field that OpenAPI defaults to `false` when absent.
fn flag(v: &Yaml, key: &str) -> Result<bool, String> {
    match v.get(key) {
        None => Ok(false),
        Some(Yaml::Bool(b)) => Ok(*b),
        Some(other) => Err(format!("`{key}` is not a boolean: {}", show(other))),
    }
}

/// Every operation of the spec, keyed by (METHOD, path), in document order.
fn spec_operations<'a>(
    spec: &'a Yaml,
    errors: &mut Vec<String>,
) -> Vec<((String, String), &'a Yaml)> {
    let mut out = Vec::new();
    let Some(paths) = spec.get("paths").and_then(Yaml::as_mapping) else {
        errors.push("spec: `paths` is missing or not a mapping".to_owned());
        return out;
    };
    for (path, item) in paths {
        let Some(path) = path.as_str() else {
            errors.push(format!("spec: path key {} is not a string", show(path)));
            continue;
        };
        for unsupported in ["$ref", "parameters"] {
            if item.get(unsupported).is_some() {
                errors.push(format!(
                    "path {path}: path-level `{unsupported}` is not compared with the reference; \
                     declare everything on the operations"
                ));
            }
        }
        for method in HTTP_METHODS {
            if let Some(op) = item.get(method) {
                out.push(((method.to_ascii_uppercase(), path.to_owned()), op));
            }
        }
    }
    out
}

fn spec_schemas(spec: &Yaml) -> Option<&serde_yaml::Mapping> {
    spec.get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Yaml::as_mapping)
}

// ---------------------------------------------------------------------------------------------
// The comparison
// ---------------------------------------------------------------------------------------------

/// Every way in which `spec` does not say what `reference` says, each with its location.
fn compare(spec: &Yaml, reference: &Reference) -> Vec<String> {
    let mut errors = Vec::new();
    compare_document(spec, reference, &mut errors);
    compare_operations(spec, reference, &mut errors);
    compare_schemas(spec, reference, &mut errors);
    errors
}

fn compare_document(spec: &Yaml, reference: &Reference, errors: &mut Vec<String>) {
    let server = spec
        .get("servers")
        .and_then(|s| s.get(0))
        .and_then(|s| s.get("url"));
    if server.and_then(Yaml::as_str) != Some(reference.base_url_default.as_str()) {
        errors.push(format!(
            "spec: servers[0].url: spec {}, reference {:?}",
            show_opt(server),
            reference.base_url_default
        ));
    }

    let schemes: BTreeSet<&str> = reference
        .operations
        .iter()
        .flat_map(|op| op.auth.iter().map(String::as_str))
        .collect();
    for scheme in schemes {
        let declared = spec
            .get("components")
            .and_then(|c| c.get("securitySchemes"))
            .and_then(|s| s.get(scheme));
        match declared {
            None => errors.push(format!(
                "spec: components.securitySchemes: `{scheme}` (reference auth) is missing"
            )),
            Some(s) if s.get("type").and_then(Yaml::as_str) != Some("oauth2") => {
                errors.push(format!(
                    "spec: components.securitySchemes.{scheme}: type: spec {}, expected \"oauth2\"",
                    show_opt(s.get("type"))
                ));
            }
            Some(_) => {}
        }
    }
}

fn compare_operations(spec: &Yaml, reference: &Reference, errors: &mut Vec<String>) {
    let spec_ops = spec_operations(spec, errors);

    let mut by_key: BTreeMap<(String, String), &Yaml> = BTreeMap::new();
    let mut seen_ids: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (key, op) in &spec_ops {
        by_key.insert(key.clone(), op);
        if let Some(id) = op.get("operationId").and_then(Yaml::as_str)
            && let Some(first) = seen_ids.insert(id.to_owned(), key.clone())
        {
            errors.push(format!(
                "operation {id}: operationId used twice, by {} {} and {} {}",
                first.0, first.1, key.0, key.1
            ));
        }
    }

    let mut expected_keys = BTreeSet::new();
    let mut expected_ids = BTreeSet::new();
    for ref_op in &reference.operations {
        let id = ref_op.operation_id();
        let key = ref_op.key();
        if !expected_keys.insert(key.clone()) {
            errors.push(format!(
                "reference: {} {} appears twice among the operations",
                key.0, key.1
            ));
        }
        expected_ids.insert(id.clone());
        match by_key.get(&key) {
            None => errors.push(format!(
                "operation {id}: {} {} is missing from the spec",
                key.0, key.1
            )),
            Some(op) => compare_operation(op, ref_op, &id, spec, reference, errors),
        }
    }

    for (key, op) in &spec_ops {
        if !expected_keys.contains(key) {
            errors.push(format!(
                "operation {}: {} {} is in the spec but not in the reference",
                show_opt(op.get("operationId")),
                key.0,
                key.1
            ));
        }
    }
    for id in seen_ids.keys() {
        if !expected_ids.contains(id) {
            errors.push(format!(
                "operation {id}: operationId is in the spec but no reference python_method maps to it"
            ));
        }
    }
}

fn compare_operation(
    op: &Yaml,
    ref_op: &RefOperation,
    id: &str,
    spec: &Yaml,
    reference: &Reference,
    errors: &mut Vec<String>,
) {
    let at = format!("operation {id}");
    let mut mismatch = |what: String| errors.push(format!("{at}: {what}"));

    // Identity and documentation.
    let spec_id = op.get("operationId");
    if spec_id.and_then(Yaml::as_str) != Some(id) {
        mismatch(format!(
            "operationId: spec {}, reference {id:?} (from python_method {})",
            show_opt(spec_id),
            ref_op.python_method
        ));
    }
    let tags = op.get("tags");
    let tags_ok = tags
        .and_then(Yaml::as_sequence)
        .is_some_and(|t| t.len() == 1 && t[0].as_str() == Some(TAG));
    if !tags_ok {
        mismatch(format!("tags: spec {}, expected [{TAG:?}]", show_opt(tags)));
    }
    let summary = op.get("summary");
    if summary.and_then(Yaml::as_str) != Some(ref_op.summary.as_str()) {
        mismatch(format!(
            "summary: spec {}, reference {:?}",
            show_opt(summary),
            ref_op.summary
        ));
    }
    let description = op.get("description");
    match (&ref_op.notes, description) {
        (None, None) => {}
        (None, Some(d)) => mismatch(format!(
            "description: spec {}, reference has no notes (expected no description)",
            show(d)
        )),
        (Some(notes), d) if d.and_then(Yaml::as_str) != Some(notes.as_str()) => mismatch(format!(
            "description: spec {}, reference notes {notes:?}",
            show_opt(d)
        )),
        (Some(_), _) => {}
    }
    match flag(op, "deprecated") {
        Ok(d) if d == ref_op.deprecated => {}
        Ok(d) => mismatch(format!(
            "deprecated: spec {d}, reference {}",
            ref_op.deprecated
        )),
        Err(e) => mismatch(e),
    }

    // Extensions.
    let preview = op.get("x-genesys-preview");
    let preview_ok = match preview {
        None => !ref_op.preview,
        Some(Yaml::Bool(b)) => *b == ref_op.preview,
        Some(_) => false,
    };
    if !preview_ok {
        mismatch(format!(
            "x-genesys-preview: spec {}, reference preview {}",
            show_opt(preview),
            ref_op.preview
        ));
    }
    match op.get("x-inin-requires-permissions") {
        None => mismatch(format!(
            "x-inin-requires-permissions: missing, reference {} {}",
            ref_op.permissions_mode,
            show_list(&ref_op.permissions)
        )),
        Some(perms) => {
            let mode = perms.get("type");
            if mode.and_then(Yaml::as_str) != Some(ref_op.permissions_mode.as_str()) {
                mismatch(format!(
                    "x-inin-requires-permissions.type: spec {}, reference {:?}",
                    show_opt(mode),
                    ref_op.permissions_mode
                ));
            }
            match string_list(perms.get("permissions")) {
                Some(list) if list == ref_op.permissions => {}
                Some(list) => mismatch(format!(
                    "x-inin-requires-permissions.permissions: spec {}, reference {}",
                    show_list(&list),
                    show_list(&ref_op.permissions)
                )),
                None => mismatch(format!(
                    "x-inin-requires-permissions.permissions: spec {}, reference {}",
                    show_opt(perms.get("permissions")),
                    show_list(&ref_op.permissions)
                )),
            }
            let extra: Vec<String> = mapping_keys(perms)
                .into_iter()
                .filter(|k| k != "type" && k != "permissions")
                .collect();
            if !extra.is_empty() {
                mismatch(format!(
                    "x-inin-requires-permissions: keys not in the reference: {extra:?}"
                ));
            }
        }
    }

    // Security: the operation's own list, else the document's.
    let security = op.get("security").or_else(|| spec.get("security"));
    match security.and_then(Yaml::as_sequence) {
        None => mismatch(format!(
            "security: spec {}, reference auth {}",
            show_opt(security),
            show_list(&ref_op.auth)
        )),
        Some(requirements) => {
            let anonymous = requirements
                .iter()
                .any(|r| r.as_mapping().is_some_and(serde_yaml::Mapping::is_empty));
            let names: BTreeSet<String> = requirements.iter().flat_map(mapping_keys).collect();
            let expected: BTreeSet<String> = ref_op.auth.iter().cloned().collect();
            if anonymous || names != expected {
                mismatch(format!(
                    "security: spec {}, reference auth {}",
                    show_opt(security),
                    show_list(&ref_op.auth)
                ));
            }
        }
    }

    // The reference's own media types must be what the spec is held to.
    for (what, list) in [
        ("accept", &ref_op.accept),
        ("content_type", &ref_op.content_type),
    ] {
        if list.as_slice() != [JSON_MEDIA_TYPE] {
            mismatch(format!(
                "reference {what} is {}, but this check assumes only {JSON_MEDIA_TYPE:?}",
                show_list(list)
            ));
        }
    }

    compare_parameters(op, ref_op, reference, &at, errors);
    compare_request_body(op, ref_op, reference, &at, errors);
    compare_responses(op, ref_op, &at, errors);
}

fn string_list(v: Option<&Yaml>) -> Option<Vec<String>> {
    v?.as_sequence()?
        .iter()
        .map(|item| item.as_str().map(str::to_owned))
        .collect()
}

fn compare_parameters(
    op: &Yaml,
    ref_op: &RefOperation,
    reference: &Reference,
    at: &str,
    errors: &mut Vec<String>,
) {
    let empty = Vec::new();
    let spec_params = match op.get("parameters") {
        None => &empty,
        Some(p) => match p.as_sequence() {
            Some(seq) => seq,
            None => {
                errors.push(format!("{at}: parameters is not a list: {}", show(p)));
                return;
            }
        },
    };
    let ref_params: Vec<&RefParameter> = ref_op
        .parameters
        .iter()
        .filter(|p| p.location != "body")
        .collect();

    let spec_names: Vec<String> = spec_params
        .iter()
        .map(|p| show_opt(p.get("name")).trim_matches('"').to_owned())
        .collect();
    let ref_names: Vec<String> = ref_params.iter().map(|p| p.name.clone()).collect();

    for name in &spec_names {
        if !ref_names.contains(name) {
            errors.push(format!(
                "{at}: parameter {name}: in the spec but not in the reference"
            ));
        }
    }
    for name in &ref_names {
        if !spec_names.contains(name) {
            errors.push(format!(
                "{at}: parameter {name}: in the reference but missing from the spec"
            ));
        }
    }
    let same_set =
        spec_names.iter().collect::<BTreeSet<_>>() == ref_names.iter().collect::<BTreeSet<_>>();
    if same_set && spec_names != ref_names {
        errors.push(format!(
            "{at}: parameter order: spec {}, reference {}",
            show_list(&spec_names),
            show_list(&ref_names)
        ));
    }

    for ref_param in ref_params {
        let Some(param) = spec_params
            .iter()
            .find(|p| p.get("name").and_then(Yaml::as_str) == Some(ref_param.name.as_str()))
        else {
            continue;
        };
        let at = format!("{at}: parameter {}", ref_param.name);
        let location = param.get("in");
        if location.and_then(Yaml::as_str) != Some(ref_param.location.as_str()) {
            errors.push(format!(
                "{at}: in: spec {}, reference {:?}",
                show_opt(location),
                ref_param.location
            ));
        }
        match flag(param, "required") {
            Ok(r) if r == ref_param.required => {}
            Ok(r) => errors.push(format!(
                "{at}: required: spec {r}, reference {}",
                ref_param.required
            )),
            Err(e) => errors.push(format!("{at}: {e}")),
        }
        check_description(param, &ref_param.description, &at, errors);
        match param.get("schema") {
            None => errors.push(format!(
                "{at}: schema: missing, reference type {:?}",
                ref_param.ty
            )),
            Some(schema) => check_typed(schema, &ref_param.ty, None, reference, &at, errors),
        }
    }
}

fn compare_request_body(
    op: &Yaml,
    ref_op: &RefOperation,
    reference: &Reference,
    at: &str,
    errors: &mut Vec<String>,
) {
    let body_params: Vec<&RefParameter> = ref_op
        .parameters
        .iter()
        .filter(|p| p.location == "body")
        .collect();
    let body_param = match body_params.as_slice() {
        [] => None,
        [one] => Some(*one),
        _ => {
            errors.push(format!(
                "{at}: the reference has more than one body parameter"
            ));
            None
        }
    };
    if body_param.map(|p| p.ty.as_str()) != ref_op.body_model.as_deref() {
        errors.push(format!(
            "{at}: reference is inconsistent: body_model {:?}, body parameter type {:?}",
            ref_op.body_model,
            body_param.map(|p| &p.ty)
        ));
    }

    let request_body = op.get("requestBody");
    let Some(model) = &ref_op.body_model else {
        if let Some(body) = request_body {
            errors.push(format!(
                "{at}: requestBody: spec {}, reference has no body_model",
                show(body)
            ));
        }
        return;
    };
    if !reference.models.contains_key(model) {
        errors.push(format!(
            "{at}: reference body_model {model} is not among the reference models"
        ));
    }
    let Some(body) = request_body else {
        errors.push(format!(
            "{at}: requestBody: missing, reference body_model {model}"
        ));
        return;
    };
    let at = format!("{at}: requestBody");
    check_json_content(body, model, &at, errors);
    if let Some(param) = body_param {
        check_description(body, &param.description, &at, errors);
    }
    let expected_required = body_param.is_some_and(|p| p.required);
    match flag(body, "required") {
        Ok(r) if r == expected_required => {}
        Ok(r) => errors.push(format!(
            "{at}: required: spec {r}, reference {expected_required}"
        )),
        Err(e) => errors.push(format!("{at}: {e}")),
    }
}

/// `content` holds exactly `application/json`, whose schema is `$ref` to `model`.
fn check_json_content(holder: &Yaml, model: &str, at: &str, errors: &mut Vec<String>) {
    let content = holder.get("content");
    let keys = content.map(mapping_keys).unwrap_or_default();
    if keys != [JSON_MEDIA_TYPE] {
        errors.push(format!(
            "{at}: content media types: spec {}, expected [{JSON_MEDIA_TYPE:?}]",
            show_list(&keys)
        ));
    }
    let schema = content
        .and_then(|c| c.get(JSON_MEDIA_TYPE))
        .and_then(|m| m.get("schema"));
    let expected = schema_ref(model);
    let is_ref = schema.is_some_and(|s| {
        s.get("$ref").and_then(Yaml::as_str) == Some(expected.as_str())
            && mapping_keys(s).len() == 1
    });
    if !is_ref {
        errors.push(format!(
            "{at}: {JSON_MEDIA_TYPE} schema: spec {}, expected {{\"$ref\":{expected:?}}}",
            show_opt(schema)
        ));
    }
}

fn compare_responses(op: &Yaml, ref_op: &RefOperation, at: &str, errors: &mut Vec<String>) {
    let Some(responses) = op.get("responses").and_then(Yaml::as_mapping) else {
        errors.push(format!(
            "{at}: responses: spec {}, expected a mapping",
            show_opt(op.get("responses"))
        ));
        return;
    };
    let response = |code: &str| responses.get(code);

    match response("default") {
        None => errors.push(format!(
            "{at}: responses.default: missing, expected {JSON_MEDIA_TYPE} {ERROR_MODEL}"
        )),
        Some(r) => check_json_content(r, ERROR_MODEL, &format!("{at}: responses.default"), errors),
    }

    let success_codes: Vec<String> = responses
        .keys()
        .map(|k| k.as_str().map_or_else(|| show(k), str::to_owned))
        .filter(|k| k.starts_with('2'))
        .collect();
    match &ref_op.return_model {
        Some(model) => {
            match response("200") {
                None => errors.push(format!(
                    "{at}: responses.200: missing, reference return_model {model}"
                )),
                Some(r) => check_json_content(r, model, &format!("{at}: responses.200"), errors),
            }
            let others: Vec<&String> = success_codes.iter().filter(|c| *c != "200").collect();
            if !others.is_empty() {
                errors.push(format!(
                    "{at}: responses: 2xx codes besides 200: {others:?}, reference returns only {model}"
                ));
            }
        }
        None => {
            match response("204") {
                None => errors.push(format!(
                    "{at}: responses.204: missing, reference has no return_model"
                )),
                Some(r) if r.get("content").is_some() => errors.push(format!(
                    "{at}: responses.204: has content {}, reference has no return_model",
                    show_opt(r.get("content"))
                )),
                Some(_) => {}
            }
            // 204 was judged just above.
            for code in success_codes.iter().filter(|c| *c != "204") {
                if response(code).and_then(|r| r.get("content")).is_some() {
                    errors.push(format!(
                        "{at}: responses.{code}: has content, reference has no return_model"
                    ));
                }
            }
        }
    }
}

fn compare_schemas(spec: &Yaml, reference: &Reference, errors: &mut Vec<String>) {
    let Some(schemas) = spec_schemas(spec) else {
        errors.push("spec: components.schemas is missing or not a mapping".to_owned());
        return;
    };
    let spec_names: BTreeSet<String> = schemas
        .keys()
        .map(|k| k.as_str().map_or_else(|| show(k), str::to_owned))
        .collect();
    for name in &spec_names {
        if !reference.models.contains_key(name) {
            errors.push(format!(
                "schema {name}: in the spec but not among the reference models"
            ));
        }
    }
    for (name, model) in &reference.models {
        let at = format!("schema {name}");
        match schemas.get(name.as_str()) {
            None => errors.push(format!("{at}: reference model missing from the spec")),
            Some(schema) => compare_schema(schema, model, reference, &at, errors),
        }
    }
}

fn compare_schema(
    schema: &Yaml,
    model: &RefModel,
    reference: &Reference,
    at: &str,
    errors: &mut Vec<String>,
) {
    if schema.get("type").and_then(Yaml::as_str) != Some("object") {
        errors.push(format!(
            "{at}: type: spec {}, expected \"object\"",
            show_opt(schema.get("type"))
        ));
    }
    let empty = serde_yaml::Mapping::new();
    let properties = match schema.get("properties") {
        None => &empty,
        Some(p) => match p.as_mapping() {
            Some(m) => m,
            None => {
                errors.push(format!("{at}: properties is not a mapping: {}", show(p)));
                return;
            }
        },
    };
    let spec_names: Vec<String> = properties
        .keys()
        .map(|k| k.as_str().map_or_else(|| show(k), str::to_owned))
        .collect();
    let ref_names: Vec<String> = model
        .properties
        .iter()
        .map(|p| p.json_name.clone())
        .collect();
    for name in &spec_names {
        if !ref_names.contains(name) {
            errors.push(format!(
                "{at} property {name}: in the spec but not in the reference"
            ));
        }
    }
    for name in &ref_names {
        if !spec_names.contains(name) {
            errors.push(format!(
                "{at} property {name}: in the reference but missing from the spec"
            ));
        }
    }
    let same_set =
        spec_names.iter().collect::<BTreeSet<_>>() == ref_names.iter().collect::<BTreeSet<_>>();
    if same_set && spec_names != ref_names {
        errors.push(format!(
            "{at}: property order: spec {}, reference {}",
            show_list(&spec_names),
            show_list(&ref_names)
        ));
    }

    for prop in &model.properties {
        let Some(spec_prop) = properties.get(prop.json_name.as_str()) else {
            continue;
        };
        let at = format!("{at} property {}", prop.json_name);
        check_description(spec_prop, &prop.description, &at, errors);
        check_typed(
            spec_prop,
            &prop.python_type,
            prop.enum_values.as_deref(),
            reference,
            &at,
            errors,
        );
    }
}

/// Reference `""` means "no description": the spec must then have none.
fn check_description(v: &Yaml, expected: &str, at: &str, errors: &mut Vec<String>) {
    let actual = v.get("description");
    let ok = match actual {
        None => expected.is_empty(),
        Some(d) => !expected.is_empty() && d.as_str() == Some(expected),
    };
    if !ok {
        let expected = if expected.is_empty() {
            "none".to_owned()
        } else {
            format!("{expected:?}")
        };
        errors.push(format!(
            "{at}: description: spec {}, reference {expected}",
            show_opt(actual)
        ));
    }
}

fn check_typed(
    schema: &Yaml,
    python_type: &str,
    enum_values: Option<&[String]>,
    reference: &Reference,
    at: &str,
    errors: &mut Vec<String>,
) {
    match RefType::parse(python_type) {
        Ok(ty) => check_type(schema, &ty, enum_values, reference, at, errors),
        Err(e) => errors.push(format!("{at}: reference type: {e}")),
    }
}

/// The schema has the shape the reference type maps to. `enum_values` belong to the innermost
/// scalar (a `list[str]` with an enum carries it on `items`); every other level must have none.
fn check_type(
    schema: &Yaml,
    ty: &RefType,
    enum_values: Option<&[String]>,
    reference: &Reference,
    at: &str,
    errors: &mut Vec<String>,
) {
    let spec_type = schema.get("type");
    let spec_format = schema.get("format");
    let expect_type = |expected: &str, errors: &mut Vec<String>| {
        if spec_type.and_then(Yaml::as_str) != Some(expected) {
            errors.push(format!(
                "{at}: type: spec {}, reference `{ty}` maps to {expected:?}",
                show_opt(spec_type)
            ));
        }
    };
    let check_format = |allowed: &[&str], errors: &mut Vec<String>| {
        let ok = match spec_format {
            None => allowed.is_empty(),
            Some(f) => f.as_str().is_some_and(|f| allowed.contains(&f)),
        };
        if !ok {
            errors.push(format!(
                "{at}: format: spec {}, reference `{ty}` allows {}",
                show_opt(spec_format),
                if allowed.is_empty() {
                    "none".to_owned()
                } else {
                    format!("{allowed:?}")
                }
            ));
        }
    };
    match ty {
        RefType::Str => {
            expect_type("string", errors);
            check_format(&[], errors);
            check_enum(schema, enum_values, at, errors);
        }
        RefType::Int => {
            expect_type("integer", errors);
            check_format(&["int32", "int64"], errors);
            check_enum(schema, enum_values, at, errors);
        }
        RefType::Bool => {
            expect_type("boolean", errors);
            check_format(&[], errors);
            check_enum(schema, enum_values, at, errors);
        }
        RefType::DateTime => {
            expect_type("string", errors);
            check_format(&["date-time"], errors);
            check_enum(schema, enum_values, at, errors);
        }
        RefType::List(inner) => {
            expect_type("array", errors);
            check_format(&[], errors);
            check_enum(schema, None, at, errors);
            match schema.get("items") {
                None => errors.push(format!("{at}: items: missing, reference `{ty}`")),
                Some(items) => check_type(
                    items,
                    inner,
                    enum_values,
                    reference,
                    &format!("{at} items"),
                    errors,
                ),
            }
        }
        RefType::Dict(inner) => {
            expect_type("object", errors);
            check_format(&[], errors);
            check_enum(schema, None, at, errors);
            if let Some(p) = schema.get("properties") {
                errors.push(format!(
                    "{at}: properties: spec {}, reference `{ty}` is a plain map",
                    show(p)
                ));
            }
            match schema.get("additionalProperties") {
                Some(values) if values.is_mapping() => check_type(
                    values,
                    inner,
                    enum_values,
                    reference,
                    &format!("{at} additionalProperties"),
                    errors,
                ),
                other => errors.push(format!(
                    "{at}: additionalProperties: spec {}, reference `{ty}`",
                    show_opt(other)
                )),
            }
        }
        RefType::Model(name) => {
            check_model_ref(schema, name, reference, at, errors);
            if let Some(values) = enum_values {
                errors.push(format!(
                    "{at}: reference has enum {} on a property of model type {name}",
                    show_list(values)
                ));
            }
        }
    }
}

/// A reference to model `name`: `{$ref}` alone (OpenAPI 3.0 ignores siblings of `$ref`), or
/// `allOf: [{$ref}]`, optionally with a description beside it.
fn check_model_ref(
    schema: &Yaml,
    name: &str,
    reference: &Reference,
    at: &str,
    errors: &mut Vec<String>,
) {
    if !reference.models.contains_key(name) {
        errors.push(format!(
            "{at}: reference type names model {name}, which is not among the reference models"
        ));
    }
    let expected = schema_ref(name);
    let is_bare_ref = |v: &Yaml| {
        v.get("$ref").and_then(Yaml::as_str) == Some(expected.as_str())
            && mapping_keys(v).len() == 1
    };
    let keys = mapping_keys(schema);
    if schema.get("$ref").is_some() {
        if schema.get("$ref").and_then(Yaml::as_str) != Some(expected.as_str()) {
            errors.push(format!(
                "{at}: $ref: spec {}, reference type {name}",
                show_opt(schema.get("$ref"))
            ));
        }
        let siblings: Vec<&String> = keys.iter().filter(|k| *k != "$ref").collect();
        if !siblings.is_empty() {
            errors.push(format!(
                "{at}: keys beside $ref, which OpenAPI 3.0 ignores: {siblings:?}; use allOf: [$ref]"
            ));
        }
    } else if let Some(all_of) = schema.get("allOf") {
        let ok = all_of
            .as_sequence()
            .is_some_and(|items| items.len() == 1 && is_bare_ref(&items[0]));
        if !ok {
            errors.push(format!(
                "{at}: allOf: spec {}, expected [{{\"$ref\":{expected:?}}}] for reference type {name}",
                show(all_of)
            ));
        }
        let siblings: Vec<&String> = keys
            .iter()
            .filter(|k| *k != "allOf" && *k != "description")
            .collect();
        if !siblings.is_empty() {
            errors.push(format!(
                "{at}: keys beside allOf other than description: {siblings:?}"
            ));
        }
    } else {
        errors.push(format!(
            "{at}: spec {}, expected a reference to {name} ($ref or allOf: [$ref])",
            show(schema)
        ));
    }
}

fn check_enum(schema: &Yaml, expected: Option<&[String]>, at: &str, errors: &mut Vec<String>) {
    let actual = schema.get("enum");
    match (actual, expected) {
        (None, None) => {}
        (Some(a), None) => errors.push(format!("{at}: enum: spec {}, reference has none", show(a))),
        (None, Some(e)) => errors.push(format!(
            "{at}: enum: spec has none, reference {}",
            show_list(e)
        )),
        (Some(a), Some(e)) => match string_list(Some(a)) {
            None => errors.push(format!(
                "{at}: enum: spec {} is not a list of strings",
                show(a)
            )),
            Some(a) if a == e => {}
            Some(a) => errors.push(format!("{at}: enum differs: {}", enum_difference(&a, e))),
        },
    }
}

/// What differs between two enum lists, precisely enough to act on.
fn enum_difference(spec: &[String], reference: &[String]) -> String {
    let only_spec: Vec<&String> = spec.iter().filter(|v| !reference.contains(v)).collect();
    let only_ref: Vec<&String> = reference.iter().filter(|v| !spec.contains(v)).collect();
    let mut parts = Vec::new();
    if !only_spec.is_empty() {
        parts.push(format!("only in spec {only_spec:?}"));
    }
    if !only_ref.is_empty() {
        parts.push(format!("only in reference {only_ref:?}"));
    }
    if spec.len() != reference.len() {
        parts.push(format!(
            "spec has {} values, reference {}",
            spec.len(),
            reference.len()
        ));
    }
    if parts.is_empty() {
        let index = spec
            .iter()
            .zip(reference)
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        parts.push(format!(
            "same values in a different order, first at index {index}: spec {:?}, reference {:?}",
            spec[index], reference[index]
        ));
    }
    parts.join("; ")
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn spec_matches_reference() {
    let reference = load_reference();
    let spec = load_spec();

    // The counts, stated independently of both files.
    assert_eq!(
        reference.operations.len(),
        EXPECTED_OPERATIONS,
        "reference: number of operations"
    );
    assert_eq!(
        reference.operation_count, EXPECTED_OPERATIONS,
        "reference: operation_count"
    );
    assert_eq!(
        reference.models.len(),
        EXPECTED_MODELS,
        "reference: number of models"
    );
    assert_eq!(
        reference.model_count, EXPECTED_MODELS,
        "reference: model_count"
    );
    let mut ignored = Vec::new();
    assert_eq!(
        spec_operations(&spec, &mut ignored).len(),
        EXPECTED_OPERATIONS,
        "spec: number of operations under paths"
    );
    assert_eq!(
        spec_schemas(&spec).map_or(0, serde_yaml::Mapping::len),
        EXPECTED_MODELS,
        "spec: number of components.schemas"
    );

    let mismatches = compare(&spec, &reference);
    assert!(
        mismatches.is_empty(),
        "{} does not match {} in {} place(s):\n  - {}",
        spec_path().display(),
        reference_path().display(),
        mismatches.len(),
        mismatches.join("\n  - ")
    );
}

/// The operation of `spec` whose operationId is `id`.
fn operation_mut<'a>(spec: &'a mut Yaml, id: &str) -> &'a mut Yaml {
    let paths = spec
        .get_mut("paths")
        .and_then(Yaml::as_mapping_mut)
        .expect("spec has a `paths` mapping");
    paths
        .values_mut()
        .filter_map(Yaml::as_mapping_mut)
        .flat_map(|item| item.values_mut())
        .find(|op| op.get("operationId").and_then(Yaml::as_str) == Some(id))
        .unwrap_or_else(|| panic!("spec has an operation {id}"))
}

fn schema_mut<'a>(spec: &'a mut Yaml, name: &str) -> &'a mut Yaml {
    spec.get_mut("components")
        .and_then(|c| c.get_mut("schemas"))
        .and_then(|s| s.get_mut(name))
        .unwrap_or_else(|| panic!("spec has components.schemas.{name}"))
}

fn property_mut<'a>(spec: &'a mut Yaml, schema: &str, property: &str) -> &'a mut Yaml {
    schema_mut(spec, schema)
        .get_mut("properties")
        .and_then(|p| p.get_mut(property))
        .unwrap_or_else(|| panic!("spec has {schema}.properties.{property}"))
}

#[test]
fn checker_detects_drift() {
    let reference = load_reference();
    let spec = load_spec();
    let baseline = compare(&spec, &reference);
    assert!(
        baseline.is_empty(),
        "the unmutated spec must match before mutations can be judged; mismatches:\n  - {}",
        baseline.join("\n  - ")
    );

    type Mutation = fn(&mut Yaml);
    let mutations: [(&str, Mutation, &[&str]); 6] = [
        (
            "optional query parameter made required",
            |spec| {
                let op = operation_mut(spec, "getChatsRoomMessages");
                let param = op
                    .get_mut("parameters")
                    .and_then(Yaml::as_sequence_mut)
                    .expect("getChatsRoomMessages has parameters")
                    .iter_mut()
                    .find(|p| p.get("name").and_then(Yaml::as_str) == Some("limit"))
                    .expect("getChatsRoomMessages has a `limit` parameter");
                param["required"] = Yaml::Bool(true);
            },
            &["operation getChatsRoomMessages: parameter limit: required"],
        ),
        (
            "property removed",
            |spec| {
                let props = schema_mut(spec, "ChatMessageResponse")
                    .get_mut("properties")
                    .and_then(Yaml::as_mapping_mut)
                    .expect("ChatMessageResponse has properties");
                props
                    .remove("edited")
                    .expect("ChatMessageResponse has an `edited` property");
            },
            &["schema ChatMessageResponse property edited"],
        ),
        (
            "enum value changed",
            |spec| {
                let values = property_mut(spec, "Room", "roomType")
                    .get_mut("enum")
                    .and_then(Yaml::as_sequence_mut)
                    .expect("Room.roomType has an enum");
                values[1] = Yaml::String("ACD".to_owned());
            },
            &["schema Room property roomType: enum differs"],
        ),
        (
            "preview extension removed",
            |spec| {
                let op = operation_mut(spec, "postChatsRooms")
                    .as_mapping_mut()
                    .expect("postChatsRooms is a mapping");
                op.remove("x-genesys-preview")
                    .expect("postChatsRooms is a preview operation");
            },
            &["operation postChatsRooms: x-genesys-preview"],
        ),
        (
            "permission dropped",
            |spec| {
                operation_mut(spec, "putChatsSettings")["x-inin-requires-permissions"]
                    ["permissions"]
                    .as_sequence_mut()
                    .expect("putChatsSettings lists permissions")
                    .pop();
            },
            &["operation putChatsSettings: x-inin-requires-permissions.permissions"],
        ),
        (
            "datetime property loses its format",
            |spec| {
                property_mut(spec, "Room", "dateCreated")
                    .as_mapping_mut()
                    .expect("Room.dateCreated is a mapping")
                    .remove("format")
                    .expect("Room.dateCreated has a format");
            },
            &["schema Room property dateCreated: format"],
        ),
    ];

    for (what, mutate, expected) in mutations {
        let mut mutated = spec.clone();
        mutate(&mut mutated);
        let mismatches = compare(&mutated, &reference);
        assert!(!mismatches.is_empty(), "mutation `{what}` went undetected");
        for needle in expected {
            assert!(
                mismatches.iter().any(|m| m.contains(needle)),
                "mutation `{what}`: no mismatch mentions `{needle}`; got:\n  - {}",
                mismatches.join("\n  - ")
            );
        }
        // Nothing else is reported: the checker locates drift, it does not just notice it.
        let subject = expected[0]
            .split(':')
            .next()
            .expect("a needle names its subject before the first colon");
        let subject = subject
            .split(" property ")
            .next()
            .expect("split yields at least one part");
        for m in &mismatches {
            assert!(
                m.starts_with(subject),
                "mutation `{what}`: unrelated mismatch reported: {m}"
            );
        }
    }
}
