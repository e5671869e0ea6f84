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
pub struct Document {
    pub meta: Meta,
    pub front: FrontSheet,
    /// The body, headings already numbered, recommendation callouts in place.
    pub body: Vec<Block>,
    /// The closing "Actions and recommendations" section (numbered I, II, III ...).
    pub closing: Closing,
    pub signoff: Option<Signoff>,
    pub appendices: Vec<Appendix>,
    /// Footnote definitions in order of first reference (numbers 1, 2, 3 ...).
    pub footnotes: Vec<Footnote>,
}

/// Document-level facts: metadata, running header, file naming.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Meta {
    pub trust_id: String,
    /// Short name of the trust for the running header ("LPT").
    pub trust_short: String,
    pub trust_name: String,
    pub paper_id: String,
    pub title: String,
    /// Author for PDF metadata (the governance `author` value, else the alliance).
    pub author: String,
    /// Subject for PDF metadata (the subtitle, else the purpose).
    pub subject: String,
    /// Always "en-GB" today; kept as data so renderers never hard-code it.
    pub lang: String,
    /// The alliance's name.
    pub alliance: String,
    /// Who issues the paper (the alliance, a group, a committee), shown in
    /// page furniture and HTML labels.
    pub issuer: String,
    /// The accent (headings and links in HTML; callout bars, links and
    /// footnote numbers in the PDF), as `check` decided it: the project's
    /// own when readable on white, else NHS blue.
    pub accent: Rgb,
    pub confidential: bool,
    /// The trust's words marking a confidential paper ("Confidential –
    /// Part II"), used alike by header, front sheet and HTML; `None` when
    /// the paper is not confidential.
    pub marking: Option<String>,
    /// The paper's main source file (for diagnostics raised while rendering).
    pub source: PathBuf,
}

/// The front sheet, as the real papers lay it out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FrontSheet {
    /// "Trust Public Board – 28 November 2023"
    pub meeting_line: String,
    /// "Agenda item 3" when the trust's agenda names this paper.
    pub agenda_item: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    /// "Common Board paper": what the paper calls itself over its version.
    pub kind: Option<String>,
    /// "Draft v2"
    pub version: Option<String>,
    /// The paper's date, long form ("10 November 2023").
    pub date: Option<String>,
    pub purpose: Vec<String>,
    pub analysis: Vec<String>,
    pub proposal: Vec<String>,
    /// "The Boards of the Alliance providers are asked to:"
    pub decision_lead: String,
    /// One entry per recommendation, punctuated ("Review and approve ...;").
    pub decisions: Vec<String>,
    /// This trust's governance table, rows in the trust's order.
    pub governance: Vec<GovRow>,
    /// Appendix headings listed on the front sheet ("Appendix A – Vision ...").
    pub appendices: Vec<String>,
    /// Header fields under the meeting line ("Report reference: BOD 47/2023").
    pub header: Vec<HeaderField>,
    /// The sections in the trust's order, with the trust's headings: both
    /// renderers lay the front sheet out from this list alone.
    pub sections: Vec<FrontSection>,
}

/// "For: Information and Discussion"
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HeaderField {
    pub label: String,
    pub value: String,
}

impl HeaderField {
    /// "Report reference: BOD 47/2023", as both renderers show it.
    pub fn line(&self) -> String {
        format!("{}: {}", self.label.trim_end_matches(':'), self.value)
    }
}

/// One section of a front sheet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FrontSection {
    /// "purpose", "summary": the anchor's stem.
    pub key: String,
    /// "Purpose of the report", "Executive Summary"
    pub heading: String,
    pub content: SectionContent,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SectionContent {
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

/// One row of a trust's governance table.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GovRow {
    pub key: String,
    pub label: String,
    pub value: GovValue,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GovValue {
    /// A plain value ("Trust Board", "20 November 2023", "Assured").
    Text(String),
    /// The trust's strategic-alignment table.
    Alignment(Alignment),
}

/// A strategic-alignment table as the trust writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alignment {
    /// Every framework item with its tick, or (`mark` is `None`) only the
    /// aligned ones, with no tick column.
    pub items: Vec<AlignmentItem>,
    /// The trust's mark for an aligned item ("✓", "X", "Yes").
    pub mark: Option<String>,
    /// The note under the governance table (what the label's asterisk means).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AlignmentItem {
    pub label: String,
    /// Shown under the label (a Board Assurance Framework risk theme).
    pub description: Option<String>,
    pub ticked: bool,
}

/// A body block with the source line it came from (1-based, in `file`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Block {
    pub kind: BlockKind,
    pub origin: Origin,
}

/// Where a block came from: file and 1-based line (0 when generated).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Origin {
    pub file: PathBuf,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BlockKind {
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
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Heading {
    /// 1 = section, 2 = subsection, ... (up to 6).
    pub level: u8,
    /// "3.1" when the paper is numbered; `None` otherwise.
    pub number: Option<String>,
    pub text: Vec<Inline>,
    /// A stable anchor ("s3-1-agreeing-a-vision") for links and PDF bookmarks.
    pub anchor: String,
}

impl Heading {
    /// The heading as shown: "3.1 Agreeing a vision" (number, then text).
    pub fn display_text(&self) -> String {
        let text = plain_text(&self.text);
        match &self.number {
            Some(n) if self.level == 1 => format!("{n}. {text}"),
            Some(n) => format!("{n} {text}"),
            None => text,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Copy)]
pub enum ListStyle {
    Bullet,
    /// 1. 2. 3. starting at the given number.
    Decimal(u64),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct List {
    pub style: ListStyle,
    /// Each item is a sequence of blocks (a paragraph, then maybe a nested list).
    pub items: Vec<Vec<Block>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Table {
    pub caption: Option<String>,
    pub align: Vec<Align>,
    pub header: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cell {
    pub content: Vec<Inline>,
    /// A status shade (`#rrggbb`) from `style.status-colours`; the text stays.
    pub shade: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Callout {
    /// 1-based, in the order of the paper's `recommendations`.
    pub number: usize,
    /// "Action and recommendation 1"
    pub label: String,
    /// "The Boards of the Alliance providers are asked to review and approve ..."
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Image {
    pub alt: String,
    /// Absolute path of a checked file inside the paper's folder.
    pub path: PathBuf,
    pub title: Option<String>,
    /// The checked file from the build's image store (`None`: missing, the
    /// renderers show the alt text).
    pub file: Option<crate::project::images::ImageFile>,
    /// Column of the image's Markdown on its source line (1-based).
    pub col: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Inline {
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
pub struct Closing {
    /// "11. Actions and recommendations" when numbered.
    pub heading: Heading,
    pub lead: String,
    /// (roman numeral, text) pairs: ("I", "review and approve ...;").
    pub items: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Signoff {
    pub name: String,
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Appendix {
    /// "A", "B", ...
    pub letter: String,
    pub title: String,
    pub anchor: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Footnote {
    pub number: usize,
    pub blocks: Vec<Block>,
}

/// The text of inlines with all formatting dropped.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emph(c) | Inline::Strike(c) => push_plain(c, out),
            Inline::Link { content, .. } => push_plain(content, out),
            Inline::FootnoteRef(n) => out.push_str(&n.to_string()),
            Inline::Break => out.push(' '),
        }
    }
}

impl Document {
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
