//! The Content-Security-Policy every HTML page boardpaper writes carries
//! (papers, index pages): no script, no plugin, no frame, no request of any
//! kind; images only as the `data:` URIs the pages embed; styles only
//! inline, as the pages have them. It is put in the page after rendering,
//! whatever the template (built in or a project's override), so not even
//! an override's `| safe` can make a published page run code.

/// The policy.
pub(crate) const POLICY: &str =
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// The meta element carrying [`POLICY`].
pub(crate) fn meta() -> String {
    format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{POLICY}\">")
}

/// `page` with the policy's meta element first in its `<head>`, when only
/// a doctype and an `<html>` tag come before it; otherwise right after the
/// doctype (or at the very start), ahead of anything a template wrote.
pub(crate) fn protect(page: &str) -> String {
    let at = head_end(page).unwrap_or_else(|| doctype_end(page));
    let mut out = String::with_capacity(page.len() + 160);
    out.push_str(&page[..at]);
    if at > 0 && !page[..at].ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&meta());
    if !page[at..].starts_with('\n') {
        out.push('\n');
    }
    out.push_str(&page[at..]);
    out
}

/// Just after `<head ...>`, if nothing but a doctype, `<html ...>` and
/// white space precede it.
fn head_end(page: &str) -> Option<usize> {
    let mut rest = page.trim_start();
    for tag in ["<!doctype", "<html"] {
        if starts_with_ci(rest, tag) {
            rest = rest[rest.find('>')? + 1..].trim_start();
        }
    }
    if !starts_with_ci(rest, "<head") {
        return None;
    }
    let after = rest.as_bytes().get(5).copied();
    if !matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
        return None;
    }
    let start = page.len() - rest.len();
    Some(start + rest.find('>')? + 1)
}

/// Just after a leading doctype, or 0.
fn doctype_end(page: &str) -> usize {
    let rest = page.trim_start();
    if starts_with_ci(rest, "<!doctype") {
        let start = page.len() - rest.len();
        return rest.find('>').map_or(0, |i| start + i + 1);
    }
    0
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_opens_the_head() {
        let page =
            "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n</head>";
        let out = protect(page);
        assert!(out.starts_with(&format!(
            "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n{}\n<meta charset",
            meta()
        )));
    }

    #[test]
    fn a_template_without_a_plain_head_gets_it_before_anything_it_wrote() {
        for page in [
            "<!DOCTYPE html><script>alert(1)</script><head></head>",
            "<script>alert(1)</script>",
            "<!doctype html><html><header>x</header>",
        ] {
            let out = protect(page);
            let meta_at = out.find("Content-Security-Policy");
            let other = out.find("<script").or(out.find("<header"));
            assert!(meta_at < other, "{out}");
        }
        assert!(protect("").contains(POLICY));
    }
}
