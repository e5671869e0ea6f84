//! Fidelity to the published papers: every paragraph and list item of a
//! reference text (tests/fixtures/reference, published NHS board papers)
//! is found verbatim, in order, in the text `pdftotext` extracts from a
//! trust's PDF copy of the demo paper. The few deliberate differences are
//! listed by name; any other difference fails.
//!
//! Normalised on both sides: whitespace runs, typographic quotes, a spaced
//! hyphen as a spaced en dash, Markdown's `**`. Left out of the reference:
//! the governance tables (tab-separated cells, checked by the demo and
//! governance tests) and two extraction artefacts of the reference: the
//! same line twice in a row (a text box over its heading), and a bullet
//! glyph read as the letter "o" at the start of a sub-bullet. Left out of the PDF:
//! each page's running header and footer (the first two and last two
//! lines of a page).

mod common;

use std::path::Path;

use common::Project;

fn norm(s: &str) -> String {
    let s = s
        .replace("**", "")
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(" - ", " – ");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The reference's paragraphs and list items, in order.
fn reference_items(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reference")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut items: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.contains('\t') || line.contains("<p>") {
            continue;
        }
        let line = line.trim();
        let line = match line.strip_prefix("- ").or_else(|| line.strip_prefix("• ")) {
            // "- o Identify ...": a sub-bullet glyph the extraction kept.
            Some(item) => item.strip_prefix("o ").unwrap_or(item),
            None => line,
        };
        let item = norm(line);
        if items.last() != Some(&item) {
            items.push(item);
        }
    }
    items
}

/// The PDF's text without page furniture, normalised.
fn pdf_text(p: &Project, pdf: &str) -> String {
    let text = p.pdftotext(&[], pdf);
    let mut kept = Vec::new();
    for page in text.split('\u{c}') {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.len() > 4 {
            kept.extend_from_slice(&lines[2..lines.len() - 2]);
        }
    }
    norm(&kept.join(" "))
}

/// The reference items not found in order in the copy.
fn missing(reference: &str, p: &Project, pdf: &str) -> Vec<String> {
    let text = pdf_text(p, pdf);
    let mut at = 0;
    let mut out = Vec::new();
    for item in reference_items(reference) {
        match text[at..].find(&item) {
            Some(i) => at += i + item.len(),
            None => out.push(item),
        }
    }
    out
}

fn built() -> Project {
    let p = Project::fixture("demo");
    let run = p.run(&[
        "build", "--format", "pdf", "--trust", "lpt", "--trust", "nhft",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    p
}

#[test]
fn ema_update_lpt_copy_says_what_the_reference_says() {
    let p = built();
    let items = reference_items("ema-common-board-paper-2023-11.txt");
    assert!(
        items.len() > 250,
        "the reference is read: {} items",
        items.len()
    );
    let missing = missing(
        "ema-common-board-paper-2023-11.txt",
        &p,
        "build/lpt/ema-update.pdf",
    );
    let deliberate: [&str; 0] = [];
    let unexpected: Vec<&String> = missing
        .iter()
        .filter(|m| !deliberate.contains(&m.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "not found verbatim and in order: {unexpected:#?}"
    );
}

/// What the group-highlight copies deliberately leave out: the reference's
/// cover line joins the meeting and the title ("Trust Board January 2023
/// Leicestershire ...") where every copy sets its own trust's meeting line
/// (this demo cycle's meeting, "Trust Public Board – 28 November 2023")
/// and the title apart, with the agenda item between them. The meeting is
/// each trust's own; the title is the paper's.
const GROUP_HIGHLIGHT_DELIBERATE: [&str; 1] = [
    "Trust Board January 2023 Leicestershire Partnership & Northamptonshire Healthcare Group Chairs' Joint Highlight Report",
];

#[test]
fn group_highlight_copies_say_what_the_reference_says() {
    let p = built();
    for trust in ["lpt", "nhft"] {
        let missing = missing(
            "lpt-nhft-chairs-highlight-2023-01.txt",
            &p,
            &format!("build/{trust}/group-highlight.pdf"),
        );
        let unexpected: Vec<&String> = missing
            .iter()
            .filter(|m| !GROUP_HIGHLIGHT_DELIBERATE.contains(&m.as_str()))
            .collect();
        assert!(
            unexpected.is_empty(),
            "{trust}: not found verbatim and in order: {unexpected:#?}"
        );
    }
}

#[test]
fn a_changed_word_is_caught() {
    let p = built();
    p.edit(
        "papers/ema-update/paper.md",
        "Board members are asked to",
        "Members are asked to",
    );
    let run = p.run(&[
        "build",
        "--format",
        "pdf",
        "--trust",
        "lpt",
        "--paper",
        "ema-update",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let missing = missing(
        "ema-common-board-paper-2023-11.txt",
        &p,
        "build/lpt/ema-update.pdf",
    );
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert!(missing[0].starts_with("Action and recommendation 3 – Board members are asked to"));
}

#[test]
fn a_missing_cover_table_is_caught() {
    let p = built();
    p.edit(
        "papers/group-highlight/paper.md",
        "governance-tables: [lpt, nhft]",
        "governance-tables: [lpt]",
    );
    let run = p.run(&[
        "build",
        "--format",
        "pdf",
        "--trust",
        "nhft",
        "--paper",
        "group-highlight",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let missing = missing(
        "lpt-nhft-chairs-highlight-2023-01.txt",
        &p,
        "build/nhft/group-highlight.pdf",
    );
    let unexpected: Vec<&String> = missing
        .iter()
        .filter(|m| !GROUP_HIGHLIGHT_DELIBERATE.contains(&m.as_str()))
        .collect();
    assert_eq!(unexpected, ["NHFT Trust Governance Table"]);
}
