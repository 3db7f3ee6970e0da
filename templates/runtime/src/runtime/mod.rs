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
//!   `error_message` (its message, for `Display`), `SERVER` (the spec's first server, a
//!   [`Server`]), `CORRELATION_ID_HEADERS` (where the service puts a request's id) and
//!   `Profile` (the vendor profile's [`Profile`], or [`Generic`]).
//! - It is generic: nothing in it is specific to one vendor's API. A vendor's customizations
//!   (regions, login hosts, environment variables) live in a profile module of their own
//!   beside it, which plugs in through `hooks::Profile`
//!   and adds methods to [`ClientBuilder`].
//! - Security schemes are data: generated code declares a [`Scheme`] for each scheme of the
//!   API description and a [`Requirement`] for each operation (in its [`Meta`]), and the
//!   scheme setters on [`ClientBuilder`] hand a [`Credential`] to the client
//!   ([`security`]).
//! - Doc examples are written against `sdk_runtime::…`; the embedder replaces that one
//!   identifier with the generated crate's library name.
//!
//! # The plumbing surface
//!
//! The module is `#[doc(hidden)] pub` in the crate root. What generated code calls (the
//! [`Operation`] trait and its [`Meta`], [`RequestBuilder`], [`Request`], [`Response`], the
//! [`params`] encoders and [`ToParam`], [`pages`](fn@pages), the [`model!`](model!) macro,
//! the [`security`] declarations and the [`env`] table) is
//! `pub` in it, and so reachable from generated code, hidden from documentation and completion, and not
//! part of the crate's API. Being public, none of it is dead code in a crate whose spec happens
//! not to need it (no form bodies, no query parameters, no date-time fields): no lint
//! allowance is needed, neither blanket nor per item. The crate's API proper (`Client`,
//! `Error`, `RequestBuilder`, `Pages`, …) is re-exported from the crate root.

mod auth;
mod client;
mod enums;
pub mod env;
mod error;
mod logging;
pub mod model;
mod operation;
mod pages;
pub mod params;
mod request;
pub(crate) mod retry;
pub mod security;
mod send;
mod transfer;
pub mod types;

pub use auth::{Grant, Pkce, Secret};
pub use client::{
    Client, ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_TIMEOUT,
    Generic, Profile, Server, ServerVariable, checked_url,
};
pub use enums::{integer_enum, string_enum};
pub use error::{
    ApiError, DecodeError, Endpoint, Error, MissingCredentialsError, TimeoutError, TimeoutKind,
    TooLargeError, TransportError, TransportPhase,
};
pub use model::model;
pub use operation::{Meta, Operation, RequestBuilder, Response, WithResponse};
pub use pages::{Pages, Split, pages};
pub use params::{ToParam, encode_path_segment};
pub use request::Request;
pub use reqwest::Method;
pub use retry::RetryPolicy;
pub use security::{Credential, KeyLocation, Placement, Requirement, Scheme, TokenUrl};
pub use transfer::USER_AGENT;
