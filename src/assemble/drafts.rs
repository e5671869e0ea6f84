//! A final build (`build --final`): every draft the build selects is
//! reported at its `draft:` value (boardpaper.yaml's for a draft cycle, the
//! paper's or its trust variant's otherwise), as an error that keeps every
//! output of that copy from being written (`drafts: refuse`, the default)
//! or as a warning (`drafts: warn`). Every other copy is still built. A
//! draft cycle's board packs are refused with its papers.

use std::collections::BTreeSet;

use super::{select, Request};
use crate::check::{drafts, Checked};
use crate::diag::Diagnostic;
use crate::project::variant::merged;
use crate::project::Drafts;

/// Reports the drafts `req` selects and, under `refuse`, marks their
/// copies refused in `checked`.
pub(crate) fn finalise(checked: &mut Checked, req: &Request, diags: &mut Vec<Diagnostic>) {
    let model = &checked.model;
    let policy = model.drafts;
    let mut refused = BTreeSet::new();
    let mut reported = BTreeSet::new();
    let cycle = model.draft.clone();
    if let Some(d) = &cycle {
        diags.push(drafts::severity(d.clone(), policy));
    }
    for (trust, paper) in select(model, req) {
        if !checked.sound(&trust.id, &paper.id) {
            continue;
        }
        let f = merged(&paper.front, &trust.id);
        let own = drafts::paper(paper, &f, policy);
        if own.is_none() && cycle.is_none() {
            continue;
        }
        if let Some(d) = own {
            // A paper's draft line is reported once, whichever trusts
            // receive it.
            if reported.insert((d.file.clone(), d.pos)) {
                diags.push(d);
            }
        }
        if policy == Drafts::Refuse {
            refused.insert((trust.id.clone(), paper.id.clone()));
        }
    }
    // A draft cycle's packs are drafts too: refused with its papers.
    if cycle.is_some() && policy == Drafts::Refuse {
        for trust in &model.trusts {
            for pack in [super::pack::PACK, super::pack::PACK_PART_II] {
                refused.insert((trust.id.clone(), pack.to_owned()));
            }
        }
    }
    checked.refused.extend(refused);
}
