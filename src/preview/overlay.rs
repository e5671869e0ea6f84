//! The error overlay: the latest render's errors, each with its file, line
//! and column and the same caret display as the terminal (`report::human`),
//! over the last good render of the page.

use crate::diag::Diagnostic;
use crate::html::push_escaped;
use crate::report;

/// The overlay for `errors` (empty when there are none).
pub(crate) fn overlay(errors: &[Diagnostic]) -> String {
    if errors.is_empty() {
        return String::new();
    }
    let n = errors.len();
    let mut out = String::from(
        "<section id=\"bp-overlay\" role=\"alert\" aria-labelledby=\"bp-overlay-title\">\n",
    );
    out.push_str(&format!(
        "<h2 id=\"bp-overlay-title\">{n} error{} in the sources</h2>\n\
         <p>The page below is the last good render. Fix the source and save: this page reloads itself.</p>\n",
        if n == 1 { "" } else { "s" }
    ));
    for d in errors {
        let loc = format!(
            "{}:{}:{}",
            d.file.to_string_lossy().replace('\\', "/"),
            d.pos.line,
            d.pos.col
        );
        out.push_str("<div class=\"bp-error\"><p class=\"bp-loc\">");
        push_escaped(&mut out, &loc);
        out.push_str(" <span>");
        push_escaped(&mut out, &d.code.id());
        out.push_str("</span></p>\n<pre>");
        push_escaped(&mut out, report::human(d, false).trim_end());
        out.push_str("</pre></div>\n");
    }
    out.push_str(
        "<button type=\"button\" onclick=\"this.parentNode.hidden=true\">Hide</button>\n</section>\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::source::Pos;

    #[test]
    fn the_overlay_names_file_line_and_column_escaped() {
        let d = Diagnostic::error(
            Code::Template,
            "papers/a.md",
            Pos::new(12, 5),
            "unknown `<trust>`",
        );
        let html = overlay(&[d]);
        assert!(
            html.contains("papers/a.md:12:5 <span>BP014</span>"),
            "{html}"
        );
        assert!(html.contains("unknown `&lt;trust&gt;`"), "{html}");
        assert!(overlay(&[]).is_empty());
    }
}
