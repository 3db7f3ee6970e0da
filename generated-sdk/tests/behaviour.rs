//! Hand-written: how the generated client behaves on the wire (retries, timeouts, OAuth token
//! handling, error decoding, regions, redaction), checked against a loopback `wiremock` server.
//! Every test asserts what the server actually received, not only what the caller got back.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use genesys_cloud_chat::models::{Room, RoomRoomType, SendMessageBody};
use genesys_cloud_chat::{Client, ClientBuilder, Error, Region, RetryPolicy, USER_AGENT};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const ROOM: &str = "room-1";
const ROOM_PATH: &str = "/api/v2/chats/rooms/room-1";
const MESSAGES_PATH: &str = "/api/v2/chats/rooms/room-1/messages";
const SETTINGS_PATH: &str = "/api/v2/chats/settings";
const TOKEN_PATH: &str = "/oauth/token";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Answers with `responses` in order, repeating the last one once they run out.
struct Sequence {
    responses: Vec<ResponseTemplate>,
    calls: AtomicUsize,
}

fn sequence(responses: Vec<ResponseTemplate>) -> Sequence {
    assert!(!responses.is_empty());
    Sequence {
        responses,
        calls: AtomicUsize::new(0),
    }
}

impl Respond for Sequence {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        self.responses[n.min(self.responses.len() - 1)].clone()
    }
}

/// A token endpoint that issues `{prefix}1`, `{prefix}2`, … with the given lifetime.
fn numbered_tokens(prefix: &'static str, expires_in: u64) -> impl Respond {
    let issued = AtomicUsize::new(0);
    move |_: &Request| {
        let n = issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200).set_body_json(json!({
            "access_token": format!("{prefix}{n}"),
            "token_type": "bearer",
            "expires_in": expires_in,
        }))
    }
}

/// A retry policy with tiny delays, so retry tests do not sleep.
fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(attempts)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(20))
}

/// A client for `server`, authenticated with a static token.
fn static_client(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .access_token("static-token")
        .retry_policy(fast_retries(3))
}

fn room_json() -> serde_json::Value {
    json!({"id": ROOM, "name": "Ops", "roomType": "group"})
}

fn message() -> SendMessageBody {
    SendMessageBody::new().with_message("hello")
}

async fn requests_to(server: &MockServer, wanted: &str) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
        .into_iter()
        .filter(|r| r.url.path() == wanted)
        .collect()
}

fn header_of<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

fn body_of(request: &Request) -> String {
    String::from_utf8(request.body.clone()).expect("utf-8 body")
}

/// The form fields of a token request, decoded.
fn form_of(request: &Request) -> Vec<(String, String)> {
    form_urlencoded::parse(&request.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Awaits `call`, failing the test instead of hanging if it never finishes (say, a client that
/// refreshes its token forever).
async fn bounded<T>(call: impl std::future::IntoFuture<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(10), call.into_future())
        .await
        .expect("the call did not finish within 10 s")
}

fn api_status(error: &Error) -> u16 {
    match error {
        Error::Api(e) => e.status.as_u16(),
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 1-3. Retries
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn retries_after_429_honouring_retry_after_seconds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(sequence(vec![
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "1")
                .insert_header("inin-correlation-id", "corr-1"),
            ResponseTemplate::new(200).set_body_json(room_json()),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    let client = static_client(&server).build().expect("client");

    let started = Instant::now();
    let room = client.chat().get_chats_room(ROOM).await.expect("retried");
    let elapsed = started.elapsed();

    assert_eq!(room.id.as_deref(), Some(ROOM));
    assert_eq!(requests_to(&server, ROOM_PATH).await.len(), 2);
    assert!(
        elapsed >= Duration::from_secs(1),
        "Retry-After: 1 must be honoured, waited only {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
}

#[tokio::test]
async fn retry_after_beyond_the_total_delay_budget_is_not_waited_for() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "30"))
        .expect(1)
        .mount(&server)
        .await;
    let client = static_client(&server)
        .retry_policy(fast_retries(3).max_total_delay(Duration::from_secs(1)))
        .build()
        .expect("client");

    let started = Instant::now();
    let error = client.chat().get_chats_room(ROOM).await.unwrap_err();

    assert_eq!(api_status(&error), 429);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(requests_to(&server, ROOM_PATH).await.len(), 1);
}

#[tokio::test]
async fn exhausted_retries_on_503_return_the_last_response() {
    let server = MockServer::start().await;
    let attempt = |n: u32| {
        ResponseTemplate::new(503)
            .insert_header("inin-correlation-id", format!("corr-{n}").as_str())
            .set_body_json(json!({
                "message": format!("unavailable, attempt {n}"),
                "code": "service.unavailable",
                "status": 503
            }))
    };
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(sequence(vec![
            attempt(1),
            attempt(2),
            attempt(3),
            attempt(4),
        ]))
        .expect(3)
        .mount(&server)
        .await;
    let client = static_client(&server)
        .retry_policy(fast_retries(3))
        .build()
        .expect("client");

    let error = client.chat().get_chats_room(ROOM).await.unwrap_err();

    assert_eq!(requests_to(&server, ROOM_PATH).await.len(), 3);
    assert_eq!(api_status(&error), 503);
    assert_eq!(error.correlation_id(), Some("corr-3"));
    let api = error.as_api().expect("api error");
    assert_eq!(api.correlation_id(), Some("corr-3"));
    assert!(api.body_text().contains("attempt 3"), "{}", api.body_text());
    assert_eq!(
        api.error.as_ref().and_then(|e| e.message.as_deref()),
        Some("unavailable, attempt 3")
    );
}

#[tokio::test]
async fn gateway_errors_are_retried_for_idempotent_requests() {
    for status in [502, 504] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path(SETTINGS_PATH))
            .respond_with(sequence(vec![
                ResponseTemplate::new(status),
                ResponseTemplate::new(200).set_body_json(json!({"messageRetentionPeriodDays": 7})),
            ]))
            .expect(2)
            .mount(&server)
            .await;
        let client = static_client(&server).build().expect("client");

        let settings = client.chat().get_chats_settings().await.expect("retried");

        assert_eq!(settings.message_retention_period_days, Some(7));
        assert_eq!(
            requests_to(&server, SETTINGS_PATH).await.len(),
            2,
            "{status}"
        );
    }
}

#[tokio::test]
async fn a_post_is_not_retried_on_500_502_504_or_503_without_retry_after() {
    for status in [500, 502, 503, 504] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(MESSAGES_PATH))
            .respond_with(ResponseTemplate::new(status).set_body_json(json!({"message": "nope"})))
            .expect(1)
            .mount(&server)
            .await;
        let client = static_client(&server)
            .retry_policy(fast_retries(5))
            .build()
            .expect("client");

        let error = client
            .chat()
            .post_chats_room_messages(ROOM, message())
            .await
            .unwrap_err();

        assert_eq!(api_status(&error), status);
        assert_eq!(
            requests_to(&server, MESSAGES_PATH).await.len(),
            1,
            "a POST answered {status} must not be sent again"
        );
    }
}

#[tokio::test]
async fn a_post_is_retried_on_429_and_on_503_with_retry_after() {
    for first in [
        ResponseTemplate::new(429),
        ResponseTemplate::new(503).insert_header("Retry-After", "0"),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(MESSAGES_PATH))
            .respond_with(sequence(vec![
                first,
                ResponseTemplate::new(200).set_body_json(json!({"id": "m1"})),
            ]))
            .expect(2)
            .mount(&server)
            .await;
        let client = static_client(&server).build().expect("client");

        let sent = client
            .chat()
            .post_chats_room_messages(ROOM, message())
            .await
            .expect("retried");

        assert_eq!(sent.id.as_deref(), Some("m1"));
        let requests = requests_to(&server, MESSAGES_PATH).await;
        assert_eq!(requests.len(), 2);
        for request in &requests {
            assert_eq!(
                request.body_json::<serde_json::Value>().expect("json body"),
                json!({"message": "hello"}),
                "every attempt carries the whole body"
            );
            assert_eq!(header_of(request, "content-type"), Some("application/json"));
        }
    }
}

#[tokio::test]
async fn disabled_retries_send_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(ResponseTemplate::new(429))
        .expect(1)
        .mount(&server)
        .await;
    let client = static_client(&server)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");

    let error = client.chat().get_chats_room(ROOM).await.unwrap_err();

    assert_eq!(api_status(&error), 429);
    assert_eq!(requests_to(&server, ROOM_PATH).await.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// 4. Timeouts
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_slow_response_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(room_json())
                .set_delay(Duration::from_secs(2)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = static_client(&server)
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");

    let started = Instant::now();
    let error = client.chat().get_chats_room(ROOM).await.unwrap_err();
    let elapsed = started.elapsed();

    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert!(error.is_timeout());
    assert_eq!(error.status(), None);
    assert!(
        elapsed >= Duration::from_millis(200) && elapsed < Duration::from_secs(1),
        "took {elapsed:?}"
    );
    assert_eq!(requests_to(&server, ROOM_PATH).await.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// 5-9. OAuth
// ---------------------------------------------------------------------------------------------

fn credentials_client(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .client_credentials("my-client", "my-secret")
        .retry_policy(fast_retries(3))
}

#[tokio::test]
async fn a_rejected_token_is_refreshed_once_and_the_request_repeated() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(numbered_tokens("t", 3600))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .and(header("authorization", "Bearer t1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "expired"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .and(header("authorization", "Bearer t2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(room_json()))
        .expect(1)
        .mount(&server)
        .await;
    let client = credentials_client(&server).build().expect("client");

    let room = bounded(client.chat().get_chats_room(ROOM))
        .await
        .expect("refreshed");

    assert_eq!(room.id.as_deref(), Some(ROOM));
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
    let api: Vec<_> = requests_to(&server, ROOM_PATH).await;
    let bearers: Vec<_> = api.iter().map(|r| header_of(r, "authorization")).collect();
    assert_eq!(bearers, [Some("Bearer t1"), Some("Bearer t2")]);
}

#[tokio::test]
async fn a_token_endpoint_that_is_briefly_unavailable_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(sequence(vec![
            ResponseTemplate::new(503),
            ResponseTemplate::new(429).insert_header("retry-after", "0"),
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "t1", "expires_in": 3600})),
        ]))
        .expect(3)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .and(header("authorization", "Bearer t1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(room_json()))
        .expect(1)
        .mount(&server)
        .await;
    let client = credentials_client(&server).build().expect("client");

    let room = bounded(client.chat().get_chats_room(ROOM))
        .await
        .expect("token fetched on the third try");

    assert_eq!(room.id.as_deref(), Some(ROOM));
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 3);
}

#[tokio::test]
async fn client_credentials_keep_their_grant_even_if_a_refresh_token_is_offered() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "t",
            "expires_in": 1,
            "refresh_token": "should-not-be-used",
        })))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(room_json()))
        .expect(2)
        .mount(&server)
        .await;
    let client = credentials_client(&server).build().expect("client");

    bounded(client.chat().get_chats_room(ROOM))
        .await
        .expect("first");
    // Past the refresh point (half of the 1 s lifetime).
    tokio::time::sleep(Duration::from_millis(600)).await;
    bounded(client.chat().get_chats_room(ROOM))
        .await
        .expect("second");

    let grants: Vec<Vec<(String, String)>> = requests_to(&server, TOKEN_PATH)
        .await
        .iter()
        .map(form_of)
        .collect();
    assert_eq!(
        grants,
        vec![
            pairs(&[("grant_type", "client_credentials")]),
            pairs(&[("grant_type", "client_credentials")]),
        ]
    );
}

#[tokio::test]
async fn a_second_401_after_the_refresh_is_returned() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(numbered_tokens("t", 3600))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("inin-correlation-id", "corr-401")
                .set_body_json(json!({"message": "no", "status": 401})),
        )
        .expect(2)
        .mount(&server)
        .await;
    let client = credentials_client(&server).build().expect("client");

    let error = bounded(client.chat().get_chats_room(ROOM))
        .await
        .unwrap_err();

    assert_eq!(api_status(&error), 401);
    assert_eq!(error.correlation_id(), Some("corr-401"));
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
    let api = requests_to(&server, ROOM_PATH).await;
    let bearers: Vec<_> = api.iter().map(|r| header_of(r, "authorization")).collect();
    assert_eq!(bearers, [Some("Bearer t1"), Some("Bearer t2")]);
}

#[tokio::test]
async fn a_static_token_is_not_refreshed_on_401() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    let client = static_client(&server).build().expect("client");

    let error = bounded(client.chat().get_chats_room(ROOM))
        .await
        .unwrap_err();

    assert_eq!(api_status(&error), 401);
    let api = requests_to(&server, ROOM_PATH).await;
    assert_eq!(api.len(), 1);
    assert_eq!(
        header_of(&api[0], "authorization"),
        Some("Bearer static-token")
    );
    assert!(requests_to(&server, TOKEN_PATH).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_calls_share_one_client_credentials_token() {
    let server = MockServer::start().await;
    let issued = AtomicUsize::new(0);
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(move |_: &Request| {
            let n = issued.fetch_add(1, Ordering::SeqCst) + 1;
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": format!("cc-{n}"), "expires_in": 3600}))
                // Slow, so that concurrent callers all find the cache empty.
                .set_delay(Duration::from_millis(200))
        })
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"messageRetentionPeriodDays": 1})),
        )
        .expect(100)
        .mount(&server)
        .await;
    let client = credentials_client(&server).build().expect("client");

    for batch in 1..=2 {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..50 {
            let client = client.clone();
            tasks.spawn(async move { client.chat().get_chats_settings().await });
        }
        while let Some(outcome) = tasks.join_next().await {
            let settings = outcome.expect("task").expect("call");
            assert_eq!(settings.message_retention_period_days, Some(1));
        }
        let tokens = requests_to(&server, TOKEN_PATH).await;
        assert_eq!(tokens.len(), 1, "batch {batch}: one token request in all");
        let api = requests_to(&server, SETTINGS_PATH).await;
        assert_eq!(api.len(), 50 * batch);
        for request in &api {
            assert_eq!(header_of(request, "authorization"), Some("Bearer cc-1"));
        }
    }

    let token = &requests_to(&server, TOKEN_PATH).await[0];
    // base64("my-client:my-secret")
    assert_eq!(
        header_of(token, "authorization"),
        Some("Basic bXktY2xpZW50Om15LXNlY3JldA==")
    );
    assert_eq!(
        header_of(token, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(body_of(token), "grant_type=client_credentials");
}

#[tokio::test]
async fn a_token_is_refreshed_before_it_expires() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(numbered_tokens("short-", 1))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(3)
        .mount(&server)
        .await;
    let client = credentials_client(&server).build().expect("client");

    client.chat().get_chats_settings().await.expect("first");
    client.chat().get_chats_settings().await.expect("cached");
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 1);

    // Lifetime 1 s, so the margin is min(60 s, 1 s / 2) = 0.5 s: at 0.7 s the token has not
    // expired yet, but it is due for a refresh.
    tokio::time::sleep(Duration::from_millis(700)).await;
    client.chat().get_chats_settings().await.expect("refreshed");

    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 2);
    let api = requests_to(&server, SETTINGS_PATH).await;
    let bearers: Vec<_> = api.iter().map(|r| header_of(r, "authorization")).collect();
    assert_eq!(
        bearers,
        [
            Some("Bearer short-1"),
            Some("Bearer short-1"),
            Some("Bearer short-2")
        ]
    );
}

#[tokio::test]
async fn authorization_code_is_exchanged_then_refresh_tokens_are_used_and_rotated() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(sequence(vec![
            ResponseTemplate::new(200).set_body_json(
                json!({"access_token": "a1", "expires_in": 1, "refresh_token": "r1"}),
            ),
            ResponseTemplate::new(200).set_body_json(
                json!({"access_token": "a2", "expires_in": 3600, "refresh_token": "r2"}),
            ),
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "a3", "expires_in": 3600})),
        ]))
        .expect(3)
        .mount(&server)
        .await;
    // The service rejects a2 (say it was revoked), which forces a refresh with r2.
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .and(header("authorization", "Bearer a2"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .authorization_code(
            "my-client",
            "my-secret",
            "the-code",
            "https://app.example/callback?x=1",
        )
        .build()
        .expect("client");

    client.chat().get_chats_settings().await.expect("first");
    tokio::time::sleep(Duration::from_millis(700)).await;
    bounded(client.chat().get_chats_settings())
        .await
        .expect("after expiry");

    let tokens = requests_to(&server, TOKEN_PATH).await;
    assert_eq!(tokens.len(), 3);
    assert_eq!(
        form_of(&tokens[0]),
        pairs(&[
            ("grant_type", "authorization_code"),
            ("code", "the-code"),
            ("redirect_uri", "https://app.example/callback?x=1"),
        ])
    );
    assert_eq!(
        form_of(&tokens[1]),
        pairs(&[("grant_type", "refresh_token"), ("refresh_token", "r1")])
    );
    assert_eq!(
        form_of(&tokens[2]),
        pairs(&[("grant_type", "refresh_token"), ("refresh_token", "r2")])
    );
    for token in &tokens {
        assert_eq!(
            header_of(token, "authorization"),
            Some("Basic bXktY2xpZW50Om15LXNlY3JldA==")
        );
    }
    let api = requests_to(&server, SETTINGS_PATH).await;
    let bearers: Vec<_> = api.iter().map(|r| header_of(r, "authorization")).collect();
    assert_eq!(
        bearers,
        [Some("Bearer a1"), Some("Bearer a2"), Some("Bearer a3")]
    );
}

#[tokio::test]
async fn a_saved_refresh_token_resumes_a_session() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "resumed", "expires_in": 3600})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .and(header("authorization", "Bearer resumed"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .refresh_token("my-client", "my-secret", "saved-refresh")
        .build()
        .expect("client");

    client.chat().get_chats_settings().await.expect("call");

    let tokens = requests_to(&server, TOKEN_PATH).await;
    assert_eq!(
        form_of(&tokens[0]),
        pairs(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", "saved-refresh")
        ])
    );
}

#[tokio::test]
async fn saml2_bearer_sends_org_name_and_assertion() {
    // Base64 with `+`, `/` and `=`, which must survive form encoding.
    let assertion = "PHNhbWw+PC9zYW1sPg/+abc==";
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "saml-token", "expires_in": 3600})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .and(header("authorization", "Bearer saml-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .saml2_bearer("my-client", "my-secret", assertion, "my-org")
        .build()
        .expect("client");

    client.chat().get_chats_settings().await.expect("call");

    let tokens = requests_to(&server, TOKEN_PATH).await;
    assert_eq!(tokens.len(), 1);
    assert_eq!(
        form_of(&tokens[0]),
        pairs(&[
            (
                "grant_type",
                "urn:ietf:params:oauth:grant-type:saml2-bearer"
            ),
            ("orgName", "my-org"),
            ("assertion", assertion),
        ])
    );
    assert_eq!(
        header_of(&tokens[0], "authorization"),
        Some("Basic bXktY2xpZW50Om15LXNlY3JldA==")
    );
}

#[tokio::test]
async fn a_refused_token_request_is_an_auth_error_without_the_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_client",
            "description": "client not found"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(0)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .client_credentials("id", "super-secret-secret")
        .build()
        .expect("client");

    let error = client.chat().get_chats_settings().await.unwrap_err();

    match &error {
        Error::Auth(e) => {
            assert_eq!(e.status.as_u16(), 401);
            assert!(e.body_text().contains("invalid_client"));
        }
        other => panic!("expected Error::Auth, got {other:?}"),
    }
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    for text in [format!("{error}"), format!("{error:?}")] {
        assert!(!text.contains("super-secret-secret"), "{text}");
        // base64("id:super-secret-secret"), as in the Basic header.
        assert!(!text.contains("aWQ6c3VwZXItc2VjcmV0LXNlY3JldA"), "{text}");
    }
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 1);
    assert!(requests_to(&server, SETTINGS_PATH).await.is_empty());
}

#[tokio::test]
async fn a_malformed_token_response_is_a_decode_error_that_does_not_leak_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"access_token": "leaky-token-value", "#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = credentials_client(&server).build().expect("client");

    let error = client.chat().get_chats_settings().await.unwrap_err();

    assert!(matches!(error, Error::Decode(_)), "{error:?}");
    for text in [format!("{error}"), format!("{error:?}")] {
        assert!(!text.contains("leaky-token-value"), "{text}");
    }
    assert!(requests_to(&server, SETTINGS_PATH).await.is_empty());
}

#[tokio::test]
async fn login_url_sends_token_requests_elsewhere() {
    let api = MockServer::start().await;
    let login = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "from-login", "expires_in": 3600})),
        )
        .expect(1)
        .mount(&login)
        .await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .and(header("authorization", "Bearer from-login"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&api)
        .await;
    let client = Client::builder()
        // Trailing slashes are trimmed.
        .base_url(format!("{}/", api.uri()))
        .login_url(format!("{}/", login.uri()))
        .client_credentials("my-client", "my-secret")
        .build()
        .expect("client");

    client.chat().get_chats_settings().await.expect("call");

    assert!(requests_to(&api, TOKEN_PATH).await.is_empty());
    assert_eq!(requests_to(&login, TOKEN_PATH).await.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// 10-11. Decoding responses
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_malformed_success_body_is_a_decode_error_with_the_raw_bytes() {
    let server = MockServer::start().await;
    let raw = r#"{"id": "room-1", "name": "#;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("inin-correlation-id", "corr-decode")
                .set_body_raw(raw, "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = static_client(&server).build().expect("client");

    let error = client.chat().get_chats_room(ROOM).await.unwrap_err();

    match &error {
        Error::Decode(e) => {
            assert_eq!(e.status.as_u16(), 200);
            assert_eq!(&e.body[..], raw.as_bytes());
            assert!(e.expected.contains("Room"), "{}", e.expected);
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(error.correlation_id(), Some("corr-decode"));
    // A decode error is not retried: the service did its work.
    assert_eq!(requests_to(&server, ROOM_PATH).await.len(), 1);
}

#[tokio::test]
async fn a_non_json_error_body_is_kept_as_text() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(
            ResponseTemplate::new(400).set_body_raw("<html>Bad Gateway</html>", "text/html"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = static_client(&server).build().expect("client");

    let error = client.chat().get_chats_room(ROOM).await.unwrap_err();

    assert_eq!(api_status(&error), 400);
    let api = error.as_api().expect("api error");
    assert_eq!(api.error, None);
    assert!(api.body_text().contains("<html>Bad Gateway</html>"));
    assert_eq!(
        header_of_map(&api.headers, "content-type"),
        Some("text/html")
    );
}

fn header_of_map<'h>(headers: &'h reqwest::header::HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn an_error_body_is_decoded_and_shown() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("inin-correlation-id", "corr-404")
                .set_body_json(json!({
                    "message": "Room room-1 not found",
                    "code": "not.found",
                    "status": 404,
                    "contextId": "ctx-9"
                })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = static_client(&server).build().expect("client");

    let error = client.chat().get_chats_room(ROOM).await.unwrap_err();

    assert_eq!(api_status(&error), 404);
    let body = error
        .as_api()
        .and_then(|e| e.error.as_ref())
        .expect("decoded");
    assert_eq!(body.message.as_deref(), Some("Room room-1 not found"));
    assert_eq!(body.code.as_deref(), Some("not.found"));
    assert_eq!(body.status, Some(404));
    assert_eq!(body.context_id.as_deref(), Some("ctx-9"));
    let shown = error.to_string();
    assert!(shown.contains("404"), "{shown}");
    assert!(shown.contains("Room room-1 not found"), "{shown}");
    assert!(shown.contains("corr-404"), "{shown}");
}

#[tokio::test]
async fn unknown_fields_and_enum_values_from_the_service_are_tolerated_and_kept() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ROOM_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": ROOM,
            "name": "Ops",
            "roomType": "somethingNew",
            "brandNewField": {"nested": [1, 2, 3]},
            "participantLimit": 10
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = static_client(&server).build().expect("client");

    let room: Room = client.chat().get_chats_room(ROOM).await.expect("decodes");

    assert_eq!(
        room.room_type,
        Some(RoomRoomType::Unknown("somethingNew".into()))
    );
    assert_eq!(room.participant_limit, Some(10));
    let back = serde_json::to_value(&room).expect("encodes");
    assert_eq!(back["roomType"], "somethingNew");
    assert_eq!(back["id"], ROOM);
}

// ---------------------------------------------------------------------------------------------
// 12. Secrets stay out of Debug output
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn secrets_are_redacted_in_debug_output() {
    let with_token = Client::builder()
        .access_token("super-secret-token")
        .build()
        .expect("client");
    let text = format!("{with_token:?}");
    assert!(!text.contains("super-secret-token"), "{text}");
    assert!(text.contains("<redacted>"), "{text}");
    let builder = format!("{:?}", Client::builder().access_token("super-secret-token"));
    assert!(!builder.contains("super-secret-token"), "{builder}");

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "fetched-access-token",
            "refresh_token": "fetched-refresh-token",
            "expires_in": 3600
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let with_credentials = Client::builder()
        .base_url(server.uri())
        .client_credentials("id", "super-secret-secret")
        .build()
        .expect("client");
    let secrets = [
        "super-secret-secret",
        "fetched-access-token",
        "fetched-refresh-token",
    ];
    let check = |text: String| {
        for secret in secrets {
            assert!(!text.contains(secret), "{secret} leaked: {text}");
        }
        assert!(text.contains("<redacted>"), "{text}");
    };
    check(format!("{with_credentials:?}"));
    check(format!(
        "{:?}",
        Client::builder().client_credentials("id", "super-secret-secret")
    ));

    with_credentials
        .chat()
        .get_chats_settings()
        .await
        .expect("call");
    assert_eq!(requests_to(&server, TOKEN_PATH).await.len(), 1);

    check(format!("{with_credentials:?}"));
    check(format!("{:?}", with_credentials.chat()));
    check(format!(
        "{:?}",
        with_credentials.chat().get_chats_room(ROOM)
    ));

    let other_grants = [
        Client::builder().authorization_code(
            "id",
            "super-secret-secret",
            "secret-code",
            "https://x",
        ),
        Client::builder().refresh_token("id", "super-secret-secret", "secret-refresh"),
        Client::builder().saml2_bearer("id", "super-secret-secret", "secret-assertion", "org"),
    ];
    for builder in other_grants {
        let client = builder.build().expect("client");
        for text in [format!("{client:?}")] {
            for secret in [
                "super-secret-secret",
                "secret-code",
                "secret-refresh",
                "secret-assertion",
            ] {
                assert!(!text.contains(secret), "{secret} leaked: {text}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 13. Connection failures
// ---------------------------------------------------------------------------------------------

/// A loopback URL on which nothing listens.
fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error_and_is_retried_even_for_a_post() {
    let url = dead_url();
    let post = |policy: RetryPolicy| {
        let client = Client::builder()
            .base_url(url.clone())
            .access_token("t")
            .retry_policy(policy)
            .build()
            .expect("client");
        async move {
            let started = Instant::now();
            let error = client
                .chat()
                .post_chats_room_messages(ROOM, message())
                .await
                .unwrap_err();
            (error, started.elapsed())
        }
    };

    // No retry: fails at once.
    let (error, once) = post(RetryPolicy::disabled()).await;
    match &error {
        Error::Transport(e) => assert!(e.is_connect(), "{e:?}"),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    assert!(!error.is_timeout());
    assert!(once < Duration::from_millis(200), "took {once:?}");

    // Two attempts: the one backoff between them (a random delay in [200 ms, 400 ms]) shows
    // that the POST was attempted again, since nothing else waits.
    let (error, twice) = post(
        RetryPolicy::default()
            .max_attempts(2)
            .initial_backoff(Duration::from_millis(400)),
    )
    .await;
    match &error {
        Error::Transport(e) => assert!(e.is_connect(), "{e:?}"),
        other => panic!("expected Error::Transport, got {other:?}"),
    }
    assert!(!error.is_timeout());
    assert!(
        twice >= Duration::from_millis(200) && twice < Duration::from_secs(2),
        "took {twice:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// 14. Regions and client configuration
// ---------------------------------------------------------------------------------------------

#[test]
fn every_region_maps_to_its_documented_hosts() {
    let documented = [
        (Region::UsEast1, "us-east-1", "api.mypurecloud.com"),
        (Region::EuWest1, "eu-west-1", "api.mypurecloud.ie"),
        (
            Region::ApSoutheast2,
            "ap-southeast-2",
            "api.mypurecloud.com.au",
        ),
        (Region::ApNortheast1, "ap-northeast-1", "api.mypurecloud.jp"),
        (Region::EuCentral1, "eu-central-1", "api.mypurecloud.de"),
        (Region::UsWest2, "us-west-2", "api.usw2.pure.cloud"),
        (Region::CaCentral1, "ca-central-1", "api.cac1.pure.cloud"),
        (
            Region::ApNortheast2,
            "ap-northeast-2",
            "api.apne2.pure.cloud",
        ),
        (Region::EuWest2, "eu-west-2", "api.euw2.pure.cloud"),
        (Region::ApSouth1, "ap-south-1", "api.aps1.pure.cloud"),
        (Region::UsEast2, "us-east-2", "api.use2.us-gov-pure.cloud"),
        (Region::SaEast1, "sa-east-1", "api.sae1.pure.cloud"),
        (Region::MeCentral1, "me-central-1", "api.mec1.pure.cloud"),
        (
            Region::ApNortheast3,
            "ap-northeast-3",
            "api.apne3.pure.cloud",
        ),
        (Region::EuCentral2, "eu-central-2", "api.euc2.pure.cloud"),
        (Region::MxCentral1, "mx-central-1", "api.mxc1.pure.cloud"),
        (
            Region::ApSoutheast1,
            "ap-southeast-1",
            "api.apse1.pure.cloud",
        ),
        (
            Region::EuscDeEast1,
            "eusc-de-east-1",
            "api.edee1.eusc-pure.cloud",
        ),
    ];
    assert_eq!(Region::ALL.len(), 18);
    assert_eq!(
        Region::ALL.to_vec(),
        documented.iter().map(|(r, _, _)| *r).collect::<Vec<_>>()
    );
    for (region, name, api_host) in documented {
        assert_eq!(region.name(), name);
        assert_eq!(region.to_string(), name);
        assert_eq!(name.parse::<Region>().expect("parses"), region);
        assert_eq!(region.api_host(), api_host);
        let login_host = api_host.replacen("api.", "login.", 1);
        assert_eq!(region.login_host(), login_host);
        assert_eq!(region.api_base_url(), format!("https://{api_host}"));
        assert_eq!(region.login_base_url(), format!("https://{login_host}"));
    }
    assert_eq!(Region::UsEast2.api_host(), "api.use2.us-gov-pure.cloud");
    assert_eq!(Region::UsEast2.login_host(), "login.use2.us-gov-pure.cloud");
    assert_eq!(
        "eu-west-1".parse::<Region>().expect("parses"),
        Region::EuWest1
    );
    for unknown in ["", "mars-north-1", "EU-WEST-1", "us-east-1 "] {
        let error = unknown.parse::<Region>().unwrap_err();
        assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    }
}

#[test]
fn the_client_uses_the_region_or_the_base_url() {
    let client = Client::builder()
        .region(Region::EuWest2)
        .build()
        .expect("client");
    assert_eq!(client.base_url(), "https://api.euw2.pure.cloud");
    assert_eq!(Region::default(), Region::UsEast1);
    let client = Client::builder().build().expect("client");
    assert_eq!(client.base_url(), "https://api.mypurecloud.com");
    let client = Client::builder()
        .region(Region::EuWest2)
        .base_url("https://gateway.example/genesys/")
        .build()
        .expect("client");
    assert_eq!(client.base_url(), "https://gateway.example/genesys");
    for bad in ["ftp://api.example", "not a url", "/relative"] {
        let error = Client::builder().base_url(bad).build().unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{bad}: {error:?}"
        );
        let error = Client::builder().login_url(bad).build().unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{bad}: {error:?}"
        );
    }
}

#[test]
fn the_client_is_send_sync_clone_and_its_requests_are_send() {
    fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}
    fn assert_send<T: Send>(_: &T) {}
    fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}
    assert_send_sync_clone::<Client>();
    assert_error::<Error>();
    let client = Client::builder().build().expect("client");
    let future = std::future::IntoFuture::into_future(client.chat().get_chats_room(ROOM));
    assert_send(&future);
}

// ---------------------------------------------------------------------------------------------
// 15. User agent
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn requests_carry_the_crate_user_agent() {
    let expected = concat!("genesys-cloud-chat/", env!("CARGO_PKG_VERSION"));
    assert_eq!(USER_AGENT, expected);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "ua", "expires_in": 3600})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(SETTINGS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(2)
        .mount(&server)
        .await;

    credentials_client(&server)
        .build()
        .expect("client")
        .chat()
        .get_chats_settings()
        .await
        .expect("with credentials");
    // A caller-supplied reqwest client with its own User-Agent: the SDK's still goes out.
    let own = reqwest::Client::builder()
        .user_agent("caller-app/9.9")
        .build()
        .expect("reqwest client");
    Client::builder()
        .base_url(server.uri())
        .access_token("own-http")
        .http_client(own)
        .build()
        .expect("client")
        .chat()
        .get_chats_settings()
        .await
        .expect("caller-supplied http client");
    // Without credentials, the operation (which needs `PureCloud OAuth`) is refused before
    // anything is sent, naming the setter to call.
    let anonymous = Client::builder()
        .base_url(server.uri())
        .build()
        .expect("client")
        .chat()
        .get_chats_settings()
        .await
        .expect_err("no credentials");
    assert!(
        matches!(anonymous, genesys_cloud_chat::Error::MissingCredentials(_)),
        "{anonymous:?}"
    );
    assert!(
        anonymous
            .to_string()
            .contains("`PureCloud OAuth` (ClientBuilder::access_token)"),
        "{anonymous}"
    );

    let all = server.received_requests().await.expect("recorded");
    assert_eq!(all.len(), 3);
    for request in &all {
        let agents: Vec<_> = request.headers.get_all("user-agent").iter().collect();
        assert_eq!(agents, [expected], "{}", request.url);
    }
    let api = requests_to(&server, SETTINGS_PATH).await;
    assert_eq!(header_of(&api[0], "authorization"), Some("Bearer ua"));
    assert_eq!(header_of(&api[0], "accept"), Some("application/json"));
    assert_eq!(header_of(&api[1], "authorization"), Some("Bearer own-http"));
    assert_eq!(api.len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Paths and bodies of the chat operations themselves
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn dot_and_empty_path_parameters_are_refused_before_anything_is_sent() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let client = static_client(&server).build().expect("client");
    let chat = client.chat();
    // `..` would send `PATCH /api/v2/chats/settings` (the organisation's settings) and
    // `GET /api/v2/chats/messages`; an empty id `/rooms//messages`.
    for value in ["..", ".", ""] {
        let errors = [
            chat.patch_chats_user_settings(value, Default::default())
                .await
                .expect_err("refused"),
            chat.get_chats_room_messages(value)
                .await
                .expect_err("refused"),
            chat.post_chats_room_participant(ROOM, value)
                .await
                .expect_err("refused"),
        ];
        for error in errors {
            assert!(
                matches!(error, Error::InvalidRequest(_)),
                "{value:?}: {error:?}"
            );
            let text = error.to_string();
            assert!(
                text.contains("userId") || text.contains("roomJid"),
                "{value:?}: names the parameter: {text}"
            );
        }
    }
    let sent = server.received_requests().await.expect("recorded");
    assert!(sent.is_empty(), "nothing is sent: {sent:?}");
}

#[tokio::test]
async fn a_post_without_a_body_says_content_length_zero() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = static_client(&server).build().expect("client");
    client
        .chat()
        .post_chats_room_participant(ROOM, "user-1")
        .await
        .expect("sent");
    let sent = requests_to(&server, "/api/v2/chats/rooms/room-1/participants/user-1").await;
    assert_eq!(sent.len(), 1);
    assert_eq!(header_of(&sent[0], "content-length"), Some("0"));
    assert!(sent[0].body.is_empty());
}
