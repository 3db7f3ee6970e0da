//! The Notifications API operations the stream is built on, written the way generated
//! operations are (a parameter struct implementing [`Operation`], sent through
//! [`RequestBuilder`]), so that authentication, retries, the token cache, timeouts and errors
//! are the client's own. They are the plumbing of [`Subscription`](super::Subscription), not an
//! API group: a crate does not need the Notifications group generated to stream events.
//!
//! | operation | method and path |
//! | --- | --- |
//! | [`create_channel`] | `POST /api/v2/notifications/channels` |
//! | [`replace_subscriptions`] | `PUT /api/v2/notifications/channels/{channelId}/subscriptions` |
//! | [`add_subscriptions`] | `POST /api/v2/notifications/channels/{channelId}/subscriptions` |
//! | [`delete_subscriptions`] | `DELETE /api/v2/notifications/channels/{channelId}/subscriptions` |
//! | [`list_subscriptions`] | `GET /api/v2/notifications/channels/{channelId}/subscriptions` |
//!
//! A channel's id and its `connectUri` are a capability (whoever has them reads the channel's
//! events): they live in [`Channel`], whose `Debug` shows neither, every request here is
//! confidential (its bodies are never logged, its transport errors do not quote its URL), and
//! the parameter structs' `Debug` leaves the id out.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::runtime::params::Style;
use crate::runtime::{Client, Error};
use crate::runtime::{Meta, Method, Operation, Request, RequestBuilder, Response};

/// A notification channel, as `POST /api/v2/notifications/channels` answers it.
#[derive(Clone, Deserialize)]
pub(crate) struct Channel {
    /// The channel's id: a secret.
    pub(crate) id: String,
    /// `wss://streaming.{region host}/channels/{id}`: a secret.
    #[serde(rename = "connectUri")]
    pub(crate) connect_uri: String,
}

impl fmt::Debug for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Channel")
            .field("id", &"<redacted>")
            .field("connect_uri", &"<redacted>")
            .finish()
    }
}

/// One topic of a channel's subscriptions, as the service lists it and as a request names it
/// (`{"id": "v2.users.…"}`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct ChannelTopic {
    /// The topic name.
    pub(crate) id: String,
}

/// A channel's subscriptions, as the service answers them.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ChannelTopicListing {
    /// The subscribed topics.
    #[serde(default)]
    pub(crate) entities: Vec<ChannelTopic>,
}

impl ChannelTopicListing {
    /// The topic names.
    pub(crate) fn names(self) -> Vec<String> {
        self.entities.into_iter().map(|topic| topic.id).collect()
    }
}

/// `POST /api/v2/notifications/channels`: a new channel (at most 20 per user and
/// application; a 21st replaces the oldest).
pub(crate) async fn create_channel(client: &Client) -> Result<Channel, Error> {
    RequestBuilder::new(client.clone(), CreateChannel)
        .confidential()
        .send()
        .await
}

/// `PUT …/subscriptions`: the channel's subscriptions become exactly `topics`.
pub(crate) async fn replace_subscriptions(
    client: &Client,
    channel_id: &str,
    topics: &[String],
) -> Result<Vec<String>, Error> {
    let params = SetSubscriptions::<true>::new(channel_id, topics);
    let listing = RequestBuilder::new(client.clone(), params)
        .confidential()
        .send()
        .await?;
    Ok(listing.names())
}

/// `POST …/subscriptions`: adds `topics` to the channel's subscriptions.
pub(crate) async fn add_subscriptions(
    client: &Client,
    channel_id: &str,
    topics: &[String],
) -> Result<Vec<String>, Error> {
    let params = SetSubscriptions::<false>::new(channel_id, topics);
    let listing = RequestBuilder::new(client.clone(), params)
        .confidential()
        .send()
        .await?;
    Ok(listing.names())
}

/// `DELETE …/subscriptions`: removes every subscription of the channel.
pub(crate) async fn delete_subscriptions(client: &Client, channel_id: &str) -> Result<(), Error> {
    let params = DeleteSubscriptions {
        channel_id: channel_id.to_owned(),
    };
    RequestBuilder::new(client.clone(), params)
        .confidential()
        .send()
        .await
}

/// `GET …/subscriptions`: the topics the service holds for the channel.
pub(crate) async fn list_subscriptions(
    client: &Client,
    channel_id: &str,
) -> Result<Vec<String>, Error> {
    let params = ListSubscriptions {
        channel_id: channel_id.to_owned(),
    };
    let listing = RequestBuilder::new(client.clone(), params)
        .confidential()
        .send()
        .await?;
    Ok(listing.names())
}

/// The parameters of `POST /api/v2/notifications/channels` (none).
#[derive(Debug, Clone)]
pub(crate) struct CreateChannel;

impl Operation for CreateChannel {
    type Output = Channel;
    const META: Meta = Meta {
        method: Method::POST,
        path: "/api/v2/notifications/channels",
        idempotent: false,
        accept: "application/json",
        security: &[&[crate::security::PROFILE_SCHEME]],
    };

    fn build(&self, _request: &mut Request) -> Result<(), Error> {
        Ok(())
    }

    fn decode(response: Response) -> Result<Channel, Error> {
        response.json()
    }
}

/// The parameters of `PUT` (`REPLACE`) or `POST` (adding) `…/{channelId}/subscriptions`.
#[derive(Clone)]
pub(crate) struct SetSubscriptions<const REPLACE: bool> {
    channel_id: String,
    topics: Vec<ChannelTopic>,
}

impl<const REPLACE: bool> SetSubscriptions<REPLACE> {
    fn new(channel_id: &str, topics: &[String]) -> Self {
        SetSubscriptions {
            channel_id: channel_id.to_owned(),
            topics: topics
                .iter()
                .map(|id| ChannelTopic { id: id.clone() })
                .collect(),
        }
    }
}

impl<const REPLACE: bool> fmt::Debug for SetSubscriptions<REPLACE> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(if REPLACE {
            "ReplaceSubscriptions"
        } else {
            "AddSubscriptions"
        })
        .field("channel_id", &"<redacted>")
        .field("topics", &self.topics.len())
        .finish()
    }
}

impl<const REPLACE: bool> Operation for SetSubscriptions<REPLACE> {
    type Output = ChannelTopicListing;
    const META: Meta = Meta {
        method: if REPLACE { Method::PUT } else { Method::POST },
        path: "/api/v2/notifications/channels/{channelId}/subscriptions",
        // Setting a channel's subscriptions twice leaves them as once; adding them twice too.
        idempotent: true,
        accept: "application/json",
        security: &[&[crate::security::PROFILE_SCHEME]],
    };

    fn build(&self, request: &mut Request) -> Result<(), Error> {
        request.path_param("channelId", &self.channel_id, Style::Simple, false)?;
        request.json(&self.topics)
    }

    fn decode(response: Response) -> Result<ChannelTopicListing, Error> {
        // Some answers have no body (204); they list nothing.
        if response.body().is_empty() {
            return Ok(ChannelTopicListing::default());
        }
        response.json()
    }
}

/// The parameters of `DELETE …/{channelId}/subscriptions`.
#[derive(Clone)]
pub(crate) struct DeleteSubscriptions {
    channel_id: String,
}

impl fmt::Debug for DeleteSubscriptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeleteSubscriptions")
            .field("channel_id", &"<redacted>")
            .finish()
    }
}

impl Operation for DeleteSubscriptions {
    type Output = ();
    const META: Meta = Meta {
        method: Method::DELETE,
        path: "/api/v2/notifications/channels/{channelId}/subscriptions",
        idempotent: true,
        accept: "application/json",
        security: &[&[crate::security::PROFILE_SCHEME]],
    };

    fn build(&self, request: &mut Request) -> Result<(), Error> {
        request.path_param("channelId", &self.channel_id, Style::Simple, false)
    }

    fn decode(response: Response) -> Result<(), Error> {
        response.empty()
    }
}

/// The parameters of `GET …/{channelId}/subscriptions`.
#[derive(Clone)]
pub(crate) struct ListSubscriptions {
    channel_id: String,
}

impl fmt::Debug for ListSubscriptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListSubscriptions")
            .field("channel_id", &"<redacted>")
            .finish()
    }
}

impl Operation for ListSubscriptions {
    type Output = ChannelTopicListing;
    const META: Meta = Meta {
        method: Method::GET,
        path: "/api/v2/notifications/channels/{channelId}/subscriptions",
        idempotent: true,
        accept: "application/json",
        security: &[&[crate::security::PROFILE_SCHEME]],
    };

    fn build(&self, request: &mut Request) -> Result<(), Error> {
        request.path_param("channelId", &self.channel_id, Style::Simple, false)
    }

    fn decode(response: Response) -> Result<ChannelTopicListing, Error> {
        response.json()
    }
}
