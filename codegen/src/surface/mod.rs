//! The API surface: what the generated crate offers, as data, and how it changed.
//!
//! In: the [`ir::Crate`](crate::ir::Crate) (the only reader of it outside the back end is
//! [`manifest::from_ir`]). Out: `api-manifest.json`, the report of what changed since the
//! previous manifest, and the `CHANGELOG.md` entry and version bump.
//!
//! - [`manifest`]: the IR → [`manifest::Manifest`], and its JSON;
//! - [`diff`]: manifest × manifest → [`diff::Report`] (one module per subject);
//! - [`changelog`]: the report → the changelog entry and the crate version.

pub mod changelog;
pub mod diff;
pub mod manifest;
