//! Layout: the document tree to pages of positioned items, one stage per
//! file, like typst's `inline/`, `flow/` and `pages/`:
//!
//! - `measure`: inlines to measured words and spaces (glyph advances)
//! - `linebreak`: words to lines; `line`: lines to items and chunks
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
mod ctx;
mod document;
mod foot;
mod footnotes;
mod frontsheet;
mod furniture;
mod governance;
mod item;
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

/// Lays out `doc`, as document `id`, with the images already loaded.
pub(crate) fn layout_with(doc: &Document, fonts: &Fonts, images: &Images, id: DocId) -> Laid {
    let geometry = theme::PageGeometry::A4;
    let mut ctx = ctx::Ctx::new(fonts, images, doc.meta.accent, geometry);
    ctx.document(doc);
    let mut pages = pages::paginate(&ctx.flow, geometry, id);
    furniture::add_furniture(&mut pages, &doc.meta, fonts);
    Laid {
        pages,
        tree: ctx.tree,
        missing: ctx.missing,
    }
}
