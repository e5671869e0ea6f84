//! The HTML renderer: one self-contained, accessible page per (trust, paper)
//! variant, plus the index pages. Pure: it returns strings and never writes
//! files, nor reads any (images come from the build's image store).
//!
//! How escaping works, so that every text piece is escaped exactly once:
//!
//! - The paper's content (front sheet, body, closing, appendices, footnotes)
//!   is written in Rust by [`writer::Writer`], which escapes every text piece
//!   itself (`escape.rs`) and only lets http, https, mailto and relative URLs
//!   become links. Those fragments are passed to `paper.html` marked `safe`.
//! - Header facts (title, meeting line, ...) and index data are passed as
//!   plain values and escaped by MiniJinja, whose autoescaping is on for every
//!   template whatever its name (see `templates.rs`).
//! - The stylesheet is CSS-escaped (no `<` survives) before it is inlined.
//!
//! Files, one concern each: `templates.rs` (compiling, overrides),
//! `error.rs`, `paper.rs` (the page), `index.rs` (index pages), and the
//! writer's parts: `front.rs`, `governance.rs`, `block.rs`, `inline.rs`,
//! `table.rs`, `image.rs`, `sections.rs`, `outline.rs`, `colour.rs`.

mod block;
mod colour;
mod contents;
pub(crate) mod csp;
mod error;
pub(crate) mod escape;
mod front;
mod governance;
mod heading_levels;
mod image;
mod inline;
mod paper;
mod sections;
mod table;
pub(crate) mod templates;
mod writer;

#[cfg(test)]
mod tests;

pub(crate) use error::TemplateError;
pub(crate) use escape::push_escaped;
pub(crate) use image::embed_budget;
pub(crate) use paper::render_paper;
pub(crate) use templates::Templates;
