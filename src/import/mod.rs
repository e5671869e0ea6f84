//! `boardpaper import`: a Word document (.docx) in, a paper's sources out.
//!
//! Import is a front end that writes sources, not a renderer: the .docx is
//! read into a small document model ([`model`]), which is written as the
//! format's Markdown and YAML front matter. The project is loaded and
//! checked first, as `check` does, so the cover sheet is matched against the
//! receiving trusts' governance rows as `check` spells them ([`cover`]).
//!
//! The reader is the zip crate and quick-xml, chosen by measurement on the
//! fixtures (Cargo.toml says why): [`package`] bounds the archive,
//! [`xml`] each part, [`body`] walks the body ([`parts`]: styles,
//! numbering, relationships), [`markdown`] and [`front`] write.
//!
//! Decisions, each also in docs/from-word.md:
//! - Underline has no Markdown: underlined text is written as emphasis
//!   (`*text*`), and the count is reported. A link's underline is its own.
//! - Endnotes become footnotes, numbered with them in order of reference.
//! - Headings numbered by hand ("2.1 Finance") lose their numbers and the
//!   paper is `numbered: true` (boardpaper numbers them); headings without
//!   numbers give `numbered: false`.
//! - The first paragraph in the Title style is the title, else the first
//!   heading (taken out of the body), else the cover sheet's Title row,
//!   else the file's name.
//! - Headings whose text starts with "Appendix" split the body: each
//!   becomes an `appendix-<letter>-<slug>.md` with its title, its headings
//!   raised to the top level.
//! - The paper says `closing: false`: a Word paper has no closing section
//!   of boardpaper's; it ends where its author ended it.
//! - Every bound below is an error at its place, never a silent cut.

mod body;
mod cover;
mod front;
mod frontsheet;
mod markdown;
mod model;
mod package;
mod parts;
mod xml;

use std::collections::HashMap;

use crate::check::{Model, Trust};
use model::{plain, Block, Doc, Inline};
use package::{Package, MAX_PART};

pub(crate) use model::Revision;

/// The largest .docx file read.
pub(crate) const MAX_INPUT: u64 = 64 * 1024 * 1024;
/// The longest paragraph, in characters.
pub(crate) const MAX_PARAGRAPH: usize = 100_000;
/// The deepest nesting of tables in tables.
pub(crate) const MAX_TABLE_DEPTH: usize = 8;

/// One thing to report about the import, at a paragraph (0: the document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Report {
    pub(crate) para: usize,
    /// Matched nothing on the cover sheet (BP047), else not carried (BP045).
    pub(crate) cover: bool,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

/// The sources of the imported paper.
#[derive(Debug)]
pub(crate) struct Paper {
    pub(crate) title: String,
    /// (file name in the paper's folder, bytes), paper.md first.
    pub(crate) files: Vec<(String, Vec<u8>)>,
    pub(crate) reports: Vec<Report>,
    /// How many appendices and pictures.
    pub(crate) appendices: usize,
    pub(crate) pictures: usize,
}

/// Reads a .docx (bytes) into the document model.
pub(crate) fn read(bytes: &[u8], accept_changes: bool) -> Result<Doc, String> {
    let mut pkg = Package::open(bytes)?;
    let part = |pkg: &mut Package<'_>, name: &str| -> Result<Option<xml::Element>, String> {
        match pkg.read(name, MAX_PART)? {
            Some(b) => xml::parse(&b, name).map(Some),
            None => Ok(None),
        }
    };
    let document =
        part(&mut pkg, "word/document.xml")?.ok_or("no word/document.xml: not a Word document")?;
    let styles = part(&mut pkg, "word/styles.xml")?;
    let numbering = part(&mut pkg, "word/numbering.xml")?;
    let rels = part(&mut pkg, "word/_rels/document.xml.rels")?;
    let footnotes = part(&mut pkg, "word/footnotes.xml")?;
    let endnotes = part(&mut pkg, "word/endnotes.xml")?;
    let comments = part(&mut pkg, "word/comments.xml")?;
    let core = part(&mut pkg, "docProps/core.xml")?;
    let mut w = body::Walker::new(&mut pkg, accept_changes);
    w.styles = styles
        .as_ref()
        .map(parts::Styles::parse)
        .unwrap_or_default();
    w.numbering = numbering
        .as_ref()
        .map(parts::Numbering::parse)
        .unwrap_or_default();
    w.rels = rels.as_ref().map(parts::Rels::parse).unwrap_or_default();
    w.footnotes = notes(footnotes);
    w.endnotes = notes(endnotes);
    w.comment_text = notes(comments)
        .into_iter()
        .map(|(id, c)| {
            let mut s = String::new();
            for p in c.elements() {
                s.push_str(&plain_xml(p));
                s.push(' ');
            }
            (id, s.trim().to_owned())
        })
        .collect();
    let body = document
        .child("body")
        .ok_or("word/document.xml has no body")?;
    w.body(body)?;
    let mut doc = std::mem::take(&mut w.doc);
    doc.date = core.as_ref().and_then(parts::core_date);
    Ok(doc)
}

/// Notes (or comments) by id, leaving out Word's separators.
fn notes(root: Option<xml::Element>) -> HashMap<String, xml::Element> {
    let Some(root) = root else {
        return HashMap::new();
    };
    root.children
        .into_iter()
        .filter_map(|n| match n {
            xml::Node::Element(e) if e.attr("type").is_none_or(|t| t == "normal") => {
                Some((e.attr("id")?.to_owned(), e))
            }
            _ => None,
        })
        .collect()
}

/// The text of `w:t` elements below `e`.
fn plain_xml(e: &xml::Element) -> String {
    let mut s = String::new();
    for c in e.elements() {
        if c.name == "t" {
            s.push_str(&c.text());
        } else {
            s.push_str(&plain_xml(c));
        }
    }
    s
}

/// What the command line asked for besides the file.
pub(crate) struct Asked<'a> {
    /// The file's stem, the title of last resort.
    pub(crate) stem: &'a str,
    /// `--trusts`, when given.
    pub(crate) trusts: Option<&'a [String]>,
}

/// The paper's files from the document, for the receiving `trusts`.
pub(crate) fn convert(mut doc: Doc, model: &Model, trusts: &[&Trust], asked: &Asked<'_>) -> Paper {
    let mut reports: Vec<Report> = doc
        .dropped
        .iter()
        .map(|d| Report {
            para: d.para,
            cover: false,
            message: d.what.clone(),
            hint: None,
        })
        .collect();
    let (cover, title, contents) = front_matter(&mut doc, model, trusts, &mut reports);
    let title = title.unwrap_or_else(|| asked.stem.to_owned());
    let mut cover = cover;
    let governance = governance(&cover, trusts, doc.date.as_deref(), &mut reports);
    own_sections(&mut cover, trusts, &mut reports);
    let (mut main, appendices) = split_appendices(std::mem::take(&mut doc.blocks));
    let numbered = strip_heading_numbers(&mut main);
    raise_headings(&mut main);
    let extra = front::Extra {
        title: &title,
        subtitle: doc.subtitle.as_deref().or(cover.subtitle.as_deref()),
        trusts: asked.trusts,
        numbered,
        contents,
    };
    let mut md = front::yaml(&cover, &governance, &extra);
    md.push('\n');
    md.push_str(&markdown::write(&main, &doc.notes, 0));
    let mut files = vec![("paper.md".to_owned(), md.into_bytes())];
    for (i, (heading, level, blocks)) in appendices.iter().enumerate() {
        let mut text = format!(
            "---\ntitle: {}\n---\n\n",
            serde_json::Value::from(heading.as_str())
        );
        text.push_str(&markdown::write(blocks, &doc.notes, *level));
        files.push((appendix_file(i, heading), text.into_bytes()));
    }
    let pictures = doc.pictures.len();
    files.extend(doc.pictures.into_iter().map(|p| (p.file, p.bytes)));
    reports.sort_by(|a, b| (a.para, &a.message).cmp(&(b.para, &b.message)));
    Paper {
        title,
        files,
        reports,
        appendices: appendices.len(),
        pictures,
    }
}

/// Everything of the document that goes to the front matter, taken out of
/// its blocks: the cover, the title (if any) and whether it had contents.
fn front_matter(
    doc: &mut Doc,
    model: &Model,
    trusts: &[&Trust],
    reports: &mut Vec<Report>,
) -> (cover::Cover, Option<String>, bool) {
    let mut title = doc.title.take();
    if title.is_none() {
        let first = doc
            .blocks
            .iter()
            .position(|b| matches!(b, Block::Heading { .. }));
        if let Some(Block::Heading { text, .. }) = first.map(|i| doc.blocks.remove(i)) {
            title = Some(plain(&text));
        }
    }
    let mut cover = cover::Cover::default();
    let contents = frontsheet::take(&mut doc.blocks, &mut cover, trusts, reports);
    cover::map(model, trusts, &mut doc.blocks, &mut cover);
    frontsheet::version_block(&mut doc.blocks, &mut cover, reports);
    frontsheet::closing(&mut doc.blocks, &mut cover, reports);
    frontsheet::callouts(&mut doc.blocks, &mut cover);
    signoff(doc.signoff.take(), &mut cover, reports);
    captions(&mut doc.blocks, reports);
    reports.extend(cover.reports.iter().map(|(para, m, hint)| Report {
        para: *para,
        cover: true,
        message: m.clone(),
        hint: hint.clone(),
    }));
    let title = title.or_else(|| cover.title.clone());
    (cover, title, contents)
}

/// A paragraph just before a table that numbers it ("Table 2", "Table 2:
/// Monthly spend", as Word's captions and boardpaper's HTML write them):
/// the number is left to the build, the words become the caption.
fn captions(blocks: &mut [Block], reports: &mut Vec<Report>) {
    for i in 1..blocks.len() {
        if !matches!(blocks[i], Block::Table(_)) {
            continue;
        }
        let Block::Para { para, text } = &blocks[i - 1] else {
            continue;
        };
        let t = plain(text);
        let Some(rest) = t.strip_prefix("Table ") else {
            continue;
        };
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 {
            continue;
        }
        let words = rest[digits..].trim_start_matches([':', '.', ' ', '\u{2013}', '-']);
        reports.push(Report {
            para: *para,
            cover: false,
            message: format!(
                "the caption `{t}` written `Table: {words}` (the build numbers tables)"
            ),
            hint: None,
        });
        blocks[i - 1] = Block::Caption(vec![Inline::Text {
            text: words.to_owned(),
            bold: false,
            italic: false,
        }]);
    }
}

/// The sign-off paragraph: its name, and its date when it is one.
fn signoff(
    s: Option<(String, Option<String>)>,
    cover: &mut cover::Cover,
    reports: &mut Vec<Report>,
) {
    let Some((name, date)) = s else { return };
    cover.signoff = Some(name);
    if let Some(d) = date {
        let iso = crate::date::Date::parse(&d)
            .map(|_| d.clone())
            .ok()
            .or_else(|| {
                crate::date::suggest_iso(&d).map(|w| w.trim_start_matches("write ").to_owned())
            });
        match iso {
            Some(iso) => {
                cover.date.get_or_insert(iso);
            }
            None => reports.push(Report {
                para: 0,
                cover: false,
                message: format!(
                    "the sign-off's second line `{d}` is not a date: not carried over"
                ),
                hint: None,
            }),
        }
    }
}

/// The governance values in the trusts' row order, with `TODO` (or the
/// document's date for a date row) for each required row the cover sheet
/// does not give.
fn governance(
    cover: &cover::Cover,
    trusts: &[&Trust],
    date: Option<&str>,
    reports: &mut Vec<Report>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for t in trusts {
        for r in t
            .rows
            .iter()
            .filter(|r| r.key != crate::check::governance::ALIGNMENT)
        {
            if out.iter().any(|(k, _)| *k == r.key) {
                continue;
            }
            if let Some(v) = cover.governance.get(&r.key) {
                out.push((r.key.clone(), v.clone()));
                continue;
            }
            if !r.required {
                continue;
            }
            let is_date = crate::check::governance::DATE_KEYS.contains(&r.key.as_str());
            let value = match date {
                Some(d) if is_date => d.to_owned(),
                _ => "TODO".to_owned(),
            };
            let message = format!(
                "the cover sheet gives no `{}` ({}, required by {}): `{value}` written",
                r.label.trim_end_matches(':'),
                r.key,
                t.short
            );
            let hint = if is_date && date.is_some() {
                Some("the document's own date (its properties): check it".into())
            } else {
                Some("fill it in before the paper goes to the boards".into())
            };
            reports.push(Report {
                para: 0,
                cover: true,
                message,
                hint,
            });
            out.push((r.key.clone(), value));
        }
    }
    out
}

/// `TODO` for each section of a trust's own front sheet the cover does not fill.
fn own_sections(cover: &mut cover::Cover, trusts: &[&Trust], reports: &mut Vec<Report>) {
    let standard = crate::check::trusts::STANDARD_SECTIONS.map(|(k, _)| k);
    for t in trusts {
        for (key, heading) in &t.sections {
            if standard.contains(&key.as_str()) || cover.sections.contains_key(key) {
                continue;
            }
            cover.sections.insert(key.clone(), "TODO".into());
            reports.push(Report {
                para: 0,
                cover: true,
                message: format!("the cover sheet gives no `{heading}` ({key}, {}'s front sheet): `TODO` written", t.short),
                hint: None,
            });
        }
    }
}

/// A heading's hand-written number ("2.1 ", "3. ") and the rest.
fn heading_number(s: &str) -> Option<&str> {
    let digits = s.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (num, rest) = s.split_at(digits);
    (num.starts_with(|c: char| c.is_ascii_digit()) && rest.starts_with([' ', '\t']))
        .then(|| rest.trim_start())
}

/// Strips hand-written heading numbers when every heading has one;
/// returns whether the paper is to be numbered.
fn strip_heading_numbers(blocks: &mut [Block]) -> bool {
    let headings: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => Some(plain(text)),
            _ => None,
        })
        .filter(|t| !is_appendix(t))
        .collect();
    if headings.is_empty() || !headings.iter().all(|h| heading_number(h).is_some()) {
        return false;
    }
    for b in blocks.iter_mut() {
        if let Block::Heading { text, .. } = b {
            if let Some(Inline::Text { text: t, .. }) = text.first_mut() {
                if let Some(rest) = heading_number(t) {
                    *t = rest.to_owned();
                }
            }
        }
    }
    true
}

/// Raises every heading so the shallowest is level 1 (`#`): a document
/// whose title was its Heading 1 has its sections at Heading 2.
fn raise_headings(blocks: &mut [Block]) {
    let top = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    for b in blocks.iter_mut() {
        if let Block::Heading { level, .. } = b {
            *level -= top - 1;
        }
    }
}

fn is_appendix(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    lower
        .strip_prefix("appendix")
        .is_some_and(|r| r.is_empty() || r.starts_with(|c: char| !c.is_alphabetic()))
}

/// An appendix heading's title: "Appendix B – Review" → "Review".
fn appendix_title(heading: &str) -> String {
    let rest = heading["appendix".len()..].trim_start();
    let rest = rest
        .split_once(char::is_whitespace)
        .filter(|(label, _)| {
            label.len() <= 3
                && label
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ':' || c == '.')
        })
        .map_or(rest, |(_, r)| r);
    let t = rest.trim_start_matches(|c: char| c.is_whitespace() || "–—-:.".contains(c));
    if t.is_empty() {
        heading.to_owned()
    } else {
        t.to_owned()
    }
}

/// An appendix: its title, the level of its heading, its blocks.
type Appendix = (String, u8, Vec<Block>);

/// Splits the blocks at "Appendix" headings: the body, then each appendix
/// (title, its heading level, blocks).
fn split_appendices(blocks: Vec<Block>) -> (Vec<Block>, Vec<Appendix>) {
    let mut main = Vec::new();
    let mut apps: Vec<Appendix> = Vec::new();
    for b in blocks {
        if let Block::Heading { text, level, .. } = &b {
            let t = plain(text);
            if is_appendix(&t) && apps.last().is_none_or(|(_, l, _)| *level <= *l) {
                apps.push((appendix_title(&t), *level, Vec::new()));
                continue;
            }
        }
        match apps.last_mut() {
            Some((_, _, a)) => a.push(b),
            None => main.push(b),
        }
    }
    if matches!(main.last(), Some(Block::PageBreak)) {
        main.pop();
    }
    (main, apps)
}

fn appendix_file(i: usize, title: &str) -> String {
    let letter = if i < 26 {
        ((b'a' + i as u8) as char).to_string()
    } else {
        format!("z{i:03}")
    };
    let slug: String = crate::project::slug(title).chars().take(40).collect();
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("appendix-{letter}.md")
    } else {
        format!("appendix-{letter}-{slug}.md")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appendix_headings_give_titles_and_files() {
        assert!(is_appendix("Appendix A – Vision"));
        assert!(is_appendix("APPENDIX 2: Data"));
        assert!(!is_appendix("Appendixes are listed"));
        assert_eq!(
            appendix_title("Appendix A – Vision and values"),
            "Vision and values"
        );
        assert_eq!(appendix_title("Appendix 2: Data"), "Data");
        assert_eq!(appendix_title("Appendix"), "Appendix");
        assert_eq!(
            appendix_file(1, "Data & Trends"),
            "appendix-b-data-trends.md"
        );
    }

    #[test]
    fn hand_numbers_are_read_off_headings() {
        assert_eq!(heading_number("2.1 Finance"), Some("Finance"));
        assert_eq!(heading_number("3. Risks"), Some("Risks"));
        assert_eq!(heading_number("2024 plans"), Some("plans"));
        assert_eq!(heading_number("Finance"), None);
    }
}
