//! Folding pulldown-cmark events into [`Block`]s: a stack of open block
//! containers and a stack of open inline spans.

use std::collections::HashMap;
use std::path::Path;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::caption::{self, Attrs, Problem};
use super::limits::{Limits, MAX_GOV_TABLES};
use super::{lint, lone_callout, split_markers, take_gov_markers, Input};
use crate::diag::{Code, Diagnostic};
use crate::document::{
    plain_text, Align, Block, BlockKind, Cell, Heading, Image, Inline, List, ListStyle, Origin,
    Table,
};

/// Section numbers 1, 1.1, 1.1.1 carried across a paper's body.
#[derive(Debug, Clone, Default)]
pub(crate) struct Numbering {
    pub(crate) enabled: bool,
    counters: [u32; 6],
    /// Anchor prefix ("" for the body, "appendix-a-" in appendices).
    pub(crate) prefix: String,
}

impl Numbering {
    pub(crate) fn new(enabled: bool) -> Numbering {
        Numbering {
            enabled,
            ..Numbering::default()
        }
    }

    /// The next top-level number (for the closing section).
    pub(crate) fn next_top(&mut self) -> String {
        self.counters[0] += 1;
        self.counters[1..].fill(0);
        self.counters[0].to_string()
    }

    fn number(&mut self, level: u8) -> Option<String> {
        let i = usize::from(level.clamp(1, 6)) - 1;
        self.counters[i] += 1;
        self.counters[i + 1..].fill(0);
        self.enabled.then(|| {
            self.counters[..=i]
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".")
        })
    }
}

/// Footnotes numbered in order of first reference, across a whole paper.
#[derive(Debug, Clone, Default)]
pub(crate) struct Footnotes {
    pub(crate) order: Vec<String>,
    pub(crate) defs: HashMap<String, Vec<Block>>,
    /// Each label's number, so a body of 100,000 footnote references is
    /// not searched once per reference.
    numbers: HashMap<String, usize>,
}

impl Footnotes {
    fn number(&mut self, label: &str) -> usize {
        if let Some(&n) = self.numbers.get(label) {
            return n;
        }
        self.order.push(label.to_owned());
        self.numbers.insert(label.to_owned(), self.order.len());
        self.order.len()
    }
}

enum Container {
    Blocks(Vec<Block>),
    Quote(Vec<Block>),
    List {
        style: ListStyle,
        items: Vec<Vec<Block>>,
        tasks: Vec<Option<bool>>,
    },
    Item(Vec<Block>),
    Note {
        label: String,
        blocks: Vec<Block>,
    },
    Table {
        table: Table,
        row: Vec<Cell>,
        in_head: bool,
    },
}

enum Span {
    Para,
    Heading(u8),
    Cell,
    Strong,
    Emph,
    Strike,
    Link(Option<String>),
    Image {
        url: String,
        title: String,
        offset: usize,
    },
}

struct Builder<'a, 'i> {
    input: &'a Input<'i>,
    numbering: &'a mut Numbering,
    notes: &'a mut Footnotes,
    diags: &'a mut Vec<Diagnostic>,
    blocks: Vec<Container>,
    spans: Vec<(Span, Vec<Inline>, usize)>,
    images: Vec<Block>,
    code: Option<String>,
    /// Where the current event's source ends (for diagnostic ranges).
    event_end: usize,
    /// Problems reported so far on each line of `text` (see [`MAX_PER_LINE`]).
    per_line: HashMap<usize, usize>,
    /// Governance tables placed so far (at most [`MAX_GOV_TABLES`]).
    gov_tables: usize,
    /// Forced page breaks so far (at most [`super::limits::MAX_PAGES`]).
    page_breaks: usize,
    /// Set when a limit is passed: the rest of the body is not read.
    halted: bool,
}

/// Problems reported for one line of a body; past this a last one says
/// that more are not listed. Placing a problem costs time in the line's
/// length (its column, its snippet), so a 4 MB line of 100,000 unsafe
/// links is reported in linear time and a readable amount of text.
const MAX_PER_LINE: usize = 20;

pub(super) fn build(
    input: &Input<'_>,
    numbering: &mut Numbering,
    notes: &mut Footnotes,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    let mut b = Builder {
        input,
        numbering,
        notes,
        diags,
        blocks: vec![Container::Blocks(Vec::new())],
        spans: Vec::new(),
        images: Vec::new(),
        code: None,
        event_end: 0,
        per_line: HashMap::new(),
        gov_tables: 0,
        page_breaks: 0,
        halted: false,
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut limits = Limits::default();
    for (event, range) in Parser::new_ext(input.text, options).into_offset_iter() {
        if let Some(message) = limits.exceeded(&event) {
            let hint = "flatten the structure, or split the content into several tables";
            let d = input.diag(Code::TooComplex, range.start, message);
            b.diags.push(d.with_hint(Some(hint.into())));
            break;
        }
        b.event_end = range.end;
        b.event(event, range.start);
        if b.halted {
            break;
        }
    }
    b.finish()
}

impl Builder<'_, '_> {
    /// Reports the problem `make` builds at byte `at`, unless its line has
    /// had [`MAX_PER_LINE`] already (the next one says so instead).
    fn problem(&mut self, at: usize, make: impl FnOnce(&Input<'_>) -> Diagnostic) {
        let count = self.per_line.entry(self.input.line_of(at).0).or_insert(0);
        *count += 1;
        if *count <= MAX_PER_LINE {
            self.diags.push(make(self.input));
        } else if *count == MAX_PER_LINE + 1 {
            let d = make(self.input);
            let message = format!(
                "{} (problems after this one on the same line are not listed)",
                d.message
            );
            self.diags.push(Diagnostic { message, ..d });
        }
    }

    fn origin(&self, offset: usize) -> Origin {
        Origin {
            file: self.input.source.name.clone(),
            line: self.input.line(offset),
        }
    }

    fn event(&mut self, event: Event<'_>, at: usize) {
        match event {
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(tag, at),
            Event::Text(t) => self.text(&t, at),
            Event::Code(t) => self.inline(Inline::Code(t.into_string()), at),
            Event::SoftBreak => self.inline(Inline::Text(" ".into()), at),
            Event::HardBreak => self.inline(Inline::Break, at),
            Event::Rule => self.push_block(BlockKind::Rule, at),
            Event::FootnoteReference(label) => {
                let n = self.notes.number(&label);
                self.inline(Inline::FootnoteRef(n), at);
            }
            Event::InlineHtml(h) if self.in_cell() && is_br(&h) => self.inline(Inline::Break, at),
            Event::Html(_) | Event::InlineHtml(_) => {
                let end = self.event_end;
                self.problem(at, |input| {
                    input
                        .diag_range(Code::RawHtml, at..end, "raw HTML is not allowed in a paper: papers are published on public websites")
                        .with_hint(Some("use Markdown instead; to show a literal `<`, write `\\<`".into()))
                })
            }
            Event::TaskListMarker(done) => self.task_marker(done),
            Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, at: usize) {
        match tag {
            Tag::Paragraph => self.open_span(Span::Para, at),
            Tag::Heading { level, .. } => self.open_span(Span::Heading(heading_level(level)), at),
            Tag::BlockQuote(_) => self.open_block(Container::Quote(Vec::new())),
            Tag::CodeBlock(kind) => {
                if matches!(kind, pulldown_cmark::CodeBlockKind::Indented) {
                    self.problem(at, |input| indented_code(input, at));
                }
                self.flush_spans();
                self.code = Some(String::new());
            }
            Tag::List(start) => {
                let style = start.map_or(ListStyle::Bullet, ListStyle::Decimal);
                self.open_block(Container::List {
                    style,
                    items: Vec::new(),
                    tasks: Vec::new(),
                });
            }
            Tag::Item => self.open_block(Container::Item(Vec::new())),
            Tag::FootnoteDefinition(label) => self.open_block(Container::Note {
                label: label.into_string(),
                blocks: Vec::new(),
            }),
            Tag::Table(align) => self.open_block(Container::Table {
                table: Table {
                    caption: None,
                    landscape: None,
                    widths: None,
                    align: align.iter().map(map_align).collect(),
                    header: Vec::new(),
                    rows: Vec::new(),
                },
                row: Vec::new(),
                in_head: false,
            }),
            Tag::TableHead => self.set_head(true),
            Tag::TableRow => {}
            Tag::TableCell => self.open_span(Span::Cell, at),
            Tag::Emphasis => self.open_span(Span::Emph, at),
            Tag::Strong => self.open_span(Span::Strong, at),
            Tag::Strikethrough => self.open_span(Span::Strike, at),
            Tag::Link { dest_url, .. } => {
                let url = match crate::link::destination(&dest_url) {
                    Ok(url) => url,
                    Err(problem) => {
                        let end = self.event_end;
                        self.problem(at, |input| {
                            input
                                .diag_range(Code::LinkScheme, at..end, problem)
                                .with_hint(Some(
                                    "use an http, https or mailto link, or a relative one".into(),
                                ))
                        });
                        None
                    }
                };
                self.open_span(Span::Link(url), at);
            }
            Tag::Image {
                dest_url, title, ..
            } => self.open_span(
                Span::Image {
                    url: dest_url.into_string(),
                    title: title.into_string(),
                    offset: at,
                },
                at,
            ),
            Tag::HtmlBlock => {}
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, at: usize) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => self.close_span(at),
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image => self.close_span(at),
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.push_block(BlockKind::Code(code), at);
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.close_block(at)
            }
            TagEnd::TableHead => {
                self.end_row(true);
                self.set_head(false);
            }
            TagEnd::TableRow => self.end_row(false),
            TagEnd::Table => self.close_block(at),
            _ => {}
        }
    }

    fn text(&mut self, text: &str, at: usize) {
        if let Some(code) = &mut self.code {
            code.push_str(text);
            return;
        }
        self.inline(Inline::Text(text.to_owned()), at);
    }

    /// Adds an inline to the innermost span, opening an implicit paragraph
    /// for tight list items (whose text comes with no paragraph tag).
    fn inline(&mut self, inline: Inline, at: usize) {
        if self.spans.is_empty() {
            self.open_span(Span::Para, at);
        }
        if let Some((_, content, _)) = self.spans.last_mut() {
            match (content.last_mut(), &inline) {
                (Some(Inline::Text(prev)), Inline::Text(next)) => prev.push_str(next),
                _ => content.push(inline),
            }
        }
    }

    /// `- [x]` or `- [ ]` at the start of a list item: the state of the
    /// innermost list's item being built (the next one it will push).
    fn task_marker(&mut self, done: bool) {
        let list = self.blocks.iter_mut().rev().find_map(|c| match c {
            Container::List { items, tasks, .. } => Some((items.len(), tasks)),
            _ => None,
        });
        if let Some((index, tasks)) = list {
            tasks.resize(index + 1, None);
            tasks[index] = Some(done);
        }
    }

    fn open_span(&mut self, span: Span, at: usize) {
        self.spans.push((span, Vec::new(), at));
    }

    fn close_span(&mut self, at: usize) {
        let Some((span, content, start)) = self.spans.pop() else {
            return;
        };
        match span {
            Span::Para => self.finish_paragraph(content, start),
            Span::Heading(level) => {
                let mut content = content;
                let tables = take_gov_markers(&mut content);
                self.finish_heading(level, content, start);
                self.place_tables(tables, start);
            }
            Span::Cell => self.finish_cell(content, start),
            Span::Strong => self.inline(Inline::Strong(content), at),
            Span::Emph => self.inline(Inline::Emph(content), at),
            Span::Strike => self.inline(Inline::Strike(content), at),
            Span::Link(Some(url)) => self.inline(Inline::Link { url, content }, at),
            Span::Link(None) => content.into_iter().for_each(|i| self.inline(i, at)),
            Span::Image { url, title, offset } => self.finish_image(url, title, &content, offset),
        }
    }

    fn finish_paragraph(&mut self, mut content: Vec<Inline>, start: usize) {
        let tables = take_gov_markers(&mut content);
        self.paragraph(content, start);
        self.place_tables(tables, start);
    }

    /// The governance tables a paragraph or heading placed, after it.
    fn place_tables(&mut self, calls: Vec<super::GovCall>, at: usize) {
        for (id, heading) in calls {
            self.gov_tables += 1;
            if self.gov_tables > MAX_GOV_TABLES {
                if self.gov_tables == MAX_GOV_TABLES + 1 {
                    let message = format!(
                        "more than {MAX_GOV_TABLES} governance tables placed in one body or appendix"
                    );
                    let d = self.input.diag(Code::TooComplex, at, message);
                    let hint =
                        "place each trust's table once (governance_tables() places them all)";
                    self.diags.push(d.with_hint(Some(hint.into())));
                }
                return;
            }
            if let Some(mut table) = (self.input.governance)(&id) {
                if let Some(h) = heading.filter(|h| !h.trim().is_empty()) {
                    table.heading = h;
                }
                self.push_block(BlockKind::Governance(table), at);
            }
        }
    }

    fn paragraph(&mut self, content: Vec<Inline>, start: usize) {
        let images = std::mem::take(&mut self.images);
        if let Some(callout) = lone_callout(&content, self.input) {
            self.push_block(BlockKind::Callout(callout), start);
        } else if is_page_break(&content) {
            self.push_block(BlockKind::PageBreak, start);
        } else if !plain_text(&content).trim().is_empty()
            || !crate::document::footnote_refs(&content).is_empty()
        {
            // (Plain text leaves footnote markers out: a paragraph of
            // markers alone is still a paragraph.)
            let content = self.expand_markers(content);
            self.push_block(BlockKind::Paragraph(content), start);
        }
        for image in images {
            self.push(image);
        }
    }

    /// Replaces markers inside running text with the callout's words.
    fn expand_markers(&self, content: Vec<Inline>) -> Vec<Inline> {
        content
            .into_iter()
            .map(|inline| match inline {
                Inline::Text(t) if t.contains(super::REC_OPEN) => Inline::Text(
                    split_markers(&t)
                        .into_iter()
                        .map(|part| match part {
                            Ok(text) => text.to_owned(),
                            Err(id) => (self.input.callout)(id)
                                .map(|c| format!("{} – {}", c.label, c.text))
                                .unwrap_or_default(),
                        })
                        .collect(),
                ),
                other => other,
            })
            .collect()
    }

    fn finish_heading(&mut self, level: u8, mut text: Vec<Inline>, start: usize) {
        // `# Heading {.newpage}`: the section starts on a new page.
        if strip_new_page(&mut text) {
            self.push_block(BlockKind::PageBreak, start);
        }
        let number = self.numbering.number(level);
        let slug = crate::project::slug(&plain_text(&text));
        let anchor = match &number {
            Some(n) => format!("{}s{}-{slug}", self.numbering.prefix, n.replace('.', "-")),
            None => format!("{}{slug}", self.numbering.prefix),
        };
        self.push_block(
            BlockKind::Heading(Heading {
                level,
                number,
                text,
                anchor,
            }),
            start,
        );
    }

    fn finish_cell(&mut self, mut content: Vec<Inline>, start: usize) {
        if !take_gov_markers(&mut content).is_empty() {
            self.problem(start, |input| {
                input
                    .diag(
                        Code::Template,
                        start,
                        "a governance table cannot stand inside a table cell",
                    )
                    .with_hint(Some(
                        "put {{ governance_table(\"id\") }} on a line of its own".into(),
                    ))
            });
        }
        let content = cell_bullets(content);
        let text = plain_text(&content);
        let shade = self
            .input
            .status
            .iter()
            .find(|(k, _)| k == text.trim())
            .map(|(_, v)| v.clone());
        if let Some(Container::Table { row, .. }) = self.blocks.last_mut() {
            row.push(Cell { content, shade });
        }
    }

    fn finish_image(&mut self, url: String, title: String, alt: &[Inline], offset: usize) {
        let alt = plain_text(alt);
        if alt.trim().is_empty() {
            self.problem(offset, |input| {
                input
                    .diag(
                        Code::ImageAlt,
                        offset,
                        format!("image `{url}` has no alt text"),
                    )
                    .with_hint(Some(format!(
                        "describe it for screen-reader users: ![what the image shows]({url})"
                    )))
            });
        }
        let checked = lint::image_path(self.input.folder, &url)
            .map_err(|problem| (Code::ImagePath, problem))
            .and_then(|path| {
                let folder = self.input.folder.unwrap_or(&path);
                let file = self.input.images.load(folder, &path, &url)?;
                Ok((path, file))
            });
        match checked {
            Ok((path, file)) => {
                let title = (!title.is_empty()).then_some(title);
                let origin = self.origin(offset);
                let col = self.input.pos(offset).col;
                let file = Some(file);
                self.images.push(Block {
                    kind: BlockKind::Image(Image {
                        alt,
                        path,
                        title,
                        file,
                        col,
                    }),
                    origin,
                });
            }
            Err((code, problem)) => {
                let folder = self.input.folder;
                // The caret under the path, not the `![alt`.
                let tail = self.input.text.get(offset..).unwrap_or_default();
                let at = tail
                    .find(&format!("]({url}"))
                    .map_or(offset, |i| offset + i + 2);
                let missing = problem.ends_with("does not exist");
                self.problem(offset, |input| {
                    let d = input.diag_range(code, at..at + url.len(), &problem);
                    match folder.filter(|_| missing) {
                        Some(folder) => {
                            let shown = input.source.name.parent().unwrap_or(Path::new(""));
                            let (looked, hint) = lint::missing_image(folder, shown, &url);
                            Diagnostic {
                                message: format!("{problem}: {looked}"),
                                ..d
                            }
                            .with_hint(Some(hint))
                        }
                        None => d,
                    }
                })
            }
        }
    }

    fn set_head(&mut self, head: bool) {
        if let Some(Container::Table { in_head, .. }) = self.blocks.last_mut() {
            *in_head = head;
        }
    }

    fn end_row(&mut self, head: bool) {
        if let Some(Container::Table { table, row, .. }) = self.blocks.last_mut() {
            let cells = std::mem::take(row);
            if head {
                table.header = cells;
            } else if !cells.is_empty() {
                table.rows.push(cells);
            }
        }
    }

    fn open_block(&mut self, c: Container) {
        self.flush_spans();
        self.blocks.push(c);
    }

    /// Closes an implicit paragraph left open by a tight list item.
    fn flush_spans(&mut self) {
        while !self.spans.is_empty() {
            self.close_span(0);
        }
    }

    fn close_block(&mut self, at: usize) {
        self.flush_spans();
        let Some(c) = self.blocks.pop() else { return };
        match c {
            Container::Quote(blocks) => self.push_block(BlockKind::Quote(blocks), at),
            Container::List {
                style,
                items,
                tasks,
            } => self.push_block(
                BlockKind::List(List {
                    style,
                    items,
                    tasks,
                }),
                at,
            ),
            Container::Item(blocks) => {
                if let Some(Container::List { items, .. }) = self.blocks.last_mut() {
                    items.push(blocks);
                }
            }
            Container::Note { label, blocks } => {
                self.notes.defs.insert(label, blocks);
            }
            Container::Table { mut table, .. } => {
                if let Some((caption, attrs)) = self.take_caption() {
                    table.caption = (!caption.is_empty()).then_some(caption);
                    self.table_attrs(&mut table, attrs, at);
                }
                self.push_block(BlockKind::Table(table), at)
            }
            Container::Blocks(blocks) => self.blocks.push(Container::Blocks(blocks)),
        }
    }

    /// Inside a table cell.
    fn in_cell(&self) -> bool {
        self.spans.iter().any(|(s, _, _)| matches!(s, Span::Cell))
    }

    /// Applies a caption's attribute block to `table` (starting at byte
    /// `at`), or reports what is wrong with it at its place in the caption.
    fn table_attrs(&mut self, table: &mut Table, attrs: Result<Attrs, Problem>, at: usize) {
        let columns = table.rows.iter().map(Vec::len).chain([table.header.len()]);
        let columns = columns.max().unwrap_or(0);
        let problem = match attrs {
            Ok(Attrs { landscape, widths }) => {
                table.landscape = landscape;
                match widths {
                    Some((w, _)) if w.len() == columns => {
                        table.widths = Some(w);
                        None
                    }
                    Some((w, word)) => Some((
                        word,
                        format!("{} column widths for a table of {columns} columns", w.len()),
                    )),
                    None => None,
                }
            }
            Err(problem) => Some(problem),
        };
        let Some((offset, message)) = problem else {
            return;
        };
        // The block is the last `{` before the table.
        let block = self.input.text[..at].rfind('{').unwrap_or(at);
        let place = (block + offset).min(at);
        self.problem(place, |input| {
            input
                .diag(Code::TableAttribute, place, message)
                .with_hint(Some(
                "end the caption with {.landscape}, {.portrait} or {widths=2,1,1} (one per column)"
                    .into(),
            ))
        });
    }

    /// A paragraph `Table: <caption>` just before a table is its caption:
    /// taken out of the blocks, its text returned with its attribute block
    /// (`{.landscape widths=3,1,1}`) read.
    fn take_caption(&mut self) -> Option<(String, Result<Attrs, Problem>)> {
        let Some(Container::Blocks(b) | Container::Quote(b) | Container::Item(b)) =
            self.blocks.last_mut()
        else {
            return None;
        };
        let Some(Block {
            kind: BlockKind::Paragraph(content),
            ..
        }) = b.last()
        else {
            return None;
        };
        let text = plain_text(content);
        let caption = text.trim().strip_prefix("Table:")?.trim();
        let (caption, attrs) = caption::split(caption);
        let caption = caption.to_string();
        b.pop();
        Some((caption, attrs))
    }

    fn push_block(&mut self, kind: BlockKind, at: usize) {
        if matches!(kind, BlockKind::PageBreak) && self.too_many_pages(at) {
            return;
        }
        let origin = self.origin(at);
        self.push(Block { kind, origin });
    }

    /// Counts a forced page break at byte `at`: past
    /// [`super::limits::MAX_PAGES`], an error there, and the body is not
    /// read further (a document cannot have that many pages).
    fn too_many_pages(&mut self, at: usize) -> bool {
        use super::limits::MAX_PAGES;
        self.page_breaks += 1;
        if self.page_breaks <= MAX_PAGES {
            return false;
        }
        let message = format!(
            "page break number {}: a document may have at most {MAX_PAGES} pages",
            self.page_breaks
        );
        let d = self.input.diag(Code::TooLarge, at, message);
        let hint = "remove page breaks, or split the paper into several";
        self.diags.push(d.with_hint(Some(hint.into())));
        self.halted = true;
        true
    }

    fn push(&mut self, block: Block) {
        match self.blocks.last_mut() {
            Some(Container::Blocks(b) | Container::Quote(b) | Container::Item(b)) => b.push(block),
            Some(Container::Note { blocks, .. }) => blocks.push(block),
            _ => {}
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush_spans();
        while self.blocks.len() > 1 {
            self.close_block(self.input.text.len());
        }
        match self.blocks.pop() {
            Some(Container::Blocks(b)) => b,
            _ => Vec::new(),
        }
    }
}

/// `<br>`, `<br/>` or `<br />`: a line break, allowed inside table cells.
fn is_br(html: &str) -> bool {
    let h = html.trim().to_ascii_lowercase();
    matches!(h.as_str(), "<br>" | "<br/>" | "<br />")
}

/// A cell's lines (split by `<br>`) that start with `- ` become bullet
/// items: the dash turns into "•" with a no-break space.
fn cell_bullets(content: Vec<Inline>) -> Vec<Inline> {
    let mut line_start = true;
    content
        .into_iter()
        .map(|inline| {
            let out = match inline {
                Inline::Text(t) if line_start => match t.strip_prefix("- ") {
                    Some(rest) => Inline::Text(format!("\u{2022}\u{a0}{rest}")),
                    None => Inline::Text(t),
                },
                other => other,
            };
            line_start = matches!(out, Inline::Break);
            out
        })
        .collect()
}

/// Takes a trailing `{.newpage}` off a heading's text; true when there
/// was one.
fn strip_new_page(text: &mut Vec<Inline>) -> bool {
    let Some(Inline::Text(last)) = text.last_mut() else {
        return false;
    };
    let Some(rest) = last.trim_end().strip_suffix("{.newpage}") else {
        return false;
    };
    let rest = rest.trim_end().to_string();
    if rest.is_empty() {
        text.pop();
    } else {
        *last = rest;
    }
    true
}

/// A paragraph of just `\newpage` (or `\pagebreak`): an author's page break.
fn is_page_break(content: &[Inline]) -> bool {
    matches!(plain_text(content).trim(), "\\newpage" | "\\pagebreak")
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

fn map_align(a: &Alignment) -> Align {
    match a {
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
        Alignment::Left | Alignment::None => Align::Left,
    }
}

/// BP056: an indented line that Markdown makes a code block (a tab at the
/// start of a line does it too), which a board paper almost never means.
fn indented_code(input: &Input<'_>, at: usize) -> Diagnostic {
    let start = input.text[..at.min(input.text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = input.text[start..].lines().next().unwrap_or_default();
    let how = if line.starts_with('\t') {
        "starts with a tab"
    } else {
        "is indented four spaces or more"
    };
    input
        .diag_range(
            Code::IndentedCode,
            start..start + 1,
            format!("this line {how}, so it is shown as a code block (monospaced, unwrapped)"),
        )
        .with_hint(Some(
            "remove the indentation for a paragraph (or fence code between ``` lines)".into(),
        ))
        .into_warning()
}

#[cfg(test)]
mod tests {
    use super::{strip_new_page, Footnotes};

    #[test]
    fn a_heading_may_ask_for_a_new_page() {
        use crate::document::Inline;
        let text = |s: &str| Inline::Text(s.into());
        let mut h = vec![text("Finance {.newpage}")];
        assert!(strip_new_page(&mut h));
        assert_eq!(h, vec![text("Finance")]);
        let mut h = vec![
            text("Finance"),
            Inline::FootnoteRef(1),
            text(" {.newpage} "),
        ];
        assert!(strip_new_page(&mut h));
        assert_eq!(h, vec![text("Finance"), Inline::FootnoteRef(1)]);
        let mut h = vec![text("Finance {.newpage} now")];
        assert!(!strip_new_page(&mut h));
        let mut h = vec![Inline::Emph(vec![text("{.newpage}")])];
        assert!(!strip_new_page(&mut h));
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference_in_linear_time() {
        let mut notes = Footnotes::default();
        let labels: Vec<String> = (0..200_000).map(|i| format!("n{i}")).collect();
        for (i, label) in labels.iter().enumerate() {
            assert_eq!(notes.number(label), i + 1);
        }
        for (i, label) in labels.iter().enumerate().rev() {
            assert_eq!(notes.number(label), i + 1);
        }
        assert_eq!(notes.order.len(), 200_000);
        assert_eq!(notes.order[41], "n41");
    }
}
