//! No near-empty page from a short spill: when the last page of a run
//! between forced page breaks (the front sheet, the body, an appendix)
//! holds only a few lines, the run is paginated again with the space
//! between its blocks tightened step by step, and the first tightening
//! that pulls the spill back onto the page before is kept. A front sheet's
//! spill that no tightening pulls back is shared with the body, which then
//! runs on on that page instead of starting a new one. [`paginate`], the
//! layout's way into pagination, is here: `pages::pass`, then this.

use std::collections::BTreeSet;

use super::chunk::Flow;
use super::item::{DocId, Page};
use super::pages::{pass, pass_merging, PageFill};
use super::theme::PageGeometry;

/// A last page filled less than this is a spill worth pulling back.
pub(crate) const SPILL_FILL: f32 = 0.2;

/// Factors the space between blocks is tried at, loosest first.
const SQUEEZES: [f32; 3] = [0.75, 0.5, 0.25];

/// Lays the flow out on pages of `geometry` belonging to document `doc`
/// (without running header and footer).
pub(crate) fn paginate(flow: &Flow, geometry: PageGeometry, doc: DocId) -> Vec<Page> {
    without_short_spills(flow, geometry, doc)
}

/// Paginates `flow`, tightening runs that would end on a near-empty page.
pub(crate) fn without_short_spills(flow: &Flow, geometry: PageGeometry, doc: DocId) -> Vec<Page> {
    let (mut pages, mut fills) = pass(flow, geometry, doc);
    let mut squeezed: Vec<(usize, f32)> = Vec::new();
    let spills: BTreeSet<usize> = short_spills(&fills);
    for segment in spills {
        let before = pages_in(&fills, segment);
        for factor in SQUEEZES {
            let mut trial = squeezed.clone();
            trial.push((segment, factor));
            let (p, f) = pass(&tightened(flow, &trial), geometry, doc);
            if pages_in(&f, segment) < before {
                (pages, fills) = (p, f);
                squeezed = trial;
                break;
            }
        }
    }
    // A spill no tightening saves, before a soft break (the front sheet's,
    // before the body): the body runs on on the spill page.
    let left = short_spills(&fills);
    let soft = flow.chunks.iter().any(|c| c.break_soft);
    if soft && !left.is_empty() {
        pages = pass_merging(&tightened(flow, &squeezed), geometry, doc, &left).0;
    }
    pages
}

/// Runs of two pages or more whose last page is filled below [`SPILL_FILL`].
fn short_spills(fills: &[PageFill]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for (i, f) in fills.iter().enumerate() {
        let last = fills.get(i + 1).is_none_or(|n| n.segment != f.segment);
        let first = i == 0 || fills.get(i - 1).is_none_or(|p| p.segment != f.segment);
        if last && !first && f.fill < SPILL_FILL {
            out.insert(f.segment);
        }
    }
    out
}

fn pages_in(fills: &[PageFill], segment: usize) -> usize {
    fills.iter().filter(|f| f.segment == segment).count()
}

/// The flow with the space above each chunk of the listed runs scaled.
fn tightened(flow: &Flow, squeezes: &[(usize, f32)]) -> Flow {
    let mut out = flow.clone();
    let mut segment = 0;
    for (i, c) in out.chunks.iter_mut().enumerate() {
        if c.page_break_before && i > 0 {
            segment += 1;
        }
        if let Some((_, factor)) = squeezes.iter().find(|(s, _)| *s == segment) {
            c.space_before *= factor;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::chunk::Chunk;
    use crate::pdf::layout::item::Item;
    use crate::pdf::layout::tags::{Artifact, Tag};
    use crate::pdf::layout::theme::{BODY_BOTTOM, BODY_TOP, TEXT};

    fn spaced(n: usize, h: f32, space: f32) -> Flow {
        let mut flow = Flow::default();
        for _ in 0..n {
            let mut c = Chunk::new(h);
            c.space_before = space;
            let rule = Item::Rule {
                x1: 0.0,
                y1: h,
                x2: 10.0,
                y2: h,
                width: 1.0,
                colour: TEXT,
            };
            c.items.push(rule.tagged(Tag::Artifact(Artifact::Rule)));
            flow.chunks.push(c);
        }
        flow
    }

    #[test]
    fn a_two_line_spill_is_pulled_back_by_tighter_spacing() {
        // 40 chunks of 16 pt with 4 pt between: 799 pt, two lines too many.
        let body = BODY_BOTTOM - BODY_TOP;
        let flow = spaced(40, 16.0, 4.0);
        assert!(40.0 * 20.0 - 4.0 > body && 40.0 * 16.0 < body);
        let (loose, fills) = pass(&flow, PageGeometry::A4, DocId(0));
        assert_eq!(loose.len(), 2);
        assert!(fills[1].fill < SPILL_FILL);
        let pages = without_short_spills(&flow, PageGeometry::A4, DocId(0));
        assert_eq!(pages.len(), 1);
    }

    #[test]
    fn a_real_second_page_is_left_alone() {
        // Half a page more than fits: no tightening pulls it back.
        let flow = spaced(60, 16.0, 4.0);
        let pages = without_short_spills(&flow, PageGeometry::A4, DocId(0));
        let (plain, _) = pass(&flow, PageGeometry::A4, DocId(0));
        assert_eq!(pages, plain);
        assert_eq!(pages.len(), 2);
    }

    #[test]
    fn a_spill_that_no_tightening_saves_keeps_the_loose_layout() {
        // Chunks with no space between them cannot be tightened.
        let flow = spaced(46, 16.0, 0.0);
        let (plain, fills) = pass(&flow, PageGeometry::A4, DocId(0));
        assert!(fills[1].fill < SPILL_FILL);
        assert_eq!(
            without_short_spills(&flow, PageGeometry::A4, DocId(0)),
            plain
        );
    }
}
