//! Body blocks to chunks: headings (kept with what follows), paragraphs
//! (a lead-in kept with its list), lists with hanging indents (no lone
//! first or last item on a page), block quotes with a left rule, callouts in a
//! shaded box with an accent bar, code, rules and images.

use super::chunk::{Chunk, Decor};
use super::ctx::{Ctx, Frame};
use super::item::{Item, Target, TextRun};
use super::tags::{Artifact, Role, Tag};
use super::theme::{
    heading_metrics, ASCENT, BODY_SIZE, BORDER, CALLOUT_FILL, CODE_FILL, INDENT, ITEM_GAP, MUTED,
    PARA_GAP, TEXT,
};
use crate::document::{Block, BlockKind, Callout, Heading, Inline, List, ListStyle, Origin};
use crate::pdf::fonts::FontStyle;

impl Ctx<'_> {
    /// Lays out blocks one after another; the first gets `first_space` above.
    /// A wide table (with its heading and lead-in) goes on a landscape
    /// page of its own.
    pub(crate) fn blocks(&mut self, blocks: &[Block], frame: Frame, first_space: f32) {
        let turned = self.turned_blocks(blocks, frame);
        let top_level = frame == self.body_frame();
        for (i, b) in blocks.iter().enumerate() {
            let space = if i == 0 {
                first_space
            } else {
                gap_before(&b.kind)
            };
            let frame = if turned[i] {
                self.flow.set_landscape(true);
                self.landscape_frame()
            } else {
                if top_level {
                    self.flow.set_landscape(false);
                }
                frame
            };
            self.block(b, frame, space);
            // A lead-in ("The Board is asked to:") stays with its list or
            // table.
            let next = blocks.get(i + 1).map(|n| &n.kind);
            if is_lead_in(&b.kind, next) {
                self.flow.keep_last_with_next();
            }
        }
        if top_level {
            self.flow.set_landscape(false);
        }
    }

    fn block(&mut self, b: &Block, frame: Frame, space: f32) {
        match &b.kind {
            BlockKind::Heading(h) => self.heading(h, &b.origin, frame, None),
            BlockKind::Paragraph(inlines) => {
                let style = self.style(FontStyle::Regular, BODY_SIZE);
                self.inline_block(Role::P, inlines, &style, &b.origin, frame, space);
            }
            BlockKind::List(list) => self.list(list, frame, space, 0),
            BlockKind::Quote(inner) => {
                self.flow.open(Decor::Bar {
                    x: frame.x + 2.0,
                    width: 3.0,
                    colour: BORDER,
                });
                self.within(Role::BlockQuote, |ctx| {
                    ctx.blocks(inner, frame.inset(INDENT, 0.0), space);
                });
                self.flow.close();
            }
            BlockKind::Table(t) => self.table(t, &b.origin, frame, space),
            BlockKind::Callout(c) => self.callout(c, &b.origin, frame, space),
            BlockKind::Governance(t) => self.gov_table(t, frame, space),
            BlockKind::Image(img) => self.image(img, frame, space),
            BlockKind::Code(code) => self.code(code, &b.origin, frame, space),
            BlockKind::PageBreak => self.flow.break_page(),
            BlockKind::Rule => {
                let mut c = Chunk::new(1.0);
                c.space_before = space + 4.0;
                c.items.push(
                    Item::Rule {
                        x1: frame.x,
                        y1: 0.5,
                        x2: frame.x + frame.w,
                        y2: 0.5,
                        width: 0.75,
                        colour: BORDER,
                    }
                    .tagged(Tag::Artifact(Artifact::Rule)),
                );
                self.flow.push(c);
            }
        }
    }

    /// A heading: numbered text, bold, kept with the next chunk, bookmarked.
    /// `outline` overrides the bookmark text (appendices).
    pub(crate) fn heading(
        &mut self,
        h: &Heading,
        origin: &Origin,
        frame: Frame,
        outline: Option<String>,
    ) {
        let (size, space) = heading_metrics(h.level);
        let font = if h.level >= 4 {
            FontStyle::BoldItalic
        } else {
            FontStyle::Bold
        };
        let mut inlines = Vec::with_capacity(h.text.len() + 1);
        if let Some(n) = &h.number {
            let prefix = if h.level == 1 {
                format!("{n}. ")
            } else {
                format!("{n} ")
            };
            inlines.push(Inline::Text(prefix));
        }
        inlines.extend(h.text.iter().cloned());
        let style = self.style(font, size);
        let level = h.level.saturating_add(self.heading_shift).min(6);
        let start = self.inline_block(Role::H(level), &inlines, &style, origin, frame, space);
        let title = outline.unwrap_or_else(|| h.display_text());
        self.target_at(start, &h.anchor, Some((level, title)));
        for c in &mut self.flow.chunks[start..] {
            c.keep_with_next = true;
        }
    }

    /// Puts a link target (and bookmark) at the top of chunk `index`,
    /// tagged as the first element there.
    pub(crate) fn target_at(&mut self, index: usize, anchor: &str, outline: Option<(u8, String)>) {
        let parent = Tag::Struct(self.parent());
        if let Some(c) = self.flow.chunks.get_mut(index) {
            let tag = c
                .items
                .iter()
                .map(|i| i.tag)
                .find(|t| matches!(t, Tag::Struct(_)))
                .unwrap_or(parent);
            let target = Item::Target(Target {
                anchor: anchor.to_string(),
                outline,
                y: 0.0,
            });
            c.items.insert(0, target.tagged(tag));
        }
    }

    /// A list; `depth` picks the bullet for nested bullet lists.
    pub(crate) fn list(&mut self, list: &List, frame: Frame, space: f32, depth: usize) {
        let markers: Vec<String> = (0..list.items.len())
            .map(|i| match list.task(i) {
                Some(done) => crate::document::task_mark(done).0.to_string(),
                None => marker(list.style, i, depth),
            })
            .collect();
        let widest = markers
            .iter()
            .map(|m| self.width(FontStyle::Regular, BODY_SIZE, m))
            .fold(0.0, f32::max);
        let indent = (widest + 8.0).max(INDENT);
        self.open(Role::L);
        for (i, (item, mark)) in list.items.iter().zip(&markers).enumerate() {
            let start = self.flow.next_index();
            let item_space = if i == 0 { space } else { ITEM_GAP };
            let inner = frame.inset(indent, 0.0);
            self.open(Role::LI);
            let label = self.leaf(Role::Lbl);
            // A task's mark is read as what it means ("Done").
            if let (Some(done), Some(node)) = (list.task(i), self.tree.get_mut(label)) {
                node.alt = Some(crate::document::task_mark(done).1.to_string());
            }
            let label = Tag::Struct(label);
            self.within(Role::LBody, |ctx| {
                for (j, b) in item.iter().enumerate() {
                    let s = if j == 0 { item_space } else { ITEM_GAP };
                    match &b.kind {
                        BlockKind::List(sub) => ctx.list(sub, inner, s, depth + 1),
                        _ => ctx.block(b, inner, s),
                    }
                }
            });
            self.close();
            let mw = self.width(FontStyle::Regular, BODY_SIZE, mark);
            let x = match (list.style, list.task(i)) {
                (ListStyle::Bullet, _) | (_, Some(_)) => frame.x + 4.0,
                _ => frame.x + indent - 6.0 - mw,
            };
            self.marker_at(start, mark, x, mw, label);
            // No lone first item at a page foot, no lone last item at the
            // top of the next: the first item keeps with the second, the
            // last but one with the last.
            let n = list.items.len();
            if n >= 2 && (i == 0 || i + 2 == n) {
                self.flow.keep_last_with_next();
            }
        }
        self.close();
    }

    /// Draws a list marker, tagged `tag`, beside the first line of chunk
    /// `index`, painted before the chunk's other items.
    pub(crate) fn marker_at(&mut self, index: usize, mark: &str, x: f32, width: f32, tag: Tag) {
        if index >= self.flow.chunks.len() {
            self.flow.push(Chunk::new(BODY_SIZE * 1.3));
        }
        let Some(c) = self.flow.chunks.get_mut(index) else {
            return;
        };
        let y = c.first_baseline.unwrap_or(ASCENT * BODY_SIZE);
        // First in the chunk: the marker is read (and painted) before its
        // item; one run per face (a task's mark is the fallback face's).
        let runs = self.fonts.runs(FontStyle::Regular, BODY_SIZE, mark);
        let single = runs.len() == 1;
        let mut x = x;
        let mut items = Vec::with_capacity(runs.len());
        for run in runs {
            let width = if single { width } else { run.width };
            items.push(
                Item::Text(TextRun {
                    x,
                    y,
                    font: run.font,
                    size: BODY_SIZE,
                    colour: TEXT,
                    text: run.text,
                    width,
                })
                .tagged(tag),
            );
            x += width;
        }
        c.items.splice(0..0, items);
    }

    /// "Action and recommendation 1 – text" in a shaded box with an accent bar.
    fn callout(&mut self, c: &Callout, origin: &Origin, frame: Frame, space: f32) {
        let inlines = [
            Inline::Strong(vec![Inline::Text(c.label.clone())]),
            Inline::Text(format!(" \u{2013} {}", c.text)),
        ];
        self.boxed(
            Decor::Box {
                x: frame.x,
                w: frame.w,
                fill: CALLOUT_FILL,
                bar: Some(self.accent),
            },
            space + 4.0,
            |ctx| {
                let style = ctx.style(FontStyle::Regular, BODY_SIZE);
                ctx.within(Role::Div, |ctx| {
                    let inner = frame.inset(14.0, 10.0);
                    ctx.inline_block(Role::P, &inlines, &style, origin, inner, 0.0);
                });
            },
        );
    }

    /// Runs `body` inside a decoration, padding the first and last chunks.
    fn boxed(&mut self, decor: Decor, space: f32, body: impl FnOnce(&mut Self)) {
        const PAD: f32 = 8.0;
        let start = self.flow.next_index();
        self.flow.open(decor);
        body(self);
        self.flow.close();
        let end = self.flow.chunks.len();
        if start >= end {
            return;
        }
        if let Some(first) = self.flow.chunks.get_mut(start) {
            first.pad_top(PAD);
            first.space_before = space;
        }
        if let Some(last) = self.flow.chunks.get_mut(end - 1) {
            last.height += PAD;
        }
    }

    fn code(&mut self, code: &str, origin: &Origin, frame: Frame, space: f32) {
        let decor = Decor::Box {
            x: frame.x,
            w: frame.w,
            fill: CODE_FILL,
            bar: None,
        };
        self.boxed(decor, space, |ctx| {
            let tag = Tag::Struct(ctx.leaf(Role::Code));
            let style = ctx.style(FontStyle::Regular, 10.0);
            for line in code.trim_end_matches('\n').split('\n') {
                let indent = line.len() - line.trim_start_matches(' ').len();
                let text = format!(
                    "{}{}",
                    "\u{a0}".repeat(indent),
                    line.trim_start_matches(' ')
                );
                let tokens = ctx.text_tokens(&text, &style, origin);
                let lines = super::linebreak::break_owned(tokens, frame.w - 16.0);
                ctx.push_lines(&lines, frame.x + 8.0, 10.0, 0.0, tag);
            }
        });
    }

    fn image(&mut self, img: &crate::document::Image, frame: Frame, space: f32) {
        let Some((index, w_px, h_px)) = self.images.get(&img.path) else {
            let text = format!("[Image not available: {}]", img.alt);
            let style = super::measure::RunStyle::plain(FontStyle::Italic, 10.0, MUTED);
            self.text_paragraph(&text, &style, frame, space);
            return;
        };
        // Natural size at 96 dpi, shrunk to the column and to 60% of a page.
        let (w, h) = (w_px as f32 * 0.75, h_px as f32 * 0.75);
        let scale = (frame.w / w)
            .min(self.geometry.body_height() * 0.6 / h)
            .min(1.0);
        let (w, h) = (w * scale, h * scale);
        let figure = self.open(Role::Figure);
        if let Some(node) = self.tree.get_mut(figure) {
            node.alt = Some(img.alt.clone());
        }
        let mut c = Chunk::new(h);
        c.space_before = space;
        let image = Item::Image {
            x: frame.x,
            y: 0.0,
            w,
            h,
            index,
        };
        c.items.push(image.tagged(Tag::Struct(figure)));
        if img.title.is_some() {
            c.keep_with_next = true;
        }
        self.flow.push(c);
        if let Some(title) = &img.title {
            let style = super::measure::RunStyle::plain(FontStyle::Italic, 10.0, MUTED);
            self.text_block(Role::Caption, title, &style, frame, 4.0);
        }
        self.close();
    }
}

/// A paragraph that introduces the block after it: any paragraph before a
/// list, and one ending in ":" before a table, image or code.
pub(crate) fn is_lead_in(kind: &BlockKind, next: Option<&BlockKind>) -> bool {
    let BlockKind::Paragraph(inlines) = kind else {
        return false;
    };
    match next {
        Some(BlockKind::List(_)) => true,
        Some(BlockKind::Table(_) | BlockKind::Image(_) | BlockKind::Code(_)) => {
            crate::document::plain_text(inlines)
                .trim_end()
                .ends_with(':')
        }
        _ => false,
    }
}

/// Space above a block that follows another.
fn gap_before(kind: &BlockKind) -> f32 {
    match kind {
        BlockKind::Heading(h) => heading_metrics(h.level).1,
        BlockKind::Callout(_) | BlockKind::Table(_) => PARA_GAP + 4.0,
        _ => PARA_GAP,
    }
}

/// The marker of item `i` (0-based) of a list.
pub(crate) fn marker(style: ListStyle, i: usize, depth: usize) -> String {
    match style {
        ListStyle::Bullet => if depth.is_multiple_of(2) {
            "\u{2022}"
        } else {
            "\u{2013}"
        }
        .to_string(),
        ListStyle::Decimal(start) => format!("{}.", start.saturating_add(i as u64)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers() {
        assert_eq!(marker(ListStyle::Decimal(3), 1, 0), "4.");
        assert_eq!(
            marker(ListStyle::Decimal(u64::MAX), 1, 0),
            format!("{}.", u64::MAX)
        );
    }
}
