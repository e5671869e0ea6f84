//! The fonts of one document: which glyphs its pages use, and the PDF font
//! objects that embed exactly those.
//!
//! Text is set as the face's own glyph ids ([`Glyphs::encode`]): a code is
//! a glyph of the whole face, the same in every document, so a page's
//! content stream is a function of the page alone and a board pack reuses
//! the stream its paper's own PDF wrote (see `write`). Each page remembers
//! the glyphs it set and the character behind each ([`GlyphSet`]); a
//! document is the union of its pages'. At the end, [`Glyphs::write`]
//! subsets every face that was used (typst's `subsetter`) and writes it as
//! a Type 0 font with a CIDFontType2 descendant, `Identity-H` codes, a
//! `CIDToGIDMap` from each code (the face's glyph) to the subset's glyph,
//! the widths of the glyphs used and a `ToUnicode` map, so text copies and
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

/// The glyphs set in each face (`None`: the face set nothing), each with
/// the character it was first set for, by glyph id: what one page (or
/// document) needs embedded.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct GlyphSet([Option<Vec<(u16, char)>>; 5]);

/// The glyphs each face sets while pages are written: per face, the
/// character behind each glyph id (`None`: not set), by glyph id, so a
/// glyph already seen costs one index.
pub(crate) struct Glyphs<'f> {
    fonts: &'f Fonts,
    used: [Option<Vec<Option<char>>>; 5],
}

impl<'f> Glyphs<'f> {
    pub(crate) fn new(fonts: &'f Fonts) -> Glyphs<'f> {
        Glyphs {
            fonts,
            used: Default::default(),
        }
    }

    /// Appends `text` in `style`'s face to `codes` as the face's glyph ids
    /// (big-endian `u16`s); a character the face lacks is set as `?`. The
    /// first character a glyph is set for is the one its `ToUnicode` entry
    /// gives.
    pub(crate) fn encode(&mut self, style: FontStyle, text: &str, codes: &mut Vec<u8>) {
        let face = self.fonts.face(style);
        let used = self.used[style.index()].get_or_insert_with(Vec::new);
        for ch in text.chars() {
            let (ch, gid) = match face.gid(ch) {
                Some(gid) => (ch, gid),
                None => ('?', face.gid('?').unwrap_or(0)),
            };
            note(used, gid, ch);
            codes.extend_from_slice(&gid.to_be_bytes());
        }
    }

    /// Adds the glyphs of `set` (a page's), keeping the character a glyph
    /// was first set for.
    pub(crate) fn add(&mut self, set: &GlyphSet) {
        for (used, glyphs) in self.used.iter_mut().zip(&set.0) {
            if let Some(glyphs) = glyphs {
                let used = used.get_or_insert_with(Vec::new);
                for &(gid, ch) in glyphs {
                    note(used, gid, ch);
                }
            }
        }
    }

    /// The glyphs set since the last call, which starts the next set
    /// afresh (a page's glyphs).
    pub(crate) fn take_set(&mut self) -> GlyphSet {
        GlyphSet(self.used.each_mut().map(|used| {
            used.take().map(|u| {
                let set = u.iter().enumerate();
                let set = set.filter_map(|(gid, ch)| Some((u16::try_from(gid).ok()?, (*ch)?)));
                set.collect()
            })
        }))
    }

    /// The faces the glyphs are of.
    pub(crate) fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    /// Whether any text was set in `style`.
    pub(crate) fn uses(&self, style: FontStyle) -> bool {
        self.used[style.index()].is_some()
    }

    /// Writes the objects of every face used: its Type 0 font at
    /// `fonts[style]` (the reference the pages name), and the descendant
    /// font, descriptor, `ToUnicode` map, glyph map and font file at
    /// references taken from `next`.
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
            let used = Used::new(used);
            let face = self.fonts.face(style);
            let subset = self
                .fonts
                .subsets
                .get(style.index(), face.data(), &used.remapper, z);
            write_face(chunk, face, &used, &subset, type0, next, z);
        }
    }
}

/// Records that glyph `gid` was set for `ch`, unless it was set before.
fn note(used: &mut Vec<Option<char>>, gid: u16, ch: char) {
    let at = usize::from(gid);
    if at >= used.len() {
        used.resize(at + 1, None);
    }
    used[at].get_or_insert(ch);
}

/// One face's glyphs as embedded: the subset's glyphs in the face's order
/// (`.notdef` first), and each glyph's character.
struct Used {
    remapper: GlyphRemapper,
    /// Face glyph -> the character it was first set for.
    chars: BTreeMap<u16, char>,
}

impl Used {
    fn new(used: &[Option<char>]) -> Used {
        let chars: BTreeMap<u16, char> = used
            .iter()
            .enumerate()
            .filter_map(|(gid, ch)| Some((u16::try_from(gid).ok()?, (*ch)?)))
            .collect();
        // Glyph 0 (.notdef) stays glyph 0, as a TrueType font requires.
        let mut remapper = GlyphRemapper::new();
        remapper.remap(0);
        for &gid in chars.keys() {
            remapper.remap(gid);
        }
        Used { remapper, chars }
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

    // Codes are the face's glyph ids: a map turns them into the subset's
    // (a face the subsetter cannot cut down is embedded whole, its ids as
    // they are).
    let mut font = chunk.cid_font(cid);
    font.subtype(CidFontType::Type2)
        .base_font(name)
        .system_info(IDENTITY)
        .font_descriptor(descriptor)
        .default_width(0.0);
    let gid_map = match subset {
        Some(_) => {
            let id = next.bump();
            font.cid_to_gid_map_stream(id);
            Some(id)
        }
        None => {
            font.cid_to_gid_map_predefined(Name(b"Identity"));
            None
        }
    };
    let mut widths = font.widths();
    for run in runs(used.chars.keys().copied()) {
        let advances = run.clone().map(|gid| face.gid_advance(gid));
        widths.consecutive(*run.start(), advances);
    }
    widths.finish();
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
        let last = used.chars.keys().last().copied().unwrap_or(0);
        let map: Vec<u8> = (0..=last)
            .flat_map(|gid| used.remapper.get(gid).unwrap_or(0).to_be_bytes())
            .collect();
        chunk
            .stream(id, &z.deflate(&map))
            .filter(Filter::FlateDecode);
    }
}

/// Runs of consecutive numbers in ascending `gids`.
fn runs(gids: impl Iterator<Item = u16>) -> Vec<std::ops::RangeInclusive<u16>> {
    let mut out: Vec<std::ops::RangeInclusive<u16>> = Vec::new();
    for gid in gids {
        match out.last_mut() {
            Some(run) if run.end().checked_add(1) == Some(gid) => *run = *run.start()..=gid,
            _ => out.push(gid..=gid),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn codes_are_the_faces_glyph_ids_whatever_was_set_before() {
        let fonts = Fonts::builtin();
        let (mut a, mut b) = (Glyphs::new(&fonts), Glyphs::new(&fonts));
        b.encode(FontStyle::Regular, "Zebra crossing", &mut Vec::new());
        let (mut codes_a, mut codes_b) = (Vec::new(), Vec::new());
        a.encode(FontStyle::Regular, "Board", &mut codes_a);
        b.encode(FontStyle::Regular, "Board", &mut codes_b);
        assert_eq!(codes_a, codes_b);
        let gid = fonts.face(FontStyle::Regular).gid('B').unwrap();
        assert_eq!(codes_a[..2], gid.to_be_bytes());
        // A character the face lacks is set as `?`, and read back as `?`.
        let mut codes = Vec::new();
        a.encode(FontStyle::Regular, "\u{2713}", &mut codes);
        let question = fonts.face(FontStyle::Regular).gid('?').unwrap();
        assert_eq!(codes, question.to_be_bytes());
    }

    #[test]
    fn a_documents_glyphs_are_its_pages_keeping_the_first_character() {
        let fonts = Fonts::builtin();
        let mut page = Glyphs::new(&fonts);
        page.encode(FontStyle::Bold, "ab", &mut Vec::new());
        let first = page.take_set();
        page.encode(FontStyle::Bold, "b?\u{2713}", &mut Vec::new());
        let second = page.take_set();
        assert!(
            !page.uses(FontStyle::Bold),
            "taking a page's set starts afresh"
        );
        let mut doc = Glyphs::new(&fonts);
        doc.add(&first);
        doc.add(&second);
        let used = Used::new(doc.used[FontStyle::Bold.index()].as_ref().unwrap());
        let chars: String = used.chars.values().collect();
        assert_eq!(chars.len(), 3, "a, b and ? (the check mark is set as ?)");
        // The subset keeps the face's order, .notdef first.
        let gids: Vec<u16> = used.remapper.remapped_gids().collect();
        assert_eq!(gids[0], 0);
        assert!(gids.windows(2).all(|w| w[0] < w[1]), "{gids:?}");
    }

    #[test]
    fn runs_are_consecutive_glyph_ids() {
        let gids = [1, 2, 3, 7, 9, 10, u16::MAX];
        assert_eq!(
            runs(gids.into_iter()),
            vec![1..=3, 7..=7, 9..=10, u16::MAX..=u16::MAX]
        );
        assert!(runs(std::iter::empty()).is_empty());
    }

    /// The font objects map each code (a face glyph id) to the subset's
    /// glyph and give it the face's width.
    #[test]
    fn the_glyph_map_and_widths_follow_the_codes() {
        let fonts = Fonts::builtin();
        let mut glyphs = Glyphs::new(&fonts);
        glyphs.encode(FontStyle::Regular, "Wm", &mut Vec::new());
        let mut chunk = Chunk::new();
        let type0 = Ref::new(1);
        let refs = BTreeMap::from([(FontStyle::Regular, type0)]);
        glyphs.write(&mut chunk, &refs, &mut Ref::new(2), &mut Deflater::new());
        let face = fonts.face(FontStyle::Regular);
        let (w, m) = (face.gid('W').unwrap(), face.gid('m').unwrap());
        let text = String::from_utf8_lossy(chunk.as_bytes()).into_owned();
        let width = |gid: u16| face.gid_advance(gid);
        for gid in [w, m] {
            let entry = format!("{gid} [{}]", width(gid));
            assert!(text.contains(&entry), "no /W entry {entry} in {text}");
        }
        // The map: the stream after `/CIDToGIDMap n 0 R`'s object header.
        let map_id: String = text
            .split("/CIDToGIDMap ")
            .nth(1)
            .and_then(|t| t.split(' ').next())
            .unwrap()
            .to_owned();
        let header = format!("{map_id} 0 obj");
        let at = chunk
            .as_bytes()
            .windows(header.len())
            .position(|h| h == header.as_bytes());
        let data = &chunk.as_bytes()[at.unwrap()..];
        let start = data.windows(7).position(|s| s == b"stream\n").unwrap() + 7;
        let mut map = Vec::new();
        flate2::read::ZlibDecoder::new(&data[start..])
            .read_to_end(&mut map)
            .unwrap();
        let subset_of =
            |gid: u16| u16::from_be_bytes([map[2 * gid as usize], map[2 * gid as usize + 1]]);
        let (sw, sm) = (subset_of(w), subset_of(m));
        assert!(sw > 0 && sm > 0 && sw != sm, "W -> {sw}, m -> {sm}");
        assert_eq!((sw < sm), (w < m), "the subset keeps the face's order");
        assert_eq!(map.len(), 2 * (usize::from(w.max(m)) + 1));
    }
}
