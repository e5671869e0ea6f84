//! Hostile files: loops and deep nesting in the page tree, the outline,
//! the structure tree and the parent tree, and deeply nested direct
//! objects. Each is refused or read within its bounds, quickly, without
//! overflowing the stack; what is read joins into a PDF qpdf accepts.

use std::time::{Duration, Instant};

use lopdf::{dictionary, Document, Object, ObjectId};

use super::{assert_qpdf_clean, crafted, join, saved, Join};
use crate::assemble::pack::import::{read, Imported, Problem};

/// Runs `f`, which must finish within a few seconds (debug build).
fn quickly<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    eprintln!("{what}: {took:?}");
    assert!(took < Duration::from_secs(10), "{what} took {took:?}");
    out
}

fn problem(bytes: &[u8]) -> Problem {
    match read(bytes, "x.pdf") {
        Ok(f) => panic!("read: {f:?}"),
        Err(e) => e.problem,
    }
}

#[test]
fn a_page_tree_that_loops_is_damaged() {
    let (mut doc, tree) = crafted(2);
    let kids = vec![
        Object::Reference(tree),
        Object::Reference(doc.get_pages()[&1]),
    ];
    doc.get_dictionary_mut(tree)
        .unwrap_or_else(|e| panic!("{e}"))
        .set("Kids", kids);
    let bytes = saved(doc);
    let p = quickly("loop", || problem(&bytes));
    assert_eq!(
        p,
        Problem::Broken("its page tree loops back on itself".into())
    );
}

#[test]
fn a_page_tree_nested_too_deep_is_refused() {
    let (mut doc, tree) = crafted(1);
    let page = doc.get_pages()[&1];
    // 20,000 page tree nodes, each the only kid of the one above.
    let mut below = page;
    for _ in 0..20_000 {
        below = doc.add_object(
            dictionary! { "Type" => "Pages", "Kids" => vec![below.into()], "Count" => 1 },
        );
    }
    doc.get_dictionary_mut(tree)
        .unwrap_or_else(|e| panic!("{e}"))
        .set("Kids", vec![below.into()]);
    let bytes = saved(doc);
    let p = quickly("deep page tree", || problem(&bytes));
    assert_eq!(p, Problem::TooComplex("page tree nesting"));
}

/// Adds an outline whose items are `items` (built by the caller).
fn with_outline(doc: &mut Document, first: ObjectId) {
    let outlines = doc.add_object(dictionary! { "Type" => "Outlines", "First" => first });
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .unwrap_or((0, 0));
    let cat = doc
        .get_dictionary_mut(root)
        .unwrap_or_else(|e| panic!("{e}"));
    cat.set("Outlines", outlines);
}

fn item(doc: &mut Document, title: &str) -> ObjectId {
    doc.add_object(dictionary! { "Title" => Object::string_literal(title) })
}

#[test]
fn an_outline_that_loops_is_read_once_round() {
    let (mut doc, _) = crafted(1);
    let [a, b] = [item(&mut doc, "A"), item(&mut doc, "B")];
    let set = |doc: &mut Document, id, key: &str, to: ObjectId| {
        doc.get_dictionary_mut(id)
            .unwrap_or_else(|e| panic!("{e}"))
            .set(key, to);
    };
    // A's next is B, B's next is A; B's first child is B itself.
    set(&mut doc, a, "Next", b);
    set(&mut doc, b, "Next", a);
    set(&mut doc, b, "First", b);
    with_outline(&mut doc, a);
    let bytes = saved(doc);
    let file = quickly("outline loop", || read(&bytes, "x.pdf"));
    let titles: Vec<(u8, String)> = file
        .unwrap_or_else(|e| panic!("{e}"))
        .outline
        .into_iter()
        .map(|b| (b.level, b.title))
        .collect();
    assert_eq!(titles, [(1, "A".to_string()), (1, "B".to_string())]);
}

#[test]
fn an_outline_nested_too_deep_or_too_long_is_refused() {
    let (mut doc, _) = crafted(1);
    let mut below = item(&mut doc, "deepest");
    for n in 0..5_000 {
        let up = item(&mut doc, &format!("level {n}"));
        doc.get_dictionary_mut(up)
            .unwrap_or_else(|e| panic!("{e}"))
            .set("First", below);
        below = up;
    }
    with_outline(&mut doc, below);
    let bytes = saved(doc);
    assert_eq!(
        quickly("deep outline", || problem(&bytes)),
        Problem::TooComplex("bookmark nesting")
    );

    let (mut doc, _) = crafted(1);
    let mut next = item(&mut doc, "last");
    for n in 0..30_000 {
        let before = item(&mut doc, &format!("item {n}"));
        doc.get_dictionary_mut(before)
            .unwrap_or_else(|e| panic!("{e}"))
            .set("Next", next);
        next = before;
    }
    with_outline(&mut doc, next);
    let bytes = saved(doc);
    assert_eq!(
        quickly("long outline", || problem(&bytes)),
        Problem::TooComplex("number of bookmarks")
    );
}

/// A tagged crafted file: one page whose text is MCID 0 of a `P`, with
/// the structure tree `extra` adds elements to.
fn tagged(extra: impl FnOnce(&mut Document, ObjectId, ObjectId)) -> Vec<u8> {
    let (mut doc, _) = crafted(1);
    let page = doc.get_pages()[&1];
    let content = doc
        .get_dictionary(page)
        .ok()
        .and_then(|p| p.get(b"Contents").ok()?.as_reference().ok());
    let content = content.unwrap_or((0, 0));
    if let Ok(Object::Stream(s)) = doc.get_object_mut(content) {
        s.set_plain_content(
            b"/P <</MCID 0>> BDC BT /F1 12 Tf 20 250 Td (Hello 0) Tj ET EMC".to_vec(),
        );
    }
    let root = doc.new_object_id();
    let p = doc.add_object(
        dictionary! { "Type" => "StructElem", "S" => "P", "P" => root, "Pg" => page, "K" => 0 },
    );
    let parents = dictionary! { "Nums" => vec![0.into(), vec![Object::Reference(p)].into()] };
    doc.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot", "K" => vec![Object::Reference(p)], "ParentTree" => parents,
        }),
    );
    doc.get_dictionary_mut(page)
        .unwrap_or_else(|e| panic!("{e}"))
        .set("StructParents", 0);
    let cat = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .unwrap_or((0, 0));
    let cat = doc
        .get_dictionary_mut(cat)
        .unwrap_or_else(|e| panic!("{e}"));
    cat.set("MarkInfo", dictionary! { "Marked" => true });
    cat.set("StructTreeRoot", root);
    extra(&mut doc, root, p);
    saved(doc)
}

/// Reads and joins `bytes` (all pages after ours), checks the result
/// with qpdf; returns the file read.
fn joins_cleanly(what: &str, bytes: &[u8]) -> Imported {
    let file = quickly(what, || read(bytes, "x.pdf")).unwrap_or_else(|e| panic!("{e}"));
    let (out, _) = quickly(what, || join(&Join::all(&file)));
    assert_qpdf_clean(&out);
    file
}

#[test]
fn a_structure_tree_that_loops_or_nests_deep_is_written_within_bounds() {
    // The P's kids: itself, the root, and a chain 10,000 elements deep.
    let bytes = tagged(|doc, root, p| {
        let mut below = doc.add_object(dictionary! { "S" => "Span", "K" => vec![] as Vec<Object> });
        for _ in 0..10_000 {
            below = doc.add_object(dictionary! { "S" => "Span", "K" => vec![below.into()] });
        }
        let kids = vec![0.into(), p.into(), root.into(), below.into()];
        doc.get_dictionary_mut(p)
            .unwrap_or_else(|e| panic!("{e}"))
            .set("K", kids);
    });
    let file = joins_cleanly("structure", &bytes);
    assert!(file.tagged);
    let (out, _) = join(&Join::all(&file));
    // Each element written once: the P, and the chain down to the depth cap.
    let spans = count(&out, b"/S /Span");
    assert!((200..=256).contains(&spans), "{spans} spans");
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

#[test]
fn a_parent_tree_that_loops_is_read_within_bounds() {
    let bytes = tagged(|doc, root, p| {
        let node = doc.new_object_id();
        let nums = vec![0.into(), vec![Object::Reference(p)].into()];
        doc.objects.insert(
            node,
            Object::Dictionary(dictionary! {
                "Kids" => vec![node.into(), node.into()], "Nums" => nums,
            }),
        );
        let tree = dictionary! { "Kids" => vec![node.into(), node.into()] };
        doc.get_dictionary_mut(root)
            .unwrap_or_else(|e| panic!("{e}"))
            .set("ParentTree", tree);
    });
    joins_cleanly("parent tree", &bytes);
}

/// A file written by hand: `objects` numbered from 1 (the first is the
/// catalogue), with a correct cross-reference table.
fn raw_pdf(objects: &[impl AsRef<[u8]>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (n, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", n + 1).as_bytes());
        out.extend(body.as_ref());
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn deeply_nested_arrays_and_dictionaries_do_not_overflow_the_stack() {
    for (open, close) in [("[", "]"), ("<< /A ", " >>")] {
        let deep = format!("{}0{}", open.repeat(100_000), close.repeat(100_000));
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /X {deep} >>"),
        ];
        let bytes = raw_pdf(&objects);
        // Refused or read; either way within bounds (a stack overflow
        // would abort the test process).
        if let Ok(file) = quickly("deep nesting", || read(&bytes, "x.pdf")) {
            let (out, _) = join(&Join::all(&file));
            assert_qpdf_clean(&out);
        }
    }
}

#[test]
fn a_hand_written_file_reads() {
    // The raw writer above makes files lopdf reads (so the nesting test
    // tests nesting, not a broken cross-reference table).
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /X [[[0]]] >>".to_string(),
    ];
    let file = read(&raw_pdf(&objects), "x.pdf").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(file.pages.len(), 1);
}

/// An object stream holding object `number`, `body`, deflated.
fn object_stream(number: usize, body: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let header = format!("{number} 0 ");
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let written = z
        .write_all(header.as_bytes())
        .and_then(|()| z.write_all(body));
    let data = written
        .and_then(|()| z.finish())
        .unwrap_or_else(|e| panic!("{e}"));
    let dict = format!(
        "<< /Type /ObjStm /N 1 /First {} /Length {} /Filter /FlateDecode >>\nstream\n",
        header.len(),
        data.len()
    );
    [dict.as_bytes(), &data, b"\nendstream"].concat()
}

/// The catalogue, page tree and one page, then `more` objects.
fn with_page(more: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] >>".to_vec(),
    ];
    objects.extend(more);
    raw_pdf(&objects)
}

#[test]
fn object_streams_that_unpack_into_too_much_are_refused() {
    // Ten streams of a few kilobytes, each unpacking to an array of
    // 300,000 numbers (36 MB of objects): together over the budget.
    let zeros = format!("[{}]", "0 ".repeat(300_000));
    let streams = (0..10)
        .map(|n| object_stream(100 + n, zeros.as_bytes()))
        .collect();
    let bytes = with_page(streams);
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    let too_big = Problem::TooComplex("size once unpacked");
    assert_eq!(quickly("many streams", || problem(&bytes)), too_big);
    // One stream unpacking past 2 MB.
    let bytes = with_page(vec![object_stream(100, &vec![b' '; 3 * 1024 * 1024])]);
    assert_eq!(quickly("big stream", || problem(&bytes)), too_big);
    // One such stream is within the budget.
    let bytes = with_page(vec![object_stream(100, zeros.as_bytes())]);
    let file = quickly("one stream", || read(&bytes, "x.pdf")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(file.pages.len(), 1);
}

#[test]
fn a_file_of_too_many_objects_is_refused_before_it_is_parsed() {
    // 4 MB of numbers outside any stream: 2 million objects.
    let zeros = format!("[{}]", "0 ".repeat(2_000_000));
    let bytes = with_page(vec![zeros.into_bytes()]);
    let p = quickly("many objects", || problem(&bytes));
    assert_eq!(p, Problem::TooComplex("size once unpacked"));
    // Stream data is not counted: a page of 5 MB of content reads.
    let content = format!("BT /F1 9 Tf {} ET", "(x) Tj ".repeat(700_000));
    let stream = format!(
        "<< /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    );
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] /Contents 4 0 R >>".to_vec(),
        stream.into_bytes(),
    ];
    let file = quickly("big content", || read(&raw_pdf(&objects), "x.pdf"));
    assert_eq!(file.unwrap_or_else(|e| panic!("{e}")).pages.len(), 1);
}
