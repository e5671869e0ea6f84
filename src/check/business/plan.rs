//! The forward plan: `plan.yaml`'s items and each paper's promised next
//! update (`governance: next-update`, when it names a month), placed at
//! each trust's meeting in that month. A month with no meeting of a trust
//! is warned about where it is written.

use super::{Meetings, Planned};
use crate::date::Date;
use crate::diag::{Code, Diagnostic};
use crate::project::business::PlanItem;
use crate::project::{PaperSource, Project};
use crate::source::Source;
use crate::yaml::{self, OneOrMany, Spanned};

/// Every planned item, per trust and meeting.
pub(crate) fn check(
    project: &Project,
    meetings: &Meetings,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Planned> {
    let mut out = Vec::new();
    let all: Vec<String> = meetings.trusts().map(str::to_owned).collect();
    if let Some((src, plan)) = &project.business.plan {
        for item in &plan.items {
            planned(src, item, &all, meetings, &mut out, diags);
        }
    }
    for p in &project.papers {
        next_update(p, &all, meetings, &mut out, diags);
    }
    out
}

fn planned(
    src: &Source,
    item: &PlanItem,
    all: &[String],
    meetings: &Meetings,
    out: &mut Vec<Planned>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(when) = when(&item.when.value) else {
        let message = format!("`{}` is not a month or a date", item.when.value);
        diags.push(
            Diagnostic::at(Code::BadDate, src, yaml::pos(&item.when, 0), message).with_hint(Some(
                "write the month as YYYY-MM (2024-01) or a date".into(),
            )),
        );
        return;
    };
    for trust in trusts(&item.trusts, all) {
        if !all.contains(&trust) {
            diags.push(crate::check::problems::unknown(
                crate::diag::Code::UnknownTrust,
                src,
                yaml::pos(item.trusts.as_ref().expect("listed"), 0),
                "trust",
                &trust,
                all.iter().map(String::as_str),
                "trusts/",
            ));
            continue;
        }
        match meeting_in(meetings, &trust, when) {
            Some(meeting) => out.push(Planned {
                trust,
                meeting,
                title: item.title.clone(),
                lead: item.lead.clone(),
                purpose: item.purpose.clone(),
            }),
            None => diags.push(no_meeting(src, &item.when, 0, &trust, &item.title)),
        }
    }
}

fn trusts(list: &Option<Spanned<OneOrMany>>, all: &[String]) -> Vec<String> {
    match list.as_ref().map(|l| l.value.clone()) {
        None => all.to_vec(),
        Some(OneOrMany::One(s)) if s == "all" => all.to_vec(),
        Some(l) => l.into_vec(),
    }
}

/// A paper's `next-update`, when it names a month after its trusts'
/// meetings of this cycle.
fn next_update(
    p: &PaperSource,
    all: &[String],
    meetings: &Meetings,
    out: &mut Vec<Planned>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(value) = p
        .front
        .governance
        .as_ref()
        .and_then(|g| g.get("next-update"))
    else {
        return;
    };
    let Some(when) = month_in_words(&value.value) else {
        return;
    };
    let to: Vec<String> = match &p.front.trusts {
        Some(list) => list
            .iter()
            .map(|t| t.value.clone())
            .filter(|t| all.contains(t))
            .collect(),
        None => all.to_vec(),
    };
    let title = p.front.title.clone().unwrap_or_else(|| p.id.clone());
    for trust in to {
        let Some(now) = meetings.current(&trust) else {
            continue;
        };
        if (when.year, when.month) <= (now.year, now.month) {
            continue;
        }
        match meeting_in(meetings, &trust, When::Month(when.year, when.month)) {
            Some(meeting) => out.push(Planned {
                trust,
                meeting,
                title: format!("{title}: next update"),
                lead: p
                    .front
                    .governance
                    .as_ref()
                    .and_then(|g| g.get("sponsor"))
                    .map(|s| s.value.clone()),
                purpose: None,
            }),
            None => diags.push(no_meeting(&p.source, value, 1, &trust, &title)),
        }
    }
}

fn no_meeting(src: &Source, at: &Spanned<String>, off: u32, trust: &str, what: &str) -> Diagnostic {
    Diagnostic::at(
        Code::NoMeetingPlanned,
        src,
        yaml::pos(at, off),
        format!("`{what}` is planned for `{}`, but `{trust}` has no meeting then", at.value),
    )
    .with_end(yaml::end(at, off))
    .with_hint(Some(format!(
        "add the meeting to plan.yaml's `meetings: {trust}:` list, or plan it for a month that has one"
    )))
    .into_warning()
}

#[derive(Debug, Clone, Copy)]
enum When {
    Day(Date),
    Month(u16, u8),
}

/// `2024-01` or `2024-01-30`.
fn when(s: &str) -> Option<When> {
    if let Ok(d) = Date::parse(s) {
        return Some(When::Day(d));
    }
    let (y, m) = s.trim().split_once('-')?;
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    (y > 1900 && (1..=12).contains(&m) && s.trim().len() == 7).then_some(When::Month(y, m))
}

fn meeting_in(meetings: &Meetings, trust: &str, when: When) -> Option<Date> {
    meetings.of(trust).iter().copied().find(|d| match when {
        When::Day(day) => *d == day,
        When::Month(y, m) => d.year == y && d.month == m,
    })
}

/// The first "<Month> <year>" (or ISO date) in free text: "Next update to
/// Trust Board March 2024" → March 2024.
fn month_in_words(s: &str) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(str::to_lowercase)
        .collect();
    for (i, w) in words.iter().enumerate() {
        if let Ok(d) = Date::parse(w) {
            return Some(d);
        }
        let Some(m) = MONTHS
            .iter()
            .position(|n| n == w || (w.len() == 3 && n.starts_with(w.as_str())))
        else {
            continue;
        };
        let year = words
            .get(i + 1)
            .and_then(|y| y.parse::<u16>().ok())
            .filter(|y| *y > 1900)?;
        return Some(Date {
            year,
            month: m as u8 + 1,
            day: 1,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_words() {
        let d = month_in_words("Next update to Trust Board March 2024").unwrap();
        assert_eq!((d.year, d.month), (2024, 3));
        assert!(month_in_words("Regular update quarterly").is_none());
        assert!(matches!(when("2024-01"), Some(When::Month(2024, 1))));
        assert!(when("January").is_none());
    }
}
