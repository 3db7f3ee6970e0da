//! The example of the workspace README.md, kept identical to it by a test, so it compiles.

use std::time::Duration;

use genesys_cloud_chat::genesys::notifications::{ChatEvent, ChatTopic, Notification};
use genesys_cloud_chat::models::SendMessageBody;
use genesys_cloud_chat::{Client, Error, Region, RetryPolicy};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Authentication, way 1: a bearer access token you already have.
    let client = Client::builder()
        .region(Region::EuWest1) // api.mypurecloud.ie
        .access_token(std::env::var("GENESYS_CLOUD_ACCESS_TOKEN").unwrap_or_default())
        .build()?;

    // Way 2: OAuth client credentials. The token is fetched from login.mypurecloud.de on first
    // use, cached, shared by clones of the client, and refreshed before it expires.
    let _other = Client::builder()
        .region(Region::EuCentral1)
        .client_credentials("my-client-id", "my-client-secret")
        .timeout(Duration::from_secs(10)) // per attempt; the default is 30 s
        .retry_policy(
            RetryPolicy::default() // 3 attempts on 429/502/503/504 and failed connects
                .max_attempts(5)
                .max_total_delay(Duration::from_secs(20)),
        )
        .build()?;
    // A gateway or test server: `.base_url("http://127.0.0.1:8080")` instead of a region.

    let room_jid = "adhoc-5f3e9a@conference.example.com";
    let sent = client
        .chat()
        .post_chats_room_messages(room_jid, SendMessageBody::new().with_message("Hello"))
        .await?;
    println!("sent {:?}", sent.id);

    // Optional query parameters are set on the request builder, which is awaited directly.
    let history = client
        .chat()
        .get_chats_room_messages(room_jid)
        .limit("25")
        .await?;
    for message in history.entities.unwrap_or_default() {
        println!("{:?}: {:?}", message.date_created, message.body);
    }

    // Errors: the service's answer (status, headers, correlation id, parsed ErrorBody), or a
    // transport failure, a timeout, an OAuth refusal, a body that does not decode.
    match client.chat().get_chats_room("no-such-room").await {
        Ok(room) => println!("{room:?}"),
        Err(Error::Api(e)) if e.status == 404 => {
            let message = e.error.as_ref().and_then(|b| b.message.as_deref());
            eprintln!(
                "not found: {message:?} (correlation id {:?})",
                e.correlation_id()
            );
        }
        Err(e) if e.is_timeout() => eprintln!("timed out: {e}"),
        Err(e) => return Err(e.into()),
    }

    // Realtime events, next to the REST calls: what Genesys Cloud pushes (a room's messages,
    // your unread counts, any notification topic) as a stream that reconnects by itself.
    let mut events = client
        .realtime()
        .topic(ChatTopic::GroupMessages {
            id: "5d6c1f0e-7a3b-4c2d-9e8f-1a2b3c4d5e6f".into(),
        })
        .topic(ChatTopic::Badges {
            user_id: "8f2e43c5-1b7d-4e0a-9c6f-2d3e4f5a6b7c".into(),
        })
        .subscribe()
        .await?;
    while let Some(item) = events.next().await {
        match item? {
            Notification::Event(event) => match event.chat() {
                Some(Ok(ChatEvent::Message { message, .. })) => println!("{:?}", message.body),
                _ => println!("{}: {}", event.topic(), event.body()),
            },
            // Reconnected: events since `gap.since` may be missing; the history has them.
            Notification::Gap(gap) => eprintln!("gap since {:?}", gap.since),
            other => eprintln!("{other:?}"),
        }
    }
    Ok(())
}
