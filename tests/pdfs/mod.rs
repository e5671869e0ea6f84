//! Small PDFs made with lopdf for the hostile tests: a one-page file with a
//! simple font and text, and the pieces hostile variants add (a CID font
//! with a ToUnicode map, an outline, XMP, actions, files, forms, structure).

#![allow(dead_code, unreachable_pub)]

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// A one-page PDF under construction.
pub struct Pdf {
    pub doc: Document,
    pub catalog: ObjectId,
    pub page: ObjectId,
}

/// `s` as a PDF text string in UTF-16BE with its byte order mark.
pub fn utf16(s: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    b.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(b, StringFormat::Hexadecimal)
}

/// `data` deflated.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// A content stream, deflated.
pub fn flate_stream(content: &[u8]) -> Stream {
    Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(content))
}

impl Pdf {
    /// One page showing `text` (ASCII) with Helvetica, its content deflated.
    pub fn one_page(text: &str) -> Pdf {
        let mut doc = Document::with_version("1.7");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let content = format!("BT /F1 14 Tf 72 720 Td ({text}) Tj ET");
        let contents = doc.add_object(flate_stream(content.as_bytes()));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            "Contents" => contents,
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        Pdf { doc, catalog, page }
    }

    pub fn page_dict(&mut self) -> &mut Dictionary {
        self.doc
            .get_object_mut(self.page)
            .unwrap()
            .as_dict_mut()
            .unwrap()
    }

    pub fn catalog_dict(&mut self) -> &mut Dictionary {
        self.doc
            .get_object_mut(self.catalog)
            .unwrap()
            .as_dict_mut()
            .unwrap()
    }

    /// Adds a second content stream showing `text` through an Identity-H
    /// CID font whose only key to the words is its ToUnicode map.
    pub fn add_cid_text(&mut self, text: &str) {
        let chars: Vec<char> = text.chars().collect();
        let mut map = String::new();
        for (i, c) in chars.iter().enumerate() {
            map.push_str(&format!("<{:04X}> <{:04X}>\n", i + 1, *c as u32));
        }
        let cmap = format!(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo 3 dict dup begin\n    /Registry (Adobe) def\n    \
             /Ordering (UCS) def\n    /Supplement 0 def\nend def\n\
             /CMapName /Hidden-UCS def\n/CMapVersion 1 def\n/CMapType 0 def\n/WMode 0 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n\
             {} beginbfchar\n{map}endbfchar\nendcmap\n\
             CMapName currentdict /CMap defineresource pop\nend\nend\n",
            chars.len()
        );
        let to_unicode = self.doc.add_object(flate_stream(cmap.as_bytes()));
        let cid = self.doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "Hidden",
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"), "Supplement" => 0,
            },
            "CIDToGIDMap" => "Identity",
        });
        let font = self.doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "Hidden",
            "Encoding" => "Identity-H", "DescendantFonts" => vec![cid.into()],
            "ToUnicode" => to_unicode,
        });
        let codes: String = (1..=chars.len()).map(|i| format!("{i:04X}")).collect();
        let content = format!("BT /F2 12 Tf 72 600 Td <{codes}> Tj ET");
        let stream = self.doc.add_object(flate_stream(content.as_bytes()));
        let page = self.page_dict();
        let first = page.get(b"Contents").unwrap().clone();
        page.set("Contents", vec![first, stream.into()]);
        let res = page.get_mut(b"Resources").unwrap().as_dict_mut().unwrap();
        let fonts = res.get_mut(b"Font").unwrap().as_dict_mut().unwrap();
        fonts.set("F2", font);
    }

    /// An outline of one bookmark titled `title` (UTF-16).
    pub fn add_outline(&mut self, title: &str) {
        let outlines = self.doc.new_object_id();
        let item = self.doc.add_object(dictionary! {
            "Title" => utf16(title), "Parent" => outlines,
            "Dest" => vec![self.page.into(), "Fit".into()],
        });
        self.doc.objects.insert(
            outlines,
            Object::Dictionary(dictionary! {
                "Type" => "Outlines", "First" => item, "Last" => item, "Count" => 1,
            }),
        );
        self.catalog_dict().set("Outlines", outlines);
    }

    /// An XMP packet whose title is `title` (as given: it may hold references).
    pub fn add_xmp(&mut self, title: &str) {
        let xmp = format!(
            "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
             <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
             <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
             <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\
             </rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"r\"?>"
        );
        let meta = self.doc.add_object(Stream::new(
            dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
            xmp.into_bytes(),
        ));
        self.catalog_dict().set("Metadata", meta);
    }

    /// `/Info` with `key` set to `value`.
    pub fn set_info(&mut self, key: &str, value: Object) {
        let info = self.doc.add_object(dictionary! { key => value });
        self.doc.trailer.set("Info", info);
    }

    /// Adds an annotation to the page.
    pub fn add_annot(&mut self, annot: Dictionary) -> ObjectId {
        let id = self.doc.add_object(annot);
        let page = self.page_dict();
        let mut list = page
            .get(b"Annots")
            .ok()
            .and_then(|a| a.as_array().ok().cloned())
            .unwrap_or_default();
        list.push(id.into());
        page.set("Annots", list);
        id
    }

    pub fn bytes(mut self) -> Vec<u8> {
        let mut out = Vec::new();
        self.doc.save_to(&mut out).unwrap();
        out
    }
}

/// A JavaScript action.
pub fn script() -> Dictionary {
    dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert('pwned')") }
}

/// Runs `qpdf` with `args` on `file`: (exit code, stdout).
pub fn qpdf(args: &[&str], file: &std::path::Path) -> (i32, String) {
    let out = std::process::Command::new("qpdf")
        .args(args)
        .arg(file)
        .output()
        .expect("qpdf");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}
