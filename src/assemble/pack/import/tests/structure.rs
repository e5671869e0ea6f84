//! A tagged import's structure in the joined PDF, read back with lopdf:
//! its elements, in order, under the element of ours it was given, each
//! marked-content reference on the imported page it came from, the parent
//! tree mapping each imported page's MCIDs back to the copied elements;
//! and the PDF/UA checkers passing on our pages plus a tagged import.

use std::path::{Path, PathBuf};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{catalog, imported, join, load, put, sample_pdf, tmp, tool, Join};

fn dict(doc: &Document, o: &Object) -> Dictionary {
    let o = match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or_else(|e| panic!("{e}")),
        o => o,
    };
    o.as_dict().unwrap_or_else(|e| panic!("{e}")).clone()
}

/// The element kids of a structure node, as references.
fn element_kids(doc: &Document, d: &Dictionary) -> Vec<ObjectId> {
    let kids = match d.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(k) => vec![k.clone()],
        Err(_) => Vec::new(),
    };
    kids.iter()
        .filter_map(|k| k.as_reference().ok())
        .filter(|id| doc.get_dictionary(*id).is_ok_and(|d| d.has(b"S")))
        .collect()
}

/// Roles of the elements under `ids`, depth first, one a line indented.
fn roles(doc: &Document, ids: &[ObjectId], depth: usize, out: &mut Vec<String>) {
    for &id in ids {
        let d = doc.get_dictionary(id).unwrap_or_else(|e| panic!("{e}"));
        let role = d.get(b"S").and_then(Object::as_name).unwrap_or(b"?");
        out.push(format!(
            "{}{}",
            "  ".repeat(depth),
            String::from_utf8_lossy(role)
        ));
        roles(doc, &element_kids(doc, d), depth + 1, out);
    }
}

fn root(doc: &Document) -> Dictionary {
    let cat = catalog(doc).clone();
    dict(
        doc,
        cat.get(b"StructTreeRoot").unwrap_or_else(|e| panic!("{e}")),
    )
}

#[test]
fn the_import_s_elements_hang_in_order_under_the_element_given() {
    let original = sample_pdf(false);
    let file = imported(&original);
    let (bytes, own) = join(&Join::all(&file));
    let (src, out) = (load(&original), load(&bytes));
    let src_top = element_kids(&src, &root(&src));
    let mut want = Vec::new();
    roles(&src, &src_top, 1, &mut want);
    // Our tree's top element is the Document the import was hung under;
    // its last kids are the import's top elements.
    let ours = element_kids(&out, &root(&out));
    assert_eq!(ours.len(), 1, "one top element");
    let document = out
        .get_dictionary(ours[0])
        .unwrap_or_else(|e| panic!("{e}"))
        .clone();
    let kids = element_kids(&out, &document);
    let grafted = &kids[kids.len() - src_top.len()..];
    let mut got = Vec::new();
    roles(&out, grafted, 1, &mut got);
    assert!(want.len() > 50, "{want:?}");
    assert_eq!(got, want);
    for &g in grafted {
        let p = out
            .get_dictionary(g)
            .and_then(|d| d.get(b"P"))
            .and_then(Object::as_reference);
        assert_eq!(p.ok(), Some(ours[0]));
    }
    // Every element's page is one of the imported pages.
    let pages = out.get_pages();
    let imported_pages: Vec<ObjectId> = (own + 1..=own + file.pages.len())
        .map(|n| pages[&(n as u32)])
        .collect();
    let mut stack = grafted.to_vec();
    while let Some(id) = stack.pop() {
        let d = out.get_dictionary(id).unwrap_or_else(|e| panic!("{e}"));
        if let Ok(pg) = d.get(b"Pg").and_then(Object::as_reference) {
            assert!(imported_pages.contains(&pg), "{id:?} on {pg:?}");
        }
        stack.extend(element_kids(&out, d));
    }
}

#[test]
fn the_parent_tree_maps_each_imported_page_s_marks_to_the_copied_elements() {
    let original = sample_pdf(false);
    let file = imported(&original);
    let (bytes, own) = join(&Join::all(&file));
    let out = load(&bytes);
    let nums = dict(
        &out,
        root(&out)
            .get(b"ParentTree")
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let nums = nums
        .get(b"Nums")
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    let keys: Vec<i64> = nums
        .iter()
        .step_by(2)
        .filter_map(|k| k.as_i64().ok())
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "keys in order: {keys:?}"
    );
    let src = load(&original);
    let src_nums = dict(
        &src,
        root(&src)
            .get(b"ParentTree")
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let src_nums = src_nums
        .get(b"Nums")
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    let pages = out.get_pages();
    for k in 0..file.pages.len() {
        let n = own + k;
        let page = out
            .get_dictionary(pages[&(n as u32 + 1)])
            .unwrap_or_else(|e| panic!("{e}"));
        let key = page.get(b"StructParents").and_then(Object::as_i64);
        assert_eq!(key.ok(), Some(n as i64), "page {n}");
        let at = |nums: &[Object], key: i64| -> Vec<Object> {
            let i = nums.chunks(2).position(|c| c[0].as_i64().ok() == Some(key));
            i.and_then(|i| nums[2 * i + 1].as_array().ok().cloned())
                .unwrap_or_default()
        };
        let marks = at(&nums, n as i64);
        let theirs = at(&src_nums, k as i64);
        assert_eq!(marks.len(), theirs.len(), "page {n}");
        assert!(!marks.is_empty());
        // Each mark's element is a copy with the same role as the original.
        for (m, t) in marks.iter().zip(&theirs) {
            let role = |doc: &Document, o: &Object| {
                dict(doc, o)
                    .get(b"S")
                    .and_then(Object::as_name)
                    .map(<[u8]>::to_vec)
                    .ok()
            };
            assert_eq!(role(&out, m), role(&src, t));
        }
    }
}

/// The folder holding the checkers, or `None` (after saying so) when
/// they are not installed here; in CI they must be (as tests/tagged.rs).
fn checkers() -> Option<PathBuf> {
    let dir = std::env::var_os("PDF_CHECKERS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv-pdf/bin"));
    if dir.join("outloud").is_file() && dir.join("pdfua").is_file() {
        return Some(dir);
    }
    let msg = format!("the PDF/UA checkers are not in {}", dir.display());
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{msg}");
    eprintln!("skipped: {msg}");
    None
}

#[test]
fn our_pages_plus_a_tagged_import_pass_both_checkers() {
    let Some(bin) = checkers() else { return };
    let file = imported(&sample_pdf(false));
    let (bytes, _) = join(&Join::all(&file));
    // Written for inspection, as the sample is.
    let _ = std::fs::write("/tmp/pdf-import-pack.pdf", &bytes);
    let dir = tmp();
    let path = put(dir.path(), "pack.pdf", &bytes);
    let (_, info) = tool("pdfinfo", &[&path]);
    assert!(info.contains("Tagged:          yes"), "{info}");
    let outloud = bin.join("outloud").to_string_lossy().into_owned();
    let (code, out) = tool(&outloud, &["--no-info", &path]);
    assert_eq!(code, 0, "outloud:\n{out}");
    let pdfua = bin.join("pdfua").to_string_lossy().into_owned();
    let (code, out) = tool(&pdfua, &["check", &path]);
    assert!(code <= 2, "pdfua ({code}):\n{out}");
}
