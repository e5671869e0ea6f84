//! The index pages: each trust's board pack for the cycle, and the cycle's
//! page listing every trust and paper.

use std::collections::HashSet;

use super::agenda;
use super::page::{CycleIndex, CycleTrust, PaperEntry, TrustEntry, TrustIndex};
use super::{PACK, PACK_PART_II};
use crate::assemble::{Content, Output};
use crate::check::{drafts, Model, Trust};
use crate::diag::Diagnostic;
use crate::html::{self, Templates};
use crate::project::variant::merged;
use crate::project::{Format, PaperSource};

/// The "paper" name index pages are filed under.
pub(crate) const INDEX: &str = "index";

/// Index pages for what `outputs` holds, in agenda order; `public` for a
/// `--public` build (the pack pages then list no Part II business).
pub(crate) fn pages(
    t: &Templates,
    model: &Model,
    outputs: &[Output],
    public: bool,
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
        let papers = papers_listed(model, trust, &built);
        if papers.is_empty() && !held_drafts(model, trust) {
            continue;
        }
        let entry = |prefix: &str| -> Vec<PaperEntry> {
            papers
                .iter()
                .map(|p| paper_entry(model, trust, p, prefix, &built))
                .collect()
        };
        let info = TrustEntry {
            id: trust.id.clone(),
            name: trust.name.clone(),
            short: trust.short.clone(),
            board: trust.board.clone(),
            meeting_line: trust.meeting_line(false),
        };
        let agenda = agenda::rows(model, trust, public, &built);
        let on_agenda = |p: &PaperEntry| trust.agenda.paper_position(&p.id).is_some();
        let pack = |name: &str| built(name, Format::Pdf).then(|| format!("{name}.pdf"));
        let idx = TrustIndex {
            alliance: model.alliance.clone(),
            cycle: model.cycle.clone(),
            trust: info.clone(),
            venue: trust.venue.clone(),
            agenda: agenda.rows,
            part_ii: agenda.part_ii,
            papers: entry("").into_iter().filter(|p| !on_agenda(p)).collect(),
            pack_pdf: pack(PACK),
            pack_part_ii_pdf: pack(PACK_PART_II).filter(|_| !public),
            draft: model.draft.is_some(),
        };
        push_page(
            &mut pages,
            diags,
            &trust.id,
            super::page::render_trust_index(t, &idx),
        );
        trusts.push((info, entry(&format!("{}/", trust.id))));
    }
    let idx = cycle_index(model, trusts);
    push_page(
        &mut pages,
        diags,
        "",
        super::page::render_cycle_index(t, &idx),
    );
    pages
}

/// The papers `trust`'s page lists: those `built` has for it, and its
/// draft copies a final build held back; in its agenda's order (papers off
/// the agenda last, by id).
fn papers_listed<'m>(
    model: &'m Model,
    trust: &Trust,
    built: &impl Fn(&str, Format) -> bool,
) -> Vec<&'m PaperSource> {
    let mut papers: Vec<_> = model
        .papers
        .iter()
        .filter(|p| {
            built(&p.id, Format::Html) || built(&p.id, Format::Pdf) || draft_copy(model, trust, p)
        })
        .collect();
    papers.sort_by_key(|p| {
        (
            trust.agenda.paper_position(&p.id).unwrap_or(usize::MAX),
            p.id.clone(),
        )
    });
    papers
}

/// Whether `trust` receives `p` and its copy is a draft: listed on its
/// page even when a final build held it back (with no links, marked draft),
/// as its agenda lists it.
fn draft_copy(model: &Model, trust: &Trust, p: &PaperSource) -> bool {
    model.recipients(p).iter().any(|t| t.id == trust.id)
        && drafts::is_draft(model.draft.is_some(), &merged(&p.front, &trust.id))
}

/// Whether `trust` receives a draft (or the cycle is one). A trust whose
/// papers were all held back as drafts by a final build keeps its page,
/// its agenda without links, and its place in the cycle's index; a trust
/// this build did not select and nothing kept from an earlier one has none.
fn held_drafts(model: &Model, trust: &Trust) -> bool {
    model.draft.is_some() || model.papers.iter().any(|p| draft_copy(model, trust, p))
}

/// The cycle's page: every trust with an index page, and its papers.
fn cycle_index(model: &Model, trusts: Vec<(TrustEntry, Vec<PaperEntry>)>) -> CycleIndex {
    CycleIndex {
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
    }
}

/// One paper as an index lists it, hrefs prefixed with `prefix`.
fn paper_entry(
    model: &Model,
    trust: &Trust,
    p: &PaperSource,
    prefix: &str,
    built: &dyn Fn(&str, Format) -> bool,
) -> PaperEntry {
    let confidential = p.front.confidential.unwrap_or(false);
    PaperEntry {
        id: p.id.clone(),
        title: p.front.title.clone().unwrap_or_else(|| p.id.clone()),
        agenda_item: trust
            .agenda_number(&p.id)
            .map(|n| format!("Agenda item {n}")),
        confidential,
        marking: confidential.then(|| trust.confidential_label.clone()),
        issuer: p
            .front
            .issuer
            .clone()
            .unwrap_or_else(|| model.alliance.clone()),
        draft: draft_copy(model, trust, p),
        pdf: built(&p.id, Format::Pdf).then(|| format!("{prefix}{}.pdf", p.id)),
        html: built(&p.id, Format::Html).then(|| format!("{prefix}{}.html", p.id)),
    }
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
        Err(e) => diags.push(e.diagnostic()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The trust page of `trust` when `outputs` name these (trust, paper)
    /// PDFs and HTML copies.
    fn trust_page(made: &[(&str, &str, Format)], public: bool) -> String {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pack");
        let Ok((checked, _)) = crate::load::load(Some(&root), None) else {
            panic!("the fixture loads");
        };
        let outputs: Vec<Output> = made
            .iter()
            .map(|(trust, paper, format)| Output {
                trust: (*trust).into(),
                paper: (*paper).into(),
                format: *format,
                content: Content::Unchanged(Default::default()),
            })
            .collect();
        let t = Templates::new(&[]).unwrap_or_else(|e| panic!("{e:?}"));
        let mut diags = Vec::new();
        let pages = pages(&t, &checked.model, &outputs, public, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let Some(Content::Fresh { bytes, .. }) = pages
            .iter()
            .find(|p| p.trust == "north")
            .map(|p| &p.content)
        else {
            panic!("no page for north");
        };
        String::from_utf8_lossy(bytes).into_owned()
    }

    const PAPER: (&str, &str, Format) = ("north", "open-update", Format::Html);

    #[test]
    fn the_pack_page_links_the_pack_pdfs_the_build_made() {
        let packs = [
            PAPER,
            ("north", PACK, Format::Pdf),
            ("north", PACK_PART_II, Format::Pdf),
        ];
        let html = trust_page(&packs, false);
        assert!(html.contains("<a href=\"pack.pdf\">The meeting pack (PDF)</a>"));
        assert!(html.contains("<a href=\"pack-part-ii.pdf\">The Part II pack (PDF)</a>"));
        // With --public the Part II pack is never linked, even if present.
        let html = trust_page(&packs, true);
        assert!(html.contains("<a href=\"pack.pdf\">The meeting pack (PDF)</a>"));
        assert!(!html.contains("pack-part-ii"), "{html}");
        // Another trust's pack, or no pack at all: no link.
        let html = trust_page(&[PAPER, ("south", PACK, Format::Pdf)], false);
        assert!(!html.contains("pack.pdf") && !html.contains("<ul class=\"pack-links\">"));
    }
}
