//! Body tables: a caption always, `<th scope="col">` for the header row,
//! `<th scope="row">` for each row's first cell, status shades with black or
//! white text for contrast, and a focusable box that scrolls on its own so a
//! wide table never scrolls the page.

use super::colour::shade_colours;
use super::writer::Writer;
use crate::document::{Align, Cell, Table};

impl Writer {
    /// Opens `<div class="table-wrap" role="region" aria-label="...">`.
    pub(crate) fn open_table_wrap(&mut self, label: &str) {
        self.open_table_wrap_as("table-wrap", label);
    }

    fn open_table_wrap_as(&mut self, class: &str, label: &str) {
        self.raw(&format!(
            "<div class=\"{class}\" role=\"region\" aria-label=\""
        ));
        self.text(label);
        self.raw("\" tabindex=\"0\">\n");
    }

    /// Writes a body table inside its scrolling box.
    pub(crate) fn table(&mut self, table: &Table) {
        self.tables += 1;
        let caption = match &table.caption {
            Some(c) if !c.trim().is_empty() => c.clone(),
            _ => format!("Table {}", self.tables),
        };
        // A wide table prints on a landscape page (`@page landscape`).
        let turned = table.landscape.unwrap_or_else(|| too_wide(table));
        let class = if turned && self.nested == 0 {
            "table-wrap landscape"
        } else {
            "table-wrap"
        };
        self.open_table_wrap_as(class, &caption);
        self.raw("<table>\n<caption>");
        self.text(&caption);
        self.raw("</caption>\n");
        if let Some(widths) = &table.widths {
            self.col_widths(widths);
        }
        if !table.header.is_empty() {
            self.raw("<thead>\n<tr>");
            for (i, cell) in table.header.iter().enumerate() {
                self.cell("th", Some("col"), cell, align_of(table, i));
            }
            self.raw("</tr>\n</thead>\n");
        }
        self.raw("<tbody>\n");
        for row in &table.rows {
            self.raw("<tr>");
            for (i, cell) in row.iter().enumerate() {
                let (tag, scope) = if i == 0 {
                    ("th", Some("row"))
                } else {
                    ("td", None)
                };
                self.cell(tag, scope, cell, align_of(table, i));
            }
            self.raw("</tr>\n");
        }
        self.raw("</tbody>\n</table>\n</div>\n");
    }

    /// `<colgroup>` with each column's share of the table's width, as the
    /// caption's `{widths=...}` asks (numbers only reach the style).
    fn col_widths(&mut self, widths: &[u8]) {
        let total: u32 = widths.iter().map(|&w| u32::from(w)).sum();
        self.raw("<colgroup>");
        for &w in widths {
            let percent = f64::from(w) * 100.0 / f64::from(total.max(1));
            self.raw(&format!("<col style=\"width:{percent:.1}%\">"));
        }
        self.raw("</colgroup>\n");
    }

    fn cell(&mut self, tag: &str, scope: Option<&str>, cell: &Cell, align: Align) {
        self.raw(&format!("<{tag}"));
        if let Some(scope) = scope {
            self.raw(&format!(" scope=\"{scope}\""));
        }
        match align {
            Align::Left => {}
            Align::Center => self.raw(" class=\"align-center\""),
            Align::Right => self.raw(" class=\"align-right\""),
        }
        // Only a validated `#rrggbb` reaches the style attribute.
        if let Some((background, text)) = cell.shade.as_deref().and_then(shade_colours) {
            self.raw(&format!(
                " style=\"background-color:{background};color:{text}\""
            ));
        }
        self.raw(">");
        self.inlines(&cell.content);
        self.raw(&format!("</{tag}>"));
    }
}

/// The portrait text width of the printed page and of the PDF, in points.
const PORTRAIT_TEXT_WIDTH: f32 = 481.9;

/// Whether a table's columns' minimum widths (each column's longest word)
/// pass the portrait text width: the PDF's rule for a landscape page,
/// estimated without fonts (10 pt table text, about half an em a
/// character, 8.5 pt of cell padding), so that both formats turn the
/// same tables.
fn too_wide(table: &Table) -> bool {
    let longest_word = |cell: &Cell| {
        crate::document::plain_text(&cell.content)
            .split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    };
    let mut columns: Vec<usize> = Vec::new();
    for row in std::iter::once(&table.header).chain(&table.rows) {
        for (i, cell) in row.iter().enumerate() {
            if columns.len() <= i {
                columns.push(0);
            }
            columns[i] = columns[i].max(longest_word(cell));
        }
    }
    let needed: f32 = columns.iter().map(|&n| n as f32 * 5.5 + 8.5).sum();
    needed > PORTRAIT_TEXT_WIDTH
}

fn align_of(table: &Table, column: usize) -> Align {
    table.align.get(column).copied().unwrap_or(Align::Left)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Inline;

    fn cell(t: &str, shade: Option<&str>) -> Cell {
        Cell {
            content: vec![Inline::Text(t.into())],
            shade: shade.map(str::to_string),
        }
    }

    #[test]
    fn scopes_caption_and_shades() {
        let mut w = Writer::new(0);
        w.table(&Table {
            caption: None,
            landscape: None,
            widths: None,
            align: vec![Align::Left, Align::Right],
            header: vec![cell("Programme", None), cell("Status", None)],
            rows: vec![vec![cell("PSIRF", None), cell("Red", Some("#D5281B"))]],
        });
        let html = w.take();
        assert!(html.contains("aria-label=\"Table 1\" tabindex=\"0\""));
        assert!(html.contains("<caption>Table 1</caption>"));
        assert!(html.contains("<th scope=\"col\">Programme</th>"));
        assert!(html.contains("<th scope=\"row\">PSIRF</th>"));
        assert!(html.contains(
            "<td class=\"align-right\" style=\"background-color:#d5281b;color:#ffffff\">Red</td>"
        ));
    }

    #[test]
    fn asked_column_widths_become_a_colgroup() {
        let mut w = Writer::new(0);
        w.table(&Table {
            caption: Some("Spend".into()),
            landscape: None,
            widths: Some(vec![2, 1, 1]),
            align: vec![Align::Left; 3],
            header: vec![cell("A", None), cell("B", None), cell("C", None)],
            rows: vec![],
        });
        assert!(w.take().contains(
            "<caption>Spend</caption>\n<colgroup><col style=\"width:50.0%\"><col style=\"width:25.0%\"><col style=\"width:25.0%\"></colgroup>\n<thead>"
        ));
    }

    #[test]
    fn malformed_shade_is_dropped() {
        let mut w = Writer::new(0);
        w.cell(
            "td",
            None,
            &cell("x", Some("red\" onmouseover=\"x")),
            Align::Left,
        );
        assert_eq!(w.take(), "<td>x</td>");
    }
}
