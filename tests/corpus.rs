//! The bad-input corpus: under `tests/corpus/`, every folder but `base` is a
//! broken project with ONE problem, made of `base` plus the files in the
//! folder (and minus those named in `deleted.txt`). `expected.txt` lists
//! the diagnostics `check --format json` must report, exactly: one
//! `CODE file:line:column` a line. Inputs too large to keep in git are
//! generated here. Every case must also be checked in well under a second.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::Project;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// `base` with the case's overlay applied.
fn project(case: &Path) -> Project {
    let p = Project::from_dir(&corpus().join("base"));
    overlay(case, case, &p);
    if let Ok(list) = std::fs::read_to_string(case.join("deleted.txt")) {
        for rel in list.lines().filter(|l| !l.is_empty()) {
            std::fs::remove_file(p.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        }
    }
    p
}

fn overlay(case: &Path, dir: &Path, p: &Project) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let rel = path.strip_prefix(case).unwrap();
        if path.is_dir() {
            overlay(case, &path, p);
        } else if !matches!(rel.to_str(), Some("expected.txt" | "deleted.txt")) {
            p.write(rel.to_str().unwrap(), std::fs::read(&path).unwrap());
        }
    }
}

/// `check --format json` as sorted `CODE file:line:column` lines, and how long it took.
fn reported(p: &Project) -> (Vec<String>, Duration) {
    let start = Instant::now();
    let (_, diags) = p.diagnostics();
    let took = start.elapsed();
    let mut lines: Vec<String> = diags
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    lines.sort();
    (lines, took)
}

fn expect(name: &str, p: &Project, expected: &str) -> Option<String> {
    let mut want: Vec<String> = expected
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    want.sort();
    let (got, took) = reported(p);
    if std::env::var_os("BLESS").is_some() && got != want {
        println!("{name}:\n{}", got.join("\n"));
    }
    let slow = took > Duration::from_secs(3);
    (got != want || slow).then(|| format!("{name}: expected {want:?}, got {got:?} in {took:?}"))
}

#[test]
fn every_corpus_case_reports_exactly_its_problem() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.txt").is_file())
        .collect();
    cases.sort();
    assert!(cases.len() >= 40, "only {} corpus cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
            expect(&name, &project(case), &expected)
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_base_project_is_clean() {
    let p = Project::from_dir(&corpus().join("base"));
    assert_eq!(reported(&p).0, Vec::<String>::new());
}

/// Cases whose inputs are generated: too large for git, or symlinks.
#[test]
fn generated_cases_report_exactly_their_problem() {
    let base = corpus().join("base");
    let second = std::fs::read_to_string(base.join("papers/second.md")).unwrap();
    let mut failures = Vec::new();

    let p = Project::from_dir(&base);
    p.write("papers/big.md", "a".repeat(4 * 1024 * 1024 + 1));
    failures.extend(expect("oversized-file", &p, "BP020 papers/big.md:1:1"));

    let p = Project::from_dir(&base);
    let row = format!("{}|\n", "|1".repeat(10));
    let table = format!(
        "{}|\n{}|\n{}",
        "|h".repeat(10),
        "|-".repeat(10),
        row.repeat(2_001)
    );
    p.write(
        "papers/second.md",
        second.replace("Body text", &format!("{table}\nBody text")),
    );
    failures.extend(expect("huge-table", &p, "BP028 papers/second.md:2014:2"));

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("gamma.yaml"),
        std::fs::read(base.join("trusts/beta.yaml")).unwrap(),
    )
    .unwrap();
    std::fs::create_dir(outside.path().join("third")).unwrap();
    std::fs::write(outside.path().join("third/paper.md"), &second).unwrap();
    let p = Project::from_dir(&base);
    symlink(
        &outside.path().join("gamma.yaml"),
        &p.path().join("trusts/gamma.yaml"),
    );
    symlink(
        &outside.path().join("third"),
        &p.path().join("papers/third"),
    );
    failures.extend(expect(
        "symlinks-leading-outside",
        &p,
        "BP020 papers/third/paper.md:1:1\nBP020 trusts/gamma.yaml:1:1",
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) {}

/// A project with one broken paper and one sound one: `build` reports the
/// broken one, still writes every copy of the sound one, and exits 1.
#[test]
fn a_mixed_project_still_builds_its_valid_papers() {
    let p = Project::from_dir(&corpus().join("base"));
    p.edit(
        "papers/second.md",
        "Body text",
        "<script>alert(1)</script>\n\nBody text",
    );
    let run = p.run(&["build", "--format", "html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("BP015"), "{}", run.stderr);
    for built in [
        "build/alpha/update.html",
        "build/beta/update.html",
        "build/index.html",
    ] {
        assert!(p.path().join(built).is_file(), "{built} missing");
    }
    assert!(!p.path().join("build/alpha/second.html").exists());
}
