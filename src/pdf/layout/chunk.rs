//! The flow's unit: an unbreakable horizontal strip of positioned items,
//! with the constraints pagination must honour (keep with next, page break
//! before, repeated table header) and the decorations it belongs to.
//!
//! Block layout (`blocks`, `table`, `frontsheet`) appends chunks to a
//! [`Flow`]; `pages` cuts the flow into pages.

use std::collections::BTreeMap;

use super::item::Tagged;
use super::tags::Moved;
use super::theme::Rgb;

/// How many rows of a table stay with its start (header, heading), unless
/// fewer rows already take a quarter of the page's body height.
pub(crate) const KEEP_FIRST_ROWS: usize = 3;

/// A strip of items; item y coordinates are relative to the strip's top.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Chunk {
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    pub items: Vec<Tagged>,
    /// Never end a page after this chunk if the next one can follow it.
    pub keep_with_next: bool,
    /// Always start a new page with this chunk.
    pub page_break_before: bool,
    /// With `page_break_before` (the body after the front sheet): when the
    /// run before spilled onto the page being filled and tightening could
    /// not pull the spill back, run on on that page instead (`spill`).
    pub break_soft: bool,
    /// Decorations (quote bars, callout boxes) this chunk lies inside.
    pub decor: Vec<usize>,
    /// Table header to repeat above this chunk when it starts a page.
    pub repeat_header: Option<usize>,
    /// Baseline of the first line, for list markers.
    pub first_baseline: Option<f32>,
    /// Footnotes referenced in this strip, by number, in order.
    pub notes: Vec<usize>,
    /// Set on a landscape page (a wide table's); pagination starts a new
    /// page where this changes.
    pub landscape: bool,
}

impl Chunk {
    /// An empty strip of the given height.
    pub(crate) fn new(height: f32) -> Chunk {
        Chunk {
            height,
            ..Chunk::default()
        }
    }

    /// Adds `pad` of empty space inside the top of the strip.
    pub(crate) fn pad_top(&mut self, pad: f32) {
        self.items = std::mem::take(&mut self.items)
            .into_iter()
            .map(|i| i.shifted(pad))
            .collect();
        self.first_baseline = self.first_baseline.map(|b| b + pad);
        self.height += pad;
    }
}

/// A decoration drawn behind or beside a run of chunks, per page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Decor {
    /// A vertical bar at `x` (block quotes).
    Bar { x: f32, width: f32, colour: Rgb },
    /// A shaded box from `x` of width `w`, with a left bar in `bar` colour.
    Box {
        x: f32,
        w: f32,
        fill: Rgb,
        bar: Option<Rgb>,
    },
    /// A table row split across pages: each cell's shading and border,
    /// closed on every page the row's part lies on.
    Cells(Vec<CellFrame>),
}

/// One cell of a [`Decor::Cells`] row: its column and shading.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CellFrame {
    pub x: f32,
    pub w: f32,
    pub fill: Option<Rgb>,
}

/// The document as one long strip of chunks, before pagination.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Flow {
    pub chunks: Vec<Chunk>,
    pub decors: Vec<Decor>,
    /// Table header rows, referenced by [`Chunk::repeat_header`].
    pub headers: Vec<Chunk>,
    /// Footnotes laid out for the foot of a page: number -> its strips.
    pub notes: BTreeMap<usize, Vec<Chunk>>,
    /// Decorations currently open (applied to every chunk pushed).
    open: Vec<usize>,
    /// The next chunk pushed starts a new page (an author's page break).
    break_next: bool,
    /// Chunks pushed now go on landscape pages.
    landscape: bool,
}

impl Flow {
    /// Appends a chunk inside the open decorations.
    pub(crate) fn push(&mut self, mut chunk: Chunk) {
        chunk.decor.extend(self.open.iter().copied());
        if std::mem::take(&mut self.break_next) {
            chunk.page_break_before = true;
        }
        chunk.landscape = self.landscape;
        self.chunks.push(chunk);
    }

    /// Puts the chunks pushed from now on landscape (`true`) or portrait
    /// pages; a change starts a new page.
    /// Turning to landscape takes along the chunks at the end of the flow
    /// tied to what follows (a part's or section's heading laid out before
    /// the blocks that turn): they travel with the turned table rather than
    /// stand alone on the page before.
    pub(crate) fn set_landscape(&mut self, landscape: bool) {
        if self.landscape == landscape {
            return;
        }
        self.landscape = landscape;
        self.break_next = true;
        if !landscape {
            return;
        }
        let mut start = self.chunks.len();
        while start > 0 && self.chunks[start - 1].keep_with_next {
            start -= 1;
            if self.chunks[start].page_break_before {
                break;
            }
        }
        if let Some(first) = self.chunks.get_mut(start) {
            first.page_break_before = true;
            self.break_next = false;
        }
        for c in &mut self.chunks[start..] {
            c.landscape = true;
        }
    }

    /// Whether chunks pushed now go on landscape pages.
    pub(crate) fn is_landscape(&self) -> bool {
        self.landscape
    }

    /// Opens a decoration around the chunks pushed until [`Flow::close`].
    pub(crate) fn open(&mut self, decor: Decor) -> usize {
        self.decors.push(decor);
        let id = self.decors.len() - 1;
        self.open.push(id);
        id
    }

    /// Closes the most recently opened decoration.
    pub(crate) fn close(&mut self) {
        self.open.pop();
    }

    /// Registers a table header for repetition.
    pub(crate) fn add_header(&mut self, header: Chunk) -> usize {
        self.headers.push(header);
        self.headers.len() - 1
    }

    /// Puts the chunks of `other` (a flow laid out apart) before chunk
    /// `at`, with their decorations and table headers.
    pub(crate) fn splice(&mut self, at: usize, other: Flow) {
        let (decors, headers) = (self.decors.len(), self.headers.len());
        let chunks = other.chunks.into_iter().map(|mut c| {
            c.decor.iter_mut().for_each(|d| *d += decors);
            c.repeat_header = c.repeat_header.map(|h| h + headers);
            c
        });
        let at = at.min(self.chunks.len());
        self.chunks.splice(at..at, chunks);
        self.decors.extend(other.decors);
        self.headers.extend(other.headers);
    }

    /// Every tag of the flow's items renumbered by `moved`.
    pub(crate) fn renumber(&mut self, moved: &Moved) {
        let notes = self.notes.values_mut().flatten();
        let chunks = self.chunks.iter_mut().chain(&mut self.headers).chain(notes);
        for placed in chunks.flat_map(|c| &mut c.items) {
            placed.tag = moved.tag(placed.tag);
        }
    }

    /// Index the next pushed chunk will get.
    pub(crate) fn next_index(&self) -> usize {
        self.chunks.len()
    }

    /// Ties a table's rows for pagination. `rows` holds the index of each
    /// row's first chunk, in order, and the rows run to the end of the flow.
    ///
    /// The first rows stay together (and so with whatever keeps with the
    /// first: its header, caption and heading) until [`KEEP_FIRST_ROWS`]
    /// rows or a quarter of `body_height`, whichever comes first, counted
    /// in strips: a few short rows never sit alone under a heading at a
    /// page foot, and a row of many strips (a long alignment list, a tall
    /// row) is not tied whole, so the table splits between strips instead
    /// of moving and leaving half a page empty. The last row stays with
    /// the strip before it, so a page never ends a table with a lone row.
    /// A short table is thereby kept whole; a run too tall for one page is
    /// still cut, by pagination.
    pub(crate) fn keep_rows_together(&mut self, rows: &[usize], body_height: f32) {
        let keep_height = body_height / 4.0;
        let end = self.chunks.len();
        let start = |k: usize| rows.get(k).copied().unwrap_or(end);
        let first_rows_end = start(KEEP_FIRST_ROWS.min(rows.len()));
        let (mut j, mut height) = (start(0), 0.0);
        while j < first_rows_end && height < keep_height {
            height += self
                .chunks
                .get(j)
                .map_or(0.0, |c| c.space_before + c.height);
            j += 1;
        }
        self.keep_together(start(0), j);
        if rows.len() >= 2 {
            self.keep_together(start(rows.len() - 1).saturating_sub(1), end);
        }
    }

    /// Ties chunks `from..to` together.
    fn keep_together(&mut self, from: usize, to: usize) {
        if let Some(run) = self.chunks.get_mut(from..to.saturating_sub(1)) {
            for c in run {
                c.keep_with_next = true;
            }
        }
    }

    /// Starts a new page with the next chunk pushed.
    pub(crate) fn break_page(&mut self) {
        self.break_next = true;
    }

    /// Marks the last chunk to stay with the one after it.
    pub(crate) fn keep_last_with_next(&mut self) {
        if let Some(c) = self.chunks.last_mut() {
            c.keep_with_next = true;
        }
    }
}
