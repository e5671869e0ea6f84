//! Board packs (issue 16), built by the real binary from
//! `tests/fixtures/packs`: three papers (one confidential, Part II) going
//! to two trusts, agendas with business items, a sub-item "7.1", a Part II
//! section with a trust's own PDF paper. Read back with `pdftotext`,
//! `qpdf --json` and `qpdf --check`.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use common::{files_under, json_lines, Project};
use serde_json::Value;

fn built() -> Project {
    let p = Project::fixture("packs");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    p
}

/// The agenda page's rows that give a page: title → page, as printed (an
/// item number, when there is one, comes first).
fn agenda_pages(agenda: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for line in agenda.lines() {
        let cols: Vec<&str> = line
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let Some(Ok(page)) = cols.last().map(|c| c.parse::<usize>()) else {
            continue;
        };
        let numbered = cols[0].starts_with(|c: char| c.is_ascii_digit());
        let title = if numbered { cols.get(1) } else { cols.first() };
        if let Some(title) = title.filter(|_| cols.len() > 1 + usize::from(numbered)) {
            out.insert(title.to_string(), page);
        }
    }
    out
}

fn read_bytes(p: &Project, rel: &str) -> Vec<u8> {
    std::fs::read(p.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn qpdf_json(p: &Project, rel: &str) -> Value {
    let out = Command::new("qpdf")
        .args(["--json", "--json-key=pagelabels", "--json-key=outlines"])
        .arg(p.path().join(rel))
        .output()
        .expect("qpdf is needed for this test; .ci/run installs it");
    serde_json::from_slice(&out.stdout).expect("qpdf --json")
}

/// Each bookmark as "  "×depth + title + " @" + page.
fn outline(v: &Value, depth: usize, out: &mut Vec<String>) {
    for o in v.as_array().into_iter().flatten() {
        let line = format!(
            "{}{} @{}",
            "  ".repeat(depth),
            o["title"].as_str().unwrap_or_default(),
            o["destpageposfrom1"]
        );
        out.push(line);
        outline(&o["kids"], depth + 1, out);
    }
}

#[test]
fn the_agendas_page_numbers_are_where_each_item_starts() {
    let p = built();
    for (rel, expected) in [
        (
            "build/alpha/pack.pdf",
            vec![("Five Year Strategy", 3), ("Finance Report Month 11", 5)],
        ),
        (
            "build/beta/pack.pdf",
            vec![("Finance Report Month 11", 3), ("Five Year Strategy", 5)],
        ),
        (
            "build/alpha/pack-part-ii.pdf",
            vec![
                ("Confidential Contract Award Zanzibar", 3),
                ("Estates report", 5),
            ],
        ),
    ] {
        let agenda = p.page_text(&["-layout"], rel, 2);
        let read = agenda_pages(&agenda);
        let want: BTreeMap<String, usize> =
            expected.iter().map(|(t, n)| (t.to_string(), *n)).collect();
        assert_eq!(read, want, "{rel} agenda:\n{agenda}");
        for (title, page) in &want {
            let text = p.page_text(&["-layout"], rel, *page);
            assert!(text.contains(title.as_str()), "{rel} page {page}:\n{text}");
            assert!(
                text.contains("Purpose of the report"),
                "{rel} page {page}: not a front sheet"
            );
            // An imported paper keeps its own footer; ours count the paper.
            let imported = title == "Estates report";
            assert!(
                imported || text.contains("Paper page 1 of 2"),
                "{rel} page {page}:\n{text}"
            );
            let total = p.pdftotext(&[], rel).matches('\u{c}').count();
            assert!(
                text.contains(&format!("Page {page} of {total}")),
                "{rel} page {page}:\n{text}"
            );
        }
    }
}

#[test]
fn agendas_list_business_sub_items_and_unnamed_papers_in_order() {
    let p = built();
    let alpha = p.page_text(&["-layout"], "build/alpha/pack.pdf", 2);
    let order = [
        "Apologies for absence",
        "Declarations of interest",
        "7  ",
        "7.1",
        "Questions from the public",
    ];
    let mut at = 0;
    for needle in order {
        at += alpha[at..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} out of order:\n{alpha}"));
    }
    assert!(!alpha.contains("Private business"), "{alpha}");
    // Beta's agenda does not name the strategy: it follows, unnumbered.
    let beta = p.page_text(&["-layout"], "build/beta/pack.pdf", 2);
    let finance = beta.find("Finance Report Month 11").expect("finance");
    let strategy = beta.find("Five Year Strategy").expect("strategy");
    assert!(finance < strategy, "{beta}");
    let cover = p.page_text(&["-layout"], "build/alpha/pack.pdf", 1);
    for needle in [
        "Alpha NHS Trust",
        "Trust Public Board",
        "Meeting: 26 March 2024",
        "Venue: Alpha House, Leicester",
        "Cycle: March 2024",
        "Papers issued by: Pack Alliance",
    ] {
        assert!(
            cover.contains(needle),
            "{needle:?} not on the cover:\n{cover}"
        );
    }
}

#[test]
fn page_labels_number_the_pages_and_each_item_has_a_bookmark_over_its_papers() {
    let p = built();
    let json = qpdf_json(&p, "build/alpha/pack.pdf");
    assert_eq!(
        json["pagelabels"],
        serde_json::json!([{"index": 0, "label": {"/S": "/D", "/St": 1}}])
    );
    let mut lines = Vec::new();
    outline(&json["outlines"], 0, &mut lines);
    let top: Vec<&str> = lines
        .iter()
        .filter(|l| !l.starts_with(' '))
        .map(String::as_str)
        .collect();
    assert_eq!(
        top,
        [
            "Cover @1",
            "Agenda @2",
            "Item 7 \u{2013} Five Year Strategy @3",
            "Item 7.1 \u{2013} Finance Report Month 11 @5",
        ]
    );
    // The paper's own bookmarks nest under its item.
    let strategy = lines.iter().position(|l| l.starts_with("Item 7 ")).unwrap();
    assert_eq!(lines[strategy + 1], "  Front sheet @3");
    assert!(
        lines.contains(&"    1. Introduction @4".to_string()),
        "{lines:#?}"
    );
}

#[test]
fn every_pack_passes_qpdf_check() {
    let p = built();
    for rel in [
        "build/alpha/pack.pdf",
        "build/alpha/pack-part-ii.pdf",
        "build/beta/pack.pdf",
    ] {
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(p.path().join(rel))
            .output()
            .expect("qpdf");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{rel}: {text}");
        assert!(
            text.contains("No syntax or stream encoding errors"),
            "{rel}: {text}"
        );
    }
}

#[test]
fn a_confidential_paper_is_only_in_the_part_ii_pack() {
    let p = built();
    let public = p.pdftotext(&[], "build/alpha/pack.pdf");
    assert!(!public.contains("Zanzibar"), "{public}");
    assert!(!read_bytes(&p, "build/alpha/pack.pdf")
        .windows(8)
        .any(|w| w == b"Zanzibar"));
    let private = p.pdftotext(&[], "build/alpha/pack-part-ii.pdf");
    assert!(
        private.contains("Confidential Contract Award Zanzibar"),
        "{private}"
    );
    let cover = p.page_text(&["-layout"], "build/alpha/pack-part-ii.pdf", 1);
    assert!(cover.contains("Confidential \u{2013} Part II"), "{cover}");
    assert!(cover.contains("Trust Private Board"), "{cover}");
    // Beta has no Part II business and no confidential paper: no Part II pack.
    assert!(!p.path().join("build/beta/pack-part-ii.pdf").exists());
}

#[test]
fn a_public_build_never_writes_the_part_ii_pack_and_removes_an_earlier_one() {
    let p = built();
    assert!(p.path().join("build/alpha/pack-part-ii.pdf").is_file());
    let run = p.run(&["build", "--public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!p.path().join("build/alpha/pack-part-ii.pdf").exists());
    assert!(p.path().join("build/alpha/pack.pdf").is_file());
    for file in files_under(&p.path().join("build")) {
        let bytes = std::fs::read(&file).unwrap();
        let name = file.to_string_lossy();
        assert!(
            !name.contains("part-ii") && !name.contains("contracts"),
            "{name}"
        );
        assert!(!bytes.windows(8).any(|w| w == b"Zanzibar"), "{name}");
        if name.ends_with(".pdf") {
            let text = p.pdftotext(&[], &name);
            assert!(!text.contains("Zanzibar"), "{name}");
        }
    }
    let manifest = p.read("build/manifest.json");
    assert!(!manifest.contains("pack-part-ii"), "{manifest}");
}

#[test]
fn a_trusts_own_pdf_paper_is_imported_at_its_agenda_item() {
    let p = Project::fixture("packs");
    let own = std::fs::read(p.path().join("own-papers/estates.pdf")).unwrap();
    std::fs::remove_file(p.path().join("own-papers/estates.pdf")).unwrap();
    // Missing: an error at its agenda entry, the item listed without a page,
    // every other output still built.
    let run = p.run(&["build", "--message-format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        diagnostics(&run.stdout),
        ["\"error\" \"BP058\" \"trusts/alpha.yaml\":48:5"]
    );
    let agenda = p.page_text(&["-layout"], "build/alpha/pack-part-ii.pdf", 2);
    let row = agenda
        .lines()
        .find(|l| l.contains("Estates report"))
        .unwrap();
    assert!(row.trim_start().starts_with("10.1"), "{row}");
    assert!(
        !row.trim_end().ends_with(char::is_numeric),
        "a page for a missing file: {row}"
    );
    assert!(p.path().join("build/alpha/pack.pdf").exists());

    // Present (a tagged PDF): its pages follow the agenda at the page it gives.
    p.write("own-papers/estates.pdf", own.clone());
    let run = p.run(&["build", "--message-format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(diagnostics(&run.stdout).is_empty(), "{}", run.stdout);
    let agenda = p.page_text(&["-layout"], "build/alpha/pack-part-ii.pdf", 2);
    let row = agenda
        .lines()
        .find(|l| l.contains("Estates report"))
        .unwrap();
    let page: usize = row.split_whitespace().last().unwrap().parse().unwrap();
    let first = p.page_text(&["-layout"], "build/alpha/pack-part-ii.pdf", page);
    assert!(
        first.contains("Finance Report – Month 7 2023/24")
            && first.contains("Purpose of the report"),
        "{first}"
    );
    assert!(
        first.contains(&format!("Item 10.1 – Estates report · Page {page} of")),
        "{first}"
    );
    let check = std::process::Command::new("qpdf")
        .args(["--check", "build/alpha/pack-part-ii.pdf"])
        .current_dir(p.path())
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    // Encrypted or damaged: an error at the entry that names the file.
    let enc = p.path().join("own-papers/enc.pdf");
    let status = std::process::Command::new("qpdf")
        .args(["--encrypt", "u", "o", "256", "--"])
        .arg(p.path().join("own-papers/estates.pdf"))
        .arg(&enc)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::rename(&enc, p.path().join("own-papers/estates.pdf")).unwrap();
    let run = p.run(&["build", "--message-format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        diagnostics(&run.stdout),
        ["\"error\" \"BP058\" \"trusts/alpha.yaml\":48:5"]
    );
    assert!(
        run.stdout.contains("estates.pdf") && run.stdout.contains("encrypted"),
        "{}",
        run.stdout
    );
    p.write("own-papers/estates.pdf", &own[..own.len() / 2]);
    let run = p.run(&["build", "--message-format", "json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        diagnostics(&run.stdout),
        ["\"error\" \"BP058\" \"trusts/alpha.yaml\":48:5"]
    );
}

/// Each diagnostic of a JSON run as `severity code file:line:column`.
fn diagnostics(stdout: &str) -> Vec<String> {
    json_lines(stdout)
        .iter()
        .filter(|l| l["type"] == "diagnostic")
        .map(|d| {
            format!(
                "{} {} {}:{}:{}",
                d["severity"], d["code"], d["file"], d["line"], d["column"]
            )
        })
        .collect()
}

/// The pack outputs a build wrote afresh (`--message-format json`).
fn fresh_packs(p: &Project) -> Vec<String> {
    let run = p.run(&["build", "--message-format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut out: Vec<String> = json_lines(&run.stdout)
        .iter()
        .filter(|l| l["type"] == "artifact" && l["fresh"] == true)
        .filter(|l| l["paper"].as_str().is_some_and(|s| s.starts_with("pack")))
        .map(|l| {
            format!(
                "{}/{}",
                l["trust"].as_str().unwrap(),
                l["paper"].as_str().unwrap()
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn packs_are_rebuilt_only_when_one_of_their_items_changes() {
    let p = Project::fixture("packs");
    assert_eq!(
        fresh_packs(&p),
        ["alpha/pack", "alpha/pack-part-ii", "beta/pack"]
    );
    assert!(fresh_packs(&p).is_empty(), "a second build rewrote a pack");
    p.edit("papers/contracts.md", "The award of", "The late award of");
    assert_eq!(fresh_packs(&p), ["alpha/pack-part-ii"]);
    p.edit("papers/finance.md", "is on plan", "is behind plan");
    assert_eq!(fresh_packs(&p), ["alpha/pack", "beta/pack"]);
    p.edit("trusts/beta.yaml", "For assurance", "For approval");
    let after_agenda = fresh_packs(&p);
    assert!(
        after_agenda.contains(&"beta/pack".to_string()),
        "{after_agenda:?}"
    );
}

#[test]
fn two_builds_write_the_same_pack_bytes() {
    let p = built();
    let rels = [
        "build/alpha/pack.pdf",
        "build/alpha/pack-part-ii.pdf",
        "build/beta/pack.pdf",
    ];
    let first: Vec<Vec<u8>> = rels.iter().map(|r| read_bytes(&p, r)).collect();
    std::fs::remove_dir_all(p.path().join("build")).unwrap();
    std::fs::remove_dir_all(p.path().join(".boardpaper")).unwrap();
    let run = p.run(&["build", "--jobs", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (rel, bytes) in rels.iter().zip(first) {
        assert!(read_bytes(&p, rel) == bytes, "{rel} differs between builds");
    }
}

#[test]
fn golden_layout_of_a_packs_cover_and_agenda() {
    let p = Project::fixture("packs");
    let run = p.run(&["dump-layout", "--trust", "alpha", "--paper", "pack"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    common::assert_golden("alpha-pack.front.layout.txt", &run.stdout);
}

#[test]
fn the_demo_builds_a_pack_for_every_trust() {
    let p = Project::fixture("demo");
    let run = p.run(&["build", "--format", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for trust in ["dhcft", "lpft", "lpt", "nhft", "nottshc", "sah"] {
        assert!(
            p.path().join(format!("build/{trust}/pack.pdf")).is_file(),
            "{trust}"
        );
    }
    let agenda = p.page_text(&["-layout"], "build/lpt/pack.pdf", 2);
    let read = agenda_pages(&agenda);
    // The minutes, the action log, both common papers, LPT's own finance
    // report and the forward plan.
    assert_eq!(read.len(), 6, "{agenda}");
    for (title, page) in read {
        let words: String = title
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let text = p.page_text(&["-layout"], "build/lpt/pack.pdf", page);
        assert!(
            text.contains(&words),
            "page {page} does not start {title}:\n{text}"
        );
    }
}

#[test]
fn a_confidential_paper_in_the_public_agenda_or_on_no_agenda_goes_only_to_part_ii() {
    let p = Project::fixture("packs");
    // Alpha names the confidential paper before its Part II marker; beta
    // receives it without naming it.
    p.edit(
        "papers/contracts.md",
        "trusts: [alpha]",
        "trusts: [alpha, beta]",
    );
    p.edit(
        "trusts/alpha.yaml",
        "  - item: 8\n",
        "  - item: \"7.2\"\n    paper: contracts\n  - item: 8\n",
    );
    p.edit(
        "trusts/alpha.yaml",
        "  - item: 9\n    paper: contracts\n",
        "  - item: 9\n    title: Other business\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for trust in ["alpha", "beta"] {
        let public = p.pdftotext(&[], &format!("build/{trust}/pack.pdf"));
        assert!(!public.contains("Zanzibar"), "{trust}: {public}");
        let rel = format!("build/{trust}/pack-part-ii.pdf");
        let agenda = p.page_text(&["-layout"], &rel, 2);
        let read = agenda_pages(&agenda);
        assert_eq!(
            read.get("Confidential Contract Award Zanzibar"),
            Some(&3),
            "{trust}: {agenda}"
        );
    }
    let alpha = p.page_text(&["-layout"], "build/alpha/pack-part-ii.pdf", 2);
    let row = alpha.lines().find(|l| l.contains("Zanzibar")).unwrap();
    assert!(row.trim_start().starts_with("7.2"), "{row}");
    let run = p.run(&["build", "--public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for trust in ["alpha", "beta"] {
        assert!(!p
            .path()
            .join(format!("build/{trust}/pack-part-ii.pdf"))
            .exists());
    }
}
