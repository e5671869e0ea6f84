//! Hostile Word documents for `boardpaper import`, made here with the zip
//! crate: a zip bomb, an entry whose header lies about its size, thousands
//! of entries, deeply nested tables and XML, entity declarations (the
//! billion laughs), an enormous paragraph, a FIFO or symlink in place of
//! the file, an entry named `../../x`, and a file that is no zip at all.
//! Each must be a located error (BP044 at the file) within 10 s under the
//! 500 MB memory cap, with nothing written into the project.

mod common;

use std::io::{Cursor, Write};
use std::path::Path;
use std::time::Duration;

use common::Project;
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A .docx of the given entries (name, bytes), deflated.
fn docx(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, bytes) in entries {
        z.start_file(*name, opts).expect("entry");
        z.write_all(bytes).expect("write");
    }
    z.finish().expect("zip").into_inner()
}

fn document(body: &str) -> Vec<u8> {
    format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>")
        .into_bytes()
}

fn project() -> Project {
    let p = Project::from_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docx/project"),
    );
    let _ = std::fs::remove_file(p.path().join("papers/.keep"));
    p
}

/// Imports `bytes` as `name` (written beside the project) and requires a
/// located BP044 error saying `words`, in time, with nothing written.
fn refused(bytes: &[u8], words: &str) {
    let p = project();
    let outside = tempfile::tempdir().expect("temp dir");
    let file = outside.path().join("hostile.docx");
    std::fs::write(&file, bytes).expect("write the file");
    refused_at(&p, &file, words);
}

fn refused_at(p: &Project, file: &Path, words: &str) {
    let path = file.to_string_lossy().into_owned();
    let b = p.run_bounded(&["import", &path]);
    b.assert_survived(words);
    assert!(
        b.took < Duration::from_secs(10),
        "{words}: took {:?}",
        b.took
    );
    assert_eq!(
        b.run.code, 1,
        "{words}: exit {}\n{}",
        b.run.code, b.run.stderr
    );
    assert!(
        b.run.stderr.contains("error[BP044]"),
        "{words}: {}",
        b.run.stderr
    );
    assert!(
        b.run.stderr.contains(&format!("--> {path}")),
        "{words}: not located at the file: {}",
        b.run.stderr
    );
    assert!(b.run.stderr.contains(words), "{words}: {}", b.run.stderr);
    assert!(
        common::files_under(&p.path().join("papers")).is_empty(),
        "{words}: something was written"
    );
}

#[test]
fn a_zip_bomb_stops_at_the_part_cap() {
    // 40 MB of spaces inside the body: deflated to about 40 KB.
    let mut xml = format!("<w:document {W}><w:body><w:p><w:r><w:t>").into_bytes();
    xml.resize(xml.len() + 40 * 1024 * 1024, b' ');
    xml.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    let zip = docx(&[("word/document.xml", &xml)]);
    assert!(zip.len() < 1024 * 1024, "the bomb is small: {}", zip.len());
    refused(
        &zip,
        "entry `word/document.xml` inflates past 33554432 bytes",
    );
}

#[test]
fn an_entry_whose_header_lies_about_its_size_is_still_stopped() {
    let mut xml = document("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
    xml.resize(40 * 1024 * 1024, b' ');
    let mut zip = docx(&[("word/document.xml", &xml)]);
    // Claim 100 bytes, in the local header (offset 22) and the central
    // directory (offset 24).
    for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let start = zip.windows(4).position(|w| w == sig).expect("header");
        zip[start + at..start + at + 4].copy_from_slice(&100u32.to_le_bytes());
    }
    refused(&zip, "word/document.xml");
}

#[test]
fn thousands_of_entries_are_refused_before_any_is_read() {
    let names: Vec<String> = (0..3000).map(|i| format!("word/media/x{i}.bin")).collect();
    let mut entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let doc = document("");
    entries.push(("word/document.xml", &doc));
    refused(
        &docx(&entries),
        "the archive has 3001 entries, over the limit of 2000",
    );
}

#[test]
fn deeply_nested_tables_and_xml_are_located_errors() {
    let cell = |inner: &str| format!("<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>");
    let mut tables = String::from("<w:p><w:r><w:t>deep</w:t></w:r></w:p>");
    for _ in 0..20 {
        tables = cell(&tables);
    }
    refused(
        &docx(&[("word/document.xml", &document(&tables))]),
        "paragraph 1: tables nested more than 8 deep",
    );
    let deep = format!("{}{}", "<w:sdt>".repeat(5000), "</w:sdt>".repeat(5000));
    refused(
        &docx(&[("word/document.xml", &document(&deep))]),
        "XML nested more than 256 deep",
    );
}

#[test]
fn entity_declarations_are_refused() {
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><w:document {W}><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
    );
    refused(
        &docx(&[("word/document.xml", laughs.as_bytes())]),
        "a DOCTYPE (entity declarations): refused",
    );
    let external = format!(
        "<w:document {W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    );
    refused(
        &docx(&[("word/document.xml", external.as_bytes())]),
        "unknown entity `&xxe;`",
    );
}

#[test]
fn an_enormous_paragraph_is_a_located_error() {
    let text = "word ".repeat(40_000);
    let body =
        format!("<w:p><w:r><w:t>short</w:t></w:r></w:p><w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
    refused(
        &docx(&[("word/document.xml", &document(&body))]),
        "paragraph 2 is longer than 100000 characters",
    );
}

#[test]
fn an_entry_named_to_climb_out_is_refused() {
    let doc = document("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
    let zip = docx(&[("word/document.xml", &doc), ("../../x", b"escape")]);
    refused(
        &zip,
        "entry 2 is named `../../x`, which climbs out of the archive: refused",
    );
}

#[test]
fn a_file_that_is_no_zip_is_refused() {
    refused(
        b"<html>not a docx</html>",
        "not a Word document (.docx is a zip archive)",
    );
    let zip = docx(&[("word/other.xml", b"<x/>")]);
    refused(&zip, "no word/document.xml: not a Word document");
}

#[test]
fn a_fifo_or_symlink_in_place_of_the_file_is_refused_without_blocking() {
    let p = project();
    let outside = tempfile::tempdir().expect("temp dir");
    let fifo = outside.path().join("pipe.docx");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    refused_at(&p, &fifo, "is a named pipe (FIFO), not a regular file");
    let real = outside.path().join("real.docx");
    std::fs::write(&real, docx(&[("word/document.xml", &document(""))])).expect("write");
    let link = outside.path().join("link.docx");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    refused_at(&p, &link, "is a symlink, not a regular file");
}
