//! Machine-readable output and the rough edges around it: JSON lines on
//! stdout (nothing else there) with end positions and a summary, BP019 as
//! JSON, GitHub annotations with repository-relative paths, `build
//! --message-format json`, folded governance errors, date and placeholder
//! warnings, `diff --exit-code`, the preview's busy-port fallback,
//! completions and the man page.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{json_lines, Project, BIN};
use serde_json::Value;

const P: &str = "papers/update.md";

fn summary(lines: &[Value]) -> &Value {
    let last = lines.last().expect("at least the summary");
    assert_eq!(last["type"], "summary", "last line is the summary: {last}");
    last
}

#[test]
fn check_json_on_stdout_parses_on_a_clean_project() {
    let run = Project::fixture("mini").run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), 1, "only the summary: {}", run.stdout);
    let s = summary(&lines);
    assert_eq!(
        (&s["status"], &s["errors"], &s["warnings"]),
        (&"ok".into(), &0.into(), &0.into())
    );
    assert_eq!(
        (&s["trusts"], &s["papers"], &s["variants"]),
        (&2.into(), &2.into(), &3.into())
    );
    assert!(
        run.stderr
            .contains("checked 2 trusts, 2 papers, 3 variants"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_json_on_stdout_parses_on_a_broken_project_with_ranges_and_counts() {
    let p = Project::fixture("mini");
    p.edit(P, "  sponsor: The", "  sponser: The");
    p.edit(P, "date: 2024-03-01", "date: 10 November 2023");
    p.edit(P, "objectives: [quality]", "objectives: []");
    let run = p.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines = json_lines(&run.stdout);
    let diags: Vec<&Value> = lines.iter().filter(|l| l["type"] == "diagnostic").collect();
    assert_eq!(
        diags.len() + 1,
        lines.len(),
        "diagnostics then the summary only"
    );
    for d in &diags {
        for key in [
            "severity",
            "code",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "hint",
        ] {
            assert!(d.get(key).is_some(), "{key} missing in {d}");
        }
    }
    let find = |code: &str| {
        diags
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {}", run.stdout))
    };
    let typo = find("BP009");
    assert_eq!(
        (
            &typo["line"],
            &typo["column"],
            &typo["end_line"],
            &typo["end_column"]
        ),
        (&9.into(), &3.into(), &9.into(), &10.into()),
        "the range covers `sponser`"
    );
    let date = find("BP010");
    assert_eq!(
        (&date["line"], &date["column"], &date["end_column"]),
        (&3.into(), &7.into(), &23.into())
    );
    assert_eq!(date["hint"], "write 2023-11-10");
    assert_eq!(find("BP031")["severity"], "warning");
    let s = summary(&lines);
    assert_eq!(
        (&s["errors"], &s["warnings"], &s["status"]),
        (&2.into(), &1.into(), &"errors".into())
    );
}

#[test]
fn one_governance_typo_gives_one_error_that_names_the_typo_first() {
    let p = Project::fixture("mini");
    p.edit(P, "  sponsor: The", "  sponser: The");
    let (code, diags) = p.diagnostics();
    assert_eq!(code, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "BP009");
    assert_eq!(
        diags[0]["message"],
        "unknown governance key `sponser`: did you mean `sponsor`? (ALPHA and BETA need `sponsor`)"
    );
    let human = p.run(&["check"]);
    assert!(
        human
            .stderr
            .contains("  sponser: The Chief Executive\n  |   ^^^^^^^\n"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("1 error, 0 warnings"),
        "{}",
        human.stderr
    );
}

#[test]
fn a_missing_row_is_one_error_naming_every_trust() {
    let p = Project::fixture("mini");
    p.edit(P, "  author: Sam Example\n", "");
    let (_, diags) = p.diagnostics();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "BP008");
    assert_eq!(
        (
            &diags[0]["line"],
            &diags[0]["column"],
            &diags[0]["end_column"]
        ),
        (&8.into(), &1.into(), &11.into()),
        "at the governance block"
    );
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("ALPHA and BETA need a value for the governance row `author`"),
        "{}",
        diags[0]["message"]
    );
}

#[test]
fn dates_in_other_formats_get_the_iso_form() {
    for (written, iso) in [
        ("10/11/2023", "2023-11-10"),
        ("10.11.2023", "2023-11-10"),
        ("3 March 2024", "2024-03-03"),
    ] {
        let p = Project::fixture("mini");
        p.edit(
            "trusts/alpha.yaml",
            "meeting: 2024-03-26",
            &format!("meeting: {written}"),
        );
        let (_, diags) = p.diagnostics();
        assert_eq!(diags.len(), 1, "{written}: {diags:?}");
        assert_eq!(diags[0]["code"], "BP010");
        assert_eq!(
            (&diags[0]["file"], &diags[0]["line"], &diags[0]["column"]),
            (&"trusts/alpha.yaml".into(), &4.into(), &10.into())
        );
        assert_eq!(diags[0]["hint"], format!("write {iso}"), "{written}");
    }
}

#[test]
fn placeholders_are_warnings_and_fail_under_deny_warnings() {
    let p = Project::fixture("mini");
    p.edit(
        P,
        "purpose: To test",
        "purpose: TODO why this paper comes to the boards",
    );
    p.edit(P, "Hello {{ trust.short }}.", "TODO");
    let (code, diags) = p.diagnostics();
    assert_eq!(code, 0, "warnings only: {diags:?}");
    let at: Vec<(u64, u64, u64)> = diags
        .iter()
        .map(|d| {
            assert_eq!(
                (&d["code"], &d["severity"]),
                (&"BP031".into(), &"warning".into())
            );
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["end_column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(at, vec![(5, 10, 49), (21, 1, 5)]);
    assert_eq!(p.run(&["--deny-warnings", "check"]).code, 1);
    let build = p.run(&["--deny-warnings", "build", "--format", "html"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
}

#[test]
fn a_paper_made_with_new_and_left_unfilled_is_reported_at_each_blank() {
    let p = Project::fixture("mini");
    assert_eq!(p.run(&["new", "half"]).code, 0);
    let (_, diags) = p.diagnostics();
    let blanks: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "BP031" && d["file"] == "papers/half.md")
        .collect();
    assert!(
        blanks.iter().any(|d| d["line"] == 2
            && d["message"]
                .as_str()
                .unwrap()
                .contains("TODO the paper's title")),
        "{diags:?}"
    );
    assert!(
        blanks.iter().any(|d| d["message"]
            .as_str()
            .unwrap()
            .contains("`objectives` is empty")),
        "{diags:?}"
    );
    assert!(blanks.len() >= 8, "{blanks:?}");
}

#[test]
fn no_project_is_bp019_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let o = Command::new(BIN)
            .args(args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (code, stdout, _) = run(&["check", "--format", "json"]);
    assert_eq!(code, Some(2));
    let lines = json_lines(&stdout);
    assert_eq!(lines[0]["type"], "failure");
    assert_eq!(lines[0]["code"], "BP019");
    assert_eq!(summary(&lines)["status"], "failed");
    let (code, stdout, _) = run(&["build", "--message-format", "json"]);
    assert_eq!(code, Some(2));
    assert_eq!(json_lines(&stdout)[0]["code"], "BP019");
    let (code, stdout, _) = run(&["check", "--format", "github"]);
    assert_eq!(code, Some(2));
    assert!(
        stdout.starts_with("::error title=boardpaper BP019::no boardpaper.yaml"),
        "{stdout}"
    );
    let (code, stdout, stderr) = run(&["check"]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.starts_with("error[BP019]: no boardpaper.yaml"),
        "{stderr}"
    );
}

#[test]
fn build_message_format_json_lists_every_file_written_and_a_summary() {
    let p = Project::fixture("mini");
    p.edit("papers/second.md", "Body text", "<b>x</b>\n\nBody text");
    let run = p.run(&["build", "--message-format", "json", "--format", "html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines = json_lines(&run.stdout);
    let artifacts: Vec<&Value> = lines.iter().filter(|l| l["type"] == "artifact").collect();
    let variants: Vec<&Value> = artifacts
        .iter()
        .copied()
        .filter(|a| a["paper"] != "index")
        .collect();
    assert_eq!(
        variants.len(),
        2,
        "update for alpha and beta: {}",
        run.stdout
    );
    for a in &artifacts {
        let path = a["path"].as_str().unwrap();
        assert!(
            std::path::Path::new(path).is_file() || p.path().join(path).is_file(),
            "{path}"
        );
        assert_eq!(a["format"], "html");
    }
    assert!(lines
        .iter()
        .any(|l| l["type"] == "diagnostic" && l["code"] == "BP015"));
    let errors = lines.iter().filter(|l| l["severity"] == "error").count();
    assert!(errors >= 1);
    let s = summary(&lines);
    assert_eq!(
        (&s["command"], &s["errors"], &s["files"]),
        (&"build".into(), &errors.into(), &2.into())
    );
    assert!(
        run.stderr.contains("built the valid variants: 2 files"),
        "{}",
        run.stderr
    );
}

#[test]
fn plurals_are_right() {
    let p = Project::fixture("mini");
    let run = p.run(&[
        "build", "--trust", "alpha", "--paper", "update", "--format", "html",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("built 1 file in "), "{}", run.stdout);
}

/// Only when git is installed: the annotations must work in a real repository.
fn git(dir: &std::path::Path, args: &[&str]) -> bool {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn github_annotations_name_files_from_the_repository_root() {
    let repo = Project::fixture("mini");
    let sub = repo.path().join("boards/alliance");
    std::fs::create_dir_all(&sub).unwrap();
    for name in ["boardpaper.yaml", "trusts", "papers"] {
        std::fs::rename(repo.path().join(name), sub.join(name)).unwrap();
    }
    repo.edit("boards/alliance/papers/update.md", "signoff:", "sign-off:");
    let want = "::error file=boards/alliance/papers/update.md,line=4,col=1,endLine=4,endColumn=9,title=boardpaper BP002::";
    let annotations = |workspace: Option<&std::path::Path>| {
        let mut cmd = Command::new(BIN);
        cmd.args(["check", "--format", "github"])
            .current_dir(&sub)
            .env_remove("GITHUB_WORKSPACE");
        if let Some(w) = workspace {
            cmd.env("GITHUB_WORKSPACE", w);
        }
        let o = cmd.output().unwrap();
        assert_eq!(o.status.code(), Some(1));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let out = annotations(Some(repo.path()));
    assert!(
        out.lines().any(|l| l.starts_with(want)),
        "GITHUB_WORKSPACE: {out}"
    );
    if git(repo.path(), &["init", "-q"]) {
        let out = annotations(None);
        assert!(
            out.lines().any(|l| l.starts_with(want)),
            "git top level: {out}"
        );
    }
}

#[test]
fn diff_exit_code_suggestions_and_identical_copies() {
    let p = Project::fixture("mini");
    let differ = p.run(&["diff", "--exit-code", "--paper", "update", "alpha", "beta"]);
    assert_eq!(differ.code, 1, "{}", differ.stderr);
    assert!(differ.stdout.contains("Front sheet"), "{}", differ.stdout);
    assert_eq!(
        p.run(&["diff", "--paper", "update", "alpha", "beta"]).code,
        0
    );
    let same = p.run(&["diff", "--exit-code", "--paper", "update", "alpha", "alpha"]);
    assert_eq!(same.code, 0, "{}", same.stderr);
    assert!(
        same.stdout.contains("The copies are identical."),
        "{}",
        same.stdout
    );
    for section in [
        "Front sheet",
        "Governance table",
        "Body",
        "Strategic alignment",
    ] {
        assert!(
            !same.stdout.contains(section),
            "empty {section} printed: {}",
            same.stdout
        );
    }
    let trust = p.run(&["diff", "--paper", "update", "alpha", "bta"]);
    assert_eq!(trust.code, 2);
    assert!(
        trust
            .stderr
            .contains("unknown trust `bta`: did you mean `beta`?"),
        "{}",
        trust.stderr
    );
    let paper = p.run(&["diff", "--paper", "updte", "alpha", "beta"]);
    assert_eq!(paper.code, 2);
    assert!(
        paper
            .stderr
            .contains("unknown paper `updte`: did you mean `update`?"),
        "{}",
        paper.stderr
    );
}

#[test]
fn completions_and_man_page_cover_every_command() {
    let p = Project::fixture("mini");
    for shell in ["bash", "zsh", "fish"] {
        let run = p.run(&["completions", shell]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        for word in [
            "boardpaper",
            "build",
            "check",
            "diff",
            "preview",
            "--exit-code",
        ] {
            assert!(run.stdout.contains(word), "{shell} completions lack {word}");
        }
    }
    let man = p.run(&["man"]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH boardpaper 1"),
        "{}",
        &man.stdout[..200]
    );
    // One page: each command a section of it, no boardpaper-build(1) pages.
    for word in [
        ".SS \"boardpaper diff\"",
        ".SS \"boardpaper build\"",
        ".SH \"EXIT STATUS\"",
        "exit\\-code",
        "public",
    ] {
        assert!(man.stdout.contains(word), "man page lacks {word}");
    }
    assert!(
        !man.stdout.contains("boardpaper-"),
        "the man page names a page that does not exist"
    );
}

#[test]
fn preview_on_a_busy_port_falls_back_to_a_free_one_and_says_which() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let p = Project::fixture("mini");
    let mut child = Command::new(BIN)
        .args(["preview", "--port", &port.to_string()])
        .current_dir(p.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = mpsc::channel();
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    let (mut said_busy, mut url) = (false, None);
    while Instant::now() < deadline && url.is_none() {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            said_busy |= line.contains(&format!("port {port} is busy"));
            url = line
                .strip_prefix("preview at http://127.0.0.1:")
                .map(|r| r.split('/').next().unwrap_or("").to_owned());
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let url = url.expect("the preview printed its address");
    assert!(said_busy, "the fallback is announced");
    assert_ne!(url, port.to_string(), "a different port");
    assert!(url.parse::<u16>().is_ok(), "{url}");
}

/// README and docs/ stand alone: no link leaves the repository, every
/// relative link resolves, and docs/commands.md names every command and
/// every option the binary accepts.
#[test]
fn the_docs_need_nothing_outside_the_repository_and_cover_every_option() {
    use clap::CommandFactory;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    for e in std::fs::read_dir(root.join("docs")).unwrap() {
        pages.push(e.unwrap().path());
    }
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        assert!(
            !text.contains("../shared") && !text.contains("SPEC.md"),
            "{} points outside the repository",
            page.display()
        );
        for link in text.split("](").skip(1).filter_map(|s| s.split(')').next()) {
            // Links to pages (examples of image syntax are not links).
            if link.starts_with("http") || !link.contains(".md") {
                continue;
            }
            let file = link.split('#').next().unwrap();
            let target = page.parent().unwrap().join(file);
            assert!(target.exists(), "{}: broken link {link}", page.display());
        }
    }
    let commands = std::fs::read_to_string(root.join("docs/commands.md")).unwrap();
    let cli = boardpaper::cli::Cli::command();
    let mut missing = Vec::new();
    for arg in cli.get_arguments() {
        if let Some(long) = arg.get_long() {
            if !commands.contains(&format!("--{long}")) {
                missing.push(format!("--{long}"));
            }
        }
    }
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set()) {
        if !commands.contains(&format!("## {}", sub.get_name()))
            && !commands.contains(&format!("`{}`", sub.get_name()))
        {
            missing.push(sub.get_name().to_owned());
        }
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                if !commands.contains(&format!("--{long}")) {
                    missing.push(format!("{} --{long}", sub.get_name()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/commands.md does not describe: {missing:?}"
    );
}

#[test]
fn a_trust_file_that_fails_to_parse_is_the_cause_not_an_unknown_trust() {
    let p = Project::fixture("mini");
    p.edit("trusts/alpha.yaml", "board:", "bord:");
    for args in [
        &["build", "--trust", "alpha", "--format", "html"][..],
        &["diff", "--paper", "update", "alpha", "beta"],
        &["check"],
    ] {
        let run = p.run(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("error[BP002]: unknown field `bord`"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("unknown trust"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn markdown_problems_cover_their_whole_source() {
    let p = Project::fixture("mini");
    p.edit(
        P,
        "Hello {{ trust.short }}.",
        "[x](javascript:alert(1)) and <b>bold</b>",
    );
    let (_, diags) = p.diagnostics();
    let spans: Vec<(String, u64, u64, u64)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["end_column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        vec![
            ("BP022".into(), 21, 1, 25),
            ("BP015".into(), 21, 30, 33),
            ("BP015".into(), 21, 37, 41),
        ]
    );
}

#[test]
fn warnings_denied_show_in_the_json_summary() {
    let p = Project::fixture("mini");
    p.edit(P, "objectives: [quality]", "objectives: []");
    let run = p.run(&["--deny-warnings", "check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let lines = json_lines(&run.stdout);
    let s = summary(&lines);
    assert_eq!(
        (&s["status"], &s["errors"], &s["warnings"]),
        (&"denied-warnings".into(), &0.into(), &1.into())
    );
    assert!(
        run.stderr.contains("1 warning, denied by --deny-warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_placeholder_in_an_appendix_is_reported_there() {
    let p = Project::fixture("demo");
    let rel = "papers/ema-update/appendix-a-vision.md";
    let text = p.read(rel);
    p.write(rel, format!("{text}\nTODO the last section\n"));
    let line = text.lines().count() as u64 + 2;
    let (code, diags) = p.diagnostics();
    assert_eq!(code, 0, "a warning: {diags:?}");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        (
            &diags[0]["code"],
            &diags[0]["file"],
            &diags[0]["line"],
            &diags[0]["column"],
            &diags[0]["end_column"]
        ),
        (
            &"BP031".into(),
            &rel.into(),
            &line.into(),
            &1.into(),
            &22.into()
        )
    );
}

/// A typo in one trust's variant explains that trust's missing row only.
#[test]
fn a_typo_in_a_variant_explains_only_that_trusts_row() {
    let p = Project::fixture("mini");
    p.edit(P, "  sponsor: The Chief Executive\n", "");
    p.edit(
        P,
        "      assurance: reasonable",
        "      assurance: reasonable\n      sponser: The Chief Nurse",
    );
    let (_, diags) = p.diagnostics();
    let messages: Vec<&str> = diags
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        vec![
            "ALPHA needs a value for the governance row `sponsor` (\"Paper sponsored by:\")",
            "unknown governance key `sponser`: did you mean `sponsor`? (BETA needs `sponsor`)",
        ]
    );
}

/// A config that cannot be read comes in the chosen format with its code,
/// with the trust files' own problems in the same report.
#[test]
fn an_unreadable_config_is_reported_as_json_with_the_trust_errors() {
    let p = Project::fixture("mini");
    p.write("boardpaper.yaml", b"alliance:\n  name: Test \xff\n");
    p.edit("trusts/beta.yaml", "board:", "bord:");
    let run = p.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines = json_lines(&run.stdout);
    let codes: Vec<(&str, &str)> = lines
        .iter()
        .filter(|l| l["type"] == "diagnostic")
        .map(|l| (l["code"].as_str().unwrap(), l["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        vec![("BP025", "boardpaper.yaml"), ("BP002", "trusts/beta.yaml")]
    );
    assert_eq!(summary(&lines)["errors"], 2);
}
