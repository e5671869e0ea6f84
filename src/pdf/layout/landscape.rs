//! Wide tables on landscape pages: which top-level blocks go on a turned
//! page of their own (a table too wide for the portrait column, or one
//! whose caption asks, with the heading and lead-in that introduce it),
//! and the frame they are laid out in there. A few blocks between two
//! turned tables share their turned pages.

use super::ctx::{Ctx, Frame};
use super::theme::PageGeometry;
use crate::document::{Block, BlockKind, Origin, Table};

impl Ctx<'_> {
    /// The geometry of the pages the flow is filling now.
    pub(crate) fn page_geometry(&self) -> PageGeometry {
        if self.flow.is_landscape() {
            self.geometry.turned()
        } else {
            self.geometry
        }
    }

    /// The body column of a portrait page.
    pub(crate) fn body_frame(&self) -> Frame {
        let (x, w) = self.geometry.body_frame();
        Frame { x, w }
    }

    /// The body column of a landscape page.
    pub(crate) fn landscape_frame(&self) -> Frame {
        let (x, w) = self.geometry.turned().body_frame();
        Frame { x, w }
    }

    /// For each of `blocks`, whether it goes on a landscape page: a wide
    /// table, and before it the lead-in and heading that stay with it.
    /// Only blocks laid into the body column (not in a list, quote or
    /// note) are ever turned.
    pub(crate) fn turned_blocks(&mut self, blocks: &[Block], frame: Frame) -> Vec<bool> {
        let mut turned = vec![false; blocks.len()];
        if frame != self.body_frame() {
            return turned;
        }
        for (i, b) in blocks.iter().enumerate() {
            if let BlockKind::Table(t) = &b.kind {
                turned[i] = self.wants_landscape(t, &b.origin, frame);
            }
        }
        for i in (0..blocks.len().saturating_sub(1)).rev() {
            let next = &blocks[i + 1].kind;
            let introduces = super::blocks::is_lead_in(&blocks[i].kind, Some(next))
                || matches!(blocks[i].kind, BlockKind::Heading(_));
            if turned[i + 1] && introduces {
                turned[i] = true;
            }
        }
        share_turned_pages(blocks, &mut turned);
        turned
    }

    /// Whether table `t` goes on a landscape page: as its caption asks,
    /// else when its columns' minimum widths (the widest word of each, at
    /// the table text size) pass the portrait column's width `frame.w`.
    fn wants_landscape(&mut self, t: &Table, origin: &Origin, frame: Frame) -> bool {
        match t.landscape {
            Some(asked) => asked,
            None => self.min_table_width(t, origin) > frame.w + 0.5,
        }
    }
}

/// At most this many blocks between two turned tables go on their turned
/// pages too.
const SHARED_BETWEEN: usize = 2;

/// One or two headings, paragraphs or lists between two turned tables go on
/// the turned pages with them, rather than on a short portrait page of
/// their own between two landscape runs.
fn share_turned_pages(blocks: &[Block], turned: &mut [bool]) {
    let mut last: Option<usize> = None;
    for i in 0..turned.len() {
        if !turned[i] {
            continue;
        }
        if let Some(l) = last.filter(|&l| i > l + 1 && i - l - 1 <= SHARED_BETWEEN) {
            let between = &blocks[l + 1..i];
            let light = between.iter().all(|b| {
                matches!(
                    b.kind,
                    BlockKind::Heading(_) | BlockKind::Paragraph(_) | BlockKind::List(_)
                )
            });
            if light {
                turned[l + 1..i].iter_mut().for_each(|t| *t = true);
            }
        }
        last = Some(i);
    }
}
