//! `trusts/<id>.yaml`: one member trust, as written.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::yaml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct TrustFile {
    pub(crate) name: String,
    pub(crate) short: String,
    pub(crate) board: String,
    /// The private (Part II) meeting's name, on a confidential paper's
    /// meeting line (default: `board` with "Public" made "Private").
    pub(crate) private_board: Option<String>,
    /// This trust's words marking a confidential paper.
    pub(crate) confidential_label: Option<String>,
    pub(crate) meeting: Spanned<String>,
    /// Clear days before the meeting by which papers must be final.
    pub(crate) publication_days: Option<Spanned<u32>>,
    pub(crate) framework: Framework,
    pub(crate) governance: Option<Vec<Spanned<RowSpec>>>,
    /// The heading over this trust's governance table where a paper shows
    /// several trusts' tables ("LPT Trust Governance Table"); default
    /// "<short> governance table".
    pub(crate) governance_heading: Option<String>,
    pub(crate) assurance_levels: Option<Vec<String>>,
    /// Where the board meets ("Boardroom, Pen Lloyd Building"), for the pack's cover.
    pub(crate) venue: Option<String>,
    /// This cycle's agenda, in order (see [`super::agenda`]).
    pub(crate) agenda: Option<Vec<Spanned<super::AgendaEntry>>>,
    /// The trust's front-sheet layout (default: today's).
    pub(crate) front_sheet: Option<super::FrontSheetSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Framework {
    pub(crate) title: String,
    /// The alignment row's label exactly as the trust writes it
    /// ("STEP up to GREAT strategic alignment*:"); default "<title>:".
    pub(crate) label: Option<String>,
    /// A note printed under the governance table (what the asterisk means).
    pub(crate) note: Option<String>,
    /// The mark of an aligned item ("X", "Yes"); default "✓".
    pub(crate) tick: Option<String>,
    /// `all` (every item, the aligned ones ticked) or `aligned` (only the
    /// items the paper serves, with no tick column); default `all`.
    pub(crate) show: Option<Spanned<String>>,
    pub(crate) items: Vec<FrameworkItem>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrameworkItem {
    pub(crate) id: Spanned<String>,
    pub(crate) label: String,
    /// Shown under the label (a Board Assurance Framework risk theme).
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) objectives: Vec<Spanned<String>>,
}

/// A governance row: a bare key (`sponsor`) or `{key, label, required}`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RowSpec {
    pub(crate) key: String,
    pub(crate) label: Option<String>,
    pub(crate) required: bool,
}

impl<'de> Deserialize<'de> for RowSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RowVisitor)
    }
}

struct RowVisitor;

impl<'de> Visitor<'de> for RowVisitor {
    type Value = RowSpec;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a governance key, or a mapping with `key`, `label` and `required`")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<RowSpec, E> {
        Ok(RowSpec {
            key: key.to_owned(),
            label: None,
            required: true,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RowSpec, A::Error> {
        let (mut key, mut label, mut required) = (None, None, true);
        while let Some(field) = map.next_key::<String>()? {
            match field.as_str() {
                "key" => key = Some(map.next_value::<String>()?),
                "label" => label = Some(map.next_value::<String>()?),
                "required" => required = map.next_value::<bool>()?,
                other => {
                    return Err(de::Error::unknown_field(
                        other,
                        &["key", "label", "required"],
                    ))
                }
            }
        }
        let key = key.ok_or_else(|| de::Error::missing_field("key"))?;
        Ok(RowSpec {
            key,
            label,
            required,
        })
    }
}
