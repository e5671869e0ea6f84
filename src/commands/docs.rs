//! `boardpaper completions SHELL` and `boardpaper man`: a shell completion
//! script (clap_complete) and the manual page (clap_mangen), both generated
//! from the command-line definition and printed to standard output.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::commands::Outcome;

pub(crate) fn completions(shell: clap_complete::Shell) -> Outcome {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "boardpaper", &mut out);
    Outcome::from_diags(Vec::new(), String::from_utf8_lossy(&out).into_owned())
}

/// The main page, then one section per subcommand (as `boardpaper-build(1)`
/// would hold), in one roff document.
pub(crate) fn man() -> Outcome {
    let cmd = Cli::command();
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(cmd.clone()).render(&mut out) {
        return Outcome::failed(format!("cannot render the manual page: {e}"));
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("boardpaper-{}", sub.get_name());
        let page = clap_mangen::Man::new(sub.clone()).title(name);
        if let Err(e) = page.render(&mut out) {
            return Outcome::failed(format!("cannot render the manual page: {e}"));
        }
    }
    Outcome::from_diags(Vec::new(), String::from_utf8_lossy(&out).into_owned())
}
