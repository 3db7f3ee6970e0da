//! Realtime events against a loopback Genesys Cloud: the Notifications API's REST operations
//! (the support server, which records every request) and its streaming host (a tokio-tungstenite
//! server), both on the test's runtime and on tokio's paused clock, so that heartbeat
//! intervals, backoff and handovers take no time and their timings are exact.
//!
//! One test per failure mode of the module's table (`sdk_runtime::genesys::notifications`):
//! what the service and the streaming host saw, and what the stream yielded, in order.
#![cfg(feature = "realtime")]

mod support;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt as _, StreamExt as _};
use sdk_runtime::genesys::notifications::{
    ChatEvent, ChatTopic, Event, GapReason, MAX_TOPICS, Notification, RealtimeError, Subscription,
};
use sdk_runtime::{Client, ClientBuilder, Error, RetryPolicy};
use serde_json::{Value, json};
use support::{Capture, Received, Reply, Server, Step};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep, timeout};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};

const CHANNELS: &str = "/api/v2/notifications/channels";
const TOKEN: &str = "/oauth/token";
const PRESENCE: &str = "v2.users.u1.presence";
const BADGES: &str = "v2.users.u1.badges.chats";
const GROUP: &str = "v2.detail.events.collaboratechat.group.g1.messages";
/// The secret part of every channel id the fake makes.
const SECRET: &str = "secret-channel";
const ACCESS_TOKEN: &str = "token-value-static";

// ---------------------------------------------------------------------------------------------
// The fake service
// ---------------------------------------------------------------------------------------------

/// What the fake knows and how it behaves.
#[derive(Default)]
struct State {
    /// `ws://127.0.0.1:PORT`, the streaming host.
    ws_url: String,
    /// Channels made so far, and when (tokio's clock).
    created: Vec<Instant>,
    /// Each channel's subscriptions.
    subscriptions: BTreeMap<String, Vec<String>>,
    /// What the next channel creations answer instead of succeeding.
    create_failures: VecDeque<Reply>,
    /// What subscription changes answer instead of succeeding, while set.
    refuse: Option<Reply>,
    /// What deleting subscriptions answers instead of succeeding, while set.
    refuse_delete: Option<Reply>,
    /// A streaming host to name in the next `connectUri` instead of the fake's.
    connect_to: Option<String>,
    /// Tokens issued (`token-1`, …), each for `token_lifetime` seconds.
    tokens: u32,
    token_lifetime: u64,
}

/// The Notifications API and its streaming host.
struct Fake {
    api: Server,
    state: Arc<Mutex<State>>,
    peers: mpsc::UnboundedReceiver<Peer>,
}

/// One WebSocket connection, as the streaming host sees it.
struct Peer {
    /// The channel id of the path it connected to.
    channel: String,
    /// The handshake's headers, lower case.
    headers: Vec<(String, String)>,
    ws: WebSocketStream<TcpStream>,
}

fn channel_name(n: usize) -> String {
    format!("{SECRET}-{n}")
}

fn event(topic: &str, n: u64) -> Value {
    json!({
        "topicName": topic,
        "eventBody": {"n": n},
        "metadata": {"CorrelationId": format!("corr-{n}")}
    })
}

fn heartbeat() -> Value {
    json!({"topicName": "channel.metadata", "eventBody": {"message": "WebSocket Heartbeat"}})
}

fn closing() -> Value {
    json!({"topicName": "v2.system.socket_closing", "eventBody": {"message": "closing soon"}})
}

impl Fake {
    async fn start() -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let ws_url = format!("ws://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Mutex::new(State {
            ws_url,
            token_lifetime: 3600,
            ..State::default()
        }));
        let (peers_tx, peers) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let peers_tx = peers_tx.clone();
                tokio::spawn(async move {
                    let seen = Arc::new(Mutex::new((String::new(), Vec::new())));
                    let record = Arc::clone(&seen);
                    #[allow(
                        clippy::result_large_err,
                        reason = "the callback's type is tungstenite's"
                    )]
                    let callback = move |request: &Request, response: Response| {
                        let headers = request
                            .headers()
                            .iter()
                            .map(|(n, v)| {
                                (n.as_str().to_owned(), v.to_str().unwrap_or("").to_owned())
                            })
                            .collect();
                        let path = request.uri().path().to_owned();
                        *record.lock().expect("handshake") = (path, headers);
                        Ok(response)
                    };
                    let Ok(ws) = tokio_tungstenite::accept_hdr_async(stream, callback).await else {
                        return;
                    };
                    let (path, headers) = seen.lock().expect("handshake").clone();
                    let channel = path.trim_start_matches("/channels/").to_owned();
                    let _ = peers_tx.send(Peer {
                        channel,
                        headers,
                        ws,
                    });
                });
            }
        });
        let shared = Arc::clone(&state);
        let api = Server::start(move |request| answer(&shared, request)).await;
        Fake { api, state, peers }
    }

    /// A client of the fake with a static token and no retries of its own.
    fn client(&self) -> ClientBuilder {
        Client::builder()
            .base_url(&self.api.url)
            .access_token(ACCESS_TOKEN)
            .retry_policy(RetryPolicy::disabled())
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("state")
    }

    /// The next WebSocket connection.
    async fn accept(&mut self) -> Peer {
        timeout(Duration::from_secs(3600), self.peers.recv())
            .await
            .expect("a connection within the hour")
            .expect("the streaming host runs")
    }

    fn subscriptions(&self, channel: usize) -> Vec<String> {
        self.state()
            .subscriptions
            .get(&channel_name(channel))
            .cloned()
            .unwrap_or_default()
    }

    fn channels(&self) -> usize {
        self.state().created.len()
    }

    /// The requests `METHOD PATH` (path relative to the channels' path).
    fn requests(&self, method: &str, path: &str) -> Vec<Received> {
        self.api
            .received_at(&format!("{CHANNELS}{path}"))
            .into_iter()
            .filter(|r| r.method == method)
            .collect()
    }

    /// Waits (on the paused clock) until `done` holds.
    async fn until(&self, what: &str, done: impl Fn(&Fake) -> bool) {
        for _ in 0..10_000 {
            if done(self) {
                return;
            }
            sleep(Duration::from_millis(10)).await;
        }
        panic!("never happened: {what}");
    }
}

/// The Notifications API (and the login service's token endpoint).
fn answer(state: &Mutex<State>, request: &Received) -> Reply {
    let mut state = state.lock().expect("state");
    let path = request.path();
    if path == TOKEN {
        state.tokens += 1;
        return Reply::json(
            200,
            &json!({"access_token": format!("token-{}", state.tokens), "token_type": "bearer",
                    "expires_in": state.token_lifetime}),
        );
    }
    if path == CHANNELS && request.method == "POST" {
        if let Some(failure) = state.create_failures.pop_front() {
            state.created.push(Instant::now());
            return failure;
        }
        state.created.push(Instant::now());
        let id = channel_name(state.created.len());
        let host = state
            .connect_to
            .take()
            .unwrap_or_else(|| state.ws_url.clone());
        state.subscriptions.insert(id.clone(), Vec::new());
        return Reply::json(
            200,
            &json!({"id": id, "connectUri": format!("{host}/channels/{id}"),
                    "expires": "2030-01-01T00:00:00Z"}),
        );
    }
    let Some(channel) = path
        .strip_prefix(&format!("{CHANNELS}/"))
        .and_then(|rest| rest.strip_suffix("/subscriptions"))
    else {
        return Reply::json(404, &json!({"message": "no such path", "status": 404}));
    };
    if !state.subscriptions.contains_key(channel) {
        return Reply::json(404, &json!({"message": "no such channel", "status": 404}));
    }
    let topics: Vec<String> = serde_json::from_slice::<Vec<Value>>(&request.body)
        .unwrap_or_default()
        .iter()
        .filter_map(|t| t["id"].as_str().map(str::to_owned))
        .collect();
    let changing = matches!(request.method.as_str(), "PUT" | "POST");
    if changing && let Some(refusal) = state.refuse.clone() {
        return refusal;
    }
    if request.method == "DELETE"
        && let Some(refusal) = state.refuse_delete.clone()
    {
        return refusal;
    }
    let held = state.subscriptions.entry(channel.to_owned()).or_default();
    match request.method.as_str() {
        "PUT" => *held = topics,
        "POST" => held.extend(topics),
        "DELETE" => {
            held.clear();
            return Reply::new(204, &[], "");
        }
        _ => {}
    }
    let entities: Vec<Value> = held.iter().map(|t| json!({"id": t})).collect();
    Reply::json(200, &json!({"entities": entities}))
}

impl Peer {
    async fn send(&mut self, value: Value) {
        self.ws
            .send(Message::text(value.to_string()))
            .await
            .expect("sent");
    }

    async fn event(&mut self, topic: &str, n: u64) {
        self.send(event(topic, n)).await;
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The client's next text frame, `None` when it closed.
    async fn next_text(&mut self) -> Option<String> {
        loop {
            match timeout(Duration::from_secs(3600), self.ws.next()).await {
                Err(_) => panic!("the client sent nothing within the hour"),
                Ok(Some(Ok(Message::Text(text)))) => return Some(text.as_str().to_owned()),
                Ok(Some(Ok(Message::Close(_)) | Err(_)) | None) => return None,
                Ok(Some(Ok(_))) => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the stream
// ---------------------------------------------------------------------------------------------

/// The stream's next item (within an hour of the paused clock).
async fn next(subscription: &mut Subscription) -> Result<Notification, RealtimeError> {
    timeout(Duration::from_secs(3600), subscription.next())
        .await
        .expect("an item within the hour")
        .expect("the stream goes on")
}

async fn next_event(subscription: &mut Subscription) -> Event {
    match next(subscription).await {
        Ok(Notification::Event(event)) => event,
        other => panic!("expected an event, got {other:?}"),
    }
}

/// The `n` of an event of [`event`].
fn n(event: &Event) -> u64 {
    event.body()["n"].as_u64().expect("an event of the fake")
}

/// Whether the stream yields nothing for `period`.
async fn quiet(subscription: &mut Subscription, period: Duration) -> bool {
    timeout(period, subscription.next()).await.is_err()
}

async fn subscribe(fake: &mut Fake, topics: &[&str]) -> (Subscription, Peer) {
    let client = fake.client().build().expect("client");
    subscribe_with(fake, client.realtime().topics(topics.iter().copied())).await
}

async fn subscribe_with(
    fake: &mut Fake,
    realtime: sdk_runtime::genesys::notifications::Realtime,
) -> (Subscription, Peer) {
    let subscription = realtime.subscribe().await.expect("subscribed");
    let peer = fake.accept().await;
    (subscription, peer)
}

fn body_topics(request: &Received) -> Vec<String> {
    serde_json::from_slice::<Vec<Value>>(&request.body)
        .expect("a JSON array")
        .iter()
        .map(|t| t["id"].as_str().expect("an id").to_owned())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Subscribe and receive
// ---------------------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn subscribe_and_receive_events_with_their_topic_body_and_metadata() {
    let mut fake = Fake::start().await;
    let client = fake.client().build().expect("client");

    let (mut subscription, mut peer) = subscribe_with(
        &mut fake,
        client
            .realtime()
            .topic(PRESENCE)
            .topic(ChatTopic::Badges {
                user_id: "u1".into(),
            })
            .topic(PRESENCE),
    )
    .await;

    // The channel, then the subscriptions, with the client's token; the WebSocket without it.
    let created = fake.requests("POST", "");
    assert_eq!(created.len(), 1);
    assert_eq!(
        created[0].header("authorization"),
        Some(format!("Bearer {ACCESS_TOKEN}").as_str())
    );
    let put = fake.requests("PUT", &format!("/{}/subscriptions", channel_name(1)));
    assert_eq!(put.len(), 1);
    assert_eq!(
        body_topics(&put[0]),
        [BADGES, PRESENCE],
        "sorted, once each"
    );
    assert_eq!(peer.channel, channel_name(1));
    assert_eq!(peer.header("authorization"), None);
    assert_eq!(peer.header("upgrade"), Some("websocket"));
    assert!(
        peer.header("user-agent")
            .is_some_and(|agent| agent.starts_with("sdk-runtime/")),
        "{:?}",
        peer.headers
    );
    assert_eq!(subscription.topics(), [BADGES, PRESENCE]);

    peer.event(PRESENCE, 1).await;
    peer.send(json!({
        "topicName": BADGES,
        "eventBody": {"entity": {"jabberId": "room@conference.example"}, "unreadCount": 4},
        "metadata": {"CorrelationId": "corr-badge"}
    }))
    .await;

    let presence = next_event(&mut subscription).await;
    assert_eq!(presence.topic(), PRESENCE);
    assert_eq!(presence.correlation_id(), Some("corr-1"));
    assert_eq!(presence.metadata()["CorrelationId"], "corr-1");
    #[derive(serde::Deserialize)]
    struct Numbered {
        n: u64,
    }
    assert_eq!(presence.decode::<Numbered>().expect("decodes").n, 1);
    assert!(presence.chat().is_none(), "presence is not a chat topic");

    let badge = next_event(&mut subscription).await;
    let Some(Ok(ChatEvent::Badge { user_id, badge })) = badge.chat() else {
        panic!("a badge: {badge:?}");
    };
    assert_eq!(user_id, "u1");
    assert_eq!(badge.unread_count, Some(4));
    let entity = badge.entity.expect("the room");
    assert_eq!(entity.jabber_id.as_deref(), Some("room@conference.example"));
}

#[tokio::test(start_paused = true)]
async fn chat_messages_decode_into_the_chat_models() {
    let mut fake = Fake::start().await;
    let (mut subscription, mut peer) = subscribe(&mut fake, &[GROUP]).await;

    peer.send(json!({
        "topicName": GROUP,
        "eventBody": {
            "messageId": "m-1", "created": "2024-05-01T12:30:00.000Z", "actionType": "Create",
            "body": "hello room", "notifyAll": false,
            "from": {"entityJid": "u2@example", "entityId": "u2", "entityType": "User"},
            "to": {"entityJid": "g1@conference.example", "entityId": "g1", "entityType": "Group"},
            "mentions": [{"entityId": "u1", "entityType": "User"}],
            "reactions": {"👍": ["u1", "u3"]}
        },
        "metadata": {"CorrelationId": "corr-m1"}
    }))
    .await;

    let event = next_event(&mut subscription).await;
    let Some(Ok(ChatEvent::Message { topic, message })) = event.chat() else {
        panic!("a chat message: {event:?}");
    };
    assert_eq!(topic, ChatTopic::GroupMessages { id: "g1".into() });
    assert_eq!(message.message_id.as_deref(), Some("m-1"));
    assert_eq!(message.body.as_deref(), Some("hello room"));
    assert_eq!(
        message.action_type.as_ref().map(|a| a.as_str()),
        Some("Create")
    );
    assert_eq!(
        message.to.and_then(|to| to.entity_id).as_deref(),
        Some("g1")
    );
    assert_eq!(message.mentions.map(|m| m.len()), Some(1));
    assert_eq!(message.reactions.expect("reactions")["👍"], ["u1", "u3"]);
}

// ---------------------------------------------------------------------------------------------
// Heartbeats
// ---------------------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn heartbeats_and_pongs_are_consumed_and_keep_the_connection() {
    let mut fake = Fake::start().await;
    let (mut subscription, mut peer) = subscribe(&mut fake, &[PRESENCE]).await;
    let start = Instant::now();

    // Silence for one interval: the client asks for a pong, and gets one.
    let ping = peer.next_text().await.expect("a ping");
    assert_eq!(ping, r#"{"message":"ping"}"#);
    assert_eq!(start.elapsed(), Duration::from_secs(30));
    peer.send(json!({"topicName": "channel.metadata", "eventBody": {"message": "pong"}}))
        .await;
    // Then heartbeats, as the service sends them, for five minutes.
    for _ in 0..12 {
        sleep(Duration::from_secs(25)).await;
        peer.send(heartbeat()).await;
    }
    peer.event(PRESENCE, 1).await;

    assert_eq!(
        n(&next_event(&mut subscription).await),
        1,
        "no heartbeat is yielded"
    );
    assert_eq!(fake.channels(), 1, "the connection was kept");
    assert!(quiet(&mut subscription, Duration::from_secs(20)).await);
}

#[tokio::test(start_paused = true)]
async fn when_heartbeats_stop_a_new_channel_takes_the_same_topics_after_two_intervals() {
    let mut fake = Fake::start().await;
    let (mut subscription, mut first) = subscribe(&mut fake, &[PRESENCE, BADGES]).await;
    first.event(PRESENCE, 1).await;
    assert_eq!(n(&next_event(&mut subscription).await), 1);
    let silent_since = Instant::now();

    // The client pings after one interval; nobody answers.
    assert_eq!(
        first.next_text().await.as_deref(),
        Some(r#"{"message":"ping"}"#)
    );
    let mut second = fake.accept().await;
    assert_eq!(
        silent_since.elapsed(),
        Duration::from_secs(60),
        "two intervals"
    );
    assert_eq!(second.channel, channel_name(2));
    fake.until("the new channel is subscribed", |f| {
        f.subscriptions(2).len() == 2
    })
    .await;
    assert_eq!(fake.subscriptions(2), [BADGES, PRESENCE]);
    second.event(PRESENCE, 2).await;

    let Ok(Notification::Gap(gap)) = next(&mut subscription).await else {
        panic!("a gap first");
    };
    assert_eq!(gap.reason, GapReason::HeartbeatLost);
    assert!(gap.since <= gap.until);
    assert_eq!(n(&next_event(&mut subscription).await), 2);
    // The silent channel is let go: its socket closed, its subscriptions deleted.
    assert_eq!(first.next_text().await, None);
    fake.until("the old subscriptions are deleted", |f| {
        f.subscriptions(1).is_empty()
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// socket_closing
// ---------------------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn socket_closing_moves_to_a_new_channel_with_the_same_topics_without_gap_or_duplicate() {
    let mut fake = Fake::start().await;
    let (mut subscription, mut old) = subscribe(&mut fake, &[PRESENCE, BADGES]).await;
    old.event(PRESENCE, 1).await;
    old.event(BADGES, 2).await;
    old.send(closing()).await;

    // A new channel, subscribed to the same topics, while the old connection is open.
    let mut new = fake.accept().await;
    assert_eq!(new.channel, channel_name(2));
    fake.until("the new channel is subscribed", |f| {
        f.subscriptions(2).len() == 2
    })
    .await;
    assert_eq!(fake.subscriptions(2), fake.subscriptions(1));
    // Both deliver what is published now; the old one what it still had in flight; then the
    // service closes the old one, about a minute after its warning.
    old.event(PRESENCE, 3).await;
    new.event(PRESENCE, 3).await;
    old.event(BADGES, 4).await;
    new.event(BADGES, 5).await;
    for round in 0..6 {
        sleep(Duration::from_secs(20)).await;
        new.send(heartbeat()).await;
        if round == 2 {
            old.ws.close(None).await.expect("closed");
        }
    }

    let mut seen = Vec::new();
    for _ in 0..5 {
        seen.push(n(&next_event(&mut subscription).await));
    }
    assert_eq!(seen[..2], [1, 2], "in order before the handover");
    let all: BTreeSet<u64> = seen.iter().copied().collect();
    assert_eq!(all, BTreeSet::from([1, 2, 3, 4, 5]), "{seen:?}");
    assert!(
        quiet(&mut subscription, Duration::from_secs(20)).await,
        "no duplicate, no gap"
    );
    assert_eq!(fake.channels(), 2);
    fake.until("the old subscriptions are deleted", |f| {
        f.subscriptions(1).is_empty()
    })
    .await;
    // The new channel carries on.
    new.event(PRESENCE, 6).await;
    assert_eq!(n(&next_event(&mut subscription).await), 6);
}

#[tokio::test(start_paused = true)]
async fn an_old_connection_still_open_after_two_intervals_is_closed_by_the_client() {
    let mut fake = Fake::start().await;
    let (mut subscription, mut old) = subscribe(&mut fake, &[PRESENCE]).await;
    old.send(closing()).await;
    let mut new = fake.accept().await;
    let switched = Instant::now();
    // The old connection never closes on its own: the client closes it after two intervals,
    // while the new one carries heartbeats.
    let closed = async {
        let last = old.next_text().await;
        (last, switched.elapsed())
    };
    let heartbeats = async {
        for _ in 0..3 {
            sleep(Duration::from_secs(25)).await;
            new.send(heartbeat()).await;
        }
    };
    let ((last, after), ()) = tokio::join!(closed, heartbeats);
    assert_eq!(last, None);
    assert_eq!(after, Duration::from_secs(60));
    new.event(PRESENCE, 1).await;
    assert_eq!(n(&next_event(&mut subscription).await), 1);
}

// ---------------------------------------------------------------------------------------------
// The server closes mid-stream
// ---------------------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn a_connection_the_server_ends_is_replaced_and_the_gap_marked() {
    // (how the connection ends, the gap's reason)
    let table = [
        ("close frame", GapReason::ConnectionClosed),
        ("dropped", GapReason::ConnectionLost),
    ];
    for (how, reason) in table {
        let mut fake = Fake::start().await;
        let (mut subscription, mut first) = subscribe(&mut fake, &[PRESENCE]).await;
        first.event(PRESENCE, 1).await;
        match how {
            "close frame" => first.ws.close(None).await.expect("closed"),
            _ => drop(first),
        }
        let mut second = fake.accept().await;
        fake.until("the new channel is subscribed", |f| {
            f.subscriptions(2) == [PRESENCE]
        })
        .await;
        second.event(PRESENCE, 2).await;

        assert_eq!(n(&next_event(&mut subscription).await), 1, "{how}");
        match next(&mut subscription).await {
            Ok(Notification::Gap(gap)) => assert_eq!(gap.reason, reason, "{how}"),
            other => panic!("{how}: expected a gap, got {other:?}"),
        }
        assert_eq!(n(&next_event(&mut subscription).await), 2, "{how}");
    }
}

#[tokio::test(start_paused = true)]
async fn reconnects_back_off_with_jitter_then_give_up_as_the_last_item() {
    let mut fake = Fake::start().await;
    let client = fake.client().build().expect("client");
    let policy = RetryPolicy::default()
        .max_attempts(4)
        .initial_backoff(Duration::from_secs(1))
        .max_backoff(Duration::from_secs(8))
        .max_total_delay(Duration::from_secs(60));
    let (mut subscription, first) = subscribe_with(
        &mut fake,
        client.realtime().topic(PRESENCE).reconnect_policy(policy),
    )
    .await;
    let down = Reply::json(503, &json!({"message": "streaming is down", "status": 503}));
    fake.state().create_failures = std::iter::repeat_n(down, 10).collect();

    drop(first);
    let error = match next(&mut subscription).await {
        Err(error) => error,
        other => panic!("expected the stream's last error, got {other:?}"),
    };
    assert!(
        timeout(Duration::from_secs(60), subscription.next())
            .await
            .expect("the stream ends")
            .is_none()
    );

    let RealtimeError::GaveUp { attempts, last } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(*attempts, 4);
    assert_eq!(last.as_api().map(|e| e.status.as_u16()), Some(503));
    let text = error.to_string();
    assert!(
        text.contains("after 4 attempts") && text.contains("streaming is down"),
        "{text}"
    );
    // The subscribe, then four attempts, the delays growing within their jitter.
    let created = fake.state().created.clone();
    assert_eq!(created.len(), 5);
    let delays: Vec<Duration> = created[1..].windows(2).map(|w| w[1] - w[0]).collect();
    let bounds = [(500, 1000), (1000, 2000), (2000, 4000)];
    for (delay, (low, high)) in delays.iter().zip(bounds) {
        let ms = delay.as_millis();
        assert!((low..=high).contains(&ms), "{delays:?}");
    }
    // The first channel's subscriptions were deleted when the stream ended.
    fake.until("the subscriptions are deleted", |f| {
        f.subscriptions(1).is_empty()
    })
    .await;
}

#[tokio::test(start_paused = true)]
async fn a_reconnect_that_fails_twice_then_succeeds_marks_one_gap() {
    let mut fake = Fake::start().await;
    let (mut subscription, first) = subscribe(&mut fake, &[PRESENCE]).await;
    let busy = Reply::json(429, &json!({"message": "slow down", "status": 429}));
    fake.state().create_failures = [busy.clone(), busy].into_iter().collect();

    drop(first);
    let mut second = fake.accept().await;
    assert_eq!(
        second.channel,
        channel_name(4),
        "two refusals, then a channel"
    );
    fake.until("subscribed", |f| f.subscriptions(4) == [PRESENCE])
        .await;
    second.event(PRESENCE, 1).await;

    assert!(matches!(
        next(&mut subscription).await,
        Ok(Notification::Gap(_))
    ));
    assert_eq!(n(&next_event(&mut subscription).await), 1);
}

#[tokio::test(start_paused = true)]
async fn changes_during_a_reconnect_wait_for_the_new_channel_and_close_does_not_wait() {
    let mut fake = Fake::start().await;
    let client = fake.client().build().expect("client");
    let policy = RetryPolicy::default()
        .max_attempts(10)
        .initial_backoff(Duration::from_secs(30))
        .max_backoff(Duration::from_secs(30))
        .max_total_delay(Duration::from_secs(600));
    let (mut subscription, first) = subscribe_with(
        &mut fake,
        client.realtime().topic(PRESENCE).reconnect_policy(policy),
    )
    .await;
    let handle = subscription.handle();
    let down = Reply::json(503, &json!({"message": "down", "status": 503}));
    fake.state().create_failures = [down.clone()].into_iter().collect();

    // The first attempt fails; an added topic waits out the backoff (15 to 30 s), then goes to
    // the new channel.
    drop(first);
    fake.until("the first attempt failed", |f| f.channels() == 2)
        .await;
    let asked = Instant::now();
    handle.add_topics([BADGES]).await.expect("added");
    assert!(
        asked.elapsed() >= Duration::from_secs(14),
        "{:?}",
        asked.elapsed()
    );
    assert_eq!(fake.subscriptions(3), [PRESENCE, BADGES]);
    assert!(matches!(
        next(&mut subscription).await,
        Ok(Notification::Gap(_))
    ));

    // Closing while the next reconnect waits: no waiting for it.
    let third = fake.accept().await;
    fake.state().create_failures = std::iter::repeat_n(down, 5).collect();
    drop(third);
    fake.until("an attempt failed", |f| f.channels() == 4).await;
    let asked = Instant::now();
    subscription.close().await.expect("closed");
    assert!(
        asked.elapsed() < Duration::from_secs(1),
        "{:?}",
        asked.elapsed()
    );
    assert!(fake.subscriptions(3).is_empty(), "deleted");
}

#[tokio::test(start_paused = true)]
async fn topics_the_service_refuses_on_reconnect_end_the_stream_with_its_answer() {
    let mut fake = Fake::start().await;
    let (mut subscription, first) = subscribe(&mut fake, &[PRESENCE]).await;
    fake.state().refuse = Some(Reply::json(
        403,
        &json!({"message": "Missing permission to subscribe", "status": 403}),
    ));

    drop(first);
    let error = match next(&mut subscription).await {
        Err(error) => error,
        other => panic!("expected the refusal, got {other:?}"),
    };
    assert_eq!(error.as_api().map(|e| e.status.as_u16()), Some(403));
    assert!(!error.is_transient());
    assert!(error.to_string().contains("Missing permission"), "{error}");
    assert!(subscription.next().await.is_none());
    assert_eq!(fake.channels(), 2, "refusals are not retried");
}

// ---------------------------------------------------------------------------------------------
// Malformed and oversized frames
// ---------------------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn malformed_frames_are_errors_on_the_stream_which_goes_on() {
    let mut fake = Fake::start().await;
    let (mut subscription, mut peer) = subscribe(&mut fake, &[PRESENCE]).await;
    // (frame, part of the reason)
    let table: [(Message, &str); 6] = [
        (Message::text("not json at all"), "expected"),
        (Message::text("[1,2,3]"), "invalid type"),
        (
            Message::text(r#"{"eventBody":{}}"#),
            "missing field `topicName`",
        ),
        (Message::text(r#"{"topicName":42}"#), "invalid type"),
        (Message::text(r#"{"topicName":""}"#), "empty"),
        (Message::binary(vec![0u8, 159, 146, 150]), "binary frame"),
    ];
    for (n_frame, (frame, want)) in table.into_iter().enumerate() {
        let shown = format!("{frame:?}");
        peer.ws.send(frame).await.expect("sent");
        peer.event(PRESENCE, n_frame as u64).await;

        match next(&mut subscription).await {
            Err(RealtimeError::Malformed { reason, .. }) => {
                assert!(reason.contains(want), "{shown}: {reason}");
            }
            other => panic!("{shown}: expected a malformed-frame error, got {other:?}"),
        }
        assert_eq!(n(&next_event(&mut subscription).await), n_frame as u64);
    }
    assert_eq!(fake.channels(), 1, "the connection was kept");
}

#[tokio::test(start_paused = true)]
async fn an_oversized_frame_is_refused_and_the_connection_replaced() {
    let mut fake = Fake::start().await;
    let client = fake.client().build().expect("client");
    let (mut subscription, mut first) = subscribe_with(
        &mut fake,
        client.realtime().topic(PRESENCE).max_frame_size(1024),
    )
    .await;
    first.event(PRESENCE, 1).await;
    first
        .send(json!({"topicName": PRESENCE, "eventBody": {"padding": "x".repeat(4000)}}))
        .await;

    assert_eq!(n(&next_event(&mut subscription).await), 1);
    match next(&mut subscription).await {
        Err(RealtimeError::TooLarge { size, limit }) => {
            assert_eq!(limit, 1024);
            assert!(size > 4000, "{size}");
        }
        other => panic!("expected the refusal, got {other:?}"),
    }
    let mut second = fake.accept().await;
    fake.until("subscribed", |f| f.subscriptions(2) == [PRESENCE])
        .await;
    second.event(PRESENCE, 2).await;
    match next(&mut subscription).await {
        Ok(Notification::Gap(gap)) => assert_eq!(gap.reason, GapReason::FrameTooLarge),
        other => panic!("expected a gap, got {other:?}"),
    }
    assert_eq!(n(&next_event(&mut subscription).await), 2);
}

// ---------------------------------------------------------------------------------------------
// A slow consumer
// ---------------------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn a_slow_consumer_gets_a_bounded_buffer_and_a_count_of_what_was_dropped() {
    let mut fake = Fake::start().await;
    let client = fake.client().build().expect("client");
    let (mut subscription, mut peer) = subscribe_with(
        &mut fake,
        client.realtime().topic(PRESENCE).buffer(4, 1 << 20),
    )
    .await;

    // Ten events while nobody reads, then three minutes of heartbeats: the connection is
    // read all along (no heartbeat is missed, no reconnect), the buffer holds four.
    for n in 1..=10 {
        peer.event(PRESENCE, n).await;
    }
    for _ in 0..8 {
        sleep(Duration::from_secs(25)).await;
        peer.send(heartbeat()).await;
    }
    peer.event(PRESENCE, 11).await;
    // Let the task read it while the buffer is still full.
    sleep(Duration::from_millis(1)).await;

    let mut got = Vec::new();
    for _ in 0..5 {
        got.push(match next(&mut subscription).await {
            Ok(Notification::Event(event)) => format!("e{}", n(&event)),
            Ok(Notification::Dropped(dropped)) => format!("dropped {}", dropped.count),
            other => panic!("{other:?}"),
        });
    }
    assert_eq!(got, ["e1", "e2", "e3", "e4", "dropped 7"]);
    peer.event(PRESENCE, 12).await;
    assert_eq!(n(&next_event(&mut subscription).await), 12);
    assert_eq!(fake.channels(), 1);
}

// ---------------------------------------------------------------------------------------------
// Refusals and the topic limit
// ---------------------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn a_refused_subscription_fails_with_the_services_message() {
    let mut fake = Fake::start().await;
    fake.state().refuse = Some(Reply::json(
        400,
        &json!({"message": "Invalid topic v2.users.nobody.nothing", "code": "bad.request",
                "status": 400}),
    ));
    let client = fake.client().build().expect("client");

    let error = client
        .realtime()
        .topic("v2.users.nobody.nothing")
        .subscribe()
        .await
        .expect_err("refused");

    let RealtimeError::Api(Error::Api(answer)) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(answer.status.as_u16(), 400);
    assert_eq!(
        answer.error.as_ref().and_then(|e| e.message.as_deref()),
        Some("Invalid topic v2.users.nobody.nothing")
    );
    let text = error.to_string();
    assert!(
        text.contains("Invalid topic v2.users.nobody.nothing"),
        "{text}"
    );
    assert!(text.contains("PUT /api/v2/notifications/channels/{channelId}/subscriptions"));
    // The WebSocket opened for it is closed again.
    let mut peer = fake.accept().await;
    assert_eq!(peer.next_text().await, None);
}

#[tokio::test(start_paused = true)]
async fn topics_added_live_that_the_service_refuses_leave_the_subscription_as_it_was() {
    let mut fake = Fake::start().await;
    let (mut subscription, mut peer) = subscribe(&mut fake, &[PRESENCE]).await;
    fake.state().refuse = Some(Reply::json(
        400,
        &json!({"message": "Invalid topic v2.nope", "status": 400}),
    ));

    let error = subscription
        .add_topics(["v2.nope"])
        .await
        .expect_err("refused");

    assert_eq!(error.as_api().map(|e| e.status.as_u16()), Some(400));
    assert!(
        error.to_string().contains("Invalid topic v2.nope"),
        "{error}"
    );
    assert_eq!(subscription.topics(), [PRESENCE]);
    peer.event(PRESENCE, 1).await;
    assert_eq!(
        n(&next_event(&mut subscription).await),
        1,
        "the stream goes on"
    );
}

#[tokio::test(start_paused = true)]
async fn the_topic_limit_is_enforced_before_anything_is_sent() {
    let mut fake = Fake::start().await;
    let client = fake.client().build().expect("client");
    let topics = |range: std::ops::Range<usize>| -> Vec<String> {
        range.map(|i| format!("v2.users.u{i}.presence")).collect()
    };

    let error = client
        .realtime()
        .topics(topics(0..MAX_TOPICS + 1))
        .subscribe()
        .await
        .expect_err("too many");
    assert!(
        matches!(error, RealtimeError::InvalidTopics(_)),
        "{error:?}"
    );
    assert!(error.to_string().contains("1001 topics"), "{error}");
    assert!(fake.api.received().is_empty(), "nothing was sent");

    // Duplicates count once: exactly the limit is accepted.
    let mut at_limit = topics(0..MAX_TOPICS);
    at_limit.extend(topics(0..10));
    let (subscription, _peer) = subscribe_with(&mut fake, client.realtime().topics(at_limit)).await;
    assert_eq!(fake.subscriptions(1).len(), MAX_TOPICS);
    let error = subscription
        .add_topics(["v2.users.one-more.presence"])
        .await
        .expect_err("over the limit");
    assert!(
        matches!(error, RealtimeError::InvalidTopics(_)),
        "{error:?}"
    );
    subscription
        .add_topics(topics(0..3))
        .await
        .expect("already subscribed: nothing to add");
    assert!(
        fake.requests("POST", &format!("/{}/subscriptions", channel_name(1)))
            .is_empty(),
        "nothing was sent"
    );
    for bad in ["", "channel.metadata", "v2.system.socket_closing", "a b"] {
        let error = subscription.add_topics([bad]).await.expect_err(bad);
        assert!(
            matches!(error, RealtimeError::InvalidTopics(_)),
            "{bad}: {error:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Live topics, tokens, closing
// ---------------------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn topics_are_added_and_removed_live_and_follow_the_stream_to_a_new_channel() {
    let mut fake = Fake::start().await;
    let (mut subscription, mut first) = subscribe(&mut fake, &[PRESENCE]).await;
    let handle = subscription.handle();
    let subscriptions = format!("/{}/subscriptions", channel_name(1));

    handle.add_topics([BADGES, PRESENCE]).await.expect("added");
    let added = fake.requests("POST", &subscriptions);
    assert_eq!(added.len(), 1);
    assert_eq!(body_topics(&added[0]), [BADGES], "only what is new");
    assert_eq!(handle.topics(), [BADGES, PRESENCE]);
    assert_eq!(
        handle.fetch_topics().await.expect("listed"),
        [PRESENCE, BADGES]
    );
    first.event(BADGES, 1).await;
    assert_eq!(next_event(&mut subscription).await.topic(), BADGES);

    handle
        .remove_topics([PRESENCE, GROUP])
        .await
        .expect("removed");
    let replaced = fake.requests("PUT", &subscriptions);
    assert_eq!(body_topics(replaced.last().expect("a PUT")), [BADGES]);
    assert_eq!(subscription.topics(), [BADGES]);

    // A new channel gets the topics as they are now.
    drop(first);
    let _second = fake.accept().await;
    fake.until("subscribed", |f| f.subscriptions(2) == [BADGES])
        .await;
    assert!(matches!(
        next(&mut subscription).await,
        Ok(Notification::Gap(_))
    ));

    // Removing the last topic deletes the subscriptions.
    handle.remove_topics([BADGES]).await.expect("removed");
    assert_eq!(
        fake.requests("DELETE", &format!("/{}/subscriptions", channel_name(2)))
            .len(),
        1
    );
    assert!(handle.topics().is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_token_that_expires_meanwhile_is_refreshed_through_the_token_cache() {
    let mut fake = Fake::start().await;
    fake.state().token_lifetime = 300;
    let client = Client::builder()
        .base_url(&fake.api.url)
        .client_credentials("app", "app-secret")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");
    let (mut subscription, mut first) =
        subscribe_with(&mut fake, client.realtime().topic(PRESENCE)).await;
    for _ in 0..11 {
        sleep(Duration::from_secs(25)).await;
        first.send(heartbeat()).await;
    }
    // 275 s later the token is due for renewal (a minute before it expires).
    first.ws.close(None).await.expect("closed");
    let _second = fake.accept().await;

    assert!(matches!(
        next(&mut subscription).await,
        Ok(Notification::Gap(_))
    ));
    let created = fake.requests("POST", "");
    let tokens: Vec<&str> = created
        .iter()
        .map(|r| r.header("authorization").unwrap_or_default())
        .collect();
    assert_eq!(tokens, ["Bearer token-1", "Bearer token-2"]);
    assert_eq!(fake.api.received_at(TOKEN).len(), 2);
}

#[tokio::test(start_paused = true)]
async fn dropping_the_stream_closes_the_socket_and_deletes_the_subscriptions() {
    let mut fake = Fake::start().await;
    let (subscription, mut peer) = subscribe(&mut fake, &[PRESENCE, BADGES]).await;
    let handle = subscription.handle();

    drop(subscription);

    assert_eq!(peer.next_text().await, None, "the socket is closed");
    fake.until("the subscriptions are deleted", |f| {
        f.subscriptions(1).is_empty()
    })
    .await;
    assert_eq!(
        fake.requests("DELETE", &format!("/{}/subscriptions", channel_name(1)))
            .len(),
        1
    );
    let error = handle.add_topics([GROUP]).await.expect_err("ended");
    assert!(matches!(error, RealtimeError::Closed), "{error:?}");
    assert!(handle.topics().is_empty());
}

#[tokio::test(start_paused = true)]
async fn close_waits_for_the_cleanup_and_reports_it() {
    let mut fake = Fake::start().await;
    let (subscription, mut peer) = subscribe(&mut fake, &[PRESENCE]).await;
    subscription.close().await.expect("closed and deleted");
    assert!(
        fake.subscriptions(1).is_empty(),
        "deleted before close returned"
    );
    assert_eq!(peer.next_text().await, None);

    let (subscription, _peer) = subscribe(&mut fake, &[PRESENCE]).await;
    fake.state().refuse_delete = Some(Reply::json(
        503,
        &json!({"message": "try later", "status": 503}),
    ));
    let error = subscription.close().await.expect_err("not deleted");
    assert_eq!(error.as_api().map(|e| e.status.as_u16()), Some(503));
}

// ---------------------------------------------------------------------------------------------
// The streaming host refuses the WebSocket
// ---------------------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn a_websocket_the_streaming_host_refuses_is_a_connect_error_that_quotes_no_secret() {
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        format!("ws://{}", listener.local_addr().expect("address"))
    };
    let not_found = Server::start(|_| Reply::json(404, &json!({"message": "gone"}))).await;
    let wrong_key = Server::start(|_| {
        Reply::head(
            101,
            &[
                ("upgrade", "websocket"),
                ("connection", "Upgrade"),
                ("sec-websocket-accept", "bm90IHRoZSBrZXk="),
            ],
            vec![Step::Hang],
        )
    })
    .await;
    let silent = Server::start(|_| Reply::hang()).await;
    // (streaming host, part of the message)
    let table = [
        (closed, "connect"),
        (
            not_found.url.replace("http", "ws"),
            "answered 404 Not Found",
        ),
        (wrong_key.url.replace("http", "ws"), "Sec-WebSocket-Accept"),
        (
            silent.url.replace("http", "ws"),
            "did not complete the handshake within 30s",
        ),
    ];
    for (host, want) in table {
        let fake = Fake::start().await;
        fake.state().connect_to = Some(host.clone());
        let client = fake.client().build().expect("client");

        let error = client
            .realtime()
            .topic(PRESENCE)
            .subscribe()
            .await
            .expect_err("refused");

        let text = error.to_string();
        assert!(
            matches!(error, RealtimeError::Connect(_)),
            "{host}: {error:?}"
        );
        assert!(error.is_transient());
        assert!(text.contains(want), "{host}: {text}");
        for shown in [text, format!("{error:?}")] {
            assert!(!shown.contains(SECRET) && !shown.contains(&host), "{shown}");
        }
        assert!(
            fake.requests("PUT", &format!("/{}/subscriptions", channel_name(1)))
                .is_empty(),
            "no subscription without a socket"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn the_channel_and_the_tokens_appear_in_no_debug_output_error_or_log() {
    let (capture, _guard) = Capture::install();
    let mut fake = Fake::start().await;
    let client = Client::builder()
        .base_url(&fake.api.url)
        .client_credentials("app", "client-secret-value")
        .retry_policy(RetryPolicy::disabled())
        .log_bodies(true)
        .build()
        .expect("client");
    let mut shown = Vec::new();

    // A whole session: events, a malformed frame, a refused and an accepted topic, a lost
    // connection and its replacement, a failing cleanup.
    let (mut subscription, mut first) =
        subscribe_with(&mut fake, client.realtime().topic(PRESENCE)).await;
    shown.push(format!("{subscription:?} {:?}", subscription.handle()));
    first.event(PRESENCE, 1).await;
    first.send(json!({"topicName": 1})).await;
    fake.state().refuse = Some(Reply::json(400, &json!({"message": "no", "status": 400})));
    shown.push(format!(
        "{:?}",
        subscription.add_topics(["v2.users.x.presence"]).await
    ));
    fake.state().refuse = None;
    subscription.add_topics([BADGES]).await.expect("added");
    drop(first);
    let mut second = fake.accept().await;
    fake.until("subscribed", |f| f.subscriptions(2).len() == 2)
        .await;
    second
        .send(json!({"topicName": "v2.system.token_revoked.x",
                     "eventBody": {"channelId": channel_name(2), "systemTopicType": "token_revoked"}}))
        .await;
    for _ in 0..4 {
        let item = next(&mut subscription).await;
        if let Ok(Notification::Event(event)) = &item
            && event.topic().starts_with("v2.system.")
        {
            let system: sdk_runtime::genesys::notifications::SystemMessage =
                event.decode().expect("a system message");
            shown.push(format!("{system:?}"));
        }
        shown.push(format!("{item:?}"));
        if let Err(error) = &item {
            shown.push(error.to_string());
        }
    }
    // A cleanup whose request fails in transport: its error does not quote the URL.
    fake.state().refuse_delete = Some(Reply(vec![Step::Write(b"garbage\r\n\r\n".to_vec())]));
    let error = subscription.close().await.expect_err("the DELETE fails");
    assert!(
        matches!(error, RealtimeError::Api(Error::Transport(_))),
        "{error:?}"
    );
    shown.push(format!("{error} {error:?}"));

    let logged = capture.everything();
    assert!(
        logged.contains("realtime: replacing the connection"),
        "{logged}"
    );
    let all = format!("{}\n{logged}", shown.join("\n"));
    for secret in [
        SECRET,
        "/channels/secret",
        "ws://",
        "connectUri",
        "token-1",
        "token-2",
        "client-secret-value",
    ] {
        assert!(!all.contains(secret), "{secret} in:\n{all}");
    }
}

// ---------------------------------------------------------------------------------------------
// wss: the client's TLS
// ---------------------------------------------------------------------------------------------

/// A CA, and the PEM certificate and key it issued for `localhost`.
#[cfg(any(feature = "rustls", feature = "native-tls"))]
fn localhost_pki() -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    // A name of its own: with the leaf's default one, OpenSSL takes the leaf for self-signed.
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Realtime test CA");
    let ca_key = KeyPair::generate().expect("CA key");
    let ca = ca_params.self_signed(&ca_key).expect("CA certificate");
    let issuer = Issuer::new(ca_params, ca_key);
    let key = KeyPair::generate().expect("key");
    let params = CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
    let certificate = params.signed_by(&key, &issuer).expect("certificate");
    (ca.pem(), certificate.pem(), key.serialize_pem())
}

/// A `wss` streaming host on `localhost` with a certificate of the test's CA; it offers
/// HTTP/2 first, which the WebSocket's handshake must not take. Sends one event per
/// connection.
#[cfg(any(feature = "rustls", feature = "native-tls"))]
async fn tls_streaming_host(certificate: &str, key: &str) -> String {
    use std::sync::Arc;

    use tokio_rustls::rustls;
    use tokio_rustls::rustls::pki_types::pem::PemObject as _;
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

    let chain = CertificateDer::pem_slice_iter(certificate.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("PEM certificate");
    let key = PrivateKeyDer::from_pem_slice(key.as_bytes()).expect("PEM key");
    let mut config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("server config");
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(stream).await else {
                    return;
                };
                let Ok(mut ws) = tokio_tungstenite::accept_async(tls).await else {
                    return;
                };
                let frame = event(PRESENCE, 1).to_string();
                if ws.send(Message::text(frame)).await.is_ok() {
                    while let Some(Ok(_)) = ws.next().await {}
                }
            });
        }
    });
    format!("wss://localhost:{port}")
}

#[cfg(any(feature = "rustls", feature = "native-tls"))]
#[tokio::test(start_paused = true)]
async fn wss_goes_through_the_clients_tls_library_and_extra_roots() {
    let (ca, certificate, key) = localhost_pki();
    let host = tls_streaming_host(&certificate, &key).await;

    // Trusting the test's CA, the WebSocket is opened over TLS, in HTTP/1.1.
    let fake = Fake::start().await;
    fake.state().connect_to = Some(host.clone());
    let client = fake
        .client()
        .add_root_certificate_pem(ca)
        .build()
        .expect("client");
    let mut subscription = client
        .realtime()
        .topic(PRESENCE)
        .subscribe()
        .await
        .expect("subscribed over wss");
    let first = next_event(&mut subscription).await;
    assert_eq!((first.topic(), n(&first)), (PRESENCE, 1));

    // Without it, the host's certificate is refused, and the error says so without the URL.
    fake.state().connect_to = Some(host.clone());
    let untrusting = fake.client().build().expect("client");
    let error = untrusting
        .realtime()
        .topic(PRESENCE)
        .subscribe()
        .await
        .expect_err("an unknown CA");
    let text = error.to_string();
    assert!(matches!(error, RealtimeError::Connect(_)), "{error:?}");
    assert!(text.to_lowercase().contains("certificate"), "{text}");
    assert!(!text.contains(SECRET) && !text.contains(&host), "{text}");
}
