//! Watching the project: file events, debounced so that one save is one
//! rebuild, each mapped to a [`ChangeKind`] (as Zola's `serve` does) so that
//! the output folder, `.git` and editors' scratch files never cause one.
//!
//! The kind decides *whether* to render again and names what changed in the
//! terminal; [`covered`] tells whether the variants' input hashes see the
//! change (a paper's Markdown, a trust, the settings, a template) or
//! every variant must be checked (an image, a font, anything else).

use std::path::{Component, Path};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

/// What a changed path is, to the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ChangeKind {
    /// `boardpaper.yaml`.
    Config,
    /// `trusts/<id>.yaml`.
    Trust,
    /// `papers/...`: a paper, its appendices or its images.
    Paper,
    /// `templates/...`: an HTML template or the stylesheet.
    Template,
    /// Anything else in the project (fonts named in `style.fonts`, ...).
    Other,
    /// The output folder, `.git`, `target`, hidden files, editor backups.
    Ignored,
}

impl ChangeKind {
    pub(crate) fn needs_rebuild(self) -> bool {
        self != ChangeKind::Ignored
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            ChangeKind::Config => "boardpaper.yaml",
            ChangeKind::Trust => "a trust",
            ChangeKind::Paper => "a paper",
            ChangeKind::Template => "a template",
            ChangeKind::Other => "a project file",
            ChangeKind::Ignored => "nothing relevant",
        }
    }
}

/// The kind of change at `path` (absolute) in the project at `root`, whose
/// output folder is `output` (relative to `root`).
pub(crate) fn classify(root: &Path, output: &str, path: &Path) -> ChangeKind {
    let Ok(rel) = path.strip_prefix(root) else {
        return ChangeKind::Ignored;
    };
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let scratch = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.starts_with(".#");
    let hidden = rel.components().any(|c| match c {
        Component::Normal(s) => s.to_str().is_some_and(|s| s.starts_with('.')),
        _ => false,
    });
    let output = Path::new(output);
    if scratch || hidden || rel.starts_with(output) || rel.starts_with("target") {
        return ChangeKind::Ignored;
    }
    match rel.components().next() {
        Some(Component::Normal(first)) => match first.to_str() {
            Some("boardpaper.yaml") => ChangeKind::Config,
            Some("trusts") => ChangeKind::Trust,
            Some("papers") => ChangeKind::Paper,
            Some("templates") => ChangeKind::Template,
            _ => ChangeKind::Other,
        },
        _ => ChangeKind::Ignored,
    }
}

/// The debounced watcher of `root` (keep it alive) and its events.
pub(crate) type Watch = (
    Debouncer<RecommendedWatcher, RecommendedCache>,
    Receiver<DebounceEventResult>,
);

/// Starts watching `root` recursively; events are debounced by 30 ms
/// (an editor's save is a few writes, or a write and a rename, well
/// within it; a render that a later event of the same save makes stale is
/// stopped, see `rebuild`).
pub(crate) fn start(root: &Path) -> Result<Watch, String> {
    let (tx, rx) = channel();
    let mut debouncer = new_debouncer(Duration::from_millis(30), None, tx)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    debouncer
        .watch(root, RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    Ok((debouncer, rx))
}

/// The changes in one debounced batch that need a render: each path's
/// kind, and whether it is [`covered`]. Reading a file (an access event:
/// the preview's own renders do it) is no change.
pub(crate) fn changes(
    root: &Path,
    output: &str,
    batch: DebounceEventResult,
) -> Vec<(ChangeKind, bool)> {
    let events = match batch {
        Ok(events) => events,
        Err(errors) => {
            for e in errors {
                eprintln!("preview: watch error: {e}");
            }
            return Vec::new();
        }
    };
    events
        .iter()
        .filter(|e| !matches!(e.kind, EventKind::Access(_)))
        .flat_map(|e| e.paths.iter())
        .map(|p| {
            let kind = classify(root, output, p);
            (kind, covered(kind, p))
        })
        .filter(|(k, _)| k.needs_rebuild())
        .collect()
}

/// Whether a change of `kind` at `path` moves the input hashes of the
/// variants it affects (`variants`): the settings, a trust or a paper's
/// Markdown do; an image, a template folder's file or any other does not
/// for certain.
pub(crate) fn covered(kind: ChangeKind, path: &Path) -> bool {
    match kind {
        ChangeKind::Config | ChangeKind::Trust => true,
        ChangeKind::Paper => path.extension().is_some_and(|e| e == "md"),
        ChangeKind::Template | ChangeKind::Other | ChangeKind::Ignored => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_kinds() {
        let root = Path::new("/p");
        let kind = |p: &str| classify(root, "build", Path::new(p));
        assert_eq!(kind("/p/boardpaper.yaml"), ChangeKind::Config);
        assert_eq!(kind("/p/trusts/lpt.yaml"), ChangeKind::Trust);
        assert_eq!(kind("/p/papers/a/chart.png"), ChangeKind::Paper);
        assert_eq!(kind("/p/templates/style.css"), ChangeKind::Template);
        assert_eq!(kind("/p/fonts/x.ttf"), ChangeKind::Other);
        assert_eq!(kind("/p/build/lpt/a.html"), ChangeKind::Ignored);
        assert_eq!(kind("/p/.git/index"), ChangeKind::Ignored);
        assert_eq!(kind("/p/papers/.a.md.swp"), ChangeKind::Ignored);
        assert_eq!(kind("/p/papers/a.md~"), ChangeKind::Ignored);
        assert_eq!(kind("/elsewhere/a.md"), ChangeKind::Ignored);
    }

    #[test]
    fn images_and_other_files_are_not_covered_by_the_inputs() {
        let covered = |k, p: &str| covered(k, Path::new(p));
        assert!(covered(ChangeKind::Paper, "/p/papers/a.md"));
        assert!(covered(ChangeKind::Trust, "/p/trusts/lpt.yaml"));
        assert!(!covered(ChangeKind::Paper, "/p/papers/a/chart.png"));
        assert!(!covered(ChangeKind::Other, "/p/actions.yaml"));
    }
}
