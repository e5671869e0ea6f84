//! A request target to the path of a served file, or the 4xx it earns.
//!
//! Accepted: origin-form (`/lpt/a.html?x`), and absolute-form naming this
//! server (`http://127.0.0.1:PORT/lpt/a.html`). Refused with 400: `*`,
//! anything not starting with one `/` (`?`, `//x`), absolute-form to
//! another host, a bad percent-escape (`%zz`), an escape decoding to
//! invalid UTF-8, a control character, a backslash, or a `..` segment.
//! Over [`MAX_TARGET`] bytes: 414.

use super::reply::MAX_TARGET;

/// The decoded path (without its leading `/`, query or fragment) that
/// `target` asks for, given the `host:port` names this server answers to.
pub(crate) fn path(target: &str, hosts: &[String]) -> Result<String, u16> {
    if target.len() > MAX_TARGET {
        return Err(414);
    }
    let origin = match strip_prefix_ignore_case(target, "http://") {
        Some(rest) => {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            if !hosts.iter().any(|h| h.eq_ignore_ascii_case(authority)) {
                return Err(400);
            }
            if path.is_empty() {
                "/"
            } else {
                path
            }
        }
        None => target,
    };
    let path = origin.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path.strip_prefix('/') else {
        return Err(400);
    };
    if rest.starts_with('/') {
        return Err(400);
    }
    let decoded = percent_decode(rest).ok_or(400u16)?;
    let unsafe_char = |c: char| c.is_control() || c == '\\';
    if decoded.chars().any(unsafe_char) || decoded.split('/').any(|s| s == "..") {
        return Err(400);
    }
    Ok(decoded)
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `%XX` escapes decoded; `None` for a malformed escape or a result that
/// is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Vec<String> {
        vec!["127.0.0.1:8000".into(), "localhost:8000".into()]
    }

    #[test]
    fn origin_and_own_absolute_forms_give_the_decoded_path() {
        let ok = |t: &str| path(t, &hosts());
        assert_eq!(ok("/lpt/a.html?x=1#y"), Ok("lpt/a.html".into()));
        assert_eq!(ok("/"), Ok(String::new()));
        assert_eq!(ok("/lpt/a%2Ehtml"), Ok("lpt/a.html".into()));
        assert_eq!(ok("/caf%C3%A9"), Ok("café".into()));
        assert_eq!(
            ok("http://127.0.0.1:8000/lpt/a.html"),
            Ok("lpt/a.html".into())
        );
        assert_eq!(ok("HTTP://localhost:8000"), Ok(String::new()));
    }

    #[test]
    fn malformed_targets_are_400_and_long_ones_414() {
        for bad in [
            "?",
            "",
            "*",
            "#",
            "x",
            "//x",
            "//evil.example/a",
            "/%zz",
            "/%",
            "/%4",
            "/%ff",
            "/%00",
            "/a%0d%0aSet-Cookie:x",
            "/..%2f..%2fetc/passwd",
            "/a\\b",
            "http://evil.example/a",
            "http://127.0.0.1:8001/",
            "https://127.0.0.1:8000/",
        ] {
            assert_eq!(path(bad, &hosts()), Err(400), "{bad:?}");
        }
        let long = format!("/{}", "a".repeat(MAX_TARGET));
        assert_eq!(path(&long, &hosts()), Err(414));
    }
}
