//! A pack with a paper of ours and a run of imported pages: the imported
//! pages are numbered, stamped and listed on the agenda like a paper's.

use super::{lay_out, Cover, Entry, Pack, Part};
use crate::document::sample::sample_document;
use crate::pdf::layout::{Item, Page, Role, StructTree};
use crate::pdf::{Fonts, PdfOptions};

fn entry<'a>(number: &str, title: &str, part: Option<Part<'a>>) -> Entry<'a> {
    Entry {
        number: number.into(),
        title: title.into(),
        presenter: Some("Chair".into()),
        purpose: Some("For noting".into()),
        time: None,
        part,
    }
}

fn texts(page: &Page) -> Vec<&str> {
    page.items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn imported_pages_are_numbered_and_stamped_in_the_pack() {
    let doc = sample_document();
    let fonts = Fonts::builtin();
    let laid = crate::pdf::lay_out(&doc, &fonts);
    let theirs = crate::pdf::render(&doc, &fonts, &PdfOptions::default()).bytes;
    let file = crate::assemble::pack::import::read(&theirs, "theirs.pdf").unwrap();
    let n = file.pages.len();
    let pack = Pack {
        meta: doc.meta.clone(),
        cover: Cover {
            trust: "Alpha NHS Trust".into(),
            board: "Trust Public Board".into(),
            cycle: "March 2024".into(),
            issuer: "Test Alliance".into(),
            ..Cover::default()
        },
        heading: "Agenda".into(),
        entries: vec![
            entry("1", "Apologies", None),
            entry("2", "Our paper", Some(Part::Paper(&doc, &laid))),
            entry("3", "Their paper", Some(Part::Imported(&file))),
        ],
    };
    let joined = lay_out(&pack, &fonts).unwrap_or_else(|e| panic!("{e:?}"));
    let paper = joined.laid[0].pages.len();
    assert_eq!(paper, 0, "the paper's pages moved into the pack");
    let total = joined.pages.len();
    let imported = &joined.pages[total - n..];
    assert_eq!(
        (imported[1].width, imported[1].height),
        file.pages[1].size()
    );
    let start = total - n + 1;
    // Another maker's pages keep their own furniture: ours is one stamp.
    let footer = format!("Item 3 \u{2013} Their paper \u{00b7} Page {start} of {total}");
    assert!(
        texts(&imported[0]).contains(&footer.as_str()),
        "{:?}",
        texts(&imported[0])
    );
    let agenda = texts(&joined.pages[1]).join(" ");
    let row = format!("3 Their paper Chair For noting {start}");
    assert!(agenda.contains(&row), "{agenda}");
    let links: Vec<&str> = joined.pages[1]
        .items
        .iter()
        .filter_map(|p| match &p.item {
            Item::Link { url, .. } => Some(url.as_str()),
            _ => None,
        })
        .collect();
    assert!(links.contains(&"#@2/pack-item"), "{links:?}");
    // One tree: each item a Part under the pack's root, our paper's tree
    // grafted whole under its Part, every page's tags in the tree.
    assert_eq!(joined.tree.check(&joined.pages), Ok(()));
    let parts: Vec<usize> = (0..joined.tree.len())
        .filter(|&i| joined.tree.nodes()[i].role == Role::Part)
        .collect();
    assert_eq!(parts.len(), 2, "one Part per paper");
    for &i in &parts {
        assert_eq!(joined.tree.nodes()[i].parent(), Some(StructTree::ROOT));
    }
    assert_eq!(
        parts[1] - parts[0],
        laid.laid.tree.len(),
        "the paper's tree, whole"
    );
    let bytes = super::render(&pack, &fonts, &PdfOptions::default()).map(|r| r.bytes);
    let bytes = bytes.unwrap_or_else(|e| panic!("{e:?}"));
    assert!(bytes.starts_with(b"%PDF-"));
}
