//! Positioned pages to a printpdf document. This walks items and emits
//! operators; it never measures. Fonts get fixed resource names and images
//! fixed XObject names, so nothing depends on printpdf's process-wide id
//! counter. Bookmarks are returned for `finish`, which builds the outline.

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, Color, ColorArray, Destination, FontId, Line, LineCapStyle, LinePoint,
    LinkAnnotation, Mm, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, Point, Pt,
    Rect, TextItem, TextMatrix, XObjectId, XObjectTransform,
};

use super::fonts::{FontStyle, Fonts};
use super::image::Images;
use super::layout::theme::{Rgb, PAGE_H, PAGE_W};
use super::layout::{Item, Page, TextRun};
use super::xobject::image_xobject;

/// An outline entry: level, title, 0-based page and y from the top.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bookmark {
    pub level: u8,
    pub title: String,
    pub page: usize,
    pub y: f32,
}

/// Resource name of a face. Six capital letters, because printpdf uses the
/// first six characters of the name as the font's subset tag.
fn font_id(style: FontStyle) -> FontId {
    FontId(
        match style {
            FontStyle::Regular => "BPAAAR",
            FontStyle::Bold => "BPAAAB",
            FontStyle::Italic => "BPAAAI",
            FontStyle::BoldItalic => "BPAAAJ",
            FontStyle::Fallback => "BPAAAF",
        }
        .to_string(),
    )
}

fn image_id(index: usize) -> XObjectId {
    XObjectId(format!("Im{}", index + 1))
}

/// Builds the printpdf document and the bookmarks.
pub(crate) fn write(
    pages: &[Page],
    fonts: &Fonts,
    images: &Images,
    title: &str,
) -> (PdfDocument, Vec<Bookmark>) {
    let mut pdf = PdfDocument::new(title);
    for style in FontStyle::ALL {
        let font = PdfFont::new(fonts.face(style).parsed.clone());
        pdf.resources.fonts.map.insert(font_id(style), font);
    }
    let anchors = anchors(pages);
    let mut bookmarks = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let mut w = PageWriter {
            ops: Vec::new(),
            fonts,
            text: None,
        };
        for item in &page.items {
            w.item(item, &anchors);
            match item {
                Item::Image { index, .. } => {
                    let id = image_id(*index);
                    if let (std::collections::btree_map::Entry::Vacant(slot), Some(img)) = (
                        pdf.resources.xobjects.map.entry(id),
                        images.list().get(*index),
                    ) {
                        slot.insert(image_xobject(img));
                    }
                }
                Item::Target(t) => {
                    if let Some((level, title)) = &t.outline {
                        bookmarks.push(Bookmark {
                            level: *level,
                            title: title.clone(),
                            page: n,
                            y: t.y,
                        });
                    }
                }
                _ => {}
            }
        }
        w.end_text();
        pdf.pages.push(PdfPage::new(
            Mm::from(Pt(PAGE_W)),
            Mm::from(Pt(PAGE_H)),
            w.ops,
        ));
    }
    (pdf, bookmarks)
}

/// Every link target: anchor -> (1-based page, y from the top).
fn anchors(pages: &[Page]) -> BTreeMap<String, (usize, f32)> {
    let mut out = BTreeMap::new();
    for (n, page) in pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Target(t) = item {
                if !t.anchor.is_empty() {
                    out.entry(t.anchor.clone()).or_insert((n + 1, t.y));
                }
            }
        }
    }
    out
}

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

/// A point from top-down layout coordinates.
fn pt(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(x),
            y: Pt(PAGE_H - y),
        },
        bezier: false,
    }
}

struct PageWriter<'a> {
    ops: Vec<Op>,
    fonts: &'a Fonts,
    /// Inside BT..ET: current face, size and colour.
    text: Option<(FontStyle, f32, Rgb)>,
}

impl PageWriter<'_> {
    fn item(&mut self, item: &Item, anchors: &BTreeMap<String, (usize, f32)>) {
        match item {
            Item::Text(run) => self.text(run),
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                colour: c,
            } => {
                self.end_text();
                self.stroke_style(*c, *width, LineCapStyle::Butt);
                self.ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![pt(*x1, *y1), pt(*x2, *y2)],
                        is_closed: false,
                    },
                });
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                self.end_text();
                let rect = |mode| Rect {
                    mode: Some(mode),
                    ..Rect::from_xywh(Pt(*x), Pt(PAGE_H - y - h), Pt(*w), Pt(*h))
                };
                if let Some(f) = fill {
                    self.ops.push(Op::SetFillColor { col: colour(*f) });
                    self.ops.push(Op::DrawRectangle {
                        rectangle: rect(PaintMode::Fill),
                    });
                }
                if let Some(s) = stroke {
                    self.stroke_style(*s, 0.6, LineCapStyle::Butt);
                    self.ops.push(Op::DrawRectangle {
                        rectangle: rect(PaintMode::Stroke),
                    });
                }
            }
            Item::Image { x, y, w, h, index } => {
                self.end_text();
                self.ops.push(Op::SaveGraphicsState);
                self.ops.push(Op::SetTransformationMatrix {
                    matrix: printpdf::CurTransMat::Raw([*w, 0.0, 0.0, *h, *x, PAGE_H - y - h]),
                });
                self.ops.push(Op::UseXobject {
                    id: image_id(*index),
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..XObjectTransform::default()
                    },
                });
                self.ops.push(Op::RestoreGraphicsState);
            }
            Item::Link { x, y, w, h, url } => {
                let action = match url.strip_prefix('#') {
                    Some(anchor) => match anchors.get(anchor) {
                        Some((page, top)) => Actions::Goto(Destination::Xyz {
                            page: *page,
                            left: None,
                            top: Some(PAGE_H - top + 12.0),
                            zoom: None,
                        }),
                        None => return,
                    },
                    None => Actions::Uri(url.clone()),
                };
                let rect = Rect::from_xywh(Pt(*x), Pt(PAGE_H - y - h), Pt(*w), Pt(*h));
                let link = LinkAnnotation::new(
                    rect,
                    action,
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    Some(ColorArray::Transparent),
                    None,
                );
                self.ops.push(Op::LinkAnnotation { link });
            }
            Item::Target(_) => {}
        }
    }

    fn stroke_style(&mut self, c: Rgb, width: f32, cap: LineCapStyle) {
        self.ops.push(Op::SetOutlineColor { col: colour(c) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        self.ops.push(Op::SetLineCapStyle { cap });
    }

    fn text(&mut self, run: &TextRun) {
        let (font, size, fill) = (run.font, run.size, run.colour);
        let state = self.text.get_or_insert_with(|| {
            self.ops.push(Op::StartTextSection);
            (font, -1.0, Rgb(1, 2, 3))
        });
        let (set_font, set_fill) = (state.0 != font || state.1 != size, state.2 != fill);
        *state = (font, size, fill);
        if set_font {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(font)),
                size: Pt(size),
            });
        }
        if set_fill {
            self.ops.push(Op::SetFillColor { col: colour(fill) });
        }
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(run.x), Pt(PAGE_H - run.y)),
        });
        // Layout already chose faces and replaced missing glyphs; this is a
        // last guard against a face without the glyph.
        let face = self.fonts.face(font);
        let text: String = run
            .text
            .chars()
            .map(|c| if face.advance(c).is_some() { c } else { '?' })
            .collect();
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(text)],
        });
    }

    fn end_text(&mut self) {
        if self.text.take().is_some() {
            self.ops.push(Op::EndTextSection);
        }
    }
}
