//! The contents page: one entry per heading of the body, closing and
//! appendices (down to the paper's `contents-depth`), each a link to its
//! heading with dot leaders and the page number, on its own page after the
//! front sheet. Laid out in passes (see [`super::layout`]): the first
//! pass finds where each heading lands, the next lays the contents with
//! those numbers, until the numbers no longer move.

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
    let mut out = Vec::new();
    let mut in_body = false;
    let mut in_appendix = false;
    for (n, page) in pages.iter().enumerate() {
        for placed in &page.items {
            let Item::Target(t) = &placed.item else {
                continue;
            };
            if t.anchor == BODY_START {
                in_body = true;
                continue;
            }
            // Bookmarks nest the body's headings one level under its
            // title; the contents lists them at the level the paper gives
            // them. An appendix's title (a level-1 bookmark) is listed at
            // 1 and its own headings nest under it.
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
                    page: n + 1,
                }),
                _ => {}
            }
        }
    }
    out
}

impl Ctx<'_> {
    /// "Contents" on a new page, then one `TOCI` per entry inside a `TOC`.
    pub(crate) fn contents(&mut self, entries: &[Entry], frame: Frame) {
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
            for (i, e) in entries.iter().enumerate() {
                ctx.contents_entry(e, frame, i == 0);
            }
        });
    }

    fn contents_entry(&mut self, e: &Entry, frame: Frame, first: bool) {
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
        let number = e.page.to_string();
        let number_w = self.width(font, BODY_SIZE, &number);
        let pitch = self.width(FontStyle::Regular, BODY_SIZE, ". ").max(0.5);
        let url = format!("#{}", e.anchor);
        let right = frame.x + frame.w;
        let number_x = right - number_w;
        for (i, c) in self.flow.chunks[start..end].iter_mut().enumerate() {
            let baseline = c.first_baseline.unwrap_or(ASCENT * BODY_SIZE);
            let last = i + 1 == end - start;
            // The last line's link stops where the number's begins.
            let w = if last { number_x - frame.x } else { frame.w };
            link_over(c, 0, frame.x, w, &url, tag);
            if last {
                let text_end = text_right(c).unwrap_or(inner.x);
                let (from, to) = (text_end + 6.0, right - number_w - 4.0);
                let leaders = leader_dots(from, to, pitch, baseline);
                c.items
                    .push(leaders.tagged(Tag::Artifact(Artifact::Leader)));
                // The number is part of the link (its own area, drawn
                // just before it, joins the same Link element).
                let at = c.items.len();
                link_over(c, at, number_x, number_w, &url, tag);
                c.items.push(
                    Item::Text(TextRun {
                        x: number_x,
                        y: baseline,
                        font,
                        size: BODY_SIZE,
                        colour: TEXT,
                        text: number.clone(),
                        width: number_w,
                    })
                    .tagged(tag),
                );
            }
        }
        // An entry's lines stay together.
        for c in self.flow.chunks[start..end.saturating_sub(1)].iter_mut() {
            c.keep_with_next = true;
        }
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
        let lines = super::linebreak::break_lines(&tokens, frame.w);
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
