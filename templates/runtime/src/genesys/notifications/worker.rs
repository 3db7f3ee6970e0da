//! The task behind a [`Subscription`](super::Subscription): it owns the channel's WebSocket
//! (two of them while one replaces the other), reads every frame as soon as it arrives, hands
//! events to the bounded buffer the subscription reads, answers the handle's commands, and
//! replaces the connection when it is lost, silent or about to close.
//!
//! Reading never waits for the consumer: a full buffer discards events (and counts them)
//! rather than stop reading, so heartbeats are always seen and the service never finds the
//! client stalled.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashSet, VecDeque};
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use futures_util::{SinkExt as _, StreamExt as _};
use tokio::sync::{mpsc, oneshot};
use tokio::time::{Instant, sleep, sleep_until};
use tokio_tungstenite::tungstenite::error::CapacityError;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};

use super::api::{self, Channel};
use super::event::{self, Dropped, Event, Frame, Gap, GapReason, Notification};
use super::socket::{self, Socket};
use super::{Config, RealtimeError};
use crate::runtime::Client;
use crate::runtime::retry::{Backoff, Cause};

/// What the stream yields.
pub(super) type Item = Result<Notification, RealtimeError>;

/// What a handle asks of the task.
pub(super) enum Command {
    /// Subscribe to these topics too (validated, without duplicates).
    Add(Vec<String>, oneshot::Sender<Result<(), RealtimeError>>),
    /// Unsubscribe from these topics.
    Remove(Vec<String>, oneshot::Sender<Result<(), RealtimeError>>),
    /// The topics the service holds for the channel.
    List(oneshot::Sender<Result<Vec<String>, RealtimeError>>),
    /// Close the socket, delete the subscriptions, end the stream.
    Close(oneshot::Sender<Result<(), RealtimeError>>),
}

/// The most markers and errors waiting for room in the buffer; further non-fatal errors are
/// counted as dropped.
const MAX_PENDING: usize = 64;

/// How long closing a socket or deleting a channel's subscriptions may take when the stream
/// ends or a connection is retired.
const CLEANUP_TIMEOUT: Duration = Duration::from_secs(10);

/// The most event keys remembered to drop an event delivered by both connections of a
/// handover.
const DEDUPE_CAPACITY: usize = 4096;

/// The frame the service answers with a `pong` heartbeat.
const PING: &str = r#"{"message":"ping"}"#;

/// One channel and its open WebSocket.
pub(super) struct Link {
    channel: Channel,
    socket: Socket,
    /// When the last frame arrived (tokio's clock, for the heartbeat deadline).
    last_frame: Instant,
    /// The same, on the wall clock (for [`Gap::since`]).
    last_frame_at: SystemTime,
    /// Whether a ping was sent since the last frame.
    pinged: bool,
}

impl Link {
    fn touch(&mut self) {
        self.last_frame = Instant::now();
        self.last_frame_at = SystemTime::now();
        self.pinged = false;
    }
}

/// Creates a channel, opens its WebSocket, then subscribes it to `topics` (after connecting,
/// so that no event of a subscribed topic is published before the socket can carry it).
pub(super) async fn establish(
    client: &Client,
    http: &reqwest::Client,
    config: &Config,
    topics: &[String],
) -> Result<Link, RealtimeError> {
    let channel = api::create_channel(client).await?;
    let timeout = client.inner.timeout;
    let mut socket = socket::connect(http, &channel, timeout, config.max_frame_size).await?;
    if !topics.is_empty()
        && let Err(error) = api::replace_subscriptions(client, &channel.id, topics).await
    {
        let _ = tokio::time::timeout(CLEANUP_TIMEOUT, socket.close(None)).await;
        return Err(error.into());
    }
    Ok(Link {
        channel,
        socket,
        last_frame: Instant::now(),
        last_frame_at: SystemTime::now(),
        pinged: false,
    })
}

/// The bounded buffer between the task and the stream, and what waits for room in it.
///
/// Events go in when there is room (fewer than the buffer's events, and their frames' bytes
/// within its bytes, or the buffer empty); otherwise they are discarded and counted, and a
/// [`Dropped`] marker takes their place. Markers and errors are never discarded: they wait,
/// in order, until there is room, and events that arrive meanwhile are discarded behind them
/// (so the stream's order is the order of arrival, with the markers where events are
/// missing).
pub(super) struct Output {
    pub(super) tx: mpsc::Sender<Item>,
    /// Bytes of the events in the buffer; the stream subtracts what it takes out.
    pub(super) bytes: Arc<AtomicUsize>,
    pub(super) max_bytes: usize,
    pending: VecDeque<Item>,
}

impl Output {
    pub(super) fn new(tx: mpsc::Sender<Item>, bytes: Arc<AtomicUsize>, max_bytes: usize) -> Self {
        Output {
            tx,
            bytes,
            max_bytes,
            pending: VecDeque::new(),
        }
    }

    /// Hands `event` to the stream, or discards and counts it.
    fn event(&mut self, event: Event) {
        self.flush();
        if self.pending.is_empty() {
            let size = event.size;
            let queued = self.bytes.fetch_add(size, Ordering::AcqRel);
            if queued == 0 || queued.saturating_add(size) <= self.max_bytes {
                match self.tx.try_send(Ok(Notification::Event(event))) {
                    Ok(()) => return,
                    Err(mpsc::error::TrySendError::Closed(_)) => {
                        self.bytes.fetch_sub(size, Ordering::AcqRel);
                        return;
                    }
                    Err(mpsc::error::TrySendError::Full(_)) => {}
                }
            }
            self.bytes.fetch_sub(size, Ordering::AcqRel);
        }
        self.dropped();
    }

    /// Counts a discarded item in the [`Dropped`] marker at the end of what waits.
    fn dropped(&mut self) {
        if let Some(Ok(Notification::Dropped(dropped))) = self.pending.back_mut() {
            dropped.count = dropped.count.saturating_add(1);
        } else {
            self.pending.push_back(Ok(Notification::Dropped(Dropped {
                count: 1,
                since: SystemTime::now(),
            })));
        }
    }

    /// Hands a marker or an error to the stream when there is room. A gap joins the gap
    /// before it when nothing came between them, or when [`MAX_PENDING`] items wait (the last
    /// waiting gap then covers both); a non-fatal error beyond `MAX_PENDING` waiting items is
    /// counted as dropped. So what waits stays bounded however long the stream is not read.
    fn control(&mut self, item: Item) {
        if let Ok(Notification::Gap(gap)) = &item {
            let full = self.pending.len() >= MAX_PENDING;
            let earlier = match self.pending.back_mut() {
                Some(Ok(Notification::Gap(last))) => Some(last),
                _ if full => self
                    .pending
                    .iter_mut()
                    .rev()
                    .find_map(|waiting| match waiting {
                        Ok(Notification::Gap(last)) => Some(last),
                        _ => None,
                    }),
                _ => None,
            };
            if let Some(last) = earlier {
                last.until = gap.until;
                last.reason = gap.reason;
                return;
            }
        }
        let report = matches!(
            item,
            Err(RealtimeError::Malformed { .. } | RealtimeError::TooLarge { .. })
        );
        if report && self.pending.len() >= MAX_PENDING {
            self.dropped();
            return;
        }
        self.pending.push_back(item);
        self.flush();
    }

    /// Moves what waits into the buffer while there is room.
    fn flush(&mut self) {
        while let Some(item) = self.pending.pop_front() {
            match self.tx.try_send(item) {
                Ok(()) => {}
                Err(mpsc::error::TrySendError::Full(item)) => {
                    self.pending.push_front(item);
                    return;
                }
                Err(mpsc::error::TrySendError::Closed(_)) => {
                    self.pending.clear();
                    return;
                }
            }
        }
    }

    /// Waits until everything that waits is in the buffer (or the stream is dropped).
    async fn drain(&mut self) {
        while let Some(item) = self.pending.pop_front() {
            if self.tx.send(item).await.is_err() {
                self.pending.clear();
            }
        }
    }
}

/// Events already delivered during a handover, when both connections may deliver the same
/// event: the key is the topic and the correlation id (or the body, without one).
#[derive(Default)]
pub(super) struct Dedupe {
    /// Until when events are checked; `None` outside a handover.
    until: Option<Instant>,
    seen: HashSet<u64>,
    order: VecDeque<u64>,
}

impl Dedupe {
    /// Checks events until `until` (or later, if already so).
    fn open(&mut self, until: Instant) {
        self.until = Some(self.until.map_or(until, |current| current.max(until)));
    }

    /// Whether `event` is new (and remembers it).
    fn admit(&mut self, event: &Event) -> bool {
        match self.until {
            Some(until) if Instant::now() <= until => {}
            Some(_) => {
                *self = Dedupe::default();
                return true;
            }
            None => return true,
        }
        let mut hasher = DefaultHasher::new();
        event.topic().hash(&mut hasher);
        match event.correlation_id() {
            Some(id) => id.hash(&mut hasher),
            None => event.body().to_string().hash(&mut hasher),
        }
        let key = hasher.finish();
        if !self.seen.insert(key) {
            return false;
        }
        self.order.push_back(key);
        if self.order.len() > DEDUPE_CAPACITY
            && let Some(oldest) = self.order.pop_front()
        {
            self.seen.remove(&oldest);
        }
        true
    }
}

/// What the loop does next.
enum Flow {
    Continue,
    /// End the stream (the consumer is gone, or after its last error).
    Stop,
    /// End the stream as the handle asked, and say how the cleanup went.
    Close(oneshot::Sender<Result<(), RealtimeError>>),
}

/// What woke the task.
enum Wake {
    ConsumerGone,
    Current(Option<Result<Message, WsError>>),
    Draining(Option<Result<Message, WsError>>),
    Delivered,
    Command(Option<Command>),
    Ping,
    Silent,
    HandoverRetry,
    DrainOver,
}

/// The task's state.
pub(super) struct Worker {
    pub(super) client: Client,
    /// The HTTP/1.1 client WebSockets are opened with.
    pub(super) http: reqwest::Client,
    pub(super) config: Config,
    pub(super) topics: BTreeSet<String>,
    /// The topics as the handles see them.
    pub(super) shared: Arc<Mutex<BTreeSet<String>>>,
    pub(super) output: Output,
    /// The handles' commands; `None` once every handle is gone.
    pub(super) commands: Option<mpsc::Receiver<Command>>,
    pub(super) current: Link,
    /// The connection being replaced, read until it closes or until the instant.
    pub(super) draining: Option<(Link, Instant)>,
    /// A handover that failed, and when it is tried again.
    pub(super) handover: Option<(Backoff, Instant)>,
    pub(super) dedupe: Dedupe,
    /// Commands that arrived while a connection was being replaced, to answer after.
    pub(super) deferred: VecDeque<Command>,
}

impl Worker {
    /// Runs until the stream ends: then closes the sockets, deletes the subscriptions, and
    /// delivers what is left (the last error).
    pub(super) async fn run(mut self) {
        let close = loop {
            let flow = match self.wait().await {
                Wake::ConsumerGone => Flow::Stop,
                Wake::Current(message) => self.on_current(message).await,
                Wake::Draining(message) => {
                    self.on_draining(message);
                    Flow::Continue
                }
                Wake::Delivered => Flow::Continue,
                Wake::Command(Some(command)) => self.on_command(command).await,
                Wake::Command(None) => {
                    self.commands = None;
                    Flow::Continue
                }
                Wake::Ping => self.ping().await,
                Wake::Silent => {
                    tracing::warn!(
                        interval = ?self.config.heartbeat_interval,
                        "realtime: no heartbeat for two intervals"
                    );
                    self.replace(GapReason::HeartbeatLost).await
                }
                Wake::HandoverRetry => self.handover().await,
                Wake::DrainOver => {
                    self.finish_drain();
                    Flow::Continue
                }
            };
            match flow {
                Flow::Continue => {}
                Flow::Stop => break None,
                Flow::Close(reply) => break Some(reply),
            }
        };
        let cleaned = self.cleanup().await;
        if let Err(error) = &cleaned {
            tracing::debug!(%error, "realtime: cleanup failed");
        }
        if let Some(reply) = close {
            let _ = reply.send(cleaned);
        }
        self.output.drain().await;
    }

    /// Waits for the next thing to do: a frame (the replaced connection's first, then the
    /// current one's), room for a waiting marker, a command, a heartbeat deadline, a
    /// handover's retry, a drain's end.
    async fn wait(&mut self) -> Wake {
        if let Some(command) = self.deferred.pop_front() {
            return Wake::Command(Some(command));
        }
        let interval = self.config.heartbeat_interval;
        let ping_at = later(self.current.last_frame, interval);
        let silent_at = later(self.current.last_frame, interval.saturating_mul(2));
        let handover_at = self.handover.as_ref().map(|(_, at)| *at);
        let drain_until = self.draining.as_ref().map(|(_, until)| *until);
        let draining = &mut self.draining;
        let commands = &mut self.commands;
        let output = &mut self.output;
        tokio::select! {
            biased;
            () = output.tx.closed() => Wake::ConsumerGone,
            // The connection being replaced first: what it still carries is older.
            message = async {
                match draining {
                    Some((link, _)) => link.socket.next().await,
                    None => std::future::pending().await,
                }
            }, if drain_until.is_some() => Wake::Draining(message),
            message = self.current.socket.next() => Wake::Current(message),
            permit = output.tx.reserve(), if !output.pending.is_empty() => {
                match (permit, output.pending.pop_front()) {
                    (Ok(permit), Some(item)) => {
                        permit.send(item);
                        Wake::Delivered
                    }
                    (Ok(_), None) => Wake::Delivered,
                    (Err(_), _) => Wake::ConsumerGone,
                }
            }
            command = async {
                match commands {
                    Some(commands) => commands.recv().await,
                    None => std::future::pending().await,
                }
            }, if commands.is_some() => Wake::Command(command),
            () = sleep_until(ping_at), if !self.current.pinged => Wake::Ping,
            () = sleep_until(silent_at) => Wake::Silent,
            () = at(handover_at), if handover_at.is_some() => Wake::HandoverRetry,
            () = at(drain_until), if drain_until.is_some() => Wake::DrainOver,
        }
    }

    /// A frame (or the end) of the current connection.
    async fn on_current(&mut self, message: Option<Result<Message, WsError>>) -> Flow {
        let message = match message {
            Some(Ok(message)) => message,
            Some(Err(WsError::Capacity(CapacityError::MessageTooLong { size, max_size }))) => {
                self.output.control(Err(RealtimeError::TooLarge {
                    size,
                    limit: max_size,
                }));
                return self.replace(GapReason::FrameTooLarge).await;
            }
            Some(Err(error)) => {
                tracing::warn!(%error, "realtime: the connection failed");
                return self.replace(GapReason::ConnectionLost).await;
            }
            None => return self.replace(GapReason::ConnectionLost).await,
        };
        self.current.touch();
        match message {
            Message::Text(text) => match event::parse(&text) {
                Ok(Frame::Event(event)) => self.deliver(event),
                Ok(Frame::Heartbeat) => {}
                Ok(Frame::Closing) if self.handover.is_none() => {
                    tracing::info!("realtime: the service will close the connection soon");
                    return self.handover().await;
                }
                Ok(Frame::Closing) => {}
                Err(error) => self.output.control(Err(error)),
            },
            Message::Binary(bytes) => self.output.control(Err(binary(bytes.len()))),
            Message::Close(_) => return self.replace(GapReason::ConnectionClosed).await,
            Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => {}
        }
        Flow::Continue
    }

    /// A frame (or the end) of the connection being replaced.
    fn on_draining(&mut self, message: Option<Result<Message, WsError>>) {
        match message {
            Some(Ok(Message::Text(text))) => match event::parse(&text) {
                Ok(Frame::Event(event)) => self.deliver(event),
                Ok(Frame::Heartbeat | Frame::Closing) => {}
                Err(error) => self.output.control(Err(error)),
            },
            Some(Ok(Message::Binary(bytes))) => self.output.control(Err(binary(bytes.len()))),
            Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => {}
            Some(Ok(Message::Close(_)) | Err(_)) | None => self.finish_drain(),
        }
    }

    /// Hands `event` to the stream unless the other connection of a handover delivered it.
    fn deliver(&mut self, event: Event) {
        if self.dedupe.admit(&event) {
            self.output.event(event);
        }
    }

    /// After a heartbeat interval of silence: asks the service for a `pong`.
    async fn ping(&mut self) -> Flow {
        self.current.pinged = true;
        let limit = self.config.heartbeat_interval;
        let sent = tokio::time::timeout(limit, self.current.socket.send(Message::text(PING))).await;
        match sent {
            Ok(Ok(())) => Flow::Continue,
            Ok(Err(error)) => {
                tracing::warn!(%error, "realtime: the connection failed");
                self.replace(GapReason::ConnectionLost).await
            }
            Err(_) => self.replace(GapReason::HeartbeatLost).await,
        }
    }

    /// On `v2.system.socket_closing` (or a retry of it): a new channel with the same topics,
    /// connected before the old one closes. The old connection is read until it closes (at
    /// most two heartbeat intervals), and an event both deliver is yielded once.
    async fn handover(&mut self) -> Flow {
        let topics: Vec<String> = self.topics.iter().cloned().collect();
        let attempt = establish(&self.client, &self.http, &self.config, &topics);
        let watch = (&mut self.commands, &mut self.deferred, &self.output.tx);
        let established = match unless_ended(watch, attempt).await {
            Ok(result) => result,
            Err(flow) => return flow,
        };
        match established {
            Ok(link) => {
                let old = std::mem::replace(&mut self.current, link);
                let interval = self.config.heartbeat_interval;
                let until = later(Instant::now(), interval.saturating_mul(2));
                if let Some((previous, _)) = self.draining.replace((old, until)) {
                    self.retire(previous);
                }
                self.dedupe.open(later(until, interval));
                self.handover = None;
                tracing::info!("realtime: a new channel took over before the old one closed");
                Flow::Continue
            }
            Err(error) if !error.is_transient() => {
                self.output.control(Err(error));
                Flow::Stop
            }
            Err(error) => {
                let mut retry = self
                    .handover
                    .take()
                    .map_or_else(|| self.reconnects(), |(retry, _)| retry);
                match retry.next_delay(Cause::Connect) {
                    Some(delay) => {
                        tracing::warn!(
                            attempt = retry.attempt() - 1,
                            ?delay,
                            %error,
                            "realtime: the new channel failed; trying again"
                        );
                        self.handover = Some((retry, later(Instant::now(), delay)));
                    }
                    None => tracing::warn!(
                        %error,
                        "realtime: no new channel before the old one closes; reconnecting then"
                    ),
                }
                Flow::Continue
            }
        }
    }

    /// A series of reconnects under the configured policy. Every failure to establish a
    /// channel counts as a connection failure: the backoff's delays, no `Retry-After`.
    fn reconnects(&self) -> Backoff {
        Backoff::new(self.config.reconnect, true)
    }

    /// The connection being replaced is closed (or it is time): it is retired.
    fn finish_drain(&mut self) {
        if let Some((old, _)) = self.draining.take() {
            self.dedupe
                .open(later(Instant::now(), self.config.heartbeat_interval));
            self.retire(old);
        }
    }

    /// The current connection is gone: a new channel with the same topics, with backoff
    /// between attempts, then a [`Gap`] marker where events may be missing. Gives up (the
    /// stream's last item) when the reconnect policy is used up or the service refuses.
    async fn replace(&mut self, reason: GapReason) -> Flow {
        tracing::warn!(%reason, "realtime: replacing the connection");
        let since = self.current.last_frame_at;
        self.handover = None;
        let mut retry = self.reconnects();
        let topics: Vec<String> = self.topics.iter().cloned().collect();
        loop {
            let attempt = establish(&self.client, &self.http, &self.config, &topics);
            let watch = (&mut self.commands, &mut self.deferred, &self.output.tx);
            let established = match unless_ended(watch, attempt).await {
                Ok(result) => result,
                Err(flow) => return flow,
            };
            let error = match established {
                Ok(link) => {
                    let old = std::mem::replace(&mut self.current, link);
                    self.retire(old);
                    self.output.control(Ok(Notification::Gap(Gap {
                        since,
                        until: SystemTime::now(),
                        reason,
                    })));
                    tracing::info!(attempts = retry.attempt(), "realtime: reconnected");
                    return Flow::Continue;
                }
                Err(error) if !error.is_transient() => {
                    self.output.control(Err(error));
                    return Flow::Stop;
                }
                Err(error) => error,
            };
            let Some(delay) = retry.next_delay(Cause::Connect) else {
                self.output.control(Err(RealtimeError::GaveUp {
                    attempts: retry.attempt(),
                    last: Box::new(error),
                }));
                return Flow::Stop;
            };
            tracing::warn!(
                attempt = retry.attempt() - 1,
                ?delay,
                %error,
                "realtime: reconnecting failed; trying again"
            );
            let watch = (&mut self.commands, &mut self.deferred, &self.output.tx);
            if let Err(flow) = unless_ended(watch, sleep(delay)).await {
                return flow;
            }
        }
    }

    /// Closes a replaced connection and deletes its channel's subscriptions, in the
    /// background.
    fn retire(&self, mut link: Link) {
        let client = self.client.clone();
        tokio::spawn(async move {
            let _ = tokio::time::timeout(CLEANUP_TIMEOUT, link.socket.close(None)).await;
            let deleted = tokio::time::timeout(
                CLEANUP_TIMEOUT,
                api::delete_subscriptions(&client, &link.channel.id),
            )
            .await;
            if let Ok(Err(error)) = deleted {
                tracing::debug!(%error, "realtime: a replaced channel kept its subscriptions");
            }
        });
    }

    /// A handle's command.
    async fn on_command(&mut self, command: Command) -> Flow {
        match command {
            Command::Add(topics, reply) => {
                let result = self.add(topics).await;
                let _ = reply.send(result);
            }
            Command::Remove(topics, reply) => {
                let result = self.remove(topics).await;
                let _ = reply.send(result);
            }
            Command::List(reply) => {
                let result = api::list_subscriptions(&self.client, &self.current.channel.id).await;
                let _ = reply.send(result.map_err(RealtimeError::from));
            }
            Command::Close(reply) => return Flow::Close(reply),
        }
        Flow::Continue
    }

    /// Subscribes the channel to `topics` too, within the topic limit.
    async fn add(&mut self, topics: Vec<String>) -> Result<(), RealtimeError> {
        let new: Vec<String> = topics
            .into_iter()
            .filter(|topic| !self.topics.contains(topic))
            .collect();
        if new.is_empty() {
            return Ok(());
        }
        super::check_count(self.topics.len() + new.len())?;
        api::add_subscriptions(&self.client, &self.current.channel.id, &new).await?;
        self.topics.extend(new);
        self.publish_topics();
        Ok(())
    }

    /// Unsubscribes the channel from `topics`.
    async fn remove(&mut self, topics: Vec<String>) -> Result<(), RealtimeError> {
        let gone: BTreeSet<String> = topics.into_iter().collect();
        let remaining: Vec<String> = self.topics.difference(&gone).cloned().collect();
        if remaining.len() == self.topics.len() {
            return Ok(());
        }
        let channel = &self.current.channel.id;
        if remaining.is_empty() {
            api::delete_subscriptions(&self.client, channel).await?;
        } else {
            api::replace_subscriptions(&self.client, channel, &remaining).await?;
        }
        self.topics = remaining.into_iter().collect();
        self.publish_topics();
        Ok(())
    }

    fn publish_topics(&self) {
        let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        shared.clone_from(&self.topics);
    }

    /// Closes the sockets and deletes the subscriptions of the current channel (and of one
    /// being replaced); the current channel's deletion is the result.
    async fn cleanup(&mut self) -> Result<(), RealtimeError> {
        self.topics.clear();
        self.publish_topics();
        if let Some((old, _)) = self.draining.take() {
            self.retire(old);
        }
        let _ = tokio::time::timeout(CLEANUP_TIMEOUT, self.current.socket.close(None)).await;
        // Within the request's own timeout and retries.
        api::delete_subscriptions(&self.client, &self.current.channel.id)
            .await
            .map_err(RealtimeError::from)
    }
}

/// The handles' commands, those set aside meanwhile, and the buffer's sender: what
/// [`unless_ended`] watches.
type Watch<'a> = (
    &'a mut Option<mpsc::Receiver<Command>>,
    &'a mut VecDeque<Command>,
    &'a mpsc::Sender<Item>,
);

/// Runs `work` (connecting, waiting between attempts) to its end, unless the stream ends
/// first: the consumer drops it ([`Flow::Stop`]) or a handle closes it ([`Flow::Close`]).
/// Other commands are set aside until the work is done.
async fn unless_ended<T>(
    (commands, deferred, tx): Watch<'_>,
    work: impl std::future::Future<Output = T>,
) -> Result<T, Flow> {
    let mut work = std::pin::pin!(work);
    loop {
        tokio::select! {
            biased;
            () = tx.closed() => return Err(Flow::Stop),
            command = async {
                match commands.as_mut() {
                    Some(commands) => commands.recv().await,
                    None => std::future::pending().await,
                }
            }, if commands.is_some() => match command {
                Some(Command::Close(reply)) => return Err(Flow::Close(reply)),
                Some(other) => deferred.push_back(other),
                None => *commands = None,
            },
            result = &mut work => return Ok(result),
        }
    }
}

/// The error of a binary frame (the service sends text).
fn binary(len: usize) -> RealtimeError {
    RealtimeError::Malformed {
        reason: "a binary frame; notifications are text".into(),
        excerpt: format!("<{len} bytes>"),
    }
}

/// Sleeps until `instant`, or for ever without one.
async fn at(instant: Option<Instant>) {
    match instant {
        Some(instant) => sleep_until(instant).await,
        None => std::future::pending().await,
    }
}

/// `at + delay`, or as far ahead as an instant goes.
fn later(at: Instant, delay: Duration) -> Instant {
    at.checked_add(delay)
        .or_else(|| at.checked_add(Duration::from_secs(60 * 60 * 24 * 365 * 30)))
        .unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(capacity: usize, max_bytes: usize) -> (Output, mpsc::Receiver<Item>) {
        let (tx, rx) = mpsc::channel(capacity);
        (
            Output::new(tx, Arc::new(AtomicUsize::new(0)), max_bytes),
            rx,
        )
    }

    fn event(n: u32, size: usize) -> Event {
        let mut event = Event::new("t", serde_json::json!(n));
        event.size = size;
        event
    }

    fn describe(item: Item) -> String {
        match item {
            Ok(Notification::Event(event)) => format!("e{}", event.body()),
            Ok(Notification::Dropped(dropped)) => format!("dropped {}", dropped.count),
            Ok(Notification::Gap(_)) => "gap".into(),
            Err(error) => format!("error {error}"),
        }
    }

    #[test]
    fn a_full_buffer_discards_events_and_marks_where() {
        let (mut out, mut rx) = output(2, usize::MAX);
        for n in 1..=5 {
            out.event(event(n, 10));
        }
        assert_eq!(describe(rx.try_recv().expect("e1")), "e1");
        // Room for one: the marker of e3..e5 takes it, so e6 is discarded behind it.
        out.event(event(6, 10));
        out.event(event(7, 10));
        let got: Vec<String> = std::iter::from_fn(|| rx.try_recv().ok())
            .map(describe)
            .collect();
        assert_eq!(got, ["e2", "dropped 3"]);
        out.event(event(8, 10));
        let got: Vec<String> = std::iter::from_fn(|| rx.try_recv().ok())
            .map(describe)
            .collect();
        assert_eq!(got, ["dropped 2", "e8"]);
    }

    #[test]
    fn the_byte_budget_discards_events_but_always_takes_one() {
        let (mut out, mut rx) = output(100, 25);
        out.event(event(1, 40)); // over the budget, but the buffer is empty
        out.event(event(2, 10)); // 50 > 25: discarded
        assert_eq!(describe(rx.try_recv().expect("e1")), "e1");
        out.bytes.fetch_sub(40, Ordering::AcqRel); // what the stream does when it takes e1
        out.event(event(3, 10));
        let got: Vec<String> = std::iter::from_fn(|| rx.try_recv().ok())
            .map(describe)
            .collect();
        assert_eq!(got, ["dropped 1", "e3"]);
    }

    #[test]
    fn markers_wait_in_order_and_gaps_merge() {
        let (mut out, mut rx) = output(1, usize::MAX);
        out.event(event(1, 1));
        let gap = |reason| {
            Ok(Notification::Gap(Gap {
                since: SystemTime::UNIX_EPOCH,
                until: SystemTime::now(),
                reason,
            }))
        };
        out.control(gap(GapReason::ConnectionLost));
        out.control(gap(GapReason::HeartbeatLost));
        out.event(event(2, 1));
        for _ in 0..(MAX_PENDING + 5) {
            out.control(Err(RealtimeError::Malformed {
                reason: "x".into(),
                excerpt: String::new(),
            }));
        }
        out.control(Err(RealtimeError::Closed));
        assert_eq!(
            out.pending.len(),
            MAX_PENDING + 2,
            "the fatal error is kept"
        );
        let mut seen = vec![describe(rx.try_recv().expect("e1"))];
        while let Some(item) = out.pending.pop_front() {
            if let Ok(Notification::Gap(gap)) = &item {
                assert_eq!(gap.reason, GapReason::HeartbeatLost);
                assert_eq!(gap.since, SystemTime::UNIX_EPOCH);
            }
            seen.push(describe(item));
        }
        assert_eq!(seen[..3], ["e1", "gap", "dropped 1"]);
        assert_eq!(seen[seen.len() - 2], "dropped 7");
        assert!(seen[seen.len() - 1].contains("ended"), "{seen:?}");
    }

    #[test]
    fn what_waits_stays_bounded_however_many_gaps_and_drops() {
        let (mut out, _rx) = output(1, usize::MAX);
        out.event(event(0, 1));
        for round in 0..10_000u64 {
            out.event(event(1, 1));
            out.control(Ok(Notification::Gap(Gap {
                since: SystemTime::UNIX_EPOCH,
                until: SystemTime::UNIX_EPOCH + Duration::from_secs(round),
                reason: GapReason::ConnectionLost,
            })));
        }
        assert!(
            out.pending.len() <= MAX_PENDING + 1,
            "{}",
            out.pending.len()
        );
        let last_gap = out.pending.iter().rev().find_map(|item| match item {
            Ok(Notification::Gap(gap)) => Some(gap.until),
            _ => None,
        });
        assert_eq!(
            last_gap,
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(9_999)),
            "the last gap covers the later ones"
        );
        let dropped: u64 = out
            .pending
            .iter()
            .filter_map(|item| match item {
                Ok(Notification::Dropped(dropped)) => Some(dropped.count),
                _ => None,
            })
            .sum();
        assert_eq!(dropped, 10_000, "every discarded event is counted");
    }

    #[tokio::test(start_paused = true)]
    async fn duplicates_are_dropped_only_during_a_handover() {
        let mut dedupe = Dedupe::default();
        let with_id = |id: &str| {
            let frame = format!(
                r#"{{"topicName":"t","eventBody":1,"metadata":{{"CorrelationId":"{id}"}}}}"#
            );
            match event::parse(&frame) {
                Ok(Frame::Event(event)) => event,
                _ => panic!("an event"),
            }
        };
        assert!(dedupe.admit(&with_id("a")));
        assert!(
            dedupe.admit(&with_id("a")),
            "no handover: nothing is checked"
        );
        dedupe.open(Instant::now() + Duration::from_secs(10));
        assert!(dedupe.admit(&with_id("b")));
        assert!(!dedupe.admit(&with_id("b")), "the second copy");
        assert!(dedupe.admit(&with_id("c")));
        let body = |n: u32| Event::new("t", serde_json::json!(n));
        assert!(dedupe.admit(&body(1)));
        assert!(
            !dedupe.admit(&body(1)),
            "without a correlation id, the body decides"
        );
        assert!(dedupe.admit(&body(2)));
        tokio::time::advance(Duration::from_secs(11)).await;
        assert!(dedupe.admit(&with_id("b")), "after the handover");
        assert!(dedupe.until.is_none() && dedupe.seen.is_empty());
    }
}
