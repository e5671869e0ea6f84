//! Showing diagnostics: for people (source line and caret, colour on a
//! terminal), as JSON lines, or as GitHub Actions workflow annotations.

use std::fmt::Write as _;

use crate::diag::{Diagnostic, Severity};

/// Human-readable, with the source line and a caret under the column.
pub(crate) fn human(d: &Diagnostic, colour: bool) -> String {
    let (red, yellow, blue, bold, reset) = if colour {
        ("\x1b[31m", "\x1b[33m", "\x1b[34m", "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let (label, c) = match d.severity {
        Severity::Error => ("error", red),
        Severity::Warning => ("warning", yellow),
    };
    let mut s = format!(
        "{c}{bold}{label}[{}]{reset}{bold}: {}{reset}\n",
        d.code.as_str(),
        d.message
    );
    let _ = writeln!(
        s,
        "  {blue}-->{reset} {}:{}:{}",
        d.file.display(),
        d.pos.line,
        d.pos.col
    );
    if let Some(line) = &d.snippet {
        let n = d.pos.line.to_string();
        let pad = " ".repeat(n.len());
        let caret_pad: String = line
            .chars()
            .take(d.pos.col.saturating_sub(1) as usize)
            .map(|ch| if ch == '\t' { '\t' } else { ' ' })
            .collect();
        let _ = writeln!(s, "  {pad} {blue}|{reset}\n  {blue}{n} |{reset} {line}\n  {pad} {blue}|{reset} {caret_pad}{c}^{reset}");
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(s, "  {blue}= help:{reset} {hint}");
    }
    s
}

/// One JSON object per diagnostic.
pub(crate) fn json(d: &Diagnostic) -> String {
    serde_json::json!({
        "severity": d.severity,
        "code": d.code.as_str(),
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
        escape_property(&format!("boardpaper {}", d.code.as_str())),
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
