//! `range` and `split` for papers: Jinja's positional form and Tera's
//! keyword form (`range(end=N, start=0, step_by=1)`, `split(pat=",")`),
//! each refusing to make more than [`MAX_ITEMS`] items and charging the
//! render's fuel one unit per item before making any.

use minijinja::value::Kwargs;
use minijinja::{Error, ErrorKind, State, Value};

/// Items one `range` or `split` call may make.
pub(crate) const MAX_ITEMS: usize = 10_000;

/// `range(end)`, `range(start, end[, step])` or `range(end=N, start=0, step_by=1)`.
pub(crate) fn range(
    state: &State,
    a: Option<i64>,
    b: Option<i64>,
    c: Option<i64>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    let (mut start, mut end, mut step) = match (a, b) {
        (Some(end), None) => (0, Some(end), c.unwrap_or(1)),
        (Some(start), Some(end)) => (start, Some(end), c.unwrap_or(1)),
        _ => (0, None, c.unwrap_or(1)),
    };
    start = kwargs.get::<Option<i64>>("start")?.unwrap_or(start);
    end = kwargs.get::<Option<i64>>("end")?.or(end);
    step = kwargs.get::<Option<i64>>("step_by")?.unwrap_or(step);
    kwargs.assert_all_used()?;
    let end = end.ok_or_else(|| invalid("range needs an end: range(end=10)"))?;
    if step == 0 {
        return Err(invalid("range: the step may not be 0"));
    }
    let count = count(start, end, step);
    if count > MAX_ITEMS as u128 {
        return Err(invalid(format!(
            "range would make {count} numbers, more than {MAX_ITEMS} ({})",
            super::BUDGET_SPENT
        )));
    }
    state.consume_fuel(count as u64)?;
    let items = (0..count as i64).map(|i| Value::from(start + i * step));
    Ok(Value::from(items.collect::<Vec<_>>()))
}

/// How many numbers `start`, `start + step`, ... come before `end`.
fn count(start: i64, end: i64, step: i64) -> u128 {
    let (span, step) = (i128::from(end) - i128::from(start), i128::from(step));
    if span == 0 || (span > 0) != (step > 0) {
        return 0;
    }
    let (span, step) = (span.unsigned_abs(), step.unsigned_abs());
    span.div_ceil(step)
}

/// `text | split(",")`, `text | split(",", 1)` (at most one split),
/// `text | split(pat=",")`, or on whitespace.
pub(crate) fn split(
    state: &State,
    text: &str,
    sep: Option<String>,
    maxsplit: Option<i64>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    let sep = kwargs.get::<Option<String>>("pat")?.or(sep);
    kwargs.assert_all_used()?;
    let most = maxsplit
        .and_then(|n| usize::try_from(n).ok())
        .map_or(MAX_ITEMS + 1, |n| n.saturating_add(1).min(MAX_ITEMS + 1));
    let pieces: Vec<&str> = match sep.as_deref() {
        Some("") => return Err(invalid("split: the separator may not be empty")),
        Some(sep) => text.splitn(most, sep).collect(),
        None => split_whitespace(text, most),
    };
    if pieces.len() > MAX_ITEMS {
        return Err(invalid(format!(
            "split would make more than {MAX_ITEMS} pieces ({})",
            super::BUDGET_SPENT
        )));
    }
    state.consume_fuel(pieces.len() as u64)?;
    Ok(Value::from(
        pieces.into_iter().map(Value::from).collect::<Vec<_>>(),
    ))
}

/// At most `most` whitespace-separated pieces, the last holding the rest.
fn split_whitespace(text: &str, most: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        if pieces.len() + 1 == most {
            pieces.push(rest);
            break;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        pieces.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    pieces
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidOperation, message.into())
}

#[cfg(test)]
mod tests {
    use super::{count, split_whitespace};

    #[test]
    fn splits_on_whitespace_at_most_so_often() {
        assert_eq!(split_whitespace("  a b\tc ", 99), ["a", "b", "c"]);
        assert_eq!(split_whitespace("a b  c", 2), ["a", "b  c"]);
        assert!(split_whitespace("   ", 3).is_empty());
    }

    #[test]
    fn counts_like_python_range() {
        assert_eq!(count(0, 10, 1), 10);
        assert_eq!(count(0, 10, 3), 4);
        assert_eq!(count(10, 0, -2), 5);
        assert_eq!(count(5, 5, 1), 0);
        assert_eq!(count(10, 0, 1), 0);
        assert_eq!(count(0, i64::MAX, 3), (i64::MAX as u128).div_ceil(3));
    }
}
