//! The cover sheet: the table of "label | value" rows many Word papers
//! open with, mapped onto the front matter.
//!
//! The first table before the first heading is the cover sheet. Each row's
//! label is compared, case- and punctuation-insensitively, with what the
//! receiving trusts' loaded files spell (their governance row labels and
//! keys, the alignment row's label, front-sheet header fields and section
//! headings, framework item labels) and with the front sheet's standard
//! places (Purpose, Analysis, Proposal, Recommendations / Decision
//! required, Title). A row that matches fills that place; a ticked row (☒,
//! ☑, ✓, ✔, X or Yes in a later cell, or a tick before or after the name
//! in the alignment row's cell) naming a framework item ticks it for that
//! trust (`alignment`), and the alliance objectives it implies become the
//! paper's `objectives`, as does a ticked alliance objective. A row that
//! matches nothing stays in the body, where the table stood, as a
//! paragraph "**label** value", and is reported with the nearest label as
//! a hint.

use std::collections::BTreeMap;

use super::model::{plain, Block, Cell, Inline, Table};
use crate::check::governance::{ALIGNMENT, DATE_KEYS};
use crate::check::model::HeaderLine;
use crate::check::{Model, Trust};
use crate::project::Piece;

/// What a cover row can fill.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Gov(String),
    Alignment,
    Field(String),
    Section(String),
    Purpose,
    Analysis,
    Proposal,
    Decision,
    Title,
    Subtitle,
    Item(String, String),
    Objective(String),
}

/// The front matter the cover sheet gives.
#[derive(Debug, Default)]
pub(crate) struct Cover {
    pub(crate) title: Option<String>,
    pub(crate) subtitle: Option<String>,
    pub(crate) purpose: Vec<String>,
    pub(crate) analysis: Vec<String>,
    pub(crate) proposal: Vec<String>,
    pub(crate) decision_lead: Option<String>,
    pub(crate) recommendations: Vec<String>,
    /// A recommendation's own callout lead-in, by its index.
    pub(crate) leads: BTreeMap<usize, String>,
    /// Whether the paper keeps boardpaper's closing section (its document
    /// had one that lists the recommendations).
    pub(crate) closing: bool,
    pub(crate) kind: Option<String>,
    /// The trusts whose tables the cover shows by their headings.
    pub(crate) governance_tables: Vec<String>,
    pub(crate) version: Option<String>,
    /// The paper's date, `YYYY-MM-DD`, and who signs it off.
    pub(crate) date: Option<String>,
    pub(crate) signoff: Option<String>,
    pub(crate) governance: BTreeMap<String, String>,
    pub(crate) fields: BTreeMap<String, String>,
    pub(crate) sections: BTreeMap<String, String>,
    pub(crate) objectives: Vec<String>,
    pub(crate) alignment: BTreeMap<String, Vec<String>>,
    /// (paragraph, message, hint) for each row not carried as asked.
    pub(crate) reports: Vec<(usize, String, Option<String>)>,
}

/// Lower case, punctuation and asterisks gone, white space single.
pub(crate) fn norm(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every label a row may carry, normalised, with what it fills and the
/// label as a trust spells it (for hints).
fn targets(model: &Model, trusts: &[&Trust]) -> Vec<(String, String, Target)> {
    let mut t: Vec<(String, String, Target)> = Vec::new();
    let mut add = |label: &str, target: Target| {
        let n = norm(label);
        if !n.is_empty() && !t.iter().any(|(k, _, x)| *k == n && *x == target) {
            t.push((n, label.to_owned(), target));
        }
    };
    for (label, target) in [
        ("Purpose", Target::Purpose),
        ("Purpose of the report", Target::Purpose),
        ("Analysis", Target::Analysis),
        ("Analysis of the issue", Target::Analysis),
        ("Proposal", Target::Proposal),
        ("Recommendation", Target::Decision),
        ("Recommendations", Target::Decision),
        ("Decision required", Target::Decision),
        ("Action required", Target::Decision),
        ("Title", Target::Title),
        ("Report title", Target::Title),
        ("Paper title", Target::Title),
        ("Subtitle", Target::Subtitle),
    ] {
        add(label, target);
    }
    for tr in trusts {
        for r in &tr.rows {
            if r.key == ALIGNMENT {
                add(&tr.alignment.label, Target::Alignment);
            } else {
                add(&r.label, Target::Gov(r.key.clone()));
                add(&r.key.replace('-', " "), Target::Gov(r.key.clone()));
            }
        }
        for line in &tr.header {
            for (key, label) in header_labels(line) {
                add(&label, Target::Field(key.to_owned()));
            }
        }
        for (key, heading) in &tr.sections {
            let target = match key.as_str() {
                "purpose" => Target::Purpose,
                "analysis" => Target::Analysis,
                "proposal" => Target::Proposal,
                "decision" => Target::Decision,
                "governance" | "appendices" => continue,
                k => Target::Section(k.to_owned()),
            };
            add(heading, target);
        }
        for item in &tr.items {
            add(&item.label, Target::Item(tr.id.clone(), item.id.clone()));
        }
    }
    for (id, label) in &model.objectives {
        add(label, Target::Objective(id.clone()));
    }
    t
}

/// The fields of one of a trust's cover header lines, each with the label
/// the line prints before it ("Report to: {report-to}" gives `report-to`
/// labelled "Report to"), or its key in words where none does.
fn header_labels(line: &HeaderLine) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let mut before: Option<&str> = None;
    for piece in &line.pieces {
        match piece {
            Piece::Text(t) => before = Some(t),
            Piece::Field(key) => {
                let label = before
                    .map(|t| t.trim().trim_end_matches(':').trim())
                    .filter(|t| !t.is_empty())
                    .map_or_else(|| key.replace('-', " "), str::to_owned);
                out.push((key.as_str(), label));
                before = None;
            }
        }
    }
    out
}

/// Takes the cover-sheet table out of `blocks` (the first table before
/// any heading) and maps its rows; unmatched rows go back in its place.
pub(crate) fn map(model: &Model, trusts: &[&Trust], blocks: &mut Vec<Block>, cover: &mut Cover) {
    let first_heading = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { .. }))
        .unwrap_or(blocks.len());
    let Some(at) = blocks[..first_heading]
        .iter()
        .position(|b| matches!(b, Block::Table(_)))
    else {
        return;
    };
    let Block::Table(table) = blocks.remove(at) else {
        return;
    };
    // Its caption ("LPT governance table") goes with it; a trust's own
    // heading over its table asks for that table by name.
    let at = match at.checked_sub(1).map(|i| &blocks[i]) {
        Some(Block::Para { text, .. }) if norm(&plain(text)).ends_with("governance table") => {
            let caption = norm(&plain(text));
            if let Some(t) = trusts
                .iter()
                .find(|t| norm(&t.governance_heading) == caption)
            {
                cover.governance_tables.push(t.id.clone());
            }
            blocks.remove(at - 1);
            at - 1
        }
        _ => at,
    };
    let targets = targets(model, trusts);
    let mut kept = Vec::new();
    for row in &table.rows {
        if let Some(b) = cover.row(row, &table, &targets, trusts) {
            kept.push(b);
        }
    }
    let n = kept.len();
    blocks.splice(at..at, kept);
    if n > 0 {
        cover.reports.push((
            table.para,
            format!("{n} row(s) of the cover sheet matched no front-matter key: kept in the body"),
            None,
        ));
    }
}

/// The text of each paragraph of a cell.
fn lines(c: &Cell) -> Vec<String> {
    c.paras
        .iter()
        .map(|(_, t)| plain(t))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The tick marks a cell may hold for "yes" and "no".
fn tick(s: &str) -> Option<bool> {
    match s.trim() {
        "☒" | "☑" | "✓" | "✔" | "✅" | "x" | "X" | "yes" | "Yes" | "YES" | "Y" => {
            Some(true)
        }
        "☐" | "✗" | "✘" | "no" | "No" | "NO" | "N" | "" => Some(false),
        _ => None,
    }
}

/// A line with a tick before or after a name: (ticked, name).
fn ticked_name(line: &str) -> Option<(bool, String)> {
    let marks = ['☒', '☑', '✓', '✔', '✅', '☐', '✗', '✘'];
    let t = line.trim();
    // "High Standards; X; Aligned": a flattened row of a nested table.
    let parts: Vec<&str> = t.split("; ").collect();
    if let [name, marks @ ..] = parts.as_slice() {
        if !marks.is_empty() {
            let on = marks
                .iter()
                .any(|m| tick(m) == Some(true) && !m.trim().is_empty());
            return Some((on, name.trim().to_owned()));
        }
    }
    let (mark, name) = if let Some(rest) = t.strip_prefix(marks) {
        (&t[..t.len() - rest.len()], rest)
    } else if let Some(rest) = t.strip_suffix(marks) {
        (&t[rest.len()..], rest)
    } else {
        return None;
    };
    Some((tick(mark)?, name.trim().to_owned()))
}

impl Cover {
    /// Maps one row; returns the body paragraph for a row that matched nothing.
    fn row(
        &mut self,
        row: &[Cell],
        table: &Table,
        targets: &[(String, String, Target)],
        trusts: &[&Trust],
    ) -> Option<Block> {
        let first = row.first().map(lines).unwrap_or_default();
        let label = first.first().cloned().unwrap_or_default();
        let values: Vec<&Cell> = row
            .iter()
            .skip(1)
            .filter(|c| !lines(c).is_empty())
            .collect();
        let key = norm(&label);
        let hits: Vec<&Target> = targets
            .iter()
            .filter(|(k, _, _)| *k == key)
            .map(|(_, _, t)| t)
            .collect();
        if key.is_empty() && values.is_empty() && first.len() < 2 {
            return None;
        }
        if hits.is_empty() {
            let hint =
                crate::diag::suggest::nearest(&key, targets.iter().map(|(k, _, _)| k.as_str()))
                    .and_then(|k| targets.iter().find(|(n, _, _)| n == k))
                    .map(|(_, shown, t)| format!("did you mean `{shown}` ({})?", describe(t)));
            self.reports.push((
                table.para,
                format!("cover-sheet row `{label}` matches no governance row, field or objective of the receiving trusts: kept in the body"),
                hint,
            ));
            return Some(unmatched(row));
        }
        // A label cell of several paragraphs holds values too (a nested
        // table of ticks flattened into it).
        let text: Vec<String> = first
            .iter()
            .skip(1)
            .cloned()
            .chain(values.iter().flat_map(|c| lines(c)))
            .collect();
        for hit in hits {
            self.fill(hit, &label, &text, &values, row, trusts, table.para);
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn fill(
        &mut self,
        hit: &Target,
        label: &str,
        text: &[String],
        values: &[&Cell],
        row: &[Cell],
        trusts: &[&Trust],
        para: usize,
    ) {
        let joined = text.join(" ");
        match hit {
            Target::Gov(key) if !joined.is_empty() => {
                let value = self.value(key, &joined, label, trusts, para);
                self.governance.entry(key.clone()).or_insert(value);
            }
            Target::Gov(_) => {
                self.reports
                    .push((para, format!("cover-sheet row `{label}` is empty"), None))
            }
            Target::Alignment => self.alignment_cell(text, trusts, para),
            Target::Item(trust, id) => {
                if row
                    .iter()
                    .skip(1)
                    .any(|c| tick(&lines(c).join(" ")) == Some(true))
                {
                    self.tick_item(trust, id, trusts);
                }
            }
            Target::Objective(id) => {
                if row
                    .iter()
                    .skip(1)
                    .any(|c| tick(&lines(c).join(" ")) == Some(true))
                    && !self.objectives.contains(id)
                {
                    self.objectives.push(id.clone());
                }
            }
            Target::Purpose => self.purpose = text.to_vec(),
            Target::Analysis => self.analysis = text.to_vec(),
            Target::Proposal => self.proposal = text.to_vec(),
            Target::Decision => self.decision(values),
            Target::Title => self.title = Some(joined),
            Target::Subtitle => self.subtitle = Some(joined),
            Target::Field(key) => {
                self.fields.insert(key.clone(), joined);
            }
            Target::Section(key) => {
                let md: Vec<String> = values
                    .iter()
                    .flat_map(|c| {
                        c.paras
                            .iter()
                            .map(|(_, t)| super::markdown::inlines(t, true))
                    })
                    .collect();
                self.sections.insert(key.clone(), md.join("\n\n"));
            }
        }
    }

    /// A governance value as the format wants it: an ISO date for a date
    /// row, a level on the trusts' scales for `assurance`.
    fn value(&mut self, key: &str, v: &str, label: &str, trusts: &[&Trust], para: usize) -> String {
        if DATE_KEYS.contains(&key) && crate::date::Date::parse(v).is_err() {
            if let Some(iso) = crate::date::suggest_iso(v) {
                return iso.trim_start_matches("write ").to_owned();
            }
            self.reports.push((
                para,
                format!("cover-sheet row `{label}`: `{v}` is not a date boardpaper can read"),
                Some("write it as YYYY-MM-DD".into()),
            ));
        }
        if key == "assurance" {
            let lower = v.trim_end_matches('.').to_lowercase();
            let off: Vec<&str> = trusts
                .iter()
                .filter(|t| !t.scale.iter().any(|s| s.to_lowercase() == lower))
                .map(|t| t.short.as_str())
                .collect();
            if !off.is_empty() {
                self.reports.push((
                    para,
                    format!(
                        "cover-sheet row `{label}`: `{v}` is not on the assurance scale of {}",
                        off.join(", ")
                    ),
                    Some("give those trusts a level of their scale under `variants`".into()),
                ));
                return v.to_owned();
            }
            return lower;
        }
        v.to_owned()
    }

    fn alignment_cell(&mut self, text: &[String], trusts: &[&Trust], para: usize) {
        for line in text {
            let (on, name) = ticked_name(line).unwrap_or_else(|| (false, line.trim().to_owned()));
            let n = norm(&name);
            let mut found = false;
            for t in trusts {
                if let Some(item) = t.items.iter().find(|i| norm(&i.label) == n) {
                    found = true;
                    if on {
                        self.tick_item(&t.id, &item.id, trusts);
                    }
                }
            }
            if !found {
                self.reports.push((
                    para,
                    format!("alignment line `{name}` is no framework item of the receiving trusts: not read"),
                    None,
                ));
            }
        }
    }

    fn tick_item(&mut self, trust: &str, id: &str, trusts: &[&Trust]) {
        let list = self.alignment.entry(trust.to_owned()).or_default();
        if !list.iter().any(|i| i == id) {
            list.push(id.to_owned());
        }
        let implied = trusts
            .iter()
            .filter(|t| t.id == trust)
            .flat_map(|t| t.items.iter().filter(|i| i.id == id))
            .flat_map(|i| i.objectives.iter());
        for o in implied {
            if !self.objectives.contains(o) {
                self.objectives.push(o.clone());
            }
        }
    }

    /// A decision cell: bullets (or lines) are the recommendations, a line
    /// ending in `:` before them the lead.
    fn decision(&mut self, values: &[&Cell]) {
        for c in values {
            for (bullet, t) in &c.paras {
                let s = plain(t);
                if s.is_empty() {
                    continue;
                }
                if !bullet && s.ends_with(':') && self.recommendations.is_empty() {
                    self.decision_lead = Some(s);
                } else {
                    self.recommendations.push(s);
                }
            }
        }
    }
}

fn describe(t: &Target) -> String {
    match t {
        Target::Gov(k) => format!("governance `{k}`"),
        Target::Alignment => "the strategic-alignment row".into(),
        Target::Field(k) => format!("field `{k}`"),
        Target::Section(k) => format!("section `{k}`"),
        Target::Item(trust, id) => format!("{trust}'s framework item `{id}`"),
        Target::Objective(id) => format!("objective `{id}`"),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// A row kept in the body: its label in bold, then its cells' text.
fn unmatched(row: &[Cell]) -> Block {
    let mut text = Vec::new();
    for (i, c) in row.iter().enumerate() {
        for (_, t) in &c.paras {
            if plain(t).is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push(Inline::Break);
            }
            if i == 0 {
                text.push(Inline::Text {
                    text: plain(t),
                    bold: true,
                    italic: false,
                });
            } else {
                text.extend(t.iter().cloned());
            }
        }
    }
    Block::Para { para: 0, text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_without_case_or_punctuation() {
        assert_eq!(
            norm("STEP up to GREAT strategic alignment*:"),
            "step up to great strategic alignment"
        );
        assert_eq!(norm("Paper sponsored by:"), norm("paper  SPONSORED by"));
    }

    #[test]
    fn ticks_are_read_before_after_and_beside_a_name() {
        assert_eq!(
            ticked_name("☒ Our people"),
            Some((true, "Our people".into()))
        );
        assert_eq!(
            ticked_name("Safe care ☐"),
            Some((false, "Safe care".into()))
        );
        assert_eq!(
            ticked_name("High Standards; X; Aligned"),
            Some((true, "High Standards".into()))
        );
        assert_eq!(
            ticked_name("Environments; Not aligned"),
            Some((false, "Environments".into()))
        );
        assert_eq!(ticked_name("Plain words"), None);
        assert_eq!(tick("✔"), Some(true));
        assert_eq!(tick("maybe"), None);
    }
}
