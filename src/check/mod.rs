//! The check stage (see the table in lib.rs): the raw project → the [`Model`], with every problem found
//! in one pass. Problems are tied to what they break (a trust, a paper, or one
//! trust's copy of a paper) so `build` can still write every valid variant.

pub(crate) mod agenda;
pub(crate) mod business;
pub(crate) mod drafts;
mod fonts;
mod frontsheet;
pub(crate) mod governance;
pub(crate) mod model;
pub(crate) mod papers;
pub(crate) mod placeholders;
pub(crate) mod problems;
pub(crate) mod trusts;

use std::collections::BTreeSet;

use crate::diag::{Code, Diagnostic};
use crate::project::Project;
use crate::source::Pos;

/// The words marking a confidential paper unless the project or a trust
/// says otherwise.
pub(crate) const DEFAULT_CONFIDENTIAL_LABEL: &str = "Confidential \u{2013} Part II";
pub(crate) use model::{Model, Trust};

/// The model and which parts of it are broken.
pub(crate) struct Checked {
    pub(crate) model: Model,
    pub(crate) broken_trusts: BTreeSet<String>,
    pub(crate) broken_papers: BTreeSet<String>,
    /// Variants (trust, paper) a final build refuses as drafts.
    pub(crate) refused: BTreeSet<(String, String)>,
}

impl Checked {
    /// Whether the sources of trust `t` and paper `p` are free of errors.
    pub(crate) fn sound(&self, t: &str, p: &str) -> bool {
        !self.broken_trusts.contains(t)
            && !self.broken_papers.contains(p)
            && !self.refused.iter().any(|(rt, rp)| rt == t && rp == p)
    }
}

fn errors(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).count()
}

/// Checks the whole project.
pub(crate) fn check(mut project: Project, diags: &mut Vec<Diagnostic>) -> Checked {
    let business = business::check(&mut project, diags);
    let settings = trusts::settings(&project, diags);
    let (fonts, font_bytes) = fonts::fonts(&project, diags);
    let cfg = &project.config;
    let cycle_draft = drafts::cycle(&project);
    let objectives: Vec<(String, String)> = cfg
        .objectives
        .0
        .iter()
        .map(|(k, v)| (k.value.clone(), v.clone()))
        .collect();
    let paper_ids: Vec<String> = project.papers.iter().map(|p| p.id.clone()).collect();
    let mut broken_trusts = BTreeSet::new();
    let mut trusts = Vec::new();
    let confidential_label = cfg
        .confidential_label
        .clone()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_CONFIDENTIAL_LABEL.into());
    for t in &project.trusts {
        let before = errors(diags);
        let mut trust = trusts::trust(t, &objectives, &paper_ids, diags);
        if trust.confidential_label.trim().is_empty() {
            trust.confidential_label = confidential_label.clone();
        }
        trusts.push(trust);
        if errors(diags) > before {
            broken_trusts.insert(t.id.clone());
        }
    }
    let mut broken_papers = BTreeSet::new();
    for (i, p) in project.papers.iter().enumerate() {
        if project.papers[..i].iter().any(|q| q.id == p.id) {
            diags.push(Diagnostic::at(
                Code::DuplicateId,
                &p.source,
                Pos::new(1, 1),
                format!(
                    "paper id `{}` is used twice (papers/{0}.md and papers/{0}/paper.md)",
                    p.id
                ),
            ));
            broken_papers.insert(p.id.clone());
        }
    }
    let model = Model {
        root: project.root.clone(),
        alliance: cfg.alliance.name.clone(),
        alliance_full: cfg
            .alliance
            .full_name
            .clone()
            .unwrap_or_else(|| cfg.alliance.name.clone()),
        cycle: cfg.cycle.clone().unwrap_or_default(),
        confidential_label,
        objectives,
        status_colours: settings.status,
        accent: settings.accent,
        notes: cfg.style.notes.unwrap_or_default(),
        output: settings.output,
        formats: settings.formats,
        trusts,
        unreadable_trusts: project.unreadable_trusts,
        papers: project.papers,
        templates: project.templates,
        fonts,
        font_bytes,
        images: Default::default(),
        draft: cycle_draft,
        drafts: cfg.drafts.unwrap_or_default(),
        business,
    };
    for p in &model.papers {
        if p.front_broken {
            broken_papers.insert(p.id.clone());
            continue;
        }
        let before = errors(diags);
        papers::paper(p, &model, diags);
        frontsheet::paper(p, &model, diags);
        placeholders::check(p, diags);
        if errors(diags) > before {
            broken_papers.insert(p.id.clone());
        }
    }
    Checked {
        model,
        broken_trusts,
        broken_papers,
        refused: BTreeSet::new(),
    }
}
