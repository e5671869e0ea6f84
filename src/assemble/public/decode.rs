//! Reading one file of the output folder for the `--public` check, as
//! what it is, and failing closed:
//!
//! - a PDF (by its `%PDF-` header, whatever its name) is parsed within the
//!   import's bounds (at most [`PDF_CAP`]) and every text in it decoded
//!   (`pdf::text`); one that cannot be parsed or decoded cannot be checked;
//! - anything else must be text (UTF-8, or UTF-16 with a byte order mark):
//!   it is read in 64 kB chunks, never whole, and decoded as markup
//!   (character references and `\uXXXX` escapes decoded; tag content and
//!   attribute values searched apart from the text), up to [`TEXT_CAP`];
//!   bytes that are not text cannot be checked.
//!
//! A symlink, a folder's stand-in (a FIFO, a device) or a file that cannot
//! be opened cannot be checked either. "Cannot be checked" is an error
//! naming the file, never a pass.

use std::io::Read;
use std::path::Path;

use super::find::{Finder, MARKUP, TEXT};
use crate::assemble::pack::import;
use crate::pdf::text::{self, Sink};

/// The largest PDF the check parses (whole, within the import's budget).
pub(super) const PDF_CAP: u64 = 256 * 1024 * 1024;
/// The largest other file the check reads (in chunks).
pub(super) const TEXT_CAP: u64 = 512 * 1024 * 1024;
/// Bytes read at a time.
const READ: usize = 64 * 1024;
/// The longest character reference decoded (`&CounterClockwiseContourIntegral;`).
const MAX_ENTITY: usize = 40;

/// Feeds the file at `path` (a regular file, not followed if a symlink)
/// to `finder`; `Err` says why it cannot be checked.
pub(super) fn file(path: &Path, finder: &mut Finder) -> Result<(), String> {
    let mut f = open(path).map_err(|e| format!("it cannot be opened ({e})"))?;
    let meta = f
        .metadata()
        .map_err(|e| format!("it cannot be read ({e})"))?;
    if !meta.is_file() {
        return Err("it is not a regular file".into());
    }
    let mut head = vec![0; READ];
    let n = read_full(&mut f, &mut head).map_err(|e| format!("it cannot be read ({e})"))?;
    head.truncate(n);
    if head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        if meta.len() > PDF_CAP {
            return Err(format!("it is a PDF over {} MB", PDF_CAP >> 20));
        }
        let mut bytes = head;
        f.take(PDF_CAP + 1 - n as u64)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("it cannot be read ({e})"))?;
        return pdf(&bytes, finder);
    }
    if meta.len() > TEXT_CAP {
        return Err(format!("it is over {} MB", TEXT_CAP >> 20));
    }
    let mut text = Text::new(&head);
    text.feed(&head, finder)?;
    let mut total = head.len() as u64;
    let mut buf = vec![0; READ];
    loop {
        let n = f
            .read(&mut buf)
            .map_err(|e| format!("it cannot be read ({e})"))?;
        if n == 0 {
            break;
        }
        total += n as u64;
        if total > TEXT_CAP {
            return Err(format!("it is over {} MB", TEXT_CAP >> 20));
        }
        text.feed(&buf[..n], finder)?;
    }
    text.end(finder)
}

fn read_full(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// A PDF's every text, into `finder`.
pub(super) fn pdf(bytes: &[u8], finder: &mut Finder) -> Result<(), String> {
    let mut left = import::BUDGET;
    let doc = import::load(bytes, &mut left).map_err(|p| match p {
        import::Problem::Encrypted => "it is an encrypted PDF".to_owned(),
        import::Problem::Broken(why) => format!("it is a PDF that cannot be read ({why})"),
        _ => "it is a PDF beyond what can be read".to_owned(),
    })?;
    doc_text(&doc, finder)
}

/// A parsed PDF's every text, into `finder`.
pub(super) fn doc_text(doc: &lopdf::Document, finder: &mut Finder) -> Result<(), String> {
    let mut sink = PdfSink { finder };
    text::scan(doc, &mut sink).map_err(|e| format!("its PDF content cannot be decoded: {e}"))
}

struct PdfSink<'f, 'p> {
    finder: &'f mut Finder<'p>,
}

impl Sink for PdfSink<'_, '_> {
    fn text(&mut self, s: &str) {
        self.finder.push(TEXT, s);
    }
    fn brk(&mut self) {
        self.finder.brk(TEXT);
    }
    fn bytes(&mut self, b: &[u8]) {
        let mut m = Markup::default();
        for c in String::from_utf8_lossy(b).chars() {
            m.char(c, self.finder);
        }
        m.end(self.finder);
    }
}

/// A text file decoded chunk by chunk: UTF-8 (a character cut at a chunk's
/// end carried over), or UTF-16 after its byte order mark.
struct Text {
    utf16: Option<bool>,
    carry: Vec<u8>,
    markup: Markup,
}

impl Text {
    fn new(head: &[u8]) -> Text {
        let utf16 = match head {
            [0xFE, 0xFF, ..] => Some(true),
            [0xFF, 0xFE, ..] => Some(false),
            _ => None,
        };
        Text {
            utf16,
            carry: Vec::new(),
            markup: Markup::default(),
        }
    }

    fn feed(&mut self, bytes: &[u8], finder: &mut Finder) -> Result<(), String> {
        self.carry.extend_from_slice(bytes);
        let data = std::mem::take(&mut self.carry);
        let used = match self.utf16 {
            Some(big) => self.utf16_chars(&data, big, finder)?,
            None => self.utf8_chars(&data, finder)?,
        };
        self.carry = data[used..].to_vec();
        Ok(())
    }

    fn utf8_chars(&mut self, data: &[u8], finder: &mut Finder) -> Result<usize, String> {
        let (valid, used) = match std::str::from_utf8(data) {
            Ok(s) => (s, data.len()),
            Err(e) if e.error_len().is_none() => {
                let n = e.valid_up_to();
                (std::str::from_utf8(&data[..n]).unwrap_or_default(), n)
            }
            Err(_) => return Err("it is neither text (UTF-8) nor a PDF".into()),
        };
        for c in valid.trim_start_matches('\u{FEFF}').chars() {
            self.markup.char(c, finder);
        }
        Ok(used)
    }

    fn utf16_chars(
        &mut self,
        data: &[u8],
        big: bool,
        finder: &mut Finder,
    ) -> Result<usize, String> {
        let units = data.chunks_exact(2).map(|p| {
            let pair = [p[0], p[1]];
            if big {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        let whole = data.len() / 2 * 2;
        let mut pending_high = false;
        for c in char::decode_utf16(units) {
            match c {
                Ok('\u{FEFF}') => {}
                Ok(c) => self.markup.char(c, finder),
                Err(e) if (0xD800..0xDC00).contains(&e.unpaired_surrogate()) => {
                    pending_high = true;
                }
                Err(_) => return Err("it is UTF-16 text with a broken character".into()),
            }
        }
        // A high surrogate cut at the chunk's end waits for its pair.
        Ok(if pending_high { whole - 2 } else { whole })
    }

    fn end(mut self, finder: &mut Finder) -> Result<(), String> {
        if !self.carry.is_empty() {
            return Err("it ends in the middle of a character".into());
        }
        self.markup.end(finder);
        Ok(())
    }
}

/// Markup decoded a character at a time: text between tags on the text
/// channel; a tag's content on the markup channel, each attribute value
/// (in quotes, as written in the source) a run of its own; character
/// references (`&amp;`, `&#8211;`, `&#x2F;`) and `\uXXXX` escapes decoded
/// in both.
#[derive(Default)]
pub(super) struct Markup {
    in_tag: bool,
    quote: Option<char>,
    /// A reference or escape being read (its text so far).
    pending: Option<String>,
}

impl Markup {
    pub(super) fn char(&mut self, c: char, f: &mut Finder) {
        if let Some(mut p) = self.pending.take() {
            p.push(c);
            match reference(&p) {
                Ref::More if p.len() < MAX_ENTITY => self.pending = Some(p),
                Ref::Done(d) => self.emit(d, f),
                _ => {
                    // Not a reference: its first character as text, the rest again.
                    let mut rest = p.chars();
                    if let Some(first) = rest.next() {
                        self.emit(first, f);
                    }
                    for c in rest {
                        self.char(c, f);
                    }
                }
            }
            return;
        }
        if c == '&' || c == '\\' {
            self.pending = Some(c.to_string());
            return;
        }
        self.markup(c, f);
    }

    /// `c` as decoded text, on the current channel.
    fn emit(&mut self, c: char, f: &mut Finder) {
        f.push_char(if self.in_tag { MARKUP } else { TEXT }, c);
    }

    /// `c` as markup: it may open or close a tag or a value.
    fn markup(&mut self, c: char, f: &mut Finder) {
        match (self.in_tag, self.quote) {
            (false, _) if c == '<' => {
                self.in_tag = true;
                f.brk(MARKUP);
            }
            (false, _) => f.push_char(TEXT, c),
            (true, Some(q)) if c == q => {
                f.push_char(MARKUP, '"');
                f.brk(MARKUP);
                self.quote = None;
            }
            (true, Some(_)) => f.push_char(MARKUP, c),
            (true, None) => match c {
                '>' => {
                    self.in_tag = false;
                    f.brk(MARKUP);
                }
                '"' | '\'' => {
                    f.brk(MARKUP);
                    f.push_char(MARKUP, '"');
                    self.quote = Some(c);
                }
                '=' => f.brk(MARKUP),
                c => f.push_char(MARKUP, c),
            },
        }
    }

    pub(super) fn end(&mut self, f: &mut Finder) {
        if let Some(p) = self.pending.take() {
            for c in p.chars() {
                self.emit(c, f);
            }
        }
        f.brk(TEXT);
        f.brk(MARKUP);
    }
}

enum Ref {
    More,
    Done(char),
    Not,
}

/// What `p` (`&…` or `\…` so far) is.
fn reference(p: &str) -> Ref {
    if let Some(rest) = p.strip_prefix('\\') {
        let Some(hex) = rest.strip_prefix('u') else {
            return match rest {
                "/" => Ref::Done('/'),
                "" => Ref::More,
                _ => Ref::Not,
            };
        };
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ref::Not;
        }
        if hex.len() < 4 {
            return Ref::More;
        }
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map_or(Ref::Not, Ref::Done);
    }
    let body = &p[1..];
    let Some(name) = body.strip_suffix(';') else {
        let ok = body.chars().all(|c| c.is_ascii_alphanumeric() || c == '#');
        return if ok { Ref::More } else { Ref::Not };
    };
    let code = if let Some(n) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
        u32::from_str_radix(n, 16).ok()
    } else if let Some(n) = name.strip_prefix('#') {
        n.parse().ok()
    } else {
        named(name).map(u32::from)
    };
    code.and_then(char::from_u32).map_or(Ref::Not, Ref::Done)
}

/// The named references a title may be written with.
fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "hellip" => '\u{2026}',
        "shy" => '\u{ad}',
        "sol" => '/',
        "period" => '.',
        "hyphen" | "dash" => '-',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::find::{normalise, Pattern, Patterns};
    use super::*;

    fn finds(markup: &str) -> bool {
        let p = |text: &str, anywhere| Pattern {
            text: text.into(),
            owner: 0,
            anywhere,
        };
        let ps = Patterns::new(
            vec![p("north/land-sale.", true), p("\"land-sale\"", false)],
            vec![p(&normalise("Riverside Land Disposal"), false)],
        )
        .unwrap();
        let mut f = Finder::new(&ps, |_, _| true);
        let mut t = Text::new(markup.as_bytes());
        // Fed a byte at a time: every boundary is a chunk boundary.
        for b in markup.as_bytes() {
            t.feed(std::slice::from_ref(b), &mut f).unwrap();
        }
        t.end(&mut f).unwrap();
        f.finish().is_some()
    }

    #[test]
    fn references_escapes_tags_and_attributes_are_decoded() {
        assert!(finds("<h1>Riverside&#32;Land&nbsp;<em>Dis</em>posal</h1>"));
        assert!(finds("<p>&#x52;iverside &#76;and Disposal</p>"));
        assert!(finds("<a title=\"Riverside Land &amp; Disposal\">x</a>"));
        assert!(finds("<a href='north&#x2F;land-sale.pdf'>x</a>"));
        assert!(finds("<div id=\"land-sale\">"));
        assert!(finds("{\"t\": \"Riverside\\u0020Land Disposal\"}"));
        assert!(finds("<!-- Riverside Land Disposal -->"));
        assert!(!finds("<p>Riverside</p><a title=\"Land Disposal\">"));
        assert!(!finds("<p>nothing &bogus; here &#xZZ; \\q</p>"));
    }

    #[test]
    fn utf16_with_a_bom_is_text_and_other_bytes_are_not() {
        let ps = Patterns::new(
            Vec::new(),
            vec![Pattern {
                text: normalise("Land Disposal"),
                owner: 0,
                anywhere: true,
            }],
        )
        .unwrap();
        let mut f = Finder::new(&ps, |_, _| true);
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend("Land Disposal".encode_utf16().flat_map(u16::to_be_bytes));
        let mut t = Text::new(&bytes);
        t.feed(&bytes, &mut f).unwrap();
        t.end(&mut f).unwrap();
        assert!(f.finish().is_some());
        let mut f = Finder::new(&ps, |_, _| true);
        let mut t = Text::new(b"\x89PNG");
        assert!(t.feed(b"\x89PNG\r\n\x1a\n\xff\xfe", &mut f).is_err());
    }
}
