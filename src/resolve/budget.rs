//! Budgets for the template pass, so that a body cannot make Tera loop or
//! grow without end: `range()` hands out at most [`MAX_RANGE_ITEMS`] numbers
//! per body in total (nested loops count every inner pass, and long bodies
//! get fewer), `{% for %}` nests at most [`MAX_FOR_DEPTH`] deep,
//! `set_global` (which lets a loop double a string each pass) is refused,
//! and the rendered text may be at most [`MAX_BODY_BYTES`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::Value;

/// Numbers `range()` may hand out over one body's template pass.
pub(crate) const MAX_RANGE_ITEMS: usize = 10_000;

/// Deepest nesting of `{% for %}` loops in a body.
pub(crate) const MAX_FOR_DEPTH: usize = 2;

/// Bytes the loops of one body may produce (range items × body length).
const MAX_LOOP_BYTES: usize = 16 * 1024 * 1024;

/// Why `body`'s template tags are refused before rendering: (byte offset, message).
pub(crate) fn refuse(body: &str) -> Option<(usize, String)> {
    let mut depth = 0usize;
    for (at, _) in body.match_indices("{%") {
        let tag = body[at + 2..].trim_start_matches(['-', ' ', '\t', '\n']);
        if tag.starts_with("set_global") {
            return Some((
                at,
                format!("`set_global` is not allowed in a paper ({LOOP_BOMB})"),
            ));
        }
        if tag.starts_with("for ") {
            depth += 1;
            if depth > MAX_FOR_DEPTH {
                let m = format!(
                    "`{{% for %}}` loops nested more than {MAX_FOR_DEPTH} deep ({LOOP_BOMB})"
                );
                return Some((at, m));
            }
        } else if tag.starts_with("endfor") {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

/// Words in the message of a spent budget, to give it its own code.
pub(crate) const LOOP_BOMB: &str = "a template loop bomb?";

/// Largest body the template pass may produce (the source cap).
pub(crate) const MAX_BODY_BYTES: usize = crate::project::read::MAX_SOURCE_BYTES as usize;

/// Tera's `range(start=0, end=N, step_by=1)`, counted against a budget.
pub(crate) fn range_function(body_len: usize) -> impl tera::Function {
    let used = Arc::new(AtomicUsize::new(0));
    let budget = MAX_RANGE_ITEMS.min(MAX_LOOP_BYTES / body_len.max(1));
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let num = |k: &str, default: Option<i64>| match args.get(k) {
            Some(v) => v
                .as_i64()
                .ok_or_else(|| tera::Error::msg(format!("range: `{k}` must be a whole number"))),
            None => default.ok_or_else(|| tera::Error::msg(format!("range: `{k}` is required"))),
        };
        let (start, end, step) = (
            num("start", Some(0))?,
            num("end", None)?,
            num("step_by", Some(1))?,
        );
        if step <= 0 {
            return Err(tera::Error::msg("range: `step_by` must be positive"));
        }
        let count =
            usize::try_from(end.saturating_sub(start).max(0) / step + 1).unwrap_or(usize::MAX);
        if used
            .fetch_add(count.min(budget + 1), Ordering::Relaxed)
            .saturating_add(count)
            > budget
        {
            return Err(tera::Error::msg(format!(
                "the loops in this body would run more than {budget} times ({LOOP_BOMB})"
            )));
        }
        let items = (0i64..)
            .map_while(|i| start.checked_add(i.checked_mul(step)?))
            .take_while(|&n| n < end);
        Ok(Value::Array(items.map(Value::from).collect()))
    }
}

/// Tera's `split(pat=...)`, refusing to make more than [`MAX_RANGE_ITEMS`] pieces.
pub(crate) fn split_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let (Some(text), Some(pat)) = (value.as_str(), args.get("pat").and_then(Value::as_str)) else {
        return Err(tera::Error::msg("split needs a string and `pat`"));
    };
    let pieces: Vec<Value> = text
        .split(pat)
        .take(MAX_RANGE_ITEMS + 1)
        .map(Value::from)
        .collect();
    if pieces.len() > MAX_RANGE_ITEMS {
        return Err(tera::Error::msg(format!(
            "split would make more than {MAX_RANGE_ITEMS} pieces ({LOOP_BOMB})"
        )));
    }
    Ok(Value::Array(pieces))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_set_global_and_deep_loops() {
        assert!(refuse("{% set_global s = s ~ s %}").is_some());
        let deep =
            "{% for a in x %}{%- for b in x %}{% for c in x %}{% endfor %}{% endfor %}{% endfor %}";
        assert!(refuse(deep).is_some());
        assert!(refuse(
            "{% for a in x %}{% endfor %}{% for b in x %}{% for c in x %}{% endfor %}{% endfor %}"
        )
        .is_none());
    }
}
