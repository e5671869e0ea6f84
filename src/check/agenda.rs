//! A trust's agenda, checked: every entry an item with its number, what it
//! is (a common paper, business that is not a paper, one of the trust's
//! own PDF papers), who presents it, its purpose and time, and whether it
//! is Part II business.
//!
//! Numbers: an item keeps the number the trust wrote (`item: "7.1"`); one
//! without follows the item before it (after "7" or "7.1" comes "8"), and
//! the first is "1". Errors are located at the entry: an unknown paper, an
//! item that is both a paper and a file or neither and has no title, a
//! number or paper given twice, a second Part II marker, a file that is
//! not a project-relative `.pdf`.

use std::path::{Component, Path, PathBuf};

use crate::diag::{Code, Diagnostic};
use crate::project::{AgendaEntry, ItemSpec};
use crate::source::{Pos, Source};
use crate::yaml::{self, Spanned};

/// The trust's agenda for the cycle.
#[derive(Debug, Clone, Default, Hash)]
pub(crate) struct Agenda {
    pub(crate) items: Vec<AgendaItem>,
    /// The heading of the Part II section, when the agenda marks one.
    pub(crate) part_ii_heading: Option<String>,
}

/// One agenda item.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub(crate) struct AgendaItem {
    /// "7.1", as the trust numbers it.
    pub(crate) number: String,
    pub(crate) what: ItemKind,
    /// Written title; a paper's item takes the paper's title when absent.
    pub(crate) title: Option<String>,
    pub(crate) presenter: Option<String>,
    pub(crate) purpose: Option<String>,
    pub(crate) time: Option<String>,
    /// After the agenda's Part II marker.
    pub(crate) part_ii: bool,
    /// Where the entry is written in the trust file.
    pub(crate) pos: Pos,
}

/// What an agenda item is.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// A common paper, by id.
    Paper(String),
    /// Business that is not a paper (apologies, minutes, questions).
    Business,
    /// One of the trust's own PDF papers, relative to the project root.
    File(PathBuf),
}

/// The default heading of the Part II section.
pub(crate) const PART_II: &str = "Part II – items to be considered in private";

impl Agenda {
    /// The item of `paper`, when the agenda names it.
    pub(crate) fn paper_item(&self, paper: &str) -> Option<&AgendaItem> {
        self.items
            .iter()
            .find(|i| matches!(&i.what, ItemKind::Paper(p) if p == paper))
    }

    /// `paper`'s place among the items (for ordering), when named.
    pub(crate) fn paper_position(&self, paper: &str) -> Option<usize> {
        self.items
            .iter()
            .position(|i| matches!(&i.what, ItemKind::Paper(p) if p == paper))
    }
}

/// Most entries one agenda may have (a board meeting has a few dozen), so
/// its pack front pages and index page stay within their budgets.
pub(crate) const MAX_ITEMS: usize = 500;

/// Checks `entries` of the trust file `src` against the project's `papers`.
pub(crate) fn check(
    entries: &[Spanned<AgendaEntry>],
    src: &Source,
    papers: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Agenda {
    let mut agenda = Agenda::default();
    let mut part_ii = false;
    for (n, entry) in entries.iter().enumerate() {
        let pos = yaml::pos(entry, 0);
        if n == MAX_ITEMS {
            diags.push(
                Diagnostic::at(
                    Code::TooLarge,
                    src,
                    pos,
                    format!("an agenda may have at most {MAX_ITEMS} entries: this is one more (the rest are not read)"),
                )
                .with_hint(Some("split the business over several meetings".into())),
            );
            break;
        }
        let spec = match &entry.value {
            AgendaEntry::PartII(heading) => {
                if part_ii {
                    diags.push(Diagnostic::at(
                        Code::Agenda,
                        src,
                        pos,
                        "the agenda marks the start of Part II twice",
                    ));
                }
                part_ii = true;
                agenda.part_ii_heading = Some(
                    heading
                        .clone()
                        .filter(|h| !h.trim().is_empty())
                        .unwrap_or_else(|| PART_II.to_owned()),
                );
                continue;
            }
            AgendaEntry::Paper(id) => ItemSpec {
                paper: Some(Spanned::new(id.clone(), entry.referenced, entry.defined)),
                ..ItemSpec::default()
            },
            AgendaEntry::Item(spec) => (**spec).clone(),
        };
        let Some(what) = kind(&spec, pos, src, papers, diags) else {
            continue;
        };
        let number = number(&spec, &agenda.items, src, diags);
        if agenda.items.iter().any(|i| i.number == number) {
            diags.push(Diagnostic::at(
                Code::DuplicateId,
                src,
                spec.item.as_ref().map_or(pos, |n| yaml::pos(n, 0)),
                format!("agenda item {number} is numbered twice"),
            ));
        }
        if matches!(what, ItemKind::Paper(_)) && agenda.items.iter().any(|i| i.what == what) {
            diags.push(Diagnostic::at(
                Code::DuplicateId,
                src,
                pos,
                "this paper is already on the agenda",
            ));
            continue;
        }
        agenda.items.push(AgendaItem {
            number,
            what,
            title: spec.title.clone(),
            presenter: spec.presenter.clone(),
            purpose: spec.purpose.clone(),
            time: spec.time.clone(),
            part_ii,
            pos,
        });
    }
    agenda
}

/// What the entry is, or `None` (reported) when it is not a valid item.
fn kind(
    spec: &ItemSpec,
    pos: Pos,
    src: &Source,
    papers: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<ItemKind> {
    match (&spec.paper, &spec.file) {
        (Some(_), Some(_)) => {
            diags.push(Diagnostic::at(
                Code::Agenda,
                src,
                pos,
                "an agenda item is a common paper (`paper`) or one of the trust's own \
                 PDF papers (`file`), not both",
            ));
            None
        }
        (Some(p), None) if papers.contains(&p.value) => Some(ItemKind::Paper(p.value.clone())),
        (Some(p), None) => {
            diags.push(super::problems::unknown(
                Code::UnknownPaper,
                src,
                yaml::pos(p, 0),
                "paper",
                &p.value,
                papers.iter().map(String::as_str),
                "papers/",
            ));
            None
        }
        (None, Some(f)) => file(f, src, diags).map(ItemKind::File),
        (None, None) if spec.title.as_deref().is_some_and(|t| !t.trim().is_empty()) => {
            Some(ItemKind::Business)
        }
        (None, None) => {
            diags.push(
                Diagnostic::at(
                    Code::Agenda,
                    src,
                    pos,
                    "an agenda item needs a `paper`, a `file` or a `title`",
                )
                .with_hint(Some(
                    "business that is not a paper (apologies, minutes) needs its `title`".into(),
                )),
            );
            None
        }
    }
}

/// A trust's own PDF paper: a relative path inside the project, `.pdf`.
fn file(f: &Spanned<String>, src: &Source, diags: &mut Vec<Diagnostic>) -> Option<PathBuf> {
    let path = Path::new(f.value.trim());
    let inside = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let pdf = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if inside && pdf && !f.value.trim().is_empty() {
        return Some(path.to_path_buf());
    }
    let why = if inside {
        "an agenda `file` must be a PDF (`.pdf`)"
    } else {
        "an agenda `file` must be a path inside the project, relative to it, without `..`"
    };
    diags.push(Diagnostic::at(Code::Agenda, src, yaml::pos(f, 0), why));
    None
}

/// The item's number: as written, else one more than the leading number of
/// the item before ("7.1" → "8"), else its place on the agenda.
fn number(
    spec: &ItemSpec,
    before: &[AgendaItem],
    src: &Source,
    diags: &mut Vec<Diagnostic>,
) -> String {
    if let Some(n) = &spec.item {
        let written = n.value.trim();
        if !written.is_empty() && written.len() <= 16 {
            return written.to_owned();
        }
        diags.push(Diagnostic::at(
            Code::Agenda,
            src,
            yaml::pos(n, 0),
            "an agenda item number is up to 16 characters (\"7\", \"7.1\", \"7a\")",
        ));
    }
    let lead = |n: &str| -> Option<u64> {
        let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    before
        .last()
        .and_then(|b| lead(&b.number))
        .and_then(|n| n.checked_add(1))
        .map_or_else(|| (before.len() + 1).to_string(), |n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agenda(yaml_text: &str) -> (Agenda, Vec<Diagnostic>) {
        let src = Source::new("trusts/t.yaml".into(), yaml_text);
        let entries: Vec<Spanned<AgendaEntry>> = yaml::parse(&src, yaml_text, 0).unwrap();
        let mut diags = Vec::new();
        let papers = ["alpha".to_owned(), "beta".to_owned()];
        (check(&entries, &src, &papers, &mut diags), diags)
    }

    fn numbers(a: &Agenda) -> Vec<&str> {
        a.items.iter().map(|i| i.number.as_str()).collect()
    }

    #[test]
    fn bare_ids_are_numbered_in_order() {
        let (a, diags) = agenda("- alpha\n- beta\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(numbers(&a), ["1", "2"]);
        assert_eq!(a.paper_item("beta").map(|i| i.number.as_str()), Some("2"));
        assert_eq!(a.paper_position("alpha"), Some(0));
    }

    #[test]
    fn written_numbers_are_kept_and_the_next_follows_them() {
        let text = "- item: 1\n  title: Apologies\n  time: 09:30\n\
                    - item: \"7.1\"\n  paper: alpha\n  presenter: Chair\n  purpose: For approval\n\
                    - beta\n\
                    - part-ii: Private business\n\
                    - item: 12a\n  file: own/finance.pdf\n  title: Finance\n\
                    - title: Any other business\n";
        let (a, diags) = agenda(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(numbers(&a), ["1", "7.1", "8", "12a", "13"]);
        assert_eq!(a.items[0].what, ItemKind::Business);
        assert_eq!(a.items[0].time.as_deref(), Some("09:30"));
        assert_eq!(a.items[1].purpose.as_deref(), Some("For approval"));
        assert_eq!(a.items[3].what, ItemKind::File("own/finance.pdf".into()));
        let part_ii: Vec<bool> = a.items.iter().map(|i| i.part_ii).collect();
        assert_eq!(part_ii, [false, false, false, true, true]);
        assert_eq!(a.part_ii_heading.as_deref(), Some("Private business"));
        assert_eq!(a.items[3].pos, Pos::new(10, 3));
    }

    #[test]
    fn an_empty_part_ii_marker_takes_the_default_heading() {
        let (a, diags) = agenda("- alpha\n- part-ii:\n- beta\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(a.part_ii_heading.as_deref(), Some(PART_II));
        assert!(a.paper_item("beta").is_some_and(|i| i.part_ii));
    }

    #[test]
    fn a_number_without_digits_is_followed_by_its_place() {
        let (a, _) = agenda("- item: A\n  title: Welcome\n- alpha\n");
        assert_eq!(numbers(&a), ["A", "2"]);
    }
}
