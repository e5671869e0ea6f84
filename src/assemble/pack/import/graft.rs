//! A tagged import's structure grafted onto ours: its elements copied
//! under the element of ours the pack names, with `/P`, `/Pg`, marked
//! content references and annotation references (OBJR) renumbered, those
//! on pages not placed (or annotations dropped) left out, IDs made unique
//! per file, its role map merged (never remapping a standard type), and
//! its parent tree entries for the pages and annotations we placed.
//!
//! Planned in two steps because the references run both ways: [`plan`]
//! walks the file's tree (visited set, depth limit) and numbers every
//! element, so our tree can list the grafted ones among its kids; then
//! [`write`] writes them, once our elements have their numbers.
//!
//! [`plan`]: super::Writer::plan_graft
//! [`write`]: super::Writer::write_grafted

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId};
use pdf_writer::{Chunk, Name, Ref, Str};

use super::copy::Keys;
use super::page::{File, Writer};
use super::read::deref;
use crate::pdf::foreign::{Graft, NumValue};
use crate::pdf::layout::tags::StructId;
use crate::pdf::layout::DocId;

/// How deep a file's structure may nest before the rest is left out.
const MAX_DEPTH: usize = 256;
/// How deep a number tree may nest.
const MAX_TREE_DEPTH: usize = 32;
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

/// One file's elements, numbered.
#[derive(Default)]
pub(super) struct Elements {
    /// (file element, ours, its file parent: `None` for the top).
    list: Vec<(ObjectId, Ref, Option<ObjectId>)>,
    ours: BTreeMap<ObjectId, Ref>,
    /// Each element's parent in the graft (`None`: the top).
    parent: BTreeMap<ObjectId, Option<ObjectId>>,
}

impl Writer<'_> {
    /// Numbers every tagged import's elements; returns what our tree must
    /// list and the parent tree entries.
    pub(super) fn plan_graft(&mut self, next: &mut Ref) -> Graft {
        let mut graft = Graft {
            next_key: self.next_key,
            ..Graft::default()
        };
        for file in self.files.values_mut() {
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
    pub(super) fn write_grafted(
        &mut self,
        pdf: &mut Chunk,
        parent: &dyn Fn(Option<(DocId, StructId)>) -> Ref,
        next: &mut Ref,
    ) {
        for (doc, file) in &mut self.files {
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
}

/// The file's `/StructTreeRoot`.
fn root(doc: &Document) -> Option<&Dictionary> {
    let cat = doc.catalog().ok()?;
    deref(doc, cat.get(b"StructTreeRoot").ok()?)?.as_dict().ok()
}

/// An element's kids as a list (`/K` may be one kid or an array).
fn kids<'d>(doc: &'d Document, d: &'d Dictionary) -> &'d [Object] {
    match d.get(b"K").ok().and_then(|k| deref(doc, k)) {
        Some(Object::Array(a)) => a,
        Some(k) => std::slice::from_ref(k),
        None => &[],
    }
}

/// Whether the object `id` is a structure element (not a marked-content
/// or object reference).
fn is_element(doc: &Document, id: ObjectId) -> bool {
    let Ok(d) = doc.get_dictionary(id) else {
        return false;
    };
    let kind = d.get(b"Type").and_then(Object::as_name).ok();
    !matches!(kind, Some(b"MCR" | b"OBJR")) && d.has(b"S")
}

/// Every element under `root`, breadth first, each once, numbered.
fn number(doc: &Document, root: &Dictionary, next: &mut Ref) -> Elements {
    let mut out = Elements::default();
    let mut seen = BTreeSet::new();
    let mut level: Vec<(ObjectId, Option<ObjectId>)> = kids(doc, root)
        .iter()
        .filter_map(|k| Some((k.as_reference().ok()?, None)))
        .collect();
    for _ in 0..MAX_DEPTH {
        let mut deeper = Vec::new();
        for (id, up) in level {
            if !is_element(doc, id) || !seen.insert(id) {
                continue;
            }
            let ours = next.bump();
            out.list.push((id, ours, up));
            out.ours.insert(id, ours);
            out.parent.insert(id, up);
            if let Ok(d) = doc.get_dictionary(id) {
                let below = kids(doc, d).iter().filter_map(|k| k.as_reference().ok());
                deeper.extend(below.map(|k| (k, Some(id))));
            }
        }
        if deeper.is_empty() {
            break;
        }
        level = deeper;
    }
    out
}

/// Whether an element of the file's structure is reached twice (a cycle,
/// or an element with two parents): the graft keeps its first place only.
pub(super) fn repeats(doc: &Document) -> bool {
    let Some(root) = root(doc) else {
        return false;
    };
    let mut seen = BTreeSet::new();
    let mut level: Vec<ObjectId> = kids(doc, root)
        .iter()
        .filter_map(|k| k.as_reference().ok())
        .collect();
    for _ in 0..MAX_DEPTH {
        let mut deeper = Vec::new();
        for id in level {
            if !is_element(doc, id) {
                continue;
            }
            if !seen.insert(id) {
                return true;
            }
            if let Ok(d) = doc.get_dictionary(id) {
                deeper.extend(kids(doc, d).iter().filter_map(|k| k.as_reference().ok()));
            }
        }
        if deeper.is_empty() {
            break;
        }
        level = deeper;
    }
    false
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
    let mut tree = BTreeMap::new();
    if let Ok(parents) = root.get(b"ParentTree") {
        number_tree(doc, parents, 0, &mut BTreeSet::new(), &mut tree);
    }
    let ours = |o: &Object| {
        o.as_reference()
            .ok()
            .and_then(|r| file.elements.ours.get(&r).copied())
    };
    let mut out = Vec::new();
    for &(key, theirs) in &file.page_keys {
        let marks = tree
            .get(&theirs)
            .and_then(|v| deref(doc, v))
            .and_then(|v| v.as_array().ok());
        let marks = marks.map_or(Vec::new(), |m| m.iter().map(ours).collect());
        out.push((key, NumValue::Marks(marks)));
    }
    for &(key, theirs) in &file.annot_keys {
        if let Some(owner) = tree.get(&theirs).and_then(ours) {
            out.push((key, NumValue::Owner(owner)));
        }
    }
    out
}

/// A number tree's entries (bounded as the name trees are).
fn number_tree(
    doc: &Document,
    node: &Object,
    depth: usize,
    seen: &mut BTreeSet<ObjectId>,
    out: &mut BTreeMap<i64, Object>,
) {
    if depth > MAX_TREE_DEPTH || out.len() > doc.objects.len() {
        return;
    }
    if let Object::Reference(id) = node {
        if !seen.insert(*id) {
            return;
        }
    }
    let Some(node) = deref(doc, node).and_then(|o| o.as_dict().ok()) else {
        return;
    };
    let nums = node.get(b"Nums").ok().and_then(|n| deref(doc, n));
    for pair in nums
        .and_then(|n| n.as_array().ok())
        .map_or(&[][..], |n| n)
        .chunks_exact(2)
    {
        if let Ok(key) = pair[0].as_i64() {
            out.entry(key).or_insert_with(|| pair[1].clone());
        }
    }
    let kids = node.get(b"Kids").ok().and_then(|k| deref(doc, k));
    for kid in kids.and_then(|k| k.as_array().ok()).map_or(&[][..], |k| k) {
        number_tree(doc, kid, depth + 1, seen, out);
    }
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
