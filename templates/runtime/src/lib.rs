//! A test shim around the SDK runtime; not embedded anywhere.
//!
//! `src/runtime/` is the runtime that `codegen` copies verbatim into every generated crate,
//! and `src/genesys/` the Genesys Cloud profile (realtime events), copied verbatim too.
//! This file, `hooks`, [`models`] and [`apis`] stand in for what a generated crate renders
//! from its spec, so that the runtime compiles, lints and runs its tests here exactly as it
//! does there: the crate root re-exports what a generated `lib.rs` re-exports, `hooks` gives
//! the error model, and `apis` holds a hand-written operation that calls the same plumbing
//! generated operations call.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod apis;
pub mod genesys;
mod hooks;
pub mod models;
#[doc(hidden)]
pub mod runtime;

pub use runtime::types;
pub use runtime::{
    ApiError, CORRELATION_ID_HEADER, Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT, DecodeError, Endpoint, Error, Pages, Pkce, Region,
    RequestBuilder, RetryPolicy, TimeoutError, TimeoutKind, TooLargeError, TransportError,
    TransportPhase, USER_AGENT, WithResponse,
};

/// Re-exported so that callers can build [`types::DateTime`] values without depending on a
/// matching `chrono` version.
pub use chrono;
