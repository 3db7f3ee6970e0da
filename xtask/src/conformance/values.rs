//! Request values synthesized from an API description's schemas: a JSON value for each
//! parameter and body, which the caller program turns into the crate's Rust type with
//! `serde_json`. Nothing here judges a request; the mock server does.
//!
//! For a schema, in this order:
//!
//! 1. its `example`, then its `default`, when they [fit](Values::fits) the schema (a shallow
//!    check: types, enums, bounds, lengths, required properties, well-known formats; real
//!    examples are often stale, and a stale one would only measure the example);
//! 2. the first non-null value of its `enum`;
//! 3. for `oneOf`, the first member whose value no other member accepts (else the first
//!    member); for `anyOf`, the first member; either merged with the schema's own properties,
//!    its discriminator property set to the member's mapping key or schema name;
//! 4. by type: a string of the right `format` (`date-time`, `date`, `uuid`, `email`, `uri`,
//!    `byte`, …), matching a simple `pattern` ([`super::pattern`]), padded or cut to
//!    `minLength`/`maxLength`; the smallest integer or number ≥ 1 inside `minimum`/`maximum`
//!    (exclusive bounds honoured) and a multiple of `multipleOf`; `true`; an array of
//!    `max(minItems, 1)` items; an object with every required property and, near the top
//!    ([`OPTIONAL_DEPTH`]) and outside recursion, the optional ones too (they exercise the
//!    serialization of nested models), one entry for a map. `readOnly` properties are left
//!    out, required or not: OpenAPI 3.0 requires them in responses only, and the crate's
//!    models hold them in an `Option` for that reason.
//!
//! `allOf` members are merged first (properties and `required` united, the tighter bound
//! kept). `$ref`s are followed anywhere in the document; recursion stops at
//! [`MAX_DEPTH`].

use serde_json::{Map, Value, json};

use super::pattern;

/// Depth below which optional properties are filled in.
pub const OPTIONAL_DEPTH: usize = 2;

/// Depth at which only the smallest value of the type is produced.
pub const MAX_DEPTH: usize = 12;

/// The text of a string without other constraints.
const PLAIN: &str = "conformance";

/// Longest chain of `$ref`s followed before giving up (a cycle of references to references).
const MAX_REF_CHAIN: usize = 32;

/// The value synthesizer over one document.
pub struct Values<'a> {
    doc: &'a Value,
}

/// Where in the value the synthesis is.
#[derive(Default)]
struct Cx {
    depth: usize,
    /// The `$ref`s entered from the root to here.
    refs: Vec<String>,
}

impl Cx {
    /// The innermost schema reference entered is entered a second time: a recursive type.
    fn recursing(&self) -> bool {
        self.refs
            .split_last()
            .is_some_and(|(last, rest)| rest.contains(last))
    }
}

impl<'a> Values<'a> {
    /// Over `doc`, the whole API description (references are resolved in it).
    pub fn new(doc: &'a Value) -> Self {
        Values { doc }
    }

    /// A value for `schema`.
    pub fn schema(&self, schema: &Value) -> Value {
        self.generate(schema, &mut Cx::default())
    }

    /// A value for a Parameter Object: its `example`, its first `examples` entry, its
    /// content's example, or one synthesized from its schema.
    pub fn parameter(&self, parameter: &Value) -> Value {
        let parameter = self.follow(parameter);
        let media = parameter
            .get("content")
            .and_then(Value::as_object)
            .and_then(|c| c.values().next());
        let schema = parameter
            .get("schema")
            .or_else(|| media.and_then(|m| m.get("schema")))
            .cloned()
            .unwrap_or_else(|| json!({}));
        if let Some(v) = self.example_of(parameter, &schema) {
            return v;
        }
        if let Some(v) = media.and_then(|m| self.example_of(m, &schema)) {
            return v;
        }
        self.schema(&schema)
    }

    /// A value for a Media Type Object (a request body's): its `example`, its first
    /// `examples` entry, or one synthesized from its schema.
    pub fn media(&self, media: &Value) -> Value {
        let schema = media.get("schema").cloned().unwrap_or_else(|| json!({}));
        self.example_of(media, &schema)
            .unwrap_or_else(|| self.schema(&schema))
    }

    /// The `example`, else the first of `examples`, of a parameter or media type, when it
    /// fits `schema` and is not `null` (which a nullable body allows but a value to send is
    /// not).
    fn example_of(&self, holder: &Value, schema: &Value) -> Option<Value> {
        let first = holder
            .get("examples")
            .and_then(Value::as_object)
            .and_then(|e| e.values().next())
            .map(|e| self.follow(e))
            .and_then(|e| e.get("value"));
        holder
            .get("example")
            .into_iter()
            .chain(first)
            .find(|v| !v.is_null() && self.fits(v, schema))
            .cloned()
    }

    /// The target of `value`'s `$ref` (followed repeatedly), or `value`.
    pub fn follow<'v>(&'v self, mut value: &'v Value) -> &'v Value {
        for _ in 0..MAX_REF_CHAIN {
            match value.get("$ref").and_then(Value::as_str) {
                Some(r) => match self.pointer(r) {
                    Some(target) => value = target,
                    None => return value,
                },
                None => return value,
            }
        }
        value
    }

    /// The value a local reference (`#/components/schemas/Pet`) points at.
    fn pointer(&self, reference: &str) -> Option<&'a Value> {
        let pointer = reference.strip_prefix('#')?;
        let decoded = percent_decode(pointer);
        self.doc.pointer(&decoded)
    }

    /// `schema` with its references followed and its `allOf` merged in: one object of
    /// keywords, and the name of the last schema reference followed.
    fn flatten(&self, schema: &Value, chain: usize) -> (Map<String, Value>, Option<String>) {
        let mut name = None;
        let mut current = schema;
        for _ in 0..MAX_REF_CHAIN {
            let Some(r) = current.get("$ref").and_then(Value::as_str) else {
                break;
            };
            match self.pointer(r) {
                Some(target) => {
                    name = Some(r.to_owned());
                    current = target;
                }
                None => return (Map::new(), name),
            }
        }
        let Some(object) = current.as_object() else {
            return (Map::new(), name);
        };
        let mut out = object.clone();
        out.remove("$ref");
        if let Some(Value::Array(members)) = out.remove("allOf")
            && chain < MAX_REF_CHAIN
        {
            for member in &members {
                let (m, _) = self.flatten(member, chain + 1);
                merge(&mut out, m);
            }
        }
        (out, name)
    }

    fn generate(&self, schema: &Value, cx: &mut Cx) -> Value {
        let (s, name) = self.flatten(schema, 0);
        let entered = name.is_some();
        if let Some(name) = name {
            cx.refs.push(name);
        }
        let value = self.generate_flat(&s, cx);
        if entered {
            cx.refs.pop();
        }
        value
    }

    fn generate_flat(&self, s: &Map<String, Value>, cx: &mut Cx) -> Value {
        let whole = Value::Object(s.clone());
        for key in ["example", "default"] {
            if let Some(v) = s.get(key)
                && !v.is_null()
                && self.fits(v, &whole)
            {
                return v.clone();
            }
        }
        if let Some(first) = enum_values(s).into_iter().find(|v| !v.is_null()) {
            return first;
        }
        for (key, exactly_one) in [("oneOf", true), ("anyOf", false)] {
            if let Some(members) = s
                .get(key)
                .and_then(Value::as_array)
                .filter(|m| !m.is_empty())
            {
                return self.union(s, members, exactly_one, cx);
            }
        }
        if cx.depth >= MAX_DEPTH {
            return smallest(kind(s));
        }
        match kind(s) {
            Kind::String => string(s),
            Kind::Integer => number(s, true),
            Kind::Number => number(s, false),
            Kind::Boolean => Value::Bool(true),
            Kind::Array => self.array(s, cx),
            Kind::Object => self.object(s, cx),
            Kind::Null => Value::Null,
            Kind::Any => Value::String(PLAIN.into()),
        }
    }

    /// A value for a `oneOf` (`exactly_one`) or `anyOf` schema, with the schema's own keywords
    /// merged in: for `oneOf`, the first member whose value no other member accepts (else the
    /// first member); for `anyOf`, the first member.
    fn union(
        &self,
        s: &Map<String, Value>,
        members: &[Value],
        exactly_one: bool,
        cx: &mut Cx,
    ) -> Value {
        let mut base = s.clone();
        base.remove("oneOf");
        base.remove("anyOf");
        let discriminator = base
            .get("discriminator")
            .and_then(|d| d.get("propertyName"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let mut first = None;
        for member in members {
            if self
                .flatten(member, 0)
                .0
                .get("type")
                .and_then(Value::as_str)
                == Some("null")
            {
                continue;
            }
            let mut merged = base.clone();
            merged.insert("allOf".into(), Value::Array(vec![member.clone()]));
            let mut value = self.generate(&Value::Object(merged), cx);
            if let (Some(property), Some(obj)) = (&discriminator, value.as_object_mut()) {
                // A value the member's schema already fixes (an enum) stands.
                let fixed = self
                    .flatten(member, 0)
                    .0
                    .get("properties")
                    .and_then(|p| p.get(property))
                    .is_some_and(|p| self.flatten(p, 0).0.contains_key("enum"));
                if let Some(key) = self.mapping_key(&base, member, !fixed) {
                    obj.insert(property.clone(), Value::String(key));
                }
            }
            if !exactly_one || members.iter().filter(|m| self.fits(&value, m)).count() == 1 {
                return value;
            }
            first.get_or_insert(value);
        }
        first.unwrap_or(Value::Null)
    }

    /// The discriminator value that selects `member`: its key in the mapping, else (when
    /// `by_name`) the name of the schema it references.
    fn mapping_key(
        &self,
        base: &Map<String, Value>,
        member: &Value,
        by_name: bool,
    ) -> Option<String> {
        let reference = member.get("$ref").and_then(Value::as_str)?;
        let mapped = base
            .get("discriminator")
            .and_then(|d| d.get("mapping"))
            .and_then(Value::as_object)
            .and_then(|m| {
                m.iter().find_map(|(key, target)| {
                    let target = target.as_str()?;
                    (target == reference || reference.ends_with(&format!("/{target}")))
                        .then(|| key.clone())
                })
            });
        mapped.or_else(|| {
            by_name
                .then(|| reference.rsplit('/').next().map(str::to_owned))
                .flatten()
        })
    }

    fn array(&self, s: &Map<String, Value>, cx: &mut Cx) -> Value {
        let min = usize_of(s, "minItems").unwrap_or(0);
        let max = usize_of(s, "maxItems");
        let count = min.max(1).min(max.unwrap_or(usize::MAX));
        let items = s.get("items").cloned().unwrap_or_else(|| json!({}));
        cx.depth += 1;
        let mut out: Vec<Value> = (0..count).map(|_| self.generate(&items, cx)).collect();
        cx.depth -= 1;
        if s.get("uniqueItems") == Some(&Value::Bool(true)) {
            for (i, item) in out.iter_mut().enumerate().skip(1) {
                match item {
                    Value::String(text) => text.push_str(&i.to_string()),
                    Value::Number(n) => {
                        if let Some(v) = n.as_i64() {
                            *item = json!(v + i as i64);
                        }
                    }
                    _ => {}
                }
            }
        }
        Value::Array(out)
    }

    fn object(&self, s: &Map<String, Value>, cx: &mut Cx) -> Value {
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let shallow = cx.depth >= OPTIONAL_DEPTH || cx.recursing();
        let mut out = Map::new();
        cx.depth += 1;
        if let Some(properties) = s.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                let required = required.contains(&name.as_str());
                if self.read_only(property) || (!required && shallow) {
                    continue;
                }
                out.insert(name.clone(), self.generate(property, cx));
            }
        }
        let extra = match s.get("additionalProperties") {
            Some(Value::Bool(false)) => None,
            Some(schema @ Value::Object(_)) => Some(schema.clone()),
            _ => Some(json!({})),
        };
        // Required properties the schema does not describe: a real defect of some
        // descriptions, sent all the same, since a validator requires them.
        for name in &required {
            if !out.contains_key(*name)
                && s.get("properties").is_none_or(|p| p.get(*name).is_none())
            {
                let value = extra
                    .as_ref()
                    .map_or(Value::String(PLAIN.into()), |e| self.generate(e, cx));
                out.insert((*name).to_owned(), value);
            }
        }
        let is_map = s
            .get("properties")
            .is_none_or(|p| p.as_object().is_none_or(Map::is_empty))
            && matches!(s.get("additionalProperties"), Some(Value::Object(_)));
        let min_properties = usize_of(s, "minProperties").unwrap_or(0);
        if let Some(extra) = &extra {
            let mut i = 0;
            while (is_map && out.is_empty()) || out.len() < min_properties {
                i += 1;
                let key = if i == 1 {
                    "key".to_owned()
                } else {
                    format!("key{i}")
                };
                if out.contains_key(&key) {
                    continue;
                }
                out.insert(key, self.generate(extra, cx));
            }
        }
        cx.depth -= 1;
        Value::Object(out)
    }

    /// Whether a property is `readOnly` (not sent in requests).
    fn read_only(&self, property: &Value) -> bool {
        let (p, _) = self.flatten(property, 0);
        p.get("readOnly") == Some(&Value::Bool(true))
    }

    /// Whether `value` fits `schema` as far as a shallow check tells: type, `enum`, numeric
    /// bounds, lengths, item counts, well-known string formats, required properties present,
    /// no `readOnly` property (in a request), no property `additionalProperties:
    /// false` forbids, and the same for nested values a few levels deep. Patterns are not
    /// checked.
    pub fn fits(&self, value: &Value, schema: &Value) -> bool {
        self.fits_at(value, schema, 0)
    }

    fn fits_at(&self, value: &Value, schema: &Value, depth: usize) -> bool {
        if depth > 6 {
            return true;
        }
        let (s, _) = self.flatten(schema, 0);
        if s.get("enum").is_some() {
            return enum_values(&s).contains(value);
        }
        if value.is_null() {
            return s.get("nullable") == Some(&Value::Bool(true));
        }
        if let Some(members) = s
            .get("oneOf")
            .or_else(|| s.get("anyOf"))
            .and_then(Value::as_array)
            && !members.iter().any(|m| self.fits_at(value, m, depth + 1))
        {
            return false;
        }
        match kind(&s) {
            Kind::String => value.as_str().is_some_and(|text| {
                let len = text.chars().count();
                len >= usize_of(&s, "minLength").unwrap_or(0)
                    && usize_of(&s, "maxLength").is_none_or(|max| len <= max)
                    && format_fits(s.get("format").and_then(Value::as_str), text)
            }),
            Kind::Integer => {
                (value.is_i64() || value.is_u64()) && in_bounds(&s, value.as_f64().unwrap_or(0.0))
            }
            Kind::Number => value.as_f64().is_some_and(|v| in_bounds(&s, v)),
            Kind::Boolean => value.is_boolean(),
            Kind::Null => false,
            Kind::Array => value.as_array().is_some_and(|items| {
                let item_schema = s.get("items").cloned().unwrap_or_else(|| json!({}));
                items.len() >= usize_of(&s, "minItems").unwrap_or(0)
                    && usize_of(&s, "maxItems").is_none_or(|max| items.len() <= max)
                    && items
                        .iter()
                        .take(8)
                        .all(|i| self.fits_at(i, &item_schema, depth + 1))
            }),
            Kind::Object => value.as_object().is_some_and(|object| {
                let properties = s.get("properties").and_then(Value::as_object);
                let required: Vec<&str> = s
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                // A request leaves `readOnly` properties out, required or not.
                let read_only = |name: &str| {
                    properties
                        .and_then(|p| p.get(name))
                        .is_some_and(|p| self.read_only(p))
                };
                required
                    .iter()
                    .all(|name| object.contains_key(*name) || read_only(name))
                    && object
                        .iter()
                        .all(|(name, v)| match properties.and_then(|p| p.get(name)) {
                            Some(p) => !self.read_only(p) && self.fits_at(v, p, depth + 1),
                            None => match s.get("additionalProperties") {
                                Some(Value::Bool(false)) => false,
                                Some(extra @ Value::Object(_)) => self.fits_at(v, extra, depth + 1),
                                _ => true,
                            },
                        })
            }),
            Kind::Any => true,
        }
    }
}

/// `%XX` escapes of a JSON pointer taken from a URI fragment, decoded.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Merges an `allOf` member's keywords into `into`.
fn merge(into: &mut Map<String, Value>, member: Map<String, Value>) {
    for (key, value) in member {
        match (key.as_str(), into.get_mut(&key)) {
            (_, None) => {
                into.insert(key, value);
            }
            ("properties", Some(Value::Object(mine))) => {
                if let Value::Object(theirs) = value {
                    for (name, schema) in theirs {
                        match mine.get_mut(&name) {
                            Some(existing) => {
                                let both = json!({"allOf": [existing.clone(), schema]});
                                *existing = both;
                            }
                            None => {
                                mine.insert(name, schema);
                            }
                        }
                    }
                }
            }
            ("required", Some(Value::Array(mine))) => {
                for name in value.as_array().into_iter().flatten() {
                    if !mine.contains(name) {
                        mine.push(name.clone());
                    }
                }
            }
            ("minimum" | "minLength" | "minItems" | "minProperties", Some(mine))
                if value.as_f64() > mine.as_f64() =>
            {
                *mine = value;
            }
            ("maximum" | "maxLength" | "maxItems" | "maxProperties", Some(mine))
                if value.as_f64() < mine.as_f64() =>
            {
                *mine = value;
            }
            ("enum", Some(Value::Array(mine))) => {
                let theirs = value.as_array().cloned().unwrap_or_default();
                let both: Vec<Value> = mine
                    .iter()
                    .filter(|v| theirs.contains(v))
                    .cloned()
                    .collect();
                if !both.is_empty() {
                    *mine = both;
                }
            }
            // The first word stands: the schema's own, then earlier members'.
            _ => {}
        }
    }
}

/// The JSON type a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
    Null,
    /// No type and nothing that implies one.
    Any,
}

fn kind(s: &Map<String, Value>) -> Kind {
    match s.get("type").and_then(Value::as_str) {
        Some("string") => Kind::String,
        Some("integer") => Kind::Integer,
        Some("number") => Kind::Number,
        Some("boolean") => Kind::Boolean,
        Some("array") => Kind::Array,
        Some("object") => Kind::Object,
        Some("null") => Kind::Null,
        _ if s.contains_key("properties")
            || s.contains_key("additionalProperties")
            || s.contains_key("required") =>
        {
            Kind::Object
        }
        _ if s.contains_key("items") => Kind::Array,
        _ if s.contains_key("format")
            || s.contains_key("pattern")
            || s.contains_key("minLength")
            || s.contains_key("maxLength") =>
        {
            Kind::String
        }
        _ if s.contains_key("minimum") || s.contains_key("maximum") => Kind::Number,
        _ => Kind::Any,
    }
}

/// The smallest value of a kind, where the depth limit stops the synthesis.
fn smallest(kind: Kind) -> Value {
    match kind {
        Kind::String | Kind::Any => Value::String(PLAIN.into()),
        Kind::Integer | Kind::Number => json!(1),
        Kind::Boolean => Value::Bool(true),
        Kind::Array => json!([]),
        Kind::Object => json!({}),
        Kind::Null => Value::Null,
    }
}

fn usize_of(s: &Map<String, Value>, key: &str) -> Option<usize> {
    s.get(key)
        .and_then(Value::as_f64)
        .filter(|v| *v >= 0.0)
        .map(|v| v as usize)
}

/// The text for a string schema: its pattern's sample, else its format's, fitted to its
/// lengths.
fn string(s: &Map<String, Value>) -> Value {
    let min = usize_of(s, "minLength").unwrap_or(0);
    let max = usize_of(s, "maxLength");
    if let Some(p) = s.get("pattern").and_then(Value::as_str)
        && let Some(text) = pattern::sample(p, min, max)
    {
        return Value::String(text);
    }
    let base = match s.get("format").and_then(Value::as_str) {
        Some("date-time") => "2024-01-02T03:04:05Z",
        Some("date") => "2024-01-02",
        Some("time") => "03:04:05Z",
        Some("uuid") => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        Some("email") => "user@example.com",
        Some("uri" | "url") => "https://example.com/conformance",
        Some("uri-reference" | "uri-template") => "/conformance",
        Some("hostname") => "example.com",
        Some("ipv4") => "192.0.2.1",
        Some("ipv6") => "2001:db8::1",
        Some("byte") => "Y29uZm9ybWFuY2U=",
        Some("int32" | "int64" | "integer") => "1",
        Some("float" | "double" | "decimal" | "number") => "1.5",
        Some("duration") => "P1D",
        _ => PLAIN,
    };
    let mut text: String = base.to_owned();
    let len = text.chars().count();
    if len < min {
        text.extend(std::iter::repeat_n('x', min - len));
    }
    if let Some(max) = max {
        text = text.chars().take(max).collect();
    }
    Value::String(text)
}

/// The bounds of a numeric schema, exclusive ones as booleans (OpenAPI 3.0).
fn bounds(s: &Map<String, Value>) -> (Option<f64>, bool, Option<f64>, bool) {
    let flag = |k: &str| s.get(k) == Some(&Value::Bool(true));
    (
        s.get("minimum").and_then(Value::as_f64),
        flag("exclusiveMinimum"),
        s.get("maximum").and_then(Value::as_f64),
        flag("exclusiveMaximum"),
    )
}

fn in_bounds(s: &Map<String, Value>, v: f64) -> bool {
    let (lo, lo_ex, hi, hi_ex) = bounds(s);
    lo.is_none_or(|lo| if lo_ex { v > lo } else { v >= lo })
        && hi.is_none_or(|hi| if hi_ex { v < hi } else { v <= hi })
}

/// 1, or the smallest value the bounds allow above their minimum, a multiple of `multipleOf`.
fn number(s: &Map<String, Value>, integer: bool) -> Value {
    let (lo, lo_ex, hi, hi_ex) = bounds(s);
    let step = if integer { 1.0 } else { 0.5 };
    let mut v = 1.0_f64;
    if let Some(lo) = lo {
        let least = if lo_ex { lo + step } else { lo };
        if v < least {
            v = if integer { least.ceil() } else { least };
        }
    }
    if let Some(hi) = hi {
        let most = if hi_ex { hi - step } else { hi };
        if v > most {
            v = if integer { most.floor() } else { most };
        }
    }
    if let Some(m) = s
        .get("multipleOf")
        .and_then(Value::as_f64)
        .filter(|m| *m > 0.0)
    {
        let up = (v / m).ceil() * m;
        v = if hi.is_some_and(|hi| up > hi) {
            (v / m).floor() * m
        } else {
            up
        };
    }
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

/// Whether `text` has the shape of `format` (for the formats [`string`] produces; others fit).
fn format_fits(format: Option<&str>, text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let date = |s: &str| {
        let parts: Vec<&str> = s.split('-').collect();
        parts.len() == 3
            && parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && parts.iter().all(|p| digits(p))
    };
    match format {
        Some("date") => date(text),
        Some("date-time") => text.split_once(['T', 't']).is_some_and(|(d, t)| {
            date(d)
                && t.len() >= 8
                && t.as_bytes()[2] == b':'
                && t.as_bytes()[5] == b':'
                && (t.ends_with(['Z', 'z']) || t.get(8..).is_some_and(|r| r.contains(['+', '-'])))
        }),
        Some("uuid") => {
            let groups: Vec<&str> = text.split('-').collect();
            groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
                && groups
                    .iter()
                    .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
        }
        Some("email") => text
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.')),
        Some("uri" | "url") => text.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        }),
        _ => true,
    }
}

/// Fits a synthesized JSON value to the Rust type the generator chose, where the two
/// legitimately differ: a `String` parameter whose schema is not a string is sent as text, a
/// binary body (`Vec<u8>`) is the bytes of its text (of its JSON text, when the spec describes
/// structured content), and a single value where a list is expected becomes a list of one.
pub fn adapt(value: Value, rust_type: &str) -> Value {
    match (rust_type, value) {
        ("String", Value::String(s)) => Value::String(s),
        ("String", Value::Number(n)) => Value::String(n.to_string()),
        ("String", Value::Bool(b)) => Value::String(b.to_string()),
        ("String", other) => Value::String(other.to_string()),
        ("Vec<u8>", Value::String(s)) => Value::Array(s.bytes().map(|b| json!(b)).collect()),
        ("Vec<u8>", Value::Array(a)) if a.iter().all(|b| b.as_u64().is_some_and(|b| b < 256)) => {
            Value::Array(a)
        }
        ("Vec<u8>", other) => Value::Array(other.to_string().bytes().map(|b| json!(b)).collect()),
        (t, value) if t.starts_with("Vec<") && !value.is_array() => Value::Array(vec![value]),
        (_, value) => value,
    }
}

/// A schema's `enum` values as the generated crate holds them: in a `type: string` schema, a
/// number or boolean is its JSON text (`1` → `"1"`), as the generator's fixup takes it.
fn enum_values(s: &serde_json::Map<String, Value>) -> Vec<Value> {
    let string = s.get("type").and_then(Value::as_str) == Some("string");
    s.get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|v| match v {
            Value::Number(_) | Value::Bool(_) if string => Value::String(v.to_string()),
            other => other.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
