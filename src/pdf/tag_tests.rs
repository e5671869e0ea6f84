//! Tests of the structure layout builds, on every variant of the demo and
//! of `tests/fixtures/mini`: every item's tag is an element of the tree or
//! the right kind of artifact, and the tree reads in the order a person
//! reads the paper.

use std::path::Path;

use super::layout::tags::{Artifact, Role, StructTree, Tag};
use super::layout::theme::{BODY_BOTTOM, BODY_TOP};
use super::layout::{Item, Laid};
use super::{furnished, Fonts};
use crate::document::Document;

/// Every variant a build of the project at `dir` (relative to the crate)
/// would write, as (trust, paper, document).
fn variants(dir: &str) -> Vec<(String, String, Document)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let Ok((checked, _)) = crate::commands::load(Some(&root)) else {
        panic!("{dir} does not load");
    };
    let m = &checked.model;
    let mut out = Vec::new();
    for paper in &m.papers {
        for trust in m.recipients(paper) {
            if let Some(doc) = crate::resolve::variant(m, paper, trust).doc {
                out.push((trust.id.clone(), paper.id.clone(), doc));
            }
        }
    }
    assert!(!out.is_empty(), "{dir} has no variants");
    out
}

/// What is wrong with the tags of one laid-out document, if anything.
fn tag_problems(laid: &Laid) -> Vec<String> {
    let tree = &laid.tree;
    let mut problems = Vec::new();
    for (n, page) in laid.pages.iter().enumerate() {
        for placed in &page.items {
            let what = format!("page {}: {:?}", n + 1, placed.item);
            if let Some(p) = item_problem(tree, placed.tag, &placed.item) {
                problems.push(format!("{what}: {p}"));
            }
        }
    }
    problems
}

fn item_problem(tree: &StructTree, tag: Tag, item: &Item) -> Option<&'static str> {
    let in_furniture = |y: f32| !(BODY_TOP..=BODY_BOTTOM + 1.0).contains(&y);
    match (tag, item) {
        (Tag::Struct(id), _) if id == StructTree::ROOT => Some("tagged as the root"),
        (Tag::Struct(id), _) if tree.get(id).is_none() => Some("tagged with no element"),
        (Tag::Struct(_), Item::Text(t)) if in_furniture(t.y) => Some("furniture text is content"),
        (Tag::Artifact(a), Item::Text(t)) if !in_furniture(t.y) => {
            let artifact_text = matches!(a, Artifact::Leader);
            (!artifact_text).then_some("body text is an artifact")
        }
        (Tag::Struct(_), Item::Rule { .. } | Item::Rect { .. }) => Some("a drawing is content"),
        (Tag::Struct(_), Item::Watermark(_)) => Some("a watermark is content"),
        (Tag::Struct(id), Item::Image { .. }) => {
            let figure = tree.get(id).filter(|n| n.role == Role::Figure);
            match figure.and_then(|n| n.alt.as_deref()) {
                Some(alt) if !alt.is_empty() => None,
                _ => Some("an image outside a Figure with alt text"),
            }
        }
        (Tag::Artifact(_), Item::Image { .. } | Item::Link { .. }) => {
            Some("an image or link is an artifact")
        }
        _ => None,
    }
}

/// Elements that stand for text and have none (an empty value cell, an
/// unticked tick cell and an empty meeting line may be blank).
fn empty_text_elements(laid: &Laid) -> Vec<String> {
    let texts = laid.tree.texts(&laid.pages);
    // A footnote's number is its label's link back to the reference: the
    // label's text sits in that `Link` child.
    let linked = |i: usize| {
        laid.tree.nodes().iter().zip(&texts).any(|(c, t)| {
            c.parent().map(|p| p.0) == Some(i) && c.role == Role::Link && !t.is_empty()
        })
    };
    laid.tree
        .nodes()
        .iter()
        .zip(&texts)
        .enumerate()
        .filter(|(i, (n, t))| {
            matches!(n.role, Role::H(_) | Role::Lbl | Role::TH) && t.is_empty() && !linked(*i)
        })
        .map(|(_, nt)| nt)
        .map(|(n, _)| n.role.name())
        .collect()
}

#[test]
fn every_item_of_every_demo_and_mini_variant_is_tagged_as_what_it_is() {
    let fonts = Fonts::builtin();
    for dir in [".", "tests/fixtures/mini"] {
        for (trust, paper, doc) in variants(dir) {
            let laid = furnished(&doc, &fonts);
            let items: usize = laid.pages.iter().map(|p| p.items.len()).sum();
            assert!(items > 0, "{dir} {trust}/{paper}: nothing laid out");
            let problems = tag_problems(&laid);
            assert!(problems.is_empty(), "{dir} {trust}/{paper}: {problems:#?}");
            let empty = empty_text_elements(&laid);
            assert!(empty.is_empty(), "{dir} {trust}/{paper}: empty {empty:?}");
        }
    }
}

#[test]
fn furniture_is_header_footer_and_page_number_artifacts() {
    let fonts = Fonts::builtin();
    let (_, _, doc) = variants("tests/fixtures/mini").remove(0);
    let laid = furnished(&doc, &fonts);
    for page in &laid.pages {
        let furniture: Vec<(Tag, &str)> = page
            .items
            .iter()
            .filter_map(|p| match &p.item {
                Item::Text(t) if t.y < BODY_TOP || t.y > BODY_BOTTOM + 1.0 => {
                    Some((p.tag, t.text.as_str()))
                }
                _ => None,
            })
            .collect();
        let number = furniture
            .iter()
            .find(|(_, text)| text.starts_with("Page "))
            .map(|f| f.0);
        assert_eq!(number, Some(Tag::Artifact(Artifact::PageNumber)));
        assert!(furniture
            .iter()
            .any(|f| f.0 == Tag::Artifact(Artifact::Header)));
        assert!(furniture
            .iter()
            .any(|f| f.0 == Tag::Artifact(Artifact::Footer)));
    }
}

/// The text of every element in reading order, one string each.
fn reading(laid: &Laid) -> Vec<(Role, String)> {
    let texts = laid.tree.texts(&laid.pages);
    laid.tree
        .reading_order()
        .into_iter()
        .filter_map(|id| {
            let node = laid.tree.get(id)?;
            Some((node.role, texts.get(id.0).cloned().unwrap_or_default()))
        })
        .collect()
}

/// Position in `read` of the first element of `role` whose text starts with
/// `text`, searching from `from`.
fn find(read: &[(Role, String)], from: usize, role: Role, text: &str) -> usize {
    read.iter()
        .skip(from)
        .position(|(r, t)| *r == role && t.starts_with(text))
        .map(|i| i + from)
        .unwrap_or_else(|| panic!("no {role:?} {text:?} after element {from}"))
}

#[test]
fn the_tree_reads_front_sheet_then_governance_table_then_body() {
    let fonts = Fonts::builtin();
    let (_, _, doc) = variants(".")
        .into_iter()
        .find(|(t, p, _)| t == "lpt" && p == "ema-update")
        .unwrap_or_else(|| panic!("the demo has lpt/ema-update"));
    let laid = furnished(&doc, &fonts);
    let read = reading(&laid);
    let top: Vec<Role> = laid
        .tree
        .nodes()
        .iter()
        .filter(|n| n.parent() == Some(StructTree::ROOT))
        .map(|n| n.role)
        .collect();
    assert_eq!(top.first(), Some(&Role::Sect), "{top:?}");
    // The order a person reads: meeting line, title, the front-sheet
    // sections, the governance table (label before value, the alignment
    // items inside their row), then the body under its title, the closing
    // recommendations and the appendix. Each is found after the one before.
    // The body's and the appendix's headings sit one level under their
    // title (H2 for "1. Introduction"), as their bookmarks nest.
    let title = "East Midlands Alliance Common Board Paper";
    let steps = [
        (Role::P, "Trust Public Board"),
        (Role::H(1), title),
        (Role::H(2), "Purpose of the report"),
        (Role::H(2), "Decision required"),
        (Role::H(2), "Governance table"),
        (Role::Table, ""),
        (Role::TH, "Paper sponsored by:"),
        (Role::TD, "East Midlands Alliance Chief Executives"),
        (Role::TH, "STEP up to GREAT strategic alignment*:"),
        (Role::Table, ""),
        (Role::TH, "High Standards"),
        (Role::TD, "X"),
        (Role::TH, "Equality considerations:"),
        (Role::H(2), "Appendices"),
        (Role::Sect, ""),
        (Role::H(1), title),
        (Role::H(2), "1. Introduction"),
        (Role::H(2), "11. Actions and recommendations"),
        (Role::Lbl, "I."),
        (Role::H(1), "Appendix A"),
        (Role::H(2), "Vision"),
    ];
    let mut at = 0;
    for (role, text) in steps {
        at = find(&read, at, role, text);
    }
}

#[test]
fn a_list_item_reads_label_then_body() {
    let fonts = Fonts::builtin();
    for (trust, paper, doc) in variants(".") {
        let laid = furnished(&doc, &fonts);
        let tree = &laid.tree;
        for (i, node) in tree.nodes().iter().enumerate() {
            if node.role != Role::LI {
                continue;
            }
            let kids: Vec<Role> = tree
                .nodes()
                .iter()
                .filter(|n| n.parent().map(|p| p.0) == Some(i))
                .map(|n| n.role)
                .collect();
            assert_eq!(kids, [Role::Lbl, Role::LBody], "{trust}/{paper}");
        }
    }
}

/// Children of element `parent`: (role, own text), in order.
fn children(laid: &Laid, parent: usize) -> Vec<(Role, String)> {
    let texts = laid.tree.texts(&laid.pages);
    laid.tree
        .nodes()
        .iter()
        .zip(texts)
        .filter(|(n, _)| n.parent().map(|p| p.0) == Some(parent))
        .map(|(n, t)| (n.role, t))
        .collect()
}

#[test]
fn the_sample_is_tagged_as_what_it_is() {
    let laid = furnished(
        &crate::document::sample::sample_document(),
        &Fonts::builtin(),
    );
    let problems = tag_problems(&laid);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(empty_text_elements(&laid).is_empty());
    let figures: Vec<Option<&str>> = laid
        .tree
        .nodes()
        .iter()
        .filter(|n| n.role == Role::Figure)
        .map(|n| n.alt.as_deref())
        .collect();
    assert_eq!(
        figures,
        [
            Some("Bar chart of workstreams"),
            Some("Shapes with transparency"),
            Some("Stripes")
        ]
    );
}

#[test]
fn links_and_footnote_references_are_their_own_elements() {
    let laid = furnished(
        &crate::document::sample::sample_document(),
        &Fonts::builtin(),
    );
    let tree = &laid.tree;
    // Every link area is a Link's, and every Link has an area and text.
    let mut areas = vec![0; tree.nodes().len()];
    for placed in laid.pages.iter().flat_map(|p| &p.items) {
        if let (Item::Link { url, .. }, Tag::Struct(id)) = (&placed.item, placed.tag) {
            let role = tree.get(id).map(|n| n.role);
            assert_eq!(role, Some(Role::Link), "the area of {url}");
            areas[id.0] += 1;
        }
    }
    let texts = tree.texts(&laid.pages);
    for (i, node) in tree.nodes().iter().enumerate() {
        if node.role == Role::Link {
            assert!(areas[i] > 0 && !texts[i].is_empty(), "Link {i}: {areas:?}");
        }
    }
    // The introduction: its footnote number, then its links, in order.
    let intro = texts
        .iter()
        .position(|t| t.starts_with("This paper provides a summary"))
        .unwrap_or_else(|| panic!("no introduction"));
    let kids = children(&laid, intro);
    let roles: Vec<Role> = kids.iter().map(|k| k.0).collect();
    assert_eq!(roles[0], Role::Reference, "{kids:?}");
    let links: Vec<&str> = kids[1..].iter().map(|k| k.1.as_str()).collect();
    // The sample's javascript: and data: links are not links in the PDF
    // either: the layout applies the same link policy as the HTML.
    let expected = ["Alliance website", "NHS website", "email us"];
    assert_eq!(links, expected, "{kids:?}");
    let reference = intro
        + 1
        + tree.nodes()[intro + 1..]
            .iter()
            .position(|n| n.role == Role::Reference)
            .unwrap_or(0);
    assert_eq!(children(&laid, reference), [(Role::Link, "1".to_string())]);
}

#[test]
fn a_table_header_repeated_on_a_later_page_is_read_as_its_header_cell() {
    let laid = furnished(
        &crate::document::sample::sample_document(),
        &Fonts::builtin(),
    );
    // The 40-row workstreams table spans pages; its header cell "Workstream".
    let tags: Vec<(usize, Tag)> = laid
        .pages
        .iter()
        .enumerate()
        .flat_map(|(n, p)| p.items.iter().map(move |i| (n, i)))
        .filter(|(_, i)| matches!(&i.item, Item::Text(t) if t.text == "Workstream"))
        .map(|(n, i)| (n, i.tag))
        .collect();
    assert!(tags.len() >= 2, "{tags:?}");
    let Tag::Struct(th) = tags[0].1 else {
        panic!("the first header is content: {tags:?}");
    };
    assert_eq!(laid.tree.get(th).map(|n| n.role), Some(Role::TH));
    // Every repeat is content of the same header cell: one header row,
    // read on each page it is painted on.
    for (page, tag) in &tags[1..] {
        assert!(*page > tags[0].0);
        assert_eq!(*tag, Tag::Struct(th));
    }
}

#[test]
fn a_drafts_pages_each_carry_one_watermark_artifact_and_no_other_change() {
    let fonts = Fonts::builtin();
    for (trust, paper, doc) in variants("tests/fixtures/drafts") {
        let laid = furnished(&doc, &fonts);
        let problems = tag_problems(&laid);
        assert!(problems.is_empty(), "{trust}/{paper}: {problems:#?}");
        for (n, page) in laid.pages.iter().enumerate() {
            let marks: Vec<Tag> = page
                .items
                .iter()
                .filter(|p| matches!(p.item, Item::Watermark(_)))
                .map(|p| p.tag)
                .collect();
            let want = if doc.meta.draft {
                vec![Tag::Artifact(Artifact::Watermark)]
            } else {
                vec![]
            };
            assert_eq!(marks, want, "{trust}/{paper} page {}", n + 1);
        }
        // Without the mark, a draft lays out as its final copy would, but
        // for the watermark and the title's "DRAFT – ".
        if doc.meta.draft {
            let mut fin = doc.clone();
            fin.meta.draft = false;
            let plain = furnished(&fin, &fonts);
            assert_eq!(plain.pages.len(), laid.pages.len(), "{trust}/{paper}");
            for (a, b) in laid.pages.iter().zip(&plain.pages) {
                assert_eq!(a.items.len(), b.items.len() + 1, "{trust}/{paper}");
            }
        }
    }
}

#[test]
fn a_watermark_tagged_as_content_is_a_problem() {
    let mut tree = StructTree::default();
    let p = tree.add(Role::P, StructTree::ROOT);
    let run = super::layout::TextRun {
        x: 0.0,
        y: 400.0,
        font: crate::pdf::fonts::FontStyle::Bold,
        size: 140.0,
        colour: super::layout::theme::Rgb(0, 0, 0),
        text: "DRAFT".into(),
        width: 400.0,
    };
    let item = Item::Watermark(run);
    let artifact = Tag::Artifact(Artifact::Watermark);
    assert_eq!(item_problem(&tree, artifact, &item), None);
    assert_eq!(
        item_problem(&tree, Tag::Struct(p), &item),
        Some("a watermark is content")
    );
}
