//! Bad input that is not a broken source: files saved on Windows (BOM,
//! CRLF), warnings under `--deny-warnings`, and output folders that would
//! overwrite sources or write through symlinks.

mod common;

use std::path::Path;

use common::Project;

fn base() -> Project {
    Project::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/base"))
}

/// Every source file rewritten by `f`.
fn rewrite(p: &Project, f: impl Fn(&str) -> Vec<u8>) {
    for rel in [
        "boardpaper.yaml",
        "trusts/alpha.yaml",
        "trusts/beta.yaml",
        "papers/update.md",
        "papers/second.md",
    ] {
        let text = p.read(rel);
        p.write(rel, f(&text));
    }
}

fn outputs(p: &Project) -> Vec<(String, Vec<u8>)> {
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    [
        "alpha/update.pdf",
        "alpha/update.html",
        "beta/update.pdf",
        "beta/update.html",
        "alpha/second.html",
        "index.html",
        "manifest.json",
    ]
    .iter()
    .map(|f| {
        (
            f.to_string(),
            std::fs::read(p.path().join("build").join(f)).unwrap(),
        )
    })
    .collect()
}

#[test]
fn bom_and_crlf_give_byte_identical_output() {
    let lf = outputs(&base());
    let windows = base();
    rewrite(&windows, |t| {
        format!("\u{feff}{}", t.replace('\n', "\r\n")).into_bytes()
    });
    let crlf = outputs(&windows);
    for ((name, a), (_, b)) in lf.iter().zip(&crlf) {
        assert!(a == b, "{name} differs between LF and BOM+CRLF sources");
    }
}

#[test]
fn deny_warnings_fails_only_when_there_are_warnings() {
    let p = base();
    assert_eq!(p.run(&["check", "--deny-warnings"]).code, 0);
    p.edit(
        "papers/second.md",
        "  ok: Approve the plan",
        "  ok: Approve the plan\n  later: Unplaced",
    );
    assert_eq!(p.run(&["check"]).code, 0, "a warning alone never fails");
    for args in [
        &["check", "--deny-warnings"][..],
        &["--deny-warnings", "check"],
        &["build", "--deny-warnings", "--format", "html"],
    ] {
        let run = p.run(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("BP012"), "{}", run.stderr);
    }
}

#[test]
fn output_folders_among_the_sources_are_refused() {
    let p = base();
    let before = p.read("papers/update.md");
    for out in [".", "papers", "trusts/x", "templates", ".."] {
        let run = p.run(&["build", "--out", out, "--format", "html"]);
        assert_eq!(run.code, 2, "--out {out}: {}", run.stderr);
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    }
    assert_eq!(p.read("papers/update.md"), before);
    assert!(!p.path().join("papers/alpha").exists() && !p.path().join("index.html").exists());
    assert_eq!(
        p.run(&["build", "--out", "elsewhere", "--format", "html"])
            .code,
        0
    );
}

#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_symlink_is_refused() {
    let p = base();
    let target = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(target.path(), p.path().join("out")).unwrap();
    let run = p.run(&["build", "--out", "out", "--format", "html"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read_dir(target.path()).unwrap().count(), 0);
    std::os::unix::fs::symlink(p.path().join("papers"), p.path().join("sneaky")).unwrap();
    let run = p.run(&["build", "--out", "sneaky/sub", "--format", "html"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!p.path().join("papers/sub").exists());
}
