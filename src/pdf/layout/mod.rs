//! Layout: the document tree to pages of positioned items, one stage per
//! file, like typst's `inline/`, `flow/` and `pages/`:
//!
//! - `measure`: inlines to measured words and spaces (glyph advances)
//! - `linebreak`: words to lines; `line`: lines to items and chunks
//! - `contents`: the contents page, numbered once the pages are cut
//! - `blocks`, `table`, `governance`, `frontsheet`, `document`: blocks to
//!   a flow of unbreakable chunks with keep/break constraints (`chunk`)
//! - `footnotes`: notes laid out for the page foot; `foot`: the footnote
//!   area pagination fills on each page
//! - `pages`: the flow cut into pages; `spill`: no near-empty page from a
//!   short spill; `furniture`: header and footer
//! - `tags`: the structure tree built alongside, and every item's tag
//!
//! Nothing here writes PDF: `crate::pdf::write` walks the finished pages.

mod blocks;
mod chunk;
mod contents;
mod ctx;
mod document;
mod foot;
mod footnotes;
mod frontsheet;
mod furniture;
mod governance;
mod item;
mod landscape;
mod line;
mod linebreak;
mod measure;
mod pages;
mod spill;
mod table;
pub(crate) mod tags;
pub(crate) mod theme;
mod tree_text;
pub(crate) mod watermark;

pub(crate) use furniture::{add_furniture, furnish, overlay, running_left, stamp, Running};
pub(crate) use item::{DocId, Item, Page, Tagged, Target, TextRun};
pub(crate) use tags::{Role, StructTree, Tag};

use crate::document::Document;
use crate::pdf::fonts::Fonts;
use crate::pdf::image::Images;
use crate::pdf::MissingGlyph;
use document::Contents;

/// One document laid out: its pages, its structure tree and every
/// character the fonts lack.
pub(crate) struct Laid {
    pub pages: Vec<Page>,
    pub tree: tags::StructTree,
    pub missing: Vec<MissingGlyph>,
    /// How many times the document was laid out to settle it.
    pub passes: usize,
}

/// Full passes at most spent on settling the contents page's numbers
/// after the first with it, when the paper is laid out in passes (see
/// [`in_passes`]; one nearly always settles them).
const CONTENTS_PASSES: usize = 3;

/// Lays out `doc`, with the images already loaded, as document 0 (a
/// pack gives the pages their own document when it places them), without
/// the running header and footer: whoever writes the pages draws its own
/// over them (the paper's PDF, or a board pack with its own page numbers;
/// furniture never moves the content).
///
/// A paper with a contents page is laid out once all the same: the
/// contents page is laid out after the headings it lists (numbered 0 for
/// now) and moved before the body, which starts a page after it. Once the
/// pages are cut, each entry gets the page its heading landed on: only
/// its number, the number's link and the leaders before it change (the
/// lines, their heights and so every page break stay), and the flow is
/// cut into pages again. Should the headings found on the pages not be
/// the ones listed (it does not happen), the paper is laid out in passes
/// instead ([`in_passes`]).
pub(crate) fn layout(doc: &Document, fonts: &Fonts, images: &Images) -> Laid {
    let id = DocId::default();
    if !doc.wants_contents() {
        return layout_pass(doc, fonts, images, id, Contents::None);
    }
    let depth = doc.meta.contents_depth;
    let geometry = theme::PageGeometry::A4;
    let mut ctx = ctx::Ctx::new(fonts, images, doc.meta.accent, geometry);
    let listed = ctx.document(doc, Contents::Listed(depth));
    let found = contents::entries(&spill::paginate(&ctx.flow, geometry, id), depth);
    let same = |(e, f): (&contents::Entry, &contents::Entry)| {
        (e.level, &e.title, &e.anchor) == (f.level, &f.title, &f.anchor)
    };
    if found.len() != listed.len() || !listed.iter().map(|(e, _)| e).zip(&found).all(same) {
        return in_passes(doc, fonts, images);
    }
    for ((_, slot), f) in listed.into_iter().zip(&found) {
        ctx.renumber(slot, f.page);
    }
    let pages = spill::paginate(&ctx.flow, geometry, id);
    debug_assert_eq!(contents::entries(&pages, depth), found);
    Laid {
        pages,
        tree: ctx.tree,
        missing: ctx.missing,
        passes: 1,
    }
}

/// Lays out a paper with a contents page in passes: once without it, to
/// find each heading's page; then with it, its numbers moved on by the
/// pages it takes (measured by laying out the contents alone: the body
/// starts on a new page after it, so nothing else moves). Only if that
/// pass finds other numbers is it laid out again, at most
/// [`CONTENTS_PASSES`] times.
pub(in crate::pdf) fn in_passes(doc: &Document, fonts: &Fonts, images: &Images) -> Laid {
    let id = DocId::default();
    let mut laid = layout_pass(doc, fonts, images, id, Contents::None);
    let mut passes = laid.passes;
    let depth = doc.meta.contents_depth;
    let mut entries = contents::entries(&laid.pages, depth);
    let reserve = contents_pages(doc, fonts, images, &entries);
    for e in &mut entries {
        e.page += reserve;
    }
    for _ in 0..CONTENTS_PASSES {
        laid = layout_pass(doc, fonts, images, id, Contents::Given(&entries));
        passes += 1;
        let found = contents::entries(&laid.pages, depth);
        if found == entries {
            break;
        }
        entries = found;
    }
    laid.passes = passes;
    laid
}

/// The page numbers a laid-out contents page prints (for tests).
#[cfg(test)]
pub(in crate::pdf) fn contents_numbers(pages: &[Page]) -> Vec<usize> {
    let depth = u8::MAX;
    let entries = contents::entries(pages, depth);
    entries.into_iter().map(|e| e.page).collect()
}

/// How many pages the contents page takes with `entries`, laid out alone:
/// its length does not depend on the page numbers it prints (they sit in
/// a column of their own), so it is measured once, before the pass with it.
fn contents_pages(
    doc: &Document,
    fonts: &Fonts,
    images: &Images,
    entries: &[contents::Entry],
) -> usize {
    let geometry = theme::PageGeometry::A4;
    let mut ctx = ctx::Ctx::new(fonts, images, doc.meta.accent, geometry);
    let (x, w) = geometry.body_frame();
    ctx.within(Role::Sect, |ctx| ctx.contents(entries, ctx::Frame { x, w }));
    spill::paginate(&ctx.flow, geometry, DocId::default()).len()
}

/// One layout of `doc`, with its contents page as `contents` says.
fn layout_pass(
    doc: &Document,
    fonts: &Fonts,
    images: &Images,
    id: DocId,
    contents: Contents,
) -> Laid {
    let geometry = theme::PageGeometry::A4;
    let mut ctx = ctx::Ctx::new(fonts, images, doc.meta.accent, geometry);
    ctx.document(doc, contents);
    let pages = spill::paginate(&ctx.flow, geometry, id);
    Laid {
        pages,
        tree: ctx.tree,
        missing: ctx.missing,
        passes: 1,
    }
}

/// Lays out `sections` of blocks, each a `Sect` starting on a new page, as
/// document `id` with no images and no furniture (a board pack's cover and
/// agenda).
pub(crate) fn layout_sections(
    sections: &[Vec<crate::document::Block>],
    fonts: &Fonts,
    accent: theme::Rgb,
    id: DocId,
) -> Laid {
    let geometry = theme::PageGeometry::A4;
    let images = Images::default();
    let mut ctx = ctx::Ctx::new(fonts, &images, accent, geometry);
    let frame = ctx::Frame {
        x: geometry.body_frame().0,
        w: geometry.body_frame().1,
    };
    for blocks in sections {
        let start = ctx.flow.next_index();
        ctx.within(Role::Sect, |ctx| ctx.blocks(blocks, frame, 0.0));
        if let Some(c) = ctx.flow.chunks.get_mut(start) {
            c.page_break_before = true;
        }
    }
    ctx.link_elements();
    Laid {
        pages: spill::paginate(&ctx.flow, geometry, id),
        tree: ctx.tree,
        missing: ctx.missing,
        passes: 1,
    }
}
