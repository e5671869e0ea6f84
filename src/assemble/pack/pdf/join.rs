//! Joining a pack's laid-out parts into one run of pages with one
//! structure tree: the front matter's tree is the pack's `Document` (its
//! cover and agenda each a `Sect`); each paper's tree hangs under it as a
//! `Part`, its elements renumbered, and its pages' tags as they are written
//! (the pages are shared, not copied). Each
//! item gets a bookmark on its first page, the paper's own bookmarks one
//! level under it; every page gets the pack's furniture on its overlay,
//! drawn with the paper's own page (shared with the paper's PDF).

use super::front::{AGENDA, COVER, ITEM_ANCHOR};
use super::{label, Laying, Pack};
use crate::pdf::layout::tags::StructId;
use crate::pdf::layout::theme::BODY_TOP;
use crate::pdf::layout::watermark::add_watermark;
use crate::pdf::layout::{
    furnish, overlay, running_left, stamp, Item, Laid, Page, Role, Running, StructTree, Tag, Target,
};
use crate::pdf::write::{Drawn, Sheet};
use crate::pdf::Fonts;

/// The pack's pages, each under its furniture, and its structure tree
/// (`front`'s, which it takes, with the parts' grafted under it). The
/// papers' pages are placed by reference, never copied.
pub(crate) fn join<'f, 'a: 'f>(
    pack: &Pack,
    front: &'f mut Laid,
    laid: &mut [Laying<'a>],
    fonts: &Fonts,
) -> (Vec<Sheet<'f>>, StructTree) {
    let mut tree = std::mem::take(&mut front.tree);
    for page in &mut front.pages {
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
    let front: &'f Laid = front;
    let total = front.pages.len() + laid.iter().map(|l| l.over.len()).sum::<usize>();
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
    let mut overs: Vec<Page> = front.pages.iter().map(|p| overlay(p, p.doc)).collect();
    furnish(&mut overs, &running, fonts, |i| {
        format!("Page {} of {}", i + 1, total)
    });
    if pack.meta.draft {
        add_watermark(&mut overs, fonts);
    }
    let mut sheets = placed(overs, &front.pages, None, 0, 0);
    for l in laid {
        let first = sheets.len();
        let offset = graft(&mut tree, l);
        let part_id = StructId(offset);
        let part = Tag::Struct(part_id);
        if let Some((_, start, id)) = &mut l.import {
            (*start, *id) = (first, part_id);
        }
        let mut own = std::mem::take(&mut l.over);
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
        let content = l.paper.map_or(&[][..], |p| p.laid.pages.as_slice());
        let drawn = l.paper.map(|p| p.drawn(fonts));
        sheets.extend(placed(own, content, drawn, offset, 1));
    }
    debug_assert_eq!(tree.check(sheets.iter().flat_map(Sheet::tags)), Ok(()));
    (sheets, tree)
}

/// Each of `overs` over the page of `content` at its place (an imported
/// part has none: the import writes what lies under the overlay), drawn
/// as the paper's own PDF draws it (`drawn`, a paper's), the content's
/// structure ids moved on by `offset` and its bookmarks `levels` down (a
/// part's under the item's).
fn placed<'c>(
    overs: Vec<Page>,
    content: &'c [Page],
    drawn: Option<&'c [Drawn]>,
    offset: usize,
    levels: u8,
) -> Vec<Sheet<'c>> {
    overs
        .into_iter()
        .enumerate()
        .map(|(k, over)| Sheet {
            over,
            items: content.get(k).map_or(&[][..], |p| p.items.as_slice()),
            drawn: drawn.and_then(|d| d.get(k)),
            ids: offset,
            levels,
        })
        .collect()
}

/// Adds `l`'s structure to `tree` as a `Part` under its root; returns
/// what its structure ids move on by (the `Part` is the first of them).
fn graft(tree: &mut StructTree, l: &Laying) -> usize {
    let mut own = l
        .paper
        .map_or_else(StructTree::default, |paper| paper.laid.tree.clone());
    if let Some(root) = own.get_mut(StructTree::ROOT) {
        root.role = Role::Part;
    }
    tree.graft(own, StructTree::ROOT)
}
