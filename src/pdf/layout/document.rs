//! The order of a whole paper: front sheet; the contents page when the
//! paper has one; the body on a new page under a
//! title/version/date block; the closing "Actions and recommendations"
//! (roman items, hanging indent); the sign-off; the footnotes, for the
//! foot of their pages (`footnotes`) or, as a project option, collected
//! under "Notes" at the end of the paper proper; then each appendix on a
//! new page.

use super::contents::{self, Entry, NumberSlot};
use super::ctx::{Ctx, Frame};
use super::item::Item;
use super::measure::RunStyle;
use super::tags::{Role, Tag};
use super::theme::{ASCENT, BODY_SIZE, DESCENT, MUTED, PARA_GAP};
use crate::document::{
    Appendix, Closing, Document, Footnote, Heading, Inline, NotePlacement, Origin, Signoff,
};
use crate::pdf::fonts::FontStyle;

/// A paper's contents page, as one layout lays it out.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Contents<'e> {
    None,
    /// These entries, their pages found by an earlier pass.
    Given(&'e [Entry]),
    /// The headings laid out after it, down to this level, numbered once
    /// the pages are known (see [`Ctx::renumber`]).
    Listed(u8),
}

/// How far a layout had got: chunks, elements and missing glyphs made.
#[derive(Debug, Clone, Copy)]
struct Mark {
    chunks: usize,
    nodes: usize,
    missing: usize,
}

impl Ctx<'_> {
    /// Lays out the whole document into the flow; with a listed contents
    /// page, returns its entries (on page 0) and where their numbers are.
    pub(crate) fn document(
        &mut self,
        doc: &Document,
        contents: Contents,
    ) -> Vec<(Entry, NumberSlot)> {
        let (x, w) = self.geometry.body_frame();
        let frame = Frame { x, w };
        self.within(Role::Sect, |ctx| {
            let anchors: Vec<&str> = doc.appendices.iter().map(|a| a.anchor.as_str()).collect();
            ctx.front_sheet(&doc.front, doc.meta.marking.as_deref(), &anchors, frame)
        });
        let after_front = Mark {
            chunks: self.flow.next_index(),
            nodes: self.tree.len(),
            missing: self.missing.len(),
        };
        if let Contents::Given(entries) = contents {
            self.within(Role::Sect, |ctx| ctx.contents(entries, frame));
        }
        self.within(Role::Sect, |ctx| {
            let start = ctx.flow.next_index();
            ctx.body_title(doc, frame);
            ctx.heading_shift = 1;
            ctx.blocks(&doc.body, frame, PARA_GAP);
            ctx.closing(&doc.closing, frame);
            if let Some(s) = &doc.signoff {
                ctx.signoff(s, frame);
            }
            ctx.heading_shift = 0;
            // The body starts a page, its bookmark (the title's) at its top.
            if start == ctx.flow.next_index() {
                return;
            }
            // After a front sheet that spills, it runs on on the spill page
            // (not after a contents page, whose numbers would move).
            if let Some(c) = ctx.flow.chunks.get_mut(start) {
                c.page_break_before = true;
                c.break_soft = matches!(contents, Contents::None);
            }
            ctx.target_at(start, "paper", Some((1, doc.front.title.clone())));
        });
        if doc.meta.notes == NotePlacement::End && !doc.footnotes.is_empty() {
            self.within(Role::Sect, |ctx| ctx.notes(&doc.footnotes, frame));
        }
        // A paper that is only its cover and appendices (no body, closing
        // or sign-off) runs its first appendix on under the title rather
        // than leave the title alone on a page.
        let bare = doc.body.is_empty()
            && doc.closing.items.is_empty()
            && doc.signoff.is_none()
            && doc.footnotes.is_empty();
        for (i, a) in doc.appendices.iter().enumerate() {
            let new_page = !(bare && i == 0);
            self.within(Role::Sect, |ctx| ctx.appendix(a, frame, new_page));
        }
        let listed = match contents {
            Contents::Listed(depth) => self.contents_before(after_front, depth, frame),
            _ => Vec::new(),
        };
        // Notes for the foot of their pages are read after every part that
        // may refer to them (an appendix too), so that on each page the
        // notes at its foot come after its content in the tag tree.
        let mut foot_notes = Vec::new();
        if doc.meta.notes == NotePlacement::Foot {
            foot_notes = self.foot_notes(&doc.footnotes, frame);
        }
        let notes_end = self.flow.next_index();
        self.link_elements();
        self.mark_references();
        self.take_notes(&foot_notes, notes_end);
        listed
    }

    /// Lays out the contents page of the headings laid out so far (each
    /// numbered 0 for now) and moves it back to `at`, as if it had been
    /// laid out there: its chunks, its elements and its missing glyphs.
    /// The body after it starts a page, so nothing else moves.
    fn contents_before(&mut self, at: Mark, depth: u8, frame: Frame) -> Vec<(Entry, NumberSlot)> {
        let entries = contents::entries_in(&self.flow.chunks, depth);
        let rest = std::mem::take(&mut self.flow);
        let (from, missing) = (self.tree.len(), self.missing.len());
        let shift = std::mem::replace(&mut self.heading_shift, 0);
        let slots = self.within(Role::Sect, |ctx| ctx.contents(&entries, frame));
        self.heading_shift = shift;
        let mut laid = std::mem::replace(&mut self.flow, rest);
        let moved = self.tree.move_tail(from, at.nodes);
        self.flow.renumber(&moved);
        laid.renumber(&moved);
        self.flow.splice(at.chunks, laid);
        let added = self.missing.len() - missing;
        self.missing[at.missing..].rotate_right(added);
        let slots = slots.into_iter().map(|mut s| {
            s.chunk = s.chunk.saturating_add(at.chunks);
            s
        });
        entries.into_iter().zip(slots).collect()
    }

    /// The title (unless the trust's covers leave it to the front sheet),
    /// then "Common Board paper / Draft v2 / November 2023".
    fn body_title(&mut self, doc: &Document, frame: Frame) {
        if doc.meta.body_title {
            let title = self.style(FontStyle::Bold, 16.0);
            self.text_block(Role::H(1), &doc.front.title, &title, frame, 0.0);
            self.flow.keep_last_with_next();
        }
        let sub = RunStyle::plain(FontStyle::Regular, BODY_SIZE, MUTED);
        let lines = [&doc.front.kind, &doc.front.version, &doc.front.date];
        for line in lines.into_iter().flatten() {
            self.text_paragraph(line, &sub, frame, 2.0);
            self.flow.keep_last_with_next();
        }
    }

    fn closing(&mut self, closing: &Closing, frame: Frame) {
        if closing.items.is_empty() && closing.lead.is_empty() {
            return;
        }
        self.heading(&closing.heading, &Origin::default(), frame, None);
        let body = self.style(FontStyle::Regular, BODY_SIZE);
        if !closing.lead.is_empty() {
            self.text_paragraph(&closing.lead, &body, frame, 0.0);
            self.flow.keep_last_with_next();
        }
        let markers: Vec<String> = closing.items.iter().map(|(n, _)| format!("{n}.")).collect();
        let widest = markers
            .iter()
            .map(|m| self.width(FontStyle::Regular, BODY_SIZE, m))
            .fold(0.0, f32::max);
        let indent = (widest + 10.0).max(28.0);
        self.open(Role::L);
        for (i, ((_, text), mark)) in closing.items.iter().zip(&markers).enumerate() {
            let space = if i == 0 { PARA_GAP } else { 4.0 };
            self.open(Role::LI);
            let label = Tag::Struct(self.leaf(Role::Lbl));
            let start = self.within(Role::LBody, |ctx| {
                ctx.text_paragraph(text, &body, frame.inset(indent, 0.0), space)
            });
            self.close();
            let mw = self.width(FontStyle::Regular, BODY_SIZE, mark);
            self.marker_at(start, mark, frame.x + 4.0, mw, label);
        }
        self.close();
    }

    fn signoff(&mut self, s: &Signoff, frame: Frame) {
        let bold = self.style(FontStyle::Bold, BODY_SIZE);
        self.text_paragraph(&s.name, &bold, frame, 24.0);
        if let Some(date) = &s.date {
            self.flow.keep_last_with_next();
            let body = self.style(FontStyle::Regular, BODY_SIZE);
            self.text_paragraph(date, &body, frame, 2.0);
        }
    }

    /// Footnotes under "Notes", each numbered with a hanging indent and a
    /// link target `#fn-N` for its references.
    fn notes(&mut self, notes: &[Footnote], frame: Frame) {
        if notes.is_empty() {
            return;
        }
        let h = Heading {
            level: 1,
            number: None,
            text: vec![Inline::Text("Notes".into())],
            anchor: "notes".into(),
        };
        self.heading(&h, &Origin::default(), frame, None);
        for (i, n) in notes.iter().enumerate() {
            let start = self.flow.next_index();
            let space = if i == 0 { 0.0 } else { 4.0 };
            self.open(Role::Note);
            let label = Tag::Struct(self.leaf(Role::Lbl));
            self.blocks(&n.blocks, frame.inset(24.0, 0.0), space);
            let mark = format!("{}.", n.number);
            let mw = self.width(FontStyle::Regular, BODY_SIZE, &mark);
            self.marker_at(start, &mark, frame.x, mw, label);
            self.back_link(start, n.number, frame.x, mw, label);
            self.target_at(start, &format!("fn-{}", n.number), None);
            self.close();
        }
    }

    /// Makes note `number`'s label (drawn first in chunk `index`) a link
    /// back to its first reference, `#fnref-N`, as the HTML's back link.
    fn back_link(&mut self, index: usize, number: usize, x: f32, width: f32, label: Tag) {
        let Some(c) = self.flow.chunks.get_mut(index) else {
            return;
        };
        let y = c.first_baseline.unwrap_or(ASCENT * BODY_SIZE) - ASCENT * BODY_SIZE;
        let link = Item::Link {
            x,
            y,
            w: width,
            h: (ASCENT + DESCENT) * BODY_SIZE,
            url: format!("#fnref-{number}"),
        };
        // Before the label's text, which `link_elements` then moves into
        // the link's element.
        c.items.insert(0, link.tagged(label));
    }

    fn appendix(&mut self, a: &Appendix, frame: Frame, new_page: bool) {
        let title = format!("Appendix {} \u{2013} {}", a.letter, a.title);
        let h = Heading {
            level: 1,
            number: None,
            text: vec![Inline::Text(title.clone())],
            anchor: a.anchor.clone(),
        };
        let start = self.flow.next_index();
        self.heading(&h, &Origin::default(), frame, Some(title));
        if let Some(c) = self.flow.chunks.get_mut(start) {
            c.page_break_before = new_page;
            if !new_page {
                c.space_before = 18.0;
            }
        }
        // The appendix's own headings nest under its title.
        self.heading_shift = 1;
        self.blocks(&a.blocks, frame, PARA_GAP);
        self.heading_shift = 0;
    }
}
