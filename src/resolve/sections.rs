//! The front sheet's layout for one trust: its header fields (report
//! reference, agenda item, "For:", any labelled field) and its sections in
//! the trust's order with the trust's headings. Sections a trust names
//! beyond the standard ones take their content from the paper's
//! `sections.<key>`, as Markdown (emphasis, lists, footnotes).

use crate::check::model::Trust;
use crate::diag::Diagnostic;
use crate::document::{Block, FrontSection, HeaderField, SectionContent};
use crate::markdown::{self, Footnotes, Input, Numbering};
use crate::project::images::ImageStore;
use crate::project::{FrontMatter, PaperSource, Piece};
use crate::yaml;

/// The key of the agenda-item header field (also a paper `fields` key).
const AGENDA_ITEM: &str = "agenda-item";

/// The paper's explicit agenda item for this trust, else the trust's
/// `agenda` position.
fn agenda_number(trust: &Trust, paper_id: &str, f: &FrontMatter) -> Option<String> {
    f.fields
        .as_ref()
        .and_then(|fs| fs.get(AGENDA_ITEM))
        .map(|v| v.value.trim().to_owned())
        .filter(|v| !v.is_empty())
        .or_else(|| trust.agenda_number(paper_id).map(str::to_owned))
}

/// "Agenda item 10" beside the meeting line, unless the trust shows the
/// agenda item among its header fields.
pub(crate) fn agenda_item(trust: &Trust, paper_id: &str, f: &FrontMatter) -> Option<String> {
    if trust.shows_field(AGENDA_ITEM) {
        return None;
    }
    agenda_number(trust, paper_id, f).map(|n| format!("Agenda item {n}"))
}

/// The trust's header lines with the paper's values, then the paper's own
/// `cover-lines` under the title; a line naming a field the paper gives
/// no value is left out.
pub(crate) fn header(trust: &Trust, paper_id: &str, f: &FrontMatter) -> Vec<HeaderField> {
    let mut out: Vec<HeaderField> = trust
        .header
        .iter()
        .filter_map(|line| {
            let mut text = String::new();
            for piece in &line.pieces {
                match piece {
                    Piece::Text(t) => text.push_str(t),
                    Piece::Field(key) => text.push_str(&value(trust, paper_id, f, key)?),
                }
            }
            Some(HeaderField {
                text,
                below_title: line.below_title,
            })
        })
        .collect();
    for (label, v) in f.cover_lines.iter().flat_map(|e| &e.0) {
        let v = v.value.trim();
        if !v.is_empty() {
            out.push(HeaderField {
                text: format!("{}: {v}", label.value.trim_end_matches(':')),
                below_title: true,
            });
        }
    }
    out
}

/// A header line's field: the paper's `fields.<key>` (the agenda item
/// falling back to the trust's agenda), else the trust's `trust`,
/// `short`, `board` (the private board's name for a confidential paper)
/// or `meeting` date; `None` when there is no value.
fn value(trust: &Trust, paper_id: &str, f: &FrontMatter, key: &str) -> Option<String> {
    if key == AGENDA_ITEM {
        return agenda_number(trust, paper_id, f);
    }
    let given = f.fields.as_ref().and_then(|fs| fs.get(key));
    if let Some(v) = given {
        return Some(v.value.trim().to_owned()).filter(|v| !v.is_empty());
    }
    match key {
        "trust" => Some(trust.name.clone()),
        "short" => Some(trust.short.clone()),
        "board" if f.confidential.unwrap_or(false) => Some(trust.private_board.clone()),
        "board" => Some(trust.board.clone()),
        "meeting" => trust.meeting.as_ref().map(|d| d.long()),
        _ => None,
    }
}

/// The trust's sections in order. `markdown` holds the parsed content of
/// the paper's own sections by key.
pub(crate) fn sections(
    trust: &Trust,
    f: &FrontMatter,
    markdown: &[(String, Vec<Block>)],
) -> Vec<FrontSection> {
    let list = |v: &Option<yaml::OneOrMany>| v.clone().map(|v| v.into_vec()).unwrap_or_default();
    let omitted = |key: &str| f.omit_sections.iter().flatten().any(|o| o.value == key);
    trust
        .sections
        .iter()
        .filter(|(key, _)| !omitted(key))
        .map(|(key, heading)| {
            let content = match key.as_str() {
                "purpose" => SectionContent::Entries(list(&f.purpose)),
                "analysis" => SectionContent::Entries(list(&f.analysis)),
                "proposal" => SectionContent::Entries(list(&f.proposal)),
                "decision" => SectionContent::Decisions,
                "governance" => SectionContent::Governance,
                "appendices" => SectionContent::Appendices,
                other => SectionContent::Markdown(
                    markdown
                        .iter()
                        .find(|(k, _)| k == other)
                        .map(|(_, b)| b.clone())
                        .unwrap_or_default(),
                ),
            };
            FrontSection {
                key: key.clone(),
                heading: heading.clone(),
                content,
            }
        })
        .collect()
}

/// Parses the paper's `sections.<key>` Markdown for every section the
/// trust shows, footnotes numbered with the document's (the front sheet
/// comes first). Lines map to the front matter's lines from the value's first.
pub(crate) fn parse_markdown(
    trust: &Trust,
    paper: &PaperSource,
    f: &FrontMatter,
    status: &[(String, String)],
    images: &ImageStore,
    notes: &mut Footnotes,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Vec<Block>)> {
    let Some(given) = &f.sections else {
        return Vec::new();
    };
    let no_callout = |_: &str| None;
    let no_table = |_: &str| None;
    let mut out = Vec::new();
    for (key, text) in &given.0 {
        if !trust.sections.iter().any(|(k, _)| k == &key.value) {
            continue;
        }
        let starts = markdown::line_starts(&text.value);
        let line = yaml::pos(text, 1).line;
        // A block scalar (`|`) keeps its lines: line k of the text is
        // line k after the first in the file.
        let line_map: Vec<u32> = (line..).take(starts.len()).collect();
        let input = Input {
            text: &text.value,
            line_starts: &starts,
            line_map: &line_map,
            source: &paper.source,
            folder: paper.folder.as_deref(),
            status,
            callout: &no_callout,
            governance: &no_table,
            images,
        };
        let mut numbering = Numbering::new(false);
        numbering.prefix = format!("front-{}-", key.value);
        let blocks = markdown::parse(&input, &mut numbering, notes, diags);
        out.push((key.value.clone(), blocks));
    }
    out
}
