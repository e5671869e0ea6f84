//! Draft status (issue 16): a draft's PDF pages carry a "DRAFT" watermark
//! that is an artifact, not content; its titles and HTML say DRAFT; a final
//! build refuses (or, with `drafts: warn`, warns about) every draft at its
//! `draft:` line and still builds everything else.
//!
//! Fixture `drafts`: trusts north and south; `final-report` is final,
//! `budget` is a draft (`draft: true` at papers/budget.md:4:8, five pages),
//! `estates` is a draft for south only (`variants.south.draft`, at
//! papers/estates.md:13:12). North's agenda names all three.

mod common;

use std::process::Command;

use common::{json_locations, Project, Run};

const BUDGET_AT: &str = "BP036 papers/budget.md:4:8";
const ESTATES_AT: &str = "BP036 papers/estates.md:13:12";

fn ok(p: &Project, args: &[&str]) -> Run {
    let run = p.run(args);
    assert_eq!(run.code, 0, "{args:?}\n{}\n{}", run.stdout, run.stderr);
    run
}

fn tool(p: &Project, program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(p.path())
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed for this test ({e}); .ci/run installs it"));
    assert!(out.status.success(), "{program} {args:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pages(p: &Project, pdf: &str) -> usize {
    let info = tool(p, "pdfinfo", &[pdf]);
    let line = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .expect("Pages");
    line[6..].trim().parse().expect("a page count")
}

/// The letters of the words `pdftotext -bbox` finds on page `n` that are
/// taller than any body or heading text (the watermark's, read as it
/// crosses the lines of text), sorted.
fn tall_letters(p: &Project, pdf: &str, n: usize) -> String {
    let n = n.to_string();
    let xml = tool(p, "pdftotext", &["-bbox", "-f", &n, "-l", &n, pdf, "-"]);
    let mut letters: Vec<char> = Vec::new();
    for word in xml.split("<word ").skip(1) {
        let attr = |name: &str| -> f32 {
            let at = word.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
            word[at..]
                .split('"')
                .next()
                .and_then(|v| v.parse().ok())
                .expect("a number")
        };
        let text = word
            .split('>')
            .nth(1)
            .and_then(|t| t.split('<').next())
            .unwrap_or("");
        if attr("yMax") - attr("yMin") > 40.0 {
            letters.extend(text.chars());
        }
    }
    letters.sort_unstable();
    letters.into_iter().collect()
}

fn sorted(word: &str) -> String {
    let mut c: Vec<char> = word.chars().collect();
    c.sort_unstable();
    c.into_iter().collect()
}

#[test]
fn a_draft_pdf_has_the_watermark_on_every_page_and_never_as_content() {
    let p = Project::fixture("drafts");
    ok(&p, &["build"]);
    let pdf = "build/north/budget.pdf";
    let n = pages(&p, pdf);
    assert!(n >= 3, "the draft runs over several pages ({n})");
    for page in 1..=n {
        assert_eq!(tall_letters(&p, pdf, page), sorted("DRAFT"), "page {page}");
    }
    let info = tool(&p, "pdfinfo", &[pdf]);
    assert!(
        info.contains("Title:           DRAFT – Budget Setting 2026/27"),
        "{info}"
    );
    // The tag tree has the titles that say DRAFT, never the watermark.
    let tree = tool(&p, "pdfinfo", &["-struct-text", pdf]);
    assert!(
        tree.contains("\"DRAFT – Budget Setting 2026/27\""),
        "{tree}"
    );
    assert_eq!(
        tree.matches("DRAFT").count(),
        tree.matches("DRAFT – Budget Setting 2026/27").count(),
        "{tree}"
    );
    // A final paper has none of it.
    let fin = "build/north/final-report.pdf";
    for page in 1..=pages(&p, fin) {
        assert_eq!(tall_letters(&p, fin, page), "", "page {page}");
    }
    assert!(!p.pdftotext(&[], fin).contains("DRAFT"));
}

#[test]
fn a_draft_html_says_draft_in_its_title_heading_and_banner() {
    let p = Project::fixture("drafts");
    ok(&p, &["build"]);
    let html = p.read("build/north/budget.html");
    assert!(html.contains("<title>DRAFT – Budget Setting 2026&#x2F;27 – NORTH</title>"));
    assert!(html.contains("<h1>DRAFT – Budget Setting 2026&#x2F;27</h1>"));
    assert!(html.contains("<p class=\"banner-draft\"><strong>Draft</strong>"));
    let fin = p.read("build/north/final-report.html");
    assert!(!fin.contains("DRAFT") && !fin.contains("banner-draft"));
    // A variant's draft: south's copy only.
    assert!(p
        .read("build/south/estates.html")
        .contains("<p class=\"banner-draft\">"));
    assert!(!p.read("build/north/estates.html").contains("banner-draft"));
    assert!(!p
        .pdftotext(&[], "build/north/estates.pdf")
        .contains("DRAFT"));
    assert!(p
        .pdftotext(&[], "build/south/estates.pdf")
        .contains("DRAFT – Estates Strategy"));
}

#[test]
fn a_final_build_refuses_each_draft_at_its_line_and_builds_the_rest() {
    let p = Project::fixture("drafts");
    let run = p.run(&["build", "--final", "--message-format", "json"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(json_locations(&run.stdout), [BUDGET_AT, ESTATES_AT]);
    let build = p.path().join("build");
    for gone in ["north/budget", "south/budget", "south/estates"] {
        for ext in ["pdf", "html"] {
            assert!(
                !build.join(format!("{gone}.{ext}")).exists(),
                "{gone}.{ext}"
            );
        }
    }
    for built in ["north/final-report", "south/final-report", "north/estates"] {
        for ext in ["pdf", "html"] {
            assert!(
                build.join(format!("{built}.{ext}")).exists(),
                "{built}.{ext}"
            );
        }
    }
    let pack = p.read("build/north/index.html");
    assert!(!pack.contains("budget.html") && !pack.contains("budget.pdf"));
    // The refused draft stays on the agenda, unlinked, marked draft.
    assert!(pack.contains(
        "<span class=\"paper-title\">Budget Setting 2026&#x2F;27 <strong>(draft)</strong></span>"
    ));
    // Human output: the error, its line and its hint.
    let human = p.run(&["build", "--final"]);
    assert!(
        human
            .stderr
            .contains("error[BP036]: paper `budget` is marked draft"),
        "{}",
        human.stderr
    );
    assert!(human.stderr.contains("--> papers/budget.md:4:8"));
    assert!(human.stderr.contains("drafts: warn"));
}

#[test]
fn a_final_build_removes_the_drafts_an_earlier_build_wrote() {
    let p = Project::fixture("drafts");
    ok(&p, &["build"]);
    assert!(p.path().join("build/north/budget.pdf").exists());
    let run = p.run(&["build", "--final"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!p.path().join("build/north/budget.pdf").exists());
    assert!(!p.path().join("build/south/estates.html").exists());
    assert!(p.path().join("build/north/estates.html").exists());
}

#[test]
fn with_drafts_warn_a_final_build_builds_drafts_with_a_warning() {
    let p = Project::fixture("drafts");
    p.edit("boardpaper.yaml", "formats:", "drafts: warn\nformats:");
    let run = ok(&p, &["build", "--final", "--message-format", "json"]);
    assert_eq!(json_locations(&run.stdout), [BUDGET_AT, ESTATES_AT]);
    let severities: Vec<_> = common::json_lines(&run.stdout)
        .into_iter()
        .filter(|d| d["type"] == "diagnostic")
        .map(|d| d["severity"].clone())
        .collect();
    assert_eq!(severities, ["warning", "warning"]);
    assert_eq!(
        tall_letters(&p, "build/north/budget.pdf", 2),
        sorted("DRAFT")
    );
    assert!(p.path().join("build/south/estates.pdf").exists());
    // --deny-warnings makes the warning fail the build.
    let strict = p.run(&["--deny-warnings", "build", "--final"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn a_draft_cycle_makes_every_paper_a_draft_and_a_final_build_refuses_it_at_its_line() {
    let p = Project::fixture("drafts");
    // boardpaper.yaml line 7: `draft: true`, the value at column 8.
    p.edit(
        "boardpaper.yaml",
        "formats: [pdf, html]\n",
        "formats: [pdf, html]\ndraft: true\n",
    );
    ok(&p, &["build"]);
    let fin = "build/north/final-report.pdf";
    for page in 1..=pages(&p, fin) {
        assert_eq!(tall_letters(&p, fin, page), sorted("DRAFT"), "page {page}");
    }
    assert!(p
        .read("build/south/final-report.html")
        .contains("<h1>DRAFT – Quality Report</h1>"));
    let run = p.run(&["build", "--final", "--message-format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        json_locations(&run.stdout),
        ["BP036 boardpaper.yaml:7:8", BUDGET_AT, ESTATES_AT]
    );
    let left: Vec<_> = common::files_under(&p.path().join("build"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(
        left.is_empty(),
        "no paper of a draft cycle is final: {left:?}"
    );
}

#[test]
fn draft_must_be_true_or_false() {
    let p = Project::fixture("drafts");
    p.edit("papers/budget.md", "draft: true", "draft: maybe");
    let (code, diags) = p.diagnostics();
    assert_eq!(code, 1);
    let at: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}",
                d["code"].as_str().unwrap_or(""),
                d["file"].as_str().unwrap_or(""),
                d["line"]
            )
        })
        .collect();
    assert_eq!(at, ["BP001 papers/budget.md:4"], "{diags:?}");
}

#[test]
fn the_pack_page_marks_draft_items_and_a_draft_cycle_is_a_draft_pack() {
    let p = Project::fixture("drafts");
    ok(&p, &["build"]);
    let pack = p.read("build/north/index.html");
    assert!(pack.contains(
        "<a href=\"budget.html\">Budget Setting 2026&#x2F;27</a> <strong>(draft)</strong>"
    ));
    // Estates is a draft for south only; north's copy is final.
    assert!(pack.contains("<a href=\"estates.html\">Estates Strategy</a></span>"));
    assert!(!pack.contains("<p class=\"banner-draft\">"));
    assert!(pack.contains("<title>NORTH board pack – July 2025</title>"));
    p.edit(
        "boardpaper.yaml",
        "formats: [pdf, html]\n",
        "formats: [pdf, html]\ndraft: true\n",
    );
    ok(&p, &["build"]);
    let pack = p.read("build/north/index.html");
    assert!(pack.contains("<title>DRAFT – NORTH board pack – July 2025</title>"));
    assert!(pack.contains("<h1>DRAFT – NORTH board pack – July 2025</h1>"));
    assert!(pack.contains("<p class=\"banner-draft\"><strong>Draft</strong>"));
    assert!(pack.contains("Quality Report</a> <strong>(draft)</strong>"));
}

#[test]
fn a_draft_builds_to_the_same_bytes_twice() {
    let p = Project::fixture("drafts");
    ok(&p, &["build", "--out", "one"]);
    ok(&p, &["build", "--out", "two"]);
    for f in ["north/budget.pdf", "north/budget.html", "south/estates.pdf"] {
        let a = std::fs::read(p.path().join("one").join(f)).expect("built");
        let b = std::fs::read(p.path().join("two").join(f)).expect("built");
        assert!(a == b, "{f} differs between builds");
    }
}

/// Issue 25: a final build with a draft for one trust. North's pack lists
/// the refused draft by its title (not its id) without a page; south,
/// whose one confidential paper is its draft, gets no Part II pack of a
/// cover and an empty agenda; and a trust whose only paper is a refused
/// draft keeps its pack page and its place in the cycle's index.
#[test]
fn a_final_build_with_a_draft_leaves_correct_packs_and_indexes() {
    let p = Project::fixture("drafts");
    p.edit(
        "papers/estates.md",
        "  south:\n    draft: true\n",
        "  south:\n    draft: true\n    confidential: true\n",
    );
    p.write(
        "trusts/west.yaml",
        "name: West NHS Trust\nshort: WEST\nboard: Trust Public Board\nmeeting: 2025-07-23\n\
         framework:\n  title: West alignment\n  items:\n    - { id: care, label: Great care, objectives: [quality] }\n\
         governance: [sponsor, author, assurance, alignment]\n\
         assurance-levels: [limited, reasonable, substantial]\nagenda: [budget]\n",
    );
    p.edit(
        "papers/budget.md",
        "draft: true\n",
        "draft: true\ntrusts: [north, west]\n",
    );
    for (paper, title) in [
        ("final-report", "Quality Report"),
        ("estates", "Estates Strategy"),
    ] {
        let from = format!("title: {title}\n");
        let to = format!("title: {title}\ntrusts: [north, south]\n");
        p.edit(&format!("papers/{paper}.md"), &from, &to);
    }
    let run = p.run(&["build", "--final"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let agenda = p.page_text(&["-layout"], "build/north/pack.pdf", 2);
    assert!(agenda.contains("Budget Setting 2026/27"), "{agenda}");
    assert!(!agenda.contains(" budget"), "{agenda}");
    assert!(!p.path().join("build/south/pack-part-ii.pdf").exists());
    assert!(p.path().join("build/south/pack.pdf").exists());
    let west = p.read("build/west/index.html");
    assert!(west.contains("Budget Setting 2026&#x2F;27"), "{west}");
    assert!(
        !p.path().join("build/west/pack.pdf").exists(),
        "a pack of nothing"
    );
    let cycle = p.read("build/index.html");
    assert!(cycle.contains("href=\"west&#x2F;index.html\""), "{cycle}");
}
