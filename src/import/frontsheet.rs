//! Front-sheet sections written as headings: a document (boardpaper's own
//! HTML among them, through Word) whose cover has headings such as
//! "Purpose of the report", "Analysis of the issue", "Proposal" and
//! "Decision required" before the body's first other heading. Each such
//! section's paragraphs and list items move to the front matter's place
//! (the build puts them back on the front sheet); a "Contents" section
//! is left to the build (`contents: true`), and an "Appendices" list to the
//! appendix files. Each move is reported.

use super::cover::{norm, Cover};
use super::model::{plain, Block};
use super::Report;
use crate::check::Trust;

/// Where a front-sheet heading's content goes.
#[derive(Debug, Clone, PartialEq)]
enum Place {
    Purpose,
    Analysis,
    Proposal,
    Decision,
    Appendices,
    Contents,
    Section(String),
}

fn place(heading: &str, trusts: &[&Trust]) -> Option<Place> {
    let n = norm(heading);
    let standard = match n.as_str() {
        "purpose" | "purpose of the report" | "purpose of report" => Some(Place::Purpose),
        "analysis" | "analysis of the issue" => Some(Place::Analysis),
        "proposal" => Some(Place::Proposal),
        "decision required" | "recommendation" | "recommendations" => Some(Place::Decision),
        "appendices" => Some(Place::Appendices),
        "contents" | "table of contents" => Some(Place::Contents),
        _ => None,
    };
    standard.or_else(|| {
        trusts.iter().find_map(|t| {
            t.sections
                .iter()
                .find(|(key, h)| norm(h) == n && !is_standard(key))
                .map(|(key, _)| Place::Section(key.clone()))
        })
    })
}

fn is_standard(key: &str) -> bool {
    crate::check::trusts::STANDARD_SECTIONS
        .iter()
        .any(|(k, _)| *k == key)
}

/// Takes the front-sheet sections out of `blocks` into `cover`; returns
/// whether the document had a contents list.
pub(crate) fn take(
    blocks: &mut Vec<Block>,
    cover: &mut Cover,
    trusts: &[&Trust],
    reports: &mut Vec<Report>,
) -> bool {
    let mut contents = false;
    let mut i = 0;
    while i < blocks.len() {
        let (para, heading) = match &blocks[i] {
            Block::Heading { para, text, .. } => (*para, plain(text)),
            _ => {
                i += 1;
                continue;
            }
        };
        let Some(place) = place(&heading, trusts) else {
            break;
        };
        let end = (i + 1..blocks.len())
            .find(|&j| matches!(blocks[j], Block::Heading { .. } | Block::Table(_)))
            .unwrap_or(blocks.len());
        let section: Vec<Block> = blocks.drain(i..end).skip(1).collect();
        let kept = fill(cover, &place, section);
        let n = kept.len();
        blocks.splice(i..i, kept);
        i += n;
        contents |= place == Place::Contents;
        reports.push(Report {
            para,
            cover: false,
            message: match place {
                Place::Contents => format!("section `{heading}` left to the build, which makes its own contents (`contents: true`)"),
                Place::Appendices => format!("section `{heading}`: its list left to the build, which lists the appendix files"),
                _ => format!("section `{heading}` moved to the front matter (the front sheet shows it)"),
            },
            hint: None,
        });
    }
    contents
}

/// Fills the place from the section's blocks; returns what stays in the body.
fn fill(cover: &mut Cover, place: &Place, section: Vec<Block>) -> Vec<Block> {
    let mut kept = Vec::new();
    let mut lines = Vec::new();
    for b in section {
        match (&b, place) {
            (Block::Item { .. }, Place::Appendices | Place::Contents) => {}
            (_, Place::Appendices) => kept.push(b),
            (Block::Para { text, .. }, Place::Decision)
                if plain(text).ends_with(':') && cover.recommendations.is_empty() =>
            {
                cover.decision_lead.get_or_insert(plain(text));
            }
            (Block::Para { .. }, Place::Decision) if !cover.recommendations.is_empty() => {
                kept.push(b);
            }
            (Block::Item { text, .. }, Place::Decision) => {
                let t = plain(text);
                cover
                    .recommendations
                    .push(t.trim_end_matches([';', '.']).to_owned());
            }
            (Block::Para { text, .. } | Block::Item { text, .. }, _) => lines.push(plain(text)),
            _ => kept.push(b),
        }
    }
    let target = match place {
        Place::Purpose => &mut cover.purpose,
        Place::Analysis => &mut cover.analysis,
        Place::Proposal => &mut cover.proposal,
        Place::Decision => &mut cover.recommendations,
        Place::Section(key) => {
            cover.sections.insert(key.clone(), lines.join("\n\n"));
            return kept;
        }
        Place::Appendices | Place::Contents => return kept,
    };
    if target.is_empty() || *place == Place::Decision {
        target.extend(lines);
    }
    kept
}
