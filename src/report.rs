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
            let start = line
                .char_indices()
                .nth(d.pos.col.saturating_sub(1) as usize)
                .map_or(line.len(), |(i, _)| i);
            let len = line[start..]
                .find(char::is_whitespace)
                .unwrap_or(line.len() - start)
                .max(1);
            let end = (start + len).min(line.len()).max(start);
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
    let mut message = d.message.clone();
    if let Some(h) = &d.hint {
        message.push_str(" (");
        message.push_str(h);
        message.push(')');
    }
    format!(
        "::{kind} file={},line={},col={},title={}::{}",
        escape_property(&d.file.to_string_lossy()),
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
