//! A draft's watermark: "DRAFT" in large pale capitals across the middle
//! of every page, at 45°, drawn under everything else and marked as a
//! pagination artifact (`/Subtype /Watermark`), so it is never content in
//! the tagged PDF. A paper's layout adds it to its own pages (see
//! [`super::furniture`]); a pack adds it to its own cover and agenda pages
//! with [`add_watermark`] when the pack is a draft.

use super::item::{Item, Page, TextRun};
use super::tags::{Artifact, Tag};
use super::theme::Rgb;
use crate::pdf::fonts::{FontStyle, Fonts};

/// The watermark's words.
pub(crate) const WATERMARK: &str = "DRAFT";
/// Its size in points: about 60 % of an A4 page's diagonal.
const SIZE: f32 = 140.0;
/// Pale grey: visible on white, body text over it stays at full contrast.
const COLOUR: Rgb = Rgb(0xdd, 0xe1, 0xe4);
/// The angle from the page's x axis, anticlockwise.
pub(crate) const ANGLE_DEGREES: f32 = 45.0;
/// Capital height as a share of the size, to centre the word on the page.
const CAP_HEIGHT: f32 = 0.72;

/// Adds the watermark under everything else on each of `pages`.
pub(crate) fn add_watermark(pages: &mut [Page], fonts: &Fonts) {
    let runs = fonts.runs(FontStyle::Bold, SIZE, WATERMARK);
    let width: f32 = runs.iter().map(|r| r.width).sum();
    let (sin, cos) = ANGLE_DEGREES.to_radians().sin_cos();
    let tag = Tag::Artifact(Artifact::Watermark);
    for page in pages {
        // The word's middle at the page's centre; y grows downwards here,
        // so the baseline's start lies below and left of the centre.
        let (cx, cy) = (page.width / 2.0, page.height / 2.0);
        let half_cap = SIZE * CAP_HEIGHT / 2.0;
        let mut x = cx - width / 2.0 * cos + half_cap * sin;
        let mut y = cy + width / 2.0 * sin + half_cap * cos;
        let items: Vec<_> = runs
            .iter()
            .map(|r| {
                let run = TextRun {
                    x,
                    y,
                    font: r.font,
                    size: SIZE,
                    colour: COLOUR,
                    text: r.text.clone(),
                    width: r.width,
                };
                x += r.width * cos;
                y -= r.width * sin;
                Item::Watermark(run).tagged(tag)
            })
            .collect();
        page.items.splice(0..0, items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_gets_one_watermark_first_as_an_artifact_centred() {
        let fonts = Fonts::builtin();
        let page = |w: f32, h: f32| Page {
            width: w,
            height: h,
            ..Page::default()
        };
        let mut pages = vec![page(595.28, 841.89), page(841.89, 595.28)];
        add_watermark(&mut pages, &fonts);
        for p in &pages {
            let first = &p.items[0];
            assert_eq!(first.tag, Tag::Artifact(Artifact::Watermark));
            let Item::Watermark(run) = &first.item else {
                panic!("{:?}", first.item);
            };
            assert_eq!(run.text, WATERMARK);
            // The middle of the baseline, lifted by half the cap height
            // perpendicular to it, is the page's centre.
            let (sin, cos) = ANGLE_DEGREES.to_radians().sin_cos();
            let h = SIZE * CAP_HEIGHT / 2.0;
            let mx = run.x + run.width / 2.0 * cos - h * sin;
            let my = run.y - run.width / 2.0 * sin - h * cos;
            assert!((mx - p.width / 2.0).abs() < 0.01, "{mx}");
            assert!((my - p.height / 2.0).abs() < 0.01, "{my}");
        }
    }
}
