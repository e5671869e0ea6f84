//! A second family (tests/fixtures/foundation): one paper going to two
//! trusts whose covers differ in kind. Riverside's is a foundation trust's
//! (report reference, agenda item and "For:" in the header, an Executive
//! Summary with footnotes, "Recommendation", only the objectives served,
//! each with its risk theme); Hillside keeps the default layout, marks
//! with "Yes" and uses another assurance scale. Golden HTML and layout
//! dumps for both, and the cover checked in both formats.

mod common;

use common::{assert_golden, Project};

const PAPER: &str = "workforce-report";

fn built() -> Project {
    let p = Project::fixture("foundation");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
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

#[test]
fn golden_html_and_layout_for_both_trusts() {
    let p = built();
    for trust in ["riverside", "hillside"] {
        assert_golden(
            &format!("foundation-{trust}.html"),
            &p.read(&format!("build/{trust}/{PAPER}.html")),
        );
        let run = p.run(&["dump-layout", "--trust", trust, "--paper", PAPER]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_golden(&format!("foundation-{trust}.layout.txt"), &run.stdout);
    }
}

#[test]
fn a_foundation_trusts_own_cover_in_both_formats() {
    let p = built();
    let html = p.read(&format!("build/riverside/{PAPER}.html"));
    in_order(
        &html,
        &[
            "<p class=\"meeting-line\">Board of Directors (Public) – 27 March 2024</p>",
            "<p class=\"header-field\">Report reference: BOD 47&#x2F;2023</p>",
            "<p class=\"header-field\">Agenda item: 10</p>",
            "<p class=\"header-field\">For: Information and Discussion</p>",
            "<h2 id=\"summary\">Executive Summary</h2>",
            "this quarter<sup class=\"fnref\"><a href=\"#fn-1\"",
            "<em>two exceptions</em>",
            "<li>Registered nurse fill on Willow ward was 86%;</li>",
            "January<sup class=\"fnref\"><a href=\"#fn-2\"",
            "<h2 id=\"decision\">Recommendation</h2>",
            "<th scope=\"row\">Strategic objectives this paper supports:</th>",
            "Deliver outstanding care<span class=\"item-description\">BAF risk 1: quality of care falls below the standard we set</span>",
            "Be a great place to work<span class=\"item-description\">",
            "Fill rate is hours worked against hours planned, by shift.",
        ],
    );
    for absent in [
        "Purpose of the report",
        "Decision required",
        "Use our resources well",
        "Board Assurance Framework risk:",
        "class=\"agenda-item\"",
    ] {
        assert!(
            !html.contains(absent),
            "{absent:?} is not on Riverside's cover"
        );
    }
    let pdf = p.pdftotext(&["-layout"], &format!("build/riverside/{PAPER}.pdf"));
    in_order(
        &pdf,
        &[
            "Board of Directors (Public) – 27 March 2024",
            "Report reference: BOD 47/2023",
            "Agenda item: 10",
            "For: Information and Discussion",
            "Executive Summary",
            "this quarter1, with two exceptions",
            "Recommendation",
            // One recommendation: one sentence, the lead joined to it.
            "The Board is asked to note the safe staffing position",
            "Strategic objectives this paper supports:",
            "Deliver outstanding care",
            "BAF risk 1: quality of care falls below the standard we set",
            "Be a great place to work",
        ],
    );
    assert!(!pdf.contains("Purpose of the report") && !pdf.contains("Use our resources well"));
}

#[test]
fn the_other_trust_keeps_the_default_cover_with_its_own_mark_and_scale() {
    let p = built();
    let html = p.read(&format!("build/hillside/{PAPER}.html"));
    in_order(
        &html,
        &[
            "<p class=\"agenda-item\">Agenda item 1</p>",
            "<h2 id=\"purpose\">Purpose of the report</h2>",
            "<h2 id=\"analysis\">Analysis of the issue</h2>",
            "<h2 id=\"proposal\">Proposal</h2>",
            "<h2 id=\"decision\">Decision required</h2>",
            "Partially assured",
            "Patients first</th><td class=\"tick\"><span aria-hidden=\"true\">Yes</span>",
            "Staff who thrive</th><td class=\"tick\"><span aria-hidden=\"true\">Yes</span>",
            "Working as one system</th><td class=\"tick\"><span class=\"visually-hidden\">Not aligned</span>",
        ],
    );
    assert!(!html.contains("header-field\">") && !html.contains("Executive Summary"));
    let pdf = p.pdftotext(&["-layout"], &format!("build/hillside/{PAPER}.pdf"));
    in_order(
        &pdf,
        &[
            "Agenda item 1",
            "Purpose of the report",
            "Decision required",
        ],
    );
    let marked = pdf
        .lines()
        .filter(|l| l.contains("Patients first") || l.contains("Staff who thrive"))
        .filter(|l| l.trim_end().ends_with("Yes"))
        .count();
    assert_eq!(marked, 2, "{pdf}");
}

#[test]
fn a_problem_in_a_section_is_reported_at_its_line_and_only_for_the_trust_showing_it() {
    // Hillside shows no "summary" section: raw HTML there is no problem of
    // Hillside's copy, which still builds; Riverside's is refused, with the
    // line the HTML is written on.
    let p = Project::fixture("foundation");
    p.edit(
        "papers/workforce-report.md",
        "    Both wards are on",
        "    <b>Both</b> wards are on",
    );
    let run = p.run(&["build", "--trust", "hillside"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(p
        .path()
        .join(format!("build/hillside/{PAPER}.pdf"))
        .is_file());
    let (code, diags) = p.diagnostics();
    assert_eq!(code, 1);
    let at: Vec<(u64, u64)> = diags
        .iter()
        .map(|d| {
            assert_eq!(d["code"], "BP015");
            assert_eq!(d["file"], "papers/workforce-report.md");
            (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        at,
        [(22, 5), (22, 12)],
        "`<b>` and `</b>` where they are written"
    );
}
