//! The document model written as boardpaper Markdown: CommonMark with
//! pipe tables and footnotes, every character of Word's text escaped so it
//! reads back as the same text (no emphasis, link, HTML, template tag or
//! table cell made by accident: `{` is escaped too, because the body goes
//! through the template pass first).

use std::fmt::Write as _;

use super::model::{Block, Cell, Inline, Table};

/// The Markdown of `blocks`, then the definitions of the notes they cite.
/// `shift` is taken off every heading level (an appendix's headings).
pub(crate) fn write(blocks: &[Block], notes: &[Vec<Inline>], shift: u8) -> String {
    let mut out = String::new();
    let mut list: Vec<usize> = Vec::new();
    let mut cited = Vec::new();
    for b in blocks {
        collect_notes(b, &mut cited);
        let in_list = matches!(b, Block::Item { .. });
        if !in_list {
            list.clear();
        }
        // Items of one list follow each other; everything else is set apart.
        if !out.is_empty() && (!in_list || list.is_empty()) {
            out.push('\n');
        }
        block(&mut out, &mut list, b, shift);
    }
    for n in cited {
        if let Some(text) = notes.get(n - 1) {
            let _ = writeln!(out, "\n[^{n}]: {}", inlines(text, true));
        }
    }
    out
}

/// One block's Markdown; `list` holds the marker widths of the open list items.
fn block(out: &mut String, list: &mut Vec<usize>, b: &Block, shift: u8) {
    match b {
        Block::Heading {
            level,
            text,
            newpage,
            ..
        } => {
            let level = level.saturating_sub(shift).max(1) as usize;
            let _ = write!(out, "{} {}", "#".repeat(level), inlines(text, false));
            if *newpage {
                out.push_str(" {.newpage}");
            }
            out.push('\n');
        }
        Block::Para { text, .. } => {
            out.push_str(&lines_escaped(&inlines(text, false), ""));
            out.push('\n');
        }
        Block::Quote { text, .. } => {
            let body = lines_escaped(&inlines(text, false), "> ");
            let _ = writeln!(out, "> {body}");
        }
        Block::Item {
            level,
            number,
            text,
            ..
        } => item(out, list, *level, *number, &inlines(text, false)),
        Block::Table(t) => table(out, t),
        Block::PageBreak => out.push_str("\\newpage\n"),
        Block::Caption(text) => {
            let _ = writeln!(out, "Table: {}", inlines(text, true));
        }
        Block::Recommendation(id) => {
            let _ = writeln!(out, "{{{{ recommendation(\"{id}\") }}}}");
        }
        Block::Image { file, alt, .. } => {
            let _ = writeln!(out, "![{}]({file})", escape(alt));
        }
    }
}

/// One list item, indented under the items it nests in.
fn item(out: &mut String, list: &mut Vec<usize>, level: usize, number: Option<u32>, text: &str) {
    let level = level.min(list.len());
    list.truncate(level);
    let indent = " ".repeat(list.iter().sum());
    let marker = match number {
        Some(n) => format!("{n}. "),
        None => "- ".to_owned(),
    };
    let pad = format!("{indent}{}", " ".repeat(marker.len()));
    let body = lines_escaped(text, &pad);
    let _ = writeln!(out, "{indent}{marker}{}", body.trim_start());
    list.push(marker.len());
}

fn table(out: &mut String, t: &Table) {
    let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for (i, row) in t.rows.iter().enumerate() {
        out.push('|');
        for c in 0..cols {
            let text = row.get(c).map(cell).unwrap_or_default();
            let _ = write!(out, " {text} |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            out.push_str(&"---|".repeat(cols));
            out.push('\n');
        }
    }
}

/// A cell's paragraphs on one line, joined by `<br>` (bullets as `- `).
fn cell(c: &Cell) -> String {
    c.paras
        .iter()
        .map(|(bullet, text)| {
            let t = inlines(text, true);
            if *bullet {
                format!("- {t}")
            } else {
                escape_line_start(&t)
            }
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

fn collect_notes(b: &Block, cited: &mut Vec<usize>) {
    let mut scan = |text: &[Inline]| {
        for i in text {
            match i {
                Inline::Note(n) if !cited.contains(n) => cited.push(*n),
                Inline::Link { text, .. } => {
                    for t in text {
                        if let Inline::Note(n) = t {
                            if !cited.contains(n) {
                                cited.push(*n);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    };
    match b {
        Block::Heading { text, .. }
        | Block::Para { text, .. }
        | Block::Quote { text, .. }
        | Block::Item { text, .. } => {
            scan(text);
        }
        Block::Table(t) => {
            for c in t.rows.iter().flatten() {
                for (_, text) in &c.paras {
                    scan(text);
                }
            }
        }
        _ => {}
    }
}

/// Inline Markdown. `one_line`: breaks become spaces (notes) or `<br>`
/// (cells) are the caller's; here a break is a hard line break.
pub(crate) fn inlines(text: &[Inline], one_line: bool) -> String {
    let mut s = String::new();
    for i in text {
        match i {
            Inline::Text { text, bold, italic } => {
                emphasis(&mut s, &collapse(text), *bold, *italic)
            }
            Inline::Link { url, text } => {
                let _ = write!(s, "[{}]({})", inlines(text, true), link_url(url));
            }
            Inline::Note(n) => {
                let _ = write!(s, "[^{n}]");
            }
            Inline::Break if one_line => s.push(' '),
            Inline::Break => s.push_str("\\\n"),
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out.trim().to_owned()
}

/// Text wrapped in `**`/`*`, its outer spaces left outside the delimiters
/// (CommonMark does not close emphasis after a space).
fn emphasis(s: &mut String, text: &str, bold: bool, italic: bool) {
    let core = text.trim();
    if core.is_empty() || !(bold || italic) {
        s.push_str(&escape(text));
        return;
    }
    let mark = match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        _ => "*",
    };
    if text.starts_with(' ') {
        s.push(' ');
    }
    let _ = write!(s, "{mark}{}{mark}", escape(core));
    if text.ends_with(' ') {
        s.push(' ');
    }
}

/// White space runs as one space (a no-break space is kept).
fn collapse(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if c != '\u{a0}' && c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Markdown's punctuation escaped, so the text reads back as itself.
pub(crate) fn escape(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '{'
                | '}'
                | '|'
                | '~'
                | '&'
                | '#'
                | '%'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Each line of a paragraph made safe at its start (a leading `-`, `+`,
/// `=`, `1.` or `Table:` would start a list, a heading or a caption) and
/// indented by `pad` after the first.
fn lines_escaped(text: &str, pad: &str) -> String {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| {
            let l = escape_line_start(l);
            if i == 0 {
                l
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn escape_line_start(l: &str) -> String {
    if l.starts_with(['-', '+', '=']) {
        return format!("\\{l}");
    }
    if let Some(rest) = l.strip_prefix("Table:") {
        return format!("Table\\:{rest}");
    }
    let digits = l.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && l[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &l[..digits], &l[digits..]);
    }
    l.to_owned()
}

/// A link destination with the characters that would end it encoded.
fn link_url(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, bold: bool, italic: bool) -> Inline {
        Inline::Text {
            text: text.into(),
            bold,
            italic,
        }
    }

    #[test]
    fn emphasis_keeps_spaces_outside_and_escapes_text() {
        let text = vec![
            t("Note: ", true, false),
            t("a {{ x }} *b* ", false, false),
            t("c", false, true),
        ];
        assert_eq!(
            inlines(&text, false),
            "**Note:** a \\{\\{ x \\}\\} \\*b\\* *c*"
        );
    }

    #[test]
    fn lists_nest_under_their_markers() {
        let item = |level, number, s: &str| Block::Item {
            para: 1,
            level,
            number,
            text: vec![t(s, false, false)],
        };
        let md = write(
            &[
                item(0, Some(1), "one"),
                item(1, None, "sub"),
                item(0, Some(2), "two"),
            ],
            &[],
            0,
        );
        assert_eq!(md, "1. one\n   - sub\n2. two\n");
    }

    #[test]
    fn line_starts_that_would_be_markup_are_escaped() {
        assert_eq!(escape_line_start("1. not a list"), "1\\. not a list");
        assert_eq!(escape_line_start("- dash"), "\\- dash");
        assert_eq!(escape_line_start("Table: x"), "Table\\: x");
    }
}
