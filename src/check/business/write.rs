//! The generated papers' text: the action log's and the forward plan's
//! tables (one section per receiving trust, chosen by the template pass as
//! a paper's own trust-specific passages are), each action's line in the
//! minutes and the minutes' attendance. Every value from the sources is
//! escaped, so it is shown as written and never read as Markdown or
//! template syntax.

use std::fmt::Write as _;

use super::{Action, Business, Meetings, Planned, Standing, ACTION_LOG, FORWARD_PLAN};
use crate::date::Date;
use crate::project::business::{ActionSpec, MinutesFile};
use crate::project::{PaperSource, Project};
use crate::source::Source;

/// Text shown as written: Markdown punctuation escaped, braces as
/// character references (the template pass never sees them), and line
/// breaks as spaces (a table cell is one line).
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation()
                && !matches!(
                    c,
                    ',' | '.'
                        | ':'
                        | ';'
                        | '?'
                        | '\''
                        | '"'
                        | '/'
                        | '('
                        | ')'
                        | '%'
                        | '='
                        | '@'
                        | '$'
                        | '^'
                ) =>
            {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Markdown text as one line of the template pass: a string expression
/// whose value is the text (so inserting it moves no source line).
pub(crate) fn one_line(markdown: &str) -> String {
    let lit = markdown
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("{{{{ \"{lit}\" }}}}")
}

/// An action as the minutes show it, on one line.
pub(crate) fn action_line(spec: &ActionSpec) -> String {
    let due = match Date::parse(&spec.due.value) {
        Ok(d) => format!("due {}", d.long()),
        Err(_) => format!("due {}", esc(&spec.due.value)),
    };
    format!(
        "**Action {}:** {} ({}, {due})",
        esc(&spec.id.value),
        esc(&spec.text),
        esc(&spec.owner)
    )
}

/// The minutes' attendance, as Markdown.
pub(crate) fn attendance(file: &MinutesFile) -> String {
    let mut s = String::from("# Attendance\n\n");
    for (label, names) in [
        ("Present", &file.present),
        ("In attendance", &file.in_attendance),
        ("Apologies", &file.apologies),
    ] {
        let list = if names.is_empty() {
            "None".to_owned()
        } else {
            names.iter().map(|n| esc(n)).collect::<Vec<_>>().join(", ")
        };
        let _ = write!(s, "**{label}:** {list}\n\n");
    }
    s
}

/// Adds the generated sections to the papers `action-log` and
/// `forward-plan`, when the project has them.
pub(crate) fn papers(project: &mut Project, b: &Business) {
    let short = |id: &str| {
        project
            .trusts
            .iter()
            .find(|t| t.id == id)
            .map_or(id.to_owned(), |t| t.file.short.clone())
    };
    let ids: Vec<String> = project.trusts.iter().map(|t| t.id.clone()).collect();
    let log: String = ids
        .iter()
        .map(|t| per_trust(t, &action_log(t, b, &short)))
        .collect();
    let plan: String = ids
        .iter()
        .map(|t| per_trust(t, &forward_plan(t, b)))
        .collect();
    for p in &mut project.papers {
        match p.id.as_str() {
            ACTION_LOG => append(p, &log),
            FORWARD_PLAN => append(p, &plan),
            _ => {}
        }
    }
}

fn append(p: &mut PaperSource, text: &str) {
    let mut full = p.source.text.clone();
    if !full.ends_with('\n') {
        full.push('\n');
    }
    full.push_str(text);
    p.source = Source::new(p.source.name.clone(), &full);
}

fn per_trust(trust: &str, body: &str) -> String {
    format!("\n{{% if trust.id == \"{trust}\" %}}\n{body}{{% endif %}}\n")
}

/// One trust's action log: its open actions, then those closed since its
/// last meeting.
pub(crate) fn action_log(trust: &str, b: &Business, short: &dyn Fn(&str) -> String) -> String {
    let mine: Vec<(&Action, Standing)> = b
        .actions
        .iter()
        .filter(|a| a.trusts.iter().any(|t| t == trust))
        .filter_map(|a| Some((a, a.standing(trust, &b.meetings)?)))
        .collect();
    let open: Vec<&(&Action, Standing)> = mine
        .iter()
        .filter(|(_, s)| matches!(s, Standing::Open { .. }))
        .collect();
    let closed: Vec<&(&Action, Standing)> = mine
        .iter()
        .filter(|(_, s)| *s == Standing::ClosedSinceLast)
        .collect();
    let mut s = String::from("\n# Open actions\n\n");
    let at = (trust, &b.meetings);
    table(&mut s, &open, "There are no open actions.", at, short);
    s.push_str("\n# Actions closed since the last meeting\n\n");
    let none = "No action has been closed since the last meeting.";
    table(&mut s, &closed, none, at, short);
    s
}

fn table(
    s: &mut String,
    rows: &[&(&Action, Standing)],
    none: &str,
    at: (&str, &Meetings),
    short: &dyn Fn(&str) -> String,
) {
    if rows.is_empty() {
        let _ = writeln!(s, "{none}");
        return;
    }
    s.push_str("| Action | Raised | Action and updates | Owner | Due | Status |\n");
    s.push_str("|---|---|---|---|---|---|\n");
    for (a, standing) in rows {
        let _ = writeln!(s, "{}", row(a, standing, at, short));
    }
}

/// One action's row of a trust's log.
fn row(
    a: &Action,
    standing: &Standing,
    (trust, meetings): (&str, &Meetings),
    short: &dyn Fn(&str) -> String,
) -> String {
    let mut raised = a.raised.long();
    // A committee in common's meeting is each trust's own.
    if a.raised_by != trust && !meetings.of(trust).contains(&a.raised) {
        raised = format!("{} {raised}", short(&a.raised_by));
    }
    if let Some(item) = &a.item {
        let _ = write!(raised, ", item {item}");
    }
    let mut what = esc(&a.text);
    for (date, text) in &a.updates {
        let _ = write!(what, " *Update {}:* {}", date.long(), esc(text));
    }
    let due = match (a.due, a.due_for(trust, meetings)) {
        (Some(d), _) => d.long(),
        (None, Some(next)) => format!("Next meeting ({})", next.long()),
        (None, None) => "Next meeting".into(),
    };
    let long = |d: Option<Date>| d.map(|d| d.long()).unwrap_or_default();
    let status = match standing {
        Standing::Open { overdue: true, due } => format!("**Overdue** (due {})", long(*due)),
        Standing::Open { .. } => "Open".into(),
        _ => format!("Closed {}", long(a.closed)),
    };
    let (id, owner) = (esc(&a.id), esc(&a.owner));
    let (raised, due) = (esc(&raised), esc(&due));
    format!("| {id} | {raised} | {what} | {owner} | {due} | {status} |")
}

/// One trust's forward plan: its meetings after this one, each with the
/// items planned for it.
pub(crate) fn forward_plan(trust: &str, b: &Business) -> String {
    let Some(now) = b.meetings.current(trust) else {
        return String::new();
    };
    let mut s = String::new();
    let coming: Vec<Date> = b
        .meetings
        .of(trust)
        .iter()
        .copied()
        .filter(|d| *d > now)
        .collect();
    if coming.is_empty() {
        s.push_str("\nNo meeting after this one is planned yet.\n");
    }
    for date in coming {
        let items: Vec<&Planned> = b
            .plan
            .iter()
            .filter(|p| p.trust == trust && p.meeting == date)
            .collect();
        let _ = write!(s, "\n# {}\n\n", date.long());
        if items.is_empty() {
            s.push_str("No item is planned yet.\n");
            continue;
        }
        s.push_str("| Item | Lead | Purpose |\n|---|---|---|\n");
        for p in items {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                esc(&p.title),
                esc(p.lead.as_deref().unwrap_or("")),
                esc(p.purpose.as_deref().unwrap_or(""))
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_is_neither_markdown_nor_template() {
        assert_eq!(
            esc("a | b *c* {{ d }}"),
            "a \\| b \\*c\\* &#123;&#123; d &#125;&#125;"
        );
        assert_eq!(esc("line\nbreak, (ok): 5%"), "line break, (ok): 5%");
        assert_eq!(one_line("**P:** \"x\"\n"), "{{ \"**P:** \\\"x\\\"\\n\" }}");
    }
}
