//! The front sheet, as the real papers lay it out: meeting line and agenda
//! item, the trust's header fields, title, subtitle, then the trust's
//! sections in its order with its headings (by default "Purpose of the
//! report", "Analysis of the issue", "Proposal", "Decision required", the
//! governance table, then the list of appendices).

use super::ctx::{Ctx, Frame};
use super::item::{Item, TextRun};
use super::tags::{Role, Tag};
use super::theme::{BODY_SIZE, MUTED, TEXT, TITLE_SIZE};
use crate::document::{
    Block, BlockKind, FrontSection, FrontSheet, Heading, Inline, List, ListStyle, Origin,
    SectionContent,
};
use crate::pdf::fonts::FontStyle;

impl Ctx<'_> {
    /// Lays out the front sheet from the top of the first page; `anchors`
    /// are the appendices' anchors, in order, which its list links to.
    pub(crate) fn front_sheet(
        &mut self,
        front: &FrontSheet,
        marking: Option<&str>,
        anchors: &[&str],
        frame: Frame,
    ) {
        if let Some(marking) = marking {
            let style = self.style(FontStyle::Bold, BODY_SIZE);
            self.text_paragraph(marking, &style, frame, 0.0);
            self.flow.keep_last_with_next();
        }
        self.meeting_line(front, frame);
        self.header_fields(front, false, frame);
        let title = self.style(FontStyle::Bold, TITLE_SIZE);
        let start = self.text_block(Role::H(1), &front.title, &title, frame, 14.0);
        self.target_at(
            start,
            "front-sheet",
            // The title itself is the body's bookmark: it shows once.
            Some((1, "Front sheet".to_string())),
        );
        if let Some(sub) = &front.subtitle {
            let style = super::measure::RunStyle::plain(FontStyle::Regular, 14.0, MUTED);
            self.text_paragraph(sub, &style, frame, 6.0);
        }
        self.header_fields(front, true, frame);
        for s in &front.sections {
            self.front_section(front, s, anchors, frame);
        }
    }

    /// One of the trust's sections, under its heading; skipped when empty.
    fn front_section(
        &mut self,
        front: &FrontSheet,
        s: &FrontSection,
        anchors: &[&str],
        frame: Frame,
    ) {
        let anchor = anchor(&s.key);
        let first = self.flow.next_index();
        self.front_content(front, s, &anchor, anchors, frame);
        // A section without a heading keeps a heading's distance from
        // what stands above it.
        if s.heading.trim().is_empty() {
            if let Some(c) = self.flow.chunks.get_mut(first) {
                c.space_before = c.space_before.max(10.0);
            }
        }
    }

    fn front_content(
        &mut self,
        front: &FrontSheet,
        s: &FrontSection,
        anchor: &str,
        anchors: &[&str],
        frame: Frame,
    ) {
        match &s.content {
            SectionContent::Entries(entries) => self.section(&s.heading, anchor, entries, frame),
            SectionContent::Markdown(blocks) if !blocks.is_empty() => {
                self.section_heading(&s.heading, anchor, frame);
                self.blocks(blocks, frame, 0.0);
            }
            SectionContent::Markdown(_) => {}
            SectionContent::Decisions => {
                self.section_heading(&s.heading, anchor, frame);
                let body = self.style(FontStyle::Regular, BODY_SIZE);
                if !front.decision_lead.is_empty() {
                    self.text_paragraph(&front.decision_lead, &body, frame, 0.0);
                    self.flow.keep_last_with_next();
                }
                // One recommendation is a sentence, several a list.
                let list = front.decisions.len() > 1 || !front.decision_lead.is_empty();
                self.entries(&front.decisions, frame, list);
            }
            // Several trusts' tables: each under its own heading.
            SectionContent::Governance if !front.governance_tables.is_empty() => {
                for table in &front.governance_tables {
                    self.gov_table(table, frame, 12.0);
                }
            }
            SectionContent::Governance if !front.governance.is_empty() => {
                self.section_heading(&s.heading, anchor, frame);
                self.governance(&front.governance, None, frame, 2.0);
                self.gov_note(crate::document::gov_note(&front.governance), frame);
            }
            SectionContent::Governance => {}
            SectionContent::Appendices if !front.appendices.is_empty() => {
                self.section_heading(&s.heading, anchor, frame);
                let body = self.style(FontStyle::Regular, BODY_SIZE);
                // A short list: kept whole, never split across pages.
                for (i, a) in front.appendices.iter().enumerate() {
                    if i > 0 {
                        self.flow.keep_last_with_next();
                    }
                    let space = if i == 0 { 0.0 } else { 2.0 };
                    // Each entry links to its appendix, as in the HTML.
                    match anchors.get(i).filter(|a| !a.is_empty()) {
                        Some(anchor) => {
                            let link = Inline::Link {
                                url: format!("#{anchor}"),
                                content: vec![Inline::Text(a.clone())],
                            };
                            let origin = Origin::default();
                            self.inline_block(Role::P, &[link], &body, &origin, frame, space);
                        }
                        None => {
                            self.text_paragraph(a, &body, frame, space);
                        }
                    }
                }
            }
            SectionContent::Appendices => {}
        }
    }

    /// The header lines above the title (under the meeting line) or,
    /// `below`, under the title and subtitle ("For: Information").
    fn header_fields(&mut self, front: &FrontSheet, below: bool, frame: Frame) {
        let style = self.style(FontStyle::Regular, BODY_SIZE);
        let lines = front.header.iter().filter(|f| f.below_title == below);
        for (i, field) in lines.enumerate() {
            let space = if below && i == 0 { 8.0 } else { 2.0 };
            self.text_paragraph(&field.line(), &style, frame, space);
        }
    }

    /// "Trust Public Board – 28 November 2023", with the agenda item at the right.
    fn meeting_line(&mut self, front: &FrontSheet, frame: Frame) {
        let style = self.style(FontStyle::Bold, BODY_SIZE);
        let agenda = front.agenda_item.as_deref().unwrap_or("");
        let agenda_w = self.width(FontStyle::Bold, BODY_SIZE, agenda);
        let room = if agenda.is_empty() {
            0.0
        } else {
            agenda_w + 24.0
        };
        let start = if front.meeting_line.is_empty() {
            self.text_paragraph(" ", &style, frame, 0.0)
        } else {
            self.text_paragraph(
                &front.meeting_line,
                &style,
                frame.inset(0.0, room.min(frame.w / 2.0)),
                0.0,
            )
        };
        if agenda.is_empty() {
            return;
        }
        if room > frame.w / 2.0 {
            self.text_paragraph(agenda, &style, frame, 2.0);
            return;
        }
        let tag = Tag::Struct(self.leaf(Role::P));
        if let Some(c) = self.flow.chunks.get_mut(start) {
            let y = c.first_baseline.unwrap_or(BODY_SIZE);
            c.items.push(
                Item::Text(TextRun {
                    x: frame.x + frame.w - agenda_w,
                    y,
                    font: FontStyle::Bold,
                    size: BODY_SIZE,
                    colour: TEXT,
                    text: agenda.to_string(),
                    width: agenda_w,
                })
                .tagged(tag),
            );
        }
    }

    /// A section's heading; `heading: ""` gives the section none (never
    /// an empty heading).
    fn section_heading(&mut self, title: &str, anchor: &str, frame: Frame) {
        if title.trim().is_empty() {
            return;
        }
        let h = Heading {
            level: 2,
            number: None,
            text: vec![Inline::Text(title.to_string())],
            anchor: anchor.to_string(),
        };
        self.heading(&h, &Origin::default(), frame, None);
    }

    /// A headed section of entries; skipped when there are none.
    fn section(&mut self, title: &str, anchor: &str, entries: &[String], frame: Frame) {
        if entries.is_empty() {
            return;
        }
        self.section_heading(title, anchor, frame);
        self.entries(entries, frame, false);
    }

    /// One entry as a paragraph, several (or `always_bullets`) as a bulleted list.
    fn entries(&mut self, entries: &[String], frame: Frame, always_bullets: bool) {
        if entries.len() == 1 && !always_bullets {
            let body = self.style(FontStyle::Regular, BODY_SIZE);
            self.text_paragraph(&entries[0], &body, frame, 0.0);
            return;
        }
        let list = List {
            style: ListStyle::Bullet,
            items: entries
                .iter()
                .map(|e| {
                    vec![Block {
                        kind: BlockKind::Paragraph(vec![Inline::Text(e.clone())]),
                        origin: Origin::default(),
                    }]
                })
                .collect(),
            tasks: Vec::new(),
        };
        self.list(&list, frame, 0.0, 0);
    }
}

/// The PDF anchor of a section: today's names for the standard ones.
fn anchor(key: &str) -> String {
    match key {
        "decision" => "decision-required".into(),
        "governance" => "governance-table".into(),
        "appendices" => "appendices-list".into(),
        other => other.to_owned(),
    }
}
