//! One HTTP exchange's transfer: its deadline, and reading a response body within it and
//! within the size limit. Shared by API requests (`send.rs`) and token requests (`auth.rs`).

use std::time::Duration;

use tokio::time::Instant;

use crate::runtime::error::TooLargeError;

/// The `User-Agent` the client sends with every request, token requests included: crate name
/// and version.
pub const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// `timeout` from now, or as far ahead as an instant goes.
pub(crate) fn deadline_after(timeout: Duration) -> Instant {
    const FAR: Duration = Duration::from_secs(60 * 60 * 24 * 365 * 30);
    let now = Instant::now();
    now.checked_add(timeout)
        .or_else(|| now.checked_add(FAR))
        .unwrap_or(now)
}

/// Why a body could not be read.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// Larger than the limit.
    TooLarge(Box<TooLargeError>),
    /// The deadline passed after `received` bytes.
    Timeout { received: u64 },
    /// The HTTP client failed (the connection closed early, a reset).
    Transport(reqwest::Error),
}

/// Reads `response`'s body by chunks until `deadline`, refusing more than `limit` bytes: a
/// `Content-Length` over the limit before reading anything, other bodies once they pass it.
pub(crate) async fn read_body(
    mut response: reqwest::Response,
    limit: u64,
    deadline: Instant,
) -> Result<bytes::Bytes, BodyError> {
    let too_large = |response: &reqwest::Response, announced| {
        BodyError::TooLarge(Box::new(TooLargeError::new(
            response.status(),
            response.headers().clone(),
            limit,
            announced,
        )))
    };
    let announced = response.content_length();
    if let Some(length) = announced
        && length > limit
    {
        return Err(too_large(&response, Some(length)));
    }
    // Room for what was announced (never more than 1 MiB up front: an announcement is not a
    // body), a modest start without it.
    let start = announced.unwrap_or(8 * 1024).min(limit).min(1024 * 1024);
    let mut body = bytes::BytesMut::with_capacity(usize::try_from(start).unwrap_or(0));
    // One timer for the whole body, not one per chunk.
    let read = async {
        while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
            if (body.len() as u64).saturating_add(chunk.len() as u64) > limit {
                return Err(too_large(&response, announced));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(())
    };
    match tokio::time::timeout_at(deadline, read).await {
        Err(_) => Err(BodyError::Timeout {
            received: body.len() as u64,
        }),
        Ok(Err(e)) => Err(e),
        Ok(Ok(())) => Ok(body.freeze()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_never_overflow() {
        let now = Instant::now();
        for timeout in [Duration::ZERO, Duration::from_secs(30), Duration::MAX] {
            assert!(deadline_after(timeout) >= now, "{timeout:?}");
        }
    }
}
