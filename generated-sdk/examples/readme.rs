//! The example of the workspace README.md, kept identical to it by a test, so it compiles.

use genesys_cloud_chat::models::SendMessageBody;
use genesys_cloud_chat::{Client, Error, Region};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = Client::builder()
        .region(Region::EuWest1)
        .access_token(std::env::var("GENESYS_CLOUD_ACCESS_TOKEN").unwrap_or_default())
        .build()?;

    let room_jid = "adhoc-5f3e9a@conference.example.com";
    let sent = client
        .chat()
        .post_chats_room_messages(
            room_jid,
            SendMessageBody {
                message: Some("Hello".into()),
                ..Default::default()
            },
        )
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

    match client.chat().get_chats_room("no-such-room").await {
        Err(Error::Api(e)) => eprintln!("{} (correlation id {:?})", e.status, e.correlation_id()),
        other => println!("{other:?}"),
    }
    Ok(())
}
