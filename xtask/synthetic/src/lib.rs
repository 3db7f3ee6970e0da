//! Synthetic specs for scale tests and benchmarks, from real ones: renamed copies of base
//! specs, so that a spec `n` times the size of the chat API has its shape, `n` times over.
//!
//! - [`scale`]: `n` copies of one spec, spread over four tags.
//! - [`platform`]: a spec the shape of the whole Genesys Cloud Platform API (about 90 API
//!   groups, 3,400 operations and 5,000 schemas): one API group per copy of a base spec, its
//!   operations cut to a share of the total; the schemas every base defines identically (the
//!   platform's shared ones: `ErrorBody`, `Entity`, `UserReference`, …) are shared by every
//!   group, the rest (with the large enums, such as `Limit`'s namespaces) are each group's own.
//!
//! Bases are YAML or JSON; the result is JSON, which the generator reads fastest.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use codegen::spec::{METHODS, SCHEMA_PREFIX, object, rename_refs};

/// How many tags [`scale`] spreads its copies over.
const TAGS: usize = 4;

/// `factor` copies of `base` in one document. Copy `i` renames schema `X` to `X{i}`, path
/// `/a/b` to `/s{i}/a/b`, operation `op` to `op{i}`, and tags its operations `{tag}{i % 4}`.
pub fn scale(base: &str, factor: usize) -> Result<String, String> {
    let base = parse(base)?;
    let mut out = base.clone();
    let mut paths = Map::new();
    let mut schemas = Map::new();
    for i in 0..factor.max(1) {
        let suffix = i.to_string();
        let mut copy = base.clone();
        let renamed: BTreeMap<String, String> = object(&copy, "/components/schemas")
            .keys()
            .map(|name| (name.clone(), format!("{name}{suffix}")))
            .collect();
        rename_refs(&mut copy, &renamed);
        for (path, item) in object(&copy, "/paths") {
            let mut item = item.clone();
            rename_operations(&mut item, &suffix, &|tag| format!("{tag}{}", i % TAGS));
            paths.insert(format!("/s{suffix}{path}"), item);
        }
        for (name, schema) in object(&copy, "/components/schemas") {
            schemas.insert(format!("{name}{suffix}"), schema.clone());
        }
    }
    let mut tags = Vec::new();
    for t in 0..TAGS.min(factor.max(1)) {
        tags.extend(renamed_tags(&base, |name| format!("{name}{t}")));
    }
    set(&mut out, "paths", Value::Object(paths));
    set(&mut out, "tags", Value::Array(tags));
    if let Some(components) = out.get_mut("components").and_then(Value::as_object_mut) {
        components.insert("schemas".into(), Value::Object(schemas));
    }
    serde_json::to_string(&out).map_err(|e| format!("synthetic spec: {e}"))
}

/// A spec of `groups` API groups and about `operations` operations, from `bases` (see the
/// module documentation). Group `g` is a copy of base `g % bases.len()`, tagged `{Tag}{g}`,
/// its paths under `/g{g}`, its operation ids and own schemas suffixed `{g}`, keeping its
/// first operations (as even a share of the total as the bases' sizes allow) and
/// the schemas they reach. `in_two_groups` of the operations, spread evenly over the spec, are in
/// two groups: each also gets the tag of the next group (`{Tag}{g + 1}`), as the platform's
/// operations of several groups are (`UsersApi.get_user_queues` is also
/// `RoutingApi.get_user_queues`).
pub fn platform(
    bases: &[&str],
    groups: usize,
    operations: usize,
    in_two_groups: usize,
) -> Result<String, String> {
    let bases: Vec<Value> = bases.iter().map(|b| parse(b)).collect::<Result<_, _>>()?;
    let Some(first) = bases.first() else {
        return Err("platform: no base spec".into());
    };
    // Schemas every base defines, identically: the platform's shared ones.
    let shared: BTreeSet<String> = object(first, "/components/schemas")
        .iter()
        .filter(|(name, schema)| {
            bases
                .iter()
                .all(|b| object(b, "/components/schemas").get(*name) == Some(schema))
        })
        .map(|(name, _)| name.clone())
        .collect();
    let quota = quotas(&bases, groups.max(1), operations);
    let total: usize = quota.iter().sum();
    // The first tag of group `g`, as its copy names it.
    let group_tag = |g: usize| -> String {
        let base = &bases[g % bases.len()];
        let tag = base
            .get("tags")
            .and_then(Value::as_array)
            .and_then(|t| t.first())
            .and_then(|t| t.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("default");
        format!("{tag}{g}")
    };
    // Operation `i` of the whole spec (in group order) is in two groups when the even spread
    // of `in_two_groups` over `total` steps at it.
    let in_two =
        |i: usize| total > 0 && (i + 1) * in_two_groups / total > i * in_two_groups / total;
    let mut seen = 0;
    let mut out = first.clone();
    let mut paths = Map::new();
    let mut schemas = Map::new();
    let mut tags = Vec::new();
    for g in 0..groups.max(1) {
        let base = &bases[g % bases.len()];
        let suffix = g.to_string();
        let mut copy = base.clone();
        let renamed: BTreeMap<String, String> = object(&copy, "/components/schemas")
            .keys()
            .filter(|name| !shared.contains(*name))
            .map(|name| (name.clone(), format!("{name}{suffix}")))
            .collect();
        rename_refs(&mut copy, &renamed);
        let tag_of = |tag: &str| format!("{tag}{suffix}");
        let per_group = quota[g];
        let mut kept = 0;
        let mut roots = BTreeSet::new();
        'paths: for (path, item) in object(&copy, "/paths") {
            let mut item = item.clone();
            if let Some(methods) = item.as_object_mut() {
                let ops: Vec<String> = methods
                    .keys()
                    .filter(|k| METHODS.contains(&k.as_str()))
                    .cloned()
                    .collect();
                for method in ops {
                    if kept == per_group {
                        methods.remove(&method);
                    } else {
                        kept += 1;
                    }
                }
                if !methods.keys().any(|k| METHODS.contains(&k.as_str())) {
                    continue 'paths;
                }
            }
            rename_operations(&mut item, &suffix, &tag_of);
            if let Some(methods) = item.as_object_mut() {
                for (method, op) in methods.iter_mut() {
                    if !METHODS.contains(&method.as_str()) {
                        continue;
                    }
                    if in_two(seen)
                        && groups > 1
                        && let Some(Value::Array(tags)) = op.get_mut("tags")
                    {
                        tags.push(Value::String(group_tag((g + 1) % groups)));
                    }
                    seen += 1;
                }
            }
            collect_refs(&item, &mut roots);
            paths.insert(format!("/g{suffix}{path}"), item);
        }
        // The schemas the group's operations reach, under their new names.
        let own: Map<String, Value> = object(&copy, "/components/schemas")
            .iter()
            .map(|(name, schema)| {
                let name = renamed.get(name).unwrap_or(name);
                (name.clone(), schema.clone())
            })
            .collect();
        let mut reached = BTreeSet::new();
        let mut stack: Vec<String> = roots.into_iter().collect();
        while let Some(name) = stack.pop() {
            if reached.insert(name.clone())
                && let Some(schema) = own.get(&name)
            {
                let mut next = BTreeSet::new();
                collect_refs(schema, &mut next);
                stack.extend(next);
            }
        }
        for (name, schema) in own {
            if reached.contains(&name) {
                schemas.insert(name, schema);
            }
        }
        tags.extend(renamed_tags(base, tag_of));
    }
    set(&mut out, "paths", Value::Object(paths));
    set(&mut out, "tags", Value::Array(tags));
    if let Some(info) = out.get_mut("info").and_then(Value::as_object_mut) {
        info.insert(
            "title".into(),
            Value::String("Synthetic platform API".into()),
        );
    }
    let components = out.as_object_mut().map(|root| {
        root.entry("components")
            .or_insert_with(|| Value::Object(Map::new()))
    });
    if let Some(components) = components.and_then(Value::as_object_mut) {
        components.insert("schemas".into(), Value::Object(schemas));
    }
    serde_json::to_string(&out).map_err(|e| format!("synthetic spec: {e}"))
}

/// How many operations each group keeps: the same number for every group, as far as its base
/// has them, the smallest such number that reaches `operations` (or everything there is).
fn quotas(bases: &[Value], groups: usize, operations: usize) -> Vec<usize> {
    let count = |b: &Value| -> usize {
        object(b, "/paths")
            .values()
            .map(|item| {
                item.as_object().map_or(0, |m| {
                    m.keys().filter(|k| METHODS.contains(&k.as_str())).count()
                })
            })
            .sum()
    };
    let sizes: Vec<usize> = (0..groups)
        .map(|g| count(&bases[g % bases.len()]))
        .collect();
    let total = |q: usize| -> usize { sizes.iter().map(|s| (*s).min(q)).sum() };
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let q = (0..=largest)
        .find(|q| total(*q) >= operations)
        .unwrap_or(largest);
    let mut quota: Vec<usize> = sizes.iter().map(|s| (*s).min(q)).collect();
    // Trim the excess from the last groups that have it.
    let mut excess = total(q).saturating_sub(operations);
    for share in quota.iter_mut().rev() {
        if excess == 0 {
            break;
        }
        if *share == q && q > 0 {
            *share -= 1;
            excess -= 1;
        }
    }
    quota
}

fn parse(text: &str) -> Result<Value, String> {
    codegen::spec::parse_value(text, "base").map_err(|e| format!("base spec: {e}"))
}

fn set(doc: &mut Value, key: &str, value: Value) {
    if let Some(root) = doc.as_object_mut() {
        root.insert(key.into(), value);
    }
}

/// The schema names `value`'s `$ref`s name.
/// The tags `base` declares, each with its name renamed by `rename`.
fn renamed_tags(base: &Value, rename: impl Fn(&str) -> String) -> Vec<Value> {
    let tags = base.get("tags").and_then(Value::as_array);
    tags.into_iter()
        .flatten()
        .map(|tag| {
            let mut tag = tag.clone();
            if let Some(Value::String(name)) = tag.get_mut("name") {
                *name = rename(name);
            }
            tag
        })
        .collect()
}

fn collect_refs(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match child {
                    Value::String(target) if key == "$ref" => {
                        if let Some(name) = target.strip_prefix(SCHEMA_PREFIX) {
                            out.insert(name.to_owned());
                        }
                    }
                    child => collect_refs(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// Suffixes the operation ids of a path item and renames its operations' tags.
fn rename_operations(item: &mut Value, suffix: &str, tag: &dyn Fn(&str) -> String) {
    let Some(methods) = item.as_object_mut() else {
        return;
    };
    for (_, op) in methods.iter_mut() {
        let Some(op) = op.as_object_mut() else {
            continue;
        };
        if let Some(Value::String(id)) = op.get_mut("operationId") {
            id.push_str(suffix);
        }
        if let Some(Value::Array(tags)) = op.get_mut("tags") {
            for t in tags.iter_mut() {
                if let Value::String(name) = t {
                    *name = tag(name);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r##"
openapi: 3.0.3
info: {title: t, version: '1'}
tags: [{name: Chat}]
paths:
  /rooms:
    get:
      tags: [Chat]
      operationId: getRooms
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Room'}}}}
    post:
      tags: [Chat]
      operationId: postRooms
      responses:
        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/ErrorBody'}}}}
components:
  schemas:
    Room: {type: object, properties: {next: {$ref: '#/components/schemas/Room'}}}
    ErrorBody: {type: object, properties: {message: {type: string}}}
    Unused: {type: string}
"##;

    #[test]
    fn copies_are_renamed_consistently() {
        let text = scale(BASE, 6).expect("scales");
        let doc: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(doc["paths"].as_object().map(Map::len), Some(6));
        assert_eq!(doc["paths"]["/s5/rooms"]["get"]["operationId"], "getRooms5");
        assert_eq!(doc["paths"]["/s5/rooms"]["get"]["tags"][0], "Chat1");
        assert_eq!(
            doc["components"]["schemas"]["Room3"]["properties"]["next"]["$ref"],
            "#/components/schemas/Room3"
        );
        assert_eq!(doc["tags"].as_array().map(Vec::len), Some(4));
    }

    #[test]
    fn a_scaled_spec_generates() {
        let text = scale(BASE, 5).expect("scales");
        let output =
            codegen::generate(&text, &codegen::Options::new("s", "s.json")).expect("generates");
        // One module per schema of each copy, in the files of `src/models/` beside `mod.rs`.
        let modules: usize = output
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("src/models/") && !p.ends_with("/mod.rs"))
            .map(|(_, text)| text.lines().filter(|l| l.starts_with("pub mod ")).count())
            .sum();
        assert_eq!(modules, 5 * 3);
    }

    #[test]
    fn a_platform_shares_what_every_base_shares_and_keeps_what_its_operations_reach() {
        let other = BASE
            .replace("Chat", "Users")
            .replace("Room:", "Room: {type: string}\n    Old:")
            .replace("/rooms", "/users");
        let text = platform(&[BASE, &other], 4, 6, 2).expect("builds");
        let doc: Value = serde_json::from_str(&text).expect("json");
        let schemas: Vec<&str> = object(&doc, "/components/schemas")
            .keys()
            .map(String::as_str)
            .collect();
        // ErrorBody is the same in both bases: shared. Room differs: each group's own.
        // `Unused` is reached by no operation: left out.
        assert_eq!(schemas, ["Room0", "ErrorBody", "Room1", "Room2", "Room3"]);
        // 6 operations over 4 groups: 2, 2, 1, 1 (the excess trimmed from the last groups).
        let ops: Vec<usize> = object(&doc, "/paths")
            .values()
            .map(|item| item.as_object().map_or(0, |m| m.len()))
            .collect();
        assert_eq!(ops, [2, 2, 1, 1]);
        assert_eq!(
            quotas(&[parse(BASE).expect("base")], 3, 100),
            [2, 2, 2],
            "all there is"
        );
        let tags: Vec<&str> = doc["tags"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|t| t["name"].as_str())
            .collect();
        assert_eq!(tags, ["Chat0", "Users1", "Chat2", "Users3"]);
        // 2 of the 6 operations, spread evenly, are also in the next group.
        let op_tags: Vec<Vec<&str>> = object(&doc, "/paths")
            .values()
            .flat_map(|item| item.as_object().into_iter().flat_map(|m| m.values()))
            .map(|op| {
                op["tags"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect()
            })
            .collect();
        assert_eq!(
            op_tags,
            [
                vec!["Chat0"],
                vec!["Chat0"],
                vec!["Users1", "Chat2"],
                vec!["Users1"],
                vec!["Chat2"],
                vec!["Users3", "Chat0"],
            ]
        );
        let output =
            codegen::generate(&text, &codegen::Options::new("p", "p.json")).expect("generates");
        let shared = &output.files["src/apis/shared.rs"];
        assert_eq!(shared.matches("impl Operation for ").count(), 2);
    }
}
