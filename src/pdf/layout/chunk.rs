//! The flow's unit: an unbreakable horizontal strip of positioned items,
//! with the constraints pagination must honour (keep with next, page break
//! before, repeated table header) and the decorations it belongs to.
//!
//! Block layout (`blocks`, `table`, `frontsheet`) appends chunks to a
//! [`Flow`]; `pages` cuts the flow into pages.

use super::item::Item;
use super::theme::Rgb;

/// A strip of items; item y coordinates are relative to the strip's top.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Chunk {
    pub height: f32,
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    pub items: Vec<Item>,
    /// Never end a page after this chunk if the next one can follow it.
    pub keep_with_next: bool,
    /// Always start a new page with this chunk.
    pub page_break_before: bool,
    /// Decorations (quote bars, callout boxes) this chunk lies inside.
    pub decor: Vec<usize>,
    /// Table header to repeat above this chunk when it starts a page.
    pub repeat_header: Option<usize>,
    /// Baseline of the first line, for list markers.
    pub first_baseline: Option<f32>,
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
}

/// The document as one long strip of chunks, before pagination.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Flow {
    pub chunks: Vec<Chunk>,
    pub decors: Vec<Decor>,
    /// Table header rows, referenced by [`Chunk::repeat_header`].
    pub headers: Vec<Chunk>,
    /// Decorations currently open (applied to every chunk pushed).
    open: Vec<usize>,
}

impl Flow {
    /// Appends a chunk inside the open decorations.
    pub(crate) fn push(&mut self, mut chunk: Chunk) {
        chunk.decor.extend(self.open.iter().copied());
        self.chunks.push(chunk);
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

    /// Index the next pushed chunk will get.
    pub(crate) fn next_index(&self) -> usize {
        self.chunks.len()
    }

    /// Marks the last chunk to stay with the one after it.
    pub(crate) fn keep_last_with_next(&mut self) {
        if let Some(c) = self.chunks.last_mut() {
            c.keep_with_next = true;
        }
    }
}
