//! The structure tree of a tagged PDF: each laid-out document's
//! [`StructTree`] written as a `/StructTreeRoot`, its elements' kids the
//! marked-content sequences `write` recorded (MCIDs) and the link
//! annotations (OBJR), merged in reading order; the `/ParentTree` that maps
//! each page's MCIDs and each annotation back to its element; figures with
//! `/Alt` and a `/BBox`, header cells with `/Scope`; and foreign pages'
//! elements grafted under ours (see `foreign`).
//!
//! Layout decides the structure; this only writes it.

use std::collections::BTreeMap;

use pdf_writer::types::{StructRole, TableHeaderScope};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::foreign::{Graft, NumValue};
use super::layout::tags::{Role, Scope, StructId, StructTree};
use super::layout::DocId;
use super::write::{PageOut, Trees};

/// Each document's tree's first document: the one its elements are
/// written under.
fn owners(trees: &Trees) -> BTreeMap<DocId, DocId> {
    let mut out = BTreeMap::new();
    for (&doc, &tree) in trees {
        let first = trees
            .iter()
            .find(|(_, &t)| std::ptr::eq(t, tree))
            .map_or(doc, |(&d, _)| d);
        out.insert(doc, first);
    }
    out
}

/// The document whose tree `doc`'s pages belong to.
fn owner_of(owners: &BTreeMap<DocId, DocId>, doc: DocId) -> DocId {
    owners.get(&doc).copied().unwrap_or(doc)
}

/// Where a piece of content sits in the file, for reading order: page,
/// position among the page's marked content, and 0 for a link area (it
/// comes before the link text opened after it) or 1 for marked content.
type Key = (usize, usize, u8);

/// A kid of an element that is not an element.
#[derive(Clone, Copy)]
enum Content {
    /// Marked content: page index, MCID.
    Mcr(usize, usize),
    /// A link annotation: page index, annotation object.
    Objr(usize, Ref),
}

/// The references `finish` hands out that the tree points at.
pub(crate) struct Refs<'a> {
    pub root: Ref,
    pub pages: &'a [Ref],
    /// Each page's annotations, in the order of its links.
    pub annots: &'a [Vec<Ref>],
}

/// The `/StructParent` key of each page's annotations (`None` for those
/// that belong to no element): pages take keys `0..pages`, annotations
/// the keys after them, in page order.
pub(crate) fn annot_keys(pages: &[PageOut]) -> Vec<Vec<Option<i32>>> {
    let mut key = pages.len() as i32;
    pages
        .iter()
        .map(|p| {
            p.links
                .iter()
                .map(|l| {
                    l.owner.map(|_| {
                        key += 1;
                        key - 1
                    })
                })
                .collect()
        })
        .collect()
}

/// Each document's element objects, by element index.
pub(crate) type Ids = BTreeMap<DocId, Vec<Ref>>;

/// Hands out an object for every element of every tree (a shared tree's
/// under its first document only).
pub(crate) fn element_ids(trees: &Trees, next: &mut Ref) -> Ids {
    let owners = owners(trees);
    trees
        .iter()
        .filter(|(&doc, _)| owner_of(&owners, doc) == doc)
        .map(|(&doc, tree)| (doc, tree.nodes().iter().map(|_| next.bump()).collect()))
        .collect()
}

/// Writes the structure tree root at `refs.root`, every element (with
/// the objects `ids` gave them) and the parent tree; `graft` adds the
/// foreign pages' elements to the kids of ours, their role maps and
/// their parent tree entries (see `foreign`).
pub(crate) fn write(
    pdf: &mut Pdf,
    trees: &Trees,
    pages: &[PageOut],
    refs: &Refs,
    ids: &Ids,
    graft: &Graft,
) {
    let owners = owners(trees);
    let owner = |doc: DocId| owner_of(&owners, doc);
    let content = contents(pages, refs, &owner);
    for (doc, tree) in trees.iter().filter(|(&doc, _)| owner(doc) == doc) {
        let Some(doc_ids) = ids.get(doc) else {
            continue;
        };
        let none = Groups::new(Vec::new());
        let bboxes = figure_boxes(pages, *doc, &owner);
        let own = content.get(doc).unwrap_or(&none);
        let elements = Elements {
            doc: *doc,
            tree,
            ids: doc_ids,
            own,
            firsts: firsts(tree, own),
            children: children(tree),
            graft,
        };
        for n in 0..tree.len() {
            elements.write(pdf, n, refs, bboxes.get(&n).copied());
        }
    }
    let mut root = pdf.indirect(refs.root).start::<StructTreeRoot>();
    let grafted = graft.under.get(&None).map_or(&[][..], Vec::as_slice);
    root.children().items(
        ids.values()
            .filter_map(|v| v.first().copied())
            .chain(grafted.iter().copied()),
    );
    if !graft.role_map.is_empty() {
        let mut map = root.insert(Name(b"RoleMap")).dict();
        for (from, to) in &graft.role_map {
            map.pair(Name(from), Name(to));
        }
    }
    let (nums, next_key) = parent_tree(pages, ids, graft, &owner);
    let mut parents = root.insert(Name(b"ParentTree")).dict();
    write_nums(parents.insert(Name(b"Nums")).array(), nums);
    parents.finish();
    root.parent_tree_next_key(next_key);
}

/// A number tree's `/Nums`: each key, then its page's elements by MCID
/// (null for one not written) or its annotation's element.
fn write_nums(mut array: pdf_writer::Array, nums: Vec<(i32, NumValue)>) {
    for (key, value) in nums {
        array.item(key);
        match value {
            NumValue::Marks(marks) => {
                let mut a = array.push().array();
                for m in marks {
                    match m {
                        Some(r) => a.item(r),
                        None => a.item(pdf_writer::Null),
                    };
                }
            }
            NumValue::Owner(owner) => {
                array.item(owner);
            }
        }
    }
}

/// The parent tree's entries in key order (our pages, our annotations,
/// the foreign pages'), and the first key not used.
fn parent_tree(
    pages: &[PageOut],
    ids: &Ids,
    graft: &Graft,
    owner: &impl Fn(DocId) -> DocId,
) -> (Vec<(i32, NumValue)>, i32) {
    let keys = annot_keys(pages);
    let mut nums = Vec::new();
    // A foreign page's key is its index, like ours: the source's entry
    // (its structure's marks) is the page's, and each key is listed once.
    let grafted: std::collections::BTreeSet<i32> = graft.nums.iter().map(|(k, _)| *k).collect();
    for (n, page) in pages.iter().enumerate() {
        let Some(doc_ids) = ids.get(&owner(page.doc)) else {
            continue;
        };
        if grafted.contains(&(n as i32)) {
            continue;
        }
        let marks = page
            .marks
            .iter()
            .filter_map(|id| doc_ids.get(id.0).copied());
        nums.push((n as i32, NumValue::Marks(marks.map(Some).collect())));
    }
    for (n, page) in pages.iter().enumerate() {
        let doc_ids = ids.get(&owner(page.doc));
        for (link, key) in page.links.iter().zip(&keys[n]) {
            let owner = link.owner.zip(doc_ids).and_then(|(o, d)| d.get(o.0));
            if let (Some(key), Some(&owner)) = (key, owner) {
                nums.push((*key, NumValue::Owner(owner)));
            }
        }
    }
    nums.extend(graft.nums.iter().cloned());
    nums.sort_by_key(|(k, _)| *k);
    nums.dedup_by_key(|(k, _)| *k);
    let ours = pages.len() + keys.iter().flatten().flatten().count();
    (nums, graft.next_key.max(ours as i32))
}

/// An element's own content, with its place in the file.
type Own = (Key, Content);

/// Each document's elements' own content, by element index, in file order.
fn contents(
    pages: &[PageOut],
    refs: &Refs,
    owner: &impl Fn(DocId) -> DocId,
) -> BTreeMap<DocId, Groups<Own>> {
    let mut out: BTreeMap<DocId, Vec<(usize, Own)>> = BTreeMap::new();
    for (n, page) in pages.iter().enumerate() {
        let own = out.entry(owner(page.doc)).or_default();
        for (mcid, id) in page.marks.iter().enumerate() {
            own.push((id.0, ((n, mcid, 1), Content::Mcr(n, mcid))));
        }
        let annots = refs.annots.get(n).map_or(&[][..], Vec::as_slice);
        for (link, &annot) in page.links.iter().zip(annots) {
            if let Some(id) = link.owner {
                own.push((id.0, ((n, link.at, 0), Content::Objr(n, annot))));
            }
        }
    }
    // Each element's content in file order (grouping, stable, keeps it).
    let by_key = |pairs: &mut Vec<(usize, Own)>| pairs.sort_by_key(|(g, (k, _))| (*g, *k));
    out.into_iter()
        .map(|(doc, mut pairs)| {
            by_key(&mut pairs);
            (doc, Groups::new(pairs))
        })
        .collect()
}

/// Values grouped by a number (an element's index), each group in the
/// order given, all in one vector: a few allocations for a document, not
/// a few for each of its thousands of elements.
struct Groups<T> {
    /// Group `n` is `values[starts[n]..starts[n + 1]]`.
    starts: Vec<usize>,
    values: Vec<T>,
}

impl<T> Groups<T> {
    fn new(mut pairs: Vec<(usize, T)>) -> Groups<T> {
        // Stable: a group keeps the order its values were given in.
        pairs.sort_by_key(|(g, _)| *g);
        let groups = pairs.last().map_or(0, |(g, _)| g + 1);
        let mut starts = Vec::with_capacity(groups + 1);
        let mut at = 0;
        for g in 0..=groups {
            while pairs.get(at).is_some_and(|(h, _)| *h < g) {
                at += 1;
            }
            starts.push(at);
        }
        let values = pairs.into_iter().map(|(_, v)| v).collect();
        Groups { starts, values }
    }

    fn get(&self, group: usize) -> &[T] {
        let end = group.checked_add(1).and_then(|e| self.starts.get(e));
        match (self.starts.get(group), end) {
            (Some(&a), Some(&b)) => &self.values[a..b],
            _ => &[],
        }
    }
}

/// Each figure's bounding box, from the pages of `doc`'s tree.
fn figure_boxes(
    pages: &[PageOut],
    doc: DocId,
    owner: &impl Fn(DocId) -> DocId,
) -> BTreeMap<usize, [f32; 4]> {
    let mut out = BTreeMap::new();
    for page in pages.iter().filter(|p| owner(p.doc) == doc) {
        for (id, bbox) in &page.bboxes {
            out.entry(id.0).or_insert(*bbox);
        }
    }
    out
}

/// Children of every element, in creation (reading) order.
fn children(tree: &StructTree) -> Groups<usize> {
    let nodes = tree.nodes().iter().enumerate();
    Groups::new(
        nodes
            .filter_map(|(i, n)| Some((n.parent()?.0, i)))
            .collect(),
    )
}

/// The first content of each element or its descendants. Elements come
/// after their parents, so one backward pass carries each up.
fn firsts(tree: &StructTree, own: &Groups<Own>) -> Vec<Option<Key>> {
    let mut out: Vec<Option<Key>> = (0..tree.len())
        .map(|i| own.get(i).first().map(|(k, _)| *k))
        .collect();
    for i in (1..tree.len()).rev() {
        let Some(p) = tree.nodes()[i].parent().map(|p| p.0) else {
            continue;
        };
        if p < out.len() {
            out[p] = match (out[p], out[i]) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }
    out
}

/// One document's elements with what writing them needs.
struct Elements<'a> {
    doc: DocId,
    tree: &'a StructTree,
    ids: &'a [Ref],
    own: &'a Groups<Own>,
    firsts: Vec<Option<Key>>,
    children: Groups<usize>,
    /// Imported elements grafted under ours.
    graft: &'a Graft,
}

/// A kid of an element in reading order.
enum Kid {
    Element(usize),
    /// A foreign source's element.
    Grafted(Ref),
    Content(Content),
}

impl Elements<'_> {
    /// Element `n`'s kids: its child elements in order, its own content
    /// slotted in before the first child whose content comes later.
    fn kids(&self, n: usize) -> Vec<Kid> {
        let (own, children) = (self.own.get(n), self.children.get(n));
        let grafted = self.graft.under.get(&Some((self.doc, StructId(n))));
        let grafted = grafted.map_or(&[][..], Vec::as_slice);
        let mut out = Vec::with_capacity(own.len() + children.len() + grafted.len());
        let mut own = own.iter().peekable();
        for &child in children {
            if let Some(first) = self.firsts.get(child).copied().flatten() {
                while let Some((_, c)) = own.next_if(|(k, _)| *k < first) {
                    out.push(Kid::Content(*c));
                }
            }
            out.push(Kid::Element(child));
        }
        out.extend(own.map(|(_, c)| Kid::Content(*c)));
        out.extend(grafted.iter().map(|&r| Kid::Grafted(r)));
        out
    }

    fn write(&self, pdf: &mut Pdf, n: usize, refs: &Refs, bbox: Option<[f32; 4]>) {
        let (Some(node), Some(&id)) = (self.tree.nodes().get(n), self.ids.get(n)) else {
            return;
        };
        let parent = node
            .parent()
            .and_then(|p| self.ids.get(p.0).copied())
            .unwrap_or(refs.root);
        let mut e = pdf.struct_element(id);
        e.kind(struct_role(node.role)).parent(parent);
        let first_page = self.firsts.get(n).copied().flatten().map(|k| k.0);
        if let Some(&page) = first_page.and_then(|p| refs.pages.get(p)) {
            e.page(page);
        }
        if let Some(alt) = &node.alt {
            e.alt(TextStr(alt));
        }
        if let Some(lang) = &node.lang {
            e.lang(TextStr(lang));
        }
        if node.role == Role::Note {
            // PDF/UA asks every note for an ID unique in the file.
            e.id(Str(format!("note-{}-{n}", self.doc.0).as_bytes()));
        }
        if node.scope.is_some() || bbox.is_some() {
            let mut attrs = e.attributes();
            if let Some(scope) = node.scope {
                attrs.push().table().scope(match scope {
                    Scope::Row => TableHeaderScope::Row,
                    Scope::Column => TableHeaderScope::Column,
                });
            }
            if let Some([x1, y1, x2, y2]) = bbox {
                attrs.push().layout().bbox(Rect::new(x1, y1, x2, y2));
            }
        }
        let kids = self.kids(n);
        // One marked-content sequence on the element's own page is written
        // as a bare MCID (as are such MCIDs in an array below).
        let own_page = |p: usize| first_page == Some(p);
        match kids.as_slice() {
            [] => return,
            [Kid::Content(Content::Mcr(page, mcid))] if own_page(*page) => {
                e.pair(Name(b"K"), *mcid as i32);
                return;
            }
            _ => {}
        }
        let mut k = e.children();
        for kid in kids {
            match kid {
                Kid::Element(c) => {
                    if let Some(&c) = self.ids.get(c) {
                        k.struct_element(c);
                    }
                }
                Kid::Grafted(r) => {
                    k.struct_element(r);
                }
                Kid::Content(Content::Mcr(page, mcid)) if own_page(page) => {
                    k.marked_content_id(mcid as i32);
                }
                Kid::Content(Content::Mcr(page, mcid)) => {
                    let mut r = k.marked_content_ref();
                    if let Some(&page) = refs.pages.get(page) {
                        r.page(page);
                    }
                    r.marked_content_id(mcid as i32);
                }
                Kid::Content(Content::Objr(page, annot)) => {
                    let mut r = k.object_ref();
                    if let Some(&page) = refs.pages.get(page) {
                        r.page(page);
                    }
                    r.object(annot);
                }
            }
        }
    }
}

/// The standard structure type of a role.
fn struct_role(role: Role) -> StructRole {
    match role {
        Role::Document => StructRole::Document,
        Role::Sect => StructRole::Sect,
        Role::H(0 | 1) => StructRole::H1,
        Role::H(2) => StructRole::H2,
        Role::H(3) => StructRole::H3,
        Role::H(4) => StructRole::H4,
        Role::H(5) => StructRole::H5,
        Role::H(_) => StructRole::H6,
        Role::P => StructRole::P,
        Role::L => StructRole::L,
        Role::LI => StructRole::LI,
        Role::Lbl => StructRole::Lbl,
        Role::LBody => StructRole::LBody,
        Role::BlockQuote => StructRole::BlockQuote,
        Role::Div => StructRole::Div,
        Role::Code => StructRole::Code,
        Role::Table => StructRole::Table,
        Role::THead => StructRole::THead,
        Role::TBody => StructRole::TBody,
        Role::TR => StructRole::TR,
        Role::TH => StructRole::TH,
        Role::TD => StructRole::TD,
        Role::Caption => StructRole::Caption,
        Role::Figure => StructRole::Figure,
        Role::Note => StructRole::Note,
        Role::Link => StructRole::Link,
        Role::Reference => StructRole::Reference,
        Role::Toc => StructRole::TOC,
        Role::Toci => StructRole::TOCI,
        Role::Part => StructRole::Part,
    }
}

#[cfg(test)]
mod tests {
    use super::Groups;

    #[test]
    fn groups_keep_the_order_given_and_answer_empty_for_the_rest() {
        let groups = Groups::new(vec![(2, 'a'), (0, 'b'), (2, 'c'), (0, 'd'), (5, 'e')]);
        assert_eq!(groups.get(0), ['b', 'd']);
        assert!(groups.get(1).is_empty());
        assert_eq!(groups.get(2), ['a', 'c']);
        assert_eq!(groups.get(5), ['e']);
        assert!(groups.get(6).is_empty() && groups.get(usize::MAX).is_empty());
        let none: Groups<char> = Groups::new(Vec::new());
        assert!(none.get(0).is_empty());
    }
}
