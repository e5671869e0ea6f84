//! `boardpaper list`: the trusts, the papers, and which paper goes to which trust.

use std::fmt::Write as _;
use std::path::Path;

use crate::commands::{load, Outcome};

pub(crate) fn run(project: Option<&Path>) -> Outcome {
    let (checked, diags) = match load(project) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let m = &checked.model;
    let mut s = format!("{} — {}\n\nTrusts:\n", m.alliance, m.cycle);
    for t in &m.trusts {
        let _ = writeln!(
            s,
            "  {:<12} {} ({}), {}",
            t.id,
            t.name,
            t.short,
            t.meeting_line(false)
        );
    }
    s.push_str("\nPapers:\n");
    for p in &m.papers {
        let title = p.front.title.clone().unwrap_or_default();
        let private = if p.front.confidential == Some(true) {
            format!(" [{}]", m.confidential_label)
        } else {
            String::new()
        };
        let _ = writeln!(s, "  {:<20} {title}{private}", p.id);
    }
    s.push_str("\nWho receives what:\n");
    let width = m
        .papers
        .iter()
        .map(|p| p.id.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let _ = write!(s, "  {:<width$}", "paper");
    for t in &m.trusts {
        let _ = write!(s, " {:^8}", t.id);
    }
    s.push('\n');
    for p in &m.papers {
        let _ = write!(s, "  {:<width$}", p.id);
        let recipients = m.recipients(p);
        for t in &m.trusts {
            let mark = if recipients.iter().any(|r| r.id == t.id) {
                "✓"
            } else {
                "·"
            };
            let _ = write!(s, " {mark:^8}");
        }
        s.push('\n');
    }
    Outcome::from_diags(diags, s)
}
