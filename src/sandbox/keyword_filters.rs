//! Tera's keyword spellings of common filters, so papers written for the
//! old engine keep working: `join(sep=", ")`, `default(value="x")`,
//! `replace(from="a", to="b")` (each handed to MiniJinja's own filter,
//! which charges fuel for what it makes) and Tera's `truncate(length=N,
//! end="…")`, which MiniJinja lacks. The Jinja positional forms work too.

use minijinja::value::{Kwargs, Rest};
use minijinja::{filters, Error, State, Value};

/// `items | join(", ")` or `items | join(sep=", ")`.
pub(crate) fn join(
    state: &mut State,
    value: &Value,
    sep: Option<Value>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    let sep = kwargs.get::<Option<Value>>("sep")?.or(sep);
    let attribute = kwargs.get::<Option<Value>>("attribute")?;
    kwargs.assert_all_used()?;
    let mut args = vec![value.clone(), sep.unwrap_or_else(|| Value::from(""))];
    args.extend(attribute);
    Value::from_function(filters::join).call(state, &args)
}

/// `x | default("y")` or `x | default(value="y")`.
pub(crate) fn default(
    state: &mut State,
    value: &Value,
    args: Rest<Value>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    let mut all = vec![value.clone()];
    all.extend(kwargs.get::<Option<Value>>("value")?);
    kwargs.assert_all_used()?;
    all.extend(args.iter().cloned());
    Value::from_function(filters::default).call(state, &all)
}

/// `s | replace("a", "b")` or `s | replace(from="a", to="b")`.
pub(crate) fn replace(
    state: &mut State,
    value: &Value,
    args: Rest<Value>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    let mut all = vec![value.clone()];
    all.extend(args.iter().cloned());
    for key in ["from", "to"] {
        all.extend(kwargs.get::<Option<Value>>(key)?);
    }
    kwargs.assert_all_used()?;
    Value::from_function(filters::replace).call(state, &all)
}

/// `s | truncate(length=10)`: the first `length` characters and `end`
/// ("…" unless given) when `s` is longer.
pub(crate) fn truncate(value: &str, length: Option<usize>, kwargs: Kwargs) -> Result<Value, Error> {
    let length = kwargs
        .get::<Option<usize>>("length")?
        .or(length)
        .unwrap_or(255);
    let end = kwargs.get::<Option<String>>("end")?;
    kwargs.assert_all_used()?;
    match value.char_indices().nth(length) {
        None => Ok(Value::from(value)),
        Some((at, _)) => Ok(Value::from(format!(
            "{}{}",
            &value[..at],
            end.as_deref().unwrap_or("…")
        ))),
    }
}
