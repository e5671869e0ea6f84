//! Deep copy of an imported file's objects into the PDF we write, with
//! the references renumbered. Each object of the file is copied at most
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
    queue: VecDeque<ObjectId>,
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
    pub(super) fn reference(&mut self, id: ObjectId, next: &mut Ref) -> Option<Ref> {
        if let Some(to) = self.map.get(&id) {
            return *to;
        }
        let to = (self.copied < self.limit && self.doc.objects.contains_key(&id)).then(|| {
            self.copied += 1;
            self.queue.push_back(id);
            next.bump()
        });
        self.map.insert(id, to);
        to
    }

    /// Writes `src` into `obj`, references renumbered.
    pub(super) fn write(&mut self, obj: Obj, src: &Object, next: &mut Ref) {
        self.write_at(obj, src, next, 0);
    }

    fn write_at(&mut self, obj: Obj, src: &Object, next: &mut Ref, depth: usize) {
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
            Object::Real(r) => obj.primitive(if r.is_finite() { *r } else { 0.0 }),
            Object::Name(n) => obj.primitive(Name(n)),
            // pdf-writer writes ASCII as a literal string, the rest in hex.
            Object::String(s, _) => obj.primitive(Str(s)),
            Object::Reference(id) => match self.reference(*id, next) {
                Some(r) => obj.primitive(r),
                None => obj.primitive(Null),
            },
            Object::Array(items) => {
                let mut a = obj.array();
                for item in items {
                    self.write_at(a.push(), item, next, depth + 1);
                }
            }
            Object::Dictionary(d) => {
                let mut out = obj.dict();
                for (k, v) in d.iter().filter(|(k, _)| !DROPPED.contains(&k.as_slice())) {
                    self.write_at(out.insert(Name(k)), v, next, depth + 1);
                }
            }
        }
    }

    /// Writes every queued object (and those they refer to).
    pub(super) fn flush(&mut self, chunk: &mut Chunk, next: &mut Ref) {
        while let Some(id) = self.queue.pop_front() {
            let (Some(Some(to)), Some(src)) =
                (self.map.get(&id).copied(), self.doc.objects.get(&id))
            else {
                continue;
            };
            match src {
                Object::Stream(s) => {
                    let mut out = chunk.stream(to, &s.content);
                    let keep = |k: &[u8]| !DROPPED.contains(&k) && !STREAM_DROPPED.contains(&k);
                    for (k, v) in s.dict.iter().filter(|(k, _)| keep(k)) {
                        self.write_at(out.insert(Name(k)), v, next, 1);
                    }
                    out.finish();
                }
                other => self.write(chunk.indirect(to), other, next),
            }
        }
    }
}
