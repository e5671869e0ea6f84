//! The image store: every image is read once per build, through the one
//! door ([`super::files::read`]), checked, and shared (`Arc`) by the
//! Markdown checks, both renderers and the cache.
//!
//! Checking is a full parse by a well-kept decoder, whose header is the one
//! every later stage uses: PNGs through the `png` crate (with its memory
//! limits, row by row, so a zlib bomb or a second IHDR is an error, never
//! gigabytes), JPEGs through `zune-jpeg` in strict mode (a truncated or
//! corrupt file is an error). Files too large and absurd dimensions are
//! refused before any pixel is decoded.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use super::files::{self, Refusal};
use crate::diag::Code;

/// Largest image file accepted.
pub(crate) const MAX_IMAGE_BYTES: u64 = 16 * 1024 * 1024;
/// Longest side accepted, in pixels.
pub(crate) const MAX_SIDE: u32 = 10_000;
/// Most pixels accepted (50 megapixels).
pub(crate) const MAX_PIXELS: u64 = 50_000_000;

/// The two formats accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Png,
    Jpeg,
}

/// A checked image: its bytes and the header its decoder read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Picture {
    pub(crate) bytes: Vec<u8>,
    pub(crate) kind: Kind,
    pub(crate) width: u32,
    pub(crate) height: u32,
    /// PNG: colour type and bit depth as in its IHDR; JPEG: components, 8.
    pub(crate) colour: u8,
    pub(crate) bits: u8,
    pub(crate) interlaced: bool,
    /// A hash of the bytes (for the cache and for equality).
    pub(crate) hash: u64,
}

/// A shared, checked image, as a document holds it: compared and hashed
/// by content, so a document's fingerprint covers its images' bytes.
#[derive(Clone)]
pub(crate) struct ImageFile(pub(crate) Arc<Picture>);

impl ImageFile {
    /// Checks bytes that were not read through a store (samples, tests).
    #[cfg(test)]
    pub(crate) fn from_bytes(bytes: Vec<u8>) -> Result<ImageFile, Problem> {
        parse(bytes).map(|p| ImageFile(Arc::new(p)))
    }
}

impl PartialEq for ImageFile {
    fn eq(&self, other: &Self) -> bool {
        self.0.hash == other.0.hash && self.0.bytes.len() == other.0.bytes.len()
    }
}
impl Eq for ImageFile {}
impl Hash for ImageFile {
    fn hash<H: Hasher>(&self, h: &mut H) {
        (self.0.hash, self.0.bytes.len()).hash(h);
    }
}
impl std::fmt::Debug for ImageFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let p = &self.0;
        write!(f, "{:?} {}x{} {:016x}", p.kind, p.width, p.height, p.hash)
    }
}

/// Why an image is refused: the code (BP017 unusable, BP030 too large) and
/// a sentence naming it.
pub(crate) type Problem = (Code, String);

type Slot = Arc<OnceLock<Result<ImageFile, Problem>>>;

/// The images of one build, by resolved path; cloning shares the store.
#[derive(Clone, Default)]
pub(crate) struct ImageStore {
    loaded: Arc<Mutex<HashMap<PathBuf, Slot>>>,
}

impl std::fmt::Debug for ImageStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ImageStore")
    }
}

impl ImageStore {
    /// The image at `path` (resolved, inside `folder`), read and checked on
    /// first use; `url` is how the source names it, for messages.
    pub(crate) fn load(&self, folder: &Path, path: &Path, url: &str) -> Result<ImageFile, Problem> {
        let slot = {
            let mut map = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(path.to_owned()).or_default().clone()
        };
        slot.get_or_init(|| read(folder, path, url)).clone()
    }
}

/// Reads and checks one image.
fn read(folder: &Path, path: &Path, url: &str) -> Result<ImageFile, Problem> {
    let what = format!("image `{url}`");
    let (bytes, _) = files::read(folder, path, MAX_IMAGE_BYTES).map_err(|r| {
        let code = match r {
            Refusal::TooLarge(..) => Code::ImageTooLarge,
            _ => Code::ImagePath,
        };
        (code, r.describe(&what))
    })?;
    parse(bytes)
        .map(|p| ImageFile(Arc::new(p)))
        .map_err(|(code, why)| (code, format!("{what} {why}")))
}

/// Checks PNG or JPEG bytes; the error completes "image `x` ...".
pub(crate) fn parse(bytes: Vec<u8>) -> Result<Picture, Problem> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else if bytes.starts_with(&[0xff, 0xd8]) {
        jpeg(bytes)
    } else {
        Err((Code::ImagePath, "is not a PNG or JPEG file".into()))
    }
}

/// Refuses absurd dimensions (a few bytes of header can declare gigapixels).
fn dimensions(w: u32, h: u32) -> Result<(), Problem> {
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS
    {
        return Err((
            Code::ImageTooLarge,
            format!(
                "is {w}×{h} pixels; the limit is {MAX_SIDE} pixels a side and {} megapixels",
                MAX_PIXELS / 1_000_000
            ),
        ));
    }
    Ok(())
}

fn png(bytes: Vec<u8>) -> Result<Picture, Problem> {
    let bad = |e: png::DecodingError| (Code::ImagePath, format!("is not a valid PNG file ({e})"));
    // Metadata and one row's buffers, not pixels (rows are read one by one).
    let limits = png::Limits {
        bytes: 4 * 1024 * 1024,
    };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(&bytes), limits);
    let info = decoder.read_header_info().map_err(bad)?;
    let (width, height) = (info.width, info.height);
    dimensions(width, height)?;
    let (colour, bits, interlaced) = (info.color_type as u8, info.bit_depth as u8, info.interlaced);
    let mut reader = decoder.read_info().map_err(bad)?;
    // Every row, one at a time: the data must inflate to exactly what the
    // header declares (a short, corrupt or bomb IDAT is an error here).
    while reader.next_row().map_err(bad)?.is_some() {}
    reader.finish().map_err(bad)?;
    if !interlaced {
        exact_idat(&bytes, width, height, colour, bits)?;
    }
    Ok(Picture {
        hash: hash(&bytes),
        bytes,
        kind: Kind::Png,
        width,
        height,
        colour,
        bits,
        interlaced,
    })
}

/// The PDF embeds a PNG's IDAT data as it is, so it must inflate to
/// exactly the rows its header declares (the decoder above stops reading
/// once it has them): inflated with a cap one byte past that size, never
/// further, so a zlib bomb costs nothing.
fn exact_idat(bytes: &[u8], width: u32, height: u32, colour: u8, bits: u8) -> Result<(), Problem> {
    let channels: u64 = match colour {
        2 => 3,
        4 => 2,
        6 => 4,
        _ => 1,
    };
    let row = (u64::from(width) * channels * u64::from(bits)).div_ceil(8) + 1;
    let expected = row * u64::from(height);
    let idat = chunks(bytes, b"IDAT");
    let mut inflated = flate2::read::ZlibDecoder::new(idat.as_slice()).take(expected + 1);
    let got = std::io::copy(&mut inflated, &mut std::io::sink()).unwrap_or(0);
    if got != expected {
        return Err((
            Code::ImagePath,
            "is not a valid PNG file (its image data does not match its header)".into(),
        ));
    }
    Ok(())
}

/// The bodies of every chunk of `kind` in a PNG, concatenated, in order.
pub(crate) fn chunks(bytes: &[u8], kind: &[u8; 4]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pos = 8;
    while let Some(len) = bytes.get(pos..pos + 4) {
        let len = u32::from_be_bytes([len[0], len[1], len[2], len[3]]) as usize;
        let Some(body) = bytes.get(pos + 8..(pos + 8).saturating_add(len)) else {
            break;
        };
        if bytes.get(pos + 4..pos + 8) == Some(kind) {
            out.extend_from_slice(body);
        }
        pos = pos.saturating_add(12 + len);
    }
    out
}

fn jpeg(bytes: Vec<u8>) -> Result<Picture, Problem> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let bad = |e: zune_jpeg::errors::DecodeErrors| {
        (Code::ImagePath, format!("is not a valid JPEG file ({e})"))
    };
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(MAX_SIDE as usize)
        .set_max_height(MAX_SIDE as usize);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(&bytes), options);
    decoder.decode_headers().map_err(bad)?;
    let (w, h) = decoder.dimensions().unwrap_or((0, 0));
    let (width, height) = (w as u32, h as u32);
    dimensions(width, height)?;
    let components = decoder.info().map_or(0, |i| i.components);
    if !matches!(components, 1 | 3 | 4) {
        return Err((
            Code::ImagePath,
            format!("has {components} colour components"),
        ));
    }
    decoder.decode().map_err(bad)?;
    Ok(Picture {
        hash: hash(&bytes),
        bytes,
        kind: Kind::Jpeg,
        width,
        height,
        colour: components,
        bits: 8,
        interlaced: false,
    })
}

/// The first 8 bytes of the SHA-256 of `bytes`: stable across Rust
/// releases and runs (the build cache keeps it between builds).
fn hash(bytes: &[u8]) -> u64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut first = [0; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BARS: &[u8] = include_bytes!("../document/testdata/bars.png");

    #[test]
    fn an_image_is_read_once_and_shared() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("bars.png");
        std::fs::write(&path, BARS).unwrap_or_else(|e| panic!("{e}"));
        let path = path.canonicalize().unwrap_or_else(|e| panic!("{e}"));
        let store = ImageStore::default();
        let first = store.load(dir.path(), &path, "bars.png");
        // Changed on disk: the build keeps what it read first.
        std::fs::write(&path, b"not an image").unwrap_or_else(|e| panic!("{e}"));
        let second = store.clone().load(dir.path(), &path, "bars.png");
        match (first, second) {
            (Ok(a), Ok(b)) => {
                assert!(Arc::ptr_eq(&a.0, &b.0));
                assert_eq!((a.0.width, a.0.height, a.0.kind), (480, 200, Kind::Png));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refusals_carry_their_code() {
        let code = |bytes: Vec<u8>| parse(bytes).map(|_| ()).map_err(|(c, _)| c);
        assert_eq!(code(BARS.to_vec()), Ok(()));
        assert_eq!(code(b"GIF89a".to_vec()), Err(Code::ImagePath));
        assert_eq!(code(BARS[..BARS.len() - 20].to_vec()), Err(Code::ImagePath));
        // Absurd dimensions in a valid IHDR (CRC included): refused before
        // any pixel is read.
        let mut big = BARS[..33].to_vec();
        big[16..20].copy_from_slice(&60_000u32.to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(&big[12..29]);
        big[29..33].copy_from_slice(&crc.sum().to_be_bytes());
        assert_eq!(code(big), Err(Code::ImageTooLarge));
    }
}
