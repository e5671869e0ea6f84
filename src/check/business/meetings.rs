//! Each trust's meetings: its own `meeting` and the dates `plan.yaml`
//! lists for it. A meeting is named `<trust>/<date>` (`lpt/2023-09-26`).

use std::collections::BTreeMap;

use crate::check::problems::unknown;
use crate::date::Date;
use crate::diag::{Code, Diagnostic};
use crate::project::Project;
use crate::source::{Pos, Source};
use crate::yaml::{self, Spanned};

/// Trust id → its meetings, sorted, and the date of this cycle's.
#[derive(Debug, Clone, Default)]
pub(crate) struct Meetings {
    dates: BTreeMap<String, Vec<Date>>,
    current: BTreeMap<String, Date>,
}

impl Meetings {
    pub(crate) fn current(&self, trust: &str) -> Option<Date> {
        self.current.get(trust).copied()
    }

    pub(crate) fn of(&self, trust: &str) -> &[Date] {
        self.dates.get(trust).map_or(&[], Vec::as_slice)
    }

    /// The trust's first meeting after `date`.
    pub(crate) fn after(&self, trust: &str, date: Date) -> Option<Date> {
        self.of(trust).iter().copied().find(|d| *d > date)
    }

    /// The trust's first meeting on or after `date`.
    pub(crate) fn on_or_after(&self, trust: &str, date: Date) -> Option<Date> {
        self.of(trust).iter().copied().find(|d| *d >= date)
    }

    /// The trust's last meeting before `date`.
    pub(crate) fn before(&self, trust: &str, date: Date) -> Option<Date> {
        self.of(trust).iter().copied().rev().find(|d| *d < date)
    }

    #[cfg(test)]
    pub(crate) fn insert(&mut self, trust: &str, dates: &[Date], current: Date) {
        self.dates.insert(trust.into(), dates.to_vec());
        self.current.insert(trust.into(), current);
    }

    pub(crate) fn trusts(&self) -> impl Iterator<Item = &str> {
        self.dates.keys().map(String::as_str)
    }

    /// Resolves a meeting reference `<trust>/<date>`, or reports why not.
    pub(crate) fn resolve(
        &self,
        src: &Source,
        r: &Spanned<String>,
        line_offset: u32,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(String, Date)> {
        let pos = yaml::pos(r, line_offset);
        let Some((trust, date)) = r.value.split_once('/') else {
            let message = format!("`{}` does not name a meeting", r.value);
            let hint = "name a meeting as <trust>/<date>, e.g. lpt/2023-09-26";
            diags.push(
                Diagnostic::at(Code::UnknownMeeting, src, pos, message)
                    .with_hint(Some(hint.into())),
            );
            return None;
        };
        if !self.dates.contains_key(trust) {
            let d = unknown(
                Code::UnknownTrust,
                src,
                pos,
                "trust",
                trust,
                self.trusts(),
                "trusts/",
            );
            diags.push(d);
            return None;
        }
        let date = match Date::parse(date) {
            Ok(d) => d,
            Err(e) => {
                diags.push(crate::check::problems::bad_date(src, r, line_offset, e));
                return None;
            }
        };
        if !self.of(trust).contains(&date) {
            let d = self.unknown_meeting(src, r, trust, pos);
            diags.push(d.with_end(yaml::end(r, line_offset)));
            return None;
        }
        Some((trust.to_owned(), date))
    }

    /// A date that is none of the trust's meetings, with the nearest one.
    fn unknown_meeting(
        &self,
        src: &Source,
        r: &Spanned<String>,
        trust: &str,
        pos: Pos,
    ) -> Diagnostic {
        let known: Vec<String> = self
            .of(trust)
            .iter()
            .map(|d| format!("{trust}/{}", d.iso()))
            .collect();
        unknown(
            Code::UnknownMeeting,
            src,
            pos,
            "meeting",
            &r.value,
            known.iter().map(String::as_str),
            "the trust's `meeting` and plan.yaml's `meetings`",
        )
    }
}

/// Every trust's meetings, from its file and `plan.yaml`.
pub(crate) fn meetings(project: &Project, diags: &mut Vec<Diagnostic>) -> Meetings {
    let mut m = Meetings::default();
    for t in &project.trusts {
        let list = m.dates.entry(t.id.clone()).or_default();
        if let Ok(d) = Date::parse(&t.file.meeting.value) {
            list.push(d);
            m.current.insert(t.id.clone(), d);
        }
    }
    if let Some((src, plan)) = &project.business.plan {
        for (trust, dates) in &plan.meetings.0 {
            if !m.dates.contains_key(&trust.value) {
                let known: Vec<&str> = project.trusts.iter().map(|t| t.id.as_str()).collect();
                let pos = yaml::pos(trust, 0);
                diags.push(unknown(
                    Code::UnknownTrust,
                    src,
                    pos,
                    "trust",
                    &trust.value,
                    known,
                    "trusts/",
                ));
                continue;
            }
            for d in dates {
                match Date::parse(&d.value) {
                    Ok(date) => m.dates.entry(trust.value.clone()).or_default().push(date),
                    Err(e) => diags.push(crate::check::problems::bad_date(src, d, 0, e)),
                }
            }
        }
    }
    for list in m.dates.values_mut() {
        list.sort();
        list.dedup();
    }
    m
}
