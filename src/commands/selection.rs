//! A `--trust`/`--paper` selection that matches nothing is a usage error
//! (exit 2), with a hint naming what would match: a filtered build that
//! built nothing and said so with exit 0 would hide a typo in a CI matrix.
//! (Unknown ids are caught before, with "did you mean"; a trust whose file
//! did not parse is reported by its parse error instead.)

use crate::assemble::{select, Request};
use crate::check::Model;
use crate::commands::Outcome;

/// The error for a filter that selects no variant, if one does.
pub(crate) fn empty(model: &Model, req: &Request) -> Option<Outcome> {
    let chosen = select(model, req);
    // A trust whose file failed to parse selects nothing, but its parse
    // error (among the diagnostics) is the cause to report, not this.
    let readable = req
        .trusts
        .iter()
        .filter(|t| !crate::check::papers::unreadable_trust(model, t));
    for trust in readable {
        if !chosen.iter().any(|(t, _)| &t.id == trust) {
            let only = Request {
                trusts: vec![trust.clone()],
                public: req.public,
                ..Request::default()
            };
            let receives: Vec<&str> = select(model, &only)
                .iter()
                .map(|(_, p)| p.id.as_str())
                .collect();
            let hint = if receives.is_empty() {
                public_note(req, "it receives no paper")
            } else {
                format!("it receives: {}", receives.join(", "))
            };
            return Some(Outcome::failed(format!(
                "nothing to build: trust `{trust}` receives none of the papers selected; {hint}"
            )));
        }
    }
    for paper in &req.papers {
        if !chosen.iter().any(|(_, p)| &p.id == paper) {
            let only = Request {
                papers: vec![paper.clone()],
                public: req.public,
                ..Request::default()
            };
            let goes_to: Vec<&str> = select(model, &only)
                .iter()
                .map(|(t, _)| t.id.as_str())
                .collect();
            let hint = if goes_to.is_empty() {
                public_note(req, "no trust receives it")
            } else {
                format!("it goes to: {}", goes_to.join(", "))
            };
            return Some(Outcome::failed(format!(
                "nothing to build: paper `{paper}` goes to none of the trusts selected; {hint}"
            )));
        }
    }
    None
}

fn public_note(req: &Request, plain: &str) -> String {
    if req.public {
        format!("{plain} outside Part II (--public leaves confidential papers out)")
    } else {
        plain.to_owned()
    }
}
