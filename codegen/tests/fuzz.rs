//! Property test of the whole pipeline (load → validate → lower → render → format): for
//! mutated copies of `spec/chat.yaml` and for randomly generated specs, `generate` never panics,
//! and it returns either a typed error or files whose Rust parses.
//!
//! The test suite runs a bounded number of cases. Run it longer with, for example:
//!
//! ```sh
//! CODEGEN_FUZZ_CASES=20000 CODEGEN_FUZZ_SEED=1 cargo test --release -p codegen --test fuzz -- --nocapture
//! ```
//!
//! A failure names the seed and case, which reproduce it exactly.

use std::panic::{AssertUnwindSafe, catch_unwind};

use codegen::{Options, generate};
use serde_yaml::{Mapping, Value};

/// xorshift64*: small, fast, and deterministic for a given seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Strings that have broken generators before: keywords, punctuation, references, formats.
const WORDS: &[&str] = &[
    "",
    "$%",
    "1on1",
    "type",
    "self",
    "Self",
    "super",
    "r#type",
    "Unknown",
    "a.b",
    "foo-bar",
    "Some Value",
    "ünïcödé",
    "\"quoted\"",
    "back\\slash",
    "}{",
    "*/",
    "/*",
    "{roomJid}",
    "/",
    "#/components/schemas/Nope",
    "#/components/schemas/Room",
    "other.yaml#/components/schemas/X",
    "#/paths",
    "application/xml",
    "application/json",
    "text/plain",
    "cookie",
    "header",
    "path",
    "query",
    "body",
    "int128",
    "date-time",
    "date",
    "uuid",
    "byte",
    "binary",
    "3.1.0",
    "2.0",
    "string",
    "integer",
    "number",
    "boolean",
    "array",
    "object",
    "null",
    "ANY",
    "ALL",
    "Chat",
    "x-genesys-preview",
    "x-inin-requires-permissions",
    "200",
    "204",
    "default",
    "required",
    "enum",
    "allOf",
    "oneOf",
    "items",
    "properties",
    "additionalProperties",
    "$ref",
];

fn scalar(rng: &mut Rng) -> Value {
    match rng.below(7) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => Value::Number((rng.next() % 1000).into()),
        3 => Value::Mapping(Mapping::new()),
        4 => Value::Sequence(Vec::new()),
        5 => Value::String("x".repeat(rng.below(300))),
        _ => Value::String((*rng.pick(WORDS)).to_owned()),
    }
}

/// Every subtree of `value`, for grafting elsewhere.
fn subtrees(value: &Value, out: &mut Vec<Value>) {
    out.push(value.clone());
    match value {
        Value::Mapping(m) => m.values().for_each(|v| subtrees(v, out)),
        Value::Sequence(s) => s.iter().for_each(|v| subtrees(v, out)),
        _ => {}
    }
}

/// Applies one random change somewhere in `value`.
fn mutate(value: &mut Value, rng: &mut Rng, grafts: &[Value]) {
    let descend = rng.chance(80);
    match value {
        Value::Mapping(map) if descend && !map.is_empty() => {
            let index = rng.below(map.len());
            if let Some((_, child)) = map.iter_mut().nth(index) {
                mutate(child, rng, grafts);
            }
        }
        Value::Sequence(seq) if descend && !seq.is_empty() => {
            let index = rng.below(seq.len());
            mutate(&mut seq[index], rng, grafts);
        }
        Value::Mapping(map) if !map.is_empty() => {
            let index = rng.below(map.len());
            let key = map.keys().nth(index).cloned().unwrap_or(Value::Null);
            match rng.below(4) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    if let Some(v) = map.remove(&key) {
                        map.insert(Value::String((*rng.pick(WORDS)).to_owned()), v);
                    }
                }
                2 => {
                    let copy = map.get(&key).cloned().unwrap_or(Value::Null);
                    map.insert(Value::String((*rng.pick(WORDS)).to_owned()), copy);
                }
                _ => {
                    map.insert(key, rng.pick(grafts).clone());
                }
            }
        }
        Value::Sequence(seq) if !seq.is_empty() => {
            let index = rng.below(seq.len());
            if rng.chance(50) {
                seq.remove(index);
            } else {
                seq.push(rng.pick(grafts).clone());
            }
        }
        other => {
            *other = if rng.chance(70) {
                scalar(rng)
            } else {
                rng.pick(grafts).clone()
            };
        }
    }
}

/// A random, mostly well-formed spec: schemas that refer to each other, enums with awkward
/// values, and operations with path, query and body parameters.
fn random_spec(rng: &mut Rng) -> String {
    let mut out = String::from("openapi: 3.0.3\ninfo: {title: fuzz, version: '1'}\npaths:\n");
    let schema_count = 1 + rng.below(6);
    let names: Vec<String> = (0..schema_count)
        .map(|i| format!("S{i}{}", rng.pick(&["", "_x", "-y", "Type", "self"])))
        .collect();
    let type_of = |rng: &mut Rng| -> String {
        match rng.below(9) {
            0 => "{type: string}".into(),
            1 => "{type: integer, format: int32}".into(),
            2 => "{type: number}".into(),
            3 => "{type: boolean}".into(),
            4 => "{type: string, format: date-time}".into(),
            5 => format!(
                "{{type: array, items: {{$ref: '#/components/schemas/{}'}}}}",
                rng.pick(&names)
            ),
            6 => format!("{{$ref: '#/components/schemas/{}'}}", rng.pick(&names)),
            7 => format!(
                "{{type: object, additionalProperties: {{$ref: '#/components/schemas/{}'}}}}",
                rng.pick(&names)
            ),
            _ => format!(
                "{{type: string, enum: ['{}', '{}', '{}']}}",
                rng.pick(WORDS).replace('\'', "''"),
                rng.pick(WORDS).replace('\'', "''"),
                rng.pick(WORDS).replace('\'', "''")
            ),
        }
    };
    for op in 0..rng.below(5) {
        let param = format!("p{}", rng.pick(&["", "Id", "_id", "-id", "type"]));
        let declared = if rng.chance(85) {
            param.clone()
        } else {
            "other".into()
        };
        let method = rng.pick(&["get", "put", "post", "delete", "patch"]);
        let id = format!("op{op}{}", rng.pick(&["", "Type", "_self"]));
        let tag = rng.pick(&["A", "b", "type", "Chat"]);
        let query = rng.pick(WORDS).replace('\'', "''");
        let query_type = type_of(rng);
        out.push_str(&format!(
            "  /r{op}/{{{param}}}:\n    {method}:\n      operationId: {id}\n      tags: [{tag}]\n      parameters:\n        - {{name: '{declared}', in: path, required: true, schema: {{type: string}}}}\n        - {{name: '{query}', in: query, schema: {query_type}}}\n"
        ));
        if rng.chance(50) {
            out.push_str(&format!(
                "      requestBody:\n        required: true\n        content:\n          application/json: {{schema: {{$ref: '#/components/schemas/{}'}}}}\n",
                rng.pick(&names)
            ));
        }
        out.push_str(&format!(
            "      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {}}}}}}}\n",
            type_of(rng)
        ));
    }
    if !out.ends_with("\n  /") && !out.contains("  /r") {
        out.push_str("  {}\n");
    }
    out.push_str("components:\n  schemas:\n");
    for name in &names {
        out.push_str(&format!(
            "    '{name}':\n      type: object\n      properties:\n"
        ));
        for p in 0..1 + rng.below(4) {
            let prop = format!("{}{p}", rng.pick(WORDS).replace('\'', "''"));
            out.push_str(&format!("        '{prop}': {}\n", type_of(rng)));
        }
    }
    out
}

fn case_count() -> u64 {
    std::env::var("CODEGEN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

fn seed() -> u64 {
    std::env::var("CODEGEN_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5EED)
}

/// Runs one spec through the pipeline; `Err` describes a property violation.
fn check(text: &str) -> Result<&'static str, String> {
    let options = Options::new("fuzz", "fuzz.yaml");
    match catch_unwind(AssertUnwindSafe(|| generate(text, &options))) {
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Err(format!("panicked: {message}"))
        }
        Ok(Err(errors)) => {
            if errors.is_empty() {
                Err("an error result with no error in it".into())
            } else {
                Ok("typed error")
            }
        }
        Ok(Ok(output)) => {
            for (path, text) in &output.files {
                if path.ends_with(".rs")
                    && let Err(e) = syn::parse_file(text)
                {
                    return Err(format!("{path} does not parse: {e}"));
                }
            }
            Ok("generated")
        }
    }
}

#[test]
fn the_pipeline_never_panics_on_mutated_or_generated_specs() {
    let base_text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/chat.yaml"))
            .expect("spec/chat.yaml");
    let base: Value = serde_yaml::from_str(&base_text).expect("the chat spec is YAML");
    let mut grafts = Vec::new();
    subtrees(&base, &mut grafts);

    // Panics are caught and reported below; keep the default hook from printing each one.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let (cases, seed) = (case_count(), seed());
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    let mut outcomes = std::collections::BTreeMap::<&str, u64>::new();
    for case in 0..cases {
        let mut rng = Rng::new(seed ^ case.wrapping_mul(0x1000_0000_01B3));
        let text = if case % 3 == 2 {
            random_spec(&mut rng)
        } else {
            let mut spec = base.clone();
            for _ in 0..1 + rng.below(4) {
                mutate(&mut spec, &mut rng, &grafts);
            }
            serde_yaml::to_string(&spec).unwrap_or_default()
        };
        match check(&text) {
            Ok(kind) => *outcomes.entry(kind).or_default() += 1,
            Err(why) => failures.push(format!(
                "seed {seed} case {case}: {why}\n--- spec ---\n{text}"
            )),
        }
    }
    std::panic::set_hook(hook);
    eprintln!(
        "fuzz: {cases} cases from seed {seed} in {:.2?}: {outcomes:?}",
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} failures; first:\n{}",
        failures.len(),
        failures[0]
    );
    // The corpus must exercise both outcomes, or the mutations have stopped meaning anything.
    assert!(
        outcomes.get("generated").copied().unwrap_or(0) > 0,
        "{outcomes:?}"
    );
    assert!(
        outcomes.get("typed error").copied().unwrap_or(0) > 0,
        "{outcomes:?}"
    );
}
