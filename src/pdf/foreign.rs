//! Foreign pages: pages made elsewhere (another maker's PDF) that a PDF we
//! write places among its own, as it places an image. The writer knows
//! only this interface: which documents' pages are foreign, their visible
//! boxes, whether their sources keep a structure, and a [`Placer`] that
//! writes one PDF's foreign pages when the writer hands it a [`Placement`]
//! (our page's object, the page tree, the overlay drawn on top, the
//! overlay's links) and grafts their structure under elements of ours,
//! returning what our tree must list ([`Graft`]). Whoever supplies the
//! pages (the pack's import) implements it; nothing here reads a file.
//!
//! A `PageOut` with `foreign: Some(k)` is page `k` of its document's
//! foreign source; its `content` is the overlay. Object numbers are handed
//! out by the writer's counter as the placer writes, so the bytes stay a
//! function of the input.

use std::collections::BTreeMap;

use pdf_writer::{Chunk, Ref};

use super::layout::tags::StructId;
use super::layout::DocId;
use super::write::PageOut;

/// Where one foreign page goes in our PDF.
pub(crate) struct Placement<'p> {
    /// Our page: index, object, the page tree.
    pub index: usize,
    pub id: Ref,
    pub tree: Ref,
    /// The overlay form XObject, when there is an overlay.
    pub overlay: Option<Ref>,
    /// The overlay's own link annotations.
    pub links: &'p [Ref],
    /// Whether our PDF is tagged.
    pub tagged: bool,
}

/// A parent tree value: a page's elements by MCID, or an annotation's.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NumValue {
    Marks(Vec<Option<Ref>>),
    Owner(Ref),
}

/// What our structure tree gains from the foreign pages.
#[derive(Debug, Default)]
pub(crate) struct Graft {
    /// The grafted top elements under each element of ours (`None`: the root).
    pub under: BTreeMap<Option<(DocId, StructId)>, Vec<Ref>>,
    pub role_map: BTreeMap<Vec<u8>, Vec<u8>>,
    /// Parent tree entries for foreign pages and annotations.
    pub nums: Vec<(i32, NumValue)>,
    /// The first parent tree key not used.
    pub next_key: i32,
}

/// The foreign sources of one PDF, by the documents whose pages they are.
pub(crate) trait Foreign {
    /// The visible (crop) box `[x1 y1 x2 y2]` of page `k` of `doc`'s
    /// source, when it has one.
    fn crop(&self, doc: DocId, k: usize) -> Option<[f32; 4]>;
    /// Whether every source keeps its structure (so the PDF may still
    /// claim PDF/UA).
    fn tagged(&self) -> bool;
    /// A placer for one PDF of `pages` with objects `ids`; `first_key` is
    /// the first parent tree key our own pages and annotations leave free.
    fn placer<'s>(&'s self, pages: &[PageOut], ids: &[Ref], first_key: i32)
        -> Box<dyn Placer + 's>;
}

/// Writes one PDF's foreign pages and structure, in the writer's order:
/// pages as they come, then [`plan`](Placer::plan) (number the grafted
/// elements), [`write_structure`](Placer::write_structure) and
/// [`flush`](Placer::flush) (every object the pages refer to).
pub(crate) trait Placer {
    /// Writes page `k` of `doc`'s source at `at`; `false` (nothing
    /// written) when there is no such source or page.
    fn write_page(
        &mut self,
        pdf: &mut Chunk,
        doc: DocId,
        k: usize,
        at: &Placement,
        next: &mut Ref,
    ) -> bool;
    /// Numbers the elements to graft; what our tree must list.
    fn plan(&mut self, next: &mut Ref) -> Graft;
    /// Writes the grafted elements; `parent` gives our element's object
    /// for an element of ours (the structure root for `None`).
    fn write_structure(
        &mut self,
        pdf: &mut Chunk,
        parent: &dyn Fn(Option<(DocId, StructId)>) -> Ref,
        next: &mut Ref,
    );
    /// Writes every object the placed pages refer to.
    fn flush(&mut self, pdf: &mut Chunk, next: &mut Ref);
}
