//! Typed events of the chat topics, and of the service's system topics.
//!
//! # Where the shapes come from
//!
//! The Notifications API lists every topic with its schema (`GET
//! /api/v2/notifications/availabletopics`); the official SDKs generate their event models from
//! that list and map each topic to one (`notificationMappings.json` of the official Python SDK,
//! `PureCloudPlatformClientV2` 257.1.0, whose models give the shapes below). The chat topics
//! there are:
//!
//! | topic | model here | official model |
//! | --- | --- | --- |
//! | `v2.detail.events.collaboratechat.adhoc.{id}.messages` | [`ChatMessageEvent`] | `CollaborateChatAdhocMessageEventTopicCollaborateChatMessage` |
//! | `v2.detail.events.collaboratechat.group.{id}.messages` | [`ChatMessageEvent`] | `CollaborateChatGroupMessageEventTopicCollaborateChatMessage` |
//! | `v2.users.{id}.badges.chats` | [`ChatBadge`] | `ChatBadgeTopicChatBadge` |
//!
//! The two message topics have the same shape. The list calls each topic's placeholder `{id}`
//! without saying more; by the topics' names it is the id of the ad-hoc room, of the group
//! whose room it is, and of the user (the SDK does not derive it from a room's JID, whose form
//! the API does not promise). [`ChatTopic`] names and recognizes
//! these topics; [`Event::chat`](super::Event::chat) decodes their events. Every other topic
//! decodes into a type of your own with [`Event::decode`](super::Event::decode).
//!
//! The service's own `v2.system.*` topics (`v2.system.token_revoked.{id}`,
//! `v2.system.no_longer_subscribed.{id}`, …) arrive without a subscription and decode into
//! [`SystemMessage`]; the stream itself acts on `v2.system.socket_closing` and on the
//! `channel.metadata` heartbeats, which it does not yield.

use std::collections::BTreeMap;
use std::fmt;

use super::{Event, RealtimeError};

crate::runtime::string_enum! {
    /// What happened to a chat message.
    pub enum ChatAction {
        Create = "Create",
        Edit = "Edit",
        Delete = "Delete",
    }
}

crate::runtime::string_enum! {
    /// What a [`ChatEntity`] is.
    pub enum ChatEntityType {
        Group = "Group",
        User = "User",
        Adhoc = "Adhoc",
    }
}

crate::runtime::model! {
    /// A user, a group or an ad-hoc room in a chat event: the sender, the recipient, a
    /// mention.
    #[derive(Default)]
    pub struct ChatEntity {
        /// Its JID (a room's JID for a room, a user's for a user).
        0 "entityJid" "entity_jid" entity_jid: Option<String> = opt => #[doc = "Sets `entity_jid` (to `Some(value)`)."] with_entity_jid(String),
        /// Its id.
        1 "entityId" "entity_id" entity_id: Option<String> = opt => #[doc = "Sets `entity_id` (to `Some(value)`)."] with_entity_id(String),
        /// What it is.
        2 "entityType" "entity_type" entity_type: Option<ChatEntityType> = opt => #[doc = "Sets `entity_type` (to `Some(value)`)."] with_entity_type(ChatEntityType),
    }
    decode in_place
}

crate::runtime::model! {
    /// A chat message created, edited or deleted in a room: the body of the
    /// `v2.detail.events.collaboratechat.{adhoc|group}.{id}.messages` topics.
    #[derive(Default)]
    pub struct ChatMessageEvent {
        /// The message's id (as `ChatMessageResponse::id` of the REST API).
        0 "messageId" "message_id" message_id: Option<String> = opt => #[doc = "Sets `message_id` (to `Some(value)`)."] with_message_id(String),
        /// When it was created, as the service writes it (the topic's schema says only
        /// "string").
        1 "created" "created" created: Option<String> = opt => #[doc = "Sets `created` (to `Some(value)`)."] with_created(String),
        /// What happened to it.
        2 "actionType" "action_type" action_type: Option<ChatAction> = opt => #[doc = "Sets `action_type` (to `Some(value)`)."] with_action_type(ChatAction),
        /// Its text.
        3 "body" "body" body: Option<String> = opt => #[doc = "Sets `body` (to `Some(value)`)."] with_body(String),
        /// Who sent it.
        4 "from" "from" from: Option<ChatEntity> = opt => #[doc = "Sets `from` (to `Some(value)`)."] with_from(ChatEntity),
        /// The room (or user) it went to.
        5 "to" "to" to: Option<ChatEntity> = opt => #[doc = "Sets `to` (to `Some(value)`)."] with_to(ChatEntity),
        /// Who it mentions.
        6 "mentions" "mentions" mentions: Option<Vec<ChatEntity>> = opt => #[doc = "Sets `mentions` (to `Some(value)`)."] with_mentions(Vec<ChatEntity>),
        /// Whether it notifies everyone in the room.
        7 "notifyAll" "notify_all" notify_all: Option<bool> = opt => #[doc = "Sets `notify_all` (to `Some(value)`)."] with_notify_all(bool),
        /// Its reactions: emoji → the ids of the users who reacted with it.
        8 "reactions" "reactions" reactions: Option<BTreeMap<String, Vec<String>>> = opt
            => #[doc = "Sets `reactions` (to `Some(value)`)."] with_reactions(BTreeMap<String, Vec<String>>),
    }
    decode in_place
}

crate::runtime::model! {
    /// The room a [`ChatBadge`] counts.
    #[derive(Default)]
    pub struct ChatBadgeEntity {
        /// The room's (or the other user's) JID.
        0 "jabberId" "jabber_id" jabber_id: Option<String> = opt => #[doc = "Sets `jabber_id` (to `Some(value)`)."] with_jabber_id(String),
    }
    decode in_place
}

crate::runtime::model! {
    /// A user's unread count in a room changed: the body of `v2.users.{id}.badges.chats`.
    #[derive(Default)]
    pub struct ChatBadge {
        /// The room.
        0 "entity" "entity" entity: Option<ChatBadgeEntity> = opt => #[doc = "Sets `entity` (to `Some(value)`)."] with_entity(ChatBadgeEntity),
        /// How many messages are unread.
        1 "unreadCount" "unread_count" unread_count: Option<i64> = opt => #[doc = "Sets `unread_count` (to `Some(value)`)."] with_unread_count(i64),
        /// When the last unread message arrived.
        2 "lastUnreadNotificationDate" "last_unread_notification_date" last_unread_notification_date: Option<crate::types::DateTime>
            = opt_date => #[doc = "Sets `last_unread_notification_date` (to `Some(value)`)."] with_last_unread_notification_date(crate::types::DateTime),
    }
    decode in_place
}

crate::runtime::model! {
    /// The body of the service's `v2.system.*` topics (`SystemMessageSystemMessage` of the
    /// official SDKs), which a channel receives without subscribing: a revoked token
    /// (`systemTopicType` `token_revoked`), subscriptions taken over by another channel
    /// (`no_longer_subscribed`, reason `another_channel_subscribed`), changed subscriptions.
    ///
    /// The channel's id, which the service also sends, is left out: it is a secret (whoever
    /// has it reads the channel's events), and this type's `Debug` would show it.
    #[derive(Default)]
    pub struct SystemMessage {
        /// `no_longer_subscribed`, `subscription_changed`, `token_revoked`, ….
        0 "systemTopicType" "system_topic_type" system_topic_type: Option<String> = opt => #[doc = "Sets `system_topic_type` (to `Some(value)`)."] with_system_topic_type(String),
        /// The service's correlation id.
        1 "correlationId" "correlation_id" correlation_id: Option<String> = opt => #[doc = "Sets `correlation_id` (to `Some(value)`)."] with_correlation_id(String),
        /// The organization.
        2 "organizationId" "organization_id" organization_id: Option<String> = opt => #[doc = "Sets `organization_id` (to `Some(value)`)."] with_organization_id(String),
        /// The user.
        3 "userId" "user_id" user_id: Option<String> = opt => #[doc = "Sets `user_id` (to `Some(value)`)."] with_user_id(String),
        /// The OAuth client.
        4 "oauthClientId" "oauth_client_id" oauth_client_id: Option<String> = opt => #[doc = "Sets `oauth_client_id` (to `Some(value)`)."] with_oauth_client_id(String),
        /// The OAuth client's organization.
        5 "oauthClientOrgId" "oauth_client_org_id" oauth_client_org_id: Option<String> = opt
            => #[doc = "Sets `oauth_client_org_id` (to `Some(value)`)."] with_oauth_client_org_id(String),
        /// `another_channel_subscribed`, `user_tokens_revoked`, ….
        6 "reason" "reason" reason: Option<String> = opt => #[doc = "Sets `reason` (to `Some(value)`)."] with_reason(String),
        /// A message for people.
        7 "message" "message" message: Option<String> = opt => #[doc = "Sets `message` (to `Some(value)`)."] with_message(String),
        /// More, by topic type.
        8 "data" "data" data: Option<serde_json::Map<String, serde_json::Value>> = opt
            => #[doc = "Sets `data` (to `Some(value)`)."] with_data(serde_json::Map<String, serde_json::Value>),
    }
    decode in_place
}

/// A chat topic: the topics whose events [`Event::chat`](super::Event::chat) decodes.
///
/// ```
/// use sdk_runtime::genesys::notifications::ChatTopic;
///
/// let topic = ChatTopic::Badges { user_id: "8f2e".into() };
/// assert_eq!(topic.to_string(), "v2.users.8f2e.badges.chats");
/// assert_eq!(ChatTopic::parse("v2.users.8f2e.badges.chats"), Some(topic));
/// assert_eq!(ChatTopic::parse("v2.users.8f2e.presence"), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChatTopic {
    /// `v2.detail.events.collaboratechat.adhoc.{id}.messages`: messages of an ad-hoc room.
    AdhocMessages {
        /// The `{id}` of the topic.
        id: String,
    },
    /// `v2.detail.events.collaboratechat.group.{id}.messages`: messages of a group's room.
    GroupMessages {
        /// The `{id}` of the topic.
        id: String,
    },
    /// `v2.users.{id}.badges.chats`: a user's unread counts.
    Badges {
        /// The user's id.
        user_id: String,
    },
}

const ADHOC_PREFIX: &str = "v2.detail.events.collaboratechat.adhoc.";
const GROUP_PREFIX: &str = "v2.detail.events.collaboratechat.group.";
const MESSAGES_SUFFIX: &str = ".messages";
const USERS_PREFIX: &str = "v2.users.";
const BADGES_SUFFIX: &str = ".badges.chats";

impl ChatTopic {
    /// Recognizes a chat topic (the fixed parts in any case, as the service treats them);
    /// `None` for any other topic.
    pub fn parse(topic: &str) -> Option<ChatTopic> {
        let id = |prefix: &str, suffix: &str| -> Option<String> {
            let head = topic.get(..prefix.len())?;
            let rest = topic.get(prefix.len()..)?;
            let cut = rest.len().checked_sub(suffix.len())?;
            let (id, tail) = (rest.get(..cut)?, rest.get(cut..)?);
            let whole = head.eq_ignore_ascii_case(prefix) && tail.eq_ignore_ascii_case(suffix);
            (whole && !id.is_empty() && !id.contains('.')).then(|| id.to_owned())
        };
        if let Some(id) = id(ADHOC_PREFIX, MESSAGES_SUFFIX) {
            Some(ChatTopic::AdhocMessages { id })
        } else if let Some(id) = id(GROUP_PREFIX, MESSAGES_SUFFIX) {
            Some(ChatTopic::GroupMessages { id })
        } else {
            id(USERS_PREFIX, BADGES_SUFFIX).map(|user_id| ChatTopic::Badges { user_id })
        }
    }
}

impl fmt::Display for ChatTopic {
    /// The topic's name, as a subscription names it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChatTopic::AdhocMessages { id } => write!(f, "{ADHOC_PREFIX}{id}{MESSAGES_SUFFIX}"),
            ChatTopic::GroupMessages { id } => write!(f, "{GROUP_PREFIX}{id}{MESSAGES_SUFFIX}"),
            ChatTopic::Badges { user_id } => write!(f, "{USERS_PREFIX}{user_id}{BADGES_SUFFIX}"),
        }
    }
}

impl From<ChatTopic> for String {
    fn from(topic: ChatTopic) -> String {
        topic.to_string()
    }
}

/// An event of a chat topic, decoded: see [`Event::chat`](super::Event::chat).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ChatEvent {
    /// A message was created, edited or deleted in a room.
    Message {
        /// The topic it came on ([`ChatTopic::AdhocMessages`] or
        /// [`ChatTopic::GroupMessages`]).
        topic: ChatTopic,
        /// The message.
        message: Box<ChatMessageEvent>,
    },
    /// A user's unread count in a room changed.
    Badge {
        /// The user's id.
        user_id: String,
        /// The count.
        badge: ChatBadge,
    },
}

impl ChatEvent {
    /// `event` decoded, when its topic is a chat topic.
    pub(super) fn of(event: &Event) -> Option<Result<ChatEvent, RealtimeError>> {
        let topic = ChatTopic::parse(event.topic())?;
        Some(match topic {
            ChatTopic::Badges { user_id } => event
                .decode::<ChatBadge>()
                .map(|badge| ChatEvent::Badge { user_id, badge }),
            topic => event
                .decode::<ChatMessageEvent>()
                .map(|message| ChatEvent::Message {
                    topic,
                    message: Box::new(message),
                }),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn chat_topics_are_recognized_and_named() {
        let adhoc = |id: &str| ChatTopic::AdhocMessages { id: id.into() };
        let group = |id: &str| ChatTopic::GroupMessages { id: id.into() };
        let badges = |id: &str| ChatTopic::Badges { user_id: id.into() };
        // (topic, what it is)
        let table = [
            (
                "v2.detail.events.collaboratechat.adhoc.r1.messages",
                Some(adhoc("r1")),
            ),
            (
                "V2.Detail.Events.CollaborateChat.Group.g-7.Messages",
                Some(group("g-7")),
            ),
            ("v2.users.u1.badges.chats", Some(badges("u1"))),
            ("v2.users.u1.presence", None),
            ("v2.users..badges.chats", None),
            ("v2.users.a.b.badges.chats", None),
            ("v2.detail.events.collaboratechat.adhoc.messages", None),
            ("v2.detail.events.collaboratechat.room.r1.messages", None),
            ("v2.users.u1.badges.chatsx", None),
            ("", None),
            ("v2.users.é.badges.chats", Some(badges("é"))),
        ];
        for (topic, want) in table {
            let got = ChatTopic::parse(topic);
            assert_eq!(got, want, "{topic}");
            if let Some(parsed) = got {
                assert!(parsed.to_string().eq_ignore_ascii_case(topic), "{topic}");
            }
        }
    }

    #[test]
    fn chat_events_decode_into_their_models() {
        let message = Event::new(
            "v2.detail.events.collaboratechat.group.g1.messages",
            json!({
                "messageId": "m1",
                "created": "2024-05-01T12:30:00.000Z",
                "actionType": "Create",
                "body": "hello",
                "from": {"entityJid": "u1@x", "entityId": "u1", "entityType": "User"},
                "to": {"entityJid": "g1@conference.x", "entityId": "g1", "entityType": "Group"},
                "mentions": [],
                "notifyAll": false,
                "reactions": {"👍": ["u2"]},
                "future": 1
            }),
        );
        let Some(Ok(ChatEvent::Message { topic, message })) = message.chat() else {
            panic!("a message event");
        };
        assert_eq!(topic, ChatTopic::GroupMessages { id: "g1".into() });
        assert_eq!(message.body.as_deref(), Some("hello"));
        assert_eq!(message.action_type, Some(ChatAction::Create));
        let from = message.from.expect("from");
        assert_eq!(from.entity_type, Some(ChatEntityType::User));
        assert_eq!(message.reactions.expect("reactions")["👍"], vec!["u2"]);

        let badge = Event::new(
            "v2.users.u1.badges.chats",
            json!({"entity": {"jabberId": "r@conference.x"}, "unreadCount": 3,
                   "lastUnreadNotificationDate": "2024-05-01T12:30:00"}),
        );
        let Some(Ok(ChatEvent::Badge { user_id, badge })) = badge.chat() else {
            panic!("a badge event");
        };
        assert_eq!((user_id.as_str(), badge.unread_count), ("u1", Some(3)));
        assert!(badge.last_unread_notification_date.is_some());

        let unknown_action = Event::new(
            "v2.detail.events.collaboratechat.adhoc.r1.messages",
            json!({"actionType": "Pin"}),
        );
        let Some(Ok(ChatEvent::Message { message, .. })) = unknown_action.chat() else {
            panic!("a message event");
        };
        assert_eq!(
            message
                .action_type
                .map(|a| a.as_str().to_owned())
                .as_deref(),
            Some("Pin")
        );

        let wrong = Event::new("v2.users.u1.badges.chats", json!({"unreadCount": "three"}));
        let error = wrong
            .chat()
            .expect("a chat topic")
            .expect_err("not a count");
        assert!(matches!(error, RealtimeError::Decode { .. }), "{error:?}");
        assert!(
            Event::new("v2.users.u1.presence", json!({}))
                .chat()
                .is_none()
        );
    }

    #[test]
    fn system_messages_leave_the_channel_id_out() {
        let event = Event::new(
            "v2.system.token_revoked.c1",
            json!({"channelId": "secret-channel", "systemTopicType": "token_revoked",
                   "reason": "user_tokens_revoked"}),
        );
        let system: SystemMessage = event.decode().expect("decodes");
        assert_eq!(system.system_topic_type.as_deref(), Some("token_revoked"));
        assert!(!format!("{system:?}").contains("secret-channel"));
    }
}
