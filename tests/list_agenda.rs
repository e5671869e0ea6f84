//! `boardpaper list` shows each trust's agenda (issue 16), and `--trust`
//! narrows it to one trust. Fixture `pack` (see tests/pack_html.rs).

mod common;

use common::Project;

/// The lines of `list`'s "Agendas:" part.
fn agendas(stdout: &str) -> Vec<&str> {
    let at = stdout.find("Agendas:\n").expect("an Agendas part");
    stdout[at..].lines().skip(1).collect()
}

#[test]
fn list_shows_each_trusts_agenda_with_numbers_part_ii_and_files() {
    let run = Project::fixture("pack").run(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        agendas(&run.stdout),
        [
            "  north — Trust Public Board – 24 June 2025, Board Room, North House",
            "    1    Apologies for absence — Chair · For noting · 10:00",
            "    2    Open Alliance Update [paper open-update] — Chief Executive · For information · 10:05",
            "    2.1  Finance report, month 2 [file own/finance.pdf] — Director of Finance · For assurance",
            "    3    Questions from the public — Chair · For response",
            "    Part II: Items to be considered in private",
            "    4    Riverside Land Disposal Negotiations [paper land-sale] — Director of Estates · For approval",
            "    5    Chief Executive's confidential briefing — Chief Executive",
            "  south — Board of Directors – 26 June 2025",
            "    (no agenda)",
        ]
    );
}

#[test]
fn list_trust_shows_only_that_trust() {
    let run = Project::fixture("pack").run(&["list", "--trust", "south"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("north"), "{}", run.stdout);
    assert!(run
        .stdout
        .contains("  south        South NHS Foundation Trust (SOUTH)"));
    assert_eq!(
        agendas(&run.stdout),
        [
            "  south — Board of Directors – 26 June 2025",
            "    (no agenda)"
        ]
    );
    // The papers south receives: all three (no `trusts:` list narrows them).
    assert!(run.stdout.contains("  workforce  "));
}

#[test]
fn list_with_an_unknown_trust_is_an_error_with_a_suggestion() {
    let run = Project::fixture("pack").run(&["list", "--trust", "nort"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("unknown trust `nort`: did you mean `north`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_paper_item_without_a_title_takes_the_papers_own_title_for_that_trust() {
    let p = Project::fixture("pack");
    p.edit(
        "papers/open-update.md",
        "objectives: [quality]\n",
        "objectives: [quality]\nvariants:\n  north:\n    title: North's Own Title\n",
    );
    let run = p.run(&["list", "--trust", "north"]);
    assert!(
        run.stdout
            .contains("    2    North's Own Title [paper open-update] — Chief Executive"),
        "{}",
        run.stdout
    );
}
