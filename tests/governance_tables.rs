//! Other receiving trusts' governance tables (issue 13): the front sheet's
//! `governance-tables`, `governance_table("id")` and `governance_tables()`
//! in a body or an appendix (with an appendix's own values), `closing:
//! false`, and a single recommendation written as one sentence, each in
//! both the HTML and the PDF of the `mini` fixture (trusts alpha, beta).

mod common;

use common::Project;

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

fn build(p: &Project) {
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

/// `mini` with beta's table heading named and update.md's body replaced.
fn project(front_extra: &str, body: &str) -> Project {
    let p = Project::fixture("mini");
    p.edit(
        "trusts/beta.yaml",
        "governance:\n",
        "governance-heading: Beta's Own Table\ngovernance:\n",
    );
    let text = p.read("papers/update.md");
    let end = text[4..].find("---\n").unwrap() + 4;
    let front = &text[..end];
    p.write(
        "papers/update.md",
        format!("{front}{front_extra}---\n{body}"),
    );
    p
}

#[test]
fn a_body_places_another_trusts_table_in_both_formats() {
    let p = project(
        "",
        "# Tables\n\n{{ governance_table(\"beta\") }}\n\n- In a list: {{ governance_table(trust=\"alpha\", heading=\"Alpha *again*\") }}\n\n{{ recommendation(\"note\") }}\n",
    );
    build(&p);
    let html = p.read("build/alpha/update.html");
    in_order(
        &html,
        &[
            // The front sheet keeps alpha's own table.
            "<table class=\"governance\" id=\"governance\">",
            "<caption>ALPHA governance table</caption>",
            // Beta's, as beta receives it (its variant's assurance).
            "<table class=\"governance\" id=\"governance-beta\">",
            "<caption>Beta&#39;s Own Table</caption>",
            "<td class=\"gov-text\">Reasonable</td>",
            "<li><p>In a list:</p>",
            "<table class=\"governance\" id=\"governance-alpha\">",
            // The heading is text, not Markdown.
            "<caption>Alpha *again*</caption>",
            "<td class=\"gov-text\">Assured</td>",
        ],
    );
    let pdf = p.pdftotext(&["-layout"], "build/alpha/update.pdf");
    in_order(
        &pdf,
        &[
            "Governance table",
            "Assured",
            "Tables",
            "Beta's Own Table",
            "Paper sponsored by:",
            "Reasonable",
            "In a list:",
            "Alpha *again*",
            "Assured",
        ],
    );
}

#[test]
fn governance_tables_places_every_receiving_trusts_under_its_heading() {
    let p = project(
        "",
        "{{ governance_tables() }}\n\n{{ recommendation(\"note\") }}\n",
    );
    build(&p);
    for trust in ["alpha", "beta"] {
        let html = p.read(&format!("build/{trust}/update.html"));
        in_order(
            &html,
            &[
                "<div class=\"paper-body\">",
                "<caption>ALPHA governance table</caption>",
                "<caption>Beta&#39;s Own Table</caption>",
            ],
        );
        let pdf = p.pdftotext(&["-layout"], &format!("build/{trust}/update.pdf"));
        in_order(&pdf, &["ALPHA governance table", "Beta's Own Table"]);
    }
}

#[test]
fn a_cover_with_every_trusts_table_and_no_closing_section() {
    let p = project(
        "governance-tables: [beta, alpha]\nclosing: false\n",
        "# Introduction\n\nNo callout here.\n",
    );
    build(&p);
    let html = p.read("build/alpha/update.html");
    in_order(
        &html,
        &[
            // One recommendation: a sentence, not a one-bullet list.
            "<h2 id=\"decision\">Decision required</h2>\n<p>The Board is asked to note the update.</p>",
            "<table class=\"governance\" id=\"governance-beta\">",
            "<table class=\"governance\" id=\"governance-alpha\">",
            "<div class=\"paper-body\">",
            "<h2 id=\"s1-introduction\">1. Introduction</h2>",
        ],
    );
    assert!(!html.contains("Actions and recommendations"));
    assert!(
        !html.contains("id=\"governance\""),
        "no table of its own besides"
    );
    let pdf = p.pdftotext(&["-layout"], "build/alpha/update.pdf");
    in_order(
        &pdf,
        &[
            "The Board is asked to note the update.",
            "Beta's Own Table",
            "ALPHA governance table",
            "1. Introduction",
        ],
    );
    assert!(!pdf.contains("Actions and recommendations"));
    assert!(
        !pdf.contains("Governance table\n"),
        "no section heading over the tables"
    );
}

#[test]
fn without_closing_an_unplaced_recommendation_is_still_reported_when_others_are_placed() {
    let p = project("closing: false\n", "{{ recommendation(\"note\") }}\n");
    p.edit(
        "papers/update.md",
        "  note: Note the update\n",
        "  note: Note the update\n  also: Approve the plan\n",
    );
    let (code, diags) = p.diagnostics();
    assert_eq!(code, 0);
    let found: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"]
            )
        })
        .collect();
    assert_eq!(found, ["BP012 papers/update.md:8"]);
}

#[test]
fn an_appendix_gives_its_own_values_to_the_tables_it_places() {
    let p = project("", "{{ recommendation(\"note\") }}\n");
    let update = p.read("papers/update.md");
    std::fs::remove_file(p.path().join("papers/update.md")).unwrap();
    p.write("papers/update/paper.md", update);
    p.write(
        "papers/update/appendix-a-review.md",
        "---\ntitle: Review\ngovernance:\n  sponsor: The Review's Sponsor\n  assurance: limited\n---\n\n{{ governance_table(\"beta\", heading=\"Beta\") }}\n",
    );
    build(&p);
    let html = p.read("build/alpha/update.html");
    let appendix = html
        .split("id=\"appendix-a\"")
        .nth(1)
        .expect("the appendix");
    in_order(
        appendix,
        &[
            "<caption>Beta</caption>",
            "<td class=\"gov-text\">The Review&#39;s Sponsor</td>",
            "<td class=\"gov-text\">Sam Example</td>",
            "<td class=\"gov-text\">Limited</td>",
        ],
    );
    // The front sheet's own table keeps the paper's values.
    let front = html.split("<div class=\"paper-body\">").next().unwrap();
    assert!(front.contains("The Chief Executive") && !front.contains("Review&#39;s Sponsor"));
    // A misspelt key and a bad date in the appendix are located there.
    p.write(
        "papers/update/appendix-a-review.md",
        "---\ntitle: Review\ngovernance:\n  sponser: X\n  submitted: 21/12/2022\n---\n\nText.\n",
    );
    let (_, diags) = p.diagnostics();
    let found: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "BP009 papers/update/appendix-a-review.md:4:3",
            // No trust here has a `submitted` row; its date is bad too.
            "BP009 papers/update/appendix-a-review.md:5:3",
            "BP010 papers/update/appendix-a-review.md:5:14",
        ]
    );
}

/// `base` of the corpus with the first body line of `second.md` (alpha
/// only; line 13) replaced by `body`.
fn hostile(body: &str) -> Project {
    let p = Project::from_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/base"),
    );
    p.edit(
        "papers/second.md",
        "Body text with a [link](https://www.nhs.uk).",
        body,
    );
    p
}

#[test]
fn thousands_of_tables_are_refused_at_the_line_and_the_rest_still_builds() {
    let many_calls = "{{ governance_table(\"alpha\") }} ".repeat(100_000);
    for body in [
        "{% for i in range(10000) %}{{ governance_tables() }}\n\n{% endfor %}".to_owned(),
        many_calls,
    ] {
        let p = hostile(&body);
        let run = p.run_bounded(&["build", "--message-format", "json"]);
        run.assert_survived("build");
        assert_eq!(run.run.code, 1, "{}", run.run.stderr);
        let found: Vec<String> = common::json_lines(&run.run.stdout)
            .into_iter()
            .filter(|d| d["type"] == "diagnostic")
            .map(|d| {
                format!(
                    "{} {}:{}",
                    d["code"].as_str().unwrap(),
                    d["file"].as_str().unwrap(),
                    d["line"]
                )
            })
            .collect();
        assert_eq!(found, ["BP028 papers/second.md:13"], "{}", &body[..40]);
        assert!(!p.path().join("build/alpha/second.pdf").exists());
        for trust in ["alpha", "beta"] {
            assert!(p.path().join(format!("build/{trust}/update.pdf")).is_file());
        }
    }
}
