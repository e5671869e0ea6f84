//! A pack's cover and agenda, written as document blocks and laid out by
//! the paper layout (so they are tagged as any paper is: headings,
//! paragraphs, the agenda a `Table` with column header cells, its links
//! `Link` elements): the cover (trust, board, meeting date and venue, the
//! cycle, the issuer, a Part II pack's label) on the first page, the
//! agenda (item, title, presenter, purpose, time and the pack page the
//! item starts on, the title and page linking there) from the next.

use super::Pack;
use crate::document::{Align, Block, BlockKind, Cell, Heading, Inline, Origin, Table};
use crate::pdf::layout::{self, DocId, Laid};
use crate::pdf::Fonts;

/// The anchors of the cover's and agenda's headings.
pub(crate) const COVER: &str = "pack-cover";
pub(crate) const AGENDA: &str = "pack-agenda";
/// The anchor of an item's first page (each paper's own document), which
/// the agenda links to and `join` sets.
pub(crate) const ITEM_ANCHOR: &str = "pack-item";

/// The cover and agenda of `pack`, the agenda giving each entry's start
/// page (`starts`, 1-based) and linking it to its document (`docs`).
pub(crate) fn lay_out(
    pack: &Pack,
    starts: &[Option<usize>],
    docs: &[Option<DocId>],
    fonts: &Fonts,
) -> Laid {
    let sections = [cover(pack), agenda(pack, starts, docs)];
    layout::layout_sections(&sections, fonts, pack.meta.accent, DocId::default())
}

fn block(kind: BlockKind) -> Block {
    Block {
        kind,
        origin: Origin::default(),
    }
}

fn heading(text: &str, anchor: &str) -> Block {
    block(BlockKind::Heading(Heading {
        level: 1,
        number: None,
        text: vec![Inline::Text(text.to_owned())],
        anchor: anchor.to_owned(),
    }))
}

fn para(inlines: Vec<Inline>) -> Block {
    block(BlockKind::Paragraph(inlines))
}

fn text(s: &str) -> Inline {
    Inline::Text(s.to_owned())
}

fn strong(s: &str) -> Inline {
    Inline::Strong(vec![text(s)])
}

/// The cover's blocks.
fn cover(pack: &Pack) -> Vec<Block> {
    let c = &pack.cover;
    let mut out = vec![heading(&c.trust, COVER), para(vec![strong(&c.board)])];
    if let Some(label) = &c.label {
        out.push(para(vec![strong(label)]));
    }
    let mut lines = Vec::new();
    if let Some(date) = &c.date {
        lines.push(("Meeting: ", date.as_str()));
    }
    if let Some(venue) = &c.venue {
        lines.push(("Venue: ", venue.as_str()));
    }
    lines.push(("Cycle: ", c.cycle.as_str()));
    lines.push(("Papers issued by: ", c.issuer.as_str()));
    for (label, value) in lines {
        out.push(para(vec![strong(label), text(value)]));
    }
    out
}

/// The agenda's blocks: heading, meeting line, and the table of entries.
fn agenda(pack: &Pack, starts: &[Option<usize>], docs: &[Option<DocId>]) -> Vec<Block> {
    let c = &pack.cover;
    let mut meeting = c.board.clone();
    if let Some(date) = &c.date {
        meeting.push_str(" \u{2013} ");
        meeting.push_str(date);
    }
    let mut out = vec![heading(&pack.heading, AGENDA), para(vec![text(&meeting)])];
    if pack.entries.is_empty() {
        out.push(para(vec![text("There are no items.")]));
        return out;
    }
    let cell = |content: Vec<Inline>| Cell {
        content,
        shade: None,
    };
    let plain = |s: &Option<String>| cell(s.iter().map(|s| text(s)).collect());
    let header = ["Item", "Title", "Presenter", "Purpose", "Time", "Page"]
        .iter()
        .map(|h| cell(vec![text(h)]))
        .collect();
    let rows = pack
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let target = docs.get(i).copied().flatten();
            let start = starts.get(i).copied().flatten();
            let linked = |s: String| match target {
                Some(doc) => vec![Inline::Link {
                    url: format!("#@{}/{}", doc.0, ITEM_ANCHOR),
                    content: vec![text(&s)],
                }],
                None => vec![text(&s)],
            };
            vec![
                cell(vec![text(&e.number)]),
                cell(linked(e.title.clone())),
                plain(&e.presenter),
                plain(&e.purpose),
                plain(&e.time),
                cell(start.map(|p| linked(p.to_string())).unwrap_or_default()),
            ]
        })
        .collect();
    out.push(block(BlockKind::Table(Table {
        caption: None,
        align: vec![
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
        ],
        header,
        rows,
        // The agenda stays on its portrait page; the title takes the room.
        landscape: Some(false),
        widths: Some(vec![2, 15, 5, 5, 2, 1]),
    })));
    out
}
