//! Running header (trust short name and paper title over a rule) and footer
//! (who issues the paper, "Page N of M"), added once the page count is known, placed by each
//! page's own size; a draft's watermark under them ([`super::watermark`]).
//! Every item is an artifact. Furniture goes on an overlay ([`overlay`]),
//! never into the laid-out pages: the writer draws each page's overlay
//! and then its content, which every output showing the page shares (see
//! `pdf::write::Sheet`). A board pack furnishes its overlays itself
//! ([`furnish`]): the item's label for the title and the pack's page
//! numbers, and stamps pages imported from other PDFs ([`stamp`]).

use super::item::{DocId, Item, Page, Tagged, TextRun};
use super::tags::{Artifact, Tag};
use super::theme::{
    Rgb, BORDER, FOOTER_RISE, FURNITURE_SIZE, HEADER_BASELINE, HEADER_RULE, MARGIN_X, MUTED, TEXT,
};
use crate::document::Meta;
use crate::pdf::fonts::{FontStyle, Fonts};

/// An empty page of `page`'s size as document `doc`: the overlay the
/// furniture of `page` goes on, for one output.
pub(crate) fn overlay(page: &Page, doc: DocId) -> Page {
    Page {
        width: page.width,
        height: page.height,
        doc,
        items: Vec::new(),
    }
}

/// Adds header and footer to every page of one paper (its overlays).
pub(crate) fn add_furniture(pages: &mut [Page], meta: &Meta, fonts: &Fonts) {
    let total = pages.len();
    let left = running_left(meta);
    let running = Running {
        left: &left,
        title: &meta.title,
        issuer: &meta.issuer,
    };
    furnish(pages, &running, fonts, |i| {
        format!("Page {} of {}", i + 1, total)
    });
    if meta.draft {
        super::watermark::add_watermark(pages, fonts);
    }
}

/// The header's left: the trust's short name and any marking
/// ("LPT – Confidential – Part II").
pub(crate) fn running_left(meta: &Meta) -> String {
    match &meta.marking {
        Some(m) => format!("{} \u{2013} {m}", meta.trust_short),
        None => meta.trust_short.clone(),
    }
}

/// What the running header and footer of a run of pages say: the left of
/// the header (trust and marking), its right (a title, cut to fit) and the
/// footer's left (the issuer); `number` gives the footer's right for the
/// run's n-th page.
pub(crate) struct Running<'a> {
    pub left: &'a str,
    pub title: &'a str,
    pub issuer: &'a str,
}

/// Adds `running` header and footer to every page of `pages`, the page
/// number of page `i` (0-based in `pages`) from `number`.
pub(crate) fn furnish(
    pages: &mut [Page],
    running: &Running,
    fonts: &Fonts,
    number: impl Fn(usize) -> String,
) {
    let left = running.left;
    let left_w = fonts.width(FontStyle::Bold, FURNITURE_SIZE, left);
    let header = Tag::Artifact(Artifact::Header);
    let footer_tag = Tag::Artifact(Artifact::Footer);
    // The title fitted to the room a page width leaves, fitted again only
    // when the width changes (a landscape page): fitting reads the whole
    // title, which may be long.
    let mut fitted: Option<(f32, String, f32)> = None;
    // The issuer likewise, by the room the page number leaves, on two
    // lines when one cannot hold it.
    let mut issuer: Option<(f32, Vec<String>)> = None;
    for (i, page) in pages.iter_mut().enumerate() {
        let right_edge = page.width - MARGIN_X;
        let footer_baseline = page.height - FOOTER_RISE;
        let title_room = right_edge - MARGIN_X - left_w - 24.0;
        if fitted
            .as_ref()
            .is_none_or(|(room, _, _)| *room != title_room)
        {
            let title = fit(fonts, running.title, title_room);
            let title_w = fonts.width(FontStyle::Regular, FURNITURE_SIZE, &title);
            fitted = Some((title_room, title, title_w));
        }
        let Some((_, title, title_w)) = &fitted else {
            continue;
        };
        let (title, title_w) = (title.clone(), *title_w);
        let footer = number(i);
        let footer_w = fonts.width(FontStyle::Regular, FURNITURE_SIZE, &footer);
        let issuer_room = (right_edge - footer_w - MARGIN_X - 24.0).min(300.0);
        if issuer.as_ref().is_none_or(|(room, _)| *room != issuer_room) {
            issuer = Some((issuer_room, two_lines(fonts, running.issuer, issuer_room)));
        }
        let alliance: &[String] = issuer.as_ref().map_or(&[], |(_, s)| s.as_slice());
        let bold = (FontStyle::Bold, TEXT);
        let plain = (FontStyle::Regular, MUTED);
        let mut furniture = runs(fonts, (MARGIN_X, HEADER_BASELINE), bold, left, header);
        let title_at = (right_edge - title_w, HEADER_BASELINE);
        furniture.extend(runs(fonts, title_at, plain, &title, header));
        let rule = Item::Rule {
            x1: MARGIN_X,
            y1: HEADER_RULE,
            x2: right_edge,
            y2: HEADER_RULE,
            width: 0.5,
            colour: BORDER,
        };
        furniture.push(rule.tagged(header));
        let number_at = (right_edge - footer_w, footer_baseline);
        let number = Tag::Artifact(Artifact::PageNumber);
        furniture.extend(runs(fonts, number_at, plain, &footer, number));
        let first = footer_baseline - ISSUER_LEADING / 2.0 * (alliance.len() as f32 - 1.0);
        for (k, line) in alliance.iter().enumerate() {
            let at = (MARGIN_X, first + ISSUER_LEADING * k as f32);
            furniture.extend(runs(fonts, at, plain, line, footer_tag));
        }
        page.items.splice(0..0, furniture);
    }
}

/// How far above a page's bottom edge a stamp's baseline sits: below any
/// footer a paper of another maker is likely to have.
const STAMP_RISE: f32 = 12.0;

/// Stamps each of `pages` (pages imported from another PDF, with furniture
/// of their own) with one short line at the right of its bottom edge, the
/// line for page `i` from `line`, as a pagination artifact.
pub(crate) fn stamp(pages: &mut [Page], fonts: &Fonts, line: impl Fn(usize) -> String) {
    for (i, page) in pages.iter_mut().enumerate() {
        let text = fit(fonts, &line(i), page.width - 2.0 * MARGIN_X);
        let w = fonts.width(FontStyle::Regular, FURNITURE_SIZE, &text);
        let at = (page.width - MARGIN_X - w, page.height - STAMP_RISE);
        let tag = Tag::Artifact(Artifact::PageNumber);
        let items = runs(fonts, at, (FontStyle::Regular, MUTED), &text, tag);
        page.items.splice(0..0, items);
    }
}

/// `text` from `(x, y)` as text runs in a face and colour, one per face
/// (the fallback face sets what the body face lacks), tagged `tag`.
fn runs(
    fonts: &Fonts,
    (x, y): (f32, f32),
    (font, colour): (FontStyle, Rgb),
    text: &str,
    tag: Tag,
) -> Vec<Tagged> {
    let mut x = x;
    fonts
        .runs(font, FURNITURE_SIZE, text)
        .into_iter()
        .map(|r| {
            let item = Item::Text(TextRun {
                x,
                y,
                font: r.font,
                size: FURNITURE_SIZE,
                colour,
                text: r.text,
                width: r.width,
            })
            .tagged(tag);
            x += r.width;
            item
        })
        .collect()
}

/// The distance between the issuer's two footer lines.
const ISSUER_LEADING: f32 = 10.5;

/// `text` in one line of `room` points, or broken between words into two
/// (a long issuer's name), the second cut with an ellipsis only when two
/// lines cannot hold it either.
fn two_lines(fonts: &Fonts, text: &str, room: f32) -> Vec<String> {
    let width = |s: &str| fonts.width(FontStyle::Regular, FURNITURE_SIZE, s);
    if width(text) <= room {
        return vec![text.to_owned()];
    }
    let mut first = String::new();
    let mut rest = text.trim_start();
    for (i, word) in text.split(' ').enumerate() {
        let candidate = if i == 0 {
            word.to_owned()
        } else {
            format!("{first} {word}")
        };
        if i > 0 && width(&candidate) > room {
            break;
        }
        first = candidate;
        rest = text[first.len()..].trim_start();
        if first.len() > 4096 {
            break;
        }
    }
    if rest.is_empty() || width(&first) > room {
        return vec![fit(fonts, text, room)];
    }
    vec![first, fit(fonts, rest, room)]
}

/// `text` shortened with an ellipsis to fit `room` points.
///
/// Linear in `text`: widths add up character by character (no kerning),
/// so the prefix widths are accumulated once and the cut is the last
/// character whose prefix still leaves room for the ellipsis.
fn fit(fonts: &Fonts, text: &str, room: f32) -> String {
    let width = |s: &str| fonts.width(FontStyle::Regular, FURNITURE_SIZE, s);
    if width(text) <= room {
        return text.to_string();
    }
    let ellipsis = width("\u{2026}");
    let mut prefix = 0.0;
    let mut cut = 0;
    for (i, ch) in text.char_indices() {
        prefix += width(ch.encode_utf8(&mut [0; 4]));
        if prefix + ellipsis > room {
            break;
        }
        cut = i + ch.len_utf8();
    }
    format!("{}\u{2026}", text[..cut].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_issuer_takes_two_lines_before_any_is_cut() {
        let fonts = Fonts::builtin();
        let name = "Derbyshire, Leicestershire, Lincolnshire, Northamptonshire and Nottinghamshire Mental Health, Learning Disability and Autism Alliance";
        let lines = two_lines(&fonts, name, 300.0);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines.join(" "), name);
        assert_eq!(
            two_lines(&fonts, "Short Alliance", 300.0),
            ["Short Alliance"]
        );
        let longer = format!("{name} {name}");
        let cut = two_lines(&fonts, &longer, 300.0);
        assert!(cut[1].ends_with('\u{2026}'), "{cut:?}");
    }

    #[test]
    fn titles_are_cut_with_an_ellipsis_to_fit_and_short_ones_kept() {
        let fonts = Fonts::builtin();
        let width = |s: &str| fonts.width(FontStyle::Regular, FURNITURE_SIZE, s);
        assert_eq!(fit(&fonts, "Board update", 300.0), "Board update");
        let long = "Quarterly integrated performance report ".repeat(10);
        let cut = fit(&fonts, &long, 200.0);
        assert!(cut.ends_with('\u{2026}') && width(&cut) <= 200.0, "{cut}");
        let one_more = long[..cut.len() - '\u{2026}'.len_utf8() + 1].to_string() + "\u{2026}";
        assert!(width(one_more.trim_end()) > 200.0 || one_more.ends_with(" \u{2026}"));
    }

    #[test]
    fn a_megabyte_title_is_fitted_in_linear_time() {
        let fonts = Fonts::builtin();
        let title = "Title".repeat(1024 * 1024 / 5);
        let cut = fit(&fonts, &title, 250.0);
        assert!(cut.len() < 200 && cut.ends_with('\u{2026}'), "{cut}");
    }
}
