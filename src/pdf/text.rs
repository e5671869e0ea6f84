//! Every piece of text a PDF holds, decoded, for the checks that look for
//! a confidential paper's words (`build --public`, and an agenda's own PDF
//! going into a public pack): each string object anywhere in the file
//! (literal or hex, UTF-16BE with its BOM, UTF-8 with its BOM, else
//! PDFDocEncoding: outlines, `/Info`, annotations, structure `/Alt`…),
//! each name, the text that content streams show (`Tj`, `TJ`, `'`, `"`,
//! decoded through the current font's encoding or `ToUnicode` map, so the
//! Identity-H CID fonts our writer uses read as the words they show, in
//! page content and in the form XObjects it draws), the XMP packets and
//! any other stream's bytes (inflated, bounded).
//!
//! It fails closed: a stream that cannot be decoded (an unknown filter, a
//! bomb, content that does not parse) is an error, never empty text.
//! Images are skipped (their pixels hold no text to search).

use std::collections::{BTreeMap, BTreeSet};

use lopdf::content::Content;
use lopdf::{decode_text_string, Dictionary, Document, Encoding, Object, ObjectId, Stream};

/// The most bytes one stream may inflate to while it is read for text.
const MAX_STREAM: usize = 64 * 1024 * 1024;
/// How deep form XObjects may nest inside each other.
const MAX_FORMS: usize = 12;

/// Where the text goes: pieces of one run of text, and breaks between
/// runs that are unrelated (two strings of the file).
pub(crate) trait Sink {
    fn text(&mut self, s: &str);
    fn brk(&mut self);
    /// Bytes that are markup (an XMP packet) or raw data (a stream).
    fn bytes(&mut self, b: &[u8]);
}

/// Feeds every text of `doc` to `sink`; `Err` says what could not be read.
pub(crate) fn scan(doc: &Document, sink: &mut dyn Sink) -> Result<(), String> {
    for obj in doc.objects.values() {
        strings(obj, sink, 0);
        if let Object::Stream(s) = obj {
            stream_bytes(s, sink)?;
        }
    }
    for (n, page) in doc.get_pages() {
        let fonts = page_fonts(doc, page);
        let content = page_content(doc, page)
            .map_err(|e| format!("page {n}'s content cannot be read ({e})"))?;
        let resources = page_resources(doc, page);
        let mut seen = BTreeSet::new();
        shown(doc, &content, &fonts, resources, sink, &mut seen, 0)
            .map_err(|e| format!("page {n}: {e}"))?;
    }
    Ok(())
}

/// Strings and names in `obj` (dictionaries and arrays walked; lopdf's
/// parser bounds their nesting).
fn strings(obj: &Object, sink: &mut dyn Sink, depth: usize) {
    if depth > 128 {
        return;
    }
    match obj {
        Object::String(bytes, _) => {
            match decode_text_string(obj) {
                Ok(s) => sink.text(&s),
                Err(_) => sink.text(&String::from_utf8_lossy(bytes)),
            }
            sink.brk();
        }
        Object::Name(n) => {
            sink.text(&String::from_utf8_lossy(n));
            sink.brk();
        }
        Object::Array(items) => items.iter().for_each(|i| strings(i, sink, depth + 1)),
        Object::Dictionary(d) => d.iter().for_each(|(_, v)| strings(v, sink, depth + 1)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, v)| strings(v, sink, depth + 1)),
        _ => {}
    }
}

/// A stream's bytes, inflated (images skipped).
fn stream_bytes(s: &Stream, sink: &mut dyn Sink) -> Result<(), String> {
    let subtype = s.dict.get(b"Subtype").and_then(Object::as_name).ok();
    if subtype == Some(b"Image") {
        return Ok(());
    }
    let data = decode(s).map_err(|e| format!("a stream cannot be decoded ({e})"))?;
    sink.bytes(&data);
    sink.brk();
    Ok(())
}

/// A stream's data decoded, at most [`MAX_STREAM`] bytes. Plain Flate
/// (the usual filter) is inflated here, strictly: data that is not zlib,
/// or ends early, is an error (lopdf's own decoder keeps what it could
/// read, which would pass a damaged stream as empty).
fn decode(s: &Stream) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let filters = s.filters().unwrap_or_default();
    let plain_flate = filters == [b"FlateDecode".as_slice()] && !s.dict.has(b"DecodeParms");
    if !plain_flate {
        return s
            .decompressed_content_with_limit(MAX_STREAM)
            .map_err(|e| e.to_string());
    }
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(s.content.as_slice())
        .take(MAX_STREAM as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("its compressed data is damaged: {e}"))?;
    if out.len() > MAX_STREAM {
        return Err(format!("it inflates past {} MB", MAX_STREAM >> 20));
    }
    Ok(out)
}

/// A page's content streams, decoded and joined.
fn page_content(doc: &Document, page: ObjectId) -> Result<Vec<u8>, String> {
    let dict = doc.get_dictionary(page).map_err(|e| e.to_string())?;
    let ids = content_ids(doc, dict);
    let mut out = Vec::new();
    for id in ids {
        let s = doc
            .get_object(id)
            .and_then(Object::as_stream)
            .map_err(|e| format!("object {} {}: {e}", id.0, id.1))?;
        out.extend(decode(s)?);
        out.push(b'\n');
        if out.len() > MAX_STREAM {
            return Err(format!("it inflates past {} MB", MAX_STREAM >> 20));
        }
    }
    Ok(out)
}

/// A page's resources dictionary (inherited).
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let (direct, ids) = doc.get_page_resources(page).ok()?;
    direct.or_else(|| ids.first().and_then(|id| doc.get_dictionary(*id).ok()))
}

/// The encodings of a page's fonts, by resource name.
fn page_fonts(doc: &Document, page: ObjectId) -> BTreeMap<Vec<u8>, Encoding<'_>> {
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    fonts
        .into_iter()
        .filter_map(|(name, f)| Some((name, f.get_font_encoding_with_limit(doc, MAX_STREAM).ok()?)))
        .collect()
}

/// The encodings of the fonts in a resources dictionary.
fn fonts_in<'d>(doc: &'d Document, res: &'d Dictionary) -> BTreeMap<Vec<u8>, Encoding<'d>> {
    let Some(fonts) = deref(doc, res.get(b"Font").ok()).and_then(|f| f.as_dict().ok()) else {
        return BTreeMap::new();
    };
    fonts
        .iter()
        .filter_map(|(name, f)| {
            let f = deref(doc, Some(f))?.as_dict().ok()?;
            Some((
                name.clone(),
                f.get_font_encoding_with_limit(doc, MAX_STREAM).ok()?,
            ))
        })
        .collect()
}

fn deref<'d>(doc: &'d Document, o: Option<&'d Object>) -> Option<&'d Object> {
    match o? {
        Object::Reference(id) => doc.objects.get(id),
        o => Some(o),
    }
}

/// The text `content` shows, and that of the forms it draws.
fn shown(
    doc: &Document,
    content: &[u8],
    fonts: &BTreeMap<Vec<u8>, Encoding>,
    resources: Option<&Dictionary>,
    sink: &mut dyn Sink,
    seen: &mut BTreeSet<ObjectId>,
    depth: usize,
) -> Result<(), String> {
    let ops = Content::decode(content).map_err(|e| format!("content that does not parse ({e})"))?;
    let mut font = None;
    for op in &ops.operations {
        match op.operator.as_str() {
            "Tf" => font = op.operands.first().and_then(|n| n.as_name().ok()),
            "Tj" | "TJ" | "'" | "\"" => {
                let enc = font.and_then(|f| fonts.get(f));
                for o in &op.operands {
                    show(o, enc, sink);
                }
            }
            "Do" if depth < MAX_FORMS => {
                let name = op.operands.first().and_then(|n| n.as_name().ok());
                if let Some(form) = name.and_then(|n| xobject(doc, resources, n)) {
                    if seen.insert(form) {
                        form_text(doc, form, fonts, sink, seen, depth)?;
                    }
                }
            }
            "BT" | "ET" | "Td" | "TD" | "Tm" | "T*" => sink.text(" "),
            _ => {}
        }
    }
    sink.brk();
    Ok(())
}

/// One operand of a text-showing operator: a string, or `TJ`'s array.
fn show(o: &Object, enc: Option<&Encoding>, sink: &mut dyn Sink) {
    match o {
        Object::String(bytes, _) => {
            let text = enc.and_then(|e| Document::decode_text(e, bytes).ok());
            match text {
                Some(t) => sink.text(&t),
                None => sink.text(&String::from_utf8_lossy(bytes)),
            }
        }
        Object::Array(items) => items.iter().for_each(|i| show(i, enc, sink)),
        _ => {}
    }
}

/// The form XObject `name` in `resources`.
fn xobject(doc: &Document, resources: Option<&Dictionary>, name: &[u8]) -> Option<ObjectId> {
    let x = deref(doc, resources?.get(b"XObject").ok())?
        .as_dict()
        .ok()?;
    let id = x.get(name).ok()?.as_reference().ok()?;
    let s = doc.objects.get(&id)?.as_stream().ok()?;
    (s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form")).then_some(id)
}

fn form_text(
    doc: &Document,
    form: ObjectId,
    outer: &BTreeMap<Vec<u8>, Encoding>,
    sink: &mut dyn Sink,
    seen: &mut BTreeSet<ObjectId>,
    depth: usize,
) -> Result<(), String> {
    let Some(Object::Stream(s)) = doc.objects.get(&form) else {
        return Ok(());
    };
    let data = decode(s).map_err(|e| format!("a form cannot be decoded ({e})"))?;
    let res = deref(doc, s.dict.get(b"Resources").ok()).and_then(|r| r.as_dict().ok());
    match res {
        Some(r) => {
            let own = fonts_in(doc, r);
            let fonts = if own.is_empty() { None } else { Some(own) };
            shown(
                doc,
                &data,
                fonts.as_ref().unwrap_or(outer),
                Some(r),
                sink,
                seen,
                depth + 1,
            )
        }
        None => shown(doc, &data, outer, None, sink, seen, depth + 1),
    }
}

/// The content streams a page dictionary names: one reference, a
/// reference to an array of them, or an array (anything else names none).
pub(crate) fn content_ids(doc: &lopdf::Document, page: &Dictionary) -> Vec<ObjectId> {
    let refs = |items: &[Object]| items.iter().filter_map(|o| o.as_reference().ok()).collect();
    match page.get(b"Contents") {
        Ok(Object::Reference(id)) => match doc.objects.get(id) {
            Some(Object::Array(items)) => refs(items),
            _ => vec![*id],
        },
        Ok(Object::Array(items)) => refs(items),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Collect {
        text: String,
        raw: String,
    }

    impl Sink for Collect {
        fn text(&mut self, s: &str) {
            self.text.push_str(s);
        }
        fn brk(&mut self) {
            self.text.push('\n');
        }
        fn bytes(&mut self, b: &[u8]) {
            self.raw.push_str(&String::from_utf8_lossy(b));
        }
    }

    fn squeeze(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn our_own_pdfs_read_as_their_words_through_the_tounicode_maps() {
        let doc = crate::document::sample::sample_document();
        let fonts = crate::pdf::Fonts::builtin();
        let bytes = crate::pdf::render(&doc, &fonts, &crate::pdf::PdfOptions::default()).bytes;
        let parsed = Document::load_mem(&bytes).unwrap();
        let mut sink = Collect::default();
        scan(&parsed, &mut sink).unwrap();
        // Body text is only in compressed content, as glyph codes.
        let words = "The Alliance was offered £800,000 \u{2013} a café-style ✓ of confidence.";
        assert!(!squeeze(&sink.raw).contains(&squeeze(words)));
        assert!(
            squeeze(&sink.text).contains(&squeeze(words)),
            "{}",
            sink.text
        );
    }

    #[test]
    fn a_stream_that_cannot_be_decoded_is_an_error() {
        let mut doc = Document::with_version("1.7");
        let bad = Stream::new(
            lopdf::dictionary! { "Filter" => "FlateDecode" },
            b"not zlib".to_vec(),
        );
        doc.add_object(bad);
        assert!(scan(&doc, &mut Collect::default()).is_err());
    }
}
