//! One preview render: the whole project through the build pipeline
//! (load, check, resolve, HTML and PDF), kept in memory. Nothing is written:
//! the build cache is never consulted, so every output comes back as bytes.
//!
//! A change is rendered twice: HTML only first (fast: the open page reloads
//! at once), then both formats (PDF layout is the slow part, seconds in a
//! debug build) to refresh the PDF copies and the index pages.

use std::collections::BTreeMap;
use std::path::Path;

use crate::assemble::{self, Content, Request};
use crate::diag::{self, Code, Diagnostic};
use crate::load::{self, LoadError};
use crate::project::Format;
use crate::source::Pos;

/// Everything one render produced.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Snapshot {
    /// Output path as `build` would write it (`lpt/ema-update.html`,
    /// `lpt/index.html`, `index.html`) → bytes.
    pub(crate) files: BTreeMap<String, Vec<u8>>,
    /// (id, short name) of every trust, in project order.
    pub(crate) trusts: Vec<(String, String)>,
    /// (id, title) of every paper, in project order.
    pub(crate) papers: Vec<(String, String)>,
    /// The errors in the sources (warnings go to the terminal only).
    pub(crate) errors: Vec<Diagnostic>,
    pub(crate) warnings: usize,
    /// The project's output folder, relative to its root (ignored by the watcher).
    pub(crate) output: Option<String>,
}

/// Renders every variant of the project at `root` in `formats`.
pub(crate) fn snapshot(root: &Path, formats: &[Format]) -> Snapshot {
    let (checked, mut diags) = match load::load(Some(root), None) {
        Ok(x) => x,
        Err(LoadError::NotAProject(message)) => return failed(Some(message), Vec::new()),
        Err(LoadError::Sources(diags)) => return failed(None, diags),
    };
    let model = &checked.model;
    // No output folder: every output is rendered afresh, kept in memory,
    // and nothing is written.
    // Each trust's board packs too (with PDFs), as `build` makes them, so
    // the pack links of the index pages lead somewhere.
    let req = Request {
        formats: formats.to_vec(),
        packs: true,
        ..Request::default()
    };
    let outputs = assemble::render_all(&checked, &req, &mut diags);
    let files = outputs
        .into_iter()
        .filter_map(|o| match o.content {
            Content::Fresh { bytes, .. } => Some((rel(&o.trust, &o.paper, o.format), bytes)),
            _ => None,
        })
        .collect();
    let mut snap = failed(None, diags);
    snap.files = files;
    snap.trusts = model
        .trusts
        .iter()
        .map(|t| (t.id.clone(), t.short.clone()))
        .collect();
    snap.papers = model
        .papers
        .iter()
        .map(|p| (p.id.clone(), p.front.title.clone().unwrap_or(p.id.clone())))
        .collect();
    snap.output = Some(model.output.clone());
    snap
}

/// A snapshot with no outputs: only the problems (and the message of a
/// project that could not be loaded at all).
fn failed(message: Option<String>, mut diags: Vec<Diagnostic>) -> Snapshot {
    if let Some(message) = message {
        diags.push(Diagnostic::error(
            Code::Project,
            crate::project::CONFIG_FILE,
            Pos::new(1, 1),
            message,
        ));
    }
    diag::tidy(&mut diags);
    let warnings = diags.iter().filter(|d| !d.is_error()).count();
    diags.retain(Diagnostic::is_error);
    Snapshot {
        errors: diags,
        warnings,
        ..Snapshot::default()
    }
}

/// The path `build` writes an output to, with `/` separators.
pub(crate) fn rel(trust: &str, paper: &str, format: Format) -> String {
    if trust.is_empty() {
        format!("{paper}.{}", format.ext())
    } else {
        format!("{trust}/{paper}.{}", format.ext())
    }
}
