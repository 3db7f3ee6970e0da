//! Prints the shape of `codegen::synthetic::platform` from chat + the shared Genesys groups.
fn main() {
    let read = |p: &str| std::fs::read_to_string(p).expect(p);
    let bases = [
        read("spec/chat.yaml"),
        read("../shared/genesys/users-269.0.0.yaml"),
        read("../shared/genesys/presence-269.0.0.yaml"),
    ];
    let refs: Vec<&str> = bases.iter().map(String::as_str).collect();
    let groups: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(90);
    let ops: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3400);
    let text = codegen::synthetic::platform(&refs, groups, ops).expect("platform");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    let n_ops: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|i| i.as_object().unwrap().len())
        .sum();
    println!(
        "bytes {} ops {} schemas {}",
        text.len(),
        n_ops,
        doc["components"]["schemas"].as_object().unwrap().len()
    );
    std::fs::write("/tmp/platform.json", text).unwrap();
}
