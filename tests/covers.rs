//! Papers from other trusts (issue 25), in two fixtures of their own:
//! `partnerships`, a foundation trust's report whose cover puts the
//! reference and agenda item on one line in the trust's words above the
//! title, "For:" and free "Label: value" lines under it, with footnotes,
//! one recommendation and a long list of objectives served; and `system`,
//! a long system strategy with its own section numbers, a contents page,
//! two landscape tables in a row and appendices with sub-headings.
//! Goldens of both formats and the layout, and the covers checked field by
//! field.

mod common;

use common::{assert_golden, Project};

fn built(name: &str) -> Project {
    let p = Project::fixture(name);
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    p
}

/// Each of `wanted`, found in `text` after the one before.
fn in_order(text: &str, wanted: &[&str]) {
    let mut at = 0;
    for w in wanted {
        let i = text[at..]
            .find(w)
            .unwrap_or_else(|| panic!("{w:?} missing or out of order in:\n{text}"));
        at += i + w.len();
    }
}

fn dump(p: &Project, trust: &str, paper: &str, extra: &[&str]) -> String {
    let mut args = vec!["dump-layout", "--trust", trust, "--paper", paper];
    args.extend(extra);
    let run = p.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn golden_outputs_of_both_fixtures() {
    let p = built("partnerships");
    for trust in ["meadow", "harbour"] {
        let paper = "partnerships-report";
        assert_golden(
            &format!("partnerships-{trust}.html"),
            &p.read(&format!("build/{trust}/{paper}.html")),
        );
        let layout = dump(&p, trust, paper, &[]);
        assert_golden(&format!("partnerships-{trust}.layout.txt"), &layout);
    }
    let p = built("system");
    let paper = "system-strategy";
    assert_golden(
        "system-county.html",
        &p.read(&format!("build/county/{paper}.html")),
    );
    assert_golden("system-county.layout.txt", &dump(&p, "county", paper, &[]));
    assert_golden(
        "system-county.tags.txt",
        &dump(&p, "county", paper, &["--tags"]),
    );
}

/// Meadowbank's cover, line by line as its description has it, in both
/// formats: meeting line; the reference and agenda item in the trust's
/// words; the title and subtitle; "For:" and the free lines; the summary
/// with its notes; the one recommendation as a sentence; the table.
#[test]
fn the_foundation_trusts_cover_field_by_field() {
    let p = built("partnerships");
    let html = p.read("build/meadow/partnerships-report.html");
    in_order(
        &html,
        &[
            "<p class=\"meeting-line\">Board of Directors – 30 November 2023</p>",
            "<p class=\"header-field\">Report to the Meeting of the Meadowbank NHS Foundation Trust Board of Directors: BOD 47&#x2F;2023 (Agenda item: 10)</p>",
            "<h1>Partnerships Annual Report 2022&#x2F;23</h1>",
            "<p class=\"subtitle\">Our work with system partners across the county</p>",
            "<p class=\"header-field\">For: Information</p>",
            "<p class=\"header-field\">Executive Lead: Director of Strategy and Partnerships</p>",
            "<p class=\"header-field\">Report author: Head of Partnerships</p>",
            "<h2 id=\"summary\">Executive Summary</h2>",
            "<h2 id=\"decision\">Recommendation</h2>\n<p>The Board is asked to note the report and the benefits the Trust&#39;s partnerships delivered this year.</p>",
            "<table class=\"governance\"",
        ],
    );
    // The agenda item is on the trust's own line, not beside the meeting.
    assert!(!html.contains("class=\"agenda-item\""));
    let pdf = p.pdftotext(
        &["-layout", "-l", "1"],
        "build/meadow/partnerships-report.pdf",
    );
    in_order(
        &pdf,
        &[
            "Board of Directors – 30 November 2023",
            "Report to the Meeting of the Meadowbank NHS Foundation Trust Board of Directors: BOD",
            "47/2023 (Agenda item: 10)",
            "Partnerships Annual Report 2022/23",
            "Our work with system partners across the county",
            "For: Information",
            "Executive Lead: Director of Strategy and Partnerships",
            "Report author: Head of Partnerships",
            "Executive Summary",
            "Recommendation",
            "The Board is asked to note the report",
            "Governance table",
            "Strategic objectives this paper supports:",
        ],
    );
    assert!(!pdf.contains("•  The Board is asked"), "{pdf}");
    // body-title: false: the body does not repeat the title the cover
    // shows; Harbour's default layout does.
    let h1 = |trust: &str| {
        dump(&p, trust, "partnerships-report", &["--tags"])
            .matches("H1 \"Partnerships Annual Report 2022/23\"")
            .count()
    };
    assert_eq!(h1("meadow"), 1);
    assert_eq!(h1("harbour"), 2);
    // Harbour's default cover: the meeting line, the agenda beside it, the
    // paper's free lines under the title, then the default sections.
    let harbour = p.pdftotext(
        &["-layout", "-l", "1"],
        "build/harbour/partnerships-report.pdf",
    );
    in_order(
        &harbour,
        &[
            "Trust Public Board – 28 November 2023",
            "Partnerships Annual Report 2022/23",
            "Executive Lead: Director of Strategy and Partnerships",
            "Purpose of the report",
        ],
    );
    assert!(
        !harbour.contains("For: Information"),
        "not in Harbour's layout"
    );
}

/// The alignment list longer than the rest of the cover's first page
/// splits between items (the label's box drawn on both pages), rather
/// than moving whole and leaving half a page blank.
#[test]
fn a_long_alignment_list_splits_between_items() {
    let p = built("partnerships");
    let first = p.pdftotext(
        &["-layout", "-l", "1"],
        "build/meadow/partnerships-report.pdf",
    );
    let second = p.page_text(&["-layout"], "build/meadow/partnerships-report.pdf", 2);
    assert!(
        first.contains("Deliver outstanding care, every time"),
        "{first}"
    );
    assert!(second.contains("Grow research and innovation"), "{second}");
    assert!(second.contains("Equality considerations:"), "{second}");
}

/// The system strategy: the source's numbers kept ("2 Our case for
/// change", not "2."), an appendix's headings listed under it, in the PDF
/// (indented one level) and in the HTML (`toc-2`).
#[test]
fn the_contents_keeps_source_numbers_and_nests_appendix_headings() {
    let p = built("system");
    let layout = dump(&p, "county", "system-strategy", &[]);
    let x_of = |text: &str| -> f32 {
        let line = layout
            .lines()
            .find(|l| l.starts_with("text ") && l.ends_with(&format!("\"{text}\"")))
            .unwrap_or_else(|| panic!("{text} not in the layout"));
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    assert!(layout.contains("\"2 Our case for change\""));
    assert!(!layout.contains("\"2. Our case for change\""));
    let appendix = x_of("Appendix A – Engagement");
    assert!(x_of("A.1 Engagement – part 1") > appendix + 10.0);
    assert!(x_of("2.1 Our case for change – part 1") > x_of("2 Our case for change") + 10.0);
    let html = p.read("build/county/system-strategy.html");
    in_order(
        &html,
        &[
            "<li class=\"toc-1\"><a href=\"#appendix-a\">Appendix A – Engagement</a></li>",
            "<li class=\"toc-2\"><a href=\"#appendix-a-a-1-engagement-part-1\">A.1 Engagement – part 1</a></li>",
            "<li class=\"toc-1\"><a href=\"#appendix-b\">Appendix B – Measures</a></li>",
        ],
    );
    // The appendix's own headings sit one level under its title (no level skipped).
    let tags = dump(&p, "county", "system-strategy", &["--tags"]);
    assert!(
        !tags.contains("H3 \"A.1"),
        "A.1 is an H2 under the appendix's H1"
    );
}

/// Two landscape tables in a row share their turned page: the second
/// starts under the first (and runs on to the next turned page, its header
/// repeated), never on a page of its own.
#[test]
fn two_landscape_tables_in_a_row_share_a_page() {
    let p = built("system");
    let layout = dump(&p, "county", "system-strategy", &[]);
    let pages: Vec<&str> = layout.split("== page ").skip(1).collect();
    let turned: Vec<&&str> = pages.iter().filter(|p| p.contains(" landscape ")).collect();
    assert!(!turned.is_empty(), "no landscape page");
    assert!(turned[0].contains("Care closer to home: ambitions year by year"));
    assert!(turned[0].contains("Prevention and inequalities: ambitions year by year"));
    for more in &turned[1..] {
        // A continuation: the header row again, then the rest of the rows.
        assert!(more.contains("\"Ambition\""), "{more}");
    }
}

/// A pack names its papers' own issuer on its cover, and a long issuer's
/// name is set whole in the running footer, on two lines, not cut.
#[test]
fn a_packs_issuer_is_its_papers_and_a_long_one_wraps_in_the_footer() {
    let p = Project::fixture("partnerships");
    let issuer = "Meadowbank NHS Foundation Trust Strategy and Partnerships Directorate, for the County Partnership";
    p.edit(
        "papers/partnerships-report.md",
        "issuer: Meadowbank and Harbour Partnership",
        &format!("issuer: {issuer}"),
    );
    let run = p.run(&["build", "--format", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cover = p.pdftotext(&["-l", "1"], "build/meadow/pack.pdf");
    let flat = cover.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&format!("Papers issued by: {issuer}")),
        "{flat}"
    );
    let text = p.pdftotext(&[], "build/meadow/pack.pdf");
    assert!(!text.contains('\u{2026}'), "nothing cut: {text}");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Meadowbank NHS Foundation Trust Strategy and Partnerships"),
        "{flat}"
    );
    assert!(
        flat.contains("Directorate, for the County Partnership"),
        "{flat}"
    );
}

/// A header entry that is neither kind, or a place that is not one, is an
/// error at its line and column saying what is expected.
#[test]
fn a_wrong_header_entry_is_an_error_at_its_place() {
    for (entry, message, col) in [
        (
            "{ key: for, place: below-title }",
            "a header entry is `{ key, label }`",
            7,
        ),
        (
            "{ key: for, label: For, place: sideways }",
            "unknown variant `sideways`, expected one of: above-title, below-title",
            38,
        ),
    ] {
        let p = Project::fixture("partnerships");
        p.edit(
            "trusts/meadow.yaml",
            "{ key: for, label: For, place: below-title }",
            entry,
        );
        let run = p.run(&["build", "--format", "html"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains(message), "{}", run.stderr);
        let at = format!("trusts/meadow.yaml:8:{col}");
        assert!(run.stderr.contains(&at), "{}", run.stderr);
    }
}

/// `--final` with a draft on both fixtures (issue 25). Meadowbank's copy
/// of the partnerships report is a confidential draft: refused at its
/// line; Meadowbank keeps its pack page, listing the paper by title as a
/// draft, and its place in the cycle's index, but gets no pack of nothing
/// and no Part II pack of a cover and an empty agenda; Harbour's copy and
/// pack are built. The system strategy as a draft beside a final paper:
/// County's pack lists the strategy by its title (not its id), without a
/// page, and holds the final paper.
#[test]
fn a_final_build_with_a_draft_on_both_fixtures() {
    let p = Project::fixture("partnerships");
    p.edit(
        "papers/partnerships-report.md",
        "variants:\n  harbour:\n",
        "variants:\n  meadow:\n    draft: true\n    confidential: true\n  harbour:\n",
    );
    let run = p.run(&["build", "--final"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[BP036]"), "{}", run.stderr);
    let built = |rel: &str| p.path().join(rel).exists();
    for rel in ["pack.pdf", "pack-part-ii.pdf", "partnerships-report.pdf"] {
        assert!(!built(&format!("build/meadow/{rel}")), "meadow/{rel}");
    }
    for rel in ["pack.pdf", "partnerships-report.pdf", "index.html"] {
        assert!(built(&format!("build/harbour/{rel}")), "harbour/{rel}");
    }
    let meadow = p.read("build/meadow/index.html");
    assert!(
        meadow.contains(
            "Partnerships Annual Report 2022&#x2F;23 <span class=\"private\">(Confidential – Part II)</span> <strong>(draft)</strong>"
        ),
        "{meadow}"
    );
    let cycle = p.read("build/index.html");
    assert!(cycle.contains("href=\"meadow&#x2F;index.html\""), "{cycle}");

    let p = Project::fixture("system");
    p.write(
        "papers/system-update.md",
        "---\ntitle: System Update\ndate: 2024-01-10\nsignoff: Chief Executive\n\
         purpose: To update the Board on the system.\nrecommendations:\n  note: Note the update\n\
         governance:\n  sponsor: Chief Executive\n  author: Director of Strategy\n  assurance: assured\n\
         objectives: [quality]\n---\n\n# Update\n\nThe system met in December.\n\n\
         {{ recommendation(\"note\") }}\n",
    );
    p.edit(
        "papers/system-strategy/paper.md",
        "numbered: false\n",
        "numbered: false\ndraft: true\n",
    );
    let run = p.run(&["build", "--final"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!p.path().join("build/county/system-strategy.pdf").exists());
    assert!(!p.path().join("build/county/pack-part-ii.pdf").exists());
    let agenda = p.pdftotext(&["-layout", "-f", "2", "-l", "2"], "build/county/pack.pdf");
    in_order(
        &agenda,
        &[
            "County Health and Care System Strategy 2024 to",
            "System Update",
        ],
    );
    assert!(!agenda.contains("system-strategy"), "{agenda}");
    let index = p.read("build/county/index.html");
    assert!(index.contains("System Update"), "{index}");
    // County has no agenda: its page lists the held draft too, marked and
    // without links, as the pack's agenda does; so does the cycle's page.
    let held = "County Health and Care System Strategy 2024 to 2029 <strong>(draft)</strong>";
    assert!(index.contains(held), "{index}");
    assert!(!index.contains("system-strategy.html"), "{index}");
    assert!(p.read("build/index.html").contains(held));
}
