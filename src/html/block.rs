//! Block content: headings (numbered, anchored, levels clamped), paragraphs,
//! lists, quotes, recommendation callouts, code and rules. Tables and images
//! have their own files.

use super::writer::Writer;
use crate::document::{Block, BlockKind, Callout, Heading, List, ListStyle};

impl Writer {
    /// Writes blocks in order.
    pub(crate) fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.block(&block.kind);
        }
    }

    fn block(&mut self, kind: &BlockKind) {
        match kind {
            BlockKind::Heading(h) => self.body_heading(h),
            BlockKind::Paragraph(inlines) => {
                self.raw("<p>");
                self.inlines(inlines);
                self.raw("</p>\n");
            }
            BlockKind::List(list) => self.list(list),
            BlockKind::Quote(blocks) => {
                self.raw("<blockquote>\n");
                self.nested += 1;
                self.blocks(blocks);
                self.nested -= 1;
                self.raw("</blockquote>\n");
            }
            BlockKind::Table(table) => self.table(table),
            BlockKind::Callout(callout) => self.callout(callout),
            BlockKind::Governance(table) => self.gov_table(table),
            BlockKind::Image(image) => self.image(image),
            BlockKind::Code(code) => {
                self.raw("<pre><code>");
                self.text(code);
                self.raw("</code></pre>\n");
            }
            BlockKind::Rule => self.raw("<hr>\n"),
            BlockKind::PageBreak => self.raw("<div class=\"page-break\"></div>\n"),
        }
    }

    /// "3.1 Agreeing a vision" with `id` = the heading's anchor.
    pub(crate) fn body_heading(&mut self, h: &Heading) {
        let wanted = h.level.saturating_add(self.heading_offset);
        let notes = crate::document::footnote_refs(&h.text);
        self.heading_with_notes(wanted, Some(&h.anchor), &h.display_text(), &notes);
    }

    /// A list; one with task items (`- [x]`) is a `tasks` list whose items
    /// show a mark hidden from screen readers and say "Done:" or "Not
    /// done:" in visually hidden text instead.
    fn list(&mut self, list: &List) {
        let class = if list.tasks.iter().any(Option::is_some) {
            " class=\"tasks\""
        } else {
            ""
        };
        let (open, close) = match list.style {
            ListStyle::Bullet => (format!("<ul{class}>"), "</ul>"),
            ListStyle::Decimal(1) => (format!("<ol{class}>"), "</ol>"),
            ListStyle::Decimal(n) => (format!("<ol{class} start=\"{n}\">"), "</ol>"),
        };
        self.raw(&open);
        self.raw("\n");
        for (i, item) in list.items.iter().enumerate() {
            match list.task(i) {
                Some(done) => {
                    let (mark, said) = crate::document::task_mark(done);
                    let state = if done { "task done" } else { "task" };
                    self.raw(&format!(
                        "<li class=\"{state}\"><span class=\"task-mark\" aria-hidden=\"true\">{mark}</span><span class=\"visually-hidden\">{said}: </span>"
                    ));
                }
                None => self.raw("<li>"),
            }
            self.nested += 1;
            self.list_item(item);
            self.nested -= 1;
            self.raw("</li>\n");
        }
        self.raw(close);
        self.raw("\n");
    }

    /// A list item whose only block is a paragraph is written without `<p>`.
    fn list_item(&mut self, blocks: &[Block]) {
        match blocks {
            [Block {
                kind: BlockKind::Paragraph(inlines),
                ..
            }] => self.inlines(inlines),
            _ => self.blocks(blocks),
        }
    }

    /// "**Action and recommendation 1 –** The Boards ... are asked to ..."
    fn callout(&mut self, callout: &Callout) {
        self.raw("<div class=\"callout\" role=\"note\">\n<p><strong>");
        self.text(&callout.label);
        self.raw(" – </strong>");
        self.text(&callout.text);
        self.raw("</p>\n</div>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Inline, Origin};

    fn block(kind: BlockKind) -> Block {
        Block {
            kind,
            origin: Origin::default(),
        }
    }

    fn para(t: &str) -> Block {
        block(BlockKind::Paragraph(vec![Inline::Text(t.into())]))
    }

    #[test]
    fn lists_by_style() {
        let mut w = Writer::new(0);
        for style in [ListStyle::Bullet, ListStyle::Decimal(3)] {
            w.list(&List {
                style,
                items: vec![vec![para("a")]],
                tasks: Vec::new(),
            });
        }
        let html = w.take();
        assert!(html.contains("<ul>\n<li>a</li>"));
        assert!(html.contains("<ol start=\"3\">"));
    }

    #[test]
    fn task_items_show_a_mark_and_say_their_state() {
        let mut w = Writer::new(0);
        w.list(&List {
            style: ListStyle::Bullet,
            items: vec![vec![para("a")], vec![para("b")], vec![para("c")]],
            tasks: vec![Some(true), None, Some(false)],
        });
        assert_eq!(
            w.take(),
            "<ul class=\"tasks\">\n\
             <li class=\"task done\"><span class=\"task-mark\" aria-hidden=\"true\">\u{2713}</span><span class=\"visually-hidden\">Done: </span>a</li>\n\
             <li>b</li>\n\
             <li class=\"task\"><span class=\"task-mark\" aria-hidden=\"true\">\u{2717}</span><span class=\"visually-hidden\">Not done: </span>c</li>\n\
             </ul>\n"
        );
    }

    #[test]
    fn numbered_heading_with_anchor() {
        let mut w = Writer::new(0);
        w.body_heading(&Heading {
            level: 2,
            number: Some("3.1".into()),
            text: vec![Inline::Text("Vision & values".into())],
            anchor: "s3-1-vision".into(),
        });
        // level 2 after the title would skip h2, so it is clamped to h2.
        assert_eq!(
            w.take(),
            "<h2 id=\"s3-1-vision\">3.1 Vision &amp; values</h2>\n"
        );
    }

    #[test]
    fn callout_has_bold_label() {
        let mut w = Writer::new(0);
        w.block(&BlockKind::Callout(Callout {
            number: 1,
            label: "Action and recommendation 1".into(),
            text: "Approve <this>".into(),
        }));
        let html = w.take();
        assert!(
            html.contains("<strong>Action and recommendation 1 – </strong>Approve &lt;this&gt;")
        );
    }
}
