//! The front sheet of one trust's copy: meeting line, purpose, analysis,
//! proposal, decisions, and the trust's governance table with its alignment.

use crate::check::governance::{ALIGNMENT, DATE_KEYS};
use crate::check::model::{Model, Trust};
use crate::date::{display_value, Date};
use crate::doc::{AlignmentItem, FrontSheet, GovRow, GovValue};
use crate::project::FrontMatter;
use crate::resolve::recommendations::Recommendations;

pub(crate) fn front_sheet(
    model: &Model,
    trust: &Trust,
    paper_id: &str,
    f: &FrontMatter,
    recs: &Recommendations,
    appendices: Vec<String>,
) -> FrontSheet {
    let list =
        |v: &Option<crate::yaml::OneOrMany>| v.clone().map(|v| v.into_vec()).unwrap_or_default();
    FrontSheet {
        meeting_line: trust.meeting_line(),
        agenda_item: trust
            .agenda_number(paper_id)
            .map(|n| format!("Agenda item {n}")),
        title: f.title.clone().unwrap_or_default(),
        subtitle: f.subtitle.clone(),
        version: f.version.clone(),
        date: f
            .date
            .as_ref()
            .and_then(|d| Date::parse(&d.value).ok())
            .map(|d| d.long()),
        purpose: list(&f.purpose),
        analysis: list(&f.analysis),
        proposal: list(&f.proposal),
        decision_lead: recs.lead.clone(),
        decisions: recs.front_sheet(),
        governance: governance(model, trust, f),
        appendices,
    }
}

fn governance(model: &Model, trust: &Trust, f: &FrontMatter) -> Vec<GovRow> {
    trust
        .rows
        .iter()
        .map(|row| {
            let value = if row.key == ALIGNMENT {
                GovValue::Alignment(alignment(trust, f))
            } else {
                let raw = f
                    .governance
                    .as_ref()
                    .and_then(|g| g.get(&row.key))
                    .map(|v| v.value.trim().to_owned())
                    .unwrap_or_default();
                GovValue::Text(shown(&row.key, &raw))
            };
            let label = if row.key == ALIGNMENT {
                format!("{}:", trust.framework_title)
            } else {
                row.label.clone()
            };
            let _ = model;
            GovRow {
                key: row.key.clone(),
                label,
                value,
            }
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

/// Every framework item, ticked from `alignment.<trust>` if given, else from
/// the objectives the paper serves.
pub(crate) fn alignment(trust: &Trust, f: &FrontMatter) -> Vec<AlignmentItem> {
    let explicit = f.alignment.as_ref().and_then(|a| a.get(&trust.id));
    let objectives: Vec<&str> = f
        .objectives
        .iter()
        .flatten()
        .map(|o| o.value.as_str())
        .collect();
    trust
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
                ticked,
            }
        })
        .collect()
}
