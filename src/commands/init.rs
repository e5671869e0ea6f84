//! `boardpaper init [DIR]`: a working starter project that builds at once,
//! with a README, a `.gitignore` (the output folder and `.boardpaper/`) and
//! the example CI workflow (`examples/ci/github-actions.yml`).

use std::path::{Path, PathBuf};

use crate::commands::Outcome;

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

pub(crate) fn run(dir: Option<&Path>) -> Outcome {
    let dir = dir.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    if dir.join("boardpaper.yaml").exists() {
        return Outcome::failed(format!(
            "{} already holds a boardpaper project: nothing was changed",
            dir.display()
        ));
    }
    if let Some((name, _)) = FILES.iter().find(|(name, _)| dir.join(name).exists()) {
        return Outcome::failed(format!(
            "{} already exists: nothing was changed",
            dir.join(name).display()
        ));
    }
    let mut kept = Vec::new();
    for (name, text) in FILES.iter().chain(&EXTRAS) {
        let path = dir.join(name);
        if std::fs::symlink_metadata(&path).is_ok() {
            kept.push(*name);
            continue;
        }
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            return Outcome::failed(format!("cannot write {}: {e}", path.display()));
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
