//! One list of recommendations, written in the three places the real papers
//! repeat them by hand: "Decision required" on the front sheet, the numbered
//! callouts in the body, and the closing section numbered I, II, III.

use std::collections::HashMap;

use crate::document::Callout;
use crate::project::FrontMatter;

pub(crate) struct Recommendations {
    /// "The Boards of the Alliance providers are asked to:"
    pub(crate) lead: String,
    /// (id, text as written) in order.
    pub(crate) items: Vec<(String, String)>,
    /// Each id's place in `items` (the first, if an id repeats), so placing
    /// a callout is not a search of the list.
    index: HashMap<String, usize>,
    /// Each item's own callout lead-in, where the paper words it itself.
    leads: Vec<Option<String>>,
}

impl Recommendations {
    pub(crate) fn new(f: &FrontMatter) -> Recommendations {
        let lead = f
            .decision_lead
            .clone()
            .unwrap_or_else(|| "The Board is asked to:".into());
        let entries = f.recommendations.iter().flat_map(|r| &r.0);
        let items = entries
            .clone()
            .map(|(k, v)| {
                (
                    k.value.clone(),
                    v.text.trim().trim_end_matches(['.', ';']).to_owned(),
                )
            })
            .collect::<Vec<_>>();
        let mut index = HashMap::new();
        for (i, (id, _)) in items.iter().enumerate() {
            index.entry(id.clone()).or_insert(i);
        }
        let leads = entries
            .map(|(_, v)| v.lead.as_ref().map(|l| l.trim().to_owned()))
            .collect();
        Recommendations {
            lead,
            items,
            index,
            leads,
        }
    }

    /// "Review and approve ...;" ... "Note the launch ....": the front sheet's list.
    pub(crate) fn front_sheet(&self) -> Vec<String> {
        let n = self.items.len();
        self.items
            .iter()
            .enumerate()
            .map(|(i, (_, t))| format!("{}{}", upper_first(t), end(i, n)))
            .collect()
    }

    /// The front sheet's lead and list. A single recommendation is one
    /// sentence, the common lead joined to it ("The Board is asked to
    /// approve ..."), with no lead above it, as the real papers write it.
    pub(crate) fn front_sheet_decisions(&self) -> (String, Vec<String>) {
        match self.items.as_slice() {
            [(_, only)] => {
                let lead = self.lead.trim().trim_end_matches(':').trim_end();
                (
                    String::new(),
                    vec![format!("{lead} {}.", lower_first(only))],
                )
            }
            _ => (self.lead.clone(), self.front_sheet()),
        }
    }

    /// ("I", "review and approve ...;"): the closing section's list.
    pub(crate) fn closing(&self) -> Vec<(String, String)> {
        let n = self.items.len();
        self.items
            .iter()
            .enumerate()
            .map(|(i, (_, t))| (roman(i + 1), format!("{}{}", lower_first(t), end(i, n))))
            .collect()
    }

    /// The callout for recommendation `id`, numbered by its place in the
    /// list, led by its own lead-in if it has one, else the common lead.
    pub(crate) fn callout(&self, id: &str) -> Option<Callout> {
        let i = *self.index.get(id)?;
        let lead = self.leads[i].as_deref().unwrap_or(&self.lead);
        let lead = lead.trim().trim_end_matches(':').trim_end();
        Some(Callout {
            number: i + 1,
            label: format!("Action and recommendation {}", i + 1),
            text: format!("{lead} {}.", lower_first(&self.items[i].1)),
        })
    }
}

fn end(i: usize, n: usize) -> &'static str {
    if i + 1 == n {
        "."
    } else {
        ";"
    }
}

/// Lower-cases the first letter unless the word is an acronym ("NHS", "ICB").
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), b) if a.is_uppercase() && b.is_none_or(|b| !b.is_uppercase()) => {
            a.to_lowercase().chain(s[a.len_utf8()..].chars()).collect()
        }
        _ => s.to_owned(),
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// 1 → "I", 4 → "IV", 14 → "XIV".
pub(crate) fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(yaml: &str) -> FrontMatter {
        let src = crate::source::Source::new("p.md".into(), yaml);
        crate::yaml::parse(&src, yaml, 0).expect("front matter parses")
    }

    #[test]
    fn own_lead_in_for_the_callout_only() {
        let f = front(
            "decision-lead: \"The Boards are asked to:\"\nrecommendations:\n  a: Review the plan\n  b: { text: Hold the date, lead: \"Board members are asked to\" }\n",
        );
        let recs = Recommendations::new(&f);
        let a = recs.callout("a").expect("a is a recommendation");
        let b = recs.callout("b").expect("b is a recommendation");
        assert_eq!(a.text, "The Boards are asked to review the plan.");
        assert_eq!(b.text, "Board members are asked to hold the date.");
        assert_eq!(b.label, "Action and recommendation 2");
        assert_eq!(recs.front_sheet(), ["Review the plan;", "Hold the date."]);
        assert_eq!(recs.lead, "The Boards are asked to:");
        assert_eq!(
            recs.closing(),
            [
                ("I".to_owned(), "review the plan;".to_owned()),
                ("II".to_owned(), "hold the date.".to_owned())
            ]
        );
    }

    #[test]
    fn one_recommendation_is_one_sentence_on_the_front_sheet() {
        let f = front("recommendations:\n  a: Approve the report.\n");
        let recs = Recommendations::new(&f);
        assert_eq!(
            recs.front_sheet_decisions(),
            (
                String::new(),
                vec!["The Board is asked to approve the report.".to_owned()]
            )
        );
        let f = front("recommendations:\n  a: Approve it\n  b: Note it\n");
        let (lead, list) = Recommendations::new(&f).front_sheet_decisions();
        assert_eq!(lead, "The Board is asked to:");
        assert_eq!(list, ["Approve it;", "Note it."]);
    }

    #[test]
    fn numerals_and_case() {
        assert_eq!([1, 4, 6, 9, 14].map(roman), ["I", "IV", "VI", "IX", "XIV"]);
        assert_eq!(lower_first("Review the plan"), "review the plan");
        assert_eq!(lower_first("NHS England"), "NHS England");
    }
}
