//! The preview's terminal: one line per render on standard output, and the
//! errors in full on standard error, each set printed once (the HTML pass
//! and the PDF pass after it find the same errors).

use std::sync::Mutex;
use std::time::Duration;

use crate::diag::Diagnostic;
use crate::report::{count, human};

/// The errors last printed.
static SHOWN: Mutex<String> = Mutex::new(String::new());

/// Prints "`what` in N ms, E errors, W warnings", then `errors` in full
/// unless they are the ones printed last.
pub(crate) fn report(what: &str, took: Duration, errors: &[Diagnostic], warnings: usize) {
    println!(
        "{what} in {} ms, {}, {}",
        took.as_millis(),
        count(errors.len(), "error"),
        count(warnings, "warning")
    );
    let text: String = errors.iter().map(|d| human(d, false)).collect();
    let mut shown = SHOWN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if *shown != text {
        eprint!("{text}");
        *shown = text;
    }
}
