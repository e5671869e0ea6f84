//! Showing diagnostics: for people (source line and caret, colour on a
//! terminal), as JSON lines, or as GitHub Actions workflow annotations.

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};

use crate::diag::{Diagnostic, Severity};

/// Human-readable, rustc style: the source line with a caret under the
/// column, and the hint as `help:`. Colour only when asked.
pub(crate) fn human(d: &Diagnostic, colour: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let path = d.file.to_string_lossy().replace('\\', "/");
    let code = d.code.id();
    let title = level.primary_title(d.message.as_str()).id(code.as_str());
    let mut group = match &d.snippet {
        Some(line) => {
            let byte = |col: u32| {
                line.char_indices()
                    .nth(col.saturating_sub(1) as usize)
                    .map_or(line.len(), |(i, _)| i)
            };
            let start = byte(d.pos.col);
            let end = match d.end {
                Some(e) if e.line == d.pos.line => byte(e.col),
                _ => line.len(),
            };
            let end = end.max(start);
            title.element(
                Snippet::source(line.as_str())
                    .line_start(d.pos.line as usize)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end)),
            )
        }
        None => title.element(
            Origin::path(path.as_str())
                .line(d.pos.line as usize)
                .char_column(d.pos.col as usize),
        ),
    };
    if let Some(hint) = &d.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
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
    let mut message = d.message.clone();
    if let Some(h) = &d.hint {
        message.push_str(" (");
        message.push_str(h);
        message.push(')');
    }
    let (end_line, end_column) = d.end();
    let file = prefix.join(&d.file).to_string_lossy().replace('\\', "/");
    format!(
        "::{kind} file={},line={},col={},endLine={end_line},endColumn={end_column},title={}::{}",
        escape_property(&file),
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
