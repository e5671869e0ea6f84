//! A trust's front-sheet layout as written in its file: the header fields
//! (report reference, agenda item, "For:", any labelled field) and the
//! sections in order, each a key or a mapping with its own heading. A
//! header entry is a labelled field or a line template naming fields in
//! the trust's own words, above the title or under it.

use serde::Deserialize;

use crate::yaml::Spanned;

/// `front-sheet:` in a trust file.
#[derive(Debug, Clone, Default, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontSheetSpec {
    /// Header fields under the meeting line, in order.
    #[serde(default)]
    pub(crate) header: Vec<FieldSpec>,
    /// The sections in order (default: today's layout).
    pub(crate) sections: Option<Vec<Spanned<SectionSpec>>>,
    /// `false`: the body does not repeat the title the cover shows
    /// (default `true`).
    #[serde(rename = "body-title")]
    pub(crate) body_title: Option<bool>,
}

/// A header entry: the paper's `fields.<key>` shown as "label: value",
/// or a `line` template naming fields (`{reference}`), either placed
/// above the title (the default) or under it.
#[derive(Debug, Clone, Hash, Deserialize)]
#[serde(try_from = "RawField")]
pub(crate) enum FieldSpec {
    Labelled(LabelledField),
    Line(LineField),
}

#[derive(Debug, Clone, Hash)]
pub(crate) struct LabelledField {
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) place: Place,
}

#[derive(Debug, Clone, Hash)]
pub(crate) struct LineField {
    pub(crate) line: String,
    pub(crate) place: Place,
}

/// A header entry as written, before it is known to be one kind or the
/// other (so that a wrong one gets a message saying what is expected).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    key: Option<String>,
    label: Option<String>,
    line: Option<String>,
    #[serde(default)]
    place: Place,
}

impl TryFrom<RawField> for FieldSpec {
    type Error = String;

    fn try_from(raw: RawField) -> Result<Self, String> {
        let place = raw.place;
        match (raw.key, raw.label, raw.line) {
            (Some(key), Some(label), None) => {
                Ok(FieldSpec::Labelled(LabelledField { key, label, place }))
            }
            (None, None, Some(line)) => Ok(FieldSpec::Line(LineField { line, place })),
            _ => Err(
                "a header entry is `{ key, label }` (\"label: value\") or `{ line }` (a line naming fields in braces), either with an optional `place: below-title`"
                    .into(),
            ),
        }
    }
}

/// Where a header entry sits relative to the title.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Place {
    #[default]
    AboveTitle,
    BelowTitle,
}

impl FieldSpec {
    /// The line as text and fields: "label: " then the field for a
    /// labelled field; a template's `{name}` (letters, digits, `-`, `.`)
    /// is a field, any other brace is text.
    pub(crate) fn pieces(&self) -> Vec<Piece> {
        match self {
            FieldSpec::Labelled(f) => vec![
                Piece::Text(format!("{}: ", f.label.trim_end_matches(':'))),
                Piece::Field(f.key.clone()),
            ],
            FieldSpec::Line(l) => pieces(&l.line),
        }
    }

    pub(crate) fn place(&self) -> Place {
        match self {
            FieldSpec::Labelled(f) => f.place,
            FieldSpec::Line(l) => l.place,
        }
    }
}

/// A section: a key alone (its default heading), or a key with a heading.
#[derive(Debug, Clone, Hash, Deserialize)]
#[serde(untagged)]
pub(crate) enum SectionSpec {
    Key(String),
    Headed(HeadedSection),
}

#[derive(Debug, Clone, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HeadedSection {
    pub(crate) key: String,
    pub(crate) heading: String,
}

impl SectionSpec {
    pub(crate) fn key(&self) -> &str {
        match self {
            SectionSpec::Key(k) => k,
            SectionSpec::Headed(h) => &h.key,
        }
    }
}

/// A part of a header line: words as written, or a field's value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Piece {
    Text(String),
    Field(String),
}

/// Splits a line template into text and `{field}`s.
fn pieces(template: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        match name.filter(|n| is_field_name(n)) {
            Some(name) => {
                if !text.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut text)));
                }
                out.push(Piece::Field(name.to_owned()));
                rest = &after[name.len() + 1..];
            }
            None => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    out
}

fn is_field_name(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 64
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_template_splits_into_text_and_fields() {
        let t = |s: &str| Piece::Text(s.to_owned());
        let f = |s: &str| Piece::Field(s.to_owned());
        assert_eq!(
            pieces("Report to the {board}: {reference} (Agenda item: {agenda-item})"),
            [
                t("Report to the "),
                f("board"),
                t(": "),
                f("reference"),
                t(" (Agenda item: "),
                f("agenda-item"),
                t(")")
            ]
        );
        assert_eq!(pieces("a { b {} c"), [t("a { b {} c")]);
        assert_eq!(pieces("{for}"), [f("for")]);
    }
}
