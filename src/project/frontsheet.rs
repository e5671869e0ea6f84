//! A trust's front-sheet layout as written in its file: the header fields
//! (report reference, agenda item, "For:", any labelled field) and the
//! sections in order, each a key or a mapping with its own heading.

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
}

/// A header field: the paper's `fields.<key>`, shown as "label: value".
#[derive(Debug, Clone, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldSpec {
    pub(crate) key: String,
    pub(crate) label: String,
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
