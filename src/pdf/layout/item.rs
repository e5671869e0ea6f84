//! What layout produces: pages of positioned items. The PDF writer only
//! walks these; it never measures.
//!
//! Coordinates are points from the page's top-left corner, y growing down
//! (the writer flips them). A text run's `y` is its baseline. Every item
//! carries a [`Tag`]: its structure element, or an artifact mark.

use super::tags::Tag;
use super::theme::Rgb;
use crate::pdf::fonts::FontStyle;

/// Which laid-out document a page belongs to. Link anchors and image
/// indices are scoped by it, so pages of several papers can be joined
/// into one PDF and each paper's internal links still land in that paper.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct DocId(pub u32);

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    /// Page size in points.
    pub width: f32,
    pub height: f32,
    /// The document the page (its anchors, links and images) belongs to.
    pub doc: DocId,
    pub items: Vec<Tagged>,
}

/// A positioned item with its place in the structure.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tagged {
    pub tag: Tag,
    pub item: Item,
}

impl Tagged {
    /// The same item moved down by `dy`.
    pub(crate) fn shifted(self, dy: f32) -> Tagged {
        Tagged {
            tag: self.tag,
            item: self.item.shifted(dy),
        }
    }
}

/// A run of text in one face, size and colour.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextRun {
    pub x: f32,
    pub y: f32,
    pub font: FontStyle,
    pub size: f32,
    pub colour: Rgb,
    pub text: String,
    /// Advance width of the run (layout's measurement, for dumps and links).
    pub width: f32,
}

/// Where an outline entry or internal link lands.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    /// The anchor internal links use (`#anchor`); may be empty.
    pub anchor: String,
    /// `Some((level, title))` when the target is also a bookmark.
    pub outline: Option<(u8, String)>,
    pub y: f32,
}

/// A positioned thing on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Text(TextRun),
    /// Text turned 45° anticlockwise about its start (`x`, `y`): a
    /// draft's watermark.
    Watermark(TextRun),
    /// A straight line.
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        colour: Rgb,
    },
    /// A rectangle, filled and/or stroked.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    /// An image (index into the document's loaded images) scaled into the box.
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        index: usize,
    },
    /// A clickable area: `url` is a URI, or `#anchor` for a place in the paper.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        url: String,
    },
    /// A link destination and/or bookmark.
    Target(Target),
}

impl Item {
    /// The item with its tag.
    pub(crate) fn tagged(self, tag: Tag) -> Tagged {
        Tagged { tag, item: self }
    }

    /// The same item moved down by `dy`.
    pub(crate) fn shifted(mut self, dy: f32) -> Item {
        match &mut self {
            Item::Text(t) | Item::Watermark(t) => t.y += dy,
            Item::Rule { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
            Item::Rect { y, .. } | Item::Image { y, .. } | Item::Link { y, .. } => *y += dy,
            Item::Target(t) => t.y += dy,
        }
        self
    }
}
