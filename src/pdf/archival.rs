//! What makes the PDF archival (PDF/A-2a) and declares it accessible
//! (PDF/UA-1), besides the tags: an XMP metadata packet that repeats the
//! `/Info` entries (title, creator, description, producer, dates only from
//! `SOURCE_DATE_EPOCH`) and names both standards, and an sRGB output
//! intent for the DeviceRGB colours the pages use.
//!
//! The ICC profile is `assets/sRGB.icc`, the lcms sRGB profile from
//! Debian's `icc-profiles-free` (zlib licence, `assets/sRGB.icc.LICENSE`).

use std::sync::OnceLock;

use pdf_writer::types::OutputIntentSubtype;
use pdf_writer::{Chunk, Finish, Ref, TextStr};
use xmp_writer::{DateTime, LangId, Timezone, XmpWriter};

use super::compress::Deflater;
use crate::document::Meta;

/// The sRGB profile of the output intent (v2, 3 channels, 6.9 kB).
const SRGB: &[u8] = include_bytes!("../../assets/sRGB.icc");

/// The `/Producer` of `/Info` and `pdf:Producer` of the XMP, which must agree.
pub(crate) const PRODUCER: &str = concat!("boardpaper ", env!("CARGO_PKG_VERSION"));
/// The `/Creator` of `/Info` and `xmp:CreatorTool`.
pub(crate) const CREATOR: &str = "boardpaper";

/// Which standards a PDF claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Claims {
    /// PDF/UA-1 (`pdfuaid:part 1`).
    pub ua: bool,
    /// PDF/A-2a (`pdfaid:part 2`, conformance A).
    pub archival: bool,
}

/// Writes the XMP packet at `id` (uncompressed, as PDF/A asks).
pub(crate) fn write_metadata(
    chunk: &mut Chunk,
    id: Ref,
    meta: &Meta,
    epoch: Option<i64>,
    claims: Claims,
) {
    let mut xmp = XmpWriter::new();
    let default = || Some(LangId("x-default"));
    xmp.title([(default(), meta.title.as_str())])
        .creator([meta.author.as_str()])
        .description([(default(), meta.subject.as_str())])
        .language([LangId(meta.lang.as_str())])
        .format("application/pdf")
        .creator_tool(CREATOR)
        .producer(PRODUCER);
    if let Some(date) = epoch.and_then(xmp_date) {
        xmp.create_date(date).modify_date(date);
    }
    if claims.ua {
        xmp.pdfua_part(1);
    }
    if claims.archival {
        xmp.pdfa_part(2).pdfa_conformance("A");
        if claims.ua {
            // PDF/A allows only predefined XMP schemas or those described
            // in an extension schema: pdfuaid is not predefined.
            xmp.extension_schemas()
                .pdfua_id()
                .properties()
                .describe_part();
        }
    }
    let packet = xmp.finish(None);
    // `/Type /Metadata /Subtype /XML`, unfiltered.
    chunk.metadata(id, packet.as_bytes());
}

/// Writes the sRGB profile at `profile` (deflated) and returns nothing;
/// the catalogue's output intent points at it (see [`output_intent`]).
/// The profile is deflated once per process: every PDF embeds the same
/// bytes, and deflating them was a few per cent of writing a short paper.
pub(crate) fn write_profile(chunk: &mut Chunk, profile: Ref, z: &mut Deflater) {
    static PACKED: OnceLock<Vec<u8>> = OnceLock::new();
    let data = PACKED.get_or_init(|| z.deflate(SRGB));
    let mut icc = chunk.icc_profile(profile, data);
    icc.n(3).filter(pdf_writer::Filter::FlateDecode);
    icc.finish();
}

/// The catalogue's `/OutputIntents`: sRGB, for PDF/A.
pub(crate) fn output_intent(cat: &mut pdf_writer::writers::Catalog, profile: Ref) {
    cat.output_intents()
        .push()
        .subtype(OutputIntentSubtype::PDFA)
        .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
        .info(TextStr("sRGB IEC61966-2.1"))
        .dest_output_profile(profile);
}

/// The XMP date of a Unix time (None outside years 0..=9999).
fn xmp_date(epoch: i64) -> Option<DateTime> {
    let (y, mo, d, h, mi, s) = civil(epoch)?;
    Some(DateTime::new(y, mo, d, h, mi, s, Timezone::Utc))
}

/// Year, month, day, hour, minute, second (UTC) of a Unix time (None
/// outside years 0..=9999).
pub(crate) fn civil(epoch: i64) -> Option<(u16, u8, u8, u8, u8, u8)> {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    if !(0..=9999).contains(&year) {
        return None;
    }
    // Every part is in range: the casts cannot truncate.
    Some((
        year as u16,
        month as u8,
        day as u8,
        (secs / 3600) as u8,
        (secs % 3600 / 60) as u8,
        (secs % 60) as u8,
    ))
}

#[cfg(test)]
mod tests {
    use super::{write_metadata, Claims};
    use crate::document::sample::sample_document;
    use pdf_writer::{Pdf, Ref};

    fn packet(title: &str, epoch: Option<i64>) -> String {
        let mut meta = sample_document().meta;
        meta.title = title.into();
        let mut pdf = Pdf::new();
        let claims = Claims {
            ua: true,
            archival: true,
        };
        write_metadata(&mut pdf, Ref::new(1), &meta, epoch, claims);
        String::from_utf8_lossy(&pdf.finish()).into_owned()
    }

    #[test]
    fn dates_only_from_the_epoch_and_as_in_info() {
        let dated = packet("T", Some(1_700_000_000));
        assert!(dated.contains("<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>"));
        assert!(dated.contains("<xmp:ModifyDate>2023-11-14T22:13:20Z</xmp:ModifyDate>"));
        let undated = packet("T", None);
        assert!(!undated.contains("CreateDate") && !undated.contains("ModifyDate"));
        assert!(undated.contains("<pdf:Producer>boardpaper "));
    }

    #[test]
    fn markup_in_a_title_is_escaped() {
        let xmp = packet("Beds & <wards> \"2024\"", None);
        assert!(xmp.contains("Beds &amp; &lt;wards&gt;"), "{xmp}");
        assert!(!xmp.contains("<wards>"));
    }
}
