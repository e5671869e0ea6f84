//! `boardpaper preview` renders again only what an edit touched (issue 22):
//! on tests/fixtures/preview-edits (three trusts, three papers, one of
//! them for two trusts: 8 variants), editing one paper renders that
//! paper's variants only ("rendered HTML of 3 of 8 variants") and every
//! served copy of it shows the edit, pages in view or not; editing a trust
//! renders that trust's variants again. Every wait is bounded; no timing
//! is asserted (bench/run.sh measures it).

mod common;

use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use common::preview::{get, start_with};
use common::Project;

/// The next line the preview prints that contains `what` (60 s at most).
fn line_with(lines: &Receiver<String>, what: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(line) = lines.recv_timeout(Duration::from_millis(200)) {
            if line.contains(what) {
                return line;
            }
        }
    }
    panic!("the preview printed no line with {what:?} within 60 s");
}

/// The page at `path`, once it shows `text` (the page's reload script
/// polls `/__version?page=`; this does the same, then fetches the page).
fn shown(addr: &str, path: &str, version: &str, text: &str) -> String {
    let poll = format!("/__version?page={}", &path[1..]);
    let deadline = Instant::now() + Duration::from_secs(60);
    while get(addr, addr, &poll).1 == version {
        assert!(Instant::now() < deadline, "no reload signal within 60 s");
        std::thread::sleep(Duration::from_millis(20));
    }
    let (status, page) = get(addr, addr, path);
    assert_eq!(status, 200, "{path}");
    assert!(
        page.contains(text),
        "{path} lacks {text:?} after the reload signal"
    );
    page
}

#[test]
fn an_edit_renders_only_the_variants_it_touched() {
    let project = Project::fixture("preview-edits");
    let (_preview, addr, lines) = start_with(&project, &["--trust", "north", "--paper", "one"]);
    // The first render, then the PDF pass's line is part of it.
    let (status, page) = get(&addr, &addr, "/north/one.html");
    assert_eq!(status, 200);
    assert!(page.contains("The body of paper One, as first written."));
    let (_, two_before) = get(&addr, &addr, "/north/two.html");
    let (_, version) = get(&addr, &addr, "/__version?page=north/one.html");

    // A paper's body: its three variants, the one in view first.
    project.edit("papers/one.md", "as first written", "as edited once");
    let line = line_with(&lines, "a paper changed: ");
    assert!(line.contains("rendered HTML of 3 of 8 variants"), "{line}");
    let page = shown(&addr, "/north/one.html", &version, "as edited once");
    assert!(!page.contains("as first written"));
    // Not in view: still shown fresh, never the old copy.
    for path in ["/south/one.html", "/east/one.html"] {
        let (status, page) = get(&addr, &addr, path);
        assert_eq!(status, 200);
        assert!(page.contains("as edited once"), "{path} is stale");
    }
    let (_, two_after) = get(&addr, &addr, "/north/two.html");
    assert_eq!(strip_script(&two_before), strip_script(&two_after));

    // A trust: its variants (two, one and three) again, the others not.
    let (_, version) = get(&addr, &addr, "/__version?page=south/two.html");
    project.edit(
        "trusts/south.yaml",
        "name: South Edit NHS Trust",
        "name: South Renamed NHS Trust",
    );
    let line = line_with(&lines, "a trust changed: ");
    assert!(line.contains("rendered HTML of 3 of 8 variants"), "{line}");
    shown(
        &addr,
        "/south/two.html",
        &version,
        "South Renamed NHS Trust",
    );
    let (_, north) = get(&addr, &addr, "/north/two.html");
    assert!(!north.contains("South Renamed"));

    // A broken paper: the error overlay over the last good page.
    let (_, version) = get(&addr, &addr, "/__version?page=north/one.html");
    project.edit("papers/one.md", "# Summary", "# Summary {{ trust.shrt }}");
    let page = shown(&addr, "/north/one.html", &version, "id=\"bp-overlay\"");
    assert!(page.contains("papers/one.md:"), "no location");
    assert!(
        page.contains("as edited once"),
        "the last good render is gone"
    );
    // Fixed back to the very text last shown: the overlay goes, the page
    // stays.
    let (_, version) = get(&addr, &addr, "/__version?page=north/one.html");
    project.edit("papers/one.md", "# Summary {{ trust.shrt }}", "# Summary");
    let page = shown(&addr, "/north/one.html", &version, "as edited once");
    assert!(!page.contains("id=\"bp-overlay\""), "the overlay stays");
}

/// A served page without the preview's reload script (which carries the
/// site's version).
fn strip_script(page: &str) -> &str {
    page.split("<script nonce=").next().unwrap_or(page)
}
