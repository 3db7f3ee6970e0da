//! The back end: IR → files.
//!
//! In: the [`ir::Crate`](crate::ir::Crate) and the template overrides. Out: relative path →
//! file contents for every file generated from a template, and the runtime's and profile's
//! files, verbatim. The dependency runs one way: [`render`] renders text and hands it to
//! [`format`] (which knows nothing of templates beyond the [`format::Rendered`] it is given).
//!
//! - [`render`]: the embedded tera templates (overridable by name) and the runtime files;
//! - [`format`]: rendered text → final contents under the `@generated` header.

pub mod format;
pub mod render;
