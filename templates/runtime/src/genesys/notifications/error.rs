//! What can go wrong with a realtime subscription.

use std::fmt;

/// An error of a realtime subscription: from [`Realtime::subscribe`](super::Realtime::subscribe),
/// from the handle's methods, or as an `Err` item of the stream.
///
/// On the stream, [`Malformed`](Self::Malformed) and [`TooLarge`](Self::TooLarge) are reports
/// and the stream goes on; the other variants are its last item. No variant's `Display` or
/// `Debug` shows the channel's id, its `connectUri` or a token.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum RealtimeError {
    /// The topics cannot be subscribed as asked, and nothing was sent: more than
    /// [`MAX_TOPICS`](super::MAX_TOPICS) on the channel, an empty topic or one with spaces, or
    /// one of the topics every channel receives unasked (`channel.metadata`, `v2.system.*`).
    InvalidTopics(String),
    /// A Notifications API request failed: creating the channel or changing its
    /// subscriptions. [`Error::Api`](crate::Error::Api) carries the service's answer (a 400
    /// for a topic it refuses, with its message); transport failures and timeouts are the
    /// client's usual errors.
    Api(crate::runtime::Error),
    /// The WebSocket could not be opened: the streaming host could not be reached, did not
    /// answer in time, or did not switch protocols.
    Connect(String),
    /// A frame that is not a notification (not JSON, no `topicName`, a binary frame). It is
    /// skipped and the stream goes on.
    Malformed {
        /// What is wrong with it.
        reason: String,
        /// Its beginning, at most 200 bytes.
        excerpt: String,
    },
    /// A frame over the size limit was refused without being read. The connection cannot
    /// skip it, so it is replaced and a [`Gap`](super::Gap) follows.
    TooLarge {
        /// The frame's size, as its header announced it.
        size: usize,
        /// The limit ([`Realtime::max_frame_size`](super::Realtime::max_frame_size)).
        limit: usize,
    },
    /// An event's body is not what the type it was decoded as describes.
    Decode {
        /// The event's topic.
        topic: String,
        /// The type it was decoded as.
        expected: &'static str,
        /// The decoder's message.
        message: String,
    },
    /// The connection was lost and could not be replaced within the reconnect policy's
    /// attempts and delay: `last` is the last attempt's error. The stream ends after it.
    GaveUp {
        /// How many attempts were made.
        attempts: u32,
        /// Why the last one failed.
        last: Box<RealtimeError>,
    },
    /// The subscription has ended (closed, or after its last error).
    Closed,
}

impl RealtimeError {
    /// Whether trying again (with a new channel) may succeed: transport failures, timeouts,
    /// a failed WebSocket handshake, and the service's 408, 429 and 5xx answers. The service's
    /// other refusals (a topic it does not accept, missing permissions, credentials the login
    /// service refuses) stay as they are.
    pub fn is_transient(&self) -> bool {
        match self {
            RealtimeError::Connect(_) => true,
            RealtimeError::Api(error) => match error {
                crate::runtime::Error::Transport(_)
                | crate::runtime::Error::Timeout(_)
                | crate::runtime::Error::LoginService(_) => true,
                crate::runtime::Error::Api(answer) => {
                    let status = answer.status.as_u16();
                    matches!(status, 408 | 429) || status >= 500
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// The service's error answer, when a Notifications API request got one.
    pub fn as_api(&self) -> Option<&crate::runtime::ApiError> {
        match self {
            RealtimeError::Api(error) => error.as_api(),
            RealtimeError::GaveUp { last, .. } => last.as_api(),
            _ => None,
        }
    }
}

impl fmt::Display for RealtimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RealtimeError::InvalidTopics(message) => {
                write!(f, "realtime: topics not subscribed: {message}")
            }
            RealtimeError::Api(error) => write!(f, "realtime: {error}"),
            RealtimeError::Connect(message) => {
                write!(f, "realtime: the WebSocket could not be opened: {message}")
            }
            RealtimeError::Malformed { reason, excerpt } => write!(
                f,
                "realtime: a frame that is not a notification was skipped ({reason}): {excerpt}"
            ),
            RealtimeError::TooLarge { size, limit } => write!(
                f,
                "realtime: a frame of {size} bytes is over the {limit}-byte limit; the \
                 connection is replaced"
            ),
            RealtimeError::Decode {
                topic,
                expected,
                message,
            } => write!(
                f,
                "realtime: an event of `{topic}` does not decode as `{expected}`: {message}"
            ),
            RealtimeError::GaveUp { attempts, last } => write!(
                f,
                "realtime: the connection could not be replaced after {attempts} attempt{}; \
                 the last failed with: {last}",
                if *attempts == 1 { "" } else { "s" }
            ),
            RealtimeError::Closed => f.write_str("realtime: the subscription has ended"),
        }
    }
}

impl std::error::Error for RealtimeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RealtimeError::Api(error) => Some(error),
            RealtimeError::GaveUp { last, .. } => Some(&**last),
            _ => None,
        }
    }
}

impl From<crate::runtime::Error> for RealtimeError {
    fn from(error: crate::runtime::Error) -> Self {
        RealtimeError::Api(error)
    }
}
