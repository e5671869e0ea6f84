//! Pagination: cuts the flow of chunks into pages of a given geometry.
//!
//! A chunk that does not fit goes to the next page; a run of chunks tied by
//! `keep_with_next` (a heading and the first lines after it, a paragraph's
//! first two and last two lines) moves as a whole when it would fit on a
//! fresh page; a table row starting a page gets its header repeated above
//! it; decorations are drawn per page around their chunks; a chunk for a
//! landscape page (a wide table) starts a turned page. Items keep
//! their tags: pagination only moves them. The layout calls it through
//! `spill::paginate`, which runs [`pass`] again where a run spills.

use std::collections::{BTreeMap, BTreeSet};

use super::chunk::{Chunk, Decor, Flow};
use super::foot::Foot;
use super::item::{DocId, Item, Page, Tagged};
use super::tags::{Artifact, Tag};
use super::theme::PageGeometry;

/// Space above a run that goes on on the page the run before spilled onto
/// (on top of its own space).
const RUN_ON_GAP: f32 = 18.0;

/// How one page came out: the run between forced page breaks it belongs
/// to, and how far down its band the content reaches (0 to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PageFill {
    pub segment: usize,
    pub fill: f32,
}

/// One pagination pass: the pages and how each came out.
pub(crate) fn pass(flow: &Flow, geometry: PageGeometry, doc: DocId) -> (Vec<Page>, Vec<PageFill>) {
    pass_merging(flow, geometry, doc, &BTreeSet::new())
}

/// One pagination pass in which a soft page break ([`Chunk::break_soft`])
/// after a run in `merge` that spilled onto the page being filled runs on
/// on that page.
pub(crate) fn pass_merging(
    flow: &Flow,
    geometry: PageGeometry,
    doc: DocId,
    merge: &BTreeSet<usize>,
) -> (Vec<Page>, Vec<PageFill>) {
    let mut p = Pager {
        flow,
        merge,
        segment_page: 0,
        portrait: geometry,
        geometry,
        doc,
        pages: Vec::new(),
        items: Vec::new(),
        y: geometry.top,
        empty: true,
        extents: BTreeMap::new(),
        foot: Foot::default(),
        segment: 0,
        fills: Vec::new(),
    };
    for i in 0..flow.chunks.len() {
        p.place_at(i);
    }
    p.finish_page();
    // A note longer than the last page's foot goes on to further feet.
    while p.foot.has_waiting() {
        p.foot.fill(geometry.body_height());
        if p.foot.reserved() == 0.0 {
            break;
        }
        p.finish_page();
    }
    (p.pages, p.fills)
}

struct Pager<'a> {
    flow: &'a Flow,
    /// Runs after which a soft page break runs on on their spill page.
    merge: &'a BTreeSet<usize>,
    /// The page (index) the current run started on.
    segment_page: usize,
    /// The geometry of a portrait page (a landscape one is it turned).
    portrait: PageGeometry,
    /// The geometry of the page being filled.
    geometry: PageGeometry,
    doc: DocId,
    pages: Vec<Page>,
    items: Vec<Tagged>,
    y: f32,
    /// No content placed on this page yet.
    empty: bool,
    /// Decoration id -> (top, bottom) on this page.
    extents: BTreeMap<usize, (f32, f32)>,
    /// The footnote area of this page, and notes waiting for the next.
    foot: Foot<'a>,
    /// Forced page breaks passed so far.
    segment: usize,
    fills: Vec<PageFill>,
}

impl Pager<'_> {
    fn place_at(&mut self, i: usize) {
        let Some(c) = self.flow.chunks.get(i) else {
            return;
        };
        if c.page_break_before && i > 0 {
            let spilled = self.pages.len() > self.segment_page;
            let run_on = c.break_soft && spilled && self.merge.contains(&self.segment);
            if !self.empty && !run_on {
                self.finish_page();
            }
            if !self.empty && run_on {
                self.y += RUN_ON_GAP;
            }
            self.segment += 1;
            self.segment_page = self.pages.len();
        }
        self.orient(c.landscape);
        let new_notes = self.foot.new_notes(&c.notes);
        if !self.empty {
            let bottom = self.geometry.bottom - self.foot.reserved();
            let notes = self.foot.least_extra(self.flow, &new_notes);
            let here = c.space_before + c.height;
            let fits = self.y + here + notes <= bottom + 0.01;
            let (group_here, group_fresh) = self.group_heights(i);
            let group_moves =
                self.y + group_here > bottom + 0.01 && group_fresh <= self.geometry.body_height();
            if !fits || group_moves {
                self.finish_page();
            }
        }
        if self.empty && is_content(c) {
            if let Some(h) = c.repeat_header.and_then(|h| self.flow.headers.get(h)) {
                self.place(h);
            }
        }
        self.place(c);
        self.foot.queue(self.flow, &new_notes);
        self.foot.fill(self.geometry.bottom - self.y);
    }

    /// Turns the page for a chunk that goes on a landscape page (or back):
    /// a change of orientation starts a new page.
    fn orient(&mut self, landscape: bool) {
        let wanted = if landscape {
            self.portrait.turned()
        } else {
            self.portrait
        };
        if wanted == self.geometry {
            return;
        }
        if !self.empty {
            self.finish_page();
        }
        self.geometry = wanted;
        self.y = wanted.top;
    }

    /// Height of the keep-together run starting at `i`: here (with the
    /// first chunk's space) and on a fresh page (without it, with a header).
    fn group_heights(&self, i: usize) -> (f32, f32) {
        let chunks = &self.flow.chunks;
        let Some(first) = chunks.get(i) else {
            return (0.0, 0.0);
        };
        let header = first
            .repeat_header
            .and_then(|h| self.flow.headers.get(h))
            .map_or(0.0, |h| h.height);
        let mut total = first.height;
        let mut j = i;
        let room = self.geometry.body_height();
        // Notes the run's later chunks refer to must find room at this
        // foot too, or their line moves on and leaves the heading behind.
        let mut later_notes = Vec::new();
        while chunks.get(j).is_some_and(|c| c.keep_with_next) && total <= room {
            j += 1;
            match chunks.get(j) {
                Some(next) => {
                    total += next.space_before + next.height;
                    later_notes.extend(self.foot.new_notes(&next.notes));
                }
                None => break,
            }
        }
        let notes = self.foot.least_extra(self.flow, &later_notes);
        (total + first.space_before + notes, total + header)
    }

    fn place(&mut self, c: &Chunk) {
        if !self.empty {
            self.y += c.space_before;
        }
        let top = self.y;
        self.items
            .extend(c.items.iter().cloned().map(|i| i.shifted(top)));
        for d in &c.decor {
            let e = self.extents.entry(*d).or_insert((top, top));
            e.0 = e.0.min(top);
            e.1 = e.1.max(top + c.height);
        }
        self.y += c.height;
        if is_content(c) {
            self.empty = false;
        }
    }

    fn finish_page(&mut self) {
        if self.items.is_empty() && self.foot.reserved() == 0.0 && !self.pages.is_empty() {
            self.reset();
            return;
        }
        let mut items = Vec::new();
        for (id, (top, bottom)) in std::mem::take(&mut self.extents) {
            if let Some(d) = self.flow.decors.get(id) {
                decor_items(d, top, bottom, &mut items);
            }
        }
        items.append(&mut self.items);
        let fill = (self.y - self.geometry.top) / self.geometry.body_height();
        let fill = (fill + self.foot.reserved() / self.geometry.body_height()).min(1.0);
        self.fills.push(PageFill {
            segment: self.segment,
            fill,
        });
        items.extend(self.foot.take_items(self.geometry.bottom));
        self.pages.push(Page {
            width: self.geometry.width,
            height: self.geometry.height,
            doc: self.doc,
            items,
        });
        self.reset();
    }

    fn reset(&mut self) {
        self.y = self.geometry.top;
        self.empty = true;
        self.extents.clear();
        // Notes carried over take up to half the new page's foot.
        self.foot.fill(self.geometry.body_height() / 2.0);
    }
}

/// A chunk that puts something on the page (not just space).
fn is_content(c: &Chunk) -> bool {
    c.height > 0.0 || !c.items.is_empty()
}

/// A decoration's items on one page: bars, shading and borders, all
/// artifacts.
fn decor_items(d: &Decor, top: f32, bottom: f32, out: &mut Vec<Tagged>) {
    let bar_tag = Tag::Artifact(Artifact::Bar);
    match *d {
        Decor::Cells(ref cells) => super::table::cell_frames(cells, top, bottom, out),
        Decor::Bar { x, width, colour } => out.push(
            Item::Rule {
                x1: x,
                y1: top,
                x2: x,
                y2: bottom,
                width,
                colour,
            }
            .tagged(bar_tag),
        ),
        Decor::Box { x, w, fill, bar } => {
            out.push(
                Item::Rect {
                    x,
                    y: top,
                    w,
                    h: bottom - top,
                    fill: Some(fill),
                    stroke: None,
                }
                .tagged(Tag::Artifact(Artifact::Shading)),
            );
            if let Some(bar) = bar {
                out.push(
                    Item::Rect {
                        x,
                        y: top,
                        w: 4.0,
                        h: bottom - top,
                        fill: Some(bar),
                        stroke: None,
                    }
                    .tagged(bar_tag),
                );
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::pdf::fonts::FontStyle;
    use crate::pdf::layout::item::{Target, TextRun};
    use crate::pdf::layout::line::line_chunks;
    use crate::pdf::layout::linebreak::Line;
    use crate::pdf::layout::tags::{StructId, StructTree};
    use crate::pdf::layout::theme::{BODY_BOTTOM, BODY_TOP, PAGE_H, PAGE_W, TEXT};

    const BODY_H: f32 = BODY_BOTTOM - BODY_TOP;

    const TAG: Tag = Tag::Struct(StructTree::ROOT);

    fn paginate(flow: &Flow) -> Vec<Page> {
        crate::pdf::layout::spill::paginate(flow, PageGeometry::A4, DocId::default())
    }

    /// A chunk of `h` points carrying one text run labelled `label`.
    pub(in crate::pdf::layout) fn labelled(label: &str, h: f32) -> Chunk {
        let mut c = Chunk::new(h);
        c.items.push(
            Item::Text(TextRun {
                x: 0.0,
                y: h,
                font: FontStyle::Regular,
                size: 10.0,
                colour: TEXT,
                text: label.to_string(),
                width: 10.0,
            })
            .tagged(TAG),
        );
        c
    }

    /// The labels on each page.
    fn labels(pages: &[Page]) -> Vec<Vec<String>> {
        pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter_map(|i| match &i.item {
                        Item::Text(t) => Some(t.text.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    fn filler(flow: &mut Flow, height: f32) {
        flow.chunks.push(labelled("filler", height));
    }

    #[test]
    fn a_heading_at_the_foot_moves_with_its_paragraph() {
        let mut flow = Flow::default();
        filler(&mut flow, BODY_H - 30.0);
        let mut heading = labelled("heading", 20.0);
        heading.keep_with_next = true;
        heading.items.push(
            Item::Target(Target {
                anchor: "h".into(),
                outline: Some((1, "h".into())),
                y: 0.0,
            })
            .tagged(Tag::Struct(StructId(1))),
        );
        flow.chunks.push(heading);
        flow.chunks.push(labelled("para", 16.0));
        let pages = paginate(&flow);
        assert_eq!(
            labels(&pages),
            vec![vec!["filler"], vec!["heading", "para"]]
        );
    }

    fn paragraph(flow: &mut Flow, lines: usize) {
        let lines: Vec<Line> = (0..lines).map(|_| Line::default()).collect();
        for (i, mut c) in line_chunks(&lines, 0.0, 10.0, 0.0, TAG, |_| 0.0)
            .into_iter()
            .enumerate()
        {
            c.items.push(
                Item::Text(TextRun {
                    x: 0.0,
                    y: 10.0,
                    font: FontStyle::Regular,
                    size: 10.0,
                    colour: TEXT,
                    text: format!("line{}", i + 1),
                    width: 10.0,
                })
                .tagged(TAG),
            );
            flow.chunks.push(c);
        }
    }

    #[test]
    fn no_orphan_first_line_at_the_foot() {
        let mut flow = Flow::default();
        // Room for exactly one 13.2 pt line at the foot.
        filler(&mut flow, BODY_H - 15.0);
        paragraph(&mut flow, 5);
        let pages = paginate(&flow);
        assert_eq!(labels(&pages)[0], vec!["filler"]);
        assert_eq!(labels(&pages)[1].len(), 5);
    }

    #[test]
    fn no_widow_last_line_at_the_top() {
        let mut flow = Flow::default();
        // Room for four of five lines: the fourth goes over with the fifth.
        filler(&mut flow, BODY_H - 4.0 * 13.2 - 1.0);
        paragraph(&mut flow, 5);
        let pages = paginate(&flow);
        assert_eq!(labels(&pages)[0], vec!["filler", "line1", "line2", "line3"]);
        assert_eq!(labels(&pages)[1], vec!["line4", "line5"]);
    }

    #[test]
    fn table_headers_repeat_on_continuation_pages() {
        let mut flow = Flow::default();
        let mut header = labelled("header", 20.0);
        header.keep_with_next = true;
        let hid = flow.add_header(header.clone());
        flow.chunks.push(header);
        for i in 0..60 {
            let mut row = labelled(&format!("row{i}"), 30.0);
            row.repeat_header = Some(hid);
            flow.chunks.push(row);
        }
        let pages = paginate(&flow);
        assert!(pages.len() >= 3);
        for (n, page) in labels(&pages).iter().enumerate() {
            assert_eq!(page[0], "header", "page {} starts with {}", n + 1, page[0]);
            assert_eq!(page.iter().filter(|l| *l == "header").count(), 1);
        }
        let rows: usize = labels(&pages).iter().map(|p| p.len() - 1).sum();
        assert_eq!(rows, 60);
    }

    /// A heading, then `rows` table rows of 30 pt tied as tables tie them.
    fn headed_table(flow: &mut Flow, rows: usize) {
        headed_table_of(flow, rows, 30.0);
    }

    fn headed_table_of(flow: &mut Flow, rows: usize, row_h: f32) {
        let mut heading = labelled("heading", 20.0);
        heading.keep_with_next = true;
        flow.chunks.push(heading);
        let mut starts = Vec::new();
        for i in 0..rows {
            starts.push(flow.next_index());
            flow.chunks.push(labelled(&format!("row{i}"), row_h));
        }
        flow.keep_rows_together(&starts, BODY_H);
    }

    #[test]
    fn a_table_keeps_its_heading_and_three_rows_together() {
        let mut flow = Flow::default();
        // Room for the heading and two rows at the foot, not three.
        filler(&mut flow, BODY_H - 85.0);
        headed_table(&mut flow, 10);
        let pages = paginate(&flow);
        assert_eq!(labels(&pages)[0], vec!["filler"]);
        assert_eq!(labels(&pages)[1][..4], ["heading", "row0", "row1", "row2"]);
        // With room for three rows they stay, and the rest follow.
        let mut flow = Flow::default();
        filler(&mut flow, BODY_H - 115.0);
        headed_table(&mut flow, 10);
        let pages = paginate(&flow);
        assert_eq!(
            labels(&pages)[0],
            vec!["filler", "heading", "row0", "row1", "row2"]
        );
    }

    #[test]
    fn tall_rows_keep_fewer_with_the_heading() {
        let mut flow = Flow::default();
        // Room for the heading and two 120 pt rows: a quarter page is enough.
        filler(&mut flow, BODY_H - 270.0);
        headed_table_of(&mut flow, 6, 120.0);
        let pages = paginate(&flow);
        assert_eq!(labels(&pages)[0], vec!["filler", "heading", "row0", "row1"]);
    }

    #[test]
    fn a_table_never_ends_with_a_lone_row_on_a_page() {
        let mut flow = Flow::default();
        // Room for the heading and nine of ten rows.
        filler(&mut flow, BODY_H - 20.0 - 9.0 * 30.0 - 1.0);
        headed_table(&mut flow, 10);
        let pages = paginate(&flow);
        assert_eq!(labels(&pages)[1], vec!["row8", "row9"]);
    }

    #[test]
    fn chunks_never_pass_the_foot() {
        let mut flow = Flow::default();
        for i in 0..200 {
            flow.chunks
                .push(labelled(&format!("c{i}"), 7.0 + (i % 5) as f32 * 9.0));
        }
        for page in paginate(&flow) {
            assert_eq!((page.width, page.height), (PAGE_W, PAGE_H));
            for item in &page.items {
                if let Item::Text(t) = &item.item {
                    assert!(t.y <= BODY_BOTTOM + 0.01, "{} at {}", t.text, t.y);
                }
            }
        }
    }

    #[test]
    fn a_heading_before_a_turn_goes_on_the_turned_page() {
        let mut flow = Flow::default();
        flow.push(labelled("text", 20.0));
        let mut heading = labelled("heading", 20.0);
        heading.keep_with_next = true;
        flow.push(heading);
        flow.set_landscape(true);
        flow.push(labelled("wide", 30.0));
        let pages = paginate(&flow);
        assert_eq!(labels(&pages), vec![vec!["text"], vec!["heading", "wide"]]);
        assert!(pages[1].width > pages[1].height);
    }

    #[test]
    fn a_run_after_a_spill_no_tightening_saves_runs_on_on_its_page() {
        // A first run 40 pt longer than a page (no space to tighten), then
        // a second run after a soft break.
        let mut flow = Flow::default();
        let n = (BODY_H / 20.0) as usize + 2;
        for i in 0..n {
            flow.push(labelled(&format!("cover{i}"), 20.0));
        }
        let mut body = labelled("body", 20.0);
        body.page_break_before = true;
        body.break_soft = true;
        flow.push(body.clone());
        let pages = paginate(&flow);
        assert_eq!(pages.len(), 2);
        let second = &labels(&pages)[1];
        assert_eq!(second.last().map(String::as_str), Some("body"));
        // A hard break, or a soft one after a run that fits its page,
        // still starts a page.
        let mut hard = flow.clone();
        if let Some(c) = hard.chunks.last_mut() {
            c.break_soft = false;
        }
        assert_eq!(paginate(&hard).len(), 3);
        let mut short = Flow::default();
        short.push(labelled("cover", 20.0));
        short.push(body);
        assert_eq!(paginate(&short).len(), 2);
    }

    #[test]
    fn landscape_chunks_get_turned_pages_of_their_own() {
        let mut flow = Flow::default();
        flow.push(labelled("before", 20.0));
        flow.set_landscape(true);
        for i in 0..30 {
            flow.push(labelled(&format!("wide{i}"), 30.0));
        }
        flow.set_landscape(false);
        flow.push(labelled("after", 20.0));
        let pages = paginate(&flow);
        let sizes: Vec<(f32, f32)> = pages.iter().map(|p| (p.width, p.height)).collect();
        // 463 pt of landscape band holds 15 rows of 30 pt: two turned pages.
        assert_eq!(
            sizes,
            vec![
                (PAGE_W, PAGE_H),
                (PAGE_H, PAGE_W),
                (PAGE_H, PAGE_W),
                (PAGE_W, PAGE_H)
            ]
        );
        let labels = labels(&pages);
        assert_eq!(labels[0], vec!["before"]);
        assert_eq!(labels[1].len(), 15);
        assert_eq!(labels[2].len(), 15);
        assert_eq!(labels[3], vec!["after"]);
        for page in &pages[1..3] {
            for item in &page.items {
                if let Item::Text(t) = &item.item {
                    assert!(t.y <= PAGE_W - 62.0 + 0.01, "{} at {}", t.text, t.y);
                }
            }
        }
    }

    #[test]
    fn each_page_takes_its_size_and_band_from_the_geometry() {
        // Landscape A4 with a band from 50 to 400 pt: chunks stay inside it.
        let geometry = PageGeometry {
            width: PAGE_H,
            height: PAGE_W,
            top: 50.0,
            bottom: 400.0,
        };
        let mut flow = Flow::default();
        for i in 0..40 {
            flow.chunks.push(labelled(&format!("c{i}"), 30.0));
        }
        let pages = crate::pdf::layout::spill::paginate(&flow, geometry, DocId(7));
        // 350 pt of band holds 11 chunks of 30 pt: 40 chunks take 4 pages.
        assert_eq!(pages.len(), 4);
        for page in &pages {
            assert_eq!(
                (page.width, page.height, page.doc),
                (PAGE_H, PAGE_W, DocId(7))
            );
            for item in &page.items {
                if let Item::Text(t) = &item.item {
                    assert!(t.y > 50.0 && t.y <= 400.0 + 0.01, "{} at {}", t.text, t.y);
                }
            }
        }
    }
}
