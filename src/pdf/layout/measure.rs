//! Inline content to measured tokens: words (made of styled fragments),
//! spaces and hard breaks, with every glyph's advance taken from the font.
//!
//! This is the "collect" stage of inline layout. A character the style's
//! face lacks is set in the fallback face (a fragment of its own, so check
//! marks and symbols stay real text); one that no face has is recorded as
//! a [`MissingGlyph`] and set as `?`.

use super::theme::{Rgb, MUTED};
use crate::document::{Inline, Origin};
use crate::pdf::fonts::{FontStyle, Fonts};
use crate::pdf::MissingGlyph;

/// How a fragment of text looks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RunStyle {
    pub font: FontStyle,
    pub size: f32,
    pub colour: Rgb,
    /// Link target (URI or `#anchor`).
    pub link: Option<String>,
    pub underline: bool,
    pub strike: bool,
    /// Baseline raised by this much (superscript footnote references).
    pub rise: f32,
}

impl RunStyle {
    /// Plain text in `font` at `size`.
    pub(crate) fn plain(font: FontStyle, size: f32, colour: Rgb) -> RunStyle {
        RunStyle {
            font,
            size,
            colour,
            link: None,
            underline: false,
            strike: false,
            rise: 0.0,
        }
    }
}

/// A piece of a word in one style.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Frag {
    pub text: String,
    pub style: RunStyle,
    /// Advance of each char, in points.
    pub advances: Vec<f32>,
    /// Width of a space in this style (used to merge runs exactly).
    pub space: f32,
}

impl Frag {
    pub(crate) fn width(&self) -> f32 {
        self.advances.iter().sum()
    }
}

/// A unit of line breaking.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    /// Unbreakable (except in an emergency) run of fragments.
    Word(Vec<Frag>),
    /// A break opportunity of this width.
    Space(f32),
    /// A forced line break.
    Break,
}

/// Measures inlines into tokens.
pub(crate) struct Measurer<'a> {
    fonts: &'a Fonts,
    origin: &'a Origin,
    missing: &'a mut Vec<MissingGlyph>,
    accent: Rgb,
    tokens: Vec<Token>,
    word: Vec<Frag>,
}

impl<'a> Measurer<'a> {
    pub(crate) fn new(
        fonts: &'a Fonts,
        origin: &'a Origin,
        missing: &'a mut Vec<MissingGlyph>,
        accent: Rgb,
    ) -> Measurer<'a> {
        Measurer {
            fonts,
            origin,
            missing,
            accent,
            tokens: Vec::new(),
            word: Vec::new(),
        }
    }

    /// Measures `inlines` set in `base` style.
    pub(crate) fn inlines(mut self, inlines: &[Inline], base: &RunStyle) -> Vec<Token> {
        self.walk(inlines, base);
        self.finish()
    }

    /// Measures plain text set in `base` style.
    pub(crate) fn text(mut self, text: &str, base: &RunStyle) -> Vec<Token> {
        self.push_text(text, base);
        self.finish()
    }

    fn finish(mut self) -> Vec<Token> {
        self.close_word();
        self.tokens
    }

    fn walk(&mut self, inlines: &[Inline], style: &RunStyle) {
        for inline in inlines {
            match inline {
                Inline::Text(t) => self.push_text(t, style),
                Inline::Strong(c) => {
                    let s = RunStyle {
                        font: style.font.bolder(),
                        ..style.clone()
                    };
                    self.walk(c, &s);
                }
                Inline::Emph(c) => {
                    let s = RunStyle {
                        font: style.font.italicised(),
                        ..style.clone()
                    };
                    self.walk(c, &s);
                }
                Inline::Strike(c) => {
                    let s = RunStyle {
                        strike: true,
                        ..style.clone()
                    };
                    self.walk(c, &s);
                }
                Inline::Code(t) => {
                    let s = RunStyle {
                        colour: MUTED,
                        ..style.clone()
                    };
                    self.push_text(t, &s);
                }
                Inline::Link { url, content } => {
                    // The tree holds only links that passed; the same policy
                    // as the HTML's, so no renderer can set another.
                    let s = RunStyle {
                        link: crate::link::destination(url).ok().flatten(),
                        underline: true,
                        colour: self.accent,
                        ..style.clone()
                    };
                    self.walk(content, &s);
                }
                Inline::FootnoteRef(n) => {
                    let s = RunStyle {
                        size: style.size * 0.65,
                        rise: style.size * 0.35,
                        link: Some(format!("#fn-{n}")),
                        colour: self.accent,
                        ..style.clone()
                    };
                    self.push_text(&n.to_string(), &s);
                }
                Inline::Break => {
                    self.close_word();
                    self.tokens.push(Token::Break);
                }
            }
        }
    }

    fn push_text(&mut self, text: &str, style: &RunStyle) {
        let face = self.fonts.face(style.font);
        let unit = style.size / 1000.0;
        let question = face.advance('?').unwrap_or(556.0) * unit;
        let space = face.advance(' ').unwrap_or(278.0) * unit;
        for ch in text.chars() {
            if ch.is_whitespace() && ch != '\u{a0}' {
                self.close_word();
                if !matches!(self.tokens.last(), Some(Token::Space(_)) | None) {
                    self.tokens.push(Token::Space(space));
                }
                continue;
            }
            let ch = if ch == '\u{a0}' { ' ' } else { ch };
            match self.fonts.glyph(style.font, ch) {
                Some((font, a)) if font == style.font => self.push_char(ch, a * unit, style, space),
                Some((font, a)) => {
                    let s = RunStyle {
                        font,
                        ..style.clone()
                    };
                    self.push_char(ch, a * unit, &s, space);
                }
                None if ch.is_control() || is_invisible(ch) => {}
                None => {
                    self.missing.push(MissingGlyph {
                        ch,
                        origin: self.origin.clone(),
                    });
                    self.push_char('?', question, style, space);
                }
            }
        }
    }

    /// Adds a character to the word, extending its last fragment when the
    /// style is the same. `space` is the width of a space in the text's
    /// own face, whatever face sets this character.
    fn push_char(&mut self, ch: char, adv: f32, style: &RunStyle, space: f32) {
        match self.word.last_mut() {
            Some(f) if f.style == *style => {
                f.text.push(ch);
                f.advances.push(adv);
            }
            _ => {
                // Room for a whole word at once: growing both one character
                // at a time was most of measuring's allocations.
                let mut text = String::with_capacity(WORD);
                text.push(ch);
                let mut advances = Vec::with_capacity(WORD);
                advances.push(adv);
                self.word.push(Frag {
                    text,
                    style: style.clone(),
                    advances,
                    space,
                });
            }
        }
    }

    fn close_word(&mut self) {
        if !self.word.is_empty() {
            self.tokens
                .push(Token::Word(std::mem::take(&mut self.word)));
        }
    }
}

/// Characters a word's fragment has room for when it is started (most
/// words are shorter).
const WORD: usize = 16;

/// Format characters that draw nothing (soft hyphen, zero-width joiners...).
fn is_invisible(ch: char) -> bool {
    matches!(
        ch,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::theme::TEXT;

    fn measure(inlines: &[Inline]) -> (Vec<Token>, Vec<MissingGlyph>) {
        let fonts = Fonts::builtin();
        let origin = Origin::default();
        let mut missing = Vec::new();
        let base = RunStyle::plain(FontStyle::Regular, 10.0, TEXT);
        let tokens = Measurer::new(&fonts, &origin, &mut missing, TEXT).inlines(inlines, &base);
        (tokens, missing)
    }

    #[test]
    fn words_span_style_changes() {
        let (tokens, _) = measure(&[
            Inline::Strong(vec![Inline::Text("bold".into())]),
            Inline::Text(", then  plain".into()),
        ]);
        assert_eq!(tokens.len(), 5);
        match &tokens[0] {
            Token::Word(frags) => {
                assert_eq!(frags.len(), 2);
                assert_eq!(frags[0].style.font, FontStyle::Bold);
                assert_eq!(frags[1].text, ",");
            }
            other => panic!("expected a word, got {other:?}"),
        }
        assert_eq!(tokens[1], Token::Space(2.78));
    }

    #[test]
    fn missing_glyphs_are_recorded_and_ticks_set_in_the_fallback() {
        let (tokens, missing) = measure(&[Inline::Text("a\u{4e2d}b \u{2713}s".into())]);
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].ch, '\u{4e2d}');
        match &tokens[0] {
            Token::Word(f) => assert_eq!(f[0].text, "a?b"),
            other => panic!("expected a word, got {other:?}"),
        }
        match &tokens[2] {
            Token::Word(f) => {
                let parts: Vec<(&str, FontStyle)> =
                    f.iter().map(|f| (f.text.as_str(), f.style.font)).collect();
                assert_eq!(
                    parts,
                    vec![("\u{2713}", FontStyle::Fallback), ("s", FontStyle::Regular)]
                );
                assert!(f[0].width() > 5.0, "the tick has the fallback's advance");
            }
            other => panic!("expected a word, got {other:?}"),
        }
    }
}
