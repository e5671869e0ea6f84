//! `boardpaper completions SHELL`, `boardpaper man` and `boardpaper docs
//! TOPIC`: a shell completion script (clap_complete), the manual page (one
//! roff page, every subcommand a section of it) and the reference docs
//! compiled into the binary, each printed to standard output, so someone
//! with only a release binary has them offline.

use std::fmt::Write as _;

use clap::CommandFactory;

use crate::cli::{Cli, DocsTopic};
use crate::commands::Outcome;

pub(crate) fn completions(shell: clap_complete::Shell) -> Outcome {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "boardpaper", &mut out);
    Outcome::from_diags(Vec::new(), String::from_utf8_lossy(&out).into_owned())
}

/// The reference a topic names, as written in the repository's docs/.
pub(crate) fn docs(topic: DocsTopic) -> Outcome {
    let text = match topic {
        DocsTopic::Format => include_str!("../../docs/format.md"),
        DocsTopic::Commands => include_str!("../../docs/commands.md"),
    };
    Outcome::from_diags(Vec::new(), text.to_owned())
}

/// What the exit codes mean (as `main` decides them).
const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success: everything asked for was done (warnings allowed)."),
    ("1", "The sources have errors (or warnings, with --deny-warnings); `diff --exit-code` found differences."),
    ("2", "Usage error (an unknown option or value), not a project, or an I/O failure."),
];

/// The manual page: clap_mangen's title, name, synopsis, description and
/// global options, then a COMMANDS section with each subcommand's options
/// and examples, EXIT STATUS and SEE ALSO (no `boardpaper-build(1)` pages
/// exist, so none is named).
pub(crate) fn man() -> Outcome {
    let cmd = Cli::command();
    let page = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    let rendered = page
        .render_title(&mut out)
        .and_then(|()| page.render_name_section(&mut out))
        .and_then(|()| page.render_synopsis_section(&mut out))
        .and_then(|()| page.render_description_section(&mut out))
        .and_then(|()| page.render_options_section(&mut out));
    if let Err(e) = rendered {
        return Outcome::failed(format!("cannot render the manual page: {e}"));
    }
    let mut s = String::from_utf8_lossy(&out).into_owned();
    s.push_str(".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
        subcommand(&mut s, sub);
    }
    s.push_str(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in EXIT_STATUS {
        let _ = write!(s, ".TP\n\\fB{code}\\fR\n{}\n", roff(meaning));
    }
    s.push_str(".SH \"SEE ALSO\"\n");
    s.push_str("\\fBboardpaper docs format\\fR prints the source format reference (every key of boardpaper.yaml, trust files and papers); \\fBboardpaper docs commands\\fR the commands in full.\n");
    let mut version = Vec::new();
    if page.render_version_section(&mut version).is_ok() {
        s.push_str(&String::from_utf8_lossy(&version));
    }
    Outcome::from_diags(Vec::new(), s)
}

/// One subcommand: its usage, what it does, its own options, its examples.
fn subcommand(s: &mut String, sub: &clap::Command) {
    let name = sub.get_name();
    let _ = writeln!(s, ".SS \"boardpaper {name}\"");
    if let Some(about) = sub.get_about() {
        let _ = writeln!(s, "{}", roff(&about.to_string()));
    }
    for arg in sub.get_arguments() {
        if arg.is_hide_set() || arg.is_global_set() || arg.get_id() == "help" {
            continue;
        }
        let names = arg
            .get_value_names()
            .map(|v| v.iter().map(ToString::to_string).collect::<Vec<_>>())
            .unwrap_or_else(|| vec![arg.get_id().as_str().to_uppercase()]);
        let value = match arg.get_action().takes_values() {
            true => names.iter().map(|n| format!(" \\fI{n}\\fR")).collect(),
            false => String::new(),
        };
        let flag = match (arg.get_long(), arg.get_short()) {
            (Some(l), Some(c)) => format!("\\fB\\-{c}\\fR, \\fB\\-\\-{l}\\fR{value}"),
            (Some(l), None) => format!("\\fB\\-\\-{l}\\fR{value}"),
            _ => format!("\\fI{}\\fR", names.join(" ")),
        };
        let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
        let _ = write!(s, ".TP\n{flag}\n{}\n", roff(&help));
    }
    if let Some(after) = sub.get_after_help() {
        let _ = write!(s, ".PP\n.nf\n{}\n.fi\n", roff(&after.to_string()));
    }
}

/// Text made safe for roff: backslashes escaped, hyphens as minus signs
/// (so options copy and paste), no line starting with a control character.
fn roff(text: &str) -> String {
    text.replace('\\', "\\e")
        .replace('-', "\\-")
        .lines()
        .map(|l| match l.starts_with(['.', '\'']) {
            true => format!("\\&{l}"),
            false => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
