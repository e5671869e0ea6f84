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
            let resolved = resolve::variant(model, paper, trust);
            diags.extend(resolved.diags);
            let html = model.formats.iter().any(|f| f == "html");
            if let Some(doc) = resolved.doc.filter(|_| html) {
                diags.extend(crate::html::embed_budget(&doc).err());
            }
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
