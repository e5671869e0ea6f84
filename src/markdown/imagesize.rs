//! An image's size, read from its PNG or JPEG header before anything decodes
//! it: files too large, headers that are neither, and absurd dimensions (a
//! few bytes of header can declare a 4-gigapixel image whose pixels would be
//! allocated when the PDF writer splits off an alpha channel) are refused.

use std::io::Read;
use std::path::Path;

/// Largest image file accepted.
pub(crate) const MAX_IMAGE_BYTES: u64 = 16 * 1024 * 1024;
/// Longest side accepted, in pixels.
pub(crate) const MAX_SIDE: u32 = 10_000;
/// Most pixels accepted (50 megapixels).
pub(crate) const MAX_PIXELS: u64 = 50_000_000;

/// Why the image at `path` is refused: `Err((too_large, message))`, where
/// `too_large` tells a size problem from an unreadable or foreign file.
pub(crate) fn check(path: &Path, url: &str) -> Result<(), (bool, String)> {
    let file = std::fs::File::open(path)
        .map_err(|e| (false, format!("cannot read image `{url}`: {e}")))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_IMAGE_BYTES {
        return Err((
            true,
            format!("image `{url}` is {len} bytes, over the {MAX_IMAGE_BYTES} byte limit"),
        ));
    }
    let mut bytes = Vec::new();
    let read = file.take(MAX_IMAGE_BYTES).read_to_end(&mut bytes);
    read.map_err(|e| (false, format!("cannot read image `{url}`: {e}")))?;
    let (w, h) = dimensions(&bytes).ok_or_else(|| {
        (
            false,
            format!("image `{url}` is not a readable PNG or JPEG file"),
        )
    })?;
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS
    {
        return Err((
            true,
            format!("image `{url}` is {w}×{h} pixels; the limit is {MAX_SIDE} pixels a side and {} megapixels", MAX_PIXELS / 1_000_000),
        ));
    }
    Ok(())
}

/// Width and height from a PNG IHDR or a JPEG start-of-frame segment.
pub(crate) fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    let be32 = |i: usize| Some(u32::from_be_bytes(bytes.get(i..i + 4)?.try_into().ok()?));
    let be16 = |i: usize| {
        Some(u32::from(u16::from_be_bytes(
            bytes.get(i..i + 2)?.try_into().ok()?,
        )))
    };
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR") {
        return Some((be32(16)?, be32(20)?));
    }
    if !bytes.starts_with(&[0xff, 0xd8]) {
        return None;
    }
    let mut i = 2;
    loop {
        if *bytes.get(i)? != 0xff {
            return None;
        }
        let marker = *bytes.get(i + 1)?;
        if matches!(marker, 0xc0..=0xc3 | 0xc5..=0xc7 | 0xc9..=0xcb | 0xcd..=0xcf) {
            return Some((be16(i + 7)?, be16(i + 5)?));
        }
        i += 2 + usize::try_from(be16(i + 2)?).ok()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn reads_png_and_jpeg_headers() {
        assert_eq!(dimensions(&png(640, 480)), Some((640, 480)));
        let jpeg = [
            0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 30, 0, 40, 3,
        ];
        assert_eq!(dimensions(&jpeg), Some((40, 30)));
        assert_eq!(dimensions(b"GIF89a"), None);
        assert_eq!(dimensions(&[0xff, 0xd8, 0xff]), None);
    }

    #[test]
    fn absurd_sizes_are_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("x.png");
        for (w, h, ok) in [
            (800, 600, true),
            (60_000, 10, false),
            (9_000, 9_000, false),
            (0, 5, false),
        ] {
            std::fs::write(&path, png(w, h)).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(check(&path, "x.png").is_ok(), ok, "{w}x{h}");
        }
    }
}
