//! The index pages: one trust's board pack for the cycle
//! (`build/<trust>/index.html`) and every trust's papers (`build/index.html`).
//!
//! The caller fills these structs (hrefs relative to the page); the
//! templates iterate them. Unsafe hrefs are dropped before rendering.

use serde::Serialize;

use crate::colour::NHS_BLUE;
use crate::html::escape::safe_href;
use crate::html::templates::{Context, Templates};
use crate::html::TemplateError;

/// Index pages carry no paper's `Meta`; the project language is British English.
const INDEX_LANG: &str = crate::document::LANG;

/// One trust's pack page for the meeting: its agenda, the papers not on
/// it, and the pack PDFs.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TrustIndex {
    pub alliance: String,
    pub cycle: String,
    pub trust: TrustEntry,
    /// Where the meeting is held.
    pub venue: Option<String>,
    /// The agenda's public items, in order.
    pub agenda: Vec<AgendaRow>,
    /// The Part II section, when the agenda marks one.
    pub part_ii: Option<PartIi>,
    /// Papers this build made for the trust that its agenda does not name.
    pub papers: Vec<PaperEntry>,
    /// Relative hrefs of `pack.pdf` and `pack-part-ii.pdf`, when built.
    pub pack_pdf: Option<String>,
    pub pack_part_ii_pdf: Option<String>,
    /// The whole cycle is a draft (`draft: true` in boardpaper.yaml).
    pub draft: bool,
}

/// One row of the agenda table.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct AgendaRow {
    /// "7.1", as the trust numbers it.
    pub number: String,
    pub title: String,
    pub presenter: Option<String>,
    pub purpose: Option<String>,
    pub time: Option<String>,
    /// Relative hrefs of the paper's copies, when built.
    pub html: Option<String>,
    pub pdf: Option<String>,
    /// Who issues a paper item's paper.
    pub issuer: Option<String>,
    /// Said instead of links ("included in the PDF pack").
    pub note: Option<String>,
    /// The trust's words for a confidential paper.
    pub marking: Option<String>,
    /// A paper item whose copy for the trust is a draft.
    pub draft: bool,
}

/// The agenda's Part II section.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PartIi {
    pub heading: String,
    /// Each item by number and title only (none in a `--public` build).
    pub rows: Vec<AgendaRow>,
    /// A `--public` build: the page says Part II is taken in private.
    pub in_private: bool,
}

/// The trust an index page is about.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TrustEntry {
    pub id: String,
    pub name: String,
    pub short: String,
    pub board: String,
    /// "Trust Public Board – 28 November 2023"
    pub meeting_line: String,
}

/// One paper in an index.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PaperEntry {
    pub id: String,
    pub title: String,
    /// "Agenda item 3"
    pub agenda_item: Option<String>,
    pub confidential: bool,
    /// The trust's words for a confidential paper ("Confidential – Part II").
    pub marking: Option<String>,
    /// Who issues the paper.
    pub issuer: String,
    /// The trust's copy is a draft (a final build holds it back).
    pub draft: bool,
    /// Relative href of the PDF ("ema-update.pdf"), when built.
    pub pdf: Option<String>,
    /// Relative href of the HTML, when built.
    pub html: Option<String>,
}

/// Every trust's papers for the cycle.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CycleIndex {
    pub alliance: String,
    pub cycle: String,
    pub trusts: Vec<CycleTrust>,
}

/// One trust on the cycle index; hrefs relative to `build/`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CycleTrust {
    pub id: String,
    pub name: String,
    pub short: String,
    pub meeting_line: String,
    /// "lpt/index.html"
    pub href: String,
    pub papers: Vec<PaperEntry>,
}

/// The papers with any href that is not http(s), mailto or relative removed.
fn safe_papers(papers: &[PaperEntry]) -> Vec<PaperEntry> {
    let clean = |href: &Option<String>| href.as_deref().and_then(safe_href);
    papers
        .iter()
        .map(|p| PaperEntry {
            pdf: clean(&p.pdf),
            html: clean(&p.html),
            ..p.clone()
        })
        .collect()
}

fn index_context(alliance: &str, cycle: &str) -> Context {
    let mut c = Context::new();
    c.insert("lang", INDEX_LANG);
    c.insert("accent", &NHS_BLUE.hex());
    c.insert("alliance", alliance);
    c.insert("cycle", cycle);
    c
}

/// The agenda rows with any unsafe href removed.
fn safe_rows(rows: &[AgendaRow]) -> Vec<AgendaRow> {
    let clean = |href: &Option<String>| href.as_deref().and_then(safe_href);
    rows.iter()
        .map(|r| AgendaRow {
            pdf: clean(&r.pdf),
            html: clean(&r.html),
            ..r.clone()
        })
        .collect()
}

/// `build/<trust>/index.html`: the trust's board pack with links.
pub(crate) fn render_trust_index(t: &Templates, idx: &TrustIndex) -> Result<String, TemplateError> {
    let clean = |href: &Option<String>| href.as_deref().and_then(safe_href);
    let mut c = index_context(&idx.alliance, &idx.cycle);
    c.insert("trust", &idx.trust);
    c.insert("venue", &idx.venue);
    c.insert("agenda", &safe_rows(&idx.agenda));
    c.insert("part_ii", &idx.part_ii);
    c.insert("pack_pdf", &clean(&idx.pack_pdf));
    c.insert("pack_part_ii_pdf", &clean(&idx.pack_part_ii_pdf));
    c.insert("draft", &idx.draft);
    c.insert("papers", &safe_papers(&idx.papers));
    t.render("trust-index.html", &mut c)
}

/// `build/index.html`: every trust and every paper.
pub(crate) fn render_cycle_index(t: &Templates, idx: &CycleIndex) -> Result<String, TemplateError> {
    let mut c = index_context(&idx.alliance, &idx.cycle);
    let trusts: Vec<CycleTrust> = idx
        .trusts
        .iter()
        .map(|trust| CycleTrust {
            href: safe_href(&trust.href).unwrap_or_else(|| "#".into()),
            papers: safe_papers(&trust.papers),
            ..trust.clone()
        })
        .collect();
    c.insert("trusts", &trusts);
    t.render("index.html", &mut c)
}
