//! A trust's agenda as its HTML pack (`build/<trust>/index.html`) shows it:
//! one row per item, a paper's row linking to the copies this build made,
//! business without links, the trust's own PDF papers noted as in the PDF
//! pack, and the Part II items by number and title only (nothing at all in
//! a `--public` build, where Part II is taken in private).

use super::page::{AgendaRow, PartIi};
use crate::check::agenda::{AgendaItem, ItemKind};
use crate::check::{drafts, Model, Trust};
use crate::project::variant::merged;
use crate::project::Format;

/// What a trust's pack page lists of its agenda.
pub(crate) struct PackAgenda {
    /// The public items, in agenda order.
    pub(crate) rows: Vec<AgendaRow>,
    /// The Part II section, when the agenda marks one.
    pub(crate) part_ii: Option<PartIi>,
}

/// The note on a trust's own PDF paper's row.
pub(crate) const IN_PDF_PACK: &str = "included in the PDF pack";

/// The rows of `trust`'s agenda; `built(paper, format)` says whether this
/// build holds that copy of a paper for the trust.
pub(crate) fn rows(
    model: &Model,
    trust: &Trust,
    public: bool,
    built: &dyn Fn(&str, Format) -> bool,
) -> PackAgenda {
    let agenda = &trust.agenda;
    let mut rows = Vec::new();
    let mut private = Vec::new();
    for item in &agenda.items {
        if item.part_ii {
            if !public {
                private.push(part_ii_row(model, trust, item));
            }
            continue;
        }
        if let Some(row) = public_row(model, trust, item, public, built) {
            rows.push(row);
        }
    }
    let part_ii = agenda.part_ii_heading.as_ref().map(|heading| PartIi {
        heading: heading.clone(),
        rows: private,
        in_private: public,
    });
    PackAgenda { rows, part_ii }
}

/// A public item's row; `None` for a paper confidential for this trust in a
/// `--public` build (its title may not appear).
fn public_row(
    model: &Model,
    trust: &Trust,
    item: &AgendaItem,
    public: bool,
    built: &dyn Fn(&str, Format) -> bool,
) -> Option<AgendaRow> {
    let mut row = AgendaRow {
        number: item.number.clone(),
        title: item.title.clone().unwrap_or_default(),
        presenter: item.presenter.clone(),
        purpose: item.purpose.clone(),
        time: item.time.clone(),
        ..AgendaRow::default()
    };
    match &item.what {
        ItemKind::Business => {}
        ItemKind::File(_) => row.note = Some(IN_PDF_PACK.into()),
        ItemKind::Paper(id) => {
            let front = model
                .papers
                .iter()
                .find(|p| &p.id == id)
                .map(|p| merged(&p.front, &trust.id));
            let confidential = front.as_ref().and_then(|f| f.confidential) == Some(true);
            if confidential && public {
                return None;
            }
            if row.title.is_empty() {
                row.title = front
                    .as_ref()
                    .and_then(|f| f.title.clone())
                    .unwrap_or_else(|| id.clone());
            }
            row.marking = confidential.then(|| trust.confidential_label.clone());
            row.draft = front
                .as_ref()
                .is_some_and(|f| drafts::is_draft(model.draft.is_some(), f));
            row.issuer = Some(
                front
                    .as_ref()
                    .and_then(|f| f.issuer.clone())
                    .unwrap_or_else(|| model.alliance.clone()),
            );
            row.html = built(id, Format::Html).then(|| format!("{id}.html"));
            row.pdf = built(id, Format::Pdf).then(|| format!("{id}.pdf"));
        }
    }
    Some(row)
}

/// A Part II item: its number and title, nothing else.
fn part_ii_row(model: &Model, trust: &Trust, item: &AgendaItem) -> AgendaRow {
    let title = item.title.clone().unwrap_or_else(|| match &item.what {
        ItemKind::Paper(id) => model
            .papers
            .iter()
            .find(|p| &p.id == id)
            .and_then(|p| merged(&p.front, &trust.id).title)
            .unwrap_or_else(|| id.clone()),
        _ => String::new(),
    });
    AgendaRow {
        number: item.number.clone(),
        title,
        ..AgendaRow::default()
    }
}
