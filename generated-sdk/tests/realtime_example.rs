//! Runs the `realtime_chat` example against a mock Genesys Cloud on loopback: the REST API
//! (wiremock) and the streaming host (a tokio-tungstenite server).

#[path = "../examples/realtime_chat.rs"]
#[allow(dead_code)]
mod realtime_chat;

use std::time::Duration;

use futures_util::SinkExt as _;
use genesys_cloud_chat::Client;
use serde_json::json;
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;
use wiremock::matchers::{body_json, header, method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

const GROUP: &str = "v2.detail.events.collaboratechat.group.g1.messages";
const BADGES: &str = "v2.users.u1.badges.chats";

#[test]
fn arguments_are_read_or_refused_with_a_reason() {
    let args = |line: &str| realtime_chat::parse_args(line.split_whitespace().map(str::to_owned));
    let parsed = args("--seconds 5 room@conference.x t1 t2").expect("valid");
    assert_eq!(parsed.listen, Duration::from_secs(5));
    assert_eq!(parsed.room_jid, "room@conference.x");
    assert_eq!(parsed.topics, ["t1", "t2"]);
    assert_eq!(
        args("room@conference.x t1").expect("valid").listen,
        Duration::from_secs(30)
    );
    // (arguments, the start of the refusal)
    let table = [
        ("", "the room's JID is missing"),
        ("room@conference.x", "name at least one topic"),
        ("--seconds", "--seconds needs a number"),
        ("--seconds soon room t", "--seconds: `soon` is not"),
    ];
    for (line, want) in table {
        let error = args(line).expect_err(line);
        assert!(error.starts_with(want), "{line}: {error}");
    }
}

#[tokio::test]
async fn the_example_subscribes_sends_a_message_and_prints_the_events() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let streaming = format!("ws://{}", listener.local_addr().expect("address"));
    // The streaming host: once connected, it pushes the message's event and an unread count.
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.expect("a connection");
        let mut ws = tokio_tungstenite::accept_async(stream)
            .await
            .expect("handshake");
        let frames = [
            json!({"topicName": "channel.metadata", "eventBody": {"message": "WebSocket Heartbeat"}}),
            json!({"topicName": GROUP, "metadata": {"CorrelationId": "c-1"}, "eventBody": {
                "messageId": "m-1", "actionType": "Create",
                "body": "Hello from the Rust SDK's realtime example",
                "from": {"entityId": "u1", "entityType": "User"},
                "to": {"entityId": "g1", "entityType": "Group"}}}),
            json!({"topicName": BADGES, "metadata": {"CorrelationId": "c-2"}, "eventBody": {
                "entity": {"jabberId": "g1@conference.example.com"}, "unreadCount": 0}}),
        ];
        for frame in frames {
            ws.send(Message::text(frame.to_string()))
                .await
                .expect("sent");
        }
        while let Some(Ok(_)) = futures_util::StreamExt::next(&mut ws).await {}
    });
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/notifications/channels"))
        .and(header("authorization", "Bearer example-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "ch-1",
            "connectUri": format!("{streaming}/channels/ch-1"),
            "expires": "2030-01-01T00:00:00Z"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/v2/notifications/channels/ch-1/subscriptions"))
        .and(body_json(json!([{"id": GROUP}, {"id": BADGES}])))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"entities": [{"id": GROUP}, {"id": BADGES}]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path_regex(
            "^/api/v2/chats/rooms/g1(@|%40)conference.example.com/messages$",
        ))
        .and(body_json(
            json!({"message": "Hello from the Rust SDK's realtime example"}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "m-1"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/api/v2/notifications/channels/ch-1/subscriptions"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .access_token("example-token")
        .build()
        .expect("client");
    let args = realtime_chat::Args {
        listen: Duration::from_millis(500),
        room_jid: "g1@conference.example.com".into(),
        topics: vec![GROUP.into(), BADGES.into()],
    };

    let mut lines = Vec::new();
    realtime_chat::run(&client, &args, |line| lines.push(line))
        .await
        .expect("the example runs");

    assert_eq!(
        lines,
        [
            format!("subscribed to {GROUP}, {BADGES}"),
            "sent message m-1".to_owned(),
            "message m-1 (Create) from u1: Hello from the Rust SDK's realtime example".to_owned(),
            "unread in g1@conference.example.com: 0".to_owned(),
            "closed".to_owned(),
        ]
    );
}
