//! `boardpaper check`: every problem in the sources, nothing written.

use std::path::Path;

use crate::build::select;
use crate::commands::{load, Outcome};
use crate::resolve;

pub(crate) fn run(project: Option<&Path>) -> Outcome {
    let (checked, mut diags) = match load(project) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let model = &checked.model;
    if let Err(e) = crate::html::Templates::new(&model.templates) {
        diags.push(e.diagnostic());
    }
    let all = crate::build::Request::default();
    for (trust, paper) in select(model, &all) {
        if checked.sound(&trust.id, &paper.id) {
            diags.extend(resolve::variant(model, paper, trust).diags);
        }
    }
    let variants = select(model, &all).len();
    let summary = format!(
        "checked {} trusts, {} papers, {} variants\n",
        model.trusts.len(),
        model.papers.len(),
        variants
    );
    Outcome::from_diags(diags, summary)
}
