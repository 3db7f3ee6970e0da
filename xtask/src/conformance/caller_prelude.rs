// The fixed part of every conformance caller (xtask/src/conformance/caller_prelude.rs, put into
// the program by `cargo xtask corpus --conformance`, which adds one function per operation, the
// table CALLS and the credentials). Each call's outcome is printed as one JSON line; xtask
// classifies it.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use serde_json::{Value, json};

/// One operation's call: a future that says what happened.
type Call<'a> = Pin<Box<dyn Future<Output = Value> + 'a>>;

/// Characters of a response body kept in a record.
const EXCERPT: usize = 2048;

/// Time one call may take, on top of the client's own per-attempt timeout.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// Parses a request value from its JSON text, or ends the call with a `value` record.
macro_rules! value {
    ($what:expr, $ty:ty, $json:expr) => {
        match serde_json::from_str::<$ty>($json) {
            Ok(v) => v,
            Err(e) => {
                return json!({
                    "kind": "value",
                    "message": format!("{}: cannot read {} as `{}`: {e}", $what, $json, stringify!($ty)),
                });
            }
        }
    };
}

fn excerpt(body: &[u8]) -> String {
    String::from_utf8_lossy(body).chars().take(EXCERPT).collect()
}

/// A header's text, if it has one.
macro_rules! header {
    ($headers:expr, $name:expr) => {
        $headers.get($name).and_then(|v| v.to_str().ok()).map(str::to_owned)
    };
}

/// The record of one call's result.
fn record<T>(result: Result<sdk::WithResponse<T>, sdk::Error>) -> Value {
    match result {
        Ok(answer) => json!({
            "kind": "ok",
            "status": answer.status.as_u16(),
            "violations": header!(answer.headers, "sl-violations"),
        }),
        Err(sdk::Error::Decode(e)) => json!({
            "kind": "decode",
            "status": e.status.as_u16(),
            "message": e.message,
            "expected": e.expected,
            "content_type": header!(e.headers, "content-type"),
            "body": excerpt(&e.body),
        }),
        Err(sdk::Error::Api(e)) => json!({
            "kind": "api",
            "status": e.status.as_u16(),
            "violations": header!(e.headers, "sl-violations"),
            "content_type": header!(e.headers, "content-type"),
            "body": excerpt(&e.body),
        }),
        Err(sdk::Error::InvalidRequest(message)) => json!({"kind": "invalid", "message": message}),
        Err(e) => json!({
            "kind": if e.is_timeout() { "timeout" } else { "other" },
            "message": e.to_string(),
        }),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let Some(base_url) = std::env::args().nth(1) else {
        eprintln!("usage: caller BASE_URL");
        std::process::exit(2);
    };
    let builder = sdk::Client::builder()
        .base_url(base_url)
        .retry_policy(sdk::RetryPolicy::disabled())
        .timeout(Duration::from_secs(30));
    let client = match credentials(builder).build() {
        Ok(client) => client,
        Err(e) => {
            println!("{}", json!({"kind": "client", "message": e.to_string()}));
            std::process::exit(2);
        }
    };
    for (id, call) in CALLS {
        let mut line = match tokio::time::timeout(CALL_TIMEOUT, call(&client)).await {
            Ok(line) => line,
            Err(_) => json!({
                "kind": "timeout",
                "message": format!("no outcome within {} s", CALL_TIMEOUT.as_secs()),
            }),
        };
        line["op"] = json!(id);
        println!("{line}");
    }
}
