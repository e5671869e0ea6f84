//! The contents list of a paper that has one (see
//! `Document::wants_contents`): a `<nav>` of links to the body's headings
//! down to the paper's `contents-depth`, the closing section and each
//! appendix. The HTML has no pages, so no page numbers.

use super::writer::Writer;
use crate::document::{BlockKind, Document};

impl Writer {
    /// `<nav class="contents">` with one link per heading, indented by level.
    pub(crate) fn contents(&mut self, doc: &Document) {
        let depth = doc.meta.contents_depth;
        let mut entries: Vec<(u8, String, String)> = doc
            .body
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Heading(h) if h.level <= depth => {
                    Some((h.level, h.display_text(), h.anchor.clone()))
                }
                _ => None,
            })
            .collect();
        let closing = &doc.closing;
        if !closing.items.is_empty() || !closing.lead.trim().is_empty() {
            let h = &closing.heading;
            entries.push((1, h.display_text(), h.anchor.clone()));
        }
        for a in &doc.appendices {
            let title = format!("Appendix {} – {}", a.letter, a.title);
            entries.push((1, title, a.anchor.clone()));
            // The appendix's own headings, nested under it.
            for b in &a.blocks {
                if let BlockKind::Heading(h) = &b.kind {
                    if h.level < depth {
                        entries.push((h.level + 1, h.display_text(), h.anchor.clone()));
                    }
                }
            }
        }
        self.raw("<nav class=\"contents\" aria-labelledby=\"contents\">\n");
        self.heading(2, Some("contents"), "Contents");
        self.raw("<ul>\n");
        for (level, text, anchor) in entries {
            self.raw(&format!("<li class=\"toc-{level}\"><a href=\"#"));
            self.text(&anchor);
            self.raw("\">");
            self.text(&text);
            self.raw("</a></li>\n");
        }
        self.raw("</ul>\n</nav>\n");
    }
}
