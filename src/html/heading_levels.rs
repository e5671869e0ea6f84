//! Heading levels that never skip: `h1` is the paper's title, and every other
//! heading is clamped to at most one level below the heading before it.

/// The running outline of one page.
#[derive(Debug)]
pub(crate) struct Outline {
    last: u8,
}

impl Outline {
    /// A page whose `h1` (the title) has been written.
    pub(crate) fn after_title() -> Outline {
        Outline { last: 1 }
    }

    /// The level to write for a heading that wants `wanted` (2..=6): never
    /// deeper than one below the previous heading, never `h1` again.
    pub(crate) fn level(&mut self, wanted: u8) -> u8 {
        let level = wanted.clamp(2, 6).min(self.last.saturating_add(1));
        self.last = level;
        level
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamps_skips_and_allows_going_back_up() {
        let mut o = Outline::after_title();
        assert_eq!(o.level(4), 2);
        assert_eq!(o.level(3), 3);
        assert_eq!(o.level(6), 4);
        assert_eq!(o.level(2), 2);
        assert_eq!(o.level(1), 2);
        assert_eq!(o.level(9), 3);
    }
}
