//! Source files as read from disk: their project-relative name, their text,
//! and the mapping from byte offsets to 1-based line and column.

use std::path::PathBuf;

/// One source file's text and where it lives.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// Path relative to the project root, as shown in diagnostics.
    pub(crate) name: PathBuf,
    pub(crate) text: String,
    line_starts: Vec<usize>,
}

/// A 1-based line and column (column counted in characters).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub(crate) struct Pos {
    pub(crate) line: u32,
    pub(crate) col: u32,
}

impl Pos {
    pub(crate) fn new(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }
}

impl Source {
    /// Wraps already-decoded text. A leading BOM is dropped and CRLF becomes LF,
    /// so sources saved on Windows give byte-identical output.
    pub(crate) fn new(name: PathBuf, text: &str) -> Source {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n")
        } else {
            text.to_owned()
        };
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Source {
            name,
            text,
            line_starts,
        }
    }

    /// The position of a byte offset into `text`.
    pub(crate) fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..floor_char(&self.text, offset)]
            .chars()
            .count()
            + 1;
        Pos::new(line as u32 + 1, col as u32)
    }

    /// The text of 1-based line `line`, without its newline.
    pub(crate) fn line_text(&self, line: u32) -> Option<&str> {
        let i = (line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(i)?;
        let end = self
            .line_starts
            .get(i + 1)
            .map_or(self.text.len(), |e| e - 1);
        self.text.get(start..end)
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let s = Source::new("a".into(), "ab\n£c\n");
        assert_eq!(s.pos(0), Pos::new(1, 1));
        assert_eq!(s.pos(3), Pos::new(2, 1));
        assert_eq!(s.pos(5), Pos::new(2, 2));
        assert_eq!(s.line_text(2), Some("£c"));
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let s = Source::new("a".into(), "\u{feff}a\r\nb\r\n");
        assert_eq!(s.text, "a\nb\n");
    }
}
