//! Hand-written: every operation of the generated SDK, called through its generated method
//! against a wiremock server on loopback.
//!
//! The test is a table: one row per call (at least one per operation), giving the method, the
//! exact path on the wire (percent-encoded), the query pairs, the exact JSON body, and the
//! response the server answers with. Each row's `call` calls the generated method, checks the
//! decoded value against a hand-built model (and that every field of it is set) and hands back
//! the model re-encoded as JSON, which must equal the JSON the server sent (the one difference
//! allowed: a date-time sent as `…:00.000Z` comes back as `…:00Z`, the same instant).
//!
//! A row passes only if the mock (which matches that exact method, path, query, headers and
//! body) answered exactly one request and that request is, field by field, the expected one;
//! anything else (including a request the mock did not match, which wiremock answers with 404)
//! is reported with the request that did arrive. `the_harness_notices_a_wrong_request` proves
//! that a wrong method, path, query, body or response makes a row fail, and
//! `every_operation_of_the_spec_has_a_row` that all 24 operations are covered.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use genesys_cloud_chat::chrono::NaiveDate;
use genesys_cloud_chat::models::{
    AddressableEntityRef, ChatMessageEntityListing, ChatMessageResponse, ChatReaction,
    ChatSendMessageResponse, ChatSettings, ChatUserSettings, CreateRoomRequest, CreateRoomResponse,
    Entity, MobileNotificationSettings, MobileNotificationSettingsWhen, MobileSettings,
    PinnedMessageRequest, Room, RoomRoomType, RoomUpdateRequest, SendMessageBody, UserReference,
};
use genesys_cloud_chat::types::DateTime;
use genesys_cloud_chat::{Client, Error, RetryPolicy, USER_AGENT};
use serde::Serialize;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The operations of `spec/chat.yaml`, as the SDK names them.
const OPERATIONS: [&str; 24] = [
    "delete_chats_room_message",
    "delete_chats_room_participant",
    "delete_chats_room_pinnedmessage",
    "delete_chats_user_message",
    "get_chats_message",
    "get_chats_room",
    "get_chats_room_message",
    "get_chats_room_messages",
    "get_chats_settings",
    "get_chats_thread_messages",
    "get_chats_user_message",
    "get_chats_user_messages",
    "get_chats_user_settings",
    "patch_chats_room",
    "patch_chats_room_message",
    "patch_chats_settings",
    "patch_chats_user_message",
    "patch_chats_user_settings",
    "post_chats_room_messages",
    "post_chats_room_participant",
    "post_chats_room_pinnedmessages",
    "post_chats_rooms",
    "post_chats_user_messages",
    "put_chats_settings",
];

const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.chat-test-token.q9Xv";

const ROOM_JID: &str = "adhoc-5f3e9a@conference.example.com";
/// [`ROOM_JID`] as one percent-encoded path segment.
const ROOM_JID_WIRE: &str = "adhoc-5f3e9a%40conference.example.com";
const NEW_ROOM_JID: &str = "adhoc-7c1d2e@conference.example.com";
/// The user at the other end: of a 1on1, of a participant change, of a settings call.
const USER_ID: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
/// The user who sends the messages of the fixtures.
const SENDER_ID: &str = "3f333df6-90a4-4fda-8dd3-9485d27cee36";
const SENDER_JID: &str = "5e2f8a1c9b7d4e3f2a1b0c9d@example.orgspan.com";
const USER_JID: &str = "61a9d3c27e8b4f05a3c1d2e4@example.orgspan.com";
const MESSAGE_ID: &str = "b9f2c1d4-5e6a-4b7c-8d9e-0a1b2c3d4e5f";
const MESSAGE_ID_2: &str = "c0a1b2c3-d4e5-4f60-8718-293a4b5c6d7e";
/// Both messages, comma separated, as `messageIds` takes them.
const MESSAGE_IDS: &str =
    "b9f2c1d4-5e6a-4b7c-8d9e-0a1b2c3d4e5f,c0a1b2c3-d4e5-4f60-8718-293a4b5c6d7e";
/// [`MESSAGE_IDS`] as one path segment: the comma is percent-encoded too.
const MESSAGE_IDS_WIRE: &str =
    "b9f2c1d4-5e6a-4b7c-8d9e-0a1b2c3d4e5f%2Cc0a1b2c3-d4e5-4f60-8718-293a4b5c6d7e";
const PINNED_MESSAGE_ID: &str = "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b";
const THREAD_ID: &str = "0d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
const PARENT_THREAD_ID: &str = "9a8b7c6d-5e4f-4a3b-8c1d-0e9f8a7b6c5d";
/// A path value with the characters that could change a path: `/`, `?`, `=` and `#`.
const HOSTILE_ID: &str = "2024/05/msg?draft=1#top";
const HOSTILE_ID_WIRE: &str = "2024%2F05%2Fmsg%3Fdraft%3D1%23top";
/// A room JID with `/` and `?` in it.
const HOSTILE_ROOM_JID: &str = "ops/team?x@conference.example.com";
const HOSTILE_ROOM_JID_WIRE: &str = "ops%2Fteam%3Fx%40conference.example.com";

const BEFORE: &str = "2024-05-01T12:30:00.000Z";
const AFTER: &str = "2024-04-24T08:00:00.000Z";

// ---------------------------------------------------------------------------------------------
// The table.

/// What a call yielded, as the harness compares it.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// The operation returned `()`.
    NoContent,
    /// The operation returned a model; this is it re-encoded.
    Model(Value),
}

type Call = fn(Client) -> Pin<Box<dyn Future<Output = Result<Outcome, Error>> + Send>>;

#[derive(Clone)]
struct Case {
    operation: &'static str,
    variant: &'static str,
    method: &'static str,
    /// The path exactly as it must appear on the wire.
    path: String,
    /// The query pairs, decoded; none means no query string at all.
    query: Vec<(&'static str, &'static str)>,
    /// The JSON body the SDK must send, exactly; `None`: no body.
    body: Option<Value>,
    /// The JSON the server answers with (200); `None`: an empty 204.
    response: Option<Value>,
    call: Call,
}

fn no_content(_: ()) -> Outcome {
    Outcome::NoContent
}

/// Checks that `value` is fully populated and hands it back re-encoded.
fn model<T: Serialize + Full>(value: &T) -> Outcome {
    value.assert_full("response");
    Outcome::Model(serde_json::to_value(value).expect("a model encodes"))
}

fn full_send_message_body() -> SendMessageBody {
    SendMessageBody::new()
        .with_message("Deploy 2024.05.1 is out, can you check the dashboards?")
        .with_mentions(vec![USER_ID.to_owned(), SENDER_ID.to_owned()])
        .with_thread_id(THREAD_ID)
}

fn full_send_message_json() -> Value {
    json!({
        "message": "Deploy 2024.05.1 is out, can you check the dashboards?",
        "mentions": [USER_ID, SENDER_ID],
        "threadId": THREAD_ID
    })
}

fn sent_json() -> Value {
    json!({"id": MESSAGE_ID})
}

fn sent_model() -> ChatSendMessageResponse {
    ChatSendMessageResponse::new().with_id(MESSAGE_ID)
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            operation: "delete_chats_room_message",
            variant: "room JID percent-encoded",
            method: "DELETE",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}/messages/{MESSAGE_ID}"),
            query: vec![],
            body: None,
            response: None,
            call: |c| {
                Box::pin(async move {
                    Ok(no_content(
                        c.chat()
                            .delete_chats_room_message(ROOM_JID, MESSAGE_ID)
                            .await?,
                    ))
                })
            },
        },
        Case {
            operation: "delete_chats_room_participant",
            variant: "",
            method: "DELETE",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}/participants/{USER_ID}"),
            query: vec![],
            body: None,
            response: None,
            call: |c| {
                Box::pin(async move {
                    Ok(no_content(
                        c.chat()
                            .delete_chats_room_participant(ROOM_JID, USER_ID)
                            .await?,
                    ))
                })
            },
        },
        Case {
            operation: "delete_chats_room_pinnedmessage",
            variant: "",
            method: "DELETE",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}/pinnedmessages/{PINNED_MESSAGE_ID}"),
            query: vec![],
            body: None,
            response: None,
            call: |c| {
                Box::pin(async move {
                    Ok(no_content(
                        c.chat()
                            .delete_chats_room_pinnedmessage(ROOM_JID, PINNED_MESSAGE_ID)
                            .await?,
                    ))
                })
            },
        },
        Case {
            operation: "delete_chats_user_message",
            variant: "message id with / ? = # stays one segment",
            method: "DELETE",
            path: format!("/api/v2/chats/users/{USER_ID}/messages/{HOSTILE_ID_WIRE}"),
            query: vec![],
            body: None,
            response: None,
            call: |c| {
                Box::pin(async move {
                    Ok(no_content(
                        c.chat()
                            .delete_chats_user_message(USER_ID, HOSTILE_ID)
                            .await?,
                    ))
                })
            },
        },
        Case {
            operation: "get_chats_message",
            variant: "",
            method: "GET",
            path: format!("/api/v2/chats/messages/{MESSAGE_ID}"),
            query: vec![],
            body: None,
            response: Some(message_json()),
            call: |c| {
                Box::pin(async move {
                    let message = c.chat().get_chats_message(MESSAGE_ID).await?;
                    assert_eq!(message.id.as_deref(), Some(MESSAGE_ID));
                    assert_eq!(message.date_created, Some(at(2024, 5, 1, 12, 30, 0, 123)));
                    assert_eq!(message.date_modified, Some(at(2024, 5, 1, 12, 31, 15, 250)));
                    assert_eq!(
                        message
                            .mentions
                            .as_ref()
                            .and_then(|m| m.get(USER_ID))
                            .map(String::as_str),
                        Some("Dana Whitfield")
                    );
                    assert_eq!(message.edited, Some(true));
                    assert_eq!(message, message_model());
                    Ok(model(&message))
                })
            },
        },
        Case {
            operation: "get_chats_room",
            variant: "room JID percent-encoded",
            method: "GET",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}"),
            query: vec![],
            body: None,
            response: Some(room_json()),
            call: |c| {
                Box::pin(async move {
                    let room = c.chat().get_chats_room(ROOM_JID).await?;
                    assert_eq!(room.id.as_deref(), Some(ROOM_JID));
                    assert_eq!(room.room_type, Some(RoomRoomType::Adhoc));
                    assert_eq!(room.date_created, Some(at(2024, 5, 1, 12, 30, 0, 123)));
                    assert_eq!(room.participant_limit, Some(250));
                    assert_eq!(room, room_model());
                    Ok(model(&room))
                })
            },
        },
        Case {
            operation: "get_chats_room",
            variant: "room JID with / and ? stays one segment",
            method: "GET",
            path: format!("/api/v2/chats/rooms/{HOSTILE_ROOM_JID_WIRE}"),
            query: vec![],
            body: None,
            response: Some(room_json()),
            call: |c| {
                Box::pin(async move {
                    let room = c.chat().get_chats_room(HOSTILE_ROOM_JID).await?;
                    assert_eq!(room, room_model());
                    Ok(model(&room))
                })
            },
        },
        Case {
            operation: "get_chats_room_message",
            variant: "comma-separated ids",
            method: "GET",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}/messages/{MESSAGE_IDS_WIRE}"),
            query: vec![],
            body: None,
            response: Some(listing_json()),
            call: |c| {
                Box::pin(async move {
                    let listing = c
                        .chat()
                        .get_chats_room_message(ROOM_JID, MESSAGE_IDS)
                        .await?;
                    check_listing(&listing);
                    Ok(model(&listing))
                })
            },
        },
        Case {
            operation: "get_chats_room_messages",
            variant: "limit, before and after set",
            method: "GET",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}/messages"),
            query: vec![("limit", "25"), ("before", BEFORE), ("after", AFTER)],
            body: None,
            response: Some(listing_json()),
            call: |c| {
                Box::pin(async move {
                    let listing = c
                        .chat()
                        .get_chats_room_messages(ROOM_JID)
                        .limit("25")
                        .before(BEFORE)
                        .after(AFTER)
                        .await?;
                    check_listing(&listing);
                    Ok(model(&listing))
                })
            },
        },
        Case {
            operation: "get_chats_room_messages",
            variant: "no query parameter set",
            method: "GET",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}/messages"),
            query: vec![],
            body: None,
            response: Some(listing_json()),
            call: |c| {
                Box::pin(async move {
                    let listing = c.chat().get_chats_room_messages(ROOM_JID).await?;
                    check_listing(&listing);
                    Ok(model(&listing))
                })
            },
        },
        Case {
            operation: "get_chats_settings",
            variant: "",
            method: "GET",
            path: "/api/v2/chats/settings".into(),
            query: vec![],
            body: None,
            response: Some(json!({"messageRetentionPeriodDays": 365})),
            call: |c| {
                Box::pin(async move {
                    let settings = c.chat().get_chats_settings().await?;
                    assert_eq!(
                        settings,
                        ChatSettings::new().with_message_retention_period_days(365)
                    );
                    Ok(model(&settings))
                })
            },
        },
        Case {
            operation: "get_chats_thread_messages",
            variant: "only after set",
            method: "GET",
            path: format!("/api/v2/chats/threads/{THREAD_ID}/messages"),
            query: vec![("after", AFTER)],
            body: None,
            response: Some(listing_json()),
            call: |c| {
                Box::pin(async move {
                    let listing = c
                        .chat()
                        .get_chats_thread_messages(THREAD_ID)
                        .after(AFTER)
                        .await?;
                    check_listing(&listing);
                    Ok(model(&listing))
                })
            },
        },
        Case {
            operation: "get_chats_thread_messages",
            variant: "no query parameter set",
            method: "GET",
            path: format!("/api/v2/chats/threads/{THREAD_ID}/messages"),
            query: vec![],
            body: None,
            response: Some(listing_json()),
            call: |c| {
                Box::pin(async move {
                    let listing = c.chat().get_chats_thread_messages(THREAD_ID).await?;
                    check_listing(&listing);
                    Ok(model(&listing))
                })
            },
        },
        Case {
            operation: "get_chats_thread_messages",
            variant: "thread id with / ? # and a query value with & = stay where they belong",
            method: "GET",
            path: format!("/api/v2/chats/threads/{HOSTILE_ID_WIRE}/messages"),
            query: vec![
                ("limit", "10"),
                ("before", "2024-05-01T12:30:00.000Z&limit=1000"),
            ],
            body: None,
            response: Some(listing_json()),
            call: |c| {
                Box::pin(async move {
                    let listing = c
                        .chat()
                        .get_chats_thread_messages(HOSTILE_ID)
                        .limit("10")
                        .before("2024-05-01T12:30:00.000Z&limit=1000")
                        .await?;
                    check_listing(&listing);
                    Ok(model(&listing))
                })
            },
        },
        Case {
            operation: "get_chats_user_message",
            variant: "comma-separated ids",
            method: "GET",
            path: format!("/api/v2/chats/users/{USER_ID}/messages/{MESSAGE_IDS_WIRE}"),
            query: vec![],
            body: None,
            response: Some(listing_json()),
            call: |c| {
                Box::pin(async move {
                    let listing = c
                        .chat()
                        .get_chats_user_message(USER_ID, MESSAGE_IDS)
                        .await?;
                    check_listing(&listing);
                    Ok(model(&listing))
                })
            },
        },
        Case {
            operation: "get_chats_user_messages",
            variant: "limit, before and after set",
            method: "GET",
            path: format!("/api/v2/chats/users/{USER_ID}/messages"),
            query: vec![("limit", "50"), ("before", BEFORE), ("after", AFTER)],
            body: None,
            // The spec says this returns one ChatMessageResponse (not a listing).
            response: Some(message_json_2()),
            call: |c| {
                Box::pin(async move {
                    let message = c
                        .chat()
                        .get_chats_user_messages(USER_ID)
                        .limit("50")
                        .before(BEFORE)
                        .after(AFTER)
                        .await?;
                    assert_eq!(message.date_created, Some(at(2024, 5, 1, 12, 45, 9, 7)));
                    assert_eq!(message.attachment_deleted, Some(true));
                    assert_eq!(message, message_model_2());
                    Ok(model(&message))
                })
            },
        },
        Case {
            operation: "get_chats_user_messages",
            variant: "only limit set",
            method: "GET",
            path: format!("/api/v2/chats/users/{USER_ID}/messages"),
            query: vec![("limit", "50")],
            body: None,
            response: Some(message_json_2()),
            call: |c| {
                Box::pin(async move {
                    let message = c
                        .chat()
                        .get_chats_user_messages(USER_ID)
                        .limit("50")
                        .await?;
                    assert_eq!(message, message_model_2());
                    Ok(model(&message))
                })
            },
        },
        Case {
            operation: "get_chats_user_settings",
            variant: "",
            method: "GET",
            path: format!("/api/v2/chats/users/{USER_ID}/settings"),
            query: vec![],
            body: None,
            response: Some(json!({"mobile": {"notifications": {"when": "OnlyWhenInactive"}}})),
            call: |c| {
                Box::pin(async move {
                    let settings = c.chat().get_chats_user_settings(USER_ID).await?;
                    assert_eq!(
                        settings,
                        user_settings(MobileNotificationSettingsWhen::OnlyWhenInactive)
                    );
                    Ok(model(&settings))
                })
            },
        },
        Case {
            operation: "patch_chats_room",
            variant: "every field set",
            method: "PATCH",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}"),
            query: vec![],
            body: Some(json!({
                "description": "Coordination for the 2024.05.1 rollout",
                "subject": "Rollout 2024.05.1: phase 2",
                "pinnedMessageIds": [MESSAGE_ID, MESSAGE_ID_2],
                "ownerIds": [SENDER_ID, USER_ID]
            })),
            response: None,
            call: |c| {
                Box::pin(async move {
                    let body = RoomUpdateRequest::new()
                        .with_description("Coordination for the 2024.05.1 rollout")
                        .with_subject("Rollout 2024.05.1: phase 2")
                        .with_pinned_message_ids(vec![
                            MESSAGE_ID.to_owned(),
                            MESSAGE_ID_2.to_owned(),
                        ])
                        .with_owner_ids(vec![SENDER_ID.to_owned(), USER_ID.to_owned()]);
                    body.assert_full("request");
                    Ok(no_content(c.chat().patch_chats_room(ROOM_JID, body).await?))
                })
            },
        },
        Case {
            operation: "patch_chats_room",
            variant: "only subject set",
            method: "PATCH",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}"),
            query: vec![],
            body: Some(json!({"subject": "Rollout 2024.05.1: done"})),
            response: None,
            call: |c| {
                Box::pin(async move {
                    let body = RoomUpdateRequest::new().with_subject("Rollout 2024.05.1: done");
                    Ok(no_content(c.chat().patch_chats_room(ROOM_JID, body).await?))
                })
            },
        },
        Case {
            operation: "patch_chats_room_message",
            variant: "message, mentions and threadId",
            method: "PATCH",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}/messages/{MESSAGE_ID}"),
            query: vec![],
            body: Some(full_send_message_json()),
            response: Some(sent_json()),
            call: |c| {
                Box::pin(async move {
                    let body = full_send_message_body();
                    body.assert_full("request");
                    let sent = c
                        .chat()
                        .patch_chats_room_message(ROOM_JID, MESSAGE_ID, body)
                        .await?;
                    assert_eq!(sent, sent_model());
                    Ok(model(&sent))
                })
            },
        },
        Case {
            operation: "patch_chats_settings",
            variant: "",
            method: "PATCH",
            path: "/api/v2/chats/settings".into(),
            query: vec![],
            body: Some(json!({"messageRetentionPeriodDays": 90})),
            response: Some(json!({"messageRetentionPeriodDays": 90})),
            call: |c| {
                Box::pin(async move {
                    let settings = c
                        .chat()
                        .patch_chats_settings(
                            ChatSettings::new().with_message_retention_period_days(90),
                        )
                        .await?;
                    assert_eq!(settings.message_retention_period_days, Some(90));
                    Ok(model(&settings))
                })
            },
        },
        Case {
            operation: "patch_chats_user_message",
            variant: "only message set; message id with / ? = #",
            method: "PATCH",
            path: format!("/api/v2/chats/users/{USER_ID}/messages/{HOSTILE_ID_WIRE}"),
            query: vec![],
            body: Some(json!({"message": "Fixed the typo, sorry!"})),
            response: Some(sent_json()),
            call: |c| {
                Box::pin(async move {
                    let body = SendMessageBody::new().with_message("Fixed the typo, sorry!");
                    let sent = c
                        .chat()
                        .patch_chats_user_message(USER_ID, HOSTILE_ID, body)
                        .await?;
                    assert_eq!(sent, sent_model());
                    Ok(model(&sent))
                })
            },
        },
        Case {
            operation: "patch_chats_user_settings",
            variant: "",
            method: "PATCH",
            path: format!("/api/v2/chats/users/{USER_ID}/settings"),
            query: vec![],
            body: Some(json!({"mobile": {"notifications": {"when": "Always"}}})),
            response: Some(json!({"mobile": {"notifications": {"when": "Always"}}})),
            call: |c| {
                Box::pin(async move {
                    let body = user_settings(MobileNotificationSettingsWhen::Always);
                    body.assert_full("request");
                    let settings = c.chat().patch_chats_user_settings(USER_ID, body).await?;
                    assert_eq!(
                        settings,
                        user_settings(MobileNotificationSettingsWhen::Always)
                    );
                    Ok(model(&settings))
                })
            },
        },
        Case {
            operation: "post_chats_room_messages",
            variant: "message, mentions and threadId",
            method: "POST",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}/messages"),
            query: vec![],
            body: Some(full_send_message_json()),
            response: Some(sent_json()),
            call: |c| {
                Box::pin(async move {
                    let sent = c
                        .chat()
                        .post_chats_room_messages(ROOM_JID, full_send_message_body())
                        .await?;
                    assert_eq!(sent.id.as_deref(), Some(MESSAGE_ID));
                    Ok(model(&sent))
                })
            },
        },
        Case {
            operation: "post_chats_room_participant",
            variant: "no body",
            method: "POST",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}/participants/{USER_ID}"),
            query: vec![],
            body: None,
            response: None,
            call: |c| {
                Box::pin(async move {
                    Ok(no_content(
                        c.chat()
                            .post_chats_room_participant(ROOM_JID, USER_ID)
                            .await?,
                    ))
                })
            },
        },
        Case {
            operation: "post_chats_room_pinnedmessages",
            variant: "",
            method: "POST",
            path: format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}/pinnedmessages"),
            query: vec![],
            body: Some(json!({"pinnedMessageIds": [MESSAGE_ID, MESSAGE_ID_2]})),
            response: None,
            call: |c| {
                Box::pin(async move {
                    let body = PinnedMessageRequest::new().with_pinned_message_ids(vec![
                        MESSAGE_ID.to_owned(),
                        MESSAGE_ID_2.to_owned(),
                    ]);
                    body.assert_full("request");
                    Ok(no_content(
                        c.chat()
                            .post_chats_room_pinnedmessages(ROOM_JID, body)
                            .await?,
                    ))
                })
            },
        },
        Case {
            operation: "post_chats_rooms",
            variant: "",
            method: "POST",
            path: "/api/v2/chats/rooms".into(),
            query: vec![],
            body: Some(json!({
                "description": "Coordination for the 2024.05.1 rollout",
                "subject": "Rollout 2024.05.1",
                "userIds": [SENDER_ID, USER_ID]
            })),
            response: Some(json!({"jid": NEW_ROOM_JID})),
            call: |c| {
                Box::pin(async move {
                    let body = CreateRoomRequest::new()
                        .with_description("Coordination for the 2024.05.1 rollout")
                        .with_subject("Rollout 2024.05.1")
                        .with_user_ids(vec![SENDER_ID.to_owned(), USER_ID.to_owned()]);
                    body.assert_full("request");
                    let created = c.chat().post_chats_rooms(body).await?;
                    assert_eq!(created, CreateRoomResponse::new().with_jid(NEW_ROOM_JID));
                    Ok(model(&created))
                })
            },
        },
        Case {
            operation: "post_chats_user_messages",
            variant: "threadId left None is not sent",
            method: "POST",
            path: format!("/api/v2/chats/users/{USER_ID}/messages"),
            query: vec![],
            body: Some(json!({
                "message": "Lunch at 12:30?",
                "mentions": [USER_ID]
            })),
            response: Some(sent_json()),
            call: |c| {
                Box::pin(async move {
                    // `thread_id` is left `None`: no `with_thread_id`.
                    let body = SendMessageBody::new()
                        .with_message("Lunch at 12:30?")
                        .with_mentions(vec![USER_ID.to_owned()]);
                    assert_eq!(body.thread_id, None);
                    let sent = c.chat().post_chats_user_messages(USER_ID, body).await?;
                    assert_eq!(sent, sent_model());
                    Ok(model(&sent))
                })
            },
        },
        Case {
            operation: "put_chats_settings",
            variant: "",
            method: "PUT",
            path: "/api/v2/chats/settings".into(),
            query: vec![],
            body: Some(json!({"messageRetentionPeriodDays": 180})),
            response: Some(json!({"messageRetentionPeriodDays": 180})),
            call: |c| {
                Box::pin(async move {
                    let settings = c
                        .chat()
                        .put_chats_settings(
                            ChatSettings::new().with_message_retention_period_days(180),
                        )
                        .await?;
                    assert_eq!(settings.message_retention_period_days, Some(180));
                    Ok(model(&settings))
                })
            },
        },
    ]
}

// ---------------------------------------------------------------------------------------------
// Fixtures: what the server answers, and the models it must decode to (built by hand, so that
// the comparison does not go through the SDK's serde attributes).

fn at(year: i32, month: u32, day: u32, hour: u32, min: u32, sec: u32, milli: u32) -> DateTime {
    NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_milli_opt(hour, min, sec, milli))
        .expect("a valid date-time")
        .and_utc()
}

fn user_ref_json(id: &str) -> Value {
    json!({"id": id, "selfUri": format!("/api/v2/users/{id}")})
}

fn user_ref(id: &str) -> AddressableEntityRef {
    AddressableEntityRef::new()
        .with_id(id)
        .with_self_uri(format!("/api/v2/users/{id}"))
}

/// A room message: edited, in a thread that is itself a reply, with mentions, an attachment
/// and reactions.
fn message_json() -> Value {
    json!({
        "id": MESSAGE_ID,
        "dateCreated": "2024-05-01T12:30:00.123Z",
        "dateModified": "2024-05-01T12:31:15.250Z",
        "toJid": ROOM_JID,
        "jid": SENDER_JID,
        "body": "Deploy 2024.05.1 is out, @Dana Whitfield can you check the dashboards?",
        "mentions": {
            USER_ID: "Dana Whitfield",
            SENDER_ID: "Sam Okafor"
        },
        "edited": true,
        "attachmentDeleted": false,
        "fileUri": "https://files.example.com/chat/adhoc-5f3e9a/deploy-2024.05.1.log",
        "thread": {"id": THREAD_ID},
        "parentThread": {"id": PARENT_THREAD_ID},
        "user": user_ref_json(SENDER_ID),
        "toUser": user_ref_json(USER_ID),
        "reactions": [
            {"emoji": "👍", "users": [user_ref_json(USER_ID)]},
            {"emoji": "🎉", "users": [user_ref_json(USER_ID), user_ref_json(SENDER_ID)]}
        ]
    })
}

fn message_model() -> ChatMessageResponse {
    ChatMessageResponse::new()
        .with_id(MESSAGE_ID)
        .with_date_created(at(2024, 5, 1, 12, 30, 0, 123))
        .with_date_modified(at(2024, 5, 1, 12, 31, 15, 250))
        .with_to_jid(ROOM_JID)
        .with_jid(SENDER_JID)
        .with_body("Deploy 2024.05.1 is out, @Dana Whitfield can you check the dashboards?")
        .with_mentions(BTreeMap::from([
            (USER_ID.to_owned(), "Dana Whitfield".to_owned()),
            (SENDER_ID.to_owned(), "Sam Okafor".to_owned()),
        ]))
        .with_edited(true)
        .with_attachment_deleted(false)
        .with_file_uri("https://files.example.com/chat/adhoc-5f3e9a/deploy-2024.05.1.log")
        .with_thread(Entity::new().with_id(THREAD_ID))
        .with_parent_thread(Entity::new().with_id(PARENT_THREAD_ID))
        .with_user(user_ref(SENDER_ID))
        .with_to_user(user_ref(USER_ID))
        .with_reactions(vec![
            ChatReaction::new()
                .with_emoji("👍")
                .with_users(vec![user_ref(USER_ID)]),
            ChatReaction::new()
                .with_emoji("🎉")
                .with_users(vec![user_ref(USER_ID), user_ref(SENDER_ID)]),
        ])
}

/// A 1on1 message: not edited, its attachment deleted.
fn message_json_2() -> Value {
    json!({
        "id": MESSAGE_ID_2,
        "dateCreated": "2024-05-01T12:45:09.007Z",
        "dateModified": "2024-05-02T08:00:00.000Z",
        "toJid": USER_JID,
        "jid": SENDER_JID,
        "body": "Here is the post-mortem draft, thanks @Dana Whitfield",
        "mentions": {USER_ID: "Dana Whitfield"},
        "edited": false,
        "attachmentDeleted": true,
        "fileUri": "https://files.example.com/chat/1on1/post-mortem-draft.pdf",
        "thread": {"id": PARENT_THREAD_ID},
        "parentThread": {"id": THREAD_ID},
        "user": user_ref_json(SENDER_ID),
        "toUser": user_ref_json(USER_ID),
        "reactions": [{"emoji": "🙏", "users": [user_ref_json(USER_ID)]}]
    })
}

fn message_model_2() -> ChatMessageResponse {
    ChatMessageResponse::new()
        .with_id(MESSAGE_ID_2)
        .with_date_created(at(2024, 5, 1, 12, 45, 9, 7))
        .with_date_modified(at(2024, 5, 2, 8, 0, 0, 0))
        .with_to_jid(USER_JID)
        .with_jid(SENDER_JID)
        .with_body("Here is the post-mortem draft, thanks @Dana Whitfield")
        .with_mentions(BTreeMap::from([(
            USER_ID.to_owned(),
            "Dana Whitfield".to_owned(),
        )]))
        .with_edited(false)
        .with_attachment_deleted(true)
        .with_file_uri("https://files.example.com/chat/1on1/post-mortem-draft.pdf")
        .with_thread(Entity::new().with_id(PARENT_THREAD_ID))
        .with_parent_thread(Entity::new().with_id(THREAD_ID))
        .with_user(user_ref(SENDER_ID))
        .with_to_user(user_ref(USER_ID))
        .with_reactions(vec![
            ChatReaction::new()
                .with_emoji("🙏")
                .with_users(vec![user_ref(USER_ID)]),
        ])
}

fn listing_json() -> Value {
    json!({"entities": [message_json(), message_json_2()]})
}

fn check_listing(listing: &ChatMessageEntityListing) {
    let entities = listing.entities.as_deref().expect("entities");
    assert_eq!(entities.len(), 2);
    assert_eq!(entities[0].id.as_deref(), Some(MESSAGE_ID));
    assert_eq!(
        entities[0].date_created,
        Some(at(2024, 5, 1, 12, 30, 0, 123))
    );
    assert_eq!(entities[1].date_created, Some(at(2024, 5, 1, 12, 45, 9, 7)));
    assert_eq!(
        *listing,
        ChatMessageEntityListing::new().with_entities(vec![message_model(), message_model_2()])
    );
}

fn room_json() -> Value {
    json!({
        "id": ROOM_JID,
        "name": "Rollout 2024.05.1",
        "dateCreated": "2024-05-01T12:30:00.123Z",
        "roomType": "adhoc",
        "description": "Coordination for the 2024.05.1 rollout",
        "subject": "Rollout 2024.05.1: phase 1",
        "participantLimit": 250,
        "owners": [
            {"id": SENDER_ID, "selfUri": format!("/api/v2/users/{SENDER_ID}")}
        ],
        "pinnedMessages": [
            {"id": MESSAGE_ID, "selfUri": format!("/api/v2/chats/messages/{MESSAGE_ID}")},
            {"id": MESSAGE_ID_2, "selfUri": format!("/api/v2/chats/messages/{MESSAGE_ID_2}")}
        ],
        "selfUri": format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}")
    })
}

fn room_model() -> Room {
    let pinned = |id: &str| {
        AddressableEntityRef::new()
            .with_id(id)
            .with_self_uri(format!("/api/v2/chats/messages/{id}"))
    };
    Room::new()
        .with_id(ROOM_JID)
        .with_name("Rollout 2024.05.1")
        .with_date_created(at(2024, 5, 1, 12, 30, 0, 123))
        .with_room_type(RoomRoomType::Adhoc)
        .with_description("Coordination for the 2024.05.1 rollout")
        .with_subject("Rollout 2024.05.1: phase 1")
        .with_participant_limit(250)
        .with_owners(vec![
            UserReference::new()
                .with_id(SENDER_ID)
                .with_self_uri(format!("/api/v2/users/{SENDER_ID}")),
        ])
        .with_pinned_messages(vec![pinned(MESSAGE_ID), pinned(MESSAGE_ID_2)])
        .with_self_uri(format!("/api/v2/chats/rooms/{ROOM_JID_WIRE}"))
}

fn user_settings(when: MobileNotificationSettingsWhen) -> ChatUserSettings {
    ChatUserSettings::new().with_mobile(
        MobileSettings::new().with_notifications(MobileNotificationSettings::new().with_when(when)),
    )
}

// ---------------------------------------------------------------------------------------------
// "Fully populated": every field of a model, and of the models in it, is set. The models are
// `#[non_exhaustive]`, so the impls must destructure with `..`; instead of the compiler,
// `every_operation_of_the_spec_has_a_row` checks that each impl names every field the
// generated model has (as `api-manifest.json` lists them), so a field added to a model fails
// the tests until the fixtures fill it in.

trait Full {
    fn assert_full(&self, at: &str);
}

impl<T: Full> Full for Option<T> {
    fn assert_full(&self, at: &str) {
        match self {
            Some(value) => value.assert_full(at),
            None => panic!("{at} is None: the fixture leaves it out"),
        }
    }
}

impl<T: Full> Full for Vec<T> {
    fn assert_full(&self, at: &str) {
        assert!(!self.is_empty(), "{at} is empty");
        for (i, item) in self.iter().enumerate() {
            item.assert_full(&format!("{at}[{i}]"));
        }
    }
}

impl Full for BTreeMap<String, String> {
    fn assert_full(&self, at: &str) {
        assert!(!self.is_empty(), "{at} is empty");
    }
}

macro_rules! leaf {
    ($($ty:ty),* $(,)?) => {
        $(impl Full for $ty {
            fn assert_full(&self, _: &str) {}
        })*
    };
}
leaf!(String, bool, i32, DateTime);

impl Full for RoomRoomType {
    fn assert_full(&self, at: &str) {
        assert!(!matches!(self, RoomRoomType::Unknown(_)), "{at}: {self:?}");
    }
}

impl Full for MobileNotificationSettingsWhen {
    fn assert_full(&self, at: &str) {
        assert!(
            !matches!(self, MobileNotificationSettingsWhen::Unknown(_)),
            "{at}: {self:?}"
        );
    }
}

macro_rules! full_struct {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {
        $(impl Full for $ty {
            fn assert_full(&self, at: &str) {
                let $ty { $($field,)* .. } = self;
                $($field.assert_full(&format!("{at}.{}", stringify!($field)));)*
            }
        })*

        /// The models with a `Full` impl and the fields it checks, in order.
        const FULL_STRUCTS: &[(&str, &[&str])] = &[
            $((stringify!($ty), &[$(stringify!($field)),*])),*
        ];
    };
}

full_struct! {
    AddressableEntityRef { id, self_uri }
    ChatMessageEntityListing { entities }
    ChatMessageResponse {
        id, date_created, date_modified, to_jid, jid, body, mentions, edited,
        attachment_deleted, file_uri, thread, parent_thread, user, to_user, reactions,
    }
    ChatReaction { emoji, users }
    ChatSendMessageResponse { id }
    ChatSettings { message_retention_period_days }
    ChatUserSettings { mobile }
    CreateRoomRequest { description, subject, user_ids }
    CreateRoomResponse { jid }
    Entity { id }
    MobileNotificationSettings { when }
    MobileSettings { notifications }
    PinnedMessageRequest { pinned_message_ids }
    Room {
        id, name, date_created, room_type, description, subject, participant_limit, owners,
        pinned_messages, self_uri,
    }
    RoomUpdateRequest { description, subject, pinned_message_ids, owner_ids }
    SendMessageBody { message, mentions, thread_id }
    UserReference { id, self_uri }
}

// ---------------------------------------------------------------------------------------------
// The harness.

/// A mock server on loopback and a client of it. One per test, so that the client (which
/// takes a while to build) is built once; each row starts from a reset server.
struct Harness {
    server: MockServer,
    client: Client,
}

impl Harness {
    async fn start() -> Self {
        let server = MockServer::start().await;
        let client = Client::builder()
            .base_url(server.uri())
            .access_token(TOKEN)
            .retry_policy(RetryPolicy::disabled())
            .timeout(Duration::from_secs(10))
            .build()
            .expect("the client builds");
        Harness { server, client }
    }
}

fn label(case: &Case) -> String {
    if case.variant.is_empty() {
        case.operation.to_owned()
    } else {
        format!("{} ({})", case.operation, case.variant)
    }
}

fn sorted_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort();
    pairs
}

fn query_pairs(request: &Request) -> Vec<(String, String)> {
    sorted_pairs(request.url.query_pairs().into_owned())
}

fn header_values(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .collect()
}

fn describe(request: &Request) -> String {
    let headers: Vec<String> = request
        .headers
        .iter()
        .map(|(name, value)| format!("{name}: {}", String::from_utf8_lossy(value.as_bytes())))
        .collect();
    format!(
        "{} {} [{}] body: {:?}",
        request.method,
        request.url,
        headers.join("; "),
        String::from_utf8_lossy(&request.body)
    )
}

/// `value` with `.000` dropped from date-times that end in `.000Z`: the models encode
/// date-times as chrono does (`2024-05-02T08:00:00Z`), which is the instant the service sent as
/// `2024-05-02T08:00:00.000Z`. No other difference is tolerated.
fn zero_millis_dropped(value: &Value) -> Value {
    match value {
        Value::String(text) => match text.strip_suffix(".000Z") {
            Some(stem) if text.parse::<DateTime>().is_ok() => Value::String(format!("{stem}Z")),
            _ => value.clone(),
        },
        Value::Array(items) => Value::Array(items.iter().map(zero_millis_dropped).collect()),
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(name, field)| (name.clone(), zero_millis_dropped(field)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Checks the one request that arrived against `case`, field by field.
fn check_request(case: &Case, request: &Request, problems: &mut Vec<String>) {
    if request.method.as_str() != case.method {
        problems.push(format!("method {} (want {})", request.method, case.method));
    }
    if request.url.path() != case.path {
        problems.push(format!("path {} (want {})", request.url.path(), case.path));
    }
    let want_query = sorted_pairs(
        case.query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    if query_pairs(request) != want_query {
        problems.push(format!(
            "query {:?} (want {want_query:?})",
            query_pairs(request)
        ));
    }
    if want_query.is_empty() && request.url.query().is_some() {
        problems.push(format!(
            "a query string {:?} where none was set",
            request.url.query()
        ));
    }
    let want_header = |name: &str, want: &[&str], problems: &mut Vec<String>| {
        let got = header_values(request, name);
        if got != want {
            problems.push(format!("header {name}: {got:?} (want {want:?})"));
        }
    };
    let bearer = format!("Bearer {TOKEN}");
    want_header("authorization", &[bearer.as_str()], problems);
    want_header("accept", &["application/json"], problems);
    want_header("user-agent", &[USER_AGENT], problems);
    match &case.body {
        Some(want) => {
            want_header("content-type", &["application/json"], problems);
            match serde_json::from_slice::<Value>(&request.body) {
                Ok(got) if got == *want => {}
                Ok(got) => problems.push(format!("body {got} (want {want})")),
                Err(e) => problems.push(format!(
                    "body is not JSON ({e}): {:?}",
                    String::from_utf8_lossy(&request.body)
                )),
            }
        }
        None => {
            want_header("content-type", &[], problems);
            if !request.body.is_empty() {
                problems.push(format!(
                    "a body where none is expected: {:?}",
                    String::from_utf8_lossy(&request.body)
                ));
            }
        }
    }
}

/// Runs one row: mounts a mock that matches only the expected request, makes the call, and
/// checks what arrived and what the call returned. `Err` lists every difference.
async fn run_case(harness: &Harness, case: &Case) -> Result<(), String> {
    let label = label(case);
    let server = &harness.server;
    // No mock and no recorded request from an earlier row.
    server.reset().await;

    let want_query = sorted_pairs(
        case.query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    let mut mock = Mock::given(method(case.method))
        .and(path(case.path.as_str()))
        .and(move |request: &Request| query_pairs(request) == want_query)
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("accept", "application/json"));
    mock = match &case.body {
        Some(body) => mock
            .and(header("content-type", "application/json"))
            .and(body_json(body)),
        None => mock.and(|request: &Request| request.body.is_empty()),
    };
    let template = match &case.response {
        Some(body) => ResponseTemplate::new(200).set_body_json(body),
        None => ResponseTemplate::new(204),
    };
    mock.respond_with(template)
        .named(label.as_str())
        .expect(1)
        .mount(server)
        .await;

    let outcome = (case.call)(harness.client.clone()).await;

    let mut problems = Vec::new();
    let requests = server
        .received_requests()
        .await
        .expect("request recording is on");
    match requests.as_slice() {
        [request] => check_request(case, request, &mut problems),
        other => problems.push(format!(
            "{} requests arrived (want exactly 1): {:?}",
            other.len(),
            other.iter().map(describe).collect::<Vec<_>>()
        )),
    }
    match (outcome, &case.response) {
        (Ok(Outcome::Model(got)), Some(sent)) => {
            if zero_millis_dropped(&got) != zero_millis_dropped(sent) {
                problems.push(format!(
                    "the decoded response re-encodes as {got}, not as the JSON sent: {sent}"
                ));
            }
        }
        (Ok(Outcome::NoContent), None) => {}
        (Ok(got), want) => problems.push(format!(
            "the call returned {got:?} where the server answered {want:?}"
        )),
        (Err(e), _) => problems.push(format!("the call failed: {e}")),
    }

    if problems.is_empty() {
        server.verify().await;
        Ok(())
    } else {
        // Forget the unmet expectation, so that dropping the server does not panic over it
        // (wiremock verifies on drop): the caller reports `problems` instead.
        if let [request, ..] = requests.as_slice() {
            problems.push(format!("what arrived: {}", describe(request)));
        }
        server.reset().await;
        Err(format!("{label}:\n    - {}", problems.join("\n    - ")))
    }
}

// ---------------------------------------------------------------------------------------------
// The tests.

#[tokio::test]
async fn every_operation_sends_the_right_request_and_decodes_the_response() {
    let harness = Harness::start().await;
    let mut failures = Vec::new();
    let cases = cases();
    for case in &cases {
        if let Err(report) = run_case(&harness, case).await {
            failures.push(report);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} calls went wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The harness is strict: a row whose expectation differs from what the SDK sends fails.
#[tokio::test]
async fn the_harness_notices_a_wrong_request() {
    let harness = Harness::start().await;
    let cases = cases();
    let find = |operation: &str, variant: &str| {
        cases
            .iter()
            .find(|c| c.operation == operation && c.variant == variant)
            .cloned()
            .expect("the row exists")
    };
    let posting = find("post_chats_room_messages", "message, mentions and threadId");
    let history = find("get_chats_room_messages", "limit, before and after set");
    let bare_history = find("get_chats_room_messages", "no query parameter set");
    let deleting = find(
        "delete_chats_user_message",
        "message id with / ? = # stays one segment",
    );

    let mut wrong = Vec::new();
    let mut mutate = |what: &str, base: &Case, change: &dyn Fn(&mut Case)| {
        let mut case = base.clone();
        change(&mut case);
        wrong.push((what.to_owned(), case));
    };
    mutate("method", &posting, &|c| c.method = "PUT");
    mutate("path: JID not encoded", &posting, &|c| {
        c.path = c.path.replace("%40", "@");
    });
    mutate("path: / left raw", &deleting, &|c| {
        c.path = c.path.replace("%2F", "/");
    });
    mutate("query: a pair missing", &history, &|c| {
        c.query.pop();
    });
    mutate("query: a value differs", &history, &|c| c.query[0].1 = "26");
    mutate("query: a pair that was not set", &bare_history, &|c| {
        c.query.push(("limit", "25"));
    });
    mutate("body: a value differs", &posting, &|c| {
        c.body = Some(json!({
            "message": "something else",
            "mentions": [USER_ID, SENDER_ID],
            "threadId": THREAD_ID
        }));
    });
    mutate("body: a field missing", &posting, &|c| {
        c.body = Some(json!({
            "message": "Deploy 2024.05.1 is out, can you check the dashboards?",
            "mentions": [USER_ID, SENDER_ID]
        }));
    });
    mutate("body: none expected", &posting, &|c| c.body = None);
    mutate("body: one expected", &deleting, &|c| {
        c.body = Some(json!({}))
    });
    mutate("response: a field the model drops", &posting, &|c| {
        c.response = Some(json!({"id": MESSAGE_ID, "selfUri": "/api/v2/chats/messages/x"}));
    });
    mutate("response: an empty 204", &posting, &|c| c.response = None);

    // Sanity: the unmodified rows pass.
    for case in [&posting, &history, &bare_history, &deleting] {
        run_case(&harness, case)
            .await
            .expect("an unmodified row passes");
    }
    for (what, case) in &wrong {
        assert!(
            run_case(&harness, case).await.is_err(),
            "a row with a wrong {what} passed"
        );
    }
}

/// One operation of `spec/chat.yaml`.
struct SpecOperation {
    /// The `operationId` in snake case, as the SDK names the method.
    name: String,
    method: String,
    template: String,
    /// Whether it has a `requestBody`.
    has_body: bool,
    /// Whether it answers `204` (no content).
    no_content: bool,
}

/// The operations of `spec/chat.yaml`, read with a few line rules (the file's layout: a path
/// at indent 2, a method at indent 4, then `operationId`, `requestBody` and `responses`).
fn spec_operations() -> Vec<SpecOperation> {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/chat.yaml");
    let spec = std::fs::read_to_string(file).expect("spec/chat.yaml is readable");
    let mut operations: Vec<SpecOperation> = Vec::new();
    let (mut template, mut verb) = (String::new(), String::new());
    for line in spec.lines() {
        if line.starts_with("components:") {
            break;
        }
        if let Some(p) = line.strip_prefix("  /").and_then(|l| l.strip_suffix(':')) {
            template = format!("/{p}");
        } else if let Some(v) = line.strip_prefix("    ").and_then(|l| l.strip_suffix(':'))
            && ["get", "put", "post", "patch", "delete"].contains(&v)
        {
            verb = v.to_uppercase();
        } else if let Some(id) = line.trim().strip_prefix("operationId: ") {
            let mut name = String::new();
            for ch in id.chars() {
                if ch.is_ascii_uppercase() {
                    name.push('_');
                }
                name.push(ch.to_ascii_lowercase());
            }
            operations.push(SpecOperation {
                name,
                method: verb.clone(),
                template: template.clone(),
                has_body: false,
                no_content: false,
            });
        } else if let Some(last) = operations.last_mut() {
            match line.trim() {
                "requestBody:" => last.has_body = true,
                "'204':" => last.no_content = true,
                _ => {}
            }
        }
    }
    operations
}

/// Whether `path` is `template` with each `{parameter}` replaced by one non-empty,
/// fully percent-encoded segment.
fn fills_template(template: &str, path: &str) -> bool {
    let template: Vec<&str> = template.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    template.len() == path.len()
        && template.iter().zip(&path).all(|(t, p)| {
            if t.starts_with('{') && t.ends_with('}') {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-._~%".contains(c))
            } else {
                t == p
            }
        })
}

#[test]
fn every_operation_of_the_spec_has_a_row() {
    let listed: BTreeSet<&str> = OPERATIONS.into_iter().collect();
    assert_eq!(listed.len(), 24, "OPERATIONS has duplicates");

    let spec = spec_operations();
    let in_spec: BTreeSet<&str> = spec.iter().map(|op| op.name.as_str()).collect();
    assert_eq!(spec.len(), 24, "the spec has {} operations", spec.len());
    assert_eq!(in_spec, listed, "OPERATIONS differs from the spec");

    let cases = cases();
    let covered: BTreeSet<&str> = cases.iter().map(|c| c.operation).collect();
    assert_eq!(covered, listed, "rows and operations differ");

    // Each row agrees with the spec on its operation's method, path, body and response.
    for case in &cases {
        let label = label(case);
        let op = spec
            .iter()
            .find(|op| op.name == case.operation)
            .expect("in the spec");
        assert_eq!(case.method, op.method, "{label}");
        assert!(
            fills_template(&op.template, &case.path),
            "{label}: {} does not fill {}",
            case.path,
            op.template
        );
        assert_eq!(case.body.is_some(), op.has_body, "{label}: request body");
        assert_eq!(
            case.response.is_none(),
            op.no_content,
            "{label}: 204 or a model"
        );
        if !case.query.is_empty() {
            assert!(
                case.method == "GET" && case.path.ends_with("/messages"),
                "{label}: only the history operations take limit, before and after"
            );
        }
    }

    // "Fully populated" means every field: each `Full` impl names exactly the fields of its
    // model, in the order the generated crate declares them.
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/api-manifest.json");
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(file).expect("api-manifest.json is readable"),
    )
    .expect("api-manifest.json is JSON");
    for (model, checked) in FULL_STRUCTS {
        let fields: Vec<&str> = manifest["models"][model]["fields"]
            .as_array()
            .unwrap_or_else(|| panic!("api-manifest.json has no fields for {model}"))
            .iter()
            .map(|field| field["rust"].as_str().expect("a field's Rust name"))
            .collect();
        assert_eq!(
            *checked,
            fields.as_slice(),
            "the Full impl of {model} does not name every field of the model"
        );
    }

    // The table exercises the encodings the issue asks for.
    assert!(cases.iter().any(|c| c.path.contains(ROOM_JID_WIRE)));
    assert!(
        cases
            .iter()
            .any(|c| c.path.contains("%2F") && c.path.contains("%3F"))
    );
}
