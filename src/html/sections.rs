//! The parts after the body: the closing "Actions and recommendations"
//! (numbered I, II, III ...), the sign-off, the appendices (each its own
//! `<section>`, "Appendix A – <title>") and the footnotes with back-links.

use super::writer::Writer;
use crate::document::{Appendix, Block, BlockKind, Closing, Footnote, Signoff};

impl Writer {
    /// "11. Actions and recommendations", its lead and an `<ol type="I">`.
    pub(crate) fn closing(&mut self, closing: &Closing) {
        if closing.items.is_empty() && closing.lead.trim().is_empty() {
            return;
        }
        self.raw("<section class=\"closing\">\n");
        self.body_heading(&closing.heading);
        if !closing.lead.trim().is_empty() {
            self.raw("<p>");
            self.text(&closing.lead);
            self.raw("</p>\n");
        }
        self.raw("<ol type=\"I\" class=\"roman\">\n");
        for (_numeral, text) in &closing.items {
            // The browser writes I, II, III ... from `type="I"`, in the same
            // order the numerals were assigned.
            self.raw("<li>");
            self.text(text);
            self.raw("</li>\n");
        }
        self.raw("</ol>\n</section>\n");
    }

    /// The name (bold) and date under the body.
    pub(crate) fn signoff(&mut self, signoff: &Signoff) {
        self.raw("<p class=\"signoff\"><strong>");
        self.text(&signoff.name);
        self.raw("</strong>");
        if let Some(date) = signoff.date.as_deref().filter(|d| !d.is_empty()) {
            self.raw("<br>\n");
            self.text(date);
        }
        self.raw("</p>\n");
    }

    /// Each appendix in a `<section>`; its headings sit below its `h2`.
    pub(crate) fn appendices(&mut self, appendices: &[Appendix]) {
        for appendix in appendices {
            self.raw("<section class=\"appendix\">\n");
            let heading = format!("Appendix {} – {}", appendix.letter, appendix.title);
            self.heading(2, Some(&appendix.anchor), &heading);
            self.heading_offset = 2;
            self.blocks(&appendix.blocks);
            self.heading_offset = 1;
            self.raw("</section>\n");
        }
    }

    /// `<section class="footnotes">` with an `<ol>` and a back-link in each note.
    pub(crate) fn footnotes(&mut self, footnotes: &[Footnote]) {
        if footnotes.is_empty() {
            return;
        }
        self.raw("<section class=\"footnotes\">\n");
        self.heading(2, Some("footnotes"), "Notes");
        self.raw("<ol>\n");
        self.heading_offset = 2;
        for note in footnotes {
            self.raw(&format!("<li id=\"fn-{}\">", note.number));
            self.footnote_body(note);
            self.raw("</li>\n");
        }
        self.heading_offset = 1;
        self.raw("</ol>\n</section>\n");
    }

    /// The note's blocks, the back-link inside its last paragraph when it ends with one.
    fn footnote_body(&mut self, note: &Footnote) {
        let backref = format!(
            " <a href=\"#fnref-{n}\" class=\"backref\" aria-label=\"Back to reference {n}\">↩</a>",
            n = note.number
        );
        match note.blocks.split_last() {
            Some((
                Block {
                    kind: BlockKind::Paragraph(last),
                    ..
                },
                before,
            )) => {
                self.blocks(before);
                self.raw("<p>");
                self.inlines(last);
                self.raw(&backref);
                self.raw("</p>\n");
            }
            _ => {
                self.blocks(&note.blocks);
                self.raw(&backref);
            }
        }
    }
}
