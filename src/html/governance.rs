//! The trust's governance table: one row per governance key, label as a row
//! header, and the strategic-alignment row holding a nested table that lists
//! every framework item, ticked ones marked with the trust's own mark (✓,
//! X, Yes) and, for screen readers, "Aligned" / "Not aligned"; or, for a
//! trust that lists only what a paper serves, those items with no tick
//! column. Items may carry a description under the label, and the
//! framework's note follows the table. A table set apart from the copy's
//! own (one of several on a front sheet, or placed in a body) is captioned
//! with its trust's governance heading and gets an id of its own.

use super::writer::Writer;
use crate::document::{gov_note, Alignment, GovRow, GovTable, GovValue};

impl Writer {
    /// Writes the governance table with the caption "LPT governance table".
    pub(crate) fn governance(&mut self, trust_short: &str, rows: &[GovRow]) {
        let caption = if trust_short.trim().is_empty() {
            "Governance table".to_string()
        } else {
            format!("{trust_short} governance table")
        };
        self.governance_rows(&caption, "governance", rows);
    }

    /// A receiving trust's table under its heading ("NHFT Trust
    /// Governance Table"), with the id "governance-nhft" (then "-2" ...).
    pub(crate) fn gov_table(&mut self, table: &GovTable) {
        let n = self.gov_tables.entry(table.trust_id.clone()).or_insert(0);
        *n += 1;
        let id = match *n {
            1 => format!("governance-{}", table.trust_id),
            n => format!("governance-{}-{n}", table.trust_id),
        };
        self.governance_rows(&table.heading, &id, &table.rows);
    }

    fn governance_rows(&mut self, caption: &str, id: &str, rows: &[GovRow]) {
        if rows.is_empty() {
            return;
        }
        self.open_table_wrap(caption);
        self.raw("<table class=\"governance\" id=\"");
        self.text(id);
        self.raw("\">\n<caption>");
        self.text(caption);
        self.raw("</caption>\n<tbody>\n");
        for row in rows {
            self.raw("<tr><th scope=\"row\">");
            self.text(&row.label);
            match &row.value {
                GovValue::Text(value) => {
                    self.raw("</th><td class=\"gov-text\">");
                    self.text(value);
                }
                GovValue::Alignment(a) => {
                    self.raw("</th><td>");
                    self.alignment(&row.label, a);
                }
            }
            self.raw("</td></tr>\n");
        }
        self.raw("</tbody>\n</table>\n</div>\n");
        if let Some(note) = gov_note(rows) {
            self.raw("<p class=\"gov-note\">");
            self.text(note);
            self.raw("</p>\n");
        }
    }

    /// The nested "Item | Aligned" table (or the aligned items alone);
    /// `title` is the row's label.
    fn alignment(&mut self, title: &str, a: &Alignment) {
        let title = title.trim_end_matches([':', '*', ' ']);
        self.raw("<table class=\"alignment\">\n<caption>");
        self.text(title);
        self.raw("</caption>\n<thead>\n<tr><th scope=\"col\">Item</th>");
        if a.mark.is_some() {
            self.raw("<th scope=\"col\">Aligned</th>");
        }
        self.raw("</tr>\n</thead>\n<tbody>\n");
        for item in &a.items {
            self.raw("<tr><th scope=\"row\">");
            self.text(&item.label);
            if let Some(d) = &item.description {
                self.raw("<span class=\"item-description\">");
                self.text(d);
                self.raw("</span>");
            }
            self.raw("</th>");
            match &a.mark {
                Some(mark) if item.ticked => {
                    self.raw("<td class=\"tick\"><span aria-hidden=\"true\">");
                    self.text(mark);
                    self.raw("</span><span class=\"visually-hidden\">Aligned</span></td>");
                }
                Some(_) => self.raw(
                    "<td class=\"tick\"><span class=\"visually-hidden\">Not aligned</span></td>",
                ),
                None => {}
            }
            self.raw("</tr>\n");
        }
        self.raw("</tbody>\n</table>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::AlignmentItem;

    #[test]
    fn aligned_only_items_with_descriptions_and_no_tick_column() {
        let mut w = Writer::new(0);
        let items = vec![AlignmentItem {
            label: "Quality".into(),
            description: Some("Risk 1: care falls short".into()),
            ticked: true,
        }];
        w.governance(
            "OUH",
            &[GovRow {
                key: "alignment".into(),
                label: "Strategic objectives:".into(),
                value: GovValue::Alignment(Alignment {
                    items,
                    mark: None,
                    note: None,
                }),
            }],
        );
        let html = w.take();
        assert!(html.contains("<tr><th scope=\"col\">Item</th></tr>"));
        assert!(html.contains("<th scope=\"row\">Quality<span class=\"item-description\">Risk 1: care falls short</span></th></tr>"));
        assert!(!html.contains("class=\"tick\"") && !html.contains("gov-note"));
    }

    #[test]
    fn every_item_listed_ticks_marked() {
        let mut w = Writer::new(0);
        w.governance(
            "LPT",
            &[
                GovRow {
                    key: "sponsor".into(),
                    label: "Paper sponsored by:".into(),
                    value: GovValue::Text("Chief Executives & <co>".into()),
                },
                GovRow {
                    key: "alignment".into(),
                    label: "STEP up to GREAT strategic alignment".into(),
                    value: GovValue::Alignment(Alignment {
                        items: vec![
                            AlignmentItem {
                                label: "High Standards".into(),
                                description: None,
                                ticked: true,
                            },
                            AlignmentItem {
                                label: "Environments".into(),
                                description: None,
                                ticked: false,
                            },
                        ],
                        mark: Some("X".into()),
                        note: Some("* Alignment note".into()),
                    }),
                },
            ],
        );
        let html = w.take();
        assert!(html.contains("<caption>LPT governance table</caption>"));
        assert!(html.contains(
            "<th scope=\"row\">Paper sponsored by:</th><td class=\"gov-text\">Chief Executives &amp; &lt;co&gt;</td>"
        ));
        assert!(html.contains("<caption>STEP up to GREAT strategic alignment</caption>"));
        assert!(html.contains("High Standards</th><td class=\"tick\"><span aria-hidden=\"true\">X</span><span class=\"visually-hidden\">Aligned</span>"));
        assert!(html.contains("</table>\n</div>\n<p class=\"gov-note\">* Alignment note</p>"));
        assert!(html.contains("Environments</th><td class=\"tick\"><span class=\"visually-hidden\">Not aligned</span>"));
    }
}
