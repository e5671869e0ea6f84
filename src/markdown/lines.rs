//! Keeping source lines through the template pass.
//!
//! Before the template pass runs, every source line that does not sit inside a template
//! tag gets an invisible marker naming its line. After the pass the markers
//! are stripped and give, for each rendered line, the source line it came
//! from, so Markdown problems are reported where the author wrote them.

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Appends a line marker to each line of `body` (whose first line is
/// `first_line` in its file), except inside multi-line template tags.
pub(crate) fn mark(body: &str, first_line: u32) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    let mut depth: i32 = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let (text, nl) = match line.strip_suffix('\n') {
            Some(t) => (t, "\n"),
            None => (line, ""),
        };
        depth += count_opens(text) - count_closes(text);
        out.push_str(text);
        if depth <= 0 {
            depth = 0;
            out.push(OPEN);
            out.push_str(&(first_line + i as u32).to_string());
            out.push(CLOSE);
        }
        out.push_str(nl);
    }
    out
}

fn count_opens(s: &str) -> i32 {
    (s.matches("{{").count() + s.matches("{%").count() + s.matches("{#").count()) as i32
}

fn count_closes(s: &str) -> i32 {
    (s.matches("}}").count() + s.matches("%}").count() + s.matches("#}").count()) as i32
}

/// Removes the markers from rendered text: returns the clean text and, for
/// each of its lines, the source line it came from.
pub(crate) fn unmark(rendered: &str, first_line: u32) -> (String, Vec<u32>) {
    let mut clean = String::with_capacity(rendered.len());
    let mut map = Vec::new();
    let mut last = first_line;
    for line in rendered.split_inclusive('\n') {
        let mut found = None;
        let mut rest = line;
        while let Some(start) = rest.find(OPEN) {
            clean.push_str(&rest[..start]);
            let after = &rest[start + OPEN.len_utf8()..];
            let end = after.find(CLOSE).unwrap_or(after.len());
            found = found.or(after[..end].parse::<u32>().ok());
            rest = after.get(end + CLOSE.len_utf8()..).unwrap_or("");
        }
        clean.push_str(rest);
        // A line without a marker came from inside a multi-line tag: give it
        // the line after the last one seen.
        let line_no = found.unwrap_or(last + 1);
        map.push(line_no);
        last = line_no;
    }
    (clean, map)
}

/// The source line of the last marker in `rendered` (output cut short by a
/// budget: the line after it is the one being rendered).
pub(crate) fn last_marked_line(rendered: &str) -> Option<u32> {
    let start = rendered.rfind(OPEN)? + OPEN.len_utf8();
    let len = rendered[start..].find(CLOSE)?;
    rendered[start..start + len].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_text_and_lines() {
        let body = "a\n{% if x %}\nb\n{% endif %}\nc\n";
        let marked = mark(body, 10);
        // Simulate the template dropping lines 11 and 13 (tag lines) and keeping 12.
        let rendered: String = marked
            .lines()
            .filter(|l| !l.starts_with("{%"))
            .map(|l| format!("{l}\n"))
            .collect();
        let (clean, map) = unmark(&rendered, 10);
        assert_eq!(clean, "a\nb\nc\n");
        assert_eq!(map, vec![10, 12, 14]);
    }

    #[test]
    fn last_marked_line_of_cut_output() {
        let marked = mark("a\nb\nc", 7);
        let cut = &marked[..marked.find('c').unwrap_or(0)];
        assert_eq!(last_marked_line(cut), Some(8));
        assert_eq!(last_marked_line("no markers"), None);
    }

    #[test]
    fn multi_line_tags_are_not_marked_inside() {
        let marked = mark("{{ trust.name\n }}\n", 1);
        assert_eq!(marked.lines().next(), Some("{{ trust.name"));
    }
}
