//! The markdown stage (see the table in lib.rs): a variant's rendered body → document tree.
//!
//! pulldown-cmark's offset iterator gives each event its byte range; with the
//! line map from [`lines`] every block gets the source line it was written on,
//! and every problem (raw HTML, unsafe link, image without alt text) is
//! reported there. Building the tree is split by concern: [`tree`] folds events
//! into blocks, [`lint`] says what is refused.

mod caption;
pub(crate) mod limits;
pub(crate) mod lines;
pub(crate) mod lint;
mod tree;

use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::document::{Block, Callout, GovTable, Inline};
use crate::project::images::ImageStore;
use crate::source::{Pos, Source};

pub(crate) use tree::{Footnotes, Numbering};

/// Marks where `recommendation("id")` placed a callout in rendered text.
pub(crate) const REC_OPEN: char = '\u{E002}';
pub(crate) const REC_CLOSE: char = '\u{E003}';
/// Marks where `governance_table("id")` placed a trust's governance table.
pub(crate) const GOV_OPEN: char = '\u{E004}';
pub(crate) const GOV_CLOSE: char = '\u{E005}';
/// Parts the trust id from its heading (hex-encoded) inside the marker.
pub(crate) const GOV_SEP: char = '\u{E006}';

/// A governance table a marker asks for: the trust id and its heading,
/// when the call gave one.
pub(crate) type GovCall = (String, Option<String>);

/// "lpt" or "lpt\u{E006}<hex>" back to the id and heading.
fn gov_call(inner: &str) -> GovCall {
    match inner.split_once(GOV_SEP) {
        Some((id, hex)) => {
            let bytes: Vec<u8> = (0..hex.len() / 2)
                .filter_map(|i| hex.get(2 * i..2 * i + 2))
                .filter_map(|b| u8::from_str_radix(b, 16).ok())
                .collect();
            (
                id.to_owned(),
                Some(String::from_utf8_lossy(&bytes).into_owned()),
            )
        }
        None => (inner.to_owned(), None),
    }
}

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
    /// A receiving trust's governance table, by trust id.
    pub(crate) governance: &'a dyn Fn(&str) -> Option<GovTable>,
    /// The build's images, each read and checked once.
    pub(crate) images: &'a ImageStore,
}

impl Input<'_> {
    /// The index of the line of `text` holding byte `offset` (a binary
    /// search, so a body of 300,000 paragraphs is not scanned once per
    /// paragraph) and the byte where that line starts.
    pub(crate) fn line_of(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let idx = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(idx).copied().unwrap_or(0).min(offset);
        (idx, start)
    }

    /// The source line of byte `offset` of `text`.
    pub(crate) fn line(&self, offset: usize) -> u32 {
        self.source_line(self.line_of(offset).0)
    }

    /// The source line of line `idx` of `text`.
    fn source_line(&self, idx: usize) -> u32 {
        self.line_map
            .get(idx)
            .copied()
            .unwrap_or_else(|| self.line_map.last().copied().unwrap_or(1))
    }

    /// The source position of byte `offset` of `text`. The column is
    /// mapped back through the template pass where `{{ }}` changed the
    /// line (see [`source_column`]).
    pub(crate) fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let (idx, start) = self.line_of(offset);
        let line = self.source_line(idx);
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |n| start + n);
        let rendered = self.text.get(start..end).unwrap_or_default();
        let rendered = rendered.trim_end_matches('\r');
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |t| t.chars().count());
        let col = match self
            .source
            .line_text(line)
            .map(|l| l.trim_end_matches('\r'))
        {
            Some(src) if src != rendered && idx < self.line_map.len() => {
                source_column(src, rendered, col)
            }
            _ => col,
        };
        Pos::new(line, col as u32 + 1)
    }

    pub(crate) fn diag(&self, code: Code, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(code, self.source, self.pos(offset), message)
    }

    /// [`Input::diag`] covering `range` (up to the end of its first line).
    pub(crate) fn diag_range(
        &self,
        code: Code,
        range: std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let first_line_end = self.text[range.start.min(self.text.len())..]
            .find('\n')
            .map_or(self.text.len(), |n| range.start + n);
        let end = self.pos(range.end.min(first_line_end).max(range.start));
        self.diag(code, range.start, message).with_end(end)
    }
}

/// The column (0-based, in characters) in `source` of column `col` of
/// `rendered`, the same line after the template pass. Text before the first
/// change and after the last keeps its place (counted from the line's end);
/// a column inside what the template wrote maps to where its tag starts.
fn source_column(source: &str, rendered: &str, col: usize) -> usize {
    let (s, r): (Vec<char>, Vec<char>) = (source.chars().collect(), rendered.chars().collect());
    let prefix = s.iter().zip(&r).take_while(|(a, b)| a == b).count();
    if col < prefix {
        return col;
    }
    let suffix = s
        .iter()
        .rev()
        .zip(r.iter().rev())
        .take_while(|(a, b)| a == b)
        .count()
        .min(s.len() - prefix)
        .min(r.len() - prefix);
    if col >= r.len() - suffix {
        return (s.len() + col).saturating_sub(r.len());
    }
    prefix
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

/// Takes every governance-table marker out of `inlines` (and the spans
/// inside them): the calls in order. Text left empty is dropped.
pub(crate) fn take_gov_markers(inlines: &mut Vec<Inline>) -> Vec<GovCall> {
    let mut ids = Vec::new();
    for inline in inlines.iter_mut() {
        match inline {
            Inline::Text(t) if t.contains(GOV_OPEN) => {
                let mut kept = String::new();
                let mut rest = t.as_str();
                while let Some(start) = rest.find(GOV_OPEN) {
                    kept.push_str(&rest[..start]);
                    let after = &rest[start + GOV_OPEN.len_utf8()..];
                    let end = after.find(GOV_CLOSE).unwrap_or(after.len());
                    ids.push(gov_call(&after[..end]));
                    rest = after.get(end + GOV_CLOSE.len_utf8()..).unwrap_or("");
                }
                kept.push_str(rest);
                *t = kept;
            }
            Inline::Strong(c) | Inline::Emph(c) | Inline::Strike(c) => {
                ids.extend(take_gov_markers(c))
            }
            Inline::Link { content, .. } => ids.extend(take_gov_markers(content)),
            _ => {}
        }
    }
    if !ids.is_empty() {
        inlines.retain(|i| !matches!(i, Inline::Text(t) if t.trim().is_empty()));
        if let Some(Inline::Text(last)) = inlines.last_mut() {
            last.truncate(last.trim_end().len());
        }
    }
    ids
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

#[cfg(test)]
mod gov_marker_tests {
    use super::*;

    #[test]
    fn markers_come_out_with_their_headings_and_the_text_stays() {
        let mut inlines = vec![
            Inline::Text(format!("Before {GOV_OPEN}lpt{GOV_CLOSE} ")),
            Inline::Strong(vec![Inline::Text(format!(
                "{GOV_OPEN}nhft{GOV_SEP}4e2a20c3a9{GOV_CLOSE}"
            ))]),
        ];
        let calls = take_gov_markers(&mut inlines);
        assert_eq!(
            calls,
            [
                ("lpt".to_owned(), None),
                ("nhft".to_owned(), Some("N* é".to_owned()))
            ]
        );
        assert_eq!(
            inlines,
            [Inline::Text("Before  ".into()), Inline::Strong(vec![])]
        );
        // Broken hex is dropped, not a panic.
        assert_eq!(gov_call(&format!("x{GOV_SEP}4zé")).0, "x");
    }
}

#[cfg(test)]
mod column_tests {
    use super::source_column;

    #[test]
    fn columns_map_back_through_the_template_pass() {
        let src = "Hi {{ trust.short }}, <b>x</b> {{ trust.id }}.";
        let out = "Hi LPT, <b>x</b> lpt.";
        // Before the first expression: unchanged.
        assert_eq!(source_column(src, out, 1), 1);
        // Inside what `{{ trust.short }}` wrote: where the tag starts.
        assert_eq!(source_column(src, out, 4), 3);
        // After the last expression, counted from the end: the final dot.
        assert_eq!(source_column(src, out, out.len() - 1), src.len() - 1);
        // Same text: same column.
        assert_eq!(source_column("abc", "abc", 2), 2);
    }
}
