//! Breaking measured tokens into lines: greedy, left-aligned, ragged right.
//!
//! Lines break at spaces; spaces at the start and end of a line vanish. A
//! word wider than the line is broken between characters (at least one
//! character per line, so breaking always makes progress).

use std::borrow::Cow;

use super::measure::{Frag, Token};

/// A fragment placed at `x` (from the line's start).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    pub x: f32,
    pub frag: Frag,
}

/// One line of placed fragments.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Line {
    pub frags: Vec<Placed>,
    /// Width from the start to the end of the last fragment.
    pub width: f32,
}

impl Line {
    /// The largest font size on the line (0 for an empty line).
    pub(crate) fn max_size(&self) -> f32 {
        self.frags
            .iter()
            .map(|p| p.frag.style.size)
            .fold(0.0, f32::max)
    }

    fn push(&mut self, x: f32, frag: Frag) {
        self.width = x + frag.width();
        self.frags.push(Placed { x, frag });
    }
}

/// Breaks `tokens` into lines no wider than `width` (points).
pub(crate) fn break_lines(tokens: &[Token], width: f32) -> Vec<Line> {
    lines_of(tokens.iter().map(Cow::Borrowed), width)
}

/// [`break_lines`] for tokens no longer needed: their words move into the
/// lines rather than being copied (a copy per word was most of breaking).
pub(crate) fn break_owned(tokens: Vec<Token>, width: f32) -> Vec<Line> {
    lines_of(tokens.into_iter().map(Cow::Owned), width)
}

fn lines_of<'t>(tokens: impl Iterator<Item = Cow<'t, Token>>, width: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    let mut space: Option<f32> = None;
    for token in tokens {
        match &*token {
            Token::Space(w) => {
                if !line.frags.is_empty() {
                    space = Some(*w);
                }
            }
            Token::Break => {
                lines.push(std::mem::take(&mut line));
                space = None;
            }
            Token::Word(frags) => {
                let word_w: f32 = frags.iter().map(Frag::width).sum();
                let gap = space.take().unwrap_or(0.0);
                if !line.frags.is_empty() && line.width + gap + word_w > width + 0.01 {
                    lines.push(std::mem::take(&mut line));
                }
                let start = if line.frags.is_empty() {
                    0.0
                } else {
                    line.width + gap
                };
                if word_w <= width + 0.01 || !line.frags.is_empty() {
                    place_word(&mut line, start, token);
                } else {
                    break_word(&mut lines, &mut line, frags, width);
                }
            }
        }
    }
    if !line.frags.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Places the fragments of `word` (a [`Token::Word`]) from `x`: moved when
/// the token is owned, else copied.
fn place_word(line: &mut Line, mut x: f32, word: Cow<Token>) {
    let frags = match word {
        Cow::Owned(Token::Word(frags)) => frags,
        Cow::Borrowed(Token::Word(frags)) => frags.clone(),
        _ => return,
    };
    for f in frags {
        let w = f.width();
        line.push(x, f);
        x += w;
    }
}

/// Sets an over-long word character by character, starting new lines as
/// each fills up. `line` is empty on entry and holds the word's tail after.
///
/// Linear in the word: each character's advance is added once to a running
/// width, and each line's piece is cut from the fragment by byte range (no
/// fragment is copied whole per line).
fn break_word(lines: &mut Vec<Line>, line: &mut Line, frags: &[Frag], width: f32) {
    let mut x = 0.0;
    for f in frags {
        // The current piece: bytes `from..` and advances `adv_from..` of `f`.
        let (mut from, mut adv_from, mut piece_x) = (0, 0, x);
        for (i, (byte, _)) in f.text.char_indices().enumerate() {
            let Some(&adv) = f.advances.get(i) else { break };
            let line_empty = line.frags.is_empty() && byte == from;
            if x + adv > width + 0.01 && !line_empty {
                if byte > from {
                    line.push(piece_x, piece_of(f, from..byte, adv_from..i));
                }
                lines.push(std::mem::take(line));
                (from, adv_from, x, piece_x) = (byte, i, 0.0, 0.0);
            }
            x += adv;
        }
        if from < f.text.len() {
            let n = f.advances.len().max(adv_from);
            line.push(piece_x, piece_of(f, from..f.text.len(), adv_from..n));
        }
    }
}

/// The part of `f` whose text is `bytes` and whose advances are `advs`.
fn piece_of(f: &Frag, bytes: std::ops::Range<usize>, advs: std::ops::Range<usize>) -> Frag {
    Frag {
        text: f.text.get(bytes).unwrap_or_default().to_owned(),
        advances: f.advances.get(advs).unwrap_or_default().to_vec(),
        style: f.style.clone(),
        space: f.space,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Inline, Origin};
    use crate::pdf::fonts::{FontStyle, Fonts};
    use crate::pdf::layout::measure::{Measurer, RunStyle};
    use crate::pdf::layout::theme::TEXT;

    fn lines_of(inlines: &[Inline], width: f32) -> Vec<Line> {
        let fonts = Fonts::builtin();
        let origin = Origin::default();
        let mut missing = Vec::new();
        let base = RunStyle::plain(FontStyle::Regular, 12.0, TEXT);
        let tokens = Measurer::new(&fonts, &origin, &mut missing, TEXT).inlines(inlines, &base);
        break_lines(&tokens, width)
    }

    fn text_of(line: &Line) -> String {
        let mut out = String::new();
        let mut end = 0.0;
        for p in &line.frags {
            if p.x > end + 0.01 {
                out.push(' ');
            }
            out.push_str(&p.frag.text);
            end = p.x + p.frag.width();
        }
        out
    }

    const PROSE: &str = "The Alliance Board in October 2023 reviewed and agreed a draft \
        vision, values, purpose and strategic objectives to present to provider Boards.";

    #[test]
    fn width_is_respected_and_words_kept_whole() {
        let lines = lines_of(&[Inline::Text(PROSE.into())], 200.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(
                line.width <= 200.01,
                "{} is {} wide",
                text_of(line),
                line.width
            );
        }
        let joined: Vec<String> = lines.iter().map(text_of).collect();
        assert_eq!(joined.join(" "), PROSE);
    }

    #[test]
    fn lines_never_start_or_end_with_a_space() {
        let lines = lines_of(&[Inline::Text(format!("   {PROSE}   "))], 150.0);
        for line in &lines {
            let first = &line.frags[0];
            assert_eq!(first.x, 0.0);
            assert!(!first.frag.text.starts_with(' '));
            assert!(!line.frags.iter().any(|p| p.frag.text.ends_with(' ')));
        }
    }

    #[test]
    fn long_words_are_broken_not_overflowing() {
        let url = "https://www.england.nhs.uk/long-term-plan/mental-health/adults/";
        let lines = lines_of(&[Inline::Text(format!("See {url} now"))], 120.0);
        assert!(lines.len() >= 3);
        for line in &lines {
            assert!(line.width <= 120.01, "{} overflows", text_of(line));
        }
        let all: String = lines.iter().map(text_of).collect::<Vec<_>>().join("");
        assert!(all.contains("nhs.uk"));
    }

    #[test]
    fn mixed_styles_share_a_line_at_their_own_widths() {
        let lines = lines_of(
            &[
                Inline::Text("Note the ".into()),
                Inline::Strong(vec![Inline::Text("funded".into())]),
                Inline::Text(" and ".into()),
                Inline::Emph(vec![Inline::Text("new".into())]),
                Inline::Text(" programmes.".into()),
            ],
            400.0,
        );
        assert_eq!(lines.len(), 1);
        let fonts: Vec<FontStyle> = lines[0].frags.iter().map(|p| p.frag.style.font).collect();
        assert!(fonts.contains(&FontStyle::Bold) && fonts.contains(&FontStyle::Italic));
        for pair in lines[0].frags.windows(2) {
            assert!(pair[1].x >= pair[0].x + pair[0].frag.width() - 0.01);
        }
    }

    #[test]
    fn hard_breaks_start_new_lines() {
        let lines = lines_of(
            &[
                Inline::Text("one".into()),
                Inline::Break,
                Inline::Text("two".into()),
            ],
            400.0,
        );
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn a_five_megabyte_word_breaks_in_linear_time_and_loses_nothing() {
        let word = "m".repeat(5 * 1024 * 1024);
        let lines = lines_of(&[Inline::Text(word.clone())], 400.0);
        assert!(lines.len() > 1000, "{} lines", lines.len());
        let mut total = 0;
        for line in &lines {
            assert!(line.width <= 400.01, "a line is {} wide", line.width);
            for p in &line.frags {
                assert_eq!(p.frag.text.chars().count(), p.frag.advances.len());
                total += p.frag.text.len();
            }
        }
        assert_eq!(total, word.len());
    }

    #[test]
    fn an_over_long_word_of_several_styles_and_wide_chars_keeps_every_char() {
        let inlines = [
            Inline::Text("é".repeat(300)),
            Inline::Strong(vec![Inline::Text("£✓".repeat(200))]),
        ];
        let lines = lines_of(&inlines, 90.0);
        let all: String = lines
            .iter()
            .flat_map(|l| &l.frags)
            .map(|p| p.frag.text.as_str())
            .collect();
        assert_eq!(all, format!("{}{}", "é".repeat(300), "£✓".repeat(200)));
        for line in &lines {
            assert!(line.width <= 90.01, "{} overflows", text_of(line));
        }
    }

    #[test]
    fn empty_input_gives_one_empty_line() {
        assert_eq!(break_lines(&[], 100.0).len(), 1);
    }
}
