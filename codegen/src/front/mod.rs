//! The front end: spec text → one resolved, merged, typed document.
//!
//! In: the text of one or more specs (YAML or JSON). Out: an [`openapiv3::OpenAPI`] whose
//! every `$ref` is a schema reference of the canonical form, whose schemas are typed, and
//! whose inline types are named under `components.schemas`, with the warnings taken on the
//! way. Nothing here knows about Rust beyond the names of hoisted schemas.
//!
//! - [`load`]: text → a JSON tree (YAML or JSON), its `$ref`s resolved by [`refs`]; the tree →
//!   the typed document, a shape mismatch located by its JSON pointer;
//! - [`refs`]: every `$ref` resolved once, on the JSON tree;
//! - [`merge`]: several trees as one (several `--spec`s);
//! - [`fixup`]: schemas `openapiv3` left untyped, typed from what they say;
//! - [`auth_header`]: `Authorization` header parameters that no security scheme covers, made
//!   a security scheme;
//! - [`hoist`]: every inline type named under `components.schemas`, identical ones shared.

pub mod auth_header;
pub mod fixup;
pub mod hoist;
pub mod load;
pub mod merge;
pub mod refs;
