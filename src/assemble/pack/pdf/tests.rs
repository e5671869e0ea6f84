//! A pack with a paper of ours and a run of imported pages: the imported
//! pages are numbered, stamped and listed on the agenda like a paper's.

use super::{join, lay_out, Cover, Entry, Joined, Pack, Part};
use crate::document::sample::sample_document;
use crate::pdf::layout::{Item, Role, StructTree};
use crate::pdf::write::Sheet;
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

fn texts<'s>(sheet: &'s Sheet) -> Vec<&'s str> {
    sheet
        .placed()
        .filter_map(|(_, item, _)| match item {
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
    let Joined {
        mut front,
        laid: mut parts,
    } = lay_out(&pack, &fonts).unwrap_or_else(|e| panic!("{e:?}"));
    let (pages, tree) = join::join(&pack, &mut front, &mut parts, &fonts);
    // The paper's pages are placed as laid out for its own PDF, not copied,
    // and drawn as its own PDF draws them (one content stream, made once):
    // the pack's furniture is an overlay of its own.
    let ours = &pages[pages.len() - n - laid.pages()..pages.len() - n];
    let drawn = laid.drawn(&fonts);
    for ((sheet, page), drawn) in ours.iter().zip(&laid.laid.pages).zip(drawn) {
        assert!(std::ptr::eq(sheet.items, page.items.as_slice()));
        assert!(sheet.drawn.is_some_and(|d| std::ptr::eq(d, drawn)));
        assert!(!sheet.over.items.is_empty(), "furnished");
    }
    let total = pages.len();
    let imported = &pages[total - n..];
    assert_eq!(
        (imported[1].over.width, imported[1].over.height),
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
    let agenda = texts(&pages[1]).join(" ");
    let row = format!("3 Their paper Chair For noting {start}");
    assert!(agenda.contains(&row), "{agenda}");
    let links: Vec<&str> = pages[1]
        .placed()
        .filter_map(|(_, item, _)| match item {
            Item::Link { url, .. } => Some(url.as_str()),
            _ => None,
        })
        .collect();
    assert!(links.contains(&"#@2/pack-item"), "{links:?}");
    // One tree: each item a Part under the pack's root, our paper's tree
    // grafted whole under its Part, every page's tags in the tree.
    assert_eq!(tree.check(pages.iter().flat_map(Sheet::tags)), Ok(()));
    let parts: Vec<usize> = (0..tree.len())
        .filter(|&i| tree.nodes()[i].role == Role::Part)
        .collect();
    assert_eq!(parts.len(), 2, "one Part per paper");
    for &i in &parts {
        assert_eq!(tree.nodes()[i].parent(), Some(StructTree::ROOT));
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
