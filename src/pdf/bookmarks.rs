//! The document outline (bookmarks): headings nested by level, every
//! entry open, each landing a little above its heading.

use pdf_writer::{Chunk, Finish, Name, Null, Obj, Ref, TextStr};

use super::write::Bookmark;

/// A node of the outline tree: the root (index 0) or a bookmark.
struct Node<'b> {
    id: Ref,
    bookmark: Option<&'b Bookmark>,
    parent: usize,
    /// Its place among its parent's children (so finding its neighbours
    /// is not a search: 100,000 sibling headings stay linear).
    at: usize,
    children: Vec<usize>,
}

/// Writes the outline of `bookmarks` (pages by 0-based index into
/// `pages`); returns the `/Outlines` root, or `None` when there is nothing
/// to show.
pub(crate) fn write(
    chunk: &mut Chunk,
    bookmarks: &[Bookmark],
    pages: &[Ref],
    next: &mut Ref,
) -> Option<Ref> {
    let bookmarks: Vec<&Bookmark> = bookmarks.iter().filter(|b| b.page < pages.len()).collect();
    if bookmarks.is_empty() {
        return None;
    }
    let nodes = tree(&bookmarks, next);
    for n in 0..nodes.len() {
        write_node(chunk, &nodes, n, pages);
    }
    Some(nodes[0].id)
}

/// The bookmarks as a tree: each hangs under the nearest earlier one of a
/// lower level.
fn tree<'b>(bookmarks: &[&'b Bookmark], next: &mut Ref) -> Vec<Node<'b>> {
    let mut nodes = vec![Node {
        id: next.bump(),
        bookmark: None,
        parent: 0,
        at: 0,
        children: Vec::new(),
    }];
    // Stack of (level, node index); the root is level 0.
    let mut stack: Vec<(u8, usize)> = vec![(0, 0)];
    for b in bookmarks {
        let level = b.level.max(1);
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            stack.pop();
        }
        let parent = stack.last().map_or(0, |s| s.1);
        let index = nodes.len();
        nodes.push(Node {
            id: next.bump(),
            bookmark: Some(b),
            parent,
            at: nodes[parent].children.len(),
            children: Vec::new(),
        });
        nodes[parent].children.push(index);
        stack.push((level, index));
    }
    nodes
}

/// Number of entries below node `n`.
fn descendants(nodes: &[Node], n: usize) -> i32 {
    nodes[n]
        .children
        .iter()
        .map(|&c| 1 + descendants(nodes, c))
        .sum()
}

fn write_node(chunk: &mut Chunk, nodes: &[Node], n: usize, pages: &[Ref]) {
    let node = &nodes[n];
    let first_last = node
        .children
        .first()
        .zip(node.children.last())
        .map(|(&f, &l)| (nodes[f].id, nodes[l].id));
    let Some(b) = node.bookmark else {
        let mut root = chunk.outline(node.id);
        if let Some((first, last)) = first_last {
            root.first(first).last(last).count(descendants(nodes, n));
        }
        return;
    };
    let siblings = &nodes[node.parent].children;
    let at = node.at;
    let mut item = chunk.outline_item(node.id);
    item.title(TextStr(&b.title)).parent(nodes[node.parent].id);
    if let Some(&prev) = at.checked_sub(1).and_then(|i| siblings.get(i)) {
        item.prev(nodes[prev].id);
    }
    if let Some(&next) = siblings.get(at + 1) {
        item.next(nodes[next].id);
    }
    if let Some((first, last)) = first_last {
        item.first(first).last(last).count(descendants(nodes, n));
    }
    destination(item.insert(Name(b"Dest")), pages[b.page], b.top);
    item.finish();
}

/// `[page /XYZ null top null]`: the page at `top`, keeping the reader's
/// horizontal position and zoom.
pub(crate) fn destination(obj: Obj, page: Ref, top: f32) {
    obj.array()
        .item(page)
        .item(Name(b"XYZ"))
        .item(Null)
        .item(top)
        .item(Null);
}
