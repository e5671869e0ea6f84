//! Who issues a paper, and how a confidential (Part II) paper says so: the
//! trust's private board on the meeting line, and one marking used alike on
//! the front sheet, running header, HTML banner, index pages and `list`.

mod common;

use common::Project;

fn build(p: &Project) {
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The mini fixture with `update` confidential; beta words Part II its own way.
fn confidential_mini() -> Project {
    let p = Project::fixture("mini");
    p.edit(
        "papers/update.md",
        "objectives: [quality]\n",
        "objectives: [quality]\nconfidential: true\n",
    );
    p.edit(
        "trusts/beta.yaml",
        "board: ",
        "private-board: Board of Directors in private\nconfidential-label: Part II – not for publication\nboard: ",
    );
    p
}

#[test]
fn a_confidential_paper_says_part_ii_on_the_meeting_line_in_both_formats() {
    let p = confidential_mini();
    build(&p);
    let html = p.read("build/alpha/update.html");
    assert!(html.contains("<p class=\"meeting-line\">Trust Private Board – 26 March 2024</p>"));
    assert!(!html.contains("Trust Public Board"));
    let pdf = p.pdftotext(&[], "build/alpha/update.pdf");
    assert!(pdf.contains("Trust Private Board – 26 March 2024"));
    assert!(!pdf.contains("Public Board"));
    let beta = p.read("build/beta/update.html");
    assert!(beta.contains("<p class=\"meeting-line\">Board of Directors in private – "));
    // The paper that is not confidential keeps the public board.
    assert!(p
        .read("build/alpha/second.html")
        .contains("<p class=\"meeting-line\">Trust Public Board – 26 March 2024</p>"));
}

#[test]
fn one_marking_on_front_sheet_header_banner_index_and_list() {
    let p = confidential_mini();
    build(&p);
    for (trust, marking) in [
        ("alpha", "Confidential – Part II"),
        ("beta", "Part II – not for publication"),
    ] {
        let short = trust.to_uppercase();
        let html = p.read(&format!("build/{trust}/update.html"));
        assert!(html.contains(&format!(
            "<p class=\"banner-private\"><strong>{marking}</strong>"
        )));
        let pdf = p.pdftotext(&[], &format!("build/{trust}/update.pdf"));
        let first_page = pdf.split('\u{c}').next().unwrap_or_default();
        assert!(
            first_page.contains(&format!("{short} – {marking}")),
            "header: {first_page}"
        );
        assert!(
            first_page.lines().any(|l| l.trim() == marking),
            "front sheet line: {first_page}"
        );
        let index = p.read(&format!("build/{trust}/index.html"));
        assert!(index.contains(&format!("<span class=\"private\">({marking})</span>")));
        assert!(p.read("build/index.html").contains(&format!("({marking})")));
    }
    let list = p.run(&["list"]);
    assert!(
        list.stdout.contains("Test Update [Confidential – Part II]"),
        "{}",
        list.stdout
    );
    // The project's own words replace the default everywhere a trust has none.
    p.edit(
        "boardpaper.yaml",
        "cycle:",
        "confidential-label: Part II (private session)\ncycle:",
    );
    build(&p);
    assert!(p
        .read("build/alpha/update.html")
        .contains("<strong>Part II (private session)</strong>"));
    assert!(p
        .run(&["list"])
        .stdout
        .contains("[Part II (private session)]"));
}

#[test]
fn the_issuer_names_a_paper_in_footer_labels_and_index_pages() {
    let p = Project::fixture("demo");
    let run = p.run(&["build", "--trust", "nhft", "--trust", "lpt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = p.read("build/nhft/group-highlight.html");
    assert!(
        html.contains("<p>Northamptonshire Healthcare NHS Foundation Trust · LPT–NHFT Group</p>")
    );
    assert!(!html.contains("East Midlands Alliance"));
    assert!(
        !html.contains("Common Board paper"),
        "not an Alliance paper"
    );
    let pdf = p.pdftotext(&[], "build/nhft/group-highlight.pdf");
    assert!(pdf.contains("LPT–NHFT Group"));
    assert!(!pdf.contains("East Midlands"));
    let ema = p.read("build/lpt/ema-update.html");
    assert!(ema.contains("<p class=\"paper-kind\">Common Board paper</p>"));
    assert!(ema.contains("· East Midlands Alliance</p>"));
    let ema_pdf = p.pdftotext(&[], "build/lpt/ema-update.pdf");
    assert!(
        ema_pdf.contains("Common Board paper\nDraft v2"),
        "the PDF says it too"
    );
    let index = p.read("build/lpt/index.html");
    let group = index.find("group-highlight.html").expect("listed");
    assert!(index[group..].contains("<span class=\"paper-meta\">LPT–NHFT Group</span>"));
}
