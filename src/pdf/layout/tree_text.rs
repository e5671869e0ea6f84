//! The text of a laid-out paper's structure tree: each element's own text,
//! read from the pages' tagged runs, and the tree as indented text (role,
//! attributes, text) for golden tests. Apart from [`super::tags`] so the
//! tags know nothing of the items that carry them.

use std::fmt::Write;

use super::item::{Item, Page};
use super::tags::{StructTree, Tag};

impl StructTree {
    /// The text of each element's own items, in page order: runs that
    /// touch on one line are joined, others parted by a space.
    pub(crate) fn texts(&self, pages: &[Page]) -> Vec<String> {
        let mut out = vec![String::new(); self.len()];
        // Where each element's last run ended: (page, baseline, right edge).
        let mut ends: Vec<Option<(usize, f32, f32)>> = vec![None; self.len()];
        for (n, page) in pages.iter().enumerate() {
            for placed in &page.items {
                let (Tag::Struct(id), Item::Text(t)) = (placed.tag, &placed.item) else {
                    continue;
                };
                let (Some(text), Some(end)) = (out.get_mut(id.0), ends.get_mut(id.0)) else {
                    continue;
                };
                let touches = end.is_some_and(|(p, y, x)| {
                    p == n && (y - t.y).abs() < 0.01 && (x - t.x).abs() < 0.01
                });
                if end.is_some() && !touches {
                    text.push(' ');
                }
                text.push_str(&t.text);
                *end = Some((n, t.y, t.x + t.width));
            }
        }
        out
    }

    /// The tree as indented text: one line per element with its role, its
    /// attributes and the text of its own items.
    pub(crate) fn dump(&self, pages: &[Page]) -> String {
        let texts = self.texts(pages);
        let mut depth = vec![0usize; self.len()];
        // Every element of a well-formed tree comes after its parent, so the
        // parent's depth is known when the child is reached.
        let mut out = String::new();
        for id in self.reading_order() {
            let Some(node) = self.get(id) else { continue };
            let d = node
                .parent()
                .and_then(|p| depth.get(p.0))
                .map_or(0, |d| d + 1);
            if let Some(slot) = depth.get_mut(id.0) {
                *slot = d;
            }
            let _ = write!(out, "{}{}", "  ".repeat(d), node.role.name());
            if let Some(scope) = node.scope {
                let _ = write!(out, " scope={scope:?}");
            }
            if let Some(alt) = &node.alt {
                let _ = write!(out, " alt={alt:?}");
            }
            if let Some(lang) = &node.lang {
                let _ = write!(out, " lang={lang}");
            }
            let text = texts.get(id.0).map_or("", String::as_str);
            if !text.is_empty() {
                let _ = write!(out, " {text:?}");
            }
            out.push('\n');
        }
        out
    }
}
