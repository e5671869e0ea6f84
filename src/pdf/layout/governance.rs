//! The trust's governance table: a bordered two-column table (label |
//! value), rows in the trust's order; the strategic-alignment row holds a
//! nested two-column table (framework item | tick) with ticked items
//! marked by a check mark (U+2713, real text in the fallback face, so it
//! survives copying and text extraction) and the rest left blank, as the
//! real papers do.

use super::chunk::Chunk;
use super::ctx::{Ctx, Frame};
use super::item::{Item, Tagged, TextRun};
use super::table::{cell_lines, row_chunk, split_row, CellBox, Sides};
use super::tags::{Role, Scope, Tag};
use super::theme::{baseline_in, TEXT};
use crate::doc::{Align, AlignmentItem, GovRow, GovValue, Origin};
use crate::pdf::fonts::FontStyle;

/// Governance table text size.
const GOV_SIZE: f32 = 10.0;
/// Width of the tick column of the alignment sub-table.
const TICK_W: f32 = 40.0;

impl Ctx<'_> {
    /// Lays out the governance rows as a table filling `frame`.
    pub(crate) fn governance(&mut self, rows: &[GovRow], frame: Frame, space: f32) {
        let label_w = (frame.w * 0.45).round();
        let value_w = frame.w - label_w;
        let first = self.flow.next_index();
        let mut starts = Vec::with_capacity(rows.len());
        self.open(Role::Table);
        for row in rows {
            starts.push(self.flow.next_index());
            self.open(Role::TR);
            let th = self.leaf(Role::TH);
            if let Some(node) = self.tree.get_mut(th) {
                node.scope = Some(Scope::Row);
            }
            let label = Tag::Struct(th);
            match &row.value {
                GovValue::Alignment(items) if !items.is_empty() => {
                    self.within(Role::TD, |ctx| {
                        ctx.alignment_row(&row.label, label, items, frame, label_w);
                    });
                }
                GovValue::Alignment(_) => {
                    let value = Tag::Struct(self.leaf(Role::TD));
                    let cells = [(label, &*row.label), (value, "")];
                    self.text_row(cells, frame, label_w, value_w);
                }
                GovValue::Text(v) => {
                    let value = Tag::Struct(self.leaf(Role::TD));
                    self.text_row([(label, &row.label), (value, v)], frame, label_w, value_w);
                }
            }
            self.close();
        }
        self.close();
        self.flow
            .keep_rows_together(&starts, self.geometry.body_height());
        if let Some(c) = self.flow.chunks.get_mut(first) {
            c.space_before = space;
        }
    }

    fn cell(&mut self, text: &str, x: f32, w: f32, sides: Sides, tag: Tag) -> CellBox {
        let style = self.style(FontStyle::Regular, GOV_SIZE);
        let tokens = self.text_tokens(text, &style, &Origin::default());
        CellBox {
            x,
            w,
            lines: cell_lines(&tokens, w, GOV_SIZE),
            size: GOV_SIZE,
            fill: None,
            align: Align::Left,
            sides,
            tag,
        }
    }

    /// A label | value row: each cell's tag and text.
    fn text_row(&mut self, cells: [(Tag, &str); 2], frame: Frame, label_w: f32, value_w: f32) {
        let [(label_tag, label), (value_tag, value)] = cells;
        let cells = vec![
            self.cell(label, frame.x, label_w, Sides::ALL, label_tag),
            self.cell(value, frame.x + label_w, value_w, Sides::ALL, value_tag),
        ];
        for (strip, h) in split_row(cells, self.geometry.body_height() - 1.0) {
            self.flow.push(row_chunk(&strip, h));
        }
    }

    /// The label cell spans one sub-row per framework item; the label's
    /// lines are drawn from the first sub-row down, and the sub-rows are
    /// kept together so they never part from it. The items form a table
    /// nested in the value cell (the open `TD`).
    fn alignment_row(
        &mut self,
        label: &str,
        label_tag: Tag,
        items: &[AlignmentItem],
        frame: Frame,
        label_w: f32,
    ) {
        let item_x = frame.x + label_w;
        let item_w = frame.w - label_w - TICK_W;
        let tick_x = item_x + item_w;
        let label_cell = self.cell(label, frame.x, label_w, Sides::ALL, label_tag);
        self.open(Role::Table);
        let label_h = label_cell.height();
        let mut rows: Vec<(Vec<CellBox>, f32, bool)> = Vec::with_capacity(items.len());
        for (k, item) in items.iter().enumerate() {
            let sides = Sides {
                top: k == 0,
                bottom: k + 1 == items.len(),
                left: true,
                right: true,
            };
            let mut left = label_cell.clone();
            left.sides = sides;
            if k > 0 {
                left.lines.clear();
            }
            self.open(Role::TR);
            // The objective's name labels its tick: a row header.
            let name = self.leaf(Role::TH);
            if let Some(node) = self.tree.get_mut(name) {
                node.scope = Some(Scope::Row);
            }
            let name_tag = Tag::Struct(name);
            let tick_tag = Tag::Struct(self.leaf(Role::TD));
            self.close();
            let name = self.cell(&item.label, item_x, item_w, Sides::ALL, name_tag);
            let tick = self.cell("", tick_x, TICK_W, Sides::ALL, tick_tag);
            let h = name.height();
            // The label's lines may run into later sub-rows: measure only the
            // item cells for the sub-row height.
            rows.push((vec![left, name, tick], h, item.ticked));
        }
        self.close();
        let total: f32 = rows.iter().map(|r| r.1).sum();
        if let Some(last) = rows.last_mut() {
            last.1 += (label_h - total).max(0.0);
        }
        for (cells, h, ticked) in rows {
            let mut chunk: Chunk = row_chunk(&cells, h);
            if let (true, Some(tick)) = (ticked, cells.last()) {
                chunk.items.push(self.tick(tick_x, h, tick.tag));
            }
            chunk.keep_with_next = true;
            self.flow.push(chunk);
        }
        if let Some(last) = self.flow.chunks.last_mut() {
            last.keep_with_next = false;
        }
    }

    /// A check mark centred in the tick cell at `x` of a sub-row `h` high.
    fn tick(&self, x: f32, h: f32, tag: Tag) -> Tagged {
        const MARK: &str = "\u{2713}";
        let size = GOV_SIZE + 1.5;
        let width = self.width(FontStyle::Fallback, size, MARK);
        Item::Text(TextRun {
            x: x + (TICK_W - width) / 2.0,
            y: baseline_in(h, size),
            font: FontStyle::Fallback,
            size,
            colour: TEXT,
            text: MARK.to_string(),
            width,
        })
        .tagged(tag)
    }
}
