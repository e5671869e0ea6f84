//! Stage 4, markdown: a variant's rendered body → document tree.
//!
//! pulldown-cmark's offset iterator gives each event its byte range; with the
//! line map from [`lines`] every block gets the source line it was written on,
//! and every problem (raw HTML, unsafe link, image without alt text) is
//! reported there. Building the tree is split by concern: [`tree`] folds events
//! into blocks, [`lint`] says what is refused.

mod imagesize;
pub(crate) mod limits;
pub(crate) mod lines;
pub(crate) mod lint;
mod tree;

use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::doc::{Block, Callout, Inline};
use crate::source::{Pos, Source};

pub(crate) use tree::{Footnotes, Numbering};

/// Marks where `recommendation("id")` placed a callout in rendered text.
pub(crate) const REC_OPEN: char = '\u{E002}';
pub(crate) const REC_CLOSE: char = '\u{E003}';

/// What one body (or appendix) is converted with.
pub(crate) struct Input<'a> {
    /// The rendered Markdown, markers removed.
    pub(crate) text: &'a str,
    /// Byte offsets where each line of `text` starts ([`line_starts`]).
    pub(crate) line_starts: &'a [usize],
    /// Source line of each line of `text`.
    pub(crate) line_map: &'a [u32],
    pub(crate) source: &'a Source,
    /// A folder paper's folder (images resolve inside it).
    pub(crate) folder: Option<&'a Path>,
    /// Status colours: cell text → shade.
    pub(crate) status: &'a [(String, String)],
    /// The callout for a recommendation id.
    pub(crate) callout: &'a dyn Fn(&str) -> Option<Callout>,
}

impl Input<'_> {
    /// The source position of byte `offset` of `text` (a binary search, so
    /// a body of 300,000 paragraphs is not scanned once per paragraph).
    pub(crate) fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line_idx = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let line_start = self
            .line_starts
            .get(line_idx)
            .copied()
            .unwrap_or(0)
            .min(offset);
        let col = self
            .text
            .get(line_start..offset)
            .map_or(0, |t| t.chars().count()) as u32
            + 1;
        let line = self
            .line_map
            .get(line_idx)
            .copied()
            .unwrap_or_else(|| self.line_map.last().copied().unwrap_or(1));
        Pos::new(line, col)
    }

    pub(crate) fn diag(&self, code: Code, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(code, self.source, self.pos(offset), message)
    }
}

/// Byte offsets where each line of `text` starts.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Converts one body to blocks, reporting problems into `diags`.
pub(crate) fn parse(
    input: &Input<'_>,
    numbering: &mut Numbering,
    notes: &mut Footnotes,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    tree::build(input, numbering, notes, diags)
}

/// Splits text on recommendation markers: plain text and callout ids.
pub(crate) fn split_markers(text: &str) -> Vec<Result<&str, &str>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(REC_OPEN) {
        if start > 0 {
            out.push(Ok(&rest[..start]));
        }
        let after = &rest[start + REC_OPEN.len_utf8()..];
        let end = after.find(REC_CLOSE).unwrap_or(after.len());
        out.push(Err(&after[..end]));
        rest = after.get(end + REC_CLOSE.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push(Ok(rest));
    }
    out
}

/// The callout a paragraph stands for, when it holds only a marker.
pub(crate) fn lone_callout(inlines: &[Inline], input: &Input<'_>) -> Option<Callout> {
    let [Inline::Text(t)] = inlines else {
        return None;
    };
    match split_markers(t.trim()).as_slice() {
        [Err(id)] => (input.callout)(id),
        _ => None,
    }
}
