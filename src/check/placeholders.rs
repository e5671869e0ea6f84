//! An unfinished paper: text left from `boardpaper new`'s skeleton (its
//! `TODO` markers) and an empty `objectives` list. Warnings (errors under
//! `--deny-warnings`), each at its place, so a half-filled paper does not
//! reach a board unnoticed.

use crate::diag::{Code, Diagnostic};
use crate::project::PaperSource;
use crate::source::{Pos, Source};

/// The marker every blank of the skeleton starts with.
pub(crate) const MARKER: &str = "TODO";

/// Warns at every skeleton placeholder (in the paper and its appendices)
/// and at `objectives: []`.
pub(crate) fn check(p: &PaperSource, diags: &mut Vec<Diagnostic>) {
    let src = &p.source;
    scan(src, diags);
    for a in &p.appendices {
        scan(&a.source, diags);
    }
    if p.front.objectives.as_ref().is_some_and(Vec::is_empty) {
        let line = src
            .text
            .lines()
            .position(|l| l.starts_with("objectives:"))
            .map_or(2, |i| i as u32 + 1);
        diags.push(
            Diagnostic::at(
                Code::Placeholder,
                src,
                Pos::new(line, 1),
                "`objectives` is empty: no strategic-alignment row will be ticked",
            )
            .with_hint(Some(
                "list the alliance objectives this paper serves, e.g. `objectives: [quality]`"
                    .into(),
            ))
            .into_warning(),
        );
    }
}

/// Warns at every placeholder of one file.
fn scan(src: &Source, diags: &mut Vec<Diagnostic>) {
    let mut in_front = src.text.starts_with("---\n");
    for (i, line) in src.text.lines().enumerate() {
        let n = i as u32 + 1;
        if n > 1 && in_front && matches!(line.trim_end(), "---" | "...") {
            in_front = false;
            continue;
        }
        if let Some(col) = placeholder(line) {
            diags.push(found(src, n, line, col, in_front));
        }
    }
}

/// The 0-based character column of a whole-word `TODO` in `line`.
fn placeholder(line: &str) -> Option<usize> {
    let at = line.match_indices(MARKER).find(|(i, _)| {
        let before = line[..*i].chars().next_back();
        let after = line[i + MARKER.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })?;
    Some(line[..at.0].chars().count())
}

/// Whether a value is a blank of the skeleton (`TODO`, `TODO YYYY-MM-DD`):
/// warned at as a placeholder (BP031), so not also checked as a date or an
/// assurance level.
pub(crate) fn is_placeholder(value: &str) -> bool {
    placeholder(value.trim_start()) == Some(0)
}

fn found(src: &Source, line_no: u32, line: &str, col: usize, in_front: bool) -> Diagnostic {
    let text: String = line
        .chars()
        .skip(col)
        .collect::<String>()
        .split(" #")
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_owned();
    let start = Pos::new(line_no, col as u32 + 1);
    let end = Pos::new(line_no, start.col + text.chars().count() as u32);
    let hint = if in_front {
        "replace it with the paper's own text"
    } else {
        "replace it with the paper's own text, or delete the line"
    };
    Diagnostic::at(
        Code::Placeholder,
        src,
        start,
        format!("placeholder `{text}` left from `boardpaper new`"),
    )
    .with_end(end)
    .with_hint(Some(hint.into()))
    .into_warning()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_word_markers_and_date_blanks() {
        assert_eq!(placeholder("title: TODO the paper's title"), Some(7));
        assert_eq!(placeholder("TODO"), Some(0));
        assert_eq!(placeholder("  first: TODO Note the ..."), Some(9));
        assert_eq!(placeholder("date: TODO YYYY-MM-DD"), Some(6));
        assert!(is_placeholder("TODO YYYY-MM-DD") && !is_placeholder("TODOS"));
        assert_eq!(placeholder("TODOS and MASTODON"), None);
        assert_eq!(placeholder("Nothing to do here"), None);
    }
}
