//! Hand-written: the history streams of the three chat history operations page backwards with
//! `before` (each page's oldest `dateCreated`) until the history is exhausted, end at an `after`
//! the caller sets, and stop at the caller's limit, checked against a loopback server that
//! answers by the `before` and `after` it gets.

use genesys_cloud_chat::Client;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Messages `m1` (newest) … `m5` (oldest), two per page, pages found by `before`.
fn message(n: u32) -> Value {
    json!({"id": format!("m{n}"), "body": format!("message {n}"), "dateCreated": format!("2024-05-01T12:0{}:00.000Z", 6 - n)})
}

/// Answers a listing of the messages older than `before` and newer than `after` (all of them
/// without either), at most two per page; or, for a single-message operation, the newest such
/// message.
struct History {
    listing: bool,
}

impl Respond for History {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = |name: &str| {
            request
                .url
                .query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        };
        let (before, after) = (query("before"), query("after"));
        let older: Vec<Value> = (1..=5)
            .map(message)
            .filter(|m| {
                let date = m["dateCreated"].as_str().unwrap_or_default();
                before.as_deref().is_none_or(|b| date < b)
                    && after.as_deref().is_none_or(|a| date > a)
            })
            .collect();
        if self.listing {
            let page: Vec<Value> = older.into_iter().take(2).collect();
            ResponseTemplate::new(200).set_body_json(json!({"entities": page}))
        } else {
            ResponseTemplate::new(200)
                .set_body_json(older.into_iter().next().unwrap_or_else(|| json!({})))
        }
    }
}

async fn client_for(listing: bool, at: &str) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(History { listing })
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .access_token("t")
        .build()
        .expect("client");
    (server, client)
}

/// The `before` values the server received, in order.
async fn cursors(server: &MockServer) -> Vec<Option<String>> {
    server
        .received_requests()
        .await
        .expect("recorded")
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "before")
                .map(|(_, v)| v.into_owned())
        })
        .collect()
}

#[tokio::test]
async fn each_history_pages_back_to_the_first_message() {
    // (listing or single messages, path, what the history is asked from)
    let table: [(bool, &str); 3] = [
        (true, "/api/v2/chats/rooms/room-1/messages"),
        (true, "/api/v2/chats/threads/thread-1/messages"),
        (false, "/api/v2/chats/users/user-1/messages"),
    ];
    for (listing, at) in table {
        let (server, client) = client_for(listing, at).await;
        let chat = client.chat();
        let mut history = match at {
            a if a.contains("/rooms/") => chat
                .get_chats_room_messages("room-1")
                .limit("2")
                .history(100),
            a if a.contains("/threads/") => chat.get_chats_thread_messages("thread-1").history(100),
            _ => chat.get_chats_user_messages("user-1").history(100),
        };
        let mut ids = Vec::new();
        while let Some(item) = history.next().await {
            ids.push(item.expect("a message").id.expect("an id"));
        }
        assert_eq!(ids, ["m1", "m2", "m3", "m4", "m5"], "{at}");
        let sent = cursors(&server).await;
        assert_eq!(sent[0], None, "{at}: the first page is the newest");
        // Every later page asks for what came before the oldest message of the last one.
        let want: Vec<Option<String>> = if listing {
            vec![
                None,
                Some("2024-05-01T12:04:00.000Z".into()),
                Some("2024-05-01T12:02:00.000Z".into()),
                Some("2024-05-01T12:01:00.000Z".into()),
            ]
        } else {
            (1..=5)
                .map(|n| Some(format!("2024-05-01T12:0{}:00.000Z", 6 - n)))
                .fold(vec![None], |mut v, c| {
                    v.push(c);
                    v
                })
        };
        assert_eq!(sent, want, "{at}");
    }
}

#[tokio::test]
async fn a_history_stops_at_the_callers_limit() {
    let (server, client) = client_for(true, "/api/v2/chats/rooms/room-1/messages").await;
    let mut history = client.chat().get_chats_room_messages("room-1").history(3);
    let mut ids = Vec::new();
    while let Some(item) = history.next().await {
        ids.push(item.expect("a message").id.expect("an id"));
    }
    assert_eq!(ids, ["m1", "m2", "m3"]);
    assert_eq!(
        cursors(&server).await.len(),
        2,
        "no page is asked for beyond the limit"
    );
}

#[tokio::test]
async fn a_history_ends_at_the_after_the_caller_sets() {
    // Messages m1 (12:05) … m5 (12:01); `after` 12:02:30 keeps m1, m2 and m3.
    let since = "2024-05-01T12:02:30.000Z";
    let table: [(bool, &str); 2] = [
        (true, "/api/v2/chats/rooms/room-1/messages"),
        (false, "/api/v2/chats/users/user-1/messages"),
    ];
    for (listing, at) in table {
        let (server, client) = client_for(listing, at).await;
        let chat = client.chat();
        let mut history = if listing {
            chat.get_chats_room_messages("room-1")
                .after(since)
                .history(100)
        } else {
            chat.get_chats_user_messages("user-1")
                .after(since)
                .history(100)
        };
        let mut ids = Vec::new();
        while let Some(item) = history.next().await {
            ids.push(item.expect("a message").id.expect("an id"));
        }
        assert_eq!(ids, ["m1", "m2", "m3"], "{at}");
        let requests = server.received_requests().await.expect("recorded");
        assert!(
            requests
                .iter()
                .all(|r| r.url.query_pairs().any(|(k, v)| k == "after" && v == since)),
            "{at}: `after` goes with every page"
        );
    }
}
