//! Footnotes for the foot of the page: each note laid out in a smaller
//! size with its number (a link back to the reference) and a target
//! `#fn-N`, then taken out of the flow into [`Flow::notes`] for pagination
//! to place at the foot of the page holding the reference. Each chunk
//! that references a note records it in [`Chunk::notes`], and the first
//! reference to each note gets the target `#fnref-N` its number links to.
//!
//! [`Flow::notes`]: super::chunk::Flow::notes
//! [`Chunk::notes`]: super::chunk::Chunk::notes

use std::collections::BTreeSet;

use super::ctx::{Ctx, Frame};
use super::item::{Item, Target, TextRun};
use super::tags::{Role, Tag};
use super::theme::{ASCENT, NOTE_GAP, NOTE_INDENT, NOTE_SIZE};
use crate::document::{BlockKind, Footnote};
use crate::pdf::fonts::FontStyle;

impl Ctx<'_> {
    /// Lays out every note into the flow (inside one `Sect` of `Note`
    /// elements); returns where each note's chunks start, and the end.
    pub(crate) fn foot_notes(&mut self, notes: &[Footnote], frame: Frame) -> Vec<(usize, usize)> {
        let mut starts = Vec::new();
        if notes.is_empty() {
            return starts;
        }
        self.within(Role::Sect, |ctx| {
            for n in notes {
                starts.push((n.number, ctx.flow.next_index()));
                ctx.foot_note(n, frame);
            }
        });
        starts
    }

    fn foot_note(&mut self, n: &Footnote, frame: Frame) {
        let start = self.flow.next_index();
        self.open(Role::Note);
        let label = Tag::Struct(self.leaf(Role::Lbl));
        let inner = frame.inset(NOTE_INDENT, 0.0);
        for (j, b) in n.blocks.iter().enumerate() {
            let space = if j == 0 { 0.0 } else { NOTE_GAP };
            match &b.kind {
                BlockKind::Paragraph(inlines) => {
                    let style = self.style(FontStyle::Regular, NOTE_SIZE);
                    self.inline_block(Role::P, inlines, &style, &b.origin, inner, space);
                }
                _ => self.blocks(std::slice::from_ref(b), inner, space),
            }
        }
        if self.flow.next_index() == start {
            self.flow
                .push(super::chunk::Chunk::new(NOTE_SIZE * super::theme::LEADING));
        }
        self.close();
        let mark = n.number.to_string();
        let width = self.width(FontStyle::Bold, NOTE_SIZE, &mark);
        let accent = self.accent;
        let Some(c) = self.flow.chunks.get_mut(start) else {
            return;
        };
        let baseline = c.first_baseline.unwrap_or(ASCENT * NOTE_SIZE);
        let x = frame.x;
        c.items.push(
            Item::Link {
                x,
                y: baseline - ASCENT * NOTE_SIZE,
                w: width,
                h: NOTE_SIZE,
                url: format!("#fnref-{}", n.number),
            }
            .tagged(label),
        );
        c.items.push(
            Item::Text(TextRun {
                x,
                y: baseline,
                font: FontStyle::Bold,
                size: NOTE_SIZE,
                colour: accent,
                text: mark,
                width,
            })
            .tagged(label),
        );
        self.target_at(start, &format!("fn-{}", n.number), None);
    }

    /// Records in each chunk the notes it references and puts the target
    /// `fnref-N` at the first reference to note N.
    pub(crate) fn mark_references(&mut self) {
        let mut seen = BTreeSet::new();
        for c in &mut self.flow.chunks {
            let mut targets = Vec::new();
            for placed in &c.items {
                let Item::Link { y, url, .. } = &placed.item else {
                    continue;
                };
                let Some(n) = url.strip_prefix("#fn-").and_then(|n| n.parse().ok()) else {
                    continue;
                };
                if !c.notes.contains(&n) {
                    c.notes.push(n);
                }
                if seen.insert(n) {
                    let target = Target {
                        anchor: format!("fnref-{n}"),
                        outline: None,
                        y: *y,
                    };
                    targets.push(Item::Target(target).tagged(placed.tag));
                }
            }
            c.items.extend(targets);
        }
    }

    /// Moves the notes laid out from `starts` (to the flow's end, or to
    /// `end`) out of the flow into [`super::chunk::Flow::notes`].
    pub(crate) fn take_notes(&mut self, starts: &[(usize, usize)], end: usize) {
        let Some(&(_, first)) = starts.first() else {
            return;
        };
        let mut taken: Vec<_> = self.flow.chunks.drain(first..end).collect();
        for &(number, start) in starts.iter().rev() {
            let rest = taken.split_off((start - first).min(taken.len()));
            self.flow.notes.insert(number, rest);
        }
    }
}
