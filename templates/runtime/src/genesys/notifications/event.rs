//! What the stream yields: events, and the markers of what may be missing; and how a text
//! frame from the service becomes one.

use std::fmt;
use std::time::SystemTime;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::RealtimeError;
use super::chat::ChatEvent;

/// The topic of the service's heartbeats (`{"message": "WebSocket Heartbeat"}`) and of its
/// answers to a ping (`{"message": "pong"}`), which every channel receives unasked.
pub const HEARTBEAT_TOPIC: &str = "channel.metadata";

/// The topic of the warning the service sends about a minute before it closes a connection
/// (at the latest 24 hours after the channel was created).
pub const SOCKET_CLOSING_TOPIC: &str = "v2.system.socket_closing";

/// One item of a [`Subscription`](super::Subscription): an event, or a marker where events
/// may be missing. Errors come as the `Err` of the stream's `Result` items.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Notification {
    /// An event on a subscribed topic (or one of the service's own `v2.system.*` topics).
    Event(Event),
    /// The connection was replaced (lost, silent, refused a frame, or closing without a
    /// successful handover): events published between [`Gap::since`] and [`Gap::until`] may
    /// be missing. Read them through the REST API (a room's message history) if they matter.
    Gap(Gap),
    /// The buffer was full because the stream was not read fast enough: [`Dropped::count`]
    /// events (and errors) were discarded at this point of the stream.
    Dropped(Dropped),
}

/// Where events may have been missed: see [`Notification::Gap`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Gap {
    /// When the replaced connection last delivered a frame (event or heartbeat).
    pub since: SystemTime,
    /// When the new connection's subscriptions were in place.
    pub until: SystemTime,
    /// Why the connection was replaced.
    pub reason: GapReason,
}

/// Why a connection was replaced and events may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GapReason {
    /// No frame (not even a heartbeat) arrived for more than two heartbeat intervals.
    HeartbeatLost,
    /// The service closed the connection (a close frame).
    ConnectionClosed,
    /// The connection failed or ended without a close frame.
    ConnectionLost,
    /// A frame was larger than the limit (see
    /// [`Realtime::max_frame_size`](super::Realtime::max_frame_size)); the rest of it could not
    /// be skipped, so the connection was replaced.
    FrameTooLarge,
}

impl fmt::Display for GapReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GapReason::HeartbeatLost => "no heartbeat for more than two intervals",
            GapReason::ConnectionClosed => "the service closed the connection",
            GapReason::ConnectionLost => "the connection was lost",
            GapReason::FrameTooLarge => "a frame was over the size limit",
        })
    }
}

/// Events discarded because the buffer was full: see [`Notification::Dropped`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Dropped {
    /// How many events (and non-fatal errors) were discarded.
    pub count: u64,
    /// When the first of them arrived.
    pub since: SystemTime,
}

/// An event: its topic, its body as JSON, and its metadata.
///
/// [`decode`](Self::decode) reads the body as any type; [`chat`](Self::chat) reads the chat
/// topics' bodies as this crate's models. `Debug` shows the topic, the correlation id and the
/// body's size, not the body.
#[derive(Clone)]
pub struct Event {
    topic: String,
    body: serde_json::Value,
    metadata: serde_json::Map<String, serde_json::Value>,
    /// The frame's size, which the buffer counts against its limit.
    pub(super) size: usize,
}

impl fmt::Debug for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Event")
            .field("topic", &self.topic)
            .field("correlation_id", &self.correlation_id())
            .field("bytes", &self.size)
            .finish_non_exhaustive()
    }
}

impl Event {
    /// An event on `topic` with `body`, as the service would send it (for tests of code that
    /// handles events).
    pub fn new(topic: impl Into<String>, body: serde_json::Value) -> Event {
        Event {
            topic: topic.into(),
            body,
            metadata: serde_json::Map::new(),
            size: 0,
        }
    }

    /// The topic, e.g. `v2.users.8f2e….badges.chats`.
    pub fn topic(&self) -> &str {
        &self.topic
    }

    /// The body (`eventBody`), as JSON.
    pub fn body(&self) -> &serde_json::Value {
        &self.body
    }

    /// The body, taken out of the event.
    pub fn into_body(self) -> serde_json::Value {
        self.body
    }

    /// The metadata (`metadata`), e.g. `{"CorrelationId": "…"}`.
    pub fn metadata(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.metadata
    }

    /// The service's id for this event (`metadata.CorrelationId`).
    pub fn correlation_id(&self) -> Option<&str> {
        self.metadata
            .get("CorrelationId")
            .and_then(serde_json::Value::as_str)
    }

    /// The body as a `T`: a model of this crate, or a type of your own for the topic.
    ///
    /// # Errors
    ///
    /// [`RealtimeError::Decode`], with the topic, the type and the decoder's message.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, RealtimeError> {
        T::deserialize(&self.body).map_err(|e| RealtimeError::Decode {
            topic: self.topic.clone(),
            expected: std::any::type_name::<T>(),
            message: e.to_string(),
        })
    }

    /// The event as one of the chat topics' models, when its topic is one of them
    /// ([`ChatTopic`](super::chat::ChatTopic)); `None` for any other topic.
    ///
    /// # Errors
    ///
    /// [`RealtimeError::Decode`] when the body of a chat topic is not what the topic's model
    /// describes.
    pub fn chat(&self) -> Option<Result<ChatEvent, RealtimeError>> {
        ChatEvent::of(self)
    }
}

/// What a text frame is.
pub(super) enum Frame {
    /// An event for the caller.
    Event(Event),
    /// A heartbeat or the answer to a ping.
    Heartbeat,
    /// The warning that the connection closes soon.
    Closing,
}

/// The frame as the service writes it.
#[derive(Deserialize)]
struct Wire {
    #[serde(rename = "topicName")]
    topic_name: String,
    #[serde(rename = "eventBody", default)]
    event_body: serde_json::Value,
    #[serde(default)]
    metadata: Option<serde_json::Map<String, serde_json::Value>>,
}

/// The most of a malformed frame an error quotes, in bytes.
const EXCERPT: usize = 200;

/// Reads a text frame.
///
/// # Errors
///
/// [`RealtimeError::Malformed`] for anything that is not a JSON object with a string
/// `topicName` (and, when present, an object `metadata`).
pub(super) fn parse(text: &str) -> Result<Frame, RealtimeError> {
    let wire: Wire = serde_json::from_str(text).map_err(|e| malformed(text, &e.to_string()))?;
    match wire.topic_name.as_str() {
        HEARTBEAT_TOPIC => Ok(Frame::Heartbeat),
        SOCKET_CLOSING_TOPIC => Ok(Frame::Closing),
        "" => Err(malformed(text, "the topicName is empty")),
        _ => Ok(Frame::Event(Event {
            topic: wire.topic_name,
            body: wire.event_body,
            metadata: wire.metadata.unwrap_or_default(),
            size: text.len(),
        })),
    }
}

/// A [`RealtimeError::Malformed`] for `frame`, quoting at most [`EXCERPT`] bytes of it.
pub(super) fn malformed(frame: &str, reason: &str) -> RealtimeError {
    let mut end = frame.len().min(EXCERPT);
    while !frame.is_char_boundary(end) {
        end -= 1;
    }
    let mut excerpt = frame[..end].to_owned();
    if end < frame.len() {
        excerpt.push('…');
    }
    RealtimeError::Malformed {
        reason: reason.to_owned(),
        excerpt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_read_or_refused_with_a_reason() {
        // (frame, what it is: "event", "heartbeat", "closing", or the start of the reason)
        let table = [
            (
                r#"{"topicName":"v2.users.u1.presence","eventBody":{"a":1},"metadata":{"CorrelationId":"c-1"}}"#,
                "event",
            ),
            (r#"{"topicName":"v2.users.u1.presence"}"#, "event"),
            (
                r#"{"topicName":"channel.metadata","eventBody":{"message":"WebSocket Heartbeat"}}"#,
                "heartbeat",
            ),
            (
                r#"{"topicName":"channel.metadata","eventBody":{"message":"pong"}}"#,
                "heartbeat",
            ),
            (
                r#"{"topicName":"v2.system.socket_closing","eventBody":{"message":"closing"}}"#,
                "closing",
            ),
            ("not json", "expected"),
            ("[1,2]", "invalid type"),
            (r#"{"eventBody":{}}"#, "missing field `topicName`"),
            (r#"{"topicName":7}"#, "invalid type"),
            (r#"{"topicName":""}"#, "the topicName is empty"),
            (r#"{"topicName":"t","metadata":[1]}"#, "invalid type"),
            ("", "EOF"),
        ];
        for (frame, want) in table {
            let got = match parse(frame) {
                Ok(Frame::Event(event)) => {
                    assert_eq!(event.topic(), "v2.users.u1.presence", "{frame}");
                    assert_eq!(event.size, frame.len());
                    "event".to_owned()
                }
                Ok(Frame::Heartbeat) => "heartbeat".to_owned(),
                Ok(Frame::Closing) => "closing".to_owned(),
                Err(RealtimeError::Malformed { reason, excerpt }) => {
                    assert_eq!(excerpt, frame, "{frame}");
                    reason
                }
                Err(other) => panic!("{frame}: {other:?}"),
            };
            assert!(got.starts_with(want), "{frame}: {got}");
        }
    }

    #[test]
    fn an_event_exposes_its_parts_and_decodes() {
        let frame =
            r#"{"topicName":"v2.t","eventBody":{"n":3},"metadata":{"CorrelationId":"c-9"}}"#;
        let Ok(Frame::Event(event)) = parse(frame) else {
            panic!("an event");
        };
        assert_eq!(event.correlation_id(), Some("c-9"));
        assert_eq!(event.body()["n"], 3);
        #[derive(Deserialize)]
        struct N {
            n: u8,
        }
        assert_eq!(event.decode::<N>().map(|v| v.n).ok(), Some(3));
        let error = event.decode::<Vec<String>>().expect_err("not a list");
        let text = error.to_string();
        assert!(text.contains("v2.t") && text.contains("Vec"), "{text}");
        let shown = format!("{event:?}");
        assert!(shown.contains("c-9") && !shown.contains("\"n\""), "{shown}");
    }

    #[test]
    fn excerpts_are_bounded_and_cut_on_a_character() {
        let long = "é".repeat(300);
        let RealtimeError::Malformed { excerpt, .. } = malformed(&long, "x") else {
            panic!("malformed");
        };
        assert!(
            excerpt.len() <= EXCERPT + '…'.len_utf8(),
            "{}",
            excerpt.len()
        );
        assert!(excerpt.ends_with('…'));
    }
}
