//! Loaded images to PDF image XObjects (with a soft mask for alpha).

use pdf_writer::{Chunk, Filter, Finish, Name, Ref, Str};

use super::compress::Deflater;
use super::image::{ImageData, LoadedImage};

fn device(colors: u8) -> Name<'static> {
    match colors {
        1 => Name(b"DeviceGray"),
        4 => Name(b"DeviceCMYK"),
        _ => Name(b"DeviceRGB"),
    }
}

/// Writes `img` as the image XObject `id`; a soft mask takes one more
/// reference from `next`.
pub(crate) fn write_image(
    chunk: &mut Chunk,
    id: Ref,
    img: &LoadedImage,
    next: &mut Ref,
    z: &mut Deflater,
) {
    let (width, height) = (img.width as i32, img.height as i32);
    match &img.data {
        ImageData::Jpeg { data, components } => {
            let mut x = chunk.image_xobject(id, data);
            x.width(width)
                .height(height)
                .color_space_name(device(*components))
                .bits_per_component(8)
                .filter(Filter::DctDecode);
            if *components == 4 {
                // Adobe CMYK JPEGs are stored inverted.
                x.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
            }
        }
        ImageData::PngFlate {
            data,
            colors,
            bits,
            palette,
        } => {
            let mut x = chunk.image_xobject(id, data);
            x.width(width)
                .height(height)
                .bits_per_component(i32::from(*bits))
                .filter(Filter::FlateDecode);
            match palette {
                Some(p) => {
                    let mut cs = x.insert(Name(b"ColorSpace")).array();
                    cs.item(Name(b"Indexed")).item(Name(b"DeviceRGB"));
                    cs.item((p.len() / 3).saturating_sub(1) as i32);
                    cs.item(Str(p));
                }
                None => {
                    x.color_space_name(device(*colors));
                }
            }
            // PNG row filters; written as pairs, as the typed writer
            // panics on values it does not expect.
            x.insert(Name(b"DecodeParms"))
                .dict()
                .pair(Name(b"Predictor"), 15)
                .pair(Name(b"Colors"), i32::from(*colors))
                .pair(Name(b"BitsPerComponent"), i32::from(*bits))
                .pair(Name(b"Columns"), width);
        }
        ImageData::Raw {
            colour,
            colors,
            bits,
            alpha,
        } => {
            let mask = alpha.as_ref().map(|a| (next.bump(), z.deflate(a)));
            let packed = z.deflate(colour);
            let mut x = chunk.image_xobject(id, &packed);
            x.width(width)
                .height(height)
                .color_space_name(device(*colors))
                .bits_per_component(i32::from(*bits))
                .filter(Filter::FlateDecode);
            if let Some((mask_id, _)) = &mask {
                x.s_mask(*mask_id);
            }
            x.finish();
            if let Some((mask_id, data)) = &mask {
                chunk
                    .image_xobject(*mask_id, data)
                    .width(width)
                    .height(height)
                    .color_space_name(Name(b"DeviceGray"))
                    .bits_per_component(i32::from(*bits))
                    .filter(Filter::FlateDecode);
            }
        }
    }
}
