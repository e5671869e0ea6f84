//! The demo's PDFs end to end: golden layout dumps for the LPT and NHFT
//! copies, and every PDF checked with poppler (`pdftotext`, `pdffonts`) and
//! `qpdf --check`, which `.ci/run` installs.

mod common;

use std::process::Command;

use common::{assert_golden, Project};

const PDFS: [&str; 8] = [
    "dhcft/ema-update.pdf",
    "lpft/ema-update.pdf",
    "lpt/ema-update.pdf",
    "nhft/ema-update.pdf",
    "nottshc/ema-update.pdf",
    "sah/ema-update.pdf",
    "lpt/group-highlight.pdf",
    "nhft/group-highlight.pdf",
];

fn built() -> Project {
    let p = Project::fixture("demo");
    let run = p.run(&["build", "--format", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    p
}

fn tool(p: &Project, name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .current_dir(p.path())
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test ({e}); .ci/run installs it"));
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `dump-layout` (with `extra` arguments) of LPT's and NHFT's copies of
/// both demo papers against the goldens `<trust>-<paper>.<suffix>`.
fn golden_dumps(extra: &[&str], suffix: &str) {
    let p = Project::fixture("demo");
    for (trust, paper) in [
        ("lpt", "ema-update"),
        ("nhft", "ema-update"),
        ("lpt", "group-highlight"),
        ("nhft", "group-highlight"),
    ] {
        let mut args = vec!["dump-layout", "--trust", trust, "--paper", paper];
        args.extend(extra);
        let run = p.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_golden(&format!("{trust}-{paper}.{suffix}"), &run.stdout);
    }
}

#[test]
fn golden_layout_dumps_for_lpt_and_nhft() {
    golden_dumps(&[], "layout.txt");
}

/// The front sheet's list of appendices links to each appendix (as the
/// HTML does), on the front sheet's own pages, and the paper's title is a
/// bookmark once (the front sheet's bookmark does not repeat it). Checked
/// on both demo papers and on a fixture with two appendices of its own.
#[test]
fn the_front_sheet_links_its_appendices_and_bookmarks_the_title_once() {
    let demo = Project::fixture("demo");
    let tagged = Project::fixture("tagged");
    for (p, trust, paper, title, appendices) in [
        (
            &demo,
            "lpt",
            "ema-update",
            "East Midlands Alliance Common Board Paper",
            1,
        ),
        (&tagged, "alpha", "access", "", 1),
    ] {
        let run = p.run(&["dump-layout", "--trust", trust, "--paper", paper]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        // The front sheet ends where the body's title starts on a new page.
        let body = run
            .stdout
            .find("#paper \"")
            .unwrap_or_else(|| panic!("{paper}: no body bookmark"));
        let front = &run.stdout[..body];
        for letter in ["a", "b"].iter().take(appendices) {
            let link = format!(" #appendix-{letter}\n");
            assert!(
                front
                    .lines()
                    .any(|l| l.starts_with("link ") && l.ends_with(link.trim_end())),
                "{paper}: the front sheet does not link appendix {letter}"
            );
        }
        if !title.is_empty() {
            let marks = run
                .stdout
                .lines()
                .filter(|l| l.starts_with("bookmark ") && l.contains(title))
                .count();
            assert_eq!(marks, 1, "{paper}: the title is bookmarked {marks} times");
        }
    }
}

/// The structure tree layout builds (roles and the text of each element),
/// the shape the tagged PDF will write.
#[test]
fn golden_tag_trees_for_lpt_and_nhft() {
    golden_dumps(&["--tags"], "tags.txt");
}

#[test]
fn every_pdf_passes_qpdf_and_embeds_subset_fonts_with_unicode_maps() {
    let p = built();
    for pdf in PDFS {
        let check = tool(&p, "qpdf", &["--check", &format!("build/{pdf}")]);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{pdf}: {check}"
        );
        let fonts = tool(&p, "pdffonts", &[&format!("build/{pdf}")]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{pdf}: no fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                ["yes", "yes", "yes"],
                "{pdf}: font not embedded+subset+unicode: {row}"
            );
            assert!(cols[0].as_bytes()[6] == b'+', "{pdf}: no subset tag: {row}");
        }
    }
}

#[test]
fn text_reads_in_order_and_special_characters_survive() {
    let p = built();
    for pdf in PDFS {
        let text = tool(&p, "pdftotext", &[&format!("build/{pdf}"), "-"]);
        let info = tool(&p, "pdfinfo", &[&format!("build/{pdf}")]);
        assert!(
            info.contains("Page size:       595.28 x 841.89"),
            "{pdf} is not A4: {info}"
        );
        assert!(text.contains("Page 1 of "), "{pdf}: no page footer");
        let order = [
            "Purpose of the report",
            "Analysis of the issue",
            "Proposal",
            "Decision required",
            "Governance table",
        ];
        let mut at = 0;
        for heading in order {
            let i = text[at..]
                .find(heading)
                .unwrap_or_else(|| panic!("{pdf}: {heading:?} missing or out of order"));
            at += i;
        }
    }
    let lpt = tool(&p, "pdftotext", &["build/lpt/ema-update.pdf", "-"]);
    let sections = [
        "1. Introduction",
        "2. The East Midlands Alliance",
        "3. Vision and strategic objectives",
        "3.1 Agreeing a vision",
        "4. Quality improvement and productivity",
        "5. Enabling safe care",
        "6. Developing our workforce",
        "7. Improving population health",
        "8. Reducing inequalities",
        "9. Review of the regional collaboratives",
        "10. Alliance Communications",
        "11. Actions and recommendations",
        "Appendix A – East Midlands Alliance Vision",
    ];
    let mut at = 0;
    for s in sections {
        at += lpt[at..]
            .find(s)
            .unwrap_or_else(|| panic!("{s:?} missing or out of order"));
    }
    let flat = lpt.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "£800,000",
        "Trust Public Board – 28 November 2023",
        "STEP up to GREAT strategic alignment",
        "Is the decision required consistent with LPT's risk appetite:",
        "Action and recommendation 6 – ",
    ] {
        assert!(flat.contains(needle), "{needle:?} not extracted");
    }
    let nhft = tool(&p, "pdftotext", &["build/nhft/group-highlight.pdf", "-"]);
    assert!(
        nhft.contains("DIGB Q strategic alignment")
            && nhft.contains("Outcome will apply equally to all staff in NHFT")
    );
}

#[test]
fn accented_letters_survive_in_a_pdf() {
    let p = Project::fixture("mini");
    p.edit(
        "papers/update.md",
        "Hello {{ trust.short }}.",
        "Café, naïve résumé – £5 ✓ done.",
    );
    assert_eq!(p.run(&["build", "--format", "pdf"]).code, 0);
    let text = tool(&p, "pdftotext", &["build/alpha/update.pdf", "-"]);
    assert!(text.contains("Café, naïve résumé – £5 ✓ done."), "{text}");
    let fonts = tool(&p, "pdffonts", &["build/alpha/update.pdf"]);
    assert!(
        fonts.contains("DejaVuSans"),
        "✓ set in the fallback: {fonts}"
    );
}

#[test]
fn alignment_ticks_extract_as_each_trusts_own_mark() {
    let p = built();
    let text = tool(&p, "pdftotext", &["build/lpt/ema-update.pdf", "-"]);
    let start = text
        .find("STEP up to GREAT strategic alignment*:")
        .expect("alignment label, as LPT writes it");
    let end = start
        + text[start..]
            .find("Organisational Risk Register")
            .expect("the row after the alignment table");
    let ticks = text[start..end].lines().filter(|l| l.trim() == "X").count();
    assert_eq!(
        ticks,
        7,
        "7 of 9 LPT items marked X:\n{}",
        &text[start..end]
    );
    assert_eq!(text.matches('✓').count(), 0, "LPT marks with X, not ✓");
    let nhft = tool(&p, "pdftotext", &["build/nhft/group-highlight.pdf", "-"]);
    let start = nhft
        .find("DIGB Q strategic alignment*:")
        .expect("NHFT's label");
    let end = start
        + nhft[start..]
            .find("Organisational Risk Register")
            .expect("next row");
    assert_eq!(nhft[start..end].matches('✓').count(), 5, "DIGB Q: all five");
}

#[test]
fn metadata_outline_and_language() {
    let p = built();
    let info = tool(&p, "pdfinfo", &["build/lpt/ema-update.pdf"]);
    assert!(
        info.contains("Title:           East Midlands Alliance Common Board Paper"),
        "{info}"
    );
    assert!(
        info.contains("Author:          David Williams & Graeme Jones"),
        "{info}"
    );
    let raw = std::fs::read(p.path().join("build/lpt/ema-update.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        raw.contains("/Lang (en-GB)") || raw.contains("/Lang(en-GB)"),
        "no /Lang"
    );
    assert!(raw.contains("/Outlines"), "no outline");
    assert!(
        !raw.contains("/CreationDate"),
        "no dates without SOURCE_DATE_EPOCH"
    );
}

#[test]
fn pdfs_are_byte_identical_across_builds_and_thread_counts() {
    let p = Project::fixture("demo");
    assert_eq!(
        p.run(&["build", "--format", "pdf", "--out", "a", "--jobs", "1"])
            .code,
        0
    );
    assert_eq!(
        p.run(&["build", "--format", "pdf", "--out", "b", "--jobs", "4"])
            .code,
        0
    );
    for pdf in PDFS {
        let a = std::fs::read(p.path().join("a").join(pdf)).unwrap();
        let b = std::fs::read(p.path().join("b").join(pdf)).unwrap();
        assert!(a == b, "{pdf} differs between builds");
    }
}
