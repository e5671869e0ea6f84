//! The front sheet of one trust's copy: meeting line, purpose, analysis,
//! proposal, decisions, and the trust's governance table with its alignment.

use crate::check::governance::{ALIGNMENT, DATE_KEYS};
use crate::check::model::{Model, Trust};
use crate::date::{display_value, Date};
use crate::document::{Alignment, AlignmentItem, FrontSheet, GovRow, GovTable, GovValue};
use crate::project::{FrontMatter, PaperSource};
use crate::resolve::recommendations::Recommendations;
use crate::yaml::{Entries, Spanned};

pub(crate) fn front_sheet(
    trust: &Trust,
    paper_id: &str,
    f: &FrontMatter,
    recs: &Recommendations,
    appendices: Vec<String>,
) -> FrontSheet {
    let list =
        |v: &Option<crate::yaml::OneOrMany>| v.clone().map(|v| v.into_vec()).unwrap_or_default();
    let (decision_lead, decisions) = recs.front_sheet_decisions();
    FrontSheet {
        meeting_line: trust.meeting_line(f.confidential.unwrap_or(false)),
        agenda_item: super::sections::agenda_item(trust, paper_id, f),
        header: super::sections::header(trust, paper_id, f),
        sections: Vec::new(),
        title: f.title.clone().unwrap_or_default(),
        subtitle: f.subtitle.clone(),
        kind: f.kind.clone(),
        version: f.version.clone(),
        date: f
            .date
            .as_ref()
            .and_then(|d| Date::parse(&d.value).ok())
            .map(|d| d.long()),
        purpose: list(&f.purpose),
        analysis: list(&f.analysis),
        proposal: list(&f.proposal),
        decision_lead,
        decisions,
        governance: governance(trust, f),
        governance_tables: Vec::new(),
        appendices,
    }
}

/// Trust `id`'s governance table for `paper`, as that trust's own copy
/// has it (its variant merged, then `over`: an appendix's own values),
/// under the trust's governance heading; `None` for a trust the project
/// does not have.
pub(crate) fn gov_table(
    model: &Model,
    paper: &PaperSource,
    id: &str,
    over: Option<&Entries<Spanned<String>>>,
) -> Option<GovTable> {
    let trust = model.trust(id)?;
    let mut f = crate::project::variant::merged(&paper.front, id);
    if over.is_some() {
        f.governance = crate::project::variant::merge_entries(&f.governance, &over.cloned());
    }
    Some(GovTable {
        trust_id: trust.id.clone(),
        heading: trust.governance_heading.clone(),
        rows: governance(trust, &f),
    })
}

/// The front sheet's tables when the paper lists `governance-tables`.
pub(crate) fn gov_tables(model: &Model, paper: &PaperSource, f: &FrontMatter) -> Vec<GovTable> {
    f.governance_tables
        .iter()
        .flatten()
        .filter_map(|id| gov_table(model, paper, &id.value, None))
        .collect()
}

fn governance(trust: &Trust, f: &FrontMatter) -> Vec<GovRow> {
    trust
        .rows
        .iter()
        .filter_map(|row| {
            let (label, value) = if row.key == ALIGNMENT {
                let label = trust.alignment.label.clone();
                (label, GovValue::Alignment(alignment(trust, f)))
            } else {
                let raw = f
                    .governance
                    .as_ref()
                    .and_then(|g| g.get(&row.key))
                    .map(|v| v.value.trim().to_owned())
                    .unwrap_or_default();
                // An optional row the paper gives no value is left out.
                if raw.is_empty() && !row.required {
                    return None;
                }
                (row.label.clone(), GovValue::Text(shown(&row.key, &raw)))
            };
            Some(GovRow {
                key: row.key.clone(),
                label,
                value,
            })
        })
        .collect()
}

/// Dates long-form, the assurance level capitalised as the real tables show it.
fn shown(key: &str, raw: &str) -> String {
    if DATE_KEYS.contains(&key) {
        return display_value(raw);
    }
    if key == "assurance" {
        let mut c = raw.chars();
        return c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
    }
    raw.to_owned()
}

/// The framework items, ticked from `alignment.<trust>` if given, else from
/// the objectives the paper serves: all of them, or only the ticked ones
/// when the trust lists only what a paper serves.
pub(crate) fn alignment(trust: &Trust, f: &FrontMatter) -> Alignment {
    let explicit = f.alignment.as_ref().and_then(|a| a.get(&trust.id));
    let objectives: Vec<&str> = f
        .objectives
        .iter()
        .flatten()
        .map(|o| o.value.as_str())
        .collect();
    let style = &trust.alignment;
    let items = trust
        .items
        .iter()
        .map(|item| {
            let ticked = match explicit {
                Some(ids) => ids.iter().any(|i| i.value == item.id),
                None => item
                    .objectives
                    .iter()
                    .any(|o| objectives.contains(&o.as_str())),
            };
            AlignmentItem {
                label: item.label.clone(),
                description: item.description.clone(),
                ticked,
            }
        })
        .filter(|item| style.show_all || item.ticked)
        .collect();
    Alignment {
        items,
        mark: style.show_all.then(|| style.tick.clone()),
        note: style.note.clone(),
    }
}
