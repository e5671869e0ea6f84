//! Pagination: cuts the flow of chunks into A4 pages.
//!
//! A chunk that does not fit goes to the next page; a run of chunks tied by
//! `keep_with_next` (a heading and the first lines after it, a paragraph's
//! first two and last two lines) moves as a whole when it would fit on a
//! fresh page; a table row starting a page gets its header repeated above
//! it; decorations are drawn per page around their chunks.

use std::collections::BTreeMap;

use super::chunk::{Chunk, Decor, Flow};
use super::item::{Item, Page};
use super::theme::{BODY_BOTTOM, BODY_H, BODY_TOP};

/// Lays the flow out on pages (without running header and footer).
pub(crate) fn paginate(flow: &Flow) -> Vec<Page> {
    let mut p = Pager {
        flow,
        pages: Vec::new(),
        items: Vec::new(),
        y: BODY_TOP,
        empty: true,
        extents: BTreeMap::new(),
    };
    for i in 0..flow.chunks.len() {
        p.place_at(i);
    }
    p.finish_page();
    p.pages
}

struct Pager<'a> {
    flow: &'a Flow,
    pages: Vec<Page>,
    items: Vec<Item>,
    y: f32,
    /// No content placed on this page yet.
    empty: bool,
    /// Decoration id -> (top, bottom) on this page.
    extents: BTreeMap<usize, (f32, f32)>,
}

impl Pager<'_> {
    fn place_at(&mut self, i: usize) {
        let Some(c) = self.flow.chunks.get(i) else {
            return;
        };
        if c.page_break_before && !self.empty {
            self.finish_page();
        }
        if !self.empty {
            let here = c.space_before + c.height;
            let fits = self.y + here <= BODY_BOTTOM + 0.01;
            let (group_here, group_fresh) = self.group_heights(i);
            let group_moves = self.y + group_here > BODY_BOTTOM + 0.01 && group_fresh <= BODY_H;
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
        while chunks.get(j).is_some_and(|c| c.keep_with_next) && total <= BODY_H {
            j += 1;
            match chunks.get(j) {
                Some(next) => total += next.space_before + next.height,
                None => break,
            }
        }
        (total + first.space_before, total + header)
    }

    fn place(&mut self, c: &Chunk) {
        if !self.empty {
            self.y += c.space_before;
        }
        let top = self.y;
        self.items.extend(c.items.iter().cloned().map(|i| i.shifted(top)));
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
        if self.items.is_empty() && !self.pages.is_empty() {
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
        self.pages.push(Page { items });
        self.reset();
    }

    fn reset(&mut self) {
        self.y = BODY_TOP;
        self.empty = true;
        self.extents.clear();
    }
}

/// A chunk that puts something on the page (not just space).
fn is_content(c: &Chunk) -> bool {
    c.height > 0.0 || !c.items.is_empty()
}

fn decor_items(d: &Decor, top: f32, bottom: f32, out: &mut Vec<Item>) {
    match *d {
        Decor::Bar { x, width, colour } => out.push(Item::Rule {
            x1: x,
            y1: top,
            x2: x,
            y2: bottom,
            width,
            colour,
        }),
        Decor::Box { x, w, fill, bar } => {
            out.push(Item::Rect {
                x,
                y: top,
                w,
                h: bottom - top,
                fill: Some(fill),
                stroke: None,
            });
            if let Some(bar) = bar {
                out.push(Item::Rect {
                    x,
                    y: top,
                    w: 4.0,
                    h: bottom - top,
                    fill: Some(bar),
                    stroke: None,
                });
            }
        }
    }
}
