//! The index pages: each trust's board pack for the cycle, and the cycle's
//! page listing every trust and paper.

use std::collections::HashSet;

use crate::build::{Content, Output};
use crate::check::Model;
use crate::diag::Diagnostic;
use crate::html::{self, CycleIndex, CycleTrust, PaperEntry, Templates, TrustEntry, TrustIndex};
use crate::project::Format;

/// The "paper" name index pages are filed under.
pub(crate) const INDEX: &str = "index";

/// Index pages for what `outputs` holds, in agenda order.
pub(crate) fn pages(
    t: &Templates,
    model: &Model,
    outputs: &[Output],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Output> {
    let mut pages = Vec::new();
    let mut trusts = Vec::new();
    // Looked up once per trust, paper and format: a set keeps the index
    // pages linear in the number of outputs.
    let made: HashSet<(&str, &str, Format)> = outputs
        .iter()
        .map(|o| (o.trust.as_str(), o.paper.as_str(), o.format))
        .collect();
    for trust in &model.trusts {
        let built = |paper: &str, f: Format| made.contains(&(trust.id.as_str(), paper, f));
        let mut papers: Vec<_> = model
            .papers
            .iter()
            .filter(|p| built(&p.id, Format::Html) || built(&p.id, Format::Pdf))
            .collect();
        papers.sort_by_key(|p| {
            (
                trust.agenda.paper_position(&p.id).unwrap_or(usize::MAX),
                p.id.clone(),
            )
        });
        if papers.is_empty() {
            continue;
        }
        let entry = |prefix: &str| -> Vec<PaperEntry> {
            papers
                .iter()
                .map(|p| PaperEntry {
                    id: p.id.clone(),
                    title: p.front.title.clone().unwrap_or_else(|| p.id.clone()),
                    agenda_item: trust
                        .agenda_number(&p.id)
                        .map(|n| format!("Agenda item {n}")),
                    confidential: p.front.confidential.unwrap_or(false),
                    marking: p
                        .front
                        .confidential
                        .unwrap_or(false)
                        .then(|| trust.confidential_label.clone()),
                    issuer: p
                        .front
                        .issuer
                        .clone()
                        .unwrap_or_else(|| model.alliance.clone()),
                    pdf: built(&p.id, Format::Pdf).then(|| format!("{prefix}{}.pdf", p.id)),
                    html: built(&p.id, Format::Html).then(|| format!("{prefix}{}.html", p.id)),
                })
                .collect()
        };
        let info = TrustEntry {
            id: trust.id.clone(),
            name: trust.name.clone(),
            short: trust.short.clone(),
            board: trust.board.clone(),
            meeting_line: trust.meeting_line(false),
        };
        let idx = TrustIndex {
            alliance: model.alliance.clone(),
            cycle: model.cycle.clone(),
            trust: info.clone(),
            papers: entry(""),
        };
        push_page(
            &mut pages,
            diags,
            &trust.id,
            html::render_trust_index(t, &idx),
        );
        trusts.push((info, entry(&format!("{}/", trust.id))));
    }
    let idx = CycleIndex {
        alliance: model.alliance.clone(),
        cycle: model.cycle.clone(),
        trusts: trusts
            .into_iter()
            .map(|(t, papers)| CycleTrust {
                href: format!("{}/index.html", t.id),
                id: t.id,
                name: t.name,
                short: t.short,
                meeting_line: t.meeting_line,
                papers,
            })
            .collect(),
    };
    push_page(&mut pages, diags, "", html::render_cycle_index(t, &idx));
    pages
}

/// Files a rendered index page under `trust` ("" for the cycle's own page),
/// or reports the template error that stopped it.
fn push_page(
    pages: &mut Vec<Output>,
    diags: &mut Vec<Diagnostic>,
    trust: &str,
    rendered: Result<String, html::TemplateError>,
) {
    match rendered {
        Ok(s) => pages.push(Output {
            trust: trust.to_owned(),
            paper: INDEX.into(),
            format: Format::Html,
            content: Content::Fresh {
                bytes: s.into_bytes(),
                entry: None,
            },
        }),
        Err(e) => diags.push(super::render::template_error(e)),
    }
}
