//! Entry points for the fuzz targets in `fuzz/` and for property tests:
//! the whole front end and the PDF renderer, in memory, on arbitrary text.
//! Not part of the supported API; none of it touches the disk.

use crate::assemble::in_memory;
use crate::project::Format;
use crate::{check, project};

/// A config every fuzzed trust and paper can be checked against.
pub const CONFIG: &str = "alliance:\n  name: Fuzz Alliance\ncycle: March 2024\nobjectives:\n  quality: Quality\n  people: People\n";

/// A trust file that accepts the papers `pdf_layout` builds.
pub const TRUST: &str = "name: Fuzz NHS Trust\nshort: FUZZ\nboard: Trust Board\nmeeting: 2024-03-26\nframework:\n  title: Fuzz alignment\n  items:\n    - { id: care, label: Great care, objectives: [quality] }\ngovernance: [sponsor, author, assurance, alignment]\n";

/// The front matter `pdf_layout` puts above its body.
const FRONT: &str = "---\ntitle: Fuzz Paper\npurpose: To fuzz\nrecommendations:\n  note: Note it\ngovernance:\n  sponsor: Chair\n  author: Secretary\n  assurance: assured\nobjectives: [quality]\n---\n";

/// Loads, checks and renders to HTML a project of one config, one trust
/// (`fuzz`) and one paper (`paper`, front matter included). Returns every
/// HTML page (papers, then indexes), then every diagnostic's message.
pub fn front_end(config: &str, trust: &str, paper: &str) -> Vec<String> {
    render(config, trust, paper, Format::Html)
}

/// Lays out and writes the PDF of a paper whose body is `body` (under a
/// fixed front matter) for the fixed trust. Returns the PDF bytes, if any.
pub fn pdf_layout(body: &str) -> Vec<u8> {
    let paper = paper_with_body(body);
    render_bytes(CONFIG, TRUST, &paper, Format::Pdf)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// A whole paper: the fixed front matter `pdf_layout` uses, then `body`.
pub fn paper_with_body(body: &str) -> String {
    format!("{FRONT}{body}")
}

/// Every output of the in-memory build, as bytes.
pub fn render_bytes(config: &str, trust: &str, paper: &str, format: Format) -> Vec<Vec<u8>> {
    let Ok((loaded, mut diags)) =
        project::from_texts::load(config, &[("fuzz", trust)], &[("paper", paper)])
    else {
        return Vec::new();
    };
    let checked = check::check(loaded, &mut diags);
    in_memory::render(&checked, &[format], &mut diags)
        .iter()
        .map(|o| in_memory::bytes(o).to_vec())
        .collect()
}

fn render(config: &str, trust: &str, paper: &str, format: Format) -> Vec<String> {
    let (loaded, mut diags) =
        match project::from_texts::load(config, &[("fuzz", trust)], &[("paper", paper)]) {
            Ok(x) => x,
            Err(d) => return d.into_iter().map(|d| d.message).collect(),
        };
    let checked = check::check(loaded, &mut diags);
    let outputs = in_memory::render(&checked, &[format], &mut diags);
    outputs
        .iter()
        .map(|o| String::from_utf8_lossy(in_memory::bytes(o)).into_owned())
        .chain(diags.into_iter().map(|d| d.message))
        .collect()
}

/// Reads `bytes` as a trust's own PDF paper and, when it can be included,
/// writes a board pack that imports its pages (structure, bookmarks and
/// annotations copied as the pack does). Returns the pack's bytes (empty
/// when the file is refused). Must never panic, hang or grow without bound.
pub fn pdf_import(bytes: &[u8]) -> Vec<u8> {
    use crate::assemble::pack::pdf::{self as pack_pdf, Cover, Entry, Pack, Part};
    let Ok(file) = crate::assemble::pack::import::read(bytes, "fuzz.pdf") else {
        return Vec::new();
    };
    let _ = file.made_by_boardpaper();
    let pack = Pack {
        meta: crate::document::Meta {
            trust_id: "fuzz".into(),
            trust_short: "FUZZ".into(),
            trust_name: "Fuzz NHS Trust".into(),
            paper_id: "pack".into(),
            title: "Fuzz pack".into(),
            author: "Fuzz Alliance".into(),
            subject: "Fuzz".into(),
            lang: crate::document::LANG.into(),
            alliance: "Fuzz".into(),
            issuer: "Fuzz Alliance".into(),
            accent: crate::colour::NHS_BLUE,
            confidential: false,
            marking: None,
            notes: Default::default(),
            contents: Some(false),
            contents_depth: 1,
            body_title: true,
            source: "trusts/fuzz.yaml".into(),
            draft: false,
        },
        cover: Cover::default(),
        heading: "Agenda".into(),
        entries: vec![Entry {
            number: "1".into(),
            title: "Their paper".into(),
            presenter: None,
            purpose: None,
            time: None,
            part: Some(Part::Imported(&file)),
        }],
    };
    let fonts = crate::pdf::Fonts::builtin();
    pack_pdf::render(&pack, &fonts, &crate::pdf::PdfOptions::default())
        .map(|r| r.bytes)
        .unwrap_or_default()
}

/// `boardpaper import` on arbitrary bytes as a .docx, against the fixed
/// config and trust, all in memory: the document read (tracked changes
/// accepted), converted, and the paper it writes rendered to HTML.
/// Returns the paper's text and the rendered pages (empty when the bytes
/// are refused, which is most of the time).
pub fn import_docx(bytes: &[u8]) -> Vec<String> {
    let Ok(doc) = crate::import::read(bytes, true) else {
        return Vec::new();
    };
    let Ok((loaded, mut diags)) = project::from_texts::load(CONFIG, &[("fuzz", TRUST)], &[]) else {
        return Vec::new();
    };
    let checked = check::check(loaded, &mut diags);
    let trusts: Vec<&check::Trust> = checked.model.trusts.iter().collect();
    let asked = crate::import::Asked {
        stem: "fuzz",
        trusts: None,
    };
    let paper = crate::import::convert(doc, &checked.model, &trusts, &asked);
    let text = paper
        .files
        .first()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let mut out = front_end(CONFIG, TRUST, &text);
    out.insert(0, text);
    out
}

/// [`import_docx`] on `xml` as word/document.xml of an otherwise valid
/// package (stored, not deflated), so the fuzzer reaches the body walk
/// without having to forge zip checksums.
pub fn import_docx_xml(xml: &[u8]) -> Vec<String> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let written = zip
        .start_file("word/document.xml", stored)
        .and_then(|()| zip.write_all(xml).map_err(Into::into))
        .and_then(|()| zip.finish());
    match written {
        Ok(cursor) => import_docx(&cursor.into_inner()),
        Err(_) => Vec::new(),
    }
}
