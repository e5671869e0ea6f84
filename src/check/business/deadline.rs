//! Publication deadlines: a trust's `publication-days` is the number of
//! clear days before its meeting by which its papers must be final (with
//! 7, papers for a meeting on 28 November are final by 20 November). A
//! paper still a draft after that day, as of the date `check --as-of`
//! gives, is warned about at its `draft:`.

use crate::check::{drafts, Model};
use crate::date::Date;
use crate::diag::{Code, Diagnostic};
use crate::source::Pos;
use crate::yaml;

/// The last day papers may be final on for a meeting `days` clear days on.
pub(crate) fn last_day(meeting: Date, days: u32) -> Date {
    meeting.add_days(-(i64::from(days) + 1))
}

/// Every draft paper past the deadline of a trust it goes to, as of `today`.
pub(crate) fn late_drafts(model: &Model, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in &model.papers {
        for t in model.recipients(p) {
            let (Some(meeting), Some(days)) = (t.meeting, model.business.deadlines.get(&t.id))
            else {
                continue;
            };
            let f = crate::project::variant::merged(&p.front, &t.id);
            if !drafts::is_draft(model.draft.is_some(), &f) {
                continue;
            }
            let due = last_day(meeting, *days);
            if today <= due {
                continue;
            }
            let pos = f.draft.as_ref().map_or(Pos::new(1, 1), |d| yaml::pos(d, 1));
            out.push(
                Diagnostic::at(
                    Code::PastDeadline,
                    &p.source,
                    pos,
                    format!(
                        "`{}` is still a draft, but {}'s papers had to be final by {} ({days} clear days before its meeting on {})",
                        p.id,
                        t.short,
                        due.long(),
                        meeting.long()
                    ),
                )
                .with_hint(Some("finish it and remove `draft: true`".into()))
                .into_warning(),
            );
        }
    }
    out
}
