//! Runs the `chat_flow` example's flow against a mock Genesys Cloud on loopback.

#[path = "../examples/chat_flow.rs"]
#[allow(dead_code)]
mod chat_flow;

use genesys_cloud_chat::Client;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_example_creates_a_room_sends_a_message_and_reads_history() {
    let server = MockServer::start().await;
    let jid = "adhoc-5f3e9a@conference.example.com";
    Mock::given(method("POST"))
        .and(path("/api/v2/chats/rooms"))
        .and(header("authorization", "Bearer example-token"))
        .and(body_json(json!({
            "subject": "Incident 42",
            "description": "War room for incident 42",
            "userIds": []
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"jid": jid})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(
            "/api/v2/chats/rooms/adhoc-5f3e9a%40conference.example.com/messages",
        ))
        .and(body_json(json!({
            "message": "Investigating: error rates are up since 12:30 UTC."
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "msg-1"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(
            "/api/v2/chats/rooms/adhoc-5f3e9a%40conference.example.com/messages",
        ))
        .and(query_param("limit", "25"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "entities": [
                {"id": "msg-1", "dateCreated": "2024-05-01T12:31:00Z", "body": "Investigating"}
            ]
        })))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder()
        .base_url(server.uri())
        .access_token("example-token")
        .build()
        .expect("client");
    let outcome = chat_flow::run(&client).await.expect("flow succeeds");
    assert_eq!(outcome.room_jid, jid);
    assert_eq!(outcome.message_id.as_deref(), Some("msg-1"));
    assert_eq!(
        outcome.history,
        vec!["2024-05-01T12:31:00+00:00 Investigating"]
    );
}
