//! Outputs of earlier builds. A filtered build keeps (and lists) the ones
//! that are still current; every build removes the ones it wrote that are no
//! longer current, but only if they are still regular files with the bytes
//! it wrote: a file a person changed or replaced is left, with a warning,
//! and nothing is followed through a symlink or removed outside the folder.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path};

use super::pack::index;
use super::state::Wrote;
use super::{cache, select, Content, Output, Request};
use crate::check::Checked;
use crate::diag::{Code, Diagnostic};
use crate::project::Format;
use crate::source::Pos;

/// The recorded outputs of earlier builds that this build did not ask for
/// but that the project still produces: the trust and paper exist, the
/// unfiltered build (same `--public`) selects the variant in one of the
/// project's formats, the variant is sound, and the file is intact.
pub(crate) fn still_current(
    checked: &Checked,
    req: &Request,
    written: &BTreeMap<String, Wrote>,
    out: &Path,
    now: &[Output],
) -> Vec<Output> {
    let model = &checked.model;
    let pairs = |r: &Request| -> HashSet<(String, String)> {
        select(model, r)
            .into_iter()
            .map(|(t, p)| (t.id.clone(), p.id.clone()))
            .collect()
    };
    let asked = pairs(req);
    let all = pairs(&Request {
        public: req.public,
        ..Request::default()
    });
    let project_formats = super::project_formats(model);
    let built: HashSet<String> = now.iter().map(Output::rel_string).collect();
    let mut kept = Vec::new();
    for (rel, w) in written {
        let Some(format) = Format::from_ext(&w.format) else {
            continue;
        };
        let pair = (w.trust.clone(), w.paper.clone());
        let output = Output {
            trust: w.trust.clone(),
            paper: w.paper.clone(),
            format,
            content: Content::Unchanged(cache::Entry {
                bytes: w.bytes,
                sha256: w.sha256.clone(),
                ..cache::Entry::default()
            }),
        };
        let asked_now = asked.contains(&pair) && req.formats.contains(&format);
        if super::pack::is_pack(&w.paper) {
            let current = output.rel_string() == *rel
                && !built.contains(rel)
                && pack_kept(checked, req, &w.trust, &w.paper)
                && project_formats.contains(&format)
                && w.intact(out, rel);
            if current {
                kept.push(output);
            }
            continue;
        }
        let current = w.paper != index::INDEX
            && output.rel_string() == *rel
            && !built.contains(rel)
            && !asked_now
            && all.contains(&pair)
            && project_formats.contains(&format)
            && checked.sound(&w.trust, &w.paper)
            && w.intact(out, rel);
        if current {
            kept.push(output);
        }
    }
    kept
}

/// Whether a pack of an earlier build stays: its trust is still in the
/// project, this build did not build that trust's packs (a `--paper` or
/// `--trust` filter, `--no-packs`, no PDFs asked for), and it is not a Part
/// II pack in a `--public` build.
fn pack_kept(checked: &Checked, req: &Request, trust: &str, name: &str) -> bool {
    let model = &checked.model;
    let exists = model.trust_ids().any(|t| t == trust);
    let asked = req.packs
        && req.papers.is_empty()
        && req.formats.contains(&Format::Pdf)
        && (req.trusts.is_empty() || req.trusts.iter().any(|t| t == trust));
    exists && !asked && !(req.public && name == super::pack::PACK_PART_II)
}

/// What removing stale outputs did.
#[derive(Default)]
pub(crate) struct Removed {
    /// Paths (relative to the output folder) removed.
    pub(crate) files: Vec<String>,
    /// Warnings about stale files left in place.
    pub(crate) warnings: Vec<Diagnostic>,
}

/// Removes every file in `before` (the record of earlier builds) that is not
/// in `now` (this build's), under the rules in the module doc, then the
/// trust folders that left empty. `shown` is the output folder as the user
/// named it, for messages.
pub(crate) fn remove(
    out: &Path,
    shown: &Path,
    before: &BTreeMap<String, Wrote>,
    now: &BTreeMap<String, Wrote>,
) -> Removed {
    let mut removed = Removed::default();
    let mut folders = Vec::new();
    for (rel, w) in before.iter().filter(|(rel, _)| !now.contains_key(*rel)) {
        let Some(first) = safe_parts(rel) else {
            continue;
        };
        let path = out.join(rel);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let through_link =
            std::fs::symlink_metadata(out.join(&first)).is_ok_and(|m| m.file_type().is_symlink());
        let warn = |why: &str| {
            Diagnostic::warning(
                Code::Io,
                shown.join(rel),
                Pos::new(1, 1),
                format!("a stale output was left in place: {why}"),
            )
            .with_hint(Some(
                "delete it yourself if it should not be published".into(),
            ))
        };
        if through_link || !meta.file_type().is_file() {
            removed.warnings.push(warn(
                "it is no longer a regular file boardpaper wrote (a symlink or a folder)",
            ));
        } else if !w.intact(out, rel) {
            removed
                .warnings
                .push(warn("it changed since boardpaper wrote it"));
        } else if std::fs::remove_file(&path).is_ok() {
            removed.files.push(rel.clone());
            if rel.contains('/') {
                folders.push(first);
            }
        }
    }
    folders.sort();
    folders.dedup();
    for f in folders {
        // Only an empty, real folder: `remove_dir` refuses anything else.
        let dir = out.join(&f);
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
            let _ = std::fs::remove_dir(dir);
        }
    }
    removed
}

/// The first component of `rel` if every component is a plain name (no
/// `..`, no root) and there are at most two of them (`trust/file`).
fn safe_parts(rel: &str) -> Option<String> {
    let parts: Vec<_> = Path::new(rel).components().collect();
    let plain = parts.iter().all(|c| matches!(c, Component::Normal(_)));
    (plain && (1..=2).contains(&parts.len()))
        .then(|| parts[0].as_os_str().to_string_lossy().into_owned())
}
