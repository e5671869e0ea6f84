//! Imported pages written into our PDF: qpdf accepts the result, the
//! pages read as the original, boxes and rotation survive, annotations
//! are kept or dropped as `annots` says, the overlay never clashes with
//! the page's resources, bookmarks nest under ours, and the claims follow
//! the imports' tagging. The same input gives the same bytes.

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

use super::{
    assert_qpdf_clean, catalog, crafted, imported, join, load, sample_pdf, saved, text, Join, ITEM,
};

/// The words of `text`, without the overlay's "Pack page N".
fn words_without_overlay(text: &str, n: usize) -> Vec<&str> {
    let stamp = format!("Pack page {n}");
    let at = text
        .find(&stamp)
        .unwrap_or_else(|| panic!("no {stamp:?} in {text}"));
    let (before, after) = (&text[..at], &text[at + stamp.len()..]);
    before
        .split_whitespace()
        .chain(after.split_whitespace())
        .collect()
}

#[test]
fn a_joined_pdf_passes_qpdf_check_and_is_the_same_every_time() {
    let file = imported(&sample_pdf(false));
    let (a, own) = join(&Join::all(&file));
    let (b, _) = join(&Join::all(&file));
    assert!(a == b, "two joins differ");
    assert!(own >= 5);
    assert_qpdf_clean(&a);
    let back = imported(&a);
    assert_eq!(back.pages.len(), own + file.pages.len());
}

#[test]
fn imported_pages_read_as_the_original() {
    let original = sample_pdf(false);
    let file = imported(&original);
    let n = file.pages.len();
    // Alone and without an overlay: the same text, page for page.
    let alone = Join {
        own: false,
        overlay: false,
        ..Join::all(&file)
    };
    let (bytes, _) = join(&alone);
    assert_eq!(text(&bytes, 1, n), text(&original, 1, n));
    // After our pages, with an overlay: each page's words and the stamp.
    let (bytes, own) = join(&Join::all(&file));
    for k in 0..n {
        let at = own + k + 1;
        let got = text(&bytes, at, at);
        let want = text(&original, k + 1, k + 1);
        assert_eq!(
            words_without_overlay(&got, at),
            want.split_whitespace().collect::<Vec<_>>()
        );
    }
}

#[test]
fn pages_can_be_placed_in_any_order_and_leave_some_out() {
    let original = sample_pdf(false);
    let file = imported(&original);
    let place = vec![2, 0];
    let j = Join {
        place: place.clone(),
        overlay: false,
        ..Join::all(&file)
    };
    let (bytes, own) = join(&j);
    assert_qpdf_clean(&bytes);
    for (n, k) in place.into_iter().enumerate() {
        assert_eq!(
            text(&bytes, own + n + 1, own + n + 1),
            text(&original, k + 1, k + 1)
        );
    }
}

#[test]
fn a_page_the_import_does_not_have_is_written_as_its_overlay_alone() {
    let original = sample_pdf(false);
    let file = imported(&original);
    let j = Join {
        place: vec![0, 99],
        ..Join::all(&file)
    };
    let (bytes, own) = join(&j);
    assert_qpdf_clean(&bytes);
    assert_eq!(imported(&bytes).pages.len(), own + 2);
    assert_eq!(
        text(&bytes, own + 2, own + 2)
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["Pack", "page", &(own + 2).to_string()]
    );
}

/// A two-page crafted file: page 1 rotated and cropped, with every kind
/// of annotation; page 2 plain.
fn annotated() -> Vec<u8> {
    let (mut doc, _) = crafted(2);
    let pages = doc.get_pages();
    let (one, two) = (pages[&1], pages[&2]);
    let link = |action: Dictionary| {
        dictionary! { "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(), "A" => action }
    };
    let uri = |u: &str| dictionary! { "S" => "URI", "URI" => Object::string_literal(u) };
    let annots: Vec<Dictionary> = vec![
        dictionary! { "Type" => "Annot", "Subtype" => "Link", "Rect" => rect(),
        "Dest" => vec![two.into(), "XYZ".into(), 0.into(), 280.into(), 0.into()] },
        link(uri("https://www.nhs.uk/")),
        link(uri("javascript:alert(1)")),
        link(uri("notes.html")),
        link(
            dictionary! { "S" => "GoToR", "F" => Object::string_literal("other.pdf"), "D" => vec![0.into(), "Fit".into()] },
        ),
        link(dictionary! { "S" => "Launch", "F" => Object::string_literal("calc.exe") }),
        link(dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") }),
        dictionary! { "Type" => "Annot", "Subtype" => "Text", "Rect" => rect(),
        "Contents" => Object::string_literal("A note"),
        "A" => dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("x") } },
        dictionary! { "Type" => "Annot", "Subtype" => "Widget", "Rect" => rect() },
    ];
    let ids: Vec<Object> = annots
        .into_iter()
        .map(|a| doc.add_object(a).into())
        .collect();
    let page = doc
        .get_dictionary_mut(one)
        .unwrap_or_else(|e| panic!("{e}"));
    page.set("Annots", ids);
    page.set("Rotate", 90);
    page.set(
        "CropBox",
        vec![10.into(), 10.into(), 190.into(), 290.into()],
    );
    saved(doc)
}

fn rect() -> Vec<Object> {
    vec![10.into(), 10.into(), 50.into(), 30.into()]
}

/// The annotations of page `n` (0-based) of a PDF read back.
fn annots(doc: &Document, n: u32) -> Vec<Dictionary> {
    let page = doc.get_pages()[&(n + 1)];
    let list = doc
        .get_dictionary(page)
        .ok()
        .and_then(|p| p.get(b"Annots").ok()?.as_array().ok().cloned())
        .unwrap_or_default();
    list.iter()
        .filter_map(|a| doc.get_dictionary(a.as_reference().ok()?).ok().cloned())
        .collect()
}

/// What an annotation read back does: its subtype and target.
fn does(doc: &Document, a: &Dictionary) -> String {
    let name = |o: &Object| String::from_utf8_lossy(o.as_name().unwrap_or(b"?")).into_owned();
    let subtype = a.get(b"Subtype").map(name).unwrap_or_default();
    if let Ok(dest) = a.get(b"Dest").and_then(Object::as_array) {
        let page = dest[0].as_reference().ok();
        let n = doc
            .get_pages()
            .into_iter()
            .find(|(_, id)| Some(*id) == page)
            .map(|p| p.0);
        return format!("{subtype} to page {n:?}");
    }
    if let Ok(action) = a.get(b"A").and_then(Object::as_dict) {
        let uri = action.get(b"URI").and_then(Object::as_str).unwrap_or(b"?");
        return format!("{subtype} to {}", String::from_utf8_lossy(uri));
    }
    subtype
}

#[test]
fn boxes_rotation_and_working_annotations_are_kept() {
    let file = imported(&annotated());
    let (bytes, own) = join(&Join::all(&file));
    assert_qpdf_clean(&bytes);
    let back = imported(&bytes);
    assert_eq!(back.pages[own].rotate, 90);
    assert_eq!(back.pages[own].crop, [10.0, 10.0, 190.0, 290.0]);
    assert_eq!(back.pages[own].media, [0.0, 0.0, 200.0, 300.0]);
    assert_eq!(back.pages[own + 1].rotate, 0);
    let doc = load(&bytes);
    let kept: Vec<String> = annots(&doc, own as u32)
        .iter()
        .map(|a| does(&doc, a))
        .collect();
    let second = own as u32 + 2;
    assert_eq!(
        kept,
        [
            format!("Link to page Some({second})"),
            "Link to https://www.nhs.uk/".to_string(),
            "Text".to_string(),
        ]
    );
    // Placed alone, page 1's link to page 2 has nowhere to go.
    let j = Join {
        place: vec![0],
        ..Join::all(&file)
    };
    let (bytes, own) = join(&j);
    assert_qpdf_clean(&bytes);
    let doc = load(&bytes);
    let kept: Vec<String> = annots(&doc, own as u32)
        .iter()
        .map(|a| does(&doc, a))
        .collect();
    assert_eq!(kept, ["Link to https://www.nhs.uk/", "Text"]);
}

#[test]
fn the_overlay_never_takes_a_resource_name_the_page_uses() {
    let (mut doc, _) = crafted(1);
    let page = doc.get_pages()[&1];
    // The page already draws a form named BPo0 (our first choice).
    let form = Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => rect(),
        "Resources" => dictionary! {} },
        b"0 0 1 rg 10 10 40 20 re f".to_vec(),
    );
    let form = doc.add_object(form);
    let font = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let resources = dictionary! {
        "Font" => dictionary! { "F1" => font, "B" => font },
        "XObject" => dictionary! { "BPo0" => form },
    };
    let content = b"q /BPo0 Do Q BT /B 12 Tf 20 250 Td (Hello 0) Tj ET".to_vec();
    let content = doc.add_object(Stream::new(dictionary! {}, content));
    let p = doc
        .get_dictionary_mut(page)
        .unwrap_or_else(|e| panic!("{e}"));
    p.set("Resources", resources);
    p.set("Contents", content);
    let file = imported(&saved(doc));
    let (bytes, own) = join(&Join::all(&file));
    assert_qpdf_clean(&bytes);
    let words = text(&bytes, own + 1, own + 1);
    assert_eq!(words_without_overlay(&words, own + 1), ["Hello", "0"]);
    let doc = load(&bytes);
    let page = doc.get_pages()[&(own as u32 + 1)];
    let xobjects = xobject_names(&doc, page);
    assert_eq!(xobjects, ["BPo0", "BPo1"]);
}

fn xobject_names(doc: &Document, page: ObjectId) -> Vec<String> {
    let res = doc
        .get_dictionary(page)
        .and_then(|p| p.get(b"Resources"))
        .and_then(Object::as_dict);
    let x = res
        .and_then(|r| r.get(b"XObject"))
        .and_then(Object::as_dict);
    x.map(|x| {
        x.iter()
            .map(|(k, _)| String::from_utf8_lossy(k).into_owned())
            .collect()
    })
    .unwrap_or_default()
}

#[test]
fn the_import_s_bookmarks_nest_under_ours_on_the_right_pages() {
    let file = imported(&sample_pdf(false));
    let (bytes, own) = join(&Join::all(&file));
    let back = imported(&bytes);
    let at = back
        .outline
        .iter()
        .position(|b| b.title == ITEM)
        .unwrap_or_else(|| panic!("no {ITEM}"));
    assert_eq!((back.outline[at].level, back.outline[at].page), (1, own));
    let nested: Vec<(u8, &str, usize)> = back.outline[at + 1..]
        .iter()
        .map(|b| (b.level, b.title.as_str(), b.page))
        .collect();
    let want: Vec<(u8, &str, usize)> = file
        .outline
        .iter()
        .map(|b| (b.level + 1, b.title.as_str(), b.page + own))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(nested, want);
}

/// The XMP packet of a PDF.
fn xmp(bytes: &[u8]) -> String {
    let doc = load(bytes);
    let id = catalog(&doc)
        .get(b"Metadata")
        .and_then(Object::as_reference);
    let stream = id
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream);
    String::from_utf8_lossy(&stream.map(|s| s.content.clone()).unwrap_or_default()).into_owned()
}

#[test]
fn claims_follow_the_imports_tagging() {
    // Our own PDF alone claims both.
    let alone = sample_pdf(false);
    assert!(xmp(&alone).contains("pdfuaid:part") && xmp(&alone).contains("pdfaid:part"));
    // A tagged import keeps PDF/UA, drops PDF/A.
    let (tagged, _) = join(&Join::all(&imported(&alone)));
    assert!(xmp(&tagged).contains("pdfuaid:part"));
    assert!(!xmp(&tagged).contains("pdfaid:part"));
    // An untagged import: a warning naming it, and neither claim; our own
    // pages keep their tags.
    let file = imported(&sample_pdf(true));
    assert!(!file.tagged);
    let warning = file.warning().unwrap_or_default();
    assert!(
        warning.starts_with("`papers/sample.pdf` is not a tagged PDF"),
        "{warning}"
    );
    let (untagged, _) = join(&Join::all(&file));
    assert_qpdf_clean(&untagged);
    let (meta, doc) = (xmp(&untagged), load(&untagged));
    assert!(
        !meta.contains("pdfuaid:part") && !meta.contains("pdfaid:part"),
        "{meta}"
    );
    assert!(catalog(&doc).has(b"StructTreeRoot"));
}
