//! Hostile text (issue 10, third part), each case run under the harness's
//! memory cap and time limit (`run_bounded`):
//! - one link policy: every disguise of a script scheme is refused at its
//!   line and column by `check` and by `build` alike, and no PDF or HTML
//!   written carries it;
//! - linear text passes: a multi-megabyte word, a megabyte title, a line of
//!   thousands of problems;
//! - terminal output: control characters from sources never reach stdout or
//!   stderr raw;
//! - the preview answers every malformed request with a 4xx and goes on
//!   serving.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use common::{Bounded, Project};

fn base() -> Project {
    Project::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/base"))
}

/// `CODE file:line:col` of each JSON diagnostic the run printed.
fn locations(run: &Bounded) -> Vec<String> {
    common::json_locations(&run.run.stdout)
}

/// `check --format json` under the harness: (exit code, locations).
fn check(p: &Project) -> (i32, Vec<String>) {
    let run = p.run_bounded(&["check", "--format", "json"]);
    run.assert_survived("check");
    (run.run.code, locations(&run))
}

/// The `/URI` strings of every PDF under `build/`.
fn pdf_uris(p: &Project) -> Vec<String> {
    let mut out = Vec::new();
    for trust in ["alpha", "beta"] {
        let Ok(entries) = std::fs::read_dir(p.path().join("build").join(trust)) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "pdf") {
                let bytes = std::fs::read(entry.path()).unwrap();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                out.extend(
                    text.split("/URI (")
                        .skip(1)
                        .map(|s| s.split(')').next().unwrap_or_default().to_owned()),
                );
            }
        }
    }
    out
}

/// Each disguise of a refused scheme, written at line 13 column 1 of
/// `papers/second.md` (a paper only alpha receives).
const REFUSED: &[&str] = &[
    "[a](java&#x09;script:alert(1))",
    "[a](java&#10;script:alert(1))",
    "[a](&#106;avascript:alert(1))",
    "[a](&#1;javascript:alert(1))",
    "[a](<\u{1}javascript:alert(1)>)",
    "[a](< javascript:alert(1)>)",
    "[a](&#10;javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "[a](%6Aavascript:alert(1))",
    "[a](vbscript:msgbox(1))",
    "[a](data:text/html,x)",
    "[a](file:///etc/passwd)",
    "<JaVaScRiPt:alert(1)>",
    "[a][r]\n\n[r]: java&#x09;script:alert(1)",
    "[a][]\n\n[a]: <\u{1} javascript:alert(1)>",
];

#[test]
fn every_disguised_script_link_is_refused_at_its_place_by_check_and_build() {
    for link in REFUSED {
        let p = base();
        let (inline, definition) = link.split_once("\n\n").unwrap_or((link, ""));
        p.edit(
            "papers/second.md",
            "Body text",
            &format!("{inline} Body text"),
        );
        let text = p.read("papers/second.md");
        p.write("papers/second.md", format!("{text}\n\n{definition}\n"));
        let (code, diags) = check(&p);
        assert_eq!(code, 1, "{link:?}");
        assert_eq!(diags, ["BP022 papers/second.md:13:1"], "{link:?}");
        let run = p.run_bounded(&["build"]);
        run.assert_survived(link);
        assert_eq!(run.run.code, 1, "{link:?}: {}", run.run.stderr);
        assert!(
            run.run.stderr.contains("error[BP022]")
                && run.run.stderr.contains("papers/second.md:13:1"),
            "{link:?}: {}",
            run.run.stderr
        );
        for file in ["build/alpha/second.pdf", "build/alpha/second.html"] {
            assert!(!p.path().join(file).exists(), "{link:?}: {file} written");
        }
        assert!(p.path().join("build/alpha/update.pdf").exists(), "{link:?}");
        assert!(p.path().join("build/beta/update.html").exists(), "{link:?}");
    }
}

#[test]
fn an_image_inside_a_script_link_is_refused_for_both() {
    let p = base();
    p.edit(
        "papers/second.md",
        "Body text",
        "[![Chart](chart.png)](javascript:alert(1)) Body text",
    );
    let (code, diags) = check(&p);
    assert_eq!(code, 1);
    assert_eq!(
        diags,
        [
            "BP022 papers/second.md:13:1",
            "BP017 papers/second.md:13:11"
        ]
    );
}

#[test]
fn a_script_link_in_an_appendix_is_refused_at_its_place() {
    let p = base();
    let paper = p.read("papers/second.md");
    std::fs::remove_file(p.path().join("papers/second.md")).unwrap();
    p.write("papers/second/paper.md", paper);
    p.write(
        "papers/second/appendix-a-extra.md",
        "---\ntitle: Extra\n---\n\nSee\n[it](java&#x09;script:alert(1)) now.\n",
    );
    let (code, diags) = check(&p);
    assert_eq!(code, 1);
    assert_eq!(diags, ["BP022 papers/second/appendix-a-extra.md:6:1"]);
}

#[test]
fn allowed_links_reach_the_pdf_annotations_cleaned_and_nothing_else_does() {
    let p = base();
    p.edit(
        "papers/update.md",
        "Hello",
        "[w](<\u{1} https://www.nhs.uk/a\tb>) [m](MAILTO:board@nhs.net) [r](#introduction)\n\nHello",
    );
    let run = p.run_bounded(&["build"]);
    run.assert_survived("build");
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
    let mut uris = pdf_uris(&p);
    uris.sort();
    uris.dedup();
    assert_eq!(
        uris,
        [
            "MAILTO:board@nhs.net",
            "https://www.nhs.uk",
            "https://www.nhs.uk/ab"
        ]
    );
    let html = p.read("build/alpha/update.html");
    assert!(html.contains("href=\"https://www.nhs.uk/ab\""), "{html}");
}

#[test]
fn a_word_of_megabytes_is_laid_out_in_bounded_time() {
    let p = base();
    let word = "w".repeat(2 * 1024 * 1024);
    p.edit(
        "papers/second.md",
        "Body text",
        &format!("{word}\n\nBody text"),
    );
    let run = p.run_bounded(&["build", "--format", "pdf"]);
    run.assert_survived("2 MB word");
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
    let pdf = std::fs::read(p.path().join("build/alpha/second.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.len() > 100_000);
}

#[test]
fn a_megabyte_title_is_set_everywhere_in_bounded_time() {
    let p = base();
    let title = "Title ".repeat(1024 * 1024 / 6);
    p.edit(
        "papers/second.md",
        "title: Second Paper",
        &format!("title: {title}"),
    );
    let run = p.run_bounded(&["build"]);
    run.assert_survived("1 MB title: build");
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
    assert!(p.path().join("build/alpha/second.pdf").exists());
    for args in [&["list"][..], &["check"][..]] {
        let run = p.run_bounded(args);
        run.assert_survived("1 MB title");
        assert_eq!(run.run.code, 0, "{args:?}: {}", run.run.stderr);
    }
}

#[test]
fn a_line_of_thousands_of_problems_is_reported_briefly_in_bounded_time() {
    let p = base();
    let line = "x [a](javascript:1) ".repeat(20_000);
    p.edit(
        "papers/second.md",
        "Body text",
        &format!("{line}\n\nBody text"),
    );
    let run = p.run_bounded(&["check", "--format", "json"]);
    run.assert_survived("20,000 problems on one line");
    let diags = locations(&run);
    let expected: Vec<String> = (0..21)
        .map(|i| format!("BP022 papers/second.md:13:{}", 3 + 20 * i))
        .collect();
    assert_eq!(diags, expected);
    assert!(run
        .run
        .stdout
        .contains("problems after this one on the same line are not listed"));
    let human = p.run_bounded(&["check"]);
    human.assert_survived("human");
    assert!(
        human.run.stderr.len() < 100_000,
        "{} bytes",
        human.run.stderr.len()
    );
}

#[test]
fn tens_of_thousands_of_footnotes_are_numbered_in_bounded_time() {
    let p = base();
    let refs: String = (0..20_000).map(|i| format!("[^n{i}] ")).collect();
    let defs: String = (0..20_000)
        .map(|i| format!("[^n{i}]: Note {i}.\n\n"))
        .collect();
    p.edit(
        "papers/second.md",
        "Body text",
        &format!("{refs}\n\n{defs}Body text"),
    );
    let run = p.run_bounded(&["build", "--format", "html"]);
    run.assert_survived("20,000 footnotes");
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
    let html = p.read("build/alpha/second.html");
    assert!(
        html.contains("href=\"#fn-20000\""),
        "the last footnote is missing"
    );
}

#[test]
fn tens_of_thousands_of_sibling_headings_get_their_bookmarks_in_bounded_time() {
    let p = base();
    // 20,000 (about 1,630 pages): 30,000 lay out to 2,441 pages, over the
    // 2,000 a document may have (BP042, tests/hostile_bounds.rs).
    let headings: String = (0..20_000).map(|i| format!("# H{i}\n\n")).collect();
    p.edit(
        "papers/second.md",
        "Body text",
        &format!("{headings}Body text"),
    );
    // The paper's own PDF: alpha's pack lays the paper out again, which
    // doubles the time and (side by side) the memory of this debug build
    // past the harness's caps; the pack's cost is the paper's cost again.
    let run = p.run_bounded(&["build", "--format", "pdf", "--no-packs"]);
    run.assert_survived("20,000 headings");
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
    let pdf = std::fs::read(p.path().join("build/alpha/second.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.matches("/Next ").count() >= 19_999,
        "bookmarks missing"
    );
}

#[test]
fn ten_thousand_placements_on_one_line_are_checked_in_bounded_time() {
    let p = base();
    let line = "{{ recommendation(\"ok\") }} ".repeat(10_000);
    p.edit(
        "papers/second.md",
        "Body text",
        &format!("{line}\n\nBody text"),
    );
    let (code, diags) = check(&p);
    assert_eq!(code, 1);
    assert_eq!(diags, ["BP013 papers/second.md:13:31"]);

    let p = base();
    let (mut line, mut columns) = (String::new(), Vec::new());
    for i in 0..10_000 {
        columns.push(line.len() + 4);
        line.push_str(&format!("{{{{ recommendation(\"u{i}\") }}}} "));
    }
    p.edit(
        "papers/second.md",
        "Body text",
        &format!("{line}\n\nBody text"),
    );
    let (code, diags) = check(&p);
    assert_eq!(code, 1);
    let expected: Vec<String> = columns[..21]
        .iter()
        .map(|c| format!("BP011 papers/second.md:13:{c}"))
        .collect();
    assert_eq!(diags, expected);
}

#[test]
fn a_line_of_a_million_characters_the_font_lacks_gives_one_warning_each_in_bounds() {
    let p = base();
    let line: String = (0..1_000_000u32)
        .map(|i| char::from_u32(0x4e00 + i % 5_000).unwrap_or('?'))
        .collect();
    p.edit(
        "papers/second.md",
        "Body text",
        &format!("{line}\n\nBody text"),
    );
    let run = p.run_bounded(&["build", "--format", "pdf"]);
    run.assert_survived("1,000,000 missing glyphs");
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
    assert_eq!(run.run.stderr.matches("warning[BP023]").count(), 5_000);
    assert!(
        run.run.stderr.ends_with("5000 warnings\n"),
        "{}",
        &run.run.stderr[run.run.stderr.len() - 200..]
    );
}

/// The raw control characters a terminal would obey.
const RAW: [&str; 5] = ["\u{1b}", "\u{7}", "\r", "\u{202e}", "\u{9b}"];

fn assert_no_raw(what: &str, text: &str) {
    for raw in RAW {
        assert!(!text.contains(raw), "{what} prints {raw:?} raw:\n{text:?}");
    }
}

/// A project whose trust name, paper title and body hold escape sequences.
fn escaping_project() -> Project {
    let p = base();
    p.edit(
        "trusts/alpha.yaml",
        "name: Alpha NHS Trust",
        "name: \"Alpha \\e[31mRed\\e]0;owned\\a \\r\\u202E NHS Trust\"",
    );
    p.edit(
        "papers/second.md",
        "title: Second Paper",
        "title: \"Second \\e[2J\\u009B Paper\"",
    );
    p.edit(
        "papers/update.md",
        "Hello",
        "For the {{ trust.name }}.\n\nHello",
    );
    p
}

#[test]
fn list_and_diff_escape_control_characters_from_sources() {
    let p = escaping_project();
    let list = p.run_bounded(&["list"]);
    list.assert_survived("list");
    assert_eq!(list.run.code, 0, "{}", list.run.stderr);
    assert_no_raw("list", &list.run.stdout);
    assert!(
        list.run
            .stdout
            .contains("Alpha \\x1b[31mRed\\x1b]0;owned\\x07 \\r\\u{202e} NHS Trust"),
        "{}",
        list.run.stdout
    );
    assert!(
        list.run.stdout.contains("Second \\x1b[2J\\u{9b} Paper"),
        "{}",
        list.run.stdout
    );
    let diff = p.run_bounded(&["diff", "--paper", "update", "alpha", "beta"]);
    diff.assert_survived("diff");
    assert_eq!(diff.run.code, 0, "{}", diff.run.stderr);
    assert_no_raw("diff", &diff.run.stdout);
    assert!(
        diff.run.stdout.contains("Alpha \\x1b[31mRed"),
        "{}",
        diff.run.stdout
    );
}

#[test]
fn diagnostics_escape_control_characters_in_every_format() {
    let body = base();
    body.edit(
        "papers/second.md",
        "Body text",
        "<b>\u{1b}[31mred \u{1b}]0;owned\u{7} \u{202e}x</b> Body text",
    );
    let trust = base();
    trust.edit(
        "papers/second.md",
        "trusts: [alpha]",
        "trusts: [alpha, \"b\\e[31m\"]",
    );
    for (p, code, shown) in [
        (
            &body,
            "BP015",
            "<b>\\x1b[31mred \\x1b]0;owned\\x07 \\u{202e}x</b>",
        ),
        (&trust, "BP003", "unknown trust `b\\x1b[31m`"),
    ] {
        for format in ["human", "json", "github"] {
            let run = p.run_bounded(&["check", "--format", format]);
            run.assert_survived(format);
            assert_eq!(run.run.code, 1, "{format}: {}", run.run.stderr);
            assert_no_raw(format, &run.run.stderr);
            assert_no_raw(format, &run.run.stdout);
            let printed = format!("{}{}", run.run.stdout, run.run.stderr);
            assert!(printed.contains(code), "{printed}");
        }
        let human = p.run_bounded(&["check"]).run.stderr;
        assert!(human.contains(shown), "{human}");
        if code == "BP003" {
            let json = p.run_bounded(&["check", "--format", "json"]).run.stdout;
            assert!(json.contains("b\\u001b[31m"), "{json}");
        }
    }
}

/// The preview child, killed when dropped.
/// Sends `raw` and returns the reply's status code (0 for no reply).
fn status_of(addr: &str, raw: &[u8]) -> u16 {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let _ = s.write_all(raw);
    let mut reply = Vec::new();
    let _ = s.read_to_end(&mut reply);
    let text = String::from_utf8_lossy(&reply);
    text.strip_prefix("HTTP/1.1 ")
        .and_then(|r| r.get(..3))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[test]
fn the_preview_answers_every_malformed_request_with_a_4xx_and_keeps_serving() {
    let p = base();
    let (_preview, addr) = common::preview::start(&p);
    let host = format!("Host: {addr}\r\n");
    let get = |target: &[u8]| -> Vec<u8> {
        [
            b"GET ".as_slice(),
            target,
            b" HTTP/1.1\r\n",
            host.as_bytes(),
            b"\r\n",
        ]
        .concat()
    };
    let long_header = [
        b"GET / HTTP/1.1\r\n".as_slice(),
        host.as_bytes(),
        b"X: ",
        &[b'a'; 40_000],
        b"\r\n\r\n",
    ]
    .concat();
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("?", get(b"?"), 400),
        ("%zz", get(b"%zz"), 400),
        ("/%zz", get(b"/%zz"), 400),
        ("/%ff", get(b"/%ff"), 400),
        ("//x", get(b"//x"), 400),
        ("*", get(b"*"), 400),
        (
            "absolute-form elsewhere",
            get(b"http://evil.example/index.html"),
            400,
        ),
        ("dot segments", get(b"/alpha/..%2F..%2Fetc/passwd"), 400),
        (
            "long target",
            get(&[b"/".as_slice(), &[b'a'; 20_000]].concat()),
            414,
        ),
        ("invalid UTF-8", get(b"/\xff\xfe.html"), 400),
        (
            "BREW",
            [
                b"BREW /index.html HTTP/1.1\r\n".as_slice(),
                host.as_bytes(),
                b"\r\n",
            ]
            .concat(),
            405,
        ),
        (
            "DELETE",
            [
                b"DELETE /index.html HTTP/1.1\r\n".as_slice(),
                host.as_bytes(),
                b"\r\n",
            ]
            .concat(),
            405,
        ),
        ("garbage", b"garbage\r\n\r\n".to_vec(), 400),
        ("HTTP/9.9", b"GET / HTTP/9.9\r\n\r\n".to_vec(), 400),
        ("no Host", b"GET /index.html HTTP/1.1\r\n\r\n".to_vec(), 403),
        ("huge header", long_header, 431),
    ];
    let good = get(b"/index.html");
    assert_eq!(status_of(&addr, &good), 200);
    for (what, raw, status) in cases {
        assert_eq!(status_of(&addr, &raw), status, "{what}");
        assert_eq!(status_of(&addr, &good), 200, "after {what}");
    }
    assert_eq!(status_of(&addr, &get(b"http://127.0.0.1:1/x")), 400);
    let own = get(format!("http://{addr}/index.html").as_bytes());
    assert_eq!(status_of(&addr, &own), 200);
}
