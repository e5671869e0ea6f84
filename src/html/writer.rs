//! The state shared while one paper's HTML fragments are written: the output
//! buffer, the heading outline, and which footnotes have been referenced.
//!
//! The writing itself is split by concern: `inline.rs`, `block.rs`,
//! `table.rs`, `image.rs`, `front.rs`, `governance.rs`, `sections.rs`.

use std::collections::HashMap;

use super::escape::push_escaped;
use super::heading_levels::Outline;

/// Writes HTML for one document; every text piece goes through [`Writer::text`].
#[derive(Debug)]
pub(crate) struct Writer {
    pub(crate) out: String,
    pub(crate) outline: Outline,
    /// How many references to each footnote have been written so far.
    pub(crate) footnote_refs: HashMap<usize, usize>,
    /// Footnote numbers that exist (1..=n): only those become links.
    pub(crate) footnote_count: usize,
    /// Tables written so far, for default captions ("Table 2").
    pub(crate) tables: usize,
    /// Added to a body heading's level: 1 in the body (level 1 -> `h2`),
    /// 2 in appendices (under their own `h2`).
    pub(crate) heading_offset: u8,
    /// Governance tables written so far by trust, so each placed table
    /// gets its own id ("governance-nhft", "governance-nhft-2").
    pub(crate) gov_tables: HashMap<String, usize>,
    /// Lists and quotes open around what is being written: a table inside
    /// one never prints on a landscape page.
    pub(crate) nested: usize,
}

impl Writer {
    /// A writer for a document with `footnote_count` footnotes, after its `h1`.
    pub(crate) fn new(footnote_count: usize) -> Writer {
        Writer {
            out: String::new(),
            outline: Outline::after_title(),
            footnote_refs: HashMap::new(),
            footnote_count,
            tables: 0,
            heading_offset: 1,
            gov_tables: HashMap::new(),
            nested: 0,
        }
    }

    /// Appends escaped text.
    pub(crate) fn text(&mut self, text: &str) {
        push_escaped(&mut self.out, text);
    }

    /// Appends markup written by this module (never user text).
    pub(crate) fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Takes what has been written since the last call.
    pub(crate) fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// Writes `<hN id="anchor">text</hN>` at the outline's level for `wanted`.
    pub(crate) fn heading(&mut self, wanted: u8, anchor: Option<&str>, text: &str) {
        self.heading_with_notes(wanted, anchor, text, &[]);
    }

    /// A heading whose text is followed by footnote markers: the markers
    /// sit inside the element but outside its text (and so out of its id
    /// and the outline).
    pub(crate) fn heading_with_notes(
        &mut self,
        wanted: u8,
        anchor: Option<&str>,
        text: &str,
        notes: &[usize],
    ) {
        let level = self.outline.level(wanted);
        self.raw(&format!("<h{level}"));
        if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
            self.raw(" id=\"");
            self.text(anchor);
            self.raw("\"");
        }
        self.raw(">");
        self.text(text);
        for n in notes {
            self.footnote_ref(*n);
        }
        self.raw(&format!("</h{level}>\n"));
    }
}
