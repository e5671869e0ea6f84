//! The template pass over a body: Tera with `trust`, `paper`, `alliance`,
//! `trusts` and `recommendation("id")`, errors mapped back to the paper's lines.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;

use crate::diag::{Code, Diagnostic};
use crate::markdown::{lines, REC_CLOSE, REC_OPEN};
use crate::source::{Pos, Source};

/// A body after the template pass.
pub(crate) struct Rendered {
    pub(crate) text: String,
    pub(crate) line_map: Vec<u32>,
    /// Recommendation ids in the order the body placed them.
    pub(crate) placed: Vec<String>,
}

/// Runs the template pass over `body`, which starts at byte `start` of `src`.
pub(crate) fn render(
    src: &Source,
    start: usize,
    context: &tera::Context,
) -> Result<Rendered, Diagnostic> {
    let body = &src.text[start..];
    let first_line = src.pos(start).line;
    if !body.contains("{{") && !body.contains("{%") && !body.contains("{#") {
        let line_map = (first_line..).take(body.lines().count().max(1)).collect();
        return Ok(Rendered {
            text: body.to_owned(),
            line_map,
            placed: Vec::new(),
        });
    }
    // Tera 1 takes keyword arguments only; the SPEC's form is positional.
    let marked = lines::mark(body, first_line)
        .replace("recommendation(\"", "recommendation(id=\"")
        .replace("recommendation('", "recommendation(id='");
    if let Some((at, message)) = super::budget::refuse(body) {
        let d = Diagnostic::at(Code::TemplateBudget, src, src.pos(start + at), message);
        return Err(d.with_hint(Some(
            "board papers need at most two nested loops and no `set_global`".into(),
        )));
    }
    let tera = compiled(&marked, body.len()).map_err(|e| located(src, start, &e))?;
    let out = tera
        .render("body", context)
        .map_err(|e| located(src, start, &e))?;
    let (text, line_map) = lines::unmark(&out, first_line);
    if text.len() > super::budget::MAX_BODY_BYTES {
        return Err(too_long(src, start, text.len()));
    }
    let placed = placed(&text);
    Ok(Rendered {
        text,
        line_map,
        placed,
    })
}

/// The template pass produced more text than any paper needs.
fn too_long(src: &Source, start: usize, len: usize) -> Diagnostic {
    let limit = super::budget::MAX_BODY_BYTES;
    Diagnostic::at(
        Code::TemplateBudget,
        src,
        src.pos(start),
        format!("the template pass made this body {len} bytes long, over the {limit} byte limit"),
    )
    .with_hint(Some("check the loops in this body".into()))
}

/// The compiled template of a marked body, compiled once per process and
/// shared by every trust's pass over the same body (compiling was a tenth
/// of a demo build when it was done per variant). Keyed by the text
/// itself, so the memo can never return another body's template.
/// The budgets of the bad-input rules (a bounded `range`, a capped `split`)
/// are registered here too; `body_len` is a function of `marked`, so the memo
/// key still decides everything.
fn compiled(marked: &str, body_len: usize) -> Result<Arc<tera::Tera>, tera::Error> {
    static MEMO: OnceLock<Mutex<HashMap<String, Arc<tera::Tera>>>> = OnceLock::new();
    let memo = MEMO.get_or_init(Default::default);
    if let Some(t) = memo.lock().ok().and_then(|m| m.get(marked).cloned()) {
        return Ok(t);
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![]);
    tera.register_function("recommendation", recommendation);
    tera.register_function("range", super::budget::range_function(body_len));
    tera.register_filter("split", super::budget::split_filter);
    tera.add_raw_template("body", marked)?;
    let tera = Arc::new(tera);
    if let Ok(mut m) = memo.lock() {
        m.insert(marked.to_owned(), Arc::clone(&tera));
    }
    Ok(tera)
}

/// `recommendation(id="x")`: a marker the Markdown stage turns into the callout.
fn recommendation(args: &HashMap<String, Value>) -> tera::Result<Value> {
    match args.get("id").or_else(|| args.values().next()) {
        Some(Value::String(id)) => Ok(Value::String(format!("{REC_OPEN}{id}{REC_CLOSE}"))),
        _ => Err(tera::Error::msg(
            "recommendation needs an id: {{ recommendation(id=\"vision\") }}",
        )),
    }
}

/// Recommendation ids in the order their markers appear in the rendered text.
fn placed(text: &str) -> Vec<String> {
    crate::markdown::split_markers(text)
        .into_iter()
        .filter_map(|part| part.err().map(str::to_owned))
        .collect()
}

/// Positions of every `recommendation("id")` written in `body`, for messages.
///
/// One pass: the position is carried forward from call to call (never
/// counted again from the line's start), and an id is read from at most
/// [`MAX_ID_SCAN`] bytes after its `(`, so 100,000 calls on one line, or
/// calls never closed with `)`, stay linear.
pub(crate) fn call_sites(src: &Source, start: usize) -> Vec<(String, Pos)> {
    const CALL: &str = "recommendation(";
    let body = src.text.get(start..).unwrap_or_default();
    let mut out = Vec::new();
    let mut pos = src.pos(start);
    let mut last = 0;
    for (at, _) in body.match_indices(CALL) {
        for c in body[last..at].chars() {
            if c == '\n' {
                pos = Pos::new(pos.line + 1, 1);
            } else {
                pos.col += 1;
            }
        }
        last = at;
        let rest = &body[at + CALL.len()..];
        let end = rest
            .char_indices()
            .take(MAX_ID_SCAN)
            .find(|&(_, c)| c == ')' || c == '\n')
            .map_or(rest.len().min(floor(rest, MAX_ID_SCAN)), |(i, _)| i);
        let arg = &rest[..end];
        let id = arg
            .rsplit('=')
            .next()
            .unwrap_or(arg)
            .trim()
            .trim_matches(|c| c == '"' || c == '\'');
        out.push((id.to_owned(), pos));
    }
    out
}

/// How far after `recommendation(` its id is looked for.
const MAX_ID_SCAN: usize = 256;

/// The largest char boundary of `s` at or below `i`.
fn floor(s: &str, i: usize) -> usize {
    (0..=i.min(s.len()))
        .rev()
        .find(|&j| s.is_char_boundary(j))
        .unwrap_or(0)
}

/// A Tera error as a diagnostic at the paper's own line.
fn located(src: &Source, start: usize, err: &tera::Error) -> Diagnostic {
    let mut chain = vec![err.to_string()];
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(err);
    while let Some(e) = cur {
        chain.push(e.to_string());
        cur = e.source();
    }
    let full = chain.join("\n");
    let first_line = src.pos(start).line;
    let body = &src.text[start..];
    let pos = parse_error_pos(&full)
        .map(|(l, c)| Pos::new(first_line + l - 1, c))
        .or_else(|| {
            // A function that refused its arguments (`range` over budget):
            // its first call in the body.
            failed_function(&full)
                .and_then(|name| body.find(&format!("{name}(")))
                .map(|i| src.pos(start + i))
        })
        .or_else(|| {
            backticked(&full).and_then(|name| {
                src.text[start..]
                    .find(name.as_str())
                    .map(|i| src.pos(start + i))
            })
        })
        .unwrap_or(Pos::new(first_line, 1));
    let message = chain
        .iter()
        .rev()
        .find_map(|m| {
            m.lines()
                .rev()
                .find(|l| l.trim_start().starts_with("= "))
                .map(|l| l.trim_start()[2..].to_owned())
        })
        .unwrap_or_else(|| chain.last().cloned().unwrap_or_default())
        .replace(" while rendering 'body'", "");
    let (code, hint) = if full.contains(super::budget::LOOP_BOMB) {
        (
            Code::TemplateBudget,
            "loop over short lists: trusts, items, a small range",
        )
    } else {
        (
            Code::Template,
            "available: `trust`, `paper`, `alliance`, `trusts` and `recommendation(\"id\")`",
        )
    };
    Diagnostic::at(code, src, pos, format!("template error: {message}"))
        .with_hint(Some(hint.into()))
}

/// `range` in Tera's "Function call 'range' failed".
fn failed_function(msg: &str) -> Option<&str> {
    let at = msg.find("Function call '")? + "Function call '".len();
    let len = msg[at..].find('\'')?;
    Some(&msg[at..at + len])
}

/// " --> 3:5" in a Tera parse error.
fn parse_error_pos(msg: &str) -> Option<(u32, u32)> {
    let at = msg.find(" --> ")?;
    let rest = &msg[at + 5..];
    let (l, c) = rest.split_whitespace().next()?.split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

fn backticked(msg: &str) -> Option<String> {
    let a = msg.find('`')?;
    let b = msg[a + 1..].find('`')?;
    Some(msg[a + 1..a + 1 + b].to_owned())
}
