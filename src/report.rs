//! Showing diagnostics: for people (source line and caret, colour on a
//! terminal), as JSON lines, or as GitHub Actions workflow annotations.
//! Source text in a diagnostic (message, hint, file name, the quoted line)
//! has its control characters escaped ([`crate::terminal`]) before any
//! colour is added.

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};

use crate::diag::{Diagnostic, Severity};
use crate::terminal::{escape, escape_line};

/// Human-readable, rustc style: the source line with a caret under the
/// column, and the hint as `help:`. Colour only when asked.
pub(crate) fn human(d: &Diagnostic, colour: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let path = escape_line(&d.file.to_string_lossy()).replace('\\', "/");
    let code = d.code.id();
    let message = escape_line(&d.message);
    let title = level.primary_title(message.as_ref()).id(code.as_str());
    let end = d.end.filter(|e| e.line == d.pos.line).map(|e| e.col);
    let snippet = d
        .snippet
        .as_deref()
        .map(|line| caret_line(line, d.pos.col, end));
    let mut group = match &snippet {
        Some((line, span)) => title.element(
            Snippet::source(line.as_str())
                .line_start(d.pos.line as usize)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(span.clone())),
        ),
        None => title.element(
            Origin::path(path.as_str())
                .line(d.pos.line as usize)
                .char_column(d.pos.col as usize),
        ),
    };
    let hint = d.hint.as_deref().map(escape_line);
    if let Some(hint) = &hint {
        group = group.element(Level::HELP.message(hint.as_ref()));
    }
    let renderer = if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut s = renderer.render(&[group]);
    s.push('\n');
    s
}

/// The source line, escaped, and the byte span of the caret in it: from
/// column `col` to column `end` (1-based, in characters, exclusive) when
/// the diagnostic's range ends on this line, else to the next whitespace.
fn caret_line(line: &str, col: u32, end: Option<u32>) -> (String, std::ops::Range<usize>) {
    let byte = |col: u32| {
        line.char_indices()
            .nth(col.saturating_sub(1) as usize)
            .map_or(line.len(), |(i, _)| i)
    };
    let start = byte(col);
    let rest = &line[start..];
    let first = rest.chars().next().map_or(0, char::len_utf8);
    let end = match end {
        Some(e) => byte(e).max(start + first).min(line.len()),
        None => {
            start
                + rest
                    .find(char::is_whitespace)
                    .unwrap_or(rest.len())
                    .max(first)
        }
    };
    let (before, marked, after) = (&line[..start], &line[start..end], &line[end..]);
    let (before, marked) = (escape_line(before), escape_line(marked));
    let span = before.len()..before.len() + marked.len();
    (format!("{before}{marked}{}", escape_line(after)), span)
}

/// One JSON object per diagnostic, `"type": "diagnostic"`.
pub(crate) fn json(d: &Diagnostic) -> String {
    let (end_line, end_column) = d.end();
    serde_json::json!({
        "type": "diagnostic",
        "severity": d.severity,
        "code": d.code.id(),
        "message": d.message,
        "file": d.file.to_string_lossy().replace('\\', "/"),
        "line": d.pos.line,
        "column": d.pos.col,
        "end_line": end_line,
        "end_column": end_column,
        "hint": d.hint,
    })
    .to_string()
}

/// A GitHub Actions workflow command:
/// `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`,
/// with the file under `prefix` (the project's folder in the repository).
pub(crate) fn github(d: &Diagnostic, prefix: &std::path::Path) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = escape(&d.message).into_owned();
    if let Some(h) = &d.hint {
        message.push_str(" (");
        message.push_str(&escape(h));
        message.push(')');
    }
    let (end_line, end_column) = d.end();
    let file = prefix.join(&d.file).to_string_lossy().replace('\\', "/");
    format!(
        "::{kind} file={},line={},col={},endLine={end_line},endColumn={end_column},title={}::{}",
        escape_property(&escape(&file)),
        d.pos.line,
        d.pos.col,
        escape_property(&format!("boardpaper {}", d.code.id())),
        escape_data(&message)
    )
}

/// A failure with no file (BP019: not a project) as a workflow annotation.
pub(crate) fn github_failure(code: Option<crate::diag::Code>, message: &str) -> String {
    let title = code.map_or("boardpaper".into(), |c| format!("boardpaper {}", c.id()));
    format!(
        "::error title={}::{}",
        escape_property(&title),
        escape_data(message)
    )
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `n noun` with the noun in the plural unless `n` is 1: "1 file", "2 files".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::source::Pos;

    #[test]
    fn the_caret_stays_under_the_column_when_controls_before_it_are_escaped() {
        let (line, span) = caret_line("a\x1b[31m b\u{202e} [x](javascript:y) z", 11, None);
        assert_eq!(line, "a\\x1b[31m b\\u{202e} [x](javascript:y) z");
        assert_eq!(&line[span], "[x](javascript:y)");
        let (line, span) = caret_line("\u{3000}x", 1, None);
        assert_eq!((line.as_str(), span), ("\u{3000}x", 0..3));
        let (line, span) = caret_line("ab", 9, None);
        assert_eq!((line.as_str(), span), ("ab", 2..2));
    }

    #[test]
    fn human_diagnostics_never_carry_raw_controls() {
        let mut d = Diagnostic::error(
            Code::UnknownKey,
            "papers/\u{1b}]0;x\u{7}.md",
            Pos::new(1, 1),
            "unknown key `\u{1b}[31mred\r`",
        );
        d.hint = Some("did you mean \u{202e}`x`?".into());
        d.snippet = Some("\u{1b}[31mred\r: 1".into());
        for text in [
            human(&d, false),
            human(&d, true),
            github(&d, std::path::Path::new("")),
        ] {
            assert!(
                !text.contains("\u{202e}") && !text.contains('\r') && !text.contains('\u{7}'),
                "{text:?}"
            );
            assert!(text.contains("\\x1b[31mred\\r"), "{text}");
        }
        assert!(!human(&d, false).contains('\u{1b}'));
    }

    #[test]
    fn github_annotations_escape_properties() {
        let d = Diagnostic::error(
            Code::UnknownKey,
            "papers/a,b.md",
            Pos::new(3, 2),
            "bad: 50%\nnext",
        );
        assert_eq!(
            github(&d, std::path::Path::new("")),
            "::error file=papers/a%2Cb.md,line=3,col=2,endLine=3,endColumn=2,title=boardpaper BP002::bad: 50%25%0Anext"
        );
        assert!(github(&d, std::path::Path::new("docs/board"))
            .starts_with("::error file=docs/board/papers/a%2Cb.md,"));
    }
}
