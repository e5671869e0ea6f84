//! Tables: column widths from content (minimum and maximum content widths,
//! extra space shared out), wrapped cells, borders, a shaded header row that
//! repeats on every page the table continues onto, status shades with
//! readable text, rows taller than a quarter page broken after whichever
//! line meets the page's foot (one strip per line, the cells' borders
//! drawn per page by a [`Decor::Cells`]), and tables too wide for the
//! column set smaller.

use super::chunk::{CellFrame, Chunk, Decor};
use super::ctx::{Ctx, Frame};
use super::item::{Item, Tagged};
use super::line::{line_height, line_items};
use super::linebreak::{break_lines, Line};
use super::measure::{RunStyle, Token};
use super::tags::{Artifact, Role, Scope, Tag};
use super::theme::{
    baseline_in, Rgb, BORDER, CELL_PAD, HEADER_FILL, TABLE_MIN_SIZE, TABLE_SIZE, TEXT,
};
use crate::document::{Align, Cell, Origin, Table};
use crate::pdf::fonts::FontStyle;

/// Which sides of a cell get a border.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sides {
    pub top: bool,
    pub bottom: bool,
    pub left: bool,
    pub right: bool,
}

impl Sides {
    pub(crate) const ALL: Sides = Sides {
        top: true,
        bottom: true,
        left: true,
        right: true,
    };
    pub(crate) const NONE: Sides = Sides {
        top: false,
        bottom: false,
        left: false,
        right: false,
    };
}

/// A cell's lines with their heights, placed in a column.
#[derive(Debug, Clone)]
pub(crate) struct CellBox {
    pub x: f32,
    pub w: f32,
    pub lines: Vec<(Line, f32)>,
    pub size: f32,
    pub fill: Option<Rgb>,
    pub align: Align,
    pub sides: Sides,
    /// The cell's element (TH or TD); its shading and borders are artifacts.
    pub tag: Tag,
}

impl CellBox {
    /// Height of the cell's content plus padding.
    pub(crate) fn height(&self) -> f32 {
        self.lines.iter().map(|(_, h)| h).sum::<f32>() + 2.0 * CELL_PAD
    }
}

/// Breaks tokens for a cell of outer width `w`.
pub(crate) fn cell_lines(tokens: &[Token], w: f32, size: f32) -> Vec<(Line, f32)> {
    let width = (w - 2.0 * CELL_PAD).max(1.0);
    let mut parts: Vec<&[Token]> = tokens.split(|t| matches!(t, Token::Break)).collect();
    // A break at the very end adds no line.
    if parts.len() > 1 && parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    let mut out = Vec::new();
    for part in parts {
        // A bullet line ("• text") hangs: its later lines start under the
        // text, not under the bullet.
        let indent = bullet_indent(part).filter(|i| *i < width / 2.0);
        let lines = break_lines(part, width - indent.unwrap_or(0.0));
        for (k, mut l) in lines.into_iter().enumerate() {
            if let (Some(indent), true) = (indent, k > 0) {
                for f in &mut l.frags {
                    f.x += indent;
                }
                l.width += indent;
            }
            let h = line_height(&l, size);
            out.push((l, h));
        }
    }
    out
}

/// The width of a cell line's bullet and the space after it ("•\u{a0}"),
/// when the line starts with one.
fn bullet_indent(tokens: &[Token]) -> Option<f32> {
    let Some(Token::Word(frags)) = tokens.first() else {
        return None;
    };
    let first = frags.first()?;
    if !first.text.starts_with("\u{2022}\u{a0}") {
        return None;
    }
    Some(first.advances.iter().take(2).sum())
}

/// One strip of a row: every cell drawn at full strip height.
pub(crate) fn row_chunk(cells: &[CellBox], height: f32) -> Chunk {
    let mut chunk = Chunk::new(height);
    for c in cells {
        if let Some(fill) = c.fill {
            chunk.items.push(
                Item::Rect {
                    x: c.x,
                    y: 0.0,
                    w: c.w,
                    h: height,
                    fill: Some(fill),
                    stroke: None,
                }
                .tagged(Tag::Artifact(Artifact::Shading)),
            );
        }
    }
    for c in cells {
        let mut y = CELL_PAD;
        for (line, h) in &c.lines {
            let inner = c.w - 2.0 * CELL_PAD;
            let dx = match c.align {
                Align::Left => 0.0,
                Align::Center => ((inner - line.width) / 2.0).max(0.0),
                Align::Right => (inner - line.width).max(0.0),
            };
            let baseline = y + baseline_in(*h, line.max_size().max(c.size));
            chunk
                .items
                .extend(line_items(line, c.x + CELL_PAD + dx, baseline, c.tag));
            if chunk.first_baseline.is_none() {
                chunk.first_baseline = Some(baseline);
            }
            y += h;
        }
    }
    for c in cells {
        push_borders(&mut chunk.items, c, height);
    }
    chunk
}

fn push_borders(items: &mut Vec<Tagged>, c: &CellBox, h: f32) {
    let rule = |x1, y1, x2, y2| {
        Item::Rule {
            x1,
            y1,
            x2,
            y2,
            width: 0.6,
            colour: BORDER,
        }
        .tagged(Tag::Artifact(Artifact::Border))
    };
    let (l, r) = (c.x, c.x + c.w);
    if c.sides.top {
        items.push(rule(l, 0.0, r, 0.0));
    }
    if c.sides.bottom {
        items.push(rule(l, h, r, h));
    }
    if c.sides.left {
        items.push(rule(l, 0.0, l, h));
    }
    if c.sides.right {
        items.push(rule(r, 0.0, r, h));
    }
}

/// The shading and borders of a split row's part from `top` to `bottom`
/// on one page: every cell a closed box, as [`row_chunk`] draws a whole row.
pub(crate) fn cell_frames(cells: &[CellFrame], top: f32, bottom: f32, out: &mut Vec<Tagged>) {
    let h = bottom - top;
    for c in cells {
        if let Some(fill) = c.fill {
            let rect = Item::Rect {
                x: c.x,
                y: top,
                w: c.w,
                h,
                fill: Some(fill),
                stroke: None,
            };
            out.push(rect.tagged(Tag::Artifact(Artifact::Shading)));
        }
    }
    for c in cells {
        let mut borders = Vec::new();
        let cell = CellBox {
            x: c.x,
            w: c.w,
            lines: Vec::new(),
            size: 0.0,
            fill: None,
            align: Align::Left,
            sides: Sides::ALL,
            tag: Tag::Artifact(Artifact::Border),
        };
        push_borders(&mut borders, &cell, h);
        out.extend(borders.into_iter().map(|b| b.shifted(top)));
    }
}

/// A row too tall to keep whole, as one strip per line (the `k`-th line
/// of every cell side by side), so pagination can end a page after any
/// line, wherever the space runs out. The strips carry no shading or
/// borders: the row's [`Decor::Cells`] draws them per page. The first
/// two and the last two lines stay together, as a paragraph's do.
pub(crate) fn line_strips(cells: &[CellBox]) -> Vec<Chunk> {
    let n = cells.iter().map(|c| c.lines.len()).max().unwrap_or(0);
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let strip: Vec<CellBox> = cells
            .iter()
            .map(|c| CellBox {
                lines: c.lines.get(k).cloned().into_iter().collect(),
                fill: None,
                sides: Sides::NONE,
                ..c.clone()
            })
            .collect();
        let h = strip
            .iter()
            .flat_map(|c| c.lines.iter().map(|(_, h)| *h))
            .fold(0.0, f32::max);
        // row_chunk pads each cell; a strip is padded only at the row's
        // top (first) and bottom (last).
        let mut chunk = row_chunk(&strip, h + 2.0 * CELL_PAD);
        chunk.items = chunk
            .items
            .into_iter()
            .map(|i| i.shifted(-CELL_PAD))
            .collect();
        chunk.first_baseline = chunk.first_baseline.map(|b| b - CELL_PAD);
        chunk.height = h;
        if k == 0 {
            chunk.pad_top(CELL_PAD);
        }
        if k + 1 == n {
            chunk.height += CELL_PAD;
        }
        chunk.keep_with_next = n >= 2 && k + 1 < n && (k == 0 || k + 2 == n);
        out.push(chunk);
    }
    out
}

/// A header row as repeated on a continuation page: its items tagged as
/// the header cells they repeat, so each repeat is read where it is
/// painted, as part of the one header row (not an artifact a screen reader
/// skips: outloud TAG-002 on a header written as prose; nor further header
/// rows, which make a long table look shredded: TBL-010).
fn as_repeated(header: &Chunk) -> Chunk {
    header.clone()
}

/// Splits a row whose cells are taller than `limit` into strips that fit,
/// cutting each cell between lines (a line taller than `limit` still moves
/// whole). Returns the strips' cells and heights.
pub(crate) fn split_row(cells: Vec<CellBox>, limit: f32) -> Vec<(Vec<CellBox>, f32)> {
    let height = cells.iter().map(CellBox::height).fold(0.0, f32::max);
    if height <= limit {
        return vec![(cells, height)];
    }
    let room = (limit - 2.0 * CELL_PAD).max(1.0);
    let mut rest: Vec<CellBox> = cells;
    let mut out = Vec::new();
    while rest.iter().any(|c| !c.lines.is_empty()) {
        let mut strip = Vec::with_capacity(rest.len());
        for c in &mut rest {
            let mut used = 0.0;
            let mut take = 0;
            for (_, h) in &c.lines {
                if take > 0 && used + h > room {
                    break;
                }
                used += h;
                take += 1;
            }
            let taken: Vec<(Line, f32)> = c.lines.drain(..take).collect();
            strip.push(CellBox {
                lines: taken,
                ..c.clone()
            });
        }
        let h = strip.iter().map(CellBox::height).fold(0.0, f32::max);
        out.push((strip, h));
    }
    out
}

/// Column widths from each column's minimum and maximum content widths,
/// as CSS automatic table layout does.
///
/// When every column fits at its maximum, the extra space is shared in
/// proportion. Otherwise every column gets its minimum and the space left
/// is shared in proportion to how much more each column would need to set
/// its content unwrapped (maximum above minimum): a long text column gets
/// most of it, a short one (a level, a reference) little, and no column
/// passes its maximum. When even the minimums do not fit they are scaled
/// down to `avail`.
pub(crate) fn column_widths(min: &[f32], max: &[f32], avail: f32) -> Vec<f32> {
    let sum_min: f32 = min.iter().sum();
    let sum_max: f32 = max.iter().sum();
    if min.is_empty() {
        return Vec::new();
    }
    if sum_max <= avail {
        let extra = avail - sum_max;
        return max
            .iter()
            .map(|m| {
                m + if sum_max > 0.0 {
                    extra * m / sum_max
                } else {
                    extra / max.len() as f32
                }
            })
            .collect();
    }
    if sum_min >= avail {
        return min.iter().map(|m| m * avail / sum_min.max(0.001)).collect();
    }
    let wants: Vec<f32> = min
        .iter()
        .zip(max)
        .map(|(lo, hi)| (hi - lo).max(0.0))
        .collect();
    let sum_wants: f32 = wants.iter().sum();
    let share = (avail - sum_min) / sum_wants.max(0.001);
    min.iter()
        .zip(&wants)
        .map(|(lo, want)| lo + want * share)
        .collect()
}

/// How many columns a table has (its longest row).
fn columns(t: &Table) -> usize {
    t.rows
        .iter()
        .map(Vec::len)
        .chain([t.header.len()])
        .max()
        .unwrap_or(0)
}

/// Column widths in the proportions the author asks for (`asked`, one
/// weight per column), sharing `avail`; a column that would be narrower
/// than its widest word gets that width, and the others share the rest.
/// When even the minimums do not fit they are scaled down to `avail`.
pub(crate) fn asked_widths(min: &[f32], asked: &[u8], avail: f32) -> Vec<f32> {
    let sum_min: f32 = min.iter().sum();
    if sum_min >= avail {
        return min.iter().map(|m| m * avail / sum_min.max(0.001)).collect();
    }
    // Columns most squeezed by their share first (widest word per unit
    // of weight): each one set at its minimum leaves less for the rest,
    // so the next is checked against the smaller share; the first that
    // fits ends it, as every later one needs less.
    let weight_of = |i: usize| f32::from(asked.get(i).copied().unwrap_or(1).max(1));
    let mut order: Vec<usize> = (0..min.len()).collect();
    let ratio = |i: usize| min[i] / weight_of(i);
    order.sort_by(|&a, &b| ratio(b).total_cmp(&ratio(a)));
    let mut at_min = vec![false; min.len()];
    let mut room = avail;
    let mut weight: f32 = (0..min.len()).map(weight_of).sum();
    for &i in &order {
        let w = weight_of(i);
        if min[i] <= w * room / weight.max(0.001) {
            break;
        }
        at_min[i] = true;
        room -= min[i];
        weight -= w;
    }
    let share = room / weight.max(0.001);
    (0..min.len())
        .map(|i| {
            if at_min[i] {
                min[i]
            } else {
                weight_of(i) * share
            }
        })
        .collect()
}

/// Widest word and whole-content width of a cell, padding included.
fn content_widths(tokens: &[Token]) -> (f32, f32) {
    let widest = tokens
        .iter()
        .map(|t| match t {
            Token::Word(f) => f.iter().map(|f| f.width()).sum(),
            _ => 0.0,
        })
        .fold(0.0, f32::max);
    let whole = break_lines(tokens, f32::INFINITY)
        .iter()
        .map(|l| l.width)
        .fold(0.0, f32::max);
    (widest + 2.0 * CELL_PAD + 0.5, whole + 2.0 * CELL_PAD + 0.5)
}

impl Ctx<'_> {
    /// A Markdown table.
    pub(crate) fn table(&mut self, t: &Table, origin: &Origin, frame: Frame, space: f32) {
        let ncols = columns(t);
        if ncols == 0 {
            return;
        }
        self.open(Role::Table);
        if let Some(caption) = &t.caption {
            let style = self.style(FontStyle::Bold, TABLE_SIZE + 1.0);
            self.text_block(Role::Caption, caption, &style, frame, space);
            self.flow.keep_last_with_next();
        }
        let mut size = TABLE_SIZE;
        let (mut tokens, mut widths, needed) = self.measure_table(t, ncols, size, origin, frame.w);
        if needed > frame.w + 0.5 {
            size = (size * frame.w / needed).max(TABLE_MIN_SIZE);
            (tokens, widths, _) = self.measure_table(t, ncols, size, origin, frame.w);
        }
        let mut xs = Vec::with_capacity(ncols);
        let mut x = frame.x;
        for w in &widths {
            xs.push(x);
            x += w;
        }
        let cells_of = |row: usize, fills: &dyn Fn(usize) -> Option<Rgb>, tags: &[Tag]| {
            (0..ncols)
                .map(|c| CellBox {
                    x: xs[c],
                    w: widths[c],
                    lines: cell_lines(&tokens[row][c], widths[c], size),
                    size,
                    fill: fills(c),
                    align: t.align.get(c).copied().unwrap_or(Align::Left),
                    sides: Sides::ALL,
                    tag: tags
                        .get(c)
                        .copied()
                        .unwrap_or(Tag::Artifact(Artifact::Shading)),
                })
                .collect::<Vec<CellBox>>()
        };
        let has_header = !t.header.is_empty();
        let header_tags = if has_header {
            self.open(Role::THead);
            let tags = self.row_tags(ncols, Role::TH, Some(Scope::Column));
            self.close();
            tags
        } else {
            Vec::new()
        };
        let header_cells = cells_of(0, &|_| Some(HEADER_FILL), &header_tags);
        let header_h = header_cells.iter().map(CellBox::height).fold(0.0, f32::max);
        let mut header = row_chunk(&header_cells, header_h);
        header.space_before = if t.caption.is_some() { 4.0 } else { space };
        header.keep_with_next = true;
        let hid = has_header.then(|| self.flow.add_header(as_repeated(&header)));
        if has_header {
            self.flow.push(header);
        }
        self.open(Role::TBody);
        let body_height = self.page_geometry().body_height();
        let mut starts = Vec::with_capacity(t.rows.len());
        let mut tall = Vec::new();
        for (r, row) in t.rows.iter().enumerate() {
            let start = self.flow.next_index();
            starts.push(start);
            let shade = |c: usize| {
                row.get(c)
                    .and_then(|cell| cell.shade.as_deref())
                    .and_then(Rgb::parse)
            };
            let tags = self.row_tags(ncols, Role::TD, None);
            let cells = cells_of(r + 1, &shade, &tags);
            let height = cells.iter().map(CellBox::height).fold(0.0, f32::max);
            // A row taller than a quarter page may break after any line,
            // where the page ends, rather than move whole and leave a hole.
            let chunks = if height > body_height / 4.0 {
                let frames = cells.iter().map(|c| CellFrame {
                    x: c.x,
                    w: c.w,
                    fill: c.fill,
                });
                self.flow.open(Decor::Cells(frames.collect()));
                tall.push(start);
                line_strips(&cells)
            } else {
                vec![row_chunk(&cells, height)]
            };
            for (i, mut chunk) in chunks.into_iter().enumerate() {
                chunk.repeat_header = hid;
                if !has_header && r == 0 && i == 0 {
                    chunk.space_before = space;
                }
                self.flow.push(chunk);
            }
            if tall.last() == Some(&start) {
                self.flow.close();
            }
        }
        self.close();
        self.close();
        self.flow.keep_rows_together(&starts, body_height);
        // Inside a tall row only its first two and last two lines stay
        // together (its last strip keeps what the rows' ties gave it).
        for &start in &tall {
            let end = starts
                .iter()
                .find(|&&s| s > start)
                .copied()
                .unwrap_or(self.flow.chunks.len());
            for j in start..end.saturating_sub(1) {
                if let Some(c) = self.flow.chunks.get_mut(j) {
                    c.keep_with_next = j == start || j + 2 == end;
                }
            }
        }
    }

    /// A `TR` with `n` cells of `role`; returns the cells' tags.
    fn row_tags(&mut self, n: usize, role: Role, scope: Option<Scope>) -> Vec<Tag> {
        self.within(Role::TR, |ctx| {
            (0..n)
                .map(|_| {
                    let id = ctx.leaf(role);
                    if let Some(node) = ctx.tree.get_mut(id) {
                        node.scope = scope;
                    }
                    Tag::Struct(id)
                })
                .collect()
        })
    }

    /// The sum of `t`'s columns' minimum widths at the table text size.
    pub(crate) fn min_table_width(&mut self, t: &Table, origin: &Origin) -> f32 {
        let ncols = columns(t);
        // Measuring again must not report a missing glyph twice.
        let missing = self.missing.len();
        let (_, _, needed) = self.measure_table(t, ncols, TABLE_SIZE, origin, f32::INFINITY);
        self.missing.truncate(missing);
        needed
    }

    /// Tokens of every cell (row 0 = header), the column widths at `size`
    /// and the sum of the minimum widths (more than `avail`: too wide).
    fn measure_table(
        &mut self,
        t: &Table,
        ncols: usize,
        size: f32,
        origin: &Origin,
        avail: f32,
    ) -> (Vec<Vec<Vec<Token>>>, Vec<f32>, f32) {
        let empty: Vec<Cell> = Vec::new();
        let mut tokens = Vec::with_capacity(t.rows.len() + 1);
        let (mut min, mut max) = (vec![0.0f32; ncols], vec![0.0f32; ncols]);
        for (r, row) in std::iter::once(&t.header).chain(&t.rows).enumerate() {
            let row = if r == 0 && t.header.is_empty() {
                &empty
            } else {
                row
            };
            let mut row_tokens = Vec::with_capacity(ncols);
            for c in 0..ncols {
                let cell = row.get(c);
                let font = if r == 0 {
                    FontStyle::Bold
                } else {
                    FontStyle::Regular
                };
                let colour = cell
                    .and_then(|cell| cell.shade.as_deref())
                    .and_then(Rgb::parse)
                    .map_or(TEXT, Rgb::readable_text);
                let style = RunStyle::plain(font, size, colour);
                let toks = match cell {
                    Some(cell) => self.tokens(&cell.content, &style, origin),
                    None => Vec::new(),
                };
                let (lo, hi) = content_widths(&toks);
                min[c] = min[c].max(lo);
                max[c] = max[c].max(hi);
                row_tokens.push(toks);
            }
            tokens.push(row_tokens);
        }
        let widths = match &t.widths {
            Some(asked) if asked.len() == ncols => asked_widths(&min, asked, avail),
            _ => column_widths(&min, &max, avail),
        };
        (tokens, widths, min.iter().sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_content_gets_its_width_plus_a_share() {
        let w = column_widths(&[20.0, 40.0], &[50.0, 150.0], 400.0);
        assert!((w.iter().sum::<f32>() - 400.0).abs() < 0.01);
        assert!((w[1] / w[0] - 3.0).abs() < 0.01);
    }

    #[test]
    fn extra_space_follows_what_each_column_still_needs() {
        let w = column_widths(&[50.0, 50.0], &[100.0, 500.0], 300.0);
        // 200 pt over the minimums, shared 50 : 450.
        assert!(
            (w[0] - 70.0).abs() < 0.01 && (w[1] - 230.0).abs() < 0.01,
            "{w:?}"
        );
        // A long text column gets more than a medium one, a short one least.
        let w = column_widths(&[60.0, 50.0, 70.0], &[90.0, 300.0, 2000.0], 480.0);
        assert!((w.iter().sum::<f32>() - 480.0).abs() < 0.01);
        assert!(w[2] > w[1] && w[1] > w[0] && w[0] <= 90.0, "{w:?}");
    }

    #[test]
    fn asked_widths_keep_their_proportions_above_the_minimums() {
        let w = asked_widths(&[20.0, 20.0, 20.0], &[2, 1, 1], 400.0);
        assert_eq!(w, vec![200.0, 100.0, 100.0]);
        // A column asked narrower than its widest word gets that word's
        // width; the others share the rest in their proportions.
        let w = asked_widths(&[20.0, 100.0, 20.0], &[3, 1, 1], 400.0);
        assert!((w[1] - 100.0).abs() < 0.01, "{w:?}");
        assert!(
            (w[0] - 225.0).abs() < 0.01 && (w[2] - 75.0).abs() < 0.01,
            "{w:?}"
        );
        let w = asked_widths(&[300.0, 300.0], &[1, 1], 300.0);
        assert_eq!(w, vec![150.0, 150.0]);
    }

    #[test]
    fn too_wide_scales_minimums_down() {
        let w = column_widths(&[300.0, 300.0], &[400.0, 400.0], 300.0);
        assert_eq!(w, vec![150.0, 150.0]);
        assert!(column_widths(&[], &[], 100.0).is_empty());
    }

    fn cell(lines: usize) -> CellBox {
        CellBox {
            x: 0.0,
            w: 100.0,
            lines: (0..lines).map(|_| (Line::default(), 10.0)).collect(),
            size: 10.0,
            fill: None,
            align: Align::Left,
            sides: Sides::ALL,
            tag: Tag::Artifact(Artifact::Border),
        }
    }

    #[test]
    fn a_tall_row_becomes_one_strip_per_line_padded_at_its_ends() {
        let strips = line_strips(&[cell(5), cell(2)]);
        let heights: Vec<f32> = strips.iter().map(|c| c.height).collect();
        assert_eq!(heights, vec![14.0, 10.0, 10.0, 10.0, 14.0]);
        // Two lines stay together at each end; the middle may break.
        let keeps: Vec<bool> = strips.iter().map(|c| c.keep_with_next).collect();
        assert_eq!(keeps, vec![true, false, false, true, false]);
        // No shading or border in a strip: the row's decoration draws them.
        assert!(strips.iter().all(|c| c.items.is_empty()));
    }

    #[test]
    fn tall_rows_split_between_lines() {
        let strips = split_row(vec![cell(25), cell(3)], 108.0);
        // 100 pt of lines per strip: 10 + 10 + 5 lines.
        let counts: Vec<Vec<usize>> = strips
            .iter()
            .map(|(cells, _)| cells.iter().map(|c| c.lines.len()).collect())
            .collect();
        assert_eq!(counts, vec![vec![10, 3], vec![10, 0], vec![5, 0]]);
        for (_, h) in &strips {
            assert!(*h <= 108.0);
        }
        assert_eq!(split_row(vec![cell(2)], 108.0).len(), 1);
    }
}
