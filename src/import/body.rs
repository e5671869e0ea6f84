//! word/document.xml's body into the document model: paragraphs by their
//! styles, runs by their emphasis, lists by the numbering definitions,
//! tables, notes, pictures, fields, and what cannot be carried reported.
//!
//! Paragraph numbers, which locate every report, count each `w:p` of the
//! body in document order from 1, table cells included (notes, comments and
//! text boxes are not counted).

use std::collections::HashMap;

use super::model::{plain, Block, Cell, Doc, Dropped, Inline, Inlines, Picture, Revision, Table};
use super::package::{Package, MAX_IMAGE};
use super::parts::{num_pr, part_name, Kind, Numbering, Rels, Styles};
use super::xml::Element;
use super::{MAX_PARAGRAPH, MAX_TABLE_DEPTH};

/// A field being read (`fldChar` begin … separate … end).
struct Field {
    instr: String,
    result: bool,
    hide: bool,
}

/// Run formatting.
#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    underline: bool,
    hidden: bool,
}

/// Fields whose result the build makes itself (contents, page numbers).
const NAVIGATION_FIELDS: [&str; 5] = ["TOC", "PAGE", "NUMPAGES", "SECTIONPAGES", "PAGEREF"];

pub(crate) struct Walker<'p, 'a> {
    pub(crate) pkg: &'p mut Package<'a>,
    pub(crate) styles: Styles,
    pub(crate) numbering: Numbering,
    pub(crate) rels: Rels,
    pub(crate) footnotes: HashMap<String, Element>,
    pub(crate) endnotes: HashMap<String, Element>,
    pub(crate) comment_text: HashMap<String, String>,
    pub(crate) accept: bool,
    pub(crate) doc: Doc,
    para: usize,
    fields: Vec<Field>,
    pending_break: bool,
    break_after: bool,
    in_note: bool,
    in_link: bool,
    counters: HashMap<String, Vec<u32>>,
    pictures: HashMap<String, String>,
    here: Vec<Block>,
    comments_seen: Vec<String>,
    underlined: usize,
    /// Links to places in the document: how many, and the first's paragraph.
    internal_links: (usize, usize),
}

type R<T = ()> = Result<T, String>;

impl<'p, 'a> Walker<'p, 'a> {
    pub(crate) fn new(pkg: &'p mut Package<'a>, accept: bool) -> Self {
        Walker {
            pkg,
            styles: Styles::default(),
            numbering: Numbering::default(),
            rels: Rels::default(),
            footnotes: HashMap::new(),
            endnotes: HashMap::new(),
            comment_text: HashMap::new(),
            accept,
            doc: Doc::default(),
            para: 0,
            fields: Vec::new(),
            pending_break: false,
            break_after: false,
            in_note: false,
            in_link: false,
            counters: HashMap::new(),
            pictures: HashMap::new(),
            here: Vec::new(),
            comments_seen: Vec::new(),
            underlined: 0,
            internal_links: (0, 0),
        }
    }

    fn drop(&mut self, what: impl Into<String>) {
        self.doc.dropped.push(Dropped {
            para: self.para,
            what: what.into(),
        });
    }

    /// Reads the body's blocks in order.
    pub(crate) fn body(&mut self, body: &Element) -> R {
        for c in body.elements() {
            self.block_level(c)?;
        }
        if self.internal_links.0 > 0 {
            self.doc.dropped.push(Dropped {
                para: self.internal_links.1,
                what: format!(
                    "{} links to places in the document kept as their text (a paper links only to the web)",
                    self.internal_links.0
                ),
            });
        }
        if self.underlined > 0 {
            self.doc.dropped.push(Dropped {
                para: 0,
                what: format!(
                    "{} underlined runs written as emphasis (Markdown has no underline)",
                    self.underlined
                ),
            });
        }
        Ok(())
    }

    fn block_level(&mut self, c: &Element) -> R {
        match c.name.as_str() {
            "p" => {
                let blocks = self.paragraph(c, false)?;
                for b in blocks {
                    self.emit(b);
                }
                if std::mem::take(&mut self.break_after) {
                    self.pending_break = true;
                }
            }
            "tbl" => {
                let t = self.table(c, 1)?;
                if !t.rows.is_empty() {
                    self.emit(Block::Table(t));
                }
            }
            "sdt" | "customXml" | "sdtContent" => {
                for e in c.elements().filter(|e| e.name != "sdtPr") {
                    self.block_level(e)?;
                }
            }
            "ins" | "moveTo" => {
                self.change(c, "inserted");
                for e in c.elements() {
                    self.block_level(e)?;
                }
            }
            "del" | "moveFrom" => self.change(c, "deleted"),
            "altChunk" => self.drop("an embedded document (altChunk) is not imported"),
            _ => {}
        }
        Ok(())
    }

    /// Adds a block, with a pending page break: a heading's `{.newpage}`,
    /// else a `\newpage` before it.
    fn emit(&mut self, mut b: Block) {
        if std::mem::take(&mut self.pending_break) && !self.doc.blocks.is_empty() {
            match &mut b {
                Block::Heading { newpage, .. } => *newpage = true,
                _ => self.doc.blocks.push(Block::PageBreak),
            }
        }
        self.doc.blocks.push(b);
    }

    /// One paragraph: its block (none when empty, or the title), then the
    /// pictures it holds.
    fn paragraph(&mut self, p: &Element, in_cell: bool) -> R<Vec<Block>> {
        self.para += 1;
        let para = self.para;
        let revisions = (self.doc.changes.len(), self.doc.comments.len());
        let ppr = p.child("pPr");
        let style = ppr.and_then(|x| x.val("pStyle")).unwrap_or_default();
        let mut kind = self.styles.kind(style);
        if let Some(l) = ppr.and_then(|x| x.val("outlineLvl")?.parse::<u8>().ok()) {
            kind = if l < 9 {
                Kind::Heading(l + 1)
            } else {
                Kind::Body
            };
        }
        let num = ppr.and_then(num_pr).or_else(|| self.styles.num(style));
        let breaks = ppr.and_then(|x| x.toggle("pageBreakBefore"));
        if breaks.unwrap_or_else(|| self.styles.page_break(style)) && !in_cell {
            self.pending_break = true;
        }
        let mut text = Inlines::new();
        self.here.clear();
        self.content(p, &mut text)?;
        trim(&mut text);
        let context = plain(&text);
        if context.chars().count() > MAX_PARAGRAPH {
            return Err(format!(
                "paragraph {para} is longer than {MAX_PARAGRAPH} characters"
            ));
        }
        self.locate(revisions, &context);
        let mut out = Vec::new();
        if !text.is_empty() {
            out.extend(self.classify(kind, num, text, in_cell));
        }
        out.append(&mut self.here);
        Ok(out)
    }

    /// The block a paragraph of this kind makes (none for the title, the
    /// subtitle, the sign-off and front-sheet lines, which are taken).
    fn classify(
        &mut self,
        kind: Kind,
        num: Option<(String, usize)>,
        text: Inlines,
        in_cell: bool,
    ) -> Option<Block> {
        let para = self.para;
        let taken = !in_cell;
        match (kind, num) {
            (Kind::Title, _) if taken && self.doc.title.is_none() => {
                self.doc.title = Some(plain(&text));
            }
            (Kind::Subtitle, _) if taken && self.doc.subtitle.is_none() => {
                self.doc.subtitle = Some(plain(&text));
            }
            (Kind::Furniture, _) if taken => {
                let line = plain(&text);
                self.drop(format!("front-sheet line left to the build: \"{line}\""));
            }
            (Kind::Signoff, _) if taken && self.doc.signoff.is_none() => {
                self.doc.signoff = Some(signoff(&text));
            }
            (Kind::Heading(level), _) => {
                return Some(Block::Heading {
                    para,
                    level: level.clamp(1, 6),
                    text,
                    newpage: false,
                })
            }
            (Kind::Quote, None) if taken => return Some(Block::Quote { para, text }),
            (_, Some((id, level))) => {
                let number = self.number(&id, level);
                return Some(Block::Item {
                    para,
                    level,
                    number,
                    text,
                });
            }
            _ => return Some(Block::Para { para, text }),
        }
        None
    }

    /// The number of the next item of list `id` at `level` (None: bullets).
    fn number(&mut self, id: &str, level: usize) -> Option<u32> {
        let (numbered, start) = self.numbering.level(id, level);
        let counters = self.counters.entry(id.to_owned()).or_default();
        counters.resize(level + 1, 0);
        let n = if counters[level] == 0 {
            start
        } else {
            counters[level] + 1
        };
        counters[level] = n;
        numbered.then_some(n)
    }

    /// Adds the paragraph's text around each change or comment found in it.
    fn locate(&mut self, (changes, comments): (usize, usize), context: &str) {
        let around: String = context.chars().take(60).collect();
        let suffix = format!(
            " in \"{around}{}\"",
            if context.chars().count() > 60 {
                "…"
            } else {
                ""
            }
        );
        for r in self.doc.changes[changes..]
            .iter_mut()
            .chain(self.doc.comments[comments..].iter_mut())
        {
            r.what.push_str(&suffix);
        }
    }

    /// The inline content of a paragraph (or of a link, change, control).
    fn content(&mut self, el: &Element, out: &mut Inlines) -> R {
        for c in el.elements() {
            match c.name.as_str() {
                "r" => self.run(c, out)?,
                "hyperlink" => self.hyperlink(c, out)?,
                "ins" | "moveTo" => {
                    self.change(c, "inserted");
                    self.content(c, out)?;
                }
                "del" | "moveFrom" => self.change(c, "deleted"),
                "smartTag" | "customXml" | "sdtContent" | "dir" | "bdo" => self.content(c, out)?,
                "sdt" => {
                    if let Some(s) = c.child("sdtContent") {
                        self.content(s, out)?;
                    }
                }
                "fldSimple" => self.simple_field(c, out)?,
                "commentRangeStart" => self.comment(c),
                "oMath" | "oMathPara" => self.drop("an equation is not imported"),
                _ => {}
            }
        }
        Ok(())
    }

    fn change(&mut self, el: &Element, kind: &str) {
        let mut text = String::new();
        all_text(el, &mut text);
        let text: String = text.chars().take(40).collect();
        let what = format!("{kind} \"{text}\"");
        if self.accept {
            let verb = if kind == "inserted" {
                "accepted"
            } else {
                "accepted (removed)"
            };
            self.drop(format!("tracked change {verb}: {what}"));
        }
        self.doc.changes.push(Revision {
            para: self.para,
            what,
        });
    }

    fn comment(&mut self, c: &Element) {
        let id = c.attr("id").unwrap_or_default().to_owned();
        if self.comments_seen.contains(&id) {
            return;
        }
        self.comments_seen.push(id.clone());
        let text: String = self
            .comment_text
            .get(&id)
            .map(|t| t.chars().take(60).collect())
            .unwrap_or_default();
        if self.accept {
            self.drop(format!("comment removed: \"{text}\""));
        }
        self.doc.comments.push(Revision {
            para: self.para,
            what: format!("comment \"{text}\""),
        });
    }

    fn hyperlink(&mut self, h: &Element, out: &mut Inlines) -> R {
        let mut text = Inlines::new();
        let was = std::mem::replace(&mut self.in_link, true);
        self.content(h, &mut text)?;
        self.in_link = was;
        let target = match (h.attr("id"), h.attr("anchor")) {
            (Some(id), _) => self.rels.get(id).map(|(t, _)| t.to_owned()),
            (None, Some(a)) => Some(format!("#{a}")),
            _ => None,
        };
        let url = match target {
            Some(t) if t.starts_with('#') => {
                if self.internal_links.0 == 0 {
                    self.internal_links.1 = self.para;
                }
                self.internal_links.0 += 1;
                None
            }
            Some(t) => match crate::link::destination(&t) {
                Ok(url) => url,
                Err(why) => {
                    self.drop(format!("link kept as text: {why}"));
                    None
                }
            },
            None => None,
        };
        match url {
            Some(url) if !plain(&text).is_empty() && !self.in_link => {
                out.push(Inline::Link { url, text });
            }
            _ => out.extend(text),
        }
        Ok(())
    }

    fn fmt(&self, rpr: Option<&Element>) -> Fmt {
        let Some(rpr) = rpr else {
            return Fmt::default();
        };
        let style = rpr
            .val("rStyle")
            .map(|s| self.styles.emphasis(s))
            .unwrap_or_default();
        let on = |name: &str, i: usize| rpr.toggle(name).or(style[i]).unwrap_or(false);
        Fmt {
            bold: on("b", 0),
            italic: on("i", 1),
            underline: on("u", 2),
            hidden: rpr.toggle("vanish") == Some(true),
        }
    }

    fn run(&mut self, r: &Element, out: &mut Inlines) -> R {
        let fmt = self.fmt(r.child("rPr"));
        for c in r.elements() {
            match c.name.as_str() {
                "t" => self.text(&c.text(), fmt, out),
                "tab" | "ptab" => self.text(" ", fmt, out),
                "noBreakHyphen" => self.text("-", fmt, out),
                "br" | "cr" => match c.attr("type") {
                    // A break before any text breaks before this
                    // paragraph; after text (as LibreOffice writes a
                    // heading's "page break before"), before the next.
                    Some("page") if !self.in_note && out.is_empty() => self.pending_break = true,
                    Some("page") if !self.in_note => self.break_after = true,
                    Some("page" | "column") => {}
                    _ if self.hidden() => {}
                    _ => out.push(Inline::Break),
                },
                "sym" => self.symbol(c, fmt, out),
                "footnoteReference" => self.note(c, false, out)?,
                "endnoteReference" => self.note(c, true, out)?,
                "drawing" => self.drawing(c)?,
                "pict" | "object" => self.object(c)?,
                "AlternateContent" => {
                    if let Some(choice) = c.child("Choice") {
                        self.run(choice, out)?;
                    }
                }
                "fldChar" => self.field_char(c),
                "instrText" => {
                    if let Some(f) = self.fields.last_mut().filter(|f| !f.result) {
                        f.instr.push_str(&c.text());
                    }
                }
                "commentReference" => self.comment(c),
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether text now is inside a field's instruction or a hidden result.
    fn hidden(&self) -> bool {
        self.fields.iter().any(|f| !f.result || f.hide)
    }

    fn text(&mut self, t: &str, fmt: Fmt, out: &mut Inlines) {
        if self.hidden() || t.is_empty() {
            return;
        }
        if fmt.hidden {
            self.drop(format!("hidden text dropped: \"{}\"", t.trim()));
            return;
        }
        let italic = fmt.italic || (fmt.underline && !self.in_link);
        if fmt.underline && !self.in_link && !fmt.italic {
            self.underlined += 1;
        }
        if let Some(Inline::Text {
            text,
            bold,
            italic: i,
        }) = out.last_mut()
        {
            if *bold == fmt.bold && *i == italic {
                text.push_str(t);
                return;
            }
        }
        out.push(Inline::Text {
            text: t.replace('\t', " "),
            bold: fmt.bold,
            italic,
        });
    }

    /// `w:sym`: a symbol-font character; the tick and box marks of
    /// Wingdings are read as ☒ ✓ ☐, others reported.
    fn symbol(&mut self, c: &Element, fmt: Fmt, out: &mut Inlines) {
        let code = c.attr("char").unwrap_or_default().to_ascii_uppercase();
        let mark = match code.trim_start_matches("F0") {
            "FC" | "FE" | "50" | "52" => "✓",
            "78" | "FD" | "FB" => "☒",
            "A8" | "6F" => "☐",
            _ => {
                self.drop(format!("a symbol-font character ({code}) dropped"));
                return;
            }
        };
        self.text(mark, fmt, out);
    }

    fn field_char(&mut self, c: &Element) {
        match c.attr("fldCharType") {
            Some("begin") => self.fields.push(Field {
                instr: String::new(),
                result: false,
                hide: false,
            }),
            Some("separate") => {
                if let Some(f) = self.fields.last_mut() {
                    f.result = true;
                    let name = field_name(&f.instr);
                    f.hide = NAVIGATION_FIELDS.contains(&name.as_str());
                }
            }
            Some("end") => {
                if let Some(f) = self.fields.pop() {
                    self.report_field(&f.instr, f.hide);
                }
            }
            _ => {}
        }
    }

    fn report_field(&mut self, instr: &str, hidden: bool) {
        let name = field_name(instr);
        if hidden {
            self.drop(format!(
                "field {name} dropped (the build makes its own contents and page numbers)"
            ));
        } else if !name.is_empty() {
            self.drop(format!("field {name} kept as its last shown text"));
        }
    }

    fn simple_field(&mut self, c: &Element, out: &mut Inlines) -> R {
        let instr = c.attr("instr").unwrap_or_default().to_owned();
        let hide = NAVIGATION_FIELDS.contains(&field_name(&instr).as_str());
        if !hide {
            self.content(c, out)?;
        }
        self.report_field(&instr, hide);
        Ok(())
    }

    fn note(&mut self, c: &Element, endnote: bool, out: &mut Inlines) -> R {
        if self.in_note || self.hidden() {
            return Ok(());
        }
        let id = c.attr("id").unwrap_or_default();
        let map = if endnote {
            &self.endnotes
        } else {
            &self.footnotes
        };
        let Some(note) = map.get(id).cloned() else {
            self.drop(format!("a reference to a missing note ({id}) dropped"));
            return Ok(());
        };
        let mut text = Inlines::new();
        self.in_note = true;
        for p in note.elements().filter(|p| p.name == "p") {
            if !text.is_empty() {
                text.push(Inline::Break);
            }
            self.content(p, &mut text)?;
        }
        self.in_note = false;
        trim(&mut text);
        if endnote {
            self.drop("an endnote made a footnote (`style: notes: end` collects notes at the end)");
        }
        self.doc.notes.push(text);
        out.push(Inline::Note(self.doc.notes.len()));
        Ok(())
    }

    /// A picture (`w:drawing`): PNG and JPEG are extracted, others reported.
    fn drawing(&mut self, d: &Element) -> R {
        if self.in_note || self.hidden() {
            return Ok(());
        }
        if let Some(tb) = d.find("txbxContent") {
            return self.text_box(tb);
        }
        let docpr = d.find("docPr");
        let alt = docpr
            .and_then(|p| {
                p.attr("descr")
                    .filter(|s| !s.trim().is_empty())
                    .or(p.attr("title"))
            })
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let Some(blip) = d.find("blip") else {
            self.drop("a drawing that is not a picture (a shape or chart) dropped");
            return Ok(());
        };
        let rel = blip.attr("embed").and_then(|id| self.rels.get(id));
        let part = match rel {
            Some((target, false)) => part_name(target),
            _ => None,
        };
        let Some(part) = part else {
            self.drop("a linked (not embedded) picture dropped");
            return Ok(());
        };
        let file = match self.pictures.get(&part) {
            Some(f) => f.clone(),
            None => match self.extract(&part)? {
                Some(f) => f,
                None => return Ok(()),
            },
        };
        let alt = if alt.is_empty() {
            self.drop(format!(
                "picture {file} has no alt text: `TODO` left in its place"
            ));
            "TODO describe this picture".to_owned()
        } else {
            alt
        };
        self.here.push(Block::Image {
            para: self.para,
            file,
            alt,
        });
        Ok(())
    }

    /// Reads a picture part: its file name in the paper folder, if PNG or JPEG.
    fn extract(&mut self, part: &str) -> R<Option<String>> {
        let bytes = self
            .pkg
            .read(part, MAX_IMAGE)
            .map_err(|e| format!("paragraph {}: {e}", self.para))?;
        let Some(bytes) = bytes else {
            self.drop(format!("a picture whose part `{part}` is missing dropped"));
            return Ok(None);
        };
        let ext = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "png"
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "jpg"
        } else {
            self.drop(format!(
                "picture `{part}` is not PNG or JPEG: not imported (save it as PNG and add it)"
            ));
            return Ok(None);
        };
        let file = format!("image-{}.{ext}", self.doc.pictures.len() + 1);
        self.pictures.insert(part.to_owned(), file.clone());
        self.doc.pictures.push(Picture {
            file: file.clone(),
            bytes,
        });
        Ok(Some(file))
    }

    /// A text box: its paragraphs follow the paragraph that holds it
    /// (a text box floats; the paper's text flows), reported.
    fn text_box(&mut self, tb: &Element) -> R {
        let mut text = String::new();
        all_text(tb, &mut text);
        let text: String = text.chars().take(60).collect();
        self.drop(format!(
            "a text box's text placed after its paragraph: \"{}\"",
            text.trim()
        ));
        for p in tb.elements().filter(|p| p.name == "p") {
            let mut inl = Inlines::new();
            self.content(p, &mut inl)?;
            trim(&mut inl);
            if !inl.is_empty() {
                self.here.push(Block::Para {
                    para: self.para,
                    text: inl,
                });
            }
        }
        Ok(())
    }

    /// VML (`w:pict`) and OLE objects: a text box's text is reported;
    /// anything else is reported as an object not imported.
    fn object(&mut self, c: &Element) -> R {
        match c.find("txbxContent") {
            Some(tb) => return self.text_box(tb),
            None if c.find("imagedata").is_some() => {
                self.drop("a VML picture (an old Word format) dropped");
            }
            None => self.drop("an embedded object dropped"),
        }
        Ok(())
    }

    /// A table; `depth` 1 is a table in the body.
    fn table(&mut self, t: &Element, depth: usize) -> R<Table> {
        if depth > MAX_TABLE_DEPTH {
            return Err(format!(
                "paragraph {}: tables nested more than {MAX_TABLE_DEPTH} deep",
                self.para + 1
            ));
        }
        let mut table = Table {
            para: self.para + 1,
            rows: Vec::new(),
        };
        let mut merged = 0;
        for tr in rows(t) {
            let mut row = Vec::new();
            for tc in cells(tr) {
                let pr = tc.child("tcPr");
                let span: usize = pr
                    .and_then(|p| p.val("gridSpan")?.parse().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let vmerge = pr.and_then(|p| p.child("vMerge"));
                let covered = vmerge.is_some_and(|m| m.attr("val") != Some("restart"));
                let cell = self.cell(tc, depth)?;
                if covered {
                    merged += 1;
                    row.push(Cell::default());
                } else {
                    row.push(cell);
                }
                merged += span - 1;
                row.extend((1..span).map(|_| Cell::default()));
            }
            table.rows.push(row);
        }
        if merged > 0 {
            self.doc.dropped.push(Dropped {
                para: table.para,
                what: format!(
                    "table: {merged} merged cells split; each merge's text kept in its first cell, the cells it covered left empty"
                ),
            });
        }
        Ok(table)
    }

    fn cell(&mut self, tc: &Element, depth: usize) -> R<Cell> {
        let mut cell = Cell::default();
        for c in tc.elements() {
            match c.name.as_str() {
                "p" => {
                    for b in self.paragraph(c, true)? {
                        match b {
                            Block::Item { text, .. } => cell.paras.push((true, text)),
                            Block::Heading { text, .. }
                            | Block::Para { text, .. }
                            | Block::Quote { text, .. } => {
                                cell.paras.push((false, text));
                            }
                            Block::Image { file, .. } => {
                                self.drop(format!("picture {file} in a table cell not placed"));
                            }
                            _ => {}
                        }
                    }
                    self.break_after = false;
                }
                "tbl" => {
                    let inner = self.table(c, depth + 1)?;
                    self.doc.dropped.push(Dropped {
                        para: inner.para,
                        what: "a table inside a table cell flattened into the cell, a line per row"
                            .into(),
                    });
                    for row in inner.rows {
                        let line: Vec<String> = row
                            .iter()
                            .flat_map(|c| c.paras.iter().map(|(_, t)| plain(t)))
                            .filter(|s| !s.is_empty())
                            .collect();
                        cell.paras.push((
                            false,
                            vec![Inline::Text {
                                text: line.join("; "),
                                bold: false,
                                italic: false,
                            }],
                        ));
                    }
                }
                "sdt" | "customXml" => {
                    if let Some(inner) = c.child("sdtContent").or(Some(c)) {
                        let more = self.cell(inner, depth)?;
                        cell.paras.extend(more.paras);
                    }
                }
                _ => {}
            }
        }
        Ok(cell)
    }
}

fn rows(t: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    for e in t.elements() {
        match e.name.as_str() {
            "tr" => out.push(e),
            "sdt" | "customXml" | "sdtContent" => out.extend(rows(e)),
            _ => {}
        }
    }
    out
}

fn cells(tr: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    for e in tr.elements() {
        match e.name.as_str() {
            "tc" => out.push(e),
            "sdt" | "customXml" | "sdtContent" => out.extend(cells(e)),
            _ => {}
        }
    }
    out
}

/// A sign-off's lines: the name, then the date (if any).
fn signoff(text: &[Inline]) -> (String, Option<String>) {
    let lines: Vec<String> = text
        .split(|i| matches!(i, Inline::Break))
        .map(plain)
        .filter(|l| !l.is_empty())
        .collect();
    (
        lines.first().cloned().unwrap_or_default(),
        lines.get(1).cloned(),
    )
}

/// The field's name: the instruction's first word, upper-cased.
fn field_name(instr: &str) -> String {
    instr
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase()
}

/// Every `t` and `delText` below `el`.
fn all_text(el: &Element, out: &mut String) {
    for c in el.elements() {
        if c.name == "t" || c.name == "delText" {
            out.push_str(&c.text());
        } else {
            all_text(c, out);
        }
    }
}

/// Removes leading and trailing breaks and white space.
fn trim(text: &mut Inlines) {
    while matches!(text.last(), Some(Inline::Break)) {
        text.pop();
    }
    while matches!(text.first(), Some(Inline::Break)) {
        text.remove(0);
    }
    if let Some(Inline::Text { text: t, .. }) = text.first_mut() {
        *t = t.trim_start().to_owned();
    }
    if let Some(Inline::Text { text: t, .. }) = text.last_mut() {
        *t = t.trim_end().to_owned();
    }
    text.retain(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()));
}
