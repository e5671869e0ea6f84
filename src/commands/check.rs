//! `boardpaper check`: every problem in the sources, nothing written.

use std::path::Path;

use crate::build::select;
use crate::commands::{load, Outcome};
use crate::diag::{Code, Diagnostic};
use crate::resolve;
use crate::source::Pos;

pub(crate) fn run(project: Option<&Path>) -> Outcome {
    let (checked, mut diags) = match load(project) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let model = &checked.model;
    if let Err(e) = crate::html::Templates::new(&model.templates) {
        diags.push(Diagnostic::error(
            Code::TemplateOverride,
            Path::new("templates").join(&e.file),
            Pos::new(1, 1),
            e.message,
        ));
    }
    let all = crate::build::Request::default();
    for (trust, paper) in select(model, &all) {
        if checked.sound(&trust.id, &paper.id) {
            diags.extend(resolve::variant(model, paper, trust).diags);
        }
    }
    let variants = select(model, &all).len();
    let count = crate::output::count;
    let summary = format!(
        "checked {}, {}, {}\n",
        count(model.trusts.len(), "trust"),
        count(model.papers.len(), "paper"),
        count(variants, "variant")
    );
    Outcome::from_diags(diags, summary)
        .fact("trusts", model.trusts.len())
        .fact("papers", model.papers.len())
        .fact("variants", variants)
}
