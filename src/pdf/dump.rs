//! A readable text dump of laid-out pages, for tests and debugging: one
//! line per item, coordinates in points from the top-left (1 decimal).

use std::fmt::Write;

use super::layout::{Item, TextRun};
use super::write::Sheet;

/// Dumps pages as written: a `== page N ==` line (with `landscape WxH` for
/// a page wider than it is tall), then one line per item, its overlay's
/// first.
pub(crate) fn dump_pages(sheets: &[Sheet]) -> String {
    let mut out = String::new();
    for (n, sheet) in sheets.iter().enumerate() {
        let page = &sheet.over;
        let _ = write!(out, "== page {} ==", n + 1);
        if page.width > page.height {
            let _ = write!(out, " landscape {:.2}x{:.2}", page.width, page.height);
        }
        out.push('\n');
        for (_, item, levels) in sheet.placed() {
            let _ = writeln!(out, "{}", line(item, levels));
        }
    }
    out
}

/// A text run (or a watermark's) as `kind x y face size colour w= "text"`.
fn run(kind: &str, t: &TextRun) -> String {
    format!(
        "{kind} {:.1} {:.1} {} {:.1} {} w={:.1} {:?}",
        t.x,
        t.y,
        t.font.short(),
        t.size,
        t.colour.hex(),
        t.width,
        t.text
    )
}

/// One item as a line; a bookmark's level `levels` deeper than laid out.
fn line(item: &Item, levels: u8) -> String {
    match item {
        Item::Text(t) => run("text", t),
        Item::Watermark(t) => run("watermark", t),
        Item::Rule {
            x1,
            y1,
            x2,
            y2,
            width,
            colour,
        } => {
            format!(
                "rule {x1:.1} {y1:.1} -> {x2:.1} {y2:.1} w={width:.1} {}",
                colour.hex()
            )
        }
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => format!(
            "rect {x:.1} {y:.1} {w:.1}x{h:.1} fill={} stroke={}",
            fill.map_or("-".into(), |c| c.hex()),
            stroke.map_or("-".into(), |c| c.hex())
        ),
        Item::Image { x, y, w, h, index } => format!("image #{index} {x:.1} {y:.1} {w:.1}x{h:.1}"),
        Item::Link { x, y, w, h, url } => format!("link {x:.1} {y:.1} {w:.1}x{h:.1} {url}"),
        Item::Target(t) => match &t.outline {
            Some((level, title)) => {
                let level = level.saturating_add(levels);
                format!("bookmark {:.1} level={level} #{} {title:?}", t.y, t.anchor)
            }
            None => format!("anchor {:.1} #{}", t.y, t.anchor),
        },
    }
}
