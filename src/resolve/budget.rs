//! Budgets for the template pass, so that a body cannot make Tera loop or
//! grow without end: `range()` hands out at most [`MAX_RANGE_ITEMS`] numbers
//! per body in total (nested loops count every inner pass), and the
//! rendered text may be at most [`MAX_BODY_BYTES`].

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::Value;

/// Numbers `range()` may hand out over one body's template pass.
pub(crate) const MAX_RANGE_ITEMS: usize = 10_000;

/// Words in the message of a spent budget, to give it its own code.
pub(crate) const LOOP_BOMB: &str = "a template loop bomb?";

/// Largest body the template pass may produce (the source cap).
pub(crate) const MAX_BODY_BYTES: usize = crate::project::read::MAX_SOURCE_BYTES as usize;

/// Tera's `range(start=0, end=N, step_by=1)`, counted against a budget.
pub(crate) fn range_function() -> impl tera::Function {
    let used = Arc::new(AtomicUsize::new(0));
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
        if used.fetch_add(count.min(MAX_RANGE_ITEMS + 1), Ordering::Relaxed) + count
            > MAX_RANGE_ITEMS
        {
            return Err(tera::Error::msg(format!(
                "the loops in this body would run more than {MAX_RANGE_ITEMS} times ({LOOP_BOMB})"
            )));
        }
        let items = (0..).map(|i| start + i * step).take_while(|&n| n < end);
        Ok(Value::Array(items.map(Value::from).collect()))
    }
}
