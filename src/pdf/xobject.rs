//! Loaded images to PDF image XObjects (with a soft mask for alpha).

use std::collections::BTreeMap;

use printpdf::{DictItem, ExternalStream, ExternalXObject, XObject};

use super::image::{ImageData, LoadedImage};

fn name(s: &str) -> DictItem {
    DictItem::Name(s.as_bytes().to_vec())
}

fn device(colors: u8) -> DictItem {
    name(if colors == 1 {
        "DeviceGray"
    } else {
        "DeviceRGB"
    })
}

fn base(img: &LoadedImage, colour_space: DictItem, bits: u8) -> BTreeMap<String, DictItem> {
    BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(i64::from(img.width))),
        ("Height".to_string(), DictItem::Int(i64::from(img.height))),
        ("ColorSpace".to_string(), colour_space),
        (
            "BitsPerComponent".to_string(),
            DictItem::Int(i64::from(bits)),
        ),
    ])
}

/// The image as an XObject printpdf writes verbatim.
pub(crate) fn image_xobject(img: &LoadedImage) -> XObject {
    let stream = match &img.data {
        ImageData::Jpeg { data, components } => {
            let cs = match components {
                1 => name("DeviceGray"),
                4 => name("DeviceCMYK"),
                _ => name("DeviceRGB"),
            };
            let mut dict = base(img, cs, 8);
            dict.insert("Filter".into(), name("DCTDecode"));
            if *components == 4 {
                // Adobe CMYK JPEGs are stored inverted.
                let decode = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
                dict.insert("Decode".into(), DictItem::Array(decode));
            }
            ExternalStream {
                dict,
                content: data.clone(),
                compress: false,
            }
        }
        ImageData::PngFlate {
            data,
            colors,
            bits,
            palette,
        } => {
            let cs = match palette {
                Some(p) => DictItem::Array(vec![
                    name("Indexed"),
                    name("DeviceRGB"),
                    DictItem::Int((p.len() / 3).saturating_sub(1) as i64),
                    DictItem::String {
                        data: p.clone(),
                        literal: false,
                    },
                ]),
                None => device(*colors),
            };
            let mut dict = base(img, cs, *bits);
            dict.insert("Filter".into(), name("FlateDecode"));
            let parms = BTreeMap::from([
                ("Predictor".to_string(), DictItem::Int(15)),
                ("Colors".to_string(), DictItem::Int(i64::from(*colors))),
                (
                    "BitsPerComponent".to_string(),
                    DictItem::Int(i64::from(*bits)),
                ),
                ("Columns".to_string(), DictItem::Int(i64::from(img.width))),
            ]);
            dict.insert("DecodeParms".into(), DictItem::Dict { map: parms });
            ExternalStream {
                dict,
                content: data.clone(),
                compress: false,
            }
        }
        ImageData::Raw {
            colour,
            colors,
            bits,
            alpha,
        } => {
            let mut dict = base(img, device(*colors), *bits);
            if let Some(a) = alpha {
                let mask = ExternalStream {
                    dict: base(img, name("DeviceGray"), *bits),
                    content: a.clone(),
                    compress: true,
                };
                dict.insert("SMask".into(), DictItem::Stream { stream: mask });
            }
            ExternalStream {
                dict,
                content: colour.clone(),
                compress: true,
            }
        }
    };
    XObject::External(ExternalXObject {
        stream,
        width: None,
        height: None,
        dpi: None,
    })
}
