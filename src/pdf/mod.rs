//! The PDF renderer: a [`Document`] to the bytes of an A4 PDF.
//!
//! ```text
//! Document ──layout (measure, break lines, flow, paginate)──▶ LaidOut: pages of
//!          items without furniture, made once, shared with the packs
//!          ──draw, once per page (glyph ids of the whole face, marked per
//!            structure element or artifact, deflated)──▶ content streams,
//!            shared with the packs like the pages
//!          ──placed under an overlay (header, footer, page numbers,
//!            watermark: made per output)──▶ sheets
//!          ──write (the overlay drawn, then the content's stream as it
//!                   is; glyphs used per face)──▶ pages + glyph sets
//!          ──finish (page tree, subset fonts, images, outline, structure tree,
//!                    /Info + XMP, output intent, content-hash /ID)──▶ bytes
//! ```
//!
//! Fonts are Liberation Sans 2, with DejaVu Sans for the characters it
//! lacks (check marks, symbols), bundled and subset into every PDF. A
//! render reads no file: the images come decoded from the document (the
//! project's image store read them when the sources were loaded). Rendering
//! never panics and never depends on time, threads or earlier renders:
//! the same document gives the same bytes.

pub(crate) mod archival;
pub(crate) mod bookmarks;
mod compress;
mod draw;
mod dump;
pub(crate) mod embed;
pub(crate) mod finish;
mod fonts;
pub(crate) mod foreign;
pub(crate) mod image;
pub(crate) mod layout;
#[cfg(test)]
mod marked_tests;
mod ops;
mod subsets;
#[cfg(test)]
mod tag_tests;
mod tagged;
#[cfg(test)]
mod tests;
pub(crate) mod text;
pub(crate) mod write;
mod xobject;

/// The font faces, for tests outside `pdf` that lay runs out by hand.
#[cfg(test)]
pub(crate) use fonts::FontStyle;
pub(crate) use fonts::Fonts;
/// PNG bytes for test images (the sample document writes some).
#[cfg(test)]
pub(crate) use image::tests::png_bytes;

use crate::document::{Document, Meta, Origin};

/// Options of one render.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PdfOptions {
    /// `SOURCE_DATE_EPOCH`: creation and modification date. `None`: no dates.
    pub creation_epoch: Option<i64>,
    /// An untagged PDF without the PDF/UA and PDF/A claims (for measuring
    /// what tagging costs; every build tags).
    pub untagged: bool,
}

/// A character the fonts have no glyph for (set as `?`), and where it was.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MissingGlyph {
    pub ch: char,
    pub origin: Origin,
}

/// A rendered PDF.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rendered {
    pub bytes: Vec<u8>,
    /// Characters set as `?` because the fonts lack them, in document order.
    pub missing: Vec<MissingGlyph>,
    pub pages: usize,
}

/// Renders `doc` to PDF bytes.
/// (The build times the two halves apart: see `assemble/render.rs`.)
#[cfg(test)]
pub(crate) fn render(doc: &Document, fonts: &Fonts, opts: &PdfOptions) -> Rendered {
    write_out(&lay_out(doc, fonts), doc, fonts, opts)
}

/// A paper laid out once: its pages without running furniture (as
/// document 0; a pack gives them their own id when it places them), its
/// structure tree, the images it draws and the characters the fonts lack.
/// Never changed once made: a build shares it by `Arc` between the paper's
/// own PDF ([`write_out`]) and every pack that holds it, each drawing its
/// own header, footer, page numbers and watermark over the shared pages
/// (see [`write::Sheet`]).
pub(crate) struct LaidOut {
    pub(crate) images: image::Images,
    pub(crate) laid: layout::Laid,
    /// Each page's content drawn, made by the first output that writes
    /// the paper (see [`LaidOut::drawn`]).
    drawn: std::sync::OnceLock<Vec<draw::Drawn>>,
}

impl LaidOut {
    /// How many pages it has.
    pub(crate) fn pages(&self) -> usize {
        self.laid.pages.len()
    }

    /// How many times the paper was laid out to settle it: 1, contents
    /// page or not (more only should a contents page not find the
    /// headings it listed; see `layout::layout`).
    pub(crate) fn passes(&self) -> usize {
        self.laid.passes
    }

    /// Each page's content drawn (tagged with the paper's tree, deflated):
    /// made once, by whichever output writes the paper first, and written
    /// as it is by its own PDF and by every pack that holds it.
    pub(crate) fn drawn(&self, fonts: &Fonts) -> &[draw::Drawn] {
        self.drawn.get_or_init(|| {
            let mut z = compress::Deflater::new();
            let tree = Some(&self.laid.tree);
            let pages = self.laid.pages.iter();
            pages
                .map(|p| {
                    let items = p.items.iter().map(|t| (t.tag, &t.item));
                    draw::draw_deflated(items, tree, fonts, p.height, &mut z)
                })
                .collect()
        })
    }

    /// The pages as the paper's own PDF shows them: each under its header,
    /// footer (and watermark) for `meta`.
    pub(crate) fn sheets(&self, meta: &Meta, fonts: &Fonts) -> Vec<write::Sheet<'_>> {
        let pages = &self.laid.pages;
        let mut overs: Vec<layout::Page> =
            pages.iter().map(|p| layout::overlay(p, p.doc)).collect();
        layout::add_furniture(&mut overs, meta, fonts);
        let drawn = self.drawn(fonts);
        overs
            .into_iter()
            .zip(pages)
            .zip(drawn)
            .map(|((over, page), drawn)| write::Sheet {
                over,
                items: &page.items,
                drawn: Some(drawn),
                ids: 0,
                levels: 0,
            })
            .collect()
    }
}

/// Lays `doc` out (decoding the images it holds), without furniture: the
/// one way a paper is laid out.
pub(crate) fn lay_out(doc: &Document, fonts: &Fonts) -> LaidOut {
    let images = image::Images::load(doc);
    let laid = layout::layout(doc, fonts, &images);
    LaidOut {
        images,
        laid,
        drawn: std::sync::OnceLock::new(),
    }
}

/// Writes a paper laid out by [`lay_out`] to PDF bytes, its header, footer
/// and watermark drawn over its pages: the second half of a render.
pub(crate) fn write_out(
    laid: &LaidOut,
    doc: &Document,
    fonts: &Fonts,
    opts: &PdfOptions,
) -> Rendered {
    let sheets = laid.sheets(&doc.meta, fonts);
    let mut glyphs = embed::Glyphs::new(fonts);
    let trees = write::Trees::from([(layout::DocId::default(), &laid.laid.tree)]);
    let trees = (!opts.untagged).then_some(&trees);
    let (outs, bookmarks) = write::write_sheets(&sheets, &mut glyphs, trees);
    let written = finish::Written {
        pages: outs,
        glyphs,
        bookmarks,
    };
    let images = finish::ImageSets::from([(layout::DocId::default(), &laid.images)]);
    let extras = finish::Extras {
        meta: &doc.meta,
        epoch: opts.creation_epoch,
        trees,
        archival: true,
        foreign: None,
        page_labels: false,
    };
    let bytes = finish::finish(&written, &images, &extras);
    Rendered {
        bytes,
        pages: sheets.len(),
        missing: laid.laid.missing.clone(),
    }
}

/// A readable dump of written pages: one line per text run (x, y in pt
/// from the top-left, 1 decimal; face; size; colour), rule, rectangle,
/// image, link and bookmark, with a `== page N ==` line per page.
pub(crate) fn dump(sheets: &[write::Sheet]) -> String {
    dump::dump_pages(sheets)
}

/// Lays `doc` out without writing it: positioned items per page, with
/// their furniture (for layout tests).
#[cfg(test)]
pub(crate) fn layout(doc: &Document, fonts: &Fonts) -> Vec<layout::Page> {
    furnished(doc, fonts).pages
}

/// `doc` laid out ([`lay_out`]) with a copy of its furniture put into its
/// pages, as its own PDF shows them (for tests that look at the pages).
#[cfg(test)]
pub(crate) fn furnished(doc: &Document, fonts: &Fonts) -> layout::Laid {
    let mut laid = lay_out(doc, fonts);
    let pages = laid
        .sheets(&doc.meta, fonts)
        .into_iter()
        .map(|s| {
            let mut page = s.over;
            page.items.extend_from_slice(s.items);
            page
        })
        .collect();
    laid.laid.pages = pages;
    laid.laid
}

/// The structure tree of laid-out `laid` as indented text, one element a
/// line with its role and the text of its items (for golden tests).
pub(crate) fn dump_tags(laid: &layout::Laid) -> String {
    laid.tree.dump(&laid.pages)
}
