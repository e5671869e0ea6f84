//! A failed template pass as a diagnostic at the offending expression: the
//! engine's byte range in the marked body is mapped back to the paper's
//! own line and column (markers only ever follow a line's text, so a line's
//! prefix is the same in both). Spent budgets get BP029, everything else
//! BP014, with a "did you mean `trust.short`?" hint for a misspelt name.

use serde_json::Value;

use crate::diag::suggest::did_you_mean;
use crate::diag::{Code, Diagnostic};
use crate::markdown::lines;
use crate::sandbox::Failure;
use crate::source::{Pos, Source};

/// The diagnostic for `f`, raised over `marked` (the body starting at byte
/// `start` of `src`, with line markers), rendered with `context`.
pub(crate) fn located(
    src: &Source,
    start: usize,
    marked: &str,
    context: &Value,
    f: &Failure,
) -> Diagnostic {
    let body = &src.text[start..];
    let pos = match &f.partial {
        Some(out) => cut_at(src, start, out),
        None => f
            .offset_in(marked)
            .map(|o| src.pos(start + body_offset(body, marked, o))),
    }
    .unwrap_or_else(|| src.pos(start));
    let snippet = f.snippet(marked).map(str::trim);
    let message = match f.message.find(super::gov_calls::UNKNOWN_TRUST) {
        Some(at) => f.message[at..].to_owned(),
        None => format!("template error: {}", f.message),
    };
    let (code, hint) = if f.message.contains(super::gov_calls::UNKNOWN_TRUST) {
        (
            Code::UnknownTrust,
            "name a trust the paper goes to (its `trusts`)".to_string(),
        )
    } else if f.budget {
        (
            Code::TemplateBudget,
            "papers need short loops over short lists and no recursion".to_string(),
        )
    } else {
        let unpack = (f.kind == minijinja::ErrorKind::CannotUnpack).then(|| {
            "to loop over a mapping's keys and values, write \
             `{% for key, value in paper.governance | items %}`"
                .to_string()
        });
        let hint = snippet
            .filter(|_| f.kind == minijinja::ErrorKind::UndefinedError)
            .and_then(|s| misspelt(s, context))
            .or(unpack);
        (
            Code::Template,
            hint.unwrap_or_else(|| {
                "available: `trust`, `paper`, `alliance`, `trusts`, `recommendation(\"id\")`, \
                 `governance_table(\"id\")`, `governance_tables()` and `range(end=N)`; \
                 nothing else (no environment, clock or files)"
                    .into()
            }),
        )
    };
    let d = Diagnostic::at(code, src, pos, message).with_hint(Some(hint));
    // The caret covers the expression when it is on one line.
    let end = f
        .range
        .as_ref()
        .filter(|r| f.partial.is_none() && r.end <= marked.len())
        .and_then(|r| marked.get(r.clone()))
        .filter(|text| !text.is_empty() && !text.contains('\n'))
        .map(|text| Pos::new(pos.line, pos.col + text.chars().count() as u32));
    match end {
        Some(end) => d.with_end(end),
        None => d,
    }
}

/// Byte offset in `body` of byte `at` of `marked`.
fn body_offset(body: &str, marked: &str, at: usize) -> usize {
    let at = at.min(marked.len());
    let line = marked[..at].matches('\n').count();
    let marked_start = marked[..at].rfind('\n').map_or(0, |i| i + 1);
    let body_start = match line {
        0 => 0,
        n => body
            .match_indices('\n')
            .nth(n - 1)
            .map_or(body.len(), |(i, _)| i + 1),
    };
    let body_line_end = body[body_start..]
        .find('\n')
        .map_or(body.len(), |i| body_start + i);
    (body_start + (at - marked_start)).min(body_line_end)
}

/// Where output cut short by the output cap was being rendered: the line
/// after the last complete line written (within the body).
fn cut_at(src: &Source, start: usize, partial: &str) -> Option<Pos> {
    let first = src.pos(start).line;
    let last = first + src.text[start..].lines().count().max(1) as u32 - 1;
    let line = lines::last_marked_line(partial).map_or(first, |l| (l + 1).min(last));
    Some(Pos::new(line, 1))
}

/// "did you mean `trust.short`?" for an undefined dotted name such as
/// `trust.shrt` (or `trst.name`), from the names the context has.
fn misspelt(snippet: &str, context: &Value) -> Option<String> {
    let path: String = snippet
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
        .collect();
    let mut here = context;
    let mut known = Vec::new();
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let Value::Object(map) = here else {
            return None;
        };
        match map.get(segment) {
            Some(next) => {
                known.push(segment);
                here = next;
            }
            None => {
                let near = did_you_mean(segment, map.keys().map(String::as_str))?;
                let prefix: String = known.iter().map(|k| format!("{k}.")).collect();
                return Some(near.replacen('`', &format!("`{prefix}"), 1));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_known_name() {
        let ctx = serde_json::json!({ "trust": { "short": "LPT", "name": "x" }, "paper": {} });
        assert_eq!(
            misspelt("trust.shrt", &ctx).as_deref(),
            Some("did you mean `trust.short`?")
        );
        assert_eq!(
            misspelt("trst.name | upper", &ctx).as_deref(),
            Some("did you mean `trust`?")
        );
        assert_eq!(misspelt("trust.name", &ctx), None);
    }

    #[test]
    fn offsets_skip_the_markers() {
        let body = "ab\ncd {{ x }}\n";
        let marked = lines::mark(body, 1);
        let at = marked.find("{{").unwrap_or(0);
        assert_eq!(body_offset(body, &marked, at), 6);
    }
}
