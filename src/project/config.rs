//! `boardpaper.yaml`: the alliance and project settings, as written.

use serde::Deserialize;

use crate::yaml::{Entries, Spanned};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct Config {
    pub(crate) alliance: Alliance,
    pub(crate) cycle: Option<String>,
    /// The alliance's strategic objectives, id → label, in order.
    #[serde(default)]
    pub(crate) objectives: Entries<String>,
    pub(crate) output: Option<Spanned<String>>,
    /// The words marking a confidential (Part II) paper, for every trust
    /// that does not set its own (default "Confidential – Part II").
    pub(crate) confidential_label: Option<String>,
    pub(crate) formats: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(crate) style: Style,
    /// The whole cycle is a draft: every paper (and pack) is watermarked
    /// and titled "DRAFT".
    pub(crate) draft: Option<Spanned<bool>>,
    /// What `build --final` does with a draft: refuse it (the default) or
    /// build it with a warning.
    pub(crate) drafts: Option<Drafts>,
}

/// `drafts:`, what a final build does with a draft paper.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Drafts {
    /// An error at the `draft:` line; none of the paper's outputs is written.
    #[default]
    Refuse,
    /// A warning at the `draft:` line; the paper is built, watermarked.
    Warn,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Alliance {
    pub(crate) name: String,
    #[serde(alias = "full-name")]
    pub(crate) full_name: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct Style {
    pub(crate) accent: Option<Spanned<String>>,
    pub(crate) paper: Option<Spanned<String>>,
    /// Table cells whose whole text is a key are shaded with its colour.
    #[serde(default)]
    pub(crate) status_colours: Entries<Spanned<String>>,
    /// Other TrueType fonts for the PDF, paths relative to the project root.
    pub(crate) fonts: Option<FontFiles>,
    /// Where the PDF puts footnotes: `foot` (default) or `end`.
    pub(crate) notes: Option<Notes>,
}

/// `style: notes:`, the placement of footnotes in the PDF.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Notes {
    /// At the foot of the page holding the reference (the default).
    #[default]
    Foot,
    /// Collected under "Notes" after the sign-off.
    End,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct FontFiles {
    pub(crate) regular: Spanned<String>,
    pub(crate) bold: Spanned<String>,
    pub(crate) italic: Spanned<String>,
    pub(crate) bold_italic: Spanned<String>,
}
