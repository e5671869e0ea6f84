//! The `boardpaper` binary: parse the arguments, run, print, exit.
//! Exit codes: 0 success, 1 the sources have errors, 2 usage or I/O error.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use boardpaper::cli::{Cli, ColorChoice, Command, DiagFormat};
use boardpaper::{render_diagnostics, run, Status};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = run(&cli);
    let format = match &cli.command {
        Command::Check(args) => args.format,
        _ => DiagFormat::Human,
    };
    let colour = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let shown: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| !cli.quiet || d.is_error())
        .cloned()
        .collect();
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(render_diagnostics(&shown, format, colour).as_bytes());
    if !cli.quiet || format != DiagFormat::Human {
        let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    }
    let (errors, warnings) =
        outcome.diagnostics.iter().fold(
            (0, 0),
            |(e, w), d| if d.is_error() { (e + 1, w) } else { (e, w + 1) },
        );
    match outcome.status {
        Status::Ok if cli.deny_warnings && warnings > 0 => {
            if format == DiagFormat::Human {
                let _ = writeln!(stderr, "{warnings} warning(s), denied by --deny-warnings");
            }
            ExitCode::from(1)
        }
        Status::Ok => {
            if warnings > 0 && !cli.quiet && format == DiagFormat::Human {
                let _ = writeln!(stderr, "{warnings} warning(s)");
            }
            ExitCode::SUCCESS
        }
        Status::SourceErrors => {
            if format == DiagFormat::Human {
                let _ = writeln!(stderr, "{errors} error(s), {warnings} warning(s)");
            }
            ExitCode::from(1)
        }
        Status::Failed(message) => {
            let _ = writeln!(stderr, "error: {message}");
            ExitCode::from(2)
        }
    }
}
