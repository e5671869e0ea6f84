//! The fonts of one document: which glyphs its pages use, and the PDF font
//! objects that embed exactly those.
//!
//! While pages are written, [`Glyphs::encode`] turns each run of text into
//! the two-byte glyph codes of its face's subset and remembers the
//! character behind each glyph. At the end, [`Glyphs::write`] subsets
//! every face that was used (typst's `subsetter`), and writes it as a
//! Type 0 font with a CIDFontType2 descendant, `Identity-H` codes, the
//! widths of the subset's glyphs and a `ToUnicode` map, so text copies and
//! extracts as what was written. A face no page used is not embedded.

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use sha2::{Digest, Sha256};
use subsetter::GlyphRemapper;

use super::compress::Deflater;
use super::fonts::{Face, FontStyle, Fonts};
use super::subsets::Packed;

/// `Identity` ordering of the `Adobe` registry: codes are glyph ids.
const IDENTITY: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// The glyphs one face sets in the document.
#[derive(Default)]
struct Used {
    remapper: GlyphRemapper,
    /// Subset glyph -> the character it was first used for.
    chars: BTreeMap<u16, char>,
    /// Face glyph -> its subset code plus one (0: not used yet), so a
    /// glyph already seen is encoded without the remapper's hash map and
    /// the `chars` tree (they were most of writing a page's text).
    codes: Vec<u16>,
}

impl Used {
    /// The subset code of `gid`, set for `ch` (the first character the
    /// glyph is used for is the one its `ToUnicode` entry gives).
    fn code(&mut self, gid: u16, ch: char) -> u16 {
        let at = usize::from(gid);
        if let Some(&known) = self.codes.get(at).filter(|&&c| c != 0) {
            return known - 1;
        }
        let code = self.remapper.remap(gid);
        self.chars.entry(code).or_insert(ch);
        if at >= self.codes.len() {
            self.codes.resize(at + 1, 0);
        }
        // A face has at most 65,535 glyphs, so the subset has at most as
        // many codes and `code + 1` fits.
        self.codes[at] = code.saturating_add(1);
        code
    }
}

/// The glyphs each face sets in one document.
pub(crate) struct Glyphs<'f> {
    fonts: &'f Fonts,
    used: [Option<Used>; 5],
}

impl<'f> Glyphs<'f> {
    pub(crate) fn new(fonts: &'f Fonts) -> Glyphs<'f> {
        Glyphs {
            fonts,
            used: Default::default(),
        }
    }

    /// Appends `text` in `style`'s face to `codes` as subset glyph codes
    /// (big-endian `u16`s); a character the face lacks is set as `?`.
    pub(crate) fn encode(&mut self, style: FontStyle, text: &str, codes: &mut Vec<u8>) {
        let face = self.fonts.face(style);
        let used = self.used[style.index()].get_or_insert_with(|| {
            let mut used = Used::default();
            // Glyph 0 (.notdef) stays glyph 0, as a TrueType font requires.
            used.remapper.remap(0);
            used
        });
        for ch in text.chars() {
            let (ch, gid) = match face.gid(ch) {
                Some(gid) => (ch, gid),
                None => ('?', face.gid('?').unwrap_or(0)),
            };
            let code = used.code(gid, ch);
            codes.extend_from_slice(&code.to_be_bytes());
        }
    }

    /// Whether any text was set in `style`.
    pub(crate) fn uses(&self, style: FontStyle) -> bool {
        self.used[style.index()].is_some()
    }

    /// Writes the objects of every face used: its Type 0 font at
    /// `fonts[style]` (the reference the pages name), and the descendant
    /// font, descriptor, `ToUnicode` map and font file at references taken
    /// from `next`.
    pub(crate) fn write(
        &self,
        chunk: &mut Chunk,
        fonts: &BTreeMap<FontStyle, Ref>,
        next: &mut Ref,
        z: &mut Deflater,
    ) {
        for style in FontStyle::ALL {
            let (Some(used), Some(&type0)) = (&self.used[style.index()], fonts.get(&style)) else {
                continue;
            };
            let subset = self.fonts.subsets.get(
                style.index(),
                self.fonts.face(style).data(),
                &used.remapper,
                z,
            );
            write_face(chunk, self.fonts.face(style), used, &subset, type0, next, z);
        }
    }
}

/// The Type 0 font at `type0` and its companion objects.
fn write_face(
    chunk: &mut Chunk,
    face: &Face,
    used: &Used,
    subset: &Packed,
    type0: Ref,
    next: &mut Ref,
    z: &mut Deflater,
) {
    let [cid, descriptor, cmap, file] = [next.bump(), next.bump(), next.bump(), next.bump()];
    let name = format!("{}+{}", subset_tag(face, used), face.postscript_name);
    let name = Name(name.as_bytes());
    chunk
        .type0_font(type0)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);

    // A face the subsetter cannot cut down is embedded whole, with a map
    // from each subset code back to the face's own glyph.
    let mut font = chunk.cid_font(cid);
    font.subtype(CidFontType::Type2)
        .base_font(name)
        .system_info(IDENTITY)
        .font_descriptor(descriptor)
        .default_width(0.0);
    let gid_map = match subset {
        Some(_) => {
            font.cid_to_gid_map_predefined(Name(b"Identity"));
            None
        }
        None => {
            let id = next.bump();
            font.cid_to_gid_map_stream(id);
            Some(id)
        }
    };
    let widths: Vec<f32> = used
        .remapper
        .remapped_gids()
        .map(|gid| face.gid_advance(gid))
        .collect();
    font.widths().consecutive(0, widths);
    font.finish();

    descriptor_object(chunk, face, descriptor, name, file);

    let mut unicode = UnicodeCmap::new(Name(b"Boardpaper-UTF16"), IDENTITY);
    for (&code, &ch) in &used.chars {
        unicode.pair(code, ch);
    }
    let unicode = z.deflate(unicode.finish().as_slice());
    chunk.cmap(cmap, &unicode).filter(Filter::FlateDecode);

    let whole;
    let (packed, len) = match subset {
        Some(s) => (&s.0, s.1),
        None => {
            whole = z.deflate(face.data());
            (&whole, face.data().len())
        }
    };
    chunk
        .stream(file, packed)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), len as i32);
    if let Some(id) = gid_map {
        let map: Vec<u8> = used
            .remapper
            .remapped_gids()
            .flat_map(u16::to_be_bytes)
            .collect();
        chunk
            .stream(id, &z.deflate(&map))
            .filter(Filter::FlateDecode);
    }
}

/// The font descriptor: metrics, flags and the embedded file.
fn descriptor_object(chunk: &mut Chunk, face: &Face, id: Ref, name: Name, file: Ref) {
    let m = &face.metrics;
    let mut flags = FontFlags::SYMBOLIC;
    flags.set(FontFlags::ITALIC, m.italic);
    flags.set(FontFlags::FIXED_PITCH, m.monospaced);
    let [x0, y0, x1, y1] = m.bbox;
    chunk
        .font_descriptor(id)
        .name(name)
        .flags(flags)
        .bbox(Rect::new(x0, y0, x1, y1))
        .italic_angle(m.italic_angle)
        .ascent(m.ascent)
        .descent(m.descent)
        .cap_height(m.cap_height)
        .stem_v(m.stem_v)
        .font_file2(file);
}

/// Six capital letters naming this subset of this face (ISO 32000 9.6.4):
/// a hash of the face and its glyphs, so the same subset gets the same tag.
fn subset_tag(face: &Face, used: &Used) -> String {
    let mut hash = Sha256::new();
    hash.update(face.postscript_name.as_bytes());
    for gid in used.remapper.remapped_gids() {
        hash.update(gid.to_be_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}
