//! The last step: written pages, fonts and images to the bytes of one
//! PDF 1.7 file. Besides the page tree it writes:
//!
//! - `/Lang` (en-GB) and `/DisplayDocTitle` in the catalogue;
//! - when tagged: `/MarkInfo`, the structure tree (see `tagged`), pages
//!   with `/StructParents` and `/Tabs /S`, annotations with
//!   `/StructParent`, `/Contents` and the print flag;
//! - the XMP metadata and sRGB output intent (see `archival`);
//! - the nested outline (see `outline`);
//! - for a board pack, `/PageLabels` numbering the pages 1…N;
//! - an `/Info` with title, author, subject and producer, and dates only
//!   from `SOURCE_DATE_EPOCH`;
//! - a trailer `/ID` from a SHA-256 of the bytes.
//!
//! Object numbers are handed out in document order, so the bytes are a
//! function of the input alone.

use std::collections::{BTreeMap, BTreeSet};

use pdf_writer::types::{ActionType, AnnotationFlags, AnnotationType, TabOrder};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use sha2::{Digest, Sha256};

use super::archival::{self, Claims};
use super::compress::Deflater;
use super::draw::{font_name, image_name};
use super::embed::Glyphs;
use super::fonts::FontStyle;
use super::foreign::{Foreign, Graft, Placement, Placer};
use super::image::Images;
use super::layout::tags::StructId;
use super::layout::DocId;
use super::tagged;
use super::write::Trees;
use super::write::{Bookmark, Link, LinkTarget, PageOut};
use super::{bookmarks, xobject};
use crate::document::Meta;

/// Everything `write` produced for one document.
pub(crate) struct Written<'f> {
    pub pages: Vec<PageOut>,
    pub glyphs: Glyphs<'f>,
    pub bookmarks: Vec<Bookmark>,
}

/// Each laid-out document's loaded images, for the pages that draw them.
pub(crate) type ImageSets<'i> = BTreeMap<DocId, &'i Images>;

/// What a PDF is finished with besides its pages.
pub(crate) struct Extras<'a> {
    pub meta: &'a Meta,
    /// `SOURCE_DATE_EPOCH`, for the dates.
    pub epoch: Option<i64>,
    /// Each document's structure, when the PDF is tagged (the pages were
    /// written with marked content).
    pub trees: Option<&'a Trees<'a>>,
    /// Claim PDF/A-2a (only with `trees`: level A needs the tags).
    pub archival: bool,
    /// The sources of the foreign pages the PDF places (see `foreign`).
    pub foreign: Option<&'a dyn Foreign>,
    /// Write `/PageLabels` numbering every page 1, 2, 3… (a board pack,
    /// whose footers print the pack's page numbers).
    pub page_labels: bool,
}

/// Serialises the document with metadata, outline and a content-derived ID.
pub(crate) fn finish(written: &Written, images: &ImageSets, extras: &Extras) -> Vec<u8> {
    let (meta, epoch) = (extras.meta, extras.epoch);
    let mut z = Deflater::new();
    let mut pdf = Pdf::with_capacity(size_hint(written, extras));
    let mut next = Ref::new(1);
    let [catalog, tree, info] = [next.bump(), next.bump(), next.bump()];
    let [struct_root, metadata, profile] = [next.bump(), next.bump(), next.bump()];
    let page_ids: Vec<Ref> = written.pages.iter().map(|_| next.bump()).collect();
    let fonts: BTreeMap<FontStyle, Ref> = FontStyle::ALL
        .into_iter()
        .filter(|s| written.glyphs.uses(*s))
        .map(|s| (s, next.bump()))
        .collect();
    let used: BTreeSet<(DocId, usize)> = written
        .pages
        .iter()
        .flat_map(|p| p.images.iter().map(|&i| (p.doc, i)))
        .collect();
    let image_ids: BTreeMap<(DocId, usize), Ref> =
        used.into_iter().map(|i| (i, next.bump())).collect();

    let annots: Vec<Vec<Ref>> = written
        .pages
        .iter()
        .map(|p| p.links.iter().map(|_| next.bump()).collect())
        .collect();
    let keys = tagged::annot_keys(&written.pages);

    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);
    let first_key = written.pages.len() + keys.iter().flatten().flatten().count();
    let mut placer = extras
        .foreign
        .map(|f| f.placer(&written.pages, &page_ids, first_key as i32));
    for (n, (page, &id)) in written.pages.iter().zip(&page_ids).enumerate() {
        let refs = PageRefs {
            tree,
            pages: &page_ids,
            fonts: &fonts,
            images: &image_ids,
            annots: &annots[n],
            keys: &keys[n],
            tagged: extras.trees.is_some().then_some(n as i32),
        };
        let placed = page.foreign.is_some_and(|k| {
            let overlay = write_overlay(&mut pdf, page, extras, &refs, &mut next, &mut z);
            let at = Placement {
                index: n,
                id,
                tree,
                overlay,
                links: &annots[n],
                tagged: extras.trees.is_some(),
            };
            let placer = placer.as_mut();
            placer.is_some_and(|p| p.write_page(&mut pdf, page.doc, k, &at, &mut next))
        });
        if placed {
            write_links(&mut pdf, page, &refs);
        } else {
            write_page(&mut pdf, page, id, &refs, &mut next, &mut z);
        }
    }
    if let Some(trees) = extras.trees {
        let refs = tagged::Refs {
            root: struct_root,
            pages: &page_ids,
            annots: &annots,
        };
        write_structure(
            &mut pdf,
            trees,
            &written.pages,
            &refs,
            (placer.as_deref_mut(), first_key as i32),
            &mut next,
        );
    }
    if let Some(p) = placer.as_mut() {
        p.flush(&mut pdf, &mut next);
    }
    written.glyphs.write(&mut pdf, &fonts, &mut next, &mut z);
    for (&(doc, index), &id) in &image_ids {
        if let Some(img) = images.get(&doc).and_then(|i| i.list().get(index)) {
            xobject::write_image(&mut pdf, id, img, &mut next, &mut z);
        }
    }
    let outline = bookmarks::write(&mut pdf, &written.bookmarks, &page_ids, &mut next);

    let claims = claims(written, extras);
    archival::write_metadata(&mut pdf, metadata, meta, epoch, claims);
    if claims.archival {
        archival::write_profile(&mut pdf, profile, &mut z);
    }
    let mut cat = pdf.catalog(catalog);
    cat.pages(tree).lang(TextStr(&meta.lang)).metadata(metadata);
    if extras.trees.is_some() {
        cat.mark_info().marked(true);
        cat.pair(Name(b"StructTreeRoot"), struct_root);
    }
    if claims.archival {
        archival::output_intent(&mut cat, profile);
    }
    if extras.page_labels {
        write_page_labels(&mut cat);
    }
    write_catalog(cat, outline);
    write_info(&mut pdf, info, meta, epoch);
    with_id(pdf)
}

/// About how many bytes the file takes, so that its buffer is not grown
/// (and copied) over and over while it is written: the pages' streams, a
/// few hundred bytes an element of the structure tree, and the fonts.
fn size_hint(written: &Written, extras: &Extras) -> usize {
    let page = |p: &PageOut| p.content.len() + p.overlay.len() + 1024;
    let pages: usize = written.pages.iter().map(page).sum();
    let trees = extras.trees.into_iter().flat_map(|t| t.values());
    let elements = trees.map(|t| t.len()).max().unwrap_or(0);
    pages + 200 * elements + 64 * 1024
}

/// The structure tree: ours, with the foreign pages' elements grafted
/// under the elements of ours their placer names; `first_key` is the
/// first parent tree key left free when there is no placer.
fn write_structure(
    pdf: &mut Pdf,
    trees: &Trees,
    pages: &[PageOut],
    refs: &tagged::Refs,
    (mut placer, first_key): (Option<&mut (dyn Placer + '_)>, i32),
    next: &mut Ref,
) {
    let ids = tagged::element_ids(trees, next);
    let graft = match placer.as_mut() {
        Some(p) => p.plan(next),
        None => Graft {
            next_key: first_key,
            ..Graft::default()
        },
    };
    tagged::write(pdf, trees, pages, refs, &ids, &graft);
    let parent = |p: Option<(DocId, StructId)>| {
        p.and_then(|(doc, id)| ids.get(&doc)?.get(id.0).copied())
            .unwrap_or(refs.root)
    };
    if let Some(p) = placer {
        p.write_structure(pdf, &parent, next);
    }
}

/// What the PDF claims: PDF/UA-1 when tagged and every foreign source is
/// tagged too; PDF/A-2a when, besides, no page is foreign (a file's
/// fonts, colour spaces and transparency are not ours to vouch for).
fn claims(written: &Written, extras: &Extras) -> Claims {
    let foreign = written.pages.iter().any(|p| p.foreign.is_some());
    let ua = extras.trees.is_some() && extras.foreign.is_none_or(|f| f.tagged());
    Claims {
        ua,
        archival: ua && extras.archival && !foreign,
    }
}

/// The rest of the catalogue: title bar, and the outline shown when there
/// is one.
fn write_catalog(mut cat: pdf_writer::writers::Catalog, outline: Option<Ref>) {
    cat.viewer_preferences().display_doc_title(true);
    match outline {
        Some(id) => {
            cat.outlines(id)
                .pair(Name(b"PageMode"), Name(b"UseOutlines"));
        }
        None => {
            cat.pair(Name(b"PageMode"), Name(b"UseNone"));
        }
    }
}

/// `/PageLabels`: one range from the first page, decimal from 1, so a
/// viewer's page box shows the number the footer prints.
fn write_page_labels(cat: &mut pdf_writer::writers::Catalog) {
    let mut labels = cat.insert(Name(b"PageLabels")).dict();
    let mut nums = labels.insert(Name(b"Nums")).array();
    nums.item(0);
    nums.push()
        .dict()
        .pair(Name(b"Type"), Name(b"PageLabel"))
        .pair(Name(b"S"), Name(b"D"));
}

/// The references a page's dictionary points at.
struct PageRefs<'a> {
    tree: Ref,
    pages: &'a [Ref],
    fonts: &'a BTreeMap<FontStyle, Ref>,
    images: &'a BTreeMap<(DocId, usize), Ref>,
    /// The page's annotations and their `/StructParent` keys.
    annots: &'a [Ref],
    keys: &'a [Option<i32>],
    /// The page's `/StructParents` key when the PDF is tagged.
    tagged: Option<i32>,
}

/// One page: its dictionary, content streams (the overlay, then the
/// content as drawn once for every output) and link annotations.
fn write_page(
    pdf: &mut Pdf,
    page: &PageOut,
    id: Ref,
    refs: &PageRefs,
    next: &mut Ref,
    z: &mut Deflater,
) {
    let overlay = next.bump();
    let content = (!page.content.is_empty()).then(|| next.bump());
    let annots = refs.annots;
    let mut p = pdf.page(id);
    p.parent(refs.tree)
        .media_box(Rect::new(0.0, 0.0, page.size.0, page.size.1));
    match content {
        Some(content) => {
            p.insert(Name(b"Contents"))
                .array()
                .items([overlay, content]);
        }
        None => {
            p.contents(overlay);
        }
    }
    if let Some(key) = refs.tagged {
        p.struct_parents(key).tab_order(TabOrder::StructureOrder);
    }
    if !annots.is_empty() {
        p.annotations(annots.iter().copied());
    }
    write_resources(p.resources(), page, refs);
    p.finish();
    pdf.stream(overlay, &z.deflate(&page.overlay))
        .filter(Filter::FlateDecode);
    if let Some(content) = content {
        pdf.stream(content, &page.content)
            .filter(Filter::FlateDecode);
    }
    write_links(pdf, page, refs);
}

/// The fonts and images `page`'s content uses.
fn write_resources(mut res: pdf_writer::writers::Resources, page: &PageOut, refs: &PageRefs) {
    let mut fonts = res.fonts();
    for style in &page.fonts {
        if let Some(&font) = refs.fonts.get(style) {
            fonts.pair(Name(font_name(*style)), font);
        }
    }
    fonts.finish();
    let mut xobjects = res.x_objects();
    for index in &page.images {
        if let Some(&image) = refs.images.get(&(page.doc, *index)) {
            xobjects.pair(Name(image_name(*index).as_bytes()), image);
        }
    }
    xobjects.finish();
}

/// `page`'s link annotations.
fn write_links(pdf: &mut Pdf, page: &PageOut, refs: &PageRefs) {
    for ((link, &annot), key) in page.links.iter().zip(refs.annots).zip(refs.keys) {
        write_link(pdf, link, annot, refs.pages, *key);
    }
}

/// A foreign page's overlay (`page.overlay`) as a form XObject over
/// the page's visible box, its origin that box's lower-left corner;
/// `None` when there is no overlay.
fn write_overlay(
    pdf: &mut Pdf,
    page: &PageOut,
    extras: &Extras,
    refs: &PageRefs,
    next: &mut Ref,
    z: &mut Deflater,
) -> Option<Ref> {
    if page.overlay.is_empty() {
        return None;
    }
    let [x1, y1, x2, y2] = extras.foreign?.crop(page.doc, page.foreign?)?;
    let id = next.bump();
    let data = z.deflate(&page.overlay);
    let mut form = pdf.form_xobject(id, &data);
    form.bbox(Rect::new(0.0, 0.0, x2 - x1, y2 - y1))
        .matrix([1.0, 0.0, 0.0, 1.0, x1, y1])
        .filter(Filter::FlateDecode);
    write_resources(form.resources(), page, refs);
    form.finish();
    Some(id)
}

/// A link annotation without a visible border, printable (PDF/A), with
/// its text as `/Contents` (PDF/UA) and, when tagged, its element's key.
fn write_link(pdf: &mut Pdf, link: &Link, id: Ref, pages: &[Ref], key: Option<i32>) {
    let [x1, y1, x2, y2] = link.rect;
    let mut annot = pdf.annotation(id);
    annot
        .subtype(AnnotationType::Link)
        .rect(Rect::new(x1, y1, x2, y2))
        .border(0.0, 0.0, 0.0, None)
        .flags(AnnotationFlags::PRINT)
        .contents(TextStr(&link.contents));
    if let Some(key) = key {
        annot.struct_parent(key);
    }
    match &link.target {
        LinkTarget::Uri(uri) => {
            annot
                .action()
                .action_type(ActionType::Uri)
                .uri(Str(uri.as_bytes()));
        }
        LinkTarget::Place { page, top } => {
            if let Some(&page) = pages.get(*page) {
                bookmarks::destination(annot.insert(Name(b"Dest")), page, *top);
            }
        }
    }
}

fn write_info(pdf: &mut Pdf, id: Ref, meta: &Meta, epoch: Option<i64>) {
    let mut info = pdf.document_info(id);
    info.title(TextStr(&meta.title))
        .author(TextStr(&meta.author))
        .subject(TextStr(&meta.subject))
        .creator(TextStr(archival::CREATOR))
        .producer(TextStr(archival::PRODUCER));
    if let Some(date) = epoch.and_then(pdf_date) {
        info.pair(Name(b"CreationDate"), Str(date.as_bytes()));
        info.pair(Name(b"ModDate"), Str(date.as_bytes()));
    }
}

/// Finishes `pdf` with a trailer `/ID` that is a SHA-256 of the file
/// written with a placeholder ID: the placeholder (all 0xFF, so written
/// as hex) is replaced in place by the hash's hex digits, same length.
fn with_id(mut pdf: Pdf) -> Vec<u8> {
    const LEN: usize = 16;
    pdf.set_file_id((vec![0xff; LEN], vec![0xff; LEN]));
    let mut bytes = pdf.finish();
    let hash = Sha256::digest(&bytes);
    let hex: String = hash[..LEN].iter().map(|b| format!("{b:02X}")).collect();
    let trailer = find_last(&bytes, b"trailer").unwrap_or(0);
    for placeholder in [b"F".repeat(2 * LEN), b"f".repeat(2 * LEN)] {
        for _ in 0..2 {
            if let Some(at) = find_last(&bytes[trailer..], &placeholder) {
                let at = trailer + at;
                bytes[at..at + hex.len()].copy_from_slice(hex.as_bytes());
            }
        }
    }
    bytes
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// `D:YYYYMMDDHHmmSSZ` for a Unix time (None outside years 0..=9999).
pub(crate) fn pdf_date(epoch: i64) -> Option<String> {
    let (year, month, day, h, m, s) = archival::civil(epoch)?;
    Some(format!("D:{year:04}{month:02}{day:02}{h:02}{m:02}{s:02}Z"))
}

#[cfg(test)]
mod tests {
    use super::pdf_date;

    #[test]
    fn dates_from_epoch() {
        assert_eq!(pdf_date(0).as_deref(), Some("D:19700101000000Z"));
        assert_eq!(
            pdf_date(1_700_000_000).as_deref(),
            Some("D:20231114221320Z")
        );
        assert_eq!(pdf_date(i64::MAX), None);
    }
}
