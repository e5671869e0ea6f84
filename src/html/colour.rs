//! Colour arithmetic for WCAG 2.2 contrast: text on status shades is black or
//! white, whichever contrasts more. (The accent arrives decided: `check`
//! replaces an unreadable one with NHS blue, see `crate::colour`.)

pub(crate) use crate::colour::parse_hex;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colour::{contrast, AA_TEXT};

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
}
