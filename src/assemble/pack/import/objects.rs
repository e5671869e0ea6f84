//! Reading objects of an imported file: a reference followed one level
//! ([`deref`]), and the one walk of the file's name and number trees
//! ([`tree_entries`]: named destinations, the structure's parent tree),
//! with a visited set, a depth limit and an entry cap.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Document, Object, ObjectId};

/// How deep a name or number tree may nest.
const MAX_TREE_DEPTH: usize = 32;

/// `obj`, or the object it refers to (one level: a reference to a
/// reference is treated as missing).
pub(super) fn deref<'d>(doc: &'d Document, obj: &'d Object) -> Option<&'d Object> {
    match obj {
        Object::Reference(id) => doc
            .objects
            .get(id)
            .filter(|o| !matches!(o, Object::Reference(_))),
        o => Some(o),
    }
}

/// Which tree a walk reads: a name tree's leaves hold `/Names` with
/// string keys, a number tree's `/Nums` with integer keys.
#[derive(Clone, Copy)]
pub(super) enum TreeKind {
    Names,
    Numbers,
}

/// A tree's key: a name tree's string or a number tree's integer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum TreeKey {
    Name(Vec<u8>),
    Number(i64),
}

/// The entries of the name or number tree at `root` (the first value of
/// a key met twice kept), at most `cap` of them.
pub(super) fn tree_entries(
    doc: &Document,
    root: &Object,
    kind: TreeKind,
    cap: usize,
) -> BTreeMap<TreeKey, Object> {
    let mut out = BTreeMap::new();
    let mut walk = Walk {
        doc,
        kind,
        cap,
        seen: BTreeSet::new(),
    };
    walk.node(root, 0, &mut out);
    out
}

/// One tree walk's bounds and visited nodes.
struct Walk<'d> {
    doc: &'d Document,
    kind: TreeKind,
    cap: usize,
    seen: BTreeSet<ObjectId>,
}

impl Walk<'_> {
    fn node(&mut self, node: &Object, depth: usize, out: &mut BTreeMap<TreeKey, Object>) {
        let doc = self.doc;
        if depth > MAX_TREE_DEPTH || out.len() >= self.cap {
            return;
        }
        if let Object::Reference(id) = node {
            if !self.seen.insert(*id) {
                return;
            }
        }
        let Some(node) = deref(doc, node).and_then(|o| o.as_dict().ok()) else {
            return;
        };
        let leaves: &[u8] = match self.kind {
            TreeKind::Names => b"Names",
            TreeKind::Numbers => b"Nums",
        };
        let pairs = node.get(leaves).ok().and_then(|n| deref(doc, n));
        for pair in pairs
            .and_then(|n| n.as_array().ok())
            .map_or(&[][..], Vec::as_slice)
            .chunks_exact(2)
        {
            if let (Some(key), true) = (self.key(&pair[0]), out.len() < self.cap) {
                out.entry(key).or_insert_with(|| pair[1].clone());
            }
        }
        let kids = node.get(b"Kids").ok().and_then(|k| deref(doc, k));
        for kid in kids
            .and_then(|k| k.as_array().ok())
            .map_or(&[][..], Vec::as_slice)
        {
            self.node(kid, depth + 1, out);
        }
    }

    fn key(&self, o: &Object) -> Option<TreeKey> {
        match self.kind {
            TreeKind::Names => Some(TreeKey::Name(o.as_str().ok()?.to_vec())),
            TreeKind::Numbers => Some(TreeKey::Number(o.as_i64().ok()?)),
        }
    }
}
