//! `papers/<id>.md` and `papers/<id>/paper.md`: front matter as written,
//! the Markdown body, and a folder paper's appendices.

use serde::Deserialize;

use crate::source::Source;
use crate::yaml::{Entries, OneOrMany, Spanned};

/// A paper's front matter. `variants.<trust>` holds the same fields again;
/// `check` refuses `trusts` and `variants` inside a variant.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub(crate) struct FrontMatter {
    pub(crate) title: Option<String>,
    pub(crate) subtitle: Option<String>,
    pub(crate) version: Option<String>,
    pub(crate) date: Option<Spanned<String>>,
    pub(crate) signoff: Option<String>,
    /// Who issues the paper ("LPT–NHFT Group", a committee): footer, HTML
    /// labels and index pages (default: the alliance's name).
    pub(crate) issuer: Option<String>,
    /// What the paper calls itself over its version and date ("Common
    /// Board paper"); none by default.
    pub(crate) kind: Option<String>,
    pub(crate) purpose: Option<OneOrMany>,
    pub(crate) analysis: Option<OneOrMany>,
    pub(crate) proposal: Option<OneOrMany>,
    pub(crate) recommendations: Option<Entries<super::Recommendation>>,
    pub(crate) decision_lead: Option<String>,
    /// Header field values by key ("reference", "for", "agenda-item").
    pub(crate) fields: Option<Entries<Spanned<String>>>,
    /// Free "Label: value" lines on the cover, under the title and its
    /// fields, in order ("Executive Lead: Director of Strategy").
    pub(crate) cover_lines: Option<Entries<Spanned<String>>>,
    /// Markdown content of front-sheet sections by key ("summary").
    pub(crate) sections: Option<Entries<Spanned<String>>>,
    pub(crate) governance: Option<Entries<Spanned<String>>>,
    /// Receiving trusts whose governance tables the front sheet shows,
    /// each under its trust's `governance-heading`, in place of the copy's
    /// own table (a paper of a group whose cover carries every trust's).
    pub(crate) governance_tables: Option<Vec<Spanned<String>>>,
    /// `false` leaves out the closing "Actions and recommendations"
    /// section (default `true`).
    pub(crate) closing: Option<bool>,
    /// Front-sheet sections of the receiving trusts' layouts this paper's
    /// cover leaves out (`[appendices]`: a cover that does not list them).
    pub(crate) omit_sections: Option<Vec<Spanned<String>>>,
    pub(crate) objectives: Option<Vec<Spanned<String>>>,
    pub(crate) alignment: Option<Entries<Vec<Spanned<String>>>>,
    pub(crate) trusts: Option<Vec<Spanned<String>>>,
    pub(crate) confidential: Option<bool>,
    /// A draft: watermarked "DRAFT", titled so, and refused (or warned
    /// about) by a final build, at this value.
    pub(crate) draft: Option<Spanned<bool>>,
    pub(crate) numbered: Option<bool>,
    /// A contents page: `true`, `false`, or unset (automatic by length).
    pub(crate) contents: Option<bool>,
    /// The heading levels the contents page lists (default 2).
    pub(crate) contents_depth: Option<u8>,
    pub(crate) variants: Option<Entries<FrontMatter>>,
}

/// An appendix file's optional front matter.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AppendixMatter {
    pub(crate) title: Option<String>,
    /// Governance values of the appendix's own (a report with its own
    /// sponsor and date), over the paper's, in the governance tables the
    /// appendix places with `governance_table("id")`.
    pub(crate) governance: Option<Entries<Spanned<String>>>,
}

/// A loaded paper: its main source split into front matter and body.
#[derive(Debug, Clone)]
pub(crate) struct PaperSource {
    pub(crate) id: String,
    pub(crate) source: Source,
    pub(crate) front: FrontMatter,
    /// Byte offset of the body in `source.text`.
    pub(crate) body_start: usize,
    /// The folder of a folder paper (images and appendices live there).
    pub(crate) folder: Option<std::path::PathBuf>,
    pub(crate) appendices: Vec<AppendixSource>,
    /// The front matter did not parse (already reported): `front` is empty,
    /// the paper is never built, only its body is checked.
    pub(crate) front_broken: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct AppendixSource {
    pub(crate) source: Source,
    pub(crate) title: String,
    pub(crate) governance: Option<Entries<Spanned<String>>>,
    pub(crate) body_start: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`: returns (yaml, body offset), or `None`
/// when the text has no front matter. `Err(line)` when it is never closed.
pub(crate) fn split_front_matter(text: &str) -> Result<Option<(&str, usize)>, ()> {
    let Some(rest) = text.strip_prefix("---\n") else {
        return Ok(None);
    };
    let mut offset = 4;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[4..offset];
            return Ok(Some((yaml, offset + line.len())));
        }
        offset += line.len();
    }
    Err(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let (yaml, body) = split_front_matter("---\ntitle: x\n---\n# Hi\n")
            .unwrap()
            .unwrap();
        assert_eq!(yaml, "title: x\n");
        assert_eq!(&"---\ntitle: x\n---\n# Hi\n"[body..], "# Hi\n");
        assert!(split_front_matter("# no front matter").unwrap().is_none());
        assert!(split_front_matter("---\ntitle: x\n").is_err());
    }
}
