//! A test shim around the SDK runtime; not embedded anywhere.
//!
//! `src/runtime/` is the runtime that `codegen` copies verbatim into every generated crate,
//! and `src/genesys/` the Genesys Cloud profile it copies into the crates of Genesys Cloud
//! APIs. This file, `hooks`, `security`, [`models`] and [`apis`] stand in for what a generated
//! crate of that profile renders from its spec, so that the runtime compiles, lints and runs
//! its tests here exactly as it does there: the crate root re-exports what a generated
//! `lib.rs` re-exports, `hooks` gives the error model, the server and the profile, `security`
//! the security scheme and its setters, and `apis` holds hand-written operations that call the
//! same plumbing generated operations call.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod apis;
pub mod genesys;
mod hooks;
pub mod models;
#[doc(hidden)]
pub mod runtime;
mod security;

pub use genesys::{CORRELATION_ID_HEADER, Region};
pub use runtime::types;
pub use runtime::{
    ApiError, Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_TIMEOUT, DecodeError, Endpoint, Error, MissingCredentialsError, Pages, Pkce,
    RequestBuilder, RetryPolicy, TimeoutError, TimeoutKind, TooLargeError, TransportError,
    TransportPhase, USER_AGENT, WithResponse,
};

/// Re-exported so that callers can build [`types::DateTime`] values without depending on a
/// matching `chrono` version.
pub use chrono;
