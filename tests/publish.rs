//! The output folder means what the last build says (issue 15): no Part II
//! paper after `--public`, stale outputs removed (but never a file the tool
//! did not write, never through a symlink), state kept in `.boardpaper/`,
//! filtered builds and merged shards that list every file on disk.
//!
//! Fixture `publish`: trusts north and south; `open-update` goes to both,
//! `land-sale` (confidential, "Riverside Land Disposal Negotiations") to
//! both, `south-workforce` to south only. 5 variants, 10 files, and each
//! trust's public and Part II board packs: 14.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Project, Run, BIN};

const SECRET_ID: &str = "land-sale";
const SECRET_TITLE: &str = "Riverside Land Disposal Negotiations";

fn ok(p: &Project, args: &[&str]) -> Run {
    let run = p.run(args);
    assert_eq!(run.code, 0, "{args:?}\n{}\n{}", run.stdout, run.stderr);
    run
}

/// Every file (not folder) under `dir`, relative, `/`-separated.
fn walk(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect()
}

/// The files on disk the manifest must list: all but index pages and itself.
fn outputs_on_disk(dir: &Path) -> BTreeSet<String> {
    walk(dir)
        .into_iter()
        .filter(|f| f != "manifest.json" && !f.ends_with("index.html"))
        .collect()
}

fn manifest(dir: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["files"].as_array().unwrap().clone()
}

fn manifest_paths(dir: &Path) -> BTreeSet<String> {
    manifest(dir)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

/// Whether `path` is a trust's board pack.
fn is_pack(path: &str) -> bool {
    path.ends_with("/pack.pdf") || path.ends_with("/pack-part-ii.pdf")
}

/// The `href`s of an HTML page (the templates escape `/` as `&#x2F;`).
fn hrefs(html: &str) -> BTreeSet<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|h| h.replace("&#x2F;", "/"))
        .collect()
}

/// Every output is linked from the cycle index and from its trust's index.
fn assert_indexes_link(dir: &Path, paths: &BTreeSet<String>) {
    let cycle = hrefs(&std::fs::read_to_string(dir.join("index.html")).unwrap());
    // The board packs (tests/packs.rs) are listed in the manifest; the
    // index pages do not link them yet.
    for path in paths.iter().filter(|p| !is_pack(p)) {
        assert!(cycle.contains(path), "index.html does not link {path}");
        let (trust, file) = path.split_once('/').unwrap();
        let page = std::fs::read_to_string(dir.join(trust).join("index.html")).unwrap();
        assert!(
            hrefs(&page).contains(file),
            "{trust}/index.html does not link {file}"
        );
    }
}

#[test]
fn a_public_rebuild_leaves_nothing_naming_the_part_ii_paper() {
    let p = Project::fixture("publish");
    ok(&p, &["build"]);
    let build = p.path().join("build");
    assert!(build.join("north/land-sale.pdf").is_file());
    assert!(build.join("south/land-sale.html").is_file());
    let run = ok(&p, &["build", "--public"]);
    assert!(
        run.stdout.contains("removed 6 stale files"),
        "{}",
        run.stdout
    );
    let files = walk(&build);
    assert_eq!(files.len(), 12, "{files:?}");
    for f in &files {
        assert!(!f.contains(SECRET_ID), "{f} is still in build/");
        assert!(
            !f.rsplit('/').next().unwrap().starts_with('.'),
            "{f}: state in the output folder"
        );
        let bytes = std::fs::read(build.join(f)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(SECRET_ID), "{f} names {SECRET_ID}");
        assert!(!text.contains(SECRET_TITLE), "{f} names the title");
    }
    assert!(manifest(&build).iter().all(|e| e["paper"] != SECRET_ID));
    assert_eq!(manifest_paths(&build), outputs_on_disk(&build));
    let state: Vec<_> = walk(&p.path().join(".boardpaper"))
        .into_iter()
        .filter(|f| f.ends_with(".json"))
        .collect();
    assert_eq!(state.len(), 1, "{state:?}");
    assert_eq!(p.read(".boardpaper/.gitignore"), "*\n");
    // The state no longer names the paper either: it was removed.
    assert!(!p
        .read(&format!(".boardpaper/{}", state[0]))
        .contains(SECRET_ID));
}

#[test]
fn the_public_check_fails_on_any_file_naming_the_part_ii_paper() {
    let p = Project::fixture("publish");
    // The real Part II copies, to be planted under other names.
    ok(&p, &["build"]);
    let pdf = std::fs::read(p.path().join("build/north/land-sale.pdf")).unwrap();
    let html = std::fs::read(p.path().join("build/south/land-sale.html")).unwrap();
    ok(&p, &["build", "--public"]);
    let planted: [(&str, &[u8]); 5] = [
        ("build/south/land-sale.pdf", b"%PDF-1.7 copied by hand"),
        ("build/minutes/notes.txt", SECRET_TITLE.as_bytes()),
        (
            "build/links.html",
            b"<a href=\"north/land-sale.html\">x</a>",
        ),
        ("build/north/board-pack.pdf", &pdf),
        ("build/archive/copy.html", &html),
    ];
    for (file, bytes) in planted {
        p.write(file, bytes);
        let run = p.run(&["build", "--public"]);
        assert_eq!(run.code, 1, "{file}: {}", run.stderr);
        assert!(
            run.stderr.contains("error[BP038]")
                && run.stderr.contains(&format!("{file}:1:"))
                && run.stderr.contains("confidential paper `land-sale`"),
            "{file}: {}",
            run.stderr
        );
        // The tool did not write it, so it never removes it.
        assert_eq!(std::fs::read(p.path().join(file)).unwrap(), bytes);
        std::fs::remove_file(p.path().join(file)).unwrap();
        ok(&p, &["build", "--public"]);
    }
}

#[test]
fn a_hand_edited_stale_output_is_kept_with_a_warning_and_fails_the_public_check() {
    let p = Project::fixture("publish");
    ok(&p, &["build"]);
    let edited = "build/north/land-sale.html";
    let text = p.read(edited) + "<!-- annotated by the secretary -->";
    p.write(edited, &text);
    let run = p.run(&["build", "--public"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[BP020]")
            && run.stderr.contains("changed since boardpaper wrote it"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error[BP038]") && run.stderr.contains(&format!("{edited}:1:")),
        "{}",
        run.stderr
    );
    assert_eq!(p.read(edited), text);
    assert!(!p.path().join("build/north/land-sale.pdf").exists());
    assert!(!p.path().join("build/south/land-sale.html").exists());
}

#[test]
fn removed_papers_trusts_and_formats_leave_the_folder() {
    let p = Project::fixture("publish");
    ok(&p, &["build"]);
    let build = p.path().join("build");
    // A paper removed; one of its outputs edited by hand first.
    p.write("build/south/south-workforce.html", "my own notes");
    std::fs::remove_file(p.path().join("papers/south-workforce.md")).unwrap();
    let run = ok(&p, &["build"]);
    assert!(
        run.stderr.contains("warning[BP020]")
            && run.stderr.contains("build/south/south-workforce.html"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("build/south/south-workforce.html"), "my own notes");
    assert!(!build.join("south/south-workforce.pdf").exists());
    assert_eq!(
        manifest_paths(&build),
        outputs_on_disk(&build)
            .into_iter()
            .filter(|f| !f.contains("south-workforce"))
            .collect()
    );
    std::fs::remove_file(build.join("south/south-workforce.html")).unwrap();
    // A trust removed: its folder goes, with its index page.
    std::fs::remove_file(p.path().join("trusts/south.yaml")).unwrap();
    ok(&p, &["build"]);
    assert!(!build.join("south").exists(), "{:?}", walk(&build));
    assert!(!p.read("build/index.html").contains("south/"));
    // A format dropped.
    p.edit("boardpaper.yaml", "formats: [pdf, html]", "formats: [html]");
    ok(&p, &["build"]);
    let files = walk(&build);
    assert!(files.iter().all(|f| !f.ends_with(".pdf")), "{files:?}");
    assert_eq!(
        manifest_paths(&build),
        BTreeSet::from([
            "north/land-sale.html".into(),
            "north/open-update.html".into()
        ])
    );
    assert_eq!(manifest_paths(&build), outputs_on_disk(&build));
}

#[test]
fn a_symlink_at_a_stale_output_is_never_followed() {
    let p = Project::fixture("publish");
    ok(&p, &["build"]);
    let build = p.path().join("build");
    let outside = tempfile::tempdir().unwrap();
    // A file: the stale output's path now leads outside.
    let victim = outside.path().join("victim.pdf");
    std::fs::copy(build.join("south/south-workforce.pdf"), &victim).unwrap();
    let before = std::fs::read(&victim).unwrap();
    std::fs::remove_file(build.join("south/south-workforce.pdf")).unwrap();
    std::os::unix::fs::symlink(&victim, build.join("south/south-workforce.pdf")).unwrap();
    std::fs::remove_file(p.path().join("papers/south-workforce.md")).unwrap();
    let run = ok(&p, &["build"]);
    assert!(run.stderr.contains("a symlink"), "{}", run.stderr);
    assert_eq!(std::fs::read(&victim).unwrap(), before);
    assert!(
        std::fs::symlink_metadata(build.join("south/south-workforce.pdf"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    std::fs::remove_file(build.join("south/south-workforce.pdf")).unwrap();
    // A folder: the stale trust's folder moved outside, a symlink left in
    // its place, holding files with exactly the recorded bytes.
    let moved = outside.path().join("south");
    std::fs::rename(build.join("south"), &moved).unwrap();
    std::os::unix::fs::symlink(&moved, build.join("south")).unwrap();
    let kept = walk(&moved);
    assert!(kept.contains("open-update.pdf"), "{kept:?}");
    std::fs::remove_file(p.path().join("trusts/south.yaml")).unwrap();
    let run = ok(&p, &["build"]);
    assert!(run.stderr.contains("a symlink"), "{}", run.stderr);
    assert_eq!(walk(&moved), kept);
}

#[test]
fn a_filtered_build_lists_every_output_on_disk() {
    let p = Project::fixture("publish");
    let build = p.path().join("build");
    // Alone in a fresh folder: exactly what it built.
    ok(&p, &["build", "--trust", "south", "--format", "html"]);
    let south_html = outputs_on_disk(&build);
    assert_eq!(south_html.len(), 3, "{south_html:?}");
    assert_eq!(manifest_paths(&build), south_html);
    assert_indexes_link(&build, &south_html);
    // After a full build: everything still on disk.
    ok(&p, &["build"]);
    let run = ok(
        &p,
        &[
            "build",
            "--trust",
            "north",
            "--paper",
            "open-update",
            "--format",
            "pdf",
        ],
    );
    assert!(run.stdout.starts_with("built 1 file "), "{}", run.stdout);
    assert!(
        run.stdout.contains("kept 13 current files"),
        "{}",
        run.stdout
    );
    let on_disk = outputs_on_disk(&build);
    assert_eq!(on_disk.len(), 14);
    assert_eq!(manifest_paths(&build), on_disk);
    assert_indexes_link(&build, &on_disk);
    // Each manifest entry has the bytes on disk.
    for e in manifest(&build) {
        let bytes = std::fs::read(build.join(e["path"].as_str().unwrap())).unwrap();
        assert_eq!(e["bytes"].as_u64().unwrap() as usize, bytes.len());
    }
    // A filtered --public build drops the Part II copies from every list.
    ok(&p, &["build", "--public", "--trust", "south"]);
    // (North's public pack stays: this build did not build north's packs.)
    let on_disk = outputs_on_disk(&build);
    assert_eq!(on_disk.len(), 8, "{on_disk:?}");
    assert!(!on_disk.iter().any(|f| f.ends_with("pack-part-ii.pdf")));
    assert!(on_disk.iter().all(|f| !f.contains(SECRET_ID)));
    assert_eq!(manifest_paths(&build), on_disk);
}

#[test]
fn a_selection_that_matches_nothing_is_an_error_with_a_hint() {
    let p = Project::fixture("publish");
    let cases: [(&[&str], &str); 5] = [
        (
            &["--trust", "north", "--paper", "south-workforce"],
            "trust `north` receives none of the papers selected; it receives: land-sale, open-update",
        ),
        (
            &["--public", "--paper", "land-sale"],
            "paper `land-sale` goes to none of the trusts selected; no trust receives it outside Part II",
        ),
        (
            &["--paper", "south-workforce", "--paper", "open-update", "--trust", "north"],
            "paper `south-workforce` goes to none of the trusts selected; it goes to: south",
        ),
        (&["--trust", "nort"], "unknown trust `nort`: did you mean `north`?"),
        (&["--paper", "land-sael"], "unknown paper `land-sael`: did you mean `land-sale`?"),
    ];
    for (args, message) in cases {
        let run = p.run(&[&["build"], args].concat());
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert!(!p.path().join("build").exists(), "{args:?} wrote build/");
    }
    // A trust whose only papers are confidential, under --public.
    p.write(
        "trusts/east.yaml",
        p.read("trusts/south.yaml").replace("South", "East"),
    );
    p.edit(
        "papers/open-update.md",
        "objectives:",
        "trusts: [north, south]\nobjectives:",
    );
    let run = p.run(&["build", "--public", "--trust", "east"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("trust `east` receives none of the papers selected; it receives no paper outside Part II"),
        "{}",
        run.stderr
    );
}

#[test]
fn sharded_builds_merge_into_the_full_build() {
    let p = Project::fixture("publish");
    for public in [false, true] {
        let flag: &[&str] = if public { &["--public"] } else { &[] };
        ok(&p, &[&["build", "--out", "full"], flag].concat());
        for trust in ["north", "south"] {
            let out = format!("out-{trust}");
            ok(
                &p,
                &[&["build", "--trust", trust, "--out", &out], flag].concat(),
            );
        }
        let run = ok(
            &p,
            &[&["merge", "--out", "site", "out-north", "out-south"], flag].concat(),
        );
        assert!(run.stdout.starts_with("merged"), "{}", run.stdout);
        let (full, site) = (p.path().join("full"), p.path().join("site"));
        assert_eq!(
            p.read("site/manifest.json"),
            p.read("full/manifest.json"),
            "public: {public}"
        );
        assert_eq!(walk(&site), walk(&full));
        for f in walk(&full) {
            assert_eq!(
                std::fs::read(site.join(&f)).unwrap(),
                std::fs::read(full.join(&f)).unwrap(),
                "{f} (public: {public})"
            );
        }
    }
    // The second (public) merge removed the Part II copies of the first.
    assert!(walk(&p.path().join("site"))
        .iter()
        .all(|f| !f.contains(SECRET_ID)));
}

#[test]
fn a_merge_refuses_a_shard_that_does_not_match_its_manifest() {
    let p = Project::fixture("publish");
    ok(&p, &["build", "--trust", "north", "--out", "out-north"]);
    ok(&p, &["build", "--trust", "south", "--out", "out-south"]);
    p.write("out-south/south/open-update.html", "tampered");
    let run = p.run(&["merge", "--out", "site", "out-north", "out-south"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("out-south/south/open-update.html: its bytes do not match"),
        "{}",
        run.stderr
    );
    assert!(!p.path().join("site/manifest.json").exists());
    // A manifest that points outside its shard is refused, too.
    ok(&p, &["build", "--trust", "south", "--out", "out-south"]);
    let m = p.read("out-south/manifest.json");
    p.write(
        "out-south/manifest.json",
        m.replacen("\"path\": \"south/", "\"path\": \"../", 1),
    );
    let run = p.run(&["merge", "--out", "site", "out-south"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a path its trust, paper and format do not"),
        "{}",
        run.stderr
    );
    // Confidential copies are refused by a --public merge.
    ok(&p, &["build", "--trust", "south", "--out", "out-south"]);
    let run = p.run(&["merge", "--public", "--out", "site", "out-south"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("out-south/south/land-sale."),
        "{}",
        run.stderr
    );
}

#[test]
fn each_output_folder_has_its_own_state_outside_it() {
    let p = Project::fixture("publish");
    ok(&p, &["build"]);
    ok(&p, &["build", "--out", "other"]);
    let state = walk(&p.path().join(".boardpaper"));
    assert_eq!(
        state.iter().filter(|f| f.ends_with(".json")).count(),
        2,
        "{state:?}"
    );
    for dir in ["build", "other"] {
        assert!(walk(&p.path().join(dir))
            .iter()
            .all(|f| !f.contains(".boardpaper")));
    }
    // A no-op rebuild of either still reuses everything.
    let run = ok(&p, &["build", "--out", "other"]);
    assert!(
        run.stdout.contains("(0 written, 14 unchanged"),
        "{}",
        run.stdout
    );
    // The state folder is never an output folder.
    let run = p.run(&["build", "--out", ".boardpaper/x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn init_writes_a_readme_a_gitignore_and_the_ci_workflow() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("alliance");
    let out = std::process::Command::new(BIN)
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success());
    let ignore = std::fs::read_to_string(target.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "build/"), "{ignore}");
    assert!(ignore.lines().any(|l| l == ".boardpaper/"), "{ignore}");
    let readme = std::fs::read_to_string(target.join("README.md")).unwrap();
    assert!(readme.contains("boardpaper build --public"), "{readme}");
    let workflow =
        std::fs::read_to_string(target.join(".github/workflows/boardpaper.yml")).unwrap();
    let example = include_str!("../examples/ci/github-actions.yml");
    assert_eq!(workflow, example);
    for step in [
        "check --message-format github",
        "--trust",
        "boardpaper merge",
        "upload-artifact",
        "actions/cache@v4",
        "How long a push takes",
    ] {
        assert!(workflow.contains(step), "the workflow lacks {step}");
    }
    // boardpaper is compiled in one job only (on a cache miss); the others
    // download that binary.
    assert_eq!(workflow.matches("cargo install").count(), 1, "{workflow}");
    assert_eq!(
        workflow.matches("name: boardpaper-bin").count(),
        4,
        "{workflow}"
    );
    let built = std::process::Command::new(BIN)
        .arg("build")
        .current_dir(&target)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
}

#[test]
fn a_paper_confidential_for_one_trust_only_leaves_only_that_trusts_copies() {
    let p = Project::fixture("publish");
    ok(&p, &["build"]);
    p.edit(
        "papers/open-update.md",
        "objectives: [quality]",
        "objectives: [quality]\nvariants:\n  north:\n    confidential: true",
    );
    ok(&p, &["build", "--public"]);
    let build = p.path().join("build");
    let on_disk = outputs_on_disk(&build);
    assert!(on_disk.contains("south/open-update.pdf"), "{on_disk:?}");
    assert!(
        !on_disk.iter().any(|f| f.starts_with("north/")),
        "{on_disk:?}"
    );
    assert_eq!(manifest_paths(&build), on_disk);
    let cycle = hrefs(&p.read("build/index.html"));
    assert!(
        !cycle.iter().any(|h| h.starts_with("north/open-update")),
        "{cycle:?}"
    );
    // North's folder may not name it; South's copy is public.
    p.write("build/south/notes.txt", "Open Alliance Update");
    ok(&p, &["build", "--public"]);
    p.write("build/north/notes.txt", "Open Alliance Update");
    let run = p.run(&["build", "--public"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("build/north/notes.txt:1:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_forged_record_cannot_remove_files_outside_the_output_folder() {
    let p = Project::fixture("publish");
    ok(&p, &["build"]);
    let state_dir = p.path().join(".boardpaper");
    let name = walk(&state_dir)
        .into_iter()
        .find(|f| f.ends_with(".json"))
        .unwrap();
    // Files with exactly the bytes the forged record gives them.
    p.write("victim.txt", "keep me");
    p.write("build/north/deep/victim.txt", "keep me");
    let sha = "8dfef3faa531cad70736cb40ad8932ffb50887f5a8fffd209193b545c4e354ae";
    let wrote = |trust: &str, paper: &str| serde_json::json!({"trust": trust, "paper": paper, "format": "html", "bytes": 7, "sha256": sha});
    let mut state: serde_json::Value =
        serde_json::from_str(&p.read(&format!(".boardpaper/{name}"))).unwrap();
    let written = state["written"].as_object_mut().unwrap();
    written.insert("../victim.txt".into(), wrote("", "victim"));
    written.insert(
        format!("{}/victim.txt", p.path().display()),
        wrote("", "victim"),
    );
    written.insert("north/deep/victim.txt".into(), wrote("north", "victim"));
    p.write(&format!(".boardpaper/{name}"), state.to_string());
    let run = ok(&p, &["build"]);
    // The forged state was read (its cache was used) ...
    assert!(
        run.stdout.contains("(0 written, 14 unchanged"),
        "{}",
        run.stdout
    );
    // ... and removed nothing.
    assert!(!run.stdout.contains("removed"), "{}", run.stdout);
    assert_eq!(p.read("victim.txt"), "keep me");
    assert_eq!(p.read("build/north/deep/victim.txt"), "keep me");
    // The forged entries are forgotten, and no output was lost.
    assert!(!p.read(&format!(".boardpaper/{name}")).contains("victim"));
    let build = p.path().join("build");
    let mut on_disk = outputs_on_disk(&build);
    assert!(on_disk.remove("north/deep/victim.txt"));
    assert_eq!(on_disk.len(), 14);
    assert_eq!(manifest_paths(&build), on_disk);
}

#[test]
fn init_keeps_a_readme_and_gitignore_already_there() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# Our repository\n").unwrap();
    std::fs::write(dir.path().join(".gitignore"), "*.tmp\n").unwrap();
    let out = std::process::Command::new(BIN)
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("kept your own README.md, .gitignore"),
        "{stdout}"
    );
    let readme = std::fs::read_to_string(dir.path().join("README.md")).unwrap();
    assert_eq!(readme, "# Our repository\n");
    let ignore = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
    assert_eq!(ignore, "*.tmp\n");
    assert!(dir
        .path()
        .join(".github/workflows/boardpaper.yml")
        .is_file());
}
