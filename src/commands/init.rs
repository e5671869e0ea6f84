//! `boardpaper init [DIR]`: a working starter project that builds at once.

use std::path::{Path, PathBuf};

use crate::commands::Outcome;

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
    for (name, text) in FILES {
        let path = dir.join(name);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            return Outcome::failed(format!("cannot write {}: {e}", path.display()));
        }
    }
    let stdout = format!(
        "created a starter project in {}\n  boardpaper.yaml, trusts/north.yaml, trusts/south.yaml, papers/alliance-update.md\nnext: cd {} && boardpaper build\n",
        dir.display(),
        dir.display()
    );
    Outcome::from_diags(Vec::new(), stdout)
}
