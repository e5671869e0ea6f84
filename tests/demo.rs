//! The demo cycle (the repository root): every variant built, golden HTML for
//! the LPT and NHFT copies, recommendations that agree in all three places,
//! and each trust's own framework ticked as the reference papers tick it.

mod common;

use common::{assert_golden, Project};

const VARIANTS: [(&str, &str); 8] = [
    ("dhcft", "ema-update"),
    ("lpft", "ema-update"),
    ("lpt", "ema-update"),
    ("nhft", "ema-update"),
    ("nottshc", "ema-update"),
    ("sah", "ema-update"),
    ("lpt", "group-highlight"),
    ("nhft", "group-highlight"),
];

fn built_html() -> Project {
    let p = Project::fixture("demo");
    let run = p.run(&["build", "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    p
}

/// The `<li>` texts between `start` and the next `end` after it.
fn items(html: &str, start: &str, end: &str) -> Vec<String> {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start:?}"));
    let rest = &html[from..];
    let to = rest.find(end).unwrap_or(rest.len());
    rest[..to]
        .split("<li>")
        .skip(1)
        .map(|li| li.split("</li>").next().unwrap().to_owned())
        .collect()
}

/// Recommendation text normalised: no trailing punctuation, first letter lower-case.
fn norm(s: &str) -> String {
    let s = s.trim().trim_end_matches(['.', ';']);
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

#[test]
fn every_variant_is_built() {
    let p = built_html();
    for (trust, paper) in VARIANTS {
        assert!(
            p.path()
                .join(format!("build/{trust}/{paper}.html"))
                .is_file(),
            "{trust}/{paper}"
        );
    }
    assert!(!p.path().join("build/dhcft/group-highlight.html").exists());
}

#[test]
fn golden_html_for_lpt_and_nhft() {
    let p = built_html();
    for (trust, paper) in [
        ("lpt", "ema-update"),
        ("nhft", "ema-update"),
        ("lpt", "group-highlight"),
        ("nhft", "group-highlight"),
    ] {
        assert_golden(
            &format!("{trust}-{paper}.html"),
            &p.read(&format!("build/{trust}/{paper}.html")),
        );
    }
}

#[test]
fn the_three_recommendation_lists_agree_in_every_variant() {
    let p = built_html();
    for (trust, paper) in VARIANTS {
        let html = p.read(&format!("build/{trust}/{paper}.html"));
        let front: Vec<String> = items(&html, "id=\"decision\"", "</ul>")
            .iter()
            .map(|s| norm(s))
            .collect();
        if paper == "group-highlight" {
            // `closing: false` and no callout: the one decision stands on
            // the front sheet alone, as the reference's does, stated as a
            // sentence (a paragraph, not a one-bullet list: issue 25).
            let section = html.split("id=\"decision\"").nth(1).unwrap();
            let section = section.split("<h2").next().unwrap();
            assert!(!section.contains("<li>"), "{trust}/{paper}: {section}");
            assert!(
                section.contains("<p>The Board is asked to approve the Highlight report summary from the LPT Committee in Common and NHFT Committee in Common Chairs as an accurate account of status.</p>"),
                "{trust}/{paper}: {section}"
            );
            assert!(
                !html.contains("<ol type=\"I\""),
                "{trust}/{paper}: no closing section"
            );
            assert!(
                !html.contains("Action and recommendation"),
                "{trust}/{paper}"
            );
            continue;
        }
        let closing: Vec<String> = items(&html, "<ol type=\"I\"", "</ol>")
            .iter()
            .map(|s| norm(s))
            .collect();
        let callouts: Vec<String> = html
            .split("<strong>Action and recommendation ")
            .skip(1)
            .map(|c| {
                let text = c
                    .split("</strong>")
                    .nth(1)
                    .unwrap()
                    .split("</p>")
                    .next()
                    .unwrap();
                norm(text.split(" asked to ").nth(1).unwrap())
            })
            .collect();
        assert!(!front.is_empty(), "{trust}/{paper}: no decisions");
        assert_eq!(
            front, closing,
            "{trust}/{paper}: front sheet and closing section differ"
        );
        assert_eq!(
            front, callouts,
            "{trust}/{paper}: front sheet and callouts differ"
        );
    }
    let lpt = p.read("build/lpt/ema-update.html");
    assert_eq!(lpt.matches("<strong>Action and recommendation ").count(), 6);
    assert!(lpt.contains("11. Actions and recommendations"));
}

#[test]
fn each_trust_shows_its_own_framework_ticked_as_the_references() {
    let p = built_html();
    let ticks = |trust: &str, paper: &str| -> (usize, usize) {
        let html = p.read(&format!("build/{trust}/{paper}.html"));
        // The group-highlight's cover carries both trusts' tables: this
        // trust's is the one with its id.
        let own = format!("id=\"governance-{trust}\"");
        let html = html.split(own.as_str()).nth(1).unwrap_or(&html);
        let table = html
            .split("<table class=\"alignment\">")
            .nth(1)
            .unwrap()
            .split("</table>")
            .next()
            .unwrap();
        (
            table.matches("<tr>").count() - 1,
            table.matches("<span aria-hidden=\"true\">").count(),
        )
    };
    assert_eq!(
        ticks("lpt", "ema-update"),
        (9, 7),
        "STEP up to GREAT: all but Environments and Reaching Out"
    );
    assert_eq!(ticks("lpt", "group-highlight"), (9, 6));
    assert_eq!(ticks("nhft", "group-highlight"), (5, 5), "DIGB Q: all five");
    assert_eq!(ticks("nhft", "ema-update").0, 5);
    let lpt = p.read("build/lpt/ema-update.html");
    assert!(lpt.contains("Trust Public Board – 28 November 2023"));
    assert!(lpt.contains("Is the decision required consistent with LPT&#39;s risk appetite:"));
    let nhft = p.read("build/nhft/group-highlight.html");
    // NHFT's table on the cover (it carries LPT's first; Appendix B
    // reprints both with the review's own values).
    let table = nhft
        .split("<table class=\"governance\" id=\"governance-nhft\"")
        .nth(1)
        .and_then(|t| t.split("</table>\n</div>").next())
        .expect("NHFT's governance table");
    assert!(table.contains("Outcome will apply equally to all staff in NHFT"));
    assert!(
        !table.contains("Positive confirmation"),
        "NHFT's table has no safety row"
    );
}

/// "Action and recommendation N – ..." lines of a text, dashes made one.
fn callout_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("Action and recommendation "))
        .map(|l| l.replace(" - ", " – ").trim_end_matches('.').to_owned())
        .collect()
}

#[test]
fn ema_update_callouts_are_the_reference_papers_own_words() {
    let p = built_html();
    let reference = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/reference/ema-common-board-paper-2023-11.txt"),
    )
    .unwrap();
    let want = callout_lines(&reference);
    assert_eq!(want.len(), 6);
    for trust in ["lpt", "nhft", "dhcft"] {
        let html = p.read(&format!("build/{trust}/ema-update.html"));
        let text = html
            .replace("<strong>", "\n")
            .replace("</strong>", "")
            .replace("</p>", "\n");
        assert_eq!(callout_lines(&text), want, "{trust}");
    }
    // The front sheet keeps the common lead for every decision.
    let lpt = p.read("build/lpt/ema-update.html");
    assert_eq!(
        lpt.matches("The Boards of the Alliance providers are asked to:")
            .count(),
        2,
        "Decision required and the closing section"
    );
}
