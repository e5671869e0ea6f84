//! The build's progress bar: variants rendered out of variants selected.
//! Drawn on stderr only when the caller allows it (a terminal, not CI, not
//! `--quiet`: the front door decides), and only after about a second, so quick builds and every
//! non-interactive run print nothing extra.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar over `len` variants; hidden (every call a no-op) unless `show`.
pub(crate) fn bar(show: bool, len: usize) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{elapsed:>3} [{bar:30}] {pos}/{len} variants")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    // Only start drawing once the build has run for a second.
    let shown = bar.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(1));
        if !shown.is_finished() {
            shown.set_draw_target(ProgressDrawTarget::stderr());
        }
    });
    bar
}
