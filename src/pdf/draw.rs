//! Items to a content stream. This walks items and emits operators; it
//! never measures. Text is set through [`Glyphs`] as the face's own glyph
//! ids, and the page remembers the glyphs it set for embedding; links,
//! images and marked content are collected for `finish`, which writes the
//! objects that refer to them. In a tagged PDF every drawn item sits in a
//! marked-content sequence: its structure element's, with an MCID recorded
//! for the structure tree (`tagged`), or an artifact's.
//!
//! A laid-out page's content drawn ([`Drawn`]) is a function of the page
//! and its document's tree alone: codes are glyph ids of the whole face,
//! MCIDs count from the page's start, structure ids are the page's own and
//! links keep their URLs. So a paper's own PDF and every pack that holds
//! it write one deflated stream, drawn once (see `LaidOut::drawn`); an
//! output only moves the structure ids on and resolves the links.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::compress::Deflater;
use super::embed::{GlyphSet, Glyphs};
use super::fonts::{FontStyle, Fonts};
use super::layout::tags::{Artifact, Role, StructId, StructTree, Tag};
use super::layout::theme::Rgb;
use super::layout::watermark::ANGLE_DEGREES;
use super::layout::{Item, TextRun};
use super::ops::Ops;

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

/// Items drawn: the content stream (deflated, empty when nothing was
/// drawn) and what it refers to, structure ids as the items name them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Drawn {
    pub stream: Arc<[u8]>,
    pub glyphs: GlyphSet,
    pub fonts: BTreeSet<FontStyle>,
    /// Indexes of the images drawn, in the page's document (resource `Im{index+1}`).
    pub images: BTreeSet<usize>,
    /// The structure element of each marked-content sequence, by MCID
    /// from the first the drawing was given.
    pub marks: Vec<StructId>,
    /// Each figure's bounding box in PDF coordinates.
    pub bboxes: Vec<(StructId, [f32; 4])>,
    pub links: Vec<LinkArea>,
}

/// A link's area as drawn, before the output resolves where it goes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LinkArea {
    /// In PDF coordinates.
    pub rect: [f32; 4],
    /// A URL, or `#anchor` (see `write`).
    pub url: String,
    /// The `Link` element the annotation belongs to (tagged PDFs).
    pub owner: Option<StructId>,
    /// How many marked-content sequences were opened before the link area.
    pub at: usize,
    /// The link's text on the page, or its URL.
    pub contents: String,
}

/// `items` drawn on a page `height` points high (see [`draw`]), their
/// stream deflated: a laid-out paper's page, drawn once for every output
/// that shows it, or a page drawn for one output alone.
pub(crate) fn draw_deflated<'i>(
    items: impl Iterator<Item = (Tag, &'i Item)>,
    tree: Option<&StructTree>,
    fonts: &Fonts,
    height: f32,
    z: &mut Deflater,
) -> Drawn {
    let (ops, mut drawn) = draw(items, tree, fonts, height, 0);
    if !ops.is_empty() {
        drawn.stream = Arc::from(z.deflate(&ops));
    }
    drawn
}

/// Draws `items` on a page `height` points high: the operators, and what
/// they refer to (`stream` left empty). With `tree` (the structure their
/// tags name) the items are marked, MCIDs counted from `first_mcid`.
pub(crate) fn draw<'i>(
    items: impl Iterator<Item = (Tag, &'i Item)>,
    tree: Option<&StructTree>,
    fonts: &Fonts,
    height: f32,
    first_mcid: usize,
) -> (Vec<u8>, Drawn) {
    // About 40 bytes an item: an overlay's stream is a few hundred bytes,
    // a page of text some kilobytes.
    let bytes = items.size_hint().0.saturating_mul(40).clamp(256, 64 * 1024);
    let mut w = PageWriter {
        content: Ops::with_capacity(bytes),
        tree,
        open: None,
        link_text: BTreeMap::new(),
        last_run: None,
        glyphs: Glyphs::new(fonts),
        codes: Vec::new(),
        text: None,
        height,
        first_mcid,
        page: Drawn::default(),
    };
    for (tag, item) in items {
        w.mark(tag, item);
        w.item(tag, item);
    }
    w.end_text();
    w.end_marked();
    for link in &mut w.page.links {
        let text = link.owner.and_then(|o| w.link_text.get(&o));
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            link.contents.clone_from(text);
        }
    }
    w.page.glyphs = w.glyphs.take_set();
    (w.content.finish(), w.page)
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
    glyphs: Glyphs<'f>,
    /// Scratch space for a run's glyph codes.
    codes: Vec<u8>,
    /// Inside BT..ET: current face, size and colour.
    text: Option<(FontStyle, f32, Rgb)>,
    /// The page's height, to flip y.
    height: f32,
    /// The MCID of the first marked-content sequence.
    first_mcid: usize,
    page: Drawn,
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
                let mcid = self.first_mcid + self.page.marks.len();
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

    fn item(&mut self, tag: Tag, item: &Item) {
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
                let rect = [*x, page_h - y - h, x + w, page_h - y];
                let owner = match (self.tree, tag) {
                    (Some(_), Tag::Struct(id)) => Some(id),
                    _ => None,
                };
                if let Some(id) = owner {
                    self.link_text.entry(id).or_default();
                }
                self.page.links.push(LinkArea {
                    rect,
                    url: url.clone(),
                    owner,
                    at: self.first_mcid + self.page.marks.len(),
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
