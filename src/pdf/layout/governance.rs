//! The trust's governance table: a bordered two-column table (label |
//! value), rows in the trust's order; the strategic-alignment row holds a
//! nested two-column table (framework item | tick) with ticked items
//! marked by the trust's own mark (✓, X, Yes: real text, in the fallback
//! face where the family lacks it, so it survives copying and text
//! extraction) and the rest left blank, as the real papers do. A trust that
//! lists only the items a paper serves gets them without a tick column. An
//! item's description is set under its label. A table set apart from the
//! copy's own (one of several on a front sheet, or placed in a body) is
//! captioned with its trust's governance heading, as the HTML is.

use super::chunk::{CellFrame, Chunk, Decor};
use super::ctx::{Ctx, Frame};
use super::table::{cell_lines, row_chunk, split_row, CellBox, Sides};
use super::tags::{Role, Scope, Tag};
use crate::document::{Align, Alignment, AlignmentItem, GovRow, GovTable, GovValue, Origin};
use crate::pdf::fonts::FontStyle;

/// Governance table text size.
const GOV_SIZE: f32 = 10.0;
/// Width of the tick column of the alignment sub-table.
const TICK_W: f32 = 40.0;

impl Ctx<'_> {
    /// A receiving trust's table under its heading (the table's
    /// `Caption`), then the framework's note.
    pub(crate) fn gov_table(&mut self, table: &GovTable, frame: Frame, space: f32) {
        if table.rows.is_empty() {
            return;
        }
        self.governance(&table.rows, Some(&table.heading), frame, space);
        self.gov_note(table.note(), frame);
    }

    /// The framework's note under a governance table ("* ..."), if any.
    pub(crate) fn gov_note(&mut self, note: Option<&str>, frame: Frame) {
        if let Some(note) = note {
            let style =
                super::measure::RunStyle::plain(FontStyle::Regular, 9.0, super::theme::MUTED);
            self.text_paragraph(note, &style, frame, 4.0);
        }
    }

    /// Lays out the governance rows as a table filling `frame`, under
    /// `caption` if there is one.
    pub(crate) fn governance(
        &mut self,
        rows: &[GovRow],
        caption: Option<&str>,
        frame: Frame,
        space: f32,
    ) {
        let label_w = (frame.w * 0.45).round();
        let value_w = frame.w - label_w;
        let first = self.flow.next_index();
        let mut starts = Vec::with_capacity(rows.len());
        self.open(Role::Table);
        if let Some(caption) = caption {
            let style = self.style(FontStyle::Bold, super::theme::BODY_SIZE);
            self.text_block(Role::Caption, caption, &style, frame, 0.0);
            if let Some(c) = self.flow.chunks.last_mut() {
                c.keep_with_next = true;
            }
        }
        for row in rows {
            starts.push(self.flow.next_index());
            self.open(Role::TR);
            let th = self.leaf(Role::TH);
            if let Some(node) = self.tree.get_mut(th) {
                node.scope = Some(Scope::Row);
            }
            let label = Tag::Struct(th);
            match &row.value {
                GovValue::Alignment(a) if !a.items.is_empty() => {
                    self.within(Role::TD, |ctx| {
                        ctx.alignment_row(&row.label, label, a, frame, label_w);
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
        a: &Alignment,
        frame: Frame,
        label_w: f32,
    ) {
        let items = &a.items;
        let tick_w = if a.mark.is_some() { TICK_W } else { 0.0 };
        let item_x = frame.x + label_w;
        let item_w = frame.w - label_w - tick_w;
        let tick_x = item_x + item_w;
        let label_cell = self.cell(label, frame.x, label_w, Sides::ALL, label_tag);
        // Ticked items are a table (item | tick); the aligned items alone
        // are paragraphs in the value cell: a row of one header cell each
        // would be a shredded table.
        let table = a.mark.is_some();
        if table {
            self.open(Role::Table);
        }
        let label_h = label_cell.height();
        let mut rows: Vec<(Vec<CellBox>, f32)> = Vec::with_capacity(items.len());
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
            let name_tag = if table {
                self.open(Role::TR);
                // The objective's name labels its tick: a row header.
                let name = self.leaf(Role::TH);
                if let Some(node) = self.tree.get_mut(name) {
                    node.scope = Some(Scope::Row);
                }
                Tag::Struct(name)
            } else {
                Tag::Struct(self.leaf(Role::P))
            };
            let name = self.item_cell(item, item_x, item_w, name_tag);
            let h = name.height();
            let mut cells = vec![left, name];
            if let Some(mark) = &a.mark {
                let tick_tag = Tag::Struct(self.leaf(Role::TD));
                let text = if item.ticked { mark.as_str() } else { "" };
                let mut tick = self.cell(text, tick_x, TICK_W, Sides::ALL, tick_tag);
                tick.align = Align::Center;
                cells.push(tick);
            }
            if table {
                self.close();
            }
            // The label's lines may run into later sub-rows: measure only the
            // item cells for the sub-row height.
            rows.push((cells, h));
        }
        if table {
            self.close();
        }
        self.place_alignment_rows(rows, label_h, frame.x, label_w);
    }

    /// Places the alignment's sub-rows in one box per page around the
    /// label: the label's box is drawn per page around its sub-rows, so the
    /// list may break between items. The first sub-rows stay together
    /// until the label's lines are all placed (at least two), the last two
    /// stay together.
    fn place_alignment_rows(
        &mut self,
        mut rows: Vec<(Vec<CellBox>, f32)>,
        label_h: f32,
        x: f32,
        label_w: f32,
    ) {
        let total: f32 = rows.iter().map(|r| r.1).sum();
        if let Some(last) = rows.last_mut() {
            last.1 += (label_h - total).max(0.0);
        }
        self.flow.open(Decor::Cells(vec![CellFrame {
            x,
            w: label_w,
            fill: None,
        }]));
        let n = rows.len();
        let mut placed = 0.0;
        for (k, (mut cells, h)) in rows.into_iter().enumerate() {
            if let Some(left) = cells.first_mut() {
                left.sides = Sides::NONE;
            }
            let mut chunk: Chunk = row_chunk(&cells, h);
            let head = k == 0 || placed < label_h;
            chunk.keep_with_next = k + 1 < n && (head || k + 2 == n);
            placed += h;
            self.flow.push(chunk);
        }
        self.flow.close();
    }

    /// A framework item's cell: its label, then its description (italic,
    /// a size smaller) under it.
    fn item_cell(&mut self, item: &AlignmentItem, x: f32, w: f32, tag: Tag) -> CellBox {
        let mut cell = self.cell(&item.label, x, w, Sides::ALL, tag);
        if let Some(d) = &item.description {
            let size = GOV_SIZE - 1.0;
            let style = self.style(FontStyle::Italic, size);
            let tokens = self.text_tokens(d, &style, &Origin::default());
            cell.lines.extend(cell_lines(&tokens, w, size));
        }
        cell
    }
}
