//! Whole-page tests on the hand-built sample: escaping, links, heading order,
//! the governance table, overrides, and determinism (the index pages' tests are in
//! `crate::assemble::pack`).

use super::*;
use crate::document::sample::sample_document as sample;

fn page() -> String {
    let t = Templates::with(&[]).map_err(|e| e.to_string());
    let html = t.and_then(|t| render_paper(&t, &sample()).map_err(|e| e.to_string()));
    match html {
        Ok(html) => html,
        Err(e) => panic!("render failed: {e}"),
    }
}

/// Levels of `<h1>`..`<h6>` in document order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(i, _)| {
            let b = html.as_bytes();
            let d = *b.get(i + 2)?;
            let next = *b.get(i + 3)?;
            ((b'1'..=b'6').contains(&d) && (next == b'>' || next == b' ')).then_some(d - b'0')
        })
        .collect()
}

#[test]
fn writes_the_sample_for_inspection() {
    let html = page();
    // For a human to look at (and screenshot); failure to write is not a test failure.
    let _ = std::fs::write(std::env::temp_dir().join("html-sample.html"), &html);
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en-GB\">"));
    assert!(html.contains("<meta name=\"viewport\""));
}

#[test]
fn hostile_text_is_escaped_and_links_are_safe() {
    let html = page();
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(!html.contains("javascript:"));
    assert!(!html.contains("href=\"data:"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("David Williams &amp; Graeme Jones"));
    assert!(html.contains("<code>a &lt; b &amp;&amp; &quot;c&quot;</code>"));
    assert!(html.contains("a harmless-looking link"));
    assert!(html.contains("<a href=\"https://www.nhs.uk/\">NHS website</a>"));
    assert!(html.contains("<a href=\"mailto:ema@nhs.net\">"));
    // The title is escaped in <title>, in <h1>, and nowhere raw.
    assert!(html.contains("<h1>East Midlands Alliance Common Board Paper &lt;script&gt;"));
}

#[test]
fn headings_are_in_order() {
    let levels = heading_levels(&page());
    assert_eq!(levels.first(), Some(&1));
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1);
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "skipped a level: {levels:?}");
    }
    assert!(levels.contains(&4), "the sample has an h4: {levels:?}");
}

#[test]
fn front_sheet_and_governance_table() {
    let html = page();
    for heading in [
        "Purpose of the report",
        "Analysis of the issue",
        "Proposal",
        "Decision required",
    ] {
        assert!(html.contains(&format!("\">{heading}</h2>")), "{heading}");
    }
    assert!(html.contains("<caption>LPT governance table</caption>"));
    assert!(html.contains("<caption>STEP up to GREAT strategic alignment</caption>"));
    assert_eq!(
        html.matches("<span aria-hidden=\"true\">✓</span>").count(),
        7
    );
    assert_eq!(html.matches(">Not aligned</span>").count(), 2);
    assert!(html.contains("<strong>Confidential – Part II</strong>"));
    assert!(html.contains("<p class=\"paper-kind\">Common Board paper</p>"));
    assert!(html.contains("<p>Leicestershire Partnership NHS Trust · East Midlands Alliance</p>"));
    assert!(html.contains("<p class=\"meeting-line\">Trust Public Board – 28 November 2023</p>"));
    assert!(html.contains("<a href=\"#appendix-a\">Appendix A – Alliance plan on a page</a>"));
}

#[test]
fn body_furniture() {
    let html = page();
    assert!(html.contains("<h2 id=\"s1-introduction\">1. Introduction</h2>"));
    assert!(html.contains("<h3 id=\"s2-1-strategic-objectives\">2.1 Strategic objectives</h3>"));
    assert!(html.contains("<div class=\"callout\" role=\"note\">"));
    assert!(html.contains("<strong>Action and recommendation 1 – </strong>"));
    assert!(html.contains("<h2 id=\"s5-actions\">5. Actions and recommendations</h2>"));
    assert!(html.contains("<ol type=\"I\" class=\"roman\">"));
    assert!(html.contains("<h2 id=\"appendix-a\">Appendix A – Alliance plan on a page</h2>"));
    assert!(html.contains("<section class=\"footnotes\">"));
    assert!(html.contains("<a href=\"#fn-1\" id=\"fnref-1\""));
    assert!(html.contains("id=\"fnref-1-2\""));
    assert!(html.contains("<a href=\"#fnref-2\" class=\"backref\""));
    assert!(html.contains("style=\"background-color:#ffb81c;color:#000000\">Amber"));
    assert!(html.contains("src=\"data:image/png;base64,"));
    assert!(html.contains("[Image: Missing chart]"));
    assert!(html.contains("<a class=\"skip-link\" href=\"#main\">"));
    assert!(html.contains("<main id=\"main\""));
}

#[test]
fn renders_are_byte_identical() {
    assert_eq!(page(), page());
}

#[test]
fn css_override_cannot_close_the_style_element() {
    let css = "body { color: red; }\n</style><script>alert(1)</script><style>";
    let html = Templates::with(&[("style.css", css)])
        .and_then(|t| render_paper(&t, &sample()))
        .map_err(|e| e.to_string());
    let Ok(html) = html else {
        panic!("{html:?}");
    };
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert_eq!(html.matches("</style>").count(), 1);
    assert!(html.contains("body { color: red; }"));
}

#[test]
fn overrides_are_autoescaped_whatever_their_name() {
    let html = Templates::with(&[
        ("style.css", "/* {{ alliance }} */"),
        (
            "paper.html",
            "<p>{{ title }}</p>{% include \"style.css\" %}",
        ),
    ])
    .and_then(|t| render_paper(&t, &sample()))
    .map_err(|e| e.to_string());
    let Ok(html) = html else {
        panic!("{html:?}");
    };
    // The page's policy comes first (this override has no `<head>`).
    let page = html.strip_prefix(&format!("{}\n", super::csp::meta()));
    assert!(page.is_some_and(
        |p| p.starts_with("<p>East Midlands Alliance Common Board Paper &lt;script&gt;")
    ));
}

#[test]
fn broken_page_override_names_the_file() {
    let Err(e) = Templates::with(&[("paper.html", "<html>\n{{ title \n</html>")]) else {
        panic!("expected an error");
    };
    assert_eq!(e.file, "paper.html");
    assert!(e.message.contains("line 3, column 2"), "{}", e.message);
    let Err(e) = Templates::with(&[("paper.html", "{{ nonsense_variable }}")])
        .and_then(|t| render_paper(&t, &sample()))
    else {
        panic!("expected a render error");
    };
    assert_eq!(e.file, "paper.html");
    assert!(e.message.contains("nonsense_variable"), "{}", e.message);
}
