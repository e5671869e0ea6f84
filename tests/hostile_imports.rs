//! Hostile input, round 3 (issue 20): a trust's own PDF brings nothing
//! active into its pack. Each file below (made with lopdf) hides an action,
//! a script, a launch, an embedded file or a form somewhere the old deep
//! copy followed (a popup's `/AA`, an extra key on a font or on the
//! resources, the catalogue's name tree, a widget); the pack is built,
//! passes `qpdf --check`, and `qpdf --json` finds none of them in it. A
//! structure tree that loops is cut with a warning; a 1e38 media box is
//! clamped. A file named by several agenda items and trusts is read once.
//!
//! Fixture `pack`: north's public agenda includes `own/finance.pdf`.

mod common;
mod pdfs;

use common::Project;
use lopdf::{dictionary, Object, Stream};
use pdfs::{qpdf, script, Pdf};

/// Keys and names that must not be anywhere in a pack.
const ACTIVE: [&str; 13] = [
    "\"/AA\"",
    "\"/JS\"",
    "\"/JavaScript\"",
    "\"/Launch\"",
    "\"/EmbeddedFile\"",
    "\"/EmbeddedFiles\"",
    "\"/Filespec\"",
    "\"/AcroForm\"",
    "\"/OpenAction\"",
    "\"/Names\"",
    "\"/FileAttachment\"",
    "\"/Widget\"",
    "\"/Popup\"",
];

/// Builds the fixture with `file` as north's own PDF: the pack is
/// written, qpdf finds it clean and nothing active in it; returns the
/// build's standard error and the pack as qpdf's JSON.
fn imported(file: Vec<u8>) -> (String, String) {
    let p = Project::fixture("pack");
    p.write("own/finance.pdf", file);
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let pack = p.path().join("build/north/pack.pdf");
    let (code, out) = qpdf(&["--check"], &pack);
    assert_eq!(code, 0, "qpdf --check: {out}");
    let (code, json) = qpdf(&["--json"], &pack);
    assert_eq!(code, 0);
    for key in ACTIVE {
        assert!(!json.contains(key), "{key} reached the pack");
    }
    assert!(
        !json.contains("pwned")
            && !json.contains("calc.exe")
            && !json.contains("SECRET-ATTACHMENT")
    );
    let text = p.pdftotext(&[], "build/north/pack.pdf");
    assert!(text.contains("Hostile import"), "{text}");
    (run.stderr, json)
}

fn base() -> Pdf {
    Pdf::one_page("Hostile import")
}

#[test]
fn a_popups_additional_actions_never_reach_the_pack() {
    let mut pdf = base();
    let popup = pdf.add_annot(dictionary! {
        "Type" => "Annot", "Subtype" => "Popup",
        "Rect" => vec![100.into(), 100.into(), 300.into(), 200.into()],
        "AA" => dictionary! { "O" => script(), "E" => script() },
    });
    pdf.add_annot(dictionary! {
        "Type" => "Annot", "Subtype" => "Text",
        "Rect" => vec![72.into(), 72.into(), 92.into(), 92.into()],
        "Contents" => Object::string_literal("A note"),
        "Popup" => popup,
        "AA" => dictionary! { "E" => script() },
        "A" => script(),
    });
    imported(pdf.bytes());
}

#[test]
fn launch_actions_anywhere_never_reach_the_pack() {
    let mut pdf = base();
    let launch = dictionary! { "S" => "Launch", "F" => Object::string_literal("calc.exe") };
    pdf.add_annot(dictionary! {
        "Type" => "Annot", "Subtype" => "Link",
        "Rect" => vec![72.into(), 700.into(), 300.into(), 720.into()],
        "A" => launch.clone(),
    });
    // An extra key on a font and on the resources, and an action
    // dressed as a font.
    let fake = pdf.doc.add_object(launch.clone());
    let page = pdf.page_dict();
    let res = page.get_mut(b"Resources").unwrap().as_dict_mut().unwrap();
    res.set("Zz", launch.clone());
    let fonts = res.get_mut(b"Font").unwrap().as_dict_mut().unwrap();
    fonts.set("F9", fake);
    pdf.catalog_dict().set("OpenAction", launch);
    imported(pdf.bytes());
}

#[test]
fn scripts_in_the_name_tree_and_open_action_never_reach_the_pack() {
    let mut pdf = base();
    let js = pdf.doc.add_object(script());
    pdf.catalog_dict().set(
        "Names",
        dictionary! { "JavaScript" => dictionary! {
            "Names" => vec![Object::string_literal("x"), js.into()],
        } },
    );
    pdf.catalog_dict().set("OpenAction", js);
    // A link whose action chains to a script.
    pdf.add_annot(dictionary! {
        "Type" => "Annot", "Subtype" => "Link",
        "Rect" => vec![72.into(), 700.into(), 300.into(), 720.into()],
        "A" => dictionary! {
            "S" => "URI", "URI" => Object::string_literal("https://example.org/"),
            "Next" => js,
        },
    });
    let (_, json) = imported(pdf.bytes());
    // The web link itself stays (the link policy allows https), alone.
    assert!(
        json.contains("https://example.org/"),
        "the link was dropped"
    );
}

#[test]
fn embedded_files_never_reach_the_pack() {
    let mut pdf = base();
    let data = pdf.doc.add_object(Stream::new(
        dictionary! { "Type" => "EmbeddedFile" },
        b"SECRET-ATTACHMENT".to_vec(),
    ));
    let spec = pdf.doc.add_object(dictionary! {
        "Type" => "Filespec", "F" => Object::string_literal("a.exe"),
        "EF" => dictionary! { "F" => data },
    });
    pdf.add_annot(dictionary! {
        "Type" => "Annot", "Subtype" => "FileAttachment",
        "Rect" => vec![72.into(), 72.into(), 92.into(), 92.into()],
        "FS" => spec,
    });
    pdf.catalog_dict().set(
        "Names",
        dictionary! { "EmbeddedFiles" => dictionary! {
            "Names" => vec![Object::string_literal("a.exe"), spec.into()],
        } },
    );
    // The file's stream named as an image XObject, and a font's extra key.
    let page = pdf.page_dict();
    let res = page.get_mut(b"Resources").unwrap().as_dict_mut().unwrap();
    res.set("XObject", dictionary! { "X1" => data });
    let fonts = res.get_mut(b"Font").unwrap().as_dict_mut().unwrap();
    let f1 = fonts.get(b"F1").unwrap().as_reference().unwrap();
    let font = pdf.doc.get_object_mut(f1).unwrap().as_dict_mut().unwrap();
    font.set("Attached", spec);
    imported(pdf.bytes());
}

#[test]
fn form_fields_never_reach_the_pack() {
    let mut pdf = base();
    let widget = pdf.add_annot(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx",
        "T" => Object::string_literal("name"),
        "Rect" => vec![72.into(), 500.into(), 300.into(), 520.into()],
        "AA" => dictionary! { "K" => script() },
    });
    pdf.catalog_dict().set(
        "AcroForm",
        dictionary! { "Fields" => vec![widget.into()], "NeedAppearances" => true },
    );
    imported(pdf.bytes());
}

#[test]
fn a_structure_cycle_is_cut_with_a_warning() {
    let mut pdf = Pdf::one_page("Hostile import");
    // Content marked as MCID 0, owned by element a; a's kid b lists a.
    let content = b"/P <</MCID 0>> BDC BT /F1 14 Tf 72 650 Td (Hostile import) Tj ET EMC";
    let stream = pdf.doc.add_object(pdfs::flate_stream(content));
    let page = pdf.page;
    pdf.page_dict().set("Contents", stream);
    pdf.page_dict().set("StructParents", 0);
    let root = pdf.doc.new_object_id();
    let a = pdf.doc.new_object_id();
    let b = pdf.doc.new_object_id();
    pdf.doc.objects.insert(
        a,
        Object::Dictionary(dictionary! {
            "Type" => "StructElem", "S" => "P", "P" => root, "Pg" => page,
            "K" => vec![0.into(), b.into()],
        }),
    );
    pdf.doc.objects.insert(
        b,
        Object::Dictionary(dictionary! {
            "Type" => "StructElem", "S" => "Span", "P" => a, "K" => vec![a.into()],
            "A" => dictionary! { "O" => "Layout", "AA" => dictionary! { "O" => script() } },
        }),
    );
    pdf.doc.objects.insert(
        root,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot", "K" => vec![a.into()],
            "ParentTree" => dictionary! { "Nums" => vec![0.into(), vec![a.into()].into()] },
        }),
    );
    pdf.catalog_dict().set("StructTreeRoot", root);
    pdf.catalog_dict()
        .set("MarkInfo", dictionary! { "Marked" => true });
    let (stderr, _) = imported(pdf.bytes());
    assert!(
        stderr.contains("warning[BP058]")
            && stderr.contains("loops back on itself")
            && stderr.contains("trusts/north.yaml:28:5"),
        "{stderr}"
    );
}

#[test]
fn a_huge_media_box_is_clamped_so_qpdf_reads_the_pack() {
    let mut pdf = base();
    let huge = Object::Real(1.0e38);
    pdf.page_dict()
        .set("MediaBox", vec![0.into(), 0.into(), huge.clone(), huge]);
    imported(pdf.bytes());
}

#[test]
fn a_file_named_by_many_items_and_trusts_is_read_once_within_one_budget() {
    let p = Project::fixture("pack");
    // North's agenda names the file ten times more, each a public item.
    let mut extra = String::new();
    for n in 0..10 {
        extra.push_str(&format!(
            "  - item: \"3.{n}\"\n    file: own/finance.pdf\n    title: Copy {n}\n"
        ));
    }
    let yaml = p.read("trusts/north.yaml");
    let yaml = yaml.replace("  - part-ii:", &format!("{extra}  - part-ii:"));
    p.write("trusts/north.yaml", yaml);
    let run = p.run_bounded(&["build"]);
    run.assert_survived("a file named eleven times");
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
    let text = p.pdftotext(&[], "build/north/pack.pdf");
    assert!(text.contains("Item 3.9 \u{2013} Copy 9"), "{text}");
}
