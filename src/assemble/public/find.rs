//! The search for a confidential paper's names in decoded text, streamed:
//! text arrives in pieces on two channels (a file's text, and its markup's
//! attribute values and other tag content), each searched for two kinds of
//! pattern in one pass:
//!
//! - literal patterns (paths and file names that name the paper, its id
//!   in quotes, its title as written), in the text as decoded;
//! - the paper's title normalised (lower case, letters and digits only),
//!   in the text normalised the same way, so a title split across lines,
//!   kerned into pieces, set with other spaces, dashes or quotes, or in
//!   another case is found too.
//!
//! A break (`brk`) ends a run of text: no pattern matches across it (two
//! unrelated strings of a PDF, two attribute values). Each buffer is
//! searched when it passes 64 kB and cut to the longest pattern's length,
//! so memory does not grow with the file.

use aho_corasick::AhoCorasick;

/// Bytes of text gathered before a search.
const CHUNK: usize = 64 * 1024;
/// The break between runs (no pattern contains it).
const BREAK: char = '\0';

/// One pattern: its text, the secret it names, and whether it counts in
/// every folder (a path) or only where the secret is secret.
pub(super) struct Pattern {
    pub text: String,
    pub owner: usize,
    pub anywhere: bool,
}

/// Both kinds of pattern, compiled.
pub(super) struct Patterns {
    literal: (AhoCorasick, Vec<Pattern>),
    normal: (AhoCorasick, Vec<Pattern>),
    longest: usize,
}

/// `s` normalised: lower case, letters and digits only.
pub(super) fn normalise(s: &str) -> String {
    let mut out = String::new();
    push_normal(&mut out, s);
    out
}

fn push_normal(out: &mut String, s: &str) {
    for c in s.chars() {
        if c == BREAK {
            out.push(BREAK);
            continue;
        }
        out.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
    }
}

impl Patterns {
    /// `None` when there is nothing to look for.
    pub(super) fn new(literal: Vec<Pattern>, normal: Vec<Pattern>) -> Option<Patterns> {
        let normal: Vec<Pattern> = normal.into_iter().filter(|p| !p.text.is_empty()).collect();
        if literal.is_empty() && normal.is_empty() {
            return None;
        }
        let longest = literal
            .iter()
            .chain(&normal)
            .map(|p| p.text.len())
            .max()
            .unwrap_or(1);
        let build = |ps: &[Pattern]| AhoCorasick::new(ps.iter().map(|p| p.text.as_bytes())).ok();
        Some(Patterns {
            literal: (build(&literal)?, literal),
            normal: (build(&normal)?, normal),
            longest,
        })
    }
}

/// The search in one file: `counts(owner, anywhere)` says whether a
/// secret's pattern counts in this file.
pub(super) struct Finder<'p> {
    patterns: &'p Patterns,
    counts: Box<dyn Fn(usize, bool) -> bool + 'p>,
    /// Per channel: text as decoded, and normalised.
    buffers: [(String, String); 2],
    hit: Option<(usize, String)>,
}

/// The channels: a file's text, and its markup.
pub(super) const TEXT: usize = 0;
pub(super) const MARKUP: usize = 1;

impl<'p> Finder<'p> {
    pub(super) fn new(patterns: &'p Patterns, counts: impl Fn(usize, bool) -> bool + 'p) -> Self {
        Finder {
            patterns,
            counts: Box::new(counts),
            buffers: Default::default(),
            hit: None,
        }
    }

    pub(super) fn push(&mut self, channel: usize, s: &str) {
        if self.hit.is_some() {
            return;
        }
        let (lit, norm) = &mut self.buffers[channel];
        lit.push_str(s);
        push_normal(norm, s);
        if lit.len() > CHUNK || norm.len() > CHUNK {
            self.search(channel);
        }
    }

    pub(super) fn push_char(&mut self, channel: usize, c: char) {
        let mut b = [0; 4];
        self.push(channel, c.encode_utf8(&mut b));
    }

    pub(super) fn brk(&mut self, channel: usize) {
        let (lit, norm) = &mut self.buffers[channel];
        if !lit.ends_with(BREAK) {
            lit.push(BREAK);
            norm.push(BREAK);
        }
    }

    /// Searches what is left; the hit, if any.
    pub(super) fn finish(&mut self) -> Option<&(usize, String)> {
        self.search(TEXT);
        self.search(MARKUP);
        self.hit.as_ref()
    }

    fn search(&mut self, channel: usize) {
        let keep = self.patterns.longest;
        let (lit, norm) = &mut self.buffers[channel];
        for (buf, (automaton, list)) in [
            (&mut *lit, &self.patterns.literal),
            (&mut *norm, &self.patterns.normal),
        ] {
            if self.hit.is_none() {
                let found = automaton
                    .find_overlapping_iter(buf.as_bytes())
                    .map(|m| &list[m.pattern().as_usize()])
                    .find(|p| (self.counts)(p.owner, p.anywhere));
                self.hit = found.map(|p| (p.owner, p.text.clone()));
            }
            tail(buf, keep);
        }
    }
}

/// Cuts `buf` to its last `keep` bytes (at a character boundary).
fn tail(buf: &mut String, keep: usize) {
    if buf.len() <= keep {
        return;
    }
    let mut at = buf.len() - keep;
    while !buf.is_char_boundary(at) {
        at -= 1;
    }
    buf.drain(..at);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns() -> Patterns {
        let p = |text: &str, anywhere| Pattern {
            text: text.into(),
            owner: 0,
            anywhere,
        };
        Patterns::new(
            vec![p("north/land-sale.", true)],
            vec![p(&normalise("Riverside Land – Disposal"), false)],
        )
        .unwrap()
    }

    #[test]
    fn titles_match_across_pieces_case_and_punctuation_but_not_breaks() {
        let ps = patterns();
        let mut f = Finder::new(&ps, |_, _| true);
        f.push(TEXT, "RIVERSIDE ");
        f.push(TEXT, "land-");
        f.push(TEXT, "disposal!");
        assert!(f.finish().is_some());
        let mut f = Finder::new(&ps, |_, _| true);
        f.push(TEXT, "Riverside Land");
        f.brk(TEXT);
        f.push(TEXT, "Disposal");
        assert!(f.finish().is_none());
    }

    #[test]
    fn a_match_across_a_chunk_boundary_is_found() {
        let ps = patterns();
        let mut f = Finder::new(&ps, |_, _| true);
        f.push(TEXT, &"x".repeat(CHUNK - 5));
        f.push(TEXT, "Riverside Land ");
        f.push(TEXT, &"y".repeat(CHUNK));
        f.push(TEXT, "Disposal");
        assert!(f.finish().is_none(), "the y run separates them");
        let mut f = Finder::new(&ps, |_, _| true);
        f.push(TEXT, &"x".repeat(CHUNK - 5));
        f.push(TEXT, "Riverside Land Disposal");
        assert!(f.finish().is_some());
    }

    #[test]
    fn patterns_count_only_where_they_should() {
        let ps = patterns();
        let mut f = Finder::new(&ps, |_, anywhere| anywhere);
        f.push(MARKUP, "Riverside Land Disposal");
        assert!(f.finish().is_none());
        let mut f = Finder::new(&ps, |_, anywhere| anywhere);
        f.push(MARKUP, "href=north/land-sale.pdf");
        assert!(f.finish().is_some());
    }
}
