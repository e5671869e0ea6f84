//! `boardpaper list`: the trusts, the papers, which paper goes to which
//! trust, and each trust's agenda; `--trust` narrows every part to the
//! trusts named.

use std::fmt::Write as _;
use std::path::Path;

use crate::check::agenda::ItemKind;
use crate::check::{Model, Trust};
use crate::cli::ListArgs;
use crate::commands::{load, Outcome};
use crate::project::PaperSource;

pub(crate) fn run(project: Option<&Path>, args: &ListArgs) -> Outcome {
    let (checked, diags) = match load(project) {
        Ok(x) => x,
        Err(o) => return o,
    };
    let m = &checked.model;
    let known = m.trusts.iter().map(|t| t.id.as_str()).collect();
    if let Some(o) = super::build::unknown_filter("trust", &args.trusts, known) {
        return o;
    }
    let trusts: Vec<&Trust> = m
        .trusts
        .iter()
        .filter(|t| args.trusts.is_empty() || args.trusts.contains(&t.id))
        .collect();
    let papers: Vec<&PaperSource> = m
        .papers
        .iter()
        .filter(|p| {
            let to = m.recipients(p);
            trusts.iter().any(|t| to.iter().any(|r| r.id == t.id))
        })
        .collect();
    let mut s = format!("{} — {}\n\nTrusts:\n", m.alliance, m.cycle);
    for t in &trusts {
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
    for p in &papers {
        let title = p.front.title.clone().unwrap_or_default();
        let private = if p.front.confidential == Some(true) {
            format!(" [{}]", m.confidential_label)
        } else {
            String::new()
        };
        let _ = writeln!(s, "  {:<20} {title}{private}", p.id);
    }
    recipients(&mut s, m, &trusts, &papers);
    business(&mut s, m, &trusts);
    s.push_str("\nAgendas:\n");
    for t in &trusts {
        agenda(&mut s, m, t);
    }
    Outcome::from_diags(diags, s)
}

/// Each trust's publication deadline and its open and overdue actions;
/// nothing for a project that keeps neither (a section of "none" lines
/// would only be noise).
fn business(s: &mut String, m: &Model, trusts: &[&Trust]) {
    use crate::check::business::{counts, deadline};
    if m.business.deadlines.is_empty() && m.business.actions.is_empty() {
        return;
    }
    s.push_str("\nDeadlines and actions:\n");
    for t in trusts {
        let days = m.business.deadlines.get(&t.id);
        let final_by = match (days, t.meeting) {
            (Some(days), Some(meeting)) => format!(
                "papers final by {} ({days} clear days)",
                deadline::last_day(meeting, *days).long()
            ),
            _ => "no publication deadline".into(),
        };
        let (open, overdue) = counts(&m.business, &t.id);
        let _ = writeln!(
            s,
            "  {:<12} {final_by}; {open} open action{}, {overdue} overdue",
            t.id,
            if open == 1 { "" } else { "s" }
        );
    }
}

/// The table of who receives what.
fn recipients(s: &mut String, m: &Model, trusts: &[&Trust], papers: &[&PaperSource]) {
    s.push_str("\nWho receives what:\n");
    let width = papers.iter().map(|p| p.id.len()).max().unwrap_or(5).max(5);
    let _ = write!(s, "  {:<width$}", "paper");
    for t in trusts {
        let _ = write!(s, " {:^8}", t.id);
    }
    s.push('\n');
    for p in papers {
        let _ = write!(s, "  {:<width$}", p.id);
        let recipients = m.recipients(p);
        for t in trusts {
            let mark = if recipients.iter().any(|r| r.id == t.id) {
                "✓"
            } else {
                "·"
            };
            let _ = write!(s, " {mark:^8}");
        }
        s.push('\n');
    }
}

/// One trust's agenda: a line per item (number, title, what it is, then
/// presenter, purpose and time), and the Part II heading where it starts.
fn agenda(s: &mut String, m: &Model, t: &Trust) {
    let mut head = format!("  {} — {}", t.id, t.meeting_line(false));
    if let Some(venue) = &t.venue {
        let _ = write!(head, ", {venue}");
    }
    let _ = writeln!(s, "{head}");
    let items = &t.agenda.items;
    if items.is_empty() {
        s.push_str("    (no agenda)\n");
        return;
    }
    let width = items
        .iter()
        .map(|i| i.number.chars().count())
        .max()
        .unwrap_or(1);
    let mut in_part_ii = false;
    for item in items {
        if item.part_ii && !in_part_ii {
            in_part_ii = true;
            let heading = t.agenda.part_ii_heading.as_deref().unwrap_or_default();
            let _ = writeln!(s, "    Part II: {heading}");
        }
        let (title, what) = match &item.what {
            ItemKind::Paper(id) => {
                let own = m.papers.iter().find(|p| &p.id == id);
                let title =
                    own.and_then(|p| crate::project::variant::merged(&p.front, &t.id).title);
                (
                    title.unwrap_or_else(|| id.clone()),
                    format!(" [paper {id}]"),
                )
            }
            ItemKind::File(path) => (String::new(), format!(" [file {}]", path.display())),
            ItemKind::Business => (String::new(), String::new()),
        };
        let title = item.title.clone().unwrap_or(title);
        let details: Vec<&str> = [&item.presenter, &item.purpose, &item.time]
            .into_iter()
            .filter_map(|d| d.as_deref())
            .collect();
        let mut line = format!("    {:<width$}  {title}{what}", item.number);
        if !details.is_empty() {
            let _ = write!(line, " — {}", details.join(" · "));
        }
        let _ = writeln!(s, "{line}");
    }
}
