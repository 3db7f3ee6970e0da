//! Hand-written: the generated models decode what the service sends and encode what it expects.

use genesys_cloud_chat::models::{
    ChatMessageEntityListing, ErrorBody, LimitNamespace, MobileNotificationSettingsWhen, Room,
    RoomRoomType, SendMessageBody,
};
use genesys_cloud_chat::types::DateTime;
use serde_json::{Value, json};

#[test]
fn room_round_trips_with_json_names_and_real_dates() {
    let wire = json!({
        "id": "adhoc-5f3e9a@conference.example.com",
        "name": "Ops",
        "dateCreated": "2024-05-01T12:30:00.123Z",
        "roomType": "adhoc",
        "description": "Operations",
        "subject": "Incident 42",
        "participantLimit": 50,
        "owners": [{"id": "u1", "selfUri": "/api/v2/users/u1"}],
        "pinnedMessages": [{"id": "m1", "selfUri": "/api/v2/chats/messages/m1"}],
        "selfUri": "/api/v2/chats/rooms/adhoc-5f3e9a"
    });
    let room: Room = serde_json::from_value(wire.clone()).expect("decodes");
    assert_eq!(room.room_type, Some(RoomRoomType::Adhoc));
    let created: DateTime = "2024-05-01T12:30:00.123Z".parse().expect("date");
    assert_eq!(room.date_created, Some(created));
    assert_eq!(room.owners.as_ref().map(Vec::len), Some(1));
    let back = serde_json::to_value(&room).expect("encodes");
    // Same fields and values; the date is re-encoded in RFC 3339.
    assert_eq!(back["roomType"], "adhoc");
    assert_eq!(back["participantLimit"], 50);
    assert_eq!(back["owners"], wire["owners"]);
    let back_date: DateTime = serde_json::from_value(back["dateCreated"].clone()).expect("date");
    assert_eq!(back_date, created);
}

#[test]
fn unknown_enum_values_are_kept_and_round_trip() {
    let room: Room = serde_json::from_value(json!({"roomType": "brandNewKind"})).expect("decodes");
    assert_eq!(
        room.room_type,
        Some(RoomRoomType::Unknown("brandNewKind".into()))
    );
    assert_eq!(
        serde_json::to_value(&room).expect("encodes"),
        json!({"roomType": "brandNewKind"})
    );
    // Values with punctuation map to their variants and back.
    assert_eq!(
        LimitNamespace::from("agent.assistant"),
        LimitNamespace::AgentAssistant
    );
    assert_eq!(LimitNamespace::AgentAssistant.as_str(), "agent.assistant");
    assert_eq!(
        MobileNotificationSettingsWhen::from("OnlyWhenInactive").to_string(),
        "OnlyWhenInactive"
    );
    for known in RoomRoomType::KNOWN {
        assert_eq!(&RoomRoomType::from(known.as_str()), known);
    }
}

#[test]
fn unknown_fields_are_ignored_and_absent_fields_are_not_sent() {
    let body: SendMessageBody =
        serde_json::from_value(json!({"message": "hi", "somethingNew": {"x": 1}}))
            .expect("decodes");
    assert_eq!(body.message.as_deref(), Some("hi"));
    assert_eq!(
        serde_json::to_value(&body).expect("encodes"),
        json!({"message": "hi"})
    );
    assert_eq!(
        serde_json::to_value(SendMessageBody::default()).expect("encodes"),
        json!({})
    );
}

#[test]
fn recursive_error_bodies_and_maps_decode() {
    let wire = json!({
        "message": "Bad request",
        "code": "bad.request",
        "status": 400,
        "messageParams": {"field": "roomJid"},
        "contextId": "ctx-1",
        "details": [{"errorCode": "E1", "fieldName": "roomJid"}],
        "errors": [{"message": "inner", "errors": [{"message": "innermost"}]}],
        "limit": {"key": "k", "namespace": "chat.future", "value": 9007199254740993_i64}
    });
    let error: ErrorBody = serde_json::from_value(wire).expect("decodes");
    let inner = &error.errors.as_ref().expect("errors")[0];
    assert_eq!(
        inner.errors.as_ref().expect("nested")[0].message.as_deref(),
        Some("innermost")
    );
    assert_eq!(
        error
            .message_params
            .as_ref()
            .and_then(|m| m.get("field"))
            .map(String::as_str),
        Some("roomJid")
    );
    let limit = error.limit.as_ref().expect("limit");
    assert_eq!(
        limit.namespace,
        Some(LimitNamespace::Unknown("chat.future".into()))
    );
    assert_eq!(limit.value, Some(9_007_199_254_740_993));
}

#[test]
fn message_listings_decode() {
    let listing: ChatMessageEntityListing = serde_json::from_value(json!({
        "entities": [{
            "id": "m1",
            "dateCreated": "2024-05-01T12:30:00Z",
            "body": "hello",
            "mentions": {"u2": "@Bob"},
            "edited": false,
            "thread": {"id": "t1"},
            "user": {"id": "u1"},
            "reactions": [{"emoji": "👍", "users": [{"id": "u2"}]}]
        }]
    }))
    .expect("decodes");
    let message = &listing.entities.as_ref().expect("entities")[0];
    assert_eq!(
        message.thread.as_ref().and_then(|t| t.id.as_deref()),
        Some("t1")
    );
    assert_eq!(
        message.reactions.as_ref().expect("reactions")[0]
            .emoji
            .as_deref(),
        Some("👍")
    );
    assert!(matches!(
        serde_json::to_value(message).expect("encodes"),
        Value::Object(_)
    ));
}

/// A date-time the service sends without a UTC offset is read as UTC instead of failing the
/// whole model; every form decodes to the same instant and encodes the way chrono writes it.
#[test]
fn date_times_without_an_offset_are_read_as_utc() {
    let want: DateTime = "2024-05-01T12:30:00Z".parse().expect("an instant");
    for text in [
        "2024-05-01T12:30:00Z",
        "2024-05-01T12:30:00.000Z",
        "2024-05-01T14:30:00+02:00",
        "2024-05-01T12:30:00",
        "2024-05-01T12:30:00.000",
    ] {
        let room: Room = serde_json::from_value(json!({"id": "r1", "dateCreated": text}))
            .unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(room.date_created, Some(want), "{text}");
    }
    let room: Room = serde_json::from_value(json!({"dateCreated": null})).expect("null");
    assert_eq!(room.date_created, None);
    let bad = serde_json::from_value::<Room>(json!({"dateCreated": "yesterday"}));
    assert!(bad.is_err(), "not a date-time at all: {bad:?}");
}
