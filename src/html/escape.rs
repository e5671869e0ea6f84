//! Escaping for the three contexts the renderer writes into: HTML text and
//! attribute values, URLs in `href`, and CSS inside `<style>`.
//!
//! Every piece of text from the document tree goes through [`escape`] exactly
//! once, in the file that writes the surrounding markup.

/// Appends `text` to `out`, escaped as [`escape`] does.
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// The URL to use as a link's `href`, or `None` when it must not become a
/// link: the one policy of [`crate::link::destination`]. The document tree
/// already holds only links that passed; this keeps a renderer from ever
/// writing one that did not.
pub(crate) fn safe_href(url: &str) -> Option<String> {
    crate::link::destination(url).ok().flatten()
}

/// Makes CSS safe to place inside `<style>`: no `<` can survive, so neither
/// `</style>` nor `<!--` can end the element early. `<` is never valid CSS
/// outside strings and comments; inside strings `\3C ` is the same character.
pub(crate) fn escape_css(css: &str) -> String {
    css.replace('<', "\\3C ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters() {
        let mut escaped = String::new();
        push_escaped(&mut escaped, r#"<a href="x">Tom & Jerry's</a>"#);
        assert_eq!(
            escaped,
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn hrefs_follow_the_link_policy() {
        assert_eq!(
            safe_href("https://nhs.uk/").as_deref(),
            Some("https://nhs.uk/")
        );
        assert_eq!(safe_href("java\tscript:alert(1)"), None);
        assert_eq!(safe_href(""), None);
    }

    #[test]
    fn css_cannot_close_the_style_element() {
        let css = escape_css("a{}</style><script>alert(1)</script>");
        assert!(!css.contains('<'));
    }
}
