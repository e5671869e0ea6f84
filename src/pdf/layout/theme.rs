//! Page geometry, type sizes and colours: every number the layout uses to
//! look like an NHS board paper, in one place.
//!
//! 12 pt body text follows the GDS guidance for accessible documents; the
//! colours are the NHS identity palette (text #212B32, pale grey #E8EDEE).

pub(crate) use crate::colour::Rgb;

/// NHS text colour.
pub(crate) const TEXT: Rgb = Rgb(0x21, 0x2b, 0x32);
/// NHS secondary text (furniture, captions).
pub(crate) const MUTED: Rgb = Rgb(0x4c, 0x62, 0x72);
/// Table borders and rules.
pub(crate) const BORDER: Rgb = Rgb(0x76, 0x86, 0x92);
/// Table header shading.
pub(crate) const HEADER_FILL: Rgb = Rgb(0xe8, 0xed, 0xee);
/// Callout shading (a pale tint behind the accent bar).
pub(crate) const CALLOUT_FILL: Rgb = Rgb(0xee, 0xf4, 0xfa);
/// Code block shading.
pub(crate) const CODE_FILL: Rgb = Rgb(0xf0, 0xf4, 0xf5);

/// A4 in points.
pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
/// 20 mm side margins.
pub(crate) const MARGIN_X: f32 = 56.69;
/// Body area: below the running header, above the footer.
pub(crate) const BODY_TOP: f32 = 70.0;
pub(crate) const BODY_BOTTOM: f32 = PAGE_H - 62.0;

/// One page's geometry: its size and the band the flow fills (below the
/// running header, above the footer). Pagination reads the band of each
/// page from here, so a landscape page or a footnote area at the foot is
/// a different value, not a different constant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PageGeometry {
    pub width: f32,
    pub height: f32,
    /// Top of the content band, from the page's top edge.
    pub top: f32,
    /// Bottom of the content band, from the page's top edge.
    pub bottom: f32,
}

impl PageGeometry {
    /// A4 portrait with the running header and footer.
    pub(crate) const A4: PageGeometry = PageGeometry {
        width: PAGE_W,
        height: PAGE_H,
        top: BODY_TOP,
        bottom: BODY_BOTTOM,
    };

    /// The same page turned to landscape: width and height swapped, the
    /// band keeping its distances from the top and bottom edges (the
    /// running header and footer fit its width).
    pub(crate) fn turned(&self) -> PageGeometry {
        PageGeometry {
            width: self.height,
            height: self.width,
            top: self.top,
            bottom: self.width - (self.height - self.bottom),
        }
    }

    /// Height of the content band.
    pub(crate) fn body_height(&self) -> f32 {
        self.bottom - self.top
    }

    /// The body column between the side margins.
    pub(crate) fn body_frame(&self) -> (f32, f32) {
        (MARGIN_X, self.width - 2.0 * MARGIN_X)
    }
}

/// Running header and footer.
pub(crate) const HEADER_BASELINE: f32 = 42.0;
pub(crate) const HEADER_RULE: f32 = 49.0;
/// The footer's baseline, up from the page's bottom edge.
pub(crate) const FOOTER_RISE: f32 = 34.0;
pub(crate) const FURNITURE_SIZE: f32 = 9.0;

/// Body text.
pub(crate) const BODY_SIZE: f32 = 12.0;
/// Line height as a multiple of the size.
pub(crate) const LEADING: f32 = 1.32;
/// Space between paragraphs.
pub(crate) const PARA_GAP: f32 = 8.0;
/// Space between list items.
pub(crate) const ITEM_GAP: f32 = 4.0;
/// Table cell text and padding.
pub(crate) const TABLE_SIZE: f32 = 10.0;
pub(crate) const CELL_PAD: f32 = 4.0;
/// Smallest size a too-wide table may shrink its text to.
pub(crate) const TABLE_MIN_SIZE: f32 = 7.0;
/// Front-sheet title.
pub(crate) const TITLE_SIZE: f32 = 22.0;
/// Hanging indent of list items and block quotes.
pub(crate) const INDENT: f32 = 20.0;
/// Liberation Sans ascent and descent, in em.
pub(crate) const ASCENT: f32 = 0.905;
pub(crate) const DESCENT: f32 = 0.212;

/// Size and space above for a heading level (1 = section).
pub(crate) fn heading_metrics(level: u8) -> (f32, f32) {
    match level {
        0 | 1 => (16.0, 18.0),
        2 => (13.5, 14.0),
        3 => (12.0, 12.0),
        _ => (12.0, 10.0),
    }
}

/// Baseline offset from the top of a line box of `height` for `size` text.
pub(crate) fn baseline_in(height: f32, size: f32) -> f32 {
    (height - (ASCENT + DESCENT) * size) / 2.0 + ASCENT * size
}

/// Footnote text at the foot of a page.
pub(crate) const NOTE_SIZE: f32 = 9.5;
/// Indent of a footnote's text past its number.
pub(crate) const NOTE_INDENT: f32 = 16.0;
/// Space between two footnotes at a page foot.
pub(crate) const NOTE_GAP: f32 = 3.0;
/// Height taken by the short rule above the footnotes (with its space).
pub(crate) const NOTE_RULE_SPACE: f32 = 14.0;
/// Length of that rule.
pub(crate) const NOTE_RULE_LEN: f32 = 120.0;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colour::{BLACK, WHITE};

    #[test]
    fn parses_hex_colours() {
        let blue = crate::colour::NHS_BLUE;
        assert_eq!(Rgb::parse("#005EB8"), Some(blue));
        assert_eq!(Rgb::parse("005eb8"), Some(blue));
        assert_eq!(Rgb::parse("#05EB8"), None);
        assert_eq!(Rgb::parse("#é5EB8x"), None);
    }

    #[test]
    fn text_on_shades_stays_readable() {
        assert_eq!(Rgb::parse("#da291c").map(Rgb::readable_text), Some(WHITE));
        assert_eq!(Rgb::parse("#003087").map(Rgb::readable_text), Some(WHITE));
        assert_eq!(Rgb::parse("#ffb81c").map(Rgb::readable_text), Some(BLACK));
        assert_eq!(Rgb::parse("#009639").map(Rgb::readable_text), Some(BLACK));
    }
}
