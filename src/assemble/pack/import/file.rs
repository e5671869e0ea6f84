//! A PDF file read for import, as the rest of the import sees it: its
//! pages with their boxes and rotation, whether it is tagged, its outline
//! and named destinations ([`Imported`]); why a file cannot be imported
//! ([`Problem`], [`ImportError`], with a message a secretary
//! understands); and what the pack asks of a file (its warnings, its
//! bookmarks under ours, whether boardpaper made it).

use std::collections::BTreeMap;
use std::fmt;

use lopdf::{Document, Object, ObjectId};

use super::dest::{self, Dest, Named};
use super::objects::deref;
use crate::pdf::write::Bookmark;

/// The most pages one imported file may have.
pub(crate) const MAX_PAGES: usize = 2_000;
/// The most objects one imported file may hold (a 64 MB file of real
/// papers holds a few hundred thousand at most).
pub(crate) const MAX_OBJECTS: usize = 1_000_000;
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
