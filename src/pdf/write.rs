//! Positioned pages to content streams. This walks items and emits
//! operators; it never measures. Text goes through [`Glyphs`], which
//! records the glyphs each face sets for embedding; links, images and
//! bookmarks are collected for `finish`, which writes the objects that
//! refer to them. In a tagged PDF every drawn item sits in a marked-content
//! sequence: its structure element's, with an MCID recorded for the
//! structure tree (`tagged`), or an artifact's. Each page is written by its own size; anchors are looked
//! up within the page's own document, so joined papers keep their links
//! (a link may name another document's anchor: `#@3/anchor`).

use std::collections::{BTreeMap, BTreeSet};

use super::embed::Glyphs;
use super::fonts::FontStyle;
use super::layout::tags::{Artifact, Role, StructId, StructTree, Tag};
use super::layout::theme::Rgb;
use super::layout::watermark::ANGLE_DEGREES;
use super::layout::{DocId, Item, Page, Tagged, TextRun};
use super::ops::Ops;

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

/// One page written: its size, content stream and what the stream refers to.
#[derive(Debug, Default)]
pub(crate) struct PageOut {
    /// Width and height in points.
    pub size: (f32, f32),
    /// The document whose images the page draws.
    pub doc: DocId,
    pub content: Vec<u8>,
    pub links: Vec<Link>,
    /// Indexes of the images drawn, in the page's document (resource `Im{index+1}`).
    pub images: BTreeSet<usize>,
    pub fonts: BTreeSet<FontStyle>,
    /// The structure element of each marked-content sequence, by MCID.
    pub marks: Vec<StructId>,
    /// Each figure's bounding box in PDF coordinates.
    pub bboxes: Vec<(StructId, [f32; 4])>,
    /// `Some(k)`: the page is page `k` of document `doc`'s foreign source
    /// (see `foreign`), and `content` is an overlay drawn on top of it.
    pub foreign: Option<usize>,
}

/// Resource name of a face on every page.
pub(crate) fn font_name(style: FontStyle) -> &'static [u8] {
    match style {
        FontStyle::Regular => b"R",
        FontStyle::Bold => b"B",
        FontStyle::Italic => b"I",
        FontStyle::BoldItalic => b"BI",
        FontStyle::Fallback => b"F",
    }
}

/// Resource name of an image.
pub(crate) fn image_name(index: usize) -> String {
    format!("Im{}", index + 1)
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
            Tag::Struct(id) => Tag::Struct(StructId(id.0 + self.ids)),
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
                Tag::Struct(id) => Tag::Struct(StructId(id.0 + self.ids)),
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
    for (n, sheet) in sheets.iter().enumerate() {
        let page = &sheet.over;
        let mut w = PageWriter {
            content: Ops::new(),
            tree: trees.and_then(|t| t.get(&page.doc).copied()),
            open: None,
            link_text: BTreeMap::new(),
            last_run: None,
            glyphs: &mut *glyphs,
            codes: Vec::new(),
            text: None,
            height: page.height,
            doc: page.doc,
            page: PageOut {
                size: (page.width, page.height),
                doc: page.doc,
                ..PageOut::default()
            },
        };
        for (tag, item, levels) in sheet.placed() {
            w.mark(tag, item);
            w.item(tag, item, &anchors);
            if let Item::Target(t) = item {
                if let Some((level, title)) = &t.outline {
                    bookmarks.push(Bookmark {
                        level: level.saturating_add(levels),
                        title: title.clone(),
                        page: n,
                        top: page.height - t.y + 12.0,
                    });
                }
            }
        }
        w.end_text();
        w.end_marked();
        for link in &mut w.page.links {
            let text = link.owner.and_then(|o| w.link_text.get(&o));
            if let Some(text) = text.filter(|t| !t.is_empty()) {
                link.contents.clone_from(text);
            }
        }
        let mut page = w.page;
        page.content = w.content.finish();
        out.push(page);
    }
    (out, bookmarks)
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

struct PageWriter<'a, 'f> {
    content: Ops,
    /// The page's document's structure, when the PDF is tagged.
    tree: Option<&'a StructTree>,
    /// The tag of the open marked-content sequence.
    open: Option<Tag>,
    /// The text of each link element on the page (annotation `/Contents`).
    link_text: BTreeMap<StructId, String>,
    /// The last text run's tag, baseline, and whether it ended a word
    /// (without a space or hyphen after it).
    last_run: Option<(Tag, f32, bool)>,
    glyphs: &'a mut Glyphs<'f>,
    /// Scratch space for a run's glyph codes.
    codes: Vec<u8>,
    /// Inside BT..ET: current face, size and colour.
    text: Option<(FontStyle, f32, Rgb)>,
    /// The page's height, to flip y.
    height: f32,
    /// The page's document, to look its anchors up in.
    doc: DocId,
    page: PageOut,
}

impl PageWriter<'_, '_> {
    /// Opens the marked-content sequence of `tag` before a drawn `item`
    /// (closing the one before) unless it is open already.
    fn mark(&mut self, tag: Tag, item: &Item) {
        let Some(tree) = self.tree else { return };
        if matches!(item, Item::Link { .. } | Item::Target(_)) || self.open == Some(tag) {
            return;
        }
        self.end_text();
        self.end_marked();
        self.open = Some(tag);
        match tag {
            Tag::Struct(id) => {
                let role = tree.get(id).map_or(Role::P, |n| n.role);
                let mcid = self.page.marks.len();
                self.page.marks.push(id);
                self.content.begin_element(role.name().as_bytes(), mcid);
            }
            Tag::Artifact(kind) => {
                self.content.begin_artifact(artifact_props(kind));
            }
        }
    }

    fn end_marked(&mut self) {
        if self.open.take().is_some() {
            self.content.end_marked();
        }
    }

    fn item(&mut self, tag: Tag, item: &Item, anchors: &Anchors) {
        let page_h = self.height;
        match item {
            Item::Text(run) => self.text(run, false),
            Item::Watermark(run) => self.text(run, true),
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                colour,
            } => {
                self.end_text();
                self.stroke_style(*colour, *width);
                self.content.line(*x1, page_h - y1, *x2, page_h - y2);
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                self.end_text();
                let bottom = page_h - y - h;
                if let Some(f) = fill {
                    self.content.fill(*f).rect(*x, bottom, *w, *h, true);
                }
                if let Some(s) = stroke {
                    self.stroke_style(*s, 0.6);
                    self.content.rect(*x, bottom, *w, *h, false);
                }
            }
            Item::Image { x, y, w, h, index } => {
                self.end_text();
                if let Some(Tag::Struct(id)) = self.open {
                    let bottom = page_h - y - h;
                    self.page.bboxes.push((id, [*x, bottom, x + w, bottom + h]));
                }
                self.page.images.insert(*index);
                let name = image_name(*index);
                self.content
                    .image(name.as_bytes(), *x, page_h - y - h, *w, *h);
            }
            Item::Link { x, y, w, h, url } => {
                let target = match url.strip_prefix('#') {
                    Some(anchor) => match anchors.get(&qualified(self.doc, anchor)) {
                        Some(&(page, top)) => LinkTarget::Place { page, top },
                        None => return,
                    },
                    None => LinkTarget::Uri(url.clone()),
                };
                let rect = [*x, page_h - y - h, x + w, page_h - y];
                let owner = match (self.tree, tag) {
                    (Some(_), Tag::Struct(id)) => Some(id),
                    _ => None,
                };
                if let Some(id) = owner {
                    self.link_text.entry(id).or_default();
                }
                self.page.links.push(Link {
                    rect,
                    target,
                    owner,
                    at: self.page.marks.len(),
                    contents: url.clone(),
                });
            }
            Item::Target(_) => {}
        }
    }

    fn stroke_style(&mut self, c: Rgb, width: f32) {
        self.content.stroke_colour(c).line_width(width);
    }

    /// Shows a text run; `turned` turns it 45° about its start (a
    /// watermark, which never continues a line).
    fn text(&mut self, run: &TextRun, turned: bool) {
        let (font, size, fill) = (run.font, run.size, run.colour);
        let state = self.text.get_or_insert_with(|| {
            self.content.begin_text();
            (font, -1.0, Rgb(1, 2, 3))
        });
        let (set_font, set_fill) = (state.0 != font || state.1 != size, state.2 != fill);
        *state = (font, size, fill);
        if set_font {
            self.page.fonts.insert(font);
            self.content.font(font_name(font), size);
        }
        if set_fill {
            self.content.fill(fill);
        }
        if let Some(Tag::Struct(id)) = self.open {
            if let Some(text) = self.link_text.get_mut(&id) {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(run.text.trim());
            }
        }
        if !turned && self.breaks_a_line(run) {
            // The space the line break stands for, invisible at the start of
            // the new line, so text extracted from the tags reads "and
            // autism", not "andautism".
            self.content.text_at(run.x, self.height - run.y);
            self.codes.clear();
            self.glyphs.encode(font, " ", &mut self.codes);
            self.content.show(&self.codes);
        }
        let open = run
            .text
            .chars()
            .last()
            .is_some_and(|c| !c.is_whitespace() && c != '-');
        self.last_run = self.open.map(|tag| (tag, run.y, open));
        if turned {
            let (sin, cos) = ANGLE_DEGREES.to_radians().sin_cos();
            self.content
                .text_turned(run.x, self.height - run.y, sin, cos);
        } else {
            self.content.text_at(run.x, self.height - run.y);
        }
        self.codes.clear();
        self.glyphs.encode(font, &run.text, &mut self.codes);
        self.content.show(&self.codes);
    }

    /// Whether `run` continues the text of the last run's element (or its
    /// parent's or child's, around a link) on a new line, after a word.
    fn breaks_a_line(&self, run: &TextRun) -> bool {
        let (Some(tree), Some((last, y, open)), Some(now)) = (self.tree, self.last_run, self.open)
        else {
            return false;
        };
        let starts_word = run.text.chars().next().is_some_and(|c| !c.is_whitespace());
        let parent = |t: Tag| match t {
            Tag::Struct(id) => tree.get(id).and_then(|n| n.parent()).map(Tag::Struct),
            Tag::Artifact(_) => None,
        };
        let related = last == now
            || parent(last) == Some(now)
            || parent(now) == Some(last)
            || parent(last).and_then(parent) == Some(now)
            || parent(now).and_then(parent) == Some(last);
        let artifact = matches!(now, Tag::Artifact(_));
        open && starts_word && related && !artifact && (y - run.y).abs() > 0.01
    }

    fn end_text(&mut self) {
        if self.text.take().is_some() {
            self.content.end_text();
        }
    }
}

/// The property list of an artifact: pagination (header, footer, page
/// number, a repeated table header) or layout (rules, borders, shading).
fn artifact_props(kind: Artifact) -> &'static [u8] {
    match kind {
        Artifact::Header => b"/Type /Pagination /Subtype /Header",
        Artifact::Watermark => b"/Type /Pagination /Subtype /Watermark",
        Artifact::Footer => b"/Type /Pagination /Subtype /Footer",
        Artifact::PageNumber => b"/Type /Pagination",
        Artifact::Rule
        | Artifact::Border
        | Artifact::Shading
        | Artifact::Bar
        | Artifact::Leader => b"/Type /Layout",
    }
}
