//! Finished lines to items: fragments of one style joined into text runs,
//! underlines and strike-throughs as rules, link areas; and
//! a paragraph's lines to chunks with orphan and widow control.

use super::chunk::Chunk;
use super::item::{Item, Tagged, Target, TextRun};
use super::linebreak::Line;
use super::measure::RunStyle;
use super::tags::{Artifact, Tag};
use super::theme::{baseline_in, ASCENT, DESCENT, LEADING};
use crate::pdf::fonts::FontStyle;

/// A text run being assembled.
struct Run {
    x: f32,
    end: f32,
    style: RunStyle,
    text: String,
}

/// The items of `line` with its start at `x` and its baseline at `baseline`;
/// text and link areas tagged `tag`, underlines and strike-throughs artifacts.
pub(crate) fn line_items(line: &Line, x: f32, baseline: f32, tag: Tag) -> Vec<Tagged> {
    let mut items = Vec::new();
    let mut runs: Vec<Run> = Vec::new();
    for p in &line.frags {
        let f = &p.frag;
        let fx = x + p.x;
        if let Some(run) = runs.last_mut() {
            if run.style == f.style {
                if (fx - run.end).abs() < 0.01 {
                    run.text.push_str(&f.text);
                    run.end = fx + f.width();
                    continue;
                }
                // A space joins runs only in the face that measured it.
                let own_space = f.style.font != FontStyle::Fallback;
                if own_space && (fx - run.end - f.space).abs() < 0.01 {
                    run.text.push(' ');
                    run.text.push_str(&f.text);
                    run.end = fx + f.width();
                    continue;
                }
            }
        }
        runs.push(Run {
            x: fx,
            end: fx + f.width(),
            style: f.style.clone(),
            text: f.text.clone(),
        });
    }
    for run in runs {
        push_run(&mut items, run, baseline, tag);
    }
    items
}

fn push_run(items: &mut Vec<Tagged>, run: Run, baseline: f32, tag: Tag) {
    let line = Tag::Artifact(Artifact::Rule);
    let s = &run.style;
    let y = baseline - s.rise;
    let width = run.end - run.x;
    let stroke = (s.size * 0.06).max(0.5);
    if s.underline {
        items.push(
            Item::Rule {
                x1: run.x,
                y1: y + s.size * 0.11,
                x2: run.end,
                y2: y + s.size * 0.11,
                width: stroke,
                colour: s.colour,
            }
            .tagged(line),
        );
    }
    if s.strike {
        items.push(
            Item::Rule {
                x1: run.x,
                y1: y - s.size * 0.28,
                x2: run.end,
                y2: y - s.size * 0.28,
                width: stroke,
                colour: s.colour,
            }
            .tagged(line),
        );
    }
    if let Some(url) = &s.link {
        if let Some(n) = url.strip_prefix("#fn-") {
            // A footnote reference: its note links back here, as the HTML's
            // `fnref-N` (the first reference to a note wins).
            items.push(
                Item::Target(Target {
                    anchor: format!("fnref-{n}"),
                    outline: None,
                    y: y - ASCENT * s.size,
                })
                .tagged(tag),
            );
        }
        items.push(
            Item::Link {
                x: run.x,
                y: y - ASCENT * s.size,
                w: width,
                h: (ASCENT + DESCENT) * s.size,
                url: url.clone(),
            }
            .tagged(tag),
        );
    }
    items.push(
        Item::Text(TextRun {
            x: run.x,
            y,
            font: s.font,
            size: s.size,
            colour: s.colour,
            text: run.text,
            width,
        })
        .tagged(tag),
    );
}

/// Height of a line of text whose base size is `size`.
pub(crate) fn line_height(line: &Line, size: f32) -> f32 {
    line.max_size().max(size) * LEADING
}

/// One chunk per line, `x` the left edge, `offset(line)` an extra indent
/// (alignment), text tagged `tag`; the first gets `space_before`. The first line keeps with
/// the second (no orphan) and the last but one with the last (no widow).
pub(crate) fn line_chunks(
    lines: &[Line],
    x: f32,
    size: f32,
    space_before: f32,
    tag: Tag,
    offset: impl Fn(&Line) -> f32,
) -> Vec<Chunk> {
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let h = line_height(line, size);
            let baseline = baseline_in(h, line.max_size().max(size));
            let mut chunk = Chunk::new(h);
            chunk.items = line_items(line, x + offset(line), baseline, tag);
            chunk.first_baseline = Some(baseline);
            if i == 0 {
                chunk.space_before = space_before;
            }
            chunk.keep_with_next = n >= 2 && (i == 0 || i + 2 == n);
            chunk
        })
        .collect()
}
