//! The layout context: fonts, loaded images, the flow being built and the
//! missing glyphs found so far, with the helpers every block layout uses
//! (measure, break, turn lines into chunks).

use super::chunk::Flow;
use super::line::line_chunks;
use super::linebreak::{break_lines, Line};
use super::measure::{Measurer, RunStyle, Token};
use super::theme::{Rgb, TEXT};
use crate::doc::{Inline, Origin};
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
    pub flow: Flow,
    pub missing: Vec<MissingGlyph>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(fonts: &'a Fonts, images: &'a Images, accent: Rgb) -> Ctx<'a> {
        Ctx {
            fonts,
            images,
            accent,
            flow: Flow::default(),
            missing: Vec::new(),
        }
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
        break_lines(&tokens, width)
    }

    /// Lays out a paragraph of inlines into the flow; returns its chunks' range start.
    pub(crate) fn paragraph(
        &mut self,
        inlines: &[Inline],
        style: &RunStyle,
        origin: &Origin,
        frame: Frame,
        space_before: f32,
    ) -> usize {
        let lines = self.lines(inlines, style, origin, frame.w);
        self.push_lines(&lines, frame.x, style.size, space_before)
    }

    /// Lays out plain text as a paragraph.
    pub(crate) fn text_paragraph(
        &mut self,
        text: &str,
        style: &RunStyle,
        frame: Frame,
        space_before: f32,
    ) -> usize {
        let tokens = self.text_tokens(text, style, &Origin::default());
        let lines = break_lines(&tokens, frame.w);
        self.push_lines(&lines, frame.x, style.size, space_before)
    }

    /// Pushes lines as chunks; returns the index of the first.
    pub(crate) fn push_lines(
        &mut self,
        lines: &[Line],
        x: f32,
        size: f32,
        space_before: f32,
    ) -> usize {
        let start = self.flow.next_index();
        for chunk in line_chunks(lines, x, size, space_before, |_| 0.0) {
            self.flow.push(chunk);
        }
        start
    }

    /// Width of plain text.
    pub(crate) fn width(&self, font: FontStyle, size: f32, text: &str) -> f32 {
        self.fonts.width(font, size, text)
    }
}
