//! A realistic flow: create a room, send a message to it, then read the room's history.
//!
//! ```sh
//! # with an access token
//! GENESYS_CLOUD_ACCESS_TOKEN=... cargo run -p genesys-cloud-chat --example chat_flow -- https://api.mypurecloud.com
//! # or with OAuth client credentials
//! GENESYS_CLOUD_CLIENT_ID=... GENESYS_CLOUD_CLIENT_SECRET=... cargo run -p genesys-cloud-chat --example chat_flow -- https://api.mypurecloud.ie
//! ```
//!
//! The only argument is the API base URL, so the example runs as well against a gateway or a
//! local mock server as against a Genesys Cloud region.

use genesys_cloud_chat::models::{CreateRoomRequest, SendMessageBody};
use genesys_cloud_chat::{Client, Error};

/// What the flow did, for printing (and for the test that runs this example).
#[derive(Debug)]
pub struct Outcome {
    pub room_jid: String,
    pub message_id: Option<String>,
    pub history: Vec<String>,
}

/// Creates a room, posts a message, and reads back the latest messages.
pub async fn run(client: &Client) -> Result<Outcome, Error> {
    let room = client
        .chat()
        .post_chats_rooms(
            CreateRoomRequest::new()
                .with_subject("Incident 42")
                .with_description("War room for incident 42")
                .with_user_ids(Vec::new()),
        )
        .await?;
    let room_jid = room
        .jid
        .ok_or_else(|| Error::InvalidRequest("the service created a room without a jid".into()))?;

    let sent = client
        .chat()
        .post_chats_room_messages(
            &*room_jid,
            SendMessageBody::new()
                .with_message("Investigating: error rates are up since 12:30 UTC."),
        )
        .await?;

    let listing = client
        .chat()
        .get_chats_room_messages(&*room_jid)
        .limit("25")
        .await?;
    let history = listing
        .entities
        .unwrap_or_default()
        .into_iter()
        .map(|m| {
            let when = m.date_created.map(|d| d.to_rfc3339()).unwrap_or_default();
            format!("{when} {}", m.body.unwrap_or_default())
        })
        .collect();
    Ok(Outcome {
        room_jid,
        message_id: sent.id,
        history,
    })
}

#[allow(dead_code)] // the test includes this file as a module and calls `run` directly
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(base_url) = std::env::args().nth(1) else {
        eprintln!("usage: chat_flow <api-base-url>   (e.g. https://api.mypurecloud.com)");
        std::process::exit(2);
    };
    let builder = Client::builder().base_url(base_url);
    let builder = match (
        std::env::var("GENESYS_CLOUD_CLIENT_ID"),
        std::env::var("GENESYS_CLOUD_CLIENT_SECRET"),
    ) {
        (Ok(id), Ok(secret)) => builder.client_credentials(id, secret),
        _ => builder.access_token(std::env::var("GENESYS_CLOUD_ACCESS_TOKEN").unwrap_or_default()),
    };
    let client = builder.build()?;
    match run(&client).await {
        Ok(outcome) => {
            println!("room {}", outcome.room_jid);
            println!("sent message {:?}", outcome.message_id);
            for line in outcome.history {
                println!("  {line}");
            }
            Ok(())
        }
        Err(Error::Api(e)) => {
            eprintln!("{e}");
            if let Some(body) = &e.error {
                eprintln!("details: {body:?}");
            }
            std::process::exit(1);
        }
        Err(e) => Err(e.into()),
    }
}
