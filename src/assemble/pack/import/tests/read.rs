//! Reading files to import: what is read from a good file, and the
//! refusals (encrypted, damaged, no pages, too many pages), each naming
//! the file.

use lopdf::{dictionary, Object};

use super::{crafted, imported, put, sample_pdf, saved, tmp, tool};
use crate::assemble::pack::import::{read, ImportError, Problem, MAX_PAGES};
use crate::pdf::layout::DocId;

/// The error reading `bytes` as `papers/x.pdf` gives.
fn refused(bytes: &[u8]) -> ImportError {
    match read(bytes, "papers/x.pdf") {
        Ok(f) => panic!("read: {f:?}"),
        Err(e) => e,
    }
}

#[test]
fn our_own_pdf_reads_with_its_pages_tags_and_bookmarks() {
    let bytes = sample_pdf(false);
    let file = imported(&bytes);
    let fonts = crate::pdf::Fonts::builtin();
    let laid = crate::pdf::furnished(&super::paper(), &fonts);
    assert_eq!(file.pages.len(), laid.pages.len());
    for p in &file.pages {
        let (w, h) = p.size();
        assert!(
            (w - 595.28).abs() < 0.01 && (h - 841.89).abs() < 0.01,
            "{p:?}"
        );
        assert_eq!((p.rotate, p.crop), (0, p.media));
    }
    assert!(file.tagged);
    assert_eq!(file.warning(), None);
    // The outline is the one we wrote: same titles, levels and pages.
    let mut glyphs = crate::pdf::embed::Glyphs::new(&fonts);
    let trees = crate::pdf::write::Trees::from([(DocId(0), &laid.tree)]);
    let (_, ours) = crate::pdf::write::write(&laid.pages, &mut glyphs, Some(&trees));
    let got: Vec<(u8, &str, usize)> = file
        .outline
        .iter()
        .map(|b| (b.level, b.title.as_str(), b.page))
        .collect();
    // Levels as the outline nests them: a heading that skips a level
    // hangs one below the nearest higher one.
    let mut stack: Vec<u8> = Vec::new();
    let want: Vec<(u8, &str, usize)> = ours
        .iter()
        .map(|b| {
            while stack.last().is_some_and(|&l| l >= b.level.max(1)) {
                stack.pop();
            }
            stack.push(b.level.max(1));
            (stack.len() as u8, b.title.as_str(), b.page)
        })
        .collect();
    assert!(want.len() >= 3, "{want:?}");
    assert_eq!(got, want);
}

#[test]
fn boxes_and_rotation_are_inherited_from_the_page_tree() {
    let (mut doc, tree) = crafted(2);
    let tree_dict = doc
        .get_dictionary_mut(tree)
        .unwrap_or_else(|e| panic!("{e}"));
    tree_dict.set("Rotate", 90);
    tree_dict.set(
        "CropBox",
        vec![10.into(), 20.into(), 190.into(), 500.into()],
    );
    let second = doc.get_pages()[&2];
    let page = doc
        .get_dictionary_mut(second)
        .unwrap_or_else(|e| panic!("{e}"));
    page.set("Rotate", -90);
    page.set("MediaBox", vec![400.into(), 300.into(), 0.into(), 0.into()]);
    let file = imported(&saved(doc));
    let [a, b] = [&file.pages[0], &file.pages[1]];
    assert_eq!(
        (a.media, a.crop, a.rotate),
        ([0.0, 0.0, 200.0, 300.0], [10.0, 20.0, 190.0, 300.0], 90)
    );
    assert_eq!(
        (b.media, b.crop, b.rotate),
        ([0.0, 0.0, 400.0, 300.0], [10.0, 20.0, 190.0, 300.0], 270)
    );
    assert_eq!(a.size(), (180.0, 280.0));
    assert!(!file.tagged);
    let warning = file.warning().unwrap_or_default();
    assert!(
        warning.starts_with("`papers/sample.pdf` is not a tagged PDF"),
        "{warning}"
    );
    assert!(warning.contains("does not claim PDF/UA"), "{warning}");
}

#[test]
fn an_encrypted_file_is_refused_as_encrypted() {
    let dir = tmp();
    let plain = put(dir.path(), "plain.pdf", &sample_pdf(false));
    // With an open password, and with only an owner password (opens
    // without one, but restricts copying): both are refused.
    for (user, name) in [("u", "locked.pdf"), ("", "restricted.pdf")] {
        let out = dir.path().join(name).to_string_lossy().into_owned();
        let (code, msg) = tool("qpdf", &["--encrypt", user, "o", "256", "--", &plain, &out]);
        assert_eq!(code, 0, "{msg}");
        let bytes = std::fs::read(&out).unwrap_or_else(|e| panic!("{e}"));
        let e = refused(&bytes);
        assert_eq!(e.problem, Problem::Encrypted, "{name}");
        assert!(
            e.to_string()
                .starts_with("`papers/x.pdf` is encrypted (password-protected)"),
            "{e}"
        );
    }
}

#[test]
fn a_damaged_file_is_refused_as_damaged() {
    let good = sample_pdf(false);
    let dir = tmp();
    // qpdf's readable form, cut short: the page tree is gone.
    let plain = put(dir.path(), "plain.pdf", &good);
    let qdf = dir.path().join("qdf.pdf").to_string_lossy().into_owned();
    let (code, msg) = tool("qpdf", &["--qdf", "--object-streams=disable", &plain, &qdf]);
    assert_eq!(code, 0, "{msg}");
    let qdf = std::fs::read(&qdf).unwrap_or_else(|e| panic!("{e}"));
    let cases: [(&str, &[u8]); 4] = [
        ("truncated", &good[..good.len() / 3]),
        ("qdf truncated", &qdf[..qdf.len() / 10]),
        ("not a PDF", b"Minutes of the meeting held on 2 November"),
        ("empty", b""),
    ];
    for (what, bytes) in cases {
        let e = refused(bytes);
        assert!(matches!(e.problem, Problem::Broken(_)), "{what}: {e:?}");
        assert!(
            e.to_string()
                .starts_with("`papers/x.pdf` is not a PDF that can be read"),
            "{what}: {e}"
        );
    }
}

#[test]
fn a_file_without_pages_is_refused() {
    let (mut doc, tree) = crafted(0);
    let e = refused(&saved(doc.clone()));
    assert_eq!(e.problem, Problem::NoPages);
    assert_eq!(e.to_string(), "`papers/x.pdf` has no pages to include");
    // A page tree whose kids are all missing objects is damaged.
    let tree_dict = doc
        .get_dictionary_mut(tree)
        .unwrap_or_else(|e| panic!("{e}"));
    tree_dict.set("Kids", vec![Object::Reference((9999, 0))]);
    assert!(matches!(refused(&saved(doc)).problem, Problem::Broken(_)));
}

#[test]
fn more_pages_than_the_cap_are_refused_and_the_cap_itself_is_read() {
    let e = refused(&saved(crafted(MAX_PAGES + 1).0));
    assert_eq!(e.problem, Problem::TooManyPages);
    assert_eq!(
        e.to_string(),
        format!(
            "`papers/x.pdf` has more than {MAX_PAGES} pages, the most one included PDF may have"
        )
    );
    assert_eq!(
        imported(&saved(crafted(MAX_PAGES).0)).pages.len(),
        MAX_PAGES
    );
}

#[test]
fn a_catalogue_without_a_page_tree_is_damaged() {
    let (mut doc, _) = crafted(1);
    let root = doc.add_object(dictionary! { "Type" => "Catalog" });
    doc.trailer.set("Root", root);
    let e = refused(&saved(doc));
    assert_eq!(e.problem, Problem::Broken("it has no page tree".into()));
}

#[test]
fn a_file_read_can_be_shared_between_the_build_s_threads() {
    fn shared<T: Send + Sync>(_: &T) {}
    let file = imported(&sample_pdf(false));
    shared(&file);
    // Read on one thread, joined on another (as a parallel build would).
    let (bytes, own) = std::thread::scope(|s| {
        s.spawn(|| super::join(&super::Join::all(&file)))
            .join()
            .unwrap_or_else(|_| panic!("join panicked"))
    });
    assert_eq!(imported(&bytes).pages.len(), own + file.pages.len());
}

#[test]
fn a_file_with_object_streams_reads_as_the_same_file_without() {
    let plain = sample_pdf(false);
    let dir = tmp();
    let input = put(dir.path(), "plain.pdf", &plain);
    let packed = dir.path().join("packed.pdf").to_string_lossy().into_owned();
    let (code, msg) = tool("qpdf", &["--object-streams=generate", &input, &packed]);
    assert_eq!(code, 0, "{msg}");
    let packed = std::fs::read(&packed).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        packed.windows(7).any(|w| w == b"/ObjStm"),
        "qpdf packed no objects"
    );
    let (a, b) = (imported(&plain), imported(&packed));
    assert_eq!(
        (a.pages.len(), a.tagged, &a.outline),
        (b.pages.len(), b.tagged, &b.outline)
    );
    let (joined, own) = super::join(&super::Join {
        overlay: false,
        ..super::Join::all(&b)
    });
    super::assert_qpdf_clean(&joined);
    let n = b.pages.len();
    assert_eq!(
        super::text(&joined, own + 1, own + n),
        super::text(&plain, 1, n)
    );
}
