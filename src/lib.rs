//! boardpaper compiles one common NHS board paper into every member trust's
//! own copy, as PDF and HTML.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! sources on disk ──load──▶ raw model (serde) ──check──▶ model + diagnostics
//!       ──resolve(trust)──▶ variant ──markdown──▶ document tree (doc)
//!       ──▶ html renderer (Tera) ──▶ String
//!       ──▶ pdf: layout (measure, break lines, paginate) ──▶ pages of positioned items ──write──▶ bytes
//! build: choose variants, render, write atomically, manifest
//! ```
//!
//! | stage | module |
//! |---|---|
//! | load | [`project`] (all YAML in `yaml`) |
//! | check | `check` (diagnostics in `diag`) |
//! | resolve | `resolve` (template pass, variants, recommendations, front sheet) |
//! | markdown | `markdown` → `doc` |
//! | html | `html` |
//! | pdf | `pdf` (`layout` then `write`) |
//! | build | `build` (selection, rendering, atomic writes, manifest, indexes) |
//! | preview | `preview` (in-memory render, loopback server, watcher) |
//!
//! Only `main.rs` decides exit codes; every stage returns data.

mod build;
mod check;
pub mod cli;
mod colour;
mod commands;
mod date;
pub mod diag;
mod diff;
mod doc;
#[doc(hidden)]
pub mod fuzzing;
mod html;
mod link;
mod markdown;
mod pdf;
mod preview;
mod project;
mod report;
mod resolve;
mod source;
mod terminal;
mod yaml;

pub use commands::{Outcome, Status};

use std::borrow::Cow;

use cli::{Cli, Command, DiagFormat};

/// Runs one command line to completion. What it returns to print (standard
/// output and a failure message) has every control character from the
/// sources escaped ([`terminal`]).
pub fn run(cli: &Cli) -> Outcome {
    let mut outcome = run_command(cli);
    if let Cow::Owned(safe) = terminal::escape(&outcome.stdout) {
        outcome.stdout = safe;
    }
    if let Status::Failed(message) = &mut outcome.status {
        *message = terminal::escape_line(message).into_owned();
    }
    outcome
}

fn run_command(cli: &Cli) -> Outcome {
    let project = cli.project.as_deref();
    match &cli.command {
        Command::Build(args) => commands::build::run(project, args, cli.verbose, cli.quiet),
        Command::Check(_) => commands::check::run(project),
        Command::Preview(args) => commands::preview::run(project, args),
        Command::List => commands::list::run(project),
        Command::DumpLayout { trust, paper } => commands::dump::run(project, trust, paper),
        Command::Diff {
            paper,
            trust_a,
            trust_b,
        } => commands::diff::run(project, paper, trust_a, trust_b),
        Command::Init { dir } => commands::init::run(dir.as_deref()),
        Command::New { paper_id } => commands::new::run(project, paper_id),
    }
}

/// Formats diagnostics for standard error in the chosen format.
pub fn render_diagnostics(diags: &[diag::Diagnostic], format: DiagFormat, colour: bool) -> String {
    diags
        .iter()
        .map(|d| match format {
            DiagFormat::Human => report::human(d, colour),
            DiagFormat::Json => terminal::json_safe(&report::json(d)).into_owned() + "\n",
            DiagFormat::Github => report::github(d) + "\n",
        })
        .collect()
}
