//! The template pass over a body: MiniJinja in the sandbox of
//! [`crate::sandbox`] (fuel, recursion and output budgets), with `trust`,
//! `paper`, `alliance`, `trusts`, `recommendation("id")` and the
//! governance-table calls of `gov_calls.rs`; errors are
//! located in `template_error.rs`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use minijinja::value::Kwargs;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Value};

use super::template_error::located;
use crate::diag::{Code, Diagnostic};
use crate::markdown::{lines, REC_CLOSE, REC_OPEN};
use crate::sandbox::{self, Failure};
use crate::source::{Pos, Source};

/// The body's name in its environment.
pub(crate) const BODY: &str = "body";

/// Largest body the template pass may produce (the source cap).
pub(crate) const MAX_BODY_BYTES: usize = crate::project::read::MAX_SOURCE_BYTES as usize;

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
    context: &serde_json::Value,
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
    let marked = lines::mark(body, first_line);
    let fail = |f: Failure| located(src, start, &marked, context, &f);
    let env = compiled(&marked).map_err(fail)?;
    // The markers are in the output too: allow for them here, and hold the
    // clean text to the limit below.
    let ctx = Value::from(minijinja::value::Serde(context));
    let out = sandbox::render(&env, BODY, ctx, 2 * MAX_BODY_BYTES).map_err(fail)?;
    let (text, line_map) = lines::unmark(&out, first_line);
    if text.len() > MAX_BODY_BYTES {
        return Err(too_long(src, &text, &line_map));
    }
    let placed = placed(&text);
    Ok(Rendered {
        text,
        line_map,
        placed,
    })
}

/// The template pass produced more text than any paper needs: reported at
/// the source line that produced the most of it.
fn too_long(src: &Source, text: &str, line_map: &[u32]) -> Diagnostic {
    let mut bytes: HashMap<u32, usize> = HashMap::new();
    for (line, from) in text.split_inclusive('\n').zip(line_map) {
        *bytes.entry(*from).or_default() += line.len();
    }
    let worst = bytes
        .into_iter()
        .max_by_key(|&(line, n)| (n, std::cmp::Reverse(line)))
        .map_or(1, |(line, _)| line);
    let len = text.len();
    Diagnostic::at(
        Code::TemplateBudget,
        src,
        Pos::new(worst, 1),
        format!(
            "the template pass made this body {len} bytes long, over the {MAX_BODY_BYTES} byte limit"
        ),
    )
    .with_hint(Some("this line makes most of it: check its loops".into()))
}

/// The sandboxed environment holding a marked body, compiled once per
/// process and shared by every trust's pass over the same body (compiling
/// was a tenth of a demo build when it was done per variant). Keyed by the
/// text itself, so the memo can never return another body's template.
fn compiled(marked: &str) -> Result<Arc<Environment<'static>>, Failure> {
    type Memo = Mutex<HashMap<String, Arc<Environment<'static>>>>;
    static MEMO: OnceLock<Memo> = OnceLock::new();
    let memo = MEMO.get_or_init(Default::default);
    if let Some(t) = memo.lock().ok().and_then(|m| m.get(marked).cloned()) {
        return Ok(t);
    }
    let mut env = sandbox::environment(AutoEscape::None);
    env.add_function("recommendation", recommendation);
    env.add_function("governance_table", super::gov_calls::governance_table);
    env.add_function("governance_tables", super::gov_calls::governance_tables);
    env.add_template_owned(BODY, marked.to_owned())
        .map_err(|e| Failure::new(&e, None))?;
    let env = Arc::new(env);
    if let Ok(mut m) = memo.lock() {
        m.insert(marked.to_owned(), Arc::clone(&env));
    }
    Ok(env)
}

/// `recommendation("x")` or `recommendation(id="x")`: a marker the Markdown
/// stage turns into the callout.
fn recommendation(id: Option<String>, kwargs: Kwargs) -> Result<Value, Error> {
    let id = kwargs.get::<Option<String>>("id")?.or(id);
    kwargs.assert_all_used()?;
    match id {
        Some(id) => Ok(Value::from(format!("{REC_OPEN}{id}{REC_CLOSE}"))),
        None => Err(Error::new(
            ErrorKind::MissingArgument,
            "recommendation needs an id: {{ recommendation(\"vision\") }}",
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
