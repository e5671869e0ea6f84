//! Minutes: a paper (`papers/<id>.md`, written like any other) with
//! `minutes/<id>.yaml` naming the meeting and who attended. An action is
//! written once, where it was agreed, as a fenced block:
//!
//! ````markdown
//! ## 6. Finance report
//!
//! ```action
//! id: A23-14
//! text: Bring the revised capital plan
//! owner: Director of Finance
//! due: next meeting
//! ```
//! ````
//!
//! The block's meeting is the minutes' and its item the number of the
//! heading it sits under; the minutes show it as one line, and the action
//! log takes it from there. Every edit keeps the paper's line numbers, so
//! a problem in the minutes is still reported where it is written.

use super::actions::{Raised, Written};
use super::Meetings;
use crate::check::problems::unknown;
use crate::date::Date;
use crate::diag::{Code, Diagnostic};
use crate::project::business::{ActionSpec, MinutesFile};
use crate::project::Project;
use crate::source::{Pos, Source};
use crate::yaml::{self, OneOrMany, Spanned};

/// Takes the actions out of every minutes paper (into `specs`) and puts
/// in their lines and the attendance.
pub(crate) fn take_actions(
    project: &mut Project,
    meetings: &Meetings,
    specs: &mut Vec<Written>,
    diags: &mut Vec<Diagnostic>,
) {
    let minutes = project.business.minutes.clone();
    for (id, yaml_src, file) in &minutes {
        let Some(paper) = project.papers.iter_mut().find(|p| &p.id == id) else {
            let known: Vec<String> = project.papers.iter().map(|p| p.id.clone()).collect();
            let d = unknown(
                Code::UnknownPaper,
                yaml_src,
                Pos::new(1, 1),
                "paper",
                id,
                known.iter().map(String::as_str),
                "papers/",
            );
            let hint = match d.hint.as_deref() {
                Some(h) if h.starts_with("did you mean") => d.hint.clone(),
                _ => Some(format!("minutes are a paper: write papers/{id}.md, whose meeting and attendance minutes/{id}.yaml gives")),
            };
            diags.push(d.with_hint(hint));
            continue;
        };
        let raised = meeting_refs(&file.meeting)
            .iter()
            .filter_map(|r| meetings.resolve(yaml_src, r, 0, diags))
            .collect::<Vec<_>>();
        let Some((trust, date)) = raised.first().cloned() else {
            continue;
        };
        let original = std::rc::Rc::new(paper.source.clone());
        let text = rewrite(
            &original,
            paper.body_start,
            (&trust, date),
            file,
            specs,
            diags,
        );
        paper.source = Source::new(paper.source.name.clone(), &text);
    }
}

/// A `meeting:` value as one reference or several, each at the value.
fn meeting_refs(m: &Spanned<OneOrMany>) -> Vec<Spanned<String>> {
    m.value
        .clone()
        .into_vec()
        .into_iter()
        .map(|value| Spanned {
            value,
            referenced: m.referenced,
            defined: m.defined,
        })
        .collect()
}

/// The minutes' text with the attendance at the body's first line and
/// each action block made its one line (the block's other lines blank).
fn rewrite(
    src: &std::rc::Rc<Source>,
    body_start: usize,
    (trust, date): (&str, Date),
    file: &MinutesFile,
    specs: &mut Vec<Written>,
    diags: &mut Vec<Diagnostic>,
) -> String {
    let first = src.pos(body_start).line;
    let lines: Vec<&str> = src.text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut item: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let n = i as u32 + 1;
        if n < first {
            out.push(line.to_owned());
            i += 1;
            continue;
        }
        if let Some(heading) = line.strip_prefix('#') {
            let number = item_number(heading.trim_start_matches('#'));
            if let (Some(now), Some(before)) = (&number, &item) {
                if order(now) <= order(before) {
                    diags.push(out_of_order(src, n, now, before));
                }
            }
            item = number.or(item);
        }
        let fence = line.trim_end();
        if fence == "```action" || fence == "~~~action" {
            let end = (i + 1..lines.len())
                .find(|&j| lines[j].trim_end() == &fence[..3])
                .unwrap_or(lines.len());
            let ctx = Raised {
                trust: trust.to_owned(),
                date,
                item: item.clone(),
                line_offset: n,
            };
            out.push(block(src, &lines[i + 1..end].join("\n"), ctx, specs, diags));
            out.extend((i + 1..=end.min(lines.len() - 1)).map(|_| String::new()));
            i = end + 1;
            continue;
        }
        out.push(line.to_owned());
        i += 1;
    }
    let at = (first as usize - 1).min(out.len().saturating_sub(1));
    let attendance = super::write::attendance(file);
    out[at] = format!("{}{}", super::write::one_line(&attendance), out[at]);
    out.join("\n")
}

/// One `action` block (its text, from the line after the fence): the
/// action to `specs` and its line in the minutes, or its YAML error.
fn block(
    src: &std::rc::Rc<Source>,
    text: &str,
    ctx: Raised,
    specs: &mut Vec<Written>,
    diags: &mut Vec<Diagnostic>,
) -> String {
    match yaml::parse::<ActionSpec>(src, text, ctx.line_offset) {
        Ok(spec) => {
            let shown = super::write::action_line(&spec);
            specs.push((src.clone(), spec, Some(ctx)));
            shown
        }
        Err(d) => {
            diags.push(d);
            String::new()
        }
    }
}

/// "4.1" → [4, 1], for comparing item numbers.
fn order(number: &str) -> Vec<u32> {
    number.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

/// A minutes item after a later one: minutes follow the agenda's order.
fn out_of_order(src: &Source, line: u32, now: &str, before: &str) -> Diagnostic {
    let col = src.line_text(line).map_or(1, |l| {
        let hashes = l.chars().take_while(|c| *c == '#' || *c == ' ').count();
        hashes as u32 + 1
    });
    Diagnostic::at(
        Code::ActionValue,
        src,
        Pos::new(line, col),
        format!("item {now} comes after item {before}: minutes take the items in the meeting's agenda order"),
    )
    .with_hint(Some(format!("move item {now} before item {before}, or correct its number")))
    .into_warning()
}

/// "6. Finance report" → "6"; "6.1 Quality" → "6.1"; "Item 4: ..." → "4".
fn item_number(heading: &str) -> Option<String> {
    let h = heading.trim();
    let h = h.strip_prefix("Item ").unwrap_or(h);
    let n: String = h
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let n = n.trim_end_matches('.');
    (!n.is_empty() && n.starts_with(|c: char| c.is_ascii_digit())).then(|| n.to_owned())
}

#[cfg(test)]
mod tests {
    use super::item_number;

    #[test]
    fn item_numbers_from_headings() {
        assert_eq!(item_number(" 6. Finance report").as_deref(), Some("6"));
        assert_eq!(item_number(" 6.1 Quality").as_deref(), Some("6.1"));
        assert_eq!(item_number(" Item 4: Actions").as_deref(), Some("4"));
        assert_eq!(item_number(" Attendance"), None);
    }
}
