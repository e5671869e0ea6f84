//! The .docx parts the body is read against: styles (which paragraph is a
//! heading, a title, a list), numbering definitions (which list is
//! numbered, at which level), relationships (where a link or picture
//! points) and the core properties (the document's date).

use std::collections::HashMap;

use super::xml::Element;

/// What a paragraph style makes of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Title,
    Subtitle,
    Heading(u8),
    /// A quotation (Word's Quote, Intense Quote, Block Text; LibreOffice's
    /// Quotations).
    Quote,
    /// The sign-off (name, then date) at the end of a paper.
    Signoff,
    /// Front-sheet lines the build writes itself (the trust's name, the
    /// meeting line, the agenda item).
    Furniture,
    Body,
}

/// The kind an HTML class gives a paragraph: LibreOffice names the style of
/// `<p class="subtitle">` "Text Body.subtitle", and boardpaper's own HTML
/// marks its subtitle, sign-off and front-sheet lines so.
fn class_kind(name: &str) -> Option<Kind> {
    let (_, class) = name.rsplit_once('.')?;
    Some(match class {
        "subtitle" => Kind::Subtitle,
        "signoff" => Kind::Signoff,
        "trust-name" | "meeting-line" | "agenda-item" => Kind::Furniture,
        _ => return None,
    })
}

#[derive(Debug, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, usize)>,
    page_break: bool,
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
}

/// The styles of styles.xml, by id.
#[derive(Debug, Default)]
pub(crate) struct Styles(HashMap<String, Style>);

/// How far a `basedOn` chain is followed (a loop stops here too).
const CHAIN: usize = 16;

impl Styles {
    pub(crate) fn parse(root: &Element) -> Styles {
        let mut map = HashMap::new();
        for s in root.elements().filter(|e| e.name == "style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let ppr = s.child("pPr");
            let rpr = s.child("rPr");
            let style = Style {
                name: s.val("name").unwrap_or(id).to_lowercase(),
                based_on: s.val("basedOn").map(str::to_owned),
                outline: ppr.and_then(|p| p.val("outlineLvl")?.parse().ok()),
                num: ppr.and_then(num_pr),
                page_break: ppr.and_then(|p| p.toggle("pageBreakBefore")) == Some(true),
                bold: rpr.and_then(|r| r.toggle("b")),
                italic: rpr.and_then(|r| r.toggle("i")),
                underline: rpr.and_then(|r| r.toggle("u")),
            };
            map.insert(id.to_owned(), style);
        }
        Styles(map)
    }

    /// The style `id` and those it is based on, nearest first.
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            let Some(s) = self.0.get(id) else { break };
            out.push(s);
            if out.len() >= CHAIN {
                break;
            }
            next = s.based_on.as_deref();
        }
        out
    }

    /// The kind of paragraph style `id` makes: by its name (`Title`,
    /// `heading 2`) or outline level, following `basedOn`.
    pub(crate) fn kind(&self, id: &str) -> Kind {
        for s in self.chain(id) {
            if let Some(k) = class_kind(&s.name) {
                return k;
            }
            match s.name.as_str() {
                "title" => return Kind::Title,
                "quote" | "intense quote" | "block text" | "quotations" => return Kind::Quote,
                "subtitle" => return Kind::Subtitle,
                n => {
                    if let Some(l) = n.strip_prefix("heading ").and_then(|l| l.parse().ok()) {
                        return Kind::Heading(l);
                    }
                }
            }
            if let Some(l) = s.outline.filter(|l| *l < 9) {
                return Kind::Heading(l + 1);
            }
        }
        Kind::Body
    }

    /// The list a paragraph style puts its paragraphs in.
    pub(crate) fn num(&self, id: &str) -> Option<(String, usize)> {
        self.chain(id).into_iter().find_map(|s| s.num.clone())
    }

    pub(crate) fn page_break(&self, id: &str) -> bool {
        self.chain(id).iter().any(|s| s.page_break)
    }

    /// Bold, italic, underline of a character style.
    pub(crate) fn emphasis(&self, id: &str) -> [Option<bool>; 3] {
        let mut out = [None; 3];
        for s in self.chain(id) {
            out[0] = out[0].or(s.bold);
            out[1] = out[1].or(s.italic);
            out[2] = out[2].or(s.underline);
        }
        out
    }
}

/// `<w:numPr>`: the list (numId) and level (ilvl); numId 0 means none.
pub(crate) fn num_pr(ppr: &Element) -> Option<(String, usize)> {
    let n = ppr.child("numPr")?;
    let id = n.val("numId")?.to_owned();
    let level = n.val("ilvl").and_then(|l| l.parse().ok()).unwrap_or(0);
    (id != "0").then_some((id, level.min(8)))
}

/// The numbering definitions: for a list and level, whether it is
/// numbered and where it starts.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, level) → (numbered, start).
    levels: HashMap<(String, usize), (bool, u32)>,
}

impl Numbering {
    pub(crate) fn parse(root: &Element) -> Numbering {
        let mut n = Numbering::default();
        for e in root.elements() {
            match e.name.as_str() {
                "abstractNum" => {
                    let Some(id) = e.attr("abstractNumId") else {
                        continue;
                    };
                    for l in e.elements().filter(|l| l.name == "lvl") {
                        let level = l.attr("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        let fmt = l.val("numFmt").unwrap_or("decimal");
                        let start = l.val("start").and_then(|v| v.parse().ok()).unwrap_or(1);
                        let numbered = !matches!(fmt, "bullet" | "none");
                        n.levels.insert((id.to_owned(), level), (numbered, start));
                    }
                }
                "num" => {
                    if let (Some(id), Some(a)) = (e.attr("numId"), e.val("abstractNumId")) {
                        n.nums.insert(id.to_owned(), a.to_owned());
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// Whether list `num` is numbered at `level`, and its first number.
    pub(crate) fn level(&self, num: &str, level: usize) -> (bool, u32) {
        self.nums
            .get(num)
            .and_then(|a| self.levels.get(&(a.clone(), level)))
            .copied()
            .unwrap_or((false, 1))
    }
}

/// A relationship's target, and whether it is outside the package.
#[derive(Debug, Default)]
pub(crate) struct Rels(HashMap<String, (String, bool)>);

impl Rels {
    pub(crate) fn parse(root: &Element) -> Rels {
        let mut map = HashMap::new();
        for r in root.elements().filter(|e| e.name == "Relationship") {
            if let (Some(id), Some(target)) = (r.attr("Id"), r.attr("Target")) {
                let external = r.attr("TargetMode") == Some("External");
                map.insert(id.to_owned(), (target.to_owned(), external));
            }
        }
        Rels(map)
    }

    pub(crate) fn get(&self, id: &str) -> Option<(&str, bool)> {
        self.0.get(id).map(|(t, e)| (t.as_str(), *e))
    }
}

/// The part name a relationship target of word/document.xml names
/// (`media/image1.png` → `word/media/image1.png`), if it stays inside.
pub(crate) fn part_name(target: &str) -> Option<String> {
    let mut parts: Vec<&str> = if let Some(abs) = target.strip_prefix('/') {
        abs.split('/').collect()
    } else {
        let mut p = vec!["word"];
        p.extend(target.split('/'));
        p
    };
    let mut out: Vec<&str> = Vec::new();
    for c in parts.drain(..) {
        match c {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            c => out.push(c),
        }
    }
    Some(out.join("/"))
}

/// The document's date from docProps/core.xml: modified, else created.
pub(crate) fn core_date(root: &Element) -> Option<String> {
    ["modified", "created"].iter().find_map(|name| {
        let t = root.child(name)?.text();
        let d = t.get(..10)?;
        let ok = d.len() == 10
            && d.chars().enumerate().all(|(i, c)| match i {
                4 | 7 => c == '-',
                _ => c.is_ascii_digit(),
            })
            && !d.starts_with("1601")
            && !d.starts_with("0000");
        ok.then(|| d.to_owned())
    })
}
