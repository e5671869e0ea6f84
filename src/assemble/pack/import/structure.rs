//! A tagged import's structure as read from the file: its root, an
//! element's kids, every element numbered breadth first for the graft
//! ([`number`], each once: a visited set and a depth limit), and whether
//! an element is reached twice ([`repeats`], so the file warns).

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId};
use pdf_writer::Ref;

use super::objects::deref;

/// How deep a file's structure may nest before the rest is left out.
const MAX_DEPTH: usize = 256;

/// One file's elements, numbered.
#[derive(Default)]
pub(super) struct Elements {
    /// (file element, ours, its file parent: `None` for the top).
    pub list: Vec<(ObjectId, Ref, Option<ObjectId>)>,
    pub ours: BTreeMap<ObjectId, Ref>,
    /// Each element's parent in the graft (`None`: the top).
    pub parent: BTreeMap<ObjectId, Option<ObjectId>>,
}

/// The file's `/StructTreeRoot`.
pub(super) fn root(doc: &Document) -> Option<&Dictionary> {
    let cat = doc.catalog().ok()?;
    deref(doc, cat.get(b"StructTreeRoot").ok()?)?.as_dict().ok()
}

/// An element's kids as a list (`/K` may be one kid or an array).
pub(super) fn kids<'d>(doc: &'d Document, d: &'d Dictionary) -> &'d [Object] {
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
pub(super) fn number(doc: &Document, root: &Dictionary, next: &mut Ref) -> Elements {
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
