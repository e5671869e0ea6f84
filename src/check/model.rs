//! The checked model: ids resolved, dates parsed, defaults applied. Every
//! later stage reads this, never the raw files.

use std::path::PathBuf;

use crate::date::Date;
use crate::project::PaperSource;

#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub(crate) root: PathBuf,
    pub(crate) alliance: String,
    pub(crate) alliance_full: String,
    pub(crate) cycle: String,
    /// "Confidential – Part II", or the project's own words.
    pub(crate) confidential_label: String,
    /// (id, label) in order.
    pub(crate) objectives: Vec<(String, String)>,
    pub(crate) status_colours: Vec<(String, String)>,
    /// The accent both renderers use, decided by `check` (see `crate::colour`).
    pub(crate) accent: crate::colour::Rgb,
    /// Where the PDF puts footnotes (`style: notes:`).
    pub(crate) notes: crate::project::Notes,
    pub(crate) output: String,
    /// The project's output formats, in `Format` order, each once.
    pub(crate) formats: Vec<crate::project::Format>,
    pub(crate) trusts: Vec<Trust>,
    /// Trusts whose files exist but could not be loaded (already reported).
    pub(crate) unreadable_trusts: Vec<String>,
    pub(crate) papers: Vec<PaperSource>,
    pub(crate) templates: Vec<(String, String)>,
    /// Font files named in `style.fonts` (regular, bold, italic, bold italic).
    pub(crate) fonts: Option<[PathBuf; 4]>,
    /// Their bytes, read and parsed by `check` (`None`: built-in fonts).
    pub(crate) font_bytes: Option<super::fonts::FontBytes>,
    /// The build's images, read once and shared (filled as papers resolve).
    pub(crate) images: crate::project::images::ImageStore,
    /// `draft: true` in boardpaper.yaml (every paper a draft): the
    /// diagnostic a final build gives for it.
    pub(crate) draft: Option<crate::diag::Diagnostic>,
    /// What a final build does with drafts.
    pub(crate) drafts: crate::project::Drafts,
    /// Meetings, actions, the plan and deadlines (their papers' text is
    /// in `papers`).
    pub(crate) business: super::business::Business,
}

#[derive(Debug, Clone, Hash)]
pub(crate) struct Trust {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) short: String,
    pub(crate) board: String,
    /// "Trust Private Board": the meeting line of a confidential paper.
    pub(crate) private_board: String,
    /// The trust's words marking a confidential paper ("Confidential – Part II").
    pub(crate) confidential_label: String,
    pub(crate) meeting: Option<Date>,
    /// How the alignment row is written: label, note, mark, which items.
    pub(crate) alignment: AlignmentStyle,
    pub(crate) items: Vec<FrameworkItem>,
    pub(crate) rows: Vec<RowDef>,
    pub(crate) scale: Vec<String>,
    /// Where the board meets, for the pack's cover.
    pub(crate) venue: Option<String>,
    pub(crate) agenda: super::agenda::Agenda,
    /// Header lines of the cover, in order, each above or under the title.
    pub(crate) header: Vec<HeaderLine>,

    /// The PDF's body repeats the paper's title after the cover.
    pub(crate) body_title: bool,
    /// Front-sheet sections: (key, heading), in order.
    pub(crate) sections: Vec<(String, String)>,
    /// The heading over this trust's table where several trusts' tables
    /// are shown ("LPT Trust Governance Table").
    pub(crate) governance_heading: String,
}

/// One header line of a trust's cover: its words and fields.
#[derive(Debug, Clone, Hash)]
pub(crate) struct HeaderLine {
    pub(crate) pieces: Vec<crate::project::Piece>,
    pub(crate) below_title: bool,
}

impl HeaderLine {
    /// The fields the line names.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            crate::project::Piece::Field(k) => Some(k.as_str()),
            crate::project::Piece::Text(_) => None,
        })
    }
}

impl Trust {
    /// Whether a header line of the cover names field `key`.
    pub(crate) fn shows_field(&self, key: &str) -> bool {
        self.header.iter().any(|h| h.keys().any(|k| k == key))
    }

    /// Every field the cover's header lines name.
    pub(crate) fn header_keys(&self) -> impl Iterator<Item = &str> {
        self.header.iter().flat_map(HeaderLine::keys)
    }
}

/// A trust's way of writing its strategic-alignment row.
#[derive(Debug, Clone, Hash)]
pub(crate) struct AlignmentStyle {
    /// "STEP up to GREAT strategic alignment*:"
    pub(crate) label: String,
    pub(crate) note: Option<String>,
    /// "✓", "X", "Yes"
    pub(crate) tick: String,
    /// Every item with ticks (`true`), or only the aligned ones.
    pub(crate) show_all: bool,
}

#[derive(Debug, Clone, Hash)]
pub(crate) struct FrameworkItem {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) description: Option<String>,
    pub(crate) objectives: Vec<String>,
}

#[derive(Debug, Clone, Hash)]
pub(crate) struct RowDef {
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) required: bool,
}

impl Model {
    pub(crate) fn trust(&self, id: &str) -> Option<&Trust> {
        self.trusts.iter().find(|t| t.id == id)
    }

    /// The trusts a paper goes to, in trust order.
    pub(crate) fn recipients(&self, paper: &PaperSource) -> Vec<&Trust> {
        match &paper.front.trusts {
            Some(list) => self
                .trusts
                .iter()
                .filter(|t| list.iter().any(|s| s.value == t.id))
                .collect(),
            None => self.trusts.iter().collect(),
        }
    }

    /// Whether every trust the paper goes to is known and loaded: when
    /// not (a misspelt or unreadable trust, already reported), what
    /// depends on the set of its trusts cannot be judged and is not.
    pub(crate) fn recipients_settled(&self, paper: &PaperSource) -> bool {
        match &paper.front.trusts {
            Some(list) => list.iter().all(|s| self.trust(&s.value).is_some()),
            None => self.unreadable_trusts.is_empty(),
        }
    }

    pub(crate) fn trust_ids(&self) -> impl Iterator<Item = &str> {
        self.trusts.iter().map(|t| t.id.as_str())
    }
}

impl Trust {
    /// "Trust Public Board – 28 November 2023", or for a confidential
    /// paper "Trust Private Board – 28 November 2023".
    pub(crate) fn meeting_line(&self, confidential: bool) -> String {
        let board = if confidential {
            &self.private_board
        } else {
            &self.board
        };
        match &self.meeting {
            Some(d) => format!("{board} – {}", d.long()),
            None => board.clone(),
        }
    }

    /// The trust's file, relative to the project (`trusts/lpt.yaml`).
    pub(crate) fn file(&self) -> PathBuf {
        std::path::Path::new("trusts").join(format!("{}.yaml", self.id))
    }

    /// The paper's agenda item number ("3", "7.1") when the agenda names it.
    pub(crate) fn agenda_number(&self, paper: &str) -> Option<&str> {
        self.agenda.paper_item(paper).map(|i| i.number.as_str())
    }
}
