//! The `boardpaper` binary: parse the arguments, run, print, exit.
//! Exit codes: 0 success, 1 the sources have errors (or warnings under
//! --deny-warnings, or `diff --exit-code` found differences), 2 usage or I/O error.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use boardpaper::cli::{Cli, ColorChoice, Command};
use boardpaper::output::{self, Style};
use boardpaper::{diag_format, project_root, run, Status};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = run(&cli);
    let colour = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let format = diag_format(&cli);
    let root = (format == boardpaper::cli::DiagFormat::Github)
        .then(|| project_root(&cli))
        .flatten();
    let style = Style {
        format,
        colour,
        quiet: cli.quiet,
        deny_warnings: cli.deny_warnings,
        command: command_name(&cli.command),
        project: root.as_deref(),
    };
    let printed = output::print(&outcome, &style);
    let _ = std::io::stdout()
        .lock()
        .write_all(printed.stdout.as_bytes());
    let _ = std::io::stderr()
        .lock()
        .write_all(printed.stderr.as_bytes());
    match outcome.status {
        Status::Ok if output::denied(&outcome, &style) => ExitCode::from(1),
        Status::Ok => ExitCode::SUCCESS,
        Status::SourceErrors | Status::Differ => ExitCode::from(1),
        Status::Failed(_) => ExitCode::from(2),
    }
}

fn command_name(c: &Command) -> &'static str {
    match c {
        Command::Build(_) => "build",
        Command::Check(_) => "check",
        Command::Merge(_) => "merge",
        Command::Preview(_) => "preview",
        Command::List => "list",
        Command::Diff(_) => "diff",
        Command::DumpLayout { .. } => "dump-layout",
        Command::Init { .. } => "init",
        Command::New { .. } => "new",
        Command::Completions { .. } => "completions",
        Command::Man => "man",
    }
}
