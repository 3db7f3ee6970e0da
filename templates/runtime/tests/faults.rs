//! The fault matrix: the runtime against a hostile or broken loopback server, one test per
//! fault (tables where a fault has cases), on tokio's paused clock wherever time matters, so
//! that a 30 s timeout costs nothing and timings are exact.
//!
//! Every assertion is about what the server received and what the caller got back, including
//! the text a person reads (`Display`) and its size (`Debug`).

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sdk_runtime::models::Thing;
use sdk_runtime::runtime::{Method, Request};
use sdk_runtime::{Client, ClientBuilder, Error, RetryPolicy};
use serde_json::json;
use support::{Received, Reply, Server, Step};
use tokio::time::Instant;

const THING: &str = "/things/t1";
const TOKEN: &str = "/oauth/token";

fn thing() -> serde_json::Value {
    json!({"id": "t1"})
}

/// A client for `server` with a static token and tiny retry delays.
fn static_client(server: &Server) -> ClientBuilder {
    Client::builder()
        .base_url(&server.url)
        .access_token("static-token")
        .retry_policy(fast_retries(3))
}

/// A client for `server` (API and login host) with client credentials.
fn credentials_client(server: &Server) -> ClientBuilder {
    Client::builder()
        .base_url(&server.url)
        .client_credentials("my-client", "my-secret")
        .retry_policy(fast_retries(3))
}

fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(attempts)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(20))
}

fn token(value: &str, expires_in: serde_json::Value) -> Reply {
    Reply::json(
        200,
        &json!({"access_token": value, "token_type": "bearer", "expires_in": expires_in}),
    )
}

/// Answers with `replies` in order, repeating the last one.
fn sequence(replies: Vec<Reply>) -> impl Fn(&Received) -> Reply + Send + Sync + 'static {
    let calls = AtomicUsize::new(0);
    move |_| {
        let n = calls.fetch_add(1, Ordering::SeqCst);
        replies[n.min(replies.len() - 1)].clone()
    }
}

/// Routes by path: the token endpoint, and everything else.
fn routes(
    token: impl Fn(&Received) -> Reply + Send + Sync + 'static,
    api: impl Fn(&Received) -> Reply + Send + Sync + 'static,
) -> impl Fn(&Received) -> Reply + Send + Sync + 'static {
    move |request| {
        if request.path() == TOKEN {
            token(request)
        } else {
            api(request)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Time arithmetic that overflowed
// ---------------------------------------------------------------------------------------------

/// `Retry-After: 18446744073709551615` after a first retry panicked with "overflow when adding
/// durations"; now it is a delay beyond the budget, so the last answer is returned.
#[tokio::test(start_paused = true)]
async fn a_huge_retry_after_after_a_first_retry_gives_up_instead_of_panicking() {
    for huge in ["18446744073709551615", "99999999999999999999999"] {
        let server = Server::start(sequence(vec![
            Reply::new(429, &[("retry-after", "1")], ""),
            Reply::new(429, &[("retry-after", huge)], ""),
            Reply::json(200, &thing()),
        ]))
        .await;
        let client = static_client(&server).build().expect("client");

        let error = client
            .things()
            .get_thing("t1")
            .await
            .expect_err("the second 429 asks for too long a wait");

        assert_eq!(error.status().map(|s| s.as_u16()), Some(429), "{huge}");
        assert_eq!(server.received_at(THING).len(), 2, "{huge}");
    }
}

/// A token whose `expires_in` is near `u64::MAX` or `i64::MAX` panicked with "overflow when
/// adding duration to instant"; now its lifetime is capped and it is used.
#[tokio::test(start_paused = true)]
async fn a_token_that_claims_to_live_for_ever_is_used_without_panicking() {
    for expires_in in [
        json!(u64::MAX),
        json!(i64::MAX),
        json!(u64::MAX - 1),
        json!(1e300),
        json!(-5),
    ] {
        let server = Server::start(routes(
            move |_| token("forever", expires_in.clone()),
            |_| Reply::json(200, &thing()),
        ))
        .await;
        let client = credentials_client(&server).build().expect("client");

        for _ in 0..2 {
            client
                .things()
                .get_thing("t1")
                .await
                .expect("the token is used");
        }

        let api = server.received_at(THING);
        assert_eq!(api.len(), 2);
        assert!(
            api.iter()
                .all(|r| r.header("authorization") == Some("Bearer forever"))
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Token requests: redirects, single flight, shared failures
// ---------------------------------------------------------------------------------------------

/// The token endpoint answering 307 to another origin made the SDK send the grant (a refresh
/// token, here) there. Token requests never follow redirects.
#[tokio::test]
async fn a_token_endpoint_redirect_is_not_followed() {
    let elsewhere = Server::start(|_| token("stolen", json!(3600))).await;
    let location = format!("{}{TOKEN}", elsewhere.url);
    let login = Server::start(move |_| Reply::new(307, &[("location", &location)], "")).await;
    let api = Server::start(|_| Reply::json(200, &thing())).await;
    let client = Client::builder()
        .base_url(&api.url)
        .login_url(&login.url)
        .refresh_token("my-client", "my-secret", "precious-refresh-token")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");

    let error = client.things().get_thing("t1").await.unwrap_err();

    assert!(
        elsewhere.received().is_empty(),
        "the grant left for another origin"
    );
    assert_eq!(login.received_at(TOKEN).len(), 1);
    assert!(api.received().is_empty());
    assert_eq!(error.status().map(|s| s.as_u16()), Some(307), "{error:?}");
    assert!(
        !matches!(error, Error::Auth(_)),
        "a redirect is not a refusal: {error:?}"
    );
}

/// API requests may follow redirects, but never carry `Authorization` to another origin.
#[tokio::test]
async fn an_api_redirect_to_another_origin_drops_the_authorization_header() {
    let elsewhere = Server::start(|_| Reply::json(200, &thing())).await;
    let location = format!("{}{THING}", elsewhere.url);
    let api = Server::start(move |_| Reply::new(307, &[("location", &location)], "")).await;
    let client = static_client(&api).build().expect("client");

    client
        .things()
        .get_thing("t1")
        .await
        .expect("redirect followed");

    assert_eq!(
        api.received()[0].header("authorization"),
        Some("Bearer static-token")
    );
    let followed = elsewhere.received();
    assert_eq!(followed.len(), 1);
    assert_eq!(followed[0].header("authorization"), None);
}

/// A redirect to another origin would carry the request's own headers (a per-request header,
/// a header parameter) along, which the HTTP client does not remove: such a request is not
/// redirected there, and the caller gets the 3xx; within the origin it still is.
#[tokio::test]
async fn a_request_with_headers_of_its_own_is_not_redirected_to_another_origin() {
    let elsewhere = Server::start(|_| Reply::json(200, &thing())).await;
    let location = format!("{}{THING}", elsewhere.url);
    let api = Server::start(move |request| {
        if request.path() == "/same" {
            Reply::json(200, &thing())
        } else if request.header("x-hop").is_some() {
            Reply::new(307, &[("location", "/same")], "")
        } else {
            Reply::new(307, &[("location", &location)], "")
        }
    })
    .await;
    let client = static_client(&api).build().expect("client");

    let error = client
        .things()
        .get_thing("t1")
        .header("X-Api-Key", "key-secret")
        .await
        .expect_err("not followed");

    assert_eq!(error.status().map(|s| s.as_u16()), Some(307));
    assert!(error.to_string().contains("not followed"), "{error}");
    assert!(elsewhere.received().is_empty());
    let within = client
        .things()
        .get_thing("t1")
        .header("X-Hop", "1")
        .header("X-Api-Key", "key-secret")
        .await;
    assert!(within.is_ok(), "{within:?}");
    let same = api.received_at("/same");
    assert_eq!(same.len(), 1);
    assert_eq!(same[0].header("x-api-key"), Some("key-secret"));
}

/// With a token endpoint that never answers and a 1 s timeout, 10 concurrent calls finished
/// at 1, 2, … 10 s (each waited for the lock, then for its own fetch). Now one fetch is in
/// flight, every caller waits at most its own timeout, and all fail at 1 s.
#[tokio::test(start_paused = true)]
async fn concurrent_callers_of_a_hanging_token_endpoint_all_give_up_at_their_timeout() {
    let server = Server::start(routes(|_| Reply::hang(), |_| Reply::json(200, &thing()))).await;
    let client = credentials_client(&server)
        .timeout(Duration::from_secs(1))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");
    let started = Instant::now();

    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let client = client.clone();
        tasks.spawn(async move {
            let result = client.things().get_thing("t1").await;
            (result, started.elapsed())
        });
    }
    let mut finished = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        let (result, elapsed) = joined.expect("task");
        let error = result.expect_err("no token");
        assert!(error.is_timeout(), "{error:?}");
        finished.push(elapsed);
    }

    assert_eq!(finished.len(), 10);
    for elapsed in &finished {
        assert!(
            *elapsed >= Duration::from_secs(1) && *elapsed < Duration::from_millis(1500),
            "{finished:?}"
        );
    }
    assert_eq!(
        server.received_at(TOKEN).len(),
        1,
        "one token request in flight"
    );
}

/// With the token endpoint failing, 50 concurrent calls made 50 token requests one after
/// another. Now they share one request, and its failure.
#[tokio::test(start_paused = true)]
async fn concurrent_callers_share_one_failing_token_request() {
    let server = Server::start(routes(
        |_| Reply::new(500, &[], "login is down"),
        |_| Reply::json(200, &thing()),
    ))
    .await;
    let client = credentials_client(&server)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");

    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let client = client.clone();
        tasks.spawn(async move { client.things().get_thing("t1").await });
    }
    let mut failures = 0;
    while let Some(joined) = tasks.join_next().await {
        let error = joined.expect("task").expect_err("no token");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(500), "{error:?}");
        failures += 1;
    }

    assert_eq!(failures, 50);
    assert_eq!(server.received_at(TOKEN).len(), 1);
    assert!(server.received_at(THING).is_empty());
}

/// Concurrent first use: 50 callers, one token request, all with the token.
#[tokio::test(start_paused = true)]
async fn concurrent_first_use_fetches_one_token() {
    let server = Server::start_async(|request| {
        let is_token = request.path() == TOKEN;
        Box::pin(async move {
            if is_token {
                // Slow, so that every caller finds the cache empty.
                tokio::time::sleep(Duration::from_millis(200)).await;
                token("shared", json!(3600))
            } else {
                Reply::json(200, &thing())
            }
        })
    })
    .await;
    let client = credentials_client(&server).build().expect("client");

    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let client = client.clone();
        tasks.spawn(async move { client.things().get_thing("t1").await });
    }
    while let Some(joined) = tasks.join_next().await {
        joined.expect("task").expect("call");
    }

    assert_eq!(server.received_at(TOKEN).len(), 1);
    let api = server.received_at(THING);
    assert_eq!(api.len(), 50);
    assert!(
        api.iter()
            .all(|r| r.header("authorization") == Some("Bearer shared"))
    );
}

/// 401 loops: a service that rejects every token gets one refresh, then the 401 is returned;
/// a static token is never refreshed.
#[tokio::test(start_paused = true)]
async fn a_service_that_rejects_every_token_gets_one_refresh() {
    let issued = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&issued);
    let server = Server::start(routes(
        move |_| {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            token(&format!("t{n}"), json!(3600))
        },
        |_| Reply::json(401, &json!({"message": "no"})),
    ))
    .await;
    // (client, API requests, token requests)
    let table = [
        (credentials_client(&server), 2, 2),
        (static_client(&server), 1, 0),
    ];
    for (builder, api_requests, token_requests) in table {
        let before_api = server.received_at(THING).len();
        let before_token = server.received_at(TOKEN).len();
        let client = builder.build().expect("client");

        let error = client.things().get_thing("t1").await.unwrap_err();

        assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
        assert_eq!(server.received_at(THING).len() - before_api, api_requests);
        assert_eq!(
            server.received_at(TOKEN).len() - before_token,
            token_requests
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Response bodies: too large, slow, cut short, not UTF-8, too deep
// ---------------------------------------------------------------------------------------------

/// A 2 GiB body was read whole. Now a `Content-Length` over the limit is refused before
/// reading, and a body that grows past it is cut off as soon as it does; either way the error
/// says the limit and the operation.
#[tokio::test(start_paused = true)]
async fn a_body_over_the_size_limit_is_refused() {
    let announced = Reply::head(
        200,
        &[("content-length", "2147483648")],
        vec![Step::Write(vec![b'x'; 1024]), Step::Hang],
    );
    let server = Server::start(move |_| announced.clone()).await;
    let client = static_client(&server).build().expect("client");

    let error = client.things().get_thing("t1").await.unwrap_err();

    assert!(
        !error.is_timeout(),
        "refused at once, not timed out: {error:?}"
    );
    let text = error.to_string();
    for want in ["GET /things/{thingId}", "32 MiB", "2147483648"] {
        assert!(text.contains(want), "{want} not in {text}");
    }
}

/// The limit is configurable, counts exactly, and holds for bodies without a
/// `Content-Length` (read until the connection closes) and for error responses.
#[tokio::test]
async fn the_size_limit_is_configurable_and_exact() {
    let unannounced = |status: u16, body: &[u8]| {
        Reply::head(
            status,
            &[("connection", "close")],
            vec![Step::Write(body.to_vec())],
        )
    };
    // (answer, accepted, status, announced length)
    let table = [
        (Reply::new(200, &[], "{\"id\":\"t\"}"), true, 200, None),
        (
            Reply::new(200, &[], "{\"id\":\"t1\"}"),
            false,
            200,
            Some(11),
        ),
        (unannounced(200, b"{\"id\":\"t\"}"), true, 200, None),
        (unannounced(200, b"{\"id\":\"t1\"}"), false, 200, None),
        (Reply::new(500, &[], "0123456789A"), false, 500, Some(11)),
    ];
    for (answer, accepted, status, announced) in table {
        let server = Server::start(move |_| answer.clone()).await;
        let client = static_client(&server)
            .max_response_size(10)
            .build()
            .expect("client");

        let result = client.things().get_thing("t1").await;

        match result {
            Ok(thing) => assert!(accepted, "{thing:?}"),
            Err(Error::TooLarge(e)) => {
                assert!(!accepted, "{e:?}");
                assert_eq!(e.status.as_u16(), status);
                assert_eq!(e.limit, 10);
                assert_eq!(e.announced, announced);
                assert!(e.to_string().contains("10 bytes limit"), "{e}");
            }
            Err(other) => panic!("{other:?}"),
        }
    }
}

/// Error bodies are kept, but `Display` and `Debug` show a bounded excerpt; the error whose
/// `Debug` was as large as the body (2.1 GB for a 2 GiB body) is now about 1 KiB.
#[tokio::test]
async fn error_display_and_debug_are_bounded() {
    let huge = "é".repeat(600_000); // 1.2 MB of two-byte characters
    let body = json!({"message": huge, "code": "boom"}).to_string();
    let length = body.len();
    let server = Server::start(move |_| Reply::new(500, &[], body.clone())).await;
    let client = static_client(&server)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");

    let error = client.things().get_thing("t1").await.unwrap_err();

    let api = error.as_api().expect("an API error");
    assert_eq!(api.body.len(), length, "the whole body is kept");
    // Display: an excerpt of the message (1 200 000 bytes of it); Debug: of the body.
    let shown = [
        (error.to_string(), "1200000 bytes in all".to_owned()),
        (format!("{error:?}"), format!("{length} bytes in all")),
        (format!("{api:?}"), format!("{length} bytes in all")),
    ];
    for (text, total) in shown {
        assert!(text.len() < 4096, "{} bytes", text.len());
        assert!(text.contains(&total), "{total} not in {text}");
    }
}

/// A body that drips in slowly is cut by the request timeout, and the error says which
/// timeout fired and where ("the request timed out: error decoding response body" before).
#[tokio::test(start_paused = true)]
async fn a_slow_drip_is_cut_by_the_request_timeout_which_the_error_names() {
    let mut steps = Vec::new();
    for _ in 0..100 {
        steps.push(Step::Write(b"x".to_vec()));
        steps.push(Step::Pause(Duration::from_millis(100)));
    }
    let drip = Reply::head(200, &[("content-length", "100")], steps);
    let server = Server::start(move |_| drip.clone()).await;
    let client = static_client(&server)
        .timeout(Duration::from_secs(2))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");
    let started = Instant::now();

    let error = client.things().get_thing("t1").await.unwrap_err();

    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(started.elapsed(), Duration::from_secs(2));
    let text = error.to_string();
    for want in ["GET /things/{thingId}", "2s", "request timeout", "body"] {
        assert!(text.contains(want), "{want} not in {text}");
    }
    assert!(!text.contains("error decoding response body"), "{text}");
}

/// A body cut short (the connection closes before `Content-Length` bytes) is a transport
/// error that says so, with the root cause.
#[tokio::test]
async fn a_truncated_body_is_a_transport_error_with_its_cause() {
    let cut = Reply::head(
        200,
        &[("content-length", "100")],
        vec![Step::Write(b"{\"id\":".to_vec())],
    );
    let server = Server::start(move |_| cut.clone()).await;
    let client = static_client(&server).build().expect("client");

    let error = client.things().get_thing("t1").await.unwrap_err();

    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("GET /things/{thingId}"), "{text}");
    assert!(text.contains("body"), "{text}");
    assert_eq!(
        server.received_at(THING).len(),
        1,
        "the service answered: not retried"
    );
}

/// Bodies that are not UTF-8 or nest deeper than the decoder allows are decode errors (no
/// panic, no stack overflow), and their text stays bounded.
#[tokio::test]
async fn bodies_that_do_not_decode_are_decode_errors() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut not_utf8 = b"{\"id\": \"".to_vec();
    not_utf8.extend_from_slice(&[0xff, 0xfe, 0xfd]);
    not_utf8.extend_from_slice(b"\"}");
    let table: Vec<(&str, Vec<u8>)> = vec![
        ("deep nesting", deep.into_bytes()),
        ("invalid UTF-8", not_utf8),
        ("truncated JSON", b"{\"id\": \"t".to_vec()),
    ];
    for (case, body) in table {
        let server = Server::start(move |_| {
            Reply::new(200, &[("content-type", "application/json")], body.clone())
        })
        .await;
        let client = static_client(&server).build().expect("client");

        let error = client.things().get_thing("t1").await.unwrap_err();

        assert!(matches!(error, Error::Decode(_)), "{case}: {error:?}");
        for text in [error.to_string(), format!("{error:?}")] {
            assert!(text.len() < 4096, "{case}: {} bytes", text.len());
        }
        assert!(
            error.to_string().contains("GET /things/{thingId}"),
            "{case}: {error}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/// POST, PUT and PATCH without a body carry `Content-Length: 0` (some gateways answer 411
/// without it).
#[tokio::test]
async fn bodiless_post_put_and_patch_carry_content_length_zero() {
    let server = Server::start(|_| Reply::new(204, &[], "")).await;
    let client = static_client(&server).build().expect("client");
    // (method, expected Content-Length)
    let table = [
        (Method::POST, Some("0")),
        (Method::PUT, Some("0")),
        (Method::PATCH, Some("0")),
        (Method::GET, None),
        (Method::DELETE, None),
    ];
    for (method, want) in table {
        let before = server.received().len();
        let request = Request::new(method.clone(), "/things", "/things".into(), true, "*/*");
        client.send_empty(request).await.expect("sent");
        let received = &server.received()[before];
        assert_eq!(received.method, method.as_str());
        assert_eq!(received.header("content-length"), want, "{method}");
    }
    client.things().poke_thing("t1").await.expect("poked");
    let poke = server.received_at("/things/t1/poke");
    assert_eq!(poke[0].header("content-length"), Some("0"));
}

/// `Retry-After` as an HTTP date is honoured (it was ignored, and the backoff used instead).
#[tokio::test(start_paused = true)]
async fn retry_after_as_an_http_date_is_honoured() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let dated = Server::start(move |_| {
        if counter.fetch_add(1, Ordering::SeqCst) == 0 {
            let at = std::time::SystemTime::now() + Duration::from_secs(5);
            let date = httpdate_fmt(at);
            Reply::new(503, &[("retry-after", date.as_str())], "")
        } else {
            Reply::json(200, &thing())
        }
    })
    .await;
    let client = static_client(&dated)
        .retry_policy(fast_retries(3).max_total_delay(Duration::from_secs(60)))
        .build()
        .expect("client");
    let started = Instant::now();

    client.things().get_thing("t1").await.expect("retried");

    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(3) && waited <= Duration::from_secs(6),
        "waited {waited:?}"
    );
    assert_eq!(dated.received_at(THING).len(), 2);
}

/// IMF-fixdate, as `Retry-After` carries it.
fn httpdate_fmt(at: std::time::SystemTime) -> String {
    let instant: chrono::DateTime<chrono::Utc> = at.into();
    instant.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

// ---------------------------------------------------------------------------------------------
// Errors a person can act on
// ---------------------------------------------------------------------------------------------

/// A loopback URL on which nothing listens.
fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// Every error names the operation, and the status and correlation id where there are some;
/// a transport error shows its root cause ("connection refused" was hidden in the source
/// chain); the login host failing is told apart from refused credentials.
#[tokio::test(start_paused = true)]
async fn errors_name_the_operation_status_correlation_id_and_cause() {
    let api = Server::start(|_| {
        Reply::new(
            404,
            &[("inin-correlation-id", "corr-404")],
            json!({"message": "no such thing"}).to_string(),
        )
    })
    .await;
    let login_down = Server::start(|_| Reply::new(500, &[], "oops")).await;
    let login_refuses = Server::start(|_| {
        Reply::json(
            401,
            &json!({"error": "invalid_client", "error_description": "unknown client"}),
        )
    })
    .await;
    let oauth = |login: &Server| {
        Client::builder()
            .base_url(&api.url)
            .login_url(&login.url)
            .client_credentials("id", "secret")
            .retry_policy(RetryPolicy::disabled())
            .build()
            .expect("client")
    };
    let refused = Client::builder()
        .base_url(dead_url())
        .access_token("t")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");

    // (case, error, texts it must show, texts it must not show)
    let table: Vec<(&str, Error, Vec<&str>, Vec<&str>)> = vec![
        (
            "API error",
            static_client(&api)
                .build()
                .expect("client")
                .things()
                .get_thing("t1")
                .await
                .unwrap_err(),
            vec![
                "GET /things/{thingId}: the service answered 404 Not Found: no such thing",
                "(correlation id corr-404)",
            ],
            vec![],
        ),
        (
            "connection refused",
            refused.things().get_thing("t1").await.unwrap_err(),
            vec!["GET /things/{thingId}", "onnection refused"],
            vec![],
        ),
        (
            "login host down",
            oauth(&login_down)
                .things()
                .get_thing("t1")
                .await
                .unwrap_err(),
            vec!["GET /things/{thingId}", "500", "login"],
            vec!["authentication failed", "refused the credentials"],
        ),
        (
            "credentials refused",
            oauth(&login_refuses)
                .things()
                .get_thing("t1")
                .await
                .unwrap_err(),
            vec![
                "GET /things/{thingId}",
                "refused the credentials",
                "401",
                "invalid_client",
                "unknown client",
            ],
            vec!["secret"],
        ),
    ];
    for (case, error, shown, hidden) in table {
        let text = error.to_string();
        for want in shown {
            assert!(text.contains(want), "{case}: {want:?} not in {text:?}");
        }
        for unwanted in hidden {
            assert!(!text.contains(unwanted), "{case}: {unwanted:?} in {text:?}");
        }
    }
}

/// A date-time without a UTC offset is read as UTC instead of failing the whole model.
#[test]
fn a_date_time_without_an_offset_is_read_as_utc() {
    let thing: Thing =
        serde_json::from_value(json!({"id": "t1", "created": "2024-05-01T12:30:00"}))
            .expect("decodes");
    assert_eq!(
        thing.created.map(|c| c.to_rfc3339()),
        Some("2024-05-01T12:30:00+00:00".to_owned())
    );
}
