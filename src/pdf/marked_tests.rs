//! Tests of the marked content `write` emits for a tagged PDF, on the
//! sample paper (figures, tables over pages, lists, links, notes): every
//! drawing operator sits in exactly one marked-content sequence, sequences
//! never nest or cross a text object, each structure element's sequence
//! carries the MCID the parent tree records, and untagged output has none.

use super::embed::Glyphs;
use super::layout::tags::Role;
use super::layout::DocId;
use super::write::write;
use super::write::Trees;
use super::{furnished, Fonts};
use crate::document::sample::sample_document;

/// What is wrong with one page's content stream, if anything.
fn stream_problems(content: &str, marks: usize) -> Vec<String> {
    let mut problems = Vec::new();
    let (mut open, mut in_text, mut mcids) = (false, false, 0);
    for line in content.lines() {
        let op = line.rsplit(' ').next().unwrap_or(line);
        match op {
            "BDC" => {
                if open || in_text {
                    problems.push(format!("nested or inside BT: {line}"));
                }
                if line.contains("/MCID") {
                    let want = format!("<</MCID {mcids}>>");
                    if !line.contains(&want) {
                        problems.push(format!("MCID out of sequence: {line}"));
                    }
                    mcids += 1;
                }
                open = true;
            }
            "EMC" => {
                if !open || in_text {
                    problems.push(format!("EMC without BDC or inside BT: {line}"));
                }
                open = false;
            }
            "BT" => in_text = true,
            "ET" => in_text = false,
            "Tj" | "re" | "Do" | "S" | "f" if !open => {
                problems.push(format!("unmarked drawing: {line}"));
            }
            _ => {}
        }
    }
    if open {
        problems.push("a sequence left open".into());
    }
    if mcids != marks {
        problems.push(format!("{mcids} MCIDs in the stream, {marks} recorded"));
    }
    problems
}

#[test]
fn every_drawing_is_marked_once_and_mcids_match_the_parent_tree() {
    let fonts = Fonts::builtin();
    let doc = sample_document();
    let laid = furnished(&doc, &fonts);
    let trees = Trees::from([(DocId::default(), &laid.tree)]);
    let mut glyphs = Glyphs::new(&fonts);
    let (pages, _) = write(&laid.pages, &mut glyphs, Some(&trees));
    let mut figures = 0;
    for (n, page) in pages.iter().enumerate() {
        let content = String::from_utf8_lossy(&page.operators()).into_owned();
        let problems = stream_problems(&content, page.marks.len());
        assert!(problems.is_empty(), "page {}: {problems:#?}", n + 1);
        for (id, bbox) in &page.bboxes {
            let node = laid.tree.get(*id).map(|n| n.role);
            assert_eq!(node, Some(Role::Figure), "a bbox for a non-figure");
            assert!(
                bbox[2] > bbox[0] && bbox[3] > bbox[1],
                "empty bbox {bbox:?}"
            );
            figures += 1;
        }
        for link in &page.links {
            let role = link.owner.and_then(|o| laid.tree.get(o)).map(|n| n.role);
            assert_eq!(role, Some(Role::Link), "page {}: {link:?}", n + 1);
            assert!(!link.contents.trim().is_empty(), "a link without /Contents");
        }
    }
    assert!(figures >= 2, "the sample's figures have boxes: {figures}");
    assert!(
        pages.iter().any(|p| !p.links.is_empty()),
        "the sample links"
    );
}

#[test]
fn untagged_output_has_no_marked_content() {
    let fonts = Fonts::builtin();
    let laid = furnished(&sample_document(), &fonts);
    let mut glyphs = Glyphs::new(&fonts);
    let (pages, _) = write(&laid.pages, &mut glyphs, None);
    for page in &pages {
        let content = String::from_utf8_lossy(&page.operators()).into_owned();
        assert!(!content.contains("BDC") && page.marks.is_empty());
        assert!(page.links.iter().all(|l| l.owner.is_none()));
    }
}
