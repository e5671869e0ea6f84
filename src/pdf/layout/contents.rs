//! The contents page: one entry per heading of the body, closing and
//! appendices (down to the paper's `contents-depth`), each a link to its
//! heading with dot leaders and the page number, on its own page after the
//! front sheet. Laid out with the paper in one pass (see
//! [`super::layout`]): after the headings it lists, each numbered 0, then
//! moved before the body; once the pages are cut, [`Ctx::renumber`] gives
//! each entry its heading's page. A number's width moves only the number,
//! its link and the leaders, never a line or a page break.

use super::chunk::Chunk;
use super::ctx::{Ctx, Frame};
use super::item::{Item, Page, TextRun};
use super::tags::{Artifact, Role, Tag};
use super::theme::{ASCENT, BODY_SIZE, TEXT};
use crate::document::{Heading, Inline, Origin};
use crate::pdf::fonts::FontStyle;

/// One line of the contents: a heading and the page it lands on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub level: u8,
    pub title: String,
    pub anchor: String,
    /// 1-based page number, as the footer prints it.
    pub page: usize,
}

/// The anchor of the body's title block; entries start after it.
const BODY_START: &str = "paper";

/// Indent per level below the first.
const LEVEL_INDENT: f32 = 16.0;
/// Room kept for the page number at the right.
const NUMBER_ROOM: f32 = 36.0;

/// The contents entries of laid-out `pages`: every bookmark after the
/// body's title down to `depth`, with its page.
pub(crate) fn entries(pages: &[Page], depth: u8) -> Vec<Entry> {
    let items = pages
        .iter()
        .enumerate()
        .flat_map(|(n, page)| page.items.iter().map(move |placed| (n + 1, &placed.item)));
    entries_of(items, depth)
}

/// The contents entries of a flow not yet paginated, each on page 0.
pub(crate) fn entries_in(chunks: &[Chunk], depth: u8) -> Vec<Entry> {
    let items = chunks
        .iter()
        .flat_map(|c| c.items.iter().map(|p| (0, &p.item)));
    entries_of(items, depth)
}

/// The entries among `items`, each with the (1-based) page it is on.
fn entries_of<'i>(items: impl Iterator<Item = (usize, &'i Item)>, depth: u8) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut in_body = false;
    let mut in_appendix = false;
    for (page, item) in items {
        let Item::Target(t) = item else {
            continue;
        };
        if t.anchor == BODY_START {
            in_body = true;
            continue;
        }
        // Bookmarks nest the body's headings one level under its title;
        // the contents lists them at the level the paper gives them. An
        // appendix's title (a level-1 bookmark) is listed at 1 and its own
        // headings nest under it.
        if in_body && t.outline.as_ref().is_some_and(|(l, _)| *l == 1) {
            in_appendix = true;
        }
        let outline = t.outline.as_ref().map(|(l, title)| {
            let level = if in_appendix { *l } else { (*l).max(2) - 1 };
            (level, title)
        });
        match outline {
            Some((level, title)) if in_body && level <= depth => out.push(Entry {
                level,
                title: title.clone(),
                anchor: t.anchor.clone(),
                page,
            }),
            _ => {}
        }
    }
    out
}

/// Where an entry's page number is drawn: the last line of its title (a
/// chunk of the flow), and what the number's place depends on besides
/// the number (see [`Ctx::renumber`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumberSlot {
    pub chunk: usize,
    font: FontStyle,
    frame: Frame,
    /// The right end of the title's text on that line.
    text_end: f32,
}

impl Ctx<'_> {
    /// "Contents" on a new page, then one `TOCI` per entry inside a `TOC`;
    /// returns where each entry's number is.
    pub(crate) fn contents(&mut self, entries: &[Entry], frame: Frame) -> Vec<NumberSlot> {
        let start = self.flow.next_index();
        let h = Heading {
            level: 1,
            number: None,
            text: vec![Inline::Text("Contents".into())],
            anchor: "contents".into(),
        };
        self.heading(&h, &Origin::default(), frame, None);
        if let Some(c) = self.flow.chunks.get_mut(start) {
            c.page_break_before = true;
        }
        self.within(Role::Toc, |ctx| {
            let entries = entries.iter().enumerate();
            let slots = entries.map(|(i, e)| ctx.contents_entry(e, frame, i == 0));
            slots.collect()
        })
    }

    /// Sets the page number of the entry at `slot` to `page` (the entry
    /// as laid out with another number: its lines, their heights and tags
    /// stay; the number, its link and the leaders before it move).
    pub(crate) fn renumber(&mut self, slot: NumberSlot, page: usize) {
        let Some(c) = self.flow.chunks.get(slot.chunk) else {
            return;
        };
        let n = c.items.len();
        let Some(Item::Link { url, .. }) = c.items.first().map(|t| &t.item) else {
            return;
        };
        if n < 4 {
            return;
        }
        let new = self.number(slot, page, &url.clone());
        let c = &mut self.flow.chunks[slot.chunk];
        for (at, item) in [0, n - 3, n - 2, n - 1].into_iter().zip(new) {
            c.items[at].item = item;
        }
    }

    /// The items an entry's number makes on its last line (the chunk at
    /// `slot`), in the order they are kept there: the line's link (first
    /// on the line), the dot leaders, the number's link and the number
    /// (the last three).
    fn number(&self, slot: NumberSlot, page: usize, url: &str) -> [Item; 4] {
        let NumberSlot {
            chunk,
            font,
            frame,
            text_end,
        } = slot;
        let c = &self.flow.chunks[chunk];
        let (baseline, height) = (c.first_baseline.unwrap_or(ASCENT * BODY_SIZE), c.height);
        let number = page.to_string();
        let number_w = self.width(font, BODY_SIZE, &number);
        let pitch = self.width(FontStyle::Regular, BODY_SIZE, ". ").max(0.5);
        let right = frame.x + frame.w;
        let number_x = right - number_w;
        let (from, to) = (text_end + 6.0, right - number_w - 4.0);
        let link = |x: f32, w: f32| Item::Link {
            x,
            y: 0.0,
            w,
            h: height,
            url: url.to_owned(),
        };
        [
            // The last line's link stops where the number's begins.
            link(frame.x, number_x - frame.x),
            leader_dots(from, to, pitch, baseline),
            // The number is part of the link (its own area, drawn just
            // before it, joins the same Link element).
            link(number_x, number_w),
            Item::Text(TextRun {
                x: number_x,
                y: baseline,
                font,
                size: BODY_SIZE,
                colour: TEXT,
                text: number,
                width: number_w,
            }),
        ]
    }

    fn contents_entry(&mut self, e: &Entry, frame: Frame, first: bool) -> NumberSlot {
        let item = self.leaf(Role::Toci);
        let tag = Tag::Struct(item);
        let (font, space) = match (e.level, first) {
            (1, true) => (FontStyle::Bold, 4.0),
            (1, false) => (FontStyle::Bold, 8.0),
            _ => (FontStyle::Regular, 2.0),
        };
        let indent = LEVEL_INDENT * f32::from(e.level.saturating_sub(1));
        let inner = frame.inset(indent, NUMBER_ROOM);
        let style = self.style(font, BODY_SIZE);
        let start = self.text_block_tagged(&e.title, &style, inner, space, tag);
        let end = self.flow.next_index();
        let url = format!("#{}", e.anchor);
        // Every line but the last is a link across the frame, and an
        // entry's lines stay together.
        for c in &mut self.flow.chunks[start..end.saturating_sub(1)] {
            link_over(c, 0, frame.x, frame.w, &url, tag);
            c.keep_with_next = true;
        }
        let Some(last) = (start < end).then(|| end - 1) else {
            // A title of no lines has no number either.
            let (chunk, text_end) = (usize::MAX, 0.0);
            return NumberSlot {
                chunk,
                font,
                frame,
                text_end,
            };
        };
        let text_end = text_right(&self.flow.chunks[last]).unwrap_or(inner.x);
        let slot = NumberSlot {
            chunk: last,
            font,
            frame,
            text_end,
        };
        let [line, leaders, link, number] = self.number(slot, e.page, &url);
        let c = &mut self.flow.chunks[last];
        c.items.insert(0, line.tagged(tag));
        c.items
            .push(leaders.tagged(Tag::Artifact(Artifact::Leader)));
        c.items.push(link.tagged(tag));
        c.items.push(number.tagged(tag));
        slot
    }

    /// Plain text as lines tagged `tag`; returns the first chunk's index.
    fn text_block_tagged(
        &mut self,
        text: &str,
        style: &super::measure::RunStyle,
        frame: Frame,
        space_before: f32,
        tag: Tag,
    ) -> usize {
        let tokens = self.text_tokens(text, style, &Origin::default());
        let lines = super::linebreak::break_owned(tokens, frame.w);
        self.push_lines(&lines, frame.x, style.size, space_before, tag)
    }
}

/// The right end of the text on a chunk's line.
fn text_right(c: &Chunk) -> Option<f32> {
    c.items
        .iter()
        .filter_map(|i| match &i.item {
            Item::Text(t) => Some(t.x + t.width),
            _ => None,
        })
        .reduce(f32::max)
}

/// A link area from `x`, `w` wide, the line's height, inserted at item
/// `at` before the text it covers (so the text joins the link's element).
fn link_over(c: &mut Chunk, at: usize, x: f32, w: f32, url: &str, tag: Tag) {
    let link = Item::Link {
        x,
        y: 0.0,
        w,
        h: c.height,
        url: url.to_string(),
    };
    c.items.insert(at, link.tagged(tag));
}

/// Dot leaders (". . .", one per `pitch`) between `from` and `to`,
/// ending on `to`, as one run on `baseline`.
fn leader_dots(from: f32, to: f32, pitch: f32, baseline: f32) -> Item {
    let count = ((to - from) / pitch).floor().max(0.0) as usize;
    let width = count as f32 * pitch;
    Item::Text(TextRun {
        x: to - width,
        y: baseline,
        font: FontStyle::Regular,
        size: BODY_SIZE,
        colour: super::theme::MUTED,
        text: ". ".repeat(count).trim_end().to_string(),
        width,
    })
}
