//! What a finished command prints, and on which stream. As cargo's
//! `--message-format json`: in JSON, standard output carries only JSON lines
//! (each with a `type`: `diagnostic`, `artifact`, `failure`, then one
//! `summary`), and every human sentence goes to standard error. GitHub
//! annotations also go to standard output, with repository-relative paths.
//! Exit codes stay with `main`.

mod repo;

use std::path::Path;

use serde_json::{json, Value};

use crate::cli::DiagFormat;
use crate::commands::{Outcome, Status};
use crate::report::{self, count};

/// How to print an outcome.
#[derive(Debug, Clone, Copy)]
pub struct Style<'a> {
    pub format: DiagFormat,
    pub colour: bool,
    /// `--quiet`: no progress, summary or warnings.
    pub quiet: bool,
    /// Whether the command's standard output is its result (a listing, a
    /// diff, a script, a page), printed under `--quiet` too.
    pub result: bool,
    pub deny_warnings: bool,
    /// The command's name, for the summary.
    pub command: &'a str,
    /// The project folder, when one was found (for GitHub paths).
    pub project: Option<&'a Path>,
}

/// The text for each stream.
#[derive(Debug, Default)]
pub struct Printed {
    pub stdout: String,
    pub stderr: String,
}

/// Errors and warnings among `outcome`'s diagnostics.
pub fn tally(outcome: &Outcome) -> (usize, usize) {
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, outcome.diagnostics.len() - errors)
}

/// Whether the run fails because of warnings alone.
pub fn denied(outcome: &Outcome, style: &Style) -> bool {
    style.deny_warnings && outcome.status == Status::Ok && tally(outcome).1 > 0
}

/// Lays out everything `outcome` has to say in `style`.
pub fn print(outcome: &Outcome, style: &Style) -> Printed {
    match style.format {
        DiagFormat::Human => human(outcome, style),
        DiagFormat::Json => machine(outcome, style),
        DiagFormat::Github => github(outcome, style),
    }
}

fn human(outcome: &Outcome, style: &Style) -> Printed {
    let mut p = Printed::default();
    for d in outcome
        .diagnostics
        .iter()
        .filter(|d| !style.quiet || d.is_error())
    {
        p.stderr.push_str(&report::human(d, style.colour));
    }
    if !style.quiet || style.result {
        p.stdout.push_str(&outcome.stdout);
    }
    p.stderr.push_str(&closing_line(outcome, style));
    p
}

/// The last human line: the counts, or why the run failed.
fn closing_line(outcome: &Outcome, style: &Style) -> String {
    let (errors, warnings) = tally(outcome);
    match &outcome.status {
        Status::Failed(message) => match outcome.failure_code {
            Some(code) => format!("error[{}]: {message}\n", code.id()),
            None => format!("error: {message}\n"),
        },
        Status::SourceErrors => format!(
            "{}, {}\n",
            count(errors, "error"),
            count(warnings, "warning")
        ),
        Status::Ok if denied(outcome, style) => {
            format!(
                "{}, denied by --deny-warnings\n",
                count(warnings, "warning")
            )
        }
        Status::Ok if warnings > 0 && !style.quiet => format!("{}\n", count(warnings, "warning")),
        Status::Ok | Status::Differ => String::new(),
    }
}

fn machine(outcome: &Outcome, style: &Style) -> Printed {
    let mut p = Printed::default();
    for d in &outcome.diagnostics {
        p.stdout.push_str(&report::json(d));
        p.stdout.push('\n');
    }
    for a in &outcome.facts.artifacts {
        p.stdout.push_str(&a.to_string());
        p.stdout.push('\n');
    }
    if let Status::Failed(message) = &outcome.status {
        let failure = json!({
            "type": "failure",
            "severity": "error",
            "code": outcome.failure_code.map(|c| c.id()),
            "message": message,
        });
        p.stdout.push_str(&failure.to_string());
        p.stdout.push('\n');
    }
    p.stdout.push_str(&summary(outcome, style).to_string());
    p.stdout.push('\n');
    if !style.quiet {
        p.stderr.push_str(&outcome.stdout);
    }
    p.stderr.push_str(&closing_line(outcome, style));
    p
}

/// The final `{"type": "summary", ...}` object.
fn summary(outcome: &Outcome, style: &Style) -> Value {
    let (errors, warnings) = tally(outcome);
    let status = match outcome.status {
        Status::Failed(_) => "failed",
        Status::SourceErrors => "errors",
        Status::Ok if denied(outcome, style) => "denied-warnings",
        Status::Ok => "ok",
        Status::Differ => "differ",
    };
    let mut map = serde_json::Map::new();
    map.insert("type".into(), "summary".into());
    map.insert("command".into(), style.command.into());
    map.insert("status".into(), status.into());
    map.insert("errors".into(), errors.into());
    map.insert("warnings".into(), warnings.into());
    for (k, v) in &outcome.facts.summary {
        map.insert(k.clone(), v.clone());
    }
    Value::Object(map)
}

fn github(outcome: &Outcome, style: &Style) -> Printed {
    let prefix = style.project.map(repo::prefix).unwrap_or_default();
    let mut p = Printed::default();
    for d in &outcome.diagnostics {
        p.stdout.push_str(&report::github(d, &prefix));
        p.stdout.push('\n');
    }
    if let Status::Failed(message) = &outcome.status {
        p.stdout
            .push_str(&report::github_failure(outcome.failure_code, message));
        p.stdout.push('\n');
    }
    if !style.quiet {
        p.stderr.push_str(&outcome.stdout);
    }
    p.stderr.push_str(&closing_line(outcome, style));
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_plural_unless_one() {
        assert_eq!(count(1, "file"), "1 file");
        assert_eq!(count(0, "file"), "0 files");
        assert_eq!(count(16, "error"), "16 errors");
    }
}
