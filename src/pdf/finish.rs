//! The last step: printpdf's document to bytes, finished through lopdf for
//! what printpdf 0.12 cannot do itself:
//!
//! - `/Lang` (en-GB) and `/DisplayDocTitle` in the catalogue;
//! - a nested outline (printpdf's is flat and sorted by page, then title);
//! - an `/Info` with title, author, subject and producer, and dates only
//!   from `SOURCE_DATE_EPOCH` (printpdf always writes 1970 dates);
//! - a trailer `/ID` from a SHA-256 of the bytes (printpdf's is random).
//!
//! Everything else printpdf writes is already a function of its input once
//! fonts and images have fixed names (see `write`).

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use super::compress;
use printpdf::{PdfDocument, PdfSaveOptions};
use sha2::{Digest, Sha256};

use super::layout::theme::PAGE_H;
use super::write::Bookmark;
use crate::doc::Meta;

/// Serialises `pdf` with metadata, outline and a content-derived ID.
pub(crate) fn finish(
    pdf: &PdfDocument,
    meta: &Meta,
    bookmarks: &[Bookmark],
    epoch: Option<i64>,
) -> Vec<u8> {
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut doc = pdf.to_lopdf_document(&opts, &mut warnings);
    // printpdf declares 1.3; /Lang, soft masks and UTF-16 text need 1.4+.
    doc.version = "1.7".to_string();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let outline = outline(&mut doc, bookmarks, &pages);
    if let Ok(old) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        doc.objects.remove(&old);
    }
    let info = doc.add_object(info(meta, epoch));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Lang", text(&meta.lang));
        let prefs = Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]);
        catalog.set("ViewerPreferences", prefs);
        catalog.remove(b"Outlines");
        catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        if let Some(id) = outline {
            catalog.set("Outlines", Object::Reference(id));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
    }
    remove_printpdf_outline(&mut doc, outline);
    doc.trailer.set("Info", Object::Reference(info));
    compress::compress(&mut doc);
    let placeholder = Object::String(vec![0; 16], StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut bytes = save(&mut doc);
    let hash = Sha256::digest(&bytes);
    if !patch_id(&mut bytes, &hash[..16]) {
        let id = Object::String(hash[..16].to_vec(), StringFormat::Hexadecimal);
        doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
        bytes = save(&mut doc);
    }
    bytes
}

/// Writes `id` over the two all-zero `/ID` placeholders of the trailer, in
/// place: the same bytes a second save with the real `/ID` would give (the
/// hex strings have the same length), without serialising twice. `false`
/// when the placeholders are not where the trailer puts them.
fn patch_id(bytes: &mut [u8], id: &[u8]) -> bool {
    let zeros = format!("<{}>", "0".repeat(2 * id.len()));
    let hex: String = id.iter().map(|b| format!("{b:02X}")).collect();
    let Some(trailer) = find_last(bytes, b"trailer") else {
        return false;
    };
    for _ in 0..2 {
        let Some(at) = find_last(&bytes[trailer..], zeros.as_bytes()) else {
            return false;
        };
        let at = trailer + at + 1;
        bytes[at..at + hex.len()].copy_from_slice(hex.as_bytes());
    }
    true
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn save(doc: &mut lopdf::Document) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = doc.save_to(&mut out);
    out
}

/// A PDF text string: literal when ASCII, else UTF-16BE with a BOM.
fn text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::string_literal(s);
    }
    let mut bytes = vec![0xfe, 0xff];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn info(meta: &Meta, epoch: Option<i64>) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Title", text(&meta.title));
    d.set("Author", text(&meta.author));
    d.set("Subject", text(&meta.subject));
    d.set("Creator", text("boardpaper"));
    d.set(
        "Producer",
        text(concat!("boardpaper ", env!("CARGO_PKG_VERSION"))),
    );
    if let Some(date) = epoch.and_then(pdf_date) {
        d.set("CreationDate", Object::string_literal(date.clone()));
        d.set("ModDate", Object::string_literal(date));
    }
    d
}

/// `D:YYYYMMDDHHmmSSZ` for a Unix time (None outside years 0..=9999).
pub(crate) fn pdf_date(epoch: i64) -> Option<String> {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    if !(0..=9999).contains(&year) {
        return None;
    }
    Some(format!(
        "D:{year:04}{month:02}{day:02}{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    ))
}

/// printpdf writes no outline when it has no bookmarks (we give it none),
/// but drop any `/Type /Outlines` object other than ours to be safe.
fn remove_printpdf_outline(doc: &mut lopdf::Document, ours: Option<ObjectId>) {
    let stale: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(id, o)| {
            Some(**id) != ours
                && o.as_dict()
                    .ok()
                    .and_then(|d| d.get(b"Type").ok())
                    .and_then(|t| t.as_name().ok())
                    == Some(b"Outlines".as_slice())
        })
        .map(|(id, _)| *id)
        .collect();
    for id in stale {
        doc.objects.remove(&id);
    }
}

/// A node of the outline tree being built.
struct Node {
    id: ObjectId,
    dict: Dictionary,
    children: Vec<usize>,
}

/// Builds the nested outline; returns the `/Outlines` root, if any.
fn outline(
    doc: &mut lopdf::Document,
    bookmarks: &[Bookmark],
    pages: &[ObjectId],
) -> Option<ObjectId> {
    if bookmarks.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let mut nodes: Vec<Node> = vec![Node {
        id: root,
        dict: Dictionary::from_iter(vec![("Type", Object::Name(b"Outlines".to_vec()))]),
        children: Vec::new(),
    }];
    // Stack of (level, node index); the root is level 0.
    let mut stack: Vec<(u8, usize)> = vec![(0, 0)];
    for b in bookmarks {
        let page = *pages.get(b.page)?;
        let level = b.level.max(1);
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            stack.pop();
        }
        let parent = stack.last().map_or(0, |s| s.1);
        let dest = vec![
            Object::Reference(page),
            Object::Name(b"XYZ".to_vec()),
            Object::Null,
            Object::Real(PAGE_H - b.y + 12.0),
            Object::Null,
        ];
        let dict = Dictionary::from_iter(vec![
            ("Title", text(&b.title)),
            ("Parent", Object::Reference(nodes[parent].id)),
            ("Dest", Object::Array(dest)),
        ]);
        let index = nodes.len();
        nodes.push(Node {
            id: doc.new_object_id(),
            dict,
            children: Vec::new(),
        });
        nodes[parent].children.push(index);
        stack.push((level, index));
    }
    link_children(&mut nodes, 0);
    for node in nodes {
        doc.objects.insert(node.id, Object::Dictionary(node.dict));
    }
    Some(root)
}

/// Sets First/Last/Prev/Next/Count below `n`; returns the number of
/// descendants (all entries open).
fn link_children(nodes: &mut [Node], n: usize) -> i64 {
    let children = nodes[n].children.clone();
    let mut count = 0;
    for (i, &c) in children.iter().enumerate() {
        if i > 0 {
            let prev = nodes[children[i - 1]].id;
            nodes[c].dict.set("Prev", Object::Reference(prev));
        }
        if let Some(&next) = children.get(i + 1) {
            let next = nodes[next].id;
            nodes[c].dict.set("Next", Object::Reference(next));
        }
        count += 1 + link_children(nodes, c);
    }
    if let (Some(&first), Some(&last)) = (children.first(), children.last()) {
        let (first, last) = (nodes[first].id, nodes[last].id);
        nodes[n].dict.set("First", Object::Reference(first));
        nodes[n].dict.set("Last", Object::Reference(last));
        nodes[n].dict.set("Count", Object::Integer(count));
    }
    count
}

#[cfg(test)]
mod tests {
    use super::pdf_date;

    #[test]
    fn dates_from_epoch() {
        assert_eq!(pdf_date(0).as_deref(), Some("D:19700101000000Z"));
        assert_eq!(
            pdf_date(1_700_000_000).as_deref(),
            Some("D:20231114221320Z")
        );
        assert_eq!(pdf_date(i64::MAX), None);
    }
}
