//! [`TemplateError`]: a template problem with the file it is in and Tera's
//! error chain flattened to one readable line ("line 3, column 5: expected ...").

use std::fmt;

/// A built-in or overriding template that does not parse or render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TemplateError {
    /// The template's file name as a project would override it ("paper.html").
    pub file: String,
    /// One line: every message in Tera's chain, with line and column when known.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "templates/{}: {}", self.file, self.message)
    }
}

impl std::error::Error for TemplateError {}

impl TemplateError {
    /// An error in `file` from Tera's error and all its sources.
    pub(crate) fn from_tera(file: &str, error: &tera::Error) -> TemplateError {
        TemplateError {
            file: file.to_string(),
            message: flatten(error),
        }
    }

    /// An error in `file` with a message of our own.
    pub(crate) fn new(file: &str, message: impl Into<String>) -> TemplateError {
        TemplateError {
            file: file.to_string(),
            message: message.into(),
        }
    }
}

/// Every message of the chain, joined with ": ", each made one line.
fn flatten(error: &tera::Error) -> String {
    let mut parts = vec![one_line(&error.to_string())];
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        parts.push(one_line(&e.to_string()));
        source = e.source();
    }
    parts.retain(|p| !p.is_empty());
    parts.join(": ")
}

/// Tera's parse errors are pest's multi-line pictures:
///
/// ```text
///  --> 3:5
///   |
/// 3 | {{ oops
///   |     ^---
///   |
///   = expected `}}`
/// ```
///
/// This keeps the position and the notes: "line 3, column 5: expected `}}`".
fn one_line(message: &str) -> String {
    if !message.contains('\n') {
        return message.trim().to_string();
    }
    let mut position = None;
    let mut notes = Vec::new();
    let mut other = Vec::new();
    for line in message.lines().map(str::trim) {
        if let Some(pos) = line.strip_prefix("-->") {
            let mut it = pos.trim().splitn(2, ':');
            if let (Some(l), Some(c)) = (it.next(), it.next()) {
                position = Some(format!("line {l}, column {c}"));
            }
        } else if let Some(note) = line.strip_prefix('=') {
            notes.push(note.trim().to_string());
        } else if !line.is_empty() && !line.contains('|') {
            other.push(line.to_string());
        }
    }
    let mut out: Vec<String> = other;
    out.extend(position);
    out.extend(notes);
    out.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pest_picture_becomes_one_line() {
        let msg = " --> 3:5\n  |\n3 | {{ oops\n  |     ^---\n  |\n  = expected `}}`";
        assert_eq!(one_line(msg), "line 3, column 5: expected `}}`");
    }

    #[test]
    fn parse_error_names_position() {
        let err = tera::Template::new("paper.html", None, "ok\n\n  {{ oops ");
        let Err(err) = err else {
            panic!("expected a parse error");
        };
        let e = TemplateError::from_tera("paper.html", &err);
        assert!(e.message.contains("line 3"), "{}", e.message);
        assert!(!e.message.contains('\n'));
    }
}
