//! Text from sources made safe to print on a terminal or in a CI log.
//!
//! A trust name, a title or a message quoting a source may hold control
//! characters: `ESC [31m` recolours the terminal, `ESC ] 0;...BEL` retitles
//! it, `\r` overwrites what was printed, U+202E reverses what follows. Every
//! such character is shown as an escape (`\x1b`, `\r`, `\u{202e}`) instead:
//! C0 controls except the newline (which is structure), DEL, C1 controls,
//! the bidirectional formatting characters and the Unicode line and
//! paragraph separators. Everything else is printed as it is.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal raw.
pub(crate) fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
                | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every unsafe character escaped; newlines kept.
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// `text` on one line: [`escape`], and newlines escaped too.
pub(crate) fn escape_line(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return escape(text);
    }
    Cow::Owned(escape(text).replace('\n', "\\n"))
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if !is_unsafe(c) => out.push(c),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// JSON text (as serde_json writes it, C0 already escaped) with DEL, C1
/// controls and bidi characters written as `\uXXXX` too: the same data for
/// a JSON reader, nothing raw for a terminal.
pub(crate) fn json_safe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_overrides_are_shown_not_obeyed() {
        assert_eq!(escape("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
        assert_eq!(escape("\x1b]0;title\x07"), "\\x1b]0;title\\x07");
        assert_eq!(escape("a\rb\tc\u{7f}"), "a\\rb\\tc\\x7f");
        assert_eq!(
            escape("\u{202e}txt.exe \u{9b}2J"),
            "\\u{202e}txt.exe \\u{9b}2J"
        );
        assert_eq!(escape("two\nlines £ é ✓"), "two\nlines £ é ✓");
        assert_eq!(escape_line("two\nlines\r"), "two\\nlines\\r");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            escape("Leicestershire Partnership"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn json_stays_json() {
        let raw = serde_json::json!({ "m": "a\u{202e}b\u{85}c\u{1b}" }).to_string();
        let safe = json_safe(&raw);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["m"], "a\u{202e}b\u{85}c\u{1b}");
    }
}
