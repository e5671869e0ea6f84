//! The site the preview serves: the last good output of every variant, the
//! errors of the latest render, the pages a change touched that are still
//! to be rendered again ([`Site::stale`]: served only once they are), and
//! a version that moves on whenever what an open page shows may have
//! changed (the open pages poll it to know when to reload).

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;

#[derive(Debug, Default)]
pub(crate) struct Site {
    pub(crate) version: u64,
    pub(crate) files: BTreeMap<String, Vec<u8>>,
    pub(crate) trusts: Vec<(String, String)>,
    pub(crate) papers: Vec<(String, String)>,
    pub(crate) errors: Vec<Diagnostic>,
    /// The errors only the last PDF pass found (a PDF over the page
    /// limit): shown until the next PDF pass.
    pub(crate) pdf_errors: Vec<Diagnostic>,
    /// HTML pages a change touched and not yet rendered again: a request
    /// for one waits until it is, so no page is served stale.
    pub(crate) stale: BTreeSet<String>,
}

impl Site {
    /// Stores `bytes` at `path`; whether that changed what is served.
    pub(crate) fn put(&mut self, path: String, bytes: Vec<u8>) -> bool {
        self.stale.remove(&path);
        if self.files.get(&path) == Some(&bytes) {
            return false;
        }
        self.files.insert(path, bytes);
        true
    }

    /// Takes `errors` as the latest; whether they differ from the last.
    pub(crate) fn set_errors(&mut self, errors: Vec<Diagnostic>) -> bool {
        let changed = self.errors != errors;
        self.errors = errors;
        changed
    }

    /// Moves the version on: every open page reloads.
    pub(crate) fn bump(&mut self) {
        self.version += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn putting_the_same_bytes_changes_nothing_and_clears_stale() {
        let mut site = Site::default();
        site.stale.insert("lpt/a.html".into());
        assert!(site.put("lpt/a.html".into(), b"one".to_vec()));
        assert!(site.stale.is_empty());
        assert!(!site.put("lpt/a.html".into(), b"one".to_vec()));
        assert!(site.put("lpt/a.html".into(), b"two".to_vec()));
        assert!(!site.set_errors(Vec::new()));
    }
}
