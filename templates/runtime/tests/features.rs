//! What production callers expect of the runtime beyond the fault matrix, on the loopback
//! server: the status and headers of a success, per-request options, paged histories, gzip,
//! a proxy with credentials, a gateway, PKCE, redacted body logging and the event of a final
//! failure. Time-dependent tests run on tokio's paused clock.

mod support;

use std::time::Duration;

use sdk_runtime::models::{Note, Thing};
use sdk_runtime::{Client, ClientBuilder, Error, RetryPolicy, TimeoutKind};
use serde_json::json;
use support::{Capture, Received, Reply, Server};

const THING: &str = "/things/t1";
const NOTES: &str = "/things/t1/notes";
const TOKEN: &str = "/oauth/token";

/// A client for `server` with a static token and no retries.
fn client(server: &Server) -> ClientBuilder {
    Client::builder()
        .base_url(&server.url)
        .access_token("static-token")
        .retry_policy(RetryPolicy::disabled())
}

fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(attempts)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(20))
}

fn thing() -> Reply {
    Reply::json(200, &json!({"id": "t1"}))
}

/// Answers with `replies` in order, repeating the last one.
fn sequence(replies: Vec<Reply>) -> impl Fn(&Received) -> Reply + Send + Sync + 'static {
    let calls = std::sync::atomic::AtomicUsize::new(0);
    move |_| {
        let n = calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        replies[n.min(replies.len() - 1)].clone()
    }
}

/// The values of query parameter `name` in `request`.
fn query_value(request: &Received, name: &str) -> Option<String> {
    let query = request.query()?;
    form_urlencoded::parse(query.as_bytes())
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
}

// ---------------------------------------------------------------------------------------------
// The request builder
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn send_with_response_gives_the_value_status_headers_and_correlation_id() {
    let server = Server::start(|_| {
        Reply::new(
            200,
            &[
                ("content-type", "application/json"),
                ("inin-correlation-id", "corr-7"),
                ("x-rate-limit-remaining", "41"),
            ],
            r#"{"id":"t1"}"#,
        )
    })
    .await;
    let client = client(&server).build().expect("client");

    let answer = client
        .things()
        .get_thing("t1")
        .expand("owner")
        .send_with_response()
        .await
        .expect("a success");

    assert_eq!(answer.value.id.as_deref(), Some("t1"));
    assert_eq!(answer.status.as_u16(), 200);
    assert_eq!(answer.correlation_id(), Some("corr-7"));
    assert_eq!(answer.headers["x-rate-limit-remaining"], "41");
    assert_eq!(server.received()[0].target, "/things/t1?expand=owner");
    // `.await` on the builder is `send`.
    let thing: Thing = client.things().get_thing("t1").await.expect("a success");
    assert_eq!(thing.id.as_deref(), Some("t1"));
}

/// Per-request headers are sent, replace the SDK's header of the same name, and may repeat.
#[tokio::test]
async fn per_request_headers_are_sent_and_replace_the_sdks() {
    let server = Server::start(|_| thing()).await;
    let client = client(&server).build().expect("client");

    client
        .things()
        .get_thing("t1")
        .header("User-Agent", "my-app/2.0")
        .header("X-Trace", "a")
        .header("x-trace", "b")
        .await
        .expect("a success");

    let request = &server.received()[0];
    let values = |name: &str| -> Vec<&str> {
        request
            .headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(values("user-agent"), ["my-app/2.0"]);
    assert_eq!(values("x-trace"), ["a", "b"]);
    assert_eq!(values("authorization"), ["Bearer static-token"]);
    assert_eq!(values("accept"), ["application/json"]);
}

/// Headers that carry the client's credentials or the framing, and names or values that are
/// not valid, fail the request before anything is sent; the message names the header and
/// never quotes the value.
#[tokio::test]
async fn reserved_or_invalid_per_request_headers_are_refused_before_sending() {
    let server = Server::start(|_| thing()).await;
    let client = client(&server).build().expect("client");
    // (name, value, what the message says)
    let table = [
        (
            "Authorization",
            "Bearer stolen",
            "`Authorization` is set by the client",
        ),
        ("host", "evil.example", "`host` is set by the client"),
        ("Proxy-Authorization", "Basic x", "is set by the client"),
        ("Content-Length", "5", "is set by the client"),
        ("Transfer-Encoding", "chunked", "is set by the client"),
        (
            "bad name",
            "value-1",
            "`bad name` is not a valid header name",
        ),
        (
            "X-Ok",
            "line\r\nInjected: yes",
            "the value of header `X-Ok` is not a valid",
        ),
    ];
    for (name, value, want) in table {
        let error = client
            .things()
            .get_thing("t1")
            .header(name, value)
            .await
            .expect_err(name);
        let text = error.to_string();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
        assert!(text.contains("GET /things/{thingId}"), "{text}");
        assert!(text.contains(want), "{want} not in {text}");
        assert!(!text.contains(value), "{value} in {text}");
    }
    assert!(server.received().is_empty(), "nothing was sent");
}

#[tokio::test(start_paused = true)]
async fn a_per_request_timeout_replaces_the_clients() {
    let server = Server::start(|_| Reply::hang()).await;
    let client = client(&server)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let start = tokio::time::Instant::now();

    let error = client
        .things()
        .get_thing("t1")
        .timeout(Duration::from_secs(2))
        .await
        .expect_err("the server never answers");

    assert_eq!(start.elapsed(), Duration::from_secs(2));
    let Error::Timeout(timeout) = &error else {
        panic!("expected a timeout, got {error:?}");
    };
    assert_eq!(timeout.kind(), TimeoutKind::Response);
    assert_eq!(timeout.limit(), Duration::from_secs(2));
    assert!(error.to_string().contains("2s request timeout"), "{error}");
}

#[tokio::test(start_paused = true)]
async fn a_per_request_retry_policy_replaces_the_clients() {
    let server = Server::start(sequence(vec![
        Reply::new(503, &[], ""),
        Reply::new(503, &[], ""),
        thing(),
    ]))
    .await;
    let client = client(&server).build().expect("client");

    let error = client
        .things()
        .get_thing("t1")
        .await
        .expect_err("no retries");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    let thing = client
        .things()
        .get_thing("t1")
        .retry_policy(fast_retries(3))
        .await
        .expect("the third attempt succeeds");

    assert_eq!(thing.id.as_deref(), Some("t1"));
    assert_eq!(server.received_at(THING).len(), 3);
}

#[tokio::test]
async fn a_request_builders_debug_shows_no_secret() {
    let server = Server::start(|_| thing()).await;
    let client = client(&server).build().expect("client");

    let request = client
        .things()
        .get_thing("t1")
        .header("X-Api-Key", "key-secret");
    let shown = format!("{request:?}");

    for want in ["t1", "X-Api-Key"] {
        assert!(shown.contains(want), "{want} not in {shown}");
    }
    for secret in ["key-secret", "static-token"] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}

/// A success body that does not decode names the operation, which `Error::operation` gives.
#[tokio::test]
async fn a_body_that_does_not_decode_names_the_operation() {
    let server = Server::start(|_| Reply::new(200, &[], "not json")).await;
    let client = client(&server).build().expect("client");

    let error = client.things().get_thing("t1").await.expect_err("not JSON");

    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    let endpoint = error.operation().expect("the operation");
    assert_eq!(endpoint.path_template(), "/things/{thingId}");
    assert!(
        error.to_string().starts_with("GET /things/{thingId}: "),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------------
// History streams
// ---------------------------------------------------------------------------------------------

/// Ten notes, `n10` (newest) to `n1`; a page is `limit` notes (3 by default) older than
/// `before`, newest first.
fn notes(request: &Received) -> Reply {
    let ids: Vec<u32> = (1..=10).rev().collect();
    let size: usize = query_value(request, "limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(3);
    let start = match query_value(request, "before") {
        None => 0,
        Some(before) => match ids.iter().position(|id| format!("n{id}") == before) {
            Some(at) => at + 1,
            None => return Reply::json(400, &json!({"message": "no such note"})),
        },
    };
    let page: Vec<_> = ids
        .iter()
        .skip(start)
        .take(size)
        .map(|id| json!({"id": format!("n{id}"), "text": format!("note {id}")}))
        .collect();
    Reply::json(200, &json!({ "entities": page }))
}

fn ids(notes: &[Note]) -> Vec<&str> {
    notes.iter().filter_map(|n| n.id.as_deref()).collect()
}

fn befores(server: &Server) -> Vec<Option<String>> {
    server
        .received_at(NOTES)
        .iter()
        .map(|r| query_value(r, "before"))
        .collect()
}

/// Collects a history, keeping the error that ended it, if any.
async fn collect(mut history: sdk_runtime::Pages<Note>) -> (Vec<Note>, Option<Error>) {
    let mut items = Vec::new();
    while let Some(item) = history.next().await {
        match item {
            Ok(note) => items.push(note),
            Err(error) => {
                assert!(history.next().await.is_none(), "an error ends the stream");
                return (items, Some(error));
            }
        }
    }
    (items, None)
}

#[tokio::test]
async fn a_history_pages_backwards_until_it_is_exhausted() {
    let server = Server::start(notes).await;
    let client = client(&server).build().expect("client");

    let (items, error) = collect(client.things().list_notes("t1").history(100)).await;

    assert!(error.is_none(), "{error:?}");
    let want: Vec<String> = (1..=10).rev().map(|i| format!("n{i}")).collect();
    assert_eq!(ids(&items), want);
    // Pages of 3, 3, 3, 1, then an empty one.
    let cursor = |s: &str| Some(s.to_owned());
    assert_eq!(
        befores(&server),
        [None, cursor("n8"), cursor("n5"), cursor("n2"), cursor("n1")]
    );
}

/// The limit bounds the items, and so the requests; the page size is the operation's own
/// parameter; the stream is also a `futures` `Stream`.
#[tokio::test]
async fn a_history_stops_at_its_limit() {
    use futures_util::StreamExt as _;
    let server = Server::start(notes).await;
    let client = client(&server).build().expect("client");

    let items: Vec<Note> = client
        .things()
        .list_notes("t1")
        .limit(4)
        .history(6)
        .map(|item| item.expect("a note"))
        .collect()
        .await;

    assert_eq!(ids(&items), ["n10", "n9", "n8", "n7", "n6", "n5"]);
    assert_eq!(server.received_at(NOTES).len(), 2);
    assert_eq!(
        query_value(&server.received_at(NOTES)[0], "limit").as_deref(),
        Some("4")
    );

    let (none, _) = collect(client.things().list_notes("t1").history(0)).await;
    assert!(none.is_empty());
    assert_eq!(
        server.received_at(NOTES).len(),
        2,
        "a limit of 0 sends nothing"
    );
}

/// A service that ignores the cursor and answers the same page for ever: its items come once,
/// and the stream ends at the second request.
#[tokio::test]
async fn a_history_of_a_service_that_repeats_itself_ends() {
    let server =
        Server::start(|_| Reply::json(200, &json!({"entities": [{"id": "n10"}, {"id": "n9"}]})))
            .await;
    let client = client(&server).build().expect("client");

    let (items, error) = collect(client.things().list_notes("t1").history(1000)).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(ids(&items), ["n10", "n9"]);
    assert_eq!(server.received_at(NOTES).len(), 2);
}

/// A service that cycles between pages (A, B, A, …) ends when a cursor comes back.
#[tokio::test]
async fn a_history_of_a_service_that_cycles_ends() {
    let server = Server::start(|request| match query_value(request, "before").as_deref() {
        Some("b") => Reply::json(200, &json!({"entities": [{"id": "a"}]})),
        _ => Reply::json(200, &json!({"entities": [{"id": "b"}]})),
    })
    .await;
    let client = client(&server).build().expect("client");

    let (items, _) = collect(client.things().list_notes("t1").history(1000)).await;

    assert_eq!(ids(&items), ["b", "a"]);
    assert_eq!(server.received_at(NOTES).len(), 3);
}

/// An error mid-way is yielded after the items before it, and ends the stream.
#[tokio::test]
async fn a_history_ends_with_an_error_mid_way() {
    let server = Server::start(sequence(vec![
        Reply::json(200, &json!({"entities": [{"id": "n10"}, {"id": "n9"}]})),
        Reply::json(500, &json!({"message": "boom"})),
        Reply::json(200, &json!({"entities": [{"id": "n8"}]})),
    ]))
    .await;
    let client = client(&server).build().expect("client");

    let (items, error) = collect(client.things().list_notes("t1").history(100)).await;

    assert_eq!(ids(&items), ["n10", "n9"]);
    let error = error.expect("the 500");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert!(
        error.to_string().contains("GET /things/{thingId}/notes"),
        "{error}"
    );
    assert_eq!(server.received_at(NOTES).len(), 2);
}

#[tokio::test]
async fn a_history_whose_first_page_is_empty_is_empty() {
    let server = Server::start(|_| Reply::json(200, &json!({"entities": []}))).await;
    let client = client(&server).build().expect("client");

    let (items, error) = collect(client.things().list_notes("t1").history(100)).await;

    assert!(items.is_empty() && error.is_none());
    assert_eq!(server.received_at(NOTES).len(), 1);
}

// ---------------------------------------------------------------------------------------------
// gzip
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "gzip")]
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("in memory");
    encoder.finish().expect("in memory")
}

#[cfg(feature = "gzip")]
#[tokio::test]
async fn gzip_responses_are_decompressed_within_the_size_limit() {
    let body = gzip(br#"{"id":"t1","label":"zipped"}"#);
    let bomb = gzip(&vec![b' '; 4 << 20]);
    assert!(bomb.len() < 64 << 10, "{}", bomb.len());
    let server = Server::start(move |request| {
        let body = if request.path() == THING {
            &body
        } else {
            &bomb
        };
        Reply::new(
            200,
            &[
                ("content-type", "application/json"),
                ("content-encoding", "gzip"),
            ],
            body.clone(),
        )
    })
    .await;
    let client = client(&server)
        .max_response_size(1 << 20)
        .build()
        .expect("client");

    let thing = client.things().get_thing("t1").await.expect("decompressed");
    assert_eq!(thing.label, Some(Some("zipped".into())));
    let accept = server.received()[0]
        .header("accept-encoding")
        .map(str::to_owned);
    assert!(
        accept.as_deref().is_some_and(|a| a.contains("gzip")),
        "{accept:?}"
    );

    // 4 MiB of spaces in 4 KiB: the limit applies to what it decompresses to.
    let error = client
        .things()
        .get_thing("bomb")
        .await
        .expect_err("too large");
    assert!(matches!(error, Error::TooLarge(_)), "{error:?}");
}

// ---------------------------------------------------------------------------------------------
// Proxy, gateway, PKCE
// ---------------------------------------------------------------------------------------------

/// API and token requests both go through the proxy, with its credentials; the password is
/// in no `Debug` output.
#[tokio::test]
async fn requests_go_through_the_proxy_with_its_credentials() {
    let proxy = Server::start(|request| {
        if request.target.ends_with(TOKEN) {
            Reply::json(200, &json!({"access_token": "tok", "expires_in": 3600}))
        } else {
            thing()
        }
    })
    .await;
    let builder = Client::builder()
        .base_url("http://api.example.invalid")
        .client_credentials("app", "app-secret")
        .proxy(&proxy.url)
        .proxy_credentials("proxy-user", "proxy-pass");
    assert!(!format!("{builder:?}").contains("proxy-pass"));
    let client = builder.build().expect("client");
    assert!(!format!("{client:?}").contains("proxy-pass"));

    client
        .things()
        .get_thing("t1")
        .await
        .expect("through the proxy");

    let received = proxy.received();
    let targets: Vec<&str> = received.iter().map(|r| r.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "http://login.example.invalid/oauth/token",
            "http://api.example.invalid/things/t1"
        ]
    );
    for request in &received {
        // base64("proxy-user:proxy-pass")
        assert_eq!(
            request.header("proxy-authorization"),
            Some("Basic cHJveHktdXNlcjpwcm94eS1wYXNz")
        );
    }
}

#[tokio::test]
async fn a_proxy_url_that_is_not_one_is_refused_without_quoting_it() {
    for url in ["", "proxy.example:3128", "ftp://user:pw-1@proxy.example"] {
        let error = Client::builder()
            .base_url("http://127.0.0.1:1")
            .proxy(url)
            .build()
            .expect_err(url)
            .to_string();
        assert!(error.contains("proxy"), "{error}");
        assert!(!error.contains("pw-1"), "{error}");
    }
    let error = Client::builder()
        .base_url("http://127.0.0.1:1")
        .proxy_credentials("u", "p")
        .build()
        .expect_err("credentials alone")
        .to_string();
    assert!(
        error.contains("proxy credentials without a proxy"),
        "{error}"
    );
}

#[tokio::test]
async fn a_gateway_prefixes_the_login_and_api_paths() {
    let server = Server::start(|request| {
        if request.path() == "/gw/login/oauth/token" {
            Reply::json(200, &json!({"access_token": "tok", "expires_in": 3600}))
        } else {
            thing()
        }
    })
    .await;
    let client = Client::builder()
        .gateway(&format!("{}/", server.url), "/gw/api/", "gw/login")
        .client_credentials("app", "app-secret")
        .build()
        .expect("client");

    client
        .things()
        .get_thing("t1")
        .await
        .expect("through the gateway");

    let paths: Vec<String> = server.received().iter().map(|r| r.target.clone()).collect();
    assert_eq!(paths, ["/gw/login/oauth/token", "/gw/api/things/t1"]);
    assert_eq!(client.base_url(), format!("{}/gw/api", server.url));
}

/// The PKCE exchange sends the code, the verifier and the client id, and no secret; the
/// refresh token it returns renews the token, again with the client id.
#[tokio::test]
async fn pkce_exchanges_the_code_and_verifier_then_refreshes() {
    let server = Server::start(|request| {
        if request.path() == TOKEN {
            Reply::json(
                200,
                &json!({"access_token": "tok", "refresh_token": "refresh-1", "expires_in": 0}),
            )
        } else {
            thing()
        }
    })
    .await;
    let pkce = sdk_runtime::Pkce::new().expect("random bytes");
    let client = Client::builder()
        .base_url(&server.url)
        .pkce(
            "public-app",
            pkce.verifier(),
            "code-1",
            "http://localhost/cb",
        )
        .build()
        .expect("client");

    client.things().get_thing("t1").await.expect("first");
    client
        .things()
        .get_thing("t1")
        .await
        .expect("second, after a refresh");

    let tokens = server.received_at(TOKEN);
    assert_eq!(tokens.len(), 2);
    let form = |request: &Received| -> Vec<(String, String)> {
        form_urlencoded::parse(&request.body)
            .map(|(n, v)| (n.into_owned(), v.into_owned()))
            .collect()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        form(&tokens[0]),
        pairs(&[
            ("grant_type", "authorization_code"),
            ("code", "code-1"),
            ("redirect_uri", "http://localhost/cb"),
            ("code_verifier", pkce.verifier()),
            ("client_id", "public-app"),
        ])
    );
    assert_eq!(
        form(&tokens[1]),
        pairs(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", "refresh-1"),
            ("client_id", "public-app"),
        ])
    );
    for request in &tokens {
        assert_eq!(request.header("authorization"), None, "a public client");
    }
}

// ---------------------------------------------------------------------------------------------
// Tracing
// ---------------------------------------------------------------------------------------------

/// With `log_bodies`, request and response bodies (token exchange included) are logged with
/// their secrets redacted; without it, no body is logged.
#[tokio::test]
async fn logged_bodies_show_no_secret() {
    let server = Server::start(|request| {
        if request.path() == TOKEN {
            Reply::json(
                200,
                &json!({"access_token": "AT-SECRET", "token_type": "bearer", "expires_in": 3600}),
            )
        } else {
            Reply::json(200, &json!({"id": "t1", "label": "stored"}))
        }
    })
    .await;
    for log_bodies in [true, false] {
        let (capture, _guard) = Capture::install();
        let client = Client::builder()
            .base_url(&server.url)
            .client_credentials("app", "CLIENT-SECRET")
            .log_bodies(log_bodies)
            .build()
            .expect("client");
        let body = Thing::default()
            .with_id("t1")
            .with_label(Some("hello".to_owned()));

        client
            .things()
            .put_thing("t1", body)
            .header("X-Api-Key", "HEADER-SECRET")
            .await
            .expect("stored");

        let logged = capture.text();
        for secret in ["AT-SECRET", "CLIENT-SECRET", "HEADER-SECRET", "Bearer"] {
            assert!(!logged.contains(secret), "{secret} in {logged}");
        }
        let wants = [
            "body=grant_type=client_credentials",
            r#""access_token":"<redacted>""#,
            r#""label":"hello""#,
            r#""label":"stored""#,
        ];
        for want in wants {
            assert_eq!(logged.contains(want), log_bodies, "{want} in {logged}");
        }
        assert_eq!(logged.contains("body"), log_bodies, "{logged}");
    }
}

/// A request that fails for good is one `WARN` event (retries before it are their own), or a
/// `DEBUG` one for a client error the caller handles.
#[tokio::test(start_paused = true)]
async fn a_final_failure_is_one_event() {
    let server = Server::start(|request| {
        if request.path() == THING {
            Reply::json(503, &json!({"message": "down"}))
        } else {
            Reply::json(404, &json!({"message": "no such thing"}))
        }
    })
    .await;
    let (capture, _guard) = Capture::install();
    let client = client(&server)
        .retry_policy(fast_retries(3))
        .build()
        .expect("client");

    client.things().get_thing("t1").await.expect_err("503");
    client.things().get_thing("t2").await.expect_err("404");

    let failed: Vec<String> = capture
        .events()
        .into_iter()
        .filter(|e| e.contains("request failed"))
        .collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(
        failed[0].starts_with("WARN") && failed[0].contains("status=503"),
        "{failed:?}"
    );
    assert!(
        failed[1].starts_with("DEBUG") && failed[1].contains("status=404"),
        "{failed:?}"
    );
    let retries = capture
        .events()
        .iter()
        .filter(|e| e.contains("retrying"))
        .count();
    assert_eq!(retries, 2);
}
