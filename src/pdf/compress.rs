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

thread_local! {
    /// The compressor of the last document this thread finished, kept for
    /// the next one: making one allocates and clears about 300 KB of
    /// tables, once per document otherwise.
    static SPARE: RefCell<Option<Compress>> = const { RefCell::new(None) };
}

/// A reusable zlib compressor.
pub(crate) struct Deflater(Option<Compress>);

impl Deflater {
    pub(crate) fn new() -> Deflater {
        let spare = SPARE.try_with(|s| s.borrow_mut().take()).ok().flatten();
        Deflater(Some(
            spare.unwrap_or_else(|| Compress::new(Compression::new(LEVEL), true)),
        ))
    }

    /// `data` as one zlib stream (`/FlateDecode`).
    pub(crate) fn deflate(&mut self, data: &[u8]) -> Vec<u8> {
        // Deflating into a growing Vec only fails on a compressor bug; the
        // stored (level 0) fallback keeps the stream valid even then.
        let z = self
            .0
            .get_or_insert_with(|| Compress::new(Compression::new(LEVEL), true));
        deflate(z, data).unwrap_or_else(|| stored(data))
    }
}

impl Drop for Deflater {
    /// Hands the compressor back to the thread for its next document
    /// (every stream starts with a reset, so none carries anything over).
    fn drop(&mut self) {
        if let Some(z) = self.0.take() {
            // During thread teardown the slot may be gone: then it drops.
            let _ = SPARE.try_with(|s| *s.borrow_mut() = Some(z));
        }
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
