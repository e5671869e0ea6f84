//! Incremental builds: what a rebuild re-renders after each kind of change,
//! read from `build`'s summary line ("N written, M unchanged"), and output
//! bytes that do not depend on `--jobs`.

mod common;

use common::Project;

/// (written, unchanged) from a build's summary line.
fn counts(p: &Project, args: &[&str]) -> (usize, usize) {
    let run = p.run(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run.stdout.lines().next().unwrap_or_default().to_owned();
    let num = |after: &str| -> usize {
        let at = line.find(after).unwrap_or_else(|| panic!("{line}"));
        line[..at]
            .rsplit(|c: char| !c.is_ascii_digit())
            .find(|s| !s.is_empty())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("{line}"))
    };
    (num(" written"), num(" unchanged"))
}

// mini: update → alpha, beta; second → alpha. 3 variants, 6 files, and a
// board pack per trust: 8 (the counts leave out the index pages, which
// every build renders).

#[test]
fn a_no_op_rebuild_renders_nothing() {
    let p = Project::fixture("mini");
    assert_eq!(counts(&p, &["build"]), (8, 0));
    assert_eq!(counts(&p, &["build"]), (0, 8));
}

#[test]
fn editing_one_paper_renders_only_its_variants() {
    let p = Project::fixture("mini");
    counts(&p, &["build"]);
    p.edit("papers/second.md", "Body text", "Edited body text");
    // second goes to alpha only: its PDF and HTML, and alpha's pack.
    assert_eq!(counts(&p, &["build"]), (3, 5));
}

#[test]
fn editing_one_trust_renders_only_its_variants() {
    let p = Project::fixture("mini");
    counts(&p, &["build"]);
    p.edit(
        "trusts/beta.yaml",
        "label: Quality",
        "label: Quality and safety",
    );
    // beta receives update only: its PDF and HTML, and beta's pack.
    assert_eq!(counts(&p, &["build"]), (3, 5));
}

#[test]
fn a_template_override_renders_html_only() {
    let p = Project::fixture("mini");
    counts(&p, &["build"]);
    p.write("templates/style.css", "body { color: black; }\n");
    assert_eq!(counts(&p, &["build"]), (3, 5));
    let html = p.read("build/alpha/update.html");
    assert!(html.contains("color: black"), "{html}");
}

/// The one state file `.boardpaper/` holds for the project's build/ folder.
fn state_file(p: &Project) -> String {
    let dir = p.path().join(".boardpaper");
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    format!(".boardpaper/{}", files[0])
}

#[test]
fn a_corrupt_or_stale_cache_is_ignored() {
    let p = Project::fixture("mini");
    counts(&p, &["build"]);
    let state = state_file(&p);
    p.write(&state, "{ not json");
    assert_eq!(counts(&p, &["build"]), (8, 0));
    let cache = p.read(&state);
    p.write(
        &state,
        cache.replace(env!("CARGO_PKG_VERSION"), "0.0.0-old"),
    );
    assert_eq!(counts(&p, &["build"]), (8, 0));
    assert_eq!(counts(&p, &["build"]), (0, 8));
}

#[test]
fn the_cache_of_earlier_versions_leaves_the_output_folder() {
    let p = Project::fixture("mini");
    p.write(
        "build/.boardpaper-cache.json",
        "{\"version\":\"0.1.0\",\"entries\":{}}",
    );
    counts(&p, &["build"]);
    assert!(!p.path().join("build/.boardpaper-cache.json").exists());
    assert!(p.path().join(state_file(&p)).is_file());
}

#[test]
fn a_damaged_output_is_rendered_again() {
    let p = Project::fixture("mini");
    counts(&p, &["build"]);
    p.write("build/beta/update.pdf", "truncated");
    assert_eq!(counts(&p, &["build"]), (1, 7));
    let pdf = std::fs::read(p.path().join("build/beta/update.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
}

#[test]
fn output_bytes_do_not_depend_on_jobs() {
    let p = Project::fixture("demo");
    let one = p.run(&["build", "--jobs", "1", "--out", "one"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    let four = p.run(&["build", "--jobs", "4", "--out", "four"]);
    assert_eq!(four.code, 0, "{}", four.stderr);
    let manifest = p.read("one/manifest.json");
    assert_eq!(manifest, p.read("four/manifest.json"));
    for dir in ["lpt", "nhft", "sah"] {
        for entry in std::fs::read_dir(p.path().join("one").join(dir)).unwrap() {
            let name = entry.unwrap().file_name();
            let rel = format!("{dir}/{}", name.to_string_lossy());
            let a = std::fs::read(p.path().join("one").join(&rel)).unwrap();
            let b = std::fs::read(p.path().join("four").join(&rel)).unwrap();
            assert!(a == b, "{rel} differs between --jobs 1 and --jobs 4");
        }
    }
}

#[test]
fn a_no_op_rebuild_does_not_even_resolve() {
    let p = Project::fixture("mini");
    counts(&p, &["build"]);
    let run = p.run(&["build", "--timings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = format!("{}{}", run.stdout, run.stderr);
    let resolve = report
        .lines()
        .find(|l| l.trim_start().starts_with("variants/resolve"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(resolve.trim_end().ends_with(" 0.0"), "{resolve}");
}

#[test]
fn an_image_changed_on_disk_is_shown_again() {
    let p = Project::fixture("mini");
    let paper = "---\ntitle: Charts\npurpose: Show a chart\nrecommendations:\n  \
        ok: Note the chart\ngovernance:\n  sponsor: Chair\n  author: Secretary\n  \
        assurance: assured\ntrusts: [alpha]\n---\n\n![The chart](chart.png)\n\n\
        {{ recommendation(\"ok\") }}\n";
    p.write("papers/charts/paper.md", paper);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let blue = std::fs::read(fixtures.join("chart-blue.png")).unwrap();
    let green = std::fs::read(fixtures.join("chart-green.png")).unwrap();
    p.write("papers/charts/chart.png", &blue);
    assert_eq!(counts(&p, &["build"]), (10, 0));
    let before = p.read("build/alpha/charts.html");
    assert_eq!(counts(&p, &["build"]), (0, 10));
    // Same paper text, same size of file: only the pixels differ.
    assert_eq!(blue.len(), green.len());
    p.write("papers/charts/chart.png", &green);
    // The chart's PDF and HTML, and alpha's pack, which shows it.
    assert_eq!(counts(&p, &["build"]), (3, 7));
    assert_ne!(before, p.read("build/alpha/charts.html"));
}

#[test]
fn warnings_of_reused_outputs_are_reported_again() {
    let p = Project::fixture("mini");
    // No bundled font has this character: a warning while writing the PDF.
    p.edit("papers/second.md", "Body text", "Body \u{4e2d} text");
    for _ in 0..2 {
        let run = p.run(&["build", "--deny-warnings"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("BP023"), "{}", run.stderr);
    }
    assert_eq!(counts(&p, &["build"]), (0, 8));
}
