//! The one link policy: which link destinations become live links.
//!
//! Every URL a document links to passes through [`destination`] when the
//! Markdown becomes the document tree; the tree carries only the cleaned
//! URL of a link that passed, and a refused link is a located diagnostic
//! (BP022). The HTML and PDF renderers both read the tree, so they cannot
//! disagree about a link.
//!
//! The URL is read the way a browser's URL parser reads it (WHATWG URL
//! standard): leading and trailing C0 controls and spaces are trimmed, and
//! tab, line feed and carriage return are removed wherever they are. HTML
//! entities and backslash escapes are already decoded by the Markdown
//! parser, so `java&#x09;script:` arrives here as `java\tscript:`.
//!
//! Allowed: `http:`, `https:`, `mailto:` (any case) and relative references
//! (`#anchor`, `../x.html`, `papers/a.pdf?x=1:2`). Refused: any other text
//! before a `:` that comes ahead of the first `/`, `?` or `#`. That is
//! stricter than a browser on purpose: browsers do not percent-decode a
//! scheme, so `%6Aavascript:` is a relative path to them, but a PDF viewer
//! may treat the URI differently, and a relative reference cannot carry a
//! `:` in its first segment anyway (RFC 3986 4.2), so nothing legitimate is
//! lost by refusing it.

/// Schemes a link may use.
const ALLOWED: [&str; 3] = ["http", "https", "mailto"];

/// The URL to link to (cleaned as a browser would read it; `None` when
/// nothing is left, so there is nothing to link to), or why the link is
/// refused.
pub(crate) fn destination(url: &str) -> Result<Option<String>, String> {
    let cleaned = clean(url);
    if cleaned.is_empty() {
        return Ok(None);
    }
    match scheme(&cleaned) {
        None => Ok(Some(cleaned)),
        Some(s) if ALLOWED.contains(&s.to_ascii_lowercase().as_str()) => Ok(Some(cleaned)),
        Some(s) => Err(format!(
            "links with the `{}:` scheme are not allowed",
            s.to_ascii_lowercase()
        )),
    }
}

/// `url` as the WHATWG URL parser sees it: C0 controls and spaces trimmed
/// at both ends, tab/LF/CR removed anywhere; any other control left inside
/// is percent-encoded so no viewer ever sees a raw control byte.
fn clean(url: &str) -> String {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            c if c.is_ascii_control() => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The text before the first `:` when that `:` comes before any `/`, `?`
/// or `#` (whatever characters it holds).
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    url[end..].starts_with(':').then(|| &url[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_mail_and_relative_links_pass_unchanged() {
        for url in [
            "https://www.nhs.uk/",
            "HTTP://example.org",
            "mailto:board@nhs.net",
            "#s3-1",
            "../lpt/index.html",
            "papers/a.pdf?x=1:2",
            "a.html#x:y",
        ] {
            assert_eq!(destination(url), Ok(Some(url.to_owned())), "{url}");
        }
    }

    #[test]
    fn controls_and_whitespace_are_read_as_a_browser_reads_them() {
        let ok = |s: &str| Ok(Some(s.to_owned()));
        assert_eq!(
            destination(" \u{1}https://x.org/a\tb\n "),
            ok("https://x.org/ab")
        );
        assert_eq!(
            destination("https://x.org/a\u{7f}b"),
            ok("https://x.org/a%7Fb")
        );
        assert_eq!(destination(" \u{1f}\t"), Ok(None));
        // Entities are decoded once, by the Markdown parser; text that still
        // reads `&#106;` was written as `&amp;#106;` and is a relative path
        // with a fragment to a browser too (the HTML writes it as `&amp;`).
        assert_eq!(destination("&#106;avascript:x"), ok("&#106;avascript:x"));
    }

    #[test]
    fn every_disguise_of_a_script_scheme_is_refused() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            " javascript:alert(1)",
            "\njavascript:alert(1)",
            "%6Aavascript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "tel:+441234",
        ] {
            assert!(destination(url).is_err(), "{url:?} passed");
        }
    }

    #[test]
    fn the_refusal_names_the_scheme_with_controls_encoded() {
        assert_eq!(
            destination("JaVa\u{1b}Script:x").unwrap_err(),
            "links with the `java%1bscript:` scheme are not allowed"
        );
    }
}
