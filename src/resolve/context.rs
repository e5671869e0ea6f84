//! What a body's template sees: `trust`, `paper`, `alliance`, `trusts`.

use serde_json::{json, Value};

use crate::check::model::{Model, Trust};
use crate::project::{FrontMatter, PaperSource};

/// The body's context as JSON: an object with those four keys (JSON so that
/// a misspelt name can be matched against the names that exist).
pub(crate) fn template_context(
    model: &Model,
    paper: &PaperSource,
    trust: &Trust,
    f: &FrontMatter,
) -> Value {
    json!({
        "trust": trust_value(trust),
        "trusts": model.trusts.iter().map(trust_value).collect::<Vec<_>>(),
        "alliance": { "name": model.alliance, "full_name": model.alliance_full, "cycle": model.cycle },
        "paper": paper_value(paper, f, &model.recipients(paper)),
    })
}

fn trust_value(t: &Trust) -> Value {
    json!({
        "id": t.id, "name": t.name, "short": t.short, "board": t.board,
        "meeting": t.meeting.map(|d| d.long()).unwrap_or_default(),
        "meeting_date": t.meeting.map(|d| d.iso()).unwrap_or_default(),
    })
}

/// The paper as a template sees it; `trusts` are the ids of the trusts it
/// goes to (what `governance_table` accepts).
fn paper_value(p: &PaperSource, f: &FrontMatter, receiving: &[&Trust]) -> Value {
    let list =
        |v: &Option<crate::yaml::OneOrMany>| v.clone().map(|v| v.into_vec()).unwrap_or_default();
    let governance: serde_json::Map<String, Value> = f
        .governance
        .iter()
        .flat_map(|g| &g.0)
        .map(|(k, v)| (k.value.clone(), Value::String(v.value.clone())))
        .collect();
    json!({
        "id": p.id,
        "title": f.title, "subtitle": f.subtitle, "version": f.version,
        "date": f.date.as_ref().map(|d| d.value.clone()),
        "signoff": f.signoff,
        "purpose": list(&f.purpose), "analysis": list(&f.analysis), "proposal": list(&f.proposal),
        "decision_lead": f.decision_lead,
        "governance": governance,
        "objectives": f.objectives.iter().flatten().map(|o| o.value.clone()).collect::<Vec<_>>(),
        "confidential": f.confidential.unwrap_or(false),
        "numbered": f.numbered.unwrap_or(true),
        "trusts": receiving.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
    })
}
