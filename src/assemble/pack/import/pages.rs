//! The page tree of an imported file, walked without recursion: every
//! page with the attributes it inherits (`/Resources`, `/MediaBox`,
//! `/CropBox`, `/Rotate`). A node met twice (a loop, or a page listed
//! twice) makes the file broken; nesting and the page count are capped.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::file::{ImportedPage, Problem, MAX_PAGES};
use super::objects::deref;

/// How deep page tree nodes may nest (real files use 2 to 5 levels).
const MAX_DEPTH: usize = 64;
/// The largest page coordinate kept (PDF 1.7, Annex C: 14,400 units, 200
/// inches); a box beyond it is clamped, so every number written is one
/// readers can read.
const MAX_COORD: f32 = 14_400.0;
/// US Letter, what readers assume for a page without a media box.
const DEFAULT_MEDIA: [f32; 4] = [0.0, 0.0, 612.0, 792.0];

/// What a node passes down to its kids.
#[derive(Clone, Default)]
struct Inherited {
    resources: Option<Object>,
    media: Option<[f32; 4]>,
    crop: Option<[f32; 4]>,
    rotate: Option<i64>,
}

impl Inherited {
    /// These attributes with `node`'s own in place of inherited ones.
    fn with(&self, doc: &Document, node: &Dictionary) -> Inherited {
        let rect = |key: &[u8]| node.get(key).ok().and_then(|o| rect(doc, o));
        Inherited {
            resources: node
                .get(b"Resources")
                .ok()
                .cloned()
                .or_else(|| self.resources.clone()),
            media: rect(b"MediaBox").or(self.media),
            crop: rect(b"CropBox").or(self.crop),
            rotate: node
                .get(b"Rotate")
                .ok()
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_i64().ok())
                .or(self.rotate),
        }
    }
}

/// Every page in order, from the catalogue's `/Pages`.
pub(super) fn walk(doc: &Document, catalog: &Dictionary) -> Result<Vec<ImportedPage>, Problem> {
    let root = match catalog.get(b"Pages") {
        Ok(Object::Reference(id)) => *id,
        _ => return Err(Problem::Broken("it has no page tree".into())),
    };
    let mut pages = Vec::new();
    let mut seen = BTreeSet::new();
    // Nodes to visit, last first: (node, what it inherits, depth).
    let mut stack = vec![(root, Inherited::default(), 0usize)];
    while let Some((id, inherited, depth)) = stack.pop() {
        if !seen.insert(id) {
            return Err(Problem::Broken("its page tree loops back on itself".into()));
        }
        if depth > MAX_DEPTH {
            return Err(Problem::TooComplex("page tree nesting"));
        }
        let Ok(node) = doc.get_dictionary(id) else {
            return Err(Problem::Broken(format!(
                "page tree object {} {} is missing",
                id.0, id.1
            )));
        };
        let here = inherited.with(doc, node);
        match kids(doc, node) {
            Some(kids) => {
                for kid in kids.into_iter().rev() {
                    stack.push((kid, here.clone(), depth + 1));
                }
            }
            None => {
                if pages.len() == MAX_PAGES {
                    return Err(Problem::TooManyPages);
                }
                if !content_present(doc, node) {
                    let n = pages.len() + 1;
                    return Err(Problem::Broken(format!(
                        "the content of page {n} is missing"
                    )));
                }
                pages.push(page(id, here));
            }
        }
        if stack.len() > MAX_PAGES * 4 {
            return Err(Problem::TooManyPages);
        }
    }
    if pages.is_empty() {
        return Err(Problem::NoPages);
    }
    Ok(pages)
}

/// A `/Pages` node's kids (`None` for a page: a node without `/Kids` or
/// typed `/Page`).
fn kids(doc: &Document, node: &Dictionary) -> Option<Vec<ObjectId>> {
    if node.get(b"Type").and_then(Object::as_name).ok() == Some(b"Page") {
        return None;
    }
    let kids = node.get(b"Kids").ok().and_then(|k| deref(doc, k))?;
    let kids = kids.as_array().ok()?;
    Some(kids.iter().filter_map(|k| k.as_reference().ok()).collect())
}

/// Whether every content stream a page names is in the file (a file cut
/// short keeps its first objects and loses the rest).
fn content_present(doc: &Document, page: &Dictionary) -> bool {
    let present = |o: &Object| match o {
        Object::Reference(id) => doc.objects.contains_key(id),
        _ => true,
    };
    match page.get(b"Contents") {
        Err(_) => true,
        Ok(c) => {
            present(c)
                && deref(doc, c)
                    .and_then(|c| c.as_array().ok())
                    .is_none_or(|a| a.iter().all(present))
        }
    }
}

fn page(id: ObjectId, at: Inherited) -> ImportedPage {
    let media = at.media.unwrap_or(DEFAULT_MEDIA);
    let crop = at.crop.map_or(media, |c| intersect(c, media));
    ImportedPage {
        id,
        media,
        crop,
        rotate: at
            .rotate
            .map_or(0, |r| (r.rem_euclid(360) / 90 * 90) as i32),
        resources: at.resources,
    }
}

/// A rectangle `[x1 y1 x2 y2]` normalised, when it has four finite
/// numbers and is not empty.
pub(super) fn rect(doc: &Document, obj: &Object) -> Option<[f32; 4]> {
    let items = deref(doc, obj)?.as_array().ok()?;
    let n: Vec<f32> = items
        .iter()
        .filter_map(|o| deref(doc, o)?.as_float().ok())
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(-MAX_COORD, MAX_COORD))
        .collect();
    let [a, b, c, d] = n.as_slice() else {
        return None;
    };
    let r = [a.min(*c), b.min(*d), a.max(*c), b.max(*d)];
    (r[2] > r[0] && r[3] > r[1]).then_some(r)
}

/// The overlap of two rectangles (the second when they do not overlap).
fn intersect(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    let r = [
        a[0].max(b[0]),
        a[1].max(b[1]),
        a[2].min(b[2]),
        a[3].min(b[3]),
    ];
    if r[2] > r[0] && r[3] > r[1] {
        r
    } else {
        b
    }
}
