//! The small document model between the .docx reader and the Markdown
//! writer: only what a board paper's source can say. Every block carries
//! the number of the Word paragraph it came from (counted from 1 over the
//! body, table cells included, in document order), which is how every
//! report of the import locates things.

/// Inline content of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    /// Text with its emphasis (underline is carried as italic: see mod.rs).
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    /// A link that passed the link policy.
    Link { url: String, text: Vec<Inline> },
    /// A reference to note number N (footnotes and endnotes numbered together).
    Note(usize),
    /// A line break inside the paragraph.
    Break,
}

/// A paragraph's content.
pub(crate) type Inlines = Vec<Inline>;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Heading {
        para: usize,
        level: u8,
        text: Inlines,
        newpage: bool,
    },
    Para {
        para: usize,
        text: Inlines,
    },
    /// A quotation (a block quote).
    Quote {
        para: usize,
        text: Inlines,
    },
    /// A list item: `level` 0 is the outermost; `number` for ordered lists.
    Item {
        para: usize,
        level: usize,
        number: Option<u32>,
        text: Inlines,
    },
    Table(Table),
    /// A page break before a block that is not a heading.
    PageBreak,
    /// A table's caption (`Table: ...`), just before it.
    Caption(Inlines),
    /// A recommendation's callout, placed by its id.
    Recommendation(String),
    /// A picture extracted into the paper folder.
    Image {
        para: usize,
        file: String,
        alt: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// The paragraph number of its first cell's first paragraph.
    pub(crate) para: usize,
    pub(crate) rows: Vec<Vec<Cell>>,
}

/// A cell: its paragraphs, each possibly a bullet.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Cell {
    pub(crate) paras: Vec<(bool, Inlines)>,
}

/// A picture's bytes and the file name it is written under.
#[derive(Debug, Clone)]
pub(crate) struct Picture {
    pub(crate) file: String,
    pub(crate) bytes: Vec<u8>,
}

/// Something of the Word document that the paper does not carry (or
/// carries differently), at its paragraph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Dropped {
    pub(crate) para: usize,
    pub(crate) what: String,
}

/// A tracked change or comment, at its paragraph, with the text around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Revision {
    pub(crate) para: usize,
    pub(crate) what: String,
}

/// The whole document as read.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    pub(crate) title: Option<String>,
    pub(crate) subtitle: Option<String>,
    /// The sign-off: the name and the line under it (a date).
    pub(crate) signoff: Option<(String, Option<String>)>,
    pub(crate) blocks: Vec<Block>,
    /// Note N's text is `notes[N - 1]`.
    pub(crate) notes: Vec<Inlines>,
    pub(crate) pictures: Vec<Picture>,
    pub(crate) dropped: Vec<Dropped>,
    pub(crate) changes: Vec<Revision>,
    pub(crate) comments: Vec<Revision>,
    /// docProps/core.xml's modified (else created) date, `YYYY-MM-DD`.
    pub(crate) date: Option<String>,
}

/// The plain text of inlines (links by their text, notes left out).
pub(crate) fn plain(text: &[Inline]) -> String {
    let mut s = String::new();
    for i in text {
        match i {
            Inline::Text { text, .. } => s.push_str(text),
            Inline::Link { text, .. } => s.push_str(&plain(text)),
            Inline::Note(_) => {}
            Inline::Break => s.push(' '),
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
