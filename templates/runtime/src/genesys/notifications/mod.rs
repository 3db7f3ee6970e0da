//! Realtime events: the Genesys Cloud Notifications API's WebSocket stream, as a `Stream` that
//! keeps going.
//!
//! [`Client::realtime`](crate::Client::realtime) subscribes one notification channel to a set
//! of topics and yields what the service pushes: chat messages, unread counts, presence,
//! routing, conversations, any topic of `GET /api/v2/notifications/availabletopics`. Each
//! [`Event`] has its topic, its body as JSON with a typed [`Event::decode`], and its metadata;
//! the chat topics decode into this crate's models with [`Event::chat`] (see [`ChatTopic`]).
//!
//! ```no_run
//! # async fn example(client: sdk_runtime::Client) -> Result<(), Box<dyn std::error::Error>> {
//! use sdk_runtime::genesys::notifications::{ChatEvent, ChatTopic, Notification};
//!
//! let me = "8f2e43c5-...";
//! let mut events = client
//!     .realtime()
//!     .topic(ChatTopic::Badges { user_id: me.into() })
//!     .topic(format!("v2.users.{me}.presence"))
//!     .subscribe()
//!     .await?;
//! while let Some(item) = events.next().await {
//!     match item? {
//!         Notification::Event(event) => match event.chat() {
//!             Some(Ok(ChatEvent::Badge { badge, .. })) => println!("unread: {:?}", badge.unread_count),
//!             Some(Ok(other)) => println!("{other:?}"),
//!             Some(Err(e)) => eprintln!("{e}"),
//!             None => println!("{}: {}", event.topic(), event.body()),
//!         },
//!         Notification::Gap(gap) => eprintln!("events may be missing: {:?}", gap.reason),
//!         Notification::Dropped(dropped) => eprintln!("{} events dropped", dropped.count),
//!         _ => {}
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # How it keeps going
//!
//! A task owns the WebSocket: it reads every frame as it arrives, whether or not the stream is
//! being read, and puts events into a bounded buffer that the [`Subscription`] reads. What it
//! does in each failure mode:
//!
//! | what happens | what the stream does |
//! | --- | --- |
//! | heartbeats (`channel.metadata`, about every 30 s) | consumed, never yielded |
//! | no frame for one heartbeat interval | sends `{"message":"ping"}` (the service answers with a heartbeat) |
//! | no frame for more than two intervals | replaces the connection: a new channel with the same topics, then a [`Notification::Gap`] (reason [`GapReason::HeartbeatLost`]) |
//! | `v2.system.socket_closing` (a minute before the service closes the connection, at the latest 24 h after the channel was made) | a new channel with the same topics, connected and subscribed before the old one closes; the old one is read until it closes (at most two heartbeat intervals), and an event both deliver is yielded once (same topic and correlation id): no gap, no duplicate |
//! | the service closes the connection, or it fails | a new channel with the same topics, then a `Gap` ([`GapReason::ConnectionClosed`], [`GapReason::ConnectionLost`]) |
//! | a new channel cannot be made (network, 429, 5xx) | tries again with jittered exponential backoff, within [`Realtime::reconnect_policy`]; then [`RealtimeError::GaveUp`] as the last item |
//! | the service refuses the topics again (400, 403) | that error ([`RealtimeError::Api`]) as the last item |
//! | a token expires meanwhile | the REST calls get a fresh one from the client's token cache (and refresh once more on a 401) |
//! | a frame that is not a notification (not JSON, no `topicName`, binary) | [`RealtimeError::Malformed`] as an item; the stream goes on |
//! | a frame over [`Realtime::max_frame_size`] | refused without being read: [`RealtimeError::TooLarge`], then the connection is replaced and a `Gap` (reason [`GapReason::FrameTooLarge`]) follows |
//! | the stream is not read fast enough | the buffer ([`Realtime::buffer`]) fills; further events are discarded and counted, and a [`Notification::Dropped`] stands where they were |
//! | more than [`MAX_TOPICS`] topics, an empty topic, `channel.metadata` or `v2.system.*` | [`RealtimeError::InvalidTopics`], before anything is sent |
//! | the [`Subscription`] is dropped | the task closes the socket and deletes the channel's subscriptions ([`Subscription::close`] does the same and waits for it) |
//!
//! A `Gap` says events published between [`Gap::since`] and [`Gap::until`] may be missing:
//! read them through the REST API (a room's message history) if they matter. Events keep the
//! order in which they arrived; during a handover, what the old connection still carries comes
//! before the new one's, but the service does not order events across two channels. Topics
//! can be added and removed while the stream runs ([`SubscriptionHandle`]).
//!
//! # Limits
//!
//! A channel takes at most [`MAX_TOPICS`] (1,000) topics; use a second subscription for more.
//! A user and OAuth client have at most 20 channels: creating a 21st makes the service remove
//! the oldest (channels without a connection first). Each subscription uses one channel at a
//! time; a replaced channel's subscriptions are deleted.
//!
//! # Secrets
//!
//! A channel's `connectUri` (and its id, which the URI holds) lets whoever has it read the
//! channel's events. Neither appears in any `Debug` output, error message or log event of
//! this module; the Notifications API requests behind it never log their bodies, and their
//! errors do not quote their URLs. The WebSocket is opened without the client's
//! `Authorization` header, through the client's own TLS, proxy and certificates.
//!
//! # Feature
//!
//! This module is the `realtime` cargo feature (on by default). It adds tokio-tungstenite for
//! the WebSocket framing only, without its TLS or connect features: the connection itself is
//! opened by reqwest, so the `rustls`, `rustls-no-provider` and `native-tls` choices apply to
//! it as to every request.

mod api;
mod chat;
mod error;
mod event;
mod socket;
mod worker;

use std::collections::BTreeSet;
use std::fmt;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::Stream;
use tokio::sync::{mpsc, oneshot};

pub use chat::{
    ChatAction, ChatBadge, ChatBadgeEntity, ChatEntity, ChatEntityType, ChatEvent,
    ChatMessageEvent, ChatTopic, SystemMessage,
};
pub use error::RealtimeError;
pub use event::{
    Dropped, Event, Gap, GapReason, HEARTBEAT_TOPIC, Notification, SOCKET_CLOSING_TOPIC,
};

use crate::runtime::{Client, RetryPolicy};
use worker::{Command, Item, Output, Worker};

/// The most topics a channel takes (the Notifications API's limit).
pub const MAX_TOPICS: usize = 1000;

/// How often the service sends a heartbeat, unless [`Realtime::heartbeat_interval`] says
/// otherwise: 30 s.
pub const DEFAULT_HEARTBEAT_INTERVAL: Duration = Duration::from_secs(30);

/// How many events the buffer holds, unless [`Realtime::buffer`] says otherwise.
pub const DEFAULT_BUFFER_EVENTS: usize = 1024;

/// How many bytes of events (their frames' sizes) the buffer holds, unless
/// [`Realtime::buffer`] says otherwise: 16 MiB.
pub const DEFAULT_BUFFER_BYTES: usize = 16 << 20;

/// The largest frame accepted, unless [`Realtime::max_frame_size`] says otherwise: 1 MiB.
pub const DEFAULT_MAX_FRAME_SIZE: usize = 1 << 20;

impl Client {
    /// Starts a realtime subscription: set its topics (and, if need be, its limits), then
    /// [`subscribe`](Realtime::subscribe). See [`notifications`](self) for what the stream
    /// does when things go wrong.
    pub fn realtime(&self) -> Realtime {
        Realtime {
            client: self.clone(),
            topics: Vec::new(),
            config: Config::default(),
        }
    }
}

/// How a subscription behaves; see the setters of [`Realtime`].
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) buffer_events: usize,
    pub(crate) buffer_bytes: usize,
    pub(crate) max_frame_size: usize,
    pub(crate) heartbeat_interval: Duration,
    pub(crate) reconnect: RetryPolicy,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            buffer_events: DEFAULT_BUFFER_EVENTS,
            buffer_bytes: DEFAULT_BUFFER_BYTES,
            max_frame_size: DEFAULT_MAX_FRAME_SIZE,
            heartbeat_interval: DEFAULT_HEARTBEAT_INTERVAL,
            reconnect: default_reconnect_policy(),
        }
    }
}

/// The reconnect policy unless [`Realtime::reconnect_policy`] says otherwise: 10 attempts,
/// from 1 s to 60 s apart (with jitter), at most 10 minutes of waiting.
pub fn default_reconnect_policy() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(10)
        .initial_backoff(Duration::from_secs(1))
        .max_backoff(Duration::from_secs(60))
        .max_total_delay(Duration::from_secs(600))
}

/// A realtime subscription being configured, from [`Client::realtime`](crate::Client::realtime).
#[must_use = "nothing is subscribed until `subscribe` is awaited"]
#[derive(Debug)]
pub struct Realtime {
    client: Client,
    topics: Vec<String>,
    config: Config,
}

impl Realtime {
    /// Subscribes to `topic` too, e.g. `v2.users.{id}.presence` or a [`ChatTopic`].
    pub fn topic(mut self, topic: impl Into<String>) -> Self {
        self.topics.push(topic.into());
        self
    }

    /// Subscribes to each of `topics` too.
    pub fn topics(mut self, topics: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.topics.extend(topics.into_iter().map(Into::into));
        self
    }

    /// Holds at most `events` events, and at most `bytes` bytes of them (their frames' sizes;
    /// one event is always taken when the buffer is empty), between the connection and the
    /// stream; when it is full, further events are discarded and a [`Notification::Dropped`]
    /// counts them. The defaults are [`DEFAULT_BUFFER_EVENTS`] and [`DEFAULT_BUFFER_BYTES`].
    pub fn buffer(mut self, events: usize, bytes: usize) -> Self {
        self.config.buffer_events = events.max(1);
        self.config.buffer_bytes = bytes;
        self
    }

    /// Refuses frames over `bytes` ([`RealtimeError::TooLarge`], then a new connection). The
    /// default is [`DEFAULT_MAX_FRAME_SIZE`].
    pub fn max_frame_size(mut self, bytes: usize) -> Self {
        self.config.max_frame_size = bytes.max(1);
        self
    }

    /// The service's heartbeat interval: a ping after one interval without a frame, a new
    /// connection after two. The default is [`DEFAULT_HEARTBEAT_INTERVAL`], the service's.
    pub fn heartbeat_interval(mut self, interval: Duration) -> Self {
        self.config.heartbeat_interval = interval.max(Duration::from_millis(1));
        self
    }

    /// Tries to replace a lost connection as `policy` says (attempts, backoff, total delay);
    /// the default is [`default_reconnect_policy`]. Each attempt's requests are also retried
    /// as the client's own retry policy says.
    pub fn reconnect_policy(mut self, policy: RetryPolicy) -> Self {
        self.config.reconnect = policy;
        self
    }

    /// Creates a channel, opens its WebSocket and subscribes it to the topics.
    ///
    /// # Errors
    ///
    /// [`RealtimeError::InvalidTopics`] before anything is sent (more than [`MAX_TOPICS`],
    /// an empty topic, …); [`RealtimeError::Api`] when the service refuses (a topic it does
    /// not know or allow is a 400 with its message) or cannot be reached;
    /// [`RealtimeError::Connect`] when the WebSocket cannot be opened.
    pub async fn subscribe(self) -> Result<Subscription, RealtimeError> {
        let topics = validate(self.topics)?;
        check_count(topics.len())?;
        let Realtime { client, config, .. } = self;
        let http = client.upgrade_client()?;
        let topic_list: Vec<String> = topics.iter().cloned().collect();
        let link = worker::establish(&client, &http, &config, &topic_list).await?;
        tracing::debug!(topics = topics.len(), "realtime: subscribed");
        let (tx, rx) = mpsc::channel(config.buffer_events);
        let (commands_tx, commands_rx) = mpsc::channel(16);
        let bytes = Arc::new(AtomicUsize::new(0));
        let shared = Arc::new(Mutex::new(topics.clone()));
        let output = Output::new(tx, Arc::clone(&bytes), config.buffer_bytes);
        let worker = Worker {
            client,
            http,
            config,
            topics,
            shared: Arc::clone(&shared),
            output,
            commands: Some(commands_rx),
            current: link,
            draining: None,
            handover: None,
            dedupe: worker::Dedupe::default(),
            deferred: std::collections::VecDeque::new(),
        };
        tokio::spawn(worker.run());
        Ok(Subscription {
            events: rx,
            bytes,
            handle: SubscriptionHandle {
                commands: commands_tx,
                topics: shared,
            },
        })
    }
}

/// A live subscription: a [`Stream`] of `Result<Notification, RealtimeError>`, from
/// [`Realtime::subscribe`].
///
/// Read it with [`next`](Self::next) or `futures`' `StreamExt`. It ends after its last error
/// ([`RealtimeError::GaveUp`], a refusal) or [`close`](Self::close). Dropping it closes the
/// socket and deletes the channel's subscriptions, in the background; `close` does the same
/// and waits. Change its topics with [`add_topics`](Self::add_topics) and
/// [`remove_topics`](Self::remove_topics), here or from another task through a
/// [`handle`](Self::handle).
#[must_use = "a subscription's events are lost unless it is read"]
pub struct Subscription {
    events: mpsc::Receiver<Item>,
    bytes: Arc<AtomicUsize>,
    handle: SubscriptionHandle,
}

impl fmt::Debug for Subscription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Subscription")
            .field("topics", &self.handle.topics())
            .field("buffered", &self.events.len())
            .finish_non_exhaustive()
    }
}

impl Subscription {
    /// The next event or marker, `None` once the stream has ended.
    pub async fn next(&mut self) -> Option<Result<Notification, RealtimeError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// A handle that changes the topics from anywhere (it is `Clone` and `Send`).
    pub fn handle(&self) -> SubscriptionHandle {
        self.handle.clone()
    }

    /// The subscribed topics. See [`SubscriptionHandle::topics`].
    pub fn topics(&self) -> Vec<String> {
        self.handle.topics()
    }

    /// Subscribes to `topics` too. See [`SubscriptionHandle::add_topics`].
    ///
    /// # Errors
    ///
    /// As [`SubscriptionHandle::add_topics`].
    pub async fn add_topics(
        &self,
        topics: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<(), RealtimeError> {
        self.handle.add_topics(topics).await
    }

    /// Unsubscribes from `topics`. See [`SubscriptionHandle::remove_topics`].
    ///
    /// # Errors
    ///
    /// As [`SubscriptionHandle::remove_topics`].
    pub async fn remove_topics(
        &self,
        topics: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<(), RealtimeError> {
        self.handle.remove_topics(topics).await
    }

    /// Ends the stream: closes the socket and deletes the channel's subscriptions, and waits
    /// for that. A stream that has already ended has nothing left to clean up.
    ///
    /// # Errors
    ///
    /// [`RealtimeError::Api`] when the service did not delete the subscriptions (they go with
    /// the channel, at the latest 24 hours after it was made).
    pub async fn close(self) -> Result<(), RealtimeError> {
        let (reply, answer) = oneshot::channel();
        if self
            .handle
            .commands
            .send(Command::Close(reply))
            .await
            .is_err()
        {
            return Ok(());
        }
        answer.await.unwrap_or(Ok(()))
    }
}

impl Stream for Subscription {
    type Item = Result<Notification, RealtimeError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let polled = self.events.poll_recv(cx);
        if let Poll::Ready(Some(Ok(Notification::Event(event)))) = &polled {
            self.bytes.fetch_sub(event.size, Ordering::AcqRel);
        }
        polled
    }
}

/// Changes a [`Subscription`]'s topics while it runs; cheap to clone, usable from any task.
///
/// Changes go to the channel the stream reads (and to the channels that later replace it).
/// While a lost connection is being replaced, a change waits until the new channel is in
/// place (or the stream has ended); [`Subscription::close`] does not wait.
#[derive(Clone)]
pub struct SubscriptionHandle {
    commands: mpsc::Sender<Command>,
    topics: Arc<Mutex<BTreeSet<String>>>,
}

impl fmt::Debug for SubscriptionHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SubscriptionHandle")
            .field("topics", &self.topics())
            .finish_non_exhaustive()
    }
}

impl SubscriptionHandle {
    /// The subscribed topics, sorted (empty once the stream has ended).
    pub fn topics(&self) -> Vec<String> {
        let topics = self.topics.lock().unwrap_or_else(PoisonError::into_inner);
        topics.iter().cloned().collect()
    }

    /// Subscribes to `topics` too (`POST …/subscriptions`); topics already subscribed are
    /// left as they are.
    ///
    /// # Errors
    ///
    /// [`RealtimeError::InvalidTopics`] before anything is sent, when the channel would have
    /// more than [`MAX_TOPICS`] or a topic is not one; [`RealtimeError::Api`] when the
    /// service refuses (the topics stay as they were); [`RealtimeError::Closed`] when the
    /// stream has ended.
    pub async fn add_topics(
        &self,
        topics: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<(), RealtimeError> {
        let topics = validate(topics.into_iter().map(Into::into))?;
        let (reply, answer) = oneshot::channel();
        self.ask(Command::Add(topics.into_iter().collect(), reply), answer)
            .await
    }

    /// Unsubscribes from `topics` (`PUT …/subscriptions` with the others, or `DELETE` when
    /// none is left); topics not subscribed are ignored.
    ///
    /// # Errors
    ///
    /// [`RealtimeError::Api`] when the service refuses (the topics stay as they were);
    /// [`RealtimeError::Closed`] when the stream has ended.
    pub async fn remove_topics(
        &self,
        topics: impl IntoIterator<Item = impl Into<String>>,
    ) -> Result<(), RealtimeError> {
        let topics = topics.into_iter().map(Into::into).collect();
        let (reply, answer) = oneshot::channel();
        self.ask(Command::Remove(topics, reply), answer).await
    }

    /// The topics the service holds for the channel (`GET …/subscriptions`), to compare with
    /// [`topics`](Self::topics).
    ///
    /// # Errors
    ///
    /// [`RealtimeError::Api`] when the request fails; [`RealtimeError::Closed`] when the
    /// stream has ended.
    pub async fn fetch_topics(&self) -> Result<Vec<String>, RealtimeError> {
        let (reply, answer) = oneshot::channel();
        self.ask(Command::List(reply), answer).await
    }

    async fn ask<T>(
        &self,
        command: Command,
        answer: oneshot::Receiver<Result<T, RealtimeError>>,
    ) -> Result<T, RealtimeError> {
        self.commands
            .send(command)
            .await
            .map_err(|_| RealtimeError::Closed)?;
        answer.await.unwrap_or(Err(RealtimeError::Closed))
    }
}

/// The topics, without duplicates, after checking each is one a channel can subscribe to.
fn validate(topics: impl IntoIterator<Item = String>) -> Result<BTreeSet<String>, RealtimeError> {
    let mut valid = BTreeSet::new();
    for topic in topics {
        if topic.is_empty() {
            return Err(RealtimeError::InvalidTopics("a topic is empty".into()));
        }
        if topic.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(RealtimeError::InvalidTopics(format!(
                "`{}` contains a space or a control character",
                topic.escape_debug()
            )));
        }
        let lower = topic.to_ascii_lowercase();
        if lower == HEARTBEAT_TOPIC || lower.starts_with("v2.system.") {
            return Err(RealtimeError::InvalidTopics(format!(
                "`{topic}` is not subscribed to: the service sends it to every channel"
            )));
        }
        valid.insert(topic);
    }
    Ok(valid)
}

/// Refuses more than [`MAX_TOPICS`] topics on one channel.
fn check_count(count: usize) -> Result<(), RealtimeError> {
    if count > MAX_TOPICS {
        return Err(RealtimeError::InvalidTopics(format!(
            "{count} topics, but a channel takes at most {MAX_TOPICS}: subscribe the others \
             on a second subscription"
        )));
    }
    Ok(())
}

/// `timeout` from now, or as far ahead as an instant goes.
fn deadline_after(timeout: Duration) -> tokio::time::Instant {
    let now = tokio::time::Instant::now();
    now.checked_add(timeout)
        .or_else(|| now.checked_add(Duration::from_secs(60 * 60 * 24 * 365 * 30)))
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_types_move_between_tasks() {
        fn send_and_sync<T: Send + Sync>() {}
        send_and_sync::<Realtime>();
        send_and_sync::<SubscriptionHandle>();
        send_and_sync::<Notification>();
        send_and_sync::<RealtimeError>();
        fn send<T: Send>() {}
        send::<Subscription>();
    }

    #[test]
    fn topics_are_checked_before_anything_is_sent() {
        // (topics, the start of the refusal, or "" when accepted)
        let table: [(&[&str], &str); 7] = [
            (&["v2.users.u1.presence", "v2.users.u1.presence"], ""),
            (&[""], "a topic is empty"),
            (
                &["v2.users.u1 .presence"],
                "`v2.users.u1 .presence` contains a space",
            ),
            (&["v2.users.u1\n"], "`v2.users.u1\\n` contains"),
            (
                &["channel.metadata"],
                "`channel.metadata` is not subscribed",
            ),
            (
                &["V2.System.socket_closing"],
                "`V2.System.socket_closing` is not",
            ),
            (&["v2.systemic.x"], ""),
        ];
        for (topics, want) in table {
            let got = validate(topics.iter().map(|t| (*t).to_owned()));
            match (got, want) {
                (Ok(valid), "") => assert!(valid.len() <= topics.len()),
                (Err(RealtimeError::InvalidTopics(message)), want) if !want.is_empty() => {
                    assert!(message.starts_with(want), "{message}");
                }
                (got, want) => panic!("{topics:?}: {got:?}, want {want:?}"),
            }
        }
        assert!(check_count(MAX_TOPICS).is_ok());
        let error = check_count(MAX_TOPICS + 1).expect_err("over the limit");
        assert!(error.to_string().contains("1001 topics"), "{error}");
    }
}
