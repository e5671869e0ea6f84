//! Front-sheet sections written as headings: a document (boardpaper's own
//! HTML among them, through Word) whose cover has headings such as
//! "Purpose of the report", "Analysis of the issue", "Proposal" and
//! "Decision required" before the body's first other heading. Each such
//! section's paragraphs and list items move to the front matter's place
//! (the build puts them back on the front sheet); a "Contents" section
//! is left to the build (`contents: true`), and an "Appendices" list to the
//! appendix files. Each move is reported.
//!
//! The same document may carry the rest of boardpaper's furniture, which
//! the build makes again from the front matter: a kind, version and date
//! block ("Common Board paper", "Draft v2", "10 November 2023") before the
//! body, recommendation callouts ("Action and recommendation 2 – …") and a
//! closing "Actions and recommendations" section listing the same
//! recommendations. These are recognised only when they match exactly what
//! the build would write; anything else stays in the body.

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
    if *place == Place::Decision && cover.decision_lead.is_none() {
        // "The Board is asked to approve the report.": one recommendation
        // stated with its lead, as the front sheet writes a single one.
        if let [one] = cover.recommendations.as_mut_slice() {
            if let Some((lead, rest)) = one.clone().split_once(" asked to ") {
                cover.decision_lead = Some(format!("{lead} asked to:"));
                *one = capitalise(rest.trim_end_matches(['.', ';']));
            }
        }
    }
    kept
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Whether a heading is the closing section's ("11. Actions and recommendations").
fn is_closing(heading: &str) -> bool {
    norm(super::heading_number(heading).unwrap_or(heading)) == "actions and recommendations"
}

/// Whether a paragraph is a version line ("Draft v2", "Version 1.0").
fn is_version(s: &str) -> bool {
    let l = s.to_lowercase();
    s.len() < 40
        && (l.starts_with("version ")
            || l.starts_with("draft v")
            || (l.starts_with('v') && l[1..].starts_with(|c: char| c.is_ascii_digit())))
}

/// An ISO date from a line that is only a date ("10 November 2023").
fn date_of(s: &str) -> Option<String> {
    if crate::date::Date::parse(s).is_ok() {
        return Some(s.to_owned());
    }
    crate::date::suggest_iso(s).map(|w| w.trim_start_matches("write ").to_owned())
}

/// The kind, version and date block before the body's first heading.
pub(crate) fn version_block(blocks: &mut Vec<Block>, cover: &mut Cover, reports: &mut Vec<Report>) {
    let end = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading { .. }))
        .unwrap_or(blocks.len());
    let text = |b: &Block| match b {
        Block::Para { text, .. } => Some(plain(text)),
        _ => None,
    };
    let Some(v) = (0..end).find(|&i| text(&blocks[i]).is_some_and(|t| is_version(&t))) else {
        return;
    };
    let para = match &blocks[v] {
        Block::Para { para, .. } => *para,
        _ => 0,
    };
    let mut take = vec![v];
    cover.version = text(&blocks[v]);
    if let Some(d) = blocks.get(v + 1).and_then(text).and_then(|t| date_of(&t)) {
        cover.date = Some(d);
        take.push(v + 1);
    }
    let kind = v.checked_sub(1).and_then(|k| Some((k, text(&blocks[k])?)));
    if let Some((k, t)) =
        kind.filter(|(_, t)| t.len() < 40 && !t.ends_with('.') && date_of(t).is_none())
    {
        cover.kind = Some(t);
        take.push(k);
    }
    take.sort_unstable();
    for i in take.into_iter().rev() {
        blocks.remove(i);
    }
    reports.push(Report {
        para,
        cover: false,
        message: "the version and date lines moved to the front matter (`kind`, `version`, `date`)"
            .into(),
        hint: None,
    });
}

/// The closing "Actions and recommendations" section, when it lists the
/// recommendations: removed, and `closing` kept (the build writes it).
pub(crate) fn closing(blocks: &mut Vec<Block>, cover: &mut Cover, reports: &mut Vec<Report>) {
    let Some(h) = blocks
        .iter()
        .rposition(|b| matches!(b, Block::Heading { text, .. } if is_closing(&plain(text))))
    else {
        return;
    };
    let end = (h + 1..blocks.len())
        .find(|&j| matches!(blocks[j], Block::Heading { .. }))
        .unwrap_or(blocks.len());
    let items: Vec<String> = blocks[h + 1..end]
        .iter()
        .filter_map(|b| match b {
            Block::Item { text, .. } => Some(lower_first(plain(text).trim_end_matches([';', '.']))),
            _ => None,
        })
        .collect();
    let recs: Vec<String> = cover
        .recommendations
        .iter()
        .map(|r| lower_first(r))
        .collect();
    if items.is_empty() || items != recs {
        return;
    }
    let para = match &blocks[h] {
        Block::Heading { para, .. } => *para,
        _ => 0,
    };
    blocks.drain(h..end);
    cover.closing = true;
    reports.push(Report {
        para,
        cover: false,
        message: "the closing section `Actions and recommendations` left to the build, which writes it from the recommendations".into(),
        hint: None,
    });
}

/// Callout paragraphs ("Action and recommendation 2 – The Boards are asked
/// to note ...") that state a recommendation as the build would: each
/// becomes `{{ recommendation("rN") }}`, with its lead-in kept.
pub(crate) fn callouts(blocks: &mut [Block], cover: &mut Cover) {
    for b in blocks.iter_mut() {
        let Block::Para { text, .. } = b else {
            continue;
        };
        let t = plain(text);
        let Some(rest) = t.strip_prefix("Action and recommendation ") else {
            continue;
        };
        let Some((n, said)) = rest.split_once(" \u{2013} ") else {
            continue;
        };
        let Some(i) = n
            .parse::<usize>()
            .ok()
            .filter(|i| (1..=cover.recommendations.len()).contains(i))
        else {
            continue;
        };
        let rec = lower_first(&cover.recommendations[i - 1]);
        let Some(lead) = said
            .strip_suffix('.')
            .and_then(|s| s.strip_suffix(rec.as_str()))
        else {
            continue;
        };
        let lead = lead.trim().to_owned();
        if cover
            .decision_lead
            .as_deref()
            .map(|l| l.trim_end_matches(':'))
            != Some(lead.as_str())
        {
            cover.leads.insert(i - 1, lead);
        }
        *b = Block::Recommendation(format!("r{i}"));
    }
}
