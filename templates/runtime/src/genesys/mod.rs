//! The Genesys Cloud profile: what only Genesys Cloud has, beside the generic runtime
//! (`crate::runtime`).
//!
//! - `notifications` (cargo feature `realtime`, on by default): realtime events from the
//!   Notifications API's WebSocket stream, through `Client::realtime`.
//!
//! Like `src/runtime/`, these files are written once in the `sdk-runtime` crate
//! (`templates/runtime/src/genesys/`), checked and tested there, and copied verbatim into
//! generated crates as `src/genesys/`. They reach the client only through the runtime's
//! plumbing (operations sent through `RequestBuilder`, so authentication, retries, the token
//! cache and errors are the runtime's) and two crate-private hooks of `Client`: an HTTP/1.1
//! client for connection upgrades, and requests whose URL and bodies stay out of logs.

#[cfg(feature = "realtime")]
pub mod notifications;
