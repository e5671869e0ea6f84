//! Flate compression of a document's streams (content streams, font
//! subsets, ToUnicode maps, image data without a filter of its own).
//!
//! One compressor per document is reset and reused for every stream: a
//! freshly allocated compressor per stream was a third of all instructions
//! in an early profile. The output is a pure function of the input (no
//! threads, no time).

use std::cell::RefCell;

use flate2::{Compress, Compression, FlushCompress, Status};

/// zlib level 4 (issue 22). Deflating every stream of the demo's outputs
/// (489 streams, 12.3 MB, zlib-rs) took 72 ms at 6 (zlib's default), 60
/// at 5, 52 at 4 and 39 at 2, for files 0.2 % (5), 1.1 % (4) and 4.7 %
/// (2) larger than at 6; the demo build went from 58 to 56 ms (medians
/// of 50). 4 is the knee: below it, the files grow faster than the time
/// falls.
const LEVEL: u32 = 4;

/// Streams shorter than this (a page's overlay, a `ToUnicode` map) are
/// deflated at zlib's level 1 instead: on a stream of a few hundred bytes
/// the other levels spend most of their time building the block's
/// Huffman trees (16 µs a stream at level 4 against 6 at level 1, for
/// the demo's overlays and maps; 25 % more of their few bytes).
const QUICK_BELOW: usize = 2048;

/// The two compressors' levels: for most streams, and for short ones.
const LEVELS: [u32; 2] = [LEVEL, 1];

thread_local! {
    /// The compressors of the last document this thread finished, kept
    /// for the next one: making one allocates and clears about 300 KB of
    /// tables, once per document otherwise.
    static SPARE: RefCell<[Option<Compress>; 2]> = const { RefCell::new([None, None]) };
}

/// A reusable zlib compressor (two: for most streams, and short ones).
pub(crate) struct Deflater([Option<Compress>; 2]);

impl Deflater {
    pub(crate) fn new() -> Deflater {
        let spare = SPARE.try_with(|s| std::mem::take(&mut *s.borrow_mut()));
        Deflater(spare.unwrap_or_default())
    }

    /// `data` as one zlib stream (`/FlateDecode`).
    pub(crate) fn deflate(&mut self, data: &[u8]) -> Vec<u8> {
        let which = usize::from(data.len() < QUICK_BELOW);
        let level = Compression::new(LEVELS[which]);
        let z = self.0[which].get_or_insert_with(|| Compress::new(level, true));
        // Deflating into a growing Vec only fails on a compressor bug; the
        // stored (level 0) fallback keeps the stream valid even then.
        deflate(z, data).unwrap_or_else(|| stored(data))
    }
}

impl Drop for Deflater {
    /// Hands the compressors back to the thread for its next document
    /// (every stream starts with a reset, so none carries anything over).
    fn drop(&mut self) {
        let mine = std::mem::take(&mut self.0);
        // During thread teardown the slot may be gone: then they drop.
        let _ = SPARE.try_with(|s| {
            let mut spare = s.borrow_mut();
            for (slot, z) in spare.iter_mut().zip(mine) {
                if z.is_some() {
                    *slot = z;
                }
            }
        });
    }
}

/// `data` in a zlib stream of stored (uncompressed) blocks.
fn stored(data: &[u8]) -> Vec<u8> {
    let mut z = Compress::new(Compression::none(), true);
    deflate(&mut z, data).unwrap_or_default()
}

/// One zlib stream of `data`, or `None` if the compressor fails.
fn deflate(z: &mut Compress, data: &[u8]) -> Option<Vec<u8>> {
    z.reset();
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        let done = usize::try_from(z.total_in()).ok()?;
        if out.len() == out.capacity() {
            out.reserve(out.capacity().max(64));
        }
        match z.compress_vec(&data[done..], &mut out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return Some(out),
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(data)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn round_trips_with_one_reused_compressor() {
        let mut z = Compress::new(Compression::new(LEVEL), true);
        let mut d = Deflater::new();
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        for data in [&b""[..], b"BT /F1 11 Tf (Hello) Tj ET", &big] {
            let packed = deflate(&mut z, data).unwrap();
            assert_eq!(inflate(&packed), data);
            assert_eq!(inflate(&d.deflate(data)), data);
            assert_eq!(inflate(&stored(data)), data);
        }
    }
}
