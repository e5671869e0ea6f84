//! One file per subcommand. Each returns an [`Outcome`]: what to print and
//! how it ended; only `main` turns that into an exit code.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod diff;
pub(crate) mod docs;
pub(crate) mod dump;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod list;
pub(crate) mod merge;
pub(crate) mod new;
pub(crate) mod preview;
pub(crate) mod selection;

use std::path::{Path, PathBuf};

use crate::check::Checked;
use crate::diag::{self, Diagnostic};
use crate::load::LoadError;
use crate::timings::Timings;

/// How a command ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Everything asked for was done.
    Ok,
    /// The sources have errors (reported as diagnostics).
    SourceErrors,
    /// Done, and the compared copies differ (`diff --exit-code`).
    Differ,
    /// Bad usage or an I/O failure, with a message.
    Failed(String),
}

/// What a command produced.
#[derive(Debug)]
pub struct Outcome {
    pub status: Status,
    /// Text for standard output.
    pub stdout: String,
    /// Problems to report on standard error, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The code of a failure that has one (BP019: not a project).
    pub failure_code: Option<diag::Code>,
    /// What the JSON output adds: the summary's facts and the files written.
    pub facts: Box<Facts>,
}

/// The machine-readable extras of an outcome (boxed: most commands have none).
#[derive(Debug, Default)]
pub struct Facts {
    /// Facts for the summary line (counts, the output folder).
    pub summary: serde_json::Map<String, serde_json::Value>,
    /// One JSON object per file written, for `--message-format json`.
    pub artifacts: Vec<serde_json::Value>,
}

impl Outcome {
    pub(crate) fn failed(message: impl std::fmt::Display) -> Outcome {
        Outcome {
            status: Status::Failed(message.to_string()),
            ..Outcome::from_diags(Vec::new(), String::new())
        }
    }

    /// A failure with its stable code (shown as `error[BP019]: ...`).
    pub(crate) fn failed_with(code: diag::Code, message: impl std::fmt::Display) -> Outcome {
        Outcome {
            failure_code: Some(code),
            ..Outcome::failed(message)
        }
    }

    /// Adds a fact to the machine-readable summary.
    pub(crate) fn fact(mut self, key: &str, value: impl Into<serde_json::Value>) -> Outcome {
        self.facts.summary.insert(key.into(), value.into());
        self
    }

    pub(crate) fn from_diags(mut diagnostics: Vec<Diagnostic>, stdout: String) -> Outcome {
        diag::tidy(&mut diagnostics);
        let status = if diagnostics.iter().any(Diagnostic::is_error) {
            Status::SourceErrors
        } else {
            Status::Ok
        };
        Outcome {
            status,
            stdout,
            diagnostics,
            failure_code: None,
            facts: Box::default(),
        }
    }
}

/// What a build takes from the environment, read here, at the front door,
/// once per command (nothing below `commands` reads the environment).
pub(crate) fn build_env() -> crate::assemble::Env {
    let var = |name: &str| std::env::var(name).ok();
    crate::assemble::Env {
        source_date_epoch: var("SOURCE_DATE_EPOCH").and_then(|s| s.trim().parse::<i64>().ok()),
        lock_wait: var("BOARDPAPER_LOCK_WAIT")
            .and_then(|s| s.trim().parse::<u64>().ok())
            .map(std::time::Duration::from_secs),
    }
}

/// Whether a build may show a progress bar: stderr is a terminal, no `CI`
/// variable, not `--quiet`.
pub(crate) fn progress_wanted(quiet: bool) -> bool {
    use std::io::IsTerminal;
    !quiet && std::env::var_os("CI").is_none() && std::io::stderr().is_terminal()
}

/// The project root: `--project`, else the nearest folder with boardpaper.yaml.
pub(crate) fn root(project: Option<&Path>) -> Result<PathBuf, crate::failure::Failure> {
    crate::load::root(project)
}

/// Loads and checks the project; `Err` when it cannot be loaded at all.
pub(crate) fn load(project: Option<&Path>) -> Result<(Checked, Vec<Diagnostic>), Outcome> {
    load_timed(project, None)
}

/// [`load`], adding the time of each stage to `timings` when given.
pub(crate) fn load_timed(
    project: Option<&Path>,
    timings: Option<&Timings>,
) -> Result<(Checked, Vec<Diagnostic>), Outcome> {
    crate::load::load(project, timings).map_err(|e| match e {
        LoadError::NotAProject(message) => Outcome::failed_with(diag::Code::Project, message),
        LoadError::Sources(diags) => Outcome::from_diags(diags, String::new()),
    })
}
