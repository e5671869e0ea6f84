//! Existing PDF files imported into a PDF we write (the board pack's own
//! papers that are not common papers, issue 16): pages placed as they
//! are, with their bookmarks, links and, when the file is tagged, their
//! structure.
//!
//! ```text
//! bytes (read through project::files::read_pdf) ──read──▶ Imported
//!     (pages with sizes and rotation, tagged or not, outline)
//! Imported + PageOut { doc, foreign: Some(k), overlay } ──finish──▶ pages copied
//!     (contents, resources, boxes, annotations; the structure grafted
//!      under an element of ours; the outline nested under a bookmark of ours)
//! ```
//!
//! How the pack calls it:
//!
//! 1. `let (bytes, _) = project::files::read_pdf(root, rel)?;` then
//!    `let imported = import::read(&bytes, "papers/x.pdf")?;` — an
//!    [`ImportError`] names the file and says what is wrong (encrypted,
//!    damaged, no pages, too many pages, too complex); report it at the
//!    agenda entry that names the file, and build every other output.
//! 2. `if let Some(w) = imported.warning() { … }`: an untagged file cannot
//!    be made accessible; the pack is still written, but without the
//!    PDF/UA claim (see below), and the warning names the file.
//! 3. Give the import a [`DocId`](crate::pdf::layout::DocId) of its own (not one
//!    of a laid-out paper) and, for each of its pages `k` placed in the
//!    pack, push a `PageOut { doc, foreign: Some(k), size:
//!    imported.pages[k].size(), overlay, fonts, links, .. }` among the
//!    pack's own pages, in any order. `overlay` is drawn on top
//!    (the pack's "Page 23 of 140" and item label), written by `write` from
//!    a `layout::Page` of that `DocId` whose origin is the top-left of the
//!    page's visible (crop) box, before the page's `rotate` turns it; it
//!    is always an artifact and its resource names never clash with the
//!    page's own. It may be empty. Links in it are not tagged, so a tagged
//!    pack should keep its links on its own pages.
//! 4. Put the import in `Extras::foreign` (`Imports`: `DocId` → [`Import`]
//!    with the element of ours its structure hangs under, e.g. the
//!    agenda item's `Sect`; `None` hangs it under the structure root).
//! 5. Bookmarks: `imported.bookmarks_under(level, |k| pack page of k)`
//!    gives the file's outline as [`Bookmark`](crate::pdf::write::Bookmark)s one
//!    level below `level`; insert them after the item's own bookmark.
//!
//! What the PDF claims: a tagged import keeps its structure (elements,
//! MCIDs, link OBJRs, role map) and the PDF keeps its PDF/UA-1 claim. An
//! untagged import is written as it is (its pages' content has no
//! structure): the PDF keeps the structure of its own pages and
//! `/MarkInfo`, but drops the `pdfuaid` claim, since it would be false.
//! Any imported page drops the PDF/A-2a claim: the file's fonts, colour
//! spaces and transparency are not ours to vouch for.
//!
//! A page placed twice is copied twice, but its annotations and its
//! place in the structure go with its first placement only. A `PageOut`
//! naming an import that is not in `Extras::foreign` (or a page it does
//! not have) is written as one of our pages, its overlay alone.
//!
//! What is copied is an allow-list (`copy::Keys`): a page's content,
//! its resources and only the keys those use, links and text notes with
//! chosen keys (`annots`), and structure elements' own keys (`graft`).
//! Left out: the file's catalogue (named destinations are resolved,
//! scripts, forms, attachments, name trees and optional-content settings
//! dropped), every action, popup and other annotation, any object whose
//! `/Type` is not a resource's, its structure's class map and `/Ref`s,
//! and marked-content references into form XObjects (their content stays,
//! untagged). A structure element reached twice (a cycle) keeps its first
//! place only, and the file warns ([`Imported::warnings`]).
//!
//! Bounds: the file is at most 64 MB (`read_pdf`), lopdf's parser limits
//! nesting and decompression (streams are copied still compressed), a
//! memory budget stops a file that unpacks into millions of objects (one
//! budget for all the files of a build, through [`read_within`]), every
//! walk over the file's page tree, outline, name trees and structure
//! keeps a visited set and a depth limit, and the number of pages and
//! objects is capped, so a hostile file cannot loop, overflow the stack
//! or grow without bound.

// The files in order, each using only those above it: bounds and the
// allow-listed copier; objects (references, the name and number tree
// walk); destinations; the file as read (`file`: pages, errors, what the
// pack asks of it); its page tree, outline and structure read; `read`
// (the whole file); then writing: the state kept while a PDF is written,
// annotations, the structure graft, and `page`, the placer the PDF writer
// calls (`crate::pdf::foreign`).
mod annots;
mod bookmarks;
mod budget;
mod copy;
mod dest;
mod file;
mod graft;
mod objects;
mod page;
mod pages;
mod read;
mod state;
mod structure;
#[cfg(test)]
mod tests;

pub(crate) use budget::BUDGET;
#[cfg(test)]
pub(crate) use file::MAX_PAGES;
pub(crate) use file::{ImportError, Imported, Problem};
pub(crate) use read::{load, read};
pub(crate) use state::{Import, Imports};
