//! A document's facts ([`Meta`]) for one trust: [`for_trust`] is the one
//! constructor (the trust's names, the alliance, the accent, the notes'
//! placement and the language, from the model), which a paper's copy
//! ([`paper`]) and a board pack (`assemble::pack`) complete with their own.

use crate::check::{Model, Trust};
use crate::document::{Meta, LANG};
use crate::project::{FrontMatter, PaperSource};

/// What every document for `trust` shares, for the document `id` titled
/// `title` from `source`; the rest as a plain paper has it by default
/// (not confidential, not a draft, automatic contents two levels deep).
pub(crate) fn for_trust(model: &Model, trust: &Trust, id: &str, title: String) -> Meta {
    Meta {
        trust_id: trust.id.clone(),
        trust_short: trust.short.clone(),
        trust_name: trust.name.clone(),
        paper_id: id.to_owned(),
        title,
        author: model.alliance.clone(),
        subject: String::new(),
        lang: LANG.to_owned(),
        alliance: model.alliance.clone(),
        issuer: model.alliance.clone(),
        accent: model.accent,
        confidential: false,
        draft: false,
        marking: None,
        notes: model.notes,
        contents: None,
        contents_depth: 2,
        body_title: trust.body_title,
        source: trust.file(),
    }
}

/// The facts of `paper`'s copy for `trust`, whose front matter (variants
/// overlaid) is `f`.
pub(super) fn paper(model: &Model, paper: &PaperSource, trust: &Trust, f: &FrontMatter) -> Meta {
    let author = f
        .governance
        .as_ref()
        .and_then(|g| g.get("author"))
        .map(|a| a.value.clone())
        .unwrap_or_else(|| model.alliance.clone());
    let subject = f
        .subtitle
        .clone()
        .or_else(|| {
            f.purpose
                .clone()
                .and_then(|p| p.into_vec().into_iter().next())
        })
        .unwrap_or_default();
    let confidential = f.confidential.unwrap_or(false);
    let title = f.title.clone().unwrap_or_default();
    Meta {
        author,
        subject,
        issuer: f.issuer.clone().unwrap_or_else(|| model.alliance.clone()),
        confidential,
        draft: crate::check::drafts::is_draft(model.draft.is_some(), f),
        contents: f.contents,
        contents_depth: f.contents_depth.unwrap_or(2).clamp(1, 6),
        marking: confidential.then(|| trust.confidential_label.clone()),
        source: paper.source.name.clone(),
        ..for_trust(model, trust, &paper.id, title)
    }
}
