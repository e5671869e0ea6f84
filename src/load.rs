//! Loading a project for a build, a preview or any command: find its root,
//! load the sources, check them into the model, and report the body
//! problems of papers whose front matter is broken (which `check` alone
//! cannot reach). The library's one way in; the commands and the preview
//! only turn its result into what they show.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::check::{self, Checked};
use crate::diag::Diagnostic;
use crate::failure::{Failure, Op, Subject, Why};
use crate::project;
use crate::timings::{Stage, Timings};

/// Why a project could not be loaded at all.
pub(crate) enum LoadError {
    /// No project there (or no current folder): a message.
    NotAProject(String),
    /// The sources could not be read into a model: their problems.
    Sources(Vec<Diagnostic>),
}

/// The project root: `project` when it holds boardpaper.yaml, else (with
/// no `project`) the nearest folder with boardpaper.yaml at or above the
/// current folder.
pub(crate) fn root(project: Option<&Path>) -> Result<PathBuf, Failure> {
    match project {
        Some(dir) if dir.join(project::CONFIG_FILE).is_file() => Ok(dir.to_path_buf()),
        Some(dir) => Err(Failure::new(
            Op::Find,
            dir,
            Why::NoConfig(project::CONFIG_FILE),
        )),
        None => {
            let cwd = std::env::current_dir().map_err(|e| {
                let here = Subject::Named("the current folder");
                Failure::new(Op::Read, ".", Why::Os(e)).naming(here)
            })?;
            project::find_root(&cwd).ok_or_else(|| {
                Failure::new(Op::Find, cwd, Why::NoConfigAbove(project::CONFIG_FILE))
            })
        }
    }
}

/// Loads and checks the project, adding the time of each stage to
/// `timings` when given.
pub(crate) fn load(
    project: Option<&Path>,
    timings: Option<&Timings>,
) -> Result<(Checked, Vec<Diagnostic>), LoadError> {
    let root = root(project).map_err(|e| LoadError::NotAProject(e.to_string()))?;
    let start = Instant::now();
    let (project, mut diags) = project::load(&root).map_err(LoadError::Sources)?;
    let loaded = Instant::now();
    let checked = check::check(project, &mut diags);
    for p in checked.model.papers.iter().filter(|p| p.front_broken) {
        diags.extend(crate::resolve::body_problems(&checked.model, p));
    }
    if let Some(t) = timings {
        t.add(Stage::Load, loaded - start);
        t.add(Stage::Check, loaded.elapsed());
    }
    Ok((checked, diags))
}
