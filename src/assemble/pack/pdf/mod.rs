//! A board pack: one trust's papers for a meeting joined into one PDF.
//!
//! ```text
//! papers, laid out once per build (shared with their own PDFs) ──placed
//!        (each paper its own DocId; an overlay per page)──▶ parts
//! cover + agenda ──layout, numbered from the papers' page counts──▶ front pages
//!        (again while the agenda's own page count moves)
//! join: one structure tree (Document ▸ Sect cover, Sect agenda, Part per item),
//!       a bookmark per item over the paper's own, pack furniture on every
//!       page's overlay ──▶ sheets (the papers' pages by reference)
//!        ──write + finish (with /PageLabels)──▶ bytes
//! ```
//!
//! Pages are numbered 1…N through the whole pack, cover included: the
//! footer prints "Page 23 of 140" and `/PageLabels` gives the viewer the
//! same numbers; a paper's pages also say where they fall in the paper
//! ("Paper page 3 of 12"). Each paper keeps its own anchors and images
//! (its own [`DocId`]); the agenda's links name an item's first page as
//! `#@<doc>/pack-item` (see `crate::pdf::write`).
//!
//! A pack part is a [`Part`]: a paper of ours as the build laid it out
//! for its own PDF (the pack lays no paper out and copies none of its
//! pages: it places them, and draws its furniture over them), or a run of
//! pages imported from another PDF, whose page count is known before the
//! pack is numbered (the pages are furnished here as an overlay; the
//! import writes what lies under it).

mod front;
mod join;
#[cfg(test)]
mod tests;

use crate::assemble::pack::import::{Import, Imported, Imports};
use crate::document::{Document, Meta};
use crate::markdown::limits::{MAX_PACK_PAGES, MAX_PAGES};
use crate::pdf::layout::tags::StructId;
use crate::pdf::layout::{self, DocId, Laid};
use crate::pdf::{embed, finish, image, write, Fonts, LaidOut, PdfOptions, Rendered};

/// Passes at most spent settling the agenda's page numbers (the agenda's
/// own length moves every item after it; one more pass nearly always
/// settles).
const FRONT_PASSES: usize = 4;

/// What the cover says.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cover {
    /// "Leicestershire Partnership NHS Trust"
    pub trust: String,
    /// "Trust Public Board"
    pub board: String,
    /// "Tuesday 28 November 2023", when the trust gives its meeting date.
    pub date: Option<String>,
    pub venue: Option<String>,
    /// "November 2023"
    pub cycle: String,
    /// Who issues the papers.
    pub issuer: String,
    /// The trust's confidential label, on a Part II pack's cover.
    pub label: Option<String>,
}

/// One line of the agenda, with the part of the pack it is (if any).
pub(crate) struct Entry<'a> {
    /// "7.1", or empty for a paper the agenda does not name.
    pub number: String,
    pub title: String,
    pub presenter: Option<String>,
    pub purpose: Option<String>,
    pub time: Option<String>,
    /// The item's pages; `None` for business that is not a paper (and for
    /// an item whose pages are not in the pack).
    pub part: Option<Part<'a>>,
}

/// An item's pages.
pub(crate) enum Part<'a> {
    /// A paper of ours, and its pages as laid out once for the build
    /// ([`crate::pdf::lay_out`]).
    Paper(&'a Document, &'a LaidOut),
    /// The pages of another PDF (one of the trust's own papers): numbered
    /// and furnished here like any other (`Laid` pages of the part's
    /// `DocId`, their sizes, with only our overlay on them), their content,
    /// structure and bookmarks written by the import (see `pack::import`).
    Imported(&'a Imported),
}

/// One trust's pack: metadata (title, author, language, trust, issuer,
/// accent, marking), the cover, the agenda's heading and its entries in
/// agenda order.
pub(crate) struct Pack<'a> {
    pub meta: Meta,
    pub cover: Cover,
    /// "Agenda", or the heading of the agenda's Part II section.
    pub heading: String,
    pub entries: Vec<Entry<'a>>,
}

/// The bookmark and label of an entry's item: "Item 5 – Title".
pub(crate) fn label(entry: &Entry) -> String {
    if entry.number.is_empty() {
        entry.title.clone()
    } else {
        format!("Item {} \u{2013} {}", entry.number, entry.title)
    }
}

/// A part of the pack placed: its entry, its document id and source
/// (`None`: imported pages), the paper as laid out (its pages, structure
/// tree, images and missing glyphs) and an empty overlay per page, as
/// document `id`, for the pack's furniture.
struct Laying<'a> {
    entry: usize,
    id: DocId,
    doc: Option<&'a Document>,
    /// Imported pages: the file, and (set by `join`) the pack page the
    /// part starts on and its `Part` element.
    import: Option<(&'a Imported, usize, StructId)>,
    paper: Option<&'a LaidOut>,
    over: Vec<layout::Page>,
}

impl Laying<'_> {
    /// The images the part's pages draw (none for imported pages).
    fn images(&self) -> Option<&image::Images> {
        self.paper.map(|p| &p.images)
    }
}

/// A pack laid out: its cover and agenda, and its parts placed.
struct Joined<'a> {
    front: Laid,
    laid: Vec<Laying<'a>>,
}

/// A pack over the page limit: the entry whose pages cross it (a paper
/// over [`MAX_PAGES`] itself, or the pack past [`MAX_PACK_PAGES`]) and the
/// pages counted up to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooLong {
    pub entry: usize,
    pub pages: usize,
}

/// Places its papers, lays out its cover and agenda, and writes `pack`,
/// unless it is over the page limits.
pub(crate) fn render(pack: &Pack, fonts: &Fonts, opts: &PdfOptions) -> Result<Rendered, TooLong> {
    let Joined {
        mut front,
        mut laid,
    } = lay_out(pack, fonts)?;
    let (pages, tree) = join::join(pack, &mut front, &mut laid, fonts);
    let missing = laid
        .iter()
        .flat_map(|l| {
            l.paper
                .into_iter()
                .flat_map(|p| p.laid.missing.iter().cloned())
        })
        .collect();
    let trees: write::Trees = std::iter::once(DocId::default())
        .chain(laid.iter().map(|l| l.id))
        .map(|id| (id, &tree))
        .collect();
    let trees = (!opts.untagged).then_some(&trees);
    let mut glyphs = embed::Glyphs::new(fonts);
    let (mut outs, mut bookmarks) = write::write_sheets(&pages, &mut glyphs, trees);
    let imports = place_imports(&laid, &mut outs, &mut bookmarks);
    let written = finish::Written {
        pages: outs,
        glyphs,
        bookmarks,
    };
    let images: finish::ImageSets = laid
        .iter()
        .filter_map(|l| Some((l.id, l.images()?)))
        .collect();
    let extras = finish::Extras {
        meta: &pack.meta,
        epoch: opts.creation_epoch,
        trees,
        archival: true,
        page_labels: true,
        foreign: Some(&imports),
    };
    let bytes = finish::finish(&written, &images, &extras);
    Ok(Rendered {
        bytes,
        missing,
        pages: pages.len(),
    })
}

/// Marks the pages of each imported part as that file's pages (the import
/// writes them under our overlay), hangs the file's structure under the
/// part's `Part` element and its bookmarks under the item's.
fn place_imports<'a>(
    laid: &[Laying<'a>],
    outs: &mut [write::PageOut],
    bookmarks: &mut Vec<write::Bookmark>,
) -> Imports<'a> {
    let mut imports = Imports::new();
    for l in laid {
        let Some((file, first, part)) = l.import else {
            continue;
        };
        // (`join` has taken the part's pages: it has one per file page.)
        let count = file.pages.len();
        for (k, out) in outs.iter_mut().skip(first).take(count).enumerate() {
            out.foreign = Some(k);
        }
        let parent = Some((DocId::default(), part));
        imports.insert(l.id, Import { file, parent });
        let own = file.bookmarks_under(1, |k| (k < count).then_some(first + k));
        let at = bookmarks
            .iter()
            .position(|b| b.page > first)
            .unwrap_or(bookmarks.len());
        bookmarks.splice(at..at, own);
    }
    imports
}

/// The cover and agenda pages of `pack`, as laid out in it, dumped (for
/// golden layout tests: `dump-layout --paper pack`).
pub(crate) fn dump_front(pack: &Pack, fonts: &Fonts) -> String {
    match lay_out(pack, fonts) {
        Ok(Joined {
            mut front,
            mut laid,
        }) => {
            let count = front.pages.len();
            let (sheets, _) = join::join(pack, &mut front, &mut laid, fonts);
            crate::pdf::dump(&sheets[..count])
        }
        Err(t) => format!(
            "over the page limit at entry {} ({} pages)\n",
            t.entry, t.pages
        ),
    }
}

/// Places each paper's pages and lays out the cover and agenda numbered
/// from them.
fn lay_out<'a>(pack: &Pack<'a>, fonts: &Fonts) -> Result<Joined<'a>, TooLong> {
    let parts: Vec<(usize, &Part)> = pack
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.part.as_ref().map(|p| (i, p)))
        .collect();
    let laid: Vec<Laying> = parts
        .iter()
        .enumerate()
        .map(|(k, &(entry, part))| place_part(entry, DocId(k as u32 + 1), part))
        .collect();
    within_limits(&laid)?;
    let front = settle_front(pack, fonts, &laid);
    Ok(Joined { front, laid })
}

/// The first part over [`MAX_PAGES`] or taking the pack past
/// [`MAX_PACK_PAGES`], if any.
fn within_limits(laid: &[Laying]) -> Result<(), TooLong> {
    let mut total = 0;
    for l in laid {
        let own = l.over.len();
        total += own;
        if own > MAX_PAGES || total > MAX_PACK_PAGES {
            return Err(TooLong {
                entry: l.entry,
                pages: total,
            });
        }
    }
    Ok(())
}

/// One part placed as document `id`: an empty overlay for each of a
/// paper's pages, or for each imported page, of its size (the pack
/// furnishes them; the paper's pages, or the import, are written with
/// them).
fn place_part<'a>(entry: usize, id: DocId, part: &Part<'a>) -> Laying<'a> {
    let (doc, paper, import, over) = match *part {
        Part::Paper(doc, paper) => {
            let over = paper.laid.pages.iter().map(|p| layout::overlay(p, id));
            (Some(doc), Some(paper), None, over.collect())
        }
        Part::Imported(file) => {
            let pages = file
                .pages
                .iter()
                .map(|p| p.size())
                .map(|(width, height)| layout::Page {
                    width,
                    height,
                    doc: id,
                    items: Vec::new(),
                })
                .collect();
            (None, None, Some((file, 0, StructId(0))), pages)
        }
    };
    Laying {
        entry,
        id,
        doc,
        import,
        paper,
        over,
    }
}

/// The cover and agenda laid out with each entry's first pack page, in
/// passes until the agenda's length stops moving the numbers.
fn settle_front(pack: &Pack, fonts: &Fonts, laid: &[Laying]) -> Laid {
    let starts_after = |front: usize| {
        let mut starts = vec![None; pack.entries.len()];
        let mut next = front + 1;
        for l in laid {
            starts[l.entry] = Some(next);
            next += l.over.len();
        }
        starts
    };
    let mut docs = vec![None; pack.entries.len()];
    for l in laid {
        docs[l.entry] = Some(l.id);
    }
    let mut starts = starts_after(2);
    let mut front = front::lay_out(pack, &starts, &docs, fonts);
    for _ in 0..FRONT_PASSES {
        let now = starts_after(front.pages.len());
        if now == starts {
            break;
        }
        starts = now;
        front = front::lay_out(pack, &starts, &docs, fonts);
    }
    front
}
