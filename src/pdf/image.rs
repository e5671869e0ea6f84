//! PNG and JPEG images, read from `Image.path` (the only files a render
//! touches) and prepared for embedding without an image codec crate:
//!
//! - JPEG: the file is embedded as is (`/DCTDecode`); only the frame
//!   header is read for size and colour components.
//! - PNG without alpha (grey, RGB, palette): the zlib data of the `IDAT`
//!   chunks is embedded as is, with PNG predictors (`/Predictor 15`).
//! - PNG with alpha: inflated (flate2), unfiltered, and split into colour
//!   and a soft mask (`/SMask`).
//!
//! Interlaced PNGs and other formats are not supported: layout shows a
//! "not available" note with the alt text instead.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::doc::{Block, BlockKind, Document};

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

/// One decoded image.
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
    /// Reads every image the document refers to; unreadable or unsupported
    /// files are simply absent.
    pub(crate) fn load(doc: &Document) -> Images {
        let mut paths = Vec::new();
        collect(&doc.body, &mut paths);
        for a in &doc.appendices {
            collect(&a.blocks, &mut paths);
        }
        for f in &doc.footnotes {
            collect(&f.blocks, &mut paths);
        }
        let mut images = Images::default();
        for path in paths {
            if images.by_path.contains_key(&path) {
                continue;
            }
            if let Some(img) = std::fs::read(&path).ok().and_then(|b| decode(&b)) {
                images.by_path.insert(path, images.list.len());
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

fn collect(blocks: &[Block], out: &mut Vec<PathBuf>) {
    for b in blocks {
        match &b.kind {
            BlockKind::Image(img) => out.push(img.path.clone()),
            BlockKind::Quote(inner) => collect(inner, out),
            BlockKind::List(list) => list.items.iter().for_each(|i| collect(i, out)),
            _ => {}
        }
    }
}

/// Decodes PNG or JPEG bytes; `None` when unsupported or malformed.
pub(crate) fn decode(bytes: &[u8]) -> Option<LoadedImage> {
    if bytes.starts_with(&[0xff, 0xd8]) {
        jpeg(bytes)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(bytes)
    } else {
        None
    }
}

fn jpeg(bytes: &[u8]) -> Option<LoadedImage> {
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xff {
            return None;
        }
        let marker = bytes[i + 1];
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        // Start-of-frame markers (baseline, extended, progressive).
        if matches!(marker, 0xc0..=0xc3 | 0xc5..=0xc7 | 0xc9..=0xcb | 0xcd..=0xcf) {
            let height = u32::from(u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]));
            let width = u32::from(u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]));
            let components = bytes[i + 9];
            if width == 0 || height == 0 || !matches!(components, 1 | 3 | 4) {
                return None;
            }
            return Some(LoadedImage {
                width,
                height,
                data: ImageData::Jpeg {
                    data: bytes.to_vec(),
                    components,
                },
            });
        }
        i += 2 + len;
    }
    None
}

fn png(bytes: &[u8]) -> Option<LoadedImage> {
    let mut pos = 8;
    let (mut width, mut height, mut bits, mut ctype) = (0u32, 0u32, 0u8, 0u8);
    let mut idat = Vec::new();
    let mut palette = None;
    while pos + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes.get(pos..pos + 4)?.try_into().ok()?) as usize;
        let kind = bytes.get(pos + 4..pos + 8)?;
        let body = bytes.get(pos + 8..pos.checked_add(8 + len)?)?;
        match kind {
            b"IHDR" if len >= 13 => {
                width = u32::from_be_bytes(body[0..4].try_into().ok()?);
                height = u32::from_be_bytes(body[4..8].try_into().ok()?);
                bits = body[8];
                ctype = body[9];
                if body[12] != 0 {
                    return None; // interlaced
                }
            }
            b"PLTE" => palette = Some(body.to_vec()),
            b"IDAT" => idat.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        pos += 12 + len;
    }
    if width == 0 || height == 0 || idat.is_empty() || width > 20_000 || height > 20_000 {
        return None;
    }
    let data = match ctype {
        0 | 2 if matches!(bits, 1 | 2 | 4 | 8 | 16) => ImageData::PngFlate {
            data: idat,
            colors: if ctype == 0 { 1 } else { 3 },
            bits,
            palette: None,
        },
        3 if matches!(bits, 1 | 2 | 4 | 8) => ImageData::PngFlate {
            data: idat,
            colors: 1,
            bits,
            palette: Some(palette?),
        },
        4 | 6 if matches!(bits, 8 | 16) => split_alpha(&idat, width, height, ctype, bits)?,
        _ => return None,
    };
    Some(LoadedImage {
        width,
        height,
        data,
    })
}

/// Inflates and unfilters a grey+alpha or RGBA PNG and splits off the alpha.
fn split_alpha(idat: &[u8], width: u32, height: u32, ctype: u8, bits: u8) -> Option<ImageData> {
    let colors: usize = if ctype == 4 { 1 } else { 3 };
    let sample = usize::from(bits / 8);
    let bpp = (colors + 1) * sample;
    let stride = bpp * width as usize;
    let expected = (stride + 1) * height as usize;
    let mut raw = Vec::with_capacity(expected);
    flate2::read::ZlibDecoder::new(idat)
        .take(expected as u64)
        .read_to_end(&mut raw)
        .ok()?;
    if raw.len() < expected {
        return None;
    }
    let pixels = unfilter(&raw, stride, bpp, height as usize)?;
    let mut colour = Vec::with_capacity(pixels.len() / (colors + 1) * colors);
    let mut alpha = Vec::with_capacity(pixels.len() / (colors + 1));
    for px in pixels.chunks_exact(bpp) {
        colour.extend_from_slice(&px[..colors * sample]);
        alpha.extend_from_slice(&px[colors * sample..]);
    }
    Some(ImageData::Raw {
        colour,
        colors: colors as u8,
        bits,
        alpha: Some(alpha),
    })
}

/// Reverses PNG row filters (None, Sub, Up, Average, Paeth).
fn unfilter(raw: &[u8], stride: usize, bpp: usize, rows: usize) -> Option<Vec<u8>> {
    let mut out = vec![0u8; stride * rows];
    for r in 0..rows {
        let filter = *raw.get(r * (stride + 1))?;
        let src = raw.get(r * (stride + 1) + 1..(r + 1) * (stride + 1))?;
        let (done, rest) = out.split_at_mut(r * stride);
        let prev = if r == 0 {
            None
        } else {
            done.get((r - 1) * stride..)
        };
        let cur = rest.get_mut(..stride)?;
        for i in 0..stride {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev.map_or(0, |p| p[i]);
            let c = if i >= bpp {
                prev.map_or(0, |p| p[i - bpp])
            } else {
                0
            };
            let pred = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => paeth(a, b, c),
                _ => return None,
            };
            cur[i] = src[i].wrapping_add(pred);
        }
    }
    Some(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
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
            out.extend_from_slice(&[0, 0, 0, 0]); // CRC is not checked
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

    /// A minimal JPEG header (SOI + SOF0) of `w`x`h`, 3 components.
    pub(crate) fn jpeg_bytes(w: u16, h: u16) -> Vec<u8> {
        let mut out = vec![0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 17, 8];
        out.extend_from_slice(&h.to_be_bytes());
        out.extend_from_slice(&w.to_be_bytes());
        out.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
        out
    }

    #[test]
    fn reads_sizes_of_png_and_jpeg() {
        let png = decode(&png_bytes(4, 3, 2)).map(|i| (i.width, i.height));
        assert_eq!(png, Some((4, 3)));
        let jpg = decode(&jpeg_bytes(640, 480)).map(|i| (i.width, i.height));
        assert_eq!(jpg, Some((640, 480)));
        assert_eq!(decode(b"GIF89a"), None);
        assert_eq!(decode(&[0xff, 0xd8, 0xff]), None);
    }

    #[test]
    fn splits_alpha_after_unfiltering() {
        let Some(img) = decode(&png_bytes(3, 2, 6)) else {
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
    fn truncated_files_do_not_panic() {
        let png = png_bytes(4, 3, 6);
        for cut in [9, 20, 33, 40, png.len() - 13] {
            let _ = decode(&png[..cut]);
        }
    }
}
