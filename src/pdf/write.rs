//! Drawn pages placed in one output. Each [`Sheet`] is a page's content
//! (drawn once when it is a laid-out paper's: see `draw`) under an overlay
//! made for this output; writing it draws the overlay, takes the content's
//! stream as it is, moves the content's structure ids on to where its tree
//! was grafted, and resolves every link against this output's pages.
//! Anchors are looked up within the page's own document, so joined papers
//! keep their links (a link may name another document's anchor:
//! `#@3/anchor`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::compress::Deflater;
pub(crate) use super::draw::Drawn;
use super::draw::{draw, draw_deflated, LinkArea};
use super::embed::Glyphs;
use super::fonts::FontStyle;
use super::layout::tags::{StructId, StructTree, Tag};
use super::layout::{DocId, Item, Page, Tagged};

/// An outline entry: level, title, 0-based page and where it lands (y in
/// PDF coordinates, a little above the heading).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bookmark {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub top: f32,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LinkTarget {
    Uri(String),
    /// A place in the document: 0-based page and y in PDF coordinates.
    Place {
        page: usize,
        top: f32,
    },
}

/// A link annotation: its rectangle in PDF coordinates and its target.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    pub rect: [f32; 4],
    pub target: LinkTarget,
    /// The `Link` element the annotation belongs to (tagged PDFs).
    pub owner: Option<StructId>,
    /// How many marked-content sequences the page opened before the link
    /// area: its place among the page's content, for reading order.
    pub at: usize,
    /// The annotation's `/Contents`: the link's text on the page, or its URL.
    pub contents: String,
}

/// Each laid-out document's structure, by the document its pages name.
/// Several documents may share one tree (a board pack joins its papers'
/// trees into one, while their pages keep their own anchors and images):
/// such a tree is written once, under the first document naming it.
pub(crate) type Trees<'t> = BTreeMap<DocId, &'t StructTree>;

/// One page written: its size, content streams and what they refer to.
#[derive(Debug, Default)]
pub(crate) struct PageOut {
    /// Width and height in points.
    pub size: (f32, f32),
    /// The document whose images the page draws.
    pub doc: DocId,
    /// The overlay's operators (not deflated), drawn first.
    pub overlay: Vec<u8>,
    /// The content's stream, deflated (empty: no content).
    pub content: Arc<[u8]>,
    pub links: Vec<Link>,
    /// Indexes of the images drawn, in the page's document (resource `Im{index+1}`).
    pub images: BTreeSet<usize>,
    pub fonts: BTreeSet<FontStyle>,
    /// The structure element of each marked-content sequence, by MCID.
    pub marks: Vec<StructId>,
    /// Each figure's bounding box in PDF coordinates.
    pub bboxes: Vec<(StructId, [f32; 4])>,
    /// `Some(k)`: the page is page `k` of document `doc`'s foreign source
    /// (see `foreign`), drawn under `overlay`.
    pub foreign: Option<usize>,
}

/// One page of a PDF being written: content laid out once and shared by
/// every output that shows it, placed in this output, under an overlay made
/// for this output alone (its header, footer, page number, watermark, a
/// pack's stamp or item bookmark). Nothing of the content is copied.
pub(crate) struct Sheet<'a> {
    /// The overlay: the page's size and document in this output, and the
    /// items drawn first (under the content).
    pub over: Page,
    /// The content, as laid out.
    pub items: &'a [Tagged],
    /// The content drawn once, tagged with its own document's tree (a
    /// laid-out paper's page); `None`: drawn here.
    pub drawn: Option<&'a Drawn>,
    /// Added to the content's structure ids: where its document's tree
    /// was grafted into this output's.
    pub ids: usize,
    /// Added to the levels of the content's bookmarks.
    pub levels: u8,
}

impl<'a> Sheet<'a> {
    /// The tags of the overlay's items, then the content's as placed here.
    pub(crate) fn tags(&self) -> impl Iterator<Item = Tag> + '_ {
        let placed = self.items.iter().map(|i| match i.tag {
            Tag::Struct(id) => Tag::Struct(moved(id, self.ids)),
            tag => tag,
        });
        self.over.items.iter().map(|i| i.tag).chain(placed)
    }

    /// `page` under an empty overlay, placed as it was laid out.
    #[cfg(test)]
    pub(crate) fn plain(page: &'a Page) -> Sheet<'a> {
        Sheet {
            over: super::layout::overlay(page, page.doc),
            items: &page.items,
            drawn: None,
            ids: 0,
            levels: 0,
        }
    }

    /// `over` alone, with no content under it (an imported page's overlay).
    #[cfg(test)]
    pub(crate) fn bare(over: Page) -> Sheet<'a> {
        Sheet {
            over,
            items: &[],
            drawn: None,
            ids: 0,
            levels: 0,
        }
    }

    /// Every item in drawing order, the content's as placed: its tag (with
    /// the structure ids moved on) and the bookmark levels it adds.
    pub(crate) fn placed(&self) -> impl Iterator<Item = (Tag, &Item, u8)> + '_ {
        let over = self.over.items.iter().map(|t| (t.tag, &t.item, 0));
        let content = self.items.iter().map(|t| {
            let tag = match t.tag {
                Tag::Struct(id) => Tag::Struct(moved(id, self.ids)),
                artifact => artifact,
            };
            (tag, &t.item, self.levels)
        });
        over.chain(content)
    }
}

/// Writes every page as it is laid out (a test's pages, with whatever
/// furniture they hold); see [`write_sheets`].
#[cfg(test)]
pub(crate) fn write(
    pages: &[Page],
    glyphs: &mut Glyphs,
    trees: Option<&Trees>,
) -> (Vec<PageOut>, Vec<Bookmark>) {
    let sheets: Vec<Sheet> = pages.iter().map(Sheet::plain).collect();
    write_sheets(&sheets, glyphs, trees)
}

/// Writes every sheet, its overlay then its content; returns the pages
/// with the bookmarks in document order. With `trees` (each document's
/// structure), the content is marked: every item in its element's sequence
/// or as an artifact.
pub(crate) fn write_sheets(
    sheets: &[Sheet],
    glyphs: &mut Glyphs,
    trees: Option<&Trees>,
) -> (Vec<PageOut>, Vec<Bookmark>) {
    let anchors = anchors(sheets);
    let mut bookmarks = Vec::new();
    let mut out = Vec::with_capacity(sheets.len());
    let mut z = Deflater::new();
    for (n, sheet) in sheets.iter().enumerate() {
        let page = &sheet.over;
        let tree = trees.and_then(|t| t.get(&page.doc).copied());
        let (content, ids) = content(sheet, tree, glyphs, &mut z);
        let content = content.as_ref();
        let over = page.items.iter().map(|t| (t.tag, &t.item));
        let first_mcid = content.marks.len();
        let (overlay, over) = draw(over, tree, glyphs.fonts(), page.height, first_mcid);
        glyphs.add(&over.glyphs);
        glyphs.add(&content.glyphs);
        let links = (over.links.iter().map(|l| (l, 0)))
            .chain(content.links.iter().map(|l| (l, ids)))
            .filter_map(|(l, ids)| link(l, ids, page, &anchors))
            .collect();
        out.push(PageOut {
            size: (page.width, page.height),
            doc: page.doc,
            overlay,
            content: content.stream.clone(),
            links,
            images: &over.images | &content.images,
            fonts: &over.fonts | &content.fonts,
            marks: content
                .marks
                .iter()
                .map(|&id| moved(id, ids))
                .chain(over.marks)
                .collect(),
            bboxes: (content.bboxes.iter().map(|&(id, b)| (moved(id, ids), b)))
                .chain(over.bboxes)
                .collect(),
            foreign: None,
        });
        bookmarks.extend(sheet.placed().filter_map(|(_, item, levels)| match item {
            Item::Target(t) => t.outline.as_ref().map(|(level, title)| Bookmark {
                level: level.saturating_add(levels),
                title: title.clone(),
                page: n,
                top: page.height - t.y + 12.0,
            }),
            _ => None,
        }));
    }
    (out, bookmarks)
}

/// `sheet`'s content drawn, and what its structure ids move on by here:
/// the drawing made once for every output when there is one (and the PDF
/// is tagged, as every build's is), else drawn now with the ids as placed.
fn content<'s>(
    sheet: &'s Sheet,
    tree: Option<&StructTree>,
    glyphs: &Glyphs,
    z: &mut Deflater,
) -> (std::borrow::Cow<'s, Drawn>, usize) {
    if let (Some(drawn), Some(_)) = (sheet.drawn, tree) {
        return (std::borrow::Cow::Borrowed(drawn), sheet.ids);
    }
    let items = sheet.placed().skip(sheet.over.items.len());
    let items = items.map(|(tag, item, _)| (tag, item));
    let drawn = draw_deflated(items, tree, glyphs.fonts(), sheet.over.height, z);
    (std::borrow::Cow::Owned(drawn), 0)
}

/// Element `id` of a tree grafted at `by` into this output's.
fn moved(id: StructId, by: usize) -> StructId {
    StructId(id.0 + by)
}

/// The annotation of link area `l` (structure ids moved on by `ids`) on
/// `page`: its target looked up among this output's anchors; `None` for
/// an anchor the output does not hold.
fn link(l: &LinkArea, ids: usize, page: &Page, anchors: &Anchors) -> Option<Link> {
    let target = match l.url.strip_prefix('#') {
        Some(anchor) => {
            let &(page, top) = anchors.get(&qualified(page.doc, anchor))?;
            LinkTarget::Place { page, top }
        }
        None => LinkTarget::Uri(l.url.clone()),
    };
    Some(Link {
        rect: l.rect,
        target,
        owner: l.owner.map(|id| moved(id, ids)),
        at: l.at,
        contents: l.contents.clone(),
    })
}

#[cfg(test)]
impl PageOut {
    /// The page's operators: the overlay's, then the content's inflated.
    pub(crate) fn operators(&self) -> Vec<u8> {
        use std::io::Read;
        let mut out = self.overlay.clone();
        if !self.content.is_empty() {
            let mut z = flate2::read::ZlibDecoder::new(&self.content[..]);
            z.read_to_end(&mut out)
                .expect("a content stream we deflated");
        }
        out
    }
}

/// Every link target: (document, anchor) -> (0-based page, y in PDF
/// coordinates a little above the target).
type Anchors<'p> = BTreeMap<(DocId, &'p str), (usize, f32)>;

fn anchors<'p>(sheets: &'p [Sheet]) -> Anchors<'p> {
    let mut out = BTreeMap::new();
    for (n, sheet) in sheets.iter().enumerate() {
        let page = &sheet.over;
        for (_, item, _) in sheet.placed() {
            if let Item::Target(t) = item {
                if !t.anchor.is_empty() {
                    let top = page.height - t.y + 12.0;
                    out.entry((page.doc, t.anchor.as_str())).or_insert((n, top));
                }
            }
        }
    }
    out
}

/// The document and anchor a `#anchor` link on a page of `doc` names:
/// `#@3/pack-item` names an anchor of document 3 (a board pack's agenda
/// linking to its papers), any other anchor one of `doc`'s own.
fn qualified(doc: DocId, anchor: &str) -> (DocId, &str) {
    let other = anchor
        .strip_prefix('@')
        .and_then(|a| a.split_once('/'))
        .and_then(|(n, a)| Some((DocId(n.parse().ok()?), a)));
    other.unwrap_or((doc, anchor))
}
