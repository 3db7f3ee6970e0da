//! Run-time benchmark (part of `cargo xtask bench`; see BENCHMARKS.md):
//!
//! 1. `get_chats_room_messages` returning 100 messages from a loopback server: requests per
//!    second and p50/p99 latency, against the same request made by hand with `reqwest` +
//!    `serde_json` (same connection settings, same server, interleaved rounds);
//! 2. decode throughput of a `ChatMessageEntityListing` of 10 000 messages.
//!
//! ```sh
//! cargo run --release -p genesys-cloud-chat --example bench_runtime
//! ```

use std::time::{Duration, Instant};

use genesys_cloud_chat::models::ChatMessageEntityListing;
use genesys_cloud_chat::{Client, RetryPolicy};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ROUNDS: usize = 10;
const PER_ROUND: usize = 300;

fn message(i: usize) -> Value {
    json!({
        "id": format!("a3c2b7e0-5c8d-4f8e-9d1a-{i:012}"),
        "dateCreated": "2024-05-01T12:30:00.123Z",
        "dateModified": "2024-05-01T12:31:00.456Z",
        "toJid": "adhoc-5f3e9a@conference.example.com",
        "jid": format!("user-{}@example.com", i % 17),
        "body": format!("Message number {i}: the error rate is back to normal after the rollback."),
        "mentions": {"8f2d6c1e-3b4a-4c5d-9e8f-7a6b5c4d3e2f": "@Alex"},
        "edited": i.is_multiple_of(5),
        "attachmentDeleted": false,
        "fileUri": "https://files.example.com/attachments/report.pdf",
        "thread": {"id": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a"},
        "user": {"id": "8f2d6c1e-3b4a-4c5d-9e8f-7a6b5c4d3e2f", "selfUri": "/api/v2/users/8f2d6c1e"},
        "reactions": [{"emoji": "👍", "users": [{"id": "u1", "selfUri": "/api/v2/users/u1"}]}]
    })
}

fn listing(n: usize) -> Vec<u8> {
    serde_json::to_vec(&json!({"entities": (0..n).map(message).collect::<Vec<_>>()}))
        .unwrap_or_default()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

struct Stats {
    rps: f64,
    p50: Duration,
    p99: Duration,
}

fn stats(mut samples: Vec<Duration>, total: Duration) -> Stats {
    samples.sort();
    Stats {
        rps: samples.len() as f64 / total.as_secs_f64(),
        p50: percentile(&samples, 0.50),
        p99: percentile(&samples, 0.99),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await;
    let body = listing(100);
    let room = "adhoc-5f3e9a@conference.example.com";
    Mock::given(method("GET"))
        .and(path(
            "/api/v2/chats/rooms/adhoc-5f3e9a%40conference.example.com/messages",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"))
        .mount(&server)
        .await;

    let http = reqwest::Client::new();
    let sdk = Client::builder()
        .base_url(server.uri())
        .access_token("bench-token")
        .http_client(http.clone())
        .retry_policy(RetryPolicy::disabled())
        .build()?;
    let url = format!(
        "{}/api/v2/chats/rooms/adhoc-5f3e9a%40conference.example.com/messages?limit=100",
        server.uri()
    );

    // Warm up both paths (connection pool, allocator).
    for _ in 0..200 {
        sdk.chat()
            .get_chats_room_messages(room)
            .limit("100")
            .await?;
        let bytes = http
            .get(&url)
            .bearer_auth("bench-token")
            .header("accept", "application/json")
            .send()
            .await?
            .bytes()
            .await?;
        let _: ChatMessageEntityListing = serde_json::from_slice(&bytes)?;
    }

    let (mut sdk_samples, mut hand_samples) = (Vec::new(), Vec::new());
    let (mut sdk_total, mut hand_total) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..ROUNDS {
        let round = Instant::now();
        for _ in 0..PER_ROUND {
            let start = Instant::now();
            let listing = sdk
                .chat()
                .get_chats_room_messages(room)
                .limit("100")
                .await?;
            sdk_samples.push(start.elapsed());
            assert_eq!(listing.entities.map(|e| e.len()), Some(100));
        }
        sdk_total += round.elapsed();

        let round = Instant::now();
        for _ in 0..PER_ROUND {
            let start = Instant::now();
            let response = http
                .get(&url)
                .bearer_auth("bench-token")
                .header("accept", "application/json")
                .send()
                .await?;
            let status = response.status();
            let bytes = response.bytes().await?;
            assert!(status.is_success());
            let listing: ChatMessageEntityListing = serde_json::from_slice(&bytes)?;
            hand_samples.push(start.elapsed());
            assert_eq!(listing.entities.map(|e| e.len()), Some(100));
        }
        hand_total += round.elapsed();
    }
    let sdk = stats(sdk_samples, sdk_total);
    let hand = stats(hand_samples, hand_total);
    println!(
        "| client ({} requests each, 100 messages, {} KiB per response) | requests/s | p50 | p99 |",
        ROUNDS * PER_ROUND,
        body.len() / 1024
    );
    println!("| --- | ---: | ---: | ---: |");
    for (name, s) in [
        ("SDK `get_chats_room_messages`", &sdk),
        ("hand-written reqwest + serde_json", &hand),
    ] {
        println!(
            "| {name} | {:.0} | {:.1} µs | {:.1} µs |",
            s.rps,
            s.p50.as_secs_f64() * 1e6,
            s.p99.as_secs_f64() * 1e6
        );
    }
    println!(
        "| **SDK overhead** | {:+.1}% time per request | {:+.1}% | {:+.1}% |",
        (hand.rps / sdk.rps - 1.0) * 100.0,
        (sdk.p50.as_secs_f64() / hand.p50.as_secs_f64() - 1.0) * 100.0,
        (sdk.p99.as_secs_f64() / hand.p99.as_secs_f64() - 1.0) * 100.0
    );

    let big = listing(10_000);
    let mut times = Vec::new();
    for _ in 0..21 {
        let start = Instant::now();
        let decoded: ChatMessageEntityListing = serde_json::from_slice(&big)?;
        times.push(start.elapsed());
        assert_eq!(decoded.entities.map(|e| e.len()), Some(10_000));
    }
    times.sort();
    let median = times[times.len() / 2];
    println!();
    println!(
        "| decode `ChatMessageEntityListing`, 10 000 messages | size | median time | throughput |"
    );
    println!("| --- | ---: | ---: | ---: |");
    println!(
        "| `serde_json::from_slice` into the generated model | {:.1} MiB | {:.1} ms | {:.0} MB/s |",
        big.len() as f64 / (1024.0 * 1024.0),
        median.as_secs_f64() * 1e3,
        big.len() as f64 / 1e6 / median.as_secs_f64()
    );
    Ok(())
}
