//! Where outputs may go: never into the project's sources. An output folder
//! that is, holds or lies inside the project root, `trusts/`, `papers/`,
//! `templates/`, the build state `.boardpaper/`, or any `.git` folder is
//! refused before anything is written, so no output (and no removal of a
//! stale one) can touch a source, the state or a repository.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use crate::failure::{Failure, Op, Why};

/// Folders of the project that hold sources or the build's own state.
const SOURCE_FOLDERS: [&str; 5] = ["trusts", "papers", "templates", ".boardpaper", ".git"];

/// Folder names an output folder may never be inside, wherever they are.
const NEVER_INSIDE: [&str; 2] = [".git", ".boardpaper"];

/// Why `out` may not be the output folder of the project at `root` (checked
/// with symlinks resolved), or `None`.
pub(crate) fn refusal(root: &Path, out: &Path) -> Option<String> {
    let root = resolved(root)?;
    let Some(out) = resolved(out) else {
        return Some(
            "its path cannot be resolved (`..` after a folder that does not exist?)".into(),
        );
    };
    if root.starts_with(&out) {
        return Some(
            "it is or holds the project folder, whose sources outputs could overwrite".into(),
        );
    }
    for dir in SOURCE_FOLDERS {
        if out.starts_with(root.join(dir)) {
            return Some(format!("it is inside the project's {dir}/ folder"));
        }
    }
    let inside = out.components().find_map(|c| match c {
        Component::Normal(n) => NEVER_INSIDE.iter().find(|d| OsStr::new(d) == n),
        _ => None,
    });
    inside.map(|d| format!("it is inside a {d}/ folder"))
}

/// [`refusal`] as a message for `--out`.
pub(crate) fn refuse(root: &Path, out: &Path) -> Result<(), Failure> {
    match refusal(root, out) {
        None => Ok(()),
        Some(why) => Err(Failure::new(Op::Write, out, Why::AmongSources(why))),
    }
}

/// `path` with symlinks resolved, even where its last parts do not exist yet.
fn resolved(path: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(path).ok()?;
    let mut rest = Vec::new();
    let mut cur = abs.as_path();
    loop {
        if let Ok(real) = cur.canonicalize() {
            return Some(rest.iter().rev().fold(real, |p: PathBuf, c| p.join(c)));
        }
        rest.push(cur.file_name()?.to_owned());
        cur = cur.parent()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_output_folders_among_the_sources() {
        let root = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = root.path();
        std::fs::create_dir_all(root.join("papers")).unwrap_or_else(|e| panic!("{e}"));
        for bad in [
            ".",
            "papers",
            "papers/new/deeper",
            "templates",
            "..",
            "no/../papers",
            ".git",
            ".git/refs",
            ".boardpaper",
            "trusts",
            "vendor/.git/x",
        ] {
            assert!(refuse(root, &root.join(bad)).is_err(), "{bad}");
        }
        for good in ["build", "out/x", ".github-pages", "site"] {
            assert!(refuse(root, &root.join(good)).is_ok(), "{good}");
        }
    }
}
