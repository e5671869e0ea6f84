//! Reading a PDF file to import: lopdf parses it (with its nesting and
//! decompression limits); this refuses what cannot be imported, with a
//! message a secretary understands, and gathers what placing its pages
//! needs: each page's boxes and rotation, whether it is tagged, and its
//! outline.

use std::collections::BTreeMap;
use std::fmt;

use lopdf::{Document, LoadOptions, Object, ObjectId};

use super::bookmarks;
use super::budget;
use super::dest::{self, Dest, Named};
use super::pages;
use crate::pdf::write::Bookmark;

/// The most pages one imported file may have.
pub(crate) const MAX_PAGES: usize = 2_000;
/// The most objects one imported file may hold (a 64 MB file of real
/// papers holds a few hundred thousand at most).
pub(crate) const MAX_OBJECTS: usize = 1_000_000;
/// The most bytes one stream may decompress to while the file is read
/// (only object and cross-reference streams are decompressed; real ones
/// hold well under a megabyte, and lopdf makes some 60 times as many bytes
/// of objects of what one holds).
const MAX_STREAM: usize = 2 * 1024 * 1024;

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Password-protected (any encryption, even without an open password).
    Encrypted,
    /// Not a PDF, or damaged beyond reading (the parser's words).
    Broken(String),
    NoPages,
    /// More pages than [`MAX_PAGES`].
    TooManyPages,
    /// A page tree, outline or structure beyond the limits (what).
    TooComplex(&'static str),
}

/// A file that cannot be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImportError {
    /// The file as the project names it.
    pub file: String,
    pub problem: Problem,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = &self.file;
        match &self.problem {
            Problem::Encrypted => write!(
                f,
                "`{file}` is encrypted (password-protected), so its pages cannot be \
                 included: save a copy without a password or restrictions and include that"
            ),
            Problem::Broken(why) => write!(
                f,
                "`{file}` is not a PDF that can be read (it may be damaged or incomplete; \
                 try exporting it again): {why}"
            ),
            Problem::NoPages => write!(f, "`{file}` has no pages to include"),
            Problem::TooManyPages => write!(
                f,
                "`{file}` has more than {MAX_PAGES} pages, the most one included PDF may have"
            ),
            Problem::TooComplex(what) => write!(
                f,
                "`{file}` cannot be included: its {what} is beyond what boardpaper reads \
                 (the file may be damaged)"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// One page of an imported file: where it is and how it is shown.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ImportedPage {
    pub(super) id: ObjectId,
    /// `/MediaBox` (inherited), `[x1 y1 x2 y2]` normalised.
    pub media: [f32; 4],
    /// `/CropBox` (inherited), within the media box; the media box if none.
    pub crop: [f32; 4],
    /// `/Rotate` (inherited): 0, 90, 180 or 270, clockwise.
    pub rotate: i32,
    /// `/Resources` (inherited), as in the file.
    pub(super) resources: Option<Object>,
}

impl ImportedPage {
    /// The visible (crop) box's width and height in points, before rotation.
    pub(crate) fn size(&self) -> (f32, f32) {
        let [x1, y1, x2, y2] = self.crop;
        (x2 - x1, y2 - y1)
    }
}

/// A bookmark of an imported file: its level (1 at the top), title, the
/// page it goes to and where on it (PDF coordinates).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ImportedBookmark {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub top: f32,
}

/// A PDF file read for import.
pub(crate) struct Imported {
    /// The file as the project names it (for messages).
    pub name: String,
    pub(super) doc: Document,
    pub pages: Vec<ImportedPage>,
    /// `/MarkInfo /Marked true` and a `/StructTreeRoot`.
    pub tagged: bool,
    /// An element of its structure is reached twice (a cycle): cut.
    pub(super) cut: bool,
    pub outline: Vec<ImportedBookmark>,
    /// Each page's index by its object.
    pub(super) page_index: BTreeMap<ObjectId, usize>,
    /// Named destinations.
    pub(super) named: Named,
}

impl fmt::Debug for Imported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Imported")
            .field("name", &self.name)
            .field("pages", &self.pages.len())
            .field("tagged", &self.tagged)
            .finish()
    }
}

/// Reads `bytes`, the file `name` (as the project names it, for messages),
/// with a fresh memory budget of its own.
pub(crate) fn read(bytes: &[u8], name: &str) -> Result<Imported, ImportError> {
    let mut left = budget::BUDGET;
    read_within(bytes, name, &mut left)
}

/// Reads `bytes` as [`read`] does, charging its objects to `left` (bytes
/// of memory the build's imports may still take: a build reads many
/// files within one budget).
pub(crate) fn read_within(
    bytes: &[u8],
    name: &str,
    left: &mut usize,
) -> Result<Imported, ImportError> {
    let fail = |problem| ImportError {
        file: name.to_string(),
        problem,
    };
    let doc = load(bytes, left).map_err(fail)?;
    let catalog = doc
        .catalog()
        .map_err(|_| fail(Problem::Broken("it has no catalogue".into())))?;
    let pages = pages::walk(&doc, catalog).map_err(fail)?;
    let page_index = pages.iter().enumerate().map(|(n, p)| (p.id, n)).collect();
    let named = dest::named(&doc, catalog);
    let tagged = is_tagged(&doc, catalog);
    let cut = tagged && super::graft::repeats(&doc);
    let mut imported = Imported {
        name: name.to_string(),
        doc,
        pages,
        tagged,
        cut,
        outline: Vec::new(),
        page_index,
        named,
    };
    imported.outline = bookmarks::read(&imported).map_err(fail)?;
    Ok(imported)
}

/// Parses `bytes` within the import's bounds (tokens, memory charged to
/// `left`, stream size, object count); refuses an encrypted file.
pub(crate) fn load(bytes: &[u8], left: &mut usize) -> Result<Document, Problem> {
    if budget::tokens(bytes) > budget::MAX_TOKENS {
        return Err(Problem::TooComplex("size once unpacked"));
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        filter: Some(budget::keep),
        ..LoadOptions::default()
    };
    let loaded = budget::within(left, || Document::load_mem_with_options(bytes, options))
        .map_err(|()| Problem::TooComplex("size once unpacked"))?;
    let doc = loaded.map_err(|e| problem(bytes, &e))?;
    if doc.trailer.has(b"Encrypt") || doc.encryption_state.is_some() {
        return Err(Problem::Encrypted);
    }
    if doc.objects.len() > MAX_OBJECTS {
        return Err(Problem::TooComplex("number of objects"));
    }
    Ok(doc)
}

/// Encrypted when the file says so (lopdf may fail before it gets
/// there), too complex when a stream unpacks past the limit, else broken.
fn problem(bytes: &[u8], e: &lopdf::Error) -> Problem {
    use lopdf::{DecompressError, Error};
    match e {
        Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => {
            Problem::TooComplex("size once unpacked")
        }
        e => broken_or_encrypted(bytes, &e.to_string()),
    }
}

fn broken_or_encrypted(bytes: &[u8], why: &str) -> Problem {
    let says_encrypted = bytes.windows(8).any(|w| w == b"/Encrypt");
    if says_encrypted {
        Problem::Encrypted
    } else {
        Problem::Broken(why.to_string())
    }
}

/// `/MarkInfo << /Marked true >>` and a `/StructTreeRoot` dictionary.
fn is_tagged(doc: &Document, catalog: &lopdf::Dictionary) -> bool {
    let dict = |key: &[u8]| {
        catalog
            .get(key)
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
    };
    let marked = dict(b"MarkInfo")
        .and_then(|m| m.get(b"Marked").ok())
        .and_then(|m| m.as_bool().ok())
        .unwrap_or(false);
    marked && dict(b"StructTreeRoot").is_some()
}

/// `obj`, or the object it refers to (one level: a reference to a
/// reference is treated as missing).
pub(super) fn deref<'d>(doc: &'d Document, obj: &'d Object) -> Option<&'d Object> {
    match obj {
        Object::Reference(id) => doc
            .objects
            .get(id)
            .filter(|o| !matches!(o, Object::Reference(_))),
        o => Some(o),
    }
}

impl Imported {
    /// The warnings to report about the file: untagged (see [`warning`]),
    /// or its structure cut where it loops back.
    ///
    /// [`warning`]: Imported::warning
    pub(crate) fn warnings(&self) -> Vec<String> {
        let cut = self.cut.then(|| {
            format!(
                "`{}` has a structure tree that loops back on itself (or an element with two \
                 parents): its pages are included with the structure cut where it repeats, so \
                 a screen reader may miss part of it (export the file again to fix this)",
                self.name
            )
        });
        self.warning().into_iter().chain(cut).collect()
    }

    /// A warning to report when the file is untagged: the PDF it goes into
    /// cannot be accessible, so it will not claim PDF/UA.
    pub(crate) fn warning(&self) -> Option<String> {
        (!self.tagged).then(|| {
            format!(
                "`{}` is not a tagged PDF: its pages are included as they are, but a screen \
                 reader cannot follow them, so the PDF they go into does not claim PDF/UA \
                 (export the file again with tags, e.g. \"Create tagged PDF\" in Word, to fix this)",
                self.name
            )
        })
    }

    /// The file's outline as bookmarks of ours nested one level below
    /// `level`, on the pages `place` gives for the file's pages (entries
    /// on a page that is not placed are left out; their children move up).
    pub(crate) fn bookmarks_under(
        &self,
        level: u8,
        place: impl Fn(usize) -> Option<usize>,
    ) -> Vec<Bookmark> {
        self.outline
            .iter()
            .filter_map(|b| {
                Some(Bookmark {
                    level: level.saturating_add(b.level),
                    title: b.title.clone(),
                    page: place(b.page)?,
                    top: b.top,
                })
            })
            .collect()
    }

    /// Where a destination in the file goes: page index and top.
    pub(super) fn resolve(&self, d: &Object) -> Option<(usize, f32)> {
        let Dest { page, top } = dest::resolve(&self.doc, &self.named, d)?;
        let index = *self.page_index.get(&page)?;
        let top = top.unwrap_or(self.pages[index].crop[3]);
        Some((index, top))
    }
}

impl Imported {
    /// Whether boardpaper wrote this file (its `/Info` Creator or Producer,
    /// or its XMP packet's, say so): an output of a build, never a trust's
    /// own paper.
    pub(crate) fn made_by_boardpaper(&self) -> bool {
        let doc = &self.doc;
        let ours = |s: &str| {
            let s = s.trim();
            s == crate::pdf::archival::CREATOR || s.starts_with("boardpaper ")
        };
        let info = doc
            .trailer
            .get(b"Info")
            .ok()
            .and_then(|i| deref(doc, i))
            .and_then(|i| i.as_dict().ok());
        let marked = info.is_some_and(|i| {
            [&b"Creator"[..], b"Producer"].iter().any(|k| {
                i.get(k)
                    .ok()
                    .and_then(|v| deref(doc, v))
                    .and_then(|v| lopdf::decode_text_string(v).ok())
                    .is_some_and(|v| ours(&v))
            })
        });
        marked || self.xmp().is_some_and(|x| xmp_marked(&x))
    }

    /// The catalogue's XMP packet, decoded (at most 4 MB).
    fn xmp(&self) -> Option<Vec<u8>> {
        let doc = &self.doc;
        let cat = doc.catalog().ok()?;
        let s = deref(doc, cat.get(b"Metadata").ok()?)?.as_stream().ok()?;
        s.decompressed_content_with_limit(4 << 20).ok()
    }
}

/// Whether an XMP packet names boardpaper as its creator tool or producer.
fn xmp_marked(xmp: &[u8]) -> bool {
    let text = String::from_utf8_lossy(xmp);
    ["CreatorTool", "Producer"].iter().any(|tag| {
        [format!("<xmp:{tag}>"), format!("<pdf:{tag}>")]
            .iter()
            .chain([format!("xmp:{tag}=\""), format!("pdf:{tag}=\"")].iter())
            .any(|open| {
                text.match_indices(open.as_str()).any(|(at, _)| {
                    let rest = text[at + open.len()..].trim_start();
                    rest.starts_with("boardpaper<")
                        || rest.starts_with("boardpaper ")
                        || rest.starts_with("boardpaper\"")
                })
            })
    })
}

impl Imported {
    /// The parsed file (for the checks that read its text).
    pub(crate) fn doc(&self) -> &Document {
        &self.doc
    }
}
