//! ISO dates as board papers show them: `2023-11-28` → "28 November 2023".

/// A calendar date, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date {
    pub(crate) year: u16,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parses `YYYY-MM-DD`, refusing impossible days (2023-02-30).
    pub(crate) fn parse(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a date: write it as YYYY-MM-DD, e.g. 2023-11-28");
        let parts: Vec<&str> = s.trim().split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (year, month, day) = (
            y.parse::<u16>().map_err(|_| bad())?,
            m.parse::<u8>().map_err(|_| bad())?,
            d.parse::<u8>().map_err(|_| bad())?,
        );
        if !(1..=12).contains(&month) {
            return Err(format!("`{s}` has no month {month}"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(format!(
                "`{s}`: {} {year} has no day {day}",
                MONTHS[usize::from(month) - 1]
            ));
        }
        Ok(Date { year, month, day })
    }

    /// "28 November 2023"
    pub(crate) fn long(&self) -> String {
        format!("{} {} {}", self.day, self.month_name(), self.year)
    }

    pub(crate) fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date `days` days on (or back, when negative).
    pub(crate) fn add_days(&self, days: i64) -> Date {
        Date::from_days(self.days() + days)
    }

    /// Days since 1970-01-01 (the civil-from-days algorithm, proleptic Gregorian).
    pub(crate) fn days(&self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `z` days after 1970-01-01.
    pub(crate) fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    fn month_name(&self) -> &'static str {
        MONTHS[usize::from(self.month) - 1]
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// For a date written another way (`10/11/2023`, `10.11.2023`,
/// `10-11-2023`, `10 November 2023`, `10 Nov 2023`; UK order, day first),
/// the ISO form to write instead.
pub(crate) fn suggest_iso(s: &str) -> Option<String> {
    let parts: Vec<&str> = s
        .trim()
        .split(['/', '.', '-', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let day: u8 = d
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    let month: u8 = m.parse().ok().or_else(|| {
        let m = m.to_lowercase();
        let i = MONTHS
            .iter()
            .position(|name| m.len() >= 3 && name.to_lowercase().starts_with(&m))?;
        u8::try_from(i + 1).ok()
    })?;
    let year: u16 = match y.parse::<u16>().ok()? {
        y @ 1000..=9999 => y,
        y @ 0..=99 => 2000 + y,
        _ => return None,
    };
    let iso = format!("{year:04}-{month:02}-{day:02}");
    Date::parse(&iso).ok().map(|d| format!("write {}", d.iso()))
}

/// Shows an ISO date value long-form; any other text is left as written.
pub(crate) fn display_value(s: &str) -> String {
    Date::parse(s)
        .map(|d| d.long())
        .unwrap_or_else(|_| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        assert_eq!(
            Date::parse("2023-11-28").unwrap().long(),
            "28 November 2023"
        );
        assert_eq!(
            Date::parse("2024-02-29").unwrap().long(),
            "29 February 2024"
        );
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("28/11/2023").is_err());
        assert!(Date::parse("2023-13-01").is_err());
        assert_eq!(display_value("One off"), "One off");
    }

    #[test]
    fn suggests_iso_for_uk_dates() {
        for written in [
            "10/11/2023",
            "10.11.2023",
            "10-11-2023",
            "10 November 2023",
            "10 Nov 2023",
            "10th November 2023",
            "10/11/23",
        ] {
            assert_eq!(
                suggest_iso(written).as_deref(),
                Some("write 2023-11-10"),
                "{written}"
            );
        }
        assert_eq!(suggest_iso("31/02/2023"), None);
        assert_eq!(suggest_iso("next month"), None);
        assert_eq!(suggest_iso("2023-11-10"), None);
    }

    #[test]
    fn days_round_trip() {
        let d = Date::parse("2023-11-28").unwrap();
        assert_eq!(Date::from_days(0).iso(), "1970-01-01");
        assert_eq!(d.add_days(-8).iso(), "2023-11-20");
        assert_eq!(
            Date::parse("2024-03-01").unwrap().add_days(-1).iso(),
            "2024-02-29"
        );
        assert_eq!(Date::from_days(d.days()), d);
    }
}
