//! Hostile state and output folders (issue 20): a build removes only what
//! its own signed record says it wrote, never writes into the sources,
//! `.git` or `.boardpaper`, loses nothing when a write fails, and two
//! builds of one folder take turns. Each case runs the real binary on the
//! `guard` fixture (two trusts, two papers, HTML only) and asserts what is
//! on disk afterwards.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::Project;
use sha2::{Digest, Sha256};

fn guard() -> Project {
    Project::fixture("guard")
}

fn sha(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The one state file of the project's output folder.
fn state_file(p: &Project) -> PathBuf {
    let dir = p.path().join(".boardpaper");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| e.unwrap_or_else(|e| panic!("{e}")).path())
        .filter(|f| f.extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found.remove(0)
}

fn state(p: &Project) -> serde_json::Value {
    let text = std::fs::read(state_file(p)).unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn save_state(p: &Project, v: &serde_json::Value) {
    let bytes = serde_json::to_vec(v).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(state_file(p), bytes).unwrap_or_else(|e| panic!("{e}"));
}

/// A record entry claiming `rel` (with these bytes) was written by a build.
fn claim(bytes: &[u8]) -> serde_json::Value {
    serde_json::json!({
        "trust": "", "paper": "index", "format": "html",
        "bytes": bytes.len(), "sha256": sha(bytes)
    })
}

/// `manifest.json`'s entries: path → sha256.
fn manifest(out: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read(out.join("manifest.json")).unwrap_or_else(|e| panic!("{e}"));
    let v: serde_json::Value = serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{e}"));
    v["files"]
        .as_array()
        .unwrap_or_else(|| panic!("files"))
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap_or_default().to_owned();
            (path, f["sha256"].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

/// Every entry of the manifest is a file with its bytes, and every paper
/// output on disk is in the manifest.
fn assert_manifest_describes(out: &Path) {
    let listed = manifest(out);
    for (path, hash) in &listed {
        let bytes = std::fs::read(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(&sha(&bytes), hash, "{path} is not what the manifest says");
    }
    for f in common::files_under(out) {
        let rel = f
            .strip_prefix(out)
            .unwrap_or(&f)
            .to_string_lossy()
            .into_owned();
        let page = rel == "manifest.json" || rel.ends_with("index.html");
        assert!(
            page || listed.contains_key(&rel),
            "{rel} is not in the manifest"
        );
    }
}

// ---- state that cannot delete what was not written here ----

/// Each tampering of the record: the user's file is left, with a warning.
#[test]
fn a_tampered_state_removes_no_file_it_names() {
    type Tamper = fn(&mut serde_json::Value, &[u8]);
    let cases: [(&str, Tamper); 3] = [
        ("a user file's hash added to the record", |s, cname| {
            s["written"]["CNAME"] = claim(cname);
        }),
        ("the signature stripped", |s, cname| {
            s["written"]["CNAME"] = claim(cname);
            s["mac"] = serde_json::json!("");
        }),
        ("a forged signature", |s, cname| {
            s["written"]["CNAME"] = claim(cname);
            let old = s["mac"].as_str().unwrap_or_default().to_owned();
            s["mac"] = serde_json::json!(old.replace('0', "1"));
        }),
    ];
    for (what, tamper) in cases {
        let p = guard();
        assert_eq!(p.run(&["build"]).code, 0, "{what}");
        let cname = b"board.example.nhs.uk\n";
        p.write("build/CNAME", cname);
        let mut s = state(&p);
        tamper(&mut s, cname);
        save_state(&p, &s);
        let run = p.run(&["build"]);
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        assert_eq!(
            std::fs::read(p.path().join("build/CNAME")).ok().as_deref(),
            Some(&cname[..]),
            "{what}: the user's file was removed"
        );
        assert!(
            run.stderr
                .contains("no stale output is removed on its word"),
            "{what}: {}",
            run.stderr
        );
        // The next build signs its own record again: quiet, and it removes
        // a stale output of its own.
        let run = p.run(&["build"]);
        assert!(!run.stderr.contains("warning"), "{what}: {}", run.stderr);
        std::fs::remove_file(p.path().join("papers/estates.md")).unwrap_or_else(|e| panic!("{e}"));
        let run = p.run(&["build"]);
        assert!(
            run.stdout.contains("removed 2 stale files"),
            "{what}: {}",
            run.stdout
        );
        assert!(p.path().join("build/CNAME").exists(), "{what}");
    }
}

/// A record copied from another project (same layout, its own key) and a
/// committed state checked out in a second clone remove nothing.
#[test]
fn a_state_from_another_project_or_clone_removes_nothing() {
    let a = guard();
    let b = guard();
    assert_eq!(a.run(&["build"]).code, 0);
    assert_eq!(b.run(&["build"]).code, 0);
    // Take b's estates outputs out of b's sources, then give a b's state
    // (renamed to a's file) and its key too: a's folder path differs.
    let a_state = state_file(&a);
    std::fs::copy(state_file(&b), &a_state).unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_file(a.path().join("papers/estates.md")).unwrap_or_else(|e| panic!("{e}"));
    let run = a.run(&["build"]);
    assert!(
        run.stderr.contains("not signed by this project's builds"),
        "{}",
        run.stderr
    );
    assert!(a.path().join("build/east/estates.html").exists());
    // With b's key as well (a committed `.boardpaper/`), the signature still
    // binds b's folder: nothing is removed.
    std::fs::copy(
        b.path().join(".boardpaper/key"),
        a.path().join(".boardpaper/key"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(state_file(&b), &a_state).unwrap_or_else(|e| panic!("{e}"));
    let run = a.run(&["build"]);
    assert!(run.stderr.contains("not signed"), "{}", run.stderr);
    assert!(a.path().join("build/west/estates.html").exists());
}

#[cfg(unix)]
#[test]
fn the_key_is_private_and_git_ignores_the_state() {
    use std::os::unix::fs::PermissionsExt;
    let p = guard();
    assert_eq!(p.run(&["build"]).code, 0);
    let meta =
        std::fs::metadata(p.path().join(".boardpaper/key")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert_eq!(meta.len(), 32);
    assert_eq!(p.read(".boardpaper/.gitignore"), "*\n");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let run = common::run_bounded_in(dir.path(), &["init", "fresh"]);
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
    let ignore = std::fs::read_to_string(dir.path().join("fresh/.gitignore")).unwrap_or_default();
    assert!(ignore.lines().any(|l| l == ".boardpaper/"), "{ignore}");
}

// ---- output folders among the sources ----

#[test]
fn output_folders_among_the_sources_are_located_errors() {
    for (folder, why) in [
        (".git", "inside the project's .git/ folder"),
        (".git/hooks", "inside the project's .git/ folder"),
        ("papers", "inside the project's papers/ folder"),
        ("trusts/site", "inside the project's trusts/ folder"),
        (".", "is or holds the project folder"),
        (".boardpaper", "inside the project's .boardpaper/ folder"),
        ("site/.git", "inside a .git/ folder"),
    ] {
        let p = guard();
        p.write(".git/HEAD", "ref: refs/heads/main\n");
        p.write(".git/config", "[core]\n");
        p.edit(
            "boardpaper.yaml",
            "formats: [html]",
            &format!("formats: [html]\noutput: \"{folder}\""),
        );
        for cmd in ["check", "build"] {
            let run = p.run(&[cmd, "--message-format", "json"]);
            assert_eq!(run.code, 1, "{folder} {cmd}: {}{}", run.stdout, run.stderr);
            let at = common::json_locations(&run.stdout);
            assert_eq!(at, ["BP041 boardpaper.yaml:7:9"], "{folder} {cmd}");
            assert!(run.stdout.contains(why), "{folder} {cmd}: {}", run.stdout);
        }
        assert_eq!(p.read(".git/HEAD"), "ref: refs/heads/main\n", "{folder}");
        assert!(!p.path().join(".git/manifest.json").exists(), "{folder}");
        assert!(!p.path().join("manifest.json").exists(), "{folder}");
        assert!(!p.path().join("papers/manifest.json").exists(), "{folder}");
    }
}

#[test]
fn out_among_the_sources_is_refused_before_any_write() {
    for folder in [".git", ".boardpaper", "papers", ".", "templates/x"] {
        let p = guard();
        p.write(".git/HEAD", "ref: refs/heads/main\n");
        for args in [["build", "--out", folder], ["merge", "--out", folder]] {
            let cmd = args[0];
            let mut args = args.to_vec();
            if cmd == "merge" {
                args.push("shard");
            }
            let run = p.run(&args);
            assert_eq!(run.code, 2, "{folder} {cmd}: {}", run.stderr);
            assert!(
                run.stderr.contains("refusing to write into"),
                "{}",
                run.stderr
            );
        }
        assert_eq!(p.read(".git/HEAD"), "ref: refs/heads/main\n");
        let stray = common::files_under(p.path())
            .into_iter()
            .filter(|f| f.ends_with("manifest.json") || f.ends_with("index.html"))
            .count();
        assert_eq!(stray, 0, "{folder}");
    }
}

// ---- nothing lost, nothing raced ----

/// A rebuild whose writes fail past a file size (the disk filling up,
/// as a file-size limit on the process): every earlier output stays, and
/// the manifest describes the folder as it is.
#[cfg(unix)]
#[test]
fn a_failed_rebuild_loses_no_earlier_output() {
    let p = guard();
    assert_eq!(p.run(&["build"]).code, 0);
    let before = std::fs::read(p.path().join("build/east/staffing.html")).unwrap_or_default();
    // The staffing paper grows past the limit; estates changes a little.
    let long = "Staffing held steady across the quarter. ".repeat(1500);
    p.edit(
        "papers/staffing.md",
        "Staffing held steady across the quarter.",
        &long,
    );
    p.edit("papers/estates.md", "on time", "a week early");
    let limit = 40_000;
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; exec prlimit --fsize={limit} -- \"$0\" build",
        ))
        .arg(common::BIN)
        .current_dir(p.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("staffing.html"), "{stderr}");
    // The old staffing copies are still there, as they were.
    let now = std::fs::read(p.path().join("build/east/staffing.html")).unwrap_or_default();
    assert_eq!(now, before);
    assert!(p.path().join("build/west/staffing.html").exists());
    let estates = p.read("build/east/estates.html");
    assert!(estates.contains("a week early"));
    assert_manifest_describes(&p.path().join("build"));
    // With room again, the next build writes the new copies.
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(p.read("build/east/staffing.html").len() > limit);
    assert_manifest_describes(&p.path().join("build"));
}

/// Two projects with the same papers in other words, built into one
/// folder at once, several times: the folder and its manifest agree.
#[test]
fn concurrent_builds_of_one_folder_take_turns() {
    let (a, b) = (guard(), guard());
    // Forty papers each, so the two builds overlap.
    let text = a.read("papers/staffing.md");
    for i in 0..40 {
        a.write(&format!("papers/more-{i}.md"), &text);
        b.write(
            &format!("papers/more-{i}.md"),
            text.replace("held steady", "rose sharply"),
        );
    }
    let shared = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = shared.path().join("site");
    let out_s = out.to_string_lossy().into_owned();
    for round in 0..4 {
        let spawn = |p: &Project| {
            std::process::Command::new(common::BIN)
                .args(["build", "--out", &out_s])
                .current_dir(p.path())
                .env("NO_COLOR", "1")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let (ca, cb) = (spawn(&a), spawn(&b));
        for c in [ca, cb] {
            let o = c.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
            assert!(
                o.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        assert_manifest_describes(&out);
    }
}

/// A build waits for the lock another holds, says so, and gives up after
/// its bound (`BOARDPAPER_LOCK_WAIT`, here 1 s) without writing.
#[test]
fn a_build_waits_for_the_folders_lock_then_gives_up() {
    let p = guard();
    std::fs::create_dir_all(p.path().join("build")).unwrap_or_else(|e| panic!("{e}"));
    let held = std::fs::File::open(p.path().join("build")).unwrap_or_else(|e| panic!("{e}"));
    held.lock().unwrap_or_else(|e| panic!("{e}"));
    let start = std::time::Instant::now();
    let out = std::process::Command::new(common::BIN)
        .arg("build")
        .current_dir(p.path())
        .env("BOARDPAPER_LOCK_WAIT", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("waiting for another build writing"),
        "{stderr}"
    );
    assert!(
        stderr.contains("another build is still writing"),
        "{stderr}"
    );
    assert!(start.elapsed() >= std::time::Duration::from_secs(1));
    assert!(!p.path().join("build/manifest.json").exists());
    drop(held);
    assert_eq!(p.run(&["build"]).code, 0);
}

/// When the manifest itself cannot be written (it is the largest file
/// here), the earlier one, which no longer describes the folder, is
/// removed rather than left to mislead an upload or a merge.
#[cfg(unix)]
#[test]
fn a_manifest_that_cannot_be_written_leaves_no_stale_one() {
    let p = guard();
    let text = p.read("papers/staffing.md");
    for i in 0..60 {
        p.write(&format!("papers/more-{i}.md"), &text);
    }
    assert_eq!(p.run(&["build"]).code, 0);
    let manifest_len =
        std::fs::metadata(p.path().join("build/manifest.json")).map_or(0, |m| m.len());
    let page_len =
        std::fs::metadata(p.path().join("build/east/staffing.html")).map_or(0, |m| m.len());
    assert!(manifest_len > page_len + 2000, "{manifest_len} {page_len}");
    for i in 0..60 {
        p.edit(&format!("papers/more-{i}.md"), "held steady", "held firm");
    }
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; exec prlimit --fsize={} -- \"$0\" build",
            page_len + 1000
        ))
        .arg(common::BIN)
        .current_dir(p.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("the earlier manifest.json was removed"),
        "{stderr}"
    );
    assert!(!p.path().join("build/manifest.json").exists());
    assert!(p.read("build/east/more-7.html").contains("held firm"));
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_manifest_describes(&p.path().join("build"));
}
