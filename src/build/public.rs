//! The check after a `--public` build: nothing in the output folder names a
//! confidential (Part II) paper. Every file is looked at, whoever wrote it:
//! its path (a file named after the paper), and its bytes (the paper's
//! title, plain, HTML-escaped or as a PDF's UTF-16 text string, and links to
//! `<id>.pdf` or `<id>.html`; the index pages and manifest by
//! `<trust>/<id>.`). Symlinks are reported by name but never followed.
//!
//! A paper confidential for some trusts only (through `variants`) is looked
//! for in those trusts' folders and in the cycle's own files by path; a
//! paper confidential for every trust that receives it is looked for
//! everywhere.

use std::path::Path;

use aho_corasick::AhoCorasick;
use walkdir::WalkDir;

use crate::check::Model;
use crate::diag::{Code, Diagnostic};
use crate::project::merge::merged;
use crate::source::Pos;

/// One confidential copy: a paper, as one trust receives it.
struct Secret {
    trust: String,
    paper: String,
    /// Strings that name the paper, in any file where it may not appear.
    names: Vec<Vec<u8>>,
    /// Confidential for every trust that receives it.
    everywhere: bool,
}

/// Every file in `out` that names a confidential paper, as an error each
/// (`shown` is the folder as the user named it).
pub(crate) fn verify(model: &Model, out: &Path, shown: &Path) -> Vec<Diagnostic> {
    let secrets = secrets(model);
    if secrets.is_empty() {
        return Vec::new();
    }
    let Some(finder) = Finder::new(&secrets) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in WalkDir::new(out).follow_links(false).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let Ok(rel) = entry.path().strip_prefix(out) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.is_empty() || entry.file_type().is_dir() {
            continue;
        }
        let bytes = if entry.file_type().is_file() {
            std::fs::read(entry.path()).unwrap_or_default()
        } else {
            Vec::new()
        };
        if let Some((paper, why)) = finder.leak(&rel, &bytes) {
            found.push(
                Diagnostic::error(
                    Code::Io,
                    shown.join(&rel),
                    Pos::new(1, 1),
                    format!("after a --public build, this file names the confidential paper `{paper}` ({why})"),
                )
                .with_hint(Some(
                    "do not upload the output folder: remove this file (boardpaper did not write it, or it was changed) and build again".into(),
                )),
            );
        }
    }
    found
}

/// Every string that names a confidential copy, searched for in one pass.
struct Finder<'s> {
    secrets: &'s [Secret],
    /// One automaton over every pattern; `owners[i]` says whose pattern `i`
    /// is and whether it counts everywhere (a path) or only where the
    /// secret is secret (a title, an id link).
    automaton: AhoCorasick,
    owners: Vec<(usize, bool)>,
    patterns: Vec<Vec<u8>>,
}

impl<'s> Finder<'s> {
    fn new(secrets: &'s [Secret]) -> Option<Finder<'s>> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (i, s) in secrets.iter().enumerate() {
            // A path as written, and as the templates escape it in an href.
            for path in [
                format!("{}/{}.", s.trust, s.paper),
                format!("{}&#x2F;{}.", s.trust, s.paper),
            ] {
                patterns.push(path.into_bytes());
                owners.push((i, true));
            }
            for name in &s.names {
                patterns.push(name.clone());
                owners.push((i, false));
            }
        }
        let automaton = AhoCorasick::new(&patterns).ok()?;
        Some(Finder {
            secrets,
            automaton,
            owners,
            patterns,
        })
    }

    /// The first confidential paper `rel` (with these bytes) names, and how.
    fn leak(&self, rel: &str, bytes: &[u8]) -> Option<(&'s str, String)> {
        let folder = rel.split_once('/').map(|(f, _)| f);
        let here = |s: &Secret| s.everywhere || folder == Some(s.trust.as_str());
        let stem = |part: &str| part.split('.').next().unwrap_or_default().to_owned();
        for s in self.secrets.iter().filter(|s| here(s)) {
            if rel.split('/').any(|part| stem(part) == s.paper) {
                return Some((&s.paper, "by its file name".into()));
            }
        }
        let hit = self
            .automaton
            .find_overlapping_iter(bytes)
            .map(|m| m.pattern().as_usize())
            .find(|&p| {
                let (owner, anywhere) = self.owners[p];
                anywhere || here(&self.secrets[owner])
            })?;
        let paper = &self.secrets[self.owners[hit].0].paper;
        let what = String::from_utf8_lossy(&self.patterns[hit]).into_owned();
        Some((paper, format!("it contains `{what}`")))
    }
}

/// Every confidential copy in the project, with the strings that name it.
fn secrets(model: &Model) -> Vec<Secret> {
    let mut out = Vec::new();
    for paper in &model.papers {
        let recipients = model.recipients(paper);
        let copies: Vec<_> = recipients
            .iter()
            .map(|t| (t.id.clone(), merged(&paper.front, &t.id)))
            .collect();
        let everywhere = copies.iter().all(|(_, f)| f.confidential == Some(true));
        for (trust, front) in copies {
            if front.confidential != Some(true) {
                continue;
            }
            let id = &paper.id;
            let mut names: Vec<Vec<u8>> = [format!("{id}.pdf"), format!("{id}.html")]
                .into_iter()
                .map(String::into_bytes)
                .collect();
            names.push(format!("\"{id}\"").into_bytes());
            if let Some(title) = front.title.as_deref().filter(|t| !t.trim().is_empty()) {
                names.extend(title_forms(title));
            }
            out.push(Secret {
                trust,
                paper: id.clone(),
                names,
                everywhere,
            });
        }
    }
    out
}

/// A title as it appears in each kind of output: plain, HTML-escaped (two
/// escapers: the renderer's and the templates'), and UTF-16 (a PDF's text
/// strings outside ASCII).
fn title_forms(title: &str) -> Vec<Vec<u8>> {
    let mut escaped = String::new();
    crate::html::push_escaped(&mut escaped, title);
    let utf16: Vec<u8> = title.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let mut forms = vec![
        title.as_bytes().to_vec(),
        escaped.into_bytes(),
        crate::sandbox::escape_html(title).into_bytes(),
        utf16,
    ];
    forms.sort();
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(everywhere: bool) -> Secret {
        Secret {
            trust: "lpt".into(),
            paper: "estates".into(),
            names: title_forms("Estates & disposals"),
            everywhere,
        }
    }

    fn leak(s: &[Secret], rel: &str, bytes: &[u8]) -> Option<String> {
        Finder::new(s)?.leak(rel, bytes).map(|(p, _)| p.to_owned())
    }

    #[test]
    fn names_by_file_name_title_and_path() {
        let s = [secret(true)];
        assert!(leak(&s, "nhft/estates.pdf", b"").is_some());
        assert!(leak(&s, "notes.txt", b"see Estates &amp; disposals").is_some());
        assert!(leak(&s, "manifest.json", b"\"lpt/estates.html\"").is_some());
        assert!(leak(&s, "lpt/other.html", b"nothing secret").is_none());
    }

    #[test]
    fn a_paper_secret_for_one_trust_only_is_looked_for_there() {
        let s = [secret(false)];
        assert!(leak(&s, "nhft/estates.html", b"Estates & disposals").is_none());
        assert!(leak(&s, "lpt/index.html", b"Estates & disposals").is_some());
        assert!(leak(&s, "index.html", b"href=\"lpt/estates.pdf\"").is_some());
        assert!(leak(&s, "index.html", b"href=\"lpt&#x2F;estates.html\"").is_some());
        assert!(leak(&s, "index.html", b"href=\"nhft/estates.pdf\"").is_none());
    }
}
