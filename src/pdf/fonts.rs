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
//! Faces are read with ttf-parser once, at load: the character-to-glyph
//! map and every glyph's advance go into plain tables, so measuring a
//! paper never walks the `cmap`, and what the PDF writer needs to embed a
//! face (its bytes, PostScript name and descriptor metrics) is kept beside
//! them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use ttf_parser::GlyphId;

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

    pub(crate) fn index(self) -> usize {
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

/// Characters below this code point have their glyph in a table.
const CACHED: usize = 0x2200;

/// What a PDF font descriptor says about a face, in 1/1000 em.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Metrics {
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
    pub italic_angle: f32,
    /// x_min, y_min, x_max, y_max.
    pub bbox: [f32; 4],
    pub italic: bool,
    pub monospaced: bool,
    /// Stem width estimated from the weight class, as PDF producers do.
    pub stem_v: f32,
}

/// One face: its bytes (for subsetting), names and metrics (for the PDF
/// font objects) and its glyph tables (for layout and the writer).
pub(crate) struct Face {
    /// The file: compiled in (the bundled faces, never copied) or read
    /// from the project.
    data: Cow<'static, [u8]>,
    /// The PostScript name, the embedded font's `/BaseFont` (after the tag).
    pub(crate) postscript_name: String,
    pub(crate) metrics: Metrics,
    /// Advance of each glyph in 1/1000 em, rounded.
    advances: Vec<u16>,
    /// Glyph of each character below [`CACHED`]; 0 = none.
    low: Vec<u16>,
    /// Glyph of each character from [`CACHED`] up that the face maps.
    high: HashMap<char, u16>,
}

impl Face {
    fn parse(data: Cow<'static, [u8]>, name: &str) -> Result<Face, String> {
        let ttf = ttf_parser::Face::parse(&data, 0)
            .map_err(|_| format!("the {name} font could not be parsed"))?;
        if ttf.tables().glyf.is_none() {
            return Err(format!("the {name} font has no TrueType outlines"));
        }
        let per_unit = 1000.0 / f32::from(ttf.units_per_em().max(1));
        let scale = |v: i16| f32::from(v) * per_unit;
        let advances = (0..ttf.number_of_glyphs())
            .map(|g| {
                let adv = f32::from(ttf.glyph_hor_advance(GlyphId(g)).unwrap_or(0));
                (adv * per_unit).round() as u16
            })
            .collect();
        let (low, high) = char_map(&ttf);
        let b = ttf.global_bounding_box();
        let weight = f32::from(ttf.weight().to_number());
        let metrics = Metrics {
            ascent: scale(ttf.ascender()),
            descent: scale(ttf.descender()),
            cap_height: scale(ttf.capital_height().unwrap_or(ttf.ascender())),
            italic_angle: ttf.italic_angle(),
            bbox: [
                scale(b.x_min),
                scale(b.y_min),
                scale(b.x_max),
                scale(b.y_max),
            ],
            italic: ttf.is_italic(),
            monospaced: ttf.is_monospaced(),
            stem_v: 10.0 + 0.244 * (weight - 50.0),
        };
        let postscript_name = postscript_name(&ttf).unwrap_or_else(|| format!("Boardpaper{name}"));
        let face = Face {
            data,
            postscript_name,
            metrics,
            advances,
            low,
            high,
        };
        if face.gid('?').is_none() {
            return Err(format!("the {name} font has no glyph for `?`"));
        }
        Ok(face)
    }

    /// The face's file, for subsetting.
    pub(crate) fn data(&self) -> &[u8] {
        &self.data
    }

    /// The glyph that sets `ch`, or `None` when the face has none.
    pub(crate) fn gid(&self, ch: char) -> Option<u16> {
        let gid = match self.low.get(ch as usize) {
            Some(&g) => g,
            None => self.high.get(&ch).copied().unwrap_or(0),
        };
        (gid != 0).then_some(gid)
    }

    /// Advance of glyph `gid` in 1/1000 em (0 for a glyph the face lacks).
    pub(crate) fn gid_advance(&self, gid: u16) -> f32 {
        f32::from(self.advances.get(usize::from(gid)).copied().unwrap_or(0))
    }

    /// Advance of `ch` in 1/1000 em, or `None` when the face has no glyph.
    pub(crate) fn advance(&self, ch: char) -> Option<f32> {
        self.gid(ch).map(|g| self.gid_advance(g))
    }
}

/// The face's Unicode `cmap`, split into a table for the characters below
/// [`CACHED`] and a map for the rest.
fn char_map(ttf: &ttf_parser::Face) -> (Vec<u16>, HashMap<char, u16>) {
    let mut low = vec![0u16; CACHED];
    let mut high = HashMap::new();
    let Some(cmap) = ttf.tables().cmap else {
        return (low, high);
    };
    // Each character's glyph is the face's (the first Unicode subtable
    // that maps it), whichever subtable lists it and however often: a
    // character already mapped is skipped, so no sorted list of every
    // code point is needed (sorting one was most of parsing a face).
    for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
        sub.codepoints(|cp| {
            let Some(ch) = char::from_u32(cp) else {
                return;
            };
            let known = match low.get(ch as usize) {
                Some(&gid) => gid != 0,
                None => high.contains_key(&ch),
            };
            if known {
                return;
            }
            let Some(GlyphId(gid)) = ttf.glyph_index(ch) else {
                return;
            };
            match low.get_mut(ch as usize) {
                Some(slot) => *slot = gid,
                None => {
                    high.insert(ch, gid);
                }
            }
        });
    }
    (low, high)
}

/// The face's PostScript name, kept to the characters a PDF name allows
/// unescaped.
fn postscript_name(ttf: &ttf_parser::Face) -> Option<String> {
    let name = ttf
        .names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())?;
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(63)
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The body font family (regular, bold, italic, bold italic) and the
/// fallback face.
///
/// Parsed once per process and shared by all threads (`Send + Sync`): it
/// holds only immutable parsed tables.
pub(crate) struct Fonts {
    faces: [Face; 5],
    /// Subsets of these faces already made (see `embed`), one slot per
    /// face in [`FontStyle::index`] order.
    pub(crate) subsets: super::subsets::SubsetCache<5>,
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
        let family = [REGULAR, BOLD, ITALIC, BOLD_ITALIC].map(Cow::Borrowed);
        match Fonts::parse(family) {
            Ok(fonts) => fonts,
            // The bundled files are fixed at compile time and covered by tests.
            Err(e) => unreachable!("bundled fonts are valid: {e}"),
        }
    }

    /// The bundled faces ([`Fonts::builtin`]) parsed once for the whole
    /// process (a preview's rebuilds share them and their subsets).
    pub(crate) fn shared_builtin() -> Arc<Fonts> {
        static SHARED: OnceLock<Arc<Fonts>> = OnceLock::new();
        SHARED.get_or_init(|| Arc::new(Fonts::builtin())).clone()
    }

    /// Starts parsing the bundled faces on a thread of their own, for
    /// [`Fonts::shared_builtin`]: a command that will write PDFs calls it
    /// first thing, so the faces are ready by the time its project is
    /// loaded and checked (parsing them after took a tenth of the demo
    /// build, with a core idle during the load).
    pub(crate) fn warm_builtin() {
        // Should the thread not start, the first use parses them.
        let _ = std::thread::Builder::new()
            .name("fonts".into())
            .spawn(|| drop(Fonts::shared_builtin()));
    }

    /// Whether `bytes` parse as a face `from_files` accepts (`check` asks).
    pub(crate) fn check_face(bytes: &[u8], name: &str) -> Result<(), String> {
        Face::parse(Cow::Owned(bytes.to_vec()), name).map(|_| ())
    }

    /// Parses four TrueType faces (plus the bundled fallback face); an
    /// error names the face that failed.
    pub(crate) fn from_files(
        regular: &[u8],
        bold: &[u8],
        italic: &[u8],
        bold_italic: &[u8],
    ) -> Result<Fonts, String> {
        let family = [regular, bold, italic, bold_italic].map(|f| Cow::Owned(f.to_vec()));
        Fonts::parse(family)
    }

    /// The family's four faces and the fallback, parsed; the first face in
    /// this order that fails is reported. Side by side within a pool (the
    /// faces come before any paper is laid out), else one by one (on the
    /// thread [`Fonts::warm_builtin`] starts, beside the loading).
    fn parse(family: [Cow<'static, [u8]>; 4]) -> Result<Fonts, String> {
        let [regular, bold, italic, bold_italic] = family;
        let named = [
            (regular, "regular"),
            (bold, "bold"),
            (italic, "italic"),
            (bold_italic, "bold italic"),
            (Cow::Borrowed(FALLBACK), "fallback"),
        ];
        let parse = |(bytes, name): (Cow<'static, [u8]>, &str)| Face::parse(bytes, name);
        let parsed: Vec<Result<Face, String>> = match rayon::current_thread_index() {
            Some(_) => named.into_par_iter().map(parse).collect(),
            None => named.into_iter().map(parse).collect(),
        };
        let faces: Vec<Face> = parsed.into_iter().collect::<Result<_, _>>()?;
        let faces: [Face; 5] = faces
            .try_into()
            .map_err(|_| "a face is missing".to_owned())?;
        Ok(Fonts {
            faces,
            subsets: Default::default(),
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
    fn each_character_maps_to_the_glyph_the_face_gives_it() {
        let fonts = Fonts::builtin();
        let files = [
            &include_bytes!("../../fonts/LiberationSans-Regular.ttf")[..],
            include_bytes!("../../fonts/LiberationSans-BoldItalic.ttf"),
            FALLBACK,
        ];
        let styles = [
            FontStyle::Regular,
            FontStyle::BoldItalic,
            FontStyle::Fallback,
        ];
        for (bytes, style) in files.into_iter().zip(styles) {
            let ttf = ttf_parser::Face::parse(bytes, 0).unwrap();
            let face = fonts.face(style);
            for ch in (0..0x3_0000).filter_map(char::from_u32) {
                let want = ttf.glyph_index(ch).map(|g| g.0).filter(|&g| g != 0);
                assert_eq!(face.gid(ch), want, "{style:?} U+{:04X}", ch as u32);
            }
        }
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
