//! The PDF renderer: a [`Document`] to the bytes of an A4 PDF.
//!
//! ```text
//! Document ──layout (measure, break lines, flow, paginate)──▶ LaidOut: pages of
//!          items without furniture, made once, shared with the packs
//!          ──a copy furnished (header, footer, page numbers, watermark)──▶ pages
//!          ──write (content streams, marked per structure element or artifact;
//!                   glyphs used per face)──▶ pages + glyph sets
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

mod archival;
pub(crate) mod bookmarks;
mod compress;
mod dump;
pub(crate) mod embed;
pub(crate) mod finish;
mod fonts;
pub(crate) mod image;
pub(crate) mod import;
pub(crate) mod layout;
#[cfg(test)]
mod marked_tests;
mod ops;
mod subsets;
#[cfg(test)]
mod tag_tests;
pub(crate) mod tagged;
#[cfg(test)]
mod tests;
pub(crate) mod text;
pub(crate) mod write;
mod xobject;

pub(crate) use fonts::Fonts;
/// PNG bytes for test images (the sample document writes some).
#[cfg(test)]
pub(crate) use image::tests::png_bytes;

use crate::document::{Document, Origin};

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
/// own PDF ([`write_out`]) and every pack that holds it, each applying its
/// own header, footer, page numbers and watermark to its copy of the pages.
pub(crate) struct LaidOut {
    pub(crate) images: image::Images,
    pub(crate) laid: layout::Laid,
}

impl LaidOut {
    /// How many pages it has.
    pub(crate) fn pages(&self) -> usize {
        self.laid.pages.len()
    }

    /// How many times the paper was laid out to settle it (2 with a
    /// contents page, else 1).
    pub(crate) fn passes(&self) -> usize {
        self.laid.passes
    }
}

/// Lays `doc` out (decoding the images it holds), without furniture.
pub(crate) fn lay_out(doc: &Document, fonts: &Fonts) -> LaidOut {
    let images = image::Images::load(doc);
    let laid = layout::layout_bare(doc, fonts, &images, layout::DocId::default());
    LaidOut { images, laid }
}

/// Writes a paper laid out by [`lay_out`] to PDF bytes, its header, footer
/// and watermark applied to a copy of its pages: the second half of a
/// render.
pub(crate) fn write_out(
    laid: &LaidOut,
    doc: &Document,
    fonts: &Fonts,
    opts: &PdfOptions,
) -> Rendered {
    let mut pages = laid.laid.pages.clone();
    layout::add_furniture(&mut pages, &doc.meta, fonts);
    let mut glyphs = embed::Glyphs::new(fonts);
    let trees = tagged::Trees::from([(layout::DocId::default(), &laid.laid.tree)]);
    let trees = (!opts.untagged).then_some(&trees);
    let (outs, bookmarks) = write::write(&pages, &mut glyphs, trees);
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
        imports: &finish::Imports::new(),
        page_labels: false,
    };
    let bytes = finish::finish(&written, &images, &extras);
    Rendered {
        bytes,
        pages: pages.len(),
        missing: laid.laid.missing.clone(),
    }
}

/// A readable dump of laid-out pages: one line per text run (x, y in pt
/// from the top-left, 1 decimal; face; size; colour), rule, rectangle,
/// image, link and bookmark, with a `== page N ==` line per page.
pub(crate) fn dump(pages: &[layout::Page]) -> String {
    dump::dump_pages(pages)
}

/// Lays `doc` out without writing it: positioned items per page (for
/// layout tests).
#[cfg(test)]
pub(crate) fn layout(doc: &Document, fonts: &Fonts) -> Vec<layout::Page> {
    laid_out(doc, fonts).pages
}

/// Lays `doc` out without writing it: pages and structure tree.
pub(crate) fn laid_out(doc: &Document, fonts: &Fonts) -> layout::Laid {
    let images = image::Images::load(doc);
    layout::layout_with(doc, fonts, &images, layout::DocId::default())
}

/// The structure tree of laid-out `laid` as indented text, one element a
/// line with its role and the text of its items (for golden tests).
pub(crate) fn dump_tags(laid: &layout::Laid) -> String {
    laid.tree.dump(&laid.pages)
}
