//! `#rrggbb` colours and WCAG 2.2 relative luminance: the one place that
//! parses a colour from the sources, decides whether black or white text
//! reads better on it, and whether the accent is readable on white (else
//! NHS blue stands in). `check` decides with it; the HTML and PDF renderers
//! both use the [`Rgb`] it decided.

/// A colour, 8 bits per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Rgb(pub(crate) u8, pub(crate) u8, pub(crate) u8);

/// NHS blue (#005EB8): the accent by default, and when the project's
/// accent is unreadable on white (5.9:1).
pub(crate) const NHS_BLUE: Rgb = Rgb(0x00, 0x5e, 0xb8);

/// WCAG AA minimum contrast for body text.
pub(crate) const AA_TEXT: f64 = 4.5;

pub(crate) const BLACK: Rgb = Rgb(0, 0, 0);
pub(crate) const WHITE: Rgb = Rgb(255, 255, 255);

impl Rgb {
    /// Parses `#rrggbb` (or `rrggbb`); `None` when malformed.
    pub(crate) fn parse(s: &str) -> Option<Rgb> {
        let hex = s.trim().trim_start_matches('#');
        parse_hex(&format!("#{hex}")).map(Rgb::from)
    }

    /// `#rrggbb`, lower case.
    pub(crate) fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// The three channels.
    pub(crate) fn channels(self) -> [u8; 3] {
        [self.0, self.1, self.2]
    }

    /// Black or white, whichever has the higher contrast on this background.
    pub(crate) fn readable_text(self) -> Rgb {
        if black_text_on(self.channels()) {
            BLACK
        } else {
            WHITE
        }
    }

    /// Whether text in this colour on white meets WCAG AA (4.5:1).
    pub(crate) fn readable_on_white(self) -> bool {
        contrast(self.channels(), WHITE.channels()) >= AA_TEXT
    }
}

impl From<[u8; 3]> for Rgb {
    fn from([r, g, b]: [u8; 3]) -> Rgb {
        Rgb(r, g, b)
    }
}

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
    fn nhs_blue_is_a_readable_accent_and_yellow_is_not() {
        assert!(NHS_BLUE.readable_on_white());
        assert_eq!(Rgb::parse("#005EB8"), Some(NHS_BLUE));
        assert_eq!(NHS_BLUE.hex(), "#005eb8");
        assert!(!Rgb(0xff, 0xeb, 0x3b).readable_on_white());
        // Either side of 4.5:1: #767676 is 4.54:1, #777777 4.48:1.
        assert!(Rgb(0x76, 0x76, 0x76).readable_on_white());
        assert!(!Rgb(0x77, 0x77, 0x77).readable_on_white());
    }

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
