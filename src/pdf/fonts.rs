//! The four faces of the body font plus one fallback face, parsed once and
//! shared by every render: glyph lookup and advance widths for layout, the
//! parsed faces for embedding.
//!
//! The fallback (DejaVu Sans, regular only) sets, character by character,
//! what the body face lacks: check marks, arrows, symbols. Only characters
//! neither face has become `?` and a missing-glyph warning. Like every
//! face it is subset on embedding, and a PDF that uses none of it does not
//! carry it at all.
//!
//! Advances come from the font's `hmtx` table through printpdf's
//! `ParsedFont` (azul-layout underneath). Latin-1 and the common
//! punctuation block are cached in a table at load time, so measuring a
//! paper does not walk the `cmap` for every letter.

use printpdf::ParsedFont;

/// One of the four faces of the family, or the fallback face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum FontStyle {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// The fallback face, for characters the family lacks.
    Fallback,
}

impl FontStyle {
    /// All five, in the order of [`Fonts`]' faces.
    pub(crate) const ALL: [FontStyle; 5] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
        FontStyle::Fallback,
    ];

    /// The face with bold added.
    pub(crate) fn bolder(self) -> FontStyle {
        match self {
            FontStyle::Regular | FontStyle::Bold => FontStyle::Bold,
            FontStyle::Italic | FontStyle::BoldItalic => FontStyle::BoldItalic,
            FontStyle::Fallback => FontStyle::Fallback,
        }
    }

    /// The face with italic added.
    pub(crate) fn italicised(self) -> FontStyle {
        match self {
            FontStyle::Regular | FontStyle::Italic => FontStyle::Italic,
            FontStyle::Bold | FontStyle::BoldItalic => FontStyle::BoldItalic,
            FontStyle::Fallback => FontStyle::Fallback,
        }
    }

    fn index(self) -> usize {
        match self {
            FontStyle::Regular => 0,
            FontStyle::Bold => 1,
            FontStyle::Italic => 2,
            FontStyle::BoldItalic => 3,
            FontStyle::Fallback => 4,
        }
    }

    /// Short name used in layout dumps.
    pub(crate) fn short(self) -> &'static str {
        match self {
            FontStyle::Regular => "R",
            FontStyle::Bold => "B",
            FontStyle::Italic => "I",
            FontStyle::BoldItalic => "BI",
            FontStyle::Fallback => "F",
        }
    }
}

/// Characters below this code point have their advance cached.
const CACHED: usize = 0x2200;

/// One parsed face plus its advance cache (in 1/1000 em; `None` = no glyph).
pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    units_per_em: f32,
    cache: Vec<Option<u16>>,
}

impl Face {
    fn parse(bytes: &[u8], name: &str) -> Result<Face, String> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| format!("the {name} font could not be parsed"))?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let mut face = Face {
            parsed,
            units_per_em,
            cache: Vec::new(),
        };
        face.cache = (0..CACHED as u32)
            .map(|cp| char::from_u32(cp).and_then(|c| face.lookup(c)))
            .collect();
        if face
            .cache
            .get(usize::from(b'?'))
            .copied()
            .flatten()
            .is_none()
        {
            return Err(format!("the {name} font has no glyph for `?`"));
        }
        Ok(face)
    }

    fn lookup(&self, ch: char) -> Option<u16> {
        let gid = self.parsed.lookup_glyph_index(ch as u32)?;
        if gid == 0 {
            return None;
        }
        let adv = f32::from(self.parsed.get_horizontal_advance(gid));
        Some((adv * 1000.0 / self.units_per_em).round() as u16)
    }

    /// Advance of `ch` in 1/1000 em, or `None` when the face has no glyph.
    pub(crate) fn advance(&self, ch: char) -> Option<f32> {
        let cp = ch as usize;
        let adv = if cp < CACHED {
            self.cache.get(cp).copied().flatten()
        } else {
            self.lookup(ch)
        };
        adv.map(f32::from)
    }
}

/// The body font family (regular, bold, italic, bold italic) and the
/// fallback face.
///
/// Parsed once per process and shared by all threads (`Send + Sync`): it
/// holds only immutable parsed tables.
pub(crate) struct Fonts {
    faces: [Face; 5],
}

/// DejaVu Sans (Bitstream Vera licence, see `fonts/LICENSE-DejaVu.txt`).
static FALLBACK: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");

impl Fonts {
    /// Liberation Sans 2 (SIL OFL 1.1, see `fonts/LICENSE-Liberation.txt`),
    /// compiled into the binary so output never depends on the machine.
    pub(crate) fn builtin() -> Fonts {
        static REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
        static BOLD: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");
        static ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSans-Italic.ttf");
        static BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/LiberationSans-BoldItalic.ttf");
        match Fonts::from_files(REGULAR, BOLD, ITALIC, BOLD_ITALIC) {
            Ok(fonts) => fonts,
            // The bundled files are fixed at compile time and covered by tests.
            Err(e) => unreachable!("bundled fonts are valid: {e}"),
        }
    }

    /// Parses four TrueType faces (plus the bundled fallback face); an
    /// error names the face that failed.
    pub(crate) fn from_files(
        regular: &[u8],
        bold: &[u8],
        italic: &[u8],
        bold_italic: &[u8],
    ) -> Result<Fonts, String> {
        Ok(Fonts {
            faces: [
                Face::parse(regular, "regular")?,
                Face::parse(bold, "bold")?,
                Face::parse(italic, "italic")?,
                Face::parse(bold_italic, "bold italic")?,
                Face::parse(FALLBACK, "fallback")?,
            ],
        })
    }

    /// The face for a style.
    pub(crate) fn face(&self, style: FontStyle) -> &Face {
        &self.faces[style.index()]
    }

    /// The face that sets `ch` for text in `style` (`style` itself, else
    /// the fallback) and its advance in 1/1000 em; `None` when neither has it.
    pub(crate) fn glyph(&self, style: FontStyle, ch: char) -> Option<(FontStyle, f32)> {
        let fallback = FontStyle::Fallback;
        self.face(style)
            .advance(ch)
            .map(|a| (style, a))
            .or_else(|| self.face(fallback).advance(ch).map(|a| (fallback, a)))
    }

    /// `text` cut into runs of one face each (see [`Fonts::glyph`]), with
    /// their widths in points at `size`; a character neither face has is
    /// set as `?`.
    pub(crate) fn runs(&self, style: FontStyle, size: f32, text: &str) -> Vec<FaceRun> {
        let mut runs: Vec<FaceRun> = Vec::new();
        for ch in text.chars() {
            let (ch, (face, adv)) = match self.glyph(style, ch) {
                Some(g) => (ch, g),
                None => ('?', (style, self.face(style).advance('?').unwrap_or(556.0))),
            };
            let w = adv * size / 1000.0;
            match runs.last_mut() {
                Some(r) if r.font == face => {
                    r.text.push(ch);
                    r.width += w;
                }
                _ => runs.push(FaceRun {
                    font: face,
                    text: ch.to_string(),
                    width: w,
                }),
            }
        }
        runs
    }

    /// Width in points of `text` set in `style` at `size`, with the
    /// fallback face's advances where it sets a character and the width of
    /// `?` (the stand-in when written) where no face has one.
    pub(crate) fn width(&self, style: FontStyle, size: f32, text: &str) -> f32 {
        self.runs(style, size, text).iter().map(|r| r.width).sum()
    }
}

/// A piece of text in one face, from [`Fonts::runs`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FaceRun {
    pub font: FontStyle,
    pub text: String,
    /// Advance width in points.
    pub width: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn fonts_are_shareable_between_threads() {
        assert_send_sync::<Fonts>();
    }

    #[test]
    fn builtin_fonts_have_arial_metrics() {
        let fonts = Fonts::builtin();
        // Arial/Liberation Sans: space 278, 'a' 556, bold 'a' 556, 'm' 833.
        assert_eq!(fonts.face(FontStyle::Regular).advance(' '), Some(278.0));
        assert_eq!(fonts.face(FontStyle::Regular).advance('m'), Some(833.0));
        assert_eq!(fonts.face(FontStyle::Bold).advance('a'), Some(556.0));
        assert!(fonts.face(FontStyle::Regular).advance('£').is_some());
        assert!(fonts.face(FontStyle::Regular).advance('–').is_some());
        assert!(fonts.face(FontStyle::Regular).advance('é').is_some());
        assert_eq!(fonts.face(FontStyle::Regular).advance('\u{2713}'), None);
    }

    #[test]
    fn the_fallback_sets_what_the_family_lacks() {
        let fonts = Fonts::builtin();
        let tick = fonts.glyph(FontStyle::Bold, '\u{2713}');
        assert!(matches!(tick, Some((FontStyle::Fallback, a)) if a > 500.0));
        assert!(matches!(
            fonts.glyph(FontStyle::Bold, 'a'),
            Some((FontStyle::Bold, _))
        ));
        assert_eq!(fonts.glyph(FontStyle::Regular, '\u{4e2d}'), None);
        let runs = fonts.runs(FontStyle::Regular, 10.0, "ok \u{2713}\u{2714} \u{4e2d}");
        let texts: Vec<(&str, FontStyle)> =
            runs.iter().map(|r| (r.text.as_str(), r.font)).collect();
        assert_eq!(
            texts,
            vec![
                ("ok ", FontStyle::Regular),
                ("\u{2713}\u{2714}", FontStyle::Fallback),
                (" ?", FontStyle::Regular)
            ]
        );
    }

    #[test]
    fn bad_font_bytes_are_an_error() {
        let good = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
        let err = Fonts::from_files(good, b"nonsense", good, good).err();
        assert_eq!(err.as_deref(), Some("the bold font could not be parsed"));
    }
}
