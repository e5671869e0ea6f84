//! PNG and JPEG images, taken from the build's image store (already read
//! and checked, see `project::images`) and prepared for embedding. The
//! width, height, colour type and bit depth are the ones the store's
//! decoder read; nothing here parses a header of its own:
//!
//! - JPEG: the file is embedded as is (`/DCTDecode`).
//! - PNG without alpha (grey, RGB, palette): the zlib data of the `IDAT`
//!   chunks is embedded as is, with PNG predictors (`/Predictor 15`).
//! - PNG with alpha: decoded by the `png` crate and split into colour and a
//!   soft mask (`/SMask`).
//!
//! Each distinct image (by path) is one XObject however often it is used.
//! Interlaced PNGs are not supported: layout shows a "not available" note
//! with the alt text instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::project::images::{chunks, Kind, Picture};

/// Most bytes of decoded pixels one alpha PNG may take (a larger one is
/// shown as "not available"): a 16-bit RGBA image at the store's pixel
/// limit would otherwise take 400 MB.
const MAX_DECODED_BYTES: usize = 128 * 1024 * 1024;

/// Pixel data ready for a PDF image XObject.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ImageData {
    /// A whole JPEG file.
    Jpeg { data: Vec<u8>, components: u8 },
    /// zlib data with PNG row filters; `palette` is RGB triples for indexed images.
    PngFlate {
        data: Vec<u8>,
        colors: u8,
        bits: u8,
        palette: Option<Vec<u8>>,
    },
    /// Unfiltered samples (to be compressed) with an optional alpha channel.
    Raw {
        colour: Vec<u8>,
        colors: u8,
        bits: u8,
        alpha: Option<Vec<u8>>,
    },
}

/// One image ready to embed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LoadedImage {
    pub width: u32,
    pub height: u32,
    pub data: ImageData,
}

/// The images of one document, by path.
#[derive(Debug, Default)]
pub(crate) struct Images {
    list: Vec<LoadedImage>,
    by_path: BTreeMap<PathBuf, usize>,
}

impl Images {
    /// Prepares every distinct image the document shows; unsupported ones
    /// (and missing ones, in samples) are simply absent.
    pub(crate) fn load(doc: &Document) -> Images {
        let mut images = Images::default();
        for (image, _) in doc.images() {
            if images.by_path.contains_key(&image.path) {
                continue;
            }
            if let Some(img) = image.file.as_ref().and_then(|f| decode(&f.0)) {
                images.by_path.insert(image.path.clone(), images.list.len());
                images.list.push(img);
            }
        }
        images
    }

    /// Index and pixel size of the image at `path`, if loaded.
    pub(crate) fn get(&self, path: &Path) -> Option<(usize, u32, u32)> {
        let i = *self.by_path.get(path)?;
        let img = self.list.get(i)?;
        Some((i, img.width, img.height))
    }

    /// All loaded images, by index.
    pub(crate) fn list(&self) -> &[LoadedImage] {
        &self.list
    }
}

/// Prepares a checked image; `None` when unsupported.
pub(crate) fn decode(p: &Picture) -> Option<LoadedImage> {
    let data = match p.kind {
        Kind::Jpeg => ImageData::Jpeg {
            data: p.bytes.clone(),
            components: p.colour,
        },
        Kind::Png if p.interlaced => return None,
        Kind::Png => png(p)?,
    };
    Some(LoadedImage {
        width: p.width,
        height: p.height,
        data,
    })
}

fn png(p: &Picture) -> Option<ImageData> {
    let flate = |colors, palette| {
        Some(ImageData::PngFlate {
            data: chunks(&p.bytes, b"IDAT"),
            colors,
            bits: p.bits,
            palette,
        })
    };
    match p.colour {
        0 => flate(1, None),
        2 => flate(3, None),
        3 => flate(1, Some(chunks(&p.bytes, b"PLTE"))),
        4 | 6 => split_alpha(p),
        _ => None,
    }
}

/// Decodes a grey+alpha or RGBA PNG with the `png` crate and splits off
/// the alpha channel.
fn split_alpha(p: &Picture) -> Option<ImageData> {
    let colors: usize = if p.colour == 4 { 1 } else { 3 };
    let sample = usize::from(p.bits / 8).max(1);
    let decoder = png::Decoder::new(std::io::Cursor::new(&p.bytes));
    let mut reader = decoder.read_info().ok()?;
    let size = reader.output_buffer_size()?;
    if size > MAX_DECODED_BYTES {
        return None;
    }
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).ok()?;
    pixels.truncate(frame.buffer_size());
    let bpp = (colors + 1) * sample;
    let mut colour = Vec::with_capacity(pixels.len() / (colors + 1) * colors);
    let mut alpha = Vec::with_capacity(pixels.len() / (colors + 1));
    for px in pixels.chunks_exact(bpp) {
        colour.extend_from_slice(&px[..colors * sample]);
        alpha.extend_from_slice(&px[colors * sample..]);
    }
    Some(ImageData::Raw {
        colour,
        colors: colors as u8,
        bits: p.bits,
        alpha: Some(alpha),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// A PNG of `w`x`h` pixels of colour type `ctype` (8-bit), Sub-filtered.
    pub(crate) fn png_bytes(w: u32, h: u32, ctype: u8) -> Vec<u8> {
        let channels = match ctype {
            0 => 1,
            2 => 3,
            4 => 2,
            _ => 4,
        };
        let mut raw = Vec::new();
        for y in 0..h {
            raw.push(1u8); // Sub filter
            for x in 0..w * channels {
                raw.push(if x < channels { (y * 40) as u8 } else { 3 });
            }
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = z.write_all(&raw);
        let idat = z.finish().unwrap_or_default();
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut chunk = |kind: &[u8], body: &[u8]| {
            out.extend_from_slice(&(body.len() as u32).to_be_bytes());
            out.extend_from_slice(kind);
            out.extend_from_slice(body);
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(body);
            out.extend_from_slice(&crc.sum().to_be_bytes());
        };
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&w.to_be_bytes());
        ihdr.extend_from_slice(&h.to_be_bytes());
        ihdr.extend_from_slice(&[8, ctype, 0, 0, 0]);
        chunk(b"IHDR", &ihdr);
        chunk(b"IDAT", &idat);
        chunk(b"IEND", &[]);
        out
    }

    /// The store's check of `bytes`, then this module's preparation.
    fn prepare(bytes: Vec<u8>) -> Option<LoadedImage> {
        crate::project::images::parse(bytes)
            .ok()
            .and_then(|p| decode(&p))
    }

    #[test]
    fn reads_sizes_of_png_and_jpeg() {
        let png = prepare(png_bytes(4, 3, 2)).map(|i| (i.width, i.height));
        assert_eq!(png, Some((4, 3)));
        let jpeg = include_bytes!("../document/testdata/chart.jpg").to_vec();
        let jpg =
            prepare(jpeg).map(|i| (i.width, i.height, matches!(i.data, ImageData::Jpeg { .. })));
        assert!(jpg.is_some_and(|(w, h, j)| w > 0 && h > 0 && j));
        assert_eq!(prepare(b"GIF89a".to_vec()), None);
        assert_eq!(prepare(vec![0xff, 0xd8, 0xff]), None);
    }

    #[test]
    fn splits_alpha_after_unfiltering() {
        let Some(img) = prepare(png_bytes(3, 2, 6)) else {
            panic!("RGBA PNG should decode");
        };
        match img.data {
            ImageData::Raw {
                colour,
                alpha,
                colors,
                ..
            } => {
                assert_eq!(colors, 3);
                assert_eq!(colour.len(), 3 * 3 * 2);
                assert_eq!(alpha.map(|a| a.len()), Some(3 * 2));
                // Second row, second pixel: 40 + 3 (Sub filter).
                assert_eq!(colour[9 + 3], 43);
            }
            other => panic!("expected raw pixels, got {other:?}"),
        }
    }

    #[test]
    fn truncated_files_are_refused() {
        let png = png_bytes(4, 3, 6);
        for cut in [9, 20, 33, 40, png.len() - 13] {
            assert_eq!(prepare(png[..cut].to_vec()), None, "cut at {cut}");
        }
    }
}
