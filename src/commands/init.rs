//! `boardpaper init [DIR]`: a working starter project that builds at once,
//! with a README, a `.gitignore` (the output folder and `.boardpaper/`) and
//! the example CI workflow (`examples/ci/github-actions.yml`).

use std::path::{Path, PathBuf};

use crate::commands::Outcome;
use crate::failure::{Failure, Why};

/// The project itself: none of these may exist yet.
const FILES: [(&str, &str); 4] = [
    ("boardpaper.yaml", include_str!("starter/boardpaper.yaml")),
    (
        "trusts/north.yaml",
        include_str!("starter/trust-north.yaml"),
    ),
    (
        "trusts/south.yaml",
        include_str!("starter/trust-south.yaml"),
    ),
    (
        "papers/alliance-update.md",
        include_str!("starter/alliance-update.md"),
    ),
];

/// Around the project: written where absent, an existing one is kept (a
/// folder that is already a git repository has its own README, say).
const EXTRAS: [(&str, &str); 3] = [
    ("README.md", include_str!("starter/README.md")),
    (".gitignore", include_str!("starter/gitignore")),
    (
        ".github/workflows/boardpaper.yml",
        include_str!("../../examples/ci/github-actions.yml"),
    ),
];

/// One of the starter's extras (kept when already there).
fn extra(name: &str) -> bool {
    EXTRAS.iter().any(|(n, _)| *n == name)
}

/// Why a file of the starter could not be made in `dir` (a symlink on the
/// way or at its path): every file is checked before any is written.
fn unwritable(dir: &Path) -> Option<Failure> {
    FILES.iter().chain(&EXTRAS).find_map(|(name, _)| {
        match crate::project::files::can_create(dir, Path::new(name)) {
            Err(e) if !(extra(name) && matches!(e.why, Why::Exists(_))) => Some(e),
            _ => None,
        }
    })
}

pub(crate) fn run(dir: Option<&Path>) -> Outcome {
    let dir = dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    if std::fs::symlink_metadata(dir.join("boardpaper.yaml")).is_ok() {
        return Outcome::failed(format!(
            "{} already holds a boardpaper project: nothing was changed",
            dir.display()
        ));
    }
    let there = |name: &&str| std::fs::symlink_metadata(dir.join(name)).is_ok();
    if let Some((name, _)) = FILES.iter().find(|(name, _)| there(name)) {
        return Outcome::failed(format!(
            "{} already exists: nothing was changed",
            dir.join(name).display()
        ));
    }
    let mut kept = Vec::new();
    if let Some(e) = unwritable(&dir) {
        return Outcome::failed(format!("{e} (in {}): nothing was changed", dir.display()));
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return Outcome::failed(format!("cannot create {}: {e}", dir.display()));
    }
    for (name, text) in FILES.iter().chain(&EXTRAS) {
        if std::fs::symlink_metadata(dir.join(name)).is_ok() && extra(name) {
            kept.push(*name);
            continue;
        }
        // Through the project's one door: no symlink followed on the way.
        if let Err(e) = crate::project::files::create(&dir, Path::new(name), text.as_bytes()) {
            return Outcome::failed(format!("{e} (in {})", dir.display()));
        }
    }
    let mut stdout = format!(
        "created a starter project in {}\n  boardpaper.yaml, trusts/north.yaml, trusts/south.yaml, papers/alliance-update.md,\n  README.md, .gitignore, .github/workflows/boardpaper.yml (CI: check, build per trust, merge)\n",
        dir.display(),
    );
    if !kept.is_empty() {
        stdout.push_str(&format!("kept your own {}\n", kept.join(", ")));
    }
    stdout.push_str(&format!("next: cd {} && boardpaper build\n", dir.display()));
    Outcome::from_diags(Vec::new(), stdout)
}
