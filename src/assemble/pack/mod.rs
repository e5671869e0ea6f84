//! Board packs: each trust's papers for a meeting, as one PDF
//! (`build/<trust>/pack.pdf`, `pack-part-ii.pdf`) and as the trust's HTML
//! page (`build/<trust>/index.html`). One room, in the order a pack is made:
//!
//! - [`plan`]: which packs each trust gets, what goes in them, whether the
//!   cache still holds them, and building one;
//! - [`own`]: the trust's own PDF papers an agenda names (`file:`), read
//!   once per build and refused where they could leak or loop;
//! - [`import`]: a trust's own PDF papers read, and their pages placed in
//!   the pack PDF as foreign pages (`crate::pdf::foreign`);
//! - [`pdf`]: the pack PDF, the cover and agenda laid out and the papers'
//!   pages joined under one structure tree;
//! - [`agenda`]: the agenda's rows as the HTML pack page lists them;
//! - [`index`]: the index pages as outputs (each trust's pack page, the
//!   cycle's page), and [`page`] their HTML.
//!
//! Imported PDF pages (an own paper's pages placed in the pack) are read
//! by `crate::assemble::pack::import`.

mod agenda;
pub(crate) mod import;
pub(crate) mod index;
mod own;
pub(crate) mod page;
pub(crate) mod pdf;
mod plan;

#[cfg(test)]
mod page_tests;

pub(crate) use plan::{build, dump_front, jobs, own_notes, produced, Job};

/// The public pack's name, as a paper id (`build/<trust>/pack.pdf`).
pub(crate) const PACK: &str = "pack";
/// The Part II pack's name.
pub(crate) const PACK_PART_II: &str = "pack-part-ii";

/// Whether `paper` (an output's paper id) is a pack.
pub(crate) fn is_pack(paper: &str) -> bool {
    paper == PACK || paper == PACK_PART_II
}
