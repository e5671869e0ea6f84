//! A pack with a paper of ours and a run of imported pages: the imported
//! pages are numbered, furnished and listed on the agenda like a paper's.

use super::{lay_out, Cover, Entry, Pack, Part};
use crate::doc::sample::sample_document;
use crate::pdf::layout::{Item, Page};
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
fn imported_pages_are_numbered_and_furnished_in_the_pack() {
    let doc = sample_document();
    let sizes = [(595.28, 841.89), (841.89, 595.28)];
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
            entry("2", "Our paper", Some(Part::Paper(&doc))),
            entry("3", "Their paper", Some(Part::Imported(&sizes))),
        ],
    };
    let fonts = Fonts::builtin();
    let joined = lay_out(&pack, &fonts);
    let paper = joined.laid[0].laid.pages.len();
    assert_eq!(paper, 0, "the paper's pages moved into the pack");
    let total = joined.pages.len();
    let imported = &joined.pages[total - 2..];
    assert_eq!((imported[1].width, imported[1].height), sizes[1]);
    let start = total - 1;
    assert!(texts(&imported[0]).contains(&"Item 3 \u{2013} Their paper"));
    let footer = format!("Paper page 1 of 2 \u{00b7} Page {start} of {total}");
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
    let bytes = super::render(&pack, &fonts, &PdfOptions::default()).bytes;
    assert!(bytes.starts_with(b"%PDF-"));
}
