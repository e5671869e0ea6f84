//! Colour arithmetic for WCAG 2.2 contrast: text on status shades is black or
//! white, whichever contrasts more, and the accent falls back to NHS blue when
//! it would be unreadable on white.

/// NHS blue: 5.9:1 on white.
pub(crate) const NHS_BLUE: &str = "#005EB8";

/// WCAG AA minimum for body text.
const AA_TEXT: f64 = 4.5;

pub(crate) use crate::colour::{contrast, parse_hex};

/// `(background, text)` for a cell shade: the shade normalised to lower case
/// and `#000000` or `#ffffff`, whichever contrasts more. `None` when the shade
/// is not `#rrggbb`.
pub(crate) fn shade_colours(shade: &str) -> Option<(String, &'static str)> {
    let rgb = parse_hex(shade)?;
    let text = if crate::colour::black_text_on(rgb) {
        "#000000"
    } else {
        "#ffffff"
    };
    Some((shade.to_ascii_lowercase(), text))
}

/// The accent to use for headings and links: the given one when it is
/// `#rrggbb` with at least 4.5:1 on white, else NHS blue.
pub(crate) fn readable_accent(accent: &str) -> String {
    match parse_hex(accent) {
        Some(rgb) if contrast(rgb, [255, 255, 255]) >= AA_TEXT => accent.to_ascii_lowercase(),
        _ => NHS_BLUE.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs_blue_passes_on_white() {
        let blue = parse_hex(NHS_BLUE).unwrap_or_default();
        assert!(contrast(blue, [255, 255, 255]) > 4.5);
    }

    #[test]
    fn built_in_stylesheet_colours_pass_aa() {
        // (foreground, background) pairs used by templates/style.css.
        let pairs = [
            ("#ffffff", "#d5281b"), // private banner
            ("#d5281b", "#ffffff"), // "(private)", print banner
            ("#4c6272", "#ffffff"), // secondary text
            ("#4c6272", "#f0f4f5"), // footer on the page background
            ("#212b32", "#e8f0f9"), // callout text
            ("#007f3b", "#ffffff"), // ticks
            ("#005eb8", "#f0f4f5"), // links in pale cells
        ];
        for (fg, bg) in pairs {
            let ratio = match (parse_hex(fg), parse_hex(bg)) {
                (Some(f), Some(b)) => contrast(f, b),
                _ => 0.0,
            };
            assert!(ratio >= AA_TEXT, "{fg} on {bg}: {ratio:.2}");
        }
    }

    #[test]
    fn picks_black_on_light_and_white_on_dark() {
        assert_eq!(shade_colours("#FFEB3B").map(|c| c.1), Some("#000000"));
        assert_eq!(shade_colours("#005eb8").map(|c| c.1), Some("#ffffff"));
        assert_eq!(shade_colours("#d5281b").map(|c| c.1), Some("#ffffff"));
        assert_eq!(shade_colours("red"), None);
    }

    #[test]
    fn unreadable_or_malformed_accent_falls_back() {
        assert_eq!(readable_accent("#330072"), "#330072");
        assert_eq!(readable_accent("#ffeb3b"), "#005eb8");
        assert_eq!(readable_accent("red;}</style>"), "#005eb8");
    }
}
