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

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StructNode {
    pub role: Role,
    /// `None` only for the root.
    pub parent: Option<StructId>,
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
    /// A table header row repeated on a continuation page.
    RepeatedHeader,
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

/// The structure elements of one document, in reading order: an element's
/// children are the elements whose parent it is, in the order created.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StructTree {
    pub nodes: Vec<StructNode>,
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
        self.nodes.push(StructNode {
            role,
            parent: Some(parent),
            alt: None,
            scope: None,
            lang: None,
        });
        StructId(self.nodes.len() - 1)
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
