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

#[cfg(test)]
mod tests {
    use super::super::item::{DocId, Page};
    use super::super::pages::tests::labelled;
    use super::super::spill::paginate;
    use super::super::theme::{PageGeometry, BODY_BOTTOM, BODY_TOP};
    use super::*;

    const BODY_H: f32 = BODY_BOTTOM - BODY_TOP;

    /// (label, baseline) of the text on each page.
    fn texts(pages: &[Page]) -> Vec<Vec<(String, f32)>> {
        pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter_map(|i| match &i.item {
                        Item::Text(t) => Some((t.text.clone(), t.y)),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    fn page_of(pages: &[Page], label: &str) -> usize {
        texts(pages)
            .iter()
            .position(|p| p.iter().any(|(l, _)| l == label))
            .unwrap_or_else(|| panic!("{label} is on no page"))
    }

    /// A flow of `before` points of filler, a referencing chunk, and note 1
    /// of `lines` strips of 11 pt.
    fn flow_with_note(before: f32, lines: usize) -> Flow {
        let mut flow = Flow::default();
        flow.chunks.push(labelled("filler", before));
        let mut reference = labelled("ref", 16.0);
        reference.notes.push(1);
        flow.chunks.push(reference);
        flow.chunks.push(labelled("after", 16.0));
        let strips = (0..lines)
            .map(|i| labelled(&format!("note{i}"), 11.0))
            .collect();
        flow.notes.insert(1, strips);
        flow
    }

    #[test]
    fn a_note_sits_at_the_foot_of_its_reference_page_under_a_rule() {
        let pages = paginate(&flow_with_note(100.0, 2), PageGeometry::A4, DocId(0));
        assert_eq!(pages.len(), 1);
        let page = &texts(&pages)[0];
        let last = page.iter().find(|(l, _)| l == "note1").map(|(_, y)| *y);
        // Bottom-aligned: the last strip's baseline (its bottom) on the band's foot.
        assert_eq!(last, Some(BODY_BOTTOM));
        let rules: Vec<f32> = pages[0]
            .items
            .iter()
            .filter_map(|i| match i.item {
                Item::Rule { y1, x1, x2, .. } if i.tag == Tag::Artifact(Artifact::Rule) => {
                    assert!((x2 - x1 - NOTE_RULE_LEN).abs() < 0.01);
                    Some(y1)
                }
                _ => None,
            })
            .collect();
        assert_eq!(rules, vec![BODY_BOTTOM - 22.0 - NOTE_RULE_SPACE / 2.0]);
    }

    #[test]
    fn a_reference_moves_on_when_not_even_a_line_of_its_note_fits() {
        // Room for the reference but not for rule and first note line too.
        let pages = paginate(
            &flow_with_note(BODY_H - 20.0, 2),
            PageGeometry::A4,
            DocId(0),
        );
        assert_eq!(page_of(&pages, "ref"), 1);
        assert_eq!(page_of(&pages, "note0"), 1);
        assert_eq!(page_of(&pages, "note1"), 1);
    }

    #[test]
    fn a_long_note_continues_at_the_next_page_foot() {
        // Room for the reference and the rule and three lines of its note.
        let before = BODY_H - 16.0 - NOTE_RULE_SPACE - 3.0 * 11.0 - 1.0;
        let pages = paginate(&flow_with_note(before, 8), PageGeometry::A4, DocId(0));
        assert_eq!(page_of(&pages, "ref"), 0);
        assert_eq!(page_of(&pages, "note0"), 0);
        assert_eq!(page_of(&pages, "note2"), 0);
        assert_eq!(page_of(&pages, "note3"), 1);
        assert_eq!(page_of(&pages, "note7"), 1);
        // The body text after the reference is above the continued note.
        let page = &texts(&pages)[1];
        let after = page.iter().find(|(l, _)| l == "after").map(|(_, y)| *y);
        let cont = page.iter().find(|(l, _)| l == "note3").map(|(_, y)| *y);
        assert!(after < cont, "{after:?} {cont:?}");
    }

    #[test]
    fn a_note_is_placed_once_for_two_references() {
        let mut flow = flow_with_note(100.0, 1);
        let mut again = labelled("again", 16.0);
        again.notes.push(1);
        flow.chunks.push(again);
        let pages = paginate(&flow, PageGeometry::A4, DocId(0));
        let notes = texts(&pages)
            .concat()
            .into_iter()
            .filter(|(l, _)| l == "note0")
            .count();
        assert_eq!(notes, 1);
    }
}
