//! Inline content: text, emphasis, code, links (only safe schemes become
//! `href`), footnote references and line breaks.

use super::escape::safe_href;
use super::writer::Writer;
use crate::document::Inline;

impl Writer {
    /// Writes a run of inlines.
    pub(crate) fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            self.inline(inline);
        }
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(t) => self.text(t),
            Inline::Strong(c) => self.wrapped("strong", c),
            Inline::Emph(c) => self.wrapped("em", c),
            Inline::Strike(c) => self.wrapped("del", c),
            Inline::Code(t) => {
                self.raw("<code>");
                self.text(t);
                self.raw("</code>");
            }
            Inline::Link { url, content } => self.link(url, content),
            Inline::FootnoteRef(n) => self.footnote_ref(*n),
            Inline::Break => self.raw("<br>\n"),
        }
    }

    fn wrapped(&mut self, tag: &str, content: &[Inline]) {
        self.raw(&format!("<{tag}>"));
        self.inlines(content);
        self.raw(&format!("</{tag}>"));
    }

    /// A link when the URL is safe; otherwise its text only, never an `href`.
    fn link(&mut self, url: &str, content: &[Inline]) {
        let Some(href) = safe_href(url) else {
            if content.is_empty() {
                self.text(url);
            } else {
                self.inlines(content);
            }
            return;
        };
        self.raw("<a href=\"");
        self.text(&href);
        self.raw("\">");
        if content.is_empty() {
            self.text(&href);
        } else {
            self.inlines(content);
        }
        self.raw("</a>");
    }

    /// `<sup><a href="#fn-N" id="fnref-N">N</a></sup>`; a second reference to
    /// the same footnote gets `id="fnref-N-2"` so ids stay unique.
    pub(crate) fn footnote_ref(&mut self, n: usize) {
        if n == 0 || n > self.footnote_count {
            self.raw(&format!("<sup>{n}</sup>"));
            return;
        }
        let count = self.footnote_refs.entry(n).or_insert(0);
        *count += 1;
        let id = match *count {
            1 => format!("fnref-{n}"),
            k => format!("fnref-{n}-{k}"),
        };
        self.raw(&format!(
            "<sup class=\"fnref\"><a href=\"#fn-{n}\" id=\"{id}\" aria-label=\"Footnote {n}\">{n}</a></sup>"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(inlines: &[Inline]) -> String {
        let mut w = Writer::new(1);
        w.inlines(inlines);
        w.take()
    }

    fn text(t: &str) -> Inline {
        Inline::Text(t.to_string())
    }

    #[test]
    fn formats_and_escapes() {
        let html = render(&[
            Inline::Strong(vec![text("A & B")]),
            Inline::Emph(vec![text("<i>")]),
            Inline::Strike(vec![text("old")]),
            Inline::Code("x<y".into()),
            Inline::Break,
        ]);
        assert_eq!(
            html,
            "<strong>A &amp; B</strong><em>&lt;i&gt;</em><del>old</del><code>x&lt;y</code><br>\n"
        );
    }

    #[test]
    fn unsafe_links_are_text() {
        let html = render(&[Inline::Link {
            url: "javascript:alert(1)".into(),
            content: vec![text("click")],
        }]);
        assert_eq!(html, "click");
    }

    #[test]
    fn safe_link_href_is_escaped() {
        let html = render(&[Inline::Link {
            url: "https://x.org/?a=1&b=\"2\"".into(),
            content: vec![],
        }]);
        assert!(html.starts_with("<a href=\"https://x.org/?a=1&amp;b=&quot;2&quot;\">"));
    }

    #[test]
    fn repeated_footnote_refs_get_unique_ids() {
        let html = render(&[
            Inline::FootnoteRef(1),
            Inline::FootnoteRef(1),
            Inline::FootnoteRef(7),
        ]);
        assert!(html.contains("id=\"fnref-1\""));
        assert!(html.contains("id=\"fnref-1-2\""));
        assert!(html.ends_with("<sup>7</sup>"));
    }
}
