//! Governance and alignment as each trust writes them: its own tick mark and
//! alignment label (asterisk and note), framework items with descriptions,
//! only the aligned items for a trust that lists those alone, and optional
//! rows without a value left out. Each in both the HTML and the PDF.

mod common;

use common::Project;

fn build(p: &Project, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = p.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The alignment table's HTML in a copy.
fn alignment_html(html: &str) -> &str {
    html.split("<table class=\"alignment\">")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("an alignment table")
}

#[test]
fn lpt_ticks_with_x_under_its_asterisked_label_nhft_with_a_check_mark() {
    let p = Project::fixture("demo");
    build(
        &p,
        &["--trust", "lpt", "--trust", "nhft", "--paper", "ema-update"],
    );
    let lpt = p.read("build/lpt/ema-update.html");
    assert!(lpt.contains("<th scope=\"row\">STEP up to GREAT strategic alignment*:</th>"));
    let table = alignment_html(&lpt);
    assert_eq!(
        table.matches("<span aria-hidden=\"true\">X</span>").count(),
        7
    );
    assert!(!table.contains('✓'));
    let nhft = p.read("build/nhft/ema-update.html");
    assert!(nhft.contains("<th scope=\"row\">DIGB Q strategic alignment*:</th>"));
    assert_eq!(
        alignment_html(&nhft)
            .matches("<span aria-hidden=\"true\">✓</span>")
            .count(),
        5
    );
    let text = p.pdftotext(&["-layout"], "build/lpt/ema-update.pdf");
    let row = |label: &str| {
        text.lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("no {label:?} in the LPT PDF"))
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(text.contains("STEP up to GREAT strategic alignment*:"));
    assert_eq!(row("High Standards"), "X");
    assert_eq!(row("Environments"), "Environments", "not aligned: no mark");
    assert!(!text.contains('✓'), "LPT's copy has no check mark");
}

#[test]
fn a_framework_note_follows_the_governance_table_in_both_formats() {
    let p = Project::fixture("demo");
    p.edit(
        "trusts/lpt.yaml",
        "  tick: X\n",
        "  tick: X\n  note: \"* Select the areas the report supports\"\n",
    );
    build(&p, &["--trust", "lpt", "--paper", "ema-update"]);
    let html = p.read("build/lpt/ema-update.html");
    assert!(html.contains(
        "</table>\n</div>\n<p class=\"gov-note\">* Select the areas the report supports</p>"
    ));
    let text = p.pdftotext(&["-layout"], "build/lpt/ema-update.pdf");
    let gov = text
        .find("Equality considerations:")
        .expect("last governance row");
    let note = text
        .find("* Select the areas the report supports")
        .expect("the note in the PDF");
    assert!(note > gov, "the note comes after the table");
}

#[test]
fn a_trust_listing_only_aligned_items_shows_them_with_descriptions_and_no_tick_column() {
    let p = Project::fixture("mini");
    p.edit(
        "trusts/alpha.yaml",
        "  title: Alpha strategic alignment\n",
        "  title: Alpha strategic alignment\n  label: \"Strategic objectives:\"\n  show: aligned\n",
    );
    p.edit(
        "trusts/alpha.yaml",
        "      label: Great care\n",
        "      label: Great care\n      description: \"BAF risk 1: care falls below standard\"\n",
    );
    build(&p, &["--trust", "alpha"]);
    let html = p.read("build/alpha/update.html");
    let table = alignment_html(&html);
    assert!(html.contains("<th scope=\"row\">Strategic objectives:</th>"));
    assert!(table.contains(
        "<th scope=\"row\">Great care<span class=\"item-description\">BAF risk 1: care falls below standard</span></th></tr>"
    ));
    assert!(!table.contains("Great staff"), "not served: left out");
    assert!(!table.contains("Aligned") && !table.contains("class=\"tick\""));
    let text = p.pdftotext(&["-layout"], "build/alpha/update.pdf");
    assert!(text.contains("Great care"));
    assert!(text.contains("BAF risk 1: care falls below standard"));
    assert!(!text.contains("Great staff"));
    assert!(!text.contains('✓'));
}

#[test]
fn an_optional_row_without_a_value_is_left_out_and_shown_once_given() {
    let p = Project::fixture("mini");
    build(&p, &["--trust", "alpha"]);
    let html = p.read("build/alpha/update.html");
    assert!(!html.contains("Extra row:"), "no value: no row");
    assert!(!p
        .pdftotext(&[], "build/alpha/update.pdf")
        .contains("Extra row:"));
    p.edit(
        "papers/update.md",
        "  assurance: assured\n",
        "  assurance: assured\n  extra: Seen by the audit committee\n",
    );
    build(&p, &["--trust", "alpha"]);
    let html = p.read("build/alpha/update.html");
    assert!(html.contains(
        "<th scope=\"row\">Extra row:</th><td class=\"gov-text\">Seen by the audit committee</td>"
    ));
    assert!(p
        .pdftotext(&[], "build/alpha/update.pdf")
        .contains("Seen by the audit committee"));
}

#[test]
fn an_unknown_framework_show_is_an_error_at_its_value() {
    let p = Project::fixture("mini");
    p.edit(
        "trusts/alpha.yaml",
        "  title: Alpha strategic alignment\n",
        "  title: Alpha strategic alignment\n  show: some\n",
    );
    let (code, diags) = p.diagnostics();
    assert_eq!(code, 1);
    let d = diags
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap_or("")
                .contains("framework.show")
        })
        .expect("a diagnostic for `show`");
    assert_eq!(d["code"], "BP001");
    assert_eq!(d["file"], "trusts/alpha.yaml");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(7), Some(9))
    );
}
