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
    let snippet = d.snippet.as_deref().map(|line| caret_line(line, d.pos.col));
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
                .char_column(d.pos.col.saturating_sub(1) as usize),
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
/// column `col` (1-based, in characters) to the next whitespace.
fn caret_line(line: &str, col: u32) -> (String, std::ops::Range<usize>) {
    let start = line
        .char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let first = rest.chars().next().map_or(0, char::len_utf8);
    let end = start
        + rest
            .find(char::is_whitespace)
            .unwrap_or(rest.len())
            .max(first);
    let (before, marked, after) = (&line[..start], &line[start..end], &line[end..]);
    let (before, marked) = (escape_line(before), escape_line(marked));
    let span = before.len()..before.len() + marked.len();
    (format!("{before}{marked}{}", escape_line(after)), span)
}

/// One JSON object per diagnostic.
pub(crate) fn json(d: &Diagnostic) -> String {
    serde_json::json!({
        "severity": d.severity,
        "code": d.code.id(),
        "message": d.message,
        "file": d.file.to_string_lossy().replace('\\', "/"),
        "line": d.pos.line,
        "column": d.pos.col,
        "hint": d.hint,
    })
    .to_string()
}

/// A GitHub Actions workflow command: `::error file=...,line=...,col=...,title=...::message`.
pub(crate) fn github(d: &Diagnostic) -> String {
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
    format!(
        "::{kind} file={},line={},col={},title={}::{}",
        escape_property(&escape(&d.file.to_string_lossy())),
        d.pos.line,
        d.pos.col,
        escape_property(&format!("boardpaper {}", d.code.id())),
        escape_data(&message)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::source::Pos;

    #[test]
    fn the_caret_stays_under_the_column_when_controls_before_it_are_escaped() {
        let (line, span) = caret_line("a\x1b[31m b\u{202e} [x](javascript:y) z", 11);
        assert_eq!(line, "a\\x1b[31m b\\u{202e} [x](javascript:y) z");
        assert_eq!(&line[span], "[x](javascript:y)");
        let (line, span) = caret_line("\u{3000}x", 1);
        assert_eq!((line.as_str(), span), ("\u{3000}x", 0..3));
        let (line, span) = caret_line("ab", 9);
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
        for text in [human(&d, false), human(&d, true), github(&d)] {
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
            github(&d),
            "::error file=papers/a%2Cb.md,line=3,col=2,title=boardpaper BP002::bad: 50%25%0Anext"
        );
    }
}
