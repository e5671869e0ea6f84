//! `variants.<trust>`: a trust's overrides merged over the paper's own fields.

use crate::project::FrontMatter;
use crate::yaml::Entries;

/// The front matter as trust `trust` receives it. Scalar fields are replaced
/// by the variant's; `governance` and `alignment` are merged key by key.
pub(crate) fn merged(base: &FrontMatter, trust: &str) -> FrontMatter {
    let Some(v) = base.variants.as_ref().and_then(|vs| vs.get(trust)) else {
        return base.clone();
    };
    FrontMatter {
        title: v.title.clone().or_else(|| base.title.clone()),
        subtitle: v.subtitle.clone().or_else(|| base.subtitle.clone()),
        version: v.version.clone().or_else(|| base.version.clone()),
        date: v.date.clone().or_else(|| base.date.clone()),
        signoff: v.signoff.clone().or_else(|| base.signoff.clone()),
        issuer: v.issuer.clone().or_else(|| base.issuer.clone()),
        kind: v.kind.clone().or_else(|| base.kind.clone()),
        purpose: v.purpose.clone().or_else(|| base.purpose.clone()),
        analysis: v.analysis.clone().or_else(|| base.analysis.clone()),
        proposal: v.proposal.clone().or_else(|| base.proposal.clone()),
        recommendations: v
            .recommendations
            .clone()
            .or_else(|| base.recommendations.clone()),
        decision_lead: v
            .decision_lead
            .clone()
            .or_else(|| base.decision_lead.clone()),
        governance: merge_entries(&base.governance, &v.governance),
        fields: merge_entries(&base.fields, &v.fields),
        cover_lines: merge_entries(&base.cover_lines, &v.cover_lines),
        sections: merge_entries(&base.sections, &v.sections),
        governance_tables: v
            .governance_tables
            .clone()
            .or_else(|| base.governance_tables.clone()),
        closing: v.closing.or(base.closing),
        omit_sections: v
            .omit_sections
            .clone()
            .or_else(|| base.omit_sections.clone()),
        objectives: v.objectives.clone().or_else(|| base.objectives.clone()),
        alignment: merge_entries(&base.alignment, &v.alignment),
        trusts: base.trusts.clone(),
        confidential: v.confidential.or(base.confidential),
        draft: v.draft.clone().or_else(|| base.draft.clone()),
        numbered: v.numbered.or(base.numbered),
        contents: v.contents.or(base.contents),
        contents_depth: v.contents_depth.or(base.contents_depth),
        variants: None,
    }
}

/// `over`'s entries over `base`'s, key by key.
pub(crate) fn merge_entries<V: Clone>(
    base: &Option<Entries<V>>,
    over: &Option<Entries<V>>,
) -> Option<Entries<V>> {
    let (Some(base), Some(over)) = (base, over) else {
        return over.clone().or_else(|| base.clone());
    };
    let mut out = base.clone();
    for (k, v) in &over.0 {
        match out.0.iter_mut().find(|(bk, _)| bk.value == k.value) {
            Some(slot) => slot.1 = v.clone(),
            None => out.0.push((k.clone(), v.clone())),
        }
    }
    Some(out)
}
