//! Tests of importing PDF files, on real files: our own renderer's sample
//! paper (tagged, with bookmarks, links and images), copies of it made
//! encrypted or damaged with qpdf at test time, and hostile files crafted
//! with lopdf or by hand. Results are checked with qpdf, pdftotext, the
//! PDF/UA checkers and by reading them back with lopdf.

mod hostile;
mod read;
mod structure;
mod write;

use std::path::Path;
use std::process::Command;

use lopdf::{dictionary, Document, Object, ObjectId, Stream};

use super::{read as import, Import, Imported, Imports};
use crate::colour::Rgb;
use crate::document::sample::sample_document;
use crate::pdf::embed::Glyphs;
use crate::pdf::finish::{finish, Extras, ImageSets, Written};
use crate::pdf::image::Images;
use crate::pdf::layout::tags::{Artifact, StructId, Tag};
use crate::pdf::layout::{DocId, Item, Page, Tagged, TextRun};
use crate::pdf::write::Trees;
use crate::pdf::write::{write, write_sheets, Bookmark, Sheet};
use crate::pdf::FontStyle;
use crate::pdf::{render, Fonts, PdfOptions};

/// The sample paper with the heading that skips levels on purpose (to
/// test layout) brought up to the next level, so that the PDF/UA
/// checkers have nothing to say about the paper itself.
pub(super) fn paper() -> crate::document::Document {
    let mut doc = sample_document();
    let mut last = 0;
    for block in &mut doc.body {
        if let crate::document::BlockKind::Heading(h) = &mut block.kind {
            h.level = h.level.min(last + 1);
            last = h.level;
        }
    }
    doc
}

/// The paper rendered by us: tagged unless `untagged`.
pub(super) fn sample_pdf(untagged: bool) -> Vec<u8> {
    let opts = PdfOptions {
        untagged,
        ..PdfOptions::default()
    };
    render(&paper(), &Fonts::builtin(), &opts).bytes
}

/// Reads `bytes` as the file `sample.pdf`, which must succeed.
pub(super) fn imported(bytes: &[u8]) -> Imported {
    import(bytes, "papers/sample.pdf").unwrap_or_else(|e| panic!("{e}"))
}

/// Runs `program` with `args`: exit code, stdout + stderr.
pub(super) fn tool(program: &str, args: &[&str]) -> (i32, String) {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} cannot run: {e}"));
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

/// A temporary folder.
pub(super) fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// Writes `bytes` to `dir/name` and returns its path as text.
pub(super) fn put(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path.to_string_lossy().into_owned()
}

/// `qpdf --check` passes with no warning.
pub(super) fn assert_qpdf_clean(bytes: &[u8]) {
    let dir = tmp();
    let file = put(dir.path(), "out.pdf", bytes);
    let (code, out) = tool("qpdf", &["--check", &file]);
    assert_eq!(code, 0, "qpdf --check: {out}");
    assert!(!out.contains("WARNING"), "qpdf --check: {out}");
}

/// pdftotext of pages `first..=last` (1-based).
pub(super) fn text(bytes: &[u8], first: usize, last: usize) -> String {
    let dir = tmp();
    let file = put(dir.path(), "in.pdf", bytes);
    let (f, l) = (first.to_string(), last.to_string());
    let (code, out) = tool("pdftotext", &["-f", &f, "-l", &l, &file, "-"]);
    assert_eq!(code, 0, "pdftotext: {out}");
    out
}

/// How a test PDF is joined.
pub(super) struct Join<'a> {
    pub file: &'a Imported,
    /// The file's pages to place, in order, after our own.
    pub place: Vec<usize>,
    /// Our own pages (the sample paper laid out) before the import.
    pub own: bool,
    /// An overlay ("Pack page N") on each imported page.
    pub overlay: bool,
}

impl<'a> Join<'a> {
    /// Every page of `file`, after our own pages, with an overlay.
    pub(super) fn all(file: &'a Imported) -> Join<'a> {
        Join {
            file,
            place: (0..file.pages.len()).collect(),
            own: true,
            overlay: true,
        }
    }
}

/// The import's `DocId` in joined PDFs, and its bookmark's title.
pub(super) const IMPORT: DocId = DocId(1);
pub(super) const ITEM: &str = "Item 7: the trust's own paper";

/// A PDF joined as `j` says: (bytes, number of our own pages). The
/// import's structure hangs under our `Document` element, its bookmarks
/// under a bookmark of ours on its first page.
pub(super) fn join(j: &Join) -> (Vec<u8>, usize) {
    let fonts = Fonts::builtin();
    let ours = paper();
    let images = Images::load(&ours);
    let laid = crate::pdf::furnished(&ours, &fonts);
    let mut glyphs = Glyphs::new(&fonts);
    let trees = Trees::from([(DocId(0), &laid.tree)]);
    let (mut pages, mut bookmarks) = if j.own {
        write(&laid.pages, &mut glyphs, Some(&trees))
    } else {
        (Vec::new(), Vec::new())
    };
    let own = pages.len();
    let overlays: Vec<Page> = j
        .place
        .iter()
        .enumerate()
        .map(|(n, &k)| overlay(j.file, k, j.overlay.then_some(own + n + 1)))
        .collect();
    let sheets: Vec<Sheet> = overlays.into_iter().map(Sheet::bare).collect();
    let (placed, _) = write_sheets(&sheets, &mut glyphs, Some(&trees));
    for (mut page, &k) in placed.into_iter().zip(&j.place) {
        page.foreign = Some(k);
        pages.push(page);
    }
    let first = j.place.first().and_then(|&k| j.file.pages.get(k));
    let first = first.map_or(842.0, |p| p.crop[3]);
    bookmarks.push(Bookmark {
        level: 1,
        title: ITEM.into(),
        page: own,
        top: first,
    });
    let place = |k: usize| j.place.iter().position(|&p| p == k).map(|n| own + n);
    bookmarks.extend(j.file.bookmarks_under(1, place));
    let written = Written {
        pages,
        glyphs,
        bookmarks,
    };
    let sets = ImageSets::from([(DocId(0), &images)]);
    let parent = j.own.then_some((DocId(0), StructId(0)));
    let imports = Imports::from([(
        IMPORT,
        Import {
            file: j.file,
            parent,
        },
    )]);
    let extras = Extras {
        meta: &ours.meta,
        epoch: None,
        trees: Some(&trees),
        archival: true,
        foreign: Some(&imports),
        page_labels: false,
    };
    (finish(&written, &sets, &extras), own)
}

/// A page of the import's size with "Pack page N" at its top left (or
/// nothing), as an artifact.
fn overlay(file: &Imported, k: usize, number: Option<usize>) -> Page {
    let (width, height) = file.pages.get(k).map_or((595.0, 842.0), |p| p.size());
    let items = number.map(|n| Tagged {
        tag: Tag::Artifact(Artifact::PageNumber),
        item: Item::Text(TextRun {
            x: 20.0,
            y: 20.0,
            font: FontStyle::Bold,
            size: 9.0,
            colour: Rgb(0, 0, 0),
            text: format!("Pack page {n}"),
            width: 60.0,
        }),
    });
    Page {
        width,
        height,
        doc: IMPORT,
        items: items.into_iter().collect(),
    }
}

/// A file crafted with lopdf: `pages` pages of Helvetica text ("Hello
/// k"), the font and a 200 x 300 media box inherited from the page tree.
/// Returns it unsaved with the page tree's object.
pub(super) fn crafted(pages: usize) -> (Document, ObjectId) {
    let mut doc = Document::with_version("1.7");
    let tree = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let kids: Vec<Object> = (0..pages)
        .map(|k| {
            let text = format!("BT /F1 12 Tf 20 250 Td (Hello {k}) Tj ET");
            let content = doc.add_object(Stream::new(dictionary! {}, text.into_bytes()));
            let page = doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => tree, "Contents" => content,
            });
            Object::Reference(page)
        })
        .collect();
    let count = kids.len() as i64;
    doc.objects.insert(
        tree,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
            "MediaBox" => vec![0.into(), 0.into(), 200.into(), 300.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
    doc.trailer.set("Root", catalog);
    (doc, tree)
}

/// `doc` saved.
pub(super) fn saved(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap_or_else(|e| panic!("{e}"));
    out
}

/// The catalogue of a PDF read back.
pub(super) fn catalog(doc: &Document) -> &lopdf::Dictionary {
    doc.catalog().unwrap_or_else(|e| panic!("{e}"))
}

/// A PDF read back with lopdf.
pub(super) fn load(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).unwrap_or_else(|e| panic!("{e}"))
}
