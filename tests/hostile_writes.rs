//! Writes through symlinks and raw text (issue 20): `init`, `new` and
//! `merge` write only through the project's one door (no symlink followed
//! anywhere on the written path), `new`'s skeleton escapes what it copies
//! from trust files, reserved ids are refused, and every HTML page carries
//! a Content-Security-Policy no template can lift.

mod common;

#[cfg(unix)]
use std::os::unix::fs::symlink;
use std::path::Path;

use common::Project;

fn guard() -> Project {
    Project::fixture("guard")
}

fn entries(dir: &Path) -> usize {
    std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0)
}

#[cfg(unix)]
#[test]
fn new_never_writes_through_a_symlink() {
    // A dangling symlink at the paper's path (to a file outside).
    let p = guard();
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    symlink(
        outside.path().join("planted.md"),
        p.path().join("papers/fresh.md"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let run = p.run(&["new", "fresh"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("papers/fresh.md already exists (a symlink)"),
        "{}",
        run.stderr
    );
    assert_eq!(entries(outside.path()), 0);
    // `papers/` itself a symlink leading out of the project.
    let p = guard();
    let away = outside.path().join("papers");
    std::fs::rename(p.path().join("papers"), &away).unwrap_or_else(|e| panic!("{e}"));
    symlink(&away, p.path().join("papers")).unwrap_or_else(|e| panic!("{e}"));
    let before = entries(&away);
    let run = p.run(&["new", "fresh"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("papers is a symlink"), "{}", run.stderr);
    assert_eq!(entries(&away), before);
}

#[test]
fn new_refuses_reserved_and_invalid_ids() {
    let p = guard();
    for id in ["pack", "pack-part-ii", "index"] {
        let run = p.run(&["new", id]);
        assert_eq!(run.code, 2, "{id}");
        assert!(run.stderr.contains("BP018"), "{id}: {}", run.stderr);
        assert!(run.stderr.contains("reserved"), "{id}: {}", run.stderr);
    }
    for id in ["Bad", "../up", "a b", ""] {
        let run = p.run(&["new", id]);
        assert_eq!(run.code, 2, "{id:?}: {}", run.stderr);
    }
    assert_eq!(entries(&p.path().join("papers")), 2);
}

/// A governance label and a custom row key with a newline, a `#` and a
/// colon: the skeleton parses back with the trust's keys, and no line of it
/// makes the paper confidential.
#[test]
fn new_escapes_what_it_copies_into_the_skeleton() {
    let p = guard();
    p.edit(
        "trusts/east.yaml",
        "  - alignment\n",
        "  - alignment\n  - key: \"odd: key\\nconfidential: true\"\n    label: \"Odd row\\nconfidential: true # really\"\n    required: false\n",
    );
    let run = p.run(&["new", "fresh"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = p.read("papers/fresh.md");
    assert!(
        !text
            .lines()
            .any(|l| l.trim_start().starts_with("confidential")),
        "{text}"
    );
    let front = text.split("---\n").nth(1).unwrap_or_default();
    let parsed: serde_json::Value =
        serde_saphyr::from_str(front).unwrap_or_else(|e| panic!("{e}\n{front}"));
    assert!(parsed.get("confidential").is_none(), "{parsed}");
    let keys: Vec<&str> = parsed["governance"]
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert!(keys.contains(&"odd: key\nconfidential: true"), "{keys:?}");
    assert!(keys.contains(&"sponsor"), "{keys:?}");
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_symlinked_folder() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let project = dir.path().join("p");
    std::fs::create_dir(&project).unwrap_or_else(|e| panic!("{e}"));
    for linked in ["trusts", "papers", ".github"] {
        let link = project.join(linked);
        symlink(outside.path(), &link).unwrap_or_else(|e| panic!("{e}"));
        let run = common::run_bounded_in(dir.path(), &["init", "p"]);
        assert_eq!(run.run.code, 2, "{linked}: {}", run.run.stderr);
        assert!(
            run.run.stderr.contains(&format!("{linked} is a symlink")),
            "{}",
            run.run.stderr
        );
        assert!(
            run.run.stderr.contains("nothing was changed"),
            "{}",
            run.run.stderr
        );
        assert_eq!(entries(outside.path()), 0, "{linked}");
        // Nothing written in the project either (all checked first).
        assert_eq!(entries(&project), 1, "{linked}");
        std::fs::remove_file(&link).unwrap_or_else(|e| panic!("{e}"));
    }
    // A dangling symlink where the project file goes.
    symlink(outside.path().join("x"), project.join("boardpaper.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let run = common::run_bounded_in(dir.path(), &["init", "p"]);
    assert_eq!(run.run.code, 2, "{}", run.run.stderr);
    assert_eq!(entries(outside.path()), 0);
}

/// Every HTML page of a build carries the policy first in its head, and a
/// template override that lets a `<script>` through `| safe` (before its
/// head, too) still gets the policy ahead of it.
#[test]
fn every_html_page_forbids_script_even_from_an_override() {
    const POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">";
    let p = guard();
    assert_eq!(p.run(&["build"]).code, 0);
    let pages: Vec<_> = common::files_under(&p.path().join("build"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
        .collect();
    assert_eq!(pages.len(), 7);
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap_or_default();
        assert_eq!(html.matches(POLICY).count(), 1, "{}", page.display());
        let head = html.find("<head>").unwrap_or(usize::MAX);
        assert!(html.find(POLICY) > Some(head), "{}", page.display());
        assert!(
            html.find(POLICY) < html.find("<meta charset"),
            "{}",
            page.display()
        );
    }
    p.write(
        "templates/paper.html",
        "<!doctype html><script>alert(1)</script><html lang=\"en\"><head><title>{{ title }}</title></head><body>{{ '<script>alert(2)</script>' | safe }}</body></html>",
    );
    assert_eq!(p.run(&["build"]).code, 0);
    let html = p.read("build/east/staffing.html");
    let policy = html.find(POLICY).unwrap_or(usize::MAX);
    assert!(policy < html.find("<script>").unwrap_or(0), "{html}");
}
