//! A new user's first hour (issue 26), scripted: a fresh `init`, a third
//! trust, `new`, then each mistake people make, one at a time (a misspelt
//! trust key, a tab and an indentation error in a trust file, a misspelt
//! trust id in a paper, a missing required key, narrowing a paper's
//! trusts), each checked and then fixed as its hint says; then `build`,
//! `list`, `diff`, completions, man and docs. Outputs are asserted whole.

mod common;

use std::path::Path;
use std::process::Command;

use common::BIN;

/// Runs boardpaper in `dir`: (exit code, stdout, stderr).
fn bp(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .output()
        .expect("run boardpaper");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// `check` exits 1 with exactly `stderr`, and nothing on stdout but the
/// summary line `summary`.
fn fails_with(dir: &Path, summary: &str, stderr: &str) {
    let (code, out, err) = bp(dir, &["check"]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, summary, stderr));
}

fn clean(dir: &Path) {
    assert_eq!(
        bp(dir, &["check"]),
        (
            0,
            "checked 3 trusts, 1 paper, 3 variants\n".into(),
            String::new()
        )
    );
}

#[test]
fn a_new_users_first_hour() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out, err) = bp(tmp.path(), &["init", "alliance"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "created a starter project in alliance\n  boardpaper.yaml, trusts/north.yaml, trusts/south.yaml, papers/alliance-update.md,\n  README.md, .gitignore, .github/workflows/boardpaper.yml (CI: check, build per trust, merge)\nnext: cd alliance && boardpaper build\n"
    );
    let dir = &tmp.path().join("alliance");
    let config = std::fs::read_to_string(dir.join("boardpaper.yaml")).unwrap();
    assert!(config.contains("`boardpaper docs format`"), "{config}");
    // A third trust, as a user adds one: a copy of a starter trust.
    let north = std::fs::read_to_string(dir.join("trusts/north.yaml")).unwrap();
    let east = north
        .replace(
            "North Example NHS Foundation Trust",
            "East Example NHS Trust",
        )
        .replace("short: NEFT", "short: EET");
    std::fs::write(dir.join("trusts/east.yaml"), east).unwrap();
    clean(dir);

    new_paper_passes_check(dir);
    misspelt_trust_key(dir);
    tab_and_indentation(dir);
    misspelt_trust_in_a_paper(dir);
    missing_required_key(dir);
    narrowed_trusts(dir);
    build_list_diff(dir);
    completions_man_docs(dir);
}

/// `new` makes a skeleton that `check` passes with placeholder warnings
/// only (BP031), and that builds.
fn new_paper_passes_check(dir: &Path) {
    let (code, out, _) = bp(dir, &["new", "workforce-update"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "created papers/workforce-update.md: fill in every TODO (`boardpaper check` warns at each one left, BP031)\n")
    );
    let (code, out, err) = bp(dir, &["check"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "checked 3 trusts, 2 papers, 6 variants\n");
    let heads: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("warning") || l.starts_with("error"))
        .collect();
    assert!(!heads.is_empty());
    assert!(
        heads.iter().all(|l| l.starts_with("warning[BP031]")),
        "{err}"
    );
    assert!(
        err.ends_with(&format!("{} warnings\n", heads.len())),
        "{err}"
    );
    let (code, _, err) = bp(dir, &["build"]);
    assert_eq!(code, 0, "{err}");
    // The user writes their paper later; the mistakes below are elsewhere.
    std::fs::remove_file(dir.join("papers/workforce-update.md")).unwrap();
    clean(dir);
}

/// `shrot:` in a trust file: one error, the cause, with the fix; the trust
/// is counted; nothing derived in the papers.
fn misspelt_trust_key(dir: &Path) {
    edit(dir, "trusts/south.yaml", "\nshort:", "\nshrot:");
    fails_with(
        dir,
        "checked 3 trusts (1 could not be read), 1 paper, 2 variants\n",
        "error[BP002]: unknown field `shrot`, expected one of: name, short, board, private-board, confidential-label, meeting, publication-days, framework, governance, governance-heading, assurance-levels, venue, agenda, front-sheet
 --> trusts/south.yaml:2:1
  |
2 | shrot: SET
  | ^^^^^
  |
  = help: did you mean `short`?
1 error, 0 warnings
",
    );
    edit(dir, "trusts/south.yaml", "\nshrot:", "\nshort:");
    clean(dir);
}

/// A tab, then a stray space, in a trust file: one error each, on the
/// line at fault, with the change that fixes it.
fn tab_and_indentation(dir: &Path) {
    edit(dir, "trusts/north.yaml", "\n  title: Our", "\n\ttitle: Our");
    fails_with(
        dir,
        "checked 3 trusts (1 could not be read), 1 paper, 2 variants\n",
        "error[BP001]: a tab in the indentation: YAML indents with spaces only
 --> trusts/north.yaml:6:1
  |
6 | \\ttitle: Our strategy strategic alignment
  | ^^
  |
  = help: replace the tab on line 6 with spaces (two for each level)
1 error, 0 warnings
",
    );
    edit(dir, "trusts/north.yaml", "\n\ttitle: Our", "\n  title: Our");
    clean(dir);
    edit(dir, "trusts/north.yaml", "\nboard: ", "\n board: ");
    fails_with(
        dir,
        "checked 3 trusts (1 could not be read), 1 paper, 2 variants\n",
        "error[BP001]: this line's indentation does not fit the lines above it (mapping values are not allowed in this context)
 --> trusts/north.yaml:3:2
  |
3 |  board: Trust Public Board
  |  ^^^^^
  |
  = help: line 3 is indented 1 space, line 2 above it 0 spaces: indent the keys of one mapping by the same number of spaces, and a nested one further than its parent key
1 error, 0 warnings
",
    );
    edit(dir, "trusts/north.yaml", "\n board: ", "\nboard: ");
    clean(dir);
}

/// `trusts: [north, sotuh]`: one error at the id, with the right one.
fn misspelt_trust_in_a_paper(dir: &Path) {
    let rel = "papers/alliance-update.md";
    edit(
        dir,
        rel,
        "\nvariants:",
        "\ntrusts: [north, sotuh]\nvariants:",
    );
    let text = std::fs::read_to_string(dir.join(rel)).unwrap();
    let line = text.lines().position(|l| l.starts_with("trusts:")).unwrap() + 1;
    let gutter = " ".repeat(line.to_string().len());
    fails_with(
        dir,
        "checked 3 trusts, 1 paper, 1 variant\n",
        &format!(
            "error[BP003]: unknown trust `sotuh`
{gutter}--> {rel}:{line}:17
{gutter} |
{line} | trusts: [north, sotuh]
{gutter} |                 ^^^^^
{gutter} |
{gutter} = help: did you mean `south`?
1 error, 0 warnings
"
        ),
    );
    edit(dir, rel, "trusts: [north, sotuh]", "trusts: [north, south]");
    let (code, _, err) = bp(dir, &["check"]);
    assert_eq!(code, 0, "{err}");
    edit(dir, rel, "trusts: [north, south]\n", "");
    clean(dir);
}

/// A trust file without `name`: at the mapping that lacks it.
fn missing_required_key(dir: &Path) {
    edit(
        dir,
        "trusts/east.yaml",
        "name: East Example NHS Trust\n",
        "",
    );
    fails_with(
        dir,
        "checked 3 trusts (1 could not be read), 1 paper, 2 variants\n",
        "error[BP026]: missing field `name`: the mapping starting here needs it
 --> trusts/east.yaml:1:1
  |
1 | short: EET
  | ^^^^^
  |
  = help: add `name: ...` at the top of the file
1 error, 0 warnings
",
    );
    edit(
        dir,
        "trusts/east.yaml",
        "short: EET",
        "name: East Example NHS Trust\nshort: EET",
    );
    clean(dir);
}

/// Leaving a trust out of a paper: what only that trust used is a warning
/// (its variant, its front-sheet keys), never an error.
fn narrowed_trusts(dir: &Path) {
    let rel = "papers/alliance-update.md";
    edit(
        dir,
        rel,
        "\nvariants:",
        "\ntrusts: [north, east]\nvariants:",
    );
    let (code, out, err) = bp(dir, &["check"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "checked 3 trusts, 1 paper, 2 variants\n"),
        "{err}"
    );
    assert!(!err.contains("error"), "{err}");
    assert!(
        err.contains(
            "warning[BP003]: the paper does not go to `south`, so its variant for it is left out"
        ),
        "{err}"
    );
    assert!(err.ends_with("4 warnings\n"), "{err}");
    edit(dir, rel, "trusts: [north, east]\n", "");
    clean(dir);
}

fn build_list_diff(dir: &Path) {
    // The skeleton's outputs (built earlier) go; the rest were built then.
    let (code, out, err) = bp(dir, &["build"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let shown = dir.join("build");
    assert_eq!(
        out,
        format!(
            "built 9 files in {} (3 written, 6 unchanged since the last build)\nremoved 6 stale files of earlier builds\n",
            shown.display()
        )
    );
    // -v lists only what this build wrote: nothing, the second time.
    let (code, out, _) = bp(dir, &["-v", "build"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("(0 written, 9 unchanged") && !out.contains("  wrote "),
        "{out}"
    );
    let list = "Example Alliance — January 2026

Trusts:
  east         East Example NHS Trust (EET), Trust Public Board – 27 January 2026
  north        North Example NHS Foundation Trust (NEFT), Trust Public Board – 27 January 2026
  south        South Example NHS Trust (SET), Public Board of Directors – 29 January 2026

Papers:
  alliance-update      Example Alliance Common Board Paper

Who receives what:
  paper             east    north    south  
  alliance-update    ✓        ✓        ✓    

Agendas:
  east — Trust Public Board – 27 January 2026
    (no agenda)
  north — Trust Public Board – 27 January 2026
    (no agenda)
  south — Public Board of Directors – 29 January 2026
    (no agenda)
";
    assert_eq!(bp(dir, &["list"]), (0, list.into(), String::new()));
    // -q hides progress and summaries, never a command's result.
    assert_eq!(bp(dir, &["-q", "list"]), (0, list.into(), String::new()));
    let diff = "alliance-update: NEFT (north) compared with EET (east)

Body
  papers/alliance-update.md:51
    - north: This paper summarises the work of the Example Alliance this quarter. It goes to the board of every member trust; this copy is for the North Example NHS Foundation Trust.
    + east: This paper summarises the work of the Example Alliance this quarter. It goes to the board of every member trust; this copy is for the East Example NHS Trust.

1 difference.
";
    let args = ["diff", "--paper", "alliance-update", "north", "east"];
    assert_eq!(bp(dir, &args), (0, diff.into(), String::new()));
    let quiet = ["-q", "diff", "--paper", "alliance-update", "north", "east"];
    assert_eq!(bp(dir, &quiet), (0, diff.into(), String::new()));
}

fn completions_man_docs(dir: &Path) {
    let (code, script, _) = bp(dir, &["-q", "completions", "bash"]);
    assert_eq!(code, 0);
    assert!(
        script.contains("_boardpaper()") && script.contains("preview"),
        "{script}"
    );
    assert_eq!(bp(dir, &["completions", "bash"]).1, script);
    let (code, page, _) = bp(dir, &["-q", "man"]);
    assert_eq!(code, 0);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{page}");
    for section in [
        ".SH COMMANDS",
        ".SS \"boardpaper build\"",
        ".SH \"EXIT STATUS\"",
        ".SH \"SEE ALSO\"",
    ] {
        assert!(page.contains(section), "the man page lacks {section}");
    }
    assert!(
        !page.contains("boardpaper-build"),
        "the man page names pages that do not exist"
    );
    let format = include_str!("../docs/format.md");
    assert_eq!(
        bp(dir, &["-q", "docs", "format"]),
        (0, format.into(), String::new())
    );
    // The flags people get wrong, with the right spelling in the message.
    let (code, _, err) = bp(dir, &["build", "--format", "json"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: `--format json` chooses output formats (pdf, html); for json messages write `--message-format json`\n"), "{err}");
    let (code, out, err) = bp(dir, &["build", "--format", "pdf,html", "--trust", "east"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("built "), "{out}");
    let (code, _, err) = bp(dir, &["-q", "-v", "list"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: the argument '--quiet' cannot be used with '--verbose...'"),
        "{err}"
    );
    assert_eq!(bp(dir, &["-vv", "check"]).0, 0);
    let (code, out, err) = bp(dir, &["check", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(
        err.starts_with(
            "note: `check --format` is deprecated: write `check --message-format json`"
        ),
        "{err}"
    );
    assert!(out.contains("\"type\":\"summary\""), "{out}");
    let (code, _, err) = bp(dir, &["serve"]);
    assert_eq!(code, 2);
    assert!(err.contains("`boardpaper preview` serves"), "{err}");
}
