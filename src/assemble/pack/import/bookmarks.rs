//! The outline (bookmarks) of an imported file, read without recursion:
//! each item's title, level and target page. An item met twice (a loop)
//! ends the walk there; nesting and the item count are capped. An item
//! whose destination is not a page of the file goes to the page of the
//! item before it (the first page for the first).

use std::collections::BTreeSet;

use lopdf::{decode_text_string, Dictionary, ObjectId};

use super::file::{Imported, ImportedBookmark, Problem};
use super::objects::deref;

/// How deep bookmarks may nest (deeper ones are refused).
const MAX_DEPTH: usize = 32;
/// The most bookmarks one file may have.
const MAX_ITEMS: usize = 20_000;
/// The longest title kept, in characters.
const MAX_TITLE: usize = 500;

/// The outline in order, each item at its level (1 for the top).
pub(super) fn read(file: &Imported) -> Result<Vec<ImportedBookmark>, Problem> {
    let doc = &file.doc;
    let first = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Outlines").ok())
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|o| o.get(b"First").ok())
        .and_then(|f| f.as_reference().ok());
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    // Items to visit, last first: (item, level).
    let mut stack: Vec<(ObjectId, usize)> = first.map(|f| (f, 1)).into_iter().collect();
    while let Some((id, level)) = stack.pop() {
        if level > MAX_DEPTH {
            return Err(Problem::TooComplex("bookmark nesting"));
        }
        if out.len() >= MAX_ITEMS {
            return Err(Problem::TooComplex("number of bookmarks"));
        }
        if !seen.insert(id) {
            continue;
        }
        let Ok(item) = doc.get_dictionary(id) else {
            continue;
        };
        let link = |key: &[u8]| item.get(key).ok().and_then(|o| o.as_reference().ok());
        // Visit the first child, then the next sibling.
        if let Some(next) = link(b"Next") {
            stack.push((next, level));
        }
        if let Some(child) = link(b"First") {
            stack.push((child, level + 1));
        }
        let previous = out.last().map(|b: &ImportedBookmark| (b.page, b.top));
        out.push(bookmark(file, item, level, previous));
    }
    Ok(out)
}

fn bookmark(
    file: &Imported,
    item: &Dictionary,
    level: usize,
    previous: Option<(usize, f32)>,
) -> ImportedBookmark {
    let title = item
        .get(b"Title")
        .ok()
        .and_then(|t| deref(&file.doc, t))
        .and_then(|t| decode_text_string(t).ok())
        .unwrap_or_default();
    let title: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_TITLE)
        .collect();
    let target = item.get(b"Dest").or_else(|_| item.get(b"A")).ok();
    let first = || (0, file.pages[0].crop[3]);
    let (page, top) = target
        .and_then(|t| file.resolve(t))
        .or(previous)
        .unwrap_or_else(first);
    ImportedBookmark {
        level: level.min(u8::MAX as usize) as u8,
        title: title.trim().to_string(),
        page,
        top,
    }
}
