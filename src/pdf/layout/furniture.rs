//! Running header (trust short name and paper title over a rule) and footer
//! ("Page N of M"), added once the page count is known.

use super::item::{Item, Page, TextRun};
use super::theme::{
    Rgb, BORDER, FOOTER_BASELINE, FURNITURE_SIZE, HEADER_BASELINE, HEADER_RULE, MARGIN_X, MUTED,
    PAGE_W, TEXT,
};
use crate::doc::Meta;
use crate::pdf::fonts::{FontStyle, Fonts};

/// Adds header and footer to every page.
pub(crate) fn add_furniture(pages: &mut [Page], meta: &Meta, fonts: &Fonts) {
    let total = pages.len();
    let right_edge = PAGE_W - MARGIN_X;
    let mut left = meta.trust_short.clone();
    if meta.confidential {
        left.push_str(" \u{2013} Private (Part II)");
    }
    let left_w = fonts.width(FontStyle::Bold, FURNITURE_SIZE, &left);
    let title_room = right_edge - MARGIN_X - left_w - 24.0;
    let title = fit(fonts, &meta.title, title_room);
    let title_w = fonts.width(FontStyle::Regular, FURNITURE_SIZE, &title);
    let alliance = fit(fonts, &meta.alliance, 300.0);
    for (i, page) in pages.iter_mut().enumerate() {
        let footer = format!("Page {} of {}", i + 1, total);
        let footer_w = fonts.width(FontStyle::Regular, FURNITURE_SIZE, &footer);
        let mut furniture = runs(
            fonts,
            MARGIN_X,
            HEADER_BASELINE,
            FontStyle::Bold,
            TEXT,
            &left,
        );
        furniture.extend(runs(
            fonts,
            right_edge - title_w,
            HEADER_BASELINE,
            FontStyle::Regular,
            MUTED,
            &title,
        ));
        furniture.push(Item::Rule {
            x1: MARGIN_X,
            y1: HEADER_RULE,
            x2: right_edge,
            y2: HEADER_RULE,
            width: 0.5,
            colour: BORDER,
        });
        furniture.extend(runs(
            fonts,
            right_edge - footer_w,
            FOOTER_BASELINE,
            FontStyle::Regular,
            MUTED,
            &footer,
        ));
        furniture.extend(runs(
            fonts,
            MARGIN_X,
            FOOTER_BASELINE,
            FontStyle::Regular,
            MUTED,
            &alliance,
        ));
        page.items.splice(0..0, furniture);
    }
}

/// `text` from `x` as text runs, one per face (the fallback face sets
/// what the body face lacks).
fn runs(fonts: &Fonts, x: f32, y: f32, font: FontStyle, colour: Rgb, text: &str) -> Vec<Item> {
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
            });
            x += r.width;
            item
        })
        .collect()
}

/// `text` shortened with an ellipsis to fit `room` points.
fn fit(fonts: &Fonts, text: &str, room: f32) -> String {
    let width = |s: &str| fonts.width(FontStyle::Regular, FURNITURE_SIZE, s);
    if width(text) <= room {
        return text.to_string();
    }
    let mut out: String = text.to_string();
    while !out.is_empty() && width(&format!("{out}\u{2026}")) > room {
        out.pop();
    }
    format!("{}\u{2026}", out.trim_end())
}
