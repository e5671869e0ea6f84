//! A readable text dump of laid-out pages, for tests and debugging: one
//! line per item, coordinates in points from the top-left (1 decimal).

use std::fmt::Write;

use super::layout::{Item, Page, TextRun};

/// Dumps pages: a `== page N ==` line (with `landscape WxH` for a page
/// wider than it is tall), then one line per item.
pub(crate) fn dump_pages(pages: &[Page]) -> String {
    let mut out = String::new();
    for (n, page) in pages.iter().enumerate() {
        let _ = write!(out, "== page {} ==", n + 1);
        if page.width > page.height {
            let _ = write!(out, " landscape {:.2}x{:.2}", page.width, page.height);
        }
        out.push('\n');
        for placed in &page.items {
            let _ = writeln!(out, "{}", line(&placed.item));
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

fn line(item: &Item) -> String {
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
                format!("bookmark {:.1} level={level} #{} {title:?}", t.y, t.anchor)
            }
            None => format!("anchor {:.1} #{}", t.y, t.anchor),
        },
    }
}
