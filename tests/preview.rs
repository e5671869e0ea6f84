//! `boardpaper preview` over loopback with std::net: it binds 127.0.0.1 only,
//! serves the index, a variant (with its bar and reload script) and the PDF
//! from memory, refuses foreign Host headers, and shows the overlay for a
//! broken source. Every wait is bounded; the child is killed at the end.

mod common;

use std::time::{Duration, Instant};

use common::preview::{get, start};
use common::Project;

#[test]
fn preview_serves_from_memory_on_loopback_and_overlays_errors() {
    let project = Project::fixture("demo");
    let (_preview, addr) = start(&project);
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");

    let (status, index) = get(&addr, &addr, "/index.html");
    assert_eq!(status, 200);
    assert!(index.contains("Leicestershire Partnership"), "{index}");
    let (status, page) = get(&addr, &addr, "/lpt/ema-update.html");
    assert_eq!(status, 200);
    assert!(page.contains("aria-label=\"Preview\"") && page.contains("/__version"));
    assert!(!page.contains("id=\"bp-overlay\""));
    let (status, pdf) = get(&addr, &addr, "/nhft/ema-update.pdf");
    assert_eq!(status, 200);
    assert!(pdf.starts_with("%PDF-"));
    // Each trust's board pack, as the index pages link it.
    let (status, pack) = get(&addr, &addr, "/lpt/pack.pdf");
    assert_eq!(status, 200);
    assert!(pack.starts_with("%PDF-"));
    assert_eq!(get(&addr, "attacker.example", "/index.html").0, 403);
    assert!(
        !project.path().join("build").exists(),
        "preview wrote build/"
    );

    let (_, version) = get(&addr, &addr, "/__version");
    project.edit(
        "papers/ema-update/paper.md",
        "# Introduction",
        "# Introduction {{ trust.shrt }}",
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while get(&addr, &addr, "/__version").1 == version {
        assert!(Instant::now() < deadline, "no re-render within 60 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, page) = get(&addr, &addr, "/lpt/ema-update.html");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"bp-overlay\""), "no overlay");
    assert!(page.contains("papers/ema-update/paper.md:"), "no location");
    assert!(page.contains("<h1"), "the last good render is gone");
}

#[test]
fn preview_stops_promptly_on_ctrl_c() {
    let project = Project::fixture("demo");
    let (mut preview, addr) = start(&project);
    assert_eq!(get(&addr, &addr, "/index.html").0, 200);
    let took = preview.interrupt();
    assert!(
        took < Duration::from_secs(1),
        "preview took {took:?} to stop"
    );
}
