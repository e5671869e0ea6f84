//! The cycle's standing business, checked: each trust's meetings, the
//! actions (from the actions files and the minutes' `action` blocks) and
//! the forward plan. Checking also writes the generated papers: it adds
//! the action log's and the forward plan's tables to the papers
//! `action-log` and `forward-plan`, and the attendance and actions to each
//! minutes paper, so every later stage (resolve, both renderers, packs,
//! tags, `diff`, `--public`) takes them as the papers they are.

mod actions;
pub(crate) mod deadline;
mod meetings;
mod minutes;
mod plan;
mod write;

use std::collections::BTreeMap;

use crate::date::Date;
use crate::diag::Diagnostic;
use crate::project::Project;

pub(crate) use meetings::Meetings;

/// The paper the action log's tables are added to.
pub(crate) const ACTION_LOG: &str = "action-log";
/// The paper the forward plan's tables are added to.
pub(crate) const FORWARD_PLAN: &str = "forward-plan";

/// The standing business of the cycle, checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Business {
    pub(crate) meetings: Meetings,
    pub(crate) actions: Vec<Action>,
    pub(crate) plan: Vec<Planned>,
    /// Trust id → clear days before its meeting papers must be final by.
    pub(crate) deadlines: BTreeMap<String, u32>,
}

/// One valid action.
#[derive(Debug, Clone)]
pub(crate) struct Action {
    pub(crate) id: String,
    /// The trust whose meeting raised it, and the meeting's date.
    pub(crate) raised_by: String,
    pub(crate) raised: Date,
    pub(crate) item: Option<String>,
    pub(crate) text: String,
    pub(crate) owner: String,
    /// `None`: due at the next meeting.
    pub(crate) due: Option<Date>,
    pub(crate) trusts: Vec<String>,
    pub(crate) closed: Option<Date>,
    pub(crate) updates: Vec<(Date, String)>,
}

/// Where one action stands for one trust at its meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Standing {
    Open { overdue: bool, due: Option<Date> },
    ClosedSinceLast,
    ClosedBefore,
}

impl Action {
    /// The date it is due at for `trust`: its own, or, due at the next
    /// meeting, the trust's first meeting on or after the raising trust's
    /// next one (a committee in common's next meeting for each trust).
    pub(crate) fn due_for(&self, trust: &str, meetings: &Meetings) -> Option<Date> {
        self.due.or_else(|| {
            let next = meetings.after(&self.raised_by, self.raised)?;
            meetings.on_or_after(trust, next)
        })
    }

    /// Where it stands at `trust`'s meeting of this cycle.
    pub(crate) fn standing(&self, trust: &str, meetings: &Meetings) -> Option<Standing> {
        let meeting = meetings.current(trust)?;
        let due = self.due_for(trust, meetings);
        Some(match self.closed {
            None => Standing::Open {
                overdue: due.is_some_and(|d| d < meeting),
                due,
            },
            Some(c) => match meetings.before(trust, meeting) {
                Some(last) if c <= last => Standing::ClosedBefore,
                _ => Standing::ClosedSinceLast,
            },
        })
    }
}

/// One item of the forward plan for one trust's meeting.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub(crate) trust: String,
    pub(crate) meeting: Date,
    pub(crate) title: String,
    pub(crate) lead: Option<String>,
    pub(crate) purpose: Option<String>,
}

/// Checks the standing business and writes the generated papers' text.
pub(crate) fn check(project: &mut Project, diags: &mut Vec<Diagnostic>) -> Business {
    let meetings = meetings::meetings(project, diags);
    let mut actions = Vec::new();
    let mut specs = Vec::new();
    for (src, list) in &project.business.actions {
        let src = std::rc::Rc::new(src.clone());
        for spec in list {
            specs.push((src.clone(), spec.value.clone(), None));
        }
    }
    minutes::take_actions(project, &meetings, &mut specs, diags);
    actions::check(&specs, &meetings, &mut actions, diags);
    let plan = plan::check(project, &meetings, diags);
    let deadlines = project
        .trusts
        .iter()
        .filter_map(|t| Some((t.id.clone(), t.file.publication_days.as_ref()?.value)))
        .collect();
    let business = Business {
        meetings,
        actions,
        plan,
        deadlines,
    };
    write::papers(project, &business);
    business
}

/// Counts of (open, overdue) actions for `trust` at its meeting.
pub(crate) fn counts(b: &Business, trust: &str) -> (usize, usize) {
    let mut open = 0;
    let mut overdue = 0;
    for a in b
        .actions
        .iter()
        .filter(|a| a.trusts.iter().any(|t| t == trust))
    {
        if let Some(Standing::Open { overdue: late, .. }) = a.standing(trust, &b.meetings) {
            open += 1;
            overdue += usize::from(late);
        }
    }
    (open, overdue)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn standing_at_a_trusts_meeting() {
        let mut m = Meetings::default();
        m.insert("a", &[d("2024-01-30"), d("2024-03-26")], d("2024-03-26"));
        let mut a = Action {
            id: "A1".into(),
            raised_by: "a".into(),
            raised: d("2024-01-30"),
            item: None,
            text: String::new(),
            owner: String::new(),
            due: Some(d("2024-02-20")),
            trusts: vec!["a".into()],
            closed: None,
            updates: Vec::new(),
        };
        let due = Some(d("2024-02-20"));
        assert_eq!(
            a.standing("a", &m),
            Some(Standing::Open { overdue: true, due })
        );
        a.due = None; // next meeting: this one, so not overdue
        let due = Some(d("2024-03-26"));
        assert_eq!(
            a.standing("a", &m),
            Some(Standing::Open {
                overdue: false,
                due
            })
        );
        a.closed = Some(d("2024-02-01"));
        assert_eq!(a.standing("a", &m), Some(Standing::ClosedSinceLast));
        a.closed = Some(d("2024-01-30"));
        assert_eq!(a.standing("a", &m), Some(Standing::ClosedBefore));
    }
}
