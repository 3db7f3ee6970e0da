//! Opening a channel's WebSocket: an HTTP/1.1 `GET` of its `connectUri` with the upgrade
//! headers of RFC 6455, sent by reqwest (so the TLS library, the proxy, the client
//! certificate and the extra roots are the client's), then tokio-tungstenite's framing over
//! the upgraded connection.
//!
//! The `connectUri` is the channel's secret: it is sent only to the host it names, without
//! the client's `Authorization` header, and no error here quotes it.

use std::time::Duration;

use reqwest::header;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::handshake::client::generate_key;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};

use super::RealtimeError;
use super::api::Channel;

/// A channel's open WebSocket.
pub(super) type Socket = WebSocketStream<reqwest::Upgraded>;

/// Opens `channel`'s WebSocket through `http` (an HTTP/1.1 client), within `timeout`, refusing
/// frames and messages over `max_frame_size` bytes.
pub(super) async fn connect(
    http: &reqwest::Client,
    channel: &Channel,
    timeout: Duration,
    max_frame_size: usize,
) -> Result<Socket, RealtimeError> {
    let url = http_url(&channel.connect_uri)?;
    let key = generate_key();
    let request = http
        .get(url)
        .header(header::CONNECTION, "Upgrade")
        .header(header::UPGRADE, "websocket")
        .header(header::SEC_WEBSOCKET_VERSION, "13")
        .header(header::SEC_WEBSOCKET_KEY, &key)
        .header(header::USER_AGENT, crate::runtime::USER_AGENT);
    let deadline = super::deadline_after(timeout);
    let late = || {
        RealtimeError::Connect(format!(
            "the streaming host did not complete the handshake within {timeout:?}"
        ))
    };
    let response = match tokio::time::timeout_at(deadline, request.send()).await {
        Err(_) => return Err(late()),
        Ok(Err(e)) => return Err(RealtimeError::Connect(causes(e))),
        Ok(Ok(response)) => response,
    };
    let status = response.status();
    if status != reqwest::StatusCode::SWITCHING_PROTOCOLS {
        return Err(RealtimeError::Connect(format!(
            "the streaming host answered {status} instead of switching to the WebSocket \
             protocol"
        )));
    }
    let accept = derive_accept_key(key.as_bytes());
    let accepted = response
        .headers()
        .get(header::SEC_WEBSOCKET_ACCEPT)
        .is_some_and(|value| value.as_bytes() == accept.as_bytes());
    if !accepted {
        return Err(RealtimeError::Connect(
            "the streaming host's Sec-WebSocket-Accept does not answer the request's key".into(),
        ));
    }
    let upgraded = match tokio::time::timeout_at(deadline, response.upgrade()).await {
        Err(_) => return Err(late()),
        Ok(Err(e)) => return Err(RealtimeError::Connect(causes(e))),
        Ok(Ok(upgraded)) => upgraded,
    };
    let config = WebSocketConfig::default()
        .max_frame_size(Some(max_frame_size))
        .max_message_size(Some(max_frame_size));
    Ok(WebSocketStream::from_raw_socket(upgraded, Role::Client, Some(config)).await)
}

/// Whether this build can speak TLS.
const HAS_TLS: bool = cfg!(any(
    feature = "rustls",
    feature = "rustls-no-provider",
    feature = "native-tls"
));

/// The `http`/`https` URL of a `ws`/`wss` `connectUri`.
fn http_url(connect_uri: &str) -> Result<reqwest::Url, RealtimeError> {
    let refused = || {
        RealtimeError::Connect(
            "the channel's connectUri is not an absolute ws or wss URL (not quoted: it is the \
             channel's secret)"
                .into(),
        )
    };
    let mut url = reqwest::Url::parse(connect_uri).map_err(|_| refused())?;
    let scheme = match url.scheme() {
        "wss" if !HAS_TLS => {
            return Err(RealtimeError::Connect(
                "the channel's connectUri is wss, but this build has no TLS: enable the \
                 `rustls` or `native-tls` feature of this crate"
                    .into(),
            ));
        }
        "wss" => "https",
        "ws" => "http",
        _ => return Err(refused()),
    };
    if !url.has_host() || url.set_scheme(scheme).is_err() {
        return Err(refused());
    }
    Ok(url)
}

/// `error` and its causes, without the URL (the channel's secret).
fn causes(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        let message = cause.to_string();
        if !text.ends_with(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_uris_become_http_urls_and_others_are_refused_unquoted() {
        // (connectUri, the URL requested, or None)
        let table = [
            (
                "wss://streaming.mypurecloud.com/channels/secret-1",
                Some("https://streaming.mypurecloud.com/channels/secret-1"),
            ),
            (
                "ws://127.0.0.1:9/channels/secret-1",
                Some("http://127.0.0.1:9/channels/secret-1"),
            ),
            ("https://streaming.example/channels/secret-1", None),
            ("secret-1", None),
            ("wss://", None),
            ("mailto:ops@secret-1", None),
            ("", None),
        ];
        for (uri, want) in table {
            let want = want.filter(|url| HAS_TLS || url.starts_with("http:"));
            match (http_url(uri), want) {
                (Ok(url), Some(want)) => assert_eq!(url.as_str(), want, "{uri}"),
                (Err(error), None) => {
                    let text = error.to_string();
                    assert!(!text.contains("secret-1"), "{text}");
                }
                (got, want) => panic!("{uri}: got {got:?}, want {want:?}"),
            }
        }
    }
}
