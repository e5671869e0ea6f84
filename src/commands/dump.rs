//! `boardpaper dump-layout --trust ID --paper ID [--tags]` (hidden): the
//! laid-out PDF pages of one variant as readable text, or with `--tags` its
//! structure tree (each element's role and text), for golden layout tests.
//! `--paper pack` (or `pack-part-ii`) dumps the cover and agenda pages of
//! the trust's board pack as laid out in it.

use std::path::Path;

use crate::commands::{load, Outcome};
use crate::{pdf, resolve};

pub(crate) fn run(project: Option<&Path>, trust_id: &str, paper_id: &str, tags: bool) -> Outcome {
    let (checked, diags) = match load(project) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let m = &checked.model;
    if crate::assemble::pack::is_pack(paper_id) {
        return match crate::assemble::pack::dump_front(&checked, trust_id, paper_id) {
            Some(text) => Outcome::from_diags(diags, text),
            None => Outcome::failed(format!("trust `{trust_id}` has no `{paper_id}`")),
        };
    }
    let (Some(trust), Some(paper)) = (
        m.trust(trust_id),
        m.papers.iter().find(|p| p.id == paper_id),
    ) else {
        return Outcome::failed(format!("unknown trust `{trust_id}` or paper `{paper_id}`"));
    };
    let mut problems = diags;
    let resolved = resolve::variant(m, paper, trust);
    problems.extend(resolved.diags);
    let fonts = pdf::Fonts::builtin();
    let text = resolved
        .doc
        .map(|doc| {
            let laid = pdf::lay_out(&doc, &fonts);
            if tags {
                pdf::dump_tags(&laid.laid)
            } else {
                pdf::dump(&laid.sheets(&doc.meta, &fonts))
            }
        })
        .unwrap_or_default();
    Outcome::from_diags(problems, text)
}
