//! The standard governance rows and their default labels (SPEC 2.2), and the
//! checks of a trust's own rows.

use crate::check::model::RowDef;
use crate::diag::suggest;
use crate::diag::{Code, Diagnostic};
use crate::project::RowSpec;
use crate::source::Source;
use crate::yaml::{self, Spanned};

/// The key whose row holds the strategic-alignment table.
pub(crate) const ALIGNMENT: &str = "alignment";

/// Standard keys, their default labels, in the default order.
pub(crate) const STANDARD: [(&str, &str); 13] = [
    ("forum", "For Board and Board Committees:"),
    ("sponsor", "Paper sponsored by:"),
    ("author", "Paper authored by:"),
    ("submitted", "Date submitted:"),
    ("previously-considered", "State which Board Committee or other forum within the Trust's governance structure, if any, have previously considered the report/this issue and the date of the relevant meeting(s):"),
    ("assurance", "If considered elsewhere, state the level of assurance gained by the Board Committee or other forum i.e. assured/ partially assured / not assured:"),
    ("next-update", "State whether this is a 'one off' report or, if not, when an update report will be provided for the purposes of corporate Agenda planning"),
    (ALIGNMENT, ""),
    ("risk-register", "Organisational Risk Register considerations:"),
    ("risk-appetite", "Is the decision required consistent with the Trust's risk appetite:"),
    ("fomi", "False and misleading information (FOMI) considerations:"),
    ("safety", "Positive confirmation that the content does not risk the safety of patients or the public"),
    ("equality", "Equality considerations:"),
];

/// The default assurance scale.
pub(crate) const DEFAULT_SCALE: [&str; 3] = ["assured", "partially assured", "not assured"];

/// The standard assurance label names the default scale; a trust with
/// its own scale (`assurance-levels`) gets its levels named instead.
pub(crate) fn own_scale(mut row: RowDef, scale: &[String]) -> RowDef {
    let default_label = STANDARD
        .iter()
        .find(|(k, _)| *k == "assurance")
        .map(|(_, l)| *l);
    let named = "i.e. assured/ partially assured / not assured:";
    if row.key == "assurance" && Some(row.label.as_str()) == default_label && scale != DEFAULT_SCALE
    {
        row.label = row
            .label
            .replace(named, &format!("i.e. {}:", scale.join(" / ")));
    }
    row
}

/// Keys whose values are dates and are shown long-form.
pub(crate) const DATE_KEYS: [&str; 1] = ["submitted"];

/// A trust's rows: its own list, checked, or the standard rows.
pub(crate) fn rows(
    spec: Option<&[Spanned<RowSpec>]>,
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) -> Vec<RowDef> {
    let Some(spec) = spec else {
        return STANDARD
            .iter()
            .map(|(key, label)| RowDef {
                key: (*key).into(),
                label: (*label).into(),
                required: true,
            })
            .collect();
    };
    let mut out: Vec<RowDef> = Vec::new();
    for row in spec {
        let pos = yaml::pos(row, 0);
        let RowSpec {
            key,
            label,
            required,
        } = &row.value;
        if out.iter().any(|r| &r.key == key) {
            diags.push(Diagnostic::at(
                Code::DuplicateId,
                src,
                pos,
                format!("governance row `{key}` is listed twice"),
            ));
            continue;
        }
        let standard = STANDARD.iter().find(|(k, _)| k == key).map(|(_, l)| *l);
        let label = match (label, standard) {
            (Some(l), _) => l.clone(),
            (None, Some(l)) => l.to_owned(),
            (None, None) => {
                let hint =
                    suggest::did_you_mean(key, STANDARD.iter().map(|(k, _)| *k)).or_else(|| {
                        Some(format!(
                            "give a custom row a label: `- key: {key}` and `label: \"...\"`"
                        ))
                    });
                diags.push(
                    Diagnostic::at(
                        Code::UnknownGovernanceKey,
                        src,
                        pos,
                        format!("`{key}` is not a standard governance row and has no `label`"),
                    )
                    .with_hint(hint),
                );
                continue;
            }
        };
        out.push(RowDef {
            key: key.clone(),
            label,
            required: *required,
        });
    }
    out
}
