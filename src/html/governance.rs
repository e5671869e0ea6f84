//! The trust's governance table: one row per governance key, label as a row
//! header, and the strategic-alignment row holding a nested table that lists
//! every framework item, ticked ones marked with a visible ✓ and, for screen
//! readers, "Aligned" / "Not aligned".

use super::writer::Writer;
use crate::doc::{AlignmentItem, GovRow, GovValue};

impl Writer {
    /// Writes the governance table with the caption "LPT governance table".
    pub(crate) fn governance(&mut self, trust_short: &str, rows: &[GovRow]) {
        if rows.is_empty() {
            return;
        }
        let caption = if trust_short.trim().is_empty() {
            "Governance table".to_string()
        } else {
            format!("{trust_short} governance table")
        };
        self.open_table_wrap(&caption);
        self.raw("<table class=\"governance\" id=\"governance\">\n<caption>");
        self.text(&caption);
        self.raw("</caption>\n<tbody>\n");
        for row in rows {
            self.raw("<tr><th scope=\"row\">");
            self.text(&row.label);
            match &row.value {
                GovValue::Text(value) => {
                    self.raw("</th><td class=\"gov-text\">");
                    self.text(value);
                }
                GovValue::Alignment(items) => {
                    self.raw("</th><td>");
                    self.alignment(&row.label, items);
                }
            }
            self.raw("</td></tr>\n");
        }
        self.raw("</tbody>\n</table>\n</div>\n");
    }

    /// The nested "Item | Aligned" table; `title` is the framework's title.
    fn alignment(&mut self, title: &str, items: &[AlignmentItem]) {
        let title = title.trim_end_matches([':', '*', ' ']);
        self.raw("<table class=\"alignment\">\n<caption>");
        self.text(title);
        self.raw("</caption>\n<thead>\n<tr><th scope=\"col\">Item</th><th scope=\"col\">Aligned</th></tr>\n</thead>\n<tbody>\n");
        for item in items {
            self.raw("<tr><th scope=\"row\">");
            self.text(&item.label);
            if item.ticked {
                self.raw("</th><td class=\"tick\"><span aria-hidden=\"true\">✓</span><span class=\"visually-hidden\">Aligned</span></td></tr>\n");
            } else {
                self.raw("</th><td class=\"tick\"><span class=\"visually-hidden\">Not aligned</span></td></tr>\n");
            }
        }
        self.raw("</tbody>\n</table>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                    value: GovValue::Alignment(vec![
                        AlignmentItem {
                            label: "High Standards".into(),
                            ticked: true,
                        },
                        AlignmentItem {
                            label: "Environments".into(),
                            ticked: false,
                        },
                    ]),
                },
            ],
        );
        let html = w.take();
        assert!(html.contains("<caption>LPT governance table</caption>"));
        assert!(html.contains(
            "<th scope=\"row\">Paper sponsored by:</th><td class=\"gov-text\">Chief Executives &amp; &lt;co&gt;</td>"
        ));
        assert!(html.contains("<caption>STEP up to GREAT strategic alignment</caption>"));
        assert!(html.contains("High Standards</th><td class=\"tick\"><span aria-hidden=\"true\">✓</span><span class=\"visually-hidden\">Aligned</span>"));
        assert!(html.contains("Environments</th><td class=\"tick\"><span class=\"visually-hidden\">Not aligned</span>"));
    }
}
