//! The `boardpaper` binary: parse the arguments, run, print, exit.
//! Exit codes: 0 success, 1 the sources have errors (or warnings under
//! --deny-warnings, or `diff --exit-code` found differences), 2 usage or I/O error.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;

use boardpaper::cli::{Cli, ColorChoice, Command};
use boardpaper::console::{self, Style};
use boardpaper::{diag_format, project_root, run, Status};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::try_parse().unwrap_or_else(|e| usage_error(e));
    for note in cli.deprecations() {
        let _ = std::io::stderr().write_all(note.as_bytes());
    }
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
        result: matches!(
            cli.command,
            Command::List(_)
                | Command::Diff(_)
                | Command::Completions { .. }
                | Command::Man
                | Command::Docs { .. }
                | Command::DumpLayout { .. }
        ),
        deny_warnings: cli.deny_warnings,
        command: command_name(&cli.command),
        project: root.as_deref(),
    };
    let printed = console::print(&outcome, &style);
    if let Err(e) = emit(&printed.stdout, &printed.stderr) {
        let _ = writeln!(std::io::stderr(), "error: {e:#}");
        return ExitCode::from(2);
    }
    match outcome.status {
        Status::Ok if console::denied(&outcome, &style) => ExitCode::from(1),
        Status::Ok => ExitCode::SUCCESS,
        Status::SourceErrors | Status::Differ => ExitCode::from(1),
        Status::Failed(_) => ExitCode::from(2),
    }
}

/// Prints clap's usage error (or help) and exits as clap does; a command
/// people reach for that is `preview` under another name gets pointed there.
fn usage_error(e: clap::Error) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let invalid = match e.get(ContextKind::InvalidSubcommand) {
        Some(ContextValue::String(s)) if e.kind() == ErrorKind::InvalidSubcommand => s.clone(),
        _ => e.exit(),
    };
    let _ = e.print();
    if matches!(
        invalid.as_str(),
        "serve" | "server" | "watch" | "live" | "open"
    ) {
        let _ = writeln!(
            std::io::stderr(),
            "\ntip: `boardpaper preview` serves every trust's copy on 127.0.0.1 and re-renders as you write"
        );
    }
    std::process::exit(2)
}

/// Prints the command's text and diagnostics. A reader that closed the pipe
/// early (`boardpaper list | head`) is not an error; any other failure to
/// write is, with the stream it happened on.
fn emit(stdout: &str, stderr: &str) -> anyhow::Result<()> {
    let closed = |r: std::io::Result<()>| match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    };
    closed(std::io::stdout().lock().write_all(stdout.as_bytes()))
        .context("cannot write to standard output")?;
    closed(std::io::stderr().lock().write_all(stderr.as_bytes()))
        .context("cannot write to standard error")?;
    Ok(())
}

fn command_name(c: &Command) -> &'static str {
    match c {
        Command::Build(_) => "build",
        Command::Check(_) => "check",
        Command::Merge(_) => "merge",
        Command::Preview(_) => "preview",
        Command::List(_) => "list",
        Command::Diff(_) => "diff",
        Command::DumpLayout { .. } => "dump-layout",
        Command::Init { .. } => "init",
        Command::New { .. } => "new",
        Command::Import(_) => "import",
        Command::Completions { .. } => "completions",
        Command::Man => "man",
        Command::Docs { .. } => "docs",
    }
}
