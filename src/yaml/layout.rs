//! A YAML parser's complaint about layout (a tab, a line indented more or
//! less than its neighbours, a required key missing from a mapping) put in
//! a user's words, at the line that causes it, with the change that fixes
//! it. Lines here count from 1 within the parsed text.

/// A better place, message and hint for a parser error, when it is one of
/// the layout mistakes people make.
pub(super) struct Explained {
    pub(super) line: usize,
    pub(super) col: usize,
    pub(super) message: String,
    pub(super) hint: String,
}

/// Explains `message`, reported at `line` of `text`, when it is a tab, an
/// indentation error or a missing field; `None` for anything else.
pub(super) fn explain(text: &str, message: &str, line: usize) -> Option<Explained> {
    let lines: Vec<&str> = text.lines().collect();
    if message.contains("tab") {
        return tab(&lines, line);
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        // A line indented out of its mapping ends that mapping early: the
        // indentation is the cause, the missing key follows from it.
        return match stray(&lines, lines.len()) {
            Some(n) => indented(&lines, n, message),
            None => Some(missing(&lines, line, field)),
        };
    }
    let indentation = [
        "did not find expected key",
        "mapping values are not allowed",
        "did not find expected '-'",
        "did not find expected ',' or",
        "block sequence entries are not allowed",
    ];
    if indentation.iter().any(|m| message.contains(m)) {
        return indented(&lines, line, message);
    }
    None
}

/// The tab nearest the reported line (parsers report it at the line
/// before, or at the word after it) in a line's indentation.
fn tab(lines: &[&str], line: usize) -> Option<Explained> {
    let near = [line, line + 1, line.saturating_sub(1)];
    let found = near
        .iter()
        .copied()
        .chain(1..=lines.len())
        .filter(|n| (1..=lines.len()).contains(n))
        .find_map(|n| {
            let l = lines[n - 1];
            let indent = &l[..l.len() - l.trim_start().len()];
            indent
                .chars()
                .position(|c| c == '\t')
                .or_else(|| l.find('\t').filter(|_| l.trim_start().starts_with('-')))
                .map(|col| (n, col + 1))
        })?;
    Some(Explained {
        line: found.0,
        col: found.1,
        message: "a tab in the indentation: YAML indents with spaces only".into(),
        hint: format!(
            "replace the tab on line {} with spaces (two for each level)",
            found.0
        ),
    })
}

/// The number of spaces a line starts with.
fn indent(l: &str) -> usize {
    l.len() - l.trim_start_matches(' ').len()
}

fn content(l: &str) -> bool {
    let t = l.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// A line indented more or less than the mapping it belongs to: the first
/// line from the top whose indentation no enclosing block has, else the
/// reported line, compared with the line above it.
fn indented(lines: &[&str], line: usize, message: &str) -> Option<Explained> {
    let reported = line.clamp(1, lines.len().max(1));
    let culprit = stray(lines, reported).unwrap_or(reported);
    let l = lines.get(culprit - 1)?;
    let above = (1..culprit)
        .rev()
        .find(|n| content(lines[n - 1]))
        .map(|n| (n, indent(lines[n - 1])));
    let spaces = |n: usize| match n {
        1 => "1 space".to_owned(),
        n => format!("{n} spaces"),
    };
    let hint = match above {
        Some((n, i)) => format!(
            "line {culprit} is indented {}, line {n} above it {}: indent the keys of one mapping by the same number of spaces, and a nested one further than its parent key",
            spaces(indent(l)),
            spaces(i)
        ),
        None => "indent the keys of one mapping by the same number of spaces".into(),
    };
    let detail = message.trim_start_matches("while parsing a block mapping, ");
    Some(Explained {
        line: culprit,
        col: indent(l) + 1,
        message: format!("this line's indentation does not fit the lines above it ({detail})"),
        hint,
    })
}

/// The first line up to `until` (and one after) indented to a column no
/// open block uses: deeper than the line before when that line opens no
/// block, or shallower than its block but not back to an enclosing one.
fn stray(lines: &[&str], until: usize) -> Option<usize> {
    let mut open: Vec<usize> = Vec::new();
    let mut prev: Option<&str> = None;
    // The indentation of a line holding a block scalar (`|`, `>`), whose
    // deeper lines are text, not structure.
    let mut scalar: Option<usize> = None;
    for (i, l) in lines.iter().enumerate().take(until) {
        if !content(l) {
            continue;
        }
        let ind = indent(l);
        if scalar.is_some_and(|s| ind > s) {
            continue;
        }
        scalar = None;
        let code = l.split(" #").next().unwrap_or_default().trim_end();
        if ["|", ">", "|-", ">-", "|+", ">+"]
            .iter()
            .any(|m| code.ends_with(&format!(" {m}")))
        {
            scalar = Some(ind);
        }
        match prev {
            None => open.push(ind),
            Some(p) => {
                let top = *open.last().unwrap_or(&0);
                let p = p.split(" #").next().unwrap_or_default().trim_end();
                let opens = p.ends_with(':')
                    || p.trim_start().starts_with('-')
                    || p.ends_with(['[', '{', ',']);
                if ind > top {
                    if !opens {
                        return Some(i + 1);
                    }
                    open.push(ind);
                } else if ind < top {
                    while open.last().is_some_and(|&o| o > ind) {
                        open.pop();
                    }
                    if open.last() != Some(&ind) {
                        return Some(i + 1);
                    }
                }
            }
        }
        prev = Some(l);
    }
    None
}

/// A required key missing: at the first key of the mapping that lacks it
/// (parsers report where that mapping ends).
fn missing(lines: &[&str], line: usize, field: &str) -> Explained {
    let reported = line.clamp(1, lines.len().max(1));
    let key_indent = lines
        .get(reported - 1)
        .map_or(0, |l| indent(l.trim_start_matches("- ")));
    let mut first = reported;
    for n in (1..reported).rev() {
        let l = lines[n - 1];
        if !content(l) {
            continue;
        }
        let ind = indent(l);
        if ind < key_indent || (ind == key_indent && l.trim_start().starts_with('-')) {
            if l.trim_start().starts_with("- ") && ind + 2 == key_indent {
                first = n;
            }
            break;
        }
        if ind == key_indent {
            first = n;
        }
    }
    let col = lines
        .get(first - 1)
        .map_or(1, |l| l.len() - l.trim_start().len() + 1);
    let whose = if key_indent == 0 {
        "at the top of the file".to_owned()
    } else {
        format!("beside the keys of this mapping (line {first})")
    };
    Explained {
        line: first,
        col,
        message: format!("missing field `{field}`: the mapping starting here needs it"),
        hint: format!("add `{field}: ...` {whose}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_is_found_on_its_own_line() {
        let text = "name: x\nshort: y\n\tboard: z\n";
        let e = explain(text, "while scanning a plain scalar, found a tab", 2).unwrap();
        assert_eq!((e.line, e.col), (3, 1));
    }

    #[test]
    fn an_over_indented_key_is_the_culprit() {
        let text = "a: 1\nb:\n  c: 2\n    d: 3\n  e: 4\n";
        let e = explain(text, "mapping values are not allowed in this context", 5).unwrap();
        assert_eq!((e.line, e.col), (4, 5));
        assert!(e
            .hint
            .contains("line 4 is indented 4 spaces, line 3 above it 2 spaces"));
    }

    #[test]
    fn a_missing_field_is_at_its_mapping() {
        let text = "# c\nshort: x\nboard: y\nframework:\n  title: t\nagenda:\n  - z\n";
        let e = explain(text, "missing field `name`", 6).unwrap();
        assert_eq!((e.line, e.col), (2, 1));
        let nested = "a: 1\nframework:\n  title: t\n  label: l\nz: 2\n";
        let e = explain(nested, "missing field `items`", 4).unwrap();
        assert_eq!((e.line, e.col), (3, 3));
    }
}
