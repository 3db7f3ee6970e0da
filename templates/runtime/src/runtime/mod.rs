//! The runtime: the client, its configuration, authentication, retries and errors, and the
//! plumbing that generated operations call to send requests.
//!
//! These files are ordinary Rust. They live in the `sdk-runtime` crate (`templates/runtime/`),
//! where rustfmt, clippy and their own tests check them, and `codegen` copies them verbatim
//! into every generated crate as `src/runtime/`. Two rules keep that possible:
//!
//! - The module sits at `crate::runtime` in both crates, and refers to its own parts as
//!   `crate::runtime::…`. The only item it uses from outside is `crate::hooks`, which each
//!   generated crate renders from the spec: `ErrorModel` (the type error bodies decode to),
//!   `error_message` (its message, for `Display`) and `DEFAULT_BASE_URL` (the spec's server).
//! - Doc examples are written against `sdk_runtime::…`; the embedder replaces that one
//!   identifier with the generated crate's library name.
//!
//! # The plumbing surface
//!
//! The module is `#[doc(hidden)] pub` in the crate root. What generated code calls (the
//! [`Operation`] trait and its [`Meta`], [`RequestBuilder`], [`Request`], [`Response`], the
//! [`params`] encoders and [`ToParam`], [`pages`](fn@pages), the [`model!`](model!) macro) is
//! `pub` in it, and so reachable from generated code, hidden from documentation and completion, and not
//! part of the crate's API. Being public, none of it is dead code in a crate whose spec happens
//! not to need it (no form bodies, no query parameters, no date-time fields): no lint
//! allowance is needed, neither blanket nor per item. The crate's API proper (`Client`,
//! `Error`, `RequestBuilder`, `Pages`, …) is re-exported from the crate root.

mod auth;
mod client;
mod enums;
mod env;
mod error;
mod logging;
pub mod model;
mod operation;
mod pages;
pub mod params;
mod request;
mod retry;
mod send;
pub mod types;

pub use auth::Pkce;
pub use client::{
    Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT,
    Region, RetryPolicy, USER_AGENT,
};
pub use enums::{integer_enum, string_enum};
pub use error::{
    ApiError, CORRELATION_ID_HEADER, DecodeError, Endpoint, Error, TimeoutError, TimeoutKind,
    TooLargeError, TransportError, TransportPhase,
};
pub use model::model;
pub use operation::{Meta, Operation, RequestBuilder, Response, WithResponse};
pub use pages::{Pages, Split, pages};
pub use params::{ToParam, encode_path_segment};
pub use request::Request;
pub use reqwest::Method;
