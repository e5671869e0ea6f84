//! Subsets of the faces already made in this process, so the documents of
//! one build (which mostly set the same glyphs) cut and deflate each
//! subset once. Knows nothing of fonts beyond a face's number and bytes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use subsetter::GlyphRemapper;

use super::compress::Deflater;

/// A face cut down to some glyphs, deflated: `None` when the subsetter
/// could not cut it down.
pub(crate) type Packed = Option<Arc<(Vec<u8>, usize)>>;

/// Subsets already made in this process, per face, keyed by the glyphs in
/// subset order. Documents of one build mostly set the same glyphs (all
/// trusts' copies of a paper share most of their text), and a subset is a
/// pure function of the face and the glyphs, so reusing one changes no
/// byte. Bounded, so a long preview session cannot grow it without end.
/// One slot per face (`FACES` of them, numbered by the owner).
pub(crate) struct SubsetCache<const FACES: usize>([Mutex<HashMap<Vec<u16>, Packed>>; FACES]);

impl<const FACES: usize> Default for SubsetCache<FACES> {
    fn default() -> Self {
        SubsetCache(std::array::from_fn(|_| Mutex::default()))
    }
}

/// Subsets kept per face.
const CACHED_SUBSETS: usize = 64;

impl<const FACES: usize> SubsetCache<FACES> {
    /// The subset of face number `face` (its font file `data`) to the
    /// glyphs `remapper` holds, deflated: from the cache, or made and kept.
    pub(crate) fn get(
        &self,
        face: usize,
        data: &[u8],
        remapper: &GlyphRemapper,
        z: &mut Deflater,
    ) -> Packed {
        let gids: Vec<u16> = remapper.remapped_gids().collect();
        let slot = &self.0[face];
        let lock = || slot.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(hit) = lock().get(&gids) {
            return hit.clone();
        }
        let packed = subsetter::subset(data, 0, remapper)
            .ok()
            .map(|subset| Arc::new((z.deflate(&subset), subset.len())));
        let mut cache = lock();
        if cache.len() < CACHED_SUBSETS {
            cache.insert(gids, packed.clone());
        }
        packed
    }
}
