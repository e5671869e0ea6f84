//! Destinations in an imported file (PDF 1.7, 12.3.2): an explicit
//! `[page /XYZ left top zoom]` (or `/Fit…`), a name looked up in the
//! catalogue's `/Dests` or `/Names /Dests` tree, or a `GoTo` action's
//! `/D`. The name tree is walked by [`tree_entries`], within an entry cap.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::objects::{deref, tree_entries, TreeKey, TreeKind};

/// The most named destinations read from one file.
const MAX_NAMES: usize = 100_000;

/// Named destinations: name (or string) → destination object.
pub(super) type Named = BTreeMap<Vec<u8>, Object>;

/// A destination resolved: the page object and the top, when it says.
pub(super) struct Dest {
    pub page: ObjectId,
    pub top: Option<f32>,
}

/// Every named destination of the file.
pub(super) fn named<'d>(doc: &'d Document, catalog: &'d Dictionary) -> Named {
    let mut out = Named::new();
    let dict = |o: &'d Object| deref(doc, o).and_then(|o| o.as_dict().ok());
    if let Some(dests) = catalog.get(b"Dests").ok().and_then(dict) {
        for (k, v) in dests.iter().take(MAX_NAMES) {
            out.insert(k.clone(), v.clone());
        }
    }
    let tree = catalog
        .get(b"Names")
        .ok()
        .and_then(dict)
        .and_then(|n| n.get(b"Dests").ok());
    if let Some(root) = tree {
        let left = MAX_NAMES.saturating_sub(out.len());
        for (key, v) in tree_entries(doc, root, TreeKind::Names, left) {
            if let TreeKey::Name(name) = key {
                out.entry(name).or_insert(v);
            }
        }
    }
    out
}

/// Where `d` goes: a destination (array, name or string), a dictionary
/// with `/D`, or a `GoTo` action. Anything else (other files, scripts,
/// URIs) is `None`.
pub(super) fn resolve(doc: &Document, named: &Named, d: &Object) -> Option<Dest> {
    let mut d = deref(doc, d)?;
    // A name leads to an array or a dictionary with /D; a GoTo action to
    // /D; each step at most once.
    for _ in 0..3 {
        match d {
            Object::Array(items) => return explicit(doc, items),
            Object::Name(n) | Object::String(n, _) => d = deref(doc, named.get(n)?)?,
            Object::Dictionary(dict) => {
                let goto = dict.get(b"S").and_then(Object::as_name).ok();
                if goto.is_some_and(|s| s != b"GoTo") {
                    return None;
                }
                d = deref(doc, dict.get(b"D").ok()?)?;
            }
            _ => return None,
        }
    }
    None
}

/// `[page /XYZ left top zoom]`, `[page /FitH top]`, `[page /FitR l b r t]`…
fn explicit(doc: &Document, items: &[Object]) -> Option<Dest> {
    let page = items.first()?.as_reference().ok()?;
    let kind = items
        .get(1)
        .and_then(|k| k.as_name().ok())
        .unwrap_or(b"Fit");
    let at = match kind {
        b"XYZ" => 3,
        b"FitH" | b"FitBH" => 2,
        b"FitR" => 5,
        _ => 0,
    };
    let top = (at > 0)
        .then(|| items.get(at).and_then(|t| deref(doc, t)?.as_float().ok()))
        .flatten()
        .filter(|t| t.is_finite());
    Some(Dest { page, top })
}
