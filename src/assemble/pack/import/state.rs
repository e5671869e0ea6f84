//! What the import keeps while one PDF is written: each imported file
//! with the element of ours its structure goes under ([`Import`],
//! [`Imports`]), and per file ([`File`]) its copier, which pages were
//! placed where, which annotations were kept, the parent tree keys handed
//! out and its structure elements numbered, for the graft afterwards.

use std::collections::BTreeMap;

use lopdf::{Object, ObjectId};
use pdf_writer::Ref;

use super::copy::Copier;
use super::file::{Imported, MAX_OBJECTS};
use super::structure::Elements;
use crate::pdf::layout::tags::StructId;
use crate::pdf::layout::DocId;

/// One imported file as placed in a PDF: the file and the element of ours
/// its structure goes under (`None`: the structure tree's root).
#[derive(Clone, Copy)]
pub(crate) struct Import<'a> {
    pub file: &'a Imported,
    pub parent: Option<(DocId, StructId)>,
}

/// The imported files of one PDF, by the `DocId` their pages name.
pub(crate) type Imports<'a> = BTreeMap<DocId, Import<'a>>;

/// One imported file's state while a PDF is written.
pub(super) struct File<'a> {
    pub import: Import<'a>,
    pub copier: Copier<'a>,
    /// Each placed page of the file: its first place in our PDF (index, object).
    pub placed: BTreeMap<usize, (usize, Ref)>,
    /// The file's annotations kept: file object → ours.
    pub annots: BTreeMap<ObjectId, Ref>,
    /// Parent tree keys: ours → the file's, for pages and annotations.
    pub page_keys: Vec<(i32, i64)>,
    pub annot_keys: Vec<(i32, i64)>,
    /// The file's structure elements, numbered (tagged files).
    pub elements: Elements,
}

/// The imported files of one PDF while it is written, by their `DocId`.
pub(super) type Files<'a> = BTreeMap<DocId, File<'a>>;

impl<'a> File<'a> {
    /// `import`'s state with its pages `placed` (file page → our index
    /// and object): each placed page is pinned to our object, every other
    /// page and the file's catalogue-level objects to null.
    pub(super) fn new(import: Import<'a>, placed: BTreeMap<usize, (usize, Ref)>) -> File<'a> {
        let file = import.file;
        let mut copier = Copier::new(&file.doc, MAX_OBJECTS);
        for (k, p) in file.pages.iter().enumerate() {
            copier.pin(p.id, placed.get(&k).map(|&(_, id)| id));
        }
        for key in [&b"Root"[..], b"Info", b"Encrypt"] {
            if let Ok(Object::Reference(id)) = file.doc.trailer.get(key) {
                copier.pin(*id, None);
            }
        }
        for key in [&b"Pages"[..], b"StructTreeRoot", b"Outlines", b"AcroForm"] {
            let cat = file.doc.catalog().ok();
            if let Some(Ok(Object::Reference(id))) = cat.map(|c| c.get(key)) {
                copier.pin(*id, None);
            }
        }
        File {
            import,
            copier,
            placed,
            annots: BTreeMap::new(),
            page_keys: Vec::new(),
            annot_keys: Vec::new(),
            elements: Elements::default(),
        }
    }
}
