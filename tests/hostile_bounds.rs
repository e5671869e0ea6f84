//! Bounds on every resource (issue 20): each is a located error (or a usage
//! error) within the hostile harness's time and memory (`run_bounded`:
//! 500 MB of data, 20 s), and the rest of the project is still built.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::Project;

fn guard() -> Project {
    Project::fixture("guard")
}

#[test]
fn jobs_over_the_cap_are_a_usage_error() {
    let p = guard();
    for jobs in ["100000", "65", "0"] {
        let run = p.run_bounded(&["build", "--jobs", jobs]);
        run.assert_survived(jobs);
        assert_eq!(run.run.code, 2, "{jobs}: {}", run.run.stderr);
        assert!(
            run.run.stderr.contains("1..=64"),
            "{jobs}: {}",
            run.run.stderr
        );
        assert!(!p.path().join("build").exists());
    }
    let run = p.run_bounded(&["build", "--jobs", "64"]);
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
}

/// 110,000 page breaks (and a variant with `{.newpage}` headings): the
/// 2,001st is the error, read no further, and the other paper is built.
#[test]
fn a_body_of_endless_page_breaks_fails_fast_at_the_one_over() {
    for (unit, per, first_line) in [
        ("\\newpage\n\n", 2, 18),
        ("# Part {.newpage}\n\n", 2, 18),
        ("\\pagebreak\n\ntext\n\n", 4, 18),
    ] {
        let p = guard();
        p.edit("boardpaper.yaml", "formats: [html]", "formats: [pdf, html]");
        p.edit(
            "papers/staffing.md",
            "{{ recommendation(\"note\") }}",
            &format!("{}{{{{ recommendation(\"note\") }}}}", unit.repeat(110_000)),
        );
        let run = p.run_bounded(&["build", "--trust", "east", "--message-format", "json"]);
        run.assert_survived(unit);
        assert!(run.took < Duration::from_secs(10), "{unit}: {:?}", run.took);
        assert_eq!(run.run.code, 1, "{unit}: {}", run.run.stderr);
        let line = first_line + 2000 * per;
        let at = common::json_locations(&run.run.stdout);
        assert!(
            at.contains(&format!("BP042 papers/staffing.md:{line}:1")),
            "{unit}: {at:?}"
        );
        assert!(p.path().join("build/east/estates.pdf").exists(), "{unit}");
        let check = p.run_bounded(&["check", "--format", "json"]);
        check.assert_survived(unit);
        let found = common::json_locations(&check.run.stdout);
        assert!(
            found.contains(&format!("BP042 papers/staffing.md:{line}:1")),
            "{unit}: {found:?}"
        );
        assert!(!p.path().join("build/east/staffing.pdf").exists(), "{unit}");
    }
}

#[test]
fn an_endless_agenda_is_located_at_the_entry_over_the_limit() {
    let p = guard();
    let mut agenda = String::from("agenda:\n");
    for i in 0..10_000 {
        agenda.push_str(&format!("  - title: Item {i}\n    purpose: For noting\n"));
    }
    p.write(
        "trusts/east.yaml",
        format!("{}{agenda}", p.read("trusts/east.yaml")),
    );
    let lines = p.read("trusts/east.yaml").lines().count() - 20_000;
    for cmd in ["check", "build"] {
        let run = p.run_bounded(&[cmd, "--message-format", "json"]);
        run.assert_survived(cmd);
        assert_eq!(run.run.code, 1, "{cmd}: {}", run.run.stderr);
        let at = common::json_locations(&run.run.stdout);
        let line = lines + 1 + 500 * 2;
        assert_eq!(at, [format!("BP042 trusts/east.yaml:{line}:5")], "{cmd}");
        assert!(!run.run.stdout.contains("templates/"), "{cmd}");
    }
    assert!(p.path().join("build/west/staffing.html").exists());
}

/// A shard whose file is larger than its manifest says is refused, named;
/// one whose trust folder or file is a symlink is refused, named.
#[cfg(unix)]
#[test]
fn merge_checks_sizes_and_refuses_symlinks_in_shards() {
    let p = guard();
    assert_eq!(p.run(&["build", "--out", "shard"]).code, 0);
    let site = |p: &Project| p.run_bounded(&["merge", "--out", "site", "shard"]);
    // Grown after the build (to 8 MB: the manifest says about 15 KB).
    let file = p.path().join("shard/east/staffing.html");
    let kept = std::fs::read(&file).unwrap_or_default();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&file)
        .and_then(|mut f| f.write_all(&vec![b' '; 8 << 20]))
        .unwrap_or_else(|e| panic!("{e}"));
    let run = site(&p);
    run.assert_survived("grown");
    assert_eq!(run.run.code, 2);
    assert!(
        run.run
            .stderr
            .contains("larger than the shard's manifest says"),
        "{}",
        run.run.stderr
    );
    std::fs::write(&file, &kept).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(site(&p).run.code, 0);
    // The trust folder as a symlink to a copy of itself, then one file.
    let east = p.path().join("shard/east");
    let copy = p.path().join("elsewhere");
    std::fs::rename(&east, &copy).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(&copy, &east).unwrap_or_else(|e| panic!("{e}"));
    let run = site(&p);
    assert_eq!(run.run.code, 2);
    assert!(
        run.run
            .stderr
            .contains("east is a symlink: refusing to merge through it"),
        "{}",
        run.run.stderr
    );
    std::fs::remove_file(&east).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(&east).unwrap_or_else(|e| panic!("{e}"));
    for f in ["estates.html", "index.html"] {
        std::fs::copy(copy.join(f), east.join(f)).unwrap_or_else(|e| panic!("{e}"));
    }
    std::os::unix::fs::symlink(copy.join("staffing.html"), east.join("staffing.html"))
        .unwrap_or_else(|e| panic!("{e}"));
    let run = site(&p);
    assert_eq!(run.run.code, 2);
    assert!(
        run.run.stderr.contains("staffing.html is a symlink"),
        "{}",
        run.run.stderr
    );
}

/// 300 idle connections (opened and never written to) do not stop the
/// preview answering a real request within 10 s.
#[test]
fn idle_connections_cannot_silence_the_preview() {
    let p = guard();
    let (_preview, addr) = common::preview::start(&p);
    let idle: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(&addr).ok())
        .collect();
    assert!(idle.len() >= 200, "{}", idle.len());
    let start = Instant::now();
    let mut got = String::new();
    while start.elapsed() < Duration::from_secs(10) {
        if let Ok(mut s) = TcpStream::connect(&addr) {
            let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
            let req = format!("GET /east/staffing.html HTTP/1.1\r\nHost: {addr}\r\n\r\n");
            let _ = s.write_all(req.as_bytes());
            got.clear();
            let _ = s.read_to_string(&mut got);
            if got.starts_with("HTTP/1.1 200") {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        got.starts_with("HTTP/1.1 200"),
        "no answer within 10 s: {got:.200}"
    );
    assert!(got.contains("Safe Staffing Review"));
    drop(idle);
}

/// 2,000 page breaks (each allowed) lay a copy out past 2,000 pages: the
/// paper's PDF is BP042 at the paper, its trust's pack BP042 at the agenda
/// entry naming it, and everything else is built.
#[test]
fn a_copy_over_the_page_limit_fails_at_the_paper_and_its_pack_entry() {
    let p = guard();
    p.edit("boardpaper.yaml", "formats: [html]", "formats: [pdf, html]");
    let agenda = "agenda:\n  - item: 1\n    title: Apologies\n  - staffing\n  - estates\n";
    p.write(
        "trusts/east.yaml",
        format!("{}{agenda}", p.read("trusts/east.yaml")),
    );
    let body = "\\newpage\n\nMore.\n\n".repeat(2_000);
    p.edit(
        "papers/staffing.md",
        "{{ recommendation",
        &format!("{body}{{{{ recommendation"),
    );
    let run = p.run_bounded(&["build", "--trust", "east", "--message-format", "json"]);
    run.assert_survived("2,000 page breaks");
    assert_eq!(run.run.code, 1, "{}", run.run.stderr);
    let lines = p.read("trusts/east.yaml").lines().count();
    let at = common::json_locations(&run.run.stdout);
    assert!(
        at.contains(&"BP042 papers/staffing.md:14:1".to_owned()),
        "{at:?}"
    );
    assert!(
        at.contains(&format!("BP042 trusts/east.yaml:{}:5", lines - 1)),
        "{at:?}"
    );
    assert!(
        run.run
            .stdout
            .contains("a paper may have at most 2000 pages"),
        "{}",
        run.run.stdout
    );
    assert!(!p.path().join("build/east/staffing.pdf").exists());
    assert!(!p.path().join("build/east/pack.pdf").exists());
    assert!(p.path().join("build/east/estates.pdf").exists());
    assert!(p.path().join("build/east/staffing.html").exists());
}
