//! `boardpaper diff --paper ID TRUST-A TRUST-B`: is each board getting the same paper?
//! With `--exit-code`, exits 1 when the copies differ (as `git diff --exit-code`).

use std::path::Path;

use crate::cli::DiffArgs;
use crate::commands::{load, Outcome, Status};
use crate::diag::suggest;
use crate::{diff, resolve};

pub(crate) fn run(project: Option<&Path>, args: &DiffArgs) -> Outcome {
    let (paper_id, a, b) = (args.paper.as_str(), &args.trust_a, &args.trust_b);
    let (checked, diags) = match load(project) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let m = &checked.model;
    let Some(paper) = m.papers.iter().find(|p| p.id == paper_id) else {
        let ids = m.papers.iter().map(|p| p.id.as_str());
        return Outcome::failed(unknown("paper", paper_id, ids.collect()));
    };
    let mut docs = Vec::new();
    let mut problems = diags;
    for id in [a, b] {
        let Some(trust) = m.trust(id) else {
            if crate::check::papers::unreadable_trust(m, id) {
                // Its parse error, among the diagnostics, is the cause.
                return Outcome::from_diags(problems, String::new());
            }
            return Outcome::failed(unknown("trust", id, m.trust_ids().collect()));
        };
        if !m.recipients(paper).iter().any(|t| &t.id == id) {
            let to: Vec<&str> = m.recipients(paper).iter().map(|t| t.id.as_str()).collect();
            return Outcome::failed(format!(
                "paper `{paper_id}` does not go to `{id}` (it goes to: {})",
                to.join(", ")
            ));
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
    let (text, differences) = diff::report(&docs[0], &docs[1]);
    let outcome = Outcome::from_diags(
        problems.into_iter().filter(|d| d.is_error()).collect(),
        text,
    )
    .fact("differences", differences);
    if args.exit_code && differences > 0 && outcome.status == Status::Ok {
        return Outcome {
            status: Status::Differ,
            ..outcome
        };
    }
    outcome
}

/// "unknown trust `lpx`: did you mean `lpt`?" (or the known ids).
fn unknown(what: &str, id: &str, known: Vec<&str>) -> String {
    let hint = suggest::did_you_mean(id, known.iter().copied())
        .unwrap_or_else(|| format!("known: {}", known.join(", ")));
    format!("unknown {what} `{id}`: {hint}")
}
