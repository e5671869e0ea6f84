//! Hostile content: markup, scripts, event attributes and `javascript:` /
//! `data:` links written into every YAML value a page shows (alliance,
//! cycle, objectives, trust names, framework labels, governance labels and
//! values, titles, front sheet, recommendations) must reach the paper pages
//! and the index pages as text, escaped, never as markup or links.

mod common;

use std::path::Path;

use common::Project;

/// Ends in a quote so an attribute value cannot be closed by it either.
const PAYLOAD: &str = r#"<script>alert(1)</script><img src=x onerror=alert(1)>[x](javascript:alert(1))[y](data:text/html,z)"'"#;

/// A YAML double-quoted scalar holding `prefix` and the payload.
fn q(prefix: &str) -> String {
    format!(
        "\"{prefix} {}\"",
        PAYLOAD.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

fn hostile_project() -> Project {
    let p = Project::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/base"));
    p.write(
        "boardpaper.yaml",
        format!(
            "alliance:\n  name: {}\ncycle: {}\nobjectives:\n  quality: {}\n  people: People\n",
            q("Alliance"),
            q("March"),
            q("Quality")
        ),
    );
    for (file, from) in [
        ("trusts/alpha.yaml", "Alpha NHS Trust"),
        ("trusts/alpha.yaml", "ALPHA"),
        ("trusts/alpha.yaml", "Trust Public Board"),
        ("trusts/alpha.yaml", "Alpha strategic alignment"),
        ("trusts/alpha.yaml", "Great care"),
        ("trusts/alpha.yaml", "\"Extra row:\""),
        ("papers/update.md", "Test Update"),
        ("papers/update.md", "Sam Example\npurpose"),
        ("papers/update.md", "To test"),
        ("papers/update.md", "Note the update"),
        ("papers/update.md", "The Chief Executive"),
    ] {
        let to = match from.split_once('\n') {
            Some((_, rest)) => format!("{}\n{rest}", q("Name")),
            None => q("Value"),
        };
        p.edit(file, from, &to);
    }
    p.edit(
        "papers/update.md",
        "  sponsor:",
        "  extra: \"<b>extra</b>\"\n  sponsor:",
    );
    p.edit("papers/update.md", "Hello {{ trust.short }}.", "Hello.");
    p
}

/// A hostile value placed in a body by the template pass is linted like
/// the body itself: refused, never written.
#[test]
fn hostile_values_placed_in_a_body_are_refused() {
    let p = hostile_project();
    p.edit("papers/update.md", "Hello.", "Hello {{ trust.short }}.");
    let run = p.run(&["build", "--format", "html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("BP015") && run.stderr.contains("BP022"),
        "{}",
        run.stderr
    );
    assert!(!p.path().join("build/alpha/update.html").exists());
}

#[test]
fn yaml_values_reach_every_page_as_escaped_text() {
    let p = hostile_project();
    let run = p.run(&["build", "--format", "html"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let pages = [
        "build/alpha/update.html",
        "build/beta/update.html",
        "build/alpha/index.html",
        "build/index.html",
    ];
    for page in pages {
        let html = p.read(page);
        for forbidden in [
            "<script",
            "<img src=x",
            "<b>extra",
            "href=\"javascript",
            "href=\"data:",
            "src=\"data:text",
        ] {
            assert!(
                !html.to_ascii_lowercase().contains(forbidden),
                "{page} contains {forbidden}"
            );
        }
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
                || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page} lost the text"
        );
    }
}

#[test]
fn body_markup_is_an_error_and_never_written() {
    for body in [
        "<script>alert(1)</script>",
        "<a href=x onclick=alert(1)>x</a>",
        "[x](javascript:alert(1))",
        "[x](data:text/html,y)",
        "<javascript:alert(1)>",
    ] {
        let p = Project::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/base"));
        p.edit(
            "papers/second.md",
            "Body text",
            &format!("{body}\n\nBody text"),
        );
        let run = p.run(&["build", "--format", "html"]);
        assert_eq!(run.code, 1, "{body}: {}", run.stderr);
        assert!(
            run.stderr.contains("BP015") || run.stderr.contains("BP022"),
            "{body}: {}",
            run.stderr
        );
        assert!(!p.path().join("build/alpha/second.html").exists(), "{body}");
        let index = p.read("build/index.html");
        assert!(!index.contains("alert(1)"), "{body}");
    }
}
