//! One trust's copy of one paper as a page: the fragments written from the
//! document tree (every text piece escaped once, in Rust) placed into the
//! `paper.html` template with the header facts as plain (autoescaped) values.

use serde::Serialize;

use super::templates::{Context, Templates};
use super::writer::Writer;
use super::TemplateError;
use crate::document::Document;

/// The trust, as `paper.html` sees it.
#[derive(Serialize)]
struct TrustFacts<'a> {
    id: &'a str,
    name: &'a str,
    short: &'a str,
}

/// HTML fragments of the page, in the order the outline is written.
struct Fragments {
    front_sheet: String,
    body: String,
    closing: String,
    signoff: String,
    appendices: String,
    footnotes: String,
}

fn fragments(doc: &Document) -> Fragments {
    let mut w = Writer::new(doc.footnotes.len());
    w.front_sheet(doc);
    let front_sheet = w.take();
    if doc.wants_contents() {
        w.contents(doc);
    }
    w.blocks(&doc.body);
    let body = w.take();
    w.closing(&doc.closing);
    let closing = w.take();
    if let Some(signoff) = &doc.signoff {
        w.signoff(signoff);
    }
    let signoff = w.take();
    w.appendices(&doc.appendices);
    let appendices = w.take();
    w.footnotes(&doc.footnotes);
    let footnotes = w.take();
    Fragments {
        front_sheet,
        body,
        closing,
        signoff,
        appendices,
        footnotes,
    }
}

/// The whole page for `doc`: one self-contained HTML file.
pub(crate) fn render_paper(t: &Templates, doc: &Document) -> Result<String, TemplateError> {
    let meta = &doc.meta;
    let front = &doc.front;
    let mut c = Context::new();
    c.insert("lang", &meta.lang);
    c.insert("accent", &meta.accent.hex());
    c.insert("alliance", &meta.alliance);
    c.insert("paper_id", &meta.paper_id);
    c.insert("confidential", &meta.confidential);
    c.insert("draft", &meta.draft);
    c.insert("marking", &meta.marking);
    c.insert("issuer", &meta.issuer);
    c.insert("kind", &front.kind);
    c.insert(
        "trust",
        &TrustFacts {
            id: &meta.trust_id,
            name: &meta.trust_name,
            short: &meta.trust_short,
        },
    );
    c.insert("title", &front.title);
    c.insert("subtitle", &front.subtitle);
    c.insert("meeting_line", &front.meeting_line);
    c.insert("agenda_item", &front.agenda_item);
    let lines = |below: bool| -> Vec<String> {
        front
            .header
            .iter()
            .filter(|h| h.below_title == below)
            .map(|h| h.line())
            .collect()
    };
    c.insert("header_fields", &lines(false));
    c.insert("header_fields_below", &lines(true));
    c.insert("version", &front.version);
    c.insert("date", &front.date);
    let f = fragments(doc);
    // Pre-escaped by `Writer`; the template marks them `safe`.
    c.insert("front_sheet", &f.front_sheet);
    c.insert("body", &f.body);
    c.insert("closing", &f.closing);
    c.insert("signoff", &f.signoff);
    c.insert("appendices", &f.appendices);
    c.insert("footnotes", &f.footnotes);
    c.insert(
        "print_header",
        &print_header(&meta.trust_short, &front.title),
    );
    t.render("paper.html", &mut c)
}

/// The running header of the printed page, as `@page` margin boxes: the
/// trust's short name at the left, the paper's title at the right.
fn print_header(trust: &str, title: &str) -> String {
    format!(
        "@media print {{ @page {{ @top-left {{ content: {}; font: bold 9pt Arial, Helvetica, sans-serif; color: #212b32; }} \
         @top-right {{ content: {}; font: 9pt Arial, Helvetica, sans-serif; color: #4c6272; }} }} }}",
        css_string(trust),
        css_string(title)
    )
}

/// `text` as a CSS string: quoted, every character but letters, digits,
/// spaces and plain punctuation written as a hex escape, so nothing in it
/// can end the string, the rule or the `<style>` element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() || " .,-_:()".contains(ch) {
            out.push(ch);
        } else {
            out.push_str(&format!("\\{:x} ", ch as u32));
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_escape_everything_that_could_break_out() {
        // The escape's terminating space, then the text's own space.
        assert_eq!(css_string("A & B"), "\"A \\26  B\"");
        let hostile = css_string("x\"; } </style><script>alert(1)</script>\\");
        assert!(!hostile[1..hostile.len() - 1].contains(['"', '<', '>', '}', ';']));
        assert_eq!(css_string("Café"), "\"Caf\\e9 \"");
    }

    #[test]
    fn the_print_header_names_trust_and_title_in_margin_boxes() {
        let css = print_header("LPT", "Strategy 2024");
        assert!(css.contains("@top-left { content: \"LPT\""));
        assert!(css.contains("@top-right { content: \"Strategy 2024\""));
    }
}
