//! Typesetting long papers (issue 14), checked on every page of the demo
//! and of the long strategy fixture through `dump-layout`: no text outside
//! the page, no overlapping text, no heading or lead-in at a page foot,
//! every footnote at the foot of its reference's page; and each page's
//! fill, printed and bounded.

mod common;

use common::Project;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const BODY_TOP: f32 = 70.0;
const BODY_BOTTOM: f32 = PAGE_H - 62.0;

/// One text run of a dump.
#[derive(Debug, Clone)]
struct Text {
    x: f32,
    y: f32,
    size: f32,
    w: f32,
    bold: bool,
    text: String,
}

/// One page of a dump: its size, text, bookmarks/anchors and links (url, y).
#[derive(Debug, Default)]
struct DumpPage {
    /// Width and height in points (A4 portrait unless the dump says
    /// `landscape WxH`).
    size: (f32, f32),
    texts: Vec<Text>,
    anchors: Vec<(String, f32)>,
    bookmarks: Vec<f32>,
    links: Vec<String>,
    /// Link areas: (url, top, height).
    areas: Vec<(String, f32, f32)>,
    /// Link areas: (url, x, top, width, height).
    boxes: Vec<(String, f32, f32, f32, f32)>,
    /// Rules: (x1, y1, x2, y2).
    rules: Vec<(f32, f32, f32, f32)>,
    /// Bookmarks: (level, anchor).
    outline: Vec<(u8, String)>,
    /// The y of the short rule above the footnotes, if any.
    note_rule: Option<f32>,
}

impl DumpPage {
    /// The bottom of the content band (62 pt above the page's foot).
    fn body_bottom(&self) -> f32 {
        self.size.1 - (PAGE_H - BODY_BOTTOM)
    }

    fn landscape(&self) -> bool {
        self.size.0 > self.size.1
    }

    /// Body text: inside the content band and above the footnotes.
    fn body(&self) -> Vec<&Text> {
        let bottom = self.body_bottom();
        let foot = self.note_rule.unwrap_or(bottom + 1.0);
        self.texts
            .iter()
            .filter(|t| t.y > BODY_TOP && t.y < foot && t.y <= bottom + 0.1)
            .collect()
    }

    /// How much of the content band the body text reaches down to.
    fn fill(&self) -> f32 {
        let bottom = self.body().iter().map(|t| t.y).fold(BODY_TOP, f32::max);
        (bottom - BODY_TOP) / (self.body_bottom() - BODY_TOP)
    }
}

fn num(s: &str) -> f32 {
    s.trim_start_matches("w=")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {s}"))
}

fn parse(dump: &str) -> Vec<DumpPage> {
    let mut pages: Vec<DumpPage> = Vec::new();
    for line in dump.lines() {
        if line.starts_with("== page") {
            let size = match line.split_once(" landscape ") {
                Some((_, wh)) => {
                    let (w, h) = wh.split_once('x').expect("WxH");
                    (num(w), num(h))
                }
                None => (PAGE_W, PAGE_H),
            };
            pages.push(DumpPage {
                size,
                ..DumpPage::default()
            });
            continue;
        }
        let Some(page) = pages.last_mut() else {
            continue;
        };
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.first().copied() {
            Some("text") => {
                let quoted = line.splitn(8, ' ').nth(7).unwrap_or("\"\"");
                page.texts.push(Text {
                    x: num(f[1]),
                    y: num(f[2]),
                    bold: f[3].starts_with('B'),
                    size: num(f[4]),
                    w: num(f[6]),
                    text: quoted.trim_matches('"').to_string(),
                });
            }
            Some("anchor") => page.anchors.push((f[2].to_string(), num(f[1]))),
            Some("bookmark") => {
                page.bookmarks.push(num(f[1]));
                let level = f[2].trim_start_matches("level=").parse().unwrap_or(0);
                page.outline.push((level, f[3].to_string()));
                page.anchors.push((f[3].to_string(), num(f[1])));
            }
            Some("link") => {
                page.links.push(f[4].to_string());
                let h = f[3].split('x').nth(1).map_or(0.0, num);
                let w = f[3].split('x').next().map_or(0.0, num);
                page.areas.push((f[4].to_string(), num(f[2]), h));
                page.boxes
                    .push((f[4].to_string(), num(f[1]), num(f[2]), w, h));
            }
            Some("rule") if f[1] == "56.7" && f[4] == "176.7" => page.note_rule = Some(num(f[2])),
            Some("rule") => page
                .rules
                .push((num(f[1]), num(f[2]), num(f[4]), num(f[5]))),
            _ => {}
        }
    }
    pages
}

fn dump(p: &Project, trust: &str, paper: &str) -> Vec<DumpPage> {
    let run = p.run(&["dump-layout", "--trust", trust, "--paper", paper]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    parse(&run.stdout)
}

/// The copies checked: the demo's four golden ones and the strategy.
fn copies() -> Vec<(String, Vec<DumpPage>)> {
    let demo = Project::fixture("demo");
    let mut out = Vec::new();
    for (trust, paper) in [
        ("lpt", "ema-update"),
        ("nhft", "ema-update"),
        ("lpt", "group-highlight"),
        ("nhft", "group-highlight"),
    ] {
        out.push((format!("{trust}/{paper}"), dump(&demo, trust, paper)));
    }
    let strategy = Project::fixture("strategy");
    out.push((
        "alpha/strategy".into(),
        dump(&strategy, "alpha", "strategy"),
    ));
    // Issue 25's papers from other trusts, and every cover and table option.
    for (fixture, trust, paper) in [
        ("partnerships", "meadow", "partnerships-report"),
        ("partnerships", "harbour", "partnerships-report"),
        ("system", "county", "system-strategy"),
        ("options", "few", "options"),
        ("options", "many", "options"),
        ("options", "all", "options"),
        ("continued", "north", "continued"),
    ] {
        let p = Project::fixture(fixture);
        out.push((format!("{trust}/{paper}"), dump(&p, trust, paper)));
    }
    out
}

/// Whether `page` starts a section: a bookmark of level 1 (front sheet,
/// contents, body, appendix) or 2 (a body section, an appendix's own)
/// at the top of its text.
fn starts_section(page: &DumpPage) -> bool {
    let top = page.body().iter().map(|t| t.y).fold(f32::MAX, f32::min);
    page.outline
        .iter()
        .zip(&page.bookmarks)
        .any(|((level, _), y)| *level <= 2 && *y <= top + 1.0)
}

/// The pages (1-based) of a copy filled below `least` that do not end
/// the copy or come before a section start: holes in the middle of a
/// section, unless named.
fn holes(pages: &[DumpPage], least: f32) -> Vec<(usize, f32)> {
    pages
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[0].fill() < least && !starts_section(&w[1]))
        .map(|(n, w)| (n + 1, w[0].fill()))
        .collect()
}

/// Issue 25: a page is left short only where a section, a landscape run
/// or a forced break starts. Every copy of more than three pages is
/// measured; no page in the middle of a section is below 40% fill. The
/// exceptions are named here with their reason, and each is checked to be
/// one the rule allows: the page after it is turned (a landscape run
/// starts there, its heading and lead-in with it: nothing that follows can
/// come up onto the short page without leaving the order it is read in).
#[test]
fn no_page_in_the_middle_of_a_section_is_below_40_percent() {
    // (copy, page): why it may be short.
    let exceptions = [
        (
            "county/system-strategy",
            10,
            "4.4's two landscape tables start page 11, with 4.4's heading and lead-in",
        ),
        (
            "north/continued",
            8,
            "the spending table starts a landscape run on page 9, with its lead-in",
        ),
    ];
    let mut measured = 0;
    let mut used = Vec::new();
    for (name, pages) in copies() {
        if pages.len() <= 3 {
            continue;
        }
        measured += 1;
        for (n, fill) in holes(&pages, 0.4) {
            let named = exceptions.iter().find(|(c, p, _)| *c == name && *p == n);
            assert!(
                named.is_some(),
                "{name} page {n} is {:.0}% full in the middle of a section",
                100.0 * fill
            );
            // Allowed by the rule: the next page turns, and the heading or
            // lead-in before the turned table went with it (the short page
            // ends in body text, not a heading).
            assert!(
                pages[n].landscape() && !pages[n - 1].landscape(),
                "{name} page {n}: named as before a landscape run, but page {} is not one",
                n + 1
            );
            used.push((name.clone(), n));
        }
    }
    assert!(measured >= 10, "{measured} copies measured");
    for (c, p, why) in exceptions {
        assert!(
            used.contains(&(c.to_string(), p)),
            "{c} page {p} is named ({why}) but is not short"
        );
    }
}

/// Issue 25: a heading or lead-in travels with the turned table it
/// introduces, and so does a part's title laid out before it (an appendix
/// that opens with a wide table); one or two blocks between two turned
/// tables share their turned pages rather than make a portrait page of
/// their own. Each pair is on one landscape page.
#[test]
fn headings_and_lead_ins_travel_with_their_turned_tables() {
    let on_one_turned_page = |pages: &[DumpPage], pairs: &[(&str, &str)]| {
        // The page of the first bold run `s` (a heading or caption, not a
        // front-sheet link to it), or of any run for a lead-in.
        let page_of = |s: &str| {
            pages
                .iter()
                .position(|p| {
                    p.texts
                        .iter()
                        .any(|t| t.text == s && (t.bold || s.ends_with(':')))
                })
                .unwrap_or_else(|| panic!("{s:?} is not laid out"))
        };
        for (first, table) in pairs {
            let (a, b) = (page_of(first), page_of(table));
            assert_eq!(a, b, "{first:?} on page {}, {table:?} on {}", a + 1, b + 1);
            assert!(pages[a].landscape(), "page {} is not turned", a + 1);
        }
    };
    let p = Project::fixture("continued");
    on_one_turned_page(
        &dump(&p, "north", "continued"),
        &[
            ("3. Plans by year", "Care closer to home by year"),
            ("The spending plan by month is:", "Spending by month"),
            ("Appendix A – Delivery detail", "Workstream steps"),
            ("After the steps", "Risks by quarter"),
        ],
    );
    let p = Project::fixture("system");
    on_one_turned_page(
        &dump(&p, "county", "system-strategy"),
        &[
            (
                "4.4 Our plan year by year",
                "Care closer to home: ambitions year by year",
            ),
            (
                "The ambitions for prevention and inequalities follow:",
                "Prevention and inequalities: ambitions year by year",
            ),
        ],
    );
}

#[test]
fn the_strategy_fixture_is_a_long_paper() {
    let p = Project::fixture("strategy");
    let pages = dump(&p, "alpha", "strategy");
    assert!(pages.len() >= 30, "{} pages", pages.len());
    let notes = pages
        .iter()
        .flat_map(|p| &p.anchors)
        .filter(|(a, _)| a.starts_with("#fn-"))
        .count();
    assert!(notes >= 10, "{notes} footnotes");
}

#[test]
fn no_text_outside_the_page() {
    for (name, pages) in copies() {
        for (n, page) in pages.iter().enumerate() {
            let (w, h) = page.size;
            for t in &page.texts {
                let inside = t.x >= 0.0 && t.x + t.w <= w + 0.1 && t.y - t.size >= 0.0 && t.y <= h;
                assert!(inside, "{name} page {}: {t:?} leaves the page", n + 1);
            }
        }
    }
}

#[test]
fn no_two_text_runs_overlap() {
    for (name, pages) in copies() {
        for (n, page) in pages.iter().enumerate() {
            let boxes: Vec<(&Text, [f32; 4])> = page
                .texts
                .iter()
                .map(|t| (t, [t.x, t.y - 0.7 * t.size, t.x + t.w, t.y + 0.1 * t.size]))
                .collect();
            for (i, (a, ba)) in boxes.iter().enumerate() {
                for (b, bb) in &boxes[i + 1..] {
                    let overlap = ba[0] < bb[2] - 0.2
                        && bb[0] < ba[2] - 0.2
                        && ba[1] < bb[3] - 0.2
                        && bb[1] < ba[3] - 0.2;
                    assert!(!overlap, "{name} page {}: {a:?} overlaps {b:?}", n + 1);
                }
            }
        }
    }
}

#[test]
fn no_heading_or_lead_in_ends_a_page() {
    for (name, pages) in copies() {
        // The last page of a copy has nothing after it to stay with.
        for (n, page) in pages.iter().enumerate().take(pages.len() - 1) {
            let body = page.body();
            let Some(last_y) = body.iter().map(|t| t.y).reduce(f32::max) else {
                continue;
            };
            let last_line: Vec<&&Text> = body.iter().filter(|t| t.y == last_y).collect();
            let text: String = last_line.iter().map(|t| t.text.as_str()).collect();
            // A heading's lines are bold and follow its bookmark: the page
            // ends with one when its last line is bold with a bookmark just
            // above and no text between.
            let bold = last_line.iter().all(|t| t.bold);
            let heading = bold
                && page.bookmarks.iter().any(|b| {
                    *b < last_y && body.iter().all(|t| t.y <= *b || t.bold || t.y > last_y)
                });
            assert!(
                !heading,
                "{name} page {} ends with a heading: {text:?}",
                n + 1
            );
            // A lead-in is body-size text (a table cell's label is smaller).
            let body_size = last_line.iter().all(|t| t.size >= 12.0);
            assert!(
                !(body_size && text.trim_end().ends_with(':')),
                "{name} page {} ends with a lead-in: {text:?}",
                n + 1
            );
        }
    }
}

#[test]
fn every_footnote_sits_at_the_foot_of_its_reference_page() {
    for (name, pages) in copies() {
        let page_of_link = |url: &str| pages.iter().position(|p| p.links.iter().any(|l| l == url));
        let mut checked = 0;
        for (n, page) in pages.iter().enumerate() {
            for (anchor, y) in &page.anchors {
                let Some(number) = anchor.strip_prefix("#fn-") else {
                    continue;
                };
                let reference = page_of_link(&format!("#fn-{number}"));
                assert_eq!(
                    reference,
                    Some(n),
                    "{name}: note {number} is on page {}",
                    n + 1
                );
                let rule = page.note_rule.expect("a rule above the notes");
                assert!(*y > rule, "{name}: note {number} above the rule");
                // The note's number links back to the reference.
                assert!(page.links.contains(&format!("#fnref-{number}")));
                checked += 1;
            }
        }
        if name == "alpha/strategy" {
            assert_eq!(checked, 25);
        }
    }
}

/// Prints each page's fill (how far down the band the body text reaches)
/// and fails on a near-empty page (below 20%), the mark of a short spill.
#[test]
fn page_fill_of_every_page() {
    for (name, pages) in copies() {
        let fills: Vec<String> = pages
            .iter()
            .map(|p| format!("{:.0}%", 100.0 * p.fill()))
            .collect();
        eprintln!("{name}: {}", fills.join(" "));
        for (n, page) in pages.iter().enumerate() {
            // Named: the last page of a contents list a few lines longer
            // than a page (its entries are never tightened, and the body
            // starts a page after it, as a section does, so the numbers
            // the contents print do not move). A front sheet's spill is
            // never named: the body runs on on it (issue 25).
            let contents_spill = [("county/system-strategy", 2)];
            if contents_spill.contains(&(name.as_str(), n)) {
                continue;
            }
            // The last page of a landscape run (a wide table's last rows)
            // ends its run as the end of a section does.
            let run_ends = pages.get(n + 1).is_some_and(|next| next.size != page.size);
            if page.landscape() && run_ends {
                continue;
            }
            assert!(
                page.fill() >= 0.2,
                "{name} page {} is near-empty: {}",
                n + 1,
                fills[n]
            );
        }
    }
}

/// The strategy's layout and structure tree, as goldens.
#[test]
fn golden_dumps_of_the_strategy() {
    let p = Project::fixture("strategy");
    for (extra, suffix) in [(None, "layout.txt"), (Some("--tags"), "tags.txt")] {
        let mut args = vec!["dump-layout", "--trust", "alpha", "--paper", "strategy"];
        args.extend(extra);
        let run = p.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        common::assert_golden(&format!("alpha-strategy.{suffix}"), &run.stdout);
    }
}

/// The page (0-based) holding anchor `#anchor`.
fn page_of_anchor(pages: &[DumpPage], anchor: &str) -> Option<usize> {
    pages
        .iter()
        .position(|p| p.anchors.iter().any(|(a, _)| a == anchor))
}

#[test]
fn the_contents_lists_each_section_with_its_page() {
    for (name, pages) in copies() {
        let contents = page_of_anchor(&pages, "#contents");
        let short = [
            "group-highlight",
            "partnerships-report",
            "options",
            "continued",
        ];
        if short.iter().any(|s| name.ends_with(s)) {
            // Below the length (or the sections) that gets a contents page
            // by default.
            assert_eq!(contents, None, "{name}");
            continue;
        }
        let first = contents.unwrap_or_else(|| panic!("{name} has no contents page"));
        let body = page_of_anchor(&pages, "#paper").expect("the body's title");
        assert!(body > first, "{name}: the contents come before the body");
        let mut listed = Vec::new();
        for page in &pages[first..body] {
            for (url, top, h) in &page.areas {
                // The entry's number: the rightmost text on the link's line.
                let number = page
                    .texts
                    .iter()
                    .filter(|t| t.y > *top && t.y <= top + h)
                    .max_by(|a, b| a.x.total_cmp(&b.x))
                    .map(|t| t.text.clone())
                    .unwrap_or_default();
                let target = page_of_anchor(&pages, url)
                    .unwrap_or_else(|| panic!("{name}: {url} leads nowhere"));
                assert_eq!(number, (target + 1).to_string(), "{name}: {url}");
                let leaders = page
                    .texts
                    .iter()
                    .any(|t| t.y > *top && t.y <= top + h && t.text.starts_with(". . ."));
                assert!(leaders, "{name}: {url} has no dot leaders");
                listed.push(url.clone());
            }
        }
        // Every section of the body and every appendix is listed.
        for page in &pages[body..] {
            for (level, anchor) in &page.outline {
                if *level == 1 && anchor != "#paper" {
                    assert!(listed.contains(anchor), "{name}: {anchor} not listed");
                }
            }
        }
        assert!(listed.len() >= 10, "{name}: {} entries", listed.len());
    }
}

/// The mini fixture's `update` paper with `body` appended.
fn mini_with(body: &str) -> Project {
    let p = Project::fixture("mini");
    let text = p.read("papers/update.md");
    p.write("papers/update.md", format!("{text}\n{body}\n"));
    p
}

const CONVENTIONS: &str = "\
The measures are:

Table: Workforce measures

| Measure | Actions |
|---|---|
| Vacancies | - recruit<br>- retain<br/>- train |
| Sickness | Below 4%<br />this year |

\\newpage

After the break comes this paragraph.
";

#[test]
fn captions_cell_breaks_cell_bullets_and_page_breaks_in_html() {
    let p = mini_with(CONVENTIONS);
    let run = p.run(&["build", "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("raw HTML"), "{}", run.stderr);
    let html = p.read("build/alpha/update.html");
    assert!(
        html.contains("<caption>Workforce measures</caption>"),
        "caption"
    );
    assert!(
        !html.contains("Table: Workforce"),
        "the caption paragraph is gone"
    );
    assert!(html.contains("•\u{a0}recruit<br>"), "bullets in a cell");
    assert!(html.contains("•\u{a0}train"), "the last bullet");
    assert!(html.contains("Below 4%<br>"), "a line break in a cell");
    assert!(html.contains("<div class=\"page-break\"></div>"));
    assert!(!html.contains("\\newpage"));
}

#[test]
fn captions_cell_lines_and_page_breaks_in_the_pdf() {
    let p = mini_with(CONVENTIONS);
    let run = p.run(&["dump-layout", "--trust", "alpha", "--paper", "update"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = parse(&run.stdout);
    let find = |text: &str| {
        pages
            .iter()
            .enumerate()
            .find_map(|(n, p)| {
                p.texts
                    .iter()
                    .find(|t| t.text.starts_with(text))
                    .map(|t| (n, t.clone()))
            })
            .unwrap_or_else(|| panic!("{text:?} is not laid out"))
    };
    let (caption_page, caption) = find("Workforce measures");
    assert!(caption.bold, "the caption is set in bold above the table");
    // Each bullet on its own line in the cell, one under the other.
    let (_, a) = find("• recruit");
    let (_, b) = find("• retain");
    let (_, c) = find("• train");
    assert!(a.y < b.y && b.y < c.y && (a.x - c.x).abs() < 0.1);
    // The paragraph after \newpage starts the next page's body.
    let (after_page, after) = find("After the break");
    assert_eq!(after_page, caption_page + 1);
    let first_body = pages[after_page]
        .body()
        .iter()
        .map(|t| t.y)
        .fold(f32::MAX, f32::min);
    assert_eq!(after.y, first_body);
}

const TASKS: &str = "\
The steps:

- [x] Agree the plan
- [ ] Publish the dashboard
  - [x] Draft the measures
- A plain item
";

#[test]
fn task_list_marks_are_the_list_labels_in_the_pdf() {
    let p = mini_with(TASKS);
    let run = p.run(&[
        "dump-layout",
        "--trust",
        "alpha",
        "--paper",
        "update",
        "--tags",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let tree: Vec<&str> = run.stdout.lines().map(str::trim).collect();
    let at = tree
        .iter()
        .position(|l| l.starts_with("Lbl alt=\"Done\""))
        .expect("a task mark as a list label");
    assert_eq!(
        tree[at - 2..at + 16],
        [
            "L",
            "LI",
            "Lbl alt=\"Done\" \"\u{2713}\"",
            "LBody",
            "P \"Agree the plan\"",
            "LI",
            "Lbl alt=\"Not done\" \"\u{2717}\"",
            "LBody",
            "P \"Publish the dashboard\"",
            "L",
            "LI",
            "Lbl alt=\"Done\" \"\u{2713}\"",
            "LBody",
            "P \"Draft the measures\"",
            "LI",
            "Lbl \"\u{2022}\"",
            "LBody",
            "P \"A plain item\"",
        ]
    );
    // The marks are set (in the fallback face) left of their items' text.
    let run = p.run(&["dump-layout", "--trust", "alpha", "--paper", "update"]);
    let pages = parse(&run.stdout);
    let texts: Vec<&Text> = pages.iter().flat_map(|p| &p.texts).collect();
    let find = |s: &str| {
        *texts
            .iter()
            .find(|t| t.text == s && t.size == 12.0)
            .unwrap_or_else(|| panic!("{s:?} is not laid out"))
    };
    let (done, item) = (find("\u{2713}"), find("Agree the plan"));
    assert_eq!(done.y, item.y);
    assert!(done.x + done.w < item.x, "{done:?} {item:?}");
    assert_eq!(find("\u{2717}").y, find("Publish the dashboard").y);
    assert!(!texts
        .iter()
        .any(|t| t.text.contains("[x]") || t.text.contains("[ ]")));
}

#[test]
fn task_lists_say_their_state_in_html() {
    let p = mini_with(TASKS);
    let run = p.run(&["build", "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = p.read("build/alpha/update.html");
    let mark = |done: bool, said: &str, text: &str| {
        let (class, mark) = if done {
            ("task done", "\u{2713}")
        } else {
            ("task", "\u{2717}")
        };
        format!(
            "<li class=\"{class}\"><span class=\"task-mark\" aria-hidden=\"true\">{mark}</span>\
             <span class=\"visually-hidden\">{said}: </span>{text}"
        )
    };
    assert!(html.contains("<ul class=\"tasks\">\n"), "{html}");
    assert!(html.contains(&mark(true, "Done", "Agree the plan</li>")));
    // An item holding a nested list keeps its paragraph (the mark sits
    // outside the flow, beside it).
    assert!(html.contains(&mark(false, "Not done", "<p>Publish the dashboard</p>")));
    assert!(html.contains(&mark(true, "Done", "Draft the measures</li>")));
    assert!(html.contains("<li>A plain item</li>"));
    assert!(!html.contains("[x]") && !html.contains("[ ]"));
}

/// Each page's size as `pdfinfo` reads it back from the PDF's MediaBox,
/// with its `/Rotate`.
fn page_sizes(p: &Project, pdf: &str) -> Vec<(f32, f32, u32)> {
    let out = std::process::Command::new("pdfinfo")
        .args(["-f", "1", "-l", "9999", pdf])
        .current_dir(p.path())
        .output()
        .unwrap_or_else(|e| panic!("pdfinfo is needed for this test ({e}); .ci/run installs it"));
    assert!(out.status.success(), "pdfinfo {pdf} failed");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut sizes = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.as_slice() {
            ["Page", _, "size:", w, "x", h, ..] => sizes.push((num(w), num(h), 0)),
            ["Page", _, "rot:", r] => {
                if let Some(last) = sizes.last_mut() {
                    last.2 = r.parse().unwrap_or(0);
                }
            }
            _ => {}
        }
    }
    sizes
}

#[test]
fn a_table_too_wide_for_portrait_gets_a_landscape_page_of_its_own() {
    let p = Project::fixture("strategy");
    let run = p.run(&["build", "--trust", "alpha", "--format", "pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = "build/alpha/strategy.pdf";
    let sizes = page_sizes(&p, pdf);
    assert!(sizes.len() >= 30, "{sizes:?}");
    let turned: Vec<usize> = (0..sizes.len())
        .filter(|&n| sizes[n].0 > sizes[n].1)
        .collect();
    assert_eq!(turned.len(), 1, "one landscape page: {sizes:?}");
    let n = turned[0];
    // A landscape MediaBox, not a rotated portrait one; its neighbours portrait.
    assert_eq!(sizes[n], (841.89, 595.28, 0));
    assert_eq!(sizes[n - 1], (595.28, 841.89, 0));
    assert_eq!(sizes[n + 1], (595.28, 841.89, 0));
    let page = |k: usize| p.page_text(&[], pdf, k + 1);
    let here = page(n);
    // The lead-in, caption and whole table are on it, and nothing else
    // of the body.
    assert!(here.contains("Monthly spend on community services in 2023/24"));
    assert!(here.contains("Monthly spend by service line, 2023/24 (£000)"));
    assert!(here.contains("Psychological therapies") && here.contains("Total"));
    assert!(!page(n - 1).contains("Monthly spend"));
    assert!(!page(n + 1).contains("Monthly spend"));
    // In the layout: the header and footer fitted to the turned page's
    // width, the table's text inside its margins and on one line a cell.
    let pages = dump(&p, "alpha", "strategy");
    let laid = &pages[n];
    assert!(laid.landscape());
    let right = 841.89 - 56.69;
    let footer = laid
        .texts
        .iter()
        .find(|t| t.text.starts_with("Page "))
        .expect("a page number");
    assert!((footer.x + footer.w - right).abs() < 0.2, "{footer:?}");
    assert!(laid.texts.iter().all(|t| t.x + t.w <= right + 0.2));
    let row = laid
        .texts
        .iter()
        .find(|t| t.text == "Adult community mental health")
        .expect("a row label on one line");
    let same_line = laid.texts.iter().filter(|t| t.y == row.y).count();
    assert_eq!(same_line, 14, "a label, twelve months and a total");
    let portrait = pages.iter().filter(|p| !p.landscape()).count();
    assert_eq!(portrait, pages.len() - 1);
    // The HTML prints the same table (and only it) on a landscape page.
    let run = p.run(&["build", "--trust", "alpha", "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = p.read("build/alpha/strategy.html");
    assert_eq!(
        html.matches("<div class=\"table-wrap landscape\"").count(),
        1
    );
    assert!(html.contains(
        "<div class=\"table-wrap landscape\" role=\"region\" aria-label=\"Monthly spend by service line"
    ));
}

const ORIENTATIONS: &str = "\
The narrow table asked to turn:

Table: Asked for {.landscape}

| A | B |
|---|---|
| one | two |

A paragraph between.

Table: Kept portrait {.portrait}

| C1 | C2 | C3 | C4 | C5 | C6 | C7 | C8 | C9 | C10 | C11 | C12 | C13 | C14 |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 10,000 | 20,000 | 30,000 | 40,000 | 50,000 | 60,000 | 70,000 | 80,000 | 90,000 | 10,000 | 20,000 | 30,000 | 40,000 | 50,000 |

- In a list a wide table stays portrait:

  | C1 | C2 | C3 | C4 | C5 | C6 | C7 | C8 | C9 | C10 | C11 | C12 | C13 | C14 |
  |---|---|---|---|---|---|---|---|---|---|---|---|---|---|
  | 10,000 | 20,000 | 30,000 | 40,000 | 50,000 | 60,000 | 70,000 | 80,000 | 90,000 | 10,000 | 20,000 | 30,000 | 40,000 | 50,000 |

The last paragraph.
";

#[test]
fn a_caption_asks_for_landscape_or_portrait() {
    let p = mini_with(ORIENTATIONS);
    let run = p.run(&["dump-layout", "--trust", "alpha", "--paper", "update"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = parse(&run.stdout);
    let page_of = |text: &str| {
        pages
            .iter()
            .position(|p| p.texts.iter().any(|t| t.text.starts_with(text)))
            .unwrap_or_else(|| panic!("{text:?} is not laid out"))
    };
    let asked = page_of("Asked for");
    assert!(pages[asked].landscape(), "{{.landscape}} turns the page");
    // The lead-in goes with it; the next paragraph is back on portrait.
    assert_eq!(page_of("The narrow table asked to turn:"), asked);
    let between = page_of("A paragraph between.");
    assert_eq!(between, asked + 1);
    assert!(!pages[between].landscape());
    assert!(!pages[page_of("Kept portrait")].landscape());
    assert!(!pages[page_of("In a list a wide table")].landscape());
    assert_eq!(pages.iter().filter(|p| p.landscape()).count(), 1);
    // The attribute is not shown.
    let all: Vec<&Text> = pages.iter().flat_map(|p| &p.texts).collect();
    assert!(
        !all.iter().any(|t| t.text.contains("{.")),
        "attribute shown"
    );
    // HTML: the asked-for table prints landscape, the refused one and the
    // one in the list not.
    let run = p.run(&["build", "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = p.read("build/alpha/update.html");
    assert!(html
        .contains("<div class=\"table-wrap landscape\" role=\"region\" aria-label=\"Asked for\""));
    assert!(html.contains("<div class=\"table-wrap\" role=\"region\" aria-label=\"Kept portrait\""));
    assert_eq!(html.matches("table-wrap landscape").count(), 1);
    assert!(html.contains("<caption>Asked for</caption>"));
    assert!(html.contains("@page landscape { size: A4 landscape; }"));
}

#[test]
fn contents_page_numbers_sit_inside_their_links() {
    let p = Project::fixture("strategy");
    let args = ["dump-layout", "--trust", "alpha", "--paper", "strategy"];
    let run = p.run(&[&args[..], &["--tags"]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().map(str::trim).collect();
    let toc = lines.iter().position(|l| *l == "TOC").expect("a TOC");
    let mut entries = 0;
    let mut i = toc + 1;
    while lines.get(i) == Some(&"TOCI") {
        // The item holds no text of its own: one Link with the title and
        // the page number.
        let link = lines[i + 1];
        let number = link
            .trim_end_matches('"')
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse::<usize>().ok());
        assert!(
            link.starts_with("Link \"") && number.is_some(),
            "entry {entries}: {link}"
        );
        entries += 1;
        i += 2;
    }
    assert!(entries >= 10, "{entries} entries");
    // In the layout each number has a link area of its own to the entry's
    // heading, covering it.
    let run = p.run(&args);
    let pages = parse(&run.stdout);
    let first = page_of_anchor(&pages, "#contents").expect("a contents page");
    let page = &pages[first];
    let mut numbers = 0;
    for (url, x, top, w, h) in page.boxes.iter().cloned() {
        // The texts the area covers, across and down.
        let covered: Vec<&Text> = page
            .texts
            .iter()
            .filter(|t| t.y > top && t.y <= top + h && t.x >= x - 0.1 && t.x + t.w <= x + w + 0.1)
            .collect();
        if let [number] = covered.as_slice() {
            if number.text.parse::<usize>().is_ok() {
                let target = page_of_anchor(&pages, &url).expect("a target");
                assert!(x > 500.0, "the number's own area: {url} at {x}");
                assert_eq!(number.text, (target + 1).to_string(), "{url}");
                numbers += 1;
            }
        }
    }
    assert!(numbers >= 10, "{numbers} numbers with their own link");
}

#[test]
fn a_heading_ending_in_newpage_starts_its_section_on_a_new_page() {
    // In the strategy (a level-1 section) and in a short paper (a level-2
    // heading with a footnote marker, after a short paragraph).
    let mini = mini_with(
        "A short paragraph.\n\n## Second part[^n] {.newpage}\n\nIts text.\n\n[^n]: A note.\n",
    );
    let cases = [
        (
            Project::fixture("strategy"),
            "alpha",
            "strategy",
            "#s11-equality-diversity-and-inclusion",
            "11. Equality, diversity and inclusion",
        ),
        (
            mini,
            "alpha",
            "update",
            "#s1-1-second-part",
            "1.1 Second part",
        ),
    ];
    for (p, trust, paper, anchor, text) in cases {
        let pages = dump(&p, trust, paper);
        let n = page_of_anchor(&pages, anchor).unwrap_or_else(|| panic!("{anchor}"));
        // The heading is the first body text of its page, shown without
        // the attribute, and the page before is not full.
        let top = pages[n].body()[0].clone();
        assert_eq!(top.text, text, "{anchor}");
        assert!(
            pages[n - 1].fill() < 0.95,
            "{anchor}: the page before is full"
        );
        let all = pages.iter().flat_map(|p| &p.texts);
        assert!(!all.clone().any(|t| t.text.contains("newpage")));
        // HTML: a page break before the heading, its id and text clean.
        let run = p.run(&["build", "--trust", trust, "--format", "html"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let html = p.read(&format!("build/{trust}/{paper}.html"));
        let id = anchor.trim_start_matches('#');
        let at = html
            .find(&format!("id=\"{id}\""))
            .expect("the heading's id");
        let before = &html[..at];
        assert!(
            before
                .trim_end_matches(|c| c != '\n')
                .trim_end()
                .ends_with("<div class=\"page-break\"></div>"),
            "{anchor}: no page break just before"
        );
        assert!(!html.contains("{.newpage}"));
    }
}

/// A table whose middle row (`lines` bullets in one cell) is taller than
/// a page, after `paragraphs` paragraphs of filler.
fn tall_row_table(paragraphs: usize, lines: usize) -> String {
    let filler: Vec<String> = (0..paragraphs)
        .map(|i| format!("Filler paragraph {i} says a few words about the alliance and its work across the region so that it wraps."))
        .collect();
    let cell: Vec<String> = (0..lines)
        .map(|i| format!("- Action {i} of the programme"))
        .collect();
    format!(
        "{}\n\nTable: Risk register\n\n| Risk | Actions | Owner |\n|---|---|---|\n\
         | Short risk | One action | Chief nurse |\n\
         | Workforce risk | {} | People director |\n\
         | Last risk | Another action | Finance director |\n\nAfter the table.\n",
        filler.join("\n\n"),
        cell.join("<br>")
    )
}

#[test]
fn a_tall_row_splits_where_the_page_ends_with_the_header_repeated() {
    // The row starts a third of the way down, mid-page, and at the top
    // of a page after a full one; it runs over one or two page breaks.
    for (paragraphs, lines) in [(6, 60), (2, 40), (0, 110)] {
        let p = mini_with(&tall_row_table(paragraphs, lines));
        let run = p.run(&["dump-layout", "--trust", "alpha", "--paper", "update"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let pages = parse(&run.stdout);
        let case = format!("{paragraphs} paragraphs, {lines} lines");
        // Where each action line is: (page, y).
        let at: Vec<(usize, f32)> = (0..lines)
            .map(|i| {
                let text = format!("\u{2022} Action {i} of the programme");
                pages
                    .iter()
                    .enumerate()
                    .find_map(|(n, p)| p.texts.iter().find(|t| t.text == text).map(|t| (n, t.y)))
                    .unwrap_or_else(|| panic!("{case}: {text:?} is not laid out"))
            })
            .collect();
        let first = at[0].0;
        let last = at[lines - 1].0;
        assert!(last > first, "{case}: the row does not split");
        for i in 1..lines {
            let ((pa, ya), (pb, yb)) = (at[i - 1], at[i]);
            assert!(
                (pb == pa && yb > ya) || pb == pa + 1,
                "{case}: line {i} is not after line {}",
                i - 1
            );
            if pb == pa + 1 {
                // The part before the break fills its page: no room for one
                // more line (13.2 pt) and the cell's padding below it.
                let bottom = pages[pa].body_bottom();
                assert!(
                    ya + 13.2 + 4.0 > bottom - 4.0,
                    "{case}: page {} ends at {ya}",
                    pa + 1
                );
                // The continuation starts with the header row repeated,
                // then the next line, at the top of the band.
                let header = pages[pb]
                    .texts
                    .iter()
                    .find(|t| t.text == "Risk")
                    .unwrap_or_else(|| panic!("{case}: no header on page {}", pb + 1));
                assert!(header.bold && header.y < yb && header.y < BODY_TOP + 20.0);
                assert!(yb < header.y + 30.0, "{case}: a gap under the header");
            }
        }
        // On every page the row's part is a closed box: a horizontal border
        // across its cells just above its first line there and just below
        // its last.
        for (n, page) in pages.iter().enumerate().take(last + 1).skip(first) {
            let ys: Vec<f32> = at
                .iter()
                .filter(|(p, _)| *p == n)
                .map(|(_, y)| *y)
                .collect();
            let (top, bottom) = (ys[0], ys[ys.len() - 1]);
            let across = |from: f32, to: f32| {
                page.rules.iter().any(|&(x1, y1, x2, y2)| {
                    y1 == y2 && y1 > from && y1 < to && x1 < 180.0 && x2 > 300.0
                })
            };
            assert!(
                across(top - 20.0, top - 5.0),
                "{case}: page {} part open above",
                n + 1
            );
            assert!(
                across(bottom, bottom + 10.0),
                "{case}: page {} part open below",
                n + 1
            );
            // and the cell's sides run the part's whole height.
            let sides = pages[n]
                .rules
                .iter()
                .filter(|&&(x1, y1, x2, y2)| x1 == x2 && y1 < top - 5.0 && y2 > bottom)
                .count();
            assert!(sides >= 4, "{case}: page {}: {sides} sides", n + 1);
        }
        // The row's label and owner sit on its first page only.
        let on = |text: &str| {
            pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.texts.iter().any(|t| t.text == text))
                .map(|(n, _)| n)
                .collect::<Vec<_>>()
        };
        assert_eq!(on("Workforce risk"), vec![first], "{case}");
        assert_eq!(on("People director"), vec![first], "{case}");
        assert_eq!(on("Last risk"), vec![last], "{case}");
    }
}

#[test]
fn a_caption_sets_column_widths_in_both_formats() {
    let p = mini_with(
        "Table: Owners {widths=1,3}\n\n| Item | Owner |\n|---|---|\n| Spend | Finance director |\n",
    );
    let run = p.run(&["dump-layout", "--trust", "alpha", "--paper", "update"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = parse(&run.stdout);
    let texts: Vec<&Text> = pages.iter().flat_map(|p| &p.texts).collect();
    let x = |s: &str| {
        texts
            .iter()
            .find(|t| t.text == s)
            .unwrap_or_else(|| panic!("{s:?} is not laid out"))
            .x
    };
    // The column rule: a quarter of the 481.9 pt column, then three.
    let text_width = 595.28 - 2.0 * 56.69;
    let second = 56.69 + text_width / 4.0 + 4.0;
    assert!((x("Owner") - second).abs() < 0.2, "{}", x("Owner"));
    assert!((x("Finance director") - second).abs() < 0.2);
    assert!((x("Spend") - (56.69 + 4.0)).abs() < 0.2);
    assert!(!texts.iter().any(|t| t.text.contains("widths")));
    let run = p.run(&["build", "--format", "html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = p.read("build/alpha/update.html");
    assert!(html.contains(
        "<caption>Owners</caption>\n<colgroup><col style=\"width:25.0%\"><col style=\"width:75.0%\"></colgroup>"
    ));
}

#[test]
fn diff_shows_a_task_whose_state_differs_between_trusts() {
    let p = mini_with(
        "Steps:\n\n{% if trust.id == \"alpha\" %}- [x] Agree the plan{% else %}- [ ] Agree the plan{% endif %}\n",
    );
    let run = p.run(&["diff", "--paper", "update", "--exit-code", "alpha", "beta"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("papers/update.md:27\n    - alpha: - [x]\n    + beta: - [ ]\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn thousands_of_asked_widths_and_a_mismatched_list_are_survived() {
    // 4,000 columns on landscape with a width each, most asked narrower
    // than their word: built in bounded time and memory.
    let n = 4000;
    let widths: Vec<String> = (0..n).map(|i| ((i % 100) + 1).to_string()).collect();
    let header: Vec<String> = (0..n).map(|i| format!("Column{i}")).collect();
    let table = format!(
        "Table: Many {{.landscape widths={}}}\n\n| {} |\n|{}\n",
        widths.join(","),
        header.join(" | "),
        "---|".repeat(n)
    );
    let p = mini_with(&table);
    let run = p.run_bounded(&["build", "--trust", "alpha", "--paper", "update"]);
    run.assert_survived("4,000 asked widths");
    assert_eq!(run.run.code, 0, "{}", run.run.stderr);
    assert!(p.path().join("build/alpha/update.pdf").exists());
    // One width too many: an error at the `widths=` word, nothing written
    // for the paper, the other paper still built.
    let p = mini_with("Table: Two {widths=1,2,3}\n\n| A | B |\n|---|---|\n| a | b |\n");
    let run = p.run_bounded(&["build"]);
    run.assert_survived("a mismatched widths list");
    assert_eq!(run.run.code, 1, "{}", run.run.stderr);
    assert!(
        run.run.stderr.contains("error[BP037]"),
        "{}",
        run.run.stderr
    );
    assert!(
        run.run.stderr.contains("papers/update.md:25:13"),
        "{}",
        run.run.stderr
    );
    assert!(!p.path().join("build/alpha/update.pdf").exists());
    assert!(p.path().join("build/alpha/second.pdf").exists());
}
