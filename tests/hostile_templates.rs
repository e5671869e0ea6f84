//! Hostile templates, in a paper's body and in a project's `templates/`
//! overrides, run under the bounded harness (500 MB, 20 s): the template
//! pass reaches no environment variable, clock or randomness, no input can
//! crash or hang it, and every failure is reported with its exact code,
//! file, line and column, while every valid variant is still built.
//!
//! Each case is `base` with one line of `papers/second.md` (line 13, the
//! first line of its body) or one override file replaced.

mod common;

use std::path::Path;

use common::{Bounded, Project};

/// The fake secret every run sees in its environment.
const SECRET_NAME: &str = "BOARDPAPER_TEST_SECRET";
const SECRET: &str = "hunter2-do-not-publish";

/// The line of `papers/second.md` the cases replace.
const BODY_LINE: &str = "Body text with a [link](https://www.nhs.uk).";

fn base() -> Project {
    // Set once for the whole test process; the bounded runs inherit it.
    std::env::set_var(SECRET_NAME, SECRET);
    Project::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/base"))
}

fn with_body(body: &str) -> Project {
    let p = base();
    p.edit("papers/second.md", BODY_LINE, body);
    p
}

fn with_override(name: &str, text: &str) -> Project {
    let p = base();
    p.write(&format!("templates/{name}"), text);
    p
}

/// `CODE file:line:column` of every diagnostic of a bounded `check`.
fn checked(p: &Project) -> Vec<String> {
    let run = p.run_bounded(&["check", "--format", "json"]);
    run.assert_survived("check");
    let mut out = common::json_locations(&run.run.stdout);
    out.sort();
    out
}

/// The hint of the one diagnostic a bounded `check` reports.
fn hint(p: &Project) -> String {
    let run = p.run_bounded(&["check", "--format", "json"]);
    run.assert_survived("check");
    let lines: Vec<serde_json::Value> = run
        .run
        .stdout
        .lines()
        .chain(run.run.stderr.lines())
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json line"))
        .filter(|d| d["type"] == "diagnostic")
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    lines[0]["hint"].as_str().unwrap_or_default().to_string()
}

/// A bounded `build`: it must survive, fail with exit 1, report `expected`
/// (`file:line:col` in the human output, with its code), build the valid
/// paper for both trusts, and write the secret nowhere.
fn build_fails_cleanly(p: &Project, code: &str, expected: &str, html_built: bool) -> Bounded {
    let run = p.run_bounded(&["build"]);
    run.assert_survived("build");
    assert_eq!(run.run.code, 1, "{}", run.run.stderr);
    let out = format!("{}{}", run.run.stdout, run.run.stderr);
    assert!(out.contains(&format!("error[{code}]")), "{out}");
    assert!(out.contains(&format!("--> {expected}\n")), "{out}");
    for trust in ["alpha", "beta"] {
        let pdf = p.path().join(format!("build/{trust}/update.pdf"));
        assert!(pdf.is_file(), "{trust}'s valid paper was not built:\n{out}");
        let html = p.path().join(format!("build/{trust}/update.html"));
        assert_eq!(html.is_file(), html_built, "{}", html.display());
    }
    assert_no_secret(p);
    run
}

/// No file under the project (sources and outputs) holds the secret, and
/// neither does anything the run printed.
fn assert_no_secret(p: &Project) {
    for entry in common::files_under(p.path()) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(SECRET),
            "{} holds the secret",
            entry.display()
        );
    }
}

#[test]
fn environment_clock_and_randomness_are_unknown_in_a_body() {
    for (body, at) in [
        ("{{ get_env(name=\"BOARDPAPER_TEST_SECRET\") }}", "13:4"),
        (
            "Token: {{ get_env(name=\"BOARDPAPER_TEST_SECRET\", default=\"x\") }}",
            "13:11",
        ),
        ("Today is {{ now() }}.", "13:13"),
        ("Lucky {{ get_random(start=1, end=9) }}", "13:10"),
        (
            "{% set t = get_env(name=\"BOARDPAPER_TEST_SECRET\") %}{{ t }}",
            "13:12",
        ),
        ("{{ env.BOARDPAPER_TEST_SECRET }}", "13:4"),
        ("{{ BOARDPAPER_TEST_SECRET }}", "13:4"),
    ] {
        let p = with_body(body);
        assert_eq!(
            checked(&p),
            vec![format!("BP014 papers/second.md:{at}")],
            "{body}"
        );
        let run = build_fails_cleanly(&p, "BP014", &format!("papers/second.md:{at}"), true);
        assert!(!run.run.stderr.contains(SECRET), "{body}");
    }
}

#[test]
fn environment_clock_and_randomness_are_unknown_in_an_override() {
    for (name, text, at) in [
        (
            "paper.html",
            "<p>{{ title }}</p>\n<p>{{ get_env(name=\"BOARDPAPER_TEST_SECRET\") }}</p>",
            "2:7",
        ),
        ("paper.html", "<p>{{ title }}</p>\n\n  {{ now() }}", "3:6"),
        ("paper.html", "{{ get_random() }}", "1:4"),
        ("paper.html", "{% include \"style.css\" %}{{ env }}", "1:29"),
    ] {
        let p = with_override(name, text);
        assert_eq!(
            checked(&p),
            vec![format!("BP024 templates/{name}:{at}")],
            "{text}"
        );
        build_fails_cleanly(&p, "BP024", &format!("templates/{name}:{at}"), false);
    }
    // An index page: the papers are built, the index page is not.
    let p = with_override("index.html", "<h1>{{ alliance }}</h1>\n{{ now() }}");
    assert_eq!(checked(&p), vec!["BP024 templates/index.html:2:4"]);
    build_fails_cleanly(&p, "BP024", "templates/index.html:2:4", true);
    assert!(!p.path().join("build/index.html").exists());
}

#[test]
fn recursion_is_a_located_budget_error_not_a_crash() {
    for (body, at) in [
        ("{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}", "13:20"),
        (
            "{% macro a(n) %}{{ b(n) }}{% endmacro %}{% macro b(n) %}{{ a(n) }}{% endmacro %}{{ a(1) }}",
            "13:60",
        ),
        (
            "{% macro d(s, n) %}{% if n > 0 %}{{ d(s ~ s, n - 1) }}{% else %}{{ s }}{% endif %}{% endmacro %}{{ d(\"x\", 60) }}",
            "13:37",
        ),
    ] {
        let p = with_body(body);
        assert_eq!(checked(&p), vec![format!("BP029 papers/second.md:{at}")], "{body}");
        build_fails_cleanly(&p, "BP029", &format!("papers/second.md:{at}"), true);
    }
    // The same in an override, and an include cycle between two overrides.
    let p = with_override(
        "paper.html",
        "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}\n{{ r(0) }}",
    );
    assert_eq!(checked(&p), vec!["BP029 templates/paper.html:1:20"]);
    build_fails_cleanly(&p, "BP029", "templates/paper.html:1:20", false);
    let p = with_override("paper.html", "<main>\n{% include \"part.html\" %}");
    p.write("templates/part.html", "<p>\n  {% include \"paper.html\" %}");
    assert_eq!(checked(&p), vec!["BP029 templates/part.html:2:6"]);
}

#[test]
fn doubling_strings_are_stopped_as_they_grow() {
    for (body, at) in [
        // namespace(): the one way a loop can carry a value to its next pass.
        (
            "{% set ns = namespace(s=\"xx\") %}{% for i in range(end=60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
            "13:75",
        ),
        // A doubling macro that starts big enough to pass the fuel first.
        (
            "{% macro d(s, n) %}{% if n > 0 %}{{ d(s ~ s, n - 1) }}{% else %}{{ s }}{% endif %}{% endmacro %}{{ d(\"x\" * 100000, 8) }}",
            "13:39",
        ),
        // String repetition straight to the output: over the 4 MB body
        // (found after the pass, at the line that made most of it) ...
        ("{% set s = \"xxxxxxxx\" * 1000000 %}{{ s }}", "13:1"),
        // ... or past the output cap, stopped while writing that line.
        (
            "Intro\n{% set s = \"xxxxxxxx\" * 1000000 %}{{ s }}{{ s }}{{ s }}\nafter",
            "14:1",
        ),
    ] {
        let p = with_body(body);
        assert_eq!(checked(&p), vec![format!("BP029 papers/second.md:{at}")], "{body}");
    }
    // `{% set %}` inside a loop does not carry over to the next pass, so
    // this stays short and the paper builds.
    let p = with_body(
        "{% set s = \"xx\" %}{% for i in range(end=60) %}{% set s = s ~ s %}{{ s }}{% endfor %}",
    );
    assert_eq!(checked(&p), Vec::<String>::new());
}

#[test]
fn huge_ranges_are_refused_at_the_call() {
    for (body, at) in [
        (
            "{% for i in range(end=9223372036854775807) %}x{% endfor %}",
            "13:13",
        ),
        (
            "A {% for i in range(0, 9223372036854775807, 1) %}x{% endfor %}",
            "13:15",
        ),
        (
            "{{ range(end=-9223372036854775807, step_by=-1) | length }}",
            "13:4",
        ),
    ] {
        let p = with_body(body);
        assert_eq!(
            checked(&p),
            vec![format!("BP029 papers/second.md:{at}")],
            "{body}"
        );
    }
    // Filters whose output can outgrow their input pay for it first.
    for (body, at) in [
        (
            "{{ (\"a\" * 10000) | replace(\"a\", \"b\" * 10000) | length }}",
            "13:20",
        ),
        (
            "{{ range(end=10000) | join(sep=\"x\" * 10000) | length }}",
            "13:23",
        ),
    ] {
        let p = with_body(body);
        assert_eq!(
            checked(&p),
            vec![format!("BP029 papers/second.md:{at}")],
            "{body}"
        );
    }
    let p = with_override(
        "paper.html",
        "<p>{{ title }}</p>\n{% for i in range(end=9223372036854775807) %}x{% endfor %}",
    );
    assert_eq!(checked(&p), vec!["BP029 templates/paper.html:2:13"]);
    build_fails_cleanly(&p, "BP029", "templates/paper.html:2:13", false);
    let p = with_override(
        "paper.html",
        "<p>{{ title }}</p>\n{% for i in range(end=10000) %}{% for j in range(end=10000) %}{{ body | safe }}{% endfor %}{% endfor %}",
    );
    // Which budget runs out first (fuel at the outer or inner loop or at
    // the output, or the output cap at the body) depends on each variant's
    // page, stylesheet included: every place is the call that did too much.
    let found = checked(&p);
    assert!(!found.is_empty());
    for d in &found {
        assert!(
            [
                "BP029 templates/paper.html:2:1",
                "BP029 templates/paper.html:2:44",
                // `body | safe`: its expression or its filter.
                "BP029 templates/paper.html:2:66",
                "BP029 templates/paper.html:2:73"
            ]
            .contains(&d.as_str()),
            "{found:?}"
        );
    }
}

#[test]
fn nested_loops_over_long_lists_run_out_of_fuel() {
    // A long front-matter list, three loops deep.
    let items: String = (0..3000).map(|i| format!("  - item {i}\n")).collect();
    let p = base();
    p.edit(
        "papers/second.md",
        "purpose: Another\n",
        &format!("purpose:\n{items}"),
    );
    p.edit(
        "papers/second.md",
        BODY_LINE,
        "{% for a in paper.purpose %}{% for b in paper.purpose %}{% for c in paper.purpose %}{{ c }}{% endfor %}{% endfor %}{% endfor %}",
    );
    // The fuel runs out as the loops iterate, which has no narrower span
    // than the line (the front matter grew by 3,000 lines).
    let line = 13 + 3000;
    assert_eq!(
        checked(&p),
        vec![format!("BP029 papers/second.md:{line}:1")]
    );
    // `split` output, three loops deep.
    let p = with_body(
        "{% set l = \"a,\" * 5000 %}{% for a in l | split(\",\") %}{% for b in l | split(pat=\",\") %}{% for c in l | split(\",\") %}y{% endfor %}{% endfor %}{% endfor %}",
    );
    assert_eq!(checked(&p), vec!["BP029 papers/second.md:13:1"]);
    // More than 10,000 pieces from one split.
    let p = with_body("{{ (\"a,\" * 20000) | split(\",\") | length }}");
    assert_eq!(checked(&p), vec!["BP029 papers/second.md:13:21"]);
}

#[test]
fn whitespace_inside_tags_hides_nothing() {
    for body in [
        "{%\r for a in range(end=5000) %}{%\r for b in range(end=5000) %}{%\r for c in range(end=5000) %}x{% endfor %}{% endfor %}{% endfor %}",
        "{%\tfor a in range(end=5000) %}{%-\tfor b in range(end=5000) %}{%  for c in range(end=5000) -%}x{% endfor %}{% endfor %}{% endfor %}",
    ] {
        let p = with_body(body);
        assert_eq!(checked(&p), vec!["BP029 papers/second.md:13:1"], "{body:?}");
    }
    let p = with_body(
        "{%\nfor a in range(end=5000) %}{%\n  for b in range(end=5000) %}{%-\n for c in range(end=5000) %}x{% endfor %}{% endfor %}{% endfor %}",
    );
    // The innermost loop, on the fourth line of the body.
    assert_eq!(checked(&p), vec!["BP029 papers/second.md:16:1"]);
}

#[test]
fn unknown_functions_filters_and_includes_are_located_at_the_call() {
    for (body, at) in [
        ("Intro {% include \"secret.html\" %}", "13:10"),
        ("Intro {% include \"../../etc/passwd\" %}", "13:10"),
        ("{% import \"macros.html\" as m %}", "13:4"),
        ("A {{ trust.name | shout }}", "13:19"),
        ("Some text, then {{ lookup(\"x\") }}", "13:20"),
        ("{{ recommendation() }}", "13:4"),
        ("{{ debug() }}", "13:4"),
        ("Hello {% if %}.", "13:13"),
    ] {
        let p = with_body(body);
        assert_eq!(
            checked(&p),
            vec![format!("BP014 papers/second.md:{at}")],
            "{body}"
        );
    }
    let p = with_override("paper.html", "<main>\n  {% include \"nav.html\" %}");
    assert_eq!(checked(&p), vec!["BP024 templates/paper.html:2:6"]);
    build_fails_cleanly(&p, "BP024", "templates/paper.html:2:6", false);
}

#[test]
fn misspelt_names_and_tera_loops_get_a_hint() {
    for (body, at, suggestion) in [
        (
            "Hello {{ trust.shrt }}.",
            "13:10",
            "did you mean `trust.short`?",
        ),
        ("See {{ trst.name }}", "13:8", "did you mean `trust`?"),
        ("{{ paper.titel }}", "13:4", "did you mean `paper.title`?"),
        (
            "{{ alliance.nmae }}",
            "13:4",
            "did you mean `alliance.name`?",
        ),
    ] {
        let p = with_body(body);
        assert_eq!(
            checked(&p),
            vec![format!("BP014 papers/second.md:{at}")],
            "{body}"
        );
        assert_eq!(hint(&p), suggestion, "{body}");
    }
}

#[test]
fn what_papers_write_still_works() {
    let p = with_body(
        "For {{ trust.name }} ({{ trust.short | upper }}).\n\
         {% if trust.id == \"alpha\" %}Only alpha.{% endif %}\n\
         {% for t in trusts %}{{ t.short }}{% if not loop.last %}, {% endif %}{% endfor %}\n\
         {% for i in range(end=3) %}{{ i }}{% endfor %} {% for i in range(start=1, end=7, step_by=2) %}{{ i }}{% endfor %} {% for i in range(2) %}{{ i }}{% endfor %}\n\
         {% for w in \"a,b\" | split(pat=\",\") %}[{{ w }}]{% endfor %}{% for w in \"c d\" | split %}[{{ w }}]{% endfor %}{% for w in \"e,f,g\" | split(\",\", 1) %}[{{ w }}]{% endfor %}\n\
         <{{ trusts | map(attribute=\"short\") | join(sep=\"+\") }}|{{ paper.nothing | default(value=\"dflt\") }}|{{ trust.name | replace(from=\"Alpha\", to=\"A\") }}|{{ trust.name | truncate(length=5) }}>\n\
         {% for k, v in paper.governance | items %}{{ k }}={{ v }};{% endfor %}\n\
         {{ recommendation(id=\"ok\") }}",
    );
    p.edit("papers/second.md", "{{ recommendation(\"ok\") }}", "");
    assert_eq!(checked(&p), Vec::<String>::new());
    let run = p.run_bounded(&["build", "--format", "html"]);
    run.assert_survived("build");
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
    let html = p.read("build/alpha/second.html");
    for expected in [
        "For Alpha NHS Trust (ALPHA).",
        "Only alpha.",
        "012 135 01",
        "[a][b][c][d][e][f,g]",
        "&lt;ALPHA+BETA|dflt|A NHS Trust|Alpha…&gt;",
        "sponsor=Chair;",
        "Action and recommendation 1",
    ] {
        assert!(html.contains(expected), "{expected} not in\n{html}");
    }
}
