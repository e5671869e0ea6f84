//! Joining a pack's laid-out parts into one run of pages with one
//! structure tree: the front matter's tree is the pack's `Document` (its
//! cover and agenda each a `Sect`); each paper's tree hangs under it as a
//! `Part`, its elements renumbered and its pages' tags with them. Each
//! item gets a bookmark on its first page, the paper's own bookmarks one
//! level under it; every page gets the pack's furniture.

use super::front::{AGENDA, COVER, ITEM_ANCHOR};
use super::{label, Laying, Pack};
use crate::pdf::layout::tags::StructId;
use crate::pdf::layout::theme::BODY_TOP;
use crate::pdf::layout::watermark::add_watermark;
use crate::pdf::layout::{
    furnish, running_left, stamp, Item, Laid, Page, Role, Running, StructTree, Tag, Target,
};
use crate::pdf::Fonts;

/// The pack's pages, furnished, and its structure tree.
pub(crate) fn join(
    pack: &Pack,
    front: Laid,
    laid: &mut [Laying],
    fonts: &Fonts,
) -> (Vec<Page>, StructTree) {
    let mut tree = front.tree;
    let mut pages = front.pages;
    for page in &mut pages {
        for placed in &mut page.items {
            if let Item::Target(t) = &mut placed.item {
                t.outline = match t.anchor.as_str() {
                    COVER => Some((1, "Cover".to_owned())),
                    AGENDA => Some((1, pack.heading.clone())),
                    _ => None,
                };
            }
        }
    }
    let total = pages.len() + laid.iter().map(|l| l.pages.len()).sum::<usize>();
    let left = running_left(&pack.meta);
    // "Board pack – 28 March 2024": short, as running furniture is (a long
    // line of lower-case words in an artifact reads as hidden prose).
    let title = match &pack.cover.date {
        Some(date) => format!("Board pack \u{2013} {date}"),
        None => "Board pack".to_owned(),
    };
    let running = Running {
        left: &left,
        title: &title,
        issuer: &pack.meta.issuer,
    };
    furnish(&mut pages, &running, fonts, |i| {
        format!("Page {} of {}", i + 1, total)
    });
    if pack.meta.draft {
        add_watermark(&mut pages, fonts);
    }
    for l in laid {
        let first = pages.len();
        let part_id = StructId(tree.nodes.len());
        let part = Tag::Struct(part_id);
        if let Some((_, start, id)) = &mut l.import {
            (*start, *id) = (first, part_id);
        }
        let mut own = graft(&mut tree, l);
        let count = own.len();
        let title = label(&pack.entries[l.entry]);
        let meta = l.doc.map_or(&pack.meta, |d| &d.meta);
        let left = running_left(meta);
        let running = Running {
            left: &left,
            title: &title,
            issuer: &meta.issuer,
        };
        if l.import.is_some() {
            // Another maker's pages have a header and footer of their own.
            stamp(&mut own, fonts, |j| {
                format!("{title} \u{00b7} Page {} of {total}", first + j + 1)
            });
        } else {
            furnish(&mut own, &running, fonts, |j| {
                format!(
                    "Paper page {} of {count} \u{00b7} Page {} of {total}",
                    j + 1,
                    first + j + 1
                )
            });
        }
        if meta.draft || pack.meta.draft {
            add_watermark(&mut own, fonts);
        }
        if let Some(page) = own.first_mut() {
            let target = Item::Target(Target {
                anchor: ITEM_ANCHOR.to_owned(),
                outline: Some((1, title.clone())),
                y: BODY_TOP,
            });
            page.items.insert(0, target.tagged(part));
        }
        pages.extend(own);
    }
    (pages, tree)
}

/// Adds `l`'s structure to `tree` as a `Part` under its root and returns
/// `l`'s pages with their tags renumbered to match and their bookmarks one
/// level down (under the item's).
fn graft(tree: &mut StructTree, l: &mut Laying) -> Vec<Page> {
    let offset = tree.nodes.len();
    let blank;
    let own = match l.paper {
        Some(paper) => &paper.laid.tree,
        None => {
            blank = StructTree::default();
            &blank
        }
    };
    for node in &own.nodes {
        let mut node = node.clone();
        match node.parent {
            None => {
                node.role = Role::Part;
                node.parent = Some(StructTree::ROOT);
            }
            Some(p) => node.parent = Some(StructId(p.0 + offset)),
        }
        tree.nodes.push(node);
    }
    let mut pages = std::mem::take(&mut l.pages);
    for placed in pages.iter_mut().flat_map(|p| p.items.iter_mut()) {
        if let Tag::Struct(id) = placed.tag {
            placed.tag = Tag::Struct(StructId(id.0 + offset));
        }
        if let Item::Target(t) = &mut placed.item {
            if let Some((level, _)) = &mut t.outline {
                *level = level.saturating_add(1);
            }
        }
    }
    pages
}
