//! Each action as written → an [`Action`], or located errors: an unknown
//! trust or meeting, a due date before the meeting that raised it, a
//! closed action with no closing date, an id used twice.

use std::collections::HashMap;
use std::rc::Rc;

use super::{Action, Meetings};
use crate::check::problems::unknown;
use crate::date::Date;
use crate::diag::{Code, Diagnostic};
use crate::project::business::ActionSpec;
use crate::source::{Pos, Source};
use crate::yaml::{self, OneOrMany, Spanned};

/// Where an action written in minutes comes from: the minutes' meeting,
/// the item heading it sits under, and its block's line offset.
#[derive(Debug, Clone)]
pub(crate) struct Raised {
    pub(crate) trust: String,
    pub(crate) date: Date,
    pub(crate) item: Option<String>,
    pub(crate) line_offset: u32,
}

/// One action as written, with its file and, from minutes, its context.
/// (The file is shared by its actions, not copied for each.)
pub(crate) type Written = (Rc<Source>, ActionSpec, Option<Raised>);

/// Checks every action; the valid ones go to `out`.
pub(crate) fn check(
    specs: &[Written],
    meetings: &Meetings,
    out: &mut Vec<Action>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<&str, (&Source, Pos)> = HashMap::new();
    for (src, spec, ctx) in specs {
        let off = ctx.as_ref().map_or(0, |c| c.line_offset);
        let pos = yaml::pos(&spec.id, off);
        if let Some((first, at)) = seen.get(spec.id.value.as_str()) {
            diags.push(
                Diagnostic::at(
                    Code::DuplicateId,
                    src,
                    pos,
                    format!(
                        "action id `{}` is used twice (first at {}:{})",
                        spec.id.value,
                        first.name.display(),
                        at.line
                    ),
                )
                .with_hint(Some("give each action its own id".into())),
            );
            continue;
        }
        seen.insert(&spec.id.value, (src, pos));
        if let Some(a) = action(src, spec, ctx.as_ref(), off, meetings, diags) {
            out.push(a);
        }
    }
}

fn action(
    src: &Source,
    spec: &ActionSpec,
    ctx: Option<&Raised>,
    off: u32,
    meetings: &Meetings,
    diags: &mut Vec<Diagnostic>,
) -> Option<Action> {
    let before = diags.len();
    let raised = raised(src, spec, ctx, off, meetings, diags);
    let trusts = trusts(src, spec, off, meetings, diags);
    let due = due(src, &spec.due, off, diags);
    let closed = closed(src, spec, off, diags);
    let updates = updates(src, spec, off, diags);
    let (raised_by, raised) = raised?;
    let at = |v: &Option<Option<Date>>| v.flatten();
    if let Some(d) = at(&due).filter(|d| *d < raised) {
        diags.push(before_raised(src, &spec.due, off, spec, "due", d, raised));
    }
    if let (Some(c), Some(w)) = (at(&closed).filter(|c| *c < raised), &spec.closed) {
        diags.push(before_raised(src, w, off, spec, "closed", c, raised));
    }
    if diags[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    let item = spec.item.as_ref().map(|i| i.value.text());
    let action = Action {
        id: spec.id.value.clone(),
        raised_by,
        raised,
        item: item.or_else(|| ctx?.item.clone()),
        text: spec.text.clone(),
        owner: spec.owner.clone(),
        due: due?,
        trusts: trusts?,
        closed: closed?,
        updates,
    };
    no_meeting_to_report(src, spec, off, &action, meetings, diags);
    Some(action)
}

/// The meeting that raised it: its own `raised`, else the minutes'.
fn raised(
    src: &Source,
    spec: &ActionSpec,
    ctx: Option<&Raised>,
    off: u32,
    meetings: &Meetings,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, Date)> {
    match (&spec.raised, ctx) {
        (Some(r), _) => meetings.resolve(src, r, off, diags),
        (None, Some(c)) => Some((c.trust.clone(), c.date)),
        (None, None) => {
            let message = format!(
                "action `{}` does not say which meeting raised it",
                spec.id.value
            );
            let hint = "add `raised: <trust>/<date>`, e.g. lpt/2023-09-26";
            let at = yaml::pos(&spec.id, off);
            diags.push(
                Diagnostic::at(Code::MissingField, src, at, message).with_hint(Some(hint.into())),
            );
            None
        }
    }
}

/// Its dated updates; one with a bad date is reported and left out.
fn updates(
    src: &Source,
    spec: &ActionSpec,
    off: u32,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Date, String)> {
    let mut out = Vec::new();
    for u in spec.updates.iter().flatten() {
        match Date::parse(&u.date.value) {
            Ok(d) => out.push((d, u.text.clone())),
            Err(e) => diags.push(crate::check::problems::bad_date(src, &u.date, off, e)),
        }
    }
    out
}

/// "action `A1` is due on 1 March 2024, before the meeting that raised it".
fn before_raised(
    src: &Source,
    at: &Spanned<String>,
    off: u32,
    spec: &ActionSpec,
    what: &str,
    date: Date,
    raised: Date,
) -> Diagnostic {
    let message = format!(
        "action `{}` is {what} on {}, before the meeting that raised it ({})",
        spec.id.value,
        date.long(),
        raised.long()
    );
    Diagnostic::at(Code::ActionDates, src, yaml::pos(at, off), message).with_end(yaml::end(at, off))
}

/// Warns when an open action is due where one of its trusts has no
/// meeting to report at (none on or after the due date).
fn no_meeting_to_report(
    src: &Source,
    spec: &ActionSpec,
    off: u32,
    a: &Action,
    meetings: &Meetings,
    diags: &mut Vec<Diagnostic>,
) {
    if a.closed.is_some() {
        return;
    }
    for t in &a.trusts {
        let at = match a.due {
            Some(d) => meetings.on_or_after(t, d),
            None => a.due_for(t, meetings),
        };
        if at.is_none() {
            let when = a.due.map_or("the next meeting".into(), |d| d.long());
            diags.push(
                Diagnostic::at(
                    Code::NoMeetingPlanned,
                    src,
                    yaml::pos(&spec.due, off),
                    format!(
                        "action `{}` is due at {when}, but `{t}` has no meeting then to report at",
                        a.id
                    ),
                )
                .with_end(yaml::end(&spec.due, off))
                .with_hint(Some(format!(
                    "add the meeting to plan.yaml's `meetings: {t}:` list"
                )))
                .into_warning(),
            );
        }
    }
}

/// The trusts it is for: `all` (or unset) is every trust.
fn trusts(
    src: &Source,
    spec: &ActionSpec,
    off: u32,
    meetings: &Meetings,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<String>> {
    let all: Vec<String> = meetings.trusts().map(str::to_owned).collect();
    let Some(list) = &spec.trusts else {
        return Some(all);
    };
    let ids = match &list.value {
        OneOrMany::One(s) if s == "all" => return Some(all),
        OneOrMany::One(s) => vec![s.clone()],
        OneOrMany::Many(v) => v.clone(),
    };
    let mut ok = true;
    for id in &ids {
        if !all.contains(id) {
            ok = false;
            diags.push(unknown(
                Code::UnknownTrust,
                src,
                yaml::pos(list, off),
                "trust",
                id,
                all.iter().map(String::as_str),
                "trusts/",
            ));
        }
    }
    ok.then_some(ids)
}

/// `Some(None)`: due at the next meeting; `None`: not a date (reported).
fn due(
    src: &Source,
    due: &Spanned<String>,
    off: u32,
    diags: &mut Vec<Diagnostic>,
) -> Option<Option<Date>> {
    if due.value.trim().eq_ignore_ascii_case("next meeting") {
        return Some(None);
    }
    match Date::parse(&due.value) {
        Ok(d) => Some(Some(d)),
        Err(e) => {
            let d = crate::check::problems::bad_date(src, due, off, e);
            let hint = d.hint.clone().or(Some("or write `next meeting`".into()));
            diags.push(d.with_hint(hint));
            None
        }
    }
}

/// `Some(Some(date))` closed, `Some(None)` open, `None` broken (reported).
fn closed(
    src: &Source,
    spec: &ActionSpec,
    off: u32,
    diags: &mut Vec<Diagnostic>,
) -> Option<Option<Date>> {
    let status = spec.status.as_ref();
    let at = status.map_or(yaml::pos(&spec.id, off), |s| yaml::pos(s, off));
    let id = &spec.id.value;
    let problem = match (status.map_or("open", |s| s.value.as_str()), &spec.closed) {
        ("open", None) => return Some(None),
        ("closed", Some(c)) => match Date::parse(&c.value) {
            Ok(d) => return Some(Some(d)),
            Err(e) => crate::check::problems::bad_date(src, c, off, e),
        },
        ("closed", None) => Diagnostic::at(
            Code::ActionDates,
            src,
            at,
            format!("action `{id}` is closed but has no closing date"),
        )
        .with_hint(Some("add `closed: <date>`, the day it was closed".into())),
        ("open", Some(c)) => Diagnostic::at(
            Code::ActionDates,
            src,
            yaml::pos(c, off),
            format!("action `{id}` has a closing date but is not closed"),
        )
        .with_hint(Some("add `status: closed`, or remove `closed:`".into())),
        (other, _) => {
            let hint = crate::diag::suggest::did_you_mean(other, ["open", "closed"])
                .or(Some("an action is `open` or `closed`".into()));
            let message = format!("`{other}` is not an action's status");
            Diagnostic::at(Code::ActionValue, src, at, message).with_hint(hint)
        }
    };
    diags.push(problem);
    None
}
