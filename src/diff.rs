//! Where two trusts' copies of one paper differ: front-sheet values,
//! governance rows, alignment ticks, and the body passage by passage.
//! Pure: takes two [`Document`]s, returns the report's text.

use std::fmt::Write as _;

use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::document::{plain_text, Block, BlockKind, Document, GovValue, ListStyle};

/// One passage of a body: its text and where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Passage {
    text: String,
    line: u32,
    file: String,
}

/// The report comparing `a` (trust `a.meta.trust_id`) with `b`, and the
/// number of differences (the strategic-alignment tables counted as one
/// when they differ). Sections without a difference are left out.
pub(crate) fn report(a: &Document, b: &Document) -> (String, usize) {
    let (ta, tb) = (a.meta.trust_id.as_str(), b.meta.trust_id.as_str());
    let mut out = format!(
        "{}: {} ({ta}) compared with {} ({tb})\n",
        a.meta.paper_id, a.meta.trust_short, b.meta.trust_short
    );
    let front = front_sheet(a, b);
    let governance = governance(a, b);
    let (la, lb) = (alignment(a), alignment(b));
    let body = passages(a, b);
    let count = front.len() + governance.len() + body.len() + usize::from(la != lb);
    if count == 0 {
        out.push_str("\nThe copies are identical.\n");
        return (out, 0);
    }
    let w = ta.len().max(tb.len()) + 1;
    for (title, lines) in [
        ("Front sheet", front),
        ("Governance table", governance),
        ("Body", body),
    ] {
        if !lines.is_empty() {
            let _ = write!(out, "\n{title}\n{}", lines.join(""));
        }
    }
    if la != lb {
        out.push_str("\nStrategic alignment\n");
        for (id, line) in [(ta, la), (tb, lb)] {
            let _ = writeln!(out, "  {:<w$} {line}", format!("{id}:"));
        }
    }
    let _ = writeln!(out, "\n{}.", crate::report::count(count, "difference"));
    (out, count)
}

/// One differing field, as report lines (empty when `x == y`).
fn field(ta: &str, tb: &str, name: &str, x: &str, y: &str) -> Option<String> {
    let w = ta.len().max(tb.len()) + 1;
    (x != y).then(|| {
        format!(
            "  {name}\n    {:<w$} {x}\n    {:<w$} {y}\n",
            format!("{ta}:"),
            format!("{tb}:")
        )
    })
}

fn front_sheet(a: &Document, b: &Document) -> Vec<String> {
    let (ta, tb) = (a.meta.trust_id.as_str(), b.meta.trust_id.as_str());
    let (fa, fb) = (&a.front, &b.front);
    let none = |s: &Option<String>| s.clone().unwrap_or_else(|| "(none)".into());
    let mut fields = vec![
        (
            "meeting line",
            fa.meeting_line.clone(),
            fb.meeting_line.clone(),
        ),
        ("agenda item", none(&fa.agenda_item), none(&fb.agenda_item)),
        ("title", fa.title.clone(), fb.title.clone()),
    ];
    for (name, x, y) in [
        ("purpose", &fa.purpose, &fb.purpose),
        ("analysis", &fa.analysis, &fb.analysis),
        ("proposal", &fa.proposal, &fb.proposal),
        ("decision required", &fa.decisions, &fb.decisions),
    ] {
        fields.push((name, x.join(" / "), y.join(" / ")));
    }
    fields
        .iter()
        .filter_map(|(name, x, y)| field(ta, tb, name, x, y))
        .collect()
}

fn governance(a: &Document, b: &Document) -> Vec<String> {
    let (ta, tb) = (a.meta.trust_id.as_str(), b.meta.trust_id.as_str());
    let rows = |d: &Document| -> Vec<(String, String, String)> {
        d.front
            .governance
            .iter()
            .filter_map(|r| match &r.value {
                GovValue::Text(t) => Some((r.key.clone(), r.label.clone(), t.clone())),
                GovValue::Alignment(_) => None,
            })
            .collect()
    };
    let (ra, rb) = (rows(a), rows(b));
    let keys_a: Vec<&str> = ra.iter().map(|r| r.0.as_str()).collect();
    let keys_b: Vec<&str> = rb.iter().map(|r| r.0.as_str()).collect();
    let mut out = Vec::new();
    out.extend(field(
        ta,
        tb,
        "rows, in order",
        &keys_a.join(", "),
        &keys_b.join(", "),
    ));
    for (key, label, value) in &ra {
        if let Some((_, lb, vb)) = rb.iter().find(|r| &r.0 == key) {
            out.extend(field(ta, tb, &format!("{key} (label)"), label, lb));
            out.extend(field(ta, tb, key, value, vb));
        }
    }
    out
}

fn alignment(d: &Document) -> String {
    d.front
        .governance
        .iter()
        .find_map(|r| match &r.value {
            GovValue::Alignment(a) => Some(format!(
                "{} {}",
                r.label,
                a.items
                    .iter()
                    .map(|i| format!("{} {}", i.label, if i.ticked { "✓" } else { "–" }))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            GovValue::Text(_) => None,
        })
        .unwrap_or_else(|| "(no alignment row)".into())
}

/// The differing passages of the body and appendices, as report lines.
fn passages(a: &Document, b: &Document) -> Vec<String> {
    let (pa, pb) = (flatten_doc(a), flatten_doc(b));
    let texts = |p: &[Passage]| p.iter().map(|x| x.text.clone()).collect::<Vec<_>>();
    let (xa, xb) = (texts(&pa), texts(&pb));
    let (ta, tb) = (&a.meta.trust_id, &b.meta.trust_id);
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &xa, &xb) {
        let (old, new) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index, old_len, ..
            } => (&pa[old_index..old_index + old_len], &pb[0..0]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => (&pa[0..0], &pb[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                &pa[old_index..old_index + old_len],
                &pb[new_index..new_index + new_len],
            ),
        };
        let at = old
            .first()
            .or(new.first())
            .map(|p| format!("{}:{}", p.file, p.line))
            .unwrap_or_default();
        let mut s = format!("  {at}\n");
        for p in old {
            let _ = writeln!(s, "    - {ta}: {}", p.text);
        }
        for p in new {
            let _ = writeln!(s, "    + {tb}: {}", p.text);
        }
        out.push(s);
    }
    out
}

fn flatten_doc(d: &Document) -> Vec<Passage> {
    let mut out = Vec::new();
    flatten(&d.body, 0, &mut out);
    for a in &d.appendices {
        out.push(Passage {
            text: format!("Appendix {} – {}", a.letter, a.title),
            line: 0,
            file: String::new(),
        });
        flatten(&a.blocks, 0, &mut out);
    }
    out
}

fn flatten(blocks: &[Block], depth: usize, out: &mut Vec<Passage>) {
    let indent = "  ".repeat(depth);
    for b in blocks {
        let mut push = |text: String| {
            out.push(Passage {
                text: format!("{indent}{text}"),
                line: b.origin.line,
                file: b.origin.file.display().to_string(),
            })
        };
        match &b.kind {
            BlockKind::Heading(h) => push(h.display_text()),
            BlockKind::Paragraph(i) => push(plain_text(i)),
            BlockKind::Callout(c) => push(format!("{} – {}", c.label, c.text)),
            BlockKind::Image(i) => push(format!("[image: {}]", i.alt)),
            BlockKind::Code(c) => push(c.clone()),
            BlockKind::Rule => push("———".into()),
            BlockKind::PageBreak => {}
            BlockKind::Governance(t) => {
                push(t.heading.clone());
                for row in &t.rows {
                    let value = match &row.value {
                        GovValue::Text(v) => v.clone(),
                        GovValue::Alignment(a) => a
                            .items
                            .iter()
                            .filter(|i| i.ticked)
                            .map(|i| i.label.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    };
                    push(format!("{} | {value}", row.label));
                }
            }
            BlockKind::Table(t) => {
                for row in std::iter::once(&t.header).chain(&t.rows) {
                    push(
                        row.iter()
                            .map(|c| plain_text(&c.content))
                            .collect::<Vec<_>>()
                            .join(" | "),
                    );
                }
            }
            BlockKind::Quote(inner) => flatten(inner, depth + 1, out),
            BlockKind::List(l) => {
                for (n, item) in l.items.iter().enumerate() {
                    let marker = match l.style {
                        ListStyle::Bullet => "-".to_owned(),
                        ListStyle::Decimal(start) => format!("{}.", start as usize + n),
                    };
                    let marker = match l.task(n) {
                        Some(true) => format!("{marker} [x]"),
                        Some(false) => format!("{marker} [ ]"),
                        None => marker,
                    };
                    out.push(Passage {
                        text: format!("{indent}{marker}"),
                        line: b.origin.line,
                        file: b.origin.file.display().to_string(),
                    });
                    flatten(item, depth + 1, out);
                }
            }
        }
    }
}
