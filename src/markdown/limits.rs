//! Limits on a body's structure, so that hostile Markdown is refused with a
//! diagnostic instead of exhausting the stack or the layout: how deeply
//! blocks and spans may nest (the tree builder, both renderers and `Drop`
//! recurse over the tree), how many cells one table may hold and how many
//! governance tables a body may place.

use pulldown_cmark::{Event, Tag};

/// Deepest nesting of quotes, lists, items and inline spans accepted.
/// Real papers nest a handful of levels; 10,000 `>` would overflow a stack.
pub(crate) const MAX_DEPTH: usize = 64;

/// Most cells one table may hold (a 200-row, 50-column table is 10,000).
pub(crate) const MAX_TABLE_CELLS: usize = 20_000;

/// Most governance tables one body or appendix may place (each is a whole
/// table of a trust's rows; a group of a dozen trusts needs a dozen).
pub(crate) const MAX_GOV_TABLES: usize = 50;

/// Most pages one document (a paper in one trust's copy) may have, as
/// many as one included PDF (`assemble::pack::import`): its `\newpage` breaks are
/// counted as the body is read, and its laid-out pages before it is written.
pub(crate) const MAX_PAGES: usize = 2_000;

/// Most pages one board pack may have (its cover, agenda and every item).
pub(crate) const MAX_PACK_PAGES: usize = 10_000;

/// Tracks nesting and table size across a body's events.
#[derive(Default)]
pub(crate) struct Limits {
    depth: usize,
    cells: usize,
}

impl Limits {
    /// Counts one event; `Some(message)` the first time a limit is passed.
    pub(crate) fn exceeded(&mut self, event: &Event<'_>) -> Option<String> {
        match event {
            Event::Start(tag) => {
                self.depth += 1;
                match tag {
                    Tag::Table(_) => self.cells = 0,
                    Tag::TableCell => self.cells += 1,
                    _ => {}
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        if self.depth > MAX_DEPTH {
            return Some(format!(
                "Markdown nested more than {MAX_DEPTH} levels deep (quotes, lists or emphasis inside each other)"
            ));
        }
        if self.cells > MAX_TABLE_CELLS {
            return Some(format!(
                "a table with more than {MAX_TABLE_CELLS} cells is too large for a board paper"
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn first_problem(text: &str) -> Option<String> {
        let mut limits = Limits::default();
        Parser::new_ext(text, Options::ENABLE_TABLES).find_map(|e| limits.exceeded(&e))
    }

    #[test]
    fn deep_quotes_and_lists_are_refused_shallow_ones_pass() {
        assert!(first_problem(&">".repeat(10_000)).is_some());
        assert!(first_problem(&format!("{}x", "- ".repeat(10_000))).is_some());
        assert!(first_problem(&format!("{}text", "> ".repeat(10))).is_none());
    }

    #[test]
    fn huge_tables_are_refused() {
        let mut t = String::from("|a|b|\n|-|-|\n");
        t.push_str(&"|1|2|\n".repeat(MAX_TABLE_CELLS / 2 + 1));
        assert!(first_problem(&t).is_some());
        assert!(first_problem("|a|b|\n|-|-|\n|1|2|\n").is_none());
    }
}
