//! A tagged import's structure grafted onto ours: its elements copied
//! under the element of ours the pack names, with `/P`, `/Pg`, marked
//! content references and annotation references (OBJR) renumbered, those
//! on pages not placed (or annotations dropped) left out, IDs made unique
//! per file, its role map merged (never remapping a standard type), and
//! its parent tree entries for the pages and annotations we placed.
//!
//! Planned in two steps because the references run both ways: [`plan`]
//! numbers every element of the file's tree (`structure::number`), so
//! our tree can list the grafted ones among its kids; then [`write`]
//! writes them, once our elements have their numbers.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId};
use pdf_writer::{Chunk, Name, Ref, Str};

use super::copy::Keys;
use super::objects::{deref, tree_entries, TreeKey, TreeKind};
use super::state::{File, Files};
use super::structure::{kids, number, root};
use crate::pdf::foreign::{Graft, NumValue};
use crate::pdf::layout::tags::StructId;
use crate::pdf::layout::DocId;

/// PDF 1.7's standard structure types: a file's role map may not remap them.
const STANDARD: [&[u8]; 47] = [
    b"Document",
    b"Part",
    b"Art",
    b"Sect",
    b"Div",
    b"BlockQuote",
    b"Caption",
    b"TOC",
    b"TOCI",
    b"Index",
    b"NonStruct",
    b"Private",
    b"P",
    b"H",
    b"H1",
    b"H2",
    b"H3",
    b"H4",
    b"H5",
    b"H6",
    b"L",
    b"LI",
    b"Lbl",
    b"LBody",
    b"Table",
    b"TR",
    b"TH",
    b"TD",
    b"THead",
    b"TBody",
    b"TFoot",
    b"Span",
    b"Quote",
    b"Note",
    b"Reference",
    b"BibEntry",
    b"Code",
    b"Link",
    b"Annot",
    b"Ruby",
    b"RB",
    b"RT",
    b"RP",
    b"Warichu",
    b"WT",
    b"WP",
    b"Figure",
];

/// Numbers every tagged import's elements; returns what our tree must
/// list and the parent tree entries (`next_key`: the first key left free).
pub(super) fn plan(files: &mut Files, next_key: i32, next: &mut Ref) -> Graft {
    let mut graft = Graft {
        next_key,
        ..Graft::default()
    };
    for file in files.values_mut() {
        if !file.import.file.tagged || file.placed.is_empty() {
            continue;
        }
        let Some(root) = root(&file.import.file.doc) else {
            continue;
        };
        file.elements = number(&file.import.file.doc, root, next);
        let top = file.elements.list.iter().filter(|e| e.2.is_none());
        let under = graft.under.entry(file.import.parent).or_default();
        under.extend(top.map(|e| e.1));
        roles(&file.import.file.doc, root, &mut graft.role_map);
        graft.nums.extend(nums(file, root));
    }
    graft
}

/// Writes every grafted element; `parent` gives our element's object
/// for an import's parent (the structure root for `None`).
pub(super) fn write(
    files: &mut Files,
    pdf: &mut Chunk,
    parent: &dyn Fn(Option<(DocId, StructId)>) -> Ref,
    next: &mut Ref,
) {
    for (doc, file) in files.iter_mut() {
        let top = parent(file.import.parent);
        let pages: BTreeMap<ObjectId, Ref> = file
            .placed
            .iter()
            .filter_map(|(k, &(_, r))| Some((file.import.file.pages.get(*k)?.id, r)))
            .collect();
        let list = std::mem::take(&mut file.elements.list);
        for &(from, to, up) in &list {
            let up = up
                .and_then(|u| file.elements.ours.get(&u).copied())
                .unwrap_or(top);
            write_element(pdf, file, (from, to, up), &pages, *doc, next);
        }
    }
}

/// The file's role map entries for types that are not standard.
fn roles(doc: &Document, root: &Dictionary, out: &mut BTreeMap<Vec<u8>, Vec<u8>>) {
    let map = root.get(b"RoleMap").ok().and_then(|m| deref(doc, m));
    for (k, v) in map
        .and_then(|m| m.as_dict().ok())
        .into_iter()
        .flat_map(|m| m.iter())
    {
        if let (false, Ok(to)) = (STANDARD.contains(&k.as_slice()), v.as_name()) {
            out.entry(k.clone()).or_insert_with(|| to.to_vec());
        }
    }
}

/// Parent tree entries for the file's placed pages and kept annotations.
fn nums(file: &File, root: &Dictionary) -> Vec<(i32, NumValue)> {
    let doc = &file.import.file.doc;
    let tree = match root.get(b"ParentTree") {
        Ok(parents) => tree_entries(doc, parents, TreeKind::Numbers, doc.objects.len() + 1),
        Err(_) => BTreeMap::new(),
    };
    let ours = |o: &Object| {
        o.as_reference()
            .ok()
            .and_then(|r| file.elements.ours.get(&r).copied())
    };
    let mut out = Vec::new();
    for &(key, theirs) in &file.page_keys {
        let marks = tree
            .get(&TreeKey::Number(theirs))
            .and_then(|v| deref(doc, v))
            .and_then(|v| v.as_array().ok());
        let marks = marks.map_or(Vec::new(), |m| m.iter().map(ours).collect());
        out.push((key, NumValue::Marks(marks)));
    }
    for &(key, theirs) in &file.annot_keys {
        if let Some(owner) = tree.get(&TreeKey::Number(theirs)).and_then(ours) {
            out.push((key, NumValue::Owner(owner)));
        }
    }
    out
}

/// Keys of an element copied (`/P`, `/K`, `/Pg`, `/ID` and `/Type` are
/// written anew; the rest, `/Ref` and `/C` among them, dropped). `/A`
/// holds attributes, copied without actions, files or scripts.
const ELEMENT: [&[u8]; 7] = [b"S", b"T", b"Lang", b"Alt", b"E", b"ActualText", b"A"];

/// Writes one element `(file object, ours, our parent)`.
fn write_element(
    pdf: &mut Chunk,
    file: &mut File,
    (from, to, up): (ObjectId, Ref, Ref),
    pages: &BTreeMap<ObjectId, Ref>,
    doc_id: DocId,
    next: &mut Ref,
) {
    let imported = file.import.file;
    let doc = &imported.doc;
    let Ok(src) = doc.get_dictionary(from) else {
        return;
    };
    let page_of = |d: &Dictionary| {
        let pg = d.get(b"Pg").ok().and_then(|p| p.as_reference().ok());
        pg.and_then(|p| pages.get(&p).copied())
    };
    let pg = page_of(src);
    let mut e = pdf.indirect(to).dict();
    e.pair(Name(b"Type"), Name(b"StructElem"));
    for (k, v) in src.iter().filter(|(k, _)| ELEMENT.contains(&k.as_slice())) {
        let keys = if k.as_slice() == b"A" {
            Keys::Attribute
        } else {
            Keys::Resource
        };
        file.copier.write_as(e.insert(Name(k)), v, next, keys);
    }
    e.pair(Name(b"P"), up);
    if let Some(pg) = pg {
        e.pair(Name(b"Pg"), pg);
    }
    if let Some(id) = src.get(b"ID").ok().and_then(|i| i.as_str().ok()) {
        let unique = [format!("import-{}-", doc_id.0).as_bytes(), id].concat();
        e.pair(Name(b"ID"), Str(&unique));
    }
    let kids: Vec<Kid> = kids(doc, src)
        .iter()
        .filter_map(|kid| kid_out(file, from, kid, pg, &page_of))
        .collect();
    // One kid is written bare, as our own tree does (and as some checkers
    // expect of a heading); none, not at all.
    match kids.as_slice() {
        [] => {}
        [one] => one.write(e.insert(Name(b"K"))),
        many => {
            let mut k = e.insert(Name(b"K")).array();
            for kid in many {
                kid.write(k.push());
            }
        }
    }
}

/// A kid of a grafted element, renumbered.
enum Kid {
    Mcid(i32),
    Element(Ref),
    /// A marked-content reference: page, MCID.
    Mcr(Ref, i32),
    /// An annotation: page, annotation.
    Objr(Ref, Ref),
}

impl Kid {
    fn write(&self, obj: pdf_writer::Obj) {
        match *self {
            Kid::Mcid(mcid) => obj.primitive(mcid),
            Kid::Element(r) => obj.primitive(r),
            Kid::Mcr(pg, mcid) => {
                let mut d = obj.dict();
                d.pair(Name(b"Type"), Name(b"MCR")).pair(Name(b"Pg"), pg);
                d.pair(Name(b"MCID"), mcid);
            }
            Kid::Objr(pg, annot) => {
                let mut d = obj.dict();
                d.pair(Name(b"Type"), Name(b"OBJR")).pair(Name(b"Pg"), pg);
                d.pair(Name(b"Obj"), annot);
            }
        }
    }
}

/// `kid` of an element on page `pg` in our PDF, or `None` when it is left
/// out (on a page not placed, an annotation dropped, an element beyond
/// the depth limit, content in a form XObject).
fn kid_out(
    file: &File,
    from: ObjectId,
    kid: &Object,
    pg: Option<Ref>,
    page_of: &impl Fn(&Dictionary) -> Option<Ref>,
) -> Option<Kid> {
    let doc = &file.import.file.doc;
    match kid {
        Object::Integer(mcid) => {
            Some(Kid::Mcid(i32::try_from(*mcid).ok()?)).filter(|_| pg.is_some())
        }
        // An element is the kid of the one it was first met under only: a
        // second way to it (a cycle, or an element shared) is cut.
        Object::Reference(r) if file.elements.ours.contains_key(r) => {
            let here = file.elements.parent.get(r) == Some(&Some(from));
            here.then(|| Kid::Element(file.elements.ours[r]))
        }
        other => {
            let d = deref(doc, other)?.as_dict().ok()?;
            let pg = if d.has(b"Pg") { page_of(d) } else { pg };
            content_ref(d, pg?, &file.annots)
        }
    }
}

/// A marked-content reference (not into a form XObject) on a placed page,
/// or an object reference to a kept annotation.
fn content_ref(d: &Dictionary, pg: Ref, annots: &BTreeMap<ObjectId, Ref>) -> Option<Kid> {
    match d.get(b"Type").and_then(Object::as_name).ok()? {
        b"MCR" if !d.has(b"Stm") => {
            let mcid = d.get(b"MCID").and_then(Object::as_i64).ok()?;
            Some(Kid::Mcr(pg, i32::try_from(mcid).ok()?))
        }
        b"OBJR" => {
            let obj = d.get(b"Obj").ok()?.as_reference().ok()?;
            Some(Kid::Objr(pg, *annots.get(&obj)?))
        }
        _ => None,
    }
}
