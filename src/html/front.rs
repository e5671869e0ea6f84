//! The front sheet after the title: the trust's sections in its order with
//! its headings (by default Purpose of the report, Analysis of the issue,
//! Proposal, Decision required, the governance table and the list of
//! appendices, as the real papers lay them out).

use super::writer::Writer;
use crate::document::{Document, SectionContent};

impl Writer {
    /// Writes the whole front sheet of `doc` (the header is the template's):
    /// the trust's sections in its order, with its headings.
    pub(crate) fn front_sheet(&mut self, doc: &Document) {
        let front = &doc.front;
        for s in &front.sections {
            match &s.content {
                SectionContent::Entries(entries) => self.entries(&s.key, &s.heading, entries),
                SectionContent::Markdown(blocks) if !blocks.is_empty() => {
                    self.front_heading(&s.key, &s.heading);
                    self.blocks(blocks);
                }
                SectionContent::Markdown(_) => {}
                SectionContent::Decisions => {
                    self.decisions(&s.key, &s.heading, &front.decision_lead, &front.decisions)
                }
                SectionContent::Governance if !front.governance_tables.is_empty() => {
                    for table in &front.governance_tables {
                        self.gov_table(table);
                    }
                }
                SectionContent::Governance => {
                    self.governance(&doc.meta.trust_short, &front.governance)
                }
                SectionContent::Appendices => self.appendix_list(&s.key, &s.heading, doc),
            }
        }
    }

    /// A section's heading; `heading: ""` gives the section none (never
    /// an empty heading).
    fn front_heading(&mut self, id: &str, heading: &str) {
        if !heading.trim().is_empty() {
            self.heading(2, Some(id), heading);
        }
    }

    /// A heading, then one paragraph, or a list when there is more than one entry.
    fn entries(&mut self, id: &str, heading: &str, entries: &[String]) {
        match entries {
            [] => {}
            [one] => {
                self.front_heading(id, heading);
                self.raw("<p>");
                self.text(one);
                self.raw("</p>\n");
            }
            many => {
                self.front_heading(id, heading);
                self.string_list(many);
            }
        }
    }

    fn string_list(&mut self, items: &[String]) {
        self.raw("<ul>\n");
        for item in items {
            self.raw("<li>");
            self.text(item);
            self.raw("</li>\n");
        }
        self.raw("</ul>\n");
    }

    fn decisions(&mut self, id: &str, heading: &str, lead: &str, decisions: &[String]) {
        if lead.trim().is_empty() && decisions.is_empty() {
            return;
        }
        self.front_heading(id, heading);
        if !lead.trim().is_empty() {
            self.raw("<p>");
            self.text(lead);
            self.raw("</p>\n");
        }
        match decisions {
            [] => {}
            // One recommendation, the lead joined to it: a sentence.
            [one] if lead.trim().is_empty() => {
                self.raw("<p>");
                self.text(one);
                self.raw("</p>\n");
            }
            many => self.string_list(many),
        }
    }

    /// "Appendices" with each appendix heading, linked when it is in the document.
    fn appendix_list(&mut self, id: &str, heading: &str, doc: &Document) {
        let listed = &doc.front.appendices;
        if listed.is_empty() {
            return;
        }
        self.front_heading(id, heading);
        self.raw("<ul>\n");
        for (i, label) in listed.iter().enumerate() {
            self.raw("<li>");
            match doc.appendices.get(i).filter(|a| !a.anchor.is_empty()) {
                Some(appendix) => {
                    self.raw("<a href=\"#");
                    self.text(&appendix.anchor);
                    self.raw("\">");
                    self.text(label);
                    self.raw("</a>");
                }
                None => self.text(label),
            }
            self.raw("</li>\n");
        }
        self.raw("</ul>\n");
    }
}
