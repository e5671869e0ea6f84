//! One small broken project per check: the real binary must report the
//! problem's code at the exact file, line and column.

mod common;

use common::Project;

struct Case {
    name: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    code: &'static str,
    at: (&'static str, u64, u64),
}

const P: &str = "papers/update.md";
const A: &str = "trusts/alpha.yaml";

const CASES: &[Case] = &[
    Case {
        name: "unknown front matter key",
        file: P,
        from: "signoff:",
        to: "sign-off:",
        code: "BP002",
        at: (P, 4, 1),
    },
    Case {
        name: "unknown trust file key",
        file: A,
        from: "board:",
        to: "bored:",
        code: "BP002",
        at: (A, 3, 1),
    },
    Case {
        name: "unknown governance key",
        file: P,
        from: "  author: Sam",
        to: "  auther: Sam",
        code: "BP009",
        at: (P, 10, 3),
    },
    Case {
        name: "unknown trust",
        file: P,
        from: "objectives: [quality]",
        to: "objectives: [quality]\ntrusts: [alpha, betta]",
        code: "BP003",
        at: (P, 13, 17),
    },
    Case {
        name: "unknown variant trust",
        file: P,
        from: "  beta:",
        to: "  betta:",
        code: "BP003",
        at: (P, 14, 3),
    },
    Case {
        name: "unknown framework item",
        file: P,
        from: "objectives: [quality]",
        to: "objectives: [quality]\nalignment:\n  alpha: [car]",
        code: "BP004",
        at: (P, 14, 11),
    },
    Case {
        name: "unknown objective in paper",
        file: P,
        from: "objectives: [quality]",
        to: "objectives: [qualty]",
        code: "BP005",
        at: (P, 12, 14),
    },
    Case {
        name: "unknown objective in trust",
        file: A,
        from: "objectives: [people]",
        to: "objectives: [peeple]",
        code: "BP005",
        at: (A, 13, 20),
    },
    Case {
        name: "duplicate framework item",
        file: A,
        from: "    - id: staff",
        to: "    - id: care",
        code: "BP006",
        at: (A, 11, 11),
    },
    Case {
        name: "duplicate governance row",
        file: A,
        from: "  - author\n",
        to: "  - author\n  - sponsor\n",
        code: "BP006",
        at: (A, 17, 5),
    },
    Case {
        name: "duplicate YAML key",
        file: P,
        from: "  author: Sam Example",
        to: "  author: Sam Example\n  author: Again",
        code: "BP001",
        at: (P, 11, 3),
    },
    Case {
        name: "assurance off a trust's scale",
        file: P,
        from: "      assurance: reasonable",
        to: "      author: Someone",
        code: "BP007",
        at: (P, 11, 14),
    },
    Case {
        name: "missing required governance value",
        file: P,
        from: "  sponsor: The Chief Executive\n",
        to: "",
        code: "BP008",
        at: (P, 8, 1),
    },
    Case {
        name: "bad paper date",
        file: P,
        from: "date: 2024-03-01",
        to: "date: 2024-02-30",
        code: "BP010",
        at: (P, 3, 7),
    },
    Case {
        name: "bad meeting date",
        file: A,
        from: "meeting: 2024-03-26",
        to: "meeting: 26/03/2024",
        code: "BP010",
        at: (A, 4, 10),
    },
    Case {
        name: "undefined recommendation",
        file: P,
        from: "recommendation(\"note\")",
        to: "recommendation(\"nope\")",
        code: "BP011",
        at: (P, 23, 4),
    },
    Case {
        name: "recommendation placed twice",
        file: P,
        from: "{{ recommendation(\"note\") }}",
        to: "{{ recommendation(\"note\") }}\n\n{{ recommendation(\"note\") }}",
        code: "BP013",
        at: (P, 25, 4),
    },
    Case {
        name: "template variable error",
        file: P,
        from: "{{ trust.short }}",
        to: "{{ trust.shrt }}",
        code: "BP014",
        at: (P, 21, 10),
    },
    Case {
        name: "template syntax error",
        file: P,
        from: "{{ trust.short }}",
        to: "{{ trust.short }",
        code: "BP014",
        at: (P, 21, 22),
    },
    Case {
        name: "raw HTML in the body",
        file: P,
        from: "Hello {{ trust.short }}.",
        to: "Hello <b>there</b>.",
        code: "BP015",
        at: (P, 21, 7),
    },
    Case {
        name: "raw HTML after a template expression on the same line",
        file: P,
        from: "Hello {{ trust.short }}.",
        to: "Hello {{ trust.short }}, <b>there</b>.",
        code: "BP015",
        at: (P, 21, 26),
    },
    Case {
        name: "image without alt text",
        file: P,
        from: "Hello {{ trust.short }}.",
        to: "![](chart.png)",
        code: "BP016",
        at: (P, 21, 1),
    },
    Case {
        name: "image outside the paper's folder",
        file: P,
        from: "Hello {{ trust.short }}.",
        to: "![A chart](../secret.png)",
        code: "BP017",
        at: (P, 21, 12),
    },
    Case {
        name: "javascript link",
        file: P,
        from: "Hello {{ trust.short }}.",
        to: "[click](javascript:alert(1))",
        code: "BP022",
        at: (P, 21, 1),
    },
    Case {
        name: "unclosed front matter",
        file: P,
        from: "---\n\n# Introduction",
        to: "\n# Introduction",
        code: "BP021",
        at: (P, 1, 1),
    },
    Case {
        name: "YAML syntax error",
        file: P,
        from: "purpose: To test",
        to: "purpose: [To test",
        code: "BP001",
        at: (P, 6, 16),
    },
    Case {
        name: "unknown paper in an agenda",
        file: A,
        from: "governance:",
        to: "agenda: [updte]\ngovernance:",
        code: "BP027",
        at: (A, 14, 10),
    },
    Case {
        name: "custom row without label",
        file: A,
        from: "  - alignment",
        to: "  - alignment\n  - lead-director",
        code: "BP009",
        at: (A, 19, 5),
    },
    Case {
        name: "missing title",
        file: P,
        from: "title: Test Update\n",
        to: "",
        code: "BP026",
        at: (P, 2, 1),
    },
];

#[test]
fn the_mini_fixture_is_clean() {
    let (code, diags) = Project::fixture("mini").diagnostics();
    assert_eq!(code, 0, "{diags:?}");
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn every_check_reports_its_location() {
    let mut failures = Vec::new();
    for case in CASES {
        let p = Project::fixture("mini");
        p.edit(case.file, case.from, case.to);
        let (code, diags) = p.diagnostics();
        let found = diags.iter().any(|d| {
            d["code"] == case.code
                && d["file"] == case.at.0
                && d["line"] == case.at.1
                && d["column"] == case.at.2
        });
        if code != 1 || !found {
            failures.push(format!(
                "{}: exit {code}, expected {} at {}:{}:{}, got {diags:#?}",
                case.name, case.code, case.at.0, case.at.1, case.at.2
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn suggestions_name_the_near_key() {
    let p = Project::fixture("mini");
    p.edit(P, "  sponsor: The", "  sponser: The");
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("unknown governance key `sponser`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `sponsor`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("papers/update.md:9:3"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unplaced_recommendation_is_a_warning() {
    let p = Project::fixture("mini");
    p.edit(P, "{{ recommendation(\"note\") }}", "");
    let (code, diags) = p.diagnostics();
    assert_eq!(code, 0);
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "BP012" && d["severity"] == "warning" && d["line"] == 7),
        "{diags:?}"
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_offset() {
    let p = Project::fixture("mini");
    p.write(P, b"---\ntitle: x\xff\n---\n");
    let (_, diags) = p.diagnostics();
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "BP025"
                && d["message"].as_str().unwrap().contains("byte offset 12")),
        "{diags:?}"
    );
}

#[test]
fn a_bad_file_name_is_not_an_id() {
    let p = Project::fixture("mini");
    p.write("trusts/Gamma_Trust.yaml", p.read(A));
    let (_, diags) = p.diagnostics();
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "BP018" && d["file"] == "trusts/Gamma_Trust.yaml"),
        "{diags:?}"
    );
}

#[test]
fn github_format_gives_workflow_annotations() {
    let p = Project::fixture("mini");
    p.edit(P, "signoff:", "sign-off:");
    let run = p.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.lines().any(|l| l.starts_with(
            "::error file=papers/update.md,line=4,col=1,endLine=4,endColumn=9,title=boardpaper BP002::unknown field"
        )),
        "{}",
        run.stdout
    );
}

/// `style.accent` in the mini fixture's boardpaper.yaml (line 7).
fn with_accent(accent: &str) -> Project {
    let p = Project::fixture("mini");
    let config = p.read("boardpaper.yaml");
    p.write(
        "boardpaper.yaml",
        format!("{config}style:\n  accent: \"{accent}\"\n"),
    );
    p
}

/// The accent the PDF (callout bar fill) and the HTML (`--accent`) use.
fn accents_used(p: &Project) -> (Vec<String>, String) {
    let dump = p.run(&["dump-layout", "--trust", "alpha", "--paper", "update"]);
    assert_eq!(dump.code, 0, "{}", dump.stderr);
    // The callout's accent bar: a 4 pt wide filled rectangle.
    let mut bars: Vec<String> = dump
        .stdout
        .lines()
        .filter(|l| l.starts_with("rect ") && l.contains(" 4.0x"))
        .filter_map(|l| l.split("fill=").nth(1))
        .map(|f| f.split(' ').next().unwrap_or("").to_string())
        .collect();
    bars.dedup();
    let build = p.run(&["build", "--format", "html", "--trust", "alpha"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let html = p.read("build/alpha/update.html");
    let css = html
        .split("--accent: ")
        .nth(1)
        .and_then(|s| s.split(';').next())
        .unwrap_or("")
        .to_string();
    (bars, css)
}

#[test]
fn an_accent_unreadable_on_white_warns_at_its_line_and_both_copies_use_nhs_blue() {
    // Yellow (1.3:1), white (1:1) and a grey just under 4.5:1 (4.48:1).
    for accent in ["#FFEB3B", "#ffffff", "#777777"] {
        let p = with_accent(accent);
        let (code, diags) = p.diagnostics();
        assert_eq!(code, 0, "a warning does not fail check: {diags:?}");
        let found: Vec<(&str, &str, &str, u64, u64)> = diags
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or(""),
                    d["severity"].as_str().unwrap_or(""),
                    d["file"].as_str().unwrap_or(""),
                    d["line"].as_u64().unwrap_or(0),
                    d["column"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![("BP032", "warning", "boardpaper.yaml", 8, 11)],
            "{accent}"
        );
        let (bars, css) = accents_used(&p);
        assert_eq!(bars, vec!["#005eb8"], "{accent}: PDF callout bar");
        assert_eq!(css, "#005eb8", "{accent}: HTML accent");
    }
}

#[test]
fn a_readable_accent_is_used_by_both_copies_without_a_warning() {
    // Just over 4.5:1 (4.54:1), and a dark purple.
    for (accent, used) in [("#767676", "#767676"), ("#330072", "#330072")] {
        let p = with_accent(accent);
        let (code, diags) = p.diagnostics();
        assert_eq!((code, diags.len()), (0, 0), "{accent}: {diags:?}");
        let (bars, css) = accents_used(&p);
        assert_eq!(bars, vec![used], "{accent}: PDF callout bar");
        assert_eq!(css, used, "{accent}: HTML accent");
    }
}
