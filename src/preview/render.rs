//! The preview's renders through the build pipeline, kept in memory (the
//! build cache is never consulted, nothing is written): the project
//! loaded and checked ([`load`]); the PDF copies and board packs of every
//! variant, trust by trust ([`pdf_pass`]); and the index pages of what the site holds
//! ([`index_pages`]). The HTML copies are made variant by variant
//! (`variants`), so that an edit renders again only what it touched.

use std::collections::BTreeMap;
use std::path::Path;

use crate::assemble::pack::index;
use crate::assemble::{self, cache, Content, Output, Request};
use crate::check::{Checked, Model};
use crate::diag::{self, Code, Diagnostic};
use crate::html;
use crate::load::{self, LoadError};
use crate::project::Format;
use crate::source::Pos;

/// Output path → bytes.
pub(crate) type Files = BTreeMap<String, Vec<u8>>;

/// A loaded project and the problems of loading and checking it, or (when
/// it could not be loaded at all) only the problems, tidied.
pub(crate) type Loaded = Result<(Checked, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Loads and checks the project at `root`.
pub(crate) fn load(root: &Path) -> Loaded {
    match load::load(Some(root), None) {
        Ok(x) => Ok(x),
        Err(LoadError::NotAProject(message)) => Err(failed(Some(message), Vec::new())),
        Err(LoadError::Sources(diags)) => Err(failed(None, diags)),
    }
}

/// The problems of a project that could not be loaded: `message` (no
/// project there) and `diags`, tidied.
fn failed(message: Option<String>, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if let Some(message) = message {
        diags.push(Diagnostic::error(
            Code::Project,
            crate::project::CONFIG_FILE,
            Pos::new(1, 1),
            message,
        ));
    }
    diag::tidy(&mut diags);
    diags
}

/// The PDF copy of every sound variant and each trust's board packs, as
/// `build` makes them (so the pack links of the index pages lead
/// somewhere), by output path; and the problems of making them. Made
/// trust by trust, asking `go_on` before each: `None` when it said no (a
/// newer change came: the work is dropped within one trust's time).
pub(crate) fn pdf_pass(
    checked: &Checked,
    go_on: &(dyn Fn() -> bool + Sync),
) -> Option<(Files, Vec<Diagnostic>)> {
    let mut files = BTreeMap::new();
    let mut diags = Vec::new();
    for trust in &checked.model.trusts {
        if !go_on() {
            return None;
        }
        let req = Request {
            trusts: vec![trust.id.clone()],
            formats: vec![Format::Pdf],
            packs: true,
            ..Request::default()
        };
        let outputs = assemble::render_all(checked, &req, &mut diags);
        files.extend(
            outputs
                .into_iter()
                .filter(|o| o.format == Format::Pdf)
                .filter_map(|o| match o.content {
                    Content::Fresh { bytes, .. } => {
                        Some((rel(&o.trust, &o.paper, o.format), bytes))
                    }
                    _ => None,
                }),
        );
    }
    Some((files, diags))
}

/// The index pages for the outputs at `paths` (what the site holds), as
/// `build` writes them for the same outputs.
pub(crate) fn index_pages<'a>(
    model: &Model,
    paths: impl Iterator<Item = &'a String>,
) -> (BTreeMap<String, Vec<u8>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let templates = match html::Templates::new(&model.templates) {
        Ok(t) => t,
        Err(e) => {
            diags.push(e.diagnostic());
            return (BTreeMap::new(), diags);
        }
    };
    let outputs: Vec<Output> = paths.filter_map(|p| output(p)).collect();
    let pages = index::pages(&templates, model, &outputs, false, &mut diags);
    let files = pages
        .into_iter()
        .filter_map(|o| {
            let path = o.rel_string();
            match o.content {
                Content::Fresh { bytes, .. } => Some((path, bytes)),
                _ => None,
            }
        })
        .collect();
    (files, diags)
}

/// The output at `path` (`lpt/a.html`), for the index pages; `None` for an
/// index page.
fn output(path: &str) -> Option<Output> {
    let (trust, file) = path.rsplit_once('/').unwrap_or(("", path));
    let (paper, ext) = file.rsplit_once('.')?;
    let format = Format::ALL.into_iter().find(|f| f.ext() == ext)?;
    if paper == "index" && format == Format::Html {
        return None;
    }
    Some(Output {
        trust: trust.to_owned(),
        paper: paper.to_owned(),
        format,
        content: Content::Unchanged(cache::Entry::default()),
    })
}

/// Whether `path` is an index page.
pub(crate) fn is_index(path: &str) -> bool {
    path == "index.html" || path.ends_with("/index.html")
}

/// The path `build` writes an output to, with `/` separators.
pub(crate) fn rel(trust: &str, paper: &str, format: Format) -> String {
    if trust.is_empty() {
        format!("{paper}.{}", format.ext())
    } else {
        format!("{trust}/{paper}.{}", format.ext())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_outputs_and_index_pages_as_none() {
        let o = output("lpt/a.pdf").map(|o| (o.trust, o.paper, o.format));
        assert_eq!(o, Some(("lpt".into(), "a".into(), Format::Pdf)));
        assert!(output("lpt/index.html").is_none());
        assert!(output("index.html").is_none());
        assert!(output("lpt/notes.txt").is_none());
        assert_eq!(rel("lpt", "a", Format::Html), "lpt/a.html");
    }
}
