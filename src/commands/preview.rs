//! `boardpaper preview`: render the project into memory, serve it on
//! 127.0.0.1 and re-render on every change (see `crate::preview`).

use std::path::Path;

use crate::cli::PreviewArgs;
use crate::commands::{root, Outcome};
use crate::preview;

pub(crate) fn run(project: Option<&Path>, args: &PreviewArgs) -> Outcome {
    crate::pdf::Fonts::warm_builtin();
    let root = match root(project) {
        Ok(r) => r,
        Err(e) => return Outcome::failed_with(crate::diag::Code::Project, e),
    };
    let server = match preview::listen(args.port) {
        Ok(s) => s,
        Err(e) => return Outcome::failed(e),
    };
    let first = preview::first_render(&root);
    let start = match preview::start_page(&first, args.trust.as_deref(), args.paper.as_deref()) {
        Ok(s) => s,
        Err(e) => return Outcome::failed(e),
    };
    let opts = preview::Options {
        start,
        open: args.open,
    };
    match preview::run(&root, server, first, &opts) {
        Ok(()) => Outcome::from_diags(Vec::new(), String::new()),
        Err(e) => Outcome::failed(e),
    }
}
