//! Layout: the document tree to pages of positioned items, one stage per
//! file, like typst's `inline/`, `flow/` and `pages/`:
//!
//! - `measure`: inlines to measured words and spaces (glyph advances)
//! - `linebreak`: words to lines; `line`: lines to items and chunks
//! - `contents`: the contents page, numbered from an earlier pass
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

pub(crate) use item::{DocId, Item, Page, TextRun};

use crate::doc::Document;
use crate::pdf::fonts::Fonts;
use crate::pdf::image::Images;
use crate::pdf::MissingGlyph;

/// One document laid out: its pages, its structure tree and every
/// character the fonts lack.
pub(crate) struct Laid {
    pub pages: Vec<Page>,
    pub tree: tags::StructTree,
    pub missing: Vec<MissingGlyph>,
}

/// Passes at most spent on settling the contents page's numbers.
const CONTENTS_PASSES: usize = 4;

/// Lays out `doc`, as document `id`, with the images already loaded.
///
/// A paper with a contents page is laid out in passes: without it to find
/// each heading's page, then with it until its page numbers stop moving
/// (the contents page shifts everything after it; a second pass nearly
/// always settles).
pub(crate) fn layout_with(doc: &Document, fonts: &Fonts, images: &Images, id: DocId) -> Laid {
    let mut laid = layout_pass(doc, fonts, images, id, None);
    if !doc.wants_contents() {
        return laid;
    }
    let depth = doc.meta.contents_depth;
    let mut entries = contents::entries(&laid.pages, depth);
    for _ in 0..CONTENTS_PASSES {
        laid = layout_pass(doc, fonts, images, id, Some(&entries));
        let found = contents::entries(&laid.pages, depth);
        if found == entries {
            break;
        }
        entries = found;
    }
    laid
}

/// One layout of `doc`, with a contents page of `contents` if given.
fn layout_pass(
    doc: &Document,
    fonts: &Fonts,
    images: &Images,
    id: DocId,
    contents: Option<&[contents::Entry]>,
) -> Laid {
    let geometry = theme::PageGeometry::A4;
    let mut ctx = ctx::Ctx::new(fonts, images, doc.meta.accent, geometry);
    ctx.document(doc, contents);
    let mut pages = pages::paginate(&ctx.flow, geometry, id);
    furniture::add_furniture(&mut pages, &doc.meta, fonts);
    Laid {
        pages,
        tree: ctx.tree,
        missing: ctx.missing,
    }
}
