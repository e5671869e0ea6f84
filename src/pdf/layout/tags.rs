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
//! prints the tree with each element's text, for golden tests.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::item::{Item, Page};

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
    /// The sibling this element is read before, when it was added after
    /// the tree was built (a table header row repeated on a continuation
    /// page, read before the first row there); `None`: in creation order.
    pub before: Option<StructId>,
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
    /// A table header row repeated on a continuation page, as laid out:
    /// the header cell it repeats. Pagination's last step makes each
    /// repeat a header row of its own in the table's body
    /// ([`StructTree::repeat_headers`]), so none is left in a laid-out page.
    RepeatedHeader(StructId),
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
                before: None,
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
            before: None,
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

    /// Children of every element, in reading order: creation order, but
    /// an element added with `before` goes just before that sibling.
    pub(crate) fn children(&self) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate() {
            let Some(kids) = n.parent.and_then(|p| out.get_mut(p.0)) else {
                continue;
            };
            match n.before.and_then(|b| kids.iter().position(|&k| k == b.0)) {
                Some(at) => kids.insert(at, i),
                None => kids.push(i),
            }
        }
        out
    }

    /// Makes each table header row repeated on a continuation page a
    /// header row of the table's body there: a `TR` of `TH` cells (with
    /// the scope of the cells it repeats), read just before the first body
    /// row on that page. The repeat is what a sighted reader reads at the
    /// top of the page; as an artifact it was prose hidden from every
    /// other reader (outloud TAG-002).
    pub(crate) fn repeat_headers(&mut self, pages: &mut [Page]) {
        for page in pages {
            // Header cell -> its copy on this page; header row -> its copy.
            let mut cells: BTreeMap<StructId, StructId> = BTreeMap::new();
            let mut rows: BTreeMap<StructId, StructId> = BTreeMap::new();
            for i in 0..page.items.len() {
                let Tag::Artifact(Artifact::RepeatedHeader(th)) = page.items[i].tag else {
                    continue;
                };
                let copy = match cells.get(&th) {
                    Some(&copy) => copy,
                    None => {
                        let Some(row) = self.get(th).and_then(|n| n.parent) else {
                            continue;
                        };
                        let new_row = match rows.get(&row) {
                            Some(&r) => r,
                            None => {
                                let r = self.repeated_row(row, page);
                                rows.insert(row, r);
                                r
                            }
                        };
                        let copy = self.add(Role::TH, new_row);
                        let scope = self.get(th).and_then(|n| n.scope);
                        if let Some(node) = self.get_mut(copy) {
                            node.scope = scope;
                        }
                        cells.insert(th, copy);
                        copy
                    }
                };
                page.items[i].tag = Tag::Struct(copy);
            }
        }
    }

    /// A new row in the body of the table whose header row is `row`, read
    /// before the first body row with content on `page`.
    fn repeated_row(&mut self, row: StructId, page: &Page) -> StructId {
        let parent = |id: StructId| self.get(id).and_then(|n| n.parent);
        let table = parent(row).and_then(parent);
        let body = (0..self.nodes.len()).map(StructId).find(|&id| {
            self.get(id)
                .is_some_and(|n| n.role == Role::TBody && n.parent.is_some() && n.parent == table)
        });
        let Some(body) = body else {
            return self.add(Role::TR, table.unwrap_or(Self::ROOT));
        };
        // The body's row each tagged item on the page lies in.
        let first = page
            .items
            .iter()
            .filter_map(|i| match i.tag {
                Tag::Struct(id) => Some(id),
                Tag::Artifact(_) => None,
            })
            .filter_map(|mut id| {
                while let Some(p) = parent(id) {
                    if p == body {
                        return Some(id);
                    }
                    id = p;
                }
                None
            })
            .min();
        let new_row = self.add(Role::TR, body);
        if let Some(node) = self.get_mut(new_row) {
            node.before = first;
        }
        new_row
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

    /// The text of each element's own items, in page order: runs that
    /// touch on one line are joined, others parted by a space.
    pub(crate) fn texts(&self, pages: &[Page]) -> Vec<String> {
        let mut out = vec![String::new(); self.nodes.len()];
        // Where each element's last run ended: (page, baseline, right edge).
        let mut ends: Vec<Option<(usize, f32, f32)>> = vec![None; self.nodes.len()];
        for (n, page) in pages.iter().enumerate() {
            for placed in &page.items {
                let (Tag::Struct(id), Item::Text(t)) = (placed.tag, &placed.item) else {
                    continue;
                };
                let (Some(text), Some(end)) = (out.get_mut(id.0), ends.get_mut(id.0)) else {
                    continue;
                };
                let touches = end.is_some_and(|(p, y, x)| {
                    p == n && (y - t.y).abs() < 0.01 && (x - t.x).abs() < 0.01
                });
                if end.is_some() && !touches {
                    text.push(' ');
                }
                text.push_str(&t.text);
                *end = Some((n, t.y, t.x + t.width));
            }
        }
        out
    }

    /// The tree as indented text: one line per element with its role, its
    /// attributes and the text of its own items.
    pub(crate) fn dump(&self, pages: &[Page]) -> String {
        let texts = self.texts(pages);
        let mut depth = vec![0usize; self.nodes.len()];
        // Every element of a well-formed tree comes after its parent, so the
        // parent's depth is known when the child is reached.
        let mut out = String::new();
        for id in self.reading_order() {
            let Some(node) = self.get(id) else { continue };
            let d = node
                .parent
                .and_then(|p| depth.get(p.0))
                .map_or(0, |d| d + 1);
            if let Some(slot) = depth.get_mut(id.0) {
                *slot = d;
            }
            let _ = write!(out, "{}{}", "  ".repeat(d), node.role.name());
            if let Some(scope) = node.scope {
                let _ = write!(out, " scope={scope:?}");
            }
            if let Some(alt) = &node.alt {
                let _ = write!(out, " alt={alt:?}");
            }
            if let Some(lang) = &node.lang {
                let _ = write!(out, " lang={lang}");
            }
            let text = texts.get(id.0).map_or("", String::as_str);
            if !text.is_empty() {
                let _ = write!(out, " {text:?}");
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_element_added_before_a_sibling_is_read_before_it() {
        let mut tree = StructTree::default();
        let body = tree.add(Role::TBody, StructTree::ROOT);
        let first = tree.add(Role::TR, body);
        let second = tree.add(Role::TR, body);
        let repeat = tree.add(Role::TR, body);
        if let Some(n) = tree.get_mut(repeat) {
            n.before = Some(second);
        }
        let last = tree.add(Role::TR, body);
        assert_eq!(
            tree.children()[body.0],
            vec![first.0, repeat.0, second.0, last.0]
        );
        let order = tree.reading_order();
        assert_eq!(
            order,
            vec![StructTree::ROOT, body, first, repeat, second, last]
        );
    }
}
