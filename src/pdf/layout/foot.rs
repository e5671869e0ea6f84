//! The footnote area of a page, as pagination fills it: the notes
//! referenced on the page, under a short rule, bottom-aligned on the
//! content band. A note longer than the room left places what fits and
//! continues at the foot of the next page (as typst's flow composer does);
//! notes carried over come before the next page's own.

use std::collections::{BTreeSet, VecDeque};

use super::chunk::{Chunk, Flow};
use super::item::{Item, Tagged};
use super::tags::{Artifact, Tag};
use super::theme::{BORDER, MARGIN_X, NOTE_GAP, NOTE_RULE_LEN, NOTE_RULE_SPACE};

/// One strip of a note waiting for, or placed at, a page foot.
#[derive(Clone, Copy)]
struct Strip<'a> {
    chunk: &'a Chunk,
    /// The first strip of its note.
    starts_note: bool,
}

/// The footnote area of the page being filled, and what waits for the next.
#[derive(Default)]
pub(crate) struct Foot<'a> {
    /// Strips on this page, with the space above each.
    placed: Vec<(Strip<'a>, f32)>,
    /// Their total height with those spaces (without the rule).
    height: f32,
    /// Strips waiting for room, in order.
    waiting: VecDeque<Strip<'a>>,
    /// Notes already queued (each is placed once, at its first reference).
    queued: BTreeSet<usize>,
}

impl<'a> Foot<'a> {
    /// Height the area takes from the content band (rule included).
    pub(crate) fn reserved(&self) -> f32 {
        if self.placed.is_empty() {
            0.0
        } else {
            self.height + NOTE_RULE_SPACE
        }
    }

    /// The notes of `numbers` not yet queued.
    pub(crate) fn new_notes(&self, numbers: &[usize]) -> Vec<usize> {
        numbers
            .iter()
            .copied()
            .filter(|n| !self.queued.contains(n))
            .collect()
    }

    /// The least height the notes `new` must add to this page for their
    /// reference to stay on it: nothing when strips already wait (they go
    /// first, so the new ones follow on a later foot anyway), else the
    /// first strip of the first note (with the rule if it is the first).
    pub(crate) fn least_extra(&self, flow: &Flow, new: &[usize]) -> f32 {
        if !self.waiting.is_empty() {
            return 0.0;
        }
        let Some(first) = new
            .iter()
            .find_map(|n| flow.notes.get(n).and_then(|s| s.first()))
        else {
            return 0.0;
        };
        let above = if self.placed.is_empty() {
            NOTE_RULE_SPACE
        } else {
            NOTE_GAP
        };
        above + first.height
    }

    /// Queues the notes `new` (referenced on this page).
    pub(crate) fn queue(&mut self, flow: &'a Flow, new: &[usize]) {
        for n in new {
            if !self.queued.insert(*n) {
                continue;
            }
            for (i, chunk) in flow.notes.get(n).into_iter().flatten().enumerate() {
                self.waiting.push_back(Strip {
                    chunk,
                    starts_note: i == 0,
                });
            }
        }
    }

    /// Places waiting strips while the area fits in `room` (points from
    /// the content placed so far to the band's bottom).
    pub(crate) fn fill(&mut self, room: f32) {
        while let Some(strip) = self.waiting.front().copied() {
            let gap = match (self.placed.is_empty(), strip.starts_note) {
                (true, _) => 0.0,
                (false, true) => NOTE_GAP,
                (false, false) => strip.chunk.space_before,
            };
            if self.height + gap + strip.chunk.height + NOTE_RULE_SPACE > room + 0.01 {
                break;
            }
            self.waiting.pop_front();
            self.height += gap + strip.chunk.height;
            self.placed.push((strip, gap));
        }
    }

    /// Strips still waiting for a later page.
    pub(crate) fn has_waiting(&self) -> bool {
        !self.waiting.is_empty()
    }

    /// The placed strips, bottom-aligned on `bottom`, under the short rule;
    /// the area is emptied for the next page.
    pub(crate) fn take_items(&mut self, bottom: f32) -> Vec<Tagged> {
        let mut items = Vec::new();
        if self.placed.is_empty() {
            return items;
        }
        let mut y = bottom - self.height;
        let rule_y = y - NOTE_RULE_SPACE / 2.0;
        items.push(
            Item::Rule {
                x1: MARGIN_X,
                y1: rule_y,
                x2: MARGIN_X + NOTE_RULE_LEN,
                y2: rule_y,
                width: 0.5,
                colour: BORDER,
            }
            .tagged(Tag::Artifact(Artifact::Rule)),
        );
        for (strip, gap) in self.placed.drain(..) {
            y += gap;
            let top = y;
            items.extend(strip.chunk.items.iter().cloned().map(|i| i.shifted(top)));
            y += strip.chunk.height;
        }
        self.height = 0.0;
        items
    }
}
