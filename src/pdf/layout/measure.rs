//! Inline content to measured tokens: words (made of styled fragments),
//! spaces and hard breaks, with every glyph's advance taken from the font.
//!
//! This is the "collect" stage of inline layout. A character the font lacks
//! is recorded as a [`MissingGlyph`] and set as `?`; a check mark (U+2713,
//! U+2714), which Liberation Sans lacks, becomes a vector tick instead.

use super::theme::{Rgb, MUTED};
use crate::doc::{Inline, Origin};
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

/// What a fragment draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FragKind {
    Text,
    /// A vector check mark occupying the fragment's width.
    Tick,
}

/// A piece of a word in one style.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Frag {
    pub text: String,
    pub style: RunStyle,
    pub kind: FragKind,
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
                    let s = RunStyle {
                        link: Some(url.clone()),
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
        let fallback = face.advance('?').unwrap_or(556.0) * unit;
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
            let (ch, adv, kind) = match face.advance(ch) {
                Some(a) => (ch, a * unit, FragKind::Text),
                None if ch == '\u{2713}' || ch == '\u{2714}' => {
                    (ch, 0.8 * style.size, FragKind::Tick)
                }
                None if ch.is_control() || is_invisible(ch) => continue,
                None => {
                    self.missing.push(MissingGlyph {
                        ch,
                        origin: self.origin.clone(),
                    });
                    ('?', fallback, FragKind::Text)
                }
            };
            self.push_char(ch, adv, kind, style, space);
        }
    }

    fn push_char(&mut self, ch: char, adv: f32, kind: FragKind, style: &RunStyle, space: f32) {
        match self.word.last_mut() {
            Some(f) if f.style == *style && f.kind == kind && kind == FragKind::Text => {
                f.text.push(ch);
                f.advances.push(adv);
            }
            _ => self.word.push(Frag {
                text: ch.to_string(),
                style: style.clone(),
                kind,
                advances: vec![adv],
                space,
            }),
        }
    }

    fn close_word(&mut self) {
        if !self.word.is_empty() {
            self.tokens
                .push(Token::Word(std::mem::take(&mut self.word)));
        }
    }
}

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
    fn missing_glyphs_are_recorded_and_ticks_kept() {
        let (tokens, missing) = measure(&[Inline::Text("a\u{4e2d}b \u{2713}".into())]);
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].ch, '\u{4e2d}');
        match &tokens[0] {
            Token::Word(f) => assert_eq!(f[0].text, "a?b"),
            other => panic!("expected a word, got {other:?}"),
        }
        match &tokens[2] {
            Token::Word(f) => assert_eq!(f[0].kind, FragKind::Tick),
            other => panic!("expected a tick, got {other:?}"),
        }
    }
}
