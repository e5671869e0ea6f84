//! boardpaper compiles one common NHS board paper into every member trust's
//! own copy, as PDF and HTML.
//!
//! The pipeline, one module per stage:
//!
//! ```text
//! sources on disk ──load──▶ raw model (serde) ──check──▶ model + diagnostics
//!       ──resolve(trust)──▶ variant ──markdown──▶ document tree (doc)
//!       ──▶ html renderer (MiniJinja) ──▶ String
//!       ──▶ pdf: layout (measure, break lines, paginate) ──▶ pages of positioned items ──write──▶ bytes
//! assemble (`boardpaper build`): choose variants, render, board packs, write
//!       atomically, manifest, remove stale outputs
//! ```
//!
//! | stage | modules |
//! |---|---|
//! | foundations | `source`, `diag` (with `suggest`), `report` (one diagnostic, for any stage to show), `date`, `colour`, `yaml` (all YAML), `sandbox` (the template engine's sandbox), `link` (the one link policy), `terminal` (control characters escaped for printing), `timings` (time per stage, for `--timings`), `failure` (operational failures: the operation, the path, why) |
//! | sources | `project` (the one door for files, the image store, formats, trust variants overlaid) |
//! | check | `check` |
//! | markdown | `markdown` → `document` (the document tree; the converter that resolving calls) |
//! | resolve | `resolve` (template pass, variants, recommendations, front sheet) |
//! | load | `load` (find the project, read and check it: the one way in for every command and the preview) |
//! | html | `html` |
//! | pdf | `pdf` (`layout` then `write`; `import` reads existing PDFs whose pages a pack places) |
//! | assemble | `assemble` (what `build` does: selection, rendering into a sink, board packs in `assemble::pack`, atomic writes, manifest; state in `.boardpaper/`, stale outputs, the `--public` check, merging shards) |
//! | preview | `preview` (in-memory render, loopback server, watcher) |
//! | front ends | `console` (which stream: human text, JSON lines, GitHub annotations), `diff`, `import` (Word documents into sources), `commands`, `cli`, `fuzzing` |
//!
//! Each stage names only its own and earlier rows' modules, never a later
//! one (tests/layers.rs reads this table).
//!
//! Only `main.rs` decides exit codes; every stage returns data.

mod assemble;
mod check;
pub mod cli;
mod colour;
mod commands;
pub mod console;
mod date;
pub mod diag;
mod diff;
mod document;
mod failure;
#[doc(hidden)]
pub mod fuzzing;
mod html;
mod import;
mod link;
mod load;
mod markdown;
mod pdf;
mod preview;
mod project;
mod report;
mod resolve;
mod sandbox;
mod source;
mod terminal;
mod timings;
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
        Command::Build(args) => commands::build::run(project, args, cli.verbose > 0, cli.quiet),
        Command::Check(args) => commands::check::run(project, args.as_of.as_deref()),
        Command::Merge(args) => commands::merge::run(project, args),
        Command::Completions { shell } => commands::docs::completions(*shell),
        Command::Man => commands::docs::man(),
        Command::Docs { topic } => commands::docs::docs(*topic),
        Command::Preview(args) => commands::preview::run(project, args),
        Command::List(args) => commands::list::run(project, args),
        Command::DumpLayout { trust, paper, tags } => {
            commands::dump::run(project, trust, paper, *tags)
        }
        Command::Diff(args) => commands::diff::run(project, args),
        Command::Init { dir } => commands::init::run(dir.as_deref()),
        Command::New { paper_id } => commands::new::run(project, paper_id),
        Command::Import(args) => commands::import::run(project, args),
    }
}

/// The project folder the command line names or the current folder lies in.
pub fn project_root(cli: &Cli) -> Option<std::path::PathBuf> {
    commands::root(cli.project.as_deref()).ok()
}

/// The diagnostic format a command line asks for (human unless `check
/// --format` or `build --message-format` says otherwise).
pub fn diag_format(cli: &Cli) -> DiagFormat {
    match &cli.command {
        Command::Check(args) => args.diag_format(),
        Command::Build(args) => args.message_format,
        Command::Import(args) => args.message_format,
        _ => DiagFormat::Human,
    }
}

/// Formats diagnostics in the chosen format (GitHub paths project-relative).
pub fn render_diagnostics(diags: &[diag::Diagnostic], format: DiagFormat, colour: bool) -> String {
    diags
        .iter()
        .map(|d| match format {
            DiagFormat::Human => report::human(d, colour),
            DiagFormat::Json => terminal::json_safe(&report::json(d)).into_owned() + "\n",
            DiagFormat::Github => report::github(d, std::path::Path::new("")) + "\n",
        })
        .collect()
}
