//! The cycle's standing business (issue 24) on a fixture of its own,
//! `tests/fixtures/business`: a committee in common of two trusts, Alpha
//! and Beta, with one set of minutes whose actions are for both or for
//! Alpha only, an actions file, a plan and Alpha's publication deadline.
//! The action log, the minutes and the forward plan are papers on both
//! agendas, built into PDF, HTML and the packs.

mod common;

use common::Project;

fn built() -> Project {
    let p = Project::fixture("business");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    p
}

/// The text of a PDF, its whitespace runs made single spaces.
fn text(p: &Project, rel: &str) -> String {
    words(&p.pdftotext(&[], rel))
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page's text: its tags dropped, whitespace runs made single spaces.
fn html_text(p: &Project, rel: &str) -> String {
    let html = p.read(rel);
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    words(&out.replace(" )", ")"))
}

/// (open, closed since the last meeting) parts of a trust's action log,
/// from the PDF's text (`pdf`) or the HTML page's.
fn log(p: &Project, trust: &str, pdf: bool) -> (String, String) {
    let t = if pdf {
        text(p, &format!("build/{trust}/action-log.pdf"))
    } else {
        html_text(p, &format!("build/{trust}/action-log.html"))
    };
    let open = t
        .split("Open actions")
        .nth(1)
        .expect("an open actions section");
    let (open, closed) = open
        .split_once("Actions closed since the last meeting")
        .expect("a closed section");
    (open.to_owned(), closed.to_owned())
}

#[test]
fn an_action_for_both_trusts_is_in_both_logs_and_one_for_one_in_one() {
    let p = built();
    let (alpha, _) = log(&p, "alpha", true);
    let (beta, _) = log(&p, "beta", true);
    // M24-01 is raised in the minutes for both, M24-02 for Alpha only.
    assert!(
        alpha.contains("M24-01") && beta.contains("M24-01"),
        "{alpha}\n{beta}"
    );
    assert!(
        alpha.contains("M24-02") && !beta.contains("M24-02"),
        "{beta}"
    );
    // The minutes show each action once, where it was agreed.
    let minutes = text(&p, "build/beta/minutes-january.pdf");
    assert_eq!(minutes.matches("Action M24-01:").count(), 1, "{minutes}");
    assert!(minutes.contains("Present: Ann Chair (Chair)"), "{minutes}");
    assert!(minutes.contains("Apologies: Eve Absent"), "{minutes}");
    // The trust-specific passage is in Alpha's minutes only.
    let alpha_minutes = text(&p, "build/alpha/minutes-january.pdf");
    assert!(alpha_minutes.contains("Alpha's board noted its own ward moves"));
    assert!(!minutes.contains("ward moves"));
}

#[test]
fn an_overdue_action_is_marked_in_words_in_pdf_and_html() {
    let p = built();
    let (open, _) = log(&p, "alpha", false);
    assert!(open.contains("Overdue (due 20 February 2024)"), "{open}");
    let (pdf, _) = log(&p, "alpha", true);
    assert!(pdf.contains("Overdue"), "{pdf}");
    let html = p.read("build/alpha/action-log.html");
    assert!(html.contains("<strong>Overdue</strong> (due 20 February 2024)"));
    assert!(html.contains("<th scope=\"col\">Status"), "header cells");
    let out = std::process::Command::new("pdfinfo")
        .args(["-struct-text", "build/alpha/action-log.pdf"])
        .current_dir(p.path())
        .output()
        .expect("pdfinfo");
    let tags = String::from_utf8_lossy(&out.stdout);
    let head = tags.find("THead").expect("a THead in the tag tree");
    assert!(tags[head..].contains("\"Status\""), "TH cells: {tags}");
    // M24-01 is due at the next meeting, this one: open, not overdue.
    assert!(open.contains("Next meeting (26 March 2024) Open"), "{open}");
}

#[test]
fn closing_an_action_moves_it_to_closed_since_the_last_meeting() {
    let p = built();
    let (open, closed) = log(&p, "beta", false);
    assert!(open.contains("A24-01") && !closed.contains("A24-01"));
    // Closed before the last meeting (A23-09): in no part of the log.
    assert!(!open.contains("A23-09") && !closed.contains("A23-09"));
    assert!(closed.contains("A24-02") && closed.contains("Closed 10 March 2024"));
    p.edit(
        "actions.yaml",
        "      text: Results in; plan in draft\n",
        "      text: Results in; plan in draft\n  status: closed\n  closed: 2024-03-18\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (open, closed) = log(&p, "beta", false);
    assert!(!open.contains("A24-01"), "{open}");
    assert!(closed.contains("A24-01") && closed.contains("Closed 18 March 2024"));
}

#[test]
fn the_packs_carry_the_generated_papers_at_their_agenda_items() {
    let p = built();
    let pack = text(&p, "build/beta/pack.pdf");
    for (item, title) in [
        (
            "2",
            "DRAFT – Minutes of the Committee in Common, 30 January 2024",
        ),
        ("3", "Matters arising and action log"),
        ("5", "Forward plan"),
    ] {
        assert!(
            pack.contains(&format!("Item {item} – {title}")),
            "{item}: {pack}"
        );
    }
    let at = |s: &str| {
        pack.find(s)
            .unwrap_or_else(|| panic!("{s} not in the pack"))
    };
    assert!(at("Attendance") < at("Open actions"));
    assert!(at("Open actions") < at("Quality update for BETA"));
    // The forward plan: plan.yaml's items and the update's promised next one.
    let plan = &pack[at("28 May 2024")..];
    assert!(plan.contains("Annual plan 2024/25"), "{plan}");
    assert!(plan.contains("Quality update: next update"), "{plan}");
    assert!(
        !plan.contains("Alpha estates strategy"),
        "Alpha's item only"
    );
}

#[test]
fn packs_build_byte_identically_twice() {
    let p = built();
    let rels = [
        "build/alpha/pack.pdf",
        "build/beta/pack.pdf",
        "build/alpha/action-log.pdf",
    ];
    let first: Vec<Vec<u8>> = rels
        .iter()
        .map(|r| std::fs::read(p.path().join(r)).unwrap())
        .collect();
    std::fs::remove_dir_all(p.path().join("build")).unwrap();
    std::fs::remove_dir_all(p.path().join(".boardpaper")).unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (rel, bytes) in rels.iter().zip(first) {
        assert!(
            std::fs::read(p.path().join(rel)).unwrap() == bytes,
            "{rel} differs"
        );
    }
}

#[test]
fn check_as_of_reports_drafts_past_a_trusts_deadline() {
    let p = Project::fixture("business");
    // Alpha's papers are final by 20 March (5 clear days before 26 March).
    let on_time = p.run(&["check", "--as-of", "2024-03-20", "--format", "json"]);
    assert!(!on_time.stdout.contains("BP051"), "{}", on_time.stdout);
    let late = p.run(&["check", "--as-of", "2024-03-21", "--format", "json"]);
    let found = common::json_locations(&late.stdout);
    assert!(
        found.contains(&"BP051 papers/update.md:5:8".to_owned()),
        "{found:?}"
    );
    assert!(
        found.contains(&"BP051 papers/minutes-january.md:4:8".to_owned()),
        "{found:?}"
    );
    assert!(late
        .stdout
        .contains("ALPHA's papers had to be final by 20 March 2024"));
    assert!(
        !late.stdout.contains("BETA's papers"),
        "Beta sets no deadline"
    );
    let bad = p.run(&["check", "--as-of", "21/03/2024"]);
    assert_ne!(bad.code, 0);
}

#[test]
fn list_shows_each_trusts_deadline_and_action_counts() {
    let p = Project::fixture("business");
    let run = p.run(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "alpha        papers final by 20 March 2024 (5 clear days); 3 open actions, 1 overdue"
        ),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("beta         no publication deadline; 2 open actions, 1 overdue"));
}

#[test]
fn diff_compares_two_trusts_action_logs_and_minutes() {
    let p = Project::fixture("business");
    let run = p.run(&["diff", "--paper", "action-log", "alpha", "beta"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("- alpha: M24-02"), "{}", run.stdout);
    assert!(run.stdout.contains("+ beta: A24-02"), "{}", run.stdout);
    let run = p.run(&["diff", "--paper", "minutes-january", "alpha", "beta"]);
    assert!(run
        .stdout
        .contains("- alpha: Alpha's board noted its own ward moves."));
}

#[test]
fn a_minutes_action_block_problem_is_located_in_the_minutes() {
    let p = Project::fixture("business");
    p.edit(
        "papers/minutes-january.md",
        "trusts: [alpha]\n```",
        "trusts: [alpah]\n```",
    );
    let run = p.run(&["check", "--format", "json"]);
    let found = common::json_locations(&run.stdout);
    assert!(
        found.contains(&"BP003 papers/minutes-january.md:43:9".to_owned()),
        "{found:?}"
    );
    assert!(
        run.stdout.contains("did you mean `alpha`?"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_actions_text_is_shown_as_written_never_as_markup_or_template() {
    let p = Project::fixture("business");
    p.edit(
        "actions.yaml",
        "text: Report the staff survey results with a plan",
        "text: 'Pipes | {{ trust.id }} {% if x %} <b>bold</b> *stars* \\ back'",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (open, _) = log(&p, "alpha", false);
    // (The page's text as HTML source: the tag is escaped, not a tag.)
    let shown = "Pipes | {{ trust.id }} {% if x %} &lt;b&gt;bold&lt;/b&gt; *stars* \\ back";
    assert!(open.contains(shown), "{open}");
    let pdf = text(&p, "build/alpha/action-log.pdf");
    assert!(
        pdf.contains("{{ trust.id }}") && pdf.contains("*stars*"),
        "{pdf}"
    );
}

#[test]
fn three_thousand_actions_are_checked_within_the_input_bounds() {
    let p = Project::fixture("business");
    let mut actions = p.read("actions.yaml");
    for i in 0..3000 {
        actions.push_str(&format!(
            "- id: X{i}\n  raised: alpha/2024-01-30\n  item: 4\n  text: Action {i}\n  owner: Director\n  due: 2024-03-26\n"
        ));
    }
    p.write("actions.yaml", actions);
    let run = p.run_bounded(&["check", "--as-of", "2024-03-01"]);
    run.assert_survived("3,000 actions");
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
    let list = p.run(&["list"]);
    assert!(
        list.stdout.contains("3003 open actions, 1 overdue"),
        "{}",
        list.stdout
    );
}
