//! The four faces of the body font, parsed once and shared by every render:
//! glyph lookup and advance widths for layout, the parsed faces for embedding.
//!
//! Advances come from the font's `hmtx` table through printpdf's
//! `ParsedFont` (azul-layout underneath). Latin-1 and the common
//! punctuation block are cached in a table at load time, so measuring a
//! paper does not walk the `cmap` for every letter.

use printpdf::ParsedFont;

/// One of the four faces of the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum FontStyle {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl FontStyle {
    /// All four, in the order of [`Fonts`]' faces.
    pub(crate) const ALL: [FontStyle; 4] = [
        FontStyle::Regular,
        FontStyle::Bold,
        FontStyle::Italic,
        FontStyle::BoldItalic,
    ];

    /// The face with bold added.
    pub(crate) fn bolder(self) -> FontStyle {
        match self {
            FontStyle::Regular | FontStyle::Bold => FontStyle::Bold,
            FontStyle::Italic | FontStyle::BoldItalic => FontStyle::BoldItalic,
        }
    }

    /// The face with italic added.
    pub(crate) fn italicised(self) -> FontStyle {
        match self {
            FontStyle::Regular | FontStyle::Italic => FontStyle::Italic,
            FontStyle::Bold | FontStyle::BoldItalic => FontStyle::BoldItalic,
        }
    }

    fn index(self) -> usize {
        match self {
            FontStyle::Regular => 0,
            FontStyle::Bold => 1,
            FontStyle::Italic => 2,
            FontStyle::BoldItalic => 3,
        }
    }

    /// Short name used in layout dumps.
    pub(crate) fn short(self) -> &'static str {
        match self {
            FontStyle::Regular => "R",
            FontStyle::Bold => "B",
            FontStyle::Italic => "I",
            FontStyle::BoldItalic => "BI",
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

/// The body font family: regular, bold, italic and bold italic.
///
/// Parsed once per process and shared by all threads (`Send + Sync`): it
/// holds only immutable parsed tables.
pub(crate) struct Fonts {
    faces: [Face; 4],
}

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

    /// Parses four TrueType faces; an error names the face that failed.
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
            ],
        })
    }

    /// The face for a style.
    pub(crate) fn face(&self, style: FontStyle) -> &Face {
        &self.faces[style.index()]
    }

    /// Width in points of `text` set in `style` at `size`, counting a
    /// missing glyph as the width of `?` (its stand-in when written).
    pub(crate) fn width(&self, style: FontStyle, size: f32, text: &str) -> f32 {
        let face = self.face(style);
        let fallback = face.advance('?').unwrap_or(556.0);
        let units: f32 = text
            .chars()
            .map(|c| face.advance(c).unwrap_or(fallback))
            .sum();
        units * size / 1000.0
    }
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
    fn bad_font_bytes_are_an_error() {
        let good = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
        let err = Fonts::from_files(good, b"nonsense", good, good).err();
        assert_eq!(err.as_deref(), Some("the bold font could not be parsed"));
    }
}
