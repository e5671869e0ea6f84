//! Interrupted builds: a build killed with SIGKILL at any moment leaves every
//! output either the complete previous version or the complete new one,
//! never truncated, and no temporary file under an output's name.

#![cfg(unix)]

mod common;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Project, BIN};
use sha2::{Digest, Sha256};

/// A base project with `trusts` × `papers` variants.
fn big_project(trusts: usize, papers: usize) -> Project {
    let p = Project::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/base"));
    let beta = p.read("trusts/beta.yaml");
    let update = p.read("papers/update.md");
    let body = "A paragraph of ordinary text for the board to read. ".repeat(40);
    for t in 0..trusts {
        p.write(
            &format!("trusts/t{t}.yaml"),
            beta.replace("Beta", &format!("Trust {t}"))
                .replace("assurance-levels: [limited, reasonable, substantial]", ""),
        );
    }
    for n in 0..papers {
        p.write(
            &format!("papers/p{n}.md"),
            format!("{update}\n\n# More\n\n{body}\n"),
        );
    }
    p
}

/// sha256 of every file under `dir`, by path relative to it.
fn hashes(dir: &Path) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let bytes = std::fs::read(&path).unwrap();
                out.insert(rel, format!("{:x}", Sha256::digest(&bytes)));
            }
        }
    }
    out
}

fn build(p: &Project, out: &str) {
    let run = p.run(&["build", "--jobs", "2", "--out", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn is_output(rel: &str) -> bool {
    !rel.rsplit('/').next().unwrap_or(rel).starts_with('.')
}

/// Copies the files under `from` to `to` (which is emptied first).
fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    for (rel, _) in hashes(from) {
        let dest = to.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&rel), dest).unwrap();
    }
}

#[test]
fn killed_builds_leave_only_complete_outputs() {
    let p = big_project(3, 4);
    build(&p, "old");
    let old = hashes(&p.path().join("old"));
    copy_dir(&p.path().join("old"), &p.path().join("pristine"));
    p.edit("boardpaper.yaml", "Test Alliance", "Renamed Alliance");
    build(&p, "new");
    let new = hashes(&p.path().join("new"));
    let work = p.path().join("old");
    let started = Instant::now();
    // Each kill: (delay, outputs already new, outputs still old). A kill
    // that leaves both landed while the build was writing: the case this
    // test is for, so at least one must be recorded. The delays widen
    // until one lands there (machines differ in speed).
    let mut record: Vec<(u64, usize, usize)> = Vec::new();
    let mut delay_ms = 5u64;
    while record.len() < 6 || !record.iter().any(|&(_, n, o)| n > 0 && o > 0) {
        assert!(
            started.elapsed() < Duration::from_secs(90) && delay_ms < 5_000,
            "no kill landed mid-write: {record:?}"
        );
        copy_dir(&p.path().join("pristine"), &work);
        let mut child = Command::new(BIN)
            .args(["build", "--jobs", "2", "--out", "old"])
            .current_dir(p.path())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let (mut fresh, mut stale) = (0, 0);
        for (rel, hash) in hashes(&work) {
            if !is_output(&rel) {
                continue;
            }
            let (was_old, is_new) = (old.get(&rel) == Some(&hash), new.get(&rel) == Some(&hash));
            assert!(
                was_old || is_new,
                "after a kill at {delay_ms} ms, {rel} is neither the old nor the new version"
            );
            fresh += usize::from(is_new && !was_old);
            stale += usize::from(was_old && !is_new);
        }
        record.push((delay_ms, fresh, stale));
        delay_ms += 5 + delay_ms / 2;
    }
    eprintln!("kills (ms, outputs new, outputs old): {record:?}");
    build(&p, "old");
    let finished = hashes(&work);
    for (rel, hash) in &new {
        assert_eq!(finished.get(rel), Some(hash), "{rel} after the final build");
    }
}
