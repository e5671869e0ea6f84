//! Lay out once (issue 22): a build lays each paper out once, however many
//! board packs hold it, in one pass (a contents page takes none more);
//! a paper whose outputs the cache holds is laid out again only when a
//! pack that holds it must be built again. Likewise a trust's own PDF is
//! parsed only for a pack that includes it and must be built again. The
//! counts come from the hidden `build --timings` report ("papers laid
//! out: N in P passes", "own PDFs parsed: N").

mod common;

use common::Project;

/// ((papers laid out, passes), own PDFs parsed) of a `build --timings`
/// run's report.
fn counts(project: &Project, extra: &[&str]) -> ((usize, usize), usize) {
    let mut args = vec!["build", "--timings", "--out", "out"];
    args.extend(extra);
    let run = project.run(&args);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let count = |prefix: &str| {
        run.stderr
            .lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} in:\n{}", run.stderr))
            .to_owned()
    };
    let line = count("papers laid out: ");
    let (papers, passes) = line.split_once(" in ").expect("N in P passes");
    let passes = passes.strip_suffix(" passes").expect("passes");
    let parsed = count("own PDFs parsed: ");
    let laid = (papers.parse().unwrap(), passes.parse().unwrap());
    (laid, parsed.parse().unwrap())
}

/// (papers laid out, passes) of a `build --timings` run's report.
fn layouts(project: &Project, extra: &[&str]) -> (usize, usize) {
    counts(project, extra).0
}

/// The paper PDFs (not packs) in the build's manifest.
fn paper_pdfs(project: &Project) -> usize {
    let manifest: serde_json::Value =
        serde_json::from_str(&project.read("out/manifest.json")).unwrap();
    manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["format"] == "pdf" && !f["paper"].as_str().unwrap().starts_with("pack"))
        .count()
}

// The fixture: alpha gets strategy (contents of three pages), finance,
// annual (contents, outside the agenda) and contracts (Part II); beta
// gets strategy and finance. Six paper PDFs, three with contents pages,
// and three packs holding all six papers; alpha's Part II pack also
// includes the trust's own PDF (own-papers/estates.pdf).

#[test]
fn packs_lay_out_no_paper_its_own_pdf_laid_out() {
    let project = Project::fixture("layout-once");
    let with_packs = layouts(&project, &[]);
    for pack in ["alpha/pack.pdf", "alpha/pack-part-ii.pdf", "beta/pack.pdf"] {
        assert!(project.path().join("out").join(pack).is_file(), "{pack}");
    }
    assert_eq!(paper_pdfs(&project), 6);
    // Each paper once, in one pass: a contents page takes none more.
    assert_eq!(with_packs, (6, 6));
    let other = Project::fixture("layout-once");
    assert_eq!(layouts(&other, &["--no-packs"]), with_packs);
}

#[test]
fn a_cached_paper_is_laid_out_only_for_a_pack_built_again() {
    let project = Project::fixture("layout-once");
    layouts(&project, &[]);
    assert_eq!(layouts(&project, &[]), (0, 0), "nothing changed");
    // Finance goes to both trusts: its two PDFs are laid out, and both
    // public packs are built again, with the papers whose own PDFs were
    // kept: alpha's strategy and annual, beta's strategy (one pass each,
    // contents pages and all). Alpha's Part II pack is kept.
    project.edit("papers/finance.md", "is on plan", "is ahead of plan");
    assert_eq!(layouts(&project, &[]), (5, 5));
    project.edit("papers/finance.md", "ahead of", "behind");
    assert_eq!(layouts(&project, &["--no-packs"]), (2, 2));
}

#[test]
fn a_paper_whose_pdf_is_cached_is_laid_out_for_its_pack_alone() {
    let project = Project::fixture("layout-once");
    layouts(&project, &[]);
    // Contracts goes only into alpha's Part II pack: its PDF and that pack
    // are made again, the pack placing the pages the PDF laid out.
    project.edit("papers/contracts.md", "Award the contract", "Award it");
    assert_eq!(layouts(&project, &[]), (1, 1));
    // A pack whose output is gone is built again, its papers' PDFs kept:
    // it lays out its papers alone (contracts), no other.
    std::fs::remove_file(project.path().join("out/alpha/pack-part-ii.pdf")).unwrap();
    assert_eq!(layouts(&project, &[]), (1, 1));
    // Alpha's public pack: strategy and annual, finance.
    std::fs::remove_file(project.path().join("out/alpha/pack.pdf")).unwrap();
    assert_eq!(layouts(&project, &[]), (3, 3));
    assert_eq!(layouts(&project, &[]), (0, 0), "nothing changed");
}

#[test]
fn an_own_pdf_is_parsed_only_for_a_pack_built_again() {
    let project = Project::fixture("layout-once");
    assert_eq!(counts(&project, &[]).1, 1, "estates, for alpha's Part II");
    assert_eq!(counts(&project, &[]).1, 0, "nothing changed");
    // A paper in another pack: that pack is built again, without it.
    project.edit("papers/finance.md", "is on plan", "is ahead of plan");
    assert_eq!(counts(&project, &[]).1, 0, "the public packs have none");
    // A paper in the same pack: the pack is built again, the file parsed
    // once.
    project.edit("papers/contracts.md", "Award the contract", "Award it");
    assert_eq!(counts(&project, &[]), ((1, 1), 1));
    // The file itself changed: parsed again (a pack key is its bytes').
    let pdf = project.path().join("own-papers/estates.pdf");
    let mut bytes = std::fs::read(&pdf).unwrap();
    bytes.extend_from_slice(b"\n% touched\n");
    std::fs::write(&pdf, bytes).unwrap();
    assert_eq!(counts(&project, &[]), ((1, 1), 1), "contracts placed again");
    assert_eq!(counts(&project, &[]).1, 0);
}

/// The heading a line of `pdftotext -layout` shows ("26. Priority 24
/// . . . 7" gives "Priority 24"), and the page number a contents line
/// ends with.
fn heading(line: &str) -> (&str, Option<usize>) {
    let line = line.trim();
    let rest = line.split_once(". ").map_or(line, |(_, r)| r);
    let title = rest.split("  ").next().unwrap_or(rest).trim();
    let title = title.split(" . .").next().unwrap_or(title);
    let leaders = line.contains("...") || line.contains(". . .");
    let number = leaders
        .then(|| line.split_whitespace().last()?.parse().ok())
        .flatten();
    (title, number)
}

#[test]
fn a_long_contents_gives_the_pages_headings_land_on() {
    let project = Project::fixture("layout-once");
    layouts(&project, &[]);
    let text = project.pdftotext(&["-layout"], "out/alpha/strategy.pdf");
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let contents: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].contains("......") || pages[i].contains(". . . . . ."))
        .collect();
    let [first, .., last] = contents[..] else {
        panic!("a contents page of several pages: {contents:?}");
    };
    assert_eq!(last - first + 1, contents.len(), "{contents:?}");
    // Every entry's number is the page its heading starts on.
    for n in [1, 24, 70] {
        let title = format!("Priority {n}");
        let listed = pages[first..=last]
            .iter()
            .flat_map(|p| p.lines())
            .map(heading)
            .find(|(t, _)| *t == title)
            .and_then(|(_, n)| n)
            .unwrap_or_else(|| panic!("{title} is not listed"));
        let found = (last + 1..pages.len())
            .find(|&k| {
                pages[k]
                    .lines()
                    .any(|l| heading(l) == (title.as_str(), None))
            })
            .map(|k| k + 1)
            .unwrap_or_else(|| panic!("{title} is not in the paper"));
        assert_eq!(listed, found, "{title}");
    }
}

/// The raw (still deflated) content streams of each page of the PDF at
/// `path`, in page order.
fn page_streams(project: &Project, path: &str) -> Vec<Vec<Vec<u8>>> {
    let doc = lopdf::Document::load(project.path().join(path)).unwrap();
    doc.get_pages()
        .values()
        .map(|&page| {
            let dict = doc.get_dictionary(page).unwrap();
            let contents = match dict.get(b"Contents").unwrap() {
                lopdf::Object::Array(refs) => refs.clone(),
                one => vec![one.clone()],
            };
            contents
                .iter()
                .map(|r| {
                    let id = r.as_reference().unwrap();
                    doc.get_object(id)
                        .unwrap()
                        .as_stream()
                        .unwrap()
                        .content
                        .clone()
                })
                .collect()
        })
        .collect()
}

/// A paper's pages are drawn once: its own PDF and every pack that holds
/// it write the same content streams, byte for byte (after an overlay of
/// each output's own: header, footer, page numbers).
#[test]
fn packs_write_the_content_streams_their_papers_pdfs_wrote() {
    let project = Project::fixture("layout-once");
    layouts(&project, &[]);
    let packs = [
        ("out/alpha/pack.pdf", &["strategy", "finance", "annual"][..]),
        ("out/beta/pack.pdf", &["strategy", "finance"][..]),
    ];
    for (pack, papers) in packs {
        let pack_pages = page_streams(&project, pack);
        let in_pack: Vec<&Vec<u8>> = pack_pages.iter().filter_map(|p| p.get(1)).collect();
        let trust = pack.split('/').nth(1).unwrap();
        for paper in papers {
            let own = page_streams(&project, &format!("out/{trust}/{paper}.pdf"));
            let content: Vec<&Vec<u8>> = own.iter().map(|p| &p[1]).collect();
            assert!(
                own.iter().all(|p| p.len() == 2),
                "{paper}: overlay, content"
            );
            let found = in_pack
                .windows(content.len())
                .any(|w| w == content.as_slice());
            assert!(
                found,
                "{trust}'s {paper}: its pages' streams are not in {pack}"
            );
        }
        // The overlays are the pack's own (its page numbers), not the paper's.
        assert_ne!(
            pack_pages[2][0],
            page_streams(&project, &format!("out/{trust}/{}.pdf", papers[0]))[0][0]
        );
    }
}
