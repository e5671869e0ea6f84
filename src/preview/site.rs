//! The site the preview serves: the last good output of every variant, the
//! errors of the latest render, and a version that changes whenever what a
//! page would show changes (the open pages poll it to know when to reload).

use std::collections::BTreeMap;

use super::render::Snapshot;
use crate::diag::Diagnostic;

#[derive(Debug, Default)]
pub(crate) struct Site {
    pub(crate) version: u64,
    pub(crate) files: BTreeMap<String, Vec<u8>>,
    pub(crate) trusts: Vec<(String, String)>,
    pub(crate) papers: Vec<(String, String)>,
    pub(crate) errors: Vec<Diagnostic>,
}

/// Which render a snapshot comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pass {
    /// HTML copies only: the index pages in it lack the PDF links, so they
    /// are not taken, and the PDFs stay as they were.
    Html,
    /// Both formats and the index pages.
    Full,
}

impl Site {
    /// Takes a new render. With errors, a variant that failed keeps its last
    /// good output (only what did render replaces the old files); without
    /// errors the site becomes exactly the new render. Returns whether
    /// anything a page shows changed (and so whether the version moved on:
    /// a new PDF alone reloads no page).
    pub(crate) fn apply(&mut self, snap: Snapshot, pass: Pass) -> bool {
        let files = if snap.errors.is_empty() && pass == Pass::Full {
            snap.files
        } else {
            let mut merged = self.files.clone();
            merged.extend(
                snap.files
                    .into_iter()
                    .filter(|(k, _)| pass == Pass::Full || !is_index(k)),
            );
            merged
        };
        let changed = html(&files).ne(html(&self.files)) || snap.errors != self.errors;
        self.files = files;
        if !snap.trusts.is_empty() {
            self.trusts = snap.trusts;
            self.papers = snap.papers;
        }
        self.errors = snap.errors;
        if changed {
            self.version += 1;
        }
        changed
    }

    /// The trusts that have an HTML copy of `paper`, as (id, short name).
    pub(crate) fn recipients(&self, paper: &str) -> Vec<&(String, String)> {
        self.trusts
            .iter()
            .filter(|(t, _)| self.files.contains_key(&format!("{t}/{paper}.html")))
            .collect()
    }

    /// The papers `trust` has an HTML copy of, as (id, title).
    pub(crate) fn papers_of(&self, trust: &str) -> Vec<&(String, String)> {
        self.papers
            .iter()
            .filter(|(p, _)| self.files.contains_key(&format!("{trust}/{p}.html")))
            .collect()
    }
}

fn is_index(rel: &str) -> bool {
    rel == "index.html" || rel.ends_with("/index.html")
}

/// The HTML files, what the open pages show.
fn html(files: &BTreeMap<String, Vec<u8>>) -> impl Iterator<Item = (&String, &Vec<u8>)> {
    files.iter().filter(|(k, _)| k.ends_with(".html"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::source::Pos;

    fn snap(files: &[(&str, &str)], errors: usize) -> Snapshot {
        Snapshot {
            files: files
                .iter()
                .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
                .collect(),
            errors: (0..errors)
                .map(|_| Diagnostic::error(Code::Yaml, "papers/a.md", Pos::new(2, 3), "bad"))
                .collect(),
            ..Snapshot::default()
        }
    }

    #[test]
    fn a_broken_render_keeps_the_last_good_files() {
        let mut site = Site::default();
        let full = Pass::Full;
        assert!(site.apply(snap(&[("lpt/a.html", "one"), ("lpt/b.html", "b")], 0), full));
        assert_eq!(site.version, 1);
        assert!(site.apply(snap(&[("lpt/b.html", "b2")], 1), full));
        assert_eq!(site.files["lpt/a.html"], b"one");
        assert_eq!(site.files["lpt/b.html"], b"b2");
        assert_eq!(site.errors.len(), 1);
        assert!(site.apply(snap(&[("lpt/b.html", "b2")], 0), full));
        assert!(!site.files.contains_key("lpt/a.html"));
        assert!(site.errors.is_empty());
    }

    #[test]
    fn an_unchanged_render_keeps_the_version() {
        let mut site = Site::default();
        site.apply(snap(&[("index.html", "x")], 0), Pass::Full);
        assert!(!site.apply(snap(&[("index.html", "x")], 0), Pass::Full));
        assert!(!site.apply(snap(&[("index.html", "x"), ("a.pdf", "p")], 0), Pass::Full));
        assert_eq!(site.version, 1);
    }

    #[test]
    fn the_html_pass_keeps_the_pdfs_and_the_index_pages() {
        let mut site = Site::default();
        site.apply(
            snap(&[("index.html", "i"), ("lpt/a.pdf", "p")], 0),
            Pass::Full,
        );
        assert!(site.apply(
            snap(&[("index.html", "-"), ("lpt/a.html", "a")], 0),
            Pass::Html
        ));
        assert_eq!(site.files["index.html"], b"i");
        assert_eq!(site.files["lpt/a.pdf"], b"p");
        assert_eq!(site.files["lpt/a.html"], b"a");
    }
}
