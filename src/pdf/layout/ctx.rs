//! The layout context: fonts, loaded images, the flow being built, the
//! structure tree being built alongside it and the missing glyphs found so
//! far, with the helpers every block layout uses (measure, break, turn
//! lines into chunks, open and close structure elements).

use super::chunk::Flow;
use super::item::Item;
use super::line::line_chunks;
use super::linebreak::{break_owned, Line};
use super::measure::{Measurer, RunStyle, Token};
use super::tags::{Role, StructId, StructTree, Tag};
use super::theme::{PageGeometry, Rgb, TEXT};
use crate::document::{Inline, Origin};
use crate::pdf::fonts::{FontStyle, Fonts};
use crate::pdf::image::Images;
use crate::pdf::MissingGlyph;

/// A column to lay blocks into: left edge and width, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub x: f32,
    pub w: f32,
}

impl Frame {
    /// The frame with `left` taken off the left and `right` off the right.
    pub(crate) fn inset(self, left: f32, right: f32) -> Frame {
        Frame {
            x: self.x + left,
            w: (self.w - left - right).max(1.0),
        }
    }
}

/// Everything block layout needs, and what it produces.
pub(crate) struct Ctx<'a> {
    pub fonts: &'a Fonts,
    pub images: &'a Images,
    pub accent: Rgb,
    /// The pages the flow is for: block layout sizes images, splits tall
    /// rows and keeps table starts together by its body height.
    pub geometry: PageGeometry,
    pub flow: Flow,
    pub tree: StructTree,
    /// Open structure elements, innermost last (the root is implied).
    open: Vec<StructId>,
    pub missing: Vec<MissingGlyph>,
    /// Levels a heading sits below its written level, in structure and
    /// bookmarks: 1 under the paper's title and under an appendix's, so
    /// "1. Introduction" is an H2 and its bookmark nests under the title.
    pub heading_shift: u8,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        fonts: &'a Fonts,
        images: &'a Images,
        accent: Rgb,
        geometry: PageGeometry,
    ) -> Ctx<'a> {
        Ctx {
            fonts,
            images,
            accent,
            geometry,
            flow: Flow::default(),
            tree: StructTree::default(),
            open: Vec::new(),
            missing: Vec::new(),
            heading_shift: 0,
        }
    }

    /// The innermost open structure element.
    pub(crate) fn parent(&self) -> StructId {
        self.open.last().copied().unwrap_or(StructTree::ROOT)
    }

    /// Adds an element of `role` under the innermost open one, without
    /// opening it.
    pub(crate) fn leaf(&mut self, role: Role) -> StructId {
        let parent = self.parent();
        self.tree.add(role, parent)
    }

    /// Adds an element of `role` and opens it: the elements added until
    /// [`Ctx::close`] go under it.
    pub(crate) fn open(&mut self, role: Role) -> StructId {
        let id = self.leaf(role);
        self.open.push(id);
        id
    }

    /// Closes the innermost open element.
    pub(crate) fn close(&mut self) {
        self.open.pop();
    }

    /// Runs `body` inside a new element of `role`.
    pub(crate) fn within<T>(&mut self, role: Role, body: impl FnOnce(&mut Self) -> T) -> T {
        self.open(role);
        let out = body(self);
        self.close();
        out
    }

    /// Body style in a face and size.
    pub(crate) fn style(&self, font: FontStyle, size: f32) -> RunStyle {
        RunStyle::plain(font, size, TEXT)
    }

    /// Measures inlines.
    pub(crate) fn tokens(
        &mut self,
        inlines: &[Inline],
        style: &RunStyle,
        origin: &Origin,
    ) -> Vec<Token> {
        Measurer::new(self.fonts, origin, &mut self.missing, self.accent).inlines(inlines, style)
    }

    /// Measures plain text.
    pub(crate) fn text_tokens(
        &mut self,
        text: &str,
        style: &RunStyle,
        origin: &Origin,
    ) -> Vec<Token> {
        Measurer::new(self.fonts, origin, &mut self.missing, self.accent).text(text, style)
    }

    /// Breaks inlines into lines of `width`.
    pub(crate) fn lines(
        &mut self,
        inlines: &[Inline],
        style: &RunStyle,
        origin: &Origin,
        width: f32,
    ) -> Vec<Line> {
        let tokens = self.tokens(inlines, style, origin);
        break_owned(tokens, width)
    }

    /// Lays out inlines as one element of `role` (a paragraph, a heading)
    /// into the flow; returns its chunks' range start.
    pub(crate) fn inline_block(
        &mut self,
        role: Role,
        inlines: &[Inline],
        style: &RunStyle,
        origin: &Origin,
        frame: Frame,
        space_before: f32,
    ) -> usize {
        let tag = Tag::Struct(self.leaf(role));
        let lines = self.lines(inlines, style, origin, frame.w);
        self.push_lines(&lines, frame.x, style.size, space_before, tag)
    }

    /// Lays out plain text as a paragraph (`P`).
    pub(crate) fn text_paragraph(
        &mut self,
        text: &str,
        style: &RunStyle,
        frame: Frame,
        space_before: f32,
    ) -> usize {
        self.text_block(Role::P, text, style, frame, space_before)
    }

    /// Lays out plain text as one element of `role`.
    pub(crate) fn text_block(
        &mut self,
        role: Role,
        text: &str,
        style: &RunStyle,
        frame: Frame,
        space_before: f32,
    ) -> usize {
        let tag = Tag::Struct(self.leaf(role));
        let tokens = self.text_tokens(text, style, &Origin::default());
        let lines = break_owned(tokens, frame.w);
        self.push_lines(&lines, frame.x, style.size, space_before, tag)
    }

    /// Pushes lines as chunks, their text tagged `tag`; returns the index
    /// of the first.
    pub(crate) fn push_lines(
        &mut self,
        lines: &[Line],
        x: f32,
        size: f32,
        space_before: f32,
        tag: Tag,
    ) -> usize {
        let start = self.flow.next_index();
        for chunk in line_chunks(lines, x, size, space_before, tag, |_| 0.0) {
            self.flow.push(chunk);
        }
        start
    }

    /// Width of plain text.
    pub(crate) fn width(&self, font: FontStyle, size: f32, text: &str) -> f32 {
        self.fonts.width(font, size, text)
    }
}

impl Ctx<'_> {
    /// Gives every link its own element under the element its text belongs
    /// to (`Reference` then `Link` for a footnote number): the link area
    /// and the text run drawn after it move to the `Link`. A link broken
    /// over lines stays one element.
    pub(crate) fn link_elements(&mut self) {
        let Ctx { flow, tree, .. } = self;
        // The link being continued: (its parent, url, element).
        let mut open: Option<(StructId, String, StructId)> = None;
        let mut text_follows: Option<StructId> = None;
        for placed in flow.chunks.iter_mut().flat_map(|c| c.items.iter_mut()) {
            let Tag::Struct(parent) = placed.tag else {
                continue;
            };
            match &placed.item {
                Item::Link { url, .. } => {
                    let link = match &open {
                        Some((p, u, link)) if *p == parent && u == url => *link,
                        _ if url.starts_with("#fn-") => {
                            let reference = tree.add(Role::Reference, parent);
                            tree.add(Role::Link, reference)
                        }
                        _ => tree.add(Role::Link, parent),
                    };
                    open = Some((parent, url.clone(), link));
                    placed.tag = Tag::Struct(link);
                    text_follows = Some(link);
                }
                Item::Text(_) => match text_follows.take() {
                    Some(link) => placed.tag = Tag::Struct(link),
                    None => open = None,
                },
                _ => {}
            }
        }
    }
}
