//! End-to-end tests of the PDF renderer on the sample paper: determinism,
//! pagination rules, and the sample written to /tmp/pdf-sample.pdf for
//! inspection.

use super::layout::{Item, Page};
use super::{layout, render, Fonts, PdfOptions};
use crate::document::sample::sample_document;

#[test]
fn sample_renders_and_is_written_for_inspection() {
    let fonts = Fonts::builtin();
    let doc = sample_document();
    let out = render(&doc, &fonts, &PdfOptions::default());
    assert!(out.bytes.starts_with(b"%PDF-"));
    assert!(out.pages >= 5, "only {} pages", out.pages);
    let _ = std::fs::write("/tmp/pdf-sample.pdf", &out.bytes);
    let _ = std::fs::write(
        "/tmp/pdf-sample.dump",
        super::dump(
            &layout(&doc, &fonts)
                .iter()
                .map(super::write::Sheet::plain)
                .collect::<Vec<_>>(),
        ),
    );
}

#[test]
fn missing_glyphs_are_reported_with_their_origin() {
    let fonts = Fonts::builtin();
    let mut doc = sample_document();
    doc.body.push(crate::document::Block {
        kind: crate::document::BlockKind::Paragraph(vec![crate::document::Inline::Text(
            "Han \u{4e2d}".into(),
        )]),
        origin: crate::document::Origin {
            file: "papers/x.md".into(),
            line: 77,
        },
    });
    let out = render(&doc, &fonts, &PdfOptions::default());
    assert_eq!(out.missing.len(), 1);
    assert_eq!(out.missing[0].ch, '\u{4e2d}');
    assert_eq!(out.missing[0].origin.line, 77);
}

#[test]
fn same_document_same_bytes_in_one_process() {
    let fonts = Fonts::builtin();
    let doc = sample_document();
    let a = render(&doc, &fonts, &PdfOptions::default()).bytes;
    let b = render(&doc, &fonts, &PdfOptions::default()).bytes;
    assert!(a == b, "two renders differ");
}

#[test]
fn same_bytes_on_two_threads() {
    let fonts = Fonts::builtin();
    let doc = sample_document();
    let expected = render(&doc, &fonts, &PdfOptions::default()).bytes;
    let results: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|_| s.spawn(|| render(&doc, &fonts, &PdfOptions::default()).bytes))
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    assert_eq!(results.len(), 2);
    for r in results {
        assert!(r == expected, "a threaded render differs");
    }
}

#[test]
fn dates_only_from_the_epoch() {
    let fonts = Fonts::builtin();
    let doc = sample_document();
    let none = render(&doc, &fonts, &PdfOptions::default()).bytes;
    assert!(!contains(&none, b"CreationDate"));
    let opts = PdfOptions {
        creation_epoch: Some(1_700_000_000),
        untagged: false,
    };
    let dated = render(&doc, &fonts, &opts).bytes;
    assert!(contains(&dated, b"D:20231114221320Z"));
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// (page, y, text) of every text run below the running header.
fn runs(pages: &[Page]) -> Vec<(usize, f32, String)> {
    let mut out = Vec::new();
    for (n, p) in pages.iter().enumerate() {
        for item in &p.items {
            if let Item::Text(t) = &item.item {
                if t.y > super::layout::theme::BODY_TOP
                    && t.y < super::layout::theme::BODY_BOTTOM + 1.0
                {
                    out.push((n, t.y, t.text.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn nothing_leaves_the_page() {
    use super::layout::theme::{PAGE_H, PAGE_W};
    let fonts = Fonts::builtin();
    let pages = layout(&sample_document(), &fonts);
    for (n, p) in pages.iter().enumerate() {
        for item in &p.items {
            if let Item::Text(t) = &item.item {
                assert!(
                    t.x >= 0.0 && t.x + t.width <= PAGE_W - 40.0,
                    "page {}: {:?} too wide",
                    n + 1,
                    t.text
                );
                assert!(
                    t.y > 0.0 && t.y < PAGE_H - 20.0,
                    "page {}: {:?} off the page",
                    n + 1,
                    t.text
                );
            }
        }
    }
}

#[test]
fn headings_are_never_last_on_a_page() {
    let fonts = Fonts::builtin();
    let pages = layout(&sample_document(), &fonts);
    for (n, p) in pages.iter().enumerate() {
        let bookmarks: Vec<f32> = p
            .items
            .iter()
            .filter_map(|i| match &i.item {
                Item::Target(t) if t.outline.is_some() => Some(t.y),
                _ => None,
            })
            .collect();
        let last_text = runs(std::slice::from_ref(p))
            .iter()
            .map(|r| r.1)
            .fold(0.0, f32::max);
        for y in bookmarks {
            assert!(
                y + 24.0 < last_text,
                "page {}: a heading at {y} is last (text ends {last_text}): {:?}",
                n + 1,
                runs(std::slice::from_ref(p))
                    .iter()
                    .rev()
                    .take(4)
                    .collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn wide_tables_and_tall_rows_stay_on_the_page() {
    use super::layout::theme::{BODY_BOTTOM, MARGIN_X, PAGE_H};
    use crate::document::{Align, Block, BlockKind, Cell, Inline, Table};
    let cell = |s: String| Cell {
        content: vec![Inline::Text(s)],
        shade: None,
    };
    let word = "Interdisciplinary".to_string();
    let tall = vec!["word"; 2500].join(" ");
    let table = Table {
        caption: None,
        landscape: None,
        widths: None,
        align: vec![Align::Left; 12],
        header: (0..12).map(|i| cell(format!("Heading{i}"))).collect(),
        rows: vec![
            (0..12).map(|_| cell(word.clone())).collect(),
            (0..12)
                .map(|i| cell(if i == 0 { tall.clone() } else { "x".into() }))
                .collect(),
        ],
    };
    let mut doc = sample_document();
    doc.body = vec![Block {
        kind: BlockKind::Table(table),
        origin: Default::default(),
    }];
    let fonts = Fonts::builtin();
    let pages = layout(&doc, &fonts);
    // Twelve columns of a long word pass the portrait column: the table
    // goes on landscape pages, and still shrinks to fit their width.
    assert!(pages.iter().any(|p| p.width > p.height));
    for p in &pages {
        let bottom = p.height - (PAGE_H - BODY_BOTTOM);
        for item in &p.items {
            match &item.item {
                Item::Text(t) => {
                    assert!(
                        t.x + t.width <= p.width - MARGIN_X + 0.5,
                        "{:?} overflows",
                        t.text
                    );
                    assert!(t.y <= bottom + 30.0, "{:?} below the page", t.text);
                }
                Item::Rule { y2, .. } => {
                    assert!(*y2 <= bottom + 0.5 || *y2 > p.height - 62.0)
                }
                _ => {}
            }
        }
    }
}

#[test]
fn different_documents_rendered_at_once_keep_their_own_bytes() {
    let fonts = Fonts::builtin();
    let docs: Vec<_> = (0..4)
        .map(|i| {
            let mut d = sample_document();
            d.meta.title = format!("Paper {i}");
            d.body.truncate(d.body.len() - i);
            d
        })
        .collect();
    let expected: Vec<Vec<u8>> = docs
        .iter()
        .map(|d| render(d, &fonts, &PdfOptions::default()).bytes)
        .collect();
    for _ in 0..3 {
        let results: Vec<Vec<u8>> = std::thread::scope(|s| {
            let handles: Vec<_> = docs
                .iter()
                .map(|d| s.spawn(|| render(d, &fonts, &PdfOptions::default()).bytes))
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        assert_eq!(
            results, expected,
            "a document's bytes depended on another rendered at the same time"
        );
    }
}

#[test]
fn images_are_embedded_with_their_own_encodings() {
    let fonts = Fonts::builtin();
    let out = render(&sample_document(), &fonts, &PdfOptions::default());
    let b = &out.bytes;
    // The JPEG as it is, the RGB PNG's own zlib data with PNG predictors,
    // the RGBA PNG split into colour and a soft mask.
    assert!(contains(b, b"/Filter /DCTDecode"));
    assert!(contains(b, b"/Predictor 15"));
    assert!(contains(b, b"/SMask"));
    let images = b.windows(15).filter(|w| w == b"/Subtype /Image").count();
    assert_eq!(images, 4, "three images and one soft mask");
    // Every font is a subset: a six-letter tag before the face's name.
    let names: Vec<&[u8]> = b
        .windows(18)
        .filter(|w| w.starts_with(b"/BaseFont /"))
        .map(|w| &w[11..])
        .collect();
    assert!(names.len() >= 4, "{}", names.len());
    for name in names {
        let tag_ok = name[..6].iter().all(u8::is_ascii_uppercase) && name[6] == b'+';
        assert!(tag_ok, "{}", String::from_utf8_lossy(name));
    }
}

/// Two different papers laid out as documents 0 and 1 and joined into one
/// PDF (as a board pack will): each paper's `#fn-1` links land on its own
/// notes page, and each paper's images are its own.
#[test]
fn joined_papers_keep_their_own_links_and_images() {
    use super::layout::DocId;
    use super::write::{write_sheets, LinkTarget};
    let fonts = Fonts::builtin();
    let first = sample_document();
    let mut second = sample_document();
    // A longer body: the second paper's notes fall on other page numbers.
    let body = second.body.clone();
    second.body.extend(body);
    let a = super::lay_out(&first, &fonts);
    let b = super::lay_out(&second, &fonts);
    // Both laid out as document 0; the second placed as document 1.
    let mut joined = a.sheets(&first.meta, &fonts);
    let mut placed = b.sheets(&second.meta, &fonts);
    for sheet in &mut placed {
        sheet.over.doc = DocId(1);
    }
    joined.extend(placed);
    // Where each document's notes target is, in the joined page list.
    let target_of = |doc: DocId, anchor: &str| {
        joined.iter().position(|s| {
            s.over.doc == doc
                && s.placed()
                    .any(|(_, i, _)| matches!(i, Item::Target(t) if t.anchor == anchor))
        })
    };
    let target = |doc: DocId| target_of(doc, "fn-1");
    let (ta, tb) = (target(DocId(0)), target(DocId(1)));
    // The note's number links back to its reference, in the same paper.
    let (ra, rb) = (
        target_of(DocId(0), "fnref-1"),
        target_of(DocId(1), "fnref-1"),
    );
    assert!(ra.is_some_and(|r| r < a.pages()), "{ra:?}");
    assert!(rb.is_some_and(|r| r >= a.pages()), "{rb:?}");
    assert!(ta.is_some_and(|t| t < a.pages()), "{ta:?}");
    assert!(tb.is_some_and(|t| t >= a.pages()), "{tb:?}");
    let mut glyphs = super::embed::Glyphs::new(&fonts);
    let trees = super::write::Trees::from([(DocId(0), &a.laid.tree), (DocId(1), &b.laid.tree)]);
    let (pages, bookmarks) = write_sheets(&joined, &mut glyphs, Some(&trees));
    let mut places = 0;
    for (n, page) in pages.iter().enumerate() {
        // Footnote links (and back-links), contents and other internal
        // links all land in the link's own paper.
        let first = n < a.pages();
        for link in &page.links {
            if let LinkTarget::Place { page: to, .. } = link.target {
                assert_eq!(
                    to < a.pages(),
                    first,
                    "a link on page {} goes astray",
                    n + 1
                );
                places += 1;
            }
        }
    }
    assert!(places >= 2, "each paper links its footnote: {places}");
    // Each paper's images (and their soft masks) are written for it: as
    // many image objects as the two papers rendered alone have together.
    let count = |bytes: &[u8]| {
        bytes
            .windows(b"/Subtype /Image".len())
            .filter(|w| *w == b"/Subtype /Image")
            .count()
    };
    let alone = |d| count(&render(d, &fonts, &PdfOptions::default()).bytes);
    let expected = alone(&first) + alone(&second);
    assert!(alone(&first) >= 2, "the sample draws images");
    let written = super::finish::Written {
        pages,
        glyphs,
        bookmarks,
    };
    let sets = super::finish::ImageSets::from([(DocId(0), &a.images), (DocId(1), &b.images)]);
    let extras = super::finish::Extras {
        meta: &first.meta,
        epoch: None,
        trees: Some(&trees),
        archival: true,
        foreign: None,
        page_labels: false,
    };
    let bytes = super::finish::finish(&written, &sets, &extras);
    assert_eq!(count(&bytes), expected);
}

/// The `/URI` strings of the PDF's link annotations (pdf-writer writes
/// them as literal strings in uncompressed annotation objects).
fn uris(pdf: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = pdf;
    while let Some(at) = rest.windows(6).position(|w| w == b"/URI (") {
        rest = &rest[at + 6..];
        let mut uri = Vec::new();
        let mut bytes = rest.iter();
        while let Some(&b) = bytes.next() {
            match b {
                b'\\' => uri.extend(bytes.next()),
                b')' => break,
                b => uri.push(b),
            }
        }
        out.push(String::from_utf8_lossy(&uri).into_owned());
    }
    out
}

#[test]
fn links_in_the_pdf_are_exactly_the_links_in_the_html() {
    use crate::document::{Block, BlockKind, Inline, Origin};
    let fonts = Fonts::builtin();
    let mut doc = sample_document();
    let link = |url: &str| Inline::Link {
        url: url.into(),
        content: vec![Inline::Text(format!("go {url:?}"))],
    };
    let disguised = [
        "java\tscript:alert(1)",
        "\u{1}javascript:alert(1)",
        " \njavascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "%6Aavascript:alert(1)",
        "vbscript:msgbox",
        "data:text/html,x",
        "file:///etc/passwd",
    ];
    let mut inlines: Vec<Inline> = disguised.iter().map(|u| link(u)).collect();
    inlines.push(link(" https://www.nhs.uk/\tx "));
    doc.body.push(Block {
        kind: BlockKind::Paragraph(inlines),
        origin: Origin::default(),
    });
    let pdf = render(&doc, &fonts, &PdfOptions::default()).bytes;
    let html = crate::html::Templates::new(&[])
        .and_then(|t| crate::html::render_paper(&t, &doc))
        .map_err(|e| e.to_string())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut in_pdf = uris(&pdf);
    in_pdf.sort();
    in_pdf.dedup();
    let mut in_html: Vec<String> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| !h.starts_with('#'))
        .map(|h| h.replace("&amp;", "&"))
        .collect();
    in_html.sort();
    in_html.dedup();
    assert!(
        in_pdf.contains(&"https://www.nhs.uk/x".to_string()),
        "{in_pdf:?}"
    );
    assert_eq!(in_pdf, in_html);
    for uri in &in_pdf {
        let scheme = uri.split(':').next().unwrap_or_default();
        assert!(
            ["https", "http", "mailto"].contains(&scheme),
            "{uri} in the PDF"
        );
    }
}

/// A contents page costs no layout pass (issue 22): it is laid out after
/// the headings it lists and numbered once the pages are cut; the paper
/// comes out as the passes that measure its numbers first lay it out.
#[test]
fn a_contents_page_costs_no_extra_layout_pass() {
    let fonts = Fonts::builtin();
    let mut doc = sample_document();
    doc.meta.contents = Some(false);
    let without = super::lay_out(&doc, &fonts);
    assert_eq!(without.passes(), 1);
    doc.meta.contents = Some(true);
    let with = super::lay_out(&doc, &fonts);
    assert_eq!(with.passes(), 1);
    assert!(with.laid.pages.len() > without.laid.pages.len());
    same_as_in_passes(&doc, &fonts);
}

/// A contents page over two pages, with numbers of two digits, and titles
/// that wrap: laid out once, it is what the passes make.
#[test]
fn a_long_contents_page_laid_out_once_is_what_the_passes_make() {
    use crate::document::{Block, BlockKind, Heading, Inline};
    let fonts = Fonts::builtin();
    let mut doc = sample_document();
    doc.meta.contents = Some(true);
    doc.meta.contents_depth = 3;
    let filler = doc
        .body
        .iter()
        .find(|b| matches!(b.kind, BlockKind::Paragraph(_)));
    let filler = filler.cloned().expect("the sample has paragraphs");
    for n in 0..70 {
        let long = " of the alliance's shared care record and its governance".repeat(n % 3);
        doc.body.push(Block {
            kind: BlockKind::Heading(Heading {
                level: 2 + (n % 2) as u8,
                number: None,
                text: vec![Inline::Text(format!("Extra heading {n}{long}"))],
                anchor: format!("extra-{n}"),
            }),
            origin: filler.origin.clone(),
        });
        for _ in 0..3 {
            doc.body.push(filler.clone());
        }
    }
    let laid = super::lay_out(&doc, &fonts);
    assert_eq!(laid.passes(), 1);
    let numbers = super::layout::contents_numbers(&laid.laid.pages);
    assert!(
        numbers.iter().any(|&n| n >= 10),
        "two-digit numbers: {numbers:?}"
    );
    same_as_in_passes(&doc, &fonts);
}

/// `doc` laid out once is what laying it out in passes makes: the same
/// pages, structure tree and missing glyphs, and so the same PDF.
fn same_as_in_passes(doc: &crate::document::Document, fonts: &Fonts) {
    let once = super::lay_out(doc, fonts);
    let images = super::image::Images::load(doc);
    let passes = super::layout::in_passes(doc, fonts, &images);
    assert!(passes.passes >= 2);
    assert_eq!(once.laid.pages.len(), passes.pages.len());
    for (n, (a, b)) in once.laid.pages.iter().zip(&passes.pages).enumerate() {
        assert!(a == b, "page {} differs", n + 1);
    }
    assert!(once.laid.tree == passes.tree, "the trees differ");
    assert_eq!(once.laid.missing, passes.missing);
}
