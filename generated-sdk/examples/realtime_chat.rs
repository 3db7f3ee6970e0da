//! Realtime events next to the REST calls: subscribes to notification topics, sends a message
//! to a chat room, and prints the events that arrive, live, for a while.
//!
//! ```sh
//! GENESYSCLOUD_OAUTHCLIENT_ID=... GENESYSCLOUD_OAUTHCLIENT_SECRET=... GENESYSCLOUD_REGION=eu-west-1 \
//!     cargo run -p genesys-cloud-chat --example realtime_chat -- \
//!     --seconds 60 <room-jid> <topic>...
//! ```
//!
//! The client comes from the environment (`Client::from_env`: `GENESYSCLOUD_ACCESS_TOKEN`, or
//! the OAuth client's id and secret; `GENESYSCLOUD_REGION`; proxy and gateway settings). The
//! topics are the ones to watch, for instance the room's messages
//! (`v2.detail.events.collaboratechat.group.{group id}.messages` for a group's room,
//! `v2.detail.events.collaboratechat.adhoc.{room id}.messages` for an ad-hoc one) and your
//! unread counts (`v2.users.{your user id}.badges.chats`). It stops after `--seconds` (30 by
//! default), then closes the subscription, which deletes the channel's subscriptions.

use std::time::Duration;

use genesys_cloud_chat::Client;
use genesys_cloud_chat::genesys::notifications::{ChatEvent, Notification};
use genesys_cloud_chat::models::SendMessageBody;

/// What to do: from the command line.
#[derive(Debug, Clone, PartialEq)]
pub struct Args {
    /// How long to listen.
    pub listen: Duration,
    /// The room to send a message to.
    pub room_jid: String,
    /// The topics to subscribe to.
    pub topics: Vec<String>,
}

/// Reads `[--seconds N] <room-jid> <topic>...`.
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut listen = Duration::from_secs(30);
    let mut rest = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--seconds" {
            let value = args.next().ok_or("--seconds needs a number")?;
            let seconds: u64 = value
                .parse()
                .map_err(|_| format!("--seconds: `{value}` is not a number of seconds"))?;
            listen = Duration::from_secs(seconds);
        } else {
            rest.push(arg);
        }
    }
    let mut rest = rest.into_iter();
    let room_jid = rest.next().ok_or("the room's JID is missing")?;
    let topics: Vec<String> = rest.collect();
    if topics.is_empty() {
        return Err("name at least one topic to watch".into());
    }
    Ok(Args {
        listen,
        room_jid,
        topics,
    })
}

/// Subscribes to the topics, sends a message to the room, and reports what arrives for
/// `args.listen` through `report`, one line at a time; then closes the subscription.
pub async fn run(
    client: &Client,
    args: &Args,
    mut report: impl FnMut(String),
) -> Result<(), Box<dyn std::error::Error>> {
    // Subscribe first, so that the message's own event is not missed.
    let mut events = client
        .realtime()
        .topics(args.topics.iter().cloned())
        .subscribe()
        .await?;
    report(format!("subscribed to {}", events.topics().join(", ")));

    let sent = client
        .chat()
        .post_chats_room_messages(
            &*args.room_jid,
            SendMessageBody::new().with_message("Hello from the Rust SDK's realtime example"),
        )
        .await?;
    report(format!("sent message {}", sent.id.unwrap_or_default()));

    let deadline = tokio::time::Instant::now() + args.listen;
    while let Ok(Some(item)) = tokio::time::timeout_at(deadline, events.next()).await {
        let line = match item {
            Ok(Notification::Event(event)) => match event.chat() {
                Some(Ok(ChatEvent::Message { message, .. })) => format!(
                    "message {} ({}) from {}: {}",
                    message.message_id.as_deref().unwrap_or("?"),
                    message.action_type.as_ref().map_or("?", |a| a.as_str()),
                    message
                        .from
                        .as_ref()
                        .and_then(|from| from.entity_id.as_deref())
                        .unwrap_or("?"),
                    message.body.as_deref().unwrap_or("")
                ),
                Some(Ok(ChatEvent::Badge { badge, .. })) => format!(
                    "unread in {}: {}",
                    badge
                        .entity
                        .as_ref()
                        .and_then(|room| room.jabber_id.as_deref())
                        .unwrap_or("?"),
                    badge.unread_count.unwrap_or_default()
                ),
                Some(Ok(other)) => format!("{other:?}"),
                Some(Err(error)) => format!("undecodable chat event: {error}"),
                None => format!("{}: {}", event.topic(), event.body()),
            },
            Ok(Notification::Gap(gap)) => format!(
                "events may be missing ({}); read the room's history to fill in",
                gap.reason
            ),
            Ok(Notification::Dropped(dropped)) => {
                format!("{} events dropped: not read fast enough", dropped.count)
            }
            Ok(other) => format!("{other:?}"),
            Err(error) => format!("error: {error}"),
        };
        report(line);
    }
    events.close().await?;
    report("closed".into());
    Ok(())
}

#[allow(dead_code)] // the test includes this file as a module and calls `run` directly
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\nusage: realtime_chat [--seconds N] <room-jid> <topic>...");
            std::process::exit(2);
        }
    };
    let client = Client::from_env()?;
    run(&client, &args, |line| println!("{line}")).await
}
