//! The document tree: what one trust's copy of one paper says, with no
//! knowledge of HTML or PDF. Both renderers walk this and nothing else.
//!
//! A [`Document`] is produced by `resolve` + `markdown` for one (trust, paper)
//! variant. Text is plain Unicode (never escaped, never markup): escaping is
//! the HTML renderer's job, glyph lookup the PDF layout's.

use std::path::PathBuf;

use crate::colour::Rgb;

#[cfg(test)]
pub(crate) mod sample;

/// One trust's copy of one paper, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Document {
    pub(crate) meta: Meta,
    pub(crate) front: FrontSheet,
    /// The body, headings already numbered, recommendation callouts in place.
    pub(crate) body: Vec<Block>,
    /// The closing "Actions and recommendations" section (numbered I, II, III ...).
    pub(crate) closing: Closing,
    pub(crate) signoff: Option<Signoff>,
    pub(crate) appendices: Vec<Appendix>,
    /// Footnote definitions in order of first reference (numbers 1, 2, 3 ...).
    pub(crate) footnotes: Vec<Footnote>,
}

/// The language every document is written in (British English), set once
/// here and carried in each document's [`Meta`].
pub(crate) const LANG: &str = "en-GB";

/// Document-level facts: metadata, running header, file naming.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Meta {
    pub(crate) trust_id: String,
    /// Short name of the trust for the running header ("LPT").
    pub(crate) trust_short: String,
    pub(crate) trust_name: String,
    pub(crate) paper_id: String,
    pub(crate) title: String,
    /// Author for PDF metadata (the governance `author` value, else the alliance).
    pub(crate) author: String,
    /// Subject for PDF metadata (the subtitle, else the purpose).
    pub(crate) subject: String,
    /// The document's language ([`LANG`] today); kept as data so renderers
    /// never hard-code it.
    pub(crate) lang: String,
    /// The alliance's name.
    pub(crate) alliance: String,
    /// Who issues the paper (the alliance, a group, a committee), shown in
    /// page furniture and HTML labels.
    pub(crate) issuer: String,
    /// The accent (headings and links in HTML; callout bars, links and
    /// footnote numbers in the PDF), as `check` decided it: the project's
    /// own when readable on white, else NHS blue.
    pub(crate) accent: Rgb,
    pub(crate) confidential: bool,
    /// A draft: "DRAFT" in its title (already in `title` and the front
    /// sheet's), a watermark on every PDF page, a banner in the HTML.
    pub(crate) draft: bool,
    /// The trust's words marking a confidential paper ("Confidential –
    /// Part II"), used alike by header, front sheet and HTML; `None` when
    /// the paper is not confidential.
    pub(crate) marking: Option<String>,
    /// Where the PDF puts footnotes (the project's `style: notes:`).
    pub(crate) notes: NotePlacement,
    /// A contents page: asked for, refused, or `None` for automatic (the
    /// PDF gets one when the paper runs to `CONTENTS_FROM_PAGES` pages).
    pub(crate) contents: Option<bool>,
    /// The heading levels the contents lists (1 to 6).
    pub(crate) contents_depth: u8,
    /// The PDF's body repeats the title the cover shows (the trust's
    /// `front-sheet.body-title`, default `true`).
    pub(crate) body_title: bool,
    /// The paper's main source file (for diagnostics raised while rendering).
    pub(crate) source: PathBuf,
}

/// Where the PDF puts footnotes: the project's `style: notes:` setting as
/// the load stage reads it (one type, so check need not name this stage).
pub(crate) use crate::project::Notes as NotePlacement;

/// The front sheet, as the real papers lay it out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FrontSheet {
    /// "Trust Public Board – 28 November 2023"
    pub(crate) meeting_line: String,
    /// "Agenda item 3" when the trust's agenda names this paper.
    pub(crate) agenda_item: Option<String>,
    pub(crate) title: String,
    pub(crate) subtitle: Option<String>,
    /// "Common Board paper": what the paper calls itself over its version.
    pub(crate) kind: Option<String>,
    /// "Draft v2"
    pub(crate) version: Option<String>,
    /// The paper's date, long form ("10 November 2023").
    pub(crate) date: Option<String>,
    pub(crate) purpose: Vec<String>,
    pub(crate) analysis: Vec<String>,
    pub(crate) proposal: Vec<String>,
    /// "The Boards of the Alliance providers are asked to:"
    pub(crate) decision_lead: String,
    /// One entry per recommendation, punctuated ("Review and approve ...;").
    pub(crate) decisions: Vec<String>,
    /// This trust's governance table, rows in the trust's order.
    pub(crate) governance: Vec<GovRow>,
    /// Several receiving trusts' tables, each under its heading, shown in
    /// place of `governance` when the paper asks (`governance-tables`).
    pub(crate) governance_tables: Vec<GovTable>,
    /// Appendix headings listed on the front sheet ("Appendix A – Vision ...").
    pub(crate) appendices: Vec<String>,
    /// Header fields under the meeting line ("Report reference: BOD 47/2023").
    pub(crate) header: Vec<HeaderField>,
    /// The sections in the trust's order, with the trust's headings: both
    /// renderers lay the front sheet out from this list alone.
    pub(crate) sections: Vec<FrontSection>,
}

/// "For: Information and Discussion"
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct HeaderField {
    /// The line as shown, its fields filled in.
    pub(crate) text: String,
    /// Set under the title (and subtitle) rather than above it.
    pub(crate) below_title: bool,
}

impl HeaderField {
    /// "Report reference: BOD 47/2023", as both renderers show it.
    pub(crate) fn line(&self) -> String {
        self.text.clone()
    }
}

/// One section of a front sheet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct FrontSection {
    /// "purpose", "summary": the anchor's stem.
    pub(crate) key: String,
    /// "Purpose of the report", "Executive Summary"
    pub(crate) heading: String,
    pub(crate) content: SectionContent,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum SectionContent {
    /// One paragraph, or a bulleted list when there are several.
    Entries(Vec<String>),
    /// The paper's own Markdown (emphasis, lists, footnotes).
    Markdown(Vec<Block>),
    /// `decision_lead` and `decisions`.
    Decisions,
    /// The governance table (`governance`).
    Governance,
    /// The list of appendices (`appendices`).
    Appendices,
}

/// A receiving trust's governance table set apart from the copy's own: one
/// of several on a front sheet, or placed in a body by
/// `{{ governance_table("id") }}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct GovTable {
    /// The trust's id (the HTML table's id is made from it).
    pub(crate) trust_id: String,
    /// "NHFT Trust Governance Table": shown over the table (the HTML
    /// caption, a caption in the PDF).
    pub(crate) heading: String,
    pub(crate) rows: Vec<GovRow>,
}

impl GovTable {
    /// The note under the table (what the alignment label's asterisk means).
    pub(crate) fn note(&self) -> Option<&str> {
        gov_note(&self.rows)
    }
}

/// The framework's note of a governance table's alignment row, if any.
pub(crate) fn gov_note(rows: &[GovRow]) -> Option<&str> {
    rows.iter().find_map(|r| match &r.value {
        GovValue::Alignment(a) => a.note.as_deref(),
        GovValue::Text(_) => None,
    })
}

/// One row of a trust's governance table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct GovRow {
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) value: GovValue,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum GovValue {
    /// A plain value ("Trust Board", "20 November 2023", "Assured").
    Text(String),
    /// The trust's strategic-alignment table.
    Alignment(Alignment),
}

/// A strategic-alignment table as the trust writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Alignment {
    /// Every framework item with its tick, or (`mark` is `None`) only the
    /// aligned ones, with no tick column.
    pub(crate) items: Vec<AlignmentItem>,
    /// The trust's mark for an aligned item ("✓", "X", "Yes").
    pub(crate) mark: Option<String>,
    /// The note under the governance table (what the label's asterisk means).
    pub(crate) note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct AlignmentItem {
    pub(crate) label: String,
    /// Shown under the label (a Board Assurance Framework risk theme).
    pub(crate) description: Option<String>,
    pub(crate) ticked: bool,
}

/// A body block with the source line it came from (1-based, in `file`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Block {
    pub(crate) kind: BlockKind,
    pub(crate) origin: Origin,
}

/// Where a block came from: file and 1-based line (0 when generated).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct Origin {
    pub(crate) file: PathBuf,
    pub(crate) line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum BlockKind {
    Heading(Heading),
    Paragraph(Vec<Inline>),
    List(List),
    Quote(Vec<Block>),
    Table(Table),
    /// "Action and recommendation 1 – The Boards ... are asked to review ..."
    Callout(Callout),
    Image(Image),
    Code(String),
    Rule,
    /// A receiving trust's governance table, placed by
    /// `{{ governance_table("id") }}`.
    Governance(GovTable),
    /// An author's page break (a paragraph of just `\newpage`): the next
    /// block starts a new page in the PDF and in print.
    PageBreak,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Heading {
    /// 1 = section, 2 = subsection, ... (up to 6).
    pub(crate) level: u8,
    /// "3.1" when the paper is numbered; `None` otherwise.
    pub(crate) number: Option<String>,
    pub(crate) text: Vec<Inline>,
    /// A stable anchor ("s3-1-agreeing-a-vision") for links and PDF bookmarks.
    pub(crate) anchor: String,
}

impl Heading {
    /// The heading as shown: "3.1 Agreeing a vision" (number, then text).
    pub(crate) fn display_text(&self) -> String {
        let text = plain_text(&self.text);
        match &self.number {
            Some(n) if self.level == 1 => format!("{n}. {text}"),
            Some(n) => format!("{n} {text}"),
            None => text,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Copy)]
pub(crate) enum ListStyle {
    Bullet,
    /// 1. 2. 3. starting at the given number.
    Decimal(u64),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct List {
    pub(crate) style: ListStyle,
    /// Each item is a sequence of blocks (a paragraph, then maybe a nested list).
    pub(crate) items: Vec<Vec<Block>>,
    /// Each item's task state (`- [x]` done, `- [ ]` not done), by index;
    /// an item past the end, or `None`, is a plain item.
    pub(crate) tasks: Vec<Option<bool>>,
}

/// A task item's marker and what it says, in both formats: "✓" done,
/// "✗" not done (DejaVu Sans, the bundled fallback face, sets both).
pub(crate) fn task_mark(done: bool) -> (&'static str, &'static str) {
    if done {
        ("\u{2713}", "Done")
    } else {
        ("\u{2717}", "Not done")
    }
}

impl List {
    /// Item `i`'s task state: `Some(true)` done, `Some(false)` not done,
    /// `None` a plain item.
    pub(crate) fn task(&self, i: usize) -> Option<bool> {
        self.tasks.get(i).copied().flatten()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Table {
    pub(crate) caption: Option<String>,
    /// A page of its own in landscape: asked for (`{.landscape}` after the
    /// caption), refused (`{.portrait}`), or `None`: automatic, when the
    /// columns' narrowest widths do not fit the portrait text width.
    pub(crate) landscape: Option<bool>,
    /// Relative column widths the author asks for (`{widths=3,1,1}` after
    /// the caption), one per column; `None`: from the content.
    pub(crate) widths: Option<Vec<u8>>,
    pub(crate) align: Vec<Align>,
    pub(crate) header: Vec<Cell>,
    pub(crate) rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Cell {
    pub(crate) content: Vec<Inline>,
    /// A status shade (`#rrggbb`) from `style.status-colours`; the text stays.
    pub(crate) shade: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Callout {
    /// 1-based, in the order of the paper's `recommendations`.
    pub(crate) number: usize,
    /// "Action and recommendation 1"
    pub(crate) label: String,
    /// "The Boards of the Alliance providers are asked to review and approve ..."
    pub(crate) text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Image {
    pub(crate) alt: String,
    /// Absolute path of a checked file inside the paper's folder.
    pub(crate) path: PathBuf,
    pub(crate) title: Option<String>,
    /// The checked file from the build's image store (`None`: missing, the
    /// renderers show the alt text).
    pub(crate) file: Option<crate::project::images::ImageFile>,
    /// Column of the image's Markdown on its source line (1-based).
    pub(crate) col: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emph(Vec<Inline>),
    Strike(Vec<Inline>),
    Code(String),
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// A reference to footnote `number` (1-based index into `Document::footnotes`).
    FootnoteRef(usize),
    /// A hard line break.
    Break,
}

/// The closing section that restates every recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Closing {
    /// "11. Actions and recommendations" when numbered.
    pub(crate) heading: Heading,
    pub(crate) lead: String,
    /// (roman numeral, text) pairs: ("I", "review and approve ...;").
    pub(crate) items: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Signoff {
    pub(crate) name: String,
    pub(crate) date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Appendix {
    /// "A", "B", ...
    pub(crate) letter: String,
    pub(crate) title: String,
    pub(crate) anchor: String,
    pub(crate) blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Footnote {
    pub(crate) number: usize,
    pub(crate) blocks: Vec<Block>,
}

/// The text of inlines with all formatting dropped.
pub(crate) fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

/// The footnote numbers referenced in `inlines`, in order.
pub(crate) fn footnote_refs(inlines: &[Inline]) -> Vec<usize> {
    fn walk(inlines: &[Inline], out: &mut Vec<usize>) {
        for inline in inlines {
            match inline {
                Inline::FootnoteRef(n) => out.push(*n),
                Inline::Strong(c) | Inline::Emph(c) | Inline::Strike(c) => walk(c, out),
                Inline::Link { content, .. } => walk(content, out),
                Inline::Text(_) | Inline::Code(_) | Inline::Break => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emph(c) | Inline::Strike(c) => push_plain(c, out),
            Inline::Link { content, .. } => push_plain(content, out),
            // A footnote marker is not part of the text (ids, bookmarks).
            Inline::FootnoteRef(_) => {}
            Inline::Break => out.push(' '),
        }
    }
}

/// A paper of at least this many words gets a contents page unless its
/// front matter says `contents: false` (about ten pages of A4).
pub(crate) const CONTENTS_FROM_WORDS: usize = 3000;

impl Document {
    /// Whether the paper gets a contents page: as its front matter says,
    /// else when it runs to [`CONTENTS_FROM_WORDS`] words.
    pub(crate) fn wants_contents(&self) -> bool {
        self.meta
            .contents
            .unwrap_or_else(|| self.word_count() >= CONTENTS_FROM_WORDS)
    }

    /// Words in the body, closing and appendices (not the front sheet).
    pub(crate) fn word_count(&self) -> usize {
        fn blocks(bs: &[Block]) -> usize {
            bs.iter().map(block).sum()
        }
        fn words(inlines: &[Inline]) -> usize {
            plain_text(inlines).split_whitespace().count()
        }
        fn block(b: &Block) -> usize {
            match &b.kind {
                BlockKind::Heading(h) => words(&h.text),
                BlockKind::Paragraph(i) => words(i),
                BlockKind::List(l) => l.items.iter().map(|i| blocks(i)).sum(),
                BlockKind::Quote(q) => blocks(q),
                BlockKind::Table(t) => std::iter::once(&t.header)
                    .chain(&t.rows)
                    .flatten()
                    .map(|c| words(&c.content))
                    .sum(),
                BlockKind::Callout(c) => c.text.split_whitespace().count(),
                BlockKind::Code(c) => c.split_whitespace().count(),
                BlockKind::Image(_)
                | BlockKind::Rule
                | BlockKind::PageBreak
                | BlockKind::Governance(_) => 0,
            }
        }
        blocks(&self.body)
            + self
                .appendices
                .iter()
                .map(|a| blocks(&a.blocks))
                .sum::<usize>()
            + self
                .footnotes
                .iter()
                .map(|n| blocks(&n.blocks))
                .sum::<usize>()
    }
    /// Every image, in reading order (body, appendices, footnotes), with
    /// the block that holds it (for its origin). Images sit at block level
    /// or inside quotes and list items.
    pub(crate) fn images(&self) -> Vec<(&Image, &Block)> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<(&'a Image, &'a Block)>) {
            for b in blocks {
                match &b.kind {
                    BlockKind::Image(i) => out.push((i, b)),
                    BlockKind::Quote(inner) => walk(inner, out),
                    BlockKind::List(l) => l.items.iter().for_each(|i| walk(i, out)),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.body, &mut out);
        self.appendices
            .iter()
            .for_each(|a| walk(&a.blocks, &mut out));
        self.footnotes
            .iter()
            .for_each(|f| walk(&f.blocks, &mut out));
        out
    }
}
