//! Stage 1b: every `$ref` of the raw document, resolved once, before the document is typed.
//!
//! After this stage, lowering meets exactly one kind of reference: a schema reference of the
//! canonical form `#/components/schemas/NAME` (NAME escaped as a JSON pointer segment), read by
//! [`schema_name`]. To get there:
//!
//! - every reference is decoded as a URI fragment holding a JSON pointer (percent-encoding,
//!   then `~1` → `/` and `~0` → `~`) and must lead to something in this document; references
//!   to other files and references that lead nowhere are errors, each located;
//! - a schema reference to anywhere other than `#/components/schemas/NAME` (as bundlers write
//!   them: `#/paths/~1pets/get/responses/200/content/application~1json/schema`,
//!   `#/components/schemas/Pet/properties/owner`) moves its target to `components.schemas`
//!   under a name derived from where it was, and both the reference and the target's old place
//!   refer to it there;
//! - parameters, request bodies, responses, headers, path items and callbacks given by `$ref`
//!   (to `components` or anywhere else) are replaced by a copy of what they refer to;
//! - a `$ref` to a component of the wrong kind whose meaning is plain is used for it, with a
//!   located [`WarningClass::WrongRefKind`] warning (`repair_wrong_kinds`): a response (or
//!   request body) where a schema belongs stands for its JSON body's schema, a schema where a
//!   response or request body belongs for a response or body of that schema as JSON; other
//!   references of the wrong kind are errors;
//! - `nullable`, `readOnly` or `writeOnly` beside a schema's `$ref` (OpenAPI 3.0 says siblings
//!   of `$ref` are ignored; authors write them meaning what 3.1 and validators such as Prism
//!   make of them) are honoured with a located [`WarningClass::RefSiblings`] warning
//!   (`honour_ref_siblings`): the reference becomes `allOf: [$ref]` beside them;
//! - a chain of schemas that are nothing but `$ref`s and loops back is an error.
//!
//! Values that are data, not description (`example`, `examples`, `default`, `enum`, vendor
//! extensions), are never searched: a `$ref` key inside an example is just a key.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::error::{Error, Warning, WarningClass, pointer, pointer_segment};
use crate::naming;

/// Where canonical schema references point.
pub const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// How many references in a row may lead to another reference before it counts as a cycle.
pub(crate) const MAX_CHAIN: usize = 64;

/// The schema name of a canonical reference (`#/components/schemas/Foo~1Bar` → `Foo/Bar`).
pub fn schema_name(reference: &str) -> Option<String> {
    let rest = reference.strip_prefix(SCHEMA_PREFIX)?;
    (!rest.contains('/')).then(|| unescape(rest))
}

/// The canonical reference to schema `name`.
pub fn schema_ref(name: &str) -> String {
    format!("{SCHEMA_PREFIX}{}", pointer_segment(name))
}

/// What a place in an OpenAPI document holds, as far as references care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Root,
    Paths,
    PathItem,
    Operation,
    ParameterList,
    Parameter,
    RequestBody,
    Responses,
    Response,
    ContentMap,
    MediaType,
    EncodingMap,
    Encoding,
    HeaderMap,
    Header,
    Schema,
    SchemaMap,
    SchemaList,
    Components,
    ComponentMap(Component),
    CallbackMap,
    Callback,
    /// Data, or a vendor extension: never searched.
    Opaque,
    /// Something references do not matter in (servers, tags, security, links, …).
    Other,
}

/// The kinds of reusable components.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Component {
    Schema,
    Parameter,
    Response,
    RequestBody,
    Header,
    Callback,
    Other,
}

/// The HTTP methods of a path item.
pub const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The node under `node` at key `key`.
fn step(node: Node, key: &str) -> Node {
    // Vendor extensions are opaque, except in maps whose keys are names (a property or a
    // header may well be called `x-…`).
    let named_map = matches!(
        node,
        Node::SchemaMap
            | Node::ComponentMap(_)
            | Node::HeaderMap
            | Node::ContentMap
            | Node::EncodingMap
            | Node::CallbackMap
    );
    if key.starts_with("x-") && !named_map {
        return Node::Opaque;
    }
    match (node, key) {
        (Node::Root, "paths") => Node::Paths,
        (Node::Root, "components") => Node::Components,
        (Node::Paths, _) => Node::PathItem,
        (Node::PathItem, "parameters") | (Node::Operation, "parameters") => Node::ParameterList,
        (Node::PathItem, m) if METHODS.contains(&m) => Node::Operation,
        (Node::Operation, "requestBody") => Node::RequestBody,
        (Node::Operation, "responses") => Node::Responses,
        (Node::Operation, "callbacks") => Node::CallbackMap,
        (Node::ParameterList, _) => Node::Parameter,
        (Node::Parameter | Node::Header | Node::MediaType, "schema") => Node::Schema,
        (Node::Parameter | Node::Header | Node::RequestBody | Node::Response, "content") => {
            Node::ContentMap
        }
        (Node::Responses, _) => Node::Response,
        (Node::Response | Node::Encoding, "headers") => Node::HeaderMap,
        (Node::ContentMap, _) => Node::MediaType,
        (Node::MediaType, "encoding") => Node::EncodingMap,
        (Node::EncodingMap, _) => Node::Encoding,
        (Node::HeaderMap, _) => Node::Header,
        (Node::Schema, "properties") => Node::SchemaMap,
        (Node::Schema, "items" | "additionalProperties" | "not") => Node::Schema,
        (Node::Schema, "allOf" | "oneOf" | "anyOf") => Node::SchemaList,
        (Node::SchemaMap | Node::SchemaList, _) => Node::Schema,
        (Node::Components, "schemas") => Node::ComponentMap(Component::Schema),
        (Node::Components, "parameters") => Node::ComponentMap(Component::Parameter),
        (Node::Components, "responses") => Node::ComponentMap(Component::Response),
        (Node::Components, "requestBodies") => Node::ComponentMap(Component::RequestBody),
        (Node::Components, "headers") => Node::ComponentMap(Component::Header),
        (Node::Components, "callbacks") => Node::ComponentMap(Component::Callback),
        (Node::Components, _) => Node::ComponentMap(Component::Other),
        (Node::ComponentMap(kind), _) => match kind {
            Component::Schema => Node::Schema,
            Component::Parameter => Node::Parameter,
            Component::Response => Node::Response,
            Component::RequestBody => Node::RequestBody,
            Component::Header => Node::Header,
            Component::Callback => Node::Callback,
            Component::Other => Node::Other,
        },
        (Node::CallbackMap, _) => Node::Callback,
        (Node::Callback, _) => Node::PathItem,
        (_, "example" | "examples" | "default" | "enum") => Node::Opaque,
        _ => Node::Other,
    }
}

/// The node at `path` (raw segments from the root).
fn node_at(path: &[String]) -> Node {
    path.iter().fold(Node::Root, |node, key| step(node, key))
}

/// Whether references at a node of this kind are replaced by a copy of their target.
fn inlined(node: Node) -> bool {
    matches!(
        node,
        Node::Parameter
            | Node::RequestBody
            | Node::Response
            | Node::Header
            | Node::PathItem
            | Node::Callback
    )
}

/// One `$ref` found in the document.
#[derive(Debug, Clone)]
struct Site {
    /// Where the object holding `$ref` is.
    at: Vec<String>,
    /// What kind of thing belongs there.
    node: Node,
    /// The reference as written.
    reference: String,
    /// The decoded target path, when it is a pointer into this document.
    target: Option<Vec<String>>,
}

/// Resolves every reference of `doc` in place (see the module docs). `file` names the spec in
/// messages.
pub fn resolve(doc: &mut Value, file: &str) -> Result<Vec<Warning>, Vec<Error>> {
    let mut errors = Vec::new();
    let error = |at: &[String], message: String, help: &str| Error::Spec {
        file: file.to_owned(),
        pointer: pointer(at),
        message,
        help: help.to_owned(),
    };
    // Each rewrite is a warning: without one, the sites are still those of the document, and
    // the walk through the whole document is not made again.
    let mut found = sites(doc);
    let mut warnings = repair_wrong_kinds(doc, &found);
    if !warnings.is_empty() {
        found = sites(doc);
    }
    let honoured = honour_ref_siblings(doc, &found);
    if !honoured.is_empty() {
        found = sites(doc);
    }
    warnings.extend(honoured);
    for site in &mut found {
        match decode(&site.reference) {
            Err(problem) => errors.push(error(&site.at, problem.message(&site.reference), problem.help())),
            Ok(target) if get(doc, &target).is_none() => errors.push(error(
                &site.at,
                format!("unresolved `$ref: {}`: nothing exists at that location", site.reference),
                "define the target (for a schema, under `components.schemas`) or correct the reference",
            )),
            Ok(target)
                if site.node == Node::Schema
                    && !matches!(node_at(&target), Node::Schema | Node::Other) =>
            {
                let node = node_at(&target);
                let unusable = if matches!(node, Node::Response | Node::RequestBody) {
                    ", which has no body schema to use"
                } else {
                    ""
                };
                errors.push(error(
                    &site.at,
                    format!(
                        "`$ref: {}` must point at a schema, but points at {}{unusable}",
                        site.reference,
                        describe(node)
                    ),
                    "",
                ));
            }
            Ok(target) => site.target = Some(target),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    move_schemas(doc, &found, &mut warnings);
    // Moving schemas changes no site of the kinds inlined (none is inside a schema).
    found.retain(|s| inlined(s.node));
    inline(doc, file, found)?;
    check_schema_chains(doc, file)?;
    Ok(warnings)
}

/// Every `$ref` of `doc` where a reference is followed (schemas and the inlined kinds), in
/// document order.
fn sites(doc: &Value) -> Vec<Site> {
    let mut out = Vec::new();
    collect(doc, &mut Vec::new(), Node::Root, &mut out);
    out
}

/// Every `$ref` under `value`, which sits at `at` and is a `node`. The path borrows the
/// document's keys (the walk goes through every description object of the document, at least
/// twice per spec): only a site's own path is copied.
fn collect<'a>(value: &'a Value, at: &mut Vec<Cow<'a, str>>, node: Node, out: &mut Vec<Site>) {
    // Nothing under data or the parts of a document that are not descriptions matters.
    if matches!(node, Node::Opaque | Node::Other) {
        return;
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref")
                && (node == Node::Schema || inlined(node))
            {
                out.push(Site {
                    at: at.iter().map(|key| key.as_ref().to_owned()).collect(),
                    node,
                    reference: reference.clone(),
                    target: None,
                });
            }
            for (key, child) in map {
                if key == "$ref" {
                    continue;
                }
                at.push(Cow::Borrowed(key));
                collect(child, at, step(node, key), out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let key = i.to_string();
                let child_node = step(node, &key);
                at.push(Cow::Owned(key));
                collect(child, at, child_node, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// Why a reference cannot be followed.
enum Undecodable {
    OtherDocument,
    NotAPointer,
}

impl Undecodable {
    fn message(&self, reference: &str) -> String {
        match self {
            Undecodable::OtherDocument => format!(
                "`$ref: {reference}` points into another file; references to other documents are not supported"
            ),
            Undecodable::NotAPointer => {
                format!("`$ref: {reference}` is not a JSON pointer into this document (`#/…`)")
            }
        }
    }

    fn help(&self) -> &'static str {
        match self {
            Undecodable::OtherDocument => {
                "bundle the spec into one file first (e.g. `npx @redocly/cli bundle`)"
            }
            Undecodable::NotAPointer => "write it as `#/components/schemas/Name`",
        }
    }
}

/// The reference to what sits at `path`, as this module decodes it: a JSON pointer with `%`
/// percent-encoded.
fn reference_to(path: &[String]) -> String {
    pointer(path).replace('%', "%25")
}

/// Uses each `$ref` of the wrong kind whose meaning is plain for what it means, in place, and
/// says so; the others are left for [`resolve`] to refuse.
///
/// - Where a schema belongs, a response or request body (followed through references to
///   others) with a body schema stands for that schema: the `$ref` is rewritten to it (to the
///   schema it refers to, when it is a reference). The body of the first JSON media type is
///   taken, else of the first media type that has a schema.
/// - Where a response or request body belongs, a schema stands for a response (or an optional
///   request body, OpenAPI's default) whose `application/json` body is that schema: the
///   reference object is replaced by one, its description the schema's own.
fn repair_wrong_kinds(doc: &mut Value, sites: &[Site]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for site in sites {
        let Ok(target) = decode(&site.reference) else {
            continue;
        };
        let Some(value) = get(doc, &target) else {
            continue;
        };
        let at = pointer(&site.at);
        match (site.node, node_at(&target)) {
            (Node::Schema, kind @ (Node::Response | Node::RequestBody)) => {
                let Some((reference, media)) = body_schema(doc, target) else {
                    continue;
                };
                warnings.push(Warning::new(
                    WarningClass::WrongRefKind,
                    at,
                    format!(
                        "`$ref: {}` points at {} where a schema belongs; using its `{media}` body's schema{}",
                        site.reference,
                        describe(kind),
                        if reference.starts_with(SCHEMA_PREFIX) {
                            format!(" (`{reference}`)")
                        } else {
                            String::new()
                        }
                    ),
                ));
                if let Some(Value::Object(map)) = get_mut(doc, &site.at) {
                    map.insert("$ref".into(), Value::String(reference));
                }
            }
            (kind @ (Node::Response | Node::RequestBody), Node::Schema) => {
                let description = value
                    .get("description")
                    .and_then(Value::as_str)
                    .map_or_else(|| target.last().cloned().unwrap_or_default(), str::to_owned);
                let mut media = Map::new();
                media.insert("schema".into(), reference_object(site.reference.clone()));
                let mut content = Map::new();
                content.insert("application/json".into(), Value::Object(media));
                let mut replacement = Map::new();
                replacement.insert("description".into(), Value::String(description));
                replacement.insert("content".into(), Value::Object(content));
                warnings.push(Warning::new(
                    WarningClass::WrongRefKind,
                    at,
                    format!(
                        "`$ref: {}` points at a schema where {} belongs; generating {} whose `application/json` body is that schema",
                        site.reference,
                        describe(kind),
                        if kind == Node::Response {
                            "a response"
                        } else {
                            "an optional request body"
                        }
                    ),
                ));
                if let Some(slot) = get_mut(doc, &site.at) {
                    *slot = Value::Object(replacement);
                }
            }
            _ => {}
        }
    }
    warnings
}

/// Keywords beside a schema's `$ref` that are honoured: they change what values are valid and
/// in which direction, not the type, so the reference keeps its type inside an `allOf`.
const HONOURED_SIBLINGS: &[&str] = &["nullable", "readOnly", "writeOnly"];

/// Rewrites every schema `{$ref: R, nullable: true}` (or `readOnly`, `writeOnly`) as
/// `{allOf: [{$ref: R}], nullable: true}`, keeping its `description`, and says so. Other
/// siblings stay as they were (ignored, as OpenAPI 3.0 says); so does a `$ref` with `false`
/// beside it, which says nothing the reference does not.
fn honour_ref_siblings(doc: &mut Value, sites: &[Site]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for site in sites.iter().filter(|s| s.node == Node::Schema) {
        // A rewritten schema drops what was under its siblings, and the sites found there.
        let Some(Value::Object(map)) = get_mut(doc, &site.at) else {
            continue;
        };
        if map.get("$ref") != Some(&Value::String(site.reference.clone())) {
            continue;
        }
        let honoured: Vec<&str> = HONOURED_SIBLINGS
            .iter()
            .copied()
            .filter(|k| map.get(*k) == Some(&Value::Bool(true)))
            .collect();
        if honoured.is_empty() {
            continue;
        }
        let mut wrapper = Map::new();
        wrapper.insert(
            "allOf".into(),
            Value::Array(vec![reference_object(site.reference.clone())]),
        );
        if let Some(description) = map.get("description") {
            wrapper.insert("description".into(), description.clone());
        }
        for key in &honoured {
            wrapper.insert((*key).into(), Value::Bool(true));
        }
        *map = wrapper;
        let keywords: Vec<String> = honoured.iter().map(|k| format!("`{k}: true`")).collect();
        warnings.push(Warning::new(
            WarningClass::RefSiblings,
            pointer(&site.at),
            format!(
                "{} beside `$ref: {}`, which OpenAPI 3.0 says to ignore, is honoured: the schema is `allOf: [$ref]` with it",
                keywords.join(" and "),
                site.reference
            ),
        ));
    }
    warnings
}

/// The schema of the body of the response or request body at `path` (followed through
/// references to other responses and bodies) as a reference, and its media type.
fn body_schema(doc: &Value, mut path: Vec<String>) -> Option<(String, String)> {
    for _ in 0..MAX_CHAIN {
        let value = get(doc, &path)?;
        if let Some(reference) = value.get("$ref").and_then(Value::as_str) {
            path = decode(reference).ok()?;
            if !matches!(node_at(&path), Node::Response | Node::RequestBody) {
                return None;
            }
            continue;
        }
        let content = value.get("content")?.as_object()?;
        let has_schema = |(_, m): &(&String, &Value)| m.get("schema").is_some();
        let (media, body) = content
            .iter()
            .filter(has_schema)
            .find(|(media, _)| media.contains("json"))
            .or_else(|| content.iter().find(has_schema))?;
        let schema = body.get("schema")?;
        let reference = match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => reference.to_owned(),
            None => {
                let mut at = path.clone();
                at.extend(["content".to_owned(), media.clone(), "schema".to_owned()]);
                reference_to(&at)
            }
        };
        return Some((reference, media.clone()));
    }
    None
}

/// `#/a~1b/c%20d` → `["a/b", "c d"]`.
fn decode(reference: &str) -> Result<Vec<String>, Undecodable> {
    let Some(fragment) = reference.strip_prefix('#') else {
        return Err(Undecodable::OtherDocument);
    };
    let fragment = percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .map_err(|_| Undecodable::NotAPointer)?;
    let Some(rest) = fragment.strip_prefix('/') else {
        return Err(Undecodable::NotAPointer);
    };
    Ok(rest.split('/').map(unescape).collect())
}

/// One JSON pointer segment, unescaped.
fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

fn get<'a>(doc: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(doc, |value, key| match value {
        Value::Object(map) => map.get(key),
        Value::Array(items) => items.get(key.parse::<usize>().ok()?),
        _ => None,
    })
}

fn get_mut<'a>(doc: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(doc, |value, key| match value {
        Value::Object(map) => map.get_mut(key),
        Value::Array(items) => items.get_mut(key.parse::<usize>().ok()?),
        _ => None,
    })
}

/// Whether `path` is exactly `components/schemas/NAME`.
fn is_component_schema(path: &[String]) -> bool {
    path.len() == 3 && path[0] == "components" && path[1] == "schemas"
}

/// Gives every schema that a reference reaches outside `components.schemas` a name there,
/// and makes every schema reference canonical.
fn move_schemas(doc: &mut Value, sites: &[Site], warnings: &mut Vec<Warning>) {
    let mut taken: BTreeSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    // Target path → the name it gets; deterministic: sorted targets.
    let targets: BTreeSet<&Vec<String>> = sites
        .iter()
        .filter(|s| s.node == Node::Schema)
        .filter_map(|s| s.target.as_ref())
        .filter(|t| !is_component_schema(t))
        .collect();
    let mut moved: BTreeMap<Vec<String>, String> = BTreeMap::new();
    for target in &targets {
        let base = derived_name(doc, target);
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        taken.insert(name.clone());
        warnings.push(Warning::new(
            WarningClass::MovedSchema,
            pointer(target.iter()),
            format!("a schema reference points here; generating it as `components.schemas.{name}`"),
        ));
        moved.insert((*target).clone(), name);
    }
    // Rewrite every schema reference first, so moved schemas carry rewritten references.
    for site in sites.iter().filter(|s| s.node == Node::Schema) {
        let Some(target) = &site.target else { continue };
        let canonical = match moved.get(target) {
            Some(name) => schema_ref(name),
            None if is_component_schema(target) => schema_ref(&target[2]),
            None => continue,
        };
        if let Some(Value::Object(map)) = get_mut(doc, &site.at) {
            map.insert("$ref".into(), Value::String(canonical));
        }
    }
    // Deepest first: a target inside another target moves out before its parent moves.
    let mut order: Vec<(&Vec<String>, &String)> = moved.iter().collect();
    order.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(b.0)));
    for (target, name) in order {
        let Some(slot) = get_mut(doc, target) else {
            continue;
        };
        let schema = std::mem::replace(slot, reference_object(schema_ref(name)));
        if let Some(schemas) = components_schemas(doc) {
            schemas.insert(name.clone(), schema);
        }
    }
}

fn reference_object(reference: String) -> Value {
    let mut map = Map::new();
    map.insert("$ref".into(), Value::String(reference));
    Value::Object(map)
}

/// `components.schemas`, created if missing.
fn components_schemas(doc: &mut Value) -> Option<&mut Map<String, Value>> {
    let root = doc.as_object_mut()?;
    let components = root
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()?;
    components
        .entry("schemas")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
}

/// A schema name for what sits at `path`: its owner (a component's name, or an operation's
/// id) followed by what the path says about it (`Owner` + `Bar` for `properties/bar`, `Item`
/// for `items`, `Response200` for a response …).
fn derived_name(doc: &Value, path: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    match path.first().map(String::as_str) {
        Some("components") if path.len() >= 3 => {
            parts.push(path[2].clone());
            i = 3;
        }
        Some("paths") if path.len() >= 3 => {
            let op = &path[..3];
            let id = get(doc, op)
                .and_then(|o| o.get("operationId"))
                .and_then(Value::as_str)
                .map(str::to_owned);
            parts.push(id.unwrap_or_else(|| format!("{} {}", path[2], path[1])));
            i = 3;
        }
        Some("paths") if path.len() == 2 => {
            parts.push(path[1].clone());
            i = 2;
        }
        _ => {}
    }
    while i < path.len() {
        let key = path[i].as_str();
        let next = path.get(i + 1).map(String::as_str);
        match (key, next) {
            ("properties", Some(name)) => {
                parts.push(name.to_owned());
                i += 1;
            }
            ("allOf" | "oneOf" | "anyOf", Some(index)) => {
                let n = index.parse::<usize>().map_or(1, |n| n + 1);
                parts.push(format!("Option{n}"));
                i += 1;
            }
            ("parameters", Some(index)) => {
                let at: Vec<String> = path[..=i + 1].to_vec();
                let name = get(doc, &at)
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or(index);
                parts.push(name.to_owned());
                i += 1;
            }
            ("responses", Some(code)) => {
                parts.push(format!("Response{code}"));
                i += 1;
            }
            ("content" | "headers", Some(_)) => i += 1,
            ("items", _) => parts.push("Item".into()),
            ("additionalProperties", _) => parts.push("Value".into()),
            ("requestBody", _) => parts.push("Body".into()),
            ("not", _) => parts.push("Not".into()),
            ("schema", _) => {}
            (other, _) => parts.push(other.to_owned()),
        }
        i += 1;
    }
    let joined: String = parts
        .iter()
        .map(|p| naming::pascal(p))
        .map(|p| naming::bare(&p).to_owned())
        .collect();
    if joined.is_empty() {
        "Schema".to_owned()
    } else {
        joined
    }
}

/// Replaces every parameter, request body, response, header and path item given by `$ref`
/// with a copy of its target, following chains. `pending` are the document's sites of those
/// kinds; the copies' own are found by walking the document again.
fn inline(doc: &mut Value, file: &str, mut pending: Vec<Site>) -> Result<(), Vec<Error>> {
    let mut errors = Vec::new();
    for round in 0..MAX_CHAIN {
        if round > 0 {
            pending = sites(doc).into_iter().filter(|s| inlined(s.node)).collect();
        }
        if pending.is_empty() {
            return Ok(());
        }
        // Copies are taken before any site is replaced, so the round is order-independent;
        // a target that is itself a reference is replaced in a later round.
        let mut copies = Vec::new();
        for site in std::mem::take(&mut pending) {
            let target = decode(&site.reference).ok();
            let value = target.as_ref().and_then(|t| get(doc, t));
            match (target.as_deref(), value) {
                (Some(t), Some(value)) if node_at(t) == site.node || node_at(t) == Node::Other => {
                    copies.push((site.at, value.clone()));
                }
                (Some(t), Some(_)) => errors.push(Error::Spec {
                    file: file.to_owned(),
                    pointer: pointer(&site.at),
                    message: format!(
                        "`$ref: {}` must point at {}, but points at {}",
                        site.reference,
                        describe(site.node),
                        describe(node_at(t))
                    ),
                    help: String::new(),
                }),
                _ => errors.push(Error::Spec {
                    file: file.to_owned(),
                    pointer: pointer(&site.at),
                    message: format!(
                        "unresolved `$ref: {}`: nothing exists at that location",
                        site.reference
                    ),
                    help: String::new(),
                }),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        for (at, value) in copies {
            if let Some(slot) = get_mut(doc, &at) {
                *slot = value;
            }
        }
    }
    Err(sites(doc)
        .into_iter()
        .filter(|s| inlined(s.node))
        .map(|s| Error::Spec {
            file: file.to_owned(),
            pointer: pointer(&s.at),
            message: format!(
                "`$ref: {}` is part of a cycle of references that never reaches a definition",
                s.reference
            ),
            help: "give one of the referenced objects a real definition".into(),
        })
        .collect())
}

fn describe(node: Node) -> &'static str {
    match node {
        Node::Parameter => "a parameter",
        Node::RequestBody => "a request body",
        Node::Response => "a response",
        Node::Header => "a header",
        Node::PathItem => "a path item",
        Node::Callback => "a callback",
        Node::Schema => "a schema",
        _ => "something else",
    }
}

/// A component schema that is nothing but a `$ref`, followed from schema to schema, must reach
/// a schema that defines something.
fn check_schema_chains(doc: &Value, file: &str) -> Result<(), Vec<Error>> {
    let Some(schemas) = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return Ok(());
    };
    let pure_ref = |name: &str| -> Option<String> {
        let map = schemas.get(name)?.as_object()?;
        let reference = map.get("$ref")?.as_str()?;
        schema_name(reference)
    };
    let mut errors = Vec::new();
    for name in schemas.keys() {
        let mut seen = vec![name.clone()];
        let mut current = name.clone();
        while let Some(next) = pure_ref(&current) {
            if seen.contains(&next) {
                seen.push(next);
                let chain: Vec<String> = seen.iter().map(|n| schema_ref(n)).collect();
                errors.push(Error::Spec {
                    file: file.to_owned(),
                    pointer: schema_ref(name),
                    message: format!("`$ref` cycle that defines no type: {}", chain.join(" → ")),
                    help: "give one of these schemas a real definition (a `type` or `properties`)"
                        .into(),
                });
                break;
            }
            seen.push(next.clone());
            current = next;
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests;
