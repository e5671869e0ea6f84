//! `boardpaper diff --paper ID TRUST-A TRUST-B`: is each board getting the same paper?

use std::path::Path;

use crate::commands::{load, Outcome};
use crate::{diff, resolve};

pub(crate) fn run(project: Option<&Path>, paper_id: &str, a: &str, b: &str) -> Outcome {
    let (checked, diags) = match load(project) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let m = &checked.model;
    let Some(paper) = m.papers.iter().find(|p| p.id == paper_id) else {
        return Outcome::failed(format!("unknown paper `{paper_id}`"));
    };
    let mut docs = Vec::new();
    let mut problems = diags;
    for id in [a, b] {
        let Some(trust) = m.trust(id) else {
            return Outcome::failed(format!("unknown trust `{id}`"));
        };
        if !m.recipients(paper).iter().any(|t| t.id == id) {
            return Outcome::failed(format!("paper `{paper_id}` does not go to `{id}`"));
        }
        if !checked.sound(id, paper_id) {
            return Outcome::from_diags(problems, String::new());
        }
        let r = resolve::variant(m, paper, trust);
        problems.extend(r.diags);
        match r.doc {
            Some(d) => docs.push(d),
            None => return Outcome::from_diags(problems, String::new()),
        }
    }
    let (text, _) = diff::report(&docs[0], &docs[1]);
    Outcome::from_diags(
        problems.into_iter().filter(|d| d.is_error()).collect(),
        text,
    )
}
