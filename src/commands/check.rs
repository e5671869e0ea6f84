//! `boardpaper check`: every problem in the sources, nothing written.
//!
//! A project's own `templates/` are untrusted like its papers, so when it
//! has any, every sound variant's page and the index pages are rendered in
//! memory too (and thrown away): an override that calls a function that
//! does not exist, includes a missing template or spends a budget fails
//! `check`, not only `build`.

use std::path::Path;

use crate::assemble::{select, Content, Output};
use crate::commands::{load, Outcome};
use crate::diag::Diagnostic;
use crate::html::{self, Templates};
use crate::project::Format;
use crate::resolve;

pub(crate) fn run(project: Option<&Path>, as_of: Option<&str>) -> Outcome {
    let as_of = match as_of.map(crate::date::Date::parse).transpose() {
        Ok(d) => d,
        Err(e) => return Outcome::failed(format!("--as-of: {e}")),
    };
    let (checked, mut diags) = match load(project) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let model = &checked.model;
    // The clock is read only when a trust has a deadline to judge by it.
    if !model.business.deadlines.is_empty() {
        let today = as_of.unwrap_or_else(today);
        diags.extend(crate::check::business::deadline::late_drafts(model, today));
    }
    let overrides = match Templates::new(&model.templates) {
        Ok(t) => (!model.templates.is_empty()).then_some(t),
        Err(e) => {
            diags.push(e.diagnostic());
            None
        }
    };
    let all = crate::assemble::Request::default();
    let mut pages = Vec::new();
    for (trust, paper) in select(model, &all) {
        if checked.sound(&trust.id, &paper.id) {
            let resolved = resolve::variant(model, paper, trust);
            diags.extend(resolved.diags);
            let html = model.formats.contains(&Format::Html);
            if let Some(doc) = resolved.doc.as_ref().filter(|_| html) {
                diags.extend(crate::html::embed_budget(doc).err());
            }
            if let (Some(t), Some(doc)) = (&overrides, &resolved.doc) {
                pages.push(page(t, doc, &trust.id, &paper.id, &mut diags));
            }
        }
    }
    if let Some(t) = &overrides {
        crate::assemble::pack::index::pages(t, model, &pages, false, &mut diags);
    }
    diags.extend(crate::assemble::pack::own_notes(&checked));
    let variants = select(model, &all).len();
    let count = crate::report::count;
    let unread = model.unreadable_trusts.len();
    let trusts = model.trusts.len() + unread;
    let unread_note = match unread {
        0 => String::new(),
        n => format!(" ({n} could not be read)"),
    };
    let summary = format!(
        "checked {}{unread_note}, {}, {}\n",
        count(trusts, "trust"),
        count(model.papers.len(), "paper"),
        count(variants, "variant")
    );
    Outcome::from_diags(diags, summary)
        .fact("trusts", trusts)
        .fact("papers", model.papers.len())
        .fact("variants", variants)
}

/// Today's date (UTC), read here, at the command's front door only.
fn today() -> crate::date::Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    crate::date::Date::from_days((secs / 86_400) as i64)
}

/// Renders one variant's page through the project's templates; the result
/// stands for the page on the index pages.
fn page(
    t: &Templates,
    doc: &crate::document::Document,
    trust: &str,
    paper: &str,
    diags: &mut Vec<Diagnostic>,
) -> Output {
    let bytes = html::render_paper(t, doc)
        .map(String::into_bytes)
        .unwrap_or_else(|e| {
            diags.push(e.diagnostic());
            Vec::new()
        });
    Output {
        trust: trust.to_string(),
        paper: paper.to_string(),
        format: Format::Html,
        content: Content::Fresh { bytes, entry: None },
    }
}
