//! Hostile input, round 3 (issue 20): `--public` proves absence. A
//! confidential paper's words are found in the output folder however they
//! are encoded (PDF hex and UTF-16 strings, compressed content through a
//! simple font or a CID font's ToUnicode map, outlines, XMP, HTML
//! references, text split by tags, attributes); a Part II pack left by an
//! earlier private build with its state lost is caught; a public paper
//! that repeats a confidential title is caught in a PDF-only build; a file
//! the check cannot read fails it (BP038), never passes. And an agenda's
//! own PDF that is a build's output or lies in another build's folder
//! (BP058), or names a confidential paper (BP038), never reaches a pack:
//! an error at its entry, from `check` as from `build`.
//!
//! Fixture `publish`: `land-sale` ("Riverside Land Disposal
//! Negotiations") is confidential for both trusts. Fixture `pack`: the
//! same paper for north, whose public agenda includes `own/finance.pdf`.

mod common;
mod pdfs;

use common::{Project, Run};
use lopdf::{Object, StringFormat};
use pdfs::{utf16, Pdf};

const TITLE: &str = "Riverside Land Disposal Negotiations";

fn ok(p: &Project, args: &[&str]) -> Run {
    let run = p.run(args);
    assert_eq!(run.code, 0, "{args:?}\n{}\n{}", run.stdout, run.stderr);
    run
}

/// `build --public` fails on `rel` with BP038, and passes once it is gone.
fn leaks(p: &Project, rel: &str, bytes: &[u8], says: &str) {
    p.write(rel, bytes);
    let run = p.run(&["build", "--public"]);
    assert_eq!(run.code, 1, "{rel}: {}", run.stderr);
    assert!(
        run.stderr.contains("error[BP038]")
            && run.stderr.contains(&format!("{rel}:1:1"))
            && run.stderr.contains(says),
        "{rel}: {}",
        run.stderr
    );
    std::fs::remove_file(p.path().join(rel)).unwrap();
    ok(p, &["build", "--public"]);
}

fn public_fixture() -> Project {
    let p = Project::fixture("publish");
    ok(&p, &["build", "--public"]);
    p
}

#[test]
fn every_encoding_of_a_confidential_title_in_a_pdf_is_found() {
    let p = public_fixture();
    let named = "confidential paper `land-sale`";
    // A hex string in /Info (PDFDocEncoding), a UTF-16 one.
    let mut pdf = Pdf::one_page("Public words");
    let hex = Object::String(TITLE.as_bytes().to_vec(), StringFormat::Hexadecimal);
    pdf.set_info("Title", hex);
    leaks(&p, "build/north/a.pdf", &pdf.bytes(), named);
    let mut pdf = Pdf::one_page("Public words");
    pdf.set_info(
        "Subject",
        utf16("Riverside Land \u{2013} Disposal Negotiations"),
    );
    leaks(&p, "build/b.pdf", &pdf.bytes(), named);
    // Compressed content through a simple font, kerned into pieces.
    let mut pdf = Pdf::one_page("Public words");
    let content =
        b"BT /F1 12 Tf 72 500 Td [(Riverside La) -30 (nd Dispo) 12 (sal Negotiations)] TJ ET";
    let extra = pdf.doc.add_object(pdfs::flate_stream(content));
    let first = pdf.page_dict().get(b"Contents").unwrap().clone();
    pdf.page_dict().set("Contents", vec![first, extra.into()]);
    leaks(&p, "build/south/c.pdf", &pdf.bytes(), named);
    // Glyph codes that only a CID font's ToUnicode map turns into words.
    let mut pdf = Pdf::one_page("Public words");
    pdf.add_cid_text(TITLE);
    leaks(&p, "build/d.pdf", &pdf.bytes(), named);
    // A bookmark, and an XMP title with a character reference.
    let mut pdf = Pdf::one_page("Public words");
    pdf.add_outline(&TITLE.to_uppercase());
    leaks(&p, "build/e.pdf", &pdf.bytes(), named);
    let mut pdf = Pdf::one_page("Public words");
    pdf.add_xmp("Riverside&#32;Land Disposal&#x20;Negotiations");
    leaks(&p, "build/north/f.pdf", &pdf.bytes(), named);
    // A PDF under another name is still a PDF.
    let mut pdf = Pdf::one_page("Public words");
    pdf.add_cid_text(TITLE);
    leaks(&p, "build/notes.txt", &pdf.bytes(), named);
}

#[test]
fn every_encoding_of_a_confidential_title_in_html_or_text_is_found() {
    let p = public_fixture();
    let named = "confidential paper `land-sale`";
    let cases: [(&str, &str); 7] = [
        (
            "build/a.html",
            "<p>Riverside&#x20;Land&nbsp;Disposal &#78;egotiations</p>",
        ),
        (
            "build/b.html",
            "<h1><b>Riverside</b> Land <i>Dispo</i>sal Negotiations</h1>",
        ),
        (
            "build/c.html",
            "<img src=x.png alt=\"Riverside Land Disposal Negotiations\">",
        ),
        (
            "build/d.html",
            "<a title='RIVERSIDE LAND &ndash; DISPOSAL NEGOTIATIONS'>x</a>",
        ),
        (
            "build/e.html",
            "<a href=\"north&#x2F;land-sale.html\">minutes</a>",
        ),
        (
            "build/f.json",
            "{\"t\": \"Riverside\\u0020Land Disposal Negotiations\"}",
        ),
        (
            "build/g.html",
            "<!-- Riverside Land Disposal Negotiations -->",
        ),
    ];
    for (rel, text) in cases {
        leaks(&p, rel, text.as_bytes(), named);
    }
    // UTF-16 text with a byte order mark.
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(TITLE.encode_utf16().flat_map(u16::to_le_bytes));
    leaks(&p, "build/h.txt", &bytes, named);
    // Words that only share the title's words apart are not a leak.
    p.write(
        "build/ok.html",
        "<p>Riverside</p><p title=\"Land Disposal\">x</p>",
    );
    ok(&p, &["build", "--public"]);
}

#[test]
fn a_stale_part_ii_pack_whose_state_was_lost_fails_the_public_check() {
    let p = Project::fixture("publish");
    ok(&p, &["build"]);
    let pack = "build/north/pack-part-ii.pdf";
    assert!(p.path().join(pack).is_file());
    // A CI cache restores build/ but not .boardpaper/.
    std::fs::remove_dir_all(p.path().join(".boardpaper")).unwrap();
    // What a hint would name goes: every file named after the paper.
    for t in ["north", "south"] {
        for ext in ["pdf", "html"] {
            std::fs::remove_file(p.path().join(format!("build/{t}/land-sale.{ext}"))).unwrap();
        }
    }
    let run = p.run(&["build", "--public"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[BP038]")
            && run.stderr.contains(&format!("{pack}:1:1"))
            && run.stderr.contains("confidential paper `land-sale`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_public_paper_repeating_a_confidential_title_fails_a_pdf_only_build() {
    let p = Project::fixture("publish");
    p.edit(
        "papers/open-update.md",
        "\n---\n",
        "\n---\n\n## Riverside Land \u{2013} Disposal Negotiations\n\nSee the private meeting.\n",
    );
    let run = p.run(&["build", "--public", "--format", "pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[BP038]")
            && run.stderr.contains("north/open-update.pdf:1:1")
            && run
                .stderr
                .contains("its title, `Riverside Land Disposal Negotiations`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_file_the_check_cannot_read_fails_it_closed() {
    let p = public_fixture();
    let cannot = "cannot be checked";
    // Bytes that are neither text nor a PDF; a PDF that cannot be parsed.
    leaks(
        &p,
        "build/logo.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe",
        "neither text",
    );
    leaks(
        &p,
        "build/x.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog",
        cannot,
    );
    // An encrypted PDF.
    let plain = p.path().join("plain.pdf");
    std::fs::write(&plain, Pdf::one_page("Public").bytes()).unwrap();
    let enc = p.path().join("build/enc.pdf");
    let st = std::process::Command::new("qpdf")
        .args(["--encrypt", "u", "o", "256", "--"])
        .arg(&plain)
        .arg(&enc)
        .status()
        .unwrap();
    assert!(st.success());
    let bytes = std::fs::read(&enc).unwrap();
    leaks(&p, "build/enc.pdf", &bytes, "encrypted");
    // Over the size the check reads (sparse: no disk is used).
    let big = p.path().join("build/big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(600 << 20)
        .unwrap();
    let run = p.run(&["build", "--public"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[BP038]")
            && run.stderr.contains("build/big.txt:1:1")
            && run.stderr.contains("over 512 MB"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(&big).unwrap();
    // A symlink (never followed) and a FIFO (never opened for long).
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/hostname", p.path().join("build/link.txt")).unwrap();
        let run = p.run(&["build", "--public"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("build/link.txt:1:1") && run.stderr.contains(cannot));
        std::fs::remove_file(p.path().join("build/link.txt")).unwrap();
        let fifo = p.path().join("build/pipe");
        let st = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(st.success());
        let bounded = p.run_bounded(&["build", "--public"]);
        assert!(!bounded.killed, "the FIFO hung the check");
        let run = bounded.run;
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains("build/pipe:1:1") && run.stderr.contains(cannot));
    }
}

/// `check` and `build` both report `code` at north's `file:` entry (line
/// 28) saying `says`; the pack is still built without the file.
fn refused_as(p: &Project, code: &str, says: &str) {
    for args in [&["check"][..], &["build"]] {
        let run = p.run(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("error[{code}]"))
                && run.stderr.contains("trusts/north.yaml:28:5")
                && run.stderr.contains(says),
            "{args:?}: {}",
            run.stderr
        );
    }
    let text = p.pdftotext(&[], "build/north/pack.pdf");
    assert!(!text.contains(TITLE), "{text}");
}

/// An own PDF refused for what it is (BP058), see [`refused_as`].
fn refused(p: &Project, says: &str) {
    refused_as(p, "BP058", says);
}

/// An own PDF refused as a leak into the public pack (BP038).
fn leaks_into_pack(p: &Project, says: &str) {
    refused_as(p, "BP038", says);
}

#[test]
fn an_own_pdf_that_is_a_build_output_is_refused_at_its_agenda_entry() {
    let p = Project::fixture("pack");
    ok(&p, &["build"]);
    // The Part II pack of this very build: it would grow every build.
    p.edit(
        "trusts/north.yaml",
        "file: own/finance.pdf",
        "file: build/north/pack-part-ii.pdf",
    );
    refused(&p, "lies in the output folder `build`");
    // A copy of a build's output elsewhere in the project.
    std::fs::create_dir_all(p.path().join("old")).unwrap();
    std::fs::copy(
        p.path().join("build/north/land-sale.pdf"),
        p.path().join("old/x.pdf"),
    )
    .unwrap();
    p.edit(
        "trusts/north.yaml",
        "file: build/north/pack-part-ii.pdf",
        "file: old/x.pdf",
    );
    refused(&p, "was made by boardpaper");
    // Another build's output folder (a manifest beside it), whoever made the PDF.
    std::fs::create_dir_all(p.path().join("site/north")).unwrap();
    std::fs::copy(
        p.path().join("build/manifest.json"),
        p.path().join("site/manifest.json"),
    )
    .unwrap();
    std::fs::copy(
        p.path().join("own/finance.pdf"),
        p.path().join("site/north/f.pdf"),
    )
    .unwrap();
    p.edit(
        "trusts/north.yaml",
        "file: old/x.pdf",
        "file: site/north/f.pdf",
    );
    refused(&p, "holds a build's manifest.json");
}

#[test]
fn an_own_pdf_naming_a_confidential_paper_never_reaches_the_public_pack() {
    let p = Project::fixture("pack");
    // Its bookmarks name the paper (only there: the page shows nothing).
    let mut pdf = Pdf::one_page("Estates summary");
    pdf.add_outline("Riverside land disposal negotiations (update)");
    p.write("own/finance.pdf", pdf.bytes());
    leaks_into_pack(&p, "names the confidential paper `land-sale`");
    // Its text through a CID font.
    let mut pdf = Pdf::one_page("Estates summary");
    pdf.add_cid_text(TITLE);
    p.write("own/finance.pdf", pdf.bytes());
    leaks_into_pack(&p, "names the confidential paper `land-sale`");
    // After the Part II marker the same file is fine.
    let yaml = p.read("trusts/north.yaml");
    let moved = yaml
        .replace("  - item: \"2.1\"\n    file: own/finance.pdf\n    title: Finance report, month 2\n    presenter: Director of Finance\n    purpose: For assurance\n", "")
        .replace("  - item: 5\n", "  - item: \"4.1\"\n    file: own/finance.pdf\n    title: Finance report, month 2\n  - item: 5\n");
    assert_ne!(moved, yaml);
    p.write("trusts/north.yaml", moved);
    ok(&p, &["check"]);
    ok(&p, &["build"]);
}

#[test]
fn check_reports_a_missing_or_encrypted_own_pdf_as_build_does() {
    let p = Project::fixture("pack");
    let own = p.path().join("own/finance.pdf");
    let bytes = std::fs::read(&own).unwrap();
    std::fs::remove_file(&own).unwrap();
    refused(&p, "own/finance.pdf");
    let plain = p.path().join("plain.pdf");
    std::fs::write(&plain, &bytes).unwrap();
    let st = std::process::Command::new("qpdf")
        .args(["--encrypt", "", "o", "256", "--"])
        .arg(&plain)
        .arg(&own)
        .status()
        .unwrap();
    assert!(st.success());
    refused(&p, "encrypted");
    p.write("own/finance.pdf", &bytes[..bytes.len() / 2]);
    refused(&p, "own/finance.pdf");
}

#[test]
fn a_pack_whose_only_paper_failed_is_not_written() {
    let p = Project::fixture("publish");
    ok(&p, &["build"]);
    assert!(p.path().join("build/south/pack.pdf").exists());
    // South receives open-update and south-workforce (and no agenda);
    // both fail to resolve.
    for paper in ["papers/open-update.md", "papers/south-workforce.md"] {
        let text = p.read(paper) + "\n{{ no_such_name }}\n";
        p.write(paper, text);
    }
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        !p.path().join("build/south/pack.pdf").exists(),
        "{}",
        run.stdout
    );
    let manifest = p.read("build/manifest.json");
    assert!(!manifest.contains("south/pack.pdf"), "{manifest}");
}
