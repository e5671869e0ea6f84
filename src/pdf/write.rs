//! Positioned pages to content streams. This walks items and emits
//! operators; it never measures. Text goes through [`Glyphs`], which
//! records the glyphs each face sets for embedding; links, images and
//! bookmarks are collected for `finish`, which writes the objects that
//! refer to them. Each page is written by its own size; anchors are looked
//! up within the page's own document, so joined papers keep their links.

use std::collections::{BTreeMap, BTreeSet};

use super::embed::Glyphs;
use super::fonts::FontStyle;
use super::layout::theme::Rgb;
use super::layout::{DocId, Item, Page, TextRun};
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
}

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

/// Writes every page; returns them with the bookmarks in document order.
pub(crate) fn write(pages: &[Page], glyphs: &mut Glyphs) -> (Vec<PageOut>, Vec<Bookmark>) {
    let anchors = anchors(pages);
    let mut bookmarks = Vec::new();
    let mut out = Vec::with_capacity(pages.len());
    for (n, page) in pages.iter().enumerate() {
        let mut w = PageWriter {
            content: Ops::new(),
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
        for placed in &page.items {
            let item = &placed.item;
            w.item(item, &anchors);
            if let Item::Target(t) = item {
                if let Some((level, title)) = &t.outline {
                    bookmarks.push(Bookmark {
                        level: *level,
                        title: title.clone(),
                        page: n,
                        top: page.height - t.y + 12.0,
                    });
                }
            }
        }
        w.end_text();
        let mut page = w.page;
        page.content = w.content.finish();
        out.push(page);
    }
    (out, bookmarks)
}

/// Every link target: (document, anchor) -> (0-based page, y in PDF
/// coordinates a little above the target).
type Anchors<'p> = BTreeMap<(DocId, &'p str), (usize, f32)>;

fn anchors(pages: &[Page]) -> Anchors<'_> {
    let mut out = BTreeMap::new();
    for (n, page) in pages.iter().enumerate() {
        for placed in &page.items {
            if let Item::Target(t) = &placed.item {
                if !t.anchor.is_empty() {
                    let top = page.height - t.y + 12.0;
                    out.entry((page.doc, t.anchor.as_str())).or_insert((n, top));
                }
            }
        }
    }
    out
}

struct PageWriter<'a, 'f> {
    content: Ops,
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
    fn item(&mut self, item: &Item, anchors: &Anchors) {
        let page_h = self.height;
        match item {
            Item::Text(run) => self.text(run),
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
                self.page.images.insert(*index);
                let name = image_name(*index);
                self.content
                    .image(name.as_bytes(), *x, page_h - y - h, *w, *h);
            }
            Item::Link { x, y, w, h, url } => {
                let target = match url.strip_prefix('#') {
                    Some(anchor) => match anchors.get(&(self.doc, anchor)) {
                        Some(&(page, top)) => LinkTarget::Place { page, top },
                        None => return,
                    },
                    None => LinkTarget::Uri(url.clone()),
                };
                let rect = [*x, page_h - y - h, x + w, page_h - y];
                self.page.links.push(Link { rect, target });
            }
            Item::Target(_) => {}
        }
    }

    fn stroke_style(&mut self, c: Rgb, width: f32) {
        self.content.stroke_colour(c).line_width(width);
    }

    fn text(&mut self, run: &TextRun) {
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
        self.content.text_at(run.x, self.height - run.y);
        self.codes.clear();
        self.glyphs.encode(font, &run.text, &mut self.codes);
        self.content.show(&self.codes);
    }

    fn end_text(&mut self) {
        if self.text.take().is_some() {
            self.content.end_text();
        }
    }
}
