//! An imported page's annotations: which are kept and how they are
//! written. Kept: links to a place in the file on a page that is placed
//! in our PDF (the destination rewritten to our page), web and mail links
//! the project's link policy allows, and text notes, each with only the
//! keys such an annotation needs ([`KEPT`]: no `/A` or `/AA`, no popup,
//! no reply chain; its appearance copied as a resource is). Dropped:
//! links to pages not placed, to other files, scripts, launches; every
//! other kind (popups, file attachments, form fields, media, markup that
//! can carry actions). Every kept annotation is copied once, on the
//! page's first placement.

use lopdf::{Dictionary, Object, ObjectId};
use pdf_writer::{Chunk, Finish, Name, Ref, Str};

use super::objects::deref;
use super::state::File;
use crate::pdf::bookmarks;
use crate::pdf::foreign::Placement;

/// The most annotations read from one page.
const MAX_PER_PAGE: usize = 5_000;
/// The keys of a kept annotation copied (`/Dest`, `/A`, `/P` and
/// `/StructParent` are written anew).
const KEPT: [&[u8]; 18] = [
    b"Type",
    b"Subtype",
    b"Rect",
    b"Contents",
    b"NM",
    b"M",
    b"F",
    b"Border",
    b"C",
    b"BS",
    b"Open",
    b"Name",
    b"T",
    b"CreationDate",
    b"Subj",
    b"QuadPoints",
    b"H",
    b"AP",
];

/// What a kept annotation does.
pub(super) enum Does {
    /// A link to our page at `top`.
    Place(Ref, f32),
    /// A web or mail link.
    Uri(String),
    /// A text note: nothing.
    Markup,
}

/// An annotation kept: the file's object, ours, what it does.
pub(super) struct Kept {
    pub from: ObjectId,
    pub to: Ref,
    pub does: Does,
}

/// Decides which of `page`'s annotations are kept and claims our objects
/// for them (so references between them, such as a note's popup, land on
/// the copies).
pub(super) fn claim(file: &mut File, page: &Dictionary, next: &mut Ref) -> Vec<Kept> {
    let imported = file.import.file;
    let doc = &imported.doc;
    let list = page
        .get(b"Annots")
        .ok()
        .and_then(|a| deref(doc, a))
        .and_then(|a| a.as_array().ok());
    let mut kept = Vec::new();
    for id in list.into_iter().flatten().take(MAX_PER_PAGE) {
        let Ok(id) = id.as_reference() else { continue };
        if file.annots.contains_key(&id) {
            continue;
        }
        let Ok(annot) = doc.get_dictionary(id) else {
            continue;
        };
        let Some(does) = does(file, annot) else {
            continue;
        };
        let to = next.bump();
        file.copier.pin(id, Some(to));
        file.annots.insert(id, to);
        kept.push(Kept { from: id, to, does });
    }
    kept
}

/// What `annot` does in our PDF, or `None` to drop it.
fn does(file: &File, annot: &Dictionary) -> Option<Does> {
    let imported = file.import.file;
    let doc = &imported.doc;
    let subtype = annot.get(b"Subtype").and_then(Object::as_name).ok()?;
    if subtype == b"Text" {
        return Some(Does::Markup);
    }
    if subtype != b"Link" {
        return None;
    }
    let action = annot.get(b"A").ok().and_then(|a| deref(doc, a));
    let uri = action
        .and_then(|a| a.as_dict().ok())
        .filter(|a| a.get(b"S").and_then(Object::as_name).ok() == Some(b"URI"))
        .and_then(|a| deref(doc, a.get(b"URI").ok()?)?.as_str().ok());
    if let Some(uri) = uri {
        return web_link(uri).map(Does::Uri);
    }
    let target = annot.get(b"Dest").ok().or(action)?;
    let (k, top) = imported.resolve(target)?;
    let &(_, page) = file.placed.get(&k)?;
    Some(Does::Place(page, top))
}

/// A URI the link policy allows, with a scheme (`https:`, `http:`,
/// `mailto:`): a relative one means nothing outside its file.
fn web_link(uri: &[u8]) -> Option<String> {
    let uri = std::str::from_utf8(uri).ok()?;
    let clean = crate::link::destination(uri).ok()??;
    let scheme = clean.split_once(':')?.0.to_ascii_lowercase();
    ["http", "https", "mailto"]
        .contains(&scheme.as_str())
        .then_some(clean)
}

/// Writes the kept annotations of the page at `at`; in a tagged PDF each
/// one the file's structure owned gets a new `/StructParent` key.
pub(super) fn write(
    pdf: &mut Chunk,
    file: &mut File,
    kept: &[Kept],
    at: &Placement,
    tagged: bool,
    key: &mut i32,
    next: &mut Ref,
) {
    let imported = file.import.file;
    for k in kept {
        let Ok(src) = imported.doc.get_dictionary(k.from) else {
            continue;
        };
        let mut d = pdf.indirect(k.to).dict();
        for (name, v) in src.iter().filter(|(n, _)| KEPT.contains(&n.as_slice())) {
            file.copier.write(d.insert(Name(name)), v, next);
        }
        d.pair(Name(b"P"), at.id);
        match &k.does {
            Does::Place(page, top) => bookmarks::destination(d.insert(Name(b"Dest")), *page, *top),
            Does::Uri(uri) => {
                let mut a = d.insert(Name(b"A")).dict();
                a.pair(Name(b"S"), Name(b"URI"))
                    .pair(Name(b"URI"), Str(uri.as_bytes()));
            }
            Does::Markup => {}
        }
        let own = src.get(b"StructParent").ok().and_then(|o| o.as_i64().ok());
        if let Some(theirs) = own.filter(|_| tagged) {
            d.pair(Name(b"StructParent"), *key);
            file.annot_keys.push((*key, theirs));
            *key += 1;
        }
        d.finish();
    }
}
