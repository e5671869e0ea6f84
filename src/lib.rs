//! boardpaper compiles one common NHS board paper into every member trust's
//! own copy, as PDF and HTML.
//!
//! The pipeline, one folder or file per stage:
//!
//! ```text
//! sources on disk ──load──▶ raw model (serde) ──check──▶ model + diagnostics
//!       ──resolve(trust)──▶ variant ──markdown──▶ document tree (doc)
//!       ──▶ html renderer (Tera) ──▶ String
//!       ──▶ pdf: layout (measure, break lines, paginate) ──▶ pages of positioned items ──write──▶ bytes
//! build: choose variants, render in parallel, write atomically, manifest
//! ```

// Until `build` calls the renderers, the tree and the PDF entry points are
// used only by tests: remove these two `allow`s once they are wired in.
#[allow(dead_code)]
mod doc;
#[allow(dead_code)]
mod pdf;
