//! [`Failure`]: a MiniJinja error reduced to what a diagnostic needs: the
//! template it is in, where (line, byte range), a one-line message, and
//! whether a budget was spent rather than the template being wrong.

use std::ops::Range;

use minijinja::{Error, ErrorKind};

/// Where and why a template failed.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    /// The template the error is in (its name in the environment).
    pub(crate) template: Option<String>,
    /// 1-based line in that template.
    pub(crate) line: Option<usize>,
    /// Byte range of the offending expression in that template's source.
    pub(crate) range: Option<Range<usize>>,
    pub(crate) kind: ErrorKind,
    /// "unknown function: get_env is unknown".
    pub(crate) message: String,
    /// Fuel, recursion, output size or a function's item cap ran out.
    pub(crate) budget: bool,
    /// The output written before the output cap stopped the render.
    pub(crate) partial: Option<String>,
}

/// Messages of MiniJinja's own hard limits.
const ENGINE_LIMITS: [&str; 4] = [
    "recursion limit",
    "too many elements",
    "is too large",
    "exceeds maximum recursion",
];

impl Failure {
    /// `error`, with `partial` output when the output cap stopped it. An
    /// error inside an include or a macro wraps the one that caused it: the
    /// innermost located one is where the problem is.
    pub(crate) fn new(error: &Error, partial: Option<String>) -> Failure {
        let mut chain = vec![error];
        while let Some(inner) = std::error::Error::source(chain[chain.len() - 1])
            .and_then(|e| e.downcast_ref::<Error>())
        {
            chain.push(inner);
        }
        let root = chain[chain.len() - 1];
        let at = chain
            .iter()
            .rev()
            .find(|e| e.line().is_some())
            .copied()
            .unwrap_or(root);
        let message = message(root);
        let budget = partial.is_some() || chain.iter().any(|e| spent(e));
        Failure {
            template: at.name().map(str::to_owned),
            line: at.line(),
            range: at.range(),
            kind: root.kind(),
            message,
            budget,
            partial,
        }
    }

    /// The failure's byte offset in `source` (the template's text): the
    /// start of the offending expression, else the start of its line.
    pub(crate) fn offset_in(&self, source: &str) -> Option<usize> {
        if let Some(r) = &self.range {
            return (r.start <= source.len()).then_some(r.start);
        }
        let line = self.line?;
        if line <= 1 {
            return Some(0);
        }
        source.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
    }

    /// The text of the offending expression in `source`, when known.
    pub(crate) fn snippet<'s>(&self, source: &'s str) -> Option<&'s str> {
        self.range.clone().and_then(|r| source.get(r))
    }
}

/// "kind: detail", or the writer's own message for a failed write.
fn message(error: &Error) -> String {
    match (error.kind(), error.detail()) {
        (ErrorKind::WriteFailure, _) => std::error::Error::source(error)
            .map(|s| s.to_string())
            .unwrap_or_else(|| error.kind().to_string()),
        (ErrorKind::OutOfFuel, _) => format!(
            "this does more work than a paper needs and was stopped \
             (its fuel ran out: {})",
            super::BUDGET_SPENT
        ),
        (kind, None | Some("")) => kind.to_string(),
        (kind, Some(d)) => format!("{kind}: {d}"),
    }
}

/// A budget ran out: fuel, an engine limit, or one of our caps.
fn spent(error: &Error) -> bool {
    let detail = error.detail().unwrap_or_default();
    matches!(error.kind(), ErrorKind::OutOfFuel | ErrorKind::WriteFailure)
        || detail.contains(super::BUDGET_SPENT)
        || ENGINE_LIMITS.iter().any(|l| detail.contains(l))
}

/// 1-based (line, column in characters) of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u32, column as u32)
}
