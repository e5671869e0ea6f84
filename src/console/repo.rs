//! Where the project sits in its repository, so GitHub annotations name
//! files from the repository root: `GITHUB_WORKSPACE` when set (a workflow
//! run), else `git rev-parse --show-toplevel` run in the project folder when
//! git is installed, else nothing (paths stay project-relative).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The project folder relative to the repository root ("" when it is the
/// root, or when there is no repository to be found).
pub(super) fn prefix(project: &Path) -> PathBuf {
    let Ok(project) = project.canonicalize() else {
        return PathBuf::new();
    };
    let top = std::env::var_os("GITHUB_WORKSPACE")
        .filter(|w| !w.is_empty())
        .map(PathBuf::from)
        .or_else(|| git_toplevel(&project));
    top.and_then(|t| t.canonicalize().ok())
        .and_then(|t| project.strip_prefix(t).ok().map(Path::to_path_buf))
        .unwrap_or_default()
}

fn git_toplevel(dir: &Path) -> Option<PathBuf> {
    let out = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let line = text.trim_end_matches(['\n', '\r']);
    (!line.is_empty()).then(|| PathBuf::from(line))
}
