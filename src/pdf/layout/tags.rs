//! The logical structure of a laid-out paper, built by layout as it places
//! things: a tree of structure elements (roles as in PDF/UA: headings,
//! paragraphs, lists, tables, figures, notes, links and footnote
//! references), and on every positioned item
//! a [`Tag`] naming the element it belongs to or marking it an artifact
//! (page furniture, rules, borders, shading, bars).
//!
//! Pagination only moves tagged items, so the tags survive it; the PDF
//! writer writes the tags as marked content (`crate::pdf::write`) and the
//! tree as a `/StructTreeRoot` (`crate::pdf::tagged`). [`StructTree::dump`]
//! (in `tree_text.rs`)
//! prints the tree with each element's text, for golden tests.

/// Index of an element in its document's [`StructTree`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct StructId(pub usize);

/// The role of a structure element (PDF 1.7 standard structure types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Document,
    /// A part of the paper: the front sheet, the body, the notes, an appendix.
    Sect,
    /// A heading of level 1..=6.
    H(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    BlockQuote,
    /// A group with no finer meaning (a recommendation callout).
    Div,
    Code,
    Table,
    THead,
    TBody,
    TR,
    TH,
    TD,
    Caption,
    Figure,
    /// A footnote (at the foot of its page, or at the end of the paper).
    Note,
    /// A link: its text and its link area (the annotation).
    Link,
    /// A footnote reference (holding the `Link` to the note).
    Reference,
    /// The contents page's list.
    Toc,
    /// One entry of the contents (its text and page number, a link).
    Toci,
    /// One item of a board pack: a paper laid out as its own document.
    Part,
}

impl Role {
    /// The standard structure type name (`H1`, `P`, `LBody` ...).
    pub(crate) fn name(self) -> String {
        match self {
            Role::H(level) => format!("H{}", level.clamp(1, 6)),
            Role::Toc => "TOC".into(),
            Role::Toci => "TOCI".into(),
            other => format!("{other:?}"),
        }
    }
}

/// Which headers a table header cell labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Row,
    Column,
}

/// One structure element. Its parent is set when the tree adds it (and
/// moved by [`StructTree::graft`]) and read through [`parent`]: nothing
/// else may change it.
///
/// [`parent`]: StructNode::parent
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StructNode {
    pub role: Role,
    /// `None` only for the root.
    parent: Option<StructId>,
    /// Alternative text (figures).
    pub alt: Option<String>,
    /// Header scope (TH).
    pub scope: Option<Scope>,
    /// Language when it differs from the document's.
    pub lang: Option<String>,
}

/// What kind of artifact an item is: drawn, but not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Artifact {
    /// Running header: trust, paper title, the rule under them.
    Header,
    /// Running footer: the alliance's name.
    Footer,
    /// "Page N of M".
    PageNumber,
    /// A horizontal rule, underline or strike-through line.
    Rule,
    /// A table cell border.
    Border,
    /// Cell, callout or code shading.
    Shading,
    /// A block-quote or callout bar.
    Bar,
    /// Dot leaders between a contents entry and its page number.
    Leader,
    /// A draft's "DRAFT" across the page.
    Watermark,
}

/// An item's place in the structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Struct(StructId),
    Artifact(Artifact),
}

impl StructNode {
    /// The element this one is a child of (`None` for the root).
    pub(crate) fn parent(&self) -> Option<StructId> {
        self.parent
    }
}

/// The structure elements of one document, in reading order: an element's
/// children are the elements whose parent it is, in the order created.
///
/// Its nodes are private: elements are added under a parent ([`add`]) or
/// a whole tree is grafted under one ([`graft`]), so the invariant holds
/// (checked in debug builds, [`check`]): the root alone has no parent,
/// every other element has exactly one, made before it (so there is no
/// cycle), and every item tagged with an element names one of the tree.
///
/// [`add`]: StructTree::add
/// [`graft`]: StructTree::graft
/// [`check`]: StructTree::check
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StructTree {
    nodes: Vec<StructNode>,
}

/// Ids renumbered by [`StructTree::move_tail`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Moved {
    to: usize,
    from: usize,
    len: usize,
}

impl Moved {
    /// The new id of element `id`.
    pub(crate) fn id(&self, id: StructId) -> StructId {
        let Moved { to, from, len } = *self;
        StructId(match id.0 {
            i if i < to || i >= len => i,
            i if i >= from => to + (i - from),
            i => i + (len - from),
        })
    }

    /// `tag` with its element's new id.
    pub(crate) fn tag(&self, tag: Tag) -> Tag {
        match tag {
            Tag::Struct(id) => Tag::Struct(self.id(id)),
            artifact => artifact,
        }
    }
}

impl Default for StructTree {
    fn default() -> Self {
        StructTree {
            nodes: vec![StructNode {
                role: Role::Document,
                parent: None,
                alt: None,
                scope: None,
                lang: None,
            }],
        }
    }
}

impl StructTree {
    /// The `Document` element every other element descends from.
    pub(crate) const ROOT: StructId = StructId(0);

    /// Adds an element of `role` under `parent`.
    pub(crate) fn add(&mut self, role: Role, parent: StructId) -> StructId {
        debug_assert!(parent.0 < self.nodes.len(), "{parent:?} is not in the tree");
        self.nodes.push(StructNode {
            role,
            parent: Some(parent),
            alt: None,
            scope: None,
            lang: None,
        });
        StructId(self.nodes.len() - 1)
    }

    /// Grafts `other` under `parent`: `other`'s root becomes a child of
    /// `parent` (last among its children), its other elements keep their
    /// places under it. Returns the offset added to `other`'s ids (its
    /// root is `StructId(offset)`): the caller renumbers the tags of
    /// `other`'s items by it.
    pub(crate) fn graft(&mut self, other: StructTree, parent: StructId) -> usize {
        let offset = self.nodes.len();
        self.nodes.extend(other.nodes.into_iter().map(|mut node| {
            node.parent = Some(match node.parent {
                None => parent,
                Some(p) => StructId(p.0 + offset),
            });
            node
        }));
        debug_assert_eq!(self.check([]), Ok(()));
        offset
    }

    /// Moves the elements from `from` on (the last ones made) to `to`,
    /// before the elements made since `to` (whose ids move on by as many),
    /// as if they had been made there: children keep their order and every
    /// element stays after its parent. Returns the renumbering, for the
    /// caller to apply to the tags of its items.
    pub(crate) fn move_tail(&mut self, from: usize, to: usize) -> Moved {
        let moved = Moved {
            to,
            from,
            len: self.nodes.len(),
        };
        if to >= from || from >= self.nodes.len() || to == 0 {
            return Moved {
                to,
                from: to,
                len: to,
            };
        }
        self.nodes[to..].rotate_right(moved.len - from);
        for node in &mut self.nodes[to..] {
            node.parent = node.parent.map(|p| moved.id(p));
        }
        debug_assert_eq!(self.check([]), Ok(()));
        moved
    }

    /// The number of elements (the root among them).
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Every element, by id (read only).
    pub(crate) fn nodes(&self) -> &[StructNode] {
        &self.nodes
    }

    /// Whether the invariant holds for the tree and the `tags` of the items
    /// drawn with it (a paper's pages, or a pack's sheets): the root alone without a parent, every
    /// other element's parent made before it, every tag naming an element.
    pub(crate) fn check(&self, tags: impl IntoIterator<Item = Tag>) -> Result<(), String> {
        for (i, node) in self.nodes.iter().enumerate() {
            match (i, node.parent) {
                (0, None) => {}
                (0, Some(p)) => return Err(format!("the root has a parent, {p:?}")),
                (i, None) => return Err(format!("element {i} has no parent")),
                (i, Some(p)) if p.0 >= i => {
                    return Err(format!("element {i}'s parent {} comes after it", p.0))
                }
                _ => {}
            }
        }
        for tag in tags {
            if let Tag::Struct(id) = tag {
                if id.0 >= self.nodes.len() {
                    return Err(format!("an item is tagged {id:?}, not in the tree"));
                }
            }
        }
        Ok(())
    }

    /// A door for tests that break the invariant on purpose.
    #[cfg(test)]
    pub(crate) fn nodes_mut_for_tests(&mut self) -> &mut Vec<StructNode> {
        &mut self.nodes
    }

    /// The element with `id`.
    pub(crate) fn get(&self, id: StructId) -> Option<&StructNode> {
        self.nodes.get(id.0)
    }

    /// Mutable access to the element with `id`.
    pub(crate) fn get_mut(&mut self, id: StructId) -> Option<&mut StructNode> {
        self.nodes.get_mut(id.0)
    }

    /// Children of every element, in creation order.
    fn children(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            if let Some(kids) = n.parent.and_then(|p| out.get_mut(p.0)) {
                kids.push(i);
            }
        }
        out
    }

    /// Element ids in reading order (depth first, children in order).
    pub(crate) fn reading_order(&self) -> Vec<StructId> {
        let children = self.children();
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack = vec![0];
        while let Some(n) = stack.pop() {
            out.push(StructId(n));
            if let Some(kids) = children.get(n) {
                stack.extend(kids.iter().rev());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::{Role, StructId, StructTree, Tag};
    use crate::pdf::layout::{DocId, Item, Page, Target};

    /// A page of one item tagged `tag`.
    fn tags_of(page: &Page) -> Vec<Tag> {
        page.items.iter().map(|i| i.tag).collect()
    }

    fn page_tagged(tag: Tag) -> Page {
        let target = Item::Target(Target {
            anchor: "a".into(),
            outline: None,
            y: 0.0,
        });
        Page {
            width: 595.0,
            height: 842.0,
            doc: DocId::default(),
            items: vec![target.tagged(tag)],
        }
    }

    /// Document > Sect > P, and Document > H1, P > Link.
    fn trees() -> (StructTree, StructId, StructTree) {
        let mut ours = StructTree::default();
        let sect = ours.add(Role::Sect, StructTree::ROOT);
        ours.add(Role::P, sect);
        let mut theirs = StructTree::default();
        theirs.add(Role::H(1), StructTree::ROOT);
        let p = theirs.add(Role::P, StructTree::ROOT);
        theirs.add(Role::Link, p);
        (ours, sect, theirs)
    }

    #[test]
    fn graft_hangs_the_tree_under_the_parent_and_keeps_the_invariant() {
        let (mut ours, sect, theirs) = trees();
        let before = ours.len();
        let offset = ours.graft(theirs.clone(), sect);
        assert_eq!(offset, before);
        assert_eq!(ours.len(), before + theirs.len());
        assert_eq!(ours.check([]), Ok(()));
        // Their root is a child of the Sect; the rest keep their places.
        let parent = |i: usize| ours.nodes()[i].parent().map(|p| p.0);
        assert_eq!(parent(offset), Some(sect.0));
        assert_eq!(parent(offset + 1), Some(offset));
        assert_eq!(parent(offset + 3), Some(offset + 2));
        let roles: Vec<Role> = ours.nodes()[offset..].iter().map(|n| n.role).collect();
        let theirs_roles: Vec<Role> = theirs.nodes().iter().map(|n| n.role).collect();
        assert_eq!(roles, theirs_roles);
        // Reading order: our Sect's P, then their tree under it.
        let order: Vec<usize> = ours.reading_order().iter().map(|i| i.0).collect();
        assert_eq!(order, vec![0, 1, 2, 3, 4, 5, 6]);
        // Their items, renumbered by the offset, name their elements.
        let link = Tag::Struct(StructId(3 + offset));
        assert_eq!(ours.check(tags_of(&page_tagged(link))), Ok(()));
    }

    #[test]
    fn graft_twice_and_under_the_root_keeps_the_invariant() {
        let (mut ours, sect, theirs) = trees();
        let first = ours.graft(theirs.clone(), StructTree::ROOT);
        let second = ours.graft(theirs.clone(), StructId(first + 2));
        assert_eq!(second, first + theirs.len());
        assert_eq!(ours.check([]), Ok(()));
        let parent = |i: usize| ours.nodes()[i].parent().map(|p| p.0);
        assert_eq!(parent(first), Some(0));
        assert_eq!(parent(second), Some(first + 2));
        assert_ne!(parent(first), Some(sect.0));
    }

    #[test]
    fn the_check_catches_a_broken_tree() {
        let (ours, _, _) = trees();
        // A second element without a parent (a second root).
        let mut two_roots = ours.clone();
        let root = two_roots.nodes()[0].clone();
        two_roots.nodes_mut_for_tests().push(root);
        let err = two_roots.check([]).unwrap_err();
        assert!(err.contains("has no parent"), "{err}");
        // A parent after its child (a way to a cycle).
        let mut backwards = ours.clone();
        backwards.nodes_mut_for_tests().swap(1, 2);
        let err = backwards.check([]).unwrap_err();
        assert!(err.contains("comes after it"), "{err}");
        // The root under another element.
        let mut rooted = ours.clone();
        rooted.nodes_mut_for_tests().swap(0, 1);
        assert!(rooted.check([]).is_err());
        // An item tagged with an element the tree does not have.
        let stray = page_tagged(Tag::Struct(StructId(ours.len())));
        let err = ours.check(tags_of(&stray)).unwrap_err();
        assert!(err.contains("not in the tree"), "{err}");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "comes after it")]
    fn grafting_a_broken_tree_panics_in_debug_builds() {
        let (mut ours, sect, mut theirs) = trees();
        // The Link (whose parent is element 2) moved to 2: its own parent.
        theirs.nodes_mut_for_tests().swap(2, 3);
        ours.graft(theirs, sect);
    }
}
