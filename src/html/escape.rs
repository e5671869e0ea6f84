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

/// The URL to use as a link's `href`, or `None` when it must not become a link.
///
/// Allowed: `http:`, `https:`, `mailto:` and relative URLs (including `#anchor`).
/// Anything else with a scheme (`javascript:`, `data:`, `vbscript:`, `file:` ...)
/// is refused. Browsers ignore tabs, newlines and leading control characters
/// in URLs, so the scheme is read with those removed ("java\tscript:").
pub(crate) fn safe_href(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let normalised: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    match scheme(&normalised) {
        None => Some(url),
        Some(s) if ["http", "https", "mailto"].contains(&s.to_ascii_lowercase().as_str()) => {
            Some(url)
        }
        Some(_) => None,
    }
}

/// The scheme of an absolute URL: the text before the first `:` when that
/// `:` comes before any `/`, `?` or `#`.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    if url[end..].starts_with(':') {
        Some(&url[..end])
    } else {
        None
    }
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
    fn allows_web_mail_and_relative_links() {
        for url in [
            "https://www.nhs.uk/",
            "HTTP://example.org",
            "mailto:board@nhs.net",
            "#s3-1",
            "../lpt/index.html",
            "papers/a.pdf?x=1:2",
        ] {
            assert_eq!(safe_href(url), Some(url), "{url}");
        }
    }

    #[test]
    fn refuses_other_schemes() {
        for url in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "",
        ] {
            assert_eq!(safe_href(url), None, "{url:?}");
        }
    }

    #[test]
    fn css_cannot_close_the_style_element() {
        let css = escape_css("a{}</style><script>alert(1)</script>");
        assert!(!css.contains('<'));
    }
}
