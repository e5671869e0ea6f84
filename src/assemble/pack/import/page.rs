//! Imported pages written into our PDF: the page dictionary with the
//! file's boxes, rotation and (inherited) resources, its content streams
//! copied as they are between `q` and `Q`, then our overlay (a form
//! XObject under a resource name the page does not use, drawn as an
//! artifact), and the annotations that still work in our PDF (see
//! `annots`). The [`Writer`] keeps, per imported file, what the structure
//! graft needs afterwards: which pages were placed where, which
//! annotations were kept, and the parent tree keys handed out.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object};
use pdf_writer::types::TabOrder;
use pdf_writer::{Chunk, Name, Rect, Ref};

use super::annots;
use super::copy::Keys;
use super::file::ImportedPage;
use super::graft;
use super::objects::deref;
use super::state::{File, Files, Imports};
use crate::pdf::foreign::{Foreign, Graft, Placement, Placer};
use crate::pdf::layout::tags::StructId;
use crate::pdf::layout::DocId;
use crate::pdf::text::content_ids;
use crate::pdf::write::PageOut;

/// The imported files of one PDF while it is written.
pub(crate) struct Writer<'a> {
    files: Files<'a>,
    /// The next `/StructParent` key for an imported annotation.
    next_key: i32,
}

impl<'a> Writer<'a> {
    /// `pages` and their objects: each import's pages are pinned to where
    /// they are first placed (or to null), and `first_key` is the first
    /// parent tree key not used by our own pages and annotations.
    pub(crate) fn new(
        imports: &Imports<'a>,
        pages: &[PageOut],
        ids: &[Ref],
        first_key: i32,
    ) -> Writer<'a> {
        let mut files = BTreeMap::new();
        for (&doc, import) in imports {
            let mut placed = BTreeMap::new();
            for (n, (page, &id)) in pages.iter().zip(ids).enumerate() {
                if let (true, Some(k)) = (page.doc == doc, page.foreign) {
                    placed.entry(k).or_insert((n, id));
                }
            }
            files.insert(doc, File::new(*import, placed));
        }
        Writer {
            files,
            next_key: first_key,
        }
    }
}

impl Foreign for Imports<'_> {
    fn crop(&self, doc: DocId, k: usize) -> Option<[f32; 4]> {
        Some(self.get(&doc)?.file.pages.get(k)?.crop)
    }

    fn tagged(&self) -> bool {
        self.values().all(|i| i.file.tagged)
    }

    fn placer<'s>(
        &'s self,
        pages: &[PageOut],
        ids: &[Ref],
        first_key: i32,
    ) -> Box<dyn Placer + 's> {
        Box::new(Writer::new(self, pages, ids, first_key))
    }
}

impl Placer for Writer<'_> {
    /// Writes page `k` of the import `doc` at `at`; `false` (nothing
    /// written) when there is no such import or page.
    fn write_page(
        &mut self,
        pdf: &mut Chunk,
        doc: DocId,
        k: usize,
        at: &Placement,
        next: &mut Ref,
    ) -> bool {
        let Some(file) = self.files.get_mut(&doc) else {
            return false;
        };
        let Some(page) = file.import.file.pages.get(k) else {
            return false;
        };
        let Ok(src) = file.import.file.doc.get_dictionary(page.id) else {
            return false;
        };
        let first = file.placed.get(&k).map(|p| p.0) == Some(at.index);
        let kept = if first {
            annots::claim(file, src, next)
        } else {
            Vec::new()
        };
        let tagged = at.tagged && file.import.file.tagged && first;
        let struct_key = src.get(b"StructParents").ok().and_then(|o| o.as_i64().ok());
        let parts = Parts {
            ends: [next.bump(), next.bump()],
            contents: contents(file, src, next),
            struct_key: struct_key.filter(|_| tagged),
            overlay: at
                .overlay
                .map(|r| (free_name(file, page.resources.as_ref()), r)),
            annots: at
                .links
                .iter()
                .copied()
                .chain(kept.iter().map(|k| k.to))
                .collect(),
        };
        write_dict(pdf, file, (page, src), at, &parts, next);
        let [open, close] = parts.ends;
        pdf.stream(open, b"q\n");
        let overlay = parts.overlay.as_ref().map(|o| o.0.as_slice());
        pdf.stream(close, &tail(overlay));
        annots::write(pdf, file, &kept, at, tagged, &mut self.next_key, next);
        true
    }

    /// Writes every object the imported pages refer to.
    fn flush(&mut self, pdf: &mut Chunk, next: &mut Ref) {
        for file in self.files.values_mut() {
            file.copier.flush(pdf, next);
        }
    }

    fn plan(&mut self, next: &mut Ref) -> Graft {
        graft::plan(&mut self.files, self.next_key, next)
    }

    fn write_structure(
        &mut self,
        pdf: &mut Chunk,
        parent: &dyn Fn(Option<(DocId, StructId)>) -> Ref,
        next: &mut Ref,
    ) {
        graft::write(&mut self.files, pdf, parent, next);
    }
}

/// What an imported page's dictionary points at besides the file's own
/// objects.
struct Parts {
    /// The streams before (`q`) and after (`Q`, the overlay) its content.
    ends: [Ref; 2],
    /// Its content streams, as our objects.
    contents: Vec<Ref>,
    /// The file's parent tree key for the page, when it is tagged here.
    struct_key: Option<i64>,
    /// The overlay form's resource name and object.
    overlay: Option<(Vec<u8>, Ref)>,
    /// The overlay's links and the file's annotations kept.
    annots: Vec<Ref>,
}

/// The page dictionary: boxes, rotation, contents, structure key, tab
/// order, transparency group, annotations and resources.
fn write_dict(
    pdf: &mut Chunk,
    file: &mut File,
    (page, src): (&ImportedPage, &Dictionary),
    at: &Placement,
    parts: &Parts,
    next: &mut Ref,
) {
    let mut p = pdf.page(at.id);
    p.parent(at.tree).media_box(rect(page.media));
    if page.crop != page.media {
        p.crop_box(rect(page.crop));
    }
    if page.rotate != 0 {
        p.rotate(page.rotate);
    }
    let [open, close] = parts.ends;
    let contents = parts.contents.iter().copied();
    p.contents_array([open].into_iter().chain(contents).chain([close]));
    if let Some(key) = parts.struct_key {
        p.struct_parents(at.index as i32);
        file.page_keys.push((at.index as i32, key));
    }
    if at.tagged {
        p.tab_order(TabOrder::StructureOrder);
    }
    if let Ok(group) = src.get(b"Group") {
        file.copier.write(p.insert(Name(b"Group")), group, next);
    }
    if !parts.annots.is_empty() {
        p.annotations(parts.annots.iter().copied());
    }
    let res = p.insert(Name(b"Resources"));
    resources(
        file,
        page.resources.as_ref(),
        parts.overlay.as_ref(),
        res,
        next,
    );
}

/// The page's content streams, as our objects.
fn contents(file: &mut File, src: &Dictionary, next: &mut Ref) -> Vec<Ref> {
    let doc = &file.import.file.doc;
    let refs = content_ids(doc, src);
    refs.into_iter()
        .filter(|id| matches!(doc.objects.get(id), Some(Object::Stream(_))))
        .filter_map(|id| file.copier.reference(id, next, Keys::Resource))
        .collect()
}

/// The end of the page's content: `Q`, then the overlay as an artifact.
fn tail(overlay: Option<&[u8]>) -> Vec<u8> {
    let mut out = b"\nQ\n".to_vec();
    if let Some(name) = overlay {
        out.extend_from_slice(b"/Artifact <</Type /Pagination>> BDC\nq /");
        out.extend_from_slice(name);
        out.extend_from_slice(b" Do Q\nEMC\n");
    }
    out
}

/// A form XObject name the page's resources do not use.
fn free_name(file: &File, resources: Option<&Object>) -> Vec<u8> {
    let doc = &file.import.file.doc;
    let used = xobjects(doc, resources);
    (0u32..)
        .map(|n| format!("BPo{n}").into_bytes())
        .find(|name| !used.is_some_and(|d| d.has(name)))
        .unwrap_or_default()
}

/// The `/XObject` dictionary of a page's resources.
fn xobjects<'d>(doc: &'d lopdf::Document, resources: Option<&'d Object>) -> Option<&'d Dictionary> {
    let res = deref(doc, resources?)?.as_dict().ok()?;
    deref(doc, res.get(b"XObject").ok()?)?.as_dict().ok()
}

/// The page's resources, copied, with the overlay added to `/XObject`.
fn resources(
    file: &mut File,
    src: Option<&Object>,
    overlay: Option<&(Vec<u8>, Ref)>,
    obj: pdf_writer::Obj,
    next: &mut Ref,
) {
    let doc = &file.import.file.doc;
    let res = src
        .and_then(|r| deref(doc, r))
        .and_then(|r| r.as_dict().ok());
    let mut out = obj.dict();
    // Only the kinds of resource a page draws with; each by name.
    const KINDS: [&[u8]; 6] = [
        b"Font",
        b"ColorSpace",
        b"Pattern",
        b"Shading",
        b"ExtGState",
        b"Properties",
    ];
    for (k, v) in res.iter().flat_map(|r| r.iter()) {
        if KINDS.contains(&k.as_slice()) {
            file.copier
                .write_as(out.insert(Name(k)), v, next, Keys::Names);
        } else if k.as_slice() == b"ProcSet" {
            file.copier.write(out.insert(Name(k)), v, next);
        }
    }
    let own = xobjects(doc, src);
    if own.is_none() && overlay.is_none() {
        return;
    }
    let mut x = out.insert(Name(b"XObject")).dict();
    for (k, v) in own.iter().flat_map(|d| d.iter()) {
        file.copier.write(x.insert(Name(k)), v, next);
    }
    if let Some((name, form)) = overlay {
        x.pair(Name(name), *form);
    }
}

fn rect([x1, y1, x2, y2]: [f32; 4]) -> Rect {
    Rect::new(x1, y1, x2, y2)
}
