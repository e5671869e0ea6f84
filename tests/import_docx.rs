//! `boardpaper import FILE.docx` on Word documents written by real writers
//! (tests/fixtures/docx, made by its make.sh with LibreOffice and Pandoc):
//! the paper it writes (golden files), that `check` accepts it and every
//! receiving trust's copy builds, what it reports and where, the refusal
//! of tracked changes and comments, `--force`, determinism, and the round
//! trip of the demo's papers (boardpaper's HTML → LibreOffice's Word
//! document → import → build) counted paragraph by paragraph against the
//! original PDFs, as tests/fidelity.rs counts.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_golden, json_lines, Project};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx")
        .join(name)
}

fn docx(name: &str) -> String {
    fixture(name).to_string_lossy().into_owned()
}

/// The import fixture project, with nothing in papers/.
fn project() -> Project {
    let p = Project::from_dir(&fixture("project"));
    let _ = std::fs::remove_file(p.path().join("papers/.keep"));
    p
}

fn norm(s: &str) -> String {
    let s = s
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The PDF's text without each page's running header and footer (its
/// first two and last two lines), normalised into one string.
fn pdf_text(p: &Project, pdf: &str) -> String {
    let text = p.pdftotext(&[], pdf);
    let mut kept = Vec::new();
    for page in text.split('\u{c}') {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.len() > 4 {
            kept.extend_from_slice(&lines[2..lines.len() - 2]);
        }
    }
    norm(&kept.join("\n"))
}

/// The paragraphs of `reference` found verbatim in `text`: (found, all, missing).
fn verbatim(reference: &[String], text: &str) -> (usize, usize, Vec<String>) {
    let missing: Vec<String> = reference
        .iter()
        .filter(|p| !text.contains(p.as_str()))
        .cloned()
        .collect();
    (reference.len() - missing.len(), reference.len(), missing)
}

/// A note's number after punctuation ("winter.2 The") left out: LibreOffice's
/// text export numbers every note 1.
fn without_note_numbers(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        out.push(chars[i]);
        let mark = matches!(chars[i], '.' | ',' | ';' | ':');
        if mark && i > 0 && chars[i - 1].is_alphabetic() {
            let digits = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if digits > 0 && chars.get(i + 1 + digits).is_none_or(|c| c.is_whitespace()) {
                i += digits;
            }
        }
        i += 1;
    }
    out
}

/// LibreOffice's own text of a fixture's body (from its first heading), a
/// paragraph a line: list labels and bullets left out, "Appendix A:"
/// written as the build titles an appendix ("Appendix A –").
fn reference_lines(txt: &str, first_heading: &str) -> Vec<String> {
    let text = std::fs::read_to_string(fixture(txt)).unwrap_or_default();
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| {
            let l = l.trim().trim_start_matches(['•', '◦', '▪']).trim();
            let label = l.split_once(' ').filter(|(n, _)| {
                n.len() <= 3
                    && n.ends_with(['.', ')'])
                    && n[..n.len() - 1].chars().all(|c| c.is_ascii_alphanumeric())
            });
            norm(label.map_or(l, |(_, rest)| rest))
        })
        .skip_while(|l| l != first_heading)
        .filter(|l| !l.is_empty())
        .map(|l| without_note_numbers(&l.replacen("Appendix A:", "Appendix A \u{2013}", 1)))
        .collect()
}

/// Imports, checks (exit 0) and builds every trust's copy; returns the
/// import's run.
fn import_and_build(p: &Project, args: &[&str]) -> common::Run {
    let run = p.run(args);
    assert_eq!(run.code, 0, "import failed:\n{}", run.stderr);
    let check = p.run(&["check"]);
    assert_eq!(check.code, 0, "check failed:\n{}", check.stderr);
    let build = p.run(&["build", "--no-packs"]);
    assert_eq!(build.code, 0, "build failed:\n{}", build.stderr);
    run
}

#[test]
fn a_pandoc_paper_imports_checks_and_builds_with_its_cover_sheet_as_front_matter() {
    let p = project();
    let run = import_and_build(&p, &["import", &docx("pandoc-paper.docx")]);
    assert!(
        run.stdout
            .contains("papers/winter-resilience-update/paper.md"),
        "{}",
        run.stdout
    );
    let paper = p.read("papers/winter-resilience-update/paper.md");
    assert_golden("import/pandoc-paper.md", &paper);
    for file in ["appendix-a-data-sources.md", "appendix-b-glossary.md"] {
        let text = p.read(&format!("papers/winter-resilience-update/{file}"));
        assert_golden(&format!("import/pandoc-{file}"), &text);
    }
    let png = std::fs::read(p.path().join("papers/winter-resilience-update/image-1.png"));
    assert_eq!(
        png.ok(),
        std::fs::read(fixture("chart.png")).ok(),
        "the picture's bytes"
    );
    // The cover sheet's row that matches no trust's row is kept and reported.
    assert!(paper.contains("**Previously considered by**"));
    assert!(
        run.stderr
            .contains("warning[BP047]: paragraph 3: cover-sheet row `Previously considered by`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("paragraph 50: table: 2 merged cells"),
        "{}",
        run.stderr
    );
    // The cover sheet's values, each in the copies of the trusts whose
    // rows or fields they fill, as each trust labels them.
    let north = pdf_text(&p, "build/north/winter-resilience-update.pdf");
    let south = pdf_text(&p, "build/south/winter-resilience-update.pdf");
    for (text, words) in [
        (&north, "For Board and Board Committees: Trust Board"),
        (
            &north,
            "Executive lead: Jane Smith, Chief Operating Officer",
        ),
        (&north, "Author: Sam Jones, Head of Operations"),
        (&south, "Report author: Sam Jones, Head of Operations"),
        (&north, "12 March 2024"),
        (&south, "BAF 3: urgent care capacity"),
        (&south, "Report reference: BD/24/031"),
        (
            &north,
            "To update the Board on how the winter plan performed and what it cost.",
        ),
        (&south, "Approve the plan for next winter"),
    ] {
        assert!(text.contains(words), "{words:?} not in the copy:\n{text}");
    }
    for trust in ["north", "south"] {
        let text = without_note_numbers(&pdf_text(
            &p,
            &format!("build/{trust}/winter-resilience-update.pdf"),
        ));
        let reference = reference_lines("pandoc-paper.txt", "Introduction");
        let (found, all, missing) = verbatim(&reference, &text);
        assert!(
            found * 100 >= all * 98,
            "{trust}: {found}/{all} verbatim; missing: {missing:#?}"
        );
    }
}

#[test]
fn a_libreoffice_paper_reports_each_thing_it_does_not_carry_at_its_paragraph() {
    let p = project();
    let run = import_and_build(
        &p,
        &["import", &docx("lo-paper.docx"), "--message-format", "json"],
    );
    let paper = p.read("papers/workforce-plan-2024-25/paper.md");
    assert_golden("import/lo-paper.md", &paper);
    let lines = json_lines(&run.stdout);
    let said = |code: &str, line: u64, words: &str| {
        lines.iter().any(|v| {
            v["code"] == code
                && v["line"] == line
                && v["message"].as_str().is_some_and(|m| m.contains(words))
        })
    };
    for (code, line, words) in [
        (
            "BP045",
            26,
            "hidden text dropped: \"Internal note: draft figures.\"",
        ),
        ("BP045", 38, "field PAGE dropped"),
        ("BP045", 38, "an endnote made a footnote"),
        ("BP045", 39, "merged cells"),
        (
            "BP045",
            51,
            "a text box's text placed after its paragraph: \"Boxed call-out text\"",
        ),
        ("BP047", 3, "cover-sheet row `Equality impact`"),
    ] {
        assert!(
            said(code, line, words),
            "no {code} at paragraph {line} saying {words:?} in\n{}",
            run.stdout
        );
    }
    let summary = lines
        .iter()
        .find(|v| v["type"] == "summary")
        .cloned()
        .unwrap_or_default();
    assert_eq!(summary["paper"], "workforce-plan-2024-25");
    assert!(
        lines
            .iter()
            .any(|v| v["type"] == "source"
                && v["path"] == "papers/workforce-plan-2024-25/image-1.png")
    );
    let text = without_note_numbers(&pdf_text(&p, "build/north/workforce-plan-2024-25.pdf"));
    // The hidden text and the page number are dropped on purpose (reported).
    let reference: Vec<String> = reference_lines("lo-paper.txt", "Summary")
        .into_iter()
        .filter(|l| !l.contains("Internal note") && !l.contains("page 0 of"))
        .collect();
    let (found, all, missing) = verbatim(&reference, &text);
    assert!(
        found * 100 >= all * 98,
        "{found}/{all} verbatim; missing: {missing:#?}"
    );
}

#[test]
fn tracked_changes_and_comments_are_refused_with_their_places_and_nothing_is_written() {
    let p = project();
    let run = p.run(&["import", &docx("lo-changes.docx")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[BP046]: the document has 2 tracked change(s) and 1 comment(s)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "tracked change at paragraph 3: inserted \"fifty-eight\" in \"The estate has"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("comment at paragraph 4: comment \"Please check this figure with Finance.\""),
        "{}",
        run.stderr
    );
    assert!(
        common::files_under(&p.path().join("papers")).is_empty(),
        "something was written"
    );
    let run = p.run(&["import", &docx("lo-changes.docx"), "--accept-changes"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let paper = p.read("papers/estates-strategy-refresh/paper.md");
    assert!(
        paper.contains("The estate has fifty-eight buildings across the county."),
        "{paper}"
    );
    assert!(!paper.contains("sixty"));
    assert!(
        run.stderr
            .contains("paragraph 4: comment removed: \"Please check this figure with Finance.\""),
        "{}",
        run.stderr
    );
}

#[test]
fn an_existing_paper_is_replaced_only_with_force_and_imports_are_deterministic() {
    let p = project();
    let args = ["import", &docx("lo-paper.docx"), "--paper", "workforce"];
    assert_eq!(p.run(&args).code, 0);
    let first: Vec<(PathBuf, Vec<u8>)> = snapshot(&p);
    p.write("papers/workforce/paper.md", "edited by hand");
    let again = p.run(&args);
    assert_eq!(again.code, 2);
    assert!(
        again
            .stderr
            .contains("paper `workforce` already exists: nothing was changed"),
        "{}",
        again.stderr
    );
    assert_eq!(p.read("papers/workforce/paper.md"), "edited by hand");
    let forced = p.run(&[&args[..], &["--force"]].concat());
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let second: Vec<(PathBuf, Vec<u8>)> = snapshot(&p);
    assert!(first == second, "a second import wrote different files");
}

/// Every file under papers/, sorted, with its bytes.
fn snapshot(p: &Project) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = common::files_under(&p.path().join("papers"))
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(&f).unwrap_or_default()))
        .collect();
    files.sort();
    files
}

#[test]
fn only_the_trusts_asked_for_receive_the_paper() {
    let p = project();
    let run = p.run(&[
        "import",
        &docx("pandoc-paper.docx"),
        "--trusts",
        "north",
        "--paper",
        "winter",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let paper = p.read("papers/winter/paper.md");
    assert!(paper.contains("trusts: [north]"));
    assert!(
        !paper.contains("baf:"),
        "south's own row for a paper south does not receive"
    );
    assert!(
        paper.contains("**Report reference**"),
        "south's header field stays in the body"
    );
    let bad = p.run(&["import", &docx("pandoc-paper.docx"), "--trusts", "nort"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("no trust `nort` in trusts/ (did you mean `north`?)"),
        "{}",
        bad.stderr
    );
}

/// The demo's papers, built to HTML for LPT and turned into Word by
/// LibreOffice, imported back: each paragraph of the original PDF is
/// looked for, verbatim, in the imported paper's PDF.
#[test]
fn the_demo_papers_round_trip_through_word_with_their_paragraphs() {
    let original = Project::fixture("demo");
    let build = original.run(&["build", "--trust", "lpt", "--format", "pdf", "--no-packs"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let imported = Project::fixture("demo");
    for paper in ["ema-update", "group-highlight"] {
        std::fs::remove_dir_all(imported.path().join("papers").join(paper)).unwrap_or_default();
        let file = docx(&format!("roundtrip/{paper}.docx"));
        let run = imported.run(&["import", &file, "--paper", paper, "--trusts", "lpt"]);
        assert_eq!(run.code, 0, "{paper}: {}", run.stderr);
    }
    let check = imported.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let build = imported.run(&["build", "--trust", "lpt", "--format", "pdf", "--no-packs"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    for paper in ["ema-update", "group-highlight"] {
        let pdf = format!("build/lpt/{paper}.pdf");
        let raw = original.pdftotext(&[], &pdf);
        let reference: Vec<String> = paragraphs(&raw);
        let (found, all, missing) = verbatim(&reference, &pdf_text(&imported, &pdf));
        eprintln!("{paper}: {found} of {all} paragraphs verbatim");
        assert!(
            found * 100 >= all * 98,
            "{paper}: {found}/{all} verbatim; missing: {missing:#?}"
        );
    }
}

/// pdftotext's paragraphs (blocks between blank lines), each page's
/// running header and footer left out.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for page in text.split('\u{c}') {
        let lines: Vec<&str> = page.lines().collect();
        let filled: Vec<usize> = (0..lines.len())
            .filter(|&i| !lines[i].trim().is_empty())
            .collect();
        if filled.len() <= 4 {
            continue;
        }
        let body = &lines[filled[2]..=filled[filled.len() - 3]];
        out.extend(
            body.split(|l| l.trim().is_empty())
                .map(|b| norm(&b.join("\n")))
                .filter(|p| !p.is_empty()),
        );
    }
    out
}
