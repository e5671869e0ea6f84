//! Diagnostics are data: every problem found in the sources, with the file,
//! line and column it comes from, a stable code, and a hint where the fix is
//! obvious. Stages return them instead of failing, so one pass reports all.

pub(crate) mod suggest;

use std::path::PathBuf;

use crate::source::{Pos, Source};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Stable diagnostic codes, listed with examples in README.md.
/// Kept in the build cache with the warnings of cached outputs, by name.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Code {
    /// YAML that does not parse, or a value of the wrong type.
    Yaml = 1,
    /// A key the format does not know (a typo, usually).
    UnknownKey = 2,
    UnknownTrust = 3,
    UnknownFrameworkItem = 4,
    UnknownObjective = 5,
    DuplicateId = 6,
    AssuranceOffScale = 7,
    MissingGovernance = 8,
    UnknownGovernanceKey = 9,
    BadDate = 10,
    UndefinedRecommendation = 11,
    UnplacedRecommendation = 12,
    RecommendationPlacedTwice = 13,
    Template = 14,
    RawHtml = 15,
    ImageAlt = 16,
    ImagePath = 17,
    BadId = 18,
    Project = 19,
    Io = 20,
    FrontMatter = 21,
    LinkScheme = 22,
    MissingGlyph = 23,
    TemplateOverride = 24,
    Encoding = 25,
    MissingField = 26,
    UnknownPaper = 27,
    /// Markdown nested too deeply, or a table too large.
    TooComplex = 28,
    /// The template pass ran too long or produced too much text.
    TemplateBudget = 29,
    /// An image whose header declares absurd dimensions.
    ImageTooLarge = 30,
    /// (Warning) text left from `boardpaper new`'s skeleton, or `objectives: []`.
    Placeholder = 31,
    /// (warning) An accent colour with less than 4.5:1 contrast on white.
    AccentContrast = 32,
    /// (warning) A paper's `fields`/`sections` key that no trust it goes
    /// to shows on its front sheet: it would be silently dropped.
    UnusedFrontSheetKey = 33,
    /// A section of a trust's front sheet that a paper going to it
    /// gives no content.
    MissingSection = 34,
    /// An agenda entry that is not an item (both a paper and a file, or
    /// neither and no title), a second Part II marker, or a bad `file`.
    Agenda = 35,
    /// A draft paper (or a draft cycle) in a final build.
    Draft = 36,
    /// A table caption's attribute block (`{.landscape widths=1,2}`) that
    /// cannot be used.
    TableAttribute = 37,
    /// After `build --public`, a file in the output folder that names a
    /// confidential paper, or that cannot be checked (unreadable, too
    /// large, neither text nor a PDF that can be read).
    PublicLeak = 38,
    /// An output folder among the project's sources (the project root,
    /// `trusts/`, `papers/`, `templates/`), in `.git` or in `.boardpaper`.
    OutputFolder = 41,
    /// A document or board pack over the page limit, or an agenda over
    /// the item limit.
    TooLarge = 42,
    /// `import`: a .docx that cannot be read (not a zip, a bound passed,
    /// XML that does not parse, an entity declaration, a FIFO or symlink).
    ImportUnreadable = 44,
    /// (warning) `import`: something of the Word document not carried
    /// over as it was (hidden text, a field, a text box, merged cells).
    ImportDropped = 45,
    /// `import`: tracked changes or comments, refused without `--accept-changes`.
    ImportRevisions = 46,
    /// (warning) `import`: a cover-sheet row that matches no front-matter
    /// key (kept in the body), or a required row the cover sheet lacks.
    ImportCoverRow = 47,
    /// A meeting (`<trust>/<date>`) that is not one of the trust's meetings.
    UnknownMeeting = 48,
    /// An action's dates that cannot be: due before the meeting that
    /// raised it, closed with no closing date (or before it was raised).
    ActionDates = 49,
    /// (warning) A next update or an action due at no planned meeting.
    NoMeetingPlanned = 50,
    /// (warning) A paper still a draft past its trust's publication deadline.
    PastDeadline = 51,
    /// An action's status other than `open` or `closed`; (warning) a
    /// minutes item after a later one, out of the agenda's order.
    ActionValue = 52,
    /// (Warning) a body line indented by a tab or four spaces, which
    /// Markdown makes a code block: monospaced, unwrapped.
    IndentedCode = 56,
    /// An agenda item's own PDF (`file:`) that cannot go into the pack
    /// (missing, outside the project, encrypted or damaged, a build's
    /// output); (warning) one whose structure cannot be kept as it is
    /// (untagged, a structure tree that loops).
    OwnPdf = 58,
    /// (warning) The build state in `.boardpaper/` that cannot be read,
    /// whose record is not signed by this project's builds, or that
    /// cannot be saved.
    BuildState = 59,
}

impl Code {
    pub fn id(self) -> String {
        format!("BP{:03}", self as u8)
    }
}

/// One problem, located in a source file. (De)serialisable so the build
/// cache can replay the warnings of outputs it does not re-render.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// Project-relative file name.
    pub file: PathBuf,
    pub(crate) pos: Pos,
    /// Where the problem ends (exclusive column), when known: the caret
    /// covers `pos..end` and JSON output carries both.
    #[serde(default)]
    pub(crate) end: Option<Pos>,
    pub hint: Option<String>,
    /// The source line, for the caret display.
    pub(crate) snippet: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(
        code: Code,
        file: impl Into<PathBuf>,
        pos: Pos,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: file.into(),
            pos,
            end: None,
            hint: None,
            snippet: None,
        }
    }

    pub(crate) fn warning(
        code: Code,
        file: impl Into<PathBuf>,
        pos: Pos,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, pos, message)
        }
    }

    /// An error at `pos` in `src`, carrying the source line for display.
    pub(crate) fn at(code: Code, src: &Source, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic::error(code, src.name.clone(), pos, message).with_snippet(src)
    }

    pub(crate) fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    pub(crate) fn with_snippet(mut self, src: &Source) -> Self {
        self.snippet = src.line_text(self.pos.line).map(str::to_owned);
        if self.end.is_none() {
            self.end = self
                .snippet
                .as_deref()
                .map(|line| token_end(line, self.pos));
        }
        self
    }

    /// Sets where the problem ends (ignored unless after the start).
    pub(crate) fn with_end(mut self, end: Pos) -> Self {
        if end > self.pos {
            self.end = Some(end);
        }
        self
    }

    /// The end position: the known one, else the start.
    pub fn end(&self) -> (u32, u32) {
        let e = self.end.unwrap_or(self.pos);
        (e.line, e.col)
    }

    /// The start position (line, column), 1-based.
    pub fn start(&self) -> (u32, u32) {
        (self.pos.line, self.pos.col)
    }

    pub(crate) fn into_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The end of the token starting at `pos` on `line` (its text): a quoted
/// string to its closing quote, else up to whitespace or YAML punctuation
/// (`key:`, `[a, b]`). At least one character.
fn token_end(line: &str, pos: Pos) -> Pos {
    let rest: Vec<char> = line
        .chars()
        .skip(pos.col.saturating_sub(1) as usize)
        .collect();
    let len = match rest.first() {
        None => 0,
        Some(&q @ ('"' | '\'')) => rest[1..]
            .iter()
            .position(|&c| c == q)
            .map_or(rest.len(), |i| i + 2),
        Some(_) => rest
            .iter()
            .enumerate()
            .position(|(i, &c)| {
                c.is_whitespace()
                    || matches!(c, ',' | ']' | '}')
                    || (c == ':' && rest.get(i + 1).is_none_or(|n| n.is_whitespace()))
            })
            .unwrap_or(rest.len()),
    };
    Pos::new(pos.line, pos.col + len.max(1) as u32)
}

/// Sorts diagnostics by file and position and drops exact duplicates (the same
/// problem found while resolving several trusts' variants).
/// The project's settings file (`project::CONFIG_FILE` is this name).
pub(crate) const CONFIG_FILE: &str = "boardpaper.yaml";

/// Where a file stands in the order sources depend on one another:
/// `boardpaper.yaml`, then the trust files, then the rest (papers,
/// templates). Sorting by it puts a cause before what it explains.
fn rank(file: &std::path::Path) -> u8 {
    if file == std::path::Path::new(CONFIG_FILE) {
        0
    } else if file.starts_with("trusts") {
        1
    } else {
        2
    }
}

pub(crate) fn tidy(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (rank(&a.file), &a.file, a.pos, a.code, &a.message).cmp(&(
            rank(&b.file),
            &b.file,
            b.pos,
            b.code,
            &b.message,
        ))
    });
    diags.dedup_by(|a, b| {
        a.file == b.file && a.pos == b.pos && a.code == b.code && a.message == b.message
    });
}
