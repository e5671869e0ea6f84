//! `governance_table("id")` and `governance_tables()` in a body or an
//! appendix: markers the Markdown stage turns into a receiving trust's
//! governance table (or every receiving trust's, each under its heading),
//! so a paper of a group can carry each member's table where its original
//! does. A trust the paper does not go to is refused at the call, with
//! the nearest receiving trust as a hint.

use minijinja::value::Kwargs;
use minijinja::{Error, ErrorKind, State, Value};

use crate::diag::suggest::did_you_mean;
use crate::markdown::{GOV_CLOSE, GOV_OPEN, GOV_SEP};

/// The message every refused trust id starts with (the diagnostic's code
/// is chosen from it: BP003, not a template error).
pub(crate) const UNKNOWN_TRUST: &str = "unknown trust `";

/// `governance_table("nhft")` or `governance_table(trust="nhft")`, with
/// `heading="..."` for the heading over it (default: the trust's
/// `governance-heading`).
pub(crate) fn governance_table(
    state: &State,
    id: Option<String>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    let id = kwargs.get::<Option<String>>("trust")?.or(id);
    let heading = kwargs.get::<Option<String>>("heading")?;
    kwargs.assert_all_used()?;
    let Some(id) = id else {
        return Err(Error::new(
            ErrorKind::MissingArgument,
            "governance_table needs a trust id: {{ governance_table(\"nhft\") }}",
        ));
    };
    let receiving = receiving(state);
    if !receiving.contains(&id) {
        let hint = did_you_mean(&id, receiving.iter().map(String::as_str))
            .map(|s| format!("; {s}"))
            .unwrap_or_default();
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "{UNKNOWN_TRUST}{id}` for governance_table: this paper goes to {}{hint}",
                receiving.join(", ")
            ),
        ));
    }
    Ok(Value::from(marker(&id, heading.as_deref())))
}

/// `governance_tables()`: every receiving trust's table, in trust order,
/// each a paragraph of its own.
pub(crate) fn governance_tables(state: &State) -> Result<Value, Error> {
    let all: Vec<String> = receiving(state).iter().map(|id| marker(id, None)).collect();
    Ok(Value::from(all.join("\n\n")))
}

/// The trust id, then the heading hex-encoded (so no Markdown in it can
/// split the marker), between the markers.
fn marker(id: &str, heading: Option<&str>) -> String {
    let hex: String = heading
        .map(|h| h.bytes().map(|b| format!("{b:02x}")).collect())
        .unwrap_or_default();
    match heading {
        Some(_) => format!("{GOV_OPEN}{id}{GOV_SEP}{hex}{GOV_CLOSE}"),
        None => format!("{GOV_OPEN}{id}{GOV_CLOSE}"),
    }
}

/// The ids of the trusts the paper goes to (`paper.trusts` in the context).
fn receiving(state: &State) -> Vec<String> {
    let Some(paper) = state.lookup("paper") else {
        return Vec::new();
    };
    let Ok(list) = paper.get_attr("trusts") else {
        return Vec::new();
    };
    list.try_iter()
        .map(|it| it.filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}
