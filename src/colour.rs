//! `#rrggbb` colours and WCAG 2.2 relative luminance: the one place that
//! parses a colour from the sources and decides whether black or white text
//! reads better on it. `check` validates with it; the HTML and PDF renderers
//! both pick text colours on status shades with it.

/// Parses `#rrggbb` (case-insensitive) into its three channels.
pub(crate) fn parse_hex(colour: &str) -> Option<[u8; 3]> {
    let hex = colour.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG relative luminance of an sRGB colour (0 black .. 1 white).
pub(crate) fn luminance(rgb: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])
}

/// The WCAG contrast ratio of two colours (1.0 to 21.0).
pub(crate) fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Whether black text (rather than white) contrasts more on `background`.
pub(crate) fn black_text_on(background: [u8; 3]) -> bool {
    contrast(background, [0, 0, 0]) >= contrast(background, [255, 255, 255])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_picks_readable_text() {
        assert_eq!(parse_hex("#005EB8"), Some([0, 0x5e, 0xb8]));
        assert_eq!(parse_hex("005EB8"), None);
        assert_eq!(parse_hex("#00GEB8"), None);
        assert!(black_text_on([0xff, 0xb8, 0x1c]), "amber takes black text");
        assert!(
            !black_text_on([0x00, 0x7f, 0x3b]),
            "NHS green takes white text"
        );
    }
}
