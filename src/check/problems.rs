//! The two problems every check file reports the same way: a name that is
//! not defined (with the nearest known name or the list), and a date that
//! does not parse (with its ISO form). Shared here so each check file uses
//! only earlier ones.

use crate::diag::suggest;
use crate::diag::{Code, Diagnostic};
use crate::yaml::{self, Spanned};

/// "unknown trust `lpx` — did you mean `lpt`?"
pub(crate) fn unknown<'a>(
    code: Code,
    src: &crate::source::Source,
    pos: crate::source::Pos,
    what: &str,
    found: &str,
    known: impl IntoIterator<Item = &'a str>,
    where_defined: &str,
) -> Diagnostic {
    let list: Vec<&str> = known.into_iter().collect();
    let hint = suggest::did_you_mean(found, list.iter().copied()).or_else(|| {
        Some(if list.is_empty() {
            format!("none are defined in {where_defined}")
        } else {
            format!("known: {}", list.join(", "))
        })
    });
    Diagnostic::at(code, src, pos, format!("unknown {what} `{found}`")).with_hint(hint)
}

/// A BP010 at a date value, covering it, with the ISO form when the value
/// is a date written another way.
pub(crate) fn bad_date(
    src: &crate::source::Source,
    value: &Spanned<String>,
    line_offset: u32,
    message: String,
) -> Diagnostic {
    Diagnostic::at(Code::BadDate, src, yaml::pos(value, line_offset), message)
        .with_end(yaml::end(value, line_offset))
        .with_hint(crate::date::suggest_iso(&value.value))
}
