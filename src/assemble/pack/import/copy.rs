//! Allow-list copy of an imported file's objects into the PDF we write,
//! with the references renumbered. Only the keys a page's resources
//! (fonts, images, forms, colour spaces, patterns, shadings, graphics
//! states, and what those use: descriptors, font files, encodings, CMaps,
//! functions, soft masks) legitimately hold are copied, and only through
//! them does the copy follow references ([`Keys`]): an action, script,
//! embedded file, form field or name tree reached through any other key
//! (a popup's `/AA`, an extra key on a font) never arrives. An object
//! whose `/Type` is not a resource's (a catalogue, a page, an action, a
//! file specification, an embedded file) or that has an action's `/S` is
//! written as null wherever it is met. Each object of the file is copied at most
//! once (the first reference to it hands out its new number; the copy is
//! written when the queue is flushed), so shared fonts and images stay
//! shared and reference cycles end. Some objects are pinned instead of
//! copied: the file's pages become the pages we write for them (or null
//! when not placed), and its catalogue, page tree and structure tree
//! root become null, so nothing drags in the rest of the file.
//!
//! Streams are copied still encoded, with their filters. Keys into the
//! file's parent tree (`/StructParent`, `/StructParents`) are dropped
//! from copied objects: they mean nothing in ours (the pages and
//! annotations we write get keys of their own).

use std::collections::{BTreeMap, VecDeque};

use lopdf::{Document, Object, ObjectId};
use pdf_writer::{Chunk, Finish, Name, Null, Obj, Ref, Str};

/// Deeper direct objects are written as null (lopdf's parser stops at
/// about 100 levels already).
const MAX_NESTING: usize = 128;
/// The largest number written (PDF 1.7, Annex C: readers' reals and
/// integers stay within this; a larger one is clamped to it).
const MAX_NUMBER: f32 = 1.0e9;

/// Which keys of a dictionary are copied: the policy of the place it is
/// met in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keys {
    /// A resource or what a resource uses: [`RESOURCE`] keys only.
    Resource,
    /// A dictionary of resources by name (`/Font`, `/XObject`…): any
    /// key, each value a resource.
    Names,
    /// A structure element's attributes: any key but [`NEVER`].
    Attribute,
}

/// The keys of resources and of what they use.
const RESOURCE: &[&[u8]] = &[
    b"Type",
    b"Subtype",
    b"Font",
    b"XObject",
    b"ColorSpace",
    b"Pattern",
    b"Shading",
    b"ExtGState",
    b"ProcSet",
    b"Properties",
    b"BaseFont",
    b"FirstChar",
    b"LastChar",
    b"Widths",
    b"FontDescriptor",
    b"Encoding",
    b"ToUnicode",
    b"DescendantFonts",
    b"CIDSystemInfo",
    b"Registry",
    b"Ordering",
    b"Supplement",
    b"DW",
    b"W",
    b"DW2",
    b"W2",
    b"CIDToGIDMap",
    b"FontBBox",
    b"FontMatrix",
    b"CharProcs",
    b"Name",
    b"FontName",
    b"FontFamily",
    b"FontStretch",
    b"FontWeight",
    b"Flags",
    b"ItalicAngle",
    b"Ascent",
    b"Descent",
    b"Leading",
    b"CapHeight",
    b"XHeight",
    b"StemV",
    b"StemH",
    b"AvgWidth",
    b"MaxWidth",
    b"MissingWidth",
    b"FontFile",
    b"FontFile2",
    b"FontFile3",
    b"CharSet",
    b"Style",
    b"Lang",
    b"FD",
    b"CIDSet",
    b"Panose",
    b"BaseEncoding",
    b"Differences",
    b"Filter",
    b"DecodeParms",
    b"Length1",
    b"Length2",
    b"Length3",
    b"Predictor",
    b"Colors",
    b"BitsPerComponent",
    b"Columns",
    b"EarlyChange",
    b"K",
    b"EndOfLine",
    b"EncodedByteAlign",
    b"Rows",
    b"EndOfBlock",
    b"BlackIs1",
    b"DamagedRowsBeforeError",
    b"ColorTransform",
    b"JBIG2Globals",
    b"Width",
    b"Height",
    b"Intent",
    b"ImageMask",
    b"Mask",
    b"Decode",
    b"Interpolate",
    b"SMask",
    b"SMaskInData",
    b"Matte",
    b"FormType",
    b"BBox",
    b"Matrix",
    b"Group",
    b"S",
    b"CS",
    b"I",
    b"WhitePoint",
    b"BlackPoint",
    b"Gamma",
    b"Range",
    b"N",
    b"Alternate",
    b"FunctionType",
    b"Domain",
    b"Size",
    b"BitsPerSample",
    b"Order",
    b"Encode",
    b"C0",
    b"C1",
    b"Functions",
    b"Bounds",
    b"PatternType",
    b"PaintType",
    b"TilingType",
    b"XStep",
    b"YStep",
    b"ShadingType",
    b"Background",
    b"AntiAlias",
    b"Coords",
    b"Function",
    b"Extend",
    b"BitsPerCoordinate",
    b"BitsPerFlag",
    b"VerticesPerRow",
    b"LW",
    b"LC",
    b"LJ",
    b"ML",
    b"D",
    b"RI",
    b"OP",
    b"op",
    b"OPM",
    b"BG",
    b"BG2",
    b"UCR",
    b"UCR2",
    b"TR",
    b"TR2",
    b"FL",
    b"SM",
    b"SA",
    b"BM",
    b"CA",
    b"ca",
    b"AIS",
    b"TK",
    b"G",
    b"BC",
    b"Colorants",
    b"Process",
    b"Components",
    b"CMapName",
    b"WMode",
    b"UseCMap",
    b"MCID",
    b"Rect",
    b"Border",
    b"BS",
    b"AP",
    b"R",
];
/// Keys whose value is a dictionary of resources by name.
const NAMES: &[&[u8]] = &[
    b"Font",
    b"XObject",
    b"ColorSpace",
    b"Pattern",
    b"Shading",
    b"ExtGState",
    b"Properties",
    b"CharProcs",
    b"Colorants",
    b"AP",
];
/// Keys never copied, whatever the policy: actions, scripts, files,
/// forms, name trees, and links back into the file's own tree.
const NEVER: &[&[u8]] = &[
    b"A",
    b"AA",
    b"JS",
    b"JavaScript",
    b"OpenAction",
    b"Launch",
    b"EF",
    b"EmbeddedFile",
    b"EmbeddedFiles",
    b"Names",
    b"AcroForm",
    b"URI",
    b"F",
    b"Next",
    b"Dest",
    b"Action",
    b"Annots",
    b"P",
    b"Parent",
    b"Popup",
    b"IRT",
    b"Kids",
    b"Fields",
    b"XFA",
    b"RichMediaContent",
    b"Metadata",
    b"PieceInfo",
    b"OC",
    b"Ref",
    b"Outlines",
    b"Pages",
    b"StructTreeRoot",
];
/// The `/Type`s an object we copy may have.
const TYPES: &[&[u8]] = &[
    b"Font",
    b"FontDescriptor",
    b"XObject",
    b"ExtGState",
    b"Pattern",
    b"Encoding",
    b"Group",
    b"Mask",
    b"CMap",
    b"Halftone",
    b"Border",
];
/// The `/S` of actions (an object that has one is not copied).
const ACTIONS: &[&[u8]] = &[
    b"GoTo",
    b"GoToR",
    b"GoToE",
    b"GoTo3DView",
    b"Launch",
    b"Thread",
    b"URI",
    b"Sound",
    b"Movie",
    b"Hide",
    b"Named",
    b"SubmitForm",
    b"ResetForm",
    b"ImportData",
    b"JavaScript",
    b"SetOCGState",
    b"Rendition",
    b"Trans",
    b"RichMediaExecute",
];

impl Keys {
    /// Whether `key` is copied under this policy.
    fn allows(self, key: &[u8]) -> bool {
        match self {
            // Resource names are the file's own choice (`/F`, `/A`…).
            Keys::Names => true,
            _ if NEVER.contains(&key) || DROPPED.contains(&key) => false,
            Keys::Resource => RESOURCE.contains(&key),
            Keys::Attribute => true,
        }
    }

    /// The policy for the value of `key`.
    fn under(self, key: &[u8]) -> Keys {
        match self {
            Keys::Resource if NAMES.contains(&key) => Keys::Names,
            Keys::Names => Keys::Resource,
            k => k,
        }
    }

    /// The policy for an array's items.
    fn items(self) -> Keys {
        match self {
            Keys::Names => Keys::Resource,
            k => k,
        }
    }
}

/// Whether a dictionary may be copied at all: no foreign `/Type`, no
/// action's `/S`.
fn acceptable(d: &lopdf::Dictionary) -> bool {
    let name = |k: &[u8]| d.get(k).and_then(Object::as_name).ok();
    name(b"Type").is_none_or(|t| TYPES.contains(&t))
        && name(b"S").is_none_or(|s| !ACTIONS.contains(&s))
        && !d.has(b"JS")
}

/// Keys never copied: parent tree keys.
const DROPPED: [&[u8]; 2] = [b"StructParent", b"StructParents"];
/// Keys of a stream's dictionary not copied: its length (pdf-writer
/// writes `/Length`) and external file (not ours to reference).
const STREAM_DROPPED: [&[u8]; 4] = [b"Length", b"F", b"FFilter", b"FDecodeParms"];

/// One imported file's objects on their way into our PDF.
pub(super) struct Copier<'d> {
    doc: &'d Document,
    /// File object → our object (copied, pinned or claimed).
    map: BTreeMap<ObjectId, Option<Ref>>,
    /// Objects to copy, with the policy of the place first met.
    queue: VecDeque<(ObjectId, Keys)>,
    /// The most objects this file may add.
    limit: usize,
    copied: usize,
}

impl<'d> Copier<'d> {
    pub(super) fn new(doc: &'d Document, limit: usize) -> Copier<'d> {
        Copier {
            doc,
            map: BTreeMap::new(),
            queue: VecDeque::new(),
            limit,
            copied: 0,
        }
    }

    /// References to `id` become `to` (null when `None`) and `id` itself
    /// is not copied.
    pub(super) fn pin(&mut self, id: ObjectId, to: Option<Ref>) {
        self.map.insert(id, to);
    }

    /// Our number for `id`, queueing it to be copied the first time
    /// (`None`: it is pinned to null, missing, or over the limit).
    pub(super) fn reference(&mut self, id: ObjectId, next: &mut Ref, keys: Keys) -> Option<Ref> {
        if let Some(to) = self.map.get(&id) {
            return *to;
        }
        let ok = match self.doc.objects.get(&id) {
            Some(Object::Dictionary(d)) => acceptable(d),
            Some(Object::Stream(s)) => acceptable(&s.dict),
            Some(_) => true,
            None => false,
        };
        let to = (ok && self.copied < self.limit).then(|| {
            self.copied += 1;
            self.queue.push_back((id, keys));
            next.bump()
        });
        self.map.insert(id, to);
        to
    }

    /// Writes `src` (a resource, or what one uses) into `obj`, references
    /// renumbered.
    pub(super) fn write(&mut self, obj: Obj, src: &Object, next: &mut Ref) {
        self.write_at(obj, src, next, Keys::Resource, 0);
    }

    /// Writes `src` into `obj` under the policy `keys`.
    pub(super) fn write_as(&mut self, obj: Obj, src: &Object, next: &mut Ref, keys: Keys) {
        self.write_at(obj, src, next, keys, 0);
    }

    fn write_at(&mut self, obj: Obj, src: &Object, next: &mut Ref, keys: Keys, depth: usize) {
        if depth > MAX_NESTING {
            obj.primitive(Null);
            return;
        }
        match src {
            Object::Null | Object::Stream(_) => obj.primitive(Null),
            Object::Boolean(b) => obj.primitive(*b),
            Object::Integer(i) => {
                obj.primitive(i32::try_from(*i).unwrap_or(if *i < 0 { i32::MIN } else { i32::MAX }))
            }
            Object::Real(r) => obj.primitive(if r.is_finite() {
                r.clamp(-MAX_NUMBER, MAX_NUMBER)
            } else {
                0.0
            }),
            Object::Name(n) => obj.primitive(Name(n)),
            // pdf-writer writes ASCII as a literal string, the rest in hex.
            Object::String(s, _) => obj.primitive(Str(s)),
            Object::Reference(id) => match self.reference(*id, next, keys) {
                Some(r) => obj.primitive(r),
                None => obj.primitive(Null),
            },
            Object::Array(items) => {
                let mut a = obj.array();
                for item in items {
                    self.write_at(a.push(), item, next, keys.items(), depth + 1);
                }
            }
            Object::Dictionary(d) if !acceptable(d) => obj.primitive(Null),
            Object::Dictionary(d) => {
                let mut out = obj.dict();
                for (k, v) in d.iter().filter(|(k, _)| keys.allows(k)) {
                    self.write_at(out.insert(Name(k)), v, next, keys.under(k), depth + 1);
                }
            }
        }
    }

    /// Writes every queued object (and those they refer to).
    pub(super) fn flush(&mut self, chunk: &mut Chunk, next: &mut Ref) {
        while let Some((id, keys)) = self.queue.pop_front() {
            let (Some(Some(to)), Some(src)) =
                (self.map.get(&id).copied(), self.doc.objects.get(&id))
            else {
                continue;
            };
            match src {
                Object::Stream(s) => {
                    let mut out = chunk.stream(to, &s.content);
                    let keep = |k: &[u8]| keys.allows(k) && !STREAM_DROPPED.contains(&k);
                    for (k, v) in s.dict.iter().filter(|(k, _)| keep(k)) {
                        self.write_at(out.insert(Name(k)), v, next, keys.under(k), 1);
                    }
                    out.finish();
                }
                other => self.write_as(chunk.indirect(to), other, next, keys),
            }
        }
    }
}
